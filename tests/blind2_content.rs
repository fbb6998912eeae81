//! The second blind fixture (`tests/fixtures/blind2/content`): content written from
//! shared/CONTENT-MODEL.md and the seeds the way 政風 staff write it — zh-TW only, YAML
//! comments, block scalars, flow lists, `~` for absent values, ROC dates with one-digit
//! month and day (`110-5-1`, `110.6.1`), amounts as `約 125 億`, `NT$1.5億元`,
//! `"12,500,000,000"` and `6億3,630萬`, seven `tender` milestones, a front matter with a
//! UTF-8 BOM and CRLF line ends, a report without front matter. Every value asserted here
//! was worked out by hand from the contract before the site was built.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use touming::site::{self, BuildOptions};

const BLIND2: &str = "tests/fixtures/blind2/content";

struct Built {
    _tmp: tempfile::TempDir,
    out: PathBuf,
}

impl Built {
    fn new() -> Built {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let opts = BuildOptions {
            now: "2022-01-15".parse().unwrap(),
            ..support::opts(BLIND2, &out)
        };
        let report = site::build(&opts).unwrap_or_else(|d| panic!("{d:?}"));
        assert!(!report.warnings.has_errors());
        Built { _tmp: tmp, out }
    }
    fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
    fn platform(&self, slug: &str) -> Value {
        serde_json::from_str(&self.text(&format!("api/v1/platforms/{slug}.json"))).unwrap()
    }
    fn exists(&self, rel: &str) -> bool {
        Path::new(&self.out).join(rel).is_file()
    }
}

/// The `<tr>` of a page that contains `needle`.
fn row_with<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let start = html[..at].rfind("<tr").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    &html[start..end]
}

#[test]
fn builds_with_every_page_and_no_english() {
    let b = Built::new();
    for rel in [
        "index.html",
        "platforms/tamsui-lrp/index.html",
        "platforms/gravel-sale/index.html",
        "platforms/market-rebuild/index.html",
        "platforms/ppp-closed/index.html",
        "platforms/market-rebuild/meetings/m4/index.html",
        "platforms/market-rebuild/files/2021/第 2 次 會議 簡報.pdf",
        "patterns/floor-price-leak/index.html",
        "kpis/2021/index.html",
        "complaint/index.html",
    ] {
        assert!(b.exists(rel), "{rel}");
    }
    assert!(!b.exists("en/index.html"));
    let home = b.text("index.html");
    // 約125億 + NT$1.5億元 + 12,500,000,000 + 6億3,630萬 = 257.863 億.
    assert!(home.contains("257.86 億元"), "sum");
    assert!(home.contains("約 125 億元"));
    assert!(b.text("platforms/ppp-closed/index.html").contains("6.36 億元"));
}

#[test]
fn one_digit_roc_dates_bom_crlf_and_seven_tenders() {
    let b = Built::new();
    let t = b.platform("tamsui-lrp");
    assert_eq!(t["established"], "2021-05-01"); // 110-5-1
    assert_eq!(t["amount_ntd"], 12_500_000_000u64);
    assert_eq!(t["amount_approximate"], true);
    assert_eq!(t["current_stage"], "planning");
    assert_eq!(t["milestones"][1]["slip_days"], 44); // 110.6.1 → 110.07.15
    assert_eq!(t["milestones"][2]["overdue"], true);
    assert_eq!(t["overdue_milestones"], 1);
    let g = b.platform("gravel-sale"); // BOM + CRLF front matter
    assert_eq!(g["title"], "石門水庫清淤土石標售廉政平臺");
    assert_eq!(g["amount_ntd"], 150_000_000u64);
    assert_eq!(g["current_stage"], "tender");
    assert_eq!(g["milestones"].as_array().unwrap().len(), 10);
    assert_eq!(g["milestones"][7]["slip_days"], 9);
    assert_eq!(g["overdue_milestones"], 2);
    let home = b.text("platforms/tamsui-lrp/index.html");
    assert!(home.contains("110年5月1日"));
}

#[test]
fn issue_2_seventh_tender_is_the_current_row() {
    let b = Built::new();
    let html = b.text("platforms/gravel-sale/index.html");
    let current = row_with(&html, "is-current");
    assert!(current.contains("110.09.10"), "{current}");
    assert_eq!(html.matches("is-current").count(), 1);
}

#[test]
fn actions_merge_across_meetings_and_go_back_from_done() {
    let b = Built::new();
    let m = b.platform("market-rebuild");
    let acts = m["actions"].as_array().unwrap();
    let by = |id: &str| acts.iter().find(|a| a["id"] == id).unwrap().clone();
    assert_eq!(by("M-01")["status"], "in-progress");
    assert_eq!(by("M-01")["history"].as_array().unwrap().len(), 3);
    assert_eq!(by("M-01")["overdue"], true);
    assert_eq!(by("M-02")["overdue"], true); // due 110年12月31日, still in progress
    assert_eq!(by("M-03")["status"], "done");
    assert_eq!(by("M-03")["overdue"], false);
    let t = b.platform("tamsui-lrp");
    let levels: Vec<&str> = t["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["high", "high", "low"]); // R4 draft, R5 embargoed
}

#[test]
fn withheld_entries_appear_nowhere() {
    let b = Built::new();
    for e in walkdir::WalkDir::new(&b.out).into_iter().map(Result::unwrap) {
        if !e.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        let s = String::from_utf8_lossy(&bytes);
        for secret in [
            "九千八百萬",
            "甲公司",
            "草稿秘密",
            "草稿風險",
            "尚未到公開日",
            "尚未公開的第5次",
        ] {
            assert!(!s.contains(secret), "{secret} in {}", e.path().display());
        }
    }
}

#[test]
fn issue_5_report_without_submitted_date_is_on_file() {
    let b = Built::new();
    let html = b.text("reports/2021-H2/index.html");
    let row = row_with(&html, "淡水第二期市地重劃廉政平臺</a>");
    assert!(row.contains("已陳報（未填日期）"), "{row}");
    assert!(!row.contains("未陳報"), "{row}");
    // 果菜市場 (dated) and 淡水 (undated) both reported; 石門 and the BOT case did not.
    assert!(html.contains("2 / 4"));
}

#[test]
fn issue_3_two_sections_with_footnote_1_on_one_page() {
    let b = Built::new();
    let html = b.text("platforms/market-rebuild/index.html");
    let ids: Vec<&str> = html
        .split("class=\"footnote-definition\" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "背景 and 辦理進度 each have [^1]");
    assert_ne!(ids[0], ids[1]);
    for id in ids {
        assert!(html.contains(&format!("href=\"#{id}\"")), "{id}");
    }
}

#[test]
fn issue_5_kpi_year_written_as_roc_year() {
    // kpis/2022.yaml says `year: 111` (民國111年度).
    let b = Built::new();
    let k: Value = serde_json::from_str(&b.text("api/v1/kpis/2022.json")).unwrap();
    assert_eq!(k["year"], 2022);
    assert!(b.text("kpis/2022/index.html").contains("111 年度"));
}

#[test]
fn issue_5_pattern_agency_written_as_a_name() {
    // patterns/spoil-sale.md: `agency: 某縣市政府水利局` (abstracted, not an id).
    let b = Built::new();
    let html = b.text("patterns/spoil-sale/index.html");
    assert!(html.contains("某縣市政府水利局"));
    assert!(html.contains("數家廠商以相同帳戶繳納押標金"));
    // An id is still shown as the agency's name.
    assert!(
        b.text("patterns/floor-price-leak/index.html")
            .contains("新北市政府市場處")
    );
}

#[test]
fn issue_5_risk_stage_written_as_its_chinese_label() {
    // gravel-sale/risks.yaml: `stage: 開標階段` and `stage: 履約` (procurement track).
    let b = Built::new();
    let g = b.platform("gravel-sale");
    let stages: Vec<&str> = g["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["opening", "construction"]);
    let levels: Vec<&str> = g["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["medium", "medium"]); // 5×2 = 10, 4×3 = 12
}

#[test]
fn issue_5_site_contact_written_as_one_text() {
    // The same tree, but site.yaml `contact: |` is a block of text, not email/phone/address.
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    for e in walkdir::WalkDir::new(BLIND2).into_iter().map(Result::unwrap) {
        let to = content.join(e.path().strip_prefix(BLIND2).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    let site_yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    let head = &site_yaml[..site_yaml.find("contact:").unwrap()];
    let text = format!("{head}contact: |\n  陳情專線：0800-286-586\n  地址：新北市板橋區中山路一段161號\n");
    std::fs::write(content.join("site.yaml"), text).unwrap();
    let out = tmp.path().join("site");
    let opts = BuildOptions {
        now: "2022-01-15".parse().unwrap(),
        ..support::opts(content.clone(), &out)
    };
    site::build(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<p class=\"contact-note\">陳情專線：0800-286-586\n地址：新北市板橋區中山路一段161號</p>"));
}

#[test]
fn issue_5_meeting_file_named_in_chinese_with_a_space() {
    // gravel-sale/meetings/第1次 聯繫會議.md: published under a stable ASCII URL name.
    let b = Built::new();
    let g = b.platform("gravel-sale");
    let meetings = g["meetings"].as_array().unwrap();
    let m = meetings
        .iter()
        .find(|m| m["title"] == "第1次聯繫會議")
        .expect("meeting");
    let name = m["name"].as_str().unwrap();
    assert!(name.starts_with("m-") && name.len() == 10, "{name}");
    let page = b.text(&format!("platforms/gravel-sale/meetings/{name}/index.html"));
    assert!(page.contains("檔名為中文且含空白的會議紀錄"));
    assert!(page.contains("110年4月20日"));
    assert_eq!(g["actions"][0]["meeting"], name);
}
