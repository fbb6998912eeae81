//! Content with only the contract's required fields (tests/fixtures/minimal: no `title_en`,
//! no optional dates, amounts, attendees, statuses, a report without front matter, an empty
//! section file) builds in both languages, and no page shows a missing value as `none` or a
//! bilingual text as a debug dump (`{'zh': …, 'en': none}` — once the search page's title).

mod support;

use support::opts;
use touming::site;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal/content");

#[test]
fn only_required_fields_build_in_both_languages_without_debug_text() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let report = site::build(&opts(FIXTURE, &out)).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.warnings.errors().next().is_none());
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&out).into_iter().map(Result::unwrap) {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(path).unwrap();
        for dump in ["&#x27;zh&#x27;", ">none<", " none<", ">None<", "undefined"] {
            assert!(!html.contains(dump), "{} shows {dump:?}", path.display());
        }
    }
    assert!(pages > 40, "only {pages} pages");
    // The empty planning.md is a placeholder: no empty 規劃過程 section.
    let platform = std::fs::read_to_string(out.join("platforms/a-case/index.html")).unwrap();
    assert!(
        !platform.contains("規劃過程"),
        "an empty section file shows an empty heading"
    );
    let search = std::fs::read_to_string(out.join("en/search/index.html")).unwrap();
    assert!(
        search.contains("<title>Search – 最小網站</title>"),
        "English search title falls back to Chinese"
    );
}

/// A theme that prints a bilingual text without `|t` is a build error naming the template,
/// not a page showing a debug dump.
#[test]
fn a_template_printing_a_map_is_an_error_naming_the_template() {
    let tmp = tempfile::tempdir().unwrap();
    support::copy_tree(std::path::Path::new(FIXTURE), &tmp.path().join("content"));
    let content = tmp.path().join("content");
    let site_yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    std::fs::write(content.join("site.yaml"), format!("{site_yaml}theme: mine\n")).unwrap();
    let dir = tmp.path().join("themes/mine/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("page.html"),
        "{% extends \"base.html\" %}{% block content %}{{ all.pages[gi].title }}{% endblock %}",
    )
    .unwrap();
    let err = site::build(&opts(&content, tmp.path().join("site")))
        .unwrap_err()
        .to_string();
    assert!(err.contains("page.html"), "{err}");
    assert!(err.contains("needs |t"), "{err}");
}
