//! Load stage: read the content tree into raw structs.
//!
//! This is the only stage that reads content from disk. It walks `content/`, classifies
//! each file by its place in the layout of CONTENT-MODEL.md, reads and parses files in
//! parallel (rayon), hashes published files, and collects every problem as a
//! [`Diagnostic`] instead of stopping at the first. Meaning (dates, ids, references) is
//! checked later, by [`crate::model`].

pub mod messages;
pub mod raw;
mod repair;
pub mod source;
mod walk;
// `touming serve`: re-parse single files between rebuilds (uses `parse_item` and `place`).
mod reload;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
pub use raw::*;
pub use reload::{Catalog, load_cataloged, reload_file};
pub use source::SourceFile;
pub use walk::{FileInfo, Item, Kind};

/// A parsed file: its source (for positions) and its data.
#[derive(Debug)]
pub struct Doc<T> {
    /// File stem: a platform, meeting, pattern or page slug, or a report period.
    pub name: String,
    pub src: SourceFile,
    pub data: T,
    /// English twin of the Markdown body (`<name>.en.md`), when present.
    pub body_en: Option<SourceFile>,
}

/// A list file (`qa.yaml`, `risks.yaml`, ...).
pub type ListDoc<T> = Doc<Vec<Entry<T>>>;

/// Everything in one platform folder.
#[derive(Debug, Default)]
pub struct RawPlatform {
    pub slug: String,
    pub dir: PathBuf,
    pub index: Option<Doc<PlatformRaw>>,
    /// index.md exists but could not be parsed (already reported).
    pub index_failed: bool,
    pub sections: BTreeMap<String, Doc<SectionRaw>>,
    pub qa: Option<ListDoc<QaRaw>>,
    pub risks: Option<ListDoc<RiskRaw>>,
    pub ethics_log: Option<ListDoc<EthicsRaw>>,
    pub evaluation: Option<ListDoc<EvaluationRaw>>,
    pub documents: Option<ListDoc<DocumentRaw>>,
    pub meetings: Vec<Doc<MeetingRaw>>,
    /// Meetings whose file exists but could not be parsed (already reported): the action
    /// ids they define are unknown, so updates naming them are not reported again.
    pub failed_meetings: std::collections::BTreeSet<String>,
    pub reports: Vec<Doc<ReportRaw>>,
    /// Files under `files/`, by path relative to the platform folder (`files/a.pdf`).
    pub files: BTreeMap<String, FileInfo>,
}

/// The whole content tree, parsed but not yet checked for meaning.
#[derive(Debug, Default)]
pub struct RawContent {
    pub root: PathBuf,
    /// site.yaml / agencies.yaml exist but could not be parsed (already reported).
    pub site_failed: bool,
    pub agencies_failed: bool,
    pub site: Option<Doc<SiteRaw>>,
    pub agencies: Option<ListDoc<AgencyRaw>>,
    pub platforms: Vec<RawPlatform>,
    pub patterns: Vec<Doc<PatternRaw>>,
    pub kpis: Vec<Doc<KpiRaw>>,
    pub pages: Vec<Doc<PageRaw>>,
}

/// Parsed content of one file, before it is put in its place.
#[allow(clippy::large_enum_variant)] // short-lived: each is moved into place once
enum Parsed {
    Site(Box<Doc<SiteRaw>>),
    Agencies(ListDoc<AgencyRaw>),
    Platform(Doc<PlatformRaw>),
    Section(Doc<SectionRaw>),
    Qa(ListDoc<QaRaw>),
    Risks(ListDoc<RiskRaw>),
    Ethics(ListDoc<EthicsRaw>),
    Evaluation(ListDoc<EvaluationRaw>),
    Documents(ListDoc<DocumentRaw>),
    Meeting(Doc<MeetingRaw>),
    Report(Doc<ReportRaw>),
    Pattern(Doc<PatternRaw>),
    Kpi(Doc<KpiRaw>),
    Page(Doc<PageRaw>),
}

/// Read and parse the content tree under `root`. Problems go to `diags`; what could be
/// parsed is returned so later stages can report their problems too.
pub fn load(root: &Path, diags: &mut Diagnostics) -> RawContent {
    let tree = walk::walk(root, diags);
    let results: Vec<ParseResult> = tree.items.par_iter().map(|item| parse_item(root, item)).collect();
    let mut content = RawContent {
        root: root.to_path_buf(),
        ..RawContent::default()
    };
    let mut platforms: BTreeMap<String, RawPlatform> = BTreeMap::new();
    for slug in tree.platform_dirs {
        let dir = root.join("platforms").join(&slug);
        let files = tree.files.get(&slug).cloned().unwrap_or_default();
        platforms.insert(
            slug.clone(),
            RawPlatform {
                slug,
                dir,
                files,
                ..Default::default()
            },
        );
    }
    for (item, result) in tree.items.iter().zip(results) {
        match result {
            Ok((platform, parsed, problems)) => {
                place(&mut content, &mut platforms, platform, parsed);
                problems.into_iter().for_each(|d| diags.push(d));
            }
            Err(problems) => {
                match item.kind {
                    Kind::Site => content.site_failed = true,
                    Kind::Agencies => content.agencies_failed = true,
                    _ => {}
                }
                match (item.kind, item.platform.as_ref().and_then(|s| platforms.get_mut(s))) {
                    (Kind::PlatformIndex, Some(p)) => p.index_failed = true,
                    (Kind::Meeting, Some(p)) => drop(p.failed_meetings.insert(item.name.clone())),
                    _ => {}
                }
                problems.into_iter().for_each(|d| diags.push(d));
            }
        }
    }
    content.platforms = platforms.into_values().collect();
    sort_docs(&mut content);
    content
}

/// The order every later stage relies on: documents by file name (platforms are already
/// in slug order). `load` and `serve`'s reload both end here.
fn sort_docs(c: &mut RawContent) {
    c.platforms.iter_mut().for_each(|p| {
        p.meetings.sort_by(|a, b| a.name.cmp(&b.name));
        p.reports.sort_by(|a, b| a.name.cmp(&b.name));
    });
    c.patterns.sort_by(|a, b| a.name.cmp(&b.name));
    c.kpis.sort_by(|a, b| a.name.cmp(&b.name));
    c.pages.sort_by(|a, b| a.name.cmp(&b.name));
}

fn place(c: &mut RawContent, platforms: &mut BTreeMap<String, RawPlatform>, platform: Option<String>, parsed: Parsed) {
    let p = platform.and_then(|s| platforms.get_mut(&s));
    match (parsed, p) {
        (Parsed::Site(d), _) => c.site = Some(*d),
        (Parsed::Agencies(d), _) => c.agencies = Some(d),
        (Parsed::Pattern(d), _) => c.patterns.push(d),
        (Parsed::Kpi(d), _) => c.kpis.push(d),
        (Parsed::Page(d), _) => c.pages.push(d),
        (Parsed::Platform(d), Some(p)) => p.index = Some(d),
        (Parsed::Section(d), Some(p)) => {
            p.sections.insert(d.name.clone(), d);
        }
        (Parsed::Qa(d), Some(p)) => p.qa = Some(d),
        (Parsed::Risks(d), Some(p)) => p.risks = Some(d),
        (Parsed::Ethics(d), Some(p)) => p.ethics_log = Some(d),
        (Parsed::Evaluation(d), Some(p)) => p.evaluation = Some(d),
        (Parsed::Documents(d), Some(p)) => p.documents = Some(d),
        (Parsed::Meeting(d), Some(p)) => p.meetings.push(d),
        (Parsed::Report(d), Some(p)) => p.reports.push(d),
        (_, None) => {}
    }
}

/// A file's place and data, with the problems found while reading it; or, when it could
/// not be read at all, its problems.
type ParseResult = Result<(Option<String>, Parsed, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Read `src` as `T`: the data (the source keeps the fields left out) and the problems.
fn read<T: serde::de::DeserializeOwned + Default>(
    mut src: SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> Result<(SourceFile, T), Vec<Diagnostic>> {
    let read = src.parse::<T>();
    problems.extend(read.errors);
    match read.data {
        Some(data) => {
            src.blanked = read.blanked;
            src.repaired = read.repaired;
            Ok((src, data))
        }
        None => Err(std::mem::take(problems)),
    }
}

fn parse_item(root: &Path, item: &Item) -> ParseResult {
    let shown = item.shown.clone();
    let text = source::read_text(&root.join(&item.rel), &shown).map_err(|d| vec![d])?;
    let name = item.name.clone();
    let body_en = match &item.twin {
        Some(rel) => {
            let twin_shown = walk::shown_path(root, rel);
            let t = source::read_text(&root.join(rel), &twin_shown).map_err(|d| vec![d])?;
            Some(SourceFile::markdown(twin_shown, t))
        }
        None => None,
    };
    let yaml = || SourceFile::yaml(shown.clone(), text.clone());
    let md = || SourceFile::markdown(shown.clone(), text.clone());
    let platform = item.platform.clone();
    let mut problems = Vec::new();
    macro_rules! doc {
        ($src:expr, $variant:ident) => {{
            let (src, data) = read($src, &mut problems)?;
            Parsed::$variant(Doc {
                name,
                src,
                data,
                body_en,
            })
        }};
    }
    let parsed = match item.kind {
        Kind::Site => {
            let (src, data) = read(yaml(), &mut problems)?;
            Parsed::Site(Box::new(Doc {
                name,
                src,
                data,
                body_en,
            }))
        }
        Kind::Agencies => doc!(yaml(), Agencies),
        Kind::PlatformIndex => doc!(md(), Platform),
        Kind::Section => doc!(md(), Section),
        Kind::Qa => doc!(yaml(), Qa),
        Kind::Risks => doc!(yaml(), Risks),
        Kind::EthicsLog => doc!(yaml(), Ethics),
        Kind::Evaluation => doc!(yaml(), Evaluation),
        Kind::Documents => doc!(yaml(), Documents),
        Kind::Meeting => doc!(md(), Meeting),
        Kind::Report => doc!(md(), Report),
        Kind::Pattern => doc!(md(), Pattern),
        Kind::Kpi => doc!(yaml(), Kpi),
        Kind::Page => doc!(md(), Page),
    };
    Ok((platform, parsed, problems))
}
