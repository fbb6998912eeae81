//! Applying git history to the model: each platform's and meeting's last-updated date,
//! and each platform's revision history (修訂紀錄) — edits to a transparency zone are
//! themselves transparent. Only commits that touched published files are listed, so a
//! commit that added a draft does not show its subject. Only commit dates count: an
//! uncommitted or untracked file's modification time is left out, so a build depends on
//! the content, its commits and `--now`, not on when the files were copied.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::content::RawContent;
use crate::history::History;
use crate::model::{Platform, Revision, Site};

pub fn apply(site: &mut Site, raw: &RawContent, history: &History) {
    for p in &mut site.platforms {
        let files = published_files(p, raw);
        let keep = |path: &Path| files.contains(path);
        p.revisions = history
            .platform_history_where(&p.slug, keep)
            .into_iter()
            .map(|c| Revision {
                date: c.date,
                hash: c.hash,
                subject: c.subject,
            })
            .collect();
        let latest = files.iter().filter_map(|f| history.committed(f)).max();
        p.updated = latest.map_or(p.content_updated, |d| d.max(p.content_updated));
        for m in &mut p.meetings {
            m.updated = history.committed(meeting_file(raw, &p.slug, &m.name));
        }
    }
}

/// Paths (relative to the content root) of the platform's files that are published.
fn published_files(p: &Platform, raw: &RawContent) -> BTreeSet<PathBuf> {
    let base = PathBuf::from("platforms").join(&p.slug);
    let mut out = BTreeSet::from([base.join("index.md")]);
    out.extend(p.sections.iter().map(|s| base.join(format!("{}.md", s.key))));
    out.extend(p.meetings.iter().map(|m| meeting_file(raw, &p.slug, &m.name)));
    out.extend(
        p.reports
            .iter()
            .map(|r| base.join("reports").join(format!("{}.md", r.period.code()))),
    );
    let docs = p
        .documents
        .iter()
        .chain(p.meetings.iter().flat_map(|m| m.documents.iter()));
    out.extend(docs.filter_map(|d| d.file.as_ref()).map(|f| base.join(&f.rel)));
    if let Some(rp) = raw.platforms.iter().find(|r| r.slug == p.slug) {
        let lists = [
            &rp.qa.as_ref().map(|_| "qa.yaml"),
            &rp.risks.as_ref().map(|_| "risks.yaml"),
            &rp.ethics_log.as_ref().map(|_| "ethics-log.yaml"),
            &rp.evaluation.as_ref().map(|_| "evaluation.yaml"),
            &rp.documents.as_ref().map(|_| "documents.yaml"),
        ];
        out.extend(lists.into_iter().flatten().map(|f| base.join(f)));
    }
    out
}

/// The content-relative path of a meeting: its file name, which differs from its URL name
/// when the file is named in words (`第1次 聯繫會議.md` is published as `m-<hash>`).
fn meeting_file(raw: &RawContent, slug: &str, name: &str) -> PathBuf {
    let file = raw
        .platforms
        .iter()
        .find(|r| r.slug == slug)
        .and_then(|r| r.meetings.iter().find(|d| d.name == name))
        .and_then(|d| d.src.path.file_name().map(|f| f.to_os_string()))
        .unwrap_or_else(|| format!("{name}.md").into());
    PathBuf::from("platforms").join(slug).join("meetings").join(file)
}
