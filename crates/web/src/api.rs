//! The JSON API under `/api`, described by the OpenAPI 3.1 document at `/api/openapi.json`.

use crate::catalog::{AppState, PlanEntry};
use crate::extract::PlanPath;
use crate::pages::{PageError, SearchParams, item_href, search_query};
use axum::Router;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use serde::Deserialize;
use serde::Serialize;
use serde_json::{Value, json};
use shinchoku_core::{EntityKind, EntityMeta, EntityRef, GradeOutcome, RecordKey};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/plans", get(plans))
        .route("/api/plans/{id}", get(plan))
        .route("/api/plans/{id}/groups", get(groups))
        .route("/api/plans/{id}/groups/{key}", get(group))
        .route("/api/plans/{id}/measures", get(measures))
        .route("/api/plans/{id}/measures/{key}", get(measure))
        .route("/api/plans/{id}/records", get(records))
        .route("/api/plans/{id}/indicators", get(indicators))
        .route("/api/plans/{id}/indicators/{key}", get(indicator))
        .route("/api/plans/{id}/findings", get(plan_findings))
        .route("/api/findings", get(findings))
        .route("/api/search", get(search))
}

/// An API error: `{"error": {"status": 404, "message": "…"}}`.
pub struct ApiError(StatusCode, String);

impl From<PageError> for ApiError {
    fn from(e: PageError) -> Self {
        match e {
            PageError::NotFound(m) => ApiError(StatusCode::NOT_FOUND, m),
            PageError::BadRequest(m) => ApiError(StatusCode::BAD_REQUEST, m),
            PageError::Internal(m) => ApiError(StatusCode::INTERNAL_SERVER_ERROR, m),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(e: PathRejection) -> Self {
        PageError::from(e).into()
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        PageError::from(e).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.0,
            Json(json!({"error": {"status": self.0.as_u16(), "message": self.1}})),
        )
            .into_response()
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// A value as JSON with its stored `id` (null when the store gave none).
fn with_id(value: impl Serialize, meta: Option<EntityMeta>) -> Value {
    let mut v = json!(value);
    if let Some(o) = v.as_object_mut() {
        o.insert("id".into(), json!(meta.map(|m| m.id.0)));
    }
    v
}

/// The ids of a plan's lists by kind and position (the n-th measure of `plan.measures` …),
/// so that repeated keys get the id of their own entity.
fn list_ids(e: &PlanEntry) -> HashMap<EntityKind, Vec<Option<i64>>> {
    let mut out: HashMap<EntityKind, Vec<Option<i64>>> = HashMap::new();
    if e.ids.is_empty() {
        return out;
    }
    for (r, pos) in EntityRef::of_plan(&e.plan) {
        let v = out.entry(r.kind).or_default();
        if v.len() <= pos {
            v.resize(pos + 1, None);
        }
        v[pos] = e.ids.get(&r).map(|m| m.id.0);
    }
    out
}

/// Sets `id` on every object of a JSON list from the ids of its kind.
fn put_ids(list: &mut Value, ids: &HashMap<EntityKind, Vec<Option<i64>>>, kind: EntityKind) {
    let ids = ids.get(&kind);
    if let Some(items) = list.as_array_mut() {
        for (i, item) in items.iter_mut().enumerate() {
            if let Some(o) = item.as_object_mut() {
                let id = ids.and_then(|v| v.get(i).copied().flatten());
                o.insert("id".into(), json!(id));
            }
        }
    }
}

fn record_json(e: &PlanEntry, r: &shinchoku_core::ProgressRecord) -> Value {
    with_id(r, e.ids.record(&RecordKey::of(r)))
}

fn plan_meta(e: &PlanEntry) -> Value {
    let p = &e.plan;
    json!({
        "id": e.id,
        "revision": e.revision.0,
        "municipality": p.municipality.name,
        "title": p.title,
        "kind": p.kind.label_ja(),
        "period": p.period.map(|x| json!({"first": x.first.0, "last": x.last.0})),
        "fiscal_years": p.fiscal_years.iter().map(|y| y.0).collect::<Vec<_>>(),
        "measures": p.measures.len(),
        "groups": p.groups.len(),
        "indicators": p.indicators.len(),
        "findings": e.findings.len(),
        "layouts": p.sources.iter().map(|s| s.layout.clone()).collect::<Vec<_>>(),
        "href": crate::view::plan_href(e.id),
    })
}

async fn plans(State(state): State<AppState>) -> ApiResult {
    let catalog = state.catalog();
    Ok(Json(json!({
        "plans": catalog.plans().iter().map(|e| plan_meta(e)).collect::<Vec<_>>()
    })))
}

async fn plan(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let e = plan.entry()?;
    let ids = list_ids(e);
    let mut p = json!(e.plan);
    for (field, kind) in [
        ("groups", EntityKind::Group),
        ("measures", EntityKind::Measure),
        ("divisions", EntityKind::Division),
        ("records", EntityKind::Record),
        ("indicators", EntityKind::Indicator),
    ] {
        if let Some(list) = p.get_mut(field) {
            put_ids(list, &ids, kind);
        }
    }
    if let Some(o) = p.as_object_mut() {
        o.insert("id".into(), json!(e.id));
        o.insert("revision".into(), json!(e.revision.0));
    }
    Ok(Json(
        json!({"id": e.id, "revision": e.revision.0, "summary": plan_meta(e), "plan": p}),
    ))
}

async fn groups(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let e = plan.entry()?;
    let mut groups = json!(e.plan.groups);
    put_ids(&mut groups, &list_ids(e), EntityKind::Group);
    Ok(Json(json!({"plan_id": e.id, "groups": groups})))
}

async fn group(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let key = plan.key();
    let e = plan.entry()?;
    let g = e
        .group(key)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("group {key} not found")))?;
    let listings: Vec<_> = e
        .plan
        .listings
        .iter()
        .filter(|l| l.group == g.key)
        .collect();
    let ratings: Vec<_> = e.plan.ratings.iter().filter(|r| r.group == g.key).collect();
    let outlooks: Vec<_> = e
        .plan
        .outlooks
        .iter()
        .filter(|o| o.group.as_ref() == Some(&g.key))
        .collect();
    Ok(Json(json!({
        "plan_id": e.id,
        "group": with_id(g, e.ids.group(&g.key)),
        "children": e.children_of(Some(&g.key)).iter().map(|c| c.key.clone()).collect::<Vec<_>>(),
        "listings": listings,
        "ratings": ratings,
        "outlooks": outlooks,
    })))
}

async fn measures(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let e = plan.entry()?;
    let mut measures = json!(e.plan.measures);
    put_ids(&mut measures, &list_ids(e), EntityKind::Measure);
    Ok(Json(json!({"plan_id": e.id, "measures": measures})))
}

async fn measure(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let key = plan.key();
    let e = plan.entry()?;
    let m = e
        .measure(key)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("measure {key} not found")))?;
    let listings: Vec<_> = e
        .plan
        .listings
        .iter()
        .filter(|l| l.measure == m.key)
        .collect();
    let assignments: Vec<_> = e
        .plan
        .assignments
        .iter()
        .filter(|a| a.measure == m.key)
        .collect();
    let divisions: Vec<Value> = assignments
        .iter()
        .filter_map(|a| e.plan.division(&a.division))
        .map(|d| with_id(d, e.ids.division(&d.key)))
        .collect();
    let records: Vec<Value> = e
        .records_of(&m.key)
        .into_iter()
        .map(|r| record_json(e, r))
        .collect();
    Ok(Json(json!({
        "plan_id": e.id,
        "measure": with_id(m, e.ids.measure(&m.key)),
        "listings": listings,
        "assignments": assignments,
        "divisions": divisions,
        "records": records,
    })))
}

#[derive(Deserialize, Default)]
struct RecordParams {
    year: Option<String>,
    measure: Option<String>,
}

async fn records(
    plan: Result<PlanPath, PageError>,
    query: Result<Query<RecordParams>, QueryRejection>,
) -> ApiResult {
    let plan = plan?;
    let Query(q) = query?;
    let e = plan.entry()?;
    let year = crate::pages::parse_year(q.year.as_deref())?;
    let measure = q
        .measure
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let records: Vec<Value> = e
        .plan
        .records
        .iter()
        .filter(|r| year.is_none_or(|y| r.fiscal_year == y))
        .filter(|r| measure.is_none_or(|m| r.measure.as_str() == m))
        .map(|r| record_json(e, r))
        .collect();
    Ok(Json(json!({"plan_id": e.id, "records": records})))
}

fn indicator_json(e: &PlanEntry, i: &shinchoku_core::Indicator) -> Value {
    let mut years: Vec<_> = i
        .targets
        .iter()
        .chain(&i.actuals)
        .filter_map(|o| o.fiscal_year)
        .chain(i.reported_grades.iter().map(|g| g.fiscal_year))
        .collect();
    years.sort();
    years.dedup();
    let grades: Vec<Value> = years
        .iter()
        .map(|y| {
            let computed = e.plan.rating_scheme.as_ref().map(|s| s.grade(i, *y));
            json!({
                "fiscal_year": y.0,
                "reported": i.reported_grade(*y).map(|g| g.grade.0.clone()),
                "computed": match &computed {
                    Some(GradeOutcome::Computed { grade, .. }) => Some(grade.0.clone()),
                    _ => None,
                },
                "outcome": computed,
            })
        })
        .collect();
    json!({"indicator": with_id(i, e.ids.indicator(&i.key)), "grades": grades})
}

async fn indicators(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let e = plan.entry()?;
    Ok(Json(json!({
        "plan_id": e.id,
        "rating_scheme": e.plan.rating_scheme,
        "indicators": e.plan.indicators.iter().map(|i| indicator_json(e, i)).collect::<Vec<_>>(),
    })))
}

async fn indicator(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let key = plan.key();
    let e = plan.entry()?;
    let i = e
        .indicator(key)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("indicator {key} not found")))?;
    let mut v = indicator_json(e, i);
    v["plan_id"] = json!(e.id);
    Ok(Json(v))
}

fn findings_json(e: &PlanEntry) -> Vec<Value> {
    e.findings
        .iter()
        .zip(&e.finding_items)
        .map(|(f, item)| {
            json!({
                "plan_id": e.id,
                "finding": f,
                "item": item,
                "href": item.as_ref().map(|i| item_href(e.id, i)),
            })
        })
        .collect()
}

async fn plan_findings(plan: Result<PlanPath, PageError>) -> ApiResult {
    let plan = plan?;
    let e = plan.entry()?;
    Ok(Json(json!({"findings": findings_json(e)})))
}

async fn findings(State(state): State<AppState>) -> ApiResult {
    let catalog = state.catalog();
    let all: Vec<Value> = catalog
        .plans()
        .iter()
        .flat_map(|e| findings_json(e))
        .collect();
    Ok(Json(json!({"findings": all})))
}

async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult {
    let Query(p) = query?;
    let catalog = state.catalog();
    let q = search_query(&catalog, &p, 100)?;
    let results = catalog
        .search()
        .search(&q)
        .map_err(|e| ApiError(StatusCode::BAD_REQUEST, e.to_string()))?;
    let hits: Vec<Value> = results
        .hits
        .iter()
        .map(|h| {
            let mut v = json!(h);
            v["href"] = json!(item_href(h.plan_id, &h.item));
            v
        })
        .collect();
    Ok(Json(
        json!({"query": q.text, "total": results.total, "hits": hits}),
    ))
}

async fn openapi() -> Json<Value> {
    Json(openapi_document())
}

/// The OpenAPI 3.1 document of the API.
pub fn openapi_document() -> Value {
    let id = json!({"name": "id", "in": "path", "required": true, "description": "計画ID", "schema": {"type": "integer", "format": "int64"}});
    let key = |what: &str| json!({"name": "key", "in": "path", "required": true, "description": what, "schema": {"type": "string"}});
    let year = json!({"name": "year", "in": "query", "required": false, "description": "年度（西暦の開始年、例: 2022 = 令和4年度）", "schema": {"type": "integer"}});
    let ok = |desc: &str, schema: &str| {
        json!({
            "200": {"description": desc, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}},
            "400": {"$ref": "#/components/responses/BadRequest"},
            "404": {"$ref": "#/components/responses/NotFound"}
        })
    };
    let op = |summary: &str, params: Vec<Value>, desc: &str, schema: &str| json!({"get": {"summary": summary, "parameters": params, "responses": ok(desc, schema)}});
    let obj = json!({"type": "object", "additionalProperties": true});
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "shinchoku API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "自治体の計画進捗報告書（計画・施策・事業・進捗記録・成果指標・点検結果）の読み取り専用API。年度は西暦の開始年（令和4年度 = 2022）。計画・施策・事業・担当課・進捗記録・成果指標のオブジェクトには保存されたID（id、EntityId）があり、計画には版（revision）がある。"
        },
        "paths": {
            "/api/plans": op("計画の一覧", vec![], "計画の一覧", "PlanList"),
            "/api/plans/{id}": op("計画（全データ）", vec![id.clone()], "計画", "PlanDetail"),
            "/api/plans/{id}/groups": op("施策の一覧", vec![id.clone()], "施策", "Object"),
            "/api/plans/{id}/groups/{key}": op("施策と掲載事業・評価・今後の取組", vec![id.clone(), key("施策キー")], "施策", "Object"),
            "/api/plans/{id}/measures": op("事業の一覧", vec![id.clone()], "事業", "Object"),
            "/api/plans/{id}/measures/{key}": op("事業と担当課・進捗記録", vec![id.clone(), key("事業キー")], "事業", "Object"),
            "/api/plans/{id}/records": op("進捗記録", vec![id.clone(), year.clone(),
                json!({"name": "measure", "in": "query", "required": false, "description": "事業キー", "schema": {"type": "string"}})], "進捗記録", "Object"),
            "/api/plans/{id}/indicators": op("成果指標と評価（報告値と算出値）", vec![id.clone()], "成果指標", "Object"),
            "/api/plans/{id}/indicators/{key}": op("成果指標", vec![id.clone(), key("指標キー")], "成果指標", "Object"),
            "/api/plans/{id}/findings": op("計画の点検結果", vec![id.clone()], "点検結果", "Findings"),
            "/api/findings": op("全計画の点検結果", vec![], "点検結果", "Findings"),
            "/api/search": op("全文検索（2文字から、CJKバイグラム）", vec![
                json!({"name": "q", "in": "query", "required": true, "description": "検索語（空白区切りでAND）", "schema": {"type": "string", "maxLength": 100}}),
                json!({"name": "plan", "in": "query", "required": false, "schema": {"type": "integer"}}),
                json!({"name": "municipality", "in": "query", "required": false, "description": "自治体名（部分一致）", "schema": {"type": "string", "maxLength": 100}}),
                year,
                json!({"name": "division", "in": "query", "required": false, "description": "担当課名", "schema": {"type": "string"}}),
                json!({"name": "status", "in": "query", "required": false, "description": "取組状況（ラベルまたは記号）", "schema": {"type": "string"}}),
                json!({"name": "group", "in": "query", "required": false, "description": "施策キー（下位の施策を含む）", "schema": {"type": "string"}}),
                json!({"name": "page", "in": "query", "required": false, "description": "ページ（1から、1ページ100件）", "schema": {"type": "integer", "minimum": 1, "maximum": 500}})
            ], "検索結果", "SearchResults"),
        },
        "components": {
            "schemas": {
                "Object": obj,
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}}},
                "EntityId": {"type": ["integer", "null"], "format": "int64", "description": "保存されたID（計画・施策・事業・担当課・進捗記録・成果指標ごとに一意で再利用されない）。IDのないデータではnull。"},
                "PlanSummary": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "revision": {"type": "integer", "description": "計画の版（変更のたびに増える）"}, "municipality": {"type": "string"}, "title": {"type": "string"},
                    "kind": {"type": "string"}, "fiscal_years": {"type": "array", "items": {"type": "integer"}},
                    "measures": {"type": "integer"}, "groups": {"type": "integer"}, "indicators": {"type": "integer"},
                    "findings": {"type": "integer"}, "href": {"type": "string"}}},
                "PlanList": {"type": "object", "properties": {"plans": {"type": "array", "items": {"$ref": "#/components/schemas/PlanSummary"}}}},
                "PlanDetail": {"type": "object", "properties": {"id": {"type": "integer"}, "revision": {"type": "integer"}, "summary": {"$ref": "#/components/schemas/PlanSummary"}, "plan": {"type": "object", "description": "shinchoku-core の Plan（JSONエクスポートと同じ形）に id と revision を加えたもの。groups・measures・divisions・records・indicators の各要素に id（EntityId）がある。"}}},
                "Findings": {"type": "object", "properties": {"findings": {"type": "array", "items": {"type": "object", "properties": {
                    "plan_id": {"type": "integer"}, "finding": {"type": "object"}, "item": {"type": ["object", "null"]}, "href": {"type": ["string", "null"]}}}}}},
                "SearchResults": {"type": "object", "properties": {"query": {"type": "string"}, "total": {"type": "integer"}, "hits": {"type": "array", "items": {"type": "object", "properties": {
                    "plan_id": {"type": "integer"}, "item": {"type": "object"}, "title": {"type": "string"}, "score": {"type": "number"}, "href": {"type": "string"},
                    "snippets": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "segments": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "mark": {"type": "boolean"}}}}}}}}}}}}
            },
            "responses": {
                "NotFound": {"description": "存在しないID・キー", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "BadRequest": {"description": "不正なクエリパラメータ", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        }
    });
    crate::staff::describe_api(&mut doc);
    doc
}
