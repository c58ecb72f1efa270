//! The staff side: sign-in, the yearly collection cycle (自分の入力, record forms, the
//! secretariat's progress view, review, lock and publication) and API tokens.
//!
//! Every route is a row of [`ROUTES`] with its access rule ([`access`]); [`routes`] builds
//! the router from it and the [`guard`] middleware enforces the role part before any handler
//! runs. Handlers check ownership of what they found with [`Staff::require`] and CSRF with
//! [`StaffForm`]. Staff pages are never cached (`Cache-Control: no-store`) and never enter
//! the public page cache.

pub mod access;
mod pages;
mod session;

pub(crate) use session::{Staff, StaffForm};

use crate::catalog::AppState;
use access::{ADMIN, ADMIN_EDITOR, ADMIN_REVIEWER, EVERY_ROLE, MUNICIPAL, OVERSEERS, Owns, Who};
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};

/// A staff route and its access rule.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub who: Who,
    pub owns: Owns,
    /// What the route does, for docs/security.md and the matrix test's messages.
    pub what: &'static str,
    handler: fn() -> MethodRouter<AppState>,
}

impl Route {
    /// Whether the route changes something (and so needs a CSRF token).
    pub fn mutating(&self) -> bool {
        self.method != Method::GET
    }
}

macro_rules! route {
    (GET $path:literal, $who:expr, $owns:expr, $what:literal, $h:path) => {
        Route {
            method: Method::GET,
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
    route!(POST "/work/plans/{id}/review", Who::Roles(ADMIN), Owns::Plan, "一括確認・差戻し", pages::bulk_review),
    route!(GET "/work/plans/{id}/history.csv", Who::Roles(ADMIN_REVIEWER), Owns::Plan, "計画の変更履歴 CSV", pages::plan_history_csv),
    route!(GET "/work/records/{id}", Who::Roles(MUNICIPAL), Owns::Record, "記録の入力画面", pages::record_form),
    route!(POST "/work/records/{id}", Who::Roles(ADMIN_EDITOR), Owns::Record, "記録の一時保存・提出", pages::record_save),
    route!(POST "/work/records/{id}/comment", Who::Roles(ADMIN_REVIEWER), Owns::Record, "記録へのコメント", pages::record_comment),
    route!(POST "/work/records/{id}/review", Who::Roles(ADMIN), Owns::Record, "記録の確認・差戻し・再開", pages::record_review),
];

/// The route table as Markdown (docs/security.md embeds it; a test keeps the two equal).
pub fn route_table() -> String {
    let mut out = String::from(
        "| Method | Path | What | Roles | Must own | CSRF |\n|---|---|---|---|---|---|\n",
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
            if r.mutating() { "yes" } else { "—" }
        ));
    }
    out
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
