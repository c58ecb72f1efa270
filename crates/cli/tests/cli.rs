#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The `shinchoku` binary on the five reference reports: import, summary, check, export.
//!
//! Expected values were counted by reading the documents in `samples/` (line numbers in the
//! comments refer to them), not copied from the program's output.

use serde_json::{Value, json};
mod common;

use common::{ok, sample, shinchoku};
use std::path::{Path, PathBuf};
use std::process::Output;

const SAMPLES: [&str; 5] = [
    "000_93a6ad023fb5add3.txt",
    "001_fcd6886f924c1359.txt",
    "002_eba47c23c940212d.txt",
    "003_a91a11d8f2677ccb.txt",
    "004_052cf2803b6d324c.txt",
];

fn import_all(db: &Path) -> Output {
    let mut args = vec![
        "import".to_owned(),
        "--db".to_owned(),
        db.display().to_string(),
    ];
    args.extend(SAMPLES.iter().map(|s| sample(s).display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    shinchoku(&args)
}

/// Every row of every table of a database, as text.
fn dump_db(db: &Path) -> String {
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            shinchoku_store::Store::open(db)
                .await
                .expect("open")
                .dump()
                .await
                .expect("dump")
        })
}

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("t.db")
}

fn summary(db: &Path) -> Value {
    let out = ok(shinchoku(&[
        "summary",
        "--db",
        &db.display().to_string(),
        "--format",
        "json",
    ]));
    serde_json::from_str(&out).expect("summary JSON")
}

fn plan<'a>(summary: &'a Value, title: &str) -> &'a Value {
    summary["plans"]
        .as_array()
        .and_then(|plans| plans.iter().find(|p| p["title"] == title))
        .unwrap_or_else(|| panic!("no plan {title} in {summary}"))
}

#[test]
fn import_reports_every_file_without_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    let output = import_all(&db);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = ok(output);
    assert_eq!(stdout.lines().count(), 5, "{stdout}");
    for line in stdout.lines() {
        assert!(line.contains("エラー0"), "{line}");
        assert!(line.contains("新規"), "{line}");
    }
    // Diagnostics go to stderr, each with file:line; none is an error.
    assert!(!stderr.contains(": error:"), "{stderr}");
    for line in stderr.lines() {
        assert!(
            SAMPLES.iter().any(|s| line.starts_with(&format!("{s}:"))),
            "diagnostic without location: {line}"
        );
    }
}

#[test]
fn summary_matches_the_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    ok(import_all(&db));
    let s = summary(&db);
    assert_eq!(s["plans"].as_array().map(Vec::len), Some(7));

    // 000: 136 numbered programs, 13 continuation rows → 149 records for 令和4年度; 方向性
    // 継続 139, 拡充 6 (No.64, 103, 113, 114, 121, 129), 縮小 1 (No.94), 3 rows report none;
    // costs with the shared 40,000円 (No.71–73) counted once and No.78's duplicate of No.75
    // not at all.
    let p = plan(&s, "川口市自殺対策推進計画");
    assert_eq!(p["municipality"], "川口市");
    assert_eq!(p["fiscal_years"], json!([2022]));
    assert_eq!(p["groups"], 0);
    assert_eq!(p["measures"], 136);
    assert_eq!(p["listings"], 0);
    assert_eq!(p["assignments"], 153);
    assert_eq!(p["records_by_year"], json!({"2022": 149}));
    assert_eq!(p["status_counts"], json!({}));
    assert_eq!(
        p["direction_counts"],
        json!({"継続": 139, "拡充": 6, "縮小": 1})
    );
    assert_eq!(p["indicators"], 0);
    assert_eq!(p["cost_total_by_year"], json!({"2022": 2_235_269_650_i64}));

    // 001: 基本施策1–5 with 8, 8, 16, 53, 5 measures; 令和2年度 results of 86 measures (one
    // split per division), 令和3年度 results of 90 (four split), 令和4年度以降 plans; status
    // ア 実施済 except エ 未実施 at lines 478 and 1176.
    let p = plan(&s, "熊谷市自殺対策計画");
    assert_eq!(p["fiscal_years"], json!([2020, 2021, 2022]));
    assert_eq!(p["groups"], 5);
    assert_eq!(p["measures"], 90);
    assert_eq!(p["listings"], 90);
    assert_eq!(p["assignments"], 97);
    assert_eq!(
        p["records_by_year"],
        json!({"2020": 87, "2021": 91, "2022": 92})
    );
    assert_eq!(p["status_counts"], json!({"実施済": 89, "未実施": 2}));
    assert_eq!(p["direction_counts"], json!({}));
    assert_eq!(p["cost_total_by_year"], json!({}));

    // 002: 基本施策①–⑤ and 重点施策①–③, 21 rows of which line 53 relists line 22.
    let p = plan(&s, "小樽市自殺対策計画");
    assert_eq!(p["fiscal_years"], json!([2019]));
    assert_eq!(p["groups"], 8);
    assert_eq!(p["measures"], 20);
    assert_eq!(p["listings"], 21);
    assert_eq!(p["assignments"], 20);
    assert_eq!(p["records_by_year"], json!({"2019": 20}));

    // 003: 8 基本施策/重点施策 + 25 施策; 103 data rows listing 93 distinct measures, each with
    // a 令和5年度 plan or result (crates/ingest/tests/data/kiyose_truth.txt). Line 21's first
    // texts stand after three empty cells and are read as 令和2年度 (a careful reader could also
    // take them as 令和元年度: kiyose_truth.rs lists the row as KNOWN), so 令和元年度 has 92.
    let p = plan(&s, "清瀬市自殺対策計画");
    assert_eq!(p["fiscal_years"], json!([2019, 2020, 2021, 2022, 2023]));
    assert_eq!(p["groups"], 33);
    assert_eq!(p["measures"], 93);
    assert_eq!(p["listings"], 103);
    assert_eq!(
        p["records_by_year"],
        json!({"2019": 92, "2020": 93, "2021": 93, "2022": 93, "2023": 93})
    );

    // 004: 基本目標1–5 with 4, 4, 6, 3, 6 施策; 26 成果指標 + 21 評価指標, graded S 2, A 16,
    // B 17, C 10, D 2; every 基本目標 rated B.
    let p = plan(&s, "川口市地域共生社会推進計画");
    assert_eq!(p["fiscal_years"], json!([2024, 2025, 2026]));
    assert_eq!(p["groups"], 28);
    assert_eq!(p["measures"], 0);
    assert_eq!(p["indicators"], 47);
    assert_eq!(
        p["grade_counts"],
        json!({"S": 2, "A": 16, "B": 17, "C": 10, "D": 2})
    );
    assert_eq!(p["rating_counts"], json!({"B": 5}));
    // 成年後見制度利用促進計画: 取組内容1 (4 items) and 2 (2 items), graded B A A A B A.
    let p = plan(&s, "川口市成年後見制度利用促進計画");
    assert_eq!(p["groups"], 2);
    assert_eq!(p["measures"], 6);
    assert_eq!(p["listings"], 6);
    assert_eq!(p["records_by_year"], json!({"2024": 6}));
    assert_eq!(p["grade_counts"], json!({"A": 4, "B": 2}));
    // 再犯防止推進計画: 取組方針①–⑥ graded B C B A A C.
    let p = plan(&s, "川口市再犯防止推進計画");
    assert_eq!(p["measures"], 6);
    assert_eq!(p["records_by_year"], json!({"2024": 6}));
    assert_eq!(p["grade_counts"], json!({"A": 2, "B": 2, "C": 2}));
}

#[test]
fn reimport_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    ok(import_all(&db));
    let before = summary(&db);
    let dump_before = dump_db(&db);
    let again = ok(import_all(&db));
    for line in again.lines() {
        assert!(line.contains("変更なし"), "{line}");
        assert!(!line.contains("新規") && !line.contains("更新"), "{line}");
    }
    let dump_after = dump_db(&db);
    assert_eq!(summary(&db), before);
    assert!(dump_before == dump_after, "database changed on re-import");
}

fn findings(db: &Path) -> Vec<Value> {
    let out = ok(shinchoku(&[
        "check",
        "--db",
        &db.display().to_string(),
        "--format",
        "json",
    ]));
    let v: Value = serde_json::from_str(&out).expect("check JSON");
    v["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn check_finds_what_a_careful_reader_finds_in_the_2024_kawaguchi_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    let path = sample("004_052cf2803b6d324c.txt");
    ok(shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        &path.display().to_string(),
    ]));
    let all = findings(&db);
    let of = |kind: &str| -> Vec<(String, String, String)> {
        all.iter()
            .filter(|f| f["kind"] == kind)
            .map(|f| {
                (
                    f["location"]["line"].to_string(),
                    f["expected"].as_str().unwrap_or("").to_owned(),
                    f["reported"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let t = |line: u32, e: &str, r: &str| (line.to_string(), e.to_owned(), r.to_owned());
    // Recomputed with the report's own rule (S >120 %, A ≥100 %, B ≥80 %, C ≥50 %, D below)
    // from the indicator tables: 41/34 = 120.6 % is S not A; 施設サービス受給率 12.9 against 13
    // (lower is better: the targets fall 13 → 12 → 11) is A not B; 81/329 = 24.6 % is D;
    // 85/96 = 88.5 % is B; 居場所設置数 1/1 is A (the table) though graded D; 68/733, 42/439
    // are D; 64/100 and 99/145 are C; 9.6/20 = 48 % is D.
    assert_eq!(
        of("grade-mismatch"),
        vec![
            t(164, "S", "A"),
            t(230, "A", "B"),
            t(331, "D", "C"),
            t(335, "B", "A"),
            t(562, "A", "D"),
            t(619, "D", "C"),
            t(624, "D", "C"),
            t(650, "C", "B"),
            t(655, "C", "B"),
            t(690, "D", "C"),
        ]
    );
    // The same actual stated twice with different values: 11.1 % (table, line 208) vs 11.4 %
    // (block, line 226); 1か所 (line 548) vs 0か所 (line 562).
    assert_eq!(
        of("conflicting-statements"),
        vec![t(226, "11.1", "11.4"), t(562, "1", "0")]
    );
    // Grades that cannot be recomputed: no target (survey, line 160), a target of 0 for a
    // lower-is-better count (待機児童数, line 369) and six qualitative targets.
    let not_computable: Vec<String> = of("grade-not-computable")
        .into_iter()
        .map(|(line, _, _)| line)
        .collect();
    assert_eq!(
        not_computable,
        ["160", "369", "373", "377", "381", "385", "470", "552"]
    );
    // The report's own dates: the cover says 令和 7 年 3 月 (line 7), yet it reports the
    // actuals of 令和6年度 up to 令和7年3月31日 (報告対象期間, line 22) and the colophon's
    // 発行日 is 令和 7 年 11 月 (line 921).
    assert_eq!(
        of("date-mismatch"),
        vec![
            t(22, "令和7年3月31日より後", "令和7年3月"),
            t(921, "令和7年3月", "令和7年11月"),
        ]
    );
    // Nothing else.
    assert_eq!(all.len(), 10 + 2 + 8 + 2, "{all:#?}");
}

#[test]
fn export_json_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    ok(import_all(&db));
    let first = dir.path().join("first.json");
    ok(shinchoku(&[
        "export",
        "--db",
        &db.display().to_string(),
        "--format",
        "json",
        "--out",
        &first.display().to_string(),
    ]));
    let db2 = dir.path().join("second.db");
    ok(shinchoku(&[
        "import",
        "--db",
        &db2.display().to_string(),
        &first.display().to_string(),
    ]));
    let second = ok(shinchoku(&[
        "export",
        "--db",
        &db2.display().to_string(),
        "--format",
        "json",
    ]));
    let first = std::fs::read_to_string(&first).expect("read export");
    assert!(first == second, "JSON export differs after a round trip");
    assert_eq!(summary(&db), summary(&db2));
}

#[test]
fn export_csv_and_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    ok(import_all(&db));
    let out = shinchoku(&[
        "export",
        "--db",
        &db.display().to_string(),
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    let csv = out.stdout;
    assert!(csv.starts_with(
        b"\xEF\xBB\xBFplan_id,measure_id,record_id,division_id,municipality,plan_title,"
    ));
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    // One row per record (149 + 270 + 20 + 463 + 12), plus one per measure without records
    // (none in these documents): every record of every plan.
    let s = summary(&db);
    let records: u64 = s["plans"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["records_by_year"].as_object().into_iter().flatten())
        .filter_map(|(_, n)| n.as_u64())
        .sum();
    assert_eq!(rows.len() as u64, records);
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    // 「階層別研修」 (000, No.1, line 8).
    let first = rows
        .iter()
        .find(|r| r.get(column("measure_name")) == Some("階層別研修"))
        .expect("階層別研修 row");
    // Every row names its plan, measure and record by id.
    for r in &rows {
        for c in ["plan_id", "measure_id", "record_id"] {
            assert!(
                r.get(column(c)).is_some_and(|v| v.parse::<i64>().is_ok()),
                "{c} of {r:?}"
            );
        }
    }
    assert_eq!(first.get(column("division")), Some("職員課"));
    assert_eq!(first.get(column("fiscal_year")), Some("2022"));
    assert_eq!(first.get(column("cost_yen")), Some("0"));
    assert_eq!(
        first.get(column("cost_original")),
        Some("0円 (内部講師のため)")
    );
    assert_eq!(first.get(column("direction")), Some("継続"));
    // No.72 (line 139): its cell states the total shared with No.71 and No.73.
    let shared = rows
        .iter()
        .find(|r| r.get(column("source")) == Some("000_93a6ad023fb5add3.txt:139"))
        .expect("row of line 139");
    assert_eq!(
        shared.get(column("cost_original")),
        Some("40,000円 (No.71、72、73の総額)")
    );

    let xlsx = dir.path().join("out.xlsx");
    ok(shinchoku(&[
        "export",
        "--db",
        &db.display().to_string(),
        "--format",
        "xlsx",
        "--out",
        &xlsx.display().to_string(),
    ]));
    let bytes = std::fs::read(&xlsx).expect("xlsx");
    assert!(bytes.starts_with(b"PK"), "not a zip container");
}

#[test]
fn unreadable_files_fail_but_the_others_are_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "これは報告書ではありません\n").expect("write");
    let missing = dir.path().join("missing.txt");
    let otaru = sample("002_eba47c23c940212d.txt");
    let out = shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        &junk.display().to_string(),
        &missing.display().to_string(),
        &otaru.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("junk.txt: not a known report layout"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let s = summary(&db);
    assert_eq!(s["plans"].as_array().map(Vec::len), Some(1));
}

#[test]
fn commands_on_a_missing_database_fail_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("none.db");
    let out = shinchoku(&["summary", "--db", &db.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    assert!(!db.exists());
}

#[test]
fn a_failing_import_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_in(&dir);
    ok(import_all(&db));
    // An export whose second plan lists a measure it does not define: the first plan of the
    // document is valid and would be written, the second fails, so nothing may be written.
    let export = ok(shinchoku(&[
        "export",
        "--db",
        &db.display().to_string(),
        "--format",
        "json",
    ]));
    let mut value: Value = serde_json::from_str(&export).expect("json");
    let plans = value["plans"].as_array_mut().expect("plans");
    plans.truncate(2);
    plans[0]["title"] = json!("新しい計画");
    plans[1]["title"] = json!("壊れた計画");
    plans[1]["listings"] = json!([{
        "measure": "存在しない事業",
        "group": "基本施策1",
        "relisted": false,
        "location": {"file": "x", "line": 1}
    }]);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_string(&value).expect("json")).expect("write");
    let dump = || dump_db(&db);
    let before = dump();
    let out = shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        &broken.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("存在しない事業"));
    assert!(before == dump(), "a failed import changed the database");
}

#[test]
fn package_show_propose_set_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    ok(import_all(&db));
    let db = db.display().to_string();
    let plan = "清瀬市/清瀬市自殺対策計画";
    let shown = ok(shinchoku(&["package", "show", "--db", &db, plan]));
    assert!(
        shown.contains("地域自殺対策政策パッケージ (proposal, not stored)"),
        "{shown}"
    );
    assert!(
        shown.contains("重点施策2\t無職者・失業者・生活困窮者への支援\tpriority-needy"),
        "{shown}"
    );
    assert!(
        shown.contains("重点施策4/4-3\tSOSの出し方に関する教育の推進\tpriority-youth 重点施策 子ども・若者\t(inherited)"),
        "{shown}"
    );
    ok(shinchoku(&[
        "package",
        "propose",
        "--db",
        &db,
        plan,
        "--as",
        "事務局",
    ]));
    ok(shinchoku(&[
        "package",
        "set",
        "--db",
        &db,
        plan,
        "重点施策2=priority-unemployed",
        "重点施策4/4-3=basic-5",
        "--as",
        "事務局",
    ]));
    let shown = ok(shinchoku(&["package", "show", "--db", &db, plan]));
    assert!(shown.contains("(confirmed)"), "{shown}");
    assert!(
        shown.contains("重点施策2\t無職者・失業者・生活困窮者への支援\tpriority-unemployed"),
        "{shown}"
    );
    assert!(
        shown.contains("重点施策4/4-3\tSOSの出し方に関する教育の推進\tbasic-5"),
        "{shown}"
    );
    // An area the package does not have: refused, nothing written.
    let bad = shinchoku(&[
        "package",
        "set",
        "--db",
        &db,
        plan,
        "重点施策2=priority-cats",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("priority-cats"));
    // A plan of a kind without a package.
    let other = shinchoku(&[
        "package",
        "show",
        "--db",
        &db,
        "川口市/川口市地域共生社会推進計画",
    ]);
    assert!(!other.status.success());
    ok(shinchoku(&[
        "package",
        "reset",
        "--db",
        &db,
        plan,
        "--as",
        "事務局",
    ]));
    let shown = ok(shinchoku(&["package", "show", "--db", &db, plan]));
    assert!(shown.contains("(stored proposal)"), "{shown}");
}
