//! touming (透明): builds the transparency zone (資訊透明專區) of procurement integrity
//! platforms (機關採購廉政平臺) from content written as Markdown and YAML.
//!
//! The pipeline, one module per stage: [`content`] (load + parse) → [`model`] (typed,
//! validated domain) → [`derive`] (timelines, checks, stats) → [`render`] (templates) →
//! [`search`] → [`export`] (JSON, CSV, OC4IDS, feeds, sitemap) → [`output`] (atomic
//! write). [`site::Build`] ties them together; see ARCHITECTURE.md.

pub mod check;
pub mod cli;
pub mod cms;
pub mod content;
pub mod derive;
pub mod diagnostic;
pub mod export;
pub mod history;
pub mod lint;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
