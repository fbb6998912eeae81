//! Lowering: raw structs → the typed, checked, published-only model.
//!
//! Every value is checked here (dates, amounts, codes, ids, references, files) and every
//! problem recorded; nothing stops at the first. Entries that are drafts, embargoed
//! (`publish_after` in the future) or still confidential (`confidential_until` a stage
//! the platform has not reached) are dropped here, so later stages never see them.

mod ctx;
mod lists;
mod meeting;
mod other;
mod platform;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::content::{Doc, RawContent, RawPlatform, SiteRaw};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::types::*;
pub use ctx::{Ctx, parse_number};

/// What lowering needs to know beyond the content.
#[derive(Debug, Clone)]
pub struct LowerOptions {
    pub now: NaiveDate,
    /// Include drafts (preview only).
    pub drafts: bool,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
}

/// Lower the whole content tree: a model of everything that could be checked (callers
/// decide from `diags.has_errors()` whether to publish it; the `Option` is kept for
/// callers written when a broken site.yaml stopped here). A site.yaml that is missing,
/// unreadable or without `title` does not hide the problems of every other file: the
/// rest is lowered against a stand-in configuration, and the error already recorded
/// keeps that model from ever being published.
pub fn lower(raw: &RawContent, opts: &LowerOptions, diags: &mut Diagnostics) -> Option<Site> {
    let globals = lower_globals(raw, opts, diags);
    let results: Vec<(Option<Platform>, Diagnostics)> = raw
        .platforms
        .par_iter()
        .map(|p| {
            let mut d = Diagnostics::default();
            let platform = lower_platform(p, &globals.agency_ids, opts, &mut d);
            (platform, d)
        })
        .collect();
    let mut platforms = Vec::new();
    for (p, d) in results {
        diags.extend(d);
        platforms.extend(p);
    }
    Some(globals.into_site(platforms, opts))
}

/// Everything of a site but its platforms, and what lowering a platform needs of it.
/// Lowered separately so that `touming serve` can lower one platform again after an edit
/// ([`lower_platform`]) and keep the rest; [`lower`] is exactly the two together.
#[derive(Debug, Clone)]
pub struct Globals {
    pub config: SiteConfig,
    pub agencies: Vec<Agency>,
    /// Agency ids a platform may name (every id used, when agencies.yaml is unreadable).
    pub agency_ids: BTreeSet<String>,
    pub patterns: Vec<Pattern>,
    pub kpis: Vec<KpiYear>,
    pub pages: Vec<Page>,
}

impl Globals {
    /// The site with these globals and `platforms` (lowered, in content order).
    pub fn into_site(self, platforms: Vec<Platform>, opts: &LowerOptions) -> Site {
        Site {
            config: self.config,
            agencies: self.agencies,
            platforms,
            patterns: self.patterns,
            kpis: self.kpis,
            pages: self.pages,
            now: opts.now,
        }
    }
}

/// site.yaml, agencies.yaml, patterns, KPIs and free pages. When site.yaml is missing or
/// unusable, its error is recorded and the rest is lowered against
/// [`SiteConfig::stand_in`], so every other problem is still found (`touming serve`
/// renders nothing while an error stands).
pub fn lower_globals(raw: &RawContent, opts: &LowerOptions, diags: &mut Diagnostics) -> Globals {
    if raw.site.is_none() && !raw.site_failed {
        diags.push(Diagnostic::error(
            &raw.root.join("site.yaml"),
            None,
            "找不到 site.yaml：每個網站都需要 site.yaml（至少要有 title）",
        ));
    }
    let config = raw.site.as_ref().and_then(|doc| site_config(doc, opts, diags));
    let (agencies, mut agency_ids) = other::agencies(raw, opts, diags);
    if raw.agencies_failed || raw.agencies.as_ref().is_some_and(|a| !a.src.repaired.is_empty()) {
        // agencies.yaml is unreadable, or was read on past a problem (reported): do not
        // also call every reference to what it may have defined unknown.
        let used = raw
            .platforms
            .iter()
            .filter_map(|p| p.index.as_ref()?.data.agency.as_ref());
        agency_ids.extend(used.map(|a| a.value.trim().to_string()));
    }
    let patterns = other::patterns(raw, &agency_ids, opts, diags);
    let kpis = other::kpis(raw, opts, diags);
    let pages = other::pages(raw, opts, diags);
    check_unique_slugs(&pages, raw, diags);
    Globals {
        config: config.unwrap_or_else(SiteConfig::stand_in),
        agencies,
        agency_ids,
        patterns,
        kpis,
        pages,
    }
}

/// One platform folder (`None` when it is not published or its index.md is unusable).
pub fn lower_platform(
    p: &RawPlatform,
    agency_ids: &BTreeSet<String>,
    opts: &LowerOptions,
    diags: &mut Diagnostics,
) -> Option<Platform> {
    platform::lower_platform(p, agency_ids, opts, diags)
}

fn site_config(doc: &Doc<SiteRaw>, opts: &LowerOptions, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let r = &doc.data;
    let mut cx = Ctx {
        src: &doc.src,
        diags,
        now: opts.now,
        drafts: opts.drafts,
        secrecy: None,
    };
    let start = doc.src.start();
    let title = cx.required_text("title", "網站標題", &r.title, &r.title_en, start);
    let mut languages: Vec<String> = r.languages.iter().map(|l| l.value.trim().to_string()).collect();
    for l in &r.languages {
        if !matches!(l.value.trim(), "zh-TW" | "en") {
            let p = cx.at(l);
            cx.err(
                p,
                format!(
                    "欄位「languages」的值「{}」不支援；可用：zh-TW、en（第一個是預設語言）",
                    l.value
                ),
            );
        }
    }
    languages.retain(|l| l == "zh-TW" || l == "en");
    if languages.first().map(String::as_str) != Some("zh-TW") {
        languages.retain(|l| l != "zh-TW");
        languages.insert(0, "zh-TW".into());
    }
    let base_url = base_url(&mut cx, r, opts);
    let stale = cx.int("stale_after_days", &r.stale_after_days, 1..=3650).unwrap_or(90);
    let liaison = cx
        .int("liaison_interval_days", &r.liaison_interval_days, 1..=3650)
        .unwrap_or(180);
    let contact = r.contact.as_ref().map(|c| match &c.value {
        crate::content::ContactField::Fields(c) => Contact {
            email: cx.string(&c.email),
            phone: cx.string(&c.phone),
            address: cx.text(&c.address, &c.address_en),
            url: cx.string(&c.url),
            note: cx.text(&c.note, &c.note_en),
        },
        crate::content::ContactField::Text(t) => Contact {
            email: None,
            phone: None,
            address: None,
            url: None,
            note: Some(Text::new(t.trim(), None)),
        },
    });
    let license = cx.text(&r.license, &r.license_en).unwrap_or_else(|| {
        Text::new(
            "政府資料開放授權條款－第1版",
            Some("Open Government Data License, version 1.0".into()),
        )
    });
    let allow_html = r.allow_html.as_ref().is_some_and(|b| b.value);
    let cms = r.cms.as_ref().and_then(|c| cms(&mut cx, c));
    Some(SiteConfig {
        title: title?,
        owner: cx.text(&r.owner, &r.owner_en),
        description: cx.text(&r.description, &r.description_en),
        base_url,
        languages,
        stale_after_days: stale,
        liaison_interval_days: liaison,
        theme: cx.string(&r.theme),
        contact,
        license,
        allow_html,
        cms,
    })
}

/// The URL the site is published under, ending in `/`: `--base-url`, else site.yaml's
/// `base_url`, which must be absolute (`https://…`) or a path from the root (`/…`) —
/// `example.gov.tw/zone` would make every link in sitemaps and feeds relative.
fn base_url(cx: &mut Ctx, r: &SiteRaw, opts: &LowerOptions) -> String {
    let written = cx.string(&r.base_url);
    if let (None, Some(u), Some(raw)) = (&opts.base_url, &written, &r.base_url)
        && !(u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/'))
    {
        let p = cx.at(raw);
        cx.err(
            p,
            format!("欄位「base_url」的網址「{u}」不完整：須以 https:// 或 http:// 開頭（例如 https://example.gov.tw/touming/），或以 / 開頭"),
        );
    }
    let url = opts.base_url.clone().or(written).unwrap_or_else(|| "/".into());
    if url.ends_with('/') { url } else { format!("{url}/") }
}

/// site.yaml `cms`, when enabled: `repo` is required then.
fn cms(cx: &mut Ctx, c: &crate::content::Spanned<crate::content::CmsRaw>) -> Option<Cms> {
    let v = &c.value;
    if !v.enabled.as_ref().is_some_and(|e| e.value) {
        return None;
    }
    let at = cx.at(c);
    let app = cx.string(&v.app).unwrap_or_else(|| "sveltia".into());
    if !matches!(app.as_str(), "sveltia" | "decap") {
        let p = v.app.as_ref().map_or(at, |a| cx.at(a));
        cx.err(p, format!("欄位「app」的值「{app}」不支援；可用：sveltia、decap"));
    }
    let Some(repo) = cx.string(&v.repo) else {
        cx.missing("repo", "GitHub 儲存庫，例如 owner/name", at);
        return None;
    };
    Some(Cms {
        app,
        repo,
        branch: cx.string(&v.branch).unwrap_or_else(|| "main".into()),
        auth_url: cx.string(&v.auth_url),
    })
}

/// Free pages share the URL space with the built-in sections.
fn check_unique_slugs(pages: &[Page], raw: &RawContent, diags: &mut Diagnostics) {
    const RESERVED: &[&str] = &[
        "platforms",
        "patterns",
        "kpis",
        "reports",
        "search",
        "api",
        "static",
        "en",
        "files",
        "actions",
        "admin",
        "feeds",
        "404",
    ];
    let mut seen = BTreeSet::new();
    for p in pages {
        if RESERVED.contains(&p.slug.as_str()) || !seen.insert(p.slug.clone()) {
            let path = raw.root.join("pages").join(format!("{}.md", p.slug));
            diags.push(Diagnostic::error(
                &path,
                None,
                format!(
                    "頁面名稱「{}」與網站內建的網址衝突；請改名（保留字：{}）",
                    p.slug,
                    RESERVED.join("、")
                ),
            ));
        }
    }
}
