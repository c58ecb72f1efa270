//! The reproduced report tables against the reference documents they were read from.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use shinchoku_ingest::normalise::{collapse_ws, html_to_text, is_blank_cell};
use shinchoku_ingest::read_document;
use shinchoku_report::tables::{ReportTable, Row, report_tables};

fn seed(name: &str) -> String {
    let path = format!("{}/../../samples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("seed")
}

fn tables(name: &str) -> Vec<(String, Vec<ReportTable>)> {
    let text = seed(name);
    let import = read_document(name, text.as_bytes()).expect("read");
    import
        .plans
        .iter()
        .map(|p| (p.title.clone(), report_tables(p)))
        .collect()
}

fn data_rows(table: &ReportTable) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Data { cells, .. } => Some(cells.iter().map(|c| norm(c)).collect()),
            _ => None,
        })
        .collect()
}

/// Cell text as a reader sees it: HTML fragments as lines, white space collapsed, any dash
/// meaning "nothing" as empty.
fn norm(s: &str) -> String {
    let t = collapse_ws(&html_to_text(s));
    if is_blank_cell(&t) { String::new() } else { t }
}

#[test]
fn kawaguchi_list_rows_and_values_match_the_document() {
    let text = seed("000_93a6ad023fb5add3.txt");
    let source: Vec<(usize, Vec<String>)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            let first = cells.first().copied().unwrap_or("").trim();
            let program = first.chars().all(|c| c.is_ascii_digit()) && !first.is_empty();
            let continuation = first.is_empty() && cells.len() >= 9;
            (program || continuation).then(|| (i + 1, cells.iter().map(|c| norm(c)).collect()))
        })
        .collect();
    // 136 programs on 136 rows plus 13 continuation rows (lines 70, 71, 112, …, 272).
    assert_eq!(source.len(), 149);
    let all = tables("000_93a6ad023fb5add3.txt");
    let [(_, tables)] = all.as_slice() else {
        panic!("one plan expected")
    };
    let table = &tables[0];
    let columns: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        columns,
        [
            "No.",
            "事業名",
            "実施課",
            "事業概要",
            "対象者",
            "令和4年度実績(経費)",
            "令和4年度実績(その他)",
            "効果",
            "令和5年度の方向性"
        ]
    );
    let rows = data_rows(table);
    assert_eq!(rows.len(), source.len());
    let mut differences = Vec::new();
    for ((line, src), row) in source.iter().zip(&rows) {
        for (col, name) in [
            (0, "No."),
            (1, "事業名"),
            (3, "事業概要"),
            (4, "対象者"),
            (6, "実績(その他)"),
            (7, "効果"),
            (8, "方向性"),
        ] {
            if src.get(col) != row.get(col) {
                differences.push(format!(
                    "line {line} {name}: document 「{}」, table 「{}」",
                    src.get(col).map_or("", String::as_str),
                    row.get(col).map_or("", String::as_str)
                ));
            }
        }
        // 実施課: a cell naming two divisions (「生活福祉1・2課」) is one joint record; the
        // table names the division the record belongs to.
        let division = row.get(2).map_or("", String::as_str);
        let src_division = src.get(2).map_or("", String::as_str);
        // Every division the table names appears in the document's cell, or (a joint cell
        // such as 「生活福祉1・2課」) shares its first characters with it.
        let named = division.split('・').all(|d| {
            let head: String = d.chars().take(4).collect();
            !d.is_empty() && (src_division.contains(d) || src_division.starts_with(&head))
        });
        if !named {
            differences.push(format!(
                "line {line} 実施課: document 「{src_division}」, table 「{division}」"
            ));
        }
        // 経費: the same yen amounts in the same order (the cell text itself is compared below).
        let yen = |s: &str| -> Vec<i64> {
            shinchoku_ingest::normalise::find_yen(s)
                .iter()
                .map(|a| a.yen)
                .collect()
        };
        let (a, b) = (
            yen(src.get(5).map_or("", String::as_str)),
            yen(row.get(5).map_or("", String::as_str)),
        );
        if a != b {
            differences.push(format!("line {line} 経費: document {a:?}, table {b:?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));

    // 経費 exactly as the document writes it, on every row: not rebuilt from the amounts.
    let raw_rows: Vec<(usize, Vec<String>)> = table
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Data { cells, .. } => Some(cells.clone()),
            _ => None,
        })
        .zip(&source)
        .map(|(cells, (line, _))| (*line, cells))
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let document_cost =
        |line: usize| -> &str { lines[line - 1].split('\t').nth(5).unwrap_or("").trim() };
    let differing: Vec<String> = raw_rows
        .iter()
        .filter(|(line, cells)| cells[5] != document_cost(*line))
        .map(|(line, cells)| {
            format!(
                "line {line}: document 「{}」, table 「{}」",
                document_cost(*line),
                cells[5]
            )
        })
        .collect();
    assert!(differing.is_empty(), "{}", differing.join("\n"));
    // Rows checked by reading the document: (line, No., 経費 cell).
    let cost_of = |line: usize| -> (&str, &str) {
        let (_, cells) = raw_rows
            .iter()
            .find(|(l, _)| *l == line)
            .expect("row of that line");
        (cells[0].as_str(), cells[5].as_str())
    };
    // Labelled items with circled numbers.
    assert_eq!(
        cost_of(14),
        (
            "7",
            "①各種専門相談(報償金) 11,027,500円 ②消費生活相談(報酬等) 9,705,336円"
        )
    );
    // One amount shared by No.71, 72 and 73, stated in each of their rows.
    for (line, no) in [(138, "71"), (139, "72"), (140, "73")] {
        assert_eq!(cost_of(line), (no, "40,000円 (No.71、72、73の総額)"));
    }
    // No.78 repeats an amount of No.75.
    assert_eq!(cost_of(149), ("78", "444,999円 (No.75と重複)"));
    assert_eq!(
        cost_of(146),
        (
            "75",
            "①こころの健康講座：444,999円 ②こころサポーター養成講座：0円 ③家族教室：90,000円"
        )
    );
    assert_eq!(cost_of(8), ("1", "0円 (内部講師のため)"));
    // No amount: 「なし」, 「-」 and 「—」 as written.
    assert_eq!(cost_of(43).1, "なし");
    assert_eq!(cost_of(98).1, "-");
    assert_eq!(cost_of(71), ("", "—"));
}

#[test]
fn otaru_rows_match_the_document() {
    let text = seed("002_eba47c23c940212d.txt");
    // Data rows: 「取組 （担当課）」 TAB narrative (the dashed converter artefact excluded).
    let source: Vec<Vec<String>> = text
        .lines()
        .filter(|l| l.contains('\t') && !l.starts_with("---"))
        .map(|l| l.split('\t').map(norm).collect())
        .collect();
    assert_eq!(source.len(), 21);
    let all = tables("002_eba47c23c940212d.txt");
    let table = &all[0].1[0];
    let rows = data_rows(table);
    assert_eq!(rows.len(), 21);
    for (src, row) in source.iter().zip(&rows) {
        // The narrative is the record's text as written (the 再掲 row at line 53 differs from
        // line 22 only by a space: one measure, one text).
        let squash = |s: Option<&String>| -> String {
            s.map_or(String::new(), |s| {
                s.chars().filter(|c| !c.is_whitespace()).collect()
            })
        };
        assert_eq!(squash(src.get(1)), squash(row.get(1)));
        // The first cell names the measure and, in brackets, its division.
        let (Some(src0), Some(row0)) = (src.first(), row.first()) else {
            panic!("empty row")
        };
        let fold = |s: &str| shinchoku_ingest::normalise::match_key(s);
        assert_eq!(fold(src0), fold(row0), "{src0} / {row0}");
    }
    // Grouped like the document: 基本施策 ①–⑤, 重点施策 ①–③.
    let groups: Vec<String> = table
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Group { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(groups.len(), 8, "{groups:?}");
}

#[test]
fn kiyose_table_has_the_documents_columns_and_rows() {
    let all = tables("003_a91a11d8f2677ccb.txt");
    let table = &all[0].1[0];
    // 21 columns as in the header row (line 3): 6 fixed, 令和元年度–令和3年度 with 実施状況 / 評価 /
    // 達成度, 令和4年度 with 実施計画 / 実施状況 / 評価 / 達成度, then 今後(令和5年度以降)の実施計画 and
    // 令和5年度の実施状況.
    let flat: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("{}{}", c.span.clone().unwrap_or_default(), c.label))
        .collect();
    assert_eq!(flat.len(), 21, "{flat:?}");
    assert_eq!(
        &flat[..6],
        [
            "計画における項目",
            "実施内容",
            "計画書ページ",
            "担当部署",
            "担当課",
            "再掲"
        ]
    );
    assert_eq!(flat[6], "令和元年度実施状況");
    assert_eq!(flat[8], "令和元年度達成度(%)");
    assert_eq!(flat[15], "令和4年度実施計画");
    assert_eq!(flat[18], "令和4年度達成度(%)");
    // One row per data row of the document (103), in document order.
    let rows = data_rows(table);
    assert_eq!(rows.len(), 103);
    // Line 8: 自治会、円卓会議等のネットワークの構築・強化, P.21, 企画部 renamed 地域振興部 from 令和4年度.
    let first = &rows[0];
    assert_eq!(first[1], "自治会、円卓会議等のネットワークの構築・強化");
    assert_eq!(first[2], "P.21");
    assert!(
        first[3].contains("企画部") && first[3].contains("地域振興部"),
        "{}",
        first[3]
    );
    assert!(first[4].contains("シティプロモーション課") && first[4].contains("市民協働課"));
    assert_eq!(first[8], "実施");
}

#[test]
fn kumagaya_table_has_one_row_per_measure_in_its_groups() {
    let all = tables("001_fcd6886f924c1359.txt");
    let table = &all[0].1[0];
    let rows = data_rows(table);
    // 90 measures under 基本施策1–5 (8, 8, 16, 53, 5).
    assert_eq!(rows.len(), 90);
    let first = &rows[0];
    // Lines 22–28: 熊谷市自殺予防対策連絡協議会, page 18, 市民部 熊谷保健センター, 100 %.
    assert_eq!(first[0], "熊谷市自殺予防対策連絡協議会");
    assert_eq!(first[2], "18");
    assert!(first[3].contains("市民部"));
    assert!(first[4].contains("熊谷保健センター"));
    assert!(
        first.iter().any(|c| c == "100%" || c == "100 %"),
        "{first:?}"
    );
    assert!(
        first
            .iter()
            .any(|c| c.contains("ア") && c.contains("実施済")),
        "{first:?}"
    );
}
