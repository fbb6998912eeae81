//! E-mail addresses. Every address is a finding unless the site allows it (site.yaml
//! `contact.email`, the official mailbox for complaints): a named official's own mailbox
//! identifies a person as much as a phone number does.

use super::text::Chars;
use super::{Hit, Kind};

fn local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// The end of a valid domain starting at `i` (labels, a dot, a TLD of 2+ letters).
fn domain_end(c: &Chars, i: usize) -> Option<usize> {
    let mut end = i + c.run(i, domain_char);
    while end > i && matches!(c.get(end - 1), Some('.' | '-')) {
        end -= 1;
    }
    let domain: String = (i..end).filter_map(|k| c.get(k)).collect();
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last()?;
    let ok = labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.chars().all(|ch| ch.is_ascii_alphabetic());
    ok.then_some(end)
}

/// `l***@example.com`.
fn mask(local: &str, domain: &str) -> String {
    let first: String = local.chars().take(1).collect();
    format!("{first}***@{domain}")
}

/// Every e-mail address in a chunk.
pub(crate) fn scan(c: &Chars, out: &mut Vec<Hit>) {
    let mut after = 0;
    for at in 0..c.len() {
        if at < after || c.get(at) != Some('@') {
            continue;
        }
        let mut start = at;
        while start > after && c.get(start - 1).is_some_and(local_char) {
            start -= 1;
        }
        while start < at && c.get(start) == Some('.') {
            start += 1;
        }
        if start == at {
            continue;
        }
        let Some(end) = domain_end(c, at + 1) else {
            continue;
        };
        let local: String = (start..at).filter_map(|k| c.get(k)).collect();
        let domain: String = (at + 1..end).filter_map(|k| c.get(k)).collect();
        let key = format!("{local}@{domain}").to_ascii_lowercase();
        out.push(Hit {
            start: c.byte(start),
            end: c.byte(end),
            kind: Kind::Email,
            suggestion: mask(&local, &domain),
            key,
        });
        after = end;
    }
}
