//! The collection workbook of the yearly cycle: the records of one division (or of every
//! division, for the secretariat) in one fiscal year, one sheet per plan, for divisions that
//! fill in Excel rather than the web forms. `shinchoku_ingest::workbook` reads it back and
//! `shinchoku_commands::upload` applies it.
//!
//! Each plan sheet has a Japanese header row and one row per record, pre-filled with the
//! stored values. The identifier columns (記録ID, 事業, 担当課, 年度) and last year's values
//! (for reference) are locked by sheet protection (no password: the protection prevents
//! mistakes, the upload's checks prevent the rest); the input cells are unlocked and carry
//! data validation — 取組状況 and 今後の方向性 as dropdowns of the plan's own vocabularies,
//! 達成度 as a whole number 0–100 (or the plan's categories 「実施」「未実施」 where it uses
//! them) — each with an input message. A very hidden sheet ([`STAMP_SHEET`]) holds the
//! version stamp: format version, division filter, each plan's id, revision, fiscal year and
//! sheet, and each record's id, revision and row.
//!
//! [`input_text`] is the text a cell is written with: an upload whose cell still reads that
//! text leaves the field alone.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use shinchoku_core::{AchievementValue, FiscalYear, Plan, ProgressRecord, StoredPlan};
use shinchoku_ingest::workbook::layout::{
    Column, FIRST_DATA_ROW, FORMAT_VERSION, HEADER_ROW, STAMP_SHEET, Stamp, StampPlan, StampRecord,
    column_letters, division_matches, division_name,
};

use crate::cells::fit_xlsx;

/// Why no workbook was made.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("XLSX: {0}")]
    Xlsx(#[from] XlsxError),
    /// Nothing to collect: no plan has records for the filter.
    #[error("{0}")]
    Empty(String),
}

/// Which records a workbook holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct WorkbookScope<'a> {
    /// One division's records (by key or name); `None`: every division (the secretariat).
    pub division: Option<&'a str>,
    /// The fiscal year; `None`: each plan's open cycle (plans without one are left out).
    pub fiscal_year: Option<FiscalYear>,
}

/// The text an input cell of `record` is written with (and that an unchanged upload reads
/// back): the stored value as the plan's vocabulary writes it, a percentage as its number,
/// a text cut to what a cell holds.
pub fn input_text(record: &ProgressRecord, column: Column) -> String {
    let text = |s: &Option<String>| fit_xlsx(s.as_deref().unwrap_or("")).into_owned();
    match column {
        Column::PlanText => text(&record.plan_text),
        Column::ResultText => text(&record.result_text),
        Column::EvaluationText => text(&record.evaluation_text),
        Column::CostOriginal => text(&record.cost_original),
        Column::NextPlanText => text(&record.next_plan_text),
        Column::Status => record
            .status
            .as_ref()
            .map_or_else(String::new, |s| s.label.clone()),
        Column::Direction => record
            .direction
            .as_ref()
            .map_or_else(String::new, |d| d.label.clone()),
        Column::Achievement => achievement_text(record),
        _ => String::new(),
    }
}

fn achievement_text(record: &ProgressRecord) -> String {
    match record.achievement.as_ref() {
        None => String::new(),
        Some(a) => match &a.value {
            AchievementValue::Percent(n) => n.to_string(),
            AchievementValue::Category(c) => c.clone(),
            _ => a.original.clone(),
        },
    }
}

/// Sheet names from plan titles: at most 31 characters, without `[]:*?/\`, not starting or
/// ending with an apostrophe, unique regardless of case, never the stamp sheet's name.
pub fn sheet_names<'a>(titles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for title in titles {
        let clean: String = title
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '・',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim();
        let base: String = if clean.is_empty() {
            "計画".to_owned()
        } else {
            clean.to_owned()
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("({n})")
            };
            let keep = 31 - suffix.chars().count();
            let mut name: String = base.chars().take(keep).collect();
            name = name.trim_end().trim_end_matches('\'').to_owned();
            name.push_str(&suffix);
            let taken = out.iter().any(|o| o.to_lowercase() == name.to_lowercase())
                || name.eq_ignore_ascii_case(STAMP_SHEET)
                || name.eq_ignore_ascii_case("history");
            if !taken {
                out.push(name);
                break;
            }
            n += 1;
        }
    }
    out
}

/// The plans' rows: (plan, year, records in plan order with their stored revision and id).
struct Sheet<'a> {
    stored: &'a StoredPlan,
    year: FiscalYear,
    records: Vec<(&'a ProgressRecord, i64, i64)>,
}

fn width(column: Column) -> f64 {
    match column {
        Column::RecordId | Column::MeasureNumber => 8.0,
        Column::MeasureName => 28.0,
        Column::Division => 14.0,
        Column::FiscalYear => 11.0,
        Column::Status | Column::Direction | Column::Achievement => 11.0,
        Column::CostOriginal => 14.0,
        Column::PrevStatus | Column::PrevAchievement | Column::PrevDirection => 11.0,
        _ => 40.0,
    }
}

fn help(plan: &Plan, column: Column) -> Option<(&'static str, String)> {
    Some(match column {
        Column::PlanText => (
            "計画",
            "今年度の計画（実施計画）を入力してください".to_owned(),
        ),
        Column::ResultText => (
            "実施状況・実績",
            "今年度に実施した内容と実績を入力してください".to_owned(),
        ),
        Column::EvaluationText => ("評価・課題", "評価と課題を入力してください".to_owned()),
        Column::CostOriginal => ("経費", "経費を入力してください（例: 40,000円）".to_owned()),
        Column::NextPlanText => (
            "今後の計画",
            "来年度以降の計画を入力してください（来年度の計画欄に引き継がれます）".to_owned(),
        ),
        Column::Status => ("取組状況", "一覧から選んでください".to_owned()),
        Column::Direction => ("今後の方向性", "一覧から選んでください".to_owned()),
        Column::Achievement => {
            let categories = plan.achievement_categories();
            let message = if categories.is_empty() {
                "0〜100 の整数で入力してください".to_owned()
            } else if plan.uses_percent_achievement() {
                format!(
                    "0〜100 の整数、または {} のいずれかを入力してください",
                    categories.join(" / ")
                )
            } else {
                "一覧から選んでください".to_owned()
            };
            ("達成度", message)
        }
        _ => return None,
    })
}

/// A list validation of `options`, or `None` when the list does not fit Excel's 255
/// characters (then only the input message guides, and the upload checks).
fn list(options: &[String]) -> Option<DataValidation> {
    if options.is_empty() {
        return None;
    }
    DataValidation::new().allow_list_strings(options).ok()
}

fn validation(plan: &Plan, column: Column, first: u32) -> Option<DataValidation> {
    let v = match column {
        Column::Status => list(
            &plan
                .status_scale
                .levels
                .iter()
                .map(|l| l.label.clone())
                .collect::<Vec<_>>(),
        )?,
        Column::Direction => list(
            &plan
                .direction_vocabulary
                .terms
                .iter()
                .map(|t| t.label.clone())
                .collect::<Vec<_>>(),
        )?,
        Column::Achievement => {
            let categories = plan.achievement_categories();
            if categories.is_empty() {
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(0, 100))
                    .set_error_message("0〜100 の整数で入力してください")
                    .ok()?
            } else if !plan.uses_percent_achievement() {
                list(&categories)?
            } else {
                let cell = format!("{}{}", column_letters(u32::from(column.index())), first + 1);
                let mut terms = vec![format!(
                    "AND(ISNUMBER({cell}),{cell}=INT({cell}),{cell}>=0,{cell}<=100)"
                )];
                for c in &categories {
                    terms.push(format!("{cell}=\"{}\"", c.replace('"', "\"\"")));
                }
                DataValidation::new()
                    .allow_custom(Formula::new(format!("OR({})", terms.join(","))))
                    .set_error_message(format!(
                        "0〜100 の整数、または {} のいずれかを入力してください",
                        categories.join(" / ")
                    ))
                    .ok()?
            }
        }
        _ => DataValidation::new().allow_any_value(),
    };
    let (title, message) = help(plan, column)?;
    let v = v
        .set_input_title(title)
        .ok()?
        .set_input_message(message)
        .ok()?
        .set_error_title("入力できない値です")
        .ok()?
        .set_error_style(DataValidationErrorStyle::Stop);
    Some(v)
}

/// The collection workbook (see the module documentation).
pub fn collection_workbook(
    plans: &[StoredPlan],
    scope: WorkbookScope<'_>,
) -> Result<Vec<u8>, WorkbookError> {
    let mut sheets = Vec::new();
    let mut left_out = Vec::new();
    for stored in plans {
        let plan = &stored.plan;
        let Some(year) = scope
            .fiscal_year
            .or_else(|| plan.open_cycle().map(|c| c.fiscal_year))
        else {
            left_out.push(format!("{}（受付中の年度がありません）", plan.title));
            continue;
        };
        let refs = shinchoku_core::EntityRef::of_plan(plan);
        let mut records = Vec::new();
        for (entity, position) in refs
            .iter()
            .filter(|(e, _)| e.kind == shinchoku_core::EntityKind::Record)
        {
            let Some(record) = plan.records.get(*position) else {
                continue;
            };
            if record.fiscal_year != year
                || scope
                    .division
                    .is_some_and(|d| !division_matches(plan, record, d))
            {
                continue;
            }
            let Some(meta) = stored.ids.get(entity) else {
                continue;
            };
            records.push((record, meta.id.0, meta.revision.0));
        }
        if records.is_empty() {
            left_out.push(format!(
                "{}（{}の記録がありません）",
                plan.title,
                year.display_ja()
            ));
            continue;
        }
        sheets.push(Sheet {
            stored,
            year,
            records,
        });
    }
    if sheets.is_empty() {
        let who = scope
            .division
            .map_or_else(String::new, |d| format!("{d}の"));
        return Err(WorkbookError::Empty(format!(
            "{who}出力する記録がありません: {}",
            left_out.join("、")
        )));
    }
    let names = sheet_names(sheets.iter().map(|s| s.stored.plan.title.as_str()));
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xD9D9D9));
    let input_header = header.clone().set_background_color(Color::RGB(0xFFF2CC));
    let locked = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF2F2F2));
    let input = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_unlocked();
    let mut stamp = Stamp {
        version: FORMAT_VERSION,
        division: scope.division.map(str::to_owned),
        plans: Vec::new(),
    };
    for (sheet, name) in sheets.iter().zip(names) {
        let plan = &sheet.stored.plan;
        let ws = workbook.add_worksheet();
        ws.set_name(&name)?;
        let mut stamp_plan = StampPlan {
            plan_id: sheet.stored.id.0,
            revision: sheet.stored.revision.0,
            key: plan.key(),
            fiscal_year: sheet.year,
            sheet: name.clone(),
            records: Vec::new(),
        };
        for column in Column::ALL {
            let c = column.index();
            ws.set_column_width(c, width(column))?;
            let f = if column.is_input() {
                &input_header
            } else {
                &header
            };
            ws.write_string_with_format(HEADER_ROW, c, column.header_ja(), f)?;
        }
        for (i, (record, id, revision)) in sheet.records.iter().enumerate() {
            let row = FIRST_DATA_ROW + u32::try_from(i).unwrap_or(u32::MAX - FIRST_DATA_ROW);
            write_row(ws, plan, record, *id, row, &locked, &input)?;
            stamp_plan.records.push(StampRecord {
                id: *id,
                revision: *revision,
                row,
            });
        }
        let last = FIRST_DATA_ROW
            + u32::try_from(sheet.records.len().saturating_sub(1)).unwrap_or(u32::MAX - 1);
        for column in Column::inputs() {
            if let Some(v) = validation(plan, column, FIRST_DATA_ROW) {
                let c = column.index();
                ws.add_data_validation(FIRST_DATA_ROW, c, last, c, &v)?;
            }
        }
        ws.set_freeze_panes(FIRST_DATA_ROW, Column::MeasureName.index() + 1)?;
        // On paper: A4 landscape, one page wide, the header on every page.
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
        let mut options = ProtectionOptions::new();
        options.format_columns = true;
        options.format_rows = true;
        ws.protect_with_options(&options);
        stamp.plans.push(stamp_plan);
    }
    let ws = workbook.add_worksheet();
    ws.set_name(STAMP_SHEET)?;
    for (r, row) in stamp.to_rows().iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r, u16::try_from(c).unwrap_or(u16::MAX), cell)?;
        }
    }
    ws.protect();
    ws.set_very_hidden(true);
    Ok(workbook.save_to_buffer()?)
}

/// The lines a text takes in a column of `width` characters (a full-width character counts
/// two).
fn lines(text: &str, width: f64) -> usize {
    text.split('\n')
        .map(|line| {
            let w: usize = line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            (w as f64 / width).ceil().max(1.0) as usize
        })
        .sum()
}

/// A row tall enough for its longest text (Excel does not fit the height of rows it did not
/// write itself), between one and fifteen lines.
fn row_height(most_lines: usize) -> f64 {
    15.0 * most_lines.clamp(1, 15) as f64 + 3.0
}

fn write_row(
    ws: &mut Worksheet,
    plan: &Plan,
    record: &ProgressRecord,
    id: i64,
    row: u32,
    locked: &Format,
    input: &Format,
) -> Result<(), XlsxError> {
    let previous = plan.records.iter().find(|r| {
        r.measure == record.measure
            && r.division == record.division
            && r.fiscal_year.0 == record.fiscal_year.0 - 1
    });
    let measure = plan.measure(&record.measure);
    let mut most_lines = 1;
    for column in Column::ALL {
        let c = column.index();
        let f = if column.is_input() { input } else { locked };
        let text = match column {
            Column::RecordId => {
                ws.write_number_with_format(row, c, id as f64, f)?;
                continue;
            }
            Column::MeasureNumber => measure.and_then(|m| m.number.clone()).unwrap_or_default(),
            Column::MeasureName => {
                measure.map_or_else(|| record.measure.as_str().to_owned(), |m| m.name.clone())
            }
            Column::Division => division_name(plan, record),
            Column::FiscalYear => record.fiscal_year.display_ja(),
            Column::Achievement => {
                if let Some(AchievementValue::Percent(n)) =
                    record.achievement.as_ref().map(|a| &a.value)
                {
                    ws.write_number_with_format(row, c, f64::from(*n), f)?;
                    continue;
                }
                input_text(record, column)
            }
            Column::PrevResultText => previous
                .map(|p| input_text(p, Column::ResultText))
                .unwrap_or_default(),
            Column::PrevStatus => previous
                .map(|p| input_text(p, Column::Status))
                .unwrap_or_default(),
            Column::PrevAchievement => previous.map(achievement_text).unwrap_or_default(),
            Column::PrevDirection => previous
                .map(|p| input_text(p, Column::Direction))
                .unwrap_or_default(),
            _ => input_text(record, column),
        };
        most_lines = most_lines.max(lines(&text, width(column)));
        if text.is_empty() {
            ws.write_blank(row, c, f)?;
        } else {
            ws.write_string_with_format(row, c, fit_xlsx(&text), f)?;
        }
    }
    ws.set_row_height(row, row_height(most_lines))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_as_tall_as_their_longest_text() {
        assert_eq!(lines("", 40.0), 1);
        assert_eq!(lines("相談会", 40.0), 1);
        assert_eq!(lines(&"あ".repeat(21), 40.0), 2);
        assert_eq!(lines("a\nb\nc", 40.0), 3);
        assert_eq!(row_height(1), 18.0);
        assert_eq!(row_height(100), 228.0);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "あ".repeat(40);
        let names = sheet_names([
            "川口市自殺対策推進計画",
            "川口市自殺対策推進計画",
            "計画[2024]: a/b?",
            long.as_str(),
            long.as_str(),
            "_shinchoku",
            "'引用'",
            "",
        ]);
        assert_eq!(
            names,
            vec![
                "川口市自殺対策推進計画".to_owned(),
                "川口市自殺対策推進計画(2)".to_owned(),
                "計画・2024・・ a・b・".to_owned(),
                "あ".repeat(31),
                format!("{}(2)", "あ".repeat(28)),
                "_shinchoku(2)".to_owned(),
                "引用".to_owned(),
                "計画".to_owned(),
            ]
        );
        assert!(names.iter().all(|n| n.chars().count() <= 31));
    }
}
