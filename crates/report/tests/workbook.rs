#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The collection workbook's structure: sheets, locked and unlocked cells, validations and
//! input messages from the plan's own vocabularies, and the very hidden version stamp — read
//! from the XLSX's XML, and back with the upload reader.

use shinchoku_core::cycle::{Cycle, CycleState, Date};
use shinchoku_core::{
    Achievement, AchievementValue, Direction, DirectionVocabulary, Division, DivisionKey,
    EntityMeta, EntityRef, FiscalYear, Identities, Location, Measure, MeasureKey, Plan, PlanId,
    PlanKind, ProgressRecord, RecordKey, Revision, StatusScale, StoredPlan,
};
use shinchoku_ingest::workbook::layout::{Column, STAMP_SHEET};
use shinchoku_ingest::workbook::{WorkbookLimits, read_workbook};
use shinchoku_report::workbook::{WorkbookScope, collection_workbook};
use std::io::Read;

fn division(name: &str) -> Division {
    Division {
        key: DivisionKey::new(name),
        name: name.into(),
        department: None,
        external: false,
        renames: vec![],
    }
}

fn measure(key: &str, name: &str) -> Measure {
    Measure {
        key: MeasureKey::new(key),
        number: Some(key.into()),
        name: name.into(),
        description: None,
        audience: None,
        plan_page: None,
        location: Location::new("t", 1),
    }
}

fn record(m: &str, d: &str, year: i32) -> ProgressRecord {
    ProgressRecord::new(
        MeasureKey::new(m),
        Some(DivisionKey::new(d)),
        FiscalYear(year),
        Location::new("t", 1),
    )
}

/// A plan with the ア〜オ scale, the standard directions, percentages or categories, two
/// divisions, FY2024 done and FY2025 open.
fn stored(id: i64, title: &str, categories: bool) -> StoredPlan {
    let mut p = Plan::new("川口市", title, PlanKind::SuicidePrevention);
    p.status_scale = StatusScale::a_to_o();
    p.direction_vocabulary = DirectionVocabulary::standard();
    p.divisions = vec![division("健康増進課"), division("福祉総務課")];
    p.measures = vec![
        measure("1", "こころの相談"),
        measure("2", "ゲートキーパー養成"),
    ];
    p.cycles = vec![Cycle {
        fiscal_year: FiscalYear(2025),
        due: Date::new(2026, 5, 31).unwrap(),
        state: CycleState::Open,
    }];
    let mut last = record("1", "健康増進課", 2024);
    last.result_text = Some("相談会を12回開催した".into());
    last.achievement = Some(Achievement {
        value: if categories {
            AchievementValue::Category("実施".into())
        } else {
            AchievementValue::Percent(90)
        },
        original: "90".into(),
    });
    last.direction = Some(Direction {
        label: "拡充".into(),
        original: "拡充".into(),
    });
    let mut now = record("1", "健康増進課", 2025);
    now.plan_text = Some("=HYPERLINK(\"http://example.com\")".into());
    p.records = vec![
        last,
        now,
        record("2", "健康増進課", 2025),
        record("2", "福祉総務課", 2025),
    ];
    let mut ids = Identities::default();
    for (i, r) in p.records.iter().enumerate() {
        ids.insert(
            EntityRef::record(&RecordKey::of(r)),
            EntityMeta {
                id: shinchoku_core::EntityId(id * 100 + i as i64),
                revision: Revision(3),
            },
        );
    }
    StoredPlan {
        id: PlanId(id),
        revision: Revision(9),
        updated_at_ms: 0,
        plan: p,
        ids,
    }
}

fn entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn a_divisions_workbook_has_its_records_locked_ids_validations_and_a_stamp() {
    let plans = [
        stored(1, "川口市自殺対策推進計画", false),
        stored(2, "川口市自殺対策推進計画", true),
    ];
    let bytes = collection_workbook(
        &plans,
        WorkbookScope {
            division: Some("健康増進課"),
            fiscal_year: None,
        },
    )
    .unwrap();
    let workbook = entry(&bytes, "xl/workbook.xml");
    assert!(workbook.contains(
        "<sheet name=\"川口市自殺対策推進計画\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"川口市自殺対策推進計画(2)\" sheetId=\"2\" r:id=\"rId2\"/><sheet name=\"_shinchoku\" sheetId=\"3\" state=\"veryHidden\" r:id=\"rId3\"/>"
    ), "{workbook}");
    let sheet = entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dimension ref=\"A1:Q3\"/>"), "{sheet}");
    assert!(sheet.contains("<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>"));
    // Status and direction as dropdowns of the plan's vocabularies, achievement 0–100.
    assert!(sheet.contains("type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"入力できない値です\" promptTitle=\"取組状況\" prompt=\"一覧から選んでください\" sqref=\"I2:I3\"><formula1>\"実施済,一部実施,準備中,未実施,その他\"</formula1>"), "{sheet}");
    assert!(sheet.contains("promptTitle=\"今後の方向性\" prompt=\"一覧から選んでください\" sqref=\"K2:K3\"><formula1>\"継続,拡充,縮小,廃止,完了\"</formula1>"));
    assert!(sheet.contains("type=\"whole\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"入力できない値です\" error=\"0〜100 の整数で入力してください\" promptTitle=\"達成度\" prompt=\"0〜100 の整数で入力してください\" sqref=\"J2:J3\"><formula1>0</formula1><formula2>100</formula2>"));
    // The plan that writes 実施 / 未実施: a list of its categories.
    let second = entry(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        second.contains("sqref=\"J2:J3\"><formula1>\"実施\"</formula1>"),
        "{second}"
    );
    // Input cells are unlocked (the sheet's other cells stay locked).
    assert!(entry(&bytes, "xl/styles.xml").contains("<protection locked=\"0\"/>"));
    // Read back: the stamp, the rows, last year's values beside this year's.
    let read = read_workbook(&bytes, &WorkbookLimits::default()).unwrap();
    assert_eq!(read.stamp.division.as_deref(), Some("健康増進課"));
    let plans: Vec<(i64, i64, i32, &str)> = read
        .stamp
        .plans
        .iter()
        .map(|p| (p.plan_id, p.revision, p.fiscal_year.0, p.sheet.as_str()))
        .collect();
    assert_eq!(
        plans,
        vec![
            (1, 9, 2025, "川口市自殺対策推進計画"),
            (2, 9, 2025, "川口市自殺対策推進計画(2)")
        ]
    );
    let ids: Vec<(i64, i64, &str)> = read
        .rows
        .iter()
        .map(|r| (r.record_id, r.expected_revision, r.id_cell.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            (101, 3, "川口市自殺対策推進計画!A2"),
            (102, 3, "川口市自殺対策推進計画!A3"),
            (201, 3, "川口市自殺対策推進計画(2)!A2"),
            (202, 3, "川口市自殺対策推進計画(2)!A3"),
        ]
    );
    // A formula-like text is a text cell, read back as written.
    assert_eq!(read.rows[0].values[0].column, Column::PlanText);
    assert_eq!(
        read.rows[0].values[0].text,
        "=HYPERLINK(\"http://example.com\")"
    );
    assert!(!sheet.contains("<f>"));
    // Last year's values, locked, for reference.
    let strings = entry(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("相談会を12回開催した"));
    assert!(strings.contains("shinchoku-workbook"));
    assert!(workbook.contains(&format!("name=\"{STAMP_SHEET}\"")));
}

#[test]
fn the_secretariats_workbook_has_every_division() {
    let plans = [stored(1, "川口市自殺対策推進計画", false)];
    let bytes = collection_workbook(&plans, WorkbookScope::default()).unwrap();
    let read = read_workbook(&bytes, &WorkbookLimits::default()).unwrap();
    assert_eq!(read.stamp.division, None);
    assert_eq!(read.rows.len(), 3);
    let none = collection_workbook(
        &plans,
        WorkbookScope {
            division: Some("市民課"),
            fiscal_year: None,
        },
    );
    assert_eq!(
        none.err().map(|e| e.to_string()),
        Some("市民課の出力する記録がありません: 川口市自殺対策推進計画（令和7年度（2025年度）の記録がありません）".to_owned())
    );
}
