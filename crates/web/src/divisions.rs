//! Division pages, per municipality: `/divisions` lists each municipality's divisions (its own
//! divisions, then partner organisations), `/divisions/{municipality}/{name}` shows what one
//! municipality's division does across that municipality's plans. Two cities' 生活福祉課 are
//! two divisions. The old `/divisions/{name}` redirects to the one municipality's page that
//! has the name, or lists the municipalities when several have it.

use crate::catalog::AppState;
use crate::pages::{
    PageError, PageResult, achievement_of, plan_name, render, shorten, status_text,
};
use crate::view::{Layout, division_href, measure_href, plan_href, year_ja};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use shinchoku_core::ProgressRecord;
use std::collections::{BTreeMap, HashSet};

pub struct DivisionLink {
    pub href: String,
    pub label: String,
}

pub struct MunicipalityDivisions {
    pub name: String,
    pub anchor: String,
    pub divisions: Vec<DivisionLink>,
    pub partners: Vec<DivisionLink>,
}

#[derive(Template)]
#[template(path = "divisions.html")]
struct DivisionsPage {
    layout: Layout,
    municipalities: Vec<MunicipalityDivisions>,
    total: usize,
}

#[derive(Template)]
#[template(path = "division_choice.html")]
struct ChoicePage {
    layout: Layout,
    name: String,
    choices: Vec<DivisionLink>,
}

struct DivisionRow {
    plan: String,
    plan_href: String,
    measure: String,
    measure_href: String,
    name_in_year: String,
    year: String,
    status: String,
    achievement: String,
    result: String,
}

#[derive(Template)]
#[template(path = "division.html")]
struct DivisionPage {
    layout: Layout,
    municipality: String,
    partner: bool,
    rows: Vec<DivisionRow>,
    plans: usize,
    measures: usize,
}

/// Whether a division name is a partner organisation (external) in a municipality's plans.
fn is_partner(state: &crate::catalog::Catalog, uses: &[crate::catalog::DivisionUse]) -> bool {
    !uses.is_empty()
        && uses.iter().all(|u| {
            state
                .plan(u.plan_id)
                .and_then(|e| e.plan.division(&u.division))
                .is_some_and(|d| d.external)
        })
}

/// Where a municipality comes on the home page: the position of its first plan.
fn municipality_rank(catalog: &crate::catalog::Catalog, name: &str) -> usize {
    catalog
        .plans()
        .iter()
        .position(|e| e.plan.municipality.name == name)
        .unwrap_or(usize::MAX)
}

pub async fn index(State(state): State<AppState>) -> PageResult {
    let catalog = state.catalog();
    let mut by_m: BTreeMap<&str, MunicipalityDivisions> = BTreeMap::new();
    let mut total = 0;
    for (m, name) in catalog.municipal_divisions() {
        let partner = catalog
            .municipal_division_uses(m, name)
            .is_some_and(|u| is_partner(&catalog, u));
        let entry = by_m.entry(m).or_insert_with(|| MunicipalityDivisions {
            name: m.to_owned(),
            anchor: String::new(),
            divisions: Vec::new(),
            partners: Vec::new(),
        });
        let link = DivisionLink {
            href: division_href(m, name),
            label: name.to_owned(),
        };
        if partner {
            entry.partners.push(link);
        } else {
            entry.divisions.push(link);
        }
        total += 1;
    }
    // In the order of the home page: by the first plan of each municipality.
    let mut ms: Vec<MunicipalityDivisions> = by_m.into_values().collect();
    ms.sort_by_key(|m| municipality_rank(&catalog, &m.name));
    let municipalities = ms
        .into_iter()
        .enumerate()
        .map(|(i, mut m)| {
            m.anchor = format!("m{}", i + 1);
            m
        })
        .collect();
    render(&DivisionsPage {
        layout: Layout::new("担当課の一覧", vec![]),
        municipalities,
        total,
    })
}

/// `/divisions/{name}`: the URL before divisions were per municipality.
pub async fn legacy(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> PageResult {
    let Path(name) = path?;
    let catalog = state.catalog();
    let mut municipalities: Vec<&str> = catalog
        .municipal_divisions()
        .filter(|(_, n)| *n == name)
        .map(|(m, _)| m)
        .collect();
    municipalities.sort_by_key(|m| municipality_rank(&catalog, m));
    match municipalities.as_slice() {
        [] => Err(PageError::NotFound(format!(
            "担当課「{name}」は見つかりません。"
        ))),
        [one] => Ok(Redirect::permanent(&division_href(one, &name)).into_response()),
        several => render(&ChoicePage {
            layout: Layout::new(
                format!("「{name}」は複数の自治体にあります"),
                vec![("担当課の一覧".into(), "/divisions".into())],
            ),
            choices: several
                .iter()
                .map(|m| DivisionLink {
                    href: division_href(m, &name),
                    label: format!("{m} {name}"),
                })
                .collect(),
            name,
        }),
    }
}

pub async fn page(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> PageResult {
    let Path((municipality, name)) = path?;
    let catalog = state.catalog();
    let uses = catalog
        .municipal_division_uses(&municipality, &name)
        .ok_or_else(|| {
            PageError::NotFound(format!(
                "{municipality}の担当課「{name}」は見つかりません。"
            ))
        })?;
    let mut rows = Vec::new();
    let mut plans = HashSet::new();
    for u in uses {
        let Some(entry) = catalog.plan(u.plan_id) else {
            continue;
        };
        let Some(m) = entry.measure(u.measure.as_str()) else {
            continue;
        };
        plans.insert(u.plan_id);
        let plan = &entry.plan;
        let d = plan.division(&u.division);
        let records: Vec<&ProgressRecord> = entry
            .records_of(&m.key)
            .into_iter()
            .filter(|r| r.division.as_ref().is_none_or(|k| k == &u.division))
            .collect();
        let base = |year: String, name_in_year: String| DivisionRow {
            plan: plan_name(entry),
            plan_href: plan_href(entry.id),
            measure: m.name.clone(),
            measure_href: measure_href(entry.id, m.key.as_str()),
            name_in_year,
            year,
            status: String::new(),
            achievement: String::new(),
            result: String::new(),
        };
        if records.is_empty() {
            rows.push(base(
                "—".into(),
                d.map(|d| d.name.clone()).unwrap_or_default(),
            ));
        }
        for r in records {
            let mut row = base(
                year_ja(r.fiscal_year),
                d.map(|d| d.name_in(r.fiscal_year).to_owned())
                    .unwrap_or_default(),
            );
            row.status = status_text(r);
            row.achievement = achievement_of(r);
            row.result = shorten(
                r.result_text
                    .as_deref()
                    .or(r.effect_text.as_deref())
                    .or(r.plan_text.as_deref())
                    .unwrap_or(""),
                80,
            );
            rows.push(row);
        }
    }
    render(&DivisionPage {
        layout: Layout::new(
            format!("{municipality} {name}"),
            vec![("担当課の一覧".into(), "/divisions".into())],
        ),
        partner: is_partner(&catalog, uses),
        municipality,
        rows,
        plans: plans.len(),
        measures: uses.len(),
    })
}
