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
        if n == 1 {
            format!("{}元年度", era.kanji())
        } else {
            format!("{}{}年度", era.kanji(), n)
        }
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
