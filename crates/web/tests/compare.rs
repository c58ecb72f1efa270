#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The comparison page (`/compare/{kind}`), its CSV, the proposal of the national policy
//! package's areas for the seeds' groups, and division pages per municipality (issue 12,
//! item 2), against the five seeds read through `read_document`.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use shinchoku_core::package::propose;
use shinchoku_core::{FiscalYear, Plan, PlanKind};
use shinchoku_web::{AppState, Catalog, router};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use tower::ServiceExt;

const KIND: &str = "suicide_prevention";

fn plans() -> &'static Vec<(i64, Plan)> {
    static PLANS: OnceLock<Vec<(i64, Plan)>> = OnceLock::new();
    PLANS.get_or_init(|| {
        common::seed_plans()
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i as i64 + 1, p))
            .collect()
    })
}

fn app_of(plans: Vec<(i64, Plan)>) -> Router {
    router(AppState::new(Catalog::new(plans)))
}

fn app() -> Router {
    static STATE: OnceLock<AppState> = OnceLock::new();
    router(
        STATE
            .get_or_init(|| AppState::new(Catalog::new(plans().clone())))
            .clone(),
    )
}

async fn get_from(app: Router, uri: &str) -> (StatusCode, HeaderMap, String) {
    let req = Request::builder()
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default();
    let response = match app.oneshot(req).await {
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
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn get(uri: &str) -> (StatusCode, HeaderMap, String) {
    get_from(app(), uri).await
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

/// A CSV of the comparison, parsed: (area code, municipality) → column name → value.
fn parse_csv(body: &str) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let body = body.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    let mut out = BTreeMap::new();
    for row in reader.records() {
        let row = row.expect("a CSV row");
        let cells: BTreeMap<String, String> = headers
            .iter()
            .cloned()
            .zip(row.iter().map(str::to_owned))
            .collect();
        let key = (
            cells.get("政策領域コード").cloned().unwrap_or_default(),
            cells.get("自治体").cloned().unwrap_or_default(),
        );
        out.insert(key, cells);
    }
    out
}

fn plan_of(municipality: &str) -> &'static Plan {
    &plans()
        .iter()
        .find(|(_, p)| p.municipality.name == municipality && p.kind == PlanKind::SuicidePrevention)
        .expect("a seed plan")
        .1
}

/// The areas the proposal gives the seeds' groups, from their titles: every group named.
#[test]
fn the_proposal_maps_the_seeds_groups_exactly() {
    let mut got: Vec<(String, String, String)> = Vec::new();
    for (_, p) in plans() {
        if let Some(m) = propose(p) {
            for g in m.groups {
                got.push((
                    p.municipality.name.clone(),
                    g.group.to_string(),
                    g.area.unwrap_or_default(),
                ));
            }
        }
    }
    let want: Vec<(String, String, String)> = [
        ("熊谷市", "基本施策1", "basic-1"),
        ("熊谷市", "基本施策2", "basic-2"),
        ("熊谷市", "基本施策3", "basic-3"),
        ("熊谷市", "基本施策4", "basic-4"),
        ("熊谷市", "基本施策5", "basic-5"),
        ("小樽市", "基本施策①", "basic-1"),
        ("小樽市", "基本施策②", "basic-2"),
        ("小樽市", "基本施策③", "basic-3"),
        ("小樽市", "基本施策④", "basic-4"),
        // 「児童生徒の SOS の出し方に関する教育」: spaces and width folded.
        ("小樽市", "基本施策⑤", "basic-5"),
        ("小樽市", "重点施策①", "priority-elderly"),
        ("小樽市", "重点施策②", "priority-needy"),
        ("小樽市", "重点施策③", "priority-work"),
        ("清瀬市", "基本施策1", "basic-1"),
        ("清瀬市", "基本施策2", "basic-2"),
        ("清瀬市", "基本施策3", "basic-3"),
        ("清瀬市", "基本施策4", "basic-4"),
        ("清瀬市", "重点施策1", "priority-work"),
        ("清瀬市", "重点施策2", "priority-needy"),
        ("清瀬市", "重点施策3", "priority-elderly"),
        ("清瀬市", "重点施策4", "priority-youth"),
    ]
    .iter()
    .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(got, want);
    // The 清瀬市 施策 under them inherit (no entry of their own); the 川口市 list has no groups.
    let kiyose = propose(plan_of("清瀬市")).expect("a package");
    let reason = &kiyose
        .entry(&shinchoku_core::GroupKey::new("重点施策2"))
        .expect("重点施策2")
        .reason;
    assert!(
        reason.contains("生活困窮") && reason.contains("無職"),
        "an ambiguous title says so: {reason}"
    );
    assert!(
        propose(plan_of("川口市"))
            .expect("a package")
            .groups
            .is_empty()
    );
}

/// (area, municipality) → measures listed there, from the documents: 熊谷市's five 基本施策
/// (8 + 8 + 16 + 53 + 5 = its 90 measures), 小樽市's 取組状況 (20 measures, 「心の健康づくり
/// についての健康教育の実施」 listed again under 勤務・経営対策), 清瀬市's table (each measure once
/// per area, 再掲 included) and the 川口市 list, whose 136 measures have no 施策.
const MEASURES: &[(&str, &str, usize)] = &[
    ("basic-1", "熊谷市", 8),
    ("basic-2", "熊谷市", 8),
    ("basic-3", "熊谷市", 16),
    ("basic-4", "熊谷市", 53),
    ("basic-5", "熊谷市", 5),
    ("basic-1", "小樽市", 3),
    ("basic-2", "小樽市", 1),
    ("basic-3", "小樽市", 3),
    ("basic-4", "小樽市", 4),
    ("basic-5", "小樽市", 3),
    ("priority-elderly", "小樽市", 3),
    ("priority-needy", "小樽市", 2),
    ("priority-work", "小樽市", 2),
    ("basic-1", "清瀬市", 7),
    ("basic-2", "清瀬市", 6),
    ("basic-3", "清瀬市", 8),
    ("basic-4", "清瀬市", 4),
    ("priority-work", "清瀬市", 9),
    ("priority-needy", "清瀬市", 18),
    ("priority-elderly", "清瀬市", 17),
    ("priority-youth", "清瀬市", 32),
    ("", "川口市", 136),
];

#[tokio::test]
async fn the_comparison_counts_match_the_documents() {
    let (status, headers, body) = get(&format!("/compare/{KIND}/compare.csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv")),
        "a CSV"
    );
    assert!(body.starts_with('\u{feff}'), "BOM for Excel");
    assert!(body.contains("\r\n"), "CRLF");
    let rows = parse_csv(&body);
    // 12 areas (5 基本施策, 6 重点施策, none) × 4 plans.
    assert_eq!(rows.len(), 12 * 4);
    let measures = |area: &str, m: &str| -> usize {
        rows.get(&(area.to_owned(), m.to_owned()))
            .and_then(|r| r.get("事業数"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(usize::MAX)
    };
    for (area, m, n) in MEASURES {
        assert_eq!(measures(area, m), *n, "{m} {area}");
    }
    for ((area, m), _) in rows.iter() {
        if !MEASURES.iter().any(|(a, mm, _)| a == area && mm == m) {
            assert_eq!(measures(area, m), 0, "{m} {area}");
        }
    }
    // Every measure of a plan is counted in some area (再掲 in another area counted there too).
    for m in ["熊谷市", "小樽市", "清瀬市", "川口市"] {
        let plan = plan_of(m);
        let mut listed: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        for l in &plan.listings {
            listed.insert(l.measure.as_str());
        }
        let unlisted = plan
            .measures
            .iter()
            .filter(|x| !listed.contains(x.key.as_str()))
            .count();
        let none = measures("", m);
        assert_eq!(
            none, unlisted,
            "{m}: measures under no area are those without a 施策"
        );
    }
    // The year shown is each plan's latest with results.
    let year = |m: &str| {
        rows.get(&("basic-1".to_owned(), m.to_owned()))
            .and_then(|r| r.get("年度").cloned())
    };
    assert_eq!(year("熊谷市").as_deref(), Some("2021"));
    assert_eq!(year("小樽市").as_deref(), Some("2019"));
    // Done: the records of 熊谷市's 基本施策 in 令和3年度 whose 取組状況 is ア 実施済,
    // counted here straight from the document's records.
    let kumagaya = plan_of("熊谷市");
    for n in 1..=5 {
        let group = format!("基本施策{n}");
        let keys: Vec<&str> = kumagaya
            .listings
            .iter()
            .filter(|l| l.group.as_str() == group)
            .map(|l| l.measure.as_str())
            .collect();
        let records: Vec<_> = kumagaya
            .records
            .iter()
            .filter(|r| r.fiscal_year == FiscalYear(2021) && keys.contains(&r.measure.as_str()))
            .collect();
        let stated = records.iter().filter(|r| r.status.is_some()).count();
        let done = records
            .iter()
            .filter(|r| r.status.as_ref().is_some_and(|s| s.label == "実施済"))
            .count();
        let row = rows
            .get(&(format!("basic-{n}"), "熊谷市".to_owned()))
            .expect("a row");
        assert_eq!(
            row.get("記録数"),
            Some(&records.len().to_string()),
            "{group}"
        );
        assert_eq!(
            row.get("取組状況・達成度の記載"),
            Some(&stated.to_string()),
            "{group}"
        );
        assert_eq!(row.get("実施済"), Some(&done.to_string()), "{group}");
    }
    let row = |a: &str, m: &str| {
        rows.get(&(a.to_owned(), m.to_owned()))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        row("basic-1", "熊谷市").get("実施済").map(String::as_str),
        Some("9")
    );
    assert_eq!(
        row("basic-2", "熊谷市").get("実施済").map(String::as_str),
        Some("7")
    );
    assert_eq!(
        row("basic-2", "熊谷市")
            .get("実施済の割合(%)")
            .map(String::as_str),
        Some("88")
    );
    // 小樽市 reports texts only: no status, no achievement, so no share.
    assert_eq!(
        row("basic-1", "小樽市")
            .get("取組状況・達成度の記載")
            .map(String::as_str),
        Some("0")
    );
    assert_eq!(
        row("basic-1", "小樽市")
            .get("実施済の割合(%)")
            .map(String::as_str),
        Some("")
    );
    // 小樽市's relisted measure is counted under 勤務・経営 as 再掲 only.
    assert_eq!(
        row("priority-work", "小樽市")
            .get("うち再掲のみ")
            .map(String::as_str),
        Some("1")
    );
    // 川口市's costs of 令和4年度: the plan's total (shared totals once, duplicates never).
    let kawaguchi = plan_of("川口市");
    let total = shinchoku_core::totals::cost_total_by_year(kawaguchi)
        .get(&FiscalYear(2022))
        .copied()
        .unwrap_or(0);
    assert!(total > 0);
    assert_eq!(row("", "川口市").get("経費(円)"), Some(&total.to_string()));
    assert_eq!(
        row("", "川口市").get("記録数").map(String::as_str),
        Some("149")
    );
}

#[tokio::test]
async fn the_comparison_page_lines_up_the_four_plans() {
    let (status, _, body) = get(&format!("/compare/{KIND}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.matches("<h1").count(), 1);
    for m in ["川口市", "熊谷市", "小樽市", "清瀬市"] {
        assert!(body.contains(m), "{m}");
    }
    assert!(!body.contains("地域共生"), "only plans of the kind");
    for area in [
        "基本施策1 地域におけるネットワークの強化",
        "基本施策5 児童生徒のSOSの出し方に関する教育",
        "重点施策 高齢者",
        "重点施策 生活困窮者",
        "重点施策 子ども・若者",
        "重点施策 勤務・経営",
    ] {
        assert!(body.contains(area), "{area}");
    }
    // Tables have captions and scoped headers, and scroll inside a focusable region.
    let tables = body.matches("<table").count();
    assert_eq!(tables, body.matches("<caption").count());
    assert!(tables >= 12, "{tables} tables");
    assert!(body.contains("<th scope=\"col\">"));
    assert!(body.contains("<th scope=\"row\">"));
    assert_eq!(
        body.matches("role=\"region\"").count(),
        body.matches("tabindex=\"0\"").count()
    );
    // The overview: 熊谷市 8 measures under 基本施策1, 100 % done.
    assert!(body.contains("8事業<br>100%"), "熊谷市 基本施策1");
    // Measures with their share done in text, and the year carried in the plan's links.
    assert!(body.contains("実施済 9件／記載 9件（100%）"));
    assert!(body.contains("?year=2021"), "熊谷市's links carry its year");
    // Nothing internal: no file name, no line number.
    for internal in [".txt", " line ", "行目", "位置不明"] {
        assert!(!body.contains(internal), "{internal}");
    }
    // The filters: a GET form, the CSV link with the same query.
    assert!(body.contains("<form method=\"get\" action=\"/compare/suicide_prevention\""));
    let (_, _, y) = get(&format!("/compare/{KIND}?year=2019")).await;
    assert!(y.contains("href=\"/compare/suicide_prevention/compare.csv?year=2019\""));
    // 令和元年度: 小樽市 and 清瀬市 report it; 熊谷市 and 川口市 do not.
    assert!(y.matches("この年度の公表なし").count() >= 2);
    assert!(y.contains("<option value=\"2019\" selected>"));
    let (status, _, _) = get(&format!("/compare/{KIND}?year=2010")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a year no plan published");
    let (status, _, _) = get(&format!("/compare/{KIND}?year=abc")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = get("/compare/community_welfare").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no package for the kind");
    let (status, _, _) = get("/compare/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, index) = get("/compare").await;
    assert_eq!(status, StatusCode::OK);
    assert!(index.contains("href=\"/compare/suicide_prevention\""));
    // Linked from every page's navigation.
    let (_, _, home) = get("/").await;
    assert!(home.contains("href=\"/compare\""));
}

/// The prefecture filter (from the 団体コード), unpublished years, a stored mapping, and a
/// formula in a title.
#[tokio::test]
async fn filters_publication_and_stored_mappings() {
    let mut plans: Vec<(i64, Plan)> = plans()
        .iter()
        .filter(|(_, p)| p.kind == PlanKind::SuicidePrevention)
        .cloned()
        .collect();
    for (_, p) in &mut plans {
        p.municipality.code = match p.municipality.name.as_str() {
            "小樽市" => Some("012033".into()),
            "清瀬市" => Some("132217".into()),
            _ => Some("112038".into()),
        };
    }
    // 清瀬市 collects 令和6年度 (open, not published): it must not appear.
    if let Some((_, p)) = plans
        .iter_mut()
        .find(|(_, p)| p.municipality.name == "清瀬市")
    {
        let due = shinchoku_core::cycle::Date::new(2025, 5, 31).expect("a date");
        shinchoku_core::cycle::open_year(
            p,
            FiscalYear(2024),
            due,
            &shinchoku_core::Location::default(),
        )
        .expect("opened");
        // The secretariat moved 重点施策4 out of the comparison.
        let mut m = propose(p).expect("a package");
        if let Some(e) = m
            .groups
            .iter_mut()
            .find(|g| g.group.as_str() == "重点施策4")
        {
            e.area = None;
            e.source = shinchoku_core::package::MappingSource::Confirmed;
        }
        p.package = Some(m);
    }
    if let Some((_, p)) = plans
        .iter_mut()
        .find(|(_, p)| p.municipality.name == "小樽市")
    {
        p.title = "=HYPERLINK(\"http://x\")".into();
    }
    let app = app_of(plans);
    let (status, _, body) = get_from(
        app.clone(),
        &format!("/compare/{KIND}?pref={}", enc("北海道")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("小樽市") && !body.contains("清瀬市") && !body.contains("熊谷市"));
    let (_, _, body) = get_from(app.clone(), &format!("/compare/{KIND}")).await;
    assert!(
        !body.contains("令和6年度"),
        "an unpublished year is never offered"
    );
    assert!(body.contains("事務局確認済"), "a confirmed mapping says so");
    let (status, _, _) = get_from(app.clone(), &format!("/compare/{KIND}?year=2024")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = get_from(
        app.clone(),
        &format!("/compare/{KIND}?pref={}", enc("沖縄県")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, _, csv) = get_from(app.clone(), &format!("/compare/{KIND}/compare.csv")).await;
    assert!(csv.contains("'=HYPERLINK"), "a formula is neutralised");
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"));
    let rows = parse_csv(&csv);
    let n = |a: &str| {
        rows.get(&(a.to_owned(), "清瀬市".to_owned()))
            .and_then(|r| r.get("事業数").cloned())
            .unwrap_or_default()
    };
    assert_eq!(n("priority-youth"), "0", "a group set to no area leaves it");
    assert_eq!(n(""), "32", "its measures are then under no area");
}

/// Divisions per municipality: two cities' 生活福祉課 are two divisions.
#[tokio::test]
async fn divisions_are_per_municipality() {
    let (status, _, body) = get(&format!("/divisions/{}", enc("生活福祉課"))).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the old URL of a shared name asks which"
    );
    assert!(body.contains(&format!(
        "href=\"/divisions/{}/{}\"",
        enc("熊谷市"),
        enc("生活福祉課")
    )));
    assert!(body.contains(&format!(
        "href=\"/divisions/{}/{}\"",
        enc("清瀬市"),
        enc("生活福祉課")
    )));
    let (status, headers, _) = get(&format!("/divisions/{}", enc("職員課"))).await;
    assert_eq!(
        status,
        StatusCode::PERMANENT_REDIRECT,
        "one municipality: redirected"
    );
    assert_eq!(
        headers.get(header::LOCATION).and_then(|v| v.to_str().ok()),
        Some(format!("/divisions/{}/{}", enc("川口市"), enc("職員課")).as_str())
    );
    let (status, _, _) = get(&format!("/divisions/{}", enc("存在しない課"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, kumagaya) = get(&format!(
        "/divisions/{}/{}",
        enc("熊谷市"),
        enc("生活福祉課")
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(kumagaya.contains("熊谷市自殺対策計画"));
    assert!(
        !kumagaya.contains("清瀬市自殺対策計画"),
        "only its own municipality's plans"
    );
    let (_, _, kiyose) = get(&format!(
        "/divisions/{}/{}",
        enc("清瀬市"),
        enc("生活福祉課")
    ))
    .await;
    assert!(kiyose.contains("清瀬市自殺対策計画") && !kiyose.contains("熊谷市自殺対策計画"));
    let (status, _, _) = get(&format!(
        "/divisions/{}/{}",
        enc("小樽市"),
        enc("生活福祉課")
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // 東京都 is a partner organisation of 清瀬市's plan.
    let (status, _, tokyo) = get(&format!("/divisions/{}/{}", enc("清瀬市"), enc("東京都"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(tokyo.contains("清瀬市の関係機関・団体です"));
    // The index: one section per municipality, partners apart.
    let (_, _, index) = get("/divisions").await;
    for m in ["川口市", "熊谷市", "小樽市", "清瀬市"] {
        assert!(index.contains(&format!("\">{m}</h2>")), "{m}");
    }
    let kiyose_section = index
        .split("\">清瀬市</h2>")
        .nth(1)
        .and_then(|s| s.split("<h2").next())
        .unwrap_or_default();
    assert!(kiyose_section.contains("関係機関・団体"));
    let partners = kiyose_section
        .split("関係機関・団体")
        .nth(1)
        .unwrap_or_default();
    assert!(
        partners.contains(">東京都</a>"),
        "東京都 among 清瀬市's partners"
    );
    assert!(!partners.contains(">関係各課</a>"));
    // Links from a measure page go to the municipality's division.
    let (id, plan) = plans()
        .iter()
        .find(|(_, p)| p.municipality.name == "熊谷市")
        .expect("熊谷市");
    let m = plan
        .measures
        .iter()
        .find(|m| {
            plan.assignments
                .iter()
                .any(|a| a.measure == m.key && a.division.as_str() == "生活福祉課")
        })
        .expect("a measure of 生活福祉課");
    let (_, _, page) = get(&format!("/plans/{id}/measures/{}", enc(m.key.as_str()))).await;
    assert!(page.contains(&format!(
        "href=\"/divisions/{}/{}\"",
        enc("熊谷市"),
        enc("生活福祉課")
    )));
}
