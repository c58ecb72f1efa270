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

/// A plan's records without the file name in their locations (to compare two documents).
fn records_of(plan: &Plan) -> Vec<ProgressRecord> {
    plan.records
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.location.file.clear();
            r
        })
        .collect()
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

// ---------------------------------------------------------------------------------------
// 川口市 program list (kawaguchi_list)
// ---------------------------------------------------------------------------------------

/// (cost cell, outputs text, effect text, extra fields) of a kawaguchi_list record.
type ListValues<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Vec<(&'a str, &'a str)>,
);

fn list_values(r: &ProgressRecord) -> ListValues<'_> {
    (
        r.cost_original.as_deref(),
        r.result_text.as_deref(),
        r.effect_text.as_deref(),
        r.extra
            .iter()
            .map(|e| (e.label.as_str(), e.text.as_str()))
            .collect(),
    )
}

#[test]
fn kawaguchi_list_base_reads_every_value() {
    let imp = read_text("kawaguchi_list_base.txt", &data("kawaguchi_list_base.txt"));
    let p = plan(&imp);
    assert_eq!(p.fiscal_years, vec![FiscalYear(2022)]);
    assert_eq!(
        list_values(record(p, "見守り訪問事業", 2022)),
        (
            Some("1,200,000円"),
            Some("訪問件数 320件"),
            Some("孤立の早期発見につながった。"),
            vec![]
        )
    );
    assert_eq!(
        record(p, "見守り訪問事業", 2022)
            .costs
            .first()
            .and_then(|c| c.amount_yen),
        Some(1_200_000)
    );
    let warnings: Vec<&str> = imp
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.code.as_str())
        .collect();
    assert!(warnings.is_empty(), "{:#?}", imp.diagnostics);
}

#[test]
fn kawaguchi_list_next_year_edition_lands_in_the_later_year() {
    let imp = read_text("kawaguchi_list_r5.txt", &data("kawaguchi_list_r5.txt"));
    let p = plan(&imp);
    assert_eq!(p.fiscal_years, vec![FiscalYear(2023)]);
    let r = record(p, "こころの健康講座", 2023);
    assert_eq!(r.cost_original.as_deref(), Some("85,000円"));
    assert_eq!(r.effect_text.as_deref(), Some("相談窓口の周知が進んだ。"));
    assert_eq!(
        r.direction.as_ref().map(|d| d.original.as_str()),
        Some("拡充")
    );
}

#[test]
fn kawaguchi_list_renamed_headers_keep_costs_and_effects() {
    // 「令和4年度決算額」 for 「令和4年度実績(経費)」, 「成果」 for 「効果」.
    let base = read_text("kawaguchi_list_base.txt", &data("kawaguchi_list_base.txt"));
    let imp = read_text(
        "kawaguchi_list_renamed.txt",
        &data("kawaguchi_list_renamed.txt"),
    );
    assert_eq!(records_of(plan(&imp)), records_of(plan(&base)));
    let r = record(plan(&imp), "ゲートキーパー研修", 2022);
    assert_eq!(
        list_values(r),
        (
            Some("0円 (内部講師のため)"),
            Some("修了者数 96名"),
            Some("職員の意識が高まった。"),
            vec![]
        )
    );
    assert!(find(&imp, "unknown-column").is_empty());
    assert!(find(&imp, "missing-column").is_empty());
}

#[test]
fn kawaguchi_list_reordered_headers_and_an_unknown_column() {
    let base = read_text("kawaguchi_list_base.txt", &data("kawaguchi_list_base.txt"));
    let imp = read_text(
        "kawaguchi_list_reordered.txt",
        &data("kawaguchi_list_reordered.txt"),
    );
    let p = plan(&imp);
    assert_eq!(
        list_values(record(p, "見守り訪問事業", 2022)),
        (
            Some("1,200,000円"),
            Some("訪問件数 320件"),
            Some("孤立の早期発見につながった。"),
            vec![("備考", "令和5年度から委託")]
        )
    );
    // Every other value as in the base edition.
    let strip = |p: &Plan| {
        records_of(p)
            .into_iter()
            .map(|mut r| {
                r.extra.clear();
                r
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(p), strip(plan(&base)));
    let unknown = find(&imp, "unknown-column");
    assert_eq!(unknown.len(), 1, "{:#?}", imp.diagnostics);
    assert_eq!(unknown[0].severity, Severity::Warning);
    assert_eq!(unknown[0].location.line, 4);
    assert_eq!(unknown[0].location.field.as_deref(), Some("備考"));
    assert!(unknown[0].message.contains("「備考」"));
}

#[test]
fn kawaguchi_list_missing_column_is_a_warning() {
    let text = data("kawaguchi_list_base.txt");
    // Drop the 効果 column (the 8th) from the header and every row.
    let text: String = text
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            if cells.len() > 7 {
                cells
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != 7)
                    .map(|(_, c)| *c)
                    .collect::<Vec<_>>()
                    .join("\t")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let imp = read_text("kawaguchi_list_missing.txt", &text);
    let missing = find(&imp, "missing-column");
    assert_eq!(missing.len(), 1, "{:#?}", imp.diagnostics);
    assert_eq!(missing[0].severity, Severity::Warning);
    assert!(
        missing[0].message.contains("効果"),
        "{}",
        missing[0].message
    );
    assert_eq!(
        record(plan(&imp), "見守り訪問事業", 2022)
            .cost_original
            .as_deref(),
        Some("1,200,000円")
    );
}

mod rename_any_header {
    use super::*;
    use proptest::prelude::*;

    const NAMES: [&str; 14] = [
        "備考",
        "決算額",
        "成果",
        "効果",
        "事業費",
        "実績",
        "担当課",
        "概要",
        "方向性",
        "内容",
        "予算額",
        "評価",
        "No.",
        "対象",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Renaming any one header cell either leaves every value in place or yields a
        /// diagnostic (or a refusal) naming that column.
        #[test]
        fn never_a_silent_change(
            column in 0usize..9,
            pick in 0usize..(NAMES.len() + 1),
            random in "[a-zA-Z\u{3041}-\u{3093}\u{4e00}-\u{4e2f}]{1,8}",
        ) {
            let text = data("kawaguchi_list_base.txt");
            let base = read_text("base.txt", &text);
            let new = NAMES.get(pick).map_or(random.clone(), |n| (*n).to_owned());
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            let header = lines.get(3).cloned().unwrap_or_default();
            let mut cells: Vec<String> = header.split('\t').map(str::to_owned).collect();
            let old = cells.get(column).cloned().unwrap_or_default();
            if let Some(c) = cells.get_mut(column) {
                *c = new.clone();
            }
            if let Some(l) = lines.get_mut(3) {
                *l = cells.join("\t");
            }
            let renamed = lines.join("\n") + "\n";
            match read_document_with_options("renamed.txt", renamed.as_bytes(), &ReadOptions::default()) {
                Ok((_, imp)) => {
                    let measures = |p: &Plan| {
                        p.measures
                            .iter()
                            .map(|m| {
                                let mut m = m.clone();
                                m.location.file.clear();
                                m
                            })
                            .collect::<Vec<_>>()
                    };
                    let same = imp.plans.first().map(|p| (measures(p), records_of(p)))
                        == base.plans.first().map(|p| (measures(p), records_of(p)));
                    if !same {
                        let named = imp.diagnostics.iter().any(|d| {
                            d.severity >= Severity::Warning
                                && (d.message.contains(&new)
                                    || d.location.field.as_deref() == Some(new.as_str()))
                        });
                        prop_assert!(named, "{old} → {new}: values changed and no diagnostic names 「{new}」: {:#?}", imp.diagnostics);
                    }
                }
                Err(e) => {
                    // Refused: the message names what the header lacks.
                    let message = e.to_string();
                    prop_assert!(
                        ["No.", "事業名", "実施課", "事業概要"].iter().any(|c| message.contains(c)),
                        "{old} → {new}: {message}"
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 小樽市 (otaru)
// ---------------------------------------------------------------------------------------

#[test]
fn otaru_next_year_edition_page_lines_and_a_lost_tab() {
    let imp = read_text("otaru_r2.txt", &data("otaru_r2.txt"));
    let p = plan(&imp);
    assert_eq!(p.fiscal_years, vec![FiscalYear(2020)]);
    // The page break inside the narrative: neither 「- 3 -」 nor the running header is text.
    assert_eq!(
        record(p, "相談窓口研修会の実施", 2020)
            .result_text
            .as_deref(),
        Some("相談業務の担当者を対象に研修会を開催しました。\n参加者は42人でした。")
    );
    // The row whose tab became a space is realigned, with a warning.
    assert_eq!(
        record(p, "ゲートキーパー養成講座の開催", 2020)
            .result_text
            .as_deref(),
        Some("市民を対象に養成講座を3回開催し、86人が受講しました。")
    );
    let lines =
        |code: &str| -> Vec<u32> { find(&imp, code).iter().map(|d| d.location.line).collect() };
    assert_eq!(lines("page-number-line"), vec![11]);
    assert_eq!(lines("running-header"), vec![12]);
    assert_eq!(lines("tabs-realigned"), vec![17]);
    assert!(
        imp.diagnostics
            .iter()
            .all(|d| d.code != "unread-line" || d.location.line == 1),
        "{:#?}",
        imp.diagnostics
    );
}

// ---------------------------------------------------------------------------------------
// Page-number lines and running headers, in every layout
// ---------------------------------------------------------------------------------------

#[test]
fn kumagaya_page_lines_inside_a_wrapped_text_are_not_text() {
    let base = data("kumagaya_r3.txt");
    let header = "熊谷市自殺対策計画　進捗管理シート";
    for page in ["- 3 -", "3", "3 / 12", "－３－"] {
        // A running header on the first page, and a page break inside a two-line cell.
        let text = format!("{header}\n{base}").replacen(
            "会議を書面で開催した。関係機関（８か所）で情報共有\n",
            &format!("会議を書面で開催した。関係機関（８か所）で情報共有\n{page}\n{header}\n"),
            1,
        );
        let imp = read_text("kumagaya_pages.txt", &text);
        let p = plan(&imp);
        assert_eq!(
            record(p, "見守りネットワーク会議", 2021)
                .result_text
                .as_deref(),
            Some("会議を書面で開催した。関係機関（８か所）で情報共有\nを行った。"),
            "{page}"
        );
        let taken: Vec<(&str, u32)> = imp
            .diagnostics
            .iter()
            .filter(|d| d.code == "page-number-line" || d.code == "running-header")
            .map(|d| (d.code.as_str(), d.location.line))
            .collect();
        assert_eq!(
            taken,
            vec![("page-number-line", 30), ("running-header", 31)],
            "{page}"
        );
        // Locations after the break still point at the original lines (three lines added).
        let before = read_text("kumagaya_r3.txt", &base);
        let line = |p: &Plan| record(p, "相談窓口一覧の配布", 2022).location.line;
        assert_eq!(line(p), line(plan(&before)) + 3, "{page}");
    }
}

#[test]
fn kawaguchi_list_page_lines_between_rows() {
    let base = data("kawaguchi_list_base.txt");
    let text = base.replacen(
        "\n3\tゲートキーパー",
        "\n- 2 -\n川口市自殺対策推進計画掲載事業\n3\tゲートキーパー",
        1,
    );
    let imp = read_text("kawaguchi_list_pages.txt", &text);
    assert_eq!(
        records_of(plan(&imp)),
        records_of(plan(&read_text("b.txt", &base)))
            .into_iter()
            .map(|mut r| {
                if r.location.line == 8 {
                    r.location.line = 10;
                }
                r
            })
            .collect::<Vec<_>>()
    );
    assert_eq!(find(&imp, "page-number-line").len(), 1);
    assert_eq!(find(&imp, "running-header").len(), 1);
    assert!(
        plan(&imp)
            .narratives
            .iter()
            .all(|n| !n.text.contains("- 2 -"))
    );
}

#[test]
fn kiyose_page_lines_between_rows() {
    let base = data("kiyose_r2.txt");
    let mut lines: Vec<&str> = base.lines().collect();
    lines.insert(7, "3 / 12");
    let text = lines.join("\n");
    let imp = read_text("kiyose_pages.txt", &text);
    let p = plan(&imp);
    assert_eq!(
        texts(record(p, "相談窓口一覧の配布", 2024)),
        (
            Some("窓口の研修を継続して開催する予定。"),
            Some("窓口の研修を5回実施した。"),
            None,
            None
        )
    );
    assert_eq!(record(p, "相談窓口一覧の配布", 2024).location.line, 9);
    assert_eq!(
        find(&imp, "page-number-line")
            .iter()
            .map(|d| d.location.line)
            .collect::<Vec<_>>(),
        vec![8]
    );
}

#[test]
fn kawaguchi_eval_page_lines_inside_an_outlook_are_not_text() {
    let path = format!(
        "{}/../../samples/004_052cf2803b6d324c.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let seed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let base = read_text("004.txt", &seed);
    // A page break (footer 「- 9 -」, the running title on the next page) between two items of
    // the first 今後の取組と課題.
    let anchor = "- つながりサポーター養成講座を一般市民向けに実施する。";
    assert!(seed.contains(anchor));
    let title = seed
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .to_owned();
    let text = seed.replacen(anchor, &format!("- 9 -\n{title}\n{anchor}"), 1);
    let imp = read_text("004_pages.txt", &text);
    let outlooks = |i: &Import| -> Vec<String> {
        i.plans
            .iter()
            .flat_map(|p| p.outlooks.iter().map(|o| o.text.clone()))
            .collect()
    };
    assert_eq!(outlooks(&imp), outlooks(&base));
    assert!(outlooks(&imp).iter().all(|t| !t.contains("- 9 -")));
    assert_eq!(find(&imp, "page-number-line").len(), 1);
    assert_eq!(find(&imp, "running-header").len(), 1);
}

// ---------------------------------------------------------------------------------------
// Tabs collapsed into spaces
// ---------------------------------------------------------------------------------------

#[test]
fn kawaguchi_list_collapsed_tabs_are_realigned_or_reported() {
    let base = data("kawaguchi_list_base.txt");
    let row = base
        .lines()
        .find(|l| l.starts_with("1\t"))
        .unwrap_or_default()
        .to_owned();
    // Tabs became two spaces: the cells can be told apart.
    let text = base.replacen(&row, &row.replace('\t', "  "), 1);
    let imp = read_text("collapsed.txt", &text);
    assert_eq!(
        records_of(plan(&imp)),
        records_of(plan(&read_text("b.txt", &base)))
    );
    assert_eq!(
        find(&imp, "tabs-realigned")
            .iter()
            .map(|d| d.location.line)
            .collect::<Vec<_>>(),
        vec![5]
    );
    // Tabs became single spaces in a row whose cells hold spaces: reported, kept verbatim on
    // the previous program's record, never a narrative.
    let row3 = base
        .lines()
        .find(|l| l.starts_with("3\t"))
        .unwrap_or_default()
        .to_owned();
    let text = base.replacen(&row3, &row3.replace('\t', " "), 1);
    let imp = read_text("collapsed.txt", &text);
    let lost = find(&imp, "tabs-lost");
    assert_eq!(lost.len(), 1, "{:#?}", imp.diagnostics);
    assert_eq!(lost[0].severity, Severity::Error);
    assert_eq!(lost[0].location.line, 8);
    assert!(
        plan(&imp)
            .narratives
            .iter()
            .all(|n| !n.text.contains("ゲートキーパー研修"))
    );
    // No.2's last record (障害福祉課) is the row before.
    let kept = &plan(&imp)
        .records
        .iter()
        .rev()
        .find(|r| r.measure.as_str() == "2")
        .unwrap_or_else(|| panic!("no No.2"))
        .extra;
    let last = kept.last().unwrap_or_else(|| panic!("no extra field"));
    assert_eq!(last.label, "表外の行");
    assert_eq!(last.text, row3.replace('\t', " "));
}

#[test]
fn kiyose_collapsed_tabs_are_realigned_or_reported() {
    let base = data("kiyose_r2.txt");
    let reference = read_text("kiyose_r2.txt", &base);
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    // Line 8 (相談窓口一覧の配布): every tab became two spaces.
    if let Some(l) = lines.get_mut(7) {
        *l = l.replace('\t', "  ");
    }
    let imp = read_text("kiyose_collapsed.txt", &lines.join("\n"));
    assert_eq!(records_of(plan(&imp)), records_of(plan(&reference)));
    let realigned = find(&imp, "tabs-realigned");
    assert_eq!(realigned.len(), 1);
    assert_eq!(realigned[0].location.line, 8);
    // Single spaces cannot be split back: reported with the text, not read silently.
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    if let Some(l) = lines.get_mut(7) {
        *l = l.replace('\t', " ");
    }
    let imp = read_text("kiyose_collapsed.txt", &lines.join("\n"));
    let unread = find(&imp, "unreadable-row");
    assert_eq!(unread.len(), 1, "{:#?}", imp.diagnostics);
    assert_eq!(unread[0].location.line, 8);
    assert!(
        unread[0]
            .message
            .contains("相談窓口一覧の配布 P.22 企画部 企画課")
    );
}

#[test]
fn kiyose_renamed_header_cells_keep_every_value() {
    let base = data("kiyose_r2.txt");
    let reference = read_text("kiyose_r2.txt", &base);
    let renamed = base
        .replacen(
            "令和3年度実施状況に関する担当課の評価",
            "令和3年度の評価",
            1,
        )
        .replacen("令和5年度の実施計画", "令和5年度計画", 1)
        .replacen("令和2年度実施状況\t", "令和2年度の実績\t", 1);
    let imp = read_text("kiyose_renamed.txt", &renamed);
    assert_eq!(records_of(plan(&imp)), records_of(plan(&reference)));
    assert!(find(&imp, "fiscal-year-inferred").is_empty());
}

#[test]
fn kumagaya_renamed_headings_keep_every_value() {
    let base = data("kumagaya_r3.txt");
    let reference = read_text("kumagaya_r3.txt", &base);
    let renamed = base.replacen(
        "令和４年度実施状況に関する担当課の評価",
        "担当課の評価（令和４年度）",
        1,
    );
    let imp = read_text("kumagaya_renamed.txt", &renamed);
    assert_eq!(records_of(plan(&imp)), records_of(plan(&reference)));
    // Without the 実施状況 heading of the year before, the year is derived, with a warning.
    let without = base.replacen(" 令和３年度実施状況 ", " 実施状況 ", 1);
    let imp = read_text("kumagaya_without.txt", &without);
    assert_eq!(records_of(plan(&imp)), records_of(plan(&reference)));
    let inferred = find(&imp, "fiscal-year-inferred");
    assert_eq!(inferred.len(), 1, "{:#?}", imp.diagnostics);
    assert_eq!(inferred[0].severity, Severity::Warning);
    assert!(
        inferred[0].message.contains("令和3年度"),
        "{}",
        inferred[0].message
    );
}

#[test]
fn kumagaya_municipality_from_weak_evidence_is_a_warning() {
    // The sheet calls its city 本市 and names no city but 「窓口担当市」 twice.
    let text = data("kumagaya_r3.txt")
        .replacen(
            "見守りネットワーク会議において、地域の関係機関\n",
            "本市の見守りネットワーク会議において、本市と窓口担当市\n",
            1,
        )
        .replacen(
            "相談窓口の一覧を作成し、公共施設に配布します。",
            "本市の相談窓口の一覧を窓口担当市と作成し、本市の公共施設に配布します。",
            1,
        );
    let imp = read_text("kumagaya_weak.txt", &text);
    let weak = find(&imp, "municipality-inferred");
    assert_eq!(weak.len(), 1, "{:#?}", imp.diagnostics);
    assert_eq!(weak[0].severity, Severity::Warning);
    assert!(weak[0].message.contains("本市"), "{}", weak[0].message);
    assert!(find(&imp, "title-supplied").is_empty());
    // Given when importing, the municipality is the given one.
    let options = ReadOptions {
        municipality: Some("熊谷市".into()),
        ..ReadOptions::default()
    };
    let imp = read_with("kumagaya_weak.txt", &text, &options);
    assert_eq!(plan(&imp).municipality.name, "熊谷市");
    assert_eq!(plan(&imp).title, "熊谷市自殺対策計画");
}

#[test]
fn kawaguchi_eval_next_year_title_dates_the_records() {
    let path = format!(
        "{}/../../samples/004_052cf2803b6d324c.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let seed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let base = read_text("004.txt", &seed);
    let text = seed.replacen(
        "令和 6 年度 川口市地域共生社会推進計画 評価報告書",
        "令和 7 年度 川口市地域共生社会推進計画 評価報告書",
        1,
    );
    let imp = read_text("004_r7.txt", &text);
    let years = |i: &Import| -> Vec<i32> {
        let mut y: Vec<i32> = i
            .plans
            .iter()
            .flat_map(|p| p.records.iter().map(|r| r.fiscal_year.0))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    assert_eq!(years(&base), vec![2024]);
    assert_eq!(years(&imp), vec![2025]);
    let count = |i: &Import| i.plans.iter().map(|p| p.records.len()).sum::<usize>();
    assert_eq!(count(&imp), count(&base));
}

#[test]
fn kawaguchi_eval_renamed_indicator_headers_keep_values_or_are_named() {
    let path = format!(
        "{}/../../samples/004_052cf2803b6d324c.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let seed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let base = read_text("004.txt", &seed);
    let header = "評価指標\t現状 R5\t目標 R6\t実績 R6\t目標 R7\t目標 R8";
    assert!(seed.contains(header));
    let indicators = |i: &Import| {
        i.plans
            .iter()
            .flat_map(|p| p.indicators.iter())
            .map(|ind| {
                (
                    ind.name.clone(),
                    ind.baseline.as_ref().map(|o| o.original.clone()),
                    ind.targets.len(),
                    ind.actuals.len(),
                )
            })
            .collect::<Vec<_>>()
    };
    // Renamed by meaning: 基準値 for 現状, 実績値 for 実績, the year in brackets.
    let renamed = seed.replace(
        header,
        "評価指標\t基準値（R5）\t目標 R6\t実績値（R6）\t目標 R7\t目標 R8",
    );
    let imp = read_text("004_renamed.txt", &renamed);
    assert_eq!(indicators(&imp), indicators(&base));
    // A column it does not know is named in an error, its cells reported.
    let unknown = seed.replacen(
        header,
        "評価指標\t現状 R5\t目標 R6\t備考\t目標 R7\t目標 R8",
        1,
    );
    let imp = read_text("004_unknown.txt", &unknown);
    assert!(
        imp.diagnostics.iter().any(|d| d.severity == Severity::Error
            && d.location.field.as_deref() == Some("備考")
            && d.message.contains("「備考」")),
        "{:#?}",
        imp.diagnostics
    );
}

#[test]
fn kiyose_edition_with_fewer_year_columns() {
    // 令和2年度〜令和5年度: two past years, 令和4年度 the plan year.
    let imp = read_text("kiyose_fewer_years.txt", &data("kiyose_fewer_years.txt"));
    let p = plan(&imp);
    assert_eq!(
        p.fiscal_years,
        (2020..=2023).map(FiscalYear).collect::<Vec<_>>()
    );
    assert_eq!(
        texts(record(p, "見守りネットワーク会議の開催", 2021)),
        (
            None,
            Some("見守りの研修を2回実施した。"),
            Some("見守りの参加者の理解が2段階深まった。"),
            Some("70%")
        )
    );
    assert_eq!(
        texts(record(p, "見守りネットワーク会議の開催", 2022)),
        (
            Some("見守りの研修を年3回開催する予定。"),
            Some("見守りの研修を3回実施した。"),
            Some("見守りの参加者の理解が3段階深まった。"),
            Some("90%")
        )
    );
    assert_eq!(
        texts(record(p, "相談窓口一覧の配布", 2023)),
        (
            Some("窓口の研修を継続して開催する予定。"),
            Some("窓口の研修を4回実施した。"),
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
fn kawaguchi_eval_collapsed_indicator_table_is_realigned_or_reported() {
    let path = format!(
        "{}/../../samples/004_052cf2803b6d324c.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let seed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let base = read_text("004.txt", &seed);
    let collapse = |sep: &str| -> String {
        seed.lines()
            .enumerate()
            .map(|(i, l)| {
                if (422..426).contains(&i) {
                    l.replace('\t', sep)
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let indicators = |i: &Import| {
        i.plans
            .iter()
            .flat_map(|p| p.indicators.iter())
            .map(|ind| {
                let mut ind = ind.clone();
                ind.location.file.clear();
                for o in ind
                    .baseline
                    .iter_mut()
                    .chain(ind.targets.iter_mut())
                    .chain(ind.actuals.iter_mut())
                {
                    o.location.file.clear();
                }
                for g in &mut ind.reported_grades {
                    g.location.file.clear();
                }
                for a in &mut ind.activities {
                    a.location.file.clear();
                }
                ind
            })
            .collect::<Vec<_>>()
    };
    let imp = read_text("004_collapsed.txt", &collapse("  "));
    assert_eq!(indicators(&imp), indicators(&base));
    assert_eq!(
        find(&imp, "tabs-realigned")
            .iter()
            .map(|d| d.location.line)
            .collect::<Vec<_>>(),
        vec![423, 424, 425, 426]
    );
    // Single spaces: the cells cannot be told; every line is reported, none read silently.
    let imp = read_text("004_collapsed.txt", &collapse(" "));
    let reported: Vec<u32> = imp
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning && (423..=426).contains(&d.location.line))
        .map(|d| d.location.line)
        .collect();
    for line in 423..=426 {
        assert!(
            reported.contains(&line),
            "line {line}: {:#?}",
            imp.diagnostics
        );
    }
}
