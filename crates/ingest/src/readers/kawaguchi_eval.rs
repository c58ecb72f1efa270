//! Reader for the 川口市 地域共生社会推進計画 評価報告書 layout (seed 004).
//!
//! # The layout
//!
//! A yearly evaluation report (令和6年度) of a plan that also contains two smaller plans of its
//! own: 川口市成年後見制度利用促進計画 and 川口市再犯防止推進計画. Each has its own title, its own
//! legal basis (地方計画 under a separate law), its own 計画の期間 and its own section with its own
//! items and grades, so the reader returns **three plans** of the same municipality:
//!
//! 1. the main plan: 基本理念, the S–D grading rule (read from the text into a
//!    [`RatingScheme::RatioBands`]), 施策体系 (基本目標 1–5 with their 施策 in `<ul>` fragments),
//!    per goal a rating with 評価の理由, a 成果指標 table (現状 R5, 目標 R6, 実績 R6, 目標 R7,
//!    目標 R8) and one block per indicator (評価, 目標, 実績, 取組内容), then 今後の取組と課題;
//!    then per 施策 the same with 評価指標 tables. Indicators keep both statements of their
//!    R6 target and actual (table and block) so that the audit can compare them.
//! 2. 成年後見制度利用促進計画: 取組内容 1–2 (groups) with items (1)… (measures), each item
//!    graded (self-assessed S–D) with a 取組内容 text: a [`ProgressRecord`] with `grade`.
//! 3. 再犯防止推進計画: 取組方針 ①–⑥ (measures), each graded with a 取組内容 text.
//!
//! Every line ends up in the model (values, texts, outlooks) or, for prose, in a
//! [`Narrative`] of the plan whose section it is in; decisions and inconsistencies are
//! diagnostics.

use super::{Import, Layout, ReadError, SourceText};
use crate::diag::Diagnostic;
use crate::normalise::{
    UNITS, clean_cell, collapse_ws, find_years, fold, is_blank_cell, match_key, parse_date,
    parse_date_range, parse_fiscal_year, parse_number,
};
use regex::Regex;
use shinchoku_core::rating::{RatioBand, SelfAssessedLevel};
use shinchoku_core::{
    Department, DepartmentKey, Division, DivisionKey, FiscalYear, Grade, Group, GroupKey,
    GroupKind, Indicator, IndicatorKey, Listing, Location, Measure, MeasureKey, Narrative,
    Observation, Outlook, Period, Plan, PlanKind, Polarity, ProgressRecord, Rating, RatingScheme,
    ReportedGrade, ReportingPeriod, StatedDate, Value, YearText,
};
use std::sync::LazyLock;

/// Codes of the diagnostics this reader emits.
pub mod codes {
    /// How the S–D rule's 「程度」 edges were read.
    pub const RATING_EDGES: &str = "rating-scheme-edges";
    /// The S–D rule could not be read from the text.
    pub const RATING_UNREAD: &str = "rating-scheme-unread";
    /// Sub-plan grades are self-assessed (no KPI).
    pub const SELF_ASSESSED: &str = "self-assessed-grades";
    /// The table and the block of an indicator state different values.
    pub const CONFLICT: &str = "conflicting-statement";
    /// The direction of an indicator was decided from its targets.
    pub const POLARITY: &str = "indicator-direction";
    /// The direction of an indicator had to be guessed.
    pub const POLARITY_GUESS: &str = "indicator-direction-guessed";
    /// A space the converter put into a wrapped cell was removed.
    pub const WRAPPED: &str = "wrapped-cell";
    /// A value of several parts (①…②…) was kept as text.
    pub const COMPOUND: &str = "compound-value";
    /// A baseline is an estimate (見込).
    pub const ESTIMATE: &str = "estimated-baseline";
    /// A baseline states no year.
    pub const NO_YEAR: &str = "baseline-without-year";
    /// The 施策 of a goal carry no number in the document.
    pub const UNNUMBERED: &str = "unnumbered-policies";
    /// The 施策 of a goal are evaluated elsewhere (割愛).
    pub const NOT_EVALUATED: &str = "policies-evaluated-elsewhere";
    /// Cover date and 発行日 differ.
    pub const DATES: &str = "conflicting-dates";
    /// A heading or item does not match what the overview lists.
    pub const MISMATCH: &str = "heading-mismatch";
    /// A value, grade or row that could not be read.
    pub const UNREAD: &str = "unreadable";
    /// A row with more or fewer cells than its header.
    pub const CELLS: &str = "cell-count";
    /// A stray line of a block with no heading before it.
    pub const ORPHAN: &str = "orphan-line";
    /// A section of the document that was expected but not found.
    pub const MISSING: &str = "missing-section";
    /// Period lines that disagree.
    pub const PERIOD: &str = "period";
    /// A line outside every section.
    pub const UNREAD_LINE: &str = "unread-line";
}

/// True for the 川口市 地域共生社会推進計画 評価報告書 layout.
/// What [`detect`] looks for, and whether the text has it (for the refusal message).
pub(crate) fn signs(text: &str) -> Vec<(&'static str, bool)> {
    vec![
        (
            "「地域共生社会推進計画」",
            text.contains("地域共生社会推進計画"),
        ),
        ("「評価報告書」", text.contains("評価報告書")),
        (
            "an indicator table row 「成果指標」/「評価指標」 TAB …",
            text.contains("成果指標\t") || text.contains("評価指標\t"),
        ),
    ]
}

pub fn detect(text: &str) -> bool {
    text.contains("地域共生社会推進計画")
        && text.contains("評価報告書")
        && (text.contains("成果指標\t") || text.contains("評価指標\t"))
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| {
            #[allow(clippy::expect_used)] // a constant pattern, exercised by the tests
            Regex::new($pat).expect("valid regex")
        });
    };
}

// Patterns work on folded text (NFKC: full-width digits and brackets are ASCII).
re!(GOAL_HEADING, r"^基本目標\s*(\d+)$");
re!(POLICY_HEADING, r"^施策\s*(\d+)\s*(.*)$");
re!(GOAL_ROW, r"^(\d+)\s+(.+)$");
re!(POLICY_ITEM, r"施策\s*\((\d+)\)\s*");
re!(
    BAND,
    r"^[-・]?\s*([A-Z])\s*:\s*(\d+(?:\.\d+)?)\s*%?\s*(?:[~\-]\s*(\d+(?:\.\d+)?)\s*)?%\s*(超|以上|未満|以下|程度)?\s*$"
);
re!(PAREN_TAIL, r"^(.*?)\s*\(([^()]*)\)$");
re!(NUMBER_UNIT, r"^(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(\S*)$");
re!(GROUP_ITEM, r"^([0-9０-９]+)[.．]\s*(.+)$");
re!(SUB_ITEM, r"^[-－]\s*[(（]([0-9０-９]+)[)）]\s*(.+)$");
re!(BLOCK_GROUP, r"^取組内容\s*(\d+)\s*(.*)$");
re!(CIRCLED_ITEM, r"^-\s*([①-⑳])\s*(.+?)[\s_]*$");
re!(YEAR_MONTH, r"^(令和|平成)\s*(元|\d+)\s*年\s*(\d+)\s*月$");
re!(WESTERN_ONLY, r"^(\d{4})\s*年$");
re!(YEARS_SPAN, r"^(\d+)\s*年間$");

/// Reads the whole report.
pub fn read(src: &SourceText) -> Result<Import, ReadError> {
    let mut r = Reader::new(src);
    r.run()
}

/// One column of an indicator table.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Baseline(Option<FiscalYear>),
    Target(FiscalYear),
    Actual(FiscalYear),
}

/// A parsed cell value.
struct Parsed {
    value: Value,
    unit: Option<String>,
    /// A year stated in the cell itself (「(令和4年度)」).
    year: Option<FiscalYear>,
    /// 「(見込)」
    estimate: bool,
    /// Number of ①②… parts when the cell holds several values.
    parts: usize,
}

struct Reader<'a> {
    src: &'a SourceText<'a>,
    lines: Vec<&'a str>,
    used: Vec<bool>,
    diags: Vec<Diagnostic>,
    year: FiscalYear,
}

fn cells(line: &str) -> Vec<&str> {
    let mut c: Vec<&str> = line.split('\t').map(str::trim).collect();
    while c.len() > 1 && c.last().is_some_and(|s| s.is_empty()) {
        c.pop();
    }
    c
}

/// Removes white space that the converter put inside a wrapped cell: a run of spaces between
/// two non-ASCII characters (「調査実施・ 分析」 → 「調査実施・分析」). Spaces next to ASCII
/// (「100,758 人」「①13.9% ②3.0%」) stay.
fn unwrap_spaces(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            let mut j = i;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            let prev = i.checked_sub(1).and_then(|p| chars.get(p));
            let next = chars.get(j);
            let glued =
                matches!((prev, next), (Some(p), Some(n)) if !p.is_ascii() && !n.is_ascii());
            if !glued {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn grade_of(s: &str) -> Option<Grade> {
    let f = fold(s);
    let t = f.trim();
    let mut it = t.chars();
    match (it.next(), it.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => Some(Grade::new(c.to_string())),
        _ => None,
    }
}

fn is_unit(s: &str) -> bool {
    UNITS.contains(&s)
}

/// Parses one value cell of an indicator table or block.
fn parse_value(cell: &str) -> Parsed {
    let mut p = Parsed {
        value: Value::Blank,
        unit: None,
        year: None,
        estimate: false,
        parts: 0,
    };
    if is_blank_cell(cell) {
        return p;
    }
    let folded = collapse_ws(&fold(cell));
    let mut core = folded.clone();
    if let Some(caps) = PAREN_TAIL.captures(&folded)
        && let (Some(head), Some(inner)) = (caps.get(1), caps.get(2))
    {
        let inner = inner.as_str();
        if inner.contains("見込") {
            p.estimate = true;
            core = head.as_str().to_owned();
        } else if let Some(y) = parse_fiscal_year(inner) {
            p.year = Some(y);
            core = head.as_str().to_owned();
        }
    }
    let parts: Vec<(Option<u32>, String)> = crate::normalise::split_circled_items(&core);
    if parts.len() > 1 && parts.iter().all(|(n, _)| n.is_some()) {
        p.parts = parts.len();
        p.unit = parts
            .iter()
            .find_map(|(_, s)| number_unit(s).and_then(|(_, u)| u));
        p.value = Value::Text(cell.trim().to_owned());
        return p;
    }
    if let Some((n, unit)) = number_unit(&core) {
        p.value = Value::Number(n);
        p.unit = unit;
        return p;
    }
    // Qualitative: keep the words, without the converter's wrap spaces and the stated year.
    let text = if p.year.is_some() {
        unwrap_spaces(&core)
    } else {
        unwrap_spaces(cell)
    };
    p.value = Value::Text(text);
    p
}

/// 「329 人」「58.4%」「1,467 件」「0か所」 → number and unit.
fn number_unit(s: &str) -> Option<(f64, Option<String>)> {
    let caps = NUMBER_UNIT.captures(s.trim())?;
    let n = parse_number(caps.get(1)?.as_str())?;
    let unit = caps.get(2).map_or("", |m| m.as_str());
    if unit.is_empty() {
        Some((n, None))
    } else if is_unit(unit) {
        Some((n, Some(unit.to_owned())))
    } else {
        None
    }
}

impl<'a> Reader<'a> {
    fn new(src: &'a SourceText<'a>) -> Self {
        let lines: Vec<&str> = src.text.lines().collect();
        let used = vec![false; lines.len()];
        Reader {
            src,
            lines,
            used,
            diags: Vec::new(),
            year: FiscalYear(0),
        }
    }

    fn line(&self, i: usize) -> &'a str {
        self.lines.get(i).copied().unwrap_or("")
    }

    fn loc(&self, i: usize) -> Location {
        self.src.loc(i + 1)
    }

    fn loc_f(&self, i: usize, field: &str) -> Location {
        self.src.loc_field(i + 1, field)
    }

    fn use_line(&mut self, i: usize) {
        if let Some(u) = self.used.get_mut(i) {
            *u = true;
        }
    }

    fn info(&mut self, code: &str, loc: Location, msg: impl Into<String>) {
        self.diags.push(Diagnostic::info(code, loc, msg));
    }

    fn warn(&mut self, code: &str, loc: Location, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(code, loc, msg));
    }

    fn error(&mut self, code: &str, loc: Location, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(code, loc, msg));
    }

    /// The next non-blank line at or after `i`, before `end`.
    fn next_nonblank(&self, i: usize, end: usize) -> Option<usize> {
        (i..end).find(|&j| !self.line(j).trim().is_empty())
    }

    fn find(&self, from: usize, end: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
        (from..end).find(|&i| pred(self.line(i)))
    }

    fn run(&mut self) -> Result<Import, ReadError> {
        let n = self.lines.len();
        let title_idx = self
            .find(0, n, |l| !l.contains('\t') && l.contains("評価報告書"))
            .ok_or_else(|| ReadError::Malformed {
                location: self.loc(0),
                message: "no title line with 「評価報告書」: not a 地域共生社会推進計画 評価報告書"
                    .into(),
            })?;
        let title_line = collapse_ws(self.line(title_idx));
        self.use_line(title_idx);
        self.year = parse_fiscal_year(&title_line).ok_or_else(|| ReadError::Malformed {
            location: self.loc_f(title_idx, "title"),
            message: format!("the title 「{title_line}」 names no fiscal year (令和N年度)"),
        })?;
        // 「令和 6 年度 川口市地域共生社会推進計画 評価報告書」 → the plan title.
        let main_title = {
            let f = fold(&title_line);
            let after_year = find_years(&title_line)
                .first()
                .and_then(|m| f.get(m.end..))
                .unwrap_or(&f)
                .trim_start_matches('度')
                .to_owned();
            let t: String = after_year
                .replace("評価報告書", "")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            t
        };
        let municipality = municipality_of(&main_title).unwrap_or_default();
        if municipality.is_empty() {
            self.warn(
                codes::UNREAD,
                self.loc_f(title_idx, "title"),
                format!("no municipality (…市/町/村) at the start of 「{main_title}」"),
            );
        }

        // Sections: main plan, 成年後見, 再犯防止, colophon.
        // The two embedded plans' sections start with 「{市}成年後見制度…」 and
        // 「{市}再犯防止推進計画について」, {市} being the municipality of the title.
        let guardianship = match_key(&format!("{municipality}成年後見制度"));
        let recidivism = match_key(&format!("{municipality}再犯防止推進計画"));
        let p2 = self.find(title_idx + 1, n, |l: &str| {
            !l.contains('\t') && match_key(l).starts_with(&guardianship)
        });
        let p3 = self.find(p2.unwrap_or(title_idx) + 1, n, |l: &str| {
            let k = match_key(l);
            !l.contains('\t') && k.starts_with(&recidivism) && k.contains("について")
        });
        let tail_from = p3.or(p2).unwrap_or(title_idx) + 1;
        let colophon = (tail_from..n)
            .rev()
            .find(|&i| collapse_ws(self.line(i)) == title_line)
            .unwrap_or(n);
        let end1 = p2.or(p3).unwrap_or(colophon);

        let mut main = Plan::new(
            municipality.clone(),
            main_title.clone(),
            kind_of(&main_title),
        );
        main.sources
            .push(self.src.document(title_line.clone(), Layout::KawaguchiEval));
        self.read_main(&mut main, title_idx + 1, end1);
        let mut plans = vec![main];

        for (start, end, what) in [
            (p2, p3.unwrap_or(colophon), "成年後見制度利用促進計画"),
            (p3, colophon, "再犯防止推進計画"),
        ] {
            let Some(start) = start else {
                self.warn(
                    codes::MISSING,
                    self.loc(title_idx),
                    format!("no section of {what} found; the report yields no plan for it"),
                );
                continue;
            };
            let mut plan = self.read_sub_plan(&municipality, start, end);
            plan.sources
                .push(self.src.document(title_line.clone(), Layout::KawaguchiEval));
            plans.push(plan);
        }
        if let Some(main) = plans.first_mut() {
            self.read_colophon(main, colophon, n, end1);
            self.read_document_dates(main, title_idx, end1, colophon, n);
        }
        // Whatever no section took (text before the title, after a broken section …).
        for i in 0..n {
            let l = self.line(i);
            if !l.trim().is_empty() && !self.used.get(i).copied().unwrap_or(true) {
                self.warn(
                    codes::UNREAD_LINE,
                    self.loc(i),
                    format!(
                        "line outside every section; not read: 「{}」",
                        collapse_ws(l)
                    ),
                );
            }
        }
        for plan in &mut plans {
            plan.refresh_fiscal_years();
        }
        // A scheme of sub-plans: the main plan's grades, self-assessed.
        let stated_levels = match plans.first().and_then(|p| p.rating_scheme.as_ref()) {
            Some(RatingScheme::RatioBands { bands, below, .. }) => {
                let mut levels: Vec<Grade> = bands.iter().map(|b| b.grade.clone()).collect();
                levels.push(below.clone());
                levels
            }
            _ => Vec::new(),
        };
        for plan in plans.iter_mut().skip(1) {
            if plan.rating_scheme.is_none() && !stated_levels.is_empty() {
                plan.rating_scheme = Some(RatingScheme::SelfAssessed {
                    levels: stated_levels
                        .iter()
                        .map(|g| SelfAssessedLevel {
                            grade: g.clone(),
                            label: g.as_str().to_owned(),
                            points: None,
                        })
                        .collect(),
                });
            }
        }
        Ok(Import {
            plans,
            diagnostics: std::mem::take(&mut self.diags),
        })
    }

    // ----------------------------------------------------------------------------------
    // Shared pieces
    // ----------------------------------------------------------------------------------

    /// 「■ 計画の期間」 followed by 令和6年度 / 2024年 / 令和8年度 / 2026年 / 3年間.
    fn read_period(&mut self, start: usize, end: usize) -> Option<Period> {
        let head = self.find(start, end, |l| {
            !l.contains('\t') && match_key(l).contains("計画の期間")
        })?;
        self.use_line(head);
        let mut years: Vec<(usize, FiscalYear)> = Vec::new();
        let mut western: Vec<(usize, i32)> = Vec::new();
        let mut span: Option<(usize, i32)> = None;
        let mut i = head + 1;
        while i < end && i <= head + 12 {
            let f = collapse_ws(&fold(self.line(i)));
            if f.starts_with('■') {
                break;
            }
            if let Some(c) = YEARS_SPAN.captures(&f) {
                span = c
                    .get(1)
                    .and_then(|m| m.as_str().parse().ok())
                    .map(|v| (i, v));
                self.use_line(i);
                break;
            } else if let Some(c) = WESTERN_ONLY.captures(&f) {
                if let Some(y) = c.get(1).and_then(|m| m.as_str().parse().ok()) {
                    western.push((i, y));
                    self.use_line(i);
                }
            } else if f.contains("年度")
                && let Some(y) = parse_fiscal_year(&f)
            {
                years.push((i, y));
                self.use_line(i);
            }
            i += 1;
        }
        let (&(fi, first), &(_, last)) = (years.first()?, years.last()?);
        for ((li, fy), (wi, w)) in years.iter().zip(western.iter()) {
            if fy.0 != *w {
                self.warn(
                    codes::PERIOD,
                    self.loc(*wi),
                    format!(
                        "the period states {} (line {}) beside {w}年; kept {}",
                        fy.wareki(),
                        li + 1,
                        fy.0
                    ),
                );
            }
        }
        if let Some((si, s)) = span
            && last.0 - first.0 + 1 != s
        {
            self.warn(
                codes::PERIOD,
                self.loc(si),
                format!(
                    "the period {}–{} is {} years, the text says {s}年間",
                    first.0,
                    last.0,
                    last.0 - first.0 + 1
                ),
            );
        }
        if last < first {
            self.warn(codes::PERIOD, self.loc(fi), "period ends before it starts");
        }
        Some(Period { first, last })
    }

    /// 「～今後の取組と課題～」 and the lines after it up to the next heading.
    fn read_outlook(
        &mut self,
        at: usize,
        end: usize,
        group: Option<GroupKey>,
        stop: impl Fn(&str) -> bool,
    ) -> (Outlook, usize) {
        self.use_line(at);
        let mut text: Vec<String> = Vec::new();
        let mut i = at + 1;
        while i < end {
            let l = self.line(i);
            if !l.trim().is_empty() {
                if stop(l) {
                    break;
                }
                text.push(collapse_ws(l));
                self.use_line(i);
            }
            i += 1;
        }
        let outlook = Outlook {
            group,
            fiscal_year: self.year,
            text: text.join("\n"),
            location: self.loc_f(at, "今後の取組と課題"),
        };
        (outlook, i)
    }

    /// Unused non-blank lines of a range become narratives, split at heading-like lines.
    fn narratives(&mut self, start: usize, end: usize) -> Vec<Narrative> {
        let mut out: Vec<Narrative> = Vec::new();
        let mut current: Option<Narrative> = None;
        for i in start..end {
            let l = self.line(i);
            let t = l.trim();
            if t.is_empty() {
                continue;
            }
            if self.used.get(i).copied().unwrap_or(true) {
                if let Some(n) = current.take() {
                    out.push(n);
                }
                continue;
            }
            self.use_line(i);
            let text = cells(l).join(" ");
            let heading = !l.contains('\t')
                && t.chars().count() <= 30
                && !t.ends_with('。')
                && !t.starts_with(['-', '・', '●', '○', '(', '（', '⇒'])
                && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
                || (!l.contains('\t')
                    && t.chars().next().is_some_and(crate::normalise::is_circled)
                    && !t.ends_with('。'));
            match current.as_mut() {
                Some(n) if !heading => {
                    if !n.text.is_empty() {
                        n.text.push('\n');
                    }
                    n.text.push_str(&text);
                }
                _ => {
                    if let Some(n) = current.take() {
                        out.push(n);
                    }
                    let (title, body) = if heading {
                        (text, String::new())
                    } else {
                        (String::new(), text)
                    };
                    current = Some(Narrative {
                        title,
                        text: body,
                        location: self.loc(i),
                    });
                }
            }
        }
        if let Some(n) = current.take() {
            out.push(n);
        }
        out
    }

    /// Lines from `i` on that together spell `title` (a heading wrapped over lines); returns
    /// the index after them, or `None` when they do not.
    fn title_lines(&self, i: usize, end: usize, title: &str) -> Option<usize> {
        let want = match_key(title);
        if want.is_empty() {
            return None;
        }
        let mut acc = String::new();
        let mut j = i;
        while j < end {
            let l = self.line(j);
            if l.trim().is_empty() {
                j += 1;
                continue;
            }
            if l.contains('\t') && cells(l).len() > 1 {
                return None;
            }
            acc.push_str(&match_key(l));
            if acc == want {
                return Some(j + 1);
            }
            if !want.starts_with(&acc) {
                return None;
            }
            j += 1;
        }
        None
    }

    // ----------------------------------------------------------------------------------
    // The main plan
    // ----------------------------------------------------------------------------------

    fn read_main(&mut self, plan: &mut Plan, start: usize, end: usize) {
        plan.period = self.read_period(start, end);
        if plan.period.is_none() {
            self.warn(
                codes::MISSING,
                self.loc(start),
                "no 「■ 計画の期間」 found; the plan has no period",
            );
        }
        self.read_contents(plan, start, end);
        self.read_philosophy(plan, start, end);
        self.read_scheme(plan, start, end);
        self.read_structure(plan, start, end);
        self.read_goals_and_policies(plan, start, end);
        let narratives = self.narratives(start, end);
        plan.narratives.extend(narratives);
    }

    /// 目次: 「heading\tpage」 lines, kept as one narrative.
    fn read_contents(&mut self, plan: &mut Plan, start: usize, end: usize) {
        let Some(h) = self.find(start, end, |l| l.trim() == "目次") else {
            return;
        };
        let Some(first) = self.next_nonblank(h + 1, end) else {
            return;
        };
        let is_entry = |l: &str| {
            let c = cells(l);
            c.len() == 2
                && c.get(1)
                    .is_some_and(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit()))
        };
        let mut text: Vec<String> = Vec::new();
        let mut i = first;
        while i < end && is_entry(self.line(i)) {
            text.push(cells(self.line(i)).join(" "));
            self.use_line(i);
            i += 1;
        }
        if !text.is_empty() {
            self.use_line(h);
            plan.narratives.push(Narrative {
                title: "目次".into(),
                text: text.join("\n"),
                location: self.loc(h),
            });
        }
    }

    fn read_philosophy(&mut self, plan: &mut Plan, start: usize, end: usize) {
        let Some(h) = self.find(start, end, |l| l.trim() == "基本理念") else {
            return;
        };
        self.use_line(h);
        let Some(first) = self.next_nonblank(h + 1, end) else {
            return;
        };
        let mut parts: Vec<String> = Vec::new();
        let mut i = first;
        while i < end && !self.line(i).trim().is_empty() && !self.line(i).contains('\t') {
            parts.push(self.line(i).trim().to_owned());
            self.use_line(i);
            i += 1;
        }
        if !parts.is_empty() {
            plan.philosophy = Some(parts.concat());
        }
    }

    /// The S–D rule: 「- S：120%超」「- A：100～120%程度」 … into ratio bands.
    fn read_scheme(&mut self, plan: &mut Plan, start: usize, end: usize) {
        let Some(first) = self.find(start, end, |l| BAND.is_match(&fold(l.trim()))) else {
            self.warn(
                codes::RATING_UNREAD,
                self.loc(start),
                "no S–D grading rule (「S：120%超」…) found; indicators get no rating scheme",
            );
            return;
        };
        let mut parsed: Vec<(usize, Grade, f64, Option<f64>, String)> = Vec::new();
        let mut i = first;
        while i < end {
            let f = fold(self.line(i).trim());
            let Some(c) = BAND.captures(&f) else { break };
            let (Some(g), Some(lo)) = (c.get(1), c.get(2).and_then(|m| m.as_str().parse().ok()))
            else {
                break;
            };
            let hi = c.get(3).and_then(|m| m.as_str().parse::<f64>().ok());
            let q = c.get(4).map_or("", |m| m.as_str()).to_owned();
            parsed.push((i, Grade::new(g.as_str()), lo, hi, q));
            self.use_line(i);
            i += 1;
        }
        let mut stated: Vec<String> = Vec::new();
        if let Some(p) = first
            .checked_sub(1)
            .and_then(|j| (start..=j).rev().find(|&k| !self.line(k).trim().is_empty()))
            && self.line(p).trim().ends_with("に対して")
        {
            stated.push(self.line(p).trim().to_owned());
            self.use_line(p);
        }
        stated.extend((first..i).map(|k| self.line(k).trim().to_owned()));

        let Some(((_, last_grade, _, last_hi, last_q), rest)) = parsed.split_last() else {
            return;
        };
        let mut bands: Vec<RatioBand> = Vec::new();
        let mut prev_min: Option<f64> = None;
        for (li, g, lo, hi, q) in rest {
            let inclusive = q != "超";
            if let (Some(hi), Some(pm)) = (hi, prev_min)
                && (hi - pm).abs() > f64::EPSILON
            {
                self.warn(
                    codes::RATING_EDGES,
                    self.loc(*li),
                    format!("band {g} ends at {hi}% but the band above starts at {pm}%"),
                );
            }
            bands.push(RatioBand {
                grade: g.clone(),
                min_percent: *lo,
                inclusive,
            });
            prev_min = Some(*lo);
        }
        let below = if last_hi.is_none() && last_q != "超" && last_q != "以上" {
            last_grade.clone()
        } else {
            bands.push(RatioBand {
                grade: last_grade.clone(),
                min_percent: parsed.last().map_or(0.0, |p| p.2),
                inclusive: true,
            });
            last_grade.clone()
        };
        let fuzzy = parsed.iter().any(|p| p.4 == "程度");
        if fuzzy {
            let desc: Vec<String> = bands
                .iter()
                .map(|b| {
                    format!(
                        "{} {}{}%",
                        b.grade,
                        if b.inclusive { "≥" } else { ">" },
                        b.min_percent
                    )
                })
                .collect();
            self.warn(
                codes::RATING_EDGES,
                self.loc(first),
                format!(
                    "the rule's bands are 「程度」 (about): read as {}, {} below (each edge belongs to the better band, except that 「超」 excludes its edge)",
                    desc.join(", "),
                    below
                ),
            );
        }
        plan.rating_scheme = Some(RatingScheme::RatioBands {
            bands,
            below,
            stated: Some(stated.join("\n")),
        });
    }

    /// 施策体系: 「基本目標\t施策」 then 「1 title\t<ul>▶ a▶ b</ul>」.
    fn read_structure(&mut self, plan: &mut Plan, start: usize, end: usize) {
        let Some(h) = self.find(start, end, |l| {
            let c = cells(l);
            c.first() == Some(&"基本目標") && c.get(1) == Some(&"施策")
        }) else {
            self.warn(
                codes::MISSING,
                self.loc(start),
                "no 施策体系 table (「基本目標\t施策」) found; goals are taken from their headings",
            );
            return;
        };
        self.use_line(h);
        let mut i = h + 1;
        while i < end && !self.line(i).trim().is_empty() {
            let l = self.line(i);
            let c = cells(l);
            let f = fold(c.first().copied().unwrap_or(""));
            let Some(caps) = GOAL_ROW.captures(f.trim()) else {
                self.error(
                    codes::UNREAD,
                    self.loc_f(i, "基本目標"),
                    format!("施策体系 row without a goal number: 「{}」", l.trim()),
                );
                self.use_line(i);
                i += 1;
                continue;
            };
            let number = caps.get(1).map_or("", |m| m.as_str()).to_owned();
            let title = c
                .first()
                .map(|s| {
                    let s = s.trim();
                    s.strip_prefix(number.as_str())
                        .or_else(|| {
                            s.char_indices()
                                .find(|(_, ch)| ch.is_whitespace())
                                .and_then(|(k, _)| s.get(k..))
                        })
                        .unwrap_or(s)
                        .trim()
                        .to_owned()
                })
                .unwrap_or_default();
            let gkey = GroupKey::new(format!("基本目標{number}"));
            if plan.group(&gkey).is_some() {
                self.warn(
                    codes::MISMATCH,
                    self.loc(i),
                    format!("基本目標 {number} appears twice in 施策体系; the second row is ignored: 「{}」", l.trim()),
                );
                self.use_line(i);
                i += 1;
                continue;
            }
            plan.groups.push(Group {
                key: gkey.clone(),
                kind: GroupKind::BasicGoal,
                label: "基本目標".into(),
                number: Some(number.clone()),
                title,
                parent: None,
                location: self.loc_f(i, "基本目標"),
            });
            let policies: Vec<String> = c
                .get(1..)
                .map(|rest| rest.join(" "))
                .map(|s| clean_cell(&s))
                .unwrap_or_default()
                .lines()
                .flat_map(|line| line.split('▶'))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            for (k, p) in policies.iter().enumerate() {
                plan.groups.push(Group {
                    key: GroupKey::new(format!("{}-施策{}", gkey, k + 1)),
                    kind: GroupKind::Policy,
                    label: "施策".into(),
                    number: None,
                    title: p.clone(),
                    parent: Some(gkey.clone()),
                    location: self.loc_f(i, "施策"),
                });
            }
            self.use_line(i);
            i += 1;
        }
    }

    fn goal_key(&mut self, plan: &mut Plan, number: &str, i: usize) -> GroupKey {
        let key = GroupKey::new(format!("基本目標{number}"));
        if plan.group(&key).is_none() {
            let title = self
                .next_nonblank(i + 1, self.lines.len())
                .map(|j| self.line(j).trim().to_owned())
                .unwrap_or_default();
            self.warn(
                codes::MISMATCH,
                self.loc(i),
                format!("基本目標 {number} is not in 施策体系; added from its heading"),
            );
            plan.groups.push(Group {
                key: key.clone(),
                kind: GroupKind::BasicGoal,
                label: "基本目標".into(),
                number: Some(number.to_owned()),
                title,
                parent: None,
                location: self.loc(i),
            });
        }
        key
    }

    fn policy_key(&mut self, plan: &mut Plan, goal: &GroupKey, number: &str, i: usize) -> GroupKey {
        let key = GroupKey::new(format!("{goal}-施策{number}"));
        if plan.group(&key).is_none() {
            self.warn(
                codes::MISMATCH,
                self.loc(i),
                format!("施策 {number} of {goal} is not in 施策体系; added from its heading"),
            );
            plan.groups.push(Group {
                key: key.clone(),
                kind: GroupKind::Policy,
                label: "施策".into(),
                number: Some(number.to_owned()),
                title: String::new(),
                parent: Some(goal.clone()),
                location: self.loc(i),
            });
        }
        key
    }

    fn read_goals_and_policies(&mut self, plan: &mut Plan, start: usize, end: usize) {
        let mut goal: Option<GroupKey> = None;
        let mut policy: Option<GroupKey> = None;
        let mut policy_part = false;
        let mut numbered_goals: Vec<GroupKey> = Vec::new();
        // Indicators of the table last read: (index in plan.indicators).
        let mut table: Vec<usize> = Vec::new();
        let mut block: Option<usize> = None;
        let mut i = start;
        while i < end {
            let l = self.line(i);
            let t = l.trim();
            if t.is_empty() || self.used.get(i).copied().unwrap_or(true) {
                i += 1;
                continue;
            }
            let f = fold(t);
            let c = cells(l);
            let first = c.first().copied().unwrap_or("");
            let key0 = match_key(first);

            if !l.contains('\t')
                && let Some(n) = GOAL_HEADING.captures(&f).and_then(|c| c.get(1))
            {
                let number = n.as_str().to_owned();
                let key = self.goal_key(plan, &number, i);
                self.use_line(i);
                let title = plan
                    .group(&key)
                    .map(|g| g.title.clone())
                    .unwrap_or_default();
                if let Some(after) = self.title_lines(i + 1, end, &title) {
                    for j in i + 1..after {
                        self.use_line(j);
                    }
                    i = after;
                } else {
                    i += 1;
                }
                goal = Some(key);
                policy = None;
                table.clear();
                block = None;
                continue;
            }
            if key0.starts_with("基本目標達成のための施策") {
                policy_part = true;
                self.use_line(i);
                i += 1;
                continue;
            }
            if policy_part && key0.starts_with("施策一") && c.len() == 1 {
                self.use_line(i);
                i += 1;
                continue;
            }
            // 施策一覽 rows: 「基本目標 1\t施策（1）… 施策（2）…」 or the omission statement.
            if policy_part
                && c.len() >= 2
                && let Some(n) = GOAL_HEADING.captures(&fold(first)).and_then(|c| c.get(1))
            {
                let number = n.as_str().to_owned();
                let gk = self.goal_key(plan, &number, i);
                let rest = c.get(1..).map(|r| r.join(" ")).unwrap_or_default();
                self.read_policy_list(plan, &gk, &rest, i, &mut numbered_goals);
                self.use_line(i);
                i += 1;
                continue;
            }
            if policy_part
                && !l.contains('\t')
                && let Some(caps) = POLICY_HEADING.captures(&f)
            {
                let number = caps.get(1).map_or("", |m| m.as_str()).to_owned();
                let inline = caps.get(2).map_or("", |m| m.as_str()).trim().to_owned();
                if let Some(g) = goal.clone() {
                    let key = self.policy_key(plan, &g, &number, i);
                    self.use_line(i);
                    let title = plan
                        .group(&key)
                        .map(|g| g.title.clone())
                        .unwrap_or_default();
                    if inline.is_empty() {
                        if let Some(after) = self.title_lines(i + 1, end, &title) {
                            for j in i + 1..after {
                                self.use_line(j);
                            }
                            i = after;
                        } else {
                            i += 1;
                        }
                    } else {
                        if match_key(&inline) != match_key(&title) {
                            self.warn(
                                codes::MISMATCH,
                                self.loc(i),
                                format!("heading 「{inline}」 differs from 施策体系 「{title}」; kept the 施策体系 title"),
                            );
                        }
                        i += 1;
                    }
                    if let Some(grp) = plan.groups.iter_mut().find(|g| g.key == key)
                        && grp.number.is_none()
                    {
                        grp.number = Some(number);
                    }
                    policy = Some(key);
                    table.clear();
                    block = None;
                    continue;
                }
            }
            if first == "評価" && c.get(1) == Some(&"評価の理由") {
                self.use_line(i);
                if let Some(j) = self.next_nonblank(i + 1, end) {
                    self.read_goal_rating(plan, goal.clone(), j);
                    i = j + 1;
                } else {
                    i += 1;
                }
                continue;
            }
            if (first == "成果指標" || first == "評価指標") && c.len() >= 2 {
                let group = if policy_part {
                    policy.clone().or(goal.clone())
                } else {
                    goal.clone()
                };
                i = self.read_table(plan, group, i, end, &mut table);
                block = None;
                continue;
            }
            if match_key(t).contains("今後の取組と課題") {
                let group = if policy_part {
                    policy.clone().or(goal.clone())
                } else {
                    goal.clone()
                };
                let (outlook, next) = self.read_outlook(i, end, group, |l: &str| {
                    let f = fold(l.trim());
                    (!l.contains('\t')
                        && (GOAL_HEADING.is_match(&f) || POLICY_HEADING.is_match(&f)))
                        || match_key(l).starts_with("基本目標達成のための施策")
                });
                plan.outlooks.push(outlook);
                table.clear();
                block = None;
                i = next;
                continue;
            }
            // Block heading: the name of an indicator of the current table.
            if c.iter().skip(1).all(|s| s.is_empty())
                && let Some(&k) = table.iter().find(|&&k| {
                    plan.indicators
                        .get(k)
                        .is_some_and(|ind| match_key(&ind.name) == key0)
                })
            {
                block = Some(k);
                self.use_line(i);
                i += 1;
                continue;
            }
            if first == "評価" && c.len() >= 2 {
                match block {
                    Some(k) => self.read_block_grade(plan, k, i, &c),
                    None => self.warn(
                        codes::ORPHAN,
                        self.loc(i),
                        format!(
                            "評価 line with no indicator heading before it; not read: 「{}」",
                            collapse_ws(l)
                        ),
                    ),
                }
                self.use_line(i);
                i += 1;
                continue;
            }
            if first == "取組内容" && c.len() >= 2 {
                match block {
                    Some(k) => {
                        let text = clean_cell(&c.get(1..).map(|r| r.join(" ")).unwrap_or_default());
                        let loc = self.loc_f(i, "取組内容");
                        if let Some(ind) = plan.indicators.get_mut(k) {
                            ind.activities.push(YearText {
                                fiscal_year: self.year,
                                text,
                                location: loc,
                            });
                        }
                    }
                    None => self.warn(
                        codes::ORPHAN,
                        self.loc(i),
                        format!("取組内容 line with no indicator heading before it; kept here only: 「{}」", collapse_ws(l)),
                    ),
                }
                self.use_line(i);
                i += 1;
                continue;
            }
            i += 1;
        }
        // Goals whose 施策 the report never numbers.
        let goals: Vec<(GroupKey, Location)> = plan
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::BasicGoal)
            .map(|g| (g.key.clone(), g.location.clone()))
            .collect();
        for (g, loc) in goals {
            let unnumbered = plan
                .groups
                .iter()
                .filter(|p| p.parent.as_ref() == Some(&g) && p.number.is_none())
                .count();
            if unnumbered > 0 && !numbered_goals.contains(&g) {
                self.info(
                    codes::UNNUMBERED,
                    loc,
                    format!("the {unnumbered} 施策 of {g} carry no number in the report; their keys use their order in 施策体系"),
                );
            }
        }
    }

    /// 施策一覽 row: numbers the goal's policies, or records that they are evaluated elsewhere.
    fn read_policy_list(
        &mut self,
        plan: &mut Plan,
        goal: &GroupKey,
        text: &str,
        i: usize,
        numbered: &mut Vec<GroupKey>,
    ) {
        let f = fold(text);
        let marks: Vec<(usize, usize, String)> = POLICY_ITEM
            .captures_iter(&f)
            .filter_map(|c| {
                let all = c.get(0)?;
                Some((all.start(), all.end(), c.get(1)?.as_str().to_owned()))
            })
            .collect();
        if marks.is_empty() {
            self.info(
                codes::NOT_EVALUATED,
                self.loc_f(i, "施策一覧"),
                format!("the 施策 of {goal} are not evaluated in this report (割愛; kept as narrative): 「{}」", collapse_ws(text)),
            );
            plan.narratives.push(Narrative {
                title: format!("{goal} の施策の評価"),
                text: collapse_ws(text),
                location: self.loc_f(i, "施策一覧"),
            });
            return;
        }
        numbered.push(goal.clone());
        for (k, (_, e, num)) in marks.iter().enumerate() {
            let stop = marks.get(k + 1).map_or(f.len(), |m| m.0);
            let title = f.get(*e..stop).unwrap_or("").trim().to_owned();
            let key = GroupKey::new(format!("{goal}-施策{num}"));
            match plan.groups.iter_mut().find(|g| g.key == key) {
                Some(g) => {
                    g.number = Some(num.clone());
                    if match_key(&g.title) != match_key(&title) {
                        let msg = format!(
                            "施策一覧 names 施策（{num}） 「{title}」, 施策体系 「{}」; kept the 施策体系 title",
                            g.title
                        );
                        self.warn(codes::MISMATCH, self.loc_f(i, "施策一覧"), msg);
                    }
                }
                None => {
                    self.warn(
                        codes::MISMATCH,
                        self.loc_f(i, "施策一覧"),
                        format!("施策（{num}） 「{title}」 of {goal} is not in 施策体系; added"),
                    );
                    plan.groups.push(Group {
                        key,
                        kind: GroupKind::Policy,
                        label: "施策".into(),
                        number: Some(num.clone()),
                        title,
                        parent: Some(goal.clone()),
                        location: self.loc_f(i, "施策一覧"),
                    });
                }
            }
        }
    }

    fn read_goal_rating(&mut self, plan: &mut Plan, goal: Option<GroupKey>, j: usize) {
        let l = self.line(j);
        let c = cells(l);
        self.use_line(j);
        let Some(goal) = goal else {
            self.warn(
                codes::ORPHAN,
                self.loc(j),
                format!(
                    "a rating with no 基本目標 heading before it; not read: 「{}」",
                    collapse_ws(l)
                ),
            );
            return;
        };
        let Some(grade) = c.first().and_then(|s| grade_of(s)) else {
            self.error(
                codes::UNREAD,
                self.loc_f(j, "評価"),
                format!(
                    "the grade of {goal} could not be read: 「{}」",
                    collapse_ws(l)
                ),
            );
            return;
        };
        let reason = c
            .get(1..)
            .map(|r| r.join(" "))
            .map(|s| clean_cell(&s))
            .filter(|s| !s.is_empty());
        plan.ratings.push(Rating {
            group: goal,
            fiscal_year: self.year,
            grade,
            reason,
            location: self.loc_f(j, "評価"),
        });
    }

    fn parse_header(&mut self, c: &[&str], i: usize) -> Vec<Option<Column>> {
        c.iter()
            .skip(1)
            .map(|h| {
                let f = fold(h);
                let y = parse_fiscal_year(&f);
                // By meaning: 現状/基準値/策定時 (baseline), 目標 (target), 実績/結果 (actual).
                let col = if f.contains("現状") || f.contains("基準") || f.contains("策定時") {
                    Some(Column::Baseline(y))
                } else if f.contains("目標") {
                    y.map(Column::Target)
                } else if f.contains("実績") || f.contains("結果") {
                    y.map(Column::Actual)
                } else {
                    None
                };
                if col.is_none() {
                    self.error(
                        codes::UNREAD,
                        self.loc_f(i, h),
                        format!("indicator table column 「{h}」 is neither 現状, 目標 nor 実績 with a year; its cells are reported, not read"),
                    );
                }
                col
            })
            .collect()
    }

    /// A 成果指標 / 評価指標 table: header then one row per indicator up to a blank line.
    fn read_table(
        &mut self,
        plan: &mut Plan,
        group: Option<GroupKey>,
        h: usize,
        end: usize,
        table: &mut Vec<usize>,
    ) -> usize {
        let header = cells(self.line(h));
        let kind = header.first().copied().unwrap_or("").to_owned();
        let cols = self.parse_header(&header, h);
        self.use_line(h);
        table.clear();
        let prefix = group
            .as_ref()
            .map_or_else(|| "指標".to_owned(), |g| g.to_string());
        let mut i = h + 1;
        let mut n = 0usize;
        while i < end && !self.line(i).trim().is_empty() {
            let l = self.line(i);
            self.use_line(i);
            let c = cells(l);
            n += 1;
            let raw_name = c.first().copied().unwrap_or("");
            let name = unwrap_spaces(raw_name);
            if name != collapse_ws(raw_name) {
                self.info(
                    codes::WRAPPED,
                    self.loc_f(i, &kind),
                    format!("indicator name 「{raw_name}」 read as 「{name}」 (space of a wrapped cell removed)"),
                );
            }
            let values = c.get(1..).unwrap_or(&[]);
            if values.len() != cols.len() {
                self.warn(
                    codes::CELLS,
                    self.loc(i),
                    format!(
                        "row has {} value cells, the header {}; read the first {} in header order: 「{}」",
                        values.len(),
                        cols.len(),
                        values.len().min(cols.len()),
                        collapse_ws(l)
                    ),
                );
            }
            let mut ind = Indicator {
                key: IndicatorKey::new(format!("{prefix}/{kind}{n}")),
                name,
                group: group.clone(),
                measure: None,
                kind: None,
                unit: None,
                polarity: Polarity::HigherIsBetter,
                baseline: None,
                targets: Vec::new(),
                actuals: Vec::new(),
                reported_grades: Vec::new(),
                activities: Vec::new(),
                location: self.loc_f(i, &kind),
            };
            let mut units: Vec<String> = Vec::new();
            for (k, cell) in values.iter().enumerate() {
                let field = header.get(k + 1).copied().unwrap_or("");
                let Some(Some(col)) = cols.get(k) else {
                    if !is_blank_cell(cell) {
                        self.error(
                            codes::UNREAD,
                            self.loc_f(i, field),
                            format!(
                                "cell 「{cell}」 of 「{}」 is under no readable column",
                                ind.name
                            ),
                        );
                    }
                    continue;
                };
                let p = parse_value(cell);
                self.note_value(&p, cell, i, field, &ind.name);
                if let Some(u) = &p.unit
                    && !units.contains(u)
                {
                    units.push(u.clone());
                }
                let loc = self.loc_f(i, field);
                match *col {
                    Column::Baseline(y) => {
                        let year = p.year.or(y);
                        if year.is_none() {
                            self.info(
                                codes::NO_YEAR,
                                loc.clone(),
                                format!("baseline 「{cell}」 of 「{}」 states no year; kept without one", ind.name),
                            );
                        }
                        ind.baseline = Some(Observation {
                            fiscal_year: year,
                            value: p.value,
                            original: (*cell).to_owned(),
                            location: loc,
                        });
                    }
                    Column::Target(y) => ind.targets.push(Observation {
                        fiscal_year: Some(y),
                        value: p.value,
                        original: (*cell).to_owned(),
                        location: loc,
                    }),
                    Column::Actual(y) => ind.actuals.push(Observation {
                        fiscal_year: Some(y),
                        value: p.value,
                        original: (*cell).to_owned(),
                        location: loc,
                    }),
                }
            }
            for extra in values.iter().skip(cols.len()) {
                if !is_blank_cell(extra) {
                    self.error(
                        codes::UNREAD,
                        self.loc(i),
                        format!(
                            "extra cell 「{extra}」 of 「{}」 beyond the header; not read",
                            ind.name
                        ),
                    );
                }
            }
            if units.len() > 1 {
                self.warn(
                    codes::UNREAD,
                    self.loc(i),
                    format!("「{}」 states values in several units ({}); the first is the indicator's unit", ind.name, units.join(", ")),
                );
            }
            ind.unit = units.first().cloned();
            self.decide_polarity(&mut ind, i);
            table.push(plan.indicators.len());
            plan.indicators.push(ind);
            i += 1;
        }
        i
    }

    fn note_value(&mut self, p: &Parsed, cell: &str, i: usize, field: &str, name: &str) {
        if p.parts > 1 {
            self.info(
                codes::COMPOUND,
                self.loc_f(i, field),
                format!(
                    "「{cell}」 of 「{name}」 holds {} separate values (①②…); kept as text",
                    p.parts
                ),
            );
        }
        if p.estimate {
            self.info(
                codes::ESTIMATE,
                self.loc_f(i, field),
                format!("「{cell}」 of 「{name}」 is an estimate (見込); read as the number without the mark"),
            );
        }
        if let Value::Text(t) = &p.value
            && p.parts == 0
            && p.year.is_none()
            && *t != collapse_ws(cell)
        {
            self.info(
                codes::WRAPPED,
                self.loc_f(i, field),
                format!(
                    "「{cell}」 of 「{name}」 read as 「{t}」 (space of a wrapped cell removed)"
                ),
            );
        }
    }

    /// Higher or lower is better, decided from the targets as the report states them.
    fn decide_polarity(&mut self, ind: &mut Indicator, i: usize) {
        let loc = self.loc_f(i, "方向");
        let texts: Vec<&str> = ind
            .targets
            .iter()
            .filter_map(|o| match &o.value {
                Value::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        if let Some(t) = texts
            .iter()
            .find(|t| t.contains("減少") || t.contains("削減"))
        {
            ind.polarity = Polarity::LowerIsBetter;
            let msg = format!("「{}」: lower is better (a target says 「{t}」)", ind.name);
            self.info(codes::POLARITY, loc, msg);
            return;
        }
        if texts
            .iter()
            .any(|t| t.contains("増加") || t.contains("向上"))
        {
            ind.polarity = Polarity::HigherIsBetter;
            return;
        }
        let mut targets: Vec<(FiscalYear, f64)> = ind
            .targets
            .iter()
            .filter_map(|o| Some((o.fiscal_year?, o.value.as_number()?)))
            .collect();
        targets.sort_by_key(|(y, _)| *y);
        let mut series: Vec<f64> = Vec::new();
        if let Some(b) = ind.baseline.as_ref().and_then(|b| b.value.as_number()) {
            series.push(b);
        }
        series.extend(targets.iter().map(|(_, v)| *v));
        if !targets.is_empty() && targets.iter().all(|(_, v)| *v == 0.0) {
            ind.polarity = Polarity::LowerIsBetter;
            let msg = format!("「{}」: lower is better (every target is 0)", ind.name);
            self.info(codes::POLARITY, loc, msg);
            return;
        }
        if series.len() >= 2 {
            let up = series.windows(2).any(|w| matches!(w, [a, b] if b > a));
            let down = series.windows(2).any(|w| matches!(w, [a, b] if b < a));
            let shown: Vec<String> = series.iter().map(|v| v.to_string()).collect();
            match (up, down) {
                (true, false) => ind.polarity = Polarity::HigherIsBetter,
                (false, true) => {
                    ind.polarity = Polarity::LowerIsBetter;
                    let msg = format!(
                        "「{}」: lower is better (baseline and targets fall: {})",
                        ind.name,
                        shown.join(" → ")
                    );
                    self.info(codes::POLARITY, loc, msg);
                }
                _ => {
                    ind.polarity = Polarity::HigherIsBetter;
                    let msg = format!(
                        "「{}」: baseline and targets ({}) do not show a direction; guessed higher is better",
                        ind.name,
                        shown.join(" → ")
                    );
                    self.warn(codes::POLARITY_GUESS, loc, msg);
                }
            }
            return;
        }
        let numeric_actual = ind.actuals.iter().any(|o| o.value.as_number().is_some());
        if numeric_actual || series.len() == 1 {
            ind.polarity = Polarity::HigherIsBetter;
            let msg = format!(
                "「{}」: targets are qualitative but values are numbers; guessed higher is better",
                ind.name
            );
            self.warn(codes::POLARITY_GUESS, loc, msg);
        } else {
            ind.polarity = Polarity::Unknown;
            let msg = format!(
                "「{}」 is qualitative (targets and actuals are statements); no direction",
                ind.name
            );
            self.info(codes::POLARITY, loc, msg);
        }
    }

    /// 「評価\tB\t目標 (R6)\t52か所\t実績\t46か所」: the reported grade and the block's own
    /// statement of target and actual (kept as second statements).
    fn read_block_grade(&mut self, plan: &mut Plan, k: usize, i: usize, c: &[&str]) {
        let Some(ind) = plan.indicators.get_mut(k) else {
            return;
        };
        let name = ind.name.clone();
        match c.get(1).and_then(|s| grade_of(s)) {
            Some(grade) => ind.reported_grades.push(ReportedGrade {
                fiscal_year: self.year,
                grade,
                location: self.loc_f(i, "評価"),
            }),
            None => {
                let cell = c.get(1).copied().unwrap_or("");
                self.error(
                    codes::UNREAD,
                    self.loc_f(i, "評価"),
                    format!("grade 「{cell}」 of 「{name}」 could not be read"),
                );
            }
        }
        let mut k2 = 2;
        while let (Some(label), Some(cell)) = (c.get(k2), c.get(k2 + 1)) {
            k2 += 2;
            let f = fold(label);
            let year = parse_fiscal_year(&f).unwrap_or(self.year);
            let target = f.contains("目標");
            if !target && !f.contains("実績") {
                self.error(
                    codes::UNREAD,
                    self.loc_f(i, label),
                    format!("block field 「{label}」 「{cell}」 of 「{name}」 is neither 目標 nor 実績; not read"),
                );
                continue;
            }
            let p = parse_value(cell);
            let field = if target { "目標" } else { "実績" };
            self.note_value(&p, cell, i, label, &name);
            let loc = self.loc_f(i, label);
            let obs = Observation {
                fiscal_year: Some(year),
                value: p.value,
                original: (*cell).to_owned(),
                location: loc,
            };
            let Some(ind) = plan.indicators.get_mut(k) else {
                return;
            };
            let list = if target {
                &mut ind.targets
            } else {
                &mut ind.actuals
            };
            let first = list
                .iter()
                .find(|o| o.fiscal_year == Some(year))
                .map(|o| (o.original.clone(), o.value.clone(), o.location.line));
            list.push(obs);
            if let Some((orig, value, line)) = first
                && match_key(&orig) != match_key(cell)
                && value != parse_value(cell).value
            {
                let msg = format!(
                    "「{name}」: the table (line {line}) states {field} {} 「{orig}」, this block 「{cell}」; both kept, the table's is authoritative",
                    year.short()
                );
                self.warn(codes::CONFLICT, self.loc_f(i, label), msg);
            }
        }
        if c.len() > 2 && c.len() % 2 == 1 {
            let last = c.last().copied().unwrap_or("");
            if !last.is_empty() {
                self.error(
                    codes::UNREAD,
                    self.loc(i),
                    format!(
                        "block line of 「{name}」 ends with an unlabelled cell 「{last}」; not read"
                    ),
                );
            }
        }
    }

    // ----------------------------------------------------------------------------------
    // 成年後見制度利用促進計画 and 再犯防止推進計画
    // ----------------------------------------------------------------------------------

    fn read_sub_plan(&mut self, municipality: &str, start: usize, end: usize) -> Plan {
        // The plan's name: a line 「川口市…計画」 of the section.
        let title_idx = self.find(start, end, |l| {
            let k = match_key(l);
            !l.contains('\t') && k.starts_with(municipality) && k.ends_with("計画")
        });
        let title = match title_idx {
            Some(t) => {
                self.use_line(t);
                match_key(self.line(t))
            }
            None => {
                let t = match_key(self.line(start));
                let t = t.trim_end_matches("について").to_owned();
                self.warn(
                    codes::MISSING,
                    self.loc(start),
                    format!("no plan name line in the section; named it from its heading 「{t}」"),
                );
                t
            }
        };
        // The section heading 「川口市成年後見制度」「利用促進計画について」.
        if let Some(after) = self.title_lines(start, end, &format!("{title}について")) {
            for j in start..after {
                self.use_line(j);
            }
        }
        let mut plan = Plan::new(municipality, title.clone(), kind_of(&title));
        plan.period = self.read_period(start, end);
        if plan.period.is_none() {
            self.warn(
                codes::MISSING,
                self.loc(start),
                format!("no 「■ 計画の期間」 in the section of {title}; the plan has no period"),
            );
        }
        // The overview list: 「取組内容」 (1. … / - (1) …) or 「取組方針」 (- ①… _____).
        let list_head = self.find(start, end, |l| {
            let t = l.trim();
            !l.contains('\t') && (t == "取組内容" || t == "取組方針")
        });
        let mut current_group: Option<GroupKey> = None;
        let mut list_end = end;
        if let Some(h) = list_head {
            self.use_line(h);
            let label = self.line(h).trim().to_owned();
            let mut i = h + 1;
            while i < end {
                let l = self.line(i);
                let f = collapse_ws(&fold(l.trim()));
                if f.is_empty() {
                    i += 1;
                    continue;
                }
                let is_item = f.starts_with('-') || GROUP_ITEM.is_match(&f);
                if BLOCK_GROUP.is_match(&f) || (!is_item && !plan.measures.is_empty()) {
                    break;
                }
                let raw = l.trim();
                if let Some(c) = GROUP_ITEM.captures(raw) {
                    let num = fold(c.get(1).map_or("", |m| m.as_str()));
                    let t = c.get(2).map_or("", |m| m.as_str()).trim().to_owned();
                    let key = GroupKey::new(format!("{label}{num}"));
                    plan.groups.push(Group {
                        key: key.clone(),
                        kind: GroupKind::Other,
                        label: label.clone(),
                        number: Some(num),
                        title: t,
                        parent: None,
                        location: self.loc(i),
                    });
                    current_group = Some(key);
                    self.use_line(i);
                } else if let Some(c) = SUB_ITEM.captures(raw) {
                    let num = fold(c.get(1).map_or("", |m| m.as_str()));
                    let name = c.get(2).map_or("", |m| m.as_str()).trim().to_owned();
                    let gnum = current_group
                        .as_ref()
                        .and_then(|g| plan.group(g))
                        .and_then(|g| g.number.clone())
                        .unwrap_or_default();
                    let key = MeasureKey::new(format!("{gnum}-({num})"));
                    self.add_measure(
                        &mut plan,
                        key,
                        format!("({num})"),
                        name,
                        current_group.clone(),
                        i,
                    );
                } else if let Some(c) = CIRCLED_ITEM.captures(raw) {
                    let num = c.get(1).map_or("", |m| m.as_str()).to_owned();
                    let name = c.get(2).map_or("", |m| m.as_str()).trim().to_owned();
                    let key = MeasureKey::new(format!("{label}{num}"));
                    self.add_measure(&mut plan, key, num, name, None, i);
                }
                i += 1;
            }
            list_end = i;
        } else {
            self.warn(
                codes::MISSING,
                self.loc(start),
                format!("no 「取組内容」/「取組方針」 list in the section of {title}; its items are not read"),
            );
        }
        // Blocks: 「取組内容 1 …」 group headings, item headings, 評価, 取組内容.
        let mut group: Option<GroupKey> = None;
        let mut record: Option<usize> = None;
        let mut i = list_end;
        while i < end {
            let l = self.line(i);
            let t = l.trim();
            if t.is_empty() || self.used.get(i).copied().unwrap_or(true) {
                i += 1;
                continue;
            }
            let f = collapse_ws(&fold(t));
            let c = cells(l);
            let first = c.first().copied().unwrap_or("");
            if !l.contains('\t')
                && let Some(caps) = BLOCK_GROUP.captures(&f)
            {
                let num = caps.get(1).map_or("", |m| m.as_str());
                let t2 = caps.get(2).map_or("", |m| m.as_str()).trim();
                let found = plan
                    .groups
                    .iter()
                    .find(|g| g.number.as_deref() == Some(num))
                    .map(|g| (g.key.clone(), g.title.clone()));
                match found {
                    Some((k, title)) => {
                        if match_key(&title) != match_key(t2) {
                            self.warn(
                                codes::MISMATCH,
                                self.loc(i),
                                format!("heading 「{t}」 differs from the list's 「{title}」; kept the list's"),
                            );
                        }
                        group = Some(k);
                    }
                    None => self.warn(
                        codes::MISMATCH,
                        self.loc(i),
                        format!("heading 「{t}」 names no group of the list"),
                    ),
                }
                self.use_line(i);
                record = None;
                i += 1;
                continue;
            }
            if match_key(t).contains("今後の取組と課題") {
                let (outlook, next) = self.read_outlook(i, end, None, |_| false);
                plan.outlooks.push(outlook);
                record = None;
                i = next;
                continue;
            }
            let key0 = match_key(first);
            if c.iter().skip(1).all(|s| s.is_empty()) {
                let found = plan
                    .measures
                    .iter()
                    .find(|m| {
                        let listed_in = plan
                            .listings
                            .iter()
                            .find(|li| li.measure == m.key)
                            .map(|li| &li.group);
                        match_key(&m.name) == key0
                            && match (listed_in, group.as_ref()) {
                                (Some(a), Some(b)) => a == b,
                                _ => true,
                            }
                    })
                    .map(|m| m.key.clone());
                if let Some(mk) = found {
                    self.use_line(i);
                    plan.records.push(ProgressRecord::new(
                        mk,
                        None,
                        self.year,
                        self.loc_f(i, first),
                    ));
                    record = plan.records.len().checked_sub(1);
                    i += 1;
                    continue;
                }
            }
            if (first == "評価" || first == "取組内容") && c.len() >= 2 {
                self.use_line(i);
                let Some(r) = record.and_then(|r| plan.records.get_mut(r)) else {
                    self.warn(
                        codes::ORPHAN,
                        self.loc(i),
                        format!(
                            "{first} line with no item heading before it; not read: 「{}」",
                            collapse_ws(l)
                        ),
                    );
                    i += 1;
                    continue;
                };
                let rest = c.get(1..).map(|r| r.join(" ")).unwrap_or_default();
                if first == "評価" {
                    match grade_of(&rest) {
                        Some(g) => r.grade = Some(g),
                        None => {
                            let mk = r.measure.clone();
                            self.error(
                                codes::UNREAD,
                                self.loc_f(i, "評価"),
                                format!("grade 「{rest}」 of {mk} could not be read"),
                            );
                        }
                    }
                } else {
                    r.result_text = Some(clean_cell(&rest));
                }
                i += 1;
                continue;
            }
            i += 1;
        }
        let scheme_note = format!(
            "{title} states no KPI: its items' grades (評価) are self-assessed on the report's S–D scale"
        );
        self.info(codes::SELF_ASSESSED, self.loc(start), scheme_note);
        let narratives = self.narratives(start, end);
        plan.narratives.extend(narratives);
        plan
    }

    fn add_measure(
        &mut self,
        plan: &mut Plan,
        key: MeasureKey,
        number: String,
        name: String,
        group: Option<GroupKey>,
        i: usize,
    ) {
        self.use_line(i);
        if plan.measure(&key).is_some() {
            self.warn(
                codes::MISMATCH,
                self.loc(i),
                format!("item {key} is listed twice; the second 「{name}」 is ignored"),
            );
            return;
        }
        plan.measures.push(Measure {
            key: key.clone(),
            number: Some(number),
            name,
            description: None,
            audience: None,
            plan_page: None,
            location: self.loc(i),
        });
        if let Some(g) = group {
            plan.listings.push(Listing {
                measure: key,
                group: g,
                relisted: false,
                location: self.loc(i),
            });
        }
    }

    // ----------------------------------------------------------------------------------
    // Colophon
    // ----------------------------------------------------------------------------------

    /// 編集・発行 (the secretariat division), 発行日 and contact lines.
    fn read_colophon(&mut self, plan: &mut Plan, start: usize, end: usize, end1: usize) {
        if start >= end {
            return;
        }
        self.use_line(start);
        let mut text: Vec<String> = Vec::new();
        let mut issued: Option<(usize, String)> = None;
        for i in start + 1..end {
            let l = self.line(i);
            if l.trim().is_empty() {
                continue;
            }
            self.use_line(i);
            let c = cells(l);
            text.push(c.join(" "));
            let label = c.first().copied().unwrap_or("");
            let value = c.get(1..).map(|r| r.join(" ")).unwrap_or_default();
            if label == "編集・発行" {
                self.read_publisher(plan, &value, i);
            } else if label == "発行日" {
                issued = Some((i, value));
            }
        }
        plan.narratives.push(Narrative {
            title: "編集・発行".into(),
            text: text.join("\n"),
            location: self.loc(start),
        });
        // The cover date (「令和 7 年 3 月」 under the title) against 発行日.
        let cover = (0..end1.min(40))
            .find(|&i| YEAR_MONTH.is_match(&collapse_ws(&fold(self.line(i).trim()))));
        if let (Some(ci), Some((ii, issued))) = (cover, issued) {
            let a = match_key(self.line(ci));
            let b = match_key(&issued);
            if a != b {
                let msg = format!(
                    "the cover is dated 「{}」 (line {}), 発行日 says 「{issued}」",
                    collapse_ws(self.line(ci)),
                    ci + 1
                );
                self.warn(codes::DATES, self.loc_f(ii, "発行日"), msg);
            }
        }
    }

    /// The dates the report states about itself, recorded on the main plan's source entry:
    /// the cover date (a line that is only a date, between the title and the first section
    /// heading, 「令和 7 年 3 月」), the 報告対象期間 (the line after that heading,
    /// 「令和6年度（令和6年4月1日～令和7年3月31日）」) and the colophon's 発行日.
    fn read_document_dates(
        &mut self,
        plan: &mut Plan,
        title_idx: usize,
        end1: usize,
        colophon: usize,
        n: usize,
    ) {
        // The first date line among the short lines under the title (a sentence ends them).
        let mut cover = None;
        for i in title_idx + 1..end1.min(title_idx + 20) {
            let l = self.line(i).trim();
            if let Some(date) = parse_date(l) {
                cover = Some(StatedDate {
                    date,
                    original: l.to_owned(),
                    location: self.loc(i),
                });
                break;
            }
            if !l.is_empty() && (l.ends_with('。') || l.chars().count() >= 20) {
                break;
            }
        }
        let period = self
            .find(title_idx + 1, end1, |l| match_key(l) == "報告対象期間")
            .and_then(|h| self.next_nonblank(h + 1, end1))
            .and_then(|i| {
                let l = self.line(i).trim();
                parse_date_range(l).map(|(start, end)| ReportingPeriod {
                    start,
                    end,
                    original: l.to_owned(),
                    location: self.loc(i),
                })
            });
        let issued = (colophon + 1..n).find_map(|i| {
            let c = cells(self.line(i));
            if c.first().copied() != Some("発行日") {
                return None;
            }
            let value = c.get(1..).map(|r| r.join(" ")).unwrap_or_default();
            match parse_date(&value) {
                Some(date) => Some(StatedDate {
                    date,
                    original: value,
                    location: self.loc_f(i, "発行日"),
                }),
                None => {
                    self.warn(
                        codes::DATES,
                        self.loc_f(i, "発行日"),
                        format!("発行日 「{value}」 is not a date (令和N年M月)"),
                    );
                    None
                }
            }
        });
        if let Some(source) = plan.sources.first_mut() {
            source.cover_date = cover;
            source.reporting_period = period;
            source.issue_date = issued;
        }
    }

    fn read_publisher(&mut self, plan: &mut Plan, value: &str, i: usize) {
        let mut dept: Option<DepartmentKey> = None;
        for w in collapse_ws(value).split(' ') {
            if w.ends_with('部') || w.ends_with('局') {
                let key = DepartmentKey::new(w);
                if plan.department(&key).is_none() {
                    plan.departments.push(Department {
                        key: key.clone(),
                        name: w.to_owned(),
                        renames: Vec::new(),
                    });
                }
                dept = Some(key);
            } else if w.ends_with('課') || w.ends_with('室') {
                let key = DivisionKey::new(w);
                if plan.division(&key).is_none() {
                    plan.divisions.push(Division {
                        key,
                        name: w.to_owned(),
                        department: dept.clone(),
                        external: false,
                        renames: Vec::new(),
                    });
                }
            }
        }
        if plan.divisions.is_empty() {
            self.warn(
                codes::UNREAD,
                self.loc_f(i, "編集・発行"),
                format!("no division (…課) in 編集・発行 「{value}」"),
            );
        }
    }
}

/// 「川口市地域共生社会推進計画」 → 「川口市」 (「市川市…」 → 「市川市」, 「羽村市…」 → 「羽村市」).
fn municipality_of(title: &str) -> Option<String> {
    crate::normalise::municipality_of_title(title).map(str::to_owned)
}

fn kind_of(title: &str) -> PlanKind {
    if title.contains("成年後見") {
        PlanKind::GuardianshipPromotion
    } else if title.contains("再犯防止") {
        PlanKind::RecidivismPrevention
    } else if title.contains("地域共生") || title.contains("地域福祉") {
        PlanKind::CommunityWelfare
    } else {
        PlanKind::Other(title.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_spaces() {
        assert_eq!(unwrap_spaces("調査実施・ 分析"), "調査実施・分析");
        assert_eq!(
            unwrap_spaces("ひきこもりオンラインサロン 開催数"),
            "ひきこもりオンラインサロン開催数"
        );
        assert_eq!(unwrap_spaces("100,758 人"), "100,758 人");
        assert_eq!(unwrap_spaces("①13.9% ②3.0%"), "①13.9% ②3.0%");
    }

    #[test]
    fn values() {
        let p = parse_value("8 件 (見込)");
        assert_eq!(p.value, Value::Number(8.0));
        assert!(p.estimate);
        assert_eq!(p.unit.as_deref(), Some("件"));
        let p = parse_value("88,244人 (令和4年度)");
        assert_eq!(p.value, Value::Number(88244.0));
        assert_eq!(p.year, Some(FiscalYear(2022)));
        let p = parse_value("①13.9% ②3.0% ③3.5%");
        assert_eq!(p.parts, 3);
        assert_eq!(p.unit.as_deref(), Some("%"));
        assert_eq!(parse_value("－").value, Value::Blank);
        assert_eq!(parse_value("1,467 件").value, Value::Number(1467.0));
        assert_eq!(
            parse_value("前年度より増加").value,
            Value::Text("前年度より増加".into())
        );
        assert_eq!(
            parse_value("事業開始 (令和4年度)").value,
            Value::Text("事業開始".into())
        );
        assert_eq!(parse_value("52か所").unit.as_deref(), Some("か所"));
        assert_eq!(parse_value("96 世帯").unit.as_deref(), Some("世帯"));
    }

    #[test]
    fn municipality() {
        assert_eq!(
            municipality_of("川口市地域共生社会推進計画").as_deref(),
            Some("川口市")
        );
        assert_eq!(
            municipality_of("羽村市地域共生社会推進計画").as_deref(),
            Some("羽村市")
        );
        assert_eq!(
            municipality_of("市川市地域共生社会推進計画").as_deref(),
            Some("市川市")
        );
        assert_eq!(municipality_of("計画"), None);
    }
}
