//! Shared by the hostile-input tests: a copy of the valid fixture site in a temporary
//! folder, one file broken at a time, checked or built with a time limit, and
//! assertions that name the expected diagnostic by message, file and line.

#![allow(dead_code)] // each test crate uses a different part

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use touming::diagnostic::{Diagnostic, Diagnostics};
use touming::site::{self, BuildOptions, BuildReport};

/// Longest any hostile input may take to check or build (debug build, busy CI).
pub const LIMIT: Duration = Duration::from_secs(60);

pub struct Site {
    pub dir: tempfile::TempDir,
    pub content: PathBuf,
}

impl Site {
    /// A fresh copy of `tests/fixtures/valid/content`.
    pub fn fixture() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_tree(Path::new("tests/fixtures/valid/content"), &content);
        Site { dir, content }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.content.join(rel)
    }

    /// Replace (or create) a content file.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn opts(&self) -> BuildOptions {
        BuildOptions {
            content: self.content.clone(),
            out: self.out(),
            now: "2026-11-21".parse().unwrap(),
            base_url: None,
            drafts: false,
            history: false,
        }
    }

    /// `touming check`, within [`LIMIT`].
    pub fn check(&self) -> Diagnostics {
        timed(|| site::check(&self.opts()))
    }

    /// `touming build`, within [`LIMIT`].
    pub fn build(&self) -> Result<BuildReport, Diagnostics> {
        timed(|| site::build(&self.opts()))
    }

    /// A build that must succeed without errors.
    pub fn build_ok(&self) -> BuildReport {
        self.build()
            .unwrap_or_else(|d| panic!("build failed:\n{}", listing(&d)))
    }
}

pub fn timed<T>(f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let r = f();
    let took = started.elapsed();
    assert!(took < LIMIT, "took {took:?}");
    r
}

pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Every diagnostic on one line each, for failure messages.
pub fn listing(d: &Diagnostics) -> String {
    d.0.iter().map(|d| format!("{d}\n")).collect()
}

/// The error whose file ends with `file` and whose message contains `msg`; panics with
/// the whole list when there is none.
pub fn error<'a>(d: &'a Diagnostics, file: &str, msg: &str) -> &'a Diagnostic {
    d.errors()
        .find(|x| x.path.ends_with(file) && x.message.contains(msg))
        .unwrap_or_else(|| panic!("no error «{msg}» in {file}; got:\n{}", listing(d)))
}

/// The error in `file` on `line` (1-based; 0 for no position) whose message contains
/// `msg`; panics with the whole list when there is none.
pub fn error_at<'a>(d: &'a Diagnostics, file: &str, line: u32, msg: &str) -> &'a Diagnostic {
    d.errors()
        .find(|x| x.path.ends_with(file) && x.message.contains(msg) && x.pos.map_or(0, |p| p.line) == line)
        .unwrap_or_else(|| panic!("no error «{msg}» at {file}:{line}; got:\n{}", listing(d)))
}
