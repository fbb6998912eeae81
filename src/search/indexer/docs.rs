//! Per-document files: the doc tables `d/<block>.bin` (dates, title lengths, facets) and the
//! result records `r/<id>.json` with their text parts `r/<id>-<k>.txt`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::analyze::Analysis;
use super::{PART, PART_OVERLAP, WINDOW, days_from_iso};
use crate::search::codec::{put_str, put_varint};
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

/// The facet keys and, per key, every value of the corpus, sorted: written once as
/// `d/labels.bin` (`varint nkeys`, per key: `str key`, `varint n`, `n × str value`); the
/// doc tables refer to values by their index here.
pub(super) struct Labels {
    keys: Vec<String>,
    index: Vec<HashMap<String, usize>>,
    bytes: Vec<u8>,
}

impl Labels {
    pub fn new(recs: &[&SearchRecord], keys: Vec<String>) -> Self {
        let mut values: Vec<BTreeSet<String>> = vec![BTreeSet::new(); keys.len()];
        for r in recs {
            for (k, vs) in facet_values(r) {
                if let Some(i) = keys.iter().position(|x| *x == k) {
                    values[i].extend(vs);
                }
            }
        }
        let mut bytes = Vec::new();
        put_varint(&mut bytes, keys.len() as u64);
        for (k, vs) in keys.iter().zip(&values) {
            put_str(&mut bytes, k);
            put_varint(&mut bytes, vs.len() as u64);
            vs.iter().for_each(|v| put_str(&mut bytes, v));
        }
        let index = values
            .into_iter()
            .map(|vs| vs.into_iter().enumerate().map(|(i, v)| (v, i)).collect())
            .collect();
        Labels { keys, index, bytes }
    }

    pub fn file(&self, prefix: &str) -> IndexFile {
        IndexFile {
            path: format!("{prefix}d/labels.bin"),
            bytes: self.bytes.clone(),
        }
    }
}

/// Per block: dates, title lengths (and matchable title lengths where they differ), then
/// per facet key (in `index.json` order) the run-length coded value sets.
pub(super) fn doc_table(recs: &[&SearchRecord], an: &[Arc<Analysis>], labels: &Labels) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, recs.len() as u64);
    let mut prev: i64 = 0;
    for r in recs {
        // days + 1 (0 = no date), zigzag delta from the previous document.
        let v = r.date.as_deref().and_then(days_from_iso).map_or(0, |x| x + 1);
        let delta = v - prev;
        put_varint(&mut out, ((delta << 1) ^ (delta >> 63)) as u64);
        prev = v;
    }
    for a in an {
        put_varint(&mut out, a.tl as u64);
    }
    put_title_exceptions(&mut out, an);
    let fv: Vec<BTreeMap<String, Vec<String>>> = recs.iter().map(|r| facet_values(r)).collect();
    for (k, index) in labels.keys.iter().zip(&labels.index) {
        let per_doc: Vec<Vec<usize>> = fv
            .iter()
            .map(|f| f.get(k).map_or(vec![], |v| v.iter().map(|x| index[x]).collect()))
            .collect();
        put_facet(&mut out, &per_doc);
    }
    out
}

/// Titles whose matchable length differs from their length (punctuation, spaces): `varint
/// n`, `n × (varint index delta, varint tl − tc)`.
fn put_title_exceptions(out: &mut Vec<u8>, an: &[Arc<Analysis>]) {
    let odd: Vec<(usize, u32)> = an
        .iter()
        .enumerate()
        .filter(|(_, a)| a.tc != a.tl)
        .map(|(i, a)| (i, a.tl - a.tc))
        .collect();
    put_varint(out, odd.len() as u64);
    let mut prev = 0;
    for (i, diff) in odd {
        put_varint(out, (i - prev) as u64);
        put_varint(out, diff as u64);
        prev = i;
    }
}

/// One facet key of a doc table: value sets (label indices; set 0 is the empty set, the
/// others in first-seen order), then runs of (length, set) over the block's documents.
fn put_facet(out: &mut Vec<u8>, per_doc: &[Vec<usize>]) {
    let mut sets: Vec<&[usize]> = vec![&[]];
    let mut set_idx: HashMap<&[usize], usize> = HashMap::from([(&[][..], 0)]);
    let mut runs: Vec<(u64, usize)> = Vec::new();
    for s in per_doc {
        let next = sets.len();
        let si = *set_idx.entry(s).or_insert_with(|| {
            sets.push(s);
            next
        });
        match runs.last_mut() {
            Some((len, last)) if *last == si => *len += 1,
            _ => runs.push((1, si)),
        }
    }
    put_varint(out, sets.len() as u64);
    for s in &sets {
        put_varint(out, s.len() as u64);
        s.iter().for_each(|&x| put_varint(out, x as u64));
    }
    put_varint(out, runs.len() as u64);
    for (len, si) in runs {
        put_varint(out, len);
        put_varint(out, si as u64);
    }
}
