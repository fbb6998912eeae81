//! CSV datasets under `/data/`: the registry (`platforms.csv`), `meetings.csv`,
//! `actions.csv` (措施管考), `risks.csv` and `qa.csv`, for spreadsheets and data.gov.tw.
//!
//! UTF-8 with a BOM (so Excel opens Chinese correctly), RFC 4180 quoting (CRLF line ends,
//! fields with commas, quotes or line breaks quoted, quotes doubled), one header row of
//! stable snake_case names, ISO dates, integer NT$ amounts. Lists inside a cell are
//! joined with `；`. The licence is in the companion `/data/LICENSE.txt`.

use crate::derive::Derived;
use crate::model::*;
use crate::render::OutFile;

/// The datasets, by file stem.
pub const NAMES: &[&str] = &["platforms", "meetings", "actions", "risks", "qa"];

type Row = Vec<String>;

/// Every CSV file.
pub fn tables(site: &Site, derived: &Derived) -> Vec<OutFile> {
    let sets: [(&str, &[&str], Vec<Row>); 5] = [
        (
            "platforms",
            PLATFORM_COLS,
            site.platforms.iter().map(|p| platform_row(site, derived, p)).collect(),
        ),
        (
            "meetings",
            MEETING_COLS,
            each(site, |p| p.meetings.iter().map(|m| meeting_row(p, m)).collect()),
        ),
        (
            "actions",
            ACTION_COLS,
            each(site, |p| {
                derived.platforms[&p.slug]
                    .actions
                    .iter()
                    .map(|a| action_row(p, a))
                    .collect()
            }),
        ),
        (
            "risks",
            RISK_COLS,
            each(site, |p| p.risks.iter().map(|r| risk_row(p, r)).collect()),
        ),
        (
            "qa",
            QA_COLS,
            each(site, |p| p.qa.iter().map(|q| qa_row(site, p, q)).collect()),
        ),
    ];
    sets.into_iter()
        .map(|(name, cols, rows)| OutFile {
            path: format!("data/{name}.csv"),
            bytes: to_csv(cols, &rows),
        })
        .collect()
}

fn each(site: &Site, f: impl Fn(&Platform) -> Vec<Row>) -> Vec<Row> {
    site.platforms.iter().flat_map(f).collect()
}

/// A table as CSV bytes: BOM, header, rows, CRLF.
pub fn to_csv(cols: &[&str], rows: &[Row]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing into a Vec cannot fail.
    let _ = w.write_record(cols);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

fn s(t: &str) -> String {
    t.to_string()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn zh(t: &Option<Text>) -> String {
    t.as_ref().map(|t| t.zh.clone()).unwrap_or_default()
}

fn en(t: &Text) -> String {
    t.en.clone().unwrap_or_default()
}

fn join(ts: &[Text]) -> String {
    ts.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("；")
}

const PLATFORM_COLS: &[&str] = &[
    "slug",
    "title",
    "title_en",
    "agency",
    "agency_name",
    "level",
    "parent",
    "project",
    "case_type",
    "amount_ntd",
    "amount_approximate",
    "established",
    "plan_approved",
    "status",
    "closed_on",
    "current_stage",
    "exit",
    "participants",
    "meetings_count",
    "documents_count",
    "qa_count",
    "risks_count",
    "updated",
    "url",
];

fn platform_row(site: &Site, derived: &Derived, p: &Platform) -> Row {
    let d = &derived.platforms[&p.slug];
    let agency = site.agencies.iter().find(|a| a.id == p.agency);
    vec![
        s(&p.slug),
        s(&p.title.zh),
        en(&p.title),
        s(&p.agency),
        opt(agency.map(|a| &a.name.zh)),
        opt(agency.map(|a| a.level.code())),
        zh(&agency.and_then(|a| a.parent.clone())),
        zh(&p.project),
        s(p.case_type.code()),
        opt(p.amount.map(|a| a.ntd)),
        opt(p.amount.map(|a| a.approximate)),
        p.established.to_string(),
        opt(p.plan_approved),
        s(p.status.code()),
        opt(p.closed_on),
        opt(d.current_stage.map(|s| s.code())),
        s(&p.exit.zh),
        join(&p.participants),
        p.meetings.len().to_string(),
        d.documents_count.to_string(),
        p.qa.len().to_string(),
        p.risks.len().to_string(),
        p.content_updated.to_string(),
        super::links::platform_page(site, &p.slug, None),
    ]
}

const MEETING_COLS: &[&str] = &[
    "platform",
    "name",
    "title",
    "title_en",
    "kind",
    "date",
    "location",
    "chair",
    "attendees",
    "decisions",
    "actions_count",
    "action_updates_count",
    "documents_count",
];

fn meeting_row(p: &Platform, m: &Meeting) -> Row {
    vec![
        s(&p.slug),
        s(&m.name),
        s(&m.title.zh),
        en(&m.title),
        s(m.kind.code()),
        m.date.to_string(),
        zh(&m.location),
        zh(&m.chair),
        join(&m.attendees),
        join(&m.decisions),
        m.actions.len().to_string(),
        m.action_updates.len().to_string(),
        m.documents.len().to_string(),
    ]
}

const ACTION_COLS: &[&str] = &[
    "platform",
    "id",
    "text",
    "text_en",
    "owner",
    "due",
    "status",
    "overdue",
    "opened",
    "meeting",
    "last_update",
    "updates_count",
];

fn action_row(p: &Platform, a: &crate::derive::TrackedAction) -> Row {
    let last = a.history.last().map(|h| h.date).unwrap_or(a.opened);
    vec![
        s(&p.slug),
        s(&a.id),
        s(&a.text.zh),
        en(&a.text),
        zh(&a.owner),
        opt(a.due),
        s(a.status.code()),
        a.overdue.to_string(),
        a.opened.to_string(),
        s(&a.meeting),
        last.to_string(),
        (a.history.len().saturating_sub(1)).to_string(),
    ]
}

const RISK_COLS: &[&str] = &[
    "platform",
    "id",
    "risk",
    "risk_en",
    "template",
    "stage",
    "severity",
    "likelihood",
    "score",
    "level",
    "measures",
    "status",
    "reviewed",
    "owner",
];

fn risk_row(p: &Platform, r: &Risk) -> Row {
    vec![
        s(&p.slug),
        s(&r.id),
        s(&r.risk.zh),
        en(&r.risk),
        opt(r.template.as_ref()),
        opt(r.stage.map(|s| s.code())),
        r.severity.to_string(),
        r.likelihood.to_string(),
        (u16::from(r.severity) * u16::from(r.likelihood)).to_string(),
        s(crate::derive::risks::level(r.severity, r.likelihood)),
        join(&r.measures),
        s(r.status.code()),
        opt(r.reviewed),
        zh(&r.owner),
    ]
}

const QA_COLS: &[&str] = &[
    "platform", "n", "category", "q", "q_en", "a", "a_en", "date", "source", "url",
];

fn qa_row(site: &Site, p: &Platform, q: &Qa) -> Row {
    vec![
        s(&p.slug),
        q.n.to_string(),
        zh(&q.category),
        s(&q.q.zh),
        en(&q.q),
        s(&q.a.zh),
        en(&q.a),
        opt(q.date),
        zh(&q.source),
        super::links::platform_page(site, &p.slug, Some(&format!("qa-{}", q.n))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_crlf_and_doubles_quotes() {
        let rows = vec![vec![s("a,\"b\"\nc"), s("d")]];
        let bytes = to_csv(&["x", "y"], &rows);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "x,y\r\n\"a,\"\"b\"\"\nc\",d\r\n");
    }
}
