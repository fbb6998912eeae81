//! Incremental rebuilds, for `touming serve`: what is kept between builds and what is
//! redone.
//!
//! Kept: the parsed content ([`RawContent`]) with the load-stage diagnostics, the model
//! ([`partial::Model`](super::partial::Model): the site and derived facts, per-platform
//! problems), the theme, and the search indexer's per-record cache. On a change only the
//! changed files are parsed again ([`content::reload_file`]); a new, deleted or renamed
//! file makes a full load, after which platforms are compared by fingerprint. Only the
//! platforms whose files changed are lowered, linted and derived again; the site-wide
//! parts are redone each time (cheap), the period reports on request. The caller renders
//! only the pages whose inputs changed (`crate::serve`). Theme assets, the search index
//! and the data exports come last ([`Incremental::data_job`]), made by the same `Build`
//! stages as a build. Timings: docs/serve.md.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::partial::{Delta, Dirty, Model};
use super::{Build, BuildOptions};
use crate::content::{self, Catalog, RawContent};
use crate::derive::Derived;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::CopyFile;
use crate::render::{OutFile, Theme};
use crate::search::SearchIndexer;

/// What changed on disk since the last rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Changed content files, relative to the content folder.
    pub files: BTreeSet<PathBuf>,
    /// A change a single-file reload cannot handle (new, deleted or renamed file, folder).
    pub rescan: bool,
    /// The theme folder changed.
    pub theme: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && !self.rescan && !self.theme
    }

    pub fn merge(&mut self, other: Changes) {
        self.files.extend(other.files);
        self.rescan |= other.rescan;
        self.theme |= other.theme;
    }
}

/// The state kept between rebuilds.
pub struct Incremental {
    opts: BuildOptions,
    raw: RawContent,
    catalog: Catalog,
    /// Problems of the load stage (walk and parse), kept per file by `reload_file`.
    load_diags: Diagnostics,
    theme: Theme,
    theme_diag: Option<Diagnostic>,
    theme_generation: u64,
    /// `None` while a [`DataJob`] has it.
    indexer: Option<SearchIndexer>,
    model: Model,
    /// What changed since the model was last brought up to date.
    dirty: Dirty,
}

impl Incremental {
    /// Load everything, like the first stage of a build. (Git history is not read:
    /// `opts.history` is ignored.)
    pub fn new(opts: &BuildOptions) -> Incremental {
        let mut inc = Incremental {
            opts: opts.clone(),
            raw: RawContent::default(),
            catalog: Catalog::default(),
            load_diags: Diagnostics::default(),
            theme: Theme::default(),
            theme_diag: None,
            theme_generation: 0,
            indexer: Some(SearchIndexer::new()),
            model: Model::default(),
            dirty: Dirty::default(),
        };
        inc.load_all();
        inc.load_theme();
        inc
    }

    /// The theme in use; its generation changes whenever it is loaded again.
    pub fn theme(&self) -> (&Theme, u64) {
        (&self.theme, self.theme_generation)
    }

    /// Number of content files parsed.
    pub fn files(&self) -> usize {
        self.catalog.len()
    }

    fn load_all(&mut self) {
        self.load_diags = Diagnostics::default();
        let (raw, catalog) = content::load_cataloged(&self.opts.content, &mut self.load_diags);
        self.raw = raw;
        self.catalog = catalog;
        self.dirty.load = true;
    }

    /// The theme as `Build::load` finds it (site.yaml `theme`, `themes/` beside content).
    fn load_theme(&mut self) {
        let site_root = self.opts.content.parent().unwrap_or(Path::new("."));
        let name = self.raw.site.as_ref().and_then(|s| s.data.theme.as_ref());
        let name = name.map(|t| t.value.trim().to_string());
        let (theme, diag) = match Theme::load(site_root, name.as_deref()) {
            Ok(loaded) => loaded,
            Err(d) => (Theme::builtin(), Some(d)),
        };
        self.theme_diag = diag;
        if theme.templates != self.theme.templates || theme.assets != self.theme.assets || self.theme_generation == 0 {
            self.theme = theme;
            self.theme_generation += 1;
        }
    }

    /// Read what changed. Returns how many files were parsed again (all of them after a
    /// full load) and whether a full load was needed.
    pub fn apply(&mut self, changes: &Changes) -> (usize, bool) {
        let root = self.opts.content.clone();
        let mut full = changes.rescan;
        let mut reparsed = 0;
        for rel in &changes.files {
            if full {
                break;
            }
            if !self.catalog.contains(rel) && !root.join(rel).exists() {
                continue; // an editor's temporary file, already gone: nothing was read from it
            }
            let platform = self.catalog.platform_of(rel).map(|p| p.map(str::to_string));
            if content::reload_file(&root, rel, &self.catalog, &mut self.raw, &mut self.load_diags) {
                reparsed += 1;
                match platform {
                    Some(Some(slug)) => drop(self.dirty.platforms.insert(slug)),
                    _ => self.dirty.globals = true,
                }
            } else {
                full = true; // a new file or folder, a deleted one, a document under files/
            }
        }
        if full {
            self.load_all();
            reparsed = self.catalog.len();
        }
        if full || changes.theme || changes.files.iter().any(|f| f == Path::new("site.yaml")) {
            self.load_theme();
        }
        (reparsed, full)
    }

    /// Bring the model up to date with what [`Incremental::apply`] read: lower, lint,
    /// render Markdown and derive what changed. Returns every problem of the build so far
    /// (load, theme, lowering, lints), sorted, and how long it took. The model is usable
    /// (for pages and [`Incremental::data_job`]) when there are no errors.
    pub fn update(&mut self) -> (Diagnostics, Duration) {
        let started = Instant::now();
        let dirty = std::mem::take(&mut self.dirty);
        self.model.update(&self.raw, &self.opts, &dirty);
        let mut diags = self.load_diags.clone();
        diags.0.extend(self.theme_diag.clone());
        diags.extend(self.model.diagnostics());
        diags.sort();
        (diags, started.elapsed())
    }

    /// The model (after [`Incremental::update`]).
    pub fn site(&self) -> Option<&Site> {
        self.model.site()
    }

    pub fn derived(&self) -> Option<&Derived> {
        self.model.derived()
    }

    /// What changed in the model since the last call (for template values).
    pub fn take_delta(&mut self) -> Delta {
        self.model.take_delta()
    }

    /// Compute the period reports again if they are out of date; whether it did.
    pub fn refresh_reports(&mut self) -> bool {
        self.model.refresh_reports()
    }

    /// Everything besides pages that `build` writes (theme assets, document copies, CMS
    /// files, the search index with the kept per-record cache, the exports), from the
    /// current model by the same `Build` stages, as a job that owns what it needs (a copy
    /// of the model and the search indexer) to run on another thread while rebuilds go
    /// on. Call only when the model has no errors. `None` while another job has the
    /// indexer (give it back with [`Incremental::data_done`]).
    pub fn data_job(&mut self) -> Option<DataJob> {
        let indexer = self.indexer.take()?;
        self.model.refresh_reports();
        let mut b = Build {
            opts: self.opts.clone(),
            diags: Diagnostics::default(),
            raw: std::mem::take(&mut self.raw),
            theme: std::mem::take(&mut self.theme),
            site: self.model.site().cloned(),
            derived: self.model.derived().cloned(),
            files: vec![],
            copies: vec![],
            indexer,
        };
        b.render_extras();
        self.raw = std::mem::take(&mut b.raw);
        self.theme = std::mem::take(&mut b.theme);
        Some(DataJob { build: b })
    }

    /// Take back the indexer of a finished job; its files.
    pub fn data_done(&mut self, done: DataDone) -> (Vec<OutFile>, Vec<CopyFile>) {
        self.indexer = Some(done.indexer);
        (done.files, done.copies)
    }
}

/// The search index and exports of one model, ready to run anywhere.
pub struct DataJob {
    build: Build,
}

impl DataJob {
    /// `index_search` and `export`, as in a build.
    pub fn run(self) -> DataDone {
        let mut b = self.build.index_search().export();
        DataDone {
            files: std::mem::take(&mut b.files),
            copies: std::mem::take(&mut b.copies),
            indexer: std::mem::take(&mut b.indexer),
        }
    }
}

/// What a [`DataJob`] made.
pub struct DataDone {
    files: Vec<OutFile>,
    copies: Vec<CopyFile>,
    indexer: SearchIndexer,
}
