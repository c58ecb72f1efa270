//! Spreadsheets made for the mapping tests and the benchmark (no real document is copied):
//! a wide 事務事業評価 workbook with yearly column blocks under merged headings, and the
//! profile that maps it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use rust_xlsxwriter::{Format, Workbook};

/// The shape of a wide workbook.
pub struct Wide {
    pub rows: usize,
    /// Western fiscal years of the yearly blocks.
    pub years: Vec<i32>,
    /// Extra 備考 columns nobody maps.
    pub filler: usize,
}

/// The columns of each year's block, in order.
pub const BLOCK: [&str; 15] = [
    "事業費",
    "国庫支出金",
    "都道府県支出金",
    "地方債",
    "その他",
    "一般財源",
    "人件費",
    "正規職員数",
    "延べ業務時間",
    "トータルコスト",
    "活動指標1 実績",
    "成果指標1 目標",
    "成果指標1 実績",
    "状態",
    "方向性",
];

/// The fixed columns before the blocks.
pub const FIXED: [&str; 16] = [
    "政策コード",
    "政策名",
    "施策コード",
    "施策名",
    "事業番号",
    "事業名",
    "担当部",
    "担当課",
    "事業概要",
    "対象",
    "活動指標1 名称",
    "活動指標1 単位",
    "成果指標1 名称",
    "成果指標1 単位",
    "成果指標1 現状値",
    "根拠法令",
];

pub const DIVISIONS: [(&str, &str); 3] = [
    ("健康増進課", "健康福祉部"),
    ("福祉総務課", "健康福祉部"),
    ("学校教育課", "教育部"),
];
pub const STATUSES: [&str; 3] = ["順調", "やや遅れ", "遅れ"];
pub const DIRECTIONS: [&str; 3] = ["現状維持", "改革改善", "終了・廃止・休止"];

/// 「令和5年度」 / 「平成30年度」 / 「令和元年度」.
pub fn era_heading(year: i32) -> String {
    if year >= 2019 {
        let n = year - 2018;
        if n == 1 {
            "令和元年度".to_owned()
        } else {
            format!("令和{n}年度")
        }
    } else {
        format!("平成{}年度", year - 1988)
    }
}

/// The yearly values of row `i` (in 千円 for amounts).
pub struct YearValues {
    pub project: i64,
    pub national: i64,
    pub prefectural: i64,
    pub local_bond: Option<i64>,
    pub other: i64,
    pub general: i64,
    pub personnel: i64,
    pub staff: f64,
    pub hours: i64,
    pub full: i64,
    pub activity: i64,
    pub outcome_target: i64,
    pub outcome_actual: i64,
    pub status: &'static str,
    pub direction: &'static str,
}

pub fn values(i: usize, year: i32) -> YearValues {
    let i64i = i as i64;
    let y = i64::from(year - 2000);
    let project = 1000 + i64i * 10 + y;
    let national = project / 4;
    let prefectural = project / 8;
    let other = 12;
    let local_bond = i.is_multiple_of(4).then_some(100);
    let general = project - national - prefectural - other - local_bond.unwrap_or(0);
    let personnel = 800 + i64i;
    YearValues {
        project,
        national,
        prefectural,
        local_bond,
        other,
        general,
        personnel,
        staff: 0.5 + (i % 3) as f64,
        hours: 1000 + i64i,
        full: project + personnel,
        activity: i64i + y,
        outcome_target: 50,
        outcome_actual: 40 + (i64i % 20),
        status: STATUSES[(i + year as usize) % 3],
        direction: DIRECTIONS[(i + year as usize) % 3],
    }
}

pub fn measure_code(i: usize) -> String {
    format!("J{i:04}")
}

/// 「事業7　相談」: a full-width space inside the name, as sheets have.
pub fn measure_name(i: usize) -> String {
    format!("事業{i}\u{3000}相談支援")
}

/// The workbook: sheet 「事業一覧」, a title in row 1, the header in rows 3–4 (fixed columns
/// merged over both rows, each year's heading merged over its block), data from row 5.
/// Every seventh row writes its amounts as text with thousands separators.
pub fn wide_workbook(spec: &Wide) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("事業一覧").unwrap();
    let plain = Format::new();
    sheet
        .write_string(0, 0, "令和6年度 事務事業評価一覧（架空市）（単位：千円）")
        .unwrap();
    let mut col: u16 = 0;
    for h in FIXED {
        sheet.merge_range(2, col, 3, col, h, &plain).unwrap();
        col += 1;
    }
    for n in 0..spec.filler {
        sheet
            .merge_range(2, col, 3, col, &format!("備考{}", n + 1), &plain)
            .unwrap();
        col += 1;
    }
    for &year in &spec.years {
        let width = BLOCK.len() as u16;
        sheet
            .merge_range(2, col, 2, col + width - 1, &era_heading(year), &plain)
            .unwrap();
        for (k, h) in BLOCK.iter().enumerate() {
            sheet.write_string(3, col + k as u16, *h).unwrap();
        }
        col += width;
    }
    for i in 0..spec.rows {
        let r = 4 + i as u32;
        let policy = i / 100 + 1;
        let measure_policy = i / 20 + 1;
        let (division, department) = DIVISIONS[i % 3];
        let fixed: [String; 16] = [
            format!("{policy}"),
            format!("政策{policy}"),
            format!("{policy}-{measure_policy}"),
            format!("施策{measure_policy}"),
            measure_code(i),
            measure_name(i),
            department.to_owned(),
            division.to_owned(),
            format!("事業{i}の概要。\n相談窓口を開く。"),
            "市民".to_owned(),
            "相談会の開催回数".to_owned(),
            "回".to_owned(),
            "相談者の満足度".to_owned(),
            "%".to_owned(),
            "45".to_owned(),
            if i % 5 == 0 {
                "自殺対策基本法".to_owned()
            } else {
                String::new()
            },
        ];
        for (c, v) in fixed.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r, c as u16, v).unwrap();
            }
        }
        let mut col = FIXED.len() as u16;
        for n in 0..spec.filler {
            sheet
                .write_string(r, col, format!("備考{}-{i}", n + 1))
                .unwrap();
            col += 1;
        }
        let as_text = i % 7 == 3;
        for &year in &spec.years {
            let v = values(i, year);
            let amount = |sheet: &mut rust_xlsxwriter::Worksheet, c: u16, n: i64| {
                if as_text {
                    sheet.write_string(r, c, group(n)).unwrap();
                } else {
                    sheet.write_number(r, c, n as f64).unwrap();
                }
            };
            amount(sheet, col, v.project);
            amount(sheet, col + 1, v.national);
            amount(sheet, col + 2, v.prefectural);
            if let Some(b) = v.local_bond {
                amount(sheet, col + 3, b);
            }
            amount(sheet, col + 4, v.other);
            amount(sheet, col + 5, v.general);
            amount(sheet, col + 6, v.personnel);
            sheet.write_number(r, col + 7, v.staff).unwrap();
            amount(sheet, col + 8, v.hours);
            amount(sheet, col + 9, v.full);
            sheet.write_number(r, col + 10, v.activity as f64).unwrap();
            sheet
                .write_number(r, col + 11, v.outcome_target as f64)
                .unwrap();
            sheet
                .write_number(r, col + 12, v.outcome_actual as f64)
                .unwrap();
            sheet.write_string(r, col + 13, v.status).unwrap();
            sheet.write_string(r, col + 14, v.direction).unwrap();
            col += BLOCK.len() as u16;
        }
    }
    book.save_to_buffer().unwrap()
}

/// 1234567 → 「1,234,567」.
pub fn group(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The profile a person would write for [`wide_workbook`].
pub const WIDE_PROFILE: &str = r#"
version = 1
shape = "measure"

[source]
sheet = "事業一覧"
header_rows = [3, 4]

[plan]
municipality = "架空市"
title = "架空市事務事業評価"
kind = "suicide_prevention"

[[levels]]
label = "政策"
kind = "basic_goal"
code = "政策コード"
name = "政策名"

[[levels]]
label = "施策"
kind = "policy"
code = "施策コード"
name = "施策名"

[measure]
id = "事業番号"
name = "事業名"
department = "担当部"
division = "担当課"
description = "事業概要"
audience = "対象"

[record]
status = "状態"
direction = "方向性"

[costs]
unit = "thousand_yen"
project_cost = "事業費"
national = "国庫支出金"
prefectural = "都道府県支出金"
local_bond = "地方債"
other = "その他"
general = "一般財源"
personnel_cost = "人件費"
staff = "正規職員数"
work_hours = "延べ業務時間"
full_cost = "トータルコスト"

[[indicators]]
kind = "activity"
name = "活動指標1 名称"
unit = "活動指標1 単位"
actual = "活動指標1 実績"

[[indicators]]
kind = "outcome"
name = "成果指標1 名称"
unit = "成果指標1 単位"
baseline = "成果指標1 現状値"
target = "成果指標1 目標"
actual = "成果指標1 実績"

[[status]]
label = "順調"
meaning = "done"

[[status]]
label = "やや遅れ"
meaning = "partial"

[[status]]
label = "遅れ"
meaning = "not_done"

[[direction]]
label = "現状維持"
meaning = "continue"

[[direction]]
label = "改革改善"
meaning = "improve"

[[direction]]
label = "終了・廃止・休止"
meaning = "abolish"
"#;
