//! Search index benchmark and fixture writer.
//!
//! ```text
//! cargo run --release --example search_bench -- [N] [--seed S] [--out DIR]
//!     N synthetic platforms × (1 platform page + 10 meeting pages of 1,500–3,000 Chinese
//!     characters), built twice (cold, then after editing one record); prints records, wall
//!     time, index bytes, file count, recall@1 of every platform's full title and the bytes a
//!     first query fetches. --out writes the index (search/zh-TW/…) under DIR and the Rust
//!     engine's answers to a query set (expected.json). --build-only stops after the cold
//!     build (for measuring the indexer's peak memory with /usr/bin/time -v).
//! cargo run --release --example search_bench -- content CONTENT OUT
//!     the zh-TW index of a content tree alone, written to OUT/search/zh-TW/.
//! cargo run --release --example search_bench -- site SITE/search/zh-TW QUERY…
//!     the files (by folder) and bytes a first query reads from a written index.
//! cargo run --example search_bench -- fixture FIXTURE.json OUTDIR
//!     builds the index of the records in FIXTURE.json into OUTDIR/search/zh-TW/ and writes
//!     OUTDIR/expected.json: the Rust engine's results for the fixture's queries (the node
//!     tests compare search-core.js against them).
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Deserialize;
use touming::search::{IndexFile, QueryOptions, SearchIndex, SearchIndexer, SearchRecord, Sort};

/// splitmix64: a small deterministic generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const PLACES: &[&str] = &[
    "淡江",
    "竹北",
    "烏溪",
    "烏嘴潭",
    "基隆",
    "宜蘭",
    "花蓮",
    "臺東",
    "屏東",
    "高雄",
    "臺南",
    "嘉義",
    "雲林",
    "彰化",
    "南投",
    "臺中",
    "苗栗",
    "新竹",
    "桃園",
    "新北",
    "臺北",
    "金門",
    "馬祖",
    "澎湖",
    "蘇澳",
    "羅東",
    "頭城",
    "礁溪",
    "三星",
    "冬山",
    "竹東",
    "湖口",
    "新豐",
    "關西",
    "大溪",
    "龜山",
    "林口",
    "淡水",
    "三峽",
    "鶯歌",
    "板橋",
    "中和",
    "新店",
    "汐止",
    "瑞芳",
    "平溪",
    "石碇",
    "坪林",
    "豐原",
    "大甲",
    "清水",
    "沙鹿",
    "霧峰",
    "太平",
    "大里",
    "鹿港",
    "員林",
    "溪湖",
    "北斗",
    "二林",
    "斗六",
    "虎尾",
    "西螺",
    "北港",
    "朴子",
    "布袋",
    "新營",
    "麻豆",
    "佳里",
    "善化",
    "岡山",
    "鳳山",
    "旗山",
    "美濃",
    "潮州",
    "東港",
    "恆春",
    "玉里",
    "鳳林",
    "成功",
    "關山",
    "池上",
    "卑南",
    "知本",
];
const PROJECTS: &[&str] = &[
    "大橋",
    "人工湖",
    "捷運",
    "焚化廠",
    "水庫",
    "快速道路",
    "污水處理廠",
    "轉運站",
    "體育館",
    "圖書館",
    "醫院",
    "鐵路立體化",
    "港區",
    "海堤",
    "淨水場",
    "輕軌",
    "隧道",
    "國民運動中心",
    "社會住宅",
    "垃圾掩埋場",
    "科學園區",
    "產業園區",
];
const PARENTS: &[&str] = &[
    "交通部",
    "經濟部",
    "內政部",
    "衛生福利部",
    "教育部",
    "環境部",
    "國家發展委員會",
    "臺北市政府",
    "新北市政府",
    "桃園市政府",
    "臺中市政府",
    "臺南市政府",
    "高雄市政府",
];
const AGENCY_SUFFIX: &[&str] = &[
    "工程處",
    "工務局",
    "建設處",
    "水利署",
    "公路局",
    "鐵道局",
    "環境保護局",
    "捷運工程局",
];
const CASE_TYPES: &[&str] = &["公共工程", "財物採購", "勞務採購", "BOT", "統包工程"];
const STATUSES: &[&str] = &["進行中", "已完成", "暫停"];
const TOPICS: &[&str] = &[
    "土石標售",
    "工程品質查核",
    "採購稽核",
    "驗收作業",
    "變更設計",
    "契約價金調整",
    "工地安全",
    "廠商履約",
    "資訊公開",
    "廉政宣導",
    "營建剩餘土石方",
    "監造計畫",
    "勞動檢查",
    "施工進度",
    "物價調整",
    "圍標綁標風險",
    "利益迴避",
    "請託關說登錄",
    "防治貪瀆",
    "民眾陳情",
];
const ROLES: &[&str] = &[
    "政風室主任",
    "處長",
    "副局長",
    "主任秘書",
    "總工程司",
    "檢察官",
    "調查官",
];
const VERBS: &[&str] = &["決議", "建議", "請", "責成", "同意", "要求"];
const ACTIONS: &[&str] = &[
    "持續追蹤辦理情形並於下次會議報告",
    "加強工地查核頻率",
    "落實廠商履約管理",
    "每月公開土石方流向資料",
    "邀請檢調單位辦理法治教育",
    "研議風險預警機制",
    "檢討標案分包情形",
    "強化監造單位自主檢查",
    "函請相關機關配合辦理",
    "列管並限期改善",
];
const FILLER: &[&str] = &[
    "為確保工程品質與進度，各單位應依契約規定辦理。",
    "本案涉及多項採購程序，政風單位將適時提供法令諮詢。",
    "與會代表就施工期間交通維持計畫交換意見。",
    "檢方代表說明近期相關案例，提醒同仁注意採購法規範。",
    "廠商代表表示將配合辦理，並提出具體改善計畫。",
    "會議紀錄經與會人員確認後，於資訊透明專區公開。",
    "星期日假日施工須事先報准，並加強夜間巡查。",
    "有關物價指數調整款之計算方式，依行政院頒訂之處理原則辦理。",
];

fn roc(date_days: i64) -> (String, String, String) {
    // days since 1970 → (iso, roc display, roc year)
    let z = date_days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{}年{}月{}日", y - 1911, m, d),
        format!("{}年", y - 1911),
    )
}

fn body(rng: &mut Rng, platform: &str, agency: &str, names: &[String], target: usize) -> String {
    let mut s = String::new();
    let mut n = 0;
    while n < target {
        // Sentence kinds, weighted: own platform (10/60), decisions (10/60), another
        // platform (1/60, about 1.5 mentions per page), amounts and dates (9/60), stock
        // phrases (30/60).
        let sentence = match rng.below(60) {
            0..=9 => format!(
                "{agency}召開{platform}會議，由{}主持，討論{}事項。",
                rng.pick(ROLES),
                rng.pick(TOPICS)
            ),
            10..=19 => format!(
                "有關{}一案，{}{}。",
                rng.pick(TOPICS),
                rng.pick(VERBS),
                rng.pick(ACTIONS)
            ),
            20 => format!(
                "參考{}辦理{}之經驗，{}。",
                names[rng.below(names.len())],
                rng.pick(TOPICS),
                rng.pick(ACTIONS)
            ),
            21..=29 => format!(
                "本期{}金額約{}億{}萬元，已於{}年{}月完成第{}階段。",
                rng.pick(TOPICS),
                1 + rng.below(300),
                rng.below(9999),
                100 + rng.below(14),
                1 + rng.below(12),
                1 + rng.below(5)
            ),
            _ => rng.pick(FILLER).to_string(),
        };
        n += sentence.chars().count();
        s.push_str(&sentence);
    }
    s
}

/// Deterministic synthetic corpus: `n` platforms × 11 records.
fn corpus(n: usize, seed: u64) -> Vec<SearchRecord> {
    let mut rng = Rng(seed);
    let mut combos: Vec<String> = Vec::new();
    for p in PLACES {
        for q in PROJECTS {
            combos.push(format!("{p}{q}"));
        }
    }
    // Deterministic shuffle.
    for i in (1..combos.len()).rev() {
        let j = rng.below(i + 1);
        combos.swap(i, j);
    }
    assert!(n <= combos.len(), "at most {} platforms", combos.len());
    let names: Vec<String> = combos[..n].iter().map(|c| format!("{c}廉政平臺")).collect();
    let mut out = Vec::with_capacity(n * 11);
    for (i, name) in names.iter().enumerate() {
        let place = &combos[i];
        let parent = rng.pick(PARENTS);
        let agency = format!(
            "{}{}",
            &place[..place.char_indices().nth(2).map_or(place.len(), |x| x.0)],
            rng.pick(AGENCY_SUFFIX)
        );
        let case_type = rng.pick(CASE_TYPES);
        let status = rng.pick(STATUSES);
        let slug = format!("p{i:04}");
        let start = 16_000 + rng.below(3000) as i64; // 2013…2021
        let (iso, disp, year) = roc(start);
        let facets = |kind: &str, year: &str| {
            BTreeMap::from([
                ("agency".to_string(), vec![agency.clone()]),
                ("parent".to_string(), vec![parent.to_string()]),
                ("case_type".to_string(), vec![case_type.to_string()]),
                ("status".to_string(), vec![status.to_string()]),
                ("year".to_string(), vec![year.to_string()]),
                ("kind".to_string(), vec![kind.to_string()]),
            ])
        };
        let target = 1500 + rng.below(1501);
        out.push(SearchRecord {
            url: format!("platforms/{slug}/"),
            title: name.clone(),
            body: format!(
                "{name}由{agency}成立，{parent}督導。{}",
                body(&mut rng, name, &agency, &names, target)
            ),
            kind: "platform".into(),
            breadcrumb: vec![name.clone()],
            date: Some(iso),
            date_display: Some(disp),
            facets: facets("platform", &year),
        });
        let mut day = start;
        for k in 1..=10 {
            day += 30 + rng.below(120) as i64;
            let (iso, disp, year) = roc(day);
            let kind_title = if rng.below(3) == 0 {
                "工作會議"
            } else {
                "定期聯繫會議"
            };
            let title = if k % 2 == 0 {
                format!("{name}第{k}次{kind_title}")
            } else {
                format!("第{k}次{kind_title}")
            };
            let target = 1500 + rng.below(1501);
            out.push(SearchRecord {
                url: format!("platforms/{slug}/meetings/{k}/"),
                title: title.clone(),
                body: format!(
                    "{name}第{k}次{kind_title}紀錄。時間：{disp}。地點：{agency}會議室。{}",
                    body(&mut rng, name, &agency, &names, target)
                ),
                kind: "meeting".into(),
                breadcrumb: vec![name.clone(), format!("第{k}次{kind_title}")],
                date: Some(iso),
                date_display: Some(disp),
                facets: facets("meeting", &year),
            });
        }
    }
    out
}

fn static_js_bytes() -> u64 {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    ["search.js", "search-core.js", "search.css"]
        .iter()
        .map(|f| std::fs::metadata(dir.join(f)).map(|m| m.len()).unwrap_or(0))
        .sum()
}

fn write_files(dir: &Path, files: &[IndexFile]) {
    for f in files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.bytes).unwrap();
    }
}

fn bench(n: usize, seed: u64, out: Option<PathBuf>, build_only: bool) {
    let t = Instant::now();
    let records = corpus(n, seed);
    let gen_s = t.elapsed().as_secs_f64();
    let chars: usize = records.iter().map(|r| r.body.chars().count()).sum();
    println!(
        "records: {} ({} platforms), body chars: {} (generated in {:.2} s)",
        records.len(),
        n,
        chars,
        gen_s
    );

    let mut ix = SearchIndexer::new();
    let t = Instant::now();
    let files = ix.build(&records, "zh-TW");
    let cold = t.elapsed().as_secs_f64();
    let st = ix.stats().clone();
    println!(
        "cold build: {:.2} s wall, {} files, {} bytes ({:.1} MiB); shards: {} bigram, {} heavy-key position chunks, {} unigram",
        cold,
        st.files,
        st.bytes,
        st.bytes as f64 / 1048576.0,
        st.bigram_shards,
        st.position_chunks,
        st.unigram_shards
    );
    if build_only {
        return;
    }
    let mut by_dir: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for f in &files {
        let rest = f.path.strip_prefix("search/zh-TW/").unwrap_or(&f.path);
        let d = rest.split_once('/').map_or("(top)".to_string(), |x| x.0.to_string());
        let d = if d == "r" {
            format!("r/*.{}", rest.rsplit('.').next().unwrap_or(""))
        } else {
            d
        };
        let e = by_dir.entry(d).or_default();
        e.0 += 1;
        e.1 += f.bytes.len() as u64;
    }
    for (d, (c, b)) in &by_dir {
        println!(
            "  {d:<8} {c:>6} files {b:>11} bytes  (avg {:.0})",
            *b as f64 / *c as f64
        );
    }

    // Incremental: change one record.
    let mut edited = records.clone();
    edited[5].body.push_str("補充說明：本次會議另決議加強廉政宣導。");
    let t = Instant::now();
    let files2 = ix.build(&edited, "zh-TW");
    println!(
        "rebuild after editing 1 record: {:.2} s wall, re-tokenised {} record(s)",
        t.elapsed().as_secs_f64(),
        ix.last_tokenized()
    );
    drop(files2);

    let index = SearchIndex::from_files(&files).expect("index loads");
    let js = static_js_bytes();
    let opts = QueryOptions {
        page_size: 10,
        ..Default::default()
    };
    let platforms: Vec<&SearchRecord> = records.iter().filter(|r| r.kind == "platform").collect();
    let t = Instant::now();
    let mut hits1 = 0;
    let mut fetched: Vec<u64> = Vec::new();
    let mut files_n: Vec<usize> = Vec::new();
    let mut misses = Vec::new();
    for p in &platforms {
        let r = index.search(&p.title, &opts);
        if r.hits.first().and_then(|h| h.url.as_deref()) == Some(p.url.as_str()) {
            hits1 += 1;
        } else if misses.len() < 5 {
            misses.push(p.title.clone());
        }
        fetched.push(r.bytes_read + js);
        files_n.push(r.files_read.len());
    }
    let qs = t.elapsed().as_secs_f64();
    fetched.sort_unstable();
    files_n.sort_unstable();
    let pct = |v: &[u64], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "query set: {} full platform titles; recall@1 = {}/{} ({:.3}); {:.1} ms/query (Rust engine)",
        platforms.len(),
        hits1,
        platforms.len(),
        hits1 as f64 / platforms.len() as f64,
        qs * 1000.0 / platforms.len() as f64
    );
    if !misses.is_empty() {
        println!("  misses (first 5): {misses:?}");
    }
    println!(
        "first-query fetch incl. search.js+search-core.js+search.css ({js} B): median {} B, p90 {} B, max {} B; files median {}, max {}",
        pct(&fetched, 0.5),
        pct(&fetched, 0.9),
        fetched.last().unwrap(),
        files_n[files_n.len() / 2],
        files_n.last().unwrap()
    );
    let breakdown = |r: &touming::search::SearchResults| {
        let mut m: BTreeMap<String, (usize, u64)> = BTreeMap::new();
        for f in &r.files_read {
            let k = match f.split_once('/') {
                Some(("r", rest)) => format!("r/*.{}", rest.rsplit('.').next().unwrap_or("")),
                Some((d, _)) => d.to_string(),
                None => f.clone(),
            };
            let e = m.entry(k).or_default();
            e.0 += 1;
            e.1 += files
                .iter()
                .find(|x| x.path.ends_with(&format!("zh-TW/{f}")))
                .map_or(0, |x| x.bytes.len() as u64);
        }
        m.into_iter()
            .map(|(k, (c, b))| format!("{k}:{c}f/{b}B"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for p in platforms.iter().take(3) {
        let r = index.search(&p.title, &opts);
        println!("  e.g. {}: {} results; {}", p.title, r.total, breakdown(&r));
    }
    for q in [
        "驗收",
        "土石標售",
        "大橋",
        "星期日",
        "定期聯繫會議",
        "廉政",
        "臺北捷運",
        "台北捷運",
        "會議決議",
        "星期日假日",
        "會",
        "2",
    ] {
        let t = Instant::now();
        let r = index.search(q, &opts);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let full = index.search(
            q,
            &QueryOptions {
                exact: true,
                ..opts.clone()
            },
        );
        println!(
            "  query {q:<8} results {:>6} ({}; estimate {})  first page {:>7} B ({} files)  {ms:.1} ms; exact count {:>7} B",
            r.total,
            if r.exact { "exact" } else { "candidates" },
            r.estimate,
            r.bytes_read + js,
            r.files_read.len(),
            full.bytes_read + js,
        );
        assert_eq!(full.total, full.estimate);
        assert_eq!(
            r.hits.iter().take(10).map(|h| h.doc).collect::<Vec<_>>(),
            full.hits.iter().take(10).map(|h| h.doc).collect::<Vec<_>>(),
            "first page of {q}"
        );
        if std::env::var_os("BREAKDOWN").is_some() {
            println!("      {}", breakdown(&r));
        }
    }
    if let Some(dir) = out {
        write_files(&dir, &files);
        // The Rust engine's answers for a query set, for the node cross-check.
        let mut qs: Vec<String> = platforms.iter().take(40).map(|p| p.title.clone()).collect();
        qs.extend(
            [
                "驗收",
                "土石標售",
                "大橋",
                "星期日",
                "定期聯繫會議",
                "廉政平臺",
                "臺北捷運",
                "會",
                "2",
                "第3次工作會議",
                "工程 驗收",
                "會議決議",
                "星期日假日",
                "加強工地查核頻率",
                "政風室主任 土石標售",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let expected: Vec<serde_json::Value> = qs
            .iter()
            .map(|q| {
                let exact = QueryOptions {
                    exact: true,
                    ..Default::default()
                };
                let r = index.search(q, &exact);
                // What a first page gets: verified hits in order, exact or not, the estimate.
                let lazy = index.search(q, &opts);
                // The lazy path, forced: only the first page proven.
                let forced = index.search(
                    q,
                    &QueryOptions {
                        eager_chunks: Some(0),
                        ..opts.clone()
                    },
                );
                serde_json::json!({
                    "q": q, "total": r.total,
                    "docs": r.hits.iter().take(50).map(|h| h.doc).collect::<Vec<_>>(),
                    "facets": r.facets,
                    "first": {
                        "exact": lazy.exact, "total": lazy.total, "estimate": lazy.estimate,
                        "docs": lazy.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
                        "files": lazy.files_read,
                    },
                    "lazy": {
                        "exact": forced.exact, "total": forced.total, "estimate": forced.estimate,
                        "unfiltered": forced.unfiltered, "facets": forced.facets,
                        "docs": forced.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
                        "tiers": forced.hits.iter().map(|h| h.tier).collect::<Vec<_>>(),
                    },
                    "lazyDate": index
                        .search(q, &QueryOptions { eager_chunks: Some(0), sort: Sort::Date, ..opts.clone() })
                        .hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
                })
            })
            .collect();
        std::fs::write(dir.join("expected.json"), serde_json::to_vec(&expected).unwrap()).unwrap();
        println!("wrote {} files and expected.json under {}", files.len(), dir.display());
    }
}

#[derive(Deserialize)]
struct Fixture {
    records: Vec<SearchRecord>,
    queries: Vec<FixtureQuery>,
}

#[derive(Deserialize, serde::Serialize)]
struct FixtureQuery {
    q: String,
    #[serde(default)]
    filters: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    sort: Option<String>,
}

fn fixture(path: &Path, out: &Path) {
    let fx: Fixture =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read fixture")).expect("parse fixture");
    let files = SearchIndexer::new().build(&fx.records, "zh-TW");
    write_files(out, &files);
    let index = SearchIndex::from_files(&files).unwrap();
    let mut expected = Vec::new();
    for q in &fx.queries {
        let opts = QueryOptions {
            filters: q
                .filters
                .iter()
                .map(|(k, v)| (k.clone(), v.iter().cloned().collect::<BTreeSet<_>>()))
                .collect(),
            sort: if q.sort.as_deref() == Some("date") {
                Sort::Date
            } else {
                Sort::Relevance
            },
            page_size: 0,
            exact: true,
            ..Default::default()
        };
        let r = index.search(&q.q, &opts);
        let docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
        let tiers: Vec<u8> = r.hits.iter().map(|h| h.tier).collect();
        expected.push(serde_json::json!({
            "q": q.q, "filters": q.filters, "sort": q.sort,
            "total": r.total, "docs": docs, "tiers": tiers,
            "facets": r.facets,
        }));
    }
    std::fs::write(out.join("expected.json"), serde_json::to_vec_pretty(&expected).unwrap()).unwrap();
    println!(
        "wrote {} files and expected.json ({} queries) under {}",
        files.len(),
        expected.len(),
        out.display()
    );
}

/// `site DIR QUERY…`: the files a first query reads from a written index, by folder.
fn site(dir: &Path, queries: &[String]) {
    let index = SearchIndex::from_dir(dir).expect("index loads");
    let opts = QueryOptions {
        page_size: 10,
        ..Default::default()
    };
    for q in queries {
        let r = index.search(q, &opts);
        let mut m: BTreeMap<String, (usize, u64)> = BTreeMap::new();
        for f in &r.files_read {
            let k = match f.split_once('/') {
                Some(("r", rest)) => format!("r/*.{}", rest.rsplit('.').next().unwrap_or("")),
                Some((d, _)) => d.to_string(),
                None => f.clone(),
            };
            let e = m.entry(k).or_default();
            e.0 += 1;
            e.1 += std::fs::metadata(dir.join(f)).map_or(0, |x| x.len());
        }
        let parts: Vec<String> = m.iter().map(|(k, (c, b))| format!("{k}:{c}f/{b}B")).collect();
        println!(
            "{q}: {} results ({}), {} B: {}",
            r.total,
            if r.exact { "exact" } else { "estimated" },
            r.bytes_read,
            parts.join(" ")
        );
    }
}

/// `content CONTENT OUT`: the zh-TW search index of a content tree alone (as `touming build`
/// writes it), into OUT/search/zh-TW/, with the time and peak memory of the index stage.
fn content(content: &Path, out: &Path) {
    let opts = touming::site::BuildOptions {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        now: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        base_url: None,
        drafts: false,
        history: false,
    };
    let b = touming::site::Build::load(&opts).lower().render_markdown();
    let site = b.site().expect("content lowers");
    let t = Instant::now();
    let records = touming::search::records::records(site, "zh-TW");
    let files = SearchIndexer::new().build(&records, "zh-TW");
    let secs = t.elapsed().as_secs_f64();
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    let _ = std::fs::remove_dir_all(out.join("search/zh-TW"));
    write_files(out, &files);
    println!(
        "{} records → {} files, {:.1} MiB in {secs:.2} s (records + index)",
        records.len(),
        files.len(),
        bytes as f64 / 1048576.0
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(|s| s.as_str()) == Some("content") {
        content(Path::new(&args[1]), Path::new(&args[2]));
        return;
    }
    if args.first().map(|s| s.as_str()) == Some("site") {
        site(Path::new(&args[1]), &args[2..]);
        return;
    }
    if args.first().map(|s| s.as_str()) == Some("fixture") {
        fixture(Path::new(&args[1]), Path::new(&args[2]));
        return;
    }
    let mut n = 1000;
    let mut seed = 20240511u64;
    let mut out = None;
    let mut build_only = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--seed" => {
                seed = args[i + 1].parse().expect("seed");
                i += 1;
            }
            "--out" => {
                out = Some(PathBuf::from(&args[i + 1]));
                i += 1;
            }
            "--build-only" => build_only = true,
            s => n = s.parse().expect("N platforms"),
        }
        i += 1;
    }
    bench(n, seed, out, build_only);
}
