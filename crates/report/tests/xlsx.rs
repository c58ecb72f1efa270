//! The report XLSX of every seed read back with calamine: the README sheet 「はじめに」 first,
//! listing every sheet and every column; numbers as numbers with the format that shows them as
//! written; yen amounts as integers formatted `#,##0"円"`; the documents' dates as dates.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use shinchoku_core::Plan;
use shinchoku_ingest::read_document;
use shinchoku_report::tables::{Row, report_tables};
use shinchoku_report::xlsx::README_SHEET;
use shinchoku_report::{report_xlsx, tables_csv};
use std::io::{Cursor, Read};

fn plans(name: &str) -> Vec<Plan> {
    let path = format!("{}/../../samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).expect("seed");
    read_document(name, &bytes).expect("read").plans
}

fn all_plans() -> Vec<Plan> {
    [
        "000_93a6ad023fb5add3.txt",
        "001_fcd6886f924c1359.txt",
        "002_eba47c23c940212d.txt",
        "003_a91a11d8f2677ccb.txt",
        "004_052cf2803b6d324c.txt",
    ]
    .iter()
    .flat_map(|n| plans(n))
    .collect()
}

fn book(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("xlsx")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn a1(row: u32, col: u32) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        letters.push(char::from(b'A' + ((c - 1) % 26) as u8));
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// The number format code of a cell (sheet `n`, 1-based as written by rust_xlsxwriter), read
/// from the sheet's XML and styles.xml.
fn format_code(bytes: &[u8], sheet: usize, row: u32, col: u32) -> String {
    let xml = part(bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
    let key = format!("<c r=\"{}\"", a1(row, col));
    let at = xml.find(&key).unwrap_or_else(|| panic!("cell {key}"));
    let tag = &xml[at..at + xml[at..].find('>').unwrap()];
    let style: usize = attr(tag, "s").unwrap_or("0").parse().unwrap();
    let styles = part(bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let id = attr(&format!(" {xf}"), "numFmtId").unwrap().to_owned();
    match id.as_str() {
        "0" => "General".into(),
        "3" => "#,##0".into(),
        "9" => "0%".into(),
        "10" => "0.00%".into(),
        _ => {
            let key = format!("<numFmt numFmtId=\"{id}\" formatCode=\"");
            let start = styles.find(&key).unwrap() + key.len();
            let end = styles[start..].find('"').unwrap() + start;
            styles[start..end].replace("&quot;", "\"")
        }
    }
}

/// Cell (row, column) of `text` in a range, absolute.
fn find(range: &calamine::Range<Data>, text: &str) -> Option<(u32, u32)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .enumerate()
        .find_map(|(r, row)| {
            row.iter()
                .position(|d| matches!(d, Data::String(s) if s == text))
                .map(|c| (r, c))
        })
        .map(|(r, c)| (r0 + r as u32, c0 + c as u32))
}

#[test]
fn the_readme_sheet_comes_first_and_lists_every_sheet_and_column() {
    for plan in all_plans() {
        let bytes = report_xlsx(&plan).unwrap();
        let mut wb = book(&bytes);
        let names = wb.sheet_names();
        assert_eq!(names[0], README_SHEET, "{}", plan.title);
        let tables = report_tables(&plan);
        assert_eq!(names.len(), tables.len() + 1, "{}", plan.title);
        let readme = wb.worksheet_range(README_SHEET).unwrap();
        let header = find(&readme, "シート").expect("シートと列 header");
        let rows: Vec<Vec<String>> = readme
            .rows()
            .skip((header.0 + 1 - readme.start().unwrap().0) as usize)
            .map(|r| r.iter().map(|d| d.to_string()).collect())
            .collect();
        for (name, table) in names[1..].iter().zip(&tables) {
            let listed: Vec<&Vec<String>> = rows.iter().filter(|r| &r[0] == name).collect();
            assert_eq!(
                listed.len(),
                table.columns.len() + 1,
                "{}: sheet {name} in the README",
                plan.title
            );
            assert_eq!(listed[0][1], "（シート全体）");
            for (row, column) in listed[1..].iter().zip(&table.columns) {
                assert_eq!(row[1], column.flat_name());
                assert!(!row[2].is_empty(), "{name} {}: 内容", row[1]);
                assert!(!row[3].is_empty(), "{name} {}: 単位・形式", row[1]);
                assert!(!row[4].is_empty(), "{name} {}: 出典", row[1]);
            }
        }
    }
}

#[test]
fn yen_amounts_are_integers_with_a_yen_format() {
    let plan = plans("000_93a6ad023fb5add3.txt").remove(0);
    let bytes = report_xlsx(&plan).unwrap();
    let mut wb = book(&bytes);
    let sheet = wb.sheet_names()[1].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let table = &report_tables(&plan)[0];
    let cost_col = table
        .columns
        .iter()
        .position(|c| c.label.ends_with("実績(経費)"))
        .unwrap() as u32;
    // 「81,880円」 (two rows), 「92,818,000円」 …: integers; 「委託費 64,112,000円」: text.
    let mut amounts = 0;
    for (i, row) in table.rows.iter().enumerate() {
        let Row::Data { cells, .. } = row else {
            continue;
        };
        let r = 1 + i as u32;
        let cell = &cells[cost_col as usize];
        let got = range
            .get_value((r, cost_col))
            .cloned()
            .unwrap_or(Data::Empty);
        let plain = cell.trim_end_matches('円').replace(',', "");
        if cell.ends_with('円') && plain.bytes().all(|b| b.is_ascii_digit()) && !plain.is_empty() {
            let want: f64 = plain.parse().unwrap();
            assert_eq!(got, Data::Float(want), "{cell}");
            assert_eq!(want.fract(), 0.0);
            assert_eq!(format_code(&bytes, 2, r, cost_col), "#,##0\"円\"", "{cell}");
            amounts += 1;
        } else if !cell.is_empty() && cell != "0円" {
            assert!(
                matches!(got, Data::String(ref s) if s == cell),
                "{cell}: {got:?}"
            );
        }
    }
    assert!(amounts >= 30, "only {amounts} amounts");
    let r = find(&range, "委託費 64,112,000円");
    assert!(r.is_some(), "an amount with a label stays text");
    // 0円 is an integer too.
    let zero = table.rows.iter().position(
        |row| matches!(row, Row::Data { cells, .. } if cells[cost_col as usize] == "0円"),
    );
    let zero = zero.unwrap() as u32 + 1;
    assert_eq!(range.get_value((zero, cost_col)), Some(&Data::Float(0.0)));
}

#[test]
fn indicator_values_are_numbers_with_their_units_as_formats() {
    let plan = plans("004_052cf2803b6d324c.txt")
        .into_iter()
        .find(|p| p.title.contains("地域共生社会推進計画"))
        .unwrap();
    let bytes = report_xlsx(&plan).unwrap();
    let mut wb = book(&bytes);
    let names = wb.sheet_names();
    let mut checked = 0;
    for (n, name) in names.iter().enumerate().skip(1) {
        let range = wb.worksheet_range(name).unwrap();
        let (r0, c0) = range.start().unwrap();
        for (r, row) in range.rows().enumerate() {
            if !matches!(&row[0], Data::String(s) if s == "包括的相談支援事業所における他分野相談受付数")
            {
                continue;
            }
            // 現状 R5 「-」 | 目標 R6 34件 | 実績 R6 41件 | 目標 R7 68件 | 目標 R8 136件
            assert_eq!(row[1], Data::String("-".into()));
            assert_eq!(row[2], Data::Float(34.0));
            assert_eq!(row[3], Data::Float(41.0));
            assert_eq!(row[4], Data::Float(68.0));
            assert_eq!(row[5], Data::Float(136.0));
            let code = format_code(&bytes, n + 1, r0 + r as u32, c0 + 3);
            assert_eq!(code, "#,##0\"件\"");
            checked += 1;
        }
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                // Percentages keep their decimals: 94.3% is 0.943 shown as 0.0%.
                if let Data::Float(v) = cell
                    && (v - 0.943).abs() < 1e-9
                {
                    assert_eq!(
                        format_code(&bytes, n + 1, r0 + r as u32, c0 + c as u32),
                        "0.0%"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 2, "34件 … and 94.3% found once each");
}

fn serial(range: &calamine::Range<Data>, at: (u32, u32)) -> Option<f64> {
    match range.get_value(at) {
        Some(Data::DateTime(d)) => Some(d.as_f64()),
        _ => None,
    }
}

#[test]
fn the_documents_dates_are_dates() {
    let plan = plans("004_052cf2803b6d324c.txt").remove(0);
    let bytes = report_xlsx(&plan).unwrap();
    let mut wb = book(&bytes);
    let readme = wb.worksheet_range(README_SHEET).unwrap();
    let (r, _) = find(&readme, &plan.sources[0].title).expect("the source in the README");
    // 表紙 令和7年3月 (its 1st), 発行日 令和7年11月, 報告対象期間 2024-04-01 – 2025-03-31.
    assert_eq!(serial(&readme, (r, 1)), Some(45717.0));
    assert_eq!(serial(&readme, (r, 2)), Some(45962.0));
    assert_eq!(serial(&readme, (r, 3)), Some(45383.0));
    assert_eq!(serial(&readme, (r, 4)), Some(45747.0));
    assert_eq!(format_code(&bytes, 1, r, 1), "yyyy\"年\"m\"月\"");
    assert_eq!(format_code(&bytes, 1, r, 3), "yyyy/mm/dd");
}

#[test]
fn csv_and_xlsx_hold_the_same_texts() {
    // Every text cell of the XLSX is the CSV's cell (numbers aside): nothing lost by typing.
    for plan in all_plans() {
        let tables = report_tables(&plan);
        let csv = tables_csv(&tables).unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        let bytes = report_xlsx(&plan).unwrap();
        let mut wb = book(&bytes);
        for (name, table) in wb.sheet_names()[1..].to_vec().iter().zip(&tables) {
            let range = wb.worksheet_range(name).unwrap();
            let first = table.header_rows().len();
            for (i, row) in table.rows.iter().enumerate() {
                let Row::Data { cells, .. } = row else {
                    continue;
                };
                for (c, cell) in cells.iter().enumerate() {
                    match range.get_value(((first + i) as u32, c as u32)) {
                        Some(Data::String(s)) => assert_eq!(s, cell),
                        Some(Data::Float(_)) => {}
                        other => assert!(
                            cell.is_empty(),
                            "{name} row {i} col {c}: {cell} → {other:?}"
                        ),
                    }
                }
            }
        }
    }
}
