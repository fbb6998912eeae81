//! Timing of `touming serve` (a benchmark, not a test; figures in docs/serve.md and
//! docs/benchmarks.md):
//! from writing a meeting file to the HTTP response carrying the new text (polled every
//! 5 ms), and the server's own "file event → new bytes in the map".
//!
//! ```text
//! cargo run --release --example serve_latency
//! TOUMING_SERVE_CONTENT=/path/to/content cargo run --release --example serve_latency
//! ```
//! Without `TOUMING_SERVE_CONTENT` the repository's example site (`content/`) is used;
//! `TOUMING_SERVE_EDITS=N` sets the number of edits (default 12; the first 2 are dropped
//! from the figures when there are 5 or more). Each edit waits until the server has
//! settled (pages and data files), unless `TOUMING_SERVE_GAP_MS=G`: then an edit is made
//! every G ms whatever the server is doing, so edits land in the background pass of the
//! one before (how long an edit waits for the step in progress is `waited`).

#[path = "../tests/serve_support/mod.rs"]
mod serve_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serve_support::{Server, poll};
use touming::serve::Summary;

/// The first meeting file under `content` with a body line to edit.
fn a_meeting(content: &Path) -> PathBuf {
    let platforms = content.join("platforms");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&platforms)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for d in dirs {
        let Ok(meetings) = std::fs::read_dir(d.join("meetings")) else {
            continue;
        };
        let mut files: Vec<PathBuf> = meetings.map(|e| e.unwrap().path()).collect();
        files.sort();
        if let Some(f) = files
            .into_iter()
            .find(|f| !std::fs::read_to_string(f).unwrap().contains("draft: true"))
        {
            return f.strip_prefix(content).unwrap().to_path_buf();
        }
    }
    panic!("no meeting in {}", content.display());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    format!(
        "median {:.1} ms, min {:.1}, max {:.1} (n = {})",
        v[v.len() / 2],
        v[0],
        v[v.len() - 1],
        v.len()
    )
}

fn main() {
    let source = std::env::var_os("TOUMING_SERVE_CONTENT").map(PathBuf::from);
    let source = source.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    let server = Server::start(&source, false);
    let pages = server.handle.paths().iter().filter(|p| p.ends_with(".html")).count();
    let rel = a_meeting(&server.content);
    let rel_s = rel.to_string_lossy().replace('\\', "/");
    let url = format!("/{}/", rel_s.trim_end_matches(".md"));
    assert_eq!(server.get(&url).0, 200, "{url}");
    let original = server.read(&rel_s);
    let edits: usize = std::env::var("TOUMING_SERVE_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let gap = std::env::var("TOUMING_SERVE_GAP_MS").ok().and_then(|g| g.parse().ok());
    let gap: Option<Duration> = gap.map(Duration::from_millis);
    let mut runs: Vec<(Duration, Summary)> = vec![];
    for i in 0..edits {
        let n = server.events();
        let marker = format!("PERF-CANARY-{i}");
        server.write(&rel_s, &format!("{}\n{marker}\n", original.trim_end()));
        let took = poll(Duration::from_secs(600), || server.get(&url).1.contains(&marker)).expect("the edit shows");
        let s = match gap {
            // Edits every `gap`, whatever the server is doing: the next edit lands in
            // the background pass of this one.
            Some(gap) => {
                std::thread::sleep(gap.saturating_sub(took));
                Summary::default()
            }
            None => {
                let s = server.wait_change_within(n, &rel_s, Duration::from_secs(1200));
                std::thread::sleep(Duration::from_millis(200));
                s
            }
        };
        eprintln!("edit {i}: {took:?} end to end; {s}");
        runs.push((took, s));
    }
    if runs.len() >= 5 {
        runs.drain(..2); // warm-up
    }
    if gap.is_some() {
        return burst(server, &runs);
    }
    let of = |f: &dyn Fn(&(Duration, Summary)) -> Duration| stats(runs.iter().map(|r| ms(f(r))).collect());
    eprintln!("site: {} ({pages} pages); edited {rel_s}", source.display());
    eprintln!("write → HTTP response has the edit: {}", of(&|r| r.0));
    eprintln!("server: file event → page in the map: {}", of(&|r| r.1.visible));
    eprintln!(
        "server: file event → rebuild starts (busy with a background step): {}",
        of(&|r| r.1.waited)
    );
    eprintln!("server: re-reading the changed file: {}", of(&|r| r.1.read));
    eprintln!(
        "server: model stages of the changed platform (lower, lint, markdown, derive): {}",
        of(&|r| r.1.model)
    );
    eprintln!(
        "server: template values of what changed (convert + hash): {}",
        of(&|r| r.1.tracking)
    );
    eprintln!("server: finding the dirty pages (plan): {}", of(&|r| r.1.plan));
    eprintln!("server: rendering the urgent pages: {}", of(&|r| r.1.render));
    let urgent: Vec<f64> = runs.iter().map(|r| r.1.urgent.len() as f64).collect();
    let rest: Vec<f64> = runs.iter().map(|r| r.1.rest.len() as f64).collect();
    eprintln!("pages rendered first: {urgent:?}; in the background: {rest:?}");
    let done: Vec<&(Duration, Summary)> = runs.iter().filter(|r| r.1.background.is_some()).collect();
    let bg = |f: &dyn Fn(&Summary) -> Option<Duration>| {
        let v: Vec<f64> = done.iter().filter_map(|r| f(&r.1)).map(ms).collect();
        if v.is_empty() { "none".to_string() } else { stats(v) }
    };
    eprintln!(
        "server: background pass (period reports, the other dirty pages): {}",
        bg(&|s| s.background)
    );
    eprintln!(
        "server: search index and exports on the data thread (after the pages): {}",
        bg(&|s| s.data)
    );
    eprintln!(
        "server: copying the model for the data thread: {}",
        bg(&|s| Some(s.copy))
    );
    eprintln!("server: file event → all pages done: {}", of(&|r| r.1.total));
    server.stop();
}

/// Figures of edits made every `TOUMING_SERVE_GAP_MS`: end to end, and per rebuild how
/// long it waited for the background step in progress.
fn burst(server: Server, runs: &[(Duration, Summary)]) {
    eprintln!(
        "write → HTTP response has the edit: {}",
        stats(runs.iter().map(|r| ms(r.0)).collect())
    );
    let events = server.events.lock().unwrap();
    let rebuilt: Vec<&Summary> = events
        .iter()
        .filter_map(|e| match e {
            touming::serve::ServeEvent::Rebuilt(s) if !s.changed.is_empty() => Some(s),
            _ => None,
        })
        .collect();
    let waited: Vec<f64> = rebuilt.iter().map(|s| ms(s.waited)).collect();
    let visible: Vec<f64> = rebuilt.iter().map(|s| ms(s.visible)).collect();
    let cut = rebuilt.iter().filter(|s| s.background.is_none()).count();
    eprintln!(
        "rebuilds: {} ({cut} background passes cut short by the next edit)",
        rebuilt.len()
    );
    eprintln!("server: file event → rebuild starts: {}", stats(waited));
    eprintln!("server: file event → page in the map: {}", stats(visible));
    drop(events);
    server.stop();
}
