//! ETag / Last-Modified and the panic safety net.

use crate::catalog::{AppState, CachedPage, Catalog};
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Largest body the ETag middleware buffers (reports of the seeds are far below).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// What validates a page: the revision of the plan it shows (`/plans/{id}…`,
/// `/api/plans/{id}…`) or the catalog's generation (every other page).
struct Validator {
    /// The ETag's opaque part: `p{id}r{revision}` or `g{generation}`.
    tag: String,
    /// The plan of a plan page (its cached pages are dropped when it changes).
    plan: Option<i64>,
    modified: SystemTime,
}

/// The plan id of a `/plans/{id}…` or `/api/plans/{id}…` path, as the path gives it.
fn plan_segment(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/plans/")
        .or_else(|| path.strip_prefix("/api/plans/"))?;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// The validator of a request's page; `None` for a plan page of no existing plan (its
/// answer is an error page, never cached).
fn validator(catalog: &Catalog, path: &str) -> Option<Validator> {
    match plan_segment(path) {
        Some(raw) => {
            let id = raw.parse::<i64>().ok()?;
            let e = catalog.plan(id)?;
            Some(Validator {
                tag: format!("p{id}r{}", e.revision.0),
                plan: Some(id),
                modified: e.modified(),
            })
        }
        None => Some(Validator {
            tag: format!("g{}", catalog.generation()),
            plan: None,
            modified: catalog.modified(),
        }),
    }
}

/// The query parameters a route reads; every other parameter is ignored by the handlers and
/// so by the cache key (a `?cachebust=N` does not make a new cache entry).
fn known_params(path: &str) -> &'static [&'static str] {
    const SEARCH: &[&str] = &[
        "q",
        "plan",
        "municipality",
        "year",
        "division",
        "status",
        "group",
        "page",
    ];
    if path == "/search" || path == "/api/search" {
        return SEARCH;
    }
    // The comparison page and its CSV (`/compare/{kind}`, `/compare/{kind}/compare.csv`).
    if path.starts_with("/compare/") {
        return &["pref", "year"];
    }
    let Some(raw) = plan_segment(path) else {
        return &[];
    };
    let prefix = if path.starts_with("/api/") {
        "/api/plans/"
    } else {
        "/plans/"
    };
    let rest = path
        .strip_prefix(prefix)
        .and_then(|r| r.strip_prefix(raw))
        .unwrap_or("");
    match (prefix, rest) {
        ("/plans/", "" | "/evaluation") => &["year"],
        ("/plans/", rest) if rest.starts_with("/groups/") => &["year"],
        ("/api/plans/", "/records") => &["year", "measure"],
        _ => &[],
    }
}

/// Percent-decodes a query parameter's name as the query extractor does (`+` is a space).
fn decoded_name(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The cache key of a request: its validator, path and the parameters its route knows, in
/// the order given (as written: two spellings of one value are two keys, never one key for
/// two pages).
fn cache_key(v: &Validator, path: &str, query: Option<&str>) -> String {
    let known = known_params(path);
    let mut key = format!("{}|{path}", v.tag);
    let mut first = true;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let name = pair.split('=').next().unwrap_or("");
        if known.contains(&decoded_name(name).as_str()) {
            key.push(if first { '?' } else { '&' });
            key.push_str(pair);
            first = false;
        }
    }
    key
}

/// `W/"{validator}-{boot}-{hash of the key}"`: changes when the plan (or, for pages across
/// plans, any plan) changes, never otherwise.
fn etag_of(state: &AppState, v: &Validator, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let mut tag = format!("W/\"{}-{}-", v.tag, state.boot());
    for b in digest.iter().take(6) {
        let _ = write!(tag, "{b:02x}");
    }
    tag.push('"');
    tag
}

/// Adds a weak ETag and Last-Modified derived from the plan's revision (plan pages) or the
/// catalog's generation (pages across plans) to successful GET responses, answers a
/// matching If-None-Match with 304 without rendering, and answers cached HTML pages from
/// the page cache.
pub async fn etag(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cacheable = matches!(*req.method(), Method::GET | Method::HEAD);
    if !cacheable {
        return next.run(req).await;
    }
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let encoding = Encoding::accepted(
        req.headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
    );
    let catalog = state.catalog();
    let path = req.uri().path().to_owned();
    let Some(v) = validator(&catalog, &path) else {
        return next.run(req).await;
    };
    drop(catalog);
    let key = cache_key(&v, &path, req.uri().query());
    let tag = etag_of(&state, &v, &key);
    let modified = http_date(v.modified);
    if let Some(inm) = if_none_match.as_deref()
        && etag_matches(inm, &tag)
    {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        set_validators(response.headers_mut(), &tag, &modified);
        return response;
    }
    let use_cache = page_cache_enabled();
    if use_cache && let Some(page) = state.page_cache().get(&key) {
        return cached_response(&page, encoding);
    }
    let is_get = *req.method() == Method::GET;
    let response = next.run(req).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    set_validators(&mut parts.headers, &tag, &modified);
    let html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !(use_cache && is_get && html) {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "response too large").into_response();
    };
    if !state.page_cache().has_room(bytes.len()) {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let page = Arc::new(CachedPage {
        gzip: gzip(&bytes),
        br: brotli(&bytes),
        headers: parts.headers,
        body: bytes,
    });
    state.page_cache().insert(&key, v.plan, page.clone());
    cached_response(&page, encoding)
}

fn set_validators(headers: &mut axum::http::HeaderMap, tag: &str, modified: &str) {
    if let Ok(v) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(modified) {
        headers.insert(header::LAST_MODIFIED, v);
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
}

/// Whether an If-None-Match header names the tag (weak comparison; `*` matches).
fn etag_matches(if_none_match: &str, tag: &str) -> bool {
    let tag = tag.trim_start_matches("W/");
    if_none_match.split(',').any(|t| {
        let t = t.trim();
        t == "*" || t.trim_start_matches("W/") == tag
    })
}

/// A content coding of the cached pages, chosen from the request's Accept-Encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Identity,
    Gzip,
    Br,
}

impl Encoding {
    /// Brotli if accepted, else gzip if accepted, else none (`q=0` refuses a coding; `*`
    /// accepts any).
    fn accepted(header: &str) -> Encoding {
        let mut br = false;
        let mut gzip = false;
        let mut any = false;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=")
                    .or_else(|| p.strip_prefix("Q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            if refused {
                continue;
            }
            match name.as_str() {
                "br" => br = true,
                "gzip" | "x-gzip" => gzip = true,
                "*" => any = true,
                _ => {}
            }
        }
        if br || any {
            Encoding::Br
        } else if gzip {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

/// A cached page in the chosen coding, with `Vary: Accept-Encoding` (the compression layer
/// leaves a response that already has a Content-Encoding alone).
fn cached_response(page: &CachedPage, encoding: Encoding) -> Response {
    let (body, coding) = match encoding {
        Encoding::Br if !page.br.is_empty() => (page.br.clone(), Some("br")),
        Encoding::Gzip | Encoding::Br if !page.gzip.is_empty() => (page.gzip.clone(), Some("gzip")),
        _ => (page.body.clone(), None),
    };
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = page.headers.clone();
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_LENGTH);
    if let Some(c) = coding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
    }
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// The body gzip-compressed (empty if compression failed: the page is then sent as it is).
fn gzip(body: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::new(6),
    );
    match enc.write_all(body).and_then(|()| enc.finish()) {
        Ok(v) => Bytes::from(v),
        Err(_) => Bytes::new(),
    }
}

/// The body brotli-compressed (quality 5: a page is compressed once, on its first request).
fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 4);
    let ok = {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(body).and_then(|()| w.flush()).is_ok()
    };
    if ok { Bytes::from(out) } else { Bytes::new() }
}

/// Whether rendered pages are cached (`SHINCHOKU_PAGE_CACHE=0` turns it off, to
/// measure rendering itself).
fn page_cache_enabled() -> bool {
    static ENABLED: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| {
        std::env::var("SHINCHOKU_PAGE_CACHE").map_or(true, |v| v.trim() != "0")
    });
    *ENABLED
}

/// The page for a handler that panicked (a bug): a plain 500 page, never a dropped connection.
pub fn panic_page(_err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    crate::pages::error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "内部エラーが発生しました。時間をおいて再度お試しください。",
    )
}

/// RFC 7231 IMF-fixdate: 「Sun, 06 Nov 1994 08:49:37 GMT」.
pub fn http_date(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (h, m, s) = (rem / 3600, (rem % 3600) / 60, rem % 60);
    let (year, month, d) = shinchoku_core::fiscal::civil_from_unix_days(days);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        [usize::try_from(days.rem_euclid(7)).unwrap_or(0)];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mon = months[usize::try_from(month - 1).unwrap_or(0).min(11)];
    format!("{weekday}, {d:02} {mon} {year} {h:02}:{m:02}:{s:02} GMT")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn cache_keys_keep_only_the_parameters_of_the_route() {
        let v = Validator {
            tag: "p1r2".into(),
            plan: Some(1),
            modified: UNIX_EPOCH,
        };
        assert_eq!(
            cache_key(&v, "/plans/1", Some("cachebust=7&year=2022&x")),
            "p1r2|/plans/1?year=2022"
        );
        assert_eq!(
            cache_key(&v, "/plans/1", Some("%79ear=2022")),
            "p1r2|/plans/1?%79ear=2022"
        );
        assert_eq!(
            cache_key(&v, "/plans/1/groups/g", Some("year=2022&x=1")),
            "p1r2|/plans/1/groups/g?year=2022"
        );
        assert_eq!(
            cache_key(
                &v,
                "/compare/suicide_prevention",
                Some("pref=x&year=2022&z=1")
            ),
            "p1r2|/compare/suicide_prevention?pref=x&year=2022"
        );
        assert_eq!(
            cache_key(&v, "/plans/1/measures/m", Some("year=2022")),
            "p1r2|/plans/1/measures/m"
        );
        assert_eq!(
            cache_key(&v, "/api/plans/1/records", Some("measure=m&year=1&z=1")),
            "p1r2|/api/plans/1/records?measure=m&year=1"
        );
        assert_eq!(
            cache_key(&v, "/search", Some("q=a&utm=1&page=2")),
            "p1r2|/search?q=a&page=2"
        );
        assert_eq!(decoded_name("a+b%2"), "a b%2");
        assert_eq!(decoded_name("%zz%41"), "%zzA");
        assert_eq!(plan_segment("/api/plans/12/findings"), Some("12"));
        assert_eq!(plan_segment("/findings"), None);
    }

    #[test]
    fn imf_fixdate() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
    }
}
