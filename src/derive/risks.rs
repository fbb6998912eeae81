//! The standard risks (標準風險) touming ships per case type, drawn from the Agency
//! Against Corruption guidebook (案件風險查檢) and the Taipei SOP. A `risks.yaml` entry
//! names one with `template:`; the platform page lists the standard risks of its track
//! that no entry addresses.

use serde::Serialize;

use crate::model::Track;

/// A standard risk.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Template {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub procurement: bool,
    pub investment: bool,
}

const fn t(id: &'static str, zh: &'static str, en: &'static str, procurement: bool, investment: bool) -> Template {
    Template {
        id,
        zh,
        en,
        procurement,
        investment,
    }
}

/// Every standard risk, in display order.
pub const TEMPLATES: &[Template] = &[
    t(
        "base-price-leak",
        "洩漏底價或投標資訊",
        "Leak of the base price or bid information",
        true,
        false,
    ),
    t(
        "selection-leak",
        "洩漏甄選資訊",
        "Leak of selection information",
        false,
        true,
    ),
    t(
        "tailored-terms",
        "甄選文件量身訂做",
        "Selection terms tailored to one bidder",
        false,
        true,
    ),
    t(
        "off-process-contact",
        "評選委員與廠商程序外接觸",
        "Evaluators in contact with bidders outside the procedure",
        true,
        true,
    ),
    t(
        "conflict-of-interest",
        "未遵循利益迴避",
        "Conflict-of-interest rules not followed",
        true,
        true,
    ),
    t(
        "lobbying-gifts",
        "收受關說、餽贈或邀宴",
        "Lobbying, gifts or banquets accepted",
        true,
        true,
    ),
    t(
        "external-interference",
        "外部勢力介入（黑道、不當施壓）",
        "Interference by outside forces",
        true,
        true,
    ),
    t(
        "bid-rigging",
        "圍標、綁標或限制競爭",
        "Bid rigging or restricted competition",
        true,
        false,
    ),
    t(
        "investor-qualification",
        "投資人資格或財務能力審查不實",
        "Investor qualification or finances not verified",
        false,
        true,
    ),
    t(
        "related-party",
        "關係企業參與投標（球員兼裁判）",
        "Related parties bidding (referee and player)",
        false,
        true,
    ),
    t(
        "land-acquisition",
        "用地取得爭議",
        "Land acquisition disputes",
        true,
        true,
    ),
    t(
        "site-occupation",
        "工地遭占用或滋擾",
        "Site occupied or disturbed",
        true,
        false,
    ),
    t(
        "spoil-sale",
        "土石／砂石標售遭不當介入",
        "Interference in the sale of excavated earth and gravel",
        true,
        false,
    ),
    t(
        "false-performance",
        "履約不實、偷工減料",
        "False performance or cut corners",
        true,
        false,
    ),
    t(
        "contract-change",
        "契約變更爭議",
        "Disputed contract changes",
        true,
        true,
    ),
    t("false-acceptance", "驗收不實", "False acceptance", true, false),
];

pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The standard risks of a track.
pub fn for_track(track: Track) -> impl Iterator<Item = &'static Template> {
    TEMPLATES.iter().filter(move |t| match track {
        Track::Procurement => t.procurement,
        Track::Investment => t.investment,
    })
}

/// "id（名稱）、…" for error messages.
pub fn template_ids(track: Track) -> String {
    for_track(track)
        .map(|t| format!("{}（{}）", t.id, t.zh))
        .collect::<Vec<_>>()
        .join("、")
}

/// Risk level from severity × likelihood: 15–25 high, 6–14 medium, 1–5 low.
pub fn level(severity: u8, likelihood: u8) -> &'static str {
    match u16::from(severity) * u16::from(likelihood) {
        15.. => "high",
        6..=14 => "medium",
        _ => "low",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_contract_boundaries() {
        assert_eq!(level(5, 3), "high");
        assert_eq!(level(5, 5), "high");
        assert_eq!(level(2, 7 / 2), "medium");
        assert_eq!(level(2, 3), "medium");
        assert_eq!(level(1, 5), "low");
        assert_eq!(level(1, 1), "low");
        assert_eq!(level(7, 2), "medium");
    }

    #[test]
    fn every_template_belongs_to_a_track_and_ids_are_unique() {
        let mut ids: Vec<_> = TEMPLATES.iter().map(|t| t.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), TEMPLATES.len());
        assert!(TEMPLATES.iter().all(|t| t.procurement || t.investment));
        assert!(template_ids(Track::Investment).contains("tailored-terms"));
        assert!(!template_ids(Track::Investment).contains("base-price-leak"));
    }
}
