//! Fiscal years (年度) and Japanese eras (和暦).
//!
//! A fiscal year runs from April to March and is stored as the Western year it starts in:
//! 令和4年度 = `FiscalYear(2022)`. 令和元年度 and 平成31年度 are both 2019.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A Japanese fiscal year, stored as the Western year in which it starts (April).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

/// A Japanese era name (元号), used for display and parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The Western calendar year of the era's first year (元年).
    pub fn first_year(self) -> i32 {
        match self {
            Era::Meiji => 1868,
            Era::Taisho => 1912,
            Era::Showa => 1926,
            Era::Heisei => 1989,
            Era::Reiwa => 2019,
        }
    }

    /// The era's name in kanji.
    pub fn kanji(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The one-letter abbreviation used in tables (R5, H30).
    pub fn letter(self) -> char {
        match self {
            Era::Meiji => 'M',
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// Parses a kanji era name or its one-letter abbreviation (case-insensitive).
    pub fn parse(name: &str) -> Option<Era> {
        let name = name.trim();
        Era::ALL.into_iter().find(|era| {
            name == era.kanji()
                || name.len() == 1 && name.eq_ignore_ascii_case(&era.letter().to_string())
        })
    }

    /// Western year of the `n`-th year of this era (n = 1 is 元年). `None` for n < 1 or
    /// overflow.
    pub fn western_year(self, n: i32) -> Option<i32> {
        if n < 1 {
            return None;
        }
        self.first_year().checked_add(n - 1)
    }

    /// The `n`-th year of this era as written: 「令和4年」, 「令和元年」.
    fn year_text(self, n: i32) -> String {
        if n == 1 {
            format!("{}元年", self.kanji())
        } else {
            format!("{}{n}年", self.kanji())
        }
    }

    /// The era a fiscal year is named in. The fiscal year that starts in April of an era's
    /// first calendar year takes the new era's name (2019 = 令和元年度, the usage of
    /// municipal documents), except for 1926 (the Shōwa era began 25 Dec 1926: 大正15年度).
    pub fn of_fiscal_year(year: FiscalYear) -> Era {
        match year.0 {
            y if y >= 2019 => Era::Reiwa,
            y if y >= 1989 => Era::Heisei,
            y if y >= 1927 => Era::Showa,
            y if y >= 1912 => Era::Taisho,
            _ => Era::Meiji,
        }
    }
}

impl FiscalYear {
    /// The fiscal year named `n`年度 in `era` (令和4年度 = 2022).
    pub fn from_era(era: Era, n: i32) -> Option<FiscalYear> {
        era.western_year(n).map(FiscalYear)
    }

    /// The era and the year number within it, e.g. 2022 → (令和, 4).
    pub fn era_year(self) -> (Era, i32) {
        let era = Era::of_fiscal_year(self);
        (era, self.0 - era.first_year() + 1)
    }

    /// 和暦 form: 「令和4年度」, 「令和元年度」.
    pub fn wareki(self) -> String {
        let (era, n) = self.era_year();
        format!("{}度", era.year_text(n))
    }

    /// Short form used in table headers: 「R4」.
    pub fn short(self) -> String {
        let (era, n) = self.era_year();
        format!("{}{}", era.letter(), n)
    }

    /// The display form of the UI and reports: 「令和4年度（2022年度）」.
    pub fn display_ja(self) -> String {
        format!("{}（{}年度）", self.wareki(), self.0)
    }

    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0.saturating_add(1))
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_ja())
    }
}

/// A calendar date as a document states it about itself: year and month, the day when the
/// document gives one (表紙 「令和7年3月」, 報告対象期間 「令和7年3月31日」).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocDate {
    /// Western calendar year (not a fiscal year).
    pub year: i32,
    pub month: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

impl DocDate {
    /// A valid date, or `None` (month outside 1–12, a day the month does not have).
    pub fn new(year: i32, month: u8, day: Option<u8>) -> Option<DocDate> {
        if !(1..=12).contains(&month) {
            return None;
        }
        if let Some(d) = day
            && (d == 0 || d > days_in_month(year, month))
        {
            return None;
        }
        Some(DocDate { year, month, day })
    }

    /// The first day the date can mean: the day itself, or the 1st of its month.
    pub fn earliest(self) -> (i32, u8, u8) {
        (self.year, self.month, self.day.unwrap_or(1))
    }

    /// The last day the date can mean: the day itself, or the last day of its month.
    pub fn latest(self) -> (i32, u8, u8) {
        (
            self.year,
            self.month,
            self.day
                .unwrap_or_else(|| days_in_month(self.year, self.month)),
        )
    }

    /// The fiscal year (April–March) the date falls in.
    pub fn fiscal_year(self) -> FiscalYear {
        if self.month >= 4 {
            FiscalYear(self.year)
        } else {
            FiscalYear(self.year.saturating_sub(1))
        }
    }

    /// 和暦 form: 「令和7年3月」, 「令和7年3月31日」, 「令和元年5月」.
    pub fn wareki(self) -> String {
        let era = Era::of_date(self);
        let n = self.year.saturating_sub(era.first_year()).saturating_add(1);
        let year = era.year_text(n);
        match self.day {
            Some(d) => format!("{year}{}月{d}日", self.month),
            None => format!("{year}{}月", self.month),
        }
    }
}

/// Days of a month of the Gregorian calendar; 31 for a month outside 1–12.
/// The civil (proleptic Gregorian) date of a day counted from 1970-01-01: (year, month 1–12,
/// day 1–31). Howard Hinnant's `civil_from_days`.
pub fn civil_from_unix_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl Era {
    /// The era a calendar date is named in (令和 from 1 May 2019, 平成 from 8 January 1989,
    /// 昭和 from 25 December 1926, 大正 from 30 July 1912). A month without a day takes the
    /// era of its first day.
    pub fn of_date(date: DocDate) -> Era {
        let d = date.earliest();
        if d >= (2019, 5, 1) {
            Era::Reiwa
        } else if d >= (1989, 1, 8) {
            Era::Heisei
        } else if d >= (1926, 12, 25) {
            Era::Showa
        } else if d >= (1912, 7, 30) {
            Era::Taisho
        } else {
            Era::Meiji
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reiwa_and_heisei() {
        assert_eq!(FiscalYear::from_era(Era::Reiwa, 4), Some(FiscalYear(2022)));
        assert_eq!(FiscalYear::from_era(Era::Reiwa, 1), Some(FiscalYear(2019)));
        assert_eq!(
            FiscalYear::from_era(Era::Heisei, 31),
            Some(FiscalYear(2019))
        );
        assert_eq!(FiscalYear(2019).wareki(), "令和元年度");
        assert_eq!(FiscalYear(2022).display_ja(), "令和4年度（2022年度）");
        assert_eq!(FiscalYear(2018).wareki(), "平成30年度");
        assert_eq!(FiscalYear(2024).short(), "R6");
        assert_eq!(FiscalYear::from_era(Era::Reiwa, 0), None);
    }

    #[test]
    fn era_parse() {
        assert_eq!(Era::parse("令和"), Some(Era::Reiwa));
        assert_eq!(Era::parse("r"), Some(Era::Reiwa));
        assert_eq!(Era::parse("H"), Some(Era::Heisei));
        assert_eq!(Era::parse("X"), None);
        assert_eq!(Era::parse(""), None);
    }

    #[test]
    fn document_dates() {
        let cover = DocDate::new(2025, 3, None).unwrap();
        let end = DocDate::new(2025, 3, Some(31)).unwrap();
        assert_eq!(cover.wareki(), "令和7年3月");
        assert_eq!(end.wareki(), "令和7年3月31日");
        assert_eq!(cover.latest(), (2025, 3, 31));
        assert_eq!(cover.earliest(), (2025, 3, 1));
        assert_eq!(cover.fiscal_year(), FiscalYear(2024));
        assert_eq!(
            DocDate::new(2024, 4, Some(1)).unwrap().fiscal_year(),
            FiscalYear(2024)
        );
        assert_eq!(DocDate::new(2019, 4, None).unwrap().wareki(), "平成31年4月");
        assert_eq!(
            DocDate::new(2019, 5, Some(1)).unwrap().wareki(),
            "令和元年5月1日"
        );
        assert_eq!(
            DocDate::new(2024, 2, Some(29)).map(|d| d.latest()),
            Some((2024, 2, 29))
        );
        assert_eq!(DocDate::new(2025, 2, Some(29)), None);
        assert_eq!(DocDate::new(2025, 13, None), None);
        assert_eq!(DocDate::new(2025, 4, Some(31)), None);
    }

    proptest! {
        #[test]
        fn wareki_round_trips(y in 1868i32..3000) {
            let fy = FiscalYear(y);
            let (era, n) = fy.era_year();
            prop_assert!(n >= 1);
            prop_assert_eq!(FiscalYear::from_era(era, n), Some(fy));
        }
    }
}
