//! Unit and property tests for `model::amount` (kept apart so that
//! `amount.rs` stays short enough to read in one sitting).

use super::*;
use proptest::prelude::*;

fn ok(text: &str) -> Amount {
    match parse_amount(text) {
        Ok(a) => a,
        Err(e) => panic!("{text:?} should parse, got: {e}"),
    }
}

fn ntd(text: &str) -> u64 {
    ok(text).ntd
}

fn err(text: &str) -> String {
    match parse_amount(text) {
        Ok(a) => panic!("{text:?} should be rejected, got {a:?}"),
        Err(e) => e.message,
    }
}

fn exact(ntd: u64) -> Amount {
    Amount {
        ntd,
        approximate: false,
    }
}

fn about(ntd: u64) -> Amount {
    Amount { ntd, approximate: true }
}

/// The 32 reference platforms' amounts in 億, as the contract lists them.
const REFERENCE_YI: [&str; 32] = [
    "38", "199", "12", "120", "114", "52.6", "628.88", "997", "956.81", "125", "162", "8.25", "606", "140", "100",
    "100", "935", "71.6", "40", "270", "4.5", "699.73", "576", "6", "56", "76", "6.363", "103", "82", "54", "122.8",
    "350",
];

#[test]
fn plain_numbers() {
    assert_eq!(ok("12500000000"), exact(12_500_000_000));
    assert_eq!(ok("12,500,000,000"), exact(12_500_000_000));
    assert_eq!(ok("NT$12,500,000,000"), exact(12_500_000_000));
    assert_eq!(ok("NT＄12500000000"), exact(12_500_000_000));
    assert_eq!(ok("新臺幣12,500,000,000元"), exact(12_500_000_000));
    assert_eq!(ok("新台幣12500000000元"), exact(12_500_000_000));
    assert_eq!(ok("12345元"), exact(12_345));
    assert_eq!(ok("0"), exact(0));
    assert_eq!(ok("18446744073709551615"), exact(u64::MAX));
}

#[test]
fn chinese_units() {
    assert_eq!(ok("約125億"), about(12_500_000_000));
    assert_eq!(ok("8.25億"), exact(825_000_000));
    assert_eq!(ok("6億3,630萬"), exact(636_300_000));
    assert_eq!(ok("3,000萬元"), exact(30_000_000));
    assert_eq!(ok("0.5億"), exact(50_000_000));
    assert_eq!(ok("1兆2,000億"), exact(1_200_000_000_000));
    assert_eq!(ok("6億3,630萬5,000元"), exact(636_305_000));
    assert_eq!(ok("約 52.6 億元"), about(5_260_000_000));
    assert_eq!(ok("NT$ 8.25億"), exact(825_000_000));
    assert_eq!(ok("1.5兆"), exact(1_500_000_000_000));
    assert_eq!(ok("2万"), exact(20_000));
    assert_eq!(ok("3亿"), exact(300_000_000));
}

#[test]
fn decimals_are_exact() {
    assert_eq!(ntd("628.88億"), 62_888_000_000);
    assert_eq!(ntd("6.363億"), 636_300_000);
    assert_eq!(ntd("0.1億"), 10_000_000);
    assert_eq!(ntd("0.005億"), 500_000);
    assert_eq!(ntd("3,000萬"), 30_000_000);
    assert_eq!(ntd("956.81億"), 95_681_000_000);
    assert_eq!(ntd("699.73億"), 69_973_000_000);
}

#[test]
fn rounding_is_half_up_on_the_total() {
    assert_eq!(ntd("0.123456789億"), 12_345_679);
    assert_eq!(ntd("0.000000005億"), 1);
    assert_eq!(ntd("0.000000004999999億"), 0);
    assert_eq!(ntd("12.5"), 13);
    assert_eq!(ntd("12.4999"), 12);
    // 0.25 + 0.25 NT$ from two segments: exactly one half, rounds up once.
    assert_eq!(ntd("0.0000000025億0.25"), 1);
    assert_eq!(ntd("0.00000000249億0.25"), 0);
}

#[test]
fn approximate_markers() {
    for text in [
        "約125億",
        "大約125億",
        "約為125億",
        "125億餘",
        "125億餘元",
        "125億多",
        "125餘億",
        "新臺幣約125億元",
        "約NT$125億",
        "125億元左右",
        "約１２５億",
    ] {
        assert_eq!(ok(text), about(12_500_000_000), "{text}");
    }
    assert!(!ok("125億元整").approximate);
}

#[test]
fn full_width_is_folded() {
    assert_eq!(ok("１２，５００，０００，０００"), exact(12_500_000_000));
    assert_eq!(ok("８．２５億"), exact(825_000_000));
    assert_eq!(ok("ＮＴ＄８．２５億"), exact(825_000_000));
    assert_eq!(ok("\u{3000}6億3，630萬\u{3000}"), exact(636_300_000));
}

#[test]
fn reference_platforms_sum_to_7812_53_yi() {
    let amounts: Vec<Amount> = REFERENCE_YI.iter().map(|y| ok(&format!("約{y}億"))).collect();
    assert!(amounts.iter().all(|a| a.approximate));
    let sum: u64 = amounts.iter().map(|a| a.ntd).sum();
    assert_eq!(sum, 781_253_300_000);
    assert_eq!(yi_number(sum), "7,812.53");
    assert_eq!(zh(exact(sum)), "7,812.53 億元");
}

#[test]
fn yi_number_examples() {
    assert_eq!(yi_number(12_500_000_000), "125");
    assert_eq!(yi_number(825_000_000), "8.25");
    assert_eq!(yi_number(636_300_000), "6.36");
    assert_eq!(yi_number(781_253_300_000), "7,812.53");
    assert_eq!(yi_number(30_000_000), "0.3");
    assert_eq!(yi_number(0), "0");
    assert_eq!(yi_number(1_000), "0");
    assert_eq!(yi_number(500_000), "0.01");
    assert_eq!(yi_number(499_999), "0");
    assert_eq!(yi_number(99_999_500_000), "1,000");
    assert_eq!(yi_number(u64::MAX), "184,467,440,737.1");
}

#[test]
fn zh_examples() {
    assert_eq!(zh(about(12_500_000_000)), "約 125 億元");
    assert_eq!(zh(exact(825_000_000)), "8.25 億元");
    assert_eq!(zh(exact(0)), "0 億元");
}

#[test]
fn en_examples() {
    assert_eq!(en(exact(12_500_000_000)), "NT$12.5 billion");
    assert_eq!(en(about(12_500_000_000)), "about NT$12.5 billion");
    assert_eq!(en(exact(636_300_000)), "NT$636.3 million");
    assert_eq!(en(exact(12_345)), "NT$12,345");
    assert_eq!(en(exact(1_000_000_000)), "NT$1 billion");
    assert_eq!(en(exact(1_000_000)), "NT$1 million");
    assert_eq!(en(exact(999_999)), "NT$999,999");
    assert_eq!(en(exact(999_995_000)), "NT$1 billion");
    assert_eq!(en(exact(999_994_999)), "NT$999.99 million");
    assert_eq!(en(exact(781_253_300_000)), "NT$781.25 billion");
    assert_eq!(en(exact(62_888_000_000)), "NT$62.89 billion");
    assert_eq!(en(exact(0)), "NT$0");
    assert_eq!(en(exact(u64::MAX)), "NT$18,446,744,073.71 billion");
}

#[test]
fn thousands_examples() {
    assert_eq!(thousands(12_500_000_000), "12,500,000,000");
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1_000), "1,000");
    assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn negative_is_rejected() {
    for text in ["-5", "-5億", "NT$-100", "約-3萬", "－5億", "負5億"] {
        assert!(err(text).contains("不可為負數"), "{text}");
    }
}

#[test]
fn empty_is_rejected() {
    assert!(err("").starts_with("沒有填寫金額："));
    assert!(err("  ").ends_with(HINT));
    for text in ["約", "NT$", "元", "億", "約億元"] {
        assert!(err(text).starts_with("無法辨識的金額"), "{text}");
    }
}

#[test]
fn units_out_of_order() {
    assert_eq!(
        err("3萬2億"),
        "金額「3萬2億」的單位順序不對：「億」要寫在「萬」前面，兆、億、萬須由大到小，例如 1兆2,000億、6億3,630萬"
    );
    assert!(err("1億2兆").contains("「兆」要寫在「億」前面"));
}

#[test]
fn duplicate_units() {
    assert!(err("2億3億").contains("單位「億」重複了"));
    assert!(err("6億3,630萬5,000萬").contains("單位「萬」重複了"));
}

#[test]
fn misplaced_commas() {
    for text in [
        "1,00億",
        "1234,567",
        ",100",
        "1,0000",
        "12,500,00,000",
        "3,000,萬",
        "1.2,5億",
    ] {
        assert!(err(text).contains("逗號位置不對"), "{text}");
    }
}

#[test]
fn too_large() {
    for text in [
        "18446744073709551616",
        "1845000000000億",
        "20000000兆",
        "99999999999999999999999999999999999999999999",
    ] {
        assert!(err(text).contains("太大"), "{text}");
    }
    let message = err(&"9".repeat(10_000));
    assert!(message.contains("太大") && message.contains('…'), "{message}");
    assert!(message.chars().count() < 200, "{message}");
}

#[test]
fn garbage_is_unrecognized() {
    let long = "甲".repeat(500);
    for text in [
        "abc",
        "12a",
        "1e9",
        "12.5.3億",
        ".5億",
        "5.億",
        "125億元整元",
        "5000 3萬",
        "3萬億",
        "百萬",
        "🎉",
        "約125億美元",
        long.as_str(),
    ] {
        let message = err(text);
        assert!(message.starts_with("無法辨識的金額「"), "{text}: {message}");
        assert!(message.ends_with(HINT), "{text}: {message}");
        assert!(message.chars().count() < 200, "{text}: {message}");
    }
}

#[test]
fn error_displays_its_message() {
    let e = parse_amount("abc").expect_err("letters");
    assert_eq!(e.to_string(), e.message);
    let _: &dyn std::error::Error = &e;
}

#[test]
fn amount_serializes_as_a_struct() {
    let json = serde_json::to_string(&about(5)).expect("serializes");
    assert_eq!(json, r#"{"ntd":5,"approximate":true}"#);
}

proptest! {
    #[test]
    fn plain_numbers_round_trip(n in 0u64..10_000_000_000_000_000) {
        prop_assert_eq!(parse_amount(&n.to_string()), Ok(exact(n)));
        prop_assert_eq!(parse_amount(&thousands(n)), Ok(exact(n)));
    }

    #[test]
    fn whole_yi_are_exact(k in 0u64..10_000_000) {
        prop_assert_eq!(parse_amount(&format!("{k}億")), Ok(exact(k * 100_000_000)));
    }

    #[test]
    fn yi_with_two_decimals_round_trip(hundredths in 0u64..100_000_000) {
        let text = format!("約{}.{:02}億", hundredths / 100, hundredths % 100);
        let amount = parse_amount(&text);
        prop_assert_eq!(amount, Ok(about(hundredths * 1_000_000)));
    }

    #[test]
    fn yi_and_wan_combine(yi in 0u64..100_000, wan in 0u64..10_000, rest in 0u64..10_000) {
        let text = format!("{yi}億{}萬{}元", thousands(wan), thousands(rest));
        let expected = yi * 100_000_000 + wan * 10_000 + rest;
        prop_assert_eq!(parse_amount(&text), Ok(exact(expected)));
    }

    #[test]
    fn never_panics_on_any_text(text in ".*") {
        let _ = parse_amount(&text);
    }

    #[test]
    fn never_panics_on_amount_like_text(text in "[0-9０-９,，.．兆億萬元約餘多 NT$-]{0,30}") {
        let _ = parse_amount(&text);
    }

    #[test]
    fn displays_never_panic(n in any::<u64>(), approximate in any::<bool>()) {
        let a = Amount { ntd: n, approximate };
        prop_assert!(zh(a).ends_with("億元"));
        prop_assert!(en(a).contains("NT$"));
        prop_assert_eq!(thousands(n).replace(',', ""), n.to_string());
    }
}
