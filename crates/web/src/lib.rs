//! The shinchoku web app (issue 3): server-rendered Japanese pages that work without
//! JavaScript, the published reports, Japanese full-text search and a JSON API.
//!
//! * [`catalog`]: the read side: one [`PlanEntry`] per plan (lookups, findings, search
//!   shard), a [`Catalog`] snapshot of all of them in [`AppState`], changed plan by plan
//!   with [`AppState::apply`].
//! * [`search`]: the [`SearchIndex`] trait and its in-memory CJK bigram implementation,
//!   sharded per plan.
//! * `server`: [`serve`] (connection limits, timeouts, graceful shutdown on SIGTERM/SIGINT)
//!   and the follower that applies the changes of a [`PlanSource`].
//! * `pages`: HTML handlers (askama templates in `templates/`, auto-escaped).
//! * `chart`: the charts as view models (indicator charts, grade distributions): pure geometry.
//! * `api`: the JSON API and its OpenAPI 3.1 document at `/api/openapi.json`.
//!
//! Every response carries a CSP without `unsafe-inline`, `X-Content-Type-Options: nosniff`,
//! `frame-ancestors 'none'`, a Referrer-Policy, a weak ETag and Last-Modified, and is
//! compressed when the client accepts it.

#![recursion_limit = "256"]

mod api;
pub mod catalog;
mod chart;
mod compare;
mod divisions;
mod extract;
mod glance;
mod glossary;
mod measure_evaluation;
mod middleware;
mod pages;
pub mod search;
#[cfg(test)]
mod search_oracle;
mod server;
pub mod staff;
mod tree;
mod view;

pub use catalog::{AppState, Catalog, DEFAULT_PAGE_CACHE_BYTES, PlanEntry, PlanUpdate};
pub use search::{
    BigramIndex, SearchError, SearchHit, SearchIndex, SearchQuery, SearchResults, ShardedIndex,
};
pub use server::{
    PlanSource, ServeOptions, SourceError, follow, serve, serve_router, serve_state,
    serve_with_shutdown, shutdown_signal,
};

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy of every response: no inline script or style anywhere.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The app's routes with all middleware.
pub fn router(state: AppState) -> Router {
    let html = Router::new()
        .route("/", get(pages::home))
        .route("/static/style.css", get(pages::stylesheet))
        .route("/plans/{id}", get(pages::dashboard))
        .route("/plans/{id}/groups/{key}", get(pages::group))
        .route("/plans/{id}/measures/{key}", get(pages::measure))
        .route("/plans/{id}/indicators/{key}", get(pages::indicator))
        .route("/plans/{id}/report", get(pages::report))
        .route("/plans/{id}/report.csv", get(pages::report_csv))
        .route("/plans/{id}/report.xlsx", get(pages::report_xlsx))
        .route("/plans/{id}/evaluation", get(pages::evaluation))
        .route("/plans/{id}/findings", get(pages::plan_findings))
        .route("/findings", get(pages::all_findings))
        .route("/glossary", get(pages::glossary))
        .route("/divisions", get(divisions::index))
        .route("/divisions/{name}", get(divisions::legacy))
        .route("/divisions/{municipality}/{name}", get(divisions::page))
        .route("/compare", get(compare::index))
        .route("/compare/{kind}", get(compare::page))
        .route("/compare/{kind}/compare.csv", get(compare::csv))
        .route("/search", get(pages::search));
    let api = api::routes();
    let public = html.merge(api).layer(axum::middleware::from_fn_with_state(
        state.clone(),
        middleware::etag,
    ));
    public
        .merge(staff::routes(state.clone()))
        .fallback(pages::not_found)
        .layer(CatchPanicLayer::custom(middleware::panic_page))
        .layer(CompressionLayer::new())
        .layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(header_layer(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(header_layer(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(header_layer(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .with_state(state)
}

fn header_layer(name: HeaderName, value: HeaderValue) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, value)
}
