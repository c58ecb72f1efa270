//! Copying a whole store to another (`Store::copy_to`, `shinchoku copy`): every row of every
//! table as it is stored — ids, revisions, bodies, the change log, the history, the imports
//! and their diagnostics — and the id sequences, so that the copy never reuses an id the
//! original gave out. Rows, not commits: replaying commits would give new ids and times.
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
    /// The last id given out per table (`plans`, `entity`, `change`, `event`, `imports`).
    pub sequences: Vec<(String, i64)>,
}

/// The tables whose ids come from a sequence.
pub(crate) const SEQUENCED: &[&str] = &["plans", "entity", "change", "event", "imports"];

impl Tables {
    pub(crate) fn report(&self) -> CopyReport {
        CopyReport {
            plans: self.plans.len(),
            entities: self.entities.len(),
            changes: self.changes.len(),
            events: self.events.len(),
            imports: self.imports.len(),
            diagnostics: self.diagnostics.len(),
        }
    }
}

/// What [`crate::Store::copy_to`] copied: rows per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CopyReport {
    pub plans: usize,
    pub entities: usize,
    pub changes: usize,
    pub events: usize,
    pub imports: usize,
    pub diagnostics: usize,
}
