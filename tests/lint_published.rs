//! The integrity lints run on what will be published: personal data in a published
//! meeting fails the build with file:line, the same text in a draft does not, the site's
//! own contact points are allowed, and pre-award secrets warn only before award.

mod support;

use std::path::{Path, PathBuf};

use touming::diagnostic::Severity;
use touming::site::{self, BuildOptions};

fn copy_fixture() -> tempfile::TempDir {
    support::copy_fixture("tests/fixtures/valid/content")
}

fn opts(root: &Path) -> BuildOptions {
    support::opts(root.join("content"), root.join("site"))
}

fn append(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join("content").join(rel);
    let mut s = std::fs::read_to_string(&p).unwrap();
    s.push_str(text);
    std::fs::write(&p, s).unwrap();
    p
}

const LEAK: &str = "\n承辦人手機 0912-345-678，身分證 A123456789。\n";

#[test]
fn issue_7_personal_data_in_published_minutes_fails_with_file_and_line() {
    let tmp = copy_fixture();
    let file = append(
        tmp.path(),
        "platforms/danjiang-bridge/meetings/2021-05-11-liaison-4.md",
        LEAK,
    );
    let diags = site::build(&opts(tmp.path())).unwrap_err();
    let errors: Vec<_> = diags.errors().collect();
    assert_eq!(errors.len(), 2, "{diags}");
    assert!(
        errors.iter().all(|d| d.path == file && d.pos.unwrap().line == 18),
        "{diags}"
    );
    assert!(!tmp.path().join("site").exists(), "nothing is published");
}

#[test]
fn issue_7_personal_data_in_a_draft_is_not_published_so_not_an_error() {
    let tmp = copy_fixture();
    append(
        tmp.path(),
        "platforms/danjiang-bridge/meetings/2021-06-01-draft.md",
        LEAK,
    );
    let report = site::build(&opts(tmp.path())).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.warnings.is_empty(), "{}", report.warnings);
}

#[test]
fn issue_7_the_sites_own_contact_points_are_allowed() {
    let tmp = copy_fixture();
    append(
        tmp.path(),
        "pages/about.md",
        "\n陳情專線 02-2720-8889，信箱 ethics@example.gov.tw。\n",
    );
    site::build(&opts(tmp.path())).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn issue_7_base_price_before_award_warns_and_after_award_does_not() {
    let tmp = copy_fixture();
    // taipei-c1d1 reached signing (after selection): no warning there.
    append(
        tmp.path(),
        "platforms/taipei-c1d1/index.md",
        "\n本案底價為新臺幣 606 億元。\n",
    );
    let report = site::build(&opts(tmp.path())).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    // A platform still before award warns, and the build still publishes.
    let idx = tmp.path().join("content/platforms/taipei-c1d1/index.md");
    let s = std::fs::read_to_string(&idx).unwrap().replace(
        "  - stage: solicitation\n    actual: 2018-10-01\n  - stage: signing\n    actual: 2019-06-25\n",
        "",
    );
    std::fs::write(
        &idx,
        s.replace("status: closed\nclosed_on: 2020-10-01\n", "status: active\n"),
    )
    .unwrap();
    let report = site::build(&opts(tmp.path())).unwrap_or_else(|d| panic!("{d}"));
    let w: Vec<_> = report
        .warnings
        .0
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains("底價"))
        .collect();
    assert_eq!(w.len(), 1, "{}", report.warnings);
}

/// A number written twice in one file: acknowledging the first occurrence does not let the
/// second one through, and the second is reported on its own line, not the first's.
#[test]
fn issue_7_a_repeated_value_is_reported_where_each_occurrence_is() {
    let tmp = copy_fixture();
    let file = append(
        tmp.path(),
        "platforms/danjiang-bridge/meetings/2021-05-11-liaison-4.md",
        "\n<!-- touming: allow landline -->\n工務課窗口 02-2960-3456。\n\n另有民眾來電 02-2960-3456 陳情。\n",
    );
    let diags = site::build(&opts(tmp.path())).unwrap_err();
    let errors: Vec<_> = diags.errors().collect();
    assert_eq!(errors.len(), 1, "{diags}");
    assert_eq!(
        (errors[0].path.as_path(), errors[0].pos.unwrap().line),
        (file.as_path(), 21),
        "{diags}"
    );
}
