//! Requests every page type against the five seeds (read through `read_document`) and a
//! plan full of hostile strings.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use shinchoku_core::{
    Assignment, CostItem, CostSharing, Division, DivisionKey, FiscalYear, Group, GroupKey,
    GroupKind, Indicator, IndicatorKey, Listing, Location, Measure, MeasureKey, Observation, Plan,
    PlanKind, ProgressRecord, SourceDocument, Status, StatusScale, Value,
};
use shinchoku_web::{AppState, Catalog, router};
use std::sync::OnceLock;
use tower::ServiceExt;

const HOSTILE: &str = "<script>alert(1)</script>\"'&";
const HOSTILE_ID: i64 = 99;

fn hostile_plan() -> Plan {
    let h = |s: &str| format!("{s}{HOSTILE}");
    let mut plan = Plan::new(h("市"), h("計画"), PlanKind::Other(h("種別")));
    plan.philosophy = Some(h("理念"));
    plan.status_scale = StatusScale::a_to_o();
    plan.sources
        .push(SourceDocument::new(h("file"), h("資料"), "kiyose", ""));
    plan.groups.push(Group {
        key: GroupKey::new(h("g")),
        kind: GroupKind::BasicPolicy,
        label: h("基本施策"),
        number: Some(h("1")),
        title: h("相談ネットワーク"),
        parent: None,
        location: Location::new(h("file"), 1),
    });
    plan.divisions.push(Division {
        key: DivisionKey::new(h("課")),
        name: h("課"),
        department: None,
        external: false,
        renames: vec![],
    });
    plan.measures.push(Measure {
        key: MeasureKey::new(h("m")),
        number: Some(h("1")),
        name: h("相談事業"),
        description: Some(h("説明")),
        audience: Some(h("対象")),
        plan_page: Some(h("P.")),
        location: Location::new(h("file"), 2),
    });
    plan.listings.push(Listing {
        measure: MeasureKey::new(h("m")),
        group: GroupKey::new(h("g")),
        relisted: false,
        location: Location::new(h("file"), 2),
    });
    plan.assignments.push(Assignment {
        measure: MeasureKey::new(h("m")),
        division: DivisionKey::new(h("課")),
        location: Location::new(h("file"), 2),
    });
    let mut r = ProgressRecord::new(
        MeasureKey::new(h("m")),
        Some(DivisionKey::new(h("課"))),
        FiscalYear(2022),
        Location::new(h("file"), 3),
    );
    r.result_text = Some(h("相談を実施"));
    r.evaluation_text = Some(h("評価"));
    r.status = Some(Status {
        code: Some("ア".into()),
        label: "実施済".into(),
        original: h("ア"),
    });
    r.costs.push(CostItem {
        label: Some(h("経費")),
        amount_yen: Some(1000),
        note: Some(h("注")),
        sharing: CostSharing::SharedTotal {
            measures: vec![MeasureKey::new(h("m"))],
        },
        original: h("1,000円"),
    });
    plan.records.push(r);
    let obs = |y: i32, v: f64| Observation {
        fiscal_year: Some(FiscalYear(y)),
        value: Value::Number(v),
        original: h(&v.to_string()),
        location: Location::new(h("file"), 4),
    };
    plan.indicators.push(Indicator {
        key: IndicatorKey::new(h("i")),
        name: h("相談件数"),
        group: Some(GroupKey::new(h("g"))),
        measure: None,
        kind: None,
        unit: Some(h("件")),
        polarity: Default::default(),
        baseline: Some(obs(2021, 10.0)),
        targets: vec![obs(2022, 20.0)],
        actuals: vec![obs(2022, 15.0)],
        reported_grades: vec![],
        activities: vec![],
        location: Location::new(h("file"), 4),
    });
    plan.refresh_fiscal_years();
    plan
}

fn plans() -> &'static Vec<(i64, Plan)> {
    static PLANS: OnceLock<Vec<(i64, Plan)>> = OnceLock::new();
    PLANS.get_or_init(|| {
        let mut v: Vec<(i64, Plan)> = common::seed_plans()
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i as i64 + 1, p))
            .collect();
        v.push((HOSTILE_ID, hostile_plan()));
        v
    })
}

fn app() -> Router {
    static STATE: OnceLock<AppState> = OnceLock::new();
    router(
        STATE
            .get_or_init(|| AppState::new(Catalog::new(plans().clone())))
            .clone(),
    )
}

async fn get_with(uri: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = Request::builder().uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req.body(Body::empty()).unwrap_or_default();
    let response = match app().oneshot(req).await {
        Ok(r) => r,
        Err(e) => match e {},
    };
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    (status, headers, body)
}

async fn get(uri: &str) -> (StatusCode, String) {
    let (status, _, body) = get_with(uri, &[]).await;
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn find_plan(layout: &str) -> Option<&'static (i64, Plan)> {
    plans()
        .iter()
        .find(|(_, p)| p.sources.iter().any(|s| s.layout == layout))
}

/// Every URL of every page type for every plan.
fn all_urls() -> Vec<String> {
    let mut urls = vec![
        "/".to_owned(),
        "/findings".into(),
        "/glossary".into(),
        "/divisions".into(),
        "/compare".into(),
        "/compare/suicide_prevention".into(),
        "/compare/suicide_prevention/compare.csv".into(),
        "/search".into(),
        "/search?q=%E7%9B%B8%E8%AB%87".into(),
        "/static/style.css".into(),
        "/api/plans".into(),
        "/api/findings".into(),
        "/api/openapi.json".into(),
    ];
    for (id, plan) in plans() {
        urls.push(format!("/plans/{id}"));
        for y in &plan.fiscal_years {
            urls.push(format!("/plans/{id}?year={}", y.0));
        }
        urls.push(format!("/plans/{id}/report"));
        urls.push(format!("/plans/{id}/report.csv"));
        urls.push(format!("/plans/{id}/report.xlsx"));
        urls.push(format!("/plans/{id}/findings"));
        urls.push(format!("/api/plans/{id}"));
        urls.push(format!("/api/plans/{id}/groups"));
        urls.push(format!("/api/plans/{id}/measures"));
        urls.push(format!("/api/plans/{id}/records"));
        urls.push(format!("/api/plans/{id}/indicators"));
        urls.push(format!("/api/plans/{id}/findings"));
        if !plan.indicators.is_empty()
            || !plan.ratings.is_empty()
            || !plan.outlooks.is_empty()
            || plan.records.iter().any(|r| r.grade.is_some())
        {
            urls.push(format!("/plans/{id}/evaluation"));
        }
        for g in &plan.groups {
            urls.push(format!("/plans/{id}/groups/{}", enc(g.key.as_str())));
            urls.push(format!("/api/plans/{id}/groups/{}", enc(g.key.as_str())));
        }
        for m in &plan.measures {
            urls.push(format!("/plans/{id}/measures/{}", enc(m.key.as_str())));
            urls.push(format!("/api/plans/{id}/measures/{}", enc(m.key.as_str())));
        }
        for i in &plan.indicators {
            urls.push(format!("/plans/{id}/indicators/{}", enc(i.key.as_str())));
            urls.push(format!(
                "/api/plans/{id}/indicators/{}",
                enc(i.key.as_str())
            ));
        }
        for d in &plan.divisions {
            urls.push(format!(
                "/divisions/{}/{}",
                enc(&plan.municipality.name),
                enc(&d.name)
            ));
        }
    }
    urls
}

#[tokio::test]
async fn every_page_renders() {
    let urls = all_urls();
    assert!(urls.len() > 50, "only {} urls", urls.len());
    for url in urls {
        let (status, body) = get(&url).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{url}: {}",
            &body[..body.len().min(300)]
        );
    }
}

#[tokio::test]
async fn html_pages_are_accessible_shaped() {
    for (id, _) in plans() {
        for url in [format!("/plans/{id}"), format!("/plans/{id}/report")] {
            let (_, body) = get(&url).await;
            assert!(body.contains("<html lang=\"ja\">"), "{url}");
            assert_eq!(body.matches("<h1").count(), 1, "{url}: one h1");
            // tabindex="-1": the skip link moves focus to main.
            assert!(body.contains("<main id=\"main\" tabindex=\"-1\">"), "{url}");
            assert!(body.contains("href=\"#main\""), "{url}: skip link");
            assert!(
                body.contains("aria-label=\"現在位置\""),
                "{url}: breadcrumbs"
            );
            assert!(!body.contains("style="), "{url}: no inline style");
            assert!(!body.contains("<script"), "{url}: no script");
        }
    }
}

#[tokio::test]
async fn kawaguchi_list_measure_page() {
    let Some((id, plan)) = find_plan("kawaguchi_list") else {
        panic!("the kawaguchi_list seed yields no plan");
    };
    let m = plan.measures.iter().find(|m| m.name == "階層別研修");
    let Some(m) = m else {
        panic!("階層別研修 not found in the Kawaguchi list");
    };
    let (status, body) = get(&format!("/plans/{id}/measures/{}", enc(m.key.as_str()))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("職員課"), "division shown");
    assert!(body.contains("修了者数"), "output label shown");
    assert!(body.contains("93名"), "93名");
    let (_, report) = get(&format!("/plans/{id}/report")).await;
    assert!(report.contains("階層別研修"));
    assert!(report.contains("令和5年度の方向性"));
    // 経費 cells as the document writes them (lines 138–140, 149, 14 of seed 000).
    assert_eq!(
        report
            .matches("<td class=\"pre\">40,000円 (No.71、72、73の総額)</td>")
            .count(),
        3
    );
    assert!(report.contains("<td class=\"pre\">444,999円 (No.75と重複)</td>"));
    assert!(report.contains(
        "<td class=\"pre\">①各種専門相談(報償金) 11,027,500円 ②消費生活相談(報酬等) 9,705,336円</td>"
    ));
    let (_, csv_headers, csv) = get_with(&format!("/plans/{id}/report.csv"), &[]).await;
    assert!(csv.starts_with(b"\xEF\xBB\xBFNo.,"));
    assert!(
        csv_headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/csv"))
    );
    let (_, _, xlsx) = get_with(&format!("/plans/{id}/report.xlsx"), &[]).await;
    assert!(xlsx.starts_with(b"PK"));
}

#[tokio::test]
async fn kiyose_measure_shows_division_and_department_renames() {
    let Some((id, plan)) = find_plan("kiyose") else {
        panic!("the kiyose seed yields no plan");
    };
    let name = "自治会、円卓会議等のネットワークの構築・強化";
    let Some(m) = plan.measures.iter().find(|m| m.name == name) else {
        panic!("{name} not found in the Kiyose seed");
    };
    let (status, body) = get(&format!("/plans/{id}/measures/{}", enc(m.key.as_str()))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("シティプロモーション課"), "division shown");
    assert!(body.contains("「市民協働課」"), "division rename shown");
    assert!(body.contains("企画部"), "department shown");
    assert!(body.contains("「地域振興部」"), "department rename shown");
}

#[tokio::test]
async fn search_two_characters_across_plans() {
    let (status, body) = get("/search?q=%E7%9B%B8%E8%AB%87").await; // 相談
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<mark>相談</mark>"));
    let municipalities: std::collections::BTreeSet<&str> = plans()
        .iter()
        .filter(|(id, _)| *id != HOSTILE_ID)
        .map(|(_, p)| p.municipality.name.as_str())
        .filter(|m| body.contains(&format!("— {m} ")))
        .collect();
    let seeds = plans().iter().filter(|(id, _)| *id != HOSTILE_ID).count();
    if seeds >= 2 {
        assert!(
            municipalities.len() >= 2,
            "hits from several plans: {municipalities:?}"
        );
    }
    // JSON API
    let (status, json) = get("/api/search?q=%E9%AB%98%E9%BD%A2").await; // 高齢
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert!(v["total"].as_u64().is_some());
    // Filters: a plan filter keeps only that plan.
    let (status, body) = get(&format!(
        "/api/search?q=%E7%9B%B8%E8%AB%87&plan={HOSTILE_ID}"
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let hits = v["hits"].as_array().cloned().unwrap_or_default();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["plan_id"] == HOSTILE_ID));
}

#[tokio::test]
async fn hostile_strings_are_escaped_everywhere() {
    let plan = hostile_plan();
    let m = enc(plan.measures[0].key.as_str());
    let g = enc(plan.groups[0].key.as_str());
    let i = enc(plan.indicators[0].key.as_str());
    let d = format!(
        "{}/{}",
        enc(&plan.municipality.name),
        enc(&plan.divisions[0].name)
    );
    let id = HOSTILE_ID;
    for url in [
        "/".to_owned(),
        format!("/plans/{id}"),
        format!("/plans/{id}/groups/{g}"),
        format!("/plans/{id}/measures/{m}"),
        format!("/plans/{id}/indicators/{i}"),
        format!("/plans/{id}/report"),
        format!("/plans/{id}/evaluation"),
        format!("/plans/{id}/findings"),
        "/findings".into(),
        format!("/divisions/{d}"),
        "/divisions".into(),
        "/search?q=%E7%9B%B8%E8%AB%87".into(),
        "/search?q=%3Cscript%3E".into(),
        format!("/plans/{id}/measures/%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ] {
        let (_, body) = get(&url).await;
        assert!(
            !body.contains("<script"),
            "{url} has an unescaped script tag"
        );
        assert!(!body.contains("\"'&"), "{url} has unescaped quotes");
        if !url.starts_with("/search?q=%3C")
            && !url.ends_with("%3C%2Fscript%3E")
            && url != "/findings"
        {
            assert!(
                body.contains("&#60;script&#62;alert(1)")
                    || body.contains("&lt;script&gt;alert(1)"),
                "{url} does not show the escaped text"
            );
        }
    }
}

#[tokio::test]
async fn security_and_caching_headers() {
    let (status, headers, _) = get_with("/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    let h = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let csp = h(header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(!h(header::REFERRER_POLICY).is_empty());
    assert_eq!(h(header::CONTENT_ENCODING), "gzip");
    let etag = h(header::ETAG);
    assert!(etag.starts_with("W/\""));
    assert!(h(header::LAST_MODIFIED).ends_with(" GMT"));
    let (status, _, body) = get_with("/", &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    // Error pages carry the headers too.
    let (status, headers, _) = get_with("/plans/999999", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers.get(header::CONTENT_SECURITY_POLICY).is_some());
}

#[tokio::test]
async fn bad_ids_and_parameters() {
    let id = HOSTILE_ID;
    for (url, expected) in [
        ("/plans/abc".to_owned(), StatusCode::BAD_REQUEST),
        ("/plans/999999".into(), StatusCode::NOT_FOUND),
        ("/plans/-1".into(), StatusCode::NOT_FOUND),
        (
            "/plans/99999999999999999999999".into(),
            StatusCode::BAD_REQUEST,
        ),
        ("/plans/abc/measures/x".into(), StatusCode::BAD_REQUEST),
        ("/api/plans/999999".into(), StatusCode::NOT_FOUND),
        ("/api/plans/999999/measures".into(), StatusCode::NOT_FOUND),
        ("/api/plans/x1/groups".into(), StatusCode::BAD_REQUEST),
        (format!("/plans/{id}/measures/nope"), StatusCode::NOT_FOUND),
        (format!("/plans/{id}/groups/nope"), StatusCode::NOT_FOUND),
        (
            format!("/plans/{id}/indicators/nope"),
            StatusCode::NOT_FOUND,
        ),
        ("/divisions/nope".into(), StatusCode::NOT_FOUND),
        ("/nowhere".into(), StatusCode::NOT_FOUND),
        (format!("/plans/{id}?year=abc"), StatusCode::BAD_REQUEST),
        (format!("/plans/{id}?year=1999"), StatusCode::BAD_REQUEST),
        (
            format!("/plans/{id}?year=2022&year=2023"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/plans/{id}/evaluation?year=x"),
            StatusCode::BAD_REQUEST,
        ),
        ("/search?q=a&year=abc".into(), StatusCode::BAD_REQUEST),
        ("/search?q=a&plan=abc".into(), StatusCode::BAD_REQUEST),
        (
            format!("/search?q={}", "a".repeat(200)),
            StatusCode::BAD_REQUEST,
        ),
        ("/api/plans/abc".into(), StatusCode::BAD_REQUEST),
        (
            format!("/api/plans/{id}/records?year=abc"),
            StatusCode::BAD_REQUEST,
        ),
        ("/api/search?q=".into(), StatusCode::BAD_REQUEST),
    ] {
        let (status, body) = get(&url).await;
        assert_eq!(status, expected, "{url}");
        if url.starts_with("/api/") {
            assert!(body.contains("\"error\""), "{url}: JSON error");
        } else {
            assert!(
                body.contains("<html lang=\"ja\">"),
                "{url}: HTML error page"
            );
        }
    }
}

#[tokio::test]
async fn dashboard_shows_distribution_and_findings_link() {
    let (status, body) = get(&format!("/plans/{HOSTILE_ID}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("令和4年度（2022年度）"));
    assert!(body.contains("<svg"));
    assert!(body.contains("取組状況の内訳: 実施済 1件"));
    assert!(body.contains(&format!("/plans/{HOSTILE_ID}/findings")));
    assert!(body.contains("<label for=\"year\">"));
    let (_, ind) = get(&format!(
        "/plans/{HOSTILE_ID}/indicators/{}",
        enc(hostile_plan().indicators[0].key.as_str())
    ))
    .await;
    assert!(ind.contains("<polyline"), "target line");
    assert!(ind.contains("<th scope=\"row\">令和4年度（2022年度）</th>"));
}

/// The 川口市 評価報告書 states its cover date (line 7), 報告対象期間 (line 22) and 発行日
/// (line 921); the plan's dashboard names them beside the source, in 和暦 with the year.
#[tokio::test]
async fn dashboard_names_the_dates_a_report_states() {
    let (id, plan) = plans()
        .iter()
        .find(|(_, p)| p.title == "川口市地域共生社会推進計画")
        .expect("the 地域共生社会推進計画 of seed 004");
    assert!(plan.sources.iter().any(|s| s.layout == "kawaguchi_eval"));
    let (status, body) = get(&format!("/plans/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains(
            "表紙 令和7年3月（2025年）、報告対象期間 令和6年4月1日（2024年）～令和7年3月31日（2025年）、発行日 令和7年11月（2025年）"
        ),
        "dates of the source"
    );
    // A source that states no dates is named by its title; never by its file.
    let (kid, kplan) = find_plan("kiyose").expect("seed 003");
    let (_, body) = get(&format!("/plans/{kid}")).await;
    assert!(
        body.contains(&format!("<dd>{}</dd>", kplan.sources[0].title)),
        "{body}"
    );
    assert!(!body.contains("003_a91a11d8f2677ccb.txt"));
}

#[tokio::test]
async fn public_pages_name_sources_by_title_never_by_file_or_line() {
    for url in all_urls() {
        if url.starts_with("/api/")
            || url.contains(HOSTILE_ID.to_string().as_str()) && url.contains("/plans/99")
        {
            continue;
        }
        let (status, body) = get(&url).await;
        if status != StatusCode::OK {
            continue;
        }
        for (_, plan) in plans().iter() {
            for src in &plan.sources {
                if src.file.is_empty() {
                    continue;
                }
                assert!(
                    !body.contains(&src.file),
                    "{url} shows the file name {}",
                    src.file
                );
            }
        }
        assert!(!body.contains(".txt:"), "{url} shows a file:line");
        // Nor the reader's internals: 「line 78 field 16 (位置不明のセル)」, 「再掲 line 139」,
        // 「実績（12行目の再掲）」.
        if !url.ends_with(".xlsx") && !url.ends_with(".css") {
            for internal in ["位置不明", "行目", "field "] {
                assert!(!body.contains(internal), "{url} shows 「{internal}」");
            }
            let bytes = body.as_bytes();
            for (i, _) in body.match_indices("line ") {
                let next = bytes.get(i + 5).copied().unwrap_or(b' ');
                assert!(
                    !next.is_ascii_digit(),
                    "{url} shows a line number: {}",
                    &body[i.saturating_sub(60)..(i + 20).min(body.len())]
                );
            }
        }
    }
    let (id, plan) = find_plan("kawaguchi_list").expect("seed 000");
    let m = &plan.measures[0];
    let (_, body) = get(&format!("/plans/{id}/measures/{}", enc(m.key.as_str()))).await;
    assert!(
        body.contains(&format!(
            "「{}」（令和4年度（2022年度）までの報告）",
            plan.sources[0].title
        )),
        "{body}"
    );
}

#[tokio::test]
async fn seed_reports_reproduce_tables() {
    for (id, plan) in plans().iter().filter(|(id, _)| *id != HOSTILE_ID) {
        let (status, body) = get(&format!("/plans/{id}/report")).await;
        assert_eq!(status, StatusCode::OK);
        let tables = shinchoku_report::report_tables(plan);
        assert!(!tables.is_empty(), "{}: no table", plan.title);
        for t in &tables {
            assert!(
                body.contains(&format!("（{}行）", t.data_rows())),
                "{}: row count",
                plan.title
            );
        }
        if !plan.indicators.is_empty() {
            let (status, body) = get(&format!("/plans/{id}/evaluation")).await;
            assert_eq!(status, StatusCode::OK);
            assert!(body.contains("成果指標"));
        }
    }
}

#[tokio::test]
async fn openapi_document() {
    let (status, body) = get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    assert_eq!(v["openapi"], "3.1.0");
    for path in [
        "/api/plans",
        "/api/plans/{id}/groups",
        "/api/plans/{id}/measures/{key}",
        "/api/plans/{id}/records",
        "/api/plans/{id}/indicators",
        "/api/search",
        "/api/findings",
    ] {
        assert!(v["paths"][path].is_object(), "{path}");
    }
}

#[tokio::test]
async fn catalog_swaps_atomically() {
    let state = AppState::new(Catalog::new(vec![]));
    let app = router(state.clone());
    let req = || {
        Request::builder()
            .uri("/plans/99")
            .body(Body::empty())
            .unwrap_or_default()
    };
    let before = app.clone().oneshot(req()).await.map(|r| r.status()).ok();
    assert_eq!(before, Some(StatusCode::NOT_FOUND));
    state.replace(Catalog::new(vec![(HOSTILE_ID, hostile_plan())]));
    let after = app.oneshot(req()).await.map(|r| r.status()).ok();
    assert_eq!(after, Some(StatusCode::OK));
}

#[tokio::test]
async fn cached_pages_are_sent_compressed_as_accepted() {
    let uri = "/search?q=%E9%AB%98%E9%BD%A2"; // 高齢
    let (status, plain_headers, plain) = get_with(uri, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(plain_headers.get(header::CONTENT_ENCODING).is_none());
    let text = String::from_utf8_lossy(&plain).into_owned();
    assert!(text.contains("<mark>高齢</mark>"));
    // Twice each: the first answer renders and stores, the second comes from the cache.
    for _ in 0..2 {
        for (accept, coding) in [
            ("gzip", "gzip"),
            ("gzip, deflate, br", "br"),
            ("br;q=0, gzip", "gzip"),
            ("identity", ""),
        ] {
            let (status, headers, body) = get_with(uri, &[("accept-encoding", accept)]).await;
            assert_eq!(status, StatusCode::OK, "{accept}");
            let got = headers
                .get(header::CONTENT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            assert_eq!(got, coding, "{accept}");
            let vary = headers
                .get_all(header::VARY)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect::<Vec<_>>()
                .join(",")
                .to_ascii_lowercase();
            assert!(vary.contains("accept-encoding"), "{accept}: vary {vary}");
            let mut decoded = Vec::new();
            match coding {
                "gzip" => {
                    use std::io::Read;
                    let r = flate2::read::GzDecoder::new(body.as_slice()).read_to_end(&mut decoded);
                    assert!(r.is_ok(), "{accept}: gzip");
                }
                "br" => {
                    let r = brotli::BrotliDecompress(&mut body.as_slice(), &mut decoded);
                    assert!(r.is_ok(), "{accept}: brotli");
                }
                _ => decoded = body.clone(),
            }
            assert_eq!(decoded, plain, "{accept}: the same page");
            if !coding.is_empty() {
                assert!(body.len() < plain.len() / 2, "{accept}: compressed");
            }
        }
    }
}

/// Number of hits listed on a search page, and the total of its heading.
fn hits_on_page(body: &str) -> (usize, usize) {
    let listed = body.matches("<li><a href=\"/plans/").count();
    let total = body
        .split("検索結果 ")
        .nth(1)
        .and_then(|s| s.split('件').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (listed, total)
}

#[tokio::test]
async fn search_pages_of_twenty_and_filters() {
    let q = "%E7%9B%B8%E8%AB%87"; // 相談
    let (status, body) = get(&format!("/search?q={q}")).await;
    assert_eq!(status, StatusCode::OK);
    let (listed, total) = hits_on_page(&body);
    // As many hits as the API (100 a page) counts.
    let (_, json) = get(&format!("/api/search?q={q}")).await;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(Some(total as u64), v["total"].as_u64());
    assert!(total > 40, "{total} hits");
    assert_eq!(listed, 20);
    assert!(body.contains("aria-label=\"検索結果のページ\""));
    assert!(body.contains("rel=\"next\""));
    assert!(!body.contains("rel=\"prev\""));
    // Every page together lists every hit once.
    let pages = total.div_ceil(20);
    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=pages {
        let (status, body) = get(&format!("/search?q={q}&page={page}")).await;
        assert_eq!(status, StatusCode::OK);
        let (listed, t) = hits_on_page(&body);
        assert_eq!(t, total);
        assert_eq!(
            listed,
            if page < pages {
                20
            } else {
                total - 20 * (pages - 1)
            }
        );
        assert!(body.contains(&format!(
            "<ol class=\"hits\" start=\"{}\">",
            (page - 1) * 20 + 1
        )));
        for href in body.split("<li><a href=\"").skip(1) {
            if let Some(h) = href.split('"').next().filter(|h| h.starts_with("/plans/")) {
                assert!(seen.insert(h.to_owned()), "{h} on two pages");
            }
        }
    }
    assert_eq!(seen.len(), total);
    // The plan filter offers the plans with hits, with their counts adding up to the total.
    let sum: usize = body
        .split("件）</option>")
        .filter_map(|s| s.rsplit('（').next()?.parse::<usize>().ok())
        .sum();
    assert_eq!(sum, total);
    // No group filter without a plan; the groups of a chosen plan with one.
    assert!(!body.contains("id=\"f-group\""));
    let (id, plan) = find_plan("kiyose").unwrap_or(&plans()[0]);
    let (_, body) = get(&format!("/search?q={q}&plan={id}")).await;
    assert!(body.contains("id=\"f-group\""));
    let first_group = plan
        .groups
        .first()
        .map(|g| g.key.0.clone())
        .unwrap_or_default();
    assert!(body.contains(&format!("<option value=\"{first_group}\">")));
    // 自治体名: only the plans of matching municipalities.
    let name = plan.municipality.name.clone();
    let (_, body) = get(&format!("/search?q={q}&municipality={}", enc(&name))).await;
    let (listed, t) = hits_on_page(&body);
    assert!(t > 0 && t < total && listed > 0);
    for line in body
        .lines()
        .filter(|l| l.starts_with("<li><a href=\"/plans/"))
    {
        assert!(line.contains(&format!(" — {name} ")), "{line}");
    }
    // Bad page numbers.
    for bad in ["0", "x", "-1", "100000"] {
        let (status, _) = get(&format!("/search?q={q}&page={bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "page={bad}");
    }
}

#[tokio::test]
async fn dashboards_open_on_the_latest_year_with_results_and_groups_follow_the_year() {
    // 熊谷市's sheet states only plans for 令和4年度 and 清瀬市's table only plans for 令和5年度:
    // each dashboard opens on the year before, the latest with results.
    for (layout, year) in [("kumagaya", 2021), ("kiyose", 2022)] {
        let (id, plan) = find_plan(layout).expect("seed");
        assert!(plan.fiscal_years.contains(&FiscalYear(year + 1)));
        let (_, body) = get(&format!("/plans/{id}")).await;
        assert!(
            body.contains(&format!("<option value=\"{year}\" selected>")),
            "{layout}: default {year}"
        );
    }
    // A group page shows the chosen year, and its links to other groups keep it.
    let (id, plan) = find_plan("kiyose").expect("seed 003");
    let parent = plan
        .groups
        .iter()
        .find(|g| {
            plan.groups
                .iter()
                .any(|c| c.parent.as_ref() == Some(&g.key))
        })
        .expect("a group with children");
    let (status, body) = get(&format!(
        "/plans/{id}/groups/{}?year=2020",
        enc(parent.key.as_str())
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("事業（令和2年度（2020年度））"), "{body}");
    assert!(body.contains("?year=2020\""), "children keep the year");
    let (_, body) = get(&format!("/plans/{id}/groups/{}", enc(parent.key.as_str()))).await;
    assert!(body.contains("事業（令和4年度（2022年度））"));
    let (status, _) = get(&format!(
        "/plans/{id}/groups/{}?year=1999",
        enc(parent.key.as_str())
    ))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// The text of a page's 概況 section, tags removed and whitespace collapsed.
fn glance_text(body: &str) -> String {
    let start = body.find("<section class=\"glance\"").unwrap_or(body.len());
    let end = body[start..]
        .find("</section>")
        .map_or(body.len(), |e| start + e);
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_title = false;
    let section = &body[start..end];
    let mut i = 0;
    while i < section.len() {
        let rest = &section[i..];
        if rest.starts_with("<title>") {
            in_title = true;
        } else if rest.starts_with("</title>") {
            in_title = false;
        }
        let Some(c) = rest.chars().next() else { break };
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag && !in_title => out.push(c),
            _ => {}
        }
        i += c.len_utf8();
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plan_titled(title: &str) -> &'static (i64, Plan) {
    plans()
        .iter()
        .find(|(_, p)| p.title == title)
        .unwrap_or_else(|| panic!("seed plan {title}"))
}

/// The 概況 of each seed's default year, checked against the documents: 熊谷市's sheet marks
/// 健康サポート薬局 「エ 未実施 0 %」 in 令和3年度 after 100 % in 令和2年度; 川口市's evaluation
/// report grades フードドライブ設置数 D (目標 20か所, 実績 4か所).
#[tokio::test]
async fn dashboards_show_each_seeds_headline_figures_and_watch_list() {
    let cases: [(&str, &[&str]); 7] = [
        (
            "熊谷市自殺対策計画",
            &[
                "令和3年度（2021年度）の概況",
                "報告のあった事業 90事業（全90事業・記録91件） 前年度 86事業（4事業増）",
                "取組状況「実施済」 89件（記録91件中）",
                "取組状況「未実施」 2件（記録91件中）",
                "達成度（%） 中央値 100%（100%以上 86件、80〜99% 1件、50〜79% 1件、50%未満 2件）",
                "要注意（4件）",
                "未実施（2件）",
                "健康サポート薬局（健康づくり課） — 取組状況「未実施」",
                "学校教職員を対象としたゲートキーパー養成講座（教育研究所） — 取組状況「未実施」",
                "達成度が前年度より低下（2件）",
                "健康サポート薬局（健康づくり課） — 達成度 100% → 0%",
                "こんにちは赤ちゃん事業（母子健康センター） — 達成度 100% → 97%",
            ],
        ),
        (
            "清瀬市自殺対策計画",
            &[
                "令和4年度（2022年度）の概況",
                "「前年度」は令和3年度（2021年度）の値です。",
                "報告のあった事業 92事業（全93事業・記録93件） 前年度 92事業（増減なし）",
                "取組状況「未実施」 5件（記録93件中） 前年度 7件（2件減）",
                "達成度（区分） 実施 13件、未実施 5件 前年度 実施 13件、未実施 7件",
                "要注意（7件）",
                "スマイル・ベビーきよせ事業 — 達成度 96% → 93%",
                "ヘルプカードの配布 — 達成度 80% → 75%",
            ],
        ),
        (
            "川口市自殺対策推進計画",
            &[
                "令和4年度（2022年度）の概況",
                "報告のあった事業 136事業（全136事業・記録149件）",
                "経費の合計 2,235,269,650円",
                "翌年度の方向性 継続 139件、拡充 6件、縮小 1件、廃止 0件、完了 0件",
                "要注意（0件）",
            ],
        ),
        (
            "小樽市自殺対策計画",
            &[
                "令和元年度（2019年度）の概況",
                "報告のあった事業 20事業（全20事業・記録20件）",
            ],
        ),
        (
            "川口市地域共生社会推進計画",
            &[
                "令和6年度（2024年度）の概況",
                "目標の評価（5件）",
                "成果指標の評価（47件）",
                "S A B C D 2件 16件 17件 10件 2件",
                "要注意（12件）",
                "成果指標: フードドライブ設置数 — 評価 D",
            ],
        ),
        (
            "川口市成年後見制度利用促進計画",
            &["事業の評価（6件）", "A B 4件 2件", "要注意（0件）"],
        ),
        (
            "川口市再犯防止推進計画",
            &[
                "事業の評価（6件）",
                "A B C 2件 2件 2件",
                "評価がC以下（2件）",
                "② 住居の確保支援 — 評価 C",
                "⑥ 広報・啓発活動の推進 — 評価 C",
            ],
        ),
    ];
    for (title, expected) in cases {
        let (id, _) = plan_titled(title);
        let (status, body) = get(&format!("/plans/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        let text = glance_text(&body);
        for e in expected {
            assert!(text.contains(e), "{title}: 「{e}」 not in:\n{text}");
        }
    }
    // A plan without status columns draws no status figure; one without measures no
    // measure figure.
    let (id, _) = plan_titled("小樽市自殺対策計画");
    let text = glance_text(&get(&format!("/plans/{id}")).await.1);
    assert!(!text.contains("取組状況「"), "{text}");
    let (id, _) = plan_titled("川口市地域共生社会推進計画");
    let text = glance_text(&get(&format!("/plans/{id}")).await.1);
    assert!(!text.contains("報告のあった事業"), "{text}");
}

/// Plans whose measures are graded by their divisions (成年後見, 再犯防止) have an evaluation
/// report: the grades S → D with each measure's 評価・課題, and the plan's 今後の取組と課題.
#[tokio::test]
async fn measure_graded_plans_have_an_evaluation_report() {
    let (id, plan) = plan_titled("川口市再犯防止推進計画");
    let (status, body) = get(&format!("/plans/{id}/evaluation")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h2 id=\"measure-grades\">事業の評価</h2>"));
    let grades: Vec<&str> = body
        .match_indices("<span class=\"badge\">")
        .filter_map(|(i, m)| body[i + m.len()..].split('<').next())
        .collect();
    assert_eq!(grades, vec!["A", "A", "B", "B", "C", "C"]);
    let outlook = plan
        .outlooks
        .iter()
        .find(|o| o.group.is_none())
        .expect("the plan's 今後の取組と課題");
    let first_line = outlook.text.lines().next().unwrap_or_default();
    assert!(body.contains(first_line), "{first_line}");
    let (_, dashboard) = get(&format!("/plans/{id}")).await;
    assert!(dashboard.contains(&format!("/plans/{id}/evaluation\">評価報告書")));
    // A chosen year is kept by the link.
    let (_, chosen) = get(&format!("/plans/{id}?year=2024")).await;
    assert!(chosen.contains(&format!("/plans/{id}/evaluation?year=2024\">評価報告書")));
    // The measure page shows the measure's own grade.
    let graded = plan
        .records
        .iter()
        .find(|r| r.grade.is_some())
        .expect("graded");
    let (_, page) = get(&format!(
        "/plans/{id}/measures/{}",
        enc(graded.measure.as_str())
    ))
    .await;
    assert!(page.contains("評価（担当課）"));
}

/// 再掲, 達成度, 記載なし, 点検指摘 and the grades are explained where they appear, and all
/// together on /glossary.
#[tokio::test]
async fn terms_are_explained_where_they_appear() {
    let (status, body) = get("/glossary").await;
    assert_eq!(status, StatusCode::OK);
    for word in [
        "再掲",
        "達成度",
        "記載なし",
        "点検指摘",
        "評価（S〜D）",
        "要注意",
    ] {
        assert!(body.contains(&format!("{word}</dt>")), "{word}");
    }
    let (id, _) = find_plan("kiyose").expect("seed 003");
    let (_, dashboard) = get(&format!("/plans/{id}")).await;
    for anchor in [
        "term-tassei",
        "term-kisainashi",
        "term-youchuui",
        "term-tenken",
    ] {
        assert!(dashboard.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
    // 川口市's list has no status column: 記載なし is not explained where it does not appear.
    let (id, _) = find_plan("kawaguchi_list").expect("seed 000");
    let (_, dashboard) = get(&format!("/plans/{id}")).await;
    assert!(!dashboard.contains("id=\"term-kisainashi\""));
    assert!(dashboard.contains("id=\"term-houkousei\""));
    let (id, _) = plan_titled("川口市地域共生社会推進計画");
    let (_, evaluation) = get(&format!("/plans/{id}/evaluation")).await;
    assert!(evaluation.contains("id=\"term-hyoka\""));
    let (_, findings) = get("/findings").await;
    assert!(findings.contains("id=\"term-tenken\""));
}

/// The printed evaluation report has a cover and contents; a reported grade that contradicts
/// the plan's stated rule is flagged beside the grade the rule gives.
#[tokio::test]
async fn the_evaluation_report_prints_with_a_cover_and_flags_contradicting_grades() {
    let (id, plan) = plan_titled("川口市地域共生社会推進計画");
    let (_, body) = get(&format!("/plans/{id}/evaluation")).await;
    assert!(body.contains("<section class=\"print-cover\""));
    assert!(body.contains(&format!("<p class=\"cover-title\">{}</p>", plan.title)));
    assert!(body.contains("<h2 id=\"toc-h\">目次</h2>"));
    // Count the contradictions from the data: reported grade ≠ the scheme's grade.
    let year = FiscalYear(2024);
    let scheme = plan
        .rating_scheme
        .as_ref()
        .expect("the report states its rule");
    let expected = plan
        .indicators
        .iter()
        .filter(|i| {
            let reported = i.reported_grade(year).map(|g| g.grade.clone());
            match scheme.grade(i, year) {
                shinchoku_core::GradeOutcome::Computed { grade, .. } => {
                    reported.is_some_and(|r| r != grade)
                }
                _ => false,
            }
        })
        .count();
    let flagged = body
        .matches("<strong class=\"flag\">基準と異なる</strong>")
        .count();
    assert_eq!(flagged, expected);
    if expected > 0 {
        assert!(body.contains(&format!("基準と異なる評価: {expected}件")));
    }
}

/// 「年1回」 is once a year, not an item 「年」 with the value 1回: an output whose label does not
/// name the count is shown as written.
#[tokio::test]
async fn outputs_whose_label_is_not_a_name_are_shown_as_written() {
    let (id, plan) = find_plan("kiyose").expect("seed 003");
    let (record, output) = plan
        .records
        .iter()
        .find_map(|r| r.outputs.iter().find(|o| o.label == "年").map(|o| (r, o)))
        .expect("清瀬市 writes 「年1回」");
    let (_, body) = get(&format!(
        "/plans/{id}/measures/{}",
        enc(record.measure.as_str())
    ))
    .await;
    assert!(
        body.contains(&format!(
            "<td>—</td><td class=\"num\">—</td><td>{}</td>",
            output.original
        )),
        "{body}"
    );
    assert!(!body.contains("<td>年</td>"));
}
