//! Timing of `read_history` on a large generated repository: 5,000 commits touching 500
//! files (50 platforms × 10 files, some with Chinese names). It checks the result is
//! complete; the time is printed, not asserted — run
//! `cargo test --release --test history_perf -- --nocapture` for the figure recorded in
//! docs/authoring.md.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const COMMITS: usize = 5_000;
const FILES: usize = 500;

fn file_name(i: usize) -> String {
    let (platform, n) = (i / 10, i % 10);
    match n {
        0 => format!("content/platforms/p{platform:02}/index.md"),
        9 => format!("content/platforms/p{platform:02}/files/會議紀錄-{platform}.pdf"),
        n => format!("content/platforms/p{platform:02}/meetings/2021-0{n}-01-liaison-{n}.md"),
    }
}

/// A `git fast-import` stream: every commit changes three files.
fn stream() -> Vec<u8> {
    let mut s = Vec::new();
    for c in 0..COMMITS {
        let msg = format!("第{c}次修訂");
        let when = 1_600_000_000 + c * 3_600;
        write!(
            s,
            "commit refs/heads/main\ncommitter 政風室 <ethics@example.gov.tw> {when} +0800\n"
        )
        .unwrap();
        write!(s, "data {}\n{msg}\n", msg.len()).unwrap();
        for f in [c * 7 % FILES, (c * 13 + 1) % FILES, (c * 31 + 2) % FILES] {
            let body = format!("revision {c}\n");
            write!(s, "M 100644 inline {}\ndata {}\n{body}\n", file_name(f), body.len()).unwrap();
        }
    }
    s
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(args)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn read_history_on_5000_commits_and_500_files() {
    let tmp = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    let mut fi = Command::new("git")
        .current_dir(tmp.path())
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    fi.stdin.take().unwrap().write_all(&stream()).unwrap();
    assert!(fi.wait().unwrap().success());
    git(tmp.path(), &["reset", "-q", "--hard", "main"]);
    let content = tmp.path().join("content");
    let mut best = f64::MAX;
    let mut history = None;
    for _ in 0..3 {
        let started = Instant::now();
        history = Some(touming::history::read_history(&content));
        best = best.min(started.elapsed().as_secs_f64());
    }
    let h = history.unwrap();
    let commits: usize = (0..50).map(|p| h.platform_history(&format!("p{p:02}")).len()).sum();
    println!(
        "read_history: {COMMITS} commits × {FILES} files → {} entries, {commits} platform revisions, best of 3: {:.3} s",
        h.files.len(),
        best
    );
    assert_eq!(h.files.len(), FILES + 50);
}
