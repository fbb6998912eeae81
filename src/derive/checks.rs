//! The SOP control points (控制重點), audited automatically from the content.
//!
//! Each check has a stable id and a status — `pass`, `warn` (exists but late, stale,
//! overdue or incomplete), `fail` (what the SOP requires is missing) or `n/a` (does not
//! apply yet) — and a one-line reason naming the evidence, in Chinese (`reason`) and in
//! English (`reason_en`, for the English pages and API users). The rules follow the Taipei
//! SOP (臺北市政府機關採購招商廉政平臺建置與執行流程圖) and the Agency Against
//! Corruption guidebook; docs/checks.md states each rule.

use chrono::NaiveDate;
use serde::Serialize;

use super::risks;
use crate::model::period::HalfYear;
use crate::model::*;

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: &'static str,
    /// `pass` | `warn` | `fail` | `n/a`
    pub status: &'static str,
    /// The reason in Traditional Chinese.
    pub reason: String,
    /// The same reason in English (dates ISO, names from `_en` fields with fallback to
    /// Chinese).
    pub reason_en: String,
}

/// Thresholds from site.yaml.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub liaison_interval_days: i64,
    pub stale_after_days: i64,
}

fn check(id: &'static str, status: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Check {
    Check {
        id,
        status,
        reason: zh.into(),
        reason_en: en.into(),
    }
}

/// ROC long date (zh) and ISO date (en).
fn roc(d: NaiveDate) -> String {
    crate::model::date::roc_long(d)
}
fn iso(d: NaiveDate) -> String {
    crate::model::date::iso(d)
}

/// `1 item` / `3 items`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every check for one platform, in a stable order.
pub fn checks(p: &Platform, now: NaiveDate, t: Thresholds, actions: &[super::TrackedAction]) -> Vec<Check> {
    vec![
        risk_assessment(p, now),
        standard_risks(p),
        plan_approved(p),
        pledge(p),
        liaison_regular(p, now, t.liaison_interval_days),
        zone_fresh(p, now, t.stale_after_days),
        reports_on_time(p, now),
        actions_on_track(actions),
        exit_consistent(p, now),
    ]
}

/// Whether the platform had closed by `now` (a period report looks back to a day when a
/// platform closed since was still running).
fn closed_by(p: &Platform, now: NaiveDate) -> bool {
    p.status == Status::Closed && p.closed_on.is_none_or(|c| c <= now)
}

/// The last update as of `now`: the git (or file) date when it is not after `now`, and the
/// content's dates up to `now` — a date after `now` had not happened yet (a `--now` build of
/// older content, or a period report looking back).
pub fn last_update(p: &Platform, now: NaiveDate) -> NaiveDate {
    let history = (p.updated <= now).then_some(p.updated);
    p.latest_date_until(Some(now)).max(history).unwrap_or(p.established)
}

/// The last day the platform is followed: closing date, else today.
fn end_date(p: &Platform, now: NaiveDate) -> NaiveDate {
    p.closed_on.map_or(now, |c| c.min(now))
}

pub fn risk_assessment(p: &Platform, now: NaiveDate) -> Check {
    if p.risks.is_empty() {
        return check(
            "risk-assessment",
            "fail",
            "沒有廉政風險查檢表（risks.yaml）",
            "No integrity risk checklist (risks.yaml)",
        );
    }
    let open = || {
        p.risks
            .iter()
            .filter(|r| matches!(r.status, RiskStatus::Open | RiskStatus::Mitigating))
    };
    let old: Vec<&str> = open()
        .filter(|r| r.reviewed.is_some_and(|d| (now - d).num_days() > 365))
        .map(|r| r.id.as_str())
        .collect();
    let never: Vec<&str> = open().filter(|r| r.reviewed.is_none()).map(|r| r.id.as_str()).collect();
    if old.is_empty() && never.is_empty() {
        check(
            "risk-assessment",
            "pass",
            format!("{} 項風險，未解除者均於一年內檢視", p.risks.len()),
            format!(
                "{}; every open one reviewed within a year",
                plural(p.risks.len(), "risk", "risks")
            ),
        )
    } else {
        let (mut zh, mut en) = (vec![], vec![]);
        if !old.is_empty() {
            zh.push(format!("超過一年未檢視：{}", old.join("、")));
            en.push(format!("not reviewed for over a year: {}", old.join(", ")));
        }
        if !never.is_empty() {
            zh.push(format!("未填檢視日期：{}", never.join("、")));
            en.push(format!("with no review date: {}", never.join(", ")));
        }
        check(
            "risk-assessment",
            "warn",
            format!("未解除的風險{}", zh.join("；")),
            format!("Open risks {}", en.join("; ")),
        )
    }
}

pub fn standard_risks(p: &Platform) -> Check {
    let track = p.case_type.track();
    let used: Vec<&str> = p.risks.iter().filter_map(|r| r.template.as_deref()).collect();
    let missing: Vec<&risks::Template> = risks::for_track(track).filter(|t| !used.contains(&t.id)).collect();
    // Chinese names contain 、 themselves (收受關說、餽贈或邀宴): quote each one.
    let names = |en: bool| -> String {
        let list: Vec<String> = missing
            .iter()
            .map(|t| {
                if en {
                    t.en.to_string()
                } else {
                    format!("「{}」", t.zh)
                }
            })
            .collect();
        list.join(if en { "; " } else { "、" })
    };
    let total = risks::for_track(track).count();
    match missing.len() {
        0 => check(
            "standard-risks",
            "pass",
            format!("{total} 項標準風險均已評估"),
            format!("All {} assessed", plural(total, "standard risk", "standard risks")),
        ),
        n if n == total => check(
            "standard-risks",
            "fail",
            "未評估任何標準風險",
            "No standard risk assessed",
        ),
        n => check(
            "standard-risks",
            "warn",
            format!("{n} 項標準風險未評估：{}", names(false)),
            format!(
                "{} not assessed: {}",
                plural(n, "standard risk", "standard risks"),
                names(true)
            ),
        ),
    }
}

pub fn plan_approved(p: &Platform) -> Check {
    match p.plan_approved {
        None => check(
            "plan-approved",
            "fail",
            "未填寫實施計畫核定日期（plan_approved）",
            "No approval date of the implementation plan (plan_approved)",
        ),
        Some(d) if !p.exit_set => check(
            "plan-approved",
            "warn",
            format!("實施計畫於 {} 核定，但未明定退場時機（exit）", roc(d)),
            format!("Plan approved on {}, but no exit point is set (exit)", iso(d)),
        ),
        Some(d) => check(
            "plan-approved",
            "pass",
            format!("實施計畫於 {} 核定，退場時機：{}", roc(d), p.exit.zh),
            format!("Plan approved on {}; exit: {}", iso(d), p.exit.get("en")),
        ),
    }
}

pub fn pledge(p: &Platform) -> Check {
    match p.meetings.iter().find(|m| m.kind == MeetingKind::Pledge) {
        Some(m) => check(
            "pledge",
            "pass",
            format!("{} 舉行{}", roc(m.date), m.title.zh),
            format!("{} held on {}", m.title.get("en"), iso(m.date)),
        ),
        None => check(
            "pledge",
            "fail",
            "沒有公開宣示（kind: pledge）的紀錄",
            "No record of a public pledge (kind: pledge)",
        ),
    }
}

pub fn liaison_regular(p: &Platform, now: NaiveDate, interval: i64) -> Check {
    let end = end_date(p, now);
    let mut dates: Vec<NaiveDate> = p
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::Liaison && m.date <= end)
        .map(|m| m.date)
        .collect();
    dates.sort();
    let mut points = vec![p.established];
    points.extend(dates.iter().copied());
    points.push(end);
    let long: Vec<&[NaiveDate]> = points
        .windows(2)
        .filter(|w| (w[1] - w[0]).num_days() > interval)
        .collect();
    let gaps: Vec<String> = long
        .iter()
        .map(|w| {
            let (a, b) = (crate::model::date::roc_short(w[0]), crate::model::date::roc_short(w[1]));
            format!("{a}–{b}（{} 天）", (w[1] - w[0]).num_days())
        })
        .collect();
    let gaps_en: Vec<String> = long
        .iter()
        .map(|w| format!("{} to {} ({} days)", iso(w[0]), iso(w[1]), (w[1] - w[0]).num_days()))
        .collect();
    match (dates.is_empty(), gaps.is_empty()) {
        (true, true) => check(
            "liaison-regular",
            "n/a",
            format!("成立未滿 {interval} 天，尚無須召開聯繫會議"),
            format!("Set up less than {interval} days ago; no liaison meeting due yet"),
        ),
        (true, false) => check(
            "liaison-regular",
            "fail",
            format!("成立至今未召開聯繫會議（應至少每 {interval} 天一次）"),
            format!("No liaison meeting since it was set up (one is due at least every {interval} days)"),
        ),
        (false, true) => check(
            "liaison-regular",
            "pass",
            format!("{} 次聯繫會議，間隔均未超過 {interval} 天", dates.len()),
            format!(
                "{}, none more than {interval} days apart",
                plural(dates.len(), "liaison meeting", "liaison meetings")
            ),
        ),
        (false, false) => check(
            "liaison-regular",
            "warn",
            format!("聯繫會議間隔超過 {interval} 天：{}", gaps.join("、")),
            format!(
                "Liaison meetings more than {interval} days apart: {}",
                gaps_en.join("; ")
            ),
        ),
    }
}

pub fn zone_fresh(p: &Platform, now: NaiveDate, stale: i64) -> Check {
    if closed_by(p, now) {
        return check("zone-fresh", "n/a", "平臺已結束", "The platform has closed");
    }
    let updated = last_update(p, now);
    let age = (now - updated).num_days();
    if age <= stale {
        check(
            "zone-fresh",
            "pass",
            format!("最近更新 {}（{age} 天前）", roc(updated)),
            format!("Last updated on {} ({})", iso(updated), plural_ago(age)),
        )
    } else {
        check(
            "zone-fresh",
            "warn",
            format!("已 {age} 天未更新（上限 {stale} 天），最近更新 {}", roc(updated)),
            format!(
                "Not updated for {age} days (limit {stale}); last updated on {}",
                iso(updated)
            ),
        )
    }
}

/// `today` / `1 day ago` / `12 days ago`.
fn plural_ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day ago".into(),
        n => format!("{n} days ago"),
    }
}

/// The half-years a platform must report on whose due date has passed before `now`.
pub fn due_half_years(p: &Platform, now: NaiveDate) -> Vec<HalfYear> {
    let end = end_date(p, now);
    let mut h = HalfYear::of(p.established);
    let mut out = Vec::new();
    while h.start() <= end && h.report_due() < now {
        out.push(h);
        h = h.next();
    }
    out
}

pub fn reports_on_time(p: &Platform, now: NaiveDate) -> Check {
    let due = due_half_years(p, now);
    if due.is_empty() {
        return check(
            "reports-on-time",
            "n/a",
            "尚無到期的半年執行成果報告",
            "No half-yearly report is due yet",
        );
    }
    let find = |h: HalfYear| p.reports.iter().find(|r| r.period == h);
    let missing: Vec<HalfYear> = due.iter().copied().filter(|h| find(*h).is_none()).collect();
    let late: Vec<(HalfYear, NaiveDate)> = due
        .iter()
        .filter_map(|h| {
            find(*h)
                .and_then(|r| r.submitted)
                .filter(|s| *s > h.report_due())
                .map(|s| (*h, s))
        })
        .collect();
    let missing_zh: Vec<String> = missing.iter().map(|h| h.zh()).collect();
    let missing_en: Vec<String> = missing.iter().map(|h| h.en()).collect();
    let late_zh: Vec<String> = late
        .iter()
        .map(|(h, s)| format!("{}（{} 提報）", h.zh(), crate::model::date::roc_short(*s)))
        .collect();
    let late_en: Vec<String> = late
        .iter()
        .map(|(h, s)| format!("{} (submitted {})", h.en(), iso(*s)))
        .collect();
    match (missing.is_empty(), late.is_empty()) {
        (true, true) => check(
            "reports-on-time",
            "pass",
            format!("{} 期報告均如期提報", due.len()),
            format!("All {} submitted on time", plural(due.len(), "report", "reports")),
        ),
        (false, _) => check(
            "reports-on-time",
            "fail",
            format!("缺少 {} 期：{}", missing.len(), missing_zh.join("、")),
            format!(
                "{} missing: {}",
                plural(missing.len(), "report", "reports"),
                missing_en.join(", ")
            ),
        ),
        (true, false) => check(
            "reports-on-time",
            "warn",
            format!("逾期提報：{}", late_zh.join("、")),
            format!("Submitted late: {}", late_en.join("; ")),
        ),
    }
}

pub fn actions_on_track(actions: &[super::TrackedAction]) -> Check {
    if actions.is_empty() {
        return check("actions-on-track", "n/a", "沒有列管事項", "No tracked actions");
    }
    let overdue: Vec<&str> = actions.iter().filter(|a| a.overdue).map(|a| a.id.as_str()).collect();
    if overdue.is_empty() {
        check(
            "actions-on-track",
            "pass",
            format!("{} 項列管事項均未逾期", actions.len()),
            format!(
                "{}, none overdue",
                plural(actions.len(), "tracked action", "tracked actions")
            ),
        )
    } else {
        check(
            "actions-on-track",
            "warn",
            format!("{} 項逾期未完成：{}", overdue.len(), overdue.join("、")),
            format!(
                "{} overdue: {}",
                plural(overdue.len(), "action", "actions"),
                overdue.join(", ")
            ),
        )
    }
}

pub fn exit_consistent(p: &Platform, now: NaiveDate) -> Check {
    let exit = p.case_type.track().exit_stage();
    let reached = p
        .milestones
        .iter()
        .any(|m| m.stage == exit && m.actual.is_some_and(|a| a <= now));
    let status = if closed_by(p, now) {
        Status::Closed
    } else {
        Status::Active
    };
    match (status, reached) {
        (Status::Active, true) => check(
            "exit-consistent",
            "warn",
            format!("已達退場階段（{}），但平臺仍為運作中：應辦理結束", exit.zh()),
            format!(
                "The exit stage ({}) is reached but the platform is still active: it should close",
                exit.en()
            ),
        ),
        (Status::Closed, false) => check(
            "exit-consistent",
            "warn",
            format!("平臺已結束，但里程碑沒有退場階段（{}）的實際日期", exit.zh()),
            format!(
                "The platform has closed, but no milestone gives an actual date for the exit stage ({})",
                exit.en()
            ),
        ),
        (Status::Active, false) => check(
            "exit-consistent",
            "pass",
            format!("尚未達退場階段（{}），平臺運作中", exit.zh()),
            format!("Exit stage ({}) not reached yet; the platform is active", exit.en()),
        ),
        (Status::Closed, true) => check(
            "exit-consistent",
            "pass",
            format!("已達退場階段（{}）並結束", exit.zh()),
            format!("Exit stage ({}) reached and the platform closed", exit.en()),
        ),
    }
}

/// `7 ✓ · 1 ! · 1 ✗` counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckSummary {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub na: usize,
}

pub fn summary(checks: &[Check]) -> CheckSummary {
    let count = |s: &str| checks.iter().filter(|c| c.status == s).count();
    CheckSummary {
        pass: count("pass"),
        warn: count("warn"),
        fail: count("fail"),
        na: count("n/a"),
    }
}
