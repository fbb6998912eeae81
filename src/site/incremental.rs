//! Incremental rebuilds, for `touming serve`: what is kept between builds and what is
//! redone.
//!
//! Kept: the parsed content ([`RawContent`]) with the load-stage diagnostics, the theme,
//! and the search indexer's per-record cache. On a change only the changed files are
//! parsed again ([`content::reload_file`]); a new, deleted or renamed file makes a full
//! load. Lowering, lints, Markdown and derive then run over the whole model, exactly as
//! in `build` (so every cross-file check still holds), and the caller renders only the
//! pages whose inputs changed (`crate::serve`). Theme assets, the search index and the
//! data exports come last, after the pages are visible. Timings: docs/serve.md.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuilt<R> {
    /// Every problem of the build (load, lowering, lints), sorted.
    pub diags: Diagnostics,
    /// What the page callback returned; `None` when content errors stopped the build.
    pub pages: Option<R>,
    /// Theme assets, search index and data exports, when the callback asked for them.
    pub data: Option<(Vec<OutFile>, Vec<CopyFile>)>,
    /// Lowering, lints, Markdown and derive.
    pub model_time: Duration,
    pub data_time: Duration,
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
    indexer: SearchIndexer,
}

impl Incremental {
    /// Load everything, like the first stage of a build.
    pub fn new(opts: &BuildOptions) -> Incremental {
        let mut inc = Incremental {
            opts: opts.clone(),
            raw: RawContent::default(),
            catalog: Catalog::default(),
            load_diags: Diagnostics::default(),
            theme: Theme::default(),
            theme_diag: None,
            theme_generation: 0,
            indexer: SearchIndexer::new(),
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
    }

    /// The theme as `Build::load` finds it (site.yaml `theme`, `themes/` beside content).
    fn load_theme(&mut self) {
        let site_root = self.opts.content.parent().unwrap_or(Path::new("."));
        let name = self.raw.site.as_ref().and_then(|s| s.data.theme.as_ref());
        let name = name.map(|t| t.value.trim().to_string());
        let (theme, diag) = match Theme::load(site_root, name.as_deref()) {
            Ok(t) => (t, None),
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
            if content::reload_file(&root, rel, &self.catalog, &mut self.raw, &mut self.load_diags) {
                reparsed += 1;
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

    /// Lower, lint, render Markdown and derive the whole model; then, when there are no
    /// errors, call `pages` with it. `pages` returns its result and whether to make the
    /// data files (theme assets, search index, exports) too.
    pub fn rebuild<R>(&mut self, pages: impl FnOnce(&Site, &Derived) -> (R, bool)) -> Rebuilt<R> {
        let started = Instant::now();
        let mut b = self.model();
        let model_time = started.elapsed();
        let mut diags = b.diags.clone();
        diags.sort();
        let mut out = Rebuilt {
            diags,
            pages: None,
            data: None,
            model_time,
            data_time: Duration::ZERO,
        };
        if let (false, Some(site), Some(derived)) = (out.diags.has_errors(), &b.site, &b.derived) {
            let (r, want_data) = pages(site, derived);
            out.pages = Some(r);
            if want_data {
                let started = Instant::now();
                b = self.data(b, &mut out);
                out.data_time = started.elapsed();
            }
        }
        self.keep(b);
        out
    }

    /// The model stages of a build, on the kept content.
    fn model(&mut self) -> Build {
        let mut diags = self.load_diags.clone();
        diags.0.extend(self.theme_diag.clone());
        let b = Build {
            opts: self.opts.clone(),
            diags,
            raw: std::mem::take(&mut self.raw),
            theme: std::mem::take(&mut self.theme),
            site: None,
            derived: None,
            files: vec![],
            copies: vec![],
            indexer: std::mem::take(&mut self.indexer),
        };
        b.lower().lint().history().render_markdown().derive()
    }

    /// Everything besides pages that `build` writes.
    fn data<R>(&mut self, mut b: Build, out: &mut Rebuilt<R>) -> Build {
        b.render_extras();
        let mut b = b.index_search().export();
        out.data = Some((std::mem::take(&mut b.files), std::mem::take(&mut b.copies)));
        b
    }

    /// Take back what the next rebuild reuses.
    fn keep(&mut self, mut b: Build) {
        self.raw = std::mem::take(&mut b.raw);
        self.theme = std::mem::take(&mut b.theme);
        self.indexer = std::mem::take(&mut b.indexer);
    }
}
