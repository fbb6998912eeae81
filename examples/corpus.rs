//! Synthetic content tree for the benchmarks, written to the content contract
//! (`shared/CONTENT-MODEL.md`), and the touming side of the search measurements.
//!
//! ```text
//! cargo run --release --example corpus -- N --out DIR [--seed S] [--languages zh-TW|zh-TW,en]
//!     writes DIR/site.yaml, DIR/agencies.yaml (≈ N/10 agencies, central and local) and
//!     N platforms (DIR/platforms/<slug>/): index.md with a 案件背景 body, exactly 10
//!     meetings of 1,500–3,000 characters of minutes (actions with ids, later
//!     action_updates), qa.yaml, risks.yaml (standard risk templates of the track),
//!     ethics-log.yaml, evaluation.yaml, documents.yaml (links, and small files for every
//!     fifth platform), half-year reports, and planning/progress/ethics pages for every
//!     third. 1,000 platforms = 11,000 pages per language. Deterministic: the same N, seed
//!     and languages give byte-identical trees. Default seed 20240511, languages zh-TW,en.
//! cargo run --release --example corpus -- recall SITE CONTENT [--sample K]
//!     loads SITE/search/zh-TW/ with touming::search::SearchIndex and queries every
//!     platform's full title (from CONTENT/platforms/*/index.md): prints recall@1 (the
//!     platform page first) and the bytes a first query fetches (index files plus
//!     search.js, search-core.js and search.css), as text and as one JSON line.
//! cargo run --release --example corpus -- stages CONTENT OUT [--now 2026-11-21]
//!     runs the build pipeline stage by stage (`touming::site::Build`), printing each
//!     stage's wall time and the process's RSS and peak RSS after it.
//! cargo run --release --example corpus -- index CONTENT [--now 2026-11-21]
//!     the search index alone: load, lower and render the Markdown, then time
//!     `search::records` + `SearchIndexer::build` (cold, then after editing one record)
//!     and the memory it adds (peak RSS after minus RSS before).
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// ───────────────────────────── deterministic randomness ─────────────────────────────

/// splitmix64: small, deterministic, good enough for a corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// `lo..=hi` distinct items in their original order.
    fn sample<'a, T>(&mut self, v: &'a [T], lo: usize, hi: usize) -> Vec<&'a T> {
        let k = self.range(lo, hi);
        let mut idx: Vec<usize> = (0..v.len()).collect();
        for i in (1..idx.len()).rev() {
            let j = self.below(i + 1);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(k.min(v.len())).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| &v[i]).collect()
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

// ───────────────────────────────────── vocabulary ─────────────────────────────────────

/// Places: (zh, romanisation for slugs and English titles).
const PLACES: &[(&str, &str)] = &[
    ("淡江", "Danjiang"),
    ("竹北", "Zhubei"),
    ("烏溪", "Wuxi"),
    ("烏嘴潭", "Wuzuitan"),
    ("基隆", "Keelung"),
    ("宜蘭", "Yilan"),
    ("花蓮", "Hualien"),
    ("臺東", "Taitung"),
    ("屏東", "Pingtung"),
    ("高雄", "Kaohsiung"),
    ("臺南", "Tainan"),
    ("嘉義", "Chiayi"),
    ("雲林", "Yunlin"),
    ("彰化", "Changhua"),
    ("南投", "Nantou"),
    ("臺中", "Taichung"),
    ("苗栗", "Miaoli"),
    ("新竹", "Hsinchu"),
    ("桃園", "Taoyuan"),
    ("新北", "New Taipei"),
    ("臺北", "Taipei"),
    ("金門", "Kinmen"),
    ("馬祖", "Matsu"),
    ("澎湖", "Penghu"),
    ("蘇澳", "Suao"),
    ("羅東", "Luodong"),
    ("頭城", "Toucheng"),
    ("礁溪", "Jiaoxi"),
    ("三星", "Sanxing"),
    ("冬山", "Dongshan"),
    ("竹東", "Zhudong"),
    ("湖口", "Hukou"),
    ("新豐", "Xinfeng"),
    ("關西", "Guanxi"),
    ("大溪", "Daxi"),
    ("龜山", "Guishan"),
    ("林口", "Linkou"),
    ("淡水", "Tamsui"),
    ("三峽", "Sanxia"),
    ("鶯歌", "Yingge"),
    ("板橋", "Banqiao"),
    ("中和", "Zhonghe"),
    ("新店", "Xindian"),
    ("汐止", "Xizhi"),
    ("瑞芳", "Ruifang"),
    ("平溪", "Pingxi"),
    ("石碇", "Shiding"),
    ("坪林", "Pinglin"),
    ("豐原", "Fengyuan"),
    ("大甲", "Dajia"),
    ("清水", "Qingshui"),
    ("沙鹿", "Shalu"),
    ("霧峰", "Wufeng"),
    ("太平", "Taiping"),
    ("大里", "Dali"),
    ("鹿港", "Lukang"),
    ("員林", "Yuanlin"),
    ("溪湖", "Xihu"),
    ("北斗", "Beidou"),
    ("二林", "Erlin"),
    ("斗六", "Douliu"),
    ("虎尾", "Huwei"),
    ("西螺", "Xiluo"),
    ("北港", "Beigang"),
    ("朴子", "Puzi"),
    ("布袋", "Budai"),
    ("新營", "Xinying"),
    ("麻豆", "Madou"),
    ("佳里", "Jiali"),
    ("善化", "Shanhua"),
    ("岡山", "Gangshan"),
    ("鳳山", "Fengshan"),
    ("旗山", "Qishan"),
    ("美濃", "Meinong"),
    ("潮州", "Chaozhou"),
    ("東港", "Donggang"),
    ("恆春", "Hengchun"),
    ("玉里", "Yuli"),
    ("鳳林", "Fenglin"),
    ("成功", "Chenggong"),
    ("關山", "Guanshan"),
    ("池上", "Chishang"),
    ("卑南", "Beinan"),
    ("知本", "Zhiben"),
];

/// What a platform guards: (zh word in the title, English, slug, case type, project suffix).
const PROJECTS: &[(&str, &str, &str, &str, &str)] = &[
    ("大橋", "Bridge", "bridge", "procurement", "及其連絡道路新建工程"),
    ("人工湖", "Artificial Lake", "lake", "procurement", "新建工程"),
    ("捷運", "MRT", "mrt", "procurement", "路網建設計畫"),
    ("焚化廠", "Incinerator", "incinerator", "ppp", "興建營運移轉（BOT）案"),
    ("水庫", "Reservoir", "reservoir", "procurement", "更新改善工程"),
    ("快速道路", "Expressway", "expressway", "procurement", "新建工程"),
    ("污水處理廠", "Sewage Plant", "sewage", "procurement", "統包工程"),
    (
        "轉運站",
        "Transit Hub",
        "transit-hub",
        "joint-development",
        "聯合開發案",
    ),
    ("體育館", "Arena", "arena", "procurement", "新建統包工程"),
    ("圖書館", "Library", "library", "procurement", "新建工程"),
    ("醫院", "Hospital", "hospital", "procurement", "新建工程"),
    (
        "鐵路立體化",
        "Railway Elevation",
        "rail-elevation",
        "procurement",
        "建設計畫",
    ),
    ("港區", "Harbour", "harbour", "procurement", "碼頭新建工程"),
    ("海堤", "Seawall", "seawall", "procurement", "整建工程"),
    (
        "淨水場",
        "Water Purification Plant",
        "water-plant",
        "procurement",
        "擴建工程",
    ),
    ("輕軌", "Light Rail", "light-rail", "procurement", "建設計畫"),
    ("隧道", "Tunnel", "tunnel", "procurement", "新建工程"),
    (
        "國民運動中心",
        "Sports Centre",
        "sports-centre",
        "ppp",
        "營運移轉（OT）案",
    ),
    (
        "社會住宅",
        "Social Housing",
        "social-housing",
        "procurement",
        "新建統包工程",
    ),
    ("垃圾掩埋場", "Landfill", "landfill", "procurement", "活化工程"),
    (
        "科學園區",
        "Science Park",
        "science-park",
        "superficies",
        "設定地上權案",
    ),
    (
        "產業園區",
        "Industrial Park",
        "industrial-park",
        "procurement",
        "開發工程",
    ),
    ("土石標售", "Earth Sale", "earth-sale", "sale", "疏濬土石標售案"),
    (
        "都市更新",
        "Urban Renewal",
        "urban-renewal",
        "urban-renewal",
        "公辦都市更新案",
    ),
    (
        "市地重劃",
        "Land Readjustment",
        "readjustment",
        "land-readjustment",
        "自辦市地重劃案",
    ),
];

const CENTRAL: &[(&str, &[&str])] = &[
    (
        "經濟部",
        &[
            "水利署第一河川分署",
            "水利署第二河川分署",
            "水利署第三河川分署",
            "水利署第四河川分署",
            "水利署第五河川分署",
            "水利署第六河川分署",
            "水利署第七河川分署",
            "水利署第八河川分署",
            "水利署第九河川分署",
            "水利署第十河川分署",
            "水利署北區水資源分署",
            "水利署中區水資源分署",
            "水利署南區水資源分署",
            "產業園區管理局",
            "台灣電力股份有限公司",
        ],
    ),
    (
        "交通部",
        &[
            "公路局北區養護工程分局",
            "公路局中區養護工程分局",
            "公路局南區養護工程分局",
            "公路局東區養護工程分局",
            "公路局西部濱海公路北區臨時工程處",
            "鐵道局北部工程處",
            "鐵道局中部工程處",
            "鐵道局南部工程處",
            "航港局",
            "臺灣港務股份有限公司",
            "高速公路局",
            "觀光署",
        ],
    ),
    (
        "內政部",
        &[
            "國土管理署",
            "國土管理署都市更新建設組",
            "國家公園署",
            "消防署",
            "警政署",
        ],
    ),
    ("環境部", &["資源循環署", "環境管理署"]),
    ("教育部", &["體育署", "國民及學前教育署"]),
    ("衛生福利部", &["附屬醫療及社會福利機構管理會", "疾病管制署"]),
    (
        "國家科學及技術委員會",
        &["新竹科學園區管理局", "中部科學園區管理局", "南部科學園區管理局"],
    ),
    ("國防部", &["軍備局工程營產中心"]),
    ("法務部", &["矯正署"]),
];

const LOCAL: &[&str] = &[
    "臺北市",
    "新北市",
    "桃園市",
    "臺中市",
    "臺南市",
    "高雄市",
    "基隆市",
    "新竹市",
    "嘉義市",
    "新竹縣",
    "苗栗縣",
    "彰化縣",
    "南投縣",
    "雲林縣",
    "嘉義縣",
    "屏東縣",
    "宜蘭縣",
    "花蓮縣",
    "臺東縣",
    "澎湖縣",
    "金門縣",
    "連江縣",
];
const LOCAL_UNITS: &[&str] = &[
    "工務局",
    "交通局",
    "水利局",
    "環境保護局",
    "都市發展局",
    "地政局",
    "建設處",
    "捷運工程局",
    "新建工程處",
    "衛生局",
    "教育局",
    "經濟發展局",
];

const PARTICIPANTS: &[&str] = &[
    "轄區地方檢察署",
    "法務部廉政署",
    "法務部調查局",
    "行政院公共工程委員會",
    "審計部",
    "主計處",
    "專家學者",
    "施工廠商",
    "監造廠商",
    "台灣透明組織協會",
    "在地社區發展協會",
    "工程技術顧問公司",
    "地方民意代表",
    "縣市政府政風處",
];

const ROLES: &[&str] = &["處長", "局長", "副局長", "主任秘書", "總工程司", "副處長", "分署長"];
const RECORDERS: &[&str] = &["政風室科員", "工務課課員", "秘書室專員", "政風室專員"];
const ROOMS: &[&str] = &["第一會議室", "第二會議室", "大禮堂", "工務所會議室", "簡報室"];

const TOPICS: &[&str] = &[
    "土石標售",
    "工程品質查核",
    "採購稽核",
    "驗收作業",
    "契約變更",
    "變更設計",
    "契約價金調整",
    "工地安全",
    "廠商履約",
    "資訊公開",
    "廉政宣導",
    "營建剩餘土石方",
    "監造計畫",
    "勞動檢查",
    "施工進度",
    "物價調整",
    "圍標綁標風險",
    "利益迴避",
    "請託關說登錄",
    "防治貪瀆",
    "民眾陳情",
    "用地取得",
    "交通維持計畫",
    "環境監測",
    "工期展延",
    "估驗計價",
    "分包管理",
    "材料抽驗",
];
const VERBS: &[&str] = &["決議", "建議", "請", "責成", "同意", "要求"];
const ACTIONS: &[&str] = &[
    "持續追蹤辦理情形並於下次會議報告",
    "加強工地查核頻率",
    "落實廠商履約管理",
    "每月公開土石方流向資料",
    "邀請檢調單位辦理法治教育",
    "研議風險預警機制",
    "檢討標案分包情形",
    "強化監造單位自主檢查",
    "函請相關機關配合辦理",
    "列管並限期改善",
    "於專區公開契約變更理由及金額",
    "會同政風室辦理驗收作業抽查",
    "彙整民眾陳情案件並於專區回應",
    "檢討土石標售作業程序並公開標售結果",
];
const FILLER: &[&str] = &[
    "為確保工程品質與進度，各單位應依契約規定辦理。",
    "本案涉及多項採購程序，政風單位將適時提供法令諮詢。",
    "與會代表就施工期間交通維持計畫交換意見。",
    "檢方代表說明近期相關案例，提醒同仁注意採購法規範。",
    "廠商代表表示將配合辦理，並提出具體改善計畫。",
    "會議紀錄經與會人員確認後，於資訊透明專區公開。",
    "星期日假日施工須事先報准，並加強夜間巡查。",
    "有關物價指數調整款之計算方式，依行政院頒訂之處理原則辦理。",
    "驗收時應依契約、圖說及規範逐項查驗，不符部分應限期改正。",
    "契約變更應依程序簽報核定，並將變更理由於聯繫會議說明。",
    "土石標售之數量、單價及得標廠商均應公開，以昭公信。",
    "列管事項辦理情形請各權責單位於會前提供書面資料。",
    "工程會代表提醒，估驗計價應確實核對實作數量。",
    "審計部代表建議，相關支出憑證應妥善保存以備查核。",
    "專家學者建議，風險查檢表應隨工程階段滾動檢討。",
    "政風室將持續受理請託關說、受贈財物及飲宴應酬之登錄。",
];
const DECISIONS: &[&str] = &[
    "洽悉，列管事項依各單位所提辦理情形解除列管。",
    "請工務單位就{t}研擬改善方案，於下次聯繫會議報告。",
    "{t}相關資料按季整理後公開於專區，供民眾檢視。",
    "請政風室會同業務單位辦理{t}專案稽核，稽核結果提報平臺。",
    "有關{t}之爭議，請監造單位於兩週內提出書面說明。",
    "同意依契約規定辦理{t}，並將辦理情形公開於專區。",
    "請廠商加強{t}，如遇外力介入應即通報檢調單位。",
];
const QA: &[(&str, &str, &str)] = &[
    (
        "招標疑義",
        "本案招標文件之資格條件是否有限制競爭之虞？",
        "資格條件係依採購法及投標廠商資格與特殊或巨額採購認定標準訂定，並經公開閱覽程序蒐集廠商意見，逐項回應後公開於專區。",
    ),
    (
        "招標疑義",
        "本案為何多次流標？",
        "流標原因主要為預算與市場行情落差及工期考量，機關已檢討預算、工期與施工界面並修正招標文件後重新公告。",
    ),
    (
        "民眾陳情",
        "施工期間造成周邊交通不便，機關有何改善措施？",
        "施工廠商已依核定之交通維持計畫設置改道與指示標誌，並於尖峰時段派員指揮交通；改善方案已列入聯繫會議列管追蹤。",
    ),
    (
        "民眾陳情",
        "夜間施工噪音影響居民作息，如何處理？",
        "機關已要求廠商調整高噪音作業時段，夜間施工須事先報准並加強巡查，陳情案件處理情形於聯繫會議報告。",
    ),
    (
        "媒體關切",
        "計畫經費較核定時增加，是否有浪費公帑之虞？",
        "經費增加主要源於物價變動、需求調整及用地取得費用，均經主管機關審議並公開說明，執行過程並由審計、工程會等機關參與平臺監督。",
    ),
    (
        "媒體關切",
        "土石標售是否有不當勢力介入？",
        "土石標售採公開標售，標售數量、單價及得標廠商均公開於專區，並透過平臺與檢調單位建立即時通報管道。",
    ),
    (
        "履約爭議",
        "契約變更之理由及金額是否公開？",
        "契約變更依程序簽報核定後，變更理由、項目及金額均於聯繫會議說明並公開於專區。",
    ),
    (
        "環境保護",
        "施工是否影響周邊生態環境？",
        "本工程辦理環境監測，監測數據按季公開，如有異常即檢討施工方式並於平臺會議報告。",
    ),
    (
        "土地徵收",
        "用地取得補償費如何計算？",
        "補償費依土地徵收條例及相關規定查估，查估結果公告並通知所有權人，對補償有異議者得依法提出。",
    ),
    (
        "驗收作業",
        "驗收作業如何避免驗收不實？",
        "驗收由機關會同監造單位及政風人員辦理，依契約、圖說逐項查驗並抽樣檢驗，驗收紀錄公開於專區。",
    ),
];
const EVAL: &[(&str, &str, usize, usize)] = &[
    ("投標廠商家數", "家", 1, 6),
    ("黑函檢舉件數（每年）", "件", 0, 6),
    ("民眾陳情件數（每半年）", "件", 0, 20),
    ("工程進度（%）", "%", 10, 100),
    ("工程爭議件數", "件", 0, 5),
    ("專區網頁瀏覽人次（每月）", "人次", 100, 9000),
];

/// Standard risk templates (src/derive/risks.rs) per track, with a sentence and a stage.
const RISKS_PROCUREMENT: &[(&str, &str, &str)] = &[
    ("base-price-leak", "底價或投標資訊於決標前外洩", "tender"),
    ("off-process-contact", "評選委員與投標廠商於程序外接觸", "award"),
    ("conflict-of-interest", "承辦人員與廠商有利害關係未依規定迴避", "tender"),
    ("lobbying-gifts", "廠商透過民意代表請託關說或致贈財物", "construction"),
    (
        "external-interference",
        "施工期間遭外部勢力介入圍事或不當施壓",
        "construction",
    ),
    ("bid-rigging", "招標條件遭質疑綁標或限制競爭", "tender"),
    ("land-acquisition", "用地取得及補償引發爭議", "planning"),
    ("site-occupation", "工地遭占用或滋擾影響施工", "construction"),
    ("spoil-sale", "剩餘土石方或砂石標售遭不當介入", "construction"),
    ("false-performance", "施工品質不符契約或偷工減料", "construction"),
    ("contract-change", "設計變更或數量增減引發契約變更爭議", "construction"),
    ("false-acceptance", "驗收流於形式致驗收不實", "acceptance"),
];
const RISKS_INVESTMENT: &[(&str, &str, &str)] = &[
    ("selection-leak", "甄選資訊於公告前外洩", "solicitation"),
    ("tailored-terms", "招商文件量身訂做，限制潛在投資人", "solicitation"),
    ("off-process-contact", "評選委員與申請人於程序外接觸", "selection"),
    ("conflict-of-interest", "評選委員未依規定利益迴避", "selection"),
    ("lobbying-gifts", "申請人透過第三人請託關說", "selection"),
    ("external-interference", "外部勢力介入招商程序", "solicitation"),
    ("investor-qualification", "投資人財務能力審查不實", "selection"),
    ("related-party", "關係企業同時參與申請", "selection"),
    ("land-acquisition", "基地權屬或地上物處理爭議", "planning"),
    ("contract-change", "簽約後契約條件變更爭議", "signing"),
];
const MEASURES: &[&str] = &[
    "相關資料專人保管、密封，限定接觸人員",
    "承辦及監辦人員簽署保密切結",
    "招標文件辦理公開閱覽，廠商意見逐項回應並公開",
    "透過平臺與檢察、調查機關建立即時通報管道",
    "定期及不定期辦理內、外部工程品質查核",
    "契約變更依程序審議，變更理由於聯繫會議報告",
    "驗收由政風人員會同監辦並抽樣檢驗",
    "工區出入管制及 CCTV 全天候監看",
    "評選委員名單於評選前保密，評選後公開",
    "辦理廉政倫理規範宣導並落實登錄",
];

// ─────────────────────────────────────── dates ───────────────────────────────────────

/// Days since 1970-01-01 → (year, month, day).
fn ymd(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

fn iso(days: i64) -> String {
    let (y, m, d) = ymd(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The way an agency might write a date: mostly ISO, sometimes one of the ROC forms.
fn written(rng: &mut Rng, days: i64) -> String {
    let (y, m, d) = ymd(days);
    let r = y - 1911;
    match rng.below(8) {
        0 => format!("{r}-{m:02}-{d:02}"),
        1 => format!("{r}.{m:02}.{d:02}"),
        2 => format!("\"{r}/{m:02}/{d:02}\""),
        3 => format!("{r}{m:02}{d:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn roc_long(days: i64) -> String {
    let (y, m, d) = ymd(days);
    format!("{}年{}月{}日", y - 1911, m, d)
}

fn weekday(days: i64) -> &'static str {
    ["日", "一", "二", "三", "四", "五", "六"][(days + 4).rem_euclid(7) as usize]
}

fn half_year(days: i64) -> (i64, i64) {
    let (y, m, _) = ymd(days);
    (y, if m <= 6 { 1 } else { 2 })
}

/// Days since 1970 of a date (for half-year ends).
fn days_of(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ───────────────────────────────────── YAML output ─────────────────────────────────────

/// A YAML scalar: plain when safe, double-quoted otherwise.
fn q(s: &str) -> String {
    let risky = s.is_empty()
        || s.starts_with(|c: char| " -?:,[]{}#&*!|>'\"%@`0123456789.+~".contains(c))
        || s.ends_with(' ')
        || s.contains(": ")
        || s.contains(" #")
        || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(&s.to_ascii_lowercase().as_str());
    if risky { format!("{s:?}") } else { s.to_string() }
}

// ─────────────────────────────────────── corpus ───────────────────────────────────────

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    pub platforms: usize,
    pub seed: u64,
    /// `["zh-TW"]` or `["zh-TW", "en"]`.
    pub languages: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            platforms: 100,
            seed: 20240511,
            languages: vec!["zh-TW".into(), "en".into()],
        }
    }
}

struct Agency {
    id: String,
    name: String,
    level: &'static str,
    parent: String,
}

struct PlatformName {
    slug: String,
    title: String,
    title_en: String,
    place: &'static str,
    project: usize,
    /// Phase number for corpora larger than places × projects (0 = none).
    phase: usize,
}

const PHASE: &[&str] = &["", "二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期"];

fn agencies(rng: &mut Rng, n: usize) -> Vec<Agency> {
    let mut pool: Vec<(String, &'static str, String)> = Vec::new();
    for (parent, units) in CENTRAL {
        for u in *units {
            pool.push((format!("{parent}{u}"), "central", parent.to_string()));
        }
    }
    for city in LOCAL {
        for u in LOCAL_UNITS {
            if *u == "捷運工程局" && !["臺北市", "新北市", "桃園市", "臺中市", "高雄市"].contains(city)
            {
                continue;
            }
            pool.push((format!("{city}政府{u}"), "local", city.to_string()));
        }
    }
    rng.shuffle(&mut pool);
    (0..n)
        .map(|i| {
            let (name, level, parent) = &pool[i % pool.len()];
            let name = if i < pool.len() {
                name.clone()
            } else {
                format!("{name}第{}工程處", i / pool.len() + 1)
            };
            Agency {
                id: format!("{level}-{:03}", i + 1),
                name,
                level,
                parent: parent.clone(),
            }
        })
        .collect()
}

fn platform_names(rng: &mut Rng, n: usize) -> Vec<PlatformName> {
    let mut combos: Vec<(usize, usize)> = Vec::new();
    for p in 0..PLACES.len() {
        for j in 0..PROJECTS.len() {
            combos.push((p, j));
        }
    }
    rng.shuffle(&mut combos);
    let per_phase = combos.len();
    assert!(
        n <= per_phase * PHASE.len(),
        "at most {} platforms",
        per_phase * PHASE.len()
    );
    (0..n)
        .map(|i| {
            let (p, j) = combos[i % per_phase];
            let phase = i / per_phase;
            let (place, place_en) = PLACES[p];
            let (word, word_en, word_slug, _, _) = PROJECTS[j];
            let place_slug = place_en.to_ascii_lowercase().replace(' ', "-");
            let slug = if phase == 0 {
                format!("{place_slug}-{word_slug}")
            } else {
                format!("{place_slug}-{word_slug}-{}", phase + 1)
            };
            let title = format!("{place}{word}{}廉政平臺", PHASE[phase]);
            let title_en = if phase == 0 {
                format!("{place_en} {word_en} Integrity Platform")
            } else {
                format!("{place_en} {word_en} Phase {} Integrity Platform", phase + 1)
            };
            PlatformName {
                slug,
                title,
                title_en,
                place,
                project: j,
                phase,
            }
        })
        .collect()
}

/// One sentence of minutes or background text.
fn sentence(rng: &mut Rng, own: &str, agency: &str, names: &[PlatformName]) -> String {
    match rng.below(60) {
        0..=5 => format!(
            "{agency}召開{own}會議，由{}主持，討論{}事項。",
            rng.pick(ROLES),
            rng.pick(TOPICS)
        ),
        6..=9 => format!("本平臺（{own}）就{}持續列管，{}。", rng.pick(TOPICS), rng.pick(ACTIONS)),
        10..=19 => format!(
            "有關{}一案，{}{}。",
            rng.pick(TOPICS),
            rng.pick(VERBS),
            rng.pick(ACTIONS)
        ),
        20 => {
            // Another platform's full title (about 1.5 times a page), never the page's own.
            let mut other = &names[rng.below(names.len())].title;
            if other == own && names.len() > 1 {
                other = &names[(names.iter().position(|x| x.title == own).unwrap_or(0) + 1) % names.len()].title;
            }
            format!("參考{other}辦理{}之經驗，{}。", rng.pick(TOPICS), rng.pick(ACTIONS))
        }
        21..=26 => format!(
            "本期{}金額約{}億{}萬元，已於{}年{}月完成第{}階段。",
            rng.pick(TOPICS),
            1 + rng.below(300),
            rng.below(9999),
            100 + rng.below(14),
            1 + rng.below(12),
            1 + rng.below(5)
        ),
        27..=29 => format!(
            "截至本次會議，累計辦理{}{}次，發現缺失{}項，均已函請廠商限期改善。",
            rng.pick(TOPICS),
            2 + rng.below(30),
            rng.below(12)
        ),
        _ => rng.pick(FILLER).to_string(),
    }
}

/// Sentences until `target` characters.
fn prose(rng: &mut Rng, own: &str, agency: &str, names: &[PlatformName], len: (usize, usize)) -> String {
    let target = rng.range(len.0, len.1);
    let mut s = String::new();
    let mut n = 0;
    while n < target {
        let x = sentence(rng, own, agency, names);
        n += x.chars().count();
        s.push_str(&x);
    }
    s
}

struct ActionState {
    id: String,
    text: String,
    open: bool,
}

const CN_NUM: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Generate the corpus: relative path → bytes, sorted by path.
pub fn generate(opts: &Options) -> BTreeMap<String, Vec<u8>> {
    let mut rng = Rng::new(opts.seed);
    let en = opts.languages.iter().any(|l| l == "en");
    let n = opts.platforms;
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut put = |path: String, text: String| {
        out.insert(path, text.into_bytes());
    };

    // site.yaml
    let langs = opts.languages.join(", ");
    let site_en = if en {
        "title_en: Procurement Integrity Platforms — Transparency Zone (benchmark corpus)\n\
         owner_en: Agency Against Corruption, Ministry of Justice\n"
    } else {
        ""
    };
    put(
        "site.yaml".into(),
        format!(
            "# 效能測試用合成資料（examples/corpus.rs，{n} 個平臺，seed {}）\n\
             title: 機關採購廉政平臺 資訊透明專區（效能測試）\n\
             owner: 法務部廉政署\n{site_en}\
             base_url: \"https://example.gov.tw/bench/\"\n\
             languages: [{langs}]\n\
             stale_after_days: 90\n\
             liaison_interval_days: 180\n\
             contact:\n  email: service@example.gov.tw\n  phone: 0800-286-586\n  address: 臺北市中正區博愛路166號\n\
             license: 政府資料開放授權條款－第1版\n",
            opts.seed
        ),
    );

    // agencies.yaml
    let ag = agencies(&mut rng, (n / 10).max(2));
    let mut y = String::from("# 案件執行機關（合成資料）\n");
    for a in &ag {
        let unit = if a.name.contains("股份有限公司") {
            "政風處"
        } else {
            "政風室"
        };
        let _ = write!(
            y,
            "- id: {}\n  name: {}\n  level: {}\n  parent: {}\n  integrity_unit: {unit}\n",
            a.id,
            q(&a.name),
            a.level,
            q(&a.parent)
        );
    }
    put("agencies.yaml".into(), y);

    let names = platform_names(&mut rng, n);
    let now_limit = days_of(2026, 6, 30);
    for (i, pn) in names.iter().enumerate() {
        let dir = format!("platforms/{}", pn.slug);
        let (word, word_en, _, case_type, suffix) = PROJECTS[pn.project];
        let investment = !["procurement", "sale", "other"].contains(&case_type);
        let agency = &ag[rng.below(ag.len())];
        let own = pn.title.as_str();
        let project = format!("{}{word}{}{suffix}", pn.place, PHASE[pn.phase]);
        let established = days_of(2013, 1, 1) + rng.below(9 * 365) as i64;
        // Ten meetings, 45–150 days apart.
        let mut meeting_days = Vec::new();
        let mut d = established;
        for _ in 0..10 {
            meeting_days.push(d);
            d += 45 + rng.below(106) as i64;
        }
        let last_meeting = *meeting_days.last().unwrap();
        let closed = rng.chance(1, 7) && last_meeting + 200 < now_limit;
        let closed_on = last_meeting + 30 + rng.below(150) as i64;

        // ── index.md ──
        let mut f = String::from("---\n");
        let _ = writeln!(f, "title: {}", q(own));
        if en {
            let _ = writeln!(f, "title_en: {}", q(&pn.title_en));
        }
        let _ = writeln!(f, "agency: {}", agency.id);
        let _ = writeln!(f, "project: {}", q(&project));
        if en {
            let _ = writeln!(
                f,
                "project_en: {}",
                q(&format!(
                    "{} {word_en} project",
                    PLACES.iter().find(|p| p.0 == pn.place).unwrap().1
                ))
            );
        }
        let _ = writeln!(f, "case_type: {case_type}");
        let amount = match rng.below(5) {
            0 => format!("約{}億", 2 + rng.below(400)),
            1 => format!("{}.{:02}億", 1 + rng.below(200), rng.below(100)),
            2 => format!("{}億{},{:03}萬", 1 + rng.below(90), 1 + rng.below(9), rng.below(1000)),
            3 => format!("{},{:03}萬元", 1 + rng.below(9), rng.below(1000)),
            _ => format!("{}", (50 + rng.below(50_000)) as u64 * 1_000_000),
        };
        let _ = writeln!(f, "amount: {}", q(&amount));
        let _ = writeln!(f, "established: {}", written(&mut rng, established));
        let approved = established - 10 - rng.below(40) as i64;
        let _ = writeln!(f, "plan_approved: {}", written(&mut rng, approved));
        if closed {
            let _ = writeln!(f, "status: closed\nclosed_on: {}", written(&mut rng, closed_on));
        } else {
            f.push_str("status: active\n");
        }
        f.push_str("participants:\n");
        let parts = rng.sample(PARTICIPANTS, 4, 8);
        for p in &parts {
            let _ = writeln!(f, "  - {p}");
        }
        // Milestones.
        f.push_str("milestones:\n");
        let ms = |f: &mut String,
                  rng: &mut Rng,
                  stage: &str,
                  title: Option<&str>,
                  planned: Option<i64>,
                  actual: Option<i64>,
                  note: Option<&str>| {
            let _ = writeln!(f, "  - stage: {stage}");
            if let Some(t) = title {
                let _ = writeln!(f, "    title: {}", q(t));
            }
            if let Some(p) = planned {
                let _ = writeln!(f, "    planned: {}", written(rng, p));
            }
            if let Some(a) = actual {
                let _ = writeln!(f, "    actual: {}", written(rng, a));
            }
            if let Some(nt) = note {
                let _ = writeln!(f, "    note: {}", q(nt));
            }
        };
        let plan_d = established - 400 - rng.below(400) as i64;
        if investment {
            ms(
                &mut f,
                &mut rng,
                "planning",
                Some("招商規劃及可行性評估"),
                None,
                Some(plan_d),
                None,
            );
            ms(
                &mut f,
                &mut rng,
                "established",
                Some("廉政平臺成立暨公開宣示"),
                Some(established),
                Some(established),
                None,
            );
            let sol = established + 60 + rng.below(120) as i64;
            ms(
                &mut f,
                &mut rng,
                "solicitation",
                Some("公告招商"),
                Some(sol - 30),
                Some(sol),
                None,
            );
            let sel = sol + 90 + rng.below(200) as i64;
            ms(
                &mut f,
                &mut rng,
                "selection",
                Some("甄審委員會評定最優申請人"),
                Some(sel - 20),
                Some(sel),
                None,
            );
            let sig = sel + 60 + rng.below(200) as i64;
            let signed = sig < now_limit && (closed || rng.chance(3, 4));
            ms(
                &mut f,
                &mut rng,
                "signing",
                Some("簽訂投資契約"),
                Some(sig - 30),
                signed.then_some(sig),
                None,
            );
            ms(
                &mut f,
                &mut rng,
                "closed",
                Some("平臺退場（完成簽約）"),
                Some(if closed { closed_on } else { sig + 90 }),
                closed.then_some(closed_on),
                None,
            );
        } else {
            ms(
                &mut f,
                &mut rng,
                "planning",
                Some("規劃設計核定"),
                None,
                Some(plan_d),
                None,
            );
            let failures = if rng.chance(1, 4) { rng.range(1, 4) } else { 0 };
            let mut t = plan_d + 120 + rng.below(120) as i64;
            for k in 0..failures {
                ms(
                    &mut f,
                    &mut rng,
                    "tender",
                    Some(&format!("第{}次招標", k + 1)),
                    None,
                    Some(t),
                    Some("流標，檢討預算與工期後重新公告"),
                );
                t += 40 + rng.below(60) as i64;
            }
            ms(
                &mut f,
                &mut rng,
                "tender",
                Some(&format!("第{}次招標", failures + 1)),
                None,
                Some(t),
                None,
            );
            let open = t + 20 + rng.below(30) as i64;
            ms(&mut f, &mut rng, "opening", None, None, Some(open), None);
            let award = open + 5 + rng.below(40) as i64;
            let planned = award - rng.below(20) as i64;
            ms(
                &mut f,
                &mut rng,
                "award",
                None,
                Some(planned),
                Some(award),
                (failures > 0).then_some("歷經流標始決標"),
            );
            let contract = award + 10 + rng.below(40) as i64;
            ms(&mut f, &mut rng, "contract", None, None, Some(contract), None);
            let est = established.max(contract + 1);
            ms(
                &mut f,
                &mut rng,
                "established",
                Some("廉政平臺成立暨廉政宣言簽署"),
                Some(established),
                Some(established),
                None,
            );
            let start = est + 20 + rng.below(60) as i64;
            let planned = start - rng.below(30) as i64;
            ms(
                &mut f,
                &mut rng,
                "construction",
                Some("開工"),
                Some(planned),
                Some(start),
                None,
            );
            let acc = last_meeting + rng.below(300) as i64;
            let accepted = closed || (acc < now_limit && rng.chance(1, 3));
            let planned = acc - rng.below(120) as i64;
            ms(
                &mut f,
                &mut rng,
                "acceptance",
                Some("竣工驗收"),
                Some(planned),
                accepted.then_some(acc.min(if closed { closed_on } else { acc })),
                None,
            );
            ms(
                &mut f,
                &mut rng,
                "closed",
                Some("平臺退場（竣工驗收完畢）"),
                Some(if closed { closed_on } else { acc + 180 }),
                closed.then_some(closed_on),
                None,
            );
        }
        f.push_str("links:\n  - title: 政府電子採購網\n    url: \"https://web.pcc.gov.tw/\"\n");
        let _ = writeln!(
            f,
            "  - title: {}\n    url: \"https://www.example.gov.tw/{}/\"",
            q(&format!("{project}專區")),
            pn.slug
        );
        let _ = writeln!(f, "tags: [{word}, {}]", rng.pick(TOPICS));
        f.push_str("---\n## 案件背景\n\n");
        let target = rng.range(700, 1300);
        let _ = write!(
            f,
            "{own}由{}成立，{}督導，守護「{project}」，案件金額{amount}。",
            agency.name, agency.parent
        );
        f.push_str(&prose(&mut rng, own, &agency.name, &names, (target, target)));
        f.push_str("\n\n## 平臺作法\n\n");
        for (k, w) in [
            "辦理宣誓大會，凝聚反貪共識",
            "定期聯繫會議，提供防貪諮詢",
            "資訊公開，全民監督",
            "內控稽核，興利防弊",
        ]
        .iter()
        .enumerate()
        {
            let _ = write!(f, "{}. **{w}**：", k + 1);
            f.push_str(&prose(&mut rng, own, &agency.name, &names, (60, 160)));
            f.push('\n');
        }
        put(format!("{dir}/index.md"), f);

        // ── optional narrative pages ──
        if i % 3 == 0 {
            for (file, title) in [
                ("planning", "規劃過程"),
                ("progress", "辦理進度"),
                ("ethics", "廉政倫理規範宣導"),
            ] {
                let mut s = format!("---\ntitle: {title}\n---\n## {title}\n\n");
                s.push_str(&prose(&mut rng, own, &agency.name, &names, (250, 600)));
                s.push('\n');
                put(format!("{dir}/{file}.md"), s);
            }
        }

        // ── meetings ──
        let mut actions: Vec<ActionState> = Vec::new();
        let mut seq = 0;
        let mut liaison = 0;
        for (k, &md) in meeting_days.iter().enumerate() {
            let (kind, title, code) = if k == 0 {
                ("pledge", "廉政平臺成立暨公開宣示大會".to_string(), "pledge")
            } else {
                match rng.below(10) {
                    0 => ("training", "廉政法令宣導教育訓練".to_string(), "training"),
                    1 => ("inspection", "工地聯合稽核現勘".to_string(), "inspection"),
                    2 if investment => ("briefing", "招商說明會".to_string(), "briefing"),
                    2 => ("symposium", "廉政座談會".to_string(), "symposium"),
                    _ => {
                        liaison += 1;
                        ("liaison", format!("第{liaison}次定期聯繫會議"), "liaison")
                    }
                }
            };
            let name = format!("{}-{code}-{}", iso(md), k + 1);
            let chair = *rng.pick(ROLES);
            let room = *rng.pick(ROOMS);
            let location = format!("{}{room}", agency.name);
            let mut m = String::from("---\n");
            let _ = writeln!(m, "title: {}", q(&title));
            if en && kind == "liaison" {
                let _ = writeln!(m, "title_en: \"Regular liaison meeting no. {liaison}\"");
            }
            let _ = writeln!(
                m,
                "kind: {kind}\ndate: {}\nlocation: {}\nchair: {chair}",
                written(&mut rng, md),
                q(&location)
            );
            m.push_str("attendees:\n");
            let att = rng.sample(PARTICIPANTS, 4, 9);
            for a in &att {
                let _ = writeln!(m, "  - {a}");
            }
            // Decisions.
            let topics: Vec<&str> = (0..rng.range(2, 4)).map(|_| *rng.pick(TOPICS)).collect();
            let decisions: Vec<String> = topics.iter().map(|t| rng.pick(DECISIONS).replace("{t}", t)).collect();
            m.push_str("decisions:\n");
            for d in &decisions {
                let _ = writeln!(m, "  - {}", q(d));
            }
            // Updates on earlier open actions, then new actions.
            let mut updates = Vec::new();
            for a in actions.iter_mut().filter(|a| a.open) {
                if rng.chance(2, 3) {
                    let st = match rng.below(6) {
                        0..=2 => "done",
                        3 => "dropped",
                        _ => "in-progress",
                    };
                    a.open = st == "in-progress";
                    updates.push((a.id.clone(), a.text.clone(), st));
                }
            }
            let mut new_actions = Vec::new();
            if kind != "training" {
                for _ in 0..rng.range(1, 3) {
                    seq += 1;
                    let (y, _, _) = ymd(md);
                    let id = format!("A-{}-{seq:02}", y - 1911);
                    let text = format!("{}：{}", rng.pick(TOPICS), rng.pick(ACTIONS));
                    let due = md + 60 + rng.below(120) as i64;
                    new_actions.push((id.clone(), text.clone(), due));
                    actions.push(ActionState { id, text, open: true });
                }
            }
            if !new_actions.is_empty() {
                m.push_str("actions:\n");
                for (id, text, due) in &new_actions {
                    let owner = format!(
                        "{}{}",
                        agency.name,
                        rng.pick(&["工務課", "政風室", "秘書室", "採購課", "監造單位"])
                    );
                    let _ = writeln!(
                        m,
                        "  - id: {id}\n    text: {}\n    owner: {}\n    due: {}\n    status: open",
                        q(text),
                        q(&owner),
                        written(&mut rng, *due)
                    );
                }
            }
            if !updates.is_empty() {
                m.push_str("action_updates:\n");
                for (id, _, st) in &updates {
                    let note = match *st {
                        "done" => "已辦理完竣，建議解除列管。",
                        "dropped" => "經檢討已無執行必要，解除列管。",
                        _ => "持續辦理中，下次會議續報。",
                    };
                    let _ = writeln!(m, "  - id: {id}\n    status: {st}\n    note: {note}");
                }
            }
            if rng.chance(1, 3) {
                let _ = writeln!(
                    m,
                    "documents:\n  - title: {}\n    url: \"https://www.example.gov.tw/{}/minutes-{}.pdf\"",
                    q(&format!("{title}會議紀錄（PDF）")),
                    pn.slug,
                    k + 1
                );
            }
            m.push_str("---\n");
            // Minutes: 1,500–3,000 characters.
            let target = rng.range(1500, 2900);
            let start = m.len();
            let _ = write!(
                m,
                "# {title} 會議紀錄\n\n## 壹、時間地點\n\n{}（星期{}）上午{}時{}，{location}。\n\n",
                roc_long(md),
                weekday(md),
                9 + rng.below(2),
                ["", "30分"][rng.below(2)]
            );
            let _ = write!(
                m,
                "## 貳、出列席人員\n\n主持人：{chair}　紀錄：{}\n\n出席：{}。\n\n",
                rng.pick(RECORDERS),
                att.iter().map(|s| **s).collect::<Vec<_>>().join("、")
            );
            if !updates.is_empty() {
                m.push_str("## 參、上次列管事項辦理情形\n\n| 編號 | 事項 | 辦理情形 | 建議 |\n|---|---|---|---|\n");
                for (id, text, st) in &updates {
                    let (how, adv) = match *st {
                        "done" => ("已辦理完竣", "解除列管"),
                        "dropped" => ("無執行必要", "解除列管"),
                        _ => ("持續辦理中", "繼續列管"),
                    };
                    let _ = writeln!(m, "| {id} | {text} | {how} | {adv} |");
                }
                m.push('\n');
            }
            m.push_str("## 肆、報告事項\n\n");
            let report_len = (target / 3).max(300);
            let mut k2 = 1;
            let mut body_chars = m[start..].chars().count();
            let mut goal = body_chars + report_len;
            while body_chars < goal {
                let s = prose(&mut rng, own, &agency.name, &names, (60, 160));
                body_chars += s.chars().count() + 4;
                let _ = writeln!(m, "{k2}. {s}");
                k2 += 1;
            }
            m.push_str("\n## 伍、討論事項\n\n");
            goal = target.saturating_sub(120);
            let mut case = 0;
            while body_chars < goal || case < decisions.len() {
                let topic = topics.get(case).copied().unwrap_or_else(|| *rng.pick(TOPICS));
                let decision = decisions
                    .get(case)
                    .cloned()
                    .unwrap_or_else(|| rng.pick(DECISIONS).replace("{t}", topic));
                let want = rng.range(150, 380).min(goal.saturating_sub(body_chars).max(60));
                let explain = prose(&mut rng, own, &agency.name, &names, (want, want));
                let s = format!(
                    "### 案由{}：{topic}\n\n說明：{explain}\n\n決議：{decision}\n\n",
                    CN_NUM[case % 10]
                );
                body_chars += s.chars().count();
                m.push_str(&s);
                case += 1;
            }
            let end = [
                "上午11時30分",
                "上午11時50分",
                "中午12時",
                "中午12時10分",
                "中午12時30分",
            ][rng.below(5)];
            let _ = write!(m, "## 陸、臨時動議\n\n無。\n\n## 柒、散會\n\n{end}。\n");
            put(format!("{dir}/meetings/{name}.md"), m);
        }

        // ── qa.yaml ──
        let mut s = String::from("# 案件釋疑\n");
        for (k, (cat, qq, aa)) in rng.sample(QA, 3, 8).into_iter().enumerate() {
            let d = meeting_days[rng.below(10)] + rng.below(30) as i64;
            let date = written(&mut rng, d);
            let _ = write!(
                s,
                "- q: {}\n  a: {}\n  date: {date}\n  category: {cat}\n  source: {}\n",
                q(qq),
                q(&format!("{aa}（{own}）")),
                rng.pick(&["民眾來信", "媒體詢問", "廠商提問", "議員質詢", "專區留言"])
            );
            if k == 0 && i % 9 == 4 {
                s.push_str("  publish_after: 2099-01-01\n");
            }
        }
        put(format!("{dir}/qa.yaml"), s);

        // ── risks.yaml ──
        let pool = if investment {
            RISKS_INVESTMENT
        } else {
            RISKS_PROCUREMENT
        };
        let mut s = String::from("# 廉政風險查檢表\n");
        for (k, (tpl, risk, stage)) in rng.sample(pool, 3, 6).into_iter().enumerate() {
            let _ = write!(
                s,
                "- id: R-{:02}\n  risk: {}\n  template: {tpl}\n  stage: {stage}\n  severity: {}\n  likelihood: {}\n  measures:\n",
                k + 1,
                q(risk),
                rng.range(1, 5),
                rng.range(1, 5)
            );
            for m in rng.sample(MEASURES, 2, 3) {
                let _ = writeln!(s, "    - {m}");
            }
            let reviewed = meeting_days[rng.below(10)];
            let reviewed = written(&mut rng, reviewed);
            let _ = writeln!(
                s,
                "  status: {}\n  reviewed: {reviewed}",
                rng.pick(&["open", "mitigating", "controlled", "closed"])
            );
        }
        put(format!("{dir}/risks.yaml"), s);

        // ── ethics-log.yaml ──
        let mut s = String::from("# 廉政倫理事件登錄（件數）\n");
        let (mut hy, mut hh) = half_year(established);
        let (ly, lh) = half_year(last_meeting);
        while (hy, hh) <= (ly, lh) {
            let _ = writeln!(
                s,
                "- period: {hy}-H{hh}\n  lobbying: {}\n  gifts: {}\n  banquets: {}\n  other: {}",
                rng.below(3),
                rng.below(3),
                rng.below(2),
                rng.below(2)
            );
            if hh == 1 {
                hh = 2
            } else {
                hy += 1;
                hh = 1
            }
        }
        put(format!("{dir}/ethics-log.yaml"), s);

        // ── evaluation.yaml ──
        let mut s = String::from("# 效益評估（平臺成立前後）\n");
        for (metric, unit, lo, hi) in rng.sample(EVAL, 3, 5) {
            let _ = writeln!(
                s,
                "- metric: {metric}\n  before: {}\n  after: {}\n  unit: {}",
                rng.range(*lo, *hi),
                rng.range(*lo, *hi),
                q(unit)
            );
        }
        put(format!("{dir}/evaluation.yaml"), s);

        // ── documents.yaml (+ small files for every fifth platform) ──
        let mut s = String::from("# 相關文件\n");
        if i % 5 == 0 {
            let _ = writeln!(
                s,
                "- title: {}\n  date: {}\n  kind: plan\n  file: files/implementation-plan-summary.md",
                q(&format!("{own}實施計畫摘要")),
                written(&mut rng, established - 10)
            );
            let _ = writeln!(
                s,
                "- title: 案件釋疑疑義項次分析\n  kind: report\n  file: files/qa-item-analysis.csv\n  note: 依類別統計之釋疑件數"
            );
            put(
                format!("{dir}/files/implementation-plan-summary.md"),
                format!(
                    "# {own}實施計畫摘要\n\n{}\n",
                    prose(&mut rng, own, &agency.name, &names, (300, 300))
                ),
            );
            put(
                format!("{dir}/files/qa-item-analysis.csv"),
                "類別,件數\n招標疑義,3\n民眾陳情,5\n媒體關切,2\n".into(),
            );
        }
        let _ = writeln!(
            s,
            "- title: 招標及決標公告（政府電子採購網）\n  kind: tender\n  url: \"https://web.pcc.gov.tw/\""
        );
        let _ = writeln!(
            s,
            "- title: {}\n  date: {}\n  kind: media\n  url: \"https://www.example.gov.tw/{}/news\"",
            q(&format!("{own}新聞稿")),
            written(&mut rng, established),
            pn.slug
        );
        if i % 7 == 3 {
            let _ = writeln!(
                s,
                "- title: 執行成果（草稿）\n  kind: report\n  url: \"https://www.example.gov.tw/{}/draft\"\n  draft: true",
                pn.slug
            );
        }
        put(format!("{dir}/documents.yaml"), s);

        // ── reports ──
        let (mut ry, mut rh) = half_year(meeting_days[4]);
        for _ in 0..rng.range(1, 2) {
            let end = if rh == 1 {
                days_of(ry, 6, 30)
            } else {
                days_of(ry, 12, 31)
            };
            let submitted = end + 20 + rng.below(60) as i64;
            let mut s = format!(
                "---\nperiod: {ry}-H{rh}\nsubmitted: {}\n---\n# {own} {}年{}半年執行成果\n\n",
                written(&mut rng, submitted),
                ry - 1911,
                if rh == 1 { "上" } else { "下" }
            );
            for (k, h) in ["聯繫會議", "資訊公開", "內控檢核", "廉政倫理事件登錄"]
                .iter()
                .enumerate()
            {
                let _ = write!(
                    s,
                    "## {}、{h}\n\n{}\n\n",
                    CN_NUM[k],
                    prose(&mut rng, own, &agency.name, &names, (80, 200))
                );
            }
            put(format!("{dir}/reports/{ry}-H{rh}.md"), s);
            if rh == 1 {
                rh = 2
            } else {
                ry += 1;
                rh = 1
            }
        }
    }
    out
}

/// Write the corpus under `dir` (created; existing files of the same names replaced).
pub fn write(dir: &Path, files: &BTreeMap<String, Vec<u8>>) -> std::io::Result<()> {
    let mut dirs = BTreeSet::new();
    for path in files.keys() {
        if let Some(p) = Path::new(path).parent() {
            dirs.insert(dir.join(p));
        }
    }
    std::fs::create_dir_all(dir)?;
    for d in dirs {
        std::fs::create_dir_all(d)?;
    }
    for (path, bytes) in files {
        std::fs::write(dir.join(path), bytes)?;
    }
    Ok(())
}

// ──────────────────────────────────── recall (touming) ────────────────────────────────────

/// (slug, title) of every platform of a content tree, sorted by slug.
pub fn platform_titles(content: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(content.join("platforms")) else {
        return out;
    };
    for e in rd.flatten() {
        let slug = e.file_name().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(e.path().join("index.md")) else {
            continue;
        };
        if let Some(t) = text.lines().find_map(|l| l.strip_prefix("title:")) {
            out.push((slug, t.trim().trim_matches('"').to_string()));
        }
    }
    out.sort();
    out
}

fn recall(site: &Path, content: &Path, sample: Option<usize>) {
    use touming::search::{QueryOptions, SearchIndex};
    let t = std::time::Instant::now();
    let index = SearchIndex::from_dir(&site.join("search/zh-TW")).expect("index loads");
    let load_s = t.elapsed().as_secs_f64();
    let js: u64 = ["search.js", "search-core.js", "search.css"]
        .iter()
        .map(|f| {
            std::fs::metadata(site.join("static").join(f))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .sum();
    let mut titles = platform_titles(content);
    if let Some(k) = sample {
        let step = (titles.len() / k.max(1)).max(1);
        titles = titles.into_iter().step_by(step).take(k).collect();
    }
    let opts = QueryOptions {
        page_size: 10,
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let mut first = 0;
    let mut fetched = Vec::new();
    let mut nfiles = Vec::new();
    let mut misses = Vec::new();
    for (slug, title) in &titles {
        let r = index.search(title, &opts);
        let want = format!("platforms/{slug}/");
        if r.hits.first().and_then(|h| h.url.as_deref()) == Some(want.as_str()) {
            first += 1;
        } else {
            misses.push(title.clone());
        }
        fetched.push(r.bytes_read + js);
        nfiles.push(r.files_read.len());
    }
    let per_q = t.elapsed().as_secs_f64() * 1000.0 / titles.len().max(1) as f64;
    fetched.sort_unstable();
    nfiles.sort_unstable();
    let pct = |v: &[u64], p: f64| {
        v.get(((v.len().max(1) - 1) as f64 * p).round() as usize)
            .copied()
            .unwrap_or(0)
    };
    let over = fetched.iter().filter(|&&b| b > 200 * 1024).count();
    println!(
        "touming recall@1 (platform page first) for full titles: {first}/{}",
        titles.len()
    );
    if !misses.is_empty() {
        println!("  misses (first 10): {:?}", &misses[..misses.len().min(10)]);
    }
    println!(
        "first-query bytes incl. search.js+search-core.js+search.css ({js} B): median {} B, p90 {} B, max {} B; over 200 KiB: {over}; files median {}",
        pct(&fetched, 0.5),
        pct(&fetched, 0.9),
        fetched.last().copied().unwrap_or(0),
        nfiles.get(nfiles.len() / 2).copied().unwrap_or(0)
    );
    println!("index load {load_s:.2} s, {per_q:.2} ms/query (Rust engine)");
    let mut common = Vec::new();
    for qs in ["驗收", "土石標售", "契約變更", "大橋", "定期聯繫會議", "星期日"] {
        let r = index.search(qs, &opts);
        println!(
            "  query {qs:<8} results {:>6}  fetch {:>8} B ({} files)",
            r.total,
            r.bytes_read + js,
            r.files_read.len()
        );
        common.push(serde_json::json!({"q": qs, "results": r.total, "bytes": r.bytes_read + js}));
    }
    let json = serde_json::json!({
        "engine": "touming",
        "queries": titles.len(),
        "first": first,
        "bytes_median": pct(&fetched, 0.5),
        "bytes_p90": pct(&fetched, 0.9),
        "bytes_max": fetched.last().copied().unwrap_or(0),
        "over_200k": over,
        "static_bytes": js,
        "common": common,
        "misses": misses.iter().take(20).collect::<Vec<_>>(),
    });
    println!("JSON {json}");
}

// ──────────────────────────────── stages and index alone ────────────────────────────────

/// `VmRSS` and `VmHWM` of this process, in KiB.
fn mem() -> (u64, u64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(k))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (get("VmRSS:"), get("VmHWM:"))
}

/// User + system CPU seconds of this process so far (all threads).
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name (in parentheses): utime is the 12th field, stime the 13th.
    let rest = s.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn build_options(content: &Path, out: &Path, now: &str) -> touming::site::BuildOptions {
    touming::site::BuildOptions {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        now: chrono::NaiveDate::parse_from_str(now, "%Y-%m-%d").expect("--now YYYY-MM-DD"),
        base_url: None,
        drafts: false,
        history: false,
    }
}

fn stages(content: &Path, out: &Path, now: &str) {
    use std::time::Instant;
    let opts = build_options(content, out, now);
    let t0 = Instant::now();
    let mut last = Instant::now();
    let mut cpu_last = cpu_seconds();
    let mut mark = |name: &str| {
        let (rss, hwm) = mem();
        let cpu = cpu_seconds();
        println!(
            "  {name:<16} {:>7.2} s {:>7.2} s   RSS {:>6} MiB   peak {:>6} MiB",
            last.elapsed().as_secs_f64(),
            cpu - cpu_last,
            rss / 1024,
            hwm / 1024
        );
        last = Instant::now();
        cpu_last = cpu;
    };
    println!("stage               wall      CPU   RSS after       peak RSS so far");
    let b = touming::site::Build::load(&opts);
    mark("load");
    let b = b.lower();
    mark("lower");
    let b = b.lint();
    mark("lint");
    let b = b.history();
    mark("history (off)");
    let b = b.render_markdown();
    mark("render_markdown");
    let b = b.derive();
    mark("derive");
    let b = b.render();
    mark("render (HTML)");
    let b = b.index_search();
    mark("index_search");
    let b = b.export();
    mark("export");
    let r = b.write();
    mark("write");
    match r {
        Ok(rep) => println!(
            "total {:.2} s: {} pages, {} files",
            t0.elapsed().as_secs_f64(),
            rep.pages,
            rep.files
        ),
        Err(d) => println!("build failed: {} errors", d.errors().count()),
    }
}

fn index_only(content: &Path, now: &str) {
    use std::time::Instant;
    let opts = build_options(content, Path::new("/nonexistent-touming-out"), now);
    let t = Instant::now();
    let b = touming::site::Build::load(&opts).lower().render_markdown();
    let site = b.site().expect("content lowers");
    println!("load + lower + render_markdown: {:.2} s", t.elapsed().as_secs_f64());
    let (rss0, hwm0) = mem();
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let mut records = touming::search::records::records(site, "zh-TW");
    let rec_s = t.elapsed().as_secs_f64();
    let mut ix = touming::search::SearchIndexer::new();
    let t = Instant::now();
    let files = ix.build(&records, "zh-TW");
    let build_s = t.elapsed().as_secs_f64();
    let (rss1, hwm1) = mem();
    let cpu = cpu_seconds() - cpu0;
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let chars: usize = records
        .iter()
        .map(|r| r.title.chars().count() + r.body.chars().count())
        .sum();
    println!(
        "search index (zh-TW): {} records ({:.1} M characters); records {rec_s:.2} s + index {build_s:.2} s = {:.2} s wall, {cpu:.2} s CPU; {} files, {:.1} MiB",
        records.len(),
        chars as f64 / 1e6,
        rec_s + build_s,
        files.len(),
        bytes as f64 / 1048576.0
    );
    println!(
        "memory: RSS before {} MiB, after {} MiB; peak before {} MiB, after {} MiB → the index adds at most {} MiB at its peak",
        rss0 / 1024,
        rss1 / 1024,
        hwm0 / 1024,
        hwm1 / 1024,
        hwm1.saturating_sub(rss0) / 1024
    );
    drop(files);
    if let Some(r) = records.iter_mut().find(|r| r.kind == "meeting") {
        r.body.push_str("補充說明：本次會議另決議加強廉政宣導。");
    }
    let t = Instant::now();
    let files = ix.build(&records, "zh-TW");
    println!(
        "rebuild after editing one record: {:.2} s, {} record(s) re-tokenised, {} files",
        t.elapsed().as_secs_f64(),
        ix.last_tokenized(),
        files.len()
    );
    let json = serde_json::json!({"records": records.len(), "records_s": rec_s, "index_s": build_s, "cpu_s": cpu, "rss_before_kib": rss0, "peak_after_kib": hwm1, "bytes": bytes, "files": files.len()});
    println!("JSON {json}");
}

// ─────────────────────────────────────────── main ───────────────────────────────────────────

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let now = args
        .iter()
        .position(|a| a == "--now")
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| "2026-11-21".into());
    if args.first().map(String::as_str) == Some("stages") {
        let (Some(content), Some(out)) = (args.get(1), args.get(2)) else {
            eprintln!("usage: corpus stages CONTENT OUT [--now YYYY-MM-DD]");
            std::process::exit(2);
        };
        stages(Path::new(content), Path::new(out), &now);
        return;
    }
    if args.first().map(String::as_str) == Some("index") {
        let Some(content) = args.get(1) else {
            eprintln!("usage: corpus index CONTENT [--now YYYY-MM-DD]");
            std::process::exit(2);
        };
        index_only(Path::new(content), &now);
        return;
    }
    if args.first().map(String::as_str) == Some("recall") {
        let (Some(site), Some(content)) = (args.get(1), args.get(2)) else {
            eprintln!("usage: corpus recall SITE CONTENT [--sample K]");
            std::process::exit(2);
        };
        let sample = args
            .iter()
            .position(|a| a == "--sample")
            .and_then(|i| args.get(i + 1))
            .map(|s| s.parse().expect("--sample K"));
        recall(Path::new(site), Path::new(content), sample);
        return;
    }
    let mut opts = Options {
        platforms: 0,
        ..Default::default()
    };
    let mut out: Option<PathBuf> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--seed" => {
                opts.seed = args[i + 1].parse().expect("--seed S");
                i += 1;
            }
            "--out" => {
                out = Some(PathBuf::from(&args[i + 1]));
                i += 1;
            }
            "--languages" => {
                opts.languages = args[i + 1]
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                assert!(
                    matches!(opts.languages.first().map(String::as_str), Some("zh-TW")),
                    "--languages zh-TW or zh-TW,en"
                );
                i += 1;
            }
            s => opts.platforms = s.parse().expect("N (number of platforms)"),
        }
        i += 1;
    }
    let Some(out) = out else {
        eprintln!("usage: corpus N --out DIR [--seed S] [--languages zh-TW|zh-TW,en]");
        std::process::exit(2);
    };
    assert!(opts.platforms > 0, "N must be at least 1");
    let t = std::time::Instant::now();
    let files = generate(&opts);
    write(&out, &files).expect("write corpus");
    let bytes: usize = files.values().map(Vec::len).sum();
    let meetings = files.keys().filter(|k| k.contains("/meetings/")).count();
    println!(
        "wrote {} files ({:.1} MiB) under {}: {} platforms, {} meetings, {} agencies, languages {} ({:.2} s)",
        files.len(),
        bytes as f64 / 1048576.0,
        out.display(),
        opts.platforms,
        meetings,
        (opts.platforms / 10).max(2),
        opts.languages.join(","),
        t.elapsed().as_secs_f64()
    );
}
