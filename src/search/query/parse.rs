//! Query parsing and the small set operations the engine needs.

use crate::search::normalize::{Segment, segments};

/// A query segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryPart {
    Cjk(Vec<char>),
    Word { word: String, prefix: bool },
}

impl QueryPart {
    /// The normalised text the part matches.
    pub fn text(&self) -> String {
        match self {
            QueryPart::Cjk(c) => c.iter().collect(),
            QueryPart::Word { word, .. } => word.clone(),
        }
    }

    /// A CJK phrase of three or more characters, whose matches positions must prove.
    pub fn is_phrase(&self) -> bool {
        matches!(self, QueryPart::Cjk(c) if c.len() >= 3)
    }
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

/// Intersection of two sorted lists.
pub(super) fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
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
