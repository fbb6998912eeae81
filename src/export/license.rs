//! The data licence notice every dataset carries: top-level `license`, `license_url` and
//! `attribution` fields in JSON, `/data/LICENSE.txt` beside the CSVs, `<rights>` in feeds,
//! and the footer of every page (the `license_notice` template function).
//!
//! The default licence, 政府資料開放授權條款－第1版 (Open Government Data License,
//! version 1.0), requires users to attribute the data with the statement of its annex:
//! the providing agency, the year and the dataset, then the fixed sentence and the link
//! to the licence. That statement is built here once, so every dataset and page says the same.

use serde_json::{Map, Value, json};

use crate::model::Site;

/// The fixed sentences of the OGDL annex (顯名聲明), Chinese and English.
const OGDL_ZH: &str = "此開放資料依政府資料開放授權條款 (Open Government Data License) 進行公眾釋出，使用者於遵守本條款各項規定之前提下，得利用之。政府資料開放授權條款：https://data.gov.tw/license";
const OGDL_EN: &str = "The Open Data is made available to the public under the Open Government Data License, User can make use of it when complying to the condition and obligation of its terms. Open Government Data License: https://data.gov.tw/license";

/// The licence of a build's data, with the attribution users must give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub name: String,
    pub name_en: Option<String>,
    /// Canonical URL of the licence text, when the licence is one touming knows.
    pub url: Option<String>,
    pub attribution: String,
    pub attribution_en: String,
}

/// Known licences by a word of their name → canonical URL.
const KNOWN: &[(&str, &str)] = &[
    ("政府資料開放授權條款", "https://data.gov.tw/license"),
    ("Open Government Data License", "https://data.gov.tw/license"),
    ("CC0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ("姓名標示 4.0", "https://creativecommons.org/licenses/by/4.0/"),
];

/// The canonical URL of a licence named `names` (its name in either language), when
/// touming knows it.
pub fn known_url(names: &[&str]) -> Option<String> {
    KNOWN
        .iter()
        .find(|(word, _)| names.iter().any(|n| n.contains(word)))
        .map(|(_, u)| (*u).to_string())
}

/// The attribution statement in one language: `head` (publisher, year, dataset), then the
/// licence's sentence — for OGDL v1 the fixed one of its annex, which ends with its URL.
pub fn statement(en: bool, license: &str, url: Option<&str>, head: &str) -> String {
    let tail = match (url == Some("https://data.gov.tw/license"), en) {
        (true, false) => OGDL_ZH.to_string(),
        (true, true) => OGDL_EN.to_string(),
        (false, _) => {
            let link = url.map(|u| format!(" {u}")).unwrap_or_default();
            if en {
                format!("Released under {license}.{link}")
            } else {
                format!("本資料依「{license}」釋出。{link}")
            }
        }
    };
    format!("{head}\n{tail}")
}

/// The notice for a site: its `license` (default OGDL v1), by its publisher and year.
pub fn notice(site: &Site) -> Notice {
    let lic = &site.config.license;
    let url = known_url(&[&lic.zh, lic.en.as_deref().unwrap_or_default()]);
    let owner = site.config.owner.as_ref().unwrap_or(&site.config.title);
    let year = chrono::Datelike::year(&site.now);
    let head = format!("{} {year} {}", owner.zh, site.config.title.zh);
    let head_en = format!("{} {year} {}", owner.get("en"), site.config.title.get("en"));
    Notice {
        name: lic.zh.clone(),
        name_en: lic.en.clone(),
        attribution: statement(false, &lic.zh, url.as_deref(), &head),
        attribution_en: statement(true, lic.get("en"), url.as_deref(), &head_en),
        url,
    }
}

/// The licence fields at the top of every JSON dataset, in a fixed order.
pub fn json_fields(n: &Notice) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("license".into(), json!(n.name));
    m.insert("license_en".into(), json!(n.name_en));
    m.insert("license_url".into(), json!(n.url));
    m.insert("attribution".into(), json!(n.attribution));
    m.insert("attribution_en".into(), json!(n.attribution_en));
    m
}

/// `/data/LICENSE.txt`: the licence and the attribution, in both languages.
pub fn license_txt(n: &Notice) -> String {
    let url = n.url.as_deref().unwrap_or("");
    let text = format!(
        "本資料集（/data/*.csv、/api/ 之 JSON、/feeds/ 之 Atom）授權條款：{}\n{url}\n\n\
         使用時請標示下列顯名聲明：\n{}\n\n\
         Licence of these datasets: {}\n{url}\n\n\
         Attribution statement to use:\n{}\n",
        n.name,
        n.attribution,
        n.name_en.as_deref().unwrap_or(&n.name),
        n.attribution_en,
    );
    text.replace('\n', "\r\n")
}

/// The one-line rights statement of feeds.
pub fn rights(n: &Notice) -> String {
    n.attribution.replace('\n', " ")
}
