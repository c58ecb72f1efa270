//! SQLite statements of [`crate::accounts`].

use crate::StoreError;
use crate::accounts::{Account, AccountId, ApiTokenRow, NewAccount, Role, SessionRow};
use rusqlite::{Connection, OptionalExtension, Row, params};

const ACCOUNT_COLUMNS: &str = "id, login, display_name, email, role, scope, divisions, \
     password_hash, disabled, created_at_ms";

fn account_of(r: &Row<'_>) -> rusqlite::Result<Result<Account, StoreError>> {
    let role: String = r.get(4)?;
    let divisions: String = r.get(6)?;
    let Some(role) = Role::parse(&role) else {
        return Ok(Err(StoreError::corrupt(
            "account",
            format!("role `{role}`"),
        )));
    };
    let divisions: Vec<String> = match serde_json::from_str(&divisions) {
        Ok(d) => d,
        Err(e) => return Ok(Err(StoreError::corrupt("account", e.to_string()))),
    };
    Ok(Ok(Account {
        id: AccountId(r.get(0)?),
        login: r.get(1)?,
        display_name: r.get(2)?,
        email: r.get(3)?,
        role,
        scope: r.get(5)?,
        divisions,
        password_hash: r.get(7)?,
        disabled: r.get::<_, i64>(8)? != 0,
        created_at_ms: r.get(9)?,
    }))
}

fn one_account(
    conn: &Connection,
    clause: &str,
    param: &dyn rusqlite::ToSql,
) -> Result<Option<Account>, StoreError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM account WHERE {clause}");
    conn.query_row(&sql, [param], account_of)
        .optional()?
        .transpose()
}

pub(crate) fn create_account(conn: &Connection, a: &NewAccount) -> Result<Account, StoreError> {
    let exists: Option<i64> = conn
        .query_row("SELECT id FROM account WHERE login = ?1", [&a.login], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        return Err(StoreError::Duplicate(format!(
            "an account `{}` exists already",
            a.login
        )));
    }
    let divisions =
        serde_json::to_string(&a.divisions).map_err(|e| StoreError::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO account (login, display_name, email, role, scope, divisions, password_hash,
         disabled, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)",
        params![
            a.login,
            a.display_name,
            a.email,
            a.role.as_str(),
            a.scope,
            divisions,
            a.password_hash,
            a.created_at_ms
        ],
    )?;
    let id = conn.last_insert_rowid();
    one_account(conn, "id = ?1", &id)?
        .ok_or_else(|| StoreError::Internal("account vanished after insert".into()))
}

pub(crate) fn account(conn: &Connection, id: AccountId) -> Result<Option<Account>, StoreError> {
    one_account(conn, "id = ?1", &id.0)
}

pub(crate) fn account_by_login(
    conn: &Connection,
    login: &str,
) -> Result<Option<Account>, StoreError> {
    one_account(conn, "login = ?1", &login)
}

pub(crate) fn accounts(conn: &Connection) -> Result<Vec<Account>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY id"
    ))?;
    let rows = stmt.query_map([], account_of)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r??);
    }
    Ok(out)
}

pub(crate) fn update_account(conn: &Connection, a: &Account) -> Result<(), StoreError> {
    let divisions =
        serde_json::to_string(&a.divisions).map_err(|e| StoreError::Internal(e.to_string()))?;
    let n = conn.execute(
        "UPDATE account SET display_name = ?2, email = ?3, role = ?4, scope = ?5,
         divisions = ?6, password_hash = ?7, disabled = ?8 WHERE id = ?1",
        params![
            a.id.0,
            a.display_name,
            a.email,
            a.role.as_str(),
            a.scope,
            divisions,
            a.password_hash,
            i64::from(a.disabled)
        ],
    )?;
    if n == 0 {
        return Err(StoreError::Internal(format!("no account {}", a.id)));
    }
    if a.disabled {
        conn.execute("DELETE FROM session WHERE account_id = ?1", [a.id.0])?;
    }
    Ok(())
}

pub(crate) fn create_session(conn: &Connection, s: &SessionRow) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM session WHERE expires_at_ms < ?1",
        [s.created_at_ms],
    )?;
    conn.execute(
        "INSERT INTO session (token_hash, account_id, csrf, created_at_ms, expires_at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            s.token_hash,
            s.account.0,
            s.csrf,
            s.created_at_ms,
            s.expires_at_ms
        ],
    )?;
    Ok(())
}

pub(crate) fn session(
    conn: &Connection,
    token_hash: &str,
    now_ms: i64,
) -> Result<Option<(SessionRow, Account)>, StoreError> {
    let row = conn
        .query_row(
            "SELECT token_hash, account_id, csrf, created_at_ms, expires_at_ms FROM session
             WHERE token_hash = ?1 AND expires_at_ms > ?2",
            params![token_hash, now_ms],
            |r| {
                Ok(SessionRow {
                    token_hash: r.get(0)?,
                    account: AccountId(r.get(1)?),
                    csrf: r.get(2)?,
                    created_at_ms: r.get(3)?,
                    expires_at_ms: r.get(4)?,
                })
            },
        )
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    match account(conn, row.account)? {
        Some(a) if !a.disabled => Ok(Some((row, a))),
        _ => Ok(None),
    }
}

pub(crate) fn delete_session(conn: &Connection, token_hash: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM session WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

pub(crate) fn note_login_failure(
    conn: &Connection,
    login: &str,
    at_ms: i64,
    keep_after_ms: i64,
) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM login_failure WHERE at_ms < ?1",
        [keep_after_ms],
    )?;
    conn.execute(
        "INSERT INTO login_failure (login, at_ms) VALUES (?1, ?2)",
        params![login, at_ms],
    )?;
    Ok(())
}

pub(crate) fn login_failures(
    conn: &Connection,
    login: &str,
    since_ms: i64,
) -> Result<u32, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM login_failure WHERE login = ?1 AND at_ms >= ?2",
        params![login, since_ms],
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub(crate) fn clear_login_failures(conn: &Connection, login: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM login_failure WHERE login = ?1", [login])?;
    Ok(())
}

pub(crate) fn create_api_token(
    conn: &Connection,
    account: AccountId,
    name: &str,
    token_hash: &str,
    at_ms: i64,
) -> Result<ApiTokenRow, StoreError> {
    conn.execute(
        "INSERT INTO api_token (account_id, name, token_hash, created_at_ms)
         VALUES (?1, ?2, ?3, ?4)",
        params![account.0, name, token_hash, at_ms],
    )?;
    Ok(ApiTokenRow {
        id: conn.last_insert_rowid(),
        account,
        name: name.to_owned(),
        token_hash: token_hash.to_owned(),
        created_at_ms: at_ms,
        revoked_at_ms: None,
    })
}

fn token_of(r: &Row<'_>) -> rusqlite::Result<ApiTokenRow> {
    Ok(ApiTokenRow {
        id: r.get(0)?,
        account: AccountId(r.get(1)?),
        name: r.get(2)?,
        token_hash: r.get(3)?,
        created_at_ms: r.get(4)?,
        revoked_at_ms: r.get(5)?,
    })
}

pub(crate) fn api_token(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<(ApiTokenRow, Account)>, StoreError> {
    let row = conn
        .query_row(
            "SELECT id, account_id, name, token_hash, created_at_ms, revoked_at_ms
             FROM api_token WHERE token_hash = ?1 AND revoked_at_ms IS NULL",
            [token_hash],
            token_of,
        )
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    match account(conn, row.account)? {
        Some(a) if !a.disabled => Ok(Some((row, a))),
        _ => Ok(None),
    }
}

pub(crate) fn api_tokens(
    conn: &Connection,
    account: AccountId,
) -> Result<Vec<ApiTokenRow>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, account_id, name, token_hash, created_at_ms, revoked_at_ms
         FROM api_token WHERE account_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([account.0], token_of)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn revoke_api_token(
    conn: &Connection,
    account: AccountId,
    id: i64,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let n = conn.execute(
        "UPDATE api_token SET revoked_at_ms = ?3
         WHERE id = ?1 AND account_id = ?2 AND revoked_at_ms IS NULL",
        params![id, account.0, at_ms],
    )?;
    Ok(n > 0)
}

pub(crate) fn claim_notice(
    conn: &Connection,
    key: &str,
    recipient: &str,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let n = conn.execute(
        "INSERT INTO notice (key, recipient, sent_at_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO NOTHING",
        params![key, recipient, at_ms],
    )?;
    Ok(n > 0)
}

pub(crate) fn release_notice(conn: &Connection, key: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM notice WHERE key = ?1", [key])?;
    Ok(())
}

pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(crate) fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
