//! Any spreadsheet through a mapping profile.
//!
//! A city's own sheet (a 事務事業評価 workbook, a CSV of its progress list) is read with a
//! [`Profile`] that says which columns hold what ([`profile`], documented field by field in
//! docs/mapping.md): [`read_mapped`] turns the rows into one plan and diagnostics, every one
//! located as `file:line [シート名!セル]` (workbooks) or `file:line [見出し]` (CSV).
//! [`suggest()`](suggest::suggest) drafts a profile from the header words and the values
//! under them.
//!
//! * [`table`]: the file as a grid of cell texts, within bounds (size, rows, columns, cells;
//!   ZIP checks before calamine; never panics on input).
//! * [`headers`](Headers): the header row(s) joined per column, each with the fiscal year it
//!   names (「令和5年度 実績」「R5」「2023年度」) taken out for matching.

pub mod profile;
pub mod read;
pub mod suggest;
pub mod table;

pub use profile::Profile;
pub use read::read_mapped;
pub use suggest::suggest;
pub use table::{Table, TableLimits, read_table};

use crate::normalise::{find_years, fold, match_key};
use shinchoku_core::{DirectionMeaning, FiscalYear, StatusMeaning};

/// The layout name of documents read through a profile.
pub const LAYOUT: &str = "mapping";

/// Why a file or a profile cannot be used at all (problems of single cells are diagnostics).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// The file cannot be read as a table.
    #[error("{0}")]
    File(String),
    /// The profile is not valid TOML, or not a valid profile.
    #[error("mapping profile: {0}")]
    Profile(String),
    /// The profile does not fit the file (a required column is missing …).
    #[error("{0}")]
    Mismatch(String),
}

/// One column's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub col: usize,
    /// The header cells of the column joined with a space, white space collapsed.
    pub text: String,
    /// The fiscal year the header names.
    pub year: Option<FiscalYear>,
    /// [`match_key`] of the whole text.
    pub full_key: String,
    /// [`match_key`] of the text without its year.
    pub key: String,
    /// [`match_key`] of the last header row's cell without its year.
    pub last_key: String,
    /// 0-based row of the last header row (for locations).
    pub row: usize,
}

/// The headers of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub columns: Vec<Header>,
}

/// `text` without the fiscal year it names, as a match key, and that year.
pub fn strip_year(text: &str) -> (Option<FiscalYear>, String) {
    let folded = fold(text);
    let years = find_years(text);
    let Some(first) = years.first() else {
        return (None, match_key(text));
    };
    let (Some(before), Some(after)) = (folded.get(..first.start), folded.get(first.end..)) else {
        return (None, match_key(text));
    };
    let after = after.trim_start();
    let after = after
        .strip_prefix("年度")
        .or_else(|| after.strip_prefix("度"))
        .or_else(|| after.strip_prefix("年"))
        .unwrap_or(after);
    let rest = format!("{before} {after}");
    let key: String = match_key(&rest)
        .replace("()", "")
        .replace("[]", "")
        .replace("【】", "")
        .trim_matches(|c: char| matches!(c, '_' | '・' | '/' | '-' | ':' | '|'))
        .to_owned();
    (Some(first.year), key)
}

impl Headers {
    /// Joins the header rows (1-based) of each column. A header cell left empty in an upper
    /// row under which the last row has a header takes the text on its left (a merged
    /// heading such as 「令和5年度」 over 「計画」「実績」 saved to CSV).
    pub fn of(table: &Table, header_rows: &[u32]) -> Headers {
        let mut rows: Vec<usize> = header_rows
            .iter()
            .filter_map(|r| usize::try_from(*r).ok()?.checked_sub(1))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        let last = rows.last().copied().unwrap_or(0);
        let width = table.width;
        let mut parts: Vec<Vec<String>> = vec![Vec::new(); width];
        for &r in &rows {
            let mut carried = String::new();
            for (col, part) in parts.iter_mut().enumerate() {
                let cell = crate::normalise::collapse_ws(table.cell(r, col));
                let text =
                    if cell.is_empty() && r != last && !table.cell(last, col).trim().is_empty() {
                        carried.clone()
                    } else {
                        carried = cell.clone();
                        cell
                    };
                if !text.is_empty() && part.last() != Some(&text) {
                    part.push(text);
                }
            }
        }
        let columns = parts
            .into_iter()
            .enumerate()
            .map(|(col, part)| {
                let text = part.join(" ");
                let (year, key) = strip_year(&text);
                let last_cell = crate::normalise::collapse_ws(table.cell(last, col));
                let (_, last_key) = strip_year(&last_cell);
                Header {
                    col,
                    full_key: match_key(&text),
                    text,
                    year,
                    key,
                    last_key,
                    row: last,
                }
            })
            .collect();
        Headers { columns }
    }

    /// The columns a profile's reference names: a whole header, else a header without its
    /// year (every year's column), else the last header row's cell, else a column letter
    /// (`"D"`).
    pub fn find(&self, reference: &str) -> Vec<usize> {
        let key = match_key(reference);
        if key.is_empty() {
            return Vec::new();
        }
        let by = |f: &dyn Fn(&Header) -> bool| -> Vec<usize> {
            self.columns
                .iter()
                .filter(|h| f(h))
                .map(|h| h.col)
                .collect()
        };
        let whole = by(&|h| h.full_key == key);
        if !whole.is_empty() {
            return whole;
        }
        let (ref_year, ref_key) = strip_year(reference);
        if ref_year.is_none() {
            let yearless = by(&|h| h.key == key);
            if !yearless.is_empty() {
                return yearless;
            }
            let last = by(&|h| h.last_key == key);
            if !last.is_empty() {
                return last;
            }
        } else {
            let same = by(&|h| h.year == ref_year && h.key == ref_key);
            if !same.is_empty() {
                return same;
            }
        }
        column_index(reference.trim())
            .filter(|c| *c < self.columns.len())
            .map_or_else(Vec::new, |c| vec![c])
    }

    pub fn get(&self, col: usize) -> Option<&Header> {
        self.columns.get(col)
    }
}

/// The 0-based index of a column written in letters (`"D"` → 3), up to three letters.
pub fn column_index(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut n = 0usize;
    for c in s.bytes() {
        n = n * 26 + usize::from(c - b'A' + 1);
    }
    n.checked_sub(1)
}

/// What a status word probably means (「完了」「実施済」 → done …), for words a profile does not
/// list.
pub fn guess_status_meaning(label: &str) -> StatusMeaning {
    let k = match_key(label);
    if k.contains("未") || (k.contains("遅れ") && !k.contains("やや")) {
        StatusMeaning::NotDone
    } else if k.contains("一部") || k.contains("やや") || k.contains("途中") || k.contains("進行")
    {
        StatusMeaning::Partial
    } else if k.contains("準備") || k.contains("検討") {
        StatusMeaning::Preparing
    } else if k.contains("済")
        || k.contains("完了")
        || k.contains("順調")
        || k == "実施"
        || k == "達成"
    {
        StatusMeaning::Done
    } else {
        StatusMeaning::Other
    }
}

/// What a direction word probably means (現状維持 → continue, 改革改善 → improve,
/// 終了・廃止・休止 → abolish …), for words a profile does not list.
pub fn guess_direction_meaning(label: &str) -> DirectionMeaning {
    let k = match_key(label);
    if k.contains("廃止") || k.contains("終了") {
        DirectionMeaning::Abolish
    } else if k.contains("休止") {
        DirectionMeaning::Suspend
    } else if k.contains("完了") {
        DirectionMeaning::Complete
    } else if k.contains("統合") {
        DirectionMeaning::Integrate
    } else if k.contains("縮小") {
        DirectionMeaning::Reduce
    } else if k.contains("拡充") || k.contains("拡大") {
        DirectionMeaning::Expand
    } else if k.contains("改善") || k.contains("改革") || k.contains("見直") {
        DirectionMeaning::Improve
    } else if k.contains("継続") || k.contains("維持") {
        DirectionMeaning::Continue
    } else {
        DirectionMeaning::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_taken_out_of_headers() {
        assert_eq!(
            strip_year("令和5年度 実績"),
            (Some(FiscalYear(2023)), "実績".to_owned())
        );
        assert_eq!(
            strip_year("R5実績"),
            (Some(FiscalYear(2023)), "実績".to_owned())
        );
        assert_eq!(
            strip_year("2023年度_事業費"),
            (Some(FiscalYear(2023)), "事業費".to_owned())
        );
        assert_eq!(
            strip_year("実績（R6）"),
            (Some(FiscalYear(2024)), "実績".to_owned())
        );
        assert_eq!(strip_year("事業名"), (None, "事業名".to_owned()));
    }

    #[test]
    fn meanings_of_city_words() {
        assert_eq!(
            guess_direction_meaning("現状維持"),
            DirectionMeaning::Continue
        );
        assert_eq!(
            guess_direction_meaning("改革改善"),
            DirectionMeaning::Improve
        );
        assert_eq!(
            guess_direction_meaning("終了・廃止・休止"),
            DirectionMeaning::Abolish
        );
        assert_eq!(guess_status_meaning("順調"), StatusMeaning::Done);
        assert_eq!(guess_status_meaning("やや遅れ"), StatusMeaning::Partial);
        assert_eq!(guess_status_meaning("遅れ"), StatusMeaning::NotDone);
        assert_eq!(column_index("D"), Some(3));
        assert_eq!(column_index("AA"), Some(26));
    }
}
