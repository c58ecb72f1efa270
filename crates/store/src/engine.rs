//! The seam between [`crate::Store`] and a database engine.
//!
//! An engine is synchronous and thread-safe (it keeps its own connections); `Store` runs its
//! calls on tokio's blocking pool. SQLite implements it with rusqlite; PostgreSQL implements
//! the same trait, so that nothing above the store knows which engine it talks to.

use crate::ImportId;
use crate::accounts::{Account, AccountId, ApiTokenRow, NewAccount, SessionRow};
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

    // Accounts and shared web state (crate::accounts).
    fn create_account(&self, account: &NewAccount) -> Result<Account, StoreError>;
    fn account(&self, id: AccountId) -> Result<Option<Account>, StoreError>;
    fn account_by_login(&self, login: &str) -> Result<Option<Account>, StoreError>;
    fn accounts(&self) -> Result<Vec<Account>, StoreError>;
    fn update_account(&self, account: &Account) -> Result<(), StoreError>;
    fn create_session(&self, session: &SessionRow) -> Result<(), StoreError>;
    fn session(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<(SessionRow, Account)>, StoreError>;
    fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    fn note_login_failure(
        &self,
        login: &str,
        at_ms: i64,
        keep_after_ms: i64,
    ) -> Result<(), StoreError>;
    fn login_failures(&self, login: &str, since_ms: i64) -> Result<u32, StoreError>;
    fn clear_login_failures(&self, login: &str) -> Result<(), StoreError>;
    fn create_api_token(
        &self,
        account: AccountId,
        name: &str,
        token_hash: &str,
        at_ms: i64,
    ) -> Result<ApiTokenRow, StoreError>;
    fn api_token(&self, token_hash: &str) -> Result<Option<(ApiTokenRow, Account)>, StoreError>;
    fn api_tokens(&self, account: AccountId) -> Result<Vec<ApiTokenRow>, StoreError>;
    fn revoke_api_token(&self, account: AccountId, id: i64, at_ms: i64)
    -> Result<bool, StoreError>;
    fn claim_notice(&self, key: &str, recipient: &str, at_ms: i64) -> Result<bool, StoreError>;
    fn release_notice(&self, key: &str) -> Result<(), StoreError>;
    fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError>;
}
