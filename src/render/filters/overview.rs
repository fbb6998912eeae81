//! The home page's overview charts as inline SVG (no JavaScript): amounts by supervising
//! ministry or city, and platforms established per year, from
//! [`crate::derive::overview::Overview`].
//!
//! Horizontal bars, one per row, each with its value written after it, so nothing is
//! told by colour or length alone; the page puts a table with the same figures beside
//! each chart. Like the other charts (see `charts.rs`) they come twice, a wide variant
//! (label column on the left) and a narrow one (label above its bar) for phones, and
//! style.css shows exactly one.

use minijinja::value::Value;
use minijinja::{Error, State};
use serde::Deserialize;
use std::fmt::Write as _;

use super::charts::{Ctx, TextV, clean_id, de, ems, esc, pct, wrap};
use crate::model::amount::{self, Amount};

#[derive(Debug, Deserialize)]
struct ParentV {
    parent: TextV,
    level: String,
    count: usize,
    total_ntd: u64,
}

#[derive(Debug, Deserialize)]
struct YearV {
    year: i32,
    count: usize,
}

/// One bar, or (with `value` None) a heading row between groups of bars.
struct HRow {
    label: String,
    value: Option<f64>,
    text: String,
}

/// Where the bars start in the wide variant (percent) and how long the longest is.
const WIDE_LABEL: f64 = 40.0;
const WIDE_BAR: f64 = 35.0;
/// In the narrow variant the label sits above the bar, which leaves room for its value.
const NARROW_BAR: f64 = 60.0;
const LINE: f64 = 18.0;
/// Labels up to this many ems (years) get a fixed column of `SHORT_PX` pixels.
const SHORT_EMS: f64 = 5.0;
const SHORT_PX: f64 = 64.0;

fn variant(id: &str, wide: bool, title: &str, desc: &str, rows: &[HRow]) -> String {
    let max = rows.iter().filter_map(|r| r.value).fold(0.0_f64, f64::max);
    let span = if max > 0.0 { max } else { 1.0 };
    // Short labels (years) sit left of their bar in both variants, in a fixed column.
    let short = rows.iter().all(|r| ems(&r.label) <= SHORT_EMS);
    let side = wide || short;
    let (x0, bar_max, label_ems) = match (short, side) {
        (true, _) => (0.0, NARROW_BAR, SHORT_EMS),
        (false, true) => (WIDE_LABEL, WIDE_BAR, 16.5),
        (false, false) => (0.0, NARROW_BAR, 21.0),
    };
    let shift = if short { SHORT_PX } else { 0.0 };
    let mut body = String::new();
    let mut y = 2.0;
    for r in rows {
        let lines = wrap(&r.label, label_ems, 3);
        let Some(v) = r.value else {
            y += LINE + 8.0;
            let _ = write!(body, r#"<text class="ov-group" x="0" y="{y}">{}</text>"#, esc(&r.label));
            y += 6.0;
            continue;
        };
        let _ = write!(body, r#"<g class="ov-row">"#);
        for (i, line) in lines.iter().enumerate() {
            let ly = y + LINE * (i as f64 + 1.0) - 4.0;
            let _ = write!(body, r#"<text class="ov-label" x="0" y="{ly}">{}</text>"#, esc(line));
        }
        // Wide: the bar beside the label's first line; narrow: below the label.
        let top = if side {
            y + 2.0
        } else {
            y + LINE * lines.len() as f64 + 2.0
        };
        let w = (v / span * bar_max).max(0.3);
        let _ = write!(
            body,
            r#"<g transform="translate({shift},0)"><rect class="ov-bar" x="{}%" y="{top}" width="{}%" height="14" rx="1.5"/><text class="ov-value" x="{}%" dx="6" y="{}">{}</text></g></g>"#,
            pct(x0),
            pct(w),
            pct(x0 + w),
            top + 11.5,
            esc(&r.text)
        );
        y = if side {
            y + LINE * lines.len() as f64 + 6.0
        } else {
            top + 14.0 + 10.0
        };
    }
    let height = (y + 4.0).ceil();
    let class = if wide {
        "ov-svg chart-wide"
    } else {
        "ov-svg chart-narrow"
    };
    let id = format!("{id}-{}", if wide { "wide" } else { "narrow" });
    format!(
        r#"<svg class="{class}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title {id}-desc" width="100%" height="{height}" focusable="false"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{body}</svg>"#,
        esc(title),
        esc(desc)
    )
}

fn both(id: &str, title: &str, desc: &str, rows: &[HRow]) -> Value {
    let id = clean_id(id);
    Value::from_safe_string(format!(
        "{}{}",
        variant(&id, true, title, desc, rows),
        variant(&id, false, title, desc, rows)
    ))
}

/// An amount the way the page writes it: 2,345.6 億元 / NT$234.56 billion.
fn money(cx: &Ctx, ntd: u64) -> String {
    let a = Amount {
        ntd,
        approximate: false,
    };
    if cx.en { amount::en(a) } else { amount::zh(a) }
}

/// `5 案` / `5 platforms`, `1 platform`.
fn cases(cx: &Ctx, n: usize) -> String {
    let key = if n == 1 { "count_cases_one" } else { "count_cases" };
    cx.tr(key, "{n} 案").replace("{n}", &amount::thousands(n as u64))
}

/// `{{ overview_amount_svg(derived.overview.by_parent, id, title) }}`
pub fn overview_amount_svg(state: &State, rows: Value, id: String, title: String) -> Result<Value, Error> {
    let cx = Ctx::new(state);
    let list: Vec<ParentV> = de(&rows, "overview_amount_svg")?;
    let mut out = Vec::new();
    let mut level = String::new();
    for g in &list {
        if g.level != level {
            level = g.level.clone();
            out.push(HRow {
                label: cx.tr(&format!("level_{level}"), &level),
                value: None,
                text: String::new(),
            });
        }
        out.push(HRow {
            label: format!(
                "{}{}{}{}",
                cx.text(&g.parent),
                cx.tr("paren_open", "（"),
                cases(&cx, g.count),
                cx.tr("paren_close", "）")
            ),
            value: Some(g.total_ntd as f64),
            text: money(&cx, g.total_ntd),
        });
    }
    let top = list.iter().max_by_key(|g| g.total_ntd);
    let total: u64 = list.iter().map(|g| g.total_ntd).sum();
    let desc = cx
        .tr(
            "ov_amount_desc",
            "{n} 個主管機關，合計 {total}；最多為{top}，{amount}。",
        )
        .replace("{n}", &list.len().to_string())
        .replace("{total}", &money(&cx, total))
        .replace("{top}", &top.map(|g| cx.text(&g.parent)).unwrap_or_default())
        .replace("{amount}", &top.map(|g| money(&cx, g.total_ntd)).unwrap_or_default());
    Ok(both(&id, &title, &desc, &out))
}

/// `{{ overview_year_svg(derived.overview.by_year, id, title) }}`
pub fn overview_year_svg(state: &State, rows: Value, id: String, title: String) -> Result<Value, Error> {
    let cx = Ctx::new(state);
    let list: Vec<YearV> = de(&rows, "overview_year_svg")?;
    let year = |y: i32| {
        cx.tr("year_format", "{year}")
            .replace("{roc}", &(y - 1911).to_string())
            .replace("{year}", &y.to_string())
    };
    let out: Vec<HRow> = list
        .iter()
        .map(|y| HRow {
            label: year(y.year),
            value: Some(y.count as f64),
            text: cases(&cx, y.count),
        })
        .collect();
    let peak = list.iter().max_by_key(|y| (y.count, -y.year));
    let desc = cx
        .tr("ov_year_desc", "{first}至{last}每年成立的平臺數；最多為{peak}，{n}。")
        .replace("{first}", &list.first().map(|y| year(y.year)).unwrap_or_default())
        .replace("{last}", &list.last().map(|y| year(y.year)).unwrap_or_default())
        .replace("{peak}", &peak.map(|y| year(y.year)).unwrap_or_default())
        .replace("{n}", &peak.map(|y| cases(&cx, y.count)).unwrap_or_default());
    Ok(both(&id, &title, &desc, &out))
}
