//! Reading a spreadsheet file into a grid of cell texts, within fixed bounds.
//!
//! CSV/TSV (UTF-8 with or without BOM, Shift_JIS as Excel saves it) through the `csv` crate;
//! XLSX through calamine's streamed cell reader (no grid of the sheet's bounding box is
//! allocated), with merged ranges filled in; ODS through calamine after the archive's sizes
//! and its repeat counts are checked. Every ZIP is checked as uploads are
//! ([`crate::workbook`]): entries, declared and real inflated sizes.

use super::MappingError;
use crate::normalise::decode_text;
use crate::workbook::{WorkbookLimits, check_zip_holding, layout::column_letters};
use calamine::{Data, DataRef, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// How much of a spreadsheet is read before it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLimits {
    /// The file itself.
    pub max_bytes: u64,
    /// Rows of the table (sheet rows or CSV records).
    pub max_rows: usize,
    /// Columns of the table.
    pub max_columns: usize,
    /// Non-empty cells of the table.
    pub max_cells: usize,
}

impl Default for TableLimits {
    fn default() -> Self {
        TableLimits {
            max_bytes: crate::DEFAULT_MAX_BYTES,
            max_rows: 200_000,
            max_columns: 4_000,
            max_cells: 2_000_000,
        }
    }
}

/// The kind of file a table was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Tsv,
    Xlsx,
    Ods,
}

/// A sheet as cell texts. Row `i` of `rows` is the sheet's row `i + 1` (CSV: the record
/// starting on `lines[i]`). Trailing empty cells of a row are not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub format: TableFormat,
    /// The sheet read (`None` for CSV/TSV).
    pub sheet: Option<String>,
    /// Every sheet of the workbook (empty for CSV/TSV).
    pub sheets: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// CSV/TSV: the 1-based line each record starts on.
    pub lines: Vec<u32>,
    /// The widest row.
    pub width: usize,
}

impl Table {
    /// The text of a cell (empty when outside the table).
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }

    /// The 1-based line (CSV) or sheet row (workbook) of a 0-based row.
    pub fn line(&self, row: usize) -> u32 {
        match self.lines.get(row) {
            Some(l) => *l,
            None => u32::try_from(row + 1).unwrap_or(u32::MAX),
        }
    }

    /// How a person finds a cell: `事業一覧!D12` in a workbook, `D12` in a CSV (whose
    /// location also names the line).
    pub fn address(&self, row: usize, col: usize) -> String {
        let col = column_letters(u32::try_from(col).unwrap_or(u32::MAX));
        match &self.sheet {
            Some(sheet) => format!("{sheet}!{col}{}", row + 1),
            None => format!("{col}{}", self.line(row)),
        }
    }
}

/// Reads a table from a file's bytes. `sheet` picks a workbook's sheet (default: the first);
/// `delimiter` a CSV's separator (default: tab for `.tsv` or when the first line has more
/// tabs than commas, else comma).
pub fn read_table(
    file_name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
    delimiter: Option<u8>,
    limits: &TableLimits,
) -> Result<Table, MappingError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > limits.max_bytes {
        return Err(MappingError::File(format!(
            "{size} bytes, over the limit of {} bytes; not read",
            limits.max_bytes
        )));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(MappingError::File(
            "an old Excel workbook (.xls) or an encrypted one: save it as .xlsx".to_owned(),
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let zip_limits = WorkbookLimits {
            max_bytes: limits.max_bytes,
            max_uncompressed: 256 * 1024 * 1024,
            max_entries: 4_000,
            max_rows: u32::try_from(limits.max_rows).unwrap_or(u32::MAX),
        };
        let is_ods = zip_has(bytes, "content.xml") && !zip_has(bytes, "xl/workbook.xml");
        let required = if is_ods {
            "content.xml"
        } else {
            "xl/workbook.xml"
        };
        check_zip_holding(bytes, &zip_limits, required)
            .map_err(|e| MappingError::File(e.to_string()))?;
        // calamine is not known to panic on archives that pass the checks; should it, the
        // file is refused rather than the process lost.
        let read = std::panic::catch_unwind(|| {
            if is_ods {
                read_ods(bytes, sheet, limits)
            } else {
                read_xlsx(bytes, sheet, limits)
            }
        });
        return read.unwrap_or_else(|_| {
            Err(MappingError::File(
                "the workbook's structure is broken".to_owned(),
            ))
        });
    }
    read_csv(file_name, bytes, delimiter, limits)
}

fn zip_has(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .ok()
        .is_some_and(|z| z.index_for_name(name).is_some())
}

/// A whole number as text (`80`), else the number as Rust writes it.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn data_ref_text(d: &DataRef<'_>) -> String {
    match d {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) => number_text(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}

fn data_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A merged range: its first and last (row, column), inclusive.
type Merge = ((usize, usize), (usize, usize));

/// Collects cells into rows, within the limits.
struct Builder {
    cells: BTreeMap<(usize, usize), String>,
    limits: TableLimits,
    max_row: usize,
    max_col: usize,
}

impl Builder {
    fn new(limits: &TableLimits) -> Self {
        Builder {
            cells: BTreeMap::new(),
            limits: *limits,
            max_row: 0,
            max_col: 0,
        }
    }

    fn put(
        &mut self,
        row: usize,
        col: usize,
        text: String,
        sheet: &str,
    ) -> Result<(), MappingError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        if row >= self.limits.max_rows || col >= self.limits.max_columns {
            return Err(MappingError::File(format!(
                "{sheet}!{}{}: a value outside the limits of {} rows and {} columns",
                column_letters(u32::try_from(col).unwrap_or(u32::MAX)),
                row + 1,
                self.limits.max_rows,
                self.limits.max_columns
            )));
        }
        if self.cells.len() >= self.limits.max_cells {
            return Err(MappingError::File(format!(
                "more than {} cells with values; not read",
                self.limits.max_cells
            )));
        }
        self.max_row = self.max_row.max(row + 1);
        self.max_col = self.max_col.max(col + 1);
        self.cells.insert((row, col), text);
        Ok(())
    }

    /// Copies the top-left value of each merged range into every cell of the range (clipped
    /// to the cells that hold values).
    fn fill_merged(&mut self, merges: &[Merge]) {
        for &((r0, c0), (r1, c1)) in merges {
            let Some(value) = self.cells.get(&(r0, c0)).cloned() else {
                continue;
            };
            let r1 = r1.min(self.max_row.saturating_sub(1));
            let c1 = c1.min(self.max_col.saturating_sub(1));
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if self.cells.len() >= self.limits.max_cells {
                        return;
                    }
                    self.cells.entry((r, c)).or_insert_with(|| value.clone());
                }
            }
        }
    }

    fn into_rows(self) -> (Vec<Vec<String>>, usize) {
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); self.max_row];
        for ((r, c), text) in self.cells {
            if let Some(row) = rows.get_mut(r) {
                if row.len() <= c {
                    row.resize(c + 1, String::new());
                }
                row[c] = text;
            }
        }
        (rows, self.max_col)
    }
}

fn pick_sheet(names: &[String], wanted: Option<&str>) -> Result<String, MappingError> {
    match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .or_else(|| {
                let key = crate::normalise::match_key(w);
                names.iter().find(|n| crate::normalise::match_key(n) == key)
            })
            .cloned()
            .ok_or_else(|| {
                MappingError::File(format!(
                    "the workbook has no sheet 「{w}」 (sheets: {})",
                    names
                        .iter()
                        .map(|n| format!("「{n}」"))
                        .collect::<Vec<_>>()
                        .join("、")
                ))
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| MappingError::File("the workbook has no sheet".to_owned())),
    }
}

fn read_xlsx(
    bytes: &[u8],
    sheet: Option<&str>,
    limits: &TableLimits,
) -> Result<Table, MappingError> {
    let mut book: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| MappingError::File(format!("the workbook cannot be read: {e}")))?;
    let names = book.sheet_names();
    let name = pick_sheet(&names, sheet)?;
    let unreadable = |e: calamine::XlsxError| {
        MappingError::File(format!("sheet 「{name}」 cannot be read: {e}"))
    };
    let mut builder = Builder::new(limits);
    {
        let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            let text = data_ref_text(cell.get_value());
            builder.put(row as usize, col as usize, text, &name)?;
        }
    }
    let merges: Vec<_> = match book.worksheet_merge_cells(&name) {
        Some(Ok(dims)) => dims
            .iter()
            .map(|d| {
                (
                    (d.start.0 as usize, d.start.1 as usize),
                    (d.end.0 as usize, d.end.1 as usize),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    builder.fill_merged(&merges);
    let (rows, width) = builder.into_rows();
    Ok(Table {
        format: TableFormat::Xlsx,
        sheet: Some(name),
        sheets: names,
        rows,
        lines: Vec::new(),
        width,
    })
}

/// Refuses an ODS whose repeat counts would expand beyond the limits: a cell with a value
/// repeated over `max_columns` times, or a row repeated over `max_rows` times before a row
/// with values (calamine expands both).
fn check_ods_repeats(content: &str, limits: &TableLimits) -> Result<(), MappingError> {
    let count_after = |attr: &str, from: usize| -> Option<(usize, usize)> {
        let at = content[from..].find(attr)? + from;
        let rest = &content[at + attr.len()..];
        let end = rest.find('"')?;
        let n: usize = rest[..end].parse().unwrap_or(usize::MAX);
        Some((at, n))
    };
    let mut from = 0;
    while let Some((at, n)) = count_after("table:number-columns-repeated=\"", from) {
        from = at + 1;
        if n > limits.max_columns {
            let start = content[..at].rfind('<').unwrap_or(0);
            let end = content[at..].find('>').map_or(content.len(), |e| at + e);
            if content[start..end].contains("office:value-type") {
                return Err(MappingError::File(format!(
                    "a cell repeated {n} times, over the limit of {} columns",
                    limits.max_columns
                )));
            }
        }
    }
    from = 0;
    while let Some((at, n)) = count_after("table:number-rows-repeated=\"", from) {
        from = at + 1;
        if n > limits.max_rows {
            let row_end = content[at..]
                .find("</table:table-row>")
                .map_or(content.len(), |e| at + e);
            let table_end = content[at..]
                .find("</table:table>")
                .map_or(content.len(), |e| at + e);
            if content[at..table_end].contains("office:value-type") && row_end < table_end {
                return Err(MappingError::File(format!(
                    "a row repeated {n} times, over the limit of {} rows",
                    limits.max_rows
                )));
            }
        }
    }
    Ok(())
}

fn read_ods(
    bytes: &[u8],
    sheet: Option<&str>,
    limits: &TableLimits,
) -> Result<Table, MappingError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| MappingError::File(format!("the workbook cannot be read: {e}")))?;
    let mut content = String::new();
    zip.by_name("content.xml")
        .map_err(|e| MappingError::File(format!("content.xml cannot be read: {e}")))?
        .take(256 * 1024 * 1024)
        .read_to_string(&mut content)
        .map_err(|e| MappingError::File(format!("content.xml cannot be read: {e}")))?;
    check_ods_repeats(&content, limits)?;
    drop(content);
    let mut book: calamine::Ods<Cursor<&[u8]>> = calamine::Ods::new(Cursor::new(bytes))
        .map_err(|e| MappingError::File(format!("the workbook cannot be read: {e}")))?;
    let names = book.sheet_names();
    let name = pick_sheet(&names, sheet)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| MappingError::File(format!("sheet 「{name}」 cannot be read: {e}")))?;
    let mut builder = Builder::new(limits);
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            builder.put(r0 as usize + r, c0 as usize + c, data_text(d), &name)?;
        }
    }
    let (rows, width) = builder.into_rows();
    Ok(Table {
        format: TableFormat::Ods,
        sheet: Some(name),
        sheets: names,
        rows,
        lines: Vec::new(),
        width,
    })
}

/// Refuses a CSV with a record of more than `max_columns` fields or more than `max_cells`
/// fields in all, before the csv reader holds a record (a line of 60 million commas would
/// otherwise cost its field offsets, gigabytes, before any check).
fn check_csv_widths(
    file_name: &str,
    text: &str,
    delimiter: u8,
    limits: &TableLimits,
) -> Result<(), MappingError> {
    let (mut quoted, mut fields, mut total, mut line) = (false, 1usize, 0usize, 1usize);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' => {
                line += 1;
                if !quoted {
                    total += fields;
                    fields = 1;
                }
            }
            _ if b == delimiter && !quoted => {
                fields += 1;
                if fields > limits.max_columns {
                    return Err(MappingError::File(format!(
                        "{file_name}:{line}: more than {} columns; not read",
                        limits.max_columns
                    )));
                }
            }
            _ => {}
        }
        if total > limits.max_cells {
            return Err(MappingError::File(format!(
                "{file_name}:{line}: more than {} cells; not read",
                limits.max_cells
            )));
        }
    }
    Ok(())
}

fn read_csv(
    file_name: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    limits: &TableLimits,
) -> Result<Table, MappingError> {
    let text = decode_text(bytes)
        .ok_or_else(|| MappingError::File("the text is neither UTF-8 nor Shift_JIS".to_owned()))?;
    if text.contains('\0') {
        return Err(MappingError::File(
            "the file holds NUL bytes: not a text table".to_owned(),
        ));
    }
    let is_tsv = file_name.to_ascii_lowercase().ends_with(".tsv");
    let delimiter = delimiter.unwrap_or_else(|| {
        let first = text.lines().next().unwrap_or("");
        if is_tsv || first.matches('\t').count() > first.matches(',').count() {
            b'\t'
        } else {
            b','
        }
    });
    check_csv_widths(file_name, &text, delimiter, limits)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut cells = 0usize;
    let mut width = 0usize;
    let mut record = csv::StringRecord::new();
    let mut counted_to = 0usize;
    let mut line_no = 1u64;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or_else(|| reader.position().line(), |p| p.line());
                return Err(MappingError::File(format!(
                    "{file_name}:{line}: not a readable CSV row: {e}"
                )));
            }
        }
        // csv counts no line break inside a quoted cell: count them in the text.
        let byte = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let mut byte = byte.min(text.len()).max(counted_to);
        // The position may fall before the previous record's line end (CRLF).
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        line_no += text.as_bytes()[counted_to..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = byte;
        let line = line_no;
        if rows.len() >= limits.max_rows {
            return Err(MappingError::File(format!(
                "{file_name}:{line}: more than {} rows; not read",
                limits.max_rows
            )));
        }
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        while row.last().is_some_and(|c| c.trim().is_empty()) {
            row.pop();
        }
        if row.len() > limits.max_columns {
            return Err(MappingError::File(format!(
                "{file_name}:{line}: {} columns, over the limit of {}",
                row.len(),
                limits.max_columns
            )));
        }
        cells += row.len();
        if cells > limits.max_cells {
            return Err(MappingError::File(format!(
                "{file_name}:{line}: more than {} cells; not read",
                limits.max_cells
            )));
        }
        width = width.max(row.len());
        rows.push(row);
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
    }
    Ok(Table {
        format: if delimiter == b'\t' {
            TableFormat::Tsv
        } else {
            TableFormat::Csv
        },
        sheet: None,
        sheets: Vec::new(),
        rows,
        lines,
        width,
    })
}
