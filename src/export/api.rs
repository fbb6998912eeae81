//! The JSON API (`/api/v1/`): the same facts as the pages, for bots and journalists.
//!
//! Field names here are the public contract (documented in docs/api.md): dates are ISO
//! `YYYY-MM-DD`, amounts integer NT$ in `amount_ntd` with `amount_approximate`,
//! bilingual texts as `x` and `x_en`. Built from the model and the derived facts, so it
//! can never show what the pages do not.

use serde_json::{Map, Value, json};

use crate::derive::{Derived, PlatformDerived};
use crate::model::*;

fn text(map: &mut Map<String, Value>, key: &str, t: &Option<Text>) {
    map.insert(key.into(), t.as_ref().map_or(Value::Null, |t| json!(t.zh)));
    map.insert(
        format!("{key}_en"),
        t.as_ref()
            .and_then(|t| t.en.clone())
            .map_or(Value::Null, Value::from),
    );
}

fn texts(ts: &[Text]) -> Value {
    json!(ts.iter().map(|t| t.zh.clone()).collect::<Vec<_>>())
}

fn date(d: Option<chrono::NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| json!(d.to_string()))
}

/// Summary of a platform, as listed in `platforms.json`.
pub fn platform_summary(site: &Site, p: &Platform, d: &PlatformDerived) -> Value {
    let agency = site.agencies.iter().find(|a| a.id == p.agency);
    let mut m = Map::new();
    m.insert("slug".into(), json!(p.slug));
    m.insert(
        "url".into(),
        json!(format!("{}platforms/{}/", site.config.base_url, p.slug)),
    );
    text(&mut m, "title", &Some(p.title.clone()));
    m.insert("agency".into(), json!(p.agency));
    text(&mut m, "agency_name", &agency.map(|a| a.name.clone()));
    m.insert(
        "level".into(),
        agency.map_or(Value::Null, |a| json!(a.level.code())),
    );
    text(&mut m, "parent", &agency.and_then(|a| a.parent.clone()));
    text(&mut m, "project", &p.project);
    m.insert("case_type".into(), json!(p.case_type.code()));
    m.insert(
        "amount_ntd".into(),
        p.amount.map_or(Value::Null, |a| json!(a.ntd)),
    );
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
    m.insert("updated".into(), date(Some(p.content_updated)));
    Value::Object(m)
}

/// `platforms.json`
pub fn platforms(site: &Site, derived: &Derived) -> Value {
    let list: Vec<Value> = site
        .platforms
        .iter()
        .map(|p| platform_summary(site, p, &derived.platforms[&p.slug]))
        .collect();
    json!({
        "api_version": "v1",
        "license": site.config.license.zh,
        "publisher": site.config.owner.as_ref().map(|o| o.zh.clone()),
        "total": site.platforms.len(),
        "total_amount_ntd": derived.registry.total_ntd,
        "platforms": list,
    })
}

/// `platforms/<slug>.json`: everything public about one platform.
pub fn platform(site: &Site, p: &Platform, d: &PlatformDerived) -> Value {
    let Value::Object(mut m) = platform_summary(site, p, d) else {
        unreachable!()
    };
    m.insert("license".into(), json!(site.config.license.zh));
    m.insert("plan_approved".into(), date(p.plan_approved));
    text(&mut m, "exit", &Some(p.exit.clone()));
    text(&mut m, "summary", &p.summary);
    m.insert("participants".into(), texts(&p.participants));
    m.insert("tags".into(), json!(p.tags));
    m.insert("background".into(), json!(p.background.text));
    m.insert(
        "milestones".into(),
        json!(p.milestones.iter().map(milestone).collect::<Vec<_>>()),
    );
    m.insert(
        "links".into(),
        json!(
            p.links
                .iter()
                .map(|l| json!({"title": l.title.zh, "title_en": l.title.en, "url": l.url}))
                .collect::<Vec<_>>()
        ),
    );
    m.insert(
        "meetings".into(),
        json!(
            p.meetings
                .iter()
                .map(|x| meeting(site, p, x))
                .collect::<Vec<_>>()
        ),
    );
    m.insert("qa".into(), json!(p.qa.iter().map(qa).collect::<Vec<_>>()));
    m.insert(
        "risks".into(),
        json!(p.risks.iter().map(risk).collect::<Vec<_>>()),
    );
    m.insert("ethics_log".into(), json!(p.ethics_log.iter().map(|e| json!({"period": e.period.code(), "lobbying": e.lobbying, "gifts": e.gifts, "banquets": e.banquets, "other": e.other, "note": e.note.as_ref().map(|n| n.zh.clone())})).collect::<Vec<_>>()));
    m.insert(
        "evaluation".into(),
        json!(p.evaluation.iter().map(evaluation).collect::<Vec<_>>()),
    );
    m.insert(
        "documents".into(),
        json!(
            p.documents
                .iter()
                .map(|x| document(site, p, x))
                .collect::<Vec<_>>()
        ),
    );
    m.insert("reports".into(), json!(p.reports.iter().map(|r| json!({"period": r.period.code(), "submitted": date(r.submitted), "text": r.body.text})).collect::<Vec<_>>()));
    m.insert(
        "actions".into(),
        json!(d.actions.iter().map(action).collect::<Vec<_>>()),
    );
    Value::Object(m)
}

fn milestone(m: &Milestone) -> Value {
    json!({"stage": m.stage.code(), "title": m.title.as_ref().map(|t| t.zh.clone()), "planned": date(m.planned), "actual": date(m.actual), "note": m.note.as_ref().map(|t| t.zh.clone())})
}

pub fn meeting(site: &Site, p: &Platform, m: &Meeting) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(m.name));
    o.insert(
        "url".into(),
        json!(format!(
            "{}platforms/{}/meetings/{}/",
            site.config.base_url, p.slug, m.name
        )),
    );
    text(&mut o, "title", &Some(m.title.clone()));
    o.insert("kind".into(), json!(m.kind.code()));
    o.insert("date".into(), date(Some(m.date)));
    text(&mut o, "location", &m.location);
    text(&mut o, "chair", &m.chair);
    o.insert("attendees".into(), texts(&m.attendees));
    o.insert("decisions".into(), texts(&m.decisions));
    o.insert("actions".into(), json!(m.actions.iter().map(|a| json!({"id": a.id, "text": a.text.zh, "owner": a.owner.as_ref().map(|o| o.zh.clone()), "due": date(a.due), "status": a.status.code()})).collect::<Vec<_>>()));
    o.insert("action_updates".into(), json!(m.action_updates.iter().map(|u| json!({"id": u.id, "status": u.status.code(), "note": u.note.as_ref().map(|n| n.zh.clone()), "date": date(Some(u.date))})).collect::<Vec<_>>()));
    o.insert(
        "documents".into(),
        json!(
            m.documents
                .iter()
                .map(|d| document(site, p, d))
                .collect::<Vec<_>>()
        ),
    );
    o.insert("minutes".into(), json!(m.minutes.text));
    Value::Object(o)
}

fn qa(q: &Qa) -> Value {
    json!({"n": q.n, "q": q.q.zh, "q_en": q.q.en, "a": q.a.zh, "a_en": q.a.en, "date": date(q.date), "category": q.category.as_ref().map(|c| c.zh.clone()), "source": q.source.as_ref().map(|c| c.zh.clone())})
}

fn risk(r: &Risk) -> Value {
    json!({"id": r.id, "risk": r.risk.zh, "risk_en": r.risk.en, "template": r.template, "stage": r.stage.map(|s| s.code()), "severity": r.severity, "likelihood": r.likelihood, "level": crate::derive::risks::level(r.severity, r.likelihood), "measures": texts(&r.measures), "status": r.status.code(), "reviewed": date(r.reviewed)})
}

fn evaluation(e: &Evaluation) -> Value {
    let fig = |f: &Option<Figure>| {
        f.as_ref()
            .map_or(Value::Null, |f| f.value.map_or(json!(f.text), |v| json!(v)))
    };
    json!({"metric": e.metric.zh, "metric_en": e.metric.en, "before": fig(&e.before), "after": fig(&e.after), "unit": e.unit.as_ref().map(|u| u.zh.clone()), "note": e.note.as_ref().map(|n| n.zh.clone())})
}

pub fn document(site: &Site, p: &Platform, d: &Document) -> Value {
    let url = match (&d.file, &d.url) {
        (Some(f), _) => format!("{}platforms/{}/{}", site.config.base_url, p.slug, f.rel),
        (None, Some(u)) => u.clone(),
        _ => String::new(),
    };
    json!({"title": d.title.zh, "title_en": d.title.en, "kind": d.kind.code(), "date": date(d.date), "url": url, "size": d.file.as_ref().map(|f| f.size), "sha256": d.file.as_ref().map(|f| f.sha256.clone())})
}

fn action(a: &crate::derive::TrackedAction) -> Value {
    json!({
        "id": a.id, "text": a.text.zh, "text_en": a.text.en, "owner": a.owner.as_ref().map(|o| o.zh.clone()),
        "due": date(a.due), "status": a.status.code(), "overdue": a.overdue, "opened": date(Some(a.opened)), "meeting": a.meeting,
        "history": a.history.iter().map(|h| json!({"date": date(Some(h.date)), "status": h.status.code(), "note": h.note.as_ref().map(|n| n.zh.clone()), "meeting": h.meeting})).collect::<Vec<_>>(),
    })
}
