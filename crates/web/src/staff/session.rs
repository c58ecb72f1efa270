//! The signed-in account of a request (the session cookie, looked up in the database so
//! that every server process knows every session) and CSRF-checked forms.

use super::{Reject, Route, denied};
use crate::catalog::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use shinchoku_commands::CommandError;
use shinchoku_store::{Account, Store};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "shinchoku_session";
/// The cookie that carries the sign-in form's CSRF token (before there is a session).
pub const LOGIN_CSRF_COOKIE: &str = "shinchoku_login";

/// A live session.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub account: Account,
    pub csrf: String,
    pub token: String,
}

/// The value of a cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// The session of the request's cookie, if live.
pub async fn signed_in(
    store: &Store,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, CommandError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    Ok(shinchoku_commands::accounts::session(store, token)
        .await?
        .map(|(row, account)| SignedIn {
            account,
            csrf: row.csrf,
            token: token.to_owned(),
        }))
}

/// What the guard admitted: the route's rule and the signed-in account, if any.
#[derive(Clone)]
pub struct Staff {
    pub signed_in: Option<SignedIn>,
    pub rule: &'static Route,
}

impl Staff {
    pub(super) fn new(signed_in: Option<SignedIn>, rule: &'static Route) -> Self {
        Staff { signed_in, rule }
    }

    /// The signed-in account (the guard admitted only signed-in accounts to routes that
    /// need one).
    pub fn account(&self) -> Result<&Account, Reject> {
        self.signed_in
            .as_ref()
            .map(|s| &s.account)
            .ok_or_else(|| denied(StatusCode::UNAUTHORIZED).into())
    }

    /// Checks the route's ownership rule against what the handler found.
    pub fn require(&self, target: super::access::Target<'_>) -> Result<(), Reject> {
        let account = self.account()?;
        if super::access::permits(account, self.rule.owns, target) {
            Ok(())
        } else {
            Err(denied(StatusCode::FORBIDDEN).into())
        }
    }

    pub fn csrf(&self) -> &str {
        self.signed_in.as_ref().map_or("", |s| s.csrf.as_str())
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Reject;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Reject> {
        parts
            .extensions
            .get::<Staff>()
            .cloned()
            .ok_or_else(|| denied(StatusCode::FORBIDDEN).into())
    }
}

/// Largest form accepted (a record's texts are far below).
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// A submitted form (`application/x-www-form-urlencoded`) whose `csrf` field matched the
/// session's token; repeated names are kept (`record=1&record=2`).
pub struct StaffForm {
    pub staff: Staff,
    pub fields: Vec<(String, String)>,
}

impl StaffForm {
    /// The first value of a field (empty when missing).
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a field.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Whether two tokens are equal, in time independent of where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl FromRequest<AppState> for StaffForm {
    type Rejection = Reject;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Reject> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let login_cookie = cookie(&parts.headers, LOGIN_CSRF_COOKIE).map(str::to_owned);
        let form_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !form_type {
            return Err(crate::pages::error_response(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "フォームの送信形式が正しくありません。",
            )
            .into());
        }
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| {
                crate::pages::error_response(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "送信された内容が大きすぎます。",
                )
            })?;
        let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let sent = fields
            .iter()
            .find(|(n, _)| n == "csrf")
            .map_or("", |(_, v)| v.as_str());
        // Signed in: the session's token; the sign-in form: the token of its cookie.
        let expected = match &staff.signed_in {
            Some(s) => Some(s.csrf.clone()),
            None => login_cookie,
        };
        if !expected.is_some_and(|e| same_token(&e, sent)) {
            return Err(crate::pages::error_response(
                StatusCode::FORBIDDEN,
                "フォームの有効期限が切れたか、正しくない送信です。画面を開き直してから、もう一度送信してください。",
            )
            .into());
        }
        Ok(StaffForm { staff, fields })
    }
}

/// Largest upload accepted by the web (the workbook reader's own limit is 20 MiB; a little
/// more for the form's other fields).
pub const MAX_UPLOAD_BYTES: usize = 21 * 1024 * 1024;

/// A submitted `multipart/form-data` form (a file upload) whose `csrf` field matched the
/// session's token. Text fields as in [`StaffForm`]; the first file as (name, bytes).
pub struct StaffUpload {
    pub staff: Staff,
    pub fields: Vec<(String, String)>,
    pub file: Option<(String, Vec<u8>)>,
}

impl StaffUpload {
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn upload_refused(status: StatusCode, message: &str) -> Reject {
    crate::pages::error_response(status, message).into()
}

impl FromRequest<AppState> for StaffUpload {
    type Rejection = Reject;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Reject> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let req = Request::from_parts(parts, body);
        let req = {
            let (parts, body) = req.into_parts();
            let limited =
                axum::body::Body::new(http_body_util::Limited::new(body, MAX_UPLOAD_BYTES));
            Request::from_parts(parts, limited)
        };
        let mut multipart = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(|_| {
                upload_refused(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "ファイルを選んで送信してください。",
                )
            })?;
        let mut fields = Vec::new();
        let mut file = None;
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(_) => {
                    return Err(upload_refused(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "ファイルが大きすぎるか、送信が途中で切れました（上限 20 MB）。",
                    ));
                }
            };
            let name = field.name().unwrap_or("").to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) if file.is_none() => {
                    let bytes = field.bytes().await.map_err(|_| {
                        upload_refused(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "ファイルが大きすぎるか、送信が途中で切れました（上限 20 MB）。",
                        )
                    })?;
                    file = Some((file_name, bytes.to_vec()));
                }
                _ => {
                    let text = field.text().await.unwrap_or_default();
                    fields.push((name, text));
                }
            }
        }
        let sent = fields
            .iter()
            .find(|(n, _)| n == "csrf")
            .map_or("", |(_, v)| v.as_str());
        let expected = staff.signed_in.as_ref().map(|s| s.csrf.clone());
        if !expected.is_some_and(|e| same_token(&e, sent)) {
            return Err(upload_refused(
                StatusCode::FORBIDDEN,
                "フォームの有効期限が切れたか、正しくない送信です。画面を開き直してから、もう一度送信してください。",
            ));
        }
        Ok(StaffUpload {
            staff,
            fields,
            file,
        })
    }
}
