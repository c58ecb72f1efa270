//! Reading plans, entities, history and the change log back (the statements of
//! `sqlite::read`, in PostgreSQL's dialect).

use super::Tx;
use crate::sqlite::read::{entity_ref, event_provenance, parse_value};
use crate::{
    Action, ChangeId, ChangedPlans, HistoryEvent, HistoryFilter, ImportId, ImportRow, PlanRow,
    StoreError, StoredDiagnostic, StoredEntity,
};
use postgres::Row;
use postgres::types::Type;
use serde::Deserialize;
use shinchoku_core::changes::assemble_text;
use shinchoku_core::{
    EntityId, EntityKind, EntityMeta, FiscalYear, Identities, Location, Period, PlanId, PlanKind,
    Revision, StoredPlan,
};
use shinchoku_ingest::Diagnostic;
use std::fmt::Write as _;

/// A column of a row, or a typed error naming the table (never a panic).
pub(crate) fn col<'a, T: postgres::types::FromSql<'a>>(
    row: &'a Row,
    index: usize,
    table: &'static str,
) -> Result<T, StoreError> {
    row.try_get(index)
        .map_err(|e| StoreError::corrupt(table, format!("column {index}: {e}")))
}

fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

pub(crate) fn plan_id_by_key(tx: &mut Tx<'_>, key: &str) -> Result<Option<PlanId>, StoreError> {
    tx.query_opt("SELECT id FROM plans WHERE plan_key = $1", &[&key])?
        .map(|r| col(&r, 0, "plans").map(PlanId))
        .transpose()
}

pub(crate) fn plan_ids(tx: &mut Tx<'_>) -> Result<Vec<PlanId>, StoreError> {
    tx.query("SELECT id FROM plans ORDER BY id", &[])?
        .iter()
        .map(|r| col(r, 0, "plans").map(PlanId))
        .collect()
}

pub(crate) fn last_change(tx: &mut Tx<'_>) -> Result<i64, StoreError> {
    let row = tx.query_one("SELECT coalesce(max(id), 0)::bigint FROM change", &[])?;
    col(&row, 0, "change")
}

pub(crate) fn changes_since(tx: &mut Tx<'_>, seq: i64) -> Result<ChangedPlans, StoreError> {
    let rows = tx.query(
        "SELECT id, plan_id FROM change WHERE id > $1 ORDER BY id",
        &[&seq],
    )?;
    let mut out = ChangedPlans {
        seq,
        plans: Vec::with_capacity(rows.len()),
    };
    for r in &rows {
        out.seq = col(r, 0, "change")?;
        out.plans.push(PlanId(col(r, 1, "change")?));
    }
    out.plans.sort();
    out.plans.dedup();
    Ok(out)
}

/// The fields of a header [`PlanRow`] shows.
#[derive(Deserialize)]
struct HeaderRow {
    kind: PlanKind,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    fiscal_years: Vec<FiscalYear>,
}

pub(crate) fn plan_rows(tx: &mut Tx<'_>) -> Result<Vec<PlanRow>, StoreError> {
    let rows = tx.query(
        "SELECT id, plan_key, municipality, title, revision, header FROM plans ORDER BY id",
        &[],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let header: &str = col(r, 5, "plans")?;
        let h: HeaderRow =
            serde_json::from_str(header).map_err(|e| StoreError::corrupt("plans", e))?;
        out.push(PlanRow {
            id: PlanId(col(r, 0, "plans")?),
            key: col(r, 1, "plans")?,
            municipality: col(r, 2, "plans")?,
            title: col(r, 3, "plans")?,
            kind: h.kind,
            period: h.period,
            fiscal_years: h.fiscal_years,
            revision: Revision(col(r, 4, "plans")?),
        });
    }
    Ok(out)
}

pub(crate) fn load_plan(tx: &mut Tx<'_>, id: PlanId) -> Result<Option<StoredPlan>, StoreError> {
    let Some(head) = tx.query_opt(
        "SELECT revision, updated_at_ms, header FROM plans WHERE id = $1",
        &[&id.0],
    )?
    else {
        return Ok(None);
    };
    let revision: i64 = col(&head, 0, "plans")?;
    let updated_at_ms: i64 = col(&head, 1, "plans")?;
    let header: &str = col(&head, 2, "plans")?;
    let rows = tx.query(
        "SELECT id, kind, entity_key, position, revision, body FROM entity WHERE plan_id = $1",
        &[&id.0],
    )?;
    let mut ids = Identities::default();
    let mut bodies: Vec<(EntityKind, usize, &str)> = Vec::with_capacity(rows.len());
    for r in &rows {
        let entity = entity_ref(col(r, 1, "entity")?, col(r, 2, "entity")?)?;
        bodies.push((
            entity.kind,
            to_usize(col(r, 3, "entity")?),
            col(r, 5, "entity")?,
        ));
        ids.insert(
            entity,
            EntityMeta {
                id: EntityId(col(r, 0, "entity")?),
                revision: Revision(col(r, 4, "entity")?),
            },
        );
    }
    let plan = assemble_text(header, bodies).map_err(|e| StoreError::corrupt("entity", e))?;
    Ok(Some(StoredPlan {
        id,
        revision: Revision(revision),
        updated_at_ms,
        plan,
        ids,
    }))
}

pub(crate) fn entity(tx: &mut Tx<'_>, id: EntityId) -> Result<Option<StoredEntity>, StoreError> {
    let Some(r) = tx.query_opt(
        "SELECT plan_id, kind, entity_key, revision, body, position FROM entity WHERE id = $1",
        &[&id.0],
    )?
    else {
        return Ok(None);
    };
    let body: &str = col(&r, 4, "entity")?;
    Ok(Some(StoredEntity {
        plan_id: PlanId(col(&r, 0, "entity")?),
        position: to_usize(col(&r, 5, "entity")?),
        entity: entity_ref(col(&r, 1, "entity")?, col(&r, 2, "entity")?)?,
        meta: EntityMeta {
            id,
            revision: Revision(col(&r, 3, "entity")?),
        },
        body: serde_json::from_str(body).map_err(|e| StoreError::corrupt("entity", e))?,
    }))
}

pub(crate) fn action(text: &str) -> Result<Action, StoreError> {
    match text {
        "created" => Ok(Action::Created),
        "updated" => Ok(Action::Updated),
        "deleted" => Ok(Action::Deleted),
        other => Err(StoreError::corrupt(
            "event",
            format!("unknown action `{other}`"),
        )),
    }
}

pub(crate) fn history(
    tx: &mut Tx<'_>,
    filter: &HistoryFilter,
) -> Result<Vec<HistoryEvent>, StoreError> {
    let rows = tx.query(
        "SELECT e.id, e.change_id, c.at_ms, c.actor, c.command, e.plan_id, e.entity_id, e.kind,
                e.entity_key, e.action, e.field, e.old_value, e.new_value, e.revision,
                c.provenance, e.place
         FROM event e JOIN change c ON c.id = e.change_id
         WHERE ($1::bigint IS NULL OR e.plan_id = $1) AND ($2::bigint IS NULL OR e.entity_id = $2)
           AND ($3::bigint IS NULL OR e.revision > $3)
         ORDER BY e.id",
        &[
            &filter.plan.map(|p| p.0),
            &filter.entity.map(|e| e.0),
            &filter.after_revision.map(|r| r.0),
        ],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let t = "event";
        out.push(HistoryEvent {
            seq: col(r, 0, t)?,
            change: ChangeId(col(r, 1, t)?),
            at_ms: col(r, 2, t)?,
            actor: col(r, 3, t)?,
            command: col(r, 4, t)?,
            plan_id: PlanId(col(r, 5, t)?),
            entity_id: col::<Option<i64>>(r, 6, t)?.map(EntityId),
            kind: col(r, 7, t)?,
            entity_key: col(r, 8, t)?,
            action: action(col(r, 9, t)?)?,
            field: col(r, 10, t)?,
            old: parse_value(col(r, 11, t)?)?,
            new: parse_value(col(r, 12, t)?)?,
            revision: Revision(col(r, 13, t)?),
            provenance: event_provenance(col(r, 14, t)?, col(r, 15, t)?)?,
        });
    }
    Ok(out)
}

/// A diagnostic from the columns `severity, code, location_file, location_line,
/// location_field, message` starting at `at`.
fn diagnostic(r: &Row, at: usize) -> Result<Diagnostic, StoreError> {
    let t = "diagnostic";
    let severity: String = col(r, at, t)?;
    let line: i64 = col(r, at + 3, t)?;
    Ok(Diagnostic {
        severity: serde_json::from_value(serde_json::Value::String(severity))
            .map_err(|e| StoreError::corrupt(t, e))?,
        code: col(r, at + 1, t)?,
        location: Location {
            file: col(r, at + 2, t)?,
            line: u32::try_from(line)
                .map_err(|_| StoreError::corrupt(t, format!("line {line} out of range")))?,
            field: col(r, at + 4, t)?,
        },
        message: col(r, at + 5, t)?,
    })
}

pub(crate) fn diagnostics_of_import(
    tx: &mut Tx<'_>,
    import_id: i64,
) -> Result<Vec<Diagnostic>, StoreError> {
    tx.query(
        "SELECT severity, code, location_file, location_line, location_field, message
         FROM diagnostic WHERE import_id = $1 ORDER BY position",
        &[&import_id],
    )?
    .iter()
    .map(|r| diagnostic(r, 0))
    .collect()
}

pub(crate) fn diagnostics(
    tx: &mut Tx<'_>,
    plan: Option<PlanId>,
) -> Result<Vec<StoredDiagnostic>, StoreError> {
    let rows = tx.query(
        "SELECT d.import_id, i.file, d.severity, d.code, d.location_file, d.location_line,
                d.location_field, d.message
         FROM diagnostic d JOIN imports i ON i.id = d.import_id
         WHERE $1::bigint IS NULL
            OR d.import_id IN (SELECT import_id FROM import_plans WHERE plan_id = $1)
         ORDER BY d.import_id, d.position",
        &[&plan.map(|p| p.0)],
    )?;
    rows.iter()
        .map(|r| {
            Ok(StoredDiagnostic {
                import_id: ImportId(col(r, 0, "diagnostic")?),
                file: col(r, 1, "imports")?,
                diagnostic: diagnostic(r, 2)?,
            })
        })
        .collect()
}

pub(crate) fn import_rows(
    tx: &mut Tx<'_>,
    sha256: Option<&str>,
) -> Result<Vec<ImportRow>, StoreError> {
    let rows = tx.query(
        "SELECT i.id, i.file, i.sha256, i.layout,
                (SELECT count(*) FROM diagnostic d WHERE d.import_id = i.id) AS n,
                coalesce((SELECT array_agg(p.plan_id ORDER BY p.plan_id) FROM import_plans p
                          WHERE p.import_id = i.id), '{}') AS plans
         FROM imports i WHERE $1::text IS NULL OR i.sha256 = $1 ORDER BY i.id",
        &[&sha256],
    )?;
    let t = "imports";
    rows.iter()
        .map(|r| {
            let n: i64 = col(r, 4, t)?;
            let plans: Vec<i64> = col(r, 5, t)?;
            Ok(ImportRow {
                id: ImportId(col(r, 0, t)?),
                file: col(r, 1, t)?,
                sha256: col(r, 2, t)?,
                layout: col(r, 3, t)?,
                plans: plans.into_iter().map(PlanId).collect(),
                diagnostic_count: usize::try_from(n).unwrap_or(0),
            })
        })
        .collect()
}

/// The tables of the dump and the order of their rows.
const DUMP: &[(&str, &str)] = &[
    ("account", "id"),
    ("api_token", "id"),
    ("change", "id"),
    ("diagnostic", "import_id, position"),
    ("entity", "id"),
    ("event", "id"),
    ("id_sequence", "name"),
    ("import_plans", "import_id, plan_id"),
    ("imports", "id"),
    ("login_failure", "login, at_ms"),
    ("notice", "key"),
    ("plans", "id"),
    ("session", "token_hash"),
    ("setting", "key"),
];

/// Every row of every table (and the schema version) as text, in a fixed order, in the format
/// of the SQLite engine's dump.
pub(crate) fn dump(tx: &mut Tx<'_>) -> Result<String, StoreError> {
    let version = super::migrate::version(tx)?;
    let mut out = format!("user_version {version}\n");
    for (table, order) in DUMP {
        let _ = writeln!(out, "[{table}]");
        let rows = tx
            .raw()
            .query(&format!("SELECT * FROM {table} ORDER BY {order}"), &[])?;
        for row in &rows {
            let mut line = String::new();
            for (i, column) in row.columns().iter().enumerate() {
                if i > 0 {
                    line.push('|');
                }
                let ty = column.type_();
                if *ty == Type::INT8 {
                    match col::<Option<i64>>(row, i, table)? {
                        Some(n) => {
                            let _ = write!(line, "{n}");
                        }
                        None => line.push_str("NULL"),
                    }
                } else if *ty == Type::BOOL {
                    // As SQLite stores it.
                    match col::<Option<bool>>(row, i, table)? {
                        Some(b) => line.push(if b { '1' } else { '0' }),
                        None => line.push_str("NULL"),
                    }
                } else if *ty == Type::INT4 {
                    match col::<Option<i32>>(row, i, table)? {
                        Some(n) => {
                            let _ = write!(line, "{n}");
                        }
                        None => line.push_str("NULL"),
                    }
                } else {
                    match col::<Option<&str>>(row, i, table)? {
                        Some(s) => {
                            let _ = write!(line, "{s:?}");
                        }
                        None => line.push_str("NULL"),
                    }
                }
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    Ok(out)
}
