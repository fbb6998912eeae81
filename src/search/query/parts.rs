//! Evaluating one query part: a character, a bigram, a word (exact doc sets), or a phrase of
//! three or more characters, whose candidates (pages holding every covering bigram) are
//! proven by positions — all at once when that is cheap, else page by page as results are
//! shown (see [`super::SearchIndex::search`]).

use std::collections::{BTreeSet, HashMap};

use super::SearchIndex;

/// Chunk files a phrase's candidates may need before the phrase's other bigrams (those that
/// are not covers) are fetched to narrow them (`search-core.js` uses the same number).
pub const PRUNE_CHUNKS: usize = 16;
use super::parse::{QueryPart, cover_offsets, intersect};
use super::read::{Postings, decode_word_file};
use crate::search::codec::Reader;
use crate::search::indexer::{unigram_shard, word_shard};
use crate::search::normalize::bigram_key;

/// What one part matches.
pub(super) struct PartMatch {
    /// Matching documents, sorted (candidates for a phrase: a superset).
    pub docs: Vec<u32>,
    /// Documents where the part is in the title (a superset for unverified phrase docs).
    pub title: BTreeSet<u32>,
    /// Length in characters.
    pub len: u32,
    /// For phrases: the first match offset in the body, per verified document.
    pub body_at: HashMap<u32, u32>,
    /// For phrases: the verification state…
    pub phrase: Option<Phrase>,
    /// … and the start offsets of the proven documents not yet placed.
    proven: HashMap<u32, Vec<u32>>,
}

/// A phrase's verification state: the covering bigrams whose positions are in chunk files,
/// and per candidate the start offsets left possible by the (inline) covers applied so far.
pub(super) struct Phrase {
    /// (offset in the phrase, postings), fewest chunk files first.
    rest: Vec<(u32, Postings)>,
    /// Possible starts per candidate (after the inline covers).
    starts: HashMap<u32, Vec<u32>>,
    /// Whether inline covers were applied (else the first chunked cover sets the starts).
    narrowed: bool,
}

impl PartMatch {
    fn exact(p: Postings, len: u32) -> Self {
        PartMatch {
            docs: p.docs,
            title: p.title.into_iter().collect(),
            len,
            body_at: HashMap::new(),
            phrase: None,
            proven: HashMap::new(),
        }
    }

    /// Verify `docs` (sorted candidates of this part) by positions; returns the documents
    /// that really match (all of `docs` for parts other than phrases, which are exact).
    pub fn prove(&mut self, ix: &SearchIndex, docs: &[u32]) -> Vec<u32> {
        let Some(phrase) = self.phrase.as_mut() else {
            return docs.to_vec();
        };
        let starts = phrase.verify(ix, docs);
        let ok = docs.iter().copied().filter(|d| starts.contains_key(d)).collect();
        self.proven.extend(starts);
        ok
    }

    /// After [`Self::prove`]: the exact title flag and body offset of each of `docs` (`body`:
    /// the position of the first body character).
    pub fn place(&mut self, docs: &[u32], body: u32) {
        if self.phrase.is_none() {
            return;
        }
        for d in docs {
            let Some(s) = self.proven.remove(d) else {
                self.title.remove(d);
                continue;
            };
            if s[0] >= body {
                self.title.remove(d);
            }
            if let Some(&p) = s.iter().find(|&&p| p >= body) {
                self.body_at.insert(*d, p - body);
            }
        }
    }

    /// Chunk files needed to prove the part on `docs`.
    pub fn cost(&self, docs: &[u32]) -> usize {
        self.phrase.as_ref().map_or(0, |p| p.cost(docs))
    }
}

/// Narrow the possible starts of `docs` with the positions of the cover at offset `o`
/// (`first`: the first cover, which sets them); returns the documents left with a start.
fn narrow(
    starts: &mut HashMap<u32, Vec<u32>>,
    first: bool,
    docs: &[u32],
    pos: &HashMap<u32, Vec<u32>>,
    o: u32,
) -> Vec<u32> {
    let mut next = Vec::new();
    for &d in docs {
        let here: Vec<u32> = pos
            .get(&d)
            .map(|v| v.iter().filter(|&&x| x >= o).map(|x| x - o).collect())
            .unwrap_or_default();
        let prev = starts.remove(&d);
        let s: Vec<u32> = if first {
            here
        } else {
            prev.unwrap_or_default()
                .into_iter()
                .filter(|x| here.binary_search(x).is_ok())
                .collect()
        };
        if !s.is_empty() {
            starts.insert(d, s);
            next.push(d);
        }
    }
    next
}

impl Phrase {
    /// Apply `covers` to `docs` (sorted candidates); returns the survivors. `first`: no
    /// cover was applied to these documents yet.
    fn apply(&mut self, ix: &SearchIndex, covers: &[(u32, Postings)], docs: &[u32], mut first: bool) -> Vec<u32> {
        let mut cand = docs.to_vec();
        for (o, p) in covers {
            if cand.is_empty() {
                break;
            }
            let pos = ix.positions(p, &cand);
            cand = narrow(&mut self.starts, first, &cand, &pos, *o);
            first = false;
        }
        cand
    }

    /// Chunk files the chunked covers need for `docs`.
    fn cost(&self, docs: &[u32]) -> usize {
        self.rest.iter().map(|(_, p)| p.chunks_for(docs).len()).sum()
    }

    /// The start offsets of the phrase in each of `docs` (sorted candidates, each verified
    /// once) that really contains it.
    fn verify(&mut self, ix: &SearchIndex, docs: &[u32]) -> HashMap<u32, Vec<u32>> {
        let rest = std::mem::take(&mut self.rest);
        let ok = self.apply(ix, &rest, docs, !self.narrowed);
        self.rest = rest;
        ok.into_iter()
            .filter_map(|d| self.starts.remove(&d).map(|s| (d, s)))
            .collect()
    }
}

impl SearchIndex {
    pub(super) fn eval_part(&self, part: &QueryPart) -> PartMatch {
        match part {
            QueryPart::Cjk(chars) if chars.len() == 1 => {
                let cp = chars[0] as u32;
                let p = self.postings(&format!("u/{}.bin", unigram_shard(cp, self.m.ushards)), cp as u64);
                PartMatch::exact(p, 1)
            }
            QueryPart::Cjk(chars) if chars.len() == 2 => {
                PartMatch::exact(self.bigram_postings(bigram_key(chars[0], chars[1])), 2)
            }
            QueryPart::Cjk(chars) => self.eval_phrase(chars),
            QueryPart::Word { word, prefix } => self.eval_word(word, *prefix),
        }
    }

    /// Candidates of a phrase: documents holding every covering bigram, narrowed at once by
    /// the covers whose positions are inline (no request).
    fn eval_phrase(&self, chars: &[char]) -> PartMatch {
        let mut covers: Vec<(u32, Postings)> = cover_offsets(chars.len())
            .into_iter()
            .map(|o| (o as u32, self.bigram_postings(bigram_key(chars[o], chars[o + 1]))))
            .collect();
        let mut cand: Vec<u32> = covers[0].1.docs.clone();
        let mut title: Vec<u32> = covers[0].1.title.clone();
        for (_, p) in &covers[1..] {
            cand = intersect(&cand, &p.docs);
            title = intersect(&title, &p.title);
        }
        // Proving many scattered candidates costs a chunk file each: first narrow them with
        // the doc sets of the phrase's other bigrams (one shard each, no positions).
        let cost: usize = covers.iter().map(|(_, p)| p.chunks_for(&cand).len()).sum();
        if cost > PRUNE_CHUNKS {
            let offsets = cover_offsets(chars.len());
            for o in (0..chars.len() - 1).filter(|o| !offsets.contains(o)) {
                let p = self.bigram_postings(bigram_key(chars[o], chars[o + 1]));
                cand = intersect(&cand, &p.docs);
                title = intersect(&title, &p.title);
            }
        }
        covers.sort_by_key(|(o, p)| (p.is_chunked(), p.chunks_for(&cand).len(), *o));
        let rest = covers.split_off(covers.iter().filter(|(_, p)| !p.is_chunked()).count());
        let mut phrase = Phrase {
            rest,
            starts: HashMap::new(),
            narrowed: !covers.is_empty(),
        };
        let docs = phrase.apply(self, &covers, &cand, true);
        PartMatch {
            title: intersect(&title, &docs).into_iter().collect(),
            docs,
            len: chars.len() as u32,
            body_at: HashMap::new(),
            phrase: Some(phrase),
            proven: HashMap::new(),
        }
    }

    fn eval_word(&self, word: &str, prefix: bool) -> PartMatch {
        let mut docs: BTreeSet<u32> = BTreeSet::new();
        let mut title = BTreeSet::new();
        if let Some(buf) = self.get(&format!("w/{}.bin", word_shard(word))) {
            for (w, rec) in decode_word_file(buf).unwrap_or_default() {
                if w == word || (prefix && w.starts_with(word)) {
                    let mut r = Reader::new(rec);
                    docs.extend(r.doc_set(self.m.docs).unwrap_or_default());
                    title.extend(r.doc_set(self.m.docs).unwrap_or_default());
                }
            }
        }
        PartMatch {
            docs: docs.into_iter().collect(),
            title,
            len: word.chars().count() as u32,
            body_at: HashMap::new(),
            phrase: None,
            proven: HashMap::new(),
        }
    }
}
