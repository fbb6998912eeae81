//! Revision history from git, on temporary repositories with real commits at fixed
//! dates: per-file and per-platform dates and 修訂紀錄, Chinese file names, uncommitted
//! files, no repository at all, and shallow clones.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use touming::history::{DateSource, read_history};

fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn commit(repo: &Path, files: &[(&str, &str)], subject: &str, date: &str) -> String {
    for (rel, text) in files {
        write(repo, rel, text);
    }
    git(repo, &["add", "-A"], date);
    git(repo, &["commit", "-q", "-m", subject], date);
    git(repo, &["log", "-1", "--format=%h"], date).trim().to_string()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An empty repository with a committer.
fn init(dir: &Path) {
    let t = "2021-01-01T00:00:00+08:00";
    git(dir, &["init", "-q", "-b", "main"], t);
    git(dir, &["config", "user.name", "政風室"], t);
    git(dir, &["config", "user.email", "ethics@example.gov.tw"], t);
    git(dir, &["config", "commit.gpgsign", "false"], t);
}

/// A repository with the content under `content/` and four commits (times in +08:00).
fn repo(dir: &Path) -> Vec<String> {
    init(dir);
    vec![
        commit(
            dir,
            &[
                ("content/site.yaml", "title: x\n"),
                ("content/platforms/a/index.md", "v1\n"),
                ("README.md", "x\n"),
            ],
            "建立淡江大橋廉政平臺",
            "2021-01-02T09:00:00+08:00",
        ),
        commit(
            dir,
            &[
                ("content/platforms/a/meetings/2021-05-11-liaison-1.md", "m\n"),
                ("content/platforms/a/files/會議紀錄.pdf", "pdf\n"),
            ],
            "新增第1次聯繫會議, 附會議紀錄",
            // 00:30 in Taipei is still the 10th in UTC: the committer's own date counts.
            "2021-05-11T00:30:00+08:00",
        ),
        commit(
            dir,
            &[("content/platforms/b/index.md", "b\n")],
            "建立 b 平臺",
            "2021-06-01T10:00:00+08:00",
        ),
        commit(
            dir,
            &[("content/platforms/a/index.md", "v2\n")],
            "更新淡江大橋進度",
            "2022-03-04T10:00:00+08:00",
        ),
    ]
}

#[test]
fn revision_history_lists_the_commits_of_each_platform_newest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let hashes = repo(tmp.path());
    let h = read_history(&tmp.path().join("content"));
    assert!(h.available && !h.shallow);
    let a = h.platform_history("a");
    let got: Vec<(NaiveDate, &str, &str)> = a
        .iter()
        .map(|c| (c.date, c.hash.as_str(), c.subject.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (d(2022, 3, 4), hashes[3].as_str(), "更新淡江大橋進度"),
            (d(2021, 5, 11), hashes[1].as_str(), "新增第1次聯繫會議, 附會議紀錄"),
            (d(2021, 1, 2), hashes[0].as_str(), "建立淡江大橋廉政平臺"),
        ]
    );
    assert_eq!(h.platform_updated("a"), Some(d(2022, 3, 4)));
    assert_eq!(h.platform_updated("b"), Some(d(2021, 6, 1)));
    assert_eq!(h.last_updated("platforms/a/index.md"), Some(d(2022, 3, 4)));
    assert_eq!(
        h.last_updated("platforms/a/meetings/2021-05-11-liaison-1.md"),
        Some(d(2021, 5, 11))
    );
    assert_eq!(h.last_updated("platforms/a/files/會議紀錄.pdf"), Some(d(2021, 5, 11)));
    assert_eq!(h.last_updated("site.yaml"), Some(d(2021, 1, 2)));
    assert_eq!(h.last_updated("README.md"), None, "outside the content folder");
    assert!(h.platform_history("nope").is_empty());
    let published = h.platform_history_where("a", |p| !p.starts_with("platforms/a/meetings"));
    let subjects: Vec<&str> = published.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "更新淡江大橋進度",
            "新增第1次聯繫會議, 附會議紀錄",
            "建立淡江大橋廉政平臺"
        ]
    );
    let only_index = h.platform_history_where("a", |p| p.ends_with("index.md"));
    assert_eq!(only_index.len(), 2, "the meeting commit touched no index.md");
    let file = &h.files[&PathBuf::from("platforms/a/index.md")];
    assert_eq!(file.source, DateSource::Git);
    assert_eq!(file.commits.len(), 2);
}

fn set_mtime(path: &Path, unix_seconds: u64) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(unix_seconds))
        .unwrap();
}

/// 2030-01-15 12:00 UTC: the same local date in every time zone from −11 to +11.
const MTIME: u64 = 1_894_708_800;

#[test]
fn uncommitted_and_untracked_files_use_their_modification_time() {
    let tmp = tempfile::tempdir().unwrap();
    repo(tmp.path());
    let content = tmp.path().join("content");
    write(&content, "platforms/b/index.md", "changed\n");
    write(&content, "platforms/b/qa.yaml", "[]\n");
    set_mtime(&content.join("platforms/b/index.md"), MTIME);
    set_mtime(&content.join("platforms/b/qa.yaml"), MTIME);
    let h = read_history(&content);
    let index = &h.files[&PathBuf::from("platforms/b/index.md")];
    assert_eq!((index.last_updated, index.source), (d(2030, 1, 15), DateSource::Mtime));
    assert_eq!(index.commits.len(), 1, "its git history is kept");
    assert_eq!(h.last_updated("platforms/b/qa.yaml"), Some(d(2030, 1, 15)));
    assert_eq!(h.platform_updated("b"), Some(d(2030, 1, 15)));
    assert_eq!(h.platform_history("b").len(), 1);
    assert_eq!(
        h.platform_updated("a"),
        Some(d(2022, 3, 4)),
        "clean files keep git dates"
    );
}

#[test]
fn without_a_repository_dates_come_from_modification_times() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "platforms/a/index.md", "x\n");
    write(tmp.path(), "platforms/a/.hidden", "x\n");
    set_mtime(&tmp.path().join("platforms/a/index.md"), MTIME);
    let h = read_history(tmp.path());
    assert!(!h.available && !h.shallow);
    assert_eq!(h.platform_updated("a"), Some(d(2030, 1, 15)));
    assert!(h.platform_history("a").is_empty());
    assert_eq!(h.last_updated("platforms/a/.hidden"), None);
}

fn shallow_clone(origin: &Path, depth: &str) -> tempfile::TempDir {
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.display());
    git(
        clone.path(),
        &["clone", "-q", "--depth", depth, &url, "c"],
        "2021-01-01T00:00:00+08:00",
    );
    clone
}

#[test]
fn shallow_clones_know_only_the_fetched_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let hashes = repo(tmp.path());
    // Depth 1: the only commit is the shallow boundary, which git shows as adding every
    // file; it is ignored, so nothing has a git date (callers use the content's dates).
    let one = shallow_clone(tmp.path(), "1");
    let h = read_history(&one.path().join("c/content"));
    assert!(h.available && h.shallow);
    assert_eq!(h.platform_updated("a"), None);
    assert_eq!(h.last_updated("platforms/a/meetings/2021-05-11-liaison-1.md"), None);
    // Depth 2: the newest commit is real history, the second is the boundary.
    let two = shallow_clone(tmp.path(), "2");
    let h = read_history(&two.path().join("c/content"));
    assert!(h.shallow);
    assert_eq!(h.last_updated("platforms/a/index.md"), Some(d(2022, 3, 4)));
    assert_eq!(
        h.platform_history("a")
            .iter()
            .map(|c| c.hash.clone())
            .collect::<Vec<_>>(),
        [hashes[3].clone()]
    );
    assert_eq!(h.last_updated("platforms/a/meetings/2021-05-11-liaison-1.md"), None);
    assert_eq!(h.platform_updated("b"), None, "touched only by the boundary commit");
}

/// Issue 2 (determinism): the same content and `--now` build the same bytes whether the
/// content sits untracked in a repository (files copied just now) or outside any: a copy's
/// modification time is not a content change, so it must not move "last updated" or the
/// `zone-fresh` check. Before, untracked files dated every platform from the copy.
#[test]
fn issue_2_untracked_content_builds_like_content_outside_git() {
    let outside = support::copy_fixture("tests/fixtures/valid/content");
    let inside = tempfile::tempdir().unwrap();
    init(inside.path());
    support::copy_tree(&outside.path().join("content"), &inside.path().join("content"));
    for e in walkdir::WalkDir::new(inside.path().join("content")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            set_mtime(e.path(), MTIME);
        }
    }
    let build = |root: &Path| {
        let mut o = support::opts(root.join("content"), root.join("site"));
        o.now = d(2031, 1, 1);
        o.history = true;
        touming::site::build(&o).unwrap();
        support::read_tree(&root.join("site"))
    };
    let (a, b) = (build(outside.path()), build(inside.path()));
    assert!(!a.is_empty());
    let differing: Vec<&String> = a.keys().filter(|k| a.get(*k) != b.get(*k)).collect();
    assert!(differing.is_empty(), "differ: {differing:?}");
    let platforms = String::from_utf8(b["api/v1/platforms.json"].clone()).unwrap();
    assert!(!platforms.contains("2030-01-15"), "a copy's mtime leaked into the API");
}

/// Issue 6 (history on pages), checked while mending issue 2's determinism: a committed
/// content tree shows each platform's revision history (修訂紀錄) and last revision, and
/// each meeting's last-updated date, from the commits; a draft's commit is not listed.
#[test]
fn committed_content_shows_revisions_on_platform_and_meeting_pages() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path());
    support::copy_tree(Path::new("tests/fixtures/valid/content"), &tmp.path().join("content"));
    git(tmp.path(), &["add", "-A"], "2022-03-04T10:00:00+08:00");
    let t = "2022-03-04T10:00:00+08:00";
    git(tmp.path(), &["commit", "-q", "-m", "建立淡江大橋廉政平臺專區"], t);
    commit(
        tmp.path(),
        &[(
            "content/platforms/danjiang-bridge/meetings/2021-06-01-draft.md",
            "---\ntitle: 草稿\nkind: liaison\ndate: 2021-06-01\ndraft: true\n---\n",
        )],
        "草稿會議不應列出",
        "2022-05-06T10:00:00+08:00",
    );
    let mut o = support::opts(tmp.path().join("content"), tmp.path().join("site"));
    o.history = true;
    touming::site::build(&o).unwrap();
    let page = |rel: &str| std::fs::read_to_string(tmp.path().join("site").join(rel)).unwrap();
    let platform = page("platforms/danjiang-bridge/index.html");
    assert!(platform.contains("<li><span class=\"date\">111.03.04</span> 建立淡江大橋廉政平臺專區"));
    assert!(platform.contains("最後修訂</dt><dd><a href=\"#revisions\">111年3月4日</a>"));
    assert!(!platform.contains("草稿會議不應列出"), "a draft's commit is listed");
    let meeting = page("platforms/danjiang-bridge/meetings/2019-05-10-pledge/index.html");
    assert!(meeting.contains("紀錄最後更新</dt><dd>111年3月4日</dd>"));
    let en = page("en/platforms/danjiang-bridge/index.html");
    assert!(en.contains("Revision history") && en.contains("2022-03-04"));
}

/// A meeting file named in words (`第1次 聯繫會議.md`, published as `m-<hash>`) gets its
/// git date too: the history is looked up by its file name, not its URL name.
#[test]
fn a_meeting_named_in_words_has_its_commit_date() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path());
    support::copy_tree(Path::new("tests/fixtures/blind2/content"), &tmp.path().join("content"));
    let t = "2022-03-04T10:00:00+08:00";
    git(tmp.path(), &["add", "-A"], t);
    git(tmp.path(), &["commit", "-q", "-m", "建立專區"], t);
    let mut o = support::opts(tmp.path().join("content"), tmp.path().join("site"));
    o.now = d(2022, 1, 15);
    o.history = true;
    touming::site::build(&o).unwrap();
    let meetings = tmp.path().join("site/platforms/gravel-sale/meetings");
    let hashed: Vec<PathBuf> = std::fs::read_dir(&meetings)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("m-"))
        .collect();
    assert_eq!(hashed.len(), 1, "{hashed:?}");
    let page = std::fs::read_to_string(hashed[0].join("index.html")).unwrap();
    assert!(page.contains("紀錄最後更新</dt><dd>111年3月4日</dd>"));
}
