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
        return "這裡應該是清單：每一項另起一行，以「- 」開頭".into();
    }
    if raw.starts_with("expected mapping start") {
        return "這裡應該是「欄位: 值」的對照表，卻寫成了清單或單一值".into();
    }
    if raw.contains("a single value") {
        return "這裡應該是單一值（文字、數字或日期），卻寫成了清單或對照表".into();
    }
    if raw.contains("invalid type: ") && raw.contains("expected a boolean") {
        return "這裡只能寫 true 或 false".into();
    }
    if raw.contains("budget") || raw.contains("exceeded") || raw.contains("limit") {
        return format!("YAML 結構過大、過深或別名（alias）過多，為安全起見拒絕讀取（{raw}）");
    }
    if raw.contains("found a tab") || raw.contains("tab character") {
        return "YAML 不能用 Tab 鍵縮排，請改用空白鍵".into();
    }
    format!("YAML 語法錯誤（{raw}）")
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
    if raw.contains("did not find expected") || raw.contains("while parsing") {
        return Some("檢查括號與引號是否成對".into());
    }
    None
}

fn strip_location(raw: &str) -> &str {
    let raw = raw.strip_prefix("error: ").unwrap_or(raw);
    match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    }
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

/// The allowed name closest to a misspelt one (edit distance ≤ 3), if any.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 3.min(c.chars().count() / 2 + 1))
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
    fn unrelated_unknown_field_has_no_suggestion() {
        let m = explain_yaml_error("unknown field `zzz`, expected one of title, status");
        assert!(m.starts_with("未知的欄位「zzz」。"), "{m}");
    }

    #[test]
    fn unknown_syntax_error_keeps_the_original_text() {
        let m = explain_yaml_error("something odd at line 1, column 2");
        assert_eq!(m, "YAML 語法錯誤（something odd）");
    }
}
