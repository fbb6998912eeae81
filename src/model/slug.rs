//! Slugs: the names that become URLs (`/platforms/<slug>/`).
//!
//! The rule is the contract's: lowercase ASCII letters, digits and `-`, 1–64 characters.
//! Anything else (upper case, spaces, Chinese, `..`, `/`) could break a URL or escape the
//! output folder, so it is an error that names the rule.

/// Check a slug; the error says which part of the rule is broken.
pub fn check(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("不可為空白".into());
    }
    if s.chars().count() > 64 {
        return Err("最長 64 個字元".into());
    }
    if let Some(c) = s.chars().find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-')) {
        let hint = if c.is_ascii_uppercase() {
            "（請改用小寫）"
        } else {
            ""
        };
        return Err(format!("只能使用小寫英文字母、數字與「-」，不能有「{c}」{hint}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_lowercase_ascii_digits_and_dashes() {
        assert!(check("danjiang-bridge").is_ok());
        assert!(check("c1d1-2017").is_ok());
        assert!(check(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn rejects_what_cannot_be_a_url() {
        for bad in [
            "",
            "Danjiang",
            "淡江",
            "a b",
            "a/b",
            "..",
            "a_b",
            "a.b",
            &"a".repeat(65),
        ] {
            assert!(check(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(
            check("Dan").unwrap_err(),
            "只能使用小寫英文字母、數字與「-」，不能有「D」（請改用小寫）"
        );
    }
}
