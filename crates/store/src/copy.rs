//! Copying a whole store to another (`Store::copy_to`, `shinchoku copy`): every row of every
//! table as it is stored — ids, revisions, bodies, the change log, the history, the imports
//! and their diagnostics, the accounts, API tokens, notices already sent and settings — and
//! the id sequences, so that the copy never reuses an id the original gave out. Rows, not
//! commits: replaying commits would give new ids and times.
//!
//! Two tables are left out on purpose ([`NOT_COPIED`]): `session` (everyone signs in again on
//! the new server; a session copied along would be a second live copy of a login) and
//! `login_failure` (throttling records that expire within minutes).
//!
//! [`Tables`] is the engine-neutral form: one engine exports it in one read transaction, the
//! other imports it in one write transaction into an empty database.

use serde::{Deserialize, Serialize};

/// A row of `plans`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlanRecord {
    pub id: i64,
    pub plan_key: String,
    pub municipality: String,
    pub title: String,
    pub revision: i64,
    pub updated_at_ms: i64,
    pub header: String,
}

/// A row of `entity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntityRecord {
    pub id: i64,
    pub plan_id: i64,
    pub kind: String,
    pub entity_key: String,
    pub position: i64,
    pub revision: i64,
    pub body: String,
}

/// A row of `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChangeRecord {
    pub id: i64,
    pub plan_id: i64,
    pub plan_revision: i64,
    pub at_ms: i64,
    pub actor: String,
    pub command: String,
    pub provenance: String,
}

/// A row of `event`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EventRecord {
    pub id: i64,
    pub change_id: i64,
    pub plan_id: i64,
    pub entity_id: Option<i64>,
    pub kind: String,
    pub entity_key: String,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub revision: i64,
    pub place: Option<String>,
}

/// A row of `imports`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImportRecord {
    pub id: i64,
    pub file: String,
    pub sha256: String,
    pub layout: String,
}

/// A row of `diagnostic`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DiagnosticRecord {
    pub import_id: i64,
    pub position: i64,
    pub severity: String,
    pub code: String,
    pub location_file: String,
    pub location_line: i64,
    pub location_field: Option<String>,
    pub message: String,
}

/// A row of `account` (role and divisions as stored: text and a JSON array).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AccountRecord {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: String,
    pub scope: String,
    pub divisions: String,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at_ms: i64,
}

/// A row of `api_token`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiTokenRecord {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub token_hash: String,
    pub created_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
}

/// A row of `notice`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoticeRecord {
    pub key: String,
    pub recipient: String,
    pub sent_at_ms: i64,
}

/// Every row of a store, each table in the order of its key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tables {
    pub plans: Vec<PlanRecord>,
    pub entities: Vec<EntityRecord>,
    pub changes: Vec<ChangeRecord>,
    pub events: Vec<EventRecord>,
    pub imports: Vec<ImportRecord>,
    /// `(import_id, plan_id)`.
    pub import_plans: Vec<(i64, i64)>,
    pub diagnostics: Vec<DiagnosticRecord>,
    pub accounts: Vec<AccountRecord>,
    pub api_tokens: Vec<ApiTokenRecord>,
    pub notices: Vec<NoticeRecord>,
    /// `(key, value)`.
    pub settings: Vec<(String, String)>,
    /// The last id given out per table of [`SEQUENCED`].
    pub sequences: Vec<(String, i64)>,
}

/// The tables whose ids come from a sequence.
pub(crate) const SEQUENCED: &[&str] = &[
    "plans",
    "entity",
    "change",
    "event",
    "imports",
    "account",
    "api_token",
];

/// The tables a copy leaves out on purpose: sessions (everyone signs in again on the new
/// server) and login failures (throttling records that expire within minutes). The copy's
/// guard test checks that every table of the schema is in [`COPIED`] or here.
#[cfg(test)]
pub(crate) const NOT_COPIED: &[&str] = &["login_failure", "session"];

/// The tables whose rows a database must not hold to be copied into.
pub(crate) const COPIED: &[&str] = &[
    "account",
    "api_token",
    "change",
    "diagnostic",
    "entity",
    "event",
    "import_plans",
    "imports",
    "notice",
    "plans",
    "setting",
];

/// A query with one boolean column: whether any table of [`COPIED`] holds a row.
pub(crate) fn any_row_sql() -> String {
    let tables: Vec<String> = COPIED
        .iter()
        .map(|t| format!("EXISTS (SELECT 1 FROM {t})"))
        .collect();
    format!("SELECT {}", tables.join(" OR "))
}

impl Tables {
    /// The largest id of the rows of each table of [`SEQUENCED`] (the copy's sequences are at
    /// least these, whatever the source's sequences say).
    pub(crate) fn largest_ids(&self) -> [Option<i64>; SEQUENCED.len()] {
        [
            self.plans.iter().map(|r| r.id).max(),
            self.entities.iter().map(|r| r.id).max(),
            self.changes.iter().map(|r| r.id).max(),
            self.events.iter().map(|r| r.id).max(),
            self.imports.iter().map(|r| r.id).max(),
            self.accounts.iter().map(|r| r.id).max(),
            self.api_tokens.iter().map(|r| r.id).max(),
        ]
    }

    pub(crate) fn report(&self) -> CopyReport {
        CopyReport {
            plans: self.plans.len(),
            entities: self.entities.len(),
            changes: self.changes.len(),
            events: self.events.len(),
            imports: self.imports.len(),
            diagnostics: self.diagnostics.len(),
            accounts: self.accounts.len(),
            api_tokens: self.api_tokens.len(),
            notices: self.notices.len(),
            settings: self.settings.len(),
        }
    }
}

/// What [`crate::Store::copy_to`] copied: rows per table (sessions and login failures are not
/// copied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CopyReport {
    pub plans: usize,
    pub entities: usize,
    pub changes: usize,
    pub events: usize,
    pub imports: usize,
    pub diagnostics: usize,
    pub accounts: usize,
    pub api_tokens: usize,
    pub notices: usize,
    pub settings: usize,
}
