//! Issue 7: nothing hidden reaches any output. The fixture `tests/fixtures/leaks/content`
//! hides a canary word (`LKDRAFT…`, `LKEMBARGO…`, `LKSECRET…`, `LKFILEBYTES`) in every place
//! content can hide something — a draft agency, platform, page, pattern, meeting, report,
//! section file, milestone, link, list entry (Q&A, risks, ethics log, evaluation, documents,
//! actions, action updates, meeting attachments), an English twin, a platform and the
//! meetings under it embargoed with `publish_after`, and entries `confidential_until` a stage
//! the platform has not reached. Every output file is swept: pages, search index (raw bytes,
//! and queries through the search engine), API, CSV, OC4IDS, feeds, sitemap, copied files.
//! The same entries must appear once their time comes, so the sweep cannot pass vacuously.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod support;

use support::copy_tree;
use touming::search::{QueryOptions, SearchIndex};
use touming::site;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/leaks/content");

fn build(content: &Path, out: &Path, now: &str) {
    let mut opts = support::opts(content, out);
    opts.now = now.parse().unwrap();
    if let Err(d) = site::build(&opts) {
        panic!("the leaks fixture does not build: {d}");
    }
}

/// Every output file, by path relative to the site, as (lossy) text.
fn outputs(root: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (
                rel,
                String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned(),
            )
        })
        .collect()
}

/// The canary words found in the output, with the files that hold them. Case-insensitive,
/// because the search index's word shards hold lower-case words.
fn leaks(files: &BTreeMap<String, String>) -> BTreeMap<String, Vec<String>> {
    let re = regex::Regex::new(r"(?i)lk(draft|embargo|secret|file)[a-z]*").unwrap();
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in files {
        for m in re.find_iter(text) {
            found.entry(m.as_str().to_uppercase()).or_default().push(path.clone());
        }
    }
    found
}

fn search_total(site: &Path, lang: &str, q: &str) -> usize {
    let ix = SearchIndex::from_dir(&site.join("search").join(lang)).unwrap();
    let opts = QueryOptions {
        page_size: 10,
        exact: true,
        ..Default::default()
    };
    ix.search(q, &opts).total
}

#[test]
fn issue7_no_hidden_entry_reaches_any_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(Path::new(FIXTURE), &out, "2026-11-21");
    let files = outputs(&out);
    // Every kind of output is there to be swept.
    for kind in [
        "index.html",
        "en/index.html",
        "platforms/xinyi-depot/index.html",
        "api/v1/platforms/xinyi-depot.json",
        "api/oc4ids/projects.json",
        "feeds/all.xml",
        "feeds/xinyi-depot.xml",
        "sitemap.xml",
    ] {
        assert!(files.contains_key(kind), "no {kind} in the output");
    }
    assert!(files.keys().any(|p| p.ends_with(".csv")), "no CSV in the output");
    assert!(files.keys().any(|p| p.starts_with("search/zh-TW/")), "no search index");
    let found = leaks(&files);
    assert!(found.is_empty(), "hidden entries leaked: {found:#?}");
    // Nor can a query find them, in either language.
    for lang in ["zh-TW", "en"] {
        for q in [
            "lkdraft",
            "lkembargo",
            "lksecret",
            "底價核定書",
            "評選委員遴選",
            "說明會已辦理",
        ] {
            assert_eq!(search_total(&out, lang, q), 0, "{lang}: {q} is findable");
        }
    }
    // Files named only by hidden documents are not copied; the public one is.
    let copied: Vec<&String> = files.keys().filter(|p| p.contains("files/")).collect();
    assert!(copied.iter().any(|p| p.ends_with("briefing.txt")), "{copied:?}");
    assert!(
        !copied
            .iter()
            .any(|p| p.ends_with("draft-minutes.txt") || p.ends_with("reserve-price.txt"))
    );
    // The public siblings of the hidden entries are published.
    let page = &files["platforms/xinyi-depot/index.html"];
    for shown in [
        "本案招標文件何處下載",
        "評選委員與廠商程序外接觸",
        "招標說明會簡報",
        "投標廠商家數",
    ] {
        assert!(page.contains(shown), "{shown} missing from the platform page");
    }
    assert!(search_total(&out, "zh-TW", "招標說明會簡報") > 0);
}

#[test]
fn issue7_hidden_entries_appear_when_their_time_comes() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(Path::new(FIXTURE), &content);
    // The award is made: entries confidential until opening or award are released.
    let index = content.join("platforms/xinyi-depot/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let awarded = text.replace(
        "  - stage: award\n    planned: 2027-04-01\n    draft: true\n",
        "  - stage: award\n    planned: 2027-04-01\n    actual: 2027-04-02\n",
    );
    let awarded = awarded.replace("    note: 草稿 LKDRAFTMILESTONE\n", "");
    assert_ne!(text, awarded, "the fixture's award milestone changed shape");
    std::fs::write(&index, awarded).unwrap();
    let out: PathBuf = tmp.path().join("site");
    // After every embargo date too.
    build(&content, &out, "2027-06-02");
    let found = leaks(&outputs(&out));
    let has = |w: &str| found.contains_key(w);
    for released in [
        "LKSECRETQA",
        "LKSECRETQAEN",
        "LKSECRETRISK",
        "LKSECRETDOC",
        "LKSECRETMEETING",
        "LKSECRETPLANNING",
        "LKSECRETFILEBYTES",
        "LKEMBARGOQA",
        "LKEMBARGOMEETING",
        "LKEMBARGOPLATFORM",
        "LKEMBARGOCHILD",
        "LKEMBARGOETHICS",
        "LKEMBARGODOC",
    ] {
        assert!(has(released), "{released} is still withheld after its time: {found:#?}");
    }
    let drafts: Vec<&String> = found.keys().filter(|w| w.starts_with("LKDRAFT")).collect();
    assert!(drafts.is_empty(), "drafts are never published: {drafts:?}");
    assert!(search_total(&out, "zh-TW", "底價核定書") > 0);
}
