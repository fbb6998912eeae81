//! Change records: every platform, meeting, document, Q&A, report and milestone as one
//! record with a stable id (`meeting:<slug>/<name>`), the date it last changed, a title,
//! its page and a hash of its API JSON. `changes.json` lists them newest first so bots
//! can sync (like Prozorro's change feed); the Atom feeds are made from the same list.
//!
//! Dates come from the content, never from a clock: a record's own date, else the date
//! of what it belongs to (see [`Record::date`]). A record whose content changes without
//! a new date still gets a new `hash`, so a bot comparing hashes misses nothing.

use chrono::NaiveDate;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::api;
use super::links;
use crate::derive::Derived;
use crate::model::*;

/// One record of the change list.
#[derive(Debug, Clone)]
pub struct Record {
    /// `platform:<slug>`, `meeting:<slug>/<name>`, `document:<slug>/<key>`,
    /// `qa:<slug>/<n>`, `report:<slug>/<YYYY-Hn>`, `milestone:<slug>/<stage>-<k>`.
    pub id: String,
    /// `platform` · `meeting` · `document` · `qa` · `report` · `milestone`.
    pub kind: &'static str,
    pub platform: String,
    /// Last change: the record's own date, else its meeting's, else the platform's
    /// `established` (milestones: `actual`, else `planned`).
    pub date: NaiveDate,
    pub title: Text,
    /// Plain-text summary for feeds.
    pub summary: String,
    /// Absolute URL of its page (with an anchor for records shown inside a page).
    pub url: String,
    /// Absolute URL of its JSON, for platforms and meetings.
    pub api_url: Option<String>,
    /// `sha256:<hex>` of the record's API JSON.
    pub hash: String,
    /// Something happened on `date` (false for a milestone only planned): feeds show it.
    pub happened: bool,
}

/// Every record of the site, newest first (ties by id).
pub fn records(site: &Site, derived: &Derived) -> Vec<Record> {
    let mut out: Vec<Record> = site
        .platforms
        .par_iter()
        .flat_map_iter(|p| {
            let d = &derived.platforms[&p.slug];
            let mut out = vec![platform(site, p, api::platform(site, p, d))];
            out.extend(p.meetings.iter().map(|m| meeting(site, p, m)));
            documents(site, p, &mut out);
            out.extend(p.qa.iter().map(|q| qa(site, p, q)));
            out.extend(p.reports.iter().map(|r| report(site, p, r)));
            milestones(site, p, &mut out);
            out
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|r| seen.insert(r.id.clone()));
    out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    out
}

fn hash(v: &Value) -> String {
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    format!("sha256:{}", super::manifest::sha256(&bytes))
}

/// "平臺名稱：x" — record titles name their platform, since feeds mix platforms.
fn titled(p: &Platform, zh: &str, en: Option<&str>) -> Text {
    Text::new(
        format!("{}：{zh}", p.title.zh),
        Some(format!("{}: {}", p.title.get("en"), en.unwrap_or(zh))),
    )
}

/// The first `n` characters of a text, on a character boundary.
fn clip(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn platform(site: &Site, p: &Platform, data: Value) -> Record {
    Record {
        id: format!("platform:{}", p.slug),
        kind: "platform",
        platform: p.slug.clone(),
        date: p.content_updated,
        title: p.title.clone(),
        summary: clip(&p.background.text, 200),
        url: links::platform_page(site, &p.slug, None),
        api_url: Some(links::url(site, &api::platform_path(&p.slug))),
        hash: hash(&data),
        happened: true,
    }
}

fn meeting(site: &Site, p: &Platform, m: &Meeting) -> Record {
    let summary = m.summary.as_ref().map_or(&m.minutes.text, |s| &s.zh);
    Record {
        id: format!("meeting:{}/{}", p.slug, m.name),
        kind: "meeting",
        platform: p.slug.clone(),
        date: m.date,
        title: titled(p, &m.title.zh, m.title.en.as_deref()),
        summary: format!("{}（{}）{}", m.kind.zh(), m.date, clip(summary, 200)),
        url: links::meeting_page(site, &p.slug, &m.name),
        api_url: Some(links::url(site, &api::meeting_path(&p.slug, &m.name))),
        hash: hash(&api::meeting(site, p, m)),
        happened: true,
    }
}

/// Platform documents (`document:<slug>/<file or url>`), then meeting documents
/// (`document:<slug>/<meeting>/<file or url>`).
fn documents(site: &Site, p: &Platform, out: &mut Vec<Record>) {
    let listed = p.documents.iter().map(|d| (None, d));
    let attached = p
        .meetings
        .iter()
        .flat_map(|m| m.documents.iter().map(move |d| (Some(m), d)));
    for (m, d) in listed.chain(attached) {
        let key = d
            .file
            .as_ref()
            .map_or_else(|| d.url.clone().unwrap_or_default(), |f| f.rel.clone());
        let scope = m.map_or(String::new(), |m| format!("{}/", m.name));
        let kind = d.kind;
        out.push(Record {
            id: format!("document:{}/{scope}{key}", p.slug),
            kind: "document",
            platform: p.slug.clone(),
            date: d.date.or(m.map(|m| m.date)).unwrap_or(p.established),
            title: titled(p, &d.title.zh, d.title.en.as_deref()),
            summary: format!(
                "{}{}",
                kind.zh(),
                d.note.as_ref().map_or(String::new(), |n| format!("：{}", n.zh))
            ),
            url: api::document_url(site, p, d),
            api_url: None,
            hash: hash(&api::document(site, p, d)),
            happened: true,
        });
    }
}

fn qa(site: &Site, p: &Platform, q: &Qa) -> Record {
    Record {
        id: format!("qa:{}/{}", p.slug, q.n),
        kind: "qa",
        platform: p.slug.clone(),
        date: q.date.unwrap_or(p.established),
        title: titled(p, &q.q.zh, q.q.en.as_deref()),
        summary: clip(&q.a.zh, 200),
        url: links::platform_page(site, &p.slug, Some(&format!("qa-{}", q.n))),
        api_url: None,
        hash: hash(&api::qa(site, p, q)),
        happened: true,
    }
}

fn report(site: &Site, p: &Platform, r: &Report) -> Record {
    let zh = format!("{} 執行成果", r.period.zh());
    let en = format!("Results report {}", r.period.en());
    let anchor = format!("report-{}-h{}", r.period.year, r.period.half);
    Record {
        id: format!("report:{}/{}", p.slug, r.period.code()),
        kind: "report",
        platform: p.slug.clone(),
        date: r.submitted.unwrap_or_else(|| r.period.end()),
        title: titled(p, r.title.as_ref().map_or(&zh, |t| &t.zh), Some(&en)),
        summary: clip(&r.body.text, 200),
        url: links::platform_page(site, &p.slug, Some(&anchor)),
        api_url: None,
        hash: hash(&api::report(r)),
        happened: true,
    }
}

/// Milestones, numbered per stage (`tender-1`, `tender-2` …) since a stage may repeat.
fn milestones(site: &Site, p: &Platform, out: &mut Vec<Record>) {
    let track = p.case_type.track();
    let mut seen: Vec<Stage> = Vec::new();
    for m in &p.milestones {
        seen.push(m.stage);
        let k = seen.iter().filter(|s| **s == m.stage).count();
        let label = m.title.as_ref().map_or(m.stage.zh_on(track), |t| t.zh.as_str());
        let state = match (m.actual, m.planned) {
            (Some(a), _) => format!("{a} 完成"),
            (None, Some(pl)) => format!("預定 {pl}"),
            (None, None) => String::new(),
        };
        let note = m.note.as_ref().map_or(String::new(), |n| format!("；{}", n.zh));
        out.push(Record {
            id: format!("milestone:{}/{}-{k}", p.slug, m.stage.code()),
            kind: "milestone",
            platform: p.slug.clone(),
            date: m.actual.or(m.planned).unwrap_or(p.established),
            title: titled(p, label, Some(m.stage.en())),
            summary: format!("{label} {state}{note}"),
            url: links::platform_page(site, &p.slug, Some("milestones")),
            api_url: None,
            hash: hash(&api::milestone(m)),
            happened: m.actual.is_some(),
        });
    }
}

/// `changes.json` without the licence fields.
pub fn changes(records: &[Record]) -> Value {
    let list: Vec<Value> = records
        .iter()
        .map(|r| {
            json!({"id": r.id, "type": r.kind, "platform": r.platform, "date": r.date.to_string(),
                "title": r.title.zh, "title_en": r.title.en, "url": r.url, "api_url": r.api_url,
                "hash": r.hash})
        })
        .collect();
    json!({"api_version": "v1", "total": list.len(), "records": list})
}
