//! A plan's groups mapped onto the national policy package of its kind
//! ([`shinchoku_core::package`]): store the automatic proposal, or set the mapping as the
//! secretariat decided it. One commit each, recorded in the history as a change of the plan's
//! `package` field; doing the same again changes nothing.

use crate::{Actor, CommandError, edit_plan};
use shinchoku_core::package::{
    GroupArea, MappingSource, PackageMapping, check_mapping, package_of, propose,
};
use shinchoku_core::{GroupKey, Plan, PlanId, Revision};
use shinchoku_store::Store;

/// What to do with one group in [`set_package`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaChoice {
    /// No entry of its own: the group belongs to its nearest mapped ancestor's area.
    Inherit,
    /// The group (and the groups under it) belong to no area.
    NoArea,
    /// The group belongs to the area with this code.
    Area(String),
}

impl AreaChoice {
    /// A form's or the command line's value: empty or `inherit`, `none`, or an area code.
    pub fn parse(value: &str) -> AreaChoice {
        match value.trim() {
            "" | "inherit" => AreaChoice::Inherit,
            "none" => AreaChoice::NoArea,
            code => AreaChoice::Area(code.to_owned()),
        }
    }
}

fn no_package(plan: &Plan) -> CommandError {
    CommandError::Invalid(format!(
        "「{}」（{}）には政策パッケージが定義されていません",
        plan.title,
        plan.kind.label_ja()
    ))
}

/// Stores the automatic proposal as the plan's mapping, unless the plan has one already
/// (then nothing changes). Returns the plan's revision.
pub async fn store_proposal(
    store: &Store,
    plan: PlanId,
    actor: &Actor,
) -> Result<Revision, CommandError> {
    edit_plan(store, plan, actor, "package propose", |p| {
        if p.package.is_none() {
            p.package = Some(propose(p).ok_or_else(|| no_package(p))?);
        }
        Ok(())
    })
    .await
}

/// Replaces the plan's mapping by the automatic proposal (the secretariat's 「自動提案に戻す」).
pub async fn reset_to_proposal(
    store: &Store,
    plan: PlanId,
    actor: &Actor,
) -> Result<Revision, CommandError> {
    edit_plan(store, plan, actor, "package reset", |p| {
        p.package = Some(propose(p).ok_or_else(|| no_package(p))?);
        Ok(())
    })
    .await
}

/// The mapping a set of choices gives, starting from `current` (the stored mapping or the
/// proposal): an entry whose area is unchanged keeps its reason, a changed one reads
/// 「事務局が設定」 (who did it is in the history, not in the plan, which is public); every entry
/// is marked as confirmed. Groups not named keep their current entry.
pub fn mapping_from_choices(
    plan: &Plan,
    current: &PackageMapping,
    choices: &[(GroupKey, AreaChoice)],
) -> Result<PackageMapping, CommandError> {
    let package = package_of(&plan.kind).ok_or_else(|| no_package(plan))?;
    let mut groups = Vec::new();
    for g in &plan.groups {
        let old = current.entry(&g.key);
        let choice = match choices.iter().find(|(k, _)| k == &g.key) {
            Some((_, c)) => c.clone(),
            None => match old {
                None => AreaChoice::Inherit,
                Some(e) => e.area.clone().map_or(AreaChoice::NoArea, AreaChoice::Area),
            },
        };
        let area = match choice {
            AreaChoice::Inherit => continue,
            AreaChoice::NoArea => None,
            AreaChoice::Area(code) => {
                if package.area(&code).is_none() {
                    return Err(CommandError::InvalidValue {
                        field: g.key.to_string(),
                        message: format!("政策領域「{code}」は{}にありません", package.title),
                    });
                }
                Some(code)
            }
        };
        let reason = match old {
            Some(e) if e.area == area => e.reason.clone(),
            _ => "事務局が設定".to_owned(),
        };
        groups.push(GroupArea {
            group: g.key.clone(),
            area,
            reason,
            source: MappingSource::Confirmed,
        });
    }
    for (k, _) in choices {
        if plan.group(k).is_none() {
            return Err(CommandError::NotFound(format!(
                "施策「{k}」はこの計画にありません"
            )));
        }
    }
    let mapping = PackageMapping {
        package: package.id.to_owned(),
        groups,
    };
    if let Some(problem) = check_mapping(plan, &mapping).into_iter().next() {
        return Err(CommandError::Invalid(problem));
    }
    Ok(mapping)
}

/// Sets the plan's mapping from the secretariat's choices (see [`mapping_from_choices`]),
/// in one commit. Saving the same choices again changes nothing.
pub async fn set_package(
    store: &Store,
    plan: PlanId,
    choices: &[(GroupKey, AreaChoice)],
    actor: &Actor,
) -> Result<Revision, CommandError> {
    edit_plan(store, plan, actor, "package set", |p| {
        let current = match &p.package {
            Some(m) => m.clone(),
            None => propose(p).ok_or_else(|| no_package(p))?,
        };
        p.package = Some(mapping_from_choices(p, &current, choices)?);
        Ok(())
    })
    .await
}
