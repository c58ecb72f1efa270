//! Exports of the whole store: JSON (nested, lossless, re-importable), CSV and XLSX (one row
//! per measure, division and fiscal year). The columns are documented in `docs/export.md`.

use crate::cells::{fit_xlsx, neutralise};
use serde::Serialize;
use shinchoku_core::audit::format_number;
use shinchoku_core::changes::annotate_ids;
use shinchoku_core::{
    AchievementValue, CostSharing, FiscalYear, GradeOutcome, Polarity, ProgressRecord, RecordKey,
    StoredPlan, Value,
};
use shinchoku_ingest::readers::json::{FORMAT, VERSION};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("CSV: {0}")]
    CsvInner(String),
    #[error("XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// The JSON export: `{"format":"shinchoku-export","version":2,"plans":[…]}`, pretty-printed,
/// with a final newline; every plan and entity object carries its stable `"id"` (and the plan
/// its `"revision"`). Importing it back gives the same plans, with the same ids where the
/// database never gave them to anything else.
pub fn export_json(plans: &[StoredPlan]) -> Result<String, ExportError> {
    let mut out = Vec::with_capacity(plans.len());
    for stored in plans {
        let mut value = serde_json::to_value(&stored.plan)?;
        annotate_ids(&mut value, stored);
        out.push(value);
    }
    let mut top = serde_json::Map::new();
    top.insert("format".into(), FORMAT.into());
    top.insert("version".into(), VERSION.into());
    top.insert("plans".into(), serde_json::Value::Array(out));
    let mut s = serde_json::to_string_pretty(&serde_json::Value::Object(top))?;
    s.push('\n');
    Ok(s)
}

/// One row of the CSV / XLSX export: one (measure, division, fiscal year). A measure without
/// any record still gets one row (with empty year) so that no measure is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordRow {
    pub plan_id: String,
    pub measure_id: String,
    pub record_id: String,
    pub division_id: String,
    pub municipality: String,
    pub plan_title: String,
    pub plan_kind: String,
    pub measure_key: String,
    pub measure_number: String,
    pub measure_name: String,
    pub description: String,
    pub audience: String,
    pub plan_page: String,
    pub group_key: String,
    pub group_label: String,
    pub group_title: String,
    pub relisted_in: String,
    pub department: String,
    pub division_key: String,
    pub division: String,
    pub external: String,
    pub fiscal_year: String,
    pub fiscal_year_ja: String,
    pub plan_text: String,
    pub result_text: String,
    pub evaluation_text: String,
    pub effect_text: String,
    pub status_code: String,
    pub status_label: String,
    pub achievement_type: String,
    pub achievement_value: String,
    pub achievement_original: String,
    pub cost_yen: String,
    pub cost_items: String,
    pub cost_original: String,
    pub outputs: String,
    pub direction: String,
    pub source: String,
    pub project_cost_yen: String,
    pub funding_national_yen: String,
    pub funding_prefectural_yen: String,
    pub funding_local_bond_yen: String,
    pub funding_other_yen: String,
    pub funding_general_yen: String,
    pub personnel_cost_yen: String,
    pub staff: String,
    pub work_hours: String,
    pub full_cost_yen: String,
}

/// The column names, in order (the CSV header).
pub const RECORD_COLUMNS: &[&str] = &[
    "plan_id",
    "measure_id",
    "record_id",
    "division_id",
    "municipality",
    "plan_title",
    "plan_kind",
    "measure_key",
    "measure_number",
    "measure_name",
    "description",
    "audience",
    "plan_page",
    "group_key",
    "group_label",
    "group_title",
    "relisted_in",
    "department",
    "division_key",
    "division",
    "external",
    "fiscal_year",
    "fiscal_year_ja",
    "plan_text",
    "result_text",
    "evaluation_text",
    "effect_text",
    "status_code",
    "status_label",
    "achievement_type",
    "achievement_value",
    "achievement_original",
    "cost_yen",
    "cost_items",
    "cost_original",
    "outputs",
    "direction",
    "source",
    "project_cost_yen",
    "funding_national_yen",
    "funding_prefectural_yen",
    "funding_local_bond_yen",
    "funding_other_yen",
    "funding_general_yen",
    "personnel_cost_yen",
    "staff",
    "work_hours",
    "full_cost_yen",
];

impl RecordRow {
    fn cells(&self) -> [&str; 48] {
        [
            &self.plan_id,
            &self.measure_id,
            &self.record_id,
            &self.division_id,
            &self.municipality,
            &self.plan_title,
            &self.plan_kind,
            &self.measure_key,
            &self.measure_number,
            &self.measure_name,
            &self.description,
            &self.audience,
            &self.plan_page,
            &self.group_key,
            &self.group_label,
            &self.group_title,
            &self.relisted_in,
            &self.department,
            &self.division_key,
            &self.division,
            &self.external,
            &self.fiscal_year,
            &self.fiscal_year_ja,
            &self.plan_text,
            &self.result_text,
            &self.evaluation_text,
            &self.effect_text,
            &self.status_code,
            &self.status_label,
            &self.achievement_type,
            &self.achievement_value,
            &self.achievement_original,
            &self.cost_yen,
            &self.cost_items,
            &self.cost_original,
            &self.outputs,
            &self.direction,
            &self.source,
            &self.project_cost_yen,
            &self.funding_national_yen,
            &self.funding_prefectural_yen,
            &self.funding_local_bond_yen,
            &self.funding_other_yen,
            &self.funding_general_yen,
            &self.personnel_cost_yen,
            &self.staff,
            &self.work_hours,
            &self.full_cost_yen,
        ]
    }
}

/// The 事務事業評価 cost columns of a record (empty when it has no breakdown).
fn breakdown_cells(record: &ProgressRecord, mut row: RecordRow) -> RecordRow {
    let Some(b) = &record.cost_breakdown else {
        return row;
    };
    let yen = |a: Option<&shinchoku_core::Amount>| a.map(|a| a.yen.to_string()).unwrap_or_default();
    let funding = |s| yen(b.funding_of(s));
    use shinchoku_core::FundingSource as F;
    row.project_cost_yen = yen(b.project_cost.as_ref());
    row.funding_national_yen = funding(F::National);
    row.funding_prefectural_yen = funding(F::Prefectural);
    row.funding_local_bond_yen = funding(F::LocalBond);
    row.funding_other_yen = funding(F::Other);
    row.funding_general_yen = funding(F::General);
    row.personnel_cost_yen = yen(b.personnel_cost.as_ref());
    row.staff = b
        .staff
        .as_ref()
        .map(|q| format_number(q.value))
        .unwrap_or_default();
    row.work_hours = b
        .work_hours
        .as_ref()
        .map(|q| format_number(q.value))
        .unwrap_or_default();
    row.full_cost_yen = yen(b.full_cost.as_ref());
    row
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn achievement_cells(record: &ProgressRecord) -> (String, String, String) {
    let Some(a) = &record.achievement else {
        return (String::new(), String::new(), String::new());
    };
    let (kind, value) = match &a.value {
        AchievementValue::Blank => ("blank", String::new()),
        AchievementValue::Percent(p) => ("percent", p.to_string()),
        AchievementValue::Category(c) => ("category", c.clone()),
        AchievementValue::PerDivision(values) => (
            "per_division",
            values
                .iter()
                .map(|v| {
                    let value = match &v.value {
                        AchievementValue::Percent(p) => format!("{p}%"),
                        AchievementValue::Category(c) => c.clone(),
                        _ => String::new(),
                    };
                    format!("{}: {}", v.division_name, value)
                })
                .collect::<Vec<_>>()
                .join(" | "),
        ),
        AchievementValue::Unparsed => ("unparsed", String::new()),
    };
    (kind.to_owned(), value, a.original.clone())
}

/// The rows of the record export, in plan, measure and record order.
pub fn record_rows(plans: &[StoredPlan]) -> Vec<RecordRow> {
    let mut rows = Vec::new();
    for stored in plans {
        let plan = &stored.plan;
        let id = |meta: Option<shinchoku_core::EntityMeta>| {
            meta.map(|m| m.id.to_string()).unwrap_or_default()
        };
        for measure in &plan.measures {
            let listings: Vec<_> = plan
                .listings
                .iter()
                .filter(|l| l.measure == measure.key)
                .collect();
            let primary = listings
                .iter()
                .find(|l| !l.relisted)
                .or_else(|| listings.first());
            let group = primary.and_then(|l| plan.group(&l.group));
            let relisted_in = listings
                .iter()
                .filter(|l| Some(**l) != primary.copied())
                .map(|l| l.group.0.clone())
                .collect::<Vec<_>>()
                .join(" | ");
            let base = RecordRow {
                plan_id: stored.id.to_string(),
                measure_id: id(stored.ids.measure(&measure.key)),
                record_id: String::new(),
                division_id: String::new(),
                municipality: plan.municipality.name.clone(),
                plan_title: plan.title.clone(),
                plan_kind: plan.kind.label_ja().to_owned(),
                measure_key: measure.key.0.clone(),
                measure_number: opt(&measure.number),
                measure_name: measure.name.clone(),
                description: opt(&measure.description),
                audience: opt(&measure.audience),
                plan_page: opt(&measure.plan_page),
                group_key: group.map(|g| g.key.0.clone()).unwrap_or_default(),
                group_label: group.map(|g| g.label.clone()).unwrap_or_default(),
                group_title: group.map(|g| g.title.clone()).unwrap_or_default(),
                relisted_in,
                department: String::new(),
                division_key: String::new(),
                division: String::new(),
                external: String::new(),
                fiscal_year: String::new(),
                fiscal_year_ja: String::new(),
                plan_text: String::new(),
                result_text: String::new(),
                evaluation_text: String::new(),
                effect_text: String::new(),
                status_code: String::new(),
                status_label: String::new(),
                achievement_type: String::new(),
                achievement_value: String::new(),
                achievement_original: String::new(),
                cost_yen: String::new(),
                cost_items: String::new(),
                cost_original: String::new(),
                outputs: String::new(),
                direction: String::new(),
                source: measure.location.to_string(),
                project_cost_yen: String::new(),
                funding_national_yen: String::new(),
                funding_prefectural_yen: String::new(),
                funding_local_bond_yen: String::new(),
                funding_other_yen: String::new(),
                funding_general_yen: String::new(),
                personnel_cost_yen: String::new(),
                staff: String::new(),
                work_hours: String::new(),
                full_cost_yen: String::new(),
            };
            let records: Vec<_> = plan
                .records
                .iter()
                .filter(|r| r.measure == measure.key)
                .collect();
            if records.is_empty() {
                rows.push(base);
                continue;
            }
            for record in records {
                let division = record.division.as_ref().and_then(|k| plan.division(k));
                let department = division
                    .and_then(|d| d.department.as_ref())
                    .and_then(|k| plan.department(k));
                let (achievement_type, achievement_value, achievement_original) =
                    achievement_cells(record);
                let counted: i64 = record
                    .costs
                    .iter()
                    .filter(|c| !matches!(c.sharing, CostSharing::DuplicateOf { .. }))
                    .filter_map(|c| c.amount_yen)
                    .sum();
                let has_amount = record.costs.iter().any(|c| c.amount_yen.is_some());
                rows.push(RecordRow {
                    record_id: id(stored.ids.record(&RecordKey::of(record))),
                    division_id: id(record
                        .division
                        .as_ref()
                        .and_then(|k| stored.ids.division(k))),
                    department: department
                        .map(|d| d.name_in(record.fiscal_year).to_owned())
                        .unwrap_or_default(),
                    division_key: record
                        .division
                        .as_ref()
                        .map(|k| k.0.clone())
                        .unwrap_or_default(),
                    division: division
                        .map(|d| d.name_in(record.fiscal_year).to_owned())
                        .unwrap_or_default(),
                    external: division
                        .map(|d| if d.external { "true" } else { "false" }.to_owned())
                        .unwrap_or_default(),
                    fiscal_year: record.fiscal_year.0.to_string(),
                    fiscal_year_ja: record.fiscal_year.wareki(),
                    plan_text: opt(&record.plan_text),
                    result_text: opt(&record.result_text),
                    evaluation_text: opt(&record.evaluation_text),
                    effect_text: opt(&record.effect_text),
                    status_code: record
                        .status
                        .as_ref()
                        .and_then(|s| s.code.clone())
                        .unwrap_or_default(),
                    status_label: record
                        .status
                        .as_ref()
                        .map(|s| s.label.clone())
                        .unwrap_or_default(),
                    achievement_type,
                    achievement_value,
                    achievement_original,
                    cost_yen: if has_amount {
                        counted.to_string()
                    } else {
                        String::new()
                    },
                    cost_items: record
                        .costs
                        .iter()
                        .map(|c| c.original.clone())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    cost_original: opt(&record.cost_original),
                    outputs: record
                        .outputs
                        .iter()
                        .map(|o| {
                            format!(
                                "{} {}{}",
                                o.label,
                                format_number(o.value),
                                o.unit.as_deref().unwrap_or("")
                            )
                            .trim()
                            .to_owned()
                        })
                        .collect::<Vec<_>>()
                        .join(" | "),
                    direction: record
                        .direction
                        .as_ref()
                        .map(|d| d.label.clone())
                        .unwrap_or_default(),
                    source: record.location.to_string(),
                    ..breakdown_cells(record, base.clone())
                });
            }
        }
    }
    rows
}

/// The CSV export: UTF-8 with BOM and CRLF line ends, so that Excel opens it as is.
pub fn export_csv(plans: &[StoredPlan]) -> Result<Vec<u8>, ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(RECORD_COLUMNS)?;
        for row in record_rows(plans) {
            writer.write_record(row.cells().map(|c| neutralise(c).into_owned()))?;
        }
        writer
            .flush()
            .map_err(|e| ExportError::CsvInner(e.to_string()))?;
    }
    Ok(out)
}

/// Columns of the indicator sheet of the XLSX export.
pub const INDICATOR_COLUMNS: &[&str] = &[
    "plan_id",
    "indicator_id",
    "municipality",
    "plan_title",
    "indicator_key",
    "indicator_name",
    "group_key",
    "unit",
    "polarity",
    "baseline",
    "baseline_year",
    "fiscal_year",
    "fiscal_year_ja",
    "target",
    "actual",
    "reported_grade",
    "computed_grade",
    "source",
    "measure_key",
    "indicator_kind",
];

fn value_cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Blank) => String::new(),
        Some(Value::Number(n)) => format_number(*n),
        Some(Value::Text(t)) => t.clone(),
        Some(Value::NotYetAvailable) => "未公表".to_owned(),
    }
}

/// One row per indicator and fiscal year with a target, actual or grade.
pub fn indicator_rows(plans: &[StoredPlan]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for stored in plans {
        let plan = &stored.plan;
        for indicator in &plan.indicators {
            let mut years: Vec<FiscalYear> = indicator
                .targets
                .iter()
                .chain(&indicator.actuals)
                .filter_map(|o| o.fiscal_year)
                .chain(indicator.reported_grades.iter().map(|g| g.fiscal_year))
                .collect();
            years.sort();
            years.dedup();
            for year in years {
                let computed = plan
                    .rating_scheme
                    .as_ref()
                    .map(|s| s.grade(indicator, year));
                rows.push(vec![
                    stored.id.to_string(),
                    stored
                        .ids
                        .indicator(&indicator.key)
                        .map(|m| m.id.to_string())
                        .unwrap_or_default(),
                    plan.municipality.name.clone(),
                    plan.title.clone(),
                    indicator.key.0.clone(),
                    indicator.name.clone(),
                    indicator
                        .group
                        .as_ref()
                        .map(|g| g.0.clone())
                        .unwrap_or_default(),
                    indicator.unit.clone().unwrap_or_default(),
                    match indicator.polarity {
                        Polarity::HigherIsBetter => "higher_is_better",
                        Polarity::LowerIsBetter => "lower_is_better",
                        Polarity::Unknown => "unknown",
                    }
                    .to_owned(),
                    value_cell(indicator.baseline.as_ref().map(|b| &b.value)),
                    indicator
                        .baseline
                        .as_ref()
                        .and_then(|b| b.fiscal_year)
                        .map(|y| y.0.to_string())
                        .unwrap_or_default(),
                    year.0.to_string(),
                    year.wareki(),
                    value_cell(indicator.target(year).map(|o| &o.value)),
                    value_cell(indicator.actual(year).map(|o| &o.value)),
                    indicator
                        .reported_grade(year)
                        .map(|g| g.grade.0.clone())
                        .unwrap_or_default(),
                    match computed {
                        Some(GradeOutcome::Computed { grade, .. }) => grade.0,
                        _ => String::new(),
                    },
                    indicator.location.to_string(),
                    indicator
                        .measure
                        .as_ref()
                        .map(|m| m.0.clone())
                        .unwrap_or_default(),
                    indicator
                        .kind
                        .map(|k| k.code().to_owned())
                        .unwrap_or_default(),
                ]);
            }
        }
    }
    rows
}

/// The XLSX export: sheet 「進捗記録」 with the record columns, sheet 「成果指標」 with the
/// indicator columns. Header rows are frozen and filtered.
pub fn export_xlsx(plans: &[StoredPlan]) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let records = record_rows(plans);
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name("進捗記録")?;
        for (c, name) in RECORD_COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), *name, &header)?;
        }
        for (r, row) in records.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.cells().iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r, col(c), fit_xlsx(cell))?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        let last_row = u32::try_from(records.len()).unwrap_or(u32::MAX);
        sheet.autofilter(0, 0, last_row, col(RECORD_COLUMNS.len() - 1))?;
    }
    {
        let rows = indicator_rows(plans);
        let sheet = workbook.add_worksheet();
        sheet.set_name("成果指標")?;
        for (c, name) in INDICATOR_COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), *name, &header)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r, col(c), fit_xlsx(cell))?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_match_cells() {
        assert_eq!(RECORD_COLUMNS.len(), 48);
    }

    #[test]
    fn csv_has_bom_and_crlf() {
        let csv = export_csv(&[]).unwrap_or_default();
        assert!(
            csv.starts_with(b"\xEF\xBB\xBFplan_id,measure_id,record_id,division_id,municipality,")
        );
        assert!(csv.ends_with(b"\r\n"));
    }
}
