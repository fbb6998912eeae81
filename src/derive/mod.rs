//! Derive stage: what the public needs to see but nobody writes by hand — the registry
//! totals and groups, each platform's current stage, Q&A counts per category, risk
//! levels, the merged history of tracked actions (措施管考), KPI results.
//!
//! Pure functions of the model and `now`; computed once per build and shared by the
//! pages, the search index and the API so they can never disagree.

pub mod actions;
pub mod checks;
#[cfg(test)]
mod checks_tests;
pub mod kpi;
pub mod overview;
pub mod periods;
pub mod registry;
pub mod risks;
pub mod timeline;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::*;
pub use actions::TrackedAction;
pub use registry::Registry;

/// Everything derived for one build.
#[derive(Debug, Clone, Serialize)]
pub struct Derived {
    pub registry: Registry,
    /// The registry drawn as the home page's overview charts.
    pub overview: overview::Overview,
    pub platforms: BTreeMap<String, PlatformDerived>,
    /// By year (as text, for template lookups).
    pub kpis: BTreeMap<String, Vec<GoalResult>>,
    /// The weighted score of each year's KPIs (as text, like `kpis`); see [`kpi`].
    pub kpi_scores: BTreeMap<String, kpi::Score>,
    /// Period reports, half-years then quarters, oldest first.
    pub reports: Vec<periods::PeriodReport>,
    /// Agency id → index in `site.agencies`, so templates name an agency without scanning
    /// the list (`all.agencies[derived.agency_index[id]]`).
    pub agency_index: BTreeMap<String, usize>,
}

/// Derived facts about one platform.
#[derive(Debug, Clone, Serialize)]
pub struct PlatformDerived {
    pub current_stage: Option<Stage>,
    pub track: Track,
    pub qa_groups: Vec<QaGroup>,
    /// `high` | `medium` | `low`, in the order of `risks`.
    pub risk_levels: Vec<&'static str>,
    pub actions: Vec<TrackedAction>,
    pub documents_count: usize,
    pub timeline: timeline::Timeline,
    pub checks: Vec<checks::Check>,
    pub check_summary: checks::CheckSummary,
    /// 5×5 heat map: `heat[severity-1][likelihood-1]` = number of risks.
    pub heat: [[usize; 5]; 5],
    /// Standard risks of the case type that no entry addresses.
    pub unaddressed_risks: Vec<&'static risks::Template>,
}

/// Q&A of one category (疑義項次分析).
#[derive(Debug, Clone, Serialize)]
pub struct QaGroup {
    pub category: Text,
    pub count: usize,
    /// Indexes into the platform's `qa`.
    pub items: Vec<usize>,
}

/// KPI results of one goal.
#[derive(Debug, Clone, Serialize)]
pub struct GoalResult {
    /// Per indicator: met (true), missed (false) or not yet known (null).
    pub met: Vec<Option<bool>>,
    /// The weighted score of the goal's indicators; see [`kpi::score`].
    pub score: kpi::Score,
}

pub fn derive(site: &Site) -> Derived {
    let t = thresholds(site);
    let platforms = site
        .platforms
        .par_iter()
        .map(|p| (p.slug.clone(), platform(p, site.now, t)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let (kpis, kpi_scores) = kpis(site);
    let registry = registry::registry(site);
    Derived {
        overview: overview::overview(site, &registry),
        registry,
        platforms,
        kpis,
        kpi_scores,
        reports: reports(site, t),
        agency_index: agency_index(site),
    }
}

/// The limits of the SOP control-point checks, from site.yaml.
pub fn thresholds(site: &Site) -> checks::Thresholds {
    checks::Thresholds {
        liaison_interval_days: site.config.liaison_interval_days,
        stale_after_days: site.config.stale_after_days,
    }
}

/// KPI results and weighted scores by year (`Derived::kpis`, `Derived::kpi_scores`).
#[allow(clippy::type_complexity)]
pub fn kpis(site: &Site) -> (BTreeMap<String, Vec<GoalResult>>, BTreeMap<String, kpi::Score>) {
    let kpis = site
        .kpis
        .iter()
        .map(|k| (k.year.to_string(), k.goals.iter().map(goal_result).collect()))
        .collect();
    let kpi_scores = site
        .kpis
        .iter()
        .map(|k| {
            (
                k.year.to_string(),
                kpi::score(k.goals.iter().flat_map(|g| &g.indicators)),
            )
        })
        .collect();
    (kpis, kpi_scores)
}

/// Every period report (`Derived::reports`).
pub fn reports(site: &Site, t: checks::Thresholds) -> Vec<periods::PeriodReport> {
    periods::periods(site)
        .into_par_iter()
        .map(|p| periods::report(site, p, t))
        .collect()
}

/// Each agency's index in `site.agencies`, by id (`Derived::agency_index`): templates look
/// agencies up by id without scanning. The first of duplicate ids wins, as a linear scan did.
pub fn agency_index(site: &Site) -> BTreeMap<String, usize> {
    let mut index = BTreeMap::new();
    for (i, a) in site.agencies.iter().enumerate() {
        index.entry(a.id.clone()).or_insert(i);
    }
    index
}

pub fn platform(p: &Platform, now: chrono::NaiveDate, t: checks::Thresholds) -> PlatformDerived {
    let actions = actions::track(p, now);
    let checks = checks::checks(p, now, t, &actions);
    let mut heat = [[0usize; 5]; 5];
    for r in &p.risks {
        heat[usize::from(r.severity.clamp(1, 5)) - 1][usize::from(r.likelihood.clamp(1, 5)) - 1] += 1;
    }
    let used: Vec<&str> = p.risks.iter().filter_map(|r| r.template.as_deref()).collect();
    PlatformDerived {
        current_stage: current_stage(p),
        track: p.case_type.track(),
        qa_groups: qa_groups(&p.qa),
        risk_levels: p.risks.iter().map(|r| risks::level(r.severity, r.likelihood)).collect(),
        documents_count: p.documents.len() + p.meetings.iter().map(|m| m.documents.len()).sum::<usize>(),
        timeline: timeline::timeline(p, now),
        check_summary: checks::summary(&checks),
        checks,
        heat,
        unaddressed_risks: risks::for_track(p.case_type.track())
            .filter(|t| !used.contains(&t.id))
            .collect(),
        actions,
    }
}

/// The current stage: the furthest stage along the track that has an `actual` date
/// ("a later stage with an actual date counts as reaching every earlier one"). A
/// platform is often set up after works began, so `established` may be dated after
/// `construction`; the construction stage is still where the case stands.
pub fn current_stage(p: &Platform) -> Option<Stage> {
    let order = p.case_type.track().stages();
    let rank = |s: Stage| order.iter().position(|o| *o == s).unwrap_or(0);
    p.milestones
        .iter()
        .filter(|m| m.actual.is_some())
        .map(|m| (rank(m.stage), m.stage))
        .max()
        .map(|(_, s)| s)
}

fn qa_groups(qa: &[Qa]) -> Vec<QaGroup> {
    let mut groups: Vec<QaGroup> = Vec::new();
    for (i, q) in qa.iter().enumerate() {
        let cat = q
            .category
            .clone()
            .unwrap_or_else(|| Text::new("其他", Some("Other".into())));
        match groups.iter_mut().find(|g| g.category.zh == cat.zh) {
            Some(g) => {
                g.count += 1;
                g.items.push(i);
            }
            None => groups.push(QaGroup {
                category: cat,
                count: 1,
                items: vec![i],
            }),
        }
    }
    groups
}

fn goal_result(g: &Goal) -> GoalResult {
    GoalResult {
        met: g.indicators.iter().map(indicator_met).collect(),
        score: kpi::score(&g.indicators),
    }
}

/// Met when actual reaches target in the indicator's direction.
pub fn indicator_met(i: &Indicator) -> Option<bool> {
    let (t, a) = (i.target?, i.actual?);
    Some(match i.direction {
        Direction::HigherIsBetter => a >= t,
        Direction::LowerIsBetter => a <= t,
    })
}
