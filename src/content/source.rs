//! One content file in memory, and turning its YAML into raw structs.
//!
//! A [`SourceFile`] knows where its YAML starts (front matter begins on line 2 of a
//! Markdown file), so every position serde-saphyr reports is mapped back to the line and
//! column of the file as the author sees it in the editor — not of the front matter.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};

use crate::diagnostic::{Diagnostic, Pos};

/// Largest content file read (a transparency zone's YAML and Markdown are small; this
/// bounds memory on hostile input).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A text file of the content tree.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in messages.
    pub path: PathBuf,
    /// The whole text (BOM removed).
    pub text: String,
    /// Where the YAML part starts: byte offset and 0-based line.
    yaml_start: usize,
    yaml_line: u32,
    /// The YAML part (front matter, or the whole file for `.yaml`).
    yaml_end: usize,
    /// Where the Markdown body starts (byte offset), for Markdown files.
    body_start: usize,
    /// The front matter opens with `---` but never closes.
    unclosed: bool,
    /// Fields whose value was unreadable and left out (already reported), with the line
    /// (1-based) they were on: lowering does not also call them missing in that entry.
    pub blanked: Vec<(String, u32)>,
    /// Lines (1-based, of the file) left out while reading on past problems: what they
    /// defined (an agency, an action id) is unknown, so references to it are not errors.
    pub repaired: Vec<std::ops::RangeInclusive<u32>>,
}

/// What [`SourceFile::parse`] read: the data, unless a problem left the file unreadable,
/// and every problem found on the way.
#[derive(Debug)]
pub struct Read<T> {
    pub data: Option<T>,
    pub errors: Vec<Diagnostic>,
    /// See [`SourceFile::blanked`].
    pub blanked: Vec<(String, u32)>,
    /// See [`SourceFile::repaired`].
    pub repaired: Vec<std::ops::RangeInclusive<u32>>,
}

impl<T> Read<T> {
    /// A read with `data` and no problems yet.
    fn with(data: Option<T>) -> Self {
        Read {
            data,
            errors: Vec::new(),
            blanked: Vec::new(),
            repaired: Vec::new(),
        }
    }
}

/// Most passes over one file (each removes one unreadable field).
const MAX_PASSES: usize = 200;

impl SourceFile {
    /// A YAML file: all of it is YAML.
    pub fn yaml(path: PathBuf, text: String) -> SourceFile {
        let len = text.len();
        SourceFile {
            path,
            text,
            yaml_start: 0,
            yaml_line: 0,
            yaml_end: len,
            body_start: len,
            unclosed: false,
            blanked: Vec::new(),
            repaired: Vec::new(),
        }
    }

    /// A Markdown file with optional front matter between `---` lines.
    pub fn markdown(path: PathBuf, text: String) -> SourceFile {
        let (yaml_start, yaml_end, body_start) = split_front_matter(&text);
        let yaml_line = text[..yaml_start].matches('\n').count() as u32;
        let unclosed = yaml_start > 0 && body_start == text.len() && !closes(&text[yaml_end..]);
        SourceFile {
            path,
            text,
            yaml_start,
            yaml_line,
            yaml_end,
            body_start,
            unclosed,
            blanked: Vec::new(),
            repaired: Vec::new(),
        }
    }

    pub fn has_front_matter(&self) -> bool {
        self.yaml_end > self.yaml_start || self.body_start > 0
    }

    pub fn yaml_text(&self) -> &str {
        &self.text[self.yaml_start..self.yaml_end]
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// 1-based line of the first body line.
    pub fn body_line(&self) -> u32 {
        self.text[..self.body_start].matches('\n').count() as u32 + 1
    }

    /// Map a serde-saphyr location inside the YAML part to a file position.
    pub fn pos(&self, loc: &Location) -> Pos {
        let span = loc.span();
        match span.byte_offset() {
            Some(b) => {
                let len = span.byte_len().unwrap_or(0) as usize;
                Pos::at_byte(&self.text, self.yaml_start + b as usize, len)
            }
            None => Pos {
                line: loc.line() as u32 + self.yaml_line,
                col: loc.column() as u32,
                byte: 0,
                len: 0,
            },
        }
    }

    /// Position of a spanned value.
    pub fn at<T>(&self, s: &Spanned<T>) -> Pos {
        self.pos(&s.referenced)
    }

    /// Whether `field` was left out while reading (see [`SourceFile::blanked`]) from the
    /// entry that starts at `entry`: on a line from there on, before the next item of the
    /// same list.
    pub fn was_blanked(&self, field: &str, entry: Pos) -> bool {
        let lines: Vec<&str> = self.text.lines().collect();
        let start = entry.line.max(1) as usize - 1;
        let dash = lines.get(start).and_then(|l| {
            let col = (entry.col as usize).checked_sub(3)?;
            (l.get(col..col + 2) == Some("- ")).then_some(col)
        });
        let next_item = |i: &usize| {
            let b = lines[*i].as_bytes();
            dash.is_some_and(|d| b.len() > d && b[..d].iter().all(|c| *c == b' ') && b[d] == b'-')
        };
        let end = (start + 1..lines.len()).find(next_item).unwrap_or(lines.len());
        self.blanked
            .iter()
            .any(|(k, l)| k == field && (*l as usize) > start && (*l as usize) <= end)
    }

    /// Position of the first field of the YAML part, past leading comments and blank
    /// lines (for problems about the whole file, such as a missing required field).
    pub fn start(&self) -> Pos {
        let mut at = self.yaml_start;
        for line in self.yaml_text().split_inclusive('\n') {
            let t = line.trim();
            if !t.is_empty() && !t.starts_with('#') {
                return Pos::at_byte(&self.text, at, 0);
            }
            at += line.len();
        }
        Pos::at_byte(&self.text, self.yaml_start, 0)
    }

    pub fn error(&self, pos: Option<Pos>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, pos, message)
    }

    /// Deserialize the YAML part. An empty YAML part gives `T::default()`; front matter
    /// that never closes is an error at its opening line. An unknown field, duplicate key
    /// or value of the wrong shape does not end the reading: it is reported, blanked out
    /// ([`super::repair`]) and the file read again, so every such problem shows at once
    /// and the rest of the file is still checked. A syntax error ends it (`data: None`).
    pub fn parse<T: DeserializeOwned + Default>(&self) -> Read<T> {
        if self.unclosed {
            let mut read = Read::with(None);
            read.errors.push(
                self.error(
                    Some(Pos::at_byte(&self.text, 0, 3)),
                    "前置資料（front matter）缺少結尾的「---」：第 1 行的 --- 開始了前置資料，但之後沒有另一行 ---",
                )
                .with_help("在最後一個欄位之後另起一行寫 ---，再寫內文；檔案若沒有前置資料，第 1 行不可以是 ---"),
            );
            return read;
        }
        if self.yaml_text().trim().is_empty() {
            return Read::with(Some(T::default()));
        }
        self.parse_passes()
    }

    fn parse_passes<T: DeserializeOwned>(&self) -> Read<T> {
        let mut yaml = self.yaml_text().to_string();
        let mut read = Read::with(None);
        let mut touched: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
        for _ in 0..MAX_PASSES {
            let e = match serde_saphyr::from_str_with_options::<T>(&yaml, options()) {
                Ok(data) => {
                    read.data = Some(data);
                    break;
                }
                Err(e) => e,
            };
            let at = e.location().and_then(|l| self.yaml_byte(&l));
            let line = at.map(|b| yaml[..b.min(yaml.len())].matches('\n').count());
            if !line.is_some_and(|l| touched.iter().any(|r| r.contains(&l))) {
                read.errors.push(self.yaml_error(&e));
            }
            let raw = e.without_snippet().to_string();
            let key_problem = super::repair::key_problem(&raw);
            let repaired = at
                .filter(|_| super::repair::repairable(&raw))
                .and_then(|at| super::repair::blank_or_line(&mut yaml, at, key_problem));
            let Some(b) = repaired else {
                break;
            };
            let first = self.yaml_line + 1;
            let key_line = first + *b.lines.start() as u32;
            read.repaired.push(key_line..=first + *b.lines.end() as u32);
            touched.push(b.lines);
            read.blanked.extend(b.key.map(|k| (k, key_line)));
            // `titel:` is reported with "did you mean title": not also "title is missing".
            read.blanked
                .extend(super::messages::meant_field(&raw).map(|k| (k, key_line)));
        }
        read
    }

    /// Byte offset within the YAML part of a serde-saphyr location.
    fn yaml_byte(&self, loc: &Location) -> Option<usize> {
        if let Some(b) = loc.span().byte_offset() {
            return Some(b as usize);
        }
        let yaml = self.yaml_text();
        let line_start = match loc.line() {
            0 | 1 => 0,
            n => yaml.match_indices('\n').nth(n as usize - 2)?.0 + 1,
        };
        let col = (loc.column() as usize).saturating_sub(1);
        let rest = yaml.get(line_start..)?;
        Some(line_start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i))
    }

    fn yaml_error(&self, e: &serde_saphyr::Error) -> Diagnostic {
        let pos = e.location().map(|l| self.pos(&l));
        let raw = e.without_snippet().to_string();
        let line = pos.map_or(0, |p| p.line.saturating_sub(self.yaml_line + 1) as usize);
        if let Some(r) = super::messages::relocate(&raw, self.yaml_text(), line) {
            let at = Pos::at_byte(&self.text, self.yaml_start + r.byte, r.len);
            return self.error(Some(at), r.message).with_help(r.help);
        }
        let line = pos.and_then(|p| self.text.lines().nth(p.line.saturating_sub(1) as usize));
        if let Some(message) = line.and_then(super::messages::line_problem) {
            return self.error(pos, message);
        }
        let message = super::messages::explain_yaml_error(&raw);
        let mut d = self.error(pos, message);
        if let Some(help) = super::messages::yaml_help(&raw) {
            d = d.with_help(help);
        }
        d
    }
}

/// Limits that keep hostile YAML (alias bombs, deep nesting) from exhausting memory.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 1_000_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
        },
    }
}

/// Is `rest` (what follows the YAML part) a closing `---` / `...` line?
fn closes(rest: &str) -> bool {
    matches!(rest.trim_end(), "---" | "...")
}

/// Find the front matter: returns (yaml start, yaml end, body start) byte offsets.
/// Without front matter the YAML part is empty and the body is the whole text.
fn split_front_matter(text: &str) -> (usize, usize, usize) {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return (0, 0, 0);
    }
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return (first_end, offset, offset + line.len());
        }
        offset += line.len();
    }
    // No closing line: treat everything after the opening as YAML so the error points
    // at something; the loader reports the missing `---`.
    (first_end, text.len(), text.len())
}

/// Read a file as UTF-8 text, removing a BOM. Errors name the problem in words.
///
/// Only regular files are read (a symlink, named pipe or device is refused, so a build
/// can neither leave the content folder nor block on a pipe), and never more than
/// [`MAX_FILE_BYTES`], even if the file grows while it is read.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Diagnostic::error(shown, None, format!("無法讀取檔案：{e}"));
    let meta = std::fs::symlink_metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            shown,
            None,
            "不是一般檔案（可能是符號連結、具名管道或裝置）：內容必須是資料夾內的實際檔案",
        ));
    }
    let too_big = |len: u64| {
        Diagnostic::error(
            shown,
            None,
            format!("檔案過大（{len} bytes，上限 {MAX_FILE_BYTES} bytes）"),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3); // the BOM: positions are counted as the editor shows them
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let pos = Pos::at_byte(&before, valid, 1);
        Diagnostic::error(
            shown,
            Some(pos),
            "檔案不是 UTF-8 編碼（常見的是 Big5）：請在編輯器以 UTF-8 另存新檔",
        )
    })?;
    if let Some(i) = text.find('\0') {
        let pos = Pos::at_byte(&text, i, 1);
        return Err(Diagnostic::error(
            shown,
            Some(pos),
            "檔案含有 NUL 字元（\\0），可能不是文字檔",
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_2_a_field_left_out_hides_its_missing_message_in_its_own_entry_only() {
        let text = "- id: R1\n  severity: [1]\n- id: R2\n  risk: 測試\n";
        let mut src = SourceFile::yaml("risks.yaml".into(), text.into());
        src.blanked = vec![("severity".into(), 2)];
        let entry = |line| Pos {
            line,
            col: 3,
            byte: 0,
            len: 0,
        };
        assert!(src.was_blanked("severity", entry(1)));
        assert!(!src.was_blanked("severity", entry(3)), "R2 really has no severity");
        assert!(!src.was_blanked("risk", entry(1)));
    }

    #[test]
    fn issue_2_the_start_of_a_file_is_its_first_field_not_a_comment() {
        let yaml = SourceFile::yaml("site.yaml".into(), "# 說明\n\n# schema\nlanguages: [zh-TW]\n".into());
        assert_eq!((yaml.start().line, yaml.start().col), (4, 1));
        let md = SourceFile::markdown("a.md".into(), "---\n# 註解\nkind: liaison\n---\n內文\n".into());
        assert_eq!(md.start().line, 3);
        let empty = SourceFile::yaml("e.yaml".into(), "# 只有註解\n".into());
        assert_eq!(empty.start().line, 1);
    }
}
