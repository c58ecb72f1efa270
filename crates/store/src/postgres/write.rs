//! Applying commits: the statements of `sqlite::write`, in PostgreSQL's dialect, with the
//! same checks in the same order, so that both engines write the same rows, ids, revisions
//! and events for the same commit and refuse the same conflicts.

use super::Tx;
use super::read::{self, col};
use crate::copy::SEQUENCED;
use crate::sqlite::write::{conflict, header_text, json, place_of};
use crate::{
    Action, Applied, AppliedPlan, ChangeSet, Commit, DocumentRecord, ImportId, PlanTarget,
    StoreError,
};
use shinchoku_core::changes::{EntityChange, EntityOp, FieldChange};
use shinchoku_core::{EntityId, PlanId, Provenance, Revision};

/// The last id given out per table of [`SEQUENCED`], as a writer sees them: read from
/// `id_sequence` under the write lock when the first id is needed, counted on in memory, and
/// written back before commit ([`store_sequences`]). Writers hold the lock for their whole
/// transaction, so no other writer allocates meanwhile; a rolled-back commit gives nothing
/// out (as SQLite's `sqlite_sequence`).
pub(crate) struct Sequences {
    last: [i64; SEQUENCED.len()],
    stored: [i64; SEQUENCED.len()],
}

fn slot(table: &str) -> Result<usize, StoreError> {
    SEQUENCED
        .iter()
        .position(|t| *t == table)
        .ok_or_else(|| StoreError::Internal(format!("no id sequence for table {table}")))
}

fn sequences<'s>(tx: &'s mut Tx<'_>) -> Result<&'s mut Sequences, StoreError> {
    if tx.sequences.is_none() {
        let rows = tx.query("SELECT name, seq FROM id_sequence", &[])?;
        let mut last = [0; SEQUENCED.len()];
        for r in &rows {
            let name: &str = col(r, 0, "id_sequence")?;
            if let Ok(i) = slot(name) {
                last[i] = col(r, 1, "id_sequence")?;
            }
        }
        tx.sequences = Some(Sequences { last, stored: last });
    }
    match &mut tx.sequences {
        Some(s) => Ok(s),
        None => Err(StoreError::Internal("id sequences not loaded".into())),
    }
}

/// A new id for a row of `table`.
pub(crate) fn next_id(tx: &mut Tx<'_>, table: &str) -> Result<i64, StoreError> {
    let i = slot(table)?;
    let s = sequences(tx)?;
    s.last[i] = s.last[i]
        .checked_add(1)
        .ok_or_else(|| StoreError::corrupt("id_sequence", format!("{table}: ids exhausted")))?;
    Ok(s.last[i])
}

/// Records that `id` was given to a row of `table` by the caller (a restored id).
pub(crate) fn used_id(tx: &mut Tx<'_>, table: &str, id: i64) -> Result<(), StoreError> {
    let i = slot(table)?;
    let s = sequences(tx)?;
    s.last[i] = s.last[i].max(id);
    Ok(())
}

/// Writes the sequences a writer moved back to `id_sequence` (called before every commit).
pub(crate) fn store_sequences(tx: &mut Tx<'_>) -> Result<(), StoreError> {
    let Some(s) = tx.sequences.take() else {
        return Ok(());
    };
    for (i, name) in SEQUENCED.iter().enumerate() {
        if s.last[i] != s.stored[i] {
            tx.execute(
                "INSERT INTO id_sequence (name, seq) VALUES ($1, $2)
                 ON CONFLICT (name) DO UPDATE SET seq = excluded.seq",
                &[name, &s.last[i]],
            )?;
        }
    }
    Ok(())
}

/// Applies a commit inside the caller's write transaction.
pub(crate) fn apply(tx: &mut Tx<'_>, commit: &Commit) -> Result<Applied, StoreError> {
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
            tx.execute(
                "INSERT INTO import_plans (import_id, plan_id) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
                &[&import.0, &applied.id.0],
            )?;
        }
        plans.push(applied);
    }
    Ok(Applied {
        plans,
        import_id,
        document_recorded,
    })
}

fn plan_revision(tx: &mut Tx<'_>, id: PlanId) -> Result<Option<Revision>, StoreError> {
    tx.query_opt("SELECT revision FROM plans WHERE id = $1", &[&id.0])?
        .map(|r| col(&r, 0, "plans").map(Revision))
        .transpose()
}

/// Whether an id was ever given to a plan (the change log remembers deleted ones).
fn plan_id_used(tx: &mut Tx<'_>, id: PlanId) -> Result<bool, StoreError> {
    let r = tx.query_one(
        "SELECT EXISTS (SELECT 1 FROM plans WHERE id = $1)
             OR EXISTS (SELECT 1 FROM change WHERE plan_id = $1)",
        &[&id.0],
    )?;
    col(&r, 0, "plans")
}

/// Whether an id was ever given to an entity (every created entity has a `created` event).
fn entity_id_used(tx: &mut Tx<'_>, id: EntityId) -> Result<bool, StoreError> {
    let r = tx.query_one(
        "SELECT EXISTS (SELECT 1 FROM entity WHERE id = $1)
             OR EXISTS (SELECT 1 FROM event WHERE entity_id = $1)",
        &[&id.0],
    )?;
    col(&r, 0, "entity")
}

fn apply_change(
    tx: &mut Tx<'_>,
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
                    used_id(tx, "plans", id.0)?;
                    *id
                }
                _ => PlanId(next_id(tx, "plans")?),
            };
            tx.execute(
                "INSERT INTO plans (id, plan_key, municipality, title, revision, updated_at_ms,
                 header) VALUES ($1, $2, $3, $4, 1, $5, $6)",
                &[
                    &id.0,
                    key,
                    &municipality,
                    &title,
                    &commit.at_ms,
                    &json(header)?,
                ],
            )?;
            (id, true, Revision::FIRST)
        }
    };
    let change_id = next_id(tx, "change")?;
    tx.execute(
        "INSERT INTO change (id, plan_id, plan_revision, at_ms, actor, command, provenance)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &change_id,
            &plan_id.0,
            &revision.0,
            &commit.at_ms,
            &commit.actor,
            &commit.command,
            &provenance,
        ],
    )?;
    let events = Events { change_id, plan_id };
    if let Some(header) = &change.diff.header
        && !created
    {
        let municipality = header_text(header, "municipality");
        let title = header_text(header, "title");
        tx.execute(
            "UPDATE plans SET header = $1, municipality = $2, title = $3,
             plan_key = $2 || '/' || $3 WHERE id = $4",
            &[&json(header)?, &municipality, &title, &plan_id.0],
        )?;
        for f in &change.diff.header_fields {
            events.insert(
                tx,
                "plan",
                "",
                None,
                Action::Updated,
                Some(f),
                revision,
                None,
            )?;
        }
    }
    if created {
        events.insert(tx, "plan", "", None, Action::Created, None, revision, None)?;
    }
    for e in &change.diff.entities {
        apply_entity(tx, &events, e, commit)?;
    }
    if !created {
        tx.execute(
            "UPDATE plans SET revision = $1, updated_at_ms = $2 WHERE id = $3",
            &[&revision.0, &commit.at_ms, &plan_id.0],
        )?;
    }
    Ok(AppliedPlan {
        id: plan_id,
        revision,
        created,
        changed: true,
    })
}

struct Events {
    change_id: i64,
    plan_id: PlanId,
}

impl Events {
    #[allow(clippy::too_many_arguments)]
    fn insert(
        &self,
        tx: &mut Tx<'_>,
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
        let id = next_id(tx, "event")?;
        tx.execute(
            "INSERT INTO event (id, change_id, plan_id, entity_id, kind, entity_key, action,
             field, old_value, new_value, revision, place)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            &[
                &id,
                &self.change_id,
                &self.plan_id.0,
                &entity.map(|e| e.0),
                &kind,
                &key,
                &action.as_str(),
                &name,
                &old,
                &new,
                &revision.0,
                &place,
            ],
        )?;
        Ok(())
    }
}

fn entity_revision(tx: &mut Tx<'_>, id: EntityId) -> Result<Option<Revision>, StoreError> {
    tx.query_opt("SELECT revision FROM entity WHERE id = $1", &[&id.0])?
        .map(|r| col(&r, 0, "entity").map(Revision))
        .transpose()
}

/// The conflict of an entity whose revision is not `base` (any more).
fn entity_conflict(
    tx: &mut Tx<'_>,
    events: &Events,
    e: &EntityChange,
    id: EntityId,
    base: Revision,
) -> Result<StoreError, StoreError> {
    let current = entity_revision(tx, id)?;
    Ok(conflict(
        events.plan_id,
        Some((id, e.entity.clone())),
        Some(base),
        current,
    ))
}

fn apply_entity(
    tx: &mut Tx<'_>,
    events: &Events,
    e: &EntityChange,
    commit: &Commit,
) -> Result<(), StoreError> {
    let kind = e.entity.kind.as_str();
    let key = e.entity.key.as_str();
    let position = i64::try_from(e.position).unwrap_or(i64::MAX);
    let place = place_of(e, commit);
    match e.op {
        EntityOp::Create { requested } => {
            let body = json(&e.body)?;
            let id = match requested {
                Some(id) if !entity_id_used(tx, id)? => {
                    used_id(tx, "entity", id.0)?;
                    tx.execute(
                        "INSERT INTO entity (id, plan_id, kind, entity_key, position, revision,
                         body) VALUES ($1, $2, $3, $4, $5, 1, $6)",
                        &[&id.0, &events.plan_id.0, &kind, &key, &position, &body],
                    )?;
                    id
                }
                _ => {
                    let id = EntityId(next_id(tx, "entity")?);
                    let inserted = tx.execute(
                        "INSERT INTO entity (id, plan_id, kind, entity_key, position, revision,
                         body) VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING",
                        &[&id.0, &events.plan_id.0, &kind, &key, &position, &body],
                    )?;
                    if inserted == 0 {
                        // Created by another writer since the command looked.
                        return Err(conflict(events.plan_id, None, None, None));
                    }
                    id
                }
            };
            events.insert(
                tx,
                kind,
                key,
                Some(id),
                Action::Created,
                None,
                Revision::FIRST,
                place,
            )
        }
        EntityOp::Update { id, base } => {
            let revision = base.next();
            // The revision check and the write in one statement.
            let n = tx.execute(
                "UPDATE entity SET body = $1, position = $2, revision = $3
                 WHERE id = $4 AND revision = $5",
                &[&json(&e.body)?, &position, &revision.0, &id.0, &base.0],
            )?;
            if n == 0 {
                return Err(entity_conflict(tx, events, e, id, base)?);
            }
            for f in &e.fields {
                // A field's own place (an uploaded cell) before the entity's.
                let place = f.place.clone().or_else(|| place.clone());
                events.insert(
                    tx,
                    kind,
                    key,
                    Some(id),
                    Action::Updated,
                    Some(f),
                    revision,
                    place,
                )?;
            }
            Ok(())
        }
        EntityOp::Restate { id } => {
            let n = tx.execute(
                "UPDATE entity SET body = $1, position = $2 WHERE id = $3",
                &[&json(&e.body)?, &position, &id.0],
            )?;
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
            let n = tx.execute(
                "DELETE FROM entity WHERE id = $1 AND revision = $2",
                &[&id.0, &base.0],
            )?;
            if n == 0 {
                return Err(entity_conflict(tx, events, e, id, base)?);
            }
            events.insert(
                tx,
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
    tx: &mut Tx<'_>,
    id: PlanId,
    actor: &str,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let n = tx.execute("DELETE FROM plans WHERE id = $1", &[&id.0])?;
    if n > 0 {
        let change_id = next_id(tx, "change")?;
        tx.execute(
            "INSERT INTO change (id, plan_id, plan_revision, at_ms, actor, command, provenance)
             VALUES ($1, $2, 0, $3, $4, 'delete plan', $5)",
            &[
                &change_id,
                &id.0,
                &at_ms,
                &actor,
                &serde_json::to_string(&Provenance::CommandLine)?,
            ],
        )?;
    }
    Ok(n > 0)
}

/// Records the document; `true` when something was written.
fn record_document(tx: &mut Tx<'_>, doc: &DocumentRecord) -> Result<(ImportId, bool), StoreError> {
    let existing = tx.query_opt(
        "SELECT id, file, layout FROM imports WHERE sha256 = $1",
        &[&doc.sha256],
    )?;
    let id = match existing {
        Some(r) => {
            let id: i64 = col(&r, 0, "imports")?;
            let file: &str = col(&r, 1, "imports")?;
            let layout: &str = col(&r, 2, "imports")?;
            let same = file == doc.file_name
                && layout == doc.layout
                && read::diagnostics_of_import(tx, id)? == doc.diagnostics;
            if same {
                return Ok((ImportId(id), false));
            }
            tx.execute(
                "UPDATE imports SET file = $1, layout = $2 WHERE id = $3",
                &[&doc.file_name, &doc.layout, &id],
            )?;
            tx.execute("DELETE FROM diagnostic WHERE import_id = $1", &[&id])?;
            id
        }
        None => {
            let id = next_id(tx, "imports")?;
            tx.execute(
                "INSERT INTO imports (id, file, sha256, layout) VALUES ($1, $2, $3, $4)",
                &[&id, &doc.file_name, &doc.sha256, &doc.layout],
            )?;
            id
        }
    };
    for (i, d) in doc.diagnostics.iter().enumerate() {
        let severity = serde_json::to_value(d.severity)?;
        tx.execute(
            "INSERT INTO diagnostic (import_id, position, severity, code, location_file,
             location_line, location_field, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &id,
                &i64::try_from(i).unwrap_or(i64::MAX),
                &severity.as_str().unwrap_or("info"),
                &d.code,
                &d.location.file,
                &i64::from(d.location.line),
                &d.location.field,
                &d.message,
            ],
        )?;
    }
    Ok((ImportId(id), true))
}
