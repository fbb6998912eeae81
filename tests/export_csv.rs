//! CSV datasets under `/data/`: UTF-8 with a BOM, RFC 4180 (CRLF, quotes doubled), one
//! header row of stable snake_case names, and a licence file beside them.

mod support;

use std::collections::BTreeMap;

use support::exports;
use touming::export::tables;

/// Header and rows of a CSV file, read back with the `csv` crate.
fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("UTF-8 BOM");
    let mut r = csv::Reader::from_reader(body);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn a_field_with_comma_quote_and_newline_round_trips_through_the_csv_crate() {
    let tricky = "招標疑義, \"流標\" 7 次\r\n第二行\n第三行";
    let rows = vec![vec![tricky.to_string(), "plain".to_string()]];
    let bytes = tables::to_csv(&["text", "other"], &rows);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("text,other\r\n\""), "{text}");
    assert!(text.contains("\"\"流標\"\""), "quotes doubled: {text}");
    assert!(text.ends_with(",plain\r\n"));
    let (header, back) = read(&bytes);
    assert_eq!(header, ["text", "other"]);
    assert_eq!(back, rows);
}

#[test]
fn every_dataset_has_a_bom_crlf_lines_and_a_snake_case_header() {
    let files = exports("content");
    let mut headers = BTreeMap::new();
    for name in tables::NAMES {
        let bytes = &files[&format!("data/{name}.csv")];
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: BOM");
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(text.ends_with("\r\n"), "{name}");
        assert_eq!(
            text.matches('\n').count(),
            text.matches("\r\n").count() + embedded_newlines(bytes),
            "{name}"
        );
        let (header, rows) = read(bytes);
        assert!(!rows.is_empty(), "{name} is empty");
        for h in &header {
            assert!(h.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}: {h}");
        }
        assert!(rows.iter().all(|r| r.len() == header.len()), "{name}: ragged rows");
        headers.insert(name.to_string(), header.join(","));
    }
    insta::assert_yaml_snapshot!("csv_headers", headers);
}

/// Line breaks inside quoted fields (written as the content has them).
fn embedded_newlines(bytes: &[u8]) -> usize {
    let (_, rows) = read(bytes);
    rows.iter()
        .flatten()
        .map(|f| f.matches('\n').count() - f.matches("\r\n").count())
        .sum()
}

#[test]
fn registry_csv_has_one_row_per_platform_with_iso_dates_and_integer_amounts() {
    let files = exports("tests/fixtures/valid/content");
    let (header, rows) = read(&files["data/platforms.csv"]);
    assert_eq!(rows.len(), 2);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let danjiang = rows.iter().find(|r| r[col("slug")] == "danjiang-bridge").unwrap();
    assert_eq!(danjiang[col("amount_ntd")], "12500000000");
    assert_eq!(danjiang[col("amount_approximate")], "true");
    assert_eq!(danjiang[col("established")], "2019-05-10");
    assert_eq!(
        danjiang[col("url")],
        "https://example.gov.tw/zone/platforms/danjiang-bridge/"
    );
    let (qa_header, qa) = read(&files["data/qa.csv"]);
    assert_eq!(qa.len(), 3, "the embargoed Q&A is not exported");
    assert_eq!(qa_header[0], "platform");
}

#[test]
fn licence_file_sits_beside_the_datasets() {
    let files = exports("tests/fixtures/valid/content");
    let text = String::from_utf8(files["data/LICENSE.txt"].clone()).unwrap();
    assert!(text.contains("政府資料開放授權條款－第1版"));
    assert!(text.contains("https://data.gov.tw/license"));
    assert!(text.contains("測試市政府政風處 2026 測試機關 機關採購廉政平臺 資訊透明專區"));
}
