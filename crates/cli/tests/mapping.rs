#![allow(clippy::unwrap_used, clippy::expect_used)]

//! `shinchoku mapping suggest FILE > profile.toml`, then `shinchoku import --mapping
//! profile.toml FILE`: the drafted profile reads back, imports the file it was made from, and
//! importing again changes nothing.

mod common;

use common::{ok, shinchoku};

const CSV: &str = "\u{feff}事業番号,事業名,担当課,令和5年度 事業費,令和5年度 実績,令和5年度 方向性,R6 事業費,R6 実績,R6 方向性,根拠法令\r\n\
A-1,こころの相談,健康増進課,\"1,200,000\",相談120件,現状維持,\"1,300,000\",相談135件,改革改善,自殺対策基本法\r\n\
A-2,ゲートキーパー研修,福祉総務課,500000,研修2回,改革改善,520000,研修3回,終了・廃止・休止,\r\n\
A-3,居場所づくり,健康増進課,80000,2か所,現状維持,90000,3か所,現状維持,\r\n";

#[test]
fn a_drafted_profile_imports_the_file_it_was_made_from() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jigyo.csv");
    std::fs::write(&file, CSV).unwrap();
    let file = file.display().to_string();
    let db = dir.path().join("t.db").display().to_string();

    let draft = ok(shinchoku(&["mapping", "suggest", &file]));
    assert!(
        draft.contains("# 9 of 10 columns with a header are mapped"),
        "{draft}"
    );
    assert!(
        draft.contains("J 「根拠法令」 → （対応なし: 追加項目）"),
        "{draft}"
    );
    assert!(
        draft.contains("project_cost = \"事業費\"  # D,G 信頼度 0.90"),
        "{draft}"
    );
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, &draft).unwrap();
    let profile = profile.display().to_string();

    let out = shinchoku(&["import", "--db", &db, "--mapping", &profile, &file]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = ok(out);
    assert!(stdout.starts_with("jigyo.csv: mapping:"), "{stdout}");
    assert!(stdout.contains("事業3件"), "{stdout}");
    assert!(stdout.contains("（新規）"), "{stdout}");
    assert_eq!(
        stderr.trim(),
        "jigyo.csv:1 [J1 根拠法令]: warning: column 「根拠法令」 is not mapped by the profile; its cells are kept as extra fields 「根拠法令」 of the records [unmapped-column]"
    );
    let again = ok(shinchoku(&[
        "import",
        "--db",
        &db,
        "--mapping",
        &profile,
        &file,
    ]));
    assert!(again.contains("（変更なし）"), "{again}");

    let csv = ok(shinchoku(&["export", "--db", &db, "--format", "csv"]));
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows
        .iter()
        .find(|r| &r[col("measure_key")] == "A-1" && &r[col("fiscal_year")] == "2024")
        .unwrap();
    assert_eq!(&row[col("project_cost_yen")], "1300000");
    assert_eq!(&row[col("result_text")], "相談135件");
    assert_eq!(&row[col("direction")], "改革改善");
    assert_eq!(&row[col("division")], "健康増進課");
}

#[test]
fn a_broken_profile_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.csv");
    std::fs::write(&file, CSV).unwrap();
    let profile = dir.path().join("p.toml");
    std::fs::write(
        &profile,
        "[plan]\nmunicipality = \"架空市\"\ntitle = \"t\"\n[measure]\nnam = \"事業名\"\n",
    )
    .unwrap();
    let db = dir.path().join("t.db");
    let out = shinchoku(&[
        "import",
        "--db",
        &db.display().to_string(),
        "--mapping",
        &profile.display().to_string(),
        &file.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("p.toml: mapping profile: TOML parse error at line 5"),
        "{stderr}"
    );
    assert!(stderr.contains("unknown field `nam`"), "{stderr}");
    assert!(
        !db.exists(),
        "nothing is created when the profile is refused"
    );
}
