//! Reading an uploaded collection workbook (the Excel round-trip of the yearly cycle).
//!
//! A workbook is one that `shinchoku_report::workbook` wrote and a division filled in (in
//! Excel or LibreOffice). [`read_workbook`] reads it within fixed bounds and returns, for
//! every record row, the record's id, the revision it was made from, and the text of each
//! input cell with its address (`計画!G5`). It checks the shape, not the values: whether a
//! value fits the plan is for the commands layer (`shinchoku_commands::upload`), which
//! knows the stored plan.
//!
//! Bounds, checked before calamine parses anything: the file's size
//! ([`WorkbookLimits::max_bytes`]); that it is a ZIP with `xl/workbook.xml`; the number of
//! entries; the uncompressed size every entry declares and their sum; and, by decompressing
//! every entry into a sink, that no entry inflates beyond what it declares (a ZIP bomb
//! cannot lie about its size). Cells are then streamed (no cell grid is allocated, so a
//! cell at XFD1048576 costs nothing) and rows or columns outside
//! [`WorkbookLimits::max_rows`] / the sheet's columns are refused.
//!
//! Refused, with every place as `シート名!セル: 説明`: a formula (values only: the cached
//! result is not taken, since a formula's result is not what the division typed), a date,
//! TRUE/FALSE or an error value in a cell, a fraction where a whole number is expected, a
//! merged range, a row whose id is not one of the workbook's, a row without id (rows cannot
//! be added), a record row deleted, a value outside the table, a header changed, a sheet
//! renamed or deleted.

pub mod layout;

use calamine::{DataRef, Reader, Xlsx};
use layout::{
    Column, FIRST_DATA_ROW, HEADER_ROW, STAMP_SHEET, Stamp, StampPlan, cell_address, column_letters,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{Cursor, Read};

/// How much of an upload is read before it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkbookLimits {
    /// The file itself.
    pub max_bytes: u64,
    /// The sum of the uncompressed sizes of the ZIP's entries.
    pub max_uncompressed: u64,
    /// Entries of the ZIP.
    pub max_entries: usize,
    /// Rows of a sheet (0-based rows beyond are refused).
    pub max_rows: u32,
}

impl Default for WorkbookLimits {
    fn default() -> Self {
        WorkbookLimits {
            max_bytes: 20 * 1024 * 1024,
            max_uncompressed: 100 * 1024 * 1024,
            max_entries: 2_000,
            max_rows: 100_000,
        }
    }
}

/// Why a workbook was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookError {
    #[error(
        "ファイルが大きすぎます（{size} バイト、上限 {limit} バイト）。shinchoku が出力したワークブックを使ってください"
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("Excel ブック（.xlsx）ではありません: {0}")]
    NotXlsx(String),
    #[error(
        "古い Excel 形式（.xls）か、パスワードで保護されたファイルです。パスワードを外して .xlsx 形式で保存してください"
    )]
    OldOrEncrypted,
    #[error("展開すると大きすぎるファイルです（ZIP 爆弾の疑い）: {0}")]
    ZipBomb(String),
    #[error("ワークブックを読めません: {0}")]
    Unreadable(String),
    #[error(
        "shinchoku が出力したワークブックではありません（版情報のシート「{STAMP_SHEET}」がありません）"
    )]
    NoStamp,
    #[error("版情報を読めません: {0}")]
    BadStamp(String),
    /// Problems in cells and sheets, every one of them.
    #[error("{}", join_errors(.0))]
    Cells(Vec<CellError>),
}

fn join_errors(errors: &[CellError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A problem at a cell (`計画!E5`), a sheet (`計画`) or the workbook (empty place).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellError {
    /// `シート名!E5`, a sheet name, or empty.
    pub place: String,
    /// In Japanese.
    pub message: String,
}

impl CellError {
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> CellError {
        CellError {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// A workbook as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedWorkbook {
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub stamp: Stamp,
    /// Every record row, by sheet (in stamp order) and row (a cell that could not be read
    /// is left out of its row, with a problem).
    pub rows: Vec<UploadedRow>,
    /// Every problem found in cells, rows and sheets ([`read_workbook`] refuses the workbook
    /// when there is any; [`read_workbook_with_problems`] hands them over with the rows, so
    /// that the values can be checked too and every error reported at once).
    pub problems: Vec<CellError>,
}

/// One record row of an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedRow {
    pub plan_id: i64,
    pub sheet: String,
    pub record_id: i64,
    /// The record's revision when the workbook was made (from the stamp).
    pub expected_revision: i64,
    /// The id cell's address (`計画!A5`).
    pub id_cell: String,
    /// Every input column, left to right.
    pub values: Vec<UploadedValue>,
}

/// One input cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedValue {
    pub column: Column,
    /// The record field (`result_text` …).
    pub field: &'static str,
    /// The cell's text (empty for an empty cell); numbers as written (`80`).
    pub text: String,
    /// `計画!G5`.
    pub cell: String,
}

/// A cell's value, owned.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(String),
    Error(String),
}

impl Value {
    fn of(data: &DataRef<'_>) -> Value {
        match data {
            DataRef::Empty => Value::Empty,
            DataRef::String(s) => Value::Text(s.clone()),
            DataRef::SharedString(s) => Value::Text((*s).to_owned()),
            DataRef::Int(i) => Value::Number(*i as f64),
            DataRef::Float(f) => Value::Number(*f),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(d) => Value::Date(d.as_f64().to_string()),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Date(s.clone()),
            DataRef::Error(e) => Value::Error(e.to_string()),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A whole number as text (`80`), if `f` is one.
fn whole(f: f64) -> Option<i64> {
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
}

/// The text of an input cell, or what is wrong with it.
fn input_text(column: Column, value: &Value) -> Result<String, String> {
    match value {
        Value::Empty => Ok(String::new()),
        Value::Text(s) => Ok(s.replace("\r\n", "\n")),
        Value::Number(f) => match whole(*f) {
            Some(n) => Ok(n.to_string()),
            None if column == Column::Achievement => Err(format!(
                "{}は整数で入力してください（{f} は整数ではありません）",
                column.header_ja()
            )),
            None => Ok(f.to_string()),
        },
        Value::Bool(b) => Err(format!(
            "{}に TRUE/FALSE（{}）が入っています。文字で入力してください",
            column.header_ja(),
            if *b { "TRUE" } else { "FALSE" }
        )),
        Value::Date(_) => Err(format!(
            "{}が日付・時刻として入力されています。文字で入力してください（先頭に ' を付けると文字になります）",
            column.header_ja()
        )),
        Value::Error(e) => Err(format!("{}がエラー値（{e}）です", column.header_ja())),
    }
}

/// A record id cell: a whole number (as number or text).
fn record_id(value: &Value) -> Result<Option<i64>, String> {
    match value {
        Value::Empty => Ok(None),
        Value::Number(f) => whole(*f)
            .map(Some)
            .ok_or_else(|| format!("記録ID「{f}」が整数ではありません")),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("記録ID「{}」が数ではありません", s.trim())),
        _ => Err("記録IDが数ではありません".to_owned()),
    }
}

/// Checks the bytes are a ZIP within the limits, before any parser sees them.
fn check_zip(bytes: &[u8], limits: &WorkbookLimits) -> Result<(), WorkbookError> {
    check_zip_holding(bytes, limits, "xl/workbook.xml")
}

/// [`check_zip`] for any ZIP-based spreadsheet: `required` is the entry that makes it one
/// (`xl/workbook.xml` for XLSX, `content.xml` for ODS).
pub(crate) fn check_zip_holding(
    bytes: &[u8],
    limits: &WorkbookLimits,
    required: &str,
) -> Result<(), WorkbookError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > limits.max_bytes {
        return Err(WorkbookError::TooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(WorkbookError::OldOrEncrypted);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(WorkbookError::NotXlsx(
            "ZIP 形式のファイルではありません".to_owned(),
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| WorkbookError::NotXlsx(format!("ZIP として読めません（{e}）")))?;
    if zip.len() > limits.max_entries {
        return Err(WorkbookError::ZipBomb(format!(
            "ZIP の項目が多すぎます（{} 個、上限 {} 個）",
            zip.len(),
            limits.max_entries
        )));
    }
    let mut declared_total: u64 = 0;
    let mut has_workbook = false;
    let mut declared = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| WorkbookError::NotXlsx(format!("ZIP の項目を読めません（{e}）")))?;
        has_workbook |= entry.name() == required;
        declared_total = declared_total.saturating_add(entry.size());
        declared.push((entry.name().to_owned(), entry.size()));
    }
    if declared_total > limits.max_uncompressed {
        return Err(WorkbookError::ZipBomb(format!(
            "展開後の大きさが {declared_total} バイトあります（上限 {} バイト）",
            limits.max_uncompressed
        )));
    }
    if !has_workbook {
        let what = if required == "xl/workbook.xml" {
            "Excel ブック"
        } else {
            "表計算のブック"
        };
        return Err(WorkbookError::NotXlsx(format!(
            "{required} がありません（{what}ではない ZIP ファイルです）"
        )));
    }
    // The sizes are declared by the file: decompress every entry into a sink, at most one
    // byte past what it declares, so that an entry that lies is caught with bounded memory.
    for (i, (name, size)) in declared.into_iter().enumerate() {
        let entry = zip.by_index(i).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) => WorkbookError::NotXlsx(format!(
                "{name} を展開できません（{m}。暗号化されていませんか？）"
            )),
            e => WorkbookError::NotXlsx(format!("{name} を展開できません（{e}）")),
        })?;
        let read = std::io::copy(
            &mut entry.take(size.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(|e| WorkbookError::NotXlsx(format!("{name} を展開できません（{e}）")))?;
        if read > size {
            return Err(WorkbookError::ZipBomb(format!(
                "{name} が申告された大きさ（{size} バイト）を超えて展開されます"
            )));
        }
    }
    Ok(())
}

type Workbook<'a> = Xlsx<Cursor<&'a [u8]>>;

/// The non-empty cells of a sheet, streamed (values, then formulas), within the limits.
struct SheetCells {
    values: BTreeMap<(u32, u32), Value>,
    formulas: BTreeMap<(u32, u32), String>,
}

fn read_cells(
    book: &mut Workbook<'_>,
    sheet: &str,
    limits: &WorkbookLimits,
    max_col: u32,
    errors: &mut Vec<CellError>,
) -> Result<SheetCells, WorkbookError> {
    let unreadable = |e: calamine::XlsxError| {
        WorkbookError::Unreadable(format!("シート「{sheet}」を読めません（{e}）"))
    };
    let mut values = BTreeMap::new();
    let mut outside = 0usize;
    {
        let mut reader = book.worksheet_cells_reader(sheet).map_err(unreadable)?;
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            let value = Value::of(cell.get_value());
            if value.is_empty() {
                continue;
            }
            if row >= limits.max_rows || col >= max_col {
                outside += 1;
                if outside <= 20 {
                    errors.push(CellError::new(
                        cell_address(sheet, row, col),
                        "表の外に値があります。表の外には入力しないでください",
                    ));
                }
                continue;
            }
            values.insert((row, col), value);
        }
    }
    let mut formulas = BTreeMap::new();
    {
        let mut reader = book.worksheet_cells_reader(sheet).map_err(unreadable)?;
        while let Some(cell) = reader.next_formula().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            let f = cell.get_value();
            if f.trim().is_empty() || row >= limits.max_rows || col >= max_col {
                continue;
            }
            formulas.insert((row, col), f.clone());
        }
    }
    Ok(SheetCells { values, formulas })
}

/// Reads an uploaded workbook (see the module documentation). `Err(Cells(…))` lists every
/// problem found; the other errors concern the file as a whole.
pub fn read_workbook(
    bytes: &[u8],
    limits: &WorkbookLimits,
) -> Result<UploadedWorkbook, WorkbookError> {
    let book = read_workbook_with_problems(bytes, limits)?;
    if book.problems.is_empty() {
        Ok(book)
    } else {
        Err(WorkbookError::Cells(book.problems))
    }
}

/// Reads an uploaded workbook; problems in cells, rows and sheets are returned in
/// [`UploadedWorkbook::problems`] with the rows, errors of the file as a whole as `Err`.
pub fn read_workbook_with_problems(
    bytes: &[u8],
    limits: &WorkbookLimits,
) -> Result<UploadedWorkbook, WorkbookError> {
    check_zip(bytes, limits)?;
    // calamine is not known to panic on the inputs that pass the checks above; should it,
    // the upload is refused rather than the server thread lost.
    let read = std::panic::catch_unwind(|| read_checked(bytes, limits));
    let mut out = read.unwrap_or_else(|_| {
        Err(WorkbookError::Unreadable(
            "ワークブックの構造が壊れています".to_owned(),
        ))
    })?;
    out.sha256 = format!("{:x}", Sha256::digest(bytes));
    Ok(out)
}

fn read_checked(bytes: &[u8], limits: &WorkbookLimits) -> Result<UploadedWorkbook, WorkbookError> {
    let mut book: Workbook<'_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => WorkbookError::OldOrEncrypted,
        e => WorkbookError::Unreadable(e.to_string()),
    })?;
    let sheet_names: Vec<String> = book.sheet_names();
    if !sheet_names.iter().any(|s| s == STAMP_SHEET) {
        return Err(WorkbookError::NoStamp);
    }
    let mut errors = Vec::new();
    let stamp_cells = read_cells(&mut book, STAMP_SHEET, limits, 16, &mut errors)?;
    let mut stamp_rows: Vec<Vec<String>> = Vec::new();
    for ((row, col), value) in &stamp_cells.values {
        let (row, col) = (*row as usize, *col as usize);
        if stamp_rows.len() <= row {
            stamp_rows.resize(row + 1, Vec::new());
        }
        let cells = &mut stamp_rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = match value {
            Value::Text(s) => s.clone(),
            Value::Number(f) => whole(*f).map_or_else(|| f.to_string(), |n| n.to_string()),
            _ => String::new(),
        };
    }
    let stamp = Stamp::from_rows(&stamp_rows).map_err(WorkbookError::BadStamp)?;

    // Sheets of the stamp that are gone, and sheets nobody expects (a renamed sheet is both).
    let expected: Vec<&str> = stamp.plans.iter().map(|p| p.sheet.as_str()).collect();
    let unknown: Vec<&String> = sheet_names
        .iter()
        .filter(|s| s.as_str() != STAMP_SHEET && !expected.contains(&s.as_str()))
        .collect();
    let mut rows = Vec::new();
    for plan in &stamp.plans {
        if !sheet_names.contains(&plan.sheet) {
            let hint = if unknown.is_empty() {
                "削除されています".to_owned()
            } else {
                format!(
                    "名前を変えた場合は元の名前に戻してください（見つかったシート: {}）",
                    unknown
                        .iter()
                        .map(|s| format!("「{s}」"))
                        .collect::<Vec<_>>()
                        .join("、")
                )
            };
            errors.push(CellError::new(
                plan.sheet.clone(),
                format!(
                    "シート「{}」がありません。{hint}。このシートの記録 {} 件を読めません",
                    plan.sheet,
                    plan.records.len()
                ),
            ));
            continue;
        }
        read_sheet(&mut book, plan, limits, &mut rows, &mut errors)?;
    }
    Ok(UploadedWorkbook {
        sha256: String::new(),
        stamp,
        rows,
        problems: errors,
    })
}

fn read_sheet(
    book: &mut Workbook<'_>,
    plan: &StampPlan,
    limits: &WorkbookLimits,
    rows: &mut Vec<UploadedRow>,
    errors: &mut Vec<CellError>,
) -> Result<(), WorkbookError> {
    let sheet = plan.sheet.as_str();
    let columns = u32::try_from(Column::ALL.len()).unwrap_or(u32::MAX);
    let at = |row: u32, col: u32| cell_address(sheet, row, col);
    if let Some(merged) = book.worksheet_merge_cells(sheet) {
        let merged = merged.map_err(|e| {
            WorkbookError::Unreadable(format!("シート「{sheet}」を読めません（{e}）"))
        })?;
        for m in merged {
            let (r0, c0) = m.start;
            let (r1, c1) = m.end;
            errors.push(CellError::new(
                at(r0, c0),
                format!(
                    "セルが結合されています（{}{}:{}{}）。結合を解除してください",
                    column_letters(c0),
                    r0 + 1,
                    column_letters(c1),
                    r1 + 1
                ),
            ));
        }
    }
    let cells = read_cells(book, sheet, limits, columns, errors)?;
    for ((row, col), f) in &cells.formulas {
        errors.push(CellError::new(
            at(*row, *col),
            format!("数式（={f}）は使えません。計算結果ではなく値を入力してください"),
        ));
    }
    for column in Column::ALL {
        let col = u32::from(column.index());
        let found = match cells.values.get(&(HEADER_ROW, col)) {
            Some(Value::Text(s)) => s.trim().to_owned(),
            _ => String::new(),
        };
        if found != column.header_ja() {
            errors.push(CellError::new(
                at(HEADER_ROW, col),
                format!(
                    "列見出しが「{}」ではありません（「{found}」）。列を移動・追加・削除しないでください",
                    column.header_ja()
                ),
            ));
        }
    }
    let by_id: HashMap<i64, &layout::StampRecord> =
        plan.records.iter().map(|r| (r.id, r)).collect();
    let mut seen: HashMap<i64, u32> = HashMap::new();
    let mut data_rows: BTreeMap<u32, Vec<(u32, &Value)>> = BTreeMap::new();
    for ((row, col), value) in cells.values.range((FIRST_DATA_ROW, 0)..) {
        data_rows.entry(*row).or_default().push((*col, value));
    }
    let id_col = u32::from(Column::RecordId.index());
    for (row, values) in &data_rows {
        let row = *row;
        let get = |col: u32| {
            values
                .iter()
                .find(|(c, _)| *c == col)
                .map_or(&Value::Empty, |(_, v)| *v)
        };
        let id = match record_id(get(id_col)) {
            Ok(Some(id)) => id,
            Ok(None) => {
                errors.push(CellError::new(
                    at(row, id_col),
                    "記録IDのない行です。行は追加できません（記録は shinchoku で追加してから出力し直してください）",
                ));
                continue;
            }
            Err(message) => {
                errors.push(CellError::new(at(row, id_col), message));
                continue;
            }
        };
        let Some(stamped) = by_id.get(&id) else {
            errors.push(CellError::new(
                at(row, id_col),
                format!(
                    "記録ID {id} はこのシートの記録ではありません。行を追加・コピーしないでください"
                ),
            ));
            continue;
        };
        if let Some(first) = seen.insert(id, row) {
            errors.push(CellError::new(
                at(row, id_col),
                format!(
                    "記録ID {id} の行が二つあります（{} 行目と {} 行目）",
                    first + 1,
                    row + 1
                ),
            ));
            continue;
        }
        let mut out = UploadedRow {
            plan_id: plan.plan_id,
            sheet: sheet.to_owned(),
            record_id: id,
            expected_revision: stamped.revision,
            id_cell: at(row, id_col),
            values: Vec::new(),
        };
        for column in Column::inputs() {
            let col = u32::from(column.index());
            let Some(field) = column.field() else {
                continue;
            };
            match input_text(column, get(col)) {
                Ok(text) => out.values.push(UploadedValue {
                    column,
                    field,
                    text,
                    cell: at(row, col),
                }),
                Err(message) => errors.push(CellError::new(at(row, col), message)),
            }
        }
        rows.push(out);
    }
    for r in &plan.records {
        if !seen.contains_key(&r.id) {
            errors.push(CellError::new(
                sheet,
                format!(
                    "記録ID {} の行（出力時 {} 行目）がありません。行を削除しないでください",
                    r.id,
                    r.row + 1
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_are_not_workbooks_are_refused_clearly() {
        let limits = WorkbookLimits::default();
        assert_eq!(
            read_workbook(b"hello", &limits)
                .err()
                .map(|e| e.to_string()),
            Some("Excel ブック（.xlsx）ではありません: ZIP 形式のファイルではありません".into())
        );
        assert_eq!(
            read_workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], &limits).err(),
            Some(WorkbookError::OldOrEncrypted)
        );
        let small = WorkbookLimits {
            max_bytes: 4,
            ..limits
        };
        assert_eq!(
            read_workbook(b"PK\x03\x04hello", &small).err(),
            Some(WorkbookError::TooLarge { size: 9, limit: 4 })
        );
    }

    #[test]
    fn cells_become_text_or_say_what_is_wrong() {
        assert_eq!(
            input_text(Column::Achievement, &Value::Number(80.0)),
            Ok("80".into())
        );
        assert_eq!(
            input_text(Column::Achievement, &Value::Number(80.5)),
            Err("達成度は整数で入力してください（80.5 は整数ではありません）".into())
        );
        assert_eq!(
            input_text(Column::CostOriginal, &Value::Number(1.5)),
            Ok("1.5".into())
        );
        assert_eq!(
            input_text(Column::ResultText, &Value::Text("a\r\nb".into())),
            Ok("a\nb".into())
        );
        assert!(input_text(Column::Status, &Value::Bool(true)).is_err());
        assert_eq!(record_id(&Value::Text(" 12 ".into())), Ok(Some(12)));
        assert!(record_id(&Value::Number(1.5)).is_err());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Arbitrary bytes, with or without a ZIP signature: refused or read, never a panic.
        #[test]
        fn reading_arbitrary_bytes_never_panics(
            zip_like in any::<bool>(),
            bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        ) {
            let mut input = if zip_like { b"PK\x03\x04".to_vec() } else { Vec::new() };
            input.extend(bytes);
            let r = read_workbook(&input, &WorkbookLimits::default());
            prop_assert!(r.is_err());
        }
    }
}
