//! Incremental rebuilds give exactly what a full `touming build` gives: after the first
//! build and after each kind of edit (a meeting, a platform's index, an action's status,
//! a draft published, a pattern, agencies, a new meeting file, a deleted one), every file
//! serve holds is byte-identical to a fresh build of the same content, and no file is
//! missing or left over. Also: a meeting
//! edit re-renders its own pages first and does not re-render unrelated platforms.

mod serve_support;

use std::collections::BTreeMap;
use std::path::Path;

use serve_support::{NOW, Server, fixture};
use touming::site::{self, BuildOptions};

/// Every file of a fresh build of `content`, with serve's base URL.
fn fresh_build(content: &Path, base_url: String) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let opts = BuildOptions {
        content: content.to_path_buf(),
        out: site.clone(),
        now: NOW.parse().unwrap(),
        base_url: Some(base_url),
        drafts: false,
        history: false,
    };
    site::build(&opts).expect("the content builds");
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(&site).into_iter().map(Result::unwrap) {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    files
}

/// What differs between serve's files and `expected` (empty: nothing).
fn differences(server: &Server, expected: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let served: Vec<String> = server.handle.paths();
    let missing = expected
        .keys()
        .filter(|k| !served.contains(k))
        .map(|k| format!("missing {k}"));
    let extra = served
        .iter()
        .filter(|k| !expected.contains_key(*k))
        .map(|k| format!("extra {k}"));
    let differ = expected
        .iter()
        .filter(|(p, b)| server.handle.file(p).is_some_and(|got| &got != *b));
    missing
        .chain(extra)
        .chain(differ.map(|(p, _)| format!("differs {p}")))
        .collect()
}

/// Serve settles (within the bound) on exactly the files of a fresh build.
fn assert_same(server: &Server, what: &str) {
    let expected = fresh_build(&server.content, server.handle.url());
    let mut diff = vec![];
    let same = serve_support::poll(serve_support::BOUND, || {
        diff = differences(server, &expected);
        diff.is_empty()
    });
    assert!(same.is_some(), "{what}: {diff:?}");
}

#[test]
fn serve_incremental_matches_full_build() {
    let server = Server::start(&fixture(), false);
    assert_same(&server, "first build");
    let meeting = "platforms/danjiang-bridge/meetings/2019-05-10-pledge.md";
    let new = "platforms/taipei-c1d1/meetings/2018-01-05-briefing.md";
    let index = "platforms/taipei-c1d1/index.md";
    let liaison = "platforms/danjiang-bridge/meetings/2021-05-11-liaison-4.md";
    let draft = "platforms/danjiang-bridge/meetings/2021-06-01-draft.md";
    let pattern = "patterns/land-office-fees.md";
    type Step = Box<dyn Fn(&Server)>;
    let steps: Vec<(&str, &str, Step)> = vec![
        (
            "meeting edit",
            meeting,
            Box::new(move |s| s.write(meeting, &s.read(meeting).replace("座談會", "座談會（修）"))),
        ),
        (
            "platform index edit",
            index,
            Box::new(move |s| s.write(index, &format!("{}\n補充說明。\n", s.read(index)))),
        ),
        (
            "action status edit (derived facts, period reports)",
            liaison,
            Box::new(move |s| s.write(liaison, &s.read(liaison).replace("status: in-progress", "status: done"))),
        ),
        (
            "draft published (a new page without a new file)",
            draft,
            Box::new(move |s| {
                let text = s.read(draft).replace("draft: true", "draft: false");
                s.write(draft, &text.replace("DRAFTCANARY", "原草稿"))
            }),
        ),
        (
            "pattern edit (outside platforms)",
            pattern,
            Box::new(move |s| s.write(pattern, &format!("{}\n補充：收據應當場開立。\n", s.read(pattern)))),
        ),
        (
            "agencies edit",
            "agencies.yaml",
            Box::new(|s| s.write("agencies.yaml", &format!("{}\n# 註解\n", s.read("agencies.yaml")))),
        ),
        (
            "new meeting",
            new,
            Box::new(move |s| {
                s.write(
                    new,
                    "---\ntitle: 新增的說明會\nkind: briefing\ndate: 2018-01-05\n---\n新增會議紀錄。\n",
                );
            }),
        ),
        (
            "deleted meeting",
            new,
            Box::new(move |s| std::fs::remove_file(s.content.join(new)).unwrap()),
        ),
    ];
    for (what, rel, step) in steps {
        let n = server.events();
        step(&server);
        let summary = server.wait_change(n, rel);
        assert_same(&server, what);
        eprintln!("{what}: {summary}");
    }
    server.stop();
}

#[test]
fn serve_meeting_edit_renders_only_its_pages() {
    let server = Server::start(&fixture(), false);
    let meeting = "platforms/danjiang-bridge/meetings/2019-05-10-pledge.md";
    let n = server.events();
    server.write(meeting, &server.read(meeting).replace("座談會", "座談會（修）"));
    let s = server.wait_change(n, meeting);
    assert!(!s.full_load && s.reparsed == 1, "{s:?}");
    let rendered: Vec<&String> = s.urgent.iter().chain(&s.rest).collect();
    assert!(
        s.urgent
            .iter()
            .any(|p| p == "platforms/danjiang-bridge/meetings/2019-05-10-pledge/index.html")
    );
    assert!(s.urgent.iter().any(|p| p == "platforms/danjiang-bridge/index.html"));
    assert!(
        !rendered.iter().any(|p| p.starts_with("platforms/taipei-c1d1/")),
        "unrelated platform: {rendered:?}"
    );
    server.stop();
}
