#![allow(clippy::unwrap_used, clippy::expect_used)]

//! `shinchoku import` options: the municipality and fiscal year a person states, the size
//! limit, and files that are not documents at all.

mod common;

use common::{ok, sample, shinchoku};
use serde_json::Value;

fn plans(db: &std::path::Path) -> Vec<Value> {
    let out = ok(shinchoku(&[
        "summary",
        "--db",
        &db.display().to_string(),
        "--format",
        "json",
    ]));
    let v: Value = serde_json::from_str(&out).unwrap();
    v["plans"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_stated_municipality_replaces_the_one_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        "--municipality",
        "手稲市",
        &sample("002_eba47c23c940212d.txt").display().to_string(),
    ]);
    ok(out);
    let plans = plans(&db);
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["municipality"], "手稲市");
}

#[test]
fn oversized_and_special_files_are_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        "--max-bytes",
        "1000",
        &sample("002_eba47c23c940212d.txt").display().to_string(),
        "/dev/zero",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("002_eba47c23c940212d.txt"), "{err}");
    assert!(err.contains("1000"), "the limit is named: {err}");
    assert!(err.contains("/dev/zero"), "{err}");
    assert!(err.contains("character device"), "{err}");
    assert!(err.contains("directory"), "{err}");
    assert!(plans(&db).is_empty());
}

#[test]
fn a_fiscal_year_must_be_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let out = shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        "--fiscal-year=-500000",
        &sample("002_eba47c23c940212d.txt").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a plausible fiscal year"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        "--fiscal-year",
        "令和元年度",
        &sample("002_eba47c23c940212d.txt").display().to_string(),
    ]);
    ok(out);
    let plans = plans(&db);
    assert_eq!(plans[0]["fiscal_years"], serde_json::json!([2019]));
}
