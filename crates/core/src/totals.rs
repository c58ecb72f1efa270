//! Aggregations over a plan that every view agrees on (counts, cost totals).

use crate::fiscal::FiscalYear;
use crate::model::{CostSharing, MeasureKey, Plan};
use std::collections::{BTreeMap, BTreeSet};

/// Total cost per fiscal year in yen, counting a cost shared by several measures once and a
/// cost marked as a duplicate of another measure's not at all.
pub fn cost_total_by_year(plan: &Plan) -> BTreeMap<FiscalYear, i64> {
    let mut totals: BTreeMap<FiscalYear, i64> = BTreeMap::new();
    // A shared total is identified by its year, its sorted set of measures and its amount.
    let mut shared_seen: BTreeSet<(FiscalYear, Vec<MeasureKey>, i64)> = BTreeSet::new();
    for record in &plan.records {
        for cost in &record.costs {
            let Some(amount) = cost.amount_yen else {
                continue;
            };
            let counted = match &cost.sharing {
                CostSharing::Own => true,
                CostSharing::DuplicateOf { .. } => false,
                CostSharing::SharedTotal { measures } => {
                    let mut set = measures.clone();
                    if !set.contains(&record.measure) {
                        set.push(record.measure.clone());
                    }
                    set.sort();
                    set.dedup();
                    shared_seen.insert((record.fiscal_year, set, amount))
                }
            };
            if counted {
                let total = totals.entry(record.fiscal_year).or_insert(0);
                *total = total.saturating_add(amount);
            }
        }
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CostItem, Location, PlanKind, ProgressRecord};

    fn record(measure: &str, costs: Vec<(i64, CostSharing)>) -> ProgressRecord {
        let mut r = ProgressRecord::new(
            MeasureKey::new(measure),
            None,
            FiscalYear(2022),
            Location::default(),
        );
        r.costs = costs
            .into_iter()
            .map(|(amount, sharing)| CostItem {
                label: None,
                amount_yen: Some(amount),
                note: None,
                sharing,
                original: String::new(),
            })
            .collect();
        r
    }

    #[test]
    fn shared_and_duplicate_costs_count_once() {
        let shared = || CostSharing::SharedTotal {
            measures: vec![
                MeasureKey::new("71"),
                MeasureKey::new("72"),
                MeasureKey::new("73"),
            ],
        };
        let mut plan = Plan::new("川口市", "t", PlanKind::SuicidePrevention);
        plan.records = vec![
            record("71", vec![(40_000, shared())]),
            record("72", vec![(40_000, shared())]),
            record("73", vec![(40_000, shared())]),
            record("74", vec![(1_000, CostSharing::Own)]),
            record(
                "76",
                vec![(
                    1_000,
                    CostSharing::DuplicateOf {
                        measure: MeasureKey::new("74"),
                    },
                )],
            ),
        ];
        assert_eq!(
            cost_total_by_year(&plan).get(&FiscalYear(2022)),
            Some(&41_000)
        );
    }
}
