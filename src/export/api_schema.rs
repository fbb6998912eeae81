//! JSON Schemas (draft-07) of the API endpoints, published at
//! `/api/v1/schema/<endpoint>.json`: the machine-readable form of the field contract in
//! docs/api.md. Strict (`additionalProperties: false`, every key required, `null` where
//! a value is absent) so the tests, which validate every emitted file against its
//! schema, catch any drift between [`super::api`] and this file.

use serde_json::{Value, json};

use super::catalog::ENDPOINTS;
use crate::model::*;

/// An object schema under construction: its fields in order, all required.
#[derive(Default)]
struct O(Vec<(String, Value)>);

impl O {
    fn f(mut self, k: &str, v: Value) -> O {
        self.0.push((k.to_string(), v));
        self
    }
    /// `k` and `k_en`: a required Chinese text and its optional twin.
    fn text(self, k: &str) -> O {
        self.f(k, s()).f(&format!("{k}_en"), ns())
    }
    /// `k` and `k_en`, both optional.
    fn ntext(self, k: &str) -> O {
        self.f(k, ns()).f(&format!("{k}_en"), ns())
    }
    fn build(self) -> Value {
        let required: Vec<&String> = self.0.iter().map(|(k, _)| k).collect();
        let props: serde_json::Map<String, Value> = self.0.iter().cloned().collect();
        json!({"type": "object", "required": required, "properties": props, "additionalProperties": false})
    }
}

fn s() -> Value {
    json!({"type": "string"})
}
fn ns() -> Value {
    json!({"type": ["string", "null"]})
}
fn uri() -> Value {
    json!({"type": "string", "format": "uri"})
}
fn nuri() -> Value {
    json!({"type": ["string", "null"], "format": "uri"})
}
fn date() -> Value {
    json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
}
fn ndate() -> Value {
    json!({"type": ["string", "null"], "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
}
fn int() -> Value {
    json!({"type": "integer", "minimum": 0})
}
fn nint() -> Value {
    json!({"type": ["integer", "null"], "minimum": 0})
}
fn nnum() -> Value {
    json!({"type": ["number", "null"]})
}
fn num() -> Value {
    json!({"type": "number"})
}
fn boolean() -> Value {
    json!({"type": "boolean"})
}
fn arr(item: Value) -> Value {
    json!({"type": "array", "items": item})
}
fn strings() -> Value {
    arr(s())
}
fn codes(c: impl IntoIterator<Item = &'static str>) -> Value {
    json!({"type": "string", "enum": c.into_iter().collect::<Vec<_>>()})
}
fn ncodes(c: impl IntoIterator<Item = &'static str>) -> Value {
    let mut v: Vec<Value> = c.into_iter().map(Value::from).collect();
    v.push(Value::Null);
    json!({"enum": v})
}
fn stage() -> Value {
    ncodes(Stage::ALL.iter().map(|c| c.code()))
}
fn half_year() -> Value {
    json!({"type": "string", "pattern": "^[0-9]{4}-H[12]$"})
}

/// The top of every dataset: version and licence notice.
fn top() -> O {
    O::default()
        .f("api_version", json!({"const": "v1"}))
        .f("license", s())
        .f("license_en", ns())
        .f("license_url", nuri())
        .f("attribution", s())
        .f("attribution_en", s())
}

/// Every endpoint's schema, by endpoint name.
pub fn schemas() -> Vec<(&'static str, Value)> {
    ENDPOINTS
        .iter()
        .map(|e| {
            let body = match e.name {
                "index" => index(),
                "platforms" => platforms(),
                "platform" => platform(top()),
                "meetings" => meetings(),
                "meeting" => meeting(top()),
                "patterns" => patterns(),
                "kpis" => kpis(),
                "kpi" => kpi(),
                "documents" => documents(),
                _ => changes(),
            };
            let mut v = json!({"$schema": "http://json-schema.org/draft-07/schema#",
                "title": format!("touming API v1: {}", e.path), "description": format!("{} — {}", e.zh, e.en)});
            if let (Value::Object(m), Value::Object(b)) = (&mut v, body) {
                m.extend(b);
            }
            (e.name, v)
        })
        .collect()
}

fn index() -> Value {
    let endpoint = O::default()
        .f("name", s())
        .f("url", s())
        .f("schema_url", uri())
        .f("description", s())
        .f("description_en", s())
        .build();
    let dataset = O::default().f("name", s()).f("url", uri()).f("format", s()).build();
    top()
        .text("title")
        .f("publisher", ns())
        .f("generated", date())
        .f("endpoints", arr(endpoint))
        .f("datasets", arr(dataset))
        .f("oc4ids", uri())
        .f("feed", uri())
        .f("sitemap", uri())
        .build()
}

fn summary(o: O) -> O {
    o.f("slug", s())
        .f("url", uri())
        .f("api_url", uri())
        .text("title")
        .f("agency", s())
        .ntext("agency_name")
        .f("level", ncodes(Level::ALL.iter().map(|c| c.code())))
        .ntext("parent")
        .ntext("project")
        .f("case_type", codes(CaseType::ALL.iter().map(|c| c.code())))
        .f("amount_ntd", nint())
        .f("amount_approximate", json!({"type": ["boolean", "null"]}))
        .f("established", date())
        .f("status", codes(Status::ALL.iter().map(|c| c.code())))
        .f("closed_on", ndate())
        .f("current_stage", stage())
        .f("meetings_count", int())
        .f("documents_count", int())
        .f("qa_count", int())
        .f("updated", date())
}

fn platforms() -> Value {
    top()
        .f("publisher", ns())
        .f("total", int())
        .f("total_amount_ntd", int())
        .f("platforms", arr(summary(O::default()).build()))
        .build()
}

fn platform(o: O) -> Value {
    let milestone = O::default()
        .f("stage", codes(Stage::ALL.iter().map(|c| c.code())))
        .f("title", ns())
        .f("planned", ndate())
        .f("actual", ndate())
        .f("note", ns())
        .f("overdue", boolean())
        .f("slip_days", nint())
        .build();
    let check = O::default()
        .f("id", s())
        .f("status", codes(["pass", "warn", "fail", "n/a"]))
        .f("reason", s())
        .f("reason_en", s())
        .build();
    let check_summary = O::default()
        .f("pass", int())
        .f("warn", int())
        .f("fail", int())
        .f("na", int())
        .build();
    summary(o)
        .f("track", codes(["procurement", "investment"]))
        .f("overdue_milestones", int())
        .f("checks", arr(check))
        .f("check_summary", check_summary)
        .f("unaddressed_risks", strings())
        .f("plan_approved", ndate())
        .text("exit")
        .ntext("summary")
        .f("participants", strings())
        .f("tags", strings())
        .f("background", s())
        .f("milestones", arr(milestone))
        .f("links", arr(O::default().text("title").f("url", uri()).build()))
        .f("meetings", arr(meeting(O::default())))
        .f("qa", arr(qa()))
        .f("risks", arr(risk()))
        .f("ethics_log", arr(ethics()))
        .f("evaluation", arr(evaluation()))
        .f("documents", arr(document(O::default())))
        .f("reports", arr(report()))
        .f("actions", arr(action()))
        .build()
}

fn meeting(o: O) -> Value {
    let action = O::default()
        .f("id", s())
        .f("text", s())
        .f("owner", ns())
        .f("due", ndate())
        .f("status", codes(ActionStatus::ALL.iter().map(|c| c.code())))
        .build();
    let update = O::default()
        .f("id", s())
        .f("status", codes(ActionStatus::ALL.iter().map(|c| c.code())))
        .f("note", ns())
        .f("date", date())
        .build();
    o.f("name", s())
        .f("platform", s())
        .f("url", uri())
        .f("api_url", uri())
        .text("title")
        .f("kind", codes(MeetingKind::ALL.iter().map(|c| c.code())))
        .f("date", date())
        .ntext("location")
        .ntext("chair")
        .f("attendees", strings())
        .f("decisions", strings())
        .f("actions", arr(action))
        .f("action_updates", arr(update))
        .f("documents", arr(document(O::default())))
        .ntext("summary")
        .f("minutes", s())
        .build()
}

fn qa() -> Value {
    O::default()
        .f("n", json!({"type": "integer", "minimum": 1}))
        .f("url", uri())
        .text("q")
        .text("a")
        .f("date", ndate())
        .f("category", ns())
        .f("source", ns())
        .build()
}

fn risk() -> Value {
    O::default()
        .f("id", s())
        .text("risk")
        .f("template", ns())
        .f("stage", stage())
        .f("severity", json!({"type": "integer", "minimum": 1, "maximum": 5}))
        .f("likelihood", json!({"type": "integer", "minimum": 1, "maximum": 5}))
        .f("score", json!({"type": "integer", "minimum": 1, "maximum": 25}))
        .f("level", codes(["high", "medium", "low"]))
        .f("measures", strings())
        .f("status", codes(RiskStatus::ALL.iter().map(|c| c.code())))
        .f("reviewed", ndate())
        .f("owner", ns())
        .build()
}

fn ethics() -> Value {
    let o = O::default().f("period", half_year());
    ["lobbying", "gifts", "banquets", "other"]
        .iter()
        .fold(o, |o, k| o.f(k, int()))
        .f("note", ns())
        .build()
}

fn evaluation() -> Value {
    let fig = json!({"type": ["number", "string", "null"]});
    O::default()
        .text("metric")
        .f("before", fig.clone())
        .f("after", fig)
        .f("unit", ns())
        .f("note", ns())
        .build()
}

fn document(o: O) -> Value {
    o.text("title")
        .f("kind", codes(DocKind::ALL.iter().map(|c| c.code())))
        .f("date", ndate())
        .f("url", uri())
        .f("file", ns())
        .f("size", nint())
        .f(
            "sha256",
            json!({"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"}),
        )
        .f("note", ns())
        .build()
}

fn report() -> Value {
    O::default()
        .f("period", half_year())
        .f("title", ns())
        .f("submitted", ndate())
        .f("text", s())
        .build()
}

fn action() -> Value {
    let status = || codes(ActionStatus::ALL.iter().map(|c| c.code()));
    let history = O::default()
        .f("date", date())
        .f("status", status())
        .f("note", ns())
        .f("meeting", s())
        .build();
    O::default()
        .f("id", s())
        .text("text")
        .f("owner", ns())
        .f("due", ndate())
        .f("status", status())
        .f("overdue", boolean())
        .f("opened", date())
        .f("meeting", s())
        .f("history", arr(history))
        .build()
}

fn meetings() -> Value {
    let item = O::default()
        .f("name", s())
        .f("url", uri())
        .f("api_url", uri())
        .text("title")
        .f("kind", codes(MeetingKind::ALL.iter().map(|c| c.code())))
        .f("date", date())
        .f("decisions_count", int())
        .f("actions_count", int())
        .f("documents_count", int())
        .build();
    top()
        .f("platform", s())
        .f("total", int())
        .f("meetings", arr(item))
        .build()
}

fn patterns() -> Value {
    let item = O::default()
        .f("slug", s())
        .f("url", uri())
        .text("title")
        .ntext("category")
        .f("agency", ns())
        .f("risk_factors", strings())
        .f("measures", strings())
        .f("date", ndate())
        .ntext("summary")
        .f("text", s())
        .build();
    top().f("total", int()).f("patterns", arr(item)).build()
}

fn kpis() -> Value {
    let item = O::default()
        .f("year", json!({"type": "integer"}))
        .text("organization")
        .f("url", uri())
        .f("api_url", uri())
        .f("goals_count", int())
        .f("indicators_count", int())
        .f("met_count", int())
        .f("missed_count", int())
        .f("score", nnum())
        .build();
    top().f("total", int()).f("years", arr(item)).build()
}

fn kpi() -> Value {
    let indicator = O::default()
        .text("title")
        .f("weight", nnum())
        .ntext("formula")
        .ntext("unit")
        .f("target", nnum())
        .f("actual", nnum())
        .f("direction", codes(Direction::ALL.iter().map(|c| c.code())))
        .f("met", json!({"type": ["boolean", "null"]}))
        .ntext("note")
        .build();
    let goal = O::default()
        .f("id", ns())
        .text("title")
        .f("weight", nnum())
        .f("score", nnum())
        .f("met_weight", num())
        .f("known_weight", num())
        .f("total_weight", num())
        .f("indicators", arr(indicator))
        .build();
    top()
        .f("year", json!({"type": "integer"}))
        .f("url", uri())
        .text("organization")
        .ntext("note")
        .f("score", nnum())
        .f("met_weight", num())
        .f("known_weight", num())
        .f("total_weight", num())
        .f("goals", arr(goal))
        .build()
}

fn documents() -> Value {
    let doc = document(O::default().f("platform", s()).f("meeting", ns()));
    let data = O::default()
        .f("path", s())
        .f("url", uri())
        .f("size", int())
        .f("sha256", json!({"type": "string", "pattern": "^[0-9a-f]{64}$"}))
        .build();
    top()
        .f("documents_total", int())
        .f("documents", arr(doc))
        .f("data_files_total", int())
        .f("data_files", arr(data))
        .build()
}

fn changes() -> Value {
    let record = O::default()
        .f(
            "id",
            json!({"type": "string", "pattern": "^(platform|meeting|document|qa|report|milestone):"}),
        )
        .f(
            "type",
            codes(["platform", "meeting", "document", "qa", "report", "milestone"]),
        )
        .f("platform", s())
        .f("date", date())
        .text("title")
        .f("url", uri())
        .f("api_url", nuri())
        .f("hash", json!({"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}))
        .build();
    top().f("total", int()).f("records", arr(record)).build()
}
