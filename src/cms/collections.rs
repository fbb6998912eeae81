//! The collections of the editor, built from the content tree: settings, platforms,
//! one meetings collection and one data-files collection per platform, reports, pages,
//! risk patterns and KPIs.

use serde::Serialize;

use super::fields::{Field, root_list, supports_root_lists};
use super::{App, CmsOptions, schema};
use crate::content::{RawContent, RawPlatform};
use crate::model::vocab::{CaseType, Track};

/// A CMS collection: a folder of entries, or a list of named files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Collection {
    pub name: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_singular: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier_field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sortable_fields: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// One file of a files collection.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub name: String,
    pub label: String,
    pub file: String,
    pub fields: Vec<Field>,
}

/// `(id, name)` of every agency, for select fields.
fn agencies(raw: &RawContent) -> Vec<(String, String)> {
    raw.agencies
        .iter()
        .flat_map(|doc| doc.data.iter())
        .filter_map(|a| {
            let id = a.value.id.as_ref()?.value.trim().to_string();
            let name = a.value.name.as_ref().map_or(id.clone(), |n| n.value.clone());
            Some((id, name))
        })
        .collect()
}

/// New entries need an ASCII file name typed by the editor: Sveltia's slug editor.
/// Decap cannot make one from a Chinese title, so there new entries are made in git.
fn typed_slug(app: App) -> (Option<bool>, Option<String>) {
    match app {
        App::Sveltia => (Some(true), Some("{{fields._slug}}".into())),
        App::Decap => (Some(false), None),
    }
}

/// Every collection, in sidebar order.
pub fn all(raw: &RawContent, opts: &CmsOptions) -> Vec<Collection> {
    let agencies = agencies(raw);
    let mut out = vec![settings(raw, opts), platforms(opts, &agencies)];
    for p in &raw.platforms {
        out.push(meetings(p, opts));
        out.extend(data_files(p, opts));
        out.extend(reports(p, opts));
    }
    out.push(markdown_folder("pages", "自由頁面 Pages", "頁面", opts, schema::page()));
    out.push(markdown_folder(
        "patterns",
        "弊端態樣 Risk patterns",
        "態樣",
        opts,
        schema::pattern(&agencies),
    ));
    out.push(kpis(opts));
    if opts.app == App::Decap {
        for c in &mut out {
            super::fields::adjust_for_decap(&mut c.fields);
            c.files
                .iter_mut()
                .for_each(|f| super::fields::adjust_for_decap(&mut f.fields));
        }
    }
    out
}

/// site.yaml and (Sveltia) agencies.yaml.
fn settings(raw: &RawContent, opts: &CmsOptions) -> Collection {
    let c = &opts.content_dir;
    let mut files = vec![FileEntry {
        name: "site".into(),
        label: "網站設定 site.yaml".into(),
        file: format!("{c}/site.yaml"),
        fields: schema::site(),
    }];
    if supports_root_lists(opts.app) && raw.agencies.is_some() {
        files.push(FileEntry {
            name: "agencies".into(),
            label: "機關清單 agencies.yaml".into(),
            file: format!("{c}/agencies.yaml"),
            fields: vec![root_list(
                "機關 Agencies",
                "",
                "{{fields.id}} {{fields.name}}",
                schema::agency(),
            )],
        });
    }
    Collection {
        name: "settings".into(),
        label: "網站設定與機關 Settings".into(),
        files,
        ..Collection::default()
    }
}

/// Every `platforms/<slug>/index.md`.
fn platforms(opts: &CmsOptions, agencies: &[(String, String)]) -> Collection {
    let (create, slug) = typed_slug(opts.app);
    Collection {
        name: "platforms".into(),
        label: "廉政平臺 Platforms".into(),
        label_singular: Some("廉政平臺".into()),
        description: Some(
            "每個平臺的首頁 index.md；資料夾名稱（網址）只能用小寫英文、數字與 -，上線後請勿更改。".into(),
        ),
        folder: Some(format!("{}/platforms", opts.content_dir)),
        path: Some("{{slug}}/index".into()),
        create,
        delete: Some(false),
        slug,
        summary: Some("{{title}}".into()),
        sortable_fields: vec!["title", "established"],
        fields: schema::platform(agencies),
        ..Collection::default()
    }
}

/// The platform's title, or its slug when index.md could not be read.
fn title(p: &RawPlatform) -> String {
    p.index
        .as_ref()
        .and_then(|d| d.data.title.as_ref())
        .map_or_else(|| p.slug.clone(), |t| t.value.trim().to_string())
}

/// `platforms/<slug>/meetings/`: new files are named `<date>-<kind>.md`.
fn meetings(p: &RawPlatform, opts: &CmsOptions) -> Collection {
    Collection {
        name: format!("meetings-{}", p.slug),
        label: format!("會議：{}", title(p)),
        label_singular: Some("會議".into()),
        folder: Some(format!("{}/platforms/{}/meetings", opts.content_dir, p.slug)),
        create: Some(true),
        slug: Some("{{fields.date}}-{{fields.kind}}".into()),
        summary: Some("{{date}} {{title}}".into()),
        sortable_fields: vec!["date", "title"],
        fields: schema::meeting(&opts.content_dir, &p.slug),
        ..Collection::default()
    }
}

/// The platform's other files that exist: sections and (Sveltia) the YAML lists.
fn data_files(p: &RawPlatform, opts: &CmsOptions) -> Option<Collection> {
    let base = format!("{}/platforms/{}", opts.content_dir, p.slug);
    let mut files: Vec<FileEntry> = [
        ("planning", "規劃過程 planning.md"),
        ("progress", "辦理進度 progress.md"),
        ("ethics", "廉政倫理規範宣導 ethics.md"),
    ]
    .into_iter()
    .filter(|(key, _)| p.sections.contains_key(*key))
    .map(|(key, label)| FileEntry {
        name: key.into(),
        label: label.into(),
        file: format!("{base}/{key}.md"),
        fields: schema::section(label),
    })
    .collect();
    if supports_root_lists(opts.app) {
        files.extend(list_files(p, &base, opts));
    }
    (!files.is_empty()).then(|| Collection {
        name: format!("data-{}", p.slug),
        label: format!("平臺資料：{}", title(p)),
        files,
        ..Collection::default()
    })
}

/// The case type's track, when index.md names a valid one.
fn track(p: &RawPlatform) -> Option<Track> {
    let case_type = p.index.as_ref()?.data.case_type.as_ref()?;
    CaseType::parse(&case_type.value).map(CaseType::track)
}

/// qa.yaml, risks.yaml, ethics-log.yaml, evaluation.yaml, documents.yaml, when present.
fn list_files(p: &RawPlatform, base: &str, opts: &CmsOptions) -> Vec<FileEntry> {
    let mut out = vec![];
    let mut add = |exists: bool, name: &str, label: &str, summary: &str, fields| {
        if exists {
            out.push(FileEntry {
                name: name.into(),
                label: label.into(),
                file: format!("{base}/{name}.yaml"),
                fields: vec![root_list(label, "", summary, fields)],
            });
        }
    };
    add(p.qa.is_some(), "qa", "案件釋疑 qa.yaml", "{{fields.q}}", schema::qa());
    let (risk, risks) = ("{{fields.id}} {{fields.risk}}", schema::risk(track(p)));
    add(p.risks.is_some(), "risks", "廉政風險查檢表 risks.yaml", risk, risks);
    let ethics = "廉政倫理事件登錄 ethics-log.yaml";
    add(
        p.ethics_log.is_some(),
        "ethics-log",
        ethics,
        "{{fields.period}}",
        schema::ethics_entry(),
    );
    let evaluation = schema::evaluation_entry();
    add(
        p.evaluation.is_some(),
        "evaluation",
        "效益評估 evaluation.yaml",
        "{{fields.metric}}",
        evaluation,
    );
    let documents = schema::document(&opts.content_dir, &p.slug);
    add(
        p.documents.is_some(),
        "documents",
        "公開文件 documents.yaml",
        "{{fields.title}}",
        documents,
    );
    out
}

/// `platforms/<slug>/reports/`: existing reports only (the file name is the period,
/// `2021-H1`, which a CMS slug would lower-case).
fn reports(p: &RawPlatform, opts: &CmsOptions) -> Option<Collection> {
    use super::fields::{date, markdown, string};
    if p.reports.is_empty() {
        return None;
    }
    let mut fields = vec![
        string("period", "期間 Period", "須與檔名相同，例：2021-H1"),
        date("submitted", "提報日期 Submitted", ""),
        string("title", "報告標題 Title", ""),
        string("title_en", "報告標題（英文）", ""),
    ];
    fields.extend(super::fields::visibility(true));
    fields.push(markdown("body", "報告內容 Report", ""));
    Some(Collection {
        name: format!("reports-{}", p.slug),
        label: format!("成果報告：{}", title(p)),
        folder: Some(format!("{}/platforms/{}/reports", opts.content_dir, p.slug)),
        create: Some(false),
        delete: Some(false),
        fields,
        ..Collection::default()
    })
}

/// A folder of Markdown files whose names the editor types (pages, patterns).
fn markdown_folder(dir: &str, label: &str, singular: &str, opts: &CmsOptions, fields: Vec<Field>) -> Collection {
    let (create, slug) = typed_slug(opts.app);
    Collection {
        name: dir.into(),
        label: label.into(),
        label_singular: Some(singular.into()),
        folder: Some(format!("{}/{dir}", opts.content_dir)),
        create,
        slug,
        summary: Some("{{title}}".into()),
        fields,
        ..Collection::default()
    }
}

/// `kpis/<year>.yaml`, named after the `year` field.
fn kpis(opts: &CmsOptions) -> Collection {
    Collection {
        name: "kpis".into(),
        label: "關鍵績效指標 KPIs".into(),
        label_singular: Some("年度指標".into()),
        folder: Some(format!("{}/kpis", opts.content_dir)),
        extension: Some("yaml"),
        format: Some("yaml"),
        create: Some(true),
        slug: Some("{{fields.year}}".into()),
        identifier_field: Some("organization"),
        summary: Some("{{year}} {{organization}}".into()),
        fields: schema::kpi(),
        ..Collection::default()
    }
}
