//! Hostile YAML and front matter: alias bombs, deep nesting, unclosed or lone `---`,
//! empty files. Each is a clear error naming the file and line — never a panic, a hang
//! or exhausted memory.

mod hostile_support;

use hostile_support::{Site, error, error_at, listing};

const QA: &str = "platforms/danjiang-bridge/qa.yaml";
const MEETING: &str = "platforms/danjiang-bridge/meetings/2019-05-10-pledge.md";

/// "Billion laughs": nine levels of nine aliases each would expand to 9⁹ strings.
fn alias_bomb() -> String {
    let mut s = String::from(
        "---\ntitle: 座談會\nkind: pledge\ndate: 2019-05-10\nattendees: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        s.push_str(&format!("decisions{i}: &a{i} [{refs}]\n"));
    }
    s.replace("decisions1:", "decisions:") + "---\n紀錄\n"
}

#[test]
fn yaml_alias_bomb_stops_at_the_first_alias_that_does_not_fit() {
    let site = Site::fixture();
    site.write(MEETING, alias_bomb());
    let d = site.check();
    // The deserializer streams: the nested alias is refused where a text is expected,
    // before any expansion.
    error_at(&d, MEETING, 6, "這裡應該是一段文字，卻寫成了清單或對照表");
    assert!(site.build().is_err());
}

#[test]
fn more_aliases_than_the_budget_are_refused() {
    let site = Site::fixture();
    let many = vec!["*a"; 1_500].join(", ");
    let text =
        format!("---\ntitle: 座談會\nkind: pledge\ndate: 2019-05-10\nattendees: [&a 廉政署, {many}]\n---\n紀錄\n");
    site.write(MEETING, text);
    let d = site.check();
    error(
        &d,
        MEETING,
        "YAML 結構過大、過深或別名（alias）過多，為安全起見拒絕讀取",
    );
}

#[test]
fn deeply_nested_flow_sequences_are_refused_without_overflowing_the_stack() {
    let site = Site::fixture();
    let deep = format!("title: {}x{}\n", "[".repeat(1000), "]".repeat(1000));
    site.write("site.yaml", deep);
    let d = site.check();
    let e = error_at(&d, "site.yaml", 1, "這裡應該是一段文字，卻寫成了清單或對照表");
    assert_eq!(e.pos.unwrap().col, 8);
    assert_eq!(d.errors().count(), 1, "no follow-on errors:\n{}", listing(&d));
    let list = format!("- {}x{}\n", "[".repeat(1000), "]".repeat(1000));
    site.write("site.yaml", "title: 測試\n");
    site.write(QA, list);
    let d = site.check();
    // Where a list may stand, the parser's nesting limit refuses it.
    error_at(&d, QA, 1, "YAML 結構過大、過深或別名（alias）過多");
}

#[test]
fn deeply_nested_block_mappings_in_front_matter_stop_at_the_first_unknown_key() {
    let site = Site::fixture();
    let mut fm = String::from("---\ntitle: 關於\n");
    for i in 0..200 {
        fm.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
    }
    fm.push_str("---\n本文\n");
    site.write("pages/about.md", fm);
    let d = site.check();
    error_at(&d, "pages/about.md", 3, "未知的欄位「k0」");
}

#[test]
fn front_matter_without_a_closing_line_is_an_error_at_the_opening_line() {
    let site = Site::fixture();
    site.write(
        MEETING,
        "---\ntitle: 座談會\nkind: pledge\ndate: 2019-05-10\n\n# 壹、主席致詞\n\n宣示如期完成。\n",
    );
    let d = site.check();
    error_at(&d, MEETING, 1, "缺少結尾的「---」");
}

#[test]
fn a_file_that_is_only_three_dashes_is_an_unclosed_front_matter() {
    let site = Site::fixture();
    site.write("pages/about.md", "---\n");
    let d = site.check();
    error_at(&d, "pages/about.md", 1, "缺少結尾的「---」");
    site.write("pages/about.md", "---");
    let d = site.check();
    error_at(&d, "pages/about.md", 1, "缺少結尾的「---」");
}

#[test]
fn an_empty_markdown_file_names_its_missing_required_fields() {
    let site = Site::fixture();
    site.write(MEETING, "");
    let d = site.check();
    for field in ["title", "kind", "date"] {
        error_at(&d, MEETING, 1, &format!("缺少必填欄位「{field}」"));
    }
    site.write("platforms/taipei-c1d1/index.md", "");
    let d = site.check();
    error_at(&d, "taipei-c1d1/index.md", 1, "開頭缺少以「---」包住的前置資料");
}

#[test]
fn an_empty_yaml_file_is_an_empty_list_or_a_missing_title() {
    let site = Site::fixture();
    site.write(QA, "");
    site.build_ok();
    site.write("site.yaml", "");
    let d = site.check();
    error_at(&d, "site.yaml", 1, "缺少必填欄位「title」");
}

#[test]
fn yaml_syntax_errors_in_front_matter_point_at_the_line_of_the_file() {
    let site = Site::fixture();
    let text = site.read(MEETING).replace("kind: pledge", "kind: \"pledge");
    let line = text.lines().position(|l| l.starts_with("kind: \"")).unwrap() as u32 + 1;
    site.write(MEETING, text);
    let d = site.check();
    // Issue 2: the unclosed quote is reported where it opens, not at the next line.
    let e = error(&d, MEETING, "引號沒有成對");
    assert_eq!(e.pos.map(|p| (p.line, p.col)), Some((line, 7)), "{}", listing(&d));
}
