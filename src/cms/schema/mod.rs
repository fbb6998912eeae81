//! The fields of every content file, as CMS fields: the content model of
//! CONTENT-MODEL.md (and [`crate::content::raw`]) written once more for the editor.
//! Platform files are here; the platform's YAML lists and the site-wide files are in
//! [`lists`].
//!
//! `tests/cms_config.rs` checks that every field of each raw struct appears here, so the
//! editor cannot silently drop a field the contract allows.

mod lists;

pub use lists::*;

use crate::model::vocab::{ActionStatus, CaseType, DocKind, Level, MeetingKind, Stage, Status, Track};

use super::fields::*;

/// Options from a vocabulary enum: `中文（code）`.
macro_rules! vocab {
    ($t:ty) => {
        $crate::cms::fields::choices(<$t>::ALL.iter().map(|v| (v.code(), v.zh())))
    };
}
pub(crate) use vocab;

/// The label of an English twin: `名稱 Title` → `名稱（英文） Title (English)`.
pub(crate) fn english_label(label: &str) -> String {
    match label.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => format!("{}（英文） {} (English)", label[..i].trim_end(), &label[i..]),
        None => format!("{label}（英文）"),
    }
}

/// A text field and its English twin `<name>_en`.
pub(crate) fn twin(make: fn(&str, &str, &str) -> Field, name: &str, label: &str, hint: &str) -> [Field; 2] {
    let hint_en = "英文網頁用，沒填時顯示中文／for English pages";
    [
        make(name, label, hint),
        make(&format!("{name}_en"), &english_label(label), hint_en),
    ]
}

/// A required text field and its optional English twin.
pub(crate) fn twin_req(make: fn(&str, &str, &str) -> Field, name: &str, label: &str, hint: &str) -> [Field; 2] {
    let [zh, en] = twin(make, name, label, hint);
    [zh.req(), en]
}

/// A list of strings and its English twin, paired item by item.
pub(crate) fn twin_list(name: &str, label: &str, hint: &str) -> [Field; 2] {
    let en = strings(
        &format!("{name}_en"),
        &english_label(label),
        "與中文清單逐項對應／item by item",
    );
    [strings(name, label, hint), en]
}

/// The Markdown body of a file.
pub(crate) fn body(label: &str) -> Field {
    markdown("body", label, "Markdown：## 標題、**粗體**、- 清單、| 表格 |")
}

/// An agency from agencies.yaml: `(id, name)` choices.
pub(crate) fn agency_select(label: &str, hint: &str, agencies: &[(String, String)]) -> Field {
    let options = agencies
        .iter()
        .map(|(id, name)| Choice {
            label: format!("{name}（{id}）"),
            value: id.clone(),
        })
        .collect();
    select("agency", label, hint, options)
}

/// Every stage code of both tracks, with its track in the label.
pub(crate) fn stages() -> Vec<Choice> {
    let tracks = [(Track::Procurement, "採購"), (Track::Investment, "招商")];
    Stage::ALL
        .iter()
        .map(|s| {
            let on: Vec<&str> = tracks
                .iter()
                .filter(|(t, _)| t.stages().contains(s))
                .map(|(_, n)| *n)
                .collect();
            Choice {
                label: format!("{}（{}；{}流程）", s.zh(), s.code(), on.join("、")),
                value: s.code().into(),
            }
        })
        .collect()
}

/// One entry of `agencies.yaml`.
pub fn agency() -> Vec<Field> {
    let id_hint = "小寫英文、數字與 -，平臺以此引用，上線後請勿更改／a slug; do not change once used";
    let mut f = vec![string("id", "機關代碼 Id", id_hint).req()];
    f.extend(twin_req(string, "name", "機關全名 Name", ""));
    f.push(select("level", "層級 Level", "", vocab!(Level)).req());
    f.extend(twin(
        string,
        "parent",
        "主管機關 Parent",
        "主管部會或直轄市、縣市，例：經濟部、臺北市",
    ));
    f.extend(twin(string, "integrity_unit", "政風單位 Integrity unit", "例：政風室"));
    f.extend(visibility(false));
    f
}

/// Front matter of `platforms/<slug>/index.md`; `agencies` are the `(id, name)` choices.
pub fn platform(agencies: &[(String, String)]) -> Vec<Field> {
    let mut f = vec![];
    f.extend(twin_req(string, "title", "平臺名稱 Title", "例：淡江大橋廉政平臺"));
    f.push(agency_select("執行機關 Agency", "agencies.yaml 裡的機關", agencies).req());
    f.extend(twin(
        string,
        "project",
        "案件名稱 Project",
        "例：淡江大橋及其連絡道路新建工程",
    ));
    f.extend(twin(text, "summary", "摘要 Summary", "一兩句話，用於列表與搜尋"));
    f.push(
        select(
            "case_type",
            "案件類型 Case type",
            "決定進度流程與退場時機",
            vocab!(CaseType),
        )
        .req(),
    );
    f.push(string(
        "amount",
        "案件金額 Amount",
        "例：約125億、8.25億、6億3,630萬、12500000000",
    ));
    f.push(date("established", "成立日期 Established", "平臺成立（宣示）日期").req());
    f.push(date("plan_approved", "實施計畫核定日 Plan approved", ""));
    f.extend(twin(
        string,
        "exit",
        "退場時機 Exit",
        "不填時：採購類為竣工驗收完畢，其他為完成簽約",
    ));
    f.push(select("status", "狀態 Status", "", vocab!(Status)).req());
    f.push(date("closed_on", "結束日期 Closed on", "狀態為已結束時必填"));
    f.extend(platform_lists());
    f.extend(visibility(true));
    f.push(body("案件背景 Background"));
    f
}

/// The lists of a platform's front matter.
fn platform_lists() -> Vec<Field> {
    let who = "檢察署、廉政署、調查局、審計、工程會、專家學者、NGO、廠商……";
    let mut f = twin_list("participants", "參與機關團體 Participants", who).to_vec();
    let summary = "{{fields.stage}} {{fields.actual}}";
    let hint = "planned 與 actual 至少填一個";
    f.push(objects("milestones", "進度時程 Milestones", hint, summary, milestone()));
    // `links[].confidential_until` is rejected by lowering today, so it is not offered.
    f.push(objects("links", "相關連結 Links", "", "{{fields.title}}", link(false)));
    f.extend(twin_list("tags", "關鍵字 Tags", ""));
    f
}

fn milestone() -> Vec<Field> {
    let mut f = vec![select("stage", "階段 Stage", "須屬於本平臺案件類型的流程", stages()).req()];
    f.extend(twin(string, "title", "說明 Title", "例：主橋工程第1次招標"));
    f.push(date("planned", "預定日期 Planned", ""));
    f.push(date("actual", "實際日期 Actual", ""));
    f.extend(twin(string, "note", "備註 Note", "例：流標"));
    f.extend(visibility(false));
    f
}

fn link(in_platform: bool) -> Vec<Field> {
    let mut f = twin_req(string, "title", "名稱 Title", "").to_vec();
    f.push(string("url", "網址 URL", "https://、http:// 或 mailto: 開頭").req());
    f.extend(visibility(in_platform));
    f
}

/// `planning.md`, `progress.md`, `ethics.md`.
pub fn section(label: &str) -> Vec<Field> {
    let mut f = twin(string, "title", "標題 Title", "不填時使用預設標題").to_vec();
    f.extend(visibility(true));
    f.push(body(label));
    f
}

/// Front matter of a meeting file; attachments go to the platform's `files/`.
pub fn meeting(content_dir: &str, slug: &str) -> Vec<Field> {
    let mut f = twin_req(string, "title", "會議名稱 Title", "例：第4次定期聯繫會議").to_vec();
    f.push(select("kind", "會議類別 Kind", "", vocab!(MeetingKind)).req());
    f.push(date("date", "會議日期 Date", "").req());
    f.extend(twin(string, "location", "地點 Location", ""));
    f.extend(twin(string, "chair", "主席 Chair", "職稱即可，例：處長"));
    f.extend(twin(text, "summary", "摘要 Summary", ""));
    f.extend(twin_list("attendees", "與會機關團體 Attendees", ""));
    f.extend(twin_list("decisions", "決議 Decisions", ""));
    f.extend(meeting_tracking(content_dir, slug));
    f.extend(visibility(true));
    f.push(body("會議紀錄 Minutes"));
    f
}

/// A meeting's actions, action updates and attachments.
fn meeting_tracking(content_dir: &str, slug: &str) -> [Field; 3] {
    let unique = "本次新增；id 在本平臺所有會議中不可重複";
    [
        objects(
            "actions",
            "列管事項 Actions",
            unique,
            "{{fields.id}} {{fields.text}}",
            action(),
        ),
        objects(
            "action_updates",
            "後續辦理情形 Action updates",
            "先前會議列管事項的進度",
            "{{fields.id}} {{fields.status}}",
            update(),
        ),
        objects(
            "documents",
            "會議附件 Documents",
            "file 或 url 擇一",
            "{{fields.title}}",
            document(content_dir, slug),
        ),
    ]
}

fn action() -> Vec<Field> {
    let mut f = vec![string("id", "列管編號 Id", "例：A-2021-01").req()];
    f.extend(twin_req(text, "text", "列管事項 Text", ""));
    f.extend(twin(string, "owner", "辦理單位 Owner", ""));
    f.push(date("due", "預定完成日 Due", ""));
    f.push(select("status", "狀態 Status", "預設 open", vocab!(ActionStatus)));
    f.extend(twin(text, "note", "備註 Note", ""));
    f.extend(visibility(true));
    f
}

fn update() -> Vec<Field> {
    let mut f = vec![
        string("id", "列管編號 Id", "必須是本平臺某次會議 actions 的 id").req(),
        select("status", "狀態 Status", "", vocab!(ActionStatus)).req(),
    ];
    f.extend(twin(text, "note", "辦理情形 Note", ""));
    f.push(date("date", "更新日期 Date", "不填時為會議日期"));
    f.push(date("due", "新的預定完成日 New due date", "展延時填寫"));
    f.extend(visibility(true));
    f
}

/// One document (documents.yaml or a meeting's `documents`).
pub fn document(content_dir: &str, slug: &str) -> Vec<Field> {
    let upload = "上傳到本平臺的 files/ 資料夾；與網址擇一";
    let mut f = twin_req(string, "title", "文件名稱 Title", "").to_vec();
    f.push(date("date", "文件日期 Date", ""));
    f.push(select("kind", "類別 Kind", "預設 other", vocab!(DocKind)));
    f.push(platform_file("file", "檔案 File", upload, content_dir, slug));
    f.push(string("url", "網址 URL", "https:// 開頭；與檔案擇一"));
    f.extend(twin(text, "note", "說明 Note", ""));
    f.extend(visibility(true));
    f
}
