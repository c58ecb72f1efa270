//! The 事務事業評価 of a measure on its public page: the cost breakdown per fiscal year
//! (事業費 by funding source, 人件費, 正規職員数, 延べ業務時間, トータルコスト) and the
//! measure's own indicators (活動指標 / 対象指標 / 成果指標) with their yearly values. Rendered
//! by the partial `measure_evaluation.html`; empty (nothing shown) for plans without them.

use shinchoku_core::{
    Amount, CostBreakdown, FiscalYear, FundingSource, Indicator, MeasureKey, Plan, ProgressRecord,
    Value,
};
use shinchoku_report::summary::format_yen;

/// One row of a table: its header cell and one cell per column.
pub struct Row {
    pub label: String,
    pub cells: Vec<String>,
}

/// One indicator as a table: rows 目標 / 実績 per year.
pub struct IndicatorTable {
    pub caption: String,
    pub baseline: String,
    pub years: Vec<String>,
    pub rows: Vec<Row>,
}

/// What the partial shows.
#[derive(Default)]
pub struct EvaluationView {
    /// Column headings of the cost table (a year, with the division when several report).
    pub cost_columns: Vec<String>,
    pub cost_rows: Vec<Row>,
    pub indicators: Vec<IndicatorTable>,
}

fn amount(a: Option<&Amount>) -> String {
    a.map_or_else(String::new, |a| format_yen(a.yen))
}

fn number(n: f64) -> String {
    shinchoku_core::audit::format_number(n)
}

fn value(v: &Value) -> String {
    match v {
        Value::Number(n) => number(*n),
        Value::Text(t) => t.clone(),
        Value::NotYetAvailable => "未公表".to_owned(),
        Value::Blank => String::new(),
    }
}

/// The view of a measure's 事務事業評価 (`records`: the measure's published records).
pub fn evaluation_view(
    plan: &Plan,
    measure: &MeasureKey,
    records: &[&ProgressRecord],
) -> EvaluationView {
    let mut with_costs: Vec<(&ProgressRecord, &CostBreakdown)> = records
        .iter()
        .filter_map(|r| r.cost_breakdown.as_ref().map(|b| (*r, b)))
        .collect();
    with_costs
        .sort_by(|a, b| (a.0.fiscal_year, &a.0.division).cmp(&(b.0.fiscal_year, &b.0.division)));
    let several_divisions = with_costs
        .iter()
        .any(|(r, _)| r.division != with_costs.first().and_then(|(f, _)| f.division.clone()));
    let cost_columns = with_costs
        .iter()
        .map(|(r, _)| {
            let year = r.fiscal_year.display_ja();
            match (
                several_divisions,
                r.division.as_ref().and_then(|k| plan.division(k)),
            ) {
                (true, Some(d)) => format!("{year}（{}）", d.name_in(r.fiscal_year)),
                _ => year,
            }
        })
        .collect();
    type Cell = fn(&CostBreakdown) -> String;
    let lines: [(&str, Cell); 10] = [
        ("事業費（円）", |b| amount(b.project_cost.as_ref())),
        ("うち国庫支出金", |b| {
            amount(b.funding_of(FundingSource::National))
        }),
        ("うち都道府県支出金", |b| {
            amount(b.funding_of(FundingSource::Prefectural))
        }),
        ("うち地方債", |b| {
            amount(b.funding_of(FundingSource::LocalBond))
        }),
        ("うちその他", |b| {
            amount(b.funding_of(FundingSource::Other))
        }),
        ("うち一般財源", |b| {
            amount(b.funding_of(FundingSource::General))
        }),
        ("人件費（円）", |b| amount(b.personnel_cost.as_ref())),
        ("正規職員数（人）", |b| {
            b.staff
                .as_ref()
                .map_or_else(String::new, |q| number(q.value))
        }),
        ("延べ業務時間（時間）", |b| {
            b.work_hours
                .as_ref()
                .map_or_else(String::new, |q| number(q.value))
        }),
        ("トータルコスト（円）", |b| {
            amount(b.full_cost.as_ref())
        }),
    ];
    let cost_rows = lines
        .iter()
        .map(|(label, f)| Row {
            label: (*label).to_owned(),
            cells: with_costs.iter().map(|(_, b)| f(b)).collect(),
        })
        .filter(|row| row.cells.iter().any(|c| !c.is_empty()))
        .collect();
    let indicators = plan
        .indicators
        .iter()
        .filter(|i| i.measure.as_ref() == Some(measure))
        .map(indicator_table)
        .collect();
    EvaluationView {
        cost_columns,
        cost_rows,
        indicators,
    }
}

fn indicator_table(i: &Indicator) -> IndicatorTable {
    let mut years: Vec<FiscalYear> = i
        .targets
        .iter()
        .chain(&i.actuals)
        .filter_map(|o| o.fiscal_year)
        .collect();
    years.sort();
    years.dedup();
    let kind = i.kind.map_or("指標", |k| k.label_ja());
    let unit = i
        .unit
        .as_deref()
        .map_or_else(String::new, |u| format!("（{u}）"));
    let row = |label: &str, get: &dyn Fn(FiscalYear) -> String| Row {
        label: label.to_owned(),
        cells: years.iter().map(|y| get(*y)).collect(),
    };
    let rows = vec![
        row("目標", &|y| {
            i.target(y).map_or_else(String::new, |o| value(&o.value))
        }),
        row("実績", &|y| {
            i.actual(y).map_or_else(String::new, |o| value(&o.value))
        }),
    ]
    .into_iter()
    .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
    .collect();
    IndicatorTable {
        caption: format!("{kind}: {}{unit}", i.name),
        baseline: i
            .baseline
            .as_ref()
            .map_or_else(String::new, |o| value(&o.value)),
        years: years.iter().map(|y| y.display_ja()).collect(),
        rows,
    }
}
