#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The Excel round-trip of the yearly cycle on the reference reports: a collection workbook
//! generated from the store, read back and applied (no change), edited (cells changed in
//! the workbook's XML, as Excel would save them), refused for every kind of mistake with
//! the exact messages, and re-saved by LibreOffice. The tests of what an upload writes (its
//! history with each cell, newer edits kept) run on SQLite and on PostgreSQL (tests/common).

mod common;

on_both_engines!(
    edited_cells_are_applied_once_as_the_uploader,
    newer_edits_are_never_overwritten,
);

use shinchoku_commands::{
    Actor, ImportedDocument, UploadError, UploadOutcome, WorkbookUpload, apply_workbook,
    import_document,
};
use shinchoku_core::changes::diff;
use shinchoku_core::cycle::{Date, ReviewState, open_year, review_state};
use shinchoku_core::{
    AchievementValue, EntityId, FiscalYear, Identities, Location, Plan, PlanId, ProgressRecord,
    Provenance, RecordKey, StoredPlan,
};
use shinchoku_ingest::workbook::{WorkbookLimits, read_workbook};
use shinchoku_report::workbook::{WorkbookScope, collection_workbook};
use shinchoku_store::{ChangeSet, Commit, HistoryFilter, PlanTarget, Store};
use std::io::{Read, Write};

fn sample(name: &str) -> Vec<u8> {
    let path = format!("{}/../../samples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap()
}

const KUMAGAYA: &str = "001_fcd6886f924c1359.txt";
const KAWAGUCHI: &str = "000_93a6ad023fb5add3.txt";

async fn import(store: &Store, name: &str) -> PlanId {
    let doc = ImportedDocument::read(name, &sample(name)).unwrap();
    let report = import_document(store, &doc, &Actor::command_line("import"))
        .await
        .unwrap();
    report.plans[0].id
}

/// Opens `year` of a plan for collection (what the secretariat's 年度の開始 does).
async fn open(store: &Store, id: PlanId, year: i32) {
    let stored = store.load(id).await.unwrap().unwrap();
    let mut target = stored.plan.clone();
    open_year(
        &mut target,
        FiscalYear(year),
        Date::new(year + 1, 5, 31).unwrap(),
        &Location::new("cycle", 0),
    )
    .unwrap();
    let d = diff(Some(&stored), &target, &Identities::default()).unwrap();
    store
        .apply(Commit {
            actor: "事務局".into(),
            command: "cycle open".into(),
            at_ms: 1,
            provenance: Provenance::CommandLine,
            changes: vec![ChangeSet {
                plan: PlanTarget::Existing(id),
                base_revision: Some(stored.revision),
                diff: d,
            }],
            document: None,
        })
        .await
        .unwrap();
}

fn actor(name: &str) -> Actor {
    Actor::command_line(name)
}

async fn upload(store: &Store, bytes: &[u8], who: &str) -> Result<UploadOutcome, UploadError> {
    apply_workbook(
        store,
        WorkbookUpload {
            file_name: "upload.xlsx",
            bytes,
            submit: false,
        },
        &actor(who),
        |_, _| true,
    )
    .await
}

fn errors(result: Result<UploadOutcome, UploadError>) -> Vec<String> {
    match result {
        Err(UploadError::Cells(errors)) => errors.iter().map(ToString::to_string).collect(),
        other => panic!("expected cell errors, got {other:?}"),
    }
}

/// The text of every entry of a ZIP.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.push((f.name().to_owned(), data));
    }
    out
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(name.as_str(), options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

/// Edits one entry of a workbook's ZIP as text.
fn edit(bytes: &[u8], entry: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let mut entries = unzip(bytes);
    let e = entries
        .iter_mut()
        .find(|(n, _)| n == entry)
        .unwrap_or_else(|| panic!("no {entry}"));
    let text = String::from_utf8(e.1.clone()).unwrap();
    let new = f(text.clone());
    assert_ne!(new, text, "the edit of {entry} changed nothing");
    e.1 = new.into_bytes();
    rezip(&entries)
}

/// Puts an inline string into cell `cell` of sheet 1, replacing what the cell held.
fn set_cell(bytes: &[u8], cell: &str, value: &str) -> Vec<u8> {
    edit(bytes, "xl/worksheets/sheet1.xml", |xml| {
        replace_cell(
            &xml,
            cell,
            &format!("t=\"inlineStr\"><is><t>{value}</t></is></c>"),
        )
    })
}

/// Replaces the content of `<c r="CELL" …>…</c>` (or `<c r="CELL" …/>`) keeping its style.
fn replace_cell(xml: &str, cell: &str, tail: &str) -> String {
    let Some(start) = xml.find(&format!("<c r=\"{cell}\"")) else {
        // A cell the workbook does not have: added at the end of its row.
        let row: String = cell.chars().filter(char::is_ascii_digit).collect();
        let at = xml.find(&format!("<row r=\"{row}\"")).unwrap();
        let end = at + xml[at..].find("</row>").unwrap();
        return format!("{}<c r=\"{cell}\" {tail}{}", &xml[..end], &xml[end..]);
    };
    let rest = &xml[start..];
    let open_end = rest.find('>').unwrap();
    let self_closing = rest.as_bytes()[open_end - 1] == b'/';
    let attrs = &rest[..if self_closing { open_end - 1 } else { open_end }];
    let attrs = match attrs.find(" t=\"") {
        Some(t) => {
            let after = &attrs[t + 4..];
            let q = after.find('"').unwrap();
            format!("{}{}", &attrs[..t], &after[q + 1..])
        }
        None => attrs.to_owned(),
    };
    let end = if self_closing {
        start + open_end + 1
    } else {
        start + rest.find("</c>").unwrap() + 4
    };
    format!("{}{attrs} {tail}{}", &xml[..start], &xml[end..])
}

struct Setup {
    store: Store,
    plan: PlanId,
    stored: StoredPlan,
}

/// 熊谷市's plan with FY2022 opened for collection.
async fn kumagaya() -> Setup {
    kumagaya_on(Store::in_memory().await.unwrap()).await
}

/// [`kumagaya`] in `store`.
async fn kumagaya_on(store: Store) -> Setup {
    let plan = import(&store, KUMAGAYA).await;
    open(&store, plan, 2022).await;
    let stored = store.load(plan).await.unwrap().unwrap();
    Setup {
        store,
        plan,
        stored,
    }
}

fn records_of(plan: &Plan, year: i32) -> Vec<&ProgressRecord> {
    plan.records
        .iter()
        .filter(|r| r.fiscal_year.0 == year)
        .collect()
}

const DIVISION: &str = "熊谷保健センター";

/// The records of 熊谷保健センター in FY2022, in sheet order, with their ids.
fn division_records(stored: &StoredPlan) -> Vec<(EntityId, &ProgressRecord)> {
    records_of(&stored.plan, 2022)
        .into_iter()
        .filter(|r| r.division.as_ref().is_some_and(|d| d.as_str() == DIVISION))
        .map(|r| (stored.ids.record(&RecordKey::of(r)).unwrap().id, r))
        .collect()
}

fn division_workbook(stored: &StoredPlan) -> Vec<u8> {
    collection_workbook(
        std::slice::from_ref(stored),
        WorkbookScope {
            division: Some(DIVISION),
            fiscal_year: None,
        },
    )
    .unwrap()
}

async fn record(store: &Store, id: EntityId) -> ProgressRecord {
    serde_json::from_value(store.entity(id).await.unwrap().unwrap().body).unwrap()
}

#[tokio::test]
async fn an_unchanged_workbook_changes_nothing() {
    let s = kumagaya().await;
    let rows = division_records(&s.stored);
    assert_eq!(rows.len(), 20);
    let bytes = division_workbook(&s.stored);
    let read = read_workbook(&bytes, &WorkbookLimits::default()).unwrap();
    assert_eq!(read.stamp.division.as_deref(), Some(DIVISION));
    assert_eq!(read.stamp.plans.len(), 1);
    assert_eq!(read.stamp.plans[0].sheet, "熊谷市自殺対策計画");
    assert_eq!(read.stamp.plans[0].fiscal_year, FiscalYear(2022));
    assert_eq!(read.rows.len(), rows.len());
    assert_eq!(read.rows[0].record_id, rows[0].0.0);
    assert_eq!(read.rows[0].id_cell, "熊谷市自殺対策計画!A2");
    assert_eq!(read.rows[0].values[0].cell, "熊谷市自殺対策計画!F2");
    assert_eq!(
        Some(read.rows[0].values[0].text.as_str()),
        rows[0].1.plan_text.as_deref()
    );
    let before = s.store.dump().await.unwrap();
    let outcome = upload(&s.store, &bytes, "熊谷保健センター 山田")
        .await
        .unwrap();
    assert_eq!(outcome.records, 20);
    assert!(outcome.changed.is_empty());
    assert_eq!(s.store.dump().await.unwrap(), before);
}

#[tokio::test]
async fn every_record_of_the_year_for_the_secretariat() {
    let s = kumagaya().await;
    let bytes =
        collection_workbook(std::slice::from_ref(&s.stored), WorkbookScope::default()).unwrap();
    let read = read_workbook(&bytes, &WorkbookLimits::default()).unwrap();
    assert_eq!(read.stamp.division, None);
    assert_eq!(read.rows.len(), 102);
    let before = s.store.dump().await.unwrap();
    assert!(
        upload(&s.store, &bytes, "事務局")
            .await
            .unwrap()
            .changed
            .is_empty()
    );
    assert_eq!(s.store.dump().await.unwrap(), before);
    // No open cycle and no year: nothing to export, and the message says why.
    let store = Store::in_memory().await.unwrap();
    let id = import(&store, KUMAGAYA).await;
    let stored = store.load(id).await.unwrap().unwrap();
    let e = collection_workbook(std::slice::from_ref(&stored), WorkbookScope::default())
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "出力する記録がありません: 熊谷市自殺対策計画（受付中の年度がありません）"
    );
}

async fn edited_cells_are_applied_once_as_the_uploader(store: Store) {
    let s = kumagaya_on(store).await;
    let rows = division_records(&s.stored);
    let (id, _) = rows[0];
    let bytes = division_workbook(&s.stored);
    let bytes = set_cell(&bytes, "G2", "相談会を12回開催した");
    let bytes = set_cell(&bytes, "I2", "実施済");
    let bytes = edit(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        replace_cell(&xml, "J2", "><v>80</v></c>")
    });
    let bytes = set_cell(&bytes, "M2", "令和5年度も年1回開催する");
    let outcome = upload(&s.store, &bytes, "山田").await.unwrap();
    assert_eq!(outcome.changed.len(), 1);
    assert_eq!(outcome.changed[0].0, id);
    assert_eq!(outcome.fields, 4);
    let r = record(&s.store, id).await;
    assert_eq!(r.result_text.as_deref(), Some("相談会を12回開催した"));
    assert_eq!(r.status.as_ref().map(|s| s.label.as_str()), Some("実施済"));
    assert_eq!(
        r.status.as_ref().and_then(|s| s.code.as_deref()),
        Some("ア")
    );
    assert_eq!(
        r.achievement.as_ref().map(|a| &a.value),
        Some(&AchievementValue::Percent(80))
    );
    assert_eq!(
        r.next_plan_text.as_deref(),
        Some("令和5年度も年1回開催する")
    );
    assert_eq!(review_state(&r), ReviewState::Draft);
    assert_eq!(
        r.review.as_ref().and_then(|v| v.updated_by.as_deref()),
        Some("山田")
    );
    // The history names the uploader, the file and the cells.
    let events = s
        .store
        .history(HistoryFilter {
            plan: None,
            entity: Some(id),
            after_revision: None,
        })
        .await
        .unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.actor, "山田");
    assert_eq!(last.command, "workbook upload");
    match &last.provenance {
        Provenance::Upload { upload, .. } => {
            assert!(upload.starts_with("upload.xlsx ("), "{upload}");
        }
        other => panic!("{other:?}"),
    }
    // Each field's event names its own cell; the review state the row's id cell.
    let mut fields: Vec<(&str, String)> = events
        .iter()
        .filter(|e| e.command == "workbook upload")
        .map(|e| {
            let cell = match &e.provenance {
                Provenance::Upload { cell, .. } => cell.clone(),
                other => panic!("{other:?}"),
            };
            (e.field.as_deref().unwrap_or(""), cell)
        })
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        vec![
            ("achievement", "熊谷市自殺対策計画!J2".to_owned()),
            ("next_plan_text", "熊谷市自殺対策計画!M2".to_owned()),
            ("result_text", "熊谷市自殺対策計画!G2".to_owned()),
            ("review", "熊谷市自殺対策計画!A2".to_owned()),
            ("status", "熊谷市自殺対策計画!I2".to_owned()),
        ]
    );
    // The same file again changes nothing.
    let before = s.store.dump().await.unwrap();
    assert!(
        upload(&s.store, &bytes, "山田")
            .await
            .unwrap()
            .changed
            .is_empty()
    );
    assert_eq!(s.store.dump().await.unwrap(), before);
    // Submitting with it submits every record of the workbook, once.
    let submit = |bytes: &[u8]| {
        let store = s.store.clone();
        let bytes = bytes.to_vec();
        async move {
            apply_workbook(
                &store,
                WorkbookUpload {
                    file_name: "upload.xlsx",
                    bytes: &bytes,
                    submit: true,
                },
                &actor("山田"),
                |_, _| true,
            )
            .await
        }
    };
    let outcome = submit(&bytes).await.unwrap();
    assert_eq!(outcome.submitted, 20);
    assert_eq!(outcome.fields, 0);
    assert_eq!(
        review_state(&record(&s.store, id).await),
        ReviewState::Submitted
    );
    let before = s.store.dump().await.unwrap();
    assert_eq!(submit(&bytes).await.unwrap().submitted, 0);
    assert_eq!(s.store.dump().await.unwrap(), before);
    // A submitted record cannot be changed by another upload.
    let again = set_cell(&bytes, "H2", "追記");
    assert_eq!(
        errors(upload(&s.store, &again, "山田").await),
        vec![format!(
            "熊谷市自殺対策計画!A2: 記録 {}（熊谷市自殺予防対策連絡協議会 / 熊谷保健センター / 令和4年度（2022年度））: 「提出済」の記録は一時保存できません",
            id.0
        )]
    );
}

#[tokio::test]
async fn every_wrong_cell_is_reported_and_nothing_is_written() {
    let s = kumagaya().await;
    let bytes = division_workbook(&s.stored);
    let bytes = set_cell(&bytes, "G2", "実施した");
    let bytes = set_cell(&bytes, "J2", "だいたい");
    let bytes = set_cell(&bytes, "I3", "完了");
    let bytes = edit(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        let xml = replace_cell(&xml, "J4", "><v>80.5</v></c>");
        let xml = replace_cell(&xml, "J5", "><v>120</v></c>");
        let xml = replace_cell(&xml, "H6", "t=\"b\"><v>1</v></c>");
        replace_cell(&xml, "H7", "t=\"e\"><v>#DIV/0!</v></c>")
    });
    let before = s.store.dump().await.unwrap();
    assert_eq!(
        errors(upload(&s.store, &bytes, "山田").await),
        vec![
            "熊谷市自殺対策計画!J4: 達成度は整数で入力してください（80.5 は整数ではありません）",
            "熊谷市自殺対策計画!H6: 評価・課題に TRUE/FALSE（TRUE）が入っています。文字で入力してください",
            "熊谷市自殺対策計画!H7: 評価・課題がエラー値（#DIV/0!）です",
            "熊谷市自殺対策計画!J2: 達成度: 0〜100 の整数で入力してください",
            "熊谷市自殺対策計画!I3: 取組状況: 「完了」は取組状況の選択肢にありません（ア 実施済 / イ 一部実施 / ウ 準備中 / エ 未実施 / オ その他）",
            "熊谷市自殺対策計画!J5: 達成度: 0〜100 の整数で入力してください",
        ]
    );
    assert_eq!(s.store.dump().await.unwrap(), before);
}

#[tokio::test]
async fn formulas_merged_cells_and_added_or_deleted_rows_are_refused() {
    let s = kumagaya().await;
    let rows = division_records(&s.stored);
    let bytes = division_workbook(&s.stored);
    // A formula (with its cached value): refused, the cached value is not taken.
    let formula = edit(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        replace_cell(&xml, "J2", "><f>40+40</f><v>80</v></c>")
    });
    assert_eq!(
        errors(upload(&s.store, &formula, "山田").await),
        vec![
            "熊谷市自殺対策計画!J2: 数式（=40+40）は使えません。計算結果ではなく値を入力してください"
        ]
    );
    // Merged cells.
    let merged = edit(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "</sheetData>",
            "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"G2:H2\"/></mergeCells>",
        )
    });
    assert_eq!(
        errors(upload(&s.store, &merged, "山田").await),
        vec!["熊谷市自殺対策計画!G2: セルが結合されています（G2:H2）。結合を解除してください"]
    );
    // A row added below the table, one with an id of another sheet, and a row deleted.
    let last = rows.len() + 1;
    let extra = edit(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        let added = format!(
            "<row r=\"{n}\"><c r=\"G{n}\" t=\"inlineStr\"><is><t>新しい事業</t></is></c></row><row r=\"{m}\"><c r=\"A{m}\"><v>999999</v></c></row></sheetData>",
            n = last + 1,
            m = last + 2
        );
        let xml = xml.replace("</sheetData>", &added);
        // Row 3 deleted: its cells emptied.
        let start = xml.find("<row r=\"3\"").unwrap();
        let end = start + xml[start..].find("</row>").unwrap() + 6;
        format!("{}{}", &xml[..start], &xml[end..])
    });
    assert_eq!(
        errors(upload(&s.store, &extra, "山田").await),
        vec![
            format!(
                "熊谷市自殺対策計画!A{}: 記録IDのない行です。行は追加できません（記録は shinchoku で追加してから出力し直してください）",
                last + 1
            ),
            format!(
                "熊谷市自殺対策計画!A{}: 記録ID 999999 はこのシートの記録ではありません。行を追加・コピーしないでください",
                last + 2
            ),
            format!(
                "熊谷市自殺対策計画: 記録ID {} の行（出力時 3 行目）がありません。行を削除しないでください",
                rows[1].0.0
            ),
        ]
    );
    // A value outside the table.
    let outside = set_cell(&bytes, "R2", "メモ");
    assert_eq!(
        errors(upload(&s.store, &outside, "山田").await),
        vec!["熊谷市自殺対策計画!R2: 表の外に値があります。表の外には入力しないでください"]
    );
}

#[tokio::test]
async fn renamed_sheets_and_files_that_are_not_workbooks_are_refused() {
    let s = kumagaya().await;
    let bytes = division_workbook(&s.stored);
    let renamed = edit(&bytes, "xl/workbook.xml", |xml| {
        xml.replace("name=\"熊谷市自殺対策計画\"", "name=\"提出用\"")
    });
    assert_eq!(
        errors(upload(&s.store, &renamed, "山田").await),
        vec![
            "熊谷市自殺対策計画: シート「熊谷市自殺対策計画」がありません。名前を変えた場合は元の名前に戻してください（見つかったシート: 「提出用」）。このシートの記録 20 件を読めません"
        ]
    );
    let file_error = |r: Result<UploadOutcome, UploadError>| match r {
        Err(UploadError::File(e)) => e.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        file_error(upload(&s.store, "記録,実施状況\n1,実施した\n".as_bytes(), "山田").await),
        "Excel ブック（.xlsx）ではありません: ZIP 形式のファイルではありません"
    );
    let not_excel = rezip(&[("hello.txt".to_owned(), b"hello".to_vec())]);
    assert_eq!(
        file_error(upload(&s.store, &not_excel, "山田").await),
        "Excel ブック（.xlsx）ではありません: xl/workbook.xml がありません（Excel ブックではない ZIP ファイルです）"
    );
    // An .xlsx that shinchoku did not make (the plain export).
    let export = shinchoku_report::export_xlsx(std::slice::from_ref(&s.stored)).unwrap();
    assert_eq!(
        file_error(upload(&s.store, &export, "山田").await),
        "shinchoku が出力したワークブックではありません（版情報のシート「_shinchoku」がありません）"
    );
    // A very large file: refused by its size before anything is parsed.
    let mut large = bytes.clone();
    large.resize(21 * 1024 * 1024, 0);
    assert_eq!(
        file_error(upload(&s.store, &large, "山田").await),
        "ファイルが大きすぎます（22020096 バイト、上限 20971520 バイト）。shinchoku が出力したワークブックを使ってください"
    );
}

/// Sets the uncompressed size an entry declares (local header and central directory).
fn declare_size(bytes: &[u8], entry: &str, size: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let name = entry.as_bytes();
    let mut i = 0;
    while i + 46 <= out.len() {
        if out[i..i + 4] == *b"PK\x03\x04" {
            let n = usize::from(u16::from_le_bytes([out[i + 26], out[i + 27]]));
            if out.get(i + 30..i + 30 + n) == Some(name) {
                out[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            }
        } else if out[i..i + 4] == *b"PK\x01\x02" {
            let n = usize::from(u16::from_le_bytes([out[i + 28], out[i + 29]]));
            if out.get(i + 46..i + 46 + n) == Some(name) {
                out[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
        }
        i += 1;
    }
    out
}

#[tokio::test]
async fn zip_bombs_are_refused_with_bounded_memory() {
    let s = kumagaya().await;
    let bytes = division_workbook(&s.stored);
    let file_error = |r: Result<UploadOutcome, UploadError>| match r {
        Err(UploadError::File(e)) => e.to_string(),
        other => panic!("{other:?}"),
    };
    // An entry that declares 3 GB: refused from the declaration alone.
    let declared = declare_size(&bytes, "xl/worksheets/sheet1.xml", 3_000_000_000);
    let message = file_error(upload(&s.store, &declared, "山田").await);
    assert!(
        message.starts_with(
            "展開すると大きすぎるファイルです（ZIP 爆弾の疑い）: 展開後の大きさが 300"
        ),
        "{message}"
    );
    // An entry that lies: 16 MiB of zeros (16 KiB compressed) declared as 100 bytes. Caught
    // while inflating into a sink, 101 bytes in.
    let mut entries = unzip(&bytes);
    entries.push(("xl/media/bomb.bin".to_owned(), vec![0u8; 16 * 1024 * 1024]));
    let bomb = declare_size(&rezip(&entries), "xl/media/bomb.bin", 100);
    assert!(bomb.len() < 100 * 1024, "{}", bomb.len());
    assert_eq!(
        file_error(upload(&s.store, &bomb, "山田").await),
        "展開すると大きすぎるファイルです（ZIP 爆弾の疑い）: xl/media/bomb.bin が申告された大きさ（100 バイト）を超えて展開されます"
    );
    // Too many entries.
    let many: Vec<(String, Vec<u8>)> = (0..2_001)
        .map(|i| (format!("x/{i}"), Vec::new()))
        .chain(std::iter::once(("xl/workbook.xml".to_owned(), Vec::new())))
        .collect();
    assert_eq!(
        file_error(upload(&s.store, &rezip(&many), "山田").await),
        "展開すると大きすぎるファイルです（ZIP 爆弾の疑い）: ZIP の項目が多すぎます（2002 個、上限 2000 個）"
    );
    // A real bomb within a lower limit: declared honestly, refused by the sum.
    let limits = WorkbookLimits {
        max_uncompressed: 8 * 1024 * 1024,
        ..WorkbookLimits::default()
    };
    assert_eq!(
        read_workbook(&rezip(&entries), &limits)
            .err()
            .map(|e| e.to_string()),
        Some(format!(
            "展開すると大きすぎるファイルです（ZIP 爆弾の疑い）: 展開後の大きさが {} バイトあります（上限 8388608 バイト）",
            entries.iter().map(|(_, d)| d.len()).sum::<usize>()
        ))
    );
    // A cell far away costs nothing (no grid is allocated) and is refused.
    let far = edit(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        xml.replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
        )
    });
    assert_eq!(
        errors(upload(&s.store, &far, "山田").await),
        vec!["熊谷市自殺対策計画!XFD1048576: 表の外に値があります。表の外には入力しないでください"]
    );
}

async fn newer_edits_are_never_overwritten(store: Store) {
    let s = kumagaya_on(store).await;
    let rows = division_records(&s.stored);
    let (first, _) = rows[0];
    let (second, _) = rows[1];
    let bytes = division_workbook(&s.stored);
    // Someone else edits the first record after the workbook was made.
    shinchoku_commands::set_record_fields(
        &s.store,
        first,
        &[(
            shinchoku_commands::RecordField::EvaluationText,
            "事務局が直した".into(),
        )],
        None,
        &actor("事務局 佐藤"),
    )
    .await
    .unwrap();
    // An upload that changes the first record is refused, naming it and what changed.
    let stale = set_cell(&bytes, "G2", "実施した");
    let before = s.store.dump().await.unwrap();
    assert_eq!(
        errors(upload(&s.store, &stale, "山田").await),
        vec![format!(
            "熊谷市自殺対策計画!A2: 記録 {}（熊谷市自殺予防対策連絡協議会 / 熊谷保健センター / 令和4年度（2022年度））はこのワークブックの出力後に変更されています（版 1 → 2; 変更された項目: 評価・課題（事務局 佐藤））。上書きしないよう取り込みを中止しました。ワークブックを出力し直して入力してください",
            first.0
        )]
    );
    assert_eq!(s.store.dump().await.unwrap(), before);
    // The same workbook changing only another record is applied; the newer edit stays.
    let other = set_cell(&bytes, "G3", "実施した");
    let outcome = upload(&s.store, &other, "山田").await.unwrap();
    assert_eq!(outcome.changed.len(), 1);
    assert_eq!(outcome.changed[0].0, second);
    assert_eq!(
        record(&s.store, first).await.evaluation_text.as_deref(),
        Some("事務局が直した")
    );
    assert_eq!(
        record(&s.store, second).await.result_text.as_deref(),
        Some("実施した")
    );
}

#[tokio::test]
async fn another_divisions_or_plans_workbook_is_refused() {
    let s = kumagaya().await;
    let rows = division_records(&s.stored);
    let bytes = set_cell(&division_workbook(&s.stored), "G2", "実施した");
    // 男女共同参画室 may change only its own records.
    let result = apply_workbook(
        &s.store,
        WorkbookUpload {
            file_name: "upload.xlsx",
            bytes: &bytes,
            submit: false,
        },
        &actor("男女共同参画室 鈴木"),
        |_, r| {
            r.division
                .as_ref()
                .is_some_and(|d| d.as_str() == "男女共同参画室")
        },
    )
    .await;
    let errors = errors(result);
    assert_eq!(errors.len(), 20);
    assert_eq!(
        errors[0],
        format!(
            "熊谷市自殺対策計画!A2: 記録 {}（熊谷市自殺予防対策連絡協議会 / 熊谷保健センター / 令和4年度（2022年度））を変更する権限がありません。熊谷保健センターの記録です。自分の課のワークブックをアップロードしてください",
            rows[0].0.0
        )
    );
    // The workbook of one database uploaded to another, whose plan 1 is another plan.
    let store = Store::in_memory().await.unwrap();
    import(&store, KAWAGUCHI).await;
    assert_eq!(
        super_errors(upload(&store, &bytes, "山田").await),
        vec![format!(
            "熊谷市自殺対策計画: このシートは計画「熊谷市/熊谷市自殺対策計画」のものですが、計画 ID {} は「川口市/川口市自殺対策推進計画」です。別のデータベースのファイルではありませんか",
            s.plan.0
        )]
    );
}

fn super_errors(r: Result<UploadOutcome, UploadError>) -> Vec<String> {
    errors(r)
}

/// The LibreOffice binary, if installed.
fn libreoffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Opens and re-saves a workbook with LibreOffice (`--convert-to xlsx`).
fn resave_with_libreoffice(soffice: &str, bytes: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let output = dir.path().join("out");
    std::fs::create_dir_all(&input).unwrap();
    let file = input.join("workbook.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&output)
        .arg(&file)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    std::fs::read(output.join("workbook.xlsx")).unwrap()
}

#[tokio::test]
async fn a_workbook_saved_by_libreoffice_uploads() {
    let Some(soffice) = libreoffice() else {
        eprintln!(
            "note: LibreOffice (soffice) is not installed; the LibreOffice round-trip is skipped"
        );
        return;
    };
    let s = kumagaya().await;
    let rows = division_records(&s.stored);
    let bytes = division_workbook(&s.stored);
    // Opened and saved unchanged: uploads, and changes nothing.
    let resaved = resave_with_libreoffice(soffice, &bytes);
    assert_ne!(resaved, bytes);
    let before = s.store.dump().await.unwrap();
    let outcome = upload(&s.store, &resaved, "山田").await.unwrap();
    assert_eq!(outcome.records, 20);
    assert!(outcome.changed.is_empty(), "{outcome:?}");
    assert_eq!(s.store.dump().await.unwrap(), before);
    // Filled in, then saved by LibreOffice: applied.
    let filled = set_cell(&bytes, "G2", "LibreOffice で入力した");
    let filled = edit(&filled, "xl/worksheets/sheet1.xml", |xml| {
        replace_cell(&xml, "J2", "><v>60</v></c>")
    });
    let resaved = resave_with_libreoffice(soffice, &filled);
    let outcome = upload(&s.store, &resaved, "山田").await.unwrap();
    assert_eq!(outcome.changed.len(), 1);
    assert_eq!(outcome.fields, 2);
    let r = record(&s.store, rows[0].0).await;
    assert_eq!(r.result_text.as_deref(), Some("LibreOffice で入力した"));
    assert_eq!(
        r.achievement.as_ref().map(|a| &a.value),
        Some(&AchievementValue::Percent(60))
    );
    let before = s.store.dump().await.unwrap();
    assert!(
        upload(&s.store, &resaved, "山田")
            .await
            .unwrap()
            .changed
            .is_empty()
    );
    assert_eq!(s.store.dump().await.unwrap(), before);
}

/// A generated workbook (the 熊谷市 division's), made once for the property tests.
fn generated() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let s = kumagaya().await;
            division_workbook(&s.stored)
        })
    })
}

#[tokio::test]
async fn a_shared_string_out_of_range_is_refused_not_a_crash() {
    // calamine 0.26 indexes the shared strings without a bound check (a panic); the reader
    // catches it and refuses the file.
    let s = kumagaya().await;
    let bytes = edit(
        &division_workbook(&s.stored),
        "xl/worksheets/sheet1.xml",
        |xml| replace_cell(&xml, "G2", "t=\"s\"><v>99999</v></c>"),
    );
    match upload(&s.store, &bytes, "山田").await {
        Err(UploadError::File(e)) => assert_eq!(
            e.to_string(),
            "ワークブックを読めません: ワークブックの構造が壊れています"
        ),
        other => panic!("{other:?}"),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Bytes changed anywhere inside the workbook's XML (then zipped again, so that the
    /// parser sees them): read or refused, never a panic.
    #[test]
    fn reading_a_damaged_workbook_never_panics(
        edits in proptest::collection::vec((0usize..64, 0.0f64..1.0, proptest::prelude::any::<u8>()), 1..8)
    ) {
        let mut entries = unzip(generated());
        for (entry, at, byte) in edits {
            let i = entry % entries.len();
            let data = &mut entries[i].1;
            if data.is_empty() {
                continue;
            }
            let pos = ((data.len() as f64) * at) as usize % data.len();
            data[pos] = byte;
        }
        // Returns (a panic of the parser is caught and refused, see above).
        let _ = read_workbook(&rezip(&entries), &WorkbookLimits::default());
    }

    /// Raw bytes of the file changed (the ZIP itself damaged): refused or read, never a panic.
    #[test]
    fn reading_damaged_zip_bytes_never_panics(
        edits in proptest::collection::vec((0.0f64..1.0, proptest::prelude::any::<u8>()), 1..16)
    ) {
        let mut bytes = generated().to_vec();
        for (at, byte) in edits {
            let pos = ((bytes.len() as f64) * at) as usize % bytes.len();
            bytes[pos] = byte;
        }
        let _ = read_workbook(&bytes, &WorkbookLimits::default());
    }
}

#[tokio::test]
async fn the_secretariats_workbook_of_two_plans_is_one_upload() {
    let store = Store::in_memory().await.unwrap();
    let kumagaya = import(&store, KUMAGAYA).await;
    let kawaguchi = import(&store, KAWAGUCHI).await;
    open(&store, kumagaya, 2022).await;
    open(&store, kawaguchi, 2023).await;
    let plans = vec![
        store.load(kumagaya).await.unwrap().unwrap(),
        store.load(kawaguchi).await.unwrap().unwrap(),
    ];
    let k = &plans[1].plan;
    assert_eq!(
        k.direction_vocabulary
            .terms
            .iter()
            .map(|t| t.label.as_str())
            .collect::<Vec<_>>(),
        vec!["継続", "拡充", "縮小", "廃止", "完了"]
    );
    let bytes = collection_workbook(&plans, WorkbookScope::default()).unwrap();
    let read = read_workbook(&bytes, &WorkbookLimits::default()).unwrap();
    let sheets: Vec<(&str, i32, usize)> = read
        .stamp
        .plans
        .iter()
        .map(|p| (p.sheet.as_str(), p.fiscal_year.0, p.records.len()))
        .collect();
    assert_eq!(
        sheets,
        vec![
            ("熊谷市自殺対策計画", 2022, 102),
            ("川口市自殺対策推進計画", 2023, 153)
        ]
    );
    // The second sheet's direction column: the plan's vocabulary as a dropdown.
    let sheet2 = String::from_utf8(
        unzip(&bytes)
            .into_iter()
            .find(|(n, _)| n == "xl/worksheets/sheet2.xml")
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(
        sheet2.contains("sqref=\"K2:K154\"><formula1>\"継続,拡充,縮小,廃止,完了\"</formula1>"),
        "{}",
        &sheet2[sheet2.find("<dataValidations").unwrap()..]
    );
    // One cell on each sheet, and a direction that is not in the vocabulary.
    let bytes = set_cell(&bytes, "G2", "熊谷で入力");
    let bytes = edit(&bytes, "xl/worksheets/sheet2.xml", |xml| {
        let xml = replace_cell(&xml, "G2", "t=\"inlineStr\"><is><t>川口で入力</t></is></c>");
        replace_cell(&xml, "K2", "t=\"inlineStr\"><is><t>現状維持</t></is></c>")
    });
    assert_eq!(
        errors(upload(&store, &bytes, "事務局").await),
        vec![
            "川口市自殺対策推進計画!K2: 今後の方向性: 「現状維持」は方向性の選択肢にありません（継続 / 拡充 / 縮小 / 廃止 / 完了）"
        ]
    );
    let bytes = edit(&bytes, "xl/worksheets/sheet2.xml", |xml| {
        replace_cell(&xml, "K2", "t=\"inlineStr\"><is><t>拡充</t></is></c>")
    });
    let outcome = upload(&store, &bytes, "事務局").await.unwrap();
    assert_eq!(outcome.changed.len(), 2);
    assert_eq!(outcome.fields, 3);
    let first = record(&store, EntityId(read.rows[0].record_id)).await;
    assert_eq!(first.result_text.as_deref(), Some("熊谷で入力"));
    let second = record(&store, EntityId(read.rows[102].record_id)).await;
    assert_eq!(second.result_text.as_deref(), Some("川口で入力"));
    assert_eq!(
        second.direction.as_ref().map(|d| d.label.as_str()),
        Some("拡充")
    );
    // Both plans' changes are one commit: the same time, actor and command.
    let events: Vec<_> = store
        .history(HistoryFilter::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.command == "workbook upload")
        .collect();
    assert_eq!(events.len(), 5);
    assert!(events.iter().all(|e| e.at_ms == events[0].at_ms));
    let plans: std::collections::BTreeSet<i64> = events.iter().map(|e| e.plan_id.0).collect();
    assert_eq!(plans.len(), 2);
}

#[tokio::test]
async fn a_locked_year_takes_no_upload() {
    let s = kumagaya().await;
    let rows = division_records(&s.stored);
    let bytes = set_cell(&division_workbook(&s.stored), "G2", "締切後の入力");
    let stored = s.store.load(s.plan).await.unwrap().unwrap();
    let mut target = stored.plan.clone();
    shinchoku_core::cycle::set_cycle_state(
        &mut target,
        FiscalYear(2022),
        shinchoku_core::cycle::CycleState::Locked,
    )
    .unwrap();
    let d = diff(Some(&stored), &target, &Identities::default()).unwrap();
    s.store
        .apply(Commit {
            actor: "事務局".into(),
            command: "cycle lock".into(),
            at_ms: 2,
            provenance: Provenance::CommandLine,
            changes: vec![ChangeSet {
                plan: PlanTarget::Existing(s.plan),
                base_revision: Some(stored.revision),
                diff: d,
            }],
            document: None,
        })
        .await
        .unwrap();
    assert_eq!(
        errors(upload(&s.store, &bytes, "山田").await),
        vec![format!(
            "熊谷市自殺対策計画!A2: 記録 {}（熊谷市自殺予防対策連絡協議会 / 熊谷保健センター / 令和4年度（2022年度））: 令和4年度（2022年度）は受付中ではありません（締切済）",
            rows[0].0.0
        )]
    );
}

#[tokio::test]
async fn last_years_workbook_is_refused_while_this_year_is_open() {
    let s = kumagaya().await;
    let bytes = collection_workbook(
        std::slice::from_ref(&s.stored),
        WorkbookScope {
            division: Some(DIVISION),
            fiscal_year: Some(FiscalYear(2021)),
        },
    )
    .unwrap();
    let bytes = set_cell(&bytes, "G2", "去年のファイルに入力");
    let before = s.store.dump().await.unwrap();
    assert_eq!(
        errors(upload(&s.store, &bytes, "山田").await),
        vec![
            "熊谷市自殺対策計画: このシートは令和3年度（2021年度）のワークブックです。受付中の年度は令和4年度（2022年度）です。ワークブックを出力し直してください"
        ]
    );
    assert_eq!(s.store.dump().await.unwrap(), before);
}

#[tokio::test]
async fn changed_headers_copied_rows_and_dates_are_refused() {
    let s = kumagaya().await;
    let rows = division_records(&s.stored);
    let bytes = division_workbook(&s.stored);
    let bytes = set_cell(&bytes, "G1", "実績");
    let bytes = edit(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        // Row 3 now carries row 2's id (a copied row), and H4 a date.
        let xml = replace_cell(&xml, "A3", &format!("><v>{}</v></c>", rows[0].0.0));
        replace_cell(&xml, "H4", "t=\"d\"><v>2024-04-01T00:00:00</v></c>")
    });
    assert_eq!(
        errors(upload(&s.store, &bytes, "山田").await),
        vec![
            "熊谷市自殺対策計画!G1: 列見出しが「実施状況・実績」ではありません（「実績」）。列を移動・追加・削除しないでください".to_owned(),
            format!(
                "熊谷市自殺対策計画!A3: 記録ID {} の行が二つあります（2 行目と 3 行目）",
                rows[0].0.0
            ),
            "熊谷市自殺対策計画!H4: 評価・課題が日付・時刻として入力されています。文字で入力してください（先頭に ' を付けると文字になります）".to_owned(),
            format!(
                "熊谷市自殺対策計画: 記録ID {} の行（出力時 3 行目）がありません。行を削除しないでください",
                rows[1].0.0
            ),
        ]
    );
}
