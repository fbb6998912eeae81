//! `touming check --format github|json`: one GitHub Actions annotation (or JSON object)
//! per problem, escaped by GitHub's rules, paths relative to the repository root.

use std::path::{Path, PathBuf};
use std::process::Command;

use touming::check::{self, PathMap};
use touming::diagnostic::{Diagnostic, Diagnostics, Pos};
use touming::site::{self, BuildOptions};

const INVALID: &str = "tests/fixtures/invalid/content";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_invalid() -> Diagnostics {
    site::check(&BuildOptions {
        content: root().join(INVALID),
        out: "site".into(),
        now: "2026-11-21".parse().unwrap(),
        base_url: None,
        drafts: false,
        history: false,
    })
}

fn annotation_regex() -> regex::Regex {
    let prop = r"(?:[^,:%\r\n]|%25|%2C|%3A|%0D|%0A)+";
    let data = r"(?:[^%\r\n]|%25|%0D|%0A)*";
    regex::Regex::new(&format!(
        r"^::(error|warning) file={prop}(,line=[1-9]\d*,col=[1-9]\d*)?,title=touming::{data}$"
    ))
    .unwrap()
}

#[test]
fn one_annotation_per_problem() {
    let diags = check_invalid();
    assert!(diags.0.len() > 20, "the fixture has many problems");
    let out = check::github(&diags, &PathMap::new(&root(), &root()));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), diags.0.len());
    let re = annotation_regex();
    for (line, d) in lines.iter().zip(&diags.0) {
        assert!(re.is_match(line), "not an annotation: {line}");
        let kind = format!(
            "::{} ",
            if d.severity == touming::diagnostic::Severity::Error {
                "error"
            } else {
                "warning"
            }
        );
        assert!(line.starts_with(&kind), "{line}");
        assert!(line.contains("file=tests/fixtures/invalid/content/"), "{line}");
    }
    insta::assert_snapshot!("github_annotations_invalid_fixture", out);
}

#[test]
fn chinese_messages_with_commas_and_percent_signs_are_escaped_right() {
    let diags = check_invalid();
    let out = check::github(&diags, &PathMap::new(&root(), &root()));
    let target = out
        .lines()
        .find(|l| l.contains("kpis/2018.yaml,line=7,col=17"))
        .expect("the KPI target problem");
    assert!(
        target.ends_with("::欄位「target」須為數字（可含小數點或 %25），卻寫了「七成」"),
        "{target}"
    );
    let amount = out.lines().find(|l| l.contains("約一百億")).unwrap();
    assert!(
        amount.ends_with("6億3,630萬 或 3,000萬元"),
        "ASCII commas stay in data: {amount}"
    );
    let url = out.lines().find(|l| l.contains("javascript")).unwrap();
    assert!(
        url.contains("只能是 https://、http:// 或 mailto: 開頭"),
        "data keeps ':' {url}"
    );
}

#[test]
fn properties_and_data_follow_githubs_escaping_rules() {
    let d = Diagnostic::error(
        Path::new("content/platforms/a,b:c/100%.md"),
        Some(Pos {
            line: 3,
            col: 9,
            byte: 0,
            len: 1,
        }),
        "金額「約125億,3」無法辨識: 50%\r\n請改寫",
    )
    .with_help("寫成 約125億，或 12500000000");
    let line = check::github_annotation(&d, &PathMap::identity());
    assert_eq!(
        line,
        "::error file=content/platforms/a%2Cb%3Ac/100%25.md,line=3,col=9,title=touming::\
         金額「約125億,3」無法辨識: 50%25%0D%0A請改寫%0A說明：寫成 約125億，或 12500000000"
    );
    assert!(annotation_regex().is_match(&line));
    let warning = Diagnostic::warning(Path::new("content/x.txt"), None, "不會發布");
    assert_eq!(
        check::github_annotation(&warning, &PathMap::identity()),
        "::warning file=content/x.txt,title=touming::不會發布"
    );
}

#[test]
fn json_lists_every_problem() {
    let diags = check_invalid();
    let out = check::json(&diags, &PathMap::new(&root(), &root()));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), diags.0.len());
    let first = &arr[0];
    for key in ["severity", "file", "line", "column", "message", "help"] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert!(
        arr.iter()
            .all(|p| p["file"].as_str().unwrap().starts_with("tests/fixtures/"))
    );
    assert!(
        arr.iter().any(|p| p["line"].is_null()),
        "file-level problems have no line"
    );
}

fn touming(dir: &Path, args: &[&str], summary: Option<&Path>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_touming"));
    cmd.current_dir(dir).args(args).env_remove("GITHUB_WORKSPACE");
    match summary {
        Some(f) => cmd.env("GITHUB_STEP_SUMMARY", f),
        None => cmd.env_remove("GITHUB_STEP_SUMMARY"),
    };
    cmd.output().unwrap()
}

#[test]
fn the_binary_prints_annotations_and_a_step_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = tmp.path().join("summary.md");
    let args = [
        "check",
        "--content",
        INVALID,
        "--format",
        "github",
        "--now",
        "2026-11-21",
    ];
    let out = touming(&root(), &args, Some(&summary));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), check_invalid().0.len());
    assert!(stdout.lines().all(|l| annotation_regex().is_match(l)));
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(
        table.contains("| ❌ | `tests/fixtures/invalid/content/agencies.yaml` | 4:7 |"),
        "{table}"
    );
    // From a subfolder, paths are still relative to the repository root.
    let sub = touming(
        &root().join("tests"),
        &["check", "--content", "fixtures/invalid/content", "--format", "json"],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&sub.stdout).unwrap();
    assert!(
        v[0]["file"]
            .as_str()
            .unwrap()
            .starts_with("tests/fixtures/invalid/content/")
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let tmp = tempfile::tempdir().unwrap();
    touming::scaffold::new_site(tmp.path(), "2026-11-21".parse().unwrap()).unwrap();
    std::fs::write(tmp.path().join("content/notes.txt"), "備忘").unwrap();
    let out = touming(tmp.path(), &["check", "--format", "github"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("::warning file=content/notes.txt"), "{stdout}");
    let strict = touming(tmp.path(), &["check", "--format", "github", "--strict"], None);
    assert_eq!(strict.status.code(), Some(1));
}
