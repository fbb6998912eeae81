//! The orchestrator: one build, stage by stage. Its method names are the pipeline:
//! `load → lower → lint → history → render_markdown → derive → render → index_search → export → write`.
//!
//! I/O happens only at the ends: `load` reads content and theme, `write` publishes.
//! Everything between is pure and parallel where it pays.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::content::{self, RawContent};
use crate::derive::{self, Derived};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{self, LowerOptions, Site};
use crate::output::{self, CopyFile};
use crate::render::{self, OutFile, Renderer, Theme};

mod history;
mod incremental;
mod lint;
mod partial;
mod stream;

pub use incremental::{Changes, DataDone, DataJob, Incremental};
pub use partial::Delta;

/// What a build needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out: PathBuf,
    pub now: NaiveDate,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Read last-updated dates and revision histories from git (off in tests, where
    /// the repository's own history would make output depend on commits).
    pub history: bool,
}

/// What a finished build produced.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub warnings: Diagnostics,
}

/// A build in progress.
pub struct Build {
    opts: BuildOptions,
    diags: Diagnostics,
    raw: RawContent,
    theme: Theme,
    site: Option<Site>,
    derived: Option<Derived>,
    files: Vec<OutFile>,
    copies: Vec<CopyFile>,
    /// Keeps per-record search work between builds (for `serve`).
    indexer: crate::search::SearchIndexer,
}

impl Build {
    /// Read the content tree and the theme.
    pub fn load(opts: &BuildOptions) -> Build {
        let mut diags = Diagnostics::default();
        let raw = content::load(&opts.content, &mut diags);
        let site_root = opts.content.parent().unwrap_or(Path::new("."));
        let theme_name = raw
            .site
            .as_ref()
            .and_then(|s| s.data.theme.as_ref())
            .map(|t| t.value.trim().to_string());
        let theme = match Theme::load(site_root, theme_name.as_deref()) {
            Ok((theme, warning)) => {
                diags.0.extend(warning.map(|w| at_theme_field(&raw, w)));
                theme
            }
            Err(d) => {
                diags.push(at_theme_field(&raw, d));
                Theme::builtin()
            }
        };
        Build {
            opts: opts.clone(),
            diags,
            raw,
            theme,
            site: None,
            derived: None,
            files: vec![],
            copies: vec![],
            indexer: crate::search::SearchIndexer::new(),
        }
    }

    /// Check every value and reference; drop what is not to be published.
    pub fn lower(mut self) -> Self {
        let lo = LowerOptions {
            now: self.opts.now,
            drafts: self.opts.drafts,
            base_url: self.opts.base_url.clone(),
        };
        self.site = model::lower(&self.raw, &lo, &mut self.diags);
        self
    }

    /// The integrity lints (personal data, pre-award secrecy) over the published model.
    pub fn lint(mut self) -> Self {
        if let Some(site) = &self.site {
            self.diags.extend(lint::lint_site(site, &self.raw));
        }
        self
    }

    /// Markdown bodies → HTML and text.
    pub fn render_markdown(mut self) -> Self {
        let Some(site) = &mut self.site else { return self };
        let allow = site.config.allow_html;
        site.platforms.par_iter_mut().for_each(|p| markdown_platform(p, allow));
        markdown_globals(&mut site.patterns, &mut site.pages, allow);
        self
    }

    /// Last-updated dates and revision histories (修訂紀錄) from git, when enabled.
    pub fn history(mut self) -> Self {
        let (true, Some(site)) = (self.opts.history, &mut self.site) else {
            return self;
        };
        let history = crate::history::read_history(&self.opts.content);
        if history.available {
            history::apply(site, &self.raw, &history);
        }
        self
    }

    /// Timelines, registry, tracking, statistics.
    pub fn derive(mut self) -> Self {
        self.derived = self.site.as_ref().map(derive::derive);
        self
    }

    /// HTML pages and theme assets.
    pub fn render(mut self) -> Self {
        let (Some(site), Some(derived)) = (&self.site, &self.derived) else {
            return self;
        };
        if self.diags.has_errors() {
            return self;
        }
        match Renderer::new(&self.theme).and_then(|r| r.render_all(site, derived)) {
            Ok(files) => self.files.extend(files),
            Err(d) => self.diags.push(d),
        }
        self.render_extras();
        self
    }

    /// Everything `render` adds besides pages: theme assets, document copies, CMS files.
    /// (A separate method so that `serve`'s incremental rebuilds add the same files.)
    fn render_extras(&mut self) {
        let Some(site) = &self.site else { return };
        for (path, bytes) in &self.theme.assets {
            if !path.starts_with("i18n/") {
                self.files.push(OutFile {
                    path: format!("static/{path}"),
                    bytes: bytes.clone(),
                });
            }
        }
        self.copies.extend(document_copies(site));
        if let Some(cms) = &site.config.cms {
            self.files
                .extend(cms_files(&self.raw, cms, &self.opts.content, &site.config.base_url));
        }
    }

    /// The search index, per language, from the text the model already holds.
    pub fn index_search(mut self) -> Self {
        if let (Some(site), false) = (&self.site, self.diags.has_errors()) {
            for lang in &site.config.languages {
                let lang = if lang == "en" { "en" } else { "zh-TW" };
                let records = crate::search::records::records(site, lang);
                let files = self.indexer.build(&records, lang);
                self.files.extend(files.into_iter().map(|f| OutFile {
                    path: f.path,
                    bytes: f.bytes,
                }));
            }
        }
        self
    }

    /// Data files: JSON API (and later CSV, OC4IDS, feeds, sitemap).
    pub fn export(mut self) -> Self {
        if let (Some(site), Some(derived), false) = (&self.site, &self.derived, self.diags.has_errors()) {
            self.files.extend(crate::export::export(site, derived));
        }
        self
    }

    /// Publish atomically, unless anything failed.
    pub fn write(mut self) -> Result<BuildReport, Diagnostics> {
        self.diags.sort();
        if self.diags.has_errors() || self.site.is_none() {
            return Err(self.diags);
        }
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        if let Err(d) = output::publish(&self.opts.out, &self.files, &self.copies) {
            self.diags.push(d);
            return Err(self.diags);
        }
        let pages = self.files.iter().filter(|f| f.path.ends_with(".html")).count();
        Ok(BuildReport {
            pages,
            files: self.files.len() + self.copies.len(),
            warnings: self.diags,
        })
    }

    /// The model, once lowered (for `check`, tests and `serve`).
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// The derived facts, once derived (for tests of the exports).
    pub fn derived(&self) -> Option<&Derived> {
        self.derived.as_ref()
    }

    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diags
    }
}

/// Markdown bodies of one platform → HTML and text.
/// A theme folder that does not exist is a problem of site.yaml's `theme`: shown there,
/// with the folder that was looked for as the hint.
fn at_theme_field(raw: &content::RawContent, d: Diagnostic) -> Diagnostic {
    match raw.site.as_ref().and_then(|s| Some((s, s.data.theme.as_ref()?))) {
        Some((doc, t)) if d.pos.is_none() && d.message.starts_with("找不到佈景主題") => Diagnostic {
            path: doc.src.path.clone(),
            pos: Some(doc.src.at(t)),
            help: Some(format!("找過的資料夾：{}", d.path.display())),
            ..d
        },
        _ => d,
    }
}

fn markdown_platform(p: &mut crate::model::Platform, allow_html: bool) {
    let md = |b: &mut crate::model::Body| render::markdown::render_body_with(b, allow_html);
    md(&mut p.background);
    p.sections.iter_mut().for_each(|s| md(&mut s.body));
    p.meetings.iter_mut().for_each(|m| md(&mut m.minutes));
    p.reports.iter_mut().for_each(|r| md(&mut r.body));
}

/// Markdown bodies of patterns and free pages.
fn markdown_globals(patterns: &mut [crate::model::Pattern], pages: &mut [crate::model::Page], allow_html: bool) {
    let md = |b: &mut crate::model::Body| render::markdown::render_body_with(b, allow_html);
    patterns.iter_mut().for_each(|p| md(&mut p.body));
    pages.iter_mut().for_each(|p| md(&mut p.body));
}

/// The web editor's `admin/config.yml` and `admin/index.html` (site.yaml `cms`).
fn cms_files(raw: &RawContent, cms: &crate::model::Cms, content: &Path, base_url: &str) -> Vec<OutFile> {
    let app = if cms.app == "decap" {
        crate::cms::App::Decap
    } else {
        crate::cms::App::Sveltia
    };
    let opts = crate::cms::CmsOptions {
        app,
        repo: cms.repo.clone(),
        branch: cms.branch.clone(),
        auth_url: cms.auth_url.clone(),
        content_dir: crate::cms::repo_content_dir(content),
        site_url: Some(base_url.to_string()),
        script_url: None,
    };
    crate::cms::cms_files(raw, &opts)
        .into_iter()
        .map(|(path, bytes)| OutFile { path, bytes })
        .collect()
}

/// Every published document file, copied to `platforms/<slug>/<rel>`.
fn document_copies(site: &Site) -> Vec<CopyFile> {
    let mut out: Vec<CopyFile> = Vec::new();
    for p in &site.platforms {
        let docs = p
            .documents
            .iter()
            .chain(p.meetings.iter().flat_map(|m| m.documents.iter()));
        for f in docs.filter_map(|d| d.file.as_ref()) {
            let path = format!("platforms/{}/{}", p.slug, f.rel);
            if !out.iter().any(|c| c.path == path) {
                out.push(CopyFile {
                    path,
                    source: f.source.clone(),
                });
            }
        }
    }
    out
}

/// The whole pipeline.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    Build::load(opts)
        .lower()
        .lint()
        .history()
        .render_markdown()
        .derive()
        .publish()
}

/// Only the checks of a build (no output).
pub fn check(opts: &BuildOptions) -> Diagnostics {
    let b = Build::load(opts).lower().lint();
    let mut d = b.diags;
    d.sort();
    d
}

/// A problem outside content (bad arguments), in the same form as content problems.
pub fn usage_error(msg: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Path::new("touming"), None, msg)
}
