//! Export stage: the open data of the site, for bots, journalists and data portals —
//! the JSON API (`/api/v1/`) with a JSON Schema per endpoint, CSV datasets (`/data/`),
//! OC4IDS project packages (`/api/oc4ids/`), Atom feeds (`/feeds/`), `sitemap.xml` and
//! `robots.txt`. Also the JSON Schemas of the content files (`touming schema`).
//!
//! Pure: returns files in memory, built only from the published model and the derived
//! facts, so nothing unpublished can leak. Deterministic: lists in content order or
//! sorted, maps are `BTreeMap`s, the only date not from content is `--now`. Every
//! dataset carries the licence notice of [`license`]. Formats are documented in
//! docs/api.md and docs/open-data.md.

pub mod api;
pub mod api_schema;
pub mod atom;
pub mod catalog;
pub mod content_schema;
mod content_schema_lists;
pub mod license;
pub mod links;
pub mod manifest;
pub mod oc4ids;
pub mod oc4ids_ext;
pub mod oc4ids_map;
pub mod records;
pub mod sitemap;
pub mod tables;

use rayon::prelude::*;
use serde_json::Value;

use crate::derive::Derived;
use crate::model::{Platform, Site};
use crate::render::OutFile;

/// Pretty JSON with a final newline, HTML-safe: `<`, `>` and `&` inside strings are
/// written as `\u003c`, `\u003e`, `\u0026` (the same values to any JSON parser), so a
/// file can be embedded in a page or served with a wrong type without becoming markup.
pub fn json_file(path: String, v: &Value) -> OutFile {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    // Outside strings JSON has none of these characters, so replacing them is safe.
    // One pass, one buffer (these files are ~0.3 GiB at national scale).
    let mut bytes = Vec::with_capacity(text.len() + 1);
    let mut rest = text.as_bytes();
    while let Some(i) = rest.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
        bytes.extend_from_slice(&rest[..i]);
        bytes.extend_from_slice(match rest[i] {
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            _ => b"\\u0026",
        });
        rest = &rest[i + 1..];
    }
    bytes.extend_from_slice(rest);
    bytes.push(b'\n');
    OutFile { path, bytes }
}

/// A dataset: the body with `api_version` and the licence fields at the top level.
fn dataset(path: String, notice: &license::Notice, body: Value) -> OutFile {
    let mut m = license::json_fields(notice);
    m.insert("api_version".into(), Value::from("v1"));
    if let Value::Object(b) = body {
        m.extend(b);
    }
    json_file(path, &Value::Object(m))
}

/// Every data file of the site.
pub fn export(site: &Site, derived: &Derived) -> Vec<OutFile> {
    let notice = license::notice(site);
    let records = records::records(site, derived);
    let mut out = json_api(site, derived, &notice, &records);
    out.extend(tables::tables(site, derived));
    out.push(OutFile {
        path: "data/LICENSE.txt".into(),
        bytes: license::license_txt(&notice).into_bytes(),
    });
    out.extend(oc4ids_files(site, derived));
    out.extend(atom::feeds(site, &records));
    out.extend(sitemap::files(site));
    let manifest = manifest::manifest(site, &out);
    out.push(dataset(manifest::PATH.into(), &notice, manifest));
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// `/api/v1/`: index, platforms, meetings, patterns, KPIs, changes, and the schemas.
fn json_api(site: &Site, derived: &Derived, n: &license::Notice, records: &[records::Record]) -> Vec<OutFile> {
    let mut out = vec![
        dataset("api/v1/index.json".into(), n, catalog::index(site)),
        dataset("api/v1/platforms.json".into(), n, api::platforms(site, derived)),
        dataset("api/v1/patterns.json".into(), n, catalog::patterns(site)),
        dataset("api/v1/kpis.json".into(), n, catalog::kpis(site, derived)),
        dataset("api/v1/changes.json".into(), n, records::changes(records)),
    ];
    let per_platform = site.platforms.par_iter().flat_map_iter(|p| {
        let d = &derived.platforms[&p.slug];
        let mut files = vec![
            dataset(api::platform_path(&p.slug), n, api::platform(site, p, d)),
            dataset(
                format!("api/v1/platforms/{}/meetings.json", p.slug),
                n,
                catalog::meetings(site, p),
            ),
        ];
        files.extend(
            p.meetings
                .iter()
                .map(|m| dataset(api::meeting_path(&p.slug, &m.name), n, catalog::meeting(site, p, m))),
        );
        files
    });
    out.par_extend(per_platform);
    for k in &site.kpis {
        out.push(dataset(
            format!("api/v1/kpis/{}.json", k.year),
            n,
            catalog::kpi(site, derived, k),
        ));
    }
    for (name, schema) in api_schema::schemas() {
        out.push(json_file(catalog::schema_path(name), &schema));
    }
    out
}

/// `/api/oc4ids/`: the package of all projects, one package per project, the extension.
fn oc4ids_files(site: &Site, derived: &Derived) -> Vec<OutFile> {
    let all: Vec<&Platform> = site.platforms.iter().collect();
    let mut out = vec![
        json_file(oc4ids_ext::EXTENSION_PATH.into(), &oc4ids_ext::metadata(site)),
        json_file(oc4ids_ext::PATCH_PATH.into(), &oc4ids_ext::patch()),
    ];
    if !all.is_empty() {
        let path = "api/oc4ids/projects.json";
        out.push(json_file(path.into(), &oc4ids::package(site, derived, &all, path)));
    }
    out.par_extend(all.par_iter().map(|p| {
        let path = format!("api/oc4ids/projects/{}.json", p.slug);
        json_file(path.clone(), &oc4ids::package(site, derived, &[p], &path))
    }));
    out
}

/// The JSON Schemas of the content files, for `touming schema --out DIR`: file name
/// (`site.schema.json` …) and bytes.
pub fn schema() -> Vec<OutFile> {
    content_schema::schemas()
        .into_iter()
        .map(|(name, v)| json_file(name.to_string(), &v))
        .collect()
}
