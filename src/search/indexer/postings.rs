//! Postings files: bigram shards with positions (inline or in chunk files), unigram shards
//! and word shards.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::analyze::Analysis;
use super::{BODY_AT, CHUNK_BYTES, INLINE_POSITIONS, MAX_POS, bigram_shard, unigram_shard, word_shard};
use crate::search::IndexFile;
use crate::search::codec::{put_doc_set, put_str, put_varint};

/// (shard, key, doc) with the range of its positions in the group's position buffer.
struct Occ {
    shard: u32,
    doc: u32,
    key: u64,
    start: u32,
    n: u32,
}

/// What the bigram shards of one group are written from.
pub(super) struct BigramInput<'a> {
    pub an: &'a [Arc<Analysis>],
    pub docs: u32,
    pub shards: u32,
    pub groups: u32,
    pub prefix: &'a str,
}

/// Keyed directory + records: `varint nkeys`, `nkeys × (varint key delta, varint record
/// length)`, then the records.
fn keyed_file(entries: &[(u64, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, entries.len() as u64);
    let mut prev = 0u64;
    for (k, rec) in entries {
        put_varint(&mut out, k - prev);
        put_varint(&mut out, rec.len() as u64);
        prev = *k;
    }
    for (_, rec) in entries {
        out.extend_from_slice(rec);
    }
    out
}

/// Encode the positions of one key in the docs `occs` (all of the same key, doc order).
fn encode_positions(occs: &[Occ], pos: &[u32], base_doc: u32) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, occs.len() as u64);
    let mut prev_doc = base_doc;
    for o in occs {
        put_varint(&mut out, (o.doc - prev_doc) as u64);
        prev_doc = o.doc;
        put_varint(&mut out, o.n as u64);
        let mut pp = 0u32;
        for &p in &pos[o.start as usize..(o.start + o.n) as usize] {
            put_varint(&mut out, (p - pp) as u64);
            pp = p;
        }
    }
    out
}

/// Bigram shards `s` with `s % groups == g`: postings with inline positions for light keys,
/// and position chunk files for heavy keys.
pub(super) fn bigram_group(inp: &BigramInput, g: u32) -> Vec<IndexFile> {
    let (mut occs, pos) = group_occurrences(inp, g);
    occs.sort_unstable_by_key(|o| (o.shard, o.key, o.doc));
    let mut out = Vec::new();
    for shard in occs.chunk_by(|a, b| a.shard == b.shard) {
        let mut entries = Vec::new();
        for run in shard.chunk_by(|a, b| a.key == b.key) {
            entries.push((run[0].key, key_record(inp, run, &pos, &mut out)));
        }
        out.push(IndexFile {
            path: format!("{}b/{}.bin", inp.prefix, shard[0].shard),
            bytes: keyed_file(&entries),
        });
    }
    out
}

/// Every (document, bigram key) of the group's shards, with all positions in one buffer.
fn group_occurrences(inp: &BigramInput, g: u32) -> (Vec<Occ>, Vec<u32>) {
    let mut occs: Vec<Occ> = Vec::new();
    let mut pos: Vec<u32> = Vec::new();
    for (doc, a) in inp.an.iter().enumerate() {
        for run in a.bigrams.chunk_by(|x, y| x >> 22 == y >> 22) {
            let key = run[0] >> 22;
            let shard = bigram_shard(key, inp.shards);
            if shard % inp.groups != g {
                continue;
            }
            occs.push(Occ {
                shard,
                doc: doc as u32,
                key,
                start: pos.len() as u32,
                n: run.len() as u32,
            });
            pos.extend(run.iter().map(|x| (x & MAX_POS as u64) as u32));
        }
    }
    (occs, pos)
}

/// The postings record of one key (doc set, title doc set, positions inline or a chunk
/// table); chunk files go to `files`.
fn key_record(inp: &BigramInput, run: &[Occ], pos: &[u32], files: &mut Vec<IndexFile>) -> Vec<u8> {
    let docs: Vec<u32> = run.iter().map(|o| o.doc).collect();
    let tdocs: Vec<u32> = run
        .iter()
        .filter(|o| pos[o.start as usize] < BODY_AT)
        .map(|o| o.doc)
        .collect();
    let mut rec = Vec::new();
    put_doc_set(&mut rec, &docs, inp.docs);
    put_doc_set(&mut rec, &tdocs, inp.docs);
    let inline = encode_positions(run, pos, 0);
    if inline.len() <= INLINE_POSITIONS {
        rec.push(0);
        rec.extend_from_slice(&inline);
        return rec;
    }
    let chunks = position_chunks(run, pos);
    rec.push(1);
    put_varint(&mut rec, chunks.len() as u64);
    let mut prev = 0u32;
    for (first, _) in &chunks {
        put_varint(&mut rec, (first - prev) as u64);
        prev = *first;
    }
    let key = run[0].key;
    for (c, (_, bytes)) in chunks.into_iter().enumerate() {
        files.push(IndexFile {
            path: format!("{}x/{key:x}-{c}.bin", inp.prefix),
            bytes,
        });
    }
    rec
}

/// Positions of a heavy key in chunks of whole documents, each about [`CHUNK_BYTES`]:
/// (first document, encoded positions).
fn position_chunks(run: &[Occ], pos: &[u32]) -> Vec<(u32, Vec<u8>)> {
    let mut chunks = Vec::new();
    let mut a = 0;
    while a < run.len() {
        let mut b = a;
        let mut bytes = 0usize;
        while b < run.len() && (b == a || bytes < CHUNK_BYTES) {
            bytes += 2 + run[b].n as usize * 2;
            b += 1;
        }
        chunks.push((run[a].doc, encode_positions(&run[a..b], pos, run[a].doc)));
        a = b;
    }
    chunks
}

/// Unigram shards: per CJK character, its doc set and title doc set.
pub(super) fn unigram_files(an: &[Arc<Analysis>], d: u32, nu: u32, prefix: &str) -> Vec<IndexFile> {
    // (shard << 52) | (cp << 31) | (doc << 1) | in_title — nu ≤ 4096, docs < 2^30.
    let mut all: Vec<u64> = an
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, a)| {
            a.unigrams.iter().map(move |&u| {
                let cp = (u >> 1) as u64;
                ((unigram_shard(cp as u32, nu) as u64) << 52) | (cp << 31) | ((doc as u64) << 1) | (u & 1) as u64
            })
        })
        .collect();
    all.par_sort_unstable();
    let mut out = Vec::new();
    for shard in all.chunk_by(|a, b| a >> 52 == b >> 52) {
        let entries: Vec<(u64, Vec<u8>)> = shard
            .chunk_by(|a, b| a >> 31 == b >> 31)
            .map(|run| {
                let docs: Vec<u32> = run.iter().map(|e| ((e >> 1) & 0x3FFF_FFFF) as u32).collect();
                let tdocs: Vec<u32> = run
                    .iter()
                    .filter(|e| *e & 1 == 1)
                    .map(|e| ((e >> 1) & 0x3FFF_FFFF) as u32)
                    .collect();
                ((run[0] >> 31) & 0x1F_FFFF, doc_sets(&docs, &tdocs, d))
            })
            .collect();
        out.push(IndexFile {
            path: format!("{prefix}u/{}.bin", shard[0] >> 52),
            bytes: keyed_file(&entries),
        });
    }
    out
}

/// A doc set and a title doc set.
fn doc_sets(docs: &[u32], tdocs: &[u32], d: u32) -> Vec<u8> {
    let mut rec = Vec::new();
    put_doc_set(&mut rec, docs, d);
    put_doc_set(&mut rec, tdocs, d);
    rec
}

/// Word shards `w/<hex of the first ≤ 2 characters>.bin`.
pub(super) fn word_files(an: &[Arc<Analysis>], d: u32, prefix: &str) -> Vec<IndexFile> {
    let mut all: Vec<(&str, u32, bool)> = an
        .iter()
        .enumerate()
        .flat_map(|(doc, a)| a.words.iter().map(move |(w, t)| (&**w, doc as u32, *t)))
        .collect();
    all.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    // Words sort by bytes and a shard is a byte prefix, but a 1-char word's shard ("x") sorts
    // among "x…" words: collect into a map.
    let mut shards: BTreeMap<String, Vec<(&str, Vec<u8>)>> = BTreeMap::new();
    for run in all.chunk_by(|a, b| a.0 == b.0) {
        let docs: Vec<u32> = run.iter().map(|x| x.1).collect();
        let tdocs: Vec<u32> = run.iter().filter(|x| x.2).map(|x| x.1).collect();
        shards
            .entry(word_shard(run[0].0))
            .or_default()
            .push((run[0].0, doc_sets(&docs, &tdocs, d)));
    }
    shards
        .into_par_iter()
        .map(|(name, entries)| IndexFile {
            path: format!("{prefix}w/{name}.bin"),
            bytes: word_file(&entries),
        })
        .collect()
}

/// `varint n`, `n × (str word, varint record length)`, then the records.
fn word_file(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, entries.len() as u64);
    for (w, rec) in entries {
        put_str(&mut out, w);
        put_varint(&mut out, rec.len() as u64);
    }
    for (_, rec) in entries {
        out.extend_from_slice(rec);
    }
    out
}
