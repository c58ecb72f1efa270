#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Spreadsheets through mapping profiles: a wide 事務事業評価 workbook with yearly blocks under
//! merged headings, a long CSV with one row per (measure, division), a Shift_JIS CSV as Excel
//! saves it, one row per (measure, year), and the drafted profile reading them back. Every
//! document is made here.

#[path = "support/mapping_docs.rs"]
mod docs;

use docs::{WIDE_PROFILE, Wide, measure_code, measure_name, values, wide_workbook};
use proptest::prelude::*;
use shinchoku_core::{
    Amount, DirectionMeaning, FiscalYear, FundingSource, GroupKind, IndicatorKind, Plan,
    ProgressRecord, StatusMeaning, Value,
};
use shinchoku_ingest::mapping::suggest::{SuggestOptions, suggest_table};
use shinchoku_ingest::mapping::{MappingError, Profile, read_mapped, read_table, suggest};
use shinchoku_ingest::{Diagnostic, ReadOptions};

fn record<'a>(
    plan: &'a Plan,
    measure: &str,
    division: Option<&str>,
    year: i32,
) -> &'a ProgressRecord {
    plan.records
        .iter()
        .find(|r| {
            r.measure.as_str() == measure
                && r.division.as_ref().map(|d| d.as_str()) == division
                && r.fiscal_year == FiscalYear(year)
        })
        .unwrap_or_else(|| panic!("no record {measure} {division:?} {year}"))
}

fn amount(yen: i64, original: &str) -> Option<Amount> {
    Some(Amount {
        yen,
        original: original.to_owned(),
    })
}

fn lines(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(ToString::to_string).collect()
}

#[test]
fn a_wide_evaluation_workbook_with_yearly_blocks_is_read_exactly() {
    let years = vec![2022, 2023, 2024];
    let bytes = wide_workbook(&Wide {
        rows: 300,
        years: years.clone(),
        filler: 0,
    });
    let profile = Profile::from_toml(WIDE_PROFILE).unwrap();
    let import = read_mapped("hyoka.xlsx", &bytes, &profile, &ReadOptions::default()).unwrap();
    assert_eq!(import.plans.len(), 1);
    let plan = &import.plans[0];
    assert_eq!(plan.municipality.name, "架空市");
    assert_eq!(
        plan.fiscal_years,
        years.iter().map(|y| FiscalYear(*y)).collect::<Vec<_>>()
    );
    assert_eq!(plan.measures.len(), 300);
    assert_eq!(plan.records.len(), 900);
    assert_eq!(plan.indicators.len(), 600);

    // The only diagnostic: the unmapped 根拠法令, located at its header cell.
    assert_eq!(
        lines(&import.diagnostics),
        vec![
            "hyoka.xlsx:4 [事業一覧!P4]: warning: column 「根拠法令」 is not mapped by the profile; its cells are kept as extra fields 「根拠法令」 of the records [unmapped-column]"
        ]
    );

    // Row 10 (sheet row 14): the hierarchy, the measure, its division and department.
    let m = plan
        .measures
        .iter()
        .find(|m| m.key.as_str() == "J0010")
        .unwrap();
    assert_eq!(m.name, measure_name(10));
    assert_eq!(m.number.as_deref(), Some("J0010"));
    assert_eq!(
        m.description.as_deref(),
        Some("事業10の概要。\n相談窓口を開く。")
    );
    assert_eq!(m.audience.as_deref(), Some("市民"));
    assert_eq!(m.location.to_string(), "hyoka.xlsx:15 [事業一覧!F15]");
    let listing = plan.listings.iter().find(|l| l.measure == m.key).unwrap();
    assert_eq!(listing.group.as_str(), "1/1-1");
    let group = plan.group(&listing.group).unwrap();
    assert_eq!(
        (group.kind, group.label.as_str(), group.title.as_str()),
        (GroupKind::Policy, "施策", "施策1")
    );
    assert_eq!(group.number.as_deref(), Some("1-1"));
    assert_eq!(group.parent.as_ref().map(|g| g.as_str()), Some("1"));
    assert_eq!(
        plan.group(group.parent.as_ref().unwrap()).unwrap().title,
        "政策1"
    );
    let division = plan
        .divisions
        .iter()
        .find(|d| d.key.as_str() == "福祉総務課")
        .unwrap();
    assert_eq!(
        division.department.as_ref().map(|d| d.as_str()),
        Some("健康福祉部")
    );

    // The 令和5年度 record of row 10: every cost, status and direction, in yen.
    let v = values(10, 2023);
    let r = record(plan, "J0010", Some("福祉総務課"), 2023);
    let b = r.cost_breakdown.as_ref().unwrap();
    // Row 10 is one of the rows whose amounts are text (10 % 7 == 3).
    assert_eq!(
        b.project_cost,
        amount(v.project * 1000, &docs::group(v.project))
    );
    assert_eq!(b.project_cost, amount(1_123_000, "1,123"));
    assert_eq!(
        b.funding
            .iter()
            .map(|f| (f.source, f.amount.yen))
            .collect::<Vec<_>>(),
        vec![
            (FundingSource::National, 280_000),
            (FundingSource::Prefectural, 140_000),
            (FundingSource::Other, 12_000),
            (FundingSource::General, 691_000),
        ]
    );
    assert_eq!(b.personnel_cost, amount(810_000, "810"));
    assert_eq!(
        b.staff.as_ref().map(|q| (q.value, q.original.as_str())),
        Some((1.5, "1.5"))
    );
    assert_eq!(b.work_hours.as_ref().map(|q| q.value), Some(1010.0));
    assert_eq!(b.full_cost, amount(1_933_000, "1,933"));
    assert_eq!(r.status.as_ref().map(|s| s.label.as_str()), Some(v.status));
    assert_eq!(
        r.direction.as_ref().map(|d| d.label.as_str()),
        Some(v.direction)
    );
    assert_eq!(v.direction, "終了・廃止・休止");
    assert_eq!(
        plan.direction_vocabulary
            .find("改革改善")
            .map(|t| t.meaning),
        Some(DirectionMeaning::Improve)
    );
    assert_eq!(
        plan.status_scale.find("やや遅れ").map(|l| l.meaning),
        Some(StatusMeaning::Partial)
    );
    assert_eq!(r.location.to_string(), "hyoka.xlsx:15 [事業一覧!F15]");
    // 根拠法令 is on the latest year's record only (row 10 has it: 10 % 5 == 0).
    assert!(r.extra.is_empty());
    let latest = record(plan, "J0010", Some("福祉総務課"), 2024);
    assert_eq!(latest.extra.len(), 1);
    assert_eq!(
        (
            latest.extra[0].label.as_str(),
            latest.extra[0].text.as_str()
        ),
        ("根拠法令", "自殺対策基本法")
    );

    // Row 3 writes its amounts as text: 「1,033」 thousand yen; 地方債 only on every 4th row.
    let r3 = record(plan, "J0003", Some("健康増進課"), 2022);
    let b3 = r3.cost_breakdown.as_ref().unwrap();
    assert_eq!(b3.project_cost, amount(1_052_000, "1,052"));
    assert_eq!(b3.funding_of(FundingSource::LocalBond), None);
    let r4 = record(plan, "J0004", Some("福祉総務課"), 2024);
    assert_eq!(
        r4.cost_breakdown
            .as_ref()
            .unwrap()
            .funding_of(FundingSource::LocalBond),
        Some(&Amount {
            yen: 100_000,
            original: "100".into()
        })
    );

    // Indicators of the measure, with yearly values.
    let act = plan
        .indicators
        .iter()
        .find(|i| i.key.as_str() == "J0010/活動指標1")
        .unwrap();
    assert_eq!(act.kind, Some(IndicatorKind::Activity));
    assert_eq!(act.measure.as_ref().map(|m| m.as_str()), Some("J0010"));
    assert_eq!(act.name, "相談会の開催回数");
    assert_eq!(act.unit.as_deref(), Some("回"));
    assert_eq!(
        act.actuals
            .iter()
            .map(|o| (o.fiscal_year, o.value.clone()))
            .collect::<Vec<_>>(),
        vec![
            (Some(FiscalYear(2022)), Value::Number(32.0)),
            (Some(FiscalYear(2023)), Value::Number(33.0)),
            (Some(FiscalYear(2024)), Value::Number(34.0)),
        ]
    );
    assert!(act.targets.is_empty());
    let out = plan
        .indicators
        .iter()
        .find(|i| i.key.as_str() == "J0010/成果指標1")
        .unwrap();
    assert_eq!(out.kind, Some(IndicatorKind::Outcome));
    assert_eq!(
        out.baseline.as_ref().map(|o| o.value.clone()),
        Some(Value::Number(45.0))
    );
    assert_eq!(
        out.target(FiscalYear(2024)).map(|o| o.value.clone()),
        Some(Value::Number(50.0))
    );
    assert_eq!(
        out.actual(FiscalYear(2023)).map(|o| o.value.clone()),
        Some(Value::Number(50.0))
    );
    assert_eq!(
        out.actual(FiscalYear(2023)).unwrap().location.to_string(),
        // Block of 2023 starts at column 16 + 15 = 31 (AF); 成果指標1 実績 is its 13th column.
        "hyoka.xlsx:15 [事業一覧!AR15]"
    );
    shinchoku_core::validate::check(plan).unwrap();
}

#[test]
fn the_drafted_profile_maps_the_wide_workbook_and_imports_it() {
    let bytes = wide_workbook(&Wide {
        rows: 40,
        years: vec![2023, 2024],
        filler: 0,
    });
    let text = suggest("hyoka.xlsx", &bytes, &SuggestOptions::default()).unwrap();
    let profile = Profile::from_toml(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(profile.source.sheet.as_deref(), Some("事業一覧"));
    assert_eq!(profile.source.header_rows, vec![3, 4]);
    assert_eq!(profile.plan.municipality, "架空市");
    assert_eq!(
        profile.costs.unit,
        shinchoku_ingest::mapping::profile::AmountUnit::ThousandYen
    );
    assert_eq!(profile.measure.id.as_deref(), Some("事業番号"));
    assert_eq!(profile.measure.name, "事業名");
    assert_eq!(profile.measure.division.as_deref(), Some("担当課"));
    assert_eq!(profile.measure.department.as_deref(), Some("担当部"));
    assert_eq!(profile.costs.project_cost.as_deref(), Some("事業費"));
    assert_eq!(profile.costs.general.as_deref(), Some("一般財源"));
    assert_eq!(profile.costs.full_cost.as_deref(), Some("トータルコスト"));
    assert_eq!(profile.record.status.as_deref(), Some("状態"));
    assert_eq!(profile.record.direction.as_deref(), Some("方向性"));
    assert_eq!(
        profile
            .direction
            .iter()
            .map(|d| (d.label.as_str(), d.meaning))
            .collect::<Vec<_>>(),
        vec![
            ("改革改善", DirectionMeaning::Improve),
            ("現状維持", DirectionMeaning::Continue),
            ("終了・廃止・休止", DirectionMeaning::Abolish),
        ]
    );
    assert_eq!(
        profile
            .levels
            .iter()
            .map(|l| l.label.as_str())
            .collect::<Vec<_>>(),
        vec!["政策", "施策"]
    );
    assert_eq!(profile.indicators.len(), 2);
    // Every column but 根拠法令 is mapped (45 of 46), and the comment says which are not.
    assert!(
        text.contains("# 45 of 46 columns with a header are mapped"),
        "{text}"
    );
    assert!(
        text.contains("P 「根拠法令」 → （対応なし: 追加項目）"),
        "{text}"
    );

    let drafted = read_mapped("hyoka.xlsx", &bytes, &profile, &ReadOptions::default()).unwrap();
    let written = read_mapped(
        "hyoka.xlsx",
        &bytes,
        &Profile::from_toml(WIDE_PROFILE).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let (d, w) = (&drafted.plans[0], &written.plans[0]);
    assert_eq!(d.measures, w.measures);
    assert_eq!(d.divisions, w.divisions);
    assert_eq!(d.records, w.records);
    assert_eq!(
        d.indicators
            .iter()
            .map(|i| (&i.key, &i.name, &i.baseline, &i.targets, &i.actuals))
            .collect::<Vec<_>>(),
        w.indicators
            .iter()
            .map(|i| (&i.key, &i.name, &i.baseline, &i.targets, &i.actuals))
            .collect::<Vec<_>>()
    );
}

/// One row per (measure, division), 2,000 rows, UTF-8 with BOM.
fn long_csv() -> Vec<u8> {
    let mut s = String::from(
        "\u{feff}基本目標,No,取組名,担当課,令和5年度 計画,令和5年度 実績,令和5年度 達成度,R6 計画,R6 実績,R6 達成度,備考\n",
    );
    for i in 0..2000 {
        let m = i / 2;
        let division = if i % 2 == 0 {
            "健康増進課"
        } else {
            "福祉課"
        };
        s.push_str(&format!(
            "基本目標{},{m},取組{m},{division},計画{m}-{i},\"実績{m}-{i}, 研修を実施した\",{}%,次の計画{i},,{},{}\n",
            m % 5 + 1,
            i % 101,
            if i % 10 == 0 { "実施" } else { "" },
            if i == 1999 { "最後の行" } else { "" }
        ));
    }
    s.into_bytes()
}

const LONG_PROFILE: &str = r#"
shape = "measure_division"
[plan]
municipality = "架空町"
title = "架空町自殺対策計画"
[[levels]]
label = "基本目標"
kind = "basic_goal"
name = "基本目標"
[measure]
id = "No"
name = "取組名"
division = "担当課"
[record]
plan = "計画"
result = "実績"
achievement = "達成度"
"#;

#[test]
fn a_long_csv_with_a_row_per_measure_and_division() {
    let profile = Profile::from_toml(LONG_PROFILE).unwrap();
    let import = read_mapped("long.csv", &long_csv(), &profile, &ReadOptions::default()).unwrap();
    let plan = &import.plans[0];
    assert_eq!(plan.measures.len(), 1000);
    assert_eq!(plan.assignments.len(), 2000);
    assert_eq!(plan.groups.len(), 5);
    assert_eq!(plan.records.len(), 2000 + 2000);
    let r = record(plan, "7", Some("福祉課"), 2023);
    assert_eq!(r.plan_text.as_deref(), Some("計画7-15"));
    assert_eq!(r.result_text.as_deref(), Some("実績7-15, 研修を実施した"));
    assert_eq!(
        r.achievement.as_ref().map(|a| a.value.clone()),
        Some(shinchoku_core::AchievementValue::Percent(15))
    );
    assert_eq!(r.location.to_string(), "long.csv:17 [C17 取組名]");
    let r6 = record(plan, "0", Some("健康増進課"), 2024);
    assert_eq!(r6.plan_text.as_deref(), Some("次の計画0"));
    assert_eq!(r6.result_text, None);
    assert_eq!(
        r6.achievement.as_ref().map(|a| a.value.clone()),
        Some(shinchoku_core::AchievementValue::Category("実施".into()))
    );
    assert_eq!(
        lines(&import.diagnostics),
        vec![
            "long.csv:1 [K1 備考]: warning: column 「備考」 is not mapped by the profile; its cells are kept as extra fields 「備考」 of the records [unmapped-column]"
        ]
    );
    let last = record(plan, "999", Some("福祉課"), 2024);
    assert_eq!(last.extra.len(), 1);
    assert_eq!(last.extra[0].text, "最後の行");
}

/// Shift_JIS, CRLF, no BOM, a quoted cell with a line break, as Excel saves 「CSV (コンマ区切り)」.
fn shift_jis_csv() -> Vec<u8> {
    let text = "事業名,担当課,2023年度実績,2023年度事業費,2023年度方向性\r\n\
                こころの相談,健康課,\"相談を受けた。\r\n延べ120件\",\"1,200,000\",継続\r\n\
                ゲートキーパー研修,保健所,研修を2回開いた,未定,拡充\r\n\
                髙橋記念講座,生涯学習課,講座を開いた,30000,休止\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    bytes.into_owned()
}

#[test]
fn a_shift_jis_csv_saved_by_excel() {
    let bytes = shift_jis_csv();
    assert!(std::str::from_utf8(&bytes).is_err(), "really Shift_JIS");
    let profile = Profile::from_toml(
        r#"
[plan]
municipality = "架空市"
title = "架空市の事業"
[measure]
name = "事業名"
division = "担当課"
[record]
result = "実績"
direction = "方向性"
[costs]
project_cost = "事業費"
"#,
    )
    .unwrap();
    let import = read_mapped("excel.csv", &bytes, &profile, &ReadOptions::default()).unwrap();
    let plan = &import.plans[0];
    let r = record(plan, "こころの相談", Some("健康課"), 2023);
    assert_eq!(
        r.result_text.as_deref(),
        Some("相談を受けた。\r\n延べ120件")
    );
    assert_eq!(
        r.cost_breakdown.as_ref().unwrap().project_cost,
        amount(1_200_000, "1,200,000")
    );
    // The quoted line break moves the next record to line 4; 「未定」 is kept, located.
    let r2 = record(plan, "ゲートキーパー研修", Some("保健所"), 2023);
    assert_eq!(r2.location.line, 4);
    assert_eq!(r2.cost_breakdown, None);
    assert_eq!(r2.extra.len(), 1);
    assert_eq!(
        (r2.extra[0].label.as_str(), r2.extra[0].text.as_str()),
        ("2023年度事業費", "未定")
    );
    // 髙 is not in Shift_JIS proper; encoding_rs writes it as CP932 does.
    assert!(plan.measures.iter().any(|m| m.name == "髙橋記念講座"));
    assert_eq!(
        lines(&import.diagnostics),
        vec![
            "excel.csv:4 [D4 2023年度事業費]: error: 「未定」 is not an amount; kept as an extra field [unparsed-value]",
            "excel.csv:2 [E2 2023年度方向性]: warning: direction 「継続」 is not in the profile's [[direction]] list; added to the plan's vocabulary as Continue (guessed from the word) [unknown-direction]",
            "excel.csv:4 [E4 2023年度方向性]: warning: direction 「拡充」 is not in the profile's [[direction]] list; added to the plan's vocabulary as Expand (guessed from the word) [unknown-direction]",
            "excel.csv:5 [E5 2023年度方向性]: warning: direction 「休止」 is not in the profile's [[direction]] list; added to the plan's vocabulary as Suspend (guessed from the word) [unknown-direction]",
        ]
    );
}

#[test]
fn rows_per_measure_and_year() {
    let csv = "事業番号,事業名,年度,実績,状態,活動指標 名称,活動指標 実績,事業費\n\
               A1,見守り訪問,令和4年度,訪問を行った,順調,訪問件数,120件,\"1,000\"\n\
               A1,見守り訪問,R5,訪問を続けた,順調,訪問件数,135件,\"1,100\"\n\
               A1,見守り訪問,2024,訪問を拡げた,やや遅れ,訪問件数,140件,\"1,150\"\n\
               A2,居場所づくり,令和5年度,居場所を開いた,遅れ,開設数,3か所,500\n\
               A2,居場所づくり,来年度,未定,,,,\n";
    let profile = Profile::from_toml(
        r#"
shape = "measure_year"
[plan]
municipality = "架空市"
title = "架空市の事業"
[measure]
id = "事業番号"
name = "事業名"
[record]
year = "年度"
result = "実績"
status = "状態"
[costs]
project_cost = "事業費"
[[indicators]]
kind = "activity"
name = "活動指標 名称"
actual = "活動指標 実績"
[[status]]
label = "順調"
meaning = "done"
[[status]]
label = "やや遅れ"
meaning = "partial"
[[status]]
label = "遅れ"
meaning = "not_done"
"#,
    )
    .unwrap();
    let import = read_mapped(
        "rows.csv",
        csv.as_bytes(),
        &profile,
        &ReadOptions::default(),
    )
    .unwrap();
    let plan = &import.plans[0];
    assert_eq!(plan.measures.len(), 2);
    assert_eq!(
        plan.records
            .iter()
            .map(|r| (
                r.measure.as_str(),
                r.fiscal_year.0,
                r.result_text.as_deref().unwrap_or("")
            ))
            .collect::<Vec<_>>(),
        vec![
            ("A1", 2022, "訪問を行った"),
            ("A1", 2023, "訪問を続けた"),
            ("A1", 2024, "訪問を拡げた"),
            ("A2", 2023, "居場所を開いた"),
        ]
    );
    assert_eq!(
        record(plan, "A1", None, 2024)
            .cost_breakdown
            .as_ref()
            .unwrap()
            .project_cost,
        amount(1150, "1,150")
    );
    let ind = plan
        .indicators
        .iter()
        .find(|i| i.key.as_str() == "A1/活動指標1")
        .unwrap();
    assert_eq!(
        ind.actuals
            .iter()
            .map(|o| (
                o.fiscal_year.unwrap().0,
                o.value.clone(),
                o.original.as_str()
            ))
            .collect::<Vec<_>>(),
        vec![
            (2022, Value::Number(120.0), "120件"),
            (2023, Value::Number(135.0), "135件"),
            (2024, Value::Number(140.0), "140件"),
        ]
    );
    assert_eq!(
        lines(&import.diagnostics),
        vec![
            "rows.csv:6 [C6 年度]: error: 「来年度」 is not a fiscal year; the row's yearly values of 「A2」 are not read [unparsed-year]"
        ]
    );
}

#[test]
fn a_merged_two_row_header_saved_as_csv_carries_the_year_over_its_block() {
    let csv = "令和5年度 事務事業評価（架空村）\n\
               事業名,令和4年度,,令和5年度,\n\
               ,実績,評価,実績,評価\n\
               巡回相談,12回,A,14回,B\n";
    let table = read_table("h.csv", csv.as_bytes(), None, None, &Default::default()).unwrap();
    let headers = shinchoku_ingest::mapping::Headers::of(&table, &[2, 3]);
    assert_eq!(
        headers
            .columns
            .iter()
            .map(|h| (h.text.as_str(), h.year.map(|y| y.0)))
            .collect::<Vec<_>>(),
        vec![
            ("事業名", None),
            ("令和4年度 実績", Some(2022)),
            ("令和4年度 評価", Some(2022)),
            ("令和5年度 実績", Some(2023)),
            ("令和5年度 評価", Some(2023)),
        ]
    );
    let text = suggest_table("h.csv", &table);
    let profile = Profile::from_toml(&text).unwrap();
    assert_eq!(profile.source.header_rows, vec![2, 3]);
    assert_eq!(profile.plan.municipality, "架空村");
    assert_eq!(profile.record.result.as_deref(), Some("実績"));
    assert_eq!(profile.record.grade.as_deref(), Some("評価"));
    let import = read_mapped("h.csv", csv.as_bytes(), &profile, &ReadOptions::default()).unwrap();
    let plan = &import.plans[0];
    assert_eq!(
        record(plan, "巡回相談", None, 2022)
            .grade
            .as_ref()
            .map(|g| g.as_str()),
        Some("A")
    );
    assert_eq!(
        record(plan, "巡回相談", None, 2023).result_text.as_deref(),
        Some("14回")
    );
    assert!(import.diagnostics.is_empty(), "{:?}", import.diagnostics);
}

#[test]
fn profiles_that_do_not_fit_are_refused_with_the_reason() {
    let err = Profile::from_toml(
        "[plan]\nmunicipality = \"x\"\ntitle = \"y\"\n[measure]\nname = \"a\"\nnmae = \"b\"\n",
    )
    .unwrap_err();
    assert!(
        matches!(&err, MappingError::Profile(m) if m.contains("unknown field `nmae`")),
        "{err}"
    );
    let err = Profile::from_toml("shape = \"measure_year\"\n[plan]\nmunicipality = \"x\"\ntitle = \"y\"\n[measure]\nname = \"a\"\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "mapping profile: shape = \"measure_year\" needs record.year, the column of the year"
    );
    let profile = Profile::from_toml(
        "[plan]\nmunicipality = \"x\"\ntitle = \"y\"\n[measure]\nname = \"事業名\"\n",
    )
    .unwrap();
    let err = read_mapped(
        "a.csv",
        "名前,課\n相談,健康課\n".as_bytes(),
        &profile,
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the profile's measure.name 「事業名」 is not a header of this table (headers: 「名前」、「課」)"
    );
    let err = read_mapped(
        "a.xls",
        b"\xD0\xCF\x11\xE0rest",
        &profile,
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "an old Excel workbook (.xls) or an encrypted one: save it as .xlsx"
    );
    let big = ReadOptions {
        max_bytes: 10,
        ..ReadOptions::default()
    };
    let err = read_mapped("a.csv", "事業名\n相談\n".as_bytes(), &profile, &big).unwrap_err();
    assert_eq!(
        err.to_string(),
        "17 bytes, over the limit of 10 bytes; not read"
    );
}

fn simple_profile() -> Profile {
    Profile::from_toml(
        "[plan]\nmunicipality = \"x\"\ntitle = \"y\"\nfiscal_year = 2024\n[measure]\nname = \"A\"\n[record]\nresult = \"B\"\n[costs]\nproject_cost = \"C\"\n",
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic_the_mapping_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_mapped("x.csv", &bytes, &simple_profile(), &ReadOptions::default());
        let _ = suggest("x.csv", &bytes, &SuggestOptions::default());
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        let _ = read_mapped("x.xlsx", &zip, &simple_profile(), &ReadOptions::default());
    }

    #[test]
    fn random_rows_never_panic_the_mapping_reader(
        rows in proptest::collection::vec(proptest::collection::vec("[A-C0-9,\"\t 令和年度円千万▲R\\-\\.%\n]{0,12}", 0..8), 0..20)
    ) {
        let mut text = String::from("A,B,C\n");
        for row in &rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let _ = read_mapped("x.csv", text.as_bytes(), &simple_profile(), &ReadOptions::default());
        let _ = suggest("x.csv", text.as_bytes(), &SuggestOptions::default());
        if let Ok(table) = read_table("x.csv", text.as_bytes(), None, None, &Default::default()) {
            let drafted = suggest_table("x.csv", &table);
            if let Ok(p) = Profile::from_toml(&drafted) {
                let _ = read_mapped("x.csv", text.as_bytes(), &p, &ReadOptions::default());
            }
        }
    }
}

#[test]
fn a_workbook_sheet_is_chosen_by_name_and_a_missing_one_is_named() {
    let bytes = wide_workbook(&Wide {
        rows: 2,
        years: vec![2024],
        filler: 0,
    });
    let mut profile = Profile::from_toml(WIDE_PROFILE).unwrap();
    profile.source.sheet = Some("集計".into());
    let err = read_mapped("hyoka.xlsx", &bytes, &profile, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the workbook has no sheet 「集計」 (sheets: 「事業一覧」)"
    );
    let _ = measure_code(0);
}

#[test]
fn the_documented_profile_parses() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/mapping.md"
    ))
    .unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let profile = Profile::from_toml(&doc[start..end]).unwrap();
    assert_eq!(profile.ignore, vec!["備考".to_owned()]);
    assert_eq!(profile.levels[0].kind, GroupKind::Policy);
    assert_eq!(profile.indicators[0].kind, IndicatorKind::Activity);
    assert_eq!(profile.direction[0].meaning, DirectionMeaning::Continue);
    assert_eq!(
        profile.plan.fiscal_year.as_ref().and_then(|y| y.year()),
        Some(FiscalYear(2024))
    );
}

/// A minimal OpenDocument spreadsheet: `rows` of cells, each `(repeat, text)`.
fn ods(rows: &[Vec<(usize, &str)>]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for row in rows {
        body.push_str("<table:table-row>");
        for (repeat, text) in row {
            if text.is_empty() {
                body.push_str(&format!(
                    "<table:table-cell table:number-columns-repeated=\"{repeat}\"/>"
                ));
            } else {
                body.push_str(&format!(
                    "<table:table-cell table:number-columns-repeated=\"{repeat}\" office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
                ));
            }
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"一覧\">{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">",
            "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>",
            "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>",
            "</manifest:manifest>"
        ).as_bytes())
        .unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn an_ods_sheet_is_read_and_a_repeat_bomb_is_refused() {
    let profile = Profile::from_toml(
        "[plan]\nmunicipality = \"架空市\"\ntitle = \"t\"\n[measure]\nname = \"事業名\"\n[record]\nresult = \"実績\"\n",
    )
    .unwrap();
    let good = ods(&[
        vec![(1, "事業名"), (1, "令和5年度 実績"), (1, "令和6年度 実績")],
        vec![(1, "見守り"), (2, "実施した")],
    ]);
    let import = read_mapped("a.ods", &good, &profile, &ReadOptions::default()).unwrap();
    let plan = &import.plans[0];
    assert_eq!(
        plan.records
            .iter()
            .map(|r| (r.fiscal_year.0, r.result_text.as_deref().unwrap_or("")))
            .collect::<Vec<_>>(),
        vec![(2023, "実施した"), (2024, "実施した")]
    );
    assert_eq!(plan.records[0].location.to_string(), "a.ods:2 [一覧!A2]");
    let bomb = ods(&[
        vec![(1, "事業名"), (1, "令和5年度 実績")],
        vec![(1, "見守り"), (100_000_000, "x")],
    ]);
    let err = read_mapped("b.ods", &bomb, &profile, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a cell repeated 100000000 times, over the limit of 4000 columns"
    );
}

#[test]
fn hostile_csv_shapes_are_refused_before_they_cost_memory() {
    let profile = simple_profile();
    let mut wide = String::from("A,B,C\n");
    wide.push_str(&",".repeat(50_000));
    wide.push('\n');
    let err = read_mapped("w.csv", wide.as_bytes(), &profile, &ReadOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "w.csv:2: more than 4000 columns; not read");
    // Delimiters inside quotes are not columns.
    let quoted = format!("A,B,C\nx,\"{}\",1\n", ",".repeat(10_000));
    let import = read_mapped(
        "q.csv",
        quoted.as_bytes(),
        &profile,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        import.plans[0].records[0].result_text.as_deref(),
        Some(",".repeat(10_000).as_str())
    );
    let err = read_mapped("n.csv", b"A,B\n\0\n", &profile, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file holds NUL bytes: not a text table"
    );
}

#[test]
fn a_column_the_profile_names_but_the_sheet_lacks_is_a_located_warning() {
    let bytes = wide_workbook(&Wide {
        rows: 1,
        years: vec![2024],
        filler: 0,
    });
    let mut profile = Profile::from_toml(WIDE_PROFILE).unwrap();
    profile.record.evaluation = Some("評価・課題".into());
    let import = read_mapped("hyoka.xlsx", &bytes, &profile, &ReadOptions::default()).unwrap();
    assert_eq!(
        lines(&import.diagnostics)[0],
        "hyoka.xlsx:4 [事業一覧!4:4]: warning: the profile's record.evaluation 「評価・課題」 is not a header of this table; record.evaluation is left empty [missing-column]"
    );
}
