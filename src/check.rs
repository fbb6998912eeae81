//! Output formats of `touming check` for machines: GitHub Actions annotations and JSON.
//!
//! The human format (the offending line with a caret) is [`crate::diagnostic::render`].
//! The functions here are pure — [`Diagnostics`] in, text out — so they are tested
//! byte for byte. Paths are shown relative to the repository root (what GitHub needs to
//! put an annotation on the changed line of a pull request); [`PathMap`] does that
//! lexically, from the working directory and the root that the caller found.
//!
//! GitHub's escaping rules (actions/toolkit `command.ts`): in the message (the data after
//! `::`) `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in properties (`file=`, `title=`) also
//! `:` and `,` become `%3A` and `%2C`. A Chinese full-width comma `，` is not a comma to
//! GitHub and stays as it is.

use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};

/// How `touming check` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: error: message`, the line and a caret (for people).
    #[default]
    Human,
    /// One `::error file=…,line=…,col=…,title=touming::message` line per problem.
    Github,
    /// A JSON array of `{severity, file, line, column, message, help}`.
    Json,
}

/// Whether a check run fails: any error, or any problem at all with `--strict`.
pub fn failed(diags: &Diagnostics, strict: bool) -> bool {
    diags.has_errors() || (strict && !diags.is_empty())
}

/// Turns the paths diagnostics carry (relative to the working directory, or absolute)
/// into paths relative to the repository root, with `/` separators.
#[derive(Debug, Clone)]
pub struct PathMap {
    cwd: PathBuf,
    root: PathBuf,
}

impl PathMap {
    /// `cwd` and `root` should be absolute; `root` is usually the repository root.
    pub fn new(cwd: &Path, root: &Path) -> PathMap {
        PathMap {
            cwd: normalize(cwd),
            root: normalize(root),
        }
    }

    /// Paths shown exactly as the diagnostics carry them.
    pub fn identity() -> PathMap {
        PathMap::new(Path::new(""), Path::new(""))
    }

    /// The path as GitHub wants it: relative to the root when it lies inside it.
    pub fn show(&self, path: &Path) -> String {
        let abs = normalize(&self.cwd.join(path));
        let rel = abs.strip_prefix(&self.root).unwrap_or(&abs);
        let lead = if rel.has_root() { "/" } else { "" };
        let parts: Vec<String> = rel
            .components()
            .filter(|c| !matches!(c, Component::RootDir | Component::Prefix(_)))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        format!("{lead}{}", parts.join("/"))
    }
}

/// Resolve `.` and `..` without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The repository root above `start`: `$GITHUB_WORKSPACE` when given, else the nearest
/// folder with a `.git` entry, else `start` itself.
pub fn repo_root(start: &Path, github_workspace: Option<&Path>) -> PathBuf {
    if let Some(ws) = github_workspace.filter(|p| p.is_absolute()) {
        return ws.to_path_buf();
    }
    start
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}

/// Escape the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The message with its help on a second line, as an annotation shows it.
fn full_message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\n說明：{help}", d.message),
        None => d.message.clone(),
    }
}

/// One GitHub Actions annotation.
pub fn github_annotation(d: &Diagnostic, paths: &PathMap) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = vec![format!("file={}", escape_property(&paths.show(&d.path)))];
    if let Some(pos) = d.pos {
        props.push(format!("line={}", pos.line));
        props.push(format!("col={}", pos.col));
    }
    props.push("title=touming".to_string());
    format!("::{command} {}::{}", props.join(","), escape_data(&full_message(d)))
}

/// Every problem as a GitHub Actions annotation, one per line.
pub fn github(diags: &Diagnostics, paths: &PathMap) -> String {
    diags.0.iter().map(|d| github_annotation(d, paths) + "\n").collect()
}

/// One problem in the JSON format.
#[derive(Debug, Serialize)]
struct JsonProblem<'a> {
    severity: Severity,
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
    help: Option<&'a str>,
}

/// Every problem as a JSON array (pretty-printed, with a final newline).
pub fn json(diags: &Diagnostics, paths: &PathMap) -> String {
    let problems: Vec<JsonProblem> = diags
        .0
        .iter()
        .map(|d| JsonProblem {
            severity: d.severity,
            file: paths.show(&d.path),
            line: d.pos.map(|p| p.line),
            column: d.pos.map(|p| p.col),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&problems).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// A Markdown table of every problem, for `$GITHUB_STEP_SUMMARY` (GitHub shows at most
/// 10 error and 10 warning annotations per step; the summary lists them all).
pub fn markdown_summary(diags: &Diagnostics, paths: &PathMap) -> String {
    let (e, w) = (diags.errors().count(), diags.warnings().count());
    if e + w == 0 {
        return "### touming check\n\n內容檢查通過，沒有錯誤或警告。\n".into();
    }
    let mut out =
        format!("### touming check\n\n共 {e} 個錯誤、{w} 個警告。\n\n| | 檔案 | 位置 | 問題 |\n|---|---|---|---|\n");
    for d in &diags.0 {
        let icon = match d.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
        };
        let at = d.pos.map_or(String::new(), |p| format!("{}:{}", p.line, p.col));
        let msg = full_message(d).replace('|', "\\|").replace('\n', "<br>");
        out.push_str(&format!("| {icon} | `{}` | {at} | {msg} |\n", paths.show(&d.path)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_github_rules() {
        assert_eq!(escape_data("50%\r\nx,y:z"), "50%25%0D%0Ax,y:z");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(escape_property("淡江，大橋"), "淡江，大橋");
    }

    #[test]
    fn paths_are_relative_to_the_root() {
        let m = PathMap::new(Path::new("/repo/sub"), Path::new("/repo"));
        assert_eq!(m.show(Path::new("content/a.md")), "sub/content/a.md");
        assert_eq!(m.show(Path::new("../content/a.md")), "content/a.md");
        assert_eq!(m.show(Path::new("/repo/content/b.md")), "content/b.md");
        assert_eq!(m.show(Path::new("/elsewhere/c.md")), "/elsewhere/c.md");
        let id = PathMap::identity();
        assert_eq!(id.show(Path::new("content/a.md")), "content/a.md");
    }
}
