//! Query evaluation over the written index files: the same algorithm as
//! `themes/default/static/search-core.js`, used by the tests and the benchmark. Every
//! [`SearchIndex::search`] behaves like a first query on a fresh page and records which files
//! it read, so the bytes a browser would fetch can be measured.
//!
//! * [`parse`](self::parse): query parts; [`read`](self::read): decoding the files;
//! * [`parts`](self::parts): what each part matches (phrases verified by positions);
//! * [`rank`](self::rank): tiers, filters, facet counts, order, lazy verification;
//! * [`excerpt`](self::excerpt): excerpts of the shown results.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::IndexFile;

mod excerpt;
mod parse;
mod parts;
mod rank;
mod read;

use parse::intersect;
pub use parse::{QueryPart, cover_offsets, parse_query};
use parts::PartMatch;
use rank::{Row, Tables};
use read::{Manifest, RecordFile};

/// Position chunk files a query may read to prove its phrases on every candidate before the
/// results are counted; when that would need more, only the results shown are proven (in
/// result order), and the count is an upper bound until the client completes it in the
/// background (`search-core.js` uses the same number).
pub const EAGER_CHUNKS: usize = 64;

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
    /// Results whose record (and excerpt text) is loaded, as the first page shows them;
    /// at least this many results are verified.
    pub page_size: usize,
    /// Verify every candidate even when that is expensive (as the client does after
    /// showing the first page): `total` and `facets` are then exact.
    pub exact: bool,
    /// The eager verification budget in chunk files (None: [`EAGER_CHUNKS`]); tests use
    /// `Some(0)` to exercise the lazy path on small indexes.
    pub eager_chunks: Option<usize>,
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
    /// Number of results after filters (when not `exact`: of candidates, an upper bound).
    pub total: usize,
    /// Number of results before filters (when not `exact`: of candidates).
    pub unfiltered: usize,
    /// Results in order: all of them when `exact`, else the verified first ones (at least
    /// `page_size`, or all).
    pub hits: Vec<Hit>,
    /// Facet key → (value, count), count descending then value; counts for a key apply
    /// the filters of the other keys (so choosing one value still shows its siblings).
    /// Counts of candidates when not `exact`.
    pub facets: BTreeMap<String, Vec<(String, usize)>>,
    /// Whether every candidate was verified: `total`, `unfiltered` and `facets` are exact.
    pub exact: bool,
    /// Estimated number of results after filters (`total` when `exact`).
    pub estimate: usize,
    /// Index files this query read (paths relative to `search/<lang>/`).
    pub files_read: BTreeSet<String>,
    pub bytes_read: u64,
}

/// An index loaded in memory.
pub struct SearchIndex {
    files: HashMap<String, Vec<u8>>,
    m: Manifest,
    log: RefCell<BTreeSet<String>>,
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
        for sub in ["", "b", "u", "w", "x", "d", "t", "r"] {
            let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
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
        if m.shards == 0 || m.ushards == 0 {
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

    /// Run a query as a first query on a fresh page would.
    pub fn search(&self, q: &str, opts: &QueryOptions) -> SearchResults {
        self.log.borrow_mut().clear();
        self.get("index.json");
        let parts = parse_query(q);
        let mut out = SearchResults::default();
        if !parts.is_empty() {
            self.run(&parts, opts, &mut out);
        }
        out.files_read = self.log.borrow().clone();
        out.bytes_read = out
            .files_read
            .iter()
            .filter_map(|f| self.files.get(f))
            .map(|b| b.len() as u64)
            .sum();
        out
    }

    /// Candidates of every part, ANDed (stops at the first empty intersection).
    fn candidates(&self, parts: &[QueryPart]) -> (Vec<PartMatch>, Vec<u32>) {
        let mut matches: Vec<PartMatch> = Vec::new();
        let mut docs: Option<Vec<u32>> = None;
        for p in parts {
            let m = self.eval_part(p);
            let d = match docs {
                None => m.docs.clone(),
                Some(d) => intersect(&d, &m.docs),
            };
            matches.push(m);
            let empty = d.is_empty();
            docs = Some(d);
            if empty {
                break;
            }
        }
        (matches, docs.unwrap_or_default())
    }

    fn run(&self, parts: &[QueryPart], opts: &QueryOptions, out: &mut SearchResults) {
        let (mut matches, mut docs) = self.candidates(parts);
        let cost: usize = matches.iter().map(|m| m.cost(&docs)).sum();
        out.exact = opts.exact || cost <= opts.eager_chunks.unwrap_or(EAGER_CHUNKS);
        if out.exact {
            docs = self.prove_all(&mut matches, &docs);
        }
        let tables = Tables::load(self, &docs, &matches);
        if out.exact {
            rank::place_all(&mut matches, &docs, self.m.body);
        }
        let rows: Vec<Row> = docs.iter().map(|&d| tables.row(d, &matches, out.exact)).collect();
        out.unfiltered = rows.len();
        out.facets = rank::facet_counts(&rows, opts);
        let mut kept: Vec<Row> = rows.into_iter().filter(|r| rank::passes(r, opts, None)).collect();
        rank::sort_rows(&mut kept, opts.sort);
        let mut estimate = kept.len();
        if !out.exact {
            let unfiltered = kept.len() == out.unfiltered;
            let checked = self.ensure(&mut kept, opts.page_size, &mut matches, opts.sort);
            let verified = kept.iter().take_while(|r| r.verified).count();
            estimate = rank::estimate(kept.len(), verified, &checked);
            // Every candidate checked (no filter left any out): the results are exact.
            if unfiltered && verified == kept.len() {
                out.exact = true;
                out.unfiltered = kept.len();
                out.facets = rank::facet_counts(&kept, opts);
            }
        }
        out.total = kept.len();
        out.estimate = estimate;
        let verified = kept.iter().take_while(|r| r.verified).count();
        out.hits = kept[..verified].iter().map(hit).collect();
        let page = opts.page_size.min(out.hits.len());
        for h in &mut out.hits[..page] {
            self.fill(h, &matches, parts);
        }
    }

    /// URL, title and excerpt of a shown hit.
    fn fill(&self, h: &mut Hit, matches: &[PartMatch], parts: &[QueryPart]) {
        let Some(rec) = self
            .get(&format!("r/{}.json", h.doc))
            .and_then(|b| serde_json::from_slice::<RecordFile>(b).ok())
        else {
            return;
        };
        let known = matches.iter().filter_map(|m| m.body_at.get(&h.doc)).min().copied();
        h.excerpt = self.excerpt(h.doc, &rec, known, parts, h.tier <= 1);
        h.url = Some(rec.u);
        h.title = Some(rec.t);
    }
}

fn hit(r: &Row) -> Hit {
    Hit {
        doc: r.doc,
        tier: r.tier,
        date: r.date,
        url: None,
        title: None,
        excerpt: None,
    }
}
