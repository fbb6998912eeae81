//! The model stages of a build — lower, lint, Markdown, derive — one platform at a time,
//! for `touming serve`.
//!
//! A platform's lowering, lints, Markdown and derived facts depend only on its own folder
//! and on the site-wide inputs (site.yaml, the agency ids of agencies.yaml, `--now`,
//! `--drafts`); nothing reads across platforms. So after an edit only the platforms whose
//! files changed go through the stages again (any change to site.yaml or agencies.yaml
//! redoes all of them). The site-wide parts — site.yaml, agencies, patterns, KPIs, free
//! pages, the registry and KPI results — are cheap and redone on every update. The period
//! reports read every platform; they are redone on request ([`Model::refresh_reports`]),
//! after the edited page is visible, or at once when the list of periods changed. The
//! result is exactly `lower → lint → render_markdown → derive` of a build, with the same
//! diagnostics (tests/serve_incremental.rs compares every output file with a build's).

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use super::{BuildOptions, lint, markdown_globals, markdown_platform};
use crate::content::{Doc, RawContent, RawPlatform};
use crate::derive::{self, Derived, PlatformDerived};
use crate::diagnostic::Diagnostics;
use crate::model::{self, LowerOptions, Platform, Site};

/// What to redo in the next [`Model::update`].
#[derive(Debug, Default, Clone)]
pub struct Dirty {
    /// The whole content was loaded again: find changed platforms by their fingerprints.
    pub load: bool,
    /// A file outside platforms changed (site.yaml, agencies, patterns, KPIs, pages).
    pub globals: bool,
    /// Platforms (folder slugs) with a changed file.
    pub platforms: BTreeSet<String>,
}

/// What changed in the model since the caller last took it ([`Model::take_delta`]): which
/// platforms have new values (`Site::platforms`, `Derived::platforms`); the site-wide
/// parts always may have. For `serve`'s template values.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delta {
    /// Every platform may have changed.
    pub all: bool,
    /// Platforms lowered again, added or gone (folder slugs).
    pub platforms: BTreeSet<String>,
    /// `Derived::reports` was computed again.
    pub reports: bool,
}

/// One platform through the stages.
struct Done {
    slug: String,
    platform: Option<Platform>,
    derived: Option<PlatformDerived>,
    diags: Diagnostics,
    fingerprint: u64,
}

/// The model kept between rebuilds.
#[derive(Default)]
pub struct Model {
    site: Option<Site>,
    derived: Option<Derived>,
    agency_ids: BTreeSet<String>,
    global_diags: Diagnostics,
    /// Lowering and lint problems of each platform folder (published or not).
    platform_diags: BTreeMap<String, Diagnostics>,
    fingerprints: BTreeMap<String, u64>,
    /// Fingerprint of site.yaml and agencies.yaml (`None`: not lowered yet, or failed).
    global_key: Option<u64>,
    reports_fresh: bool,
    delta: Delta,
}

impl Model {
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    pub fn derived(&self) -> Option<&Derived> {
        self.derived.as_ref()
    }

    /// What changed since the last call.
    pub fn take_delta(&mut self) -> Delta {
        std::mem::take(&mut self.delta)
    }

    /// Every problem of the model stages (unsorted).
    pub fn diagnostics(&self) -> Diagnostics {
        let mut d = self.global_diags.clone();
        self.platform_diags
            .values()
            .for_each(|p| d.0.extend(p.0.iter().cloned()));
        d
    }

    /// Bring the model up to date with `raw` after the changes in `dirty`.
    pub fn update(&mut self, raw: &RawContent, opts: &BuildOptions, dirty: &Dirty) {
        let lo = LowerOptions {
            now: opts.now,
            drafts: opts.drafts,
            base_url: opts.base_url.clone(),
        };
        let key = global_key(raw);
        let all = self.global_key != Some(key) || raw.agencies_failed || self.site.is_none();
        if all || dirty.globals || dirty.load {
            self.lower_globals(raw, &lo);
        }
        self.global_key = Some(key);
        let todo = self.todo(raw, dirty, all);
        self.lower_platforms(raw, &lo, &todo);
        self.reports_fresh &= todo.is_empty();
        self.delta.all |= all;
        self.delta.platforms.extend(todo);
        self.aggregates();
    }

    /// site.yaml, agencies, patterns, KPIs, pages: lowered, linted, Markdown rendered.
    /// An unusable site.yaml gives a stand-in configuration and an error (which keeps
    /// anything from being rendered) so that every other problem is still listed.
    fn lower_globals(&mut self, raw: &RawContent, lo: &LowerOptions) {
        let mut diags = Diagnostics::default();
        let globals = model::lower_globals(raw, lo, &mut diags);
        let platforms = self.site.take().map(|s| s.platforms).unwrap_or_default();
        self.agency_ids = globals.agency_ids.clone();
        let mut site = globals.into_site(platforms, lo);
        markdown_globals(&mut site.patterns, &mut site.pages, site.config.allow_html);
        diags.extend(lint::lint_globals(&site, raw));
        self.site = Some(site);
        self.global_diags = diags;
    }

    /// The platforms to put through the stages again.
    fn todo(&self, raw: &RawContent, dirty: &Dirty, all: bool) -> BTreeSet<String> {
        let known = |s: &String| self.platform_diags.contains_key(s);
        let mut todo: BTreeSet<String> = if all {
            raw.platforms.iter().map(|p| p.slug.clone()).collect()
        } else if dirty.load {
            let now: Vec<(String, u64)> = raw
                .platforms
                .par_iter()
                .map(|p| (p.slug.clone(), fingerprint(p)))
                .collect();
            now.into_iter()
                .filter(|(s, f)| self.fingerprints.get(s) != Some(f))
                .map(|(s, _)| s)
                .collect()
        } else {
            dirty.platforms.clone()
        };
        todo.extend(raw.platforms.iter().map(|p| &p.slug).filter(|s| !known(s)).cloned());
        let live: BTreeSet<&String> = raw.platforms.iter().map(|p| &p.slug).collect();
        todo.extend(self.platform_diags.keys().filter(|s| !live.contains(s)).cloned());
        todo
    }

    /// Lower, lint, render and derive the platforms in `todo`; put them in the model.
    fn lower_platforms(&mut self, raw: &RawContent, lo: &LowerOptions, todo: &BTreeSet<String>) {
        let Some(site) = &mut self.site else { return };
        let allow = lint::allow_list(&site.config);
        let (allow_html, t) = (site.config.allow_html, derive::thresholds(site));
        let ids = &self.agency_ids;
        let work: Vec<&RawPlatform> = raw.platforms.iter().filter(|rp| todo.contains(&rp.slug)).collect();
        let one = |rp: &&RawPlatform| {
            let mut diags = Diagnostics::default();
            let mut platform = model::lower_platform(rp, ids, lo, &mut diags);
            if let Some(p) = &mut platform {
                diags.extend(lint::lint_platform(p, rp, &allow));
                markdown_platform(p, allow_html);
            }
            let derived = platform.as_ref().map(|p| derive::platform(p, lo.now, t));
            let (slug, fingerprint) = (rp.slug.clone(), fingerprint(rp));
            Done {
                slug,
                platform,
                derived,
                diags,
                fingerprint,
            }
        };
        // One platform (an edit) is done on this thread: handing it to the pool and
        // waiting costs more than it saves.
        let done: Vec<Done> = if work.len() > 1 {
            work.par_iter().map(one).collect()
        } else {
            work.iter().map(one).collect()
        };
        let derived = self.derived.get_or_insert_with(|| empty_derived(site));
        for slug in todo {
            self.platform_diags.remove(slug);
            self.fingerprints.remove(slug);
            derived.platforms.remove(slug);
        }
        let mut fresh: BTreeMap<String, Platform> = BTreeMap::new();
        for d in done {
            self.platform_diags.insert(d.slug.clone(), d.diags);
            self.fingerprints.insert(d.slug.clone(), d.fingerprint);
            if let (Some(p), Some(pd)) = (d.platform, d.derived) {
                derived.platforms.insert(d.slug.clone(), pd);
                fresh.insert(d.slug, p);
            }
        }
        splice(site, raw, todo, fresh);
    }

    /// Registry, its overview and KPI results (cheap, always redone); period reports when the list of
    /// periods changed (else they wait for [`Model::refresh_reports`]).
    fn aggregates(&mut self) {
        let (Some(site), Some(derived)) = (&self.site, &mut self.derived) else {
            return;
        };
        derived.registry = derive::registry::registry(site);
        derived.overview = derive::overview::overview(site, &derived.registry);
        derived.agency_index = derive::agency_index(site);
        (derived.kpis, derived.kpi_scores) = derive::kpis(site);
        let periods = derive::periods::periods(site);
        if periods.len() != derived.reports.len() || periods.iter().zip(&derived.reports).any(|(p, r)| *p != r.period) {
            self.refresh_reports();
        }
    }

    /// Compute the period reports again if a platform changed since they were made.
    /// Returns whether it did.
    pub fn refresh_reports(&mut self) -> bool {
        let (false, Some(site), Some(derived)) = (self.reports_fresh, &self.site, &mut self.derived) else {
            return false;
        };
        derived.reports = derive::reports(site, derive::thresholds(site));
        self.reports_fresh = true;
        self.delta.reports = true;
        true
    }
}

/// Replace the platforms in `todo` with their `fresh` versions (or drop them), in
/// content order as `lower` gives them.
fn splice(site: &mut Site, raw: &RawContent, todo: &BTreeSet<String>, mut fresh: BTreeMap<String, Platform>) {
    let mut old: BTreeMap<String, Platform> = site.platforms.drain(..).map(|p| (p.slug.clone(), p)).collect();
    for rp in &raw.platforms {
        let next = if todo.contains(&rp.slug) {
            fresh.remove(&rp.slug)
        } else {
            old.remove(&rp.slug)
        };
        site.platforms.extend(next);
    }
}

fn empty_derived(site: &Site) -> Derived {
    let (kpis, kpi_scores) = derive::kpis(site);
    let registry = derive::registry::registry(site);
    Derived {
        overview: derive::overview::overview(site, &registry),
        registry,
        platforms: BTreeMap::new(),
        kpis,
        kpi_scores,
        reports: vec![],
        agency_index: derive::agency_index(site),
    }
}

/// site.yaml and agencies.yaml as read (a change to either redoes every platform).
fn global_key(raw: &RawContent) -> u64 {
    let mut h = DefaultHasher::new();
    (raw.site_failed, raw.agencies_failed).hash(&mut h);
    raw.site.as_ref().map(|d| &d.src.text).hash(&mut h);
    raw.agencies.as_ref().map(|d| &d.src.text).hash(&mut h);
    h.finish()
}

/// Everything read from a platform folder (to find what a full load changed).
fn fingerprint(p: &RawPlatform) -> u64 {
    fn doc<T>(d: &Doc<T>, h: &mut DefaultHasher) {
        (&d.name, &d.src.path, &d.src.text).hash(h);
        d.body_en.as_ref().map(|b| (&b.path, &b.text)).hash(h);
    }
    let mut h = DefaultHasher::new();
    (&p.slug, &p.dir, p.index_failed).hash(&mut h);
    p.index.iter().for_each(|d| doc(d, &mut h));
    p.sections.values().for_each(|d| doc(d, &mut h));
    p.qa.iter().for_each(|d| doc(d, &mut h));
    p.risks.iter().for_each(|d| doc(d, &mut h));
    p.ethics_log.iter().for_each(|d| doc(d, &mut h));
    p.evaluation.iter().for_each(|d| doc(d, &mut h));
    p.documents.iter().for_each(|d| doc(d, &mut h));
    p.meetings.iter().for_each(|d| doc(d, &mut h));
    p.reports.iter().for_each(|d| doc(d, &mut h));
    for (rel, f) in &p.files {
        (rel, &f.path, f.size, &f.sha256).hash(&mut h);
    }
    h.finish()
}
