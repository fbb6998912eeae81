//! OC4IDS 0.9.5 (Open Contracting for Infrastructure Data Standards) project packages:
//! `/api/oc4ids/projects.json` with every platform's project and
//! `/api/oc4ids/projects/<slug>.json` with one, so the platforms join the international
//! infrastructure-transparency data (CoST, OCP) without a converter.
//!
//! Each platform maps to the project it guards: the executing agency is the public
//! authority, the integrity bodies taking part are independent monitors, the timeline and
//! the meetings are milestones, documents, minutes, Q&A and reports are documents. What
//! OC4IDS has no place for (risk register, ethics-log counts, tracked actions, the
//! platform itself) is in the `touming_*` fields of our extension ([`super::oc4ids_ext`]).
//! Absent values are left out rather than `null`, as the standard expects.

use serde_json::{Map, Value, json};

use super::oc4ids_map as map;
use super::{api, license, links};
use crate::derive::{Derived, PlatformDerived};
use crate::model::*;

/// The schema version (`major.minor`) packages declare.
pub const VERSION: &str = "0.9";

/// The project id: `oc4ids-` + a publisher prefix from the host of `base_url` + slug.
pub fn project_id(site: &Site, p: &Platform) -> String {
    format!("oc4ids-{}-{}", links::host_prefix(site), p.slug)
}

/// A package of the projects of some platforms, published at `path`.
pub fn package(site: &Site, derived: &Derived, platforms: &[&Platform], path: &str) -> Value {
    let notice = license::notice(site);
    let owner = site.config.owner.as_ref().unwrap_or(&site.config.title);
    let projects: Vec<Value> = platforms
        .iter()
        .map(|p| project(site, p, &derived.platforms[&p.slug]))
        .collect();
    compact(json!({
        "uri": links::url(site, path),
        "publishedDate": links::rfc3339(site.now),
        "version": VERSION,
        "publisher": {"name": owner.zh, "uri": links::base(site)},
        "license": notice.url,
        "extensions": [links::url(site, super::oc4ids_ext::EXTENSION_PATH)],
        "projects": projects,
    }))
}

/// One platform as an OC4IDS project.
pub fn project(site: &Site, p: &Platform, d: &PlatformDerived) -> Value {
    let agency = site.agencies.iter().find(|a| a.id == p.agency);
    let title = p.project.as_ref().unwrap_or(&p.title);
    let description = [
        &p.background.text,
        &p.summary.as_ref().map_or(String::new(), |s| s.zh.clone()),
    ]
    .into_iter()
    .find(|t| !t.trim().is_empty())
    .cloned()
    .unwrap_or_else(|| p.title.zh.clone());
    let mut o = Map::new();
    o.insert("id".into(), json!(project_id(site, p)));
    o.insert("updated".into(), json!(links::rfc3339(p.content_updated)));
    o.insert("language".into(), json!("zh"));
    o.insert("title".into(), json!(title.zh));
    o.insert("description".into(), json!(description.trim()));
    o.insert("status".into(), json!(map::project_status(p)));
    o.insert("sector".into(), json!(map::sectors(p)));
    o.insert("type".into(), json!(map::project_type(p)));
    o.insert(
        "budget".into(),
        json!(
            p.amount
                .map(|a| json!({"amount": {"amount": a.ntd, "currency": "TWD"}}))
        ),
    );
    o.insert("parties".into(), parties(p, agency));
    o.insert(
        "publicAuthority".into(),
        json!(agency.map(|a| json!({"id": agency_party_id(a), "name": a.name.zh}))),
    );
    o.insert("milestones".into(), Value::Array(milestones(site, p)));
    o.insert("documents".into(), Value::Array(documents(site, p)));
    super::oc4ids_ext::fields(site, p, d, &mut o);
    compact(Value::Object(o))
}

fn agency_party_id(a: &Agency) -> String {
    format!("agency-{}", a.id)
}

/// The executing agency, then each participant (deduplicated by name).
fn parties(p: &Platform, agency: Option<&Agency>) -> Value {
    let mut out: Vec<Value> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    if let Some(a) = agency {
        names.push(&a.name.zh);
        out.push(json!({"id": agency_party_id(a), "name": a.name.zh,
            "roles": map::agency_roles(p.case_type.track())}));
    }
    for (k, t) in p.participants.iter().enumerate() {
        if t.zh.trim().is_empty() || names.contains(&t.zh.as_str()) {
            continue;
        }
        names.push(&t.zh);
        out.push(json!({"id": format!("participant-{}", k + 1), "name": t.zh,
            "roles": [map::participant_role(&t.zh)]}));
    }
    Value::Array(out)
}

/// Timeline stages, the platform's own dates, and meetings (as engagement milestones).
fn milestones(site: &Site, p: &Platform) -> Vec<Value> {
    let track = p.case_type.track();
    let mut out = Vec::new();
    let mut seen: Vec<Stage> = Vec::new();
    if !p.milestones.iter().any(|m| m.stage == Stage::Established) {
        out.push(met(
            "platform-established",
            "廉政平臺成立",
            "engagement",
            p.established,
            site,
        ));
    }
    if let Some(d) = p.plan_approved {
        out.push(met("plan-approved", "廉政平臺實施計畫核定", "approval", d, site));
    }
    for m in &p.milestones {
        seen.push(m.stage);
        let k = seen.iter().filter(|s| **s == m.stage).count();
        out.push(json!({
            "id": format!("stage-{}-{k}", m.stage.code()),
            "title": m.title.as_ref().map_or(m.stage.zh_on(track), |t| t.zh.as_str()),
            "type": map::milestone_type(m.stage),
            "code": map::milestone_code(m.stage),
            "description": m.note.as_ref().map(|n| n.zh.clone()),
            "dueDate": m.planned.map(links::rfc3339),
            "dateMet": m.actual.map(links::rfc3339),
            "status": map::milestone_status(m, site.now),
        }));
    }
    for m in &p.meetings {
        let mut v = met(&format!("meeting-{}", m.name), &m.title.zh, "engagement", m.date, site);
        v["description"] = json!(format!(
            "{}：{}",
            m.kind.zh(),
            links::meeting_page(site, &p.slug, &m.name)
        ));
        out.push(v);
    }
    out
}

/// A milestone on a known date: met if the date has come, else scheduled.
fn met(id: &str, title: &str, kind: &str, date: chrono::NaiveDate, site: &Site) -> Value {
    let (key, status) = if date <= site.now {
        ("dateMet", "met")
    } else {
        ("dueDate", "scheduled")
    };
    let mut v = json!({"id": id, "title": title, "type": kind, "status": status});
    v[key] = json!(links::rfc3339(date));
    v
}

/// Published documents, meeting documents and minutes, page sections, links.
fn documents(site: &Site, p: &Platform) -> Vec<Value> {
    let mut out: Vec<Value> = p
        .documents
        .iter()
        .enumerate()
        .map(|(k, d)| document(site, p, d, format!("doc-{}", k + 1)))
        .collect();
    for m in &p.meetings {
        let url = links::meeting_page(site, &p.slug, &m.name);
        let title = format!("{} 會議紀錄", m.title.zh);
        out.push(page_doc(
            &format!("minutes-{}", m.name),
            "minutes",
            &title,
            &url,
            Some(m.date),
        ));
        for (k, d) in m.documents.iter().enumerate() {
            out.push(document(site, p, d, format!("meeting-{}-doc-{}", m.name, k + 1)));
        }
    }
    out.extend(sections(site, p));
    for (k, l) in p.links.iter().enumerate() {
        out.push(json!({"id": format!("link-{}", k + 1), "title": l.title.zh, "url": links::encode(&l.url)}));
    }
    out
}

/// The Q&A, reports and risk register, published as sections of the platform page.
fn sections(site: &Site, p: &Platform) -> Vec<Value> {
    let page = |anchor: &str| links::platform_page(site, &p.slug, Some(anchor));
    let mut out = Vec::new();
    if !p.qa.is_empty() {
        let latest = p.qa.iter().filter_map(|q| q.date).max();
        let title = format!("案件釋疑（{} 則）", p.qa.len());
        out.push(page_doc("qa", "clarifications", &title, &page("qa"), latest));
    }
    for r in &p.reports {
        let url = page(&format!("report-{}-h{}", r.period.year, r.period.half));
        let (id, title) = (
            format!("report-{}", r.period.code()),
            format!("{} 執行成果", r.period.zh()),
        );
        out.push(page_doc(&id, "oversightReport", &title, &url, r.submitted));
    }
    if !p.risks.is_empty() {
        let reviewed = p.risks.iter().filter_map(|r| r.reviewed).max();
        out.push(page_doc(
            "risk-register",
            "riskProvisions",
            "廉政風險查檢表",
            &page("risks"),
            reviewed,
        ));
    }
    out
}

fn document(site: &Site, p: &Platform, d: &Document, id: String) -> Value {
    json!({
        "id": id,
        "documentType": map::document_type(d.kind),
        "title": d.title.zh,
        "description": d.note.as_ref().map(|n| n.zh.clone()),
        "url": api::document_url(site, p, d),
        "datePublished": d.date.map(links::rfc3339),
        "format": d.file.as_ref().and_then(|f| map::media_type(&f.rel)),
        "language": "zh",
    })
}

/// A section of a platform page, published as a document.
fn page_doc(id: &str, kind: &str, title: &str, url: &str, date: Option<chrono::NaiveDate>) -> Value {
    json!({"id": id, "documentType": kind, "title": title, "url": url,
        "datePublished": date.map(links::rfc3339), "format": "text/html", "language": "zh"})
}

/// Drop `null`s, empty strings, empty arrays and empty objects, recursively: OC4IDS
/// fields are to be omitted when unknown, and many have `minItems: 1`.
pub fn compact(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, compact(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(compact).filter(|v| !is_empty(v)).collect()),
        other => other,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}
