//! Unit and property tests for `model::date` (kept apart so that `date.rs`
//! stays short enough to read in one sitting).

use super::*;
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date is valid")
}

fn ok(text: &str) -> NaiveDate {
    match parse_date(text) {
        Ok(d) => d,
        Err(e) => panic!("{text:?} should parse, got: {e}"),
    }
}

fn err(text: &str) -> String {
    match parse_date(text) {
        Ok(d) => panic!("{text:?} should be rejected, got {d}"),
        Err(e) => e.message,
    }
}

fn assert_unrecognized(text: &str) {
    let message = err(text);
    assert!(message.starts_with("無法辨識的日期「"), "{text:?}: {message}");
    assert!(message.ends_with(HINT), "{text:?}: {message}");
}

#[test]
fn iso_forms() {
    assert_eq!(ok("2021-05-11"), ymd(2021, 5, 11));
    assert_eq!(ok("2021/05/11"), ymd(2021, 5, 11));
    assert_eq!(ok("2021.05.11"), ymd(2021, 5, 11));
    assert_eq!(ok("2021-5-1"), ymd(2021, 5, 1));
    assert_eq!(ok("1911-05-11"), ymd(1911, 5, 11));
}

#[test]
fn roc_separated_forms() {
    assert_eq!(ok("110-05-11"), ymd(2021, 5, 11));
    assert_eq!(ok("110.05.11"), ymd(2021, 5, 11));
    assert_eq!(ok("110/5/11"), ymd(2021, 5, 11));
    assert_eq!(ok("110/05/11"), ymd(2021, 5, 11));
    assert_eq!(ok("99-01-05"), ymd(2010, 1, 5));
    assert_eq!(ok("099-01-05"), ymd(2010, 1, 5));
    assert_eq!(ok("1-01-01"), ymd(1912, 1, 1));
    assert_eq!(ok("999-12-31"), ymd(2910, 12, 31));
}

#[test]
fn compact_forms() {
    assert_eq!(ok("1100511"), ymd(2021, 5, 11));
    assert_eq!(ok("0990105"), ymd(2010, 1, 5));
    assert_eq!(ok("990105"), ymd(2010, 1, 5));
    assert_eq!(ok("20210511"), ymd(2021, 5, 11));
    assert_eq!(ok("0010101"), ymd(1912, 1, 1));
}

#[test]
fn chinese_forms() {
    assert_eq!(ok("110年5月11日"), ymd(2021, 5, 11));
    assert_eq!(ok("民國110年5月11日"), ymd(2021, 5, 11));
    assert_eq!(ok("中華民國110年5月11日"), ymd(2021, 5, 11));
    assert_eq!(ok("中華民國 110 年 05 月 11 日"), ymd(2021, 5, 11));
    assert_eq!(ok("2021年5月11日"), ymd(2021, 5, 11));
    assert_eq!(ok("民國110.05.11"), ymd(2021, 5, 11));
}

#[test]
fn pre_roc_forms() {
    assert_eq!(ok("民國前1年5月11日"), ymd(1911, 5, 11));
    assert_eq!(ok("中華民國前1年5月11日"), ymd(1911, 5, 11));
    assert_eq!(ok("民國前10年1月1日"), ymd(1902, 1, 1));
    assert_eq!(ok("前1.05.11"), ymd(1911, 5, 11));
    assert_eq!(ok("前112-01-01"), ymd(1800, 1, 1));
}

#[test]
fn era_boundaries() {
    assert_eq!(ok("民國前1年12月31日"), ymd(1911, 12, 31));
    assert_eq!(ok("民國1年1月1日"), ymd(1912, 1, 1));
    assert_eq!(ok("1年1月1日"), ymd(1912, 1, 1));
}

#[test]
fn roc_year_zero_does_not_exist() {
    for text in ["0-05-11", "000-05-11", "00-05-11", "0000511", "000511", "0年5月11日"] {
        let message = err(text);
        assert!(message.starts_with(&format!("日期 {text} 不存在：")), "{message}");
        assert!(message.contains("民國沒有 0 年"), "{message}");
    }
    assert!(err("民國前0年5月11日").contains("沒有民國前0年"));
    assert!(err("0000-05-11").contains("西元年份須為 1 以上"));
}

#[test]
fn impossible_day_messages() {
    assert_eq!(err("110-02-30"), "日期 110-02-30 不存在：110年（2021年）2月只有 28 天");
    assert_eq!(err("110-13-01"), "日期 110-13-01 不存在：月份須為 1 到 12");
    assert_eq!(err("110-04-31"), "日期 110-04-31 不存在：110年（2021年）4月只有 30 天");
    assert_eq!(
        err("2021-02-30"),
        "日期 2021-02-30 不存在：2021年（民國110年）2月只有 28 天"
    );
    assert_eq!(err("1100230"), "日期 1100230 不存在：110年（2021年）2月只有 28 天");
    assert_eq!(err("110-01-32"), "日期 110-01-32 不存在：110年（2021年）1月只有 31 天");
}

#[test]
fn leap_days() {
    assert_eq!(ok("109-02-29"), ymd(2020, 2, 29));
    assert!(err("110-02-29").ends_with("2月只有 28 天"));
    assert_eq!(ok("89-02-29"), ymd(2000, 2, 29));
    assert_eq!(ok("2000-02-29"), ymd(2000, 2, 29));
    assert_eq!(
        err("民國前12年2月29日"),
        "日期 民國前12年2月29日 不存在：民國前12年（1900年）2月只有 28 天"
    );
    assert!(err("1900-02-29").contains("1900年（民國前12年）2月只有 28 天"));
    assert!(err("189-02-29").contains("189年（2100年）2月只有 28 天"));
    assert_eq!(ok("113-02-29"), ymd(2024, 2, 29));
}

#[test]
fn month_and_day_zero() {
    assert_eq!(err("110-00-11"), "日期 110-00-11 不存在：月份須為 1 到 12");
    assert_eq!(
        err("110-05-00"),
        "日期 110-05-00 不存在：日須為 1 到 31（110年（2021年）5月有 31 天）"
    );
    assert!(err("1100500").contains("日須為 1 到 31"));
    assert!(err("110年0月1日").contains("月份須為 1 到 12"));
}

#[test]
fn whitespace_is_trimmed() {
    assert_eq!(ok("  110-05-11\n"), ymd(2021, 5, 11));
    assert_eq!(ok("\t2021-05-11 "), ymd(2021, 5, 11));
    assert_eq!(ok("\u{3000}110.05.11\u{3000}"), ymd(2021, 5, 11));
    let message = err(" 110-02-30 ");
    assert!(message.starts_with("日期 110-02-30 不存在"), "{message}");
}

#[test]
fn full_width_is_folded() {
    assert_eq!(ok("１１０／５／１１"), ymd(2021, 5, 11));
    assert_eq!(ok("１１０－０５－１１"), ymd(2021, 5, 11));
    assert_eq!(ok("１１０．０５．１１"), ymd(2021, 5, 11));
    assert_eq!(ok("２０２１－０５－１１"), ymd(2021, 5, 11));
    assert_eq!(ok("１１００５１１"), ymd(2021, 5, 11));
    assert_eq!(ok("民國１１０年５月１１日"), ymd(2021, 5, 11));
}

#[test]
fn garbage_is_unrecognized() {
    for text in [
        "abc",
        "110-05",
        "110-05-11-01",
        "110-05/11",
        "110--05-11",
        "2021-05-11T00:00:00",
        "12345",
        "123456789",
        "民國2021年5月11日",
        "前2021-05-11",
        "20210-05-11",
        "110-005-11",
        "110年5月",
        "110年5月11日後",
        "-110-05-11",
        "今天",
        "🎉🎉🎉",
        "年月日",
        "民國前",
    ] {
        assert_unrecognized(text);
    }
}

#[test]
fn empty_input() {
    assert!(err("").starts_with("沒有填寫日期："));
    assert!(err("   ").ends_with(HINT));
}

#[test]
fn long_input_is_cut_in_the_message() {
    let long = "9".repeat(10_000);
    let message = err(&long);
    assert!(message.chars().count() < 200, "{message}");
    assert!(message.contains('…'));
    let long_chinese = "年".repeat(5_000);
    assert!(err(&long_chinese).contains('…'));
    assert_unrecognized(&format!("{}-05-11", "1".repeat(500)));
}

#[test]
fn error_displays_its_message() {
    let e = parse_date("110-13-01").expect_err("month 13");
    assert_eq!(e.to_string(), e.message);
    let _: &dyn std::error::Error = &e;
}

#[test]
fn formats() {
    let d = ymd(2021, 5, 11);
    assert_eq!(roc_long(d), "110年5月11日");
    assert_eq!(roc_short(d), "110.05.11");
    assert_eq!(roc_year(d), 110);
    assert_eq!(iso(d), "2021-05-11");
    assert_eq!(roc_short(ymd(2010, 1, 5)), "99.01.05");
    assert_eq!(roc_long(ymd(1912, 1, 1)), "1年1月1日");
    assert_eq!(roc_long(ymd(1911, 5, 11)), "民國前1年5月11日");
    assert_eq!(roc_long(ymd(1902, 5, 11)), "民國前10年5月11日");
    assert_eq!(roc_short(ymd(1911, 5, 11)), "前1.05.11");
    assert_eq!(iso(ymd(1800, 1, 1)), "1800-01-01");
}

#[test]
fn roc_year_skips_zero() {
    assert_eq!(roc_year(ymd(1912, 1, 1)), 1);
    assert_eq!(roc_year(ymd(1911, 12, 31)), -1);
    assert_eq!(roc_year(ymd(1910, 6, 1)), -2);
    assert_eq!(roc_year(NaiveDate::MIN), NaiveDate::MIN.year() - 1912);
    assert_eq!(roc_year(NaiveDate::MAX), NaiveDate::MAX.year() - 1911);
}

/// Any date from `first` to `last`, inclusive.
fn date_between(first: NaiveDate, last: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    (first.num_days_from_ce()..=last.num_days_from_ce())
        .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("in range"))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    date_between(ymd(1800, 1, 1), ymd(2200, 12, 31))
}

fn roc_era_date() -> impl Strategy<Value = NaiveDate> {
    date_between(ymd(1912, 1, 1), ymd(2200, 12, 31))
}

proptest! {
    #[test]
    fn iso_round_trips(d in any_date()) {
        prop_assert_eq!(parse_date(&iso(d)), Ok(d));
    }

    #[test]
    fn roc_long_round_trips(d in any_date()) {
        prop_assert_eq!(parse_date(&roc_long(d)), Ok(d));
    }

    #[test]
    fn roc_short_round_trips(d in any_date()) {
        prop_assert_eq!(parse_date(&roc_short(d)), Ok(d));
    }

    #[test]
    fn roc_dashed_round_trips(d in roc_era_date()) {
        let dashed = format!("{}-{:02}-{:02}", roc_year(d), d.month(), d.day());
        prop_assert_eq!(parse_date(&dashed), Ok(d));
        let compact = format!("{:03}{:02}{:02}", roc_year(d), d.month(), d.day());
        prop_assert_eq!(parse_date(&compact), Ok(d));
    }

    #[test]
    fn never_panics_on_any_text(text in ".*") {
        let _ = parse_date(&text);
    }

    #[test]
    fn never_panics_on_digits_and_separators(text in "[0-9０-９./\\-／－．年月日民國前 ]{0,24}") {
        let _ = parse_date(&text);
    }

    #[test]
    fn errors_always_have_a_chinese_message(text in "[0-9.\\-/]{1,12}") {
        if let Err(e) = parse_date(&text) {
            prop_assert!(e.message.contains("日期"));
        }
    }
}
