//! Reader for the 川口市 自殺対策推進計画掲載事業 list (seed 000): a tab-separated table of all
//! programs (事業) of the plan.
//!
//! Layout, as the PDF converter left it:
//!
//! * every page starts with the title line 「川口市自殺対策推進計画掲載事業」 and repeats the header
//!   row `No. 事業名 実施課 事業概要 対象者 令和4年度実績(経費) 令和4年度実績(その他) 効果
//!   令和5年度の方向性` (the last cell sometimes as 「令和5年度 の方向性」);
//! * one row per program; a program run by several divisions continues on rows whose first two
//!   cells (No., 事業名) are empty: one measure, one division and one progress record per row;
//! * some cells hold HTML list fragments (`<p>`, `<ul …>`), turned into plain lines;
//! * 経費 cells hold one or more (labelled) yen amounts, 「—」/「-」/「なし」 for none, shared totals
//!   「40,000円 (No.71、72、73の総額)」 and duplicates 「(No.75と重複)」; the cell is kept as written
//!   in `cost_original` beside the items read from it;
//! * 実績(その他) holds counted outputs 「参加者数 2,783名」 (kept as text too); 効果 is the
//!   effect text; 方向性 is the direction for the year after the results' year.
//!
//! The list has no group hierarchy: measures carry the report's own numbers as keys.

use super::{Import, Layout, ReadError, SourceText};
use crate::diag::Diagnostic;
use crate::normalise::{
    clean_cell, collapse_ws, find_years, find_yen, fold, is_blank_cell, match_key,
    municipality_of_title, parse_fiscal_year, parse_outputs, split_circled_items,
};
use regex::Regex;
use shinchoku_core::{
    Assignment, CostItem, CostSharing, Direction, DirectionVocabulary, Division, DivisionKey,
    ExtraField, ExtraKind, FiscalYear, Measure, MeasureKey, Narrative, Output, Plan, PlanKind,
    ProgressRecord,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The title line of every page.
const TITLE_SUFFIX: &str = "掲載事業";

/// Column roles of the table, found by header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    No,
    Name,
    Division,
    Description,
    Audience,
    Cost,
    Outputs,
    Effect,
    Direction,
}

impl Col {
    fn label(self) -> &'static str {
        match self {
            Col::No => "No.",
            Col::Name => "事業名",
            Col::Division => "実施課",
            Col::Description => "事業概要",
            Col::Audience => "対象者",
            Col::Cost => "実績(経費)",
            Col::Outputs => "実績(その他)",
            Col::Effect => "効果",
            Col::Direction => "方向性",
        }
    }

    /// The role of a header cell, by meaning: keywords of its [`match_key`] (NFKC-folded,
    /// without spaces) once the fiscal year it names (「令和4年度」「R4」, with a 「の」 after it)
    /// is taken out, so 「令和4年度実績(経費)」「令和４年度決算額」「事業費」 are all the cost column and
    /// 「効果」「成果」「令和4年度の効果」 the effect column.
    fn of_header(cell: &str) -> Option<Col> {
        let k = match_key(cell);
        let mut stem = k.clone();
        for m in find_years(&k).iter().rev() {
            if let (Some(a), Some(b)) = (stem.get(..m.start), stem.get(m.end..)) {
                stem = format!("{a}{b}");
            }
        }
        let stem = stem.trim_start_matches(['度', 'の']);
        let s = stem;
        let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
        if matches!(
            s,
            "No." | "No" | "NO" | "NO." | "番号" | "事業番号" | "№" | "通し番号"
        ) {
            Some(Col::No)
        } else if matches!(s, "事業名" | "事業名称" | "取組名" | "取組" | "事業") {
            Some(Col::Name)
        } else if (s.ends_with('課') && has(&["実施", "担当", "所管"]))
            || matches!(
                s,
                "担当部署" | "所管部署" | "担当部局" | "実施部署" | "担当"
            )
        {
            Some(Col::Division)
        } else if matches!(s, "事業概要" | "事業内容" | "概要" | "内容" | "取組内容")
        {
            Some(Col::Description)
        } else if matches!(s, "対象者" | "対象" | "対象者等") {
            Some(Col::Audience)
        } else if has(&["経費", "決算", "事業費", "費用", "予算"]) {
            Some(Col::Cost)
        } else if (has(&["実績"]) && has(&["その他"]))
            || matches!(
                s,
                "実績" | "活動実績" | "実施実績" | "取組実績" | "事業実績"
            )
        {
            Some(Col::Outputs)
        } else if has(&["効果", "成果"]) {
            Some(Col::Effect)
        } else if has(&["方向性", "今後の方針", "今後方針"]) {
            Some(Col::Direction)
        } else {
            None
        }
    }

    /// The columns every edition of the list has besides No. / 事業名 / 実施課.
    const EXPECTED: [Col; 6] = [
        Col::Description,
        Col::Audience,
        Col::Cost,
        Col::Outputs,
        Col::Effect,
        Col::Direction,
    ];
}

/// A parsed header row: the role of every cell, and the years it names.
#[derive(Debug, Clone)]
struct Header {
    cols: Vec<Option<Col>>,
    /// Every header cell as written (spaces collapsed): the label of an unknown column.
    labels: Vec<String>,
    result_year: Option<FiscalYear>,
    direction_year: Option<FiscalYear>,
}

impl Header {
    fn parse(cells: &[&str]) -> Option<Header> {
        let mut cols: Vec<Option<Col>> = Vec::with_capacity(cells.len());
        for cell in cells {
            // A role taken by an earlier cell: this one is a column of its own, kept as extra.
            let col = Col::of_header(cell).filter(|c| !cols.contains(&Some(*c)));
            cols.push(col);
        }
        let has = |c: Col| cols.contains(&Some(c));
        if !(has(Col::No) && has(Col::Name) && has(Col::Division)) {
            return None;
        }
        let year_of = |want: Col| {
            cells
                .iter()
                .zip(&cols)
                .find(|(_, c)| **c == Some(want))
                .and_then(|(cell, _)| parse_fiscal_year(cell))
        };
        Some(Header {
            result_year: year_of(Col::Cost)
                .or_else(|| year_of(Col::Outputs))
                .or_else(|| year_of(Col::Effect)),
            direction_year: year_of(Col::Direction),
            labels: cells.iter().map(|c| collapse_ws(c)).collect(),
            cols,
        })
    }

    fn index(&self, col: Col) -> Option<usize> {
        self.cols.iter().position(|c| *c == Some(col))
    }

    /// The label of an unknown column: its header cell, or 「列N」 when that is empty.
    fn label(&self, i: usize) -> String {
        match self.labels.get(i) {
            Some(l) if !l.is_empty() => l.clone(),
            _ => format!("列{}", i + 1),
        }
    }
}

/// Whether a line is the page title 「…市…計画掲載事業」.
fn is_title(line: &str) -> bool {
    if line.contains('\t') {
        return false;
    }
    let k = match_key(line);
    k.ends_with(TITLE_SUFFIX) && k.contains("計画") && municipality_of_title(&k).is_some()
}

/// Whether a line is a header row of this layout.
fn is_header_line(line: &str) -> bool {
    // A header has a 事業概要/事業内容 cell (its kanji survive folding, spaces may come between
    // them): skip other lines cheaply.
    if !line.contains('\t') || !line.contains('事') || !line.contains('業') {
        return false;
    }
    let cells: Vec<&str> = line.split('\t').collect();
    Header::parse(&cells).is_some_and(|h| {
        h.index(Col::Description).is_some()
            || Col::EXPECTED
                .iter()
                .filter(|c| h.index(**c).is_some())
                .count()
                >= 3
    })
}

/// What [`detect`] looks for, and whether the text has it (for the refusal message).
pub(crate) fn signs(text: &str) -> Vec<(&'static str, bool)> {
    let lines = || text.lines().take(200);
    vec![
        ("a page title 「…計画掲載事業」", lines().any(is_title)),
        (
            "a tab-separated header row No. / 事業名 / 実施課 / 事業概要",
            lines().any(is_header_line),
        ),
    ]
}

/// True for the 川口市 program list: a page title ending in 「掲載事業」 and a tab-separated
/// header row with No. / 事業名 / 実施課 and 事業概要 (or three other known) columns.
pub fn detect(text: &str) -> bool {
    let mut title = false;
    let mut header = false;
    for line in text.lines().take(200) {
        title |= is_title(line);
        header |= is_header_line(line);
        if title && header {
            return true;
        }
    }
    false
}

/// One table row with its cells by role.
struct Row<'a> {
    line: usize,
    cells: BTreeMap<ColKey, &'a str>,
}

/// `Col` as an ordered map key.
type ColKey = u8;

fn ck(c: Col) -> ColKey {
    c as u8
}

impl<'a> Row<'a> {
    fn raw(&self, c: Col) -> &'a str {
        self.cells.get(&ck(c)).copied().unwrap_or("")
    }

    /// The cleaned cell (HTML fragments to lines, trimmed); `None` when blank (「—」).
    fn text(&self, c: Col) -> Option<String> {
        let raw = self.raw(c);
        if is_blank_cell(raw) {
            return None;
        }
        let t = clean_cell(raw);
        (!is_blank_cell(&t)).then_some(t)
    }
}

/// State of the measure being read (its first row and its divisions so far).
struct Current {
    key: MeasureKey,
    description: Option<String>,
    audience: Option<String>,
    divisions: Vec<DivisionKey>,
    /// Index in `plan.records` of the records of this measure.
    rows: usize,
}

struct Reader<'s, 'a> {
    src: &'s SourceText<'a>,
    plan: Plan,
    diags: Vec<Diagnostic>,
    fiscal_year: Option<FiscalYear>,
    current: Option<Current>,
    /// Standalone division names of the 実施課 column (to split concatenated cells).
    known_divisions: BTreeSet<String>,
    /// First line where a measure name was seen, for duplicate names.
    names: BTreeMap<String, (String, usize)>,
    /// (match key of 事業概要, amount) → (measure number, line) for undeclared duplicates.
    cost_texts: BTreeMap<(String, i64), (String, usize)>,
}

static SHARED: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // a constant pattern, checked by the tests
    Regex::new(r"No\.?\s*(\d+(?:\s*[、,]\s*\d+)*)\s*の(?:総額|合計)").expect("valid regex")
});
static DUPLICATE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"No\.?\s*(\d+)\s*と重複").expect("valid regex")
});
static SPLIT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"(\d{1,3}), (\d{3})(\D|$)").expect("valid regex")
});
static DIGIT_PAIR_DIVISION: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    Regex::new(r"^(.*?)(\d+)・(\d+)(課|係|室)$").expect("valid regex")
});

pub fn read(src: &SourceText) -> Result<Import, ReadError> {
    let lines: Vec<(usize, &str)> = src.numbered_lines().collect();
    let Some(&(title_line, title)) = lines.iter().find(|(_, l)| is_title(l)) else {
        return Err(ReadError::Malformed {
            location: src.loc(1),
            message: "no title line 「…計画掲載事業」 found".into(),
        });
    };
    let title = collapse_ws(title);
    let plan_title = title
        .strip_suffix(TITLE_SUFFIX)
        .unwrap_or(&title)
        .trim()
        .to_owned();
    let municipality = municipality_of_title(&plan_title)
        .unwrap_or_default()
        .to_owned();
    let kind = if plan_title.contains("自殺") {
        PlanKind::SuicidePrevention
    } else {
        PlanKind::Other(plan_title.clone())
    };
    let mut plan = Plan::new(municipality, plan_title, kind);
    plan.direction_vocabulary = DirectionVocabulary::standard();
    plan.sources
        .push(src.document(title.clone(), Layout::KawaguchiList));

    let mut reader = Reader {
        src,
        plan,
        diags: Vec::new(),
        fiscal_year: None,
        current: None,
        known_divisions: BTreeSet::new(),
        names: BTreeMap::new(),
        cost_texts: BTreeMap::new(),
    };
    reader.collect_known_divisions(&lines);

    let mut header: Option<Header> = None;
    for &(n, line) in &lines {
        if line.trim().is_empty() {
            continue;
        }
        if is_title(line) {
            if collapse_ws(line) != title {
                reader.diags.push(Diagnostic::warning(
                    "title-differs",
                    src.loc(n),
                    format!(
                        "page title 「{}」 differs from the first one (line {title_line}); kept the first",
                        collapse_ws(line)
                    ),
                ));
            }
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if let Some(h) = Header::parse(&cells) {
            reader.header_row(n, &h, header.as_ref());
            header = Some(h);
            continue;
        }
        match &header {
            Some(h) if cells.len() > 1 => reader.data_row(n, h, &cells),
            Some(h) => match realign_collapsed(line, h.cols.len()) {
                // Tabs the converter turned into spaces: the row, if the cells can be told.
                Some(cells) => {
                    reader.diags.push(Diagnostic::warning(
                        "tabs-realigned",
                        src.loc(n),
                        format!(
                            "line has no tab but splits into the header's {} cells at its spaces; read as a row: 「{}」",
                            h.cols.len(),
                            collapse_ws(line)
                        ),
                    ));
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    reader.data_row(n, h, &cells);
                }
                None => reader.stray_line(n, line),
            },
            None => reader.plan.narratives.push(Narrative {
                title: "資料の位置づけ".into(),
                text: collapse_ws(line),
                location: src.loc(n),
            }),
        }
    }
    if header.is_none() {
        return Err(ReadError::Malformed {
            location: src.loc(title_line),
            message: "no header row (No. / 事業名 / 実施課 …) found".into(),
        });
    }
    reader.finish();
    let Reader {
        mut plan, diags, ..
    } = reader;
    plan.refresh_fiscal_years();
    Ok(Import {
        plans: vec![plan],
        diagnostics: diags,
    })
}

/// The cells of a table row whose tabs became spaces, when they can be told: the line splits
/// into exactly `count` parts at runs of two or more spaces, or else at single spaces, and
/// its first part is a program number.
fn realign_collapsed(line: &str, count: usize) -> Option<Vec<String>> {
    let t = line.trim();
    let wide: Vec<String> = t
        .split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let single: Vec<String> = t
        .split([' ', '　'])
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let numbered = |cells: &Vec<String>| {
        cells
            .first()
            .is_some_and(|c| fold(c).trim().chars().all(|ch| ch.is_ascii_digit()))
    };
    [wide, single]
        .into_iter()
        .find(|cells| cells.len() == count && count > 1 && numbered(cells))
}

impl Reader<'_, '_> {
    /// A line without tabs inside the table that is not a row: tabs lost in conversion or
    /// text outside the cells. Kept on the current program's last record (「表外の行」) with
    /// an error that quotes it; never as narrative.
    fn stray_line(&mut self, n: usize, line: &str) {
        let text = collapse_ws(line);
        let kept = self
            .current
            .as_ref()
            .map(|c| c.key.clone())
            .and_then(|key| {
                self.plan
                    .records
                    .iter_mut()
                    .rev()
                    .find(|r| r.measure == key)
            });
        let where_kept = match kept {
            Some(record) => {
                record.extra.push(ExtraField {
                    label: "表外の行".into(),
                    text: text.clone(),
                    kind: ExtraKind::Unplaced,
                    location: Some(self.src.loc(n)),
                });
                format!(
                    "kept as the extra field 「表外の行」 of No.{}'s record",
                    record.measure
                )
            }
            None => "kept only here".to_owned(),
        };
        self.diags.push(Diagnostic::error(
            "tabs-lost",
            self.src.loc(n),
            format!(
                "line inside the table has no tab and does not split into the header's cells (tabs lost in conversion?); {where_kept}: 「{text}」"
            ),
        ));
    }

    /// Division names that stand alone in a 実施課 cell somewhere in the document.
    fn collect_known_divisions(&mut self, lines: &[(usize, &str)]) {
        let mut header: Option<Header> = None;
        for &(_, line) in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            if let Some(h) = Header::parse(&cells) {
                header = Some(h);
                continue;
            }
            let Some(i) = header.as_ref().and_then(|h| h.index(Col::Division)) else {
                continue;
            };
            if let Some(cell) = cells.get(i) {
                let name = collapse_ws(cell);
                if !name.is_empty() && !name.contains(' ') && !is_blank_cell(&name) {
                    self.known_divisions.insert(name);
                }
            }
        }
    }

    fn header_row(&mut self, n: usize, h: &Header, previous: Option<&Header>) {
        if previous.is_none_or(|p| p.cols != h.cols || p.labels != h.labels) {
            self.header_columns(n, h);
        }
        let result_year = match (h.result_year, h.direction_year) {
            (None, Some(d)) if self.fiscal_year.is_none() => {
                let y = FiscalYear(d.0 - 1);
                self.diags.push(Diagnostic::warning(
                    "fiscal-year-inferred",
                    self.src.loc_field(n, Col::Direction.label()),
                    format!(
                        "no result column names its fiscal year; the results are taken as {}, the year before the direction column's {}",
                        y.wareki(),
                        d.wareki()
                    ),
                ));
                Some(y)
            }
            (r, _) => r,
        };
        match (self.fiscal_year, result_year) {
            (None, Some(y)) => self.fiscal_year = Some(y),
            (Some(fy), Some(y)) if fy != y => self.diags.push(Diagnostic::warning(
                "header-year-differs",
                self.src.loc(n),
                format!(
                    "header names results of {} but the first header {}; records keep {}",
                    y.wareki(),
                    fy.wareki(),
                    fy.wareki()
                ),
            )),
            (None, None) => self.diags.push(Diagnostic::warning(
                "header-without-year",
                self.src.loc(n),
                "header row names no fiscal year for the results",
            )),
            _ => {}
        }
        if let (Some(r), Some(d)) = (result_year, h.direction_year)
            && d != r.next()
        {
            self.diags.push(Diagnostic::warning(
                "direction-year",
                self.src.loc_field(n, Col::Direction.label()),
                format!(
                    "the direction column is for {} but the results are of {}; read it as the direction after the results' year",
                    d.wareki(),
                    r.wareki()
                ),
            ));
        }
        if let Some(p) = previous
            && p.cols != h.cols
        {
            self.diags.push(Diagnostic::warning(
                "header-columns-differ",
                self.src.loc(n),
                "this header row has other columns than the previous one; rows below follow it",
            ));
        }
    }

    /// Warnings for a header row's unknown columns (kept as extra fields of the records) and
    /// for the expected columns it lacks.
    fn header_columns(&mut self, n: usize, h: &Header) {
        // Empty heading cells at the end are the converter's padding.
        let last = h.labels.iter().rposition(|l| !l.is_empty()).unwrap_or(0);
        for (i, col) in h.cols.iter().enumerate().take(last + 1) {
            let label = h.label(i);
            if col.is_some() {
                continue;
            }
            let repeats = h
                .labels
                .get(i)
                .and_then(|l| Col::of_header(l))
                .and_then(|role| h.index(role).map(|w| (role, w)));
            let message = match repeats {
                Some((role, w)) => format!(
                    "column {} 「{label}」 reads as the {} column too, which column {} 「{}」 already is; its cells are kept as extra fields 「{label}」 of the records",
                    i + 1,
                    role.label(),
                    w + 1,
                    h.label(w)
                ),
                None => format!(
                    "column {} 「{label}」 is not a column this reader knows; its cells are kept as extra fields 「{label}」 of the records",
                    i + 1
                ),
            };
            self.diags.push(Diagnostic::warning(
                "unknown-column",
                self.src.loc_field(n, label.clone()),
                message,
            ));
        }
        let missing: Vec<&str> = Col::EXPECTED
            .iter()
            .filter(|c| h.index(**c).is_none())
            .map(|c| c.label())
            .collect();
        if !missing.is_empty() {
            self.diags.push(Diagnostic::warning(
                "missing-column",
                self.src.loc(n),
                format!(
                    "the header row has no {} column; the records have no such values",
                    missing.join(" / ")
                ),
            ));
        }
    }

    fn data_row(&mut self, n: usize, h: &Header, cells: &[&str]) {
        let src = self.src;
        if cells.len() != h.cols.len() {
            self.diags.push(Diagnostic::warning(
                "cell-count",
                src.loc(n),
                format!(
                    "row has {} cells, the header {}; cells read by position, missing ones as empty",
                    cells.len(),
                    h.cols.len()
                ),
            ));
        }
        let mut row = Row {
            line: n,
            cells: BTreeMap::new(),
        };
        for (i, col) in h.cols.iter().enumerate() {
            if let (Some(col), Some(cell)) = (col, cells.get(i)) {
                row.cells.insert(ck(*col), *cell);
            }
        }
        if cells.len() > h.cols.len() {
            let rest: Vec<&str> = cells.iter().skip(h.cols.len()).copied().collect();
            let rest = collapse_ws(&rest.join(" "));
            if !rest.is_empty() {
                self.diags.push(Diagnostic::warning(
                    "extra-cells",
                    src.loc(n),
                    format!("cells beyond the header kept as an extra field: 「{rest}」"),
                ));
            }
        }
        let no = collapse_ws(row.raw(Col::No));
        let name = row.text(Col::Name);
        let continuation = no.is_empty() && name.is_none();
        if continuation {
            if self.current.is_none() {
                self.diags.push(Diagnostic::error(
                    "orphan-continuation",
                    src.loc(n),
                    format!(
                        "continuation row (empty No. and 事業名) before any program; not read: 「{}」",
                        collapse_ws(&cells.join(" "))
                    ),
                ));
                return;
            }
        } else {
            self.start_measure(&row, &no, name);
        }
        self.record_row(&row, cells, h);
    }

    fn start_measure(&mut self, row: &Row, no: &str, name: Option<String>) {
        let src = self.src;
        let n = row.line;
        let folded_no = fold(no);
        let number = folded_no.trim().trim_start_matches("No.").trim().to_owned();
        let mut key = if number.is_empty() {
            self.diags.push(Diagnostic::warning(
                "missing-number",
                src.loc_field(n, Col::No.label()),
                "program row without a No.; keyed by its line",
            ));
            format!("L{n}")
        } else {
            if !number.chars().all(|c| c.is_ascii_digit()) {
                self.diags.push(Diagnostic::warning(
                    "odd-number",
                    src.loc_field(n, Col::No.label()),
                    format!("No. 「{no}」 is not a plain number; used as written"),
                ));
            }
            number.clone()
        };
        if self.plan.measures.iter().any(|m| m.key.as_str() == key) {
            let new_key = format!("{key}@L{n}");
            self.diags.push(Diagnostic::warning(
                "duplicate-number",
                src.loc_field(n, Col::No.label()),
                format!("No.{key} appears twice; this one keyed 「{new_key}」"),
            ));
            key = new_key;
        }
        let name = match name {
            Some(name) => name,
            None => {
                self.diags.push(Diagnostic::warning(
                    "missing-name",
                    src.loc_field(n, Col::Name.label()),
                    format!("No.{key} has no 事業名; named after its number"),
                ));
                format!("No.{key}")
            }
        };
        let name_key = match_key(&name);
        match self.names.get(&name_key) {
            Some((other, line)) => self.diags.push(Diagnostic::info(
                "same-name",
                src.loc_field(n, Col::Name.label()),
                format!(
                    "No.{key} 「{name}」 has the same name as No.{other} (line {line}); kept as separate programs by their numbers"
                ),
            )),
            None => {
                self.names.insert(name_key, (key.clone(), n));
            }
        }
        let key = MeasureKey::new(key);
        let description = row.text(Col::Description);
        let audience = row.text(Col::Audience);
        self.plan.measures.push(Measure {
            key: key.clone(),
            number: (!number.is_empty()).then_some(number),
            name,
            description: description.clone(),
            audience: audience.clone(),
            plan_page: None,
            location: src.loc(n),
        });
        self.current = Some(Current {
            key,
            description,
            audience,
            divisions: Vec::new(),
            rows: 0,
        });
    }

    /// Splits a 実施課 cell that names several divisions (「生活福祉1・2課」,
    /// 「各相談機関 医師会」, 「各小中学校指導課」 = two names the column uses alone elsewhere).
    fn split_divisions(&self, cell: &str) -> Vec<String> {
        let name = collapse_ws(cell);
        if name.is_empty() {
            return vec![name];
        }
        if name.contains(' ') {
            return name.split(' ').map(str::to_owned).collect();
        }
        if let Some(c) = DIGIT_PAIR_DIVISION.captures(&name)
            && let (Some(stem), Some(a), Some(b), Some(suffix)) =
                (c.get(1), c.get(2), c.get(3), c.get(4))
        {
            let (stem, suffix) = (stem.as_str(), suffix.as_str());
            return vec![
                format!("{stem}{}{suffix}", a.as_str()),
                format!("{stem}{}{suffix}", b.as_str()),
            ];
        }
        for (i, _) in name.char_indices().skip(1) {
            let (Some(a), Some(b)) = (name.get(..i), name.get(i..)) else {
                continue;
            };
            if a != b && self.known_divisions.contains(a) && self.known_divisions.contains(b) {
                return vec![a.to_owned(), b.to_owned()];
            }
        }
        vec![name]
    }

    fn division(&mut self, name: &str, n: usize) -> DivisionKey {
        let key = DivisionKey::new(name);
        if self.plan.division(&key).is_none() {
            let external = is_external(name);
            if external {
                self.diags.push(Diagnostic::info(
                    "external-division",
                    self.src.loc_field(n, Col::Division.label()),
                    format!(
                        "「{name}」 read as a partner organisation (external), not a city division"
                    ),
                ));
            }
            self.plan.divisions.push(Division {
                key: key.clone(),
                name: name.to_owned(),
                department: None,
                external,
                renames: Vec::new(),
            });
        }
        key
    }

    fn record_row(&mut self, row: &Row, cells: &[&str], h: &Header) {
        let src = self.src;
        let n = row.line;
        let Some(fy) = self.fiscal_year else {
            self.diags.push(Diagnostic::error(
                "no-fiscal-year",
                src.loc(n),
                "no fiscal year known for this row (the header names none); row not read",
            ));
            return;
        };
        let Some(cur) = self.current.as_ref() else {
            return;
        };
        let measure = cur.key.clone();
        let first_row = cur.rows == 0;
        let (cur_desc, cur_aud) = (cur.description.clone(), cur.audience.clone());

        // Divisions.
        let raw_division = row.raw(Col::Division);
        let parts = self.split_divisions(raw_division);
        let mut keys: Vec<DivisionKey> = Vec::new();
        for part in &parts {
            if part.is_empty() || is_blank_cell(part) {
                continue;
            }
            let key = self.division(part, n);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        if keys.is_empty() {
            self.diags.push(Diagnostic::warning(
                "missing-division",
                src.loc_field(n, Col::Division.label()),
                format!("no 実施課 for No.{measure}; record kept without a division"),
            ));
        }
        for key in &keys {
            let known = self
                .current
                .as_ref()
                .is_some_and(|c| c.divisions.contains(key));
            if !known {
                self.plan.assignments.push(Assignment {
                    measure: measure.clone(),
                    division: key.clone(),
                    location: src.loc_field(n, Col::Division.label()),
                });
                if let Some(c) = self.current.as_mut() {
                    c.divisions.push(key.clone());
                }
            }
        }
        let record_division = if keys.len() > 1 {
            let last = keys.last().cloned();
            let names = keys
                .iter()
                .map(|k| format!("「{k}」"))
                .collect::<Vec<_>>()
                .join(" and ");
            let alone = first_row && !self.measure_continues(n);
            let decision = if alone {
                "the row is the program's only one: kept as one joint record of both".to_owned()
            } else {
                format!(
                    "the program has other rows: the record is attached to {}",
                    last.as_ref().map_or(String::new(), |k| format!("「{k}」"))
                )
            };
            self.diags.push(Diagnostic::warning(
                "joint-divisions",
                src.loc_field(n, Col::Division.label()),
                format!(
                    "実施課 「{}」 read as {names}; {decision}",
                    collapse_ws(raw_division)
                ),
            ));
            if alone { None } else { last }
        } else {
            keys.first().cloned()
        };
        if let Some(div) = &record_division
            && self.plan.records.iter().any(|r| {
                r.measure == measure && r.division.as_ref() == Some(div) && r.fiscal_year == fy
            })
        {
            self.diags.push(Diagnostic::warning(
                "duplicate-record",
                src.loc_field(n, Col::Division.label()),
                format!("No.{measure} lists 「{div}」 twice; both rows kept as records"),
            ));
        }

        let mut record = ProgressRecord::new(measure.clone(), record_division, fy, src.loc(n));
        record.result_text = row.text(Col::Outputs);
        record.effect_text = row.text(Col::Effect);
        if !first_row {
            let desc = row.text(Col::Description);
            // A continuation row's own 事業概要 (or its blank cell) where it differs.
            if desc != cur_desc {
                record.extra.push(ExtraField::column(
                    Col::Description.label(),
                    desc.unwrap_or_default(),
                ));
            }
            let aud = row.text(Col::Audience);
            if aud != cur_aud {
                record.extra.push(ExtraField::column(
                    Col::Audience.label(),
                    aud.unwrap_or_default(),
                ));
            }
        }
        for (i, col) in h.cols.iter().enumerate() {
            if col.is_some() {
                continue;
            }
            let Some(cell) = cells.get(i) else { continue };
            if cell.trim().is_empty() {
                continue;
            }
            record
                .extra
                .push(ExtraField::column(h.label(i), clean_cell(cell)));
        }
        if cells.len() > h.cols.len() {
            let rest: Vec<&str> = cells.iter().skip(h.cols.len()).copied().collect();
            let rest = collapse_ws(&rest.join(" "));
            if !rest.is_empty() {
                record.extra.push(ExtraField {
                    label: "表外のセル".into(),
                    text: rest,
                    kind: ExtraKind::Unplaced,
                    location: Some(record.location.clone()),
                });
            }
        }
        self.read_costs(row, &mut record);
        self.read_outputs(row, &mut record);
        self.read_direction(row, &mut record);
        if record.result_text.is_none()
            && record.effect_text.is_none()
            && record.costs.is_empty()
            && record.direction.is_none()
        {
            self.diags.push(Diagnostic::warning(
                "empty-report",
                src.loc(n),
                format!(
                    "No.{measure} ({}): every result cell is 「—」 (経費, 実績, 効果 and 方向性); record kept empty",
                    collapse_ws(raw_division)
                ),
            ));
        } else if let (Some(r), Some(e)) = (&record.result_text, &record.effect_text)
            && match_key(r) == match_key(e)
        {
            self.diags.push(Diagnostic::warning(
                "result-equals-effect",
                src.loc_field(n, Col::Outputs.label()),
                format!(
                    "No.{measure}: 実績(その他) repeats the 効果 text word for word; both kept"
                ),
            ));
        }
        self.plan.records.push(record);
        if let Some(c) = self.current.as_mut() {
            c.rows += 1;
        }
    }

    /// Whether the row after line `n` continues the current program (looked up in the text).
    fn measure_continues(&self, n: usize) -> bool {
        for line in self.src.text.lines().skip(n) {
            if line.trim().is_empty() || is_title(line) || is_header_line(line) {
                continue;
            }
            let mut cells = line.split('\t');
            let no = cells.next().unwrap_or("");
            let name = cells.next().unwrap_or("");
            return line.contains('\t') && no.trim().is_empty() && name.trim().is_empty();
        }
        false
    }

    fn read_costs(&mut self, row: &Row, record: &mut ProgressRecord) {
        let src = self.src;
        let n = row.line;
        let raw = row.raw(Col::Cost);
        // The cell as written, 「—」 included: what the reproduced table shows.
        let cell = clean_cell(raw);
        if !cell.is_empty() {
            record.cost_original = Some(cell.clone());
        }
        if is_blank_cell(raw) {
            return;
        }
        let folded = fold(&cell);
        let loc = || src.loc_field(n, Col::Cost.label());
        let amounts = find_yen(&cell);
        if amounts.is_empty() {
            if folded.trim() == "なし" {
                return;
            }
            let none = folded.contains("なし") || folded.contains("該当");
            if none {
                self.diags.push(Diagnostic::info(
                    "cost-not-applicable",
                    loc(),
                    format!("経費 states no amount: 「{cell}」; kept as a note without amount"),
                ));
            } else {
                let message = if crate::normalise::amount_overflows(&cell) {
                    format!(
                        "the amount in 経費 「{cell}」 is too large to be a yen amount (over {} yen); kept as a note",
                        i64::MAX
                    )
                } else {
                    format!("no yen amount could be read from 経費 「{cell}」; kept as a note")
                };
                self.diags
                    .push(Diagnostic::error("unparsed-cost", loc(), message));
            }
            record.costs.push(CostItem {
                label: None,
                amount_yen: None,
                note: Some(cell.clone()),
                sharing: CostSharing::Own,
                original: cell,
            });
            return;
        }
        let approximate = ["くらい", "ぐらい", "程度", "約", "概算"]
            .iter()
            .any(|w| folded.contains(w));
        if approximate {
            let amount = amounts.first().map_or(0, |a| a.yen);
            self.diags.push(Diagnostic::warning(
                "approximate-cost",
                loc(),
                format!(
                    "経費 「{cell}」 is an approximate amount; read as {amount}円 and counted in totals, the wording kept as a note"
                ),
            ));
            record.costs.push(CostItem {
                label: None,
                amount_yen: Some(amount),
                note: Some(cell.clone()),
                sharing: CostSharing::Own,
                original: cell,
            });
            return;
        }
        // Items: circled markers split labelled items; otherwise each amount ends an item.
        let mut items: Vec<String> = Vec::new();
        for (_, text) in split_circled_items(&folded) {
            let found = find_yen(&text);
            if found.len() <= 1 {
                items.push(text);
                continue;
            }
            let mut start = 0usize;
            for (i, a) in found.iter().enumerate() {
                let end = if i + 1 == found.len() {
                    text.len()
                } else {
                    a.end
                };
                if let Some(part) = text.get(start..end) {
                    items.push(part.to_owned());
                }
                start = end;
            }
        }
        // A heading without an amount (「ふくしのまちづくり助成金」) prefixes the items.
        let mut heading: Vec<String> = Vec::new();
        for item in items {
            let item = item.trim().to_owned();
            let Some(a) = find_yen(&item).into_iter().next() else {
                if !item.is_empty() {
                    heading.push(item);
                }
                continue;
            };
            let before = item.get(..a.start).unwrap_or_default();
            let after = item.get(a.end..).unwrap_or_default();
            // Counted outputs written in the cost cell (「・交付団体 16団体」) are outputs.
            let mut label_parts: Vec<String> = heading.clone();
            for seg in before.split(['・', '\n']) {
                let seg = collapse_ws(seg);
                if seg.is_empty() {
                    continue;
                }
                let outs = parse_outputs(&seg);
                if outs.is_empty() {
                    label_parts.push(seg);
                } else {
                    self.diags.push(Diagnostic::info(
                        "output-in-cost-cell",
                        loc(),
                        format!(
                            "「{seg}」 in the 経費 cell is a counted output; read as an output"
                        ),
                    ));
                    record.outputs.extend(outs);
                }
            }
            let label = collapse_ws(label_parts.join(" ").trim_end_matches([':', '：', ' ']));
            // 「(公民館等) 6,170,556円」: the whole label in brackets.
            let label = match label.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
                Some(inner) if !inner.contains(['(', ')']) => inner.to_owned(),
                _ => label,
            };
            let note_text = collapse_ws(after.trim().trim_start_matches('(').trim_end_matches(')'));
            let sharing = sharing_of(&note_text);
            record.costs.push(CostItem {
                label: (!label.is_empty()).then_some(label),
                amount_yen: Some(a.yen),
                note: (!note_text.is_empty()).then_some(note_text),
                sharing,
                original: collapse_ws(&item),
            });
        }
        // Identical 事業概要 and amount in another program without a sharing mark.
        if let Some(desc) = row.text(Col::Description) {
            for cost in &record.costs {
                let (Some(amount), CostSharing::Own) = (cost.amount_yen, &cost.sharing) else {
                    continue;
                };
                if amount == 0 {
                    continue;
                }
                let k = (match_key(&desc), amount);
                match self.cost_texts.get(&k) {
                    Some((other, line)) if *other != record.measure.as_str() => {
                        self.diags.push(Diagnostic::warning(
                            "undeclared-duplicate-cost",
                            loc(),
                            format!(
                                "No.{} states {amount}円 with the same 事業概要 as No.{other} (line {line}) but no 「重複」 mark; counted twice in totals as written",
                                record.measure
                            ),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        self.cost_texts
                            .insert(k, (record.measure.as_str().to_owned(), n));
                    }
                }
            }
        }
    }

    fn read_outputs(&mut self, row: &Row, record: &mut ProgressRecord) {
        let src = self.src;
        let n = row.line;
        let Some(text) = row.text(Col::Outputs) else {
            return;
        };
        let loc = || src.loc_field(n, Col::Outputs.label());
        let mut folded = fold(&text);
        if SPLIT_NUMBER.is_match(&folded) {
            let repaired = SPLIT_NUMBER.replace_all(&folded, "$1,$2$3").into_owned();
            let shown: Vec<String> = SPLIT_NUMBER
                .captures_iter(&folded)
                .filter_map(|c| Some(format!("{}, {}", c.get(1)?.as_str(), c.get(2)?.as_str())))
                .collect();
            self.diags.push(Diagnostic::warning(
                "split-number",
                loc(),
                format!(
                    "number(s) {} broken by a space after the thousands comma; read without the space",
                    shown.join(" / ")
                ),
            ));
            folded = repaired;
        }
        for line in folded.lines() {
            if let Some(outs) = transposed_outputs(line) {
                self.diags.push(Diagnostic::warning(
                    "transposed-outputs",
                    loc(),
                    format!(
                        "「{}」 lists the labels first and the values after them (a sub-table flattened by the converter); paired in order",
                        collapse_ws(line)
                    ),
                ));
                record.outputs.extend(outs);
            } else {
                let mut outs = parse_outputs(line);
                relabel(line, &mut outs);
                record.outputs.extend(outs);
            }
        }
    }

    fn read_direction(&mut self, row: &Row, record: &mut ProgressRecord) {
        let raw = row.raw(Col::Direction);
        if is_blank_cell(raw) {
            return;
        }
        let text = collapse_ws(&clean_cell(raw));
        match self.plan.direction_vocabulary.find(&match_key(&text)) {
            Some(term) => {
                record.direction = Some(Direction {
                    label: term.label.clone(),
                    original: text,
                });
            }
            None => {
                self.diags.push(Diagnostic::warning(
                    "unknown-direction",
                    self.src.loc_field(row.line, Col::Direction.label()),
                    format!("方向性 「{text}」 is not in the vocabulary 継続/拡充/縮小/廃止/完了; kept as an extra field"),
                ));
                record
                    .extra
                    .push(ExtraField::column(Col::Direction.label(), text));
            }
        }
    }

    fn finish(&mut self) {
        // Cross-check shared totals and duplicates against the measures they name.
        let mut checks: Vec<Diagnostic> = Vec::new();
        for r in &self.plan.records {
            for c in &r.costs {
                match (&c.sharing, c.amount_yen) {
                    (CostSharing::SharedTotal { measures }, Some(amount)) => {
                        for m in measures {
                            let same = self.plan.records.iter().any(|o| {
                                &o.measure == m
                                    && o.costs.iter().any(|oc| oc.amount_yen == Some(amount))
                            });
                            if !same {
                                checks.push(Diagnostic::warning(
                                    "shared-cost-mismatch",
                                    r.location.clone().with_field(Col::Cost.label()),
                                    format!("No.{} states {amount}円 as a total shared with No.{m}, which does not state that amount", r.measure),
                                ));
                            }
                        }
                    }
                    (CostSharing::DuplicateOf { measure }, Some(amount)) => {
                        let same = self.plan.records.iter().any(|o| {
                            &o.measure == measure
                                && o.costs.iter().any(|oc| oc.amount_yen == Some(amount))
                        });
                        if !same {
                            checks.push(Diagnostic::warning(
                                "duplicate-cost-mismatch",
                                r.location.clone().with_field(Col::Cost.label()),
                                format!("No.{} marks {amount}円 as a duplicate of No.{measure}, which does not state that amount; not counted", r.measure),
                            ));
                        }
                    }
                    _ => {}
                }
            }
        }
        self.diags.extend(checks);
    }
}

/// Reads 「No.71、72、73の総額」 and 「No.75と重複」.
fn sharing_of(note: &str) -> CostSharing {
    let f = fold(note);
    if let Some(c) = SHARED.captures(&f)
        && let Some(list) = c.get(1)
    {
        let measures = list
            .as_str()
            .split(['、', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(MeasureKey::new)
            .collect();
        return CostSharing::SharedTotal { measures };
    }
    if let Some(m) = DUPLICATE.captures(&f).and_then(|c| c.get(1)) {
        return CostSharing::DuplicateOf {
            measure: MeasureKey::new(m.as_str()),
        };
    }
    CostSharing::Own
}

/// Partner organisations that report like divisions: associations (…会), commissioned
/// volunteers (…委員) and the occupational-health centres of the state.
fn is_external(name: &str) -> bool {
    name.ends_with('会') || name.ends_with("委員") || name.contains("産業保健")
}

/// Labels of counted outputs, taken again from the text around the value: [`parse_outputs`]
/// ends a label at any punctuation, which cuts 「延べ相談件数(件):1,189件」 to no label and
/// 「(川口・戸田・蕨市内、延べ) 106件」 to 「延べ)」. Here a label runs back from the value (over
/// one 「:」 separator) to the previous output or a punctuation mark outside brackets.
/// A value-first item 「2回実施。」 takes the word after it. A factor (「×3人」) is no output.
fn relabel(line: &str, outs: &mut Vec<Output>) {
    let mut cursor = 0usize;
    let mut keep: Vec<bool> = Vec::with_capacity(outs.len());
    for o in outs.iter_mut() {
        let Some(pos) = line
            .get(cursor..)
            .and_then(|rest| rest.find(o.original.as_str()))
        else {
            keep.push(true);
            continue;
        };
        let start = cursor + pos;
        let end = start + o.original.len();
        let value_text = o
            .original
            .strip_prefix(o.label.as_str())
            .unwrap_or(&o.original)
            .trim_start();
        let value_start = end.saturating_sub(value_text.len());
        let before = line.get(cursor..value_start).unwrap_or_default();
        let factor = before.trim_end().ends_with(['×', '*']);
        keep.push(!factor);
        let mut label = label_before(before);
        // 「面接 321件(専門相談除く) 訪問 1,107件」: a bracket right after the previous value
        // qualifies that value, not this label.
        if cursor > 0
            && let Some(rest) = label.strip_prefix('(')
            && let Some((_, tail)) = rest.split_once(") ")
            && !tail.trim().is_empty()
        {
            label = tail.trim().to_owned();
        }
        for q in ["程度", "以上", "以下", "未満", "前後"] {
            if let Some(rest) = label.strip_prefix(q)
                && rest.starts_with(' ')
            {
                label = rest.trim().to_owned();
            }
        }
        // `original` is the span of the (folded) text the output was read from.
        if label.is_empty() {
            label = word_after(line.get(end..).unwrap_or_default());
            if !label.is_empty()
                && let Some(span) = line.get(value_start..end + label.len())
            {
                o.original = collapse_ws(span);
            }
        } else if let Some(first) = label.split(' ').next()
            && let Some(at) = before.rfind(first)
            && let Some(span) = line.get(cursor + at..end)
        {
            o.original = collapse_ws(span);
        }
        o.label = label;
        cursor = end;
    }
    let mut flags = keep.into_iter();
    outs.retain(|_| flags.next().unwrap_or(true));
}

/// The label at the end of `before`: back to a punctuation mark outside brackets; an
/// unmatched closing bracket and what precedes it are dropped.
fn label_before(before: &str) -> String {
    let t = before.trim_end();
    let t = t.strip_suffix([':', '：']).unwrap_or(t).trim_end();
    let mut depth = 0usize;
    let mut from = 0usize;
    let mut next: Option<char> = None;
    for (i, c) in t.char_indices().rev() {
        let after = next.replace(c);
        match c {
            // 「／」 separates items, but not in 「PET/CT」.
            '/' | '／' if depth == 0 && !after.is_some_and(|a| a.is_ascii_alphanumeric()) => {
                from = i + c.len_utf8();
                break;
            }
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            '(' | '（' => {
                from = i + c.len_utf8();
                break;
            }
            '、' | '。' | '・' | '※' | '\n' | ':' | '：' | ',' | ';' | '「' | '」'
                if depth == 0 =>
            {
                from = i + c.len_utf8();
                break;
            }
            c if crate::normalise::is_circled(c) && depth == 0 => {
                from = i + c.len_utf8();
                break;
            }
            _ => {}
        }
    }
    let mut label = t.get(from..).unwrap_or_default();
    // Drop everything up to an unmatched closing bracket (「含む) メール」 → 「メール」).
    let mut open = 0usize;
    let mut cut = 0usize;
    for (i, c) in label.char_indices() {
        match c {
            '(' | '（' => open += 1,
            ')' | '）' if open > 0 => open -= 1,
            ')' | '）' => cut = i + c.len_utf8(),
            _ => {}
        }
    }
    label = label.get(cut..).unwrap_or_default();
    // A leader 「…」 between label and value (folded to 「...」) is not part of the label.
    collapse_ws(label.trim_end().trim_end_matches(['.', '…']))
}

/// A short word right after a value (「2回実施。」 → 「実施」), when it is one.
fn word_after(after: &str) -> String {
    let word: String = after
        .chars()
        .take_while(|c| {
            !c.is_whitespace() && !matches!(c, '、' | '。' | '(' | ')' | '・' | ',' | ':')
        })
        .collect();
    let particle = word.starts_with([
        'で', 'を', 'に', 'は', 'が', 'の', 'と', 'も', 'へ', 'か', 'ず',
    ]);
    if (2..=4).contains(&word.chars().count())
        && !particle
        && !word.chars().any(|c| c.is_ascii_digit())
    {
        word
    } else {
        String::new()
    }
}

/// 「参加者数 実施回数 0名 1回」: k labels, then k values. Returns the paired outputs, or `None`
/// when the line is not of that shape.
fn transposed_outputs(line: &str) -> Option<Vec<Output>> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let k = tokens.len() / 2;
    if tokens.len() < 4 || k * 2 != tokens.len() {
        return None;
    }
    let (labels, values) = tokens.split_at(k);
    let is_value = |t: &&str| {
        let t = t.trim_start_matches("延べ");
        t.starts_with(|c: char| c.is_ascii_digit()) || t == "通年" || t == "随時"
    };
    if labels
        .iter()
        .any(|t| t.chars().any(|c| c.is_ascii_digit()) || is_value(t))
        || !values.first().is_some_and(is_value)
    {
        return None;
    }
    let mut outs = Vec::new();
    for (label, value) in labels.iter().zip(values) {
        if let Some(mut o) = parse_outputs(&format!("{label} {value}"))
            .into_iter()
            .next()
        {
            o.label = collapse_ws(&format!("{label} {}", o.label.trim_start_matches(label)));
            outs.push(o);
        }
    }
    Some(outs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposed() {
        let outs = transposed_outputs("参加者数 実施回数 0名 1回").unwrap_or_default();
        let got: Vec<(String, f64)> = outs.into_iter().map(|o| (o.label, o.value)).collect();
        assert_eq!(
            got,
            vec![("参加者数".to_owned(), 0.0), ("実施回数".to_owned(), 1.0)]
        );
        assert!(transposed_outputs("相談件数 416件 実施日 毎週").is_none());
        assert!(transposed_outputs("参加者数 2,783名 実施回数 89回").is_none());
    }

    #[test]
    fn sharing() {
        assert_eq!(
            sharing_of("No.71、72、73の総額"),
            CostSharing::SharedTotal {
                measures: vec![
                    MeasureKey::new("71"),
                    MeasureKey::new("72"),
                    MeasureKey::new("73")
                ]
            }
        );
        assert_eq!(
            sharing_of("No.75と重複"),
            CostSharing::DuplicateOf {
                measure: MeasureKey::new("75")
            }
        );
        assert_eq!(sharing_of("内部講師のため"), CostSharing::Own);
    }

    #[test]
    fn externals() {
        assert!(is_external("社会福祉協議会"));
        assert!(is_external("民生委員・児童委員"));
        assert!(is_external("埼玉産業保健総合支援センター"));
        assert!(!is_external("地域保健センター"));
        assert!(!is_external("指導課"));
    }
}
