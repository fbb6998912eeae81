//! Property tests of front-matter splitting and YAML reading: any text splits without
//! panicking; front matter and body written between `---` lines come back exactly (LF
//! or CRLF); text without an opening `---` is all body; parsing never panics.

use std::path::PathBuf;

use proptest::prelude::*;
use touming::content::{Entry, PageRaw, RiskRaw, SourceFile};

fn md(text: &str) -> SourceFile {
    SourceFile::markdown(PathBuf::from("pages/p.md"), text.to_string())
}

/// Lines that are not a front-matter delimiter.
fn yaml_line() -> impl Strategy<Value = String> {
    "[^\r\n]{0,30}".prop_filter("not a delimiter", |l| !matches!(l.trim_end(), "---" | "..."))
}

/// Text that may contain anything, delimiters and CRLF included.
fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("---".to_string()),
            Just("...".to_string()),
            Just("\r".to_string()),
            Just("\u{feff}".to_string()),
            "[^\n]{0,20}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.join("\n"))
}

/// Lines of a risks.yaml mixing good entries with unknown keys, repeated keys and values
/// of the wrong shape, at several depths.
fn risk_line() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "- id: R1",
        "  risk: 洩漏底價",
        "  severity: 3",
        "  severity: [1, 2]",
        "  severty: 3",
        "  likelihood: 1e400",
        "  measures: 一項",
        "  measures:",
        "    - 專人保管",
        "    a: b",
        "  id: R2",
        "- 只有文字",
        "-",
        "  - x",
        "      深層: 1",
        "# 註解",
        "",
        "  note: \"未關閉",
        "  reviewed: {a: 1}",
        "- {id: R3, risk: [x]}",
        "\ttab: 1",
        "  draft: maybe",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Issue 2: reading on past unknown fields and wrong shapes ends, never panics, and
    /// either gives data or reports at least one problem, each on a line of the file.
    #[test]
    fn issue_2_reading_past_shape_errors_ends_and_reports(lines in prop::collection::vec(risk_line(), 1..14)) {
        let text = lines.join("\n");
        let line_count = text.split('\n').count() as u32;
        let read = SourceFile::yaml(PathBuf::from("risks.yaml"), text).parse::<Vec<Entry<RiskRaw>>>();
        prop_assert!(read.data.is_some() || !read.errors.is_empty());
        for e in &read.errors {
            prop_assert!(e.pos.is_none_or(|p| p.line >= 1 && p.line <= line_count + 1), "{e}");
        }
    }

    #[test]
    fn splitting_any_text_never_panics_and_stays_in_bounds(text in any_text()) {
        let src = md(&text);
        let (yaml, body) = (src.yaml_text(), src.body());
        prop_assert!(yaml.len() + body.len() <= text.len());
        prop_assert!(text.ends_with(body));
        prop_assert!(src.body_line() as usize <= text.split('\n').count() + 1);
        let _ = src.parse::<PageRaw>();
    }

    #[test]
    fn front_matter_and_body_round_trip(
        lines in prop::collection::vec(yaml_line(), 0..8),
        body in "(?s).{0,200}",
        crlf in any::<bool>(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let yaml: String = lines.iter().map(|l| format!("{l}{nl}")).collect();
        let text = format!("---{nl}{yaml}---{nl}{body}");
        let src = md(&text);
        prop_assert!(src.has_front_matter());
        prop_assert_eq!(src.yaml_text(), yaml.as_str());
        prop_assert_eq!(src.body(), body.as_str());
        prop_assert_eq!(src.body_line() as usize, lines.len() + 3);
    }

    #[test]
    fn text_without_an_opening_delimiter_is_all_body(text in "(?s).{0,200}") {
        prop_assume!(text.split('\n').next().map(str::trim_end) != Some("---"));
        let src = md(&text);
        prop_assert!(!src.has_front_matter());
        prop_assert_eq!(src.yaml_text(), "");
        prop_assert_eq!(src.body(), text.as_str());
        prop_assert_eq!(src.body_line(), 1);
    }

    #[test]
    fn unclosed_front_matter_is_always_an_error(lines in prop::collection::vec(yaml_line(), 0..8)) {
        let text = format!("---\n{}", lines.join("\n"));
        let read = md(&text).parse::<PageRaw>();
        prop_assert!(read.data.is_none());
        prop_assert_eq!(read.errors.len(), 1);
        let err = &read.errors[0];
        prop_assert!(err.message.contains("缺少結尾的「---」"), "{}", err.message);
        prop_assert_eq!(err.pos.map(|p| p.line), Some(1));
    }

    #[test]
    fn parsing_arbitrary_yaml_never_panics(text in "(?s)[-:\\[\\]{}&*!|>'\" \\n\\ta-z0-9#%@`,?]{0,300}") {
        let src = SourceFile::yaml(PathBuf::from("site.yaml"), text.clone());
        let _ = src.parse::<touming::content::SiteRaw>();
        let _ = md(&format!("---\n{text}\n---\n")).parse::<PageRaw>();
    }
}
