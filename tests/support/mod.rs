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

/// Every export file (API, CSV, OC4IDS, feeds, sitemap) of a content folder, by path.
pub fn exports(content: &str) -> BTreeMap<String, Vec<u8>> {
    let b = Build::load(&opts(content, "unused")).lower().render_markdown().derive();
    assert!(!b.diagnostics().has_errors(), "{:?}", b.diagnostics());
    touming::export::export(b.site().unwrap(), b.derived().unwrap())
        .into_iter()
        .map(|f| (f.path, f.bytes))
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
