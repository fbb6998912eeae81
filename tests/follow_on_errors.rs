//! Issue 7: one broken file gives one error. A meeting whose front matter cannot be parsed
//! is reported once; the later meetings' `action_updates` naming the action ids it defines
//! are not reported as unknown ids on top of it (the ids may well be in the broken file).

use std::path::Path;

mod support;

use support::copy_tree;
use touming::site;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/leaks/content");

fn check(content: &Path) -> String {
    site::check(&support::opts(content, content.with_file_name("site"))).to_string()
}

#[test]
fn issue7_a_broken_meeting_is_one_error_not_a_cascade() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(Path::new(FIXTURE), &content);
    let meeting = content.join("platforms/xinyi-depot/meetings/2026-06-15-liaison-1.md");
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(
        &meeting,
        text.replace("date: 2026-06-15\n", "date: 2026-06-15\n  bad: [unclosed\n"),
    )
    .unwrap();
    let out = check(&content);
    assert_eq!(out.matches(": error: ").count(), 1, "{out}");
    assert!(
        out.contains("2026-06-15-liaison-1.md:5:6: error: YAML 語法錯誤"),
        "{out}"
    );
    assert!(!out.contains("找不到對應的列管事項"), "{out}");
}

#[test]
fn issue7_an_unknown_action_id_is_still_an_error_when_every_meeting_parses() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(Path::new(FIXTURE), &content);
    let meeting = content.join("platforms/xinyi-depot/meetings/2026-11-01-liaison-2.md");
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, text.replacen("  - id: A1\n", "  - id: A9\n", 1)).unwrap();
    let out = check(&content);
    assert_eq!(out.matches(": error: ").count(), 1, "{out}");
    assert!(
        out.contains("2026-11-01-liaison-2.md:6:9: error: action_updates 的編號「A9」找不到對應的列管事項"),
        "{out}"
    );
}

/// Issue 2: reading on past a value of the wrong shape reports the rest of the file, but
/// what the skipped lines may define (an action, an agency) does not turn references to
/// it into errors.
#[test]
fn issue_2_reading_on_past_a_wrong_shape_makes_no_cascade() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(Path::new(FIXTURE), &content);
    let meeting = content.join("platforms/xinyi-depot/meetings/2026-06-15-liaison-1.md");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let text = text.replacen("  - id: A1\n", "  - id: [A1]\n", 1).replacen(
        "    due: 2026-07-15\n",
        "    due: 2026-02-30\n",
        1,
    );
    std::fs::write(&meeting, text).unwrap();
    let agencies = content.join("agencies.yaml");
    let text = std::fs::read_to_string(&agencies).unwrap();
    std::fs::write(&agencies, text.replacen("- id: dorts\n", "- id: [dorts]\n", 1)).unwrap();
    let out = check(&content);
    assert!(
        out.contains("2026-06-15-liaison-1.md:11:9: error: 這裡應該是一段文字"),
        "{out}"
    );
    assert!(
        out.contains("2026-06-15-liaison-1.md:14:10: error: 欄位「due」：日期 2026-02-30 不存在"),
        "{out}"
    );
    assert!(out.contains("agencies.yaml:1:7: error: 這裡應該是一段文字"), "{out}");
    assert_eq!(out.matches(": error: ").count(), 3, "{out}");
}

/// A block scalar (`participants: |`) where a list belongs is one error: the whole block
/// is skipped, not only its first line (which left a YAML "wrongly indented line in block
/// scalar" error behind on the next line of the block).
#[test]
fn issue_3_a_block_scalar_of_the_wrong_shape_is_one_error() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blind2/content")),
        &content,
    );
    let index = content.join("platforms/market-rebuild/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let list = "participants:\n  - 臺灣新北地方檢察署\n  - 行政院公共工程委員會\n  - 得標廠商\n";
    assert!(text.contains(list));
    let block = "participants: |\n  臺灣新北地方檢察署\n  行政院公共工程委員會\n  得標廠商\n";
    std::fs::write(&index, text.replace(list, block)).unwrap();
    let out = check(&content);
    assert_eq!(out.matches(": error: ").count(), 1, "{out}");
    assert!(out.contains("market-rebuild/index.md:11:3: error: "), "{out}");
    assert!(!out.contains("YAML 語法錯誤"), "{out}");
}
