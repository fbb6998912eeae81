//! YAML parser messages, retold for the people who write content.
//!
//! serde-saphyr speaks to programmers ("expected sequence start"). Agency staff need to
//! know what is wrong in their terms and what to write instead, so the common messages
//! are translated; anything unrecognised is shown as a YAML syntax error with the
//! original text in parentheses, so an engineer can still search for it.

/// The message for a YAML error, in Traditional Chinese.
pub fn explain_yaml_error(raw: &str) -> String {
    let raw = strip_location(raw);
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let fields: Vec<&str> = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty() && !s.starts_with("there are no fields"))
            .collect();
        return unknown_field(field, &fields);
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return format!("欄位「{key}」重複出現：同一層只能寫一次");
    }
    if raw.starts_with("expected string scalar") {
        return "這裡應該是一段文字，卻寫成了清單或對照表（若文字以 [ 或 { 開頭，請用引號括起來）".into();
    }
    if raw.starts_with("expected sequence start") {
        return "這裡應該是清單：每一項另起一行，以「- 」開頭（或寫在方括號裡，例如 [水利, 河川]）".into();
    }
    if raw.starts_with("expected mapping start") {
        return "這裡應該是「欄位: 值」的對照表，卻寫成了清單或單一值".into();
    }
    if raw.contains("a single value") {
        return "這裡應該是單一值（文字、數字或日期），卻寫成了清單或對照表".into();
    }
    if raw.starts_with("invalid boolean") || (raw.contains("invalid type: ") && raw.contains("expected a boolean")) {
        return "這裡只能寫 true 或 false".into();
    }
    if raw.contains("budget") || raw.contains("exceeded") || raw.contains("limit") {
        return format!("YAML 結構過大、過深或別名（alias）過多，為安全起見拒絕讀取（{raw}）");
    }
    if is_tab_error(raw) {
        return TAB_MESSAGE.into();
    }
    if raw.contains("alias references unknown anchor") {
        return special_start('*');
    }
    if let Some(c) = raw
        .strip_prefix("unexpected character: `")
        .and_then(|r| r.chars().next())
    {
        return special_start(c);
    }
    if raw.starts_with("cannot deserialize null") {
        return "這裡是空的：請填寫內容，或刪除這一行（清單的「- 」後面要有內容）".into();
    }
    if raw.contains("unknown escape character") {
        return "雙引號裡的反斜線「\\」有特殊意義：要寫反斜線本身請寫兩個「\\\\」，或改用單引號括起來".into();
    }
    if raw.starts_with("invalid trailing content after") {
        return "引號關上之後還有文字：要嘛整段文字都在引號裡，要嘛整段都不用引號".into();
    }
    if raw.starts_with("block sequence entries are not allowed") {
        return "清單的「- 」要另起一行：欄位名稱後換行，下一行多縮兩個空白再寫「- 」".into();
    }
    if raw.contains("did not find expected '-' indicator") {
        return "清單的「- 」沒有對齊：同一份清單每一項的「-」要在同一欄，項目裡的欄位再多縮兩個空白".into();
    }
    if raw.starts_with("simple key expected") || raw.contains("did not find expected key") {
        return "這一行不是「欄位名稱: 值」的寫法：檢查是否少了冒號「:」、冒號後的空白，或縮排沒有對齊".into();
    }
    if raw.starts_with("unclosed bracket") {
        return "括號沒有成對：這裡以「[」或「{」開始，但沒有結尾的「]」或「}」（文字以 [ 開頭時請整段加引號）".into();
    }
    if raw.starts_with("misplaced bracket") {
        return "多了一個結尾括號「]」或「}」：請刪掉，或把整段文字用引號括起來".into();
    }
    if raw.starts_with("multiple YAML documents") {
        return "檔案中間有一行「---」：YAML 檔只能有一份資料，請刪除這一行（--- 只用在 Markdown 檔前置資料的上下）"
            .into();
    }
    if raw.starts_with("non-finite float") {
        return "這個數字太大，或不是有效的數字（例如 1e400、.nan、.inf）：請寫一般的數字".into();
    }
    format!("YAML 語法錯誤（{raw}）")
}

fn special_start(c: char) -> String {
    format!("文字不能以「{c}」開頭（在 YAML 有特殊意義）：請把整段文字用雙引號括起來，例如 \"{c}……\"")
}

/// A message for the line the parser stopped at, when the line shows the cause better
/// than the parser's words: a full-width colon, or no space after the colon.
pub fn line_problem(line: &str) -> Option<&'static str> {
    let mut rest = line.trim_start();
    while let Some(r) = rest.strip_prefix('-').filter(|r| r.starts_with(' ')) {
        rest = r.trim_start();
    }
    let key_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let after = &rest[key_len..];
    if key_len == 0 {
        None
    } else if after.starts_with('：') {
        Some("欄位名稱後面用了全形冒號「：」：請改成半形冒號「:」，後面再加一個空白，例如 kind: liaison")
    } else if after.starts_with(':') && !after[1..].is_empty() && !after[1..].starts_with([' ', '\t', '/']) {
        Some("冒號後面要有一個空白：例如 kind: liaison，不是 kind:liaison")
    } else {
        None
    }
}

const TAB_MESSAGE: &str = "YAML 不能用 Tab 鍵縮排，請改用空白鍵";

fn is_tab_error(raw: &str) -> bool {
    raw.contains("found a tab") || raw.contains("tab character") || raw.contains("tabs disallowed")
}

/// A YAML error whose cause is not where the parser noticed it: the parser reports a tab
/// at the line before it, and an unclosed quote at the line after it (as "invalid
/// indentation"). `byte` and `len` are within the YAML text.
#[derive(Debug, PartialEq, Eq)]
pub struct Relocated {
    pub byte: usize,
    pub len: usize,
    pub message: String,
    pub help: &'static str,
}

/// Where the cause of the parser error `raw`, noticed on 0-based `line` of `yaml`, is.
pub fn relocate(raw: &str, yaml: &str, line: usize) -> Option<Relocated> {
    let raw = strip_location(raw);
    if is_tab_error(raw) {
        let byte = tab_indent(yaml, line).or_else(|| tab_indent(yaml, 0))?;
        return Some(Relocated {
            byte,
            len: 1,
            message: TAB_MESSAGE.into(),
            help: "把這一行開頭的 Tab 換成空白：同一層要對齊，下一層多縮兩個空白",
        });
    }
    if raw.starts_with("multiple YAML documents") {
        let byte = separator_line(yaml, line)?;
        return Some(Relocated {
            byte,
            len: 3,
            message: explain_yaml_error(raw),
            help: "YAML 檔不需要 --- 分隔；若是從 Markdown 檔複製過來的，把這一行刪掉即可",
        });
    }
    if raw.contains("quoted scalar") || raw.contains("unclosed quote") {
        let (byte, quote) = open_quote(yaml, line)?;
        return Some(Relocated {
            byte,
            len: 1,
            message: format!("引號沒有成對：這段文字以「{quote}」開頭，但同一行沒有結尾的「{quote}」"),
            help: "在文字最後補上相同的引號；文字本身含有引號時，改用另一種引號括起來，或整段不加引號",
        });
    }
    None
}

/// Byte offset of the last `---` line at or before `line`.
fn separator_line(yaml: &str, line: usize) -> Option<usize> {
    let mut found = None;
    let mut offset = 0;
    for (i, l) in yaml.split_inclusive('\n').enumerate().take_while(|(i, _)| *i <= line) {
        if l.trim_end() == "---" && i <= line {
            found = Some(offset);
        }
        offset += l.len();
    }
    found
}

/// Byte offset of the first tab in the indentation of a non-blank line, from `from_line`.
fn tab_indent(yaml: &str, from_line: usize) -> Option<usize> {
    let mut offset = 0;
    for (i, l) in yaml.split_inclusive('\n').enumerate() {
        let content = l.trim_end();
        let indent = &content[..content.len() - content.trim_start_matches([' ', '\t']).len()];
        if i >= from_line
            && indent.len() < content.len()
            && let Some(t) = indent.find('\t')
        {
            return Some(offset + t);
        }
        offset += l.len();
    }
    None
}

/// The last quote opening a value and not closed on its line, at or before `line`.
fn open_quote(yaml: &str, line: usize) -> Option<(usize, char)> {
    let mut starts = vec![0];
    starts.extend(yaml.match_indices('\n').map(|(i, _)| i + 1));
    let last = starts.len() - 1;
    (0..=line.min(last)).rev().find_map(|i| {
        let end = starts.get(i + 1).copied().unwrap_or(yaml.len());
        let text = &yaml[starts[i]..end];
        unclosed_quote(text).map(|(b, q)| (starts[i] + b, q))
    })
}

/// In one line, the byte offset and kind of a quote that opens a value and never closes.
fn unclosed_quote(line: &str) -> Option<(usize, char)> {
    let mut rest = line.trim_start();
    while let Some(r) = rest.strip_prefix('-').filter(|r| r.starts_with([' ', '\t'])) {
        rest = r.trim_start();
    }
    if !rest.starts_with(['"', '\'']) {
        let colon = rest.find(": ").or_else(|| rest.find(":\t"))?;
        rest = rest[colon + 1..].trim_start();
    }
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let start = line.len() - rest.len();
    let mut chars = rest[1..].chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            ('"', '\\') => drop(chars.next()),
            ('\'', '\'') if chars.as_str().starts_with('\'') => drop(chars.next()),
            (q, c) if q == c => return None,
            _ => {}
        }
    }
    Some((start, quote))
}

/// A hint for common syntax mistakes.
pub fn yaml_help(raw: &str) -> Option<String> {
    let raw = strip_location(raw);
    if raw.contains("mapping values are not allowed") {
        return Some("同一層的欄位要對齊；文字中若有「: 」（冒號加空白），請把整段文字用引號括起來".into());
    }
    if raw.contains("indentation") {
        return Some("檢查這一行的縮排：同一層要對齊，下一層多縮兩個空白".into());
    }
    if raw.contains("'-' indicator") {
        return Some("若這一行是上一項的欄位，就和上一項的欄位對齊；若是新的一項，就和其他「- 」對齊".into());
    }
    if raw.contains("did not find expected") || raw.contains("while parsing") {
        return Some("檢查括號與引號是否成對".into());
    }
    None
}

/// The parser's words without its position and its advice to programmers ("; use
/// Option<String>", "; use from_str_multiple…"), which mean nothing to content authors.
fn strip_location(raw: &str) -> &str {
    let raw = raw.strip_prefix("error: ").unwrap_or(raw);
    let raw = raw.split("; use ").next().unwrap_or(raw);
    match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    }
}

/// For an unknown-field error, the field it most likely meant (`titel` → `title`).
pub fn meant_field(raw: &str) -> Option<String> {
    let rest = strip_location(raw).strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let fields: Vec<&str> = expected
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .split(", ")
        .map(|s| s.trim_matches('`'))
        .collect();
    // Only a near-certain guess: the field it names is not reported missing afterwards.
    let near = closest(field, &fields)?;
    let sure = edit_distance(field, near) <= 2 && field.chars().next() == near.chars().next();
    sure.then(|| near.to_string())
}

fn unknown_field(field: &str, allowed: &[&str]) -> String {
    let mut msg = format!("未知的欄位「{field}」");
    if let Some(near) = closest(field, allowed) {
        msg.push_str(&format!("：是不是要寫「{near}」？"));
    } else {
        msg.push('。');
    }
    if !allowed.is_empty() {
        msg.push_str(&format!("這裡可用的欄位：{}", allowed.join("、")));
    }
    msg
}

/// The allowed name closest to a misspelt one (edit distance ≤ 3, and 3 only when the
/// first letter is right: `satus` is not offered `date`), if any.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let first = word.chars().next();
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 3.min(c.chars().count() / 2 + 1))
        .filter(|(d, c)| *d <= 2 || c.chars().next() == first)
        .min()
        .map(|(_, c)| c)
}

/// The code a mistyped code most likely meant: stricter than [`closest`], because codes
/// are short and a wrong suggestion (`done` → `open`) is worse than none. A code that
/// starts with what was written (`sign` → `signing`), or one or two typos away (two
/// only in codes of eight or more letters: `procurment` → `procurement`).
pub fn closest_code<'a>(word: &str, codes: &[&'a str]) -> Option<&'a str> {
    let word = word.trim();
    if let Some(c) = codes.iter().find(|c| word.chars().count() >= 3 && c.starts_with(word)) {
        return Some(c);
    }
    codes
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= if c.len() >= 8 { 2 } else { 1 })
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_nearest_name() {
        let m = explain_yaml_error(
            "unknown field `establised`, expected one of title, established, status at line 3, column 1",
        );
        assert_eq!(
            m,
            "未知的欄位「establised」：是不是要寫「established」？這裡可用的欄位：title、established、status"
        );
    }

    #[test]
    fn issue_2_the_meant_field_of_a_typo() {
        let raw = "unknown field `titel`, expected one of `title`, `kind` at line 2, column 1";
        assert_eq!(meant_field(raw).as_deref(), Some("title"));
        assert_eq!(meant_field("unknown field `zzz`, expected `title`"), None);
        assert_eq!(
            meant_field("unknown field `satus`, expected one of `title`, `date`"),
            None
        );
        assert_eq!(closest("satus", &["title", "date"]), None);
    }

    #[test]
    fn issue_2_full_width_colons_and_special_starts_are_explained() {
        assert!(line_problem("- q：問").unwrap().contains("全形冒號"));
        assert!(line_problem("kind:pledge").unwrap().contains("空白"));
        assert_eq!(line_problem("url: https://x"), None);
        assert_eq!(line_problem("- https://example.gov.tw"), None);
        assert_eq!(line_problem("  a: 答"), None);
        assert!(explain_yaml_error("alias references unknown anchor").contains("「*」"));
        assert!(explain_yaml_error("unclosed bracket '[' at line 3, column 15").starts_with("括號沒有成對"));
        assert!(explain_yaml_error("misplaced bracket").starts_with("多了一個結尾括號"));
        let null = explain_yaml_error("cannot deserialize null into string; use Option<String>");
        assert!(null.starts_with("這裡是空的") && !null.contains("Option"), "{null}");
        assert!(explain_yaml_error("found unknown escape character").contains("反斜線"));
        assert_eq!(
            explain_yaml_error("invalid boolean at line 3, column 13"),
            "這裡只能寫 true 或 false"
        );
        assert_eq!(
            explain_yaml_error("odd; use Option<char> at line 1, column 2"),
            "YAML 語法錯誤（odd）"
        );
        let two = "- q: 問\n---\n- q: 二\n";
        let r = relocate("multiple YAML documents detected; use from_str_multiple", two, 2).unwrap();
        assert_eq!((r.byte, r.len), (two.find("---").unwrap(), 3));
        assert!(explain_yaml_error("unexpected character: `@'").contains("「@」"));
    }

    #[test]
    fn unrelated_unknown_field_has_no_suggestion() {
        let m = explain_yaml_error("unknown field `zzz`, expected one of title, status");
        assert!(m.starts_with("未知的欄位「zzz」。"), "{m}");
    }

    #[test]
    fn issue_2_a_tab_is_found_on_its_own_line_not_the_line_before() {
        let yaml = "- q: 問\n\ta: 答\n";
        let r = relocate("found a tab character at line 1, column 6", yaml, 0).unwrap();
        assert_eq!((r.byte, r.len), (yaml.find('\t').unwrap(), 1));
        assert_eq!(r.message, TAB_MESSAGE);
        let nested = "a:\n  b:\n\t- x\n";
        let r = relocate("tabs disallowed within this context (block indentation)", nested, 2).unwrap();
        assert_eq!(r.byte, nested.find('\t').unwrap());
        assert_eq!(explain_yaml_error("tabs disallowed within this context"), TAB_MESSAGE);
    }

    #[test]
    fn issue_2_an_unclosed_quote_is_found_where_it_opens() {
        let yaml = "- q: \"問\n  a: 答\n";
        let r = relocate("invalid indentation in multiline quoted scalar", yaml, 1).unwrap();
        assert_eq!(r.byte, yaml.find('"').unwrap());
        assert!(r.message.starts_with("引號沒有成對"), "{}", r.message);
        let single = "a: 'it''s\nb: x\n";
        assert_eq!(
            relocate("invalid indentation in multiline quoted scalar", single, 2)
                .unwrap()
                .byte,
            3
        );
        let escaped = "a: \"x \\\" y\nb: 1\n";
        assert_eq!(relocate("unclosed quote", escaped, 1).unwrap().byte, 3);
        assert_eq!(unclosed_quote("title: \"closed\""), None);
        assert_eq!(unclosed_quote("- - 'x"), Some((4, '\'')));
    }

    #[test]
    fn issue_2_an_infinite_number_is_explained_in_words() {
        let m = explain_yaml_error("non-finite float `1e400` rejected by the configured policy at line 7, column 9");
        assert!(m.starts_with("這個數字太大"), "{m}");
    }

    #[test]
    fn issue_2_codes_are_suggested_only_when_clearly_mistyped() {
        let status = ["open", "mitigating", "controlled", "closed"];
        assert_eq!(closest_code("done", &status), None);
        assert_eq!(closest_code("close", &status), Some("closed"));
        let kinds = ["plan", "minutes", "report", "media", "other"];
        assert_eq!(closest_code("memo", &kinds), None);
        assert_eq!(closest_code("procurment", &["procurement", "ppp"]), Some("procurement"));
        assert_eq!(closest_code("sign", &["signing", "selection"]), Some("signing"));
        assert_eq!(
            closest_code("in_progress", &["open", "in-progress"]),
            Some("in-progress")
        );
    }

    #[test]
    fn unknown_syntax_error_keeps_the_original_text() {
        let m = explain_yaml_error("something odd at line 1, column 2");
        assert_eq!(m, "YAML 語法錯誤（something odd）");
    }
}
