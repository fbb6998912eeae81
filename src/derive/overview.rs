//! The overview of the registry that the home page draws as two charts: the amounts of
//! the platforms by supervising ministry or city (主管部會／直轄市), and how many
//! platforms were established each year.
//!
//! Built from the [`Registry`] itself, so the charts, their text tables and the registry
//! can never disagree: the amounts add up to the registry's total and the years count
//! every platform once.

use chrono::Datelike;
use serde::Serialize;

use super::registry::Registry;
use crate::model::*;

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// Supervising ministries (central) then cities (local); largest amount first within
    /// each level, ties by the registry's order.
    pub by_parent: Vec<ParentAmount>,
    /// Every calendar year from the first establishment to the last, empty years included.
    pub by_year: Vec<YearCount>,
    /// The largest `total_ntd` of `by_parent` (the longest bar).
    pub max_ntd: u64,
    /// The largest `count` of `by_year`.
    pub max_year_count: usize,
    /// Platforms that state no amount (counted as 0 in the sums).
    pub without_amount: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParentAmount {
    pub parent: Text,
    pub level: Level,
    pub count: usize,
    pub total_ntd: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    pub year: i32,
    pub count: usize,
    pub active: usize,
    pub closed: usize,
}

pub fn overview(site: &Site, registry: &Registry) -> Overview {
    let mut by_parent: Vec<ParentAmount> = Vec::new();
    for lv in &registry.levels {
        let mut groups: Vec<ParentAmount> = lv
            .groups
            .iter()
            .map(|g| ParentAmount {
                parent: g.parent.clone(),
                level: lv.level,
                count: g.count,
                total_ntd: g.total_ntd,
            })
            .collect();
        // Stable sort: equal amounts keep the registry's (agencies.yaml) order.
        groups.sort_by_key(|g| std::cmp::Reverse(g.total_ntd));
        by_parent.extend(groups);
    }
    let by_year = years(site);
    Overview {
        max_ntd: by_parent.iter().map(|g| g.total_ntd).max().unwrap_or(0),
        max_year_count: by_year.iter().map(|y| y.count).max().unwrap_or(0),
        without_amount: site.platforms.iter().filter(|p| p.amount.is_none()).count(),
        by_parent,
        by_year,
    }
}

fn years(site: &Site) -> Vec<YearCount> {
    let (Some(first), Some(last)) = (
        site.platforms.iter().map(|p| p.established.year()).min(),
        site.platforms.iter().map(|p| p.established.year()).max(),
    ) else {
        return Vec::new();
    };
    (first..=last)
        .map(|year| {
            let of_year = || site.platforms.iter().filter(move |p| p.established.year() == year);
            YearCount {
                year,
                count: of_year().count(),
                active: of_year().filter(|p| p.status == Status::Active).count(),
                closed: of_year().filter(|p| p.status == Status::Closed).count(),
            }
        })
        .collect()
}
