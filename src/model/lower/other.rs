//! Lowering the files outside platforms: agencies, patterns, KPIs, free pages.

use std::collections::BTreeSet;

use crate::content::RawContent;
use crate::diagnostic::Diagnostics;
use crate::model::lower::LowerOptions;
use crate::model::lower::ctx::Visibility;
use crate::model::lower::platform::{body, ctx};
use crate::model::slug;
use crate::model::types::*;
use crate::model::vocab::*;

/// agencies.yaml → published agencies, and the set of every defined id (drafts too, so
/// references to them are not reported as unknown).
pub fn agencies(raw: &RawContent, opts: &LowerOptions, diags: &mut Diagnostics) -> (Vec<Agency>, BTreeSet<String>) {
    let mut ids = BTreeSet::new();
    let Some(doc) = &raw.agencies else {
        if !raw.platforms.is_empty() && !raw.agencies_failed {
            diags.push(crate::diagnostic::Diagnostic::error(
                &raw.root.join("agencies.yaml"),
                None,
                "找不到 agencies.yaml：平臺的 agency 欄位要對應到這裡列出的機關",
            ));
        }
        return (vec![], ids);
    };
    let mut cx = ctx(&doc.src, diags, opts, None);
    let mut out = Vec::new();
    for e in &doc.data {
        let (pos, v) = (cx.at(e), &e.value);
        let id = match &v.id {
            None => {
                cx.missing("id", "機關代碼", pos);
                None
            }
            Some(raw_id) => {
                let id = raw_id.value.trim().to_string();
                let p = cx.at(raw_id);
                if let Err(why) = slug::check(&id) {
                    cx.err(p, format!("機關代碼「{id}」不符規定：{why}"));
                    None
                } else if !ids.insert(id.clone()) {
                    cx.err(p, format!("機關代碼「{id}」重複：每個機關的 id 必須不同"));
                    None
                } else {
                    Some(id)
                }
            }
        };
        let name = cx.required_text("name", "機關名稱", &v.name, &v.name_en, pos);
        let level: Option<Level> = cx.required_code("level", "層級", &v.level, pos);
        let keep = cx.visibility(&v.draft, &v.publish_after, &v.confidential_until) == Visibility::Published;
        if let (Some(id), Some(name), Some(level), true) = (id, name, level, keep) {
            out.push(Agency {
                id,
                name,
                level,
                parent: cx.text(&v.parent, &v.parent_en),
                integrity_unit: cx.text(&v.integrity_unit, &v.integrity_unit_en),
            });
        }
    }
    (out, ids)
}

pub fn patterns(
    raw: &RawContent,
    agencies: &BTreeSet<String>,
    opts: &LowerOptions,
    diags: &mut Diagnostics,
) -> Vec<Pattern> {
    let mut out = Vec::new();
    for doc in &raw.patterns {
        let r = &doc.data;
        let mut cx = ctx(&doc.src, diags, opts, None);
        let start = doc.src.start();
        cx.front_matter_required("title");
        let title = cx.required_text("title", "態樣名稱", &r.title, &r.title_en, start);
        let agency = pattern_agency(&mut cx, &r.agency, agencies, start);
        let date = cx.date("date", &r.date);
        if cx.visibility(&r.draft, &r.publish_after, &r.confidential_until) == Visibility::Hidden {
            continue;
        }
        let Some(title) = title else { continue };
        out.push(Pattern {
            slug: doc.name.clone(),
            title,
            category: cx.text(&r.category, &r.category_en),
            agency,
            risk_factors: cx.list(&r.risk_factors, &r.risk_factors_en),
            measures: cx.list(&r.measures, &r.measures_en),
            date,
            summary: cx.text(&r.summary, &r.summary_en),
            body: body(&doc.src, doc.body_en.as_ref()),
        });
    }
    out
}

pub fn kpis(raw: &RawContent, opts: &LowerOptions, diags: &mut Diagnostics) -> Vec<KpiYear> {
    let mut out = Vec::new();
    for doc in &raw.kpis {
        let r = &doc.data;
        let mut cx = ctx(&doc.src, diags, opts, None);
        let start = doc.src.start();
        let org = cx.required_text("organization", "機關名稱", &r.organization, &r.organization_en, start);
        if r.year.is_none() {
            cx.missing("year", "年度（西元年）", start);
        }
        let year = kpi_year(&mut cx, &r.year);
        if let (Some(y), Some(raw_y)) = (year, &r.year)
            && y.to_string() != doc.name
        {
            let p = cx.at(raw_y);
            cx.err(
                p,
                format!(
                    "欄位「year」的值 {y} 與檔名 {n}.yaml 不一致：請改成 {n}，或把檔名改為 {y}.yaml",
                    n = doc.name
                ),
            );
        }
        if r.goals.is_empty() {
            cx.missing("goals", "策略目標清單", start);
        }
        let goals = r.goals.iter().filter_map(|g| goal(&mut cx, g)).collect();
        let hidden = cx.visibility(&r.draft, &r.publish_after, &r.confidential_until) == Visibility::Hidden;
        if let (Some(organization), Some(year), false) = (org, year, hidden) {
            out.push(KpiYear {
                organization,
                year: year as i32,
                goals,
                note: cx.text(&r.note, &r.note_en),
            });
        }
    }
    out
}

/// A pattern's `agency`: an id from agencies.yaml (a wrong id is an error), or — since a
/// 弊端態樣 is often abstracted to 某市政府工務局 — a name written out, which is not a slug
/// and is shown as written.
fn pattern_agency(
    cx: &mut super::Ctx,
    v: &Option<crate::content::Text>,
    agencies: &BTreeSet<String>,
    start: crate::diagnostic::Pos,
) -> Option<String> {
    let written = v.as_ref()?.value.trim();
    if written.is_empty() {
        return None;
    }
    if slug::check(written).is_err() {
        return Some(written.to_string());
    }
    super::platform::agency_ref(cx, v, agencies, start)
}

/// A KPI file's `year`: a Gregorian year (`2021`) or, as 政風 units write their 年度, a
/// ROC year (`110` → 2021). The file name stays Gregorian (`kpis/2021.yaml`).
fn kpi_year(cx: &mut super::Ctx, v: &Option<crate::content::Spanned<crate::content::Scalar>>) -> Option<i64> {
    let roc = v
        .as_ref()
        .and_then(|s| s.value.0.trim().parse::<i64>().ok())
        .filter(|y| (1..=200).contains(y));
    match roc {
        Some(y) => Some(y + 1911),
        None => cx.int("year", v, 1900..=2200),
    }
}

fn goal(cx: &mut super::Ctx, g: &crate::content::Entry<crate::content::GoalRaw>) -> Option<Goal> {
    let (pos, v) = (cx.at(g), &g.value);
    let title = cx.required_text("title", "目標名稱", &v.title, &v.title_en, pos);
    let weight = cx.number("weight", &v.weight);
    let mut indicators = Vec::new();
    for i in &v.indicators {
        let (ipos, iv) = (cx.at(i), &i.value);
        let ititle = cx.required_text("title", "指標名稱", &iv.title, &iv.title_en, ipos);
        let direction: Option<Direction> = cx.code("direction", &iv.direction);
        let ind = Indicator {
            title: ititle.unwrap_or_default(),
            weight: cx.number("weight", &iv.weight),
            formula: cx.text(&iv.formula, &iv.formula_en),
            unit: cx.text(&iv.unit, &iv.unit_en),
            target: cx.number("target", &iv.target),
            actual: cx.number("actual", &iv.actual),
            direction: direction.unwrap_or(Direction::HigherIsBetter),
            note: cx.text(&iv.note, &iv.note_en),
        };
        let keep = cx.visibility(&iv.draft, &iv.publish_after, &iv.confidential_until) == Visibility::Published;
        if keep && !ind.title.zh.is_empty() {
            indicators.push(ind);
        }
    }
    let keep = cx.visibility(&v.draft, &v.publish_after, &v.confidential_until) == Visibility::Published;
    let goal = Goal {
        id: cx.string(&v.id),
        title: title?,
        weight,
        indicators,
    };
    keep.then_some(goal)
}

pub fn pages(raw: &RawContent, opts: &LowerOptions, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    for doc in &raw.pages {
        let r = &doc.data;
        let mut cx = ctx(&doc.src, diags, opts, None);
        cx.front_matter_required("title");
        let title = cx.required_text("title", "頁面標題", &r.title, &r.title_en, doc.src.start());
        let order = cx.int("order", &r.order, -10_000..=10_000).unwrap_or(0);
        if cx.visibility(&r.draft, &r.publish_after, &r.confidential_until) == Visibility::Hidden {
            continue;
        }
        let Some(title) = title else { continue };
        out.push(Page {
            slug: doc.name.clone(),
            title,
            order,
            summary: cx.text(&r.summary, &r.summary_en),
            body: body(&doc.src, doc.body_en.as_ref()),
        });
    }
    out.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    out
}
