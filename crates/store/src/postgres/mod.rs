//! The PostgreSQL engine (the synchronous `postgres` crate): an r2d2 pool of connections, each
//! with its own cache of prepared statements; writers serialised by a transaction-level
//! advisory lock; the same tables and the same statements' semantics as the SQLite engine, so
//! that both give the same ids, revisions, conflicts and history for the same commits.
//!
//! * Reads run in a `REPEATABLE READ READ ONLY` transaction: one consistent snapshot, as a
//!   SQLite read transaction is.
//! * Writes take `pg_advisory_xact_lock(WRITE_LOCK)` as their first statement (SQLite:
//!   `BEGIN IMMEDIATE`): a second writer — another thread, process or server — waits until
//!   the first commits or rolls back, then sees its commit (`READ COMMITTED` takes a new
//!   snapshot per statement). Conflicts are then found by revision exactly as SQLite finds
//!   them, and no update is lost.
//! * Migrations run under the same lock.

mod accounts;
mod copy;
mod migrate;
mod read;
mod write;

use crate::ImportId;
use crate::accounts::{Account, AccountId, ApiTokenRow, NewAccount, SessionRow};
use crate::copy::Tables;
use crate::engine::Engine;
use crate::{
    Applied, ChangedPlans, Commit, HistoryEvent, HistoryFilter, ImportRow, MigrationReport,
    PlanRow, StoreError, StoredDiagnostic, StoredEntity,
};
use postgres::types::ToSql;
use postgres::{Client, IsolationLevel, NoTls, Row, Statement};
use shinchoku_core::{EntityId, PlanId, StoredPlan};
use shinchoku_ingest::Diagnostic;
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

/// Whether a database location names a PostgreSQL database (`postgres://…`,
/// `postgresql://…`) rather than a SQLite file.
pub(crate) fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// The advisory lock every writer holds for its transaction ("shinchoku" in ASCII, as a
/// number). Advisory locks are per database: stores in different databases never wait for
/// each other.
const WRITE_LOCK: i64 = 0x7368_696e_6368_6f6b;

/// How long a writer waits for the write lock (and anyone for a row lock) before giving up,
/// as SQLite's busy timeout.
const LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// Connections one store keeps open at most.
const MAX_CONNECTIONS: u32 = 8;

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        if e.code() == Some(&postgres::error::SqlState::CHARACTER_NOT_IN_REPERTOIRE) {
            // A text holding U+0000: SQLite stores it, PostgreSQL's text cannot.
            return StoreError::Unstorable {
                what: "text",
                message: format!(
                    "PostgreSQL cannot store the character U+0000 (NUL) in a text ({})",
                    e.as_db_error()
                        .map_or_else(|| e.to_string(), |db| db.message().to_owned())
                ),
            };
        }
        match e.as_db_error() {
            // The server's own message ("relation … does not exist", "duplicate key …").
            Some(db) => StoreError::Database(match db.detail() {
                Some(detail) => format!(
                    "{}: {} ({detail}; SQLSTATE {})",
                    db.severity(),
                    db.message(),
                    db.code().code()
                ),
                None => format!(
                    "{}: {} (SQLSTATE {})",
                    db.severity(),
                    db.message(),
                    db.code().code()
                ),
            }),
            None => StoreError::Database(e.to_string()),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(e: r2d2::Error) -> Self {
        StoreError::Database(format!("no PostgreSQL connection: {e}"))
    }
}

/// A URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    let userinfo = &authority[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &userinfo[..colon],
            &rest[at..]
        ),
        None => url.to_owned(),
    }
}

/// One pooled connection with the statements prepared on it.
pub(crate) struct PgConn {
    client: Client,
    statements: HashMap<&'static str, Statement>,
}

struct Manager {
    config: postgres::Config,
}

fn connect(config: &postgres::Config) -> Result<Client, postgres::Error> {
    let mut client = config.connect(NoTls)?;
    client.batch_execute(&format!(
        "SET lock_timeout = {}; SET client_encoding = 'UTF8'",
        LOCK_TIMEOUT.as_millis()
    ))?;
    Ok(client)
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgConn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgConn, postgres::Error> {
        Ok(PgConn {
            client: connect(&self.config)?,
            statements: HashMap::new(),
        })
    }

    fn is_valid(&self, conn: &mut PgConn) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut PgConn) -> bool {
        conn.client.is_closed()
    }
}

/// A transaction with the connection's statement cache: every statement is prepared once per
/// connection.
pub(crate) struct Tx<'a> {
    tx: postgres::Transaction<'a>,
    statements: &'a mut HashMap<&'static str, Statement>,
    /// The id sequences, read when a writer first needs an id and written back at commit.
    sequences: Option<write::Sequences>,
}

type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

impl<'a> Tx<'a> {
    fn statement(&mut self, sql: &'static str) -> Result<Statement, StoreError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.statements.insert(sql, s.clone());
        Ok(s)
    }

    pub(crate) fn query(
        &mut self,
        sql: &'static str,
        params: Params,
    ) -> Result<Vec<Row>, StoreError> {
        let s = self.statement(sql)?;
        Ok(self.tx.query(&s, params)?)
    }

    pub(crate) fn query_one(
        &mut self,
        sql: &'static str,
        params: Params,
    ) -> Result<Row, StoreError> {
        let s = self.statement(sql)?;
        Ok(self.tx.query_one(&s, params)?)
    }

    pub(crate) fn query_opt(
        &mut self,
        sql: &'static str,
        params: Params,
    ) -> Result<Option<Row>, StoreError> {
        let s = self.statement(sql)?;
        Ok(self.tx.query_opt(&s, params)?)
    }

    pub(crate) fn execute(&mut self, sql: &'static str, params: Params) -> Result<u64, StoreError> {
        let s = self.statement(sql)?;
        Ok(self.tx.execute(&s, params)?)
    }

    /// The transaction itself, for statements that are not cached (the dump, COPY).
    pub(crate) fn raw(&mut self) -> &mut postgres::Transaction<'a> {
        &mut self.tx
    }
}

pub(crate) struct PgEngine {
    /// The URL without its password.
    display: String,
    /// Always `Some` until drop (see [`Drop`]).
    pool: Option<r2d2::Pool<Manager>>,
}

impl Drop for PgEngine {
    /// A connection of the synchronous client runs its own small tokio runtime, and closing it
    /// blocks on that runtime: that panics on a thread that drives async tasks, as the last
    /// clone of a `Store` may be dropped on. The pool is closed on a thread of its own.
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            let closing = std::thread::Builder::new()
                .name("shinchoku-pg-close".into())
                .spawn(move || drop(pool));
            if let Ok(handle) = closing {
                let _ = handle.join();
            }
        }
    }
}

impl PgEngine {
    /// Connects to the database at `url` and brings its schema up to date. The database must
    /// exist (`createdb`); its tables are created when missing.
    pub(crate) fn open(url: &str) -> Result<Self, StoreError> {
        let display = redact(url);
        let config = postgres::Config::from_str(url)
            .map_err(|e| StoreError::Database(format!("invalid PostgreSQL URL {display}: {e}")))?;
        // One connection first, so that a wrong URL fails at once with the server's reason
        // (the pool would retry until its timeout).
        let mut first = connect(&config).map_err(|e| match e.code() {
            Some(&postgres::error::SqlState::INVALID_CATALOG_NAME) => {
                StoreError::Missing(display.clone())
            }
            _ => StoreError::Database(format!("cannot connect to {display}: {e}")),
        })?;
        migrate::migrate(&mut first)?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(MAX_CONNECTIONS)
            .min_idle(Some(0))
            .connection_timeout(LOCK_TIMEOUT)
            .build(Manager { config })?;
        Ok(PgEngine {
            display,
            pool: Some(pool),
        })
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<Manager>, StoreError> {
        match &self.pool {
            Some(pool) => Ok(pool.get()?),
            None => Err(StoreError::Internal("the PostgreSQL pool is closed".into())),
        }
    }

    /// Runs `f` in a read-only transaction on one snapshot.
    fn read<T>(
        &self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn()?;
        let PgConn { client, statements } = &mut *conn;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut tx = Tx {
            tx,
            statements,
            sequences: None,
        };
        let out = f(&mut tx)?;
        tx.tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a write transaction that holds the write lock from its start.
    fn write<T>(
        &self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn()?;
        let PgConn { client, statements } = &mut *conn;
        let tx = client.transaction()?;
        let mut tx = Tx {
            tx,
            statements,
            sequences: None,
        };
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        let out = f(&mut tx)?;
        write::store_sequences(&mut tx)?;
        tx.tx.commit()?;
        Ok(out)
    }
}

impl Engine for PgEngine {
    fn describe(&self) -> String {
        self.display.clone()
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.read(migrate::version)
    }

    fn migrate(&self) -> Result<MigrationReport, StoreError> {
        let mut conn = self.conn()?;
        migrate::migrate(&mut conn.client)
    }

    fn plans(&self) -> Result<Vec<PlanRow>, StoreError> {
        self.read(read::plan_rows)
    }

    fn load(&self, id: PlanId) -> Result<Option<StoredPlan>, StoreError> {
        self.read(|c| read::load_plan(c, id))
    }

    fn load_by_key(&self, key: &str) -> Result<Option<StoredPlan>, StoreError> {
        self.read(|c| match read::plan_id_by_key(c, key)? {
            Some(id) => read::load_plan(c, id),
            None => Ok(None),
        })
    }

    fn snapshot(&self) -> Result<(i64, Vec<StoredPlan>), StoreError> {
        self.read(|c| {
            let seq = read::last_change(c)?;
            let ids = read::plan_ids(c)?;
            let mut plans = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(p) = read::load_plan(c, id)? {
                    plans.push(p);
                }
            }
            Ok((seq, plans))
        })
    }

    fn changes_since(&self, seq: i64) -> Result<ChangedPlans, StoreError> {
        self.read(|c| read::changes_since(c, seq))
    }

    fn apply(&self, commit: &Commit) -> Result<Applied, StoreError> {
        self.write(|tx| write::apply(tx, commit))
    }

    fn delete_plan(&self, id: PlanId, actor: &str, at_ms: i64) -> Result<bool, StoreError> {
        self.write(|tx| write::delete_plan(tx, id, actor, at_ms))
    }

    fn entity(&self, id: EntityId) -> Result<Option<StoredEntity>, StoreError> {
        self.read(|c| read::entity(c, id))
    }

    fn history(&self, filter: &HistoryFilter) -> Result<Vec<HistoryEvent>, StoreError> {
        self.read(|c| read::history(c, filter))
    }

    fn diagnostics(&self, plan: Option<PlanId>) -> Result<Vec<StoredDiagnostic>, StoreError> {
        self.read(|c| read::diagnostics(c, plan))
    }

    fn imports(&self) -> Result<Vec<ImportRow>, StoreError> {
        self.read(|c| read::import_rows(c, None))
    }

    fn find_import(&self, sha256: &str) -> Result<Option<ImportRow>, StoreError> {
        self.read(|c| Ok(read::import_rows(c, Some(sha256))?.into_iter().next()))
    }

    fn diagnostics_of_import(&self, id: ImportId) -> Result<Vec<Diagnostic>, StoreError> {
        self.read(|c| read::diagnostics_of_import(c, id.0))
    }

    fn plan_id_by_key(&self, key: &str) -> Result<Option<PlanId>, StoreError> {
        self.read(|c| read::plan_id_by_key(c, key))
    }

    fn dump(&self) -> Result<String, StoreError> {
        self.read(read::dump)
    }

    fn checkpoint(&self) -> Result<(), StoreError> {
        // PostgreSQL checkpoints on its own; nothing of a commit is left to flush.
        Ok(())
    }

    fn export_tables(&self) -> Result<Tables, StoreError> {
        self.read(copy::export)
    }

    fn import_tables(&self, tables: &Tables) -> Result<(), StoreError> {
        self.write(|tx| copy::import(tx, tables))
    }

    fn create_account(&self, account: &NewAccount) -> Result<Account, StoreError> {
        self.write(|tx| accounts::create_account(tx, account))
    }

    fn account(&self, id: AccountId) -> Result<Option<Account>, StoreError> {
        self.read(|c| accounts::account(c, id))
    }

    fn account_by_login(&self, login: &str) -> Result<Option<Account>, StoreError> {
        self.read(|c| accounts::account_by_login(c, login))
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        self.read(accounts::accounts)
    }

    fn update_account(&self, account: &Account) -> Result<(), StoreError> {
        self.write(|tx| accounts::update_account(tx, account))
    }

    fn create_session(&self, session: &SessionRow) -> Result<(), StoreError> {
        self.write(|tx| accounts::create_session(tx, session))
    }

    fn session(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<(SessionRow, Account)>, StoreError> {
        self.read(|c| accounts::session(c, token_hash, now_ms))
    }

    fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.write(|tx| accounts::delete_session(tx, token_hash))
    }

    fn note_login_failure(
        &self,
        login: &str,
        at_ms: i64,
        keep_after_ms: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| accounts::note_login_failure(tx, login, at_ms, keep_after_ms))
    }

    fn login_failures(&self, login: &str, since_ms: i64) -> Result<u32, StoreError> {
        self.read(|c| accounts::login_failures(c, login, since_ms))
    }

    fn clear_login_failures(&self, login: &str) -> Result<(), StoreError> {
        self.write(|tx| accounts::clear_login_failures(tx, login))
    }

    fn create_api_token(
        &self,
        account: AccountId,
        name: &str,
        token_hash: &str,
        at_ms: i64,
    ) -> Result<ApiTokenRow, StoreError> {
        self.write(|tx| accounts::create_api_token(tx, account, name, token_hash, at_ms))
    }

    fn api_token(&self, token_hash: &str) -> Result<Option<(ApiTokenRow, Account)>, StoreError> {
        self.read(|c| accounts::api_token(c, token_hash))
    }

    fn api_tokens(&self, account: AccountId) -> Result<Vec<ApiTokenRow>, StoreError> {
        self.read(|c| accounts::api_tokens(c, account))
    }

    fn revoke_api_token(
        &self,
        account: AccountId,
        id: i64,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        self.write(|tx| accounts::revoke_api_token(tx, account, id, at_ms))
    }

    fn claim_notice(&self, key: &str, recipient: &str, at_ms: i64) -> Result<bool, StoreError> {
        self.write(|tx| accounts::claim_notice(tx, key, recipient, at_ms))
    }

    fn release_notice(&self, key: &str) -> Result<(), StoreError> {
        self.write(|tx| accounts::release_notice(tx, key))
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|c| accounts::setting(c, key))
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| accounts::set_setting(tx, key, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths_and_passwords_are_not_shown() {
        assert!(is_url("postgres:///shinchoku?host=/tmp/pg&user=postgres"));
        assert!(is_url("postgresql://u@db.example/x"));
        assert!(!is_url("shinchoku.db"));
        assert!(!is_url("./postgres/shinchoku.db"));
        assert_eq!(
            redact("postgres://alice:s3cret@db.example:5432/city?sslmode=disable"),
            "postgres://alice:***@db.example:5432/city?sslmode=disable"
        );
        assert_eq!(redact("postgres://alice@db/x"), "postgres://alice@db/x");
        assert_eq!(
            redact("postgres:///x?host=/tmp/a@b"),
            "postgres:///x?host=/tmp/a@b"
        );
    }
}
