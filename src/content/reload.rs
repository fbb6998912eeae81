//! Re-reading single files, for `touming serve`'s incremental rebuilds.
//!
//! A full [`super::load`] walks the tree and parses every file. While previewing, an edit
//! touches one file: [`reload_file`] re-parses just that file and puts the result where
//! `load` would have put it, so the [`RawContent`] ends up as a fresh load would make it.
//! It needs to know what kind of file a path is; the [`Catalog`] remembers the walk's
//! classification. Anything the catalog cannot answer (a new, deleted or renamed file, an
//! English twin appearing, files under `files/`) is left to a full load: `reload_file`
//! returns `false` and the caller loads again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::walk::{self, Item, Kind};
use super::{Parsed, RawContent, RawPlatform};
use crate::diagnostic::Diagnostics;

/// Every parsed file of the last walk, by its path relative to the content root (English
/// twins `<name>.en.md` map to the file they belong to).
#[derive(Debug, Default)]
pub struct Catalog {
    items: Vec<Item>,
    by_rel: BTreeMap<PathBuf, usize>,
}

impl Catalog {
    fn new(items: Vec<Item>) -> Catalog {
        let mut by_rel = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            by_rel.insert(item.rel.clone(), i);
            if let Some(twin) = &item.twin {
                by_rel.insert(twin.clone(), i);
            }
        }
        Catalog { items, by_rel }
    }

    /// Whether `rel` is a content file of the last walk (or a twin of one).
    pub fn contains(&self, rel: &Path) -> bool {
        self.by_rel.contains_key(rel)
    }

    /// The platform (folder slug) a cataloged file belongs to: `Some(None)` for a file
    /// outside platforms (site.yaml, agencies.yaml, patterns, KPIs, pages), `None` when
    /// the file is not in the catalog.
    pub fn platform_of(&self, rel: &Path) -> Option<Option<&str>> {
        let item = &self.items[*self.by_rel.get(rel)?];
        Some(item.platform.as_deref())
    }

    /// Number of parsed files.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// [`super::load`], plus the catalog of what it read. The catalog comes from a second
/// walk (its diagnostics are dropped: `load` reports the same ones).
pub fn load_cataloged(root: &Path, diags: &mut Diagnostics) -> (RawContent, Catalog) {
    let mut scratch = Diagnostics::default();
    let tree = walk::walk(root, &mut scratch);
    let raw = super::load(root, diags);
    (raw, Catalog::new(tree.items))
}

/// Re-read the file at `rel` (relative to `root`) into `raw`, replacing its problems in
/// `diags` (the load-stage diagnostics). Returns `false`, changing nothing, when the
/// change needs a full load instead: the file is not in the catalog or no longer exists.
pub fn reload_file(root: &Path, rel: &Path, catalog: &Catalog, raw: &mut RawContent, diags: &mut Diagnostics) -> bool {
    let Some(item) = catalog.by_rel.get(rel).map(|&i| &catalog.items[i]) else {
        return false;
    };
    let twin_gone = item.twin.as_ref().is_some_and(|t| !root.join(t).is_file());
    if !root.join(&item.rel).is_file() || twin_gone {
        return false;
    }
    let shown = walk::shown_path(root, &item.rel);
    let twin_shown = item.twin.as_ref().map(|t| walk::shown_path(root, t));
    diags
        .0
        .retain(|d| d.path != shown && Some(&d.path) != twin_shown.as_ref());
    remove(raw, item);
    match super::parse_item(root, item) {
        Ok((platform, parsed, problems)) => {
            set_failed(raw, item, false);
            put(raw, platform, parsed);
            problems.into_iter().for_each(|d| diags.push(d));
        }
        Err(problems) => {
            set_failed(raw, item, true);
            problems.into_iter().for_each(|d| diags.push(d));
        }
    }
    true
}

fn platform_mut<'a>(raw: &'a mut RawContent, item: &Item) -> Option<&'a mut RawPlatform> {
    let slug = item.platform.as_deref()?;
    raw.platforms.iter_mut().find(|p| p.slug == slug)
}

/// Take the file's current parse result out of `raw`.
fn remove(raw: &mut RawContent, item: &Item) {
    let name = item.name.as_str();
    match item.kind {
        Kind::Site => raw.site = None,
        Kind::Agencies => raw.agencies = None,
        Kind::Pattern => raw.patterns.retain(|d| d.name != name),
        Kind::Kpi => raw.kpis.retain(|d| d.name != name),
        Kind::Page => raw.pages.retain(|d| d.name != name),
        _ => {
            let Some(p) = platform_mut(raw, item) else { return };
            match item.kind {
                Kind::PlatformIndex => p.index = None,
                Kind::Section => drop(p.sections.remove(name)),
                Kind::Qa => p.qa = None,
                Kind::Risks => p.risks = None,
                Kind::EthicsLog => p.ethics_log = None,
                Kind::Evaluation => p.evaluation = None,
                Kind::Documents => p.documents = None,
                Kind::Meeting => p.meetings.retain(|d| d.name != name),
                Kind::Report => p.reports.retain(|d| d.name != name),
                _ => {}
            }
        }
    }
}

/// The "could not be parsed" flags `load` sets (so lowering does not pile on).
fn set_failed(raw: &mut RawContent, item: &Item, failed: bool) {
    match item.kind {
        Kind::Site => raw.site_failed = failed,
        Kind::Agencies => raw.agencies_failed = failed,
        Kind::PlatformIndex => {
            if let Some(p) = platform_mut(raw, item) {
                p.index_failed = failed;
            }
        }
        Kind::Meeting => {
            if let Some(p) = platform_mut(raw, item) {
                match failed {
                    true => p.failed_meetings.insert(item.name.clone()),
                    false => p.failed_meetings.remove(&item.name),
                };
            }
        }
        _ => {}
    }
}

/// Put a parse result where `load` puts it (through the same `place`), keeping `load`'s
/// sort orders.
fn put(raw: &mut RawContent, platform: Option<String>, parsed: Parsed) {
    let mut platforms: BTreeMap<String, RawPlatform> = std::mem::take(&mut raw.platforms)
        .into_iter()
        .map(|p| (p.slug.clone(), p))
        .collect();
    super::place(raw, &mut platforms, platform, parsed);
    raw.platforms = platforms.into_values().collect();
    super::sort_docs(raw);
}
