//! The domain types. They serialize (for templates) but are not the public API: the
//! API's field names are fixed in [`crate::export`].

use chrono::NaiveDate;
use serde::Serialize;

use super::amount::Amount;
use super::period::HalfYear;
use super::vocab::*;

/// A text with its optional English twin (`x` / `x_en`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: Option<String>,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: Option<String>) -> Text {
        Text { zh: zh.into(), en }
    }

    /// The text in a language, falling back to Chinese.
    pub fn get(&self, lang: &str) -> &str {
        match (lang, &self.en) {
            ("en", Some(en)) => en,
            _ => &self.zh,
        }
    }
}

/// A Markdown body: source as written, and HTML and plain text once rendered.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Body {
    #[serde(skip)]
    pub source: String,
    #[serde(skip)]
    pub source_en: Option<String>,
    pub html: String,
    pub html_en: Option<String>,
    /// Plain text (for search and summaries).
    pub text: String,
}

impl Body {
    pub fn is_empty(&self) -> bool {
        self.source.trim().is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: SiteConfig,
    pub agencies: Vec<Agency>,
    pub platforms: Vec<Platform>,
    pub patterns: Vec<Pattern>,
    pub kpis: Vec<KpiYear>,
    pub pages: Vec<Page>,
    /// "Today" for embargo and overdue logic.
    pub now: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: Text,
    pub owner: Option<Text>,
    pub description: Option<Text>,
    pub base_url: String,
    pub languages: Vec<String>,
    pub stale_after_days: i64,
    pub liaison_interval_days: i64,
    pub theme: Option<String>,
    pub contact: Option<Contact>,
    pub license: Text,
    /// Let a safe subset of raw HTML through Markdown (sanitised); escaped otherwise.
    pub allow_html: bool,
    /// Web editing, when enabled.
    pub cms: Option<Cms>,
}

impl SiteConfig {
    /// Defaults standing in for a site.yaml that is missing or unusable, so that every
    /// other file can still be checked. Only ever used when an error about site.yaml has
    /// been recorded, so a model built on it is never published.
    pub fn stand_in() -> SiteConfig {
        SiteConfig {
            title: Text::new("", None),
            owner: None,
            description: None,
            base_url: "/".into(),
            languages: vec!["zh-TW".into()],
            stale_after_days: 90,
            liaison_interval_days: 180,
            theme: None,
            contact: None,
            license: Text::new("政府資料開放授權條款－第1版", None),
            allow_html: false,
            cms: None,
        }
    }
}

/// Web editing settings (site.yaml `cms`, enabled).
#[derive(Debug, Clone, Serialize)]
pub struct Cms {
    /// `sveltia` or `decap`.
    pub app: String,
    pub repo: String,
    pub branch: String,
    pub auth_url: Option<String>,
}

/// One commit touching a platform's folder (修訂紀錄).
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    pub date: NaiveDate,
    pub hash: String,
    pub subject: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<Text>,
    pub url: Option<String>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    pub id: String,
    pub name: Text,
    pub level: Level,
    pub parent: Option<Text>,
    pub integrity_unit: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Platform {
    pub slug: String,
    pub title: Text,
    pub agency: String,
    pub project: Option<Text>,
    pub summary: Option<Text>,
    pub case_type: CaseType,
    pub amount: Option<Amount>,
    pub established: NaiveDate,
    pub plan_approved: Option<NaiveDate>,
    pub exit: Text,
    /// Whether `exit` was written (not the case type's default).
    pub exit_set: bool,
    pub status: Status,
    pub closed_on: Option<NaiveDate>,
    pub participants: Vec<Text>,
    pub milestones: Vec<Milestone>,
    pub links: Vec<Link>,
    pub tags: Vec<Text>,
    /// 案件背景
    pub background: Body,
    /// planning / progress / ethics sections, in that order, when present.
    pub sections: Vec<Section>,
    pub qa: Vec<Qa>,
    pub risks: Vec<Risk>,
    pub ethics_log: Vec<EthicsEntry>,
    pub evaluation: Vec<Evaluation>,
    pub documents: Vec<Document>,
    /// Sorted by date, then name.
    pub meetings: Vec<Meeting>,
    pub reports: Vec<Report>,
    /// Latest date found in the platform's content.
    pub content_updated: NaiveDate,
    /// Last updated: from git history when available, else `content_updated`.
    pub updated: NaiveDate,
    /// Commits that touched the platform's published files, newest first.
    pub revisions: Vec<Revision>,
}

impl Platform {
    /// The latest date in the platform's published content — establishment, actual
    /// milestone dates, meetings, documents, Q&A, report submissions, risk reviews, closing
    /// — ignoring dates after `until` (what had not happened yet as of that day).
    pub fn latest_date_until(&self, until: Option<NaiveDate>) -> Option<NaiveDate> {
        let mut dates = vec![self.established];
        dates.extend(self.milestones.iter().filter_map(|m| m.actual));
        dates.extend(self.meetings.iter().map(|m| m.date));
        dates.extend(self.documents.iter().filter_map(|d| d.date));
        dates.extend(self.qa.iter().filter_map(|q| q.date));
        dates.extend(self.reports.iter().filter_map(|r| r.submitted));
        dates.extend(self.risks.iter().filter_map(|r| r.reviewed));
        dates.extend(self.closed_on);
        dates.into_iter().filter(|d| until.is_none_or(|u| *d <= u)).max()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `planning`, `progress` or `ethics`.
    pub key: String,
    pub title: Text,
    pub body: Body,
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub stage: Stage,
    pub title: Option<Text>,
    pub planned: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: Text,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    /// File name without `.md`: the URL segment.
    pub name: String,
    pub title: Text,
    pub kind: MeetingKind,
    pub date: NaiveDate,
    pub location: Option<Text>,
    pub chair: Option<Text>,
    pub attendees: Vec<Text>,
    pub decisions: Vec<Text>,
    pub actions: Vec<Action>,
    pub action_updates: Vec<ActionUpdate>,
    pub documents: Vec<Document>,
    pub summary: Option<Text>,
    pub minutes: Body,
    /// Last updated, from git history when available.
    pub updated: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub id: String,
    pub text: Text,
    pub owner: Option<Text>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionUpdate {
    pub id: String,
    pub status: ActionStatus,
    pub note: Option<Text>,
    /// Date of the update: its own `date`, else the meeting's.
    pub date: NaiveDate,
    /// A new due date, when the update moves it.
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Qa {
    /// Position in qa.yaml (1-based) for anchors: `#qa-3`.
    pub n: usize,
    pub q: Text,
    pub a: Text,
    pub date: Option<NaiveDate>,
    pub category: Option<Text>,
    pub source: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub id: String,
    pub risk: Text,
    pub template: Option<String>,
    pub stage: Option<Stage>,
    pub severity: u8,
    pub likelihood: u8,
    pub measures: Vec<Text>,
    pub status: RiskStatus,
    pub reviewed: Option<NaiveDate>,
    pub owner: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EthicsEntry {
    pub period: HalfYear,
    pub lobbying: u32,
    pub gifts: u32,
    pub banquets: u32,
    pub other: u32,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub metric: Text,
    pub before: Option<Figure>,
    pub after: Option<Figure>,
    pub unit: Option<Text>,
    pub note: Option<Text>,
}

/// A before/after figure: a number when it is one, else the text as written.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub text: String,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub title: Text,
    pub date: Option<NaiveDate>,
    pub kind: DocKind,
    pub file: Option<PublishedFile>,
    pub url: Option<String>,
    pub note: Option<Text>,
}

/// A file published with a document: where it will be served, its size and SHA-256.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedFile {
    /// Path relative to the platform folder, e.g. `files/plan.pdf`.
    pub rel: String,
    #[serde(skip)]
    pub source: std::path::PathBuf,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub period: HalfYear,
    pub title: Option<Text>,
    pub submitted: Option<NaiveDate>,
    pub body: Body,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pattern {
    pub slug: String,
    pub title: Text,
    pub category: Option<Text>,
    pub agency: Option<String>,
    pub risk_factors: Vec<Text>,
    pub measures: Vec<Text>,
    pub date: Option<NaiveDate>,
    pub summary: Option<Text>,
    pub body: Body,
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiYear {
    pub organization: Text,
    pub year: i32,
    pub goals: Vec<Goal>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub id: Option<String>,
    pub title: Text,
    pub weight: Option<f64>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub title: Text,
    pub weight: Option<f64>,
    pub formula: Option<Text>,
    pub unit: Option<Text>,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub direction: Direction,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub slug: String,
    pub title: Text,
    pub order: i64,
    pub summary: Option<Text>,
    pub body: Body,
}
