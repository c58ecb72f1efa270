//! The SQLite implementation of [`PlanStore`].

use crate::load::{self, location};
use crate::save::{self, enum_name};
use crate::{
    ImportId, ImportOutcome, ImportReport, ImportRow, ImportedDocument, PlanId, PlanImport,
    PlanRow, PlanStore, StoreError, StoredDiagnostic, migrate,
};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use shinchoku_core::Plan;
use shinchoku_core::merge::merge;
use shinchoku_ingest::Diagnostic;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// The database file the CLI uses when none is given.
pub const DEFAULT_PATH: &str = "./shinchoku.db";

/// How long a writer waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Plans, imports and diagnostics in one SQLite database.
pub struct SqliteStore {
    conn: Connection,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.conn.path())
            .finish()
    }
}

impl SqliteStore {
    /// Opens (creating when missing) the database file at `path`, in WAL mode with foreign
    /// keys on, and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::setup(Connection::open(path)?, true)
    }

    /// A fresh in-memory database (for tests and previews).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::setup(Connection::open_in_memory()?, false)
    }

    fn setup(mut conn: Connection, wal: bool) -> Result<Self, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if wal {
            // Returns the mode in effect; a file system without WAL support keeps the
            // rollback journal, which works as well (with less concurrency).
            let _mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_prepared_statement_cache_capacity(64);
        migrate::migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The connection, for read-only queries the API does not offer (e.g. the web search).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Every row of every table (and the schema version) as text, in a fixed order: two
    /// dumps are equal exactly when the databases hold the same data.
    pub fn dump(&self) -> Result<String, StoreError> {
        let mut out = format!("user_version {}\n", self.schema_version()?);
        let tables: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        for table in tables {
            let _ = writeln!(out, "[{table}]");
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let mut line = String::new();
                for i in 0..columns {
                    if i > 0 {
                        line.push('|');
                    }
                    match row.get_ref(i)? {
                        ValueRef::Null => line.push_str("NULL"),
                        ValueRef::Integer(n) => {
                            let _ = write!(line, "{n}");
                        }
                        ValueRef::Real(f) => {
                            let _ = write!(line, "{:?}", f.to_bits());
                        }
                        ValueRef::Text(t) => {
                            let _ = write!(line, "{:?}", String::from_utf8_lossy(t));
                        }
                        ValueRef::Blob(b) => {
                            let _ = write!(line, "{b:?}");
                        }
                    }
                }
                out.push_str(&line);
                out.push('\n');
            }
        }
        Ok(out)
    }

    /// Records the document; `true` when something was written.
    fn record_document(
        tx: &Connection,
        doc: &ImportedDocument,
    ) -> Result<(ImportId, bool), StoreError> {
        let existing: Option<(i64, String, String)> = tx
            .prepare_cached("SELECT id, file, layout FROM imports WHERE sha256 = ?1")?
            .query_row([&doc.sha256], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let id = match existing {
            Some((id, file, layout)) => {
                let same = file == doc.file_name
                    && layout == doc.layout
                    && diagnostics_of_import(tx, id)? == doc.diagnostics;
                if same {
                    return Ok((ImportId(id), false));
                }
                tx.prepare_cached("UPDATE imports SET file = ?1, layout = ?2 WHERE id = ?3")?
                    .execute(params![doc.file_name, doc.layout, id])?;
                tx.prepare_cached("DELETE FROM diagnostic WHERE import_id = ?1")?
                    .execute([id])?;
                id
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO imports (file, sha256, layout) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![doc.file_name, doc.sha256, doc.layout])?;
                tx.last_insert_rowid()
            }
        };
        let mut stmt = tx.prepare_cached(
            "INSERT INTO diagnostic (import_id, position, severity, code, location_file,
             location_line, location_field, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, d) in doc.diagnostics.iter().enumerate() {
            stmt.execute(params![
                id,
                i,
                enum_name(&d.severity)?,
                d.code,
                d.location.file,
                d.location.line,
                d.location.field,
                d.message
            ])?;
        }
        Ok((ImportId(id), true))
    }

    fn import_in(tx: &Connection, doc: ImportedDocument) -> Result<ImportReport, StoreError> {
        let (import_id, document_recorded) = Self::record_document(tx, &doc)?;
        let mut plans = Vec::with_capacity(doc.plans.len());
        for incoming in doc.plans {
            let key = incoming.key();
            let (id, outcome) = match load::plan_id_by_key(tx, &key)? {
                None => (save::save_plan(tx, &incoming)?, ImportOutcome::Created),
                Some(id) => {
                    let stored = load::load_plan(tx, id)?;
                    let merged = merge(stored.clone(), incoming);
                    if merged == stored {
                        (id, ImportOutcome::Unchanged)
                    } else {
                        (save::save_plan(tx, &merged)?, ImportOutcome::Updated)
                    }
                }
            };
            tx.prepare_cached(
                "INSERT INTO import_plan (import_id, plan_id) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![import_id.0, id.0])?;
            plans.push(PlanImport { id, key, outcome });
        }
        Ok(ImportReport {
            import_id,
            document_recorded,
            plans,
        })
    }
}

fn diagnostics_of_import(conn: &Connection, import_id: i64) -> Result<Vec<Diagnostic>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM diagnostic WHERE import_id = ?1 ORDER BY position")?;
    let mut rows = stmt.query([import_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(diagnostic(r)?);
    }
    Ok(out)
}

fn diagnostic(r: &rusqlite::Row) -> Result<Diagnostic, StoreError> {
    Ok(Diagnostic {
        severity: load::from_name("diagnostic", &r.get::<_, String>("severity")?)?,
        code: r.get("code")?,
        location: location(r)?,
        message: r.get("message")?,
    })
}

impl PlanStore for SqliteStore {
    fn import(&mut self, doc: ImportedDocument) -> Result<ImportReport, StoreError> {
        let tx = self.conn.transaction()?;
        let report = Self::import_in(&tx, doc)?;
        tx.commit()?;
        Ok(report)
    }

    fn save_plan(&mut self, plan: &Plan) -> Result<PlanId, StoreError> {
        let tx = self.conn.transaction()?;
        let id = save::save_plan(&tx, plan)?;
        tx.commit()?;
        Ok(id)
    }

    fn delete_plan(&mut self, id: PlanId) -> Result<bool, StoreError> {
        let n = self
            .conn
            .prepare_cached("DELETE FROM plan WHERE id = ?1")?
            .execute([id.0])?;
        Ok(n > 0)
    }

    fn plans(&self) -> Result<Vec<PlanRow>, StoreError> {
        load::plan_rows(&self.conn)
    }

    fn load_plan(&self, id: PlanId) -> Result<Plan, StoreError> {
        load::load_plan(&self.conn, id)
    }

    fn load_plan_by_key(&self, key: &str) -> Result<Option<(PlanId, Plan)>, StoreError> {
        match load::plan_id_by_key(&self.conn, key)? {
            Some(id) => Ok(Some((id, load::load_plan(&self.conn, id)?))),
            None => Ok(None),
        }
    }

    fn load_all_with_ids(&self) -> Result<Vec<(PlanId, Plan)>, StoreError> {
        // One read transaction: a concurrent import is seen entirely or not at all.
        let tx = self.conn.unchecked_transaction()?;
        let ids: Vec<i64> = {
            let mut stmt = tx.prepare_cached("SELECT id FROM plan ORDER BY id")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        let plans = ids
            .into_iter()
            .map(|id| Ok((PlanId(id), load::load_plan(&tx, PlanId(id))?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        tx.commit()?;
        Ok(plans)
    }

    fn diagnostics(&self, plan: Option<PlanId>) -> Result<Vec<StoredDiagnostic>, StoreError> {
        let sql = "SELECT d.*, i.file AS import_file FROM diagnostic d
                   JOIN imports i ON i.id = d.import_id
                   WHERE ?1 IS NULL
                      OR d.import_id IN (SELECT import_id FROM import_plan WHERE plan_id = ?1)
                   ORDER BY d.import_id, d.position";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([plan.map(|p| p.0)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(StoredDiagnostic {
                import_id: ImportId(r.get("import_id")?),
                file: r.get("import_file")?,
                diagnostic: diagnostic(r)?,
            });
        }
        Ok(out)
    }

    fn imports(&self) -> Result<Vec<ImportRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.file, i.sha256, i.layout,
                    (SELECT count(*) FROM diagnostic d WHERE d.import_id = i.id) AS n
             FROM imports i ORDER BY i.id",
        )?;
        let mut plans_of = self.conn.prepare_cached(
            "SELECT plan_id FROM import_plan WHERE import_id = ?1 ORDER BY plan_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get("id")?;
            let plans = plans_of
                .query_map([id], |p| p.get(0).map(PlanId))?
                .collect::<Result<_, _>>()?;
            let n: i64 = r.get("n")?;
            out.push(ImportRow {
                id: ImportId(id),
                file: r.get("file")?,
                sha256: r.get("sha256")?,
                layout: r.get("layout")?,
                plans,
                diagnostic_count: usize::try_from(n).unwrap_or(0),
            });
        }
        Ok(out)
    }
}
