//! Setting fields of a progress record (`shinchoku record set`, forms, uploads, the API).
//!
//! Values are given as text, the way a person types them, and checked against the plan's
//! own vocabularies: a status must be a level of the plan's 取組状況 scale (by code 「ア」 or
//! label 「実施済」), a direction a term of its 方向性 vocabulary, an achievement an integer
//! 0–100 (「80」「80%」) or a category the plan uses (「実施」「未実施」). An empty value clears
//! the field. A value that does not fit is refused with the field's name and what it accepts.

use crate::{Actor, CommandError, now_ms};
use serde::Serialize;
use shinchoku_core::changes::{EntityChange, EntityOp, FieldChange, PlanDiff, field_changes};
use shinchoku_core::{
    Achievement, AchievementValue, Direction, EntityId, EntityKind, Grade, Plan, PlanId,
    ProgressRecord, Revision, Status,
};
use shinchoku_store::{ChangeSet, Commit, HistoryFilter, PlanTarget, Store, StoreError};

/// The fields of a record that can be set, by the names the history and exports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordField {
    PlanText,
    ResultText,
    EvaluationText,
    EffectText,
    Status,
    Achievement,
    Direction,
    Grade,
    CostOriginal,
    /// 今後の計画 (carried into the next year's plan text when that year is opened).
    NextPlanText,
}

impl RecordField {
    pub const ALL: [RecordField; 10] = [
        RecordField::PlanText,
        RecordField::ResultText,
        RecordField::EvaluationText,
        RecordField::EffectText,
        RecordField::Status,
        RecordField::Achievement,
        RecordField::Direction,
        RecordField::Grade,
        RecordField::CostOriginal,
        RecordField::NextPlanText,
    ];

    /// The name used on the command line and in the history (`result_text`).
    pub fn name(self) -> &'static str {
        match self {
            RecordField::PlanText => "plan_text",
            RecordField::ResultText => "result_text",
            RecordField::EvaluationText => "evaluation_text",
            RecordField::EffectText => "effect_text",
            RecordField::Status => "status",
            RecordField::Achievement => "achievement",
            RecordField::Direction => "direction",
            RecordField::Grade => "grade",
            RecordField::CostOriginal => "cost_original",
            RecordField::NextPlanText => "next_plan_text",
        }
    }

    /// The heading shown to people.
    pub fn label_ja(self) -> &'static str {
        match self {
            RecordField::PlanText => "計画",
            RecordField::ResultText => "実施状況・実績",
            RecordField::EvaluationText => "評価・課題",
            RecordField::EffectText => "効果",
            RecordField::Status => "取組状況",
            RecordField::Achievement => "達成度",
            RecordField::Direction => "今後の方向性",
            RecordField::Grade => "評価",
            RecordField::CostOriginal => "経費",
            RecordField::NextPlanText => "今後の計画",
        }
    }

    /// The field of a name (`result_text`, or its heading 「実施状況・実績」).
    pub fn parse(name: &str) -> Option<RecordField> {
        let name = name.trim();
        RecordField::ALL
            .into_iter()
            .find(|f| f.name() == name || f.label_ja() == name)
    }

    fn names() -> String {
        RecordField::ALL.map(RecordField::name).join(", ")
    }
}

fn invalid(field: RecordField, message: impl Into<String>) -> CommandError {
    CommandError::InvalidValue {
        field: field.name().to_owned(),
        message: message.into(),
    }
}

fn text(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// The achievement categories a plan uses (「実施」「未実施」 …), in first-use order.
pub fn categories(plan: &Plan) -> Vec<String> {
    plan.achievement_categories()
}

/// Sets one field of a record from text, checked against the plan.
pub fn set_field(
    plan: &Plan,
    record: &mut ProgressRecord,
    field: RecordField,
    value: &str,
) -> Result<(), CommandError> {
    let v = value.trim();
    match field {
        RecordField::PlanText => record.plan_text = text(v),
        RecordField::ResultText => record.result_text = text(v),
        RecordField::EvaluationText => record.evaluation_text = text(v),
        RecordField::EffectText => record.effect_text = text(v),
        RecordField::CostOriginal => record.cost_original = text(v),
        RecordField::NextPlanText => record.next_plan_text = text(v),
        RecordField::Status => {
            record.status = if v.is_empty() {
                None
            } else if plan.status_scale.levels.is_empty() {
                Some(Status {
                    code: None,
                    label: v.to_owned(),
                    original: v.to_owned(),
                })
            } else {
                let folded = shinchoku_ingest::normalise::fold(v);
                let level = plan
                    .status_scale
                    .find(v)
                    .or_else(|| plan.status_scale.find(folded.trim()))
                    .ok_or_else(|| {
                        let allowed: Vec<String> = plan
                            .status_scale
                            .levels
                            .iter()
                            .map(|l| match &l.code {
                                Some(c) => format!("{c} {}", l.label),
                                None => l.label.clone(),
                            })
                            .collect();
                        invalid(
                            field,
                            format!(
                                "「{v}」は取組状況の選択肢にありません（{}）",
                                allowed.join(" / ")
                            ),
                        )
                    })?;
                Some(Status {
                    code: level.code.clone(),
                    label: level.label.clone(),
                    original: v.to_owned(),
                })
            };
        }
        RecordField::Direction => {
            record.direction = if v.is_empty() {
                None
            } else if plan.direction_vocabulary.terms.is_empty() {
                Some(Direction {
                    label: v.to_owned(),
                    original: v.to_owned(),
                })
            } else {
                let term = plan.direction_vocabulary.find(v).ok_or_else(|| {
                    let allowed: Vec<&str> = plan
                        .direction_vocabulary
                        .terms
                        .iter()
                        .map(|t| t.label.as_str())
                        .collect();
                    invalid(
                        field,
                        format!(
                            "「{v}」は方向性の選択肢にありません（{}）",
                            allowed.join(" / ")
                        ),
                    )
                })?;
                Some(Direction {
                    label: term.label.clone(),
                    original: v.to_owned(),
                })
            };
        }
        RecordField::Achievement => {
            record.achievement = if v.is_empty() {
                None
            } else {
                let folded = shinchoku_ingest::normalise::fold(v);
                let t = folded.trim();
                let number =
                    shinchoku_ingest::normalise::parse_percent(t).or_else(|| t.parse::<i32>().ok());
                let value = match number {
                    Some(n) if (0..=100).contains(&n) => AchievementValue::Percent(n),
                    Some(_) => {
                        return Err(invalid(field, "0〜100 の整数で入力してください"));
                    }
                    None => {
                        let known = categories(plan);
                        if known.iter().any(|c| c == t) {
                            AchievementValue::Category(t.to_owned())
                        } else if known.is_empty() {
                            return Err(invalid(field, "0〜100 の整数で入力してください"));
                        } else {
                            return Err(invalid(
                                field,
                                format!(
                                    "0〜100 の整数、または {} のいずれかを入力してください",
                                    known.join(" / ")
                                ),
                            ));
                        }
                    }
                };
                Some(Achievement {
                    value,
                    original: v.to_owned(),
                })
            };
        }
        RecordField::Grade => {
            record.grade = if v.is_empty() {
                None
            } else if v.chars().count() > 8 {
                return Err(invalid(
                    field,
                    "評価は S・A・B などの記号で入力してください",
                ));
            } else {
                Some(Grade::new(shinchoku_ingest::normalise::fold(v).trim()))
            };
        }
    }
    Ok(())
}

/// One row of 実績（その他）as typed: label, value, unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputRow {
    pub label: String,
    pub value: String,
    pub unit: String,
}

/// One row of 経費 as typed: label, amount in yen (「40,000」「40,000円」).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CostRow {
    pub label: String,
    pub amount: String,
}

/// The list fields of a record a form or an upload sets as a whole (`None`: left as is).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordLists {
    pub outputs: Option<Vec<OutputRow>>,
    pub costs: Option<Vec<CostRow>>,
}

/// Sets the outputs (rows with neither label nor value are dropped); every row's error is
/// returned, located as `outputs[N]` (1-based).
pub fn set_outputs(
    record: &mut ProgressRecord,
    rows: &[OutputRow],
) -> Result<(), Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let (label, value, unit) = (row.label.trim(), row.value.trim(), row.unit.trim());
        if label.is_empty() && value.is_empty() {
            continue;
        }
        let at = format!("outputs[{}]", i + 1);
        if label.is_empty() {
            errors.push((at, format!("{}行目：項目名を入力してください", i + 1)));
            continue;
        }
        let Some(n) = shinchoku_ingest::normalise::parse_number(value).filter(|n| n.is_finite())
        else {
            errors.push((
                at,
                format!("{}行目：値は数値で入力してください（例：416、12.5）", i + 1),
            ));
            continue;
        };
        out.push(shinchoku_core::Output {
            label: label.to_owned(),
            value: n,
            unit: (!unit.is_empty()).then(|| unit.to_owned()),
            original: format!("{label} {value}{unit}"),
        });
    }
    if errors.is_empty() {
        record.outputs = out;
        Ok(())
    } else {
        Err(errors)
    }
}

/// Sets the cost items (rows with neither label nor amount are dropped); the 経費 text
/// (`cost_original`) is left as it is.
pub fn set_costs(
    record: &mut ProgressRecord,
    rows: &[CostRow],
) -> Result<(), Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let (label, amount) = (row.label.trim(), row.amount.trim());
        if label.is_empty() && amount.is_empty() {
            continue;
        }
        let at = format!("costs[{}]", i + 1);
        let folded = shinchoku_ingest::normalise::fold(amount);
        let plain = folded.trim().trim_end_matches('円').trim();
        let yen = shinchoku_ingest::normalise::parse_yen(amount).or_else(|| {
            shinchoku_ingest::normalise::parse_number(plain)
                .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n < 1e15)
                .map(|n| n as i64)
        });
        let Some(yen) = yen else {
            errors.push((
                at,
                format!(
                    "{}行目：金額は円単位の整数で入力してください（例：40,000）",
                    i + 1
                ),
            ));
            continue;
        };
        out.push(shinchoku_core::CostItem {
            label: (!label.is_empty()).then(|| label.to_owned()),
            amount_yen: Some(yen),
            note: None,
            sharing: shinchoku_core::CostSharing::Own,
            original: if label.is_empty() {
                format!("{yen}円")
            } else {
                format!("{label} {yen}円")
            },
        });
    }
    if errors.is_empty() {
        record.costs = out;
        Ok(())
    } else {
        Err(errors)
    }
}

/// Applies [`RecordLists`]; every error located.
pub fn set_lists(record: &mut ProgressRecord, lists: &RecordLists) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    if let Some(rows) = &lists.outputs
        && let Err(e) = set_outputs(record, rows)
    {
        errors.extend(e);
    }
    if let Some(rows) = &lists.costs
        && let Err(e) = set_costs(record, rows)
    {
        errors.extend(e);
    }
    errors
}

/// Parses `field=value` arguments.
pub fn parse_assignments(args: &[String]) -> Result<Vec<(RecordField, String)>, CommandError> {
    args.iter()
        .map(|a| {
            let (name, value) = a.split_once('=').ok_or_else(|| {
                CommandError::Invalid(format!(
                    "`{a}`: expected field=value (fields: {})",
                    RecordField::names()
                ))
            })?;
            let field = RecordField::parse(name).ok_or_else(|| {
                CommandError::Invalid(format!(
                    "unknown field `{name}` (fields: {})",
                    RecordField::names()
                ))
            })?;
            Ok((field, value.to_owned()))
        })
        .collect()
}

/// What [`set_record_fields`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetOutcome {
    pub plan: PlanId,
    pub record: EntityId,
    /// The record's revision now.
    pub revision: Revision,
    /// The fields that changed, with old and new values (empty when the values were already
    /// those).
    pub changed: Vec<ChangedField>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedField {
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

impl From<&FieldChange> for ChangedField {
    fn from(f: &FieldChange) -> Self {
        ChangedField {
            field: f.field.clone(),
            old: f.old.clone(),
            new: f.new.clone(),
        }
    }
}

async fn conflict(
    store: &Store,
    id: EntityId,
    expected: Revision,
) -> Result<CommandError, CommandError> {
    let current = store
        .entity(id)
        .await?
        .map_or(Revision(0), |e| e.meta.revision);
    let changed = store
        .history(HistoryFilter {
            plan: None,
            entity: Some(id),
            after_revision: Some(expected),
        })
        .await?;
    Ok(CommandError::Conflict {
        kind: EntityKind::Record.as_str().to_owned(),
        id,
        expected,
        current,
        changed,
    })
}

/// Sets fields of a record in one transaction. With `expect` the record must still be at
/// that revision (else [`CommandError::Conflict`] with every change since); without, the
/// revision read is the one checked.
pub async fn set_record_fields(
    store: &Store,
    record: EntityId,
    values: &[(RecordField, String)],
    expect: Option<Revision>,
    actor: &Actor,
) -> Result<SetOutcome, CommandError> {
    update_record(
        store,
        record,
        expect,
        actor,
        "record set",
        |plan, target| {
            for (field, value) in values {
                set_field(plan, target, *field, value)?;
            }
            Ok(())
        },
    )
    .await
}

/// Changes one record in one transaction: `edit` gets the plan (for its vocabularies and
/// cycles) and the record as stored, and changes the record; only that record's row is
/// written. With `expect` the record must still be at that revision (else
/// [`CommandError::Conflict`] with every change since); without, the revision read is the one
/// checked. An edit that changes nothing writes nothing.
pub async fn update_record(
    store: &Store,
    record: EntityId,
    expect: Option<Revision>,
    actor: &Actor,
    command: &str,
    edit: impl FnOnce(&Plan, &mut ProgressRecord) -> Result<(), CommandError>,
) -> Result<SetOutcome, CommandError> {
    let entity = store
        .entity(record)
        .await?
        .ok_or_else(|| CommandError::NotFound(format!("no record with id {record}")))?;
    if entity.entity.kind != EntityKind::Record {
        return Err(CommandError::NotFound(format!(
            "{record} is a {}, not a record",
            entity.entity.kind
        )));
    }
    if let Some(expected) = expect
        && expected != entity.meta.revision
    {
        return Err(conflict(store, record, expected).await?);
    }
    // The plan gives the vocabularies the values are checked against; only this record's
    // row changes.
    let stored = store
        .load(entity.plan_id)
        .await?
        .ok_or(CommandError::Store(StoreError::PlanNotFound(
            entity.plan_id,
        )))?;
    let base = expect.unwrap_or(entity.meta.revision);
    let mut target: ProgressRecord = serde_json::from_value(entity.body.clone())?;
    edit(&stored.plan, &mut target)?;
    let body = serde_json::to_value(&target)?;
    let fields = field_changes(&entity.body, &body);
    let changed: Vec<ChangedField> = fields.iter().map(ChangedField::from).collect();
    if fields.is_empty() {
        return Ok(SetOutcome {
            plan: stored.id,
            record,
            revision: entity.meta.revision,
            changed,
        });
    }
    let d = PlanDiff {
        header: None,
        header_fields: Vec::new(),
        entities: vec![EntityChange {
            entity: entity.entity.clone(),
            op: EntityOp::Update { id: record, base },
            position: entity.position,
            body,
            fields,
        }],
    };
    let commit = Commit {
        actor: actor.name.clone(),
        command: command.to_owned(),
        at_ms: now_ms(),
        provenance: actor.provenance.clone(),
        changes: vec![ChangeSet {
            plan: PlanTarget::Existing(stored.id),
            base_revision: None,
            diff: d,
        }],
        document: None,
    };
    match store.apply(commit).await {
        Ok(_) => Ok(SetOutcome {
            plan: stored.id,
            record,
            revision: base.next(),
            changed,
        }),
        Err(StoreError::Conflict(_)) => Err(conflict(store, record, base).await?),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::{
        DirectionVocabulary, FiscalYear, Location, MeasureKey, PlanKind, StatusScale,
    };

    fn plan() -> (Plan, ProgressRecord) {
        let mut p = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        p.status_scale = StatusScale::a_to_o();
        p.direction_vocabulary = DirectionVocabulary::standard();
        let r = ProgressRecord::new(
            MeasureKey::new("1"),
            None,
            FiscalYear(2023),
            Location::new("a", 1),
        );
        p.records.push(r.clone());
        (p, r)
    }

    #[test]
    fn values_are_checked_against_the_plans_vocabularies() {
        let (p, mut r) = plan();
        set_field(&p, &mut r, RecordField::Status, "ア").unwrap_or_default();
        assert_eq!(r.status.as_ref().map(|s| s.label.as_str()), Some("実施済"));
        set_field(&p, &mut r, RecordField::Status, "未実施").unwrap_or_default();
        assert_eq!(
            r.status.as_ref().map(|s| s.code.as_deref()),
            Some(Some("エ"))
        );
        let e = set_field(&p, &mut r, RecordField::Status, "完了").err();
        assert_eq!(
            e.map(|e| e.to_string()),
            Some(
                "status: 「完了」は取組状況の選択肢にありません（ア 実施済 / イ 一部実施 / ウ 準備中 / エ 未実施 / オ その他）"
                    .to_owned()
            )
        );
        set_field(&p, &mut r, RecordField::Achievement, "８０％").unwrap_or_default();
        assert_eq!(
            r.achievement.as_ref().map(|a| &a.value),
            Some(&AchievementValue::Percent(80))
        );
        assert!(set_field(&p, &mut r, RecordField::Achievement, "120").is_err());
        assert!(set_field(&p, &mut r, RecordField::Achievement, "だいたい").is_err());
        set_field(&p, &mut r, RecordField::Direction, "拡充").unwrap_or_default();
        assert_eq!(r.direction.as_ref().map(|d| d.label.as_str()), Some("拡充"));
        assert!(set_field(&p, &mut r, RecordField::Direction, "現状維持").is_err());
        set_field(
            &p,
            &mut r,
            RecordField::ResultText,
            "  相談会を12回開催した ",
        )
        .unwrap_or_default();
        assert_eq!(r.result_text.as_deref(), Some("相談会を12回開催した"));
        set_field(&p, &mut r, RecordField::ResultText, "").unwrap_or_default();
        assert_eq!(r.result_text, None);
    }

    #[test]
    fn assignments_name_known_fields() {
        let parsed =
            parse_assignments(&["result_text=実施".into(), "達成度=80".into()]).unwrap_or_default();
        assert_eq!(
            parsed,
            vec![
                (RecordField::ResultText, "実施".to_owned()),
                (RecordField::Achievement, "80".to_owned())
            ]
        );
        assert!(parse_assignments(&["colour=red".into()]).is_err());
        assert!(parse_assignments(&["result_text".into()]).is_err());
    }
}
