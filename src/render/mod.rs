//! Render stage: the model and derived facts → HTML pages, through minijinja templates
//! of the theme (strict undefined: a template that names a missing variable is a bug
//! caught by the tests, not an empty string on a public page).
//!
//! Rendering is pure: it takes the site and returns files in memory; [`crate::output`]
//! writes them. Pages render in parallel (rayon).

pub mod filters;
pub mod markdown;
mod pages;
pub mod theme;

use minijinja::{Environment, UndefinedBehavior, Value, context};
use rayon::prelude::*;

use crate::derive::Derived;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
pub use pages::{Job, jobs, jobs_key};
pub use theme::Theme;

/// One output file in memory. `path` is relative to the output root, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Escape text for HTML and SVG content and attribute values (charts, serve's error page).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How `{{ value }}` prints: as minijinja does (HTML-escaped), except that a missing
/// optional value prints nothing rather than `none`, and a map or list is an error — it is
/// always a template mistake (e.g. a bilingual text printed without `|t`), which would
/// otherwise show the public a debug dump such as `{'zh': …, 'en': none}`.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    use minijinja::value::ValueKind;
    match value.kind() {
        ValueKind::None => Ok(()),
        ValueKind::Map | ValueKind::Seq | ValueKind::Iterable => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!(
                "a {} cannot be printed as text (a bilingual text needs |t)",
                value.kind()
            ),
        )),
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// The template environment of a build, compiled once.
pub struct Renderer {
    env: Environment<'static>,
    i18n: std::collections::BTreeMap<String, Value>,
}

impl Renderer {
    pub fn new(theme: &Theme) -> Result<Renderer, Diagnostic> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_formatter(format_value);
        filters::register(&mut env);
        for (name, src) in &theme.templates {
            env.add_template_owned(name.clone(), src.clone()).map_err(|e| {
                Diagnostic::error(
                    std::path::Path::new(&format!("themes/templates/{name}")),
                    None,
                    format!("佈景主題的模板有錯誤：{e}"),
                )
            })?;
        }
        let mut i18n = std::collections::BTreeMap::new();
        for (path, bytes) in &theme.assets {
            if let Some(lang) = path.strip_prefix("i18n/").and_then(|p| p.strip_suffix(".json")) {
                let v: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
                    Diagnostic::error(std::path::Path::new(path), None, format!("翻譯檔不是有效的 JSON：{e}"))
                })?;
                i18n.insert(lang.to_string(), Value::from(minijinja::value::Serde(&v)));
            }
        }
        Ok(Renderer { env, i18n })
    }

    /// Render every page of the site, in every language, in parallel.
    pub fn render_all(&self, site: &Site, derived: &Derived) -> Result<Vec<OutFile>, Diagnostic> {
        let shared = Value::from(minijinja::value::Serde(site));
        let derived_v = Value::from(minijinja::value::Serde(derived));
        let jobs = jobs(site);
        let mut files: Vec<OutFile> = jobs
            .par_iter()
            .map(|job| self.render_job_with(job, &shared, &derived_v))
            .collect::<Result<_, _>>()?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Render every page in parallel and hand each to `sink` as soon as it is rendered
    /// (the build writes it out at once, so no page waits in memory). Stops at the first
    /// error of a template or of `sink`. Returns the number of pages.
    pub fn render_each(
        &self,
        site: &Site,
        derived: &Derived,
        sink: impl Fn(OutFile) -> Result<(), Diagnostic> + Sync,
    ) -> Result<usize, Diagnostic> {
        let shared = Value::from(minijinja::value::Serde(site));
        let derived_v = Value::from(minijinja::value::Serde(derived));
        let jobs = jobs(site);
        jobs.par_iter()
            .try_for_each(|job| sink(self.render_job_with(job, &shared, &derived_v)?))?;
        Ok(jobs.len())
    }

    /// One page, with `all` (the site) and `derived` given as template values. `render_all`
    /// passes the whole model; `touming serve` passes objects that note what the page
    /// reads (src/serve/track.rs), so both render pages by this one function.
    pub fn render_job_with(&self, job: &Job, all: &Value, derived: &Value) -> Result<OutFile, Diagnostic> {
        let tmpl = self
            .env
            .get_template(&job.template)
            .map_err(|e| template_error(&job.template, &e))?;
        let depth = job.path.matches('/').count();
        let root = "../".repeat(depth);
        let lang_tag = if job.lang == "en" { "en" } else { "zh-Hant-TW" };
        let ctx = context! {
            site => all.get_attr("config").unwrap_or_default(),
            all => all,
            derived => derived,
            lang => job.lang,
            lang_tag => lang_tag,
            root => root,
            path => job.path.clone(),
            url => job.url.clone(),
            twin => job.twin.clone(),
            i18n => self.i18n.get(job.lang).cloned().unwrap_or_default(),
            now => all.get_attr("now").unwrap_or_default(),
            ..job.ctx.clone()
        };
        let html = tmpl.render(ctx).map_err(|e| template_error(&job.template, &e))?;
        Ok(OutFile {
            path: job.path.clone(),
            bytes: html.into_bytes(),
        })
    }
}

fn template_error(name: &str, e: &minijinja::Error) -> Diagnostic {
    let mut msg = format!("模板 {name} 無法產生頁面：{e}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!("；{s}"));
        source = s.source();
    }
    Diagnostic::error(
        std::path::Path::new(&format!("themes/default/templates/{name}")),
        None,
        msg,
    )
}
