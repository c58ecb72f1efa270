//! Applying commits: revision checks, per-row writes, history events, the change log.

use super::read;
use crate::{
    Action, Applied, AppliedPlan, ChangeSet, Commit, Conflict, DocumentRecord, ImportId,
    PlanTarget, StoreError,
};
use rusqlite::{Connection, OptionalExtension, params};
use shinchoku_core::changes::{EntityChange, EntityOp, FieldChange};
use shinchoku_core::{EntityId, EntityRef, PlanId, Provenance, Revision};

/// Milliseconds since the Unix epoch, now: the time commits are stamped with.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub(crate) fn json(value: &serde_json::Value) -> Result<String, StoreError> {
    Ok(serde_json::to_string(value)?)
}

pub(crate) fn conflict(
    plan: PlanId,
    entity: Option<(EntityId, EntityRef)>,
    expected: Option<Revision>,
    current: Option<Revision>,
) -> StoreError {
    StoreError::Conflict(Box::new(Conflict {
        plan,
        entity,
        expected,
        current,
    }))
}

/// Applies a commit inside the caller's write transaction.
pub(crate) fn apply(tx: &Connection, commit: &Commit) -> Result<Applied, StoreError> {
    let (import_id, document_recorded) = match &commit.document {
        Some(doc) => {
            let (id, recorded) = record_document(tx, doc)?;
            (Some(id), recorded)
        }
        None => (None, false),
    };
    let provenance = serde_json::to_string(&commit.provenance)?;
    let mut plans = Vec::with_capacity(commit.changes.len());
    for change in &commit.changes {
        let applied = apply_change(tx, commit, &provenance, change)?;
        if let Some(import) = import_id {
            tx.prepare_cached(
                "INSERT INTO import_plans (import_id, plan_id) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![import.0, applied.id.0])?;
        }
        plans.push(applied);
    }
    Ok(Applied {
        plans,
        import_id,
        document_recorded,
    })
}

fn plan_revision(tx: &Connection, id: PlanId) -> Result<Option<Revision>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT revision FROM plans WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))
        .optional()?
        .map(Revision))
}

/// Whether an id was ever given to a plan (the change log remembers deleted ones).
fn plan_id_used(tx: &Connection, id: PlanId) -> Result<bool, StoreError> {
    let used: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM plans WHERE id = ?1)
                 OR EXISTS (SELECT 1 FROM change WHERE plan_id = ?1)",
        )?
        .query_row([id.0], |r| r.get(0))?;
    Ok(used)
}

/// Whether an id was ever given to an entity (every created entity has a `created` event).
fn entity_id_used(tx: &Connection, id: EntityId) -> Result<bool, StoreError> {
    let used: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM entity WHERE id = ?1)
                 OR EXISTS (SELECT 1 FROM event WHERE entity_id = ?1)",
        )?
        .query_row([id.0], |r| r.get(0))?;
    Ok(used)
}

pub(crate) fn header_text(header: &serde_json::Value, key: &str) -> String {
    header
        .get(key)
        .and_then(|v| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Object(o) => {
                o.get("name").and_then(|n| n.as_str()).map(str::to_owned)
            }
            _ => None,
        })
        .unwrap_or_default()
}

fn apply_change(
    tx: &Connection,
    commit: &Commit,
    provenance: &str,
    change: &ChangeSet,
) -> Result<AppliedPlan, StoreError> {
    let (plan_id, created, revision) = match &change.plan {
        PlanTarget::Existing(id) => {
            let current = plan_revision(tx, *id)?.ok_or(StoreError::PlanNotFound(*id))?;
            if let Some(base) = change.base_revision
                && base != current
            {
                return Err(conflict(*id, None, Some(base), Some(current)));
            }
            if change.diff.is_empty() {
                return Ok(AppliedPlan {
                    id: *id,
                    revision: current,
                    created: false,
                    changed: false,
                });
            }
            (*id, false, current.next())
        }
        PlanTarget::New { key, requested } => {
            if let Some(existing) = read::plan_id_by_key(tx, key)? {
                // Created by another writer since the command looked.
                return Err(conflict(existing, None, None, None));
            }
            let Some(header) = &change.diff.header else {
                return Err(StoreError::Unstorable {
                    what: "plan",
                    message: format!("new plan {key} without a header"),
                });
            };
            let municipality = header_text(header, "municipality");
            let title = header_text(header, "title");
            let id = match requested {
                Some(id) if !plan_id_used(tx, *id)? => {
                    tx.prepare_cached(
                        "INSERT INTO plans (id, plan_key, municipality, title, revision,
                         updated_at_ms, header) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
                    )?
                    .execute(params![
                        id.0,
                        key,
                        municipality,
                        title,
                        commit.at_ms,
                        json(header)?
                    ])?;
                    *id
                }
                _ => {
                    tx.prepare_cached(
                        "INSERT INTO plans (plan_key, municipality, title, revision,
                         updated_at_ms, header) VALUES (?1, ?2, ?3, 1, ?4, ?5)",
                    )?
                    .execute(params![
                        key,
                        municipality,
                        title,
                        commit.at_ms,
                        json(header)?
                    ])?;
                    PlanId(tx.last_insert_rowid())
                }
            };
            (id, true, Revision::FIRST)
        }
    };
    tx.prepare_cached(
        "INSERT INTO change (plan_id, plan_revision, at_ms, actor, command, provenance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        plan_id.0,
        revision.0,
        commit.at_ms,
        commit.actor,
        commit.command,
        provenance
    ])?;
    let change_id = tx.last_insert_rowid();
    let mut events = Events {
        tx,
        change_id,
        plan_id,
    };
    if let Some(header) = &change.diff.header
        && !created
    {
        let municipality = header_text(header, "municipality");
        let title = header_text(header, "title");
        tx.prepare_cached(
            "UPDATE plans SET header = ?1, municipality = ?2, title = ?3,
             plan_key = ?2 || '/' || ?3 WHERE id = ?4",
        )?
        .execute(params![json(header)?, municipality, title, plan_id.0])?;
        for f in &change.diff.header_fields {
            events.updated("plan", "", None, f, revision, None)?;
        }
    }
    if created {
        events.created("plan", "", None, revision, None)?;
    }
    for e in &change.diff.entities {
        apply_entity(tx, &mut events, e, commit)?;
    }
    if !created {
        tx.prepare_cached("UPDATE plans SET revision = ?1, updated_at_ms = ?2 WHERE id = ?3")?
            .execute(params![revision.0, commit.at_ms, plan_id.0])?;
    }
    Ok(AppliedPlan {
        id: plan_id,
        revision,
        created,
        changed: true,
    })
}

struct Events<'a> {
    tx: &'a Connection,
    change_id: i64,
    plan_id: PlanId,
}

impl Events<'_> {
    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        kind: &str,
        key: &str,
        entity: Option<EntityId>,
        action: Action,
        field: Option<&FieldChange>,
        revision: Revision,
        place: Option<String>,
    ) -> Result<(), StoreError> {
        let (name, old, new) = match field {
            Some(f) => (
                Some(f.field.as_str()),
                Some(json(&f.old)?),
                Some(json(&f.new)?),
            ),
            None => (None, None, None),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO event (change_id, plan_id, entity_id, kind, entity_key, action,
                 field, old_value, new_value, revision, place)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                self.change_id,
                self.plan_id.0,
                entity.map(|e| e.0),
                kind,
                key,
                action.as_str(),
                name,
                old,
                new,
                revision.0,
                place
            ])?;
        Ok(())
    }

    fn created(
        &mut self,
        kind: &str,
        key: &str,
        entity: Option<EntityId>,
        revision: Revision,
        place: Option<String>,
    ) -> Result<(), StoreError> {
        self.insert(kind, key, entity, Action::Created, None, revision, place)
    }

    fn updated(
        &mut self,
        kind: &str,
        key: &str,
        entity: Option<EntityId>,
        field: &FieldChange,
        revision: Revision,
        place: Option<String>,
    ) -> Result<(), StoreError> {
        self.insert(
            kind,
            key,
            entity,
            Action::Updated,
            Some(field),
            revision,
            place,
        )
    }
}

/// The place an event names: the document line for imports.
pub(crate) fn place_of(e: &EntityChange, commit: &Commit) -> Option<String> {
    match commit.provenance {
        Provenance::Document { .. } | Provenance::Migration => e.line().map(|l| l.to_string()),
        _ => None,
    }
}

fn entity_revision(tx: &Connection, id: EntityId) -> Result<Option<Revision>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT revision FROM entity WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))
        .optional()?
        .map(Revision))
}

fn apply_entity(
    tx: &Connection,
    events: &mut Events<'_>,
    e: &EntityChange,
    commit: &Commit,
) -> Result<(), StoreError> {
    let kind = e.entity.kind.as_str();
    let key = e.entity.key.as_str();
    let position = i64::try_from(e.position).unwrap_or(i64::MAX);
    let place = place_of(e, commit);
    let check = |id: EntityId, base: Revision| -> Result<(), StoreError> {
        let current = entity_revision(tx, id)?;
        if current != Some(base) {
            return Err(conflict(
                events.plan_id,
                Some((id, e.entity.clone())),
                Some(base),
                current,
            ));
        }
        Ok(())
    };
    match e.op {
        EntityOp::Create { requested } => {
            let body = json(&e.body)?;
            let id = match requested {
                Some(id) if !entity_id_used(tx, id)? => {
                    tx.prepare_cached(
                        "INSERT INTO entity (id, plan_id, kind, entity_key, position, revision,
                         body) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
                    )?
                    .execute(params![
                        id.0,
                        events.plan_id.0,
                        kind,
                        key,
                        position,
                        body
                    ])?;
                    id
                }
                _ => {
                    let inserted = tx
                        .prepare_cached(
                            "INSERT INTO entity (plan_id, kind, entity_key, position, revision,
                             body) VALUES (?1, ?2, ?3, ?4, 1, ?5) ON CONFLICT DO NOTHING",
                        )?
                        .execute(params![events.plan_id.0, kind, key, position, body])?;
                    if inserted == 0 {
                        // Created by another writer since the command looked.
                        return Err(conflict(events.plan_id, None, None, None));
                    }
                    EntityId(tx.last_insert_rowid())
                }
            };
            events.created(kind, key, Some(id), Revision::FIRST, place)
        }
        EntityOp::Update { id, base } => {
            check(id, base)?;
            let revision = base.next();
            tx.prepare_cached(
                "UPDATE entity SET body = ?1, position = ?2, revision = ?3 WHERE id = ?4",
            )?
            .execute(params![json(&e.body)?, position, revision.0, id.0])?;
            for f in &e.fields {
                let place = f.place.clone().or_else(|| place.clone());
                events.updated(kind, key, Some(id), f, revision, place)?;
            }
            Ok(())
        }
        EntityOp::Restate { id } => {
            let n = tx
                .prepare_cached("UPDATE entity SET body = ?1, position = ?2 WHERE id = ?3")?
                .execute(params![json(&e.body)?, position, id.0])?;
            if n == 0 {
                return Err(conflict(
                    events.plan_id,
                    Some((id, e.entity.clone())),
                    None,
                    None,
                ));
            }
            Ok(())
        }
        EntityOp::Delete { id, base } => {
            check(id, base)?;
            tx.prepare_cached("DELETE FROM entity WHERE id = ?1")?
                .execute([id.0])?;
            events.insert(
                kind,
                key,
                Some(id),
                Action::Deleted,
                None,
                base.next(),
                place,
            )
        }
    }
}

/// Deletes a plan and its entities; the change log records it (the read side drops it) and
/// the history stays.
pub(crate) fn delete_plan(
    tx: &Connection,
    id: PlanId,
    actor: &str,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let n = tx
        .prepare_cached("DELETE FROM plans WHERE id = ?1")?
        .execute([id.0])?;
    if n > 0 {
        tx.prepare_cached(
            "INSERT INTO change (plan_id, plan_revision, at_ms, actor, command, provenance)
             VALUES (?1, 0, ?2, ?3, 'delete plan', ?4)",
        )?
        .execute(params![
            id.0,
            at_ms,
            actor,
            serde_json::to_string(&Provenance::CommandLine)?
        ])?;
    }
    Ok(n > 0)
}

/// Records the document; `true` when something was written.
fn record_document(tx: &Connection, doc: &DocumentRecord) -> Result<(ImportId, bool), StoreError> {
    let existing: Option<(i64, String, String)> = tx
        .prepare_cached("SELECT id, file, layout FROM imports WHERE sha256 = ?1")?
        .query_row([&doc.sha256], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let id = match existing {
        Some((id, file, layout)) => {
            let same = file == doc.file_name
                && layout == doc.layout
                && read::diagnostics_of_import(tx, id)? == doc.diagnostics;
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
            tx.prepare_cached("INSERT INTO imports (file, sha256, layout) VALUES (?1, ?2, ?3)")?
                .execute(params![doc.file_name, doc.sha256, doc.layout])?;
            tx.last_insert_rowid()
        }
    };
    let mut stmt = tx.prepare_cached(
        "INSERT INTO diagnostic (import_id, position, severity, code, location_file,
         location_line, location_field, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, d) in doc.diagnostics.iter().enumerate() {
        let severity = serde_json::to_value(d.severity)?;
        stmt.execute(params![
            id,
            i64::try_from(i).unwrap_or(i64::MAX),
            severity.as_str().unwrap_or("info"),
            d.code,
            d.location.file,
            d.location.line,
            d.location.field,
            d.message
        ])?;
    }
    Ok((ImportId(id), true))
}
