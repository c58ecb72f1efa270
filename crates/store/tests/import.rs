//! Imports: merge, idempotence, atomicity, ids, diagnostics, migrations, speed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use shinchoku_core::{FiscalYear, MeasureKey, Plan};
use shinchoku_ingest::Diagnostic;
use shinchoku_store::{
    ImportOutcome, ImportedDocument, PlanId, PlanStore, SCHEMA_VERSION, SqliteStore, StoreError,
};
use std::time::Instant;

fn doc(file: &str, sha: &str, plans: Vec<Plan>) -> ImportedDocument {
    ImportedDocument {
        file_name: file.into(),
        sha256: sha.into(),
        layout: "kawaguchi_list".into(),
        plans,
        diagnostics: vec![
            Diagnostic::warning(
                "shifted-cells",
                common::loc(12),
                "列がずれていたため補正した",
            ),
            Diagnostic::info("era", common::loc(1).with_field("年度"), "令和4年度 = 2022"),
        ],
    }
}

fn outcomes(report: &shinchoku_store::ImportReport) -> Vec<ImportOutcome> {
    report.plans.iter().map(|p| p.outcome).collect()
}

#[test]
fn importing_the_same_document_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut store = SqliteStore::open(&path).unwrap();
    let d = doc(
        "a.csv",
        "aaaa",
        vec![common::full_plan(), common::other_plan()],
    );
    let first = store.import(d.clone()).unwrap();
    assert!(first.document_recorded);
    assert_eq!(
        outcomes(&first),
        [ImportOutcome::Created, ImportOutcome::Created]
    );
    let dump = store.dump().unwrap();
    let changes = store.connection().total_changes();

    let second = store.import(d.clone()).unwrap();
    assert!(!second.document_recorded);
    assert_eq!(second.import_id, first.import_id);
    assert_eq!(
        outcomes(&second),
        [ImportOutcome::Unchanged, ImportOutcome::Unchanged]
    );
    assert_eq!(store.dump().unwrap(), dump);
    assert_eq!(
        store.connection().total_changes(),
        changes,
        "no row was written"
    );

    // Also after reopening the file.
    drop(store);
    let mut store = SqliteStore::open(&path).unwrap();
    store.import(d).unwrap();
    assert_eq!(store.dump().unwrap(), dump);
}

#[test]
fn a_newer_document_is_merged() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let first = store
        .import(doc("2022.csv", "s1", vec![common::full_plan()]))
        .unwrap();
    let id = first.plans[0].id;

    let mut newer = common::full_plan();
    newer.measures.truncate(1);
    newer.listings.truncate(1);
    newer.assignments.truncate(1);
    newer.records.truncate(1);
    newer.records[0].result_text = Some("26回実施".into());
    let mut r = newer.records[0].clone();
    r.fiscal_year = FiscalYear(2023);
    newer.records.push(r);
    newer.philosophy = None;
    newer.refresh_fiscal_years();
    let second = store.import(doc("2023.csv", "s2", vec![newer])).unwrap();
    assert_eq!(second.plans[0].id, id);
    assert_eq!(outcomes(&second), [ImportOutcome::Updated]);

    let plan = store.load_plan(id).unwrap();
    assert_eq!(plan.measures.len(), 2, "the stored measure 72 is kept");
    assert_eq!(plan.records.len(), 3);
    assert_eq!(plan.records[0].result_text.as_deref(), Some("26回実施"));
    assert_eq!(plan.records[2].fiscal_year, FiscalYear(2023));
    assert_eq!(plan.philosophy, common::full_plan().philosophy);
    assert_eq!(plan.fiscal_years, [2022, 2023].map(FiscalYear).to_vec());

    let imports = store.imports().unwrap();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[1].plans, vec![id]);
    assert_eq!(imports[1].diagnostic_count, 2);
    assert_eq!(store.diagnostics(Some(id)).unwrap().len(), 4);
    let all = store.diagnostics(None).unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].file, "2022.csv");
    assert_eq!(all[0].diagnostic.code, "shifted-cells");
    assert_eq!(all[1].diagnostic.location.field.as_deref(), Some("年度"));
    assert!(store.diagnostics(Some(PlanId(99))).unwrap().is_empty());
}

#[test]
fn a_failing_import_leaves_the_database_as_it_was() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    store
        .import(doc("a.csv", "aaaa", vec![common::other_plan()]))
        .unwrap();
    let before = store.dump().unwrap();

    // The first plan is written, the second violates UNIQUE(plan_id, measure_key).
    let mut broken = common::big_plan(3, 1);
    let duplicate = broken.measures[0].clone();
    broken.measures.push(duplicate);
    let mut changed = common::other_plan();
    changed.philosophy = Some("変更".into());
    let err = store
        .import(doc(
            "b.csv",
            "bbbb",
            vec![changed, common::full_plan(), broken],
        ))
        .unwrap_err();
    assert!(matches!(err, StoreError::Sqlite(_)), "{err}");
    assert_eq!(store.dump().unwrap(), before);

    // A dangling reference fails the same way.
    let mut dangling = common::full_plan();
    dangling.records[0].measure = MeasureKey::new("999");
    let err = store
        .import(doc("c.csv", "cccc", vec![common::big_plan(2, 2), dangling]))
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownKey { .. }), "{err}");
    assert_eq!(store.dump().unwrap(), before);
}

#[test]
fn plan_ids_are_never_reused() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let a = store.save_plan(&common::full_plan()).unwrap();
    let b = store.save_plan(&common::other_plan()).unwrap();
    assert!(store.delete_plan(b).unwrap());
    assert!(!store.delete_plan(b).unwrap());
    let c = store.save_plan(&common::other_plan()).unwrap();
    assert!(c > b && b > a);
    assert_eq!(
        store
            .plans()
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        [a, c]
    );
}

#[test]
fn deleting_a_plan_removes_everything_in_it() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let empty = store.dump().unwrap();
    let id = store.save_plan(&common::full_plan()).unwrap();
    store.delete_plan(id).unwrap();
    let count = |table: &str| -> i64 {
        store
            .connection()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    for table in [
        "plan_group",
        "measure",
        "progress_record",
        "cost_item",
        "observation",
        "division_rename",
        "source_document",
    ] {
        assert_eq!(count(table), 0, "{table}");
    }
    assert_ne!(
        store.dump().unwrap(),
        empty,
        "only sqlite_sequence and municipality remain"
    );
}

#[test]
fn migrations_are_versioned() {
    // 0001_initial, 0002_document_dates, 0003_cost_original.
    assert_eq!(SCHEMA_VERSION, 3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    drop(store);
    // Reopening applies nothing twice.
    let store = SqliteStore::open(&path).unwrap();
    store
        .connection()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(store);
    assert!(matches!(
        SqliteStore::open(&path),
        Err(StoreError::NewerSchema { .. })
    ));
}

/// A database of schema version 1 (before `cost_original`) is brought to the current version
/// on opening, keeps its data, and then stores the new column.
#[test]
fn a_version_1_database_migrates_to_the_current_version() {
    assert_eq!(SCHEMA_VERSION, 3);
    let dir = tempfile::tempdir().unwrap();
    // Exactly the first migration, as a build of schema version 1 left it.
    let fresh = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&fresh).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_initial.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let mut store = SqliteStore::open(&fresh).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    let plan = common::full_plan();
    assert!(plan.records[0].cost_original.is_some());
    let id = store.save_plan(&plan).unwrap();
    assert_eq!(store.load_plan(id).unwrap(), plan);
    drop(store);

    // Data stored under version 1 survives: the column is dropped again and the version set
    // back to 1, as if the plan had been saved by the older build.
    let old = dir.path().join("old.db");
    {
        let mut store = SqliteStore::open(&old).unwrap();
        store.save_plan(&plan).unwrap();
        let conn = store.connection();
        conn.execute_batch(
            "ALTER TABLE progress_record DROP COLUMN cost_original; DROP TABLE source_document_date;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = SqliteStore::open(&old).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    let mut expected = plan.clone();
    for r in &mut expected.records {
        r.cost_original = None;
    }
    for s in &mut expected.sources {
        s.cover_date = None;
        s.reporting_period = None;
        s.issue_date = None;
    }
    assert_eq!(store.load_all().unwrap(), vec![expected]);
}

#[test]
fn a_version_1_database_gets_the_document_dates_table_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let plan = common::full_plan();
    {
        let mut store = SqliteStore::open(&path).unwrap();
        store.save_plan(&plan).unwrap();
        // Back to what a version-1 build wrote: no date table, no cost_original column,
        // user_version 1.
        store
            .connection()
            .execute_batch(
                "DROP TABLE source_document_date; \
                 ALTER TABLE progress_record DROP COLUMN cost_original; \
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    let tables: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'source_document_date'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 1);
    let (_, loaded) = store.load_plan_by_key(&plan.key()).unwrap().unwrap();
    // Everything but the dates and verbatim cost cells, which version 1 could not hold.
    let mut expected = plan.clone();
    for s in &mut expected.sources {
        s.cover_date = None;
        s.reporting_period = None;
        s.issue_date = None;
    }
    for r in &mut expected.records {
        r.cost_original = None;
    }
    assert_eq!(loaded, expected);
}

#[test]
fn a_json_export_imports_through_the_reader() {
    let mut plan = common::full_plan();
    // JSON has no infinity.
    plan.records[0].outputs.retain(|o| o.value.is_finite());
    let export = shinchoku_ingest::readers::json::Export::new(vec![plan.clone()]);
    let bytes = serde_json::to_vec(&export).unwrap();
    let d = ImportedDocument::read("export.json", &bytes).unwrap();
    assert_eq!(d.layout, "json");
    assert_eq!(d.sha256.len(), 64);
    let mut store = SqliteStore::open_in_memory().unwrap();
    let report = store.import(d).unwrap();
    assert_eq!(store.load_plan(report.plans[0].id).unwrap(), plan);
}

#[test]
fn a_large_plan_saves_and_loads_quickly() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let plan = common::big_plan(200, 5);
    let t = Instant::now();
    let report = store
        .import(doc("big.csv", "big", vec![plan.clone()]))
        .unwrap();
    let saved = t.elapsed();
    let t = Instant::now();
    let back = store.load_plan(report.plans[0].id).unwrap();
    let loaded = t.elapsed();
    assert_eq!(back, plan);
    let t = Instant::now();
    let again = store.import(doc("big.csv", "big", vec![plan])).unwrap();
    let unchanged = t.elapsed();
    assert_eq!(outcomes(&again), [ImportOutcome::Unchanged]);
    eprintln!("200 measures × 5 years: save {saved:?}, load {loaded:?}, re-import {unchanged:?}");
    // Generous bounds for an unoptimised build on a shared machine; catches quadratic work.
    assert!(saved.as_secs() < 5 && loaded.as_secs() < 5 && unchanged.as_secs() < 5);
}
