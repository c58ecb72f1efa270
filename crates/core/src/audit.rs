//! Audit rules: what a careful reader of a report checks.
//!
//! * every indicator's grade is recomputed from its target, actual, polarity and the plan's
//!   rating scheme, and compared with the grade the report states;
//! * values a document states twice (a summary table and a detail block) must agree;
//! * missing fields and values that could not be parsed are flagged;
//! * what cannot be computed (a qualitative target, a zero target of a lower-is-better
//!   indicator, no actual yet) is reported as such — a finding of its own kind, not an error
//!   and never a guessed grade;
//! * a record's status and achievement must agree with each other ([`Thresholds`]) and with
//!   its own result and evaluation text (a record at 100 % whose text says the measure was
//!   cancelled);
//! * the dates a document states about itself must fit together: a report with the actuals
//!   of a whole period cannot be dated on or before the period's last day, and its cover
//!   date should be its 発行日.

use crate::fiscal::{Era, FiscalYear};
use crate::model::{
    AchievementValue, DivisionKey, GroupKey, Indicator, IndicatorKey, Location, MeasureKey,
    Observation, Plan, ProgressRecord, SourceDocument, Status, StatusMeaning, Value,
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
    /// A record's status or achievement says the measure was done, its own text says it was
    /// not (cancelled, postponed, could not be held).
    StatusTextMismatch,
    /// The dates a document states about itself contradict each other or the period reported.
    DateMismatch,
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
            FindingKind::StatusTextMismatch => "status-text-mismatch",
            FindingKind::DateMismatch => "date-mismatch",
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
            FindingKind::StatusTextMismatch => "取組状況・達成度と実施状況の記述の矛盾",
            FindingKind::DateMismatch => "報告書の日付の矛盾",
        }
    }

    /// What [`Finding::expected`] and [`Finding::reported`] hold for this kind, as column
    /// headings: a computed grade against the reported one, two statements of one value, …
    pub fn value_labels_ja(self) -> (&'static str, &'static str) {
        match self {
            FindingKind::GradeMismatch
            | FindingKind::GradeNotComputable
            | FindingKind::GradeMissing => ("評価基準による評価", "報告書の評価"),
            FindingKind::ConflictingStatements => ("先の記載", "後の記載"),
            FindingKind::MissingField => ("—", "—"),
            FindingKind::UnparsedValue => ("読み取った値", "記載"),
            FindingKind::StatusAchievementMismatch => ("—", "取組状況 / 達成度"),
            FindingKind::StatusTextMismatch => ("—", "取組状況・達成度の記載"),
            FindingKind::DateMismatch => ("基準となる日付", "記載された日付"),
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finding is about, as data (the page it leads to is derived from this, never from
/// the display text in [`Finding::item`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Subject {
    /// An indicator, in one fiscal year or as a whole (`fiscal_year` null).
    Indicator {
        key: IndicatorKey,
        fiscal_year: Option<FiscalYear>,
    },
    /// A progress record: (measure, division, fiscal year).
    Record {
        measure: MeasureKey,
        division: Option<DivisionKey>,
        fiscal_year: FiscalYear,
    },
    /// A measure as a whole.
    Measure { key: MeasureKey },
    /// A group of the plan's hierarchy.
    Group { key: GroupKey },
    /// A source document (its file name as imported).
    Document { file: String },
    /// The plan as a whole.
    #[default]
    Plan,
}

/// One audit finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The plan's key (municipality/title).
    pub plan: String,
    /// What the finding is about (set by every rule).
    #[serde(default)]
    pub subject: Subject,
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

/// The numbers the record rules compare with, kept together as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// A done status (実施済) with an achievement at or below this percentage contradicts
    /// itself.
    pub done_status_at_most_percent: i32,
    /// A not-done status (未実施) with an achievement at or above this percentage contradicts
    /// itself.
    pub not_done_status_at_least_percent: i32,
    /// An achievement at or above this percentage says the measure was carried out in full.
    pub complete_percent: i32,
}

impl Thresholds {
    /// 実施済 ≤ 50 %, 未実施 ≥ 50 %, complete at 100 %.
    pub const DEFAULT: Thresholds = Thresholds {
        done_status_at_most_percent: 50,
        not_done_status_at_least_percent: 50,
        complete_percent: 100,
    };
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds::DEFAULT
    }
}

/// Runs every rule over a plan with the default [`Thresholds`]. Findings come in a stable
/// order: by rule, then document order.
pub fn audit(plan: &Plan) -> Vec<Finding> {
    audit_with(plan, &Thresholds::DEFAULT)
}

/// [`audit`] with other thresholds.
pub fn audit_with(plan: &Plan, thresholds: &Thresholds) -> Vec<Finding> {
    let mut findings = Vec::new();
    for indicator in &plan.indicators {
        audit_indicator(plan, indicator, &mut findings);
    }
    audit_records(plan, thresholds, &mut findings);
    for source in &plan.sources {
        audit_dates(plan, source, &mut findings);
    }
    findings
}

fn finding(
    plan: &Plan,
    kind: FindingKind,
    (subject, item): (Subject, String),
    expected: Option<String>,
    reported: Option<String>,
    location: Option<&Location>,
    message: String,
) -> Finding {
    Finding {
        kind,
        plan: plan.key(),
        subject,
        item,
        expected,
        reported,
        location: location.cloned(),
        message,
    }
}

/// The subject and display text of a finding about an indicator (in a year).
fn indicator_item(indicator: &Indicator, year: Option<FiscalYear>) -> (Subject, String) {
    let subject = Subject::Indicator {
        key: indicator.key.clone(),
        fiscal_year: year,
    };
    let text = match year {
        Some(year) => format!("指標: {} ({})", indicator.name, year.wareki()),
        None => format!("指標: {}", indicator.name),
    };
    (subject, text)
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

fn audit_records(plan: &Plan, thresholds: &Thresholds, out: &mut Vec<Finding>) {
    // A measure without a division is only missing one when the report names divisions for
    // its other measures (a layout without a division column is not at fault).
    let layout_has_divisions = !plan.assignments.is_empty();
    let assigned: std::collections::HashSet<&MeasureKey> =
        plan.assignments.iter().map(|a| &a.measure).collect();
    for measure in &plan.measures {
        if layout_has_divisions && !assigned.contains(&measure.key) {
            out.push(finding(
                plan,
                FindingKind::MissingField,
                (
                    Subject::Measure {
                        key: measure.key.clone(),
                    },
                    format!("事業: {}", measure.name),
                ),
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
            let subject = Subject::Record {
                measure: record.measure.clone(),
                division: record.division.clone(),
                fiscal_year: record.fiscal_year,
            };
            (
                subject,
                format!("事業: {} ({})", name, record.fiscal_year.wareki()),
            )
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
                let contradiction = match status_meaning(plan, status) {
                    Some(StatusMeaning::Done) => *p <= thresholds.done_status_at_most_percent,
                    Some(StatusMeaning::NotDone) => {
                        *p >= thresholds.not_done_status_at_least_percent
                    }
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
        if let Some((claim, statement)) = status_text_contradiction(plan, record, thresholds) {
            out.push(finding(
                plan,
                FindingKind::StatusTextMismatch,
                item(),
                None,
                Some(claim.clone()),
                Some(&record.location),
                format!("{claim}と記載されていますが、記述には「{statement}」とあります"),
            ));
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

/// Words of a record's text that say the measure (or part of it) did not take place.
const NOT_DONE: &[&str] = &[
    "できなかった",
    "できませんでした",
    "できず",
    "実施しなかった",
    "開催しなかった",
    "行わなかった",
    "実施していない",
    "開催していない",
    "実施せず",
    "開催せず",
    "未実施",
    "中止",
    "延期",
    "見送",
    "休止",
];

/// Words of cancelling (「中止」…) and what, following one, turns it into a statement that
/// nothing was cancelled or that is not about this record's year: 「中止することなく」
/// 「休止せず」「中止しなかった」「中止する自治体もある中」「休止中の」.
const CANCEL_WORDS: &[&str] = &["中止", "延期", "見送", "休止"];
const NEGATING_AFTER_CANCEL: &[&str] = &["する", "せず", "しない", "しなかった", "中"];

/// What makes a not-done statement about a part of the measure: 「3月分については中止」
/// 「中止もあった」「全てを実施することはできなかった」「ロールプレイは実施せず、講話のみ」.
const PART_MARKERS: &[&str] = &[
    "については",
    "一部",
    "うち",
    "もあった",
    "もあり",
    "全て",
    "すべて",
    "以外",
    "のみ",
    "だけ",
    "ものの",
    "回中止",
];

/// Statements that something was carried out.
const DONE_MARKERS: &[&str] = &[
    "実施した",
    "開催した",
    "配布した",
    "配付した",
    "行った",
    "できた",
    "継続した",
    "作成した",
    "掲載した",
    "送付した",
    "実施。",
    "開催。",
    "配布。",
];

/// Words that put a sentence in another fiscal year than the record's.
const OTHER_YEAR_WORDS: &[&str] = &["昨年度", "前年度", "前年", "翌年度", "来年度", "次年度"];

/// Whether a sentence names a fiscal year other than `year` (「令和２年度は未実施だったが」 in a
/// record of 令和3年度, 「昨年度」): it is about that year, not the record's.
fn names_other_year(key: &str, year: FiscalYear) -> bool {
    if OTHER_YEAR_WORDS.iter().any(|w| key.contains(w)) {
        return true;
    }
    let chars: Vec<char> = key.chars().collect();
    let mut i = 0;
    while i + 1 < chars.len() {
        let era = match (chars[i], chars[i + 1]) {
            ('令', '和') => Some(Era::Reiwa),
            ('平', '成') => Some(Era::Heisei),
            _ => None,
        };
        i += 1;
        let Some(era) = era else { continue };
        let mut j = i + 1;
        let mut n: Option<i32> = None;
        while let Some(&c) = chars.get(j) {
            let digit = match c {
                '元' => Some(1),
                '0'..='9' => c.to_digit(10),
                '０'..='９' => Some(c as u32 - '０' as u32),
                _ => None,
            };
            let Some(d) = digit else { break };
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as i32));
            j += 1;
        }
        let is_fiscal = chars.get(j) == Some(&'年') && chars.get(j + 1) == Some(&'度');
        if let Some(n) = n
            && is_fiscal
            && FiscalYear::from_era(era, n) != Some(year)
        {
            return true;
        }
    }
    false
}

/// Whether a sentence says something was carried out: a done word (「実施した」「行った」), or
/// a sentence that ends in the past tense (「…個別郵送した。」) and is neither a not-done
/// statement nor a plan (「予定」).
fn states_done(s: &Sentence) -> bool {
    if DONE_MARKERS.iter().any(|m| s.key.contains(m)) {
        return true;
    }
    let body = s.key.trim_end_matches('。');
    body.ends_with('た') && !states_not_done(&s.key) && !s.key.contains("予定")
}

/// A sentence of a record's text, as written (line breaks of the layout removed), and the
/// form its words are matched in (no white space, no 「quoted」 text).
struct Sentence {
    text: String,
    key: String,
}

fn sentences(text: &str) -> Vec<Sentence> {
    let joined: String = text.lines().map(str::trim).collect();
    joined
        .split_inclusive('。')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let mut key = String::new();
            let mut depth = 0usize;
            for c in s.chars() {
                match c {
                    '「' | '『' => depth += 1,
                    '」' | '』' => depth = depth.saturating_sub(1),
                    c if depth == 0 && !c.is_whitespace() => key.push(c),
                    _ => {}
                }
            }
            Sentence {
                text: s.trim().to_owned(),
                key,
            }
        })
        .collect()
}

/// What a record's status means on the plan's scale (looked up by code, else by label).
fn status_meaning(plan: &Plan, status: &Status) -> Option<StatusMeaning> {
    plan.status_scale
        .find(status.code.as_deref().unwrap_or(&status.label))
        .map(|l| l.meaning)
}

/// Whether `key` states that something did not take place (negations such as
/// 「中止することなく」 excluded).
fn states_not_done(key: &str) -> bool {
    NOT_DONE.iter().any(|word| {
        key.match_indices(word).any(|(i, _)| {
            let after = key.get(i + word.len()..).unwrap_or("");
            !(CANCEL_WORDS.contains(word)
                && NEGATING_AFTER_CANCEL.iter().any(|n| after.starts_with(n)))
        })
    })
}

/// The record's claim that the measure was done, as written, and whether it claims all of
/// it (an achievement of [`Thresholds::complete_percent`] or more) or only that it took
/// place (a 実施 / 実施済 status or category without a percentage).
fn done_claim(
    plan: &Plan,
    record: &ProgressRecord,
    thresholds: &Thresholds,
) -> Option<(String, bool)> {
    let status_text = record
        .status
        .as_ref()
        .filter(|s| status_meaning(plan, s) == Some(StatusMeaning::Done))
        .map(|s| format!("取組状況「{}」", s.original.trim()));
    let Some(a) = &record.achievement else {
        return status_text.map(|s| (s, false));
    };
    match &a.value {
        AchievementValue::Percent(p) => (*p >= thresholds.complete_percent).then(|| {
            let a = format!("達成度{p}%");
            match status_text {
                Some(s) => (format!("{s}・{a}"), true),
                None => (a, true),
            }
        }),
        AchievementValue::Category(c) => {
            (plan.status_scale.find(c).map(|l| l.meaning) == Some(StatusMeaning::Done)).then(|| {
                (
                    status_text.unwrap_or_else(|| format!("達成度「{}」", a.original.trim())),
                    false,
                )
            })
        }
        AchievementValue::PerDivision(_) | AchievementValue::Unparsed => None,
        AchievementValue::Blank => status_text.map(|s| (s, false)),
    }
}

/// A record that claims to be done while its own result or evaluation text says it was
/// not: the claim as written and the sentence that contradicts it.
///
/// * A claim of the whole (100 %) is contradicted by any sentence saying something did not
///   take place, unless the sentence limits that to a part (「3月分については中止」
///   「中止もあった」「講話のみ」).
/// * A claim that the measure took place (実施, without a percentage) is contradicted only
///   when the text says it did not and says nothing was carried out: 「円卓会議の実施は
///   できなかった。…情報交換会を実施した。」 is a measure carried out in another form.
fn status_text_contradiction(
    plan: &Plan,
    record: &ProgressRecord,
    thresholds: &Thresholds,
) -> Option<(String, String)> {
    let (claim, whole) = done_claim(plan, record, thresholds)?;
    let texts = [&record.result_text, &record.evaluation_text];
    let all: Vec<Sentence> = texts
        .iter()
        .filter_map(|t| t.as_deref())
        .flat_map(sentences)
        .collect();
    let contradicting = all.iter().find(|s| {
        states_not_done(&s.key)
            && !PART_MARKERS.iter().any(|m| s.key.contains(m))
            && !names_other_year(&s.key, record.fiscal_year)
    })?;
    if !whole && all.iter().any(states_done) {
        return None;
    }
    Some((claim, contradicting.text.clone()))
}

/// Whether the plan states actuals of a fiscal year (indicator actuals or records).
fn has_actuals(plan: &Plan, year: FiscalYear) -> bool {
    plan.indicators.iter().any(|i| {
        i.actuals.iter().any(|o| {
            o.fiscal_year == Some(year) && matches!(o.value, Value::Number(_) | Value::Text(_))
        })
    }) || plan
        .records
        .iter()
        .any(|r| r.fiscal_year == year && (r.result_text.is_some() || r.achievement.is_some()))
}

fn audit_dates(plan: &Plan, source: &SourceDocument, out: &mut Vec<Finding>) {
    let item = || {
        let subject = Subject::Document {
            file: source.file.clone(),
        };
        (subject, format!("資料: {}", source.title))
    };
    let Some(cover) = &source.cover_date else {
        return;
    };
    if let Some(period) = &source.reporting_period {
        let year = period.end.fiscal_year();
        // Certainly not after the period: the cover's last possible day is within it.
        if cover.date.latest() <= period.end.latest() && has_actuals(plan, year) {
            out.push(finding(
                plan,
                FindingKind::DateMismatch,
                item(),
                Some(format!("{}より後", period.end.wareki())),
                Some(cover.date.wareki()),
                Some(&period.location),
                format!(
                    "表紙の日付（{}）が報告対象期間の終わり（{}）以前ですが、報告書は{}の実績を記載しています",
                    cover.date.wareki(),
                    period.end.wareki(),
                    year.wareki()
                ),
            ));
        }
    }
    if let Some(issued) = &source.issue_date {
        let same = match (cover.date.day, issued.date.day) {
            (Some(_), Some(_)) => cover.date == issued.date,
            _ => (cover.date.year, cover.date.month) == (issued.date.year, issued.date.month),
        };
        if !same {
            out.push(finding(
                plan,
                FindingKind::DateMismatch,
                item(),
                Some(cover.date.wareki()),
                Some(issued.date.wareki()),
                Some(&issued.location),
                format!(
                    "表紙の日付（{}）と発行日（{}）が一致しません（表紙: {}）",
                    cover.date.wareki(),
                    issued.date.wareki(),
                    cover.location
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fiscal::DocDate;
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
            measure: None,
            kind: None,
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
        // Every finding of an indicator names it (and the year) as its subject.
        for f in &findings {
            assert_eq!(
                f.subject,
                Subject::Indicator {
                    key: IndicatorKey::new("1"),
                    fiscal_year: Some(FiscalYear(2024)),
                }
            );
        }
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

    // ---- status, achievement and text --------------------------------------------------

    use crate::model::{
        Achievement, MeasureKey, ProgressRecord, ReportingPeriod, StatedDate, Status, StatusLevel,
        StatusScale,
    };

    fn record(
        year: i32,
        status: Option<&str>,
        achievement: AchievementValue,
        text: &str,
    ) -> ProgressRecord {
        let mut r = ProgressRecord::new(
            MeasureKey::new("22"),
            None,
            FiscalYear(year),
            Location::new("r.txt", 615),
        );
        r.status = status.map(|s| Status {
            code: None,
            label: s.to_owned(),
            original: s.to_owned(),
        });
        r.achievement = Some(Achievement {
            original: match &achievement {
                AchievementValue::Percent(p) => format!("{p}%"),
                AchievementValue::Category(c) => c.clone(),
                _ => String::new(),
            },
            value: achievement,
        });
        r.result_text = Some(text.to_owned());
        r
    }

    fn records_plan(records: Vec<ProgressRecord>) -> Plan {
        let mut plan = Plan::new("熊谷市", "計画", PlanKind::SuicidePrevention);
        plan.status_scale = StatusScale::a_to_o();
        plan.status_scale.levels.push(StatusLevel {
            code: None,
            label: "実施".into(),
            meaning: StatusMeaning::Done,
        });
        plan.records = records;
        plan
    }

    fn kinds_of(plan: &Plan) -> Vec<FindingKind> {
        audit(plan).iter().map(|f| f.kind).collect()
    }

    #[test]
    fn complete_achievement_with_a_cancelled_measure_is_a_mismatch() {
        let plan = records_plan(vec![record(
            2020,
            None,
            AchievementValue::Percent(100),
            "コロナ禍のため、セミナー自体を実施でき\nなかった。",
        )]);
        let findings = audit(&plan);
        assert!(findings.iter().all(|f| matches!(
            &f.subject,
            Subject::Record { fiscal_year, .. } if *fiscal_year == FiscalYear(2020)
        )));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::StatusTextMismatch);
        assert_eq!(findings[0].reported.as_deref(), Some("達成度100%"));
        assert_eq!(
            findings[0].message,
            "達成度100%と記載されていますが、記述には「コロナ禍のため、セミナー自体を実施できなかった。」とあります"
        );
        assert_eq!(findings[0].location, Some(Location::new("r.txt", 615)));
    }

    #[test]
    fn negated_and_partial_cancellations_are_not_mismatches() {
        for text in [
            // Negations: nothing was cancelled.
            "DV相談は緊急事態宣言中も休止することなく、相談受け入れ態勢を継続した。",
            "相談を中止する自治体もある中、当センターの相談を休止することはしなかった。",
            "講座は延期せず、予定どおり開催した。",
            "中止しなかった。",
            "「相談できなかった。」というのを回避した。",
            // A part cancelled, the rest done.
            "年2回実施(8月・3月)を予定していたが、3月分については中止。",
            "人身事故による街頭キャンペーンの中止もあったが、普及啓発を実施することができた。",
            "ロールプレイは実施せず、講話のみとした。",
            // Another year than the record's.
            "新型コロナウイルス感染症の影響で、令和２年度は未実施だったが、令和３年度は実施した。",
            "昨年度はコロナ禍により中止となった。",
        ] {
            let plan = records_plan(vec![record(
                2021,
                Some("実施済"),
                AchievementValue::Percent(100),
                text,
            )]);
            assert_eq!(kinds_of(&plan), vec![], "{text}");
        }
    }

    #[test]
    fn an_achievement_below_complete_claims_nothing() {
        let plan = records_plan(vec![record(
            2021,
            None,
            AchievementValue::Percent(75),
            "出前講座は中止になった。",
        )]);
        assert_eq!(kinds_of(&plan), vec![]);
    }

    #[test]
    fn a_done_status_is_contradicted_only_when_nothing_was_done() {
        let cancelled = records_plan(vec![record(
            2019,
            Some("実施"),
            AchievementValue::Category("実施".into()),
            "新型コロナウイルス感染症拡大防止のため中止。",
        )]);
        let findings = audit(&cancelled);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].kind, FindingKind::StatusTextMismatch);
        assert_eq!(findings[0].reported.as_deref(), Some("取組状況「実施」"));
        // Carried out in another form: 実施 is what a yes/no scale can say.
        let other_form = records_plan(vec![record(
            2020,
            Some("実施"),
            AchievementValue::Category("実施".into()),
            "コロナ禍により、円卓会議の実施はできなかった。各代表者による情報交換会を実施した。",
        )]);
        assert_eq!(kinds_of(&other_form), vec![]);
        let mailed = records_plan(vec![record(
            2019,
            Some("実施"),
            AchievementValue::Blank,
            "リーフレットを作成し、市民に個別郵送した。連携した取り組みはできなかった。",
        )]);
        assert_eq!(kinds_of(&mailed), vec![]);
    }

    #[test]
    fn status_and_achievement_thresholds() {
        let case = |status: &str, p: i32| {
            kinds_of(&records_plan(vec![record(
                2021,
                Some(status),
                AchievementValue::Percent(p),
                "実施した。",
            )]))
        };
        let mismatch = vec![FindingKind::StatusAchievementMismatch];
        assert_eq!(case("実施済", 50), mismatch);
        assert_eq!(case("実施済", 0), mismatch);
        assert_eq!(case("実施済", 51), vec![]);
        assert_eq!(case("未実施", 50), mismatch);
        assert_eq!(case("未実施", 100), mismatch);
        assert_eq!(case("未実施", 49), vec![]);
        assert_eq!(case("一部実施", 50), vec![]);
        // Other thresholds are data.
        let strict = Thresholds {
            done_status_at_most_percent: 0,
            ..Thresholds::DEFAULT
        };
        let plan = records_plan(vec![record(
            2021,
            Some("実施済"),
            AchievementValue::Percent(50),
            "実施した。",
        )]);
        assert!(audit_with(&plan, &strict).is_empty());
    }

    // ---- document dates --------------------------------------------------------------------

    fn dated_plan(cover: DocDate, issued: DocDate, with_actuals: bool) -> Plan {
        let mut plan = plan_with(indicator(
            vec![obs(2024, Value::Number(100.0), 10)],
            if with_actuals {
                vec![obs(2024, Value::Number(100.0), 10)]
            } else {
                vec![]
            },
            &[],
        ));
        let stated = |date, line| StatedDate {
            date,
            original: String::new(),
            location: Location::new("r.txt", line),
        };
        plan.sources.push(SourceDocument {
            cover_date: Some(stated(cover, 7)),
            reporting_period: Some(ReportingPeriod {
                start: DocDate {
                    year: 2024,
                    month: 4,
                    day: Some(1),
                },
                end: DocDate {
                    year: 2025,
                    month: 3,
                    day: Some(31),
                },
                original: String::new(),
                location: Location::new("r.txt", 22),
            }),
            issue_date: Some(stated(issued, 921)),
            ..SourceDocument::new("r.txt", "令和6年度 評価報告書", "kawaguchi_eval", "")
        });
        plan
    }

    fn month(year: i32, month: u8) -> DocDate {
        DocDate {
            year,
            month,
            day: None,
        }
    }

    #[test]
    fn a_report_dated_within_its_period_and_unlike_its_issue_date() {
        let findings = audit(&dated_plan(month(2025, 3), month(2025, 11), true));
        assert_eq!(findings.len(), 2);
        assert!(findings.iter().all(|f| f.kind == FindingKind::DateMismatch));
        assert_eq!(findings[0].location, Some(Location::new("r.txt", 22)));
        assert_eq!(
            findings[0].message,
            "表紙の日付（令和7年3月）が報告対象期間の終わり（令和7年3月31日）以前ですが、報告書は令和6年度の実績を記載しています"
        );
        assert_eq!(findings[0].reported.as_deref(), Some("令和7年3月"));
        assert_eq!(findings[1].location, Some(Location::new("r.txt", 921)));
        assert_eq!(findings[1].expected.as_deref(), Some("令和7年3月"));
        assert_eq!(findings[1].reported.as_deref(), Some("令和7年11月"));
    }

    #[test]
    fn consistent_dates_have_no_findings() {
        // Dated after the period, the same month as the 発行日.
        assert!(audit(&dated_plan(month(2025, 6), month(2025, 6), true)).is_empty());
        let day = DocDate {
            year: 2025,
            month: 6,
            day: Some(30),
        };
        assert!(audit(&dated_plan(day, month(2025, 6), true)).is_empty());
        // A report of plans only (no actuals yet) may be dated before the period ends.
        assert!(audit(&dated_plan(month(2025, 3), month(2025, 3), false)).is_empty());
        // After the period but not the 発行日: one finding.
        let kinds = kinds_of(&dated_plan(month(2025, 4), month(2025, 11), true));
        assert_eq!(kinds, vec![FindingKind::DateMismatch]);
    }

    proptest::proptest! {
        #[test]
        fn audit_never_panics(plan in crate::arbitrary::plan()) {
            let findings = audit(&plan);
            let dated = plan.sources.iter().any(|s| s.cover_date.is_some());
            proptest::prop_assert!(
                dated || findings.iter().all(|f| f.kind != FindingKind::DateMismatch)
            );
        }

        #[test]
        fn record_text_rules_never_panic(text in "\\PC{0,60}", year in 1990i32..2040, p in 0i32..200) {
            let plan = records_plan(vec![record(year, Some("実施済"), AchievementValue::Percent(p), &text)]);
            let _ = audit(&plan);
            let _ = names_other_year(&text, FiscalYear(year));
        }
    }
}
