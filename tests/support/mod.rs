//! Shared by the integration tests: build options with the tests' fixed "today", the export
//! files of a content folder built through the library, and copying a fixture tree into a
//! temporary folder to edit it. One place, so a change to the pipeline's entry points is one
//! edit, not one per test file.

#![allow(dead_code)] // each test crate uses a different part

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use touming::site::{Build, BuildOptions};

/// The fixed "today" of the tests (`--now`).
pub const NOW: &str = "2026-11-21";

/// Build options for `content` → `out` at [`NOW`], without drafts or git history.
pub fn opts(content: impl Into<PathBuf>, out: impl Into<PathBuf>) -> BuildOptions {
    BuildOptions {
        content: content.into(),
        out: out.into(),
        now: NOW.parse().unwrap(),
        base_url: None,
        drafts: false,
        history: false,
    }
}

/// The derived views (timelines, checks, registry, …) of a build with `opts`, which must
/// have no errors.
pub fn derived(opts: &BuildOptions) -> touming::derive::Derived {
    let b = Build::load(opts).lower().render_markdown().derive();
    assert!(!b.diagnostics().has_errors(), "{:?}", b.diagnostics());
    b.derived().unwrap().clone()
}

/// Every export file (API, CSV, OC4IDS, feeds, sitemap) of a content folder, by path.
pub fn exports(content: &str) -> BTreeMap<String, Vec<u8>> {
    let b = Build::load(&opts(content, "unused")).lower().render_markdown().derive();
    assert!(!b.diagnostics().has_errors(), "{:?}", b.diagnostics());
    touming::export::export(b.site().unwrap(), b.derived().unwrap())
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

/// Every file under `dir` by its `/`-separated path, with its bytes (to compare outputs).
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Copy the tree `from` (files and folders) to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A temporary folder holding a copy of `fixture` as `content/`.
pub fn copy_fixture(fixture: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(Path::new(fixture), &tmp.path().join("content"));
    tmp
}

/// A copy of the valid fixture (as `content/` in a temporary folder) whose documents and
/// links have names and URLs that are legal content but not URIs as written: a file name
/// with `#`, a space and `%`, one with `?`, and agency URLs with `[]`, a stray `%` and a
/// second `#` (issue 5: every published URL must be a valid RFC 3986 URI).
pub fn awkward_urls() -> tempfile::TempDir {
    let tmp = copy_fixture("tests/fixtures/valid/content");
    let platform = tmp.path().join("content/platforms/danjiang-bridge");
    for name in ["會議#1 100%.txt", "q?.txt"] {
        std::fs::copy(platform.join("files/slides.txt"), platform.join("files").join(name)).unwrap();
    }
    let docs = platform.join("documents.yaml");
    let mut text = std::fs::read_to_string(&docs).unwrap();
    text.push_str(concat!(
        "- title: 井號檔名\n  file: \"files/會議#1 100%.txt\"\n",
        "- title: 問號檔名\n  file: \"files/q?.txt\"\n",
        "- title: 查詢網址\n  url: \"https://web.pcc.gov.tw/tps/query?ids[0]=1&t=50%#top#list\"\n",
    ));
    std::fs::write(&docs, text).unwrap();
    let index = platform.join("index.md");
    let page = std::fs::read_to_string(&index).unwrap();
    let edited = page.replace(
        "    url: https://web.pcc.gov.tw/\n",
        "    url: https://web.pcc.gov.tw/prkms/query?a[]=1&b=100%#x#y\n",
    );
    assert_ne!(page, edited, "the fixture's link changed shape");
    std::fs::write(&index, edited).unwrap();
    tmp
}
