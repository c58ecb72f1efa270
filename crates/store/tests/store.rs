//! The living store through the commands layer: ids, revisions, history, idempotent imports,
//! atomicity, conflicts, concurrent writers, migrations, round trips.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use proptest::prelude::*;
use shinchoku_commands::record::RecordField;
use shinchoku_commands::{
    Actor, CommandError, ImportOutcome, ImportReport, ImportedDocument, import_document,
    set_record_fields,
};
use shinchoku_core::{
    EntityKind, EntityRef, FiscalYear, MeasureKey, Plan, PlanId, Provenance, RecordKey, Revision,
    arbitrary,
};
use shinchoku_ingest::Diagnostic;
use shinchoku_store::{Action, HistoryFilter, SCHEMA_VERSION, Store, StoreError};

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
        stated_ids: Vec::new(),
    }
}

fn actor() -> Actor {
    Actor::command_line("test")
}

async fn import(store: &Store, d: &ImportedDocument) -> Result<ImportReport, CommandError> {
    import_document(store, d, &actor()).await
}

fn outcomes(report: &ImportReport) -> Vec<ImportOutcome> {
    report.plans.iter().map(|p| p.outcome).collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_the_same_document_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let store = Store::open(&path).await.unwrap();
    let d = doc(
        "a.csv",
        "aaaa",
        vec![common::full_plan(), common::other_plan()],
    );
    let first = import(&store, &d).await.unwrap();
    assert!(first.document_recorded);
    assert_eq!(
        outcomes(&first),
        [ImportOutcome::Created, ImportOutcome::Created]
    );
    let dump = store.dump().await.unwrap();
    let seq = store.changes_since(0).await.unwrap().seq;

    let second = import(&store, &d).await.unwrap();
    assert!(!second.document_recorded);
    assert_eq!(second.import_id, first.import_id);
    assert_eq!(
        outcomes(&second),
        [ImportOutcome::Unchanged, ImportOutcome::Unchanged]
    );
    assert_eq!(store.dump().await.unwrap(), dump);
    assert_eq!(store.changes_since(seq).await.unwrap().plans, vec![]);

    // Also after reopening the file.
    drop(store);
    let store = Store::open(&path).await.unwrap();
    import(&store, &d).await.unwrap();
    assert_eq!(store.dump().await.unwrap(), dump);

    // A record edited by hand is not reverted by importing the same document again.
    let stored = store.load(first.plans[0].id).await.unwrap().unwrap();
    let key = RecordKey::of(&stored.plan.records[0]);
    let id = stored.ids.record(&key).unwrap().id;
    set_record_fields(
        &store,
        id,
        &[(RecordField::ResultText, "手で直した".into())],
        Some(Revision(1)),
        &actor(),
    )
    .await
    .unwrap();
    let third = import(&store, &d).await.unwrap();
    assert_eq!(
        outcomes(&third),
        [ImportOutcome::Unchanged, ImportOutcome::Unchanged]
    );
    let after = store.entity(id).await.unwrap().unwrap();
    assert_eq!(after.body["result_text"], "手で直した");
    assert_eq!(after.meta.revision, Revision(2));
}

#[tokio::test]
async fn a_newer_document_is_merged_with_ids_kept_and_every_change_recorded() {
    let store = Store::in_memory().await.unwrap();
    let first = import(&store, &doc("2022.csv", "s1", vec![common::full_plan()]))
        .await
        .unwrap();
    let id = first.plans[0].id;
    let before = store.load(id).await.unwrap().unwrap();
    let key0 = RecordKey::of(&before.plan.records[0]);
    let record_id = before.ids.record(&key0).unwrap().id;
    let measure_id = before.ids.measure(&key0.measure).unwrap().id;

    let mut newer = common::full_plan();
    newer.measures.truncate(1);
    newer.listings.truncate(1);
    newer.assignments.truncate(1);
    newer.records.truncate(1);
    let old_text = newer.records[0].result_text.clone();
    newer.records[0].result_text = Some("26回実施".into());
    newer.records[0].location.line = 40;
    let mut r = newer.records[0].clone();
    r.fiscal_year = FiscalYear(2023);
    newer.records.push(r);
    newer.philosophy = None;
    newer.refresh_fiscal_years();
    let second = import(&store, &doc("2023.csv", "s2", vec![newer]))
        .await
        .unwrap();
    assert_eq!(second.plans[0].id, id);
    assert_eq!(outcomes(&second), [ImportOutcome::Updated]);

    let after = store.load(id).await.unwrap().unwrap();
    let plan = &after.plan;
    assert_eq!(plan.measures.len(), 2, "the stored measure 72 is kept");
    assert_eq!(plan.records.len(), 3);
    assert_eq!(plan.records[0].result_text.as_deref(), Some("26回実施"));
    assert_eq!(plan.records[2].fiscal_year, FiscalYear(2023));
    assert_eq!(plan.philosophy, common::full_plan().philosophy);
    assert_eq!(plan.fiscal_years, [2022, 2023].map(FiscalYear).to_vec());
    // Ids survive the merge; the changed record's revision moved on, the plan's too.
    assert_eq!(after.ids.record(&key0).unwrap().id, record_id);
    assert_eq!(after.ids.record(&key0).unwrap().revision, Revision(2));
    assert_eq!(after.ids.measure(&key0.measure).unwrap().id, measure_id);
    assert_eq!(after.revision, Revision(2));

    // One event for the changed field, with the newer document and its line as provenance.
    let events = store
        .history(HistoryFilter {
            entity: Some(record_id),
            ..HistoryFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 2, "{events:#?}");
    assert_eq!(events[0].action, Action::Created);
    assert_eq!(events[1].action, Action::Updated);
    assert_eq!(events[1].field.as_deref(), Some("result_text"));
    assert_eq!(events[1].old, Some(serde_json::to_value(old_text).unwrap()));
    assert_eq!(events[1].new, Some(serde_json::Value::from("26回実施")));
    assert_eq!(
        events[1].provenance,
        Provenance::Document {
            file: "2023.csv".into(),
            sha256: "s2".into(),
            line: Some(40),
            field: None
        }
    );
    assert_eq!(events[1].revision, Revision(2));

    let imports = store.imports().await.unwrap();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[1].plans, vec![id]);
    assert_eq!(imports[1].diagnostic_count, 2);
    assert_eq!(store.diagnostics(Some(id)).await.unwrap().len(), 4);
    let all = store.diagnostics(None).await.unwrap();
    assert_eq!(all[0].file, "2022.csv");
    assert_eq!(all[0].diagnostic.code, "shifted-cells");
    assert_eq!(all[1].diagnostic.location.field.as_deref(), Some("年度"));
    assert!(
        store
            .diagnostics(Some(PlanId(99)))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_failing_import_leaves_the_database_as_it_was() {
    let store = Store::in_memory().await.unwrap();
    import(&store, &doc("a.csv", "aaaa", vec![common::other_plan()]))
        .await
        .unwrap();
    let before = store.dump().await.unwrap();

    let mut broken = common::big_plan(3, 1);
    let duplicate = broken.measures[0].clone();
    broken.measures.push(duplicate);
    let mut changed = common::other_plan();
    changed.philosophy = Some("変更".into());
    let err = import(
        &store,
        &doc("b.csv", "bbbb", vec![changed, common::full_plan(), broken]),
    )
    .await
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "plan 清瀬市/清瀬市自殺対策計画 cannot be stored: measures[3]: the key `0` is used twice"
    );
    assert_eq!(store.dump().await.unwrap(), before);

    let mut dangling = common::full_plan();
    dangling.records[0].measure = MeasureKey::new("999");
    dangling.records[0].outputs[0].value = f64::NAN;
    let err = import(
        &store,
        &doc("c.csv", "cccc", vec![common::big_plan(2, 2), dangling]),
    )
    .await
    .unwrap_err();
    let CommandError::InvalidPlan(invalid) = err else {
        panic!("{err}")
    };
    assert_eq!(
        invalid.problems,
        vec![
            "records[0]: measure `999` is not defined in the plan".to_owned(),
            "a number is not finite (NaN or infinity) or a value cannot be stored exactly"
                .to_owned()
        ]
    );
    assert_eq!(store.dump().await.unwrap(), before);
}

#[tokio::test]
async fn ids_are_never_reused_and_deleted_plans_keep_their_history() {
    let store = Store::in_memory().await.unwrap();
    let a = import(&store, &doc("a", "a", vec![common::full_plan()]))
        .await
        .unwrap()
        .plans[0]
        .id;
    let b_report = import(&store, &doc("b", "b", vec![common::big_plan(2, 1)]))
        .await
        .unwrap();
    let b = b_report.plans[0].id;
    let old_max = store
        .load(b)
        .await
        .unwrap()
        .unwrap()
        .ids
        .iter()
        .map(|(_, m)| m.id)
        .max()
        .unwrap();
    let seq = store.changes_since(0).await.unwrap().seq;
    assert!(store.delete_plan(b, "test", 1).await.unwrap());
    assert!(!store.delete_plan(b, "test", 1).await.unwrap());
    assert_eq!(
        store.changes_since(seq).await.unwrap().plans,
        vec![b],
        "the read side is told"
    );
    assert!(store.load(b).await.unwrap().is_none());
    assert!(
        !store
            .history(HistoryFilter {
                plan: Some(b),
                ..HistoryFilter::default()
            })
            .await
            .unwrap()
            .is_empty()
    );
    let c = import(&store, &doc("c", "c", vec![common::big_plan(2, 1)]))
        .await
        .unwrap()
        .plans[0]
        .id;
    assert!(c > b && b > a);
    let new_min = store
        .load(c)
        .await
        .unwrap()
        .unwrap()
        .ids
        .iter()
        .map(|(_, m)| m.id)
        .min()
        .unwrap();
    assert!(new_min > old_max);
    let ids: Vec<PlanId> = store.plans().await.unwrap().iter().map(|p| p.id).collect();
    assert_eq!(ids, [a, c]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_changes_from_the_same_revision_one_wins_the_other_is_told_what_changed() {
    let store = Store::in_memory().await.unwrap();
    let report = import(&store, &doc("a", "a", vec![common::full_plan()]))
        .await
        .unwrap();
    let stored = store.load(report.plans[0].id).await.unwrap().unwrap();
    let id = stored
        .ids
        .record(&RecordKey::of(&stored.plan.records[0]))
        .unwrap()
        .id;
    let set = |text: &'static str| {
        let store = store.clone();
        async move {
            set_record_fields(
                &store,
                id,
                &[(RecordField::ResultText, text.to_owned())],
                Some(Revision(1)),
                &Actor::command_line(text),
            )
            .await
        }
    };
    let (x, y) = tokio::join!(tokio::spawn(set("Aの入力")), tokio::spawn(set("Bの入力")));
    let results = [x.unwrap(), y.unwrap()];
    let wins: Vec<_> = results.iter().filter(|r| r.is_ok()).collect();
    assert_eq!(wins.len(), 1, "{results:?}");
    let lost = results.iter().find_map(|r| r.as_ref().err()).unwrap();
    let CommandError::Conflict {
        expected,
        current,
        changed,
        ..
    } = lost
    else {
        panic!("{lost}")
    };
    assert_eq!((*expected, *current), (Revision(1), Revision(2)));
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].field.as_deref(), Some("result_text"));
    assert!(lost.to_string().ends_with("changed since: result_text"));
    let events = store
        .history(HistoryFilter {
            entity: Some(id),
            after_revision: Some(Revision(1)),
            ..HistoryFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    let winner = store.entity(id).await.unwrap().unwrap();
    assert_eq!(winner.body["result_text"], events[0].new.clone().unwrap());
    assert_eq!(winner.meta.revision, Revision(2));
}

/// Two writers (separate connections pools, as two processes have) importing into one file at
/// once: both succeed, one waits for the other.
#[test]
fn concurrent_imports_into_one_file_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                runtime().block_on(async move {
                    // Each thread opens the (possibly new) database itself: the migration
                    // runs once, under the write lock.
                    let store = Store::open(&path).await.unwrap();
                    for i in 0..10 {
                        let mut plan = common::big_plan(5, 2);
                        plan.title = format!("計画{t}-{i}");
                        import(
                            &store,
                            &doc(&format!("{t}-{i}"), &format!("{t}-{i}"), vec![plan]),
                        )
                        .await
                        .unwrap();
                    }
                    // And all into the same plan: merged one after the other, retried on a
                    // conflict.
                    let mut shared = common::big_plan(3, 1);
                    shared.records[0].result_text = Some(format!("thread {t}"));
                    shared.measures.push(shinchoku_core::Measure {
                        key: MeasureKey::new(format!("t{t}")),
                        number: None,
                        name: format!("thread {t}"),
                        description: None,
                        audience: None,
                        plan_page: None,
                        location: common::loc(1),
                    });
                    import(
                        &store,
                        &doc(&format!("s{t}"), &format!("s{t}"), vec![shared]),
                    )
                    .await
                    .unwrap();
                })
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    runtime().block_on(async {
        let store = Store::open(&path).await.unwrap();
        let plans = store.plans().await.unwrap();
        assert_eq!(plans.len(), 41);
        let shared = store
            .load_by_key("清瀬市/清瀬市自殺対策計画")
            .await
            .unwrap()
            .unwrap();
        let added: Vec<&str> = shared
            .plan
            .measures
            .iter()
            .filter(|m| m.key.as_str().starts_with('t'))
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(added.len(), 4, "no lost update: {added:?}");
        assert_eq!(store.imports().await.unwrap().len(), 44);
    });
}

#[tokio::test]
async fn a_fresh_database_is_at_the_current_schema_in_wal_mode() {
    assert_eq!(SCHEMA_VERSION, 5);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), SCHEMA_VERSION);
    let report = store.migrate().await.unwrap();
    assert_eq!((report.from, report.to), (5, 5));
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    assert!(matches!(
        Store::open(&path).await,
        Err(StoreError::NewerSchema {
            found: 6,
            supported: 5
        })
    ));
    assert!(matches!(
        Store::open_existing(dir.path().join("none.db")).await,
        Err(StoreError::Missing(_))
    ));
}

/// A database written by the snapshot store (schema version 3, made by that build from the
/// 小樽市 and 川口市 評価報告書 reports) migrates with its data: the same plans as that build
/// exported, the same plan ids, the imports and diagnostics kept.
#[tokio::test]
async fn a_version_3_database_migrates_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute_batch(include_str!("data/v3_otaru_kawaguchi.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), 5);
    let (_, stored) = store.snapshot().await.unwrap();
    let export = include_str!("data/v3_otaru_kawaguchi.export.json");
    let old: shinchoku_ingest::readers::json::Export = serde_json::from_str(export).unwrap();
    let plans: Vec<Plan> = stored.iter().map(|s| s.plan.clone()).collect();
    assert_eq!(plans, old.plans);
    assert_eq!(
        stored.iter().map(|s| s.id.0).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
    let imports = store.imports().await.unwrap();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[1].plans, vec![PlanId(2), PlanId(3), PlanId(4)]);
    assert_eq!(imports[0].diagnostic_count, 8);
    // Every entity has a creation event from the migration.
    let events = store.history(HistoryFilter::default()).await.unwrap();
    let entities: usize = stored.iter().map(|s| s.ids.len()).sum();
    assert_eq!(
        events.iter().filter(|e| e.entity_id.is_some()).count(),
        entities
    );
    assert!(events.iter().all(|e| e.command == "migrate"));
    // The old tables are gone; reopening changes nothing.
    let dump = store.dump().await.unwrap();
    assert!(!dump.contains("[progress_record]"));
    drop(store);
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.dump().await.unwrap(), dump);
}

#[tokio::test]
async fn a_json_export_restores_with_its_ids_and_exports_the_same_bytes() {
    let store = Store::in_memory().await.unwrap();
    let plan = common::full_plan();
    import(&store, &doc("a", "a", vec![common::big_plan(3, 2)]))
        .await
        .unwrap();
    import(&store, &doc("b", "b", vec![plan.clone()]))
        .await
        .unwrap();
    // A later record of the first plan gets an id above the second plan's.
    let mut later = common::big_plan(3, 3);
    later.records.retain(|r| r.fiscal_year == FiscalYear(2021));
    import(&store, &doc("c", "c", vec![later])).await.unwrap();
    let (_, stored) = store.snapshot().await.unwrap();
    let export = shinchoku_report::export_json(&stored).unwrap();

    let d = ImportedDocument::read("export.json", export.as_bytes()).unwrap();
    assert_eq!(d.layout, "json");
    let fresh = Store::in_memory().await.unwrap();
    import(&fresh, &d).await.unwrap();
    let (_, again) = fresh.snapshot().await.unwrap();
    let again_export = shinchoku_report::export_json(&again).unwrap();
    assert!(again_export == export, "the second export differs");
    assert_eq!(again[1].plan, plan);
    assert_eq!(again[0].ids, stored[0].ids);
}

#[tokio::test]
async fn an_entity_is_found_by_id_with_its_kind_and_key() {
    let store = Store::in_memory().await.unwrap();
    let report = import(&store, &doc("a", "a", vec![common::full_plan()]))
        .await
        .unwrap();
    let stored = store.load(report.plans[0].id).await.unwrap().unwrap();
    let m = &stored.plan.measures[0];
    let meta = stored.ids.measure(&m.key).unwrap();
    let e = store.entity(meta.id).await.unwrap().unwrap();
    assert_eq!(e.entity, EntityRef::measure(&m.key));
    assert_eq!(e.entity.kind, EntityKind::Measure);
    assert_eq!(e.body["name"], serde_json::Value::from(m.name.clone()));
    assert_eq!(e.plan_id, stored.id);
    assert!(
        store
            .entity(shinchoku_core::EntityId(999_999))
            .await
            .unwrap()
            .is_none()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_plans_round_trip_and_reimport_changes_nothing(plan in arbitrary::plan()) {
        runtime().block_on(async {
            let store = Store::in_memory().await.unwrap();
            let d = ImportedDocument {
                file_name: "x.csv".into(),
                sha256: "00".into(),
                layout: "json".into(),
                plans: vec![plan.clone()],
                diagnostics: vec![],
                stated_ids: vec![],
            };
            let first = import(&store, &d).await.unwrap();
            let back = store.load(first.plans[0].id).await.unwrap().unwrap();
            assert_eq!(&back.plan, &plan);
            let dump = store.dump().await.unwrap();
            // The same plans from another document: merged, nothing changes.
            let mut other = d.clone();
            other.sha256 = "01".into();
            let again = import(&store, &other).await.unwrap();
            assert_eq!(again.plans[0].outcome, ImportOutcome::Unchanged);
            let after = store.dump().await.unwrap();
            // Only the new document's record (imports, import_plans) was added.
            assert_eq!(
                after.lines().filter(|l| !dump.contains(*l)).count(),
                2,
                "{after}"
            );
        });
    }
}
