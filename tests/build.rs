//! Whole-site tests on the fixture sites under `tests/fixtures/`: the valid site builds
//! to the expected files and data, the invalid site reports every problem with the exact
//! text agency staff will read, and a failed build leaves the published site untouched.

mod support;

use support::read_tree;

use std::path::{Path, PathBuf};

use touming::diagnostic::{self, Diagnostics};
use touming::site::{self, BuildOptions};

fn opts(content: &str, out: &Path) -> BuildOptions {
    BuildOptions {
        content: PathBuf::from(content),
        out: out.to_path_buf(),
        now: "2026-11-21".parse().unwrap(),
        base_url: None,
        drafts: false,
        history: false,
    }
}

const VALID: &str = "tests/fixtures/valid/content";
const INVALID: &str = "tests/fixtures/invalid/content";

/// Every file under `dir` with its bytes, by relative path.
fn rendered(diags: &Diagnostics) -> String {
    diags
        .0
        .iter()
        .map(|d| {
            let src = std::fs::read_to_string(&d.path).ok();
            diagnostic::render(d, src.as_deref(), false)
        })
        .collect()
}

#[test]
fn valid_fixture_builds_every_page_and_data_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let report = site::build(&opts(VALID, &out)).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(report.warnings.is_empty(), "{}", rendered(&report.warnings));
    let tree = read_tree(&out);
    let html: Vec<&String> = tree
        .keys()
        .filter(|k| k.ends_with(".html") || k.ends_with(".json"))
        .collect();
    insta::assert_yaml_snapshot!("valid_output_pages", html);
    let platform: serde_json::Value = serde_json::from_slice(&tree["api/v1/platforms/danjiang-bridge.json"]).unwrap();
    insta::assert_json_snapshot!("valid_api_danjiang", platform);
    let list: serde_json::Value = serde_json::from_slice(&tree["api/v1/platforms.json"]).unwrap();
    insta::assert_json_snapshot!("valid_api_platforms", list);
}

#[test]
fn drafts_embargoed_and_confidential_entries_reach_no_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    site::build(&opts(VALID, &out)).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    for (path, bytes) in read_tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for canary in ["DRAFTCANARY", "EMBARGOCANARY", "<script>alert"] {
            assert!(!text.contains(canary), "{canary} leaked into {path}");
        }
    }
    // The confidential Q&A of danjiang-bridge is published: its award milestone is reached.
    let api = std::fs::read_to_string(out.join("api/v1/platforms/danjiang-bridge.json")).unwrap();
    assert!(api.contains("底價如何訂定"));
    assert!(!out.join("platforms/danjiang-bridge/meetings/2021-06-01-draft").exists());
}

#[test]
fn drafts_flag_includes_drafts_for_preview() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut o = opts(VALID, &out);
    o.drafts = true;
    site::build(&o).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(
        out.join("platforms/danjiang-bridge/meetings/2021-06-01-draft/index.html")
            .exists()
    );
}

#[test]
fn invalid_fixture_reports_every_problem_with_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let diags = site::build(&opts(INVALID, &tmp.path().join("site"))).unwrap_err();
    assert!(diags.errors().count() >= 25, "{}", rendered(&diags));
    insta::assert_snapshot!("invalid_errors", rendered(&diags));
}

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    site::build(&opts(VALID, &out)).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let before = read_tree(&out);
    assert!(site::build(&opts(INVALID, &out)).is_err());
    assert_eq!(read_tree(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);
}

#[test]
fn two_builds_of_the_same_content_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    site::build(&opts(VALID, &a)).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    site::build(&opts(VALID, &b)).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_eq!(read_tree(&a), read_tree(&b));
}

#[test]
fn example_site_builds_without_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let report = site::build(&opts("content", &tmp.path().join("site"))).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(report.pages > 100, "only {} pages", report.pages);
}

/// Pages are written to the temporary folder as they are rendered; a template that fails
/// on the meeting pages, after other pages are already on disk, must still leave the
/// published site as it was and no temporary folder behind.
#[test]
fn a_template_failing_mid_render_leaves_the_published_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    support::copy_tree(Path::new(VALID), &src.join("content"));
    let out = tmp.path().join("site");
    let content = src.join("content");
    let content = content.to_str().unwrap();
    site::build(&opts(content, &out)).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let before = read_tree(&out);
    let broken = src.join("themes/default/templates");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("meeting.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>會議紀錄</h1>{{ minutes_of_a_missing_meeting.title }}{% endblock %}",
    )
    .unwrap();
    let diags = site::build(&opts(content, &out)).unwrap_err();
    let text = rendered(&diags);
    assert!(text.contains("meeting.html") && text.contains("undefined"), "{text}");
    assert_eq!(read_tree(&out), before);
    let mut left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, vec![std::ffi::OsString::from("site"), "src".into()]);
}

/// The errors of a build outside site.yaml, as (path relative to `root`, position, message).
fn errors_beside_site_yaml(diags: &Diagnostics, root: &Path) -> Vec<String> {
    diags
        .errors()
        .filter(|d| !d.path.ends_with("site.yaml"))
        .map(|d| {
            format!(
                "{}:{:?}: {}",
                d.path.strip_prefix(root).unwrap().display(),
                d.pos,
                d.message
            )
        })
        .collect()
}

/// Issue 2: a site.yaml without `title`, with broken YAML, or missing used to stop the
/// build before any other file was checked; every other problem must still be reported.
#[test]
fn issue_2_a_broken_site_yaml_hides_no_other_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let intact = site::build(&opts(INVALID, &tmp.path().join("site"))).unwrap_err();
    let expected = errors_beside_site_yaml(&intact, Path::new(INVALID));
    assert!(expected.len() >= 25, "{expected:#?}");
    let cases = [
        ("no-title", Some("languages: [zh-TW]\n")),
        ("bad-yaml", Some("title: \"沒有結尾引號的標題\nlanguages: [zh-TW]\n")),
        ("missing", None),
    ];
    for (case, site_yaml) in cases {
        let content = tmp.path().join(case).join("content");
        support::copy_tree(Path::new(INVALID), &content);
        match site_yaml {
            Some(text) => std::fs::write(content.join("site.yaml"), text).unwrap(),
            None => std::fs::remove_file(content.join("site.yaml")).unwrap(),
        }
        let out = tmp.path().join(case).join("site");
        let diags = site::build(&opts(content.to_str().unwrap(), &out)).unwrap_err();
        assert!(
            diags.errors().any(|d| d.path.ends_with("site.yaml")),
            "{case}: {}",
            rendered(&diags)
        );
        assert_eq!(errors_beside_site_yaml(&diags, &content), expected, "{case}");
        assert!(!out.exists(), "{case}: nothing may be written");
    }
}

/// The `href`s of the page footer.
fn footer_links(page: &str) -> Vec<String> {
    let footer = &page[page.find("<footer").expect("a footer")..];
    let re = regex::Regex::new(r#"href="([^"]+)""#).unwrap();
    re.captures_iter(footer).map(|c| c[1].to_string()).collect()
}

#[test]
fn issue_5_every_page_carries_the_licence_and_its_attribution_statement() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    site::build(&opts(VALID, &out)).unwrap();
    let files = read_tree(&out);
    let api: serde_json::Value = serde_json::from_slice(&files["api/v1/index.json"]).unwrap();
    let (zh, en) = (
        api["attribution"].as_str().unwrap(),
        api["attribution_en"].as_str().unwrap(),
    );
    // The 404 page links from the site's root path (`/zone/`), as it is served anywhere.
    let sitemap = api["sitemap"].as_str().unwrap();
    let root = &sitemap[sitemap.find("/zone/").unwrap()..sitemap.len() - "sitemap.xml".len()];
    let mut pages = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = std::str::from_utf8(bytes).unwrap();
        let statement = if path.starts_with("en/") { en } else { zh };
        // The statement the licence requires, as every dataset has it, line by line.
        assert!(
            page.contains(&statement.replace('\n', "<br>")),
            "{path} lacks:\n{statement}"
        );
        assert!(
            page.contains(r#"<a href="https://data.gov.tw/license" rel="license">"#),
            "{path}"
        );
        // And the footer's links to the open data lead to files that exist.
        let dir = Path::new(path).parent().unwrap();
        for href in footer_links(page).iter().filter(|h| !h.contains(':')) {
            let target = match href.strip_prefix(root) {
                Some(rest) => rest.to_string(),
                None => dir.join(href).to_string_lossy().replace('\\', "/"),
            };
            let target = normalize(&target);
            assert!(
                files.contains_key(&target),
                "{path}: footer link {href} → {target} is missing"
            );
        }
        pages += 1;
    }
    assert!(pages > 100, "{pages} pages");
}

/// `a/b/../c/` → `a/c/index.html`.
fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if p.ends_with('/') || joined.is_empty() {
        format!("{joined}{}index.html", if joined.is_empty() { "" } else { "/" })
    } else {
        joined
    }
}

#[test]
fn issue_5_each_platform_page_links_its_own_json_oc4ids_and_feed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    site::build(&opts(VALID, &out)).unwrap();
    let files = read_tree(&out);
    let slugs: Vec<String> = files
        .keys()
        .filter_map(|p| p.strip_prefix("feeds/")?.strip_suffix(".xml"))
        .filter(|s| *s != "all")
        .map(str::to_string)
        .collect();
    assert_eq!(slugs.len(), 2, "{slugs:?}");
    for slug in &slugs {
        for (page, up) in [
            (format!("platforms/{slug}/index.html"), "../../"),
            (format!("en/platforms/{slug}/index.html"), "../../../"),
        ] {
            let html = std::str::from_utf8(&files[&page]).unwrap();
            let feed = format!("feeds/{slug}.xml");
            // Feed readers find the platform's own feed from its page (autodiscovery).
            assert!(
                html.contains(&format!(r#"href="{up}{feed}">"#)),
                "{page}: no autodiscovery of {feed}"
            );
            for target in [
                format!("api/v1/platforms/{slug}.json"),
                format!("api/oc4ids/projects/{slug}.json"),
                feed,
            ] {
                assert!(
                    html.contains(&format!(r#"<a href="{up}{target}""#)),
                    "{page} does not link {target}"
                );
                assert!(files.contains_key(&target), "{target} is not built");
            }
        }
    }
}

/// Issue 2: a `theme` naming no folder was reported on the themes folder, without a line;
/// it is a problem of site.yaml's `theme` field and is shown there — as a warning, since
/// the default theme stands in for whatever a theme lacks (contract_tolerance.rs).
#[test]
fn issue_2_a_missing_theme_is_reported_at_the_theme_field() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    support::copy_tree(Path::new("tests/fixtures/minimal/content"), &content);
    let site_yaml = content.join("site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap() + "theme: nosuch\n";
    std::fs::write(&site_yaml, &text).unwrap();
    let line = text.lines().count() as u32;
    let report = site::build(&opts(content.to_str().unwrap(), &tmp.path().join("site"))).unwrap();
    let d = report
        .warnings
        .warnings()
        .find(|d| d.message.contains("nosuch"))
        .unwrap();
    assert_eq!(d.path, site_yaml);
    assert_eq!(d.pos.map(|p| (p.line, p.col)), Some((line, 8)));
}
