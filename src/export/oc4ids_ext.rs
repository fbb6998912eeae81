//! The touming extension to OC4IDS: what an integrity platform publishes that the
//! standard has no field for, namespaced `touming_*` so it can never clash with a later
//! OC4IDS field. Published at `/api/oc4ids/extension/extension.json` (metadata, in the
//! OCDS extension format) with `project-schema.json` (a JSON Merge Patch to the project
//! schema); packages name it in `extensions`.
//!
//! - `touming_platform` — the integrity platform itself (廉政平臺): slug, pages, case
//!   type, dates, status, current stage, exit condition.
//! - `touming_riskRegister` — 廉政風險查檢表: each risk with severity × likelihood.
//! - `touming_ethicsLog` — 廉政倫理事件登錄: counts per half-year (never names).
//! - `touming_evaluation` — 效益評估: before/after figures.
//! - `touming_actionTracking` — 措施管考: counts of tracked actions by state.

use serde_json::{Map, Value, json};

use super::api::date;
use super::{api, links};
use crate::derive::PlatformDerived;
use crate::model::*;

pub const EXTENSION_PATH: &str = "api/oc4ids/extension/extension.json";
pub const PATCH_PATH: &str = "api/oc4ids/extension/project-schema.json";

/// Add the extension's fields to a project.
pub fn fields(site: &Site, p: &Platform, d: &PlatformDerived, o: &mut Map<String, Value>) {
    o.insert("touming_platform".into(), platform(site, p, d));
    let risks: Vec<Value> = p
        .risks
        .iter()
        .map(|r| {
            json!({"id": r.id, "risk": r.risk.zh, "risk_en": r.risk.en, "template": r.template,
                "stage": r.stage.map(|s| s.code()), "severity": r.severity, "likelihood": r.likelihood,
                "score": u16::from(r.severity) * u16::from(r.likelihood),
                "level": crate::derive::risks::level(r.severity, r.likelihood),
                "measures": api::texts(&r.measures), "status": r.status.code(),
                "reviewed": date(r.reviewed)})
        })
        .collect();
    o.insert("touming_riskRegister".into(), Value::Array(risks));
    let log: Vec<Value> = p
        .ethics_log
        .iter()
        .map(|e| {
            json!({"period": e.period.code(), "lobbying": e.lobbying, "gifts": e.gifts,
                "banquets": e.banquets, "other": e.other})
        })
        .collect();
    o.insert("touming_ethicsLog".into(), Value::Array(log));
    o.insert("touming_evaluation".into(), evaluation(p));
    o.insert("touming_actionTracking".into(), actions(d));
}

fn platform(site: &Site, p: &Platform, d: &PlatformDerived) -> Value {
    json!({
        "slug": p.slug, "title": p.title.zh, "title_en": p.title.en,
        "url": links::platform_page(site, &p.slug, None),
        "apiUrl": links::url(site, &api::platform_path(&p.slug)),
        "caseType": p.case_type.code(), "established": date(Some(p.established)),
        "planApproved": date(p.plan_approved), "status": p.status.code(),
        "closedOn": date(p.closed_on), "currentStage": d.current_stage.map(|s| s.code()),
        "exit": p.exit.zh,
    })
}

fn evaluation(p: &Platform) -> Value {
    let fig = |f: &Option<Figure>| {
        f.as_ref()
            .map_or(Value::Null, |f| f.value.map_or(json!(f.text), |v| json!(v)))
    };
    Value::Array(
        p.evaluation
            .iter()
            .map(|e| {
                json!({"metric": e.metric.zh, "before": fig(&e.before), "after": fig(&e.after),
                    "unit": e.unit.as_ref().map(|u| u.zh.clone())})
            })
            .collect(),
    )
}

fn actions(d: &PlatformDerived) -> Value {
    let count = |f: &dyn Fn(&crate::derive::TrackedAction) -> bool| d.actions.iter().filter(|a| f(a)).count();
    json!({
        "total": d.actions.len(),
        "open": count(&|a| !a.status.is_finished()),
        "overdue": count(&|a| a.overdue),
        "done": count(&|a| a.status == ActionStatus::Done),
        "dropped": count(&|a| a.status == ActionStatus::Dropped),
    })
}

/// `extension.json`: the extension's metadata.
pub fn metadata(site: &Site) -> Value {
    json!({
        "name": {"en": "touming integrity platform fields", "zh": "透明：廉政平臺擴充欄位"},
        "description": {
            "en": "Fields of a procurement integrity platform (機關採購廉政平臺) that OC4IDS has no place for: the platform, its risk register, ethics-log counts, evaluation figures and tracked actions.",
            "zh": "OC4IDS 未涵蓋之機關採購廉政平臺資訊：平臺本身、廉政風險查檢表、廉政倫理事件登錄統計、效益評估、措施管考統計。"
        },
        "documentationUrl": {"en": links::url(site, super::oc4ids_ext::PATCH_PATH)},
        "compatibility": ["0.9"],
        "schemas": ["project-schema.json"],
    })
}

/// `project-schema.json`: the Merge Patch adding the `touming_*` fields.
pub fn patch() -> Value {
    let ethics = obj(
        json!({"period": {"type": "string", "pattern": "^[0-9]{4}-H[12]$"}, "lobbying": count(),
            "gifts": count(), "banquets": count(), "other": count()}),
        &["period", "lobbying", "gifts", "banquets", "other"],
    );
    let figure = json!({"type": ["number", "string"]});
    let eval = obj(
        json!({"metric": text(), "before": figure, "after": figure, "unit": text()}),
        &["metric"],
    );
    let tracking = obj(
        json!({"total": count(), "open": count(), "overdue": count(), "done": count(), "dropped": count()}),
        &["total", "open", "overdue", "done", "dropped"],
    );
    let list = |item: Value| json!({"type": "array", "items": item});
    json!({"properties": {
        "touming_platform": titled(platform_schema(), "Integrity platform (廉政平臺)"),
        "touming_riskRegister": titled(list(risk_schema()), "Risk register (廉政風險查檢表)"),
        "touming_ethicsLog": titled(list(ethics), "Ethics log counts per half-year (廉政倫理事件登錄)"),
        "touming_evaluation": titled(list(eval), "Evaluation before/after (效益評估)"),
        "touming_actionTracking": titled(tracking, "Tracked actions (措施管考)"),
    }})
}

fn text() -> Value {
    json!({"type": "string", "minLength": 1})
}

fn count() -> Value {
    json!({"type": "integer", "minimum": 0})
}

fn day() -> Value {
    json!({"type": "string", "format": "date"})
}

fn codes(c: impl Iterator<Item = &'static str>) -> Value {
    json!({"type": "string", "enum": c.collect::<Vec<_>>()})
}

fn obj(props: Value, required: &[&str]) -> Value {
    json!({"type": "object", "properties": props, "required": required})
}

fn titled(mut v: Value, title: &str) -> Value {
    v["title"] = json!(title);
    v
}

fn platform_schema() -> Value {
    let uri = json!({"type": "string", "format": "uri"});
    obj(
        json!({"slug": text(), "title": text(), "title_en": text(), "url": uri, "apiUrl": uri,
            "caseType": codes(CaseType::ALL.iter().map(|c| c.code())),
            "established": day(), "planApproved": day(),
            "status": codes(Status::ALL.iter().map(|c| c.code())), "closedOn": day(),
            "currentStage": codes(Stage::ALL.iter().map(|c| c.code())), "exit": text()}),
        &["slug", "title", "url", "caseType", "established", "status"],
    )
}

fn risk_schema() -> Value {
    let scale = |max: u8| json!({"type": "integer", "minimum": 1, "maximum": max});
    obj(
        json!({"id": text(), "risk": text(), "risk_en": text(), "template": text(),
            "stage": codes(Stage::ALL.iter().map(|c| c.code())),
            "severity": scale(5), "likelihood": scale(5), "score": scale(25),
            "level": codes(["high", "medium", "low"].into_iter()),
            "measures": {"type": "array", "items": text()},
            "status": codes(RiskStatus::ALL.iter().map(|c| c.code())), "reviewed": day()}),
        &["id", "risk", "severity", "likelihood", "score", "level", "status"],
    )
}
