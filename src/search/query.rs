//! Query evaluation over the written index files: the same algorithm as
//! `themes/default/static/search-core.js`, used by the tests and the benchmark. Every
//! [`SearchIndex::search`] behaves like a first query on a fresh page and records which files
//! it read, so the bytes a browser would fetch can be measured.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::IndexFile;
use super::codec::Reader;
use super::indexer::{bigram_shard, unigram_shard, word_shard};
use super::normalize::{Segment, bigram_key, normalize, segments};

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Title matches first (the whole title first), then newest first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// Filters (facet key → accepted values; OR within a key, AND across keys) and order.
#[derive(Clone, Debug, Default)]
pub struct QueryOptions {
    pub filters: BTreeMap<String, BTreeSet<String>>,
    pub sort: Sort,
    /// Results whose record (and excerpt text) is loaded, as the first page shows them.
    pub page_size: usize,
}

/// One result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    /// 0: the query is the whole title; 1: every term in the title; 2: some; 3: none.
    pub tier: u8,
    /// Days since 1970-01-01 plus one; 0 when the record has no date.
    pub date: i64,
    /// Filled for the first `page_size` hits.
    pub url: Option<String>,
    pub title: Option<String>,
    pub excerpt: Option<String>,
}

/// What a query returns.
#[derive(Clone, Debug, Default)]
pub struct SearchResults {
    /// Number of results after filters.
    pub total: usize,
    /// Number of results before filters.
    pub unfiltered: usize,
    pub hits: Vec<Hit>,
    /// Facet key → (value, count), count descending then value; counts for a key apply
    /// the filters of the other keys (so choosing one value still shows its siblings).
    pub facets: BTreeMap<String, Vec<(String, usize)>>,
    /// Index files this query read (paths relative to `search/<lang>/`).
    pub files_read: BTreeSet<String>,
    pub bytes_read: u64,
}

#[derive(Deserialize)]
struct Manifest {
    docs: u32,
    block: u32,
    shards: u32,
    ushards: u32,
    window: usize,
    part: usize,
    overlap: usize,
}

#[derive(Deserialize)]
struct RecordFile {
    u: String,
    t: String,
    x: String,
    n: usize,
}

/// An index loaded in memory.
pub struct SearchIndex {
    files: HashMap<String, Vec<u8>>,
    m: Manifest,
    log: RefCell<BTreeSet<String>>,
}

/// Per segment: matching docs (sorted), docs where it matches in the title, first match
/// position for phrase segments, and its length in characters.
struct SegMatch {
    docs: Vec<u32>,
    title: BTreeSet<u32>,
    len: u32,
    /// For phrases: the first match offset in the body, per document.
    body_at: HashMap<u32, u32>,
}

#[derive(Default)]
enum PosData {
    #[default]
    None,
    /// doc → positions
    Inline(HashMap<u32, Vec<u32>>),
    /// first doc of each chunk file `x/<key>-<i>.bin`
    Chunked(Vec<u32>),
}

impl PosData {
    fn cost(&self) -> usize {
        match self {
            PosData::Inline(_) | PosData::None => 0,
            PosData::Chunked(c) => c.len(),
        }
    }
}

#[derive(Default)]
struct Postings {
    docs: Vec<u32>,
    title: Vec<u32>,
    key: u64,
    pos: PosData,
}

/// `varint ndocs; ndocs × (varint doc delta (first from base), varint npos, npos × varint
/// position delta)`.
fn decode_positions(buf: &[u8], base: u32) -> Option<HashMap<u32, Vec<u32>>> {
    let mut r = Reader::new(buf);
    let nd = r.varint()?;
    let mut out = HashMap::new();
    let mut doc = base as u64;
    for i in 0..nd {
        let dd = r.varint()?;
        doc = if i == 0 { base as u64 + dd } else { doc + dd };
        let np = r.varint()?;
        let mut ps = Vec::with_capacity(np.min(1 << 16) as usize);
        let mut p = 0u64;
        for t in 0..np {
            let x = r.varint()?;
            p = if t == 0 { x } else { p + x };
            ps.push(p as u32);
        }
        out.insert(doc as u32, ps);
    }
    Some(out)
}

/// Decoded doc table block.
struct DocTable {
    dates: Vec<i64>,
    tls: Vec<u32>,
    /// facet key → per doc → labels
    facets: Vec<(String, Vec<Vec<String>>)>,
}

/// A query segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryPart {
    Cjk(Vec<char>),
    Word { word: String, prefix: bool },
}

/// Parse a query: normalised CJK runs and words, duplicates dropped; the last word is a
/// prefix unless the query ends with white space.
pub fn parse_query(q: &str) -> Vec<QueryPart> {
    let segs = segments(q);
    let ends_open = !q.ends_with(|c: char| c.is_whitespace());
    let n = segs.len();
    let mut out: Vec<QueryPart> = Vec::new();
    for (i, s) in segs.into_iter().enumerate() {
        let p = match s {
            Segment::Cjk(c) => QueryPart::Cjk(c),
            Segment::Word(w) => QueryPart::Word {
                word: w,
                prefix: i + 1 == n && ends_open,
            },
        };
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Offsets of the bigrams that cover a phrase of `n ≥ 2` characters: 0, 2, 4, … and `n - 2`.
pub fn cover_offsets(n: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n - 1).step_by(2).collect();
    if *v.last().unwrap() != n - 2 {
        v.push(n - 2);
    }
    v
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

impl SearchIndex {
    /// From the files of one language as [`super::SearchIndexer::build`] returns them.
    pub fn from_files(files: &[IndexFile]) -> Option<Self> {
        let man = files.iter().find(|f| f.path.ends_with("index.json"))?;
        let prefix = man.path.strip_suffix("index.json")?;
        let map: HashMap<String, Vec<u8>> = files
            .iter()
            .filter_map(|f| f.path.strip_prefix(prefix).map(|p| (p.to_string(), f.bytes.clone())))
            .collect();
        Self::from_map(map)
    }

    /// From a directory holding `index.json` and the shard folders.
    pub fn from_dir(dir: &Path) -> std::io::Result<Self> {
        let mut map = HashMap::new();
        for sub in ["", "b", "u", "w", "x", "d", "r"] {
            let p = dir.join(sub);
            let Ok(rd) = std::fs::read_dir(&p) else {
                continue;
            };
            for e in rd {
                let e = e?;
                if e.file_type()?.is_file() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
                    map.insert(rel, std::fs::read(e.path())?);
                }
            }
        }
        Self::from_map(map).ok_or_else(|| std::io::Error::other("missing or bad index.json"))
    }

    fn from_map(files: HashMap<String, Vec<u8>>) -> Option<Self> {
        let m: Manifest = serde_json::from_slice(files.get("index.json")?).ok()?;
        if m.shards == 0 || m.ushards == 0 || m.block == 0 {
            return None;
        }
        Some(SearchIndex {
            files,
            m,
            log: RefCell::new(BTreeSet::new()),
        })
    }

    /// Number of documents.
    pub fn docs(&self) -> u32 {
        self.m.docs
    }

    fn get(&self, path: &str) -> Option<&[u8]> {
        self.log.borrow_mut().insert(path.to_string());
        self.files.get(path).map(|v| &v[..])
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

    fn postings(&self, path: &str, key: u64) -> Postings {
        let empty = Postings::default();
        let Some(buf) = self.get(path) else { return empty };
        let Some(rec) = Self::keyed(buf, key) else { return empty };
        let mut r = Reader::new(rec);
        let docs = r.doc_set(self.m.docs).unwrap_or_default();
        let title = r.doc_set(self.m.docs).unwrap_or_default();
        let pos = match r.byte() {
            Some(0) => PosData::Inline(decode_positions(&rec[r.pos..], 0).unwrap_or_default()),
            Some(1) => {
                let mut firsts = Vec::new();
                let n = r.varint().unwrap_or(0);
                let mut prev = 0u64;
                for i in 0..n {
                    let Some(v) = r.varint() else { break };
                    prev = if i == 0 { v } else { prev + v };
                    firsts.push(prev as u32);
                }
                PosData::Chunked(firsts)
            }
            _ => PosData::None,
        };
        Postings { docs, title, key, pos }
    }

    fn bigram_postings(&self, key: u64) -> Postings {
        self.postings(&format!("b/{}.bin", bigram_shard(key, self.m.shards)), key)
    }

    /// Positions of a bigram in the given documents (sorted), fetching only the chunks needed.
    fn positions(&self, p: &Postings, docs: &[u32]) -> HashMap<u32, Vec<u32>> {
        match &p.pos {
            PosData::None => HashMap::new(),
            PosData::Inline(m) => docs.iter().filter_map(|d| m.get(d).map(|v| (*d, v.clone()))).collect(),
            PosData::Chunked(firsts) => {
                let chunks: BTreeSet<usize> = docs
                    .iter()
                    .filter_map(|d| firsts.partition_point(|f| f <= d).checked_sub(1))
                    .collect();
                let mut out = HashMap::new();
                for c in chunks {
                    let Some(buf) = self.get(&format!("x/{:x}-{c}.bin", p.key)) else {
                        continue;
                    };
                    let m = decode_positions(buf, firsts[c]).unwrap_or_default();
                    for d in docs {
                        if let Some(v) = m.get(d) {
                            out.insert(*d, v.clone());
                        }
                    }
                }
                out
            }
        }
    }

    fn doc_table(&self, blk: u32) -> Option<DocTable> {
        let buf = self.get(&format!("d/{blk}.bin"))?;
        let mut r = Reader::new(buf);
        let n = r.varint()? as usize;
        let mut dates = Vec::with_capacity(n);
        let mut prev = 0i64;
        for _ in 0..n {
            let z = r.varint()?;
            let delta = ((z >> 1) as i64) ^ -((z & 1) as i64);
            prev += delta;
            dates.push(prev);
        }
        let mut tls = Vec::with_capacity(n);
        for _ in 0..n {
            tls.push(r.varint()? as u32);
        }
        let nf = r.varint()?;
        let mut facets = Vec::new();
        for _ in 0..nf {
            let key = r.str()?.to_string();
            let nl = r.varint()?;
            let mut labels = Vec::new();
            for _ in 0..nl {
                labels.push(r.str()?.to_string());
            }
            let ns = r.varint()?;
            let mut sets: Vec<Vec<String>> = Vec::new();
            for _ in 0..ns {
                let c = r.varint()?;
                let mut s = Vec::new();
                for _ in 0..c {
                    s.push(labels.get(r.varint()? as usize)?.clone());
                }
                sets.push(s);
            }
            let nr = r.varint()?;
            let mut per_doc = Vec::with_capacity(n);
            for _ in 0..nr {
                let len = r.varint()?;
                let s = sets.get(r.varint()? as usize)?;
                for _ in 0..len {
                    per_doc.push(s.clone());
                }
            }
            per_doc.resize(n, vec![]);
            facets.push((key, per_doc));
        }
        Some(DocTable { dates, tls, facets })
    }

    fn eval_part(&self, part: &QueryPart, tables: &mut HashMap<u32, Option<DocTable>>) -> SegMatch {
        match part {
            QueryPart::Cjk(chars) if chars.len() == 1 => {
                let cp = chars[0] as u32;
                let p = self.postings(&format!("u/{}.bin", unigram_shard(cp, self.m.ushards)), cp as u64);
                SegMatch {
                    docs: p.docs,
                    title: p.title.into_iter().collect(),
                    len: 1,
                    body_at: HashMap::new(),
                }
            }
            QueryPart::Cjk(chars) if chars.len() == 2 => {
                let p = self.bigram_postings(bigram_key(chars[0], chars[1]));
                SegMatch {
                    docs: p.docs,
                    title: p.title.into_iter().collect(),
                    len: 2,
                    body_at: HashMap::new(),
                }
            }
            QueryPart::Cjk(chars) => {
                let mut covers: Vec<(usize, Postings)> = cover_offsets(chars.len())
                    .into_iter()
                    .map(|o| (o, self.bigram_postings(bigram_key(chars[o], chars[o + 1]))))
                    .collect();
                let mut cand: Vec<u32> = covers[0].1.docs.clone();
                for (_, p) in &covers[1..] {
                    cand = intersect(&cand, &p.docs);
                }
                // Verify, cheapest positions first (inline, then fewest chunks): each cover
                // narrows the possible phrase starts of each candidate.
                covers.sort_by_key(|(o, p)| (p.pos.cost(), *o));
                let mut starts: HashMap<u32, Vec<u32>> = HashMap::new();
                for (ci, (o, p)) in covers.iter().enumerate() {
                    if cand.is_empty() {
                        break;
                    }
                    let pos = self.positions(p, &cand);
                    let o = *o as u32;
                    let mut next = Vec::new();
                    for &d in &cand {
                        let here: Vec<u32> = pos
                            .get(&d)
                            .map(|v| v.iter().filter(|&&x| x >= o).map(|x| x - o).collect())
                            .unwrap_or_default();
                        let s = if ci == 0 {
                            here
                        } else {
                            let prev = starts.remove(&d).unwrap_or_default();
                            prev.into_iter().filter(|x| here.binary_search(x).is_ok()).collect()
                        };
                        if !s.is_empty() {
                            starts.insert(d, s);
                            next.push(d);
                        } else {
                            starts.remove(&d);
                        }
                    }
                    cand = next;
                }
                let mut title = BTreeSet::new();
                let mut body_at = HashMap::new();
                for &d in &cand {
                    let blk = d / self.m.block;
                    let table = tables.entry(blk).or_insert_with(|| self.doc_table(blk));
                    let tl = table
                        .as_ref()
                        .and_then(|t| t.tls.get((d - blk * self.m.block) as usize))
                        .copied()
                        .unwrap_or(0);
                    let s = starts.get(&d).map_or(&[][..], |v| &v[..]);
                    if s.first().is_some_and(|&p| p < tl) {
                        title.insert(d);
                    }
                    if let Some(&p) = s.iter().find(|&&p| p > tl) {
                        body_at.insert(d, p - tl - 1);
                    }
                }
                SegMatch {
                    docs: cand,
                    title,
                    len: chars.len() as u32,
                    body_at,
                }
            }
            QueryPart::Word { word, prefix } => {
                let len = word.chars().count() as u32;
                let Some(buf) = self.get(&format!("w/{}.bin", word_shard(word))) else {
                    return SegMatch {
                        docs: vec![],
                        title: BTreeSet::new(),
                        len,
                        body_at: HashMap::new(),
                    };
                };
                let mut docs: BTreeSet<u32> = BTreeSet::new();
                let mut title = BTreeSet::new();
                let words = decode_word_file(buf).unwrap_or_default();
                for (w, rec) in words {
                    if w == word || (*prefix && w.starts_with(word.as_str())) {
                        let mut r = Reader::new(rec);
                        docs.extend(r.doc_set(self.m.docs).unwrap_or_default());
                        title.extend(r.doc_set(self.m.docs).unwrap_or_default());
                    }
                }
                SegMatch {
                    docs: docs.into_iter().collect(),
                    title,
                    len,
                    body_at: HashMap::new(),
                }
            }
        }
    }

    /// Run a query as a first query on a fresh page would.
    pub fn search(&self, q: &str, opts: &QueryOptions) -> SearchResults {
        self.log.borrow_mut().clear();
        self.get("index.json");
        let parts = parse_query(q);
        let mut out = SearchResults::default();
        if parts.is_empty() {
            out.files_read = self.log.borrow().clone();
            out.bytes_read = self.bytes_of(&out.files_read);
            return out;
        }
        let mut tables: HashMap<u32, Option<DocTable>> = HashMap::new();
        let mut matches: Vec<SegMatch> = Vec::new();
        let mut docs: Option<Vec<u32>> = None;
        for p in &parts {
            let m = self.eval_part(p, &mut tables);
            docs = Some(match docs {
                None => m.docs.clone(),
                Some(d) => intersect(&d, &m.docs),
            });
            matches.push(m);
            if docs.as_ref().is_some_and(|d| d.is_empty()) {
                break;
            }
        }
        let docs = docs.unwrap_or_default();
        out.unfiltered = docs.len();
        let total_len: u32 = matches.iter().map(|m| m.len).sum();
        // Doc tables for the result blocks.
        for blk in docs.iter().map(|d| d / self.m.block).collect::<BTreeSet<_>>() {
            tables.entry(blk).or_insert_with(|| self.doc_table(blk));
        }
        struct Row<'a> {
            doc: u32,
            tier: u8,
            date: i64,
            facets: Vec<(&'a str, &'a [String])>,
        }
        let mut rows: Vec<Row> = Vec::with_capacity(docs.len());
        for &d in &docs {
            let blk = d / self.m.block;
            let local = (d - blk * self.m.block) as usize;
            let t = tables.get(&blk).and_then(|t| t.as_ref());
            let tl = t.and_then(|t| t.tls.get(local)).copied().unwrap_or(0);
            let date = t.and_then(|t| t.dates.get(local)).copied().unwrap_or(0);
            let in_title = matches.iter().filter(|m| m.title.contains(&d)).count();
            let tier = if in_title == matches.len() {
                if total_len == tl { 0 } else { 1 }
            } else if in_title > 0 {
                2
            } else {
                3
            };
            let facets = t
                .map(|t| {
                    t.facets
                        .iter()
                        .filter_map(|(k, v)| v.get(local).map(|x| (k.as_str(), &x[..])))
                        .collect()
                })
                .unwrap_or_default();
            rows.push(Row {
                doc: d,
                tier,
                date,
                facets,
            });
        }
        let passes = |r: &Row, except: Option<&str>| {
            opts.filters.iter().all(|(k, sel)| {
                sel.is_empty()
                    || Some(k.as_str()) == except
                    || r.facets
                        .iter()
                        .any(|(fk, vals)| fk == k && vals.iter().any(|v| sel.contains(v)))
            })
        };
        // Facet counts.
        let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for r in &rows {
            for (k, vals) in &r.facets {
                if vals.is_empty() || !passes(r, Some(k)) {
                    continue;
                }
                let c = counts.entry(k.to_string()).or_default();
                for v in *vals {
                    *c.entry(v.clone()).or_default() += 1;
                }
            }
        }
        out.facets = counts
            .into_iter()
            .map(|(k, c)| {
                let mut v: Vec<(String, usize)> = c.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                (k, v)
            })
            .collect();
        let mut rows: Vec<&Row> = rows.iter().filter(|r| passes(r, None)).collect();
        match opts.sort {
            Sort::Relevance => {
                rows.sort_by(|a, b| a.tier.cmp(&b.tier).then(b.date.cmp(&a.date)).then(a.doc.cmp(&b.doc)))
            }
            Sort::Date => rows.sort_by(|a, b| b.date.cmp(&a.date).then(a.tier.cmp(&b.tier)).then(a.doc.cmp(&b.doc))),
        }
        out.total = rows.len();
        out.hits = rows
            .iter()
            .map(|r| Hit {
                doc: r.doc,
                tier: r.tier,
                date: r.date,
                url: None,
                title: None,
                excerpt: None,
            })
            .collect();
        let page = opts.page_size.min(out.hits.len());
        for h in &mut out.hits[..page] {
            if let Some(rec) = self
                .get(&format!("r/{}.json", h.doc))
                .and_then(|b| serde_json::from_slice::<RecordFile>(b).ok())
            {
                let known = matches.iter().filter_map(|m| m.body_at.get(&h.doc)).min().copied();
                h.excerpt = self.excerpt(h.doc, &rec, known, &parts);
                h.url = Some(rec.u);
                h.title = Some(rec.t);
            }
        }
        out.files_read = self.log.borrow().clone();
        out.bytes_read = self.bytes_of(&out.files_read);
        out
    }

    /// The excerpt as the client finds it: in the record's window, else in the text part
    /// holding the known match offset, else in the parts in order.
    fn excerpt(&self, doc: u32, rec: &RecordFile, known: Option<u32>, parts: &[QueryPart]) -> Option<String> {
        let w = self.m.window;
        let part = |k: usize| -> Option<String> {
            self.get(&format!("r/{doc}-{k}.txt"))
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        match known {
            Some(q) if (q as usize) < w => find_excerpt(&rec.x, parts),
            Some(q) => part((q as usize - w) / self.m.part).and_then(|t| find_excerpt(&t, parts)),
            None => find_excerpt(&rec.x, parts).or_else(|| {
                // Only when some part was not verified by positions (see search-core.js).
                let unknown = parts.iter().any(|p| !matches!(p, QueryPart::Cjk(c) if c.len() >= 3));
                let _ = self.m.overlap;
                if !unknown {
                    return None;
                }
                (0..rec.n).find_map(|k| part(k).and_then(|t| find_excerpt(&t, parts)))
            }),
        }
        .or_else(|| Some(rec.x.chars().take(80).collect()))
    }

    fn bytes_of(&self, files: &BTreeSet<String>) -> u64 {
        files
            .iter()
            .filter_map(|f| self.files.get(f))
            .map(|b| b.len() as u64)
            .sum()
    }
}

/// Words of a word shard with their record bytes.
fn decode_word_file(buf: &[u8]) -> Option<Vec<(&str, &[u8])>> {
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

/// ~80 characters of `text` around the first match of any query part (None if none).
fn find_excerpt(text: &str, parts: &[QueryPart]) -> Option<String> {
    let orig: Vec<char> = text.chars().collect();
    let norm: Vec<char> = normalize(text).chars().collect();
    let mut best: Option<usize> = None;
    for p in parts {
        let needle: Vec<char> = match p {
            QueryPart::Cjk(c) => c.clone(),
            QueryPart::Word { word, .. } => word.chars().collect(),
        };
        if needle.is_empty() || needle.len() > norm.len() {
            continue;
        }
        if let Some(i) = norm.windows(needle.len()).position(|w| w == &needle[..]) {
            best = Some(best.map_or(i, |b| b.min(i)));
        }
    }
    let i = best?;
    let start = i.saturating_sub(30);
    let end = (i + 50).min(orig.len());
    Some(orig[start..end].iter().collect())
}
