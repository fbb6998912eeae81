//! Hostile files: too large, not UTF-8, NUL bytes, BOMs, CRLF line endings, a very long
//! body, symlinks and named pipes. Errors name the file and line; what must build,
//! builds; nothing hangs.

mod hostile_support;

use hostile_support::{Site, error, error_at, listing};

const MEETING: &str = "platforms/danjiang-bridge/meetings/2019-05-10-pledge.md";

#[test]
fn a_file_over_the_8_mib_limit_is_refused_by_size() {
    let site = Site::fixture();
    let mut big = String::from("---\ntitle: 大檔案\n---\n");
    let line = "本段為測試用之重複內文，用以超過檔案大小上限。\n";
    while big.len() <= 8 * 1024 * 1024 {
        big.push_str(line);
    }
    site.write("pages/huge.md", &big);
    let d = site.check();
    let e = error_at(&d, "pages/huge.md", 0, "檔案過大");
    assert!(e.message.contains("上限 8388608 bytes"), "{e}");
}

#[test]
fn invalid_utf8_is_an_error_at_its_line_and_column() {
    let site = Site::fixture();
    let mut bytes = site.read(MEETING).into_bytes();
    let at = bytes.windows(6).position(|w| w == "處長".as_bytes()).unwrap();
    bytes.splice(at..at, [0xff, 0xfe]);
    site.write(MEETING, &bytes);
    let d = site.check();
    let e = error_at(&d, MEETING, 5, "檔案不是 UTF-8 編碼");
    assert_eq!(e.pos.unwrap().col, 8, "after `chair: `: {e}");
    // Big5, the other encoding agencies' files come in.
    site.write(
        "pages/about.md",
        [b"---\ntitle: ".as_slice(), &[0xc3, 0xf6, 0xa9, 0xf3], b"\n---\n"].concat(),
    );
    let d = site.check();
    error_at(&d, "pages/about.md", 2, "檔案不是 UTF-8 編碼");
}

#[test]
fn nul_bytes_are_an_error_at_their_line() {
    let site = Site::fixture();
    let text = site.read(MEETING);
    let line = text.lines().position(|l| l.contains("宣示如期")).unwrap() as u32 + 1;
    site.write(MEETING, text.replace("宣示如期", "宣示\0如期"));
    let d = site.check();
    let e = error_at(&d, MEETING, line, "檔案含有 NUL 字元");
    assert_eq!(e.pos.unwrap().col, 3, "{e}");
}

#[test]
fn a_bom_at_the_start_of_yaml_and_markdown_builds_and_keeps_positions() {
    let site = Site::fixture();
    for rel in [
        "site.yaml",
        "platforms/danjiang-bridge/qa.yaml",
        MEETING,
        "pages/about.md",
    ] {
        site.write(rel, format!("\u{feff}{}", site.read(rel)));
    }
    site.build_ok();
    let html = std::fs::read_to_string(site.out().join("about/index.html")).unwrap();
    assert!(!html.contains('\u{feff}'), "BOM leaked into the page");
    site.write("site.yaml", "\u{feff}titl: 測試\n");
    let d = site.check();
    let e = error_at(&d, "site.yaml", 1, "未知的欄位「titl」");
    assert_eq!(e.pos.unwrap().col, 1, "{e}");
}

#[test]
fn crlf_line_endings_everywhere_build_and_keep_positions() {
    let site = Site::fixture();
    for e in walkdir::WalkDir::new(&site.content) {
        let e = e.unwrap();
        let p = e.path();
        if p.extension().is_some_and(|x| x == "md" || x == "yaml") {
            let text = std::fs::read_to_string(p).unwrap().replace('\n', "\r\n");
            std::fs::write(p, text).unwrap();
        }
    }
    site.build_ok();
    let api = std::fs::read_to_string(site.out().join("api/v1/platforms/danjiang-bridge.json")).unwrap();
    assert!(api.contains("淡江大橋廉政平臺"));
    let bad = site.read(MEETING).replace("date: 2019-05-10", "date: 2019-02-30");
    site.write(MEETING, bad);
    let d = site.check();
    let e = error_at(&d, MEETING, 4, "date");
    assert_eq!(e.pos.unwrap().col, 7, "{}", listing(&d));
}

#[test]
fn a_ten_thousand_line_markdown_body_builds_in_bounded_time() {
    let site = Site::fixture();
    let mut body = String::from("---\ntitle: 長篇紀錄\n---\n");
    for i in 0..10_000 {
        body.push_str(&format!(
            "第 {i} 行：會議紀錄內容，含 **粗體**、[連結](https://www.gov.tw/) 與表格符號 |。\n"
        ));
    }
    site.write("pages/long.md", body);
    site.build_ok();
    let html = std::fs::read_to_string(site.out().join("long/index.html")).unwrap();
    assert!(html.contains("第 9999 行"));
}

#[cfg(unix)]
#[test]
fn a_symlink_pointing_outside_the_content_folder_is_an_error() {
    let site = Site::fixture();
    let outside = site.dir.path().join("secret.md");
    std::fs::write(&outside, "---\ntitle: SECRETCANARY\n---\nSECRETCANARY\n").unwrap();
    std::os::unix::fs::symlink(&outside, site.path("pages/secret.md")).unwrap();
    std::os::unix::fs::symlink("/etc", site.path("pages/etc")).unwrap();
    let d = site.check();
    error_at(&d, "pages/secret.md", 0, "不可使用符號連結");
    error_at(&d, "pages/etc", 0, "不可使用符號連結");
    assert!(site.build().is_err());
    assert!(!site.out().exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_english_twin_is_not_read() {
    let site = Site::fixture();
    let outside = site.dir.path().join("secret.md");
    std::fs::write(&outside, "SECRETCANARY\n").unwrap();
    std::os::unix::fs::symlink(&outside, site.path("pages/about.en.md")).unwrap();
    let d = site.check();
    error(&d, "pages/about.en.md", "符號連結");
    assert!(site.build().is_err());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_content_is_refused_instead_of_blocking_the_build() {
    let site = Site::fixture();
    for rel in ["pages/pipe.md", "platforms/danjiang-bridge/files/pipe.pdf"] {
        let p = std::ffi::CString::new(site.path(rel).to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo does not keep it.
        assert_eq!(unsafe { libc::mkfifo(p.as_ptr(), 0o644) }, 0);
    }
    let d = site.check();
    error_at(&d, "pages/pipe.md", 0, "不是一般檔案");
    error_at(&d, "files/pipe.pdf", 0, "不是一般檔案");
}
