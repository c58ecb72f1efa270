//! The reader of the schema-version-3 tables (the snapshot store), kept only to migrate
//! such databases to version 4: one query per table and plan.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use shinchoku_core::PlanId;
use shinchoku_core::{
    Achievement, Assignment, CostItem, Department, DepartmentKey, Direction, DirectionTerm,
    DirectionVocabulary, Division, DivisionKey, DocDate, ExtraField, FiscalYear, Grade, Group,
    GroupKey, Indicator, IndicatorKey, Listing, Location, Measure, MeasureKey, Municipality,
    Narrative, Observation, Outlook, Output, Period, Plan, PlanKind, ProgressRecord, Rating,
    Rename, ReportedGrade, ReportingPeriod, SourceDocument, StatedDate, Status, StatusLevel,
    StatusScale, Value, YearText,
};
use std::collections::HashMap;

/// A unit enum variant from its snake_case serde name.
pub(crate) fn from_name<T: DeserializeOwned>(
    table: &'static str,
    name: &str,
) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|e| StoreError::corrupt(table, format!("`{name}`: {e}")))
}

pub(crate) fn from_json<T: DeserializeOwned>(
    table: &'static str,
    json: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::corrupt(table, format!("{e}: {json}")))
}

pub(crate) fn plan_kind(kind: &str, other: Option<String>) -> Result<PlanKind, StoreError> {
    match (kind, other) {
        ("other", Some(name)) => Ok(PlanKind::Other(name)),
        (kind, None) => from_name("plan", kind),
        (kind, Some(_)) => Err(StoreError::corrupt(
            "plan",
            format!("kind `{kind}` with a kind_other name"),
        )),
    }
}

pub(crate) fn period(first: Option<i32>, last: Option<i32>) -> Option<Period> {
    match (first, last) {
        (Some(first), Some(last)) => Some(Period {
            first: FiscalYear(first),
            last: FiscalYear(last),
        }),
        _ => None,
    }
}

pub(crate) fn location(row: &Row) -> rusqlite::Result<Location> {
    Ok(Location {
        file: row.get("location_file")?,
        line: row.get("location_line")?,
        field: row.get("location_field")?,
    })
}

fn key_of<K: Clone>(
    map: &HashMap<i64, K>,
    table: &'static str,
    what: &str,
    id: i64,
) -> Result<K, StoreError> {
    map.get(&id)
        .cloned()
        .ok_or_else(|| StoreError::corrupt(table, format!("dangling {what} id {id}")))
}

fn opt_key_of<K: Clone>(
    map: &HashMap<i64, K>,
    table: &'static str,
    what: &str,
    id: Option<i64>,
) -> Result<Option<K>, StoreError> {
    id.map(|id| key_of(map, table, what, id)).transpose()
}

/// Runs `sql` with the plan id and collects the rows, each mapped by `f`.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    plan_id: i64,
    mut f: impl FnMut(&Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([plan_id])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(f(row)?);
    }
    Ok(out)
}

/// Rows grouped by their owner id (the first column), order kept.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    plan_id: i64,
    mut f: impl FnMut(&Row) -> Result<T, StoreError>,
) -> Result<HashMap<i64, Vec<T>>, StoreError> {
    let mut map: HashMap<i64, Vec<T>> = HashMap::new();
    for (owner, item) in rows(conn, sql, plan_id, |row| {
        Ok((row.get::<_, i64>(0)?, f(row)?))
    })? {
        map.entry(owner).or_default().push(item);
    }
    Ok(map)
}

fn rename(row: &Row) -> Result<Rename, StoreError> {
    Ok(Rename {
        from: FiscalYear(row.get("from_year")?),
        name: row.get("name")?,
        original: row.get("original")?,
    })
}

fn observation(row: &Row) -> Result<(String, Observation), StoreError> {
    let value_type: String = row.get("value_type")?;
    let value = match value_type.as_str() {
        "number" => Value::Number(
            row.get::<_, Option<f64>>("value_number")?
                .ok_or_else(|| StoreError::corrupt("observation", "number without value"))?,
        ),
        "text" => Value::Text(
            row.get::<_, Option<String>>("value_text")?
                .ok_or_else(|| StoreError::corrupt("observation", "text without value"))?,
        ),
        "not_yet_available" => Value::NotYetAvailable,
        "blank" => Value::Blank,
        other => {
            return Err(StoreError::corrupt(
                "observation",
                format!("unknown value_type `{other}`"),
            ));
        }
    };
    Ok((
        row.get("role")?,
        Observation {
            fiscal_year: row.get::<_, Option<i32>>("fiscal_year")?.map(FiscalYear),
            value,
            original: row.get("original")?,
            location: location(row)?,
        },
    ))
}

/// The plan row's columns, shared by [`load_plan`] and [`plan_rows`].
const PLAN_COLUMNS: &str = "p.id, p.plan_key, p.title, p.kind, p.kind_other, p.period_first,
    p.period_last, p.philosophy, p.rating_scheme, m.name AS municipality_name,
    m.code AS municipality_code";

fn fiscal_years(conn: &Connection, plan_id: i64) -> Result<Vec<FiscalYear>, StoreError> {
    rows(
        conn,
        "SELECT fiscal_year FROM plan_fiscal_year WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| Ok(FiscalYear(r.get(0)?)),
    )
}

/// Loads one plan.
pub(crate) fn load_plan(conn: &Connection, id: PlanId) -> Result<Plan, StoreError> {
    let plan_id = id.0;
    let head = conn
        .prepare_cached(&format!(
            "SELECT {PLAN_COLUMNS} FROM plan p JOIN municipality m ON m.id = p.municipality_id
             WHERE p.id = ?1"
        ))?
        .query_row([plan_id], |row| {
            Ok((
                row.get::<_, String>("title")?,
                row.get::<_, String>("kind")?,
                row.get::<_, Option<String>>("kind_other")?,
                row.get::<_, Option<i32>>("period_first")?,
                row.get::<_, Option<i32>>("period_last")?,
                row.get::<_, Option<String>>("philosophy")?,
                row.get::<_, Option<String>>("rating_scheme")?,
                row.get::<_, String>("municipality_name")?,
                row.get::<_, Option<String>>("municipality_code")?,
            ))
        })
        .optional()?;
    let Some((title, kind, kind_other, first, last, philosophy, scheme, m_name, m_code)) = head
    else {
        return Err(StoreError::PlanNotFound(id));
    };

    let status_scale = StatusScale {
        levels: rows(
            conn,
            "SELECT code, label, meaning FROM status_level WHERE plan_id = ?1 ORDER BY position",
            plan_id,
            |r| {
                Ok(StatusLevel {
                    code: r.get("code")?,
                    label: r.get("label")?,
                    meaning: from_name("status_level", &r.get::<_, String>("meaning")?)?,
                })
            },
        )?,
    };
    let direction_vocabulary = DirectionVocabulary {
        terms: rows(
            conn,
            "SELECT label, meaning FROM direction_term WHERE plan_id = ?1 ORDER BY position",
            plan_id,
            |r| {
                Ok(DirectionTerm {
                    label: r.get("label")?,
                    meaning: from_name("direction_term", &r.get::<_, String>("meaning")?)?,
                })
            },
        )?,
    };

    // Departments and divisions.
    let mut department_renames = grouped(
        conn,
        "SELECT r.department_id, r.from_year, r.name, r.original FROM department_rename r
         JOIN department d ON d.id = r.department_id WHERE d.plan_id = ?1
         ORDER BY r.department_id, r.position",
        plan_id,
        rename,
    )?;
    let mut department_keys: HashMap<i64, DepartmentKey> = HashMap::new();
    let departments = rows(
        conn,
        "SELECT id, department_key, name FROM department WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            let id: i64 = r.get("id")?;
            let key = DepartmentKey(r.get("department_key")?);
            department_keys.insert(id, key.clone());
            Ok(Department {
                key,
                name: r.get("name")?,
                renames: department_renames.remove(&id).unwrap_or_default(),
            })
        },
    )?;
    let mut division_renames = grouped(
        conn,
        "SELECT r.division_id, r.from_year, r.name, r.original FROM division_rename r
         JOIN division d ON d.id = r.division_id WHERE d.plan_id = ?1
         ORDER BY r.division_id, r.position",
        plan_id,
        rename,
    )?;
    let mut division_keys: HashMap<i64, DivisionKey> = HashMap::new();
    let divisions = rows(
        conn,
        "SELECT id, division_key, name, department_id, external FROM division
         WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            let id: i64 = r.get("id")?;
            let key = DivisionKey(r.get("division_key")?);
            division_keys.insert(id, key.clone());
            Ok(Division {
                key,
                name: r.get("name")?,
                department: opt_key_of(
                    &department_keys,
                    "division",
                    "department",
                    r.get("department_id")?,
                )?,
                external: r.get("external")?,
                renames: division_renames.remove(&id).unwrap_or_default(),
            })
        },
    )?;

    // Groups: keys first (a parent may come after its child).
    let group_keys: HashMap<i64, GroupKey> = rows(
        conn,
        "SELECT id, group_key FROM plan_group WHERE plan_id = ?1",
        plan_id,
        |r| Ok((r.get(0)?, GroupKey(r.get(1)?))),
    )?
    .into_iter()
    .collect();
    let groups = rows(
        conn,
        "SELECT * FROM plan_group WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            Ok(Group {
                key: GroupKey(r.get("group_key")?),
                kind: from_name("plan_group", &r.get::<_, String>("kind")?)?,
                label: r.get("label")?,
                number: r.get("number")?,
                title: r.get("title")?,
                parent: opt_key_of(&group_keys, "plan_group", "parent", r.get("parent_id")?)?,
                location: location(r)?,
            })
        },
    )?;

    let mut measure_keys: HashMap<i64, MeasureKey> = HashMap::new();
    let measures = rows(
        conn,
        "SELECT * FROM measure WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            let key = MeasureKey(r.get("measure_key")?);
            measure_keys.insert(r.get("id")?, key.clone());
            Ok(Measure {
                key,
                number: r.get("number")?,
                name: r.get("name")?,
                description: r.get("description")?,
                audience: r.get("audience")?,
                plan_page: r.get("plan_page")?,
                location: location(r)?,
            })
        },
    )?;
    let listings = rows(
        conn,
        "SELECT * FROM listing WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            Ok(Listing {
                measure: key_of(&measure_keys, "listing", "measure", r.get("measure_id")?)?,
                group: key_of(&group_keys, "listing", "group", r.get("group_id")?)?,
                relisted: r.get("relisted")?,
                location: location(r)?,
            })
        },
    )?;
    let assignments = rows(
        conn,
        "SELECT * FROM assignment WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            Ok(Assignment {
                measure: key_of(&measure_keys, "assignment", "measure", r.get("measure_id")?)?,
                division: key_of(
                    &division_keys,
                    "assignment",
                    "division",
                    r.get("division_id")?,
                )?,
                location: location(r)?,
            })
        },
    )?;

    // Records.
    let mut costs = grouped(
        conn,
        "SELECT c.record_id, c.* FROM cost_item c JOIN progress_record r ON r.id = c.record_id
         WHERE r.plan_id = ?1 ORDER BY c.record_id, c.position",
        plan_id,
        |r| {
            Ok(CostItem {
                label: r.get("label")?,
                amount_yen: r.get("amount_yen")?,
                note: r.get("note")?,
                sharing: from_json("cost_item", &r.get::<_, String>("sharing")?)?,
                original: r.get("original")?,
            })
        },
    )?;
    let mut outputs = grouped(
        conn,
        "SELECT o.record_id, o.* FROM output o JOIN progress_record r ON r.id = o.record_id
         WHERE r.plan_id = ?1 ORDER BY o.record_id, o.position",
        plan_id,
        |r| {
            Ok(Output {
                label: r.get("label")?,
                value: r.get("value")?,
                unit: r.get("unit")?,
                original: r.get("original")?,
            })
        },
    )?;
    let mut extras = grouped(
        conn,
        "SELECT e.record_id, e.label, e.text FROM extra_field e
         JOIN progress_record r ON r.id = e.record_id
         WHERE r.plan_id = ?1 ORDER BY e.record_id, e.position",
        plan_id,
        |r| {
            Ok(ExtraField::column(
                r.get::<_, String>("label")?,
                r.get::<_, String>("text")?,
            ))
        },
    )?;
    let records = rows(
        conn,
        "SELECT * FROM progress_record WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            let id: i64 = r.get("id")?;
            let status = match (
                r.get::<_, Option<String>>("status_label")?,
                r.get::<_, Option<String>>("status_original")?,
            ) {
                (Some(label), Some(original)) => Some(Status {
                    code: r.get("status_code")?,
                    label,
                    original,
                }),
                _ => None,
            };
            let achievement = match (
                r.get::<_, Option<String>>("achievement_value")?,
                r.get::<_, Option<String>>("achievement_original")?,
            ) {
                (Some(value), Some(original)) => Some(Achievement {
                    value: from_json("progress_record", &value)?,
                    original,
                }),
                _ => None,
            };
            let direction = match (
                r.get::<_, Option<String>>("direction_label")?,
                r.get::<_, Option<String>>("direction_original")?,
            ) {
                (Some(label), Some(original)) => Some(Direction { label, original }),
                _ => None,
            };
            Ok(ProgressRecord {
                measure: key_of(
                    &measure_keys,
                    "progress_record",
                    "measure",
                    r.get("measure_id")?,
                )?,
                division: opt_key_of(
                    &division_keys,
                    "progress_record",
                    "division",
                    r.get("division_id")?,
                )?,
                fiscal_year: FiscalYear(r.get("fiscal_year")?),
                plan_text: r.get("plan_text")?,
                result_text: r.get("result_text")?,
                evaluation_text: r.get("evaluation_text")?,
                effect_text: r.get("effect_text")?,
                status,
                achievement,
                costs: costs.remove(&id).unwrap_or_default(),
                cost_original: r.get("cost_original")?,
                cost_breakdown: None,
                outputs: outputs.remove(&id).unwrap_or_default(),
                direction,
                grade: r.get::<_, Option<String>>("grade")?.map(Grade),
                extra: extras.remove(&id).unwrap_or_default(),
                next_plan_text: None,
                review: None,
                location: location(r)?,
            })
        },
    )?;

    // Indicators.
    let mut observations = grouped(
        conn,
        "SELECT o.indicator_id, o.* FROM observation o JOIN indicator i ON i.id = o.indicator_id
         WHERE i.plan_id = ?1 ORDER BY o.indicator_id, o.role, o.position",
        plan_id,
        observation,
    )?;
    let mut grades = grouped(
        conn,
        "SELECT g.indicator_id, g.* FROM reported_grade g
         JOIN indicator i ON i.id = g.indicator_id
         WHERE i.plan_id = ?1 ORDER BY g.indicator_id, g.position",
        plan_id,
        |r| {
            Ok(ReportedGrade {
                fiscal_year: FiscalYear(r.get("fiscal_year")?),
                grade: Grade(r.get("grade")?),
                location: location(r)?,
            })
        },
    )?;
    let mut activities = grouped(
        conn,
        "SELECT a.indicator_id, a.* FROM indicator_activity a
         JOIN indicator i ON i.id = a.indicator_id
         WHERE i.plan_id = ?1 ORDER BY a.indicator_id, a.position",
        plan_id,
        |r| {
            Ok(YearText {
                fiscal_year: FiscalYear(r.get("fiscal_year")?),
                text: r.get("text")?,
                location: location(r)?,
            })
        },
    )?;
    let indicators = rows(
        conn,
        "SELECT * FROM indicator WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            let id: i64 = r.get("id")?;
            let mut baseline = None;
            let mut targets = Vec::new();
            let mut actuals = Vec::new();
            for (role, o) in observations.remove(&id).unwrap_or_default() {
                match role.as_str() {
                    "baseline" => baseline = Some(o),
                    "target" => targets.push(o),
                    "actual" => actuals.push(o),
                    other => {
                        return Err(StoreError::corrupt(
                            "observation",
                            format!("unknown role `{other}`"),
                        ));
                    }
                }
            }
            Ok(Indicator {
                key: IndicatorKey(r.get("indicator_key")?),
                name: r.get("name")?,
                group: opt_key_of(&group_keys, "indicator", "group", r.get("group_id")?)?,
                measure: None,
                kind: None,
                unit: r.get("unit")?,
                polarity: from_name("indicator", &r.get::<_, String>("polarity")?)?,
                baseline,
                targets,
                actuals,
                reported_grades: grades.remove(&id).unwrap_or_default(),
                activities: activities.remove(&id).unwrap_or_default(),
                location: location(r)?,
            })
        },
    )?;

    let ratings = rows(
        conn,
        "SELECT * FROM rating WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            Ok(Rating {
                group: key_of(&group_keys, "rating", "group", r.get("group_id")?)?,
                fiscal_year: FiscalYear(r.get("fiscal_year")?),
                grade: Grade(r.get("grade")?),
                reason: r.get("reason")?,
                location: location(r)?,
            })
        },
    )?;
    let outlooks = rows(
        conn,
        "SELECT * FROM outlook WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            Ok(Outlook {
                group: opt_key_of(&group_keys, "outlook", "group", r.get("group_id")?)?,
                fiscal_year: FiscalYear(r.get("fiscal_year")?),
                text: r.get("text")?,
                location: location(r)?,
            })
        },
    )?;
    let narratives = rows(
        conn,
        "SELECT * FROM narrative WHERE plan_id = ?1 ORDER BY position",
        plan_id,
        |r| {
            Ok(Narrative {
                title: r.get("title")?,
                text: r.get("text")?,
                location: location(r)?,
            })
        },
    )?;
    let mut dates = grouped(
        conn,
        "SELECT d.* FROM source_document_date d
         JOIN source_document s ON s.id = d.source_document_id
         WHERE s.plan_id = ?1 ORDER BY d.source_document_id, d.role",
        plan_id,
        |r| {
            let date = |y: &str, m: &str, d: &str| -> Result<Option<DocDate>, StoreError> {
                let (Some(year), Some(month)) = (r.get(y)?, r.get(m)?) else {
                    return Ok(None);
                };
                Ok(Some(DocDate {
                    year,
                    month,
                    day: r.get(d)?,
                }))
            };
            let role: String = r.get("role")?;
            let start = date("year", "month", "day")?
                .ok_or_else(|| StoreError::corrupt("source_document_date", "no date"))?;
            Ok((
                role,
                start,
                date("end_year", "end_month", "end_day")?,
                r.get::<_, String>("original")?,
                location(r)?,
            ))
        },
    )?;
    let sources = rows(
        conn,
        "SELECT id, file, title, layout, sha256 FROM source_document WHERE plan_id = ?1
         ORDER BY position",
        plan_id,
        |r| {
            let mut source = SourceDocument::new(
                r.get::<_, String>("file")?,
                r.get::<_, String>("title")?,
                r.get::<_, String>("layout")?,
                r.get::<_, String>("sha256")?,
            );
            let id: i64 = r.get("id")?;
            for (role, start, end, original, location) in dates.remove(&id).unwrap_or_default() {
                match (role.as_str(), end) {
                    (role @ ("cover" | "issue"), None) => {
                        let slot = if role == "cover" {
                            &mut source.cover_date
                        } else {
                            &mut source.issue_date
                        };
                        *slot = Some(StatedDate {
                            date: start,
                            original,
                            location,
                        });
                    }
                    ("reporting_period", Some(end)) => {
                        source.reporting_period = Some(ReportingPeriod {
                            start,
                            end,
                            original,
                            location,
                        });
                    }
                    (role, _) => {
                        return Err(StoreError::corrupt(
                            "source_document_date",
                            format!("unexpected role or end date: {role}"),
                        ));
                    }
                }
            }
            Ok(source)
        },
    )?;

    Ok(Plan {
        municipality: Municipality {
            name: m_name,
            code: m_code,
        },
        title,
        kind: plan_kind(&kind, kind_other)?,
        period: period(first, last),
        philosophy,
        fiscal_years: fiscal_years(conn, plan_id)?,
        status_scale,
        direction_vocabulary,
        rating_scheme: scheme.map(|s| from_json("plan", &s)).transpose()?,
        departments,
        divisions,
        groups,
        measures,
        listings,
        assignments,
        records,
        indicators,
        ratings,
        outlooks,
        narratives,
        sources,
        retirements: Vec::new(),
        cycles: Vec::new(),
        package: None,
    })
}
