//! Versioned migrations: `PRAGMA user_version` holds the number of the last applied one.
//!
//! Versions 1–3 were the normalised schema of the snapshot store (one table per model list);
//! version 4 is the living store (plans as header + entity rows, revisions, change log,
//! events); version 5 adds accounts, sessions, API tokens, notices and settings. A new
//! database is created at version 4 directly and then brought to 5. An older database is brought
//! to version 3 by its SQL migrations and then to version 4 by reading every plan with the
//! version-3 reader ([`super::legacy`]) and writing it as entities — ids of plans kept, one
//! `migrate` change per plan — in the same transaction, so that a database is either wholly
//! migrated or untouched.
//!
//! The whole migration runs under the write lock (`BEGIN IMMEDIATE`) and reads the version
//! inside it: two processes opening a new database at once migrate it once; the second sees
//! the finished schema.

use super::{legacy, write};
use crate::{Commit, MigrationReport, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use shinchoku_core::Provenance;

/// The migrations of the snapshot store, `NNNN_what` after their files.
const LEGACY: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/sqlite/0001_initial.sql")),
    (
        2,
        include_str!("../../migrations/sqlite/0002_document_dates.sql"),
    ),
    (
        3,
        include_str!("../../migrations/sqlite/0003_cost_original.sql"),
    ),
];

const V4: &str = include_str!("../../migrations/sqlite/0004_living_store.sql");
const V5: &str = include_str!("../../migrations/sqlite/0005_accounts.sql");

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Tables of version 4; every other table of an older schema is dropped by the migration.
const V4_TABLES: &[&str] = &[
    "plans",
    "entity",
    "change",
    "event",
    "imports",
    "import_plans",
    "diagnostic",
    "sqlite_sequence",
];

fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the database to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection) -> Result<MigrationReport, StoreError> {
    // Foreign keys cannot be switched inside a transaction; the version-4 step drops tables
    // that reference each other.
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = migrate_locked(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    result
}

fn migrate_locked(conn: &mut Connection) -> Result<MigrationReport, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = user_version(&tx)?;
    if from > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    if from == SCHEMA_VERSION {
        return Ok(MigrationReport { from, to: from });
    }
    let empty: i64 = tx.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if from == 0 && empty == 0 {
        tx.execute_batch(V4)?;
    } else if from < 4 {
        for (version, sql) in LEGACY {
            if *version > from {
                tx.execute_batch(sql)?;
            }
        }
        to_v4(&tx)?;
    }
    tx.execute_batch(V5)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    let violations: i64 =
        tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    if violations > 0 {
        return Err(StoreError::corrupt(
            "schema",
            format!("{violations} broken references after migrating"),
        ));
    }
    tx.commit()?;
    Ok(MigrationReport {
        from,
        to: SCHEMA_VERSION,
    })
}

/// Version 3 → 4: every plan read with the version-3 reader and written as entities.
fn to_v4(tx: &Connection) -> Result<(), StoreError> {
    let ids: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT id FROM plan ORDER BY id")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let mut plans = Vec::with_capacity(ids.len());
    for id in ids {
        let id = shinchoku_core::PlanId(id);
        plans.push((id, legacy::load_plan(tx, id)?));
    }
    let plan_seq: i64 = tx
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'plan'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let links: Vec<(i64, i64)> = {
        let mut stmt = tx.prepare("SELECT import_id, plan_id FROM import_plan")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let old_tables: Vec<String> = {
        let mut stmt = tx.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|t| !V4_TABLES.contains(&t.as_str()))
            .collect()
    };
    for table in old_tables {
        tx.execute_batch(&format!("DROP TABLE \"{table}\""))?;
    }
    tx.execute_batch(V4)?;
    let at_ms = write::now_ms();
    for (id, plan) in plans {
        let diff =
            shinchoku_core::changes::diff(None, &plan, &shinchoku_core::Identities::default())?;
        let commit = Commit {
            actor: "shinchoku migrate".into(),
            command: "migrate".into(),
            at_ms,
            provenance: Provenance::Migration,
            changes: vec![crate::ChangeSet {
                plan: crate::PlanTarget::New {
                    key: plan.key(),
                    requested: Some(id),
                },
                base_revision: None,
                diff,
            }],
            document: None,
        };
        write::apply(tx, &commit)?;
    }
    // Plan ids deleted before the migration stay unused.
    tx.execute(
        "UPDATE sqlite_sequence SET seq = max(seq, ?1) WHERE name = 'plans'",
        [plan_seq],
    )?;
    tx.execute(
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'plans', ?1
         WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'plans')",
        [plan_seq],
    )?;
    let mut link = tx.prepare(
        "INSERT INTO import_plans (import_id, plan_id) SELECT ?1, ?2
         WHERE EXISTS (SELECT 1 FROM plans WHERE id = ?2) ON CONFLICT DO NOTHING",
    )?;
    for (import_id, plan_id) in links {
        link.execute([import_id, plan_id])?;
    }
    Ok(())
}
