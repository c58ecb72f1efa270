#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Importing a spreadsheet through a mapping profile: one transaction, the exact values
//! stored, the same file again changes nothing, a changed profile merges again, and the JSON
//! export of a 事務事業評価 reads back into the same bytes.

#[path = "../../ingest/tests/support/mapping_docs.rs"]
mod docs;

use docs::{WIDE_PROFILE, Wide, wide_workbook};
use shinchoku_commands::{Actor, ImportOutcome, ImportedDocument, import_document};
use shinchoku_core::{Amount, FiscalYear, FundingSource, IndicatorKind, Value};
use shinchoku_ingest::ReadOptions;
use shinchoku_ingest::mapping::Profile;
use shinchoku_store::Store;

fn workbook() -> Vec<u8> {
    wide_workbook(&Wide {
        rows: 60,
        years: vec![2023, 2024],
        filler: 0,
    })
}

#[tokio::test]
async fn a_mapped_workbook_is_stored_once_and_a_changed_profile_merges_again() {
    let store = Store::in_memory().await.unwrap();
    let actor = Actor::command_line("import");
    let bytes = workbook();
    let profile = Profile::from_toml(WIDE_PROFILE).unwrap();
    let doc =
        ImportedDocument::read_mapped("hyoka.xlsx", &bytes, &profile, &ReadOptions::default())
            .unwrap();
    assert_eq!(doc.layout, profile.layout_name());
    assert!(doc.layout.starts_with("mapping:"));

    let first = import_document(&store, &doc, &actor).await.unwrap();
    assert_eq!(first.plans.len(), 1);
    assert_eq!(first.plans[0].outcome, ImportOutcome::Created);
    assert_eq!(first.plans[0].key, "架空市/架空市事務事業評価");
    let stored = store.load(first.plans[0].id).await.unwrap().unwrap();
    let plan = &stored.plan;
    assert_eq!(plan.measures.len(), 60);
    assert_eq!(plan.records.len(), 120);
    let r = plan
        .records
        .iter()
        .find(|r| r.measure.as_str() == "J0005" && r.fiscal_year == FiscalYear(2024))
        .unwrap();
    let b = r.cost_breakdown.as_ref().unwrap();
    // 1000 + 5 * 10 + 24 = 1074 thousand yen.
    assert_eq!(
        b.project_cost,
        Some(Amount {
            yen: 1_074_000,
            original: "1074".into()
        })
    );
    assert_eq!(
        b.funding_of(FundingSource::National).map(|a| a.yen),
        Some(268_000)
    );
    assert_eq!(b.full_cost.as_ref().map(|a| a.yen), Some(1_879_000));
    assert_eq!(b.staff.as_ref().map(|q| q.value), Some(2.5));
    let ind = plan
        .indicators
        .iter()
        .find(|i| i.key.as_str() == "J0005/成果指標1")
        .unwrap();
    assert_eq!(ind.kind, Some(IndicatorKind::Outcome));
    assert_eq!(
        ind.actual(FiscalYear(2024)).map(|o| o.value.clone()),
        Some(Value::Number(45.0))
    );
    let extra = &plan
        .records
        .iter()
        .find(|r| r.measure.as_str() == "J0005" && r.fiscal_year == FiscalYear(2024))
        .unwrap()
        .extra;
    assert_eq!(extra.len(), 1);
    assert_eq!(extra[0].text, "自殺対策基本法");

    // The same file through the same profile: nothing changes, nothing is recorded.
    let again = import_document(&store, &doc, &actor).await.unwrap();
    assert_eq!(again.plans[0].outcome, ImportOutcome::Unchanged);
    assert!(!again.document_recorded);
    let same = store.load(first.plans[0].id).await.unwrap().unwrap();
    assert_eq!(same.plan, stored.plan);

    // A profile that leaves 根拠法令 out merges again and drops the extra fields.
    let mut ignoring = profile.clone();
    ignoring.ignore = vec!["根拠法令".into()];
    let doc2 =
        ImportedDocument::read_mapped("hyoka.xlsx", &bytes, &ignoring, &ReadOptions::default())
            .unwrap();
    assert_ne!(doc2.layout, doc.layout);
    assert!(doc2.diagnostics.is_empty(), "{:?}", doc2.diagnostics);
    let third = import_document(&store, &doc2, &actor).await.unwrap();
    assert_eq!(third.plans[0].outcome, ImportOutcome::Updated);
    let after = store.load(first.plans[0].id).await.unwrap().unwrap();
    assert!(after.plan.records.iter().all(|r| r.extra.is_empty()));
    // Ids stay.
    for r in &stored.plan.records {
        let key = shinchoku_core::RecordKey::of(r);
        assert_eq!(
            after.ids.record(&key).map(|m| m.id),
            stored.ids.record(&key).map(|m| m.id)
        );
    }
    for m in &stored.plan.measures {
        assert_eq!(
            after.ids.measure(&m.key).map(|m| m.id),
            stored.ids.measure(&m.key).map(|m| m.id)
        );
    }
}

#[tokio::test]
async fn the_json_export_of_an_evaluation_sheet_reads_back_into_the_same_bytes() {
    let store = Store::in_memory().await.unwrap();
    let actor = Actor::command_line("import");
    let profile = Profile::from_toml(WIDE_PROFILE).unwrap();
    let doc =
        ImportedDocument::read_mapped("hyoka.xlsx", &workbook(), &profile, &ReadOptions::default())
            .unwrap();
    import_document(&store, &doc, &actor).await.unwrap();
    let (_, plans) = store.snapshot().await.unwrap();
    let json = shinchoku_report::export_json(&plans).unwrap();
    assert!(json.contains("\"cost_breakdown\""));
    assert!(json.contains("\"kind\": \"outcome\""));

    let fresh = Store::in_memory().await.unwrap();
    let back = ImportedDocument::read("export.json", json.as_bytes()).unwrap();
    import_document(&fresh, &back, &actor).await.unwrap();
    let (_, again) = fresh.snapshot().await.unwrap();
    assert_eq!(shinchoku_report::export_json(&again).unwrap(), json);
}
