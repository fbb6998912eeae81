//! The list of pages a site has: each with its output path, template and the variables
//! specific to it. URLs are directories with `index.html` (`/platforms/<slug>/`).

use std::hash::{DefaultHasher, Hash, Hasher};

use minijinja::Value;
use minijinja::context;

use crate::model::Site;

/// One page to render.
#[derive(Debug, Clone)]
pub struct Job {
    pub lang: &'static str,
    pub template: String,
    /// Output path relative to the site root (`platforms/x/index.html`).
    pub path: String,
    /// Site-relative URL (`platforms/x/`), without the language prefix.
    pub url: String,
    /// The same page in the other language (`en/platforms/x/`), root-relative.
    pub twin: Option<String>,
    pub ctx: Value,
}

/// Every page of the site in every configured language.
pub fn jobs(site: &Site) -> Vec<Job> {
    let langs: Vec<&'static str> = site
        .config
        .languages
        .iter()
        .map(|l| if l == "en" { "en" } else { "zh-TW" })
        .collect();
    let mut out = Vec::new();
    for &lang in &langs {
        let other = langs.iter().copied().find(|l| *l != lang);
        for (template, url, ctx) in pages(site) {
            let prefix = |l: &str| if l == "en" { "en/" } else { "" };
            let path = if url == "404.html" {
                format!("{}404.html", prefix(lang))
            } else {
                format!("{}{url}index.html", prefix(lang))
            };
            let twin = other.map(|o| format!("{}{url}", prefix(o)));
            out.push(Job {
                lang,
                template: template.to_string(),
                path,
                url: url.clone(),
                twin,
                ctx,
            });
        }
    }
    out
}

/// A key of everything [`jobs`] reads: the same key means the same page list (`serve`
/// keeps the list between rebuilds and makes it again only when this changes).
pub fn jobs_key(site: &Site) -> u64 {
    let mut h = DefaultHasher::new();
    site.config.languages.hash(&mut h);
    site.platforms.len().hash(&mut h);
    for p in &site.platforms {
        (&p.slug, p.meetings.len()).hash(&mut h);
        p.meetings.iter().for_each(|m| m.name.hash(&mut h));
    }
    site.patterns.len().hash(&mut h);
    site.patterns.iter().for_each(|p| p.slug.hash(&mut h));
    site.kpis.len().hash(&mut h);
    site.kpis.iter().for_each(|k| k.year.hash(&mut h));
    site.pages.len().hash(&mut h);
    site.pages.iter().for_each(|p| p.slug.hash(&mut h));
    crate::derive::periods::periods(site).hash(&mut h);
    h.finish()
}

/// (template, url, page variables) for each page, language-independent.
fn pages(site: &Site) -> Vec<(&'static str, String, Value)> {
    let mut out = vec![
        ("index.html", String::new(), context! {}),
        ("platforms.html", "platforms/".into(), context! {}),
        ("patterns.html", "patterns/".into(), context! {}),
        ("kpis.html", "kpis/".into(), context! {}),
        ("search.html", "search/".into(), context! {}),
        ("404.html", "404.html".into(), context! {}),
    ];
    for (i, p) in site.platforms.iter().enumerate() {
        out.push(("platform.html", format!("platforms/{}/", p.slug), context! { pi => i }));
        for (j, m) in p.meetings.iter().enumerate() {
            out.push((
                "meeting.html",
                format!("platforms/{}/meetings/{}/", p.slug, m.name),
                context! { pi => i, mi => j },
            ));
        }
    }
    for (i, p) in site.patterns.iter().enumerate() {
        out.push(("pattern.html", format!("patterns/{}/", p.slug), context! { xi => i }));
    }
    for (i, k) in site.kpis.iter().enumerate() {
        out.push(("kpi.html", format!("kpis/{}/", k.year), context! { ki => i }));
    }
    // Period reports: `ri` indexes `derived.reports`, which derive builds from the same
    // list of periods in the same order.
    let periods = crate::derive::periods::periods(site);
    if !periods.is_empty() {
        out.push(("reports.html", "reports/".into(), context! {}));
    }
    for (i, period) in periods.iter().enumerate() {
        out.push((
            "report.html",
            format!("reports/{}/", period.code()),
            context! { ri => i },
        ));
    }
    for (i, p) in site.pages.iter().enumerate() {
        out.push(("page.html", format!("{}/", p.slug), context! { gi => i }));
    }
    out
}
