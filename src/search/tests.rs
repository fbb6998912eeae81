//! Unit tests across the indexer and the Rust query engine.

use std::collections::{BTreeMap, BTreeSet};

use super::{IndexFile, QueryOptions, SearchIndex, SearchIndexer, SearchRecord, Sort};

fn rec(url: &str, title: &str, body: &str, date: &str, agency: &str) -> SearchRecord {
    SearchRecord {
        url: url.into(),
        title: title.into(),
        body: body.into(),
        kind: if url.contains("meetings") {
            "meeting"
        } else {
            "platform"
        }
        .into(),
        breadcrumb: vec![title.into()],
        date: Some(date.into()),
        date_display: None,
        facets: BTreeMap::from([
            ("agency".to_string(), vec![agency.to_string()]),
            ("year".to_string(), vec![date[..4].to_string()]),
        ]),
    }
}

fn corpus() -> Vec<SearchRecord> {
    vec![
        rec(
            "p/a/",
            "淡江大橋廉政平臺",
            "交通部公路局成立。鋼橋工程。",
            "2019-01-01",
            "公路局",
        ),
        rec(
            "p/a/meetings/1/",
            "第1次定期聯繫會議",
            "淡江大橋廉政平臺第1次會議，討論土石標售。",
            "2021-05-11",
            "公路局",
        ),
        rec(
            "p/a/meetings/2/",
            "淡江大橋廉政平臺第2次定期聯繫會議",
            "驗收作業。",
            "2022-01-01",
            "公路局",
        ),
        rec(
            "p/b/",
            "竹北大橋廉政平臺",
            "新竹縣政府成立，參考淡江經驗。大橋施工。",
            "2020-01-01",
            "新竹縣",
        ),
        rec(
            "p/b/meetings/1/",
            "第1次工作會議",
            "土石 標售 分開寫；江大 與 橋工 也分開。",
            "2023-03-03",
            "新竹縣",
        ),
    ]
}

fn index(records: &[SearchRecord]) -> SearchIndex {
    SearchIndex::from_files(&SearchIndexer::new().build(records, "zh-TW")).unwrap()
}

fn urls(ix: &SearchIndex, q: &str, o: &QueryOptions) -> Vec<String> {
    let o = QueryOptions {
        page_size: usize::MAX,
        ..o.clone()
    };
    ix.search(q, &o).hits.into_iter().map(|h| h.url.unwrap()).collect()
}

#[test]
fn phrase_needs_contiguous_characters() {
    let ix = index(&corpus());
    let o = QueryOptions::default();
    // p/b/meetings/1/ has 土石 and 標售 apart: not a match for 土石標售.
    assert_eq!(urls(&ix, "土石標售", &o), vec!["p/a/meetings/1/"]);
    // Two terms are ANDed, each anywhere.
    let mut both = urls(&ix, "土石 標售", &o);
    both.sort();
    assert_eq!(both, vec!["p/a/meetings/1/", "p/b/meetings/1/"]);
    // 江大 … 橋工 apart; 江大橋 only where contiguous.
    assert!(urls(&ix, "江大橋工", &o).is_empty());
    assert_eq!(urls(&ix, "江大橋", &o).len(), 3);
}

#[test]
fn ranking_title_first_then_recency() {
    let ix = index(&corpus());
    let got = urls(&ix, "淡江大橋廉政平臺", &QueryOptions::default());
    // Whole title, then title contains (newest first), then body only.
    assert_eq!(got, vec!["p/a/", "p/a/meetings/2/", "p/a/meetings/1/"]);
    let r = ix.search("淡江大橋廉政平臺", &QueryOptions::default());
    assert_eq!(r.hits.iter().map(|h| h.tier).collect::<Vec<_>>(), vec![0, 1, 3]);
    let by_date = urls(
        &ix,
        "淡江大橋廉政平臺",
        &QueryOptions {
            sort: Sort::Date,
            ..Default::default()
        },
    );
    assert_eq!(by_date, vec!["p/a/meetings/2/", "p/a/meetings/1/", "p/a/"]);
}

#[test]
fn facet_counts_follow_the_results_and_filters() {
    let ix = index(&corpus());
    let r = ix.search("大橋", &QueryOptions::default());
    assert_eq!(r.total, 4);
    assert_eq!(
        r.facets["agency"],
        vec![("公路局".to_string(), 3), ("新竹縣".to_string(), 1)]
    );
    let o = QueryOptions {
        filters: BTreeMap::from([("agency".to_string(), BTreeSet::from(["新竹縣".to_string()]))]),
        ..Default::default()
    };
    let f = ix.search("大橋", &o);
    assert_eq!(f.total, 1);
    assert_eq!(f.unfiltered, 4);
    assert_eq!(f.facets["year"], vec![("2020".to_string(), 1)]);
    assert_eq!(f.facets["agency"].len(), 2, "the filtered key keeps its siblings");
}

#[test]
fn single_character_and_words() {
    let recs = vec![
        rec(
            "x/",
            "MRT Line 2",
            "Contractor reported progress on 湖 works.",
            "2020-02-02",
            "a",
        ),
        rec("y/", "人工湖", "湖邊", "2020-02-03", "a"),
    ];
    let ix = index(&recs);
    let o = QueryOptions::default();
    assert_eq!(urls(&ix, "湖", &o).len(), 2);
    assert_eq!(urls(&ix, "contr", &o), vec!["x/"]); // last word is a prefix
    assert!(urls(&ix, "contr ", &o).is_empty()); // … unless followed by a space
    assert_eq!(urls(&ix, "mrt line", &o), vec!["x/"]);
}

#[test]
fn builds_are_deterministic_and_order_independent() {
    let recs = corpus();
    let a = SearchIndexer::new().build(&recs, "zh-TW");
    let b = SearchIndexer::new().build(&recs, "zh-TW");
    assert_eq!(a, b);
    let mut rev = recs.clone();
    rev.reverse();
    assert_eq!(SearchIndexer::new().build(&rev, "zh-TW"), a);
    let paths: Vec<&str> = a.iter().map(|f| f.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert!(paths.iter().all(|p| p.starts_with("search/zh-TW/")));
}

#[test]
fn rebuild_retokenises_only_changed_records() {
    let mut recs = corpus();
    let mut ix = SearchIndexer::new();
    let first = ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), recs.len());
    let again = ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), 0);
    assert_eq!(first, again);
    recs[2].body.push_str("新增決議。");
    let changed = ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), 1);
    // The cached build equals a cold build of the same records.
    assert_eq!(changed, SearchIndexer::new().build(&recs, "zh-TW"));
    // A facet-only change re-tokenises nothing but still changes the output.
    recs[0].facets.insert("status".into(), vec!["進行中".into()]);
    let facet = ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), 0);
    assert_ne!(facet, changed);
    // Another language keeps its own cache.
    ix.build(&recs[..1], "en");
    assert_eq!(ix.last_tokenized(), 1);
    ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), 0);
    assert_eq!(ix.total_tokenized(), recs.len() as u64 + 2);
    // Records that share a URL (a meeting and its documents) are each kept.
    let mut shared = recs.clone();
    shared[1].url = shared[0].url.clone();
    ix.build(&shared, "zh-TW");
    ix.build(&shared, "zh-TW");
    assert_eq!(ix.last_tokenized(), 0);
}

#[test]
fn empty_and_odd_input() {
    let files: Vec<IndexFile> = SearchIndexer::new().build(&[], "zh-TW");
    let ix = SearchIndex::from_files(&files).unwrap();
    assert_eq!(ix.search("淡江", &QueryOptions::default()).total, 0);
    let weird = vec![SearchRecord {
        url: "z/".into(),
        title: String::new(),
        body: "，。".into(),
        ..Default::default()
    }];
    let ix = index(&weird);
    assert_eq!(ix.search("，", &QueryOptions::default()).total, 0);
    // Unsafe language names are cleaned for paths.
    let f = SearchIndexer::new().build(&weird, "../x");
    assert!(f.iter().all(|x| x.path.starts_with("search/x/")));
}

#[test]
fn heavy_keys_are_chunked_and_still_exact() {
    // One bigram in many documents many times: positions go to chunk files.
    let recs: Vec<SearchRecord> = (0..300)
        .map(|i| {
            let body = if i % 7 == 0 {
                "廉政平臺。".repeat(20) + "廉政與平臺"
            } else {
                "廉政。平臺。".repeat(20)
            };
            rec(&format!("p/{i:03}/"), &format!("第{i}頁"), &body, "2020-01-01", "a")
        })
        .collect();
    let files = SearchIndexer::new().build(&recs, "zh-TW");
    assert!(files.iter().any(|f| f.path.contains("/x/")), "expected position chunks");
    let ix = SearchIndex::from_files(&files).unwrap();
    let r = ix.search("廉政平臺", &QueryOptions::default());
    assert_eq!(r.total, 43);
    assert!(r.files_read.iter().any(|f| f.starts_with("x/")));
    assert_eq!(ix.search("政平", &QueryOptions::default()).total, 43);
}

#[test]
fn lazy_verification_proves_the_shown_results_in_order() {
    // Many candidates (every page has both bigrams), few matches: 廉政平臺 is contiguous on
    // every 7th page only, and some of those pages have it in the title.
    let recs: Vec<SearchRecord> = (0..300)
        .map(|i| {
            let body = if i % 7 == 0 {
                "廉政平臺。".repeat(20)
            } else {
                "廉政。平臺。".repeat(20)
            };
            let title = if i % 21 == 0 {
                format!("第{i}頁廉政平臺")
            } else {
                format!("第{i}頁")
            };
            rec(
                &format!("p/{i:03}/"),
                &title,
                &body,
                &format!("20{:02}-01-01", 10 + i % 13),
                "a",
            )
        })
        .collect();
    let ix = index(&recs);
    let exact = QueryOptions {
        exact: true,
        page_size: 10,
        ..Default::default()
    };
    let full = ix.search("廉政平臺", &exact);
    assert!(full.exact);
    assert_eq!(full.total, 43);
    for sort in [Sort::Relevance, Sort::Date] {
        let lazy = QueryOptions {
            eager_chunks: Some(0),
            page_size: 10,
            sort,
            ..Default::default()
        };
        let r = ix.search("廉政平臺", &lazy);
        assert!(!r.exact, "{sort:?}");
        assert!(r.total >= full.total, "{sort:?}: candidates are an upper bound");
        assert!(r.hits.len() >= 10);
        let order = ix.search("廉政平臺", &QueryOptions { sort, ..exact.clone() });
        assert_eq!(
            r.hits.iter().map(|h| (h.doc, h.tier)).collect::<Vec<_>>(),
            order.hits[..r.hits.len()]
                .iter()
                .map(|h| (h.doc, h.tier))
                .collect::<Vec<_>>(),
            "{sort:?}"
        );
        assert!(
            r.estimate <= r.total && r.estimate >= r.hits.len(),
            "estimate {}",
            r.estimate
        );
        assert!(r.hits.len() < full.total, "only the first results are proven");
        // Asking for every result proves every candidate: exact again.
        let all = ix.search(
            "廉政平臺",
            &QueryOptions {
                page_size: 1000,
                ..lazy
            },
        );
        assert!(all.exact);
        assert_eq!((all.total, all.facets.clone()), (order.total, order.facets.clone()));
    }
    // Title matches come first, as tier 1 (title has more than the query).
    assert_eq!(full.hits[0].tier, 1);
}

#[test]
fn issue_4_records_sharing_a_url_keep_their_own_cache_entries() {
    // A platform's documents are records of one URL (`…/#documents`), as are a meeting's
    // attachments (`…/meetings/x/#attachments`): the cache must not let them overwrite each
    // other, or every rebuild re-tokenises them (and could mix up their analyses).
    let doc = |title: &str, body: &str| SearchRecord {
        url: "platforms/danjiang-bridge/#documents".into(),
        title: title.into(),
        body: body.into(),
        kind: "document".into(),
        date: Some("2021-05-11".into()),
        ..Default::default()
    };
    let mut recs = vec![
        doc("淡江大橋廉政平臺設置要點", "設置要點全文，規範平臺運作與資訊公開。"),
        doc("第1次定期聯繫會議簽到表", "出席人員簽到表。"),
        doc("土石標售契約書", "土石標售契約條款與履約保證金。"),
        SearchRecord {
            url: "platforms/danjiang-bridge/meetings/1/#attachments".into(),
            title: "會議簡報".into(),
            body: "工程進度簡報。".into(),
            kind: "document".into(),
            ..Default::default()
        },
    ];
    let mut ix = SearchIndexer::new();
    let cold = ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), 4);
    let again = ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), 0, "an unchanged rebuild re-tokenises nothing");
    assert_eq!(again, cold);
    recs[1].body.push_str("另附委託書。");
    let edited = ix.build(&recs, "zh-TW");
    assert_eq!(ix.last_tokenized(), 1, "only the edited document is re-tokenised");
    assert_eq!(edited, SearchIndexer::new().build(&recs, "zh-TW"));
    let search = SearchIndex::from_files(&edited).unwrap();
    let o = QueryOptions {
        page_size: 10,
        ..Default::default()
    };
    for (q, title) in [
        ("設置要點", "淡江大橋廉政平臺設置要點"),
        ("委託書", "第1次定期聯繫會議簽到表"),
        ("履約保證金", "土石標售契約書"),
    ] {
        let r = search.search(q, &o);
        assert_eq!(r.total, 1, "{q}");
        assert_eq!(r.hits[0].title.as_deref(), Some(title), "{q}");
    }
}
