#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The living store through the `shinchoku` binary: record show / set with revisions and
//! conflicts (exit 3), history, migrate, concurrent imports from separate processes, and
//! `kill -9` at any moment of an import or a `record set`.

use serde_json::Value;
mod common;

use common::{ok, sample, shinchoku};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Imports the 小樽市 report (002) and returns the id of its first record, read from the
/// JSON export.
fn otaru_db(dir: &tempfile::TempDir) -> (PathBuf, i64, Value) {
    let db = dir.path().join("t.db");
    ok(shinchoku(&[
        "import",
        "--db",
        &s(&db),
        &s(&sample("002_eba47c23c940212d.txt")),
    ]));
    let export: Value = serde_json::from_str(&ok(shinchoku(&[
        "export",
        "--db",
        &s(&db),
        "--format",
        "json",
    ])))
    .unwrap();
    let record = export["plans"][0]["records"][0].clone();
    let id = record["id"].as_i64().expect("record id in the export");
    (db, id, record)
}

fn show(db: &Path, id: i64) -> Value {
    serde_json::from_str(&ok(shinchoku(&[
        "record",
        "show",
        "--db",
        &s(db),
        &id.to_string(),
        "--format",
        "json",
    ])))
    .unwrap()
}

fn field<'a>(view: &'a Value, name: &str) -> &'a Value {
    view["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["field"] == name))
        .unwrap_or_else(|| panic!("no field {name} in {view}"))
}

#[test]
fn record_show_names_every_field_with_its_provenance_and_revision() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, record) = otaru_db(&dir);
    let view = show(&db, id);
    assert_eq!(view["id"], id);
    assert_eq!(view["revision"], 1);
    assert_eq!(view["plan"], "小樽市/小樽市自殺対策計画");
    assert_eq!(view["fiscal_year"], 2019);
    let result = field(&view, "result_text");
    assert_eq!(result["value"], record["result_text"]);
    assert_eq!(result["provenance"]["type"], "document");
    assert_eq!(result["provenance"]["file"], "002_eba47c23c940212d.txt");
    assert_eq!(result["provenance"]["line"], record["location"]["line"]);
    assert_eq!(result["provenance"]["field"], "result_text");
    let text = ok(shinchoku(&[
        "record",
        "show",
        "--db",
        &s(&db),
        &id.to_string(),
    ]));
    assert!(
        text.starts_with(&format!("進捗記録 {id}（revision 1）\n")),
        "{text}"
    );
    // Not a record, or no such id: exit 2 with a message.
    let out = shinchoku(&["record", "show", "--db", &s(&db), "999999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no record with id 999999"));
}

#[test]
fn two_record_sets_from_one_revision_one_applies_the_other_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, record) = otaru_db(&dir);
    let old = record["result_text"].as_str().unwrap().to_owned();
    let id_s = id.to_string();
    let first = ok(shinchoku(&[
        "record",
        "set",
        "--db",
        &s(&db),
        &id_s,
        "result_text=相談窓口を12回開設した",
        "--expect-revision",
        "1",
        "--as",
        "alice",
    ]));
    assert_eq!(
        first,
        format!("record {id}: result_text changed (revision 2)\n")
    );
    let second = shinchoku(&[
        "record",
        "set",
        "--db",
        &s(&db),
        &id_s,
        "result_text=別の入力",
        "--expect-revision",
        "1",
        "--as",
        "bob",
    ]);
    assert_eq!(second.status.code(), Some(3));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains(&format!(
            "conflict: record {id} is at revision 2, not 1; changed since: result_text"
        )),
        "{err}"
    );
    assert!(err.contains("相談窓口を12回開設した"), "{err}");

    let history: Value = serde_json::from_str(&ok(shinchoku(&[
        "history",
        "--db",
        &s(&db),
        "--record",
        &id_s,
        "--format",
        "json",
    ])))
    .unwrap();
    let events = history["events"].as_array().unwrap();
    let updates: Vec<&Value> = events.iter().filter(|e| e["action"] == "updated").collect();
    assert_eq!(updates.len(), 1, "{events:#?}");
    assert_eq!(updates[0]["field"], "result_text");
    assert_eq!(updates[0]["old"], Value::from(old.clone()));
    assert_eq!(updates[0]["new"], "相談窓口を12回開設した");
    assert_eq!(updates[0]["actor"], "alice");
    assert_eq!(updates[0]["provenance"]["type"], "command_line");
    let view = show(&db, id);
    assert_eq!(view["revision"], 2);
    assert_eq!(
        field(&view, "result_text")["provenance"]["type"],
        "command_line"
    );
    assert_eq!(field(&view, "result_text")["actor"], "alice");

    // The CSV history neutralises formula-like cells.
    ok(shinchoku(&[
        "record",
        "set",
        "--db",
        &s(&db),
        &id_s,
        "evaluation_text==HYPERLINK(\"x\")",
    ]));
    let csv = ok(shinchoku(&[
        "history",
        "--db",
        &s(&db),
        "--record",
        &id_s,
        "--format",
        "csv",
    ]));
    assert!(
        csv.starts_with("\u{feff}seq,at,actor,command,plan_id,"),
        "{csv}"
    );
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    // So does the CSV export, and a text longer than an XLSX cell holds is cut with a note
    // instead of failing the workbook.
    let export = ok(shinchoku(&["export", "--db", &s(&db), "--format", "csv"]));
    assert!(export.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{export}");
    assert!(!export.contains(",=HYPERLINK") && !export.contains(",\"=HYPERLINK"));
    let long = format!("result_text={}", "長".repeat(40_000));
    ok(shinchoku(&["record", "set", "--db", &s(&db), &id_s, &long]));
    let xlsx = dir.path().join("long.xlsx");
    ok(shinchoku(&[
        "export",
        "--db",
        &s(&db),
        "--format",
        "xlsx",
        "--out",
        &s(&xlsx),
    ]));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    // A value the plan's vocabulary does not have is refused with the field's name.
    let bad = shinchoku(&["record", "set", "--db", &s(&db), &id_s, "achievement=120"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("achievement: 0〜100 の整数で入力してください"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn migrate_reports_the_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, _) = otaru_db(&dir);
    let out = ok(shinchoku(&["migrate", "--db", &s(&db)]));
    assert!(out.ends_with(": schema version 5 (up to date)\n"), "{out}");
    let help = ok(shinchoku(&["summary", "--help"]));
    assert!(help.contains("it must exist"), "{help}");
    let help = ok(shinchoku(&["import", "--help"]));
    assert!(help.contains("created when missing"), "{help}");
}

#[test]
fn concurrent_imports_from_separate_processes_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    // Both processes also race to create and migrate the new database.
    let children: Vec<_> = [
        ["000_93a6ad023fb5add3.txt", "001_fcd6886f924c1359.txt"],
        ["003_a91a11d8f2677ccb.txt", "004_052cf2803b6d324c.txt"],
    ]
    .iter()
    .map(|files| {
        Command::new(env!("CARGO_BIN_EXE_shinchoku"))
            .args(["import", "--db", &s(&db)])
            .args(files.iter().map(|f| s(&sample(f))))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    })
    .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let summary: Value = serde_json::from_str(&ok(shinchoku(&[
        "summary",
        "--db",
        &s(&db),
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(summary["plans"].as_array().map(Vec::len), Some(6));
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn plans_and_text(db: &Path, record: i64) -> (usize, Option<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let plans: i64 = conn
        .query_row("SELECT count(*) FROM plans", [], |r| r.get(0))
        .unwrap_or(0);
    let text: Option<String> = conn
        .query_row(
            "SELECT json_extract(body, '$.result_text') FROM entity WHERE id = ?1",
            [record],
            |r| r.get(0),
        )
        .ok()
        .flatten();
    (usize::try_from(plans).unwrap(), text)
}

/// `kill -9` at many moments of an import of all five reports and of a `record set`: the file
/// always passes `PRAGMA integrity_check` and holds the state before or after each document.
#[test]
fn kill_9_at_any_moment_leaves_the_old_or_the_new_state() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id, record) = otaru_db(&dir);
    let old_text = record["result_text"].as_str().unwrap().to_owned();
    let files: Vec<String> = [
        "000_93a6ad023fb5add3.txt",
        "001_fcd6886f924c1359.txt",
        "003_a91a11d8f2677ccb.txt",
        "004_052cf2803b6d324c.txt",
    ]
    .iter()
    .map(|f| s(&sample(f)))
    .collect();
    for (i, delay_ms) in [0u64, 5, 15, 30, 60, 100, 160, 250, 400].iter().enumerate() {
        let copy = dir.path().join(format!("k{i}.db"));
        std::fs::copy(&db, &copy).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_shinchoku"))
            .args(["import", "--db", &s(&copy)])
            .args(&files)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(*delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert_eq!(integrity(&copy), "ok", "after {delay_ms} ms");
        let (plans, _) = plans_and_text(&copy, id);
        // 1 (002) + 1 + 1 + 1 + 3: the documents imported whole, never part of one.
        assert!(
            [1, 2, 3, 4, 7].contains(&plans),
            "{plans} plans after a kill at {delay_ms} ms"
        );

        let mut child = Command::new(env!("CARGO_BIN_EXE_shinchoku"))
            .args(["record", "set", "--db", &s(&copy), &id.to_string()])
            .arg("result_text=新しい値")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms / 4));
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(integrity(&copy), "ok");
        let (_, text) = plans_and_text(&copy, id);
        let text = text.unwrap_or_default();
        assert!(
            text == old_text || text == "新しい値",
            "half a change: {text}"
        );
    }
}

/// GET over plain HTTP/1.1; the body.
fn get(base: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    text.split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default()
}

/// Polls `path` until its body contains `needle`; false after 20 s.
fn eventually_contains(base: &str, path: &str, needle: &str) -> bool {
    for _ in 0..200 {
        if get(base, path).contains(needle) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// A server started before an import and a `record set` by other processes shows both
/// without a restart, and stops on SIGTERM leaving no WAL behind.
#[test]
fn a_running_server_follows_imports_and_record_sets_of_other_processes() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let (db, id, _) = otaru_db(&dir);
    let mut server = Command::new(env!("CARGO_BIN_EXE_shinchoku"))
        .args(["serve", "--db", &s(&db), "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line.split_whitespace().next().unwrap().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    assert!(!get(&base, "/api/plans").contains("熊谷市"));

    ok(shinchoku(&[
        "import",
        "--db",
        &s(&db),
        &s(&sample("001_fcd6886f924c1359.txt")),
    ]));
    assert!(
        eventually_contains(&base, "/api/plans", "熊谷市自殺対策計画"),
        "the import was not served"
    );

    ok(shinchoku(&[
        "record",
        "set",
        "--db",
        &s(&db),
        &id.to_string(),
        "result_text=サーバーが見るべき新しい値",
    ]));
    assert!(
        eventually_contains(&base, "/api/plans/1/records", "サーバーが見るべき新しい値"),
        "the record set was not served"
    );

    // SIGTERM: a graceful stop, the WAL checkpointed away.
    let pid = server.id().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let exit = server.wait().unwrap();
    assert!(exit.success(), "serve exited with {exit:?} on SIGTERM");
    let wal = std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "WAL left behind");
    assert_eq!(integrity(&db), "ok");
}
