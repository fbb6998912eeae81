//! Result rows: tiers (from the postings' title sets and the documents by title length),
//! facets (`d/facets.bin`), filters, facet counts, order, and the lazy verification of phrase
//! candidates in result order; dates from the date files of the blocks holding the results.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::parts::PartMatch;
use super::read::Facets;
use super::{QueryOptions, SearchIndex, Sort};

/// One result (or candidate) with what ordering and filtering need.
pub(super) struct Row<'a> {
    pub doc: u32,
    pub tier: u8,
    /// Days since 1970 plus one (0: undated).
    pub date: i64,
    /// The title has as many matchable characters as the query's parts together.
    pub whole: bool,
    pub facets: Vec<(&'a str, &'a [String])>,
    /// Every phrase of the query is proven on this document.
    pub verified: bool,
}

/// What rows are made from: the facets of every document, the documents whose title is as
/// long as the query, and the dates of the blocks holding the results.
pub(super) struct Tables {
    facets: Facets,
    whole: Vec<u32>,
    block: u32,
    dates: HashMap<u32, Vec<i64>>,
}

impl Tables {
    pub fn load(ix: &SearchIndex, docs: &[u32], matches: &[PartMatch]) -> Self {
        let block = ix.m.block.max(1);
        if docs.is_empty() {
            return Tables {
                facets: Facets::default(),
                whole: Vec::new(),
                block,
                dates: HashMap::new(),
            };
        }
        let blocks: BTreeSet<u32> = docs.iter().map(|d| d / block).collect();
        // The documents by title length are needed only when some candidate has every part
        // in its title.
        let any_title = docs.iter().any(|d| matches.iter().all(|m| m.title.contains(d)));
        let len: u32 = matches.iter().map(|m| m.len).sum();
        Tables {
            facets: ix.facets(),
            whole: if any_title { ix.whole_titles(len) } else { Vec::new() },
            block,
            dates: blocks.into_iter().map(|b| (b, ix.date_block(b))).collect(),
        }
    }

    pub fn row(&self, d: u32, matches: &[PartMatch], verified: bool) -> Row<'_> {
        let mut r = Row {
            doc: d,
            tier: 0,
            date: self
                .dates
                .get(&(d / self.block))
                .and_then(|v| v.get((d % self.block) as usize))
                .copied()
                .unwrap_or(0),
            whole: self.whole.binary_search(&d).is_ok(),
            facets: self.facets.of(d),
            verified,
        };
        r.tier = tier(&r, matches);
        r
    }
}

/// 0: the query is the whole title (its parts are in the title and add up to the title's
/// matchable characters); 1: every part in the title; 2: some; 3: none. For an unverified
/// document this is optimistic (never above its true tier).
pub(super) fn tier(r: &Row, matches: &[PartMatch]) -> u8 {
    let in_title = matches.iter().filter(|m| m.title.contains(&r.doc)).count();
    if in_title == matches.len() {
        if r.whole { 0 } else { 1 }
    } else if in_title > 0 {
        2
    } else {
        3
    }
}

/// Whether a row passes the filters, ignoring the key `except`.
pub(super) fn passes(r: &Row, opts: &QueryOptions, except: Option<&str>) -> bool {
    opts.filters.iter().all(|(k, sel)| {
        sel.is_empty()
            || Some(k.as_str()) == except
            || r.facets
                .iter()
                .any(|(fk, vals)| fk == k && vals.iter().any(|v| sel.contains(v)))
    })
}

/// Facet key → (value, count), count descending then value; a key's counts apply the
/// filters of the other keys.
pub(super) fn facet_counts(rows: &[Row], opts: &QueryOptions) -> BTreeMap<String, Vec<(String, usize)>> {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for r in rows {
        for (k, vals) in &r.facets {
            if vals.is_empty() || !passes(r, opts, Some(k)) {
                continue;
            }
            let c = counts.entry(k.to_string()).or_default();
            for v in *vals {
                *c.entry(v.clone()).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|(k, c)| {
            let mut v: Vec<(String, usize)> = c.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            (k, v)
        })
        .collect()
}

pub(super) fn sort_rows(rows: &mut [Row], sort: Sort) {
    match sort {
        Sort::Relevance => rows.sort_by(|a, b| a.tier.cmp(&b.tier).then(b.date.cmp(&a.date)).then(a.doc.cmp(&b.doc))),
        Sort::Date => rows.sort_by(|a, b| b.date.cmp(&a.date).then(a.tier.cmp(&b.tier)).then(a.doc.cmp(&b.doc))),
    }
}

/// Counts of the lazy verification: documents checked and how many of them matched.
#[derive(Default)]
pub(super) struct Checked {
    pub checked: usize,
    pub ok: usize,
    /// Size of the last batch.
    pub batch: usize,
}

impl SearchIndex {
    /// Verify every phrase of the query on `docs` (sorted) by positions; returns the
    /// documents that match (see [`place_all`]).
    pub(super) fn prove_all(&self, matches: &mut [PartMatch], docs: &[u32]) -> Vec<u32> {
        let mut ok = docs.to_vec();
        for m in matches.iter_mut() {
            ok = m.prove(self, &ok);
        }
        ok
    }

    /// Lazy verification: until the first `need` rows (sorted, optimistic tiers) are all
    /// verified, verify a batch of unverified rows in order, drop those that do not match and
    /// re-rank the others with their true tiers. Rows below stay candidates.
    pub(super) fn ensure<'t>(
        &self,
        rows: &mut Vec<Row<'t>>,
        need: usize,
        matches: &mut [PartMatch],
        sort: Sort,
    ) -> Checked {
        let mut n = Checked::default();
        loop {
            let missing = rows.iter().take(need).filter(|r| !r.verified).count();
            if missing == 0 {
                return n;
            }
            n.batch = batch_size(missing, &n);
            let mut batch: Vec<u32> = rows
                .iter()
                .filter(|r| !r.verified)
                .take(n.batch)
                .map(|r| r.doc)
                .collect();
            batch.sort_unstable();
            let ok: BTreeSet<u32> = self.prove_all(matches, &batch).into_iter().collect();
            place_all(matches, &batch, self.m.body);
            n.checked += batch.len();
            n.ok += ok.len();
            rows.retain(|r| r.verified || batch.binary_search(&r.doc).is_err() || ok.contains(&r.doc));
            for r in rows.iter_mut().filter(|r| ok.contains(&r.doc)) {
                r.verified = true;
                r.tier = tier(r, matches);
            }
            sort_rows(rows, sort);
        }
    }
}

/// The exact title flags and body offsets of proven documents (see
/// [`SearchIndex::prove_all`]); `body` is the position of the first body character.
pub(super) fn place_all(matches: &mut [PartMatch], docs: &[u32], body: u32) {
    for m in matches.iter_mut() {
        m.place(docs, body);
    }
}

/// How many unverified rows to verify next when `missing` of the first rows are unverified:
/// as many at first; then scaled by the candidates checked per match so far, or doubled
/// while none matched (so the rounds — request round trips — stay few when most fail).
fn batch_size(missing: usize, n: &Checked) -> usize {
    if n.checked == 0 {
        missing
    } else if n.ok == 0 {
        (n.batch * 2).max(missing)
    } else {
        (missing * n.checked).div_ceil(n.ok)
    }
}

/// The estimated number of results: the verified ones plus the unverified candidates
/// scaled by the share of checked candidates that matched (integer arithmetic, rounded half
/// up, as in `search-core.js`).
pub(super) fn estimate(total: usize, verified: usize, n: &Checked) -> usize {
    if n.checked == 0 {
        return total;
    }
    let rest = (total - verified) as u64;
    verified + ((rest * n.ok as u64 * 2 + n.checked as u64) / (2 * n.checked as u64)) as usize
}
