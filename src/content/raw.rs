//! The shapes of the files agencies write, exactly as CONTENT-MODEL.md names them.
//!
//! These structs mirror the YAML one to one and are deliberately loose about *values*
//! (every field is optional, dates and amounts are kept as written) and strict about
//! *keys* (`deny_unknown_fields`, so a typo such as `establised:` is an error instead of
//! a silently missing value). Values are checked when [`crate::model`] lowers them, so
//! one file can report many problems at once, each at the position serde-saphyr's
//! [`Spanned`] recorded.

use serde::Deserialize;
pub use serde_saphyr::Spanned;

/// A string field with its position.
pub type Text = Spanned<String>;
/// A list entry with the position of its start.
pub type Entry<T> = Spanned<T>;

/// Any YAML scalar, kept as text: dates (`1100511` is an integer to YAML), amounts
/// (`12500000000` or `約125億`) and counts are all read through this and parsed later.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a single value (text, number or date)")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Declares a raw struct whose fields all default when absent, plus the visibility
/// fields every Markdown file and YAML list entry may carry (`draft`, `publish_after`,
/// `confidential_until`).
macro_rules! raw {
    ($(#[$m:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(#[serde(default)] pub $field: $ty,)*
            #[serde(default)] pub draft: Option<Spanned<bool>>,
            #[serde(default)] pub publish_after: Option<Spanned<Scalar>>,
            #[serde(default)] pub confidential_until: Option<Text>,
        }
    };
}

type T = Option<Text>;
type Sc = Option<Spanned<Scalar>>;
type L = Vec<Text>;

raw!(
    /// `site.yaml`
    SiteRaw {
        title: T, title_en: T, owner: T, owner_en: T, description: T, description_en: T,
        base_url: T, languages: L, stale_after_days: Sc, liaison_interval_days: Sc,
        theme: T, contact: Option<Spanned<ContactField>>, license: T, license_en: T,
        allow_html: Option<Spanned<bool>>, cms: Option<Spanned<CmsRaw>>,
    }
);

raw!(
    /// `site.yaml` `cms`: web editing through Sveltia or Decap CMS (docs/web-editing.md).
    CmsRaw { enabled: Option<Spanned<bool>>, app: T, repo: T, branch: T, auth_url: T }
);

raw!(
    /// `site.yaml` `contact`: the official complaint and opinion channels.
    ContactRaw { email: T, phone: T, address: T, address_en: T, url: T, note: T, note_en: T }
);

/// `site.yaml` `contact` as written: the fields above, or — as an agency may well write
/// it — one text (`contact: 陳情專線 0800-286-586`), published as the contact note.
#[derive(Debug)]
pub enum ContactField {
    Fields(Box<ContactRaw>),
    Text(String),
}

impl<'de> Deserialize<'de> for ContactField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ContactField;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("email / phone / address fields, or one text")
            }
            fn visit_str<E>(self, v: &str) -> Result<ContactField, E> {
                Ok(ContactField::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<ContactField, A::Error> {
                let d = serde::de::value::MapAccessDeserializer::new(m);
                ContactRaw::deserialize(d).map(|c| ContactField::Fields(Box::new(c)))
            }
        }
        d.deserialize_any(V)
    }
}

raw!(
    /// One entry of `agencies.yaml`.
    AgencyRaw {
        id: T, name: T, name_en: T, level: T, parent: T, parent_en: T,
        integrity_unit: T, integrity_unit_en: T,
    }
);

raw!(
    /// Front matter of `platforms/<slug>/index.md`.
    PlatformRaw {
        title: T, title_en: T, agency: T, project: T, project_en: T, case_type: T,
        amount: Sc, established: Sc, plan_approved: Sc, exit: T, exit_en: T, status: T,
        closed_on: Sc, participants: L, participants_en: L,
        milestones: Vec<Entry<MilestoneRaw>>, links: Vec<Entry<LinkRaw>>, tags: L, tags_en: L,
        summary: T, summary_en: T,
    }
);

raw!(MilestoneRaw {
    stage: T,
    title: T,
    title_en: T,
    planned: Sc,
    actual: Sc,
    note: T,
    note_en: T
});
raw!(LinkRaw {
    title: T,
    title_en: T,
    url: T
});

raw!(
    /// Optional front matter of `planning.md`, `progress.md`, `ethics.md`, and of
    /// English twins of Markdown bodies.
    SectionRaw { title: T, title_en: T }
);

raw!(
    /// Front matter of `meetings/<name>.md`.
    MeetingRaw {
        title: T, title_en: T, kind: T, date: Sc, location: T, location_en: T, chair: T,
        chair_en: T, attendees: L, attendees_en: L, decisions: L, decisions_en: L,
        actions: Vec<Entry<ActionRaw>>, action_updates: Vec<Entry<UpdateRaw>>,
        documents: Vec<Entry<DocumentRaw>>, summary: T, summary_en: T,
    }
);

raw!(ActionRaw {
    id: T,
    text: T,
    text_en: T,
    owner: T,
    owner_en: T,
    due: Sc,
    status: T,
    note: T,
    note_en: T
});
raw!(UpdateRaw {
    id: T,
    status: T,
    note: T,
    note_en: T,
    date: Sc,
    due: Sc
});

raw!(
    /// One entry of `qa.yaml`.
    QaRaw { q: T, q_en: T, a: T, a_en: T, date: Sc, category: T, category_en: T, source: T, source_en: T }
);

raw!(
    /// One entry of `risks.yaml`.
    RiskRaw {
        id: T, risk: T, risk_en: T, template: T, stage: T, severity: Sc, likelihood: Sc,
        measures: L, measures_en: L, status: T, reviewed: Sc, owner: T, owner_en: T, note: T, note_en: T,
    }
);

raw!(
    /// One entry of `ethics-log.yaml`.
    EthicsRaw { period: T, lobbying: Sc, gifts: Sc, banquets: Sc, other: Sc, note: T, note_en: T }
);

raw!(
    /// One entry of `evaluation.yaml`.
    EvaluationRaw { metric: T, metric_en: T, before: Sc, after: Sc, unit: T, unit_en: T, note: T, note_en: T }
);

raw!(
    /// One entry of `documents.yaml` or of a meeting's `documents`.
    DocumentRaw { title: T, title_en: T, date: Sc, kind: T, file: T, url: T, note: T, note_en: T }
);

raw!(
    /// Front matter of `reports/<YYYY>-H<n>.md`.
    ReportRaw { period: T, submitted: Sc, title: T, title_en: T }
);

raw!(
    /// Front matter of `patterns/<slug>.md`.
    PatternRaw {
        title: T, title_en: T, category: T, category_en: T, agency: T, risk_factors: L,
        risk_factors_en: L, measures: L, measures_en: L, date: Sc, summary: T, summary_en: T,
    }
);

raw!(
    /// `kpis/<year>.yaml`.
    KpiRaw { organization: T, organization_en: T, year: Sc, goals: Vec<Entry<GoalRaw>>, note: T, note_en: T }
);

raw!(GoalRaw { id: T, title: T, title_en: T, weight: Sc, indicators: Vec<Entry<IndicatorRaw>> });

raw!(IndicatorRaw {
    title: T,
    title_en: T,
    weight: Sc,
    formula: T,
    formula_en: T,
    unit: T,
    unit_en: T,
    target: Sc,
    actual: Sc,
    direction: T,
    note: T,
    note_en: T,
});

raw!(
    /// Front matter of `pages/<slug>.md`.
    PageRaw { title: T, title_en: T, order: Sc, summary: T, summary_en: T }
);
