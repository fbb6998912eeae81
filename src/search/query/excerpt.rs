//! Excerpts: about 80 characters around the first match, as the client finds them.

use super::SearchIndex;
use super::parse::QueryPart;
use super::read::RecordFile;
use crate::search::normalize::normalize;

impl SearchIndex {
    /// The excerpt as the client finds it: in the record's window, else in the text part
    /// holding the known match offset, else in the parts in order. A result whose title holds
    /// every part (`in_title`) shows its window: the title shows the match.
    pub(super) fn excerpt(
        &self,
        doc: u32,
        rec: &RecordFile,
        known: Option<u32>,
        parts: &[QueryPart],
        in_title: bool,
    ) -> Option<String> {
        let w = self.m.window;
        if in_title {
            return find_excerpt(&rec.x, parts).or_else(|| Some(rec.x.chars().take(80).collect()));
        }
        let part = |k: usize| -> Option<String> {
            self.get(&format!("r/{doc}-{k}.txt"))
                .map(|b| String::from_utf8_lossy(b).into_owned())
        };
        match known {
            Some(q) if (q as usize) < w => find_excerpt(&rec.x, parts),
            Some(q) => part((q as usize - w) / self.m.part).and_then(|t| find_excerpt(&t, parts)),
            None => find_excerpt(&rec.x, parts).or_else(|| {
                // Only when some part was not verified by positions (see search-core.js).
                if parts.iter().all(QueryPart::is_phrase) {
                    return None;
                }
                (0..rec.n).find_map(|k| part(k).and_then(|t| find_excerpt(&t, parts)))
            }),
        }
        .or_else(|| Some(rec.x.chars().take(80).collect()))
    }
}

/// ~80 characters of `text` around the first match of any query part (None if none).
fn find_excerpt(text: &str, parts: &[QueryPart]) -> Option<String> {
    let orig: Vec<char> = text.chars().collect();
    let norm: Vec<char> = normalize(text).chars().collect();
    let mut best: Option<usize> = None;
    for p in parts {
        let needle: Vec<char> = p.text().chars().collect();
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
