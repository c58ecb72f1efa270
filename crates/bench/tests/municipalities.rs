//! Every municipality of a synthetic corpus is read as its own: one plan per report (three for
//! the 評価報告書 layout), named after that municipality, none merged into another's.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use shinchoku_bench::{generate_named, municipality_name};
use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_store::Store;
use std::collections::BTreeSet;

/// Real names whose suffix characters (市区町村) stand inside or at the start of the name.
const TRICKY: &[&str] = &[
    "市川市",
    "市原市",
    "四日市市",
    "廿日市市",
    "野々市市",
    "大町市",
    "町田市",
    "村山市",
    "東村山市",
    "武蔵村山市",
    "羽村市",
    "十日町市",
    "八丈町",
    "大潟村",
];

#[tokio::test]
async fn every_synthetic_municipality_is_a_plan_of_its_own() {
    // The tricky names, the synthetic names ending in 村 (「青村市」 … 「野村市」 with 大村市 and
    // 田村市, numbers 960–991 of the full corpus) and the first synthetic names: 160 reports.
    let mut names: Vec<String> = TRICKY.iter().map(|n| (*n).to_owned()).collect();
    names.extend((960..992).map(|i| format!("{}市", municipality_name(i))));
    names.extend(
        (0..)
            .map(|i| format!("{}市", municipality_name(i)))
            .take(160 - names.len()),
    );
    assert_eq!(names.len(), 160);
    assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), 160);

    let corpus = generate_named(names.clone(), 2024);
    assert_eq!(corpus.len(), 160);
    let store = Store::in_memory().await.unwrap();
    let actor = Actor::command_line("test");
    let mut expected = 0;
    let mut wrong = Vec::new();
    for report in &corpus {
        let doc = ImportedDocument::read(&report.file_name, report.text.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", report.file_name));
        let plans = if report.file_name.contains("_004_") {
            3
        } else {
            1
        };
        expected += plans;
        if doc.plans.len() != plans {
            wrong.push(format!("{}: {} plans", report.file_name, doc.plans.len()));
        }
        for plan in &doc.plans {
            if plan.municipality.name != report.municipality
                || !plan.title.starts_with(&report.municipality)
            {
                wrong.push(format!(
                    "{}: read as 「{}」 / 「{}」",
                    report.file_name, plan.municipality.name, plan.title
                ));
            }
        }
        import_document(&store, &doc, &actor).await.unwrap();
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // 32 reports of the 評価報告書 layout (three plans each) and 128 of the others.
    assert_eq!(expected, 32 * 3 + 128);
    let stored = store.plans().await.unwrap();
    assert_eq!(stored.len(), expected);
    let municipalities: BTreeSet<String> = store
        .snapshot()
        .await
        .unwrap()
        .1
        .into_iter()
        .map(|s| s.plan.municipality.name)
        .collect();
    assert_eq!(municipalities, names.into_iter().collect());
}
