//! HTML pages. Handlers are thin: parse and validate the request, look the item up in the
//! catalog, build a view model, render its askama template (auto-escaped).

use crate::catalog::{AppState, Catalog, PlanEntry};
use crate::chart::{
    GradeChart, IndicatorChart, grade_chart, indicator_chart, is_future, latest_actual_year,
};
use crate::extract::PlanPath;
use crate::search::{ItemRef, SearchQuery, Segment};
use crate::view::{
    BarSegment, Layout, StatusCat, counts_text, division_href, enc, group_href, indicator_href,
    measure_href, period_ja, plan_href, public_source, public_text, stacked_bar, status_categories,
    status_index, year_ja,
};
use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use shinchoku_core::totals::cost_total_by_year;
use shinchoku_core::{
    AchievementValue, CostSharing, ExtraKind, FiscalYear, GradeOutcome, GroupKey, Indicator,
    MeasureKey, Plan, ProgressRecord,
};
use shinchoku_report::format_yen;
use shinchoku_report::tables::{
    HeaderCell, Row, RowItem, achievement_text, cost_text, division_with_renames, heading_of,
    indicator_table, report_tables, tables_csv, value_text,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

const STYLESHEET: &str = include_str!("../static/style.css");

// ---------------------------------------------------------------------------------------------
// Errors

/// A page that cannot be shown: rendered as an HTML error page with its status.
#[derive(Debug)]
pub enum PageError {
    NotFound(String),
    BadRequest(String),
    Internal(String),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    message: String,
}

pub fn error_response(status: StatusCode, message: &str) -> Response {
    let title = match status {
        StatusCode::NOT_FOUND => "ページが見つかりません",
        StatusCode::BAD_REQUEST => "リクエストが正しくありません",
        _ => "エラーが発生しました",
    };
    let page = ErrorPage {
        layout: Layout::new(title, vec![]),
        status: status.as_u16(),
        message: message.to_owned(),
    };
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(_) => (status, message.to_owned()).into_response(),
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotFound(m) => error_response(StatusCode::NOT_FOUND, &m),
            PageError::BadRequest(m) => error_response(StatusCode::BAD_REQUEST, &m),
            PageError::Internal(m) => {
                tracing::error!("internal error: {m}");
                error_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "内部エラーが発生しました。",
                )
            }
        }
    }
}

impl From<PathRejection> for PageError {
    fn from(_: PathRejection) -> Self {
        PageError::NotFound("指定されたページは存在しません。".into())
    }
}

impl From<QueryRejection> for PageError {
    fn from(_: QueryRejection) -> Self {
        PageError::BadRequest("クエリパラメータが正しくありません。".into())
    }
}

pub(crate) type PageResult = Result<Response, PageError>;

pub(crate) fn render<T: Template>(t: &T) -> PageResult {
    t.render()
        .map(|body| Html(body).into_response())
        .map_err(|e| PageError::Internal(e.to_string()))
}

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage {
    layout: Layout,
    terms: &'static [crate::glossary::Term],
}

/// 用語集: every term the pages explain.
pub async fn glossary() -> PageResult {
    render(&GlossaryPage {
        layout: Layout::new("用語集", vec![]),
        terms: crate::glossary::TERMS,
    })
}

pub async fn not_found() -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "お探しのページは見つかりませんでした。アドレスをご確認ください。",
    )
}

pub async fn stylesheet() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/css; charset=utf-8"),
        )],
        STYLESHEET,
    )
        .into_response()
}

// ---------------------------------------------------------------------------------------------
// Request parsing

/// `year=2022` (the Western year a fiscal year starts in). Blank means none; anything else
/// that is not a year is a 400.
pub(crate) fn parse_year(raw: Option<&str>) -> Result<Option<FiscalYear>, PageError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    match raw.parse::<i32>() {
        Ok(y) if (1868..=2200).contains(&y) => Ok(Some(FiscalYear(y))),
        _ => Err(PageError::BadRequest(format!(
            "年度「{raw}」は正しくありません。西暦の年（例: 2022）で指定してください。"
        ))),
    }
}

/// The year asked for, which must be one of the plan's years; default the latest.
fn plan_year(entry: &PlanEntry, raw: Option<&str>) -> Result<Option<FiscalYear>, PageError> {
    match parse_year(raw)? {
        Some(y) if entry.plan.fiscal_years.contains(&y) => Ok(Some(y)),
        Some(y) => Err(PageError::BadRequest(format!(
            "この計画には{}の記録がありません。",
            y.display_ja()
        ))),
        None => Ok(entry.latest_year()),
    }
}

#[derive(Deserialize, Default)]
pub struct YearParams {
    year: Option<String>,
}

pub struct YearOption {
    value: String,
    label: String,
    selected: bool,
}

fn year_options(years: &[FiscalYear], selected: Option<FiscalYear>) -> Vec<YearOption> {
    years
        .iter()
        .map(|y| YearOption {
            value: y.0.to_string(),
            label: year_ja(*y),
            selected: Some(*y) == selected,
        })
        .collect()
}

fn plan_trail(entry: &PlanEntry) -> Vec<(String, String)> {
    vec![(entry.plan.title.clone(), plan_href(entry.id))]
}

pub(crate) fn plan_name(entry: &PlanEntry) -> String {
    format!("{} {}", entry.plan.municipality.name, entry.plan.title)
}

// ---------------------------------------------------------------------------------------------
// Home

struct HomePlan {
    href: String,
    title: String,
    kind: String,
    period: String,
    latest: String,
    state: String,
}

struct HomeMunicipality {
    name: String,
    plans: Vec<HomePlan>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    municipalities: Vec<HomeMunicipality>,
    plan_count: usize,
}

/// 「事業 120件、指標 0件。令和4年度: 実施済 80件、一部実施 3件。点検指摘 2件」
fn one_line_state(entry: &PlanEntry) -> String {
    let plan = &entry.plan;
    let mut s = format!(
        "事業 {}件、成果指標 {}件",
        plan.measures.len(),
        plan.indicators.len()
    );
    if let Some(y) = entry.latest_year() {
        let cats = status_categories(plan);
        let mut counts = vec![0usize; cats.len()];
        let mut n = 0;
        for r in plan.records.iter().filter(|r| r.fiscal_year == y) {
            counts[status_index(&cats, r)] += 1;
            n += 1;
        }
        if n > 0 {
            s.push_str(&format!(
                "。{}の記録 {}件（{}）",
                y.wareki(),
                n,
                counts_text(&cats, &counts)
            ));
        }
        let grades: BTreeMap<String, usize> = grade_counts(plan, plan.indicators.iter(), y);
        if !grades.is_empty() {
            s.push_str(&format!("。評価 {}", join_counts(&grades)));
        }
    }
    s.push_str(&format!("。点検指摘 {}件", entry.findings.len()));
    s
}

pub async fn home(State(state): State<AppState>) -> PageResult {
    let catalog = state.catalog();
    let mut municipalities: Vec<HomeMunicipality> = Vec::new();
    for entry in catalog.plans() {
        let plan = &entry.plan;
        let item = HomePlan {
            href: plan_href(entry.id),
            title: plan.title.clone(),
            kind: plan.kind.label_ja().to_owned(),
            period: period_ja(plan),
            latest: entry.latest_year().map_or_else(|| "—".to_owned(), year_ja),
            state: one_line_state(entry),
        };
        match municipalities
            .iter_mut()
            .find(|m| m.name == plan.municipality.name)
        {
            Some(m) => m.plans.push(item),
            None => municipalities.push(HomeMunicipality {
                name: plan.municipality.name.clone(),
                plans: vec![item],
            }),
        }
    }
    render(&HomePage {
        layout: Layout {
            title: "計画の進捗一覧".into(),
            crumbs: vec![crate::view::Crumb {
                label: "ホーム".into(),
                href: String::new(),
            }],
        },
        plan_count: catalog.plans().len(),
        municipalities,
    })
}

// ---------------------------------------------------------------------------------------------
// Dashboard

struct GroupRow {
    depth_class: String,
    href: String,
    heading: String,
    measures: usize,
    counts: Vec<usize>,
    bar: Vec<BarSegment>,
    bar_label: String,
    /// The achievements in % by band (100%以上 … 50%未満).
    ach_bar: Vec<BarSegment>,
    ach_bar_label: String,
    achievement: String,
    cost: String,
    directions: String,
    grades: String,
}

/// Which columns a dashboard has: a plan shows what it states, never an empty status bar for
/// data it does not have.
struct Columns {
    status: bool,
    percent: bool,
    achievement: bool,
    cost: bool,
    directions: bool,
    grades: bool,
}

impl Columns {
    fn of<'a>(records: impl Iterator<Item = &'a ProgressRecord>, graded: bool) -> Self {
        let mut c = Columns {
            status: false,
            percent: false,
            achievement: false,
            cost: false,
            directions: false,
            grades: graded,
        };
        for r in records {
            c.status |= r.status.is_some();
            if let Some(a) = &r.achievement {
                let percent = |v: &AchievementValue| matches!(v, AchievementValue::Percent(_));
                c.percent |= match &a.value {
                    AchievementValue::PerDivision(parts) => parts.iter().any(|p| percent(&p.value)),
                    v => percent(v),
                };
                c.achievement |= !matches!(a.value, AchievementValue::Blank);
            }
            c.cost |= r.costs.iter().any(|x| x.amount_yen.is_some());
            c.directions |= r.direction.is_some();
        }
        c
    }
}

/// The bands of achievement in %, as categories of a stacked bar.
fn band_cats() -> Vec<StatusCat> {
    shinchoku_core::glance::PERCENT_BANDS
        .iter()
        .zip(["ach-0", "ach-1", "ach-2", "ach-3"])
        .map(|(label, class)| StatusCat {
            label: (*label).to_owned(),
            class,
        })
        .collect()
}

struct TrendRow {
    year: String,
    records: usize,
    counts: Vec<usize>,
    bar: Vec<BarSegment>,
    bar_label: String,
    ach_bar: Vec<BarSegment>,
    ach_bar_label: String,
    achievement: String,
    cost: String,
    directions: String,
}

struct IndicatorRow {
    href: String,
    name: String,
    group: String,
    target: String,
    actual: String,
    reported: String,
    computed: String,
    mismatch: bool,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    /// 「?year=2021」 when a year was chosen: the evaluation link keeps it.
    year_query: String,
    /// Words of the page explained (用語の説明).
    terms: Vec<&'static crate::glossary::Term>,
    id: i64,
    municipality: String,
    kind: String,
    period: String,
    philosophy: String,
    sources: Vec<String>,
    year_options: Vec<YearOption>,
    year_label: String,
    cats: Vec<StatusCat>,
    band_cats: Vec<StatusCat>,
    columns: Columns,
    trend_columns: Columns,
    rows: Vec<GroupRow>,
    trend: Vec<TrendRow>,
    indicators: Vec<IndicatorRow>,
    findings: usize,
    has_evaluation: bool,
    glance: Option<crate::glance::GlanceView>,
}

const BAR_WIDTH: f64 = 200.0;

fn achievement_summary(records: &[&ProgressRecord]) -> String {
    let mut percents: Vec<i32> = Vec::new();
    let mut categories: BTreeMap<String, usize> = BTreeMap::new();
    let mut visit = |v: &AchievementValue| match v {
        AchievementValue::Percent(p) => percents.push(*p),
        AchievementValue::Category(c) => *categories.entry(c.clone()).or_insert(0) += 1,
        _ => {}
    };
    for r in records {
        if let Some(a) = &r.achievement {
            match &a.value {
                AchievementValue::PerDivision(values) => {
                    for v in values {
                        visit(&v.value);
                    }
                }
                other => visit(other),
            }
        }
    }
    let mut parts = Vec::new();
    if !percents.is_empty() {
        let sum: i64 = percents.iter().map(|p| i64::from(*p)).sum();
        let avg = sum as f64 / percents.len() as f64;
        parts.push(format!("平均 {:.0}%（{}件）", avg, percents.len()));
    }
    if !categories.is_empty() {
        parts.push(join_counts(&categories));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join("、")
    }
}

/// The words a dashboard uses, explained: only those the plan's columns show.
fn dashboard_terms(plan: &Plan, year: Option<FiscalYear>) -> Vec<&'static crate::glossary::Term> {
    let c = Columns::of(
        plan.records.iter().filter(|r| Some(r.fiscal_year) == year),
        false,
    );
    let mut ids = Vec::new();
    if c.achievement {
        ids.push("tassei");
    }
    if c.status {
        ids.push("kisainashi");
    }
    if c.directions {
        ids.push("houkousei");
    }
    if has_evaluation(plan) {
        ids.push("hyoka");
    }
    ids.extend(["youchuui", "tenken"]);
    crate::glossary::notes(&ids)
}

/// Grades with counts, S → D: 「S 2件、A 16件」.
fn grades_in_order(map: &BTreeMap<String, usize>) -> String {
    let mut v: Vec<(&String, &usize)> = map.iter().collect();
    v.sort_by_key(|(g, _)| {
        shinchoku_core::glance::grade_rank(&shinchoku_core::Grade::new(g.as_str()))
            .unwrap_or(u8::MAX)
    });
    v.into_iter()
        .map(|(k, n)| format!("{k} {n}件"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Direction counts in the plan's vocabulary order, then other labels: 「継続 12件、拡充 2件」.
fn directions_text(plan: &Plan, counts: &HashMap<String, usize>) -> String {
    let mut out: Vec<String> = Vec::new();
    for t in &plan.direction_vocabulary.terms {
        if let Some(n) = counts.get(&t.label) {
            out.push(format!("{} {n}件", t.label));
        }
    }
    let mut others: Vec<(&String, &usize)> = counts
        .iter()
        .filter(|(l, _)| {
            !plan
                .direction_vocabulary
                .terms
                .iter()
                .any(|t| &t.label == *l)
        })
        .collect();
    others.sort();
    out.extend(others.into_iter().map(|(l, n)| format!("{l} {n}件")));
    if out.is_empty() {
        "—".into()
    } else {
        out.join("、")
    }
}

fn join_counts(map: &BTreeMap<String, usize>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k} {v}件"))
        .collect::<Vec<_>>()
        .join("、")
}

fn grade_counts<'a>(
    plan: &Plan,
    indicators: impl Iterator<Item = &'a Indicator>,
    year: FiscalYear,
) -> BTreeMap<String, usize> {
    let _ = plan;
    let mut out = BTreeMap::new();
    for i in indicators {
        if let Some(g) = i.reported_grade(year) {
            *out.entry(g.grade.0.clone()).or_insert(0) += 1;
        }
    }
    out
}

/// The grade the plan's scheme gives, with the reason when it gives none; 「未到来」 for a year
/// after the plan's latest actuals that has no actual (not yet due, which is not 算出不可).
fn computed_grade(plan: &Plan, i: &Indicator, year: FiscalYear) -> (String, Option<String>) {
    if i.actual(year).is_none() && is_future(year, latest_actual_year(plan)) {
        return (
            "未到来".into(),
            Some("実績の年度がまだ来ていません（目標値のみ）".into()),
        );
    }
    match plan.rating_scheme.as_ref().map(|s| s.grade(i, year)) {
        Some(GradeOutcome::Computed { grade, .. }) => (grade.0, None),
        Some(GradeOutcome::NotComputable { reason }) => ("算出不可".into(), Some(reason)),
        None => ("—".into(), Some("評価基準の記載なし".into())),
    }
}

fn obs_text(o: Option<&shinchoku_core::Observation>) -> String {
    o.map_or_else(|| "—".into(), value_text)
}

/// A group's heading (「基本施策1 …」) through the entry's lookup (`group_heading` of the
/// report scans the plan's groups).
fn heading(entry: &PlanEntry, key: &GroupKey) -> String {
    match entry.group_by_key(key) {
        Some(g) => heading_of(g),
        None => key.0.clone(),
    }
}

/// The 「計画全体」 row: every measure and every record of the year.
fn plan_row(entry: &PlanEntry, cats: &[StatusCat], year: Option<FiscalYear>) -> GroupRow {
    let plan = &entry.plan;
    let records: Vec<&ProgressRecord> = plan
        .records
        .iter()
        .filter(|r| Some(r.fiscal_year) == year)
        .collect();
    let mut agg = RowAgg::new(cats.len());
    for r in &records {
        agg.add_record(cats, r);
    }
    agg.measures = plan.measures.len();
    if let Some(y) = year {
        for i in &plan.indicators {
            agg.add_grade(plan, i, y);
        }
    }
    agg.row(plan, cats, year, 0, String::new(), "計画全体".into())
}

/// What a dashboard row sums over a group's subtree: the measures listed under it (each
/// once), their records of the year, and the reported grades of its indicators.
struct RowAgg {
    keys: HashSet<usize>,
    measures: usize,
    counts: Vec<usize>,
    percent_sum: i64,
    percent_n: usize,
    bands: Vec<usize>,
    directions: HashMap<String, usize>,
    categories: BTreeMap<String, usize>,
    cost_any: bool,
    cost_total: i64,
    shared: HashSet<(FiscalYear, Vec<MeasureKey>, i64)>,
    grades: BTreeMap<String, usize>,
}

impl RowAgg {
    fn new(cats: usize) -> Self {
        RowAgg {
            keys: HashSet::new(),
            measures: 0,
            counts: vec![0; cats],
            percent_sum: 0,
            percent_n: 0,
            bands: vec![0; 4],
            directions: HashMap::new(),
            categories: BTreeMap::new(),
            cost_any: false,
            cost_total: 0,
            shared: HashSet::new(),
            grades: BTreeMap::new(),
        }
    }

    /// One record: its status, achievement and costs (a shared total counted once per row,
    /// a duplicate not at all), as `achievement_summary` and `cost_of` count them.
    fn add_record(&mut self, cats: &[StatusCat], r: &ProgressRecord) {
        if let Some(c) = self.counts.get_mut(status_index(cats, r)) {
            *c += 1;
        }
        if let Some(a) = &r.achievement {
            let mut visit = |v: &AchievementValue| match v {
                AchievementValue::Percent(p) => {
                    self.percent_sum += i64::from(*p);
                    self.percent_n += 1;
                    if let Some(b) = self.bands.get_mut(shinchoku_core::glance::percent_band(*p)) {
                        *b += 1;
                    }
                }
                AchievementValue::Category(c) => {
                    *self.categories.entry(c.clone()).or_insert(0) += 1;
                }
                _ => {}
            };
            match &a.value {
                AchievementValue::PerDivision(values) => {
                    for v in values {
                        visit(&v.value);
                    }
                }
                other => visit(other),
            }
        }
        if let Some(d) = &r.direction {
            *self.directions.entry(d.label.clone()).or_insert(0) += 1;
        }
        for c in &r.costs {
            let Some(amount) = c.amount_yen else { continue };
            self.cost_any = true;
            let counted = match &c.sharing {
                CostSharing::Own => true,
                CostSharing::DuplicateOf { .. } => false,
                CostSharing::SharedTotal { measures } => {
                    let mut set = measures.clone();
                    set.push(r.measure.clone());
                    set.sort();
                    set.dedup();
                    self.shared.insert((r.fiscal_year, set, amount))
                }
            };
            if counted {
                self.cost_total = self.cost_total.saturating_add(amount);
            }
        }
    }

    fn add_grade(&mut self, plan: &Plan, i: &Indicator, year: FiscalYear) {
        if let Some(g) = shinchoku_core::glance::indicator_grade(plan, i, year) {
            *self.grades.entry(g.0).or_insert(0) += 1;
        }
    }

    /// A measure key (by its first index among the plan's measures), once.
    fn add_measure(&mut self, m: &MeasureInfo<'_>, cats: &[StatusCat]) {
        if self.keys.insert(m.first) {
            self.measures += m.entries;
            for r in &m.records {
                self.add_record(cats, r);
            }
        }
    }

    /// The sums of both subtrees: the smaller one's measures are added to the larger one
    /// (so a measure moves between sums O(log n) times however deep the groups nest).
    fn merge(self, other: RowAgg, infos: &[MeasureInfo<'_>], cats: &[StatusCat]) -> RowAgg {
        let (mut big, small) = if self.keys.len() >= other.keys.len() {
            (self, other)
        } else {
            (other, self)
        };
        for (label, n) in small.grades {
            *big.grades.entry(label).or_insert(0) += n;
        }
        for k in small.keys {
            if let Some(m) = infos.get(k) {
                big.add_measure(m, cats);
            }
        }
        big
    }

    fn row(
        &self,
        plan: &Plan,
        cats: &[StatusCat],
        year: Option<FiscalYear>,
        depth: usize,
        href: String,
        heading: String,
    ) -> GroupRow {
        let mut parts = Vec::new();
        if self.percent_n > 0 {
            let avg = self.percent_sum as f64 / self.percent_n as f64;
            parts.push(format!("平均 {:.0}%（{}件）", avg, self.percent_n));
        }
        if !self.categories.is_empty() {
            parts.push(join_counts(&self.categories));
        }
        let achievement = if parts.is_empty() {
            "—".into()
        } else {
            parts.join("、")
        };
        let grades = match year {
            Some(_) if !self.grades.is_empty() => grades_in_order(&self.grades),
            _ => "—".into(),
        };
        let bands = band_cats();
        GroupRow {
            depth_class: format!("depth{depth}"),
            href,
            heading,
            measures: self.measures,
            bar: stacked_bar(cats, &self.counts, BAR_WIDTH),
            bar_label: format!("取組状況の内訳: {}", counts_text(cats, &self.counts)),
            counts: self.counts.clone(),
            ach_bar: stacked_bar(&bands, &self.bands, BAR_WIDTH),
            ach_bar_label: format!("達成度の分布: {}", counts_text(&bands, &self.bands)),
            directions: directions_text(plan, &self.directions),
            achievement,
            cost: if self.cost_any {
                format_yen(self.cost_total)
            } else {
                "—".into()
            },
            grades,
        }
    }
}

/// A measure key of the plan: its first index, how many of the plan's measures have it,
/// and its records of the year.
struct MeasureInfo<'a> {
    first: usize,
    entries: usize,
    records: Vec<&'a ProgressRecord>,
}

/// The rows of every group, depth-first, each summing its subtree. Computed bottom-up in
/// one pass over the hierarchy (no recursion, no subtree walks per group).
fn group_rows(entry: &PlanEntry, cats: &[StatusCat], year: Option<FiscalYear>) -> Vec<GroupRow> {
    let plan = &entry.plan;
    // Measure keys that are measures of the plan, with their records of the year.
    let mut infos: Vec<MeasureInfo<'_>> = Vec::new();
    let mut info_of: HashMap<&MeasureKey, usize> = HashMap::new();
    for m in &plan.measures {
        match info_of.get(&m.key) {
            Some(&k) => {
                if let Some(info) = infos.get_mut(k) {
                    info.entries += 1;
                }
            }
            None => {
                info_of.insert(&m.key, infos.len());
                infos.push(MeasureInfo {
                    first: infos.len(),
                    entries: 1,
                    records: entry
                        .records_of(&m.key)
                        .into_iter()
                        .filter(|r| Some(r.fiscal_year) == year)
                        .collect(),
                });
            }
        }
    }
    let mut listed: HashMap<&GroupKey, Vec<usize>> = HashMap::new();
    for l in &plan.listings {
        if let Some(&k) = info_of.get(&l.measure) {
            listed.entry(&l.group).or_default().push(k);
        }
    }
    let mut graded: HashMap<&GroupKey, Vec<&Indicator>> = HashMap::new();
    for i in &plan.indicators {
        if let Some(g) = &i.group {
            graded.entry(g).or_default().push(i);
        }
    }
    let order = entry.tree().order();
    // The parent of each position (the last shallower position before it).
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(order.len());
    let mut open: Vec<usize> = Vec::new();
    for (p, (depth, _)) in order.iter().enumerate() {
        open.truncate(*depth);
        parent.push(open.last().copied());
        open.push(p);
    }
    let mut sums: Vec<Option<RowAgg>> = (0..order.len()).map(|_| None).collect();
    let mut rows: Vec<Option<GroupRow>> = (0..order.len()).map(|_| None).collect();
    for p in (0..order.len()).rev() {
        let (depth, gi) = order[p];
        let Some(g) = plan.groups.get(gi) else {
            continue;
        };
        let mut agg = sums[p].take().unwrap_or_else(|| RowAgg::new(cats.len()));
        for k in listed.get(&g.key).into_iter().flatten() {
            if let Some(m) = infos.get(*k) {
                agg.add_measure(m, cats);
            }
        }
        if let Some(y) = year {
            for i in graded.get(&g.key).into_iter().flatten() {
                agg.add_grade(plan, i, y);
            }
        }
        let href = group_href(entry.id, g.key.as_str());
        rows[p] = Some(agg.row(
            plan,
            cats,
            year,
            depth + 1,
            match year {
                Some(y) if Some(y) != entry.latest_year() => format!("{href}?year={}", y.0),
                _ => href,
            },
            heading_of(g),
        ));
        if let Some(Some(up)) = parent.get(p) {
            let merged = match sums[*up].take() {
                Some(s) => s.merge(agg, &infos, cats),
                None => agg,
            };
            sums[*up] = Some(merged);
        }
    }
    rows.into_iter().flatten().collect()
}

pub async fn dashboard(
    plan: PlanPath,
    query: Result<Query<YearParams>, QueryRejection>,
) -> PageResult {
    let Query(params) = query?;
    let entry = plan.entry()?;
    let year = plan_year(entry, params.year.as_deref())?;
    let plan = &entry.plan;
    let cats = status_categories(plan);
    let mut rows = vec![plan_row(entry, &cats, year)];
    rows.extend(group_rows(entry, &cats, year));
    let costs = cost_total_by_year(plan);
    let mut trend = Vec::new();
    let record_years: BTreeSet<FiscalYear> = plan.records.iter().map(|r| r.fiscal_year).collect();
    if record_years.len() > 1 {
        for y in &record_years {
            let records: Vec<&ProgressRecord> = plan
                .records
                .iter()
                .filter(|r| r.fiscal_year == *y)
                .collect();
            let mut counts = vec![0usize; cats.len()];
            let mut bands = vec![0usize; 4];
            let mut directions: HashMap<String, usize> = HashMap::new();
            for r in &records {
                counts[status_index(&cats, r)] += 1;
                for p in shinchoku_core::glance::percents(r) {
                    if let Some(b) = bands.get_mut(shinchoku_core::glance::percent_band(p)) {
                        *b += 1;
                    }
                }
                if let Some(d) = &r.direction {
                    *directions.entry(d.label.clone()).or_insert(0) += 1;
                }
            }
            let band_cats = band_cats();
            trend.push(TrendRow {
                year: year_ja(*y),
                records: records.len(),
                bar: stacked_bar(&cats, &counts, BAR_WIDTH),
                bar_label: format!("{}の取組状況: {}", y.wareki(), counts_text(&cats, &counts)),
                counts,
                ach_bar: stacked_bar(&band_cats, &bands, BAR_WIDTH),
                ach_bar_label: format!(
                    "{}の達成度の分布: {}",
                    y.wareki(),
                    counts_text(&band_cats, &bands)
                ),
                achievement: achievement_summary(&records),
                cost: costs.get(y).map_or_else(|| "—".into(), |c| format_yen(*c)),
                directions: directions_text(plan, &directions),
            });
        }
    }
    let indicators = plan
        .indicators
        .iter()
        .map(|i| indicator_row(entry, i, year))
        .collect();
    let chosen = params.year.as_deref().is_some_and(|s| !s.trim().is_empty());
    render(&DashboardPage {
        year_query: match year {
            Some(y) if chosen => format!("?year={}", y.0),
            _ => String::new(),
        },
        terms: dashboard_terms(plan, year),
        layout: Layout::new(plan.title.clone(), vec![]),
        id: entry.id,
        municipality: plan.municipality.name.clone(),
        kind: plan.kind.label_ja().to_owned(),
        period: period_ja(plan),
        philosophy: plan.philosophy.clone().unwrap_or_default(),
        sources: plan.sources.iter().map(source_line).collect(),
        year_options: year_options(&plan.fiscal_years, year),
        year_label: year.map_or_else(|| "年度の記載なし".into(), year_ja),
        cats,
        band_cats: band_cats(),
        columns: Columns::of(
            plan.records.iter().filter(|r| Some(r.fiscal_year) == year),
            year.is_some_and(|y| {
                plan.indicators
                    .iter()
                    .any(|i| shinchoku_core::glance::indicator_grade(plan, i, y).is_some())
            }),
        ),
        trend_columns: Columns::of(plan.records.iter(), false),
        rows,
        trend,
        indicators,
        findings: entry.findings.len(),
        has_evaluation: has_evaluation(plan),
        glance: year.map(|y| {
            crate::glance::glance_view(entry, y, format!("/plans/{}/findings", entry.id), None)
        }),
    })
}

/// A source document with the dates it states about itself, in 和暦 with the Western year:
/// 「… 評価報告書 表紙 令和7年3月（2025年）、報告対象期間 令和6年4月1日（2024年）～
/// 令和7年3月31日（2025年）、発行日 令和7年11月（2025年）」.
fn source_line(s: &shinchoku_core::SourceDocument) -> String {
    let date = |d: shinchoku_core::DocDate| format!("{}（{}年）", d.wareki(), d.year);
    let mut dates = Vec::new();
    if let Some(c) = &s.cover_date {
        dates.push(format!("表紙 {}", date(c.date)));
    }
    if let Some(p) = &s.reporting_period {
        dates.push(format!("報告対象期間 {}～{}", date(p.start), date(p.end)));
    }
    if let Some(i) = &s.issue_date {
        dates.push(format!("発行日 {}", date(i.date)));
    }
    if dates.is_empty() {
        s.title.clone()
    } else {
        format!("{} {}", s.title, dates.join("、"))
    }
}

fn indicator_row(entry: &PlanEntry, i: &Indicator, year: Option<FiscalYear>) -> IndicatorRow {
    let plan = &entry.plan;
    let (target, actual, reported, computed) = match year {
        Some(y) => {
            let reported = i
                .reported_grade(y)
                .map_or_else(|| "—".into(), |g| g.grade.0.clone());
            let (computed, _) = computed_grade(plan, i, y);
            (
                obs_text(i.target(y)),
                obs_text(i.actual(y)),
                reported,
                computed,
            )
        }
        None => ("—".into(), "—".into(), "—".into(), "—".into()),
    };
    IndicatorRow {
        href: indicator_href(entry.id, i.key.as_str()),
        name: i.name.clone(),
        group: i
            .group
            .as_ref()
            .map(|g| heading(entry, g))
            .unwrap_or_default(),
        mismatch: reported != "—" && computed.len() <= 3 && computed != "—" && reported != computed,
        target,
        actual,
        reported,
        computed,
    }
}

// ---------------------------------------------------------------------------------------------
// Group

struct MeasureRow {
    href: String,
    number: String,
    name: String,
    divisions: String,
    status: String,
    achievement: String,
    relisted: bool,
}

struct RatingView {
    year: String,
    grade: String,
    reason: String,
}

struct TextView {
    year: String,
    text: String,
}

struct LinkView {
    href: String,
    label: String,
}

#[derive(Template)]
#[template(path = "group.html")]
struct GroupPage {
    layout: Layout,
    /// Words of the page explained (用語の説明).
    terms: Vec<&'static crate::glossary::Term>,
    kind: String,
    parent: Option<LinkView>,
    children: Vec<LinkView>,
    year_label: String,
    measures: Vec<MeasureRow>,
    indicators: Vec<IndicatorRow>,
    ratings: Vec<RatingView>,
    outlooks: Vec<TextView>,
    source: String,
}

fn divisions_of(plan: &Plan, key: &MeasureKey) -> String {
    let mut names: Vec<String> = Vec::new();
    for a in plan.assignments.iter().filter(|a| &a.measure == key) {
        let name = plan
            .division(&a.division)
            .map_or_else(|| a.division.0.clone(), division_with_renames);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join("、")
}

pub(crate) fn status_text(r: &ProgressRecord) -> String {
    r.status
        .as_ref()
        .map(|s| match &s.code {
            Some(c) => format!("{c} {}", s.label),
            None => s.label.clone(),
        })
        .unwrap_or_default()
}

fn joined<F: Fn(&ProgressRecord) -> String>(
    records: &[&ProgressRecord],
    plan: &Plan,
    f: F,
) -> String {
    let several = records.len() > 1;
    let parts: Vec<String> = records
        .iter()
        .filter_map(|r| {
            let t = f(r);
            if t.is_empty() {
                return None;
            }
            let who = r
                .division
                .as_ref()
                .and_then(|k| plan.division(k))
                .map(|d| d.name_in(r.fiscal_year).to_owned());
            Some(match (several, who) {
                (true, Some(w)) => format!("({w}) {t}"),
                _ => t,
            })
        })
        .collect();
    parts.join("\n")
}

pub(crate) fn achievement_of(r: &ProgressRecord) -> String {
    r.achievement
        .as_ref()
        .map(|a| achievement_text(&a.value, &a.original))
        .unwrap_or_default()
}

pub async fn group(plan: PlanPath, query: Result<Query<YearParams>, QueryRejection>) -> PageResult {
    let Query(params) = query?;
    let key = plan.key();
    let entry = plan.entry()?;
    let plan = &entry.plan;
    let g = entry
        .group(key)
        .ok_or_else(|| PageError::NotFound(format!("施策「{key}」は見つかりません。")))?;
    let year = plan_year(entry, params.year.as_deref())?;
    // The chosen year carries through the links to other groups.
    let with_year = |href: String| match params.year.as_deref().filter(|y| !y.is_empty()) {
        Some(_) => match year {
            Some(y) => format!("{href}?year={}", y.0),
            None => href,
        },
        None => href,
    };
    let measures = entry
        .measures_under(std::slice::from_ref(&g.key))
        .into_iter()
        .map(|m| {
            let records: Vec<&ProgressRecord> = entry
                .records_of(&m.key)
                .into_iter()
                .filter(|r| Some(r.fiscal_year) == year)
                .collect();
            MeasureRow {
                href: measure_href(entry.id, m.key.as_str()),
                number: m.number.clone().unwrap_or_default(),
                name: m.name.clone(),
                divisions: divisions_of(plan, &m.key),
                status: joined(&records, plan, status_text),
                achievement: joined(&records, plan, achievement_of),
                relisted: plan
                    .listings
                    .iter()
                    .any(|l| l.measure == m.key && l.group == g.key && l.relisted),
            }
        })
        .collect();
    let indicators = plan
        .indicators
        .iter()
        .filter(|i| i.group.as_ref().is_some_and(|k| entry.is_under(k, &g.key)))
        .map(|i| indicator_row(entry, i, year))
        .collect();
    let heading = heading_of(g);
    let mut trail = plan_trail(entry);
    let parent = g
        .parent
        .as_ref()
        .and_then(|p| entry.group(p.as_str()))
        .map(|p| LinkView {
            href: with_year(group_href(entry.id, p.key.as_str())),
            label: heading_of(p),
        });
    if let Some(p) = &parent {
        trail.push((p.label.clone(), p.href.clone()));
    }
    render(&GroupPage {
        terms: crate::glossary::notes(&["saikei", "tassei", "kisainashi"]),
        layout: Layout::new(heading, trail),
        kind: g.label.clone(),
        parent,
        children: entry
            .children_of(Some(&g.key))
            .into_iter()
            .map(|c| LinkView {
                href: with_year(group_href(entry.id, c.key.as_str())),
                label: heading_of(c),
            })
            .collect(),
        year_label: year.map_or_else(|| "—".into(), year_ja),
        measures,
        indicators,
        ratings: plan
            .ratings
            .iter()
            .filter(|r| r.group == g.key)
            .map(|r| RatingView {
                year: year_ja(r.fiscal_year),
                grade: r.grade.0.clone(),
                reason: r.reason.clone().unwrap_or_default(),
            })
            .collect(),
        outlooks: plan
            .outlooks
            .iter()
            .filter(|o| o.group.as_ref() == Some(&g.key))
            .map(|o| TextView {
                year: year_ja(o.fiscal_year),
                text: o.text.clone(),
            })
            .collect(),
        source: public_source(plan, &g.location),
    })
}

// ---------------------------------------------------------------------------------------------
// Measure

struct FieldRow {
    label: String,
    cells: Vec<String>,
}

struct DivisionView {
    href: String,
    name: String,
    renames: String,
    department: String,
    /// The department's own renames (「企画部(令和4年度～地域振興部)」).
    department_renames: String,
    external: bool,
}

struct OutputRow {
    year: String,
    division: String,
    label: String,
    value: String,
    original: String,
}

struct CostRow {
    year: String,
    division: String,
    text: String,
    amount: String,
    sharing: String,
    original: String,
}

struct ListingView {
    href: String,
    heading: String,
    relisted: bool,
}

#[derive(Template)]
#[template(path = "measure.html")]
struct MeasurePage {
    layout: Layout,
    /// Words of the page explained (用語の説明).
    terms: Vec<&'static crate::glossary::Term>,
    number: String,
    description: String,
    audience: String,
    plan_page: String,
    years: Vec<String>,
    rows: Vec<FieldRow>,
    divisions: Vec<DivisionView>,
    outputs: Vec<OutputRow>,
    costs: Vec<CostRow>,
    /// The 事務事業評価 partial (measure_evaluation.html).
    evaluation: crate::measure_evaluation::EvaluationView,
    listings: Vec<ListingView>,
    source: String,
    record_sources: Vec<String>,
}

pub async fn measure(plan: PlanPath) -> PageResult {
    let key = plan.key();
    let entry = plan.entry()?;
    let plan = &entry.plan;
    let m = entry
        .measure(key)
        .ok_or_else(|| PageError::NotFound(format!("事業「{key}」は見つかりません。")))?;
    let records = entry.records_of(&m.key);
    let years: Vec<FiscalYear> = records
        .iter()
        .map(|r| r.fiscal_year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let by_year = |y: FiscalYear| -> Vec<&ProgressRecord> {
        records
            .iter()
            .copied()
            .filter(|r| r.fiscal_year == y)
            .collect()
    };
    type Getter = fn(&ProgressRecord) -> String;
    let fields: [(&str, Getter); 8] = [
        ("実施計画", |r| r.plan_text.clone().unwrap_or_default()),
        ("実施状況・実績", |r| {
            r.result_text.clone().unwrap_or_default()
        }),
        ("評価・課題", |r| {
            r.evaluation_text.clone().unwrap_or_default()
        }),
        ("効果", |r| r.effect_text.clone().unwrap_or_default()),
        ("取組状況", status_text),
        ("達成度", achievement_of),
        ("方向性（翌年度）", |r| {
            r.direction
                .as_ref()
                .map(|d| d.label.clone())
                .unwrap_or_default()
        }),
        ("評価（担当課）", |r| {
            r.grade.as_ref().map(|g| g.0.clone()).unwrap_or_default()
        }),
    ];
    let mut rows = Vec::new();
    for (label, f) in fields {
        let cells: Vec<String> = years
            .iter()
            .map(|y| joined(&by_year(*y), plan, f))
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(FieldRow {
                label: label.into(),
                cells,
            });
        }
    }
    // Columns the model has no slot for, and what a 再掲 row states differently, by label;
    // cells the reader could not place are a data-quality note for admins, not shown here.
    let mut extra_labels: Vec<(ExtraKind, String)> = Vec::new();
    for r in &records {
        for e in r.extra.iter().filter(|e| e.kind != ExtraKind::Unplaced) {
            if !extra_labels
                .iter()
                .any(|(k, l)| *k == e.kind && *l == e.label)
            {
                extra_labels.push((e.kind, e.label.clone()));
            }
        }
    }
    for (kind, label) in extra_labels {
        let cells = years
            .iter()
            .map(|y| {
                let label = label.clone();
                joined(&by_year(*y), plan, move |r| {
                    r.extra
                        .iter()
                        .filter(|e| e.kind == kind && e.label == label)
                        .map(|e| e.text.clone())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            })
            .collect();
        let label = match kind {
            ExtraKind::Relisted => format!("{label}（再掲箇所の記載）"),
            _ => label,
        };
        rows.push(FieldRow { label, cells });
    }
    let mut divisions = Vec::new();
    for a in plan.assignments.iter().filter(|a| a.measure == m.key) {
        let Some(d) = plan.division(&a.division) else {
            continue;
        };
        if divisions.iter().any(|v: &DivisionView| v.name == d.name) {
            continue;
        }
        let department = d.department.as_ref().and_then(|k| plan.department(k));
        divisions.push(DivisionView {
            href: division_href(&plan.municipality.name, &d.name),
            name: d.name.clone(),
            renames: d
                .renames
                .iter()
                .map(|r| format!("{}から「{}」", r.from.wareki(), r.name))
                .collect::<Vec<_>>()
                .join("、"),
            department: department.map(|dep| dep.name.clone()).unwrap_or_default(),
            department_renames: department
                .map(|dep| {
                    dep.renames
                        .iter()
                        .map(|r| format!("{}から「{}」", r.from.wareki(), r.name))
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .unwrap_or_default(),
            external: d.external,
        });
    }
    let division_name = |r: &ProgressRecord| {
        r.division
            .as_ref()
            .and_then(|k| plan.division(k))
            .map(|d| d.name_in(r.fiscal_year).to_owned())
            .unwrap_or_else(|| "（共同）".into())
    };
    let mut outputs = Vec::new();
    let mut costs = Vec::new();
    for r in &records {
        for o in &r.outputs {
            // A label that does not name the count (「年」 of 「年1回」, a sentence fragment) is
            // not shown as an item with a value: the output is shown as written.
            let readable = o.label_is_readable();
            outputs.push(OutputRow {
                year: year_ja(r.fiscal_year),
                division: division_name(r),
                label: if readable {
                    o.label.clone()
                } else {
                    "—".into()
                },
                value: if readable {
                    format!(
                        "{}{}",
                        shinchoku_core::audit::format_number(o.value),
                        o.unit.as_deref().unwrap_or("")
                    )
                } else {
                    "—".into()
                },
                original: o.original.clone(),
            });
        }
        for c in &r.costs {
            costs.push(CostRow {
                year: year_ja(r.fiscal_year),
                division: division_name(r),
                text: c.label.clone().unwrap_or_default(),
                amount: c.amount_yen.map_or_else(|| "—".into(), format_yen),
                sharing: match &c.sharing {
                    CostSharing::Own => String::new(),
                    CostSharing::SharedTotal { .. } | CostSharing::DuplicateOf { .. } => {
                        cost_text(plan, c)
                            .rsplit_once(" (")
                            .map(|(_, s)| format!("({s}"))
                            .unwrap_or_default()
                    }
                },
                original: c.original.clone(),
            });
        }
    }
    let listings = plan
        .listings
        .iter()
        .filter(|l| l.measure == m.key)
        .map(|l| ListingView {
            href: group_href(entry.id, l.group.as_str()),
            heading: heading(entry, &l.group),
            relisted: l.relisted,
        })
        .collect();
    let mut trail = plan_trail(entry);
    if let Some(l) = plan
        .listings
        .iter()
        .find(|l| l.measure == m.key && !l.relisted)
    {
        trail.push((
            heading(entry, &l.group),
            group_href(entry.id, l.group.as_str()),
        ));
    }
    render(&MeasurePage {
        terms: crate::glossary::notes(&["saikei", "tassei", "houkousei"]),
        layout: Layout::new(m.name.clone(), trail),
        number: m.number.clone().unwrap_or_default(),
        description: m.description.clone().unwrap_or_default(),
        audience: m.audience.clone().unwrap_or_default(),
        plan_page: m.plan_page.clone().unwrap_or_default(),
        years: years.iter().map(|y| year_ja(*y)).collect(),
        rows,
        divisions,
        outputs,
        costs,
        evaluation: crate::measure_evaluation::evaluation_view(plan, &m.key, &records),
        listings,
        source: public_source(plan, &m.location),
        record_sources: {
            let mut seen: Vec<String> = Vec::new();
            for r in &records {
                let s = public_source(plan, &r.location);
                if !seen.contains(&s) {
                    seen.push(s);
                }
            }
            seen
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Indicator

struct IndicatorYearRow {
    year: String,
    target: String,
    actual: String,
    reported: String,
    computed: String,
    note: String,
    mismatch: bool,
}

#[derive(Template)]
#[template(path = "indicator.html")]
struct IndicatorPage {
    layout: Layout,
    unit: String,
    polarity: String,
    group: Option<LinkView>,
    baseline: String,
    baseline_year: String,
    scheme: String,
    chart: Option<IndicatorChart>,
    rows: Vec<IndicatorYearRow>,
    activities: Vec<TextView>,
    source: String,
}

fn fmt_num(n: f64) -> String {
    shinchoku_core::audit::format_number((n * 1000.0).round() / 1000.0)
}

fn indicator_years(i: &Indicator) -> Vec<FiscalYear> {
    i.targets
        .iter()
        .chain(&i.actuals)
        .filter_map(|o| o.fiscal_year)
        .chain(i.reported_grades.iter().map(|g| g.fiscal_year))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

pub async fn indicator(plan: PlanPath) -> PageResult {
    let key = plan.key();
    let entry = plan.entry()?;
    let plan = &entry.plan;
    let i = entry
        .indicator(key)
        .ok_or_else(|| PageError::NotFound(format!("成果指標「{key}」は見つかりません。")))?;
    let years = indicator_years(i);
    // The plan's "now": years after its latest actuals have not come yet (未到来), which is
    // not the same as a grade that cannot be computed (算出不可).
    let latest = latest_actual_year(plan);
    let rows = years
        .iter()
        .map(|y| {
            let reported = i
                .reported_grade(*y)
                .map_or_else(|| "—".into(), |g| g.grade.0.clone());
            let not_yet = is_future(*y, latest) && i.actual(*y).is_none();
            let (computed, note) = computed_grade(plan, i, *y);
            let differs = reported != "—" && computed.len() <= 3 && computed != reported;
            IndicatorYearRow {
                year: year_ja(*y),
                target: obs_text(i.target(*y)),
                actual: if not_yet {
                    "未到来".into()
                } else {
                    obs_text(i.actual(*y))
                },
                mismatch: differs && computed != "—",
                reported,
                computed,
                note: note.unwrap_or_default(),
            }
        })
        .collect();
    let group = i
        .group
        .as_ref()
        .and_then(|g| entry.group(g.as_str()))
        .map(|g| LinkView {
            href: group_href(entry.id, g.key.as_str()),
            label: heading_of(g),
        });
    let mut trail = plan_trail(entry);
    if let Some(g) = &group {
        trail.push((g.label.clone(), g.href.clone()));
    }
    render(&IndicatorPage {
        layout: Layout::new(i.name.clone(), trail),
        unit: i.unit.clone().unwrap_or_default(),
        polarity: match i.polarity {
            shinchoku_core::Polarity::HigherIsBetter => "高いほど良い",
            shinchoku_core::Polarity::LowerIsBetter => "低いほど良い",
            shinchoku_core::Polarity::Unknown => "不明",
        }
        .into(),
        group,
        baseline: obs_text(i.baseline.as_ref()),
        baseline_year: i
            .baseline
            .as_ref()
            .and_then(|b| b.fiscal_year)
            .map_or_else(String::new, year_ja),
        scheme: scheme_text(plan),
        chart: indicator_chart(i, &years, latest),
        rows,
        activities: i
            .activities
            .iter()
            .map(|a| TextView {
                year: year_ja(a.fiscal_year),
                text: a.text.clone(),
            })
            .collect(),
        source: public_source(plan, &i.location),
    })
}

fn scheme_text(plan: &Plan) -> String {
    use shinchoku_core::RatingScheme;
    match &plan.rating_scheme {
        None => "記載なし".into(),
        Some(RatingScheme::RatioBands {
            bands,
            below,
            stated,
        }) => stated.clone().unwrap_or_else(|| {
            let mut parts: Vec<String> = bands
                .iter()
                .map(|b| {
                    format!(
                        "{}: 達成率{}%{}",
                        b.grade,
                        fmt_num(b.min_percent),
                        if b.inclusive { "以上" } else { "超" }
                    )
                })
                .collect();
            parts.push(format!("{below}: それ未満"));
            parts.join("、")
        }),
        Some(RatingScheme::AgainstBaseline { .. }) => "現状値との比較".into(),
        Some(RatingScheme::Trend { .. }) => "推移による評価".into(),
        Some(RatingScheme::SelfAssessed { .. }) => "自己評価".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Divisions: see `crate::divisions` (pages keyed per municipality).

pub(crate) fn shorten(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Search

#[derive(Deserialize, Default)]
pub struct SearchParams {
    q: Option<String>,
    plan: Option<String>,
    /// Part of a municipality's name.
    municipality: Option<String>,
    year: Option<String>,
    division: Option<String>,
    status: Option<String>,
    group: Option<String>,
    /// The page of results, from 1.
    page: Option<String>,
}

/// Hits per page of the search page (the API returns up to 100 per page).
pub(crate) const SEARCH_PAGE_HITS: usize = 20;
/// Plans the plan filter offers: those with the most hits.
const SEARCH_PLAN_OPTIONS: usize = 20;
/// The last page a search can ask for (deep paging costs a ranking of every hit).
const SEARCH_MAX_PAGE: usize = 500;

struct Opt {
    value: String,
    label: String,
    selected: bool,
}

struct SnippetView {
    field: String,
    segments: Vec<Segment>,
}

struct HitView {
    href: String,
    title: String,
    kind: String,
    plan: String,
    snippets: Vec<SnippetView>,
}

/// An entry of the pager: a page number and its URL, or 「…」 with no URL for skipped pages.
struct PageLink {
    label: String,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    municipality: String,
    plans: Vec<Opt>,
    years: Vec<Opt>,
    divisions: Vec<Opt>,
    statuses: Vec<Opt>,
    /// The groups of the chosen plan (empty: no plan chosen, no group filter shown).
    groups: Vec<Opt>,
    searched: bool,
    total: usize,
    /// 1-based rank of the first hit shown.
    first: usize,
    last: usize,
    hits: Vec<HitView>,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

pub(crate) fn item_href(plan_id: i64, item: &ItemRef) -> String {
    match item {
        ItemRef::Plan => plan_href(plan_id),
        ItemRef::Group(k) => group_href(plan_id, k.as_str()),
        ItemRef::Measure(k) => measure_href(plan_id, k.as_str()),
        ItemRef::Indicator(k) => indicator_href(plan_id, k.as_str()),
    }
}

fn item_kind(item: &ItemRef) -> &'static str {
    match item {
        ItemRef::Plan => "計画",
        ItemRef::Group(_) => "施策",
        ItemRef::Measure(_) => "事業",
        ItemRef::Indicator(_) => "成果指標",
    }
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Parses the search parameters into a query for `per_page` hits (400 on a bad plan id, year
/// or page number).
pub(crate) fn search_query(
    catalog: &Catalog,
    p: &SearchParams,
    per_page: usize,
) -> Result<SearchQuery, PageError> {
    let plan = match trimmed(&p.plan) {
        None => None,
        Some(raw) => Some(
            raw.parse::<i64>()
                .ok()
                .filter(|id| catalog.plan(*id).is_some())
                .ok_or_else(|| PageError::BadRequest(format!("計画「{raw}」は存在しません。")))?,
        ),
    };
    let text = p.q.clone().unwrap_or_default();
    if text.chars().count() > crate::search::MAX_QUERY_CHARS {
        return Err(PageError::BadRequest(format!(
            "検索語は{}文字までです。",
            crate::search::MAX_QUERY_CHARS
        )));
    }
    let municipality = trimmed(&p.municipality);
    if municipality
        .as_deref()
        .is_some_and(|m| m.chars().count() > crate::search::MAX_QUERY_CHARS)
    {
        return Err(PageError::BadRequest(format!(
            "自治体名は{}文字までです。",
            crate::search::MAX_QUERY_CHARS
        )));
    }
    let page = match trimmed(&p.page) {
        None => 1,
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=SEARCH_MAX_PAGE).contains(n))
            .ok_or_else(|| {
                PageError::BadRequest(format!(
                    "ページ「{raw}」は正しくありません（1〜{SEARCH_MAX_PAGE}）。"
                ))
            })?,
    };
    Ok(SearchQuery {
        text,
        plan,
        municipality,
        year: parse_year(p.year.as_deref())?,
        division: trimmed(&p.division),
        status: trimmed(&p.status),
        group: trimmed(&p.group),
        limit: per_page,
        offset: (page - 1) * per_page,
    })
}

fn opts(values: impl IntoIterator<Item = (String, String)>, selected: Option<&str>) -> Vec<Opt> {
    values
        .into_iter()
        .map(|(value, label)| Opt {
            selected: selected == Some(value.as_str()),
            value,
            label,
        })
        .collect()
}

/// The URL of another page of the same search.
fn search_href(q: &SearchQuery, page: usize) -> String {
    let mut href = format!("/search?q={}", enc(q.text.trim()));
    let mut add = |name: &str, value: Option<String>| {
        if let Some(v) = value {
            href.push('&');
            href.push_str(name);
            href.push('=');
            href.push_str(&enc(&v));
        }
    };
    add("plan", q.plan.map(|p| p.to_string()));
    add("municipality", q.municipality.clone());
    add("year", q.year.map(|y| y.0.to_string()));
    add("division", q.division.clone());
    add("status", q.status.clone());
    add("group", q.group.clone());
    if page > 1 {
        add("page", Some(page.to_string()));
    }
    href
}

/// Page numbers around the current one: the first, the last and two either side.
fn pager(q: &SearchQuery, current: usize, pages: usize) -> Vec<PageLink> {
    let mut out = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(current) <= 2 {
            if n > last_shown + 1 {
                out.push(PageLink {
                    label: "…".into(),
                    href: String::new(),
                    current: false,
                });
            }
            out.push(PageLink {
                label: n.to_string(),
                href: search_href(q, n),
                current: n == current,
            });
            last_shown = n;
        }
    }
    out
}

pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> PageResult {
    let Query(p) = query?;
    let catalog = state.catalog();
    let q = search_query(&catalog, &p, SEARCH_PAGE_HITS)?;
    let searched = !q.text.trim().is_empty();
    let page = q.offset / SEARCH_PAGE_HITS + 1;
    let (total, hits, plan_hits) = if searched {
        let results = catalog
            .search()
            .search(&q)
            .map_err(|e| PageError::BadRequest(e.to_string()))?;
        let hits = results
            .hits
            .into_iter()
            .map(|h| HitView {
                href: item_href(h.plan_id, &h.item),
                kind: item_kind(&h.item).into(),
                plan: catalog.plan(h.plan_id).map(plan_name).unwrap_or_default(),
                title: h.title,
                snippets: h
                    .snippets
                    .into_iter()
                    .map(|s| SnippetView {
                        field: s.field,
                        segments: s.segments,
                    })
                    .collect(),
            })
            .collect::<Vec<_>>();
        (results.total, hits, results.plans)
    } else {
        (0, Vec::new(), Vec::new())
    };
    // The plan filter: the plans with the most hits, and the chosen plan.
    let mut plan_options: Vec<(String, String)> = plan_hits
        .iter()
        .take(SEARCH_PLAN_OPTIONS)
        .filter_map(|(id, n)| {
            let e = catalog.plan(*id)?;
            Some((id.to_string(), format!("{}（{n}件）", plan_name(e))))
        })
        .collect();
    let chosen = q.plan.and_then(|id| catalog.plan(id));
    if let Some(e) = chosen
        && !plan_options.iter().any(|(v, _)| *v == e.id.to_string())
    {
        plan_options.insert(0, (e.id.to_string(), plan_name(e)));
    }
    // The group filter: only within a chosen plan.
    let groups: Vec<(String, String)> = match chosen {
        None => Vec::new(),
        Some(e) => {
            let mut groups: Vec<(String, String)> = Vec::new();
            let mut seen: HashSet<&GroupKey> = HashSet::new();
            for g in &e.plan.groups {
                if seen.insert(&g.key) {
                    groups.push((g.key.0.clone(), heading(e, &g.key)));
                }
            }
            groups
        }
    };
    let options = catalog.search_options();
    let year_sel = q.year.map(|y| y.0.to_string());
    let pages = total.div_ceil(SEARCH_PAGE_HITS).min(SEARCH_MAX_PAGE);
    let first = if hits.is_empty() { 0 } else { q.offset + 1 };
    let last = q.offset + hits.len();
    render(&SearchPage {
        layout: Layout::new(
            if searched && page > 1 {
                format!("検索（{page}ページ目）")
            } else {
                "検索".to_owned()
            },
            vec![],
        ),
        plans: opts(plan_options, q.plan.map(|id| id.to_string()).as_deref()),
        years: opts(options.years.iter().cloned(), year_sel.as_deref()),
        divisions: opts(
            catalog
                .division_names()
                .map(|n| (n.to_owned(), n.to_owned())),
            q.division.as_deref(),
        ),
        statuses: opts(
            options.statuses.iter().map(|s| (s.clone(), s.clone())),
            q.status.as_deref(),
        ),
        groups: opts(groups, q.group.as_deref()),
        prev: (searched && page > 1 && page <= pages).then(|| search_href(&q, page - 1)),
        next: (searched && page < pages).then(|| search_href(&q, page + 1)),
        pages: if searched && pages > 1 {
            pager(&q, page, pages)
        } else {
            Vec::new()
        },
        municipality: q.municipality.clone().unwrap_or_default(),
        q: q.text,
        searched,
        total,
        first,
        last,
        hits,
    })
}

// ---------------------------------------------------------------------------------------------
// Reports

struct CellView {
    text: String,
    href: String,
    header: bool,
}

enum RowView {
    Group {
        class: String,
        text: String,
        href: String,
    },
    Data {
        cells: Vec<CellView>,
    },
}

struct TableView {
    caption: String,
    header_rows: Vec<Vec<HeaderCell>>,
    width: usize,
    rows: Vec<RowView>,
    data_rows: usize,
}

fn table_view(entry: &PlanEntry, t: &shinchoku_report::ReportTable) -> TableView {
    let rows = t
        .rows
        .iter()
        .map(|r| match r {
            Row::Group { depth, key, text } => RowView::Group {
                class: format!("group depth{}", (*depth).min(2)),
                text: text.clone(),
                href: if entry.group(key.as_str()).is_some() {
                    group_href(entry.id, key.as_str())
                } else {
                    String::new()
                },
            },
            Row::Data {
                cells,
                header_cell,
                item,
            } => RowView::Data {
                cells: cells
                    .iter()
                    .enumerate()
                    .map(|(n, text)| CellView {
                        text: text.clone(),
                        header: n == *header_cell,
                        href: match item {
                            Some(RowItem::Measure(k)) if n == *header_cell && !text.is_empty() => {
                                measure_href(entry.id, k.as_str())
                            }
                            Some(RowItem::Indicator(k)) if n == *header_cell => {
                                indicator_href(entry.id, k.as_str())
                            }
                            _ => String::new(),
                        },
                    })
                    .collect(),
            },
        })
        .collect();
    TableView {
        caption: t.caption.clone(),
        header_rows: t.header_rows(),
        width: t.columns.len(),
        rows,
        data_rows: t.data_rows(),
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    layout: Layout,
    id: i64,
    plan: String,
    tables: Vec<TableView>,
}

pub async fn report(plan: PlanPath) -> PageResult {
    let entry = plan.entry()?;
    let tables = report_tables(&entry.plan)
        .iter()
        .map(|t| table_view(entry, t))
        .collect();
    render(&ReportPage {
        layout: Layout::new(
            format!("{} 報告書の表", entry.plan.title),
            plan_trail(entry),
        ),
        id: entry.id,
        plan: plan_name(entry),
        tables,
    })
}

fn download(bytes: Vec<u8>, content_type: &'static str, file: String) -> Response {
    let disposition = format!(
        "attachment; filename=\"report{}\"; filename*=UTF-8''{}",
        file.rsplit_once('.')
            .map(|(_, ext)| format!(".{ext}"))
            .unwrap_or_default(),
        enc(&file)
    );
    let mut response = bytes.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

pub async fn report_csv(plan: PlanPath) -> PageResult {
    let entry = plan.entry()?;
    let bytes =
        tables_csv(&report_tables(&entry.plan)).map_err(|e| PageError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        format!("{}.csv", entry.plan.title),
    ))
}

pub async fn report_xlsx(plan: PlanPath) -> PageResult {
    let entry = plan.entry()?;
    let bytes = shinchoku_report::report_xlsx(&entry.plan)
        .map_err(|e| PageError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("{}.xlsx", entry.plan.title),
    ))
}

struct IndicatorBlock {
    href: String,
    name: String,
    grade: String,
    /// The grade the plan's stated rule gives (or why it cannot be computed).
    computed: String,
    /// The reported grade differs from the one the plan's rule gives.
    contradicts: bool,
    target_label: String,
    target: String,
    actual: String,
    activities: String,
}

struct GoalSection {
    heading: String,
    href: String,
    ratings: Vec<RatingView>,
    /// The goal's indicators by grade S → D for the year (chart and table).
    distribution: Option<GradeChart>,
    table: Option<TableView>,
    blocks: Vec<IndicatorBlock>,
    outlooks: Vec<String>,
}

#[derive(Template)]
#[template(path = "evaluation.html")]
struct EvaluationPage {
    layout: Layout,
    /// The print cover: municipality, plan and year.
    municipality: String,
    plan_title: String,
    contradictions: usize,
    /// Words of the page explained (用語の説明).
    terms: Vec<&'static crate::glossary::Term>,
    id: i64,
    year_options: Vec<YearOption>,
    year_label: String,
    scheme: String,
    goals: Vec<GoalSection>,
    measure_grades: Vec<MeasureGradeRow>,
    measure_distribution: Option<GradeChart>,
    plan_outlooks: Vec<String>,
}

/// A measure's own grade for the year (self-assessed by the division).
struct MeasureGradeRow {
    href: String,
    name: String,
    division: String,
    grade: String,
    evaluation: String,
}

/// Whether a plan has anything for an evaluation report: indicators, goal ratings, 今後の取組と
/// 課題, or measures graded by their divisions.
fn has_evaluation(plan: &Plan) -> bool {
    !plan.indicators.is_empty()
        || !plan.ratings.is_empty()
        || !plan.outlooks.is_empty()
        || plan.records.iter().any(|r| r.grade.is_some())
}

/// The top group (goal) of every group, in one pass over the hierarchy: the top-level group
/// above it (for a group whose parent is no group of the plan, that parent's key, as a walk
/// up the parents ends there). A key that is no group is its own top.
struct Tops(HashMap<GroupKey, GroupKey>);

impl Tops {
    fn new(entry: &PlanEntry) -> Self {
        let mut tops = HashMap::new();
        let mut root = GroupKey::new("");
        for (depth, g) in entry.hierarchy() {
            if depth == 0 {
                root = g
                    .parent
                    .clone()
                    .filter(|p| entry.group_by_key(p).is_none())
                    .unwrap_or_else(|| g.key.clone());
            }
            tops.insert(g.key.clone(), root.clone());
        }
        Tops(tops)
    }

    fn of(&self, key: &GroupKey) -> GroupKey {
        self.0.get(key).cloned().unwrap_or_else(|| key.clone())
    }
}

pub async fn evaluation(
    plan: PlanPath,
    query: Result<Query<YearParams>, QueryRejection>,
) -> PageResult {
    let Query(params) = query?;
    let entry = plan.entry()?;
    let plan = &entry.plan;
    if !has_evaluation(plan) {
        return Err(PageError::NotFound(
            "この計画には成果指標・評価がないため、評価報告書はありません。".into(),
        ));
    }
    // Default: the latest year with an actual, a rating or a graded measure.
    let year = match plan_year(entry, params.year.as_deref())? {
        Some(y) if params.year.as_deref().is_some_and(|s| !s.trim().is_empty()) => Some(y),
        other => plan
            .indicators
            .iter()
            .flat_map(|i| i.actuals.iter().filter_map(|o| o.fiscal_year))
            .chain(plan.ratings.iter().map(|r| r.fiscal_year))
            .chain(
                plan.records
                    .iter()
                    .filter(|r| r.grade.is_some())
                    .map(|r| r.fiscal_year),
            )
            .max()
            .or(other),
    };
    // Goals in document order: groups with ratings, indicators or outlooks.
    let mut goal_keys: Vec<Option<GroupKey>> = Vec::new();
    let mut pushed: HashSet<Option<GroupKey>> = HashSet::new();
    let mut push = |k: Option<GroupKey>| {
        if pushed.insert(k.clone()) {
            goal_keys.push(k);
        }
    };
    let tops = Tops::new(entry);
    let with_content: HashSet<GroupKey> = plan
        .ratings
        .iter()
        .map(|r| tops.of(&r.group))
        .chain(
            plan.indicators
                .iter()
                .filter_map(|i| i.group.as_ref().map(|k| tops.of(k))),
        )
        .collect();
    for g in &plan.groups {
        let top = tops.of(&g.key);
        if with_content.contains(&top) {
            push(Some(top));
        }
    }
    if plan.indicators.iter().any(|i| i.group.is_none()) {
        push(None);
    }
    let mut goals = Vec::new();
    // Per goal, its indicators' grades of the year (reported, else computed by the plan's
    // scheme); the charts share one scale, so that goals compare bar by bar.
    let mut goal_grades: Vec<Vec<Option<shinchoku_core::Grade>>> = Vec::new();
    for key in goal_keys {
        let in_goal = |k: &GroupKey| key.as_ref().is_some_and(|g| &tops.of(k) == g);
        let indicators: Vec<&Indicator> = plan
            .indicators
            .iter()
            .filter(|i| match (&i.group, &key) {
                (None, None) => true,
                (Some(k), Some(_)) => in_goal(k),
                _ => false,
            })
            .collect();
        let ratings = plan
            .ratings
            .iter()
            .filter(|r| in_goal(&r.group) && (year.is_none() || Some(r.fiscal_year) == year))
            .map(|r| RatingView {
                year: heading(entry, &r.group),
                grade: r.grade.0.clone(),
                reason: r.reason.clone().unwrap_or_default(),
            })
            .collect();
        let blocks = indicators
            .iter()
            .map(|i| {
                let (grade, target, actual, computed) = match year {
                    Some(y) => (
                        i.reported_grade(y)
                            .map_or_else(|| "—".into(), |g| g.grade.0.clone()),
                        obs_text(i.target(y)),
                        obs_text(i.actual(y)),
                        match plan.rating_scheme.as_ref().map(|s| s.grade(i, y)) {
                            Some(GradeOutcome::Computed { grade, .. }) => Some(grade.0),
                            _ => None,
                        },
                    ),
                    None => ("—".into(), "—".into(), "—".into(), None),
                };
                let contradicts = grade != "—" && computed.as_ref().is_some_and(|c| *c != grade);
                IndicatorBlock {
                    href: indicator_href(entry.id, i.key.as_str()),
                    name: i.name.clone(),
                    grade,
                    computed: computed.unwrap_or_else(|| "—".into()),
                    contradicts,
                    target_label: year
                        .map_or_else(|| "目標".into(), |y| format!("目標 ({})", y.short())),
                    target,
                    actual,
                    activities: i
                        .activities
                        .iter()
                        .filter(|a| year.is_none() || Some(a.fiscal_year) == year)
                        .map(|a| a.text.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                }
            })
            .collect();
        let outlooks = plan
            .outlooks
            .iter()
            .filter(|o| {
                o.group.as_ref().is_some_and(&in_goal)
                    && (year.is_none() || Some(o.fiscal_year) == year)
            })
            .map(|o| match &o.group {
                Some(g) if Some(g) != key.as_ref() => {
                    format!("【{}】\n{}", heading(entry, g), o.text)
                }
                _ => o.text.clone(),
            })
            .collect();
        goal_grades.push(match year {
            Some(y) => indicators
                .iter()
                .map(|i| shinchoku_core::glance::indicator_grade(plan, i, y))
                .collect(),
            None => Vec::new(),
        });
        goals.push(GoalSection {
            distribution: None,
            heading: key
                .as_ref()
                .map_or_else(|| "その他の成果指標".into(), |k| heading(entry, k)),
            href: key
                .as_ref()
                .map(|k| group_href(entry.id, k.as_str()))
                .unwrap_or_default(),
            ratings,
            table: (!indicators.is_empty())
                .then(|| table_view(entry, &indicator_table(plan, key.as_ref(), &indicators))),
            blocks,
            outlooks,
        });
    }
    let mut measure_grades: Vec<MeasureGradeRow> = plan
        .records
        .iter()
        .filter(|r| r.grade.is_some() && (year.is_none() || Some(r.fiscal_year) == year))
        .map(|r| MeasureGradeRow {
            href: measure_href(entry.id, r.measure.as_str()),
            name: entry.measure(r.measure.as_str()).map_or_else(
                || r.measure.to_string(),
                |m| match &m.number {
                    Some(n) => format!("{n} {}", m.name),
                    None => m.name.clone(),
                },
            ),
            division: r
                .division
                .as_ref()
                .and_then(|k| plan.division(k))
                .map(|d| d.name_in(r.fiscal_year).to_owned())
                .unwrap_or_default(),
            grade: r.grade.as_ref().map(|g| g.0.clone()).unwrap_or_default(),
            evaluation: r.evaluation_text.clone().unwrap_or_default(),
        })
        .collect();
    let scale = goal_grades
        .iter()
        .flat_map(|g| crate::chart::grade_counts(g).into_iter().map(|c| c.1))
        .max()
        .unwrap_or(1);
    for (goal, grades) in goals.iter_mut().zip(&goal_grades) {
        if grades.iter().any(Option::is_some) {
            let mut chart = grade_chart(&goal.heading, "成果指標", grades, scale);
            chart.caption = format!(
                "{}の成果指標の評価（{}、S→Dの順）",
                goal.heading,
                year.map_or_else(|| "—".into(), year_ja)
            );
            goal.distribution = Some(chart);
        }
    }
    let measure_distribution = (!measure_grades.is_empty()).then(|| {
        let grades: Vec<Option<shinchoku_core::Grade>> = measure_grades
            .iter()
            .map(|m| Some(shinchoku_core::Grade::new(m.grade.clone())))
            .collect();
        let scale = crate::chart::grade_counts(&grades)
            .into_iter()
            .map(|c| c.1)
            .max()
            .unwrap_or(1);
        let mut chart = grade_chart(&plan.title, "事業", &grades, scale);
        chart.caption = format!(
            "事業の評価（{}、担当課による自己評価、S→Dの順）",
            year.map_or_else(|| "—".into(), year_ja)
        );
        chart
    });
    // Document order within a grade, grades S → D.
    measure_grades.sort_by_key(|m| {
        shinchoku_core::glance::grade_rank(&shinchoku_core::Grade::new(m.grade.clone()))
            .unwrap_or(u8::MAX)
    });
    let contradictions = goals
        .iter()
        .flat_map(|g: &GoalSection| &g.blocks)
        .filter(|b| b.contradicts)
        .count();
    render(&EvaluationPage {
        municipality: plan.municipality.name.clone(),
        plan_title: plan.title.clone(),
        contradictions,
        terms: crate::glossary::notes(&["hyoka"]),
        layout: Layout::new(format!("{} 評価報告書", plan.title), plan_trail(entry)),
        id: entry.id,
        measure_grades,
        measure_distribution,
        year_options: year_options(&plan.fiscal_years, year),
        year_label: year.map_or_else(|| "—".into(), year_ja),
        scheme: scheme_text(plan),
        goals,
        plan_outlooks: plan
            .outlooks
            .iter()
            .filter(|o| o.group.is_none() && (year.is_none() || Some(o.fiscal_year) == year))
            .map(|o| o.text.clone())
            .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Findings

struct FindingView {
    plan: String,
    plan_href: String,
    item: String,
    href: String,
    message: String,
    expected: String,
    reported: String,
    location: String,
}

struct FindingGroup {
    label: String,
    code: String,
    /// Column headings of the two compared values (per kind).
    expected_label: &'static str,
    reported_label: &'static str,
    findings: Vec<FindingView>,
}

#[derive(Template)]
#[template(path = "findings.html")]
struct FindingsPage {
    layout: Layout,
    /// Words of the page explained (用語の説明).
    terms: Vec<&'static crate::glossary::Term>,
    all_plans: bool,
    total: usize,
    groups: Vec<FindingGroup>,
}

fn finding_groups<'a>(entries: impl Iterator<Item = &'a PlanEntry>) -> (usize, Vec<FindingGroup>) {
    let mut by_kind: BTreeMap<shinchoku_core::audit::FindingKind, Vec<FindingView>> =
        BTreeMap::new();
    let mut total = 0;
    for entry in entries {
        for (f, item) in entry.findings.iter().zip(&entry.finding_items) {
            total += 1;
            by_kind.entry(f.kind).or_default().push(FindingView {
                plan: plan_name(entry),
                plan_href: plan_href(entry.id),
                item: f.item.clone(),
                href: item
                    .as_ref()
                    .map(|i| item_href(entry.id, i))
                    .unwrap_or_default(),
                message: public_text(&entry.plan, &f.message),
                expected: public_text(&entry.plan, f.expected.as_deref().unwrap_or_default()),
                reported: public_text(&entry.plan, f.reported.as_deref().unwrap_or_default()),
                location: f
                    .location
                    .as_ref()
                    .map(|l| public_source(&entry.plan, l))
                    .unwrap_or_default(),
            });
        }
    }
    (
        total,
        by_kind
            .into_iter()
            .map(|(k, findings)| {
                let (expected_label, reported_label) = k.value_labels_ja();
                FindingGroup {
                    label: k.label_ja().into(),
                    code: k.as_str().into(),
                    expected_label,
                    reported_label,
                    findings,
                }
            })
            .collect(),
    )
}

pub async fn plan_findings(plan: PlanPath) -> PageResult {
    let entry = plan.entry()?;
    let (total, groups) = finding_groups(std::iter::once(entry));
    render(&FindingsPage {
        terms: crate::glossary::notes(&["tenken"]),
        layout: Layout::new(format!("{} 点検結果", entry.plan.title), plan_trail(entry)),
        all_plans: false,
        total,
        groups,
    })
}

pub async fn all_findings(State(state): State<AppState>) -> PageResult {
    let catalog = state.catalog();
    let (total, groups) = finding_groups(catalog.plans().iter().map(AsRef::as_ref));
    render(&FindingsPage {
        terms: crate::glossary::notes(&["tenken"]),
        layout: Layout::new("点検結果（全計画）", vec![]),
        all_plans: true,
        total,
        groups,
    })
}
