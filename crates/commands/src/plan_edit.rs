//! Edits of a plan's structure: add a measure, retire one from a fiscal year on, rename a
//! division from a fiscal year on. Each is computed from the whole plan and retried from a
//! fresh read when another writer changed the plan meanwhile.

use crate::{Actor, CommandError, edit_plan};
use shinchoku_core::{
    Assignment, DivisionKey, FiscalYear, GroupKey, Listing, Measure, MeasureKey, PlanId, Rename,
    Retirement, Revision,
};

/// Adds a measure, listed under `groups` and assigned to `divisions` (all must exist).
pub async fn add_measure(
    store: &shinchoku_store::Store,
    plan: PlanId,
    measure: Measure,
    groups: &[GroupKey],
    divisions: &[DivisionKey],
    actor: &Actor,
) -> Result<Revision, CommandError> {
    edit_plan(store, plan, actor, "measure add", |p| {
        if p.measure(&measure.key).is_some() {
            return Err(CommandError::Invalid(format!(
                "the plan already has a measure `{}`",
                measure.key
            )));
        }
        for g in groups {
            if p.group(g).is_none() {
                return Err(CommandError::NotFound(format!(
                    "no group `{g}` in the plan"
                )));
            }
        }
        for d in divisions {
            if p.division(d).is_none() {
                return Err(CommandError::NotFound(format!(
                    "no division `{d}` in the plan"
                )));
            }
        }
        for g in groups {
            p.listings.push(Listing {
                measure: measure.key.clone(),
                group: g.clone(),
                relisted: false,
                location: measure.location.clone(),
            });
        }
        for d in divisions {
            p.assignments.push(Assignment {
                measure: measure.key.clone(),
                division: d.clone(),
                location: measure.location.clone(),
            });
        }
        p.measures.push(measure.clone());
        Ok(())
    })
    .await
}

/// Retires a measure from a fiscal year on: it and its records stay; no record is expected
/// of it from `from` on.
pub async fn retire_measure(
    store: &shinchoku_store::Store,
    plan: PlanId,
    measure: &MeasureKey,
    from: FiscalYear,
    reason: Option<String>,
    actor: &Actor,
) -> Result<Revision, CommandError> {
    edit_plan(store, plan, actor, "measure retire", |p| {
        if p.measure(measure).is_none() {
            return Err(CommandError::NotFound(format!(
                "no measure `{measure}` in the plan"
            )));
        }
        let retirement = Retirement {
            measure: measure.clone(),
            from,
            reason: reason.clone(),
        };
        match p.retirements.iter_mut().find(|r| &r.measure == measure) {
            Some(r) => *r = retirement,
            None => p.retirements.push(retirement),
        }
        Ok(())
    })
    .await
}

/// Renames a division from a fiscal year on (its earlier years keep the old name).
pub async fn rename_division(
    store: &shinchoku_store::Store,
    plan: PlanId,
    division: &DivisionKey,
    from: FiscalYear,
    name: &str,
    actor: &Actor,
) -> Result<Revision, CommandError> {
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(CommandError::InvalidValue {
            field: "name".into(),
            message: "新しい名称を入力してください".into(),
        });
    }
    edit_plan(store, plan, actor, "division rename", |p| {
        let d = p
            .divisions
            .iter_mut()
            .find(|d| &d.key == division)
            .ok_or_else(|| {
                CommandError::NotFound(format!("no division `{division}` in the plan"))
            })?;
        let original = format!("{}({}～{})", d.name, from.wareki(), name);
        match d.renames.iter_mut().find(|r| r.from == from) {
            Some(r) => {
                r.name = name.clone();
                r.original = original;
            }
            None => d.renames.push(Rename {
                from,
                name: name.clone(),
                original,
            }),
        }
        d.renames.sort_by_key(|r| r.from);
        Ok(())
    })
    .await
}
