//! PostgreSQL statements of [`crate::accounts`] (the statements of `sqlite::accounts`, in
//! PostgreSQL's dialect, with the same results). Writers run under the write lock, so a check
//! followed by a write (a taken login) sees every other process's committed rows.

use super::Tx;
use super::read::col;
use super::write::next_id;
use crate::StoreError;
use crate::accounts::{Account, AccountId, ApiTokenRow, NewAccount, Role, SessionRow};
use postgres::Row;

fn account_of(r: &Row) -> Result<Account, StoreError> {
    let n = "account";
    let role: &str = col(r, 4, n)?;
    let Some(role) = Role::parse(role) else {
        return Err(StoreError::corrupt(n, format!("role `{role}`")));
    };
    let divisions: &str = col(r, 6, n)?;
    let divisions: Vec<String> =
        serde_json::from_str(divisions).map_err(|e| StoreError::corrupt(n, e.to_string()))?;
    Ok(Account {
        id: AccountId(col(r, 0, n)?),
        login: col(r, 1, n)?,
        display_name: col(r, 2, n)?,
        email: col(r, 3, n)?,
        role,
        scope: col(r, 5, n)?,
        divisions,
        password_hash: col(r, 7, n)?,
        disabled: col(r, 8, n)?,
        created_at_ms: col(r, 9, n)?,
    })
}

pub(crate) fn create_account(tx: &mut Tx<'_>, a: &NewAccount) -> Result<Account, StoreError> {
    if tx
        .query_opt("SELECT id FROM account WHERE login = $1", &[&a.login])?
        .is_some()
    {
        return Err(StoreError::Duplicate(format!(
            "an account `{}` exists already",
            a.login
        )));
    }
    let divisions =
        serde_json::to_string(&a.divisions).map_err(|e| StoreError::Internal(e.to_string()))?;
    let id = next_id(tx, "account")?;
    tx.execute(
        "INSERT INTO account (id, login, display_name, email, role, scope, divisions,
         password_hash, disabled, created_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, $9)",
        &[
            &id,
            &a.login,
            &a.display_name,
            &a.email,
            &a.role.as_str(),
            &a.scope,
            &divisions,
            &a.password_hash,
            &a.created_at_ms,
        ],
    )?;
    account(tx, AccountId(id))?
        .ok_or_else(|| StoreError::Internal("account vanished after insert".into()))
}

pub(crate) fn account(tx: &mut Tx<'_>, id: AccountId) -> Result<Option<Account>, StoreError> {
    tx.query_opt(
        "SELECT id, login, display_name, email, role, scope, divisions, password_hash,
                disabled, created_at_ms
         FROM account WHERE id = $1",
        &[&id.0],
    )?
    .map(|r| account_of(&r))
    .transpose()
}

pub(crate) fn account_by_login(
    tx: &mut Tx<'_>,
    login: &str,
) -> Result<Option<Account>, StoreError> {
    tx.query_opt(
        "SELECT id, login, display_name, email, role, scope, divisions, password_hash,
                disabled, created_at_ms
         FROM account WHERE login = $1",
        &[&login],
    )?
    .map(|r| account_of(&r))
    .transpose()
}

pub(crate) fn accounts(tx: &mut Tx<'_>) -> Result<Vec<Account>, StoreError> {
    tx.query(
        "SELECT id, login, display_name, email, role, scope, divisions, password_hash,
                disabled, created_at_ms
         FROM account ORDER BY id",
        &[],
    )?
    .iter()
    .map(account_of)
    .collect()
}

pub(crate) fn update_account(tx: &mut Tx<'_>, a: &Account) -> Result<(), StoreError> {
    let divisions =
        serde_json::to_string(&a.divisions).map_err(|e| StoreError::Internal(e.to_string()))?;
    let n = tx.execute(
        "UPDATE account SET display_name = $2, email = $3, role = $4, scope = $5,
         divisions = $6, password_hash = $7, disabled = $8 WHERE id = $1",
        &[
            &a.id.0,
            &a.display_name,
            &a.email,
            &a.role.as_str(),
            &a.scope,
            &divisions,
            &a.password_hash,
            &a.disabled,
        ],
    )?;
    if n == 0 {
        return Err(StoreError::Internal(format!("no account {}", a.id)));
    }
    if a.disabled {
        tx.execute("DELETE FROM session WHERE account_id = $1", &[&a.id.0])?;
    }
    Ok(())
}

pub(crate) fn create_session(tx: &mut Tx<'_>, s: &SessionRow) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM session WHERE expires_at_ms < $1",
        &[&s.created_at_ms],
    )?;
    tx.execute(
        "INSERT INTO session (token_hash, account_id, csrf, created_at_ms, expires_at_ms)
         VALUES ($1, $2, $3, $4, $5)",
        &[
            &s.token_hash,
            &s.account.0,
            &s.csrf,
            &s.created_at_ms,
            &s.expires_at_ms,
        ],
    )?;
    Ok(())
}

pub(crate) fn session(
    tx: &mut Tx<'_>,
    token_hash: &str,
    now_ms: i64,
) -> Result<Option<(SessionRow, Account)>, StoreError> {
    let Some(r) = tx.query_opt(
        "SELECT token_hash, account_id, csrf, created_at_ms, expires_at_ms FROM session
         WHERE token_hash = $1 AND expires_at_ms > $2",
        &[&token_hash, &now_ms],
    )?
    else {
        return Ok(None);
    };
    let n = "session";
    let row = SessionRow {
        token_hash: col(&r, 0, n)?,
        account: AccountId(col(&r, 1, n)?),
        csrf: col(&r, 2, n)?,
        created_at_ms: col(&r, 3, n)?,
        expires_at_ms: col(&r, 4, n)?,
    };
    match account(tx, row.account)? {
        Some(a) if !a.disabled => Ok(Some((row, a))),
        _ => Ok(None),
    }
}

pub(crate) fn delete_session(tx: &mut Tx<'_>, token_hash: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM session WHERE token_hash = $1", &[&token_hash])?;
    Ok(())
}

pub(crate) fn note_login_failure(
    tx: &mut Tx<'_>,
    login: &str,
    at_ms: i64,
    keep_after_ms: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM login_failure WHERE at_ms < $1",
        &[&keep_after_ms],
    )?;
    tx.execute(
        "INSERT INTO login_failure (login, at_ms) VALUES ($1, $2)",
        &[&login, &at_ms],
    )?;
    Ok(())
}

pub(crate) fn login_failures(
    tx: &mut Tx<'_>,
    login: &str,
    since_ms: i64,
) -> Result<u32, StoreError> {
    let r = tx.query_one(
        "SELECT count(*) FROM login_failure WHERE login = $1 AND at_ms >= $2",
        &[&login, &since_ms],
    )?;
    let n: i64 = col(&r, 0, "login_failure")?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub(crate) fn clear_login_failures(tx: &mut Tx<'_>, login: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM login_failure WHERE login = $1", &[&login])?;
    Ok(())
}

pub(crate) fn create_api_token(
    tx: &mut Tx<'_>,
    account: AccountId,
    name: &str,
    token_hash: &str,
    at_ms: i64,
) -> Result<ApiTokenRow, StoreError> {
    let id = next_id(tx, "api_token")?;
    tx.execute(
        "INSERT INTO api_token (id, account_id, name, token_hash, created_at_ms)
         VALUES ($1, $2, $3, $4, $5)",
        &[&id, &account.0, &name, &token_hash, &at_ms],
    )?;
    Ok(ApiTokenRow {
        id,
        account,
        name: name.to_owned(),
        token_hash: token_hash.to_owned(),
        created_at_ms: at_ms,
        revoked_at_ms: None,
    })
}

fn token_of(r: &Row) -> Result<ApiTokenRow, StoreError> {
    let n = "api_token";
    Ok(ApiTokenRow {
        id: col(r, 0, n)?,
        account: AccountId(col(r, 1, n)?),
        name: col(r, 2, n)?,
        token_hash: col(r, 3, n)?,
        created_at_ms: col(r, 4, n)?,
        revoked_at_ms: col(r, 5, n)?,
    })
}

pub(crate) fn api_token(
    tx: &mut Tx<'_>,
    token_hash: &str,
) -> Result<Option<(ApiTokenRow, Account)>, StoreError> {
    let Some(r) = tx.query_opt(
        "SELECT id, account_id, name, token_hash, created_at_ms, revoked_at_ms
         FROM api_token WHERE token_hash = $1 AND revoked_at_ms IS NULL",
        &[&token_hash],
    )?
    else {
        return Ok(None);
    };
    let row = token_of(&r)?;
    match account(tx, row.account)? {
        Some(a) if !a.disabled => Ok(Some((row, a))),
        _ => Ok(None),
    }
}

pub(crate) fn api_tokens(
    tx: &mut Tx<'_>,
    account: AccountId,
) -> Result<Vec<ApiTokenRow>, StoreError> {
    tx.query(
        "SELECT id, account_id, name, token_hash, created_at_ms, revoked_at_ms
         FROM api_token WHERE account_id = $1 ORDER BY id",
        &[&account.0],
    )?
    .iter()
    .map(token_of)
    .collect()
}

pub(crate) fn revoke_api_token(
    tx: &mut Tx<'_>,
    account: AccountId,
    id: i64,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let n = tx.execute(
        "UPDATE api_token SET revoked_at_ms = $3
         WHERE id = $1 AND account_id = $2 AND revoked_at_ms IS NULL",
        &[&id, &account.0, &at_ms],
    )?;
    Ok(n > 0)
}

/// Records that `key` was sent; `false` when it was already (by this or another process:
/// the insert is one statement, and writers hold the write lock besides).
pub(crate) fn claim_notice(
    tx: &mut Tx<'_>,
    key: &str,
    recipient: &str,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let n = tx.execute(
        "INSERT INTO notice (key, recipient, sent_at_ms) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO NOTHING",
        &[&key, &recipient, &at_ms],
    )?;
    Ok(n > 0)
}

pub(crate) fn release_notice(tx: &mut Tx<'_>, key: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM notice WHERE key = $1", &[&key])?;
    Ok(())
}

pub(crate) fn setting(tx: &mut Tx<'_>, key: &str) -> Result<Option<String>, StoreError> {
    tx.query_opt("SELECT value FROM setting WHERE key = $1", &[&key])?
        .map(|r| col(&r, 0, "setting"))
        .transpose()
}

pub(crate) fn set_setting(tx: &mut Tx<'_>, key: &str, value: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO setting (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[&key, &value],
    )?;
    Ok(())
}
