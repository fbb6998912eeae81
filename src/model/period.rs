//! Half-year periods (`2021-H1`) of reports and ethics-log counts.

use chrono::NaiveDate;

/// A half-year: H1 is January–June, H2 July–December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct HalfYear {
    pub year: i32,
    pub half: u8,
}

impl HalfYear {
    /// Parse `2021-H1` / `2021-h2` (also `2021H1`).
    pub fn parse(s: &str) -> Option<HalfYear> {
        let s = s.trim();
        let (y, h) = s.split_once(['-', '_']).unwrap_or((s.get(..4)?, s.get(4..)?));
        let year: i32 = y.parse().ok().filter(|y| (1900..=2200).contains(y))?;
        let half = match h {
            "H1" | "h1" => 1,
            "H2" | "h2" => 2,
            _ => return None,
        };
        Some(HalfYear { year, half })
    }

    pub fn of(d: NaiveDate) -> HalfYear {
        use chrono::Datelike;
        HalfYear {
            year: d.year(),
            half: if d.month() <= 6 { 1 } else { 2 },
        }
    }

    pub fn start(self) -> NaiveDate {
        let month = if self.half == 1 { 1 } else { 7 };
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or_default()
    }

    pub fn end(self) -> NaiveDate {
        let (m, d) = if self.half == 1 { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or_default()
    }

    /// When the results report for this half-year is due (Taipei SOP: H1 by October 31,
    /// H2 by April 30 of the next year).
    pub fn report_due(self) -> NaiveDate {
        let (y, m, d) = if self.half == 1 {
            (self.year, 10, 31)
        } else {
            (self.year + 1, 4, 30)
        };
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    pub fn next(self) -> HalfYear {
        if self.half == 1 {
            HalfYear {
                year: self.year,
                half: 2,
            }
        } else {
            HalfYear {
                year: self.year + 1,
                half: 1,
            }
        }
    }

    /// `2021-H1`
    pub fn code(self) -> String {
        format!("{}-H{}", self.year, self.half)
    }

    /// `110年上半年`
    pub fn zh(self) -> String {
        let half = if self.half == 1 { "上" } else { "下" };
        format!("{}年{half}半年", self.year - 1911)
    }

    /// `H1 2021`
    pub fn en(self) -> String {
        format!("H{} {}", self.half, self.year)
    }
}

impl std::fmt::Display for HalfYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_names_half_years() {
        let h = HalfYear::parse("2021-H2").unwrap();
        assert_eq!(h.code(), "2021-H2");
        assert_eq!(h.zh(), "110年下半年");
        assert_eq!(h.report_due().to_string(), "2022-04-30");
        assert_eq!(
            HalfYear::parse("2021-H1").unwrap().report_due().to_string(),
            "2021-10-31"
        );
        assert!(HalfYear::parse("2021-H3").is_none());
        assert!(HalfYear::parse("21-H1").is_none());
        assert!(HalfYear::parse("").is_none());
    }
}
