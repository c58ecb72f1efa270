//! The seed documents' tables, rebuilt from a plan: same columns, same order, same grouping as
//! the source document. Pure: the web app renders them as HTML, and [`tables_csv`] /
//! [`tables_xlsx`] write the same cells as downloads.
//!
//! The layout is chosen from `plan.sources[..].layout` (the reader that imported the plan):
//! `kawaguchi_list`, `kumagaya`, `otaru`, `kiyose`, `kawaguchi_eval`; any other layout gets
//! the generic multi-year table.

use crate::cells::neutralise;
use crate::export::ExportError;
use crate::summary::format_yen;
use shinchoku_core::audit::format_number;
use shinchoku_core::{
    AchievementValue, CostItem, CostSharing, Division, FiscalYear, GroupKey, Indicator, Listing,
    Measure, MeasureKey, Plan, ProgressRecord, Value,
};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The XLSX writer of the tables moved to [`crate::xlsx`]; kept here for existing callers.
pub use crate::xlsx::tables_xlsx;

/// A column: `label` under an optional spanning header `span` (「令和4年度」).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub span: Option<String>,
    pub label: String,
}

impl Column {
    fn plain(label: impl Into<String>) -> Self {
        Column {
            span: None,
            label: label.into(),
        }
    }
    fn under(span: impl Into<String>, label: impl Into<String>) -> Self {
        Column {
            span: Some(span.into()),
            label: label.into(),
        }
    }

    /// The flat name used as a CSV / XLSX header: 「令和4年度 実施状況」.
    pub fn flat_name(&self) -> String {
        match &self.span {
            Some(span) => format!("{span} {}", self.label),
            None => self.label.clone(),
        }
    }
}

/// One cell of a header row. `rowspan`/`colspan` ≥ 1. `column` is true for a leaf header
/// (scope="col"), false for a spanning header (scope="colgroup").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub column: bool,
}

/// What a body row links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowItem {
    Measure(MeasureKey),
    Indicator(shinchoku_core::IndicatorKey),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A heading row of the document's grouping (基本施策1 …), spanning all columns.
    Group {
        /// 0 for top-level groups.
        depth: usize,
        key: GroupKey,
        text: String,
    },
    /// A data row; `cells.len()` equals the number of columns. `header_cell` is the index of
    /// the cell that names the row (rendered as a row header).
    Data {
        cells: Vec<String>,
        header_cell: usize,
        item: Option<RowItem>,
    },
}

/// A rebuilt table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTable {
    /// Caption: the source document's title, or a section title.
    pub caption: String,
    /// The layout name it was built for.
    pub layout: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl ReportTable {
    /// Header rows with spans: one row when no column has a spanning header, two otherwise.
    pub fn header_rows(&self) -> Vec<Vec<HeaderCell>> {
        let two = self.columns.iter().any(|c| c.span.is_some());
        if !two {
            return vec![
                self.columns
                    .iter()
                    .map(|c| HeaderCell {
                        text: c.label.clone(),
                        colspan: 1,
                        rowspan: 1,
                        column: true,
                    })
                    .collect(),
            ];
        }
        let mut top: Vec<HeaderCell> = Vec::new();
        let mut bottom: Vec<HeaderCell> = Vec::new();
        let mut i = 0;
        while i < self.columns.len() {
            let col = &self.columns[i];
            match &col.span {
                None => {
                    top.push(HeaderCell {
                        text: col.label.clone(),
                        colspan: 1,
                        rowspan: 2,
                        column: true,
                    });
                    i += 1;
                }
                Some(span) => {
                    let n = self.columns[i..]
                        .iter()
                        .take_while(|c| c.span.as_ref() == Some(span))
                        .count();
                    top.push(HeaderCell {
                        text: span.clone(),
                        colspan: n,
                        rowspan: 1,
                        column: false,
                    });
                    for c in &self.columns[i..i + n] {
                        bottom.push(HeaderCell {
                            text: c.label.clone(),
                            colspan: 1,
                            rowspan: 1,
                            column: true,
                        });
                    }
                    i += n;
                }
            }
        }
        vec![top, bottom]
    }

    /// Number of data rows.
    pub fn data_rows(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, Row::Data { .. }))
            .count()
    }
}

/// The tables of a plan's report, in document order.
pub fn report_tables(plan: &Plan) -> Vec<ReportTable> {
    let mut layouts: Vec<&str> = plan.sources.iter().map(|s| s.layout.as_str()).collect();
    layouts.dedup();
    let caption = plan
        .sources
        .first()
        .map_or_else(|| plan.title.clone(), |s| s.title.clone());
    let mut tables = Vec::new();
    if layouts.is_empty() {
        layouts.push("");
    }
    for layout in layouts {
        match layout {
            "kawaguchi_list" => tables.push(kawaguchi_list(plan, &caption)),
            "otaru" => tables.push(otaru(plan, &caption)),
            "kumagaya" => tables.push(year_blocks(plan, &caption, "kumagaya")),
            "kiyose" => tables.push(year_blocks(plan, &caption, "kiyose")),
            "kawaguchi_eval" => {
                tables.extend(indicator_tables(plan));
                // The guardianship and recidivism plans of the report list their
                // programmes (取組内容) instead of indicators.
                if !plan.measures.is_empty() {
                    tables.push(year_blocks(plan, &caption, "kawaguchi_eval"));
                }
            }
            other => {
                if !plan.measures.is_empty() {
                    tables.push(year_blocks(plan, &caption, other));
                }
                if !plan.indicators.is_empty() {
                    tables.extend(indicator_tables(plan));
                }
            }
        }
    }
    tables
}

/// Listings in document order; measures without a listing follow in document order.
fn ordered_listings(plan: &Plan) -> Vec<(Option<&Listing>, &Measure)> {
    let mut listings: Vec<&Listing> = plan.listings.iter().collect();
    listings.sort_by(|a, b| a.location.cmp(&b.location));
    let mut out = Vec::new();
    let mut listed = HashSet::new();
    for l in listings {
        if let Some(m) = plan.measure(&l.measure) {
            listed.insert(&m.key);
            out.push((Some(l), m));
        }
    }
    for m in &plan.measures {
        if !listed.contains(&m.key) {
            out.push((None, m));
        }
    }
    out
}

/// The chain of groups from the root to `key`.
/// The plan's groups by key, so that walking up a hierarchy costs one lookup per level.
struct GroupIndex<'a>(HashMap<&'a GroupKey, &'a shinchoku_core::Group>);

impl<'a> GroupIndex<'a> {
    fn of(plan: &'a Plan) -> Self {
        let mut map = HashMap::with_capacity(plan.groups.len());
        for g in &plan.groups {
            map.entry(&g.key).or_insert(g);
        }
        GroupIndex(map)
    }

    /// The keys from the top of the hierarchy down to `key`.
    fn chain(&self, key: &GroupKey) -> Vec<GroupKey> {
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut current = Some(key);
        while let Some(k) = current {
            if !seen.insert(k) {
                break; // a cycle in bad data
            }
            current = self.0.get(k).and_then(|g| g.parent.as_ref());
            chain.push(k.clone());
        }
        chain.reverse();
        chain
    }

    fn heading(&self, key: &GroupKey) -> String {
        self.0
            .get(key)
            .map_or_else(|| key.0.clone(), |g| heading_of(g))
    }
}

/// 「基本施策1 地域におけるネットワークの強化」
pub fn group_heading(plan: &Plan, key: &GroupKey) -> String {
    plan.group(key).map_or_else(|| key.0.clone(), heading_of)
}

/// A group's heading: its label, number and title (「基本施策1 地域におけるネットワークの強化」).
pub fn heading_of(g: &shinchoku_core::Group) -> String {
    let mut s = g.label.clone();
    if let Some(n) = &g.number {
        s.push_str(n);
    }
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(&g.title);
    s
}

/// Emits group rows for the groups of `chain` not yet open.
fn open_groups(
    groups: &GroupIndex<'_>,
    chain: &[GroupKey],
    open: &mut Vec<GroupKey>,
    rows: &mut Vec<Row>,
) {
    let common = open.iter().zip(chain).take_while(|(a, b)| a == b).count();
    open.truncate(common);
    for (depth, key) in chain.iter().enumerate().skip(common) {
        rows.push(Row::Group {
            depth,
            key: key.clone(),
            text: groups.heading(key),
        });
        open.push(key.clone());
    }
}

/// 「シティプロモーション課(令和4年度～市民協働課)」
pub fn division_with_renames(d: &Division) -> String {
    let mut s = d.name.clone();
    for r in &d.renames {
        s.push_str(&format!("({}～{})", r.from.wareki(), r.name));
    }
    s
}

fn measure_divisions<'a>(plan: &'a Plan, measure: &MeasureKey) -> Vec<&'a Division> {
    let mut out: Vec<&Division> = Vec::new();
    for a in plan.assignments.iter().filter(|a| &a.measure == measure) {
        if let Some(d) = plan.division(&a.division)
            && !out.iter().any(|x| x.key == d.key)
        {
            out.push(d);
        }
    }
    out
}

fn departments_text(plan: &Plan, divisions: &[&Division]) -> String {
    let mut names: Vec<String> = Vec::new();
    for d in divisions {
        if let Some(dep) = d.department.as_ref().and_then(|k| plan.department(k)) {
            let mut s = dep.name.clone();
            for r in &dep.renames {
                s.push_str(&format!("({}～{})", r.from.wareki(), r.name));
            }
            if !names.contains(&s) {
                names.push(s);
            }
        }
    }
    names.join("\n")
}

/// 達成度 as written in a table cell.
pub fn achievement_text(value: &AchievementValue, original: &str) -> String {
    match value {
        AchievementValue::Blank => String::new(),
        AchievementValue::Percent(p) => format!("{p}%"),
        AchievementValue::Category(c) => c.clone(),
        AchievementValue::PerDivision(values) => values
            .iter()
            .map(|v| format!("({}) {}", v.division_name, achievement_text(&v.value, "")))
            .collect::<Vec<_>>()
            .join("\n"),
        AchievementValue::Unparsed => original.to_owned(),
    }
}

/// A cost item as a cell line: 「各種専門相談(報償金) 11,027,500円 (No.71、72、73の総額)」.
pub fn cost_text(plan: &Plan, c: &CostItem) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(label) = &c.label {
        parts.push(label.clone());
    }
    match c.amount_yen {
        Some(y) => parts.push(format_yen(y)),
        None if parts.is_empty() => parts.push(c.original.clone()),
        None => {}
    }
    if let Some(note) = &c.note {
        parts.push(format!("({note})"));
    }
    match &c.sharing {
        CostSharing::Own => {}
        CostSharing::SharedTotal { measures } => parts.push(format!(
            "(共有: {}の総額)",
            measures
                .iter()
                .map(|k| measure_number(plan, k))
                .collect::<Vec<_>>()
                .join("、")
        )),
        CostSharing::DuplicateOf { measure } => {
            parts.push(format!("({}と重複)", measure_number(plan, measure)));
        }
    }
    parts.join(" ")
}

fn measure_number(plan: &Plan, key: &MeasureKey) -> String {
    plan.measure(key)
        .and_then(|m| m.number.clone())
        .map_or_else(|| key.0.clone(), |n| format!("No.{n}"))
}

fn outputs_text(r: &ProgressRecord) -> String {
    r.outputs
        .iter()
        .map(|o| {
            if o.original.is_empty() {
                format!(
                    "{} {}{}",
                    o.label,
                    format_number(o.value),
                    o.unit.as_deref().unwrap_or("")
                )
            } else {
                o.original.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn record_years(plan: &Plan) -> Vec<FiscalYear> {
    let years: BTreeSet<FiscalYear> = plan.records.iter().map(|r| r.fiscal_year).collect();
    years.into_iter().collect()
}

/// Seed 000: one row per (measure, division); a measure run by several divisions continues
/// on rows whose first two cells are empty, as in the document.
fn kawaguchi_list(plan: &Plan, caption: &str) -> ReportTable {
    let years = record_years(plan);
    let year = years.last().copied();
    let y = year.map_or_else(String::new, FiscalYear::wareki);
    let next = year.map_or_else(String::new, |y| y.next().wareki());
    let columns = vec![
        Column::plain("No."),
        Column::plain("事業名"),
        Column::plain("実施課"),
        Column::plain("事業概要"),
        Column::plain("対象者"),
        Column::plain(format!("{y}実績(経費)")),
        Column::plain(format!("{y}実績(その他)")),
        Column::plain("効果"),
        Column::plain(format!("{next}の方向性")),
    ];
    let mut rows = Vec::new();
    let mut open = Vec::new();
    let groups = GroupIndex::of(plan);
    for (listing, m) in ordered_listings(plan) {
        if let Some(l) = listing {
            open_groups(&groups, &groups.chain(&l.group), &mut open, &mut rows);
        }
        let records: Vec<&ProgressRecord> = plan
            .records
            .iter()
            .filter(|r| r.measure == m.key && Some(r.fiscal_year) == year)
            .collect();
        let first_cells = |cells: &mut Vec<String>| {
            cells.push(opt(&m.number));
            cells.push(m.name.clone());
        };
        if records.is_empty() {
            let mut cells = Vec::new();
            first_cells(&mut cells);
            cells.push(
                measure_divisions(plan, &m.key)
                    .iter()
                    .map(|d| d.name.clone())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            cells.push(opt(&m.description));
            cells.push(opt(&m.audience));
            cells.extend([String::new(), String::new(), String::new(), String::new()]);
            rows.push(Row::Data {
                cells,
                header_cell: 1,
                item: Some(RowItem::Measure(m.key.clone())),
            });
            continue;
        }
        for (i, r) in records.iter().enumerate() {
            let mut cells = Vec::new();
            if i == 0 {
                first_cells(&mut cells);
            } else {
                cells.extend([String::new(), String::new()]);
            }
            // A joint record (「生活福祉1・2課」: no single division) names all the measure's
            // divisions.
            let division = match r.division.as_ref() {
                Some(k) => plan
                    .division(k)
                    .map(|d| d.name_in(r.fiscal_year).to_owned())
                    .unwrap_or_default(),
                None => measure_divisions(plan, &m.key)
                    .iter()
                    .map(|d| d.name_in(r.fiscal_year).to_owned())
                    .collect::<Vec<_>>()
                    .join("・"),
            };
            cells.push(division);
            // Continuation rows repeat the program's 事業概要 / 対象者 unless the division wrote
            // its own (kept by the reader as extra fields).
            let extra = |label: &str| {
                r.extra
                    .iter()
                    .find(|e| e.label == label)
                    .map(|e| e.text.clone())
            };
            cells.push(extra("事業概要").unwrap_or_else(|| opt(&m.description)));
            cells.push(extra("対象者").unwrap_or_else(|| opt(&m.audience)));
            // The document's own cell texts; 「—」 where it states nothing.
            let or_dash = |s: String| {
                if s.trim().is_empty() {
                    "—".to_owned()
                } else {
                    s
                }
            };
            // 経費: the cell as written (「40,000円 (No.71、72、73の総額)」); records stored
            // before the reader kept it show their items' texts.
            cells.push(match &r.cost_original {
                Some(cell) => cell.clone(),
                None => or_dash(
                    r.costs
                        .iter()
                        .map(|c| c.original.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            });
            cells.push(or_dash(opt(&r.result_text)));
            cells.push(or_dash(opt(&r.effect_text)));
            cells.push(
                r.direction
                    .as_ref()
                    .map(|d| d.original.clone())
                    .unwrap_or_default(),
            );
            rows.push(Row::Data {
                cells,
                header_cell: if i == 0 { 1 } else { 2 },
                item: Some(RowItem::Measure(m.key.clone())),
            });
        }
    }
    ReportTable {
        caption: caption.to_owned(),
        layout: "kawaguchi_list".into(),
        columns,
        rows,
    }
}

/// Seed 002: 「取組（担当課）」 and 「取組状況」, grouped by 基本施策 / 重点施策.
fn otaru(plan: &Plan, caption: &str) -> ReportTable {
    let columns = vec![Column::plain("取組（担当課）"), Column::plain("取組状況")];
    let mut rows = Vec::new();
    let mut open = Vec::new();
    let groups = GroupIndex::of(plan);
    for (listing, m) in ordered_listings(plan) {
        if let Some(l) = listing {
            open_groups(&groups, &groups.chain(&l.group), &mut open, &mut rows);
        }
        let divisions = measure_divisions(plan, &m.key);
        let name = if divisions.is_empty() {
            m.name.clone()
        } else {
            format!(
                "{} （{}）",
                m.name,
                divisions
                    .iter()
                    .map(|d| {
                        // As the document writes it: 「保健所健康増進課」 (部署 then 課).
                        let department = d
                            .department
                            .as_ref()
                            .and_then(|k| plan.department(k))
                            .map_or("", |dep| dep.name.as_str());
                        format!("{department}{}", d.name)
                    })
                    .collect::<Vec<_>>()
                    .join("・")
            )
        };
        let text = plan
            .records
            .iter()
            .filter(|r| r.measure == m.key)
            .filter_map(|r| r.result_text.clone())
            .collect::<Vec<_>>()
            .join("\n");
        rows.push(Row::Data {
            cells: vec![name, text],
            header_cell: 0,
            item: Some(RowItem::Measure(m.key.clone())),
        });
    }
    ReportTable {
        caption: caption.to_owned(),
        layout: "otaru".into(),
        columns,
        rows,
    }
}

/// The record fields a year block may show, in document order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Plan,
    Result,
    Evaluation,
    Effect,
    Status,
    Achievement,
    Cost,
    Outputs,
    Direction,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::Plan,
        Field::Result,
        Field::Evaluation,
        Field::Effect,
        Field::Status,
        Field::Achievement,
        Field::Cost,
        Field::Outputs,
        Field::Direction,
    ];

    /// Whether the source layout has a column for this field. Seed 003 (清瀬市) has per year
    /// only 実施計画 / 実施状況 / 評価 / 達成度; seed 001 (熊谷市) adds 取組状況. What the readers
    /// derive beyond that (outputs parsed from the texts, a status read off 実施/未実施) is in
    /// the model but not a column of the reproduced table.
    fn in_layout(self, layout: &str) -> bool {
        match layout {
            "kiyose" => matches!(
                self,
                Field::Plan | Field::Result | Field::Evaluation | Field::Achievement
            ),
            "kumagaya" => matches!(
                self,
                Field::Plan
                    | Field::Result
                    | Field::Evaluation
                    | Field::Status
                    | Field::Achievement
            ),
            _ => true,
        }
    }

    fn label(self, layout: &str) -> &'static str {
        match (self, layout) {
            (Field::Plan, _) => "実施計画",
            (Field::Result, "kiyose") => "実施状況",
            (Field::Result, _) => "実施状況・実績",
            (Field::Evaluation, "kiyose") => "実施状況に関する担当課の評価",
            (Field::Evaluation, _) => "評価・課題",
            (Field::Effect, _) => "効果",
            (Field::Status, _) => "取組状況",
            (Field::Achievement, _) => "達成度(%)",
            (Field::Cost, _) => "経費",
            (Field::Outputs, _) => "実績(その他)",
            (Field::Direction, _) => "方向性",
        }
    }

    fn text(self, plan: &Plan, r: &ProgressRecord) -> String {
        match self {
            Field::Plan => opt(&r.plan_text),
            Field::Result => opt(&r.result_text),
            Field::Evaluation => opt(&r.evaluation_text),
            Field::Effect => opt(&r.effect_text),
            Field::Status => r
                .status
                .as_ref()
                .map(|s| match &s.code {
                    Some(code) => format!("{code} {}", s.label),
                    None => s.label.clone(),
                })
                .unwrap_or_default(),
            Field::Achievement => r
                .achievement
                .as_ref()
                .map(|a| achievement_text(&a.value, &a.original))
                .unwrap_or_default(),
            Field::Cost => match &r.cost_original {
                Some(cell) => cell.clone(),
                None => r
                    .costs
                    .iter()
                    .map(|c| cost_text(plan, c))
                    .collect::<Vec<_>>()
                    .join("\n"),
            },
            Field::Outputs => outputs_text(r),
            Field::Direction => r
                .direction
                .as_ref()
                .map(|d| d.label.clone())
                .unwrap_or_default(),
        }
    }
}

/// Seeds 001 and 003 (and the generic layout): fixed measure columns, then per fiscal year the
/// record fields that year has, grouped under the plan's hierarchy. Records of several
/// divisions in one year share a cell, each prefixed by 「(課名)」 as in the documents.
fn year_blocks(plan: &Plan, caption: &str, layout: &str) -> ReportTable {
    let mut columns = match layout {
        "kiyose" => vec![
            Column::plain("計画における項目"),
            Column::plain("実施内容"),
            Column::plain("計画書ページ"),
            Column::plain("担当部署"),
            Column::plain("担当課"),
            Column::plain("再掲"),
        ],
        "kumagaya" => vec![
            Column::plain("事業名"),
            Column::plain("事業概要"),
            Column::plain("計画書ページ"),
            Column::plain("担当部"),
            Column::plain("担当課"),
        ],
        _ => vec![
            Column::plain("No."),
            Column::plain("事業名"),
            Column::plain("事業概要"),
            Column::plain("担当課"),
        ],
    };
    let fixed = columns.len();
    let mut blocks: Vec<(FiscalYear, Field)> = Vec::new();
    for year in record_years(plan) {
        let in_year: Vec<&ProgressRecord> = plan
            .records
            .iter()
            .filter(|r| r.fiscal_year == year)
            .collect();
        for field in Field::ALL {
            if !field.in_layout(layout) {
                continue;
            }
            if in_year.iter().any(|r| !field.text(plan, r).is_empty()) {
                blocks.push((year, field));
                columns.push(Column::under(year.wareki(), field.label(layout)));
            }
        }
    }
    let mut rows = Vec::new();
    let mut open = Vec::new();
    let groups = GroupIndex::of(plan);
    for (listing, m) in ordered_listings(plan) {
        let mut cells: Vec<String> = Vec::with_capacity(columns.len());
        if let Some(l) = listing {
            open_groups(&groups, &groups.chain(&l.group), &mut open, &mut rows);
        }
        let divisions = measure_divisions(plan, &m.key);
        let division_names = divisions
            .iter()
            .map(|d| division_with_renames(d))
            .collect::<Vec<_>>()
            .join("\n");
        let header_cell = match layout {
            "kiyose" => {
                let item = listing
                    .and_then(|l| plan.group(&l.group))
                    .map(|g| match &g.number {
                        Some(n) => format!("{n}. {}", g.title),
                        None => g.title.clone(),
                    })
                    .unwrap_or_default();
                cells.push(item);
                cells.push(m.name.clone());
                cells.push(opt(&m.plan_page));
                cells.push(departments_text(plan, &divisions));
                cells.push(division_names);
                cells.push(if listing.is_some_and(|l| l.relisted) {
                    "○".into()
                } else {
                    String::new()
                });
                1
            }
            "kumagaya" => {
                cells.push(m.name.clone());
                cells.push(opt(&m.description));
                cells.push(opt(&m.plan_page));
                cells.push(departments_text(plan, &divisions));
                cells.push(division_names);
                0
            }
            _ => {
                cells.push(opt(&m.number));
                cells.push(m.name.clone());
                cells.push(opt(&m.description));
                cells.push(division_names);
                1
            }
        };
        debug_assert_eq!(cells.len(), fixed);
        for (year, field) in &blocks {
            let records: Vec<&ProgressRecord> = plan
                .records
                .iter()
                .filter(|r| r.measure == m.key && r.fiscal_year == *year)
                .collect();
            let several = records.len() > 1;
            let text = records
                .iter()
                .filter_map(|r| {
                    let t = field.text(plan, r);
                    if t.is_empty() {
                        return None;
                    }
                    let who = r
                        .division
                        .as_ref()
                        .and_then(|k| plan.division(k))
                        .map(|d| d.name_in(*year).to_owned());
                    Some(match (several, who) {
                        (true, Some(who)) => format!("({who}) {t}"),
                        _ => t,
                    })
                })
                .collect::<Vec<_>>()
                .join("\n");
            cells.push(text);
        }
        rows.push(Row::Data {
            cells,
            header_cell,
            item: Some(RowItem::Measure(m.key.clone())),
        });
    }
    ReportTable {
        caption: caption.to_owned(),
        layout: if layout.is_empty() {
            "generic".into()
        } else {
            layout.to_owned()
        },
        columns,
        rows,
    }
}

/// A value as a table cell: the original text when there is one.
pub fn value_text(o: &shinchoku_core::Observation) -> String {
    if !o.original.trim().is_empty() {
        return o.original.clone();
    }
    match &o.value {
        Value::Number(n) => format_number(*n),
        Value::Text(t) => t.clone(),
        Value::NotYetAvailable => "未公表".into(),
        Value::Blank => "-".into(),
    }
}

/// The years an indicator table shows as (year, has actuals).
fn indicator_years(indicators: &[&Indicator]) -> Vec<(FiscalYear, bool)> {
    let years: BTreeSet<FiscalYear> = indicators
        .iter()
        .flat_map(|i| i.targets.iter().chain(&i.actuals))
        .filter_map(|o| o.fiscal_year)
        .collect();
    years
        .into_iter()
        .map(|y| {
            (
                y,
                indicators
                    .iter()
                    .any(|i| i.actuals.iter().any(|o| o.fiscal_year == Some(y))),
            )
        })
        .collect()
}

/// Seed 004: per goal (the top group of each indicator's group), the outcome-indicator table
/// 「成果指標 | 現状 R5 | 目標 R6 | 実績 R6 | 目標 R7 | 目標 R8」.
pub fn indicator_tables(plan: &Plan) -> Vec<ReportTable> {
    let mut order: Vec<Option<GroupKey>> = Vec::new();
    for i in &plan.indicators {
        if !order.contains(&i.group) {
            order.push(i.group.clone());
        }
    }
    order
        .into_iter()
        .map(|group| {
            let indicators: Vec<&Indicator> = plan
                .indicators
                .iter()
                .filter(|i| i.group == group)
                .collect();
            indicator_table(plan, group.as_ref(), &indicators)
        })
        .collect()
}

/// One outcome-indicator table.
pub fn indicator_table(
    plan: &Plan,
    group: Option<&GroupKey>,
    indicators: &[&Indicator],
) -> ReportTable {
    let years = indicator_years(indicators);
    let baseline_year = indicators
        .iter()
        .filter_map(|i| i.baseline.as_ref().and_then(|b| b.fiscal_year))
        .min();
    let mut columns = vec![
        Column::plain("成果指標"),
        Column::plain(match baseline_year {
            Some(y) => format!("現状 {}", y.short()),
            None => "現状".into(),
        }),
    ];
    for (y, has_actual) in &years {
        columns.push(Column::plain(format!("目標 {}", y.short())));
        if *has_actual {
            columns.push(Column::plain(format!("実績 {}", y.short())));
        }
    }
    let mut rows = Vec::new();
    let mut open = Vec::new();
    if let Some(g) = group {
        let groups = GroupIndex::of(plan);
        open_groups(&groups, &groups.chain(g), &mut open, &mut rows);
    }
    for i in indicators {
        let mut cells = vec![
            i.name.clone(),
            i.baseline
                .as_ref()
                .map(value_text)
                .unwrap_or_else(|| "-".into()),
        ];
        for (y, has_actual) in &years {
            cells.push(i.target(*y).map(value_text).unwrap_or_else(|| "-".into()));
            if *has_actual {
                cells.push(i.actual(*y).map(value_text).unwrap_or_else(|| "-".into()));
            }
        }
        rows.push(Row::Data {
            cells,
            header_cell: 0,
            item: Some(RowItem::Indicator(i.key.clone())),
        });
    }
    ReportTable {
        caption: match group {
            Some(g) => format!("{} 成果指標", group_heading(plan, g)),
            None => "成果指標".into(),
        },
        layout: "kawaguchi_eval".into(),
        columns,
        rows,
    }
}

/// The tables as CSV (UTF-8 with BOM, CRLF): per table its header row of flat column names,
/// then the rows; a group row is written as its heading in the first cell. Tables are
/// separated by an empty line and preceded by their caption when there are several.
pub fn tables_csv(tables: &[ReportTable]) -> Result<Vec<u8>, ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        for (n, table) in tables.iter().enumerate() {
            if tables.len() > 1 {
                if n > 0 {
                    writer.write_record([""])?;
                }
                writer.write_record([neutralise(&table.caption).into_owned()])?;
            }
            writer.write_record(
                table
                    .columns
                    .iter()
                    .map(|c| neutralise(&c.flat_name()).into_owned()),
            )?;
            for row in &table.rows {
                match row {
                    Row::Group { text, .. } => {
                        let mut cells = vec![neutralise(text).into_owned()];
                        cells.resize(table.columns.len(), String::new());
                        writer.write_record(&cells)?;
                    }
                    Row::Data { cells, .. } => {
                        writer.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
                    }
                }
            }
        }
        writer
            .flush()
            .map_err(|e| ExportError::CsvInner(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::{
        Assignment, DivisionKey, Group, GroupKind, Location, Output, PlanKind, SourceDocument,
    };

    fn list_plan() -> Plan {
        let mut plan = Plan::new(
            "川口市",
            "川口市自殺対策推進計画",
            PlanKind::SuicidePrevention,
        );
        plan.sources.push(SourceDocument::new(
            "000.txt",
            "川口市自殺対策推進計画掲載事業",
            "kawaguchi_list",
            "",
        ));
        plan.measures.push(Measure {
            key: MeasureKey::new("1"),
            number: Some("1".into()),
            name: "階層別研修".into(),
            description: Some("新規採用職員研修".into()),
            audience: Some("新規採用職員等".into()),
            plan_page: None,
            location: Location::new("000.txt", 6),
        });
        for (n, div) in ["職員課", "人事課"].iter().enumerate() {
            plan.divisions.push(Division {
                key: DivisionKey::new(*div),
                name: (*div).into(),
                department: None,
                external: false,
                renames: vec![],
            });
            plan.assignments.push(Assignment {
                measure: MeasureKey::new("1"),
                division: DivisionKey::new(*div),
                location: Location::new("000.txt", 6 + n as u32),
            });
            let mut r = ProgressRecord::new(
                MeasureKey::new("1"),
                Some(DivisionKey::new(*div)),
                FiscalYear(2022),
                Location::new("000.txt", 6 + n as u32),
            );
            r.outputs.push(Output {
                label: "修了者数".into(),
                value: 93.0,
                unit: Some("名".into()),
                original: "修了者数 93名".into(),
            });
            // The reader keeps the 実績(その他) cell as written; the table shows that text.
            r.result_text = Some("修了者数 93名 実施回数 対面研修1回".into());
            plan.records.push(r);
        }
        plan.groups.push(Group {
            key: GroupKey::new("g1"),
            kind: GroupKind::BasicPolicy,
            label: "基本施策".into(),
            number: Some("1".into()),
            title: "ネットワーク".into(),
            parent: None,
            location: Location::new("000.txt", 5),
        });
        plan.listings.push(Listing {
            measure: MeasureKey::new("1"),
            group: GroupKey::new("g1"),
            relisted: false,
            location: Location::new("000.txt", 6),
        });
        plan
    }

    #[test]
    fn kawaguchi_list_columns_and_continuation_rows() {
        let tables = report_tables(&list_plan());
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.columns.len(), 9);
        assert_eq!(t.columns[5].label, "令和4年度実績(経費)");
        assert_eq!(t.columns[8].label, "令和5年度の方向性");
        assert_eq!(t.data_rows(), 2);
        assert!(matches!(&t.rows[0], Row::Group { text, .. } if text == "基本施策1 ネットワーク"));
        let Row::Data { cells, .. } = &t.rows[2] else {
            panic!("data row expected")
        };
        assert_eq!(cells[0], "");
        assert_eq!(cells[2], "人事課");
        assert_eq!(cells[6], "修了者数 93名 実施回数 対面研修1回");
    }

    #[test]
    fn csv_and_xlsx_write() {
        let tables = report_tables(&list_plan());
        let csv = tables_csv(&tables).unwrap_or_default();
        let text = String::from_utf8_lossy(&csv);
        assert!(text.starts_with("\u{feff}No.,事業名,実施課"));
        assert!(text.contains("階層別研修"));
        assert!(tables_xlsx(&tables).is_ok_and(|b| b.starts_with(b"PK")));
    }

    #[test]
    fn year_blocks_have_spanning_headers() {
        let mut plan = list_plan();
        plan.sources[0].layout = "kiyose".into();
        plan.records[0].result_text = Some("実施した".into());
        let t = &report_tables(&plan)[0];
        let header = t.header_rows();
        assert_eq!(header.len(), 2);
        assert_eq!(header[0].last().map(|c| c.text.as_str()), Some("令和4年度"));
        // The 清瀬市 table has no 経費, 実績(その他) or 方向性 columns, even when the model has
        // such values: the year block holds 実施状況 only.
        assert_eq!(t.columns.last().map(|c| c.label.as_str()), Some("実施状況"));
    }
}
