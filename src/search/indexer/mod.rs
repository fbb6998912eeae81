//! Building the index files from records (see `docs/search.md` for the format).
//!
//! * [`analyze`](self::analyze): per-record tokenisation (cached between builds);
//! * [`postings`](self::postings): bigram, unigram and word shards, position chunks;
//! * [`docs`](self::docs): dates, title lengths and result records;
//! * [`facets`](self::facets): the facet values of every document.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::codec::mix32;
use super::{IndexFile, SearchRecord};

mod analyze;
mod docs;
mod facets;
mod postings;

pub(crate) use analyze::{Analysis, analyze};

/// Format version written to `index.json`.
pub const FORMAT: u32 = 2;
/// Position of the first body character: title characters are at `0 … BODY_AT − 2`, so a
/// position tells whether it is in the title and a body offset needs no title length.
pub const BODY_AT: u32 = 1024;
/// Documents per date file `d/<block>.bin`.
pub const DATE_BLOCK: u32 = 256;
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

/// Target (document, bigram) pairs per bigram shard file (≈ 2–6 KiB).
const PAIRS_PER_SHARD: u64 = 2500;
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

/// Builds the index; caches per-record analysis keyed by language and content hash (the
/// analysis depends on the title and body only), so a rebuild after one edit re-tokenises
/// only the changed records, whatever their URLs (several records can share one).
#[derive(Default)]
pub struct SearchIndexer {
    cache: HashMap<String, HashMap<[u8; 32], Arc<Analysis>>>,
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
    body: u32,
    block: u32,
    /// The matchable title lengths that have a `t/<n>.bin`.
    titles: Vec<u32>,
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
        let old = self.cache.remove(lang).unwrap_or_default();
        let mut fresh: HashMap<[u8; 32], usize> = HashMap::new();
        for (i, h) in hashes.iter().enumerate() {
            if !old.contains_key(h) {
                fresh.entry(*h).or_insert(i);
            }
        }
        let todo: Vec<([u8; 32], usize)> = fresh.into_iter().collect();
        let made: Vec<([u8; 32], Arc<Analysis>)> = todo
            .par_iter()
            .map(|&(h, i)| (h, Arc::new(analyze(&recs[i].title, &recs[i].body))))
            .collect();
        let mut now: HashMap<[u8; 32], Arc<Analysis>> = made.into_iter().collect();
        for h in &hashes {
            if let Some(a) = old.get(h) {
                now.entry(*h).or_insert_with(|| a.clone());
            }
        }
        let analyses = hashes.iter().map(|h| now[h].clone()).collect();
        let tokenized = todo.len();
        self.cache.insert(lang.to_string(), now);
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

/// Document numbers: by URL (then title, body) so a platform's pages are neighbours: the
/// position chunks that prove a phrase on them are few.
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
    let facet_keys = docs::facet_keys(recs);
    let manifest = Manifest {
        format: FORMAT,
        lang,
        docs: d,
        body: BODY_AT,
        block: DATE_BLOCK,
        titles: docs::title_lengths(an),
        shards: n,
        ushards: nu,
        window: WINDOW,
        part: PART,
        overlap: PART_OVERLAP,
        facets: facet_keys.clone(),
    };
    let mut files = vec![IndexFile {
        path: format!("{prefix}index.json"),
        bytes: serde_json::to_vec(&manifest).expect("manifest serialises"),
    }];
    let input = postings::BigramInput {
        an,
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
    files.push(IndexFile {
        path: format!("{prefix}d/facets.bin"),
        bytes: facets::facets_file(recs, &facet_keys),
    });
    files.extend(docs::date_files(recs, DATE_BLOCK, &prefix));
    files.extend(docs::title_length_files(an, d, &prefix));
    let rec_files: Vec<IndexFile> = recs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, r)| docs::record_files(i, r, &prefix))
        .collect();
    files.extend(rec_files);
    files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    files
}
