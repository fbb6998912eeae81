//! Checking values of one file: the shared vocabulary of lowering.
//!
//! A [`Ctx`] wraps one source file and the diagnostics of the run. Each method checks
//! one kind of value (required text, date, amount, code, count) and, when it is wrong,
//! records an error at the value's position naming the field and what is allowed, then
//! returns `None` so lowering can carry on and find the next problem.

use chrono::NaiveDate;

use crate::content::{Scalar, SourceFile, Spanned, Text as RawText};
use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::amount::{self, Amount};
use crate::model::date;
use crate::model::types::Text;
use crate::model::vocab::{Confidential, Stage, Track, Vocab};

/// Whether an entry is published, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Published,
    Hidden,
}

/// What secrecy can be lifted by: the platform's track and the furthest stage with an
/// `actual` date (index in the track), when lowering inside a platform.
#[derive(Debug, Clone, Copy)]
pub struct Secrecy {
    pub track: Track,
    pub reached: Option<usize>,
}

impl Secrecy {
    /// Has the platform reached the point that lifts `c`?
    pub fn lifted(&self, c: Confidential) -> bool {
        let stage = c.stage(self.track);
        let stages = self.track.stages();
        match (stages.iter().position(|s| *s == stage), self.reached) {
            (Some(need), Some(reached)) => reached >= need,
            _ => false,
        }
    }
}

pub struct Ctx<'a> {
    pub src: &'a SourceFile,
    pub diags: &'a mut Diagnostics,
    pub now: NaiveDate,
    pub drafts: bool,
    pub secrecy: Option<Secrecy>,
}

impl<'a> Ctx<'a> {
    pub fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(&self.src.path, Some(pos), msg));
    }

    /// A Markdown file whose fields are required but that has no front matter (often a
    /// blank line before the first `---`): said once, before the missing fields.
    pub fn front_matter_required(&mut self, fields: &str) {
        if self.src.has_front_matter() {
            return;
        }
        let name = self
            .src
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let d = Diagnostic::error(
            &self.src.path,
            Some(self.src.start()),
            format!("{name} 開頭缺少以「---」包住的前置資料（front matter）：至少要有 {fields}"),
        )
        .with_help("檔案第 1 行必須就是 ---（前面不能有空行），欄位寫完後再一行 ---，之後才是內文");
        self.diags.push(d);
    }

    pub fn warn(&mut self, pos: Pos, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(&self.src.path, Some(pos), msg));
    }

    pub fn at<T>(&self, s: &Spanned<T>) -> Pos {
        self.src.at(s)
    }

    /// A required field is missing: point at the entry (or file start).
    pub fn missing(&mut self, field: &str, what: &str, at: Pos) {
        // A field whose value was unreadable is reported as such, not again as missing.
        if !self.src.was_blanked(field, at) {
            self.err(at, format!("缺少必填欄位「{field}」（{what}）"));
        }
    }

    /// Optional bilingual text; empty strings count as absent.
    pub fn text(&self, zh: &Option<RawText>, en: &Option<RawText>) -> Option<Text> {
        let zh = zh
            .as_ref()
            .map(|s| s.value.trim().to_string())
            .filter(|s| !s.is_empty())?;
        let en = en
            .as_ref()
            .map(|s| s.value.trim().to_string())
            .filter(|s| !s.is_empty());
        Some(Text::new(zh, en))
    }

    pub fn required_text(
        &mut self,
        field: &str,
        what: &str,
        zh: &Option<RawText>,
        en: &Option<RawText>,
        at: Pos,
    ) -> Option<Text> {
        let t = self.text(zh, en);
        if t.is_none() {
            match zh {
                Some(s) => {
                    let p = self.at(s);
                    self.err(p, format!("欄位「{field}」（{what}）不可空白"));
                }
                None => self.missing(field, what, at),
            }
        }
        t
    }

    /// A plain string (ids, urls).
    pub fn string(&self, s: &Option<RawText>) -> Option<String> {
        s.as_ref().map(|s| s.value.trim().to_string()).filter(|s| !s.is_empty())
    }

    /// A list of texts paired with its `_en` twin by position.
    pub fn list(&self, zh: &[RawText], en: &[RawText]) -> Vec<Text> {
        zh.iter()
            .enumerate()
            .filter(|(_, s)| !s.value.trim().is_empty())
            .map(|(i, s)| Text::new(s.value.trim(), en.get(i).map(|e| e.value.trim().to_string())))
            .collect()
    }

    pub fn date(&mut self, field: &str, v: &Option<Spanned<Scalar>>) -> Option<NaiveDate> {
        let v = v.as_ref().filter(|v| !v.value.0.trim().is_empty())?; // `x: ""` is absent
        match date::parse_date(&v.value.0) {
            Ok(d) => Some(d),
            Err(e) => {
                let p = self.at(v);
                let e = self.as_written(e.to_string(), &v.value.0, p);
                self.err(p, format!("欄位「{field}」：{e}"));
                None
            }
        }
    }

    /// `message` with `value` shown as the author wrote it: an unquoted `0990231` reaches
    /// us as the number 990231, and the message must not drop the leading zero.
    fn as_written(&self, message: String, value: &str, p: Pos) -> String {
        let written = self.src.text.get(p.byte..p.byte + p.len).unwrap_or("");
        if written != value && written.trim_start_matches('0') == value {
            message.replacen(value, written, 1)
        } else {
            message
        }
    }

    pub fn required_date(
        &mut self,
        field: &str,
        what: &str,
        v: &Option<Spanned<Scalar>>,
        at: Pos,
    ) -> Option<NaiveDate> {
        match v {
            None => self.missing(field, what, at),
            Some(s) if s.value.0.trim().is_empty() => {
                let p = self.at(s);
                self.err(p, format!("欄位「{field}」（{what}）不可空白"));
            }
            Some(_) => {}
        }
        self.date(field, v)
    }

    pub fn amount(&mut self, field: &str, v: &Option<Spanned<Scalar>>) -> Option<Amount> {
        let v = v.as_ref().filter(|v| !v.value.0.trim().is_empty())?; // `x: ""` is absent
        match amount::parse_amount(&v.value.0) {
            Ok(a) => Some(a),
            Err(e) => {
                let p = self.at(v);
                self.err(p, format!("欄位「{field}」：{e}"));
                None
            }
        }
    }

    /// A code from a closed vocabulary.
    pub fn code<E: Vocab>(&mut self, field: &str, v: &Option<RawText>) -> Option<E> {
        let v = v.as_ref()?;
        let parsed = E::parse_code(&v.value);
        if parsed.is_none() {
            let p = self.at(v);
            let written = v.value.trim();
            self.err(
                p,
                format!(
                    "欄位「{field}」的值「{written}」不在可用範圍內；{}可用：{}",
                    did_you_mean(written, &E::codes()),
                    E::allowed_codes()
                ),
            );
        }
        parsed
    }

    /// A stage code of the platform's `track` (when known): an unknown code, or one of the
    /// other track, is an error listing this track's stages, and gives `None`.
    pub fn stage(&mut self, v: &Option<RawText>, track: Option<Track>) -> Option<Stage> {
        let raw = v.as_ref()?;
        let Some(track) = track else {
            return self.code("stage", v);
        };
        let stage = Stage::parse_code(&raw.value).or_else(|| Stage::from_label(&raw.value, track));
        if stage.is_some_and(|s| track.stages().contains(&s)) {
            return stage;
        }
        let allowed: Vec<String> = track
            .stages()
            .iter()
            .map(|s| format!("{}（{}）", s.code(), s.zh_on(track)))
            .collect();
        let name = if track == Track::Procurement {
            "採購"
        } else {
            "招商"
        };
        let allowed = format!("{name}流程可用：{}", allowed.join("、"));
        let msg = match stage {
            Some(s) => format!("階段「{}」不屬於這類案件的流程；{allowed}", s.code()),
            None => {
                let written = raw.value.trim();
                let codes: Vec<&str> = track.stages().iter().map(|s| s.code()).collect();
                let near = did_you_mean(written, &codes);
                format!("欄位「stage」的值「{written}」不在可用範圍內；{near}{allowed}")
            }
        };
        let p = self.at(raw);
        self.err(p, msg);
        None
    }

    pub fn required_code<E: Vocab>(&mut self, field: &str, what: &str, v: &Option<RawText>, at: Pos) -> Option<E> {
        if v.is_none() {
            self.missing(field, what, at);
        }
        self.code(field, v)
    }

    /// A whole number in a range (counts, severity, thresholds).
    pub fn int(
        &mut self,
        field: &str,
        v: &Option<Spanned<Scalar>>,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let v = v.as_ref()?;
        let n = v
            .value
            .0
            .trim()
            .replace(',', "")
            .parse::<i64>()
            .ok()
            .filter(|n| range.contains(n));
        if n.is_none() {
            let p = self.at(v);
            self.err(
                p,
                format!(
                    "欄位「{field}」須為 {} 到 {} 的整數，卻寫了「{}」",
                    range.start(),
                    range.end(),
                    v.value.0
                ),
            );
        }
        n
    }

    /// A decimal number (KPI targets, weights); `%` and `,` are allowed.
    pub fn number(&mut self, field: &str, v: &Option<Spanned<Scalar>>) -> Option<f64> {
        let v = v.as_ref()?;
        let n = parse_number(&v.value.0);
        if n.is_none() {
            let p = self.at(v);
            self.err(
                p,
                format!("欄位「{field}」須為數字（可含小數點或 %），卻寫了「{}」", v.value.0),
            );
        }
        n
    }

    /// Apply `draft`, `publish_after` and `confidential_until` of an entry.
    pub fn visibility(
        &mut self,
        draft: &Option<Spanned<bool>>,
        after: &Option<Spanned<Scalar>>,
        conf: &Option<RawText>,
    ) -> Visibility {
        let is_draft = draft.as_ref().is_some_and(|d| d.value);
        let mut visible = !is_draft || self.drafts;
        if let Some(d) = self.date("publish_after", after) {
            visible &= d <= self.now;
        } else if after.is_some() {
            visible = false; // an unreadable embargo date never publishes
        }
        if self.secrecy.is_none() && conf.is_some() {
            // The contract allows it on any entry; outside a platform folder no timeline can
            // lift it, so the entry is withheld for good (a warning says so).
            if self.code::<Confidential>("confidential_until", conf).is_some() {
                let p = conf.as_ref().map(|c| self.at(c)).unwrap_or_default();
                self.warn(p, "confidential_until 在平臺資料夾以外沒有里程碑可判斷何時公開，此項目一律不公開；要定期公開請改用 draft 或 publish_after");
            }
            visible = false;
        } else if let Some(c) = self.code::<Confidential>("confidential_until", conf) {
            visible &= self.secrecy.is_some_and(|s| s.lifted(c));
        } else if conf.is_some() {
            visible = false;
        }
        if visible {
            Visibility::Published
        } else {
            Visibility::Hidden
        }
    }
}

/// `12.5`, `12.5%`, `1,234` → number.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').replace(',', "");
    t.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The furthest stage of the track with an actual date.
pub fn reached(track: Track, stages_with_actual: impl Iterator<Item = Stage>) -> Option<usize> {
    let order = track.stages();
    stages_with_actual
        .filter_map(|s| order.iter().position(|o| *o == s))
        .max()
}

/// "是不是要寫「x」？" for a code close to one allowed (a typo), else nothing.
fn did_you_mean(written: &str, codes: &[&str]) -> String {
    crate::content::messages::closest_code(written, codes).map_or(String::new(), |c| format!("是不是要寫「{c}」？"))
}
