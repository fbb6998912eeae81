//! Lowering meetings (with their tracked actions and updates) and half-year reports.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::{Doc, MeetingRaw, RawPlatform};
use crate::diagnostic::{Diagnostics, Pos};
use crate::model::lower::ctx::{Ctx, Secrecy, Visibility};
use crate::model::lower::platform::{body, ctx};
use crate::model::lower::{LowerOptions, lists};
use crate::model::period::HalfYear;
use crate::model::types::*;
use crate::model::vocab::*;

pub fn meetings(p: &RawPlatform, opts: &LowerOptions, secrecy: Secrecy, diags: &mut Diagnostics) -> Vec<Meeting> {
    // Every action id of the platform, published or not, with where it was defined:
    // ids are unique per platform and updates may only name known ids.
    let mut defined = ActionIds {
        complete: p.failed_meetings.is_empty() && !p.meetings.iter().any(actions_repaired),
        ..Default::default()
    };
    for doc in &p.meetings {
        let mut cx = ctx(&doc.src, diags, opts, Some(secrecy));
        for a in &doc.data.actions {
            let Some(id) = &a.value.id else { continue };
            let key = id.value.trim().to_string();
            if let Some(first) = defined.ids.get(&key) {
                let pos = cx.at(id);
                cx.err(
                    pos,
                    format!("列管事項編號「{key}」重複（已在 {first} 使用）：同一平臺內每個 id 必須不同"),
                );
            } else {
                let file = doc.src.path.file_name().map(|f| f.to_string_lossy().into_owned());
                defined
                    .ids
                    .insert(key, format!("meetings/{}", file.unwrap_or_default()));
            }
        }
    }
    let mut out: Vec<Meeting> = p
        .meetings
        .iter()
        .filter_map(|doc| meeting(doc, &p.files, &defined, opts, secrecy, diags))
        .collect();
    let published: BTreeSet<String> = out
        .iter()
        .flat_map(|m| m.actions.iter().map(|a| a.id.clone()))
        .collect();
    for m in &mut out {
        m.action_updates.retain(|u| published.contains(&u.id));
    }
    out.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    out
}

/// The action ids defined by the platform's meetings, with the file that defines each;
/// `complete` is false when a meeting file could not be parsed (its ids are unknown).
#[derive(Default)]
struct ActionIds {
    ids: BTreeMap<String, String>,
    complete: bool,
}

fn meeting(
    doc: &Doc<MeetingRaw>,
    files: &BTreeMap<String, crate::content::FileInfo>,
    defined: &ActionIds,
    opts: &LowerOptions,
    secrecy: Secrecy,
    diags: &mut Diagnostics,
) -> Option<Meeting> {
    let r = &doc.data;
    let mut cx = ctx(&doc.src, diags, opts, Some(secrecy));
    let start = doc.src.start();
    cx.front_matter_required("title、kind、date");
    let title = cx.required_text("title", "會議名稱", &r.title, &r.title_en, start);
    let kind: Option<MeetingKind> = cx.required_code("kind", "會議類別", &r.kind, start);
    let date = cx.required_date("date", "會議日期", &r.date, start);
    let actions = actions(&mut cx, r);
    let updates = updates(&mut cx, r, defined, date);
    let documents = r
        .documents
        .iter()
        .filter_map(|e| lists::document(&mut cx, e, files))
        .collect();
    let hidden = cx.visibility(&r.draft, &r.publish_after, &r.confidential_until) == Visibility::Hidden;
    let m = Meeting {
        name: doc.name.clone(),
        title: title?,
        kind: kind?,
        date: date?,
        location: cx.text(&r.location, &r.location_en),
        chair: cx.text(&r.chair, &r.chair_en),
        attendees: cx.list(&r.attendees, &r.attendees_en),
        decisions: cx.list(&r.decisions, &r.decisions_en),
        actions,
        action_updates: updates,
        documents,
        summary: cx.text(&r.summary, &r.summary_en),
        minutes: body(&doc.src, doc.body_en.as_ref()),
        updated: None,
    };
    (!hidden).then_some(m)
}

fn actions(cx: &mut Ctx, r: &MeetingRaw) -> Vec<Action> {
    let mut out = Vec::new();
    for e in &r.actions {
        let (pos, v) = (cx.at(e), &e.value);
        let id = cx.string(&v.id);
        if id.is_none() {
            cx.missing("id", "列管事項編號", pos);
        }
        let text = cx.required_text("text", "列管事項內容", &v.text, &v.text_en, pos);
        let due = cx.date("due", &v.due);
        let status: Option<ActionStatus> = cx.code("status", &v.status);
        let keep = cx.visibility(&v.draft, &v.publish_after, &v.confidential_until) == Visibility::Published;
        if let (Some(id), Some(text), true) = (id, text, keep) {
            out.push(Action {
                id,
                text,
                owner: cx.text(&v.owner, &v.owner_en),
                due,
                status: status.unwrap_or(ActionStatus::Open),
                note: cx.text(&v.note, &v.note_en),
            });
        }
    }
    out
}

fn updates(
    cx: &mut Ctx,
    r: &MeetingRaw,
    defined: &ActionIds,
    meeting_date: Option<chrono::NaiveDate>,
) -> Vec<ActionUpdate> {
    let mut out = Vec::new();
    for e in &r.action_updates {
        let (pos, v) = (cx.at(e), &e.value);
        let id = known_id(cx, &v.id, defined, pos);
        let status: Option<ActionStatus> = cx.required_code("status", "辦理狀態", &v.status, pos);
        let date = cx.date("date", &v.date).or(meeting_date);
        let due = cx.date("due", &v.due);
        let keep = cx.visibility(&v.draft, &v.publish_after, &v.confidential_until) == Visibility::Published;
        if let (Some(id), Some(status), Some(date), true) = (id, status, date, keep) {
            out.push(ActionUpdate {
                id,
                status,
                note: cx.text(&v.note, &v.note_en),
                date,
                due,
            });
        }
    }
    out
}

/// Whether reading the meeting on past a problem left out part of its `actions` (so
/// some action id it defines may be unknown).
fn actions_repaired(doc: &Doc<MeetingRaw>) -> bool {
    let lines: Vec<&str> = doc.src.text.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim_end() == "actions:") else {
        return false;
    };
    let top_level = |l: &&str| !l.is_empty() && !l.starts_with([' ', '-', '#']);
    let end = lines[start + 1..]
        .iter()
        .position(top_level)
        .map_or(lines.len(), |i| start + 1 + i);
    let (start, end) = (start as u32 + 1, end as u32);
    doc.src.repaired.iter().any(|r| *r.start() <= end && *r.end() >= start)
}

fn known_id(cx: &mut Ctx, v: &Option<crate::content::Text>, defined: &ActionIds, pos: Pos) -> Option<String> {
    let Some(id) = v else {
        cx.missing("id", "要更新的列管事項編號", pos);
        return None;
    };
    let key = id.value.trim();
    if defined.ids.contains_key(key) {
        return Some(key.to_string());
    }
    if !defined.complete {
        return None; // perhaps defined in the meeting that failed to parse (reported)
    }
    let p = cx.at(id);
    let ids: Vec<&str> = defined.ids.keys().map(String::as_str).collect();
    let hint = crate::content::messages::closest(key, &ids)
        .map(|c| format!("是不是要寫「{c}」？"))
        .unwrap_or_default();
    cx.err(
        p,
        format!("action_updates 的編號「{key}」找不到對應的列管事項：它必須是本平臺某次會議 actions 中的 id。{hint}"),
    );
    None
}

pub fn reports(p: &RawPlatform, opts: &LowerOptions, secrecy: Secrecy, diags: &mut Diagnostics) -> Vec<Report> {
    let mut out = Vec::new();
    for doc in &p.reports {
        let r = &doc.data;
        let mut cx = ctx(&doc.src, diags, opts, Some(secrecy));
        let Some(period) = HalfYear::parse(&doc.name) else {
            continue;
        };
        if let Some(fp) = &r.period
            && HalfYear::parse(&fp.value) != Some(period)
        {
            let pos = cx.at(fp);
            cx.err(
                pos,
                format!(
                    "period「{}」與檔名 {}.md 不一致：報告期間以檔名為準，請刪除此欄或改成 {}",
                    fp.value,
                    doc.name,
                    period.code()
                ),
            );
        }
        let submitted = cx.date("submitted", &r.submitted);
        if cx.visibility(&r.draft, &r.publish_after, &r.confidential_until) == Visibility::Hidden {
            continue;
        }
        out.push(Report {
            period,
            title: cx.text(&r.title, &r.title_en),
            submitted,
            body: body(&doc.src, doc.body_en.as_ref()),
        });
    }
    out.sort_by_key(|r| r.period);
    out
}
