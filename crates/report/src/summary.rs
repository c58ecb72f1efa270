//! `shinchoku summary`: per plan, the counts that a reader of the document can verify.

use serde::{Deserialize, Serialize};
use shinchoku_core::totals::cost_total_by_year;
use shinchoku_core::{FiscalYear, Plan};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The summary of every plan in a store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub plans: Vec<PlanSummary>,
}

/// Counts for one plan. Maps are keyed by the fiscal year (Western, as a string) or the
/// vocabulary label, in sorted order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub municipality: String,
    pub title: String,
    pub fiscal_years: Vec<i32>,
    pub groups: usize,
    pub measures: usize,
    pub listings: usize,
    /// (measure, division) assignments.
    pub assignments: usize,
    pub records_by_year: BTreeMap<String, usize>,
    /// Records per status label of the plan's scale.
    pub status_counts: BTreeMap<String, usize>,
    /// Records per direction label.
    pub direction_counts: BTreeMap<String, usize>,
    pub indicators: usize,
    /// Reported grades: one per indicator and year (the first statement), and the grades
    /// reports give measures themselves (評価 per 取組).
    pub grade_counts: BTreeMap<String, usize>,
    /// Goal-level ratings (基本目標の評価) per grade.
    pub rating_counts: BTreeMap<String, usize>,
    /// Yen per fiscal year; shared costs counted once, duplicates not at all.
    pub cost_total_by_year: BTreeMap<String, i64>,
}

impl PlanSummary {
    pub fn of(plan: &Plan) -> Self {
        let mut records_by_year = BTreeMap::new();
        let mut status_counts = BTreeMap::new();
        let mut direction_counts = BTreeMap::new();
        for record in &plan.records {
            *records_by_year
                .entry(record.fiscal_year.0.to_string())
                .or_insert(0) += 1;
            if let Some(status) = &record.status {
                *status_counts.entry(status.label.clone()).or_insert(0) += 1;
            }
            if let Some(direction) = &record.direction {
                *direction_counts.entry(direction.label.clone()).or_insert(0) += 1;
            }
        }
        let mut grade_counts = BTreeMap::new();
        for indicator in &plan.indicators {
            let mut years: Vec<FiscalYear> = Vec::new();
            for grade in &indicator.reported_grades {
                if !years.contains(&grade.fiscal_year) {
                    years.push(grade.fiscal_year);
                    *grade_counts.entry(grade.grade.0.clone()).or_insert(0) += 1;
                }
            }
        }
        for record in &plan.records {
            if let Some(grade) = &record.grade {
                *grade_counts.entry(grade.0.clone()).or_insert(0) += 1;
            }
        }
        let mut rating_counts = BTreeMap::new();
        for rating in &plan.ratings {
            *rating_counts.entry(rating.grade.0.clone()).or_insert(0) += 1;
        }
        PlanSummary {
            municipality: plan.municipality.name.clone(),
            title: plan.title.clone(),
            fiscal_years: plan.fiscal_years.iter().map(|y| y.0).collect(),
            groups: plan.groups.len(),
            measures: plan.measures.len(),
            listings: plan.listings.len(),
            assignments: plan.assignments.len(),
            records_by_year,
            status_counts,
            direction_counts,
            indicators: plan.indicators.len(),
            grade_counts,
            rating_counts,
            cost_total_by_year: cost_total_by_year(plan)
                .into_iter()
                .map(|(y, total)| (y.0.to_string(), total))
                .collect(),
        }
    }
}

impl Summary {
    pub fn of(plans: &[Plan]) -> Self {
        Summary {
            plans: plans.iter().map(PlanSummary::of).collect(),
        }
    }
}

fn counts(map: &BTreeMap<String, usize>) -> String {
    if map.is_empty() {
        return "—".to_owned();
    }
    map.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join("、")
}

fn year_label(year: &str) -> String {
    year.parse::<i32>()
        .map_or_else(|_| year.to_owned(), |y| FiscalYear(y).display_ja())
}

/// Yen with thousands separators: 1234567 → 「1,234,567円」.
pub fn format_yen(yen: i64) -> String {
    let digits = yen.unsigned_abs().to_string();
    let mut out = String::new();
    if yen < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out.push('円');
    out
}

/// The human-readable form of `shinchoku summary`.
pub fn render_summary_text(summary: &Summary) -> String {
    let mut out = String::new();
    if summary.plans.is_empty() {
        out.push_str("計画がありません（shinchoku import で報告書を取り込んでください）\n");
    }
    for p in &summary.plans {
        let years = p
            .fiscal_years
            .iter()
            .map(|y| FiscalYear(*y).display_ja())
            .collect::<Vec<_>>()
            .join("、");
        let _ = writeln!(out, "{} {}", p.municipality, p.title);
        let _ = writeln!(
            out,
            "  年度: {}",
            if years.is_empty() {
                "—".into()
            } else {
                years
            }
        );
        let _ = writeln!(
            out,
            "  施策等 {} / 事業 {} / 掲載 {} / 担当割当 {} / 指標 {}",
            p.groups, p.measures, p.listings, p.assignments, p.indicators
        );
        for (year, n) in &p.records_by_year {
            let _ = writeln!(out, "  進捗記録 {}: {}", year_label(year), n);
        }
        let _ = writeln!(out, "  取組状況: {}", counts(&p.status_counts));
        let _ = writeln!(out, "  方向性: {}", counts(&p.direction_counts));
        let _ = writeln!(out, "  評価: {}", counts(&p.grade_counts));
        if !p.rating_counts.is_empty() {
            let _ = writeln!(out, "  基本目標の評価: {}", counts(&p.rating_counts));
        }
        for (year, total) in &p.cost_total_by_year {
            let _ = writeln!(
                out,
                "  経費合計 {}: {}",
                year_label(year),
                format_yen(*total)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_format() {
        assert_eq!(format_yen(0), "0円");
        assert_eq!(format_yen(1_234_567), "1,234,567円");
        assert_eq!(format_yen(-1000), "-1,000円");
    }
}
