//! CMS fields of a platform's YAML lists (`qa.yaml`, `risks.yaml`, `ethics-log.yaml`,
//! `evaluation.yaml`) and of the site-wide files (`site.yaml`, pages, patterns, KPIs).

use crate::derive::risks::TEMPLATES;
use crate::model::vocab::{Direction, RiskStatus, Track};

use super::{agency_select, body, stages, twin, twin_list, twin_req, vocab};
use crate::cms::fields::*;

/// `site.yaml`.
pub fn site() -> Vec<Field> {
    let example = "例：臺北市政府 機關採購廉政平臺 資訊透明專區";
    let mut f = twin_req(string, "title", "網站標題 Site title", example).to_vec();
    f.extend(twin(string, "owner", "發布單位 Owner", "例：臺北市政府政風處"));
    f.extend(twin(text, "description", "網站簡介 Description", ""));
    let url_hint = "完整網址，例：https://www.example.gov.tw/integrity/";
    f.push(string("base_url", "網站網址 Base URL", url_hint));
    let languages = choices([("zh-TW", "中文"), ("en", "英文")]);
    let first = "第一個是預設語言，一律為 zh-TW／the first is the default";
    f.push(Field {
        multiple: Some(true),
        ..select("languages", "語言 Languages", first, languages)
    });
    f.push(number(
        "stale_after_days",
        "逾期未更新天數 Stale after (days)",
        "預設 90",
        1,
        Some(3650),
    ));
    let gap = "聯繫會議最長間隔天數 Liaison interval (days)";
    f.push(number("liaison_interval_days", gap, "預設 180", 1, Some(3650)));
    f.push(string("theme", "版型 Theme", "版型名稱；沒有的樣板改用預設版型"));
    f.push(Field {
        fields: contact(),
        ..Field::new("contact", "陳情及意見反映管道 Contact", "object", "")
    });
    f.extend(twin(
        string,
        "license",
        "資料授權條款 Licence",
        "預設 政府資料開放授權條款－第1版",
    ));
    f
}

fn contact() -> Vec<Field> {
    let mut f = vec![string("email", "電子郵件 Email", ""), string("phone", "電話 Phone", "")];
    f.extend(twin(string, "address", "地址 Address", ""));
    f.push(string("url", "線上表單網址 URL", "https:// 開頭"));
    f.extend(twin(text, "note", "說明 Note", ""));
    f
}

/// One Q&A of `qa.yaml`.
pub fn qa() -> Vec<Field> {
    let category = "自由文字，同類請用相同文字：招標疑義、民眾陳情、媒體關切";
    let mut f = twin_req(text, "q", "問題 Question", "").to_vec();
    f.extend(twin_req(text, "a", "答覆 Answer", ""));
    f.push(date("date", "日期 Date", ""));
    f.extend(twin(string, "category", "類別 Category", category));
    f.extend(twin(string, "source", "來源 Source", "例：民眾來信、媒體詢問"));
    f.extend(visibility(true));
    f
}

/// The standard risks offered on a track (every one when the track is unknown).
fn risk_templates(track: Option<Track>) -> Vec<Choice> {
    let fits = |t: &&crate::derive::risks::Template| match track {
        Some(Track::Procurement) => t.procurement,
        Some(Track::Investment) => t.investment,
        None => true,
    };
    choices(TEMPLATES.iter().filter(fits).map(|t| (t.id, t.zh)))
}

/// One risk of `risks.yaml`; `track` limits the standard risk templates offered.
pub fn risk(track: Option<Track>) -> Vec<Field> {
    let level = "1–5；等級＝嚴重程度×發生機率（15–25 高、6–14 中、1–5 低）";
    let mut f = vec![string("id", "風險編號 Id", "同一平臺內不可重複").req()];
    f.extend(twin_req(text, "risk", "風險描述 Risk", ""));
    let common = "屬於哪一種常見風險（可不填）";
    f.push(select("template", "標準風險 Template", common, risk_templates(track)));
    f.push(select("stage", "階段 Stage", "", stages()));
    f.push(number("severity", "嚴重程度 Severity", level, 1, Some(5)).req());
    f.push(number("likelihood", "發生機率 Likelihood", "1–5", 1, Some(5)).req());
    f.extend(twin_list("measures", "因應對策 Measures", ""));
    f.push(select("status", "狀態 Status", "預設 open", vocab!(RiskStatus)));
    f.push(date("reviewed", "檢視日期 Reviewed", ""));
    f.extend(twin(string, "owner", "負責單位 Owner", ""));
    f.extend(twin(text, "note", "備註 Note", ""));
    f.extend(visibility(true));
    f
}

/// One half-year of `ethics-log.yaml`: counts only, never names.
pub fn ethics_entry() -> Vec<Field> {
    let count = |n: &str, l: &str| number(n, l, "件數／count", 0, None);
    let half = [r"^\d{4}-H[12]$".into(), "寫成 2021-H1 或 2021-H2".into()];
    let mut f = vec![
        Field {
            pattern: Some(half),
            ..string("period", "期間 Period", "例：2021-H1（上半年）").req()
        },
        count("lobbying", "請託關說 Lobbying"),
        count("gifts", "受贈財物 Gifts"),
        count("banquets", "飲宴應酬 Banquets"),
        count("other", "其他 Other"),
    ];
    f.extend(twin(
        text,
        "note",
        "備註 Note",
        "只寫類型與處理方式，不可寫任何人的姓名",
    ));
    f.extend(visibility(true));
    f
}

/// One metric of `evaluation.yaml`.
pub fn evaluation_entry() -> Vec<Field> {
    let mut f = twin_req(string, "metric", "評估項目 Metric", "例：投標廠商家數").to_vec();
    f.push(string("before", "成立前 Before", "數字或文字"));
    f.push(string("after", "成立後 After", "數字或文字"));
    f.extend(twin(string, "unit", "單位 Unit", "例：件、家、%"));
    f.extend(twin(text, "note", "說明 Note", "統計期間或口徑"));
    f.extend(visibility(true));
    f
}

/// Front matter of `pages/<slug>.md`.
pub fn page() -> Vec<Field> {
    let mut f = twin_req(string, "title", "頁面標題 Title", "").to_vec();
    f.push(number("order", "排序 Order", "小的在前，預設 0", -1000, Some(1000)));
    f.extend(twin(text, "summary", "摘要 Summary", ""));
    f.extend(visibility(false));
    f.push(body("內容 Body"));
    f
}

/// Front matter of `patterns/<slug>.md`.
pub fn pattern(agencies: &[(String, String)]) -> Vec<Field> {
    let mut f = twin_req(string, "title", "態樣名稱 Title", "").to_vec();
    f.extend(twin(string, "category", "類別 Category", ""));
    f.push(agency_select("機關 Agency", "", agencies));
    f.extend(twin_list("risk_factors", "風險因子 Risk factors", ""));
    f.extend(twin_list("measures", "防制作為 Measures", ""));
    f.push(date("date", "日期 Date", ""));
    f.extend(twin(text, "summary", "摘要 Summary", ""));
    f.extend(visibility(false));
    f.push(body("案例（抽象化，不可寫出涉案人員姓名）Case"));
    f
}

/// `kpis/<year>.yaml`.
pub fn kpi() -> Vec<Field> {
    let mut f = twin_req(string, "organization", "機關 Organization", "").to_vec();
    f.push(number("year", "年度（西元）Year", "須與檔名相同", 1912, Some(2200)).req());
    f.push(objects("goals", "策略目標 Goals", "", "{{fields.title}}", goal()).req());
    f.extend(twin(text, "note", "備註 Note", ""));
    f.extend(visibility(false));
    f
}

fn goal() -> Vec<Field> {
    let mut f = vec![string("id", "編號 Id", "例：G1")];
    f.extend(twin_req(string, "title", "目標 Title", ""));
    f.push(string("weight", "權重 Weight", "數字"));
    f.push(objects(
        "indicators",
        "衡量指標 Indicators",
        "",
        "{{fields.title}}",
        indicator(),
    ));
    f.extend(visibility(false));
    f
}

fn indicator() -> Vec<Field> {
    let mut f = twin_req(string, "title", "指標 Title", "").to_vec();
    f.push(string("weight", "權重 Weight", "數字"));
    f.extend(twin(string, "formula", "計算公式 Formula", ""));
    f.extend(twin(string, "unit", "單位 Unit", "例：%"));
    f.push(string("target", "目標值 Target", "數字"));
    f.push(string("actual", "實際值 Actual", "數字"));
    f.push(select("direction", "方向 Direction", "預設越高越好", vocab!(Direction)));
    f.extend(twin(text, "note", "備註 Note", ""));
    f.extend(visibility(false));
    f
}
