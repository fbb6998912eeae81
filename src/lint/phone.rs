//! Telephone numbers: mobile (行動電話 `09xx-xxx-xxx`, `+886 9xx …`) and landline
//! (市話 `0X-XXXX-XXXX`, `(0X)XXXX-XXXX`, `+886-X-…`, with an extension).
//!
//! A number is a run of digits with single separators (`-`, `.`, space) between them,
//! optionally written with `+886` or the area code in parentheses. Mobile numbers are the
//! ten digits `09…`. Landline numbers have nine or ten digits and must *look* like a
//! telephone number — a known area code set off by a separator or parentheses, or a
//! `+886` prefix, or a word such as 電話 / TEL just before — because bare nine-digit runs
//! are too often case or account numbers. Toll-free `080x` numbers are not personal.
//! Official document numbers (`…字第0990012345號`) are not telephone numbers.

use super::text::{Chars, is_word};
use super::{Hit, Kind};

/// Taiwanese area codes (with the leading 0).
const AREA_CODES: &[&str] = &[
    "02", "03", "037", "04", "049", "05", "06", "07", "08", "089", "082", "0826", "0836",
];

/// Words that announce a telephone number.
const PHONE_WORDS: &[&str] = &[
    "電話", "手機", "傳真", "專線", "聯絡", "TEL", "Tel", "tel", "FAX", "Fax", "fax",
];

/// A number as written: where it is and its digits in national form (`0…`).
struct Num {
    end: usize,
    local: String,
    /// Digits of the area part as written apart (`02` in `02-2720-8889`).
    first_group: usize,
    /// Written with `+886` or `(0X)`: unmistakably a telephone number.
    marked: bool,
}

fn is_sep(c: Option<char>) -> bool {
    matches!(c, Some('-' | '.' | ' ' | '‐' | '–'))
}

fn is_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// Up to `max` digits from `i`, single separators allowed between them. Returns the
/// digits, the index after the last digit and the length of the first group.
fn groups(c: &Chars, mut i: usize, max: usize) -> (String, usize, usize) {
    let (mut ds, mut end, mut first) = (String::new(), i, None);
    while ds.len() < max {
        match c.get(i) {
            Some(d) if d.is_ascii_digit() => {
                ds.push(d);
                i += 1;
                end = i;
            }
            s if is_sep(s) && !ds.is_empty() && is_digit(c.get(i + 1)) => {
                first.get_or_insert(ds.len());
                i += 1;
            }
            _ => break,
        }
    }
    let first = first.unwrap_or(ds.len());
    (ds, end, first)
}

/// `+886`, `+886-`, `(+886)` (and a following `(0)`): the index after it.
fn intl(c: &Chars, i: usize) -> Option<usize> {
    let paren = c.get(i) == Some('(');
    let mut j = i + usize::from(paren);
    if !c.starts_with(j, "+886") {
        return None;
    }
    j += 4;
    if paren {
        (c.get(j) == Some(')')).then_some(())?;
        j += 1;
    }
    if is_sep(c.get(j)) {
        j += 1;
    }
    if c.starts_with(j, "(0)") {
        j += 3;
    }
    Some(j)
}

/// A telephone-looking number starting at `i`.
fn number(c: &Chars, i: usize) -> Option<Num> {
    if let Some(j) = intl(c, i) {
        let (ds, end, first) = groups(c, j, 9);
        return Some(Num {
            end,
            local: format!("0{ds}"),
            first_group: first + 1,
            marked: true,
        });
    }
    if c.get(i) == Some('(') {
        let n = c.run(i + 1, |d| d.is_ascii_digit()).min(5);
        let area: String = (i + 1..i + 1 + n).filter_map(|k| c.get(k)).collect();
        let close = i + 1 + n;
        if !(2..=4).contains(&n) || !area.starts_with('0') || c.get(close) != Some(')') {
            return None;
        }
        let k = close + 1 + usize::from(is_sep(c.get(close + 1)));
        let (rest, end, _) = groups(c, k, 10 - n);
        return Some(Num {
            end,
            local: area + &rest,
            first_group: n,
            marked: true,
        });
    }
    if c.get(i) != Some('0') {
        return None;
    }
    let (local, end, first_group) = groups(c, i, 10);
    Some(Num {
        end,
        local,
        first_group,
        marked: false,
    })
}

/// Does the number continue past `end` (then it is something longer)?
fn continues(c: &Chars, end: usize) -> bool {
    is_digit(c.get(end)) || (matches!(c.get(end), Some('-' | '.')) && is_digit(c.get(end + 1)))
}

/// An extension after a landline number (`#12`, ` 分機 123`, `轉 5`, ` ext. 7`): its end.
fn extension(c: &Chars, end: usize) -> usize {
    let mut j = end + c.run(end, |ch| ch == ' ');
    let Some(n) = c.word_at(j, &["#", "分機", "轉", "ext.", "ext", "Ext.", "EXT", "x"]) else {
        return end;
    };
    j += n;
    j += c.run(j, |ch| matches!(ch, ' ' | ':'));
    match c.run(j, |d| d.is_ascii_digit()) {
        1..=6 => j + c.run(j, |d| d.is_ascii_digit()),
        _ => end,
    }
}

fn phone_word_before(c: &Chars, i: usize) -> bool {
    (i.saturating_sub(8)..i).any(|k| c.word_at(k, PHONE_WORDS).is_some())
}

fn mask(local: &str, area: usize) -> String {
    if local.starts_with("09") {
        return format!("{}-***-{}", &local[..4], &local[7..]);
    }
    let n = local.len();
    format!("{}-{}-{}", &local[..area], "*".repeat(n - area - 4), &local[n - 4..])
}

/// Classify a number as mobile or landline; `None` when it is neither.
fn classify(c: &Chars, i: usize, num: &Num) -> Option<(Kind, usize)> {
    let l = &num.local;
    if l.len() == 10 && l.starts_with("09") {
        return Some((Kind::Mobile, 4));
    }
    let second = l.as_bytes().get(1).copied().unwrap_or(b'0');
    if !(9..=10).contains(&l.len()) || !(b'2'..=b'8').contains(&second) || l.starts_with("080") {
        return None;
    }
    let written = &l[..num.first_group.min(l.len())];
    let area = if num.first_group < l.len() && AREA_CODES.contains(&written) {
        num.first_group
    } else if num.marked || phone_word_before(c, i) {
        AREA_CODES.iter().filter(|a| l.starts_with(*a)).map(|a| a.len()).max()?
    } else {
        return None;
    };
    Some((Kind::Landline, area))
}

/// May a number start at `i` — not inside a longer number or word, nor a document
/// number (`第0990012345號`)?
fn starts_number(c: &Chars, i: usize) -> bool {
    match c.before(i) {
        Some(p) if is_word(p) || p == '+' || p == '第' => false,
        Some('-' | '.') => !is_digit(c.before(i - 1)),
        _ => true,
    }
}

/// Every mobile and landline number in a chunk.
pub(crate) fn scan(c: &Chars, out: &mut Vec<Hit>) {
    let mut i = 0;
    while i < c.len() {
        let found = starts_number(c, i)
            .then(|| number(c, i))
            .flatten()
            .filter(|n| !continues(c, n.end) && c.get(n.end) != Some('號'))
            .and_then(|n| classify(c, i, &n).map(|k| (n, k)));
        let Some((num, (kind, area))) = found else {
            i += 1;
            continue;
        };
        let end = if kind == Kind::Landline {
            extension(c, num.end)
        } else {
            num.end
        };
        out.push(Hit {
            start: c.byte(i),
            end: c.byte(end),
            kind,
            suggestion: mask(&num.local, area),
            key: num.local,
        });
        i = end;
    }
}
