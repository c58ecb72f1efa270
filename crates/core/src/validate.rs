//! Whether a plan can be stored: every key it refers to is defined, keys of the keyed lists
//! are unique, and it survives storage exactly (no NaN or infinite numbers, which JSON cannot
//! hold). Commands check the plan they are about to store; a plan that fails is refused with
//! every problem, located by list and item, and nothing is written.

use crate::changes::{assemble, decompose};
use crate::model::Plan;
use std::collections::HashSet;
use std::fmt;
use std::hash::Hash;

/// The problems that keep a plan from being stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPlan {
    pub plan: String,
    pub problems: Vec<String>,
}

impl fmt::Display for InvalidPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "plan {} cannot be stored: ", self.plan)?;
        let shown: Vec<&str> = self.problems.iter().take(10).map(String::as_str).collect();
        f.write_str(&shown.join("; "))?;
        if self.problems.len() > shown.len() {
            write!(f, "; and {} more", self.problems.len() - shown.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidPlan {}

fn duplicates<'a, K: Eq + Hash + fmt::Display + 'a>(
    list: &str,
    keys: impl Iterator<Item = &'a K>,
    problems: &mut Vec<String>,
) -> HashSet<&'a K> {
    let mut seen = HashSet::new();
    for (i, k) in keys.enumerate() {
        if !seen.insert(k) {
            problems.push(format!("{list}[{i}]: the key `{k}` is used twice"));
        }
    }
    seen
}

/// Checks a plan (see the module documentation).
pub fn check(plan: &Plan) -> Result<(), InvalidPlan> {
    let mut p = Vec::new();
    let departments = duplicates(
        "departments",
        plan.departments.iter().map(|d| &d.key),
        &mut p,
    );
    let divisions = duplicates("divisions", plan.divisions.iter().map(|d| &d.key), &mut p);
    let groups = duplicates("groups", plan.groups.iter().map(|g| &g.key), &mut p);
    let measures = duplicates("measures", plan.measures.iter().map(|m| &m.key), &mut p);
    duplicates("indicators", plan.indicators.iter().map(|i| &i.key), &mut p);
    let mut missing = |list: &str, i: usize, what: &str, key: &dyn fmt::Display, ok: bool| {
        if !ok {
            p.push(format!(
                "{list}[{i}]: {what} `{key}` is not defined in the plan"
            ));
        }
    };
    for (i, d) in plan.divisions.iter().enumerate() {
        if let Some(k) = &d.department {
            missing("divisions", i, "department", k, departments.contains(k));
        }
    }
    for (i, g) in plan.groups.iter().enumerate() {
        if let Some(k) = &g.parent {
            missing("groups", i, "parent group", k, groups.contains(k));
        }
    }
    for (i, l) in plan.listings.iter().enumerate() {
        missing(
            "listings",
            i,
            "measure",
            &l.measure,
            measures.contains(&l.measure),
        );
        missing("listings", i, "group", &l.group, groups.contains(&l.group));
    }
    for (i, a) in plan.assignments.iter().enumerate() {
        missing(
            "assignments",
            i,
            "measure",
            &a.measure,
            measures.contains(&a.measure),
        );
        missing(
            "assignments",
            i,
            "division",
            &a.division,
            divisions.contains(&a.division),
        );
    }
    for (i, r) in plan.records.iter().enumerate() {
        missing(
            "records",
            i,
            "measure",
            &r.measure,
            measures.contains(&r.measure),
        );
        if let Some(k) = &r.division {
            missing("records", i, "division", k, divisions.contains(k));
        }
    }
    for (i, ind) in plan.indicators.iter().enumerate() {
        if let Some(k) = &ind.group {
            missing("indicators", i, "group", k, groups.contains(k));
        }
        if let Some(k) = &ind.measure {
            missing("indicators", i, "measure", k, measures.contains(k));
        }
    }
    for (i, r) in plan.ratings.iter().enumerate() {
        missing("ratings", i, "group", &r.group, groups.contains(&r.group));
    }
    for (i, o) in plan.outlooks.iter().enumerate() {
        if let Some(k) = &o.group {
            missing("outlooks", i, "group", k, groups.contains(k));
        }
    }
    for (i, r) in plan.retirements.iter().enumerate() {
        missing(
            "retirements",
            i,
            "measure",
            &r.measure,
            measures.contains(&r.measure),
        );
    }
    if let Some(m) = &plan.package {
        for (i, g) in m.groups.iter().enumerate() {
            missing(
                "package.groups",
                i,
                "group",
                &g.group,
                groups.contains(&g.group),
            );
        }
    }
    let survives = decompose(plan)
        .and_then(|(h, rows)| assemble(h, rows))
        .is_ok_and(|back| &back == plan);
    if !survives {
        p.push(
            "a number is not finite (NaN or infinity) or a value cannot be stored exactly".into(),
        );
    }
    if p.is_empty() {
        Ok(())
    } else {
        Err(InvalidPlan {
            plan: plan.key(),
            problems: p,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arbitrary::plan;
    use crate::fiscal::FiscalYear;
    use crate::model::{Location, MeasureKey, Output, PlanKind, ProgressRecord};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn generated_plans_are_storable(p in plan()) {
            prop_assert_eq!(check(&p), Ok(()));
        }
    }

    #[test]
    fn dangling_references_duplicates_and_nan_are_named() {
        let mut p = Plan::new("市", "計画", PlanKind::SuicidePrevention);
        let mut r = ProgressRecord::new(
            MeasureKey::new("999"),
            None,
            FiscalYear(2022),
            Location::new("a", 1),
        );
        r.outputs.push(Output {
            label: "件数".into(),
            value: f64::NAN,
            unit: None,
            original: "?".into(),
        });
        p.records.push(r);
        let e = check(&p).err().map(|e| e.problems).unwrap_or_default();
        assert_eq!(
            e,
            vec![
                "records[0]: measure `999` is not defined in the plan".to_owned(),
                "a number is not finite (NaN or infinity) or a value cannot be stored exactly"
                    .to_owned()
            ]
        );
    }
}
