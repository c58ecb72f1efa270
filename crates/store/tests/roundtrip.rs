//! `load_plan(save(p)) == p`, exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use proptest::prelude::*;
use shinchoku_core::arbitrary;
use shinchoku_store::{PlanStore, SqliteStore, StoreError};

fn round_trip(store: &mut SqliteStore, plan: &shinchoku_core::Plan) -> shinchoku_core::Plan {
    let id = store.save_plan(plan).unwrap();
    store.load_plan(id).unwrap()
}

#[test]
fn full_plan_round_trips() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let plan = common::full_plan();
    let back = round_trip(&mut store, &plan);
    assert_eq!(back, plan);
    // Bit for bit, also where PartialEq is lenient.
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        serde_json::to_string(&plan).unwrap()
    );
    let other = common::other_plan();
    assert_eq!(round_trip(&mut store, &other), other);
    assert_eq!(store.load_all().unwrap(), vec![plan, other]);
}

#[test]
fn saving_again_keeps_the_id_and_replaces_the_content() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut plan = common::full_plan();
    let id = store.save_plan(&plan).unwrap();
    plan.measures.truncate(1);
    plan.listings.clear();
    plan.assignments.truncate(1);
    plan.records.truncate(1);
    plan.philosophy = None;
    assert_eq!(store.save_plan(&plan).unwrap(), id);
    assert_eq!(store.load_plan(id).unwrap(), plan);
    let (by_key, loaded) = store.load_plan_by_key(&plan.key()).unwrap().unwrap();
    assert_eq!((by_key, &loaded), (id, &plan));
    let rows = store.plans().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, id);
    assert_eq!(rows[0].municipality, "川口市");
    assert_eq!(rows[0].fiscal_years, plan.fiscal_years);
    assert_eq!(rows[0].period, plan.period);
}

#[test]
fn missing_plan_is_an_error() {
    let store = SqliteStore::open_in_memory().unwrap();
    assert!(matches!(
        store.load_plan(shinchoku_store::PlanId(7)),
        Err(StoreError::PlanNotFound(_))
    ));
    assert!(store.load_plan_by_key("x/y").unwrap().is_none());
}

#[test]
fn nan_and_dangling_references_are_rejected() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut plan = common::full_plan();
    plan.records[0].outputs[0].value = f64::NAN;
    assert!(matches!(
        store.save_plan(&plan),
        Err(StoreError::Unstorable { .. })
    ));
    let mut plan = common::full_plan();
    plan.listings[0].group = shinchoku_core::GroupKey::new("nowhere");
    assert!(matches!(
        store.save_plan(&plan),
        Err(StoreError::UnknownKey { .. })
    ));
    let mut plan = common::full_plan();
    plan.rating_scheme = Some(shinchoku_core::RatingScheme::Trend {
        on_track: shinchoku_core::Grade::new("a"),
        behind: shinchoku_core::Grade::new("b"),
        worse: shinchoku_core::Grade::new("c"),
        tolerance_points: f64::INFINITY,
    });
    assert!(matches!(
        store.save_plan(&plan),
        Err(StoreError::Unstorable { .. })
    ));
    assert!(store.plans().unwrap().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_plans_round_trip(plan in arbitrary::plan()) {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let id = store.save_plan(&plan).unwrap();
        let back = store.load_plan(id).unwrap();
        prop_assert_eq!(&back, &plan);
        // Saving the loaded plan again keeps id and content.
        prop_assert_eq!(store.save_plan(&back).unwrap(), id);
        prop_assert_eq!(store.load_plan(id).unwrap(), plan);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn reimporting_arbitrary_plans_changes_nothing(plan in arbitrary::plan()) {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let doc = shinchoku_store::ImportedDocument {
            file_name: "x.csv".into(),
            sha256: "00".into(),
            layout: "json".into(),
            plans: vec![plan],
            diagnostics: vec![],
        };
        store.import(doc.clone()).unwrap();
        let dump = store.dump().unwrap();
        let again = store.import(doc).unwrap();
        prop_assert_eq!(again.plans[0].outcome, shinchoku_store::ImportOutcome::Unchanged);
        prop_assert_eq!(store.dump().unwrap(), dump);
    }
}
