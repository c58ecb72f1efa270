//! shinchoku's store: plans with stable ids, revisions and the history of every change.
//!
//! [`Store`] is the one async API over the database engines (today SQLite; PostgreSQL
//! implements the same internal [`engine`] trait). Callers never see an engine's types.
//!
//! * A plan is stored as a header row and one row per entity (group, measure, record …),
//!   each with a stable id and a revision ([`shinchoku_core::changes`] says how a plan is
//!   split). Reading a plan back gives exactly the plan that was written.
//! * The only way to change stored data is [`Store::apply`] with a [`Commit`]: change sets
//!   computed by the commands layer against what it read. In one transaction the store checks
//!   that every revision a change names is still current (else [`StoreError::Conflict`]),
//!   writes only the rows that change, bumps revisions, writes one history event per changed
//!   field, and appends the commit to the change log that the read side follows
//!   ([`Store::changes_since`]).
//! * Writers take the database's write lock at the start of their transaction (SQLite:
//!   `BEGIN IMMEDIATE`), so concurrent writers wait their turn instead of failing.
//! * Ids are never reused, even after deletion.

pub mod accounts;
mod engine;
mod error;
mod sqlite;

pub use accounts::{Account, AccountId, ApiTokenRow, NewAccount, Role, SessionRow};
pub use error::{Conflict, StoreError};
pub use sqlite::{DEFAULT_PATH, SCHEMA_VERSION, now_ms};

use engine::Engine;
use serde::{Deserialize, Serialize};
use shinchoku_core::changes::PlanDiff;
use shinchoku_core::{
    EntityId, EntityMeta, EntityRef, FiscalYear, Period, PlanId, PlanKind, Provenance, Revision,
    StoredPlan,
};
use shinchoku_ingest::Diagnostic;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// The id of a recorded import (one per distinct document, by SHA-256).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImportId(pub i64);

impl fmt::Display for ImportId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The id of an applied change (a commit for one plan); ascending in commit order. The read
/// side follows the change log by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChangeId(pub i64);

/// A stored plan in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub id: PlanId,
    /// [`shinchoku_core::Plan::key`].
    pub key: String,
    pub municipality: String,
    pub title: String,
    pub kind: PlanKind,
    pub period: Option<Period>,
    pub fiscal_years: Vec<FiscalYear>,
    pub revision: Revision,
}

/// A document an import read: recorded with its diagnostics in the import's transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// File name as given to the importer (no directories).
    pub file_name: String,
    /// Hex SHA-256 of the document's bytes: the identity of the import.
    pub sha256: String,
    /// Name of the reader layout.
    pub layout: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Which plan a change set is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanTarget {
    /// A plan not stored yet, with its key; `requested` is the id to give it when that id was
    /// never allocated (restoring an export), else a new one.
    New {
        key: String,
        requested: Option<PlanId>,
    },
    Existing(PlanId),
}

/// The change of one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeSet {
    pub plan: PlanTarget,
    /// When set, the plan's revision must still be this one (a change computed from the whole
    /// plan, such as a merged import); else only the revisions of the changed entities are
    /// checked.
    pub base_revision: Option<Revision>,
    pub diff: PlanDiff,
}

/// Everything one command writes, applied in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    /// Who: a user name, `import`, `shinchoku record set --as NAME` …
    pub actor: String,
    /// What: `import`, `record set`, `measure retire` …
    pub command: String,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// Where the values come from. For a document the line of each event is the entity's.
    pub provenance: Provenance,
    pub changes: Vec<ChangeSet>,
    /// The document read, for imports.
    pub document: Option<DocumentRecord>,
}

/// What [`Store::apply`] did to one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedPlan {
    pub id: PlanId,
    /// The plan's revision after the commit.
    pub revision: Revision,
    pub created: bool,
    /// Whether anything of the plan was written.
    pub changed: bool,
}

/// The result of [`Store::apply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// One entry per change set, in order.
    pub plans: Vec<AppliedPlan>,
    pub import_id: Option<ImportId>,
    /// Whether the document (file, layout, diagnostics) was recorded or its record changed.
    pub document_recorded: bool,
}

/// A recorded import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    pub id: ImportId,
    pub file: String,
    pub sha256: String,
    pub layout: String,
    /// The plans the document contributed to, ascending.
    pub plans: Vec<PlanId>,
    pub diagnostic_count: usize,
}

/// A diagnostic with the import it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDiagnostic {
    pub import_id: ImportId,
    /// The imported file's name.
    pub file: String,
    pub diagnostic: Diagnostic,
}

/// One stored entity as it is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEntity {
    pub plan_id: PlanId,
    pub entity: EntityRef,
    /// Its position in its list of the plan.
    pub position: usize,
    pub meta: EntityMeta,
    /// The entity serialised (a JSON object).
    pub body: serde_json::Value,
}

/// What an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Created,
    Updated,
    Deleted,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Deleted => "deleted",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Action::Created => "作成",
            Action::Updated => "変更",
            Action::Deleted => "削除",
        }
    }
}

/// One event of the history: a field of an entity (or of a plan's header) changed, or an
/// entity was created or deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEvent {
    /// Ascending in the order events were written.
    pub seq: i64,
    pub change: ChangeId,
    pub at_ms: i64,
    pub actor: String,
    pub command: String,
    pub plan_id: PlanId,
    /// `None` for a field of the plan itself.
    pub entity_id: Option<EntityId>,
    /// The entity kind (`record` …) or `plan`.
    pub kind: String,
    /// The entity's key within its plan (shown with ` / ` between its parts).
    pub entity_key: String,
    pub action: Action,
    /// The field, for updates.
    pub field: Option<String>,
    pub old: Option<serde_json::Value>,
    pub new: Option<serde_json::Value>,
    /// The entity's (or plan's) revision after the event.
    pub revision: Revision,
    pub provenance: Provenance,
}

/// Which events [`Store::history`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HistoryFilter {
    pub plan: Option<PlanId>,
    pub entity: Option<EntityId>,
    /// Only events that brought the entity past this revision.
    pub after_revision: Option<Revision>,
}

/// The change log since a sequence number: the plans changed or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangedPlans {
    /// The latest change id seen (pass it to the next call).
    pub seq: i64,
    /// Distinct plan ids, ascending.
    pub plans: Vec<PlanId>,
}

/// The schema of a database before and after [`Store::migrate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationReport {
    pub from: i64,
    pub to: i64,
}

/// The store. Cheap to clone (an `Arc`); every method runs the engine's blocking work on
/// tokio's blocking pool, so the API is async and callers never block the runtime.
#[derive(Clone)]
pub struct Store {
    engine: Arc<dyn Engine>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("engine", &self.engine.describe())
            .finish()
    }
}

macro_rules! call {
    ($self:ident, |$e:ident| $body:expr) => {{
        let $e = Arc::clone(&$self.engine);
        tokio::task::spawn_blocking(move || $body)
            .await
            .map_err(|e| StoreError::Internal(format!("store task failed: {e}")))?
    }};
}

impl Store {
    /// Opens the database at `location` — a SQLite file path (created when missing) — and
    /// brings its schema up to date. Several processes may open the same file at once: the
    /// migration runs under the write lock.
    pub async fn open(location: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = location.as_ref().to_owned();
        let engine = tokio::task::spawn_blocking(move || sqlite::SqliteEngine::open(&path))
            .await
            .map_err(|e| StoreError::Internal(format!("store task failed: {e}")))??;
        Ok(Store {
            engine: Arc::new(engine),
        })
    }

    /// Opens an existing database; a missing one is an error, not a new database.
    pub async fn open_existing(location: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = location.as_ref();
        if !path.exists() {
            return Err(StoreError::Missing(path.display().to_string()));
        }
        Store::open(path).await
    }

    /// A fresh in-memory database (tests, previews).
    pub async fn in_memory() -> Result<Store, StoreError> {
        let engine = tokio::task::spawn_blocking(sqlite::SqliteEngine::in_memory)
            .await
            .map_err(|e| StoreError::Internal(format!("store task failed: {e}")))??;
        Ok(Store {
            engine: Arc::new(engine),
        })
    }

    /// The engine and database, for messages (`sqlite:./shinchoku.db`).
    pub fn describe(&self) -> String {
        self.engine.describe()
    }

    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        call!(self, |e| e.schema_version())
    }

    /// Brings the schema up to date (opening does it too); says from which version to which.
    pub async fn migrate(&self) -> Result<MigrationReport, StoreError> {
        call!(self, |e| e.migrate())
    }

    /// All plans, by id.
    pub async fn plans(&self) -> Result<Vec<PlanRow>, StoreError> {
        call!(self, |e| e.plans())
    }

    /// One plan with its ids and revisions; `None` when there is none.
    pub async fn load(&self, id: PlanId) -> Result<Option<StoredPlan>, StoreError> {
        call!(self, |e| e.load(id))
    }

    /// The plan of a [`shinchoku_core::Plan::key`].
    pub async fn load_by_key(&self, key: &str) -> Result<Option<StoredPlan>, StoreError> {
        let key = key.to_owned();
        call!(self, |e| e.load_by_key(&key))
    }

    /// Every plan, by id, read in one consistent snapshot, with the change-log position it
    /// reflects (follow on from it with [`Store::changes_since`]).
    pub async fn snapshot(&self) -> Result<(i64, Vec<StoredPlan>), StoreError> {
        call!(self, |e| e.snapshot())
    }

    /// The plans changed or deleted after change `seq`.
    pub async fn changes_since(&self, seq: i64) -> Result<ChangedPlans, StoreError> {
        call!(self, |e| e.changes_since(seq))
    }

    /// Applies a commit in one transaction (see the crate documentation). A change set that
    /// names a revision that is no longer current fails the whole commit with
    /// [`StoreError::Conflict`]; nothing is written then.
    pub async fn apply(&self, commit: Commit) -> Result<Applied, StoreError> {
        call!(self, |e| e.apply(&commit))
    }

    /// Deletes a plan (its history stays); `false` when there was none. Its ids are not
    /// reused.
    pub async fn delete_plan(
        &self,
        id: PlanId,
        actor: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        let actor = actor.to_owned();
        call!(self, |e| e.delete_plan(id, &actor, at_ms))
    }

    /// One entity as it is now.
    pub async fn entity(&self, id: EntityId) -> Result<Option<StoredEntity>, StoreError> {
        call!(self, |e| e.entity(id))
    }

    /// History events, oldest first.
    pub async fn history(&self, filter: HistoryFilter) -> Result<Vec<HistoryEvent>, StoreError> {
        call!(self, |e| e.history(&filter))
    }

    /// Diagnostics of all imports, or of the imports that contributed to one plan; by import,
    /// then in document order.
    pub async fn diagnostics(
        &self,
        plan: Option<PlanId>,
    ) -> Result<Vec<StoredDiagnostic>, StoreError> {
        call!(self, |e| e.diagnostics(plan))
    }

    /// All recorded imports, by id.
    pub async fn imports(&self) -> Result<Vec<ImportRow>, StoreError> {
        call!(self, |e| e.imports())
    }

    /// The recorded import of a document, by the SHA-256 of its bytes.
    pub async fn find_import(&self, sha256: &str) -> Result<Option<ImportRow>, StoreError> {
        let sha256 = sha256.to_owned();
        call!(self, |e| e.find_import(&sha256))
    }

    /// The diagnostics recorded with an import, in document order.
    pub async fn diagnostics_of_import(&self, id: ImportId) -> Result<Vec<Diagnostic>, StoreError> {
        call!(self, |e| e.diagnostics_of_import(id))
    }

    /// The id of the plan of a [`shinchoku_core::Plan::key`].
    pub async fn plan_id_by_key(&self, key: &str) -> Result<Option<PlanId>, StoreError> {
        let key = key.to_owned();
        call!(self, |e| e.plan_id_by_key(&key))
    }

    /// Every row of every table as text in a fixed order: two dumps are equal exactly when
    /// the databases hold the same data (tests of idempotence).
    pub async fn dump(&self) -> Result<String, StoreError> {
        call!(self, |e| e.dump())
    }

    /// Flushes the engine's logs (SQLite: checkpoints and truncates the WAL). Called at
    /// shutdown; the store stays usable.
    pub async fn checkpoint(&self) -> Result<(), StoreError> {
        call!(self, |e| e.checkpoint())
    }

    // Accounts and shared web state: see [`accounts`].

    /// Creates an account; [`StoreError::Duplicate`] when the login is taken.
    pub async fn create_account(&self, account: NewAccount) -> Result<Account, StoreError> {
        call!(self, |e| e.create_account(&account))
    }

    pub async fn account(&self, id: AccountId) -> Result<Option<Account>, StoreError> {
        call!(self, |e| e.account(id))
    }

    pub async fn account_by_login(&self, login: &str) -> Result<Option<Account>, StoreError> {
        let login = login.to_owned();
        call!(self, |e| e.account_by_login(&login))
    }

    /// Every account, by id.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        call!(self, |e| e.accounts())
    }

    /// Writes an account's fields; disabling one ends its sessions.
    pub async fn update_account(&self, account: Account) -> Result<(), StoreError> {
        call!(self, |e| e.update_account(&account))
    }

    /// Stores a session (and drops expired ones).
    pub async fn create_session(&self, session: SessionRow) -> Result<(), StoreError> {
        call!(self, |e| e.create_session(&session))
    }

    /// The live session of a token's hash with its account (`None` when expired, unknown or
    /// the account is disabled).
    pub async fn session(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<(SessionRow, Account)>, StoreError> {
        let token_hash = token_hash.to_owned();
        call!(self, |e| e.session(&token_hash, now_ms))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let token_hash = token_hash.to_owned();
        call!(self, |e| e.delete_session(&token_hash))
    }

    /// Notes a failed sign-in (and forgets those before `keep_after_ms`).
    pub async fn note_login_failure(
        &self,
        login: &str,
        at_ms: i64,
        keep_after_ms: i64,
    ) -> Result<(), StoreError> {
        let login = login.to_owned();
        call!(self, |e| e.note_login_failure(&login, at_ms, keep_after_ms))
    }

    /// Failed sign-ins of a login since a time.
    pub async fn login_failures(&self, login: &str, since_ms: i64) -> Result<u32, StoreError> {
        let login = login.to_owned();
        call!(self, |e| e.login_failures(&login, since_ms))
    }

    pub async fn clear_login_failures(&self, login: &str) -> Result<(), StoreError> {
        let login = login.to_owned();
        call!(self, |e| e.clear_login_failures(&login))
    }

    pub async fn create_api_token(
        &self,
        account: AccountId,
        name: &str,
        token_hash: &str,
        at_ms: i64,
    ) -> Result<ApiTokenRow, StoreError> {
        let (name, token_hash) = (name.to_owned(), token_hash.to_owned());
        call!(self, |e| e.create_api_token(
            account,
            &name,
            &token_hash,
            at_ms
        ))
    }

    /// The live (not revoked) token of a hash with its (enabled) account.
    pub async fn api_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<(ApiTokenRow, Account)>, StoreError> {
        let token_hash = token_hash.to_owned();
        call!(self, |e| e.api_token(&token_hash))
    }

    pub async fn api_tokens(&self, account: AccountId) -> Result<Vec<ApiTokenRow>, StoreError> {
        call!(self, |e| e.api_tokens(account))
    }

    /// Revokes a token of the account; `false` when it has no such live token.
    pub async fn revoke_api_token(
        &self,
        account: AccountId,
        id: i64,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        call!(self, |e| e.revoke_api_token(account, id, at_ms))
    }

    /// Claims a notice before sending it: `true` the first time a key is claimed, `false`
    /// ever after (a reminder is never sent twice, even by two processes at once).
    pub async fn claim_notice(
        &self,
        key: &str,
        recipient: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError> {
        let (key, recipient) = (key.to_owned(), recipient.to_owned());
        call!(self, |e| e.claim_notice(&key, &recipient, at_ms))
    }

    /// Gives a claim back (the notice could not be sent; try again later).
    pub async fn release_notice(&self, key: &str) -> Result<(), StoreError> {
        let key = key.to_owned();
        call!(self, |e| e.release_notice(&key))
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let key = key.to_owned();
        call!(self, |e| e.setting(&key))
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let (key, value) = (key.to_owned(), value.to_owned());
        call!(self, |e| e.set_setting(&key, &value))
    }
}
