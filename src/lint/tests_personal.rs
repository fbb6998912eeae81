//! Personal-data detectors on realistic minutes text: each kind found, masked and
//! allowed, check digits right and wrong, token boundaries, and the look-alikes of
//! minutes (dates, document numbers, amounts, toll-free numbers) left alone.

use super::*;

/// Complete a 9-character ID prefix with its check digit, computed from the published
/// algorithm (written out here independently of the detector).
fn with_check(prefix: &str) -> String {
    let letters = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    let code = |c: char| 10 + letters.find(c).unwrap() as u32;
    let cs: Vec<char> = prefix.chars().collect();
    let first = code(cs[0]);
    let second = match cs[1] {
        d @ '0'..='9' => d.to_digit(10).unwrap(),
        l => code(l) % 10,
    };
    let mut sum = first / 10 + (first % 10) * 9 + second * 8;
    for (i, c) in cs[2..].iter().enumerate() {
        sum += c.to_digit(10).unwrap() * (7 - i as u32);
    }
    format!("{prefix}{}", (10 - sum % 10) % 10)
}

/// The same number with a wrong check digit.
fn with_wrong_check(prefix: &str) -> String {
    let good = with_check(prefix);
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    format!("{prefix}{}", (last + 1) % 10)
}

fn kinds(text: &str) -> Vec<(Kind, String)> {
    scan_personal(text, &LintConfig::default())
        .into_iter()
        .map(|f| (f.kind, text[f.start..f.end].to_string()))
        .collect()
}

#[test]
fn the_check_digit_algorithm_matches_known_examples() {
    assert_eq!(with_check("A12345678"), "A123456789");
    assert_eq!(ids::classify("A123456789"), Some(Kind::NationalId));
    assert_eq!(ids::classify("A123456788"), None);
}

#[test]
fn national_ids_with_a_valid_check_digit_are_found_and_masked() {
    for prefix in ["A12345678", "F22222222", "Z19876543", "I10000001", "O20202020"] {
        let id = with_check(prefix);
        let text = format!("陳情人王小明（身分證統一編號 {id}）於會中表示意見。");
        let found = scan_personal(&text, &LintConfig::default());
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].kind, Kind::NationalId);
        assert_eq!(&text[found[0].start..found[0].end], id);
        assert_eq!(found[0].suggestion.as_deref(), Some(&*format!("{}****", &id[..6])));
        assert!(found[0].message.contains("身分證統一編號"), "{}", found[0].message);
        assert!(!found[0].message.contains(&id), "the message must not repeat the ID");
    }
}

#[test]
fn ids_with_a_wrong_check_digit_or_inside_longer_tokens_are_not() {
    for prefix in ["A12345678", "F22222222", "Z19876543"] {
        let bad = with_wrong_check(prefix);
        assert!(kinds(&format!("編號 {bad} 之設備")).is_empty(), "{bad}");
        let good = with_check(prefix);
        assert!(kinds(&format!("料號X{good}")).is_empty());
        assert!(kinds(&format!("{good}7")).is_empty());
        assert!(kinds(&format!("sha256:{}{good}", "ab")).is_empty());
    }
    assert!(kinds("標案案號 A3-110-0007 第 4 次").is_empty());
}

#[test]
fn full_width_and_lower_case_ids_are_found() {
    let id = with_check("B22345678");
    let wide: String = id.chars().map(|c| char::from_u32(c as u32 + 0xfee0).unwrap()).collect();
    assert_eq!(kinds(&format!("身分證：{wide}")), vec![(Kind::NationalId, wide)]);
    let lower = id.to_ascii_lowercase();
    assert_eq!(kinds(&format!("id {lower}")), vec![(Kind::NationalId, lower)]);
}

#[test]
fn resident_certificates_new_and_old_style_are_found() {
    let new = with_check("A80000001");
    let new9 = with_check("C91234567");
    let old = with_check("AB1234567");
    let old_d = with_check("FD7654321");
    for id in [&new, &new9, &old, &old_d] {
        let text = format!("外籍移工（居留證號 {id}）");
        assert_eq!(kinds(&text), vec![(Kind::ResidentCert, id.clone())], "{text}");
    }
    assert!(kinds(&with_wrong_check("AB1234567")).is_empty());
    assert!(kinds(&with_check("AE1234567")).is_empty(), "second letter A–D only");
}

#[test]
fn mobile_numbers_in_common_spellings() {
    for m in [
        "0912-345-678",
        "0912345678",
        "0912 345 678",
        "0912-345678",
        "0912.345.678",
        "(0912)345-678",
        "+886-912-345-678",
        "+886 912 345 678",
        "+886912345678",
        "(+886)912345678",
        "０９１２－３４５－６７８",
    ] {
        let text = format!("承辦人手機：{m}，請洽。");
        let found = scan_personal(&text, &LintConfig::default());
        assert_eq!(found.len(), 1, "{m}");
        assert_eq!(found[0].kind, Kind::Mobile, "{m}");
        assert_eq!(&text[found[0].start..found[0].end], m);
        assert_eq!(found[0].suggestion.as_deref(), Some("0912-***-678"), "{m}");
    }
}

#[test]
fn landline_numbers_with_area_codes_parentheses_and_extensions() {
    let cases = [
        ("02-2720-8889", "02-2720-8889", "02-****-8889"),
        ("(02)2720-8889", "(02)2720-8889", "02-****-8889"),
        ("(02) 2720 8889", "(02) 2720 8889", "02-****-8889"),
        ("04-2345-6789 分機 123", "04-2345-6789 分機 123", "04-****-6789"),
        ("07-7351234#5", "07-7351234#5", "07-***-1234"),
        ("049-2345678 轉 21", "049-2345678 轉 21", "049-***-5678"),
        ("+886-2-2720-8889", "+886-2-2720-8889", "02-****-8889"),
        ("037-123456", "037-123456", "037-**-3456"),
    ];
    for (written, matched, masked) in cases {
        let text = format!("聯絡窗口：{written}。");
        let found = scan_personal(&text, &LintConfig::default());
        assert_eq!(found.len(), 1, "{written}: {found:?}");
        assert_eq!(found[0].kind, Kind::Landline);
        assert_eq!(&text[found[0].start..found[0].end], matched);
        assert_eq!(found[0].suggestion.as_deref(), Some(masked), "{written}");
    }
    assert_eq!(kinds("電話0227208889"), vec![(Kind::Landline, "0227208889".into())]);
}

#[test]
fn numbers_that_are_not_telephones_are_left_alone() {
    for text in [
        "交路字第0990012345號函",
        "府授政字第1100012345號",
        "免付費專線 0800-286-586",
        "110 年 5 月 11 日上午 09:30",
        "日期 2021-05-11、110.05.11、1100511",
        "決標金額 0.5 億元，流標 7 次",
        "帳號 0123-456-789-012",
        "案號 0227208889 之文件",
        "統計 02-2720-88891 筆",
        "第 3 案 0912-345-678-9",
    ] {
        assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
    }
}

#[test]
fn email_addresses_are_found_unless_allowed() {
    let text = "請寄 lee.xiaoming@example.com 或 service@example.gov.tw（專區信箱）。";
    let found = scan_personal(text, &LintConfig::default());
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].suggestion.as_deref(), Some("l***@example.com"));
    let cfg = LintConfig {
        allow: vec!["Service@Example.gov.tw".into()],
        before_award: false,
    };
    let found = scan_personal(text, &cfg);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].start..found[0].end], "lee.xiaoming@example.com");
    assert!(kinds("@mention、a@b、x@localhost、foo@bar.c1").is_empty());
    assert_eq!(kinds("ｌｅｅ＠ｇｍａｉｌ．ｃｏｍ").len(), 1);
}

#[test]
fn street_addresses_with_a_house_number_are_found_and_cut_after_the_road() {
    let cases = [
        ("臺北市中正區博愛路166號", "臺北市中正區博愛路○○號"),
        ("新北市板橋區文化路一段188巷3弄5號7樓之2", "新北市板橋區文化路○○號"),
        ("台中市西屯區臺灣大道三段99號", "台中市西屯區臺灣大道○○號"),
        ("彰化縣和美鎮彰美路五段160號", "彰化縣和美鎮彰美路○○號"),
        ("高雄市前鎮區成功二路25之1號", "高雄市前鎮區成功二路○○號"),
        ("新竹縣竹北市光明六路10號3F", "新竹縣竹北市光明六路○○號"),
        ("臺南市新市區中興街1號", "臺南市新市區中興街○○號"),
        ("嘉義市東區中山路1號", "嘉義市東區中山路○○號"),
        ("屏東縣萬丹鄉萬全村5鄰萬丹路二段12號", "屏東縣萬丹鄉萬全村5鄰萬丹路○○號"),
    ];
    for (addr, masked) in cases {
        let text = format!("陳情人住所：{addr}，電話另告。");
        let found = scan_personal(&text, &LintConfig::default());
        assert_eq!(found.len(), 1, "{addr}: {found:?}");
        assert_eq!(found[0].kind, Kind::HomeAddress);
        assert_eq!(&text[found[0].start..found[0].end], addr);
        assert_eq!(found[0].suggestion.as_deref(), Some(masked));
    }
}

#[test]
fn place_names_without_a_house_number_are_not_addresses() {
    for text in [
        "會議地點：臺北市中正區",
        "臺北市政府政風處第4次聯繫會議",
        "新北市淡水區與八里區間之淡江大橋",
        "臺中市政府辦理市地重劃第14期",
        "高雄市前鎮區成功二路一帶施工",
        "臺北市中正區博愛路○○號",
        "第4次定期聯繫會議，決議第3號",
    ] {
        assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
    }
}

#[test]
fn the_sites_contact_values_are_allowed_in_any_spelling() {
    let cfg = LintConfig {
        allow: vec![
            "service@example.gov.tw".into(),
            "02-2720-8889".into(),
            "臺北市中正區博愛路166號（法務部廉政署）".into(),
        ],
        before_award: false,
    };
    let text = "電話 (02)2720-8889、+886 2 2720 8889；台北市中正區博愛路166號；SERVICE@example.gov.tw";
    assert!(scan_personal(text, &cfg).is_empty(), "{:?}", scan_personal(text, &cfg));
    let other = "電話 02-2720-8888；臺北市中正區博愛路16號";
    assert_eq!(scan_personal(other, &cfg).len(), 2);
}

#[test]
fn findings_are_byte_ranges_of_the_text_across_crlf_lines() {
    let text = "第一行\r\n手機 0912-345-678\r\n信箱 a.b@example.com\r\n";
    let found = scan_personal(text, &LintConfig::default());
    assert_eq!(found.len(), 2);
    assert_eq!(&text[found[0].start..found[0].end], "0912-345-678");
    assert_eq!(&text[found[1].start..found[1].end], "a.b@example.com");
    assert!(scan_personal("", &LintConfig::default()).is_empty());
}

#[test]
fn acknowledgement_comments_cover_their_line_and_the_next() {
    let yaml = "# touming: allow home-address\nlocation: 臺北市中正區博愛路172號\nnote: 電話 02-2720-8889\n";
    let found = lint_source(yaml, &LintConfig::default());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, Kind::Landline);
    let md = "<!-- touming: allow personal-data -->\n聯絡人電話 0912-345-678\n\n另洽 0912-345-678\n";
    let found = lint_source(md, &LintConfig::default());
    assert_eq!(found.len(), 1);
    assert_eq!(
        &md[..found[0].start],
        "<!-- touming: allow personal-data -->\n聯絡人電話 0912-345-678\n\n另洽 "
    );
    let same_line = "電話 0912-345-678 # touming: allow mobile";
    assert!(lint_source(same_line, &LintConfig::default()).is_empty());
    assert_eq!(
        acknowledged("# touming: allow mobile, email"),
        vec![Kind::Mobile, Kind::Email]
    );
    assert_eq!(acknowledged("<!-- touming: allow secrecy -->").len(), 2);
    assert_eq!(acknowledged("# touming: allow all").len(), 8);
    assert!(acknowledged("touming: allow all").is_empty(), "must be a comment");
    assert!(acknowledged("# touming: allowall").is_empty());
    assert!(acknowledged("# touming: allow everything").is_empty());
    assert!(!is_acknowledged("a\nb", 99, Kind::Email));
}
