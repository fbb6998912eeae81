//! Charts as accessible inline SVG, drawn at build time (no JavaScript).
//!
//! Every chart is `<svg role="img">` named by its `<title>` and described by a `<desc>`
//! that states what it shows in words, and sits next to a table with the same data.
//! State is drawn by shape and text as well as colour (filled circle = done, ring =
//! planned, diamond = overdue, triangle = meeting; hollow bar = target/before, solid bar
//! = actual/after), and colours come from classes in style.css, so the markup carries no
//! `style` attribute and the pages work under a strict CSP and in dark mode.
//!
//! The charts have no `viewBox`: they are `width="100%"` with x positions in percent and
//! y positions in pixels, so their text keeps its size on a phone instead of shrinking
//! with the drawing.

use chrono::NaiveDate;
use minijinja::value::Value;
use minijinja::{Error, ErrorKind, State};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::fmt::Write as _;

use crate::model::amount;
use crate::model::date;
use crate::model::vocab::MeetingKind;

/// Template values back into typed structs (they were serialized from the model).
pub(super) fn de<T: DeserializeOwned>(v: &Value, what: &str) -> Result<T, Error> {
    T::deserialize(v.clone().into_deserializer())
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("{what}: {e}")))
}

pub(super) struct Ctx {
    pub(super) en: bool,
    i18n: Value,
}

impl Ctx {
    pub(super) fn new(state: &State) -> Ctx {
        let en = state
            .lookup("lang")
            .and_then(|v| v.as_str().map(|s| s == "en"))
            .unwrap_or(false);
        Ctx {
            en,
            i18n: state.lookup("i18n").unwrap_or_default(),
        }
    }

    /// An i18n string, or `fallback` when the theme lacks the key.
    pub(super) fn tr(&self, key: &str, fallback: &str) -> String {
        self.i18n
            .get_attr(key)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| fallback.to_string())
    }

    fn date(&self, d: NaiveDate) -> String {
        if self.en { date::iso(d) } else { date::roc_short(d) }
    }

    pub(super) fn text(&self, t: &TextV) -> String {
        match (&t.en, self.en) {
            (Some(en), true) => en.clone(),
            _ => t.zh.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct TextV {
    zh: String,
    en: Option<String>,
}

/// Escape for SVG text and attribute values.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An id prefix for `id` attributes: keeps `[A-Za-z0-9_-]`.
pub(super) fn clean_id(s: &str) -> String {
    let id: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if id.is_empty() { "chart".into() } else { id }
}

/// `12,345`, `5.9`, `-3`, `0.25`: no needless `.0`, thousands grouped.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let neg = x < 0.0;
    let a = x.abs();
    let s = if a.fract() == 0.0 && a < 1e15 {
        amount::thousands(a as u64)
    } else {
        let t = format!("{:.2}", a);
        let t = t.trim_end_matches('0').trim_end_matches('.').to_string();
        let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
        let int = amount::thousands(int.parse().unwrap_or(0));
        if frac.is_empty() { int } else { format!("{int}.{frac}") }
    };
    if neg { format!("−{s}") } else { s }
}

/// Rough width of a text in ems: CJK and full-width characters 1, others 0.55.
pub(super) fn ems(s: &str) -> f64 {
    s.chars().map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.55 }).sum()
}

/// Break a label into lines of at most `max` ems (at spaces for Latin text where
/// possible); at most `lines` lines, the last one ending in `…` when cut.
pub(super) fn wrap(s: &str, max: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        let mut next = cur.clone();
        next.push(c);
        if ems(&next) > max && !cur.is_empty() {
            // Prefer breaking Latin text at the last space.
            let (line, rest) = match cur.rfind(' ') {
                Some(i) if c != ' ' && cur.is_ascii() && i > 0 => (cur[..i].to_string(), cur[i + 1..].to_string()),
                _ => (cur.clone(), String::new()),
            };
            out.push(line.trim_end().to_string());
            cur = rest;
            if c != ' ' || !cur.is_empty() {
                cur.push(c);
            }
        } else {
            cur = next;
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim_end().to_string());
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            while ems(last) + 1.0 > max && last.pop().is_some() {}
            last.push('…');
        }
    }
    out
}

/// Percent with two decimals, for x positions.
pub(super) fn pct(x: f64) -> String {
    format!("{:.2}", x.clamp(-50.0, 150.0))
}

// ---------------------------------------------------------------------------------
// Progress timeline
// ---------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------
// Paired bar charts: KPI target vs actual, evaluation before vs after
// ---------------------------------------------------------------------------------

struct Bar {
    key: String,
    value: Option<f64>,
    text: String,
}

struct Row {
    label: String,
    /// (class, text) shown before the label, e.g. ("mark-met", "✓ 達成").
    prefix: Option<(&'static str, String)>,
    bars: [Bar; 2],
}

const KEY_W: f64 = 58.0;
/// The longest bar, in percent of the chart's width (room for the value after it).
const BAR_MAX: f64 = 58.0;
const LABEL_LINE: f64 = 19.0;
const BAR_LINE: f64 = 21.0;
const ROW_GAP: f64 = 16.0;
/// Labels wrap at this many ems: the narrow variant fits a phone, the wide one a
/// desktop column (style.css shows one of the two by the viewport's width).
const LABEL_EMS_NARROW: f64 = 21.0;
const LABEL_EMS_WIDE: f64 = 44.0;

/// The chart twice, for narrow and wide screens; style.css displays exactly one, so
/// assistive technology meets one image.
fn pair_chart(id: &str, title: &str, desc: &str, rows: &[Row]) -> String {
    format!(
        "{}{}",
        pair_chart_variant(
            &format!("{id}-wide"),
            "bars-svg chart-wide",
            LABEL_EMS_WIDE,
            title,
            desc,
            rows
        ),
        pair_chart_variant(
            &format!("{id}-narrow"),
            "bars-svg chart-narrow",
            LABEL_EMS_NARROW,
            title,
            desc,
            rows
        )
    )
}

fn pair_chart_variant(id: &str, class: &str, label_ems: f64, title: &str, desc: &str, rows: &[Row]) -> String {
    let mut body = String::new();
    let mut y = 4.0;
    for r in rows {
        let prefix_ems = r.prefix.as_ref().map_or(0.0, |(_, t)| ems(t) + 0.6);
        let mut lines = wrap(&r.label, label_ems, 3);
        // The first line shares its room with the prefix.
        if prefix_ems > 0.0 && lines.first().is_some_and(|l| ems(l) + prefix_ems > label_ems) {
            lines = wrap(&r.label, label_ems - prefix_ems, 1);
            let rest: String = r
                .label
                .chars()
                .skip(lines[0].trim_end_matches('…').chars().count())
                .collect();
            lines = vec![lines[0].trim_end_matches('…').to_string()];
            lines.extend(wrap(rest.trim_start(), label_ems, 2));
        }
        let _ = write!(body, r#"<g class="bars-row">"#);
        for (i, line) in lines.iter().enumerate() {
            y += LABEL_LINE;
            let _ = write!(body, r#"<text class="bars-label" x="0" y="{y}">"#);
            if i == 0
                && let Some((class, t)) = &r.prefix
            {
                let _ = write!(body, r#"<tspan class="{class}">{}</tspan> "#, esc(t));
            }
            let _ = write!(body, "{}</text>", esc(line));
        }
        y += 6.0;
        let vals: Vec<f64> = r.bars.iter().filter_map(|b| b.value).collect();
        let lo = vals.iter().copied().fold(0.0_f64, f64::min);
        let hi = vals.iter().copied().fold(0.0_f64, f64::max);
        let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
        let bx = |v: f64| (v - lo) / span * BAR_MAX;
        for (i, b) in r.bars.iter().enumerate() {
            let top = y + i as f64 * BAR_LINE;
            let class = if i == 0 { "bar-a" } else { "bar-b" };
            let _ = write!(
                body,
                r#"<text class="bars-key" x="0" y="{}">{}</text>"#,
                top + 12.0,
                esc(&b.key)
            );
            let _ = write!(body, r#"<g transform="translate({KEY_W},0)">"#);
            match b.value {
                Some(v) => {
                    let (a, z) = (bx(v.min(0.0)), bx(v.max(0.0)));
                    let w = (z - a).max(0.4);
                    let _ = write!(
                        body,
                        r#"<rect class="{class}" x="{}%" y="{}" width="{}%" height="13" rx="1.5"/>"#,
                        pct(a),
                        top + 1.0,
                        pct(w)
                    );
                    let _ = write!(
                        body,
                        r#"<text class="bars-value" x="{}%" dx="7" y="{}">{}</text>"#,
                        pct(a + w),
                        top + 11.5,
                        esc(&b.text)
                    );
                }
                None => {
                    let _ = write!(
                        body,
                        r#"<text class="bars-value bars-none" x="0" y="{}">{}</text>"#,
                        top + 11.5,
                        esc(&b.text)
                    );
                }
            }
            body.push_str("</g>");
        }
        if lo < 0.0 {
            let _ = write!(
                body,
                r#"<g transform="translate({KEY_W},0)"><line class="bars-zero" x1="{z}%" x2="{z}%" y1="{}" y2="{}"/></g>"#,
                y - 2.0,
                y + 2.0 * BAR_LINE,
                z = pct(bx(0.0))
            );
        }
        y += 2.0 * BAR_LINE + ROW_GAP;
        body.push_str("</g>");
    }
    let height = y.ceil();
    format!(
        r#"<svg class="{class}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title {id}-desc" width="100%" height="{height}" focusable="false"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{body}</svg>"#,
        esc(title),
        esc(desc)
    )
}

#[derive(Debug, Deserialize)]
struct GoalV {
    indicators: Vec<IndicatorV>,
}

#[derive(Debug, Deserialize)]
struct IndicatorV {
    title: TextV,
    unit: Option<TextV>,
    target: Option<f64>,
    actual: Option<f64>,
    direction: String,
}

#[derive(Debug, Deserialize)]
struct GoalResultV {
    met: Vec<Option<bool>>,
}

fn with_unit(v: f64, unit: &str) -> String {
    let n = fmt_num(v);
    if unit.is_empty() {
        n
    } else if unit.is_ascii() && unit != "%" {
        format!("{n} {unit}")
    } else {
        format!("{n}{unit}")
    }
}

/// `{{ kpi_chart_svg(goal, result, id, title) }}`: target against actual for each
/// indicator of a goal that has a target, each on its own scale (units differ), marked
/// met or missed.
pub fn kpi_chart_svg(
    state: &State,
    goal: Value,
    result: Value,
    id: Option<String>,
    title: Option<String>,
) -> Result<Value, Error> {
    let cx = Ctx::new(state);
    let g: GoalV = de(&goal, "kpi_chart_svg goal")?;
    let r: GoalResultV = de(&result, "kpi_chart_svg result")?;
    let id = clean_id(id.as_deref().unwrap_or("kpi-chart"));
    let (k_target, k_actual) = (cx.tr("chart_target", "目標"), cx.tr("chart_actual", "實際"));
    let none = cx.tr("kpi_unknown", "尚無資料");
    let (mut met, mut missed, mut unknown) = (0, 0, 0);
    let rows: Vec<Row> = g
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.target.is_some())
        .map(|(n, i)| {
            let unit = i.unit.as_ref().map(|u| cx.text(u)).unwrap_or_default();
            let res = r.met.get(n).copied().flatten();
            let prefix = match res {
                Some(true) => {
                    met += 1;
                    ("mark-met", format!("✓ {}", cx.tr("kpi_met", "達成")))
                }
                Some(false) => {
                    missed += 1;
                    ("mark-missed", format!("✗ {}", cx.tr("kpi_missed", "未達成")))
                }
                None => {
                    unknown += 1;
                    ("mark-unknown", format!("– {none}"))
                }
            };
            let mut label = cx.text(&i.title);
            if i.direction == "lower-is-better" {
                let _ = write!(label, "{}", cx.tr("chart_lower_better", "（越低越好）"));
            }
            Row {
                label,
                prefix: Some(prefix),
                bars: [
                    Bar {
                        key: k_target.clone(),
                        value: i.target,
                        text: i.target.map(|v| with_unit(v, &unit)).unwrap_or_else(|| none.clone()),
                    },
                    Bar {
                        key: k_actual.clone(),
                        value: i.actual,
                        text: i.actual.map(|v| with_unit(v, &unit)).unwrap_or_else(|| none.clone()),
                    },
                ],
            }
        })
        .collect();
    let title = title.unwrap_or_else(|| cx.tr("kpi_chart_title", "目標值與實際值"));
    let desc = cx
        .tr(
            "kpi_chart_desc",
            "{n} 項指標的目標值（空心長條）與實際值（實心長條），每項指標依其較大值各自縮放：達成 {met} 項、未達成 {missed} 項、尚無資料 {unknown} 項。數值見衡量指標表。",
        )
        .replace("{n}", &rows.len().to_string())
        .replace("{met}", &met.to_string())
        .replace("{missed}", &missed.to_string())
        .replace("{unknown}", &unknown.to_string());
    Ok(Value::from_safe_string(pair_chart(&id, &title, &desc, &rows)))
}

#[derive(Debug, Deserialize)]
struct EvaluationV {
    metric: TextV,
    before: Option<FigureV>,
    after: Option<FigureV>,
    unit: Option<TextV>,
}

#[derive(Debug, Deserialize)]
struct FigureV {
    value: Option<f64>,
}

/// The evaluation rows that can be charted: both figures are numbers.
fn numeric(e: &EvaluationV) -> Option<(f64, f64)> {
    Some((e.before.as_ref()?.value?, e.after.as_ref()?.value?))
}

/// `{{ evaluation_chartable(p.evaluation) }}`: how many evaluation rows have numeric
/// before and after figures (the chart is left out when none has).
pub fn evaluation_chartable(evaluation: Value) -> Result<usize, Error> {
    let list: Vec<EvaluationV> = de(&evaluation, "evaluation_chartable")?;
    Ok(list.iter().filter(|e| numeric(e).is_some()).count())
}

/// `{{ evaluation_svg(p.evaluation, id, title) }}`: before against after for each metric
/// whose figures are both numbers, each on its own scale.
pub fn evaluation_svg(
    state: &State,
    evaluation: Value,
    id: Option<String>,
    title: Option<String>,
) -> Result<Value, Error> {
    let cx = Ctx::new(state);
    let list: Vec<EvaluationV> = de(&evaluation, "evaluation_svg")?;
    let id = clean_id(id.as_deref().unwrap_or("evaluation-chart"));
    let (k_before, k_after) = (cx.tr("col_before", "成立前"), cx.tr("col_after", "成立後"));
    let rows: Vec<Row> = list
        .iter()
        .filter_map(|e| {
            let (b, a) = numeric(e)?;
            let unit = e.unit.as_ref().map(|u| cx.text(u)).unwrap_or_default();
            Some(Row {
                label: cx.text(&e.metric),
                prefix: None,
                bars: [
                    Bar {
                        key: k_before.clone(),
                        value: Some(b),
                        text: with_unit(b, &unit),
                    },
                    Bar {
                        key: k_after.clone(),
                        value: Some(a),
                        text: with_unit(a, &unit),
                    },
                ],
            })
        })
        .collect();
    let title = title.unwrap_or_else(|| cx.tr("evaluation_chart_title", "成立前後比較"));
    let desc = cx
        .tr(
            "evaluation_chart_desc",
            "{n} 項數值指標在平臺成立前（空心長條）與成立後（實心長條）的比較，每項指標依其較大值各自縮放。數值見效益評估表。",
        )
        .replace("{n}", &rows.len().to_string());
    Ok(Value::from_safe_string(pair_chart(&id, &title, &desc, &rows)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_needless_decimals_and_group_thousands() {
        assert_eq!(fmt_num(12345.0), "12,345");
        assert_eq!(fmt_num(5.9), "5.9");
        assert_eq!(fmt_num(0.25), "0.25");
        assert_eq!(fmt_num(-3.0), "−3");
        assert_eq!(fmt_num(1234.5), "1,234.5");
    }

    #[test]
    fn labels_wrap_by_width_and_are_cut_with_an_ellipsis() {
        let l = wrap(
            "辦理機密維護檢查與資訊安全稽核合格率辦理機密維護檢查與資訊安全稽核合格率",
            10.0,
            2,
        );
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].chars().count(), 10);
        assert!(l[1].ends_with('…'));
        let l = wrap("Petitions from environmental groups and fishermen", 21.0, 3);
        assert!(l.iter().all(|x| ems(x) <= 21.0), "{l:?}");
        assert_eq!(l.join(" "), "Petitions from environmental groups and fishermen");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(clean_id("x\" onload=\"y"), "xonloady");
    }
}
