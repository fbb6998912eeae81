//! Per-record tokenisation for the index: the work a rebuild reuses from the cache.

use std::collections::BTreeMap;

use super::{BODY_AT, MAX_POS};
use crate::search::normalize::{MAX_WORD_CHARS, bigram_key, is_cjk, is_word, normalize_char};

/// The per-record work that a rebuild can reuse: normalised, tokenised text.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// Characters of the title that queries match (CJK and word characters, words cut as
    /// queries cut them): a query whose parts add up to this is the whole title.
    pub tc: u32,
    /// `(bigram_key << 22) | position`, sorted.
    pub bigrams: Vec<u64>,
    /// Number of distinct bigram keys.
    pub distinct: u32,
    /// `(code point << 1) | in_title`, sorted, one entry per CJK character.
    pub unigrams: Vec<u32>,
    /// Distinct words, sorted, with "occurs in the title".
    pub words: Vec<(Box<str>, bool)>,
}

/// The word being read and the words seen so far.
#[derive(Default)]
struct Words {
    word: String,
    len: usize,
    in_title: bool,
    seen: BTreeMap<Box<str>, bool>,
}

impl Words {
    /// Add a word character; returns whether it is kept (words are cut).
    fn push(&mut self, c: char, in_title: bool) -> bool {
        if self.len == 0 {
            self.in_title = in_title;
        }
        if self.len < MAX_WORD_CHARS {
            self.word.push(c);
            self.len += 1;
            return true;
        }
        false
    }

    fn end(&mut self) {
        if self.len > 0 {
            let e = self
                .seen
                .entry(std::mem::take(&mut self.word).into_boxed_str())
                .or_insert(false);
            *e |= self.in_title;
            self.len = 0;
        }
    }
}

/// Tokenise title + body the way the index needs it (no per-token allocation for CJK).
/// Title characters sit at positions `0…`, body characters at [`BODY_AT`]`…`: a position says
/// by itself whether it is in the title (title characters past `BODY_AT − 1` are not indexed).
pub(crate) fn analyze(title: &str, body: &str) -> Analysis {
    let mut a = Analysis::default();
    let mut prev: Option<char> = None; // previous char if CJK
    let mut words = Words::default();
    let mut uni: Vec<u32> = Vec::new();
    let title = (0..BODY_AT - 1).zip(title.chars());
    let gap = std::iter::once((BODY_AT - 1, '\n'));
    let text = title.chain(gap).chain((BODY_AT..=MAX_POS).zip(body.chars()));
    for (pos, c) in text {
        let c = normalize_char(c);
        let in_title = pos < BODY_AT;
        if is_cjk(c) {
            if let Some(p) = prev {
                a.bigrams.push((bigram_key(p, c) << 22) | (pos - 1) as u64);
            }
            uni.push(((c as u32) << 1) | in_title as u32);
            prev = Some(c);
            a.tc += in_title as u32;
        } else {
            prev = None;
        }
        if is_word(c) {
            a.tc += (words.push(c, in_title) && in_title) as u32;
        } else {
            words.end();
        }
    }
    words.end();
    a.bigrams.sort_unstable();
    a.distinct = count_keys(&a.bigrams);
    a.unigrams = merge_unigrams(uni);
    a.words = words.seen.into_iter().collect();
    a
}

/// Number of distinct keys among sorted `(key << 22) | position` entries.
fn count_keys(entries: &[u64]) -> u32 {
    let mut n = 0;
    let mut last = u64::MAX;
    for &e in entries {
        if e >> 22 != last {
            n += 1;
            last = e >> 22;
        }
    }
    n
}

/// Sort `(code point << 1) | in_title` and keep one entry per code point (title bit ORed).
fn merge_unigrams(mut uni: Vec<u32>) -> Vec<u32> {
    uni.sort_unstable();
    let mut out: Vec<u32> = Vec::with_capacity(uni.len() / 2);
    for u in uni {
        match out.last_mut() {
            Some(l) if *l >> 1 == u >> 1 => *l |= u & 1,
            _ => out.push(u),
        }
    }
    out
}
