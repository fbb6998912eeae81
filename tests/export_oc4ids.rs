//! OC4IDS 0.9.5 packages of the example site and the valid fixture validate against the
//! official package schema (Draft 4, its `$ref` resolved to the local project schema)
//! with no errors, also with our extension merged in, and every code comes from its
//! codelist. The schema and codelists live in `../shared/oc4ids` (or `$OC4IDS_SCHEMA_DIR`).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jsonschema::{Draft, Retrieve, Uri};
use serde_json::Value;
use support::exports;

const SITES: [&str; 2] = ["content", "tests/fixtures/valid/content"];
const PROJECT_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json";

fn oc4ids_dir() -> PathBuf {
    std::env::var_os("OC4IDS_SCHEMA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/oc4ids/schema/project-level"))
}

fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Serves the project schema (optionally patched) for the package schema's `$ref`.
struct Local(Value);

impl Retrieve for Local {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        match uri.as_str() {
            PROJECT_SCHEMA_URL => Ok(self.0.clone()),
            other => Err(format!("no local copy of {other}").into()),
        }
    }
}

/// RFC 7386 JSON Merge Patch, as OCDS extensions are applied.
fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn validation_errors(project_schema: Value, package: &Value) -> Vec<String> {
    let package_schema = read_json(oc4ids_dir().join("project-package-schema.json"));
    let validator = jsonschema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(Local(project_schema))
        .build(&package_schema)
        .unwrap();
    validator
        .iter_errors(package)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn packages(files: &BTreeMap<String, Vec<u8>>) -> Vec<(&String, Value)> {
    let list: Vec<_> = files
        .iter()
        .filter(|(p, _)| p.starts_with("api/oc4ids/projects"))
        .map(|(p, b)| (p, serde_json::from_slice(b).unwrap()))
        .collect();
    assert!(list.len() >= 3);
    list
}

#[test]
fn every_package_validates_against_the_oc4ids_0_9_5_package_schema() {
    let project_schema = read_json(oc4ids_dir().join("project-schema.json"));
    for site in SITES {
        for (path, package) in packages(&exports(site)) {
            let errors = validation_errors(project_schema.clone(), &package);
            assert!(errors.is_empty(), "{site} {path}:\n{}", errors.join("\n"));
        }
    }
}

#[test]
fn extension_fields_validate_against_the_schema_with_the_extension_applied() {
    let files = exports("content");
    let mut schema = read_json(oc4ids_dir().join("project-schema.json"));
    let patch: Value = serde_json::from_slice(&files["api/oc4ids/extension/project-schema.json"]).unwrap();
    merge(&mut schema, &patch);
    let package: Value = serde_json::from_slice(&files["api/oc4ids/projects.json"]).unwrap();
    let errors = validation_errors(schema, &package);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let extension: Value = serde_json::from_slice(&files["api/oc4ids/extension/extension.json"]).unwrap();
    assert_eq!(extension["schemas"][0], "project-schema.json");
    assert_eq!(
        package["extensions"][0],
        "https://example.gov.tw/touming/api/oc4ids/extension/extension.json"
    );
}

/// The codes of one codelist CSV (first column).
fn codelist(name: &str) -> BTreeSet<String> {
    let path = oc4ids_dir().join("codelists").join(name);
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records().map(|rec| rec.unwrap()[0].to_string()).collect()
}

/// Every string at `path` (`a/*/b`, `*` for each array item) under a value.
fn at<'a>(v: &'a Value, path: &[&str]) -> Vec<&'a Value> {
    match path.split_first() {
        None => vec![v],
        Some((&"*", rest)) => v.as_array().into_iter().flatten().flat_map(|x| at(x, rest)).collect(),
        Some((key, rest)) => v.get(*key).map(|x| at(x, rest)).unwrap_or_default(),
    }
}

#[test]
fn every_code_comes_from_its_oc4ids_codelist() {
    let checks: [(&[&str], &str); 9] = [
        (&["status"], "projectStatus.csv"),
        (&["type"], "projectType.csv"),
        (&["sector", "*"], "projectSector.csv"),
        (&["parties", "*", "roles", "*"], "partyRole.csv"),
        (&["milestones", "*", "type"], "milestoneType.csv"),
        (&["milestones", "*", "status"], "milestoneStatus.csv"),
        (&["milestones", "*", "code"], "milestoneCode.csv"),
        (&["documents", "*", "documentType"], "documentType.csv"),
        (&["budget", "amount", "currency"], "currency.csv"),
    ];
    for site in SITES {
        let files = exports(site);
        let package: Value = serde_json::from_slice(&files["api/oc4ids/projects.json"]).unwrap();
        for project in package["projects"].as_array().unwrap() {
            for (path, list) in checks {
                let codes = codelist(list);
                for code in at(project, path) {
                    let code = code.as_str().unwrap();
                    assert!(
                        codes.contains(code),
                        "{site} {}: {code} is not in {list}",
                        project["id"]
                    );
                }
            }
        }
    }
}

#[test]
fn a_platform_maps_to_the_project_it_guards() {
    let files = exports("tests/fixtures/valid/content");
    let package: Value = serde_json::from_slice(&files["api/oc4ids/projects/danjiang-bridge.json"]).unwrap();
    let p = &package["projects"][0];
    assert_eq!(p["id"], "oc4ids-example-gov-tw-danjiang-bridge");
    assert_eq!(p["title"], "淡江大橋及其連絡道路新建工程");
    assert_eq!(p["status"], "implementation");
    assert_eq!(p["sector"], serde_json::json!(["transport", "transport.road"]));
    assert_eq!(
        p["budget"]["amount"],
        serde_json::json!({"amount": 12500000000u64, "currency": "TWD"})
    );
    assert_eq!(p["publicAuthority"]["id"], "agency-thb-north");
    let monitors = at(p, &["parties", "*"])
        .into_iter()
        .filter(|x| x["roles"][0] == "independentMonitor")
        .count();
    assert_eq!(monitors, 3, "檢察署, 廉政署, 調查局");
    let types: Vec<&Value> = at(p, &["documents", "*", "documentType"]);
    for t in [
        "minutes",
        "clarifications",
        "projectPlan",
        "oversightReport",
        "riskProvisions",
    ] {
        assert!(types.iter().any(|x| *x == t), "{t}");
    }
    let meeting = at(p, &["milestones", "*"])
        .into_iter()
        .find(|m| m["id"] == "meeting-2021-05-11-liaison-4")
        .unwrap();
    assert_eq!(meeting["type"], "engagement");
    assert_eq!(meeting["dateMet"], "2021-05-11T00:00:00+08:00");
    assert_eq!(p["touming_riskRegister"][0]["level"], "high");
    assert_eq!(package["publishedDate"], "2026-11-21T00:00:00+08:00");
    assert_eq!(package["version"], "0.9");
}

#[test]
fn the_validator_rejects_a_code_outside_a_closed_codelist() {
    let files = exports("tests/fixtures/valid/content");
    let mut package: Value = serde_json::from_slice(&files["api/oc4ids/projects.json"]).unwrap();
    package["projects"][0]["status"] = Value::from("completed");
    package["projects"][0]["milestones"][0]["dateMet"] = Value::from("2021-05-11");
    let errors = validation_errors(read_json(oc4ids_dir().join("project-schema.json")), &package);
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn issue_5_awkward_file_names_and_agency_urls_stay_valid_oc4ids() {
    let project_schema = read_json(oc4ids_dir().join("project-schema.json"));
    // The check can fail: an agency URL published as written is not a `format: uri`.
    let mut bad = serde_json::from_slice::<Value>(&exports(SITES[1])["api/oc4ids/projects.json"]).unwrap();
    bad["projects"][0]["documents"][0]["url"] = "https://web.pcc.gov.tw/q?ids[0]=1&t=50%".into();
    assert!(!validation_errors(project_schema.clone(), &bad).is_empty());
    let tmp = support::awkward_urls();
    let files = exports(tmp.path().join("content").to_str().unwrap());
    for (path, package) in packages(&files) {
        let errors = validation_errors(project_schema.clone(), &package);
        assert!(errors.is_empty(), "{path}:\n{}", errors.join("\n"));
    }
    let text = String::from_utf8_lossy(&files["api/oc4ids/projects.json"]).into_owned();
    assert!(text.contains("files/%E6%9C%83%E8%AD%B0%231%20100%25.txt\""), "{text}");
    assert!(
        text.contains("query?ids%5B0%5D=1\\u0026t=50%25#top%23list\"")
            || text.contains("query?ids%5B0%5D=1&t=50%25#top%23list\"")
    );
}
