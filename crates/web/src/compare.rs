//! Cities side by side (issue 12, item 2): the plans of one kind lined up under the areas of
//! the national policy package of that kind (`shinchoku_core::package`), as a page
//! (`/compare/{kind}`, filters by prefecture and fiscal year in a GET form) and the same
//! table as CSV (`/compare/{kind}/compare.csv`). Built from the public read models only:
//! unpublished years never appear.

use crate::catalog::{AppState, PlanEntry};
use crate::pages::{PageError, parse_year};
use crate::view::{Layout, enc, group_href, plan_href, year_ja};
use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use shinchoku_core::package::{
    AreaFigures, PolicyPackage, area_figures, effective_areas, kind_slug, mapping_of, package_of,
};
use shinchoku_core::{FiscalYear, PlanKind};
use shinchoku_report::format_yen;
use std::collections::BTreeSet;

type PageResult = Result<Response, PageError>;

/// The label of plans whose municipality has no 全国地方公共団体コード (no prefecture known).
pub const NO_PREFECTURE: &str = "都道府県不明（団体コード未登録）";

/// The order grades are shown in.
const GRADE_ORDER: [&str; 5] = ["S", "A", "B", "C", "D"];

#[derive(Deserialize, Default)]
pub struct CompareParams {
    pref: Option<String>,
    year: Option<String>,
}

/// The prefecture of a plan's municipality (from its 団体コード).
pub fn prefecture(entry: &PlanEntry) -> &'static str {
    entry
        .plan
        .municipality
        .code
        .as_deref()
        .and_then(shinchoku_ingest::normalise::prefecture_of_code)
        .unwrap_or(NO_PREFECTURE)
}

/// One plan's column.
pub struct PlanCol {
    pub municipality: String,
    pub title: String,
    pub prefecture: &'static str,
    pub href: String,
    /// The year shown (the chosen one, else the plan's latest), `None`: no records that year.
    pub year: Option<FiscalYear>,
    pub year_label: String,
    /// 「事務局確認済」 or 「自動提案（未確認）」.
    pub mapping_state: &'static str,
}

/// One plan's figures in one area, as text.
pub struct Cell {
    pub measures: usize,
    pub relisted: usize,
    pub done: String,
    pub done_short: String,
    pub achievement: String,
    pub cost: String,
    pub grades: Vec<(String, usize)>,
    /// The plan's groups in the area (title, link).
    pub groups: Vec<(String, String)>,
    pub figures: AreaFigures,
}

pub struct AreaView {
    pub code: String,
    pub label: String,
    pub anchor: String,
    pub cells: Vec<Cell>,
}

/// The whole comparison: columns and rows, what the page and the CSV show.
pub struct Comparison {
    pub package: &'static PolicyPackage,
    pub kind_label: String,
    pub slug: String,
    pub plans: Vec<PlanCol>,
    pub areas: Vec<AreaView>,
    pub prefectures: Vec<String>,
    pub years: Vec<FiscalYear>,
    pub pref: Option<String>,
    pub year: Option<FiscalYear>,
}

fn done_text(f: &AreaFigures) -> (String, String) {
    match f.done_percent() {
        Some(p) => (
            format!("実施済 {}件／記載 {}件（{p}%）", f.done, f.reported),
            format!("{p}%"),
        ),
        None if f.records > 0 => ("取組状況・達成度の記載なし".into(), "記載なし".into()),
        None => ("—".into(), "—".into()),
    }
}

fn grades_of(f: &AreaFigures) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = GRADE_ORDER
        .iter()
        .filter_map(|g| f.grades.get(*g).map(|n| ((*g).to_owned(), *n)))
        .collect();
    for (g, n) in &f.grades {
        if !GRADE_ORDER.contains(&g.as_str()) {
            out.push((g.clone(), *n));
        }
    }
    out
}

fn kind_of(slug: &str, entries: &[std::sync::Arc<PlanEntry>]) -> Option<PlanKind> {
    entries
        .iter()
        .map(|e| &e.plan.kind)
        .find(|k| kind_slug(k) == slug)
        .cloned()
        .or_else(|| (slug == "suicide_prevention").then_some(PlanKind::SuicidePrevention))
}

/// Builds the comparison of the plans of kind `slug`, filtered.
pub fn comparison(
    state: &AppState,
    slug: &str,
    params: &CompareParams,
) -> Result<Comparison, PageError> {
    let catalog = state.catalog();
    let kind = kind_of(slug, catalog.plans())
        .ok_or_else(|| PageError::NotFound(format!("計画の種別「{slug}」はありません。")))?;
    let package = package_of(&kind).ok_or_else(|| {
        PageError::NotFound(format!(
            "{}には比較に使う政策パッケージが定義されていません。",
            kind.label_ja()
        ))
    })?;
    let of_kind: Vec<&PlanEntry> = catalog
        .plans()
        .iter()
        .map(AsRef::as_ref)
        .filter(|e| e.plan.kind == kind)
        .collect();
    let prefectures: Vec<String> = of_kind
        .iter()
        .map(|e| prefecture(e).to_owned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let pref = params
        .pref
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned);
    if let Some(p) = &pref
        && !prefectures.contains(p)
    {
        return Err(PageError::BadRequest(format!(
            "都道府県「{p}」の{}はありません。",
            kind.label_ja()
        )));
    }
    let shown: Vec<&PlanEntry> = of_kind
        .into_iter()
        .filter(|e| pref.as_deref().is_none_or(|p| prefecture(e) == p))
        .collect();
    let years: Vec<FiscalYear> = shown
        .iter()
        .flat_map(|e| e.plan.fiscal_years.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let year = parse_year(params.year.as_deref())?;
    if let Some(y) = year
        && !years.contains(&y)
    {
        return Err(PageError::BadRequest(format!(
            "{}の公表された記録はありません。",
            y.display_ja()
        )));
    }
    let mut plans = Vec::new();
    let mut per_plan = Vec::new();
    for e in &shown {
        let Some((mapping, stored)) = mapping_of(&e.plan) else {
            continue;
        };
        let plan_year = match year {
            Some(y) => e.plan.fiscal_years.contains(&y).then_some(y),
            None => e.latest_year(),
        };
        let areas = effective_areas(&e.plan, &mapping);
        let figures = area_figures(&e.plan, &mapping, plan_year);
        per_plan.push((e, areas, figures));
        plans.push(PlanCol {
            municipality: e.plan.municipality.name.clone(),
            title: e.plan.title.clone(),
            prefecture: prefecture(e),
            href: match plan_year {
                Some(y) => format!("{}?year={}", plan_href(e.id), y.0),
                None => plan_href(e.id),
            },
            year: plan_year,
            year_label: plan_year.map_or_else(|| "この年度の公表なし".to_owned(), year_ja),
            mapping_state: if stored && mapping.confirmed() {
                "事務局確認済"
            } else {
                "自動提案（未確認）"
            },
        });
    }
    let mut codes: Vec<(String, String)> = package
        .areas
        .iter()
        .map(|a| (a.code.to_owned(), a.label_ja()))
        .collect();
    codes.push((
        String::new(),
        "政策パッケージの領域に対応付けのない事業".to_owned(),
    ));
    let areas = codes
        .into_iter()
        .map(|(code, label)| {
            let cells = per_plan
                .iter()
                .zip(&plans)
                .map(|((e, areas, figures), col)| {
                    let f = figures
                        .iter()
                        .find(|(c, _)| *c == code)
                        .map(|(_, f)| f.clone())
                        .unwrap_or_default();
                    let (done, done_short) = done_text(&f);
                    let grades = grades_of(&f);
                    let year_q = col
                        .year
                        .map_or_else(String::new, |y| format!("?year={}", y.0));
                    let groups =
                        e.plan
                            .groups
                            .iter()
                            .filter(|g| {
                                let here = areas.get(&g.key).map_or("", String::as_str) == code;
                                let parent_here = g.parent.as_ref().is_some_and(|p| {
                                    areas.get(p).map_or("", String::as_str) == code
                                });
                                here && !parent_here && !code.is_empty()
                            })
                            .map(|g| {
                                (
                                    format!(
                                        "{}{} {}",
                                        g.label,
                                        g.number.as_deref().unwrap_or(""),
                                        g.title
                                    ),
                                    format!("{}{year_q}", group_href(e.id, g.key.as_str())),
                                )
                            })
                            .collect();
                    Cell {
                        measures: f.measures,
                        relisted: f.relisted,
                        done,
                        done_short,
                        achievement: f.achievement_mean().map_or_else(
                            || "—".to_owned(),
                            |m| format!("平均 {m}%（{}件）", f.achievement_count),
                        ),
                        cost: if f.cost_records > 0 {
                            format!("{}円（{}件）", format_yen(f.cost_yen), f.cost_records)
                        } else {
                            "—".to_owned()
                        },
                        grades,
                        groups,
                        figures: f,
                    }
                })
                .collect();
            AreaView {
                anchor: if code.is_empty() {
                    "area-none".to_owned()
                } else {
                    format!("area-{code}")
                },
                code,
                label,
                cells,
            }
        })
        .collect();
    Ok(Comparison {
        package,
        kind_label: kind.label_ja().to_owned(),
        slug: slug.to_owned(),
        plans,
        areas,
        prefectures,
        years,
        pref,
        year,
    })
}

impl Comparison {
    /// The query string of the current filters (`?pref=…&year=…`, or empty).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.pref {
            parts.push(format!("pref={}", enc(p)));
        }
        if let Some(y) = self.year {
            parts.push(format!("year={}", y.0));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The table as CSV rows (header first).
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        let mut rows = vec![
            [
                "政策領域コード",
                "政策領域",
                "自治体",
                "都道府県",
                "計画",
                "年度",
                "対応付け",
                "事業数",
                "うち再掲のみ",
                "記録数",
                "取組状況・達成度の記載",
                "実施済",
                "実施済の割合(%)",
                "達成度の記載数",
                "達成度の平均(%)",
                "経費(円)",
                "経費の記載数",
                "評価S",
                "評価A",
                "評価B",
                "評価C",
                "評価D",
                "その他の評価",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        ];
        for area in &self.areas {
            for (col, cell) in self.plans.iter().zip(&area.cells) {
                let f = &cell.figures;
                let grade = |g: &str| f.grades.get(g).copied().unwrap_or(0).to_string();
                let other: usize = f
                    .grades
                    .iter()
                    .filter(|(g, _)| !GRADE_ORDER.contains(&g.as_str()))
                    .map(|(_, n)| n)
                    .sum();
                rows.push(vec![
                    area.code.clone(),
                    area.label.clone(),
                    col.municipality.clone(),
                    col.prefecture.to_owned(),
                    col.title.clone(),
                    col.year.map_or_else(String::new, |y| y.0.to_string()),
                    col.mapping_state.to_owned(),
                    f.measures.to_string(),
                    f.relisted.to_string(),
                    f.records.to_string(),
                    f.reported.to_string(),
                    f.done.to_string(),
                    f.done_percent().map_or_else(String::new, |p| p.to_string()),
                    f.achievement_count.to_string(),
                    f.achievement_mean()
                        .map_or_else(String::new, |p| p.to_string()),
                    if f.cost_records > 0 {
                        f.cost_yen.to_string()
                    } else {
                        String::new()
                    },
                    f.cost_records.to_string(),
                    grade("S"),
                    grade("A"),
                    grade("B"),
                    grade("C"),
                    grade("D"),
                    other.to_string(),
                ]);
            }
        }
        rows
    }
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    layout: Layout,
    c: Comparison,
    pref_options: Vec<Opt>,
    year_options: Vec<Opt>,
    csv_href: String,
}

#[derive(Template)]
#[template(path = "compare_index.html")]
struct CompareIndexPage {
    layout: Layout,
    kinds: Vec<(String, String, usize)>,
}

fn render<T: Template>(t: &T) -> PageResult {
    t.render()
        .map(|body| Html(body).into_response())
        .map_err(|e| PageError::Internal(e.to_string()))
}

/// `/compare`: the plan kinds that can be compared.
pub async fn index(State(state): State<AppState>) -> PageResult {
    let catalog = state.catalog();
    let mut kinds: Vec<(String, String, usize)> = Vec::new();
    for e in catalog.plans() {
        if package_of(&e.plan.kind).is_none() {
            continue;
        }
        let slug = kind_slug(&e.plan.kind).to_owned();
        match kinds.iter_mut().find(|(s, _, _)| *s == slug) {
            Some(k) => k.2 += 1,
            None => kinds.push((slug, e.plan.kind.label_ja().to_owned(), 1)),
        }
    }
    render(&CompareIndexPage {
        layout: Layout::new("計画の比較", vec![]),
        kinds,
    })
}

/// `/compare/{kind}`
pub async fn page(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<CompareParams>, QueryRejection>,
) -> PageResult {
    let Path(slug) = path?;
    let Query(params) = query?;
    let c = comparison(&state, &slug, &params)?;
    let pref_options = std::iter::once(Opt {
        value: String::new(),
        label: "すべて".into(),
        selected: c.pref.is_none(),
    })
    .chain(c.prefectures.iter().map(|p| Opt {
        value: p.clone(),
        label: p.clone(),
        selected: c.pref.as_deref() == Some(p.as_str()),
    }))
    .collect();
    let year_options = std::iter::once(Opt {
        value: String::new(),
        label: "各計画の最新年度".into(),
        selected: c.year.is_none(),
    })
    .chain(c.years.iter().map(|y| Opt {
        value: y.0.to_string(),
        label: year_ja(*y),
        selected: c.year == Some(*y),
    }))
    .collect();
    let csv_href = format!("/compare/{}/compare.csv{}", enc(&c.slug), c.query());
    render(&ComparePage {
        layout: Layout::new(
            format!("{}の比較", c.kind_label),
            vec![("計画の比較".into(), "/compare".into())],
        ),
        pref_options,
        year_options,
        csv_href,
        c,
    })
}

/// `/compare/{kind}/compare.csv`: the same table, one row per (area, plan).
pub async fn csv(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<CompareParams>, QueryRejection>,
) -> PageResult {
    let Path(slug) = path?;
    let Query(params) = query?;
    let c = comparison(&state, &slug, &params)?;
    let bytes = shinchoku_report::cells::csv_rows(&c.csv_rows())
        .map_err(|e| PageError::Internal(e.to_string()))?;
    let file = format!("{}の比較.csv", c.kind_label);
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"compare.csv\"; filename*=UTF-8''{}",
        enc(&file)
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}
