//! Support for tests that run against PostgreSQL too (the store's, the CLI's). Not part of
//! the store's API proper.
//!
//! `SHINCHOKU_TEST_PG` names a PostgreSQL server by the URL of a database on it that the user
//! may connect to and create databases from (`scripts/test.sh` starts one and sets it);
//! [`postgres_database`] creates a fresh database there for one test.

use crate::StoreError;
use std::sync::atomic::{AtomicU64, Ordering};

/// The variable that names the test server.
pub const TEST_PG: &str = "SHINCHOKU_TEST_PG";

/// When set (to anything), tests fail instead of skipping PostgreSQL when [`TEST_PG`] is not
/// set: CI sets it, so that a missing server cannot pass as green.
pub const REQUIRE_PG: &str = "SHINCHOKU_REQUIRE_PG";

/// `url` naming the database `name` instead of its own.
pub fn with_database(url: &str, name: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let after = &rest[authority_end..];
    let query = after.find('?').map_or("", |q| &after[q..]);
    format!(
        "{}{}/{name}{query}",
        &url[..scheme_end + 3],
        &rest[..authority_end]
    )
}

/// A new, empty database on the test server, as a URL; `None` when [`TEST_PG`] is not set.
/// Each call makes another database (named after the process and a counter); they are left
/// for the server's removal at the end of the test run.
pub async fn postgres_database() -> Result<Option<String>, StoreError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let Ok(server) = std::env::var(TEST_PG) else {
        return Ok(None);
    };
    if server.is_empty() {
        return Ok(None);
    }
    let name = format!(
        "shinchoku_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        crate::now_ms()
    );
    let url = with_database(&server, &name);
    let create = format!("CREATE DATABASE {name}");
    tokio::task::spawn_blocking(move || -> Result<(), StoreError> {
        let config: postgres::Config = server
            .parse()
            .map_err(|e| StoreError::Database(format!("{TEST_PG}: {e}")))?;
        let mut client = config.connect(postgres::NoTls)?;
        client.batch_execute(&create)?;
        Ok(())
    })
    .await
    .map_err(|e| StoreError::Internal(format!("store task failed: {e}")))??;
    Ok(Some(url))
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_of_a_url_is_replaced() {
        assert_eq!(
            with_database("postgres:///postgres?host=/tmp/s&user=postgres", "t1"),
            "postgres:///t1?host=/tmp/s&user=postgres"
        );
        assert_eq!(
            with_database("postgresql://u:p@h:5432/db", "t2"),
            "postgresql://u:p@h:5432/t2"
        );
        assert_eq!(with_database("postgres://h", "t3"), "postgres://h/t3");
        assert_eq!(
            with_database("postgres://h?sslmode=disable", "t4"),
            "postgres://h/t4?sslmode=disable"
        );
    }
}
