//! `documents.json`: a manifest of every published file with its size, SHA-256 and URL,
//! so anyone can check that what they downloaded is what the agency published.
//!
//! Two lists: `documents` — every document of every platform (files from `documents.yaml`
//! and meetings, with size and hash; links with their URL only), and `data_files` — every
//! other data file of this export (JSON, CSV, OC4IDS, feeds, sitemap), hashed from the
//! bytes written. The manifest cannot list itself.

use rayon::prelude::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::api;
use super::links;
use crate::model::*;
use crate::render::OutFile;

/// Path of the manifest.
pub const PATH: &str = "api/v1/documents.json";

/// The manifest, given the other export files (without licence fields).
pub fn manifest(site: &Site, files: &[OutFile]) -> Value {
    let documents: Vec<Value> = site
        .platforms
        .iter()
        .flat_map(|p| platform_documents(site, p))
        .collect();
    let mut data: Vec<&OutFile> = files.iter().filter(|f| f.path != PATH).collect();
    data.sort_by(|a, b| a.path.cmp(&b.path));
    // Hashing ~0.3 GiB of data at national scale: one file per task.
    let data_files: Vec<Value> = data
        .par_iter()
        .map(|f| {
            json!({"path": f.path, "url": links::url(site, &f.path), "size": f.bytes.len(),
                "sha256": sha256(&f.bytes)})
        })
        .collect();
    json!({
        "api_version": "v1",
        "documents_total": documents.len(),
        "documents": documents,
        "data_files_total": data_files.len(),
        "data_files": data_files,
    })
}

/// Lowercase hex SHA-256 of some bytes.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A platform's documents: its own list, then each meeting's, in order.
fn platform_documents(site: &Site, p: &Platform) -> Vec<Value> {
    let own = p.documents.iter().map(|d| (None, d));
    let attached = p
        .meetings
        .iter()
        .flat_map(|m| m.documents.iter().map(move |d| (Some(m.name.as_str()), d)));
    own.chain(attached)
        .map(|(meeting, d)| {
            let Value::Object(mut o) = api::document(site, p, d) else {
                unreachable!("document is an object")
            };
            o.insert("platform".into(), json!(p.slug));
            o.insert("meeting".into(), json!(meeting));
            Value::Object(o)
        })
        .collect()
}
