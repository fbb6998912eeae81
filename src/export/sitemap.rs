//! `sitemap.xml` and `robots.txt`, so search engines find every public page.
//!
//! The sitemap lists every HTML page of every language — the same page list the renderer
//! uses ([`crate::render::jobs`]), so it can only name pages that exist, and only pages of
//! the published model (nothing draft or embargoed). URLs are absolute from `base_url`;
//! `lastmod` is the page's own date where it has one (platform: last content date,
//! meeting: its date, pattern: its date); each page names its other-language twin with
//! `xhtml:link rel="alternate" hreflang`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::atom::escape;
use super::links;
use crate::model::Site;
use crate::render::OutFile;

/// `sitemap.xml` and `robots.txt`.
pub fn files(site: &Site) -> Vec<OutFile> {
    vec![
        OutFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(site).into_bytes(),
        },
        OutFile {
            path: "robots.txt".into(),
            bytes: format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                links::url(site, "sitemap.xml")
            )
            .into_bytes(),
        },
    ]
}

/// The sitemap of the site's pages.
pub fn sitemap(site: &Site) -> String {
    let dates = lastmods(site);
    let mut jobs = crate::render::jobs(site);
    jobs.retain(|j| !j.path.ends_with("404.html"));
    jobs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" ");
    x.push_str("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for j in &jobs {
        let here = page_url(site, &j.path);
        x.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(&here)));
        if let Some(d) = dates.get(&j.url) {
            x.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
        }
        if let Some(twin) = &j.twin {
            let (own, other) = if j.lang == "en" {
                ("en", "zh-Hant-TW")
            } else {
                ("zh-Hant-TW", "en")
            };
            let there = links::url(site, twin);
            for (lang, href) in [(own, &here), (other, &there)] {
                x.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                    escape(href)
                ));
            }
        }
        x.push_str("  </url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `en/platforms/x/index.html` → `<base>en/platforms/x/`.
fn page_url(site: &Site, path: &str) -> String {
    links::url(site, path.strip_suffix("index.html").unwrap_or(path))
}

/// Last-modified dates by site-relative page URL (`platforms/x/`).
fn lastmods(site: &Site) -> BTreeMap<String, NaiveDate> {
    let mut m = BTreeMap::new();
    for p in &site.platforms {
        m.insert(format!("platforms/{}/", p.slug), p.content_updated);
        for mt in &p.meetings {
            m.insert(format!("platforms/{}/meetings/{}/", p.slug, mt.name), mt.date);
        }
    }
    if let Some(newest) = site.platforms.iter().map(|p| p.content_updated).max() {
        m.insert(String::new(), newest);
        m.insert("platforms/".into(), newest);
    }
    for x in &site.patterns {
        if let Some(d) = x.date {
            m.insert(format!("patterns/{}/", x.slug), d);
        }
    }
    if let Some(newest) = site.patterns.iter().filter_map(|x| x.date).max() {
        m.insert("patterns/".into(), newest);
    }
    m
}
