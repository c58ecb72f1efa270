//! Audit rules: what a careful reader of a report checks.
//!
//! * every indicator's grade is recomputed from its target, actual, polarity and the plan's
//!   rating scheme, and compared with the grade the report states;
//! * values a document states twice (a summary table and a detail block) must agree;
//! * missing fields and values that could not be parsed are flagged;
//! * what cannot be computed (a qualitative target, a zero target of a lower-is-better
//!   indicator, no actual yet) is reported as such — a finding of its own kind, not an error
//!   and never a guessed grade.

use crate::fiscal::FiscalYear;
use crate::model::{
    AchievementValue, Indicator, Location, Observation, Plan, StatusMeaning, Value,
};
use crate::rating::GradeOutcome;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// The grade computed with the plan's scheme differs from the reported grade.
    GradeMismatch,
    /// A grade is reported but cannot be recomputed (qualitative target, zero target …).
    GradeNotComputable,
    /// Target and actual allow a grade, but the report states none.
    GradeMissing,
    /// The same value is stated twice in the document with different contents.
    ConflictingStatements,
    /// A field the layout has is empty where it should not be.
    MissingField,
    /// A value is present but could not be read as a number, percentage or amount.
    UnparsedValue,
    /// A record's status and its achievement contradict each other.
    StatusAchievementMismatch,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::GradeMismatch => "grade-mismatch",
            FindingKind::GradeNotComputable => "grade-not-computable",
            FindingKind::GradeMissing => "grade-missing",
            FindingKind::ConflictingStatements => "conflicting-statements",
            FindingKind::MissingField => "missing-field",
            FindingKind::UnparsedValue => "unparsed-value",
            FindingKind::StatusAchievementMismatch => "status-achievement-mismatch",
        }
    }

    /// The heading used in Japanese reports and pages.
    pub fn label_ja(self) -> &'static str {
        match self {
            FindingKind::GradeMismatch => "評価が評価基準と一致しない",
            FindingKind::GradeNotComputable => "評価を算出できない",
            FindingKind::GradeMissing => "評価の記載がない",
            FindingKind::ConflictingStatements => "同じ値の記載が食い違う",
            FindingKind::MissingField => "記載漏れ",
            FindingKind::UnparsedValue => "読み取れない値",
            FindingKind::StatusAchievementMismatch => "取組状況と達成度の矛盾",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One audit finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The plan's key (municipality/title).
    pub plan: String,
    /// What the finding is about, e.g. 「指標: 地域福祉活動に参加している市民の割合 (令和6年度)」.
    pub item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// One sentence for people.
    pub message: String,
}

/// Runs every rule over a plan. Findings come in a stable order: by rule, then document order.
pub fn audit(plan: &Plan) -> Vec<Finding> {
    let mut findings = Vec::new();
    for indicator in &plan.indicators {
        audit_indicator(plan, indicator, &mut findings);
    }
    audit_records(plan, &mut findings);
    findings
}

fn finding(
    plan: &Plan,
    kind: FindingKind,
    item: String,
    expected: Option<String>,
    reported: Option<String>,
    location: Option<&Location>,
    message: String,
) -> Finding {
    Finding {
        kind,
        plan: plan.key(),
        item,
        expected,
        reported,
        location: location.cloned(),
        message,
    }
}

fn indicator_item(indicator: &Indicator, year: Option<FiscalYear>) -> String {
    match year {
        Some(year) => format!("指標: {} ({})", indicator.name, year.wareki()),
        None => format!("指標: {}", indicator.name),
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Number(n) => format_number(*n),
        Value::Text(t) => t.clone(),
        Value::NotYetAvailable => "未公表".to_owned(),
        Value::Blank => "（空欄）".to_owned(),
    }
}

/// Formats a number without a trailing `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn audit_indicator(plan: &Plan, indicator: &Indicator, out: &mut Vec<Finding>) {
    let years: BTreeSet<FiscalYear> = indicator
        .reported_grades
        .iter()
        .map(|g| g.fiscal_year)
        .chain(indicator.actuals.iter().filter_map(|o| o.fiscal_year))
        .collect();
    for year in years {
        let reported = indicator.reported_grade(year);
        let outcome = plan
            .rating_scheme
            .as_ref()
            .map(|scheme| scheme.grade(indicator, year));
        match (reported, outcome) {
            (
                Some(reported),
                Some(GradeOutcome::Computed {
                    grade,
                    ratio_percent,
                }),
            ) => {
                if grade != reported.grade {
                    let ratio = ratio_percent
                        .map(|r| {
                            format!("（達成率 {}%）", format_number((r * 10.0).round() / 10.0))
                        })
                        .unwrap_or_default();
                    let polarity = if indicator.polarity == crate::model::Polarity::LowerIsBetter {
                        "（少ないほど良い指標として算出）"
                    } else {
                        ""
                    };
                    out.push(finding(
                        plan,
                        FindingKind::GradeMismatch,
                        indicator_item(indicator, Some(year)),
                        Some(grade.0.clone()),
                        Some(reported.grade.0.clone()),
                        Some(&reported.location),
                        format!(
                            "評価基準では{grade}{ratio}{polarity}ですが、報告書の評価は{}です",
                            reported.grade
                        ),
                    ));
                }
            }
            (Some(reported), Some(GradeOutcome::NotComputable { reason })) => {
                out.push(finding(
                    plan,
                    FindingKind::GradeNotComputable,
                    indicator_item(indicator, Some(year)),
                    None,
                    Some(reported.grade.0.clone()),
                    Some(&reported.location),
                    format!("評価を算出できません: {reason}"),
                ));
            }
            (Some(reported), None) => {
                out.push(finding(
                    plan,
                    FindingKind::GradeNotComputable,
                    indicator_item(indicator, Some(year)),
                    None,
                    Some(reported.grade.0.clone()),
                    Some(&reported.location),
                    "計画に評価基準の記載がないため評価を算出できません".to_owned(),
                ));
            }
            (None, Some(GradeOutcome::Computed { grade, .. })) => {
                // Only a finding when the document grades this indicator in some other year,
                // or grades its other indicators: a plan without grades is not at fault.
                let plan_grades = plan
                    .indicators
                    .iter()
                    .any(|i| i.reported_grades.iter().any(|g| g.fiscal_year == year));
                if plan_grades {
                    let location = indicator.actual(year).map(|o| &o.location);
                    out.push(finding(
                        plan,
                        FindingKind::GradeMissing,
                        indicator_item(indicator, Some(year)),
                        Some(grade.0.clone()),
                        None,
                        location,
                        format!(
                            "目標値と実績値から評価{grade}となりますが、評価の記載がありません"
                        ),
                    ));
                }
            }
            (None, _) => {}
        }
    }
    conflicting(plan, indicator, "目標値", &indicator.targets, out);
    conflicting(plan, indicator, "実績値", &indicator.actuals, out);
    let mut seen: Vec<&crate::model::ReportedGrade> = Vec::new();
    for grade in &indicator.reported_grades {
        if let Some(first) = seen.iter().find(|g| g.fiscal_year == grade.fiscal_year) {
            if first.grade != grade.grade {
                out.push(finding(
                    plan,
                    FindingKind::ConflictingStatements,
                    indicator_item(indicator, Some(grade.fiscal_year)),
                    Some(first.grade.0.clone()),
                    Some(grade.grade.0.clone()),
                    Some(&grade.location),
                    format!(
                        "評価が{}では{}、{}では{}と記載されています",
                        first.location, first.grade, grade.location, grade.grade
                    ),
                ));
            }
        } else {
            seen.push(grade);
        }
    }
    for obs in indicator
        .baseline
        .iter()
        .chain(&indicator.targets)
        .chain(&indicator.actuals)
    {
        if let Value::Text(text) = &obs.value
            && looks_numeric(text)
        {
            out.push(finding(
                plan,
                FindingKind::UnparsedValue,
                indicator_item(indicator, obs.fiscal_year),
                None,
                Some(obs.original.clone()),
                Some(&obs.location),
                format!(
                    "数値のように見えるが読み取れない値です: 「{}」",
                    obs.original
                ),
            ));
        }
    }
    if indicator.unit.is_none()
        && indicator
            .targets
            .iter()
            .any(|o| o.value.as_number().is_some())
    {
        out.push(finding(
            plan,
            FindingKind::MissingField,
            indicator_item(indicator, None),
            None,
            None,
            Some(&indicator.location),
            "数値目標のある指標に単位の記載がありません".to_owned(),
        ));
    }
}

fn conflicting(
    plan: &Plan,
    indicator: &Indicator,
    what: &str,
    observations: &[Observation],
    out: &mut Vec<Finding>,
) {
    let mut seen: Vec<&Observation> = Vec::new();
    for obs in observations {
        if let Some(first) = seen.iter().find(|o| o.fiscal_year == obs.fiscal_year) {
            if !same_value(&first.value, &obs.value) {
                out.push(finding(
                    plan,
                    FindingKind::ConflictingStatements,
                    indicator_item(indicator, obs.fiscal_year),
                    Some(value_text(&first.value)),
                    Some(value_text(&obs.value)),
                    Some(&obs.location),
                    format!(
                        "{what}が{}では「{}」、{}では「{}」と記載されています",
                        first.location, first.original, obs.location, obs.original
                    ),
                ));
            }
        } else {
            seen.push(obs);
        }
    }
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (Value::Text(x), Value::Text(y)) => {
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            squash(x) == squash(y)
        }
        _ => a == b,
    }
}

/// Text that contains digits and nothing that makes it a qualitative statement.
fn looks_numeric(text: &str) -> bool {
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    digits > 0 && digits * 2 >= text.chars().filter(|c| !c.is_whitespace()).count()
}

fn audit_records(plan: &Plan, out: &mut Vec<Finding>) {
    // A measure without a division is only missing one when the report names divisions for
    // its other measures (a layout without a division column is not at fault).
    let layout_has_divisions = !plan.assignments.is_empty();
    for measure in &plan.measures {
        if layout_has_divisions && !plan.assignments.iter().any(|a| a.measure == measure.key) {
            out.push(finding(
                plan,
                FindingKind::MissingField,
                format!("事業: {}", measure.name),
                None,
                None,
                Some(&measure.location),
                "担当課の記載がありません".to_owned(),
            ));
        }
    }
    for record in &plan.records {
        let item = || {
            let name = plan
                .measure(&record.measure)
                .map_or(record.measure.as_str(), |m| m.name.as_str());
            format!("事業: {} ({})", name, record.fiscal_year.wareki())
        };
        if let Some(achievement) = &record.achievement {
            if achievement.value == AchievementValue::Unparsed {
                out.push(finding(
                    plan,
                    FindingKind::UnparsedValue,
                    item(),
                    None,
                    Some(achievement.original.clone()),
                    Some(&record.location),
                    format!("達成度「{}」を読み取れません", achievement.original),
                ));
            }
            if let (Some(status), AchievementValue::Percent(p)) =
                (&record.status, &achievement.value)
            {
                let meaning = plan
                    .status_scale
                    .find(status.code.as_deref().unwrap_or(&status.label))
                    .map(|l| l.meaning);
                let contradiction = match meaning {
                    Some(StatusMeaning::Done) => *p == 0,
                    Some(StatusMeaning::NotDone) => *p >= 100,
                    _ => false,
                };
                if contradiction {
                    out.push(finding(
                        plan,
                        FindingKind::StatusAchievementMismatch,
                        item(),
                        None,
                        Some(format!("{} / {}%", status.original, p)),
                        Some(&record.location),
                        format!(
                            "取組状況「{}」と達成度{}%が矛盾しています",
                            status.original, p
                        ),
                    ));
                }
            }
        }
        for cost in &record.costs {
            // 「該当なし」 or a remark is not an amount; digits that did not parse are.
            if cost.amount_yen.is_none()
                && cost
                    .original
                    .chars()
                    .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                out.push(finding(
                    plan,
                    FindingKind::UnparsedValue,
                    item(),
                    None,
                    Some(cost.original.clone()),
                    Some(&record.location),
                    format!("経費「{}」から金額を読み取れません", cost.original),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndicatorKey, PlanKind, ReportedGrade};
    use crate::rating::{Grade, RatingScheme};

    fn obs(year: i32, value: Value, line: u32) -> Observation {
        Observation {
            fiscal_year: Some(FiscalYear(year)),
            original: value_text(&value),
            value,
            location: Location::new("r.txt", line),
        }
    }

    fn plan_with(indicator: Indicator) -> Plan {
        let mut plan = Plan::new("川口市", "計画", PlanKind::CommunityWelfare);
        plan.rating_scheme = Some(RatingScheme::ratio_bands(
            &[
                ("S", 120.0, false),
                ("A", 100.0, true),
                ("B", 80.0, true),
                ("C", 50.0, true),
            ],
            "D",
        ));
        plan.indicators.push(indicator);
        plan
    }

    fn indicator(
        targets: Vec<Observation>,
        actuals: Vec<Observation>,
        grades: &[(&str, u32)],
    ) -> Indicator {
        Indicator {
            key: IndicatorKey::new("1"),
            name: "参加者数".into(),
            group: None,
            unit: Some("人".into()),
            polarity: crate::model::Polarity::HigherIsBetter,
            baseline: None,
            targets,
            actuals,
            reported_grades: grades
                .iter()
                .map(|(g, line)| ReportedGrade {
                    fiscal_year: FiscalYear(2024),
                    grade: Grade::new(*g),
                    location: Location::new("r.txt", *line),
                })
                .collect(),
            activities: vec![],
            location: Location::new("r.txt", 1),
        }
    }

    #[test]
    fn mismatch_and_conflict() {
        let plan = plan_with(indicator(
            vec![
                obs(2024, Value::Number(100.0), 10),
                obs(2024, Value::Number(100.0), 20),
            ],
            vec![
                obs(2024, Value::Number(90.0), 10),
                obs(2024, Value::Number(95.0), 21),
            ],
            &[("A", 10), ("A", 22)],
        ));
        let findings = audit(&plan);
        let kinds: Vec<_> = findings.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            vec![
                FindingKind::GradeMismatch,
                FindingKind::ConflictingStatements
            ]
        );
        assert_eq!(findings[0].expected.as_deref(), Some("B"));
        assert_eq!(findings[0].reported.as_deref(), Some("A"));
        assert_eq!(findings[1].expected.as_deref(), Some("90"));
        assert_eq!(findings[1].reported.as_deref(), Some("95"));
    }

    #[test]
    fn qualitative_target_is_reported_as_not_computable() {
        let plan = plan_with(indicator(
            vec![obs(2024, Value::Text("前年度より増加".into()), 10)],
            vec![obs(2024, Value::Number(95.0), 10)],
            &[("A", 10)],
        ));
        let findings = audit(&plan);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::GradeNotComputable);
    }

    #[test]
    fn consistent_indicator_has_no_findings() {
        let plan = plan_with(indicator(
            vec![obs(2024, Value::Number(100.0), 10)],
            vec![obs(2024, Value::Number(100.0), 10)],
            &[("A", 10)],
        ));
        assert!(audit(&plan).is_empty());
    }
}
