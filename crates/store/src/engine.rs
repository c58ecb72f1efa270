//! The seam between [`crate::Store`] and a database engine.
//!
//! An engine is synchronous and thread-safe (it keeps its own connections); `Store` runs its
//! calls on tokio's blocking pool. SQLite implements it with rusqlite, PostgreSQL with the
//! `postgres` crate, so that nothing above the store knows which engine it talks to.

use crate::ImportId;
use crate::copy::Tables;
use crate::{
    Applied, ChangedPlans, Commit, HistoryEvent, HistoryFilter, ImportRow, MigrationReport,
    PlanRow, StoreError, StoredDiagnostic, StoredEntity,
};
use shinchoku_core::{EntityId, PlanId, StoredPlan};
use shinchoku_ingest::Diagnostic;

pub(crate) trait Engine: Send + Sync + 'static {
    fn describe(&self) -> String;
    fn schema_version(&self) -> Result<i64, StoreError>;
    fn migrate(&self) -> Result<MigrationReport, StoreError>;
    fn plans(&self) -> Result<Vec<PlanRow>, StoreError>;
    fn load(&self, id: PlanId) -> Result<Option<StoredPlan>, StoreError>;
    fn load_by_key(&self, key: &str) -> Result<Option<StoredPlan>, StoreError>;
    fn snapshot(&self) -> Result<(i64, Vec<StoredPlan>), StoreError>;
    fn changes_since(&self, seq: i64) -> Result<ChangedPlans, StoreError>;
    fn apply(&self, commit: &Commit) -> Result<Applied, StoreError>;
    fn delete_plan(&self, id: PlanId, actor: &str, at_ms: i64) -> Result<bool, StoreError>;
    fn entity(&self, id: EntityId) -> Result<Option<StoredEntity>, StoreError>;
    fn history(&self, filter: &HistoryFilter) -> Result<Vec<HistoryEvent>, StoreError>;
    fn diagnostics(&self, plan: Option<PlanId>) -> Result<Vec<StoredDiagnostic>, StoreError>;
    fn imports(&self) -> Result<Vec<ImportRow>, StoreError>;
    fn find_import(&self, sha256: &str) -> Result<Option<ImportRow>, StoreError>;
    fn diagnostics_of_import(&self, id: ImportId) -> Result<Vec<Diagnostic>, StoreError>;
    fn plan_id_by_key(&self, key: &str) -> Result<Option<PlanId>, StoreError>;
    fn dump(&self) -> Result<String, StoreError>;
    fn checkpoint(&self) -> Result<(), StoreError>;
    /// Every row of every table and the id sequences, in one read transaction.
    fn export_tables(&self) -> Result<Tables, StoreError>;
    /// Writes `tables` into this database in one write transaction; refuses
    /// ([`StoreError::NotEmpty`]) a database that holds any row.
    fn import_tables(&self, tables: &Tables) -> Result<(), StoreError>;
}
