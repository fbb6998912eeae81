//! Unit tests for every control point, at their boundaries.

use chrono::NaiveDate;

use super::checks::*;
use super::{actions, risks};
use crate::model::period::HalfYear;
use crate::model::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> Text {
    Text::new(s, None)
}

fn platform() -> Platform {
    Platform {
        slug: "bridge".into(),
        title: t("某大橋廉政平臺"),
        agency: "a".into(),
        project: None,
        summary: None,
        case_type: CaseType::Procurement,
        amount: None,
        established: d("2020-01-15"),
        plan_approved: None,
        exit: t("竣工驗收完畢"),
        exit_set: false,
        status: Status::Active,
        closed_on: None,
        participants: vec![],
        milestones: vec![],
        links: vec![],
        tags: vec![],
        background: Body::default(),
        sections: vec![],
        qa: vec![],
        risks: vec![],
        ethics_log: vec![],
        evaluation: vec![],
        documents: vec![],
        meetings: vec![],
        reports: vec![],
        content_updated: d("2020-01-15"),
        updated: d("2020-01-15"),
        revisions: vec![],
    }
}

fn meeting(kind: MeetingKind, date: &str) -> Meeting {
    Meeting {
        name: format!("m-{date}"),
        title: t("會議"),
        kind,
        date: d(date),
        location: None,
        chair: None,
        attendees: vec![],
        decisions: vec![],
        actions: vec![],
        action_updates: vec![],
        documents: vec![],
        summary: None,
        minutes: Body::default(),
        updated: None,
    }
}

fn risk(id: &str, template: Option<&str>, status: RiskStatus, reviewed: Option<&str>) -> Risk {
    Risk {
        id: id.into(),
        risk: t("風險"),
        template: template.map(str::to_string),
        stage: None,
        severity: 3,
        likelihood: 3,
        measures: vec![],
        status,
        reviewed: reviewed.map(d),
        owner: None,
        note: None,
    }
}

fn report(period: &str, submitted: &str) -> Report {
    Report {
        period: HalfYear::parse(period).unwrap(),
        title: None,
        submitted: Some(d(submitted)),
        body: Body::default(),
    }
}

#[test]
fn risk_assessment_fails_without_risks_and_warns_after_a_year_without_review() {
    let mut p = platform();
    assert_eq!(risk_assessment(&p, d("2021-01-01")).status, "fail");
    p.risks = vec![risk("R1", None, RiskStatus::Open, Some("2020-02-29"))];
    // 2020-02-29 + 365 days = 2021-02-28: exactly a year is still fine, a day more is not.
    assert_eq!(risk_assessment(&p, d("2021-02-28")).status, "pass");
    let c = risk_assessment(&p, d("2021-03-01"));
    assert_eq!(
        (c.status, c.reason.as_str()),
        ("warn", "未解除的風險超過一年未檢視：R1")
    );
    assert_eq!(c.reason_en, "Open risks not reviewed for over a year: R1");
    p.risks[0].status = RiskStatus::Controlled;
    assert_eq!(risk_assessment(&p, d("2030-01-01")).status, "pass");
}

#[test]
fn issue_3_risk_assessment_tells_never_reviewed_from_reviewed_long_ago() {
    let mut p = platform();
    p.risks = vec![
        risk("R1", None, RiskStatus::Open, Some("2020-02-29")),
        risk("R2", None, RiskStatus::Mitigating, None),
    ];
    let c = risk_assessment(&p, d("2021-03-01"));
    assert_eq!(c.reason, "未解除的風險超過一年未檢視：R1；未填檢視日期：R2");
    assert_eq!(
        c.reason_en,
        "Open risks not reviewed for over a year: R1; with no review date: R2"
    );
    let c = risk_assessment(&p, d("2021-02-28"));
    assert_eq!((c.status, c.reason.as_str()), ("warn", "未解除的風險未填檢視日期：R2"));
}

#[test]
fn standard_risks_lists_what_is_not_addressed() {
    let mut p = platform();
    assert_eq!(standard_risks(&p).status, "fail");
    p.risks = vec![risk("R1", Some("base-price-leak"), RiskStatus::Open, None)];
    let c = standard_risks(&p);
    assert_eq!(c.status, "warn");
    assert!(
        c.reason.contains("評選委員與廠商程序外接觸") && !c.reason.contains("洩漏底價"),
        "{}",
        c.reason
    );
    p.risks = risks::for_track(Track::Procurement)
        .map(|tpl| risk(tpl.id, Some(tpl.id), RiskStatus::Open, None))
        .collect();
    assert_eq!(standard_risks(&p).status, "pass");
}

#[test]
fn issue_3_standard_risk_names_are_quoted_in_the_reason() {
    // 收受關說、餽贈或邀宴 has 、 inside: unquoted, a list of names could not be read apart.
    let mut p = platform();
    let all: Vec<&str> = risks::for_track(Track::Procurement).map(|t| t.id).collect();
    p.risks = all
        .iter()
        .filter(|id| !["lobbying-gifts", "external-interference"].contains(id))
        .map(|id| risk(id, Some(id), RiskStatus::Open, None))
        .collect();
    let c = standard_risks(&p);
    assert_eq!(
        c.reason,
        "2 項標準風險未評估：「收受關說、餽贈或邀宴」、「外部勢力介入（黑道、不當施壓）」"
    );
}

#[test]
fn plan_approved_needs_the_date_and_an_exit_condition() {
    let mut p = platform();
    assert_eq!(plan_approved(&p).status, "fail");
    p.plan_approved = Some(d("2020-02-01"));
    assert_eq!(plan_approved(&p).status, "warn");
    p.exit_set = true;
    assert_eq!(plan_approved(&p).status, "pass");
}

#[test]
fn pledge_is_found_among_meetings() {
    let mut p = platform();
    assert_eq!(pledge(&p).status, "fail");
    p.meetings = vec![meeting(MeetingKind::Pledge, "2020-01-15")];
    assert_eq!(pledge(&p).status, "pass");
}

#[test]
fn liaison_gaps_are_measured_from_establishment_to_today() {
    let mut p = platform();
    // 180 days after 2020-01-15 is 2020-07-13 (2020 is a leap year): not yet required.
    assert_eq!(liaison_regular(&p, d("2020-07-13"), 180).status, "n/a");
    assert_eq!(liaison_regular(&p, d("2020-07-14"), 180).status, "fail");
    p.meetings = vec![
        meeting(MeetingKind::Liaison, "2020-07-13"),
        meeting(MeetingKind::Liaison, "2021-01-09"),
    ];
    assert_eq!(liaison_regular(&p, d("2021-07-08"), 180).status, "pass");
    let c = liaison_regular(&p, d("2021-07-09"), 180);
    assert_eq!(
        (c.status, c.reason.as_str()),
        ("warn", "聯繫會議間隔超過 180 天：110.01.09–110.07.09（181 天）")
    );
    assert_eq!(
        c.reason_en,
        "Liaison meetings more than 180 days apart: 2021-01-09 to 2021-07-09 (181 days)"
    );
    // A closed platform is followed only until it closed.
    p.status = Status::Closed;
    p.closed_on = Some(d("2021-03-01"));
    assert_eq!(liaison_regular(&p, d("2026-01-01"), 180).status, "pass");
}

#[test]
fn zone_freshness_counts_days_since_the_last_update() {
    let mut p = platform();
    p.updated = d("2024-01-01");
    assert_eq!(zone_fresh(&p, d("2024-03-31"), 90).status, "pass"); // 90 days (leap February)
    assert_eq!(zone_fresh(&p, d("2024-04-01"), 90).status, "warn");
    p.status = Status::Closed;
    assert_eq!(zone_fresh(&p, d("2030-01-01"), 90).status, "n/a");
}

#[test]
fn issue_3_zone_freshness_ignores_dates_after_today() {
    // Content last dated 2021-05-11; a git or file date of 2026-11-21 (the commit, or an
    // uncommitted file) is after a `--now 2021-12-01` build's today and must not count.
    let mut p = platform();
    p.meetings = vec![
        meeting(MeetingKind::Liaison, "2021-05-11"),
        meeting(MeetingKind::Liaison, "2022-03-01"),
    ];
    p.content_updated = d("2022-03-01");
    p.updated = d("2026-11-21");
    let c = zone_fresh(&p, d("2021-12-01"), 90);
    assert_eq!(
        (c.status, c.reason.as_str()),
        ("warn", "已 204 天未更新（上限 90 天），最近更新 110年5月11日")
    );
    assert_eq!(
        c.reason_en,
        "Not updated for 204 days (limit 90); last updated on 2021-05-11"
    );
    // The git date counts once it is not after today.
    assert_eq!(
        zone_fresh(&p, d("2026-12-01"), 90).reason,
        "最近更新 115年11月21日（10 天前）"
    );
    // A platform closed on 2022-03-01 was still running on 2021-12-01.
    p.status = Status::Closed;
    p.closed_on = Some(d("2022-03-01"));
    assert_eq!(zone_fresh(&p, d("2021-12-01"), 90).status, "warn");
    assert_eq!(zone_fresh(&p, d("2022-03-01"), 90).status, "n/a");
}

#[test]
fn half_year_reports_are_due_april_30_and_october_31() {
    let mut p = platform(); // established 2020-01-15 → first period 2020-H1, due 2020-10-31
    assert_eq!(reports_on_time(&p, d("2020-10-31")).status, "n/a");
    let c = reports_on_time(&p, d("2020-11-01"));
    assert_eq!((c.status, c.reason.as_str()), ("fail", "缺少 1 期：109年上半年"));
    assert_eq!(c.reason_en, "1 report missing: H1 2020");
    p.reports = vec![report("2020-H1", "2020-10-31")];
    assert_eq!(reports_on_time(&p, d("2021-04-30")).status, "pass");
    assert_eq!(reports_on_time(&p, d("2021-05-01")).status, "fail"); // 2020-H2 now missing
    p.reports.push(report("2020-H2", "2021-05-03"));
    let c = reports_on_time(&p, d("2021-05-04"));
    assert_eq!(
        (c.status, c.reason.as_str()),
        ("warn", "逾期提報：109年下半年（110.05.03 提報）")
    );
    assert_eq!(c.reason_en, "Submitted late: H2 2020 (submitted 2021-05-03)");
    assert_eq!(due_half_years(&p, d("2021-05-04")).len(), 2);
}

#[test]
fn a_platform_established_on_the_last_day_of_june_owes_the_first_half() {
    let mut p = platform();
    p.established = d("2021-06-30");
    assert_eq!(
        due_half_years(&p, d("2021-11-01")),
        vec![HalfYear::parse("2021-H1").unwrap()]
    );
    p.established = d("2021-07-01");
    assert!(due_half_years(&p, d("2021-11-01")).is_empty());
}

#[test]
fn overdue_actions_warn_and_none_is_not_applicable() {
    assert_eq!(actions_on_track(&[]).status, "n/a");
    let mut p = platform();
    let mut m = meeting(MeetingKind::Liaison, "2021-01-01");
    m.actions = vec![Action {
        id: "A-1".into(),
        text: t("辦理"),
        owner: None,
        due: Some(d("2021-02-28")),
        status: ActionStatus::Open,
        note: None,
    }];
    p.meetings = vec![m];
    assert_eq!(actions_on_track(&actions::track(&p, d("2021-02-28"))).status, "pass");
    let c = actions_on_track(&actions::track(&p, d("2021-03-01")));
    assert_eq!((c.status, c.reason.as_str()), ("warn", "1 項逾期未完成：A-1"));
    assert_eq!(c.reason_en, "1 action overdue: A-1");
}

#[test]
fn exit_consistency_flags_both_directions() {
    let mut p = platform();
    assert_eq!(exit_consistent(&p, d("2026-01-01")).status, "pass");
    p.milestones = vec![Milestone {
        stage: Stage::Acceptance,
        title: None,
        planned: None,
        actual: Some(d("2024-01-01")),
        note: None,
    }];
    assert_eq!(exit_consistent(&p, d("2026-01-01")).status, "warn");
    p.status = Status::Closed;
    assert_eq!(exit_consistent(&p, d("2026-01-01")).status, "pass");
    p.milestones.clear();
    assert_eq!(exit_consistent(&p, d("2026-01-01")).status, "warn");
}

#[test]
fn issue_3_exit_consistency_as_of_a_day_before_acceptance_and_closing() {
    // A period report of 2023-H1 for a platform accepted 2024-01-01 and closed 2024-02-01:
    // then it was running and not yet accepted — consistent.
    let mut p = platform();
    p.milestones = vec![Milestone {
        stage: Stage::Acceptance,
        title: None,
        planned: None,
        actual: Some(d("2024-01-01")),
        note: None,
    }];
    p.status = Status::Closed;
    p.closed_on = Some(d("2024-02-01"));
    let c = exit_consistent(&p, d("2023-06-30"));
    assert_eq!(
        (c.status, c.reason.as_str()),
        ("pass", "尚未達退場階段（驗收），平臺運作中")
    );
    // Accepted but not yet closed on 2024-01-15: should close.
    assert_eq!(exit_consistent(&p, d("2024-01-15")).status, "warn");
    assert_eq!(exit_consistent(&p, d("2024-02-01")).status, "pass");
}

#[test]
fn current_stage_is_the_furthest_stage_reached_not_the_latest_date() {
    let mut p = platform();
    assert_eq!(super::current_stage(&p), None);
    let ms = |stage, actual: &str| Milestone {
        stage,
        title: None,
        planned: None,
        actual: Some(d(actual)),
        note: None,
    };
    p.milestones = vec![
        ms(Stage::Construction, "2019-03-01"),
        ms(Stage::Established, "2019-05-10"),
    ];
    assert_eq!(super::current_stage(&p), Some(Stage::Construction));
    p.milestones.push(Milestone {
        stage: Stage::Acceptance,
        title: None,
        planned: Some(d("2024-12-31")),
        actual: None,
        note: None,
    });
    assert_eq!(super::current_stage(&p), Some(Stage::Construction));
}

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

#[test]
fn every_reason_has_an_english_form() {
    // The fixture's own texts are Chinese only, so the checks that quote them (the pledge's
    // title, the exit point) are left out of the "no Chinese" assertion.
    let mut p = platform();
    let t = Thresholds {
        liaison_interval_days: 180,
        stale_after_days: 90,
    };
    for now in ["2020-02-01", "2020-11-01", "2021-05-04", "2026-01-01"] {
        for c in checks(&p, d(now), t, &[]) {
            assert!(!c.reason_en.is_empty(), "{}: no English reason", c.id);
            assert!(!has_cjk(&c.reason_en), "{} at {now}: {}", c.id, c.reason_en);
            assert!(has_cjk(&c.reason), "{}: {}", c.id, c.reason);
        }
    }
    p.risks = vec![risk("R1", Some("base-price-leak"), RiskStatus::Open, None)];
    let c = standard_risks(&p);
    assert!(!has_cjk(&c.reason_en), "{}", c.reason_en);
    assert!(c.reason_en.contains("standard risk"), "{}", c.reason_en);
}
