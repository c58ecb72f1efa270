//! What goes into a spreadsheet cell: safe for the person who opens the file.
//!
//! * [`neutralise`]: a CSV cell that a spreadsheet would run as a formula (it starts with `=`,
//!   `+`, `-`, `@`, a tab or a carriage return: `=HYPERLINK(…)`, `=cmd|…`) gets a leading
//!   apostrophe, the OWASP rule against CSV injection. Plain numbers (「-3」「+1.5」) and a
//!   lone 「-」 (a blank cell as reports write it) stay as they are: neither runs as a formula.
//! * [`fit_xlsx`]: Excel holds at most 32,767 characters in a cell; a longer text is cut
//!   there with a note saying how much was left out, instead of failing the whole workbook.

use std::borrow::Cow;

/// Excel's limit of characters in one cell.
pub const XLSX_CELL_MAX_CHARS: usize = 32_767;

fn is_plain_number(s: &str) -> bool {
    if s == "-" || s == "+" {
        return true;
    }
    let t = s.strip_prefix(['-', '+']).unwrap_or(s);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A CSV cell with formula-like content neutralised (see the module documentation).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

/// A text cut to what an XLSX cell holds, with a note of what was left out.
pub fn fit_xlsx(cell: &str) -> Cow<'_, str> {
    let count = cell.chars().count();
    if count <= XLSX_CELL_MAX_CHARS {
        return Cow::Borrowed(cell);
    }
    let note = format!("…（以下{}文字省略。全文は JSON 出力にあります）", count);
    let keep = XLSX_CELL_MAX_CHARS.saturating_sub(note.chars().count());
    let mut out: String = cell.chars().take(keep).collect();
    out.push_str(&note);
    Cow::Owned(out)
}

/// Rows as a CSV file for Excel: UTF-8 with BOM, CRLF, every cell neutralised.
pub fn csv_rows(rows: &[Vec<String>]) -> Result<Vec<u8>, crate::ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        for row in rows {
            writer.write_record(row.iter().map(|c| neutralise(c).into_owned()))?;
        }
        writer
            .flush()
            .map_err(|e| crate::ExportError::CsvInner(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("@SUM(A1:A2)"), "'@SUM(A1:A2)");
        assert_eq!(neutralise("+1+2"), "'+1+2");
        assert_eq!(neutralise("-"), "-");
        assert_eq!(neutralise("-="), "'-=");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-3"), "-3");
        assert_eq!(neutralise("-1,200.5"), "-1,200.5");
        assert_eq!(neutralise("相談件数 416件"), "相談件数 416件");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn long_texts_are_cut_with_a_note() {
        let long = "あ".repeat(40_000);
        let cut = fit_xlsx(&long);
        assert_eq!(cut.chars().count(), XLSX_CELL_MAX_CHARS);
        assert!(cut.ends_with("…（以下40000文字省略。全文は JSON 出力にあります）"));
        assert_eq!(fit_xlsx("短い"), "短い");
    }

    proptest! {
        #[test]
        fn no_neutralised_cell_starts_a_formula(s in ".{0,40}") {
            let n = neutralise(&s);
            let first = n.chars().next();
            prop_assert!(
                !matches!(first, Some('=' | '@' | '\t' | '\r'))
                    && (!matches!(first, Some('+' | '-')) || is_plain_number(&n))
            );
            prop_assert!(fit_xlsx(&s).chars().count() <= XLSX_CELL_MAX_CHARS);
        }
    }
}
