//! The shared normaliser and tokenizer.
//!
//! `themes/default/static/search-core.js` implements exactly the same rules; the vectors in
//! `tests/search-vectors.json` are checked against both, so the two cannot drift.
//!
//! Normalisation maps every code point to exactly one code point (never expands, never
//! deletes), so an offset into the normalised text is also an offset into the original text:
//! excerpts show the original text and highlight by offset.
//!
//! 1. Full-width ASCII (U+FF01–FF5E) → ASCII; ideographic space U+3000 → space.
//! 2. Lower case: ASCII A–Z and Latin-1 À–Þ (except ×).
//! 3. Kangxi radicals (U+2F00–2FD5), the two mapped CJK radical supplements (U+2E9F, U+2EF3)
//!    and CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) → their NFKC form
//!    (PDF-extracted government text is full of ⽤ for 用, 﨑 for 崎 …).
//! 4. A small table of variant characters → the Taiwan Ministry of Education standard form:
//!    台→臺 裏→裡 爲→為 羣→群 峯→峰 綫→線 啓→啟 衆→眾 户→戶 温→溫 説→說 册→冊 污→汙
//!    敍→敘 叙→敘.
//!
//! Tokens (after normalisation):
//! * a CJK run (Han, kana, bopomofo, hangul, 々〆〇) of length ≥ 2 → its overlapping
//!   character bigrams; a CJK run of length 1 → that character (a unigram);
//! * a run of word characters (ASCII letters/digits, Latin-1 letters) → one word, cut to
//!   [`MAX_WORD_CHARS`] characters;
//! * everything else separates.
//!
//! The index additionally keeps unigram postings for every CJK character (not only for
//! isolated ones), so that a one-character query finds every page containing that character.

/// Words longer than this (in characters) are cut, on both sides.
pub const MAX_WORD_CHARS: usize = 64;

/// Normalise one code point (see the module documentation).
#[inline]
pub fn normalize_char(c: char) -> char {
    let cp = c as u32;
    match cp {
        0x41..=0x5A => char::from_u32(cp + 0x20).unwrap_or(c),
        0..=0x7F => c,
        0xC0..=0xDE if cp != 0xD7 => char::from_u32(cp + 0x20).unwrap_or(c),
        0xFF01..=0xFF5E => {
            let a = cp - 0xFEE0;
            let a = if (0x41..=0x5A).contains(&a) { a + 0x20 } else { a };
            char::from_u32(a).unwrap_or(c)
        }
        0x3000 => ' ',
        0x2F00..=0x2FD5 | 0x2E9F | 0x2EF3 | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => variant(compat(c)),
        _ => variant(c),
    }
}

/// NFKC of one code point when that is a single code point, else the code point itself.
fn compat(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    let mut it = std::iter::once(c).nfkc();
    match (it.next(), it.next()) {
        (Some(d), None) => d,
        _ => c,
    }
}

/// The variant table (see the module documentation).
#[inline]
fn variant(c: char) -> char {
    match c {
        '台' => '臺',
        '裏' => '裡',
        '爲' => '為',
        '羣' => '群',
        '峯' => '峰',
        '綫' => '線',
        '啓' => '啟',
        '衆' => '眾',
        '户' => '戶',
        '温' => '溫',
        '説' => '說',
        '册' => '冊',
        '污' => '汙',
        '敍' | '叙' => '敘',
        _ => c,
    }
}

/// Normalise a whole string (same number of code points as the input).
pub fn normalize(text: &str) -> String {
    text.chars().map(normalize_char).collect()
}

/// Is this (normalised) code point part of a CJK run?
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007
        | 0x3040..=0x30FF
        | 0x3100..=0x312F
        | 0x31A0..=0x31BF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF)
}

/// Is this (normalised) code point part of a word?
#[inline]
pub fn is_word(c: char) -> bool {
    matches!(c as u32, 0x30..=0x39 | 0x61..=0x7A | 0xDF..=0xFF | 0x100..=0x24F) && c != '÷'
}

/// The shared tokenizer: normalise, then CJK runs → bigrams (a lone CJK character → itself),
/// word runs → words. Exposed for tests and for the test vectors.
pub fn tokens(text: &str) -> Vec<String> {
    segments(text)
        .into_iter()
        .flat_map(|s| match s {
            Segment::Cjk(chars) => {
                if chars.len() == 1 {
                    vec![chars[0].to_string()]
                } else {
                    chars.windows(2).map(|w| w.iter().collect::<String>()).collect()
                }
            }
            Segment::Word(w) => vec![w],
        })
        .collect()
}

/// A maximal run of one class in normalised text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A CJK run, normalised.
    Cjk(Vec<char>),
    /// A word, normalised and cut to [`MAX_WORD_CHARS`].
    Word(String),
}

/// Split text into normalised CJK runs and words, in order.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word = String::new();
    let mut word_len = 0usize;
    for c in text.chars().map(normalize_char) {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Segment::Word(std::mem::take(&mut word)));
                word_len = 0;
            }
            cjk.push(c);
        } else if is_word(c) {
            if !cjk.is_empty() {
                out.push(Segment::Cjk(std::mem::take(&mut cjk)));
            }
            if word_len < MAX_WORD_CHARS {
                word.push(c);
                word_len += 1;
            }
        } else {
            if !cjk.is_empty() {
                out.push(Segment::Cjk(std::mem::take(&mut cjk)));
            }
            if !word.is_empty() {
                out.push(Segment::Word(std::mem::take(&mut word)));
                word_len = 0;
            }
        }
    }
    if !cjk.is_empty() {
        out.push(Segment::Cjk(cjk));
    }
    if !word.is_empty() {
        out.push(Segment::Word(word));
    }
    out
}

/// The key of a bigram: both code points packed into 42 bits (exact, no hashing).
#[inline]
pub fn bigram_key(a: char, b: char) -> u64 {
    ((a as u64) << 21) | b as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_fold() {
        assert_eq!(normalize("ＡＢＣ１２３！ Abc"), "abc123! abc");
        assert_eq!(normalize("\u{3000}"), " ");
        assert_eq!(normalize("ÉCOLE"), "école");
    }

    #[test]
    fn variants_fold_both_ways() {
        assert_eq!(normalize("台灣台北"), "臺灣臺北");
        assert_eq!(normalize("臺灣"), "臺灣");
        assert_eq!(normalize("貪污"), "貪汙");
        assert_eq!(tokens("台北"), tokens("臺北"));
    }

    #[test]
    fn compatibility_ideographs_and_radicals() {
        // KANGXI RADICAL USE → 用; CJK COMPATIBILITY IDEOGRAPH-F9DC → 隆
        assert_eq!(normalize("\u{2F64}"), "用");
        assert_eq!(normalize("\u{F9DC}"), "隆");
    }

    #[test]
    fn normalisation_keeps_length() {
        let s = "ＡＢ台\u{2F64}𠀀x①";
        assert_eq!(normalize(s).chars().count(), s.chars().count());
    }

    #[test]
    fn bigrams_and_words() {
        assert_eq!(tokens("淡江大橋"), vec!["淡江", "江大", "大橋"]);
        assert_eq!(tokens("第4次會議"), vec!["第", "4", "次會", "會議"]);
        assert_eq!(tokens("MRT Line-2"), vec!["mrt", "line", "2"]);
        assert_eq!(tokens("橋。"), vec!["橋"]);
        assert!(tokens("，。！  ").is_empty());
    }

    #[test]
    fn long_words_are_cut() {
        let w = "a".repeat(100);
        assert_eq!(tokens(&w), vec!["a".repeat(MAX_WORD_CHARS)]);
    }
}
