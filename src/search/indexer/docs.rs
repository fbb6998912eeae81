//! Per-document files: the facets of every document (`d/facets.bin`, see [`super::facets`]),
//! the dates (`d/<block>.bin`), the documents by matchable title length (`t/<n>.bin`), and the
//! result records `r/<id>.json` with their text parts `r/<id>-<k>.txt`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use super::analyze::Analysis;
use super::{PART, PART_OVERLAP, WINDOW, days_from_iso};
use crate::search::codec::{put_doc_set, put_varint};
use crate::search::{FACET_ORDER, IndexFile, SearchRecord};

#[derive(Serialize)]
struct RecordFile<'a> {
    u: &'a str,
    t: &'a str,
    k: &'a str,
    b: &'a [String],
    d: Option<&'a str>,
    dd: Option<&'a str>,
    x: String,
    /// Number of text parts.
    n: usize,
}

/// The facets of a record, values sorted and distinct; `kind` defaults to the record's kind.
pub(super) fn facet_values(r: &SearchRecord) -> BTreeMap<String, Vec<String>> {
    let mut f = r.facets.clone();
    if !f.contains_key("kind") && !r.kind.is_empty() {
        f.insert("kind".into(), vec![r.kind.clone()]);
    }
    for v in f.values_mut() {
        v.sort();
        v.dedup();
    }
    f.retain(|_, v| !v.is_empty());
    f
}

/// Facet keys: the known ones first ([`FACET_ORDER`]), then the others sorted.
pub(super) fn facet_keys(recs: &[&SearchRecord]) -> Vec<String> {
    let all: BTreeSet<String> = recs.iter().flat_map(|r| facet_values(r).into_keys()).collect();
    let mut keys: Vec<String> = FACET_ORDER
        .iter()
        .filter(|k| all.contains(**k))
        .map(|k| k.to_string())
        .collect();
    keys.extend(all.iter().filter(|k| !FACET_ORDER.contains(&k.as_str())).cloned());
    keys
}

/// The result record of document `i` and its text parts.
pub(super) fn record_files(i: usize, r: &SearchRecord, prefix: &str) -> Vec<IndexFile> {
    let chars: Vec<char> = r.body.chars().collect();
    let parts = chars.len().saturating_sub(WINDOW).div_ceil(PART);
    let rf = RecordFile {
        u: &r.url,
        t: &r.title,
        k: &r.kind,
        b: &r.breadcrumb,
        d: r.date.as_deref(),
        dd: r.date_display.as_deref(),
        x: chars[..chars.len().min(WINDOW)].iter().collect(),
        n: parts,
    };
    let mut v = vec![IndexFile {
        path: format!("{prefix}r/{i}.json"),
        bytes: serde_json::to_vec(&rf).expect("record serialises"),
    }];
    for k in 0..parts {
        let lo = WINDOW + k * PART - PART_OVERLAP;
        let hi = (WINDOW + (k + 1) * PART).min(chars.len());
        v.push(IndexFile {
            path: format!("{prefix}r/{i}-{k}.txt"),
            bytes: chars[lo..hi].iter().collect::<String>().into_bytes(),
        });
    }
    v
}

/// `d/<b>.bin`: the dates of documents `b · block …`: `varint n`, `varint base` (the
/// smallest date key of the block), `varint bits`, then per document `bits` bits (packed from
/// the low bit of the first byte): 0 when undated, else date key − base + 1. A date key is
/// days since 1970 plus one.
pub(super) fn date_files(recs: &[&SearchRecord], block: u32, prefix: &str) -> Vec<IndexFile> {
    recs.chunks(block as usize)
        .enumerate()
        .map(|(b, recs)| {
            let keys: Vec<i64> = recs.iter().map(|r| date_key(r)).collect();
            let base = keys.iter().copied().filter(|&k| k > 0).min().unwrap_or(1);
            let vals: Vec<u64> = keys
                .iter()
                .map(|&k| if k > 0 { (k - base + 1) as u64 } else { 0 })
                .collect();
            let bits = vals.iter().max().map_or(0, |&m| u64::BITS - m.leading_zeros());
            let mut out = Vec::new();
            put_varint(&mut out, recs.len() as u64);
            put_varint(&mut out, base as u64);
            put_varint(&mut out, bits as u64);
            put_packed(&mut out, &vals, bits);
            IndexFile {
                path: format!("{prefix}d/{b}.bin"),
                bytes: out,
            }
        })
        .collect()
}

/// Append `vals`, `bits` bits each, packed from the low bit of the first byte.
pub(super) fn put_packed(out: &mut Vec<u8>, vals: &[u64], bits: u32) {
    let start = out.len();
    out.resize(start + (vals.len() * bits as usize).div_ceil(8), 0);
    for (i, &v) in vals.iter().enumerate() {
        for b in 0..bits {
            if v >> b & 1 == 1 {
                let at = i * bits as usize + b as usize;
                out[start + at / 8] |= 1 << (at % 8);
            }
        }
    }
}

/// Days since 1970-01-01 plus one of a record's date; 0 when it has none (or a malformed one).
pub(super) fn date_key(r: &SearchRecord) -> i64 {
    r.date.as_deref().and_then(days_from_iso).map_or(0, |x| (x + 1).max(1))
}

/// The matchable title lengths of the documents, sorted, distinct (0 left out).
pub(super) fn title_lengths(an: &[Arc<Analysis>]) -> Vec<u32> {
    let set: BTreeSet<u32> = an.iter().map(|a| a.tc).filter(|&n| n > 0).collect();
    set.into_iter().collect()
}

/// `t/<n>.bin`: the doc set of the documents whose title has `n` matchable characters (a
/// query whose parts are all in such a title and add up to `n` characters is the whole title).
pub(super) fn title_length_files(an: &[Arc<Analysis>], docs: u32, prefix: &str) -> Vec<IndexFile> {
    let mut by_len: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (d, a) in an.iter().enumerate() {
        if a.tc > 0 {
            by_len.entry(a.tc).or_default().push(d as u32);
        }
    }
    by_len
        .into_iter()
        .map(|(n, ds)| {
            let mut bytes = Vec::new();
            put_doc_set(&mut bytes, &ds, docs);
            IndexFile {
                path: format!("{prefix}t/{n}.bin"),
                bytes,
            }
        })
        .collect()
}
