use super::merge;
use crate::arbitrary;
use crate::model::*;
use crate::{FiscalYear, Grade, RatingScheme};
use proptest::prelude::*;

fn loc(line: u32) -> Location {
    Location::new("r.csv", line)
}

fn measure(key: &str, name: &str) -> Measure {
    Measure {
        key: MeasureKey::new(key),
        number: None,
        name: name.into(),
        description: None,
        audience: None,
        plan_page: None,
        location: loc(1),
    }
}

fn obs(year: i32, value: f64, line: u32) -> Observation {
    Observation {
        fiscal_year: Some(FiscalYear(year)),
        value: Value::Number(value),
        original: value.to_string(),
        location: loc(line),
    }
}

fn indicator(targets: Vec<Observation>) -> Indicator {
    Indicator {
        key: IndicatorKey::new("i1"),
        name: "自殺死亡率".into(),
        group: None,
        measure: None,
        kind: None,
        unit: None,
        polarity: Polarity::LowerIsBetter,
        baseline: None,
        targets,
        actuals: vec![],
        reported_grades: vec![],
        activities: vec![],
        location: loc(1),
    }
}

fn plan() -> Plan {
    Plan::new(
        "川口市",
        "川口市自殺対策推進計画",
        PlanKind::SuicidePrevention,
    )
}

#[test]
fn union_keeps_order_and_appends_new_items() {
    let mut stored = plan();
    stored.measures = vec![measure("1", "相談"), measure("2", "講演会")];
    let mut incoming = plan();
    incoming.measures = vec![measure("3", "研修"), measure("1", "相談事業")];
    let merged = merge(stored, incoming);
    let names: Vec<_> = merged.measures.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["相談事業", "講演会", "研修"]);
}

#[test]
fn optional_fields_keep_stored_value_when_incoming_is_unset() {
    let mut stored = plan();
    let mut m = measure("1", "相談");
    m.description = Some("概要".into());
    stored.measures = vec![m];
    stored.philosophy = Some("誰も自殺に追い込まれることのない".into());
    stored.period = Some(Period {
        first: FiscalYear(2019),
        last: FiscalYear(2023),
    });
    stored.status_scale = StatusScale::a_to_o();
    stored.rating_scheme = Some(RatingScheme::ratio_bands(&[("A", 100.0, true)], "B"));
    let mut incoming = plan();
    incoming.measures = vec![measure("1", "相談")];
    let merged = merge(stored.clone(), incoming);
    assert_eq!(merged.measures[0].description.as_deref(), Some("概要"));
    assert_eq!(merged.philosophy, stored.philosophy);
    assert_eq!(merged.period, stored.period);
    assert_eq!(merged.status_scale, stored.status_scale);
    assert_eq!(merged.rating_scheme, stored.rating_scheme);

    let mut newer = plan();
    newer.philosophy = Some("新".into());
    newer.status_scale = StatusScale::default();
    newer.direction_vocabulary = DirectionVocabulary::standard();
    let merged = merge(merged, newer);
    assert_eq!(merged.philosophy.as_deref(), Some("新"));
    assert_eq!(merged.status_scale, StatusScale::a_to_o());
    assert_eq!(merged.direction_vocabulary, DirectionVocabulary::standard());
}

#[test]
fn records_are_replaced_by_key() {
    let record = |year: i32, text: &str| {
        let mut r = ProgressRecord::new(
            MeasureKey::new("1"),
            Some(DivisionKey::new("健康推進課")),
            FiscalYear(year),
            loc(2),
        );
        r.result_text = Some(text.into());
        r
    };
    let mut stored = plan();
    stored.records = vec![record(2022, "旧"), record(2023, "23")];
    let mut incoming = plan();
    let mut replacement = record(2022, "新");
    replacement.costs = vec![];
    replacement.status = None;
    incoming.records = vec![replacement.clone(), record(2024, "24")];
    let merged = merge(stored, incoming);
    assert_eq!(merged.records.len(), 3);
    assert_eq!(merged.records[0], replacement);
    assert_eq!(merged.records[1].result_text.as_deref(), Some("23"));
    assert_eq!(merged.records[2].fiscal_year, FiscalYear(2024));
}

#[test]
fn observations_dedup_by_year_and_location() {
    let mut stored = plan();
    stored.indicators = vec![indicator(vec![obs(2022, 15.0, 3), obs(2023, 14.0, 3)])];
    let mut incoming = plan();
    incoming.indicators = vec![indicator(vec![
        obs(2022, 15.5, 3),
        obs(2022, 16.0, 9),
        obs(2024, 13.0, 3),
    ])];
    let merged = merge(stored, incoming);
    let targets: Vec<(i32, f64, u32)> = merged.indicators[0]
        .targets
        .iter()
        .map(|o| {
            (
                o.fiscal_year.map_or(0, |y| y.0),
                o.value.as_number().unwrap_or(f64::NAN),
                o.location.line,
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            (2022, 15.5, 3),
            (2023, 14.0, 3),
            (2022, 16.0, 9),
            (2024, 13.0, 3)
        ]
    );
}

#[test]
fn renames_and_sources_are_unioned() {
    let rename = |year: i32, name: &str| Rename {
        from: FiscalYear(year),
        name: name.into(),
        original: String::new(),
    };
    let division = |renames| Division {
        key: DivisionKey::new("企画課"),
        name: "企画課".into(),
        department: None,
        external: false,
        renames,
    };
    let source = |sha: &str| SourceDocument::new(format!("{sha}.csv"), "t", "kiyose", sha);
    let mut stored = plan();
    stored.divisions = vec![division(vec![rename(2022, "政策課")])];
    stored.sources = vec![source("aa")];
    let mut incoming = plan();
    incoming.divisions = vec![division(vec![
        rename(2024, "企画政策課"),
        rename(2022, "政策課"),
    ])];
    incoming.sources = vec![source("bb"), source("aa")];
    let merged = merge(stored, incoming);
    let renames: Vec<_> = merged.divisions[0]
        .renames
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(renames, ["政策課", "企画政策課"]);
    let shas: Vec<_> = merged.sources.iter().map(|s| s.sha256.as_str()).collect();
    assert_eq!(shas, ["aa", "bb"]);
}

#[test]
fn ratings_and_fiscal_years() {
    let rating = |year: i32, grade: &str| Rating {
        group: GroupKey::new("1"),
        fiscal_year: FiscalYear(year),
        grade: Grade::new(grade),
        reason: None,
        location: loc(4),
    };
    let mut stored = plan();
    stored.ratings = vec![rating(2023, "B")];
    stored.fiscal_years = vec![FiscalYear(2022), FiscalYear(2023)];
    let mut incoming = plan();
    incoming.ratings = vec![rating(2023, "A"), rating(2024, "C")];
    incoming.fiscal_years = vec![FiscalYear(2021), FiscalYear(2024)];
    let merged = merge(stored, incoming);
    let grades: Vec<_> = merged.ratings.iter().map(|r| r.grade.as_str()).collect();
    assert_eq!(grades, ["A", "C"]);
    assert_eq!(
        merged.fiscal_years,
        [2021, 2022, 2023, 2024].map(FiscalYear)
    );
}

#[test]
fn duplicate_keys_are_matched_occurrence_by_occurrence() {
    let outlook = |text: &str| Outlook {
        group: None,
        fiscal_year: FiscalYear(2024),
        text: text.into(),
        location: loc(5),
    };
    let mut p = plan();
    p.outlooks = vec![outlook("一"), outlook("二")];
    assert_eq!(merge(p.clone(), p.clone()), p);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn merging_a_plan_into_itself_is_identity(p in arbitrary::plan()) {
        prop_assert_eq!(merge(p.clone(), p.clone()), p);
    }

    #[test]
    fn merging_twice_is_merging_once(a in arbitrary::plan(), b in arbitrary::plan()) {
        let once = merge(a, b.clone());
        prop_assert_eq!(merge(once.clone(), b), once);
    }

    #[test]
    fn merging_into_an_empty_plan_gives_the_incoming_plan(p in arbitrary::plan()) {
        let mut empty = p.clone();
        empty.municipality.code = None;
        empty.period = None;
        empty.philosophy = None;
        empty.fiscal_years.clear();
        empty.status_scale = StatusScale::default();
        empty.direction_vocabulary = DirectionVocabulary::default();
        empty.rating_scheme = None;
        empty.departments.clear();
        empty.divisions.clear();
        empty.groups.clear();
        empty.measures.clear();
        empty.listings.clear();
        empty.assignments.clear();
        empty.records.clear();
        empty.indicators.clear();
        empty.ratings.clear();
        empty.outlooks.clear();
        empty.narratives.clear();
        empty.sources.clear();
        prop_assert_eq!(merge(empty, p.clone()), p);
    }
}
