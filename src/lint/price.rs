//! 底價 with an amount, before award (政府採購法 §34: the base price is kept secret until
//! award).
//!
//! An amount is a number (digits with `,`/`.`, or Chinese numerals) with a unit 元/萬/億
//! or a currency prefix `NT$` / `新臺幣`, such as `4.5億元`, `NT$ 123,456`, `三千萬元`,
//! `6億3,630萬`. A mention is flagged when an amount stands within 30 characters of 底價
//! in the same paragraph. Amounts labelled as the budget (`預算 5 億元`, `預算金額：…`),
//! which is public, are not counted.

use super::text::Chars;
use super::{Hit, Kind};

/// How far (characters) an amount may stand from 底價.
const WINDOW: usize = 30;

const PREFIXES: &[&str] = &["NT$", "NT $", "新臺幣", "新台幣", "$"];
const CN_NUMERALS: &str = "〇零一二兩三四五六七八九十百千";

fn num_char(c: char) -> bool {
    c.is_ascii_digit() || CN_NUMERALS.contains(c)
}

/// A number part: digits with `,` `.` between digits, or Chinese numerals.
fn number(c: &Chars, i: usize) -> usize {
    let mut j = i;
    while let Some(ch) = c.get(j) {
        let inner = matches!(ch, ',' | '.') && j > i && c.get(j + 1).is_some_and(num_char);
        if !(num_char(ch) || inner) {
            break;
        }
        j += 1;
    }
    j
}

/// An amount starting at `i`: its end.
pub(crate) fn amount_at(c: &Chars, i: usize) -> Option<usize> {
    let prefix = c.word_at(i, PREFIXES);
    let mut j = i + prefix.unwrap_or(0);
    j += c.run(j, |ch| ch == ' ');
    if c.get(j) == Some('約') {
        j += 1 + c.run(j + 1, |ch| ch == ' ');
    }
    let (mut unit, mut end) = (false, number(c, j));
    if end == j || (prefix.is_none() && j > i) {
        return None;
    }
    loop {
        let k = end + c.run(end, |ch| ch == ' ');
        match c.get(k) {
            Some('萬' | '億') => {
                unit = true;
                let n = k + 1 + c.run(k + 1, |ch| ch == ' ');
                let e = number(c, n);
                end = if e > n { e } else { k + 1 };
            }
            Some('元') => return Some(k + 1),
            _ => return (unit || prefix.is_some()).then_some(end),
        }
    }
}

/// Is the amount at `i` labelled as the (public) budget?
fn budget(c: &Chars, i: usize) -> bool {
    let mut k = i;
    while k > 0 && c.get(k - 1).is_some_and(|ch| matches!(ch, ' ' | ':' | '為' | '約')) {
        k -= 1;
    }
    ["預算", "預算金額", "經費"]
        .iter()
        .any(|w| k >= w.chars().count() && c.starts_with(k - w.chars().count(), w))
}

/// Every amount in characters `from..to`, as index ranges.
fn amounts(c: &Chars, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let fresh = !c.before(i).is_some_and(num_char);
        match amount_at(c, i).filter(|_| fresh) {
            Some(e) if !budget(c, i) => {
                out.push((i, e));
                i = e;
            }
            Some(e) => i = e,
            None => i += 1,
        }
    }
    out
}

/// Every 底價 with an amount nearby in a paragraph.
pub(crate) fn scan(c: &Chars, out: &mut Vec<Hit>) {
    let mut i = 0;
    while i + 1 < c.len() {
        if !c.starts_with(i, "底價") {
            i += 1;
            continue;
        }
        let (from, to) = (i.saturating_sub(WINDOW), (i + 2 + WINDOW).min(c.len()));
        let near = amounts(c, from, to)
            .into_iter()
            .min_by_key(|(s, e)| if *s > i { s - i } else { i - e.min(&i) });
        if let Some((s, e)) = near {
            let (start, end) = (s.min(i), e.max(i + 2));
            let suggestion = format!("{}○○元{}", c.slice(start, s), c.slice(e, end));
            out.push(Hit {
                start: c.byte(start),
                end: c.byte(end),
                kind: Kind::BasePrice,
                suggestion,
                key: c.slice(start, end).to_string(),
            });
        }
        i += 2;
    }
}
