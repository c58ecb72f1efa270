//! Versioned migrations of a PostgreSQL database: `shinchoku_schema.version` holds the number
//! of the last applied one (SQLite: `PRAGMA user_version`), with the same numbers as SQLite's.
//! A new database is created at version 4 directly (`migrations/postgres/0004_…`): versions
//! 1–3 were the snapshot store's, which only ever ran on SQLite. A later version adds its file
//! to [`MIGRATIONS`] (version 5: `0005_accounts.sql`, run on a version-4 database as on a new
//! one).
//!
//! The migration runs under the writers' advisory lock and reads the version inside it: two
//! processes opening a new database at once migrate it once; the second sees the finished
//! schema.

use super::read::col;
use super::{Tx, WRITE_LOCK};
use crate::{MigrationReport, SCHEMA_VERSION, StoreError};
use postgres::Client;

/// `(version, SQL)`, ascending.
const MIGRATIONS: &[(i64, &str)] = &[
    (
        4,
        include_str!("../../migrations/postgres/0004_living_store.sql"),
    ),
    (
        5,
        include_str!("../../migrations/postgres/0005_accounts.sql"),
    ),
];

/// The tables of the living store; one of them without `shinchoku_schema` is not a database
/// this build made.
const TABLES: &[&str] = &[
    "plans",
    "entity",
    "change",
    "event",
    "imports",
    "import_plans",
    "diagnostic",
    "id_sequence",
    "account",
    "session",
    "login_failure",
    "api_token",
    "notice",
    "setting",
];

/// The schema version of the database, inside a transaction.
pub(crate) fn version(tx: &mut Tx<'_>) -> Result<i64, StoreError> {
    let row = tx.query_one("SELECT max(version) FROM shinchoku_schema", &[])?;
    Ok(col::<Option<i64>>(&row, 0, "shinchoku_schema")?.unwrap_or(0))
}

fn exists(tx: &mut postgres::Transaction<'_>, table: &str) -> Result<bool, StoreError> {
    let row = tx.query_one("SELECT to_regclass($1) IS NOT NULL", &[&table])?;
    col(&row, 0, "schema")
}

/// The version the last migration of [`MIGRATIONS`] brings a database to; it must be
/// [`SCHEMA_VERSION`] (a schema version added for SQLite needs its PostgreSQL migration too).
fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Brings the database to [`SCHEMA_VERSION`].
pub(crate) fn migrate(client: &mut Client) -> Result<MigrationReport, StoreError> {
    if latest() != SCHEMA_VERSION {
        return Err(StoreError::Internal(format!(
            "this build has no PostgreSQL migration to schema version {SCHEMA_VERSION} \
             (the last is {})",
            latest()
        )));
    }
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    let from = if exists(&mut tx, "shinchoku_schema")? {
        let row = tx.query_one("SELECT max(version) FROM shinchoku_schema", &[])?;
        col::<Option<i64>>(&row, 0, "shinchoku_schema")?.unwrap_or(0)
    } else {
        for table in TABLES {
            if exists(&mut tx, table)? {
                return Err(StoreError::corrupt(
                    "schema",
                    format!(
                        "the database has a table `{table}` but no shinchoku_schema: \
                         not a shinchoku database, or one made by hand"
                    ),
                ));
            }
        }
        0
    };
    if from > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    if from == SCHEMA_VERSION {
        return Ok(MigrationReport { from, to: from });
    }
    let first = MIGRATIONS.first().map_or(SCHEMA_VERSION, |m| m.0);
    if from != 0 && from < first {
        return Err(StoreError::corrupt(
            "schema",
            format!("version {from} never existed on PostgreSQL"),
        ));
    }
    for (version, sql) in MIGRATIONS {
        if *version > from {
            tx.batch_execute(sql)?;
        }
    }
    tx.execute("DELETE FROM shinchoku_schema", &[])?;
    tx.execute(
        "INSERT INTO shinchoku_schema (version) VALUES ($1)",
        &[&SCHEMA_VERSION],
    )?;
    tx.commit()?;
    Ok(MigrationReport {
        from,
        to: SCHEMA_VERSION,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every schema version of the store has its PostgreSQL migration: a version added for
    /// SQLite fails here until `migrations/postgres/` has it too.
    #[test]
    fn the_postgres_migrations_reach_the_schema_version() {
        assert_eq!(latest(), SCHEMA_VERSION);
        let versions: Vec<i64> = MIGRATIONS.iter().map(|m| m.0).collect();
        let mut sorted = versions.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(versions, sorted, "ascending, each once");
    }
}
