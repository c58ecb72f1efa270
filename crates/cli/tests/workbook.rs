#![allow(clippy::unwrap_used, clippy::expect_used)]

//! `shinchoku workbook export|upload`: the Excel round-trip from the command line.

mod common;

use common::{ok, sample, shinchoku};
use std::io::{Read, Write};
use std::path::Path;

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Replaces cell `cell` of sheet 1 with an inline string.
fn set_cell(bytes: &[u8], cell: &str, value: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().to_owned();
            let mut data = String::new();
            let mut raw = Vec::new();
            f.read_to_end(&mut raw).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                data = String::from_utf8(raw.clone()).unwrap();
                let start = data.find(&format!("<c r=\"{cell}\"")).unwrap();
                let end = start + data[start..].find('>').unwrap();
                let style = data[start..end]
                    .split_whitespace()
                    .find(|a| a.starts_with("s="))
                    .unwrap_or("")
                    .trim_end_matches('/')
                    .to_owned();
                let close = if data[..end].ends_with('/') {
                    end + 1
                } else {
                    end + data[end..].find("</c>").unwrap() + 4
                };
                data = format!(
                    "{}<c r=\"{cell}\" {style} t=\"inlineStr\"><is><t>{value}</t></is></c>{}",
                    &data[..start],
                    &data[close..]
                );
            }
            w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            if data.is_empty() {
                w.write_all(&raw).unwrap();
            } else {
                w.write_all(data.as_bytes()).unwrap();
            }
        }
        w.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn export_fill_in_and_upload_a_divisions_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db = s(&db);
    ok(shinchoku(&[
        "import",
        "--db",
        &db,
        &s(&sample("001_fcd6886f924c1359.txt")),
    ]));
    let file = dir.path().join("熊谷保健センター.xlsx");
    // Without an open cycle, the year must be given.
    let out = shinchoku(&[
        "workbook",
        "export",
        "--db",
        &db,
        "--plan",
        "熊谷市/熊谷市自殺対策計画",
        "-o",
        &s(&file),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("出力する記録がありません: 熊谷市自殺対策計画（受付中の年度がありません）")
    );
    ok(shinchoku(&[
        "workbook",
        "export",
        "--db",
        &db,
        "--plan",
        "熊谷市/熊谷市自殺対策計画",
        "--division",
        "熊谷保健センター",
        "--year",
        "令和4年度",
        "-o",
        &s(&file),
    ]));
    let bytes = std::fs::read(&file).unwrap();
    // Unchanged: nothing written.
    assert_eq!(
        ok(shinchoku(&[
            "workbook",
            "upload",
            "--db",
            &db,
            &s(&file),
            "--as",
            "山田"
        ])),
        "熊谷保健センター.xlsx: 記録 18 件中 0 件を更新（項目 0 件、提出 0 件）\n"
    );
    // A wrong value: every error printed as sheet!cell, exit 1, nothing written.
    let wrong = dir.path().join("wrong.xlsx");
    std::fs::write(
        &wrong,
        set_cell(&set_cell(&bytes, "J2", "だいたい"), "I3", "完了"),
    )
    .unwrap();
    let out = shinchoku(&[
        "workbook",
        "upload",
        "--db",
        &db,
        &s(&wrong),
        "--as",
        "山田",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "熊谷市自殺対策計画!J2: 達成度: 0〜100 の整数で入力してください\n\
         熊谷市自殺対策計画!I3: 取組状況: 「完了」は取組状況の選択肢にありません（ア 実施済 / イ 一部実施 / ウ 準備中 / エ 未実施 / オ その他）\n\
         wrong.xlsx: 2 件の誤りがあるため、何も取り込みませんでした\n"
    );
    // Filled in: applied as the uploader, with the upload as provenance.
    let filled = dir.path().join("filled.xlsx");
    std::fs::write(&filled, set_cell(&bytes, "G2", "相談会を12回開催した")).unwrap();
    assert_eq!(
        ok(shinchoku(&[
            "workbook",
            "upload",
            "--db",
            &db,
            &s(&filled),
            "--as",
            "山田"
        ])),
        "filled.xlsx: 記録 18 件中 1 件を更新（項目 1 件、提出 0 件）\n"
    );
    let id = {
        let stamp_row = ok(shinchoku(&["history", "--db", &db, "--format", "json"]));
        let events: serde_json::Value = serde_json::from_str(&stamp_row).unwrap();
        events["events"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|e| e["command"] == "workbook upload")
            .map(|e| e["entity_id"].as_i64().unwrap())
            .unwrap()
    };
    let shown = ok(shinchoku(&["record", "show", "--db", &db, &id.to_string()]));
    assert!(shown.contains("相談会を12回開催した"), "{shown}");
    assert!(
        shown.contains("Excel アップロード filled.xlsx ("),
        "{shown}"
    );
    assert!(shown.contains("熊谷市自殺対策計画!G2"), "{shown}");
    // Not a workbook.
    let text = dir.path().join("notes.xlsx");
    std::fs::write(&text, "memo").unwrap();
    let out = shinchoku(&["workbook", "upload", "--db", &db, &s(&text), "--as", "山田"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "notes.xlsx: Excel ブック（.xlsx）ではありません: ZIP 形式のファイルではありません\n"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = s(&dir.path().join("t.db"));
    ok(shinchoku(&[
        "import",
        "--db",
        &db,
        &s(&sample("002_eba47c23c940212d.txt")),
    ]));
    let big = dir.path().join("big.xlsx");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(21 * 1024 * 1024).unwrap();
    let out = shinchoku(&["workbook", "upload", "--db", &db, &s(&big), "--as", "山田"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "big.xlsx: ファイルが大きすぎます（22020096 バイト、上限 20971520 バイト）。shinchoku が出力したワークブックを使ってください\n"
    );
}

#[test]
fn the_open_years_workbook_is_uploaded_and_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let db = s(&dir.path().join("t.db"));
    let plan = "熊谷市/熊谷市自殺対策計画";
    ok(shinchoku(&[
        "import",
        "--db",
        &db,
        &s(&sample("001_fcd6886f924c1359.txt")),
    ]));
    ok(shinchoku(&[
        "cycle",
        "open",
        "--db",
        &db,
        plan,
        "--year",
        "令和4年度",
        "--due",
        "2023-05-31",
        "--as",
        "事務局",
    ]));
    let file = dir.path().join("熊谷保健センター.xlsx");
    ok(shinchoku(&[
        "workbook",
        "export",
        "--db",
        &db,
        "--plan",
        plan,
        "--division",
        "熊谷保健センター",
        "-o",
        &s(&file),
    ]));
    let filled = dir.path().join("filled.xlsx");
    std::fs::write(
        &filled,
        set_cell(&std::fs::read(&file).unwrap(), "G2", "会議を開催した"),
    )
    .unwrap();
    assert_eq!(
        ok(shinchoku(&[
            "workbook",
            "upload",
            "--db",
            &db,
            &s(&filled),
            "--as",
            "熊谷保健センター",
            "--submit",
        ])),
        "filled.xlsx: 記録 20 件中 20 件を更新（項目 1 件、提出 20 件）\n"
    );
    // Again: nothing to change, nothing to submit.
    assert_eq!(
        ok(shinchoku(&[
            "workbook",
            "upload",
            "--db",
            &db,
            &s(&filled),
            "--as",
            "熊谷保健センター",
            "--submit",
        ])),
        "filled.xlsx: 記録 20 件中 0 件を更新（項目 0 件、提出 0 件）\n"
    );
}
