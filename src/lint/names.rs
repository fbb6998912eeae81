//! Names of evaluation committee members (評選委員 / 評審委員 / 甄審委員 / 甄選委員),
//! before award: the list is secret until then (政府採購法 §34, 採購評選委員會組織準則).
//!
//! Only sentences that mention such a committee are read. In them, a *name* is a common
//! surname plus one or two characters, ended by punctuation, a list separator or a
//! title (委員, 教授, 先生 …). Flagged are: a list of names right after the committee
//! word or after 委員 (`評選委員：王大明、李小華`), a list right before it
//! (`王大明、李小華等評選委員`), and `王大明委員`. Generic mentions — 「評選委員會」,
//! 「評選委員名單保密」, 「委員 5 人」, 「評選委員程序外接觸」 — have no name in them.

use super::text::{Chars, is_cjk, mask_name};
use super::{Hit, Kind};

const COMMITTEES: &[&str] = &["評選委員", "評審委員", "甄審委員", "甄選委員"];

/// Common surnames in Taiwan, without the ones that are everyday words in minutes
/// (於, 由, 應, 共, 全, 相, 和 …), so 「評選委員應迴避」 is not a name.
const SURNAMES: &str = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴范方宋鄧杜傅侯曹薛丁卓阮馬董溫温唐藍石蔣古紀姚連馮歐程湯田康姜白汪鄒尤巫鐘黎涂凃龔嚴韓袁金童陸夏柳邵錢伍倪于譚駱熊任甘秦顧毛章史官萬俞雷粘饒";
const COMPOUND: &[&str] = &["張簡", "歐陽", "范姜", "司馬", "諸葛", "上官", "周黃", "江謝"];

/// Titles that may follow a name.
const TITLES: &[&str] = &[
    "委員",
    "教授",
    "副教授",
    "先生",
    "女士",
    "老師",
    "博士",
    "技師",
    "建築師",
    "律師",
    "會計師",
];

/// What may come right before a name.
fn opens(c: Option<char>) -> bool {
    c.is_none_or(|ch| !is_cjk(ch) || "、為係及與和由請邀聘".contains(ch))
}

/// What may come right after a name.
fn closes(c: &Chars, j: usize) -> bool {
    match c.get(j) {
        None => true,
        Some(ch) if "、,。;:()」』等 \t|/\r".contains(ch) => true,
        Some(_) => c.word_at(j, TITLES).is_some() && !c.starts_with(j, "委員會"),
    }
}

/// A name at `i`: its end. A `loose` name (a later item of a list) needs no closer:
/// in 「郭明德、謝佩珊出席」 the list itself shows 謝佩珊 is a name.
fn name_at(c: &Chars, i: usize, loose: bool) -> Option<usize> {
    let surname = if COMPOUND.iter().any(|s| c.starts_with(i, s)) {
        2
    } else {
        usize::from(c.get(i).is_some_and(|ch| SURNAMES.contains(ch)))
    };
    if surname == 0 {
        return None;
    }
    let given = c.run(i + surname, is_cjk).min(2);
    let closed = (1..=given).map(|g| i + surname + g).find(|&end| closes(c, end));
    closed.or_else(|| (loose && given == 2).then_some(i + surname + 2))
}

/// Names separated by 、 or , from `i`; skips a title or a note in parentheses.
fn name_list(c: &Chars, mut i: usize) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    while let Some(end) = name_at(c, i, !names.is_empty()) {
        names.push((i, end));
        let mut j = end + c.word_at(end, TITLES).unwrap_or(0);
        if c.get(j) == Some('(') {
            j += (1..12).find(|k| c.get(j + k) == Some(')')).map_or(0, |k| k + 1);
        }
        match c.get(j) {
            Some('、' | ',') => i = j + 1 + c.run(j + 1, |ch| ch == ' '),
            _ => break,
        }
    }
    names
}

/// After a committee word or 委員: skip `：`, `為`, `包括`, `計有`, `|`, spaces.
fn skip_lead(c: &Chars, mut j: usize) -> usize {
    loop {
        if let Some(n) = c.word_at(j, &["包括", "計有", "分別為", "名單為", "名單:", "為", "係"]) {
            j += n;
        } else if matches!(c.get(j), Some(':' | ' ' | '|' | '(')) {
            j += 1;
        } else {
            return j;
        }
    }
}

/// Byte ranges of sentences: split at 。！？；, line breaks.
fn sentences(c: &Chars) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=c.len() {
        if c.get(i).is_none_or(|ch| "。!?;\n".contains(ch)) {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    out
}

/// Every name in a sentence that mentions an evaluation committee.
fn names_in(c: &Chars, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut names = Vec::new();
    for i in s..e {
        if c.starts_with(i, "委員") && !c.starts_with(i + 2, "會") {
            names.extend(name_list(c, skip_lead(c, i + 2)));
        }
        if opens(c.before(i)) {
            let list = name_list(c, i);
            let after = list.last().map_or(i, |l| l.1);
            let k = after + c.run(after, |ch| "等為係均 ".contains(ch));
            let titled = c.starts_with(after, "委員");
            if titled || (!list.is_empty() && c.word_at(k, COMMITTEES).is_some()) {
                names.extend(list);
            }
        }
    }
    names.retain(|n| n.1 <= e);
    names.sort();
    names.dedup();
    names
}

/// Every named evaluation committee member in a paragraph.
pub(crate) fn scan(c: &Chars, out: &mut Vec<Hit>) {
    for (s, e) in sentences(c) {
        if !(s..e).any(|i| c.word_at(i, COMMITTEES).is_some()) {
            continue;
        }
        let names = names_in(c, s, e);
        let (Some(first), Some(last)) = (names.first(), names.last()) else {
            continue;
        };
        let (start, end) = (first.0, last.1);
        let mut suggestion = String::new();
        let mut at = start;
        for &(ns, ne) in &names {
            suggestion.push_str(c.slice(at, ns));
            suggestion.push_str(&mask_name(c.slice(ns, ne)));
            at = ne;
        }
        out.push(Hit {
            start: c.byte(start),
            end: c.byte(end),
            kind: Kind::EvaluatorNames,
            key: c.slice(start, end).to_string(),
            suggestion,
        });
    }
}
