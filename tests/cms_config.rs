//! `touming cms`: the generated `admin/config.yml` parses, covers every field of the
//! contract with the right widgets and vocabularies, and matches its snapshot;
//! `admin/index.html` loads the CMS under its own Content-Security-Policy.

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use touming::cms::{self, App, CmsOptions};
use touming::content::raw::*;
use touming::content::{self, RawContent};
use touming::diagnostic::Diagnostics;
use touming::model::vocab::{CaseType, MeetingKind};
use touming::scaffold::contract::field_names;

const VALID: &str = "tests/fixtures/valid/content";

fn raw() -> RawContent {
    let mut diags = Diagnostics::default();
    let raw = content::load(Path::new(VALID), &mut diags);
    assert!(!diags.has_errors(), "{diags}");
    raw
}

fn opts(app: App) -> CmsOptions {
    CmsOptions {
        app,
        repo: "example-gov/integrity-zone".into(),
        branch: "main".into(),
        auth_url: Some("https://auth.example.workers.dev".into()),
        ..CmsOptions::default()
    }
}

/// The generated YAML, parsed back (as the CMS would).
fn parsed(app: App) -> Value {
    let yaml = cms::config_yaml(&raw(), &opts(app));
    serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields}"))
}

fn file<'a>(c: &'a Value, name: &str) -> &'a Value {
    c["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap()
}

/// Fields of `T` missing from `fields`, except `skip`.
fn missing<T: for<'de> serde::Deserialize<'de>>(fields: &Value, skip: &[&str]) -> Vec<&'static str> {
    let names: Vec<&str> = fields
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    field_names::<T>()
        .iter()
        .copied()
        .filter(|f| !skip.contains(f) && !names.contains(f))
        .collect()
}

#[test]
fn the_config_parses_and_matches_its_snapshot() {
    let yaml = cms::config_yaml(&raw(), &opts(App::Sveltia));
    let v: Value = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(v["backend"]["name"], "github");
    assert_eq!(v["backend"]["repo"], "example-gov/integrity-zone");
    assert_eq!(v["backend"]["base_url"], "https://auth.example.workers.dev");
    assert_eq!(v["publish_mode"], "editorial_workflow");
    assert_eq!(v["output"]["omit_empty_optional_fields"], true);
    insta::assert_snapshot!("cms_config_valid_fixture", yaml);
}

const OUTSIDE: [&str; 1] = ["confidential_until"];

/// Fail with every `(what, missing fields)` that is not empty.
fn assert_covered(cases: Vec<(&str, Vec<&str>)>) {
    let gaps: Vec<_> = cases.into_iter().filter(|(_, m)| !m.is_empty()).collect();
    assert!(gaps.is_empty(), "fields the editor lacks: {gaps:?}");
}

#[test]
fn every_field_of_a_platform_folder_is_editable() {
    let v = parsed(App::Sveltia);
    let platform = &collection(&v, "platforms")["fields"];
    let meeting = &collection(&v, "meetings-danjiang-bridge")["fields"];
    let data = collection(&v, "data-danjiang-bridge");
    let items = |name: &str| file(data, name)["fields"][0]["fields"].clone();
    let inner = |f: &Value, name: &str| field(f, name)["fields"].clone();
    let reports = &collection(&v, "reports-danjiang-bridge")["fields"];
    assert_covered(vec![
        ("platform", missing::<PlatformRaw>(platform, &[])),
        (
            "milestones",
            missing::<MilestoneRaw>(&inner(platform, "milestones"), &OUTSIDE),
        ),
        ("links", missing::<LinkRaw>(&inner(platform, "links"), &OUTSIDE)),
        ("meeting", missing::<MeetingRaw>(meeting, &[])),
        ("actions", missing::<ActionRaw>(&inner(meeting, "actions"), &[])),
        ("updates", missing::<UpdateRaw>(&inner(meeting, "action_updates"), &[])),
        ("attachments", missing::<DocumentRaw>(&inner(meeting, "documents"), &[])),
        ("qa", missing::<QaRaw>(&items("qa"), &[])),
        ("risks", missing::<RiskRaw>(&items("risks"), &[])),
        ("ethics-log", missing::<EthicsRaw>(&items("ethics-log"), &[])),
        ("evaluation", missing::<EvaluationRaw>(&items("evaluation"), &[])),
        ("documents", missing::<DocumentRaw>(&items("documents"), &[])),
        ("reports", missing::<ReportRaw>(reports, &[])),
    ]);
}

#[test]
fn every_field_of_the_site_wide_files_is_editable() {
    let v = parsed(App::Sveltia);
    let vis = ["draft", "publish_after", "confidential_until"];
    let settings = collection(&v, "settings");
    let site = &file(settings, "site")["fields"];
    let agencies = &file(settings, "agencies")["fields"][0]["fields"];
    let kpi = &collection(&v, "kpis")["fields"];
    let goals = &field(kpi, "goals")["fields"];
    assert_covered(vec![
        // `allow_html` and `cms` change what the site trusts and who edits it: they are
        // edited in git by the site's maintainers, deliberately not in the web form.
        (
            "site",
            missing::<SiteRaw>(site, &[&vis[..], &["allow_html", "cms"]].concat()),
        ),
        (
            "contact",
            missing::<ContactRaw>(&field(site, "contact")["fields"], &vis),
        ),
        ("agencies", missing::<AgencyRaw>(agencies, &OUTSIDE)),
        (
            "pages",
            missing::<PageRaw>(&collection(&v, "pages")["fields"], &OUTSIDE),
        ),
        (
            "patterns",
            missing::<PatternRaw>(&collection(&v, "patterns")["fields"], &OUTSIDE),
        ),
        ("kpis", missing::<KpiRaw>(kpi, &OUTSIDE)),
        ("goals", missing::<GoalRaw>(goals, &OUTSIDE)),
        (
            "indicators",
            missing::<IndicatorRaw>(&field(goals, "indicators")["fields"], &OUTSIDE),
        ),
    ]);
}

fn values(f: &Value) -> Vec<String> {
    f["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn platform_widgets_follow_the_field_types() {
    let v = parsed(App::Sveltia);
    let platform = &collection(&v, "platforms")["fields"];
    let case_types: Vec<String> = CaseType::ALL.iter().map(|c| c.code().to_string()).collect();
    assert_eq!(values(field(platform, "case_type")), case_types);
    assert_eq!(
        field(platform, "case_type")["options"][0]["label"],
        "採購（procurement）"
    );
    let agencies = values(field(platform, "agency"));
    assert_eq!(agencies, ["thb-north", "taipei-dorts", "draft-agency"]);
    let established = field(platform, "established");
    assert_eq!(established["widget"], "datetime");
    assert_eq!(established["format"], "YYYY-MM-DD");
    assert_eq!(established["time_format"], false);
    assert!(established.get("required").is_none(), "required by default");
    assert_eq!(field(platform, "title_en")["required"], false);
    assert_eq!(field(platform, "body")["widget"], "markdown");
    let hint = field(platform, "title")["hint"].as_str().unwrap();
    assert!(hint.contains("淡江大橋廉政平臺"), "{hint}");
}

#[test]
fn meeting_and_risk_widgets_follow_the_field_types() {
    let v = parsed(App::Sveltia);
    let meeting = &collection(&v, "meetings-danjiang-bridge")["fields"];
    let kinds: Vec<String> = MeetingKind::ALL.iter().map(|c| c.code().to_string()).collect();
    assert_eq!(values(field(meeting, "kind")), kinds);
    let attachment = field(&field(meeting, "documents")["fields"], "file");
    assert_eq!(attachment["widget"], "file");
    let folder = "/content/platforms/danjiang-bridge/files";
    assert_eq!(attachment["media_folder"], folder);
    assert_eq!(attachment["public_folder"], "files");
    let risks = &file(collection(&v, "data-danjiang-bridge"), "risks")["fields"][0];
    assert_eq!(risks["root"], true);
    let severity = field(&risks["fields"], "severity");
    assert_eq!(severity["widget"], "number");
    assert_eq!((severity["min"].as_i64(), severity["max"].as_i64()), (Some(1), Some(5)));
    assert_eq!(severity["value_type"], "int");
    let templates = values(field(&risks["fields"], "template"));
    assert!(templates.contains(&"base-price-leak".to_string()));
    assert!(
        !templates.contains(&"selection-leak".to_string()),
        "procurement track only"
    );
}

#[test]
fn decap_gets_what_it_can_handle() {
    let v = parsed(App::Decap);
    assert!(v.get("output").is_none());
    let platforms = collection(&v, "platforms");
    assert_eq!(platforms["create"], false);
    assert!(platforms.get("slug").is_none());
    assert!(!cms::config_yaml(&raw(), &opts(App::Decap)).contains("root: true"));
    let settings = collection(&v, "settings");
    assert_eq!(
        settings["files"].as_array().unwrap().len(),
        1,
        "agencies.yaml is a top-level list"
    );
    let plan = field(&platforms["fields"], "plan_approved");
    assert_eq!(plan["widget"], "string", "optional dates are text in Decap");
    assert!(plan["pattern"][0].as_str().unwrap().starts_with('^'));
    assert_eq!(field(&platforms["fields"], "established")["widget"], "datetime");
}

#[test]
fn index_html_loads_the_cms_under_its_own_policy() {
    let html = cms::index_html(&opts(App::Sveltia));
    assert!(
        html.contains("<script src=\"https://unpkg.com/@sveltia/cms/dist/sveltia-cms.js\" type=\"module\"></script>")
    );
    let csp = cms::content_security_policy(&opts(App::Sveltia));
    assert!(html.contains(&format!("content=\"{csp}\"")));
    assert!(csp.contains("script-src 'self' https://unpkg.com;"));
    assert!(csp.contains("https://api.github.com") && csp.contains("https://auth.example.workers.dev"));
    assert!(!csp.contains("unsafe-eval"));
    assert!(cms::content_security_policy(&opts(App::Decap)).contains("'unsafe-eval'"));
    let files = cms::cms_files(&raw(), &opts(App::Sveltia));
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["admin/config.yml", "admin/index.html"]);
}

#[test]
fn the_binary_writes_admin_for_a_new_site() {
    let tmp = tempfile::tempdir().unwrap();
    touming::scaffold::new_site(tmp.path(), "2026-11-21".parse().unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_touming"))
        .current_dir(tmp.path())
        .args(["cms", "--repo", "gov/zone", "--app", "decap"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let yaml = std::fs::read_to_string(tmp.path().join("admin/config.yml")).unwrap();
    let v: Value = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(collection(&v, "platforms")["folder"], "content/platforms");
    assert_eq!(
        collection(&v, "meetings-example-platform")["folder"],
        "content/platforms/example-platform/meetings"
    );
    assert!(tmp.path().join("admin/index.html").is_file());
}
