//! Decoding the index files: keyed files, postings, position chunks, doc tables, word shards.

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;

use super::SearchIndex;
use crate::search::codec::Reader;
use crate::search::indexer::bigram_shard;

#[derive(Deserialize)]
pub(super) struct Manifest {
    pub docs: u32,
    pub block: u32,
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

/// Decoded doc table block.
pub(super) struct DocTable {
    pub dates: Vec<i64>,
    pub tls: Vec<u32>,
    /// Matchable title lengths (see the indexer's `Analysis::tc`).
    pub tcs: Vec<u32>,
    /// facet key → per doc → labels
    pub facets: Vec<(String, Vec<Vec<String>>)>,
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

    /// The facet keys with their values (`d/labels.bin`).
    pub(super) fn labels(&self) -> Vec<(String, Vec<String>)> {
        let decode = |buf: &[u8]| -> Option<Vec<(String, Vec<String>)>> {
            let mut r = Reader::new(buf);
            let n = r.varint()?;
            (0..n)
                .map(|_| {
                    let key = r.str()?.to_string();
                    let nv = r.varint()?;
                    let values = (0..nv)
                        .map(|_| r.str().map(str::to_string))
                        .collect::<Option<Vec<String>>>()?;
                    Some((key, values))
                })
                .collect()
        };
        self.get("d/labels.bin").and_then(decode).unwrap_or_default()
    }

    /// The doc table of block `blk`; `labels` as [`Self::labels`] returns them.
    pub(super) fn doc_table(&self, blk: u32, labels: &[(String, Vec<String>)]) -> Option<DocTable> {
        let buf = self.get(&format!("d/{blk}.bin"))?;
        let mut r = Reader::new(buf);
        let n = r.varint()? as usize;
        let mut dates = Vec::with_capacity(n);
        let mut prev = 0i64;
        for _ in 0..n {
            let z = r.varint()?;
            prev += ((z >> 1) as i64) ^ -((z & 1) as i64);
            dates.push(prev);
        }
        let tls = (0..n)
            .map(|_| r.varint().map(|v| v as u32))
            .collect::<Option<Vec<u32>>>()?;
        let mut tcs = tls.clone();
        let mut i = 0usize;
        for _ in 0..r.varint()? {
            i += r.varint()? as usize;
            let diff = r.varint()? as u32;
            let tc = tcs.get_mut(i)?;
            *tc = tc.saturating_sub(diff);
        }
        let facets = labels
            .iter()
            .map(|(k, vs)| decode_facet(&mut r, k, vs, n))
            .collect::<Option<Vec<_>>>()?;
        Some(DocTable {
            dates,
            tls,
            tcs,
            facets,
        })
    }
}

/// One facet key of a doc table: value sets (indices into the key's labels), runs → labels
/// per document.
fn decode_facet(r: &mut Reader, key: &str, labels: &[String], n: usize) -> Option<(String, Vec<Vec<String>>)> {
    let ns = r.varint()?;
    let mut sets: Vec<Vec<String>> = Vec::new();
    for _ in 0..ns {
        let c = r.varint()?;
        let s = (0..c)
            .map(|_| r.varint().and_then(|i| labels.get(i as usize).cloned()))
            .collect::<Option<Vec<String>>>()?;
        sets.push(s);
    }
    let nr = r.varint()?;
    let mut per_doc = Vec::with_capacity(n);
    for _ in 0..nr {
        let len = r.varint()?;
        let s = sets.get(r.varint()? as usize)?;
        per_doc.extend(std::iter::repeat_n(s.clone(), len.min(n as u64) as usize));
    }
    per_doc.resize(n, vec![]);
    Some((key.to_string(), per_doc))
}
