//! Full-text search: a compact static index of character bigrams with positions, written
//! as sharded files under `search/<lang>/`, and read by `themes/default/static/search-core.js`
//! (the browser engine) and by [`query::SearchIndex`] (the same engine in Rust, for tests
//! and the benchmark). `docs/search.md` describes the format and the measurements.
//!
//! * [`normalize`]: the shared normaliser and tokenizer ([`tokens`]).
//! * [`indexer`]: [`SearchIndexer`], which turns [`SearchRecord`]s into [`IndexFile`]s and
//!   caches per-record work between builds.
//! * [`query`]: query evaluation over the written files.
//! * [`codec`]: varints, doc sets and the shard hash shared by writer and readers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub mod codec;
pub mod indexer;
pub mod normalize;
pub mod query;
pub mod records;

pub use indexer::{BuildStats, SearchIndexer};
pub use normalize::{normalize, tokens};
pub use query::{Hit, QueryOptions, SearchIndex, SearchResults, Sort};

/// One searchable page (or part of a page, with a `#fragment` URL), as plain text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRecord {
    /// Site-relative URL, e.g. `platforms/danjiang-bridge/` or `platforms/danjiang-bridge/#qa-3`.
    pub url: String,
    pub title: String,
    /// Plain text (decisions, Q&A, risks, document titles, minutes…), no navigation chrome.
    pub body: String,
    /// `platform` | `meeting` | `qa` | `document` | `pattern` | `page` | `report` | `kpi`.
    pub kind: String,
    /// e.g. `["淡江大橋廉政平臺", "第4次定期聯繫會議"]`.
    pub breadcrumb: Vec<String>,
    /// ISO `yyyy-mm-dd`, for sorting by recency.
    pub date: Option<String>,
    /// e.g. `110年5月11日`.
    pub date_display: Option<String>,
    /// `agency`, `parent`, `case_type`, `status`, `year`, `kind` → display values. When
    /// `kind` is absent, [`SearchRecord::kind`] is used as its value.
    pub facets: BTreeMap<String, Vec<String>>,
}

/// One file of the index: `path` is relative to the site root, under `search/<lang>/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The facet keys in the order the search page shows them; other keys follow, sorted.
pub const FACET_ORDER: [&str; 6] = ["kind", "agency", "parent", "case_type", "status", "year"];

#[cfg(test)]
mod tests;
