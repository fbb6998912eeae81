//! The lists of the JSON API around the platform records: `index.json` (what there is),
//! each platform's `meetings.json` and its meetings one by one, `patterns.json`,
//! `kpis.json` and `kpis/<year>.json`.

use serde_json::{Value, json};

use super::api::{self, date, text, texts};
use super::links;
use crate::derive::Derived;
use crate::model::*;

/// One endpoint of the API: name (also its schema's name), path template, description.
pub struct Endpoint {
    pub name: &'static str,
    pub path: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Every endpoint, in the order `index.json` lists them.
pub const ENDPOINTS: &[Endpoint] = &[
    ep("index", "api/v1/index.json", "端點清單", "This list of endpoints"),
    ep(
        "platforms",
        "api/v1/platforms.json",
        "廉政平臺一覽",
        "All platforms (registry)",
    ),
    ep(
        "platform",
        "api/v1/platforms/{slug}.json",
        "單一平臺全部公開資訊",
        "Everything public about one platform",
    ),
    ep(
        "meetings",
        "api/v1/platforms/{slug}/meetings.json",
        "平臺的會議清單",
        "A platform's meetings",
    ),
    ep(
        "meeting",
        "api/v1/platforms/{slug}/meetings/{name}.json",
        "單一會議及會議紀錄",
        "One meeting with its minutes",
    ),
    ep(
        "patterns",
        "api/v1/patterns.json",
        "弊端態樣及防制作為",
        "Risk patterns and measures",
    ),
    ep("kpis", "api/v1/kpis.json", "關鍵績效指標年度清單", "KPI years"),
    ep(
        "kpi",
        "api/v1/kpis/{year}.json",
        "單一年度關鍵績效指標",
        "KPIs of one year",
    ),
    ep(
        "documents",
        "api/v1/documents.json",
        "所有公開文件及資料檔（大小、SHA-256）",
        "Every published file, with size and SHA-256",
    ),
    ep(
        "changes",
        "api/v1/changes.json",
        "異動紀錄（新到舊），供同步",
        "Records by last change, newest first, for syncing",
    ),
];

const fn ep(name: &'static str, path: &'static str, zh: &'static str, en: &'static str) -> Endpoint {
    Endpoint { name, path, zh, en }
}

/// Schema URL of an endpoint.
pub fn schema_path(name: &str) -> String {
    format!("api/v1/schema/{name}.json")
}

/// `index.json`: the endpoints, datasets and feeds of this build.
pub fn index(site: &Site) -> Value {
    let endpoints: Vec<Value> = ENDPOINTS
        .iter()
        .map(|e| {
            json!({"name": e.name, "url": links::base(site) + e.path,
                "schema_url": links::url(site, &schema_path(e.name)),
                "description": e.zh, "description_en": e.en})
        })
        .collect();
    let datasets: Vec<Value> = super::tables::NAMES
        .iter()
        .map(|n| json!({"name": n, "url": links::url(site, &format!("data/{n}.csv")), "format": "text/csv"}))
        .collect();
    json!({
        "api_version": "v1",
        "title": site.config.title.zh, "title_en": site.config.title.en,
        "publisher": site.config.owner.as_ref().map(|o| o.zh.clone()),
        "generated": site.now.to_string(),
        "endpoints": endpoints,
        "datasets": datasets,
        "oc4ids": links::url(site, "api/oc4ids/projects.json"),
        "feed": links::url(site, "feeds/all.xml"),
        "sitemap": links::url(site, "sitemap.xml"),
    })
}

/// `platforms/<slug>/meetings.json`: the meetings of a platform, in date order.
pub fn meetings(site: &Site, p: &Platform) -> Value {
    let list: Vec<Value> = p
        .meetings
        .iter()
        .map(|m| {
            let mut o = serde_json::Map::new();
            o.insert("name".into(), json!(m.name));
            o.insert("url".into(), json!(links::meeting_page(site, &p.slug, &m.name)));
            o.insert(
                "api_url".into(),
                json!(links::url(site, &api::meeting_path(&p.slug, &m.name))),
            );
            text(&mut o, "title", Some(&m.title));
            o.insert("kind".into(), json!(m.kind.code()));
            o.insert("date".into(), date(Some(m.date)));
            o.insert("decisions_count".into(), json!(m.decisions.len()));
            o.insert("actions_count".into(), json!(m.actions.len()));
            o.insert("documents_count".into(), json!(m.documents.len()));
            Value::Object(o)
        })
        .collect();
    json!({"api_version": "v1", "platform": p.slug, "total": list.len(), "meetings": list})
}

/// `platforms/<slug>/meetings/<name>.json`.
pub fn meeting(site: &Site, p: &Platform, m: &Meeting) -> Value {
    let Value::Object(mut o) = api::meeting(site, p, m) else {
        unreachable!("meeting is an object")
    };
    o.insert("api_version".into(), json!("v1"));
    Value::Object(o)
}

/// `patterns.json`: every published pattern in full.
pub fn patterns(site: &Site) -> Value {
    let list: Vec<Value> = site
        .patterns
        .iter()
        .map(|x| {
            let mut o = serde_json::Map::new();
            o.insert("slug".into(), json!(x.slug));
            o.insert("url".into(), json!(links::url(site, &format!("patterns/{}/", x.slug))));
            text(&mut o, "title", Some(&x.title));
            text(&mut o, "category", x.category.as_ref());
            o.insert("agency".into(), json!(x.agency));
            o.insert("risk_factors".into(), texts(&x.risk_factors));
            o.insert("measures".into(), texts(&x.measures));
            o.insert("date".into(), date(x.date));
            text(&mut o, "summary", x.summary.as_ref());
            o.insert("text".into(), json!(x.body.text));
            Value::Object(o)
        })
        .collect();
    json!({"api_version": "v1", "total": list.len(), "patterns": list})
}

/// `kpis.json`: the KPI years, each with counts of indicators met and missed.
pub fn kpis(site: &Site, derived: &Derived) -> Value {
    let list: Vec<Value> = site
        .kpis
        .iter()
        .map(|k| {
            let met: Vec<Option<bool>> = derived
                .kpis
                .get(&k.year.to_string())
                .map(|gs| gs.iter().flat_map(|g| g.met.iter().copied()).collect())
                .unwrap_or_default();
            let mut o = serde_json::Map::new();
            o.insert("year".into(), json!(k.year));
            text(&mut o, "organization", Some(&k.organization));
            o.insert("url".into(), json!(links::url(site, &format!("kpis/{}/", k.year))));
            o.insert(
                "api_url".into(),
                json!(links::url(site, &format!("api/v1/kpis/{}.json", k.year))),
            );
            o.insert("goals_count".into(), json!(k.goals.len()));
            o.insert("indicators_count".into(), json!(met.len()));
            o.insert(
                "met_count".into(),
                json!(met.iter().filter(|m| **m == Some(true)).count()),
            );
            o.insert(
                "missed_count".into(),
                json!(met.iter().filter(|m| **m == Some(false)).count()),
            );
            let score = derived.kpi_scores.get(&k.year.to_string()).and_then(|s| s.score);
            o.insert("score".into(), json!(score));
            Value::Object(o)
        })
        .collect();
    json!({"api_version": "v1", "total": list.len(), "years": list})
}

/// `kpis/<year>.json`: goals and indicators, each indicator marked met or missed.
pub fn kpi(site: &Site, derived: &Derived, k: &KpiYear) -> Value {
    let results = derived.kpis.get(&k.year.to_string());
    let goals: Vec<Value> = k
        .goals
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let met = results.and_then(|r| r.get(gi)).map(|r| r.met.clone());
            let indicators: Vec<Value> = g
                .indicators
                .iter()
                .enumerate()
                .map(|(ii, i)| indicator(i, met.as_ref().and_then(|m| m.get(ii).copied().flatten())))
                .collect();
            let mut o = serde_json::Map::new();
            o.insert("id".into(), json!(g.id));
            text(&mut o, "title", Some(&g.title));
            o.insert("weight".into(), json!(g.weight));
            score_fields(&mut o, results.and_then(|r| r.get(gi)).map(|r| &r.score));
            o.insert("indicators".into(), Value::Array(indicators));
            Value::Object(o)
        })
        .collect();
    let mut o = serde_json::Map::new();
    o.insert("api_version".into(), json!("v1"));
    o.insert("year".into(), json!(k.year));
    o.insert("url".into(), json!(links::url(site, &format!("kpis/{}/", k.year))));
    text(&mut o, "organization", Some(&k.organization));
    text(&mut o, "note", k.note.as_ref());
    score_fields(&mut o, derived.kpi_scores.get(&k.year.to_string()));
    o.insert("goals".into(), Value::Array(goals));
    Value::Object(o)
}

/// The weighted score (docs/checks.md §5): `score` 0–100 or `null` when no indicator has a
/// result yet, and the weights it comes from.
fn score_fields(o: &mut serde_json::Map<String, Value>, s: Option<&crate::derive::kpi::Score>) {
    o.insert("score".into(), json!(s.and_then(|s| s.score)));
    o.insert("met_weight".into(), json!(s.map_or(0.0, |s| s.met_weight)));
    o.insert("known_weight".into(), json!(s.map_or(0.0, |s| s.known_weight)));
    o.insert("total_weight".into(), json!(s.map_or(0.0, |s| s.total_weight)));
}

fn indicator(i: &Indicator, met: Option<bool>) -> Value {
    let mut o = serde_json::Map::new();
    text(&mut o, "title", Some(&i.title));
    o.insert("weight".into(), json!(i.weight));
    text(&mut o, "formula", i.formula.as_ref());
    text(&mut o, "unit", i.unit.as_ref());
    o.insert("target".into(), json!(i.target));
    o.insert("actual".into(), json!(i.actual));
    o.insert("direction".into(), json!(i.direction.code()));
    o.insert("met".into(), json!(met));
    text(&mut o, "note", i.note.as_ref());
    Value::Object(o)
}
