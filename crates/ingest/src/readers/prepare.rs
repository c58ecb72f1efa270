//! What comes out of a document before any reader sees it: page-number lines and the running
//! headers next to them.
//!
//! A converted PDF keeps each page's footer and header as lines of their own, wherever the
//! page broke: between rows, or in the middle of a cell's text (「…関係団体で、」「- 3 -」
//! 「熊谷市自殺対策計画 進捗管理シート」「市の自殺の現状と…」). They are never text: they are taken
//! out of the text the readers see (each with an `info` diagnostic that quotes it, so nothing
//! is lost); after reading, [`restore_lines`] points every location (and every 「line N」 a
//! message names) back at the document's own line.
//!
//! * A page-number line is 「- 3 -」「－３－」「3 / 12」「3ページ」「Page 3」 anywhere, or a bare
//!   number 「3」 inside a paragraph (the lines before and after it are not blank). A bare
//!   number followed by a department (「18」「市民部・」: the 熊谷市 sheet's 計画書ページ cell) is
//!   not a page number.
//! * A running header is a line next to a page-number line (blank lines between allowed) that
//!   is the same as a line earlier in the document; its first occurrence (the title of the
//!   first page) stays.

use crate::diag::{Diagnostic, clip};
use crate::normalise::fold;
use regex::Regex;
use shinchoku_core::Location;
use std::collections::HashSet;
use std::sync::LazyLock;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern, checked by the tests
    Regex::new(
        r"(?i)^(?:[-‐−–—―ー]\s*\d{1,4}\s*[-‐−–—―ー]|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}\s*ページ|page\s*\d{1,4}(?:\s*/\s*\d{1,4})?)$",
    )
    .expect("valid regex")
});

/// The document with page lines taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The remaining lines, joined with `\n`.
    pub text: String,
    /// The original 1-based number of every remaining line.
    pub line_numbers: Vec<usize>,
    /// One `page-number-line` or `running-header` diagnostic per line taken out.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a line (trimmed, folded) is a page number by its form alone.
pub fn is_page_number_form(line: &str) -> bool {
    if line.trim().len() > 64 {
        return false;
    }
    let f = fold(line.trim());
    let f = f.trim();
    !f.is_empty() && f.len() <= 24 && PAGE_NUMBER.is_match(f)
}

fn is_bare_number(line: &str) -> bool {
    if line.trim().len() > 12 {
        return false;
    }
    let f = fold(line.trim());
    let t = f.trim();
    // At most three digits: 「2024」 alone on a line is more likely a wrapped year than a page.
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// A department cell of the 熊谷市 sheet after its page cell (「市民部・」「福祉部」).
fn is_department_line(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['・', '･']);
    t.trim_end().ends_with('部')
}

/// Finds page-number lines and running headers; `None` when the document has none.
pub fn strip_page_lines(file_name: &str, text: &str) -> Option<Prepared> {
    let lines: Vec<&str> = text.lines().collect();
    let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
    let mut page = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if line.contains('\t') || line.trim().is_empty() {
            continue;
        }
        page[i] = is_page_number_form(line)
            || (is_bare_number(line)
                && i > 0
                && !blank(i - 1)
                && !blank(i + 1)
                && !lines.get(i + 1).is_some_and(|l| is_department_line(l)));
    }
    if !page.contains(&true) {
        return None;
    }
    // Running headers: next to a page number, and a repetition of an earlier line.
    let mut header = vec![false; lines.len()];
    let mut seen: HashSet<&str> = HashSet::new();
    let mut first_seen: Vec<bool> = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        first_seen[i] = !t.is_empty() && seen.insert(t);
    }
    for (i, _) in page.iter().enumerate().filter(|(_, p)| **p) {
        // The nearest non-blank line after and before the page number.
        let after = (i + 1..lines.len()).find(|&j| !blank(j));
        let before = (0..i).rev().find(|&j| !blank(j));
        for j in [after, before].into_iter().flatten() {
            let Some(line) = lines.get(j) else { continue };
            let t = line.trim();
            if page[j]
                || first_seen[j]
                || line.contains('\t')
                || t.chars().count() > 80
                || t.ends_with('。')
            {
                continue;
            }
            header[j] = true;
        }
    }
    let mut out = Prepared {
        text: String::with_capacity(text.len()),
        line_numbers: Vec::with_capacity(lines.len()),
        diagnostics: Vec::new(),
    };
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let location = Location::new(file_name, u32::try_from(n).unwrap_or(u32::MAX));
        if page[i] {
            out.diagnostics.push(Diagnostic::info(
                "page-number-line",
                location,
                format!(
                    "page number 「{}」 taken out of the text",
                    clip(line.trim(), 40)
                ),
            ));
        } else if header[i] {
            out.diagnostics.push(Diagnostic::info(
                "running-header",
                location,
                format!(
                    "running header 「{}」 (repeated at a page break) taken out of the text",
                    line.trim()
                ),
            ));
        } else {
            if !out.line_numbers.is_empty() {
                out.text.push('\n');
            }
            out.text.push_str(line);
            out.line_numbers.push(n);
        }
    }
    Some(out)
}

/// Indicator tables (「成果指標」/「評価指標」 header, one row per indicator up to a blank line)
/// whose tabs became runs of spaces: each line that splits at double spaces into as many
/// cells as the header is given its tabs back (`tabs-realigned`); a row that does not is left
/// as it is, with a `tabs-lost` warning, so that it is never read as prose silently. `None`
/// when the text has no such table. Lines are neither added nor removed.
pub fn realign_indicator_tables(file_name: &str, text: &str) -> Option<(String, Vec<Diagnostic>)> {
    let split = |line: &str| -> Vec<String> {
        line.trim()
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // The header's cells: at double spaces, or else before every 現状/目標/実績 (the header's
    // cells are known words, so even single spaces can be told apart).
    let header_cells = |line: &str| -> Option<Vec<String>> {
        let t = line.trim();
        if line.contains('\t') || !(t.starts_with("成果指標") || t.starts_with("評価指標"))
        {
            return None;
        }
        let is_column = |c: &str| {
            let f = fold(c);
            (f.contains("現状") || f.contains("目標") || f.contains("実績"))
                && crate::normalise::parse_fiscal_year(&f).is_some()
        };
        let wide = split(line);
        if wide.len() >= 3 && wide.iter().skip(1).all(|c| is_column(c)) {
            return Some(wide);
        }
        let mut starts: Vec<usize> = ["現状", "目標", "実績"]
            .iter()
            .flat_map(|w| t.match_indices(w).map(|(i, _)| i))
            .collect();
        starts.sort_unstable();
        let first = *starts.first()?;
        let mut cells = vec![t.get(..first)?.trim().to_owned()];
        for (k, start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(t.len());
            cells.push(t.get(*start..end)?.trim().to_owned());
        }
        (cells.len() >= 3 && cells.iter().skip(1).all(|c| is_column(c))).then_some(cells)
    };
    let is_header = |line: &str| header_cells(line).is_some();
    let lines: Vec<&str> = text.lines().collect();
    if !lines.iter().any(|l| is_header(l)) {
        return None;
    }
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let mut diagnostics = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(line) = lines.get(i) else { break };
        if !is_header(line) {
            i += 1;
            continue;
        }
        let count = header_cells(line).map_or(0, |c| c.len());
        let mut j = i;
        while let Some(l) = lines.get(j) {
            if l.trim().is_empty() || l.contains('\t') {
                break;
            }
            let n = j + 1;
            let location = Location::new(file_name, u32::try_from(n).unwrap_or(u32::MAX));
            let cells = if j == i {
                header_cells(l).unwrap_or_default()
            } else {
                split(l)
            };
            if cells.len() == count {
                if let Some(o) = out.get_mut(j) {
                    *o = cells.join("\t");
                }
                diagnostics.push(Diagnostic::warning(
                    "tabs-realigned",
                    location,
                    format!(
                        "indicator table line without tabs split at its double spaces into the header's {count} cells"
                    ),
                ));
            } else {
                diagnostics.push(Diagnostic::warning(
                    "tabs-lost",
                    location,
                    format!(
                        "indicator table line without tabs does not split into the header's {count} cells; left as text: 「{}」",
                        l.trim()
                    ),
                ));
            }
            j += 1;
        }
        i = j.max(i + 1);
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    Some((joined, diagnostics))
}

/// The document's line of a 1-based line of the prepared text.
fn original(line: u32, map: &[usize]) -> u32 {
    usize::try_from(line)
        .ok()
        .and_then(|l| l.checked_sub(1))
        .and_then(|i| map.get(i))
        .and_then(|n| u32::try_from(*n).ok())
        .unwrap_or(line)
}

/// A location in the prepared text, as a location in the document.
pub fn restore_location(mut location: Location, file_name: &str, map: &[usize]) -> Location {
    if location.file == file_name {
        location.line = original(location.line, map);
    }
    location
}

static LINE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern, checked by the tests
    Regex::new(r"\b(lines?) (\d+)").expect("valid regex")
});

/// 「line 12」 in a message, with the document's line number.
fn restore_message(message: &str, map: &[usize]) -> Option<String> {
    if !LINE_WORD.is_match(message) {
        return None;
    }
    Some(
        LINE_WORD
            .replace_all(message, |c: &regex::Captures| {
                let word = c.get(1).map_or("line", |m| m.as_str());
                let n: u32 = c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
                format!("{word} {}", original(n, map))
            })
            .into_owned(),
    )
}

/// Every `{file, line}` object of a JSON value (a serialised plan): its line restored.
fn restore_value(value: &mut serde_json::Value, file_name: &str, map: &[usize]) {
    match value {
        serde_json::Value::Object(object) => {
            let here = object.get("file").and_then(|f| f.as_str()) == Some(file_name);
            if here
                && let Some(serde_json::Value::Number(n)) = object.get_mut("line")
                && let Some(line) = n.as_u64().and_then(|l| u32::try_from(l).ok())
            {
                *n = serde_json::Number::from(original(line, map));
            }
            for v in object.values_mut() {
                restore_value(v, file_name, map);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                restore_value(v, file_name, map);
            }
        }
        _ => {}
    }
}

/// Points every location of an import read from the prepared text (diagnostics, and every
/// location anywhere in the plans) back at the document's lines, and the 「line N」 its
/// diagnostics name.
pub fn restore_lines(import: &mut crate::readers::Import, file_name: &str, map: &[usize]) {
    for d in &mut import.diagnostics {
        d.location = restore_location(d.location.clone(), file_name, map);
        if let Some(m) = restore_message(&d.message, map) {
            d.message = m;
        }
    }
    for plan in &mut import.plans {
        // Locations sit in many places of a plan; its JSON form reaches them all, and a plan
        // goes through JSON losslessly (the export).
        let Ok(mut value) = serde_json::to_value(&*plan) else {
            continue;
        };
        restore_value(&mut value, file_name, map);
        if let Ok(restored) = serde_json::from_value(value) {
            *plan = restored;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_original_lines() {
        let map = [1, 2, 5, 6];
        assert_eq!(
            restore_message("as on line 3 (lines 4)", &map).as_deref(),
            Some("as on line 5 (lines 6)")
        );
        assert_eq!(restore_message("no number", &map), None);
    }

    #[test]
    fn page_number_forms() {
        for yes in [
            "- 3 -",
            "－３－",
            "3 / 12",
            "３／１２",
            "12ページ",
            "Page 4",
            "-12-",
        ] {
            assert!(is_page_number_form(yes), "{yes}");
        }
        for no in [
            "3",
            "P.21",
            "1-1. 地域",
            "- 取組",
            "令和3年",
            "100 %",
            "3/12の会議",
        ] {
            assert!(!is_page_number_form(no), "{no}");
        }
    }

    #[test]
    fn page_lines_and_running_headers_come_out() {
        let text = "表題\n\n本文の一行目\n- 3 -\n表題\n本文の二行目\n18\n市民部・\n文が\n4\n続く";
        let Some(p) = strip_page_lines("a.txt", text) else {
            panic!("nothing stripped");
        };
        assert_eq!(
            p.text,
            "表題\n\n本文の一行目\n本文の二行目\n18\n市民部・\n文が\n続く"
        );
        assert_eq!(p.line_numbers, vec![1, 2, 3, 6, 7, 8, 9, 11]);
        let codes: Vec<(&str, u32)> = p
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.location.line))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("page-number-line", 4),
                ("running-header", 5),
                ("page-number-line", 10)
            ]
        );
        assert!(strip_page_lines("a.txt", "18\n市民部・\n").is_none());
    }
}
