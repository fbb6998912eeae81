//! Lowering a platform's YAML lists: Q&A, risks, ethics log, evaluation, documents,
//! links. Also the rules for document files and URLs, shared with meetings.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::{DocumentRaw, Entry, FileInfo, LinkRaw, ListDoc, RawPlatform};
use crate::diagnostic::Diagnostics;
use crate::model::lower::LowerOptions;
use crate::model::lower::ctx::{Ctx, Secrecy, Visibility};
use crate::model::lower::platform::ctx;
use crate::model::period::HalfYear;
use crate::model::types::*;
use crate::model::vocab::*;

pub struct Lists<'a> {
    pub platform: &'a RawPlatform,
    pub opts: &'a LowerOptions,
    pub secrecy: Secrecy,
}

macro_rules! visible {
    ($cx:expr, $v:expr) => {
        $cx.visibility(&$v.draft, &$v.publish_after, &$v.confidential_until) == Visibility::Published
    };
}

impl Lists<'_> {
    fn each<R, T>(
        &self,
        doc: &Option<ListDoc<R>>,
        diags: &mut Diagnostics,
        mut f: impl FnMut(&mut Ctx, usize, &Entry<R>) -> Option<T>,
    ) -> Vec<T> {
        let Some(doc) = doc else { return vec![] };
        let mut cx = ctx(&doc.src, diags, self.opts, Some(self.secrecy));
        doc.data
            .iter()
            .enumerate()
            .filter_map(|(i, e)| f(&mut cx, i + 1, e))
            .collect()
    }

    pub fn qa(&self, diags: &mut Diagnostics) -> Vec<Qa> {
        self.each(&self.platform.qa, diags, |cx, n, e| {
            let (pos, v) = (cx.at(e), &e.value);
            let q = cx.required_text("q", "問題", &v.q, &v.q_en, pos);
            let a = cx.required_text("a", "答覆", &v.a, &v.a_en, pos);
            let date = cx.date("date", &v.date);
            let keep = visible!(cx, v);
            let qa = Qa {
                n,
                q: q?,
                a: a?,
                date,
                category: cx.text(&v.category, &v.category_en),
                source: cx.text(&v.source, &v.source_en),
            };
            keep.then_some(qa)
        })
    }

    pub fn risks(&self, diags: &mut Diagnostics) -> Vec<Risk> {
        let track = self.secrecy.track;
        let mut ids = BTreeSet::new();
        self.each(&self.platform.risks, diags, |cx, _, e| {
            let (pos, v) = (cx.at(e), &e.value);
            let id = cx.string(&v.id);
            if id.is_none() {
                cx.missing("id", "風險編號", pos);
            }
            if let (Some(id), Some(raw)) = (&id, &v.id)
                && !ids.insert(id.clone())
            {
                let p = cx.at(raw);
                cx.err(p, format!("風險編號「{id}」重複：同一平臺內每個風險的 id 必須不同"));
            }
            let risk = cx.required_text("risk", "風險描述", &v.risk, &v.risk_en, pos);
            let severity = required_level(cx, "severity", "嚴重程度 1–5", &v.severity, pos);
            let likelihood = required_level(cx, "likelihood", "發生機率 1–5", &v.likelihood, pos);
            let template = cx.string(&v.template);
            if let (Some(t), Some(raw)) = (&template, &v.template)
                && !crate::derive::risks::for_track(track).any(|x| x.id == t)
            {
                let p = cx.at(raw);
                let why = if crate::derive::risks::template(t).is_some() {
                    "不適用於這類案件"
                } else {
                    "不存在"
                };
                cx.err(
                    p,
                    format!(
                        "標準風險代碼「{t}」{why}；可用：{}",
                        crate::derive::risks::template_ids(track)
                    ),
                );
            }
            let stage = cx.stage(&v.stage, Some(track));
            let status: Option<RiskStatus> = cx.code("status", &v.status);
            let reviewed = cx.date("reviewed", &v.reviewed);
            let keep = visible!(cx, v);
            let r = Risk {
                id: id?,
                risk: risk?,
                template,
                stage,
                severity: severity?,
                likelihood: likelihood?,
                measures: cx.list(&v.measures, &v.measures_en),
                status: status.unwrap_or(RiskStatus::Open),
                reviewed,
                owner: cx.text(&v.owner, &v.owner_en),
                note: cx.text(&v.note, &v.note_en),
            };
            keep.then_some(r)
        })
    }

    pub fn ethics(&self, diags: &mut Diagnostics) -> Vec<EthicsEntry> {
        self.each(&self.platform.ethics_log, diags, |cx, _, e| {
            let (pos, v) = (cx.at(e), &e.value);
            let period = match &v.period {
                None => {
                    cx.missing("period", "期間，例如 2021-H1", pos);
                    None
                }
                Some(p) => HalfYear::parse(&p.value).or_else(|| {
                    let at = cx.at(p);
                    cx.err(
                        at,
                        format!(
                            "期間「{}」格式不符：請寫成 <西元年>-H1 或 <西元年>-H2，例如 2021-H1",
                            p.value
                        ),
                    );
                    None
                }),
            };
            let mut count = |f: &str, s| cx.int(f, s, 0..=1_000_000).unwrap_or(0) as u32;
            let (lobbying, gifts, banquets, other) = (
                count("lobbying", &v.lobbying),
                count("gifts", &v.gifts),
                count("banquets", &v.banquets),
                count("other", &v.other),
            );
            let keep = visible!(cx, v);
            let entry = EthicsEntry {
                period: period?,
                lobbying,
                gifts,
                banquets,
                other,
                note: cx.text(&v.note, &v.note_en),
            };
            keep.then_some(entry)
        })
    }

    pub fn evaluation(&self, diags: &mut Diagnostics) -> Vec<Evaluation> {
        self.each(&self.platform.evaluation, diags, |cx, _, e| {
            let (pos, v) = (cx.at(e), &e.value);
            let metric = cx.required_text("metric", "評估項目", &v.metric, &v.metric_en, pos);
            let fig = |s: &Option<crate::content::Spanned<crate::content::Scalar>>| {
                s.as_ref().map(|s| Figure {
                    text: s.value.0.trim().to_string(),
                    value: super::parse_number(&s.value.0),
                })
            };
            let keep = visible!(cx, v);
            let ev = Evaluation {
                metric: metric?,
                before: fig(&v.before),
                after: fig(&v.after),
                unit: cx.text(&v.unit, &v.unit_en),
                note: cx.text(&v.note, &v.note_en),
            };
            keep.then_some(ev)
        })
    }

    pub fn documents(&self, diags: &mut Diagnostics) -> Vec<Document> {
        let files = &self.platform.files;
        self.each(&self.platform.documents, diags, |cx, _, e| document(cx, e, files))
    }
}

fn required_level(
    cx: &mut Ctx,
    field: &str,
    what: &str,
    v: &Option<crate::content::Spanned<crate::content::Scalar>>,
    pos: crate::diagnostic::Pos,
) -> Option<u8> {
    if v.is_none() {
        cx.missing(field, what, pos);
    }
    cx.int(field, v, 1..=5).map(|n| n as u8)
}

/// One document entry (documents.yaml or a meeting's `documents`).
pub fn document(cx: &mut Ctx, e: &Entry<DocumentRaw>, files: &BTreeMap<String, FileInfo>) -> Option<Document> {
    let (pos, v) = (cx.at(e), &e.value);
    let title = cx.required_text("title", "文件名稱", &v.title, &v.title_en, pos);
    let kind: Option<DocKind> = cx.code("kind", &v.kind);
    let date = cx.date("date", &v.date);
    let (file, url) = match (&v.file, &v.url) {
        (Some(_), Some(u)) => {
            let p = cx.at(u);
            cx.err(p, "文件只能填 file（檔案）或 url（連結）其中之一，不能兩者都填");
            (None, None)
        }
        (None, None) => {
            cx.err(pos, "文件需要 file（平臺資料夾內的檔案路徑）或 url（連結）其中之一");
            (None, None)
        }
        (Some(f), None) => (published_file(cx, f, files), None),
        (None, Some(u)) => (None, url(cx, "url", u)),
    };
    let keep = visible!(cx, v);
    let ok = file.is_some() || url.is_some();
    let d = Document {
        title: title?,
        date,
        kind: kind.unwrap_or(DocKind::Other),
        file,
        url,
        note: cx.text(&v.note, &v.note_en),
    };
    (keep && ok).then_some(d)
}

/// A `file:` path: relative, inside the platform folder, existing.
fn published_file(cx: &mut Ctx, f: &crate::content::Text, files: &BTreeMap<String, FileInfo>) -> Option<PublishedFile> {
    let p = cx.at(f);
    let rel = f.value.trim();
    if let Err(why) = check_rel_path(rel) {
        cx.err(p, format!("檔案路徑「{rel}」不允許：{why}"));
        return None;
    }
    let key = rel.strip_prefix("./").unwrap_or(rel);
    match files.get(key) {
        Some(info) => Some(PublishedFile {
            rel: key.to_string(),
            source: info.path.clone(),
            size: info.size,
            sha256: info.sha256.clone(),
        }),
        None => {
            cx.err(p, format!("找不到檔案「{rel}」{}", missing_file_hint(key, files)));
            None
        }
    }
}

/// What to check when a `file:` is not there: a file whose name differs only in case or
/// by a typo, or the `files/` folder it belongs in.
fn missing_file_hint(key: &str, files: &BTreeMap<String, FileInfo>) -> String {
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    let same_case = names.iter().find(|n| n.eq_ignore_ascii_case(key));
    if let Some(near) = same_case
        .copied()
        .or_else(|| crate::content::messages::closest(key, &names))
    {
        return format!("：是不是要寫「{near}」？（大小寫與副檔名都要相同）");
    }
    if key.starts_with("files/") {
        String::new()
    } else {
        "（檔案要放在平臺資料夾的 files/ 之下，路徑寫成 files/檔名）".into()
    }
}

/// Paths must stay inside their folder: no `..`, no absolute paths, no drive letters,
/// no backslashes, no control or invisible characters.
pub fn check_rel_path(rel: &str) -> Result<(), String> {
    if rel.is_empty() {
        return Err("不可為空白".into());
    }
    if rel.starts_with('/') || rel.starts_with('\\') {
        return Err("不可使用絕對路徑（以 / 開頭）".into());
    }
    if rel.len() >= 2 && rel.as_bytes()[1] == b':' {
        return Err("不可使用磁碟代號（如 C:）".into());
    }
    if rel.contains('\\') {
        return Err("請用「/」分隔資料夾，不可用「\\」".into());
    }
    if rel.split('/').any(|seg| seg == "..") {
        return Err("不可用「..」跳出平臺資料夾".into());
    }
    if rel.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    }) {
        return Err("含有控制字元或不可見字元".into());
    }
    Ok(())
}

/// A link URL: http(s) or mailto only; `javascript:` and the like are refused.
pub fn url(cx: &mut Ctx, field: &str, u: &crate::content::Text) -> Option<String> {
    let s = u.value.trim();
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:") {
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            let p = cx.at(u);
            cx.err(p, format!("欄位「{field}」的網址含有空白或控制字元"));
            return None;
        }
        return Some(s.to_string());
    }
    let p = cx.at(u);
    cx.err(
        p,
        format!("欄位「{field}」的網址「{s}」不允許：只能是 https://、http:// 或 mailto: 開頭的完整網址"),
    );
    None
}

pub fn links(cx: &mut Ctx, raw: &[Entry<LinkRaw>]) -> Vec<Link> {
    let mut out = Vec::new();
    for e in raw {
        let (pos, v) = (cx.at(e), &e.value);
        let title = cx.required_text("title", "連結名稱", &v.title, &v.title_en, pos);
        let u = match &v.url {
            Some(u) => url(cx, "url", u),
            None => {
                cx.missing("url", "網址", pos);
                None
            }
        };
        let keep = cx.visibility(&v.draft, &v.publish_after, &v.confidential_until) == Visibility::Published;
        if let (Some(title), Some(url), true) = (title, u, keep) {
            out.push(Link { title, url });
        }
    }
    out
}
