//! The JSON API for other systems (`Authorization: Bearer shk_…`): read a record with its
//! revision, update or submit it naming the revision it was based on.

use super::access::Target;
use super::session::SignedIn;
use super::{Route, Staff};
use crate::catalog::AppState;
use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use shinchoku_commands::cycle::{check_values, review_record};
use shinchoku_commands::{Actor, CommandError, RecordField};
use shinchoku_core::cycle::{Transition, review_state};
use shinchoku_core::{EntityId, EntityKind, ProgressRecord, Provenance, Revision};
use shinchoku_store::Store;

fn error(status: StatusCode, message: &str) -> Response {
    let mut r = (
        status,
        Json(json!({"error": {"status": status.as_u16(), "message": message}})),
    )
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Admits a request by its bearer token and the route's roles.
pub(super) async fn guard(
    store: &Store,
    rule: &'static Route,
    mut req: Request,
    next: Next,
) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("");
    let found = match shinchoku_commands::accounts::api_account(store, token).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!("token lookup: {e}");
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "内部エラーが発生しました。",
            );
        }
    };
    let Some((row, account)) = found else {
        let mut r = error(
            StatusCode::UNAUTHORIZED,
            "有効な API トークンがありません。",
        );
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return r;
    };
    if !super::access::admits(rule.who, Some(&account)) {
        return error(StatusCode::FORBIDDEN, "この操作を行う権限がありません。");
    }
    req.extensions_mut().insert(Staff::new(
        Some(SignedIn {
            account,
            csrf: String::new(),
            token: format!("API token {} 「{}」", row.id, row.name),
        }),
        rule,
    ));
    let mut response = next.run(req).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A record as the API shows it.
#[derive(Serialize)]
struct RecordView {
    id: i64,
    plan_id: i64,
    revision: i64,
    fiscal_year: i32,
    state: &'static str,
    record: ProgressRecord,
}

type ApiResult = Result<Response, Response>;

async fn load(
    state: &AppState,
    staff: &Staff,
    raw: &str,
) -> Result<
    (
        Store,
        shinchoku_core::StoredPlan,
        ProgressRecord,
        EntityId,
        Revision,
    ),
    Response,
> {
    let store = state
        .store()
        .cloned()
        .ok_or_else(|| error(StatusCode::NOT_FOUND, "API は使えません。"))?;
    let id: i64 = raw
        .parse()
        .map_err(|_| error(StatusCode::NOT_FOUND, "記録は見つかりません。"))?;
    let entity = store
        .entity(EntityId(id))
        .await
        .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?
        .filter(|e| e.entity.kind == EntityKind::Record)
        .ok_or_else(|| error(StatusCode::NOT_FOUND, "記録は見つかりません。"))?;
    let record: ProgressRecord = serde_json::from_value(entity.body)
        .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?;
    let stored = store
        .load(entity.plan_id)
        .await
        .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?
        .ok_or_else(|| error(StatusCode::NOT_FOUND, "計画は見つかりません。"))?;
    staff
        .require(Target::Record(&stored.plan, &record))
        .map_err(|_| error(StatusCode::FORBIDDEN, "この記録を扱う権限がありません。"))?;
    Ok((store, stored, record, EntityId(id), entity.meta.revision))
}

fn view(plan_id: i64, id: EntityId, revision: Revision, record: ProgressRecord) -> RecordView {
    RecordView {
        id: id.0,
        plan_id,
        revision: revision.0,
        fiscal_year: record.fiscal_year.0,
        state: review_state(&record).as_str(),
        record,
    }
}

pub async fn record(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> ApiResult {
    let (_, stored, record, id, revision) = load(&state, &staff, &id).await?;
    Ok(Json(view(stored.id.0, id, revision, record)).into_response())
}

/// The body of `POST /api/records/{id}`.
#[derive(Deserialize)]
pub struct Update {
    /// The revision the values are based on (from `GET /api/records/{id}`).
    expected_revision: i64,
    /// Field name → text, as typed (`result_text`, `status`, `achievement` …).
    #[serde(default)]
    values: serde_json::Map<String, serde_json::Value>,
    /// `save` (default) or `submit`.
    #[serde(default)]
    action: Option<String>,
}

pub async fn update_record(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    body: Result<Json<Update>, axum::extract::rejection::JsonRejection>,
) -> ApiResult {
    let Json(update) = body.map_err(|e| error(StatusCode::BAD_REQUEST, &e.body_text()))?;
    let (store, stored, record, rid, _) = load(&state, &staff, &id).await?;
    let step = match update.action.as_deref().unwrap_or("save") {
        "save" => Transition::Save,
        "submit" => Transition::Submit,
        other => {
            return Err(error(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("action `{other}`: save or submit"),
            ));
        }
    };
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for (name, v) in &update.values {
        let Some(field) = RecordField::parse(name) else {
            errors.push(json!({"field": name, "message": "未知の項目です"}));
            continue;
        };
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Null => String::new(),
            _ => {
                errors.push(json!({"field": name, "message": "文字列か数値で指定してください"}));
                continue;
            }
        };
        values.push((field, text));
    }
    for (field, message) in check_values(&stored.plan, &record, &values) {
        errors.push(json!({"field": field.name(), "message": message}));
    }
    if !errors.is_empty() {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"error": {"status": 422, "message": "値が正しくありません", "fields": errors}})),
        )
            .into_response());
    }
    let account = staff.account().map_err(IntoResponse::into_response)?;
    let actor = Actor {
        name: account.display_name.clone(),
        provenance: Provenance::Api {
            token: staff
                .signed_in
                .as_ref()
                .map_or_else(String::new, |s| s.token.clone()),
        },
    };
    match review_record(
        &store,
        rid,
        &values,
        step,
        None,
        Some(Revision(update.expected_revision)),
        &actor,
    )
    .await
    {
        Ok(outcome) => {
            let (_, _, record, id, revision) = load(&state, &staff, &rid.0.to_string()).await?;
            let mut v = serde_json::to_value(view(stored.id.0, id, revision, record))
                .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?;
            v["changed"] = serde_json::to_value(&outcome.changed).unwrap_or_default();
            Ok(Json(v).into_response())
        }
        Err(CommandError::Conflict {
            expected,
            current,
            changed,
            ..
        }) => Err((
            StatusCode::CONFLICT,
            Json(json!({"error": {
                "status": 409,
                "message": format!("記録は版 {expected} ではなく版 {current} です。変更内容を確認して、版を指定し直してください。"),
                "current_revision": current.0,
                "changed": changed,
            }})),
        )
            .into_response()),
        Err(CommandError::Invalid(m)) => Err(error(StatusCode::UNPROCESSABLE_ENTITY, &m)),
        Err(e) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string())),
    }
}
