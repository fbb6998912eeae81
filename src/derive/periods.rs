//! Period reports across all platforms: half-years (`2021-H1`, the Taipei SOP's 執行成果
//! period) and quarters (`2021-Q3`, the MOJ plan's quarterly return to the Agency Against
//! Corruption). Per platform: meetings held, actions opened / closed / overdue at the
//! period's end, ethics-log counts, risks reviewed, check status as of the period's end,
//! and the results report submitted — the document an integrity unit forwards upward.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::checks::{self, Thresholds};
use super::{TrackedAction, actions};
use crate::model::period::HalfYear;
use crate::model::*;

/// A reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Period {
    pub year: i32,
    /// `H` (half-year) or `Q` (quarter).
    pub kind: char,
    pub n: u8,
}

impl Period {
    /// `2021-H1`, `2021-Q3`
    pub fn code(self) -> String {
        format!("{}-{}{}", self.year, self.kind, self.n)
    }

    pub fn start(self) -> NaiveDate {
        let month = if self.kind == 'H' {
            u32::from(self.n - 1) * 6 + 1
        } else {
            u32::from(self.n - 1) * 3 + 1
        };
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or_default()
    }

    pub fn end(self) -> NaiveDate {
        let next = match (self.kind, self.n) {
            ('H', 2) | ('Q', 4) => NaiveDate::from_ymd_opt(self.year + 1, 1, 1),
            ('H', n) => NaiveDate::from_ymd_opt(self.year, u32::from(n) * 6 + 1, 1),
            (_, n) => NaiveDate::from_ymd_opt(self.year, u32::from(n) * 3 + 1, 1),
        };
        next.and_then(|d| d.pred_opt()).unwrap_or_default()
    }

    /// `110年上半年` / `110年第3季`
    pub fn zh(self) -> String {
        let y = self.year - 1911;
        match (self.kind, self.n) {
            ('H', 1) => format!("{y}年上半年"),
            ('H', _) => format!("{y}年下半年"),
            (_, n) => format!("{y}年第{n}季"),
        }
    }

    pub fn en(self) -> String {
        format!("{} {}{}", self.year, self.kind, self.n)
    }

    fn containing(kind: char, d: NaiveDate) -> Period {
        let n = if kind == 'H' {
            (d.month0() / 6 + 1) as u8
        } else {
            (d.month0() / 3 + 1) as u8
        };
        Period {
            year: d.year(),
            kind,
            n,
        }
    }

    fn next(self) -> Period {
        let last = if self.kind == 'H' { 2 } else { 4 };
        if self.n == last {
            Period {
                year: self.year + 1,
                kind: self.kind,
                n: 1,
            }
        } else {
            Period { n: self.n + 1, ..self }
        }
    }
}

/// One platform's line in a period report.
#[derive(Debug, Clone, Serialize)]
pub struct PlatformPeriod {
    /// The platform's index in `site.platforms` (templates look it up as `all.platforms[pp.pi]`).
    pub pi: usize,
    pub slug: String,
    pub meetings: Vec<String>,
    pub actions_opened: usize,
    pub actions_closed: usize,
    pub actions_overdue: usize,
    /// lobbying, gifts, banquets, other — half-year reports only.
    pub ethics: Option<[u32; 4]>,
    pub risks_reviewed: usize,
    pub checks: Vec<checks::Check>,
    pub report_submitted: Option<NaiveDate>,
    /// The half-year's results report is published, whether or not it gives `submitted`.
    pub report_on_file: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodReport {
    pub period: Period,
    pub code: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Platforms established by the period's end and not closed before its start.
    pub platforms: Vec<PlatformPeriod>,
}

/// Every half-year and quarter from the earliest platform's establishment to `now`.
pub fn periods(site: &Site) -> Vec<Period> {
    let Some(first) = site.platforms.iter().map(|p| p.established).min() else {
        return vec![];
    };
    let mut out = Vec::new();
    for kind in ['H', 'Q'] {
        let mut p = Period::containing(kind, first);
        while p.start() <= site.now {
            out.push(p);
            p = p.next();
        }
    }
    out
}

pub fn report(site: &Site, period: Period, t: Thresholds) -> PeriodReport {
    let (start, end) = (period.start(), period.end());
    let platforms = site
        .platforms
        .iter()
        .enumerate()
        .filter(|(_, p)| p.established <= end && p.closed_on.is_none_or(|c| c >= start))
        .map(|(pi, p)| platform_period(pi, p, period, site.now, t))
        .collect();
    PeriodReport {
        period,
        code: period.code(),
        start,
        end,
        platforms,
    }
}

fn platform_period(pi: usize, p: &Platform, period: Period, now: NaiveDate, t: Thresholds) -> PlatformPeriod {
    let (start, end) = (period.start(), period.end());
    let within = |d: NaiveDate| d >= start && d <= end;
    // The state of the platform as it was at the end of the period (or today, if sooner).
    let asof = end.min(now);
    let tracked: Vec<TrackedAction> = actions::track_until(p, asof.succ_opt().unwrap_or(asof), Some(asof));
    let closed = |a: &TrackedAction| a.history.iter().any(|h| within(h.date) && h.status.is_finished());
    let ethics = (period.kind == 'H').then(|| {
        let h = HalfYear {
            year: period.year,
            half: period.n,
        };
        p.ethics_log.iter().filter(|e| e.period == h).fold([0; 4], |a, e| {
            [a[0] + e.lobbying, a[1] + e.gifts, a[2] + e.banquets, a[3] + e.other]
        })
    });
    let report = (period.kind == 'H')
        .then(|| {
            p.reports.iter().find(|r| {
                r.period
                    == HalfYear {
                        year: period.year,
                        half: period.n,
                    }
            })
        })
        .flatten();
    PlatformPeriod {
        pi,
        slug: p.slug.clone(),
        meetings: p
            .meetings
            .iter()
            .filter(|m| within(m.date))
            .map(|m| m.name.clone())
            .collect(),
        actions_opened: tracked.iter().filter(|a| within(a.opened)).count(),
        actions_closed: tracked.iter().filter(|a| closed(a)).count(),
        actions_overdue: tracked.iter().filter(|a| a.opened <= end && a.overdue).count(),
        ethics,
        risks_reviewed: p.risks.iter().filter(|r| r.reviewed.is_some_and(within)).count(),
        checks: checks::checks(p, asof, t, &tracked),
        report_submitted: report.and_then(|r| r.submitted),
        report_on_file: report.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_have_the_right_edges() {
        let q = Period {
            year: 2024,
            kind: 'Q',
            n: 1,
        };
        assert_eq!(
            (q.start().to_string(), q.end().to_string()),
            ("2024-01-01".into(), "2024-03-31".into())
        );
        let h = Period {
            year: 2021,
            kind: 'H',
            n: 2,
        };
        assert_eq!(
            (h.start().to_string(), h.end().to_string()),
            ("2021-07-01".into(), "2021-12-31".into())
        );
        assert_eq!(
            Period {
                year: 2021,
                kind: 'Q',
                n: 3
            }
            .code(),
            "2021-Q3"
        );
        assert_eq!(
            Period {
                year: 2021,
                kind: 'Q',
                n: 3
            }
            .zh(),
            "110年第3季"
        );
        assert_eq!(Period::containing('Q', "2021-06-30".parse().unwrap()).code(), "2021-Q2");
        assert_eq!(Period::containing('H', "2021-07-01".parse().unwrap()).code(), "2021-H2");
        assert_eq!(
            Period {
                year: 2021,
                kind: 'Q',
                n: 4
            }
            .next()
            .code(),
            "2022-Q1"
        );
    }
}
