//! What a command does to a stored plan, as data: a plan split into its entities, and the
//! difference between what is stored and what a command wants stored.
//!
//! A [`Plan`] is stored as a header (its own fields) and one row per entity of its lists
//! ([`EntityRow`]: the entity's [`EntityRef`], its position in the list and its body, the
//! entity serialised as JSON). [`decompose`] and [`assemble`] are exact inverses:
//! `assemble(decompose(p)) == p` for every plan.
//!
//! [`diff`] compares a stored plan with the plan a command computed (a merge of an imported
//! document, a record with fields set …) and yields a [`PlanDiff`]: the entities to create,
//! the entities whose fields changed (each field with its old and new value), the entities
//! that only moved or were restated from another place of a document (no field changed: no
//! revision, no event), and the entities to delete. The `location` of an entity (where a
//! document states it) is not a field: it is provenance, and a change of it alone is not a
//! change of the entity.

use crate::identity::{EntityId, EntityKind, EntityRef, Identities, Revision, StoredPlan};
use crate::model::Plan;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The JSON name of a kind's list in a serialised [`Plan`].
pub fn list_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Department => "departments",
        EntityKind::Division => "divisions",
        EntityKind::Group => "groups",
        EntityKind::Measure => "measures",
        EntityKind::Listing => "listings",
        EntityKind::Assignment => "assignments",
        EntityKind::Record => "records",
        EntityKind::Indicator => "indicators",
        EntityKind::Rating => "ratings",
        EntityKind::Outlook => "outlooks",
        EntityKind::Narrative => "narratives",
        EntityKind::Source => "sources",
        EntityKind::Retirement => "retirements",
    }
}

/// Body keys that are not fields of an entity: where a document states it.
const NOT_A_FIELD: &[&str] = &["location"];

/// One entity of a plan as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub entity: EntityRef,
    /// Position in its list.
    pub position: usize,
    /// The entity serialised (a JSON object).
    pub body: Value,
}

/// A plan split into its header (every field but the entity lists) and its entities, in the
/// order of [`EntityKind::ALL`], each list in order.
pub fn decompose(plan: &Plan) -> Result<(Value, Vec<EntityRow>), serde_json::Error> {
    let mut header = serde_json::to_value(plan)?;
    let refs = EntityRef::of_plan(plan);
    let mut rows = Vec::with_capacity(refs.len());
    let mut lists: HashMap<EntityKind, Vec<Value>> = HashMap::new();
    if let Value::Object(map) = &mut header {
        for kind in EntityKind::ALL {
            if let Some(Value::Array(items)) = map.remove(list_name(kind)) {
                lists.insert(kind, items);
            }
        }
    }
    let mut iters: HashMap<EntityKind, std::vec::IntoIter<Value>> =
        lists.into_iter().map(|(k, v)| (k, v.into_iter())).collect();
    for (entity, position) in refs {
        let body = iters
            .get_mut(&entity.kind)
            .and_then(Iterator::next)
            .unwrap_or(Value::Null);
        rows.push(EntityRow {
            entity,
            position,
            body,
        });
    }
    Ok((header, rows))
}

/// The plan of a header and its entity rows (in any order: rows are sorted by kind and
/// position).
pub fn assemble(header: Value, rows: Vec<EntityRow>) -> Result<Plan, serde_json::Error> {
    let mut map = match header {
        Value::Object(map) => map,
        other => {
            return Err(serde::de::Error::custom(format!(
                "a plan header must be an object, not {other}"
            )));
        }
    };
    let mut by_kind: HashMap<EntityKind, Vec<(usize, Value)>> = HashMap::new();
    for row in rows {
        by_kind
            .entry(row.entity.kind)
            .or_default()
            .push((row.position, row.body));
    }
    for kind in EntityKind::ALL {
        let mut items = by_kind.remove(&kind).unwrap_or_default();
        items.sort_by_key(|(p, _)| *p);
        map.insert(
            list_name(kind).to_owned(),
            Value::Array(items.into_iter().map(|(_, v)| v).collect()),
        );
    }
    serde_json::from_value(Value::Object(map))
}

/// The plan of a header and its entity bodies as JSON text (what the store holds), parsed
/// straight into the model's types: the same plan as [`assemble`] gives, without building a
/// JSON tree first. Rows may come in any order.
pub fn assemble_text(
    header: &str,
    mut rows: Vec<(EntityKind, usize, &str)>,
) -> Result<Plan, serde_json::Error> {
    let mut plan: Plan = serde_json::from_str(header)?;
    rows.sort_by_key(|(kind, position, _)| (*kind, *position));
    for (kind, _, body) in rows {
        match kind {
            EntityKind::Department => plan.departments.push(serde_json::from_str(body)?),
            EntityKind::Division => plan.divisions.push(serde_json::from_str(body)?),
            EntityKind::Group => plan.groups.push(serde_json::from_str(body)?),
            EntityKind::Measure => plan.measures.push(serde_json::from_str(body)?),
            EntityKind::Listing => plan.listings.push(serde_json::from_str(body)?),
            EntityKind::Assignment => plan.assignments.push(serde_json::from_str(body)?),
            EntityKind::Record => plan.records.push(serde_json::from_str(body)?),
            EntityKind::Indicator => plan.indicators.push(serde_json::from_str(body)?),
            EntityKind::Rating => plan.ratings.push(serde_json::from_str(body)?),
            EntityKind::Outlook => plan.outlooks.push(serde_json::from_str(body)?),
            EntityKind::Narrative => plan.narratives.push(serde_json::from_str(body)?),
            EntityKind::Source => plan.sources.push(serde_json::from_str(body)?),
            EntityKind::Retirement => plan.retirements.push(serde_json::from_str(body)?),
        }
    }
    Ok(plan)
}

/// One field of an entity (or of the plan header) that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The body key (`result_text`, `status` …).
    pub field: String,
    /// `Value::Null` when the field was absent.
    pub old: Value,
    pub new: Value,
    /// Where this field's new value was entered, when the command knows it better than the
    /// commit's provenance does (the cell of an uploaded workbook, `シート名!G5`): the
    /// history shows it as the event's place. `None` from [`field_changes`].
    pub place: Option<String>,
}

/// What to do with one stored entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityOp {
    /// A new entity; the store allocates an id, or uses `requested` when that id was never
    /// allocated (restoring an export).
    Create { requested: Option<EntityId> },
    /// Fields changed: the revision must still be `base`; it becomes `base + 1`.
    Update { id: EntityId, base: Revision },
    /// Only the position or the document location changed: rewritten without a revision or
    /// an event.
    Restate { id: EntityId },
    /// The entity is gone from the plan; the revision must still be `base`.
    Delete { id: EntityId, base: Revision },
}

/// A change of one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityChange {
    pub entity: EntityRef,
    pub op: EntityOp,
    pub position: usize,
    /// The new body (`Value::Null` for a delete).
    pub body: Value,
    /// The fields that changed (empty for create, restate and delete).
    pub fields: Vec<FieldChange>,
}

impl EntityChange {
    /// The line of the document the new body states it at, if it has a location.
    pub fn line(&self) -> Option<u32> {
        self.body
            .get("location")
            .and_then(|l| l.get("line"))
            .and_then(Value::as_u64)
            .and_then(|l| u32::try_from(l).ok())
    }
}

/// The difference between a stored plan and the plan a command wants stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanDiff {
    /// The new header, when any of its fields changed (or the plan is new).
    pub header: Option<Value>,
    pub header_fields: Vec<FieldChange>,
    pub entities: Vec<EntityChange>,
}

impl PlanDiff {
    /// Nothing to write.
    pub fn is_empty(&self) -> bool {
        self.header.is_none() && self.entities.is_empty()
    }

    /// The entities whose fields changed or that are new or deleted (what the history shows).
    pub fn changed_entities(&self) -> usize {
        self.entities
            .iter()
            .filter(|e| !matches!(e.op, EntityOp::Restate { .. }))
            .count()
    }
}

/// The fields that differ between two bodies of an entity (its `location` is not a field).
pub fn field_changes(old: &Value, new: &Value) -> Vec<FieldChange> {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !NOT_A_FIELD.contains(&k.as_str()))
        .filter_map(|k| {
            let o = old.get(k).unwrap_or(&Value::Null);
            let n = new.get(k).unwrap_or(&Value::Null);
            (o != n).then(|| FieldChange {
                field: k.clone(),
                old: o.clone(),
                new: n.clone(),
                place: None,
            })
        })
        .collect()
}

/// What changes when `target` replaces `stored` (or is stored as a new plan). Entities of
/// the stored plan that `target` lacks are deleted; `requested` ids (from an export being
/// restored) are passed on for new entities.
pub fn diff(
    stored: Option<&StoredPlan>,
    target: &Plan,
    requested: &Identities,
) -> Result<PlanDiff, serde_json::Error> {
    let (header, rows) = decompose(target)?;
    let (old_header, old_rows, ids) = match stored {
        Some(s) => {
            let (h, r) = decompose(&s.plan)?;
            (Some(h), r, Some(&s.ids))
        }
        None => (None, Vec::new(), None),
    };
    let mut out = PlanDiff::default();
    match &old_header {
        Some(old) if old == &header => {}
        Some(old) => {
            out.header_fields = field_changes(old, &header);
            out.header = Some(header);
        }
        None => out.header = Some(header),
    }
    let mut old_by_ref: HashMap<&EntityRef, &EntityRow> =
        old_rows.iter().map(|r| (&r.entity, r)).collect();
    for row in rows {
        let meta = ids.and_then(|ids| ids.get(&row.entity));
        let old = old_by_ref.remove(&row.entity);
        let change = match (old, meta) {
            (Some(old), Some(meta)) => {
                if old.body == row.body && old.position == row.position {
                    continue;
                }
                let fields = field_changes(&old.body, &row.body);
                let op = if fields.is_empty() {
                    EntityOp::Restate { id: meta.id }
                } else {
                    EntityOp::Update {
                        id: meta.id,
                        base: meta.revision,
                    }
                };
                EntityChange {
                    entity: row.entity,
                    op,
                    position: row.position,
                    body: row.body,
                    fields,
                }
            }
            _ => EntityChange {
                op: EntityOp::Create {
                    requested: requested.get(&row.entity).map(|m| m.id),
                },
                entity: row.entity,
                position: row.position,
                body: row.body,
                fields: Vec::new(),
            },
        };
        out.entities.push(change);
    }
    let mut gone: Vec<&EntityRow> = old_by_ref.into_values().collect();
    gone.sort_by(|a, b| a.entity.cmp(&b.entity));
    for old in gone {
        if let Some(meta) = ids.and_then(|ids| ids.get(&old.entity)) {
            out.entities.push(EntityChange {
                entity: old.entity.clone(),
                op: EntityOp::Delete {
                    id: meta.id,
                    base: meta.revision,
                },
                position: old.position,
                body: Value::Null,
                fields: Vec::new(),
            });
        }
    }
    Ok(out)
}

/// Writes the ids of a stored plan into its serialised form: `"id"` on the plan object and on
/// every entity object (exports show them). Revisions are the store's concurrency state, not
/// data, and are left out.
pub fn annotate_ids(value: &mut Value, stored: &StoredPlan) {
    let Value::Object(map) = value else { return };
    map.insert("id".into(), Value::from(stored.id.0));
    let refs = EntityRef::of_plan(&stored.plan);
    for (entity, position) in refs {
        let Some(meta) = stored.ids.get(&entity) else {
            continue;
        };
        if let Some(Value::Object(item)) = map
            .get_mut(list_name(entity.kind))
            .and_then(|list| list.get_mut(position))
        {
            item.insert("id".into(), Value::from(meta.id.0));
        }
    }
}

/// The ids an export states, taken out of its serialised plan (the inverse of
/// [`annotate_ids`]): the plan's id, and the entity ids by [`EntityRef`], once the rest has
/// been read as a [`Plan`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatedIds {
    pub plan: Option<crate::identity::PlanId>,
    entities: Vec<(EntityKind, usize, EntityId)>,
}

impl StatedIds {
    /// Removes `"id"` and `"revision"` from a serialised plan and its entities.
    pub fn take(value: &mut Value) -> StatedIds {
        let mut out = StatedIds::default();
        let Value::Object(map) = value else {
            return out;
        };
        out.plan = map
            .remove("id")
            .and_then(|v| v.as_i64())
            .map(crate::identity::PlanId);
        map.remove("revision");
        for kind in EntityKind::ALL {
            if let Some(Value::Array(items)) = map.get_mut(list_name(kind)) {
                for (i, item) in items.iter_mut().enumerate() {
                    if let Some(id) = item
                        .as_object_mut()
                        .and_then(|o| o.remove("id"))
                        .and_then(|v| v.as_i64())
                    {
                        out.entities.push((kind, i, EntityId(id)));
                    }
                }
            }
        }
        out
    }

    /// The stated entity ids of the plan read from the same value, by entity.
    pub fn resolve(&self, plan: &Plan) -> Identities {
        let refs = EntityRef::of_plan(plan);
        let mut by_place: HashMap<(EntityKind, usize), &EntityRef> = HashMap::new();
        for (entity, position) in &refs {
            by_place.insert((entity.kind, *position), entity);
        }
        let mut ids = Identities::default();
        for (kind, i, id) in &self.entities {
            if let Some(entity) = by_place.get(&(*kind, *i)) {
                ids.insert(
                    (*entity).clone(),
                    crate::identity::EntityMeta {
                        id: *id,
                        revision: Revision::FIRST,
                    },
                );
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arbitrary::plan;
    use crate::fiscal::FiscalYear;
    use crate::identity::{EntityMeta, PlanId, RecordKey};
    use crate::model::{Location, MeasureKey, PlanKind, ProgressRecord};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn assemble_inverts_decompose(p in plan()) {
            let (header, rows) = decompose(&p).unwrap();
            let back = assemble(header, rows).unwrap();
            prop_assert_eq!(back, p);
        }

        #[test]
        fn assemble_text_reads_what_decompose_wrote(p in plan()) {
            let (header, rows) = decompose(&p).unwrap();
            let header = header.to_string();
            let bodies: Vec<(EntityKind, usize, String)> = rows
                .iter()
                .rev()
                .map(|r| (r.entity.kind, r.position, r.body.to_string()))
                .collect();
            let rows = bodies.iter().map(|(k, p, b)| (*k, *p, b.as_str())).collect();
            prop_assert_eq!(assemble_text(&header, rows).unwrap(), p);
        }

        #[test]
        fn a_plan_against_itself_changes_nothing(p in plan()) {
            let stored = stored(&p);
            let d = diff(Some(&stored), &p, &Identities::default()).unwrap();
            prop_assert!(d.is_empty(), "{:?}", d);
        }
    }

    fn stored(p: &Plan) -> StoredPlan {
        let mut ids = Identities::default();
        for (i, (entity, _)) in EntityRef::of_plan(p).into_iter().enumerate() {
            ids.insert(
                entity,
                EntityMeta {
                    id: EntityId(i as i64 + 1),
                    revision: Revision::FIRST,
                },
            );
        }
        StoredPlan {
            id: PlanId(1),
            revision: Revision::FIRST,
            updated_at_ms: 0,
            plan: p.clone(),
            ids,
        }
    }

    fn record(m: &str, line: u32, result: &str) -> ProgressRecord {
        let mut r = ProgressRecord::new(
            MeasureKey::new(m),
            None,
            FiscalYear(2022),
            Location::new("a.txt", line),
        );
        r.result_text = Some(result.into());
        r
    }

    #[test]
    fn field_changes_are_named_with_old_and_new_values_and_locations_are_not_fields() {
        let mut p = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        p.records.push(record("1", 10, "実施した"));
        p.records.push(record("2", 11, "一部実施"));
        let s = stored(&p);
        let mut q = p.clone();
        q.records[0].result_text = Some("拡充して実施した".into());
        q.records[1].location.line = 99;
        q.records.push(record("3", 12, "新規"));
        let d = diff(Some(&s), &q, &Identities::default()).unwrap();
        assert!(d.header.is_none());
        let key = RecordKey::of(&q.records[0]);
        let ids = &s.ids;
        assert_eq!(
            d.entities,
            vec![
                EntityChange {
                    entity: EntityRef::record(&key),
                    op: EntityOp::Update {
                        id: ids.record(&key).unwrap().id,
                        base: Revision(1)
                    },
                    position: 0,
                    body: serde_json::to_value(&q.records[0]).unwrap(),
                    fields: vec![FieldChange {
                        field: "result_text".into(),
                        old: Value::from("実施した"),
                        new: Value::from("拡充して実施した"),
                        place: None,
                    }],
                },
                EntityChange {
                    entity: EntityRef::record(&RecordKey::of(&q.records[1])),
                    op: EntityOp::Restate {
                        id: ids.record(&RecordKey::of(&q.records[1])).unwrap().id
                    },
                    position: 1,
                    body: serde_json::to_value(&q.records[1]).unwrap(),
                    fields: vec![],
                },
                EntityChange {
                    entity: EntityRef::record(&RecordKey::of(&q.records[2])),
                    op: EntityOp::Create { requested: None },
                    position: 2,
                    body: serde_json::to_value(&q.records[2]).unwrap(),
                    fields: vec![],
                },
            ]
        );
        assert_eq!(d.entities[2].line(), Some(12));
        assert_eq!(d.changed_entities(), 2);
    }

    #[test]
    fn stated_ids_round_trip_through_a_serialised_plan() {
        let mut p = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        p.records.push(record("1", 10, "実施した"));
        p.records.push(record("2", 11, "一部実施"));
        let s = stored(&p);
        let mut v = serde_json::to_value(&p).unwrap();
        annotate_ids(&mut v, &s);
        assert_eq!(v["id"], Value::from(1));
        assert_eq!(v["records"][1]["id"], Value::from(2));
        let stated = StatedIds::take(&mut v);
        assert_eq!(serde_json::from_value::<Plan>(v.clone()).unwrap(), p);
        assert_eq!(stated.plan, Some(PlanId(1)));
        let ids = stated.resolve(&p);
        assert_eq!(ids, s.ids);
        assert!(v.get("id").is_none() && v["records"][0].get("id").is_none());
    }

    #[test]
    fn entities_the_target_lacks_are_deleted_and_header_fields_are_diffed() {
        let mut p = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        p.records.push(record("1", 10, "実施した"));
        let s = stored(&p);
        let mut q = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        q.philosophy = Some("誰も自殺に追い込まれることのない社会".into());
        let d = diff(Some(&s), &q, &Identities::default()).unwrap();
        assert_eq!(
            d.header_fields,
            vec![FieldChange {
                field: "philosophy".into(),
                old: Value::Null,
                new: Value::from("誰も自殺に追い込まれることのない社会"),
                place: None,
            }]
        );
        assert_eq!(d.entities.len(), 1);
        assert!(matches!(d.entities[0].op, EntityOp::Delete { .. }));
    }
}
