//! Building the index files from records (see `docs/search.md` for the format).
//!
//! * [`analyze`](self::analyze): per-record tokenisation (cached between builds);
//! * [`postings`](self::postings): bigram, unigram and word shards, position chunks;
//! * [`docs`](self::docs): doc tables and result records.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::codec::mix32;
use super::{IndexFile, SearchRecord};

mod analyze;
mod docs;
mod postings;

pub(crate) use analyze::{Analysis, analyze};

/// Format version written to `index.json`.
pub const FORMAT: u32 = 1;
/// Documents per doc-table block `d/<block>.bin`.
pub const DOC_BLOCK: u32 = 128;
/// Characters of body text stored with each result record (for the excerpt without a
/// second request); the rest is in parts `r/<id>-<k>.txt`.
pub const WINDOW: usize = 300;
/// Body characters per text part: part `k` holds body characters
/// `[WINDOW + k·PART − PART_OVERLAP, WINDOW + (k+1)·PART)`.
pub const PART: usize = 1000;
/// Characters a part repeats from before its range (left context for the excerpt).
pub const PART_OVERLAP: usize = 40;
/// Positions are stored in 22 bits: text past this many characters is not indexed.
pub const MAX_POS: u32 = (1 << 22) - 1;

/// Target (document, bigram) pairs per bigram shard file (≈ 6–10 KiB).
const PAIRS_PER_SHARD: u64 = 5000;
/// Positions of a key are stored in its postings record up to this many bytes…
const INLINE_POSITIONS: usize = 256;
/// … else in chunk files `x/<key>-<i>.bin` of about this many bytes, by document range.
const CHUNK_BYTES: usize = 1024;
/// Target (document, character) pairs per unigram shard file.
const PAIRS_PER_USHARD: u64 = 6000;
/// Bigram shards are written in this many parallel groups.
const GROUPS: u32 = 8;

/// Figures about the last [`SearchIndexer::build`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildStats {
    pub records: usize,
    /// Records tokenised in this build (the others came from the cache).
    pub tokenized: usize,
    pub files: usize,
    pub bytes: u64,
    pub bigram_shards: u32,
    pub position_chunks: u32,
    pub unigram_shards: u32,
}

/// Builds the index; caches per-record analysis keyed by (language, content hash of title
/// and body), so a rebuild after one edit re-tokenises only the changed records.
#[derive(Default)]
pub struct SearchIndexer {
    cache: HashMap<(String, [u8; 32]), Arc<Analysis>>,
    stats: BuildStats,
    total_tokenized: u64,
}

fn content_hash(r: &SearchRecord) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update((r.title.len() as u64).to_le_bytes());
    h.update(r.title.as_bytes());
    h.update(r.body.as_bytes());
    h.finalize().into()
}

/// Days since 1970-01-01 of an ISO `yyyy-mm-dd` date (None if malformed).
pub fn days_from_iso(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: i64 = s.get(5..7)?.parse().ok()?;
    let d: i64 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Shard of a bigram key among `n` shards (same as `bigramShard` in `search-core.js`).
#[inline]
pub fn bigram_shard(key: u64, n: u32) -> u32 {
    mix32((key >> 21) as u32, (key & 0x1F_FFFF) as u32) % n
}

/// Shard of a CJK character among `n` unigram shards.
#[inline]
pub fn unigram_shard(cp: u32, n: u32) -> u32 {
    mix32(cp, 0) % n
}

/// File stem of the word shard holding `word`: hex of the UTF-8 of its first ≤ 2 chars.
pub fn word_shard(word: &str) -> String {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    word.as_bytes()[..end].iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Serialize)]
struct Manifest<'a> {
    format: u32,
    lang: &'a str,
    docs: u32,
    block: u32,
    shards: u32,
    ushards: u32,
    window: usize,
    part: usize,
    overlap: usize,
    facets: Vec<String>,
}

impl SearchIndexer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Figures about the last build.
    pub fn stats(&self) -> &BuildStats {
        &self.stats
    }

    /// Records tokenised by the last build (the rest were reused from the cache).
    pub fn last_tokenized(&self) -> usize {
        self.stats.tokenized
    }

    /// Records tokenised since this indexer was created.
    pub fn total_tokenized(&self) -> u64 {
        self.total_tokenized
    }

    /// Build the index of `records` for `lang` (`[A-Za-z0-9-]+`, e.g. `zh-TW`). Deterministic:
    /// the same records (in any order) give byte-identical files; paths are sorted.
    pub fn build(&mut self, records: &[SearchRecord], lang: &str) -> Vec<IndexFile> {
        let lang = clean_lang(lang);
        let recs = in_doc_order(records);
        let (analyses, tokenized) = self.analyses(&recs, &lang);
        let files = write_index(&recs, &analyses, &lang);
        self.stats = BuildStats {
            records: recs.len(),
            tokenized,
            files: files.len(),
            bytes: files.iter().map(|f| f.bytes.len() as u64).sum(),
            ..self.stats.clone()
        };
        if let Some(m) = files.iter().find(|f| f.path.ends_with("/index.json"))
            && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&m.bytes)
        {
            let g = |k: &str| v[k].as_u64().unwrap_or(0) as u32;
            self.stats.bigram_shards = g("shards");
            self.stats.unigram_shards = g("ushards");
            self.stats.position_chunks = files.iter().filter(|f| f.path.contains("/x/")).count() as u32;
        }
        files
    }

    /// The analysis of every record, from the cache when its content is unchanged; the
    /// cache is left holding exactly this build's records of `lang`.
    fn analyses(&mut self, recs: &[&SearchRecord], lang: &str) -> (Vec<Arc<Analysis>>, usize) {
        let hashes: Vec<[u8; 32]> = recs.par_iter().map(|r| content_hash(r)).collect();
        // Keyed by content, not URL: a meeting's documents share its URL, and keyed by
        // URL they displaced each other on every build.
        let cached: Vec<Option<Arc<Analysis>>> = hashes
            .iter()
            .map(|h| self.cache.get(&(lang.to_string(), *h)).cloned())
            .collect();
        let tokenized = cached.iter().filter(|c| c.is_none()).count();
        let analyses: Vec<Arc<Analysis>> = recs
            .par_iter()
            .zip(cached.into_par_iter())
            .map(|(r, c)| c.unwrap_or_else(|| Arc::new(analyze(&r.title, &r.body))))
            .collect();
        self.cache.retain(|(l, _), _| l != lang);
        for (h, a) in hashes.iter().zip(&analyses) {
            self.cache.insert((lang.to_string(), *h), a.clone());
        }
        self.total_tokenized += tokenized as u64;
        (analyses, tokenized)
    }
}

/// The language as a safe path segment (`und` when nothing is left).
fn clean_lang(lang: &str) -> String {
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if lang.is_empty() { "und".to_string() } else { lang }
}

/// Document numbers: by URL (then title, body) so a platform's pages are neighbours.
fn in_doc_order(records: &[SearchRecord]) -> Vec<&SearchRecord> {
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&records[a], &records[b]);
        (&x.url, &x.title, &x.body, &x.kind, &x.date)
            .cmp(&(&y.url, &y.title, &y.body, &y.kind, &y.date))
            .then(a.cmp(&b))
    });
    order.iter().map(|&i| &records[i]).collect()
}

fn write_index(recs: &[&SearchRecord], an: &[Arc<Analysis>], lang: &str) -> Vec<IndexFile> {
    let prefix = format!("search/{lang}/");
    let d = recs.len() as u32;
    let total_pairs: u64 = an.iter().map(|a| a.distinct as u64).sum();
    let total_uni: u64 = an.iter().map(|a| a.unigrams.len() as u64).sum();
    let n = (total_pairs.div_ceil(PAIRS_PER_SHARD).clamp(1, 1 << 16) as u32).div_ceil(GROUPS) * GROUPS;
    let nu = total_uni.div_ceil(PAIRS_PER_USHARD).clamp(1, 4096) as u32;
    let tls: Vec<u32> = an.iter().map(|a| a.tl).collect();
    let facet_keys = docs::facet_keys(recs);
    let manifest = Manifest {
        format: FORMAT,
        lang,
        docs: d,
        block: DOC_BLOCK,
        shards: n,
        ushards: nu,
        window: WINDOW,
        part: PART,
        overlap: PART_OVERLAP,
        facets: facet_keys.clone(),
    };
    let labels = docs::Labels::new(recs, facet_keys);
    let mut files = vec![IndexFile {
        path: format!("{prefix}index.json"),
        bytes: serde_json::to_vec(&manifest).expect("manifest serialises"),
    }];
    let input = postings::BigramInput {
        an,
        tls: &tls,
        docs: d,
        shards: n,
        groups: GROUPS,
        prefix: &prefix,
    };
    let bigram_files: Vec<IndexFile> = (0..GROUPS)
        .into_par_iter()
        .flat_map_iter(|g| postings::bigram_group(&input, g))
        .collect();
    files.extend(bigram_files);
    files.extend(postings::unigram_files(an, d, nu, &prefix));
    files.extend(postings::word_files(an, d, &prefix));
    files.push(labels.file(&prefix));
    files.extend(doc_tables(recs, an, &labels, &prefix));
    let rec_files: Vec<IndexFile> = recs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, r)| docs::record_files(i, r, &prefix))
        .collect();
    files.extend(rec_files);
    files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The doc tables, one per block of [`DOC_BLOCK`] documents.
fn doc_tables(recs: &[&SearchRecord], an: &[Arc<Analysis>], labels: &docs::Labels, prefix: &str) -> Vec<IndexFile> {
    let d = recs.len() as u32;
    (0..d.div_ceil(DOC_BLOCK).max(1))
        .into_par_iter()
        .map(|b| {
            let lo = (b * DOC_BLOCK) as usize;
            let hi = ((b + 1) * DOC_BLOCK).min(d) as usize;
            IndexFile {
                path: format!("{prefix}d/{b}.bin"),
                bytes: docs::doc_table(&recs[lo..hi], &an[lo..hi], labels),
            }
        })
        .collect()
}
