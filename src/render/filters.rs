//! Template filters: how dates, amounts, bilingual texts and codes look on a page.
//!
//! The language comes from the template's `lang` variable, so one template serves both
//! the zh-TW and the English site.

mod charts;
mod headings;
mod overview;

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, State};

use crate::model::amount::{self, Amount};
use crate::model::date;
use crate::model::vocab::*;

fn lang(state: &State) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "zh-TW".into())
}

fn parse_iso(v: &Value) -> Result<chrono::NaiveDate, Error> {
    let s = v
        .as_str()
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("not a date: {v}")))?;
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, format!("not a date: {s}: {e}")))
}

/// `{{ d | date }}`: 110年5月11日 (zh) or 2021-05-11 (en).
fn date_long(state: &State, v: Value) -> Result<String, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok(String::new());
    }
    let d = parse_iso(&v)?;
    Ok(if lang(state) == "en" {
        date::iso(d)
    } else {
        date::roc_long(d)
    })
}

/// `{{ d | date_short }}`: 110.05.11 (zh, for tables) or 2021-05-11 (en).
fn date_short(state: &State, v: Value) -> Result<String, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok(String::new());
    }
    let d = parse_iso(&v)?;
    Ok(if lang(state) == "en" {
        date::iso(d)
    } else {
        date::roc_short(d)
    })
}

/// `{{ p.amount | amount }}`: 約 125 億元 / about NT$12.5 billion.
fn amount_filter(state: &State, v: Value) -> Result<String, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok(String::new());
    }
    let ntd = v.get_attr("ntd")?.as_i64().unwrap_or(0) as u64;
    let approximate = v.get_attr("approximate")?.is_true();
    let a = Amount { ntd, approximate };
    Ok(if lang(state) == "en" {
        amount::en(a)
    } else {
        amount::zh(a)
    })
}

/// `{{ text | t }}`: the text in the page's language ({zh, en} objects), falling back
/// to Chinese. Plain strings pass through.
fn translate(state: &State, v: Value) -> Result<String, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok(String::new());
    }
    if let Some(s) = v.as_str() {
        return Ok(s.to_string());
    }
    let en = v.get_attr("en")?;
    if lang(state) == "en" && !en.is_none() && !en.is_undefined() {
        return Ok(en.to_string());
    }
    Ok(v.get_attr("zh")?.to_string())
}

/// `{{ code | label("case_type") }}`: the label of a code in the page's language.
fn label(state: &State, v: Value, vocab: &str) -> Result<String, Error> {
    let code = v.as_str().unwrap_or_default();
    let en = lang(state) == "en";
    macro_rules! pick {
        ($t:ty) => {
            <$t>::parse(code).map(|x| if en { x.en() } else { x.zh() })
        };
    }
    let found = match vocab {
        "case_type" => pick!(CaseType),
        "stage" => pick!(Stage),
        "status" => pick!(Status),
        "level" => pick!(Level),
        "meeting_kind" => pick!(MeetingKind),
        "action_status" => pick!(ActionStatus),
        "risk_status" => pick!(RiskStatus),
        "doc_kind" => pick!(DocKind),
        "direction" => pick!(Direction),
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("unknown vocabulary {vocab}"),
            ));
        }
    };
    Ok(found.unwrap_or(code).to_string())
}

/// `{{ ntd | money }}`: a plain NT$ integer (e.g. a sum) as 7,812.53 億元 / NT$781.25 billion.
fn money(state: &State, v: Value) -> String {
    let a = Amount {
        ntd: v.as_i64().unwrap_or(0).max(0) as u64,
        approximate: false,
    };
    if lang(state) == "en" {
        amount::en(a)
    } else {
        amount::zh(a)
    }
}

/// `{{ n | thousands }}`
fn thousands(v: Value) -> String {
    v.as_i64()
        .map(|n| amount::thousands(n.max(0) as u64))
        .unwrap_or_else(|| v.to_string())
}

/// `{{ bytes | filesize }}`: 1.2 MB
fn filesize(v: Value) -> String {
    let n = v.as_i64().unwrap_or(0) as f64;
    match n {
        n if n >= 1_048_576.0 => format!("{:.1} MB", n / 1_048_576.0),
        n if n >= 1024.0 => format!("{:.1} KB", n / 1024.0),
        n => format!("{n} bytes"),
    }
}

/// `{{ r.template | risk_template }}`: the name of a standard risk (標準風險) in the
/// page's language; the id itself when touming ships no such template.
fn risk_template(state: &State, v: Value) -> String {
    let id = v.as_str().unwrap_or_default();
    match crate::derive::risks::template(id) {
        Some(t) if lang(state) == "en" => t.en.to_string(),
        Some(t) => t.zh.to_string(),
        None => id.to_string(),
    }
}

/// `{{ x | num }}`: a number without a needless `.0`, thousands grouped (`—` for none).
fn num(v: Value) -> String {
    if v.is_none() || v.is_undefined() {
        return "—".into();
    }
    match f64::try_from(v.clone()) {
        Ok(x) => charts::fmt_num(x),
        Err(_) => v.to_string(),
    }
}

/// `license_notice(site.license|t, (site.owner or site.title)|t, site.title|t, now)`: the
/// licence's URL and the attribution statement its users must give, in the page's language
/// — the same statement every dataset carries ([`crate::export::license`]).
fn license_notice(state: &State, license: &str, owner: &str, title: &str, now: Value) -> Result<Value, Error> {
    let year = chrono::Datelike::year(&parse_iso(&now)?);
    let url = crate::export::license::known_url(&[license]);
    let head = format!("{owner} {year} {title}");
    let en = lang(state) == "en";
    let attribution = crate::export::license::statement(en, license, url.as_deref(), &head);
    let lines: Vec<String> = attribution.lines().map(str::to_string).collect();
    Ok(minijinja::context! { url => url, lines => lines })
}

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("date", date_long);
    env.add_filter("date_short", date_short);
    env.add_filter("amount", amount_filter);
    env.add_filter("t", translate);
    env.add_filter("label", label);
    env.add_filter("thousands", thousands);
    env.add_filter("money", money);
    env.add_filter("filesize", filesize);
    env.add_filter("risk_template", risk_template);
    env.add_filter("num", num);
    env.add_filter("urlpath", |p: &str| crate::export::links::encode_path(p));
    env.add_filter("shift_headings", |h: &str, by: i64| headings::shift_headings(h, by));
    env.add_function("license_notice", license_notice);
    env.add_function("timeline_svg", charts::timeline_svg);
    env.add_function("kpi_chart_svg", charts::kpi_chart_svg);
    env.add_function("evaluation_svg", charts::evaluation_svg);
    env.add_function("evaluation_chartable", charts::evaluation_chartable);
    env.add_function("overview_amount_svg", overview::overview_amount_svg);
    env.add_function("overview_year_svg", overview::overview_year_svg);
}
