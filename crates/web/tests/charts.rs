//! Issue 12, items 5 and 6, on the seeds: the indicator charts (values with separators and
//! units, actuals and targets in different shapes, 「未到来」 for years not yet due, a scale that
//! shows the change), the S–D distribution per goal of 川口市地域共生社会推進計画 against the
//! document, and the downloads (XLSX read back with calamine; every CSV and XLSX cell safe for
//! the person who opens it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use http_body_util::BodyExt;
use shinchoku_core::{
    CostItem, CostSharing, FiscalYear, Location, Measure, MeasureKey, Plan, PlanKind,
    ProgressRecord, SourceDocument, StatusScale,
};
use shinchoku_web::{AppState, Catalog, router};
use std::io::Cursor;
use std::sync::OnceLock;
use tower::ServiceExt;

const FORMULAS_ID: i64 = 77;

/// A plan whose texts a spreadsheet would run as formulas, and one text longer than an XLSX
/// cell holds.
fn formula_plan() -> Plan {
    let mut plan = Plan::new(
        "=HYPERLINK(\"http://x\",\"市\")",
        "@SUM(A1:A9)計画",
        PlanKind::Other("-".into()),
    );
    plan.status_scale = StatusScale::a_to_o();
    plan.sources.push(SourceDocument::new(
        "f.txt",
        "=cmd|' /C calc'!A0",
        "kawaguchi_list",
        "",
    ));
    for (n, name) in ["=1+1", "+SUM(1)", "-2+3", "@x", "\tTAB"]
        .iter()
        .enumerate()
    {
        let key = MeasureKey::new(format!("m{n}"));
        plan.measures.push(Measure {
            key: key.clone(),
            number: Some(format!("{n}")),
            name: (*name).to_owned(),
            description: Some("=HYPERLINK(\"http://evil\",\"click\")".into()),
            audience: Some("+1".into()),
            plan_page: None,
            location: Location::new("f.txt", 1),
        });
        let mut r = ProgressRecord::new(key, None, FiscalYear(2022), Location::new("f.txt", 2));
        r.result_text = Some(if n == 0 {
            "あ".repeat(40_000)
        } else {
            "=cmd|' /C calc'!A0".into()
        });
        r.effect_text = Some("-=1".into());
        r.costs.push(CostItem {
            label: None,
            amount_yen: Some(1000),
            note: None,
            sharing: CostSharing::Own,
            original: "1,000円".into(),
        });
        r.cost_original = Some("1,000円".into());
        plan.records.push(r);
    }
    plan.refresh_fiscal_years();
    plan
}

fn plans() -> &'static Vec<(i64, Plan)> {
    static PLANS: OnceLock<Vec<(i64, Plan)>> = OnceLock::new();
    PLANS.get_or_init(|| {
        let mut v: Vec<(i64, Plan)> = common::seed_plans()
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i as i64 + 1, p))
            .collect();
        v.push((FORMULAS_ID, formula_plan()));
        v
    })
}

fn app() -> Router {
    static STATE: OnceLock<AppState> = OnceLock::new();
    router(
        STATE
            .get_or_init(|| AppState::new(Catalog::new(plans().clone())))
            .clone(),
    )
}

async fn get_bytes(uri: &str) -> (StatusCode, Vec<u8>) {
    let req = Request::builder()
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default();
    let response = match app().oneshot(req).await {
        Ok(r) => r,
        Err(e) => match e {},
    };
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    (status, body)
}

async fn get(uri: &str) -> String {
    let (status, body) = get_bytes(uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    String::from_utf8_lossy(&body).into_owned()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn kyosei() -> &'static (i64, Plan) {
    plans()
        .iter()
        .find(|(_, p)| p.title.contains("地域共生社会推進計画"))
        .unwrap_or_else(|| panic!("seed 004 yields 川口市地域共生社会推進計画"))
}

/// The indicator page of the 地域共生 plan's indicator `name`: (whole page, the chart's SVG).
async fn indicator_page(name: &str) -> (String, String) {
    let (id, plan) = kyosei();
    let Some(i) = plan.indicators.iter().find(|i| i.name == name) else {
        panic!("no indicator {name}");
    };
    let page = get(&format!("/plans/{id}/indicators/{}", enc(i.key.as_str()))).await;
    let start = page
        .find("<svg class=\"chart\"")
        .unwrap_or_else(|| panic!("{name}: no chart"));
    let end = page[start..]
        .find("</svg>")
        .map_or(page.len(), |e| start + e);
    let svg = page[start..end].to_owned();
    (page, svg)
}

/// The texts of class `class` in an SVG, in order.
fn texts(svg: &str, class: &str) -> Vec<String> {
    let key = format!("class=\"{class}\">");
    svg.match_indices(&key)
        .map(|(at, _)| {
            let rest = &svg[at + key.len()..];
            rest[..rest.find("</text>").unwrap_or(0)].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn indicator_charts_label_values_with_separators_and_units() {
    // 自立相談支援事業による新規相談件数: 現状 R5 990件, 目標 R6 1,467件, 実績 R6 793件,
    // 目標 R7 1,944件, 目標 R8 1,944件 (seed 004, line 612).
    let (page, svg) = indicator_page("自立相談支援事業による新規相談件数").await;
    assert_eq!(texts(&svg, "val-actual"), ["990件", "793件"]);
    assert_eq!(texts(&svg, "val-target"), ["1,467件", "1,944件", "1,944件"]);
    // Actuals: filled circles on a solid line (現状値 → R6); targets: hollow diamonds on a
    // dashed line (R6 → R8).
    assert_eq!(svg.matches("class=\"actual-pt\"").count(), 2);
    assert_eq!(svg.matches("<circle").count(), 2);
    assert_eq!(svg.matches("class=\"target-pt\"").count(), 3);
    assert_eq!(
        svg.matches("<path d=\"M").count() - svg.matches("class=\"grid\"").count(),
        3 + 1,
        "three diamonds and the axis"
    );
    assert_eq!(svg.matches("class=\"actual-line\"").count(), 1);
    assert_eq!(svg.matches("class=\"target-line\"").count(), 1);
    // From 0 (793 is less than half of 1,944): no axis break.
    assert!(!svg.contains("axis-break"));
    assert!(svg.contains("（件）"));
    // R7 and R8 have not come yet: 未到来, not 算出不可.
    assert_eq!(
        texts(&svg, "note"),
        ["（件）", "現状値", "未到来", "未到来"]
    );
    assert_eq!(svg.matches("class=\"future\"").count(), 2);
    assert!(!page.contains("算出不可"), "future years are not 算出不可");
    assert_eq!(
        page.matches("<td>未到来</td><td><span class=\"badge\">—</span></td><td><span class=\"badge\">未到来</span>").count(),
        2
    );
    // The legend says it in text, beside the shapes.
    assert!(page.contains("実績値（塗りつぶした丸と実線"));
    assert!(page.contains("目標値（白抜きのひし形と破線）"));
    assert!(page.contains("未到来（実績の年度がまだ来ていない年度"));
    // The chart scales: a viewBox and 100 % width, no fixed pixel size.
    assert!(svg.contains("viewBox=\"0 0 ") && svg.contains("width=\"100%\""));
    assert!(svg.contains("role=\"img\"") && svg.contains("<title>"));
    assert!(svg.contains("R6 実績値 793件、目標値 1,467件"));
}

#[tokio::test]
async fn a_scale_far_from_zero_says_where_it_starts() {
    // 民生委員・児童委員の定員充足率: 93.8% → 94.9% / 94.3% → 95.3% → 95.6% (line 494).
    let (page, svg) = indicator_page("民生委員・児童委員の定員充足率").await;
    assert_eq!(texts(&svg, "val-actual"), ["93.8%", "94.3%"]);
    assert_eq!(texts(&svg, "val-target"), ["94.9%", "95.3%", "95.6%"]);
    assert!(svg.contains("class=\"axis-break\""));
    assert!(
        page.contains("縦軸は0からではなく"),
        "the caption says the axis does not start at 0"
    );
    // The lowest tick is above 0 and below the lowest value.
    let ticks: Vec<f64> = svg
        .match_indices("text-anchor=\"end\">")
        .filter_map(|(at, key)| {
            let rest = &svg[at + key.len()..];
            rest[..rest.find('<')?].replace(',', "").parse().ok()
        })
        .collect();
    let lowest = ticks.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(lowest > 80.0 && lowest < 93.8, "{ticks:?}");
    // 58.0% is written as the document writes it (基本目標2, line 214).
    let (_, svg) = indicator_page(
        &kyosei()
            .1
            .indicators
            .iter()
            .find(|i| {
                i.targets
                    .iter()
                    .any(|t| t.original.trim() == "58.0%" || t.original.contains("58.0"))
            })
            .map(|i| i.name.clone())
            .unwrap_or_default(),
    )
    .await;
    assert!(
        texts(&svg, "val-target").contains(&"58.0%".to_owned()),
        "{svg}"
    );
}

/// The grade distributions of the evaluation page: caption → "S0 A8 …".
fn distributions(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in page.match_indices("<table class=\"grades\">") {
        let rest = &page[at..];
        let table = &rest[..rest.find("</table>").unwrap_or(rest.len())];
        let caption = table
            .split("<caption>")
            .nth(1)
            .and_then(|c| c.split("</caption>").next())
            .unwrap_or_default()
            .to_owned();
        let body = table
            .split("<tbody>")
            .nth(1)
            .and_then(|b| b.split("</tbody>").next())
            .unwrap_or_default();
        let counts: Vec<String> = body
            .split("<tr><th scope=\"row\">")
            .skip(1)
            .map(|row| {
                let grade = row.split("</th>").next().unwrap_or_default();
                let count = row
                    .split("<td>")
                    .nth(1)
                    .and_then(|c| c.split("件</td>").next())
                    .unwrap_or_default();
                format!("{grade}{count}")
            })
            .collect();
        out.push((caption, counts.join(" ")));
    }
    out
}

#[tokio::test]
async fn grade_distribution_per_goal_matches_the_document() {
    let (id, _) = kyosei();
    let page = get(&format!("/plans/{id}/evaluation")).await;
    // Counted in seed 004: each goal's 成果指標 (lines 160–389) and its 施策's 評価指標
    // (lines 429–690), all of 令和6年度. 基本目標2, 3 and 5 have no 施策 indicators (evaluated
    // by other councils).
    let expected = [
        ("基本目標1", "S0 A8 B6 C1 D2"),
        ("基本目標2", "S0 A3 B3 C1 D0"),
        ("基本目標3", "S1 A1 B2 C2 D0"),
        ("基本目標4", "S1 A2 B3 C5 D0"),
        ("基本目標5", "S0 A2 B3 C1 D0"),
    ];
    let got = distributions(&page);
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((caption, counts), (goal, want)) in got.iter().zip(expected) {
        assert!(caption.starts_with(goal), "{caption}");
        assert!(
            caption.contains("令和6年度") && caption.contains("S→D"),
            "{caption}"
        );
        assert_eq!(counts, want, "{caption}");
    }
    // Each table has a chart beside it: an image with a text alternative naming every count.
    assert_eq!(
        page.matches("<div class=\"grade-dist\">").count(),
        expected.len()
    );
    assert!(page.contains("の成果指標17件の評価の分布: S 0件、A 8件、B 6件、C 1件、D 2件"));
    for class in ["gr-s", "gr-a", "gr-b", "gr-c", "gr-d"] {
        assert!(page.contains(&format!("class=\"{class}\"")), "{class}");
    }
}

#[tokio::test]
async fn measure_graded_plans_chart_their_measures_grades() {
    let Some((id, _)) = plans()
        .iter()
        .find(|(_, p)| p.records.iter().any(|r| r.grade.is_some()))
    else {
        panic!("seed 004 has plans graded per measure");
    };
    let page = get(&format!("/plans/{id}/evaluation")).await;
    let got = distributions(&page);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].0.starts_with("事業の評価"));
    assert!(page.contains("role=\"img\" aria-label=\""));
}

fn book(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    match open_workbook_from_rs(Cursor::new(bytes.to_vec())) {
        Ok(b) => b,
        Err(e) => panic!("not an XLSX: {e}"),
    }
}

#[tokio::test]
async fn the_xlsx_download_has_a_readme_numbers_yen_and_dates() {
    let (id, plan) = kyosei();
    let (status, bytes) = get_bytes(&format!("/plans/{id}/report.xlsx")).await;
    assert_eq!(status, StatusCode::OK);
    let mut wb = book(&bytes);
    let names = wb.sheet_names();
    assert_eq!(names[0], "はじめに");
    let readme = wb.worksheet_range("はじめに").unwrap_or_default();
    let column_a: Vec<String> = readme
        .rows()
        .filter_map(|r| r.first().map(|d| d.to_string()))
        .collect();
    for name in &names {
        assert!(column_a.contains(name), "README lists sheet {name}");
    }
    // Dates of the document as dates.
    let dates = readme
        .rows()
        .flatten()
        .filter(|d| matches!(d, Data::DateTime(_)))
        .count();
    assert_eq!(dates, 4, "表紙, 発行日, 報告対象期間 (2)");
    assert_eq!(plan.sources.len(), 1);
    // Indicator values as numbers: 41件 → 41.
    let mut numbers = 0;
    for name in &names[1..] {
        let range = wb.worksheet_range(name).unwrap_or_default();
        numbers += range
            .rows()
            .flatten()
            .filter(|d| matches!(d, Data::Float(_)))
            .count();
    }
    assert!(numbers > 100, "{numbers} numeric cells");

    // Seed 000: yen amounts as integers.
    let Some((id, _)) = plans()
        .iter()
        .find(|(_, p)| p.sources.iter().any(|s| s.layout == "kawaguchi_list"))
    else {
        panic!("seed 000");
    };
    let (_, bytes) = get_bytes(&format!("/plans/{id}/report.xlsx")).await;
    let mut wb = book(&bytes);
    let sheet = wb.sheet_names()[1].clone();
    let range = wb.worksheet_range(&sheet).unwrap_or_default();
    assert!(
        range
            .rows()
            .flatten()
            .any(|d| *d == Data::Float(92_818_000.0)),
        "92,818,000円 as an integer"
    );
    assert!(
        range
            .rows()
            .flatten()
            .any(|d| *d == Data::String("委託費 64,112,000円".into())),
        "an amount with a label stays as written"
    );
}

/// A CSV cell a spreadsheet would not run as a formula.
fn safe_csv_cell(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => false,
        Some('+' | '-') => {
            let t = &cell[1..];
            cell.len() == 1
                || (t
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                    && t.starts_with(|c: char| c.is_ascii_digit()))
        }
        _ => true,
    }
}

#[tokio::test]
async fn every_download_is_safe_to_open() {
    for (id, _) in plans() {
        // CSV: every cell neutralised.
        let (status, csv) = get_bytes(&format!("/plans/{id}/report.csv")).await;
        assert_eq!(status, StatusCode::OK);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.get(3..).unwrap_or_default());
        let mut cells = 0;
        for record in reader.records() {
            let record = record.unwrap_or_default();
            for cell in record.iter() {
                cells += 1;
                assert!(safe_csv_cell(cell), "plan {id}: CSV cell {cell:?}");
            }
        }
        assert!(cells > 0);
        // XLSX: opens, no formula anywhere, no cell over Excel's limit.
        let (status, xlsx) = get_bytes(&format!("/plans/{id}/report.xlsx")).await;
        assert_eq!(status, StatusCode::OK, "plan {id}: XLSX");
        let mut wb = book(&xlsx);
        for name in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&name).unwrap_or_default();
            assert!(
                formulas.rows().flatten().all(String::is_empty),
                "plan {id} {name}: a formula"
            );
            let range = wb.worksheet_range(&name).unwrap_or_default();
            for d in range.rows().flatten() {
                if let Data::String(s) = d {
                    assert!(s.chars().count() <= 32_767, "plan {id} {name}: long cell");
                }
            }
        }
    }
    // The formula plan: its texts are there, as text, and the long one is cut with a note.
    let (_, xlsx) = get_bytes(&format!("/plans/{FORMULAS_ID}/report.xlsx")).await;
    let mut wb = book(&xlsx);
    let sheet = wb.sheet_names()[1].clone();
    let range = wb.worksheet_range(&sheet).unwrap_or_default();
    let strings: Vec<String> = range
        .rows()
        .flatten()
        .filter_map(|d| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(strings.contains(&"=1+1".to_owned()));
    assert!(
        strings
            .iter()
            .any(|s| s.ends_with("…（以下40000文字省略。全文は JSON 出力にあります）"))
    );
    let (_, csv) = get_bytes(&format!("/plans/{FORMULAS_ID}/report.csv")).await;
    let text = String::from_utf8_lossy(&csv);
    assert!(text.contains("'=1+1") && text.contains("'@x") && text.contains("'-=1"));
    assert!(text.contains("'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")"));
}

#[tokio::test]
async fn group_pages_mark_years_not_yet_due() {
    let (id, plan) = kyosei();
    let latest = plan
        .indicators
        .iter()
        .flat_map(|i| i.actuals.iter().filter_map(|o| o.fiscal_year))
        .max()
        .unwrap_or(FiscalYear(0));
    assert_eq!(
        latest,
        FiscalYear(2024),
        "the report reports up to 令和6年度"
    );
    for year in [2025, 2026] {
        let page = get(&format!(
            "/plans/{id}/groups/{}?year={year}",
            enc("基本目標1")
        ))
        .await;
        assert!(
            page.contains(">未到来</span>"),
            "{year}: 未到来 in the indicator rows"
        );
        assert!(!page.contains("算出不可"), "{year}: not 算出不可");
    }
    // 令和6年度 is graded as computed.
    let page = get(&format!(
        "/plans/{id}/groups/{}?year=2024",
        enc("基本目標1")
    ))
    .await;
    assert!(!page.contains("未到来"));
}
