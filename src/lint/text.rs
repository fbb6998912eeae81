//! Characters of the scanned text, as the detectors see them.
//!
//! Detectors work on characters, not bytes, and compare *folded* characters: full-width
//! ASCII (`０９１２`, `Ａ`, `－`, `（`, `：`, `＠`) is read as its ASCII twin, because
//! people typing with a Chinese input method often write numbers that way. Every
//! character keeps the byte offset it has in the original text, so findings point at the
//! author's bytes. Text is scanned in chunks (lines or paragraphs) so memory stays
//! proportional to the longest chunk, not the file.

/// A chunk of the scanned text as folded characters with their byte offsets.
pub(crate) struct Chars<'a> {
    text: &'a str,
    cs: Vec<(usize, char)>,
    end: usize,
}

impl<'a> Chars<'a> {
    /// The characters of `text[start..end]` (offsets stay those of `text`).
    pub fn new(text: &'a str, start: usize, end: usize) -> Chars<'a> {
        let cs = text[start..end]
            .char_indices()
            .map(|(i, c)| (start + i, fold(c)))
            .collect();
        Chars { text, cs, end }
    }

    pub fn len(&self) -> usize {
        self.cs.len()
    }

    /// The folded character at `i`, if any.
    pub fn get(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|(_, c)| *c)
    }

    /// The character before `i` (None at the start of the chunk).
    pub fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.get(j))
    }

    /// Byte offset of character `i` in the text (the chunk's end for `i == len`).
    pub fn byte(&self, i: usize) -> usize {
        self.cs.get(i).map_or(self.end, |(b, _)| *b)
    }

    /// Do the folded characters at `i` spell `s`?
    pub fn starts_with(&self, i: usize, s: &str) -> bool {
        s.chars().enumerate().all(|(k, c)| self.get(i + k) == Some(c))
    }

    /// The first of `words` spelled at `i`, as its length in characters.
    pub fn word_at(&self, i: usize, words: &[&str]) -> Option<usize> {
        words.iter().find(|w| self.starts_with(i, w)).map(|w| w.chars().count())
    }

    /// The original text of characters `i..j`.
    pub fn slice(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.byte(i)..self.byte(j)]
    }

    /// Number of characters from `i` satisfying `f`.
    pub fn run(&self, i: usize, f: impl Fn(char) -> bool) -> usize {
        (i..self.len()).take_while(|&k| self.get(k).is_some_and(&f)).count()
    }
}

/// Full-width ASCII and the ideographic space → ASCII.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A CJK ideograph (the characters of Chinese names, places and words).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}')
}

/// An ASCII letter or digit (after folding): part of a longer token.
pub(crate) fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Byte ranges of the lines of `text`, without their line breaks.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let s = start;
        start += l.len();
        let body = l.trim_end_matches(['\n', '\r']);
        (s, s + body.len())
    })
}

/// Longest paragraph scanned as one chunk (bytes); longer ones are cut at a line break,
/// so memory stays bounded on a hostile file with no blank line.
const MAX_PARAGRAPH: usize = 64 * 1024;

/// Byte ranges of paragraphs: runs of lines separated by blank lines.
pub(crate) fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (s, e) in lines(text) {
        if text[s..e].trim().is_empty() {
            out.extend(cur.take());
        } else {
            if cur.is_some_and(|(cs, _)| e - cs > MAX_PARAGRAPH) {
                out.extend(cur.take());
            }
            cur = Some(cur.map_or((s, e), |(cs, _)| (cs, e)));
        }
    }
    out.extend(cur);
    out
}

/// `text[start..end]` with its middle characters replaced by `○` (names: `李○明`).
pub(crate) fn mask_name(name: &str) -> String {
    let cs: Vec<char> = name.chars().collect();
    match cs.len() {
        0 | 1 => name.to_string(),
        2 => format!("{}○", cs[0]),
        n => {
            let keep_front = if n >= 4 { 2 } else { 1 };
            let mut s: String = cs[..keep_front].iter().collect();
            s.extend(std::iter::repeat_n('○', n - keep_front - 1));
            s.push(cs[n - 1]);
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_keeps_offsets() {
        let t = "電話０９１２";
        let c = Chars::new(t, 0, t.len());
        assert_eq!(c.get(2), Some('0'));
        assert_eq!(c.byte(2), "電話".len());
        assert!(c.starts_with(2, "0912"));
        assert_eq!(c.slice(2, 6), "０９１２");
        assert_eq!(c.byte(6), t.len());
    }

    #[test]
    fn lines_and_paragraphs_handle_crlf() {
        let t = "a\r\nb\r\n\r\nc";
        assert_eq!(lines(t).collect::<Vec<_>>(), vec![(0, 1), (3, 4), (6, 6), (8, 9)]);
        assert_eq!(paragraphs(t), vec![(0, 4), (8, 9)]);
    }

    #[test]
    fn masks_names() {
        assert_eq!(mask_name("李小明"), "李○明");
        assert_eq!(mask_name("王明"), "王○");
        assert_eq!(mask_name("張簡大明"), "張簡○明");
    }
}
