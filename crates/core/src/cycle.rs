//! The yearly collection cycle, as data: a plan's open fiscal years ([`Cycle`]: due date,
//! open → locked → published) and each record's review state ([`Review`]: 未着手 → 入力中 →
//! 提出済 → 差戻し / 確認済, with the comments that went with it).
//!
//! Both are stored inside the plan (the cycles in its header, a review in its record), so
//! every transition is a field change with its history event and revision, checked against
//! concurrent writers like any other edit.
//!
//! What the public sees is [`public_view`]: the plan without the records, indicator values
//! and fiscal years of cycles not yet published, and without any review state or comment.

use crate::fiscal::{FiscalYear, civil_from_unix_days, days_in_month};
use crate::model::{DivisionKey, MeasureKey, Plan, ProgressRecord};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (a due date): serialised as `2027-05-31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date, or `None` (2025-02-29 is not one).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// Parses `2027-05-31` (also `2027/5/31`, full-width digits are not accepted here: fold
    /// before).
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split(['-', '/']);
        let year = parts.next()?.trim().parse().ok()?;
        let month = parts.next()?.trim().parse().ok()?;
        let day = parts.next()?.trim().parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Date::new(year, month, day)
    }

    /// The date (UTC+9, Japan) of a time in milliseconds since the Unix epoch.
    pub fn of_unix_ms(ms: i64) -> Date {
        let jst = ms.saturating_add(9 * 3_600_000);
        let (y, m, d) = civil_from_unix_days(jst.div_euclid(86_400_000));
        Date {
            year: i32::try_from(y).unwrap_or(9999),
            month: u8::try_from(m).unwrap_or(1),
            day: u8::try_from(d).unwrap_or(1),
        }
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    fn day_number(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// 「令和9年5月31日」.
    pub fn wareki(self) -> String {
        crate::fiscal::DocDate {
            year: self.year,
            month: self.month,
            day: Some(self.day),
        }
        .wareki()
    }

    /// 「2027年5月31日（令和9年5月31日）」.
    pub fn display_ja(self) -> String {
        format!(
            "{}年{}月{}日（{}）",
            self.year,
            self.month,
            self.day,
            self.wareki()
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

/// Where a fiscal year's collection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleState {
    /// Divisions enter and submit; the secretariat reviews.
    Open,
    /// Nothing more is entered; the secretariat prepares publication.
    Locked,
    /// Public: the year's records appear on public pages, exports, search and the API.
    Published,
}

impl CycleState {
    pub fn label_ja(self) -> &'static str {
        match self {
            CycleState::Open => "受付中",
            CycleState::Locked => "締切済",
            CycleState::Published => "公表済",
        }
    }
}

/// One fiscal year's collection of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    pub fiscal_year: FiscalYear,
    /// The date divisions are asked to submit by.
    pub due: Date,
    pub state: CycleState,
}

/// A record's review state (the secretariat's progress view).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// 未着手: nothing entered yet.
    #[default]
    NotStarted,
    /// 入力中: saved as a draft.
    Draft,
    /// 提出済: submitted by the division.
    Submitted,
    /// 差戻し: sent back by the secretariat with a comment.
    SentBack,
    /// 確認済: accepted by the secretariat.
    Accepted,
}

impl ReviewState {
    pub const ALL: [ReviewState; 5] = [
        ReviewState::NotStarted,
        ReviewState::Draft,
        ReviewState::Submitted,
        ReviewState::SentBack,
        ReviewState::Accepted,
    ];

    pub fn label_ja(self) -> &'static str {
        match self {
            ReviewState::NotStarted => "未着手",
            ReviewState::Draft => "入力中",
            ReviewState::Submitted => "提出済",
            ReviewState::SentBack => "差戻し",
            ReviewState::Accepted => "確認済",
        }
    }

    /// The name used in URLs, forms and the API (`sent_back`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::NotStarted => "not_started",
            ReviewState::Draft => "draft",
            ReviewState::Submitted => "submitted",
            ReviewState::SentBack => "sent_back",
            ReviewState::Accepted => "accepted",
        }
    }

    /// Whether the division still owes something (reminders go to these).
    pub fn awaiting_division(self) -> bool {
        matches!(
            self,
            ReviewState::NotStarted | ReviewState::Draft | ReviewState::SentBack
        )
    }

    /// Whether the division may still edit the record.
    pub fn editable_by_division(self) -> bool {
        self.awaiting_division()
    }
}

/// What a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentKind {
    /// A reviewer's or the secretariat's remark.
    Comment,
    /// The reason a record was sent back.
    SendBack,
}

/// A remark on a record during review (never public).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub author: String,
    pub at_ms: i64,
    pub kind: CommentKind,
    pub text: String,
}

/// The review of a record collected in a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Review {
    pub state: ReviewState,
    /// Who last saved or submitted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

/// Why a review transition is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("{year}は受付中ではありません（{state}）")]
    CycleNotOpen { year: String, state: &'static str },
    #[error("この記録は{year}の収集対象ではありません")]
    NotCollected { year: String },
    #[error("「{state}」の記録は{action}できません")]
    NotAllowed {
        state: &'static str,
        action: &'static str,
    },
    #[error("差戻しには理由を書いてください")]
    ReasonRequired,
}

/// A step of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// The division saves its input (→ 入力中, or stays 差戻し).
    Save,
    /// The division submits (→ 提出済).
    Submit,
    /// The secretariat accepts (→ 確認済).
    Accept,
    /// The secretariat sends back with a reason (→ 差戻し).
    SendBack,
    /// The secretariat reopens an accepted record (→ 入力中).
    Reopen,
}

impl Transition {
    pub fn label_ja(self) -> &'static str {
        match self {
            Transition::Save => "一時保存",
            Transition::Submit => "提出",
            Transition::Accept => "確認",
            Transition::SendBack => "差戻し",
            Transition::Reopen => "再開",
        }
    }

    /// The state after the step from `from`, or why it is not allowed.
    pub fn apply(self, from: ReviewState) -> Result<ReviewState, TransitionError> {
        use ReviewState as S;
        let refused = || TransitionError::NotAllowed {
            state: from.label_ja(),
            action: self.label_ja(),
        };
        match self {
            Transition::Save => match from {
                S::NotStarted | S::Draft => Ok(S::Draft),
                S::SentBack => Ok(S::SentBack),
                _ => Err(refused()),
            },
            Transition::Submit => match from {
                S::NotStarted | S::Draft | S::SentBack => Ok(S::Submitted),
                _ => Err(refused()),
            },
            Transition::Accept => match from {
                S::Submitted => Ok(S::Accepted),
                _ => Err(refused()),
            },
            Transition::SendBack => match from {
                S::Submitted | S::Accepted | S::Draft => Ok(S::SentBack),
                _ => Err(refused()),
            },
            Transition::Reopen => match from {
                S::Accepted => Ok(S::Draft),
                _ => Err(refused()),
            },
        }
    }
}

impl Plan {
    /// The cycle of a fiscal year, if one was opened.
    pub fn cycle(&self, year: FiscalYear) -> Option<&Cycle> {
        self.cycles.iter().find(|c| c.fiscal_year == year)
    }

    /// The open cycle with the latest year.
    pub fn open_cycle(&self) -> Option<&Cycle> {
        self.cycles
            .iter()
            .filter(|c| c.state == CycleState::Open)
            .max_by_key(|c| c.fiscal_year)
    }

    /// Whether the public may see what the plan holds for `year`: no cycle, or a published
    /// one.
    pub fn is_public_year(&self, year: FiscalYear) -> bool {
        self.cycle(year)
            .is_none_or(|c| c.state == CycleState::Published)
    }

    /// The (measure, division) pairs a cycle of `year` collects: every assignment of a
    /// measure in force that year; a measure without divisions is collected once, from no
    /// division.
    pub fn collected_pairs(&self, year: FiscalYear) -> Vec<(MeasureKey, Option<DivisionKey>)> {
        let mut out = Vec::new();
        for m in &self.measures {
            if !self.in_force(&m.key, year) {
                continue;
            }
            let mut any = false;
            for a in self.assignments.iter().filter(|a| a.measure == m.key) {
                let pair = (m.key.clone(), Some(a.division.clone()));
                if !out.contains(&pair) {
                    out.push(pair);
                }
                any = true;
            }
            if !any {
                out.push((m.key.clone(), None));
            }
        }
        out
    }
}

/// Opens `year` for collection with a due date: adds the cycle (or moves the due date of an
/// open one) and one record per [`Plan::collected_pairs`] that has none, its plan text
/// carried from the previous year's 今後の計画 (else its plan text). Returns how many
/// records were created. Refused for a locked or published year.
pub fn open_year(
    plan: &mut Plan,
    year: FiscalYear,
    due: Date,
    location: &crate::model::Location,
) -> Result<usize, TransitionError> {
    match plan.cycles.iter_mut().find(|c| c.fiscal_year == year) {
        Some(c) if c.state != CycleState::Open => {
            return Err(TransitionError::CycleNotOpen {
                year: year.display_ja(),
                state: c.state.label_ja(),
            });
        }
        Some(c) => c.due = due,
        None => {
            plan.cycles.push(Cycle {
                fiscal_year: year,
                due,
                state: CycleState::Open,
            });
            plan.cycles.sort_by_key(|c| c.fiscal_year);
        }
    }
    let mut created = 0;
    let previous = FiscalYear(year.0 - 1);
    for (measure, division) in plan.collected_pairs(year) {
        let exists = plan
            .records
            .iter()
            .any(|r| r.measure == measure && r.division == division && r.fiscal_year == year);
        if exists {
            continue;
        }
        let last = plan
            .records
            .iter()
            .find(|r| r.measure == measure && r.division == division && r.fiscal_year == previous);
        let mut record = ProgressRecord::new(measure, division, year, location.clone());
        record.plan_text = last.and_then(|l| l.next_plan_text.clone().or(l.plan_text.clone()));
        record.review = Some(Review::default());
        plan.records.push(record);
        created += 1;
    }
    if let Err(at) = plan.fiscal_years.binary_search(&year) {
        plan.fiscal_years.insert(at, year);
    }
    Ok(created)
}

/// Checks that `record` may take `step` now and applies it to its review (who and when).
/// The caller has set the values already.
pub fn review_step(
    plan: &Plan,
    record: &mut ProgressRecord,
    step: Transition,
    by: &str,
    at_ms: i64,
    comment: Option<&str>,
) -> Result<(), TransitionError> {
    let year = record.fiscal_year;
    let cycle = plan
        .cycle(year)
        .ok_or_else(|| TransitionError::NotCollected {
            year: year.display_ja(),
        })?;
    if cycle.state != CycleState::Open {
        return Err(TransitionError::CycleNotOpen {
            year: year.display_ja(),
            state: cycle.state.label_ja(),
        });
    }
    let review = record.review.get_or_insert_with(Review::default);
    let next = step.apply(review.state)?;
    let text = comment.map(str::trim).filter(|t| !t.is_empty());
    if step == Transition::SendBack && text.is_none() {
        return Err(TransitionError::ReasonRequired);
    }
    review.state = next;
    review.updated_by = Some(by.to_owned());
    review.updated_at_ms = Some(at_ms);
    if let Some(text) = text {
        review.comments.push(Comment {
            author: by.to_owned(),
            at_ms,
            kind: if step == Transition::SendBack {
                CommentKind::SendBack
            } else {
                CommentKind::Comment
            },
            text: text.to_owned(),
        });
    }
    Ok(())
}

/// Adds a reviewer's comment to a record (any state, any cycle state but published).
pub fn add_comment(record: &mut ProgressRecord, by: &str, at_ms: i64, text: &str) -> Option<()> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    record
        .review
        .get_or_insert_with(Review::default)
        .comments
        .push(Comment {
            author: by.to_owned(),
            at_ms,
            kind: CommentKind::Comment,
            text: text.to_owned(),
        });
    Some(())
}

/// Moves a cycle on: open → locked → published (and locked → open to reopen).
pub fn set_cycle_state(
    plan: &mut Plan,
    year: FiscalYear,
    state: CycleState,
) -> Result<(), TransitionError> {
    let cycle = plan
        .cycles
        .iter_mut()
        .find(|c| c.fiscal_year == year)
        .ok_or_else(|| TransitionError::NotCollected {
            year: year.display_ja(),
        })?;
    let allowed = matches!(
        (cycle.state, state),
        (CycleState::Open, CycleState::Locked)
            | (CycleState::Locked, CycleState::Open)
            | (CycleState::Locked, CycleState::Published)
    ) || cycle.state == state;
    if !allowed {
        return Err(TransitionError::NotAllowed {
            state: cycle.state.label_ja(),
            action: state.label_ja(),
        });
    }
    cycle.state = state;
    Ok(())
}

/// The plan as the public may see it: records, indicator values, ratings and outlooks of
/// unpublished cycle years removed, no review state or comment, no cycles.
pub fn public_view(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    if p.cycles.is_empty() && p.records.iter().all(|r| r.review.is_none()) {
        return p;
    }
    let hidden: Vec<FiscalYear> = p
        .cycles
        .iter()
        .filter(|c| c.state != CycleState::Published)
        .map(|c| c.fiscal_year)
        .collect();
    p.records.retain(|r| !hidden.contains(&r.fiscal_year));
    for r in &mut p.records {
        r.review = None;
    }
    for i in &mut p.indicators {
        i.actuals
            .retain(|v| v.fiscal_year.is_none_or(|y| !hidden.contains(&y)));
    }
    p.ratings.retain(|r| !hidden.contains(&r.fiscal_year));
    p.outlooks.retain(|o| !hidden.contains(&o.fiscal_year));
    p.cycles.clear();
    p.fiscal_years.retain(|y| !hidden.contains(y));
    p
}

/// The review state of a record ([`ReviewState::NotStarted`] when it has no review).
pub fn review_state(record: &ProgressRecord) -> ReviewState {
    record
        .review
        .as_ref()
        .map_or(ReviewState::NotStarted, |r| r.state)
}
