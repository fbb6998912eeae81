//! Dates as agencies write them: ISO (`2021-05-11`) and ROC/民國 (`110-05-11`,
//! `110.05.11`, `110/05/11`, `1100511`), and how pages show them.
//!
//! Why this module exists: 政風 staff and project offices copy dates out of
//! official letters, minutes and spreadsheets, so one day arrives as `110-05-11`,
//! `110.05.11`, `1100511`, `民國110年5月11日` or with full-width digits
//! (`１１０／５／１１`). The content contract (CONTENT-MODEL.md, "Dates") promises
//! that all of these work and that an impossible date is an error a civil
//! servant can fix without asking a programmer. This is the one place that knows
//! those rules:
//!
//! - [`parse_date`] turns any accepted form into a [`NaiveDate`], or into a
//!   [`DateError`] whose Traditional Chinese message names the problem and the
//!   allowed forms;
//! - [`roc_long`], [`roc_short`] and [`roc_year`] render dates for zh-TW pages,
//!   [`iso`] for English pages.
//!
//! ROC year = Gregorian year − 1911, and there is no year 0: 1911 is 民國前1年,
//! written `民國前1年5月11日` (民國前N年 = 1912 − N).
//!
//! Parsing never panics: digit runs are length-checked before they become
//! numbers, and text is only ever split at ASCII boundaries found by `find`.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// ROC year + this = Gregorian year (for ROC years ≥ 1).
const ROC_OFFSET: i32 = 1911;
/// 民國前N年 is Gregorian year `PRE_ROC_BASE - N`.
const PRE_ROC_BASE: i32 = 1912;
/// The allowed forms, shown in every "cannot read this" message.
const HINT: &str = "請寫成 2021-05-11、110-05-11、110.05.11、110/05/11 或 1100511";
/// At most this many characters of the input are quoted back in a message.
const ECHO_LIMIT: usize = 40;
/// Separators allowed between year, month and day (after width folding).
const SEPARATORS: [char; 3] = ['-', '.', '/'];

/// A date that could not be read, with a message for the person who wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

/// Which calendar the year was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    /// No marker: 4 digits are Gregorian, 1–3 digits are ROC.
    Unmarked,
    /// `民國` / `中華民国`: the year is ROC.
    Roc,
    /// `民國前` / `前`: the year counts back from 1912.
    PreRoc,
}

/// The three digit runs of a date, exactly as written.
struct Written<'a> {
    era: Era,
    year: &'a str,
    month: &'a str,
    day: &'a str,
}

/// A resolved year: its Gregorian number and how messages name it.
struct Year {
    gregorian: i32,
    label: String,
}

/// Reads a date written in any of the forms of the content contract.
///
/// Accepted after trimming and folding full-width characters (`０-９／－．`):
/// `2021-05-11`, `2021/5/1`, `2021.05.11`, `20210511`, `110-05-11`,
/// `110.05.11`, `110/5/11`, `99-01-05`, `1100511`, `990105`, `110年5月11日`,
/// `民國110年5月11日`, `中華民國110年5月11日`, `民國前1年5月11日`, and the
/// pre-1912 short form `前1.05.11` that [`roc_short`] writes.
///
/// # Errors
///
/// A [`DateError`] when the text is empty, is none of these forms, or names a
/// day that does not exist (ROC year 0, month 13, `110-02-30`, …); the message
/// says which, in Traditional Chinese.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let shown = text.trim();
    if shown.is_empty() {
        return Err(DateError {
            message: format!("沒有填寫日期：{HINT}"),
        });
    }
    let folded = fold_width(shown);
    let written = split_written(folded.trim()).ok_or_else(|| unrecognized(shown))?;
    let year = resolve_year(&written, shown)?;
    let month = small_number(written.month, 2).ok_or_else(|| unrecognized(shown))?;
    let day = small_number(written.day, 2).ok_or_else(|| unrecognized(shown))?;
    build_date(&year, month, day, shown)
}

/// `110年5月11日`; before 1912 `民國前1年5月11日`.
#[must_use]
pub fn roc_long(d: NaiveDate) -> String {
    let year = roc_year(d);
    let (month, day) = (d.month(), d.day());
    if year > 0 {
        format!("{year}年{month}月{day}日")
    } else {
        format!("民國前{}年{month}月{day}日", year.unsigned_abs())
    }
}

/// `110.05.11` (month and day zero-padded, year as is); before 1912 `前1.05.11`.
#[must_use]
pub fn roc_short(d: NaiveDate) -> String {
    let year = roc_year(d);
    let (month, day) = (d.month(), d.day());
    if year > 0 {
        format!("{year}.{month:02}.{day:02}")
    } else {
        format!("前{}.{month:02}.{day:02}", year.unsigned_abs())
    }
}

/// The ROC year: 110 for 2021, −1 for 1911 (民國前1年), −2 for 1910. Never 0.
#[must_use]
pub fn roc_year(d: NaiveDate) -> i32 {
    // NaiveDate years lie within ±262,143, so neither subtraction can overflow.
    let year = d.year();
    if year >= PRE_ROC_BASE {
        year - ROC_OFFSET
    } else {
        year - PRE_ROC_BASE
    }
}

/// `2021-05-11`.
#[must_use]
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Folds full-width ASCII variants (`１`, `／`, `－`, `．`, …), the ideographic
/// space and common dash look-alikes to their plain ASCII forms.
fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
            _ => c,
        })
        .collect()
}

/// Splits folded text into era marker and year, month and day digit runs.
fn split_written(text: &str) -> Option<Written<'_>> {
    let (era, rest) = strip_era(text);
    let (year, month, day) = if rest.contains('年') {
        split_chinese(rest)?
    } else if rest.contains(SEPARATORS) {
        split_separated(rest)?
    } else {
        split_compact(rest)?
    };
    Some(Written { era, year, month, day })
}

/// Removes a leading `中華民國`, `民國`, `中華民國前`, `民國前` or `前`.
fn strip_era(text: &str) -> (Era, &str) {
    let rest = text
        .strip_prefix("中華民國")
        .or_else(|| text.strip_prefix("中華民国"))
        .or_else(|| text.strip_prefix("民國"))
        .or_else(|| text.strip_prefix("民国"));
    let marked = rest.is_some();
    let rest = rest.unwrap_or(text).trim_start();
    match rest.strip_prefix('前') {
        Some(after) => (Era::PreRoc, after.trim_start()),
        None if marked => (Era::Roc, rest),
        None => (Era::Unmarked, rest),
    }
}

/// `110年5月11日` (spaces between the parts allowed, final `日` optional).
fn split_chinese(text: &str) -> Option<(&str, &str, &str)> {
    let (year, rest) = digits_then(text, '年')?;
    let (month, rest) = digits_then(rest, '月')?;
    let (day, rest) = leading_digits(rest.trim_start());
    let rest = rest.trim();
    let tail_ok = rest.is_empty() || rest == "日";
    (tail_ok && !day.is_empty()).then_some((year, month, day))
}

/// A non-empty digit run followed by `mark`, with optional spaces around it.
fn digits_then(text: &str, mark: char) -> Option<(&str, &str)> {
    let (digits, rest) = leading_digits(text.trim_start());
    let rest = rest.trim_start().strip_prefix(mark)?;
    (!digits.is_empty()).then_some((digits, rest))
}

/// `110-05-11`, `110.05.11`, `110/5/11`: the same separator twice.
fn split_separated(text: &str) -> Option<(&str, &str, &str)> {
    let (year, rest) = leading_digits(text);
    let sep = rest.chars().next().filter(|c| SEPARATORS.contains(c))?;
    let (month, rest) = leading_digits(rest.strip_prefix(sep)?);
    let (day, rest) = leading_digits(rest.strip_prefix(sep)?);
    let complete = rest.is_empty() && !year.is_empty();
    (complete && !month.is_empty() && !day.is_empty()).then_some((year, month, day))
}

/// `990105` (YYMMDD, ROC), `1100511` (YYYMMDD, ROC), `20210511` (YYYYMMDD).
fn split_compact(text: &str) -> Option<(&str, &str, &str)> {
    if !matches!(text.len(), 6..=8) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // All bytes are ASCII digits, so every index is a character boundary.
    let (year, month_day) = text.split_at(text.len() - 4);
    let (month, day) = month_day.split_at(2);
    Some((year, month, day))
}

/// Splits off the leading ASCII digits (an ASCII boundary, so never mid-character).
fn leading_digits(text: &str) -> (&str, &str) {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    text.split_at(end)
}

/// A run of 1 to `max_len` ASCII digits as a number; `None` for anything else.
fn small_number(digits: &str, max_len: usize) -> Option<u32> {
    if digits.is_empty() || digits.len() > max_len {
        return None;
    }
    digits.bytes().try_fold(0u32, |acc, b| {
        let digit = char::from(b).to_digit(10)?;
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// Decides the Gregorian year from the digit count and era marker.
fn resolve_year(written: &Written<'_>, shown: &str) -> Result<Year, DateError> {
    let digits = written.year.len();
    let number = small_number(written.year, 4).ok_or_else(|| unrecognized(shown))?;
    let number = i32::try_from(number).map_err(|_| unrecognized(shown))?;
    match (written.era, digits) {
        (Era::Unmarked, 4) => gregorian_year(number, shown),
        (Era::Unmarked | Era::Roc, 1..=3) => roc_year_number(number, shown),
        (Era::PreRoc, 1..=3) => pre_roc_year(number, shown),
        _ => Err(unrecognized(shown)),
    }
}

fn gregorian_year(year: i32, shown: &str) -> Result<Year, DateError> {
    if year < 1 {
        return Err(impossible(shown, "西元年份須為 1 以上"));
    }
    let roc = match year.checked_sub(ROC_OFFSET) {
        Some(roc) if year >= PRE_ROC_BASE => format!("民國{roc}年"),
        _ => format!("民國前{}年", PRE_ROC_BASE.saturating_sub(year)),
    };
    Ok(Year {
        gregorian: year,
        label: format!("{year}年（{roc}）"),
    })
}

fn roc_year_number(year: i32, shown: &str) -> Result<Year, DateError> {
    if year < 1 {
        let reason = "民國沒有 0 年，民國年份須為 1 以上（1911 年以前請寫成「民國前1年5月11日」）";
        return Err(impossible(shown, reason));
    }
    let gregorian = year.checked_add(ROC_OFFSET).ok_or_else(|| unrecognized(shown))?;
    Ok(Year {
        gregorian,
        label: format!("{year}年（{gregorian}年）"),
    })
}

fn pre_roc_year(years_before: i32, shown: &str) -> Result<Year, DateError> {
    if years_before < 1 {
        let reason = "沒有民國前0年，民國前的年份須為 1 以上（民國前1年就是 1911 年）";
        return Err(impossible(shown, reason));
    }
    let gregorian = PRE_ROC_BASE
        .checked_sub(years_before)
        .ok_or_else(|| unrecognized(shown))?;
    let label = format!("民國前{years_before}年（{gregorian}年）");
    Ok(Year { gregorian, label })
}

/// Checks month and day against the calendar and builds the date.
fn build_date(year: &Year, month: u32, day: u32, shown: &str) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(impossible(shown, "月份須為 1 到 12"));
    }
    let days = days_in_month(year.gregorian, month);
    let label = &year.label;
    if day == 0 {
        let reason = format!("日須為 1 到 {days}（{label}{month}月有 {days} 天）");
        return Err(impossible(shown, &reason));
    }
    if day > days {
        return Err(impossible(shown, &format!("{label}{month}月只有 {days} 天")));
    }
    NaiveDate::from_ymd_opt(year.gregorian, month, day).ok_or_else(|| unrecognized(shown))
}

/// Days in a month of the (proleptic) Gregorian calendar; `month` is 1–12.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_leap_year(year: i32) -> bool {
    (year.rem_euclid(4) == 0 && year.rem_euclid(100) != 0) || year.rem_euclid(400) == 0
}

/// The input as quoted back in messages, cut to [`ECHO_LIMIT`] characters.
fn echo(shown: &str) -> String {
    let mut quoted: String = shown.chars().take(ECHO_LIMIT).collect();
    if shown.chars().nth(ECHO_LIMIT).is_some() {
        quoted.push('…');
    }
    quoted
}

fn unrecognized(shown: &str) -> DateError {
    DateError {
        message: format!("無法辨識的日期「{}」：{HINT}", echo(shown)),
    }
}

fn impossible(shown: &str, reason: &str) -> DateError {
    DateError {
        message: format!("日期 {} 不存在：{reason}", echo(shown)),
    }
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
