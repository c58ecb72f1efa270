//! 熊谷市 自殺対策計画 progress sheet (seed 001).
//!
//! # Layout
//!
//! The PDF converter left no tabs: every table cell's text is wrapped onto short lines and
//! cells follow each other separated by blank lines. Cells that fit on one line and share a
//! row position are put on one line, separated by ASCII spaces (「18 市民部 熊谷保健センター」,
//! 「ア　実施済 100 % 実施を継続。」); ASCII spaces occur nowhere else. The columns are
//!
//! 計画における項目 (measure name) · 実施内容 (description) · 計画書ページ · 担当部署 · 担当課 ·
//! 再掲 · 令和２年度実施状況 · 達成度（％） · 令和３年度の実施計画 · 令和３年度実施状況 ·
//! 令和３年度実施状況に関する担当課の評価 · 取組状況 · 達成度（％） · 今後（令和４年度以降）の実施計画
//!
//! Each page starts with (part of) the column headings, among them the sheet's data-entry
//! instructions (取組状況: ア 実施済 … オ その他; 達成度: an integer or blank); they define the
//! plan's [`StatusScale`] and are kept as a [`Narrative`]. Groups are headed
//! 「基本施策１　…」 (wrapped onto two lines).
//!
//! # How rows are realigned
//!
//! A measure is anchored on its page/部/課 cells (「18 市民部 熊谷保健センター」; 「18」 alone
//! followed by 「市民部・\n福祉部」 and the divisions in the next paragraph; 「Ｒ３追加」 for a
//! measure added in 令和3年度; no page at all for three 建設部 measures). Name and
//! description come before the anchor, the fiscal-year cells after it up to the status cell
//! (「ア　実施済 100 %」); the 令和２年度 達成度 (「100 %」) separates the 令和２年度 result from
//! the 令和３年度 cells. Where the converter merged two cells into one paragraph, the boundary
//! is inferred at the first line that is clearly shorter than the wrap width (a line that
//! ends a cell rather than wraps), and a warning names the line. Text of a measure run by
//! several divisions that is marked per division (「…（こども課）」) becomes one record per
//! division when every text of that year is so marked.

use super::{Import, Layout, ReadError, SourceText};
use crate::diag::Diagnostic;
use crate::normalise::{
    UNITS, clean_cell, collapse_ws, fold, match_key, parse_number, parse_percent,
};
use shinchoku_core::{
    Achievement, AchievementValue, Assignment, Department, DepartmentKey, Division, DivisionKey,
    FiscalYear, Group, GroupKey, GroupKind, Listing, Location, Measure, MeasureKey, Narrative,
    Output, Plan, PlanKind, ProgressRecord, Status, StatusScale,
};
use std::collections::HashSet;

/// The city of the reference sheet; used only when the text names no city at all.
const MUNICIPALITY: &str = "熊谷市";

/// The fiscal years of the sheet's columns, read from its headings (the reference edition:
/// 令和２年度実施状況 · 令和３年度の実施計画 / 実施状況 / 評価 · 今後（令和４年度以降）の実施計画).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SheetYears {
    /// The previous year's result column and its 達成度 (令和２年度).
    result: FiscalYear,
    /// Plan, result, evaluation, 取組状況, 達成度 (令和３年度).
    current: FiscalYear,
    /// 今後（令和４年度以降）の実施計画, recorded as that year's plan.
    next: FiscalYear,
}

/// 「令和３年度」 as the sheet writes it (full-width digits), for field names.
fn zen(year: FiscalYear) -> String {
    year.wareki()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0xFF10 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

impl SheetYears {
    fn label_result(&self) -> String {
        format!("{}実施状況", zen(self.result))
    }
    fn label_plan(&self) -> String {
        format!("{}の実施計画", zen(self.current))
    }
    fn label_current_result(&self) -> String {
        format!("{}実施状況", zen(self.current))
    }
    fn label_evaluation(&self) -> String {
        format!("{}実施状況に関する担当課の評価", zen(self.current))
    }
    fn label_next(&self) -> String {
        format!("今後（{}以降）の実施計画", zen(self.next))
    }
}

const STATUS_LABELS: [&str; 5] = ["実施済", "一部実施", "準備中", "未実施", "その他"];
const STATUS_CODES: [char; 5] = ['ア', 'イ', 'ウ', 'エ', 'オ'];

// ---------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------

/// What [`detect`] looks for, and whether the text has it (for the refusal message).
pub(crate) fn signs(text: &str) -> Vec<(&'static str, bool)> {
    let folded = fold(text);
    vec![
        ("the heading 「取組状況」", folded.contains("取組状況")),
        ("the heading 「達成度（％）」", folded.contains("達成度(%)")),
        (
            "the instruction 「整数で入力」",
            folded.contains("整数で入力"),
        ),
        (
            "a status cell with its 達成度 (「ア　実施済 100 %」)",
            text.lines().any(|line| {
                let parts = split_row(line);
                status_index(&parts).is_some_and(|j| {
                    parts
                        .get(j + 1)
                        .is_some_and(|p| is_percent_part(p) || is_dash(p))
                })
            }),
        ),
    ]
}

/// The Kumagaya sheet: no tabs, the sheet's data-entry instructions (取組状況 / 達成度（％） /
/// 整数で入力), and at least one status cell followed by its 達成度 (「ア　実施済 100 %」).
pub fn detect(text: &str) -> bool {
    if text.contains('\t') {
        return false;
    }
    let folded = fold(text);
    if !(folded.contains("取組状況")
        && folded.contains("達成度(%)")
        && folded.contains("整数で入力"))
    {
        return false;
    }
    text.lines().any(|line| {
        let parts = split_row(line);
        status_index(&parts).is_some_and(|j| {
            parts
                .get(j + 1)
                .is_some_and(|p| is_percent_part(p) || is_dash(p))
        })
    })
}

// ---------------------------------------------------------------------------------------
// Small lexical helpers
// ---------------------------------------------------------------------------------------

/// Splits a line at ASCII spaces (the converter's cell separator) and joins 「100」「%」 into
/// one part.
fn split_row(line: &str) -> Vec<String> {
    let raw: Vec<&str> = line.split(' ').filter(|p| !p.is_empty()).collect();
    let mut parts: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(part) = raw.get(i) {
        let next_is_pct = raw.get(i + 1).is_some_and(|n| fold(n).trim() == "%");
        if next_is_pct && parse_number(part).is_some() {
            let pct = raw.get(i + 1).copied().unwrap_or("%");
            parts.push(format!("{part} {pct}"));
            i += 2;
        } else {
            parts.push((*part).to_owned());
            i += 1;
        }
    }
    parts
}

fn is_percent_part(part: &str) -> bool {
    fold(part).trim().ends_with('%') && parse_percent(part).is_some()
}

fn is_dash(part: &str) -> bool {
    matches!(part.trim(), "-" | "－" | "—" | "―" | "ー" | "‐" | "−")
}

/// A status cell 「ア　実施済」: (code, label).
fn status_token(part: &str) -> Option<(String, String)> {
    let f = fold(part);
    let t = f.trim();
    let mut chars = t.chars();
    let code = chars.next()?;
    if !STATUS_CODES.contains(&code) {
        return None;
    }
    let label = chars.as_str().trim();
    STATUS_LABELS
        .contains(&label)
        .then(|| (code.to_string(), label.to_owned()))
}

/// Index of the status cell of a row, when the row has one (followed by its 達成度, or last).
fn status_index(parts: &[String]) -> Option<usize> {
    parts.iter().enumerate().find_map(|(j, p)| {
        let followed = match parts.get(j + 1) {
            None => true,
            Some(n) => is_percent_part(n) || is_dash(n),
        };
        (followed && status_token(p).is_some()).then_some(j)
    })
}

/// 「18」, 「Ｒ３追加」.
fn is_page_token(part: &str) -> bool {
    let f = fold(part);
    let t = f.trim();
    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    added_in(t).is_some()
}

/// 「R3追加」 (folded): the fiscal year a measure was added in.
fn added_in(folded: &str) -> Option<FiscalYear> {
    let rest = folded.strip_suffix("追加")?;
    let mut chars = rest.chars();
    let era = chars.next()?;
    let n: i32 = chars.as_str().parse().ok()?;
    let era = shinchoku_core::Era::parse(&era.to_string())?;
    FiscalYear::from_era(era, n)
}

/// 「市民部」, 「教育委員会」, 「市民部・福祉部」, 「市民部・」 (continued on the next line).
fn is_dept_text(s: &str) -> bool {
    let f = match_key(s);
    let f = f.trim_end_matches('・');
    !f.is_empty()
        && f.split('・').all(|p| {
            let n = p.chars().count();
            (2..=12).contains(&n)
                && (p.ends_with('部') || p.ends_with("委員会") || p.ends_with('局'))
        })
}

const DIVISION_SUFFIXES: [&str; 15] = [
    "課",
    "室",
    "センター",
    "所",
    "館",
    "組合",
    "係",
    "園",
    "協議会",
    "公社",
    "院",
    "署",
    "校",
    "会",
    "団",
];

fn is_division_name(s: &str) -> bool {
    let f = match_key(s);
    let n = f.chars().count();
    (2..=24).contains(&n) && DIVISION_SUFFIXES.iter().any(|suf| f.ends_with(suf))
}

fn is_division_list(s: &str) -> bool {
    let f = match_key(s);
    !f.is_empty() && f.split('・').all(is_division_name)
}

/// A partner organisation rather than a division of the city.
fn is_external_name(s: &str) -> bool {
    let f = match_key(s);
    [
        "組合",
        "協議会",
        "医師会",
        "公社",
        "法人",
        "事業団",
        "社会福祉協議会",
    ]
    .iter()
    .any(|suf| f.ends_with(suf))
}

/// Display width in half-width columns (wide characters count 2).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                1
            } else {
                2
            }
        })
        .sum()
}

/// 「基本施策１　地域における…」: (kind, label, number as written, rest of the line).
fn heading(line: &str) -> Option<(GroupKind, &'static str, String, String)> {
    let t = line.trim_start_matches([' ', '\u{3000}']);
    let (kind, label) = if t.starts_with("基本施策") {
        (GroupKind::BasicPolicy, "基本施策")
    } else if t.starts_with("重点施策") {
        (GroupKind::PriorityPolicy, "重点施策")
    } else {
        return None;
    };
    let rest = t.get(label.len()..)?;
    let number: String = rest
        .chars()
        .take_while(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(c) || crate::normalise::is_circled(*c)
        })
        .collect();
    if number.is_empty() {
        return None;
    }
    let title = rest
        .get(number.len()..)?
        .trim_start_matches([' ', '\u{3000}', '：', ':'])
        .to_owned();
    Some((kind, label, number, title))
}

// ---------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------

/// The text of one cell: its lines as written, with their 1-based numbers.
#[derive(Debug, Clone, Default)]
struct Cell {
    lines: Vec<(usize, String)>,
}

impl Cell {
    fn one(line: usize, text: impl Into<String>) -> Self {
        Cell {
            lines: vec![(line, text.into())],
        }
    }

    fn first_line(&self) -> usize {
        self.lines.first().map_or(0, |(n, _)| *n)
    }

    fn last_line(&self) -> usize {
        self.lines.last().map_or(0, |(n, _)| *n)
    }

    /// The lines joined by line breaks, trimmed.
    fn text(&self) -> String {
        let joined = self
            .lines
            .iter()
            .map(|(_, l)| l.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        clean_cell(&joined)
    }

    /// The lines joined without breaks (wrapped text of a short cell: names, divisions).
    fn flat(&self) -> String {
        let joined: String = self.lines.iter().map(|(_, l)| l.trim()).collect();
        clean_cell(&joined)
    }

    fn is_empty(&self) -> bool {
        self.lines.iter().all(|(_, l)| l.trim().is_empty())
    }

    fn append(&mut self, other: Cell) {
        self.lines.extend(other.lines);
    }

    /// How clearly the first line ends a cell instead of wrapping: the share of the wrap
    /// width (the longest other line) it leaves empty. `None` for one-line cells.
    fn first_line_gap(&self) -> Option<f64> {
        let (_, first) = self.lines.first()?;
        let widest = self
            .lines
            .iter()
            .skip(1)
            .map(|(_, l)| display_width(l.trim_end()))
            .max()?;
        if widest == 0 {
            return None;
        }
        let first = display_width(first.trim_end());
        Some((widest as f64 - first as f64) / widest as f64)
    }

    fn split_first_line(self) -> (Cell, Cell) {
        let mut lines = self.lines.into_iter();
        let first = Cell {
            lines: lines.next().into_iter().collect(),
        };
        (
            first,
            Cell {
                lines: lines.collect(),
            },
        )
    }
}

#[derive(Debug, Clone)]
enum Piece {
    Text(Cell),
    Percent { text: String, line: usize },
}

fn join_cells(cells: Vec<Cell>) -> Option<Cell> {
    let mut it = cells.into_iter();
    let mut first = it.next()?;
    for c in it {
        first.append(c);
    }
    Some(first)
}

// ---------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Page {
    Numbered(String),
    Added(String, FiscalYear),
    Missing,
}

#[derive(Debug, Clone)]
struct Anchor {
    /// 0-based index of the anchor line.
    start: usize,
    /// 0-based index of the last line the anchor consumed (dept and division paragraphs).
    end: usize,
    head: Vec<String>,
    page: Page,
    dept: Cell,
    division: Option<Cell>,
    rest: Vec<String>,
}

#[derive(Debug, Clone)]
struct StatusRow {
    line: usize, // 0-based
    leading: Vec<String>,
    code: String,
    label: String,
    original: String,
    achievement: Option<String>,
    trailing: Vec<String>,
}

/// The texts of one measure's row, realigned to the sheet's columns.
#[derive(Debug, Default)]
struct RowFields {
    r20: Option<Cell>,
    a20: Option<(String, usize)>,
    has_2020: bool,
    p21: Option<Cell>,
    r21: Option<Cell>,
    e21: Option<Cell>,
    p22: Option<Cell>,
}

struct Reader<'s, 'a> {
    src: &'s SourceText<'a>,
    lines: Vec<&'a str>,
    in_header: Vec<bool>,
    headers: Vec<(usize, usize)>,
    diags: Vec<Diagnostic>,
    plan: Plan,
    group: Option<GroupKey>,
    /// Keys of `plan.groups` and `plan.measures` so far, for the duplicate checks.
    group_keys: HashSet<String>,
    measure_keys: HashSet<String>,
    /// How often the text names the plan's municipality; `None` when it names none and the
    /// layout's city was supplied.
    city_mentions: Option<usize>,
    /// The years of the columns, from the headings ([`Reader::find_years`]).
    years: SheetYears,
}

pub fn read(src: &SourceText) -> Result<Import, ReadError> {
    let mut reader = Reader::new(src);
    reader.run()?;
    Ok(reader.finish())
}

impl<'s, 'a> Reader<'s, 'a> {
    fn new(src: &'s SourceText<'a>) -> Self {
        let lines: Vec<&'a str> = src.text.lines().collect();
        let inferred = crate::normalise::infer_municipality(src.text);
        let city_mentions = inferred.as_ref().map(|(_, n)| *n);
        let city = inferred.map_or_else(|| MUNICIPALITY.to_owned(), |(name, _)| name);
        let title = format!("{city}自殺対策計画");
        let mut plan = Plan::new(city, title.clone(), PlanKind::SuicidePrevention);
        plan.status_scale = StatusScale::a_to_o();
        plan.sources.push(src.document(title, Layout::Kumagaya));
        Reader {
            src,
            in_header: vec![false; lines.len()],
            lines,
            headers: Vec::new(),
            diags: Vec::new(),
            plan,
            group: None,
            group_keys: HashSet::new(),
            measure_keys: HashSet::new(),
            city_mentions,
            years: SheetYears {
                result: FiscalYear(0),
                current: FiscalYear(0),
                next: FiscalYear(0),
            },
        }
    }

    fn finish(mut self) -> Import {
        self.plan.refresh_fiscal_years();
        Import {
            plans: vec![self.plan],
            diagnostics: self.diags,
        }
    }

    fn loc(&self, idx: usize) -> Location {
        self.src.loc(idx + 1)
    }

    fn loc_field(&self, idx: usize, field: &str) -> Location {
        self.src.loc_field(idx + 1, field)
    }

    fn line(&self, idx: usize) -> &'a str {
        self.lines.get(idx).copied().unwrap_or("")
    }

    fn blank(&self, idx: usize) -> bool {
        self.line(idx).trim().is_empty()
    }

    fn is_break(&self, idx: usize) -> bool {
        self.blank(idx) || self.in_header.get(idx).copied().unwrap_or(false)
    }

    fn run(&mut self) -> Result<(), ReadError> {
        self.find_headers();
        self.find_years();
        self.read_instructions();
        let named = match self.city_mentions {
            Some(n) => format!(
                "{}, named {n} times in the text",
                self.plan.municipality.name
            ),
            None => format!("no city is named in the text; {MUNICIPALITY}, the layout's city"),
        };
        let weak = match self.city_mentions {
            Some(n) => crate::normalise::weak_municipality_evidence(
                self.src.text,
                &self.plan.municipality.name,
                n,
            ),
            None => Some("the text names no city".to_owned()),
        };
        let message = format!(
            "the sheet has no title line; the plan is named 「{}」 after its municipality \
             ({named})",
            self.plan.title
        );
        self.diags.push(match weak {
            None => Diagnostic::info("title-supplied", self.loc(0), message),
            Some(why) => Diagnostic::warning(
                "municipality-inferred",
                self.loc(0),
                format!(
                    "{message}; weak evidence: {why}; check the municipality or give it when \
                     importing"
                ),
            ),
        });

        let anchors = self.find_anchors();
        if anchors.is_empty() {
            return Err(ReadError::Malformed {
                location: self.loc(0),
                message: "no measure row (計画書ページ / 担当部署 / 担当課) found".into(),
            });
        }
        // Status rows between consecutive anchors.
        let mut statuses: Vec<Option<StatusRow>> = Vec::with_capacity(anchors.len());
        for (k, anchor) in anchors.iter().enumerate() {
            let limit = anchors
                .get(k + 1)
                .map_or(self.lines.len(), |next| next.start);
            let mut found: Option<StatusRow> = None;
            for idx in anchor.end + 1..limit {
                if self.in_header.get(idx).copied().unwrap_or(false) {
                    continue;
                }
                if let Some(row) = self.status_row(idx) {
                    if found.is_none() {
                        found = Some(row);
                    } else {
                        self.diags.push(Diagnostic::warning(
                            "extra-status",
                            self.loc_field(idx, "取組状況"),
                            format!(
                                "a second 取組状況 cell in one measure's row; kept as text: 「{}」",
                                self.line(idx).trim()
                            ),
                        ));
                    }
                }
            }
            if found.is_none() {
                self.diags.push(Diagnostic::warning(
                    "missing-status",
                    self.loc_field(anchor.start, "取組状況"),
                    format!(
                        "no 取組状況 cell found for this measure; its cells are read up to the \
                         next measure and {} has no status",
                        self.years.current.wareki()
                    ),
                ));
            }
            statuses.push(found);
        }

        // Text before the first measure: group headings and the first name.
        let first_start = anchors.first().map_or(0, |a| a.start);
        let pre = self.paragraphs(0, first_start);
        let mut head_paras = self.take_headings(pre, None);

        for (k, anchor) in anchors.iter().enumerate() {
            let status = statuses.get(k).cloned().flatten();
            let next_start = anchors
                .get(k + 1)
                .map_or(self.lines.len(), |next| next.start);
            let mid_end = status.as_ref().map_or(next_start, |s| s.line);
            // The region after the status row: P22, headings, the next name.
            let group = self.group.clone();
            let (p22, next_head) = match &status {
                Some(row) => {
                    let after = row.line + 1;
                    let next_inline = anchors.get(k + 1).is_some_and(|a| !a.head.is_empty());
                    self.after_status(row, after, next_start, next_inline, k + 1 == anchors.len())
                }
                None => (None, Vec::new()),
            };
            let (name, description) = self.name_and_description(anchor, head_paras);
            head_paras = next_head;
            let heading_group = std::mem::replace(&mut self.group, group);
            self.measure(anchor, status.as_ref(), mid_end, name, description, p22);
            self.group = heading_group;
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------
    // Page headings and the sheet's instructions
    // -----------------------------------------------------------------------------------

    /// The columns' fiscal years, from the headings: 「令和２年度実施状況」 (the year before),
    /// 「令和３年度の実施計画」 (the sheet's year), 「今後（令和４年度以降）の実施計画」 (the next).
    /// A year the headings do not state is derived from the others; with no heading year at
    /// all, from the latest date in the text; each guess is a warning.
    fn find_years(&mut self) {
        let (mut result, mut current, mut next): (
            Option<FiscalYear>,
            Option<FiscalYear>,
            Option<FiscalYear>,
        ) = (None, None, None);
        let mut at = 0usize;
        for (idx, _) in self.in_header.iter().enumerate().filter(|(_, h)| **h) {
            let f = fold(self.line(idx));
            for part in f.split(' ') {
                let part = part.trim();
                let Some(year) = crate::normalise::parse_fiscal_year(part) else {
                    continue;
                };
                if part.starts_with("今後(") && part.ends_with("実施計画") {
                    next = next.or(Some(year));
                } else if part.ends_with("の実施計画") {
                    current = current.or(Some(year));
                } else if part.ends_with("年度実施状況") {
                    // The earliest 実施状況 column is the previous year's result.
                    if result.is_none_or(|r| year < r) {
                        result = Some(year);
                    }
                }
                at = at.max(idx);
            }
        }
        let current_from_results = result.filter(|r| current.is_none_or(|c| *r < c));
        let current = match (current, current_from_results, next) {
            (Some(c), _, _) => Some(c),
            (None, _, Some(n)) => Some(FiscalYear(n.0 - 1)),
            (None, Some(r), None) => Some(r.next()),
            _ => None,
        };
        let (current, guessed) = match current {
            Some(c) => (c, None),
            None => {
                let latest = crate::normalise::find_dates(self.src.text)
                    .into_iter()
                    .map(|d| d.date.fiscal_year())
                    .filter(|y| crate::options::SANE_YEARS.contains(&y.0))
                    .max();
                match latest {
                    Some(y) => (
                        y,
                        Some(format!(
                            "the headings name no fiscal year; the sheet's year is taken as {}, the fiscal year of the latest date in the text",
                            y.wareki()
                        )),
                    ),
                    None => (
                        FiscalYear(2021),
                        Some("the headings name no fiscal year and the text no date; the sheet's year is assumed to be 令和3年度 (the reference edition's); give the fiscal year when importing".to_owned()),
                    ),
                }
            }
        };
        let result = result.filter(|r| *r < current);
        let next = next.filter(|n| *n > current);
        let years = SheetYears {
            result: result.unwrap_or(FiscalYear(current.0 - 1)),
            current,
            next: next.unwrap_or(current.next()),
        };
        let mut missing = Vec::new();
        if result.is_none() {
            missing.push(format!(
                "{} (実施状況 of the year before)",
                years.result.wareki()
            ));
        }
        if next.is_none() {
            missing.push(format!("{} (今後の実施計画)", years.next.wareki()));
        }
        if let Some(message) = guessed {
            self.diags.push(Diagnostic::warning(
                "fiscal-year-inferred",
                self.loc(0),
                message,
            ));
        } else if !missing.is_empty() {
            self.diags.push(Diagnostic::warning(
                "fiscal-year-inferred",
                self.loc(at),
                format!(
                    "the headings name {} as the sheet's year but not {}; derived from it",
                    years.current.wareki(),
                    missing.join(", ")
                ),
            ));
        }
        self.years = years;
    }

    /// Page heading blocks: from 「取組状況」 or 「計画における項目 …」 to 「今後（令和４年度以降）の実施計画」.
    fn find_headers(&mut self) {
        let mut idx = 0;
        while idx < self.lines.len() {
            let t = fold(self.line(idx));
            let t = t.trim();
            let starts = t == "取組状況" || t.starts_with("計画における項目");
            let end = if starts {
                (idx..self.lines.len().min(idx + 40)).find(|&j| {
                    let f = fold(self.line(j));
                    let f = f.trim();
                    f.starts_with("今後(") && f.ends_with("実施計画")
                })
            } else {
                None
            };
            match end {
                Some(end) => {
                    for j in idx..=end {
                        if let Some(flag) = self.in_header.get_mut(j) {
                            *flag = true;
                        }
                    }
                    self.headers.push((idx, end));
                    idx = end + 1;
                }
                None => idx += 1,
            }
        }
    }

    /// The first heading block holds the sheet's data-entry instructions: kept as a
    /// narrative; checked against the status scale. Later blocks are repeated page headings.
    fn read_instructions(&mut self) {
        let headers = self.headers.clone();
        let Some(&(start, end)) = headers.first() else {
            self.diags.push(Diagnostic::warning(
                "status-scale-missing",
                self.loc(0),
                "the sheet's instructions (取組状況 ア–オ, 達成度) were not found; the standard \
                 scale ア 実施済 / イ 一部実施 / ウ 準備中 / エ 未実施 / オ その他 is assumed",
            ));
            return;
        };
        let text = (start..=end)
            .map(|i| self.line(i).trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let key = match_key(&text).replace('\n', "");
        let missing: Vec<String> = self
            .plan
            .status_scale
            .levels
            .iter()
            .filter(|l| {
                let code = l.code.clone().unwrap_or_default();
                !key.contains(&format!("{code}{}", l.label))
            })
            .map(|l| format!("{}　{}", l.code.clone().unwrap_or_default(), l.label))
            .collect();
        if !missing.is_empty() {
            self.diags.push(Diagnostic::warning(
                "status-scale-incomplete",
                self.loc_field(start + 1, "取組状況"),
                format!(
                    "the sheet's instructions list the statuses garbled and without {}; the \
                     sheet's full scale ア 実施済 / イ 一部実施 / ウ 準備中 / エ 未実施 / オ その他 \
                     is assumed",
                    missing.join(", ")
                ),
            ));
        }
        self.plan.narratives.push(Narrative {
            title: "記入要領（取組状況・達成度）".into(),
            text,
            location: self.loc(start),
        });
        for &(s, e) in headers.iter().skip(1) {
            self.diags.push(Diagnostic::info(
                "page-header",
                self.loc(s),
                format!(
                    "repeated page heading (column headings and instructions), lines {}–{}: skipped",
                    s + 1,
                    e + 1
                ),
            ));
        }
    }

    // -----------------------------------------------------------------------------------
    // Anchors and status rows
    // -----------------------------------------------------------------------------------

    fn find_anchors(&self) -> Vec<Anchor> {
        let mut anchors: Vec<Anchor> = Vec::new();
        let mut idx = 0;
        while idx < self.lines.len() {
            if !self.in_header.get(idx).copied().unwrap_or(false)
                && let Some(anchor) = self.anchor_at(idx)
            {
                idx = anchor.end + 1;
                anchors.push(anchor);
                continue;
            }
            idx += 1;
        }
        anchors
    }

    /// The next paragraph from `from` (skipping blank lines): (cell, last index).
    fn paragraph_from(&self, from: usize) -> Option<(Cell, usize)> {
        let mut idx = from;
        while idx < self.lines.len() && self.blank(idx) {
            if self.in_header.get(idx).copied().unwrap_or(false) {
                return None;
            }
            idx += 1;
        }
        let mut cell = Cell::default();
        let mut last = idx;
        while idx < self.lines.len() && !self.is_break(idx) {
            cell.lines.push((idx + 1, self.line(idx).to_owned()));
            last = idx;
            idx += 1;
        }
        (!cell.lines.is_empty()).then_some((cell, last))
    }

    fn anchor_at(&self, idx: usize) -> Option<Anchor> {
        let line = self.line(idx);
        let parts = split_row(line.trim());
        if parts.is_empty() || status_index(&parts).is_some() {
            return None;
        }
        let page_of = |p: &str| {
            let f = fold(p);
            match added_in(f.trim()) {
                Some(year) => Page::Added(p.to_owned(), year),
                None => Page::Numbered(p.to_owned()),
            }
        };
        // 「18 市民部 熊谷保健センター …」 / 「26 福祉部」 (division below).
        let with_page = (0..parts.len()).find(|&k| {
            parts.get(k).is_some_and(|p| is_page_token(p))
                && parts.get(k + 1).is_some_and(|d| is_dept_text(d))
        });
        if let Some(k) = with_page {
            let page = page_of(parts.get(k)?);
            let dept = Cell::one(idx + 1, parts.get(k + 1)?.clone());
            let head = parts.get(..k)?.to_vec();
            return Some(match parts.get(k + 2) {
                Some(div) if !is_percent_part(div) => Anchor {
                    start: idx,
                    end: idx,
                    head,
                    page,
                    dept,
                    division: Some(Cell::one(idx + 1, div.clone())),
                    rest: parts.get(k + 3..).unwrap_or_default().to_vec(),
                },
                _ => {
                    let (division, end) = self.division_below(idx + 1);
                    Anchor {
                        start: idx,
                        end: end.unwrap_or(idx),
                        head,
                        page,
                        dept,
                        division,
                        rest: parts.get(k + 2..).unwrap_or_default().to_vec(),
                    }
                }
            });
        }
        let at_paragraph_start = idx == 0 || self.is_break(idx - 1);
        // 「18」 alone, 「市民部・\n福祉部」 below, then the divisions.
        if parts.len() == 1 && parts.first().is_some_and(|p| is_page_token(p)) {
            let mut dept = Cell::default();
            let mut j = idx + 1;
            while j < self.lines.len() && !self.is_break(j) {
                dept.lines.push((j + 1, self.line(j).trim().to_owned()));
                j += 1;
            }
            if dept.lines.is_empty() || !is_dept_text(&dept.flat()) {
                return None;
            }
            let (division, end) = self.division_below(j);
            return Some(Anchor {
                start: idx,
                end: end.unwrap_or(j.saturating_sub(1)),
                head: Vec::new(),
                page: page_of(parts.first()?),
                dept,
                division,
                rest: Vec::new(),
            });
        }
        // 「建設部 営繕課」: no page.
        if at_paragraph_start
            && parts.len() >= 2
            && parts.first().is_some_and(|d| is_dept_text(d))
            && parts.get(1).is_some_and(|d| is_division_list(d))
        {
            return Some(Anchor {
                start: idx,
                end: idx,
                head: Vec::new(),
                page: Page::Missing,
                dept: Cell::one(idx + 1, parts.first()?.clone()),
                division: Some(Cell::one(idx + 1, parts.get(1)?.clone())),
                rest: parts.get(2..).unwrap_or_default().to_vec(),
            });
        }
        None
    }

    /// The division paragraph below a page/department cell, when it looks like one.
    fn division_below(&self, from: usize) -> (Option<Cell>, Option<usize>) {
        match self.paragraph_from(from) {
            Some((cell, last)) if is_division_list(&cell.flat()) => (Some(cell), Some(last)),
            _ => (None, None),
        }
    }

    fn status_row(&self, idx: usize) -> Option<StatusRow> {
        let parts = split_row(self.line(idx).trim());
        let j = status_index(&parts)?;
        let original = parts.get(j)?.clone();
        let (code, label) = status_token(&original)?;
        let (achievement, trailing_from) = match parts.get(j + 1) {
            Some(p) if is_percent_part(p) || is_dash(p) => (Some(p.clone()), j + 2),
            _ => (None, j + 1),
        };
        Some(StatusRow {
            line: idx,
            leading: parts.get(..j).unwrap_or_default().to_vec(),
            code,
            label,
            original,
            achievement,
            trailing: parts.get(trailing_from..).unwrap_or_default().to_vec(),
        })
    }

    // -----------------------------------------------------------------------------------
    // Paragraph-level text around the rows
    // -----------------------------------------------------------------------------------

    /// Paragraphs of lines `from..to` (0-based, half-open); blank lines and page headings
    /// separate them.
    fn paragraphs(&self, from: usize, to: usize) -> Vec<Cell> {
        let mut out = Vec::new();
        let mut cur = Cell::default();
        for idx in from..to.min(self.lines.len()) {
            if self.is_break(idx) {
                if !cur.lines.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            } else {
                cur.lines.push((idx + 1, self.line(idx).to_owned()));
            }
        }
        if !cur.lines.is_empty() {
            out.push(cur);
        }
        out
    }

    /// Takes group headings out of `paras` (creating the groups); returns the paragraphs
    /// after the last heading. Paragraphs before a heading are the previous measure's P22
    /// continuation and are handed to `spill` (or reported when there is none).
    fn take_headings(&mut self, paras: Vec<Cell>, mut spill: Option<&mut Cell>) -> Vec<Cell> {
        let mut after: Vec<Cell> = Vec::new();
        for para in paras {
            let first = para
                .lines
                .first()
                .map(|(_, l)| l.clone())
                .unwrap_or_default();
            if let Some((kind, label, number, title)) = heading(&first) {
                for left in std::mem::take(&mut after) {
                    self.unassigned(left, spill.as_deref_mut());
                }
                let mut full_title = title;
                for (_, l) in para.lines.iter().skip(1) {
                    full_title.push_str(l.trim());
                }
                self.add_group(kind, label, &number, &full_title, para.first_line());
            } else {
                after.push(para);
            }
        }
        after
    }

    /// Text that belongs to no column: appended to the previous measure's 今後の実施計画 when
    /// there is one, and reported either way.
    fn unassigned(&mut self, para: Cell, spill: Option<&mut Cell>) {
        let line = para.first_line();
        let text = para.text();
        match spill {
            Some(target) => {
                self.diags.push(Diagnostic::warning(
                    "unassigned-text",
                    self.src.loc_field(line, self.years.label_next()),
                    format!(
                        "a paragraph between two measures belongs to no column; appended to the \
                         previous measure's 今後の実施計画: 「{text}」"
                    ),
                ));
                target.append(para);
            }
            None => self.diags.push(Diagnostic::warning(
                "unassigned-text",
                self.src.loc(line),
                format!("a paragraph belongs to no measure and no column: 「{text}」"),
            )),
        }
    }

    fn add_group(&mut self, kind: GroupKind, label: &str, number: &str, title: &str, line: usize) {
        let base = format!("{label}{}", fold(number).trim());
        let mut key = base.clone();
        let mut n = 2;
        while self.group_keys.contains(&key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        self.group_keys.insert(key.clone());
        if key != base {
            self.diags.push(Diagnostic::warning(
                "duplicate-group",
                self.src.loc(line),
                format!("「{label}{number}」 appears twice; the second is keyed 「{key}」"),
            ));
        }
        let key = GroupKey::new(key);
        self.plan.groups.push(Group {
            key: key.clone(),
            kind,
            label: label.to_owned(),
            number: Some(number.to_owned()),
            title: title.trim().to_owned(),
            parent: None,
            location: self.src.loc(line),
        });
        self.group = Some(key);
    }

    /// The region after a status row up to the next anchor: (P22, paragraphs after the last
    /// group heading = the next measure's name and description).
    fn after_status(
        &mut self,
        row: &StatusRow,
        from: usize,
        to: usize,
        next_inline_name: bool,
        last: bool,
    ) -> (Option<Cell>, Vec<Cell>) {
        let mut paras = self.paragraphs(from, to);
        let attached = !self.is_break(from) && from < to;
        let mut p22: Option<Cell> = None;
        if !row.trailing.is_empty() {
            let mut cell = Cell::one(row.line + 1, row.trailing.join(" "));
            if attached && !paras.is_empty() {
                cell.append(paras.remove(0));
            }
            p22 = Some(cell);
        } else if let Some(first) = paras.first() {
            let first_is_heading = first
                .lines
                .first()
                .is_some_and(|(_, l)| heading(l).is_some());
            let names_left = paras
                .iter()
                .skip(1)
                .filter(|p| p.lines.first().is_none_or(|(_, l)| heading(l).is_none()))
                .count();
            if !first_is_heading && (attached || last || next_inline_name || names_left > 0) {
                p22 = Some(paras.remove(0));
            }
        }
        if last {
            if let Some(target) = p22.as_mut() {
                for para in paras {
                    self.unassigned(para, Some(target));
                }
            } else {
                for para in paras {
                    self.unassigned(para, None);
                }
            }
            return (p22, Vec::new());
        }
        let rest = self.take_headings(paras, p22.as_mut());
        (p22, rest)
    }

    fn name_and_description(
        &mut self,
        anchor: &Anchor,
        paras: Vec<Cell>,
    ) -> (Option<Cell>, Option<Cell>) {
        let line = anchor.start + 1;
        let mut head: Vec<Cell> = paras;
        head.extend(anchor.head.iter().map(|p| Cell::one(line, p.clone())));
        match head.len() {
            0 => (None, None),
            1 => {
                let (name, desc) = head.remove(0).split_first_line();
                (Some(name), (!desc.is_empty()).then_some(desc))
            }
            _ => {
                let name = head.remove(0);
                if head.len() > 1 {
                    self.diags.push(Diagnostic::warning(
                        "extra-cells",
                        self.src.loc_field(name.first_line(), "実施内容"),
                        format!(
                            "{} paragraphs before the measure's page cell; the first is the name, \
                             the rest are joined into the description",
                            head.len() + 1
                        ),
                    ));
                }
                (Some(name), join_cells(head))
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // One measure
    // -----------------------------------------------------------------------------------

    /// Cells of lines `from..to` (0-based): paragraphs, and the parts of lines that hold
    /// several cells.
    fn cells(&self, from: usize, to: usize) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let mut cur = Cell::default();
        for idx in from..to.min(self.lines.len()) {
            if self.is_break(idx) {
                if !cur.lines.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut cur)));
                }
                continue;
            }
            let line = self.line(idx);
            let trimmed = line.trim_matches(' ');
            if trimmed.contains(' ') || is_percent_part(trimmed) {
                if !cur.lines.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut cur)));
                }
                out.extend(parts_to_pieces(&split_row(trimmed), idx + 1));
            } else {
                cur.lines.push((idx + 1, line.to_owned()));
            }
        }
        if !cur.lines.is_empty() {
            out.push(Piece::Text(cur));
        }
        out
    }

    fn measure(
        &mut self,
        anchor: &Anchor,
        status: Option<&StatusRow>,
        mid_end: usize,
        name: Option<Cell>,
        description: Option<Cell>,
        p22: Option<Cell>,
    ) {
        let anchor_line = anchor.start + 1;
        // Name, key, measure.
        let name_text = match &name {
            Some(cell) => cell.flat(),
            None => {
                self.diags.push(Diagnostic::error(
                    "missing-name",
                    self.src.loc_field(anchor_line, "計画における項目"),
                    "no measure name before this page/部/課 cell; the measure is named after its line",
                ));
                format!("（名称なし {anchor_line}行）")
            }
        };
        let location = self
            .src
            .loc(name.as_ref().map_or(anchor_line, Cell::first_line));
        let key = self.measure_key(&name_text, &location);
        let description_text = description.as_ref().map(Cell::text);
        if let (Some(desc), Some(cell)) = (&description_text, &description) {
            let ends = desc.trim_end().chars().next_back();
            if !ends.is_some_and(|c| "。．.）)」』！？!?".contains(c)) {
                self.diags.push(Diagnostic::warning(
                    "truncated-text",
                    self.src.loc_field(cell.first_line(), "実施内容"),
                    format!(
                        "the description of 「{name_text}」 ends mid-sentence (「…{}」): the \
                         converter seems to have lost its end; kept as read",
                        desc.chars()
                            .rev()
                            .take(12)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect::<String>()
                    ),
                ));
            }
        }
        let plan_page = match &anchor.page {
            Page::Numbered(p) => Some(p.clone()),
            Page::Added(original, year) => {
                self.diags.push(Diagnostic::info(
                    "added-measure",
                    self.src.loc_field(anchor_line, "計画書ページ"),
                    format!(
                        "「{name_text}」: the page column says 「{original}」 (added in {}): no plan \
                         page and no {} columns; its cells are read as {} plan, result \
                         and evaluation",
                        year.wareki(),
                        self.years.result.wareki(),
                        self.years.current.wareki()
                    ),
                ));
                None
            }
            Page::Missing => {
                self.diags.push(Diagnostic::warning(
                    "missing-page",
                    self.src.loc_field(anchor_line, "計画書ページ"),
                    format!(
                        "「{name_text}」 has no 計画書ページ and no {r} cells; read as a measure \
                         without {r} columns (its cells are {c} plan, result and \
                         evaluation)",
                        r = self.years.result.wareki(),
                        c = self.years.current.wareki()
                    ),
                ));
                None
            }
        };
        self.plan.measures.push(Measure {
            key: key.clone(),
            number: None,
            name: name_text.clone(),
            description: description_text,
            audience: None,
            plan_page,
            location: location.clone(),
        });
        match self.group.clone() {
            Some(group) => self.plan.listings.push(Listing {
                measure: key.clone(),
                group,
                relisted: false,
                location: location.clone(),
            }),
            None => self.diags.push(Diagnostic::warning(
                "no-group",
                location.clone(),
                format!(
                    "「{name_text}」 comes before any 基本施策 heading; it is listed under no group"
                ),
            )),
        }

        // Departments and divisions.
        let divisions = self.assign(anchor, &key, &name_text);

        // The fiscal-year cells.
        let mut pieces: Vec<Piece> = parts_to_pieces(&anchor.rest, anchor_line);
        let mid_from = anchor.end + 1;
        pieces.extend(self.cells(mid_from, mid_end));
        if let Some(row) = status {
            pieces.extend(parts_to_pieces(&row.leading, row.line + 1));
        }
        let has_2020_columns = matches!(anchor.page, Page::Numbered(_));
        let mut fields = self.realign(pieces, has_2020_columns, &name_text, anchor_line);
        fields.p22 = p22;

        self.records(&key, &name_text, &divisions, fields, status, anchor_line);
    }

    fn measure_key(&mut self, name: &str, location: &Location) -> MeasureKey {
        let base = collapse_ws(name);
        let mut key = base.clone();
        let mut n = 2;
        while self.measure_keys.contains(&key) {
            key = format!("{base}（{n}）");
            n += 1;
        }
        // The caller pushes the measure under this key.
        self.measure_keys.insert(key.clone());
        if key != base {
            self.diags.push(Diagnostic::warning(
                "duplicate-measure",
                location.clone(),
                format!("a second measure named 「{name}」; keyed 「{key}」"),
            ));
        }
        MeasureKey::new(key)
    }

    /// Creates departments/divisions and the measure's assignments; returns its divisions.
    fn assign(&mut self, anchor: &Anchor, measure: &MeasureKey, name: &str) -> Vec<DivisionKey> {
        let dept_line = anchor.dept.first_line();
        let depts: Vec<String> = anchor
            .dept
            .flat()
            .split('・')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let Some(div_cell) = &anchor.division else {
            self.diags.push(Diagnostic::warning(
                "missing-division",
                self.src.loc_field(dept_line, "担当課"),
                format!("「{name}」 has no 担当課 cell; no division is assigned"),
            ));
            return Vec::new();
        };
        let div_line = div_cell.first_line();
        let divs: Vec<String> = div_cell
            .flat()
            .split('・')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let mut keys = Vec::new();
        for (i, div) in divs.iter().enumerate() {
            let external = depts.len() < divs.len() && i > 0 && is_external_name(div);
            let dept = if external {
                self.diags.push(Diagnostic::info(
                    "external-division",
                    self.src.loc_field(div_line, "担当課"),
                    format!(
                        "「{div}」 (with 「{}」) is a partner body, not a division of 「{}」: recorded \
                         as an external division without department",
                        divs.first().cloned().unwrap_or_default(),
                        depts.first().cloned().unwrap_or_default()
                    ),
                ));
                None
            } else if depts.len() == divs.len() {
                depts.get(i).cloned()
            } else if depts.len() == 1 {
                depts.first().cloned()
            } else {
                let d = depts.get(i).cloned();
                self.diags.push(Diagnostic::warning(
                    "department-division-count",
                    self.src.loc_field(div_line, "担当課"),
                    format!(
                        "{} departments for {} divisions; 「{div}」 paired by position with {}",
                        depts.len(),
                        divs.len(),
                        d.clone()
                            .map_or("no department".to_owned(), |d| format!("「{d}」"))
                    ),
                ));
                d
            };
            let dept_key = dept.map(|d| self.department(&d));
            let key = self.division(div, dept_key, external, div_line);
            self.plan.assignments.push(Assignment {
                measure: measure.clone(),
                division: key.clone(),
                location: self.src.loc_field(div_line, "担当課"),
            });
            keys.push(key);
        }
        keys
    }

    fn department(&mut self, name: &str) -> DepartmentKey {
        let key = DepartmentKey::new(name);
        if self.plan.department(&key).is_none() {
            self.plan.departments.push(Department {
                key: key.clone(),
                name: name.to_owned(),
                renames: Vec::new(),
            });
        }
        key
    }

    fn division(
        &mut self,
        name: &str,
        dept: Option<DepartmentKey>,
        external: bool,
        line: usize,
    ) -> DivisionKey {
        let key = DivisionKey::new(name);
        match self.plan.divisions.iter().find(|d| d.key == key) {
            Some(existing) => {
                if existing.department != dept && !existing.external && !external {
                    let was = existing
                        .department
                        .as_ref()
                        .map_or("none".to_owned(), |d| d.to_string());
                    self.diags.push(Diagnostic::warning(
                        "division-department",
                        self.src.loc_field(line, "担当部署"),
                        format!(
                            "「{name}」 is under 「{was}」 elsewhere but under 「{}」 here; the first \
                             is kept",
                            dept.as_ref().map_or("none".to_owned(), |d| d.to_string())
                        ),
                    ));
                }
            }
            None => self.plan.divisions.push(Division {
                key: key.clone(),
                name: name.to_owned(),
                department: dept,
                external,
                renames: Vec::new(),
            }),
        }
        key
    }

    /// Assigns the row's cells to the sheet's columns.
    fn realign(
        &mut self,
        pieces: Vec<Piece>,
        has_2020_columns: bool,
        name: &str,
        anchor_line: usize,
    ) -> RowFields {
        let mut fields = RowFields::default();
        let pct = pieces
            .iter()
            .position(|p| matches!(p, Piece::Percent { .. }));
        let mut texts_before: Vec<Cell> = Vec::new();
        let mut texts_after: Vec<Cell> = Vec::new();
        for (i, piece) in pieces.into_iter().enumerate() {
            match piece {
                Piece::Percent { text, line } if Some(i) == pct => {
                    fields.a20 = Some((text, line));
                }
                Piece::Percent { text, line } => {
                    self.diags.push(Diagnostic::warning(
                        "extra-achievement",
                        self.src.loc_field(line, "達成度（％）"),
                        format!(
                            "a second 達成度 cell 「{text}」 in the {} cells; kept as text",
                            self.years.current.wareki()
                        ),
                    ));
                    let cell = Cell::one(line, text);
                    if pct.is_some_and(|p| i > p) {
                        texts_after.push(cell);
                    } else {
                        texts_before.push(cell);
                    }
                }
                Piece::Text(cell) => {
                    if pct.is_some_and(|p| i > p) {
                        texts_after.push(cell);
                    } else {
                        texts_before.push(cell);
                    }
                }
            }
        }
        if pct.is_some() || has_2020_columns {
            fields.has_2020 = true;
        }
        let (label_plan, label_result, label_evaluation, label_previous) = (
            self.years.label_plan(),
            self.years.label_current_result(),
            self.years.label_evaluation(),
            self.years.label_result(),
        );
        let slots_2021 = [
            label_plan.as_str(),
            label_result.as_str(),
            label_evaluation.as_str(),
        ];
        let previous = self.years.result.wareki();
        if pct.is_some() {
            // 令和2年度 result = the cells before the 達成度.
            if texts_before.len() > 1 {
                self.diags.push(Diagnostic::warning(
                    "extra-cells",
                    self.src.loc_field(
                        texts_before.first().map_or(anchor_line, Cell::first_line),
                        label_previous.as_str(),
                    ),
                    format!(
                        "「{name}」: {} cells before the {previous} 達成度; joined into the \
                         {previous} result",
                        texts_before.len()
                    ),
                ));
            }
            fields.r20 = join_cells(texts_before);
            if fields.r20.is_none() {
                let line = fields.a20.as_ref().map_or(anchor_line, |(_, l)| *l);
                self.diags.push(Diagnostic::info(
                    "empty-cell",
                    self.src.loc_field(line, label_previous.as_str()),
                    format!(
                        "「{name}」: the {previous} result cell is empty (its 達成度 is given)"
                    ),
                ));
            }
            let mut slots = self
                .fit(texts_after, &slots_2021, name, anchor_line)
                .into_iter();
            fields.p21 = slots.next().flatten();
            fields.r21 = slots.next().flatten();
            fields.e21 = slots.next().flatten();
        } else if has_2020_columns {
            let names = [
                label_previous.as_str(),
                slots_2021[0],
                slots_2021[1],
                slots_2021[2],
            ];
            let mut slots = self
                .fit(texts_before, &names, name, anchor_line)
                .into_iter();
            fields.r20 = slots.next().flatten();
            fields.p21 = slots.next().flatten();
            fields.r21 = slots.next().flatten();
            fields.e21 = slots.next().flatten();
        } else {
            let mut slots = self
                .fit(texts_before, &slots_2021, name, anchor_line)
                .into_iter();
            fields.p21 = slots.next().flatten();
            fields.r21 = slots.next().flatten();
            fields.e21 = slots.next().flatten();
        }
        fields
    }

    /// Fits cells to `slots` columns, inferring merged-cell boundaries or missing cells.
    fn fit(
        &mut self,
        mut cells: Vec<Cell>,
        slots: &[&str],
        name: &str,
        anchor_line: usize,
    ) -> Vec<Option<Cell>> {
        let n = slots.len();
        while cells.len() < n {
            let best = cells
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.first_line_gap().map(|g| (i, g)))
                .filter(|(_, g)| *g > 0.05)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let Some((i, _)) = best else { break };
            if i >= cells.len() {
                break;
            }
            let merged = cells.remove(i);
            let (first, rest) = merged.split_first_line();
            let slot_a = slots.get(i).copied().unwrap_or("?");
            let slot_b = slots.get(i + 1).copied().unwrap_or("?");
            self.diags.push(Diagnostic::warning(
                "inferred-cell-boundary",
                self.src.loc_field(first.first_line(), slot_a),
                format!(
                    "「{name}」: one cell short; the paragraph at lines {}–{} is split after its \
                     short first line: 「{}」 read as {slot_a}, the rest as {slot_b}",
                    first.first_line(),
                    rest.last_line(),
                    first.text()
                ),
            ));
            cells.insert(i, rest);
            cells.insert(i, first);
        }
        if cells.len() < n {
            let missing: Vec<&str> = slots.get(cells.len()..).unwrap_or_default().to_vec();
            let line = cells.last().map_or(anchor_line, Cell::first_line);
            self.diags.push(Diagnostic::warning(
                "missing-cell",
                self.src
                    .loc_field(line, missing.first().copied().unwrap_or("?")),
                format!(
                    "「{name}」: {} cells for {} columns and no merged paragraph to split; the \
                     cells are read in column order and {} left empty",
                    cells.len(),
                    n,
                    missing.join(", ")
                ),
            ));
        }
        if cells.len() > n {
            let extra = cells.split_off(n.saturating_sub(1));
            let line = extra.first().map_or(anchor_line, Cell::first_line);
            self.diags.push(Diagnostic::warning(
                "extra-cells",
                self.src.loc_field(line, slots.last().copied().unwrap_or("?")),
                format!(
                    "「{name}」: {} cells where {} columns were expected; the last {} are joined into {}",
                    n + extra.len() - 1,
                    n,
                    extra.len(),
                    slots.last().copied().unwrap_or("?")
                ),
            ));
            cells.extend(join_cells(extra));
        }
        let mut out: Vec<Option<Cell>> = cells.into_iter().map(Some).collect();
        out.resize_with(n, || None);
        out
    }

    // -----------------------------------------------------------------------------------
    // Records
    // -----------------------------------------------------------------------------------

    fn achievement(&mut self, text: &str, line: usize, field: &str) -> Achievement {
        let f = fold(text);
        let t = f.trim();
        let value = if t.is_empty() || is_dash(t) {
            AchievementValue::Blank
        } else if let Some(p) = parse_percent(t) {
            let number = t.trim_end_matches('%').trim();
            if number.contains('.') {
                self.diags.push(Diagnostic::warning(
                    "non-integer-achievement",
                    self.src.loc_field(line, field),
                    format!(
                        "達成度 「{text}」 is not an integer as the sheet asks; recorded as {p} % \
                         (rounded), the original kept"
                    ),
                ));
            }
            AchievementValue::Percent(p)
        } else {
            self.diags.push(Diagnostic::error(
                "unparsed-achievement",
                self.src.loc_field(line, field),
                format!("達成度 「{text}」 could not be read"),
            ));
            AchievementValue::Unparsed
        };
        Achievement {
            value,
            original: text.to_owned(),
        }
    }

    fn records(
        &mut self,
        measure: &MeasureKey,
        name: &str,
        divisions: &[DivisionKey],
        fields: RowFields,
        status: Option<&StatusRow>,
        anchor_line: usize,
    ) {
        let joint_division = match divisions {
            [one] => Some(one.clone()),
            _ => None,
        };
        let div_names: Vec<String> = divisions.iter().map(|d| d.to_string()).collect();

        // 令和2年度.
        if fields.has_2020 {
            let a20 = match &fields.a20 {
                Some((text, line)) => self.achievement(text, *line, "達成度（％）"),
                None => Achievement {
                    value: AchievementValue::Blank,
                    original: String::new(),
                },
            };
            let line = fields
                .r20
                .as_ref()
                .map(Cell::first_line)
                .or(fields.a20.as_ref().map(|(_, l)| *l))
                .unwrap_or(anchor_line);
            let texts = [fields.r20.as_ref().map(Cell::text)];
            let base = Year {
                year: self.years.result,
                texts,
                line,
            };
            for (division, [result], bodies) in
                self.per_division(&base, &div_names, divisions, name, &joint_division)
            {
                let mut rec = ProgressRecord::new(
                    measure.clone(),
                    division,
                    self.years.result,
                    self.src.loc(line),
                );
                rec.outputs = bodies
                    .first()
                    .and_then(|b| b.as_deref())
                    .map(outputs)
                    .unwrap_or_default();
                rec.result_text = result;
                rec.achievement = Some(a20.clone());
                self.plan.records.push(rec);
            }
        }

        // 令和3年度.
        let status_value = status.map(|row| Status {
            code: Some(row.code.clone()),
            label: row.label.clone(),
            original: row.original.clone(),
        });
        let a21 = status.map(|row| match &row.achievement {
            Some(text) => self.achievement(
                text,
                row.line + 1,
                &format!("達成度（％）_{}", self.years.current.wareki()),
            ),
            None => Achievement {
                value: AchievementValue::Blank,
                original: String::new(),
            },
        });
        let line = fields
            .p21
            .as_ref()
            .or(fields.r21.as_ref())
            .map(Cell::first_line)
            .or(status.map(|s| s.line + 1))
            .unwrap_or(anchor_line);
        let base = Year {
            year: self.years.current,
            texts: [
                fields.p21.as_ref().map(Cell::text),
                fields.r21.as_ref().map(Cell::text),
                fields.e21.as_ref().map(Cell::text),
            ],
            line,
        };
        for (division, [plan_text, result, evaluation], bodies) in
            self.per_division(&base, &div_names, divisions, name, &joint_division)
        {
            let mut rec = ProgressRecord::new(
                measure.clone(),
                division,
                self.years.current,
                self.src.loc(line),
            );
            rec.outputs = bodies
                .get(1)
                .and_then(|b| b.as_deref())
                .map(outputs)
                .unwrap_or_default();
            rec.plan_text = plan_text;
            rec.result_text = result;
            rec.evaluation_text = evaluation;
            rec.status = status_value.clone();
            rec.achievement = a21.clone();
            self.plan.records.push(rec);
        }

        // 今後（令和４年度以降）の実施計画.
        if let Some(p22) = &fields.p22 {
            let line = p22.first_line();
            let base = Year {
                year: self.years.next,
                texts: [Some(p22.text())],
                line,
            };
            for (division, [plan_text], _) in
                self.per_division(&base, &div_names, divisions, name, &joint_division)
            {
                let mut rec = ProgressRecord::new(
                    measure.clone(),
                    division,
                    self.years.next,
                    self.src.loc(line),
                );
                rec.plan_text = plan_text;
                self.plan.records.push(rec);
            }
        } else if status.is_some() {
            self.diags.push(Diagnostic::warning(
                "missing-cell",
                self.src.loc_field(
                    status.map_or(anchor_line, |s| s.line + 1),
                    self.years.label_next(),
                ),
                format!("「{name}」 has no {}", self.years.label_next()),
            ));
        }
    }

    /// Splits a year's texts per division when every non-empty text is marked per division
    /// (「…（母子健康センター）…（こども課）」) and names every division of the measure; else one
    /// record (for the single division, or joint). Yields (division, texts, bodies) where the
    /// bodies are the texts without their division markers (for output parsing).
    #[allow(clippy::type_complexity)]
    fn per_division<const N: usize>(
        &mut self,
        base: &Year<N>,
        div_names: &[String],
        divisions: &[DivisionKey],
        name: &str,
        joint_division: &Option<DivisionKey>,
    ) -> Vec<(
        Option<DivisionKey>,
        [Option<String>; N],
        [Option<String>; N],
    )> {
        let joint = || {
            vec![(
                joint_division.clone(),
                base.texts.clone(),
                base.texts.clone(),
            )]
        };
        if divisions.len() < 2 || base.texts.iter().all(Option::is_none) {
            return joint();
        }
        let mut splits: Vec<Option<Vec<Segment>>> = Vec::with_capacity(N);
        let mut any_marker = false;
        let mut all_marked = true;
        for text in &base.texts {
            match text {
                None => splits.push(None),
                Some(t) => {
                    let markers = find_markers(t, div_names);
                    any_marker |= !markers.is_empty();
                    match split_marked(t, &markers) {
                        Some(segs) => splits.push(Some(segs)),
                        None => {
                            all_marked = false;
                            splits.push(None);
                        }
                    }
                }
            }
        }
        let mentioned: Vec<usize> = (0..divisions.len())
            .filter(|d| {
                splits
                    .iter()
                    .flatten()
                    .any(|segs| segs.iter().any(|s| s.division == *d))
            })
            .collect();
        if !all_marked || mentioned.len() != divisions.len() {
            if any_marker {
                self.diags.push(Diagnostic::info(
                    "joint-record",
                    self.src.loc(base.line),
                    format!(
                        "「{name}」 {}: some texts are marked per division (「（{}）」) but not all; \
                         kept as one joint record of {}",
                        base.year.wareki(),
                        div_names.join("）」「（"),
                        div_names.join("・")
                    ),
                ));
            }
            return joint();
        }
        let mut abbreviations: Vec<String> = Vec::new();
        for segs in splits.iter().flatten() {
            for s in segs {
                if s.abbreviated && !abbreviations.contains(&s.marker) {
                    abbreviations.push(s.marker.clone());
                }
            }
        }
        for marker in abbreviations {
            let full = find_markers(&marker, div_names)
                .first()
                .and_then(|m| div_names.get(m.division).cloned())
                .unwrap_or_default();
            self.diags.push(Diagnostic::info(
                "abbreviated-division",
                self.src.loc(base.line),
                format!(
                    "「{name}」 {}: the marker 「{marker}」 is taken as 「{full}」",
                    base.year.wareki()
                ),
            ));
        }
        self.diags.push(Diagnostic::info(
            "per-division-split",
            self.src.loc(base.line),
            format!(
                "「{name}」 {}: every text is marked per division; split into one record per \
                 division ({}){}",
                base.year.wareki(),
                div_names.join("・"),
                if base.year == self.years.current {
                    "; the row's 取組状況 and 達成度 apply to each"
                } else {
                    ""
                }
            ),
        ));
        let mut out = Vec::new();
        for (d, key) in divisions.iter().enumerate() {
            let mut texts: [Option<String>; N] = std::array::from_fn(|_| None);
            let mut bodies: [Option<String>; N] = std::array::from_fn(|_| None);
            for (i, segs) in splits.iter().enumerate() {
                let Some(segs) = segs else { continue };
                let mine: Vec<&Segment> = segs.iter().filter(|s| s.division == d).collect();
                if mine.is_empty() {
                    continue;
                }
                if let Some(slot) = texts.get_mut(i) {
                    *slot = Some(
                        mine.iter()
                            .map(|s| s.text.as_str())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                }
                if let Some(slot) = bodies.get_mut(i) {
                    *slot = Some(
                        mine.iter()
                            .map(|s| s.body.as_str())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                }
            }
            out.push((Some(key.clone()), texts, bodies));
        }
        out
    }
}

/// The texts of one fiscal year of a row.
struct Year<const N: usize> {
    year: FiscalYear,
    texts: [Option<String>; N],
    line: usize,
}

fn parts_to_pieces(parts: &[String], line: usize) -> Vec<Piece> {
    parts
        .iter()
        .map(|p| {
            if is_percent_part(p) {
                Piece::Percent {
                    text: p.clone(),
                    line,
                }
            } else {
                Piece::Text(Cell::one(line, p.clone()))
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Per-division markers
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Marker {
    /// Byte range of 「（…）」 in the text (it may contain a line break).
    start: usize,
    end: usize,
    division: usize,
    abbreviated: bool,
    inner: String,
}

#[derive(Debug, Clone)]
struct Segment {
    division: usize,
    text: String,
    body: String,
    abbreviated: bool,
    marker: String,
}

/// 「（こども課）」「（母子\n健康センター）」「（母子健）」: parenthesised names of the measure's
/// divisions (an unambiguous prefix of at least two characters counts, as an abbreviation).
fn find_markers(text: &str, div_names: &[String]) -> Vec<Marker> {
    let keys: Vec<String> = div_names.iter().map(|d| match_key(d)).collect();
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c != '（' && c != '(' {
            continue;
        }
        let mut inner = String::new();
        let mut end = None;
        let mut count = 0;
        for (i, c2) in text
            .get(start + c.len_utf8()..)
            .unwrap_or("")
            .char_indices()
        {
            if c2 == '）' || c2 == ')' {
                end = Some(start + c.len_utf8() + i + c2.len_utf8());
                break;
            }
            if c2 == '（' || c2 == '(' {
                break;
            }
            if c2 != '\n' && c2 != '\r' {
                inner.push(c2);
                count += 1;
            }
            if count > 24 {
                break;
            }
        }
        let Some(end) = end else { continue };
        let key = match_key(&inner);
        if key.chars().count() < 2 {
            continue;
        }
        let exact = keys.iter().position(|k| *k == key);
        let prefixed: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.starts_with(&key))
            .map(|(i, _)| i)
            .collect();
        let (division, abbreviated) = match (exact, prefixed.as_slice()) {
            (Some(i), _) => (i, false),
            (None, [i]) => (*i, true),
            _ => continue,
        };
        out.push(Marker {
            start,
            end,
            division,
            abbreviated,
            inner,
        });
        while iter.peek().is_some_and(|(i, _)| *i < end) {
            iter.next();
        }
    }
    out
}

/// Splits a text that is entirely made of 「text（division）」 segments.
fn split_marked(text: &str, markers: &[Marker]) -> Option<Vec<Segment>> {
    if markers.is_empty() {
        return None;
    }
    let mut segs = Vec::new();
    let mut from = 0;
    for m in markers {
        let body = text.get(from..m.start)?.trim();
        if body.is_empty() {
            return None;
        }
        segs.push(Segment {
            division: m.division,
            text: text.get(from..m.end)?.trim().to_owned(),
            body: body.to_owned(),
            abbreviated: m.abbreviated,
            marker: format!("（{}）", m.inner),
        });
        from = m.end;
    }
    if !text.get(from..)?.trim().is_empty() {
        return None;
    }
    Some(segs)
}

// ---------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------

/// Counted outputs of a result text. Only lines that are nothing but outputs count: after
/// folding, a line (or a sentence of it, split at 「。」) made of 「label number unit」 items
/// separated by 「、」 or spaces, e.g. 「EPDS質問票実施人数　１，４７８名」, 「実施回数：２２回、
/// 利用者数：３６人」, 「・弁護士相談　10件　10回」 (an item without label takes the previous
/// item's). Numbers wrapped onto the next line (「…：２３\n回」) are joined first. Labels with
/// digits (dates) and frequencies (「毎月1回」「月2回」) do not count.
fn outputs(text: &str) -> Vec<Output> {
    let mut logical: Vec<String> = Vec::new();
    for line in text.lines() {
        let f = fold(line);
        let starts_with_unit_or_digit = {
            let t = f.trim_start();
            t.chars().next().is_some_and(|c| c.is_ascii_digit())
                || UNITS.iter().any(|u| t.starts_with(u))
        };
        let glue = logical.last().is_some_and(|prev: &String| {
            prev.trim_end()
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == ',')
        }) && starts_with_unit_or_digit;
        match logical.last_mut() {
            Some(prev) if glue => prev.push_str(f.trim()),
            _ => logical.push(f),
        }
    }
    let mut out = Vec::new();
    for line in &logical {
        for sentence in line.split('。') {
            out.extend(output_items(sentence));
        }
    }
    out
}

/// Parses a whole segment as output items; empty when any part of it is not an item.
fn output_items(segment: &str) -> Vec<Output> {
    let s = collapse_ws(segment);
    let s = s.trim_start_matches(['・', '･', '●', '○', '■', '※']).trim();
    let s = s.trim_end_matches(['、', ',']).trim();
    if s.is_empty() {
        return Vec::new();
    }
    let mut items: Vec<Output> = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let Some((item, after)) = one_item(rest, items.last().map(|o| o.label.as_str())) else {
            return Vec::new();
        };
        items.push(item);
        rest = after.trim_start_matches(['、', ',', ' ']);
    }
    items
}

/// One 「label[：]number unit」 at the start of `s`, and what follows it.
fn one_item<'t>(s: &'t str, previous_label: Option<&str>) -> Option<(Output, &'t str)> {
    let digit_at = s.find(|c: char| c.is_ascii_digit())?;
    let raw_label = s.get(..digit_at)?;
    let label = raw_label.trim_end_matches([':', ' ']).trim();
    let after_label = s.get(digit_at..)?;
    let num_len = after_label
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(after_label.len());
    let number = after_label.get(..num_len)?;
    let value = parse_number(number)?;
    let after_number = after_label.get(num_len..)?.trim_start();
    let unit = UNITS.iter().find(|u| after_number.starts_with(**u))?;
    let rest = after_number.get(unit.len()..)?;
    if !(rest.is_empty() || rest.starts_with(['、', ',', ' '])) {
        return None;
    }
    let label = if label.is_empty() {
        previous_label?.to_owned()
    } else {
        if label.starts_with('毎') || label.ends_with(['年', '月', '週', '日']) {
            return None;
        }
        label.to_owned()
    };
    let consumed = s.len() - rest.len();
    Some((
        Output {
            label,
            value,
            unit: Some((*unit).to_owned()),
            original: s.get(..consumed)?.trim().to_owned(),
        },
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_at_spaces_and_percent() {
        assert_eq!(
            split_row("ア　実施済 100 % 実施を継続。"),
            vec!["ア　実施済", "100 %", "実施を継続。"]
        );
        assert_eq!(
            status_index(&split_row("予定どおり実施できた。 ア　実施済 100 %")),
            Some(1)
        );
        assert_eq!(status_index(&split_row("ア　実施済,ウ")), None);
    }

    #[test]
    fn output_lines() {
        let o = outputs("実施回数：２２回、利用者数：３６人");
        assert_eq!(o.len(), 2);
        assert_eq!(o.first().map(|o| o.label.as_str()), Some("実施回数"));
        assert_eq!(o.get(1).map(|o| o.value), Some(36.0));
        let o = outputs("・弁護士相談　10件　10回");
        assert_eq!(o.get(1).map(|o| o.label.as_str()), Some("弁護士相談"));
        assert!(outputs("　毎月1回").is_empty());
        assert!(outputs("委員３２０人にパンフレットを２種類配布した。").is_empty());
        let o = outputs("地域ケア会議：２３\n回");
        assert_eq!(o.first().map(|o| o.value), Some(23.0));
    }

    #[test]
    fn markers() {
        let divs = vec!["母子健康センター".to_owned(), "こども課".to_owned()];
        let t = "相談５５人（母子\n健康センター）\nつないだ。（こども課）";
        let m = find_markers(t, &divs);
        assert_eq!(m.len(), 2);
        let segs = split_marked(t, &m).unwrap_or_default();
        assert_eq!(segs.len(), 2);
        assert_eq!(segs.first().map(|s| s.body.as_str()), Some("相談５５人"));
        let m = find_markers("１６人（母子健）", &divs);
        assert!(m.first().is_some_and(|m| m.abbreviated && m.division == 0));
        assert!(find_markers("（※委託業者）", &divs).is_empty());
    }
}
