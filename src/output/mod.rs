//! Output stage: write the built site so readers never see a half-built one.
//!
//! Files are written into a fresh temporary folder beside the output folder
//! (`site.tmp-<pid>`); only when every file is written is it swapped with the published
//! folder — atomically on Linux (`renameat2(RENAME_EXCHANGE)`), else by two renames —
//! and the old one removed. A build that fails or is killed leaves the published folder
//! byte-for-byte as it was; leftovers of killed builds are removed by the next build.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::OutFile;

/// A file to copy into the output (published documents, theme assets on disk).
#[derive(Debug, Clone)]
pub struct CopyFile {
    pub path: String,
    pub source: PathBuf,
}

/// Write `files` and `copies` as the new content of `out`, atomically.
pub fn publish(out: &Path, files: &[OutFile], copies: &[CopyFile]) -> Result<(), Diagnostic> {
    let staging = Staging::new(out)?;
    files.par_iter().try_for_each(|f| staging.write(&f.path, &f.bytes))?;
    copies.par_iter().try_for_each(|c| staging.copy(c))?;
    staging.commit()
}

/// The temporary folder a build writes into, file by file, as the files are made. Dropped
/// without [`Staging::commit`] (an error, a panic), it is removed and `out` stays as it was.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// Folders already created (so each file costs one `open`, not a `mkdir -p`).
    dirs: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Create `site.tmp-<pid>` beside `out`, removing leftovers of killed builds first.
    pub fn new(out: &Path) -> Result<Staging, Diagnostic> {
        let err = |p: &Path, e: std::io::Error| Diagnostic::error(p, None, format!("無法寫入輸出資料夾：{e}"));
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        remove_leftovers(out);
        let tmp = sibling(out, &format!("tmp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| err(&tmp, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            dirs: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Write one file (`path` relative to the output root, `/`-separated).
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let dest = self.prepare(path)?;
        std::fs::write(&dest, bytes).map_err(|e| Diagnostic::error(&dest, None, format!("無法寫入：{e}")))
    }

    /// Copy one file (a published document) into the output.
    pub fn copy(&self, c: &CopyFile) -> Result<(), Diagnostic> {
        let dest = self.prepare(&c.path)?;
        std::fs::copy(&c.source, &dest)
            .map(|_| ())
            .map_err(|e| Diagnostic::error(&c.source, None, format!("無法複製檔案：{e}")))
    }

    /// The destination of `path`, its folder created.
    fn prepare(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        let dest = self.tmp.join(path);
        if let Some(dir) = dest.parent() {
            let known = self.dirs.lock().map(|d| d.contains(dir)).unwrap_or(false);
            if !known {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Diagnostic::error(dir, None, format!("無法建立資料夾：{e}")))?;
                if let Ok(mut d) = self.dirs.lock() {
                    d.insert(dir.to_path_buf());
                }
            }
        }
        Ok(dest)
    }

    /// Every file is written: swap the temporary folder in as `out`.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        self.committed = true;
        swap(&self.tmp, &self.out).map_err(|e| Diagnostic::error(&self.out, None, format!("無法寫入輸出資料夾：{e}")))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// `site` → `site.<suffix>` beside it.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    out.with_file_name(format!("{name}.{suffix}"))
}

/// Remove `site.tmp-*` / `site.old-*` left by builds that were killed.
fn remove_leftovers(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&format!("{name}.tmp-")) || n.starts_with(&format!("{name}.old-")) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn swap(tmp: &Path, out: &Path) -> std::io::Result<()> {
    if !out.exists() {
        return std::fs::rename(tmp, out);
    }
    if exchange(tmp, out).is_ok() {
        return std::fs::remove_dir_all(tmp);
    }
    let old = sibling(out, &format!("old-{}", std::process::id()));
    std::fs::rename(out, &old)?;
    std::fs::rename(tmp, out)?;
    std::fs::remove_dir_all(&old)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings; renameat2 does not retain them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this platform"))
}
