//! A measure's 事務事業評価 on its public page: the cost breakdown per year and the measure's
//! own indicators, each a <table> with a caption and headers with scope.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use shinchoku_ingest::ReadOptions;
use shinchoku_ingest::mapping::{Profile, read_mapped};
use shinchoku_web::{AppState, Catalog, router};
use tower::ServiceExt;

const CSV: &str = "事業番号,事業名,担当課,活動指標1 名称,活動指標1 単位,R5 事業費,R5 国庫支出金,R5 一般財源,R5 人件費,R5 正規職員数,R5 延べ業務時間,R5 トータルコスト,R5 活動指標1 実績,R6 事業費,R6 一般財源,R6 トータルコスト,R6 活動指標1 実績\n\
A1,こころの相談,健康増進課,相談会の開催,回,1200000,300000,900000,4000000,0.5,1000,5200000,12,1300000,1300000,5300000,14\n\
A2,居場所づくり,福祉課,,,,,,,,,,,,,,\n";

const PROFILE: &str = r#"
[plan]
municipality = "架空市"
title = "架空市事務事業評価"
[measure]
id = "事業番号"
name = "事業名"
division = "担当課"
[costs]
project_cost = "事業費"
national = "国庫支出金"
general = "一般財源"
personnel_cost = "人件費"
staff = "正規職員数"
work_hours = "延べ業務時間"
full_cost = "トータルコスト"
[[indicators]]
kind = "activity"
name = "活動指標1 名称"
unit = "活動指標1 単位"
actual = "活動指標1 実績"
"#;

async fn page(uri: &str) -> (StatusCode, String) {
    let profile = Profile::from_toml(PROFILE).unwrap_or_else(|e| panic!("{e}"));
    let import = read_mapped(
        "jigyo.csv",
        CSV.as_bytes(),
        &profile,
        &ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let plans = import.plans.into_iter().map(|p| (1, p)).collect();
    let app = router(AppState::new(Catalog::new(plans)));
    let req = Request::builder()
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_default();
    let response = match app.oneshot(req).await {
        Ok(r) => r,
        Err(e) => match e {},
    };
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn the_measure_page_shows_the_cost_breakdown_and_the_indicators() {
    let (status, html) = page("/plans/1/measures/A1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(concat!(
        "<caption>事業費の財源内訳・人件費・トータルコスト（年度別）</caption>\n",
        "<thead><tr><th scope=\"col\">項目</th><th scope=\"col\" class=\"num\">令和5年度（2023年度）</th><th scope=\"col\" class=\"num\">令和6年度（2024年度）</th></tr></thead>\n",
        "<tbody><tr><th scope=\"row\">事業費（円）</th><td class=\"num\">1,200,000円</td><td class=\"num\">1,300,000円</td></tr>",
        "<tr><th scope=\"row\">うち国庫支出金</th><td class=\"num\">300,000円</td><td class=\"num\"></td></tr>",
        "<tr><th scope=\"row\">うち一般財源</th><td class=\"num\">900,000円</td><td class=\"num\">1,300,000円</td></tr>",
        "<tr><th scope=\"row\">人件費（円）</th><td class=\"num\">4,000,000円</td><td class=\"num\"></td></tr>",
        "<tr><th scope=\"row\">正規職員数（人）</th><td class=\"num\">0.5</td><td class=\"num\"></td></tr>",
        "<tr><th scope=\"row\">延べ業務時間（時間）</th><td class=\"num\">1000</td><td class=\"num\"></td></tr>",
        "<tr><th scope=\"row\">トータルコスト（円）</th><td class=\"num\">5,200,000円</td><td class=\"num\">5,300,000円</td></tr></tbody>"
    )), "{html}");
    assert!(html.contains(concat!(
        "<caption>活動指標: 相談会の開催（回）</caption>\n",
        "<thead><tr><th scope=\"col\">項目</th><th scope=\"col\" class=\"num\">令和5年度（2023年度）</th><th scope=\"col\" class=\"num\">令和6年度（2024年度）</th></tr></thead>\n",
        "<tbody><tr><th scope=\"row\">実績</th><td class=\"num\">12</td><td class=\"num\">14</td></tr></tbody>"
    )), "{html}");
}

#[tokio::test]
async fn a_measure_without_an_evaluation_shows_neither_table() {
    let (status, html) = page("/plans/1/measures/A2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("事業費とコスト"), "{html}");
    assert!(!html.contains("事業の指標"), "{html}");
}
