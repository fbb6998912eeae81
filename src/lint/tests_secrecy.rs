//! Pre-award secrecy detectors: 底價 with an amount, and named evaluation committee
//! members — found before award, silent after award, and silent on the generic
//! mentions that fill real minutes and Q&A.

use super::*;

fn before() -> LintConfig {
    LintConfig {
        allow: vec![],
        before_award: true,
    }
}

fn found(text: &str) -> Vec<(Kind, String)> {
    scan_secrecy(text, &before())
        .into_iter()
        .map(|f| (f.kind, text[f.start..f.end].to_string()))
        .collect()
}

#[test]
fn base_price_with_an_amount_is_found_before_award_only() {
    let text = "本案底價為新臺幣 4 億 5,000 萬元，經機關首長核定。";
    assert_eq!(
        found(text),
        vec![(Kind::BasePrice, "底價為新臺幣 4 億 5,000 萬元".into())]
    );
    let f = &scan_secrecy(text, &before())[0];
    assert_eq!(f.suggestion.as_deref(), Some("底價為○○元"));
    assert!(f.message.contains("政府採購法第 34 條"), "{}", f.message);
    let after = LintConfig::default();
    assert!(scan_secrecy(text, &after).is_empty());
}

#[test]
fn amounts_in_many_spellings_near_the_base_price() {
    for (text, hit) in [
        ("底價 8.25億元", "底價 8.25億元"),
        ("核定底價NT$123,456,000", "底價NT$123,456,000"),
        ("底價訂為三千萬元", "底價訂為三千萬元"),
        ("以 6億3,630萬 為底價", "6億3,630萬 為底價"),
        ("底價：約 125 億", "底價：約 125 億"),
        (
            "經討論後，主席裁示本次重新招標之底價\n調整為 2,980 萬元。",
            "底價\n調整為 2,980 萬元",
        ),
    ] {
        assert_eq!(found(text), vec![(Kind::BasePrice, hit.into())], "{text}");
    }
}

#[test]
fn base_price_without_an_amount_or_far_from_one_is_not_flagged() {
    for text in [
        "第 8 次招標之底價如何訂定？決標後是否公開？",
        "本案底價依政府採購法第 46 條，參考歷次流標檢討結果、成本分析及市場行情，由機關首長核定；決標前依同法第 34 條保密。",
        "底價訂定資料專人保管、密封，限定接觸人員",
        "主橋工程多次流標，重新招標時底價或投標資訊外洩",
        "本案預算金額 5 億元，底價依規定保密。",
        "預算 12 億元；底價保密",
        "底價依規定保密，並於決標後公告。本案共流標 7 次，歷經 110 年 5 月 11 日等 3 次會議，工程經費另以專案報告說明，其中一項設備編列 3,000 萬元",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn evaluator_names_after_the_committee_word_are_found_and_masked() {
    let text = "本案評選委員：王大明（召集人）、李小華、張簡美玲，計 3 人。";
    let f = scan_secrecy(text, &before());
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, Kind::EvaluatorNames);
    assert_eq!(&text[f[0].start..f[0].end], "王大明（召集人）、李小華、張簡美玲");
    assert_eq!(f[0].suggestion.as_deref(), Some("王○明（召集人）、李○華、張簡○玲"));
    assert!(scan_secrecy(text, &LintConfig::default()).is_empty());
}

#[test]
fn evaluator_names_before_the_word_and_with_titles_are_found() {
    for (text, hit) in [
        ("王大明、陳美惠等評選委員已簽署迴避聲明書。", "王大明、陳美惠"),
        ("評審委員會由林志成委員擔任召集人", "林志成"),
        ("甄審委員為黃文雄教授、吳淑芬建築師。", "黃文雄教授、吳淑芬"),
        ("| 評選委員 | 劉建國、蔡宜君 |", "劉建國、蔡宜君"),
        ("評選委員會委員郭明德、謝佩珊出席。", "郭明德、謝佩珊"),
        ("甄選委員歐陽志遠。", "歐陽志遠"),
    ] {
        assert_eq!(found(text), vec![(Kind::EvaluatorNames, hit.into())], "{text}");
    }
}

#[test]
fn generic_mentions_of_the_committee_are_not_names() {
    for text in [
        "評選委員會依採購評選委員會組織準則組成。",
        "評選委員名單保密，委員 5 人。",
        "評選委員名單於甄選結果公告前依法保密。",
        "評選委員與申請人程序外接觸",
        "評選委員未遵循利益迴避",
        "甄選資訊或評選委員名單外洩",
        "公辦都市更新案之廉政風險集中於實施者甄選文件擬訂、甄選委員利益迴避與程序外接觸、投資人資格及財務能力審查等環節",
        "請勿私下接觸承辦人員或評選委員。",
        "評選委員遴聘階段新增「致委員的小叮嚀」。",
        "採用評選委員電話邀訪稿、迴避聲明書及程序外接觸紀錄表。",
        "感謝您擔任 C1/D1 土地開發案評選委員。提醒您：",
        "評選委員應迴避，評選委員共 7 人，外聘委員 4 人。",
        "王大明委員表示施工便道應改善。",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn example_secrecy_findings_are_byte_ranges_in_crlf_text() {
    let text = "# 會議紀錄\r\n\r\n評選委員：陳建志、林佳蓉\r\n\r\n底價 3,000 萬元\r\n";
    let f = scan_secrecy(text, &before());
    assert_eq!(f.len(), 2);
    assert_eq!(&text[f[0].start..f[0].end], "陳建志、林佳蓉");
    assert_eq!(&text[f[1].start..f[1].end], "底價 3,000 萬元");
    let md = "<!-- touming: allow base-price -->\r\n底價 3,000 萬元\r\n";
    assert!(lint_source(md, &before()).is_empty());
}
