//! Taiwanese identity numbers: 國民身分證統一編號 and 外來人口統一證號 (resident
//! certificates), recognised only when their official check digit is right.
//!
//! - national ID: a letter, `1`/`2` (sex), 7 digits, a check digit — `A123456789`;
//! - new resident certificate (2021–): a letter, `8`/`9`, 7 digits, a check digit;
//! - old resident certificate: two letters (the second `A`–`D`), 7 digits, a check digit.
//!
//! The check: the first letter becomes a two-digit code (A=10 … Z=33, with I=34, O=35,
//! W=32 …); the old style's second letter counts as the last digit of its own code. Then
//! tens×1 + units×9 + d1×8 + d2×7 + … + d7×2 + d8×1 + check×1 must be a multiple of 10.
//! A random letter-and-nine-digits token passes one time in ten, so the check removes
//! most part numbers and case numbers; token boundaries remove the rest.

use super::text::{Chars, is_word};
use super::{Hit, Kind};

/// Codes of the letters A–Z in the ID check.
const LETTER_CODES: [u32; 26] = [
    10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
];

/// The check code of a letter (A=10 … Z=33), case-insensitive.
pub fn letter_code(c: char) -> Option<u32> {
    let u = c.to_ascii_uppercase();
    u.is_ascii_uppercase().then(|| LETTER_CODES[(u as u8 - b'A') as usize])
}

/// Does a letter code followed by nine digits (the last being the check) pass?
pub fn checksum_ok(code: u32, digits: &[u32; 9]) -> bool {
    let weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
    let sum = code / 10 + (code % 10) * 9 + digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>();
    sum.is_multiple_of(10)
}

/// What a 10-character token is: a checksum-valid national ID or resident certificate.
pub fn classify(token: &str) -> Option<Kind> {
    let cs: Vec<char> = token.chars().map(super::text::fold).collect();
    if cs.len() != 10 {
        return None;
    }
    let code = letter_code(cs[0])?;
    let rest: Option<Vec<u32>> = cs[2..].iter().map(|c| c.to_digit(10)).collect();
    let rest = rest?;
    let (second, kind) = match cs[1].to_ascii_uppercase() {
        '1' | '2' => (cs[1].to_digit(10)?, Kind::NationalId),
        '8' | '9' => (cs[1].to_digit(10)?, Kind::ResidentCert),
        c @ 'A'..='D' => (letter_code(c)? % 10, Kind::ResidentCert),
        _ => return None,
    };
    let mut digits = [0u32; 9];
    digits[0] = second;
    digits[1..].copy_from_slice(&rest);
    checksum_ok(code, &digits).then_some(kind)
}

/// Every checksum-valid identity number in a chunk.
pub(crate) fn scan(c: &Chars, out: &mut Vec<Hit>) {
    let mut i = 0;
    while i + 10 <= c.len() {
        let starts = c.get(i).is_some_and(|ch| ch.is_ascii_alphabetic())
            && !c.before(i).is_some_and(is_word)
            && !c.get(i + 10).is_some_and(is_word);
        if starts && let Some(kind) = classify(c.slice(i, i + 10)) {
            let token: String = (i..i + 10)
                .filter_map(|k| c.get(k))
                .collect::<String>()
                .to_ascii_uppercase();
            out.push(Hit {
                start: c.byte(i),
                end: c.byte(i + 10),
                kind,
                suggestion: format!("{}****", &token[..6]),
                key: token,
            });
            i += 10;
        } else {
            i += 1;
        }
    }
}
