//! Problems found in content, as values.
//!
//! Every stage that reads what agencies wrote reports problems as [`Diagnostic`]s that
//! carry the file, a 1-based line and column, and a message written for the people who
//! edit content (政風 staff, not programmers). Stages collect them instead of stopping at
//! the first, so a build reports every problem at once. Only `main` (and `check`) turn
//! them into text, with [`Diagnostics::render`], which shows the offending line and a
//! caret (annotate-snippets).

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file: 1-based line and column (in characters), plus the byte
/// range of the offending text when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub byte: usize,
    pub len: usize,
}

impl Pos {
    /// The position of a byte offset in `text`.
    pub fn at_byte(text: &str, byte: usize, len: usize) -> Pos {
        let byte = byte.min(text.len());
        let before = text.get(..byte).unwrap_or("");
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before.get(line_start..).unwrap_or("").chars().count() as u32 + 1;
        Pos { line, col, byte, len }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the working directory when possible).
    pub path: PathBuf,
    pub pos: Option<Pos>,
    pub message: String,
    /// An optional second line: what to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            pos,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(path: &Path, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col` (or just `file` when the position is unknown).
    pub fn location(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.path.display(), p.line, p.col),
            None => self.path.display().to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.location(), self.message)
    }
}

/// All problems of a run, in a stable order (file, line, column).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sort by file, then position, then message, and drop exact duplicates.
    pub fn sort(&mut self) {
        self.0
            .sort_by(|a, b| (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message)));
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Render one diagnostic for a terminal: the `file:line:col: error: message` line, then
/// the offending line with a caret under the problem (annotate-snippets), then the help.
/// `source` is the whole text of the file, when it could be read.
pub fn render(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let mut out = d.to_string();
    out.push('\n');
    if let (Some(pos), Some(src)) = (d.pos, source)
        && let Some(snippet) = snippet(pos, src, color)
    {
        out.push_str(&snippet);
        out.push('\n');
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("  = 說明: {help}\n"));
    }
    out
}

/// The line at `pos` with a caret under the offending text.
fn snippet(pos: Pos, src: &str, color: bool) -> Option<String> {
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
    let line_text = src.lines().nth(pos.line.checked_sub(1)? as usize)?;
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let start: usize = line_text
        .char_indices()
        .nth(pos.col.saturating_sub(1) as usize)
        .map_or(line_text.len(), |(i, _)| i);
    let rest = &line_text[start..];
    let len = pos.len.clamp(1, rest.len().max(1));
    let end = (start..=start + len)
        .rev()
        .find(|&i| line_text.is_char_boundary(i) && i <= line_text.len())
        .unwrap_or(start);
    let end = if end == start {
        next_boundary(line_text, start)
    } else {
        end
    };
    let report = &[Level::ERROR.no_name().primary_title("").element(
        Snippet::source(line_text)
            .line_start(pos.line as usize)
            .annotation(AnnotationKind::Primary.span(start..end)),
    )];
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let text = renderer.render(report);
    // Drop the empty title line annotate-snippets prints for an untitled report.
    let body: Vec<&str> = text.lines().filter(|l| l.contains('|')).collect();
    Some(body.join("\n"))
}

fn next_boundary(s: &str, i: usize) -> usize {
    (i + 1..=s.len()).find(|&j| s.is_char_boundary(j)).unwrap_or(s.len())
}
