//! NT$ amounts as agencies write them (`約125億`, `6億3,630萬`, `12500000000`)
//! and how pages show them (`約 125 億元`, `NT$12.5 billion`).
//!
//! Why this module exists: the amount of a procurement case is copied from
//! press releases, budgets and contracts, so it arrives as a plain number of
//! NT$, with commas, with `NT$` or `新臺幣` in front, in Chinese units
//! (`兆`, `億`, `萬`, largest first, each with optional decimals), with `元`
//! behind, and often only approximately (`約`, `餘`, `多`). The content contract
//! (CONTENT-MODEL.md, "Amounts") promises that these all work, that zh-TW
//! pages show 億 with up to two decimals and English pages `NT$… billion`, and
//! that the sum of the 32 reference platforms is shown as `7,812.53 億元`.
//!
//! - [`parse_amount`] reads an amount into whole NT$ ([`Amount`]), or gives an
//!   [`AmountError`] whose Traditional Chinese message names the allowed forms;
//! - [`yi_number`], [`zh`], [`en`] and [`thousands`] render amounts.
//!
//! Amounts are computed exactly on the digit strings, never through `f64`
//! (`628.88億` is exactly 62,888,000,000), rounded half up to whole NT$ only
//! once, at the end. Nothing here panics: every product and sum is checked and
//! an amount beyond `u64` is an error that says it is too large.

use std::fmt;

/// The allowed forms, shown in every "cannot read this" message.
const HINT: &str = "請寫成 12500000000、約125億、8.25億、6億3,630萬 或 3,000萬元";
/// At most this many characters of the input are quoted back in a message.
const ECHO_LIMIT: usize = 40;
/// Markers in front that make an amount approximate, longest first.
const APPROX_PREFIXES: [&str; 4] = ["大約", "約為", "約略", "約"];
/// Currency markers allowed in front.
const CURRENCY_PREFIXES: [&str; 7] = ["新臺幣", "新台幣", "NT$", "nt$", "NTD", "ntd", "$"];
/// Markers behind that make an amount approximate.
const APPROX_SUFFIXES: [&str; 3] = ["左右", "餘", "多"];
/// Markers behind that only say "NT$" or "exactly" and change nothing.
const PLAIN_SUFFIXES: [&str; 3] = ["元整", "元", "整"];
const YI: u128 = 100_000_000;
const MILLION: u128 = 1_000_000;
const BILLION: u128 = 1_000_000_000;

/// An amount in whole NT$, and whether it was written as approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Amount {
    pub ntd: u64,
    pub approximate: bool,
}

/// An amount that could not be read, with a message for the person who wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub message: String,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AmountError {}

/// What was wrong, before it is worded for the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Empty,
    Unrecognized,
    Negative,
    /// The first unit must come before the second.
    OutOfOrder(char, char),
    Duplicate(char),
    MisplacedComma,
    TooLarge,
}

/// One number with its unit: `8.25億` is whole 8, fraction digits [2, 5], power 8.
struct Segment {
    whole: u128,
    fraction: Vec<u8>,
    power: u32,
}

/// Reads an NT$ amount: `12500000000`, `12,500,000,000元`, `NT$ 8.25億`,
/// `約125億`, `125億餘`, `6億3,630萬5,000元`, `1兆2,000億`, `新臺幣約52.6億元`.
/// Full-width digits and punctuation are folded first.
///
/// # Errors
///
/// An [`AmountError`] when the text is empty, negative, has units out of
/// order or twice, misplaced commas, anything else unreadable, or is larger
/// than `u64::MAX` NT$; the message says which, in Traditional Chinese.
pub fn parse_amount(text: &str) -> Result<Amount, AmountError> {
    let shown = text.trim();
    if shown.is_empty() {
        return Err(explain(Problem::Empty, shown));
    }
    let folded = fold_width(shown);
    let (approx_front, body) = strip_prefixes(folded.trim());
    let (approx_back, body) = strip_suffixes(body);
    let chars: Vec<char> = body.chars().collect();
    let (segments, approx_mid) = parse_segments(&chars).map_err(|p| explain(p, shown))?;
    let ntd = total(&segments).ok_or_else(|| explain(Problem::TooLarge, shown))?;
    let approximate = approx_front || approx_back || approx_mid;
    Ok(Amount { ntd, approximate })
}

/// The amount in 億 (10^8 NT$), rounded half up to at most two decimals,
/// trailing zeros dropped, thousands separated: 781,253,300,000 → `7,812.53`.
#[must_use]
pub fn yi_number(ntd: u64) -> String {
    two_decimals(hundredths(ntd, YI))
}

/// zh-TW display: `8.25 億元`, or `約 125 億元` when approximate.
#[must_use]
pub fn zh(a: Amount) -> String {
    let number = yi_number(a.ntd);
    if a.approximate {
        format!("約 {number} 億元")
    } else {
        format!("{number} 億元")
    }
}

/// English display: `NT$12.5 billion`, `NT$636.3 million`, `NT$12,345`;
/// `about NT$12.5 billion` when approximate.
#[must_use]
pub fn en(a: Amount) -> String {
    let body = en_number(a.ntd);
    if a.approximate { format!("about {body}") } else { body }
}

/// `12,500,000,000`.
#[must_use]
pub fn thousands(n: u64) -> String {
    group_digits(&n.to_string())
}

fn en_number(ntd: u64) -> String {
    let millions = hundredths(ntd, MILLION);
    // 999,995,000 rounds to 1,000 million: show it as 1 billion instead.
    if u128::from(ntd) >= BILLION || millions >= 100_000 {
        format!("NT${} billion", two_decimals(hundredths(ntd, BILLION)))
    } else if u128::from(ntd) >= MILLION {
        format!("NT${} million", two_decimals(millions))
    } else {
        format!("NT${}", thousands(ntd))
    }
}

/// `ntd / unit` in hundredths, rounded half up. Cannot overflow: u64 × 100 fits u128.
fn hundredths(ntd: u64, unit: u128) -> u128 {
    (u128::from(ntd) * 100 + unit / 2) / unit
}

/// Hundredths as `7,812.53`, `8.3`, `125`.
fn two_decimals(hundredths: u128) -> String {
    let whole = group_digits(&(hundredths / 100).to_string());
    match hundredths % 100 {
        0 => whole,
        cents if cents % 10 == 0 => format!("{whole}.{}", cents / 10),
        cents => format!("{whole}.{cents:02}"),
    }
}

/// Puts a comma before every group of three digits from the right.
fn group_digits(digits: &str) -> String {
    let count = digits.chars().count();
    let mut out = String::with_capacity(count + count / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (count - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Folds full-width ASCII variants (`１`, `，`, `．`, `＄`, `ＮＴ`, …), the
/// ideographic space and minus look-alikes to plain ASCII.
fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2212}' | '\u{2013}' => '-',
            _ => c,
        })
        .collect()
}

/// Removes `約`-like and `NT$`-like markers in front, each at most once, in
/// either order (`新臺幣約52.6億元`, `約 NT$ 8.25億`).
fn strip_prefixes(mut text: &str) -> (bool, &str) {
    let (mut approximate, mut currency) = (false, false);
    loop {
        text = text.trim_start();
        if !approximate && let Some(rest) = strip_any_prefix(text, &APPROX_PREFIXES) {
            (approximate, text) = (true, rest);
        } else if !currency && let Some(rest) = strip_any_prefix(text, &CURRENCY_PREFIXES) {
            (currency, text) = (true, rest);
        } else {
            return (approximate, text);
        }
    }
}

/// Removes `元` / `整` / `元整` and `餘` / `多` / `左右` behind, each kind at most once,
/// in either order (`125億餘元`, `125億元左右`).
fn strip_suffixes(mut text: &str) -> (bool, &str) {
    let (mut approximate, mut plain) = (false, false);
    loop {
        text = text.trim_end();
        if !approximate && let Some(rest) = strip_any_suffix(text, &APPROX_SUFFIXES) {
            (approximate, text) = (true, rest);
        } else if !plain && let Some(rest) = strip_any_suffix(text, &PLAIN_SUFFIXES) {
            (plain, text) = (true, rest);
        } else {
            return (approximate, text);
        }
    }
}

fn strip_any_prefix<'a>(text: &'a str, markers: &[&str]) -> Option<&'a str> {
    markers.iter().find_map(|m| text.strip_prefix(m))
}

fn strip_any_suffix<'a>(text: &'a str, markers: &[&str]) -> Option<&'a str> {
    markers.iter().find_map(|m| text.strip_suffix(m))
}

/// Reads `number [餘|多] [兆|億|萬]` segments, units largest first, an
/// optional unitless remainder last. Also says whether `餘`/`多` appeared.
fn parse_segments(chars: &[char]) -> Result<(Vec<Segment>, bool), Problem> {
    let mut segments: Vec<Segment> = Vec::new();
    let (mut pos, mut approximate) = (0, false);
    loop {
        pos = skip_spaces(chars, pos);
        if pos >= chars.len() {
            break;
        }
        if segments.last().is_some_and(|s| s.power == 0) {
            return Err(Problem::Unrecognized);
        }
        let (whole, fraction, after) = read_number(chars, pos)?;
        pos = skip_spaces(chars, after);
        if chars.get(pos).is_some_and(|c| matches!(c, '餘' | '多')) {
            approximate = true;
            pos = skip_spaces(chars, pos + 1);
        }
        let unit = chars.get(pos).copied().filter(|c| unit_power(*c).is_some());
        let power = unit.and_then(unit_power).unwrap_or(0);
        check_order(&segments, unit)?;
        pos += usize::from(unit.is_some());
        segments.push(Segment { whole, fraction, power });
    }
    if segments.is_empty() {
        return Err(Problem::Unrecognized);
    }
    Ok((segments, approximate))
}

fn skip_spaces(chars: &[char], mut pos: usize) -> usize {
    while chars.get(pos).is_some_and(|c| c.is_whitespace()) {
        pos += 1;
    }
    pos
}

/// The power of ten of a unit character (simplified forms accepted too).
fn unit_power(c: char) -> Option<u32> {
    match c {
        '兆' => Some(12),
        '億' | '亿' => Some(8),
        '萬' | '万' => Some(4),
        _ => None,
    }
}

/// The unit of `unit_power` as shown in messages.
fn unit_name(power: u32) -> char {
    match power {
        12 => '兆',
        8 => '億',
        _ => '萬',
    }
}

/// A unit may not repeat and must be smaller than the one before it.
fn check_order(segments: &[Segment], unit: Option<char>) -> Result<(), Problem> {
    let Some(power) = unit.and_then(unit_power) else {
        return Ok(());
    };
    if segments.iter().any(|s| s.power == power) {
        return Err(Problem::Duplicate(unit_name(power)));
    }
    match segments.last() {
        Some(last) if last.power < power => Err(Problem::OutOfOrder(unit_name(power), unit_name(last.power))),
        _ => Ok(()),
    }
}

/// Reads `1,234.56` at `pos`: the whole part, the fraction digits, and where it ends.
fn read_number(chars: &[char], pos: usize) -> Result<(u128, Vec<u8>, usize), Problem> {
    match chars.get(pos) {
        Some('-' | '負') => return Err(Problem::Negative),
        Some(c) if c.is_ascii_digit() || *c == ',' => {}
        _ => return Err(Problem::Unrecognized),
    }
    let mut end = pos;
    while chars
        .get(end)
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
    {
        end += 1;
    }
    let token: String = chars.get(pos..end).unwrap_or_default().iter().collect();
    let (whole, fraction) = match token.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (token.as_str(), ""),
    };
    if token.contains('.') && (fraction.is_empty() || !all_digits(fraction)) {
        let comma = fraction.contains(',');
        return Err(if comma {
            Problem::MisplacedComma
        } else {
            Problem::Unrecognized
        });
    }
    check_commas(whole)?;
    let value = whole.bytes().filter(u8::is_ascii_digit).try_fold(0u128, |acc, b| {
        acc.checked_mul(10)?.checked_add(u128::from(b.saturating_sub(b'0')))
    });
    let digits = fraction.bytes().map(|b| b.saturating_sub(b'0')).collect();
    Ok((value.ok_or(Problem::TooLarge)?, digits, end))
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// Commas, if any, must separate groups of three digits (`12,500,000`).
fn check_commas(whole: &str) -> Result<(), Problem> {
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || !all_digits(first) {
        let comma = whole.contains(',');
        return Err(if comma {
            Problem::MisplacedComma
        } else {
            Problem::Unrecognized
        });
    }
    let rest_ok = groups.all(|g| g.len() == 3 && all_digits(g));
    if !whole.contains(',') || (first.len() <= 3 && rest_ok) {
        Ok(())
    } else {
        Err(Problem::MisplacedComma)
    }
}

/// Adds the segments exactly and rounds half up to whole NT$; `None` past u64.
fn total(segments: &[Segment]) -> Option<u64> {
    let mut whole: u128 = 0;
    let mut remainders: Vec<&[u8]> = Vec::with_capacity(segments.len());
    for segment in segments {
        let (scaled, remainder) = scale(segment)?;
        whole = whole.checked_add(scaled)?;
        remainders.push(remainder);
    }
    let (carry, round_up) = add_fractions(&remainders);
    whole = whole.checked_add(carry)?.checked_add(u128::from(round_up))?;
    u64::try_from(whole).ok()
}

/// `whole.fraction × 10^power`: the whole NT$ and the fraction digits left over.
fn scale(segment: &Segment) -> Option<(u128, &[u8])> {
    let mut value = segment.whole;
    for i in 0..segment.power as usize {
        let digit = segment.fraction.get(i).copied().unwrap_or(0);
        value = value.checked_mul(10)?.checked_add(u128::from(digit))?;
    }
    let rest = segment.fraction.get(segment.power as usize..).unwrap_or_default();
    Some((value, rest))
}

/// Adds fractions given as digit lists (each < 1): the whole NT$ carried out
/// and whether the remaining fraction is at least one half.
fn add_fractions(fractions: &[&[u8]]) -> (u128, bool) {
    let len = fractions.iter().map(|f| f.len()).max().unwrap_or(0);
    let (mut carry, mut first_digit) = (0u32, 0u32);
    for i in (0..len).rev() {
        let column: u32 = fractions.iter().filter_map(|f| f.get(i)).map(|&d| u32::from(d)).sum();
        let sum = column + carry;
        (first_digit, carry) = (sum % 10, sum / 10);
    }
    (u128::from(carry), first_digit >= 5)
}

/// The input as quoted back in messages, cut to [`ECHO_LIMIT`] characters.
fn echo(shown: &str) -> String {
    let mut quoted: String = shown.chars().take(ECHO_LIMIT).collect();
    if shown.chars().nth(ECHO_LIMIT).is_some() {
        quoted.push('…');
    }
    quoted
}

/// Words a problem for the civil servant who wrote `shown`.
fn explain(problem: Problem, shown: &str) -> AmountError {
    let it = echo(shown);
    let message = match problem {
        Problem::Empty => format!("沒有填寫金額：{HINT}"),
        Problem::Unrecognized => format!("無法辨識的金額「{it}」：{HINT}"),
        Problem::Negative => format!("金額「{it}」不可為負數：{HINT}"),
        Problem::OutOfOrder(big, small) => format!(
            "金額「{it}」的單位順序不對：「{big}」要寫在「{small}」前面，兆、億、萬須由大到小，例如 1兆2,000億、6億3,630萬"
        ),
        Problem::Duplicate(unit) => {
            format!("金額「{it}」的單位「{unit}」重複了：每個單位只能寫一次，例如 6億3,630萬5,000元")
        }
        Problem::MisplacedComma => {
            format!("金額「{it}」的逗號位置不對：千分位逗號須每三位數一個，例如 12,500,000,000 或 3,000萬")
        }
        Problem::TooLarge => format!("金額「{it}」太大：最多只能到 {} 元", thousands(u64::MAX)),
    };
    AmountError { message }
}

#[cfg(test)]
#[path = "amount_tests.rs"]
mod tests;
