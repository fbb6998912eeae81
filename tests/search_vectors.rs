//! The shared tokenizer contract: `tests/search-vectors.json` (input → normalised text,
//! tokens, query parts; shard hashes) is checked here against the Rust implementation and in
//! `tests/browser-search/vectors.test.mjs` against `search-core.js`.
//!
//! To regenerate the expected values after a deliberate change of the rules:
//! `SEARCH_VECTORS_REGENERATE=1 cargo test --test search_vectors` (then review the diff).

use serde_json::{Value, json};
use touming::search::codec::mix32;
use touming::search::indexer::word_shard;
use touming::search::query::{QueryPart, parse_query};
use touming::search::{normalize, tokens};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search-vectors.json");

fn inputs() -> Vec<String> {
    let mut v: Vec<String> = [
        "淡江大橋廉政平臺",
        "烏溪烏嘴潭人工湖工程廉政平臺",
        "台北市 臺北市",
        "ＡＢＣ１２３ ｘｙｚ！",
        "第4次定期聯繫會議",
        "110年5月11日",
        "MRT Line-2 捷運",
        "貪污治罪條例",
        "裏面爲了羣衆，峯綫啓户温説册敍叙",
        "\u{2F64}\u{2F08}",
        "\u{F9DC}\u{FA11}",
        "𠀀𠀁x",
        "ÉCOLE école Ünïcödé",
        "橋。",
        "，。！",
        "",
        "土石標售\u{3000}土石方",
        "さくら カタカナ ㄅㄆㄇ 한국어",
        "x÷y×z",
        "Ｑ＆Ａ：台/臺",
        "々〇",
        "a1b2c3_d-e.f",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(70));
    // Every code point the compatibility step touches.
    let mut all = String::new();
    for r in [
        0x2F00..=0x2FD5u32,
        0xF900..=0xFAFF,
        0x2F800..=0x2FA1F,
        0x2E9F..=0x2E9F,
        0x2EF3..=0x2EF3,
    ] {
        for cp in r {
            if let Some(c) = char::from_u32(cp) {
                all.push(c);
                all.push(' ');
            }
        }
    }
    v.push(all);
    v
}

fn parts_json(q: &str) -> Value {
    Value::Array(
        parse_query(q)
            .into_iter()
            .map(|p| match p {
                QueryPart::Cjk(c) => json!({"cjk": c.iter().collect::<String>()}),
                QueryPart::Word { word, prefix } => json!({"word": word, "prefix": prefix}),
            })
            .collect(),
    )
}

fn queries() -> Vec<&'static str> {
    vec![
        "淡江 大橋",
        "台北 mrt",
        "mrt ",
        "第4次定期聯繫會議",
        "橋 橋",
        "ＭＲＴ",
        "  ",
        "竹北大橋廉政平臺",
    ]
}

fn generate() -> Value {
    let vectors: Vec<Value> = inputs()
        .into_iter()
        .map(|i| json!({"input": i, "normalized": normalize(&i), "tokens": tokens(&i)}))
        .collect();
    let pairs = [
        (0u32, 0u32),
        (28129, 27743),
        (1, 2),
        (2, 1),
        (0x2FA1F, 0x10FFFF),
        (0xFFFF_FFFF, 7),
        (33256, 0),
    ];
    let mix: Vec<Value> = pairs.iter().map(|&(a, b)| json!([a, b, mix32(a, b)])).collect();
    let shards: Vec<Value> = ["mrt", "m", "école", "2024", "ß"]
        .iter()
        .map(|w| json!([w, word_shard(w)]))
        .collect();
    let q: Vec<Value> = queries()
        .into_iter()
        .map(|q| json!({"input": q, "parts": parts_json(q)}))
        .collect();
    json!({"vectors": vectors, "mix32": mix, "word_shard": shards, "queries": q})
}

#[test]
fn rust_matches_the_shared_vectors() {
    let fresh = generate();
    if std::env::var_os("SEARCH_VECTORS_REGENERATE").is_some() {
        std::fs::write(PATH, serde_json::to_string_pretty(&fresh).unwrap() + "\n").unwrap();
    }
    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(PATH).expect("tests/search-vectors.json")).unwrap();
    for v in stored["vectors"].as_array().unwrap() {
        let input = v["input"].as_str().unwrap();
        assert_eq!(
            normalize(input),
            v["normalized"].as_str().unwrap(),
            "normalize({input:?})"
        );
        let want: Vec<String> = serde_json::from_value(v["tokens"].clone()).unwrap();
        assert_eq!(tokens(input), want, "tokens({input:?})");
    }
    for m in stored["mix32"].as_array().unwrap() {
        let (a, b, h) = (
            m[0].as_u64().unwrap() as u32,
            m[1].as_u64().unwrap() as u32,
            m[2].as_u64().unwrap(),
        );
        assert_eq!(mix32(a, b) as u64, h, "mix32({a}, {b})");
    }
    for w in stored["word_shard"].as_array().unwrap() {
        assert_eq!(word_shard(w[0].as_str().unwrap()), w[1].as_str().unwrap());
    }
    for q in stored["queries"].as_array().unwrap() {
        assert_eq!(
            parts_json(q["input"].as_str().unwrap()),
            q["parts"],
            "parse_query({})",
            q["input"]
        );
    }
    assert!(stored["vectors"].as_array().unwrap().len() >= 20);
}
