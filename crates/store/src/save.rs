//! Writing a plan: the plan row is kept (its id is stable), everything in it is replaced.
//! Callers run this inside a transaction.

use crate::{PlanId, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use shinchoku_core::{
    AchievementValue, CostSharing, Location, Observation, Plan, PlanKind, RatingScheme, Value,
};
use std::collections::HashMap;
use std::hash::Hash;

/// Tables holding a plan's direct children; deleting their rows cascades to the rest.
const CHILD_TABLES: &[&str] = &[
    "listing",
    "assignment",
    "progress_record",
    "indicator",
    "rating",
    "outlook",
    "narrative",
    "source_document",
    "measure",
    "division",
    "department",
    "plan_group",
    "plan_fiscal_year",
    "status_level",
    "direction_term",
];

/// The snake_case serde name of a unit enum variant (the names of the JSON export).
pub(crate) fn enum_name<T: Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(StoreError::corrupt(
            "-",
            format!("not a unit variant: {other}"),
        )),
        Err(e) => Err(StoreError::corrupt("-", e)),
    }
}

/// `None` for `PlanKind::Other` (stored as `other` + the name).
pub(crate) fn plan_kind_columns(kind: &PlanKind) -> Result<(String, Option<String>), StoreError> {
    match kind {
        PlanKind::Other(name) => Ok(("other".to_owned(), Some(name.clone()))),
        known => Ok((enum_name(known)?, None)),
    }
}

pub(crate) fn rating_scheme_type(scheme: &RatingScheme) -> &'static str {
    match scheme {
        RatingScheme::RatioBands { .. } => "ratio_bands",
        RatingScheme::AgainstBaseline { .. } => "against_baseline",
        RatingScheme::Trend { .. } => "trend",
        RatingScheme::SelfAssessed { .. } => "self_assessed",
    }
}

fn achievement_type(value: &AchievementValue) -> &'static str {
    match value {
        AchievementValue::Blank => "blank",
        AchievementValue::Percent(_) => "percent",
        AchievementValue::Category(_) => "category",
        AchievementValue::PerDivision(_) => "per_division",
        AchievementValue::Unparsed => "unparsed",
    }
}

fn sharing_type(sharing: &CostSharing) -> &'static str {
    match sharing {
        CostSharing::Own => "own",
        CostSharing::SharedTotal { .. } => "shared_total",
        CostSharing::DuplicateOf { .. } => "duplicate_of",
    }
}

/// Value columns: (value_type, value_number, value_text).
fn value_columns(value: &Value) -> (&'static str, Option<f64>, Option<&str>) {
    match value {
        Value::Number(n) => ("number", Some(*n), None),
        Value::Text(t) => ("text", None, Some(t.as_str())),
        Value::NotYetAvailable => ("not_yet_available", None, None),
        Value::Blank => ("blank", None, None),
    }
}

struct Writer<'a> {
    conn: &'a Connection,
    plan_key: String,
}

impl Writer<'_> {
    /// JSON that reads back to the same value (non-finite floats do not).
    fn json<T>(&self, what: &'static str, value: &T) -> Result<String, StoreError>
    where
        T: Serialize + serde::de::DeserializeOwned + PartialEq,
    {
        let unstorable = |message: String| StoreError::Unstorable {
            plan: self.plan_key.clone(),
            what,
            message,
        };
        let text = serde_json::to_string(value).map_err(|e| unstorable(e.to_string()))?;
        match serde_json::from_str::<T>(&text) {
            Ok(back) if &back == value => Ok(text),
            _ => Err(unstorable(
                "it does not survive JSON (a non-finite number?)".to_owned(),
            )),
        }
    }

    fn finite(&self, what: &'static str, n: f64) -> Result<f64, StoreError> {
        if n.is_nan() {
            Err(StoreError::Unstorable {
                plan: self.plan_key.clone(),
                what,
                message: "NaN is not a value".to_owned(),
            })
        } else {
            Ok(n)
        }
    }

    fn lookup<K, Q>(
        &self,
        map: &HashMap<K, i64>,
        what: &'static str,
        key: &Q,
    ) -> Result<i64, StoreError>
    where
        K: Hash + Eq + std::borrow::Borrow<Q>,
        Q: Hash + Eq + std::fmt::Display + ?Sized,
    {
        map.get(key).copied().ok_or_else(|| StoreError::UnknownKey {
            plan: self.plan_key.clone(),
            what,
            key: key.to_string(),
        })
    }

    fn municipality(&self, plan: &Plan) -> Result<i64, StoreError> {
        let m = &plan.municipality;
        self.conn
            .prepare_cached(
                "INSERT INTO municipality (name, code) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?
            .execute(params![m.name, m.code])?;
        let id = self
            .conn
            .prepare_cached("SELECT id FROM municipality WHERE name = ?1 AND code IS ?2")?
            .query_row(params![m.name, m.code], |r| r.get(0))?;
        Ok(id)
    }

    /// Inserts or updates the plan row; on update, deletes everything in the plan.
    fn plan_row(&self, plan: &Plan) -> Result<i64, StoreError> {
        let municipality_id = self.municipality(plan)?;
        let (kind, kind_other) = plan_kind_columns(&plan.kind)?;
        let (scheme_type, scheme) = match &plan.rating_scheme {
            Some(s) => (
                Some(rating_scheme_type(s)),
                Some(self.json("rating scheme", s)?),
            ),
            None => (None, None),
        };
        let existing: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM plan WHERE plan_key = ?1")?
            .query_row([&self.plan_key], |r| r.get(0))
            .optional()?;
        let values = params![
            self.plan_key,
            municipality_id,
            plan.title,
            kind,
            kind_other,
            plan.period.map(|p| p.first.0),
            plan.period.map(|p| p.last.0),
            plan.philosophy,
            scheme_type,
            scheme,
        ];
        match existing {
            Some(id) => {
                for table in CHILD_TABLES {
                    self.conn
                        .prepare_cached(&format!("DELETE FROM {table} WHERE plan_id = ?1"))?
                        .execute([id])?;
                }
                let mut stmt = self.conn.prepare_cached(
                    "UPDATE plan SET plan_key = ?1, municipality_id = ?2, title = ?3, kind = ?4,
                     kind_other = ?5, period_first = ?6, period_last = ?7, philosophy = ?8,
                     rating_scheme_type = ?9, rating_scheme = ?10 WHERE id = ?11",
                )?;
                let mut with_id: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                with_id.push(&id);
                stmt.execute(with_id.as_slice())?;
                Ok(id)
            }
            None => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO plan (plan_key, municipality_id, title, kind, kind_other,
                         period_first, period_last, philosophy, rating_scheme_type,
                         rating_scheme) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    )?
                    .execute(values)?;
                Ok(self.conn.last_insert_rowid())
            }
        }
    }
}

fn loc(l: &Location) -> (&str, u32, Option<&str>) {
    (l.file.as_str(), l.line, l.field.as_deref())
}

/// Writes `plan` (replacing the stored plan of its key) and returns its id.
pub(crate) fn save_plan(conn: &Connection, plan: &Plan) -> Result<PlanId, StoreError> {
    let w = Writer {
        conn,
        plan_key: plan.key(),
    };
    let plan_id = w.plan_row(plan)?;

    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO plan_fiscal_year (plan_id, position, fiscal_year) VALUES (?1, ?2, ?3)",
        )?;
        for (i, y) in plan.fiscal_years.iter().enumerate() {
            stmt.execute(params![plan_id, i, y.0])?;
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO status_level (plan_id, position, code, label, meaning)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, l) in plan.status_scale.levels.iter().enumerate() {
            stmt.execute(params![plan_id, i, l.code, l.label, enum_name(&l.meaning)?])?;
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO direction_term (plan_id, position, label, meaning)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, t) in plan.direction_vocabulary.terms.iter().enumerate() {
            stmt.execute(params![plan_id, i, t.label, enum_name(&t.meaning)?])?;
        }
    }

    // Departments and divisions.
    let mut departments: HashMap<&str, i64> = HashMap::with_capacity(plan.departments.len());
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO department (plan_id, position, department_key, name)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut rename = conn.prepare_cached(
            "INSERT INTO department_rename (department_id, position, from_year, name, original)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, d) in plan.departments.iter().enumerate() {
            stmt.execute(params![plan_id, i, d.key.0, d.name])?;
            let id = conn.last_insert_rowid();
            departments.insert(d.key.as_str(), id);
            for (j, r) in d.renames.iter().enumerate() {
                rename.execute(params![id, j, r.from.0, r.name, r.original])?;
            }
        }
    }
    let mut divisions: HashMap<&str, i64> = HashMap::with_capacity(plan.divisions.len());
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO division (plan_id, position, division_key, name, department_id, external)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut rename = conn.prepare_cached(
            "INSERT INTO division_rename (division_id, position, from_year, name, original)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, d) in plan.divisions.iter().enumerate() {
            let department = match &d.department {
                Some(k) => Some(w.lookup(&departments, "department", k.as_str())?),
                None => None,
            };
            stmt.execute(params![plan_id, i, d.key.0, d.name, department, d.external])?;
            let id = conn.last_insert_rowid();
            divisions.insert(d.key.as_str(), id);
            for (j, r) in d.renames.iter().enumerate() {
                rename.execute(params![id, j, r.from.0, r.name, r.original])?;
            }
        }
    }

    // Groups (parents in a second pass: a parent may come after its child).
    let mut groups: HashMap<&str, i64> = HashMap::with_capacity(plan.groups.len());
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO plan_group (plan_id, position, group_key, kind, label, number, title,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (i, g) in plan.groups.iter().enumerate() {
            let (file, line, field) = loc(&g.location);
            stmt.execute(params![
                plan_id,
                i,
                g.key.0,
                enum_name(&g.kind)?,
                g.label,
                g.number,
                g.title,
                file,
                line,
                field
            ])?;
            groups.insert(g.key.as_str(), conn.last_insert_rowid());
        }
        let mut parent =
            conn.prepare_cached("UPDATE plan_group SET parent_id = ?1 WHERE id = ?2")?;
        for g in &plan.groups {
            if let Some(p) = &g.parent {
                let parent_id = w.lookup(&groups, "group", p.as_str())?;
                let id = w.lookup(&groups, "group", g.key.as_str())?;
                parent.execute(params![parent_id, id])?;
            }
        }
    }

    // Measures, listings, assignments.
    let mut measures: HashMap<&str, i64> = HashMap::with_capacity(plan.measures.len());
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO measure (plan_id, position, measure_key, number, name, description,
             audience, plan_page, location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (i, m) in plan.measures.iter().enumerate() {
            let (file, line, field) = loc(&m.location);
            stmt.execute(params![
                plan_id,
                i,
                m.key.0,
                m.number,
                m.name,
                m.description,
                m.audience,
                m.plan_page,
                file,
                line,
                field
            ])?;
            measures.insert(m.key.as_str(), conn.last_insert_rowid());
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO listing (plan_id, position, measure_id, group_id, relisted,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, l) in plan.listings.iter().enumerate() {
            let (file, line, field) = loc(&l.location);
            stmt.execute(params![
                plan_id,
                i,
                w.lookup(&measures, "measure", l.measure.as_str())?,
                w.lookup(&groups, "group", l.group.as_str())?,
                l.relisted,
                file,
                line,
                field
            ])?;
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO assignment (plan_id, position, measure_id, division_id,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, a) in plan.assignments.iter().enumerate() {
            let (file, line, field) = loc(&a.location);
            stmt.execute(params![
                plan_id,
                i,
                w.lookup(&measures, "measure", a.measure.as_str())?,
                w.lookup(&divisions, "division", a.division.as_str())?,
                file,
                line,
                field
            ])?;
        }
    }

    // Progress records and their costs, outputs and extra fields.
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO progress_record (plan_id, position, measure_id, division_id, fiscal_year,
             plan_text, result_text, evaluation_text, effect_text,
             status_code, status_label, status_original,
             achievement_type, achievement_value, achievement_original,
             direction_label, direction_original, grade,
             location_file, location_line, location_field, cost_original)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22)",
        )?;
        let mut cost = conn.prepare_cached(
            "INSERT INTO cost_item (record_id, position, label, amount_yen, note, sharing_type,
             sharing, original) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut output = conn.prepare_cached(
            "INSERT INTO output (record_id, position, label, value, unit, original)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut extra = conn.prepare_cached(
            "INSERT INTO extra_field (record_id, position, label, text) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, r) in plan.records.iter().enumerate() {
            let division = match &r.division {
                Some(k) => Some(w.lookup(&divisions, "division", k.as_str())?),
                None => None,
            };
            let (achievement_type, achievement_value, achievement_original) = match &r.achievement {
                Some(a) => (
                    Some(achievement_type(&a.value)),
                    Some(w.json("achievement", &a.value)?),
                    Some(a.original.as_str()),
                ),
                None => (None, None, None),
            };
            let (file, line, field) = loc(&r.location);
            stmt.execute(params![
                plan_id,
                i,
                w.lookup(&measures, "measure", r.measure.as_str())?,
                division,
                r.fiscal_year.0,
                r.plan_text,
                r.result_text,
                r.evaluation_text,
                r.effect_text,
                r.status.as_ref().and_then(|s| s.code.as_deref()),
                r.status.as_ref().map(|s| s.label.as_str()),
                r.status.as_ref().map(|s| s.original.as_str()),
                achievement_type,
                achievement_value,
                achievement_original,
                r.direction.as_ref().map(|d| d.label.as_str()),
                r.direction.as_ref().map(|d| d.original.as_str()),
                r.grade.as_ref().map(|g| g.as_str()),
                file,
                line,
                field,
                r.cost_original
            ])?;
            let record_id = conn.last_insert_rowid();
            for (j, c) in r.costs.iter().enumerate() {
                cost.execute(params![
                    record_id,
                    j,
                    c.label,
                    c.amount_yen,
                    c.note,
                    sharing_type(&c.sharing),
                    w.json("cost sharing", &c.sharing)?,
                    c.original
                ])?;
            }
            for (j, o) in r.outputs.iter().enumerate() {
                output.execute(params![
                    record_id,
                    j,
                    o.label,
                    w.finite("output value", o.value)?,
                    o.unit,
                    o.original
                ])?;
            }
            for (j, e) in r.extra.iter().enumerate() {
                extra.execute(params![record_id, j, e.label, e.text])?;
            }
        }
    }

    // Indicators.
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO indicator (plan_id, position, indicator_key, name, group_id, unit,
             polarity, location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut observation = conn.prepare_cached(
            "INSERT INTO observation (indicator_id, role, position, fiscal_year, value_type,
             value_number, value_text, original, location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut grade = conn.prepare_cached(
            "INSERT INTO reported_grade (indicator_id, position, fiscal_year, grade,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut activity = conn.prepare_cached(
            "INSERT INTO indicator_activity (indicator_id, position, fiscal_year, text,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, ind) in plan.indicators.iter().enumerate() {
            let group = match &ind.group {
                Some(k) => Some(w.lookup(&groups, "group", k.as_str())?),
                None => None,
            };
            let (file, line, field) = loc(&ind.location);
            stmt.execute(params![
                plan_id,
                i,
                ind.key.0,
                ind.name,
                group,
                ind.unit,
                enum_name(&ind.polarity)?,
                file,
                line,
                field
            ])?;
            let indicator_id = conn.last_insert_rowid();
            let mut observe = |role: &str, j: usize, o: &Observation| -> Result<(), StoreError> {
                let (value_type, number, text) = value_columns(&o.value);
                let number = match number {
                    Some(n) => Some(w.finite("indicator value", n)?),
                    None => None,
                };
                let (file, line, field) = loc(&o.location);
                observation.execute(params![
                    indicator_id,
                    role,
                    j,
                    o.fiscal_year.map(|y| y.0),
                    value_type,
                    number,
                    text,
                    o.original,
                    file,
                    line,
                    field
                ])?;
                Ok(())
            };
            if let Some(b) = &ind.baseline {
                observe("baseline", 0, b)?;
            }
            for (j, o) in ind.targets.iter().enumerate() {
                observe("target", j, o)?;
            }
            for (j, o) in ind.actuals.iter().enumerate() {
                observe("actual", j, o)?;
            }
            for (j, g) in ind.reported_grades.iter().enumerate() {
                let (file, line, field) = loc(&g.location);
                grade.execute(params![
                    indicator_id,
                    j,
                    g.fiscal_year.0,
                    g.grade.0,
                    file,
                    line,
                    field
                ])?;
            }
            for (j, a) in ind.activities.iter().enumerate() {
                let (file, line, field) = loc(&a.location);
                activity.execute(params![
                    indicator_id,
                    j,
                    a.fiscal_year.0,
                    a.text,
                    file,
                    line,
                    field
                ])?;
            }
        }
    }

    // Ratings, outlooks, narratives, sources.
    {
        let mut stmt = conn.prepare_cached(
            "INSERT INTO rating (plan_id, position, group_id, fiscal_year, grade, reason,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (i, r) in plan.ratings.iter().enumerate() {
            let (file, line, field) = loc(&r.location);
            stmt.execute(params![
                plan_id,
                i,
                w.lookup(&groups, "group", r.group.as_str())?,
                r.fiscal_year.0,
                r.grade.0,
                r.reason,
                file,
                line,
                field
            ])?;
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO outlook (plan_id, position, group_id, fiscal_year, text,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, o) in plan.outlooks.iter().enumerate() {
            let group = match &o.group {
                Some(k) => Some(w.lookup(&groups, "group", k.as_str())?),
                None => None,
            };
            let (file, line, field) = loc(&o.location);
            stmt.execute(params![
                plan_id,
                i,
                group,
                o.fiscal_year.0,
                o.text,
                file,
                line,
                field
            ])?;
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO narrative (plan_id, position, title, text,
             location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, n) in plan.narratives.iter().enumerate() {
            let (file, line, field) = loc(&n.location);
            stmt.execute(params![plan_id, i, n.title, n.text, file, line, field])?;
        }
        let mut stmt = conn.prepare_cached(
            "INSERT INTO source_document (plan_id, position, file, title, layout, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut date_stmt = conn.prepare_cached(
            "INSERT INTO source_document_date (source_document_id, role, year, month, day,
             end_year, end_month, end_day, original, location_file, location_line, location_field)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, s) in plan.sources.iter().enumerate() {
            stmt.execute(params![plan_id, i, s.file, s.title, s.layout, s.sha256])?;
            let source_id = conn.last_insert_rowid();
            // One row per stated date: (role, date, end of a period, original, location).
            let stated = [("cover", &s.cover_date), ("issue", &s.issue_date)]
                .into_iter()
                .filter_map(|(role, d)| {
                    d.as_ref()
                        .map(|d| (role, d.date, None, &d.original, &d.location))
                });
            let period = s.reporting_period.iter().map(|p| {
                (
                    "reporting_period",
                    p.start,
                    Some(p.end),
                    &p.original,
                    &p.location,
                )
            });
            for (role, start, end, original, location) in stated.chain(period) {
                let (file, line, field) = loc(location);
                date_stmt.execute(params![
                    source_id,
                    role,
                    start.year,
                    start.month,
                    start.day,
                    end.map(|e| e.year),
                    end.map(|e| e.month),
                    end.and_then(|e| e.day),
                    original,
                    file,
                    line,
                    field
                ])?;
            }
        }
    }

    Ok(PlanId(plan_id))
}
