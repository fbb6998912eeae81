//! The entry schemas of the per-platform list files (`qa.yaml`, `risks.yaml`,
//! `ethics-log.yaml`, `evaluation.yaml`, `documents.yaml`) and of `kpis/<year>.yaml`,
//! for [`super::content_schema`]. Field meanings follow CONTENT-MODEL.md.

use serde_json::{Value, json};

use super::content_schema::{F, codes, date, int_in, list, number, str_, url};
use crate::model::*;

pub fn qa() -> Value {
    F::default()
        .text("q", "問題", "Question")
        .text("a", "答覆", "Answer")
        .field("date", "日期（西元或民國）", "Date (ISO or ROC)", date())
        .text(
            "category",
            "類別，例如：招標疑義、民眾陳情、媒體關切",
            "Category, e.g. tender query, citizen petition",
        )
        .text("source", "來源", "Source")
        .req(&["q", "a"])
        .visibility()
        .build()
}

pub fn risk() -> Value {
    let templates: Vec<&'static str> = crate::derive::risks::TEMPLATES.iter().map(|t| t.id).collect();
    F::default()
        .field(
            "id",
            "風險編號（平臺內不重複）",
            "Risk id, unique within the platform",
            str_(),
        )
        .text("risk", "風險描述", "The risk in words")
        .field(
            "template",
            "標準風險代碼",
            "Standard risk id shipped with touming",
            codes(templates),
        )
        .field("stage", "發生階段", "Stage", codes(Stage::ALL.iter().map(|c| c.code())))
        .field("severity", "嚴重程度 1–5", "Severity 1–5", int_in(1, 5))
        .field("likelihood", "發生機率 1–5", "Likelihood 1–5", int_in(1, 5))
        .texts("measures", "因應對策", "Measures")
        .field(
            "status",
            "處理狀態",
            "Status",
            codes(RiskStatus::ALL.iter().map(|c| c.code())),
        )
        .field("reviewed", "檢視日期", "Date last reviewed", date())
        .text("owner", "負責單位", "Owner")
        .text("note", "備註", "Note")
        .req(&["id", "risk", "severity", "likelihood"])
        .visibility()
        .build()
}

pub fn ethics() -> Value {
    let count = || int_in(0, 1_000_000);
    F::default()
        .field(
            "period",
            "半年度，例如 2021-H1",
            "Half-year, e.g. 2021-H1",
            json!({"type": "string", "pattern": "^[0-9]{4}[-_]?[Hh][12]$"}),
        )
        .field("lobbying", "請託關說件數", "Registered lobbying events", count())
        .field("gifts", "受贈財物件數", "Registered gifts", count())
        .field("banquets", "飲宴應酬件數", "Registered banquets", count())
        .field("other", "其他廉政倫理事件件數", "Other registered events", count())
        .text("note", "備註（只寫件數，不寫人名）", "Note (counts only, never names)")
        .req(&["period"])
        .visibility()
        .build()
}

pub fn evaluation() -> Value {
    F::default()
        .text(
            "metric",
            "評估項目，例如：投標廠商家數",
            "Metric, e.g. number of bidders",
        )
        .field("before", "成立前", "Before the platform", number())
        .field("after", "成立後", "After the platform", number())
        .text("unit", "單位", "Unit")
        .text("note", "備註", "Note")
        .req(&["metric"])
        .visibility()
        .build()
}

pub fn document() -> Value {
    let mut v = F::default()
        .text("title", "文件名稱", "Document title")
        .field("date", "日期", "Date", date())
        .field("kind", "文件類別", "Kind", codes(DocKind::ALL.iter().map(|c| c.code())))
        .field(
            "file",
            "檔案路徑（相對於平臺資料夾，例如 files/plan.pdf）",
            "File path relative to the platform folder",
            json!({"type": "string", "pattern": "^[^/\\\\]"}),
        )
        .field("url", "外部連結", "External link", url())
        .text("note", "備註", "Note")
        .req(&["title"])
        .visibility()
        .build();
    v["anyOf"] = json!([{"required": ["file"]}, {"required": ["url"]}]);
    v
}

fn indicator() -> Value {
    F::default()
        .text("title", "指標名稱", "Indicator")
        .field("weight", "權重", "Weight", number())
        .text("formula", "衡量公式", "Formula")
        .text("unit", "單位", "Unit")
        .field("target", "目標值", "Target", number())
        .field("actual", "實際值", "Actual", number())
        .field(
            "direction",
            "higher-is-better 越高越好（預設）、lower-is-better 越低越好",
            "Which way is good (default higher-is-better)",
            codes(Direction::ALL.iter().map(|c| c.code())),
        )
        .text("note", "備註", "Note")
        .req(&["title"])
        .visibility()
        .build()
}

pub fn kpi() -> Value {
    let goal = F::default()
        .field("id", "目標編號", "Goal id", str_())
        .text("title", "策略目標", "Goal")
        .field("weight", "權重", "Weight", number())
        .field("indicators", "關鍵績效指標", "Indicators", list(indicator()))
        .req(&["title"])
        .visibility()
        .build();
    F::default()
        .text("organization", "機關名稱", "Organization")
        .field(
            "year",
            "年度（西元年，與檔名相同）",
            "Year (same as the file name)",
            int_in(1900, 2200),
        )
        .field(
            "goals",
            "策略目標，每項含指標",
            "Goals, each with its indicators",
            list(goal),
        )
        .text("note", "備註", "Note")
        .req(&["organization", "year", "goals"])
        .visibility()
        .build()
}
