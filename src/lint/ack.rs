//! Acknowledging a finding: an explicit comment on the same line or the line before.
//!
//! ```yaml
//! # touming: allow home-address
//! location: 臺北市中正區博愛路166號
//! ```
//!
//! ```markdown
//! <!-- touming: allow personal-data -->
//! 聯絡人：王大明，電話 02-2720-8889
//! ```
//!
//! The comment must start with `#` (YAML) or `<!--` (Markdown) before `touming:`; after
//! `allow` come one or more tags, separated by spaces or commas: a kind's code
//! (`national-id`, `resident-cert`, `mobile`, `landline`, `email`, `home-address`,
//! `base-price`, `evaluator-names`), `personal-data` (the six personal kinds), `secrecy`
//! (the two pre-award kinds) or `all`. Unknown tags acknowledge nothing.

use super::Kind;

/// The kinds a `touming: allow …` comment on this line acknowledges (empty if none).
pub fn acknowledged(line: &str) -> Vec<Kind> {
    let mut kinds = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("touming:") {
        let before = &rest[..at];
        let after = &rest[at + "touming:".len()..];
        rest = after;
        let opener = before.rfind('#').or_else(|| before.rfind("<!--"));
        let Some(list) = after.trim_start().strip_prefix("allow") else {
            continue;
        };
        if opener.is_none() || !list.starts_with([' ', '\t', ',']) {
            continue;
        }
        let list = list.split("-->").next().unwrap_or(list);
        for tag in list.split([' ', '\t', ',', '，']).filter(|t| !t.is_empty()) {
            kinds.extend(tag_kinds(tag));
        }
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

fn tag_kinds(tag: &str) -> Vec<Kind> {
    match tag {
        "all" => Kind::ALL.to_vec(),
        "personal-data" => Kind::ALL.into_iter().filter(|k| k.is_personal()).collect(),
        "secrecy" => Kind::ALL.into_iter().filter(|k| !k.is_personal()).collect(),
        t => Kind::ALL.into_iter().filter(|k| k.code() == t).collect(),
    }
}

/// Is a finding of `kind` at byte `offset` of `source` acknowledged by a comment on its
/// line or on the line before? `offset` may be anywhere in the line (a finding's
/// `start` mapped into the source file, or the line's first byte).
pub fn is_acknowledged(source: &str, offset: usize, kind: Kind) -> bool {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..].find('\n').map_or(source.len(), |i| offset + i);
    let this = &source[line_start..line_end];
    let prev = line_start
        .checked_sub(1)
        .map(|nl| &source[source[..nl].rfind('\n').map_or(0, |i| i + 1)..nl]);
    [Some(this), prev]
        .into_iter()
        .flatten()
        .any(|l| acknowledged(l.trim_end_matches('\r')).contains(&kind))
}
