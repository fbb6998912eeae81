//! Atomic output under `kill -9`, and deterministic output, with the real binary.
//!
//! A published site is built from the example content; then a build of a large
//! generated tree into the same folder is killed with SIGKILL at several moments —
//! early, while loading, and while it writes its `site.tmp-<pid>` folder. Each time the
//! published folder must be byte-for-byte what it was. The next successful build removes
//! the leftovers. Two builds with the same `--now` are byte-identical in every file, also
//! with a different number of threads.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::read_tree;

const NOW: &str = "2026-11-21";

/// Every file under `dir` with its bytes, by relative path.
fn touming(content: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_touming"));
    c.args(["build", "--now", NOW, "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

fn build(content: &Path, out: &Path) {
    let o = touming(content, out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// `site.tmp-*` / `site.old-*` folders beside `out`.
fn leftovers(out: &Path) -> Vec<PathBuf> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let mut v: Vec<PathBuf> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&format!("{name}.tmp-")) || n.starts_with(&format!("{name}.old-"))
        })
        .collect();
    v.sort();
    v
}

/// A content tree big enough that a debug build takes seconds: `platforms` platforms
/// with ten meetings each and a document file. (60 platforms: about 7 s to load and
/// render and 2–3 s to write 4,000 files in a debug build; 300 take over a minute.)
fn generate(root: &Path, platforms: usize) {
    let w = |rel: String, text: String| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "site.yaml".into(),
        "title: 壓力測試專區\nlanguages: [zh-TW, en]\n".into(),
    );
    w(
        "agencies.yaml".into(),
        "- id: ag\n  name: 測試機關\n  level: local\n".into(),
    );
    let minutes = "本次會議就工程進度、履約管理與廉政風險進行討論，決議如下。\n\n".repeat(10);
    for i in 0..platforms {
        let dir = format!("platforms/p{i:03}");
        w(
            format!("{dir}/index.md"),
            format!(
                "---\ntitle: 第{i}號廉政平臺\nagency: ag\ncase_type: procurement\namount: 約{i}億\n\
             established: 2020-01-01\nstatus: active\nmilestones:\n  - stage: established\n    actual: 2020-01-01\n---\n案件背景 {i}。\n"
            ),
        );
        w(format!("{dir}/files/plan.txt"), "實施計畫摘要\n".repeat(2_000));
        w(
            format!("{dir}/documents.yaml"),
            "- title: 實施計畫\n  kind: plan\n  file: files/plan.txt\n".into(),
        );
        for j in 0..10 {
            w(
                format!("{dir}/meetings/m{j:02}.md"),
                format!(
                    "---\ntitle: 第{j}次聯繫會議\nkind: liaison\ndate: 2021-{:02}-10\nattendees: [法務部廉政署, 檢察署]\n\
                 decisions: [持續列管]\n---\n# 會議紀錄 {i}-{j}\n\n{minutes}",
                    j + 1
                ),
            );
        }
    }
}

/// When to kill the build.
#[derive(Debug, Clone, Copy)]
enum At {
    After(u64),
    TmpAppears,
    TmpHasFiles(usize),
}

/// Start a build of `big` into `out`, kill it with SIGKILL at `at`; true if it was
/// still running when killed.
fn kill_build(big: &Path, out: &Path, at: At) -> bool {
    let mut child = touming(big, out).spawn().unwrap();
    let started = Instant::now();
    let give_up = Duration::from_secs(120);
    loop {
        let ready = match at {
            At::After(ms) => started.elapsed() >= Duration::from_millis(ms),
            At::TmpAppears => !leftovers(out).is_empty(),
            At::TmpHasFiles(n) => leftovers(out)
                .first()
                .is_some_and(|t| walkdir::WalkDir::new(t).into_iter().take(n).count() >= n),
        };
        if ready || started.elapsed() > give_up || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    running
}

#[cfg(unix)]
#[test]
fn killed_builds_leave_the_published_site_byte_for_byte_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(Path::new("content"), &out);
    let before = read_tree(&out);
    assert!(before.len() > 100);
    let big = tmp.path().join("big");
    generate(&big, 60);
    let points = [
        At::After(20),
        At::After(60),
        At::After(150),
        At::TmpAppears,
        At::TmpHasFiles(50),
        At::TmpHasFiles(1_000),
    ];
    for at in points {
        let running = kill_build(&big, &out, at);
        assert!(
            running,
            "the build finished before {at:?}: make the generated tree larger"
        );
        assert!(read_tree(&out) == before, "published site changed after a kill {at:?}");
    }
    assert!(!leftovers(&out).is_empty(), "no kill happened while writing");
    build(Path::new("content"), &out);
    assert_eq!(leftovers(&out), Vec::<PathBuf>::new(), "leftovers not removed");
    assert!(read_tree(&out) == before, "rebuild differs from the first build");
}

#[test]
fn two_builds_with_the_same_now_are_byte_identical_in_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(Path::new("content"), &a);
    let o = touming(Path::new("content"), &b)
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    let (ka, kb): (Vec<_>, Vec<_>) = (ta.keys().collect(), tb.keys().collect());
    assert_eq!(ka, kb, "file lists differ");
    for kind in ["search", "feed", "api/", "sitemap"] {
        assert!(ka.iter().any(|k| k.contains(kind)), "no {kind} file in the output");
    }
    let differ: Vec<&String> = ta.keys().filter(|k| ta[*k] != tb[*k]).collect();
    assert!(differ.is_empty(), "files differ between builds: {differ:?}");
}
