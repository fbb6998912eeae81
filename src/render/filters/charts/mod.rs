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

use crate::model::amount;
use crate::model::date;

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
pub(super) use crate::render::escape_html as esc;

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

mod bars;
mod timeline;

pub use bars::{evaluation_chartable, evaluation_svg, kpi_chart_svg};
pub use timeline::timeline_svg;

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
