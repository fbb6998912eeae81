//! Markdown → HTML and plain text (CommonMark + tables, footnotes, strikethrough, task
//! lists, as the contract says).
//!
//! Content is untrusted markup: raw HTML in Markdown is shown as text, never passed
//! through, and links or images with schemes other than http(s), mailto or relative
//! paths (`javascript:`, `data:`, `vbscript:` …) lose their target. HTML comments
//! (such as `<!-- touming: allow … -->` lint acknowledgements) are dropped, not shown.
//! A site may opt in to a safe subset of HTML ([`to_html_with`]): the rendered page is
//! then cleaned by ammonia with a conservative allow-list.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::model::Body;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Is a link target safe to publish?
pub fn safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#') => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

fn sanitize(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        e => e,
    }
}

/// Render Markdown to safe HTML.
pub fn to_html(src: &str) -> String {
    to_html_with(src, false)
}

/// Render Markdown to safe HTML. With `allow_html`, raw HTML is kept but the whole page
/// is cleaned by ammonia ([`cleaner`]); without it, raw HTML is shown as text.
pub fn to_html_with(src: &str, allow_html: bool) -> String {
    let mut out = String::with_capacity(src.len() * 3 / 2);
    let mut in_comment = false;
    let prefix = footnote_prefix(src);
    let events = Parser::new_ext(src, options())
        .filter(|e| !is_comment(e, &mut in_comment))
        .map(|e| footnote_label(e, &prefix))
        .map(|e| match e {
            Event::Html(_) | Event::InlineHtml(_) if allow_html => e,
            e => sanitize(e),
        });
    html::push_html(&mut out, events);
    if allow_html {
        return cleaner().clean(&out).to_string();
    }
    out
}

/// A prefix for the footnote ids of one document, from its text: a platform page shows
/// several Markdown bodies (背景, 規劃, 進度, reports …), and each may have its own `[^1]`.
fn footnote_prefix(src: &str) -> String {
    let hash = src
        .bytes()
        .fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("fn-{hash:08x}-")
}

/// Footnote labels prefixed so that their ids are unique on the page.
fn footnote_label<'a>(e: Event<'a>, prefix: &str) -> Event<'a> {
    match e {
        Event::FootnoteReference(l) => Event::FootnoteReference(format!("{prefix}{l}").into()),
        Event::Start(Tag::FootnoteDefinition(l)) => {
            Event::Start(Tag::FootnoteDefinition(format!("{prefix}{l}").into()))
        }
        e => e,
    }
}

/// Is this event (part of) an HTML comment? Tracks comments spanning lines of a block.
fn is_comment(e: &Event<'_>, open: &mut bool) -> bool {
    let (Event::Html(s) | Event::InlineHtml(s)) = e else {
        return false;
    };
    let t = s.trim();
    if *open {
        *open = !t.contains("-->");
        return true;
    }
    let Some(rest) = t.strip_prefix("<!--") else {
        return false;
    };
    if rest.ends_with("-->") || !rest.contains("-->") {
        *open = !rest.contains("-->");
        return true;
    }
    false
}

/// The HTML a site may opt in to: text structure, lists, tables, links (http, https,
/// mailto, relative), abbreviations, sub/superscripts — plus what Markdown itself
/// renders. No `style`, no `on*` attributes, no scripts, frames, forms or embeds.
fn cleaner() -> &'static ammonia::Builder<'static> {
    const TAGS: &str = "p br hr strong em b i del s ul ol li table thead tbody tr th td a abbr sub sup span \
                        h1 h2 h3 h4 h5 h6 blockquote pre code img div input";
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::empty();
        b.add_tags(TAGS.split_whitespace())
            .add_tag_attributes("a", ["href", "title"])
            .add_tag_attributes("abbr", ["title"])
            .add_tag_attributes("img", ["src", "alt", "title"])
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("div", ["id"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
            .add_allowed_classes("div", ["footnote-definition"])
            .url_schemes(["http", "https", "mailto"].into())
            .attribute_filter(|tag, attr, value| match (tag, attr) {
                ("input", "type") if value != "checkbox" => None,
                _ => Some(value.into()),
            })
            .clean_content_tags(["script", "style"].into());
        b
    });
    &CLEANER
}

/// The text of a Markdown document, without markup (for search and summaries).
pub fn to_text(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for event in Parser::new_ext(src, options()) {
        match event {
            // Raw HTML is markup, not text: it is left out of the plain text.
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) if !out.ends_with(char::is_whitespace) => {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Fill in the HTML and text of a body (raw HTML escaped).
pub fn render_body(b: &mut Body) {
    render_body_with(b, false);
}

/// Fill in the HTML and text of a body; `allow_html` lets a sanitised subset of raw
/// HTML through (site.yaml `allow_html`).
pub fn render_body_with(b: &mut Body, allow_html: bool) {
    b.html = to_html_with(&b.source, allow_html);
    b.html_en = b.source_en.as_deref().map(|s| to_html_with(s, allow_html));
    b.text = to_text(&b.source);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let h = to_html("會議<script>alert(1)</script>紀錄");
        assert!(!h.contains("<script>"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let h = to_html("[點我](javascript:alert(1)) [ok](https://www.gov.tw/) [rel](../x/)");
        assert!(!h.contains("javascript"), "{h}");
        assert!(h.contains("https://www.gov.tw/"));
        assert!(h.contains("../x/"));
        assert!(!safe_url(" JaVa\tScript:alert(1)"));
        assert!(!safe_url("data:text/html,x"));
    }

    #[test]
    fn tables_and_text() {
        let h = to_html("| 項目 | 件數 |\n|---|---|\n| 疑義 | 3 |\n");
        assert!(h.contains("<table>"));
        assert_eq!(to_text("# 壹、會議\n\n決議**通過**。"), "壹、會議 決議通過。");
    }

    #[test]
    fn issue_3_footnotes_of_two_bodies_have_distinct_ids() {
        let a = to_html("背景[^1]。\n\n[^1]: 預算。\n");
        let b = to_html("進度[^1]。\n\n[^1]: 月報。\n");
        let id = |h: &str| h.split("id=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert_ne!(id(&a), id(&b));
        assert!(a.contains(&format!("href=\"#{}\"", id(&a))), "{a}");
        assert!(a.contains(">1</a>"), "{a}");
        let safe = to_html_with("x[^n]\n\n[^n]: y\n", true);
        assert!(safe.contains(&format!("href=\"#{}\"", id(&safe))), "{safe}");
    }
}
