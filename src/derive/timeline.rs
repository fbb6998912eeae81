//! The progress timeline (辦理進度) of a platform: its stage track, milestones planned
//! against actual, the current stage, overdue and slipped milestones, and its meetings on
//! the same time axis with a "today" marker.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::*;

/// One milestone as the public reads it.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineMilestone {
    pub stage: Stage,
    pub title: Option<Text>,
    pub planned: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
    pub note: Option<Text>,
    /// Planned date past (before today) and no actual date.
    pub overdue: bool,
    /// Days the actual date is later than planned (0 when on time or early); `None`
    /// when either date is missing.
    pub slip_days: Option<i64>,
    /// The row that stands for the current stage: of the current stage's milestones, the one
    /// with the latest `actual` date (the 7th `tender`, not the first of seven).
    pub current: bool,
}

/// One stage of the track and where the platform stands on it.
#[derive(Debug, Clone, Serialize)]
pub struct TrackStage {
    pub stage: Stage,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// `done` (has an actual date, or a later stage has), `current`, or `todo`.
    pub state: &'static str,
    pub first_actual: Option<NaiveDate>,
    pub planned: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub track: Track,
    pub stages: Vec<TrackStage>,
    pub milestones: Vec<TimelineMilestone>,
    pub current_stage: Option<Stage>,
    pub overdue: usize,
    pub slipped: usize,
    /// The time axis: first and last date shown (established … max(today, last date)).
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub today: NaiveDate,
    /// Meeting dates on the axis.
    pub meetings: Vec<(NaiveDate, String)>,
}

pub fn milestone(m: &Milestone, now: NaiveDate) -> TimelineMilestone {
    TimelineMilestone {
        stage: m.stage,
        title: m.title.clone(),
        planned: m.planned,
        actual: m.actual,
        note: m.note.clone(),
        overdue: m.actual.is_none() && m.planned.is_some_and(|p| p < now),
        slip_days: match (m.planned, m.actual) {
            (Some(p), Some(a)) => Some((a - p).num_days().max(0)),
            _ => None,
        },
        current: false,
    }
}

/// Marks the current stage's milestone with the latest `actual` date (the last one on a tie).
fn mark_current(milestones: &mut [TimelineMilestone], current: Option<Stage>) {
    let latest = milestones
        .iter()
        .enumerate()
        .filter(|(_, m)| Some(m.stage) == current)
        .filter_map(|(i, m)| m.actual.map(|a| (a, i)))
        .max();
    if let Some((_, i)) = latest {
        milestones[i].current = true;
    }
}

pub fn timeline(p: &Platform, now: NaiveDate) -> Timeline {
    let track = p.case_type.track();
    let mut milestones: Vec<TimelineMilestone> = p.milestones.iter().map(|m| milestone(m, now)).collect();
    let current = super::current_stage(p);
    mark_current(&mut milestones, current);
    let current_rank = current.and_then(|c| track.stages().iter().position(|s| *s == c));
    let stages = track
        .stages()
        .iter()
        .enumerate()
        .map(|(i, &stage)| {
            let ms = p.milestones.iter().filter(|m| m.stage == stage);
            let first_actual = ms.clone().filter_map(|m| m.actual).min();
            let planned = ms.filter_map(|m| m.planned).max();
            let state = match current_rank {
                Some(r) if i == r => "current",
                Some(r) if i < r => "done",
                _ => "todo",
            };
            TrackStage {
                stage,
                label_zh: stage.zh_on(track),
                label_en: stage.en(),
                state,
                first_actual,
                planned,
            }
        })
        .collect();
    let mut dates: Vec<NaiveDate> = vec![p.established, now];
    dates.extend(p.milestones.iter().flat_map(|m| [m.planned, m.actual]).flatten());
    dates.extend(p.meetings.iter().map(|m| m.date));
    Timeline {
        track,
        stages,
        overdue: milestones.iter().filter(|m| m.overdue).count(),
        slipped: milestones.iter().filter(|m| m.slip_days.is_some_and(|d| d > 0)).count(),
        milestones,
        current_stage: current,
        start: dates.iter().copied().min().unwrap_or(p.established),
        end: dates.iter().copied().max().unwrap_or(now),
        today: now,
        meetings: p.meetings.iter().map(|m| (m.date, m.name.clone())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn m(stage: Stage, planned: Option<&str>, actual: Option<&str>) -> Milestone {
        Milestone {
            stage,
            title: None,
            planned: planned.map(d),
            actual: actual.map(d),
            note: None,
        }
    }

    #[test]
    fn planned_today_is_not_overdue_planned_yesterday_is() {
        let now = d("2024-02-29");
        assert!(!milestone(&m(Stage::Award, Some("2024-02-29"), None), now).overdue);
        assert!(milestone(&m(Stage::Award, Some("2024-02-28"), None), now).overdue);
        assert!(!milestone(&m(Stage::Award, Some("2024-02-28"), Some("2024-03-01")), now).overdue);
    }

    #[test]
    fn slip_days_count_across_a_leap_day() {
        let now = d("2030-01-01");
        assert_eq!(
            milestone(&m(Stage::Award, Some("2024-02-28"), Some("2024-03-01")), now).slip_days,
            Some(2)
        );
        assert_eq!(
            milestone(&m(Stage::Award, Some("2023-02-28"), Some("2023-03-01")), now).slip_days,
            Some(1)
        );
        assert_eq!(
            milestone(&m(Stage::Award, Some("2024-03-01"), Some("2024-02-01")), now).slip_days,
            Some(0)
        );
        assert_eq!(
            milestone(&m(Stage::Award, None, Some("2024-02-01")), now).slip_days,
            None
        );
    }

    #[test]
    fn issue_2_repeated_stage_marks_its_latest_actual_row_current() {
        let now = d("2022-01-15");
        let rows = [
            m(Stage::Established, None, Some("2021-03-01")),
            m(Stage::Tender, None, Some("2021-03-15")),
            m(Stage::Tender, Some("2021-09-01"), Some("2021-09-10")),
            m(Stage::Tender, None, Some("2021-05-15")),
            m(Stage::Opening, Some("2021-09-20"), None),
        ];
        let mut ms: Vec<TimelineMilestone> = rows.iter().map(|r| milestone(r, now)).collect();
        mark_current(&mut ms, Some(Stage::Tender));
        let current: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].current).collect();
        assert_eq!(current, vec![2]);
        mark_current(&mut ms[..1], None);
        assert!(!ms[0].current);
    }
}
