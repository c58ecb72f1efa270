//! 清瀬市 自殺対策計画 — multi-year progress table (seed 003).
//!
//! The document is one table, tab-separated, with the header row repeated on every page:
//! 計画における項目 (施策), 実施内容 (the measure), 計画書ページ, 担当部署, 担当課, 再掲, then per
//! year 令和元年度〜令和3年度 (実施状況, 評価, 達成度), 令和4年度 (実施計画, 実施状況, 評価,
//! 達成度), 今後(令和5年度以降)の実施計画 and 令和5年度の実施状況. In the 重点施策 part a
//! 事業概要 (description) column appears that the header does not name, either before the page
//! or after 再掲.
//!
//! The PDF converter dropped empty cells, merged cells and padded rows, so cells are not where
//! the header says. Each data row is therefore read in two steps:
//!
//! 1. the leading part is anchored on the page cell (「P.21」「P28」): the cells before it are
//!    施策 / measure / description, the organisation cells after it are departments and
//!    divisions, then the 再掲 mark;
//! 2. the remaining cells are aligned to the 15 yearly slots (plus an optional description) by a
//!    small edit-distance alignment that knows what a cell looks like (an achievement 「80%」
//!    「実施」, a short plan phrase 「取組を継続」, a description ending in 「…ます。」, text).
//!    Every row whose alignment is not the plain one gets a `realigned-row` warning that says
//!    which slots were missing and which cells were surplus (with their text).

mod align;
mod orgs;

use super::{Import, Layout, ReadError, SourceText};
use crate::diag::Diagnostic;
use crate::normalise::{
    clean_cell, fold, is_blank_cell, match_key, parse_fiscal_year, parse_int, parse_outputs,
};
use align::{Slot, Table};
use orgs::{OrgToken, parse_org_cell};
use regex::Regex;
use shinchoku_core::{
    Achievement, AchievementValue, Assignment, Department, DepartmentKey, Division,
    DivisionAchievement, DivisionKey, ExtraField, ExtraKind, FiscalYear, Group, GroupKey,
    GroupKind, Listing, Location, Measure, MeasureKey, Narrative, Plan, PlanKind, ProgressRecord,
    Rename, Status, StatusLevel, StatusMeaning, StatusScale,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The city of the reference table; used only when the text names no city at all.
const MUNICIPALITY: &str = "清瀬市";

/// The first cells of the header row.
const HEADER_START: [&str; 3] = ["計画における項目", "実施内容", "計画書ページ"];

/// Whether a line is the table's header row: it starts with [`HEADER_START`] and has a yearly
/// 「…年度実施状況」 column (「令和元年度実施状況」 in the reference edition).
fn is_header_row(line: &str) -> bool {
    let mut cells = line.split('\t').map(str::trim);
    HEADER_START.iter().all(|h| cells.next() == Some(*h))
        && line
            .split('\t')
            .any(|c| c.contains("年度") && c.contains("実施状況") && parse_fiscal_year(c).is_some())
}

pub fn detect(text: &str) -> bool {
    text.lines().take(400).any(is_header_row)
}

/// What [`detect`] looks for, and whether the text has it (for the refusal message).
pub(crate) fn signs(text: &str) -> Vec<(&'static str, bool)> {
    let start = text.lines().take(400).any(|line| {
        let mut cells = line.split('\t').map(str::trim);
        HEADER_START.iter().all(|h| cells.next() == Some(*h))
    });
    vec![
        (
            "a tab-separated header row 計画における項目 / 実施内容 / 計画書ページ",
            start,
        ),
        (
            "yearly columns 「令和…年度実施状況」 in that row",
            text.lines().take(400).any(is_header_row),
        ),
    ]
}

static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // constant pattern
    Regex::new(r"^[PpＰｐ][.．]?\s*[0-9０-９]{1,3}$").expect("valid regex")
});
static TOP_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"(基本施策|重点施策)\s*([0-9０-９]+)").expect("valid regex")
});
static SUB_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"(?:^|\s)([0-9０-９]+\s*[-－‐]\s*[0-9０-９]+)\s*[.．]?\s*").expect("valid regex")
});
static DIV_ACH: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"【?([^\s\d%【】()（）]+?(?:課|室|センター))】?\s*(\d+(?:\.\d+)?\s*%|未実施|実施)")
        .expect("valid regex")
});

/// One label found in a 計画における項目 cell.
#[derive(Debug, Clone, PartialEq)]
enum Label {
    /// 「基本施策1 地域における…」
    Top {
        kind: GroupKind,
        word: String,
        number: String,
        title: String,
    },
    /// 「1-1. 地域における…」「2-1生活困窮者に…」
    Sub { number: String, title: String },
}

/// Splits a 計画における項目 cell into its labels (one cell may hold two: 「3-1… 3-2…」, or a
/// 基本施策 heading merged into a data row).
fn parse_labels(cell: &str) -> Vec<Label> {
    let text = cell.trim();
    let mut starts: Vec<(usize, usize, bool)> = Vec::new(); // (start, end of number part, top?)
    for m in TOP_LABEL.find_iter(text) {
        starts.push((m.start(), m.end(), true));
    }
    for caps in SUB_LABEL.captures_iter(text) {
        let (Some(all), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if starts
            .iter()
            .any(|(s, e, _)| num.start() >= *s && num.start() < *e)
        {
            continue;
        }
        starts.push((num.start(), all.end(), false));
    }
    starts.sort_by_key(|s| s.0);
    let mut labels = Vec::new();
    for (i, (start, num_end, top)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |n| n.0);
        let (Some(head), Some(rest)) = (text.get(*start..*num_end), text.get(*num_end..end)) else {
            continue;
        };
        let title = rest.trim().to_owned();
        if *top {
            let Some(caps) = TOP_LABEL.captures(head) else {
                continue;
            };
            let word = caps.get(1).map_or("", |m| m.as_str()).to_owned();
            let number = fold(caps.get(2).map_or("", |m| m.as_str()));
            let kind = if word == "基本施策" {
                GroupKind::BasicPolicy
            } else {
                GroupKind::PriorityPolicy
            };
            labels.push(Label::Top {
                kind,
                word,
                number,
                title,
            });
        } else {
            let number: String = fold(head)
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '-')
                .collect();
            labels.push(Label::Sub { number, title });
        }
    }
    labels
}

fn is_group_like(cell: &str) -> bool {
    !parse_labels(cell).is_empty()
}

fn is_separator(cells: &[&str]) -> bool {
    cells.iter().any(|c| !c.trim().is_empty())
        && cells
            .iter()
            .all(|c| c.trim().chars().all(|ch| ch == '-' || ch == '－'))
}

fn is_header(cells: &[&str]) -> bool {
    cells.first().map(|c| c.trim()) == Some(HEADER_START[0])
}

/// The yearly columns of the header row (「令和元年度実施状況」 … 「今後(令和5年度以降)の実施計画」
/// 「令和5年度の実施状況」): every fiscal year its cells after 再掲 name, ascending. The last is
/// the year after the plan year, the one before it the plan year, the others the past years.
/// The cells' wording does not matter (a renamed 「令和3年度の評価」 still names 令和3年度).
/// `None` when the row names fewer than three years or they are not consecutive.
fn table_of_header(cells: &[&str]) -> Option<Table> {
    let mut years: Vec<i32> = cells
        .iter()
        .skip(HEADER_START.len())
        .filter_map(|c| parse_fiscal_year(c))
        .map(|y| y.0)
        .collect();
    years.sort_unstable();
    years.dedup();
    let (&first, &last) = (years.first()?, years.last()?);
    let past = years.len().checked_sub(2)?;
    let span = usize::try_from(last - first + 1).ok()?;
    (span == years.len() && (1..=Table::MAX_PAST).contains(&past)).then_some(Table {
        first_year: first,
        past,
    })
}

/// The cells of a data row whose tabs became spaces: a line without tabs that splits at
/// double spaces into at least eight parts, one of the first six a page cell (「P.22」). The
/// split is exact when every tab became two spaces (an empty cell leaves four).
fn realign_collapsed(line: &str) -> Option<Vec<String>> {
    if line.contains('\t') || !line.contains("  ") {
        return None;
    }
    let cells: Vec<String> = line.split("  ").map(|c| c.trim().to_owned()).collect();
    (cells.len() >= 8 && cells.iter().take(6).any(|c| PAGE.is_match(c))).then_some(cells)
}

/// Field names used in locations and diagnostics, per slot (「令和2年度評価」, with the years of
/// the table's edition).
fn slot_label(slot: Slot, table: &Table) -> String {
    let year = table
        .year(slot)
        .map(|y| FiscalYear(y).wareki())
        .unwrap_or_default();
    match align::kind(slot) {
        align::SlotKind::Desc => "事業概要".to_owned(),
        align::SlotKind::Plan if slot == Slot::Future => format!("今後({year}以降)の実施計画"),
        align::SlotKind::Plan => format!("{year}実施計画"),
        align::SlotKind::Result => format!("{year}実施状況"),
        align::SlotKind::Eval => format!("{year}評価"),
        align::SlotKind::Ach => format!("{year}達成度"),
    }
}

/// The cells of one data row after the leading part was read.
#[derive(Debug, Default)]
struct RowValues {
    slots: BTreeMap<Slot, String>,
    /// Cells the alignment could not place: (1-based field number, text), kept verbatim.
    surplus: Vec<(usize, String)>,
}

impl RowValues {
    fn get(&self, slot: Slot) -> Option<&str> {
        self.slots
            .get(&slot)
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }
}

/// Everything the reader collects before building the plan.
struct Reader<'a> {
    src: &'a SourceText<'a>,
    plan: Plan,
    diags: Vec<Diagnostic>,
    /// The current 基本施策 / 重点施策 and 施策.
    top: Option<GroupKey>,
    sub: Option<GroupKey>,
    /// Division name (match key) → department key, learned from rows with one of each.
    division_department: BTreeMap<String, DepartmentKey>,
    /// Lines of the first listing of each measure.
    first_listing: BTreeMap<MeasureKey, usize>,
    /// Line where each division's department was first decided.
    division_lines: BTreeMap<DivisionKey, usize>,
    /// How each data row's fields were placed, with the row's divisions (named at the end,
    /// when every rename is known).
    layouts: Vec<PendingLayout>,
    /// The yearly columns, from the first header row.
    table: Table,
}

/// How the reader placed the fields of one data row: what a human checking the realignment
/// compares with the document. Field numbers are 0-based positions in the tab-separated line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowLayout {
    /// 1-based line number.
    pub line: usize,
    /// Slot name (`label`, `measure`, `page`, `dept`, `div`, `relist`, `desc`, `r1_result` …
    /// `r5_result`, `extra`) → the non-empty fields placed there.
    pub fields: BTreeMap<&'static str, Vec<usize>>,
    /// The row's responsible divisions as `name` or `name>renamed@year` (every rename the
    /// document gives the division).
    pub divisions: Vec<String>,
}

impl RowLayout {
    fn put(&mut self, slot: &'static str, field: usize, cell: &str) {
        if !cell.trim().is_empty() {
            self.fields.entry(slot).or_default().push(field);
        }
    }
}

/// Records a rename unless the same rename (year and new name) is already known.
fn add_rename(renames: &mut Vec<Rename>, rename: Option<Rename>) {
    if let Some(r) = rename
        && !renames.iter().any(|x| x.from == r.from && x.name == r.name)
    {
        renames.push(r);
    }
}

/// The name of a slot in [`RowLayout::fields`].
fn slot_key(slot: Slot) -> &'static str {
    match slot {
        Slot::Desc => "desc",
        Slot::E1Result => "e1_result",
        Slot::E1Eval => "e1_eval",
        Slot::E1Ach => "e1_ach",
        Slot::E2Result => "e2_result",
        Slot::E2Eval => "e2_eval",
        Slot::E2Ach => "e2_ach",
        Slot::E3Result => "e3_result",
        Slot::E3Eval => "e3_eval",
        Slot::E3Ach => "e3_ach",
        Slot::R1Result => "r1_result",
        Slot::R1Eval => "r1_eval",
        Slot::R1Ach => "r1_ach",
        Slot::R2Result => "r2_result",
        Slot::R2Eval => "r2_eval",
        Slot::R2Ach => "r2_ach",
        Slot::R3Result => "r3_result",
        Slot::R3Eval => "r3_eval",
        Slot::R3Ach => "r3_ach",
        Slot::R4Plan => "r4_plan",
        Slot::R4Result => "r4_result",
        Slot::R4Eval => "r4_eval",
        Slot::R4Ach => "r4_ach",
        Slot::Future => "future_plan",
        Slot::R5Result => "r5_result",
    }
}

pub fn read(src: &SourceText) -> Result<Import, ReadError> {
    read_with_layouts(src).map(|(import, _)| import)
}

/// Reads the table and also says how every data row's fields were placed.
pub fn read_explained(src: &SourceText) -> Result<(Import, Vec<RowLayout>), ReadError> {
    let (import, layouts) = read_with_layouts(src)?;
    let Some(plan) = import.plans.first() else {
        return Ok((import, Vec::new()));
    };
    let name = |key: &DivisionKey| {
        plan.divisions.iter().find(|d| &d.key == key).map(|d| {
            let mut text = d.name.clone();
            for r in &d.renames {
                text.push_str(&format!(">{}@{}", r.name, r.from.0));
            }
            text
        })
    };
    let layouts = layouts
        .into_iter()
        .map(|(mut layout, divisions)| {
            layout.divisions = divisions.iter().filter_map(name).collect();
            layout
        })
        .collect();
    Ok((import, layouts))
}

/// A row's layout with its divisions still as keys.
type PendingLayout = (RowLayout, Vec<DivisionKey>);

/// The reading itself; each row's layout comes with its division keys.
fn read_with_layouts(src: &SourceText) -> Result<(Import, Vec<PendingLayout>), ReadError> {
    if !detect(src.text) {
        return Err(ReadError::Malformed {
            location: src.loc(1),
            message: "no 清瀬市 header row (計画における項目 / 実施内容 / 計画書ページ …) found"
                .into(),
        });
    }
    // The table has no title: the plan is named after the city its text names.
    let inferred = crate::normalise::infer_municipality(src.text);
    let city = inferred
        .as_ref()
        .map_or_else(|| MUNICIPALITY.to_owned(), |(name, _)| name.clone());
    let title = format!("{city}自殺対策計画");
    let mut plan = Plan::new(city.clone(), title.clone(), PlanKind::SuicidePrevention);
    plan.status_scale = StatusScale {
        levels: vec![
            StatusLevel {
                code: None,
                label: "実施".into(),
                meaning: StatusMeaning::Done,
            },
            StatusLevel {
                code: None,
                label: "未実施".into(),
                meaning: StatusMeaning::NotDone,
            },
        ],
    };
    plan.sources
        .push(src.document(format!("{title} 実施状況"), Layout::Kiyose));
    let mut reader = Reader {
        src,
        plan,
        diags: Vec::new(),
        top: None,
        sub: None,
        division_department: BTreeMap::new(),
        first_listing: BTreeMap::new(),
        division_lines: BTreeMap::new(),
        layouts: Vec::new(),
        table: Table::REFERENCE,
    };
    reader.find_table();
    let message = match &inferred {
        Some((name, n)) => format!(
            "the table has no title; the plan is named 「{title}」 after {name}, named {n} times in the text"
        ),
        None => format!(
            "the table has no title and names no city; the plan is named 「{title}」 after the layout's city"
        ),
    };
    let weak = match &inferred {
        Some((name, n)) => crate::normalise::weak_municipality_evidence(src.text, name, *n),
        None => Some("the text names no city".to_owned()),
    };
    reader.diags.push(match weak {
        None => Diagnostic::info("title-supplied", src.loc(1), message),
        Some(why) => Diagnostic::warning(
            "municipality-inferred",
            src.loc(1),
            format!(
                "{message}; weak evidence: {why}; check the municipality or give it when importing"
            ),
        ),
    });
    reader.learn_departments();
    reader.read_lines();
    reader.find_borrowed_texts();
    let mut plan = reader.plan;
    plan.refresh_fiscal_years();
    Ok((
        Import {
            plans: vec![plan],
            diagnostics: reader.diags,
        },
        reader.layouts,
    ))
}

impl<'a> Reader<'a> {
    fn loc(&self, line: usize) -> Location {
        self.src.loc(line)
    }

    fn loc_field(&self, line: usize, field: &str) -> Location {
        self.src.loc_field(line, field)
    }

    /// First pass: which department each division belongs to, from rows that name exactly one
    /// department and one division (after the page cell).
    fn learn_departments(&mut self) {
        for (_, line) in self.src.numbered_lines() {
            let cells: Vec<&str> = line.split('\t').collect();
            let Some(p) = cells.iter().take(6).position(|c| PAGE.is_match(c.trim())) else {
                continue;
            };
            let (Some(d), Some(v)) = (cells.get(p + 1), cells.get(p + 2)) else {
                continue;
            };
            let (Some(dt), Some(vt)) = (parse_org_cell(d), parse_org_cell(v)) else {
                continue;
            };
            if let ([dep], [div]) = (dt.as_slice(), vt.as_slice())
                && dep.is_department()
                && !div.is_department()
                && !dep.name.is_empty()
            {
                self.division_department
                    .entry(match_key(&div.name))
                    .or_insert_with(|| DepartmentKey::new(dep.name.clone()));
            }
        }
    }

    /// The yearly columns of the table, from its first header row (the reference edition's
    /// when the row's years cannot be read, with a warning), and a warning for every later
    /// header row whose years differ.
    fn find_table(&mut self) {
        let mut first: Option<(usize, Table)> = None;
        for (n, line) in self.src.numbered_lines() {
            let cells: Vec<&str> = line.split('\t').collect();
            if !is_header(&cells) {
                continue;
            }
            let table = table_of_header(&cells);
            match (&first, table) {
                (None, Some(t)) => first = Some((n, t)),
                (None, None) => {
                    self.diags.push(Diagnostic::warning(
                        "fiscal-year-inferred",
                        self.loc(n),
                        format!(
                            "the header row's yearly columns name no consecutive fiscal years; read as the reference edition's ({}〜{})",
                            FiscalYear(Table::REFERENCE.first_year).wareki(),
                            FiscalYear(Table::REFERENCE.last_year()).wareki()
                        ),
                    ));
                    first = Some((n, Table::REFERENCE));
                }
                (Some((line, t)), Some(other)) if *t != other => {
                    self.diags.push(Diagnostic::warning(
                        "header-years-differ",
                        self.loc(n),
                        format!(
                            "this header row's years ({}〜{}) differ from the first header row's (line {line}: {}〜{}); rows below are read with the first",
                            FiscalYear(other.first_year).wareki(),
                            FiscalYear(other.last_year()).wareki(),
                            FiscalYear(t.first_year).wareki(),
                            FiscalYear(t.last_year()).wareki()
                        ),
                    ));
                }
                _ => {}
            }
        }
        if let Some((_, t)) = first {
            self.table = t;
        }
    }

    fn read_lines(&mut self) {
        let mut artefacts: Vec<usize> = Vec::new();
        let mut header_seen = false;
        for (n, line) in self.src.numbered_lines() {
            if line.trim().is_empty() {
                continue;
            }
            let collapsed = realign_collapsed(line);
            let cells: Vec<&str> = match &collapsed {
                Some(cells) => cells.iter().map(String::as_str).collect(),
                None => line.split('\t').collect(),
            };
            if collapsed.is_some() {
                self.diags.push(Diagnostic::warning(
                    "tabs-realigned",
                    self.loc(n),
                    format!(
                        "line has no tab but its cells are separated by double spaces (tabs turned into spaces); read as a row of {} cells",
                        cells.len()
                    ),
                ));
            }
            if is_header(&cells) {
                if header_seen {
                    artefacts.push(n);
                }
                header_seen = true;
                continue;
            }
            if is_separator(&cells) {
                artefacts.push(n);
                continue;
            }
            if !header_seen {
                self.diags.push(Diagnostic::warning(
                    "before-header",
                    self.loc(n),
                    format!(
                        "text before the table header ignored: 「{}」",
                        clip(line, 80)
                    ),
                ));
                continue;
            }
            let rest_blank = cells
                .iter()
                .skip(1)
                .all(|c| c.trim().is_empty() || c.trim() == "達成度(%)");
            if rest_blank {
                let stray: Vec<&str> = cells
                    .iter()
                    .skip(1)
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                if !stray.is_empty() {
                    self.diags.push(Diagnostic::info(
                        "stray-header-text",
                        self.loc(n),
                        format!(
                            "group row carries header text 「{}」 (a fragment of the page header); ignored",
                            stray.join(" ")
                        ),
                    ));
                }
                let labels = parse_labels(cells.first().copied().unwrap_or(""));
                if labels.is_empty() {
                    self.diags.push(Diagnostic::warning(
                        "unreadable-row",
                        self.loc(n),
                        format!(
                            "row with a single cell that is no group label (tabs lost in conversion?): 「{}」; ignored",
                            line.trim()
                        ),
                    ));
                }
                for label in labels {
                    self.apply_label(n, label, false);
                }
                continue;
            }
            self.read_data_row(n, &cells);
        }
        if let Some(first) = artefacts.first() {
            let list = artefacts
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            self.diags.push(Diagnostic::info(
                "page-artefacts",
                self.loc(*first),
                format!(
                    "{} repeated header rows and separator rows of dashes skipped as page artefacts (lines {list})",
                    artefacts.len()
                ),
            ));
        }
    }

    /// Starts a group from a label. `merged` is true when the label was found in the first cell
    /// of a data row.
    fn apply_label(&mut self, n: usize, label: Label, merged: bool) {
        match label {
            Label::Top {
                kind,
                word,
                number,
                title,
            } => {
                let key = GroupKey::new(format!("{word}{number}"));
                if self.plan.group(&key).is_none() {
                    self.plan.groups.push(Group {
                        key: key.clone(),
                        kind,
                        label: word.clone(),
                        number: Some(number.clone()),
                        title: title.clone(),
                        parent: None,
                        location: self.loc(n),
                    });
                }
                if merged {
                    self.diags.push(Diagnostic::warning(
                        "merged-group-label",
                        self.loc_field(n, "計画における項目"),
                        format!(
                            "the heading 「{word}{number} {title}」 is merged into the first cell of a data row; the group is started at this row, and the rows up to its first 施策 are attached to {word}{number} directly (they may belong to the previous 施策)"
                        ),
                    ));
                }
                self.top = Some(key);
                self.sub = None;
            }
            Label::Sub { number, title } => {
                let parent = self.top.clone();
                let key = GroupKey::new(match &parent {
                    Some(p) => format!("{p}/{number}"),
                    None => number.clone(),
                });
                if let Some(existing) = self.plan.group(&key) {
                    if match_key(&existing.title) != match_key(&title) {
                        let msg = format!(
                            "施策 {number} is titled 「{title}」 here but 「{}」 at line {}; the first title is kept",
                            existing.title, existing.location.line
                        );
                        self.diags.push(Diagnostic::warning(
                            "group-title-differs",
                            self.loc_field(n, "計画における項目"),
                            msg,
                        ));
                    }
                } else {
                    let top_number = parent
                        .as_ref()
                        .and_then(|p| self.plan.group(p))
                        .and_then(|g| g.number.clone());
                    let own_first = number.split('-').next().unwrap_or("").to_owned();
                    if let Some(tn) = &top_number
                        && *tn != own_first
                    {
                        let parent_name = parent.as_ref().map_or("", |p| p.as_str()).to_owned();
                        self.diags.push(Diagnostic::warning(
                            "group-number-mismatch",
                            self.loc_field(n, "計画における項目"),
                            format!(
                                "施策 {number} does not belong to {parent_name} by its number, and the document has no heading for group {own_first}; it is kept under {parent_name}"
                            ),
                        ));
                    }
                    self.plan.groups.push(Group {
                        key: key.clone(),
                        kind: GroupKind::Policy,
                        label: "施策".into(),
                        number: Some(number),
                        title,
                        parent,
                        location: self.loc(n),
                    });
                }
                self.sub = Some(key);
            }
        }
    }

    fn read_data_row(&mut self, n: usize, cells: &[&str]) {
        let page_pos = cells.iter().take(6).position(|c| PAGE.is_match(c.trim()));
        // Without a page cell, the first organisation cell anchors the row.
        let anchor = match page_pos {
            Some(p) => p,
            None => match cells.iter().enumerate().take(6).skip(1).find(|(_, c)| {
                parse_org_cell(c).is_some_and(|t| t.iter().any(|o| o.is_department()))
            }) {
                Some((d, _)) => {
                    self.diags.push(Diagnostic::warning(
                        "missing-page",
                        self.loc_field(n, "計画書ページ"),
                        "the 計画書ページ cell is missing; the row is anchored on the 担当部署 cell and the measure has no plan page",
                    ));
                    d
                }
                None => {
                    self.diags.push(Diagnostic::error(
                        "unreadable-row",
                        self.loc(n),
                        format!(
                            "neither a page cell (P.nn) nor a department cell found; row not read: 「{}」",
                            clip(&cells.join(" | "), 200)
                        ),
                    ));
                    return;
                }
            },
        };
        let pre: Vec<&str> = cells.get(..anchor).unwrap_or(&[]).to_vec();
        let (group_cell, measure_cell, desc_cell) = match pre.as_slice() {
            [g, m, d] => (Some(*g), *m, Some(*d)),
            [a, b] if a.trim().is_empty() || is_group_like(a) => (Some(*a), *b, None),
            [m, d] => (None, *m, Some(*d)),
            [m] => (None, *m, None),
            _ => {
                self.diags.push(Diagnostic::error(
                    "unreadable-row",
                    self.loc(n),
                    format!(
                        "{} cells before the page cell (expected 1 to 3); row not read: 「{}」",
                        pre.len(),
                        clip(&cells.join(" | "), 200)
                    ),
                ));
                return;
            }
        };
        let mut layout = RowLayout {
            line: n,
            ..RowLayout::default()
        };
        {
            let offset = usize::from(group_cell.is_some());
            if let Some(g) = group_cell {
                layout.put("label", 0, g);
            }
            layout.put("measure", offset, measure_cell);
            if let Some(d) = desc_cell {
                layout.put("desc", offset + 1, d);
            }
        }
        let mut notes: Vec<String> = Vec::new();
        if group_cell.is_none() {
            notes.push(
                "the 計画における項目 cell is missing (the row starts with the measure)".into(),
            );
        }
        // Groups.
        let mut measure_name = clean_cell(measure_cell);
        if let Some(g) = group_cell {
            let labels = parse_labels(g);
            if !g.trim().is_empty() && labels.is_empty() {
                self.diags.push(Diagnostic::warning(
                    "unreadable-group",
                    self.loc_field(n, "計画における項目"),
                    format!(
                        "「{}」 is no 施策 label; the row stays in the current group",
                        g.trim()
                    ),
                ));
            }
            let subs = labels
                .iter()
                .filter(|l| matches!(l, Label::Sub { .. }))
                .count();
            if subs > 1 {
                let last = labels
                    .iter()
                    .rev()
                    .find_map(|l| match l {
                        Label::Sub { number, .. } => Some(number.clone()),
                        Label::Top { .. } => None,
                    })
                    .unwrap_or_default();
                self.diags.push(Diagnostic::warning(
                    "several-group-labels",
                    self.loc_field(n, "計画における項目"),
                    format!(
                        "{subs} 施策 labels in one cell (「{}」); the row is placed under the last one, {last}",
                        g.trim()
                    ),
                ));
            }
            for label in labels {
                let top = matches!(label, Label::Top { .. });
                self.apply_label(n, label, top);
            }
        }
        // A 施策 label in the measure cell: the measure name is lost.
        if let [Label::Sub { number, title }] = parse_labels(measure_cell).as_slice()
            && SUB_LABEL.is_match(measure_cell.trim())
            && measure_cell
                .trim()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            self.apply_label(
                n,
                Label::Sub {
                    number: number.clone(),
                    title: title.clone(),
                },
                false,
            );
            self.diags.push(Diagnostic::warning(
                    "label-in-measure-cell",
                    self.loc_field(n, "実施内容"),
                    format!(
                        "the 実施内容 cell holds the 施策 label 「{}」 and no measure name; the measure is named after the 施策 (「{title}」)",
                        measure_cell.trim()
                    ),
                ));
            measure_name = title.clone();
        }
        if measure_name.is_empty() {
            self.diags.push(Diagnostic::error(
                "unreadable-row",
                self.loc_field(n, "実施内容"),
                format!(
                    "the measure name is empty; row not read: 「{}」",
                    clip(&cells.join(" | "), 200)
                ),
            ));
            return;
        }
        let page = page_pos
            .and_then(|p| cells.get(p))
            .map(|c| c.trim().to_owned());

        // Organisation cells after the anchor.
        let mut q = if page_pos.is_some() {
            anchor + 1
        } else {
            anchor
        };
        let mut org_cells: Vec<(usize, Vec<OrgToken>)> = Vec::new();
        while let Some(cell) = cells.get(q) {
            match parse_org_cell(cell) {
                Some(tokens) => {
                    org_cells.push((q, tokens));
                    q += 1;
                }
                None => break,
            }
        }
        if let Some(p) = page_pos
            && let Some(c) = cells.get(p)
        {
            layout.put("page", p, c);
        }
        for (i, tokens) in &org_cells {
            let slot = if tokens.iter().any(OrgToken::is_department) {
                "dept"
            } else {
                "div"
            };
            layout.put(slot, *i, cells.get(*i).copied().unwrap_or(""));
        }
        let relist_cell = cells.get(q).map(|c| c.trim());
        if let Some(c) = relist_cell
            && matches!(c, "○" | "〇")
        {
            layout.put("relist", q, c);
        }
        let relisted_mark = match relist_cell {
            Some("○") | Some("〇") => {
                q += 1;
                true
            }
            Some("") => {
                q += 1;
                false
            }
            _ => {
                notes.push("the 再掲 cell is missing".into());
                false
            }
        };
        if org_cells.len() != 2 {
            let texts: Vec<String> = org_cells
                .iter()
                .filter_map(|(i, _)| {
                    cells
                        .get(*i)
                        .map(|c| format!("field {} 「{}」", i + 1, c.trim()))
                })
                .collect();
            notes.push(format!(
                "{} organisation cells instead of 担当部署 + 担当課 ({}); all are read as departments/divisions",
                org_cells.len(),
                texts.join(", ")
            ));
        }

        // Trailing cells: align to the yearly slots.
        let trailing: Vec<&str> = cells.get(q..).unwrap_or(&[]).to_vec();
        let alignment = align::align_row_in(&trailing, desc_cell.is_none(), &self.table);
        let mut values = RowValues::default();
        let mut missing: Vec<String> = Vec::new();
        let mut surplus: Vec<String> = Vec::new();
        let mut trailing_padding = 0usize;
        let mut matched_any_after = false;
        for op in alignment.iter().rev() {
            match op {
                align::Op::Extra(i) if !matched_any_after => {
                    if trailing.get(*i).is_some_and(|c| c.trim().is_empty()) {
                        trailing_padding += 1;
                    } else if let Some(c) = trailing.get(*i) {
                        surplus.push(format!("field {} 「{}」", q + i + 1, clip(c.trim(), 60)));
                        values.surplus.push((q + i + 1, clean_cell(c)));
                    }
                }
                align::Op::Extra(i) => {
                    if let Some(c) = trailing.get(*i) {
                        surplus.push(if c.trim().is_empty() {
                            format!("field {} (empty)", q + i + 1)
                        } else {
                            values.surplus.push((q + i + 1, clean_cell(c)));
                            format!("field {} 「{}」", q + i + 1, clip(c.trim(), 60))
                        });
                    }
                }
                align::Op::Match(_, _) => matched_any_after = true,
                align::Op::Skip(_) => {}
            }
        }
        surplus.reverse();
        let last_match = alignment
            .iter()
            .rposition(|op| matches!(op, align::Op::Match(..)))
            .unwrap_or(0);
        let mut desc_from_slot = None;
        for op in &alignment {
            match op {
                align::Op::Match(i, slot) => {
                    layout.put(
                        slot_key(*slot),
                        q + i,
                        trailing.get(*i).copied().unwrap_or(""),
                    );
                }
                align::Op::Extra(i) => {
                    layout.put("extra", q + i, trailing.get(*i).copied().unwrap_or(""));
                }
                align::Op::Skip(_) => {}
            }
        }
        for (k, op) in alignment.iter().enumerate() {
            match op {
                align::Op::Match(i, slot) => {
                    let text = trailing.get(*i).map(|c| clean_cell(c)).unwrap_or_default();
                    if *slot == Slot::Desc {
                        desc_from_slot = Some(text);
                    } else {
                        values.slots.insert(*slot, text);
                    }
                }
                // Slots after the last cell: the converter dropped trailing empty cells.
                align::Op::Skip(slot) if *slot != Slot::Desc && k < last_match => {
                    missing.push(slot_label(*slot, &self.table));
                }
                _ => {}
            }
        }
        if desc_from_slot.is_some() {
            notes.push(format!(
                "field {} is read as the 事業概要 (a description ending in 「…ます。」) in a column the header does not name",
                q + 1
            ));
        }
        if !missing.is_empty() {
            notes.push(format!("no cell for {} (left empty)", missing.join(", ")));
        }
        if !surplus.is_empty() {
            notes.push(format!(
                "surplus cells not placed: {} (kept verbatim as extra fields of the measure's latest record)",
                surplus.join(", ")
            ));
        }
        let _ = trailing_padding;
        if !notes.is_empty() {
            self.diags.push(Diagnostic::warning(
                "realigned-row",
                self.loc(n),
                format!(
                    "「{}」: {} fields; realigned: {}",
                    measure_name,
                    cells.len(),
                    notes.join("; ")
                ),
            ));
        }

        let description = desc_cell
            .map(clean_cell)
            .or(desc_from_slot)
            .filter(|d| !d.is_empty());
        let measure_key = MeasureKey::new(match_key(&measure_name));
        self.add_measure(n, &measure_key, &measure_name, description, page);
        self.add_listing(n, &measure_key, relisted_mark);
        let divisions = self.add_orgs(n, &measure_key, cells, &org_cells);
        self.add_records(n, &measure_key, &values);
        self.keep_surplus(n, &measure_key, &values);
        self.layouts.push((layout, divisions));
    }

    /// Cells the alignment could not place are kept verbatim on the measure's latest record
    /// (or, when the row produced no record at all, as a narrative of the plan).
    fn keep_surplus(&mut self, n: usize, measure: &MeasureKey, values: &RowValues) {
        if values.surplus.is_empty() {
            return;
        }
        let here = self.loc(n);
        let latest = self
            .plan
            .records
            .iter_mut()
            .filter(|r| &r.measure == measure)
            .max_by_key(|r| r.fiscal_year);
        match latest {
            Some(record) => {
                for (field, text) in &values.surplus {
                    record.extra.push(ExtraField {
                        label: "位置不明のセル".to_owned(),
                        text: text.clone(),
                        kind: ExtraKind::Unplaced,
                        location: Some(here.clone().with_field(format!("field {field}"))),
                    });
                }
            }
            None => {
                let text = values
                    .surplus
                    .iter()
                    .map(|(field, text)| format!("field {field}: {text}"))
                    .collect::<Vec<_>>()
                    .join("\n");
                self.plan.narratives.push(Narrative {
                    title: "位置不明のセル".to_owned(),
                    text,
                    location: self.loc(n),
                });
            }
        }
    }

    fn add_measure(
        &mut self,
        n: usize,
        key: &MeasureKey,
        name: &str,
        description: Option<String>,
        page: Option<String>,
    ) {
        if let Some(existing) = self.plan.measures.iter_mut().find(|m| &m.key == key) {
            if existing.description.is_none() {
                existing.description = description;
            }
            if existing.plan_page.is_none() {
                existing.plan_page = page;
            }
            return;
        }
        self.plan.measures.push(Measure {
            key: key.clone(),
            number: None,
            name: name.to_owned(),
            description,
            audience: None,
            plan_page: page,
            location: self.loc(n),
        });
    }

    fn add_listing(&mut self, n: usize, key: &MeasureKey, mark: bool) {
        let Some(group) = self.sub.clone().or_else(|| self.top.clone()) else {
            self.diags.push(Diagnostic::warning(
                "no-group",
                self.loc(n),
                "the measure appears before any group heading; it is not listed under a group",
            ));
            return;
        };
        if self.sub.is_none() {
            self.diags.push(Diagnostic::warning(
                "no-policy",
                self.loc_field(n, "計画における項目"),
                format!(
                    "no 施策 label yet under {group}; the measure is listed under {group} directly (a 施策 label placed on a later row may cover it)"
                ),
            ));
        }
        let first = self.first_listing.get(key).copied();
        let relisted = mark || first.is_some();
        if let Some(first_line) = first {
            if !mark {
                self.diags.push(Diagnostic::warning(
                    "relisting-unmarked",
                    self.loc_field(n, "再掲"),
                    format!(
                        "「{key}」 is listed again (first at line {first_line}) without the 再掲 mark ○; read as a relisting"
                    ),
                ));
            }
        } else {
            self.first_listing.insert(key.clone(), n);
        }
        if self
            .plan
            .listings
            .iter()
            .any(|l| &l.measure == key && l.group == group)
        {
            self.diags.push(Diagnostic::warning(
                "duplicate-listing",
                self.loc(n),
                format!("「{key}」 is listed twice under {group}; the second listing is kept"),
            ));
        }
        self.plan.listings.push(Listing {
            measure: key.clone(),
            group,
            relisted,
            location: self.loc(n),
        });
    }

    fn add_orgs(
        &mut self,
        n: usize,
        measure: &MeasureKey,
        cells: &[&str],
        org_cells: &[(usize, Vec<OrgToken>)],
    ) -> Vec<DivisionKey> {
        let mut departments: Vec<DepartmentKey> = Vec::new();
        let mut divisions: Vec<DivisionKey> = Vec::new();
        for (cell_no, (i, tokens)) in org_cells.iter().enumerate() {
            let original = cells.get(*i).map(|c| c.trim()).unwrap_or("");
            if cell_no == 0 && org_cells.len() > 1 && tokens.iter().all(|t| !t.is_department()) {
                self.diags.push(Diagnostic::warning(
                    "division-in-department-column",
                    self.loc_field(n, "担当部署"),
                    format!(
                        "the 担当部署 cell holds 「{original}」, a division name, not a department; not read as a responsible division"
                    ),
                ));
                continue;
            }
            let mut seen_in_cell: BTreeSet<String> = BTreeSet::new();
            for token in tokens {
                if !token.name.is_empty() && !seen_in_cell.insert(match_key(&token.name)) {
                    self.diags.push(Diagnostic::warning(
                        "repeated-name",
                        self.loc_field(n, "担当部署"),
                        format!(
                            "「{}」 is written twice in 「{original}」; read once",
                            token.name
                        ),
                    ));
                    continue;
                }
                if token.is_department() {
                    if let Some(key) = self.department_for_token(n, token, original, &divisions)
                        && !departments.contains(&key)
                    {
                        departments.push(key);
                    }
                } else if let Some(key) = self.division_for_token(n, token, original)
                    && !divisions.contains(&key)
                {
                    divisions.push(key);
                }
            }
        }
        // Departments of divisions.
        for (idx, div) in divisions.iter().enumerate() {
            if self.plan.division(div).is_some_and(|d| d.external) {
                continue;
            }
            let learned = self
                .division_department
                .get(&match_key(div.as_str()))
                .cloned();
            // The row says which department when it pairs departments and divisions one to one.
            let from_row = if departments.len() == divisions.len() {
                departments.get(idx).cloned()
            } else {
                None
            };
            let Some(dept) = learned.clone().or_else(|| from_row.clone()).or_else(|| {
                (departments.len() == 1)
                    .then(|| departments.first().cloned())
                    .flatten()
            }) else {
                continue;
            };
            if self.plan.department(&dept).is_none() {
                continue;
            }
            let first_line = self.division_lines.get(div).copied().unwrap_or(n);
            let Some(d) = self.plan.divisions.iter_mut().find(|d| &d.key == div) else {
                continue;
            };
            if d.department.is_none() {
                d.department = Some(dept.clone());
                self.division_lines.insert(div.clone(), n);
            }
            if let (Some(existing), Some(row_dept)) = (&d.department, &from_row)
                && existing != row_dept
            {
                let msg = format!(
                    "division {} belongs to {existing} (line {first_line}) but this row pairs it with {row_dept}; {existing} is kept",
                    d.name
                );
                self.diags.push(Diagnostic::warning(
                    "department-conflict",
                    self.loc_field(n, "担当部署"),
                    msg,
                ));
            }
        }
        for div in &divisions {
            if !self
                .plan
                .assignments
                .iter()
                .any(|a| &a.measure == measure && &a.division == div)
            {
                self.plan.assignments.push(Assignment {
                    measure: measure.clone(),
                    division: div.clone(),
                    location: self.loc_field(n, "担当課"),
                });
            }
        }
        divisions
    }

    fn department_for_token(
        &mut self,
        n: usize,
        token: &OrgToken,
        original: &str,
        _divisions: &[DivisionKey],
    ) -> Option<DepartmentKey> {
        if token.name.is_empty() {
            // 「（令和4年度～地域振興部）」: only the rename is written.
            let target = token
                .rename
                .as_ref()
                .map(|(_, name)| name.clone())
                .unwrap_or_default();
            let found = self
                .plan
                .departments
                .iter()
                .find(|d| d.renames.iter().any(|r| r.name == target))
                .map(|d| d.key.clone());
            self.diags.push(Diagnostic::warning(
                "department-name-missing",
                self.loc_field(n, "担当部署"),
                match &found {
                    Some(k) => format!(
                        "the 担当部署 cell 「{original}」 gives only a rename; read as {k}, the department renamed to {target}"
                    ),
                    None => format!(
                        "the 担当部署 cell 「{original}」 gives only a rename and no department; ignored"
                    ),
                },
            ));
            return found;
        }
        let key = DepartmentKey::new(token.name.clone());
        let rename = token.rename.as_ref().and_then(|(from, name)| {
            from.map(|from| Rename {
                from,
                name: name.clone(),
                original: original.to_owned(),
            })
        });
        match self.plan.departments.iter_mut().find(|d| d.key == key) {
            Some(d) => add_rename(&mut d.renames, rename),
            None => self.plan.departments.push(Department {
                key: key.clone(),
                name: token.name.clone(),
                renames: rename.into_iter().collect(),
            }),
        }
        Some(key)
    }

    fn division_for_token(
        &mut self,
        n: usize,
        token: &OrgToken,
        original: &str,
    ) -> Option<DivisionKey> {
        let mut name = token.name.clone();
        let mk = match_key(&name);
        if !self.plan.divisions.iter().any(|d| match_key(&d.name) == mk)
            && let Some(similar) = self
                .plan
                .divisions
                .iter()
                .find(|d| near_same(&d.name, &name))
        {
            self.diags.push(Diagnostic::warning(
                "garbled-name",
                self.loc_field(n, "担当課"),
                format!(
                    "「{name}」 differs from the division 「{}」 by one or two characters (a conversion error); read as {}",
                    similar.name, similar.name
                ),
            ));
            name = similar.name.clone();
        }
        let key = DivisionKey::new(name.clone());
        let mut rename = token.rename.as_ref().and_then(|(from, to)| {
            from.map(|from| Rename {
                from,
                name: to.clone(),
                original: original.to_owned(),
            })
        });
        if let Some(r) = &rename
            && r.name.ends_with('部')
        {
            self.diags.push(Diagnostic::warning(
                "rename-to-department",
                self.loc_field(n, "担当課"),
                format!(
                    "「{original}」 renames the division {name} to 「{}」, which is a department name; the rename is not applied",
                    r.name
                ),
            ));
            rename = None;
        }
        let external = name == "東京都";
        match self.plan.divisions.iter_mut().find(|d| d.key == key) {
            Some(d) => add_rename(&mut d.renames, rename),
            None => self.plan.divisions.push(Division {
                key: key.clone(),
                name,
                department: None,
                external,
                renames: rename.into_iter().collect(),
            }),
        }
        Some(key)
    }

    fn add_records(&mut self, n: usize, measure: &MeasureKey, values: &RowValues) {
        let table = self.table;
        let mut years: Vec<(FiscalYear, [Option<Slot>; 4])> = table
            .past_slots()
            .map(|[result, eval, ach]| {
                let year = FiscalYear(table.year(*result).unwrap_or(table.first_year));
                (year, [None, Some(*result), Some(*eval), Some(*ach)])
            })
            .collect();
        years.push((
            FiscalYear(table.plan_year()),
            [
                Some(Slot::R4Plan),
                Some(Slot::R4Result),
                Some(Slot::R4Eval),
                Some(Slot::R4Ach),
            ],
        ));
        years.push((
            FiscalYear(table.last_year()),
            [Some(Slot::Future), Some(Slot::R5Result), None, None],
        ));
        let first_line = self.first_listing.get(measure).copied();
        let is_relisting = first_line.is_some_and(|l| l != n);
        let mut differences: Vec<String> = Vec::new();
        for (fy, [plan_slot, result_slot, eval_slot, ach_slot]) in years {
            let text_of = |slot: Option<Slot>| slot.and_then(|s| values.get(s)).map(str::to_owned);
            let plan_raw = text_of(plan_slot);
            let result_raw = text_of(result_slot);
            let eval_raw = text_of(eval_slot);
            let ach_raw = text_of(ach_slot);
            if plan_raw.is_none() && result_raw.is_none() && eval_raw.is_none() && ach_raw.is_none()
            {
                continue;
            }
            let keep = |t: Option<String>| t.filter(|s| !is_blank_cell(s));
            let field = fy.display_ja().to_string();
            let mut record =
                ProgressRecord::new(measure.clone(), None, fy, self.loc_field(n, &field));
            record.plan_text = keep(plan_raw.clone());
            record.result_text = keep(result_raw.clone());
            record.evaluation_text = keep(eval_raw.clone());
            if let Some(result) = &record.result_text {
                record.outputs = parse_outputs(result);
            }
            if ach_slot.is_some() {
                let original = ach_raw.clone().unwrap_or_default();
                let value = self.parse_achievement(n, &field, &original);
                if let AchievementValue::Category(c) = &value {
                    record.status = Some(Status {
                        code: None,
                        label: c.clone(),
                        original: original.clone(),
                    });
                }
                record.achievement = Some(Achievement { value, original });
            }
            let relisting_loc = self.loc(n);
            if is_relisting
                && let Some(existing) =
                    self.plan.records.iter_mut().find(|r| {
                        &r.measure == measure && r.fiscal_year == fy && r.division.is_none()
                    })
            {
                let pairs = [
                    ("実施計画", &existing.plan_text, &record.plan_text),
                    ("実施状況", &existing.result_text, &record.result_text),
                    ("評価", &existing.evaluation_text, &record.evaluation_text),
                ];
                let mut extra = Vec::new();
                for (label, old, new) in pairs {
                    if let Some(new) = new
                        && old.as_deref().map(match_key) != Some(match_key(new))
                    {
                        extra.push(ExtraField {
                            label: label.to_owned(),
                            text: new.clone(),
                            kind: ExtraKind::Relisted,
                            location: Some(relisting_loc.clone()),
                        });
                    }
                }
                let old_ach = existing
                    .achievement
                    .as_ref()
                    .map(|a| match_key(&a.original));
                let new_ach = record.achievement.as_ref().map(|a| match_key(&a.original));
                if new_ach.as_deref().is_some_and(|a| !a.is_empty()) && old_ach != new_ach {
                    extra.push(ExtraField {
                        label: "達成度".to_owned(),
                        kind: ExtraKind::Relisted,
                        location: Some(relisting_loc.clone()),
                        text: record
                            .achievement
                            .as_ref()
                            .map(|a| a.original.clone())
                            .unwrap_or_default(),
                    });
                }
                if !extra.is_empty() {
                    differences.push(format!(
                        "{} ({})",
                        field,
                        extra
                            .iter()
                            .map(|e| e.label.rsplit(' ').next().unwrap_or("").to_owned())
                            .collect::<Vec<_>>()
                            .join("・")
                    ));
                    existing.extra.extend(extra);
                }
                continue;
            }
            self.plan.records.push(record);
        }
        if !differences.is_empty() {
            let first = first_line.unwrap_or(0);
            self.diags.push(Diagnostic::warning(
                "relisting-differs",
                self.loc(n),
                format!(
                    "the relisting of 「{measure}」 reports other values than its first listing (line {first}) for {}; the first listing's values are kept and these are added to its records as extra fields",
                    differences.join(", ")
                ),
            ));
        }
    }

    fn parse_achievement(&mut self, n: usize, field: &str, original: &str) -> AchievementValue {
        let t = original.trim();
        if is_blank_cell(t) {
            return AchievementValue::Blank;
        }
        if let Some(p) = crate::normalise::parse_percent(t) {
            return AchievementValue::Percent(p);
        }
        let folded = fold(t);
        if folded == "実施" || folded == "未実施" {
            return AchievementValue::Category(folded);
        }
        if let Some(v) = parse_int(t) {
            self.diags.push(Diagnostic::warning(
                "percent-sign-missing",
                self.loc_field(n, &format!("{field}達成度")),
                format!("達成度 「{t}」 has no % sign; read as {v}%"),
            ));
            return AchievementValue::Percent(i32::try_from(v).unwrap_or(i32::MAX));
        }
        let per_division: Vec<DivisionAchievement> = DIV_ACH
            .captures_iter(&folded)
            .filter_map(|caps| {
                let name = caps.get(1)?.as_str().to_owned();
                let v = caps.get(2)?.as_str();
                let value = match crate::normalise::parse_percent(v) {
                    Some(p) => AchievementValue::Percent(p),
                    None => AchievementValue::Category(v.to_owned()),
                };
                let division = self
                    .plan
                    .divisions
                    .iter()
                    .find(|d| {
                        match_key(&d.name) == match_key(&name)
                            || d.renames
                                .iter()
                                .any(|r| match_key(&r.name) == match_key(&name))
                    })
                    .map(|d| d.key.clone());
                Some(DivisionAchievement {
                    division_name: name,
                    division,
                    value,
                })
            })
            .collect();
        if !per_division.is_empty() {
            let unknown: Vec<&str> = per_division
                .iter()
                .filter(|d| d.division.is_none())
                .map(|d| d.division_name.as_str())
                .collect();
            if !unknown.is_empty() {
                self.diags.push(Diagnostic::info(
                    "unknown-division-in-achievement",
                    self.loc_field(n, &format!("{field}達成度")),
                    format!(
                        "達成度 「{t}」 names {} which is not among the plan's divisions at this point; kept by name",
                        unknown.join("・")
                    ),
                ));
            }
            return AchievementValue::PerDivision(per_division);
        }
        let severity_info = t.contains('①');
        let message = if severity_info {
            format!("達成度 「{t}」 gives one percentage per sub-item (①②…); kept as text")
        } else {
            format!(
                "達成度 「{}」 is neither a percentage nor 実施/未実施; kept as text",
                clip(t, 60)
            )
        };
        let loc = self.loc_field(n, &format!("{field}達成度"));
        self.diags.push(if severity_info {
            Diagnostic::info("achievement-items", loc, message)
        } else {
            Diagnostic::warning("unparsed-achievement", loc, message)
        });
        AchievementValue::Unparsed
    }
}

/// Texts shorter than this (in characters) are common phrases (「取組を継続。」) and may repeat
/// across measures without meaning anything.
const BORROWED_TEXT_MIN: usize = 30;

impl Reader<'_> {
    /// A long text that is word for word the text of another measure is most likely a
    /// copy-and-paste slip of the report (or the same measure under another name): each such
    /// text is reported once, at its second occurrence.
    fn find_borrowed_texts(&mut self) {
        // Every long text with where it was read: (line, year, field, measure, text).
        let mut texts: Vec<(u32, FiscalYear, String, MeasureKey, String)> = Vec::new();
        for r in &self.plan.records {
            let own = [
                ("実施計画", &r.plan_text),
                ("実施状況", &r.result_text),
                ("評価", &r.evaluation_text),
            ];
            for (field, text) in own {
                if let Some(t) = text {
                    texts.push((
                        r.location.line,
                        r.fiscal_year,
                        field.to_owned(),
                        r.measure.clone(),
                        t.clone(),
                    ));
                }
            }
            for e in r.extra.iter().filter(|e| e.kind == ExtraKind::Relisted) {
                let line = e.location.as_ref().map_or(r.location.line, |l| l.line);
                texts.push((
                    line,
                    r.fiscal_year,
                    e.label.clone(),
                    r.measure.clone(),
                    e.text.clone(),
                ));
            }
        }
        texts.retain(|t| t.4.chars().count() >= BORROWED_TEXT_MIN);
        texts.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
        let mut first: BTreeMap<String, (u32, FiscalYear, String, MeasureKey)> = BTreeMap::new();
        let mut reported: BTreeSet<(MeasureKey, MeasureKey, String)> = BTreeSet::new();
        for (line, fy, field, measure, text) in texts {
            let key = match_key(&text);
            let Some((l, f_fy, f_field, m)) = first.get(&key).cloned() else {
                first.insert(key, (line, fy, field, measure));
                continue;
            };
            if m == measure || !reported.insert((measure.clone(), m.clone(), key)) {
                continue;
            }
            self.diags.push(Diagnostic::warning(
                "text-of-other-measure",
                self.src.loc_field(
                    usize::try_from(line).unwrap_or(0),
                    format!("{}{field}", fy.display_ja()),
                ),
                format!(
                    "the {}{field} text of 「{measure}」 is word for word the {}{f_field} text of 「{m}」 (line {l}): 「{}」; kept as written",
                    fy.display_ja(),
                    f_fy.display_ja(),
                    clip(&text, 40)
                ),
            ));
        }
    }
}

/// Two names of the same length and suffix that differ in at most two characters
/// (「シティブロムーション課」 for 「シティプロモーション課」).
fn near_same(a: &str, b: &str) -> bool {
    let a: Vec<char> = fold(a).chars().collect();
    let b: Vec<char> = fold(b).chars().collect();
    if a.len() != b.len() || a.len() < 6 || a.last() != b.last() {
        return false;
    }
    let diff = a.iter().zip(&b).filter(|(x, y)| x != y).count();
    (1..=2).contains(&diff)
}

/// At most `n` characters of `s`, with 「…」 when cut.
fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            parse_labels("基本施策1 地域におけるネットワークの構築・強化"),
            vec![Label::Top {
                kind: GroupKind::BasicPolicy,
                word: "基本施策".into(),
                number: "1".into(),
                title: "地域におけるネットワークの構築・強化".into()
            }]
        );
        assert_eq!(
            parse_labels("1-1. 地域におけるネットワーク"),
            vec![Label::Sub {
                number: "1-1".into(),
                title: "地域におけるネットワーク".into()
            }]
        );
        let two = parse_labels("3-1高齢者の生きがい 3-2地域の支え合い");
        assert_eq!(two.len(), 2);
        assert!(parse_labels("市民相談").is_empty());
        assert!(parse_labels("").is_empty());
    }

    #[test]
    fn near_names() {
        assert!(near_same(
            "シティプロモーション課",
            "シティブロムーション課"
        ));
        assert!(!near_same("健康推進課", "健康推進課"));
        assert!(!near_same("介護保険課", "保険年金課"));
    }
}
