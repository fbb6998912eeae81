//! Builds the index of the 30 records in `tests/browser-search/fixture.json` (platforms,
//! meetings, Q&A with 台/臺 variants, documents…) and runs queries through the Rust query
//! engine, checking them against a brute-force substring oracle. The node tests run the same
//! queries through `search-core.js` on the same files.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use touming::search::query::{QueryPart, parse_query};
use touming::search::{QueryOptions, SearchIndex, SearchIndexer, SearchRecord, Sort, normalize, tokens};

#[derive(Deserialize)]
struct Fixture {
    records: Vec<SearchRecord>,
    queries: Vec<Q>,
}

#[derive(Deserialize)]
struct Q {
    q: String,
    #[serde(default)]
    filters: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    sort: Option<String>,
}

fn fixture() -> Fixture {
    serde_json::from_str(include_str!("browser-search/fixture.json")).unwrap()
}

fn build(records: &[SearchRecord]) -> SearchIndex {
    SearchIndex::from_files(&SearchIndexer::new().build(records, "zh-TW")).unwrap()
}

fn opts() -> QueryOptions {
    QueryOptions {
        page_size: 10,
        ..Default::default()
    }
}

/// URLs of the results.
fn urls(ix: &SearchIndex, recs: &[SearchRecord], q: &str, o: &QueryOptions) -> Vec<String> {
    let sorted = sorted_urls(recs);
    ix.search(q, o)
        .hits
        .iter()
        .map(|h| sorted[h.doc as usize].clone())
        .collect()
}

/// Document numbers follow the URL order (see SearchIndexer::build).
fn sorted_urls(recs: &[SearchRecord]) -> Vec<String> {
    let mut v: Vec<&SearchRecord> = recs.iter().collect();
    v.sort_by(|a, b| (&a.url, &a.title, &a.body).cmp(&(&b.url, &b.title, &b.body)));
    v.into_iter().map(|r| r.url.clone()).collect()
}

/// Records that really contain every part of the query (normalised substring for CJK, word
/// or last-word prefix for Latin).
fn oracle(recs: &[SearchRecord], q: &str) -> BTreeSet<String> {
    let parts = parse_query(q);
    recs.iter()
        .filter(|r| {
            !parts.is_empty()
                && parts.iter().all(|p| match p {
                    QueryPart::Cjk(c) => {
                        let s: String = c.iter().collect();
                        normalize(&r.title).contains(&s) || normalize(&r.body).contains(&s)
                    }
                    QueryPart::Word { word, prefix } => tokens(&r.title)
                        .iter()
                        .chain(tokens(&r.body).iter())
                        .any(|t| t == word || (*prefix && t.starts_with(word.as_str()))),
                })
        })
        .map(|r| r.url.clone())
        .collect()
}

#[test]
fn every_fixture_query_matches_the_oracle() {
    let fx = fixture();
    let ix = build(&fx.records);
    for q in &fx.queries {
        if !q.filters.is_empty() {
            continue;
        }
        let got: BTreeSet<String> = urls(&ix, &fx.records, &q.q, &opts()).into_iter().collect();
        assert_eq!(got, oracle(&fx.records, &q.q), "query {:?}", q.q);
    }
}

#[test]
fn every_substring_of_every_record_finds_it() {
    let fx = fixture();
    let ix = build(&fx.records);
    let mut checked = 0;
    for r in &fx.records {
        for text in [&r.title, &r.body] {
            let chars: Vec<char> = text.chars().collect();
            // CJK substrings of 2..=6 characters at a stride, within CJK runs.
            for len in 2..=6 {
                for start in (0..chars.len().saturating_sub(len)).step_by(5) {
                    let s: String = chars[start..start + len].iter().collect();
                    if !s
                        .chars()
                        .all(|c| touming::search::normalize::is_cjk(touming::search::normalize::normalize_char(c)))
                    {
                        continue;
                    }
                    let got = urls(&ix, &fx.records, &s, &opts());
                    assert!(got.contains(&r.url), "{s:?} should find {}", r.url);
                    assert_eq!(
                        got.iter().cloned().collect::<BTreeSet<_>>(),
                        oracle(&fx.records, &s),
                        "{s:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500, "checked {checked}");
}

#[test]
fn every_platform_title_ranks_its_platform_first() {
    let fx = fixture();
    let ix = build(&fx.records);
    let platforms: Vec<&SearchRecord> = fx.records.iter().filter(|r| r.kind == "platform").collect();
    assert_eq!(platforms.len(), 6);
    for p in platforms {
        let r = ix.search(&p.title, &opts());
        assert_eq!(r.hits[0].url.as_deref(), Some(p.url.as_str()), "{}", p.title);
        assert_eq!(r.hits[0].tier, 0);
    }
    // A meeting whose title starts with the platform name comes right after it.
    let got = urls(&ix, &fx.records, "竹北大橋廉政平臺", &opts());
    assert_eq!(got[0], "platforms/zhubei-bridge/");
    assert_eq!(got[1], "platforms/zhubei-bridge/meetings/1/");
    assert!(!got.contains(&"platforms/zhubei-bridge/meetings/2/".to_string()));
    assert!(got.contains(&"platforms/zhubei-bridge/".to_string()));
}

#[test]
fn two_character_word_and_four_character_phrase() {
    let fx = fixture();
    let ix = build(&fx.records);
    let bridge = urls(&ix, &fx.records, "大橋", &opts());
    for u in [
        "platforms/danjiang-bridge/",
        "platforms/zhubei-bridge/",
        "documents/danjiang-soil-sale/",
    ] {
        assert!(bridge.contains(&u.to_string()), "大橋 → {u}");
    }
    assert!(!bridge.contains(&"platforms/kaohsiung-incinerator/".to_string()));
    let soil = urls(&ix, &fx.records, "土石標售", &opts());
    assert_eq!(soil.len(), 6, "{soil:?}");
    // Title matches first: the pattern and the notice have it in the title.
    let first_two: BTreeSet<&str> = soil[..2].iter().map(|s| s.as_str()).collect();
    assert!(first_two.contains("patterns/soil-sale/"));
    assert!(first_two.contains("documents/danjiang-soil-sale/"));
}

#[test]
fn substring_across_word_boundaries() {
    let fx = fixture();
    let ix = build(&fx.records);
    // 人工湖|工程|廉政 → 湖工程廉 crosses two word boundaries.
    let got = urls(&ix, &fx.records, "湖工程廉", &opts());
    assert_eq!(
        got,
        vec![
            "platforms/wuxi-wuzuitan-lake/",
            "platforms/wuxi-wuzuitan-lake/meetings/1/"
        ]
    );
    assert_eq!(urls(&ix, &fx.records, "橋廉政", &opts()).len(), 5);
}

#[test]
fn tai_and_full_width_fold_both_ways() {
    let fx = fixture();
    let ix = build(&fx.records);
    let a = urls(&ix, &fx.records, "台北捷運", &opts());
    let b = urls(&ix, &fx.records, "臺北捷運", &opts());
    assert_eq!(a, b);
    // Written 台北捷運 in one record, 臺北捷運 in others.
    assert!(a.contains(&"platforms/taipei-mrt-wanda/meetings/1/".to_string()));
    assert!(a.contains(&"platforms/taipei-mrt-wanda/".to_string()));
    assert_eq!(
        urls(&ix, &fx.records, "ＭＲＴ", &opts()),
        urls(&ix, &fx.records, "mrt", &opts())
    );
    assert!(!urls(&ix, &fx.records, "mrt", &opts()).is_empty());
}

#[test]
fn scattered_characters_do_not_match() {
    let fx = fixture();
    let ix = build(&fx.records);
    // The Danjiang platform record has every bigram of 江大橋工程 (淡江大橋 … 鋼橋工程) but not
    // the phrase.
    let p = &fx.records[0];
    assert_eq!(p.url, "platforms/danjiang-bridge/");
    for t in tokens("江大橋工程") {
        assert!(p.body.contains(&t), "{t}");
    }
    // Only the soil-sale notice really contains it (淡江大橋工程剩餘土石方).
    assert_eq!(
        urls(&ix, &fx.records, "江大橋工程", &opts()),
        vec!["documents/danjiang-soil-sale/"]
    );
    assert!(urls(&ix, &fx.records, "淡橋", &opts()).is_empty());
    // 江邊平臺 is one meeting; 江 … 平臺 elsewhere must not match.
    assert_eq!(
        urls(&ix, &fx.records, "江邊平臺", &opts()),
        vec!["platforms/danhai-lrt/meetings/1/"]
    );
}

#[test]
fn no_results() {
    let fx = fixture();
    let ix = build(&fx.records);
    let r = ix.search("核能電廠", &opts());
    assert_eq!((r.total, r.hits.len(), r.facets.len()), (0, 0, 0));
    assert_eq!(ix.search("   ", &opts()).total, 0);
}

#[test]
fn filters_narrow_and_facets_count() {
    let fx = fixture();
    let ix = build(&fx.records);
    let all = ix.search("聯繫會議", &opts());
    let agency = &all.facets["agency"];
    let dj = agency.iter().find(|(v, _)| v == "交通部公路局").unwrap().1;
    assert_eq!(dj, 3); // platform page + meetings 4, 5
    let sum: usize = all.facets["kind"].iter().map(|(_, c)| c).sum();
    assert_eq!(sum, all.total);
    let mut o = opts();
    o.filters
        .insert("agency".into(), BTreeSet::from(["交通部公路局".to_string()]));
    let narrowed = ix.search("聯繫會議", &o);
    assert_eq!(narrowed.total, 3);
    assert!(narrowed.total < all.total);
    // Counts of the filtered key still show the other agencies (disjunctive facets).
    assert_eq!(narrowed.facets["agency"], all.facets["agency"]);
    // Other keys count within the filtered results.
    let years: usize = narrowed.facets["year"].iter().map(|(_, c)| c).sum();
    assert_eq!(years, 3);
    o.filters.insert("year".into(), BTreeSet::from(["110年".to_string()]));
    assert_eq!(ix.search("聯繫會議", &o).total, 2);
}

#[test]
fn sort_by_date() {
    let fx = fixture();
    let ix = build(&fx.records);
    let r = ix.search(
        "聯繫會議",
        &QueryOptions {
            sort: Sort::Date,
            ..opts()
        },
    );
    let dates: Vec<i64> = r.hits.iter().map(|h| h.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let rel = ix.search("聯繫會議", &opts());
    assert_ne!(
        rel.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
        r.hits.iter().map(|h| h.doc).collect::<Vec<_>>()
    );
}

#[test]
fn excerpts_come_from_the_matching_text() {
    let fx = fixture();
    let ix = build(&fx.records);
    let r = ix.search("檢舉專線", &opts());
    assert_eq!(r.total, 1);
    assert!(r.hits[0].excerpt.as_deref().unwrap().contains("檢舉專線"));
}
