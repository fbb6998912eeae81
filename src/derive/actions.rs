//! 措施管考: every tracked action of a platform, with its history of updates across
//! meetings, its current status and due date, and whether it is overdue.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::*;

/// One action item as the public follows it.
#[derive(Debug, Clone, Serialize)]
pub struct TrackedAction {
    pub id: String,
    pub text: Text,
    pub owner: Option<Text>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    /// Past due and not done or dropped.
    pub overdue: bool,
    /// The meeting that opened it.
    pub meeting: String,
    pub meeting_title: Text,
    pub opened: NaiveDate,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub date: NaiveDate,
    pub status: ActionStatus,
    pub note: Option<Text>,
    pub meeting: String,
    pub meeting_title: Text,
}

/// Merge actions and their updates across the platform's meetings (already in date
/// order). The latest update decides the status; an update may move the due date.
pub fn track(p: &Platform, now: NaiveDate) -> Vec<TrackedAction> {
    track_until(p, now, None)
}

/// As [`track`], counting only meetings and updates dated on or before `until` — the
/// state of tracking as it was at the end of a reporting period.
pub fn track_until(p: &Platform, now: NaiveDate, until: Option<NaiveDate>) -> Vec<TrackedAction> {
    let counts = |d: NaiveDate| until.is_none_or(|u| d <= u);
    let mut out: Vec<TrackedAction> = Vec::new();
    for m in p.meetings.iter().filter(|m| counts(m.date)) {
        for a in &m.actions {
            out.push(TrackedAction {
                id: a.id.clone(),
                text: a.text.clone(),
                owner: a.owner.clone(),
                due: a.due,
                status: a.status,
                overdue: false,
                meeting: m.name.clone(),
                meeting_title: m.title.clone(),
                opened: m.date,
                history: vec![HistoryEntry {
                    date: m.date,
                    status: a.status,
                    note: a.note.clone(),
                    meeting: m.name.clone(),
                    meeting_title: m.title.clone(),
                }],
            });
        }
    }
    let mut updates: Vec<(&Meeting, &ActionUpdate)> = p
        .meetings
        .iter()
        .flat_map(|m| m.action_updates.iter().map(move |u| (m, u)))
        .filter(|(_, u)| counts(u.date))
        .collect();
    updates.sort_by_key(|(m, u)| (u.date, m.date));
    for (m, u) in updates {
        if let Some(a) = out.iter_mut().find(|a| a.id == u.id) {
            a.status = u.status;
            a.due = u.due.or(a.due);
            a.history.push(HistoryEntry {
                date: u.date,
                status: u.status,
                note: u.note.clone(),
                meeting: m.name.clone(),
                meeting_title: m.title.clone(),
            });
        }
    }
    for a in &mut out {
        a.overdue = is_overdue(a.due, a.status, now);
    }
    out
}

/// Overdue: the due date has passed (due today is not overdue) and it is not finished.
pub fn is_overdue(due: Option<NaiveDate>, status: ActionStatus, now: NaiveDate) -> bool {
    due.is_some_and(|d| d < now) && !status.is_finished()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn due_today_is_not_overdue_but_yesterday_is() {
        assert!(!is_overdue(Some(d("2021-05-11")), ActionStatus::Open, d("2021-05-11")));
        assert!(is_overdue(
            Some(d("2021-05-10")),
            ActionStatus::InProgress,
            d("2021-05-11")
        ));
        assert!(!is_overdue(Some(d("2021-05-10")), ActionStatus::Done, d("2021-05-11")));
        assert!(!is_overdue(
            Some(d("2021-05-10")),
            ActionStatus::Dropped,
            d("2021-05-11")
        ));
        assert!(!is_overdue(None, ActionStatus::Open, d("2021-05-11")));
    }
}
