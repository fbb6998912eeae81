//! Themes: templates and static assets, read once at the start of a build.
//!
//! A site may override any template or asset by putting a file with the same relative
//! path in `themes/<name>/` (site.yaml `theme`); everything else falls back to the
//! default theme. The default theme is compiled into the binary, so `touming` works
//! from any directory; a `themes/default/` folder next to the content overrides it too.

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// Templates (by name, e.g. `platform.html`) and static files (by path under `static/`).
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// The default theme as shipped, embedded at compile time.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));
}

impl Theme {
    /// The built-in default theme.
    pub fn builtin() -> Theme {
        let mut t = Theme::default();
        for (path, bytes) in builtin::FILES {
            t.insert(path, bytes.to_vec());
        }
        t
    }

    /// The default theme overlaid with `themes/default/` and `themes/<name>/` under
    /// `site_root`, when they exist. A theme folder that does not exist is a warning, not an
    /// error: as for any file a theme lacks, the default theme is used (the content
    /// contract: "templates and assets not found there fall back to the default theme").
    pub fn load(site_root: &Path, name: Option<&str>) -> Result<(Theme, Option<Diagnostic>), Diagnostic> {
        let mut theme = Theme::builtin();
        let mut dirs = vec![site_root.join("themes").join("default")];
        let mut warning = None;
        if let Some(n) = name.filter(|n| *n != "default") {
            let dir = site_root.join("themes").join(n);
            if dir.is_dir() {
                dirs.push(dir);
            } else {
                let msg = format!("找不到佈景主題「{n}」：site.yaml 的 theme 指向的資料夾不存在，改用預設版型");
                warning = Some(Diagnostic::warning(&dir, None, msg));
            }
        }
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            theme.overlay(dir)?;
        }
        Ok((theme, warning))
    }

    fn overlay(&mut self, dir: &Path) -> Result<(), Diagnostic> {
        for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
            let entry = entry.map_err(|e| Diagnostic::error(dir, None, format!("無法讀取佈景主題：{e}")))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| Diagnostic::error(entry.path(), None, format!("無法讀取：{e}")))?;
            self.insert(&rel, bytes);
        }
        Ok(())
    }

    fn insert(&mut self, rel: &str, bytes: Vec<u8>) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates
                .insert(name.to_string(), String::from_utf8_lossy(&bytes).into_owned());
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.assets.insert(name.to_string(), bytes);
        } else if !rel.starts_with('.') && rel != "README.md" {
            self.assets.insert(rel.to_string(), bytes);
        }
    }
}
