//! Rendering only the pages whose inputs changed.
//!
//! Each rendered page keeps a record: what identifies it (template, language, path,
//! page variables) and what it read of the model, with the hashes it saw ([`track`]).
//! A plan compares the records with the new model: new pages and pages whose reads now
//! hash differently are dirty. Dirty pages whose changed reads are all *elements* (the
//! edited meeting's platform, its derived facts), new pages, and pages open in a browser
//! come first ("urgent"); pages that are dirty through a whole list (home, registry,
//! reports) come second, so the page being edited is visible before the aggregates are
//! redone.
//!
//! Pages are rendered by the build's own [`Renderer::render_job_with`], given the tracking
//! objects instead of the whole model; tests/serve_incremental.rs checks that serve's pages
//! are byte-identical to `touming build`'s.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use super::track::{self, Dep, Log, Parts};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::render::{self, Job, OutFile, Renderer, Theme};

/// What a rebuild has to render.
#[derive(Debug, Default)]
pub struct Plan {
    /// Dirty pages about a changed element, new, or open in a browser.
    pub urgent: Vec<Job>,
    /// Dirty pages that read a changed list or single value.
    pub rest: Vec<Job>,
    /// Output paths of pages that no longer exist.
    pub removed: Vec<String>,
}

struct Record {
    ident: u64,
    deps: Vec<(Dep, Option<u64>)>,
}

/// The templates of one theme, and what each page last read.
pub struct Pages {
    renderer: Renderer,
    generation: u64,
    records: BTreeMap<String, Record>,
    /// Every page served now (kept across themes, to know what to remove).
    served: BTreeSet<String>,
    /// The pages that read each thing (the records, inverted).
    readers: HashMap<Dep, BTreeSet<String>>,
    /// The hash of each thing read, as of the last plan.
    seen: HashMap<Dep, Option<u64>>,
    /// Pages found dirty and not rendered since.
    pending: BTreeSet<String>,
    /// The page list, by output path, and the key of what it was made from.
    jobs: BTreeMap<String, Job>,
    jobs_key: Option<u64>,
}

impl Pages {
    /// Compile the theme's templates (`Renderer::new`). `served`: the pages served now
    /// (from the previous theme's `Pages`), all of which will render again.
    pub fn new(theme: &Theme, generation: u64, served: BTreeSet<String>) -> Result<Pages, Diagnostic> {
        Ok(Pages {
            renderer: Renderer::new(theme)?,
            generation,
            records: BTreeMap::new(),
            served,
            readers: HashMap::new(),
            seen: HashMap::new(),
            pending: BTreeSet::new(),
            jobs: BTreeMap::new(),
            jobs_key: None,
        })
    }

    /// The pages served now.
    pub fn served(&self) -> BTreeSet<String> {
        self.served.clone()
    }

    /// The theme generation these templates came from.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Which pages of `site` to render, given the model's `parts` now and the pages open
    /// in a browser (output paths). Only pages that read something whose hash changed
    /// since the last plan are looked at (through `readers`), plus those still pending;
    /// the page list is made again only when what it is made from changed.
    pub fn plan(&mut self, site: &Site, parts: &Parts, open: &BTreeSet<String>) -> Plan {
        let mut plan = Plan::default();
        let key = render::jobs_key(site);
        if self.jobs_key != Some(key) {
            plan.removed = self.new_jobs(site, key);
        }
        for (dep, seen) in self.seen.iter_mut() {
            let now = parts.hash(dep);
            if now != *seen {
                *seen = now;
                self.pending
                    .extend(self.readers.get(dep).into_iter().flatten().cloned());
            }
        }
        let pending = std::mem::take(&mut self.pending);
        for path in pending {
            let Some(job) = self.jobs.get(&path) else { continue };
            let changed: Vec<&Dep> = match self.records.get(&path) {
                Some(r) if r.ident == ident(job) => r
                    .deps
                    .iter()
                    .filter(|(d, h)| parts.hash(d) != *h)
                    .map(|(d, _)| d)
                    .collect(),
                _ => {
                    plan.urgent.push(job.clone());
                    self.pending.insert(path);
                    continue;
                }
            };
            if changed.is_empty() {
                continue;
            }
            // About the change: a page of one thing (a platform, meeting, pattern …) that
            // read only elements of what changed (the edited meeting's platform), not a
            // whole list (home, registry). Period reports read elements too (one row per
            // platform) but are long pages about every platform: they come after.
            if open.contains(&path) || (job.template != "report.html" && changed.iter().all(|d| d.is_element())) {
                plan.urgent.push(job.clone());
            } else {
                plan.rest.push(job.clone());
            }
            self.pending.insert(path);
        }
        plan
    }

    /// Make the page list again; pages that are new or whose identity changed become
    /// pending. Returns the pages that are gone.
    fn new_jobs(&mut self, site: &Site, key: u64) -> Vec<String> {
        self.jobs = render::jobs(site).into_iter().map(|j| (j.path.clone(), j)).collect();
        self.jobs_key = Some(key);
        let removed: Vec<String> = self
            .served
            .iter()
            .filter(|p| !self.jobs.contains_key(*p))
            .cloned()
            .collect();
        for p in &removed {
            self.forget(p);
            self.served.remove(p);
            self.pending.remove(p);
        }
        for (path, job) in &self.jobs {
            if self.records.get(path).is_none_or(|r| r.ident != ident(job)) {
                self.pending.insert(path.clone());
            }
        }
        removed
    }

    /// Drop a page's record (and its entries in `readers`).
    fn forget(&mut self, path: &str) {
        let Some(old) = self.records.remove(path) else { return };
        for (dep, _) in old.deps {
            if let Some(r) = self.readers.get_mut(&dep) {
                r.remove(path);
                if r.is_empty() {
                    self.readers.remove(&dep);
                    self.seen.remove(&dep);
                }
            }
        }
    }

    /// Render `jobs` (in parallel) and remember what each read. On a template error
    /// nothing is remembered, so the pages stay dirty.
    pub fn render(&mut self, jobs: &[Job], parts: &Arc<Parts>) -> Result<Vec<OutFile>, Diagnostic> {
        let done: Vec<(OutFile, Record)> = jobs
            .par_iter()
            .map(|job| self.render_job(job, parts))
            .collect::<Result<_, _>>()?;
        let mut files = Vec::with_capacity(done.len());
        for (file, record) in done {
            self.forget(&file.path);
            for (dep, h) in &record.deps {
                self.seen.entry(dep.clone()).or_insert(*h);
                self.readers.entry(dep.clone()).or_default().insert(file.path.clone());
            }
            self.records.insert(file.path.clone(), record);
            self.served.insert(file.path.clone());
            self.pending.remove(&file.path);
            files.push(file);
        }
        Ok(files)
    }

    /// One page, by the build's renderer, noting what it reads.
    fn render_job(&self, job: &Job, parts: &Arc<Parts>) -> Result<(OutFile, Record), Diagnostic> {
        let log = Log::default();
        let file = self
            .renderer
            .render_job_with(job, &parts.root(0, &log), &parts.root(1, &log))?;
        let deps: Vec<Dep> = log.lock().map(|l| l.iter().cloned().collect()).unwrap_or_default();
        let deps = deps
            .into_iter()
            .map(|d| (parts.hash(&d), d))
            .map(|(h, d)| (d, h))
            .collect();
        let record = Record {
            ident: ident(job),
            deps,
        };
        Ok((file, record))
    }
}

/// What identifies a page besides the model: template, language, place, page variables.
fn ident(job: &Job) -> u64 {
    let mut h = DefaultHasher::new();
    (&job.template, job.lang, &job.path, &job.url, &job.twin).hash(&mut h);
    track::hash(&job.ctx).hash(&mut h);
    h.finish()
}
