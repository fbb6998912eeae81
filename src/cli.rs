//! Command-line arguments (clap), parsed into the options the library takes.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "touming",
    version,
    about = "透明：機關採購廉政平臺資訊透明專區產生器 — builds a procurement integrity platform transparency zone from Markdown and YAML"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `site/`).
    Build(BuildArgs),
    /// Check the content without writing anything.
    Check(CheckArgs),
    /// Write the JSON Schemas of the content's YAML files (for editors' hints).
    Schema(SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Output folder (replaced atomically on success, untouched on error).
    #[arg(long, default_value = "site")]
    pub out: PathBuf,
    /// "Today" for embargo and overdue logic (YYYY-MM-DD or ROC 115-11-21), for reproducible builds.
    #[arg(long)]
    pub now: Option<String>,
    /// Absolute URL the site is published under (overrides site.yaml base_url).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include drafts (for preview only; never publish such a build).
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long)]
    pub now: Option<String>,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Folder to write `site.schema.json`, `agencies.schema.json` … into.
    #[arg(long, default_value = "schemas")]
    pub out: PathBuf,
}
