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
    /// Create a new site, platform or meeting from a commented template.
    New(NewArgs),
    /// Write the web editor (Sveltia/Decap CMS) `admin/config.yml` and `admin/index.html`.
    Cms(CmsArgs),
    /// Show what git knows: last-updated dates and revision history per platform.
    History(HistoryArgs),
    /// Preview: build, serve on 127.0.0.1, rebuild on every edit and reload open pages.
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Content folder (its sibling `themes/` is watched too).
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include drafts in the preview (`build` never publishes them unless asked).
    #[arg(long)]
    pub drafts: bool,
    /// Poll for changes instead of file events (WSL on Windows drives, network drives).
    #[arg(long)]
    pub poll: bool,
    /// "Today" for embargo and overdue logic (YYYY-MM-DD or ROC 115-11-21).
    #[arg(long)]
    pub now: Option<String>,
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
    /// Do not read last-updated dates and revision histories from git.
    #[arg(long)]
    pub no_history: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// "Today" for embargo, overdue and staleness checks (YYYY-MM-DD or ROC 115-11-21).
    #[arg(long)]
    pub now: Option<String>,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// `human` (default), `github` (Actions annotations) or `json`.
    #[arg(long, value_enum, default_value_t)]
    pub format: crate::check::Format,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Folder to write `site.schema.json`, `agencies.schema.json` … into.
    #[arg(long, default_value = "schemas")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewCommand,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A complete minimal site in a new folder: `<DIR>/content/…` with one agency, one
    /// platform, one meeting and an about page.
    Site {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// A platform folder `platforms/<SLUG>/index.md` with every field explained.
    Platform {
        /// Folder name and URL: lowercase letters, digits and `-`.
        slug: String,
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Agency id from agencies.yaml (default: the first agency).
        #[arg(long)]
        agency: Option<String>,
        /// procurement, superficies, joint-development, ppp, urban-renewal, land-readjustment, sale, other.
        #[arg(long, default_value = "procurement")]
        case_type: String,
        /// Platform name (default: 新廉政平臺).
        #[arg(long)]
        title: Option<String>,
    },
    /// A meeting file `platforms/<PLATFORM>/meetings/<date>-<kind>-<n>.md`.
    Meeting {
        /// The platform's slug.
        platform: String,
        /// pledge, liaison, symposium, briefing, training, inspection, other.
        #[arg(long, default_value = "liaison")]
        kind: String,
        /// Meeting date, YYYY-MM-DD or ROC 110-05-11 (default: today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Meeting title (default: 第<n>次<kind>).
        #[arg(long)]
        title: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
pub struct CmsArgs {
    /// Content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Folder to write `admin/config.yml` and `admin/index.html` under.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
    /// GitHub repository `owner/name` the editor commits to.
    #[arg(long, default_value = "OWNER/REPOSITORY")]
    pub repo: String,
    /// Branch pull requests are opened against.
    #[arg(long, default_value = "main")]
    pub branch: String,
    /// `sveltia` (recommended) or `decap`.
    #[arg(long, value_enum, default_value_t)]
    pub app: crate::cms::App,
    /// OAuth proxy URL for GitHub sign-in (e.g. a sveltia-cms-auth worker).
    #[arg(long)]
    pub auth_url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}
