//! `touming serve`: build, serve on 127.0.0.1 from memory, watch, rebuild incrementally,
//! reload open pages.
//!
//! Three threads: the HTTP server (a small tokio runtime, [`http`]), the watcher
//! ([`watch`], notify + debouncer) and the rebuild thread, which owns the state kept
//! between builds ([`crate::site::Incremental`]: parsed content, theme, search cache) and
//! the page records ([`pages`], [`track`]). A rebuild re-parses the changed files, runs
//! the model stages, renders the dirty pages most urgent first and puts them in the
//! shared map (pages are visible, open pages reload), then the rest, then the data files.
//! On content errors the last good site stays and every HTML response carries an overlay
//! with the errors. Nothing is written to disk. Design and figures: docs/serve.md.

mod data;
mod http;
mod pages;
mod rebuild;
mod summary;
mod track;
mod values;
mod watch;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostics;
pub use http::{Entry, inject, key_of};
pub use rebuild::Summary;
use watch::Msg;

/// What `touming serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub content: PathBuf,
    pub now: NaiveDate,
    /// Include drafts (preview only; `build` never does unless asked).
    pub drafts: bool,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Poll the files instead of using the system's file events.
    pub poll: bool,
    /// Quiet time after the last file event before rebuilding.
    pub debounce: Duration,
}

impl ServeOptions {
    pub fn new(content: PathBuf, now: NaiveDate) -> ServeOptions {
        let debounce = Duration::from_millis(20);
        ServeOptions {
            content,
            now,
            drafts: false,
            port: 1111,
            poll: false,
            debounce,
        }
    }
}

/// What the server reports (the binary prints these).
#[derive(Debug)]
pub enum ServeEvent {
    Listening {
        url: String,
    },
    /// Pages are up to date (the data files follow: [`ServeEvent::DataPublished`]).
    Rebuilt(Summary),
    /// The search index and data exports of the last rebuild are published.
    DataPublished(Summary),
    /// Content errors: the last good site is still served, with these in an overlay.
    Failed {
        diags: Diagnostics,
        summary: Summary,
    },
    WatchError(String),
}

/// Where events go.
pub type Reporter = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// A running server. Dropping it stops it too, without waiting for the threads.
pub struct ServeHandle {
    addr: SocketAddr,
    shared: Arc<http::Shared>,
    stop: tokio::sync::watch::Sender<bool>,
    msgs: Sender<Msg>,
    rebuild: Option<JoinHandle<()>>,
    runtime: Option<tokio::runtime::Runtime>,
    _watch: watch::Watch,
}

impl ServeHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The bytes served at an output path now (without serve-mode additions).
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        let map = self.shared.map.read().ok()?;
        match map.files.get(path)? {
            Entry::Bytes(b) => Some(b.to_vec()),
            Entry::File(p) => std::fs::read(p).ok(),
        }
    }

    /// Output paths of everything served.
    pub fn paths(&self) -> Vec<String> {
        self.shared
            .map
            .read()
            .map(|m| m.files.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Block until the server stops (it does not, short of the process ending).
    pub fn wait(mut self) {
        if let Some(t) = self.rebuild.take() {
            let _ = t.join();
        }
    }

    /// Stop watching, rebuilding and serving; wait for the threads (bounded).
    pub fn shutdown(mut self) {
        let _ = self.stop.send(true);
        let _ = self.msgs.send(Msg::Stop);
        if let Some(t) = self.rebuild.take() {
            let _ = t.join();
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(2));
        }
    }
}

/// Build the site, start serving it on 127.0.0.1 and watching the content folder and
/// the `themes/` folder beside it. Returns once the first build is served.
pub fn start(opts: ServeOptions, report: Reporter) -> std::io::Result<ServeHandle> {
    let listener = TcpListener::bind(("127.0.0.1", opts.port))?;
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let shared = http::Shared::new(addr.port(), stop_rx.clone());
    let (msgs, rx) = mpsc::channel();
    let content = std::fs::canonicalize(&opts.content).unwrap_or_else(|_| opts.content.clone());
    let channel = (msgs.clone(), rx);
    let mut rebuilder = rebuild::Rebuilder::new(&opts, addr.port(), shared.clone(), report.clone(), channel);
    rebuilder.first();
    let runtime = serve_http(listener, shared.clone(), stop_rx)?;
    let themes = content.parent().map(|p| p.join("themes")).filter(|t| t.is_dir());
    let w = watch::start(&content, themes.as_deref(), opts.poll, opts.debounce, msgs.clone());
    let w = w.map_err(std::io::Error::other)?;
    let rebuild = std::thread::Builder::new()
        .name("touming-rebuild".into())
        .spawn(move || rebuilder.run())?;
    report(ServeEvent::Listening {
        url: format!("http://{addr}/"),
    });
    let (rebuild, runtime) = (Some(rebuild), Some(runtime));
    Ok(ServeHandle {
        addr,
        shared,
        stop,
        msgs,
        rebuild,
        runtime,
        _watch: w,
    })
}

/// The HTTP server on its own small runtime, until `stop` turns true.
fn serve_http(
    listener: TcpListener,
    shared: Arc<http::Shared>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<tokio::runtime::Runtime> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let listener = {
        let _guard = runtime.enter();
        tokio::net::TcpListener::from_std(listener)?
    };
    let app = http::router(shared);
    runtime.spawn(async move {
        let done = async move { while stop.changed().await.is_ok() && !*stop.borrow() {} };
        let _ = axum::serve(listener, app).with_graceful_shutdown(done).await;
    });
    Ok(runtime)
}
