//! The platform registry (一覽表): platforms grouped 中央／地方 and by supervising
//! ministry or city, with counts and total amounts, as the guidebook prints it.

use serde::Serialize;

use crate::model::amount;
use crate::model::*;

#[derive(Debug, Clone, Serialize)]
pub struct Registry {
    pub total: usize,
    pub active: usize,
    pub closed: usize,
    /// Sum of amounts in NT$ (platforms without an amount count as 0).
    pub total_ntd: u64,
    /// `7,812.53` (億)
    pub total_yi: String,
    pub levels: Vec<LevelGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelGroup {
    pub level: Level,
    pub count: usize,
    /// Sum of the level's amounts in NT$ (中央機關 / 地方政府 subtotal).
    pub total_ntd: u64,
    pub groups: Vec<ParentGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParentGroup {
    pub parent: Text,
    pub count: usize,
    pub total_ntd: u64,
    /// Slugs, by established date.
    pub platforms: Vec<String>,
}

pub fn registry(site: &Site) -> Registry {
    let total_ntd = site
        .platforms
        .iter()
        .filter_map(|p| p.amount)
        .map(|a| a.ntd)
        .fold(0u64, u64::saturating_add);
    let levels = [Level::Central, Level::Local]
        .into_iter()
        .map(|level| level_group(site, level))
        .filter(|g| g.count > 0)
        .collect();
    Registry {
        total: site.platforms.len(),
        active: site.platforms.iter().filter(|p| p.status == Status::Active).count(),
        closed: site.platforms.iter().filter(|p| p.status == Status::Closed).count(),
        total_ntd,
        total_yi: amount::yi_number(total_ntd),
        levels,
    }
}

fn level_group(site: &Site, level: Level) -> LevelGroup {
    let mut groups: Vec<ParentGroup> = Vec::new();
    // Parents in the order they first appear in agencies.yaml.
    for agency in site.agencies.iter().filter(|a| a.level == level) {
        let parent = agency.parent.clone().unwrap_or_else(|| agency.name.clone());
        if !groups.iter().any(|g| g.parent.zh == parent.zh) {
            groups.push(ParentGroup {
                parent,
                count: 0,
                total_ntd: 0,
                platforms: vec![],
            });
        }
    }
    let mut platforms: Vec<&Platform> = site.platforms.iter().collect();
    platforms.sort_by(|a, b| (a.established, &a.slug).cmp(&(b.established, &b.slug)));
    for p in platforms {
        let Some(agency) = site.agencies.iter().find(|a| a.id == p.agency) else {
            continue;
        };
        if agency.level != level {
            continue;
        }
        let key = agency.parent.as_ref().unwrap_or(&agency.name).zh.clone();
        if let Some(g) = groups.iter_mut().find(|g| g.parent.zh == key) {
            g.count += 1;
            g.total_ntd = g.total_ntd.saturating_add(p.amount.map_or(0, |a| a.ntd));
            g.platforms.push(p.slug.clone());
        }
    }
    groups.retain(|g| g.count > 0);
    LevelGroup {
        level,
        count: groups.iter().map(|g| g.count).sum(),
        total_ntd: groups.iter().map(|g| g.total_ntd).sum(),
        groups,
    }
}
