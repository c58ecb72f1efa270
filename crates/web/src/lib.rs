//! The shinchoku web app (issue 3): server-rendered Japanese pages that work without
//! JavaScript, the published reports, Japanese full-text search and a JSON API.
//!
//! * [`catalog`]: the immutable read model ([`Catalog`]) built from `(plan id, Plan)` pairs,
//!   swapped atomically in [`AppState`] after a re-import.
//! * [`search`]: the [`SearchIndex`] trait and its in-memory CJK bigram implementation.
//! * `pages`: HTML handlers (askama templates in `templates/`, auto-escaped).
//! * `api`: the JSON API and its OpenAPI 3.1 document at `/api/openapi.json`.
//!
//! Every response carries a CSP without `unsafe-inline`, `X-Content-Type-Options: nosniff`,
//! `frame-ancestors 'none'`, a Referrer-Policy, a weak ETag and Last-Modified, and is
//! compressed when the client accepts it.

#![recursion_limit = "256"]

mod api;
pub mod catalog;
mod extract;
mod middleware;
mod pages;
pub mod search;
#[cfg(test)]
mod search_oracle;
mod view;

pub use catalog::{AppState, Catalog, PlanEntry};
pub use search::{BigramIndex, SearchError, SearchHit, SearchIndex, SearchQuery, SearchResults};

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use std::net::SocketAddr;
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
        .route("/divisions", get(pages::divisions))
        .route("/divisions/{name}", get(pages::division))
        .route("/search", get(pages::search));
    let api = api::routes();
    html.merge(api)
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::etag,
        ))
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

/// Serves the catalog on `addr` until Ctrl-C.
pub async fn serve(addr: SocketAddr, catalog: Catalog) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_listener(listener, catalog).await
}

/// [`serve`] on a listener the caller has bound (to print its real address first, or to
/// use port 0 in tests). Stops on Ctrl-C.
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    catalog: Catalog,
) -> std::io::Result<()> {
    tracing::info!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(AppState::new(catalog)))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
