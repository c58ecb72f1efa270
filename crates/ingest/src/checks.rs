//! Checks every reader's result gets, and the caller's overrides ([`ReadOptions`]).
//!
//! * Names (plan title, municipality, groups, measures, departments, divisions) must not hold
//!   control characters (NUL, terminal escapes): they are removed, with a located warning.
//! * Fiscal years outside [`SANE_YEARS`] are a misreading (「令和9999年度」): each record,
//!   observation, rating or outlook with one gets a located error diagnostic (and is kept).
//! * [`ReadOptions::municipality`] and [`ReadOptions::fiscal_year`] replace what the reader
//!   found, with a diagnostic when that changes anything.

#[cfg(test)]
use crate::diag::Severity;
use crate::diag::{Diagnostic, printable};
use crate::options::{ReadOptions, SANE_YEARS};
use crate::readers::Import;
use shinchoku_core::{FiscalYear, Location, Plan};

/// Removes control characters from a name (they are no part of any name); `None` when there
/// are none.
fn without_controls(name: &str) -> Option<String> {
    name.chars()
        .any(|c| c.is_control() && c != '\n')
        .then(|| crate::diag::strip_controls(name, |c| (c == '\n').then_some(c)))
}

fn clean_name(name: &mut String, what: &str, location: Location, diags: &mut Vec<Diagnostic>) {
    if let Some(clean) = without_controls(name) {
        diags.push(Diagnostic::warning(
            "control-characters",
            location,
            format!(
                "the {what} 「{}」 holds control characters (NUL, escapes); they were removed",
                printable(&clean)
            ),
        ));
        *name = clean;
    }
}

/// The fiscal year a plan reports on: the latest year with a result, else the latest year.
pub fn reporting_year(plan: &Plan) -> Option<FiscalYear> {
    plan.records
        .iter()
        .filter(|r| r.result_text.is_some())
        .map(|r| r.fiscal_year)
        .max()
        .or_else(|| plan.fiscal_years.last().copied())
}

/// Moves every fiscal year of a plan by `delta` years.
fn shift_years(plan: &mut Plan, delta: i32) {
    let shift = |y: &mut FiscalYear| y.0 = y.0.saturating_add(delta);
    for r in &mut plan.records {
        shift(&mut r.fiscal_year);
    }
    for i in &mut plan.indicators {
        for o in i
            .baseline
            .iter_mut()
            .chain(i.targets.iter_mut())
            .chain(i.actuals.iter_mut())
        {
            if let Some(y) = o.fiscal_year.as_mut() {
                shift(y);
            }
        }
        for g in &mut i.reported_grades {
            shift(&mut g.fiscal_year);
        }
        for a in &mut i.activities {
            shift(&mut a.fiscal_year);
        }
    }
    for r in &mut plan.ratings {
        shift(&mut r.fiscal_year);
    }
    for o in &mut plan.outlooks {
        shift(&mut o.fiscal_year);
    }
    for d in &mut plan.departments {
        for r in &mut d.renames {
            shift(&mut r.from);
        }
    }
    for d in &mut plan.divisions {
        for r in &mut d.renames {
            shift(&mut r.from);
        }
    }
    if let Some(p) = plan.period.as_mut() {
        shift(&mut p.first);
        shift(&mut p.last);
    }
    plan.refresh_fiscal_years();
}

fn check_years(plan: &Plan, diags: &mut Vec<Diagnostic>) {
    let mut bad = |year: FiscalYear, location: &Location, what: &str| {
        if !SANE_YEARS.contains(&year.0) {
            diags.push(Diagnostic::error(
                "fiscal-year-out-of-range",
                location.clone(),
                format!(
                    "the {what} is for fiscal year {}, outside {}..={}; the document's year is misread or wrong (kept as read)",
                    year.0,
                    SANE_YEARS.start(),
                    SANE_YEARS.end()
                ),
            ));
        }
    };
    for r in &plan.records {
        bad(r.fiscal_year, &r.location, "record");
    }
    for i in &plan.indicators {
        for o in i.baseline.iter().chain(&i.targets).chain(&i.actuals) {
            if let Some(y) = o.fiscal_year {
                bad(y, &o.location, "indicator value");
            }
        }
    }
    for r in &plan.ratings {
        bad(r.fiscal_year, &r.location, "rating");
    }
    for o in &plan.outlooks {
        bad(o.fiscal_year, &o.location, "outlook");
    }
}

/// Runs the checks on every plan of an import and applies the options.
pub fn check_import(import: &mut Import, file_name: &str, options: &ReadOptions) {
    let mut diags = Vec::new();
    let first = Location::new(file_name, 1);
    for plan in &mut import.plans {
        let title_location = first.clone();
        clean_name(
            &mut plan.title,
            "plan title",
            title_location.clone(),
            &mut diags,
        );
        clean_name(
            &mut plan.municipality.name,
            "municipality",
            title_location.clone(),
            &mut diags,
        );
        for g in &mut plan.groups {
            clean_name(&mut g.title, "group title", g.location.clone(), &mut diags);
        }
        for m in &mut plan.measures {
            clean_name(&mut m.name, "measure name", m.location.clone(), &mut diags);
        }
        // Departments and divisions have no location of their own: the first assignment
        // that names them.
        let division_location = |plan: &Plan, key: &shinchoku_core::DivisionKey| {
            plan.assignments
                .iter()
                .find(|a| &a.division == key)
                .map_or_else(|| first.clone(), |a| a.location.clone())
        };
        let locations: Vec<Location> = plan
            .divisions
            .iter()
            .map(|d| division_location(plan, &d.key))
            .collect();
        for (d, location) in plan.divisions.iter_mut().zip(locations) {
            clean_name(&mut d.name, "division name", location, &mut diags);
        }
        for d in &mut plan.departments {
            clean_name(&mut d.name, "department name", first.clone(), &mut diags);
        }
        check_years(plan, &mut diags);

        if let Some(given) = options.municipality.as_deref() {
            let given: String = printable(given.trim()).into_owned();
            let old = plan.municipality.name.clone();
            if !given.is_empty() && given != old {
                if !old.is_empty() && plan.title.starts_with(&old) {
                    plan.title = format!("{given}{}", &plan.title[old.len()..]);
                }
                diags.push(Diagnostic::info(
                    "municipality-given",
                    first.clone(),
                    if old.is_empty() {
                        format!(
                            "the municipality is 「{given}」, as given (the document names none)"
                        )
                    } else {
                        format!(
                            "the municipality is 「{given}」, as given; the reader had 「{old}」"
                        )
                    },
                ));
                plan.municipality.name = given;
            }
        }
        if let Some(given) = options.fiscal_year {
            match reporting_year(plan) {
                Some(found) if found != given => {
                    let delta = given.0 - found.0;
                    shift_years(plan, delta);
                    diags.push(Diagnostic::warning(
                        "fiscal-year-given",
                        first.clone(),
                        format!(
                            "the document was read as reporting on {} but {} was given: every fiscal year of 「{}」 moved by {delta:+} years",
                            found.wareki(),
                            given.wareki(),
                            plan.title
                        ),
                    ));
                }
                None => diags.push(Diagnostic::info(
                    "fiscal-year-given",
                    first.clone(),
                    format!(
                        "{} was given but the document has no fiscal years; nothing moved",
                        given.wareki()
                    ),
                )),
                _ => {}
            }
        }
    }
    import.diagnostics.append(&mut diags);
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::{MeasureKey, PlanKind, ProgressRecord};

    fn import_with_years(years: &[i32]) -> Import {
        let mut plan = Plan::new("本市", "本市自殺対策計画", PlanKind::SuicidePrevention);
        for (i, y) in years.iter().enumerate() {
            let mut r = ProgressRecord::new(
                MeasureKey::new(format!("{i}")),
                None,
                FiscalYear(*y),
                Location::new("f.txt", u32::try_from(i + 10).unwrap_or(0)),
            );
            r.result_text = Some("実施した。".into());
            plan.records.push(r);
        }
        plan.refresh_fiscal_years();
        Import {
            plans: vec![plan],
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn years_out_of_range_are_located_errors() {
        let mut import = import_with_years(&[2022, 12017, 1899]);
        check_import(&mut import, "f.txt", &ReadOptions::default());
        let found: Vec<(&str, u32)> = import
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.location.line))
            .collect();
        assert_eq!(
            found,
            vec![
                ("fiscal-year-out-of-range", 11),
                ("fiscal-year-out-of-range", 12)
            ]
        );
    }

    #[test]
    fn given_fiscal_year_and_municipality_replace_the_read_ones() {
        let mut import = import_with_years(&[2021, 2022]);
        let options = ReadOptions {
            municipality: Some("清瀬市\u{1b}[1m".into()),
            fiscal_year: Some(FiscalYear(2024)),
            ..ReadOptions::default()
        };
        check_import(&mut import, "f.txt", &options);
        let plan = &import.plans[0];
        assert_eq!(plan.municipality.name, "清瀬市");
        assert_eq!(plan.title, "清瀬市自殺対策計画");
        assert_eq!(plan.fiscal_years, vec![FiscalYear(2023), FiscalYear(2024)]);
        let codes: Vec<(&str, Severity)> = import
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.severity))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("municipality-given", Severity::Info),
                ("fiscal-year-given", Severity::Warning)
            ]
        );
    }
}
