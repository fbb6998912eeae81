//! Atom feeds, `sitemap.xml` and `robots.txt`: well-formed XML in the right namespaces,
//! stable entry ids, newest first, licence in `<rights>`, every public page in both
//! languages with absolute URLs, and nothing draft or embargoed.

mod support;

use std::collections::BTreeMap;

use support::exports;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const FIXTURE: &str = "tests/fixtures/valid/content";

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files[path].clone()).unwrap()
}

/// Text of the first child element named `name`.
fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .and_then(|c| c.text())
}

#[test]
fn every_feed_parses_as_atom_with_unique_ids_newest_first_and_rights() {
    for site in ["content", FIXTURE] {
        let files = exports(site);
        let feeds: Vec<&String> = files.keys().filter(|p| p.starts_with("feeds/")).collect();
        assert!(feeds.len() >= 3, "{site}");
        for path in feeds {
            let xml = text(&files, path);
            let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
            let feed = doc.root_element();
            assert!(feed.has_tag_name((ATOM, "feed")), "{path}");
            for required in ["id", "title", "updated", "rights", "author"] {
                assert!(
                    feed.children().any(|c| c.has_tag_name((ATOM, required))),
                    "{path}: {required}"
                );
            }
            let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))).collect();
            let updated: Vec<&str> = entries.iter().map(|e| child(*e, "updated").unwrap()).collect();
            assert!(updated.windows(2).all(|w| w[0] >= w[1]), "{path}: {updated:?}");
            let mut ids: Vec<&str> = entries.iter().map(|e| child(*e, "id").unwrap()).collect();
            assert!(
                ids.iter().all(|id| id.starts_with("tag:example.gov.tw,2020:/")),
                "{path}"
            );
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), entries.len(), "{path}: duplicate ids");
            if let Some(first) = updated.first() {
                assert_eq!(
                    child(feed, "updated"),
                    Some(*first),
                    "{path}: feed updated = newest entry"
                );
            }
        }
    }
}

#[test]
fn feed_text_is_escaped_and_planned_milestones_are_not_news() {
    let files = exports(FIXTURE);
    let xml = text(&files, "feeds/danjiang-bridge.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "title")))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&"淡江大橋廉政平臺：「廉政同行 行政透明」座談會"));
    assert!(
        !xml.contains("acceptance-1"),
        "the acceptance milestone is only planned"
    );
    assert!(!xml.contains("DRAFTCANARY") && !xml.contains("EMBARGOCANARY"));
}

#[test]
fn platform_feed_snapshot() {
    let files = exports(FIXTURE);
    insta::assert_snapshot!("fixture_feed_danjiang", text(&files, "feeds/danjiang-bridge.xml"));
}

#[test]
fn sitemap_lists_every_public_page_in_both_languages_and_no_draft() {
    let files = exports(FIXTURE);
    let xml = text(&files, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "loc")))
        .filter_map(|n| n.text())
        .collect();
    let base = "https://example.gov.tw/zone/";
    assert!(locs.iter().all(|l| l.starts_with(base)), "absolute URLs");
    for page in [
        "",
        "platforms/danjiang-bridge/",
        "platforms/danjiang-bridge/meetings/2021-05-11-liaison-4/",
        "en/platforms/danjiang-bridge/",
        "patterns/land-office-fees/",
        "kpis/2017/",
        "about/",
        "en/about/",
    ] {
        assert!(locs.contains(&format!("{base}{page}").as_str()), "{page} missing");
    }
    assert!(!xml.contains("2021-06-01-draft"), "draft meeting in sitemap");
    assert!(!xml.contains("404"), "the 404 page is not a page to index");
    assert!(xml.contains("<lastmod>2021-05-11</lastmod>"));
    assert!(xml.contains("hreflang=\"en\""));
    let mut sorted = locs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), locs.len(), "each page once");
}

#[test]
fn robots_txt_allows_everything_and_names_the_sitemap() {
    let files = exports(FIXTURE);
    assert_eq!(
        text(&files, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.gov.tw/zone/sitemap.xml\n"
    );
}
