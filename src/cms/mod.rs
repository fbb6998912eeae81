//! Web editing: a Sveltia CMS (or Decap CMS — same configuration format) `admin/`
//! generated from the content model, so 政風 staff can edit content in a browser and
//! every change becomes a pull request checked by `touming check`.
//!
//! [`cms_files`] returns `admin/config.yml` and `admin/index.html`. The configuration is
//! built from the content itself: one collection per kind of file, plus one meetings
//! collection and one data-files collection per existing platform (a CMS folder
//! collection cannot span `platforms/*/meetings/`; see docs/web-editing.md), with select
//! options from [`crate::model::vocab`] and the agencies of `agencies.yaml`.
//! `admin/index.html` is the one page of the site that loads a third-party script; it
//! carries its own Content-Security-Policy allowing the CMS host and GitHub's API.

mod collections;
pub mod fields;
pub mod schema;

use serde::Serialize;

use crate::content::RawContent;
pub use collections::{Collection, FileEntry};

/// Which CMS app `admin/index.html` loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum App {
    /// Sveltia CMS (recommended): edits top-level YAML lists (`qa.yaml` …), slug editor.
    #[default]
    Sveltia,
    /// Decap CMS: no top-level lists, new platforms and pages are created in git.
    Decap,
}

/// Where the editor commits and how it signs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsOptions {
    pub app: App,
    /// GitHub repository, `owner/name`.
    pub repo: String,
    /// Branch that pull requests target.
    pub branch: String,
    /// OAuth proxy for GitHub sign-in (backend `base_url`), e.g. a sveltia-cms-auth worker.
    pub auth_url: Option<String>,
    /// The content folder relative to the repository root (`content`).
    pub content_dir: String,
    /// The published site, for "view live" links.
    pub site_url: Option<String>,
    /// A self-hosted copy of the CMS script instead of the CDN.
    pub script_url: Option<String>,
}

impl Default for CmsOptions {
    fn default() -> Self {
        CmsOptions {
            app: App::Sveltia,
            repo: "OWNER/REPOSITORY".into(),
            branch: "main".into(),
            auth_url: None,
            content_dir: "content".into(),
            site_url: None,
            script_url: None,
        }
    }
}

/// The content folder as the CMS needs it: relative to the repository root (`content`),
/// found from the working directory (the nearest folder holding `.git`).
pub fn repo_content_dir(content: &std::path::Path) -> String {
    use crate::check::{PathMap, repo_root};
    let cwd = std::env::current_dir().unwrap_or_default();
    PathMap::new(&cwd, &repo_root(&cwd, None)).show(content)
}

/// The whole `config.yml`.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub backend: Backend,
    pub publish_mode: &'static str,
    pub locale: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    pub media_folder: String,
    pub public_folder: String,
    pub slug: SlugConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<Output>,
    pub collections: Vec<Collection>,
}

/// `backend:` — GitHub, through pull requests (editorial workflow).
#[derive(Debug, Clone, Serialize)]
pub struct Backend {
    pub name: &'static str,
    pub repo: String,
    pub branch: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    pub squash_merges: bool,
    pub commit_messages: CommitMessages,
}

/// Commit subjects; they become the public 修訂紀錄 of each platform.
#[derive(Debug, Clone, Serialize)]
pub struct CommitMessages {
    pub create: &'static str,
    pub update: &'static str,
    pub delete: &'static str,
    #[serde(rename = "uploadMedia")]
    pub upload_media: &'static str,
    #[serde(rename = "deleteMedia")]
    pub delete_media: &'static str,
}

/// File names made from entry values: ASCII only, as slugs require.
#[derive(Debug, Clone, Serialize)]
pub struct SlugConfig {
    pub encoding: &'static str,
    pub clean_accents: bool,
    pub sanitize_replacement: &'static str,
}

/// Sveltia: leave empty optional fields out instead of writing `x: ''`.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub omit_empty_optional_fields: bool,
}

/// The configuration for `raw` content.
pub fn config(raw: &RawContent, opts: &CmsOptions) -> Config {
    Config {
        backend: Backend {
            name: "github",
            repo: opts.repo.clone(),
            branch: opts.branch.clone(),
            base_url: opts.auth_url.clone(),
            squash_merges: true,
            commit_messages: CommitMessages {
                create: "新增 {{collection}}「{{slug}}」（網頁編輯）",
                update: "更新 {{collection}}「{{slug}}」（網頁編輯）",
                delete: "刪除 {{collection}}「{{slug}}」（網頁編輯）",
                upload_media: "上傳檔案「{{path}}」（網頁編輯）",
                delete_media: "刪除檔案「{{path}}」（網頁編輯）",
            },
        },
        publish_mode: "editorial_workflow",
        locale: "zh_Hant",
        site_url: opts.site_url.clone(),
        media_folder: "uploads".into(),
        public_folder: "/uploads".into(),
        slug: SlugConfig {
            encoding: "ascii",
            clean_accents: true,
            sanitize_replacement: "-",
        },
        output: (opts.app == App::Sveltia).then_some(Output {
            omit_empty_optional_fields: true,
        }),
        collections: collections::all(raw, opts),
    }
}

/// `admin/config.yml`: a comment header, then the configuration as YAML.
pub fn config_yaml(raw: &RawContent, opts: &CmsOptions) -> String {
    let body = serde_saphyr::to_string(&config(raw, opts)).unwrap_or_else(|e| format!("# 無法產生設定：{e}\n"));
    format!(
        "# 網頁編輯器設定：由 touming 依內容模型產生（touming cms），請勿手動修改，\n\
         # 內容模型或平臺變動時重新產生即可。說明：docs/web-editing.md\n\
         # Web editor configuration generated by `touming cms` from the content model.\n\
         # Do not edit by hand; regenerate instead. See docs/web-editing.md.\n{body}"
    )
}

/// The CMS script and the origins its page needs.
struct Script {
    url: String,
    module: bool,
}

fn script(opts: &CmsOptions) -> Script {
    let url = opts.script_url.clone().unwrap_or_else(|| {
        match opts.app {
            App::Sveltia => "https://unpkg.com/@sveltia/cms/dist/sveltia-cms.js",
            App::Decap => "https://unpkg.com/decap-cms@^3.0.0/dist/decap-cms.js",
        }
        .into()
    });
    Script {
        url,
        module: opts.app == App::Sveltia,
    }
}

/// `https://host` of a URL, or `'self'` for a relative one.
fn origin(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or("")),
        None => "'self'".into(),
    }
}

/// The Content-Security-Policy of `admin/index.html`: the CMS host, GitHub's API and
/// avatars, the sign-in proxy; nothing else.
pub fn content_security_policy(opts: &CmsOptions) -> String {
    let cms = origin(&script(opts).url);
    let eval = if opts.app == App::Decap { " 'unsafe-eval'" } else { "" };
    let auth = opts
        .auth_url
        .as_deref()
        .map(|u| format!(" {}", origin(u)))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' {cms}{eval}; \
         style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; \
         font-src 'self' https://fonts.gstatic.com; \
         img-src 'self' blob: data: https://avatars.githubusercontent.com https://raw.githubusercontent.com; \
         media-src 'self' blob: data:; frame-src 'self' blob:; \
         connect-src 'self' blob: data: {cms} https://api.github.com https://www.githubstatus.com{auth}; \
         form-action 'self' https://github.com; base-uri 'self'; object-src 'none'"
    )
}

/// Escape text for an HTML attribute value.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `admin/index.html`: loads the CMS, which reads `config.yml` next to it.
pub fn index_html(opts: &CmsOptions) -> String {
    let s = script(opts);
    let module = if s.module { " type=\"module\"" } else { "" };
    format!(
        "<!doctype html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n\
         <meta name=\"referrer\" content=\"same-origin\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <title>內容管理（網頁編輯）</title>\n</head>\n<body>\n\
         <!-- 本頁是網站唯一載入第三方程式的頁面；說明見 docs/web-editing.md -->\n\
         <script src=\"{}\"{module}></script>\n</body>\n</html>\n",
        attr(&content_security_policy(opts)),
        attr(&s.url)
    )
}

/// The files of `admin/`, by path relative to the site root.
pub fn cms_files(raw: &RawContent, opts: &CmsOptions) -> Vec<(String, Vec<u8>)> {
    vec![
        ("admin/config.yml".into(), config_yaml(raw, opts).into_bytes()),
        ("admin/index.html".into(), index_html(opts).into_bytes()),
    ]
}
