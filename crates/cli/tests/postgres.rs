#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The `shinchoku` binary on PostgreSQL: `--db postgres://…` and `SHINCHOKU_DB` on every
//! command, `shinchoku copy` from SQLite to PostgreSQL and back with the same export bytes,
//! idempotent re-imports, conflicts, and concurrent writers from separate processes.
//!
//! Each test makes its own database on the server named by `SHINCHOKU_TEST_PG`
//! (`scripts/with-postgres.sh` starts one); without it the tests are skipped, or fail when
//! `SHINCHOKU_REQUIRE_PG` is set (as in CI).

mod common;

use common::{ok, sample, shinchoku};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The five reference reports (the same bytes as `../shared/seeds/`).
const SEEDS: [&str; 5] = [
    "000_93a6ad023fb5add3.txt",
    "001_fcd6886f924c1359.txt",
    "002_eba47c23c940212d.txt",
    "003_a91a11d8f2677ccb.txt",
    "004_052cf2803b6d324c.txt",
];

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// A new database on the test server, or `None` (skip) when there is none.
fn pg_database() -> Option<String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = runtime
        .block_on(shinchoku_store::testing::postgres_database())
        .unwrap();
    if url.is_none() {
        assert!(
            std::env::var_os(shinchoku_store::testing::REQUIRE_PG).is_none(),
            "SHINCHOKU_REQUIRE_PG is set but SHINCHOKU_TEST_PG is not"
        );
        eprintln!("skipped: SHINCHOKU_TEST_PG is not set (scripts/with-postgres.sh)");
    }
    url
}

/// Runs `shinchoku` with `SHINCHOKU_DB` set to `db` (and no `--db`).
fn with_env(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinchoku"))
        .args(args)
        .env("SHINCHOKU_DB", db)
        .output()
        .expect("run shinchoku")
}

fn seeds() -> Vec<String> {
    SEEDS.iter().map(|f| s(&sample(f))).collect()
}

fn export(db: &str) -> String {
    ok(shinchoku(&["export", "--db", db, "--format", "json"]))
}

fn history(db: &str) -> String {
    ok(shinchoku(&["history", "--db", db, "--format", "json"]))
}

#[test]
fn seeds_copied_to_postgres_and_back_export_the_same_bytes_and_reimport_changes_nothing() {
    let Some(pg) = pg_database() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = s(&dir.path().join("city.db"));
    let mut args = vec!["import", "--db", &sqlite];
    let files = seeds();
    args.extend(files.iter().map(String::as_str));
    ok(shinchoku(&args));
    let exported = export(&sqlite);
    let events = history(&sqlite);
    assert_eq!(
        serde_json::from_str::<Value>(&exported).unwrap()["plans"]
            .as_array()
            .map(Vec::len),
        Some(7)
    );

    // An account moves with the database (sessions do not).
    ok(shinchoku(&[
        "user",
        "add",
        "jimukyoku",
        "--db",
        &sqlite,
        "--role",
        "admin",
        "--municipality",
        "清瀬市",
        "--generate-password",
    ]));
    let users = ok(shinchoku(&["user", "list", "--db", &sqlite]));
    assert!(users.starts_with("1\tjimukyoku\tadmin\t清瀬市"), "{users}");

    let out = ok(shinchoku(&["copy", "--from", &sqlite, "--to", &pg]));
    assert_eq!(
        out,
        format!(
            "{sqlite} → {pg}: 計画7件 エンティティ2174件 変更7件 履歴2181件 取り込み5件 \
             診断211件 アカウント1件 APIトークン0件 送信済み通知0件 設定0件 \
             (セッションとログイン失敗の記録はコピーしない)\n"
        )
    );
    assert_eq!(ok(shinchoku(&["user", "list", "--db", &pg])), users);
    let back = s(&dir.path().join("back.db"));
    let again = ok(shinchoku(&["copy", "--from", &pg, "--to", &back]));
    assert_eq!(
        again.split_once(": ").map(|(_, counts)| counts),
        out.split_once(": ").map(|(_, counts)| counts),
        "the same rows both ways"
    );
    assert!(export(&pg) == exported, "the PostgreSQL export differs");
    assert!(
        export(&back) == exported,
        "the export of the copy back differs"
    );
    assert!(history(&pg) == events, "the PostgreSQL history differs");
    assert!(
        history(&back) == events,
        "the history of the copy back differs"
    );

    // Re-importing the seeds into PostgreSQL (here through SHINCHOKU_DB) changes nothing.
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let lines = ok(with_env(&pg, &args));
    assert_eq!(lines.lines().count(), 5, "{lines}");
    for line in lines.lines() {
        assert!(line.contains("（変更なし）"), "{line}");
        assert!(
            !line.contains("（新規）") && !line.contains("（更新）"),
            "{line}"
        );
    }
    assert!(ok(with_env(&pg, &["export", "--format", "json"])) == exported);
    assert!(history(&pg) == events, "a re-import wrote history");

    // A target that holds anything is refused, and left as it was.
    let refused = shinchoku(&["copy", "--from", &sqlite, "--to", &pg]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("cannot copy into postgres") && err.contains("not empty"),
        "{err}"
    );
    assert!(export(&pg) == exported);
}

#[test]
fn every_command_works_on_postgres_with_revisions_and_conflicts() {
    let Some(pg) = pg_database() else {
        return;
    };
    let imported = ok(with_env(
        &pg,
        &["import", &s(&sample("002_eba47c23c940212d.txt"))],
    ));
    assert!(imported.contains("（新規）"), "{imported}");
    let exported: Value = serde_json::from_str(&export(&pg)).unwrap();
    let id = exported["plans"][0]["records"][0]["id"].as_i64().unwrap();
    let id_s = id.to_string();
    let show: Value = serde_json::from_str(&ok(with_env(
        &pg,
        &["record", "show", &id_s, "--format", "json"],
    )))
    .unwrap();
    assert_eq!(show["revision"], 1);
    assert_eq!(show["plan"], "小樽市/小樽市自殺対策計画");

    let set = |text: &str, who: &str| {
        with_env(
            &pg,
            &[
                "record",
                "set",
                &id_s,
                &format!("result_text={text}"),
                "--expect-revision",
                "1",
                "--as",
                who,
            ],
        )
    };
    assert_eq!(
        ok(set("相談窓口を12回開設した", "alice")),
        format!("record {id}: result_text changed (revision 2)\n")
    );
    let second = set("別の入力", "bob");
    assert_eq!(second.status.code(), Some(3));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains(&format!(
            "conflict: record {id} is at revision 2, not 1; changed since: result_text"
        )),
        "{err}"
    );
    let history: Value = serde_json::from_str(&ok(with_env(
        &pg,
        &["history", "--record", &id_s, "--format", "json"],
    )))
    .unwrap();
    let events = history["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{history}");
    assert_eq!(events[1]["actor"], "alice");
    assert_eq!(events[1]["new"], "相談窓口を12回開設した");

    let summary: Value =
        serde_json::from_str(&ok(with_env(&pg, &["summary", "--format", "json"]))).unwrap();
    assert_eq!(summary["plans"].as_array().map(Vec::len), Some(1));
    ok(with_env(&pg, &["check", "--format", "json"]));
    let migrate = ok(with_env(&pg, &["migrate"]));
    assert_eq!(
        migrate,
        format!(
            "{pg}: schema version {} (up to date)\n",
            shinchoku_store::SCHEMA_VERSION
        )
    );

    // A password never appears in messages; a database that does not exist is named.
    let missing = shinchoku_store::testing::with_database(&pg, "no_such_db").replacen(
        "postgres:///",
        "postgres://postgres:s3cret@/",
        1,
    );
    let out = shinchoku(&["summary", "--db", &missing]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does not exist"), "{err}");
    assert!(
        !err.contains("s3cret") && err.contains("postgres:***@"),
        "{err}"
    );
}

/// Two processes importing into one PostgreSQL database at once (and racing to create its
/// tables): both succeed, nothing is lost.
#[test]
fn concurrent_imports_from_separate_processes_into_postgres_all_succeed() {
    let Some(pg) = pg_database() else {
        return;
    };
    let children: Vec<_> = [
        ["000_93a6ad023fb5add3.txt", "001_fcd6886f924c1359.txt"],
        ["003_a91a11d8f2677ccb.txt", "004_052cf2803b6d324c.txt"],
    ]
    .iter()
    .map(|files| {
        Command::new(env!("CARGO_BIN_EXE_shinchoku"))
            .args(["import", "--db", &pg])
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
        "summary", "--db", &pg, "--format", "json",
    ])))
    .unwrap();
    assert_eq!(summary["plans"].as_array().map(Vec::len), Some(6));
}

/// GET over plain HTTP/1.1; the body.
fn get(base: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
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
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

/// A server process, killed if the test fails before stopping it.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Starts `shinchoku serve` on a free port; the server and its base URL.
fn serve(db: &str) -> (Server, String) {
    use std::io::BufRead;
    let mut server = Command::new(env!("CARGO_BIN_EXE_shinchoku"))
        .args(["serve", "--db", db, "--addr", "127.0.0.1:0"])
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
    (Server(server), base)
}

/// Two servers on one PostgreSQL database, started before an import and a `record set` made
/// by other processes, both show both without a restart, and stop on SIGTERM.
#[test]
fn two_servers_on_one_postgres_database_follow_the_writes_of_other_processes() {
    let Some(pg) = pg_database() else {
        return;
    };
    ok(shinchoku(&[
        "import",
        "--db",
        &pg,
        &s(&sample("002_eba47c23c940212d.txt")),
    ]));
    let exported: Value = serde_json::from_str(&export(&pg)).unwrap();
    let id = exported["plans"][0]["records"][0]["id"].as_i64().unwrap();
    let servers = [serve(&pg), serve(&pg)];
    for (_, base) in &servers {
        assert!(!get(base, "/api/plans").contains("熊谷市"));
    }
    ok(shinchoku(&[
        "import",
        "--db",
        &pg,
        &s(&sample("001_fcd6886f924c1359.txt")),
    ]));
    ok(shinchoku(&[
        "record",
        "set",
        "--db",
        &pg,
        &id.to_string(),
        "result_text=サーバーが見るべき新しい値",
    ]));
    for (_, base) in &servers {
        assert!(
            eventually_contains(base, "/api/plans", "熊谷市自殺対策計画"),
            "the import was not served by {base}"
        );
        assert!(
            eventually_contains(base, "/api/plans/1/records", "サーバーが見るべき新しい値"),
            "the record set was not served by {base}"
        );
    }
    for (mut server, _) in servers {
        let pid = server.0.id().to_string();
        let status = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(status.success());
        let exit = server.0.wait().unwrap();
        assert!(exit.success(), "serve exited with {exit:?} on SIGTERM");
    }
}

/// `demo` on a PostgreSQL database (not recreated, unlike a SQLite file) runs again: the seeds
/// change nothing, the demo accounts get new passwords instead of failing as duplicates.
#[test]
fn demo_runs_twice_on_one_postgres_database() {
    let Some(pg) = pg_database() else {
        return;
    };
    let first = ok(shinchoku(&["demo", "--db", &pg, "--no-serve"]));
    let users = ok(shinchoku(&["user", "list", "--db", &pg]));
    assert_eq!(users.lines().count(), 4, "{users}");
    let second = ok(shinchoku(&["demo", "--db", &pg, "--no-serve"]));
    assert_eq!(ok(shinchoku(&["user", "list", "--db", &pg])), users);
    let password = |out: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with("jimukyoku "))
            .and_then(|l| l.split_whitespace().nth(1))
            .map(str::to_owned)
    };
    assert!(password(&first).is_some(), "{first}");
    assert_ne!(password(&first), password(&second), "{second}");
}
