//! How touming's vocabulary maps onto the OC4IDS 0.9.5 codelists: project status, sector
//! and type, party roles, milestone types and statuses, document types.
//!
//! Every code returned here is a code of the named codelist (closed codelists exactly;
//! the tests check all of them against the CSVs). The inferences from words are a
//! documented heuristic (docs/open-data.md): the content model has no field for sector.

use chrono::NaiveDate;

use crate::model::*;

/// projectStatus (closed), from the furthest project stage reached (an `actual` date;
/// `established` is the platform's, not the project's): planning, or a timeline with
/// nothing reached yet → `preparation`; tendering to acceptance → `implementation`,
/// except that on the investment track the call for investors and selection are still
/// `preparation`. Closed platforms: after acceptance (procurement track) → `completion`;
/// after signing (investment track: the investor now builds) → `implementation`. A
/// platform with no project stage in its timeline has no status: nothing says which.
pub fn project_status(p: &Platform) -> Option<&'static str> {
    use Stage::*;
    let track = p.case_type.track();
    let rank = |s: Stage| track.stages().iter().position(|o| *o == s).unwrap_or(0);
    let stages: Vec<&Milestone> = p.milestones.iter().filter(|m| m.stage != Established).collect();
    let furthest = stages
        .iter()
        .filter(|m| m.actual.is_some())
        .map(|m| m.stage)
        .max_by_key(|s| rank(*s));
    Some(match (p.status, track, furthest) {
        (Status::Closed, Track::Procurement, _) => "completion",
        (Status::Closed, Track::Investment, _) => "implementation",
        (_, _, None) if stages.is_empty() => return None,
        (_, _, None | Some(Established | Planning)) => "preparation",
        (_, Track::Investment, Some(Solicitation | Selection)) => "preparation",
        (_, Track::Procurement, Some(Closed)) => "completion",
        _ => "implementation",
    })
}

/// Words of a project → projectSector codes (open codelist; parents included as the
/// standard asks). First match wins; the order puts specific words before general ones.
const SECTOR_WORDS: &[(&[&str], &[&str])] = &[
    (&["砂石", "土石", "疏濬"], &["naturalResources"]),
    (
        &["防洪", "堤防", "滯洪", "排水"],
        &["naturalResources", "naturalResources.floodProtection"],
    ),
    (
        &[
            "水庫",
            "防淤",
            "堰",
            "河川",
            "人工湖",
            "聯通管",
            "再生水",
            "供水",
            "水資源",
            "自來水",
        ],
        &["waterAndWaste"],
    ),
    (
        &["焚化", "垃圾", "掩埋", "灰渣", "污水", "下水道", "資源回收"],
        &["waterAndWaste"],
    ),
    (&["風電", "風力"], &["energy", "energy.wind"]),
    (&["光電", "太陽能"], &["energy", "energy.solar"]),
    (&["燃煤", "煤", "電廠", "發電", "能源", "燃氣"], &["energy"]),
    (
        &["海關", "巡緝", "營區", "國防", "軍備", "廳舍", "警察", "消防"],
        &["governance"],
    ),
    (&["機場", "航廈", "航空"], &["transport", "transport.air"]),
    (&["港", "碼頭", "船"], &["transport", "transport.water"]),
    (
        &["捷運", "輕軌", "鐵路", "軌道", "臺鐵", "高鐵", "購車", "列車"],
        &["transport", "transport.rail"],
    ),
    (
        &["橋", "道路", "公路", "快速道路", "隧道", "交流道"],
        &["transport", "transport.road"],
    ),
    (&["郵政", "智慧", "資訊", "通訊", "電信", "寬頻"], &["communications"]),
    (&["醫院", "醫療", "長照"], &["health"]),
    (&["學校", "校舍", "大學", "教育"], &["education"]),
    (&["社會住宅", "公營住宅", "國宅"], &["socialHousing"]),
    (
        &["圖書", "音樂", "會展", "文化", "體育", "運動", "公園", "生態", "觀光"],
        &["cultureSportsAndRecreation"],
    ),
    (
        &["市場", "批發", "工業區", "科技園區", "產業園區", "物流", "經貿"],
        &["economy"],
    ),
];

/// projectSector codes for a platform: from the words of its title and project, then of
/// its tags; failing that, `economy` for land and investment cases, `governance` else.
pub fn sectors(p: &Platform) -> Vec<&'static str> {
    let mut named = vec![p.title.zh.as_str()];
    named.extend(p.project.as_ref().map(|t| t.zh.as_str()));
    let tags: Vec<&str> = p.tags.iter().map(|t| t.zh.as_str()).collect();
    [named.join(" "), tags.join(" ")]
        .iter()
        .find_map(|hay| SECTOR_WORDS.iter().find(|(ws, _)| ws.iter().any(|w| hay.contains(w))))
        .map(|(_, codes)| codes.to_vec())
        .unwrap_or_else(|| match p.case_type.track() {
            Track::Investment => vec!["economy"],
            Track::Procurement => vec!["governance"],
        })
}

/// projectType (closed), when the words say: replacing, rebuilding, extending or new.
pub fn project_type(p: &Platform) -> Option<&'static str> {
    let hay = format!("{} {}", p.title.zh, p.project.as_ref().map_or("", |t| &t.zh));
    const TYPES: &[(&[&str], &str)] = &[
        (&["汰舊換新", "更新爐", "汰換"], "replacement"),
        (&["改建", "整建", "修復", "補強"], "rehabilitation"),
        (&["擴建", "延伸"], "expansion"),
        (&["拆除", "除役"], "decommissioning"),
        (&["新建", "興建", "工程", "建置", "開發"], "construction"),
    ];
    TYPES
        .iter()
        .find(|(ws, _)| ws.iter().any(|w| hay.contains(w)))
        .map(|(_, t)| *t)
}

/// partyRole (open) of a participant, by its name: integrity, prosecution and
/// investigation bodies → `independentMonitor`; audit and the procurement authority →
/// `reviewBody`; contractors → `supplier`; everyone else (experts, NGOs) →
/// `interestedParty`.
pub fn participant_role(name: &str) -> &'static str {
    const ROLES: &[(&[&str], &str)] = &[
        (&["廉政", "檢察", "地檢", "調查", "政風"], "independentMonitor"),
        (&["審計", "工程會", "公共工程委員會"], "reviewBody"),
        (&["廠商", "公司", "營造", "工程顧問", "監造", "聯合承攬"], "supplier"),
    ];
    ROLES
        .iter()
        .find(|(ws, _)| ws.iter().any(|w| name.contains(w)))
        .map_or("interestedParty", |(_, r)| *r)
}

/// Roles of the executing agency (案件執行機關).
pub fn agency_roles(track: Track) -> &'static [&'static str] {
    match track {
        Track::Procurement => &["publicAuthority", "procuringEntity", "buyer"],
        Track::Investment => &["publicAuthority", "procuringEntity"],
    }
}

/// milestoneType (open) of a stage.
pub fn milestone_type(stage: Stage) -> &'static str {
    use Stage::*;
    match stage {
        Established => "engagement",
        Planning => "preProcurement",
        Tender | Opening | Award | Solicitation | Selection => "procurement",
        Contract | Signing => "approval",
        Construction | Acceptance => "delivery",
        Closed => "reporting",
    }
}

/// milestoneCode (open), where one fits.
pub fn milestone_code(stage: Stage) -> Option<&'static str> {
    match stage {
        Stage::Construction => Some("commencement"),
        Stage::Acceptance => Some("completion"),
        _ => None,
    }
}

/// milestoneStatus (closed): `met` with an actual date; `notMet` when the planned date
/// has passed without one; `scheduled` when it is still ahead.
pub fn milestone_status(m: &Milestone, now: NaiveDate) -> Option<&'static str> {
    match (m.actual, m.planned) {
        (Some(_), _) => Some("met"),
        (None, Some(p)) if p < now => Some("notMet"),
        (None, Some(_)) => Some("scheduled"),
        (None, None) => None,
    }
}

/// documentType (open) of a document kind; none for kinds OC4IDS has no code for.
pub fn document_type(kind: DocKind) -> Option<&'static str> {
    match kind {
        DocKind::Plan => Some("projectPlan"),
        DocKind::Minutes => Some("minutes"),
        DocKind::Report => Some("oversightReport"),
        DocKind::Tender => Some("biddingDocuments"),
        DocKind::Contract => Some("contractSigned"),
        DocKind::Presentation | DocKind::Media | DocKind::Other => None,
    }
}

/// A media type from a file name, for `Document.format`.
pub fn media_type(rel: &str) -> Option<&'static str> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "md" => "text/markdown",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_get_roles_by_name() {
        assert_eq!(participant_role("法務部廉政署"), "independentMonitor");
        assert_eq!(participant_role("臺灣士林地方檢察署"), "independentMonitor");
        assert_eq!(participant_role("法務部調查局"), "independentMonitor");
        assert_eq!(participant_role("審計部"), "reviewBody");
        assert_eq!(participant_role("施工廠商"), "supplier");
        assert_eq!(participant_role("專家學者"), "interestedParty");
    }

    #[test]
    fn stages_map_to_milestone_types() {
        assert_eq!(milestone_type(Stage::Tender), "procurement");
        assert_eq!(milestone_type(Stage::Signing), "approval");
        assert_eq!(milestone_code(Stage::Acceptance), Some("completion"));
    }
}
