//! The 川口市 地域共生社会推進計画 評価報告書 reader against the real seed document.
//!
//! Every expected number below was counted by reading
//! `samples/004_052cf2803b6d324c.txt` line by line (line numbers are cited).

use proptest::prelude::*;
use shinchoku_core::{
    DocDate, FiscalYear, Grade, GradeOutcome, GroupKind, Indicator, Plan, PlanKind, Polarity, Value,
};
use shinchoku_ingest::readers::{Import, Layout, SourceText, kawaguchi_eval};
use shinchoku_ingest::{Severity, detect_layout, read_document};
use std::collections::BTreeMap;

const FILE: &str = "004_052cf2803b6d324c.txt";
const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/004_052cf2803b6d324c.txt"
));
const OTHER_SEEDS: [&str; 4] = [
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/000_93a6ad023fb5add3.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/001_fcd6886f924c1359.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/002_eba47c23c940212d.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/003_a91a11d8f2677ccb.txt"
    )),
];

const R6: FiscalYear = FiscalYear(2024);
const R7: FiscalYear = FiscalYear(2025);
const R8: FiscalYear = FiscalYear(2026);

fn read_text(text: &str) -> Import {
    let src = SourceText {
        file_name: FILE,
        text,
        sha256: "test",
    };
    match kawaguchi_eval::read(&src) {
        Ok(import) => import,
        Err(e) => panic!("the seed must be readable: {e}"),
    }
}

fn import() -> Import {
    read_text(SEED)
}

fn plan<'a>(import: &'a Import, kind: &PlanKind) -> &'a Plan {
    match import.plans.iter().find(|p| &p.kind == kind) {
        Some(p) => p,
        None => panic!("no plan of kind {kind:?}"),
    }
}

fn main_plan(import: &Import) -> &Plan {
    plan(import, &PlanKind::CommunityWelfare)
}

fn indicator<'a>(plan: &'a Plan, name: &str) -> &'a Indicator {
    match plan.indicators.iter().find(|i| i.name == name) {
        Some(i) => i,
        None => panic!("no indicator 「{name}」"),
    }
}

fn values(obs: &[shinchoku_core::Observation], year: FiscalYear) -> Vec<(Value, u32)> {
    obs.iter()
        .filter(|o| o.fiscal_year == Some(year))
        .map(|o| (o.value.clone(), o.location.line))
        .collect()
}

fn num(v: f64) -> Value {
    Value::Number(v)
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

// ------------------------------------------------------------------------------------------
// Detection
// ------------------------------------------------------------------------------------------

#[test]
fn detector_claims_only_its_own_seed() {
    assert!(kawaguchi_eval::detect(SEED));
    for (k, other) in OTHER_SEEDS.iter().enumerate() {
        assert!(
            !kawaguchi_eval::detect(other),
            "kawaguchi_eval must not claim seed 00{k}"
        );
    }
    assert_eq!(detect_layout(SEED), Some(Layout::KawaguchiEval));
}

#[test]
fn read_document_dispatches_to_this_reader() {
    let import = match read_document(FILE, SEED.as_bytes()) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(import.plans.len(), 3);
    for p in &import.plans {
        assert_eq!(p.sources.len(), 1);
        assert_eq!(p.sources[0].layout, "kawaguchi_eval");
        assert_eq!(p.sources[0].file, FILE);
        assert_eq!(
            p.sources[0].title,
            "令和 6 年度 川口市地域共生社会推進計画 評価報告書"
        );
        assert_eq!(p.sources[0].sha256.len(), 64);
    }
}

#[test]
fn document_dates_are_read_onto_the_main_plan() {
    let import = match read_document(FILE, SEED.as_bytes()) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    let date = |year, month, day| DocDate { year, month, day };
    let main = &import.plans[0].sources[0];
    // Line 7: 「令和 7 年 3 月」 under the title (line 3).
    let cover = main.cover_date.as_ref().expect("cover date");
    assert_eq!(cover.date, date(2025, 3, None));
    assert_eq!(cover.original, "令和 7 年 3 月");
    assert_eq!(cover.location.line, 7);
    // Lines 20/22: 報告対象期間 / 令和6年度（令和6年4月1日～令和7年3月31日）.
    let period = main.reporting_period.as_ref().expect("reporting period");
    assert_eq!(period.start, date(2024, 4, Some(1)));
    assert_eq!(period.end, date(2025, 3, Some(31)));
    assert_eq!(
        period.original,
        "令和6年度（令和6年4月1日～令和7年3月31日）"
    );
    assert_eq!(period.location.line, 22);
    // Line 921: 発行日	令和 7 年 11 月.
    let issued = main.issue_date.as_ref().expect("issue date");
    assert_eq!(issued.date, date(2025, 11, None));
    assert_eq!(issued.original, "令和 7 年 11 月");
    assert_eq!(issued.location.line, 921);
    assert_eq!(issued.location.field.as_deref(), Some("発行日"));
    // The embedded plans name the document without its dates (one finding per document).
    for p in &import.plans[1..] {
        let s = &p.sources[0];
        assert_eq!(
            (&s.cover_date, &s.reporting_period, &s.issue_date),
            (&None, &None, &None)
        );
    }
}

// ------------------------------------------------------------------------------------------
// Plans
// ------------------------------------------------------------------------------------------

#[test]
fn three_plans_of_one_municipality() {
    let import = import();
    let titles: Vec<(&str, &PlanKind)> = import
        .plans
        .iter()
        .map(|p| (p.title.as_str(), &p.kind))
        .collect();
    assert_eq!(
        titles,
        vec![
            ("川口市地域共生社会推進計画", &PlanKind::CommunityWelfare),
            (
                "川口市成年後見制度利用促進計画",
                &PlanKind::GuardianshipPromotion
            ),
            ("川口市再犯防止推進計画", &PlanKind::RecidivismPrevention),
        ]
    );
    for p in &import.plans {
        assert_eq!(p.municipality.name, "川口市");
        // 令和6年度–令和8年度 (lines 104–110, 731–737, 834–840).
        let period = p.period.map(|x| (x.first, x.last));
        assert_eq!(period, Some((R6, R8)), "{}", p.title);
    }
    let main = main_plan(&import);
    assert_eq!(
        main.philosophy.as_deref(),
        Some(
            "全ての人々が、役割と生きがいを持ち、つながり・支え合いながら安心して暮らし続けられるまち"
        )
    );
    assert_eq!(main.fiscal_years, vec![R6, R7, R8]);
    // No 経費, 取組状況 or 方向性 anywhere in the report.
    for p in &import.plans {
        assert!(p.records.iter().all(|r| r.costs.is_empty()
            && r.status.is_none()
            && r.direction.is_none()
            && r.division.is_none()));
        assert!(p.assignments.is_empty());
        assert!(shinchoku_core::totals::cost_total_by_year(p).is_empty());
    }
}

#[test]
fn rating_scheme_is_read_from_the_text() {
    let import = import();
    let main = main_plan(&import);
    let Some(shinchoku_core::RatingScheme::RatioBands {
        bands,
        below,
        stated,
    }) = &main.rating_scheme
    else {
        panic!("main plan must have ratio bands: {:?}", main.rating_scheme);
    };
    let got: Vec<(&str, f64, bool)> = bands
        .iter()
        .map(|b| (b.grade.as_str(), b.min_percent, b.inclusive))
        .collect();
    // Lines 122–126: S：120%超 / A：100～120%程度 / B：80～100%程度 / C：50～80%程度 / D：50%程度.
    assert_eq!(
        got,
        vec![
            ("S", 120.0, false),
            ("A", 100.0, true),
            ("B", 80.0, true),
            ("C", 50.0, true)
        ]
    );
    assert_eq!(below.as_str(), "D");
    let stated = stated.as_deref().unwrap_or("");
    assert!(stated.starts_with("定量的な目標（K P I）に対して"));
    assert!(stated.contains("- A：100～120%程度"));
    // The sub-plans have no KPI: self-assessed on the same five grades.
    for kind in [
        PlanKind::GuardianshipPromotion,
        PlanKind::RecidivismPrevention,
    ] {
        match &plan(&import, &kind).rating_scheme {
            Some(shinchoku_core::RatingScheme::SelfAssessed { levels }) => {
                let g: Vec<&str> = levels.iter().map(|l| l.grade.as_str()).collect();
                assert_eq!(g, vec!["S", "A", "B", "C", "D"]);
            }
            other => panic!("{kind:?}: expected a self-assessed scheme, got {other:?}"),
        }
    }
}

// ------------------------------------------------------------------------------------------
// Groups and goal ratings
// ------------------------------------------------------------------------------------------

#[test]
fn goals_and_policies() {
    let import = import();
    let main = main_plan(&import);
    let goals: Vec<_> = main
        .groups
        .iter()
        .filter(|g| g.kind == GroupKind::BasicGoal)
        .collect();
    assert_eq!(goals.len(), 5);
    let policies_per_goal: Vec<usize> = goals
        .iter()
        .map(|g| {
            main.groups
                .iter()
                .filter(|p| p.parent.as_ref() == Some(&g.key) && p.kind == GroupKind::Policy)
                .count()
        })
        .collect();
    // 施策体系, lines 136–140.
    assert_eq!(policies_per_goal, vec![4, 4, 6, 3, 6]);
    assert_eq!(main.groups.len(), 5 + 23);
    // Goal 3's heading is wrapped over lines 259–260; the title is one string.
    let g3 = &goals[2];
    assert_eq!(g3.key.as_str(), "基本目標3");
    assert_eq!(g3.label, "基本目標");
    assert_eq!(g3.number.as_deref(), Some("3"));
    assert_eq!(
        g3.title,
        "障害の有無にかかわらず、誰もが地域で支え合い、元気に安心して暮らせるまち"
    );
    // Policies of goals 1 and 4 are numbered in 施策一覽 (lines 411, 414); the others are not.
    let p = |key: &str| main.group(&shinchoku_core::GroupKey::new(key));
    let g1p2 = p("基本目標1-施策2").map(|g| (g.number.clone(), g.title.clone()));
    assert_eq!(
        g1p2,
        Some((
            Some("2".to_owned()),
            "支援の申請を待つ「受動型」から「能動型」支援へ".to_owned()
        ))
    );
    let g4p3 = p("基本目標4-施策3").map(|g| (g.number.clone(), g.title.clone()));
    assert_eq!(
        g4p3,
        Some((
            Some("3".to_owned()),
            "生活保護世帯の健康維持・医療扶助の適正化".to_owned()
        ))
    );
    let g5p6 = p("基本目標5-施策6").map(|g| (g.number.clone(), g.title.clone()));
    assert_eq!(
        g5p6,
        Some((None, "様々な状況にある子育て家庭への支援".to_owned()))
    );
}

#[test]
fn goal_ratings_with_reasons() {
    let import = import();
    let main = main_plan(&import);
    // Lines 151, 202, 263, 323, 358: every goal is rated B.
    let got: Vec<(&str, &str, u32)> = main
        .ratings
        .iter()
        .map(|r| (r.group.as_str(), r.grade.as_str(), r.location.line))
        .collect();
    assert_eq!(
        got,
        vec![
            ("基本目標1", "B", 151),
            ("基本目標2", "B", 202),
            ("基本目標3", "B", 263),
            ("基本目標4", "B", 323),
            ("基本目標5", "B", 358),
        ]
    );
    assert!(main.ratings.iter().all(|r| r.fiscal_year == R6));
    assert_eq!(
        main.ratings[4].reason.as_deref(),
        Some(
            "多くの事業において目標値を超える又はそれに近い実績値となったが、保育所等利用待機児童数が減少しなかったため。"
        )
    );
}

// ------------------------------------------------------------------------------------------
// Indicators
// ------------------------------------------------------------------------------------------

#[test]
fn indicator_counts_per_group() {
    let import = import();
    let main = main_plan(&import);
    assert_eq!(main.indicators.len(), 47);
    let mut per_group: BTreeMap<String, usize> = BTreeMap::new();
    for i in &main.indicators {
        let g = i.group.as_ref().map_or("-".to_owned(), |g| g.to_string());
        *per_group.entry(g).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        ("基本目標1", 4),
        ("基本目標2", 7),
        ("基本目標3", 6),
        ("基本目標4", 3),
        ("基本目標5", 6),
        ("基本目標1-施策1", 3),
        ("基本目標1-施策2", 2),
        ("基本目標1-施策3", 5),
        ("基本目標1-施策4", 3),
        ("基本目標4-施策1", 3),
        ("基本目標4-施策2", 2),
        ("基本目標4-施策3", 3),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(per_group, expected);
    // Every indicator: R6 target and actual stated twice (table + block), R7 and R8 targets
    // once, one reported grade and one 取組内容.
    for i in &main.indicators {
        assert_eq!(values(&i.targets, R6).len(), 2, "{}", i.name);
        assert_eq!(values(&i.actuals, R6).len(), 2, "{}", i.name);
        assert_eq!(values(&i.targets, R7).len(), 1, "{}", i.name);
        assert_eq!(values(&i.targets, R8).len(), 1, "{}", i.name);
        assert_eq!(i.reported_grades.len(), 1, "{}", i.name);
        assert_eq!(i.activities.len(), 1, "{}", i.name);
        assert!(i.baseline.is_some(), "{}", i.name);
    }
    let keys: Vec<&str> = main.indicators.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys[0], "基本目標1/成果指標1");
    assert_eq!(keys[46], "基本目標4-施策3/評価指標3");
}

#[test]
fn reported_grade_counts() {
    let import = import();
    let main = main_plan(&import);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in &main.indicators {
        if let Some(g) = i.reported_grade(R6) {
            *counts.entry(g.grade.to_string()).or_default() += 1;
        }
    }
    let expected: BTreeMap<String, usize> = [("S", 2), ("A", 16), ("B", 17), ("C", 10), ("D", 2)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    assert_eq!(counts, expected);
}

#[test]
fn indicator_directions() {
    let import = import();
    let main = main_plan(&import);
    let lower: Vec<&str> = main
        .indicators
        .iter()
        .filter(|i| i.polarity == Polarity::LowerIsBetter)
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(lower.len(), 4);
    assert!(lower[0].starts_with("「孤独感・孤立感」の市民意識調査"));
    assert_eq!(
        &lower[1..],
        &[
            "施設サービス受給率",
            "糖尿病性腎症重症化予防指導の実施対象者における、顕性腎症期（Ⅲ）から腎不全期（Ⅳ）への移行者数",
            "保育所等利用待機児童数",
        ]
    );
    let unknown: Vec<&str> = main
        .indicators
        .iter()
        .filter(|i| i.polarity == Polarity::Unknown)
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(
        unknown,
        vec![
            "小学校修了前の児童全ての状況把握と安全確認",
            "支援会議での新規情報のモニタリング",
            "ひきこもり等の実態調査",
        ]
    );
}

#[test]
fn community_service_rate_states_two_actuals() {
    let import = import();
    let i = indicator(main_plan(&import), "地域密着型サービス受給率");
    assert_eq!(i.key.as_str(), "基本目標2/成果指標4");
    assert_eq!(i.unit.as_deref(), Some("%"));
    assert_eq!(i.polarity, Polarity::HigherIsBetter);
    let base = i
        .baseline
        .as_ref()
        .map(|b| (b.value.clone(), b.fiscal_year));
    assert_eq!(base, Some((num(12.0), Some(FiscalYear(2023)))));
    assert_eq!(
        values(&i.targets, R6),
        vec![(num(12.0), 208), (num(12.0), 226)]
    );
    assert_eq!(values(&i.targets, R7), vec![(num(13.0), 208)]);
    assert_eq!(values(&i.targets, R8), vec![(num(14.0), 208)]);
    // Line 208 says 11.1%, the block on line 226 says 11.4%.
    assert_eq!(
        values(&i.actuals, R6),
        vec![(num(11.1), 208), (num(11.4), 226)]
    );
    assert_eq!(i.actual(R6).map(|o| o.original.as_str()), Some("11.1%"));
    assert_eq!(i.reported_grade(R6).map(|g| g.grade.as_str()), Some("B"));
    assert_eq!(
        i.activities[0].text,
        "地域密着型サービス事業者の公募を行い、基盤整備の促進を図った。\n広報かわぐちやキャストビジョンでの地域密着型サービスの周知を行った。\n定期巡回・随時対応型訪問介護看護チャシの配架"
    );
}

#[test]
fn hikikomori_place_table_and_block_disagree() {
    let import = import();
    let i = indicator(
        main_plan(&import),
        "ひきこもり対象者等が安心して参加できる居場所設置数",
    );
    assert_eq!(i.key.as_str(), "基本目標1-施策4/評価指標3");
    assert_eq!(i.unit.as_deref(), Some("か所"));
    assert_eq!(
        i.baseline.as_ref().map(|b| b.value.clone()),
        Some(Value::Blank)
    );
    assert_eq!(i.baseline.as_ref().map(|b| b.original.as_str()), Some("－"));
    assert_eq!(
        values(&i.targets, R6),
        vec![(num(1.0), 548), (num(1.0), 562)]
    );
    assert_eq!(values(&i.targets, R7), vec![(num(2.0), 548)]);
    assert_eq!(values(&i.targets, R8), vec![(num(6.0), 548)]);
    assert_eq!(
        values(&i.actuals, R6),
        vec![(num(1.0), 548), (num(0.0), 562)]
    );
    assert_eq!(i.reported_grade(R6).map(|g| g.grade.as_str()), Some("D"));
    assert!(
        i.activities[0]
            .text
            .starts_with("●利用者が外出し参加できる場は未設置である。")
    );
}

#[test]
fn qualitative_and_dated_values() {
    let import = import();
    let main = main_plan(&import);
    // Line 362: baseline of 令和4年度, qualitative targets.
    let i = indicator(main, "市が運営するつどいの広場の利用者数");
    let base = i
        .baseline
        .as_ref()
        .map(|b| (b.value.clone(), b.fiscal_year, b.original.as_str()));
    assert_eq!(
        base,
        Some((num(88244.0), Some(FiscalYear(2022)), "88,244人 (令和4年度)"))
    );
    assert_eq!(
        values(&i.targets, R6),
        vec![(text("前年度より増加"), 362), (text("前年度より増加"), 373)]
    );
    assert_eq!(
        values(&i.actuals, R6),
        vec![(num(100758.0), 362), (num(100758.0), 373)]
    );
    assert_eq!(i.unit.as_deref(), Some("人"));
    // Line 363/377: the block's target has a wrap space.
    let i = indicator(main, "全ての妊産婦等に対する伴走型相談支援の実施");
    let t = values(&i.targets, R6);
    assert_eq!(
        t,
        vec![
            (text("全ての妊産婦等を支援"), 363),
            (text("全ての妊産婦等を支援"), 377)
        ]
    );
    assert_eq!(i.targets[3].original, "全ての妊産婦 等を支援");
    assert_eq!(values(&i.actuals, R6)[0].0, num(97.15));
    // Line 365: no year at all.
    let i = indicator(main, "小学校修了前の児童全ての状況把握と安全確認");
    assert_eq!(
        i.baseline
            .as_ref()
            .map(|b| (b.value.clone(), b.fiscal_year)),
        Some((text("実施中"), None))
    );
    // Line 425: an estimated baseline.
    let i = indicator(main, "支援プラン作成数");
    assert_eq!(
        i.baseline
            .as_ref()
            .map(|b| (b.value.clone(), b.original.as_str())),
        Some((num(8.0), "8 件 (見込)"))
    );
    // Line 546: wrapped qualitative targets.
    let i = indicator(main, "ひきこもり等の実態調査");
    assert_eq!(values(&i.targets, R7), vec![(text("調査実施・分析"), 546)]);
    assert_eq!(values(&i.targets, R8), vec![(text("支援手法に反映"), 546)]);
    // Line 154: three survey values in one cell; no target or actual for R6.
    let i = &main.indicators[0];
    assert_eq!(
        i.baseline.as_ref().map(|b| b.value.clone()),
        Some(text("①13.9% ②3.0% ③3.5%"))
    );
    assert_eq!(
        values(&i.targets, R6),
        vec![(Value::Blank, 154), (Value::Blank, 160)]
    );
    assert_eq!(
        values(&i.targets, R8),
        vec![(text("前回調査より減少"), 154)]
    );
    assert_eq!(i.reported_grade(R6).map(|g| g.grade.as_str()), Some("B"));
    // Line 676: 20% for R6, 「継続」 afterwards.
    let i = indicator(main, "健康診査受診率");
    assert_eq!(values(&i.targets, R7), vec![(text("継続"), 676)]);
    assert_eq!(values(&i.actuals, R6)[0].0, num(9.6));
    assert_eq!(i.reported_grade(R6).map(|g| g.grade.as_str()), Some("C"));
}

/// Grades computed with the stated rule against the grades the report gives (lines cited in
/// the report of this reader): the data the audit needs is all there.
#[test]
fn computed_against_reported_grades() {
    let import = import();
    let main = main_plan(&import);
    let Some(scheme) = &main.rating_scheme else {
        panic!("no scheme");
    };
    let mut computable = 0;
    let mut mismatches: Vec<(String, String, String)> = Vec::new();
    for i in &main.indicators {
        let reported = i
            .reported_grade(R6)
            .map(|g| g.grade.clone())
            .unwrap_or_else(|| Grade::new("?"));
        if let GradeOutcome::Computed { grade, .. } = scheme.grade(i, R6) {
            computable += 1;
            if grade != reported {
                mismatches.push((i.name.clone(), grade.to_string(), reported.to_string()));
            }
        }
    }
    // Not computable: no target (line 154), zero target with 10 waiting children (361),
    // qualitative targets (362, 363, 364, 365, 463, 546).
    assert_eq!(computable, 39);
    let m: Vec<(&str, &str, &str)> = mismatches
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        m,
        vec![
            ("包括的相談支援事業所における他分野相談受付数", "S", "A"), // 41/34 = 120.6 %
            ("施設サービス受給率", "A", "B"), // lower is better: 13/12.9 = 100.8 %
            (
                "自立相談支援事業による就労支援プラン対象者の就職者数",
                "D",
                "C"
            ), // 81/329 = 24.6 %
            ("就労自立による生活保護廃止世帯数", "B", "A"), // 85/96 = 88.5 %
            (
                "ひきこもり対象者等が安心して参加できる居場所設置数",
                "A",
                "D"
            ), // table 1/1
            (
                "一人ひとりの状況に応じ、自立に向けた支援プラン作成件数",
                "D",
                "C"
            ), // 68/733 = 9.3 %
            (
                "自立した生活のためのプランに就労支援が盛り込まれた対象者数",
                "D",
                "C"
            ), // 42/439 = 9.6 %
            ("福祉・就労支援連携事業（被保護者）による就職者数", "C", "B"), // 64/100 = 64 %
            ("被保護者就労支援事業による就職者数", "C", "B"), // 99/145 = 68.3 %
            ("健康診査受診率", "D", "C"),     // 9.6/20 = 48 %
        ]
    );
}

// ------------------------------------------------------------------------------------------
// Outlooks, narratives, organisation
// ------------------------------------------------------------------------------------------

#[test]
fn outlooks_per_goal_and_policy() {
    let import = import();
    let main = main_plan(&import);
    let groups: Vec<Option<&str>> = main
        .outlooks
        .iter()
        .map(|o| o.group.as_ref().map(|g| g.as_str()))
        .collect();
    assert_eq!(
        groups,
        vec![
            Some("基本目標1"),
            Some("基本目標2"),
            Some("基本目標3"),
            Some("基本目標4"),
            Some("基本目標5"),
            Some("基本目標1-施策1"),
            Some("基本目標1-施策2"),
            Some("基本目標1-施策3"),
            Some("基本目標1-施策4"),
            Some("基本目標4-施策1"),
            Some("基本目標4-施策2"),
            Some("基本目標4-施策3"),
        ]
    );
    let g5 = &main.outlooks[4];
    assert_eq!(g5.location.line, 392);
    assert!(
        g5.text
            .starts_with("○今後の取組\n- 令和7年度から開始した「川口市こども未来計画」")
    );
    assert!(
        g5.text
            .ends_with("需要と供給のアンバランスを解消することが課題である。")
    );
    // The KPI formula note (lines 637–638) stays with 基本目標4 施策1.
    assert!(main.outlooks[9].text.contains("= 27件"));
    for kind in [
        PlanKind::GuardianshipPromotion,
        PlanKind::RecidivismPrevention,
    ] {
        let p = plan(&import, &kind);
        assert_eq!(p.outlooks.len(), 1);
        assert_eq!(p.outlooks[0].group, None);
    }
}

#[test]
fn publisher_division_and_prose() {
    let import = import();
    let main = main_plan(&import);
    // Line 920: 編集・発行 川口市 福祉部 福祉総務課.
    assert_eq!(main.departments.len(), 1);
    assert_eq!(main.departments[0].name, "福祉部");
    assert_eq!(main.divisions.len(), 1);
    let d = &main.divisions[0];
    assert_eq!(
        (
            d.name.as_str(),
            d.department.as_ref().map(|k| k.as_str()),
            d.external
        ),
        ("福祉総務課", Some("福祉部"), false)
    );
    assert!(d.renames.is_empty());
    // Prose is kept: 目次, 位置づけ, the 割愛 statements of goals 2, 3 and 5, the colophon.
    let titles: Vec<&str> = main.narratives.iter().map(|n| n.title.as_str()).collect();
    for t in [
        "目次",
        "位置づけ",
        "■ 計画の目的",
        "編集・発行",
        "基本目標3 の施策の評価",
    ] {
        assert!(titles.contains(&t), "narrative 「{t}」 missing: {titles:?}");
    }
    let guardianship = plan(&import, &PlanKind::GuardianshipPromotion);
    assert!(
        guardianship
            .narratives
            .iter()
            .any(|n| n.title == "■ 国の成年後見制度利用促進基本計画の3つの基本方針")
    );
}

// ------------------------------------------------------------------------------------------
// Sub-plans
// ------------------------------------------------------------------------------------------

#[test]
fn guardianship_plan_items() {
    let import = import();
    let p = plan(&import, &PlanKind::GuardianshipPromotion);
    let groups: Vec<(&str, Option<&str>, &str)> = p
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.number.as_deref(), g.title.as_str()))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("取組内容1", Some("1"), "成年後見センター（中核機関）事業"),
            ("取組内容2", Some("2"), "成年後見制度利用支援事業"),
        ]
    );
    let measures: Vec<(&str, &str)> = p
        .measures
        .iter()
        .map(|m| (m.key.as_str(), m.name.as_str()))
        .collect();
    assert_eq!(
        measures,
        vec![
            ("1-(1)", "成年後見制度に関する相談対応及び申立支援"),
            ("1-(2)", "成年後見制度の普及・啓発に関すること"),
            ("1-(3)", "市民後見に関すること"),
            ("1-(4)", "関係機関との連携体制の構築"),
            ("2-(1)", "市長申立て"),
            ("2-(2)", "報酬助成"),
        ]
    );
    let listings: Vec<(&str, &str)> = p
        .listings
        .iter()
        .map(|l| (l.measure.as_str(), l.group.as_str()))
        .collect();
    assert_eq!(
        listings,
        vec![
            ("1-(1)", "取組内容1"),
            ("1-(2)", "取組内容1"),
            ("1-(3)", "取組内容1"),
            ("1-(4)", "取組内容1"),
            ("2-(1)", "取組内容2"),
            ("2-(2)", "取組内容2"),
        ]
    );
    // Lines 780, 785, 789, 793, 799, 803.
    let records: Vec<(&str, Option<&str>, u32)> = p
        .records
        .iter()
        .map(|r| {
            (
                r.measure.as_str(),
                r.grade.as_ref().map(|g| g.as_str()),
                r.location.line,
            )
        })
        .collect();
    assert_eq!(
        records,
        vec![
            ("1-(1)", Some("B"), 778),
            ("1-(2)", Some("A"), 783),
            ("1-(3)", Some("A"), 788),
            ("1-(4)", Some("A"), 792),
            ("2-(1)", Some("B"), 798),
            ("2-(2)", Some("A"), 802),
        ]
    );
    assert!(p.records.iter().all(|r| r.fiscal_year == R6));
    assert_eq!(
        p.records[5].result_text.as_deref(),
        Some(
            "成年後見制度を利用している方が、自身の財産状況等から成年後見人等への報酬を支払うことが困難な場合に報酬費用を助成した。"
        )
    );
}

#[test]
fn recidivism_plan_items() {
    let import = import();
    let p = plan(&import, &PlanKind::RecidivismPrevention);
    assert!(p.groups.is_empty());
    let got: Vec<(&str, Option<&str>, &str, Option<&str>)> = p
        .measures
        .iter()
        .map(|m| {
            let grade = p
                .records
                .iter()
                .find(|r| r.measure == m.key)
                .and_then(|r| r.grade.as_ref())
                .map(|g| g.as_str());
            (m.key.as_str(), m.number.as_deref(), m.name.as_str(), grade)
        })
        .collect();
    // Lines 870–875 (list) and 879–900 (grades).
    assert_eq!(
        got,
        vec![
            ("取組方針①", Some("①"), "就労の確保支援", Some("B")),
            ("取組方針②", Some("②"), "住居の確保支援", Some("C")),
            (
                "取組方針③",
                Some("③"),
                "学校と連携した学び、就学支援の充実",
                Some("B")
            ),
            (
                "取組方針④",
                Some("④"),
                "保健医療・福祉サービスの利用の促進",
                Some("A")
            ),
            ("取組方針⑤", Some("⑤"), "民間協力者の活動の促進", Some("A")),
            ("取組方針⑥", Some("⑥"), "広報・啓発活動の推進", Some("C")),
        ]
    );
    assert_eq!(p.records.len(), 6);
    assert_eq!(
        p.records[4].result_text.as_deref(),
        Some(
            "●地区保護司の充足率が90%を超えた。\n●川口地区保護司会が主催する諸活動が円滑に進むように支援を行った。"
        )
    );
}

// ------------------------------------------------------------------------------------------
// Diagnostics
// ------------------------------------------------------------------------------------------

#[test]
fn diagnostics_name_the_real_anomalies() {
    let import = import();
    let mut by_code: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for d in &import.diagnostics {
        *by_code.entry((d.code.as_str(), d.severity)).or_default() += 1;
        assert_eq!(d.location.file, FILE);
    }
    use Severity::*;
    let expected: BTreeMap<(&str, Severity), usize> = [
        (("rating-scheme-edges", Warning), 1),         // line 122
        (("conflicting-statement", Warning), 2),       // lines 226, 562
        (("conflicting-dates", Warning), 1),           // line 921 against line 7
        (("indicator-direction", Info), 7),            // 154, 209, 328, 361; 365, 463, 546
        (("indicator-direction-guessed", Warning), 2), // 363, 674
        (("wrapped-cell", Info), 5),                   // 377, 546 ×2, 547, 548
        (("compound-value", Info), 1),                 // 154
        (("estimated-baseline", Info), 3),             // 425, 426, 462
        (("baseline-without-year", Info), 1),          // 365
        (("unnumbered-policies", Info), 3),            // goals 2, 3, 5
        (("policies-evaluated-elsewhere", Info), 3),   // 412, 413, 415
        (("self-assessed-grades", Info), 2),           // the two sub-plans
    ]
    .into_iter()
    .collect();
    assert_eq!(by_code, expected);
    assert_eq!(import.diagnostics.len(), 31);
    assert!(import.diagnostics.iter().all(|d| d.severity != Error));
    let lines = |code: &str| -> Vec<u32> {
        import
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.location.line)
            .collect()
    };
    assert_eq!(lines("conflicting-statement"), vec![226, 562]);
    assert_eq!(lines("conflicting-dates"), vec![921]);
    assert_eq!(lines("indicator-direction-guessed"), vec![363, 674]);
    assert_eq!(lines("estimated-baseline"), vec![425, 426, 462]);
    assert_eq!(lines("policies-evaluated-elsewhere"), vec![412, 413, 415]);
    let conflict = import
        .diagnostics
        .iter()
        .find(|d| d.location.line == 226)
        .map(|d| d.message.clone())
        .unwrap_or_default();
    assert!(conflict.contains("11.1%") && conflict.contains("11.4%") && conflict.contains("208"));
}

#[test]
fn reimport_gives_identical_plans() {
    let a = import();
    let b = import();
    assert_eq!(a, b);
}

// ------------------------------------------------------------------------------------------
// Robustness
// ------------------------------------------------------------------------------------------

fn mutate(lines: &[&str], ops: &[(u8, usize, usize, u8)]) -> String {
    let mut lines: Vec<String> = lines.iter().map(|s| (*s).to_owned()).collect();
    for &(op, at, pos, byte) in ops {
        if lines.is_empty() {
            break;
        }
        let i = at % lines.len();
        let line = &mut lines[i];
        let chars: Vec<char> = line.chars().collect();
        let p = if chars.is_empty() {
            0
        } else {
            pos % (chars.len() + 1)
        };
        match op % 7 {
            0 => *line = chars.iter().take(p).collect(), // truncate
            1 => *line = line.replace('\t', ""),         // delete tabs
            2 => {
                let mut c = chars.clone();
                c.insert(p, '\t'); // insert a tab
                *line = c.into_iter().collect();
            }
            3 => {
                lines.remove(i); // delete the line
            }
            4 => {
                let dup = line.clone();
                lines.insert(i, dup); // duplicate the line
            }
            5 => {
                let mut bytes = line.clone().into_bytes();
                let bp = pos % (bytes.len() + 1);
                bytes.insert(bp, byte); // a random byte
                *line = String::from_utf8_lossy(&bytes).into_owned();
            }
            _ => {
                let mut c = chars.clone();
                c.insert(p, char::from(byte % 64 + 32));
                *line = c.into_iter().collect();
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mutated_seed_never_panics(ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<u8>()), 1..40)) {
        let lines: Vec<&str> = SEED.lines().collect();
        let text = mutate(&lines, &ops);
        let src = SourceText { file_name: FILE, text: &text, sha256: "" };
        if let Ok(import) = kawaguchi_eval::read(&src) {
            for d in &import.diagnostics {
                prop_assert!(d.location.line as usize <= text.lines().count() + 1);
            }
        }
    }

    #[test]
    fn truncated_seed_never_panics(cut in 0usize..64_000) {
        let end = SEED.char_indices().map(|(i, _)| i).take_while(|&i| i <= cut).last().unwrap_or(0);
        let text = SEED.get(..end).unwrap_or("");
        let src = SourceText { file_name: FILE, text, sha256: "" };
        let _ = kawaguchi_eval::read(&src);
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        let text = format!("令和 6 年度 川口市地域共生社会推進計画 評価報告書\n{s}\n成果指標\t現状 R5\t目標 R6\n{s}");
        let src = SourceText { file_name: FILE, text: &text, sha256: "" };
        let _ = kawaguchi_eval::read(&src);
        let _ = kawaguchi_eval::detect(&s);
    }
}
