//! Versioned migrations: `PRAGMA user_version` holds the number of the last applied one.

use crate::StoreError;
use rusqlite::Connection;

/// The migrations in order, each named `NNNN_what` after its file: migration `NNNN` brings the
/// schema to version `NNNN`. Numbers strictly increase (a unit test checks it); the version is
/// the number, not the position, so a number left free in between (a migration written on
/// another branch at the same time) does not shift the later ones. A database is migrated by
/// applying, in order, every migration numbered above its version: a new migration must
/// therefore be numbered above every released one.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../migrations/0001_initial.sql"),
    ),
    (
        "0002_document_dates",
        include_str!("../migrations/0002_document_dates.sql"),
    ),
    (
        "0003_cost_original",
        include_str!("../migrations/0003_cost_original.sql"),
    ),
];

/// The version a migration brings the schema to: the number its name starts with.
const fn version_of(name: &str) -> i64 {
    let bytes = name.as_bytes();
    let mut version = 0i64;
    let mut i = 0;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        version = version * 10 + (bytes[i] - b'0') as i64;
        i += 1;
    }
    version
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = match MIGRATIONS.last() {
    Some((name, _)) => version_of(name),
    None => 0,
};

/// Applies the migrations the database lacks, each in its own transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (name, sql) in MIGRATIONS {
        let version = version_of(name);
        if version <= current {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_the_file_numbers_and_increase() {
        let versions: Vec<i64> = MIGRATIONS.iter().map(|(n, _)| version_of(n)).collect();
        assert_eq!(versions, vec![1, 2, 3]);
        assert!(versions.windows(2).all(|w| w[0] < w[1]));
        assert!(versions.iter().all(|v| *v > 0));
        assert_eq!(SCHEMA_VERSION, 3);
        assert_eq!(version_of("0012_x"), 12);
        assert_eq!(version_of("x"), 0);
    }
}
