//! The living store through the commands layer: ids, revisions, history, idempotent imports,
//! atomicity, conflicts, concurrent writers, migrations, round trips, copies between engines.
//!
//! Every test of the store's behaviour runs twice (`on_both_engines!`): as `sqlite::NAME` on
//! a SQLite file and as `postgres::NAME` on a fresh PostgreSQL database of the server named by
//! `SHINCHOKU_TEST_PG` (`scripts/with-postgres.sh` starts one; without it they are skipped,
//! or fail when `SHINCHOKU_REQUIRE_PG` is set, as in CI).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestDb;

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
use shinchoku_store::{
    Action, CopyReport, HistoryFilter, NewAccount, Role, SCHEMA_VERSION, SessionRow, Store,
    StoreError,
};

on_both_engines!(
    importing_the_same_document_twice_changes_nothing,
    a_newer_document_is_merged_with_ids_kept_and_every_change_recorded,
    a_failing_import_leaves_the_database_as_it_was,
    ids_are_never_reused_and_deleted_plans_keep_their_history,
    two_changes_from_the_same_revision_one_wins_the_other_is_told_what_changed,
    a_json_export_restores_with_its_ids_and_exports_the_same_bytes,
    an_entity_is_found_by_id_with_its_kind_and_key,
    a_copy_keeps_every_row_and_id_and_refuses_a_database_that_is_not_empty,
    concurrent_writers_through_separate_pools_lose_no_update,
    reimporting_the_five_seeds_changes_nothing,
);

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

async fn importing_the_same_document_twice_changes_nothing(db: TestDb) {
    let store = db.open().await;
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

    // Also after reopening the database.
    drop(store);
    let store = db.open().await;
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

async fn a_newer_document_is_merged_with_ids_kept_and_every_change_recorded(db: TestDb) {
    let store = db.open().await;
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

async fn a_failing_import_leaves_the_database_as_it_was(db: TestDb) {
    let store = db.open().await;
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

async fn ids_are_never_reused_and_deleted_plans_keep_their_history(db: TestDb) {
    let store = db.open().await;
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

async fn two_changes_from_the_same_revision_one_wins_the_other_is_told_what_changed(db: TestDb) {
    let store = db.open().await;
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

/// Four writers (separate connection pools, as separate processes have) importing into one
/// database at once: all succeed, each waits for the others' commits; the four that change
/// the same plan are merged one after the other, none lost.
fn concurrent_imports_all_succeed(db: TestDb) {
    let path = db.location.clone();
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
    runtime().block_on(async move {
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

#[test]
fn concurrent_imports_into_one_sqlite_file_all_succeed() {
    concurrent_imports_all_succeed(TestDb::sqlite());
}

#[test]
fn concurrent_imports_into_one_postgres_database_all_succeed() {
    if let Some(db) = runtime().block_on(TestDb::postgres()) {
        concurrent_imports_all_succeed(db);
    }
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

async fn a_json_export_restores_with_its_ids_and_exports_the_same_bytes(db: TestDb) {
    let store = db.open().await;
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
    let fresh = db.another().await.open().await;
    import(&fresh, &d).await.unwrap();
    let (_, again) = fresh.snapshot().await.unwrap();
    let again_export = shinchoku_report::export_json(&again).unwrap();
    assert!(again_export == export, "the second export differs");
    assert_eq!(again[1].plan, plan);
    assert_eq!(again[0].ids, stored[0].ids);
}

async fn an_entity_is_found_by_id_with_its_kind_and_key(db: TestDb) {
    let store = db.open().await;
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

/// Eight writers, each with its own connection pool (as separate processes): four set a
/// field of four different records of one plan, four add a measure to it (a whole-plan edit,
/// retried from a fresh read on a conflict). Every change lands; the plan's revision counts
/// each commit once.
async fn concurrent_writers_through_separate_pools_lose_no_update(db: TestDb) {
    let store = db.open().await;
    let report = import(&store, &doc("a", "a", vec![common::big_plan(4, 1)]))
        .await
        .unwrap();
    let plan = report.plans[0].id;
    let stored = store.load(plan).await.unwrap().unwrap();
    let records: Vec<_> = stored
        .plan
        .records
        .iter()
        .map(|r| stored.ids.record(&RecordKey::of(r)).unwrap().id)
        .collect();
    assert_eq!(records.len(), 4);
    let mut tasks = Vec::new();
    for (i, record) in records.iter().copied().enumerate() {
        let writer = db.open().await;
        tasks.push(tokio::spawn(async move {
            set_record_fields(
                &writer,
                record,
                &[(RecordField::ResultText, format!("writer {i}"))],
                Some(Revision(1)),
                &Actor::command_line(format!("w{i}")),
            )
            .await
            .map(|_| ())
        }));
    }
    for i in 0..4 {
        let writer = db.open().await;
        tasks.push(tokio::spawn(async move {
            let measure = shinchoku_core::Measure {
                key: MeasureKey::new(format!("added{i}")),
                number: None,
                name: format!("追加{i}"),
                description: None,
                audience: None,
                plan_page: None,
                location: common::loc(1),
            };
            shinchoku_commands::add_measure(
                &writer,
                plan,
                measure,
                &[],
                &[],
                &Actor::command_line(format!("m{i}")),
            )
            .await
            .map(|_| ())
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let after = store.load(plan).await.unwrap().unwrap();
    for (i, record) in records.iter().enumerate() {
        let e = store.entity(*record).await.unwrap().unwrap();
        assert_eq!(e.body["result_text"], format!("writer {i}"));
        assert_eq!(e.meta.revision, Revision(2));
    }
    let mut added: Vec<&str> = after
        .plan
        .measures
        .iter()
        .map(|m| m.key.as_str())
        .filter(|k| k.starts_with("added"))
        .collect();
    added.sort_unstable();
    assert_eq!(added, ["added0", "added1", "added2", "added3"]);
    assert_eq!(after.revision, Revision(9), "one revision per commit");
    let changes = store.changes_since(0).await.unwrap();
    assert_eq!(changes.seq, 9);
}

/// The five reference reports (`samples/`, the same bytes as `shared/seeds/`), imported twice:
/// the second time writes nothing at all (every table, the id sequences included).
async fn reimporting_the_five_seeds_changes_nothing(db: TestDb) {
    let store = db.open().await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut docs = Vec::new();
    for name in [
        "000_93a6ad023fb5add3.txt",
        "001_fcd6886f924c1359.txt",
        "002_eba47c23c940212d.txt",
        "003_a91a11d8f2677ccb.txt",
        "004_052cf2803b6d324c.txt",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        docs.push(ImportedDocument::read(name, &bytes).unwrap());
    }
    for d in &docs {
        import(&store, d).await.unwrap();
    }
    assert_eq!(store.plans().await.unwrap().len(), 7);
    let dump = store.dump().await.unwrap();
    let seq = store.changes_since(0).await.unwrap().seq;
    for d in &docs {
        let again = import(&store, d).await.unwrap();
        assert!(!again.document_recorded);
        assert!(
            again
                .plans
                .iter()
                .all(|p| p.outcome == ImportOutcome::Unchanged)
        );
    }
    assert!(
        store.dump().await.unwrap() == dump,
        "a re-import wrote something"
    );
    assert_eq!(store.changes_since(seq).await.unwrap().plans, vec![]);
}

/// A new PostgreSQL database is created at the current schema; a newer schema is refused; a
/// database that does not exist is missing, not created.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_postgres_database_is_at_the_current_schema() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.open().await;
    assert_eq!(store.schema_version().await.unwrap(), SCHEMA_VERSION);
    let report = store.migrate().await.unwrap();
    assert_eq!((report.from, report.to), (SCHEMA_VERSION, SCHEMA_VERSION));
    assert!(store.describe().starts_with("postgres"));
    drop(store);
    let url = db.location.clone();
    tokio::task::spawn_blocking(move || {
        let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
        // The tables of SQLite's schema (`sqlite_sequence` is `id_sequence` here), and the
        // version's own.
        let tables: Vec<String> = client
            .query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()
                 ORDER BY tablename",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(
            tables,
            [
                "account",
                "api_token",
                "change",
                "diagnostic",
                "entity",
                "event",
                "id_sequence",
                "import_plans",
                "imports",
                "login_failure",
                "notice",
                "plans",
                "session",
                "setting",
                "shinchoku_schema"
            ]
        );
        client
            .execute(
                "UPDATE shinchoku_schema SET version = $1",
                &[&(SCHEMA_VERSION + 1)],
            )
            .unwrap();
    })
    .await
    .unwrap();
    assert!(matches!(
        Store::open(&db.location).await,
        Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION
        }) if found == SCHEMA_VERSION + 1
    ));
    let missing = shinchoku_store::testing::with_database(&db.location, "no_such_database");
    assert!(matches!(
        Store::open_existing(&missing).await,
        Err(StoreError::Missing(m)) if m == missing
    ));
}

/// PostgreSQL's text cannot hold U+0000 (SQLite's can): a key with one is refused with a
/// typed error and nothing is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_character_is_refused_on_postgres_and_nothing_written() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let store = db.open().await;
    import(&store, &doc("a", "a", vec![common::other_plan()]))
        .await
        .unwrap();
    let dump = store.dump().await.unwrap();
    let mut plan = common::big_plan(2, 1);
    plan.measures[0].key = MeasureKey::new("0\u{0}x");
    plan.assignments[0].measure = MeasureKey::new("0\u{0}x");
    plan.records[0].measure = MeasureKey::new("0\u{0}x");
    let err = import(&store, &doc("b", "b", vec![plan]))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            CommandError::Store(StoreError::Unstorable { what: "text", message })
                if message.starts_with("PostgreSQL cannot store the character U+0000")
        ),
        "{err:?}"
    );
    assert_eq!(store.dump().await.unwrap(), dump);
}

/// Everything a store holds, through its API, for comparing two stores.
async fn contents(store: &Store) -> (String, String) {
    let (seq, stored) = store.snapshot().await.unwrap();
    let export = shinchoku_report::export_json(&stored).unwrap();
    let rest = format!(
        "{seq}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        store.plans().await.unwrap(),
        stored
            .iter()
            .map(|s| {
                let mut ids: Vec<_> = s.ids.iter().map(|(e, m)| (e.clone(), *m)).collect();
                ids.sort_by_key(|(_, m)| m.id);
                (s.id, s.revision, s.updated_at_ms, ids)
            })
            .collect::<Vec<_>>(),
        store.history(HistoryFilter::default()).await.unwrap(),
        store.imports().await.unwrap(),
        store.diagnostics(None).await.unwrap(),
        store.changes_since(0).await.unwrap(),
    );
    let accounts = store.accounts().await.unwrap();
    let mut tokens = Vec::new();
    for a in &accounts {
        tokens.extend(store.api_tokens(a.id).await.unwrap());
    }
    // (An account's Debug shows its password hash too.)
    let rest = format!(
        "{rest}\n{accounts:?}\n{tokens:?}\n{:?}",
        store.setting("smtp").await.unwrap(),
    );
    (export, rest)
}

/// A store with two imports, a record changed by hand and a deleted plan (ids given out that
/// no row holds any more).
async fn populated(store: &Store) {
    let first = import(
        store,
        &doc(
            "a.csv",
            "aaaa",
            vec![common::full_plan(), common::big_plan(2, 1)],
        ),
    )
    .await
    .unwrap();
    let stored = store.load(first.plans[0].id).await.unwrap().unwrap();
    let record = stored
        .ids
        .record(&RecordKey::of(&stored.plan.records[0]))
        .unwrap()
        .id;
    set_record_fields(
        store,
        record,
        &[(RecordField::ResultText, "手で直した".into())],
        Some(Revision(1)),
        &actor(),
    )
    .await
    .unwrap();
    import(store, &doc("b.csv", "bbbb", vec![common::other_plan()]))
        .await
        .unwrap();
    assert!(
        store
            .delete_plan(first.plans[1].id, "test", 7)
            .await
            .unwrap()
    );
    // Accounts (one disabled), API tokens (one revoked), a notice sent, a setting; a session
    // and a login failure, which a copy leaves out.
    let editor = store
        .create_account(account("hanako", Role::Editor))
        .await
        .unwrap();
    let admin = store
        .create_account(account("jimukyoku", Role::Admin))
        .await
        .unwrap();
    let mut disabled = store
        .create_account(account("taro", Role::Reviewer))
        .await
        .unwrap();
    disabled.disabled = true;
    store.update_account(disabled).await.unwrap();
    let t1 = store
        .create_api_token(admin.id, "基幹システム", "th1", 8)
        .await
        .unwrap();
    store
        .create_api_token(admin.id, "旧システム", "th2", 9)
        .await
        .unwrap();
    assert!(store.revoke_api_token(admin.id, t1.id, 10).await.unwrap());
    assert!(
        store
            .claim_notice("due:1", "hanako@example.jp", 11)
            .await
            .unwrap()
    );
    store.set_setting("smtp", "{\"host\":\"a\"}").await.unwrap();
    store
        .create_session(SessionRow {
            token_hash: "s1".into(),
            account: editor.id,
            csrf: "c1".into(),
            created_at_ms: 12,
            expires_at_ms: i64::MAX,
        })
        .await
        .unwrap();
    store.note_login_failure("taro", 13, 0).await.unwrap();
}

fn account(login: &str, role: Role) -> NewAccount {
    NewAccount {
        login: login.into(),
        display_name: format!("{login} さん"),
        email: Some(format!("{login}@example.jp")),
        role,
        scope: "清瀬市".into(),
        divisions: vec!["企画課".into()],
        password_hash: "$argon2id$x".into(),
        created_at_ms: 1,
    }
}

/// `copy_to` an empty database of this test's engine and on into a SQLite file: every row the
/// API shows is the same in all three, and the next ids given out are the same too (the id
/// sequences were copied, so the deleted plan's ids are not given out again).
async fn a_copy_keeps_every_row_and_id_and_refuses_a_database_that_is_not_empty(db: TestDb) {
    let source = TestDb::sqlite();
    let original = source.open().await;
    populated(&original).await;
    let before = contents(&original).await;
    let middle = db.open().await;
    let report = original.copy_to(&middle).await.unwrap();
    assert_eq!(
        report,
        CopyReport {
            plans: 2,
            entities: 19,
            changes: 5,
            events: 30,
            imports: 2,
            diagnostics: 4,
            accounts: 3,
            api_tokens: 2,
            notices: 1,
            settings: 1,
        }
    );
    let last = TestDb::sqlite();
    let back = last.open().await;
    assert_eq!(middle.copy_to(&back).await.unwrap(), report);
    assert!(contents(&middle).await == before, "the copy differs");
    assert!(
        contents(&back).await == before,
        "the copy of the copy differs"
    );

    // The next import gives the same ids everywhere, above every id given out before.
    let next = doc("c.csv", "cccc", vec![common::big_plan(3, 1)]);
    let mut ids = Vec::new();
    for store in [&original, &middle, &back] {
        let r = import(store, &next).await.unwrap();
        let s = store.load(r.plans[0].id).await.unwrap().unwrap();
        ids.push((
            r.plans[0].id,
            r.import_id,
            s.ids.iter().map(|(_, m)| m.id).min(),
        ));
    }
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[0], ids[2]);
    assert_eq!(ids[0].0, PlanId(4), "plan 3 was deleted before the copy");

    // Sessions and login failures are not copied (everyone signs in again); a notice sent is
    // (never sent twice); the next account and token ids are the same everywhere.
    assert!(original.session("s1", 20).await.unwrap().is_some());
    assert_eq!(original.login_failures("taro", 0).await.unwrap(), 1);
    let mut next = Vec::new();
    for store in [&middle, &back] {
        assert!(store.session("s1", 20).await.unwrap().is_none());
        assert_eq!(store.login_failures("taro", 0).await.unwrap(), 0);
        assert!(
            !store
                .claim_notice("due:1", "hanako@example.jp", 21)
                .await
                .unwrap()
        );
    }
    for store in [&original, &middle, &back] {
        let a = store
            .create_account(account("jiro", Role::Editor))
            .await
            .unwrap();
        let t = store.create_api_token(a.id, "x", "th3", 22).await.unwrap();
        next.push((a.id, t.id));
    }
    assert_eq!(next[0], next[1]);
    assert_eq!(next[0], next[2]);
    assert_eq!((next[0].0.0, next[0].1), (4, 3));

    // Into a database that holds anything: refused, nothing written.
    let dump = middle.dump().await.unwrap();
    assert!(matches!(
        original.copy_to(&middle).await,
        Err(StoreError::NotEmpty)
    ));
    assert_eq!(middle.dump().await.unwrap(), dump);
}

/// A plan reads back as it was written; importing it again from another document changes
/// nothing but the record of that document.
async fn round_trip_and_reimport(store: Store, plan: Plan) {
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
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_plans_round_trip_and_reimport_changes_nothing(plan in arbitrary::plan()) {
        runtime().block_on(async {
            round_trip_and_reimport(Store::in_memory().await.unwrap(), plan).await;
        });
    }
}

proptest! {
    // A database per case: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn arbitrary_plans_round_trip_and_reimport_changes_nothing_on_postgres(
        plan in arbitrary::plan()
    ) {
        runtime().block_on(async {
            if let Some(db) = TestDb::postgres().await {
                round_trip_and_reimport(db.open().await, plan).await;
            }
        });
    }
}
