//! The integrity lints on real content: every text file of the example site and of the
//! test fixtures has no personal data except the site's own contact values, and no
//! pre-award secret even when read as if no platform had reached award.

use std::path::{Path, PathBuf};

use touming::lint::{self, Kind, LintConfig};
use touming::site::{Build, BuildOptions};

fn opts(content: &str) -> BuildOptions {
    BuildOptions {
        content: PathBuf::from(content),
        out: PathBuf::from("unused-site"),
        now: "2026-11-21".parse().unwrap(),
        base_url: None,
        drafts: false,
        history: false,
    }
}

/// The allow list the lead wires from site.yaml `contact`.
fn allow_list(content: &str) -> Vec<String> {
    let b = Build::load(&opts(content)).lower();
    let c = b.site().and_then(|s| s.config.contact.clone());
    c.map(|c| {
        [c.email, c.phone, c.address.map(|a| a.zh)]
            .into_iter()
            .flatten()
            .collect()
    })
    .unwrap_or_default()
}

fn text_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            matches!(ext, "md" | "yaml" | "txt" | "csv")
        })
        .collect()
}

/// Every finding in the content tree, as `file: kind 「text」`.
fn findings(content: &str, before_award: bool) -> Vec<String> {
    let cfg = LintConfig {
        allow: allow_list(content),
        before_award,
    };
    let mut out = Vec::new();
    for path in text_files(Path::new(content)) {
        let text = std::fs::read_to_string(&path).unwrap();
        for f in lint::lint_source(&text, &cfg) {
            out.push(format!(
                "{}: {:?} 「{}」",
                path.display(),
                f.kind,
                &text[f.start..f.end]
            ));
        }
    }
    out
}

#[test]
fn example_content_has_no_personal_data_but_its_contact() {
    let allow = allow_list("content");
    assert_eq!(allow.len(), 3, "site.yaml contact: {allow:?}");
    let found: Vec<String> = findings("content", false);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn example_contact_values_are_found_without_the_allow_list() {
    let text = std::fs::read_to_string("content/pages/complaints.md").unwrap();
    let found = lint::scan_personal(&text, &LintConfig::default());
    let kinds: Vec<Kind> = found.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![Kind::Email, Kind::HomeAddress], "{found:?}");
}

#[test]
fn example_content_has_no_pre_award_secret_even_before_award() {
    let found = findings("content", true);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn fixture_content_has_no_personal_data_or_secret() {
    let found = findings("tests/fixtures/valid/content", true);
    assert!(found.is_empty(), "{found:#?}");
}
