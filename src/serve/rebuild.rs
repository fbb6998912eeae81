//! The rebuild thread: changes in, pages and data files out to the shared map.
//!
//! Order of work after a change, so the edited page shows first: re-parse the changed
//! files; model stages of the changed platforms only (`site::Incremental`); template
//! values of what changed (`values`); the urgent pages (those that read only changed
//! *elements*, e.g. the edited meeting and its platform, or open in a browser), then
//! publish and reload. Then the background pass, a step at a time: period reports, then
//! the other dirty pages (lists, registry, reports) one per worker thread at a time,
//! each step published. Before each step it looks for new changes; if there are, it
//! stops and the next rebuild takes over (the pages left stay pending, the reports and
//! data files stay marked out of date): edits coalesce instead of queueing behind a
//! whole-site pass. Theme assets, the search index and the exports are made on the data
//! thread (`data`) from a copy of the model, and published when they come back.

use crate::render::escape_html as escape;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::Instant;

use super::data::DataThread;
use super::http::{Entry, Reload, Shared};
use super::pages::Pages;
pub use super::summary::Summary;
use super::track::Parts;
use super::values::Values;
use super::watch::Msg;
use super::{Reporter, ServeEvent, ServeOptions};
use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::render::OutFile;
use crate::site::{BuildOptions, Changes, DataDone, Incremental};

/// The rebuild thread's inbox: a sender (for the data thread) and its receiver.
pub type Channel = (Sender<Msg>, Receiver<Msg>);

/// Messages from the watcher and the data thread, with what arrived while a rebuild
/// was running.
struct Inbox {
    rx: Receiver<Msg>,
    report: Reporter,
    waiting: Option<(Changes, Instant)>,
    data: Option<(Box<DataDone>, u64)>,
    stop: bool,
}

/// What the rebuild thread does next.
enum Work {
    Changes(Changes, Instant),
    Data(Box<DataDone>, u64),
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
            Msg::Data(d, generation) => self.data = Some((d, generation)),
            Msg::Stop => self.stop = true,
        }
    }

    /// The next work: all changes waiting (merged) first, then a finished data pass;
    /// `None` to stop.
    fn next(&mut self) -> Option<Work> {
        while self.waiting.is_none() && self.data.is_none() && !self.stop {
            match self.rx.recv() {
                Ok(msg) => self.take(msg),
                Err(_) => self.stop = true,
            }
        }
        self.poll();
        if self.stop {
            return None;
        }
        match (self.waiting.take(), self.data.take()) {
            (Some((c, at)), data) => {
                self.data = data;
                Some(Work::Changes(c, at))
            }
            (None, Some((d, g))) => Some(Work::Data(d, g)),
            (None, None) => None,
        }
    }
}

/// The rebuild thread's state.
pub struct Rebuilder {
    inc: Incremental,
    pages: Option<Pages>,
    values: Values,
    shared: Arc<Shared>,
    report: Reporter,
    inbox: Inbox,
    data_keys: BTreeSet<String>,
    /// The data files are older than the model.
    data_stale: bool,
    data: DataThread,
    /// Counts changes to the model (a data pass is for one generation).
    generation: u64,
    /// The model has no errors (data files may be made from it).
    model_ok: bool,
    /// The last rebuild's summary and when its data pass started (for its report).
    last: Option<(Summary, Instant)>,
    warnings: Diagnostics,
}

impl Rebuilder {
    pub fn new(opts: &ServeOptions, port: u16, shared: Arc<Shared>, report: Reporter, msgs: Channel) -> Self {
        let (tx, rx) = msgs;
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
            data: None,
            stop: false,
        };
        Rebuilder {
            inc,
            pages: None,
            values: Values::default(),
            shared,
            report,
            inbox,
            data_keys: BTreeSet::new(),
            data_stale: true,
            data: DataThread::new(tx),
            generation: 0,
            model_ok: false,
            last: None,
            warnings: Diagnostics::default(),
        }
    }

    /// The first build (everything is dirty), data files included, before returning
    /// (the watcher is not started yet, so only the data pass can report back).
    pub fn first(&mut self) {
        self.rebuild(Changes::default(), Instant::now());
        while self.data.running() {
            match self.inbox.next() {
                Some(Work::Data(done, generation)) => self.data_done(*done, generation),
                Some(Work::Changes(changes, at)) => self.rebuild(changes, at),
                None => break,
            }
        }
    }

    /// Rebuild on every change until told to stop.
    pub fn run(mut self) {
        while let Some(work) = self.inbox.next() {
            match work {
                Work::Changes(changes, at) => self.rebuild(changes, at),
                Work::Data(done, generation) => self.data_done(*done, generation),
            }
        }
    }

    /// Start a data pass for the current model, unless one is running (then this is
    /// done when it reports back).
    fn start_data(&mut self) {
        if self.data.running() || !self.model_ok {
            return;
        }
        let started = Instant::now();
        if let Some(job) = self.inc.data_job() {
            self.data.start(job, self.generation);
        }
        if let Some((s, _)) = &mut self.last {
            s.copy = started.elapsed();
        }
    }

    /// A data pass reported back: publish its files if the model is still the one it
    /// was made from, else start one for the current model.
    fn data_done(&mut self, done: DataDone, generation: u64) {
        self.data.finished();
        let (files, copies) = self.inc.data_done(done);
        if generation != self.generation {
            if self.data_stale && !self.inbox.poll() {
                self.start_data();
            }
            return;
        }
        self.publish_data(files, copies);
        self.data_stale = false;
        if let Some((_, started)) = &self.last {
            let started = *started;
            self.report_data(started);
        }
    }

    /// Tell that the data files are published.
    fn report_data(&mut self, started: Instant) {
        let Some((mut s, _)) = self.last.take() else { return };
        s.data = Some(started.elapsed());
        s.settled = s.background.is_some();
        (self.report)(ServeEvent::DataPublished(s));
    }

    fn rebuild(&mut self, changes: Changes, at: Instant) {
        let (started, waited) = (Instant::now(), at.elapsed());
        let (reparsed, full_load) = self.inc.apply(&changes);
        let mut summary = Summary {
            changed: changes.files.into_iter().collect(),
            theme_changed: changes.theme,
            reparsed,
            full_load,
            waited,
            read: started.elapsed(),
            ..Summary::default()
        };
        if reparsed > 0 || changes.theme {
            self.data_stale = true;
            self.generation += 1;
        }
        let Some(mut pages) = self.pages_for_theme(&summary) else {
            return;
        };
        let (diags, model) = self.inc.update();
        self.model_ok = !diags.has_errors();
        summary.model = model;
        summary.warnings = self.new_warnings(&diags);
        if diags.has_errors() {
            self.pages = Some(pages);
            return self.failed(diags, summary);
        }
        let result = self.urgent(&mut pages, &mut summary, at).and_then(|()| {
            let started = Instant::now();
            let done = self.background(&mut pages, &mut summary)?;
            summary.background = done.then(|| started.elapsed());
            Ok(())
        });
        self.pages = Some(pages);
        if let Err(e) = result {
            return self.failed(Diagnostics(vec![e]), summary);
        }
        summary.total = at.elapsed();
        summary.settled = summary.background.is_some() && !self.data_stale;
        if self.data_stale && summary.background.is_some() {
            self.last = Some((summary.clone(), Instant::now()));
            self.start_data();
        }
        (self.report)(ServeEvent::Rebuilt(summary));
    }

    /// The template values of the model now (converted again only where it changed).
    fn parts(&mut self) -> Arc<Parts> {
        let delta = self.inc.take_delta();
        match (self.inc.site(), self.inc.derived()) {
            (Some(site), Some(derived)) => self.values.update(site, derived, &delta),
            _ => Arc::default(),
        }
    }

    /// Render the pages about the change (and those open in a browser) and publish them.
    fn urgent(&mut self, pages: &mut Pages, s: &mut Summary, at: Instant) -> Result<(), Diagnostic> {
        let started = Instant::now();
        let parts = self.parts();
        s.tracking = started.elapsed();
        let open = self.shared.open_pages();
        let Some(site) = self.inc.site() else { return Ok(()) };
        let plan = pages.plan(site, &parts, &open);
        s.plan = started.elapsed() - s.tracking;
        (s.removed, s.deferred) = (plan.removed.len(), plan.rest.len());
        let files = pages.render(&plan.urgent, &parts)?;
        s.urgent = publish(&self.shared, files, &plan.removed);
        s.render = started.elapsed() - s.tracking - s.plan;
        s.visible = at.elapsed();
        Ok(())
    }

    /// Everything else, a step at a time, while no new change is waiting: the period
    /// reports, the other dirty pages (lists, registry, reports; a few at a time),
    /// then theme assets, search index and exports. Whether it got to the end (if not,
    /// the pages left stay dirty and the data files are made by the next rebuild).
    fn background(&mut self, pages: &mut Pages, s: &mut Summary) -> Result<bool, Diagnostic> {
        if self.inbox.poll() {
            return Ok(false);
        }
        self.inc.refresh_reports();
        let parts = self.parts();
        let open = self.shared.open_pages();
        let Some(site) = self.inc.site() else { return Ok(false) };
        let plan = pages.plan(site, &parts, &open);
        let todo: Vec<_> = plan.urgent.into_iter().chain(plan.rest).collect();
        s.deferred = todo.len();
        // One page per thread at a time: a slow page (a period report over every
        // platform) then delays a new change by at most about one page.
        for step in todo.chunks(rayon::current_num_threads().max(1)) {
            if self.inbox.poll() {
                return Ok(false);
            }
            let files = pages.render(step, &parts)?;
            s.rest.extend(publish(&self.shared, files, &[]));
            s.deferred -= step.len();
        }
        Ok(true)
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
