//! The `touming` binary: parses arguments, runs the library, prints problems.
//! Only this file prints; exit codes: 0 success, 1 content problems, 2 usage errors.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use touming::cli::{Cli, Command};
use touming::diagnostic::{self, Diagnostics};
use touming::site::{self, BuildOptions};

/// mimalloc instead of glibc malloc: a build allocates millions of small strings and
/// template values on every thread, and glibc's malloc/free were ~17 % of the CPU of an
/// 11k-page build (docs/benchmarks.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(a) => {
            let now = match parse_now(a.now.as_deref()) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let opts = BuildOptions {
                content: a.content,
                out: a.out.clone(),
                now,
                base_url: a.base_url,
                drafts: a.drafts,
                history: !a.no_history,
            };
            let started = std::time::Instant::now();
            match site::build(&opts) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    eprintln!(
                        "已建置 {} 頁、{} 個檔案 → {}（{:.2} 秒）",
                        report.pages,
                        report.files,
                        a.out.display(),
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => fail(&diags, &a.out),
            }
        }
        Command::Check(a) => run_check(a),
        Command::Schema(a) => write_schemas(&a.out),
        Command::New(a) => run_new(a.what),
        Command::Cms(a) => run_cms(a),
        Command::History(a) => run_history(a),
        Command::Serve(a) => run_serve(a),
    }
}

/// `touming check`: every validation of a build, printed in the chosen format.
fn run_check(a: touming::cli::CheckArgs) -> ExitCode {
    use touming::check::{self, Format, PathMap};
    let now = match parse_now(a.now.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let opts = BuildOptions {
        content: a.content,
        out: "site".into(),
        now,
        base_url: None,
        drafts: false,
        history: false,
    };
    let diags = site::check(&opts);
    let cwd = std::env::current_dir().unwrap_or_default();
    let workspace = std::env::var_os("GITHUB_WORKSPACE").map(std::path::PathBuf::from);
    let paths = PathMap::new(&cwd, &check::repo_root(&cwd, workspace.as_deref()));
    match a.format {
        Format::Human => print_diagnostics(&diags),
        Format::Github => {
            print!("{}", check::github(&diags, &paths));
            if let Some(file) = std::env::var_os("GITHUB_STEP_SUMMARY") {
                append_step_summary(&file, &check::markdown_summary(&diags, &paths));
            }
        }
        Format::Json => print!("{}", check::json(&diags, &paths)),
    }
    summary(&diags);
    if check::failed(&diags, a.strict) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Add the check's Markdown table to the GitHub Actions job summary.
fn append_step_summary(file: &std::ffi::OsStr, text: &str) {
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(file)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    if let Err(e) = appended {
        eprintln!("warning: 無法寫入 GITHUB_STEP_SUMMARY：{e}");
    }
}

/// `touming new site|platform|meeting`.
fn run_new(what: touming::cli::NewCommand) -> ExitCode {
    match scaffold(what) {
        Ok(files) => {
            files.iter().for_each(|f| eprintln!("已建立 {}", f.display()));
            eprintln!("請編輯上述檔案（以「#」開頭的行是說明），完成後執行 touming check。");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// The files `touming new` creates, or why it cannot.
fn scaffold(what: touming::cli::NewCommand) -> Result<Vec<std::path::PathBuf>, String> {
    use touming::cli::NewCommand;
    use touming::scaffold::{self, MeetingOptions, PlatformOptions};
    let today = chrono::Local::now().date_naive();
    match what {
        NewCommand::Site { dir } => scaffold::new_site(&dir, today),
        NewCommand::Platform {
            slug,
            content,
            agency,
            case_type,
            title,
        } => {
            let o = PlatformOptions {
                slug,
                agency,
                case_type,
                title,
                today,
            };
            scaffold::new_platform(&content, &o)
        }
        NewCommand::Meeting {
            platform,
            kind,
            date,
            content,
            title,
        } => {
            let date = match date {
                Some(d) => touming::model::date::parse_date(&d).map_err(|e| format!("--date：{e}"))?,
                None => today,
            };
            let o = MeetingOptions {
                platform,
                kind,
                date,
                title,
            };
            scaffold::new_meeting(&content, &o).map(|p| vec![p])
        }
    }
}

/// `touming cms`: write `admin/config.yml` and `admin/index.html`.
fn run_cms(a: touming::cli::CmsArgs) -> ExitCode {
    use touming::cms::{self, CmsOptions};
    let mut diags = Diagnostics::default();
    let raw = touming::content::load(&a.content, &mut diags);
    if diags.has_errors() {
        print_diagnostics(&diags);
        eprintln!("內容有錯誤，仍依可讀取的部分產生設定；請執行 touming check。");
    }
    let opts = CmsOptions {
        app: a.app,
        repo: a.repo,
        branch: a.branch,
        auth_url: a.auth_url,
        content_dir: cms::repo_content_dir(&a.content),
        ..CmsOptions::default()
    };
    for (path, bytes) in cms::cms_files(&raw, &opts) {
        let target = a.out.join(&path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, bytes));
        if let Err(e) = written {
            eprintln!("error: 無法寫入 {}：{e}", target.display());
            return ExitCode::from(1);
        }
        eprintln!("已寫入 {}", target.display());
    }
    ExitCode::SUCCESS
}

/// `touming history`: what git knows of each platform.
fn run_history(a: touming::cli::HistoryArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let history = touming::history::read_history(&a.content);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&history).unwrap_or_default());
    } else {
        print!("{}", touming::history::summary(&history));
    }
    eprintln!("（讀取 git 紀錄 {:.2} 秒）", started.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}

/// `touming serve`: preview until Ctrl-C.
fn run_serve(a: touming::cli::ServeArgs) -> ExitCode {
    use touming::serve::{self, ServeEvent, ServeOptions};
    let now = match parse_now(a.now.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let opts = ServeOptions {
        drafts: a.drafts,
        port: a.port,
        poll: a.poll,
        ..ServeOptions::new(a.content, now)
    };
    let report = |e: ServeEvent| match e {
        ServeEvent::Listening { url } => eprintln!("預覽網址：{url}（按 Ctrl-C 結束）"),
        ServeEvent::Rebuilt(s) => {
            print_diagnostics(&s.warnings);
            eprintln!("[{}] {s}", chrono::Local::now().format("%H:%M:%S"));
        }
        ServeEvent::DataPublished(s) => {
            let ms = s.data.unwrap_or_default().as_secs_f64() * 1000.0;
            eprintln!(
                "[{}] 搜尋索引與資料檔已更新（{ms:.0} ms）",
                chrono::Local::now().format("%H:%M:%S")
            );
        }
        ServeEvent::Failed { diags, .. } => {
            print_diagnostics(&diags);
            summary(&diags);
            eprintln!("內容有錯誤：瀏覽器仍顯示上一次成功的建置，並列出錯誤。");
        }
        ServeEvent::WatchError(e) => eprintln!("warning: 監看檔案時發生問題：{e}"),
    };
    match serve::start(opts, std::sync::Arc::new(report)) {
        Ok(handle) => {
            handle.wait();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: 無法啟動預覽伺服器（127.0.0.1:{}）：{e}", a.port);
            ExitCode::from(2)
        }
    }
}

/// `touming schema --out DIR`: the content files' JSON Schemas.
fn write_schemas(out: &std::path::Path) -> ExitCode {
    let files = touming::export::schema();
    let written = std::fs::create_dir_all(out).and_then(|()| {
        files
            .iter()
            .try_for_each(|f| std::fs::write(out.join(&f.path), &f.bytes))
    });
    match written {
        Ok(()) => {
            eprintln!("已寫入 {} 個 JSON Schema → {}", files.len(), out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: 無法寫入 {}：{e}", out.display());
            ExitCode::from(1)
        }
    }
}

fn parse_now(s: Option<&str>) -> Result<chrono::NaiveDate, ExitCode> {
    match s {
        None => Ok(chrono::Local::now().date_naive()),
        Some(s) => touming::model::date::parse_date(s).map_err(|e| {
            eprintln!("error: --now：{e}");
            ExitCode::from(2)
        }),
    }
}

fn fail(diags: &Diagnostics, out: &std::path::Path) -> ExitCode {
    print_diagnostics(diags);
    summary(diags);
    eprintln!("建置失敗：輸出資料夾 {} 保持原狀，未被修改。", out.display());
    ExitCode::from(1)
}

fn summary(diags: &Diagnostics) {
    let (e, w) = (diags.errors().count(), diags.warnings().count());
    if e + w > 0 {
        eprintln!("共 {e} 個錯誤、{w} 個警告。");
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = std::io::stderr().lock();
    for d in &diags.0 {
        let source = d.pos.and_then(|_| std::fs::read_to_string(&d.path).ok());
        let source = source.map(|s| s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s));
        let _ = write!(err, "{}", diagnostic::render(d, source.as_deref(), color));
    }
}
