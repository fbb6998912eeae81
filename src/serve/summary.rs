//! What one rebuild did (`touming serve` prints it; tests and the latency example read
//! its timings).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::Diagnostics;

/// What one rebuild did, for the terminal and for tests.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Changed files (relative to the content folder); empty for the first build.
    pub changed: Vec<PathBuf>,
    pub theme_changed: bool,
    /// Files parsed again, and whether that was a full load.
    pub reparsed: usize,
    pub full_load: bool,
    /// Pages rendered first (about the change, or open), then the rest.
    pub urgent: Vec<String>,
    pub rest: Vec<String>,
    /// Pages left dirty for the next rebuild because more changes were waiting.
    pub deferred: usize,
    pub removed: usize,
    /// From the debounced file event to the urgent pages being served.
    pub visible: Duration,
    /// From the file event to the start of this rebuild (the thread was busy with the
    /// step of a background pass it was in).
    pub waited: Duration,
    /// Re-reading the changed files.
    pub read: Duration,
    /// Lowering, lints, Markdown and derive of what changed (and the site-wide parts).
    pub model: Duration,
    /// Converting what changed to template values and hashing it (`values`, `track`).
    pub tracking: Duration,
    /// Finding the dirty pages.
    pub plan: Duration,
    /// Rendering the urgent pages.
    pub render: Duration,
    /// The background pass after the urgent pages (period reports, the other pages);
    /// `None`: cut short by new changes.
    pub background: Option<Duration>,
    /// Theme assets, search index and exports, on the data thread (`None`: not yet).
    pub data: Option<Duration>,
    /// Everything served is up to date with the content (pages and data files).
    pub settled: bool,
    /// Copying the model for the data thread (the rebuild thread's share of the data pass).
    pub copy: Duration,
    /// From the file event to the end of the rebuild.
    pub total: Duration,
    /// Warnings, when they differ from the previous rebuild's (else empty).
    pub warnings: Diagnostics,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "重建完成：頁面 {:.0} ms 可見，全部 {:.0} ms",
            ms(self.visible),
            ms(self.total)
        )?;
        let load = if self.full_load {
            "全部重新讀取"
        } else {
            "重新讀取"
        };
        write!(f, "（{load} {} 個檔案；模型 {:.0} ms", self.reparsed, ms(self.model))?;
        write!(
            f,
            "；先產生 {} 頁 {:.0} ms，其餘 {} 頁",
            self.urgent.len(),
            ms(self.tracking + self.plan + self.render),
            self.rest.len()
        )?;
        if let Some(d) = self.data {
            write!(f, "；搜尋索引與資料檔 {:.0} ms", ms(d))?;
        }
        write!(f, "）")?;
        let shown: Vec<&str> = self
            .urgent
            .iter()
            .chain(&self.rest)
            .take(6)
            .map(String::as_str)
            .collect();
        if !shown.is_empty() {
            let more = self.urgent.len() + self.rest.len() - shown.len();
            let more = if more > 0 {
                format!(" 等 {more} 頁")
            } else {
                String::new()
            };
            write!(f, "\n  重新產生：{}{more}", shown.join("、"))?;
        }
        if self.deferred > 0 {
            write!(f, "\n  另有 {} 頁待下一次重建", self.deferred)?;
        }
        Ok(())
    }
}
