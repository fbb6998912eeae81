//! Revision history from git: when each content file was last changed, and each
//! platform's 修訂紀錄 (date, short hash, subject of every commit touching its folder).
//!
//! Fast on large repositories: a fixed number of git calls whatever the number of files —
//! `rev-parse` (where the repository is, whether it is shallow), ONE
//! `git log -z --name-only` over the content folder, bucketed by path in a single pass,
//! and `git status` (files changed but not committed). Dates are commit dates, so a build
//! from the same commit is reproducible.
//!
//! Fallbacks, in order: a file with uncommitted changes, or any file when git or the
//! repository is missing, gets its modification time; otherwise [`History::last_updated`]
//! returns `None` and the caller uses the content's own dates. In a shallow clone the
//! boundary commit shows every file as added, so its file list is ignored: files not
//! touched by the fetched commits have no git date. Their modification time is NOT used
//! there, because a fresh clone's mtimes are all "now", which would mark every platform
//! as just updated. CI needs `fetch-depth: 0` for full history (docs/authoring.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use serde::Serialize;

/// One commit that touched a file or folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commit {
    /// Committer date, in the committer's time zone.
    pub date: NaiveDate,
    /// Abbreviated hash, as `git log --format=%h` prints it.
    pub hash: String,
    /// The commit subject (first line of the message).
    pub subject: String,
}

/// Where a last-updated date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The last commit touching it.
    Git,
    /// The file's modification time (uncommitted changes, or no git).
    Mtime,
}

/// What is known of one file, or of one platform folder (`platforms/<slug>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileHistory {
    pub last_updated: NaiveDate,
    /// Newest first. Empty when the date is a modification time only.
    pub commits: Vec<Commit>,
    pub source: DateSource,
}

/// The revision history of a content tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct History {
    /// By path relative to the content root (`platforms/x/index.md`), plus one entry per
    /// platform folder (`platforms/x`) covering every file in it.
    pub files: BTreeMap<PathBuf, FileHistory>,
    /// The repository is a shallow clone: older history is missing.
    pub shallow: bool,
    /// The content is inside a git repository and git could be run.
    pub available: bool,
}

impl History {
    /// The 修訂紀錄 of a platform: every commit touching `platforms/<slug>/`, newest first.
    pub fn platform_history(&self, slug: &str) -> Vec<Commit> {
        self.files
            .get(&Path::new("platforms").join(slug))
            .map(|f| f.commits.clone())
            .unwrap_or_default()
    }

    /// The 修訂紀錄 of a platform limited to commits that touched at least one file for
    /// which `keep` holds (paths relative to the content root), e.g. only published files,
    /// so a commit that only added a draft or an embargoed file does not show its subject.
    pub fn platform_history_where(&self, slug: &str, keep: impl Fn(&Path) -> bool) -> Vec<Commit> {
        let folder = Path::new("platforms").join(slug);
        let kept: BTreeSet<&str> = self
            .files
            .iter()
            .filter(|(path, _)| path.starts_with(&folder) && **path != folder && keep(path))
            .flat_map(|(_, f)| f.commits.iter().map(|c| c.hash.as_str()))
            .collect();
        let all = self
            .files
            .get(&folder)
            .map(|f| f.commits.as_slice())
            .unwrap_or_default();
        all.iter().filter(|c| kept.contains(c.hash.as_str())).cloned().collect()
    }

    /// Last-updated date of a file or platform folder, relative to the content root.
    /// `None`: no git date and no usable modification time — use the content's dates.
    pub fn last_updated(&self, rel_path: impl AsRef<Path>) -> Option<NaiveDate> {
        self.files.get(rel_path.as_ref()).map(|f| f.last_updated)
    }

    /// The date of the last commit touching a file, ignoring uncommitted changes: what a
    /// build may show. A modification time says when a copy was made, not when the content
    /// changed, so the same content and `--now` would build differently from two copies.
    pub fn committed(&self, rel_path: impl AsRef<Path>) -> Option<NaiveDate> {
        let f = self.files.get(rel_path.as_ref())?;
        match f.source {
            DateSource::Git => Some(f.last_updated),
            DateSource::Mtime => f.commits.first().map(|c| c.date),
        }
    }

    /// Last-updated date of a platform folder (`platforms/<slug>`).
    pub fn platform_updated(&self, slug: &str) -> Option<NaiveDate> {
        self.last_updated(Path::new("platforms").join(slug))
    }

    /// Record one commit for a file and for its platform folder.
    fn add_commit(&mut self, rel: &str, commit: &Commit) {
        let mut keys = vec![PathBuf::from(rel)];
        if let Some(folder) = platform_folder(rel) {
            keys.push(folder);
        }
        for key in keys {
            let entry = self.files.entry(key).or_insert_with(|| FileHistory {
                last_updated: commit.date,
                commits: vec![],
                source: DateSource::Git,
            });
            if entry.commits.last().is_none_or(|c| c.hash != commit.hash) {
                entry.last_updated = entry.last_updated.max(commit.date);
                entry.commits.push(commit.clone());
            }
        }
    }

    /// Record a modification time for a file and its platform folder.
    fn add_mtime(&mut self, rel: &str, date: NaiveDate) {
        let mut keys = vec![PathBuf::from(rel)];
        keys.extend(platform_folder(rel));
        for key in keys {
            let entry = self.files.entry(key).or_insert_with(|| FileHistory {
                last_updated: date,
                commits: vec![],
                source: DateSource::Mtime,
            });
            if date > entry.last_updated {
                entry.last_updated = date;
                entry.source = DateSource::Mtime;
            }
        }
    }
}

/// `platforms/<slug>` for a path inside a platform folder.
fn platform_folder(rel: &str) -> Option<PathBuf> {
    let mut parts = rel.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("platforms"), Some(slug), Some(_)) if !slug.is_empty() => Some(Path::new("platforms").join(slug)),
        _ => None,
    }
}

/// Run git in `dir`; its stdout when it succeeded.
fn git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .args(["-c", "core.quotepath=off", "-c", "log.showSignature=false"])
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Where the content lies in its repository.
struct Repo {
    /// Path of the content root inside the repository, `/`-terminated (`content/`) or empty.
    prefix: String,
    shallow: bool,
    /// Hashes of the shallow boundary commits.
    boundary: BTreeSet<String>,
}

fn locate(content_root: &Path) -> Option<Repo> {
    let out = git(
        content_root,
        &[
            "rev-parse",
            "--show-prefix",
            "--is-shallow-repository",
            "--git-path",
            "shallow",
        ],
    )?;
    let text = String::from_utf8_lossy(&out);
    let mut lines = text.lines();
    let prefix = lines.next()?.to_string();
    let shallow = lines.next()? == "true";
    let shallow_file = content_root.join(lines.next()?);
    let boundary = if shallow {
        std::fs::read_to_string(shallow_file)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    } else {
        BTreeSet::new()
    };
    Some(Repo {
        prefix,
        shallow,
        boundary,
    })
}

/// The history of the content tree at `content_root` (see the module documentation).
pub fn read_history(content_root: &Path) -> History {
    let Some(repo) = locate(content_root) else {
        let mut h = History::default();
        add_mtimes(&mut h, content_root, &all_files(content_root));
        return h;
    };
    let mut h = History {
        shallow: repo.shallow,
        available: true,
        ..History::default()
    };
    let log = git(
        content_root,
        &[
            "log",
            "-z",
            "--name-only",
            "--no-renames",
            "--date=short",
            "--format=%x1e%H%x1f%h%x1f%cd%x1f%s",
            "--",
            ".",
        ],
    )
    .unwrap_or_default();
    parse_log(&mut h, &log, &repo);
    let dirty = uncommitted(content_root, &repo.prefix);
    add_mtimes(&mut h, content_root, &dirty);
    h
}

/// Bucket `git log -z --name-only` output by path, in one pass.
fn parse_log(h: &mut History, log: &[u8], repo: &Repo) {
    let text = String::from_utf8_lossy(log);
    for record in text.split('\u{1e}').filter(|r| !r.is_empty()) {
        let mut fields = record.split('\0');
        let Some(commit) = fields.next().and_then(parse_header) else {
            continue;
        };
        if repo.boundary.iter().any(|b| b.starts_with(&commit.0)) {
            continue;
        }
        for path in fields.map(|p| p.trim_start_matches('\n')) {
            if let Some(rel) = path.strip_prefix(&repo.prefix).filter(|r| !r.is_empty()) {
                h.add_commit(rel, &commit.1);
            }
        }
    }
}

/// `<full hash>\x1f<short hash>\x1f<YYYY-MM-DD>\x1f<subject>` → (full hash, commit).
fn parse_header(header: &str) -> Option<(String, Commit)> {
    let mut f = header.splitn(4, '\u{1f}');
    let full = f.next()?.to_string();
    let hash = f.next()?.to_string();
    let date = NaiveDate::parse_from_str(f.next()?, "%Y-%m-%d").ok()?;
    let subject = f.next().unwrap_or("").trim().to_string();
    Some((full, Commit { date, hash, subject }))
}

/// Content files with uncommitted changes or untracked, relative to the content root.
fn uncommitted(content_root: &Path, prefix: &str) -> Vec<String> {
    let Some(out) = git(
        content_root,
        &["status", "--porcelain", "-z", "-uall", "--no-renames", "--", "."],
    ) else {
        return vec![];
    };
    String::from_utf8_lossy(&out)
        .split('\0')
        .filter(|e| e.len() > 3 && !e.starts_with(" D") && !e.starts_with("D "))
        .filter_map(|e| e[3..].strip_prefix(prefix).map(str::to_string))
        .collect()
}

/// Every file under the content root (dot-files skipped), relative, `/`-separated.
fn all_files(content_root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(content_root)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(content_root).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// Record the modification time (local date) of each file.
fn add_mtimes(h: &mut History, content_root: &Path, rels: &[String]) {
    for rel in rels {
        let Ok(modified) = std::fs::metadata(content_root.join(rel)).and_then(|m| m.modified()) else {
            continue;
        };
        let date = chrono::DateTime::<chrono::Local>::from(modified).date_naive();
        h.add_mtime(rel, date);
    }
}

/// A plain-text report: per platform folder, its last update and latest revisions.
pub fn summary(h: &History) -> String {
    let mut out = match (h.available, h.shallow) {
        (false, _) => "不在 git 儲存庫中（或無法執行 git）：日期取自檔案修改時間。\n".to_string(),
        (true, true) => "淺層複製（shallow clone）：較早的紀錄不在本機，請用 fetch-depth: 0。\n".to_string(),
        (true, false) => String::new(),
    };
    let folders = h
        .files
        .iter()
        .filter(|(path, _)| path.parent() == Some(Path::new("platforms")));
    for (path, f) in folders {
        out.push_str(&format!(
            "{}  最後更新 {}（{}），{} 次修訂\n",
            path.display(),
            f.last_updated,
            match f.source {
                DateSource::Git => "git",
                DateSource::Mtime => "檔案修改時間",
            },
            f.commits.len()
        ));
        for c in f.commits.iter().take(5) {
            out.push_str(&format!("    {} {} {}\n", c.date, c.hash, c.subject));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_folders_are_found() {
        assert_eq!(
            platform_folder("platforms/a/meetings/x.md"),
            Some(PathBuf::from("platforms/a"))
        );
        assert_eq!(platform_folder("platforms/a"), None);
        assert_eq!(platform_folder("pages/about.md"), None);
    }

    #[test]
    fn log_records_are_bucketed_by_path() {
        let log = "\u{1e}aaaa1111\u{1f}aaaa\u{1f}2021-05-11\u{1f}第二次\0\ncontent/platforms/a/index.md\0content/site.yaml\0\
                   \u{1e}bbbb2222\u{1f}bbbb\u{1f}2021-01-02\u{1f}first\0\ncontent/platforms/a/index.md\0";
        let repo = Repo {
            prefix: "content/".into(),
            shallow: false,
            boundary: BTreeSet::new(),
        };
        let mut h = History::default();
        parse_log(&mut h, log.as_bytes(), &repo);
        let commits = h.platform_history("a");
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].subject, "第二次");
        assert_eq!(h.last_updated("site.yaml"), NaiveDate::from_ymd_opt(2021, 5, 11));
    }
}
