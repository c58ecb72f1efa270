//! A plan's year at a glance: the headline figures a decision-maker reads first (measures
//! reported, done and not done, the achievement distribution, cost and its change, grades
//! S → D), the same figures of the year before, and the 「要注意」 list — what needs a look
//! (low grades, 未実施, falling achievement, reports missing or overdue, audit findings).
//!
//! A plan shows what it has: every figure is `None` or empty when the plan states nothing of
//! the kind for the year, so that a view never draws an empty bar for data the plan does not
//! have.

use crate::audit::{Finding, Subject};
use crate::cycle::{CycleState, Date, ReviewState};
use crate::fiscal::FiscalYear;
use crate::model::{
    AchievementValue, DivisionKey, GroupKey, IndicatorKey, MeasureKey, Plan, ProgressRecord,
    StatusMeaning,
};
use crate::rating::{Grade, GradeOutcome};
use crate::totals::cost_total_by_year;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The headline figures of one fiscal year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// Distinct measures in force in the year (not retired before it).
    pub measures: usize,
    /// Progress records of the year (one per measure and division, or one per measure).
    pub records: usize,
    /// Distinct measures with at least one record that reports something (a status, an
    /// achievement, a result, an output, a cost, a direction or a grade).
    pub measures_reported: usize,
    /// Records per status level, in the plan's scale order; `None` when no record of the year
    /// states a status.
    pub statuses: Option<Vec<StatusCount>>,
    /// Achievements of the year; `None` when no record states one.
    pub achievement: Option<AchievementFigures>,
    /// Total cost in yen (shared totals once, duplicates not at all); `None` without costs.
    pub cost_yen: Option<i64>,
    /// Records per direction term, in the plan's vocabulary order; empty without directions.
    pub directions: Vec<(String, usize)>,
    /// Grades the records give their measures (self-assessed), S → D.
    pub measure_grades: Vec<(Grade, usize)>,
    /// Indicator grades of the year (the reported grade, else the one the plan's scheme
    /// computes), S → D.
    pub indicator_grades: Vec<(Grade, usize)>,
    /// Goal-level grades (ratings of 基本目標 / 施策), S → D.
    pub goal_grades: Vec<(Grade, usize)>,
}

/// One status level and how many records of the year have it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCount {
    pub label: String,
    pub meaning: StatusMeaning,
    pub count: usize,
}

/// The achievements of a year: percentages in bands, and the categories the plan writes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AchievementFigures {
    /// Percentages stated (a per-division cell counts each division).
    pub percents: usize,
    /// The median percentage, when any is stated.
    pub median_percent: Option<i32>,
    /// Counts per band, best first: 100 %以上, 80–99 %, 50–79 %, 50 %未満.
    pub bands: [usize; 4],
    /// Categories (「実施」「未実施」…) with counts, in the plan's first-use order.
    pub categories: Vec<(String, usize)>,
}

/// The band of an achievement in % (an index into [`PERCENT_BANDS`]).
pub fn percent_band(p: i32) -> usize {
    match p {
        p if p >= 100 => 0,
        80..=99 => 1,
        50..=79 => 2,
        _ => 3,
    }
}

/// The labels of [`AchievementFigures::bands`], best first.
pub const PERCENT_BANDS: [&str; 4] = ["100%以上", "80〜99%", "50〜79%", "50%未満"];

/// What an item of the watch list is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchSubject {
    Record {
        measure: MeasureKey,
        division: Option<DivisionKey>,
    },
    Measure {
        key: MeasureKey,
    },
    Indicator {
        key: IndicatorKey,
    },
    Group {
        key: GroupKey,
    },
}

/// Why an item is on the watch list; the order of the variants is the order of the list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum WatchReason {
    /// The collection deadline has passed and the record is not submitted.
    Overdue { due: Date },
    /// A grade at C or below (goal, indicator or the measure's own).
    LowGrade { grade: Grade },
    /// The status means 未実施.
    NotDone { label: String },
    /// The achievement fell from the year before (percent points).
    AchievementFell { from: i32, to: i32 },
    /// The measure reported the year before and reports nothing this year.
    NotReported,
}

impl WatchReason {
    /// The heading of the reason's part of the list.
    pub fn heading_ja(&self) -> &'static str {
        match self {
            WatchReason::Overdue { .. } => "提出期限を過ぎて未提出",
            WatchReason::LowGrade { .. } => "評価がC以下",
            WatchReason::NotDone { .. } => "未実施",
            WatchReason::AchievementFell { .. } => "達成度が前年度より低下",
            WatchReason::NotReported => "前年度は報告があり今年度は報告なし",
        }
    }

    /// A short key for grouping (the variant).
    pub fn kind(&self) -> u8 {
        match self {
            WatchReason::Overdue { .. } => 0,
            WatchReason::LowGrade { .. } => 1,
            WatchReason::NotDone { .. } => 2,
            WatchReason::AchievementFell { .. } => 3,
            WatchReason::NotReported => 4,
        }
    }
}

/// One item of the 「要注意」 list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchItem {
    pub reason: WatchReason,
    pub subject: WatchSubject,
}

/// A plan's year at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct Glance {
    pub year: FiscalYear,
    pub figures: Figures,
    /// The latest earlier year with records, and its figures.
    pub previous: Option<(FiscalYear, Figures)>,
    /// In [`WatchReason`] order, then document order of the measures / indicators / groups.
    pub watch: Vec<WatchItem>,
    /// Audit findings about the year (its records and indicator values) or about no year in
    /// particular (the plan, a measure, a group, a document).
    pub findings: usize,
}

/// The rank of a grade on the usual S–E scale (S = 0 … E = 5), read from its first letter
/// after NFKC-like folding of full-width letters (「Ｂ」「B*」 are B); `None` for other labels.
pub fn grade_rank(grade: &Grade) -> Option<u8> {
    let first = grade.as_str().trim().chars().next()?;
    let folded = match first {
        'Ｓ' => 'S',
        'Ａ' => 'A',
        'Ｂ' => 'B',
        'Ｃ' => 'C',
        'Ｄ' => 'D',
        'Ｅ' => 'E',
        c => c.to_ascii_uppercase(),
    };
    match folded {
        'S' => Some(0),
        'A' => Some(1),
        'B' => Some(2),
        'C' => Some(3),
        'D' => Some(4),
        'E' => Some(5),
        _ => None,
    }
}

/// Whether a grade is C or below.
pub fn is_low_grade(grade: &Grade) -> bool {
    grade_rank(grade).is_some_and(|r| r >= 3)
}

/// Grades with counts, ordered S → D, then other labels in label order.
fn grade_counts(grades: impl Iterator<Item = Grade>) -> Vec<(Grade, usize)> {
    let mut counts: BTreeMap<(u8, Grade), usize> = BTreeMap::new();
    for g in grades {
        *counts
            .entry((grade_rank(&g).unwrap_or(u8::MAX), g))
            .or_insert(0) += 1;
    }
    counts.into_iter().map(|((_, g), n)| (g, n)).collect()
}

/// What a record's status means on the plan's scale (looked up by code, else by label).
pub fn status_meaning(plan: &Plan, record: &ProgressRecord) -> Option<StatusMeaning> {
    let status = record.status.as_ref()?;
    plan.status_scale
        .find(status.code.as_deref().unwrap_or(&status.label))
        .or_else(|| plan.status_scale.find(&status.label))
        .map(|l| l.meaning)
}

/// Whether a record reports anything beyond its plan text.
pub fn reports_something(r: &ProgressRecord) -> bool {
    r.status.is_some()
        || r.achievement
            .as_ref()
            .is_some_and(|a| !matches!(a.value, AchievementValue::Blank))
        || r.result_text
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty())
        || r.evaluation_text
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty())
        || r.effect_text
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty())
        || !r.outputs.is_empty()
        || r.costs.iter().any(|c| c.amount_yen.is_some())
        || r.direction.is_some()
        || r.grade.is_some()
}

/// The percentages a record states (one per division for a per-division cell).
pub fn percents(r: &ProgressRecord) -> Vec<i32> {
    match r.achievement.as_ref().map(|a| &a.value) {
        Some(AchievementValue::Percent(p)) => vec![*p],
        Some(AchievementValue::PerDivision(parts)) => parts
            .iter()
            .filter_map(|p| match p.value {
                AchievementValue::Percent(n) => Some(n),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn categories(r: &ProgressRecord) -> Vec<&str> {
    match r.achievement.as_ref().map(|a| &a.value) {
        Some(AchievementValue::Category(c)) => vec![c.as_str()],
        Some(AchievementValue::PerDivision(parts)) => parts
            .iter()
            .filter_map(|p| match &p.value {
                AchievementValue::Category(c) => Some(c.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The grade of an indicator for a year: the reported one, else the computed one.
pub fn indicator_grade(
    plan: &Plan,
    indicator: &crate::model::Indicator,
    year: FiscalYear,
) -> Option<Grade> {
    if let Some(g) = indicator.reported_grade(year) {
        return Some(g.grade.clone());
    }
    match plan.rating_scheme.as_ref()?.grade(indicator, year) {
        GradeOutcome::Computed { grade, .. } => Some(grade),
        GradeOutcome::NotComputable { .. } => None,
    }
}

fn retired(plan: &Plan, key: &MeasureKey, year: FiscalYear) -> bool {
    plan.retirements
        .iter()
        .any(|r| &r.measure == key && r.from <= year)
}

/// The headline figures of `year`.
pub fn figures(plan: &Plan, year: FiscalYear) -> Figures {
    let records: Vec<&ProgressRecord> = plan
        .records
        .iter()
        .filter(|r| r.fiscal_year == year)
        .collect();
    let measures: BTreeSet<&MeasureKey> = plan
        .measures
        .iter()
        .map(|m| &m.key)
        .filter(|k| !retired(plan, k, year))
        .collect();
    let reported: BTreeSet<&MeasureKey> = records
        .iter()
        .filter(|r| reports_something(r))
        .map(|r| &r.measure)
        .collect();

    let statuses = records.iter().any(|r| r.status.is_some()).then(|| {
        let mut out: Vec<StatusCount> = plan
            .status_scale
            .levels
            .iter()
            .map(|l| StatusCount {
                label: l.label.clone(),
                meaning: l.meaning,
                count: 0,
            })
            .collect();
        for r in &records {
            let Some(s) = &r.status else { continue };
            match out.iter_mut().find(|c| c.label == s.label) {
                Some(c) => c.count += 1,
                None => out.push(StatusCount {
                    label: s.label.clone(),
                    meaning: status_meaning(plan, r).unwrap_or(StatusMeaning::Other),
                    count: 1,
                }),
            }
        }
        out
    });

    let achievement = {
        let mut all: Vec<i32> = Vec::new();
        let mut cats: Vec<(String, usize)> = Vec::new();
        for r in &records {
            all.extend(percents(r));
            for c in categories(r) {
                match cats.iter_mut().find(|(l, _)| l == c) {
                    Some((_, n)) => *n += 1,
                    None => cats.push((c.to_owned(), 1)),
                }
            }
        }
        (!all.is_empty() || !cats.is_empty()).then(|| {
            let mut bands = [0usize; 4];
            for p in &all {
                let band = percent_band(*p);
                bands[band] += 1;
            }
            all.sort_unstable();
            // The lower median of an even count: a stated value, never an invented one.
            let median_percent = all.get(all.len().saturating_sub(1) / 2).copied();
            AchievementFigures {
                percents: all.len(),
                median_percent,
                bands,
                categories: cats,
            }
        })
    };

    let mut directions: Vec<(String, usize)> = plan
        .direction_vocabulary
        .terms
        .iter()
        .map(|t| (t.label.clone(), 0))
        .collect();
    for r in &records {
        let Some(d) = &r.direction else { continue };
        match directions.iter_mut().find(|(l, _)| *l == d.label) {
            Some((_, n)) => *n += 1,
            None => directions.push((d.label.clone(), 1)),
        }
    }
    if directions.iter().all(|(_, n)| *n == 0) {
        directions.clear();
    }

    Figures {
        measures: measures.len(),
        records: records.len(),
        measures_reported: reported.len(),
        statuses,
        achievement,
        cost_yen: cost_total_by_year(plan).get(&year).copied(),
        directions,
        measure_grades: grade_counts(records.iter().filter_map(|r| r.grade.clone())),
        indicator_grades: grade_counts(
            plan.indicators
                .iter()
                .filter_map(|i| indicator_grade(plan, i, year)),
        ),
        goal_grades: grade_counts(
            plan.ratings
                .iter()
                .filter(|r| r.fiscal_year == year)
                .map(|r| r.grade.clone()),
        ),
    }
}

/// Whether a finding concerns `year`: a record or indicator value of that year, or something
/// that has no year (the plan, a measure, a group, a document).
pub fn finding_concerns(finding: &Finding, year: FiscalYear) -> bool {
    match &finding.subject {
        Subject::Record { fiscal_year, .. } => *fiscal_year == year,
        Subject::Indicator { fiscal_year, .. } => fiscal_year.is_none_or(|y| y == year),
        Subject::Measure { .. } | Subject::Group { .. } | Subject::Document { .. } => true,
        Subject::Plan => true,
    }
}

/// The plan's year at a glance. `today` decides what is overdue (a cycle of the year open past
/// its due date); `None` lists nothing as overdue (the public view has no cycles).
pub fn glance(plan: &Plan, year: FiscalYear, findings: &[Finding], today: Option<Date>) -> Glance {
    let previous_year = plan
        .records
        .iter()
        .map(|r| r.fiscal_year)
        .filter(|y| *y < year)
        .max();
    let mut watch: Vec<WatchItem> = Vec::new();

    // Overdue: the year's cycle is open and past due, and the record is not submitted.
    if let (Some(today), Some(cycle)) = (today, plan.cycle(year))
        && cycle.state == CycleState::Open
        && cycle.due < today
    {
        for r in plan.records.iter().filter(|r| r.fiscal_year == year) {
            let state = crate::cycle::review_state(r);
            if r.review.is_some()
                && matches!(
                    state,
                    ReviewState::NotStarted | ReviewState::Draft | ReviewState::SentBack
                )
            {
                watch.push(WatchItem {
                    reason: WatchReason::Overdue { due: cycle.due },
                    subject: WatchSubject::Record {
                        measure: r.measure.clone(),
                        division: r.division.clone(),
                    },
                });
            }
        }
    }

    // Low grades: goals, then indicators, then measures, in document order.
    for r in plan.ratings.iter().filter(|r| r.fiscal_year == year) {
        if is_low_grade(&r.grade) {
            watch.push(WatchItem {
                reason: WatchReason::LowGrade {
                    grade: r.grade.clone(),
                },
                subject: WatchSubject::Group {
                    key: r.group.clone(),
                },
            });
        }
    }
    for i in &plan.indicators {
        if let Some(g) = indicator_grade(plan, i, year)
            && is_low_grade(&g)
        {
            watch.push(WatchItem {
                reason: WatchReason::LowGrade { grade: g },
                subject: WatchSubject::Indicator { key: i.key.clone() },
            });
        }
    }
    let this_year: Vec<&ProgressRecord> = plan
        .records
        .iter()
        .filter(|r| r.fiscal_year == year)
        .collect();
    for r in &this_year {
        if let Some(g) = &r.grade
            && is_low_grade(g)
        {
            watch.push(WatchItem {
                reason: WatchReason::LowGrade { grade: g.clone() },
                subject: record_subject(r),
            });
        }
    }

    // 未実施.
    for r in &this_year {
        if status_meaning(plan, r) == Some(StatusMeaning::NotDone)
            && let Some(s) = &r.status
        {
            watch.push(WatchItem {
                reason: WatchReason::NotDone {
                    label: s.label.clone(),
                },
                subject: record_subject(r),
            });
        }
    }

    // Falling achievement, and reports that stopped.
    if let Some(prev) = previous_year {
        let before: HashMap<(&MeasureKey, Option<&DivisionKey>), &ProgressRecord> = plan
            .records
            .iter()
            .filter(|r| r.fiscal_year == prev)
            .map(|r| ((&r.measure, r.division.as_ref()), r))
            .collect();
        for r in &this_year {
            let Some(old) = before.get(&(&r.measure, r.division.as_ref())) else {
                continue;
            };
            if let (&[from], &[to]) = (percents(old).as_slice(), percents(r).as_slice())
                && to < from
            {
                watch.push(WatchItem {
                    reason: WatchReason::AchievementFell { from, to },
                    subject: record_subject(r),
                });
            }
        }
        let reported_now: BTreeSet<&MeasureKey> = this_year
            .iter()
            .filter(|r| reports_something(r))
            .map(|r| &r.measure)
            .collect();
        // Only when the year has reports at all: a year that holds only plans is not a year
        // in which every measure stopped reporting.
        if !reported_now.is_empty() {
            let mut seen: BTreeSet<&MeasureKey> = BTreeSet::new();
            for m in &plan.measures {
                let reported_before = plan
                    .records
                    .iter()
                    .any(|r| r.fiscal_year == prev && r.measure == m.key && reports_something(r));
                if reported_before
                    && !reported_now.contains(&m.key)
                    && !retired(plan, &m.key, year)
                    && seen.insert(&m.key)
                {
                    watch.push(WatchItem {
                        reason: WatchReason::NotReported,
                        subject: WatchSubject::Measure { key: m.key.clone() },
                    });
                }
            }
        }
    }
    // Stable: within a reason, the document order above is kept.
    watch.sort_by_key(|w| w.reason.kind());

    Glance {
        year,
        figures: figures(plan, year),
        previous: previous_year.map(|y| (y, figures(plan, y))),
        watch,
        findings: findings
            .iter()
            .filter(|f| finding_concerns(f, year))
            .count(),
    }
}

fn record_subject(r: &ProgressRecord) -> WatchSubject {
    WatchSubject::Record {
        measure: r.measure.clone(),
        division: r.division.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cycle::{Cycle, Review};
    use crate::model::{
        Achievement, CostItem, CostSharing, Direction, DirectionMeaning, DirectionTerm,
        DirectionVocabulary, Location, Measure, PlanKind, Rating, StatusScale,
    };

    fn loc() -> Location {
        Location::default()
    }

    fn measure(key: &str) -> Measure {
        Measure {
            key: MeasureKey::new(key),
            number: None,
            name: format!("事業{key}"),
            description: None,
            audience: None,
            plan_page: None,
            location: loc(),
        }
    }

    fn record(key: &str, year: i32) -> ProgressRecord {
        ProgressRecord::new(MeasureKey::new(key), None, FiscalYear(year), loc())
    }

    fn with_status(mut r: ProgressRecord, code: &str, label: &str) -> ProgressRecord {
        r.status = Some(crate::model::Status {
            code: Some(code.into()),
            label: label.into(),
            original: format!("{code} {label}"),
        });
        r
    }

    fn with_percent(mut r: ProgressRecord, p: i32) -> ProgressRecord {
        r.achievement = Some(Achievement {
            value: AchievementValue::Percent(p),
            original: format!("{p}%"),
        });
        r
    }

    fn with_cost(mut r: ProgressRecord, yen: i64) -> ProgressRecord {
        r.costs.push(CostItem {
            label: None,
            amount_yen: Some(yen),
            note: None,
            sharing: CostSharing::Own,
            original: format!("{yen}円"),
        });
        r
    }

    fn plan() -> Plan {
        let mut p = Plan::new("架空市", "架空市自殺対策計画", PlanKind::SuicidePrevention);
        p.status_scale = StatusScale::a_to_o();
        p.direction_vocabulary = DirectionVocabulary {
            terms: vec![
                DirectionTerm {
                    label: "継続".into(),
                    meaning: DirectionMeaning::Continue,
                },
                DirectionTerm {
                    label: "拡充".into(),
                    meaning: DirectionMeaning::Expand,
                },
            ],
        };
        p.measures = ["1", "2", "3", "4"].into_iter().map(measure).collect();
        p.fiscal_years = vec![FiscalYear(2023), FiscalYear(2024)];
        p.records = vec![
            with_cost(
                with_percent(with_status(record("1", 2023), "ア", "実施済"), 100),
                1_000,
            ),
            with_cost(
                with_percent(with_status(record("2", 2023), "ア", "実施済"), 90),
                500,
            ),
            with_status(record("3", 2023), "イ", "一部実施"),
            with_cost(
                with_percent(with_status(record("1", 2024), "ア", "実施済"), 100),
                1_200,
            ),
            with_cost(
                with_percent(with_status(record("2", 2024), "イ", "一部実施"), 60),
                400,
            ),
            with_status(record("3", 2024), "エ", "未実施"),
            // Measure 4 reports nothing in either year (a plan text only).
            {
                let mut r = record("4", 2024);
                r.plan_text = Some("検討する".into());
                r
            },
        ];
        p.records[3].direction = Some(Direction {
            label: "拡充".into(),
            original: "拡充".into(),
        });
        p.records[3].grade = Some(Grade::new("A"));
        p.records[4].grade = Some(Grade::new("Ｃ"));
        p
    }

    #[test]
    fn figures_of_a_year_count_exactly_what_the_records_state() {
        let p = plan();
        let f = figures(&p, FiscalYear(2024));
        assert_eq!(f.measures, 4);
        assert_eq!(f.records, 4);
        assert_eq!(f.measures_reported, 3);
        let statuses: Vec<(&str, usize)> = f
            .statuses
            .as_ref()
            .map(|s| s.iter().map(|c| (c.label.as_str(), c.count)).collect())
            .unwrap_or_default();
        assert_eq!(
            statuses,
            vec![
                ("実施済", 1),
                ("一部実施", 1),
                ("準備中", 0),
                ("未実施", 1),
                ("その他", 0)
            ]
        );
        let a = f
            .achievement
            .as_ref()
            .map(|a| (a.percents, a.median_percent, a.bands));
        assert_eq!(a, Some((2, Some(60), [1, 0, 1, 0])));
        assert_eq!(f.cost_yen, Some(1_600));
        assert_eq!(f.directions, vec![("継続".into(), 0), ("拡充".into(), 1)]);
        assert_eq!(
            f.measure_grades,
            vec![(Grade::new("A"), 1), (Grade::new("Ｃ"), 1)]
        );
        assert!(f.indicator_grades.is_empty());
        assert!(f.goal_grades.is_empty());
    }

    #[test]
    fn a_plan_without_statuses_or_costs_has_no_such_figures() {
        let mut p = plan();
        for r in &mut p.records {
            r.status = None;
            r.costs.clear();
            r.achievement = None;
            r.direction = None;
        }
        let f = figures(&p, FiscalYear(2024));
        assert_eq!(f.statuses, None);
        assert_eq!(f.cost_yen, None);
        assert_eq!(f.achievement, None);
        assert!(f.directions.is_empty());
    }

    #[test]
    fn the_watch_list_names_low_grades_not_done_falling_achievement_and_silence() {
        let mut p = plan();
        p.ratings.push(Rating {
            group: GroupKey::new("g1"),
            fiscal_year: FiscalYear(2024),
            grade: Grade::new("D"),
            reason: None,
            location: loc(),
        });
        // Measure 3 reported in 2023; in 2024 its record is 未実施 (still a report). Add a
        // measure that reported in 2023 and is silent in 2024.
        p.measures.push(measure("5"));
        p.records
            .push(with_status(record("5", 2023), "ア", "実施済"));
        let g = glance(&p, FiscalYear(2024), &[], None);
        let items: Vec<(u8, String)> = g
            .watch
            .iter()
            .map(|w| {
                let what = match &w.subject {
                    WatchSubject::Record { measure, .. } => format!("record {measure}"),
                    WatchSubject::Measure { key } => format!("measure {key}"),
                    WatchSubject::Indicator { key } => format!("indicator {key}"),
                    WatchSubject::Group { key } => format!("group {key}"),
                };
                (w.reason.kind(), what)
            })
            .collect();
        assert_eq!(
            items,
            vec![
                (1, "group g1".to_owned()),
                (1, "record 2".to_owned()),
                (2, "record 3".to_owned()),
                (3, "record 2".to_owned()),
                (4, "measure 5".to_owned()),
            ]
        );
        assert_eq!(
            g.watch[3].reason,
            WatchReason::AchievementFell { from: 90, to: 60 }
        );
        assert_eq!(
            g.previous.as_ref().map(|(y, f)| (*y, f.cost_yen)),
            Some((FiscalYear(2023), Some(1_500)))
        );
    }

    #[test]
    fn overdue_records_are_listed_only_when_a_today_is_given_and_the_due_date_passed() {
        let mut p = plan();
        p.cycles.push(Cycle {
            fiscal_year: FiscalYear(2024),
            due: Date::new(2025, 5, 31).unwrap_or_else(|| unreachable!()),
            state: CycleState::Open,
        });
        p.records[6].review = Some(Review::default());
        let overdue = |today| {
            glance(&p, FiscalYear(2024), &[], today)
                .watch
                .iter()
                .filter(|w| matches!(w.reason, WatchReason::Overdue { .. }))
                .count()
        };
        assert_eq!(overdue(None), 0);
        assert_eq!(overdue(Date::new(2025, 5, 31)), 0);
        assert_eq!(overdue(Date::new(2025, 6, 1)), 1);
    }

    #[test]
    fn grades_rank_s_to_e_with_full_width_letters_and_marks() {
        let ranks: Vec<Option<u8>> = ["S", "A", "Ｂ", "B*", "c", "D", "E", "−", ""]
            .into_iter()
            .map(|g| grade_rank(&Grade::new(g)))
            .collect();
        assert_eq!(
            ranks,
            vec![
                Some(0),
                Some(1),
                Some(2),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                None,
                None
            ]
        );
        assert_eq!(
            grade_counts(["D", "S", "−", "B", "S"].into_iter().map(Grade::new)),
            vec![
                (Grade::new("S"), 2),
                (Grade::new("B"), 1),
                (Grade::new("D"), 1),
                (Grade::new("−"), 1)
            ]
        );
    }
}
