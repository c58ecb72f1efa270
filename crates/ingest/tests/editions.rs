//! Editions of the layouts the reference reports do not show: next year's headings, more year
//! columns, renamed headers, page-number lines, lost tabs. The documents are synthetic (a few
//! rows in the style of each layout) and live in `tests/data/editions/`.

use shinchoku_core::{FiscalYear, Plan, ProgressRecord};
use shinchoku_ingest::{Diagnostic, Import, ReadOptions, Severity, read_document_with_options};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/editions/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_text(name: &str, text: &str) -> Import {
    read_with(name, text, &ReadOptions::default())
}

fn read_with(name: &str, text: &str, options: &ReadOptions) -> Import {
    match read_document_with_options(name, text.as_bytes(), options) {
        Ok((_, import)) => import,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn plan(import: &Import) -> &Plan {
    import.plans.first().unwrap_or_else(|| panic!("no plan"))
}

/// The record of a measure (by name) in a fiscal year.
fn record<'a>(plan: &'a Plan, measure_name: &str, year: i32) -> &'a ProgressRecord {
    let key = &plan
        .measures
        .iter()
        .find(|m| m.name == measure_name)
        .unwrap_or_else(|| panic!("no measure {measure_name}"))
        .key;
    plan.records
        .iter()
        .find(|r| &r.measure == key && r.fiscal_year == FiscalYear(year))
        .unwrap_or_else(|| {
            let years: Vec<i32> = plan
                .records
                .iter()
                .filter(|r| &r.measure == key)
                .map(|r| r.fiscal_year.0)
                .collect();
            panic!("no record of {measure_name} in {year}; years: {years:?}")
        })
}

fn find<'a>(import: &'a Import, code: &str) -> Vec<&'a Diagnostic> {
    import
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

// ---------------------------------------------------------------------------------------
// 熊谷市 (kumagaya)
// ---------------------------------------------------------------------------------------

#[test]
fn kumagaya_next_year_edition_lands_in_the_later_years() {
    let imp = read_text("kumagaya_r3.txt", &data("kumagaya_r3.txt"));
    let p = plan(&imp);
    assert_eq!(p.municipality.name, "熊谷市");
    assert_eq!(
        p.fiscal_years,
        vec![FiscalYear(2021), FiscalYear(2022), FiscalYear(2023)]
    );
    let r = record(p, "見守りネットワーク会議", 2021);
    assert_eq!(
        r.result_text.as_deref(),
        Some("会議を書面で開催した。関係機関（８か所）で情報共有\nを行った。")
    );
    let r = record(p, "見守りネットワーク会議", 2022);
    assert_eq!(
        r.plan_text.as_deref(),
        Some("会議を年２回開催し、関係機関（９か所）で情報共有\nを行う。")
    );
    assert_eq!(
        r.evaluation_text.as_deref(),
        Some("対面で開催でき、顔の見える関係づくりが進んだ。")
    );
    let r = record(p, "見守りネットワーク会議", 2023);
    assert_eq!(
        r.plan_text.as_deref(),
        Some("会議を年２回開催し、関係機関（１０か所）との連携を\n強化する。")
    );
    let r = record(p, "相談窓口一覧の配布", 2022);
    assert_eq!(
        r.result_text.as_deref(),
        Some("一覧を更新し、公共施設２０か所に配布した。")
    );
    assert!(
        find(&imp, "fiscal-year-inferred").is_empty(),
        "{:#?}",
        imp.diagnostics
    );
}

// ---------------------------------------------------------------------------------------
// 清瀬市 (kiyose)
// ---------------------------------------------------------------------------------------

/// The texts of a kiyose test row's record: (plan, result, evaluation, achievement).
fn texts(r: &ProgressRecord) -> (Option<&str>, Option<&str>, Option<&str>, Option<&str>) {
    (
        r.plan_text.as_deref(),
        r.result_text.as_deref(),
        r.evaluation_text.as_deref(),
        r.achievement.as_ref().map(|a| a.original.as_str()),
    )
}

#[test]
fn kiyose_reference_shape_reads_as_the_reference_years() {
    let imp = read_text(
        "kiyose_reference_shape.txt",
        &data("kiyose_reference_shape.txt"),
    );
    let p = plan(&imp);
    assert_eq!(
        p.fiscal_years,
        (2019..=2023).map(FiscalYear).collect::<Vec<_>>()
    );
    assert_eq!(
        texts(record(p, "見守りネットワーク会議の開催", 2019)),
        (
            None,
            Some("見守りの研修を1回実施した。"),
            Some("見守りの参加者の理解が1段階深まった。"),
            Some("60%")
        )
    );
}

#[test]
fn kiyose_next_year_edition_lands_in_the_later_years() {
    let imp = read_text("kiyose_r2.txt", &data("kiyose_r2.txt"));
    let p = plan(&imp);
    assert_eq!(
        p.fiscal_years,
        (2020..=2024).map(FiscalYear).collect::<Vec<_>>()
    );
    assert_eq!(
        texts(record(p, "見守りネットワーク会議の開催", 2020)),
        (
            None,
            Some("見守りの研修を1回実施した。"),
            Some("見守りの参加者の理解が1段階深まった。"),
            Some("60%")
        )
    );
    assert_eq!(
        texts(record(p, "相談窓口一覧の配布", 2023)),
        (
            Some("窓口の研修を年4回開催する予定。"),
            Some("窓口の研修を4回実施した。"),
            Some("窓口の参加者の理解が4段階深まった。"),
            Some("90%")
        )
    );
    assert_eq!(
        texts(record(p, "相談窓口一覧の配布", 2024)),
        (
            Some("窓口の研修を継続して開催する予定。"),
            Some("窓口の研修を5回実施した。"),
            None,
            None
        )
    );
    assert!(
        find(&imp, "realigned-row").is_empty(),
        "{:#?}",
        imp.diagnostics
    );
}

#[test]
fn kiyose_edition_with_more_year_columns_reads_every_year() {
    let imp = read_text("kiyose_more_years.txt", &data("kiyose_more_years.txt"));
    let p = plan(&imp);
    assert_eq!(
        p.fiscal_years,
        (2019..=2024).map(FiscalYear).collect::<Vec<_>>()
    );
    for (year, n, pct) in [
        (2019, 1, "60%"),
        (2020, 2, "70%"),
        (2021, 3, "80%"),
        (2022, 4, "90%"),
    ] {
        let result = format!("見守りの研修を{n}回実施した。");
        let evaluation = format!("見守りの参加者の理解が{n}段階深まった。");
        assert_eq!(
            texts(record(p, "見守りネットワーク会議の開催", year)),
            (
                None,
                Some(result.as_str()),
                Some(evaluation.as_str()),
                Some(pct)
            ),
            "{year}"
        );
    }
    assert_eq!(
        texts(record(p, "見守りネットワーク会議の開催", 2023)),
        (
            Some("見守りの研修を年5回開催する予定。"),
            Some("見守りの研修を5回実施した。"),
            Some("見守りの参加者の理解が5段階深まった。"),
            Some("90%")
        )
    );
    // 令和6年度 texts are 令和6年度's, not 令和5年度's.
    assert_eq!(
        texts(record(p, "相談窓口一覧の配布", 2024)),
        (
            Some("窓口の研修を継続して開催する予定。"),
            Some("窓口の研修を6回実施した。"),
            None,
            None
        )
    );
    assert!(
        find(&imp, "realigned-row").is_empty(),
        "{:#?}",
        imp.diagnostics
    );
}

#[test]
fn kiyose_without_a_named_city_warns_and_takes_the_given_one() {
    let text = data("kiyose_r2.txt");
    let imp = read_text("kiyose_r2.txt", &text);
    let weak = find(&imp, "municipality-inferred");
    assert_eq!(weak.len(), 1, "{:#?}", imp.diagnostics);
    assert_eq!(weak[0].severity, Severity::Warning);
    assert!(
        weak[0].message.contains("the text names no city"),
        "{}",
        weak[0].message
    );
    let options = ReadOptions {
        municipality: Some("東久留米市".into()),
        ..ReadOptions::default()
    };
    let imp = read_with("kiyose_r2.txt", &text, &options);
    let p = plan(&imp);
    assert_eq!(p.municipality.name, "東久留米市");
    assert_eq!(p.title, "東久留米市自殺対策計画");
    assert_eq!(find(&imp, "municipality-given").len(), 1);
}
