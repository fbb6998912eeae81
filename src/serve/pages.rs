//! Rendering only the pages whose inputs changed.
//!
//! Each rendered page keeps a record: what identifies it (template, language, path,
//! page variables) and what it read of the model, with the hashes it saw ([`track`]).
//! A plan compares the records with the new model: new pages and pages whose reads now
//! hash differently are dirty. Dirty pages that read a changed *element* (the edited
//! meeting's platform, its derived facts) or that are open in a browser come first
//! ("urgent"); pages that are dirty only through whole lists (home, registry, reports)
//! come second, so the page being edited is visible before the aggregates are redone.
//!
//! The template environment and the page variables mirror `render::Renderer`, which
//! only renders everything; tests/serve_incremental.rs checks that serve's pages are
//! byte-identical to `touming build`'s.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use minijinja::{Environment, UndefinedBehavior, Value, context};
use rayon::prelude::*;

use super::track::{self, Dep, Log, Parts};
use crate::diagnostic::Diagnostic;
use crate::render::{Job, OutFile, Theme, filters};

/// What a rebuild has to render.
#[derive(Debug, Default)]
pub struct Plan {
    /// Dirty pages about a changed element, or open in a browser.
    pub urgent: Vec<Job>,
    /// Dirty pages that only read changed lists or single values.
    pub rest: Vec<Job>,
    /// Output paths of pages that no longer exist.
    pub removed: Vec<String>,
}

struct Record {
    ident: u64,
    deps: Vec<(Dep, Option<u64>)>,
}

/// The template environment of one theme, and what each page last read.
pub struct Pages {
    env: Environment<'static>,
    i18n: BTreeMap<String, Value>,
    generation: u64,
    records: BTreeMap<String, Record>,
    /// Every page served now (kept across themes, to know what to remove).
    served: BTreeSet<String>,
}

impl Pages {
    /// Compile the theme's templates, like `Renderer::new`. `served`: the pages served
    /// now (from the previous theme's `Pages`), all of which will render again.
    pub fn new(theme: &Theme, generation: u64, served: BTreeSet<String>) -> Result<Pages, Diagnostic> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        filters::register(&mut env);
        for (name, src) in &theme.templates {
            env.add_template_owned(name.clone(), src.clone()).map_err(|e| {
                let path = format!("themes/templates/{name}");
                Diagnostic::error(Path::new(&path), None, format!("佈景主題的模板有錯誤：{e}"))
            })?;
        }
        let mut i18n = BTreeMap::new();
        for (path, bytes) in &theme.assets {
            let Some(lang) = path.strip_prefix("i18n/").and_then(|p| p.strip_suffix(".json")) else {
                continue;
            };
            let v: serde_json::Value = serde_json::from_slice(bytes)
                .map_err(|e| Diagnostic::error(Path::new(path), None, format!("翻譯檔不是有效的 JSON：{e}")))?;
            i18n.insert(lang.to_string(), Value::from(minijinja::value::Serde(&v)));
        }
        let records = BTreeMap::new();
        Ok(Pages {
            env,
            i18n,
            generation,
            records,
            served,
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

    /// Which of `jobs` to render, given the new model's `parts` and the pages open in a
    /// browser (output paths).
    pub fn plan(&mut self, jobs: Vec<Job>, parts: &Parts, open: &BTreeSet<String>) -> Plan {
        let mut plan = Plan::default();
        let live: BTreeSet<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
        plan.removed = self
            .served
            .iter()
            .filter(|p| !live.contains(p.as_str()))
            .cloned()
            .collect();
        for p in &plan.removed {
            self.records.remove(p);
            self.served.remove(p);
        }
        for job in jobs {
            let changed: Vec<&Dep> = match self.records.get(&job.path) {
                Some(r) if r.ident == ident(&job) => r
                    .deps
                    .iter()
                    .filter(|(d, h)| parts.hash(d) != *h)
                    .map(|(d, _)| d)
                    .collect(),
                _ => {
                    plan.urgent.push(job);
                    continue;
                }
            };
            if changed.is_empty() {
                continue;
            }
            if open.contains(&job.path) || changed.iter().any(|d| d.is_element()) {
                plan.urgent.push(job);
            } else {
                plan.rest.push(job);
            }
        }
        plan
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
            self.records.insert(file.path.clone(), record);
            self.served.insert(file.path.clone());
            files.push(file);
        }
        Ok(files)
    }

    /// One page, with the same variables as `Renderer::render_job`.
    fn render_job(&self, job: &Job, parts: &Arc<Parts>) -> Result<(OutFile, Record), Diagnostic> {
        let tmpl = self
            .env
            .get_template(&job.template)
            .map_err(|e| template_error(&job.template, &e))?;
        let log = Log::default();
        let all = parts.root(0, &log);
        let root = "../".repeat(job.path.matches('/').count());
        let lang_tag = if job.lang == "en" { "en" } else { "zh-Hant-TW" };
        let (site, now) = (
            all.get_attr("config").unwrap_or_default(),
            all.get_attr("now").unwrap_or_default(),
        );
        let ctx = context! {
            site => site,
            all => all,
            derived => parts.root(1, &log),
            lang => job.lang,
            lang_tag => lang_tag,
            root => root,
            path => job.path.clone(),
            url => job.url.clone(),
            twin => job.twin.clone(),
            i18n => self.i18n.get(job.lang).cloned().unwrap_or_default(),
            now => now,
            ..job.ctx.clone()
        };
        let html = tmpl.render(ctx).map_err(|e| template_error(&job.template, &e))?;
        let deps = log
            .lock()
            .map(|l| l.iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        let deps = deps
            .into_iter()
            .map(|d| (parts.hash(&d), d))
            .map(|(h, d)| (d, h))
            .collect();
        let file = OutFile {
            path: job.path.clone(),
            bytes: html.into_bytes(),
        };
        Ok((
            file,
            Record {
                ident: ident(job),
                deps,
            },
        ))
    }
}

/// What identifies a page besides the model: template, language, place, page variables.
fn ident(job: &Job) -> u64 {
    let mut h = DefaultHasher::new();
    (&job.template, job.lang, &job.path, &job.url, &job.twin).hash(&mut h);
    track::hash(&job.ctx).hash(&mut h);
    h.finish()
}

/// As `render::template_error`: the message with its causes.
fn template_error(name: &str, e: &minijinja::Error) -> Diagnostic {
    let mut msg = format!("模板 {name} 無法產生頁面：{e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!("；{s}"));
        source = s.source();
    }
    let path = format!("themes/default/templates/{name}");
    Diagnostic::error(Path::new(&path), None, msg)
}
