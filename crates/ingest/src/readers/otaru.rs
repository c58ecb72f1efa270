//! 小樽市 自殺対策計画 取組状況 (seed 002): 「measure name （division）」 TAB narrative.
//!
//! # Layout
//!
//! ```text
//! 1 「小樽市自殺対策計画」に基づく取組状況（令和元年度）     ← title: plan, fiscal year
//! 基本施策                                                  ← the level's word (group kind)
//! ① 地域におけるネットワークの強化                          ← group: city numbering + title
//! 小樽市自殺対策協議会の開催 （保健所健康増進課）\t…開催しました。 ← row: measure (division) TAB result
//! 重点施策
//! ① 高齢者対策
//! ```
//!
//! # Decisions
//!
//! * Groups: one [`Group`] per circled heading, of the kind of the last 「基本施策」/「重点施策」
//!   line, keyed 「基本施策①」; label and numbering as written.
//! * The measure cell's *last* parenthesis is the division; earlier parentheses belong to the
//!   name (「精神保健福祉相談事業 （こころの健康相談）」). Parentheses of either width.
//! * The division cell is split into department (up to the first 「部」「局」 or 「保健所」) and
//!   division (the rest, as written): 「医療保険部介護保険課」 → 医療保険部 / 介護保険課. Cells
//!   without such a prefix (「生活サポートセンター」) have no department.
//! * Measure keys are the name's [`match_key`] (folded, no white space), so that the same
//!   program keeps its key across re-imports and across yearly reports. A name seen again is
//!   the same measure: with the same division it is a 再掲 listing (the report does not mark
//!   再掲); with another division the measure gets a second division (a warning).
//! * The narrative is the year's `result_text`; counted outputs are taken from it
//!   ([`narrative::outputs`]). Dates in it are checked against the report's fiscal year and
//!   written weekdays against the calendar.
//! * Rule lines of dashes are converter artefacts (info). A line without a tab right after a
//!   row is taken as the continuation of that row's narrative (warning); any other line that
//!   is neither title, level, heading nor row is kept in an error diagnostic.

pub mod narrative;

use super::{Import, Layout, ReadError, SourceText};
use crate::diag::Diagnostic;
use crate::normalise::{find_years, fold, is_circled, match_key};
use shinchoku_core::{
    Assignment, Department, DepartmentKey, Division, DivisionKey, ExtraField, ExtraKind,
    FiscalYear, Group, GroupKey, GroupKind, Listing, Measure, MeasureKey, Plan, PlanKind,
    ProgressRecord,
};

/// Field name of the first cell (measure name and division) in locations.
pub const NAME_FIELD: &str = "取組（担当課）";
/// Field name of the narrative cell in locations.
pub const RESULT_FIELD: &str = "取組状況";

/// The levels of the hierarchy this layout writes on a line of their own.
const KINDS: &[(&str, GroupKind)] = &[
    ("基本施策", GroupKind::BasicPolicy),
    ("重点施策", GroupKind::PriorityPolicy),
    ("基本目標", GroupKind::BasicGoal),
    ("施策", GroupKind::Policy),
];

/// The title line: 「1 「小樽市自殺対策計画」に基づく取組状況（令和元年度）」.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Title {
    /// The report's section number before the title (「1」), as written.
    section: Option<String>,
    /// The title as written, without the section number.
    text: String,
    /// 「小樽市自殺対策計画」
    plan_title: String,
    year: Option<FiscalYear>,
}

fn parse_title(line: &str) -> Option<Title> {
    if line.contains('\t') {
        return None;
    }
    let t = line.trim();
    let open = t.find('「')?;
    let close = t.find('」')?;
    let plan_title = t.get(open + '「'.len_utf8()..close)?.trim();
    let rest = fold(t.get(close..)?);
    if !fold(plan_title).ends_with("計画") || !rest.contains("に基づく取組状況") {
        return None;
    }
    let section = t.get(..open)?.trim();
    let section_ok = section.is_empty() || fold(section).chars().all(|c| c.is_ascii_digit());
    if !section_ok {
        return None;
    }
    Some(Title {
        section: (!section.is_empty()).then(|| section.to_owned()),
        text: t.get(open..)?.to_owned(),
        plan_title: plan_title.to_owned(),
        year: find_years(&rest).first().map(|m| m.year),
    })
}

fn parse_kind(line: &str) -> Option<(GroupKind, String)> {
    if line.contains('\t') {
        return None;
    }
    let key = match_key(line);
    KINDS
        .iter()
        .find(|(word, _)| key == *word)
        .map(|(_, kind)| (*kind, line.trim().to_owned()))
}

/// 「① 地域におけるネットワークの強化」 → (①, title).
fn parse_heading(line: &str) -> Option<(char, String)> {
    if line.contains('\t') {
        return None;
    }
    let t = line.trim();
    let mut chars = t.chars();
    let number = chars.next().filter(|c| is_circled(*c))?;
    let title = chars.as_str().trim();
    (!title.is_empty()).then(|| (number, title.to_owned()))
}

/// A rule line left by the converter: only dashes (and tabs or spaces), at least two.
fn is_artefact(line: &str) -> bool {
    let dashes = line
        .chars()
        .filter(|c| matches!(c, '-' | '－' | '―' | '—' | '‐' | '_' | '＿' | '='))
        .count();
    dashes >= 2
        && line.chars().all(|c| {
            c.is_whitespace() || matches!(c, '-' | '－' | '―' | '—' | '‐' | '_' | '＿' | '=')
        })
}

/// The first cell of a row, split into measure name and division.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MeasureCell {
    name: String,
    division: Option<String>,
    /// The name itself ends in a parenthesis (a sub-name such as 「（こころの健康相談）」).
    has_subname: bool,
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

fn parse_measure_cell(cell: &str) -> MeasureCell {
    let t = cell.trim();
    let whole = MeasureCell {
        name: t.to_owned(),
        division: None,
        has_subname: false,
    };
    if !t.chars().next_back().is_some_and(is_close) {
        return whole;
    }
    let mut depth = 0usize;
    let mut open_at = None;
    for (i, c) in t.char_indices().rev() {
        if is_close(c) {
            depth += 1;
        } else if is_open(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                open_at = Some((i, c));
                break;
            }
        }
    }
    let Some((open, open_char)) = open_at else {
        return whole;
    };
    let close = t.char_indices().next_back().map_or(t.len(), |(i, _)| i);
    let inner = t
        .get(open + open_char.len_utf8()..close)
        .unwrap_or("")
        .trim();
    let name = t.get(..open).unwrap_or("").trim();
    MeasureCell {
        name: name.to_owned(),
        division: (!inner.is_empty()).then(|| inner.to_owned()),
        has_subname: name.chars().next_back().is_some_and(is_close),
    }
}

/// Splits a division cell into department and division: the department runs up to the first
/// 「部」「局」 or 「保健所」 that has more text after it.
fn split_department(text: &str) -> (Option<&str>, &str) {
    let t = text.trim();
    let end = ["保健所", "部", "局"]
        .iter()
        .filter_map(|marker| {
            t.match_indices(marker)
                .map(|(i, m)| i + m.len())
                .find(|end| t.get(*end..).is_some_and(|rest| !rest.trim().is_empty()))
        })
        .min();
    match end {
        Some(end) => match (t.get(..end), t.get(end..)) {
            (Some(dept), Some(rest)) => (Some(dept.trim()), rest.trim()),
            _ => (None, t),
        },
        None => (None, t),
    }
}

/// Whether a division name holds two levels (「子育て支援室 こども育成課」: a 課 within a 室).
fn is_nested_division(name: &str) -> bool {
    let key = match_key(name);
    ["室", "課", "センター", "係"].iter().any(|unit| {
        key.match_indices(unit)
            .any(|(i, u)| i + u.len() < key.len())
    })
}

/// Partner organisations that report like divisions.
fn is_external(name: &str) -> bool {
    let key = match_key(name);
    key.starts_with("NPO")
        || ["医師会", "協議会", "法人", "協会", "病院", "団体", "会議所"]
            .iter()
            .any(|s| key.ends_with(s))
}

/// What a line is.
#[derive(Debug)]
enum Line {
    Blank,
    Artefact,
    Title(Title),
    Kind(GroupKind, String),
    Heading(char, String),
    Row,
    Other,
}

fn classify(line: &str) -> Line {
    if line.trim().is_empty() {
        Line::Blank
    } else if is_artefact(line) {
        Line::Artefact
    } else if line.contains('\t') {
        Line::Row
    } else if let Some(title) = parse_title(line) {
        Line::Title(title)
    } else if let Some((kind, label)) = parse_kind(line) {
        Line::Kind(kind, label)
    } else if let Some((number, title)) = parse_heading(line) {
        Line::Heading(number, title)
    } else {
        Line::Other
    }
}

/// What [`detect`] looks for, and whether the text has it (for the refusal message).
pub(crate) fn signs(text: &str) -> Vec<(&'static str, bool)> {
    let (mut title, mut kind, mut heading, mut rows) = (false, false, false, false);
    for line in text.lines() {
        match classify(line) {
            Line::Title(_) => title = true,
            Line::Kind(..) => kind = true,
            Line::Heading(..) => heading = true,
            Line::Row => rows |= line.split('\t').count() == 2,
            _ => {}
        }
    }
    vec![
        ("a title 「「…計画」に基づく取組状況」", title),
        ("a line holding only a level word (「基本施策」)", kind),
        ("a circled heading (「①…」)", heading),
        ("rows 「measure (division)」 TAB text", rows),
    ]
}

/// True for the otaru layout: a 「「…計画」に基づく取組状況」 title, a line that is only a
/// level word (「基本施策」), a circled heading, and rows 「name (division)」 TAB text.
pub fn detect(text: &str) -> bool {
    let (mut title, mut kind, mut heading, mut rows) = (false, false, false, false);
    for line in text.lines() {
        match classify(line) {
            Line::Title(_) => title = true,
            Line::Kind(..) => kind = true,
            Line::Heading(..) => heading = true,
            Line::Row => {
                let mut cells = line.split('\t');
                let first = cells.next().unwrap_or("");
                let narrative = cells.next().unwrap_or("");
                if cells.next().is_none()
                    && !narrative.trim().is_empty()
                    && parse_measure_cell(first).division.is_some()
                {
                    rows = true;
                }
            }
            _ => {}
        }
        if title && kind && heading && rows {
            return true;
        }
    }
    false
}

/// A row 「name （division）」 TAB text whose tab became spaces: split after the first closing
/// bracket that ends a measure cell with a division and is followed by a space and more text.
fn split_collapsed_row(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    for (i, c) in t.char_indices() {
        if !is_close(c) {
            continue;
        }
        let end = i + c.len_utf8();
        let (Some(cell), Some(rest)) = (t.get(..end), t.get(end..)) else {
            continue;
        };
        if !rest.starts_with([' ', '　']) || rest.trim().is_empty() || cell.chars().count() > 80 {
            continue;
        }
        // The measure cell may hold a second bracket (「事業 （こころの健康相談） （課）」).
        let next_close = rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c == '(' || c == '（');
        if next_close {
            continue;
        }
        if parse_measure_cell(cell).division.is_some() {
            return Some((cell.trim().to_owned(), rest.trim().to_owned()));
        }
    }
    None
}

/// Reads the whole document into one plan.
pub fn read(src: &SourceText) -> Result<Import, ReadError> {
    let Some((title_line, title)) = src
        .numbered_lines()
        .find_map(|(n, l)| parse_title(l).map(|t| (n, t)))
    else {
        return Err(ReadError::Malformed {
            location: src.loc(1),
            message:
                "no title line 「「…計画」に基づく取組状況（…年度）」: the plan and the fiscal \
                      year of the report are unknown"
                    .into(),
        });
    };
    let Some(year) = title.year else {
        return Err(ReadError::Malformed {
            location: src.loc_field(title_line, "年度"),
            message: format!(
                "the title 「{}」 names no fiscal year: the records cannot be dated",
                title.text
            ),
        });
    };
    let mut reader = Reader::new(src, &title, title_line, year);
    for (n, line) in src.numbered_lines() {
        reader.line(n, line, title_line);
    }
    reader.finish()
}

struct Reader<'s, 'a> {
    src: &'s SourceText<'a>,
    plan: Plan,
    diagnostics: Vec<Diagnostic>,
    year: FiscalYear,
    kind: Option<(GroupKind, String)>,
    group: Option<GroupKey>,
    /// The record that the previous line (a row) wrote: a following line without a tab
    /// continues its narrative.
    continuable: Option<usize>,
}

impl<'s, 'a> Reader<'s, 'a> {
    fn new(src: &'s SourceText<'a>, title: &Title, title_line: usize, year: FiscalYear) -> Self {
        let mut diagnostics = Vec::new();
        let municipality = crate::normalise::municipality_of_title(&title.plan_title).unwrap_or("");
        if municipality.is_empty() {
            diagnostics.push(Diagnostic::warning(
                "no-municipality",
                src.loc_field(title_line, "計画名"),
                format!(
                    "the plan title 「{}」 names no city, town or village; municipality left empty",
                    title.plan_title
                ),
            ));
        }
        let kind = if match_key(&title.plan_title).contains("自殺対策") {
            PlanKind::SuicidePrevention
        } else {
            PlanKind::Other(title.plan_title.clone())
        };
        let mut plan = Plan::new(municipality, title.plan_title.clone(), kind);
        plan.sources
            .push(src.document(title.text.clone(), Layout::Otaru));
        if let Some(section) = &title.section {
            diagnostics.push(Diagnostic::info(
                "section-number",
                src.loc_field(title_line, "表題"),
                format!(
                    "「{section}」 before the title is the report's section number; the document \
                     title is kept without it: 「{}」",
                    title.text
                ),
            ));
        }
        Reader {
            src,
            plan,
            diagnostics,
            year,
            kind: None,
            group: None,
            continuable: None,
        }
    }

    fn line(&mut self, n: usize, line: &str, title_line: usize) {
        let mut continues = false;
        match classify(line) {
            Line::Blank => {}
            Line::Artefact => self.diagnostics.push(Diagnostic::info(
                "converter-artefact",
                self.src.loc(n),
                format!(
                    "「{}」 is a rule line left by the PDF converter; skipped",
                    line.trim().replace('\t', " ")
                ),
            )),
            Line::Title(title) => {
                if n != title_line {
                    let same = title.year == Some(self.year);
                    let message = format!(
                        "the title is repeated (「{}」, first at line {title_line}){}",
                        title.text,
                        if same {
                            "; skipped"
                        } else {
                            " with another fiscal year; the first title's year is kept"
                        }
                    );
                    let loc = self.src.loc_field(n, "表題");
                    self.diagnostics.push(if same {
                        Diagnostic::info("repeated-title", loc, message)
                    } else {
                        Diagnostic::warning("repeated-title", loc, message)
                    });
                }
            }
            Line::Kind(kind, label) => {
                self.kind = Some((kind, label));
                self.group = None;
            }
            Line::Heading(number, title) => self.heading(n, number, title),
            Line::Row => continues = self.row(n, line),
            Line::Other => continues = self.other(n, line.trim()),
        }
        if !continues {
            self.continuable = None;
        }
    }

    fn heading(&mut self, n: usize, number: char, title: String) {
        let (kind, label) = match &self.kind {
            Some(k) => k.clone(),
            None => {
                self.diagnostics.push(Diagnostic::warning(
                    "group-without-level",
                    self.src.loc(n),
                    format!(
                        "heading 「{number} {title}」 comes before any 「基本施策」/「重点施策」 \
                         line; its level is unknown"
                    ),
                ));
                (GroupKind::Other, String::new())
            }
        };
        let mut key = GroupKey::new(format!("{label}{number}"));
        if self.plan.group(&key).is_some() {
            let unique = GroupKey::new(format!("{key}@{n}"));
            self.diagnostics.push(Diagnostic::warning(
                "duplicate-group",
                self.src.loc(n),
                format!(
                    "{label}{number} appears twice; this one (「{title}」) is kept as group \
                     「{unique}」"
                ),
            ));
            key = unique;
        }
        self.plan.groups.push(Group {
            key: key.clone(),
            kind,
            label,
            number: Some(number.to_string()),
            title,
            parent: None,
            location: self.src.loc(n),
        });
        self.group = Some(key);
    }

    /// A line that is neither title, level, heading nor row (or a row without a measure
    /// cell). Returns whether it continued the previous row's narrative.
    fn other(&mut self, n: usize, text: &str) -> bool {
        // A row whose tab the converter turned into spaces: 「name （division） text」.
        if let Some((cell, narrative)) = split_collapsed_row(text) {
            self.diagnostics.push(Diagnostic::warning(
                "tabs-realigned",
                self.src.loc(n),
                format!(
                    "line has no tab but reads as a row whose tab became spaces: measure 「{cell}」, 取組状況 「{narrative}」"
                ),
            ));
            return self.row(n, &format!("{cell}\t{narrative}"));
        }
        if let Some(i) = self.continuable
            && let Some(record) = self.plan.records.get_mut(i)
        {
            let from = record.location.line;
            let joined = match record.result_text.take() {
                Some(prev) => format!("{prev}\n{text}"),
                None => text.to_owned(),
            };
            record.outputs = narrative::outputs(&joined);
            record.result_text = Some(joined);
            self.diagnostics.push(Diagnostic::warning(
                "continuation-line",
                self.src.loc_field(n, RESULT_FIELD),
                format!(
                    "line has no tab and follows the row of line {from}; taken as the \
                     continuation of its 取組状況: 「{text}」"
                ),
            ));
            return true;
        }
        self.diagnostics.push(Diagnostic::error(
            "unread-line",
            self.src.loc(n),
            format!("line is neither title, level, heading nor row; not read: 「{text}」"),
        ));
        false
    }

    fn division(&mut self, n: usize, text: &str) -> DivisionKey {
        let key = DivisionKey::new(match_key(text));
        if self.plan.division(&key).is_some() {
            return key;
        }
        let loc = self.src.loc_field(n, NAME_FIELD);
        let (department, name) = split_department(text);
        let department = department.map(|dept| {
            let dkey = DepartmentKey::new(match_key(dept));
            if self.plan.department(&dkey).is_none() {
                self.plan.departments.push(Department {
                    key: dkey.clone(),
                    name: dept.to_owned(),
                    renames: Vec::new(),
                });
            }
            dkey
        });
        let external = department.is_none() && is_external(name);
        match &department {
            Some(dept) if is_nested_division(name) => {
                self.diagnostics.push(Diagnostic::info(
                    "nested-division",
                    loc.clone(),
                    format!(
                        "「{text}」: department {dept}; 「{name}」 names two levels (a unit within a \
                         室) and is kept whole as the division"
                    ),
                ));
            }
            Some(_) => {}
            None if external => self.diagnostics.push(Diagnostic::info(
                "external-division",
                loc.clone(),
                format!("「{text}」 is a partner organisation (external)"),
            )),
            None => self.diagnostics.push(Diagnostic::info(
                "division-without-department",
                loc.clone(),
                format!(
                    "「{text}」 names no department (部/局/保健所); kept as a division without \
                     department"
                ),
            )),
        }
        self.plan.divisions.push(Division {
            key: key.clone(),
            name: name.to_owned(),
            department,
            external,
            renames: Vec::new(),
        });
        key
    }

    fn group_name(&self) -> String {
        self.group
            .as_ref()
            .and_then(|k| self.plan.group(k))
            .map_or_else(
                || "no group".to_owned(),
                |g| {
                    format!(
                        "{}{} {}",
                        g.label,
                        g.number.as_deref().unwrap_or(""),
                        g.title
                    )
                },
            )
    }

    /// A row. Returns whether it continued the previous row (a row without measure cell).
    fn row(&mut self, n: usize, line: &str) -> bool {
        let mut cells = line.split('\t');
        let first = cells.next().unwrap_or("");
        let rest: Vec<&str> = cells.map(str::trim).filter(|c| !c.is_empty()).collect();
        if rest.len() > 1 {
            self.diagnostics.push(Diagnostic::warning(
                "extra-cells",
                self.src.loc_field(n, RESULT_FIELD),
                format!(
                    "the row has {} text cells after the measure; they are joined into one \
                     取組状況",
                    rest.len()
                ),
            ));
        }
        let text = rest.join(" ");
        if first.trim().is_empty() {
            return self.other(n, &text);
        }
        self.continuable = None;
        let cell = parse_measure_cell(first);
        let name_loc = self.src.loc_field(n, NAME_FIELD);
        if cell.name.is_empty() {
            self.diagnostics.push(Diagnostic::error(
                "unread-row",
                name_loc,
                format!(
                    "the first cell 「{}」 holds no measure name; row not read: 「{text}」",
                    first.trim()
                ),
            ));
            return false;
        }
        let division = match &cell.division {
            Some(d) => Some(self.division(n, d)),
            None => {
                self.diagnostics.push(Diagnostic::warning(
                    "no-division",
                    name_loc.clone(),
                    format!(
                        "「{}」 ends in no parenthesised division; the measure has no division",
                        cell.name
                    ),
                ));
                None
            }
        };
        if self.group.is_none() {
            self.diagnostics.push(Diagnostic::warning(
                "row-outside-group",
                name_loc.clone(),
                format!(
                    "「{}」 comes before any group heading; it is not listed",
                    cell.name
                ),
            ));
        }
        let key = MeasureKey::new(match_key(&cell.name));
        let Some(first_line) = self.plan.measure(&key).map(|m| m.location.line) else {
            self.new_measure(n, &cell, key, division, &text);
            return true;
        };
        self.seen_measure(n, &cell, key, division, &text, first_line);
        true
    }

    fn new_measure(
        &mut self,
        n: usize,
        cell: &MeasureCell,
        key: MeasureKey,
        division: Option<DivisionKey>,
        text: &str,
    ) {
        let name_loc = self.src.loc_field(n, NAME_FIELD);
        if cell.has_subname {
            self.diagnostics.push(Diagnostic::info(
                "measure-subname",
                name_loc.clone(),
                format!(
                    "two parentheses: the last 「{}」 is the division, the one before stays in \
                     the measure name 「{}」",
                    cell.division.as_deref().unwrap_or(""),
                    cell.name
                ),
            ));
        }
        self.plan.measures.push(Measure {
            key: key.clone(),
            number: None,
            name: cell.name.clone(),
            description: None,
            audience: None,
            plan_page: None,
            location: name_loc.clone(),
        });
        if let Some(group) = &self.group {
            self.plan.listings.push(Listing {
                measure: key.clone(),
                group: group.clone(),
                relisted: false,
                location: name_loc.clone(),
            });
        }
        self.add_record(n, key, division, text);
    }

    fn add_record(&mut self, n: usize, key: MeasureKey, division: Option<DivisionKey>, text: &str) {
        let name_loc = self.src.loc_field(n, NAME_FIELD);
        let loc = self.src.loc_field(n, RESULT_FIELD);
        if let Some(division) = &division {
            self.plan.assignments.push(Assignment {
                measure: key.clone(),
                division: division.clone(),
                location: name_loc,
            });
        }
        let mut record = ProgressRecord::new(key, division, self.year, loc.clone());
        if text.is_empty() {
            self.diagnostics.push(Diagnostic::warning(
                "empty-result",
                loc,
                "the row has no 取組状況 text",
            ));
        } else {
            record.outputs = narrative::outputs(text);
            record.result_text = Some(text.to_owned());
            self.check_dates(n, text);
        }
        self.plan.records.push(record);
        self.continuable = self.plan.records.len().checked_sub(1);
    }

    fn check_dates(&mut self, n: usize, text: &str) {
        for date in narrative::dates(text) {
            let loc = self.src.loc_field(n, RESULT_FIELD);
            if date.fiscal_year() != self.year {
                self.diagnostics.push(Diagnostic::warning(
                    "date-outside-fiscal-year",
                    loc.clone(),
                    format!(
                        "「{}」 falls in {}, not in the report's {}",
                        date.original,
                        date.fiscal_year().wareki(),
                        self.year.wareki()
                    ),
                ));
            }
            match (date.day, date.weekday, date.actual_weekday()) {
                (Some(_), _, None) => self.diagnostics.push(Diagnostic::warning(
                    "invalid-date",
                    loc,
                    format!("「{}」 is not a calendar date", date.original),
                )),
                (_, Some(written), Some(actual)) if written != actual => {
                    self.diagnostics.push(Diagnostic::warning(
                        "weekday-mismatch",
                        loc,
                        format!(
                            "「{}」: the date is a {actual}曜日, not {written}曜日",
                            date.original
                        ),
                    ));
                }
                _ => {}
            }
        }
    }

    fn seen_measure(
        &mut self,
        n: usize,
        cell: &MeasureCell,
        key: MeasureKey,
        division: Option<DivisionKey>,
        text: &str,
        first_line: u32,
    ) {
        let name_loc = self.src.loc_field(n, NAME_FIELD);
        let group_name = self.group_name();
        let already_here = self.group.as_ref().is_some_and(|g| {
            self.plan
                .listings
                .iter()
                .any(|l| l.measure == key && &l.group == g)
        });
        if let Some(group) = &self.group
            && !already_here
        {
            self.plan.listings.push(Listing {
                measure: key.clone(),
                group: group.clone(),
                relisted: true,
                location: name_loc.clone(),
            });
        }
        let record_index =
            self.plan.records.iter().position(|r| {
                r.measure == key && r.division == division && r.fiscal_year == self.year
            });
        let Some(index) = record_index else {
            self.diagnostics.push(Diagnostic::warning(
                "measure-shared",
                name_loc,
                format!(
                    "「{}」 was read at line {first_line} with another division; taken as the same \
                     measure, run also by 「{}」 (listed under {group_name})",
                    cell.name,
                    cell.division.as_deref().unwrap_or("no division"),
                ),
            ));
            self.add_record(n, key, division, text);
            return;
        };
        let previous = self
            .plan
            .records
            .get(index)
            .and_then(|r| r.result_text.clone())
            .unwrap_or_default();
        let what = if already_here {
            format!(
                "repeated under the same group ({group_name}); the repetition is not listed again"
            )
        } else {
            format!("listed again under {group_name} (再掲, not marked as such in the report)")
        };
        if match_key(&previous) == match_key(text) {
            let spacing = if previous == text {
                ""
            } else {
                " apart from white space"
            };
            let message = format!(
                "「{}」 ({}) is the measure of line {first_line}: same name, division and \
                 取組状況{spacing}; one measure, {what}",
                cell.name,
                cell.division.as_deref().unwrap_or("no division"),
            );
            self.diagnostics.push(if already_here {
                Diagnostic::warning("duplicate-row", name_loc, message)
            } else {
                Diagnostic::info("relisting", name_loc, message)
            });
        } else {
            if let Some(record) = self.plan.records.get_mut(index) {
                record.extra.push(ExtraField {
                    label: RESULT_FIELD.to_owned(),
                    text: text.to_owned(),
                    kind: ExtraKind::Relisted,
                    location: Some(name_loc.clone()),
                });
            }
            self.diagnostics.push(Diagnostic::warning(
                "relisting-text-differs",
                self.src.loc_field(n, RESULT_FIELD),
                format!(
                    "「{}」 ({}) has the name and division of line {first_line} but another \
                     取組状況; taken as the same measure, {what}; this text is kept as an extra \
                     field of the record of line {first_line}",
                    cell.name,
                    cell.division.as_deref().unwrap_or("no division"),
                ),
            ));
        }
    }

    fn finish(mut self) -> Result<Import, ReadError> {
        if self.plan.measures.is_empty() {
            return Err(ReadError::Malformed {
                location: self.src.loc(1),
                message: "no row 「measure (division)」 TAB 「取組状況」 found".into(),
            });
        }
        self.plan.refresh_fiscal_years();
        Ok(Import {
            plans: vec![self.plan],
            diagnostics: self.diagnostics,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_cells() {
        let c =
            parse_measure_cell("精神保健福祉相談事業 （こころの健康相談） （保健所健康増進課）");
        assert_eq!(c.name, "精神保健福祉相談事業 （こころの健康相談）");
        assert_eq!(c.division.as_deref(), Some("保健所健康増進課"));
        assert!(c.has_subname);
        let c = parse_measure_cell("子育て支援センターの開催 (福祉部子育て支援室 こども育成課)");
        assert_eq!(c.name, "子育て支援センターの開催");
        assert_eq!(
            c.division.as_deref(),
            Some("福祉部子育て支援室 こども育成課")
        );
        assert!(!c.has_subname);
        let c = parse_measure_cell("相談 (a (b) c)");
        assert_eq!(c.division.as_deref(), Some("a (b) c"));
        let c = parse_measure_cell("名前だけ");
        assert_eq!((c.name.as_str(), c.division), ("名前だけ", None));
        let c = parse_measure_cell("閉じ括弧だけ)");
        assert_eq!(c.division, None);
        let c = parse_measure_cell("空 ()");
        assert_eq!((c.name.as_str(), c.division), ("空", None));
    }

    #[test]
    fn departments() {
        assert_eq!(
            split_department("保健所健康増進課"),
            (Some("保健所"), "健康増進課")
        );
        assert_eq!(
            split_department("福祉部子育て支援室 こども育成課"),
            (Some("福祉部"), "子育て支援室 こども育成課")
        );
        assert_eq!(
            split_department("教育部学校教育支援室"),
            (Some("教育部"), "学校教育支援室")
        );
        assert_eq!(
            split_department("生活サポートセンター"),
            (None, "生活サポートセンター")
        );
        assert_eq!(split_department("こども未来部"), (None, "こども未来部"));
        assert!(is_nested_division("子育て支援室 こども育成課"));
        assert!(!is_nested_division("学校教育支援室"));
        assert!(is_external("小樽市医師会"));
        assert!(!is_external("生活サポートセンター"));
    }

    #[test]
    fn titles_and_lines() {
        let t = parse_title("1 「小樽市自殺対策計画」に基づく取組状況（令和元年度）");
        assert_eq!(
            t,
            Some(Title {
                section: Some("1".into()),
                text: "「小樽市自殺対策計画」に基づく取組状況（令和元年度）".into(),
                plan_title: "小樽市自殺対策計画".into(),
                year: Some(FiscalYear(2019)),
            })
        );
        assert!(parse_title("「計画」について").is_none());
        assert!(matches!(
            classify("------------------------------\t--"),
            Line::Artefact
        ));
        assert!(matches!(
            classify("重点施策"),
            Line::Kind(GroupKind::PriorityPolicy, _)
        ));
        assert!(matches!(classify("③ 啓発と周知"), Line::Heading('③', _)));
        assert!(matches!(classify("①"), Line::Other));
    }
}
