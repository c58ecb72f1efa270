//! The staff side: sign-in, the yearly collection cycle (自分の入力, record forms, the
//! secretariat's progress view, review, lock and publication) and API tokens.
//!
//! Every route is a row of [`ROUTES`] with its access rule ([`access`]); [`routes`] builds
//! the router from it and the [`guard`] middleware enforces the role part before any handler
//! runs. Handlers check ownership of what they found with [`Staff::require`] and CSRF with
//! [`StaffForm`]. Staff pages are never cached (`Cache-Control: no-store`) and never enter
//! the public page cache.

pub mod access;
mod api;
mod package;
mod pages;
mod session;

pub(crate) use session::{Staff, StaffForm, StaffUpload};

use crate::catalog::AppState;
use access::{ADMIN, ADMIN_EDITOR, ADMIN_REVIEWER, EVERY_ROLE, MUNICIPAL, OVERSEERS, Owns, Who};
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};

/// How a route's caller proves who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// The session cookie (pages and forms; forms carry the CSRF token).
    Session,
    /// `Authorization: Bearer shk_…` (the JSON API for other systems; no cookie, no CSRF).
    Token,
}

/// A staff route and its access rule.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub auth: Auth,
    pub who: Who,
    pub owns: Owns,
    /// What the route does, for docs/security.md and the matrix test's messages.
    pub what: &'static str,
    handler: fn() -> MethodRouter<AppState>,
}

impl Route {
    /// Whether the route changes something.
    pub fn mutating(&self) -> bool {
        self.method != Method::GET
    }

    /// Whether a form of the route must carry the session's CSRF token.
    pub fn needs_csrf(&self) -> bool {
        self.mutating() && self.auth == Auth::Session
    }
}

macro_rules! route {
    (API GET $path:literal, $who:expr, $owns:expr, $what:literal, $h:path) => {
        Route {
            method: Method::GET,
            path: $path,
            auth: Auth::Token,
            who: $who,
            owns: $owns,
            what: $what,
            handler: || get($h),
        }
    };
    (API POST $path:literal, $who:expr, $owns:expr, $what:literal, $h:path) => {
        Route {
            method: Method::POST,
            path: $path,
            auth: Auth::Token,
            who: $who,
            owns: $owns,
            what: $what,
            handler: || post($h),
        }
    };
    (GET $path:literal, $who:expr, $owns:expr, $what:literal, $h:path) => {
        Route {
            method: Method::GET,
            auth: Auth::Session,
            path: $path,
            who: $who,
            owns: $owns,
            what: $what,
            handler: || get($h),
        }
    };
    (POST $path:literal, $who:expr, $owns:expr, $what:literal, $h:path) => {
        Route {
            method: Method::POST,
            auth: Auth::Session,
            path: $path,
            who: $who,
            owns: $owns,
            what: $what,
            handler: || post($h),
        }
    };
}

/// Every staff route, with the role and ownership it needs. The only way a staff route
/// enters the router.
pub static ROUTES: &[Route] = &[
    route!(GET "/login", Who::Anyone, Owns::Nothing, "ログイン画面", pages::login_form),
    route!(POST "/login", Who::Anyone, Owns::Nothing, "ログイン", pages::login),
    route!(POST "/logout", Who::Roles(EVERY_ROLE), Owns::Nothing, "ログアウト", pages::logout),
    route!(GET "/work", Who::Roles(EVERY_ROLE), Owns::Nothing, "自分の入力・担当計画", pages::home),
    route!(GET "/work/plans/{id}", Who::Roles(OVERSEERS), Owns::Plan, "進捗管理", pages::progress),
    route!(POST "/work/plans/{id}/cycle", Who::Roles(ADMIN), Owns::Plan, "年度の開始・締切・公表", pages::cycle),
    route!(POST "/work/plans/{id}/review", Who::Roles(ADMIN), Owns::Plan, "一括確認・差戻し・督促", pages::bulk_review),
    route!(POST "/work/plans/{id}/indicators", Who::Roles(ADMIN), Owns::Plan, "成果指標の実績の入力", pages::indicator_actuals),
    route!(GET "/work/plans/{id}/workbook.xlsx", Who::Roles(ADMIN_EDITOR), Owns::Plan, "Excel 入力用ワークブックの取得", pages::workbook_download),
    route!(POST "/work/plans/{id}/workbook", Who::Roles(ADMIN_EDITOR), Owns::Plan, "Excel ワークブックの取り込み", pages::workbook_upload),
    route!(GET "/work/plans/{id}/package", Who::Roles(ADMIN), Owns::Plan, "施策と政策パッケージの対応付けの画面", package::form),
    route!(POST "/work/plans/{id}/package", Who::Roles(ADMIN), Owns::Plan, "施策と政策パッケージの対応付けの保存", package::save),
    route!(GET "/work/plans/{id}/history.csv", Who::Roles(ADMIN_REVIEWER), Owns::Plan, "計画の変更履歴 CSV", pages::plan_history_csv),
    route!(GET "/work/records/{id}", Who::Roles(MUNICIPAL), Owns::Record, "記録の入力画面", pages::record_form),
    route!(POST "/work/records/{id}", Who::Roles(ADMIN_EDITOR), Owns::Record, "記録の一時保存・提出", pages::record_save),
    route!(POST "/work/records/{id}/comment", Who::Roles(ADMIN_REVIEWER), Owns::Record, "記録へのコメント", pages::record_comment),
    route!(POST "/work/records/{id}/review", Who::Roles(ADMIN), Owns::Record, "記録の確認・差戻し・再開", pages::record_review),
    route!(GET "/work/tokens", Who::Roles(ADMIN_EDITOR), Owns::Nothing, "自分のAPIトークン", pages::tokens),
    route!(POST "/work/tokens", Who::Roles(ADMIN_EDITOR), Owns::Nothing, "APIトークンの発行", pages::token_create),
    route!(POST "/work/tokens/{id}/revoke", Who::Roles(ADMIN_EDITOR), Owns::Nothing, "自分のAPIトークンの失効", pages::token_revoke),
    route!(API GET "/api/records/{id}", Who::Roles(MUNICIPAL), Owns::Record, "記録の現在値と版（API）", api::record),
    route!(API POST "/api/records/{id}", Who::Roles(ADMIN_EDITOR), Owns::Record, "記録の更新・提出（API、版の指定必須）", api::update_record),
];

/// The route table as Markdown (docs/security.md embeds it; a test keeps the two equal).
pub fn route_table() -> String {
    let mut out = String::from(
        "| Method | Path | What | Roles | Must own | CSRF / auth |\n|---|---|---|---|---|---|\n",
    );
    for r in ROUTES {
        let roles = match r.who {
            Who::Anyone => "anyone".to_owned(),
            Who::Roles(roles) => roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        };
        let owns = match r.owns {
            Owns::Nothing => "—",
            Owns::Plan => "plan of own municipality (officer: of own prefecture)",
            Owns::Record => "record of own municipality; editor: of own division",
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {roles} | {owns} | {} |\n",
            r.method,
            r.path,
            r.what,
            match (r.auth, r.needs_csrf()) {
                (Auth::Token, _) => "API token",
                (Auth::Session, true) => "yes",
                (Auth::Session, false) => "—",
            }
        ));
    }
    out
}

/// Adds the token routes of [`ROUTES`] to the OpenAPI document, each with the roles and
/// ownership it needs (`x-roles`, `x-owns`) and the bearer scheme.
pub fn describe_api(doc: &mut serde_json::Value) {
    use serde_json::json;
    let id = json!({"name": "id", "in": "path", "required": true, "description": "記録ID（EntityId）", "schema": {"type": "integer", "format": "int64"}});
    for r in ROUTES.iter().filter(|r| r.auth == Auth::Token) {
        let roles: Vec<&str> = match r.who {
            Who::Anyone => vec![],
            Who::Roles(roles) => roles.iter().map(|r| r.as_str()).collect(),
        };
        let mut op = json!({
            "summary": r.what,
            "parameters": [id.clone()],
            "security": [{"bearer": []}],
            "x-roles": roles,
            "x-owns": match r.owns {
                Owns::Nothing => "nothing",
                Owns::Plan => "plan of own municipality",
                Owns::Record => "record of own municipality; editor: of own division",
            },
            "responses": {
                "200": {"description": "記録（id, plan_id, revision, fiscal_year, state, record）", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}},
                "401": {"description": "トークンがない・無効"},
                "403": {"description": "役割または担当範囲の外"},
                "404": {"description": "記録がない"}
            }
        });
        if r.method == Method::POST {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {
            "type": "object", "required": ["expected_revision"],
            "properties": {
                "expected_revision": {"type": "integer", "description": "GET で得た版。記録がその後変わっていれば 409 と変更内容"},
                "values": {"type": "object", "description": "項目名 → 値（result_text, plan_text, evaluation_text, status, achievement, direction, cost_original, next_plan_text …）。空文字列で消去", "additionalProperties": {"type": ["string", "number", "null"]}},
                "action": {"type": "string", "enum": ["save", "submit"], "default": "save"}
            }}}}});
            op["responses"]["409"] = json!({"description": "版が古い（changed に変更内容）"});
            op["responses"]["422"] =
                json!({"description": "値が正しくない（fields に項目ごとの理由）"});
        }
        let method = r.method.as_str().to_ascii_lowercase();
        doc["paths"][r.path][method] = op;
    }
    doc["components"]["securitySchemes"] = json!({"bearer": {"type": "http", "scheme": "bearer", "description": "業務画面の「API トークン」で発行する shk_ で始まるトークン"}});
}

/// The staff router, built from [`ROUTES`], behind the guard.
pub fn routes(state: AppState) -> Router<AppState> {
    let mut router = Router::new();
    for r in ROUTES {
        router = router.route(r.path, (r.handler)());
    }
    router.layer(axum::middleware::from_fn_with_state(state, guard))
}

/// The rule of a matched route.
pub(crate) fn rule_of(method: &Method, path: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| {
        r.path == path
            && (r.method == method || (method == Method::HEAD && r.method == Method::GET))
    })
}

/// Admits a request by its route's rule (deny by default), puts the signed-in account into
/// the request for the handler, and marks the answer `no-store`.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let Some(rule) = matched.and_then(|p| rule_of(req.method(), &p)) else {
        return denied(StatusCode::FORBIDDEN);
    };
    let Some(store) = state.store() else {
        return crate::pages::error_response(
            StatusCode::NOT_FOUND,
            "この画面はデータベースに接続したサーバーでだけ使えます。",
        );
    };
    if rule.auth == Auth::Token {
        return api::guard(store, rule, req, next).await;
    }
    let signed_in = match session::signed_in(store, req.headers()).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!("session lookup: {e}");
            return denied(StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    if !access::admits(rule.who, signed_in.as_ref().map(|s| &s.account)) {
        if signed_in.is_none() {
            if req.method() == Method::GET {
                let next = req.uri().path_and_query().map_or("/work", |p| p.as_str());
                return Redirect::to(&format!("/login?next={}", crate::view::enc(next)))
                    .into_response();
            }
            return denied(StatusCode::UNAUTHORIZED);
        }
        return denied(StatusCode::FORBIDDEN);
    }
    req.extensions_mut().insert(Staff::new(signed_in, rule));
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    response
}

/// Why a staff request is not carried out: the response to send (an HTML error page, a
/// redirect, a re-rendered form or a JSON error), boxed so that results stay small.
pub struct Reject(Box<Response>);

impl From<Response> for Reject {
    fn from(r: Response) -> Self {
        Reject(Box::new(r))
    }
}

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        *self.0
    }
}

pub(crate) fn denied(status: StatusCode) -> Response {
    let message = match status {
        StatusCode::UNAUTHORIZED => "ログインしてください。",
        StatusCode::FORBIDDEN => "この操作を行う権限がありません。",
        _ => "内部エラーが発生しました。",
    };
    let mut r = crate::pages::error_response(status, message);
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}
