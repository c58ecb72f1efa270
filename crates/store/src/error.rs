use crate::PlanId;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no plan with id {0}")]
    PlanNotFound(PlanId),
    #[error("plan {plan}: {what} `{key}` is referenced but not defined in the plan")]
    UnknownKey {
        plan: String,
        what: &'static str,
        key: String,
    },
    #[error("plan {plan}: cannot store {what}: {message}")]
    Unstorable {
        plan: String,
        what: &'static str,
        message: String,
    },
    #[error(
        "the database has schema version {found}, newer than this build supports ({supported}); \
         use a newer shinchoku"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("corrupt data in table {table}: {message}")]
    Corrupt {
        table: &'static str,
        message: String,
    },
}

impl StoreError {
    pub(crate) fn corrupt(table: &'static str, message: impl std::fmt::Display) -> Self {
        StoreError::Corrupt {
            table,
            message: message.to_string(),
        }
    }
}
