//! The yearly collection cycle: open a fiscal year with a due date, save and submit a
//! record's input, accept it or send it back, comment, lock and publish the year.
//!
//! The rules are [`shinchoku_core::cycle`]'s; these functions read what is stored, apply
//! them and commit. Who may do which step is the web app's and the CLI's to decide (see
//! docs/security.md); a command trusts its caller's authorisation but never its values.

use crate::record::{RecordField, RecordLists, SetOutcome, set_field, set_lists, update_record};
use crate::{Actor, CommandError, edit_plan, now_ms};
use shinchoku_core::cycle::{self, CycleState, Date, Transition};
use shinchoku_core::{EntityId, FiscalYear, Location, PlanId, Revision};
use shinchoku_store::Store;

fn refused(e: cycle::TransitionError) -> CommandError {
    CommandError::Invalid(e.to_string())
}

/// What [`open_year`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Opened {
    /// The plan's revision after the commit.
    pub revision: Revision,
    /// Records created for the year (0 when it was open already).
    pub created: usize,
}

/// Opens `year` of a plan for collection, due on `due` (or moves the due date of an open
/// year): a record for every (measure, division) in force, its plan text carried from last
/// year's 今後の計画. Opening an open year again with the same date changes nothing.
pub async fn open_year(
    store: &Store,
    plan: PlanId,
    year: FiscalYear,
    due: Date,
    actor: &Actor,
) -> Result<Opened, CommandError> {
    let created = std::sync::atomic::AtomicUsize::new(0);
    let location = Location::new(format!("{}年度の収集", year.0), 0);
    let revision = edit_plan(store, plan, actor, "year open", |p| {
        let n = cycle::open_year(p, year, due, &location).map_err(refused)?;
        created.store(n, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    })
    .await?;
    Ok(Opened {
        revision,
        created: created.into_inner(),
    })
}

/// Locks (締切), reopens or publishes (公表) a year's cycle.
pub async fn set_cycle_state(
    store: &Store,
    plan: PlanId,
    year: FiscalYear,
    state: CycleState,
    actor: &Actor,
) -> Result<Revision, CommandError> {
    let command = match state {
        CycleState::Open => "year reopen",
        CycleState::Locked => "year lock",
        CycleState::Published => "year publish",
    };
    edit_plan(store, plan, actor, command, |p| {
        cycle::set_cycle_state(p, year, state).map_err(refused)
    })
    .await
}

/// A division's input: sets `values` and takes `step` (save as draft, submit) in one
/// commit, refused when the record changed since `expect` (the revision the form showed).
/// The secretariat's steps (accept, send back with `comment`, reopen) take no values.
pub async fn review_record(
    store: &Store,
    record: EntityId,
    values: &[(RecordField, String)],
    step: Transition,
    comment: Option<&str>,
    expect: Option<Revision>,
    actor: &Actor,
) -> Result<SetOutcome, CommandError> {
    review_record_with(
        store,
        record,
        values,
        &RecordLists::default(),
        step,
        comment,
        expect,
        actor,
    )
    .await
}

/// [`review_record`] that also sets the record's outputs and cost items.
#[allow(clippy::too_many_arguments)]
pub async fn review_record_with(
    store: &Store,
    record: EntityId,
    values: &[(RecordField, String)],
    lists: &RecordLists,
    step: Transition,
    comment: Option<&str>,
    expect: Option<Revision>,
    actor: &Actor,
) -> Result<SetOutcome, CommandError> {
    let command = match step {
        Transition::Save => "record save",
        Transition::Submit => "record submit",
        Transition::Accept => "record accept",
        Transition::SendBack => "record send back",
        Transition::Reopen => "record reopen",
    };
    update_record(store, record, expect, actor, command, |plan, target| {
        let mut errors = Vec::new();
        for (field, value) in values {
            if let Err(e) = set_field(plan, target, *field, value) {
                errors.push(e);
            }
        }
        if let Some(first) = errors.into_iter().next() {
            return Err(first);
        }
        if let Some((field, message)) = set_lists(target, lists).into_iter().next() {
            return Err(CommandError::InvalidValue { field, message });
        }
        cycle::review_step(plan, target, step, &actor.name, now_ms(), comment).map_err(refused)
    })
    .await
}

/// Checks `values` against the plan without writing: every field's error, in order (the
/// form shows each next to its field).
pub fn check_values(
    plan: &shinchoku_core::Plan,
    record: &shinchoku_core::ProgressRecord,
    values: &[(RecordField, String)],
) -> Vec<(RecordField, String)> {
    let mut scratch = record.clone();
    values
        .iter()
        .filter_map(|(field, value)| {
            set_field(plan, &mut scratch, *field, value)
                .err()
                .map(|e| match e {
                    CommandError::InvalidValue { message, .. } => (*field, message),
                    other => (*field, other.to_string()),
                })
        })
        .collect()
}

/// A reviewer's or the secretariat's comment on a record (never public).
pub async fn comment_record(
    store: &Store,
    record: EntityId,
    text: &str,
    actor: &Actor,
) -> Result<SetOutcome, CommandError> {
    update_record(
        store,
        record,
        None,
        actor,
        "record comment",
        |plan, target| {
            if plan
                .cycle(target.fiscal_year)
                .is_some_and(|c| c.state == CycleState::Published)
            {
                return Err(CommandError::Invalid(
                    "公表済の年度の記録にはコメントできません".into(),
                ));
            }
            cycle::add_comment(target, &actor.name, now_ms(), text)
                .ok_or_else(|| CommandError::Invalid("コメントが空です".into()))
        },
    )
    .await
}

/// Sets the actuals of a plan's indicators (成果指標の実績) for an open year, one commit: an
/// empty text removes the year's actual, a number (「416」「1,234件」「12.5%」) is stored as a
/// number, anything else as text. The secretariat enters them; every value is checked first,
/// each error named by the indicator.
pub async fn set_indicator_actuals(
    store: &Store,
    plan: PlanId,
    year: FiscalYear,
    values: &[(shinchoku_core::IndicatorKey, String)],
    actor: &Actor,
) -> Result<Revision, CommandError> {
    let location = Location::new(format!("{}年度の収集", year.0), 0);
    edit_plan(store, plan, actor, "indicator actuals", |p| {
        if !p.cycle(year).is_some_and(|c| c.state == CycleState::Open) {
            return Err(CommandError::Invalid(format!(
                "{}は受付中ではありません",
                year.display_ja()
            )));
        }
        for (key, text) in values {
            let indicator = p
                .indicators
                .iter_mut()
                .find(|i| &i.key == key)
                .ok_or_else(|| CommandError::NotFound(format!("成果指標「{key}」はありません")))?;
            let t = text.trim();
            indicator.actuals.retain(|o| o.fiscal_year != Some(year));
            if t.is_empty() {
                continue;
            }
            let unit = indicator.unit.clone().unwrap_or_default();
            let folded = shinchoku_ingest::normalise::fold(t);
            let bare = folded
                .trim()
                .trim_end_matches(unit.as_str())
                .trim_end_matches(['%', '件', '人', '回'])
                .trim();
            let value = match shinchoku_ingest::normalise::parse_number(bare) {
                Some(n) if n.is_finite() => shinchoku_core::Value::Number(n),
                _ => shinchoku_core::Value::Text(t.to_owned()),
            };
            indicator.actuals.push(shinchoku_core::Observation {
                fiscal_year: Some(year),
                value,
                original: t.to_owned(),
                location: location.clone(),
            });
            indicator
                .actuals
                .sort_by_key(|o| o.fiscal_year.map_or(i32::MIN, |y| y.0));
        }
        Ok(())
    })
    .await
}
