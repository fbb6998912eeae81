//! Integrity lints: personal data (個人資料保護法) and pre-award secrecy (政府採購法 §34)
//! in the text agencies publish.
//!
//! Pure functions, no I/O: [`scan_personal`] finds national IDs and resident
//! certificates (checksum-valid only), mobile and landline numbers, e-mail addresses
//! and street addresses; [`scan_secrecy`] — only for a platform that has not reached
//! award — finds 底價 with an amount and named evaluation committee members. Each
//! [`Finding`] is a byte range of the scanned text, a message in Traditional Chinese
//! and a masked suggestion. Values the site publishes on purpose (site.yaml `contact`)
//! go in [`LintConfig::allow`]; a single false positive is acknowledged with a comment
//! ([`is_acknowledged`], docs/safeguards.md). [`lint_source`] does all of it for a file.

mod ack;
mod address;
mod email;
pub mod ids;
mod names;
mod phone;
mod price;
mod text;

#[cfg(test)]
mod tests_personal;
#[cfg(test)]
mod tests_secrecy;

pub use ack::{acknowledged, is_acknowledged};

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    NationalId,
    ResidentCert,
    Mobile,
    Landline,
    Email,
    HomeAddress,
    BasePrice,
    EvaluatorNames,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::NationalId,
        Kind::ResidentCert,
        Kind::Mobile,
        Kind::Landline,
        Kind::Email,
        Kind::HomeAddress,
        Kind::BasePrice,
        Kind::EvaluatorNames,
    ];

    /// The tag used in `touming: allow <code>` comments.
    pub fn code(self) -> &'static str {
        match self {
            Kind::NationalId => "national-id",
            Kind::ResidentCert => "resident-cert",
            Kind::Mobile => "mobile",
            Kind::Landline => "landline",
            Kind::Email => "email",
            Kind::HomeAddress => "home-address",
            Kind::BasePrice => "base-price",
            Kind::EvaluatorNames => "evaluator-names",
        }
    }

    /// Personal data (個資法) rather than pre-award secrecy (採購法 §34).
    pub fn is_personal(self) -> bool {
        !matches!(self, Kind::BasePrice | Kind::EvaluatorNames)
    }

    /// What to do about it, for the diagnostic's help line.
    pub fn help(self) -> String {
        let fix = if self.is_personal() {
            "請刪除或改為遮蔽後的寫法；機關公開的聯絡方式請寫在 site.yaml 的 contact（視為允許）"
        } else {
            "請刪除，或把這段內容標記 confidential_until: award，待決標後才公開"
        };
        format!(
            "{fix}。若確認可以公開，請在同一行或上一行加註 `# touming: allow {c}`（YAML）或 `<!-- touming: allow {c} -->`（Markdown）",
            c = self.code()
        )
    }
}

/// One thing that must not be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte range in the scanned text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Traditional Chinese: what was found and why it must not be published.
    pub message: String,
    /// The masked form (`A12345****`, `0912-***-678`, `李○明` …).
    pub suggestion: Option<String>,
}

/// What the lints may let through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintConfig {
    /// Exact values that are published on purpose: the site's official contact e-mail,
    /// phone and address (site.yaml `contact`). Compared in normal form (phone digits,
    /// lower-case e-mail, address without spaces and with 臺 for 台).
    pub allow: Vec<String>,
    /// The text belongs to a platform that has not reached award.
    pub before_award: bool,
}

/// A detector's raw result; `key` is the normal form compared with the allow list.
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub key: String,
    pub suggestion: String,
}

fn personal_hits(text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (s, e) in text::lines(text) {
        // Each detector needs a character most lines lack: ids and phone numbers a digit,
        // e-mail an `@`, an address `號`. One pass over the bytes skips the rest (most
        // lines of minutes), and the folded copy is made only for lines worth scanning.
        let need = Triggers::of(&text[s..e]);
        if !(need.digit || need.at || need.hao) {
            continue;
        }
        let c = text::Chars::new(text, s, e);
        if need.digit {
            ids::scan(&c, &mut hits);
            phone::scan(&c, &mut hits);
        }
        if need.at {
            email::scan(&c, &mut hits);
        }
        if need.hao {
            address::scan(&c, &mut hits);
        }
    }
    hits
}

/// Which detectors a line can trigger (after full-width folding, see [`text::fold`]).
struct Triggers {
    digit: bool,
    at: bool,
    hao: bool,
}

impl Triggers {
    fn of(line: &str) -> Triggers {
        let mut t = Triggers {
            digit: false,
            at: false,
            hao: false,
        };
        for ch in line.chars() {
            match text::fold(ch) {
                '0'..='9' => t.digit = true,
                '@' => t.at = true,
                '號' => t.hao = true,
                _ => {}
            }
        }
        t
    }
}

/// Normal forms of the allowed values, per kind (an allowed value is scanned itself).
fn allowed_keys(cfg: &LintConfig) -> Vec<(Kind, String)> {
    cfg.allow
        .iter()
        .flat_map(|a| personal_hits(a).into_iter().map(|h| (h.kind, h.key)))
        .collect()
}

fn message(kind: Kind, shown: &str) -> String {
    match kind {
        Kind::NationalId => format!(
            "發現身分證統一編號「{shown}」（檢查碼正確）：身分證字號是個人資料（個人資料保護法第 2 條），公開後無法收回，不得發布"
        ),
        Kind::ResidentCert => format!(
            "發現居留證統一證號「{shown}」（檢查碼正確）：外來人口統一證號是個人資料（個人資料保護法第 2 條），不得發布"
        ),
        Kind::Mobile => {
            format!("發現行動電話號碼「{shown}」：個人手機號碼是個人資料（個人資料保護法第 2 條），不得發布")
        }
        Kind::Landline => {
            format!("發現電話號碼「{shown}」：不是網站公開的聯絡電話，可能是個人或承辦人的電話（個人資料），不得發布")
        }
        Kind::Email => format!("發現電子郵件地址「{shown}」：不是網站公開的聯絡信箱，個人電子郵件是個人資料，不得發布"),
        Kind::HomeAddress => format!("發現門牌地址「{shown}」：不是網站公開的機關地址，住居所地址是個人資料，不得發布"),
        Kind::BasePrice => {
            format!("決標前出現底價金額「{shown}」：依政府採購法第 34 條，底價於決標前應予保密，不得發布")
        }
        Kind::EvaluatorNames => format!(
            "決標前出現評選委員姓名「{shown}」：依政府採購法第 34 條及採購評選委員會組織準則，委員名單於決標前應予保密，不得發布"
        ),
    }
}

fn finding(h: Hit) -> Finding {
    Finding {
        start: h.start,
        end: h.end,
        kind: h.kind,
        message: message(h.kind, &h.suggestion),
        suggestion: Some(h.suggestion),
    }
}

/// Personal data in `text`: IDs, phone numbers, e-mail and street addresses that are
/// not in `cfg.allow`. Sorted by position.
pub fn scan_personal(text: &str, cfg: &LintConfig) -> Vec<Finding> {
    let allowed = allowed_keys(cfg);
    let mut hits = personal_hits(text);
    hits.retain(|h| {
        let exact = cfg.allow.iter().any(|a| a.trim() == &text[h.start..h.end]);
        !exact && !allowed.iter().any(|(k, key)| *k == h.kind && *key == h.key)
    });
    hits.sort_by_key(|h| (h.start, h.end));
    hits.into_iter().map(finding).collect()
}

/// Pre-award secrets in `text`: 底價 with an amount, named evaluation committee members.
/// Empty unless `cfg.before_award`. Sorted by position.
pub fn scan_secrecy(text: &str, cfg: &LintConfig) -> Vec<Finding> {
    if !cfg.before_award {
        return vec![];
    }
    let mut hits = Vec::new();
    for (s, e) in text::paragraphs(text) {
        let c = text::Chars::new(text, s, e);
        price::scan(&c, &mut hits);
        names::scan(&c, &mut hits);
    }
    hits.sort_by_key(|h| (h.start, h.end));
    hits.into_iter().map(finding).collect()
}

/// Both scans over a whole source file, without the findings its comments acknowledge.
/// Offsets are those of `source`. Sorted by position.
pub fn lint_source(source: &str, cfg: &LintConfig) -> Vec<Finding> {
    let mut all = scan_personal(source, cfg);
    all.extend(scan_secrecy(source, cfg));
    all.retain(|f| !is_acknowledged(source, f.start, f.kind));
    all.sort_by_key(|f| (f.start, f.end));
    all
}
