//! Walk the content tree and classify every file by its place in the layout.
//!
//! The layout is the contract (CONTENT-MODEL.md "Layout"). A file in the wrong place or
//! with a name that cannot become a URL is reported here, with the rule it breaks.
//! Symbolic links are never followed: content must not reach outside its folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::slug;

/// What a content file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Site,
    Agencies,
    PlatformIndex,
    Section,
    Qa,
    Risks,
    EthicsLog,
    Evaluation,
    Documents,
    Meeting,
    Report,
    Pattern,
    Kpi,
    Page,
}

/// One file to parse.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    /// Path relative to the content root.
    pub rel: PathBuf,
    /// Path as shown in messages.
    pub shown: PathBuf,
    /// File stem (slug, meeting name, period, section name).
    pub name: String,
    pub platform: Option<String>,
    /// The English twin `<name>.en.md`, when present.
    pub twin: Option<PathBuf>,
}

/// A file published with a platform's documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// Path on disk.
    pub path: PathBuf,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Default)]
pub struct Tree {
    pub items: Vec<Item>,
    pub platform_dirs: Vec<String>,
    pub files: BTreeMap<String, BTreeMap<String, FileInfo>>,
}

/// The path shown to users for a file under `root`.
pub fn shown_path(root: &Path, rel: &Path) -> PathBuf {
    root.join(rel)
}

pub fn walk(root: &Path, diags: &mut Diagnostics) -> Tree {
    let mut tree = Tree::default();
    if !root.is_dir() {
        diags.push(Diagnostic::error(
            root,
            None,
            "找不到內容資料夾（content）：請用 --content 指定，或在網站根目錄執行",
        ));
        return tree;
    }
    let mut doc_files: Vec<(String, String, PathBuf)> = Vec::new();
    let entries = WalkDir::new(root).follow_links(false).sort_by_file_name().min_depth(1);
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(root, None, format!("無法讀取資料夾：{e}")));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        let shown = shown_path(root, &rel);
        if entry.path_is_symlink() {
            diags.push(Diagnostic::error(
                &shown,
                None,
                "不可使用符號連結（symlink）：內容必須是資料夾內的實際檔案",
            ));
            continue;
        }
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if entry.file_type().is_dir() {
            classify_dir(&parts, &shown, &mut tree, diags);
            continue;
        }
        if parts.iter().any(|p| p.starts_with('.')) {
            continue; // editor and VCS files (.DS_Store, .gitkeep)
        }
        if !entry.file_type().is_file() {
            diags.push(Diagnostic::error(
                &shown,
                None,
                "不是一般檔案（可能是具名管道、socket 或裝置）：內容必須是資料夾內的實際檔案",
            ));
            continue;
        }
        if parts.len() >= 4 && parts[0] == "platforms" && parts[2] == "files" {
            doc_files.push((parts[1].clone(), parts[2..].join("/"), entry.path().to_path_buf()));
            continue;
        }
        classify_file(root, &parts, rel, shown, &mut tree, diags);
    }
    tree.files = hash_files(doc_files, diags);
    tree
}

fn classify_dir(parts: &[String], shown: &Path, tree: &mut Tree, diags: &mut Diagnostics) {
    if parts.len() == 2 && parts[0] == "platforms" {
        match slug::check(&parts[1]) {
            Ok(()) => tree.platform_dirs.push(parts[1].clone()),
            Err(why) => diags.push(Diagnostic::error(
                shown,
                None,
                format!("平臺資料夾名稱「{}」不能當網址：{why}", parts[1]),
            )),
        }
    }
}

fn classify_file(
    root: &Path,
    parts: &[String],
    rel: PathBuf,
    shown: PathBuf,
    tree: &mut Tree,
    diags: &mut Diagnostics,
) {
    let file = parts.last().map(String::as_str).unwrap_or("");
    if file.ends_with(".en.md") {
        return; // twins are picked up with their Chinese file
    }
    let p: Vec<&str> = parts.iter().map(String::as_str).collect();
    let (kind, name, platform) = match p.as_slice() {
        ["site.yaml"] => (Kind::Site, "site".to_string(), None),
        ["agencies.yaml"] => (Kind::Agencies, "agencies".to_string(), None),
        ["platforms", s, f] => match platform_file(f) {
            Some((k, n)) => (k, n, Some(s.to_string())),
            None => return unknown_file(&shown, diags, PLATFORM_FILES),
        },
        ["platforms", s, "meetings", f] if f.ends_with(".md") => (Kind::Meeting, stem(f), Some(s.to_string())),
        ["platforms", s, "reports", f] if f.ends_with(".md") => (Kind::Report, stem(f), Some(s.to_string())),
        ["patterns", f] if f.ends_with(".md") => (Kind::Pattern, stem(f), None),
        ["kpis", f] if f.ends_with(".yaml") => (Kind::Kpi, stem(f), None),
        ["pages", f] if f.ends_with(".md") => (Kind::Page, stem(f), None),
        _ => return unknown_file(&shown, diags, TOP_FILES),
    };
    let written = name.clone();
    let name = match kind {
        Kind::Meeting => meeting_url_name(name),
        _ => name,
    };
    if let Err(why) = check_name(kind, &name) {
        diags.push(Diagnostic::error(&shown, None, why));
        return;
    }
    if platform.as_ref().is_some_and(|s| slug::check(s).is_err()) {
        return; // the folder was reported already
    }
    let twin = rel.with_file_name(format!("{written}.en.md"));
    let twin = (file.ends_with(".md") && root.join(&twin).is_file()).then_some(twin);
    tree.items.push(Item {
        kind,
        rel,
        shown,
        name,
        platform,
        twin,
    });
}

const PLATFORM_FILES: &str = "index.md、planning.md、progress.md、ethics.md、qa.yaml、risks.yaml、ethics-log.yaml、evaluation.yaml、documents.yaml，以及 files/、meetings/、reports/ 資料夾";
const TOP_FILES: &str = "site.yaml、agencies.yaml、platforms/、patterns/*.md、kpis/<年>.yaml、pages/*.md";

fn platform_file(f: &str) -> Option<(Kind, String)> {
    let kind = match f {
        "index.md" => Kind::PlatformIndex,
        "planning.md" | "progress.md" | "ethics.md" => Kind::Section,
        "qa.yaml" => Kind::Qa,
        "risks.yaml" => Kind::Risks,
        "ethics-log.yaml" => Kind::EthicsLog,
        "evaluation.yaml" => Kind::Evaluation,
        "documents.yaml" => Kind::Documents,
        _ => return None,
    };
    Some((kind, stem(f)))
}

fn unknown_file(shown: &Path, diags: &mut Diagnostics, allowed: &str) {
    diags.push(
        Diagnostic::warning(shown, None, "這個檔案不在內容結構中，不會發布")
            .with_help(format!("這一層可放：{allowed}。檔名是否拼錯？")),
    );
}

/// The URL name of a meeting file. The contract names meeting files `<name>.md`, not
/// `<slug>.md`, and minutes are often saved as `第1次 聯繫會議.md`: such a name gets a
/// stable ASCII one (`m-` and 8 hex digits of its hash) instead of being an error.
fn meeting_url_name(name: String) -> String {
    if slug::check(&name).is_ok() {
        return name;
    }
    let hash = name
        .bytes()
        .fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("m-{hash:08x}")
}

fn stem(f: &str) -> String {
    f.rsplit_once('.').map_or(f, |(s, _)| s).to_string()
}

fn check_name(kind: Kind, name: &str) -> Result<(), String> {
    match kind {
        Kind::Report => {
            if crate::model::period::HalfYear::parse(name).is_some() {
                Ok(())
            } else {
                Err(format!(
                    "成果報告檔名「{name}」不符規定：應為 <西元年>-H1 或 <西元年>-H2，例如 2021-H1.md"
                ))
            }
        }
        Kind::Kpi => match name.parse::<u16>() {
            Ok(y) if (1900..=2200).contains(&y) => Ok(()),
            _ => Err(format!(
                "關鍵績效指標檔名「{name}」不符規定：應為西元年，例如 2018.yaml"
            )),
        },
        Kind::Meeting | Kind::Pattern | Kind::Page => {
            slug::check(name).map_err(|why| format!("檔名「{name}」不能當網址：{why}"))
        }
        _ => Ok(()),
    }
}

fn hash_files(
    files: Vec<(String, String, PathBuf)>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, BTreeMap<String, FileInfo>> {
    let hashed: Vec<_> = files
        .into_par_iter()
        .map(|(slug, rel, path)| {
            let bytes = std::fs::read(&path);
            (slug, rel, path, bytes)
        })
        .collect();
    let mut out: BTreeMap<String, BTreeMap<String, FileInfo>> = BTreeMap::new();
    for (slug, rel, path, bytes) in hashed {
        match bytes {
            Ok(b) => {
                let sha256 = hex(&Sha256::digest(&b));
                let info = FileInfo {
                    path,
                    size: b.len() as u64,
                    sha256,
                };
                out.entry(slug).or_default().insert(rel, info);
            }
            Err(e) => diags.push(Diagnostic::error(&path, None, format!("無法讀取檔案：{e}"))),
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
