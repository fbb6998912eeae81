//! Running the integrity lints ([`crate::lint`]) over what will actually be published.
//!
//! The lints see the *published* model — drafts, embargoed and still-confidential
//! entries are already gone — so a personal-data finding always means "this would go
//! out". Each finding is traced back to the file it came from and its line, by finding
//! the offending text in that file's source. Personal data is an error (個資法);
//! pre-award secrecy findings are warnings (a person must judge them), and either can be
//! acknowledged in the file with a comment (docs/safeguards.md).

use crate::content::{RawContent, RawPlatform, SourceFile};
use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::lint::{self, Kind, LintConfig};
use crate::model::*;

/// Texts of one source file that will be published.
struct Published<'a> {
    src: &'a SourceFile,
    texts: Vec<String>,
    before_award: bool,
}

/// Lint every published text of the site.
pub fn lint_site(site: &Site, raw: &RawContent) -> Diagnostics {
    let allow = allow_list(&site.config);
    let mut diags = lint_globals(site, raw);
    for p in &site.platforms {
        if let Some(rp) = raw.platforms.iter().find(|r| r.slug == p.slug) {
            diags.extend(lint_platform(p, rp, &allow));
        }
    }
    diags.sort();
    diags
}

/// The lints of one platform (for `touming serve`, which lints only what changed).
/// `allow`: [`allow_list`] of the site's config.
pub fn lint_platform(p: &Platform, rp: &RawPlatform, allow: &[String]) -> Diagnostics {
    let mut out = Vec::new();
    platform_texts(p, rp, &mut out);
    lint_items(&out, allow)
}

/// The lints of everything but the platforms (patterns, free pages).
pub fn lint_globals(site: &Site, raw: &RawContent) -> Diagnostics {
    lint_items(&published(site, raw), &allow_list(&site.config))
}

fn lint_items(items: &[Published], allow: &[String]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for item in items {
        let mut seen = Occurrences::default();
        let cfg = LintConfig {
            allow: allow.to_vec(),
            before_award: item.before_award,
        };
        for text in &item.texts {
            let mut findings = lint::scan_personal(text, &cfg);
            findings.extend(lint::scan_secrecy(text, &cfg));
            for f in findings {
                let offending = text.get(f.start..f.end).unwrap_or("");
                let at = seen.next(&item.src.text, offending);
                if at.is_some_and(|b| lint::is_acknowledged(&item.src.text, b, f.kind)) {
                    continue;
                }
                let pos = at.map(|b| Pos::at_byte(&item.src.text, b, offending.len()));
                let d = match f.kind {
                    Kind::BasePrice | Kind::EvaluatorNames => Diagnostic::warning(&item.src.path, pos, f.message),
                    _ => Diagnostic::error(&item.src.path, pos, f.message),
                };
                let help = f
                    .suggestion
                    .map(|s| format!("請改寫為「{s}」或刪除；若確定可以公開，請依 docs/safeguards.md 加註說明"));
                diags.push(match help {
                    Some(h) => d.with_help(h),
                    None => d,
                });
            }
        }
    }
    diags.sort();
    diags
}

/// Where the findings of one file are in its source: the n-th finding of the same text is
/// placed at the n-th occurrence of that text (the last one when there are fewer), so a
/// value repeated in a file is reported, and acknowledged, where each one is.
#[derive(Default)]
struct Occurrences {
    counts: std::collections::HashMap<String, usize>,
}

impl Occurrences {
    fn next(&mut self, source: &str, offending: &str) -> Option<usize> {
        if offending.is_empty() {
            return None;
        }
        let n = self.counts.entry(offending.to_string()).or_default();
        let at = source.match_indices(offending).map(|(b, _)| b).take(*n + 1).last();
        *n += 1;
        at
    }
}

/// Values published on purpose: the site's official contact points.
pub fn allow_list(c: &SiteConfig) -> Vec<String> {
    let Some(contact) = &c.contact else { return vec![] };
    let mut out: Vec<String> = [&contact.email, &contact.phone]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if let Some(a) = &contact.address {
        out.push(a.zh.clone());
    }
    out
}

fn push_text(out: &mut Vec<String>, t: &Text) {
    out.push(t.zh.clone());
    out.extend(t.en.clone());
}

fn push_opt(out: &mut Vec<String>, t: &Option<Text>) {
    if let Some(t) = t {
        push_text(out, t);
    }
}

fn push_all(out: &mut Vec<String>, ts: &[Text]) {
    ts.iter().for_each(|t| push_text(out, t));
}

fn push_body(out: &mut Vec<String>, b: &Body) {
    out.push(b.source.clone());
    out.extend(b.source_en.clone());
}

/// Published texts of patterns and free pages.
fn published<'a>(site: &Site, raw: &'a RawContent) -> Vec<Published<'a>> {
    let mut out = Vec::new();
    for x in &site.patterns {
        if let Some(doc) = raw.patterns.iter().find(|d| d.name == x.slug) {
            let mut t = Vec::new();
            push_text(&mut t, &x.title);
            push_opt(&mut t, &x.category);
            push_all(&mut t, &x.risk_factors);
            push_all(&mut t, &x.measures);
            push_opt(&mut t, &x.summary);
            push_body(&mut t, &x.body);
            out.push(Published {
                src: &doc.src,
                texts: t,
                before_award: false,
            });
        }
    }
    for g in &site.pages {
        if let Some(doc) = raw.pages.iter().find(|d| d.name == g.slug) {
            let mut t = Vec::new();
            push_text(&mut t, &g.title);
            push_opt(&mut t, &g.summary);
            push_body(&mut t, &g.body);
            out.push(Published {
                src: &doc.src,
                texts: t,
                before_award: false,
            });
        }
    }
    out
}

/// Whether the platform is still before award (secrecy lint applies).
fn before_award(p: &Platform) -> bool {
    let track = p.case_type.track();
    let award = Confidential::Award.stage(track);
    let order = track.stages();
    let need = order.iter().position(|s| *s == award).unwrap_or(0);
    !p.milestones
        .iter()
        .filter(|m| m.actual.is_some())
        .any(|m| order.iter().position(|s| *s == m.stage).is_some_and(|i| i >= need))
}

fn platform_texts<'a>(p: &Platform, rp: &'a RawPlatform, out: &mut Vec<Published<'a>>) {
    let ba = before_award(p);
    let mut add = |src: Option<&'a SourceFile>, texts: Vec<String>| {
        if let Some(src) = src {
            out.push(Published {
                src,
                texts,
                before_award: ba,
            });
        }
    };
    let mut t = Vec::new();
    push_text(&mut t, &p.title);
    push_opt(&mut t, &p.project);
    push_opt(&mut t, &p.summary);
    push_all(&mut t, &p.participants);
    push_body(&mut t, &p.background);
    p.milestones.iter().for_each(|m| {
        push_opt(&mut t, &m.title);
        push_opt(&mut t, &m.note)
    });
    p.links.iter().for_each(|l| push_text(&mut t, &l.title));
    add(rp.index.as_ref().map(|d| &d.src), t);
    for s in &p.sections {
        let mut t = Vec::new();
        push_body(&mut t, &s.body);
        add(rp.sections.get(&s.key).map(|d| &d.src), t);
    }
    list_texts(p, rp, &mut add);
    for m in &p.meetings {
        add(
            rp.meetings.iter().find(|d| d.name == m.name).map(|d| &d.src),
            meeting_texts(m),
        );
    }
    for r in &p.reports {
        let mut t = Vec::new();
        push_opt(&mut t, &r.title);
        push_body(&mut t, &r.body);
        add(rp.reports.iter().find(|d| d.name == r.period.code()).map(|d| &d.src), t);
    }
}

fn list_texts<'a>(p: &Platform, rp: &'a RawPlatform, add: &mut impl FnMut(Option<&'a SourceFile>, Vec<String>)) {
    let mut t = Vec::new();
    p.qa.iter().for_each(|q| {
        [&Some(q.q.clone()), &Some(q.a.clone()), &q.category, &q.source]
            .into_iter()
            .for_each(|x| push_opt(&mut t, x))
    });
    add(rp.qa.as_ref().map(|d| &d.src), t);
    let mut t = Vec::new();
    p.risks.iter().for_each(|r| {
        push_text(&mut t, &r.risk);
        push_all(&mut t, &r.measures);
        push_opt(&mut t, &r.owner);
        push_opt(&mut t, &r.note)
    });
    add(rp.risks.as_ref().map(|d| &d.src), t);
    let mut t = Vec::new();
    p.ethics_log.iter().for_each(|e| push_opt(&mut t, &e.note));
    add(rp.ethics_log.as_ref().map(|d| &d.src), t);
    let mut t = Vec::new();
    p.evaluation.iter().for_each(|e| {
        push_text(&mut t, &e.metric);
        push_opt(&mut t, &e.note)
    });
    add(rp.evaluation.as_ref().map(|d| &d.src), t);
    let mut t = Vec::new();
    p.documents.iter().for_each(|d| {
        push_text(&mut t, &d.title);
        push_opt(&mut t, &d.note)
    });
    add(rp.documents.as_ref().map(|d| &d.src), t);
}

fn meeting_texts(m: &Meeting) -> Vec<String> {
    let mut t = Vec::new();
    push_text(&mut t, &m.title);
    push_opt(&mut t, &m.location);
    push_opt(&mut t, &m.chair);
    push_all(&mut t, &m.attendees);
    push_all(&mut t, &m.decisions);
    push_opt(&mut t, &m.summary);
    m.actions.iter().for_each(|a| {
        push_text(&mut t, &a.text);
        push_opt(&mut t, &a.owner);
        push_opt(&mut t, &a.note)
    });
    m.action_updates.iter().for_each(|u| push_opt(&mut t, &u.note));
    m.documents.iter().for_each(|d| {
        push_text(&mut t, &d.title);
        push_opt(&mut t, &d.note)
    });
    push_body(&mut t, &m.minutes);
    t
}
