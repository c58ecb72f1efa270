//! Merging a freshly imported [`Plan`] into the stored plan of the same key.
//!
//! The rules, applied list by list:
//!
//! * Items with a key are unioned by that key: an item whose key is already stored is updated
//!   **in place** (its position is kept), an item with a new key is appended, in incoming
//!   order. Items of the stored plan that the incoming plan does not mention are kept.
//! * When an item is updated, required fields take the incoming value and optional fields take
//!   the incoming value when it is set (`Some`), the stored one otherwise. Lists inside an item
//!   (renames, observations, grades, activities) are unioned by their own keys.
//! * A progress record, keyed by (measure, division, fiscal year), is replaced by the incoming
//!   one as a whole: a newer report supersedes what an older one said for that year.
//!   [`merge_editions`] adds the rule for editions: a record stored from a *newer* edition of
//!   the plan's reports (one that reports on a later fiscal year) is not replaced by an older
//!   edition's record of the same year; it is kept and reported ([`KeptRecord`]).
//! * Plan scalars (period, philosophy, status scale, direction vocabulary, rating scheme,
//!   municipality code) take the incoming value when it is set (non-empty for the scales).
//!
//! Keys that occur more than once in one list (which readers should not produce, and the store
//! rejects for entity keys) are matched occurrence by occurrence: the n-th incoming item of a
//! key updates the n-th stored item of that key. This keeps the merge deterministic and makes
//! `merge(p.clone(), p.clone()) == p` hold for every plan.
//!
//! Keys used: groups, measures, departments, divisions and indicators by their key; renames by
//! (from, name); listings by (measure, group); assignments by (measure, division); observations,
//! reported grades and activities by (fiscal year, location); ratings and outlooks by (group,
//! fiscal year); narratives by (title, source file); sources by sha256.

use crate::model::{
    Department, Division, Group, Indicator, Measure, Observation, Plan, ProgressRecord, Rename,
    ReportedGrade, YearText,
};
use std::collections::HashMap;
use std::hash::Hash;

/// Merges `incoming` into `stored` (both of the same [`Plan::key`]) and returns the merged
/// plan. The municipality name and the title are taken from `incoming`.
///
/// Deterministic: stored items keep their order, new items are appended in incoming order.
/// Idempotent: `merge(p.clone(), p.clone()) == p`.
pub fn merge(stored: Plan, incoming: Plan) -> Plan {
    let Plan {
        municipality,
        title,
        kind,
        period,
        philosophy,
        fiscal_years,
        status_scale,
        direction_vocabulary,
        rating_scheme,
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
        retirements,
        cycles,
        package,
    } = incoming;

    let mut merged_municipality = municipality;
    merged_municipality.code = merged_municipality.code.or(stored.municipality.code);

    Plan {
        municipality: merged_municipality,
        title,
        kind,
        period: period.or(stored.period),
        philosophy: philosophy.or(stored.philosophy),
        fiscal_years: merge_years(stored.fiscal_years, fiscal_years),
        status_scale: if status_scale.levels.is_empty() {
            stored.status_scale
        } else {
            status_scale
        },
        direction_vocabulary: if direction_vocabulary.terms.is_empty() {
            stored.direction_vocabulary
        } else {
            direction_vocabulary
        },
        rating_scheme: rating_scheme.or(stored.rating_scheme),
        departments: merge_keyed(
            stored.departments,
            departments,
            |d| d.key.clone(),
            merge_department,
        ),
        divisions: merge_keyed(
            stored.divisions,
            divisions,
            |d| d.key.clone(),
            merge_division,
        ),
        groups: merge_keyed(stored.groups, groups, |g| g.key.clone(), merge_group),
        measures: merge_keyed(stored.measures, measures, |m| m.key.clone(), merge_measure),
        listings: merge_keyed(
            stored.listings,
            listings,
            |l| (l.measure.clone(), l.group.clone()),
            |_, new| new,
        ),
        assignments: merge_keyed(
            stored.assignments,
            assignments,
            |a| (a.measure.clone(), a.division.clone()),
            |_, new| new,
        ),
        records: merge_keyed(
            stored.records,
            records,
            |r| (r.measure.clone(), r.division.clone(), r.fiscal_year),
            merge_record,
        ),
        indicators: merge_keyed(
            stored.indicators,
            indicators,
            |i| i.key.clone(),
            merge_indicator,
        ),
        ratings: merge_keyed(
            stored.ratings,
            ratings,
            |r| (r.group.clone(), r.fiscal_year),
            |_, new| new,
        ),
        outlooks: merge_keyed(
            stored.outlooks,
            outlooks,
            |o| (o.group.clone(), o.fiscal_year),
            |_, new| new,
        ),
        narratives: merge_keyed(
            stored.narratives,
            narratives,
            |n| (n.title.clone(), n.location.file.clone()),
            |_, new| new,
        ),
        sources: merge_keyed(stored.sources, sources, |s| s.sha256.clone(), |_, new| new),
        retirements: merge_keyed(
            stored.retirements,
            retirements,
            |r| r.measure.clone(),
            |_, new| new,
        ),
        cycles: merge_keyed(stored.cycles, cycles, |c| c.fiscal_year, |_, new| new),
        // Documents do not carry a mapping (a JSON export does): the stored one is kept.
        package: package.or(stored.package),
    }
}

/// A document's record replaces the stored one, but keeps what documents do not carry: the
/// review of a collected record and its 今後の計画 when the document has none.
fn merge_record(stored: ProgressRecord, mut new: ProgressRecord) -> ProgressRecord {
    if new.review.is_none() {
        new.review = stored.review;
    }
    if new.next_plan_text.is_none() {
        new.next_plan_text = stored.next_plan_text;
    }
    new
}

/// The edition of a document within a plan: the latest fiscal year it states a record for.
pub fn edition_of(plan: &Plan, file: &str) -> Option<crate::fiscal::FiscalYear> {
    plan.records
        .iter()
        .filter(|r| r.location.file == file)
        .map(|r| r.fiscal_year)
        .max()
}

/// A stored record that an older edition would have replaced, kept as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptRecord {
    /// The incoming (older) record, with its location in the document.
    pub incoming: ProgressRecord,
    /// The document the stored record is from, and that document's edition.
    pub stored_file: String,
    pub stored_edition: crate::fiscal::FiscalYear,
    /// The incoming document's edition.
    pub incoming_edition: crate::fiscal::FiscalYear,
}

/// [`merge`], except that records stored from a newer edition (a document reporting on a
/// later fiscal year than every record of `incoming`) are kept when the incoming record of
/// the same key says something else; each such record is returned. Records entered through
/// the collection cycle are not from a document and follow [`merge`].
pub fn merge_editions(stored: Plan, mut incoming: Plan) -> (Plan, Vec<KeptRecord>) {
    let Some(incoming_edition) = incoming.records.iter().map(|r| r.fiscal_year).max() else {
        return (merge(stored, incoming), Vec::new());
    };
    let documents: std::collections::HashSet<&str> =
        stored.sources.iter().map(|s| s.file.as_str()).collect();
    let mut editions: HashMap<&str, Option<crate::fiscal::FiscalYear>> = HashMap::new();
    let by_key: HashMap<_, &ProgressRecord> = stored
        .records
        .iter()
        .map(|r| ((r.measure.clone(), r.division.clone(), r.fiscal_year), r))
        .collect();
    let mut kept = Vec::new();
    incoming.records.retain(|r| {
        let Some(old) = by_key.get(&(r.measure.clone(), r.division.clone(), r.fiscal_year)) else {
            return true;
        };
        let file = old.location.file.as_str();
        if file == r.location.file || !documents.contains(file) {
            return true;
        }
        let edition = *editions
            .entry(file)
            .or_insert_with(|| edition_of(&stored, file));
        let newer = edition.is_some_and(|e| e > incoming_edition);
        if !newer {
            return true;
        }
        let mut same = (*old).clone();
        same.location = r.location.clone();
        if same == *r {
            // The same values: the older edition restates them; nothing to keep or report.
            return false;
        }
        if let Some(e) = edition {
            kept.push(KeptRecord {
                incoming: r.clone(),
                stored_file: file.to_owned(),
                stored_edition: e,
                incoming_edition,
            });
        }
        false
    });
    (merge(stored, incoming), kept)
}

/// Unions two lists by key. See the module documentation for duplicate keys.
fn merge_keyed<T, K, F, M>(stored: Vec<T>, incoming: Vec<T>, key: F, combine: M) -> Vec<T>
where
    K: Eq + Hash + Clone,
    F: Fn(&T) -> K,
    M: Fn(T, T) -> T,
{
    // (key, occurrence) → index in `slots`.
    let mut index: HashMap<(K, usize), usize> = HashMap::with_capacity(stored.len());
    let mut seen: HashMap<K, usize> = HashMap::with_capacity(stored.len());
    let mut slots: Vec<Option<T>> = Vec::with_capacity(stored.len() + incoming.len());
    for item in stored {
        let k = key(&item);
        let n = next_occurrence(&mut seen, &k);
        index.insert((k, n), slots.len());
        slots.push(Some(item));
    }
    seen.clear();
    for new in incoming {
        let k = key(&new);
        let n = next_occurrence(&mut seen, &k);
        match index.get(&(k, n)).and_then(|&i| slots.get_mut(i)) {
            Some(slot) => {
                *slot = Some(match slot.take() {
                    Some(old) => combine(old, new),
                    None => new,
                });
            }
            None => slots.push(Some(new)),
        }
    }
    slots.into_iter().flatten().collect()
}

fn next_occurrence<K: Eq + Hash + Clone>(seen: &mut HashMap<K, usize>, k: &K) -> usize {
    let n = seen.entry(k.clone()).or_insert(0);
    let current = *n;
    *n += 1;
    current
}

/// Union of fiscal years. Ascending lists stay ascending (the normal case: readers fill the
/// list with [`Plan::refresh_fiscal_years`]); otherwise new years are appended.
fn merge_years(
    stored: Vec<crate::FiscalYear>,
    incoming: Vec<crate::FiscalYear>,
) -> Vec<crate::FiscalYear> {
    let ascending = |v: &[crate::FiscalYear]| v.windows(2).all(|w| w[0] < w[1]);
    let sort = ascending(&stored) && ascending(&incoming);
    let mut years = merge_keyed(stored, incoming, |y| *y, |_, new| new);
    if sort {
        years.sort();
    }
    years
}

fn merge_renames(stored: Vec<Rename>, incoming: Vec<Rename>) -> Vec<Rename> {
    merge_keyed(stored, incoming, |r| (r.from, r.name.clone()), |_, new| new)
}

fn merge_department(old: Department, new: Department) -> Department {
    Department {
        key: new.key,
        // The name it had first: the stored plan saw it first.
        name: old.name,
        renames: merge_renames(old.renames, new.renames),
    }
}

fn merge_division(old: Division, new: Division) -> Division {
    Division {
        key: new.key,
        name: old.name,
        department: new.department.or(old.department),
        external: new.external,
        renames: merge_renames(old.renames, new.renames),
    }
}

fn merge_group(old: Group, new: Group) -> Group {
    Group {
        number: new.number.or(old.number),
        parent: new.parent.or(old.parent),
        ..new
    }
}

fn merge_measure(old: Measure, new: Measure) -> Measure {
    Measure {
        number: new.number.or(old.number),
        description: new.description.or(old.description),
        audience: new.audience.or(old.audience),
        plan_page: new.plan_page.or(old.plan_page),
        ..new
    }
}

fn merge_observations(stored: Vec<Observation>, incoming: Vec<Observation>) -> Vec<Observation> {
    merge_keyed(
        stored,
        incoming,
        |o| (o.fiscal_year, o.location.clone()),
        |_, new| new,
    )
}

fn merge_indicator(old: Indicator, new: Indicator) -> Indicator {
    Indicator {
        key: new.key,
        name: new.name,
        group: new.group.or(old.group),
        measure: new.measure.or(old.measure),
        kind: new.kind.or(old.kind),
        unit: new.unit.or(old.unit),
        polarity: new.polarity,
        baseline: new.baseline.or(old.baseline),
        targets: merge_observations(old.targets, new.targets),
        actuals: merge_observations(old.actuals, new.actuals),
        reported_grades: merge_keyed(
            old.reported_grades,
            new.reported_grades,
            |g: &ReportedGrade| (g.fiscal_year, g.location.clone()),
            |_, new| new,
        ),
        activities: merge_keyed(
            old.activities,
            new.activities,
            |a: &YearText| (a.fiscal_year, a.location.clone()),
            |_, new| new,
        ),
        location: new.location,
    }
}

#[cfg(test)]
mod tests;
