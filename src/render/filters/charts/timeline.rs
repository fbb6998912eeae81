//! The progress timeline: the stage track of a platform's case type, milestones planned
//! against actual, overdue and slipped ones, meetings on the same axis and a "today" line.

use chrono::NaiveDate;
use minijinja::value::Value;
use minijinja::{Error, State};
use serde::Deserialize;
use std::fmt::Write as _;

use super::*;
use crate::model::vocab::MeetingKind;

#[derive(Debug, Deserialize)]
struct Timeline {
    stages: Vec<TlStage>,
    milestones: Vec<TlMilestone>,
    current_stage: Option<String>,
    overdue: usize,
    slipped: usize,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
    meetings: Vec<(NaiveDate, String)>,
}

#[derive(Debug, Deserialize)]
struct TlStage {
    stage: String,
    label_zh: String,
    label_en: String,
    state: String,
}

#[derive(Debug, Deserialize)]
struct TlMilestone {
    stage: String,
    title: Option<TextV>,
    planned: Option<NaiveDate>,
    actual: Option<NaiveDate>,
    overdue: bool,
    slip_days: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct MeetingV {
    name: String,
    title: TextV,
    kind: String,
    date: NaiveDate,
}

const AXIS_H: f64 = 28.0;
const ROW_H: f64 = 42.0;
const TODAY_H: f64 = 24.0;

/// `{{ timeline_svg(d.timeline, p.meetings, "timeline", title) }}`: the progress timeline
/// of a platform — one row per stage of its track with the milestones planned and actual,
/// a row of meetings, year ticks and a "today" line.
pub fn timeline_svg(
    state: &State,
    timeline: Value,
    meetings: Value,
    id: Option<String>,
    title: Option<String>,
) -> Result<Value, Error> {
    let cx = Ctx::new(state);
    let tl: Timeline = de(&timeline, "timeline_svg")?;
    let meetings: Vec<MeetingV> = if meetings.is_none() || meetings.is_undefined() {
        Vec::new()
    } else {
        de(&meetings, "timeline_svg meetings")?
    };
    let id = clean_id(id.as_deref().unwrap_or("timeline"));
    let title = title.unwrap_or_else(|| cx.tr("tl_title", "辦理進度時間軸"));

    // The time axis, padded so marks at the ends stay inside.
    let span = (tl.end - tl.start).num_days().max(1) as f64;
    let pad = (span * 0.03).max(20.0);
    let lo = tl.start - chrono::Duration::days(pad as i64);
    let hi = tl.end + chrono::Duration::days(pad as i64);
    let total = (hi - lo).num_days().max(1) as f64;
    let x = |d: NaiveDate| 2.5 + (d - lo).num_days() as f64 / total * 95.0;

    let rows = tl.stages.len() + 1;
    let rows_bottom = AXIS_H + rows as f64 * ROW_H;
    let height = rows_bottom + TODAY_H;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="tl-svg" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title {id}-desc" width="100%" height="{height}" focusable="false">"#
    );
    let _ = write!(s, r#"<title id="{id}-title">{}</title>"#, esc(&title));
    let _ = write!(
        s,
        r#"<desc id="{id}-desc">{}</desc>"#,
        esc(&timeline_desc(&cx, &tl, meetings.len().max(tl.meetings.len())))
    );

    // Row bands.
    for (i, st) in tl.stages.iter().enumerate() {
        let y = AXIS_H + i as f64 * ROW_H;
        let class = match st.state.as_str() {
            "current" => "tl-row tl-row-current",
            _ if i % 2 == 1 => "tl-row tl-row-alt",
            _ => "tl-row",
        };
        let _ = write!(
            s,
            r#"<rect class="{class}" x="0" y="{y}" width="100%" height="{ROW_H}"/>"#
        );
    }
    let my = AXIS_H + tl.stages.len() as f64 * ROW_H;
    let _ = write!(
        s,
        r#"<rect class="tl-row tl-row-meetings" x="0" y="{my}" width="100%" height="{ROW_H}"/>"#
    );

    // Year ticks: a grid line each year (or each step when the span is long), labels
    // every `step` years so that at most 9 show; every other label is `tl-year-alt`, which
    // style.css hides on narrow screens.
    let (y0, y1) = (chrono::Datelike::year(&lo) + 1, chrono::Datelike::year(&hi));
    let years = (y1 - y0 + 1).max(1);
    let step = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|st| years / st < 9)
        .unwrap_or(100);
    let grid_step = if years > 40 { step } else { 1 };
    let _ = write!(s, r#"<g class="tl-axis">"#);
    for yr in y0..=y1 {
        let Some(d) = NaiveDate::from_ymd_opt(yr, 1, 1) else {
            continue;
        };
        if yr % grid_step != 0 && yr % step != 0 {
            continue;
        }
        let xp = pct(x(d));
        let labelled = yr % step == 0;
        let class = if labelled { "tl-grid tl-grid-major" } else { "tl-grid" };
        let _ = write!(
            s,
            r#"<line class="{class}" x1="{xp}%" x2="{xp}%" y1="{}" y2="{rows_bottom}"/>"#,
            AXIS_H - 6.0
        );
        if labelled {
            let label = if cx.en {
                yr.to_string()
            } else {
                format!("{}年", yr - 1911)
            };
            let class = if (yr / step) % 2 == 1 {
                "tl-year tl-year-alt"
            } else {
                "tl-year"
            };
            let _ = write!(
                s,
                r#"<text class="{class}" x="{xp}%" y="16" text-anchor="middle">{}</text>"#,
                esc(&label)
            );
        }
    }
    let _ = write!(s, "</g>");

    // Stage rows: label, then the milestones of the stage.
    let current_word = cx.tr("tl_current_suffix", "（目前階段）");
    for (i, st) in tl.stages.iter().enumerate() {
        let y = AXIS_H + i as f64 * ROW_H;
        let label = if cx.en { &st.label_en } else { &st.label_zh };
        let (glyph, class) = match st.state.as_str() {
            "done" => ("✓", "tl-label tl-label-done"),
            "current" => ("▶", "tl-label tl-label-current"),
            _ => ("○", "tl-label tl-label-todo"),
        };
        let suffix = if st.state == "current" {
            current_word.as_str()
        } else {
            ""
        };
        let _ = write!(
            s,
            r#"<text class="{class}" x="6" y="{}"><tspan class="tl-glyph">{glyph}</tspan> {}{}</text>"#,
            y + 14.0,
            esc(label),
            esc(suffix)
        );
        let cy = y + 29.0;
        for m in tl.milestones.iter().filter(|m| m.stage == st.stage) {
            s.push_str(&milestone_mark(&cx, m, label, cy, &x));
        }
    }

    // Meetings row.
    let mlabel = cx.tr("tl_meetings", "會議");
    let _ = write!(
        s,
        r#"<text class="tl-label tl-label-meetings" x="6" y="{}"><tspan class="tl-glyph">▲</tspan> {}</text>"#,
        my + 14.0,
        esc(&mlabel)
    );
    let cy = my + 29.0;
    let list: Vec<(NaiveDate, String)> = if meetings.is_empty() {
        tl.meetings.iter().map(|(d, n)| (*d, n.clone())).collect()
    } else {
        meetings
            .iter()
            .map(|m| {
                let kind = MeetingKind::parse(&m.kind)
                    .map(|k| if cx.en { k.en() } else { k.zh() })
                    .unwrap_or("");
                let _ = &m.name;
                (m.date, format!("{}（{}）", cx.text(&m.title), kind))
            })
            .collect()
    };
    for (d, name) in &list {
        let tip = format!("{} {}", cx.date(*d), name);
        let _ = write!(
            s,
            r#"<g class="tl-meeting"><title>{}</title><svg class="tl-pt" x="{}%" y="{cy}" width="1" height="1" overflow="visible"><path d="M0,-6.5 L6.5,5 L-6.5,5 Z"/></svg></g>"#,
            esc(&tip),
            pct(x(*d))
        );
    }

    // Today.
    let tx = x(tl.today);
    let today_label = format!("{} {}", cx.tr("tl_today", "今天"), cx.date(tl.today));
    let anchor = if tx > 80.0 {
        "end"
    } else if tx < 20.0 {
        "start"
    } else {
        "middle"
    };
    let _ = write!(
        s,
        r#"<g class="tl-today"><line x1="{p}%" x2="{p}%" y1="{}" y2="{}" stroke-dasharray="5 4"/><text x="{p}%" y="{}" text-anchor="{anchor}">{}</text></g>"#,
        AXIS_H - 6.0,
        rows_bottom + 4.0,
        rows_bottom + 17.0,
        esc(&today_label),
        p = pct(tx)
    );
    s.push_str("</svg>");
    Ok(Value::from_safe_string(s))
}

/// One milestone: filled circle at the actual date, ring at the planned date (joined by
/// a line when both differ), diamond when overdue; slip and overdue also in words.
fn milestone_mark(cx: &Ctx, m: &TlMilestone, stage: &str, cy: f64, x: &dyn Fn(NaiveDate) -> f64) -> String {
    let mut s = String::new();
    let what = match &m.title {
        Some(t) => format!("{stage}：{}", cx.text(t)),
        None => stage.to_string(),
    };
    let mut tip = what;
    if let Some(p) = m.planned {
        let _ = write!(tip, "；{} {}", cx.tr("col_planned", "預定"), cx.date(p));
    }
    if let Some(a) = m.actual {
        let _ = write!(tip, "；{} {}", cx.tr("col_actual", "實際"), cx.date(a));
    }
    let slip = m.slip_days.filter(|d| *d > 0);
    if let Some(days) = slip {
        let _ = write!(
            tip,
            "；{}",
            cx.tr("slip_days", "延後 {n} 天").replace("{n}", &days.to_string())
        );
    }
    if m.overdue {
        let _ = write!(tip, "；{}", cx.tr("overdue", "逾期"));
    }
    let _ = write!(s, r#"<g class="tl-ms"><title>{}</title>"#, esc(&tip));
    match (m.planned, m.actual) {
        (Some(p), Some(a)) if p != a => {
            let class = if a > p { "tl-link tl-link-late" } else { "tl-link" };
            let _ = write!(
                s,
                r#"<line class="{class}" x1="{}%" x2="{}%" y1="{cy}" y2="{cy}"/>"#,
                pct(x(p)),
                pct(x(a))
            );
            let _ = write!(s, r#"<circle class="tl-planned" cx="{}%" cy="{cy}" r="5"/>"#, pct(x(p)));
            let _ = write!(s, r#"<circle class="tl-done" cx="{}%" cy="{cy}" r="6"/>"#, pct(x(a)));
        }
        (_, Some(a)) => {
            let _ = write!(s, r#"<circle class="tl-done" cx="{}%" cy="{cy}" r="6"/>"#, pct(x(a)));
        }
        (Some(p), None) if m.overdue => {
            let _ = write!(
                s,
                r#"<svg class="tl-pt tl-overdue" x="{}%" y="{cy}" width="1" height="1" overflow="visible"><path d="M0,-8 L8,0 L0,8 L-8,0 Z"/></svg>"#,
                pct(x(p))
            );
        }
        (Some(p), None) => {
            let _ = write!(
                s,
                r#"<circle class="tl-planned" cx="{}%" cy="{cy}" r="5.5"/>"#,
                pct(x(p))
            );
        }
        (None, None) => {}
    }
    // Words next to the mark: "+559 天" for a slip, "逾期" for overdue.
    let note = match (slip, m.overdue, m.actual, m.planned) {
        (Some(days), _, Some(a), _) => Some((
            cx.tr("slip_short", "+{n} 天").replace("{n}", &days.to_string()),
            a,
            "tl-note tl-note-slip",
        )),
        (_, true, _, Some(p)) => Some((cx.tr("overdue", "逾期"), p, "tl-note tl-note-overdue")),
        _ => None,
    };
    if let Some((text, d, class)) = note {
        let xp = x(d);
        // Right of the mark, or left of it in the right third so it stays inside a phone's width.
        let (anchor, dx) = if xp > 66.0 { ("end", -11) } else { ("start", 11) };
        let _ = write!(
            s,
            r#"<text class="{class}" x="{}%" dx="{dx}" y="{}" text-anchor="{anchor}">{}</text>"#,
            pct(xp),
            cy + 4.0,
            esc(&text)
        );
    }
    s.push_str("</g>");
    s
}

fn timeline_desc(cx: &Ctx, tl: &Timeline, meetings: usize) -> String {
    let total = tl.stages.len();
    let stage = tl.current_stage.as_ref().and_then(|c| {
        tl.stages.iter().position(|s| &s.stage == c).map(|i| {
            (
                i + 1,
                if cx.en {
                    &tl.stages[i].label_en
                } else {
                    &tl.stages[i].label_zh
                },
            )
        })
    });
    let first = match stage {
        Some((n, label)) => cx
            .tr("tl_desc_stage", "目前階段：{stage}（第 {n}／{total} 階段）。")
            .replace("{stage}", label)
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string()),
        None => cx.tr("tl_desc_no_stage", "尚無實際完成的階段。"),
    };
    let rest = cx
        .tr(
            "tl_desc",
            "里程碑 {milestones} 項，逾期 {overdue} 項，延後完成 {slipped} 項；會議 {meetings} 次。時間軸自 {start} 至 {end}，今天為 {today}。逐項資料見里程碑表。",
        )
        .replace("{milestones}", &tl.milestones.len().to_string())
        .replace("{overdue}", &tl.overdue.to_string())
        .replace("{slipped}", &tl.slipped.to_string())
        .replace("{meetings}", &meetings.to_string())
        .replace("{start}", &cx.date(tl.start))
        .replace("{end}", &cx.date(tl.end))
        .replace("{today}", &cx.date(tl.today));
    format!("{first}{rest}")
}
