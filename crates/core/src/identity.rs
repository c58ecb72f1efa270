//! Identity, revisions and provenance of what the store holds.
//!
//! Documents name things by keys (a measure's 「No.38」, a division's name); the store gives
//! every plan and every entity of a plan a stable id that survives re-imports and edits and is
//! never reused. An entity's [`EntityRef`] (its kind and key within the plan) is how an import
//! finds the stored entity it updates; its [`EntityId`] is how everything else (forms, the API,
//! exports, history) names it.
//!
//! Every stored entity carries a [`Revision`], bumped by each change of its fields; a change
//! that names a revision that is no longer current is refused as a conflict. Where a value came
//! from is its [`Provenance`]: a document (file, line, field), a web form, a workbook upload
//! (sheet!cell), the API or the command line.

use crate::fiscal::FiscalYear;
use crate::model::{
    DepartmentKey, DivisionKey, GroupKey, IndicatorKey, MeasureKey, Plan, ProgressRecord,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// The stable id of a stored plan (never reused, even after deletion).
    PlanId
);
id_type!(
    /// The stable id of a stored entity (group, measure, division, record, indicator …),
    /// unique across kinds and plans, never reused.
    EntityId
);
id_type!(
    /// How many times an entity (or a plan, counting every change to anything in it) has been
    /// changed; 1 when created.
    Revision
);

impl Revision {
    pub const FIRST: Revision = Revision(1);

    pub fn next(self) -> Revision {
        Revision(self.0.saturating_add(1))
    }
}

/// The key of a progress record within its plan: (measure, division, fiscal year).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordKey {
    pub measure: MeasureKey,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<DivisionKey>,
    pub fiscal_year: FiscalYear,
}

impl RecordKey {
    pub fn of(record: &ProgressRecord) -> RecordKey {
        RecordKey {
            measure: record.measure.clone(),
            division: record.division.clone(),
            fiscal_year: record.fiscal_year,
        }
    }
}

/// The kinds of entity a plan is made of; each is a list of the [`Plan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Department,
    Division,
    Group,
    Measure,
    Listing,
    Assignment,
    Record,
    Indicator,
    Rating,
    Outlook,
    Narrative,
    Source,
    Retirement,
}

impl EntityKind {
    /// Every kind, in the order a plan's lists are written and read (parents before the
    /// entities that name them).
    pub const ALL: [EntityKind; 13] = [
        EntityKind::Department,
        EntityKind::Division,
        EntityKind::Group,
        EntityKind::Measure,
        EntityKind::Listing,
        EntityKind::Assignment,
        EntityKind::Record,
        EntityKind::Indicator,
        EntityKind::Rating,
        EntityKind::Outlook,
        EntityKind::Narrative,
        EntityKind::Source,
        EntityKind::Retirement,
    ];

    /// The snake_case name stored and shown (`record`, `measure` …).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Department => "department",
            EntityKind::Division => "division",
            EntityKind::Group => "group",
            EntityKind::Measure => "measure",
            EntityKind::Listing => "listing",
            EntityKind::Assignment => "assignment",
            EntityKind::Record => "record",
            EntityKind::Indicator => "indicator",
            EntityKind::Rating => "rating",
            EntityKind::Outlook => "outlook",
            EntityKind::Narrative => "narrative",
            EntityKind::Source => "source",
            EntityKind::Retirement => "retirement",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The name shown to people (「事業」「進捗記録」 …).
    pub fn label_ja(self) -> &'static str {
        match self {
            EntityKind::Department => "部",
            EntityKind::Division => "課",
            EntityKind::Group => "施策体系",
            EntityKind::Measure => "事業",
            EntityKind::Listing => "掲載",
            EntityKind::Assignment => "担当",
            EntityKind::Record => "進捗記録",
            EntityKind::Indicator => "指標",
            EntityKind::Rating => "評価",
            EntityKind::Outlook => "今後の取組と課題",
            EntityKind::Narrative => "本文",
            EntityKind::Source => "出典",
            EntityKind::Retirement => "廃止",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity's address within its plan: its kind and its key (the same key the merge of a
/// re-import matches by). `nth` tells apart the rare entities whose key occurs more than once
/// in a list (0 for the first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    pub kind: EntityKind,
    /// The key as stored: the fields of the key joined by U+001F (unit separator), which no
    /// key contains after ingest's cleaning; the n-th duplicate gets `#n` appended.
    pub key: String,
}

const SEP: char = '\u{1f}';

impl EntityRef {
    fn new(kind: EntityKind, parts: &[&str]) -> EntityRef {
        let mut key = String::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                key.push(SEP);
            }
            key.push_str(part);
        }
        EntityRef { kind, key }
    }

    pub fn record(key: &RecordKey) -> EntityRef {
        let year = key.fiscal_year.0.to_string();
        EntityRef::new(
            EntityKind::Record,
            &[
                key.measure.as_str(),
                key.division.as_ref().map_or("", DivisionKey::as_str),
                &year,
            ],
        )
    }

    pub fn measure(key: &MeasureKey) -> EntityRef {
        EntityRef::new(EntityKind::Measure, &[key.as_str()])
    }

    pub fn group(key: &GroupKey) -> EntityRef {
        EntityRef::new(EntityKind::Group, &[key.as_str()])
    }

    pub fn division(key: &DivisionKey) -> EntityRef {
        EntityRef::new(EntityKind::Division, &[key.as_str()])
    }

    pub fn department(key: &DepartmentKey) -> EntityRef {
        EntityRef::new(EntityKind::Department, &[key.as_str()])
    }

    pub fn indicator(key: &IndicatorKey) -> EntityRef {
        EntityRef::new(EntityKind::Indicator, &[key.as_str()])
    }

    /// The key of every entity of a plan's lists, in list order, with duplicates numbered.
    /// `entities(plan)[kind]` lines up with the plan's list of that kind.
    pub fn of_plan(plan: &Plan) -> Vec<(EntityRef, usize)> {
        let mut out = Vec::new();
        for kind in EntityKind::ALL {
            let mut seen: HashMap<String, u32> = HashMap::new();
            let keys = list_keys(plan, kind);
            for (position, key) in keys.into_iter().enumerate() {
                let n = seen.entry(key.key.clone()).or_insert(0);
                let key = if *n == 0 {
                    key
                } else {
                    EntityRef {
                        kind,
                        key: format!("{}#{n}", key.key),
                    }
                };
                *n += 1;
                out.push((key, position));
            }
        }
        out
    }

    /// The key fields as shown to people (「No.38 / 企画課 / 2022」).
    pub fn display_key(&self) -> String {
        self.key.replace(SEP, " / ")
    }
}

impl fmt::Display for EntityRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.display_key())
    }
}

fn opt(s: &Option<GroupKey>) -> &str {
    s.as_ref().map_or("", GroupKey::as_str)
}

/// The (not yet numbered) keys of one list of a plan.
fn list_keys(plan: &Plan, kind: EntityKind) -> Vec<EntityRef> {
    use EntityKind as K;
    let year = |y: FiscalYear| y.0.to_string();
    match kind {
        K::Department => plan
            .departments
            .iter()
            .map(|d| EntityRef::department(&d.key))
            .collect(),
        K::Division => plan
            .divisions
            .iter()
            .map(|d| EntityRef::division(&d.key))
            .collect(),
        K::Group => plan
            .groups
            .iter()
            .map(|g| EntityRef::group(&g.key))
            .collect(),
        K::Measure => plan
            .measures
            .iter()
            .map(|m| EntityRef::measure(&m.key))
            .collect(),
        K::Listing => plan
            .listings
            .iter()
            .map(|l| EntityRef::new(kind, &[l.measure.as_str(), l.group.as_str()]))
            .collect(),
        K::Assignment => plan
            .assignments
            .iter()
            .map(|a| EntityRef::new(kind, &[a.measure.as_str(), a.division.as_str()]))
            .collect(),
        K::Record => plan
            .records
            .iter()
            .map(|r| EntityRef::record(&RecordKey::of(r)))
            .collect(),
        K::Indicator => plan
            .indicators
            .iter()
            .map(|i| EntityRef::indicator(&i.key))
            .collect(),
        K::Rating => plan
            .ratings
            .iter()
            .map(|r| EntityRef::new(kind, &[r.group.as_str(), &year(r.fiscal_year)]))
            .collect(),
        K::Outlook => plan
            .outlooks
            .iter()
            .map(|o| EntityRef::new(kind, &[opt(&o.group), &year(o.fiscal_year)]))
            .collect(),
        K::Narrative => plan
            .narratives
            .iter()
            .map(|n| EntityRef::new(kind, &[&n.title, &n.location.file]))
            .collect(),
        K::Source => plan
            .sources
            .iter()
            .map(|s| EntityRef::new(kind, &[&s.sha256]))
            .collect(),
        K::Retirement => plan
            .retirements
            .iter()
            .map(|r| EntityRef::new(kind, &[r.measure.as_str()]))
            .collect(),
    }
}

/// An entity's id and current revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityMeta {
    pub id: EntityId,
    pub revision: Revision,
}

/// The ids and revisions of a stored plan's entities, by [`EntityRef`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identities {
    map: HashMap<EntityRef, EntityMeta>,
}

impl Identities {
    pub fn insert(&mut self, entity: EntityRef, meta: EntityMeta) {
        self.map.insert(entity, meta);
    }

    pub fn get(&self, entity: &EntityRef) -> Option<EntityMeta> {
        self.map.get(entity).copied()
    }

    pub fn record(&self, key: &RecordKey) -> Option<EntityMeta> {
        self.get(&EntityRef::record(key))
    }

    pub fn measure(&self, key: &MeasureKey) -> Option<EntityMeta> {
        self.get(&EntityRef::measure(key))
    }

    pub fn group(&self, key: &GroupKey) -> Option<EntityMeta> {
        self.get(&EntityRef::group(key))
    }

    pub fn division(&self, key: &DivisionKey) -> Option<EntityMeta> {
        self.get(&EntityRef::division(key))
    }

    pub fn indicator(&self, key: &IndicatorKey) -> Option<EntityMeta> {
        self.get(&EntityRef::indicator(key))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&EntityRef, &EntityMeta)> {
        self.map.iter()
    }
}

/// A plan as stored: its id, revision, time of the last change, the plan, and the ids of its
/// entities.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPlan {
    pub id: PlanId,
    /// Bumped by every change to anything in the plan.
    pub revision: Revision,
    /// When the plan last changed, in milliseconds since the Unix epoch (UTC).
    pub updated_at_ms: i64,
    pub plan: Plan,
    pub ids: Identities,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Provenance {
    /// Read from a document: file, its SHA-256, and the place in it.
    Document {
        file: String,
        sha256: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
    },
    /// Entered in a web form by a user.
    Form { user: String },
    /// From an uploaded workbook: the upload's id and the cell (`Sheet!C12`).
    Upload { upload: String, cell: String },
    /// Pushed through the JSON API with a token.
    Api { token: String },
    /// Set with `shinchoku record set` and the like.
    CommandLine,
    /// Carried over from another database (`shinchoku copy`, migrations).
    Migration,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Document {
                file, line, field, ..
            } => {
                write!(f, "文書 {file}")?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                }
                if let Some(field) = field {
                    write!(f, " [{field}]")?;
                }
                Ok(())
            }
            Provenance::Form { user } => write!(f, "入力画面 ({user})"),
            Provenance::Upload { upload, cell } => write!(f, "Excel アップロード {upload} {cell}"),
            Provenance::Api { token } => write!(f, "API ({token})"),
            Provenance::CommandLine => f.write_str("コマンドライン"),
            Provenance::Migration => f.write_str("移行"),
        }
    }
}

/// A measure no longer in force from a fiscal year on (事業の廃止・終了). The measure and its
/// records stay; from `from` on no record is expected of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retirement {
    pub measure: MeasureKey,
    pub from: FiscalYear,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, PlanKind};

    #[test]
    fn keys_are_numbered_when_repeated_and_line_up_with_lists() {
        let mut plan = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        for (m, y) in [("1", 2022), ("2", 2022), ("1", 2022)] {
            plan.records.push(ProgressRecord::new(
                MeasureKey::new(m),
                None,
                FiscalYear(y),
                Location::new("f", 1),
            ));
        }
        let refs = EntityRef::of_plan(&plan);
        let keys: Vec<(&str, usize)> = refs.iter().map(|(r, p)| (r.key.as_str(), *p)).collect();
        assert_eq!(
            keys,
            vec![
                ("1\u{1f}\u{1f}2022", 0),
                ("2\u{1f}\u{1f}2022", 1),
                ("1\u{1f}\u{1f}2022#1", 2)
            ]
        );
        assert_eq!(refs[0].0.display_key(), "1 /  / 2022");
        assert_eq!(EntityKind::parse("record"), Some(EntityKind::Record));
        assert_eq!(EntityKind::parse("nope"), None);
    }
}
