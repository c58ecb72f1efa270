#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Plan edits: add a measure, retire one, rename a division — each one transaction with its
//! history, refused with a reason when it names what the plan does not have. Each test runs on
//! SQLite (in memory) and on PostgreSQL (a fresh database on the server of
//! `SHINCHOKU_TEST_PG`; skipped without it, unless `SHINCHOKU_REQUIRE_PG` is set).

mod common;

use shinchoku_commands::{
    Actor, CommandError, ImportedDocument, add_measure, import_document, rename_division,
    retire_measure,
};
use shinchoku_core::{
    Division, DivisionKey, FiscalYear, Group, GroupKey, GroupKind, Location, Measure, MeasureKey,
    Plan, PlanId, PlanKind, Revision,
};
use shinchoku_store::{Action, HistoryFilter, Store};

fn plan() -> Plan {
    let mut p = Plan::new("清瀬市", "清瀬市自殺対策計画", PlanKind::SuicidePrevention);
    p.divisions.push(Division {
        key: DivisionKey::new("企画課"),
        name: "企画課".into(),
        department: None,
        external: false,
        renames: vec![],
    });
    p.groups.push(Group {
        key: GroupKey::new("1"),
        kind: GroupKind::BasicPolicy,
        label: "基本施策".into(),
        number: Some("1".into()),
        title: "地域におけるネットワークの強化".into(),
        parent: None,
        location: Location::new("k.txt", 3),
    });
    p.measures.push(Measure {
        key: MeasureKey::new("1"),
        number: Some("1".into()),
        name: "自殺対策連絡協議会".into(),
        description: None,
        audience: None,
        plan_page: None,
        location: Location::new("k.txt", 5),
    });
    p
}

on_both_engines!(
    a_measure_is_added_listed_and_assigned_then_retired_from_a_year,
    a_division_is_renamed_from_a_fiscal_year_on,
    the_package_mapping_is_stored_set_and_kept_by_a_reimport,
);

async fn stored(store: Store) -> (Store, PlanId) {
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

fn secretariat() -> Actor {
    Actor::command_line("事務局")
}

async fn a_measure_is_added_listed_and_assigned_then_retired_from_a_year(store: Store) {
    let (store, id) = stored(store).await;
    let measure = Measure {
        key: MeasureKey::new("2"),
        number: Some("2".into()),
        name: "ゲートキーパー養成講座".into(),
        description: Some("市民向け講座".into()),
        audience: None,
        plan_page: None,
        location: Location::new("(入力)", 0),
    };
    let rev = add_measure(
        &store,
        id,
        measure,
        &[GroupKey::new("1")],
        &[DivisionKey::new("企画課")],
        &secretariat(),
    )
    .await
    .unwrap();
    assert_eq!(rev, Revision(2));
    let s = store.load(id).await.unwrap().unwrap();
    assert_eq!(s.plan.measures[1].name, "ゲートキーパー養成講座");
    assert_eq!(s.plan.listings.len(), 1);
    assert_eq!(s.plan.assignments[0].division, DivisionKey::new("企画課"));
    let measure_id = s.ids.measure(&MeasureKey::new("2")).unwrap().id;

    let rev = retire_measure(
        &store,
        id,
        &MeasureKey::new("2"),
        FiscalYear(2025),
        Some("事業統合".into()),
        &secretariat(),
    )
    .await
    .unwrap();
    assert_eq!(rev, Revision(3));
    let s = store.load(id).await.unwrap().unwrap();
    assert!(s.plan.in_force(&MeasureKey::new("2"), FiscalYear(2024)));
    assert!(!s.plan.in_force(&MeasureKey::new("2"), FiscalYear(2025)));
    assert!(s.plan.in_force(&MeasureKey::new("1"), FiscalYear(2030)));
    // The measure itself stays, with its id.
    assert_eq!(s.ids.measure(&MeasureKey::new("2")).unwrap().id, measure_id);
    // Retiring again the same way changes nothing.
    let again = retire_measure(
        &store,
        id,
        &MeasureKey::new("2"),
        FiscalYear(2025),
        Some("事業統合".into()),
        &secretariat(),
    )
    .await
    .unwrap();
    assert_eq!(again, Revision(3));

    let events = store
        .history(HistoryFilter {
            plan: Some(id),
            ..HistoryFilter::default()
        })
        .await
        .unwrap();
    let by_command = |c: &str| events.iter().filter(|e| e.command == c).count();
    // measure, listing, assignment created; the retirement created.
    assert_eq!(by_command("measure add"), 3);
    assert_eq!(by_command("measure retire"), 1);
    assert!(
        events
            .iter()
            .all(|e| e.command == "import" || e.actor == "事務局")
    );

    // A measure key that exists, a group or measure the plan lacks: refused, nothing written.
    let dump = store.dump().await.unwrap();
    let dup = add_measure(
        &store,
        id,
        plan().measures[0].clone(),
        &[],
        &[],
        &secretariat(),
    )
    .await
    .unwrap_err();
    assert_eq!(dup.to_string(), "the plan already has a measure `1`");
    let mut other = plan().measures[0].clone();
    other.key = MeasureKey::new("3");
    let no_group = add_measure(
        &store,
        id,
        other,
        &[GroupKey::new("9")],
        &[],
        &secretariat(),
    )
    .await
    .unwrap_err();
    assert_eq!(no_group.to_string(), "no group `9` in the plan");
    let no_measure = retire_measure(
        &store,
        id,
        &MeasureKey::new("77"),
        FiscalYear(2025),
        None,
        &secretariat(),
    )
    .await
    .unwrap_err();
    assert!(matches!(no_measure, CommandError::NotFound(_)));
    assert_eq!(store.dump().await.unwrap(), dump);
}

async fn a_division_is_renamed_from_a_fiscal_year_on(store: Store) {
    let (store, id) = stored(store).await;
    rename_division(
        &store,
        id,
        &DivisionKey::new("企画課"),
        FiscalYear(2022),
        "地域振興課",
        &secretariat(),
    )
    .await
    .unwrap();
    let s = store.load(id).await.unwrap().unwrap();
    let d = &s.plan.divisions[0];
    assert_eq!(d.name_in(FiscalYear(2021)), "企画課");
    assert_eq!(d.name_in(FiscalYear(2022)), "地域振興課");
    assert_eq!(d.renames[0].original, "企画課(令和4年度～地域振興課)");
    let division_id = s.ids.division(&DivisionKey::new("企画課")).unwrap().id;
    let events = store
        .history(HistoryFilter {
            entity: Some(division_id),
            ..HistoryFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].action, Action::Updated);
    assert_eq!(events[1].field.as_deref(), Some("renames"));
    assert_eq!(events[1].old, Some(serde_json::json!([])));

    let blank = rename_division(
        &store,
        id,
        &DivisionKey::new("企画課"),
        FiscalYear(2023),
        "  ",
        &secretariat(),
    )
    .await
    .unwrap_err();
    assert_eq!(blank.to_string(), "name: 新しい名称を入力してください");
}

async fn the_package_mapping_is_stored_set_and_kept_by_a_reimport(store: Store) {
    use shinchoku_commands::package::{AreaChoice, set_package, store_proposal};
    let (store, id) = stored(store).await;
    let r1 = store_proposal(&store, id, &secretariat()).await.unwrap();
    let m = store.load(id).await.unwrap().unwrap().plan.package.unwrap();
    assert_eq!(m.groups.len(), 1);
    assert_eq!(m.groups[0].area.as_deref(), Some("basic-1"));
    // Proposing again, or setting what is stored, changes nothing.
    assert_eq!(
        store_proposal(&store, id, &secretariat()).await.unwrap(),
        r1
    );
    let choice = [(GroupKey::new("1"), AreaChoice::Area("basic-3".into()))];
    let r2 = set_package(&store, id, &choice, &secretariat())
        .await
        .unwrap();
    assert_eq!(r2.0, r1.0 + 1);
    assert_eq!(
        set_package(&store, id, &choice, &secretariat())
            .await
            .unwrap(),
        r2
    );
    let events: Vec<_> = store
        .history(HistoryFilter {
            plan: Some(id),
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.field.as_deref() == Some("package"))
        .collect();
    assert_eq!(events.len(), 2, "proposal stored, then set");
    assert_eq!(events[1].command, "package set");
    assert_eq!(events[1].actor, "事務局");
    // A group the plan does not have, or an area the package does not have, is refused.
    let bad = [(GroupKey::new("9"), AreaChoice::NoArea)];
    assert!(matches!(
        set_package(&store, id, &bad, &secretariat()).await,
        Err(CommandError::NotFound(_))
    ));
    let bad = [(GroupKey::new("1"), AreaChoice::Area("basic-9".into()))];
    assert!(matches!(
        set_package(&store, id, &bad, &secretariat()).await,
        Err(CommandError::InvalidValue { .. })
    ));
    // A later report of the plan (without a mapping) keeps the stored one.
    let mut later = plan();
    later.philosophy = Some("誰も自殺に追い込まれることのない清瀬市".into());
    let doc = ImportedDocument {
        file_name: "k2.txt".into(),
        sha256: "k2".into(),
        layout: "kiyose".into(),
        plans: vec![later],
        diagnostics: vec![],
        stated_ids: vec![],
    };
    import_document(&store, &doc, &Actor::command_line("import"))
        .await
        .unwrap();
    let p = store.load(id).await.unwrap().unwrap().plan;
    assert!(p.philosophy.is_some());
    assert_eq!(
        p.package.unwrap().groups[0].area.as_deref(),
        Some("basic-3"),
        "kept"
    );
}
