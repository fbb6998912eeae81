//! What is searchable: the published model turned into [`SearchRecord`]s, per language.
//!
//! Records come from the text the build already holds (no HTML re-parse): a platform
//! (with its background, sections, risks and reports), each meeting, each Q&A entry,
//! each document, each pattern, KPI year and free page. Navigation chrome is never
//! indexed, and since the model holds only published entries, nothing draft, embargoed
//! or confidential can reach the index. URLs are relative to the language root.

use std::collections::BTreeMap;

use super::SearchRecord;
use crate::model::date;
use crate::model::*;

struct Lang<'a> {
    en: bool,
    site: &'a Site,
}

impl Lang<'_> {
    fn t<'b>(&self, t: &'b Text) -> &'b str {
        t.get(if self.en { "en" } else { "zh-TW" })
    }

    fn ts(&self, ts: &[Text]) -> String {
        ts.iter().map(|t| self.t(t)).collect::<Vec<_>>().join(" ")
    }

    fn opt(&self, t: &Option<Text>) -> String {
        t.as_ref().map(|t| self.t(t).to_string()).unwrap_or_default()
    }

    fn date(&self, d: chrono::NaiveDate) -> String {
        if self.en { date::iso(d) } else { date::roc_long(d) }
    }

    fn year(&self, d: chrono::NaiveDate) -> String {
        if self.en {
            d.format("%Y").to_string()
        } else {
            format!("{}年", date::roc_year(d))
        }
    }

    fn kind(&self, zh: &str, en: &str) -> String {
        (if self.en { en } else { zh }).to_string()
    }

    /// Facets shared by everything that belongs to a platform.
    fn platform_facets(&self, p: &Platform, kind: String, d: chrono::NaiveDate) -> BTreeMap<String, Vec<String>> {
        let agency = self.site.agencies.iter().find(|a| a.id == p.agency);
        let mut f = BTreeMap::new();
        f.insert("kind".into(), vec![kind]);
        if let Some(a) = agency {
            f.insert("agency".into(), vec![self.t(&a.name).to_string()]);
            if let Some(parent) = &a.parent {
                f.insert("parent".into(), vec![self.t(parent).to_string()]);
            }
        }
        let ct = if self.en { p.case_type.en() } else { p.case_type.zh() };
        f.insert("case_type".into(), vec![ct.to_string()]);
        let st = if self.en { p.status.en() } else { p.status.zh() };
        f.insert("status".into(), vec![st.to_string()]);
        f.insert("year".into(), vec![self.year(d)]);
        f
    }
}

/// The text of a body as the page in that language shows it: the English source when the
/// body has one, else the Chinese text (which the English page then shows too).
fn body(b: &Body, en: bool) -> String {
    match (&b.source_en, en) {
        (Some(src), true) => crate::render::markdown::to_text(src),
        _ => b.text.clone(),
    }
}

/// Every search record of the site in one language (`zh-TW` or `en`).
pub fn records(site: &Site, lang: &str) -> Vec<SearchRecord> {
    let l = Lang { en: lang == "en", site };
    let mut out = Vec::new();
    for p in &site.platforms {
        platform_records(&l, p, &mut out);
    }
    for x in &site.patterns {
        let mut f = BTreeMap::new();
        f.insert("kind".into(), vec![l.kind("弊端態樣", "Risk pattern")]);
        if let Some(d) = x.date {
            f.insert("year".into(), vec![l.year(d)]);
        }
        let text = [
            l.opt(&x.category),
            l.ts(&x.risk_factors),
            l.ts(&x.measures),
            l.opt(&x.summary),
            body(&x.body, l.en),
        ];
        out.push(record(
            format!("patterns/{}/", x.slug),
            l.t(&x.title),
            &text,
            "pattern",
            vec![l.t(&x.title).to_string()],
            x.date,
            &l,
            f,
        ));
    }
    for k in &site.kpis {
        let goals: Vec<String> = k
            .goals
            .iter()
            .map(|g| {
                format!(
                    "{} {}",
                    l.t(&g.title),
                    g.indicators.iter().map(|i| l.t(&i.title)).collect::<Vec<_>>().join(" ")
                )
            })
            .collect();
        let title = format!("{} {}", l.t(&k.organization), k.year);
        let mut f = BTreeMap::new();
        f.insert("kind".into(), vec![l.kind("關鍵績效指標", "KPIs")]);
        out.push(record(
            format!("kpis/{}/", k.year),
            &title,
            &goals,
            "kpi",
            vec![title.clone()],
            None,
            &l,
            f,
        ));
    }
    for g in &site.pages {
        let mut f = BTreeMap::new();
        f.insert("kind".into(), vec![l.kind("頁面", "Page")]);
        out.push(record(
            format!("{}/", g.slug),
            l.t(&g.title),
            &[l.opt(&g.summary), body(&g.body, l.en)],
            "page",
            vec![l.t(&g.title).to_string()],
            None,
            &l,
            f,
        ));
    }
    out
}

fn platform_records(l: &Lang, p: &Platform, out: &mut Vec<SearchRecord>) {
    let title = l.t(&p.title).to_string();
    let base = format!("platforms/{}/", p.slug);
    let mut text = vec![
        l.opt(&p.project),
        l.opt(&p.summary),
        body(&p.background, l.en),
        l.ts(&p.participants),
        l.ts(&p.tags),
    ];
    text.extend(
        p.sections
            .iter()
            .map(|s| format!("{} {}", l.t(&s.title), body(&s.body, l.en))),
    );
    text.extend(
        p.risks
            .iter()
            .map(|r| format!("{} {}", l.t(&r.risk), l.ts(&r.measures))),
    );
    text.extend(
        p.milestones
            .iter()
            .map(|m| format!("{} {}", l.opt(&m.title), l.opt(&m.note))),
    );
    text.extend(p.reports.iter().map(|r| body(&r.body, l.en)));
    let f = l.platform_facets(p, l.kind("平臺", "Platform"), p.content_updated);
    out.push(record(
        base.clone(),
        &title,
        &text,
        "platform",
        vec![title.clone()],
        Some(p.content_updated),
        l,
        f,
    ));
    for m in &p.meetings {
        let actions: Vec<String> = m.actions.iter().map(|a| l.t(&a.text).to_string()).collect();
        let text = [
            l.ts(&m.decisions),
            actions.join(" "),
            l.ts(&m.attendees),
            l.opt(&m.location),
            l.opt(&m.summary),
            body(&m.minutes, l.en),
        ];
        let f = l.platform_facets(p, l.kind("會議", "Meeting"), m.date);
        let crumb = vec![title.clone(), l.t(&m.title).to_string()];
        out.push(record(
            format!("{base}meetings/{}/", m.name),
            l.t(&m.title),
            &text,
            "meeting",
            crumb,
            Some(m.date),
            l,
            f,
        ));
    }
    for q in &p.qa {
        let f = l.platform_facets(p, l.kind("釋疑", "Q&A"), q.date.unwrap_or(p.content_updated));
        let text = [l.t(&q.a).to_string(), l.opt(&q.category), l.opt(&q.source)];
        out.push(record(
            format!("{base}#qa-{}", q.n),
            l.t(&q.q),
            &text,
            "qa",
            vec![title.clone(), l.kind("案件釋疑", "Q&A")],
            q.date,
            l,
            f,
        ));
    }
    // A document is a row of the platform's documents table or of a meeting's attachments.
    let base_ref = base.as_str();
    let meeting_docs = p.meetings.iter().flat_map(|m| {
        m.documents
            .iter()
            .map(move |d| (format!("{base_ref}meetings/{}/#attachments", m.name), d))
    });
    let docs = p
        .documents
        .iter()
        .map(|d| (format!("{base}#documents"), d))
        .chain(meeting_docs);
    for (url, d) in docs {
        let f = l.platform_facets(p, l.kind("文件", "Document"), d.date.unwrap_or(p.content_updated));
        let kind = if l.en { d.kind.en() } else { d.kind.zh() };
        out.push(record(
            url,
            l.t(&d.title),
            &[kind.to_string(), l.opt(&d.note)],
            "document",
            vec![title.clone(), l.kind("相關文件", "Documents")],
            d.date,
            l,
            f,
        ));
    }
}

#[allow(clippy::too_many_arguments)]
fn record(
    url: String,
    title: &str,
    text: &[String],
    kind: &str,
    breadcrumb: Vec<String>,
    d: Option<chrono::NaiveDate>,
    l: &Lang,
    facets: BTreeMap<String, Vec<String>>,
) -> SearchRecord {
    let body = text
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    SearchRecord {
        url,
        title: title.to_string(),
        body,
        kind: kind.to_string(),
        breadcrumb,
        date: d.map(date::iso),
        date_display: d.map(|d| l.date(d)),
        facets,
    }
}
