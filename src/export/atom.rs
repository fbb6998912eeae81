//! Atom feeds (RFC 4287): `/feeds/all.xml` for the whole site and `/feeds/<slug>.xml`
//! per platform, so citizens and journalists can follow new meetings, documents, Q&A,
//! reports and milestones in any feed reader.
//!
//! Made from the change records ([`super::records`]): one entry per meeting, document,
//! Q&A, report or milestone, newest first, with the record's stable id as a `tag:` URI
//! and its date as `updated` (midnight, Taipei time). Milestones only planned, and
//! anything dated after `now`, are not news yet and stay out. No clock: the feed's own `updated` is its
//! newest entry's. The site-wide feed keeps the newest [`ALL_LIMIT`] entries;
//! `changes.json` has them all.

use super::license::{self, Notice};
use super::links;
use super::records::Record;
use crate::model::*;
use crate::render::OutFile;

/// Entries in `/feeds/all.xml`.
pub const ALL_LIMIT: usize = 200;

/// Escape text for XML content and attributes, dropping characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// What a feed is about.
struct Head<'a> {
    path: String,
    title: &'a Text,
    page: String,
    /// `updated` when there are no entries.
    fallback: chrono::NaiveDate,
}

/// Every feed of the site.
pub fn feeds(site: &Site, records: &[Record]) -> Vec<OutFile> {
    let news: Vec<&Record> = records
        .iter()
        .filter(|r| r.kind != "platform" && r.happened && r.date <= site.now)
        .collect();
    let notice = license::notice(site);
    let newest = site.platforms.iter().map(|p| p.content_updated).max();
    let all = Head {
        path: "feeds/all.xml".into(),
        title: &site.config.title,
        page: links::base(site),
        fallback: newest.unwrap_or(site.now),
    };
    let limited: Vec<&Record> = news.iter().take(ALL_LIMIT).copied().collect();
    let mut out = vec![file(site, &notice, &all, &limited)];
    for p in &site.platforms {
        let head = Head {
            path: format!("feeds/{}.xml", p.slug),
            title: &p.title,
            page: links::platform_page(site, &p.slug, None),
            fallback: p.content_updated,
        };
        let mine: Vec<&Record> = news.iter().filter(|r| r.platform == p.slug).copied().collect();
        out.push(file(site, &notice, &head, &mine));
    }
    out
}

fn file(site: &Site, notice: &Notice, head: &Head, entries: &[&Record]) -> OutFile {
    OutFile {
        path: head.path.clone(),
        bytes: feed(site, notice, head, entries).into_bytes(),
    }
}

fn feed(site: &Site, notice: &Notice, head: &Head, entries: &[&Record]) -> String {
    let updated = entries.first().map_or(head.fallback, |r| r.date);
    let author = site.config.owner.as_ref().unwrap_or(&site.config.title);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-Hant-TW\">\n");
    x.push_str(&format!("  <id>{}</id>\n", escape(&links::tag(site, &head.path))));
    x.push_str(&format!("  <title>{}</title>\n", escape(&head.title.zh)));
    x.push_str(&format!("  <updated>{}</updated>\n", links::rfc3339(updated)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&links::url(site, &head.path))
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&head.page)
    ));
    x.push_str(&format!("  <author><name>{}</name></author>\n", escape(&author.zh)));
    x.push_str(&format!("  <rights>{}</rights>\n", escape(&license::rights(notice))));
    x.push_str("  <generator>touming</generator>\n");
    for r in entries {
        x.push_str(&entry(site, r));
    }
    x.push_str("</feed>\n");
    x
}

/// The feed category of a record type, in Chinese.
fn label(kind: &str) -> &'static str {
    match kind {
        "meeting" => "會議",
        "document" => "文件",
        "qa" => "案件釋疑",
        "report" => "執行成果",
        "milestone" => "辦理進度",
        _ => "平臺",
    }
}

fn entry(site: &Site, r: &Record) -> String {
    format!(
        "  <entry>\n    <id>{}</id>\n    <title>{}</title>\n    <updated>{}</updated>\n    \
         <link rel=\"alternate\" href=\"{}\"/>\n    \
         <category term=\"{}\" label=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
        escape(&links::tag(site, &r.id)),
        escape(&r.title.zh),
        links::rfc3339(r.date),
        escape(&r.url),
        r.kind,
        label(r.kind),
        escape(&r.summary),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_handles_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("a<b>&\"c\"'d'\u{1}e"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;e"
        );
    }
}
