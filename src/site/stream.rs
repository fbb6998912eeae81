//! The tail of a full build — render, index, export, publish — with every file written to
//! the temporary output folder as soon as it is made, instead of held until `write`.
//!
//! Same output as `render().index_search().export().write()` (the stage methods stay for
//! `serve` and the tests that look between stages), but memory holds the model and one
//! stage's data at a time, not the whole 1 GiB site: a national site's peak grows with
//! the content, not with the output. The atomic publish is unchanged: everything goes into
//! `site.tmp-<pid>` beside the output folder, which is swapped in only when every file is
//! written; on any error the temporary folder is removed and the published site is
//! untouched.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Build, BuildReport};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::render::{OutFile, Renderer};

/// Files written so far, and how many of them are HTML pages.
#[derive(Default)]
struct Count {
    files: AtomicUsize,
    pages: AtomicUsize,
}

impl Count {
    fn write(&self, staging: &Staging, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        staging.write(path, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    fn write_all(&self, staging: &Staging, files: Vec<OutFile>) -> Result<(), Diagnostic> {
        files
            .par_iter()
            .try_for_each(|f| self.write(staging, &f.path, &f.bytes))
    }
}

impl Build {
    /// Render, index, export and publish, streaming each file to disk (see the module).
    pub fn publish(mut self) -> Result<BuildReport, Diagnostics> {
        if self.diags.has_errors() || self.site.is_none() || self.derived.is_none() {
            self.diags.sort();
            return Err(self.diags);
        }
        let staging = match Staging::new(&self.opts.out) {
            Ok(s) => s,
            Err(d) => return Err(self.fail(d)),
        };
        let count = Count::default();
        if let Err(d) = self.stream(&staging, &count) {
            return Err(self.fail(d));
        }
        if let Err(d) = staging.commit() {
            return Err(self.fail(d));
        }
        self.diags.sort();
        Ok(BuildReport {
            pages: count.pages.into_inner(),
            files: count.files.into_inner(),
            warnings: self.diags,
        })
    }

    fn fail(mut self, d: Diagnostic) -> Diagnostics {
        self.diags.push(d);
        self.diags.sort();
        self.diags
    }

    /// Every file of the site into `staging`, stage by stage, in the order `write` would
    /// let a later file win over an earlier one of the same path.
    fn stream(&mut self, staging: &Staging, count: &Count) -> Result<(), Diagnostic> {
        // Theme assets, document copies and CMS files are small; the raw content is not
        // needed after them, so its memory goes before the pages are made.
        self.render_extras();
        drop(std::mem::take(&mut self.raw));
        let (Some(site), Some(derived)) = (&self.site, &self.derived) else {
            return Ok(());
        };
        let renderer = Renderer::new(&self.theme)?;
        renderer.render_each(site, derived, |f| count.write(staging, &f.path, &f.bytes))?;
        count.write_all(staging, std::mem::take(&mut self.files))?;
        for lang in &site.config.languages {
            let lang = if lang == "en" { "en" } else { "zh-TW" };
            let records = crate::search::records::records(site, lang);
            let files = self.indexer.build(&records, lang);
            files
                .par_iter()
                .try_for_each(|f| count.write(staging, &f.path, &f.bytes))?;
        }
        count.write_all(staging, crate::export::export(site, derived))?;
        let copies = std::mem::take(&mut self.copies);
        copies.par_iter().try_for_each(|c| {
            staging.copy(c)?;
            count.files.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
    }
}
