use shinchoku_core::{EntityId, EntityRef, PlanId, Revision};
use std::fmt;

/// A change named a revision that is no longer current: someone else changed the plan or
/// the entity in between. Nothing of the commit was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub plan: PlanId,
    /// The entity whose revision moved on; `None` when the plan's did (or a plan of the same
    /// key was created meanwhile).
    pub entity: Option<(EntityId, EntityRef)>,
    pub expected: Option<Revision>,
    pub current: Option<Revision>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entity {
            Some((id, entity)) => write!(f, "{} {id} ({})", entity.kind, entity.display_key())?,
            None => write!(f, "plan {}", self.plan)?,
        }
        match (self.expected, self.current) {
            (Some(e), Some(c)) => write!(f, " is at revision {c}, not {e}"),
            (Some(e), None) => write!(f, " no longer exists (expected revision {e})"),
            _ => write!(f, " was changed meanwhile"),
        }
    }
}

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(String),
    #[error("database {0} does not exist (run `shinchoku import` first, or pass --db)")]
    Missing(String),
    #[error("no plan with id {0}")]
    PlanNotFound(PlanId),
    #[error("no entity with id {0}")]
    EntityNotFound(EntityId),
    #[error("conflict: {0}")]
    Conflict(Box<Conflict>),
    #[error(
        "the database has schema version {found}, newer than this build supports ({supported}); \
         use a newer shinchoku"
    )]
    NewerSchema { found: i64, supported: i64 },
    /// A unique name taken already (an account's login).
    #[error("{0}")]
    Duplicate(String),
    #[error("corrupt data in table {table}: {message}")]
    Corrupt {
        table: &'static str,
        message: String,
    },
    #[error("cannot store {what}: {message}")]
    Unstorable { what: &'static str, message: String },
    #[error("{0}")]
    Internal(String),
}

impl StoreError {
    pub(crate) fn corrupt(table: &'static str, message: impl fmt::Display) -> Self {
        StoreError::Corrupt {
            table,
            message: message.to_string(),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Unstorable {
            what: "JSON",
            message: e.to_string(),
        }
    }
}
