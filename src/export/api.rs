//! The JSON API's records (`/api/v1/`): the same facts as the pages, for bots and
//! journalists. This file shapes one platform and what belongs to it; the lists around
//! them (index, patterns, KPIs, meetings) are in [`super::catalog`].
//!
//! Field names here are the public contract (documented in docs/api.md, checked by the
//! schemas of [`super::api_schema`]): dates are ISO `YYYY-MM-DD`, amounts integer NT$ in
//! `amount_ntd` with `amount_approximate`, bilingual texts as `x` and `x_en`. Built from
//! the model and the derived facts, so it can never show what the pages do not.

use serde_json::{Map, Value, json};

use super::links;
use crate::derive::{Derived, PlatformDerived};
use crate::model::*;

/// `x` and `x_en` of an optional text.
pub fn text(map: &mut Map<String, Value>, key: &str, t: Option<&Text>) {
    map.insert(key.into(), t.map_or(Value::Null, |t| json!(t.zh)));
    map.insert(
        format!("{key}_en"),
        t.and_then(|t| t.en.clone()).map_or(Value::Null, Value::from),
    );
}

/// The Chinese texts of a list (their English twins go in `<key>_en` where published).
pub fn texts(ts: &[Text]) -> Value {
    json!(ts.iter().map(|t| t.zh.clone()).collect::<Vec<_>>())
}

fn zh(t: &Option<Text>) -> Value {
    t.as_ref().map_or(Value::Null, |t| json!(t.zh))
}

pub fn date(d: Option<chrono::NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| json!(d.to_string()))
}

/// API path of a platform (`api/v1/platforms/<slug>.json`).
pub fn platform_path(slug: &str) -> String {
    format!("api/v1/platforms/{slug}.json")
}

/// API path of a meeting.
pub fn meeting_path(slug: &str, name: &str) -> String {
    format!("api/v1/platforms/{slug}/meetings/{name}.json")
}

/// Summary of a platform, as listed in `platforms.json`.
pub fn platform_summary(site: &Site, p: &Platform, d: &PlatformDerived) -> Value {
    let agency = site.agencies.iter().find(|a| a.id == p.agency);
    let mut m = Map::new();
    m.insert("slug".into(), json!(p.slug));
    m.insert("url".into(), json!(links::platform_page(site, &p.slug, None)));
    m.insert("api_url".into(), json!(links::url(site, &platform_path(&p.slug))));
    text(&mut m, "title", Some(&p.title));
    m.insert("agency".into(), json!(p.agency));
    text(&mut m, "agency_name", agency.map(|a| &a.name));
    m.insert("level".into(), agency.map_or(Value::Null, |a| json!(a.level.code())));
    text(&mut m, "parent", agency.and_then(|a| a.parent.as_ref()));
    text(&mut m, "project", p.project.as_ref());
    m.insert("case_type".into(), json!(p.case_type.code()));
    m.insert("amount_ntd".into(), p.amount.map_or(Value::Null, |a| json!(a.ntd)));
    m.insert(
        "amount_approximate".into(),
        p.amount.map_or(Value::Null, |a| json!(a.approximate)),
    );
    m.insert("established".into(), date(Some(p.established)));
    m.insert("status".into(), json!(p.status.code()));
    m.insert("closed_on".into(), date(p.closed_on));
    m.insert(
        "current_stage".into(),
        d.current_stage.map_or(Value::Null, |s| json!(s.code())),
    );
    m.insert("meetings_count".into(), json!(p.meetings.len()));
    m.insert("documents_count".into(), json!(d.documents_count));
    m.insert("qa_count".into(), json!(p.qa.len()));
    m.insert("updated".into(), date(Some(p.content_updated)));
    Value::Object(m)
}

/// `platforms.json` without the licence fields (added by the caller).
pub fn platforms(site: &Site, derived: &Derived) -> Value {
    let list: Vec<Value> = site
        .platforms
        .iter()
        .map(|p| platform_summary(site, p, &derived.platforms[&p.slug]))
        .collect();
    json!({
        "api_version": "v1",
        "publisher": site.config.owner.as_ref().map(|o| o.zh.clone()),
        "total": site.platforms.len(),
        "total_amount_ntd": derived.registry.total_ntd,
        "platforms": list,
    })
}

/// `platforms/<slug>.json`: everything public about one platform.
pub fn platform(site: &Site, p: &Platform, d: &PlatformDerived) -> Value {
    let Value::Object(mut m) = platform_summary(site, p, d) else {
        unreachable!("platform_summary returns an object")
    };
    m.insert("track".into(), json!(d.track));
    m.insert("plan_approved".into(), date(p.plan_approved));
    text(&mut m, "exit", Some(&p.exit));
    text(&mut m, "summary", p.summary.as_ref());
    m.insert("participants".into(), texts(&p.participants));
    m.insert("tags".into(), texts(&p.tags));
    m.insert("background".into(), json!(p.background.text));
    m.insert("milestones".into(), list(&d.timeline.milestones, timeline_milestone));
    m.insert("overdue_milestones".into(), json!(d.timeline.overdue));
    m.insert(
        "checks".into(),
        list(
            &d.checks,
            |c| json!({"id": c.id, "status": c.status, "reason": c.reason, "reason_en": c.reason_en}),
        ),
    );
    let cs = &d.check_summary;
    m.insert(
        "check_summary".into(),
        json!({"pass": cs.pass, "warn": cs.warn, "fail": cs.fail, "na": cs.na}),
    );
    m.insert(
        "unaddressed_risks".into(),
        json!(d.unaddressed_risks.iter().map(|t| t.id).collect::<Vec<_>>()),
    );
    m.insert("links".into(), list(&p.links, link));
    m.insert("meetings".into(), list(&p.meetings, |x| meeting(site, p, x)));
    m.insert("qa".into(), list(&p.qa, |q| qa(site, p, q)));
    m.insert("risks".into(), risks(p));
    m.insert("ethics_log".into(), list(&p.ethics_log, ethics));
    m.insert("evaluation".into(), list(&p.evaluation, evaluation));
    m.insert("documents".into(), list(&p.documents, |x| document(site, p, x)));
    m.insert("reports".into(), list(&p.reports, report));
    m.insert("actions".into(), list(&d.actions, action));
    Value::Object(m)
}

fn list<T>(items: &[T], f: impl Fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(f).collect())
}

fn link(l: &Link) -> Value {
    json!({"title": l.title.zh, "title_en": l.title.en, "url": links::encode(&l.url)})
}

/// A milestone with what the timeline computed: `overdue` (planned date past, no actual)
/// and `slip_days` (actual later than planned; null when either is missing).
pub fn timeline_milestone(m: &crate::derive::timeline::TimelineMilestone) -> Value {
    json!({"stage": m.stage.code(), "title": zh(&m.title), "planned": date(m.planned),
        "actual": date(m.actual), "note": zh(&m.note), "overdue": m.overdue, "slip_days": m.slip_days})
}

pub fn milestone(m: &Milestone) -> Value {
    json!({"stage": m.stage.code(), "title": zh(&m.title), "planned": date(m.planned),
        "actual": date(m.actual), "note": zh(&m.note)})
}

/// One meeting with its minutes, as embedded in the platform and served alone.
pub fn meeting(site: &Site, p: &Platform, m: &Meeting) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(m.name));
    o.insert("platform".into(), json!(p.slug));
    o.insert("url".into(), json!(links::meeting_page(site, &p.slug, &m.name)));
    o.insert(
        "api_url".into(),
        json!(links::url(site, &meeting_path(&p.slug, &m.name))),
    );
    text(&mut o, "title", Some(&m.title));
    o.insert("kind".into(), json!(m.kind.code()));
    o.insert("date".into(), date(Some(m.date)));
    text(&mut o, "location", m.location.as_ref());
    text(&mut o, "chair", m.chair.as_ref());
    o.insert("attendees".into(), texts(&m.attendees));
    o.insert("decisions".into(), texts(&m.decisions));
    o.insert(
        "actions".into(),
        list(&m.actions, |a| {
            json!({"id": a.id, "text": a.text.zh,
        "owner": zh(&a.owner), "due": date(a.due), "status": a.status.code()})
        }),
    );
    o.insert(
        "action_updates".into(),
        list(&m.action_updates, |u| {
            json!({"id": u.id,
        "status": u.status.code(), "note": zh(&u.note), "date": date(Some(u.date))})
        }),
    );
    o.insert("documents".into(), list(&m.documents, |d| document(site, p, d)));
    text(&mut o, "summary", m.summary.as_ref());
    o.insert("minutes".into(), json!(m.minutes.text));
    Value::Object(o)
}

pub fn qa(site: &Site, p: &Platform, q: &Qa) -> Value {
    json!({"n": q.n, "url": links::platform_page(site, &p.slug, Some(&format!("qa-{}", q.n))),
        "q": q.q.zh, "q_en": q.q.en, "a": q.a.zh, "a_en": q.a.en, "date": date(q.date),
        "category": zh(&q.category), "source": zh(&q.source)})
}

fn risks(p: &Platform) -> Value {
    list(&p.risks, |r| {
        json!({"id": r.id, "risk": r.risk.zh, "risk_en": r.risk.en, "template": r.template,
            "stage": r.stage.map(|s| s.code()), "severity": r.severity,
            "likelihood": r.likelihood, "score": u16::from(r.severity) * u16::from(r.likelihood),
            "level": crate::derive::risks::level(r.severity, r.likelihood),
            "measures": texts(&r.measures), "status": r.status.code(),
            "reviewed": date(r.reviewed), "owner": zh(&r.owner)})
    })
}

fn ethics(e: &EthicsEntry) -> Value {
    json!({"period": e.period.code(), "lobbying": e.lobbying, "gifts": e.gifts,
        "banquets": e.banquets, "other": e.other, "note": zh(&e.note)})
}

fn evaluation(e: &Evaluation) -> Value {
    let fig = |f: &Option<Figure>| {
        f.as_ref()
            .map_or(Value::Null, |f| f.value.map_or(json!(f.text), |v| json!(v)))
    };
    json!({"metric": e.metric.zh, "metric_en": e.metric.en, "before": fig(&e.before),
        "after": fig(&e.after), "unit": zh(&e.unit), "note": zh(&e.note)})
}

/// The URL a document is published at: its copied file, or its link.
pub fn document_url(site: &Site, p: &Platform, d: &Document) -> String {
    match (&d.file, &d.url) {
        (Some(f), _) => links::file(site, p, &f.rel),
        (None, Some(u)) => links::encode(u),
        (None, None) => links::platform_page(site, &p.slug, Some("documents")),
    }
}

pub fn document(site: &Site, p: &Platform, d: &Document) -> Value {
    json!({"title": d.title.zh, "title_en": d.title.en, "kind": d.kind.code(),
        "date": date(d.date), "url": document_url(site, p, d),
        "file": d.file.as_ref().map(|f| f.rel.clone()),
        "size": d.file.as_ref().map(|f| f.size),
        "sha256": d.file.as_ref().map(|f| f.sha256.clone()), "note": zh(&d.note)})
}

pub fn report(r: &Report) -> Value {
    json!({"period": r.period.code(), "title": zh(&r.title), "submitted": date(r.submitted),
        "text": r.body.text})
}

fn action(a: &crate::derive::TrackedAction) -> Value {
    json!({
        "id": a.id, "text": a.text.zh, "text_en": a.text.en, "owner": zh(&a.owner),
        "due": date(a.due), "status": a.status.code(), "overdue": a.overdue,
        "opened": date(Some(a.opened)), "meeting": a.meeting,
        "history": a.history.iter().map(|h| json!({"date": date(Some(h.date)),
            "status": h.status.code(), "note": zh(&h.note), "meeting": h.meeting}))
            .collect::<Vec<_>>(),
    })
}
