//! Hostile paths and names: document `file:` paths that try to leave the platform
//! folder, a symlink inside `files/`, look-alike and over-long slugs. Each is an error
//! at the offending line, and nothing outside the content folder is published.

mod hostile_support;

use hostile_support::{Site, error, error_at, listing};

const DOCS: &str = "platforms/danjiang-bridge/documents.yaml";

#[test]
fn document_paths_that_leave_the_platform_folder_are_errors_at_their_line() {
    let site = Site::fixture();
    let entries = [
        ("../taipei-c1d1/index.md", "不可用「..」跳出平臺資料夾"),
        ("files/../../../site.yaml", "不可用「..」跳出平臺資料夾"),
        ("/etc/passwd", "不可使用絕對路徑"),
        ("C:\\\\Windows\\\\win.ini", "不可使用磁碟代號"),
        ("c:/secret.txt", "不可使用磁碟代號"),
        ("files\\\\slides.txt", "請用「/」分隔資料夾"),
        ("\\\\\\\\server\\\\share", "不可使用絕對路徑"),
        ("files/slides\u{200b}.txt", "含有控制字元或不可見字元"),
        ("files/\u{202e}txt.exe", "含有控制字元或不可見字元"),
        ("files/slides.txt\u{feff}", "含有控制字元或不可見字元"),
    ];
    let mut yaml = String::new();
    for (i, (path, _)) in entries.iter().enumerate() {
        yaml.push_str(&format!("- title: 文件{i}\n  file: \"{path}\"\n"));
    }
    site.write(DOCS, yaml);
    let d = site.check();
    for (i, (path, msg)) in entries.iter().enumerate() {
        let line = 2 * i as u32 + 2;
        let e = error_at(&d, DOCS, line, msg);
        assert!(e.message.contains("不允許"), "{path}: {e}");
    }
    assert_eq!(d.errors().count(), entries.len(), "{}", listing(&d));
}

#[test]
fn a_document_path_that_does_not_exist_is_an_error() {
    let site = Site::fixture();
    site.write(
        DOCS,
        "- title: 不存在\n  file: files/missing.pdf\n- title: 同名目錄外\n  file: slides.txt\n",
    );
    let d = site.check();
    error_at(&d, DOCS, 2, "找不到檔案「files/missing.pdf」");
    error_at(&d, DOCS, 4, "檔案要放在平臺資料夾的 files/ 之下");
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_files_pointing_outside_is_an_error_and_never_published() {
    let site = Site::fixture();
    let outside = site.dir.path().join("passwd");
    std::fs::write(&outside, "root:x:0:0:SECRETCANARY\n").unwrap();
    let link = site.path("platforms/danjiang-bridge/files/passwd.txt");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    std::os::unix::fs::symlink("/", site.path("platforms/danjiang-bridge/files/root")).unwrap();
    let mut docs = site.read(DOCS);
    docs.push_str("- title: 連結檔\n  file: files/passwd.txt\n- title: 根目錄\n  file: files/root/etc/passwd\n");
    site.write(DOCS, docs);
    let d = site.check();
    error_at(&d, "files/passwd.txt", 0, "不可使用符號連結");
    error_at(&d, "files/root", 0, "不可使用符號連結");
    error(&d, DOCS, "找不到檔案「files/passwd.txt」");
    error(&d, DOCS, "找不到檔案「files/root/etc/passwd」");
    assert!(site.build().is_err());
    assert!(!site.out().exists(), "a failed build publishes nothing");
}

#[test]
fn a_look_alike_slug_with_a_cyrillic_letter_is_refused() {
    let site = Site::fixture();
    let from = site.path("platforms/taipei-c1d1");
    let to = site.path("platforms/t\u{430}ipei-c1d1"); // Cyrillic а
    std::fs::rename(from, to).unwrap();
    let d = site.check();
    let e = error(&d, "platforms/t\u{430}ipei-c1d1", "不能當網址");
    assert!(e.message.contains("不能有「\u{430}」"), "{e}");
    site.write("pages/\u{430}bout.md", "---\ntitle: 關於\n---\n");
    let d = site.check();
    error(&d, "pages/\u{430}bout.md", "不能當網址");
}

#[test]
fn a_slug_of_65_characters_is_refused_and_64_is_accepted() {
    let site = Site::fixture();
    let long = "a".repeat(65);
    site.write(&format!("pages/{long}.md"), "---\ntitle: 長名稱\n---\n");
    let d = site.check();
    error(&d, &format!("pages/{long}.md"), "最長 64 個字元");
    std::fs::rename(
        site.path("platforms/taipei-c1d1"),
        site.path(&format!("platforms/{long}")),
    )
    .unwrap();
    let d = site.check();
    error(&d, &format!("platforms/{long}"), "最長 64 個字元");

    let site = Site::fixture();
    let ok = "a".repeat(64);
    site.write(&format!("pages/{ok}.md"), "---\ntitle: 長名稱\n---\n");
    site.build_ok();
    assert!(site.out().join(&ok).join("index.html").exists());
}

#[test]
fn upper_case_spaces_and_dots_in_names_are_refused() {
    let site = Site::fixture();
    for name in ["About", "a b", "a.b", "淡江"] {
        site.write(&format!("pages/{name}.md"), "---\ntitle: x\n---\n");
    }
    let d = site.check();
    for name in ["About", "a b", "淡江"] {
        error(&d, &format!("pages/{name}.md"), "不能當網址");
    }
}
