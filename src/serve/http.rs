//! The preview server (axum): the built site from memory, live reload over a WebSocket,
//! and the error overlay.
//!
//! Only responses change in serve mode; the built files never do. Every HTML response
//! gets, before `</body>`, the overlay of the current content errors (if any), a
//! stylesheet and the reload script, both served from `/__touming/`; its CSP `<meta>`
//! gains `connect-src 'self' ws://127.0.0.1:<port>` so the script may connect back.
//! A reload script opens `/__touming/ws`, sends its page's path, and is told `reload`
//! when that page (or the error state) changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, watch};
use tower_http::set_header::SetResponseHeaderLayer;

const RELOAD_JS: &str = include_str!("livereload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// One file of the site.
#[derive(Debug, Clone)]
pub enum Entry {
    Bytes(Bytes),
    /// A document copied from content (`files/`), read when asked for.
    File(PathBuf),
}

/// The site as served: files by output path, and the overlay (HTML) while content has
/// errors.
#[derive(Debug, Default)]
pub struct SiteMap {
    pub files: BTreeMap<String, Entry>,
    pub overlay: Option<String>,
}

/// What open pages should reload.
#[derive(Debug, Clone)]
pub enum Reload {
    All,
    /// Output paths (`platforms/x/index.html`) that changed.
    Pages(Arc<BTreeSet<String>>),
}

/// Shared between the server, the rebuild thread and the handle.
pub struct Shared {
    pub map: RwLock<SiteMap>,
    pub reload: broadcast::Sender<Reload>,
    /// Pages open in a browser, by connection.
    open: Mutex<BTreeMap<u64, String>>,
    next_id: AtomicU64,
    port: u16,
    shutdown: watch::Receiver<bool>,
}

impl Shared {
    pub fn new(port: u16, shutdown: watch::Receiver<bool>) -> Arc<Shared> {
        Arc::new(Shared {
            map: RwLock::default(),
            reload: broadcast::channel(64).0,
            open: Mutex::default(),
            next_id: AtomicU64::new(0),
            port,
            shutdown,
        })
    }

    /// Output paths of the pages open in a browser now.
    pub fn open_pages(&self) -> BTreeSet<String> {
        self.open
            .lock()
            .map(|o| o.values().cloned().collect())
            .unwrap_or_default()
    }
}

/// The router: `/__touming/…` for the reload machinery, everything else from the map.
pub fn router(shared: Arc<Shared>) -> Router {
    let no_store = HeaderValue::from_static("no-store");
    Router::new()
        .route(
            "/__touming/livereload.js",
            get(|| async { asset("text/javascript", RELOAD_JS) }),
        )
        .route(
            "/__touming/overlay.css",
            get(|| async { asset("text/css", OVERLAY_CSS) }),
        )
        .route("/__touming/ws", get(ws))
        .fallback(get(page))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, no_store))
        .with_state(shared)
}

fn asset(mime: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, mime)], body).into_response()
}

/// The output path a URL path names: percent-decoded, `dir/` → `dir/index.html`.
/// `None` for paths that try to leave the site (`..`).
pub fn key_of(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let key = decoded.trim_start_matches('/');
    if key.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    Some(if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let Some(key) = key_of(uri.path()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let (found, overlay, dir) = {
        let map = shared.map.read().unwrap_or_else(|e| e.into_inner());
        let dir = map.files.contains_key(&format!("{key}/index.html"));
        (map.files.get(&key).cloned(), map.overlay.clone(), dir)
    };
    match found {
        Some(entry) => respond(&shared, &key, entry, overlay, StatusCode::OK).await,
        None if dir => {
            let to = format!("{}/", uri.path());
            (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response()
        }
        None => not_found(&shared, &key, overlay).await,
    }
}

async fn not_found(shared: &Shared, key: &str, overlay: Option<String>) -> Response {
    let candidates = if key.starts_with("en/") {
        ["en/404.html", "404.html"]
    } else {
        ["404.html", "404.html"]
    };
    let entry = {
        let map = shared.map.read().unwrap_or_else(|e| e.into_inner());
        candidates.iter().find_map(|c| map.files.get(*c).cloned())
    };
    match entry {
        Some(e) => respond(shared, "404.html", e, overlay, StatusCode::NOT_FOUND).await,
        None => (StatusCode::NOT_FOUND, "404").into_response(),
    }
}

async fn respond(shared: &Shared, key: &str, entry: Entry, overlay: Option<String>, status: StatusCode) -> Response {
    let bytes = match entry {
        Entry::Bytes(b) => b,
        Entry::File(path) => match tokio::fs::read(&path).await {
            Ok(b) => Bytes::from(b),
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let mime = mime(key);
    let body = if mime.starts_with("text/html") {
        Body::from(inject(
            &String::from_utf8_lossy(&bytes),
            overlay.as_deref(),
            shared.port,
        ))
    } else {
        Body::from(bytes)
    };
    (status, [(header::CONTENT_TYPE, mime)], body).into_response()
}

/// Serve-mode additions to a page: CSP for the WebSocket, overlay, stylesheet, script.
pub fn inject(html: &str, overlay: Option<&str>, port: u16) -> String {
    let html = allow_websocket(html, port);
    let tail = format!(
        "{}<link rel=\"stylesheet\" href=\"/__touming/overlay.css\"><script src=\"/__touming/livereload.js\" defer></script>\n",
        overlay.unwrap_or("")
    );
    match html.rfind("</body>") {
        Some(i) => format!("{}{tail}{}", &html[..i], &html[i..]),
        None => html + &tail,
    }
}

/// Add the reload socket to the page's CSP `<meta>` (a header cannot loosen a `<meta>`).
fn allow_websocket(html: &str, port: u16) -> String {
    const META: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    let Some(start) = html.find(META).map(|i| i + META.len()) else {
        return html.to_string();
    };
    let Some(len) = html[start..].find('"') else {
        return html.to_string();
    };
    let policy = &html[start..start + len];
    let ws = format!("ws://127.0.0.1:{port} ws://localhost:{port}");
    let policy = match policy.find("connect-src") {
        Some(i) => format!("{} {ws}{}", &policy[..i + 11], &policy[i + 11..]),
        None => format!("{}; connect-src 'self' {ws}", policy.trim_end().trim_end_matches(';')),
    };
    format!("{}{policy}{}", &html[..start], &html[start + len..])
}

fn mime(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

async fn ws(upgrade: WebSocketUpgrade, State(shared): State<Arc<Shared>>) -> Response {
    upgrade.on_upgrade(move |socket| client(socket, shared))
}

/// One open page: learn its path, then forward the reloads that concern it.
async fn client(mut socket: WebSocket, shared: Arc<Shared>) {
    let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
    let mut reloads = shared.reload.subscribe();
    let mut shutdown = shared.shutdown.clone();
    let mut page: Option<String> = None;
    loop {
        let send = tokio::select! {
            msg = socket.recv() => match msg {
                Some(Ok(Message::Text(t))) => {
                    page = key_of(t.as_str());
                    if let (Some(p), Ok(mut open)) = (&page, shared.open.lock()) {
                        open.insert(id, p.clone());
                    }
                    false
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => false,
            },
            r = reloads.recv() => match r {
                Ok(Reload::Pages(paths)) => page.as_ref().is_none_or(|p| paths.contains(p) || !exists(&shared, p)),
                Ok(Reload::All) | Err(broadcast::error::RecvError::Lagged(_)) => true,
                Err(broadcast::error::RecvError::Closed) => break,
            },
            _ = shutdown.changed() => break,
        };
        if send && socket.send(Message::Text("reload".into())).await.is_err() {
            break;
        }
    }
    if let Ok(mut open) = shared.open.lock() {
        open.remove(&id);
    }
}

/// Whether the page is in the site (a client on a 404 reloads on any change).
fn exists(shared: &Shared, key: &str) -> bool {
    shared.map.read().map(|m| m.files.contains_key(key)).unwrap_or(false)
}
