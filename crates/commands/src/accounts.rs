//! Accounts: create, change password, disable; sign in and out (sessions stored in the
//! database, so that every server process knows them); API tokens.
//!
//! Passwords are hashed with argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes).
//! Session and API tokens are 32 random bytes from the operating system; the store keeps
//! only their SHA-256, so a copy of the database gives no way in. Sign-in is throttled per
//! login: after [`MAX_FAILURES`] failures within [`FAILURE_WINDOW_MS`] further attempts are
//! refused until the window has passed, whatever the password.

use crate::CommandError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};
use shinchoku_store::{
    Account, AccountId, ApiTokenRow, NewAccount, Role, SessionRow, Store, StoreError, now_ms,
};

/// Failed sign-ins of one login that are tolerated within [`FAILURE_WINDOW_MS`].
pub const MAX_FAILURES: u32 = 5;
/// The throttling window: 15 minutes.
pub const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// How long a session lasts: 12 hours (a working day).
pub const SESSION_MS: i64 = 12 * 3600 * 1000;
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// 32 random bytes as 64 hex digits.
pub fn random_token() -> Result<String, CommandError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| CommandError::Invalid(format!("no randomness from the system: {e}")))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The SHA-256 of a token, as the store keeps it.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// An argon2id hash (PHC string) of a password.
pub fn hash_password(password: &str) -> Result<String, CommandError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| CommandError::Invalid(format!("no randomness from the system: {e}")))?;
    let salt =
        SaltString::encode_b64(&salt).map_err(|e| CommandError::Invalid(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CommandError::Invalid(format!("password hash: {e}")))
}

/// Whether `password` matches a stored hash (a malformed hash matches nothing).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

fn check_password(password: &str) -> Result<(), CommandError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(CommandError::InvalidValue {
            field: "password".into(),
            message: format!("パスワードは{MIN_PASSWORD_CHARS}文字以上にしてください"),
        });
    }
    Ok(())
}

/// What a new account is.
#[derive(Debug, Clone)]
pub struct AccountSpec {
    pub login: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub scope: String,
    pub divisions: Vec<String>,
}

/// Creates an account with a password.
pub async fn add_account(
    store: &Store,
    spec: AccountSpec,
    password: &str,
) -> Result<Account, CommandError> {
    let login = spec.login.trim();
    if login.is_empty()
        || login.chars().count() > 64
        || login.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(CommandError::InvalidValue {
            field: "login".into(),
            message: "ログイン名は空白を含まない64文字以内にしてください".into(),
        });
    }
    if spec.scope.trim().is_empty() {
        return Err(CommandError::InvalidValue {
            field: "municipality".into(),
            message: "自治体（広域担当は都道府県）を指定してください".into(),
        });
    }
    if spec.role == Role::Editor && spec.divisions.is_empty() {
        return Err(CommandError::InvalidValue {
            field: "divisions".into(),
            message: "担当課のアカウントには課を1つ以上指定してください".into(),
        });
    }
    check_password(password)?;
    let account = NewAccount {
        login: login.to_owned(),
        display_name: spec.display_name.trim().to_owned(),
        email: spec
            .email
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty()),
        role: spec.role,
        scope: spec.scope.trim().to_owned(),
        divisions: spec
            .divisions
            .iter()
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect(),
        password_hash: hash_password(password)?,
        created_at_ms: now_ms(),
    };
    Ok(store.create_account(account).await?)
}

async fn by_login(store: &Store, login: &str) -> Result<Account, CommandError> {
    store
        .account_by_login(login)
        .await?
        .ok_or_else(|| CommandError::NotFound(format!("no account `{login}`")))
}

/// Sets a new password (and ends the account's sessions by the store's rules for disabled
/// accounts only; existing sessions stay).
pub async fn set_password(store: &Store, login: &str, password: &str) -> Result<(), CommandError> {
    check_password(password)?;
    let mut account = by_login(store, login).await?;
    account.password_hash = hash_password(password)?;
    Ok(store.update_account(account).await?)
}

/// Disables (or enables again) an account; disabling ends its sessions and API tokens stop
/// working.
pub async fn set_disabled(store: &Store, login: &str, disabled: bool) -> Result<(), CommandError> {
    let mut account = by_login(store, login).await?;
    account.disabled = disabled;
    Ok(store.update_account(account).await?)
}

/// Why a sign-in failed. The message never says whether the login exists.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("ログイン名またはパスワードが違います")]
    Invalid,
    #[error("失敗が続いたため、しばらくログインできません。{minutes}分ほど後にお試しください")]
    Throttled { minutes: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Command(#[from] CommandError),
}

/// A new session: the token goes into the cookie, the CSRF token into every form.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
    pub account: Account,
    pub expires_at_ms: i64,
}

/// Signs in: checks throttling, the password and that the account is enabled, and stores a
/// session.
pub async fn login(store: &Store, login: &str, password: &str) -> Result<NewSession, LoginError> {
    let now = now_ms();
    let login = login.trim();
    let since = now - FAILURE_WINDOW_MS;
    if store.login_failures(login, since).await? >= MAX_FAILURES {
        return Err(LoginError::Throttled {
            minutes: FAILURE_WINDOW_MS / 60_000,
        });
    }
    let account = store.account_by_login(login).await?;
    let ok = match &account {
        Some(a) => verify_password(password, &a.password_hash) && !a.disabled,
        None => {
            // The same work as a real check, so that timing does not tell which logins
            // exist.
            let _ = verify_password(password, DUMMY_HASH);
            false
        }
    };
    let Some(account) = account.filter(|_| ok) else {
        store.note_login_failure(login, now, since).await?;
        return Err(LoginError::Invalid);
    };
    store.clear_login_failures(login).await?;
    let token = random_token()?;
    let csrf = random_token()?;
    let expires_at_ms = now + SESSION_MS;
    store
        .create_session(SessionRow {
            token_hash: token_hash(&token),
            account: account.id,
            csrf: csrf.clone(),
            created_at_ms: now,
            expires_at_ms,
        })
        .await?;
    Ok(NewSession {
        token,
        csrf,
        account,
        expires_at_ms,
    })
}

/// An argon2id hash of a random password, verified against when a login does not exist.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2hpbmNob2t1LWR1bW15$\
    6yV0bGf2B4o4mH2yYk6u8z2vC1m7Q9x0Hn3lQ2p5r8E";

/// The live session of a cookie's token.
pub async fn session(
    store: &Store,
    token: &str,
) -> Result<Option<(SessionRow, Account)>, CommandError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(store.session(&token_hash(token), now_ms()).await?)
}

/// Signs out: the session is deleted.
pub async fn logout(store: &Store, token: &str) -> Result<(), CommandError> {
    Ok(store.delete_session(&token_hash(token)).await?)
}

/// A new API token for an account; the token itself is shown once and never stored.
pub async fn create_api_token(
    store: &Store,
    account: AccountId,
    name: &str,
) -> Result<(String, ApiTokenRow), CommandError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(CommandError::InvalidValue {
            field: "name".into(),
            message: "トークンの名前を100文字以内で入力してください".into(),
        });
    }
    let token = format!("shk_{}", random_token()?);
    let row = store
        .create_api_token(account, name, &token_hash(&token), now_ms())
        .await?;
    Ok((token, row))
}

/// The account of a live API token (`Authorization: Bearer shk_…`).
pub async fn api_account(
    store: &Store,
    token: &str,
) -> Result<Option<(ApiTokenRow, Account)>, CommandError> {
    if !token.starts_with("shk_") || token.len() != 68 {
        return Ok(None);
    }
    Ok(store.api_token(&token_hash(token)).await?)
}

/// Whether two names (of municipalities or divisions) are the same once normalised (NFKC,
/// spaces).
pub fn same_name(a: &str, b: &str) -> bool {
    shinchoku_ingest::normalise::fold(a.trim()) == shinchoku_ingest::normalise::fold(b.trim())
}

/// Whether a record is of one of the account's divisions (by any name the division had).
pub fn owns_record(
    account: &Account,
    plan: &shinchoku_core::Plan,
    record: &shinchoku_core::ProgressRecord,
) -> bool {
    let Some(key) = &record.division else {
        return false;
    };
    let Some(division) = plan.division(key) else {
        return account.divisions.iter().any(|d| same_name(d, key.as_str()));
    };
    let mut names = vec![division.name.as_str()];
    names.extend(division.renames.iter().map(|r| r.name.as_str()));
    account
        .divisions
        .iter()
        .any(|d| names.iter().any(|n| same_name(d, n)))
}
