#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The collection cycle as commands: opening a year creates exactly the records in force,
//! carrying last year's 今後の計画; saves, submits, send-backs and accepts follow the rules
//! and keep their history; the public view hides the open year.

use shinchoku_commands::cycle::{open_year, review_record, set_cycle_state};
use shinchoku_commands::{Actor, CommandError, ImportedDocument, RecordField, import_document};
use shinchoku_core::cycle::{CycleState, Date, ReviewState, Transition, public_view, review_state};
use shinchoku_core::{
    Assignment, Division, DivisionKey, FiscalYear, Location, Measure, MeasureKey, Plan, PlanId,
    PlanKind, ProgressRecord, RecordKey, Retirement, StatusScale,
};
use shinchoku_store::{HistoryFilter, Store};

fn division(key: &str) -> Division {
    Division {
        key: DivisionKey::new(key),
        name: key.into(),
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
        location: Location::new("k.txt", 5),
    }
}

fn plan() -> Plan {
    let mut p = Plan::new("清瀬市", "清瀬市自殺対策計画", PlanKind::SuicidePrevention);
    p.status_scale = StatusScale::a_to_o();
    p.divisions = vec![division("企画課"), division("健康推進課")];
    p.measures = vec![
        measure("1", "自殺対策連絡協議会"),
        measure("2", "ゲートキーパー研修"),
        measure("3", "旧事業"),
    ];
    for (m, d) in [
        ("1", "企画課"),
        ("2", "企画課"),
        ("2", "健康推進課"),
        ("3", "企画課"),
    ] {
        p.assignments.push(Assignment {
            measure: MeasureKey::new(m),
            division: DivisionKey::new(d),
            location: Location::new("k.txt", 6),
        });
    }
    p.retirements.push(Retirement {
        measure: MeasureKey::new("3"),
        from: FiscalYear(2025),
        reason: None,
    });
    let mut last = ProgressRecord::new(
        MeasureKey::new("2"),
        Some(DivisionKey::new("企画課")),
        FiscalYear(2024),
        Location::new("k.txt", 9),
    );
    last.plan_text = Some("研修を2回実施".into());
    last.next_plan_text = Some("研修を年4回に拡充".into());
    last.result_text = Some("研修を2回実施した".into());
    p.records.push(last);
    let mut other = ProgressRecord::new(
        MeasureKey::new("1"),
        Some(DivisionKey::new("企画課")),
        FiscalYear(2024),
        Location::new("k.txt", 10),
    );
    other.plan_text = Some("協議会を開催".into());
    p.records.push(other);
    p.refresh_fiscal_years();
    p
}

async fn stored() -> (Store, PlanId) {
    let store = Store::in_memory().await.unwrap();
    let doc = ImportedDocument {
        file_name: "k.txt".into(),
        sha256: "k".into(),
        layout: "kiyose".into(),
        plans: vec![plan()],
        diagnostics: vec![],
        stated_ids: vec![],
    };
    let report = import_document(&store, &doc, &Actor::command_line("import"))
        .await
        .unwrap();
    (store, report.plans[0].id)
}

fn key(m: &str, d: &str, y: i32) -> RecordKey {
    RecordKey {
        measure: MeasureKey::new(m),
        division: Some(DivisionKey::new(d)),
        fiscal_year: FiscalYear(y),
    }
}

#[tokio::test]
async fn opening_a_year_creates_the_records_in_force_with_last_years_plan() {
    let (store, id) = stored().await;
    let admin = Actor::form("事務局 太郎");
    let due = Date::new(2026, 5, 31).unwrap();
    let opened = open_year(&store, id, FiscalYear(2025), due, &admin)
        .await
        .unwrap();
    assert_eq!(opened.created, 3, "measure 3 is retired from 2025");
    let p = store.load(id).await.unwrap().unwrap();
    let new: Vec<(String, String, Option<String>)> = p
        .plan
        .records
        .iter()
        .filter(|r| r.fiscal_year == FiscalYear(2025))
        .map(|r| {
            (
                r.measure.to_string(),
                r.division.as_ref().unwrap().to_string(),
                r.plan_text.clone(),
            )
        })
        .collect();
    assert_eq!(
        new,
        vec![
            ("1".into(), "企画課".into(), Some("協議会を開催".into())),
            (
                "2".into(),
                "企画課".into(),
                Some("研修を年4回に拡充".into())
            ),
            ("2".into(), "健康推進課".into(), None),
        ]
    );
    assert_eq!(p.plan.cycles.len(), 1);
    assert_eq!(p.plan.cycles[0].due, due);
    // Again: nothing changes.
    let again = open_year(&store, id, FiscalYear(2025), due, &admin)
        .await
        .unwrap();
    assert_eq!(again.created, 0);
    assert_eq!(again.revision, p.revision);
    // The public sees neither the open year nor its records.
    let public = public_view(&p.plan);
    assert!(
        public
            .records
            .iter()
            .all(|r| r.fiscal_year == FiscalYear(2024))
    );
    assert!(!public.fiscal_years.contains(&FiscalYear(2025)));
    assert!(public.cycles.is_empty());
}

#[tokio::test]
async fn a_record_goes_through_save_submit_send_back_and_accept() {
    let (store, id) = stored().await;
    let admin = Actor::form("事務局");
    let editor = Actor::form("企画課 花子");
    open_year(
        &store,
        id,
        FiscalYear(2025),
        Date::new(2026, 5, 31).unwrap(),
        &admin,
    )
    .await
    .unwrap();
    let p = store.load(id).await.unwrap().unwrap();
    let rec = p.ids.record(&key("2", "企画課", 2025)).unwrap();

    // An invalid value is refused and nothing is written.
    let bad = review_record(
        &store,
        rec.id,
        &[(RecordField::Achievement, "たぶん".into())],
        Transition::Save,
        None,
        Some(rec.revision),
        &editor,
    )
    .await;
    assert!(matches!(bad, Err(CommandError::InvalidValue { .. })));

    let saved = review_record(
        &store,
        rec.id,
        &[
            (RecordField::ResultText, "研修を4回実施した".into()),
            (RecordField::Status, "ア".into()),
        ],
        Transition::Save,
        None,
        Some(rec.revision),
        &editor,
    )
    .await
    .unwrap();
    // A second editor who saw the old revision is told what changed.
    let lost = review_record(
        &store,
        rec.id,
        &[(RecordField::ResultText, "別の入力".into())],
        Transition::Save,
        None,
        Some(rec.revision),
        &Actor::form("企画課 次郎"),
    )
    .await;
    match lost {
        Err(CommandError::Conflict { changed, .. }) => {
            let fields: Vec<_> = changed.iter().filter_map(|e| e.field.clone()).collect();
            assert!(fields.contains(&"result_text".to_owned()), "{fields:?}");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let submitted = review_record(
        &store,
        rec.id,
        &[],
        Transition::Submit,
        None,
        Some(saved.revision),
        &editor,
    )
    .await
    .unwrap();
    // Submitted: the division can no longer save.
    let late = review_record(
        &store,
        rec.id,
        &[(RecordField::ResultText, "追記".into())],
        Transition::Save,
        None,
        Some(submitted.revision),
        &editor,
    )
    .await;
    assert_eq!(
        late.err().map(|e| e.to_string()),
        Some("「提出済」の記録は一時保存できません".into())
    );
    // Sending back needs a reason.
    let no_reason = review_record(
        &store,
        rec.id,
        &[],
        Transition::SendBack,
        Some("  "),
        None,
        &admin,
    )
    .await;
    assert_eq!(
        no_reason.err().map(|e| e.to_string()),
        Some("差戻しには理由を書いてください".into())
    );
    review_record(
        &store,
        rec.id,
        &[],
        Transition::SendBack,
        Some("回数の根拠を書いてください"),
        None,
        &admin,
    )
    .await
    .unwrap();
    let r = store.entity(rec.id).await.unwrap().unwrap();
    let body: ProgressRecord = serde_json::from_value(r.body).unwrap();
    assert_eq!(review_state(&body), ReviewState::SentBack);
    assert_eq!(
        body.review.as_ref().unwrap().comments[0].text,
        "回数の根拠を書いてください"
    );
    review_record(
        &store,
        rec.id,
        &[(
            RecordField::ResultText,
            "研修を4回（6月・9月・12月・2月）実施した".into(),
        )],
        Transition::Submit,
        None,
        Some(r.meta.revision),
        &editor,
    )
    .await
    .unwrap();
    review_record(&store, rec.id, &[], Transition::Accept, None, None, &admin)
        .await
        .unwrap();
    let body: ProgressRecord =
        serde_json::from_value(store.entity(rec.id).await.unwrap().unwrap().body).unwrap();
    assert_eq!(review_state(&body), ReviewState::Accepted);
    assert_eq!(
        body.result_text.as_deref(),
        Some("研修を4回（6月・9月・12月・2月）実施した")
    );
    // The history names every step and who took it.
    let history = store
        .history(HistoryFilter {
            plan: None,
            entity: Some(rec.id),
            after_revision: None,
        })
        .await
        .unwrap();
    let commands: Vec<(String, String)> = history
        .iter()
        .map(|e| (e.command.clone(), e.actor.clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(commands.contains(&("record submit".into(), "企画課 花子".into())));
    assert!(commands.contains(&("record send back".into(), "事務局".into())));
    assert!(commands.contains(&("record accept".into(), "事務局".into())));

    // Locked: nothing more is entered; published: the public sees the year.
    set_cycle_state(&store, id, FiscalYear(2025), CycleState::Locked, &admin)
        .await
        .unwrap();
    let other = p.ids.record(&key("1", "企画課", 2025)).unwrap();
    let closed = review_record(
        &store,
        other.id,
        &[(RecordField::ResultText, "遅れて入力".into())],
        Transition::Save,
        None,
        None,
        &editor,
    )
    .await;
    assert_eq!(
        closed.err().map(|e| e.to_string()),
        Some("令和7年度（2025年度）は受付中ではありません（締切済）".into())
    );
    set_cycle_state(&store, id, FiscalYear(2025), CycleState::Published, &admin)
        .await
        .unwrap();
    let p = store.load(id).await.unwrap().unwrap();
    let public = public_view(&p.plan);
    let published = public
        .records
        .iter()
        .find(|r| r.fiscal_year == FiscalYear(2025) && r.measure == MeasureKey::new("2"))
        .unwrap();
    assert_eq!(
        published.result_text.as_deref(),
        Some("研修を4回（6月・9月・12月・2月）実施した")
    );
    assert!(public.records.iter().all(|r| r.review.is_none()));
}

#[tokio::test]
async fn thirty_divisions_submitting_at_once_lose_nothing() {
    let store = Store::in_memory().await.unwrap();
    let mut p = plan();
    p.divisions.clear();
    p.assignments.clear();
    p.records.clear();
    p.retirements.clear();
    p.measures = vec![measure("1", "相談窓口")];
    for i in 0..30 {
        let d = format!("第{i}課");
        p.divisions.push(division(&d));
        p.assignments.push(Assignment {
            measure: MeasureKey::new("1"),
            division: DivisionKey::new(&d),
            location: Location::new("k.txt", 6),
        });
    }
    let doc = ImportedDocument {
        file_name: "k.txt".into(),
        sha256: "k".into(),
        layout: "kiyose".into(),
        plans: vec![p],
        diagnostics: vec![],
        stated_ids: vec![],
    };
    let id = import_document(&store, &doc, &Actor::command_line("import"))
        .await
        .unwrap()
        .plans[0]
        .id;
    open_year(
        &store,
        id,
        FiscalYear(2025),
        Date::new(2026, 5, 31).unwrap(),
        &Actor::form("事務局"),
    )
    .await
    .unwrap();
    let stored = store.load(id).await.unwrap().unwrap();
    let mut tasks = Vec::new();
    for i in 0..30 {
        let meta = stored
            .ids
            .record(&key("1", &format!("第{i}課"), 2025))
            .unwrap();
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            review_record(
                &store,
                meta.id,
                &[(RecordField::ResultText, format!("第{i}課の実績"))],
                Transition::Submit,
                None,
                Some(meta.revision),
                &Actor::form(format!("第{i}課")),
            )
            .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let after = store.load(id).await.unwrap().unwrap();
    for i in 0..30 {
        let r = after
            .plan
            .records
            .iter()
            .find(|r| r.division == Some(DivisionKey::new(format!("第{i}課"))))
            .unwrap();
        assert_eq!(
            r.result_text.as_deref(),
            Some(format!("第{i}課の実績").as_str())
        );
        assert_eq!(review_state(r), ReviewState::Submitted);
    }
}
