//! Keep reading a YAML file past its first problem, so one run reports them all.
//!
//! serde stops at the first unknown field, duplicate key or value of the wrong shape
//! (a list where text belongs, `1e400`). Those are not syntax errors: the rest of the
//! file is readable. [`blank`] overwrites the offending field or value with spaces —
//! newlines and byte count unchanged, so every later position is still the author's —
//! and the caller parses again, collecting one problem per pass.

/// Which problems leave the rest of the file readable once their node is blanked out.
pub fn repairable(raw: &str) -> bool {
    const SHAPES: &[&str] = &[
        "unknown field",
        "duplicate mapping key",
        "invalid type",
        "invalid value",
        "expected string scalar",
        "expected sequence start",
        "expected mapping start",
        "a single value",
        "non-finite float",
        "expected a boolean",
        "cannot deserialize null",
        "invalid boolean",
    ];
    SHAPES.iter().any(|s| raw.contains(s))
}

/// What [`blank`] removed: the lines it touched, and the field whose value is gone (its
/// "missing field" message would only repeat the problem already reported).
#[derive(Debug, PartialEq, Eq)]
pub struct Blanked {
    pub lines: std::ops::RangeInclusive<usize>,
    pub key: Option<String>,
}

/// Overwrite the node at byte `at` of `yaml` with spaces: the key there with its value
/// when the problem is the key (`key_problem`: unknown or repeated), else the value —
/// a whole block when it starts a line under a `key:` of its own. `None` when nothing
/// could be removed (the caller then gives up).
pub fn blank(yaml: &mut String, at: usize, key_problem: bool) -> Option<Blanked> {
    let lines = Lines::new(yaml);
    let l = lines.index_of(at)?;
    let (start, _) = lines.span(l);
    let text = lines.text(yaml, l);
    let col = at - start;
    let content = content_col(text);
    let block_parent = (!key_problem && col <= content)
        .then(|| lines.parent(yaml, l))
        .flatten()
        .filter(|&p| opens_block(lines.text(yaml, p)));
    let (from, depth, key_line) = if let Some(p) = block_parent {
        let (ps, _) = lines.span(p);
        let ptext = lines.text(yaml, p);
        let colon = ptext.rfind(':')?;
        (ps + colon + 1, content_col(ptext), p) // a block value: all of the parent's value
    } else if key_at(&text[col.min(text.len())..]).is_some() {
        (at, col, l) // a key: it and its children
    } else if col > content {
        (at, content, l) // a value after `key:` on the same line
    } else {
        // A list item of the wrong shape: the whole item, its `- ` too, so no empty item
        // is left behind to be reported as missing every field.
        (start + indent(text), indent(text), l)
    };
    let key = key_at(&lines.text(yaml, key_line)[content_col(lines.text(yaml, key_line))..]);
    let mut bytes = std::mem::take(yaml).into_bytes();
    let first = spaces(&mut bytes, from, lines.span(lines.index_of(from)?).1);
    let (last, below) = children(&mut bytes, &lines, key_line, depth);
    *yaml = String::from_utf8(bytes).ok()?;
    (first || below).then_some(Blanked {
        lines: key_line..=last,
        key,
    })
}

/// Whether a line is `key:` with its value on the lines below: nothing after the colon,
/// or a block scalar header (`key: |`, `key: >-`). Blanking only the first line of a block
/// scalar would leave a line of spaces deeper than the rest, itself a YAML error.
fn opens_block(line: &str) -> bool {
    let t = line.split(" #").next().unwrap_or(line).trim_end();
    match t.rsplit_once(':') {
        Some((_, rest)) => {
            let h = rest.trim();
            h.is_empty()
                || (h.starts_with(['|', '>']) && h[1..].chars().all(|c| c == '-' || c == '+' || c.is_ascii_digit()))
        }
        None => false,
    }
}

/// Blank the lines after `line` that belong to it (more indented than `depth`, or blank
/// or comments between them): the last line blanked, and whether any byte changed.
fn children(bytes: &mut [u8], lines: &Lines, line: usize, depth: usize) -> (usize, bool) {
    let (mut last, mut changed) = (line, false);
    while let Some((s, e)) = lines.spans.get(last + 1).copied() {
        let t = std::str::from_utf8(&bytes[s..e]).unwrap_or("");
        if !(t.trim().is_empty() || t.trim_start().starts_with('#') || indent(t) > depth) {
            break;
        }
        changed |= spaces(bytes, s, e);
        last += 1;
    }
    (last, changed)
}

/// [`blank`] at `at`, or else from the start of its line (a value already blanked leaves
/// an empty item, `- `, that only the whole line's removal gets rid of).
pub fn blank_or_line(yaml: &mut String, at: usize, key_problem: bool) -> Option<Blanked> {
    let line_start = yaml.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    blank(yaml, at, key_problem).or_else(|| blank(yaml, line_start, true))
}

/// Whether the problem is the key itself (unknown or repeated), not its value.
pub fn key_problem(raw: &str) -> bool {
    raw.contains("unknown field") || raw.contains("duplicate mapping key")
}

/// Replace bytes `from..to` (newlines kept) by spaces; whether any byte changed.
fn spaces(bytes: &mut [u8], from: usize, to: usize) -> bool {
    let mut changed = false;
    for b in &mut bytes[from..to] {
        if *b != b'\n' && *b != b' ' {
            *b = b' ';
            changed = true;
        }
    }
    changed
}

/// Leading spaces of a line.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Column where a line's content starts, past its indentation and `- ` markers.
fn content_col(line: &str) -> usize {
    let mut rest = line.trim_start_matches(' ');
    while let Some(r) = rest.strip_prefix('-').filter(|r| r.starts_with(' ')) {
        rest = r.trim_start_matches(' ');
    }
    line.len() - rest.len()
}

/// The key at the start of `s` (`title: x` → `title`), if `s` starts with one.
fn key_at(s: &str) -> Option<String> {
    let end = s.find(": ").or_else(|| s.strip_suffix(':').map(str::len))?;
    let key = s[..end].trim_matches(|c| c == '"' || c == '\'');
    let plain = !key.is_empty() && !key.contains(['#', ' ', '[', '{', '"', '\'', ',']);
    plain.then(|| key.to_string())
}

/// Byte spans of the lines (without their `\n`).
struct Lines {
    spans: Vec<(usize, usize)>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut spans = Vec::new();
        let mut start = 0;
        for l in text.split_inclusive('\n') {
            spans.push((start, start + l.trim_end_matches('\n').len()));
            start += l.len();
        }
        Lines { spans }
    }

    fn index_of(&self, at: usize) -> Option<usize> {
        self.spans.iter().position(|&(s, e)| at >= s && at <= e)
    }

    fn span(&self, l: usize) -> (usize, usize) {
        self.spans[l]
    }

    fn text<'a>(&self, yaml: &'a str, l: usize) -> &'a str {
        let (s, e) = self.spans[l];
        &yaml[s..e]
    }

    /// The nearest line above `l` that is less indented and not blank or a comment.
    fn parent(&self, yaml: &str, l: usize) -> Option<usize> {
        let own = indent(self.text(yaml, l));
        (0..l).rev().find(|&p| {
            let t = self.text(yaml, p);
            !t.trim().is_empty() && !t.trim_start().starts_with('#') && indent(t) < own
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str, needle: &str) -> (String, Option<String>) {
        let mut y = yaml.to_string();
        let b = blank(&mut y, yaml.find(needle).unwrap(), needle.starts_with("titel")).unwrap();
        assert_eq!(y.len(), yaml.len());
        (y, b.key)
    }

    #[test]
    fn issue_2_an_unknown_key_is_removed_with_its_children_only() {
        let (y, key) = run("- id: R1\n  titel: x\n  risk: y\n", "titel");
        assert_eq!(y, "- id: R1\n          \n  risk: y\n");
        assert_eq!(key.as_deref(), Some("titel"));
        let (y, _) = run("titel:\n  - a\n  - b\nkind: x\n", "titel");
        assert_eq!(y.trim(), "kind: x");
    }

    #[test]
    fn issue_2_a_wrong_value_is_removed_and_its_key_named() {
        let (y, key) = run("owner: [a, b]\ntext: t\n", "[a");
        assert_eq!(y, "owner:       \ntext: t\n");
        assert_eq!(key.as_deref(), Some("owner"));
        let (y, key) = run("measures:\n  a: b\n  c: d\nstatus: open\n", "a: b");
        assert_eq!(y, "measures:\n      \n      \nstatus: open\n");
        assert_eq!(key.as_deref(), Some("measures"));
        let (y, key) = run("- id: x\n  text: [a]\n  due: 1\n", "text");
        assert_eq!(y, "- id: x\n           \n  due: 1\n");
        assert_eq!(key.as_deref(), Some("text"));
        let (y, key) = run("- id: x\n  text: [a]\n", "[a]");
        assert_eq!(y, "- id: x\n  text:    \n");
        assert_eq!(key.as_deref(), Some("text"));
    }

    #[test]
    fn issue_2_a_list_item_of_the_wrong_shape_is_removed() {
        let (y, key) = run("- taipower\n- id: x\n", "taipower");
        assert_eq!(y, "          \n- id: x\n");
        assert_eq!(key, None);
        assert!(repairable("invalid type: string \"x\", expected struct"));
        assert!(!repairable("did not find expected key"));
    }
}
