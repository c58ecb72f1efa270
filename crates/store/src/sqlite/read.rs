//! Reading plans, entities, history and the change log back.

use crate::{
    Action, ChangeId, ChangedPlans, HistoryEvent, HistoryFilter, ImportId, ImportRow, PlanRow,
    StoreError, StoredDiagnostic, StoredEntity,
};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Deserialize;
use shinchoku_core::changes::assemble_text;
use shinchoku_core::{
    EntityId, EntityKind, EntityMeta, EntityRef, FiscalYear, Identities, Location, Period, PlanId,
    PlanKind, Provenance, Revision, StoredPlan,
};
use shinchoku_ingest::Diagnostic;
use std::fmt::Write as _;

pub(crate) fn plan_id_by_key(conn: &Connection, key: &str) -> Result<Option<PlanId>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM plans WHERE plan_key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .map(PlanId))
}

pub(crate) fn plan_ids(conn: &Connection) -> Result<Vec<PlanId>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id FROM plans ORDER BY id")?;
    let ids = stmt
        .query_map([], |r| r.get(0).map(PlanId))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

pub(crate) fn last_change(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT ifnull(max(id), 0) FROM change")?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn changes_since(conn: &Connection, seq: i64) -> Result<ChangedPlans, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id, plan_id FROM change WHERE id > ?1 ORDER BY id")?;
    let mut out = ChangedPlans {
        seq,
        plans: Vec::new(),
    };
    let mut rows = stmt.query([seq])?;
    while let Some(r) = rows.next()? {
        out.seq = r.get(0)?;
        out.plans.push(PlanId(r.get(1)?));
    }
    out.plans.sort();
    out.plans.dedup();
    Ok(out)
}

fn corrupt_json(table: &'static str, e: serde_json::Error) -> StoreError {
    StoreError::corrupt(table, e)
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

pub(crate) fn plan_rows(conn: &Connection) -> Result<Vec<PlanRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, plan_key, municipality, title, revision, header FROM plans ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let header: String = r.get(5)?;
        let h: HeaderRow = serde_json::from_str(&header).map_err(|e| corrupt_json("plans", e))?;
        out.push(PlanRow {
            id: PlanId(r.get(0)?),
            key: r.get(1)?,
            municipality: r.get(2)?,
            title: r.get(3)?,
            kind: h.kind,
            period: h.period,
            fiscal_years: h.fiscal_years,
            revision: Revision(r.get(4)?),
        });
    }
    Ok(out)
}

pub(crate) fn entity_ref(kind: &str, key: String) -> Result<EntityRef, StoreError> {
    let kind = EntityKind::parse(kind)
        .ok_or_else(|| StoreError::corrupt("entity", format!("unknown kind `{kind}`")))?;
    Ok(EntityRef { kind, key })
}

pub(crate) fn load_plan(conn: &Connection, id: PlanId) -> Result<Option<StoredPlan>, StoreError> {
    let head: Option<(i64, i64, String)> = conn
        .prepare_cached("SELECT revision, updated_at_ms, header FROM plans WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((revision, updated_at_ms, header)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, entity_key, position, revision, body FROM entity WHERE plan_id = ?1",
    )?;
    let mut rows = stmt.query([id.0])?;
    let mut ids = Identities::default();
    let mut bodies: Vec<(EntityKind, usize, String)> = Vec::new();
    while let Some(r) = rows.next()? {
        let entity = entity_ref(&r.get::<_, String>(1)?, r.get(2)?)?;
        let position: i64 = r.get(3)?;
        bodies.push((
            entity.kind,
            usize::try_from(position).unwrap_or(usize::MAX),
            r.get(5)?,
        ));
        ids.insert(
            entity,
            EntityMeta {
                id: EntityId(r.get(0)?),
                revision: Revision(r.get(4)?),
            },
        );
    }
    let rows = bodies
        .iter()
        .map(|(k, p, b)| (*k, *p, b.as_str()))
        .collect();
    let plan = assemble_text(&header, rows).map_err(|e| corrupt_json("entity", e))?;
    Ok(Some(StoredPlan {
        id,
        revision: Revision(revision),
        updated_at_ms,
        plan,
        ids,
    }))
}

pub(crate) fn entity(conn: &Connection, id: EntityId) -> Result<Option<StoredEntity>, StoreError> {
    type EntityRow = (i64, String, String, i64, String, i64);
    let row: Option<EntityRow> = conn
        .prepare_cached(
            "SELECT plan_id, kind, entity_key, revision, body, position FROM entity
             WHERE id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    let Some((plan_id, kind, key, revision, body, position)) = row else {
        return Ok(None);
    };
    Ok(Some(StoredEntity {
        plan_id: PlanId(plan_id),
        position: usize::try_from(position).unwrap_or(usize::MAX),
        entity: entity_ref(&kind, key)?,
        meta: EntityMeta {
            id,
            revision: Revision(revision),
        },
        body: serde_json::from_str(&body).map_err(|e| corrupt_json("entity", e))?,
    }))
}

pub(crate) fn parse_value(text: Option<String>) -> Result<Option<serde_json::Value>, StoreError> {
    text.map(|t| serde_json::from_str(&t).map_err(|e| corrupt_json("event", e)))
        .transpose()
}

/// The provenance of one event: the change's, with the event's line or cell.
pub(crate) fn event_provenance(
    change: &str,
    place: Option<String>,
) -> Result<Provenance, StoreError> {
    let mut p: Provenance = serde_json::from_str(change).map_err(|e| corrupt_json("change", e))?;
    match (&mut p, place) {
        (Provenance::Document { line, .. }, Some(place)) => *line = place.parse().ok(),
        (Provenance::Upload { cell, .. }, Some(place)) => *cell = place,
        _ => {}
    }
    Ok(p)
}

pub(crate) fn history(
    conn: &Connection,
    filter: &HistoryFilter,
) -> Result<Vec<HistoryEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.change_id, c.at_ms, c.actor, c.command, e.plan_id, e.entity_id, e.kind,
                e.entity_key, e.action, e.field, e.old_value, e.new_value, e.revision,
                c.provenance, e.place
         FROM event e JOIN change c ON c.id = e.change_id
         WHERE (?1 IS NULL OR e.plan_id = ?1) AND (?2 IS NULL OR e.entity_id = ?2)
           AND (?3 IS NULL OR e.revision > ?3)
         ORDER BY e.id",
    )?;
    let mut rows = stmt.query(rusqlite::params![
        filter.plan.map(|p| p.0),
        filter.entity.map(|e| e.0),
        filter.after_revision.map(|r| r.0)
    ])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let action = match r.get::<_, String>(9)?.as_str() {
            "created" => Action::Created,
            "updated" => Action::Updated,
            "deleted" => Action::Deleted,
            other => {
                return Err(StoreError::corrupt(
                    "event",
                    format!("unknown action `{other}`"),
                ));
            }
        };
        out.push(HistoryEvent {
            seq: r.get(0)?,
            change: ChangeId(r.get(1)?),
            at_ms: r.get(2)?,
            actor: r.get(3)?,
            command: r.get(4)?,
            plan_id: PlanId(r.get(5)?),
            entity_id: r.get::<_, Option<i64>>(6)?.map(EntityId),
            kind: r.get(7)?,
            entity_key: r.get(8)?,
            action,
            field: r.get(10)?,
            old: parse_value(r.get(11)?)?,
            new: parse_value(r.get(12)?)?,
            revision: Revision(r.get(13)?),
            provenance: event_provenance(&r.get::<_, String>(14)?, r.get(15)?)?,
        });
    }
    Ok(out)
}

fn diagnostic(r: &Row) -> Result<Diagnostic, StoreError> {
    let severity: String = r.get("severity")?;
    Ok(Diagnostic {
        severity: serde_json::from_value(serde_json::Value::String(severity))
            .map_err(|e| corrupt_json("diagnostic", e))?,
        code: r.get("code")?,
        location: Location {
            file: r.get("location_file")?,
            line: r.get("location_line")?,
            field: r.get("location_field")?,
        },
        message: r.get("message")?,
    })
}

pub(crate) fn diagnostics_of_import(
    conn: &Connection,
    import_id: i64,
) -> Result<Vec<Diagnostic>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM diagnostic WHERE import_id = ?1 ORDER BY position")?;
    let mut rows = stmt.query([import_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(diagnostic(r)?);
    }
    Ok(out)
}

pub(crate) fn diagnostics(
    conn: &Connection,
    plan: Option<PlanId>,
) -> Result<Vec<StoredDiagnostic>, StoreError> {
    let sql = "SELECT d.*, i.file AS import_file FROM diagnostic d
               JOIN imports i ON i.id = d.import_id
               WHERE ?1 IS NULL
                  OR d.import_id IN (SELECT import_id FROM import_plans WHERE plan_id = ?1)
               ORDER BY d.import_id, d.position";
    let mut stmt = conn.prepare_cached(sql)?;
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

pub(crate) fn imports(conn: &Connection) -> Result<Vec<ImportRow>, StoreError> {
    import_rows(conn, None)
}

pub(crate) fn find_import(
    conn: &Connection,
    sha256: &str,
) -> Result<Option<ImportRow>, StoreError> {
    Ok(import_rows(conn, Some(sha256))?.into_iter().next())
}

fn import_rows(conn: &Connection, sha256: Option<&str>) -> Result<Vec<ImportRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.file, i.sha256, i.layout,
                (SELECT count(*) FROM diagnostic d WHERE d.import_id = i.id) AS n
         FROM imports i WHERE ?1 IS NULL OR i.sha256 = ?1 ORDER BY i.id",
    )?;
    let mut plans_of = conn
        .prepare_cached("SELECT plan_id FROM import_plans WHERE import_id = ?1 ORDER BY plan_id")?;
    let mut rows = stmt.query([sha256])?;
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

/// Every row of every table (and the schema version) as text, in a fixed order.
pub(crate) fn dump(conn: &Connection) -> Result<String, StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut out = format!("user_version {version}\n");
    let tables: Vec<String> = {
        let mut stmt =
            conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    for table in tables {
        let _ = writeln!(out, "[{table}]");
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
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
