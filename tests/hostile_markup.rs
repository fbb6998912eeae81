//! Untrusted markup: raw HTML in Markdown is escaped by default; the opt-in safe subset
//! (`to_html_with(src, true)`) is cleaned by ammonia — no scripts, no `javascript:`
//! links, no event handlers, no styles, no frames — while Markdown still renders.
//! HTML comments (lint acknowledgements) never reach a page.

use touming::render::markdown::{to_html, to_html_with, to_text};

#[test]
fn by_default_raw_html_is_shown_as_text() {
    let h = to_html("會議<script>alert(1)</script>紀錄\n\n<iframe src=\"https://evil.example/\"></iframe>\n");
    assert!(!h.contains("<script"), "{h}");
    assert!(!h.contains("<iframe"), "{h}");
    assert!(h.contains("&lt;script&gt;"), "{h}");
    assert_eq!(to_html_with("<b>x</b>", false), to_html("<b>x</b>"));
}

#[test]
fn allowed_html_removes_script_tags_and_their_content() {
    let h = to_html_with(
        "前文<script>alert('x')</script>後文\n\n<script>\nfetch('/a')\n</script>\n",
        true,
    );
    assert!(!h.contains("script"), "{h}");
    assert!(!h.contains("alert"), "{h}");
    assert!(!h.contains("fetch"), "{h}");
    assert!(h.contains("前文") && h.contains("後文"), "{h}");
}

#[test]
fn allowed_html_removes_javascript_and_data_links() {
    let src = "<a href=\"javascript:alert(1)\">點我</a> <a href=\" JaVaScRiPt:alert(1)\">再點</a> \
               <a href=\"data:text/html,<script>x</script>\">資料</a> [md](javascript:alert(2)) \
               <a href=\"https://www.gov.tw/\" onclick=\"x()\">政府</a> <a href=\"mailto:service@example.gov.tw\">信箱</a> \
               <a href=\"../platforms/\">相對</a>";
    let h = to_html_with(src, true);
    assert!(!h.to_ascii_lowercase().contains("javascript"), "{h}");
    assert!(!h.contains("data:"), "{h}");
    assert!(!h.contains("onclick"), "{h}");
    assert!(h.contains("href=\"https://www.gov.tw/\""), "{h}");
    assert!(h.contains("href=\"mailto:service@example.gov.tw\""), "{h}");
    assert!(h.contains("href=\"../platforms/\""), "{h}");
    assert!(h.contains("點我") && h.contains("md"), "{h}");
}

#[test]
fn allowed_html_strips_event_handlers_and_styles() {
    let src = "<img src=\"x.png\" onerror=\"alert(1)\" alt=\"圖\">\n\n\
               <p style=\"background:url(javascript:x)\" onmouseover=\"x()\">段落</p>\n\n\
               <span class=\"x\" style=\"color:red\">紅字</span> <svg onload=alert(1)></svg>\n";
    let h = to_html_with(src, true);
    for bad in [
        "onerror",
        "onmouseover",
        "onload",
        "style",
        "svg",
        "alert",
        "class=\"x\"",
    ] {
        assert!(!h.contains(bad), "{bad} in {h}");
    }
    assert!(h.contains("<img src=\"x.png\" alt=\"圖\">"), "{h}");
    assert!(h.contains("段落") && h.contains("<span>紅字</span>"), "{h}");
}

#[test]
fn allowed_html_drops_frames_objects_and_forms_but_keeps_the_safe_subset() {
    let src = "<iframe src=\"https://evil.example/\"></iframe><object data=\"x\"></object>\
               <embed src=\"x\"><form action=\"https://evil.example/\"><input type=\"text\" name=\"q\"></form>\
               <base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0\">\n\n\
               <table><thead><tr><th>項目</th></tr></thead><tbody><tr><td>H<sub>2</sub>O、10<sup>3</sup></td></tr></tbody></table>\n\n\
               <abbr title=\"政府採購法\">採購法</abbr><ul><li><strong>一</strong></li><li><em>二</em></li></ul><br>\n";
    let h = to_html_with(src, true);
    for bad in [
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "type=\"text\"",
        "<base",
        "<meta",
    ] {
        assert!(!h.contains(bad), "{bad} in {h}");
    }
    for good in [
        "<table>",
        "<th>項目</th>",
        "<sub>2</sub>",
        "<sup>3</sup>",
        "<abbr title=\"政府採購法\">採購法</abbr>",
        "<li><strong>一</strong></li>",
        "<br>",
    ] {
        assert!(h.contains(good), "{good} missing in {h}");
    }
}

#[test]
fn markdown_still_renders_when_html_is_allowed() {
    let src = "# 標題\n\n| 項目 | 件數 |\n|---|---|\n| 疑義 | 3 |\n\n- [x] 完成\n\n註[^1]\n\n[^1]: 說明\n\n```\ncode <b>\n```\n";
    let h = to_html_with(src, true);
    assert!(h.contains("<h1>標題</h1>"), "{h}");
    assert!(h.contains("<td>疑義</td>"), "{h}");
    assert!(h.contains("type=\"checkbox\""), "{h}");
    assert!(h.contains("footnote-reference"), "{h}");
    assert!(h.contains("code &lt;b&gt;"), "{h}");
}

#[test]
fn html_comments_are_dropped_not_shown() {
    let src = "<!-- touming: allow personal-data -->\n聯絡電話如下。\n\n段落 <!-- 內部備註 --> 結束\n\n<!--\n多行\n備註\n-->\n\n尾段\n";
    for h in [to_html(src), to_html_with(src, true)] {
        assert!(!h.contains("touming"), "{h}");
        assert!(!h.contains("內部備註"), "{h}");
        assert!(!h.contains("多行"), "{h}");
        assert!(
            h.contains("聯絡電話如下") && h.contains("結束") && h.contains("尾段"),
            "{h}"
        );
    }
    assert!(!to_text(src).contains("touming"));
    let not_comment = to_html("<!-- a --> <b>x</b>");
    assert!(not_comment.contains("&lt;b&gt;"), "{not_comment}");
}

/// Every page of a built site carries the theme's strict CSP and nothing it would have
/// to allow: no inline script (JSON-LD data aside), no `style` attribute, no `on*`
/// handler — even with the fixture's `<script>` in Markdown.
#[test]
fn every_page_carries_the_strict_csp_and_no_inline_script_style_or_handler() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let opts = touming::site::BuildOptions {
        content: "tests/fixtures/valid/content".into(),
        out: out.clone(),
        now: "2026-11-21".parse().unwrap(),
        base_url: None,
        drafts: false,
        history: false,
    };
    touming::site::build(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    let csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
    let handler = |h: &str| {
        h.match_indices(" on").any(|(i, _)| {
            h[i + 3..].chars().take_while(|c| c.is_ascii_lowercase()).count() > 2
                && h[i + 3..]
                    .trim_start_matches(|c: char| c.is_ascii_lowercase())
                    .starts_with("=\"")
        })
    };
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let h = std::fs::read_to_string(e.path()).unwrap();
        let p = e.path().display();
        assert!(h.contains(csp), "{p}: no strict CSP");
        for (i, _) in h.match_indices("<script") {
            let tag = &h[i..i + h[i..].find('>').unwrap()];
            assert!(
                tag.contains(" src=") || tag.contains("application/ld+json"),
                "{p}: inline {tag}"
            );
        }
        assert!(!h.contains(" style=\""), "{p}: style attribute");
        assert!(!handler(&h), "{p}: event handler attribute");
        assert!(!h.contains("<script>alert"), "{p}: Markdown script leaked");
    }
    assert!(pages > 10);
}
