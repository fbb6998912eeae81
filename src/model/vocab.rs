//! The closed vocabularies of the contract (case types, stages, statuses, kinds) with
//! their Chinese and English labels.
//!
//! Each is an enum so a typo is caught when lowering, with the allowed codes listed in
//! the message. `code()` is what agencies write and what the API publishes.

use serde::Serialize;

/// A closed set of codes that content may use.
pub trait Vocab: Sized {
    fn parse_code(s: &str) -> Option<Self>;
    fn allowed_codes() -> String;
    /// The codes alone, for "did you mean" suggestions.
    fn codes() -> Vec<&'static str>;
}

/// Declares a vocabulary enum: code, zh label, en label per variant.
macro_rules! vocab {
    ($(#[$m:meta])* $name:ident { $($var:ident = $code:literal, $zh:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name { $(#[serde(rename = $code)] $var,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var,)*];
            pub fn code(self) -> &'static str { match self { $($name::$var => $code,)* } }
            pub fn zh(self) -> &'static str { match self { $($name::$var => $zh,)* } }
            pub fn en(self) -> &'static str { match self { $($name::$var => $en,)* } }
            pub fn parse(s: &str) -> Option<$name> {
                match s.trim() { $($code => Some($name::$var),)* _ => None }
            }
            /// "`a` (中文)、`b` (中文)…" for error messages.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| format!("{}（{}）", v.code(), v.zh())).collect::<Vec<_>>().join("、")
            }
        }

        impl Vocab for $name {
            fn parse_code(s: &str) -> Option<Self> { $name::parse(s) }
            fn allowed_codes() -> String { $name::allowed() }
            fn codes() -> Vec<&'static str> { Self::ALL.iter().map(|v| v.code()).collect() }
        }
    };
}

vocab!(
    /// Case type (案件類型); decides the stage track and the exit condition.
    CaseType {
        Procurement = "procurement", "採購", "Procurement";
        Superficies = "superficies", "設定地上權", "Superficies";
        JointDevelopment = "joint-development", "聯合開發", "Joint development";
        Ppp = "ppp", "促參", "PPP (BOT/OT/ROT)";
        UrbanRenewal = "urban-renewal", "都市更新", "Urban renewal";
        LandReadjustment = "land-readjustment", "市地重劃／區段徵收", "Land readjustment";
        Sale = "sale", "標售", "Sale";
        Other = "other", "其他", "Other";
    }
);

impl CaseType {
    /// Procurement track (`procurement`, `sale`, `other`) or investment track.
    pub fn track(self) -> Track {
        match self {
            CaseType::Procurement | CaseType::Sale | CaseType::Other => Track::Procurement,
            _ => Track::Investment,
        }
    }

    /// The default exit condition (退場時機), as the contract words it: procurement →
    /// 竣工驗收完畢, every other case type → 完成簽約 (a sale ends with its contract too,
    /// though its stages follow the procurement track).
    pub fn default_exit(self) -> (&'static str, &'static str) {
        match self {
            CaseType::Procurement => ("竣工驗收完畢", "Completion and final acceptance"),
            _ => ("完成簽約", "Contract signed"),
        }
    }
}

/// The two stage tracks of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Track {
    Procurement,
    Investment,
}

impl Track {
    pub fn stages(self) -> &'static [Stage] {
        use Stage::*;
        match self {
            Track::Procurement => &[
                Established,
                Planning,
                Tender,
                Opening,
                Award,
                Contract,
                Construction,
                Acceptance,
                Closed,
            ],
            Track::Investment => &[Established, Planning, Solicitation, Selection, Signing, Closed],
        }
    }

    /// The exit milestone: reaching it means the platform should close.
    pub fn exit_stage(self) -> Stage {
        match self {
            Track::Procurement => Stage::Acceptance,
            Track::Investment => Stage::Signing,
        }
    }
}

vocab!(
    /// Stage of the progress timeline.
    Stage {
        Established = "established", "成立", "Established";
        Planning = "planning", "規劃設計", "Planning and design";
        Tender = "tender", "招標", "Tender";
        Opening = "opening", "開標", "Bid opening";
        Award = "award", "決標", "Award";
        Contract = "contract", "簽約", "Contract";
        Construction = "construction", "施工／履約", "Construction";
        Acceptance = "acceptance", "驗收", "Acceptance";
        Solicitation = "solicitation", "公告招商", "Call for investors";
        Selection = "selection", "甄選／評選", "Selection";
        Signing = "signing", "簽約", "Signing";
        Closed = "closed", "退場", "Exit";
    }
);

impl Stage {
    /// The label on a given track (`planning` is 招商規劃 on the investment track).
    pub fn zh_on(self, track: Track) -> &'static str {
        match (self, track) {
            (Stage::Planning, Track::Investment) => "招商規劃",
            _ => self.zh(),
        }
    }

    /// A stage of `track` written in Chinese as staff say it: its label (招標, 施工／履約),
    /// either half of a two-part label (施工, 履約, 甄選), with or without 階段 (決標階段).
    pub fn from_label(text: &str, track: Track) -> Option<Stage> {
        let t = text.trim().trim_end_matches("階段").trim();
        if t.is_empty() {
            return None;
        }
        track.stages().iter().copied().find(|s| {
            let label = s.zh_on(track);
            label == t || label.split(['／', '/']).any(|part| part == t)
        })
    }
}

vocab!(
    /// Platform status.
    Status {
        Active = "active", "運作中", "Active";
        Closed = "closed", "已結束", "Closed";
    }
);

vocab!(
    /// Government level of an agency.
    Level {
        Central = "central", "中央", "Central government";
        Local = "local", "地方", "Local government";
    }
);

vocab!(
    /// Meeting kind.
    MeetingKind {
        Pledge = "pledge", "公開宣示", "Public pledge";
        Liaison = "liaison", "聯繫會議", "Liaison meeting";
        Symposium = "symposium", "座談會", "Symposium";
        Briefing = "briefing", "說明會", "Briefing";
        Training = "training", "教育訓練／法令宣導", "Training";
        Inspection = "inspection", "稽核／查核／現勘", "Inspection";
        Other = "other", "其他", "Other";
    }
);

vocab!(
    /// Tracked action status (列管事項).
    ActionStatus {
        Open = "open", "列管中", "Open";
        InProgress = "in-progress", "辦理中", "In progress";
        Done = "done", "已完成", "Done";
        Dropped = "dropped", "解除列管", "Dropped";
    }
);

impl ActionStatus {
    pub fn is_finished(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

vocab!(
    /// Risk status.
    RiskStatus {
        Open = "open", "待處理", "Open";
        Mitigating = "mitigating", "處理中", "Mitigating";
        Controlled = "controlled", "已控制", "Controlled";
        Closed = "closed", "已解除", "Closed";
    }
);

vocab!(
    /// Document kind.
    DocKind {
        Plan = "plan", "實施計畫", "Plan";
        Minutes = "minutes", "會議紀錄", "Minutes";
        Report = "report", "報告", "Report";
        Tender = "tender", "招標文件", "Tender document";
        Contract = "contract", "契約", "Contract";
        Presentation = "presentation", "簡報", "Presentation";
        Media = "media", "媒體", "Media";
        Other = "other", "其他", "Other";
    }
);

vocab!(
    /// Which way a KPI is good.
    Direction {
        HigherIsBetter = "higher-is-better", "越高越好", "Higher is better";
        LowerIsBetter = "lower-is-better", "越低越好", "Lower is better";
    }
);

vocab!(
    /// Pre-award secrecy point (政府採購法 §34).
    Confidential {
        Opening = "opening", "開標", "bid opening";
        Award = "award", "決標", "award";
        Signing = "signing", "簽約", "signing";
    }
);

impl Confidential {
    /// The stage whose `actual` date lifts the secrecy, on a track.
    pub fn stage(self, track: Track) -> Stage {
        match (self, track) {
            (Confidential::Opening, Track::Procurement) => Stage::Opening,
            (Confidential::Opening, Track::Investment) => Stage::Selection,
            (Confidential::Award, Track::Procurement) => Stage::Award,
            (Confidential::Award, Track::Investment) => Stage::Selection,
            (Confidential::Signing, Track::Procurement) => Stage::Contract,
            (Confidential::Signing, Track::Investment) => Stage::Signing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 2: a stage written in Chinese is the same stage as its code.
    #[test]
    fn issue_2_stages_written_in_chinese() {
        let p = Track::Procurement;
        assert_eq!(Stage::from_label("招標", p), Some(Stage::Tender));
        assert_eq!(Stage::from_label("決標階段", p), Some(Stage::Award));
        assert_eq!(Stage::from_label("施工", p), Some(Stage::Construction));
        assert_eq!(Stage::from_label("履約", p), Some(Stage::Construction));
        assert_eq!(Stage::from_label("施工／履約", p), Some(Stage::Construction));
        assert_eq!(Stage::from_label("招商規劃", Track::Investment), Some(Stage::Planning));
        assert_eq!(Stage::from_label("評選", Track::Investment), Some(Stage::Selection));
        assert_eq!(Stage::from_label("決標", Track::Investment), None, "not on that track");
        assert_eq!(Stage::from_label("施工中", p), None);
        assert_eq!(Stage::from_label("", p), None);
    }

    /// Issue 2: the contract's default `exit` is by case type, not by stage track.
    #[test]
    fn issue_2_default_exit_follows_the_contract_per_case_type() {
        assert_eq!(CaseType::Procurement.default_exit().0, "竣工驗收完畢");
        for c in [CaseType::Sale, CaseType::Other, CaseType::Superficies, CaseType::Ppp] {
            assert_eq!(c.default_exit().0, "完成簽約", "{c:?}");
        }
    }
}
