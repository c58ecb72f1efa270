#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Accounts, sessions, throttling records, API tokens, notices and settings as stored rows;
//! a version-4 database (before accounts) migrates with its plans kept.

use shinchoku_store::{NewAccount, Role, SessionRow, Store, StoreError};

fn new_account(login: &str, role: Role) -> NewAccount {
    NewAccount {
        login: login.into(),
        display_name: format!("{login} さん"),
        email: Some(format!("{login}@example.jp")),
        role,
        scope: "清瀬市".into(),
        divisions: vec!["企画課".into(), "健康推進課".into()],
        password_hash: "$argon2id$x".into(),
        created_at_ms: 1,
    }
}

#[tokio::test]
async fn accounts_sessions_tokens_and_notices_round_trip() {
    let store = Store::in_memory().await.unwrap();
    let a = store
        .create_account(new_account("hanako", Role::Editor))
        .await
        .unwrap();
    assert_eq!(a.divisions, vec!["企画課", "健康推進課"]);
    assert_eq!(a.role, Role::Editor);
    let dup = store
        .create_account(new_account("hanako", Role::Admin))
        .await;
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
    assert_eq!(
        store.account_by_login("hanako").await.unwrap().unwrap().id,
        a.id
    );

    store
        .create_session(SessionRow {
            token_hash: "h1".into(),
            account: a.id,
            csrf: "c1".into(),
            created_at_ms: 100,
            expires_at_ms: 200,
        })
        .await
        .unwrap();
    let (s, who) = store.session("h1", 150).await.unwrap().unwrap();
    assert_eq!((s.csrf.as_str(), who.login.as_str()), ("c1", "hanako"));
    assert!(store.session("h1", 200).await.unwrap().is_none(), "expired");
    assert!(store.session("nope", 150).await.unwrap().is_none());

    // Disabling ends the sessions.
    let mut disabled = who.clone();
    disabled.disabled = true;
    store.update_account(disabled).await.unwrap();
    assert!(store.session("h1", 150).await.unwrap().is_none());

    // Throttling records are per login and forgotten after the window.
    store.note_login_failure("hanako", 10, 0).await.unwrap();
    store.note_login_failure("hanako", 20, 0).await.unwrap();
    store.note_login_failure("taro", 20, 0).await.unwrap();
    assert_eq!(store.login_failures("hanako", 0).await.unwrap(), 2);
    assert_eq!(store.login_failures("hanako", 15).await.unwrap(), 1);
    store.clear_login_failures("hanako").await.unwrap();
    assert_eq!(store.login_failures("hanako", 0).await.unwrap(), 0);
    assert_eq!(store.login_failures("taro", 0).await.unwrap(), 1);

    let admin = store
        .create_account(new_account("jimukyoku", Role::Admin))
        .await
        .unwrap();
    let t = store
        .create_api_token(admin.id, "基幹システム", "th", 5)
        .await
        .unwrap();
    assert_eq!(store.api_token("th").await.unwrap().unwrap().1.id, admin.id);
    assert!(
        !store.revoke_api_token(a.id, t.id, 6).await.unwrap(),
        "not theirs"
    );
    assert!(store.revoke_api_token(admin.id, t.id, 6).await.unwrap());
    assert!(store.api_token("th").await.unwrap().is_none());
    assert_eq!(
        store.api_tokens(admin.id).await.unwrap()[0].revoked_at_ms,
        Some(6)
    );

    assert!(
        store
            .claim_notice("due:1", "a@example.jp", 1)
            .await
            .unwrap()
    );
    assert!(
        !store
            .claim_notice("due:1", "a@example.jp", 2)
            .await
            .unwrap()
    );
    store.release_notice("due:1").await.unwrap();
    assert!(
        store
            .claim_notice("due:1", "a@example.jp", 3)
            .await
            .unwrap()
    );

    assert_eq!(store.setting("smtp").await.unwrap(), None);
    store.set_setting("smtp", "{\"host\":\"a\"}").await.unwrap();
    store.set_setting("smtp", "{\"host\":\"b\"}").await.unwrap();
    assert_eq!(
        store.setting("smtp").await.unwrap().as_deref(),
        Some("{\"host\":\"b\"}")
    );
}

#[tokio::test]
async fn a_version_4_database_gains_accounts_and_keeps_its_plans() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        // A version-4 database as the previous build made it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/sqlite/0004_living_store.sql"))
            .unwrap();
        conn.execute(
            "INSERT INTO plans (id, plan_key, municipality, title, header, revision, updated_at_ms)
             VALUES (7, 'k', '清瀬市', '計画', '{}', 3, 1)",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 4).unwrap();
    }
    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), 5);
    assert!(store.accounts().await.unwrap().is_empty());
    let dump = store.dump().await.unwrap();
    assert!(
        dump.contains("7|\"k\"|\"清瀬市\"|\"計画\"|3|1|\"{}\""),
        "{dump}"
    );
    store
        .create_account(new_account("hanako", Role::Editor))
        .await
        .unwrap();
    // Opening again migrates nothing.
    drop(store);
    let store = Store::open(&path).await.unwrap();
    let report = store.migrate().await.unwrap();
    assert_eq!((report.from, report.to), (5, 5));
    assert_eq!(store.accounts().await.unwrap().len(), 1);
}
