//! Property tests of the naming rules: every accepted slug is one safe path segment of
//! `[a-z0-9-]` (arbitrary strings never panic), and a document `file:` path is
//! accepted only when it names a real file inside the platform's `files/` — tested
//! through `touming::site::check`, since the rule itself is private to lowering.

use std::path::{Component, Path};

use proptest::prelude::*;
use touming::model::slug;
use touming::site::{self, BuildOptions};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn accepted_slugs_are_single_safe_path_segments(s in "(?s).{0,80}") {
        if slug::check(&s).is_ok() {
            prop_assert!((1..=64).contains(&s.len()));
            prop_assert!(s.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-')));
            let parts: Vec<Component> = Path::new(&s).components().collect();
            prop_assert_eq!(parts, vec![Component::Normal(s.as_ref())]);
        }
    }

    #[test]
    fn slugs_of_the_rule_are_accepted(s in "[a-z0-9-]{1,64}") {
        prop_assert!(slug::check(&s).is_ok());
    }

    #[test]
    fn near_miss_slugs_are_refused(
        s in "[a-z0-9-]{0,30}",
        bad in prop_oneof![Just('A'), Just('.'), Just('/'), Just('\\'), Just(' '),
            Just('\u{430}'), Just('\u{200b}'), Just('_'), Just('淡'), Just('\0')],
        at in 0usize..31,
    ) {
        let mut s = s;
        let at = at.min(s.len());
        s.insert(at, bad);
        prop_assert!(slug::check(&s).is_err());
    }
}

/// Pieces document paths are made of: real names, traversal, separators, drive
/// letters, invisible and control characters.
fn path_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("files".to_string()),
        Just("slides.txt".to_string()),
        Just("..".to_string()),
        Just(".".to_string()),
        Just("/".to_string()),
        Just("\\".to_string()),
        Just("C:".to_string()),
        Just("%2e%2e".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\t".to_string()),
        Just("index.md".to_string()),
        "[a-z.]{1,6}",
    ]
}

fn document_path() -> impl Strategy<Value = String> {
    prop::collection::vec(path_piece(), 1..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn document_paths_are_accepted_only_for_real_files_inside_files(path in document_path()) {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let p = content.join("platforms/demo");
        std::fs::create_dir_all(p.join("files")).unwrap();
        std::fs::write(content.join("site.yaml"), "title: 測試\n").unwrap();
        std::fs::write(content.join("agencies.yaml"), "- id: a\n  name: 測試機關\n  level: local\n").unwrap();
        std::fs::write(p.join("index.md"), "---\ntitle: 平臺\nagency: a\ncase_type: procurement\nestablished: 2020-01-01\nstatus: active\n---\n").unwrap();
        std::fs::write(p.join("files/slides.txt"), "x").unwrap();
        let quoted = serde_json::to_string(&path).unwrap();
        std::fs::write(p.join("documents.yaml"), format!("- title: 文件\n  file: {quoted}\n")).unwrap();
        let d = site::check(&BuildOptions {
            content: content.clone(),
            out: tmp.path().join("site"),
            now: "2026-11-21".parse().unwrap(),
            base_url: None,
            drafts: false,
            history: false,
        });
        let refused = d.errors().any(|e| e.path.ends_with("documents.yaml"));
        let real = matches!(path.trim(), "files/slides.txt" | "./files/slides.txt");
        prop_assert_eq!(refused, !real, "{:?}: {:?}", path, d);
    }
}
