//! shinchoku's store: plans, imports and diagnostics, persisted.
//!
//! Callers use the [`PlanStore`] trait; [`SqliteStore`] is the SQLite implementation
//! (rusqlite, bundled SQLite). A PostgreSQL backend can implement the same trait later.
//!
//! * [`PlanStore::import`] stores one read document in one transaction: each plan is merged
//!   into the stored plan of the same key ([`shinchoku_core::merge::merge`]) and written only
//!   when the merge changed it, so importing the same bytes twice changes nothing at all.
//! * Everything of the model round-trips: `load_plan(save(p)) == p`.
//! * Plan ids are stable and never reused.

mod error;
mod load;
mod migrate;
mod save;
mod sqlite;

pub use error::StoreError;
pub use migrate::SCHEMA_VERSION;
pub use sqlite::{DEFAULT_PATH, SqliteStore};

use serde::{Deserialize, Serialize};
use shinchoku_core::{FiscalYear, Period, Plan, PlanKind};
use shinchoku_ingest::{Diagnostic, Import, Layout, ReadError};
use std::fmt;

/// The stable id of a stored plan (never reused, even after deletion).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlanId(pub i64);

impl fmt::Display for PlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The id of a recorded import (one per distinct document, by SHA-256).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImportId(pub i64);

impl fmt::Display for ImportId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A read document, ready to be stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedDocument {
    /// File name as given to the importer (no directories).
    pub file_name: String,
    /// Hex SHA-256 of the document's bytes: the identity of the import.
    pub sha256: String,
    /// Name of the reader layout ([`Layout::name`]).
    pub layout: String,
    pub plans: Vec<Plan>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ImportedDocument {
    /// Wraps what a reader returned.
    pub fn new(
        file_name: impl Into<String>,
        sha256: impl Into<String>,
        layout: Layout,
        import: Import,
    ) -> Self {
        ImportedDocument {
            file_name: file_name.into(),
            sha256: sha256.into(),
            layout: layout.name().to_owned(),
            plans: import.plans,
            diagnostics: import.diagnostics,
        }
    }

    /// Decodes, detects and reads a document's bytes ([`shinchoku_ingest::read_document`]).
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<Self, ReadError> {
        let (layout, import) = shinchoku_ingest::read_document_with_layout(file_name, bytes)?;
        Ok(ImportedDocument::new(
            file_name,
            shinchoku_ingest::normalise::sha256_hex(bytes),
            layout,
            import,
        ))
    }
}

/// What an import did to one plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// No plan of this key was stored; it was created.
    Created,
    /// The stored plan was merged with the imported one and changed.
    Updated,
    /// Merging changed nothing; nothing was written.
    Unchanged,
}

/// One plan of an import and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanImport {
    pub id: PlanId,
    pub key: String,
    pub outcome: ImportOutcome,
}

/// The result of [`PlanStore::import`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub import_id: ImportId,
    /// Whether the document (file, layout, diagnostics) was recorded or its record changed.
    pub document_recorded: bool,
    /// One entry per plan of the document, in document order.
    pub plans: Vec<PlanImport>,
}

/// A stored plan in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub id: PlanId,
    /// [`Plan::key`].
    pub key: String,
    pub municipality: String,
    pub title: String,
    pub kind: PlanKind,
    pub period: Option<Period>,
    pub fiscal_years: Vec<FiscalYear>,
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

/// The store API. Implementations keep every operation atomic: a failing call leaves the
/// store as it was.
pub trait PlanStore {
    /// Stores a read document in one transaction: merges each plan into the stored plan of
    /// its key (writing only when that changes it) and records the document and its
    /// diagnostics. Importing the same document twice changes nothing.
    fn import(&mut self, doc: ImportedDocument) -> Result<ImportReport, StoreError>;

    /// Saves a plan as it is (no merge), replacing the stored plan of its key; returns its id.
    fn save_plan(&mut self, plan: &Plan) -> Result<PlanId, StoreError>;

    /// Deletes a plan and everything in it; `false` when there was none. Its id is not reused.
    fn delete_plan(&mut self, id: PlanId) -> Result<bool, StoreError>;

    /// All plans, by id.
    fn plans(&self) -> Result<Vec<PlanRow>, StoreError>;

    /// One plan; [`StoreError::PlanNotFound`] when there is none.
    fn load_plan(&self, id: PlanId) -> Result<Plan, StoreError>;

    /// The plan of a [`Plan::key`], with its id.
    fn load_plan_by_key(&self, key: &str) -> Result<Option<(PlanId, Plan)>, StoreError>;

    /// All plans with their ids, by id, read in one consistent snapshot.
    fn load_all_with_ids(&self) -> Result<Vec<(PlanId, Plan)>, StoreError>;

    /// All plans, by id.
    fn load_all(&self) -> Result<Vec<Plan>, StoreError> {
        Ok(self
            .load_all_with_ids()?
            .into_iter()
            .map(|(_, plan)| plan)
            .collect())
    }

    /// Diagnostics of all imports, or of the imports that contributed to one plan; by import,
    /// then in document order.
    fn diagnostics(&self, plan: Option<PlanId>) -> Result<Vec<StoredDiagnostic>, StoreError>;

    /// All recorded imports, by id.
    fn imports(&self) -> Result<Vec<ImportRow>, StoreError>;
}
