//! Output stage: write the built site so readers never see a half-built one.
//!
//! Files are written into a fresh temporary folder beside the output folder
//! (`site.tmp-<pid>`); only when every file is written is it swapped with the published
//! folder — atomically on Linux (`renameat2(RENAME_EXCHANGE)`), else by two renames —
//! and the old one removed. A build that fails or is killed leaves the published folder
//! byte-for-byte as it was; leftovers of killed builds are removed by the next build.

use std::path::{Path, PathBuf};

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
    let written = write_all(&tmp, files, copies);
    if let Err(d) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(d);
    }
    swap(&tmp, out).map_err(|e| err(out, e))
}

fn write_all(tmp: &Path, files: &[OutFile], copies: &[CopyFile]) -> Result<(), Diagnostic> {
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(copies.iter().map(|c| c.path.as_str()))
        .filter_map(|p| Path::new(p).parent().map(|d| tmp.join(d)))
        .collect();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| Diagnostic::error(d, None, format!("無法建立資料夾：{e}")))?;
    }
    files.par_iter().try_for_each(|f| {
        let dest = tmp.join(&f.path);
        std::fs::write(&dest, &f.bytes).map_err(|e| Diagnostic::error(&dest, None, format!("無法寫入：{e}")))
    })?;
    copies.par_iter().try_for_each(|c| {
        let dest = tmp.join(&c.path);
        std::fs::copy(&c.source, &dest)
            .map(|_| ())
            .map_err(|e| Diagnostic::error(&c.source, None, format!("無法複製檔案：{e}")))
    })
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
