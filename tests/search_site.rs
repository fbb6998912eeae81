//! The search index of the built example site (`content/`): nothing that must not be
//! published reaches it, and it finds what it should. The example content has draft,
//! embargoed and confidential entries marked with canary words (DRAFTCANARY, EMBARGOCANARY,
//! SECRETCANARY); none may appear in any index file — raw bytes, decoded record texts, or
//! the normalised (lower-case) words of the word shards — nor be findable by a query.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use touming::search::{QueryOptions, SearchIndex};
use touming::site::{self, BuildOptions};

const CANARIES: [&str; 3] = ["DRAFTCANARY", "EMBARGOCANARY", "SECRETCANARY"];

/// The example site, built once into a temporary directory.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            let out = tmp.path().join("site");
            let opts = BuildOptions {
                content: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/content")),
                out: out.clone(),
                now: "2026-11-21".parse().unwrap(),
                base_url: None,
                drafts: false,
                history: false,
            };
            if let Err(d) = site::build(&opts) {
                panic!("the example site does not build: {d:?}");
            }
            (tmp, out)
        })
        .1
}

/// Every file under `search/` with its bytes, by path relative to the site.
fn index_files() -> BTreeMap<String, Vec<u8>> {
    let root = site();
    walkdir::WalkDir::new(root.join("search"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// The text of a result record (`r/<id>.json`): URL, title, breadcrumb and excerpt window,
/// decoded (so JSON escapes cannot hide a canary).
fn record_text(bytes: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(bytes).expect("record is JSON");
    let mut out = String::new();
    collect_strings(&v, &mut out);
    out
}

fn collect_strings(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

#[test]
fn no_index_file_holds_a_canary() {
    let files = index_files();
    assert!(files.keys().any(|p| p.starts_with("search/zh-TW/")), "no zh-TW index");
    assert!(files.keys().any(|p| p.starts_with("search/en/")), "no en index");
    let mut records = 0;
    for (path, bytes) in &files {
        for c in CANARIES {
            // Case-insensitive: the word shards hold normalised, lower-case words.
            assert!(!find(bytes, c.as_bytes()), "{path} contains {c}");
        }
        let text = if path.contains("/r/") && path.ends_with(".json") {
            records += 1;
            record_text(bytes)
        } else if path.ends_with(".txt") {
            String::from_utf8(bytes.clone()).expect("text parts are UTF-8")
        } else {
            continue;
        };
        for c in CANARIES {
            assert!(!text.to_uppercase().contains(c), "{path} (decoded) contains {c}");
        }
    }
    assert!(records > 100, "only {records} result records");
}

#[test]
fn canaries_are_not_findable() {
    for lang in ["zh-TW", "en"] {
        let ix = SearchIndex::from_dir(&site().join("search").join(lang)).unwrap();
        for c in CANARIES {
            for q in [c.to_string(), c.to_lowercase(), c[..c.len() - 1].to_lowercase()] {
                let r = ix.search(
                    &q,
                    &QueryOptions {
                        page_size: 10,
                        exact: true,
                        ..Default::default()
                    },
                );
                assert_eq!(
                    r.total,
                    0,
                    "{lang}: {q:?} finds {:?}",
                    r.hits.first().and_then(|h| h.url.clone())
                );
            }
        }
    }
}

/// `title:` of every platform's `index.md`, by slug.
fn platform_titles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/platforms");
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let Ok(text) = std::fs::read_to_string(e.path().join("index.md")) else {
            continue;
        };
        let title = text.lines().find_map(|l| l.strip_prefix("title:")).expect("title:");
        let slug = e.file_name().to_string_lossy().into_owned();
        out.push((slug, title.trim().trim_matches('"').to_string()));
    }
    out.sort();
    out
}

#[test]
fn every_platform_title_finds_its_platform_first() {
    let ix = SearchIndex::from_dir(&site().join("search/zh-TW")).unwrap();
    let titles = platform_titles();
    assert_eq!(titles.len(), 32);
    let opts = QueryOptions {
        page_size: 10,
        ..Default::default()
    };
    for (slug, title) in titles {
        let r = ix.search(&title, &opts);
        let first = r.hits.first().and_then(|h| h.url.clone());
        assert_eq!(first.as_deref(), Some(format!("platforms/{slug}/").as_str()), "{title}");
        assert_eq!(r.hits[0].tier, 0, "{title}");
    }
}

#[test]
fn result_urls_are_pages_of_the_site() {
    // Record URLs are relative to the language root and point at built pages.
    for (lang, root) in [("zh-TW", site().to_path_buf()), ("en", site().join("en"))] {
        for (path, bytes) in index_files() {
            if !(path.starts_with(&format!("search/{lang}/r/")) && path.ends_with(".json")) {
                continue;
            }
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            let url = v["u"].as_str().unwrap();
            let (page, fragment) = url.split_once('#').unwrap_or((url, ""));
            assert!(!page.starts_with('/') && !page.contains(".."), "{url}");
            let html = std::fs::read_to_string(root.join(page).join("index.html"))
                .unwrap_or_else(|_| panic!("{lang}: {url} is not a page"));
            if !fragment.is_empty() {
                assert!(
                    html.contains(&format!("id=\"{fragment}\"")),
                    "{lang}: {url}: no element with that id"
                );
            }
        }
    }
}
