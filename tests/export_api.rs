//! The JSON API (`/api/v1/`) of the example site and the valid fixture: every emitted
//! file validates against the JSON Schema of its endpoint, every dataset carries the
//! licence notice, the change list is newest first with unique ids, the manifest's
//! hashes are the files' hashes, nothing draft or embargoed leaks, and two builds agree.

mod support;

use std::collections::BTreeMap;

use serde_json::Value;
use support::exports;

const SITES: [&str; 2] = ["content", "tests/fixtures/valid/content"];
const FIXTURE: &str = "tests/fixtures/valid/content";

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

/// The endpoint a file of `/api/v1/` belongs to.
fn endpoint(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("api/v1/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    Some(match parts.as_slice() {
        ["schema", _] => return None,
        ["platforms", _, "meetings.json"] => "meetings",
        ["platforms", _, "meetings", _] => "meeting",
        ["platforms", _] => "platform",
        ["kpis", _] => "kpi",
        [file] => file.strip_suffix(".json")?,
        _ => panic!("{path} belongs to no endpoint"),
    })
}

/// The validator of the schema the site publishes for endpoint `name` (formats checked).
fn validator(files: &BTreeMap<String, Vec<u8>>, name: &str) -> jsonschema::Validator {
    let schema = json(&files[&format!("api/v1/schema/{name}.json")]);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema {name}: {e}"))
}

#[test]
fn every_api_file_of_both_sites_validates_against_its_published_schema() {
    for site in SITES {
        let files = exports(site);
        let mut checked = 0;
        for (path, bytes) in &files {
            let Some(name) = endpoint(path) else { continue };
            let validator = validator(&files, name);
            let doc = json(bytes);
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{site} {path}:\n{}", errors.join("\n"));
            checked += 1;
        }
        assert!(checked >= 10, "{site}: only {checked} files checked");
    }
}

#[test]
fn published_schemas_are_valid_draft_07_schemas() {
    let files = exports(FIXTURE);
    let schemas: Vec<&String> = files.keys().filter(|p| p.starts_with("api/v1/schema/")).collect();
    assert_eq!(schemas.len(), 10);
    for path in schemas {
        let schema = json(&files[path]);
        assert!(jsonschema::meta::is_valid(&schema), "{path}");
    }
}

#[test]
fn index_lists_every_endpoint_with_its_schema_and_the_other_datasets() {
    let files = exports(FIXTURE);
    let index = json(&files["api/v1/index.json"]);
    let names: Vec<&str> = index["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "index",
            "platforms",
            "platform",
            "meetings",
            "meeting",
            "patterns",
            "kpis",
            "kpi",
            "documents",
            "changes"
        ]
    );
    for e in index["endpoints"].as_array().unwrap() {
        let url = e["schema_url"].as_str().unwrap();
        let path = url.strip_prefix("https://example.gov.tw/zone/").unwrap();
        assert!(files.contains_key(path), "{url}");
    }
    for key in ["oc4ids", "feed", "sitemap"] {
        let path = index[key]
            .as_str()
            .unwrap()
            .strip_prefix("https://example.gov.tw/zone/")
            .unwrap();
        assert!(files.contains_key(path), "{key}");
    }
    assert_eq!(index["datasets"].as_array().unwrap().len(), 5);
}

#[test]
fn every_json_dataset_carries_the_licence_and_attribution() {
    let files = exports(FIXTURE);
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| p.starts_with("api/v1/") && !p.contains("/schema/"))
    {
        let v = json(bytes);
        assert_eq!(v["license"], "政府資料開放授權條款－第1版", "{path}");
        assert_eq!(v["license_url"], "https://data.gov.tw/license", "{path}");
        let attribution = v["attribution"].as_str().unwrap();
        assert!(attribution.starts_with("測試市政府政風處 2026 "), "{path}");
        assert!(attribution.contains("此開放資料依政府資料開放授權條款 (Open Government Data License) 進行公眾釋出"));
    }
}

#[test]
fn changes_are_newest_first_with_unique_stable_ids_of_every_record_type() {
    let files = exports(FIXTURE);
    let changes = json(&files["api/v1/changes.json"]);
    let records = changes["records"].as_array().unwrap();
    let dates: Vec<&str> = records.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let mut ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "platform:danjiang-bridge",
        "meeting:danjiang-bridge/2021-05-11-liaison-4",
        "document:danjiang-bridge/files/slides.txt",
        "document:danjiang-bridge/2021-05-11-liaison-4/files/slides.txt",
        "qa:danjiang-bridge/4",
        "report:danjiang-bridge/2021-H1",
        "milestone:danjiang-bridge/tender-1",
    ] {
        assert!(ids.contains(&id), "{id} missing");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), records.len());
    assert_eq!(changes["total"], records.len());
}

#[test]
fn documents_manifest_hashes_are_the_hashes_of_the_published_bytes() {
    let files = exports(FIXTURE);
    let manifest = json(&files["api/v1/documents.json"]);
    let data = manifest["data_files"].as_array().unwrap();
    assert_eq!(data.len(), files.len() - 1, "lists every export file but itself");
    for f in data {
        let bytes = &files[f["path"].as_str().unwrap()];
        assert_eq!(f["size"], bytes.len());
        assert_eq!(f["sha256"], touming::export::manifest::sha256(bytes));
    }
    let slides = std::fs::read(format!("{FIXTURE}/platforms/danjiang-bridge/files/slides.txt")).unwrap();
    let docs = manifest["documents"].as_array().unwrap();
    let plan = docs.iter().find(|d| d["title"] == "廉政平臺實施計畫").unwrap();
    assert_eq!(plan["sha256"], touming::export::manifest::sha256(&slides));
    assert_eq!(plan["size"], slides.len());
    assert_eq!(
        plan["url"],
        "https://example.gov.tw/zone/platforms/danjiang-bridge/files/slides.txt"
    );
    assert!(docs.iter().any(|d| d["meeting"] == "2021-05-11-liaison-4"));
}

#[test]
fn no_draft_embargoed_or_raw_markup_reaches_any_export_file() {
    let files = exports(FIXTURE);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for canary in ["DRAFTCANARY", "EMBARGOCANARY", "<script>alert", "2021-06-01-draft"] {
            assert!(!text.contains(canary), "{canary} leaked into {path}");
        }
    }
    // The confidential Q&A is published: its award milestone has an actual date.
    let platform = json(&files["api/v1/platforms/danjiang-bridge.json"]);
    assert!(
        platform["qa"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["q"] == "底價如何訂定？")
    );
    // Raw HTML in content is markup, not text: the plain text leaves it out.
    let background = platform["background"].as_str().unwrap();
    assert!(
        background.contains("臺灣土石標售與") && !background.contains("<script"),
        "{background}"
    );
}

#[test]
fn two_exports_of_the_same_content_are_byte_identical() {
    assert_eq!(exports(FIXTURE), exports(FIXTURE));
}

#[test]
fn one_meeting_json_snapshot() {
    let files = exports(FIXTURE);
    let meeting = json(&files["api/v1/platforms/danjiang-bridge/meetings/2021-05-11-liaison-4.json"]);
    insta::assert_json_snapshot!("fixture_meeting_liaison_4", meeting);
}

/// `%XX` escapes of a URL path decoded (UTF-8).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn issue_5_document_urls_are_valid_uris_that_name_the_file() {
    let tmp = support::awkward_urls();
    let files = exports(tmp.path().join("content").to_str().unwrap());
    for (path, bytes) in &files {
        let Some(name) = endpoint(path) else { continue };
        let validator = validator(&files, name);
        let errors: Vec<String> = validator.iter_errors(&json(bytes)).map(|e| format!("{e}")).collect();
        assert!(errors.is_empty(), "{path}:\n{}", errors.join("\n"));
    }
    let manifest = json(&files["api/v1/documents.json"]);
    let mut named = 0;
    for d in manifest["documents"].as_array().unwrap() {
        let Some(file) = d["file"].as_str() else { continue };
        let url = d["url"].as_str().unwrap();
        let rel = url.strip_prefix("https://example.gov.tw/zone/").unwrap();
        assert_eq!(
            percent_decode(rel),
            format!("platforms/{}/{file}", d["platform"].as_str().unwrap())
        );
        named += file.contains('#') as usize + file.contains('?') as usize;
    }
    assert_eq!(named, 2, "{manifest}");
}
