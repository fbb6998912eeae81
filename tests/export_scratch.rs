use std::path::PathBuf;
use touming::site::{Build, BuildOptions};

#[test]
fn dump() {
    for (content, out) in [
        ("content", "/tmp/scratch/example"),
        ("tests/fixtures/valid/content", "/tmp/scratch/fixture"),
    ] {
        let opts = BuildOptions {
            content: PathBuf::from(content),
            out: PathBuf::from(out),
            now: "2026-11-21".parse().unwrap(),
            base_url: None,
            drafts: false,
        };
        let b = Build::load(&opts).lower().render_markdown().derive();
        assert!(!b.diagnostics().has_errors(), "{:?}", b.diagnostics());
        let files = touming::export::export(b.site().unwrap(), b.derived().unwrap());
        let _ = std::fs::remove_dir_all(out);
        for f in files {
            let p = PathBuf::from(out).join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, &f.bytes).unwrap();
        }
    }
}
