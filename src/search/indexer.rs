//! Building the index files from records (see `docs/search.md` for the format).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::codec::{mix32, put_doc_set, put_str, put_varint};
use super::normalize::{MAX_WORD_CHARS, bigram_key, is_cjk, is_word, normalize_char};
use super::{FACET_ORDER, IndexFile, SearchRecord};

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

/// The per-record work that a rebuild can reuse: normalised, tokenised text.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// Normalised title length in characters; the body starts at `tl + 1`.
    pub tl: u32,
    /// `(bigram_key << 22) | position`, sorted.
    pub bigrams: Vec<u64>,
    /// Number of distinct bigram keys.
    pub distinct: u32,
    /// `(code point << 1) | in_title`, sorted, one entry per CJK character.
    pub unigrams: Vec<u32>,
    /// Distinct words, sorted, with "occurs in the title".
    pub words: Vec<(Box<str>, bool)>,
}

/// Tokenise title + body the way the index needs it (no per-token allocation for CJK).
pub(crate) fn analyze(title: &str, body: &str) -> Analysis {
    let mut a = Analysis::default();
    let mut pos: u32 = 0;
    let mut prev: Option<char> = None; // previous char if CJK
    let mut word = String::new();
    let mut word_len = 0usize;
    let mut word_title = false;
    let mut words: BTreeMap<Box<str>, bool> = BTreeMap::new();
    let mut uni: Vec<u32> = Vec::new();
    let tl = title.chars().count() as u32;
    a.tl = tl;
    let text = title.chars().chain(std::iter::once('\n')).chain(body.chars());
    #[allow(clippy::explicit_counter_loop)] // `pos` is a u32 and the loop may break early
    for c in text {
        if pos > MAX_POS {
            break;
        }
        let c = normalize_char(c);
        let in_title = pos < tl;
        if is_cjk(c) {
            if let Some(p) = prev {
                a.bigrams.push((bigram_key(p, c) << 22) | (pos - 1) as u64);
            }
            uni.push(((c as u32) << 1) | in_title as u32);
            prev = Some(c);
        } else {
            prev = None;
        }
        if is_word(c) {
            if word_len == 0 {
                word_title = in_title;
            }
            if word_len < MAX_WORD_CHARS {
                word.push(c);
                word_len += 1;
            }
        } else if word_len > 0 {
            let e = words.entry(std::mem::take(&mut word).into_boxed_str()).or_insert(false);
            *e |= word_title;
            word_len = 0;
        }
        pos += 1;
    }
    if word_len > 0 {
        let e = words.entry(word.into_boxed_str()).or_insert(false);
        *e |= word_title;
    }
    a.bigrams.sort_unstable();
    let mut last = u64::MAX;
    for &e in &a.bigrams {
        if e >> 22 != last {
            a.distinct += 1;
            last = e >> 22;
        }
    }
    uni.sort_unstable();
    let mut out: Vec<u32> = Vec::with_capacity(uni.len() / 2);
    for u in uni {
        match out.last_mut() {
            Some(l) if *l >> 1 == u >> 1 => *l |= u & 1,
            _ => out.push(u),
        }
    }
    a.unigrams = out;
    a.words = words.into_iter().collect();
    a
}

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

/// Builds the index; caches per-record analysis keyed by (language, URL, content hash), so a
/// rebuild after one edit re-tokenises only the changed records.
#[derive(Default)]
pub struct SearchIndexer {
    cache: HashMap<(String, String), ([u8; 32], Arc<Analysis>)>,
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

/// (shard, key, doc) with the range of its positions in the group's position buffer.
struct Occ {
    shard: u32,
    doc: u32,
    key: u64,
    start: u32,
    n: u32,
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
        let lang: String = lang
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let lang = if lang.is_empty() { "und".to_string() } else { lang };
        // Document numbers: by URL (then title, body) so a platform's pages are neighbours.
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&records[a], &records[b]);
            (&x.url, &x.title, &x.body, &x.kind, &x.date)
                .cmp(&(&y.url, &y.title, &y.body, &y.kind, &y.date))
                .then(a.cmp(&b))
        });
        let recs: Vec<&SearchRecord> = order.iter().map(|&i| &records[i]).collect();

        // Per-record analysis, reusing the cache.
        let hashes: Vec<[u8; 32]> = recs.par_iter().map(|r| content_hash(r)).collect();
        let cached: Vec<Option<Arc<Analysis>>> = recs
            .iter()
            .zip(&hashes)
            .map(|(r, h)| {
                self.cache
                    .get(&(lang.clone(), r.url.clone()))
                    .filter(|(ch, _)| ch == h)
                    .map(|(_, a)| a.clone())
            })
            .collect();
        let tokenized = cached.iter().filter(|c| c.is_none()).count();
        let analyses: Vec<Arc<Analysis>> = recs
            .par_iter()
            .zip(cached.into_par_iter())
            .map(|(r, c)| c.unwrap_or_else(|| Arc::new(analyze(&r.title, &r.body))))
            .collect();
        self.cache.retain(|(l, _), _| *l != lang);
        for ((r, h), a) in recs.iter().zip(&hashes).zip(&analyses) {
            self.cache.insert((lang.clone(), r.url.clone()), (*h, a.clone()));
        }
        self.total_tokenized += tokenized as u64;

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
}

fn facet_values(r: &SearchRecord) -> BTreeMap<String, Vec<String>> {
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

fn write_index(recs: &[&SearchRecord], an: &[Arc<Analysis>], lang: &str) -> Vec<IndexFile> {
    let prefix = format!("search/{lang}/");
    let d = recs.len() as u32;
    let nblocks = d.div_ceil(DOC_BLOCK).max(1);
    let total_pairs: u64 = an.iter().map(|a| a.distinct as u64).sum();
    let total_occ: u64 = an.iter().map(|a| a.bigrams.len() as u64).sum();
    let total_uni: u64 = an.iter().map(|a| a.unigrams.len() as u64).sum();
    let groups: u32 = 8;
    let n = (total_pairs.div_ceil(PAIRS_PER_SHARD).clamp(1, 1 << 16) as u32).div_ceil(groups) * groups;
    let _ = total_occ;
    let nu = total_uni.div_ceil(PAIRS_PER_USHARD).clamp(1, 4096) as u32;
    let tls: Vec<u32> = an.iter().map(|a| a.tl).collect();

    // Facet keys: the known ones first, then the others sorted.
    let all_keys: BTreeSet<String> = recs.iter().flat_map(|r| facet_values(r).into_keys()).collect();
    let mut facet_keys: Vec<String> = FACET_ORDER
        .iter()
        .filter(|k| all_keys.contains(**k))
        .map(|k| k.to_string())
        .collect();
    facet_keys.extend(all_keys.iter().filter(|k| !FACET_ORDER.contains(&k.as_str())).cloned());

    let mut files: Vec<IndexFile> = Vec::new();
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
    files.push(IndexFile {
        path: format!("{prefix}index.json"),
        bytes: serde_json::to_vec(&manifest).expect("manifest serialises"),
    });

    // Bigram postings and positions, in groups of shards.
    let bigram_files: Vec<IndexFile> = (0..groups)
        .into_par_iter()
        .flat_map_iter(|g| bigram_group(an, &tls, d, n, groups, g, &prefix))
        .collect();
    files.extend(bigram_files);
    files.extend(unigram_files(an, d, nu, &prefix));
    files.extend(word_files(an, d, &prefix));

    // Doc tables.
    let doc_tables: Vec<IndexFile> = (0..nblocks)
        .into_par_iter()
        .map(|b| {
            let lo = (b * DOC_BLOCK) as usize;
            let hi = ((b + 1) * DOC_BLOCK).min(d) as usize;
            IndexFile {
                path: format!("{prefix}d/{b}.bin"),
                bytes: doc_table(&recs[lo..hi], &an[lo..hi], &facet_keys),
            }
        })
        .collect();
    files.extend(doc_tables);

    // Result records.
    let rec_files: Vec<IndexFile> = recs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, r)| {
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
                let text: String = chars[lo..hi].iter().collect();
                v.push(IndexFile {
                    path: format!("{prefix}r/{i}-{k}.txt"),
                    bytes: text.into_bytes(),
                });
            }
            v
        })
        .collect();
    files.extend(rec_files);
    files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    files
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
    for (i, o) in occs.iter().enumerate() {
        put_varint(
            &mut out,
            (if i == 0 { o.doc - base_doc } else { o.doc - prev_doc }) as u64,
        );
        prev_doc = o.doc;
        put_varint(&mut out, o.n as u64);
        let mut pp = 0u32;
        for (t, &p) in pos[o.start as usize..(o.start + o.n) as usize].iter().enumerate() {
            put_varint(&mut out, (if t == 0 { p } else { p - pp }) as u64);
            pp = p;
        }
    }
    out
}

/// Bigram shards `s` with `s % groups == g`: postings with inline positions for light keys,
/// and position chunk files for heavy keys.
fn bigram_group(
    an: &[Arc<Analysis>],
    tls: &[u32],
    d: u32,
    n: u32,
    groups: u32,
    g: u32,
    prefix: &str,
) -> Vec<IndexFile> {
    let mut occs: Vec<Occ> = Vec::new();
    let mut pos: Vec<u32> = Vec::new();
    for (doc, a) in an.iter().enumerate() {
        let e = &a.bigrams;
        let mut i = 0;
        while i < e.len() {
            let key = e[i] >> 22;
            let mut j = i + 1;
            while j < e.len() && e[j] >> 22 == key {
                j += 1;
            }
            let s = bigram_shard(key, n);
            if s % groups == g {
                occs.push(Occ {
                    shard: s,
                    doc: doc as u32,
                    key,
                    start: pos.len() as u32,
                    n: (j - i) as u32,
                });
                pos.extend(e[i..j].iter().map(|x| (x & MAX_POS as u64) as u32));
            }
            i = j;
        }
    }
    occs.sort_unstable_by_key(|o| (o.shard, o.key, o.doc));
    let mut out = Vec::new();
    let mut i = 0;
    while i < occs.len() {
        let s = occs[i].shard;
        let mut j = i;
        while j < occs.len() && occs[j].shard == s {
            j += 1;
        }
        let mut entries = Vec::new();
        let mut k = i;
        while k < j {
            let key = occs[k].key;
            let mut l = k;
            while l < j && occs[l].key == key {
                l += 1;
            }
            let run = &occs[k..l];
            let docs: Vec<u32> = run.iter().map(|o| o.doc).collect();
            let tdocs: Vec<u32> = run
                .iter()
                .filter(|o| pos[o.start as usize] < tls[o.doc as usize])
                .map(|o| o.doc)
                .collect();
            let mut rec = Vec::new();
            put_doc_set(&mut rec, &docs, d);
            put_doc_set(&mut rec, &tdocs, d);
            let inline = encode_positions(run, &pos, 0);
            if inline.len() <= INLINE_POSITIONS {
                rec.push(0);
                rec.extend_from_slice(&inline);
            } else {
                // Chunks of whole documents, each about CHUNK_BYTES.
                let mut chunks: Vec<(u32, Vec<u8>)> = Vec::new();
                let mut a = 0;
                while a < run.len() {
                    let mut b = a;
                    let mut bytes = 0usize;
                    while b < run.len() && (b == a || bytes < CHUNK_BYTES) {
                        bytes += 2 + run[b].n as usize * 2;
                        b += 1;
                    }
                    chunks.push((run[a].doc, encode_positions(&run[a..b], &pos, run[a].doc)));
                    a = b;
                }
                rec.push(1);
                put_varint(&mut rec, chunks.len() as u64);
                let mut prev = 0u32;
                for (c, (first, _)) in chunks.iter().enumerate() {
                    put_varint(&mut rec, (if c == 0 { *first } else { first - prev }) as u64);
                    prev = *first;
                }
                for (c, (_, bytes)) in chunks.into_iter().enumerate() {
                    out.push(IndexFile {
                        path: format!("{prefix}x/{key:x}-{c}.bin"),
                        bytes,
                    });
                }
            }
            entries.push((key, rec));
            k = l;
        }
        out.push(IndexFile {
            path: format!("{prefix}b/{s}.bin"),
            bytes: keyed_file(&entries),
        });
        i = j;
    }
    out
}

fn unigram_files(an: &[Arc<Analysis>], d: u32, nu: u32, prefix: &str) -> Vec<IndexFile> {
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
    let mut i = 0;
    while i < all.len() {
        let s = all[i] >> 52;
        let mut entries = Vec::new();
        while i < all.len() && all[i] >> 52 == s {
            let cp = (all[i] >> 31) & 0x1F_FFFF;
            let mut docs = Vec::new();
            let mut tdocs = Vec::new();
            while i < all.len() && all[i] >> 52 == s && (all[i] >> 31) & 0x1F_FFFF == cp {
                let doc = ((all[i] >> 1) & 0x3FFF_FFFF) as u32;
                docs.push(doc);
                if all[i] & 1 == 1 {
                    tdocs.push(doc);
                }
                i += 1;
            }
            let mut rec = Vec::new();
            put_doc_set(&mut rec, &docs, d);
            put_doc_set(&mut rec, &tdocs, d);
            entries.push((cp, rec));
        }
        out.push(IndexFile {
            path: format!("{prefix}u/{s}.bin"),
            bytes: keyed_file(&entries),
        });
    }
    out
}

fn word_files(an: &[Arc<Analysis>], d: u32, prefix: &str) -> Vec<IndexFile> {
    let mut all: Vec<(&str, u32, bool)> = an
        .iter()
        .enumerate()
        .flat_map(|(doc, a)| a.words.iter().map(move |(w, t)| (&**w, doc as u32, *t)))
        .collect();
    all.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    // Group by shard (word prefix); words sort by bytes, and a shard is a byte prefix, so
    // equal shards are contiguous except that a 1-char word's shard ("x") sorts among "x…"
    // words: collect into a map.
    let mut shards: BTreeMap<String, Vec<(&str, Vec<u8>)>> = BTreeMap::new();
    let mut i = 0;
    while i < all.len() {
        let w = all[i].0;
        let mut docs = Vec::new();
        let mut tdocs = Vec::new();
        while i < all.len() && all[i].0 == w {
            docs.push(all[i].1);
            if all[i].2 {
                tdocs.push(all[i].1);
            }
            i += 1;
        }
        let mut rec = Vec::new();
        put_doc_set(&mut rec, &docs, d);
        put_doc_set(&mut rec, &tdocs, d);
        shards.entry(word_shard(w)).or_default().push((w, rec));
    }
    shards
        .into_par_iter()
        .map(|(name, entries)| {
            let mut out = Vec::new();
            put_varint(&mut out, entries.len() as u64);
            for (w, rec) in &entries {
                put_str(&mut out, w);
                put_varint(&mut out, rec.len() as u64);
            }
            for (_, rec) in &entries {
                out.extend_from_slice(rec);
            }
            IndexFile {
                path: format!("{prefix}w/{name}.bin"),
                bytes: out,
            }
        })
        .collect()
}

/// Per block: dates, title lengths and run-length coded facet value sets.
fn doc_table(recs: &[&SearchRecord], an: &[Arc<Analysis>], keys: &[String]) -> Vec<u8> {
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
    let fv: Vec<BTreeMap<String, Vec<String>>> = recs.iter().map(|r| facet_values(r)).collect();
    put_varint(&mut out, keys.len() as u64);
    for k in keys {
        put_str(&mut out, k);
        let per_doc: Vec<&[String]> = fv.iter().map(|f| f.get(k).map_or(&[][..], |v| &v[..])).collect();
        let labels: BTreeSet<&str> = per_doc.iter().flat_map(|v| v.iter().map(|s| s.as_str())).collect();
        let labels: Vec<&str> = labels.into_iter().collect();
        let label_idx: HashMap<&str, usize> = labels.iter().enumerate().map(|(i, l)| (*l, i)).collect();
        put_varint(&mut out, labels.len() as u64);
        for l in &labels {
            put_str(&mut out, l);
        }
        // Value sets in first-seen order; set 0 is the empty set.
        let mut sets: Vec<Vec<usize>> = vec![vec![]];
        let mut set_idx: HashMap<Vec<usize>, usize> = HashMap::from([(vec![], 0)]);
        let mut runs: Vec<(u64, usize)> = Vec::new();
        for v in &per_doc {
            let s: Vec<usize> = v.iter().map(|l| label_idx[l.as_str()]).collect();
            let next = sets.len();
            let si = *set_idx.entry(s.clone()).or_insert_with(|| {
                sets.push(s);
                next
            });
            match runs.last_mut() {
                Some((len, last)) if *last == si => *len += 1,
                _ => runs.push((1, si)),
            }
        }
        put_varint(&mut out, sets.len() as u64);
        for s in &sets {
            put_varint(&mut out, s.len() as u64);
            for &x in s {
                put_varint(&mut out, x as u64);
            }
        }
        put_varint(&mut out, runs.len() as u64);
        for (len, si) in runs {
            put_varint(&mut out, len);
            put_varint(&mut out, si as u64);
        }
    }
    out
}
