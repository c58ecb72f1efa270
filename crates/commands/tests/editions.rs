#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Editions merged by the years they state: a newer edition adds its years and replaces the
//! years it restates; an older edition imported afterwards adds only the years the newer one
//! does not have and never overwrites a newer value — each record it would have overwritten
//! is reported (`older-edition`), in the import's diagnostics and with the document.

use shinchoku_commands::import::OLDER_EDITION;
use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_core::{FiscalYear, Plan, ProgressRecord};
use shinchoku_store::Store;

fn doc(name: &str) -> ImportedDocument {
    let path = format!(
        "{}/../ingest/tests/data/editions/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    ImportedDocument::read(name, &bytes).unwrap()
}

fn record(p: &Plan, year: i32) -> &ProgressRecord {
    p.records
        .iter()
        .find(|r| {
            r.fiscal_year == FiscalYear(year)
                && p.measure(&r.measure)
                    .is_some_and(|m| m.name == "見守りネットワーク会議の開催")
        })
        .unwrap()
}

#[tokio::test]
async fn an_older_edition_after_a_newer_one_adds_its_years_and_overwrites_nothing() {
    let store = Store::in_memory().await.unwrap();
    let actor = Actor::command_line("import");
    let newer = doc("kiyose_r2.txt");
    let older = doc("kiyose_reference_shape.txt");
    assert_eq!(newer.plans[0].key(), older.plans[0].key(), "one plan");

    let first = import_document(&store, &newer, &actor).await.unwrap();
    assert!(first.merge_diagnostics.is_empty());
    let id = first.plans[0].id;
    let before = store.load(id).await.unwrap().unwrap();
    let r2_newer = record(&before.plan, 2020).clone();
    assert_eq!(
        r2_newer.result_text.as_deref(),
        Some("見守りの研修を1回実施した。"),
        "令和2年度 is the first year of the newer table"
    );

    let second = import_document(&store, &older, &actor).await.unwrap();
    let after = store.load(id).await.unwrap().unwrap();
    // 令和元年度, which only the older edition has, is added.
    assert_eq!(
        record(&after.plan, 2019).result_text.as_deref(),
        Some("見守りの研修を1回実施した。")
    );
    // 令和2〜5年度 stay as the newer edition states them.
    for year in 2020..=2023 {
        let stored = record(&after.plan, year);
        let newer = record(&before.plan, year);
        assert_eq!(stored.result_text, newer.result_text, "{year}");
        assert_eq!(stored.location.file, "kiyose_r2.txt", "{year}");
    }
    // Each record not taken is reported, located in the older document.
    let kept: Vec<_> = second
        .merge_diagnostics
        .iter()
        .filter(|d| d.code == OLDER_EDITION)
        .collect();
    assert!(!kept.is_empty());
    assert!(
        kept.iter()
            .all(|d| d.location.file == "kiyose_reference_shape.txt")
    );
    let r2 = kept
        .iter()
        .find(|d| {
            d.message.contains("見守りネットワーク会議の開催") && d.message.contains("令和2年度")
        })
        .unwrap();
    assert_eq!(
        r2.message,
        "見守りネットワーク会議の開催の令和2年度（2020年度）の記録は、より新しい版 kiyose_r2.txt（令和6年度（2024年度）まで）の値を残しました。この文書は令和5年度（2023年度）までの版のため、この記録は取り込んでいません"
    );
    // The diagnostics are recorded with the document.
    let recorded = store
        .diagnostics_of_import(second.import_id.unwrap())
        .await
        .unwrap();
    assert_eq!(
        recorded.iter().filter(|d| d.code == OLDER_EDITION).count(),
        kept.len()
    );

    // Importing the older edition again changes nothing; the newer one again neither.
    let dump = store.dump().await.unwrap();
    import_document(&store, &older, &actor).await.unwrap();
    import_document(&store, &newer, &actor).await.unwrap();
    assert_eq!(store.dump().await.unwrap(), dump);
}

#[tokio::test]
async fn a_newer_edition_after_an_older_one_replaces_the_years_it_restates() {
    let store = Store::in_memory().await.unwrap();
    let actor = Actor::command_line("import");
    let first = import_document(&store, &doc("kiyose_reference_shape.txt"), &actor)
        .await
        .unwrap();
    let id = first.plans[0].id;
    let second = import_document(&store, &doc("kiyose_r2.txt"), &actor)
        .await
        .unwrap();
    assert!(second.merge_diagnostics.is_empty());
    let p = store.load(id).await.unwrap().unwrap().plan;
    assert_eq!(record(&p, 2020).location.file, "kiyose_r2.txt");
    assert_eq!(record(&p, 2019).location.file, "kiyose_reference_shape.txt");
    assert_eq!(
        p.fiscal_years,
        (2019..=2024).map(FiscalYear).collect::<Vec<_>>()
    );
}
