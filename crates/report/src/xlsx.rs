//! The report as XLSX: the tables of [`crate::tables`] as sheets named after their captions,
//! with the cells typed for the person who opens the file:
//!
//! * a cell that states one number — plain (「1,234」), a percentage (「94.3%」) or a count with
//!   its counter word (「41件」「1,467 件」「3人」「52か所」) — is a number with a format that
//!   shows it as written (`#,##0"件"`, `0.0%`), so that Excel sums and sorts it;
//! * a yen amount standing alone in its cell (「81,880円」) is an integer with the format
//!   `#,##0"円"`; a cell with several amounts or a label or a note stays text, as written;
//! * the dates of the source documents (表紙の日付, 発行日, 報告対象期間) are Excel dates with a
//!   date format;
//! * [`report_xlsx`] puts a README sheet 「はじめに」 first: the plan, its source documents, and
//!   every sheet and every column — what it holds, its unit or form, where it comes from.
//!
//! Text longer than Excel's cell limit is cut with a note (`cells::fit_xlsx`); no cell is ever
//! written as a formula (text starting with 「=」 is a string cell).

use crate::cells::fit_xlsx;
use crate::export::ExportError;
use crate::tables::{Column, ReportTable, Row, report_tables};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use shinchoku_core::Plan;
use shinchoku_core::fiscal::DocDate;
use std::collections::HashMap;

/// The README sheet's name.
pub const README_SHEET: &str = "はじめに";

/// Counter words after which a number is still "one number" (「41件」).
const COUNTERS: &[&str] = &[
    "円",
    "件",
    "人",
    "名",
    "か所",
    "ヶ所",
    "箇所",
    "カ所",
    "世帯",
    "回",
    "団体",
    "校",
    "時間",
    "冊",
    "組",
    "事業所",
    "店舗",
    "日",
    "部",
];

/// What a cell states when it states one number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellNumber {
    pub value: f64,
    /// Digits after the point as written.
    pub decimals: usize,
    /// Empty, 「%」 or a counter word.
    pub unit: String,
}

impl CellNumber {
    /// The Excel number format that shows the value as written.
    pub(crate) fn format(&self) -> String {
        let frac = if self.decimals == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(self.decimals.min(6)))
        };
        match self.unit.as_str() {
            "" => format!("#,##0{frac}"),
            "%" => format!("0{frac}%"),
            unit => format!("#,##0{frac}\"{unit}\""),
        }
    }

    /// The value as stored: percentages as fractions (Excel's 94.3% is 0.943).
    pub(crate) fn stored(&self) -> f64 {
        if self.unit == "%" {
            self.value / 100.0
        } else {
            self.value
        }
    }
}

fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
        '，' => ',',
        '．' => '.',
        '％' => '%',
        '\u{3000}' => ' ',
        c => c,
    }
}

/// The one number a cell states (see the module documentation), or `None`: not a code with a
/// leading zero (「01」), not a sign alone, not a number inside a sentence.
pub(crate) fn cell_number(cell: &str) -> Option<CellNumber> {
    let folded: String = cell.chars().map(fold).collect();
    let t = folded.trim();
    let split = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let (body, rest) = t.split_at(split);
    let unit = rest.trim();
    if !unit.is_empty() && unit != "%" && !COUNTERS.contains(&unit) {
        return None;
    }
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let well_grouped = !int_part.is_empty()
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && (groups.len() == 1
            || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)));
    if !well_grouped || (int_part.len() > 1 && int_part.starts_with('0')) {
        return None;
    }
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let digits: String = body.chars().filter(|c| *c != ',').collect();
    let value: f64 = digits
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite() && *n < 1e15)?;
    Some(CellNumber {
        value,
        decimals: frac.map_or(0, str::len),
        unit: unit.to_owned(),
    })
}

/// The formats of one workbook, made once per number format.
struct Formats {
    header: Format,
    group: Format,
    wrap: Format,
    label: Format,
    title: Format,
    numbers: HashMap<String, Format>,
}

impl Formats {
    fn new() -> Self {
        let cell = || {
            Format::new()
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_border(FormatBorder::Thin),
            group: Format::new().set_bold(),
            wrap: cell().set_text_wrap(),
            label: cell().set_bold().set_text_wrap(),
            title: Format::new().set_bold().set_font_size(14),
            numbers: HashMap::new(),
        }
    }

    fn number(&mut self, code: &str) -> &Format {
        self.numbers.entry(code.to_owned()).or_insert_with(|| {
            Format::new()
                .set_num_format(code)
                .set_align(FormatAlign::Top)
                .set_border(FormatBorder::Thin)
        })
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn row_no(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// One table as a sheet: its header rows (spans merged), group rows in bold, typed cells, the
/// header frozen.
fn write_table(
    sheet: &mut Worksheet,
    table: &ReportTable,
    formats: &mut Formats,
) -> Result<(), ExportError> {
    let header_rows = table.header_rows();
    for (r, cells) in header_rows.iter().enumerate() {
        let mut c = 0usize;
        for cell in cells {
            // In the second header row, skip columns covered by a rowspan of the first.
            if r == 1 {
                while c < table.columns.len() && table.columns[c].span.is_none() {
                    c += 1;
                }
            }
            let last_row = row_no(r + cell.rowspan - 1);
            let last_col = col(c + cell.colspan - 1);
            if cell.rowspan > 1 || cell.colspan > 1 {
                sheet.merge_range(
                    row_no(r),
                    col(c),
                    last_row,
                    last_col,
                    &fit_xlsx(&cell.text),
                    &formats.header,
                )?;
            } else {
                sheet.write_string_with_format(
                    row_no(r),
                    col(c),
                    fit_xlsx(&cell.text),
                    &formats.header,
                )?;
            }
            c += cell.colspan;
        }
    }
    let first = header_rows.len();
    for (i, row) in table.rows.iter().enumerate() {
        let r = row_no(first + i);
        match row {
            Row::Group { text, .. } => {
                sheet.write_string_with_format(r, 0, fit_xlsx(text), &formats.group)?;
            }
            Row::Data { cells, .. } => {
                for (c, cell) in cells.iter().enumerate() {
                    if cell.is_empty() {
                        continue;
                    }
                    match cell_number(cell) {
                        Some(n) => {
                            let format = formats.number(&n.format()).clone();
                            sheet.write_number_with_format(r, col(c), n.stored(), &format)?;
                        }
                        None => {
                            sheet.write_string_with_format(
                                r,
                                col(c),
                                fit_xlsx(cell),
                                &formats.wrap,
                            )?;
                        }
                    }
                }
            }
        }
    }
    for c in 0..table.columns.len() {
        sheet.set_column_width(col(c), 24)?;
    }
    sheet.set_freeze_panes(row_no(first).max(1), 0)?;
    Ok(())
}

/// The tables as XLSX, one sheet per table (see the module documentation), without the README
/// sheet (for callers without the plan).
pub fn tables_xlsx(tables: &[ReportTable]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let mut formats = Formats::new();
    let names = crate::workbook::sheet_names(tables.iter().map(|t| t.caption.as_str()));
    for (table, name) in tables.iter().zip(names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_table(sheet, table, &mut formats)?;
    }
    if tables.is_empty() {
        workbook.add_worksheet().set_name("表1")?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// A document date as an Excel date (a month without a day: its 1st, shown as 「2025年3月」).
fn excel_date(d: DocDate) -> Option<(ExcelDateTime, &'static str)> {
    let year = u16::try_from(d.year).ok()?;
    let dt = ExcelDateTime::from_ymd(year, d.month, d.day.unwrap_or(1)).ok()?;
    Some((
        dt,
        if d.day.is_some() {
            "yyyy/mm/dd"
        } else {
            "yyyy\"年\"m\"月\""
        },
    ))
}

/// What a column holds, its unit or form, and where it comes from (for the README sheet).
pub(crate) fn column_description(column: &Column) -> (String, String, String) {
    let label = column.label.as_str();
    let year = column.span.clone().unwrap_or_default();
    let in_year = |what: &str| {
        if year.is_empty() {
            what.to_owned()
        } else {
            format!("{year}の{what}")
        }
    };
    let as_written = "報告書の該当欄（記載どおり）";
    let text = "文字列";
    let (what, unit, source): (String, &str, &str) = match label {
        "No." => ("事業の番号".into(), text, as_written),
        "事業名" | "実施内容" => ("事業（取組）の名称".into(), text, as_written),
        "取組（担当課）" => ("取組の名称と担当課".into(), text, as_written),
        "実施課" | "担当課" => (
            "担当課（年度の途中で改称した課は改称後の名称も）".into(),
            text,
            as_written,
        ),
        "担当部署" | "担当部" => ("担当課が属する部".into(), text, as_written),
        "事業概要" => ("事業の内容".into(), text, as_written),
        "対象者" => ("事業の対象者".into(), text, as_written),
        "計画における項目" => ("計画書での項目（施策）".into(), text, as_written),
        "計画書ページ" => ("計画書で事業を説明するページ".into(), text, as_written),
        "再掲" => (
            "他の施策にも掲載された事業（再掲）に「○」".into(),
            "○ または空欄",
            as_written,
        ),
        "取組状況" => (
            in_year("取組状況（ア 実施済 … オ その他）"),
            text,
            as_written,
        ),
        "実施計画" => (in_year("実施計画"), text, as_written),
        "実施状況" | "実施状況・実績" => (in_year("実施状況・実績"), text, as_written),
        "評価・課題" | "実施状況に関する担当課の評価" => {
            (in_year("担当課による評価・課題"), text, as_written)
        }
        "効果" => (in_year("効果"), text, as_written),
        "方向性" => (in_year("事業の今後の方向性"), text, as_written),
        "達成度(%)" => (
            in_year("達成度"),
            "数値（%）。「実施」「未実施」や課ごとの値は文字列",
            as_written,
        ),
        "経費" => (
            in_year("経費"),
            "金額だけのセルは整数（円、表示形式 #,##0\"円\"）。内訳や注記のあるセルは記載どおりの文字列",
            as_written,
        ),
        "実績(その他)" => (
            in_year("経費以外の実績（件数・人数など）"),
            text,
            as_written,
        ),
        "成果指標" => ("成果指標（評価指標）の名称".into(), text, as_written),
        l if l.ends_with("実績(経費)") => (
            format!("{}の経費", l.trim_end_matches("実績(経費)")),
            "金額だけのセルは整数（円、表示形式 #,##0\"円\"）。内訳や注記のあるセルは記載どおりの文字列",
            as_written,
        ),
        l if l.ends_with("実績(その他)") => (
            format!(
                "{}の経費以外の実績（件数・人数など）",
                l.trim_end_matches("実績(その他)")
            ),
            text,
            as_written,
        ),
        l if l.ends_with("の方向性") => (
            format!(
                "{}の事業の方向性（継続・拡充など）",
                l.trim_end_matches("の方向性")
            ),
            text,
            as_written,
        ),
        l if l.starts_with("現状") => (
            format!(
                "計画策定時の値（現状値、{}）",
                l.trim_start_matches("現状").trim()
            ),
            "数値（単位は表示形式: 件・人・%など）。数値でない値は文字列",
            "報告書の成果指標の表",
        ),
        l if l.starts_with("目標") => (
            format!("{}年度の目標値", l.trim_start_matches("目標").trim()),
            "数値（単位は表示形式: 件・人・%など）。「前年度より増加」など数値でない目標は文字列",
            "報告書の成果指標の表",
        ),
        l if l.starts_with("実績") => (
            format!("{}年度の実績値", l.trim_start_matches("実績").trim()),
            "数値（単位は表示形式: 件・人・%など）。数値でない値は文字列",
            "報告書の成果指標の表",
        ),
        l => (in_year(l), text, as_written),
    };
    (what, unit.to_owned(), source.to_owned())
}

/// The README sheet: what the file is, the plan's source documents with their dates, and every
/// sheet and column.
fn write_readme(
    sheet: &mut Worksheet,
    plan: &Plan,
    tables: &[ReportTable],
    names: &[String],
    formats: &mut Formats,
) -> Result<(), ExportError> {
    let mut r = 0u32;
    sheet.write_string_with_format(r, 0, "はじめに（このファイルについて）", &formats.title)?;
    r += 2;
    let lines = [
        format!(
            "{}「{}」の進捗報告書の表を、報告書と同じ列・順序で再構成したものです。",
            plan.municipality.name, plan.title
        ),
        "公開された内容だけを含みます。数値だけのセルは数値（単位や桁区切りは表示形式）、金額だけのセルは円単位の整数、日付は日付として入っています。".to_owned(),
        "文字列のセルは報告書の記載どおりです。32,767文字を超える記載は途中で切り、省略した文字数を書き添えています（全文は JSON 出力にあります）。".to_owned(),
    ];
    for line in &lines {
        sheet.write_string(r, 0, line)?;
        r += 1;
    }
    r += 1;
    // The source documents, with their dates as dates.
    sheet.write_string_with_format(r, 0, "出典の報告書", &formats.group)?;
    r += 1;
    for (c, h) in [
        "報告書",
        "表紙の日付",
        "発行日",
        "報告対象期間（開始）",
        "報告対象期間（終了）",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(r, col(c), *h, &formats.header)?;
    }
    r += 1;
    for s in &plan.sources {
        sheet.write_string_with_format(r, 0, fit_xlsx(&s.title), &formats.wrap)?;
        let dates = [
            s.cover_date.as_ref().map(|d| d.date),
            s.issue_date.as_ref().map(|d| d.date),
            s.reporting_period.as_ref().map(|p| p.start),
            s.reporting_period.as_ref().map(|p| p.end),
        ];
        for (c, d) in dates.iter().enumerate() {
            match d.and_then(excel_date) {
                Some((dt, code)) => {
                    let format = formats.number(code).clone();
                    sheet.write_datetime_with_format(r, col(c + 1), dt, &format)?;
                }
                None => {
                    sheet.write_string_with_format(r, col(c + 1), "記載なし", &formats.wrap)?;
                }
            }
        }
        r += 1;
    }
    r += 1;
    sheet.write_string_with_format(r, 0, "シートと列", &formats.group)?;
    r += 1;
    for (c, h) in ["シート", "列", "内容", "単位・形式", "出典"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(r, col(c), *h, &formats.header)?;
    }
    r += 1;
    let sheet_row = |sheet: &mut Worksheet,
                     r: u32,
                     cells: [&str; 5],
                     formats: &Formats|
     -> Result<(), ExportError> {
        for (c, text) in cells.iter().enumerate() {
            let f = if c == 0 {
                &formats.label
            } else {
                &formats.wrap
            };
            sheet.write_string_with_format(r, col(c), fit_xlsx(text), f)?;
        }
        Ok(())
    };
    sheet_row(
        sheet,
        r,
        [
            README_SHEET,
            "（シート全体）",
            "このファイルの説明、出典の報告書とその日付、各シートの各列の説明",
            "日付の列は日付（表示形式 yyyy/mm/dd、日のない日付は「yyyy年m月」で、その月の1日）",
            "shinchoku が作成",
        ],
        formats,
    )?;
    r += 1;
    for (table, name) in tables.iter().zip(names) {
        let groups = table
            .rows
            .iter()
            .any(|row| matches!(row, Row::Group { .. }));
        let whole = format!(
            "報告書の表「{}」（{}行）。{}1〜{}行目は見出し",
            table.caption,
            table.data_rows(),
            if groups {
                "太字の行は計画の体系（基本施策・施策など）の見出し。"
            } else {
                ""
            },
            table.header_rows().len()
        );
        sheet_row(
            sheet,
            r,
            [name, "（シート全体）", &whole, "", "報告書の表を再構成"],
            formats,
        )?;
        r += 1;
        for column in &table.columns {
            let (what, unit, source) = column_description(column);
            sheet_row(
                sheet,
                r,
                [name, &column.flat_name(), &what, &unit, &source],
                formats,
            )?;
            r += 1;
        }
    }
    for (c, w) in [22.0, 24.0, 48.0, 40.0, 24.0].iter().enumerate() {
        sheet.set_column_width(col(c), *w)?;
    }
    Ok(())
}

/// The plan's report as XLSX: the README sheet 「はじめに」 first, then one sheet per table of
/// [`report_tables`] (see the module documentation).
pub fn report_xlsx(plan: &Plan) -> Result<Vec<u8>, ExportError> {
    let tables = report_tables(plan);
    let mut workbook = Workbook::new();
    let mut formats = Formats::new();
    let mut names = crate::workbook::sheet_names(
        std::iter::once(README_SHEET).chain(tables.iter().map(|t| t.caption.as_str())),
    );
    let table_names = names.split_off(1.min(names.len()));
    let readme = workbook.add_worksheet();
    readme.set_name(README_SHEET)?;
    write_readme(readme, plan, &tables, &table_names, &mut formats)?;
    for (table, name) in tables.iter().zip(&table_names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        write_table(sheet, table, &mut formats)?;
    }
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64, decimals: usize, unit: &str) -> Option<CellNumber> {
        Some(CellNumber {
            value,
            decimals,
            unit: unit.into(),
        })
    }

    #[test]
    fn one_number_per_cell_becomes_a_number() {
        assert_eq!(cell_number("1,234"), n(1234.0, 0, ""));
        assert_eq!(cell_number("416"), n(416.0, 0, ""));
        assert_eq!(cell_number("12.5"), n(12.5, 1, ""));
        assert_eq!(cell_number("80%"), n(80.0, 0, "%"));
        assert_eq!(cell_number("94.3%"), n(94.3, 1, "%"));
        assert_eq!(cell_number("58.0%"), n(58.0, 1, "%"));
        assert_eq!(cell_number("0"), n(0.0, 0, ""));
        assert_eq!(cell_number("81,880円"), n(81880.0, 0, "円"));
        assert_eq!(cell_number("1,467 件"), n(1467.0, 0, "件"));
        assert_eq!(cell_number("３か所"), n(3.0, 0, "か所"));
        assert_eq!(cell_number("１，４７８人"), n(1478.0, 0, "人"));
        for text in [
            "01",
            "1,23",
            "12,",
            "-",
            "40,000円 (No.71、72、73の総額)",
            "委託費 64,112,000円",
            "5万円くらい",
            "R4",
            "1.2.3",
            "",
            "%",
            "延べ12,567人",
            "2022年",
            "実施",
            "=1+1",
        ] {
            assert_eq!(cell_number(text), None, "{text}");
        }
    }

    #[test]
    fn formats_show_the_value_as_written() {
        assert_eq!(
            cell_number("81,880円").map(|n| n.format()).as_deref(),
            Some("#,##0\"円\"")
        );
        assert_eq!(
            cell_number("94.3%").map(|n| n.format()).as_deref(),
            Some("0.0%")
        );
        assert!(cell_number("94.3%").is_some_and(|n| (n.stored() - 0.943).abs() < 1e-12));
        assert_eq!(
            cell_number("12.50").map(|n| n.format()).as_deref(),
            Some("#,##0.00")
        );
        assert_eq!(
            cell_number("41件").map(|n| n.format()).as_deref(),
            Some("#,##0\"件\"")
        );
    }

    #[test]
    fn dates_without_a_day_are_their_month() {
        let d = DocDate::new(2025, 3, None).and_then(excel_date);
        assert_eq!(d.map(|(_, f)| f), Some("yyyy\"年\"m\"月\""));
        let d = DocDate::new(2025, 3, Some(31)).and_then(excel_date);
        assert_eq!(d.map(|(_, f)| f), Some("yyyy/mm/dd"));
    }
}
