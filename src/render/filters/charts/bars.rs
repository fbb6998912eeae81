//! Paired bar charts: KPI target against actual, evaluation figures before against after.

use minijinja::value::Value;
use minijinja::{Error, State};
use serde::Deserialize;
use std::fmt::Write as _;

use super::*;

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
