//! Grades and rating schemes (評価基準). Schemes are data chosen per plan, never code paths
//! keyed on a city.

use crate::fiscal::FiscalYear;
use crate::model::{Indicator, Polarity, Value};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A grade label of a scheme (「S」「A」…「D」, 「B*」, 「−」).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Grade(pub String);

impl Grade {
    pub fn new(label: impl Into<String>) -> Self {
        Grade(label.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One band of a ratio scheme: the grade applies when the achievement ratio (percent) is above
/// `min_percent` (or equal to it when `inclusive`). Bands are tried in order, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatioBand {
    pub grade: Grade,
    pub min_percent: f64,
    pub inclusive: bool,
}

/// One level of a self-assessed scale, with optional points for averaging.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessedLevel {
    pub grade: Grade,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
}

/// How grades are derived from targets and actuals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum RatingScheme {
    /// 実績 ÷ 目標 (inverted for lower-is-better indicators) against bands.
    RatioBands {
        bands: Vec<RatioBand>,
        /// The grade when no band matches.
        below: Grade,
        /// The scheme's text as the document states it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stated: Option<String>,
    },
    /// Against the baseline: beyond target, better, unchanged within a tolerance, worse.
    AgainstBaseline {
        reached: Grade,
        improved: Grade,
        unchanged: Grade,
        worse: Grade,
        not_evaluable: Grade,
        /// Relative change (percent of the baseline) treated as unchanged.
        tolerance_percent: f64,
    },
    /// On track / behind but improved or flat / worse than the initial value; changes under
    /// `tolerance_points` count as flat (survey indicators).
    Trend {
        on_track: Grade,
        behind: Grade,
        worse: Grade,
        tolerance_points: f64,
    },
    /// Grades chosen by the divisions themselves; nothing to compute.
    SelfAssessed { levels: Vec<SelfAssessedLevel> },
}

/// The outcome of grading one indicator for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum GradeOutcome {
    Computed {
        grade: Grade,
        /// The achievement ratio in percent, where the scheme uses one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ratio_percent: Option<f64>,
    },
    /// The grade cannot be derived; the reason says why (qualitative target, no actual yet,
    /// a zero target for a lower-is-better indicator, a self-assessed scheme …).
    NotComputable { reason: String },
}

impl RatingScheme {
    /// The scheme stated in the 2024 Kawaguchi report: S >120 %, A 100–120 %, B 80–100 %,
    /// C 50–80 %, D below, with the upper edge of each band inclusive.
    pub fn ratio_bands(bands: &[(&str, f64, bool)], below: &str) -> Self {
        RatingScheme::RatioBands {
            bands: bands
                .iter()
                .map(|(g, min, inclusive)| RatioBand {
                    grade: Grade::new(*g),
                    min_percent: *min,
                    inclusive: *inclusive,
                })
                .collect(),
            below: Grade::new(below),
            stated: None,
        }
    }

    /// Grades `indicator` for `year` from its authoritative target and actual.
    pub fn grade(&self, indicator: &Indicator, year: FiscalYear) -> GradeOutcome {
        let not = |reason: &str| GradeOutcome::NotComputable {
            reason: reason.to_owned(),
        };
        let target = indicator.target(year).map(|o| &o.value);
        let actual = indicator.actual(year).map(|o| &o.value);
        match self {
            RatingScheme::SelfAssessed { .. } => not("自己評価の評価基準のため算出対象外"),
            RatingScheme::RatioBands { bands, below, .. } => {
                let (target, actual) = match numeric_pair(target, actual) {
                    Ok(pair) => pair,
                    Err(reason) => return not(reason),
                };
                let ratio = match indicator.polarity {
                    Polarity::HigherIsBetter if target == 0.0 => {
                        return not("目標値が0のため達成率を算出できない");
                    }
                    Polarity::HigherIsBetter => actual / target * 100.0,
                    Polarity::LowerIsBetter if actual == 0.0 && target == 0.0 => 100.0,
                    Polarity::LowerIsBetter if target == 0.0 => {
                        return not("目標値が0（少ないほど良い指標）のため達成率を算出できない");
                    }
                    Polarity::LowerIsBetter if actual == 0.0 => {
                        return not("実績値が0（少ないほど良い指標）のため達成率を算出できない");
                    }
                    Polarity::LowerIsBetter => target / actual * 100.0,
                    Polarity::Unknown => return not("指標の向き（高いほど良いか）が不明"),
                };
                // Round to 1e-9 so that 96/80 = 120.00000000000001 reads as 120 %.
                let ratio = (ratio * 1e9).round() / 1e9;
                let grade = bands
                    .iter()
                    .find(|b| {
                        if b.inclusive {
                            ratio >= b.min_percent
                        } else {
                            ratio > b.min_percent
                        }
                    })
                    .map_or_else(|| below.clone(), |b| b.grade.clone());
                GradeOutcome::Computed {
                    grade,
                    ratio_percent: Some(ratio),
                }
            }
            RatingScheme::AgainstBaseline {
                reached,
                improved,
                unchanged,
                worse,
                not_evaluable,
                tolerance_percent,
            } => {
                let (target, actual) = match numeric_pair(target, actual) {
                    Ok(pair) => pair,
                    Err(_) => {
                        return GradeOutcome::Computed {
                            grade: not_evaluable.clone(),
                            ratio_percent: None,
                        };
                    }
                };
                let Some(base) = indicator
                    .baseline
                    .as_ref()
                    .and_then(|b| b.value.as_number())
                else {
                    return not("現状値が数値でない");
                };
                let sign = match indicator.polarity {
                    Polarity::HigherIsBetter => 1.0,
                    Polarity::LowerIsBetter => -1.0,
                    Polarity::Unknown => return not("指標の向き（高いほど良いか）が不明"),
                };
                let grade = if sign * (actual - target) >= 0.0 {
                    reached
                } else if base != 0.0
                    && ((actual - base) / base).abs() * 100.0 <= *tolerance_percent
                {
                    unchanged
                } else if sign * (actual - base) > 0.0 {
                    improved
                } else if sign * (actual - base) == 0.0 {
                    unchanged
                } else {
                    worse
                };
                GradeOutcome::Computed {
                    grade: grade.clone(),
                    ratio_percent: None,
                }
            }
            RatingScheme::Trend {
                on_track,
                behind,
                worse,
                tolerance_points,
            } => {
                let (target, actual) = match numeric_pair(target, actual) {
                    Ok(pair) => pair,
                    Err(reason) => return not(reason),
                };
                let Some(base) = indicator
                    .baseline
                    .as_ref()
                    .and_then(|b| b.value.as_number())
                else {
                    return not("現状値が数値でない");
                };
                let sign = match indicator.polarity {
                    Polarity::HigherIsBetter => 1.0,
                    Polarity::LowerIsBetter => -1.0,
                    Polarity::Unknown => return not("指標の向き（高いほど良いか）が不明"),
                };
                let grade = if sign * (actual - target) >= 0.0 {
                    on_track
                } else if sign * (actual - base) >= -tolerance_points {
                    behind
                } else {
                    worse
                };
                GradeOutcome::Computed {
                    grade: grade.clone(),
                    ratio_percent: None,
                }
            }
        }
    }
}

fn numeric_pair(
    target: Option<&Value>,
    actual: Option<&Value>,
) -> Result<(f64, f64), &'static str> {
    let target = match target {
        None | Some(Value::Blank) => return Err("目標値がない"),
        Some(Value::Text(_)) => return Err("目標値が定性的（数値でない）"),
        Some(Value::NotYetAvailable) => return Err("目標値が未設定"),
        Some(Value::Number(n)) => *n,
    };
    let actual = match actual {
        None | Some(Value::Blank) => return Err("実績値がない"),
        Some(Value::NotYetAvailable) => return Err("実績値が未公表"),
        Some(Value::Text(_)) => return Err("実績値が定性的（数値でない）"),
        Some(Value::Number(n)) => *n,
    };
    Ok((target, actual))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndicatorKey, Location, Observation};

    fn kawaguchi() -> RatingScheme {
        RatingScheme::ratio_bands(
            &[
                ("S", 120.0, false),
                ("A", 100.0, true),
                ("B", 80.0, true),
                ("C", 50.0, true),
            ],
            "D",
        )
    }

    fn indicator(target: Value, actual: Value, polarity: Polarity) -> Indicator {
        let obs = |value| Observation {
            fiscal_year: Some(FiscalYear(2024)),
            value,
            original: String::new(),
            location: Location::default(),
        };
        Indicator {
            key: IndicatorKey::new("i"),
            name: "i".into(),
            group: None,
            measure: None,
            kind: None,
            unit: None,
            polarity,
            baseline: None,
            targets: vec![obs(target)],
            actuals: vec![obs(actual)],
            reported_grades: vec![],
            activities: vec![],
            location: Location::default(),
        }
    }

    fn grade_of(t: f64, a: f64, p: Polarity) -> String {
        match kawaguchi().grade(
            &indicator(Value::Number(t), Value::Number(a), p),
            FiscalYear(2024),
        ) {
            GradeOutcome::Computed { grade, .. } => grade.0,
            GradeOutcome::NotComputable { reason } => format!("n/a: {reason}"),
        }
    }

    #[test]
    fn ratio_band_edges() {
        use Polarity::*;
        assert_eq!(grade_of(100.0, 121.0, HigherIsBetter), "S");
        assert_eq!(grade_of(100.0, 120.0, HigherIsBetter), "A");
        assert_eq!(grade_of(80.0, 96.0, HigherIsBetter), "A");
        assert_eq!(grade_of(100.0, 100.0, HigherIsBetter), "A");
        assert_eq!(grade_of(100.0, 99.9, HigherIsBetter), "B");
        assert_eq!(grade_of(100.0, 80.0, HigherIsBetter), "B");
        assert_eq!(grade_of(100.0, 50.0, HigherIsBetter), "C");
        assert_eq!(grade_of(100.0, 49.0, HigherIsBetter), "D");
        // Lower is better: 10 waiting children against a target of 20 is 200 %.
        assert_eq!(grade_of(20.0, 10.0, LowerIsBetter), "S");
        assert_eq!(grade_of(20.0, 40.0, LowerIsBetter), "C");
        assert!(grade_of(0.0, 3.0, LowerIsBetter).starts_with("n/a"));
        assert_eq!(grade_of(0.0, 0.0, LowerIsBetter), "A");
        assert!(grade_of(1.0, 1.0, Unknown).starts_with("n/a"));
    }

    #[test]
    fn qualitative_target_is_not_computable() {
        let i = indicator(
            Value::Text("前年度より増加".into()),
            Value::Number(3.0),
            Polarity::HigherIsBetter,
        );
        assert!(matches!(
            kawaguchi().grade(&i, FiscalYear(2024)),
            GradeOutcome::NotComputable { .. }
        ));
        assert!(matches!(
            kawaguchi().grade(&i, FiscalYear(2025)),
            GradeOutcome::NotComputable { .. }
        ));
    }
}
