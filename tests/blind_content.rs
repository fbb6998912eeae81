//! The "blind" fixture (`tests/fixtures/blind/content`): content written only from
//! shared/CONTENT-MODEL.md, without reading the generator, using every field, file and value
//! form of the contract. Each assertion is a value computed by hand from the contract (see
//! the expected-values list in the fixture's README.md), so a wrong computation fails here
//! rather than being frozen into a snapshot.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use touming::site::{self, BuildOptions};

const BLIND: &str = "tests/fixtures/blind/content";

fn opts_at(now: &str, out: &Path) -> BuildOptions {
    BuildOptions {
        now: now.parse().unwrap(),
        ..support::opts(BLIND, out)
    }
}

/// The whole site built at `now`, in a temporary folder.
struct Built {
    _tmp: tempfile::TempDir,
    out: PathBuf,
}

impl Built {
    fn at(now: &str) -> Built {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let report = site::build(&opts_at(now, &out)).unwrap_or_else(|d| panic!("{d:?}"));
        assert!(!report.warnings.has_errors());
        Built { _tmp: tmp, out }
    }
    fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
    fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&self.text(rel)).unwrap()
    }
    fn platform(&self, slug: &str) -> Value {
        self.json(&format!("api/v1/platforms/{slug}.json"))
    }
    /// Every output file's bytes, concatenated with its path (binary search shards too).
    fn all_bytes(&self) -> Vec<(String, Vec<u8>)> {
        walkdir::WalkDir::new(&self.out)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
            .collect()
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// `{check id: status}` of one platform.
fn checks(p: &Value) -> Vec<(String, String)> {
    p["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check_status(p: &Value, id: &str) -> String {
    checks(p).into_iter().find(|(i, _)| i == id).unwrap().1
}

fn overdue_actions(p: &Value) -> Vec<String> {
    p["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["overdue"] == true)
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn blind_registry_amounts_and_totals() {
    let b = Built::at("2026-11-21");
    let reg = b.json("api/v1/platforms.json");
    assert_eq!(reg["total"], 4);
    // 約125億 + 8.25億 + NT$6億3,630萬 + 3,000萬元
    assert_eq!(
        reg["total_amount_ntd"],
        12_500_000_000u64 + 825_000_000 + 636_300_000 + 30_000_000
    );
    let row = |slug: &str| {
        reg["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap()
            .clone()
    };
    let dj = row("danjiang-bridge");
    assert_eq!(
        (dj["amount_ntd"].as_u64(), dj["amount_approximate"].as_bool()),
        (Some(12_500_000_000), Some(true))
    );
    assert_eq!(dj["established"], "2019-05-10"); // 1080510, unquoted
    assert_eq!(row("customs-boats")["established"], "2019-11-25"); // '1081125'
    assert_eq!(row("customs-boats")["closed_on"], "2023-06-30"); // 112-06-30
    assert_eq!(row("shilin-superficies")["established"], "2025-03-01"); // '114/03/01'
    assert_eq!(row("nantou-gravel")["amount_ntd"], 30_000_000);
    let home = b.text("index.html");
    for s in [
        "139.91 億元",
        "約 125 億元",
        "8.25 億元",
        "6.36 億元",
        "0.3 億元",
        "108.05.10",
    ] {
        assert!(home.contains(s), "home page lacks {s}");
    }
    assert!(b.text("en/index.html").contains("NT$12.5 billion"));
    // The embargoed platform (publish_after 2026-12-01, 95,681,000,000) joins on that day.
    let later = Built::at("2026-12-01");
    assert_eq!(later.json("api/v1/platforms.json")["total"], 5);
    assert!(later.text("index.html").contains("1,096.72 億元"));
}

#[test]
fn blind_every_published_url_exists_and_nothing_else() {
    let b = Built::at("2026-11-21");
    let present = [
        "platforms/danjiang-bridge",
        "platforms/customs-boats",
        "platforms/shilin-superficies",
        "platforms/nantou-gravel",
        "platforms/danjiang-bridge/meetings/2024-02-29-inspection",
        "platforms/danjiang-bridge/meetings/2026-09-01-liaison-5",
        "platforms/customs-boats/meetings/2019-11-25-pledge",
        "patterns/base-price-leak-case",
        "patterns/minimal-pattern",
        "kpis/2025",
        "kpis/2026",
        "about",
        "complaints",
        "reports/2021-H1",
        "reports/2021-Q3",
        "en/platforms/danjiang-bridge",
        "en/kpis/2025",
    ];
    for p in present {
        assert!(b.out.join(p).join("index.html").is_file(), "{p}/ missing");
    }
    let absent = [
        "platforms/airport-t3",
        "platforms/draft-platform",
        "platforms/danjiang-bridge/meetings/2026-10-01-draft",
        "platforms/danjiang-bridge/meetings/2026-11-15-liaison-6",
        "platforms/shilin-superficies/meetings/2026-08-10-selection-committee",
        "platforms/nantou-gravel/meetings/2026-10-20-liaison",
        "patterns/draft-pattern",
        "patterns/embargo-pattern",
        "draft-page",
        "embargo-page",
        "platforms/danjiang-bridge/files/draft-secret.txt",
        "platforms/shilin-superficies/files/contract-draft.txt",
        "platforms/nantou-gravel/files/bidders.txt",
    ];
    for p in absent {
        assert!(!b.out.join(p).exists(), "{p} must not be published");
    }
    assert_eq!(b.platform("danjiang-bridge")["meetings_count"], 11);
}

/// Canary words are in every draft, embargoed and still-confidential entry; `zqvisible…`
/// words are in confidential entries whose point is reached (they must be published).
#[test]
fn blind_no_unpublished_canary_in_any_output_file() {
    let b = Built::at("2026-11-21");
    let files = b.all_bytes();
    for (path, bytes) in &files {
        assert!(!contains(bytes, "zqcanary"), "{path} leaks an unpublished entry");
    }
    for visible in ["zqvisibleconfopening", "zqvisibleconfaward", "zqvisibleconfaward2"] {
        assert!(
            files.iter().any(|(_, b)| contains(b, visible)),
            "{visible} not published"
        );
    }
    let later = Built::at("2026-12-01");
    let files = later.all_bytes();
    for canary in ["zqcanaryembargomeeting", "zqcanaryembargoqa", "zqcanaryembargoplatform"] {
        assert!(
            files.iter().any(|(_, b)| contains(b, canary)),
            "{canary} due on 2026-12-01"
        );
    }
    for canary in [
        "zqcanarydraft",
        "zqcanaryconf",
        "zqcanaryembargodoc",
        "zqcanaryembargopattern",
        "zqcanaryembargoindicator",
    ] {
        assert!(
            !files.iter().any(|(_, b)| contains(b, canary)),
            "{canary} leaked on 2026-12-01"
        );
    }
}

#[test]
fn blind_timeline_slips_overdue_and_current_stage() {
    let b = Built::at("2026-11-21");
    let dj = b.platform("danjiang-bridge");
    assert_eq!(dj["current_stage"], "construction"); // the draft acceptance milestone is ignored
    let ms = dj["milestones"].as_array().unwrap();
    assert_eq!(ms.len(), 10);
    let by_stage = |s: &str| ms.iter().find(|m| m["stage"] == s).unwrap();
    assert_eq!(by_stage("planning")["slip_days"], 181); // 2016-01-01 → 2016-06-30, leap year
    assert_eq!(by_stage("construction")["slip_days"], 30);
    assert_eq!(by_stage("opening")["slip_days"], 0);
    assert_eq!(by_stage("opening")["actual"], "2017-09-01"); // '1060901'
    assert_eq!(by_stage("contract")["actual"], "2017-10-30"); // 1061030
    assert_eq!(by_stage("acceptance")["overdue"], true);
    assert_eq!(by_stage("closed")["overdue"], false); // planned == today
    let next = Built::at("2026-11-22").platform("danjiang-bridge");
    assert_eq!(next["milestones"][9]["overdue"], true);
    assert_eq!(b.platform("customs-boats")["current_stage"], "closed");
    assert_eq!(b.platform("shilin-superficies")["current_stage"], "selection");
    assert_eq!(b.platform("nantou-gravel")["current_stage"], "tender");
    let html = b.text("platforms/danjiang-bridge/index.html");
    assert!(html.contains("108年5月10日") && html.contains("+181 天"));
    assert!(
        b.text("platforms/danjiang-bridge/meetings/2024-02-29-inspection/index.html")
            .contains("113年2月29日")
    );
    assert!(
        b.text("en/platforms/danjiang-bridge/meetings/2024-02-29-inspection/index.html")
            .contains("2024-02-29")
    );
}

#[test]
fn blind_actions_merge_updates_across_meetings() {
    let b = Built::at("2026-11-21");
    let dj = b.platform("danjiang-bridge");
    let acts = dj["actions"].as_array().unwrap();
    let ids: Vec<&str> = acts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["A-01", "A-02", "A-03", "A-04", "A-05"]); // A-06 is a draft
    let status: Vec<&str> = acts.iter().map(|a| a["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["done", "dropped", "in-progress", "open", "in-progress"]);
    assert_eq!(acts[1]["history"].as_array().unwrap().len(), 3);
    assert_eq!(acts[2]["due"], "2026-11-21"); // moved by an update
    assert_eq!(acts[3]["history"].as_array().unwrap().len(), 1); // draft update ignored
    assert_eq!(overdue_actions(&dj), ["A-04", "A-05"]);
    assert_eq!(
        overdue_actions(&Built::at("2026-11-20").platform("danjiang-bridge")),
        ["A-04"]
    );
    assert_eq!(
        overdue_actions(&Built::at("2026-11-22").platform("danjiang-bridge")),
        ["A-03", "A-04", "A-05"]
    );
    // The embargoed 2026-11-15 meeting closes once published.
    assert_eq!(
        overdue_actions(&Built::at("2026-12-01").platform("danjiang-bridge")),
        ["A-03"]
    );
}

#[test]
fn blind_risk_levels_and_standard_risks() {
    let b = Built::at("2026-11-21");
    let dj = b.platform("danjiang-bridge");
    let levels: Vec<(String, i64, String)> = dj["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().into(),
                r["score"].as_i64().unwrap(),
                r["level"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = [
        ("R-01", 15, "high"),
        ("R-02", 12, "medium"),
        ("R-03", 6, "medium"),
        ("R-04", 4, "low"),
        ("R-05", 5, "low"),
        ("R-07", 12, "medium"),
    ];
    let want: Vec<(String, i64, String)> = want
        .iter()
        .map(|(i, s, l)| (i.to_string(), *s, l.to_string()))
        .collect();
    assert_eq!(levels, want);
    // The draft R-06 (lobbying-gifts) does not count as assessing it.
    assert_eq!(dj["unaddressed_risks"].as_array().unwrap().len(), 8);
    assert!(
        dj["unaddressed_risks"]
            .as_array()
            .unwrap()
            .contains(&Value::from("lobbying-gifts"))
    );
    // Nantou's base-price-leak risk is still confidential (opening not reached).
    let nt = b.platform("nantou-gravel");
    assert!(
        nt["unaddressed_risks"]
            .as_array()
            .unwrap()
            .contains(&Value::from("base-price-leak"))
    );
    assert_eq!(nt["risks"].as_array().unwrap().len(), 2);
}

const IDS: [&str; 9] = [
    "risk-assessment",
    "standard-risks",
    "plan-approved",
    "pledge",
    "liaison-regular",
    "zone-fresh",
    "reports-on-time",
    "actions-on-track",
    "exit-consistent",
];

fn statuses(p: &Value) -> Vec<String> {
    let c = checks(p);
    assert_eq!(c.iter().map(|(i, _)| i.as_str()).collect::<Vec<_>>(), IDS);
    c.into_iter().map(|(_, s)| s).collect()
}

#[test]
fn blind_nine_checks_on_2026_11_21() {
    let b = Built::at("2026-11-21");
    let want = [
        (
            "danjiang-bridge",
            ["warn", "warn", "warn", "pass", "warn", "pass", "fail", "warn", "pass"],
        ),
        (
            "customs-boats",
            ["fail", "fail", "fail", "pass", "fail", "n/a", "fail", "n/a", "pass"],
        ),
        ("shilin-superficies", ["pass"; 9]),
        (
            "nantou-gravel",
            ["warn", "warn", "fail", "fail", "n/a", "pass", "fail", "n/a", "pass"],
        ),
    ];
    for (slug, w) in want {
        assert_eq!(statuses(&b.platform(slug)), w, "{slug}");
    }
    let dj = b.platform("danjiang-bridge");
    let reason = |id: &str| {
        let c = dj["checks"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap();
        c["reason"].as_str().unwrap().to_string()
    };
    assert!(reason("liaison-regular").contains("322 天") && reason("liaison-regular").contains("1759 天"));
    assert!(reason("reports-on-time").contains("缺少 9 期"));
    assert!(reason("zone-fresh").contains("115年9月1日"), "{}", reason("zone-fresh"));
    assert!(reason("actions-on-track").contains("A-04、A-05"));
}

#[test]
fn blind_check_boundaries_around_today() {
    let at = |now: &str, slug: &str, id: &str| check_status(&Built::at(now).platform(slug), id);
    // nantou: established 2026-06-01; 2026-H1 report due 2026-10-31 (that day is not past).
    assert_eq!(at("2026-10-31", "nantou-gravel", "reports-on-time"), "n/a");
    assert_eq!(at("2026-11-01", "nantou-gravel", "reports-on-time"), "fail");
    // 180 days without liaison meeting on 2026-11-28 is still n/a; 181 fails.
    assert_eq!(at("2026-11-28", "nantou-gravel", "liaison-regular"), "n/a");
    assert_eq!(at("2026-11-29", "nantou-gravel", "liaison-regular"), "fail");
    // shilin S-R03 open, reviewed 2025-11-21: 365 days pass, 366 warn.
    assert_eq!(at("2026-11-22", "shilin-superficies", "risk-assessment"), "warn");
    // shilin last liaison 2026-07-15: 180 days to 2027-01-11 pass, 181 warn.
    assert_eq!(at("2027-01-11", "shilin-superficies", "liaison-regular"), "pass");
    assert_eq!(at("2027-01-12", "shilin-superficies", "liaison-regular"), "warn");
    // nantou last published date 2026-10-05 (its confidential 2026-10-20 meeting and
    // 2026-11-10 Q&A do not count): 90 days pass, 91 warn.
    assert_eq!(at("2027-01-03", "nantou-gravel", "zone-fresh"), "pass");
    assert_eq!(at("2027-01-04", "nantou-gravel", "zone-fresh"), "warn");
    // The embargoed platform reached acceptance while active.
    assert_eq!(at("2026-12-01", "airport-t3", "exit-consistent"), "warn");
}

fn derived_at(now: &str) -> touming::derive::Derived {
    support::derived(&opts_at(now, Path::new("unused")))
}

#[test]
fn issue_3_kpi_weighted_score_in_pages_and_api() {
    let d = derived_at("2026-11-21");
    let s = &d.kpi_scores["2025"];
    // met 6 + 9 + 1 (no weight = 1) of known 6 + 5 + 9 + 1; the indicator without actual is out.
    assert_eq!((s.met_weight, s.known_weight), (16.0, 21.0));
    assert!((s.score.unwrap() - 1600.0 / 21.0).abs() < 1e-9);
    assert_eq!(d.kpi_scores["2026"].score, None);
    let goals: Vec<Option<f64>> = d.kpis["2025"].iter().map(|g| g.score.score).collect();
    assert_eq!(goals, [Some(75.0), Some(100.0)]);
    let api = Built::at("2026-11-21").json("api/v1/kpis/2025.json");
    assert_eq!(
        (api["goals"][0]["score"].as_f64(), api["known_weight"].as_f64()),
        (Some(75.0), Some(21.0))
    );
}

#[test]
fn blind_period_reports() {
    let d = derived_at("2026-11-21");
    let report = |code: &str| d.reports.iter().find(|r| r.code == code).unwrap().clone();
    let h1 = report("2021-H1");
    let slugs: Vec<&str> = h1.platforms.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["customs-boats", "danjiang-bridge"]);
    let dj = &h1.platforms[1];
    assert_eq!(dj.meetings, ["2021-05-11-liaison-3"]);
    assert_eq!((dj.actions_opened, dj.actions_closed, dj.actions_overdue), (0, 1, 1));
    assert_eq!(dj.risks_reviewed, 1);
    assert_eq!(
        dj.report_submitted.map(|d| d.to_string()).as_deref(),
        Some("2021-10-29")
    );
    let status =
        |p: &touming::derive::periods::PlatformPeriod, id: &str| p.checks.iter().find(|c| c.id == id).unwrap().status;
    // As of 2021-06-30 the customs platform was still running (closed 2023-06-30), and its
    // last update then was 2020-05-01 (construction started): stale.
    assert_eq!(status(&h1.platforms[0], "zone-fresh"), "warn");
    // Danjiang as of 2021-09-30: last published date up to then is 2021-06-01 (Q&A): stale.
    let q3 = report("2021-Q3");
    assert_eq!(status(&q3.platforms[1], "zone-fresh"), "warn");
    assert_eq!(status(&report("2021-Q2").platforms[1], "zone-fresh"), "pass");
}

/// The registry groups 中央機關 / 地方政府 with a count and a total amount each.
#[test]
fn issue_2_home_registry_level_subtotals() {
    let home = Built::at("2026-11-21").text("index.html");
    let heading = |level: &str| {
        let rest = home.split(&format!("<h2 id=\"level-{level}\">")).nth(1).unwrap();
        rest[..rest.find("</h2>").unwrap()].to_string()
    };
    // 約125億 + 8.25億 + 3,000萬元 = 133.55 億 (central); NT$6億3,630萬 = 6.36 億 (local).
    let central = heading("central");
    assert!(
        central.contains("總計 3 案") && central.contains("合計 133.55 億元"),
        "{central}"
    );
    assert!(heading("local").contains("合計 6.36 億元"));
}
