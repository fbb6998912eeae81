//! Helpers for the `serve` tests: a server on a free port over a copy of a content
//! folder, a bounded HTTP GET, bounded polling. Everything here times out.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use touming::serve::{self, ServeEvent, ServeHandle, ServeOptions, Summary};

pub const NOW: &str = "2026-11-21";
pub const BOUND: Duration = Duration::from_secs(5);

/// A running server and what it reported.
pub struct Server {
    pub handle: ServeHandle,
    pub events: Arc<Mutex<Vec<ServeEvent>>>,
    pub content: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Copy `fixture` (a content folder, and the `themes/` beside it if any) to a
    /// temporary folder and serve it.
    pub fn start(fixture: &Path, drafts: bool) -> Server {
        Server::start_with(fixture, |o| o.drafts = drafts)
    }

    /// [`Server::start`] with options set by `set`.
    pub fn start_with(fixture: &Path, set: impl FnOnce(&mut ServeOptions)) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_dir(fixture, &content);
        if let Some(themes) = fixture.parent().map(|p| p.join("themes")).filter(|t| t.is_dir()) {
            copy_dir(&themes, &dir.path().join("themes")); // a site's own theme, beside content
        }
        let events: Arc<Mutex<Vec<ServeEvent>>> = Arc::default();
        let sink = events.clone();
        let report = Arc::new(move |e: ServeEvent| sink.lock().unwrap().push(e));
        let mut opts = ServeOptions {
            port: 0,
            ..ServeOptions::new(content.clone(), NOW.parse().unwrap())
        };
        set(&mut opts);
        let handle = serve::start(opts, report).expect("serve starts");
        Server {
            handle,
            events,
            content,
            _dir: dir,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.handle.addr()
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        get(self.addr(), path)
    }

    /// Number of rebuilds reported so far (successful or failed).
    pub fn builds(&self) -> usize {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| !matches!(e, ServeEvent::Listening { .. } | ServeEvent::DataPublished(_)))
            .count()
    }

    /// Wait (bounded) until more than `n` rebuilds were reported; the last summary.
    pub fn wait_build(&self, n: usize) -> Summary {
        poll(BOUND, || self.builds() > n).expect("a rebuild within the bound");
        match self.events.lock().unwrap().last() {
            Some(ServeEvent::Rebuilt(s)) | Some(ServeEvent::Failed { summary: s, .. }) => s.clone(),
            _ => Summary::default(),
        }
    }

    /// Wait (bounded) for a rebuild after the first `n` events whose changed files
    /// include `rel`, and until everything served is up to date (the last event says
    /// it settled: pages and data files); the rebuild's summary, with the data time.
    pub fn wait_change(&self, n: usize, rel: &str) -> Summary {
        self.wait_change_within(n, rel, BOUND)
    }

    /// [`Server::wait_change`] with another bound.
    pub fn wait_change_within(&self, n: usize, rel: &str, bound: Duration) -> Summary {
        let found = || {
            let events = self.events.lock().unwrap();
            let summary = |e: &ServeEvent| match e {
                ServeEvent::Rebuilt(s) | ServeEvent::Failed { summary: s, .. } => Some(s.clone()),
                _ => None,
            };
            let seen = events
                .iter()
                .skip(n)
                .filter_map(summary)
                .find(|s| s.changed.iter().any(|c| c == Path::new(rel)));
            let settled =
                matches!(events.last(), Some(ServeEvent::Rebuilt(s) | ServeEvent::DataPublished(s)) if s.settled);
            let data = match events.last() {
                Some(ServeEvent::DataPublished(d)) => Some((d.data, d.copy)),
                _ => None,
            };
            seen.filter(|_| settled).map(|s| match data {
                Some((data, copy)) => Summary { data, copy, ..s },
                None => s,
            })
        };
        let mut out = None;
        poll(bound, || {
            out = found();
            out.is_some()
        })
        .expect("the change is rebuilt within the bound");
        out.unwrap_or_default()
    }

    /// Number of events so far.
    pub fn events(&self) -> usize {
        self.events.lock().unwrap().len()
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.content.join(rel), text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content.join(rel)).unwrap()
    }

    pub fn stop(self) {
        self.handle.shutdown();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// HTTP/1.1 GET with a 5 s timeout: (status, body).
pub fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect_timeout(&addr, BOUND).unwrap();
    s.set_read_timeout(Some(BOUND)).unwrap();
    s.set_write_timeout(Some(BOUND)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, body.to_string())
}

/// Call `f` every 5 ms until it holds or `bound` passes: the time it took.
pub fn poll(bound: Duration, mut f: impl FnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < bound {
        if f() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/content")
}
