//! Watching the content folder and the theme folder (notify, debounced by
//! notify-debouncer-full, which keeps event kinds: reads — the build's own reading of
//! the files — are not changes). `--poll` uses notify's `PollWatcher` instead of the system's
//! file events, which WSL (on Windows drives) and network drives do not deliver.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::site::{Changes, DataDone};

/// How often `--poll` looks at the files. It compares their contents, not only their
/// modification times: `PollWatcher` keeps those in whole seconds, which would miss a
/// second save within the same second.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What the watcher (and the data thread) tell the rebuild thread.
pub enum Msg {
    /// Files changed; the instant is when the debounced batch arrived.
    Changes(Changes, Instant),
    Error(String),
    /// A data pass finished (`super::data`), for the model of this generation.
    Data(Box<DataDone>, u64),
    Stop,
}

/// A running watcher; dropping it stops watching.
pub enum Watch {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

/// Watch `content` and, when it exists, `themes`, sending debounced changes to `tx`.
pub fn start(
    content: &Path,
    themes: Option<&Path>,
    poll: bool,
    debounce: Duration,
    tx: Sender<Msg>,
) -> notify::Result<Watch> {
    let (c, t) = (content.to_path_buf(), themes.map(Path::to_path_buf));
    let handler = move |res: DebounceEventResult| {
        let msg = match res {
            Ok(events) => {
                let paths = events.iter().filter(|e| is_change(e)).flat_map(|e| e.paths.iter());
                let changes = classify(paths.map(PathBuf::as_path), &c, t.as_deref());
                if changes.is_empty() {
                    return;
                }
                Msg::Changes(changes, Instant::now())
            }
            Err(errors) => Msg::Error(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")),
        };
        let _ = tx.send(msg);
    };
    let config = notify::Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_compare_contents(true);
    let mut watch = if poll {
        let cache = RecommendedCache::new();
        Watch::Poll(new_debouncer_opt::<_, PollWatcher, _>(
            debounce, None, handler, cache, config,
        )?)
    } else {
        let cache = RecommendedCache::new();
        Watch::Native(new_debouncer_opt::<_, RecommendedWatcher, _>(
            debounce, None, handler, cache, config,
        )?)
    };
    for dir in std::iter::once(content).chain(themes) {
        match &mut watch {
            Watch::Native(d) => d.watch(dir, RecursiveMode::Recursive)?,
            Watch::Poll(d) => d.watch(dir, RecursiveMode::Recursive)?,
        }
    }
    Ok(watch)
}

/// Writes, creations, removals, renames and new modification times (how `PollWatcher`
/// reports a write); not reads, nor access times.
fn is_change(e: &DebouncedEvent) -> bool {
    !matches!(
        e.kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// Changed paths → what to rebuild. Editors' backup and swap files are ignored.
pub fn classify<'a>(paths: impl Iterator<Item = &'a Path>, content: &Path, themes: Option<&Path>) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        if let Ok(rel) = path.strip_prefix(content) {
            if rel.as_os_str().is_empty() {
                changes.rescan = true;
            } else if !ignored(rel) {
                changes.files.insert(PathBuf::from(rel));
            }
        } else if themes.is_some_and(|t| path.starts_with(t)) {
            changes.theme = true;
        }
    }
    changes
}

fn ignored(rel: &Path) -> bool {
    let hidden = rel.iter().any(|c| c.to_string_lossy().starts_with('.'));
    let name = rel.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let backup = [".swp", ".swx", ".tmp", "~"].iter().any(|s| name.ends_with(s));
    hidden || backup || name == "4913"
}
