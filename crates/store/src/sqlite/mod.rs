//! The SQLite engine (rusqlite, bundled SQLite): a small pool of connections in WAL mode,
//! writers under `BEGIN IMMEDIATE`, versioned migrations run under the write lock.

mod accounts;
mod copy;
mod legacy;
mod migrate;
pub(crate) mod read;
pub(crate) mod write;

pub use migrate::SCHEMA_VERSION;
pub use write::now_ms;

use crate::ImportId;
use crate::accounts::{Account, AccountId, ApiTokenRow, NewAccount, SessionRow};
use crate::copy::Tables;
use crate::engine::Engine;
use crate::{
    Applied, ChangedPlans, Commit, HistoryEvent, HistoryFilter, ImportRow, MigrationReport,
    PlanRow, StoreError, StoredDiagnostic, StoredEntity,
};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use shinchoku_core::{EntityId, PlanId, StoredPlan};
use shinchoku_ingest::Diagnostic;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// The database file the CLI uses when none is given.
pub const DEFAULT_PATH: &str = "./shinchoku.db";

/// How long a writer waits for another connection's write lock before giving up. Writers
/// take the lock at the start of their transaction, so a wait is a wait for the other
/// writer's whole commit (an import of a large document takes well under a second).
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Connections a file database keeps open at most (readers run in parallel in WAL mode).
const MAX_CONNECTIONS: usize = 8;

pub(crate) struct SqliteEngine {
    /// `None` for an in-memory database (one connection: memory databases are per
    /// connection).
    path: Option<PathBuf>,
    idle: Mutex<Pool>,
    returned: Condvar,
}

struct Pool {
    idle: Vec<Connection>,
    open: usize,
}

/// A connection borrowed from the pool; given back on drop.
struct Pooled<'a> {
    engine: &'a SqliteEngine,
    conn: Option<Connection>,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // Always Some until drop.
        match &self.conn {
            Some(c) => c,
            None => unreachable!("a pooled connection is present until dropped"),
        }
    }
}

impl std::ops::DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        match &mut self.conn {
            Some(c) => c,
            None => unreachable!("a pooled connection is present until dropped"),
        }
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut pool = self.engine.lock();
            // A connection left inside a transaction (a panic mid-way) is not reused.
            if conn.is_autocommit() {
                pool.idle.push(conn);
            } else {
                pool.open = pool.open.saturating_sub(1);
            }
            drop(pool);
            self.engine.returned.notify_one();
        }
    }
}

fn configure(conn: &Connection, wal: bool) -> Result<(), StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if wal {
        set_wal(conn)?;
        // In WAL mode NORMAL is durable against application crashes (kill -9); only a power
        // loss may lose the last commits, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Switches the file to write-ahead logging. Changing the journal mode needs the file to
/// itself for a moment, and SQLite answers `SQLITE_BUSY` at once — without calling the busy
/// handler — when another process is opening or migrating the same new file; so the switch is
/// retried, with a growing pause, for as long as the busy timeout. Returns the mode in effect:
/// a file system without WAL support keeps the rollback journal, which works as well (with less
/// concurrency).
fn set_wal(conn: &Connection) -> Result<String, StoreError> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return Ok(other?),
        }
    }
}

impl SqliteEngine {
    pub(crate) fn open(path: &Path) -> Result<Self, StoreError> {
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn, true)?;
        migrate::migrate(&mut conn)?;
        Ok(SqliteEngine {
            path: Some(path.to_owned()),
            idle: Mutex::new(Pool {
                idle: vec![conn],
                open: 1,
            }),
            returned: Condvar::new(),
        })
    }

    pub(crate) fn in_memory() -> Result<Self, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        migrate::migrate(&mut conn)?;
        Ok(SqliteEngine {
            path: None,
            idle: Mutex::new(Pool {
                idle: vec![conn],
                open: 1,
            }),
            returned: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Pool> {
        // A poisoned lock only means another thread panicked while holding the list of idle
        // connections; the list itself is still valid.
        self.idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn conn(&self) -> Result<Pooled<'_>, StoreError> {
        let mut pool = self.lock();
        loop {
            if let Some(conn) = pool.idle.pop() {
                return Ok(Pooled {
                    engine: self,
                    conn: Some(conn),
                });
            }
            if let Some(path) = &self.path
                && pool.open < MAX_CONNECTIONS
            {
                pool.open += 1;
                drop(pool);
                let opened = Connection::open(path)
                    .map_err(StoreError::from)
                    .and_then(|c| configure(&c, true).map(|()| c));
                return match opened {
                    Ok(conn) => Ok(Pooled {
                        engine: self,
                        conn: Some(conn),
                    }),
                    Err(e) => {
                        self.lock().open -= 1;
                        Err(e)
                    }
                };
            }
            pool = self
                .returned
                .wait(pool)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// Runs `f` in a read transaction: everything it reads is one consistent snapshot.
    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a write transaction that holds the write lock from its start.
    fn write<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

impl Engine for SqliteEngine {
    fn describe(&self) -> String {
        match &self.path {
            Some(p) => format!("sqlite:{}", p.display()),
            None => "sqlite::memory:".to_owned(),
        }
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        let conn = self.conn()?;
        Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&self) -> Result<MigrationReport, StoreError> {
        let mut conn = self.conn()?;
        migrate::migrate(&mut conn)
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
        self.read(read::imports)
    }

    fn find_import(&self, sha256: &str) -> Result<Option<ImportRow>, StoreError> {
        self.read(|c| read::find_import(c, sha256))
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
        if self.path.is_some() {
            let conn = self.conn()?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
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
