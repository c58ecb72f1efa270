#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The staff side over HTTP: the authorisation matrix generated from the route table (every
//! route × every role × own / other division / other municipality, and anonymous), CSRF
//! missing or wrong, and a whole cycle in which no unpublished text reaches a public page.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use shinchoku_commands::accounts::{AccountSpec, add_account};
use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_core::cycle::Date;
use shinchoku_core::{
    Assignment, Division, DivisionKey, FiscalYear, Location, Measure, MeasureKey, Plan, PlanId,
    PlanKind, ProgressRecord, RecordKey, StatusScale,
};
use shinchoku_store::{Role, Store};
use shinchoku_web::staff::ROUTES;
use shinchoku_web::{AppState, Catalog, PlanUpdate, router};
use tower::ServiceExt;

#[path = "../../commands/tests/common/mod.rs"]
mod common;

const PASSWORD: &str = "correct horse battery";
const SECRET: &str = "未公表の実績テキスト";

fn division(key: &str) -> Division {
    Division {
        key: DivisionKey::new(key),
        name: key.into(),
        department: None,
        external: false,
        renames: vec![],
    }
}

/// A plan with two measures, each of one division, and last year's records.
const UNPLACED: &str = "列の分からないセルの文";

fn plan(municipality: &str, code: &str) -> Plan {
    let mut p = Plan::new(
        municipality,
        format!("{municipality}自殺対策計画"),
        PlanKind::SuicidePrevention,
    );
    p.municipality.code = Some(code.into());
    p.status_scale = StatusScale::a_to_o();
    p.divisions = vec![division("企画課"), division("健康推進課")];
    for (key, name, d) in [
        ("1", "連絡協議会", "企画課"),
        ("2", "こころの健康相談", "健康推進課"),
    ] {
        p.measures.push(Measure {
            key: MeasureKey::new(key),
            number: Some(key.into()),
            name: name.into(),
            description: None,
            audience: None,
            plan_page: None,
            location: Location::new("p.txt", 1),
        });
        p.assignments.push(Assignment {
            measure: MeasureKey::new(key),
            division: DivisionKey::new(d),
            location: Location::new("p.txt", 1),
        });
        let mut r = ProgressRecord::new(
            MeasureKey::new(key),
            Some(DivisionKey::new(d)),
            FiscalYear(2024),
            Location::new("p.txt", 2),
        );
        r.result_text = Some(format!("{name}を実施した（公表済）"));
        if key == "1" {
            // A cell the reader could not place: a note for admins, never public.
            r.extra.push(shinchoku_core::ExtraField {
                label: "位置不明のセル".into(),
                text: UNPLACED.into(),
                kind: shinchoku_core::ExtraKind::Unplaced,
                location: Some(Location::new("p.txt", 7).with_field("field 16")),
            });
        }
        p.records.push(r);
    }
    p.indicators.push(shinchoku_core::Indicator {
        key: shinchoku_core::IndicatorKey::new("相談件数"),
        name: "相談窓口の相談件数".into(),
        group: None,
        measure: None,
        kind: None,
        unit: Some("件".into()),
        polarity: shinchoku_core::Polarity::HigherIsBetter,
        baseline: None,
        targets: vec![],
        actuals: vec![shinchoku_core::Observation {
            fiscal_year: Some(FiscalYear(2024)),
            value: shinchoku_core::Value::Number(300.0),
            original: "300件".into(),
            location: Location::new("p.txt", 3),
        }],
        reported_grades: vec![],
        activities: vec![],
        location: Location::new("p.txt", 3),
    });
    p.refresh_fiscal_years();
    p
}

struct World {
    store: Store,
    state: AppState,
    app: Router,
    own_plan: PlanId,
    other_plan: PlanId,
    /// Records of the open year: own plan 企画課, own plan 健康推進課, other municipality.
    own_record: i64,
    other_division_record: i64,
    other_municipality_record: i64,
}

async fn world(store: Store) -> World {
    let mut ids = Vec::new();
    for (m, code) in [("清瀬市", "132217"), ("川口市", "112038")] {
        let doc = ImportedDocument {
            file_name: format!("{m}.txt"),
            sha256: m.into(),
            layout: "kiyose".into(),
            plans: vec![plan(m, code)],
            diagnostics: vec![],
            stated_ids: vec![],
        };
        let r = import_document(&store, &doc, &Actor::command_line("import"))
            .await
            .unwrap();
        let id = r.plans[0].id;
        shinchoku_commands::cycle::open_year(
            &store,
            id,
            FiscalYear(2025),
            Date::new(2099, 5, 31).unwrap(),
            &Actor::command_line("事務局"),
        )
        .await
        .unwrap();
        ids.push(id);
    }
    for (login, role, scope, divisions) in [
        ("admin", Role::Admin, "清瀬市", vec![]),
        ("editor", Role::Editor, "清瀬市", vec!["企画課".to_owned()]),
        ("reviewer", Role::Reviewer, "清瀬市", vec![]),
        ("officer", Role::Officer, "東京都", vec![]),
    ] {
        add_account(
            &store,
            AccountSpec {
                login: login.into(),
                display_name: format!("{login}さん"),
                email: None,
                role,
                scope: scope.into(),
                divisions,
            },
            PASSWORD,
        )
        .await
        .unwrap();
    }
    let record = |stored: &shinchoku_core::StoredPlan, d: &str| {
        stored
            .ids
            .record(&RecordKey {
                measure: MeasureKey::new(if d == "企画課" { "1" } else { "2" }),
                division: Some(DivisionKey::new(d)),
                fiscal_year: FiscalYear(2025),
            })
            .unwrap()
            .id
            .0
    };
    let own = store.load(ids[0]).await.unwrap().unwrap();
    let other = store.load(ids[1]).await.unwrap().unwrap();
    let (_, plans) = store.snapshot().await.unwrap();
    let state = AppState::new(Catalog::from_stored(plans));
    state.attach_store(store.clone(), false);
    World {
        app: router(state.clone()),
        state,
        own_plan: ids[0],
        other_plan: ids[1],
        own_record: record(&own, "企画課"),
        other_division_record: record(&own, "健康推進課"),
        other_municipality_record: record(&other, "企画課"),
        store,
    }
}

struct Response {
    status: StatusCode,
    location: String,
    cookies: Vec<String>,
    body: String,
}

const BOUNDARY: &str = "shinchoku-test-boundary";

/// A `multipart/form-data` body: text fields, and a file when given.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send_multipart(app: &Router, uri: &str, cookie: &str, body: Vec<u8>) -> Response {
    let req = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap();
    into_response(app.clone().oneshot(req).await.unwrap()).await
}

async fn into_response(res: axum::response::Response) -> Response {
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let cookies = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect();
    let body =
        String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned();
    Response {
        status,
        location,
        cookies,
        body,
    }
}

async fn send(app: &Router, method: Method, uri: &str, cookie: &str, form: &str) -> Response {
    if method == Method::POST && uri.ends_with("/workbook") && !cookie.starts_with("Bearer ") {
        // The upload form is multipart: its fields, no file.
        let fields: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        return send_multipart(app, uri, cookie, multipart(&refs, None)).await;
    }
    let mut req = Request::builder().method(method.clone()).uri(uri);
    if let Some(token) = cookie.strip_prefix("Bearer ") {
        req = req
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json");
    } else {
        if !cookie.is_empty() {
            req = req.header(header::COOKIE, cookie);
        }
        if method == Method::POST {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(form.to_owned())).unwrap())
        .await
        .unwrap();
    into_response(res).await
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).map(|i| i + marker.len()).unwrap_or(0);
    body[start..].split('"').next().unwrap_or("").to_owned()
}

fn cookie_value(cookies: &[String], name: &str) -> Option<String> {
    cookies.iter().find_map(|c| {
        c.split(';')
            .next()
            .and_then(|kv| kv.strip_prefix(&format!("{name}=")))
            .map(str::to_owned)
    })
}

/// Signs in; returns (cookie header, CSRF token of the session).
async fn sign_in(app: &Router, login: &str) -> (String, String) {
    let form = send(app, Method::GET, "/login", "", "").await;
    assert_eq!(form.status, StatusCode::OK);
    let login_cookie = cookie_value(&form.cookies, "shinchoku_login").unwrap();
    let csrf = hidden(&form.body, "csrf");
    let res = send(
        app,
        Method::POST,
        "/login",
        &format!("shinchoku_login={login_cookie}"),
        &format!(
            "csrf={csrf}&login={login}&password={}&next=/work",
            enc(PASSWORD)
        ),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(
        res.cookies[0].contains("HttpOnly") && res.cookies[0].contains("SameSite=Strict"),
        "{:?}",
        res.cookies
    );
    let token = cookie_value(&res.cookies, "shinchoku_session").unwrap();
    let cookie = format!("shinchoku_session={token}");
    let work = send(app, Method::GET, "/work", &cookie, "").await;
    assert_eq!(work.status, StatusCode::OK);
    (cookie, hidden(&work.body, "csrf"))
}

/// Whether the guard or an ownership check refused the request.
fn denied(r: &Response) -> bool {
    r.status == StatusCode::FORBIDDEN && r.body.contains("権限がありません")
        || r.status == StatusCode::UNAUTHORIZED && r.body.contains("ログインしてください")
        || r.status == StatusCode::UNAUTHORIZED
            && r.body.contains("有効な API トークンがありません")
        || r.status == StatusCode::SEE_OTHER && r.location.starts_with("/login")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Own,
    OtherDivision,
    OtherMunicipality,
}

/// The expected answer, written down independently of the route table: a route without an
/// entry here fails the test.
fn expected(method: &Method, path: &str, role: Option<Role>, rel: Relation) -> bool {
    use Relation::*;
    use Role::*;
    let Some(role) = role else {
        return path == "/login";
    };
    let own_plan = match role {
        Officer => rel != OtherMunicipality, // 清瀬市 is in 東京都; 川口市 is not
        _ => rel != OtherMunicipality,
    };
    match (method.as_str(), path) {
        ("GET", "/login") | ("POST", "/login") | ("POST", "/logout") | ("GET", "/work") => true,
        ("GET", "/work/plans/{id}") => matches!(role, Admin | Reviewer | Officer) && own_plan,
        ("POST", "/work/plans/{id}/cycle")
        | ("POST", "/work/plans/{id}/review")
        | ("POST", "/work/plans/{id}/indicators") => role == Admin && own_plan,
        ("GET", "/work/plans/{id}/package") | ("POST", "/work/plans/{id}/package") => {
            role == Admin && own_plan
        }
        ("GET", "/work/plans/{id}/history.csv") => matches!(role, Admin | Reviewer) && own_plan,
        ("GET", "/work/plans/{id}/workbook.xlsx") | ("POST", "/work/plans/{id}/workbook") => {
            matches!(role, Admin | Editor) && own_plan
        }
        ("GET", "/work/records/{id}") => match role {
            Admin | Reviewer => own_plan,
            Editor => rel == Own,
            Officer => false,
        },
        ("POST", "/work/records/{id}") => match role {
            Admin => own_plan,
            Editor => rel == Own,
            _ => false,
        },
        ("POST", "/work/records/{id}/comment") => matches!(role, Admin | Reviewer) && own_plan,
        ("POST", "/work/records/{id}/review") => role == Admin && own_plan,
        ("GET", "/work/tokens")
        | ("POST", "/work/tokens")
        | ("POST", "/work/tokens/{id}/revoke") => {
            matches!(role, Admin | Editor)
        }
        ("GET", "/api/records/{id}") => match role {
            Admin | Reviewer => own_plan,
            Editor => rel == Own,
            Officer => false,
        },
        ("POST", "/api/records/{id}") => match role {
            Admin => own_plan,
            Editor => rel == Own,
            _ => false,
        },
        _ => panic!("no expectation for {method} {path}: add it to this test"),
    }
}

async fn authorisation_matrix_from_the_route_table(store: Store) {
    let w = world(store).await;
    let mut sessions = vec![(None, (String::new(), String::new()))];
    let mut tokens = vec![(None, "Bearer shk_none".to_owned())];
    for (login, role) in [
        ("admin", Role::Admin),
        ("editor", Role::Editor),
        ("reviewer", Role::Reviewer),
        ("officer", Role::Officer),
    ] {
        sessions.push((Some(role), sign_in(&w.app, login).await));
        let account = w.store.account_by_login(login).await.unwrap().unwrap();
        let (token, _) =
            shinchoku_commands::accounts::create_api_token(&w.store, account.id, "matrix")
                .await
                .unwrap();
        tokens.push((Some(role), format!("Bearer {token}")));
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for route in ROUTES {
        if route.path == "/logout" {
            continue; // signing out ends the session the rest of the matrix uses; below
        }
        for (i, (role, (cookie, csrf))) in sessions.iter().enumerate() {
            let cookie = if route.auth == shinchoku_web::staff::Auth::Token {
                &tokens[i].1
            } else {
                cookie
            };
            for rel in [
                Relation::Own,
                Relation::OtherDivision,
                Relation::OtherMunicipality,
            ] {
                let (plan, record) = match rel {
                    Relation::Own => (w.own_plan.0, w.own_record),
                    Relation::OtherDivision => (w.own_plan.0, w.other_division_record),
                    Relation::OtherMunicipality => (w.other_plan.0, w.other_municipality_record),
                };
                let id = if route.path.starts_with("/work/records")
                    || route.path.starts_with("/api/records")
                {
                    record
                } else {
                    plan
                };
                // A token id nobody has: revoking it must not end the matrix's own tokens.
                let id = if route.path.starts_with("/work/tokens") {
                    999_999
                } else {
                    id
                };
                let uri = route.path.replace("{id}", &id.to_string());
                // Forms that pass authorisation but change nothing lasting.
                let form = match route.path {
                    "/login" => format!("csrf={csrf}&login=nobody&password=x"),
                    "/work/records/{id}" => format!("csrf={csrf}&action=save"),
                    "/work/records/{id}/comment" => format!("csrf={csrf}&text=%E7%A2%BA%E8%AA%8D"),
                    "/api/records/{id}" => "{\"expected_revision\": 0}".to_owned(),
                    _ => format!("csrf={csrf}&action=none&year=2025"),
                };
                let r = send(&w.app, route.method.clone(), &uri, cookie, &form).await;
                let allowed = !denied(&r);
                let want = expected(&route.method, route.path, *role, rel);
                if allowed != want {
                    failures.push(format!(
                        "{} {uri} as {role:?} ({rel:?}): got {} {} ({}), expected {}",
                        route.method,
                        r.status,
                        r.body.chars().take(80).collect::<String>(),
                        if allowed { "allowed" } else { "denied" },
                        if want { "allowed" } else { "denied" }
                    ));
                }
                checked += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, (ROUTES.len() - 1) * 5 * 3);

    // Signing out ends the session in every process: the cookie no longer works.
    let (cookie, csrf) = &sessions[1].1;
    let out = send(
        &w.app,
        Method::POST,
        "/logout",
        cookie,
        &format!("csrf={csrf}"),
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = send(&w.app, Method::GET, "/work", cookie, "").await;
    assert!(after.location.starts_with("/login"), "{}", after.status);
}

async fn no_id_of_another_municipality_is_served(store: Store) {
    let w = world(store).await;
    let other = w.store.load(w.other_plan).await.unwrap().unwrap();
    let ids: Vec<i64> = other.ids.iter().map(|(_, m)| m.id.0).collect();
    assert_eq!(
        ids.len(),
        11,
        "divisions, measures, assignments, records, the indicator"
    );
    for login in ["admin", "editor", "reviewer"] {
        let (cookie, csrf) = sign_in(&w.app, login).await;
        let account = w.store.account_by_login(login).await.unwrap().unwrap();
        let (token, _) = shinchoku_commands::accounts::create_api_token(&w.store, account.id, "t")
            .await
            .unwrap();
        let bearer = format!("Bearer {token}");
        for id in ids.iter().copied().chain([w.other_plan.0]) {
            for (method, uri, who, form) in [
                (
                    Method::GET,
                    format!("/work/records/{id}"),
                    &cookie,
                    String::new(),
                ),
                (
                    Method::POST,
                    format!("/work/records/{id}"),
                    &cookie,
                    format!("csrf={csrf}&action=save&result_text=x"),
                ),
                (
                    Method::GET,
                    format!("/api/records/{id}"),
                    &bearer,
                    String::new(),
                ),
                (
                    Method::POST,
                    format!("/api/records/{id}"),
                    &bearer,
                    r#"{"expected_revision":1,"values":{"result_text":"x"}}"#.to_owned(),
                ),
                (
                    Method::GET,
                    format!("/work/plans/{id}"),
                    &cookie,
                    String::new(),
                ),
                (
                    Method::GET,
                    format!("/work/plans/{id}/history.csv"),
                    &cookie,
                    String::new(),
                ),
            ] {
                let r = send(&w.app, method.clone(), &uri, who, &form).await;
                assert!(
                    matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                    "{login}: {method} {uri} answered {}",
                    r.status
                );
            }
        }
    }
    // Nothing of the other municipality changed.
    let after = w.store.load(w.other_plan).await.unwrap().unwrap();
    assert_eq!(after.revision, other.revision);
}

async fn every_mutating_route_needs_the_sessions_csrf_token(store: Store) {
    let w = world(store).await;
    let (cookie, csrf) = sign_in(&w.app, "admin").await;
    for route in ROUTES.iter().filter(|r| r.needs_csrf()) {
        let id = if route.path.starts_with("/work/records") {
            w.own_record
        } else {
            w.own_plan.0
        };
        let uri = route.path.replace("{id}", &id.to_string());
        for form in [
            "action=lock&year=2025&login=admin".to_owned(),
            // The session's token with its first digit changed.
            format!(
                "csrf={}{}&action=lock&year=2025",
                if csrf.starts_with('0') { '1' } else { '0' },
                &csrf[1..]
            ),
            "csrf=&action=lock&year=2025".to_owned(),
        ] {
            let r = send(&w.app, Method::POST, &uri, &cookie, &form).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri} {form}: {}", r.body);
            assert!(r.body.contains("正しくない送信"), "{uri}: {}", r.body);
        }
    }
    // The year is still open: nothing was done.
    let p = w.store.load(w.own_plan).await.unwrap().unwrap();
    assert_eq!(
        p.plan.cycles[0].state,
        shinchoku_core::cycle::CycleState::Open
    );
}

async fn sign_in_is_throttled_and_never_tells_which_logins_exist(store: Store) {
    let w = world(store).await;
    let form = send(&w.app, Method::GET, "/login", "", "").await;
    let cookie = format!(
        "shinchoku_login={}",
        cookie_value(&form.cookies, "shinchoku_login").unwrap()
    );
    let csrf = hidden(&form.body, "csrf");
    let attempt = |login: &'static str, password: &'static str| {
        let app = w.app.clone();
        let cookie = cookie.clone();
        let csrf = csrf.clone();
        async move {
            send(
                &app,
                Method::POST,
                "/login",
                &cookie,
                &format!("csrf={csrf}&login={login}&password={}", enc(password)),
            )
            .await
        }
    };
    let unknown = attempt("nobody", "x").await;
    let wrong = attempt("editor", "wrong password").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(
        unknown
            .body
            .contains("ログイン名またはパスワードが違います")
    );
    assert!(wrong.body.contains("ログイン名またはパスワードが違います"));
    for _ in 0..4 {
        attempt("editor", "wrong password").await;
    }
    // Five failures: even the right password is refused for a while.
    let right = attempt("editor", PASSWORD).await;
    assert_eq!(right.status, StatusCode::UNAUTHORIZED);
    assert!(
        right.body.contains("しばらくログインできません"),
        "{}",
        right.body
    );
    // Another login is not affected.
    let other = attempt("reviewer", PASSWORD).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
    // The sign-in form without its cookie's token is refused.
    let forged = send(
        &w.app,
        Method::POST,
        "/login",
        "",
        &format!("csrf={csrf}&login=reviewer&password={}", enc(PASSWORD)),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

async fn refresh(w: &World) {
    let mut updates = Vec::new();
    for id in [w.own_plan, w.other_plan] {
        updates.push(PlanUpdate::Upsert(w.store.load(id).await.unwrap().unwrap()));
    }
    w.state.apply(updates);
}

async fn public_pages_contain(w: &World, text: &str) -> Vec<String> {
    let id = w.own_plan.0;
    let mut found = Vec::new();
    for uri in [
        format!("/plans/{id}"),
        format!("/plans/{id}?year=2025"),
        format!("/plans/{id}/report"),
        format!("/plans/{id}/report.csv"),
        format!("/plans/{id}/measures/1"),
        format!("/api/plans/{id}/records"),
        format!("/api/plans/{id}/records?year=2025"),
        format!("/search?q={}", enc("未公表")),
        format!("/api/search?q={}", enc("未公表")),
        format!("/divisions/{}/%E4%BC%81%E7%94%BB%E8%AA%B2", enc("清瀬市")),
    ] {
        let r = send(&w.app, Method::GET, &uri, "", "").await;
        if r.body.contains(text) {
            found.push(uri);
        }
    }
    found
}

async fn a_whole_cycle_publishes_the_year_and_nothing_before(store: Store) {
    let w = world(store).await;
    let (editor, editor_csrf) = sign_in(&w.app, "editor").await;
    let (admin, admin_csrf) = sign_in(&w.app, "admin").await;
    let (reviewer, reviewer_csrf) = sign_in(&w.app, "reviewer").await;
    let rec = w.own_record;

    // The editor's page lists exactly the own division's record.
    let mine = send(&w.app, Method::GET, "/work", &editor, "").await;
    assert!(mine.body.contains(&format!("/work/records/{rec}")));
    assert!(
        !mine
            .body
            .contains(&format!("/work/records/{}", w.other_division_record))
    );
    assert!(mine.body.contains("未着手"));

    // A wrong value: 422, the message next to the field, the input kept.
    let form = send(
        &w.app,
        Method::GET,
        &format!("/work/records/{rec}"),
        &editor,
        "",
    )
    .await;
    let revision = hidden(&form.body, "revision");
    assert!(
        form.body.contains("前年度：連絡協議会を実施した（公表済）"),
        "last year's value beside the field"
    );
    let bad = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}"),
        &editor,
        &format!(
            "csrf={editor_csrf}&revision={revision}&action=save&result_text={}&achievement=120&status=%E5%AE%8C%E4%BA%86",
            enc(SECRET)
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("id=\"f-achievement-error\">0〜100 の整数で入力してください"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("「完了」は取組状況の選択肢にありません"));
    assert!(bad.body.contains(SECRET), "the entered text is kept");

    // Saved as a draft, then submitted.
    let saved = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}"),
        &editor,
        &format!(
            "csrf={editor_csrf}&revision={revision}&action=save&result_text={}&achievement=80&status=%E5%AE%9F%E6%96%BD%E6%B8%88&output_label_0={}&output_value_0=416&output_unit_0={}&output_label_1=&output_value_1=&output_unit_1=&cost_label_0={}&cost_amount_0=40%2C000",
            enc(SECRET),
            enc("相談件数"),
            enc("件"),
            enc("講師謝礼")
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored: ProgressRecord = serde_json::from_value(
        w.store
            .entity(shinchoku_core::EntityId(rec))
            .await
            .unwrap()
            .unwrap()
            .body,
    )
    .unwrap();
    assert_eq!(stored.outputs.len(), 1);
    assert_eq!(
        (
            stored.outputs[0].label.as_str(),
            stored.outputs[0].value,
            stored.outputs[0].unit.as_deref()
        ),
        ("相談件数", 416.0, Some("件"))
    );
    assert_eq!(stored.costs.len(), 1);
    assert_eq!(
        (stored.costs[0].label.as_deref(), stored.costs[0].amount_yen),
        (Some("講師謝礼"), Some(40_000))
    );
    // A value that is not a number: refused with the row named, nothing written.
    let form = send(
        &w.app,
        Method::GET,
        &format!("/work/records/{rec}"),
        &editor,
        "",
    )
    .await;
    assert!(form.body.contains("value=\"相談件数\"") && form.body.contains("value=\"416\""));
    let bad_rows = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}"),
        &editor,
        &format!(
            "csrf={editor_csrf}&revision={}&action=save&output_label_0={}&output_value_0={}&output_unit_0=&cost_label_0=&cost_amount_0={}",
            hidden(&form.body, "revision"),
            enc("相談件数"),
            enc("たくさん"),
            enc("四万円")
        ),
    )
    .await;
    assert_eq!(bad_rows.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_rows.body.contains("1行目：値は数値で入力してください"),
        "{}",
        bad_rows.body
    );
    assert!(
        bad_rows
            .body
            .contains("1行目：金額は円単位の整数で入力してください")
    );
    assert!(
        bad_rows.body.contains("value=\"たくさん\""),
        "the entered row is kept"
    );
    // A second editor's form of the old revision: 409, told what changed, input kept.
    let stale = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}"),
        &admin,
        &format!(
            "csrf={admin_csrf}&revision={revision}&action=save&result_text={}",
            enc("事務局の修正")
        ),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("ほかの人がこの記録を先に更新しました"));
    assert!(stale.body.contains("事務局の修正"), "the input is kept");
    assert!(stale.body.contains(SECRET), "what changed is shown");

    let form = send(
        &w.app,
        Method::GET,
        &format!("/work/records/{rec}"),
        &editor,
        "",
    )
    .await;
    let revision = hidden(&form.body, "revision");
    let submitted = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}"),
        &editor,
        &format!("csrf={editor_csrf}&revision={revision}&action=submit&result_text={}&achievement=80&status=%E5%AE%9F%E6%96%BD%E6%B8%88", enc(SECRET)),
    )
    .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);

    // A reviewer comments; the secretariat sends back, the editor corrects, it is accepted.
    let c = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}/comment"),
        &reviewer,
        &format!(
            "csrf={reviewer_csrf}&text={}",
            enc("開催回数も書いてください")
        ),
    )
    .await;
    assert_eq!(c.status, StatusCode::SEE_OTHER);
    let back = send(
        &w.app,
        Method::POST,
        &format!("/work/plans/{}/review", w.own_plan.0),
        &admin,
        &format!(
            "csrf={admin_csrf}&action=send_back&comment={}&record={rec}",
            enc("回数を追記してください")
        ),
    )
    .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
    let form = send(
        &w.app,
        Method::GET,
        &format!("/work/records/{rec}"),
        &editor,
        "",
    )
    .await;
    assert!(form.body.contains("差戻し") && form.body.contains("回数を追記してください"));
    let revision = hidden(&form.body, "revision");
    let corrected = format!("{SECRET}（4回開催）");
    let again = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}"),
        &editor,
        &format!("csrf={editor_csrf}&revision={revision}&action=submit&result_text={}&achievement=80&status=%E5%AE%9F%E6%96%BD%E6%B8%88", enc(&corrected)),
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let progress = send(
        &w.app,
        Method::GET,
        &format!("/work/plans/{}", w.own_plan.0),
        &admin,
        "",
    )
    .await;
    assert!(progress.body.contains("提出済"));
    let accept = send(
        &w.app,
        Method::POST,
        &format!("/work/records/{rec}/review"),
        &admin,
        &format!("csrf={admin_csrf}&action=accept"),
    )
    .await;
    assert_eq!(accept.status, StatusCode::SEE_OTHER);

    // Before publication: nothing of the year on any public page.
    refresh(&w).await;
    assert_eq!(public_pages_contain(&w, SECRET).await, Vec::<String>::new());
    assert_eq!(
        public_pages_contain(&w, "回数を追記してください").await,
        Vec::<String>::new()
    );

    // Locked, then published: the report shows the new year's text; no review state.
    for action in ["lock", "publish"] {
        let r = send(
            &w.app,
            Method::POST,
            &format!("/work/plans/{}/cycle", w.own_plan.0),
            &admin,
            &format!("csrf={admin_csrf}&action={action}&year=2025"),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }
    refresh(&w).await;
    let report = send(
        &w.app,
        Method::GET,
        &format!("/plans/{}/report", w.own_plan.0),
        "",
        "",
    )
    .await;
    assert!(
        report.body.contains(&corrected),
        "the published report shows the new year"
    );
    assert!(report.body.contains("令和7年度"));
    let shown = public_pages_contain(&w, "回数を追記してください").await;
    assert_eq!(shown, Vec::<String>::new(), "comments never public");
    // The other municipality's open year stays unpublished.
    let other = send(
        &w.app,
        Method::GET,
        &format!("/api/plans/{}/records?year=2025", w.other_plan.0),
        "",
        "",
    )
    .await;
    assert!(!other.body.contains("review"), "{}", other.body);

    // The history names every step; the CSV download has them too.
    let csv = send(
        &w.app,
        Method::GET,
        &format!("/work/plans/{}/history.csv", w.own_plan.0),
        &admin,
        "",
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    for command in [
        "record save",
        "record submit",
        "record send back",
        "record accept",
        "year lock",
        "year publish",
    ] {
        assert!(csv.body.contains(command), "{command} in the history CSV");
    }
}

async fn another_system_pushes_actuals_with_a_token_and_a_revision(store: Store) {
    let w = world(store).await;
    let editor = w.store.account_by_login("editor").await.unwrap().unwrap();
    let (token, row) =
        shinchoku_commands::accounts::create_api_token(&w.store, editor.id, "基幹システム")
            .await
            .unwrap();
    let auth = format!("Bearer {token}");
    let uri = format!("/api/records/{}", w.own_record);
    let got = send(&w.app, Method::GET, &uri, &auth, "").await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let v: serde_json::Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(v["state"], "not_started");
    let revision = v["revision"].as_i64().unwrap();

    let bad = send(&w.app, Method::POST, &uri, &auth,
        &format!(r#"{{"expected_revision": {revision}, "values": {{"achievement": "120", "colour": "red"}}}}"#)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("0〜100 の整数で入力してください") && bad.body.contains("colour"),
        "{}",
        bad.body
    );

    let ok = send(&w.app, Method::POST, &uri, &auth,
        &format!(r#"{{"expected_revision": {revision}, "values": {{"result_text": "相談 416件", "achievement": 90}}, "action": "submit"}}"#)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let v: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(v["state"], "submitted");
    assert_eq!(v["record"]["result_text"], "相談 416件");
    assert_eq!(v["revision"].as_i64(), Some(revision + 1));

    // The same revision again: 409 with what changed.
    let stale = send(
        &w.app,
        Method::POST,
        &uri,
        &auth,
        &format!(r#"{{"expected_revision": {revision}, "values": {{"result_text": "x"}}}}"#),
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("result_text"), "{}", stale.body);

    // The history says it came through the API with this token.
    let events = w
        .store
        .history(shinchoku_store::HistoryFilter {
            plan: None,
            entity: Some(shinchoku_core::EntityId(w.own_record)),
            after_revision: None,
        })
        .await
        .unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.provenance.to_string().contains("基幹システム")),
        "{events:?}"
    );

    // Another division's record: 403; a revoked token: 401.
    let other = send(
        &w.app,
        Method::GET,
        &format!("/api/records/{}", w.other_division_record),
        &auth,
        "",
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    w.store
        .revoke_api_token(editor.id, row.id, 1)
        .await
        .unwrap();
    let revoked = send(&w.app, Method::GET, &uri, &auth, "").await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);

    // The OpenAPI document describes both routes with their roles.
    let doc = send(&w.app, Method::GET, "/api/openapi.json", "", "").await;
    let doc: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    assert_eq!(
        doc["paths"]["/api/records/{id}"]["post"]["x-roles"],
        serde_json::json!(["admin", "editor"])
    );
    assert_eq!(
        doc["paths"]["/api/records/{id}"]["get"]["x-roles"],
        serde_json::json!(["admin", "editor", "reviewer"])
    );
}

async fn divisions_download_their_workbook_and_upload_it(store: Store) {
    let w = world(store).await;
    let (editor, csrf) = sign_in(&w.app, "editor").await;
    let home = send(&w.app, Method::GET, "/work", &editor, "").await;
    let href = format!(
        "/work/plans/{}/workbook.xlsx?division=%E4%BC%81%E7%94%BB%E8%AA%B2",
        w.own_plan.0
    );
    assert!(
        home.body.contains(&href.replace('&', "&amp;")) || home.body.contains(&href),
        "{}",
        home.body
    );
    let req = Request::builder()
        .uri(&href)
        .header(header::COOKIE, &editor)
        .body(Body::empty())
        .unwrap();
    let res = w.app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let book = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    assert_eq!(&book[..2], b"PK", "an XLSX (zip) file");
    // Another division's workbook is not the editor's to take.
    let other = send(
        &w.app,
        Method::GET,
        &format!(
            "/work/plans/{}/workbook.xlsx?division=%E5%81%A5%E5%BA%B7%E6%8E%A8%E9%80%B2%E8%AA%B2",
            w.own_plan.0
        ),
        &editor,
        "",
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);

    // Uploaded unchanged: nothing changes. With 提出: the record is submitted.
    let uri = format!("/work/plans/{}/workbook", w.own_plan.0);
    let dump = w.store.dump().await.unwrap();
    let same = send_multipart(
        &w.app,
        &uri,
        &editor,
        multipart(&[("csrf", &csrf)], Some(("kikaku.xlsx", &book))),
    )
    .await;
    assert_eq!(same.status, StatusCode::OK, "{}", same.body);
    assert!(same.body.contains("変更なし"), "{}", same.body);
    assert_eq!(w.store.dump().await.unwrap(), dump);
    let submit = send_multipart(
        &w.app,
        &uri,
        &editor,
        multipart(
            &[("csrf", &csrf), ("submit", "1")],
            Some(("kikaku.xlsx", &book)),
        ),
    )
    .await;
    assert_eq!(submit.status, StatusCode::OK, "{}", submit.body);
    assert!(submit.body.contains("提出1件"), "{}", submit.body);
    let r: ProgressRecord = serde_json::from_value(
        w.store
            .entity(shinchoku_core::EntityId(w.own_record))
            .await
            .unwrap()
            .unwrap()
            .body,
    )
    .unwrap();
    assert_eq!(
        shinchoku_core::cycle::review_state(&r),
        shinchoku_core::cycle::ReviewState::Submitted
    );

    // Not a workbook: refused with the reason, nothing written.
    let junk = send_multipart(
        &w.app,
        &uri,
        &editor,
        multipart(&[("csrf", &csrf)], Some(("x.xlsx", b"not a zip"))),
    )
    .await;
    assert_eq!(junk.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        junk.body.contains("このファイルは取り込めません"),
        "{}",
        junk.body
    );
    // The secretariat's workbook holds every division: the editor may not upload it.
    let (admin, _) = sign_in(&w.app, "admin").await;
    let req = Request::builder()
        .uri(format!("/work/plans/{}/workbook.xlsx", w.own_plan.0))
        .header(header::COOKIE, &admin)
        .body(Body::empty())
        .unwrap();
    let all = w
        .app
        .clone()
        .oneshot(req)
        .await
        .unwrap()
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    let refused = send_multipart(
        &w.app,
        &uri,
        &editor,
        multipart(&[("csrf", &csrf)], Some(("all.xlsx", &all))),
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    // Without the CSRF token: refused before anything is read.
    let forged = send_multipart(
        &w.app,
        &uri,
        &editor,
        multipart(&[], Some(("kikaku.xlsx", &book))),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

async fn the_secretariat_enters_indicator_actuals_published_with_the_year(store: Store) {
    let w = world(store).await;
    let (admin, csrf) = sign_in(&w.app, "admin").await;
    let page = send(
        &w.app,
        Method::GET,
        &format!("/work/plans/{}", w.own_plan.0),
        &admin,
        "",
    )
    .await;
    assert!(
        page.body
            .contains("成果指標の実績（令和7年度（2025年度））"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("<td>300件</td>"),
        "last year's actual beside the field"
    );
    let r = send(
        &w.app,
        Method::POST,
        &format!("/work/plans/{}/indicators", w.own_plan.0),
        &admin,
        &format!(
            "csrf={csrf}&year=2025&indicator_key_0={}&indicator_value_0={}",
            enc("相談件数"),
            enc("４１６件")
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let p = w.store.load(w.own_plan).await.unwrap().unwrap().plan;
    let actual = p.indicators[0].actual(FiscalYear(2025)).unwrap();
    assert_eq!(actual.value, shinchoku_core::Value::Number(416.0));
    assert_eq!(actual.original, "４１６件");
    refresh(&w).await;
    let api = send(
        &w.app,
        Method::GET,
        &format!("/api/plans/{}/indicators", w.own_plan.0),
        "",
        "",
    )
    .await;
    assert!(
        !api.body.contains("４１６件"),
        "not public before publication"
    );
    for action in ["lock", "publish"] {
        send(
            &w.app,
            Method::POST,
            &format!("/work/plans/{}/cycle", w.own_plan.0),
            &admin,
            &format!("csrf={csrf}&action={action}&year=2025"),
        )
        .await;
    }
    refresh(&w).await;
    let api = send(
        &w.app,
        Method::GET,
        &format!("/api/plans/{}/indicators", w.own_plan.0),
        "",
        "",
    )
    .await;
    assert!(api.body.contains("４１６件"), "published with the year");
    // A locked or published year takes no more actuals.
    let late = send(
        &w.app,
        Method::POST,
        &format!("/work/plans/{}/indicators", w.own_plan.0),
        &admin,
        &format!(
            "csrf={csrf}&year=2025&indicator_key_0={}&indicator_value_0=1",
            enc("相談件数")
        ),
    )
    .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// The secretariat maps the plan's groups onto the national policy package: admin only,
/// CSRF-checked (see the matrix and the CSRF test), one commit in the history with the form
/// as provenance, the same choices again change nothing, and the public comparison follows.
async fn the_secretariat_maps_groups_onto_the_policy_package(store: Store) {
    let w = world(store).await;
    // The 清瀬市 plan gets two 施策 from a second document (merged into the stored plan).
    let mut p = plan("清瀬市", "132217");
    for (key, kind, title, measure) in [
        (
            "基本施策1",
            shinchoku_core::GroupKind::BasicPolicy,
            "地域におけるネットワークの強化",
            "1",
        ),
        (
            "重点施策1",
            shinchoku_core::GroupKind::PriorityPolicy,
            "高齢者への支援",
            "2",
        ),
    ] {
        p.groups.push(shinchoku_core::Group {
            key: shinchoku_core::GroupKey::new(key),
            kind,
            label: kind.label_ja().into(),
            number: Some("1".into()),
            title: title.into(),
            parent: None,
            location: Location::new("p.txt", 1),
        });
        p.listings.push(shinchoku_core::Listing {
            measure: MeasureKey::new(measure),
            group: shinchoku_core::GroupKey::new(key),
            relisted: false,
            location: Location::new("p.txt", 1),
        });
    }
    let doc = ImportedDocument {
        file_name: "清瀬市-施策.txt".into(),
        sha256: "groups".into(),
        layout: "kiyose".into(),
        plans: vec![p],
        diagnostics: vec![],
        stated_ids: vec![],
    };
    import_document(&w.store, &doc, &Actor::command_line("import"))
        .await
        .unwrap();
    let uri = format!("/work/plans/{}/package", w.own_plan.0);
    for login in ["editor", "reviewer", "officer"] {
        let (cookie, _) = sign_in(&w.app, login).await;
        let r = send(&w.app, Method::GET, &uri, &cookie, "").await;
        assert!(denied(&r), "{login}: {}", r.status);
    }
    let (admin, csrf) = sign_in(&w.app, "admin").await;
    let page = send(&w.app, Method::GET, &uri, &admin, "").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("自動提案です（まだ保存されていません）"));
    assert!(page.body.contains("<option value=\"basic-1\" selected>"));
    assert!(
        page.body
            .contains("<option value=\"priority-elderly\" selected>")
    );
    assert!(page.body.contains("題名に「ネットワーク」を含む"));
    assert!(
        page.body
            .contains(&format!("name=\"csrf\" value=\"{csrf}\""))
    );
    // Without the token nothing is saved.
    let form = format!(
        "group_key_0={}&area_0=basic-3&group_key_1={}&area_1=none&action=save",
        enc("基本施策1"),
        enc("重点施策1")
    );
    let r = send(&w.app, Method::POST, &uri, &admin, &form).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        w.store
            .load(w.own_plan)
            .await
            .unwrap()
            .unwrap()
            .plan
            .package
            .is_none()
    );
    let before = w.store.load(w.own_plan).await.unwrap().unwrap().revision;
    let r = send(
        &w.app,
        Method::POST,
        &uri,
        &admin,
        &format!("csrf={csrf}&{form}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.ends_with("/package?done=saved"));
    let stored = w.store.load(w.own_plan).await.unwrap().unwrap();
    assert_eq!(stored.revision.0, before.0 + 1, "one commit");
    let m = stored.plan.package.clone().expect("stored");
    assert_eq!(m.package, "suicide-2017");
    let areas: Vec<(&str, Option<&str>)> = m
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.area.as_deref()))
        .collect();
    assert_eq!(areas, [("基本施策1", Some("basic-3")), ("重点施策1", None)]);
    assert!(
        m.groups
            .iter()
            .all(|g| g.source == shinchoku_core::package::MappingSource::Confirmed)
    );
    let history = w
        .store
        .history(shinchoku_store::HistoryFilter {
            plan: Some(w.own_plan),
            ..Default::default()
        })
        .await
        .unwrap();
    let events: Vec<_> = history
        .iter()
        .filter(|e| e.field.as_deref() == Some("package"))
        .collect();
    assert_eq!(events.len(), 1, "one event for the field");
    assert_eq!(events[0].command, "package set");
    assert_eq!(events[0].actor, "adminさん");
    assert_eq!(
        events[0].provenance,
        shinchoku_core::Provenance::Form {
            user: "adminさん".into()
        }
    );
    assert!(events[0].old.as_ref().is_none_or(|v| v.is_null()));
    // The same choices again: nothing changes.
    let r = send(
        &w.app,
        Method::POST,
        &uri,
        &admin,
        &format!("csrf={csrf}&{form}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        w.store.load(w.own_plan).await.unwrap().unwrap().revision,
        stored.revision
    );
    // An area the package does not have is refused with the reason.
    let bad = format!(
        "csrf={csrf}&group_key_0={}&area_0=basic-9&action=save",
        enc("基本施策1")
    );
    let r = send(&w.app, Method::POST, &uri, &admin, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("basic-9"));
    // The public comparison follows the stored mapping.
    refresh(&w).await;
    let compare = send(&w.app, Method::GET, "/compare/suicide_prevention", "", "").await;
    assert_eq!(compare.status, StatusCode::OK);
    assert!(compare.body.contains("事務局確認済"));
    let csv = send(
        &w.app,
        Method::GET,
        "/compare/suicide_prevention/compare.csv",
        "",
        "",
    )
    .await;
    let line = csv
        .body
        .lines()
        .find(|l| l.starts_with("basic-3,") && l.contains("清瀬市"))
        .unwrap_or_default()
        .to_owned();
    assert!(line.contains(",1,0,"), "measure 1 under 基本施策3: {line}");
    // 「自動提案に戻す」
    let r = send(
        &w.app,
        Method::POST,
        &uri,
        &admin,
        &format!("csrf={csrf}&action=reset"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let m = w
        .store
        .load(w.own_plan)
        .await
        .unwrap()
        .unwrap()
        .plan
        .package
        .unwrap();
    assert_eq!(m.groups[0].area.as_deref(), Some("basic-1"));
}

#[test]
fn docs_security_lists_the_route_table() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/security.md"
    ))
    .unwrap_or_default();
    let table = shinchoku_web::staff::route_table();
    assert!(
        doc.contains(&table),
        "docs/security.md must contain the route table as generated:\n{table}"
    );
}

/// Cells the reader could not place are listed for the secretariat on 進捗管理 with where they
/// were read; reviewers and the public never see them (nor 「位置不明」 or the file).
async fn unplaced_cells_are_a_data_quality_note_for_admins_only(store: Store) {
    let w = world(store).await;
    let page = format!("/work/plans/{}", w.own_plan.0);
    let (admin, _) = sign_in(&w.app, "admin").await;
    let r = send(&w.app, Method::GET, &page, &admin, "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("データ品質の注記（1件）"), "{}", r.body);
    assert!(r.body.contains(UNPLACED));
    assert!(r.body.contains("p.txt:7 [field 16]"));
    let (reviewer, _) = sign_in(&w.app, "reviewer").await;
    let r = send(&w.app, Method::GET, &page, &reviewer, "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains(UNPLACED));
    let id = w.own_plan.0;
    for uri in [
        format!("/plans/{id}"),
        format!("/plans/{id}/measures/1"),
        format!("/plans/{id}/report"),
        format!("/search?q={}", enc("列の分からない")),
    ] {
        let r = send(&w.app, Method::GET, &uri, "", "").await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        for hidden in [UNPLACED, "位置不明", "p.txt"] {
            assert!(!r.body.contains(hidden), "{uri} shows 「{hidden}」");
        }
    }
}

on_both_engines!(
    unplaced_cells_are_a_data_quality_note_for_admins_only,
    authorisation_matrix_from_the_route_table,
    no_id_of_another_municipality_is_served,
    every_mutating_route_needs_the_sessions_csrf_token,
    sign_in_is_throttled_and_never_tells_which_logins_exist,
    a_whole_cycle_publishes_the_year_and_nothing_before,
    another_system_pushes_actuals_with_a_token_and_a_revision,
    divisions_download_their_workbook_and_upload_it,
    the_secretariat_enters_indicator_actuals_published_with_the_year,
    the_secretariat_maps_groups_onto_the_policy_package,
);
