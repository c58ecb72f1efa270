use shinchoku_core::{EntityId, Revision};
use shinchoku_store::{HistoryEvent, StoreError};

/// Why a command was not carried out. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot read {file}: {message}")]
    Read { file: String, message: String },
    /// The entity is no longer at the revision the caller saw; `changed` lists every event
    /// since (field, old and new value, who, when).
    #[error("conflict: {kind} {id} is at revision {current}, not {expected}; changed since: {}", changed_fields(.changed))]
    Conflict {
        kind: String,
        id: EntityId,
        expected: Revision,
        current: Revision,
        changed: Vec<HistoryEvent>,
    },
    /// A value that does not fit the field (located by the field's name).
    #[error("{field}: {message}")]
    InvalidValue { field: String, message: String },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}: other writers kept changing the plan; try again")]
    Busy(String),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    InvalidPlan(#[from] shinchoku_core::validate::InvalidPlan),
}

fn changed_fields(events: &[HistoryEvent]) -> String {
    let mut fields: Vec<&str> = events
        .iter()
        .map(|e| e.field.as_deref().unwrap_or(e.action.as_str()))
        .collect();
    fields.sort_unstable();
    fields.dedup();
    if fields.is_empty() {
        "(nothing recorded)".to_owned()
    } else {
        fields.join(", ")
    }
}
