//! The rebuild thread: changes in, pages and data files out to the shared map.
//!
//! Order of work after a change, so the edited page shows first: re-parse the changed
//! files → model stages (whole model) → urgent pages (about a changed element, or open
//! in a browser) → publish + reload → the other dirty pages (lists, registry, reports)
//! → publish + reload → theme assets, search index and data exports → publish. When
//! more changes are already waiting after the urgent pages, the rest is left for the
//! next rebuild (its pages stay dirty in their records, the data files are made then).

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use minijinja::Value;
use minijinja::value::Serde;

use super::http::{Entry, Reload, Shared};
use super::pages::Pages;
use super::track::Parts;
use super::watch::Msg;
use super::{Reporter, ServeEvent, ServeOptions};
use crate::derive::Derived;
use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::model::Site;
use crate::render::{self, OutFile};
use crate::site::{BuildOptions, Changes, Incremental};

/// What one rebuild did, for the terminal and for tests.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Changed files (relative to the content folder); empty for the first build.
    pub changed: Vec<PathBuf>,
    pub theme_changed: bool,
    /// Files parsed again, and whether that was a full load.
    pub reparsed: usize,
    pub full_load: bool,
    /// Pages rendered first (about the change, or open), then the rest.
    pub urgent: Vec<String>,
    pub rest: Vec<String>,
    /// Pages left dirty for the next rebuild because more changes were waiting.
    pub deferred: usize,
    pub removed: usize,
    /// From the debounced file event to the urgent pages being served.
    pub visible: Duration,
    pub model: Duration,
    /// Splitting and hashing the model into the parts pages read (`track`).
    pub tracking: Duration,
    pub render: Duration,
    /// Theme assets, search index and exports (`None`: not made this time).
    pub data: Option<Duration>,
    /// From the file event to the end of the rebuild.
    pub total: Duration,
    /// Warnings, when they differ from the previous rebuild's (else empty).
    pub warnings: Diagnostics,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "重建完成：頁面 {:.0} ms 可見，全部 {:.0} ms",
            ms(self.visible),
            ms(self.total)
        )?;
        let load = if self.full_load {
            "全部重新讀取"
        } else {
            "重新讀取"
        };
        write!(f, "（{load} {} 個檔案；模型 {:.0} ms", self.reparsed, ms(self.model))?;
        write!(
            f,
            "；產生 {} 頁 {:.0} ms",
            self.urgent.len() + self.rest.len(),
            ms(self.render)
        )?;
        if let Some(d) = self.data {
            write!(f, "；搜尋索引與資料檔 {:.0} ms", ms(d))?;
        }
        write!(f, "）")?;
        let shown: Vec<&str> = self
            .urgent
            .iter()
            .chain(&self.rest)
            .take(6)
            .map(String::as_str)
            .collect();
        if !shown.is_empty() {
            let more = self.urgent.len() + self.rest.len() - shown.len();
            let more = if more > 0 {
                format!(" 等 {more} 頁")
            } else {
                String::new()
            };
            write!(f, "\n  重新產生：{}{more}", shown.join("、"))?;
        }
        if self.deferred > 0 {
            write!(f, "\n  另有 {} 頁待下一次重建", self.deferred)?;
        }
        Ok(())
    }
}

/// Messages from the watcher, with what arrived while a rebuild was running.
struct Inbox {
    rx: Receiver<Msg>,
    report: Reporter,
    waiting: Option<(Changes, Instant)>,
    stop: bool,
}

impl Inbox {
    /// Take in what has arrived; whether changes are waiting.
    fn poll(&mut self) -> bool {
        while let Ok(msg) = self.rx.try_recv() {
            self.take(msg);
        }
        self.waiting.is_some()
    }

    fn take(&mut self, msg: Msg) {
        match msg {
            Msg::Changes(c, at) => match &mut self.waiting {
                Some((w, _)) => w.merge(c),
                None => self.waiting = Some((c, at)),
            },
            Msg::Error(e) => (self.report)(ServeEvent::WatchError(e)),
            Msg::Stop => self.stop = true,
        }
    }

    /// The next batch of changes (all that is waiting, merged); `None` to stop.
    fn next(&mut self) -> Option<(Changes, Instant)> {
        while self.waiting.is_none() && !self.stop {
            match self.rx.recv() {
                Ok(msg) => self.take(msg),
                Err(_) => self.stop = true,
            }
        }
        self.poll();
        if self.stop { None } else { self.waiting.take() }
    }
}

/// The rebuild thread's state.
pub struct Rebuilder {
    inc: Incremental,
    pages: Option<Pages>,
    shared: Arc<Shared>,
    report: Reporter,
    inbox: Inbox,
    data_keys: BTreeSet<String>,
    warnings: Diagnostics,
}

/// What rendering the pages of one model did.
#[derive(Default)]
struct Rendered {
    summary: Summary,
    error: Option<Diagnostic>,
}

impl Rebuilder {
    pub fn new(opts: &ServeOptions, port: u16, shared: Arc<Shared>, report: Reporter, rx: Receiver<Msg>) -> Self {
        let build = BuildOptions {
            content: opts.content.clone(),
            out: PathBuf::from("site"),
            now: opts.now,
            base_url: Some(format!("http://127.0.0.1:{port}/")),
            drafts: opts.drafts,
            history: false,
        };
        let inc = Incremental::new(&build);
        let inbox = Inbox {
            rx,
            report: report.clone(),
            waiting: None,
            stop: false,
        };
        Rebuilder {
            inc,
            pages: None,
            shared,
            report,
            inbox,
            data_keys: BTreeSet::new(),
            warnings: Diagnostics::default(),
        }
    }

    /// The first build (everything is dirty).
    pub fn first(&mut self) {
        self.rebuild(Changes::default(), Instant::now());
    }

    /// Rebuild on every change until told to stop.
    pub fn run(mut self) {
        while let Some((changes, at)) = self.inbox.next() {
            self.rebuild(changes, at);
        }
    }

    fn rebuild(&mut self, changes: Changes, at: Instant) {
        let (reparsed, full_load) = self.inc.apply(&changes);
        let mut summary = Summary {
            changed: changes.files.into_iter().collect(),
            theme_changed: changes.theme,
            reparsed,
            full_load,
            ..Summary::default()
        };
        let Some(mut pages) = self.pages_for_theme(&summary) else {
            return;
        };
        let open = self.shared.open_pages();
        let (shared, inbox) = (self.shared.clone(), &mut self.inbox);
        let r = self.inc.rebuild(|site, derived| {
            let mut more = || inbox.poll();
            let out = render_pages(&mut pages, site, derived, &open, &shared, at, &mut more);
            let want_data = out.error.is_none() && out.summary.deferred == 0 && !inbox.poll();
            (out, want_data)
        });
        self.pages = Some(pages);
        summary.model = r.model_time;
        summary.warnings = self.new_warnings(&r.diags);
        let Some(rendered) = r.pages else {
            return self.failed(r.diags, summary);
        };
        if let Some(e) = rendered.error {
            return self.failed(Diagnostics(vec![e]), summary);
        }
        let p = rendered.summary;
        summary = Summary {
            urgent: p.urgent,
            rest: p.rest,
            deferred: p.deferred,
            removed: p.removed,
            ..summary
        };
        (summary.visible, summary.tracking, summary.render) = (p.visible, p.tracking, p.render);
        if let Some((files, copies)) = r.data {
            self.publish_data(files, copies);
            summary.data = Some(r.data_time);
        }
        summary.total = at.elapsed();
        (self.report)(ServeEvent::Rebuilt(summary));
    }

    /// The warnings of `diags` if they differ from the last reported ones (else none).
    fn new_warnings(&mut self, diags: &Diagnostics) -> Diagnostics {
        let warnings = Diagnostics(diags.warnings().cloned().collect());
        if warnings == self.warnings {
            return Diagnostics::default();
        }
        self.warnings = warnings.clone();
        warnings
    }

    /// The compiled templates of the current theme (compiled again when it changed).
    fn pages_for_theme(&mut self, summary: &Summary) -> Option<Pages> {
        let (theme, generation) = self.inc.theme();
        match self.pages.take() {
            Some(p) if p.generation() == generation => Some(p),
            old => match Pages::new(theme, generation, old.map(|p| p.served()).unwrap_or_default()) {
                Ok(p) => Some(p),
                Err(d) => {
                    self.failed(Diagnostics(vec![d]), summary.clone());
                    None
                }
            },
        }
    }

    /// Keep the last good site; show the errors over every page.
    fn failed(&mut self, diags: Diagnostics, summary: Summary) {
        let overlay = overlay(&diags);
        let changed = {
            let mut map = self.shared.map.write().unwrap_or_else(|e| e.into_inner());
            let changed = map.overlay.as_deref() != Some(overlay.as_str());
            map.overlay = Some(overlay);
            changed
        };
        if changed {
            let _ = self.shared.reload.send(Reload::All);
        }
        (self.report)(ServeEvent::Failed { diags, summary });
    }

    /// Replace the data files (everything but pages).
    fn publish_data(&mut self, files: Vec<OutFile>, copies: Vec<crate::output::CopyFile>) {
        let mut entries: Vec<(String, Entry)> = files
            .into_iter()
            .map(|f| (f.path, Entry::Bytes(f.bytes.into())))
            .collect();
        entries.extend(copies.into_iter().map(|c| (c.path, Entry::File(c.source))));
        let keys: BTreeSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
        let mut map = self.shared.map.write().unwrap_or_else(|e| e.into_inner());
        for gone in self.data_keys.difference(&keys) {
            map.files.remove(gone);
        }
        map.files.extend(entries);
        self.data_keys = keys;
    }
}

/// Plan, render and publish the dirty pages of a model: urgent ones first.
fn render_pages(
    pages: &mut Pages,
    site: &Site,
    derived: &Derived,
    open: &BTreeSet<String>,
    shared: &Shared,
    at: Instant,
    more: &mut dyn FnMut() -> bool,
) -> Rendered {
    let started = Instant::now();
    let parts = Arc::new(Parts::new(&Value::from(Serde(site)), &Value::from(Serde(derived))));
    let tracking = started.elapsed();
    let plan = pages.plan(render::jobs(site), &parts, open);
    let mut out = Rendered::default();
    let s = &mut out.summary;
    (s.removed, s.tracking) = (plan.removed.len(), tracking);
    match pages.render(&plan.urgent, &parts) {
        Ok(files) => s.urgent = publish(shared, files, &plan.removed),
        Err(e) => return Rendered { error: Some(e), ..out },
    }
    s.visible = at.elapsed();
    if !plan.rest.is_empty() && more() {
        s.deferred = plan.rest.len();
    } else {
        match pages.render(&plan.rest, &parts) {
            Ok(files) => s.rest = publish(shared, files, &[]),
            Err(e) => return Rendered { error: Some(e), ..out },
        }
    }
    s.render = started.elapsed();
    out
}

/// Put pages in the map, drop removed ones, clear the overlay; tell open pages.
fn publish(shared: &Shared, files: Vec<OutFile>, removed: &[String]) -> Vec<String> {
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let cleared = {
        let mut map = shared.map.write().unwrap_or_else(|e| e.into_inner());
        removed.iter().for_each(|p| drop(map.files.remove(p)));
        map.files
            .extend(files.into_iter().map(|f| (f.path, Entry::Bytes(f.bytes.into()))));
        map.overlay.take().is_some()
    };
    let changed: BTreeSet<String> = paths.iter().chain(removed).cloned().collect();
    let reload = if cleared {
        Reload::All
    } else {
        Reload::Pages(Arc::new(changed))
    };
    let _ = shared.reload.send(reload);
    paths
}

/// The errors as the terminal shows them, HTML-escaped, in the overlay.
fn overlay(diags: &Diagnostics) -> String {
    let mut text = String::new();
    for d in diags.errors() {
        let source = d.pos.and_then(|_| std::fs::read_to_string(&d.path).ok());
        let source = source.map(|s| s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s));
        text.push_str(&diagnostic::render(d, source.as_deref(), false));
        text.push('\n');
    }
    let n = diags.errors().count();
    format!(
        "<div id=\"touming-overlay\" role=\"alert\" lang=\"zh-Hant-TW\"><button type=\"button\">關閉</button>\
         <h2>內容有 {n} 個錯誤，網站沒有更新</h2><p>預覽顯示的是上一次成功建置的網站。修正並存檔後，這個訊息會自動消失。</p>\
         <pre>{}</pre></div>",
        escape(&text)
    )
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
