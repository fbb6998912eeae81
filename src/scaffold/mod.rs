//! `touming new`: start a site, a platform or a meeting from a commented template.
//!
//! Generated files hold every field of the contract (optional ones commented out, with
//! the allowed values from [`crate::model::vocab`]) and pass `touming check` as
//! generated. Nothing is ever overwritten: files are created with `create_new`, and a
//! site or platform whose folder already exists is refused. Errors are Chinese sentences
//! for agency staff; `main` prints them.

pub mod contract;
pub mod render;

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::slug;
use crate::model::vocab::{CaseType, MeetingKind};
pub use render::{MeetingValues, PlatformValues};

/// The agency, platform and meeting of a new site.
pub const SAMPLE_AGENCY: &str = "example-agency";
pub const SAMPLE_PLATFORM: &str = "example-platform";

/// Create `path` with `text`; an existing file is an error, never overwritten.
fn create(path: &Path, text: &str) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("無法建立資料夾 {}：{e}", dir.display()))?;
    }
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{} 已經存在，touming 不會覆寫既有檔案", path.display())
            }
            _ => format!("無法建立 {}：{e}", path.display()),
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| format!("無法寫入 {}：{e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// `touming new site <dir>`: `<dir>/content/` with site.yaml, agencies.yaml (one agency),
/// one platform with one liaison meeting, and pages/about.md.
pub fn new_site(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, String> {
    let content = dir.join("content");
    if content.exists() {
        return Err(format!(
            "{} 已經存在：請換一個新的資料夾，touming 不會覆寫既有內容",
            content.display()
        ));
    }
    let mut files = vec![
        create(&content.join("site.yaml"), &render::site_yaml())?,
        create(&content.join("agencies.yaml"), &render::agencies_yaml(SAMPLE_AGENCY))?,
        create(&content.join("pages/about.md"), &render::about_page())?,
    ];
    let platform = PlatformOptions {
        slug: SAMPLE_PLATFORM.into(),
        agency: Some(SAMPLE_AGENCY.into()),
        case_type: "procurement".into(),
        title: Some("範例廉政平臺".into()),
        today,
    };
    files.extend(new_platform(&content, &platform)?);
    let meeting = MeetingOptions {
        platform: SAMPLE_PLATFORM.into(),
        kind: "liaison".into(),
        date: today,
        title: None,
    };
    files.push(new_meeting(&content, &meeting)?);
    files.push(create(&dir.join(".gitignore"), "/site/\n/preview/\n")?);
    Ok(files)
}

/// What `touming new platform` was asked for.
#[derive(Debug, Clone)]
pub struct PlatformOptions {
    pub slug: String,
    /// An agency id; `None` takes the first agency of agencies.yaml.
    pub agency: Option<String>,
    /// A case type code (`procurement` …).
    pub case_type: String,
    pub title: Option<String>,
    /// The `established` date written into the template.
    pub today: NaiveDate,
}

/// `touming new platform <slug>`: `platforms/<slug>/index.md`, and the optional list
/// files (`qa.yaml`, `risks.yaml` …) as empty lists with a commented example, so every
/// file of a platform is there to fill in (and to edit in the web editor).
pub fn new_platform(content: &Path, o: &PlatformOptions) -> Result<Vec<PathBuf>, String> {
    slug::check(&o.slug).map_err(|e| format!("平臺代碼「{}」不能當網址：{e}", o.slug))?;
    let case_type = CaseType::parse(&o.case_type)
        .ok_or_else(|| format!("案件類型「{}」不存在；可用：{}", o.case_type, CaseType::allowed()))?;
    let agency = pick_agency(content, o.agency.as_deref())?;
    let dir = content.join("platforms").join(&o.slug);
    if dir.exists() {
        return Err(format!(
            "平臺資料夾 {} 已經存在，touming 不會覆寫既有內容",
            dir.display()
        ));
    }
    let values = PlatformValues {
        title: o.title.clone().unwrap_or_else(|| "新廉政平臺".into()),
        agency,
        case_type,
        established: o.today,
    };
    let mut files = vec![create(&dir.join("index.md"), &render::platform_index(&values))?];
    for (name, template) in render::LIST_FILES {
        let text = render::list_file(template, case_type, o.today);
        files.push(create(&dir.join(name), &text)?);
    }
    Ok(files)
}

/// The agency ids of `agencies.yaml`, in order.
fn agency_ids(content: &Path) -> Result<Vec<String>, String> {
    let path = content.join("agencies.yaml");
    let text = std::fs::read_to_string(&path).map_err(|_| {
        format!(
            "找不到 {}：請先建立機關清單（或用 touming new site 建立新網站）",
            path.display()
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let list: Vec<serde_json::Value> =
        serde_saphyr::from_str(text).map_err(|_| format!("{} 有語法錯誤，請先執行 touming check", path.display()))?;
    Ok(list
        .iter()
        .filter_map(|a| a.get("id")?.as_str().map(str::to_string))
        .collect())
}

/// The agency to write: the one asked for (it must exist), else the first one.
fn pick_agency(content: &Path, wanted: Option<&str>) -> Result<String, String> {
    let ids = agency_ids(content)?;
    match wanted {
        Some(id) if ids.iter().any(|i| i == id) => Ok(id.to_string()),
        Some(id) => Err(format!(
            "機關代碼「{id}」不在 agencies.yaml 中；已有的代碼：{}。請先在 agencies.yaml 新增這個機關",
            if ids.is_empty() {
                "（無）".into()
            } else {
                ids.join("、")
            }
        )),
        None => ids
            .into_iter()
            .next()
            .ok_or_else(|| "agencies.yaml 裡還沒有任何機關，請先新增一個".to_string()),
    }
}

/// What `touming new meeting` was asked for.
#[derive(Debug, Clone)]
pub struct MeetingOptions {
    pub platform: String,
    /// A meeting kind code (`liaison` …).
    pub kind: String,
    pub date: NaiveDate,
    pub title: Option<String>,
}

/// `touming new meeting <platform>`: `meetings/<date>-<kind>-<n>.md`, `n` one more than
/// the highest number of that kind so far (an unnumbered `<date>-<kind>.md` counts as 1).
pub fn new_meeting(content: &Path, o: &MeetingOptions) -> Result<PathBuf, String> {
    let kind = MeetingKind::parse(&o.kind)
        .ok_or_else(|| format!("會議類別「{}」不存在；可用：{}", o.kind, MeetingKind::allowed()))?;
    let dir = content.join("platforms").join(&o.platform);
    if !dir.join("index.md").is_file() {
        return Err(format!(
            "找不到平臺 {}（{} 不存在）；請確認平臺代碼，或先用 touming new platform 建立",
            o.platform,
            dir.join("index.md").display()
        ));
    }
    let meetings = dir.join("meetings");
    let n = next_number(&meeting_stems(&meetings), kind.code());
    let name = format!("{}-{}-{n}", o.date, kind.code());
    let values = MeetingValues {
        title: o.title.clone().unwrap_or_else(|| render::meeting_title(kind, n).0),
        name: name.clone(),
        kind,
        date: o.date,
        n,
    };
    create(&meetings.join(format!("{name}.md")), &render::meeting_file(&values))
}

/// Stems of the meeting files in `dir` (English twins `*.en.md` excluded).
fn meeting_stems(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
        .filter(|n| !n.ends_with(".en"))
        .collect()
}

/// One more than the highest `n` among `<date>-<kind>-<n>` stems (`<date>-<kind>` is 1).
pub fn next_number(stems: &[String], kind: &str) -> u32 {
    stems
        .iter()
        .filter_map(|stem| {
            let rest = stem.get(11..)?;
            let is_date = stem.get(..11).is_some_and(|d| {
                d.len() == 11 && d.ends_with('-') && NaiveDate::parse_from_str(&d[..10], "%Y-%m-%d").is_ok()
            });
            if !is_date {
                return None;
            }
            if rest == kind {
                return Some(1);
            }
            rest.strip_prefix(kind)?.strip_prefix('-')?.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
mod tests {
    use super::next_number;

    #[test]
    fn next_number_counts_per_kind() {
        let stems: Vec<String> = [
            "2021-05-11-liaison-4",
            "2020-01-02-liaison-3",
            "2019-05-10-pledge",
            "2021-06-01-briefing-7",
            "notes-liaison-9",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(next_number(&stems, "liaison"), 5);
        assert_eq!(next_number(&stems, "pledge"), 2);
        assert_eq!(next_number(&stems, "training"), 1);
    }
}
