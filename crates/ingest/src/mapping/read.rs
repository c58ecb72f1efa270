//! Applying a profile to a table: one plan and its diagnostics.

use super::profile::{AmountUnit, Profile, Shape};
use super::table::{Table, TableLimits, read_table};
use super::{Headers, MappingError, guess_direction_meaning, guess_status_meaning};
use crate::diag::Diagnostic;
use crate::normalise::{is_blank_cell, match_key, parse_fiscal_year, parse_int, parse_number};
use crate::options::ReadOptions;
use crate::readers::Import;
use shinchoku_core::{
    Achievement, AchievementValue, Amount, Assignment, CostBreakdown, Department, DepartmentKey,
    Direction, DirectionTerm, DirectionVocabulary, Division, DivisionKey, ExtraField, FiscalYear,
    Funding, FundingSource, Grade, Group, GroupKey, Indicator, IndicatorKey, IndicatorKind,
    Listing, Location, Measure, MeasureKey, Observation, Plan, Polarity, ProgressRecord, Quantity,
    SourceDocument, Status, StatusLevel, StatusScale, Value,
};
use std::collections::{HashMap, HashSet};

/// A yearly field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Plan,
    Result,
    Evaluation,
    Effect,
    NextPlan,
    Status,
    Achievement,
    Direction,
    Grade,
    ProjectCost,
    Funding(FundingSource),
    PersonnelCost,
    Staff,
    WorkHours,
    FullCost,
}

/// Columns of a field, each with the year its header names.
type YearCols = Vec<(usize, Option<FiscalYear>)>;

struct IndicatorCols {
    kind: IndicatorKind,
    label: String,
    name: Option<usize>,
    unit: Option<usize>,
    baseline: Option<usize>,
    target: YearCols,
    actual: YearCols,
    polarity: Polarity,
}

/// The profile resolved against the table's headers.
struct Resolved {
    levels: Vec<(Option<usize>, Option<usize>)>,
    id: Option<usize>,
    name: usize,
    department: Option<usize>,
    division: Option<usize>,
    description: Option<usize>,
    audience: Option<usize>,
    plan_page: Option<usize>,
    year: Option<usize>,
    fields: Vec<(Field, YearCols)>,
    indicators: Vec<IndicatorCols>,
    extras: Vec<usize>,
}

struct Ctx<'a> {
    file: &'a str,
    table: &'a Table,
    headers: &'a Headers,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// The location of a cell: the line (CSV) or sheet row, and `シート名!D12` (workbooks) or
    /// the column's header (CSV).
    fn loc(&self, row: usize, col: usize) -> Location {
        let field = if self.table.sheet.is_some() {
            self.table.address(row, col)
        } else {
            match self.headers.get(col) {
                Some(h) if !h.text.is_empty() => {
                    format!("{} {}", self.table.address(row, col), h.text)
                }
                _ => self.table.address(row, col),
            }
        };
        Location::new(self.file, self.table.line(row)).with_field(field)
    }

    fn header_text(&self, col: usize) -> String {
        match self.headers.get(col) {
            Some(h) if !h.text.is_empty() => h.text.clone(),
            _ => format!(
                "列{}",
                crate::workbook::layout::column_letters(u32::try_from(col).unwrap_or(u32::MAX))
            ),
        }
    }

    /// One column for a reference; several is a warning (the first is taken), none a
    /// `missing-column` warning.
    fn one(
        &mut self,
        what: &str,
        reference: Option<&String>,
        used: &mut HashSet<usize>,
    ) -> Option<usize> {
        let reference = reference?;
        let found = self.headers.find(reference);
        match found.as_slice() {
            [] => {
                self.diags.push(Diagnostic::warning(
                    "missing-column",
                    self.header_row_location(),
                    format!("the profile's {what} 「{reference}」 is not a header of this table; {what} is left empty"),
                ));
                None
            }
            [col, rest @ ..] => {
                if !rest.is_empty() {
                    self.diags.push(Diagnostic::warning(
                        "ambiguous-column",
                        self.loc(self.headers_row(), *col),
                        format!(
                            "{} columns match {what} 「{reference}」; the first ({}) is read, the others are kept as extra fields",
                            found.len(),
                            self.table.address(self.headers_row(), *col)
                        ),
                    ));
                }
                used.insert(*col);
                Some(*col)
            }
        }
    }

    fn yearly(
        &mut self,
        what: &str,
        reference: Option<&String>,
        default_year: Option<FiscalYear>,
        row_years: bool,
        used: &mut HashSet<usize>,
    ) -> YearCols {
        let Some(reference) = reference else {
            return Vec::new();
        };
        let found = self.headers.find(reference);
        if found.is_empty() {
            self.diags.push(Diagnostic::warning(
                "missing-column",
                self.header_row_location(),
                format!("the profile's {what} 「{reference}」 is not a header of this table; {what} is left empty"),
            ));
            return Vec::new();
        }
        let mut out: YearCols = Vec::new();
        for col in found {
            let year = self.headers.get(col).and_then(|h| h.year);
            let year = year.or(if row_years { None } else { default_year });
            if year.is_none() && !row_years {
                self.diags.push(Diagnostic::error(
                    "no-year",
                    self.loc(self.headers_row(), col),
                    format!(
                        "the header 「{}」 ({what}) names no fiscal year and the profile states none (plan.fiscal_year); the column is kept as extra fields",
                        self.header_text(col)
                    ),
                ));
                continue;
            }
            if year.is_some() && out.iter().any(|(_, y)| *y == year) {
                self.diags.push(Diagnostic::warning(
                    "ambiguous-column",
                    self.loc(self.headers_row(), col),
                    format!(
                        "a second column for {what} of the same year (「{}」); it is kept as extra fields",
                        self.header_text(col)
                    ),
                ));
                continue;
            }
            used.insert(col);
            out.push((col, year));
        }
        out
    }

    /// The header row as a whole (`事業一覧!4:4` in a workbook), for what concerns no cell.
    fn header_row_location(&self) -> Location {
        let row = self.headers_row();
        let line = self.table.line(row);
        let location = Location::new(self.file, line);
        match &self.table.sheet {
            Some(sheet) => location.with_field(format!("{sheet}!{line}:{line}")),
            None => location,
        }
    }

    fn headers_row(&self) -> usize {
        self.headers.columns.first().map_or(0, |h| h.row)
    }
}

fn resolve(
    ctx: &mut Ctx<'_>,
    profile: &Profile,
    default_year: Option<FiscalYear>,
) -> Result<Resolved, MappingError> {
    let mut used = HashSet::new();
    let row_years = profile.shape == Shape::MeasureYear;
    let levels = profile
        .levels
        .iter()
        .map(|l| {
            (
                ctx.one(
                    &format!("levels 「{}」 code", l.label),
                    l.code.as_ref(),
                    &mut used,
                ),
                ctx.one(
                    &format!("levels 「{}」 name", l.label),
                    l.name.as_ref(),
                    &mut used,
                ),
            )
        })
        .collect();
    let m = &profile.measure;
    let name_ref = m.name.clone();
    let name = ctx
        .one("measure.name", Some(&name_ref), &mut used)
        .ok_or_else(|| {
            MappingError::Mismatch(format!(
                "the profile's measure.name 「{}」 is not a header of this table (headers: {})",
                m.name,
                ctx.headers
                    .columns
                    .iter()
                    .filter(|h| !h.text.is_empty())
                    .take(40)
                    .map(|h| format!("「{}」", h.text))
                    .collect::<Vec<_>>()
                    .join("、")
            ))
        })?;
    let id = ctx.one("measure.id", m.id.as_ref(), &mut used);
    let department = ctx.one("measure.department", m.department.as_ref(), &mut used);
    let division = ctx.one("measure.division", m.division.as_ref(), &mut used);
    let description = ctx.one("measure.description", m.description.as_ref(), &mut used);
    let audience = ctx.one("measure.audience", m.audience.as_ref(), &mut used);
    let plan_page = ctx.one("measure.plan_page", m.plan_page.as_ref(), &mut used);
    let year = ctx.one("record.year", profile.record.year.as_ref(), &mut used);
    if row_years && year.is_none() {
        return Err(MappingError::Mismatch(
            "shape measure_year: the column of the year (record.year) is not in this table"
                .to_owned(),
        ));
    }
    let r = &profile.record;
    let c = &profile.costs;
    let specs: [(Field, &str, Option<&String>); 19] = [
        (Field::Plan, "record.plan", r.plan.as_ref()),
        (Field::Result, "record.result", r.result.as_ref()),
        (
            Field::Evaluation,
            "record.evaluation",
            r.evaluation.as_ref(),
        ),
        (Field::Effect, "record.effect", r.effect.as_ref()),
        (Field::NextPlan, "record.next_plan", r.next_plan.as_ref()),
        (Field::Status, "record.status", r.status.as_ref()),
        (
            Field::Achievement,
            "record.achievement",
            r.achievement.as_ref(),
        ),
        (Field::Direction, "record.direction", r.direction.as_ref()),
        (Field::Grade, "record.grade", r.grade.as_ref()),
        (
            Field::ProjectCost,
            "costs.project_cost",
            c.project_cost.as_ref(),
        ),
        (
            Field::Funding(FundingSource::National),
            "costs.national",
            c.national.as_ref(),
        ),
        (
            Field::Funding(FundingSource::Prefectural),
            "costs.prefectural",
            c.prefectural.as_ref(),
        ),
        (
            Field::Funding(FundingSource::LocalBond),
            "costs.local_bond",
            c.local_bond.as_ref(),
        ),
        (
            Field::Funding(FundingSource::Other),
            "costs.other",
            c.other.as_ref(),
        ),
        (
            Field::Funding(FundingSource::General),
            "costs.general",
            c.general.as_ref(),
        ),
        (
            Field::PersonnelCost,
            "costs.personnel_cost",
            c.personnel_cost.as_ref(),
        ),
        (Field::Staff, "costs.staff", c.staff.as_ref()),
        (Field::WorkHours, "costs.work_hours", c.work_hours.as_ref()),
        (Field::FullCost, "costs.full_cost", c.full_cost.as_ref()),
    ];
    let mut fields = Vec::new();
    for (field, what, reference) in specs {
        let cols = ctx.yearly(what, reference, default_year, row_years, &mut used);
        if !cols.is_empty() {
            fields.push((field, cols));
        }
    }
    let mut indicators = Vec::new();
    let mut per_kind: HashMap<IndicatorKind, usize> = HashMap::new();
    for spec in &profile.indicators {
        let n = per_kind.entry(spec.kind).or_insert(0);
        *n += 1;
        let label = spec
            .label
            .clone()
            .unwrap_or_else(|| format!("{}{}", spec.kind.label_ja(), n));
        indicators.push(IndicatorCols {
            kind: spec.kind,
            name: ctx.one(
                &format!("indicators 「{label}」 name"),
                spec.name.as_ref(),
                &mut used,
            ),
            unit: ctx.one(
                &format!("indicators 「{label}」 unit"),
                spec.unit.as_ref(),
                &mut used,
            ),
            baseline: ctx.one(
                &format!("indicators 「{label}」 baseline"),
                spec.baseline.as_ref(),
                &mut used,
            ),
            target: ctx.yearly(
                &format!("indicators 「{label}」 target"),
                spec.target.as_ref(),
                default_year,
                row_years,
                &mut used,
            ),
            actual: ctx.yearly(
                &format!("indicators 「{label}」 actual"),
                spec.actual.as_ref(),
                default_year,
                row_years,
                &mut used,
            ),
            polarity: spec.polarity,
            label,
        });
    }
    let ignored: HashSet<usize> = profile
        .ignore
        .iter()
        .flat_map(|r| ctx.headers.find(r))
        .collect();
    let extras: Vec<usize> = (0..ctx.table.width)
        .filter(|c| !used.contains(c) && !ignored.contains(c))
        .collect();
    Ok(Resolved {
        levels,
        id,
        name,
        department,
        division,
        description,
        audience,
        plan_page,
        year,
        fields,
        indicators,
        extras,
    })
}

/// Reads a file through a profile: the table ([`read_table`] within `options.max_bytes`),
/// then one plan with every row's measure, groups, divisions, records of each year,
/// indicators and costs, and the diagnostics. Columns the profile does not name are kept
/// as extra fields of the records and listed (`unmapped-column`).
pub fn read_mapped(
    file_name: &str,
    bytes: &[u8],
    profile: &Profile,
    options: &ReadOptions,
) -> Result<Import, MappingError> {
    let limits = TableLimits {
        max_bytes: options.max_bytes,
        ..TableLimits::default()
    };
    let delimiter = profile
        .source
        .delimiter
        .as_ref()
        .and_then(|d| d.bytes().next());
    let table = read_table(
        file_name,
        bytes,
        profile.source.sheet.as_deref(),
        delimiter,
        &limits,
    )?;
    let sha256 = crate::normalise::sha256_hex(bytes);
    read_table_mapped(file_name, &sha256, &table, profile, options)
}

/// [`read_mapped`] of a table already read.
pub fn read_table_mapped(
    file_name: &str,
    sha256: &str,
    table: &Table,
    profile: &Profile,
    options: &ReadOptions,
) -> Result<Import, MappingError> {
    let clean_name = crate::diag::printable(file_name);
    let file: &str = &clean_name;
    let headers = Headers::of(table, &profile.source.header_rows);
    let header_years: Vec<FiscalYear> = headers.columns.iter().filter_map(|h| h.year).collect();
    let stated_year = profile.plan.fiscal_year.as_ref().and_then(|y| y.year());
    let doc_year = stated_year.or_else(|| header_years.iter().max().copied());
    let mut ctx = Ctx {
        file,
        table,
        headers: &headers,
        diags: Vec::new(),
    };
    let res = resolve(&mut ctx, profile, stated_year)?;
    let mut plan = Plan::new(
        profile.plan.municipality.clone(),
        profile.plan.title.clone(),
        profile.plan_kind(),
    );
    plan.status_scale = StatusScale {
        levels: profile
            .status
            .iter()
            .map(|s| StatusLevel {
                code: s.code.clone(),
                label: s.label.clone(),
                meaning: s.meaning,
            })
            .collect(),
    };
    plan.direction_vocabulary = DirectionVocabulary {
        terms: profile
            .direction
            .iter()
            .map(|d| DirectionTerm {
                label: d.label.clone(),
                meaning: d.meaning,
            })
            .collect(),
    };
    let last_header = profile
        .source
        .header_rows
        .iter()
        .max()
        .copied()
        .unwrap_or(1);
    let first = profile
        .source
        .first_data_row
        .unwrap_or(last_header + 1)
        .saturating_sub(1) as usize;

    let mut state = State::default();
    for row in first..table.rows.len() {
        let cells = table.rows.get(row).map_or(&[][..], Vec::as_slice);
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        read_row(
            &mut ctx, &res, profile, &mut plan, &mut state, row, doc_year,
        );
    }
    // Unmapped columns: listed once each.
    let header_row = ctx.headers_row();
    for &col in &res.extras {
        if !state.extra_cols_with_values.contains(&col) {
            continue;
        }
        let label = ctx.header_text(col);
        ctx.diags.push(Diagnostic::warning(
            "unmapped-column",
            ctx.loc(header_row, col),
            format!("column 「{label}」 is not mapped by the profile; its cells are kept as extra fields 「{label}」 of the records"),
        ));
    }
    finish_vocabularies(&mut ctx, &mut plan, &state);
    plan.sources.push(SourceDocument::new(
        file,
        profile.plan.title.clone(),
        profile.layout_name(),
        sha256,
    ));
    plan.refresh_fiscal_years();
    let mut import = Import {
        plans: vec![plan],
        diagnostics: ctx.diags,
    };
    crate::checks::check_import(&mut import, file, options);
    Ok(import)
}

#[derive(Default)]
struct State {
    /// Last codes and names of each level (filled down over empty cells).
    levels: Vec<(String, String)>,
    groups: HashMap<GroupKey, usize>,
    measures: HashMap<MeasureKey, usize>,
    listings: HashSet<(MeasureKey, GroupKey)>,
    departments: HashSet<DepartmentKey>,
    divisions: HashMap<DivisionKey, usize>,
    assignments: HashSet<(MeasureKey, DivisionKey)>,
    /// Records by key, with the row that made them.
    records: HashMap<(MeasureKey, Option<DivisionKey>, FiscalYear), (usize, usize)>,
    indicators: HashMap<IndicatorKey, usize>,
    extra_cols_with_values: HashSet<usize>,
    /// Status and direction words seen that the profile does not list.
    statuses_seen: Vec<(String, Location)>,
    directions_seen: Vec<(String, Location)>,
}

fn cell(table: &Table, row: usize, col: Option<usize>) -> Option<String> {
    let text = table.cell(row, col?).trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[allow(clippy::too_many_arguments)]
fn record_at(
    plan: &mut Plan,
    state: &mut State,
    ctx: &mut Ctx<'_>,
    measure: &MeasureKey,
    division: &Option<DivisionKey>,
    year: FiscalYear,
    row: usize,
    name_col: usize,
) -> Option<usize> {
    let key = (measure.clone(), division.clone(), year);
    match state.records.get(&key) {
        Some(&(i, from)) if from == row => Some(i),
        Some(&(_, from)) => {
            ctx.diags.push(Diagnostic::warning(
                "duplicate-row",
                ctx.loc(row, name_col),
                format!(
                    "the record of 「{}」{} of {} was already read from line {}; this row's values of that year are not read",
                    measure,
                    division.as_ref().map_or_else(String::new, |d| format!("（{d}）")),
                    year.display_ja(),
                    ctx.table.line(from)
                ),
            ));
            None
        }
        None => {
            let i = plan.records.len();
            plan.records.push(ProgressRecord::new(
                measure.clone(),
                division.clone(),
                year,
                ctx.loc(row, name_col),
            ));
            state.records.insert(key, (i, row));
            Some(i)
        }
    }
}

fn read_row(
    ctx: &mut Ctx<'_>,
    res: &Resolved,
    profile: &Profile,
    plan: &mut Plan,
    state: &mut State,
    row: usize,
    doc_year: Option<FiscalYear>,
) {
    let table = ctx.table;
    let name = cell(table, row, Some(res.name));
    let id = cell(table, row, res.id);
    let Some(key_text) = id.clone().or_else(|| name.clone()) else {
        let first: Vec<String> = table
            .rows
            .get(row)
            .map(|r| {
                r.iter()
                    .filter(|c| !c.trim().is_empty())
                    .take(3)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        ctx.diags.push(Diagnostic::warning(
            "row-without-measure",
            ctx.loc(row, res.name),
            format!(
                "a row without measure name or id is not read: 「{}」",
                first.join("」「")
            ),
        ));
        return;
    };
    let measure_key = MeasureKey::new(key_text);
    let name = name.unwrap_or_else(|| measure_key.to_string());

    // Groups, filled down.
    state
        .levels
        .resize(res.levels.len(), (String::new(), String::new()));
    let mut parent: Option<GroupKey> = None;
    let mut path = String::new();
    for (i, (code_col, name_col)) in res.levels.iter().enumerate() {
        let code = cell(table, row, *code_col);
        let title = cell(table, row, *name_col);
        if code.is_some() || title.is_some() {
            let changed = state.levels[i]
                != (
                    code.clone().unwrap_or_default(),
                    title.clone().unwrap_or_default(),
                );
            state.levels[i] = (
                code.clone().unwrap_or_default(),
                title.clone().unwrap_or_default(),
            );
            if changed {
                for lower in state.levels.iter_mut().skip(i + 1) {
                    *lower = (String::new(), String::new());
                }
            }
        }
        let (code, title) = state.levels[i].clone();
        if code.is_empty() && title.is_empty() {
            break;
        }
        let part = if code.is_empty() { &title } else { &code };
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(part);
        let key = GroupKey::new(path.clone());
        if !state.groups.contains_key(&key) {
            let Some(level) = profile.levels.get(i) else {
                break;
            };
            state.groups.insert(key.clone(), plan.groups.len());
            plan.groups.push(Group {
                key: key.clone(),
                kind: level.kind,
                label: level.label.clone(),
                number: (!code.is_empty()).then(|| code.clone()),
                title: if title.is_empty() {
                    code.clone()
                } else {
                    title.clone()
                },
                parent: parent.clone(),
                location: ctx.loc(row, name_col.or(*code_col).unwrap_or(res.name)),
            });
        }
        parent = Some(key);
    }

    // The measure.
    if !state.measures.contains_key(&measure_key) {
        state
            .measures
            .insert(measure_key.clone(), plan.measures.len());
        plan.measures.push(Measure {
            key: measure_key.clone(),
            number: id.clone(),
            name: name.clone(),
            description: cell(table, row, res.description),
            audience: cell(table, row, res.audience),
            plan_page: cell(table, row, res.plan_page),
            location: ctx.loc(row, res.name),
        });
    } else if profile.shape == Shape::Measure {
        ctx.diags.push(Diagnostic::warning(
            "duplicate-measure",
            ctx.loc(row, res.id.unwrap_or(res.name)),
            format!("measure 「{measure_key}」 appears again; its name and description are taken from its first row"),
        ));
    }
    if let Some(group) = parent
        && state.listings.insert((measure_key.clone(), group.clone()))
    {
        plan.listings.push(Listing {
            measure: measure_key.clone(),
            group,
            relisted: false,
            location: ctx.loc(row, res.name),
        });
    }

    // Department and division.
    let department = cell(table, row, res.department).map(DepartmentKey::new);
    if let Some(d) = &department
        && state.departments.insert(d.clone())
    {
        plan.departments.push(Department {
            key: d.clone(),
            name: d.to_string(),
            renames: Vec::new(),
        });
    }
    let division = cell(table, row, res.division).map(DivisionKey::new);
    if let Some(d) = &division {
        if !state.divisions.contains_key(d) {
            state.divisions.insert(d.clone(), plan.divisions.len());
            plan.divisions.push(Division {
                key: d.clone(),
                name: d.to_string(),
                department: department.clone(),
                external: false,
                renames: Vec::new(),
            });
        }
        if state.assignments.insert((measure_key.clone(), d.clone())) {
            plan.assignments.push(Assignment {
                measure: measure_key.clone(),
                division: d.clone(),
                location: ctx.loc(row, res.division.unwrap_or(res.name)),
            });
        }
    }

    // The row's year (shape measure_year).
    let row_year = match res.year {
        Some(col) => {
            let text = table.cell(row, col).trim().to_owned();
            let year = parse_fiscal_year(&text).or_else(|| {
                parse_int(&text)
                    .filter(|n| (1900..=2200).contains(n))
                    .map(|n| FiscalYear(n as i32))
            });
            if year.is_none() {
                ctx.diags.push(Diagnostic::error(
                    "unparsed-year",
                    ctx.loc(row, col),
                    format!("「{text}」 is not a fiscal year; the row's yearly values of 「{measure_key}」 are not read"),
                ));
                return;
            }
            year
        }
        None => None,
    };

    let mut touched: Vec<usize> = Vec::new();
    let mut value_extras: Vec<(FiscalYear, ExtraField)> = Vec::new();
    for (field, cols) in &res.fields {
        for &(col, header_year) in cols {
            let Some(text) = cell(table, row, Some(col)) else {
                continue;
            };
            let Some(year) = header_year.or(row_year) else {
                continue;
            };
            let Some(i) = record_at(
                plan,
                state,
                ctx,
                &measure_key,
                &division,
                year,
                row,
                res.name,
            ) else {
                continue;
            };
            touched.push(i);
            let location = ctx.loc(row, col);
            if let Some(extra) = apply(
                ctx,
                plan,
                state,
                i,
                *field,
                &text,
                location,
                profile.costs.unit,
            ) {
                value_extras.push((year, ExtraField::column(ctx.header_text(col), extra)));
            }
        }
    }
    for (year, extra) in value_extras {
        if let Some(i) = record_at(
            plan,
            state,
            ctx,
            &measure_key,
            &division,
            year,
            row,
            res.name,
        ) {
            plan.records[i].extra.push(extra);
        }
    }

    // Indicators.
    for spec in &res.indicators {
        let ind_name = cell(table, row, spec.name);
        let baseline = cell(table, row, spec.baseline);
        let values: Vec<(bool, usize, FiscalYear, String)> = spec
            .target
            .iter()
            .map(|c| (true, *c))
            .chain(spec.actual.iter().map(|c| (false, *c)))
            .filter_map(|(is_target, (col, y))| {
                let text = cell(table, row, Some(col))?;
                Some((is_target, col, y.or(row_year)?, text))
            })
            .collect();
        if ind_name.is_none() && baseline.is_none() && values.is_empty() {
            continue;
        }
        let key = IndicatorKey::new(format!("{measure_key}/{}", spec.label));
        let idx = match state.indicators.get(&key) {
            Some(i) => *i,
            None => {
                let i = plan.indicators.len();
                state.indicators.insert(key.clone(), i);
                plan.indicators.push(Indicator {
                    key,
                    name: ind_name.clone().unwrap_or_else(|| spec.label.clone()),
                    group: None,
                    measure: Some(measure_key.clone()),
                    kind: Some(spec.kind),
                    unit: cell(table, row, spec.unit),
                    polarity: spec.polarity,
                    baseline: None,
                    targets: Vec::new(),
                    actuals: Vec::new(),
                    reported_grades: Vec::new(),
                    activities: Vec::new(),
                    location: ctx.loc(row, spec.name.unwrap_or(res.name)),
                });
                i
            }
        };
        let indicator = &mut plan.indicators[idx];
        if let (Some(text), Some(col), None) = (&baseline, spec.baseline, &indicator.baseline) {
            indicator.baseline = Some(Observation {
                fiscal_year: None,
                value: indicator_value(text),
                original: text.clone(),
                location: ctx.loc(row, col),
            });
        }
        for (is_target, col, year, text) in values {
            let list = if is_target {
                &mut indicator.targets
            } else {
                &mut indicator.actuals
            };
            if list.iter().any(|o| o.fiscal_year == Some(year)) {
                ctx.diags.push(Diagnostic::warning(
                    "duplicate-row",
                    ctx.loc(row, col),
                    format!(
                        "the {} of 「{}」 for {} was already read; 「{text}」 is not read",
                        if is_target { "target" } else { "actual" },
                        indicator.name,
                        year.display_ja()
                    ),
                ));
                continue;
            }
            list.push(Observation {
                fiscal_year: Some(year),
                value: indicator_value(&text),
                original: text,
                location: ctx.loc(row, col),
            });
        }
    }

    // Columns no field claims: kept on the record of their year, or of the row's year.
    let mut extras: Vec<(Option<FiscalYear>, ExtraField)> = Vec::new();
    for &col in &res.extras {
        let Some(text) = cell(table, row, Some(col)) else {
            continue;
        };
        state.extra_cols_with_values.insert(col);
        let year = ctx.headers.get(col).and_then(|h| h.year);
        extras.push((year, ExtraField::column(ctx.header_text(col), text)));
    }
    if extras.is_empty() {
        return;
    }
    let row_record_year = row_year
        .or_else(|| {
            touched
                .iter()
                .filter_map(|i| plan.records.get(*i))
                .map(|r| r.fiscal_year)
                .max()
        })
        .or(doc_year);
    for (year, extra) in extras {
        match year.or(row_record_year) {
            Some(y) => {
                if let Some(i) = record_at(plan, state, ctx, &measure_key, &division, y, row, res.name) {
                    plan.records[i].extra.push(extra);
                }
            }
            None => ctx.diags.push(Diagnostic::error(
                "no-year",
                ctx.loc(row, res.name),
                format!(
                    "「{}」: 「{}」 has no fiscal year to be kept under (no yearly value in the row, no plan.fiscal_year); not stored",
                    extra.label, extra.text
                ),
            )),
        }
    }
}

fn indicator_value(text: &str) -> Value {
    if is_blank_cell(text) {
        return Value::Blank;
    }
    match parse_number(text).or_else(|| {
        let f = crate::normalise::fold(text);
        let t = f.trim();
        // A number with its unit (「120件」「35.5%」).
        let end = t
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-')))
            .map_or(t.len(), |(i, _)| i);
        let unit = &t[end..];
        (end > 0 && unit.chars().count() <= 3 && !unit.chars().any(|c| c.is_ascii_digit()))
            .then(|| parse_number(&t[..end]))
            .flatten()
    }) {
        Some(n) => Value::Number(n),
        None => Value::Text(text.to_owned()),
    }
}

/// A yen amount in the profile's unit: 「1,234」 (in 千円: 1,234,000), 「1,234円」, 「▲500」.
fn parse_amount(text: &str, unit: AmountUnit) -> Option<i64> {
    if let Some(n) = parse_int(text) {
        return n.checked_mul(unit.factor());
    }
    if let Some(f) = parse_number(text) {
        let yen = f * unit.factor() as f64;
        return (yen.fract() == 0.0 && yen.abs() < 9.0e15).then_some(yen as i64);
    }
    crate::normalise::parse_yen(text)
}

/// Sets a field of record `i` from a cell; returns the text when it cannot be read (to be
/// kept as an extra field), after an `unparsed-value` diagnostic.
#[allow(clippy::too_many_arguments)]
fn apply(
    ctx: &mut Ctx<'_>,
    plan: &mut Plan,
    state: &mut State,
    i: usize,
    field: Field,
    text: &str,
    location: Location,
    unit: AmountUnit,
) -> Option<String> {
    let scale = plan.status_scale.clone();
    let vocabulary = plan.direction_vocabulary.clone();
    let record = &mut plan.records[i];
    let unparsed = |ctx: &mut Ctx<'_>, what: &str| {
        ctx.diags.push(Diagnostic::error(
            "unparsed-value",
            location.clone(),
            format!("「{text}」 is not {what}; kept as an extra field"),
        ));
        Some(text.to_owned())
    };
    match field {
        Field::Plan => record.plan_text = Some(text.to_owned()),
        Field::Result => record.result_text = Some(text.to_owned()),
        Field::Evaluation => record.evaluation_text = Some(text.to_owned()),
        Field::Effect => record.effect_text = Some(text.to_owned()),
        Field::NextPlan => record.next_plan_text = Some(text.to_owned()),
        Field::Status => {
            let key = match_key(text);
            let level = scale.levels.iter().find(|l| {
                match_key(&l.label) == key || l.code.as_deref().is_some_and(|c| match_key(c) == key)
            });
            record.status = Some(match level {
                Some(l) => Status {
                    code: l.code.clone(),
                    label: l.label.clone(),
                    original: text.to_owned(),
                },
                None => {
                    if !state.statuses_seen.iter().any(|(l, _)| l == text) {
                        state.statuses_seen.push((text.to_owned(), location));
                    }
                    Status {
                        code: None,
                        label: text.to_owned(),
                        original: text.to_owned(),
                    }
                }
            });
        }
        Field::Achievement => {
            let value = if is_blank_cell(text) {
                AchievementValue::Blank
            } else if let Some(p) = crate::normalise::parse_percent(text) {
                AchievementValue::Percent(p)
            } else if let Some(n) = parse_number(text) {
                // A percentage cell of a workbook (0.8) or a bare number (80).
                let p = if n.abs() <= 1.0 && text.contains('.') {
                    n * 100.0
                } else {
                    n
                };
                if p.abs() > 100_000.0 {
                    return unparsed(ctx, "an achievement (達成度)");
                }
                AchievementValue::Percent(p.round() as i32)
            } else {
                AchievementValue::Category(text.to_owned())
            };
            record.achievement = Some(Achievement {
                value,
                original: text.to_owned(),
            });
        }
        Field::Direction => {
            let key = match_key(text);
            let label = match vocabulary.terms.iter().find(|t| match_key(&t.label) == key) {
                Some(t) => t.label.clone(),
                None => {
                    if !state.directions_seen.iter().any(|(l, _)| l == text) {
                        state.directions_seen.push((text.to_owned(), location));
                    }
                    text.to_owned()
                }
            };
            record.direction = Some(Direction {
                label,
                original: text.to_owned(),
            });
        }
        Field::Grade => record.grade = Some(Grade::new(text)),
        Field::ProjectCost | Field::Funding(_) | Field::PersonnelCost | Field::FullCost => {
            if is_blank_cell(text) {
                return None;
            }
            let Some(yen) = parse_amount(text, unit) else {
                return unparsed(ctx, "an amount");
            };
            let amount = Amount {
                yen,
                original: text.to_owned(),
            };
            let b = breakdown(record);
            match field {
                Field::ProjectCost => b.project_cost = Some(amount),
                Field::PersonnelCost => b.personnel_cost = Some(amount),
                Field::FullCost => b.full_cost = Some(amount),
                Field::Funding(source) => {
                    b.funding.retain(|f| f.source != source);
                    b.funding.push(Funding { source, amount });
                    b.funding.sort_by_key(|f| f.source);
                }
                _ => {}
            }
        }
        Field::Staff | Field::WorkHours => {
            if is_blank_cell(text) {
                return None;
            }
            let Some(value) = parse_number(text) else {
                return unparsed(ctx, "a number");
            };
            let q = Some(Quantity {
                value,
                original: text.to_owned(),
            });
            let b = breakdown(record);
            if field == Field::Staff {
                b.staff = q;
            } else {
                b.work_hours = q;
            }
        }
    }
    None
}

fn breakdown(r: &mut ProgressRecord) -> &mut CostBreakdown {
    r.cost_breakdown.get_or_insert_with(CostBreakdown::default)
}

/// Status and direction words the profile does not list join the plan's vocabularies with a
/// guessed meaning, each with a diagnostic saying so.
fn finish_vocabularies(ctx: &mut Ctx<'_>, plan: &mut Plan, state: &State) {
    for (label, location) in &state.statuses_seen {
        let meaning = guess_status_meaning(label);
        ctx.diags.push(Diagnostic::warning(
            "unknown-status",
            location.clone(),
            format!("status 「{label}」 is not in the profile's [[status]] list; added to the plan's scale as {meaning:?} (guessed from the word)"),
        ));
        plan.status_scale.levels.push(StatusLevel {
            code: None,
            label: label.clone(),
            meaning,
        });
    }
    for (label, location) in &state.directions_seen {
        let meaning = guess_direction_meaning(label);
        ctx.diags.push(Diagnostic::warning(
            "unknown-direction",
            location.clone(),
            format!("direction 「{label}」 is not in the profile's [[direction]] list; added to the plan's vocabulary as {meaning:?} (guessed from the word)"),
        ));
        plan.direction_vocabulary.terms.push(DirectionTerm {
            label: label.clone(),
            meaning,
        });
    }
}
