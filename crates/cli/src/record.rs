//! `shinchoku record show|set`.

use crate::{DbArg, TextOrJson, json_line, open_existing, stdout};
use anyhow::{Result, anyhow};
use clap::Subcommand;
use serde::Serialize;
use shinchoku_commands::record::parse_assignments;
use shinchoku_commands::{Actor, CommandError, RecordField, set_record_fields};
use shinchoku_core::{EntityId, ProgressRecord, Provenance, Revision};
use shinchoku_report::history::{utc, value_text};
use shinchoku_store::{Action, HistoryEvent, HistoryFilter, Store};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum RecordCommand {
    /// Show every field of a record with where its value came from, and the record's
    /// revision.
    Show {
        #[command(flatten)]
        db: DbArg,
        /// The record's id (in exports, the API and `shinchoku history`).
        id: i64,
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Set fields of a record: `field=value …` (an empty value clears the field).
    ///
    /// Fields: plan_text, result_text, evaluation_text, effect_text, status (a level of the
    /// plan's scale, by code or label), achievement (0–100 or one of the plan's categories),
    /// direction (a term of the plan's vocabulary), grade, cost_original. With
    /// --expect-revision the record must still be at that revision: otherwise nothing is
    /// written, the fields changed since are printed, and the exit status is 3.
    Set {
        #[command(flatten)]
        db: DbArg,
        id: i64,
        /// field=value pairs.
        #[arg(required = true)]
        values: Vec<String>,
        /// The revision the change is based on (from `record show`).
        #[arg(long)]
        expect_revision: Option<i64>,
        /// Who makes the change (recorded in the history).
        #[arg(long = "as", default_value = "shinchoku")]
        actor: String,
    },
}

pub async fn run(cmd: RecordCommand) -> Result<ExitCode> {
    match cmd {
        RecordCommand::Show { db, id, format } => {
            let store = open_existing(&db.db).await?;
            let view = show(&store, EntityId(id)).await?;
            match format {
                TextOrJson::Text => stdout(view.text().as_bytes())?,
                TextOrJson::Json => stdout(json_line(&view)?.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        RecordCommand::Set {
            db,
            id,
            values,
            expect_revision,
            actor,
        } => {
            let store = open_existing(&db.db).await?;
            let values = parse_assignments(&values)?;
            let outcome = set_record_fields(
                &store,
                EntityId(id),
                &values,
                expect_revision.map(Revision),
                &Actor::command_line(actor),
            )
            .await;
            let outcome = match outcome {
                Ok(o) => o,
                Err(e @ CommandError::Conflict { .. }) => {
                    if let CommandError::Conflict { changed, .. } = &e {
                        let mut err = std::io::stderr().lock();
                        for ev in changed {
                            let _ = std::io::Write::write_all(
                                &mut err,
                                format!(
                                    "  {} {}: {} → {} (rev {}, {} by {})\n",
                                    utc(ev.at_ms),
                                    ev.field.as_deref().unwrap_or(ev.action.as_str()),
                                    value_text(ev.old.as_ref()),
                                    value_text(ev.new.as_ref()),
                                    ev.revision,
                                    ev.command,
                                    ev.actor
                                )
                                .as_bytes(),
                            );
                        }
                    }
                    return Err(anyhow!(e));
                }
                Err(e) => return Err(e.into()),
            };
            let line = if outcome.changed.is_empty() {
                format!("record {id}: unchanged (revision {})\n", outcome.revision)
            } else {
                let fields: Vec<&str> = outcome.changed.iter().map(|c| c.field.as_str()).collect();
                format!(
                    "record {id}: {} changed (revision {})\n",
                    fields.join(", "),
                    outcome.revision
                )
            };
            stdout(line.as_bytes())?;
            store.checkpoint().await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A field of a record with its value and origin.
#[derive(Debug, Serialize)]
pub struct FieldView {
    pub field: String,
    pub label: String,
    pub value: serde_json::Value,
    pub provenance: Provenance,
    /// When and by whom the value was last set, and the record's revision then.
    pub at: String,
    pub actor: String,
    pub revision: Revision,
}

#[derive(Debug, Serialize)]
pub struct RecordView {
    pub id: EntityId,
    pub revision: Revision,
    pub plan_id: i64,
    pub plan: String,
    pub measure: String,
    pub measure_id: Option<EntityId>,
    pub division: Option<String>,
    pub fiscal_year: i32,
    pub fiscal_year_ja: String,
    pub fields: Vec<FieldView>,
}

impl RecordView {
    fn text(&self) -> String {
        let mut out = format!(
            "進捗記録 {}（revision {}）\n計画: {} (plan {})\n事業: {}{}\n",
            self.id,
            self.revision,
            self.plan,
            self.plan_id,
            self.measure,
            self.measure_id
                .map(|m| format!(" (measure {m})"))
                .unwrap_or_default()
        );
        if let Some(d) = &self.division {
            out.push_str(&format!("課: {d}\n"));
        }
        out.push_str(&format!("年度: {}\n", self.fiscal_year_ja));
        for f in &self.fields {
            out.push_str(&format!(
                "{} ({}): {}\n    {} — {} by {} (revision {})\n",
                f.field,
                f.label,
                value_text(Some(&f.value)),
                f.provenance,
                f.at,
                f.actor,
                f.revision
            ));
        }
        out
    }
}

/// Where the value of a field came from: its last update event, else the record's creation
/// (from a document: the record's line there).
fn origin(
    field: &str,
    events: &[HistoryEvent],
    record: &ProgressRecord,
) -> (Provenance, String, String, Revision) {
    let last = events
        .iter()
        .rev()
        .find(|e| e.action == Action::Updated && e.field.as_deref() == Some(field))
        .or_else(|| events.iter().find(|e| e.action == Action::Created));
    match last {
        Some(e) => {
            let provenance = match &e.provenance {
                Provenance::Document {
                    file, sha256, line, ..
                } => Provenance::Document {
                    file: file.clone(),
                    sha256: sha256.clone(),
                    line: line.or(Some(record.location.line)),
                    field: Some(field.to_owned()),
                },
                Provenance::Migration => Provenance::Document {
                    file: record.location.file.clone(),
                    sha256: String::new(),
                    line: Some(record.location.line),
                    field: Some(field.to_owned()),
                },
                other => other.clone(),
            };
            (provenance, utc(e.at_ms), e.actor.clone(), e.revision)
        }
        None => (
            Provenance::Document {
                file: record.location.file.clone(),
                sha256: String::new(),
                line: Some(record.location.line),
                field: Some(field.to_owned()),
            },
            String::new(),
            String::new(),
            Revision::FIRST,
        ),
    }
}

async fn show(store: &Store, id: EntityId) -> Result<RecordView> {
    let entity = store
        .entity(id)
        .await?
        .ok_or_else(|| anyhow!("no record with id {id}"))?;
    if entity.entity.kind != shinchoku_core::EntityKind::Record {
        return Err(anyhow!("{id} is a {}, not a record", entity.entity.kind));
    }
    let record: ProgressRecord = serde_json::from_value(entity.body.clone())?;
    let plan = store
        .load(entity.plan_id)
        .await?
        .ok_or_else(|| anyhow!("the plan of record {id} is gone"))?;
    let events = store
        .history(HistoryFilter {
            plan: None,
            entity: Some(id),
            after_revision: None,
        })
        .await?;
    let measure = plan.plan.measure(&record.measure);
    let division = record
        .division
        .as_ref()
        .and_then(|k| plan.plan.division(k))
        .map(|d| d.name_in(record.fiscal_year).to_owned());
    let mut fields = Vec::new();
    for f in RecordField::ALL {
        let value = entity
            .body
            .get(f.name())
            .cloned()
            .unwrap_or(serde_json::Value::Null);
        let (provenance, at, actor, revision) = origin(f.name(), &events, &record);
        fields.push(FieldView {
            field: f.name().to_owned(),
            label: f.label_ja().to_owned(),
            value,
            provenance,
            at,
            actor,
            revision,
        });
    }
    for extra in ["costs", "outputs", "extra"] {
        if let Some(value) = entity
            .body
            .get(extra)
            .filter(|v| v.as_array().is_some_and(|a| !a.is_empty()))
        {
            let (provenance, at, actor, revision) = origin(extra, &events, &record);
            fields.push(FieldView {
                field: extra.to_owned(),
                label: match extra {
                    "costs" => "経費（内訳）",
                    "outputs" => "実績（数値）",
                    _ => "その他の列",
                }
                .to_owned(),
                value: value.clone(),
                provenance,
                at,
                actor,
                revision,
            });
        }
    }
    Ok(RecordView {
        id,
        revision: entity.meta.revision,
        plan_id: plan.id.0,
        plan: plan.plan.key(),
        measure: measure.map_or_else(
            || record.measure.to_string(),
            |m| {
                format!(
                    "{} {}",
                    m.number.as_deref().unwrap_or(m.key.as_str()),
                    m.name
                )
            },
        ),
        measure_id: plan.ids.measure(&record.measure).map(|m| m.id),
        division,
        fiscal_year: record.fiscal_year.0,
        fiscal_year_ja: record.fiscal_year.display_ja(),
        fields,
    })
}
