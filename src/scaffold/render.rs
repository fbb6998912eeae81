//! The scaffold templates (`templates/*`) filled in: pure functions from a few values to
//! file text.
//!
//! Templates hold every field of the contract, optional ones commented out, each with a
//! Chinese and English comment. Allowed values are not written in the templates but
//! generated from [`crate::model::vocab`] (`{{vocab:<name>}}` lines, `{{vocab_inline:…}}`),
//! so a template can never drift from what `check` accepts.

use chrono::{Datelike, NaiveDate};

use crate::model::vocab::{
    ActionStatus, CaseType, Confidential, DocKind, Level, MeetingKind, RiskStatus, Stage, Status, Track,
};

const PLATFORM: &str = include_str!("templates/platform.md");
const MEETING: &str = include_str!("templates/meeting.md");
const SITE: &str = include_str!("templates/site.yaml");
const AGENCIES: &str = include_str!("templates/agencies.yaml");
const ABOUT: &str = include_str!("templates/about.md");

/// The optional list files a new platform gets, empty (`[]`) with a commented example.
pub const LIST_FILES: [(&str, &str); 5] = [
    ("qa.yaml", include_str!("templates/qa.yaml")),
    ("risks.yaml", include_str!("templates/risks.yaml")),
    ("documents.yaml", include_str!("templates/documents.yaml")),
    ("ethics-log.yaml", include_str!("templates/ethics-log.yaml")),
    ("evaluation.yaml", include_str!("templates/evaluation.yaml")),
];

/// A value as a YAML scalar: plain when that is safe, else double-quoted (JSON strings
/// are valid YAML double-quoted scalars).
pub fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '（' | '）' | '、' | '／' | '　' | ' '))
        && !s.starts_with('-')
        && !matches!(s, "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~")
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

/// `code  中文 / English` rows of a vocabulary.
fn rows<T: Copy>(all: &[T], f: impl Fn(T) -> (&'static str, &'static str, &'static str)) -> Vec<String> {
    all.iter()
        .map(|&v| {
            let (code, zh, en) = f(v);
            format!("{code:<18} {zh} / {en}")
        })
        .collect()
}

/// The rows a `{{vocab:<name>}}` line expands to.
fn vocab_rows(name: &str) -> Vec<String> {
    let stages = |track: Track| {
        track
            .stages()
            .iter()
            .map(|&s: &Stage| format!("{:<18} {} / {}", s.code(), s.zh_on(track), s.en()))
            .collect::<Vec<_>>()
    };
    match name {
        "case_type" => rows(CaseType::ALL, |v| (v.code(), v.zh(), v.en())),
        "status" => rows(Status::ALL, |v| (v.code(), v.zh(), v.en())),
        "level" => rows(Level::ALL, |v| (v.code(), v.zh(), v.en())),
        "kind" => rows(MeetingKind::ALL, |v| (v.code(), v.zh(), v.en())),
        "action_status" => rows(ActionStatus::ALL, |v| (v.code(), v.zh(), v.en())),
        "doc_kind" => rows(DocKind::ALL, |v| (v.code(), v.zh(), v.en())),
        "risk_status" => rows(RiskStatus::ALL, |v| (v.code(), v.zh(), v.en())),
        "stages_procurement" => stages(Track::Procurement),
        "stages_investment" => stages(Track::Investment),
        _ => vec![format!("（未知的代碼表 {name}）")],
    }
}

/// `a 甲 · b 乙` for one-line comments.
fn vocab_inline(name: &str) -> String {
    match name {
        "confidential" => Confidential::ALL
            .iter()
            .map(|v| format!("{} {}", v.code(), v.zh()))
            .collect::<Vec<_>>()
            .join(" · "),
        _ => String::new(),
    }
}

/// Fill a template: `{{key}}` values, then vocabulary lines (indentation kept).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    for line in template.lines() {
        let trimmed = line.trim_start();
        if let Some(name) = trimmed.strip_prefix("{{vocab:").and_then(|s| s.strip_suffix("}}")) {
            let indent = &line[..line.len() - trimmed.len()];
            for row in vocab_rows(name) {
                out.push_str(&format!("{indent}#   {row}\n"));
            }
            continue;
        }
        let mut l = line.to_string();
        for (key, value) in values {
            l = l.replace(&format!("{{{{{key}}}}}"), value);
        }
        while let Some(start) = l.find("{{vocab_inline:") {
            let Some(end) = l[start..].find("}}") else { break };
            let name = l[start + 15..start + end].to_string();
            l.replace_range(start..start + end + 2, &vocab_inline(&name));
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// What a new platform's `index.md` needs.
#[derive(Debug, Clone)]
pub struct PlatformValues {
    pub title: String,
    pub agency: String,
    pub case_type: CaseType,
    pub established: NaiveDate,
}

/// A stage of the track for commented examples: the tender, or the call for investors.
fn example_stage(track: Track) -> Stage {
    match track {
        Track::Procurement => Stage::Tender,
        Track::Investment => Stage::Solicitation,
    }
}

/// `platforms/<slug>/index.md`.
pub fn platform_index(v: &PlatformValues) -> String {
    let (exit_zh, exit_en) = v.case_type.default_exit();
    let stage = example_stage(v.case_type.track());
    fill(
        PLATFORM,
        &[
            ("title", yaml_scalar(&v.title)),
            ("agency", yaml_scalar(&v.agency)),
            ("case_type", v.case_type.code().to_string()),
            ("date", v.established.to_string()),
            ("exit_default", exit_zh.to_string()),
            ("exit_default_en", exit_en.to_string()),
            ("example_stage", stage.code().to_string()),
            ("example_stage_zh", stage.zh_on(v.case_type.track()).to_string()),
        ],
    )
}

/// One of [`LIST_FILES`] for a platform of `case_type`, examples dated `date`.
pub fn list_file(template: &str, case_type: CaseType, date: NaiveDate) -> String {
    let track = case_type.track();
    let templates: Vec<&crate::derive::risks::Template> = crate::derive::risks::for_track(track).collect();
    let listed = templates
        .iter()
        .map(|t| format!("#   {:<24} {} / {}", t.id, t.zh, t.en))
        .collect::<Vec<_>>()
        .join("\n");
    let (example, zh, en) = templates.first().map_or(("", "", ""), |t| (t.id, t.zh, t.en));
    fill(
        template,
        &[
            ("date", date.to_string()),
            ("year", date.year().to_string()),
            ("templates", listed),
            ("template", example.to_string()),
            ("risk_zh", zh.to_string()),
            ("risk_en", en.to_string()),
            ("stage", example_stage(track).code().to_string()),
        ],
    )
}

/// What a new meeting file needs.
#[derive(Debug, Clone)]
pub struct MeetingValues {
    /// File stem, e.g. `2026-05-11-liaison-3`.
    pub name: String,
    pub title: String,
    pub kind: MeetingKind,
    pub date: NaiveDate,
    pub n: u32,
}

/// The default title of the `n`th meeting of a kind.
pub fn meeting_title(kind: MeetingKind, n: u32) -> (String, String) {
    match kind {
        MeetingKind::Pledge => ("廉政平臺公開宣示".into(), "Public pledge".into()),
        MeetingKind::Liaison => (
            format!("第{n}次定期聯繫會議"),
            format!("Regular Liaison Meeting No. {n}"),
        ),
        MeetingKind::Training => (format!("第{n}次教育訓練"), format!("Training No. {n}")),
        MeetingKind::Inspection => (format!("第{n}次稽核現勘"), format!("Inspection No. {n}")),
        MeetingKind::Other => (format!("第{n}次會議"), format!("Meeting No. {n}")),
        k => (format!("第{n}次{}", k.zh()), format!("{} No. {n}", k.en())),
    }
}

/// `platforms/<slug>/meetings/<name>.md`.
pub fn meeting_file(v: &MeetingValues) -> String {
    let (_, title_en) = meeting_title(v.kind, v.n);
    fill(
        MEETING,
        &[
            ("title", yaml_scalar(&v.title)),
            ("title_en", title_en),
            ("kind", v.kind.code().to_string()),
            ("date", v.date.to_string()),
            ("year", v.date.year().to_string()),
            ("name", v.name.clone()),
            ("n", v.n.to_string()),
        ],
    )
}

/// `site.yaml` of a new site.
pub fn site_yaml() -> String {
    fill(SITE, &[])
}

/// `agencies.yaml` of a new site, with one agency.
pub fn agencies_yaml(agency_id: &str) -> String {
    fill(AGENCIES, &[("agency", agency_id.to_string())])
}

/// `pages/about.md` of a new site.
pub fn about_page() -> String {
    fill(ABOUT, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_when_needed() {
        assert_eq!(yaml_scalar("淡江大橋廉政平臺"), "淡江大橋廉政平臺");
        assert_eq!(yaml_scalar("決議: 同意"), "\"決議: 同意\"");
        assert_eq!(yaml_scalar("第 #3 案"), "\"第 #3 案\"");
        assert_eq!(yaml_scalar("true"), "\"true\"");
        assert_eq!(yaml_scalar("2021"), "\"2021\"");
    }

    #[test]
    fn vocab_lines_expand_with_their_indentation() {
        let out = fill("  {{vocab:level}}\nx: {{vocab_inline:confidential}}\n", &[]);
        assert!(out.starts_with("  #   central            中央 / Central government\n"));
        assert!(out.contains("x: opening 開標 · award 決標 · signing 簽約"));
    }
}
