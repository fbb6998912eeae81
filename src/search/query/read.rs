//! Decoding the index files: keyed files, postings, position chunks, facets, dates, word shards.

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;

use super::SearchIndex;
use crate::search::codec::Reader;
use crate::search::indexer::bigram_shard;

#[derive(Deserialize)]
pub(super) struct Manifest {
    pub docs: u32,
    /// Position of the first body character (see the indexer's `BODY_AT`).
    pub body: u32,
    /// Documents per date file.
    pub block: u32,
    /// Title lengths with a `t/<n>.bin`.
    #[serde(default)]
    pub titles: Vec<u32>,
    pub shards: u32,
    pub ushards: u32,
    pub window: usize,
    pub part: usize,
}

#[derive(Deserialize)]
pub(super) struct RecordFile {
    pub u: String,
    pub t: String,
    pub x: String,
    pub n: usize,
}

/// Where the positions of a bigram are.
#[derive(Default)]
pub(super) enum PosData {
    #[default]
    None,
    /// doc → positions
    Inline(HashMap<u32, Vec<u32>>),
    /// first doc of each chunk file `x/<key>-<i>.bin`
    Chunked(Vec<u32>),
}

/// The postings record of one key.
#[derive(Default)]
pub(super) struct Postings {
    pub docs: Vec<u32>,
    pub title: Vec<u32>,
    pub key: u64,
    pub pos: PosData,
}

impl Postings {
    /// The chunk files holding the positions of `docs` (none when positions are inline).
    pub fn chunks_for(&self, docs: &[u32]) -> BTreeSet<usize> {
        match &self.pos {
            PosData::Chunked(firsts) => docs
                .iter()
                .filter_map(|d| firsts.partition_point(|f| f <= d).checked_sub(1))
                .collect(),
            _ => BTreeSet::new(),
        }
    }

    /// Whether reading positions costs requests (chunk files).
    pub fn is_chunked(&self) -> bool {
        matches!(self.pos, PosData::Chunked(_))
    }
}

/// One column of `d/facets.bin`: its keys (indices), per tuple and key the values, and the
/// tuple of every document.
pub(super) struct Column {
    pub keys: Vec<usize>,
    pub tuples: Vec<Vec<Vec<String>>>,
    pub per_doc: Vec<u32>,
}

/// The decoded `d/facets.bin`.
#[derive(Default)]
pub(super) struct Facets {
    pub keys: Vec<String>,
    pub columns: Vec<Column>,
}

impl Facets {
    /// (key, values) of document `d`, for every key.
    pub fn of(&self, d: u32) -> Vec<(&str, &[String])> {
        let mut out = Vec::with_capacity(self.keys.len());
        for c in &self.columns {
            let Some(t) = c.per_doc.get(d as usize).and_then(|&t| c.tuples.get(t as usize)) else {
                continue;
            };
            for (j, &k) in c.keys.iter().enumerate() {
                out.push((self.keys[k].as_str(), &t[j][..]));
            }
        }
        out
    }
}

/// `varint ndocs; ndocs × (varint doc delta (first from base), varint npos, npos × varint
/// position delta)`.
fn decode_positions(buf: &[u8], base: u32) -> Option<HashMap<u32, Vec<u32>>> {
    let mut r = Reader::new(buf);
    let nd = r.varint()?;
    let mut out = HashMap::new();
    let mut doc = base as u64;
    for _ in 0..nd {
        doc += r.varint()?;
        let np = r.varint()?;
        let mut ps = Vec::with_capacity(np.min(1 << 16) as usize);
        let mut p = 0u64;
        for _ in 0..np {
            p += r.varint()?;
            ps.push(p as u32);
        }
        out.insert(doc as u32, ps);
    }
    Some(out)
}

/// Find `key` in a keyed file; returns the record bytes.
fn keyed(buf: &[u8], key: u64) -> Option<&[u8]> {
    let mut r = Reader::new(buf);
    let n = r.varint()?;
    let mut k = 0u64;
    let mut off = 0usize;
    let mut found = None;
    for _ in 0..n {
        k += r.varint()?;
        let len = r.varint()? as usize;
        if k == key {
            found = Some((off, len));
        }
        off += len;
    }
    let (o, l) = found?;
    buf.get(r.pos + o..r.pos + o + l)
}

/// Sorted values written as a count and gaps.
fn gap_list(r: &mut Reader) -> Vec<u32> {
    let n = r.varint().unwrap_or(0);
    let mut out = Vec::new();
    let mut prev = 0u64;
    for _ in 0..n {
        let Some(v) = r.varint() else { break };
        prev += v;
        out.push(prev as u32);
    }
    out
}

/// Words of a word shard with their record bytes.
pub(super) fn decode_word_file(buf: &[u8]) -> Option<Vec<(&str, &[u8])>> {
    let mut r = Reader::new(buf);
    let n = r.varint()?;
    let mut heads = Vec::new();
    for _ in 0..n {
        let w = r.str()?;
        let len = r.varint()? as usize;
        heads.push((w, len));
    }
    let mut out = Vec::new();
    for (w, len) in heads {
        out.push((w, r.bytes(len)?));
    }
    Some(out)
}

impl SearchIndex {
    /// The postings of `key` in the keyed file `path` (empty when absent).
    pub(super) fn postings(&self, path: &str, key: u64) -> Postings {
        let empty = Postings::default();
        let Some(buf) = self.get(path) else { return empty };
        let Some(rec) = keyed(buf, key) else { return empty };
        let mut r = Reader::new(rec);
        let docs = r.doc_set(self.m.docs).unwrap_or_default();
        let title = r.doc_set(self.m.docs).unwrap_or_default();
        let pos = match r.byte() {
            Some(0) => PosData::Inline(decode_positions(&rec[r.pos..], 0).unwrap_or_default()),
            Some(1) => PosData::Chunked(gap_list(&mut r)),
            _ => PosData::None,
        };
        Postings { docs, title, key, pos }
    }

    pub(super) fn bigram_postings(&self, key: u64) -> Postings {
        self.postings(&format!("b/{}.bin", bigram_shard(key, self.m.shards)), key)
    }

    /// Positions of a bigram in the given documents, fetching only the chunks needed.
    pub(super) fn positions(&self, p: &Postings, docs: &[u32]) -> HashMap<u32, Vec<u32>> {
        let all = match &p.pos {
            PosData::None => return HashMap::new(),
            PosData::Inline(m) => return docs.iter().filter_map(|d| m.get(d).map(|v| (*d, v.clone()))).collect(),
            PosData::Chunked(firsts) => firsts,
        };
        let mut out = HashMap::new();
        for c in p.chunks_for(docs) {
            let Some(buf) = self.get(&format!("x/{:x}-{c}.bin", p.key)) else {
                continue;
            };
            let m = decode_positions(buf, all[c]).unwrap_or_default();
            out.extend(docs.iter().filter_map(|d| m.get(d).map(|v| (*d, v.clone()))));
        }
        out
    }

    /// `d/facets.bin` (empty when missing or malformed).
    pub(super) fn facets(&self) -> Facets {
        self.get("d/facets.bin")
            .and_then(|b| decode_facets(b, self.m.docs as usize))
            .unwrap_or_default()
    }

    /// The date keys (days since 1970 plus one, 0: undated) of the documents of block `b`
    /// (`d/<b>.bin`).
    pub(super) fn date_block(&self, b: u32) -> Vec<i64> {
        let decode = |buf: &[u8]| -> Option<Vec<i64>> {
            let mut r = Reader::new(buf);
            let n = r.varint()?.min(self.m.block as u64) as usize;
            let base = r.varint()? as i64;
            let bits = r.varint()?.min(63) as usize;
            let packed = r.bytes((n * bits).div_ceil(8))?;
            Some(
                unpack(packed, n, bits)
                    .map(|v| if v == 0 { 0 } else { base + v as i64 - 1 })
                    .collect(),
            )
        };
        self.get(&format!("d/{b}.bin")).and_then(decode).unwrap_or_default()
    }

    /// The documents whose title has `n` matchable characters (`t/<n>.bin`), sorted.
    pub(super) fn whole_titles(&self, n: u32) -> Vec<u32> {
        if self.m.titles.binary_search(&n).is_err() {
            return Vec::new();
        }
        self.get(&format!("t/{n}.bin"))
            .and_then(|b| Reader::new(b).doc_set(self.m.docs))
            .unwrap_or_default()
    }
}

/// Decode `d/facets.bin` (layout in the indexer's `facets` module).
fn decode_facets(buf: &[u8], docs: usize) -> Option<Facets> {
    let mut r = Reader::new(buf);
    let mut keys = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..r.varint()? {
        keys.push(r.str()?.to_string());
        let n = r.varint()?;
        labels.push(
            (0..n)
                .map(|_| r.str().map(str::to_string))
                .collect::<Option<Vec<_>>>()?,
        );
    }
    let ncols = r.varint()?;
    let mut columns = Vec::new();
    for _ in 0..ncols {
        let ck = (0..r.varint()?)
            .map(|_| r.varint().map(|k| k as usize).filter(|&k| k < keys.len()))
            .collect::<Option<Vec<usize>>>()?;
        let nt = r.varint()?;
        let mut tuples = Vec::new();
        for _ in 0..nt {
            let mut t = Vec::new();
            for &k in &ck {
                let len = r.varint()?;
                let set = (0..len)
                    .map(|_| r.varint().and_then(|i| labels[k].get(i as usize).cloned()))
                    .collect::<Option<Vec<String>>>()?;
                t.push(set);
            }
            tuples.push(t);
        }
        let per_doc: Vec<u32> = match r.byte()? {
            0 => {
                let bits = r.varint()?.min(32) as usize;
                unpack(r.bytes((docs * bits).div_ceil(8))?, docs, bits)
                    .map(|t| t as u32)
                    .collect()
            }
            1 => {
                let mut v = Vec::with_capacity(docs);
                for _ in 0..r.varint()? {
                    let len = r.varint()?.min(docs as u64) as usize;
                    let t = r.varint()? as u32;
                    v.extend(std::iter::repeat_n(t, len));
                }
                v.truncate(docs);
                v
            }
            _ => return None,
        };
        columns.push(Column {
            keys: ck,
            tuples,
            per_doc,
        });
    }
    Some(Facets { keys, columns })
}

/// `n` values of `bits` bits each, packed from the low bit of the first byte.
fn unpack(packed: &[u8], n: usize, bits: usize) -> impl Iterator<Item = u64> + '_ {
    (0..n).map(move |i| {
        (0..bits).fold(0u64, |v, b| {
            let at = i * bits + b;
            v | (((packed[at / 8] >> (at % 8)) & 1) as u64) << b
        })
    })
}
