//! The `touming` binary: parses arguments, runs the library, prints problems.
//! Only this file prints; exit codes: 0 success, 1 content problems, 2 usage errors.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use touming::cli::{Cli, Command};
use touming::diagnostic::{self, Diagnostics};
use touming::site::{self, BuildOptions};

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
        Command::Check(a) => {
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
            };
            let diags = site::check(&opts);
            print_diagnostics(&diags);
            let failed = diags.has_errors() || (a.strict && !diags.is_empty());
            summary(&diags);
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Schema(a) => write_schemas(&a.out),
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
    eprintln!(
        "建置失敗：輸出資料夾 {} 保持原狀，未被修改。",
        out.display()
    );
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
