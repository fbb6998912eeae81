//! Export stage: the data files of the site (JSON API now; CSV, OC4IDS, feeds and the
//! sitemap join here). Pure: returns files in memory.

pub mod api;

use crate::derive::Derived;
use crate::model::Site;
use crate::render::OutFile;

fn json_file(path: String, v: &serde_json::Value) -> OutFile {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    OutFile { path, bytes }
}

/// Every data file of the site.
pub fn export(site: &Site, derived: &Derived) -> Vec<OutFile> {
    let mut out = vec![json_file(
        "api/v1/platforms.json".into(),
        &api::platforms(site, derived),
    )];
    for p in &site.platforms {
        let d = &derived.platforms[&p.slug];
        out.push(json_file(
            format!("api/v1/platforms/{}.json", p.slug),
            &api::platform(site, p, d),
        ));
    }
    out
}
