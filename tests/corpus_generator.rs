//! The benchmark corpus generator (`examples/corpus.rs`) writes content that follows the
//! content contract: a generated corpus checks with no errors and builds, and the same seed
//! gives byte-identical trees.

#[allow(dead_code)]
#[path = "../examples/corpus.rs"]
mod corpus;

use std::path::Path;

use touming::site::{BuildOptions, build, check};

fn opts(content: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        base_url: None,
        drafts: false,
        history: false,
    }
}

fn generated(platforms: usize, seed: u64, languages: &[&str]) -> std::collections::BTreeMap<String, Vec<u8>> {
    corpus::generate(&corpus::Options {
        platforms,
        seed,
        languages: languages.iter().map(|s| s.to_string()).collect(),
    })
}

#[test]
fn five_platforms_check_without_errors_and_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let files = generated(5, 20240511, &["zh-TW", "en"]);
    corpus::write(&content, &files).unwrap();

    let diags = check(&opts(&content, &dir.path().join("site")));
    let errors: Vec<String> = diags.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{} errors:\n{}", errors.len(), errors.join("\n"));

    // Shape: 5 platforms × (index + 10 meetings), ≈ N/10 agencies (at least 2).
    assert_eq!(files.keys().filter(|k| k.ends_with("/index.md")).count(), 5);
    assert_eq!(files.keys().filter(|k| k.contains("/meetings/")).count(), 50);
    for (path, bytes) in files.iter().filter(|(k, _)| k.contains("/meetings/")) {
        let text = std::str::from_utf8(bytes).unwrap();
        let minutes = text.splitn(3, "---\n").nth(2).unwrap();
        let n = minutes.chars().count();
        assert!((1500..=3200).contains(&n), "{path}: {n} characters of minutes");
    }
    let titles = corpus::platform_titles(&content);
    assert_eq!(titles.len(), 5);
    assert!(titles.iter().all(|(_, t)| t.ends_with("廉政平臺")));
    let unique: std::collections::BTreeSet<_> = titles.iter().map(|(_, t)| t).collect();
    assert_eq!(unique.len(), 5, "titles are unique");

    // It builds: 11 pages per platform per language, plus the site's own pages.
    let out = dir.path().join("site");
    let report = build(&opts(&content, &out)).unwrap_or_else(|d| panic!("build failed: {d:?}"));
    assert!(report.pages >= 2 * 55, "{} pages", report.pages);
    for (slug, _) in &titles {
        assert!(out.join("platforms").join(slug).join("index.html").is_file());
        assert!(out.join("en/platforms").join(slug).join("index.html").is_file());
    }
    assert!(out.join("search/zh-TW/index.json").is_file());
}

#[test]
fn zh_only_corpus_has_one_language() {
    let files = generated(3, 7, &["zh-TW"]);
    let site = std::str::from_utf8(&files["site.yaml"]).unwrap();
    assert!(site.contains("languages: [zh-TW]\n"), "{site}");
    assert!(
        files
            .iter()
            .all(|(_, b)| !std::str::from_utf8(b).unwrap_or("").contains("title_en:"))
    );
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    corpus::write(a.path(), &generated(5, 42, &["zh-TW", "en"])).unwrap();
    corpus::write(b.path(), &generated(5, 42, &["zh-TW", "en"])).unwrap();
    let read = |root: &Path| {
        let mut m = std::collections::BTreeMap::new();
        for e in walkdir::WalkDir::new(root).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
                m.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
        m
    };
    let (ra, rb) = (read(a.path()), read(b.path()));
    assert!(!ra.is_empty());
    assert_eq!(ra.keys().collect::<Vec<_>>(), rb.keys().collect::<Vec<_>>());
    for (k, v) in &ra {
        assert!(v == &rb[k], "{k} differs between two runs with the same seed");
    }
    assert_ne!(generated(5, 42, &["zh-TW"]), generated(5, 43, &["zh-TW"]));
}
