//! The read side follows writes: plans changed one at a time ([`AppState::apply`]), the
//! follower over a [`PlanSource`], the page cache's rules, deep hierarchies, and the
//! server's limits, timeouts and graceful shutdown.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::routing::get;
use http_body_util::BodyExt;
use shinchoku_core::{
    EntityId, EntityMeta, EntityRef, FiscalYear, Group, GroupKey, GroupKind, Identities, Listing,
    Location, Measure, MeasureKey, Plan, PlanId, PlanKind, ProgressRecord, Revision, Status,
    StoredPlan,
};
use shinchoku_web::{
    AppState, Catalog, PlanSource, PlanUpdate, ServeOptions, SourceError, router, serve_router,
    serve_with_shutdown,
};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

fn measure(key: &str, name: &str) -> Measure {
    Measure {
        key: MeasureKey::new(key),
        number: None,
        name: name.into(),
        description: None,
        audience: None,
        plan_page: None,
        location: Location::new("f.txt", 1),
    }
}

fn group(key: &str, parent: Option<&str>, title: &str) -> Group {
    Group {
        key: GroupKey::new(key),
        kind: GroupKind::Policy,
        label: "施策".into(),
        number: None,
        title: title.into(),
        parent: parent.map(GroupKey::new),
        location: Location::new("f.txt", 1),
    }
}

fn plan(municipality: &str, title: &str, measure_name: &str) -> Plan {
    let mut p = Plan::new(municipality, title, PlanKind::SuicidePrevention);
    p.fiscal_years = vec![FiscalYear(2022)];
    p.groups.push(group("g1", None, "相談体制の充実"));
    p.measures.push(measure("m1", measure_name));
    p.listings.push(Listing {
        measure: MeasureKey::new("m1"),
        group: GroupKey::new("g1"),
        relisted: false,
        location: Location::new("f.txt", 1),
    });
    p
}

fn stored(id: i64, revision: i64, plan: Plan) -> StoredPlan {
    let mut ids = Identities::default();
    for (n, m) in plan.measures.iter().enumerate() {
        ids.insert(
            EntityRef::measure(&m.key),
            EntityMeta {
                id: EntityId(id * 1000 + n as i64),
                revision: Revision(1),
            },
        );
    }
    StoredPlan {
        id: PlanId(id),
        revision: Revision(revision),
        updated_at_ms: 1_700_000_000_000 + revision,
        plan,
        ids,
    }
}

async fn get_with(
    app: &Router,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut req = Request::builder().uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let response = match app.clone().oneshot(req.body(Body::empty()).unwrap()).await {
        Ok(r) => r,
        Err(e) => match e {},
    };
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn etag(h: &HeaderMap) -> String {
    h.get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

#[tokio::test]
async fn a_change_rebuilds_one_plan_and_keeps_the_others() {
    let state = AppState::new(Catalog::from_stored(vec![
        stored(1, 1, plan("川口市", "計画A", "こころの相談")),
        stored(2, 1, plan("熊谷市", "計画B", "ゲートキーパー研修")),
    ]));
    let app = router(state.clone());
    let (s1, h1, _) = get_with(&app, "/plans/1", &[]).await;
    let (s2, h2, _) = get_with(&app, "/plans/2", &[]).await;
    let (_, home, _) = get_with(&app, "/", &[]).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert!(etag(&h1).contains("p1r1"), "{}", etag(&h1));
    assert_eq!(
        h1.get(header::LAST_MODIFIED).and_then(|v| v.to_str().ok()),
        Some("Tue, 14 Nov 2023 22:13:20 GMT")
    );
    // A revalidation is answered without rendering.
    let (s, _, body) = get_with(&app, "/plans/2", &[("if-none-match", &etag(&h2))]).await;
    assert_eq!(s, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    let entry2 = state.catalog().plans()[1].clone();

    state.apply(vec![PlanUpdate::Upsert(stored(
        1,
        2,
        plan("川口市", "計画A（改定）", "いのちの電話"),
    ))]);
    let (_, h1b, body) = get_with(&app, "/plans/1", &[]).await;
    assert!(body.contains("計画A（改定）"));
    assert_ne!(etag(&h1), etag(&h1b));
    // The other plan's entry is the same object, its ETag unchanged.
    assert!(Arc::ptr_eq(&entry2, &state.catalog().plans()[1]));
    let (_, h2b, _) = get_with(&app, "/plans/2", &[]).await;
    assert_eq!(etag(&h2), etag(&h2b));
    // Pages across plans have a new generation.
    let (_, home_b, body) = get_with(&app, "/", &[]).await;
    assert_ne!(etag(&home), etag(&home_b));
    assert!(body.contains("計画A（改定）"));
    // The search sees the new text and no longer the old.
    let (_, _, body) = get_with(&app, "/api/search?q=%E9%9B%BB%E8%A9%B1", &[]).await; // 電話
    assert!(body.contains("いのちの電話"), "{body}");
    let (_, _, body) = get_with(&app, "/api/search?q=%E3%81%93%E3%81%93%E3%82%8D", &[]).await; // こころ
    assert!(body.contains("\"total\":0"), "{body}");

    // A stale upsert (an older revision) changes nothing.
    state.apply(vec![PlanUpdate::Upsert(stored(
        1,
        1,
        plan("川口市", "計画A", "こころの相談"),
    ))]);
    let (_, _, body) = get_with(&app, "/plans/1", &[]).await;
    assert!(body.contains("計画A（改定）"));

    state.apply(vec![PlanUpdate::Remove(PlanId(2))]);
    let (s, _, _) = get_with(&app, "/plans/2", &[]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, _, body) = get_with(&app, "/api/plans", &[]).await;
    assert!(!body.contains("計画B"));
}

#[tokio::test]
async fn the_page_cache_keeps_other_plans_and_ignores_unknown_parameters() {
    let state = AppState::new(Catalog::from_stored(vec![
        stored(1, 1, plan("川口市", "計画A", "相談")),
        stored(2, 1, plan("熊谷市", "計画B", "研修")),
    ]));
    let app = router(state.clone());
    get_with(&app, "/plans/1", &[]).await;
    get_with(&app, "/plans/2", &[]).await;
    get_with(&app, "/", &[]).await;
    assert_eq!(state.page_cache_usage().0, 3);
    // 1,500 cache-busting parameters: one page.
    for n in 0..1500 {
        let (s, _, _) = get_with(&app, &format!("/plans/2?cachebust={n}"), &[]).await;
        assert_eq!(s, StatusCode::OK);
    }
    assert_eq!(state.page_cache_usage().0, 3);
    // A known parameter makes its own page (even percent-encoded).
    let (s, _, body) = get_with(&app, "/plans/2?%79ear=2023", &[]).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
    let (s, _, _) = get_with(&app, "/plans/2?year=2022", &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(state.page_cache_usage().0, 4);
    // Plan 1 changes: its page and the home page go, plan 2's stay.
    state.apply(vec![PlanUpdate::Upsert(stored(
        1,
        2,
        plan("川口市", "計画A2", "相談"),
    ))]);
    assert_eq!(state.page_cache_usage().0, 2);
}

#[tokio::test]
async fn the_page_cache_is_bounded_by_bytes() {
    let plans: Vec<StoredPlan> = (1..=40)
        .map(|i| stored(i, 1, plan("市", &format!("計画{i}"), "相談")))
        .collect();
    let limit = 64 * 1024;
    let state = AppState::with_cache_limit(Catalog::from_stored(plans), limit);
    let app = router(state.clone());
    for round in 0..2 {
        for i in 1..=40 {
            for path in ["", "/groups/g1", "/measures/m1", "/findings"] {
                let (s, _, _) = get_with(&app, &format!("/plans/{i}{path}"), &[]).await;
                assert_eq!(s, StatusCode::OK, "{round} {i}{path}");
            }
        }
    }
    let (pages, bytes) = state.page_cache_usage();
    assert!(bytes <= limit, "{bytes} bytes in {pages} pages");
    assert!(pages > 0);
}

#[tokio::test]
async fn the_api_shows_ids_and_revisions() {
    let state = AppState::new(Catalog::from_stored(vec![stored(
        7,
        3,
        plan("川口市", "計画A", "相談"),
    )]));
    let app = router(state);
    let (_, _, body) = get_with(&app, "/api/plans/7", &[]).await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["revision"], 3);
    assert_eq!(v["summary"]["revision"], 3);
    assert_eq!(v["plan"]["measures"][0]["id"], 7000);
    let (_, _, body) = get_with(&app, "/api/plans/7/measures/m1", &[]).await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["measure"]["id"], 7000);
    let (_, _, body) = get_with(&app, "/api/plans/7/groups", &[]).await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    // No id stored for the group: null, never left out.
    assert!(v["groups"][0]["id"].is_null());
    assert!(v["groups"][0].get("id").is_some());
}

/// A chain of 10,000 groups, each under the one before and each with a measure and a
/// record: the entry is built and the dashboard and the deepest group page render (on the
/// test's own thread: nothing may recurse over the depth).
#[tokio::test]
async fn a_ten_thousand_deep_hierarchy_builds_and_renders() {
    const DEPTH: usize = 10_000;
    let mut p = Plan::new("深谷市", "深い計画", PlanKind::SuicidePrevention);
    p.fiscal_years = vec![FiscalYear(2022)];
    for i in 0..DEPTH {
        let key = format!("g{i}");
        let parent = (i > 0).then(|| format!("g{}", i - 1));
        p.groups
            .push(group(&key, parent.as_deref(), &format!("施策{i}")));
        let m = format!("m{i}");
        p.measures.push(measure(&m, &format!("事業{i}")));
        p.listings.push(Listing {
            measure: MeasureKey::new(&m),
            group: GroupKey::new(&key),
            relisted: false,
            location: Location::new("f.txt", 1),
        });
        let mut r = ProgressRecord::new(
            MeasureKey::new(&m),
            None,
            FiscalYear(2022),
            Location::new("f.txt", 1),
        );
        r.status = Some(Status {
            code: None,
            label: "実施".into(),
            original: "実施".into(),
        });
        p.records.push(r);
    }
    p.indicators.push(shinchoku_core::Indicator {
        key: shinchoku_core::IndicatorKey::new("i1"),
        name: "深い指標".into(),
        group: Some(GroupKey::new(format!("g{}", DEPTH - 1))),
        measure: None,
        kind: None,
        unit: None,
        polarity: shinchoku_core::Polarity::HigherIsBetter,
        baseline: None,
        targets: vec![],
        actuals: vec![],
        reported_grades: vec![],
        activities: vec![],
        location: Location::new("f.txt", 1),
    });
    let state = AppState::new(Catalog::from_stored(vec![stored(1, 1, p)]));
    let app = router(state);
    // The evaluation report finds the deepest indicator's goal (the top group).
    let (s, _, body) = get_with(&app, "/plans/1/evaluation", &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("深い指標") && body.contains("施策0"));
    // The search page with the plan chosen lists every group as a filter option.
    let (s, _, body) = get_with(&app, "/search?q=%E4%BA%8B%E6%A5%AD&plan=1", &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("施策9999"));
    let (s, _, body) = get_with(&app, "/plans/1", &[]).await;
    assert_eq!(s, StatusCode::OK);
    // The top group's row sums all 10,000 measures; the deepest row its own one.
    assert!(body.contains("施策9999"));
    assert!(body.contains(">10000<"), "the top row counts every measure");
    let (s, _, body) = get_with(&app, "/plans/1/groups/g9999", &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("事業9999"));
    // The group filter of the search reaches the deepest measure from the top group.
    let (s, _, body) = get_with(&app, "/api/search?q=%E4%BA%8B%E6%A5%AD9999&group=g0", &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("\"total\":1"), "{body}");
}

// ---------------------------------------------------------------------------------------------
// The follower

#[derive(Default)]
struct Memory {
    seq: i64,
    plans: BTreeMap<i64, StoredPlan>,
    /// (sequence, plan) of every change.
    log: Vec<(i64, i64)>,
}

#[derive(Clone, Default)]
struct MemorySource(Arc<Mutex<Memory>>);

impl MemorySource {
    fn put(&self, p: StoredPlan) {
        let mut m = self.0.lock().unwrap();
        m.seq += 1;
        let seq = m.seq;
        m.log.push((seq, p.id.0));
        m.plans.insert(p.id.0, p);
    }

    fn delete(&self, id: i64) {
        let mut m = self.0.lock().unwrap();
        m.seq += 1;
        let seq = m.seq;
        m.log.push((seq, id));
        m.plans.remove(&id);
    }
}

impl PlanSource for MemorySource {
    async fn snapshot(&self) -> Result<(i64, Vec<StoredPlan>), SourceError> {
        let m = self.0.lock().unwrap();
        Ok((m.seq, m.plans.values().cloned().collect()))
    }

    async fn changed_since(&self, seq: i64) -> Result<(i64, Vec<PlanId>), SourceError> {
        let m = self.0.lock().unwrap();
        let mut ids: Vec<PlanId> = m
            .log
            .iter()
            .filter(|(s, _)| *s > seq)
            .map(|(_, id)| PlanId(*id))
            .collect();
        ids.sort();
        ids.dedup();
        Ok((m.seq, ids))
    }

    async fn load(&self, id: PlanId) -> Result<Option<StoredPlan>, SourceError> {
        Ok(self.0.lock().unwrap().plans.get(&id.0).cloned())
    }
}

/// A GET over a fresh connection: (status, body).
async fn http_get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Polls until `check` holds; panics after a generous bound (no timing is asserted).
async fn eventually(mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..600 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("not within 30 s");
}

#[tokio::test]
async fn a_running_server_follows_the_source() {
    let source = MemorySource::default();
    source.put(stored(1, 1, plan("川口市", "計画A", "相談")));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let options = ServeOptions {
        poll_interval: Duration::from_millis(20),
        ..ServeOptions::default()
    };
    let server = tokio::spawn(serve_with_shutdown(
        listener,
        source.clone(),
        options,
        async move {
            let _ = stopped.await;
        },
    ));
    assert_eq!(http_get(addr, "/plans/1").await.0, 200);
    assert_eq!(http_get(addr, "/plans/2").await.0, 404);
    // Another process imports a plan and changes one.
    source.put(stored(2, 1, plan("熊谷市", "計画B", "研修")));
    source.put(stored(1, 2, plan("川口市", "計画A（改定）", "相談")));
    eventually(async || http_get(addr, "/plans/2").await.0 == 200).await;
    eventually(async || http_get(addr, "/plans/1").await.1.contains("計画A（改定）")).await;
    source.delete(2);
    eventually(async || http_get(addr, "/plans/2").await.0 == 404).await;
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

// ---------------------------------------------------------------------------------------------
// Server faults

async fn closed(mut s: TcpStream) -> bool {
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(Duration::from_secs(30), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue, // a 408 or the like before closing
            Err(_) => return false,
        }
    }
}

#[tokio::test]
async fn idle_and_half_sent_connections_are_closed_and_others_answered() {
    let state = AppState::new(Catalog::from_stored(vec![stored(
        1,
        1,
        plan("川口市", "計画A", "相談"),
    )]));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let options = ServeOptions {
        header_read_timeout: Duration::from_millis(300),
        idle_timeout: Duration::from_millis(300),
        max_connections: 40,
        ..ServeOptions::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        shinchoku_web::serve_state(listener, state, &options, async move {
            let _ = stopped.await;
        })
        .await
    });
    let mut idle = Vec::new();
    for _ in 0..30 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    let mut half = TcpStream::connect(addr).await.unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ")
        .await
        .unwrap();
    // A keep-alive connection that made one request and then says nothing.
    let mut kept = TcpStream::connect(addr).await.unwrap();
    kept.write_all(b"GET /static/style.css HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 12];
    kept.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    // A normal request is answered while they wait.
    assert_eq!(http_get(addr, "/plans/1").await.0, 200);
    // All of them are closed by the server.
    assert!(closed(half).await, "half-sent request");
    assert!(closed(kept).await, "idle keep-alive connection");
    for s in idle {
        assert!(closed(s).await, "idle connection");
    }
    // More connections than the limit: each waits its turn and is answered.
    let many: Vec<_> = (0..60)
        .map(|_| tokio::spawn(http_get(addr, "/static/style.css")))
        .collect();
    for h in many {
        assert_eq!(h.await.unwrap().0, 200);
    }
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn shutdown_lets_the_request_in_flight_finish() {
    let (started_tx, started_rx) = tokio::sync::mpsc::channel::<()>(1);
    let app = Router::new().route(
        "/slow",
        get(move || {
            let started = started_tx.clone();
            async move {
                let _ = started.send(()).await;
                tokio::time::sleep(Duration::from_millis(500)).await;
                "done"
            }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        serve_router(listener, app, &ServeOptions::default(), async move {
            let _ = stopped.await;
        })
        .await
    });
    let request = tokio::spawn(http_get(addr, "/slow"));
    let mut started_rx = started_rx;
    started_rx.recv().await.unwrap();
    let _ = stop.send(());
    let (status, body) = request.await.unwrap();
    assert_eq!(status, 200);
    assert!(body.ends_with("done"), "{body}");
    // serve returns once the request is answered.
    tokio::time::timeout(Duration::from_secs(30), server)
        .await
        .expect("serve returned")
        .unwrap()
        .unwrap();
    // And accepts nothing more.
    assert!(TcpStream::connect(addr).await.is_err() || http_get_fails(addr).await);
}

async fn http_get_fails(addr: std::net::SocketAddr) -> bool {
    let Ok(mut s) = TcpStream::connect(addr).await else {
        return true;
    };
    let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n").await;
    let mut buf = Vec::new();
    matches!(
        tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf)).await,
        Ok(Ok(0)) | Ok(Err(_))
    )
}
