//! Content the contract allows that an earlier version refused: `confidential_until` on a
//! milestone or outside platform folders, and a site.yaml `theme` without a folder. Built
//! from a copy of the blind fixture (`tests/fixtures/blind/content`) with one change each.

mod support;

use std::path::Path;

use touming::site::{self, BuildOptions};

const BLIND: &str = "tests/fixtures/blind/content";

fn opts_at(content: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        content: content.to_path_buf(),
        ..support::opts(BLIND, out)
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every output file's bytes.
fn all_bytes(out: &Path) -> Vec<Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect()
}

/// Insert `add` after the first line starting with `after` in `file`.
fn insert_after(file: &Path, after: &str, add: &str) {
    let s = std::fs::read_to_string(file).unwrap();
    let at = s
        .find(after)
        .unwrap_or_else(|| panic!("{after} not in {}", file.display()))
        + after.len();
    std::fs::write(file, format!("{}{add}{}", &s[..at], &s[at..])).unwrap();
}

/// The contract lets any YAML list entry and any Markdown file carry `confidential_until`.
#[test]
fn issue_2_confidential_until_on_milestones_and_outside_platforms_is_allowed() {
    let tmp = support::copy_fixture(BLIND);
    let content = tmp.path().join("content");
    let nantou = content.join("platforms/nantou-gravel/index.md");
    // Secret milestones do not lift themselves: nantou stays before opening.
    let secret =
        "  - stage: opening\n    actual: 2026-11-01\n    note: zqselfmilestone\n    confidential_until: opening\n";
    insert_after(&nantou, "milestones:\n", secret);
    let lifted =
        "  - stage: planning\n    planned: 2025-04-01\n    note: zqliftedmilestone\n    confidential_until: award\n";
    insert_after(
        &content.join("platforms/shilin-superficies/index.md"),
        "milestones:\n",
        lifted,
    );
    insert_after(
        &content.join("pages/complaints.md"),
        "title: 申訴管道\n",
        "confidential_until: award\n",
    );
    let out = tmp.path().join("site");
    let opts = opts_at(&content, &out);
    let report = site::build(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    let warned: Vec<String> = report
        .warnings
        .warnings()
        .map(|d| d.path.display().to_string())
        .collect();
    assert!(warned.iter().any(|p| p.ends_with("complaints.md")), "{warned:?}");
    assert!(!out.join("complaints").exists());
    let api = std::fs::read_to_string(out.join("api/v1/platforms/nantou-gravel.json")).unwrap();
    let api: serde_json::Value = serde_json::from_str(&api).unwrap();
    assert_eq!(api["current_stage"], "tender");
    let files = all_bytes(&out);
    assert!(!files.iter().any(|f| contains(f, "zqselfmilestone")));
    assert!(files.iter().any(|f| contains(f, "zqliftedmilestone")));
}

/// site.yaml `theme` naming a theme with no folder: the default theme, with a warning.
#[test]
fn issue_2_missing_theme_falls_back_to_the_default_theme() {
    let tmp = support::copy_fixture(BLIND);
    let content = tmp.path().join("content");
    let site_yaml = content.join("site.yaml");
    let s = std::fs::read_to_string(&site_yaml)
        .unwrap()
        .replace("theme: default", "theme: taipei-blue");
    std::fs::write(&site_yaml, s).unwrap();
    let out = tmp.path().join("site");
    let opts = opts_at(&content, &out);
    let report = site::build(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(report.warnings.warnings().any(|d| d.message.contains("taipei-blue")));
    assert!(out.join("platforms/danjiang-bridge/index.html").is_file());
}

/// "Any text field `x` may have an English twin `x_en`": the platform's `tags` too. An
/// earlier version refused `tags_en` as an unknown field.
#[test]
fn issue_2_tags_have_an_english_twin() {
    let tmp = support::copy_fixture(BLIND);
    let content = tmp.path().join("content");
    let index = content.join("platforms/danjiang-bridge/index.md");
    insert_after(
        &index,
        "tags: [橋梁, 新北市, 交通建設]\n",
        "tags_en: [Bridge, New Taipei]\n",
    );
    let out = tmp.path().join("site");
    site::build(&opts_at(&content, &out)).unwrap_or_else(|d| panic!("{d:?}"));
    let page = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let en = page("en/platforms/danjiang-bridge/index.html");
    // English where given, the Chinese tag where the twin list is shorter.
    assert!(
        en.contains("<li>Bridge</li><li>New Taipei</li><li>交通建設</li>"),
        "{en}"
    );
    let zh = page("platforms/danjiang-bridge/index.html");
    assert!(zh.contains("<li>橋梁</li><li>新北市</li><li>交通建設</li>"));
    let api = page("api/v1/platforms/danjiang-bridge.json");
    assert!(
        api.contains(r#""tags": ["#) && !api.contains("New Taipei"),
        "the API keeps the Chinese tags"
    );
}

/// A pattern's `agency` need not be an id of agencies.yaml (the contract says so only of
/// platforms): the body's name in words is shown as written, while an id-shaped value that
/// is no id stays an error at its line (a mistyped id must not vanish).
#[test]
fn issue_2_a_pattern_may_name_its_agency_in_words() {
    let tmp = support::copy_fixture(BLIND);
    let content = tmp.path().join("content");
    let write = |name: &str, agency: &str| {
        let text = format!("---\ntitle: 態樣{name}\nagency: {agency}\n---\n抽象化後的案例。\n");
        std::fs::write(content.join(format!("patterns/{name}.md")), text).unwrap();
    };
    write("in-words", "臺南市政府政風處");
    let out = tmp.path().join("site");
    let report = site::build(&opts_at(&content, &out)).unwrap_or_else(|d| panic!("{d:?}"));
    let page = std::fs::read_to_string(out.join("patterns/in-words/index.html")).unwrap();
    assert!(page.contains("臺南市政府政風處"));
    assert!(!report.warnings.warnings().any(|d| d.path.ends_with("in-words.md")));
    write("mistyped-id", "thb-nort");
    let diags = site::build(&opts_at(&content, &out)).unwrap_err();
    let errors: Vec<_> = diags.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("mistyped-id.md"));
    assert_eq!(errors[0].pos.map(|p| (p.line, p.col)), Some((3, 9)));
    assert!(errors[0].message.contains("thb-north"), "{}", errors[0].message);
}

/// A stage written in Chinese (招標, 決標階段, 施工) is the stage of that name: risks.yaml's
/// `stage` has no code list in the contract, and staff write stages in words.
#[test]
fn issue_2_stages_may_be_written_in_chinese() {
    let tmp = support::copy_fixture(BLIND);
    let content = tmp.path().join("content");
    let risks = content.join("platforms/danjiang-bridge/risks.yaml");
    let text = std::fs::read_to_string(&risks).unwrap();
    let text = text
        .replacen("stage: opening", "stage: 開標", 1)
        .replacen("stage: award", "stage: 決標階段", 1)
        .replacen("stage: construction", "stage: 施工", 1);
    std::fs::write(&risks, text).unwrap();
    let out = tmp.path().join("site");
    site::build(&opts_at(&content, &out)).unwrap_or_else(|d| panic!("{d:?}"));
    let api: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("api/v1/platforms/danjiang-bridge.json")).unwrap()).unwrap();
    let stages: Vec<&str> = api["risks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["stage"].as_str())
        .collect();
    for code in ["opening", "award", "construction"] {
        assert!(stages.contains(&code), "{code} not in {stages:?}");
    }
}
