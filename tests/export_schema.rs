//! JSON Schemas of the content files (`touming schema`): the committed `schemas/` are
//! what the generator writes, their field names are exactly the fields the loader
//! accepts, every YAML file of the example site and of the valid fixture validates
//! against its schema, and the example files point editors at the right schema.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;
use touming::content as raw;

fn generated(name: &str) -> Value {
    let file = touming::export::schema().into_iter().find(|f| f.path == name).unwrap();
    serde_json::from_slice(&file.bytes).unwrap()
}

#[test]
fn committed_schemas_are_what_touming_schema_writes() {
    let files = touming::export::schema();
    assert_eq!(files.len(), 8);
    for f in files {
        let path = Path::new("schemas").join(&f.path);
        let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            committed == f.bytes,
            "{} is stale: run `touming schema --out schemas`",
            path.display()
        );
        assert!(jsonschema::meta::is_valid(&serde_json::from_slice(&f.bytes).unwrap()));
    }
}

/// The field names a raw struct accepts, read from its `deny_unknown_fields` message.
fn accepted<T: DeserializeOwned + std::fmt::Debug>() -> BTreeSet<String> {
    let err = serde_saphyr::from_str::<T>("__probe__: 1").unwrap_err().to_string();
    let list = err.split("expected one of ").nth(1).unwrap().lines().next().unwrap();
    list.split(", ").map(|s| s.trim_matches('`').to_string()).collect()
}

fn properties(schema: &Value, pointer: &str) -> BTreeSet<String> {
    let obj = schema.pointer(pointer).unwrap_or_else(|| panic!("{pointer}"));
    obj["properties"].as_object().unwrap().keys().cloned().collect()
}

/// Visibility fields the loader accepts everywhere but only honours on entries.
const ROOT_ONLY: [&str; 3] = ["draft", "publish_after", "confidential_until"];

fn same_fields(schema: &str, pointer: &str, loader: BTreeSet<String>, root: bool) {
    let mut expected = loader;
    if root {
        expected.retain(|k| !ROOT_ONLY.contains(&k.as_str()));
    }
    assert_eq!(properties(&generated(schema), pointer), expected, "{schema} {pointer}");
}

#[test]
fn schema_fields_are_exactly_the_fields_the_loader_accepts() {
    same_fields("site.schema.json", "", accepted::<raw::SiteRaw>(), true);
    same_fields(
        "site.schema.json",
        "/properties/contact",
        accepted::<raw::ContactRaw>(),
        true,
    );
    same_fields("agencies.schema.json", "/items", accepted::<raw::AgencyRaw>(), false);
    same_fields("qa.schema.json", "/items", accepted::<raw::QaRaw>(), false);
    same_fields("risks.schema.json", "/items", accepted::<raw::RiskRaw>(), false);
    same_fields("ethics-log.schema.json", "/items", accepted::<raw::EthicsRaw>(), false);
    same_fields(
        "evaluation.schema.json",
        "/items",
        accepted::<raw::EvaluationRaw>(),
        false,
    );
    same_fields("documents.schema.json", "/items", accepted::<raw::DocumentRaw>(), false);
    same_fields("kpis.schema.json", "", accepted::<raw::KpiRaw>(), false);
    same_fields(
        "kpis.schema.json",
        "/properties/goals/items",
        accepted::<raw::GoalRaw>(),
        false,
    );
    let indicators = "/properties/goals/items/properties/indicators/items";
    same_fields("kpis.schema.json", indicators, accepted::<raw::IndicatorRaw>(), false);
}

/// The schema of a standalone YAML file of the content layout, if it has one.
fn schema_for(rel: &Path) -> Option<&'static str> {
    let name = rel.file_name()?.to_str()?;
    let parent = rel.parent()?.file_name().and_then(|p| p.to_str()).unwrap_or("");
    Some(match name {
        "site.yaml" => "site.schema.json",
        "agencies.yaml" => "agencies.schema.json",
        "qa.yaml" => "qa.schema.json",
        "risks.yaml" => "risks.schema.json",
        "ethics-log.yaml" => "ethics-log.schema.json",
        "evaluation.yaml" => "evaluation.schema.json",
        "documents.yaml" => "documents.schema.json",
        _ if parent == "kpis" && name.ends_with(".yaml") => "kpis.schema.json",
        _ => return None,
    })
}

fn yaml_files(root: &str) -> Vec<(PathBuf, &'static str)> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            schema_for(&rel).map(|s| (e.path().to_path_buf(), s))
        })
        .collect()
}

#[test]
fn every_yaml_file_of_the_example_and_the_fixture_validates_against_its_schema() {
    for root in ["content", "tests/fixtures/valid/content"] {
        let files = yaml_files(root);
        assert!(files.len() >= 8, "{root}: {}", files.len());
        for (path, schema) in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: Value = serde_saphyr::from_str(&text).unwrap();
            let validator = jsonschema::validator_for(&generated(schema)).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}:\n{}", path.display(), errors.join("\n"));
        }
    }
}

#[test]
fn schemas_catch_a_typo_and_a_wrong_code() {
    let qa = jsonschema::validator_for(&generated("qa.schema.json")).unwrap();
    assert!(qa.is_valid(&serde_json::json!([{"q": "問", "a": "答", "date": 1100511}])));
    assert!(!qa.is_valid(&serde_json::json!([{"q": "問", "a": "答", "catgory": "x"}])));
    let risks = jsonschema::validator_for(&generated("risks.schema.json")).unwrap();
    assert!(!risks.is_valid(&serde_json::json!([{"id": "R1", "risk": "x", "severity": 6, "likelihood": 1}])));
    let site = generated("site.schema.json");
    let desc = site["properties"]["title"]["description"].as_str().unwrap();
    assert!(
        desc.contains("網站標題") && desc.contains("Site title"),
        "bilingual hints"
    );
}

#[test]
fn example_yaml_files_point_editors_at_their_schema() {
    for (path, schema) in yaml_files("content") {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or("");
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: no schema line", path.display()));
        assert!(
            target.ends_with(&format!("schemas/{schema}")),
            "{}: {target}",
            path.display()
        );
        let resolved = path.parent().unwrap().join(target);
        assert!(
            resolved.exists(),
            "{}: {} does not exist",
            path.display(),
            resolved.display()
        );
    }
}
