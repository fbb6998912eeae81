//! JSON Schemas (draft-07) for the standalone YAML files agencies write — `site.yaml`,
//! `agencies.yaml`, each platform's `qa.yaml`, `risks.yaml`, `ethics-log.yaml`,
//! `evaluation.yaml`, `documents.yaml`, and `kpis/<year>.yaml` — so editors (VS Code's
//! YAML extension, via `# yaml-language-server: $schema=…`) complete field names and
//! show what each field means, in Chinese and English, while the file is being typed.
//!
//! Written by hand from CONTENT-MODEL.md; `touming schema --out schemas` writes them and
//! a test checks that the committed `schemas/` match and that their field names are
//! exactly the fields the loader accepts ([`crate::content::raw`]). Values are loose where
//! the loader is (dates in ISO or ROC forms, amounts with 億/萬): the build checks them
//! and explains in Chinese; the schema's job is names, types and hints.

use serde_json::{Map, Value, json};

use super::content_schema_lists as lists;
use crate::model::*;

/// An object schema under construction: fields with descriptions, some required.
#[derive(Default)]
pub(super) struct F {
    fields: Vec<(String, Value)>,
    required: Vec<String>,
}

impl F {
    /// A field with its schema and a bilingual description.
    pub fn field(mut self, k: &str, zh: &str, en: &str, schema: Value) -> F {
        self.fields.push((k.to_string(), describe(schema, zh, en)));
        self
    }
    /// A text field `k` and its English twin `k_en`.
    pub fn text(self, k: &str, zh: &str, en: &str) -> F {
        self.field(k, zh, en, str_()).field(
            &format!("{k}_en"),
            &format!("{zh}（英文）"),
            &format!("{en} (English)"),
            str_(),
        )
    }
    /// A list of texts `k` and its English twin `k_en` (same order).
    pub fn texts(self, k: &str, zh: &str, en: &str) -> F {
        self.field(k, zh, en, list(str_())).field(
            &format!("{k}_en"),
            &format!("{zh}（英文，順序相同）"),
            &format!("{en} (English, same order)"),
            list(str_()),
        )
    }
    /// Mark fields required.
    pub fn req(mut self, ks: &[&str]) -> F {
        self.required.extend(ks.iter().map(|k| k.to_string()));
        self
    }
    /// `draft`, `publish_after`, `confidential_until`: accepted on every entry.
    pub fn visibility(self) -> F {
        self.field(
            "draft",
            "草稿：true 時不發布",
            "Draft: never published when true",
            json!({"type": "boolean"}),
        )
        .field(
            "publish_after",
            "此日期後才發布",
            "Not published before this date",
            date(),
        )
        .field(
            "confidential_until",
            "保密至開標／決標／簽約（政府採購法第34條）",
            "Withheld until bid opening, award or signing (Government Procurement Act §34)",
            codes(Confidential::ALL.iter().map(|c| c.code())),
        )
    }
    pub fn build(self) -> Value {
        let props: Map<String, Value> = self.fields.into_iter().collect();
        let mut v = json!({"type": "object", "properties": props, "additionalProperties": false});
        if !self.required.is_empty() {
            v["required"] = json!(self.required);
        }
        v
    }
}

pub(super) fn describe(mut schema: Value, zh: &str, en: &str) -> Value {
    schema["description"] = json!(format!("{zh}\n{en}"));
    schema
}

pub(super) fn str_() -> Value {
    json!({"type": "string"})
}

pub(super) fn list(item: Value) -> Value {
    json!({"type": "array", "items": item})
}

pub(super) fn codes(c: impl IntoIterator<Item = &'static str>) -> Value {
    json!({"type": "string", "enum": c.into_iter().collect::<Vec<_>>()})
}

/// A date: ISO or ROC (民國), as text or the 7-digit number YAML reads `1100511` as.
pub(super) fn date() -> Value {
    json!({"anyOf": [{"type": "string", "minLength": 6}, {"type": "integer", "minimum": 100101}],
        "examples": ["2021-05-11", "110-05-11", "110.05.11", "110/05/11", "1100511"]})
}

pub(super) fn url() -> Value {
    json!({"type": "string", "pattern": "^(https?://|mailto:)"})
}

/// A number, or text the build reads as one.
pub(super) fn number() -> Value {
    json!({"type": ["number", "string"]})
}

/// Integer in a range (the build also reads numbers written as text).
pub(super) fn int_in(min: i64, max: i64) -> Value {
    json!({"anyOf": [{"type": "integer", "minimum": min, "maximum": max}, {"type": "string", "pattern": "^[0-9]+$"}]})
}

/// Schema file, the content file it is for, and its name in Chinese and English.
const FILES: &[(&str, &str, &str, &str)] = &[
    ("site.schema.json", "site.yaml", "網站設定", "The site"),
    ("agencies.schema.json", "agencies.yaml", "機關清單", "The agencies"),
    ("qa.schema.json", "platforms/<slug>/qa.yaml", "案件釋疑", "Q&A"),
    (
        "risks.schema.json",
        "platforms/<slug>/risks.yaml",
        "廉政風險查檢表",
        "Risk register",
    ),
    (
        "ethics-log.schema.json",
        "platforms/<slug>/ethics-log.yaml",
        "廉政倫理事件登錄",
        "Ethics log",
    ),
    (
        "evaluation.schema.json",
        "platforms/<slug>/evaluation.yaml",
        "效益評估",
        "Evaluation",
    ),
    (
        "documents.schema.json",
        "platforms/<slug>/documents.yaml",
        "公開文件",
        "Documents",
    ),
    (
        "kpis.schema.json",
        "kpis/<year>.yaml",
        "關鍵績效指標",
        "KPIs of one year",
    ),
];

/// Every content schema, by file name under `schemas/`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    FILES
        .iter()
        .map(|&(name, file, zh, en)| {
            let mut v = json!({"$schema": "http://json-schema.org/draft-07/schema#",
                "title": format!("touming content/{file} — {zh} ({en})")});
            if let (Value::Object(m), Value::Object(b)) = (&mut v, body(name)) {
                m.extend(b);
            }
            (name, v)
        })
        .collect()
}

fn body(name: &str) -> Value {
    match name {
        "site.schema.json" => site(),
        "agencies.schema.json" => list(agency()),
        "qa.schema.json" => list(lists::qa()),
        "risks.schema.json" => list(lists::risk()),
        "ethics-log.schema.json" => list(lists::ethics()),
        "evaluation.schema.json" => list(lists::evaluation()),
        "documents.schema.json" => list(lists::document()),
        _ => lists::kpi(),
    }
}

fn contact() -> Value {
    F::default()
        .field("email", "電子郵件", "Email", str_())
        .field("phone", "電話", "Phone", str_())
        .text("address", "地址", "Address")
        .field("url", "陳情網址", "Complaints web page", url())
        .text("note", "說明", "Note")
        .build()
}

fn site() -> Value {
    let f = F::default()
        .text(
            "title",
            "網站標題，例如：臺北市政府 機關採購廉政平臺 資訊透明專區",
            "Site title",
        )
        .text("owner", "發布機關，例如：臺北市政府政風處", "Publishing body")
        .text("description", "網站說明", "Site description")
        .field(
            "base_url",
            "網站發布的絕對網址（建置時可覆寫）",
            "Absolute URL the site is published under",
            url(),
        );
    settings(f)
        .field(
            "contact",
            "陳情及意見反映管道",
            "Complaint and opinion channels",
            contact(),
        )
        .text(
            "license",
            "資料授權條款（預設：政府資料開放授權條款－第1版）",
            "Data licence (default: Open Government Data License v1)",
        )
        .field(
            "allow_html",
            "允許 Markdown 中的安全 HTML 子集（經過濾；預設關閉，原始 HTML 以文字顯示）",
            "Let a sanitised subset of raw HTML through Markdown (default: off, raw HTML shown as text)",
            json!({"type": "boolean"}),
        )
        .field(
            "cms",
            "網頁編輯（Sveltia／Decap CMS）",
            "Web editing (Sveltia / Decap CMS)",
            cms(),
        )
        .req(&["title"])
        .build()
}

fn cms() -> Value {
    F::default()
        .field(
            "enabled",
            "啟用網頁編輯",
            "Enable web editing",
            json!({"type": "boolean"}),
        )
        .field(
            "app",
            "編輯器：sveltia（建議）或 decap",
            "Editor: sveltia (recommended) or decap",
            json!({"enum": ["sveltia", "decap"]}),
        )
        .field(
            "repo",
            "GitHub 儲存庫，例如 owner/name",
            "GitHub repository, owner/name",
            str_(),
        )
        .field(
            "branch",
            "提交合併請求的分支（預設 main）",
            "Branch pull requests target (default main)",
            str_(),
        )
        .field(
            "auth_url",
            "GitHub 登入用的 OAuth 代理網址",
            "OAuth proxy URL for GitHub sign-in",
            url(),
        )
        .build()
}

/// Languages, thresholds and theme of `site.yaml`.
fn settings(f: F) -> F {
    f.field(
        "languages",
        "語言：[zh-TW] 或 [zh-TW, en]，第一個為預設",
        "Languages; the first is the default",
        json!({"type": "array", "items": {"enum": ["zh-TW", "en"]}, "minItems": 1, "uniqueItems": true}),
    )
    .field(
        "stale_after_days",
        "超過幾天未更新即標示（預設 90）",
        "Flag a platform not updated within this many days (default 90)",
        int_in(1, 3650),
    )
    .field(
        "liaison_interval_days",
        "聯繫會議最長間隔天數（預設 180）",
        "Longest acceptable gap between liaison meetings (default 180)",
        int_in(1, 3650),
    )
    .field("theme", "佈景主題名稱", "Theme name", str_())
}

fn agency() -> Value {
    F::default()
        .field(
            "id",
            "機關代碼（小寫英數與 -），平臺以此指定執行機關",
            "Agency id (slug) that platforms refer to",
            slug(),
        )
        .text("name", "機關名稱", "Agency name")
        .field(
            "level",
            "層級：central 中央、local 地方",
            "Level: central or local",
            codes(Level::ALL.iter().map(|c| c.code())),
        )
        .text(
            "parent",
            "上級機關或縣市，例如：經濟部、臺北市",
            "Supervising ministry or city",
        )
        .text("integrity_unit", "政風單位", "Its integrity (政風) unit")
        .req(&["id", "name", "level"])
        .visibility()
        .build()
}

pub(super) fn slug() -> Value {
    json!({"type": "string", "pattern": "^[a-z0-9-]{1,64}$"})
}
