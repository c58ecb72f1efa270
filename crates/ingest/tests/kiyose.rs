//! The 清瀬市 reader on the real seed document (samples/003_a91a11d8f2677ccb.txt).
//!
//! Expected values were read off the document by hand (line numbers refer to it).

use proptest::prelude::*;
use shinchoku_core::{AchievementValue, FiscalYear, GroupKind, MeasureKey, Plan, ProgressRecord};
use shinchoku_ingest::readers::{
    SourceText, kawaguchi_eval, kawaguchi_list, kiyose, kumagaya, otaru,
};
use shinchoku_ingest::{Diagnostic, Import, Severity};

const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/003_a91a11d8f2677ccb.txt"
));
const FILE: &str = "003_a91a11d8f2677ccb.txt";

fn import() -> Import {
    let src = SourceText {
        file_name: FILE,
        text: SEED,
        sha256: "x",
    };
    match kiyose::read(&src) {
        Ok(i) => i,
        Err(e) => panic!("seed not read: {e}"),
    }
}

fn plan(i: &Import) -> &Plan {
    assert_eq!(i.plans.len(), 1);
    &i.plans[0]
}

fn record<'a>(p: &'a Plan, measure: &str, fy: i32) -> &'a ProgressRecord {
    let key = MeasureKey::new(measure);
    p.records
        .iter()
        .find(|r| r.measure == key && r.fiscal_year == FiscalYear(fy) && r.division.is_none())
        .unwrap_or_else(|| panic!("no record {measure} {fy}"))
}

fn percent(r: &ProgressRecord) -> Option<i32> {
    match r.achievement.as_ref().map(|a| &a.value) {
        Some(AchievementValue::Percent(p)) => Some(*p),
        _ => None,
    }
}

fn diags_with<'a>(i: &'a Import, code: &str) -> Vec<&'a Diagnostic> {
    i.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn lines_of(i: &Import, code: &str) -> Vec<u32> {
    diags_with(i, code)
        .iter()
        .map(|d| d.location.line)
        .collect()
}

#[test]
fn detector_claims_only_its_seed() {
    let seeds = [
        (
            "000",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../samples/000_93a6ad023fb5add3.txt"
            )),
        ),
        (
            "001",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../samples/001_fcd6886f924c1359.txt"
            )),
        ),
        (
            "002",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../samples/002_eba47c23c940212d.txt"
            )),
        ),
        ("003", SEED),
        (
            "004",
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../samples/004_052cf2803b6d324c.txt"
            )),
        ),
    ];
    for (name, text) in seeds {
        assert_eq!(
            kiyose::detect(text),
            name == "003",
            "kiyose::detect on seed {name}"
        );
    }
    // The other layouts' detectors must not claim the 清瀬市 seed.
    assert!(!kawaguchi_list::detect(SEED));
    assert!(!kumagaya::detect(SEED));
    assert!(!otaru::detect(SEED));
    assert!(!kawaguchi_eval::detect(SEED));
    assert!(!kiyose::detect(""));
}

#[test]
fn plan_identity_and_years() {
    let i = import();
    let p = plan(&i);
    assert_eq!(p.municipality.name, "清瀬市");
    assert_eq!(p.sources.len(), 1);
    assert_eq!(p.sources[0].layout, "kiyose");
    assert_eq!(
        p.fiscal_years,
        (2019..=2023).map(FiscalYear).collect::<Vec<_>>()
    );
    // 実施 / 未実施 is the plan's status vocabulary.
    let labels: Vec<&str> = p
        .status_scale
        .levels
        .iter()
        .map(|l| l.label.as_str())
        .collect();
    assert_eq!(labels, vec!["実施", "未実施"]);
}

#[test]
fn groups_with_the_citys_numbering() {
    let i = import();
    let p = plan(&i);
    // 基本施策1–4 and 重点施策1–4; 25 施策 (7 + 3 + 3 + 4 + 5 + 3 numbered 5-x).
    let tops: Vec<&str> = p
        .groups
        .iter()
        .filter(|g| g.parent.is_none())
        .map(|g| g.key.as_str())
        .collect();
    assert_eq!(
        tops,
        vec![
            "基本施策1",
            "基本施策2",
            "基本施策3",
            "基本施策4",
            "重点施策1",
            "重点施策2",
            "重点施策3",
            "重点施策4"
        ]
    );
    assert_eq!(p.groups.len(), 33);
    assert_eq!(
        p.groups
            .iter()
            .filter(|g| g.kind == GroupKind::Policy)
            .count(),
        25
    );
    let g = p
        .groups
        .iter()
        .find(|g| g.key.as_str() == "基本施策3/3-3")
        .unwrap_or_else(|| panic!("3-3"));
    assert_eq!(g.number.as_deref(), Some("3-3"));
    assert_eq!(g.title, "各種メディア媒体、地域、学校等と連携した普及啓発");
    assert_eq!(g.location.line, 35);
    let g = p
        .groups
        .iter()
        .find(|g| g.key.as_str() == "重点施策2")
        .unwrap_or_else(|| panic!("重点2"));
    assert_eq!(g.kind, GroupKind::PriorityPolicy);
    assert_eq!(g.label, "重点施策");
    assert_eq!(g.title, "無職者・失業者・生活困窮者への支援");
    // 基本施策2 is merged into the first cell of the data row at line 19.
    let g = p
        .groups
        .iter()
        .find(|g| g.key.as_str() == "基本施策2")
        .unwrap_or_else(|| panic!("基本2"));
    assert_eq!(g.location.line, 19);
    assert_eq!(g.title, "自殺対策を支える人材の育成");
}

#[test]
fn listings_per_group() {
    let i = import();
    let p = plan(&i);
    assert_eq!(p.listings.len(), 103, "one listing per data row");
    let count = |g: &str| p.listings.iter().filter(|l| l.group.as_str() == g).count();
    let expected = [
        ("基本施策1/1-1", 5),
        ("基本施策1/1-2", 2),
        ("基本施策2", 4),
        ("基本施策2/2-1", 2),
        ("基本施策3/3-1", 3),
        ("基本施策3/3-2", 1),
        ("基本施策3/3-3", 4),
        ("基本施策4/4-1", 4),
        ("重点施策1/1-1", 7),
        ("重点施策1/1-2", 1),
        ("重点施策1/1-3", 1),
        ("重点施策2/2-1", 11),
        ("重点施策2/2-2", 5),
        ("重点施策2/2-3", 2),
        ("重点施策3", 4),
        ("重点施策3/3-1", 1),
        ("重点施策3/3-2", 4),
        ("重点施策3/3-3", 6),
        ("重点施策3/3-4", 2),
        ("重点施策4", 1),
        ("重点施策4/4-1", 5),
        ("重点施策4/4-3", 5),
        ("重点施策4/4-4", 1),
        ("重点施策4/4-5", 1),
        ("重点施策4/4-6", 5),
        ("重点施策4/5-1", 6),
        ("重点施策4/5-2", 6),
        ("重点施策4/5-3", 4),
    ];
    for (g, n) in expected {
        assert_eq!(count(g), n, "listings under {g}");
    }
    assert_eq!(expected.iter().map(|e| e.1).sum::<usize>(), 103);
    // 10 rows carry ○, two more repeat a measure without it (lines 131, 132).
    assert_eq!(p.listings.iter().filter(|l| l.relisted).count(), 12);
    // 93 distinct measures: 市民相談, 講演会・各種健康教室, 健康管理 and 事例検討会 three times,
    // 来室・電話相談 and 働き方サポート事業 twice.
    assert_eq!(p.measures.len(), 93);
    let listed = |m: &str| {
        p.listings
            .iter()
            .filter(|l| l.measure.as_str() == m)
            .count()
    };
    assert_eq!(listed("市民相談"), 3);
    assert_eq!(listed("講演会・各種健康教室"), 3);
    assert_eq!(listed("健康管理"), 3);
    assert_eq!(listed("事例検討会"), 3);
    assert_eq!(listed("来室・電話相談"), 2);
    assert_eq!(listed("働き方サポート事業"), 2);
}

#[test]
fn measures_field_by_field() {
    let i = import();
    let p = plan(&i);
    let m = |k: &str| {
        p.measure(&MeasureKey::new(k))
            .unwrap_or_else(|| panic!("measure {k}"))
    };

    // Line 11: a clean row of the 基本施策 part.
    let m11 = m("自殺対策庁内推進本部の設置、自殺対策庁内推進会議の開催");
    assert_eq!(m11.plan_page.as_deref(), Some("P.22"));
    assert_eq!(m11.description, None);
    assert_eq!(m11.location.line, 11);
    let r = record(
        p,
        "自殺対策庁内推進本部の設置、自殺対策庁内推進会議の開催",
        2019,
    );
    assert_eq!(
        r.result_text.as_deref(),
        Some("自殺対策推進本部を要綱を定めて設置。年1回推進会議の開催(2月)")
    );
    assert_eq!(percent(r), Some(100));
    let r = record(
        p,
        "自殺対策庁内推進本部の設置、自殺対策庁内推進会議の開催",
        2021,
    );
    assert_eq!(r.result_text.as_deref(), Some("年2回実施(5月・2月)"));
    let r = record(
        p,
        "自殺対策庁内推進本部の設置、自殺対策庁内推進会議の開催",
        2022,
    );
    assert_eq!(r.plan_text.as_deref(), Some("年1回実施"));
    assert_eq!(r.result_text.as_deref(), Some("年1回実施(書面)(3月)"));
    assert_eq!(percent(r), Some(100));
    let r = record(
        p,
        "自殺対策庁内推進本部の設置、自殺対策庁内推進会議の開催",
        2023,
    );
    assert_eq!(r.plan_text.as_deref(), Some("実施を継続"));
    assert_eq!(r.result_text.as_deref(), Some("実施を継続"));
    assert!(r.achievement.is_none(), "令和5年度 has no 達成度 column");

    // Line 61: 重点施策 part, description before the page.
    let m61 = m("自立相談支援事業");
    assert_eq!(m61.plan_page.as_deref(), Some("P36"));
    assert_eq!(
        m61.description.as_deref(),
        Some(
            "生活困窮者に対して、自立相談支援事業を実施し、相談の早期段階からさまざまな個別支援を提供します。"
        )
    );
    let r = record(p, "自立相談支援事業", 2019);
    assert_eq!(
        r.result_text.as_deref(),
        Some("きよせ生活相談支援センターいっほにおいて、新規相談者231人を受け付けた。")
    );
    assert_eq!(
        r.achievement.as_ref().map(|a| a.value.clone()),
        Some(AchievementValue::Category("実施".into()))
    );
    assert_eq!(r.status.as_ref().map(|s| s.label.as_str()), Some("実施"));
    assert!(
        r.outputs.iter().any(|o| o.label == "新規相談者"
            && o.value == 231.0
            && o.unit.as_deref() == Some("人"))
    );
    assert_eq!(percent(record(p, "自立相談支援事業", 2021)), Some(100));
    assert_eq!(
        record(p, "自立相談支援事業", 2022).plan_text.as_deref(),
        Some("継続実施。")
    );

    // Line 108: decimal achievements, kept as written, rounded.
    let r = record(p, "スマイル・ベビーきよせ事業", 2019);
    assert_eq!(percent(r), Some(96));
    assert_eq!(
        r.achievement.as_ref().map(|a| a.original.as_str()),
        Some("95.7%")
    );
    assert_eq!(
        percent(record(p, "スマイル・ベビーきよせ事業", 2020)),
        Some(98)
    );
    assert_eq!(
        percent(record(p, "スマイル・ベビーきよせ事業", 2021)),
        Some(96)
    );
    assert_eq!(
        percent(record(p, "スマイル・ベビーきよせ事業", 2022)),
        Some(93)
    );
    let outs: Vec<(String, f64)> = r
        .outputs
        .iter()
        .map(|o| (o.label.clone(), o.value))
        .collect();
    assert_eq!(
        outs,
        vec![
            ("妊産婦届出数".to_owned(), 486.0),
            ("面接数".to_owned(), 465.0)
        ]
    );

    // Line 68: the loan scheme was abolished in 令和元年度; later years are all 「-」.
    let r = record(p, "奨学資金貸付制度", 2020);
    assert_eq!(r.result_text.as_deref(), Some("令和元年度に制度廃止。"));
    assert_eq!(
        r.evaluation_text.as_deref(),
        Some("制度廃止のため評価不可。")
    );
    let r = record(p, "奨学資金貸付制度", 2022);
    assert_eq!(r.result_text, None);
    assert_eq!(
        r.achievement.as_ref().map(|a| a.value.clone()),
        Some(AchievementValue::Blank)
    );

    // Line 47: 市民相談 has no page cell (its page is taken from its relisting at line 72);
    // its description is the 事業概要 before the 担当部署.
    let m47 = m("市民相談");
    assert_eq!(m47.plan_page.as_deref(), Some("P38"));
    assert!(
        m47.description
            .as_deref()
            .is_some_and(|d| d.starts_with("法律相談、土地建物登記(表示)"))
    );
    assert_eq!(m47.location.line, 47);

    // Line 9: per-division achievements.
    let r = record(p, "市民活動団体・NPOとのネットワークの構築・強化", 2021);
    match r.achievement.as_ref().map(|a| &a.value) {
        Some(AchievementValue::PerDivision(v)) => {
            let got: Vec<(&str, AchievementValue)> = v
                .iter()
                .map(|d| (d.division_name.as_str(), d.value.clone()))
                .collect();
            assert_eq!(
                got,
                vec![
                    ("企画課", AchievementValue::Percent(80)),
                    ("福祉総務課", AchievementValue::Category("実施".into()))
                ]
            );
            assert!(
                v[0].division.is_none(),
                "企画課 is no division of the table"
            );
            assert_eq!(
                v[1].division.as_ref().map(|d| d.as_str()),
                Some("福祉総務課")
            );
        }
        other => panic!("expected per-division achievement, got {other:?}"),
    }
    // 令和4年度: 「市民協働課80% 福祉総務課実施」, 市民協働課 being the new name of シティプロモーション課.
    match record(p, "市民活動団体・NPOとのネットワークの構築・強化", 2022)
        .achievement
        .as_ref()
        .map(|a| &a.value)
    {
        Some(AchievementValue::PerDivision(v)) => {
            assert_eq!(v.len(), 2);
            assert_eq!(
                v[0].division.as_ref().map(|d| d.as_str()),
                Some("シティプロモーション課")
            );
        }
        other => panic!("expected per-division achievement, got {other:?}"),
    }
}

#[test]
fn departments_divisions_and_renames() {
    let i = import();
    let p = plan(&i);
    let depts: Vec<&str> = p.departments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        depts,
        vec![
            "企画部",
            "生涯健康部",
            "福祉・子ども部",
            "教育部",
            "関係各部",
            "市民環境部",
            "市民生活部"
        ]
    );
    let kikaku = &p.departments[0];
    assert_eq!(kikaku.name_in(FiscalYear(2021)), "企画部");
    assert_eq!(kikaku.name_in(FiscalYear(2022)), "地域振興部");
    let shimin = p
        .departments
        .iter()
        .find(|d| d.name == "市民環境部")
        .unwrap_or_else(|| panic!("市民環境部"));
    assert_eq!(shimin.name_in(FiscalYear(2022)), "地域振興部");

    assert_eq!(p.divisions.len(), 18);
    let div = |n: &str| {
        p.divisions
            .iter()
            .find(|d| d.name == n)
            .unwrap_or_else(|| panic!("division {n}"))
    };
    let city = div("シティプロモーション課");
    assert_eq!(city.name_in(FiscalYear(2021)), "シティプロモーション課");
    assert_eq!(city.name_in(FiscalYear(2022)), "市民協働課");
    assert_eq!(
        city.renames.len(),
        1,
        "the garbled rename to 地域振興部 (line 131) is not applied"
    );
    assert_eq!(city.department.as_ref().map(|d| d.as_str()), Some("企画部"));
    assert_eq!(
        div("健康推進課").department.as_ref().map(|d| d.as_str()),
        Some("生涯健康部")
    );
    assert_eq!(
        div("介護保険課").department.as_ref().map(|d| d.as_str()),
        Some("生涯健康部")
    );
    assert_eq!(
        div("男女共同参画センター")
            .department
            .as_ref()
            .map(|d| d.as_str()),
        Some("企画部")
    );
    assert!(div("東京都").external);
    assert_eq!(p.divisions.iter().filter(|d| d.external).count(), 1);
    assert!(
        p.divisions
            .iter()
            .all(|d| d.name != "シティブロムーション課" && d.name != "企画課")
    );

    // Line 8: 「シティプロモーション課(令和4年度～市民協働課)健康推進課」 → two assignments.
    let assigned = |m: &str| -> Vec<&str> {
        p.assignments
            .iter()
            .filter(|a| a.measure.as_str() == m)
            .map(|a| a.division.as_str())
            .collect()
    };
    assert_eq!(
        assigned("自治会、円卓会議等のネットワークの構築・強化"),
        vec!["シティプロモーション課", "健康推進課"]
    );
    assert_eq!(
        assigned("精神科医療との連携強化"),
        vec!["生活福祉課", "障害福祉課", "健康推進課"]
    );
    assert_eq!(
        assigned("ひきこもりサポートネット事業"),
        vec!["子ども家庭支援センター", "東京都"]
    );
    assert_eq!(assigned("働き方サポート事業"), vec!["男女共同参画センター"]);
}

#[test]
fn records_and_statuses() {
    let i = import();
    let p = plan(&i);
    let per_year = |y: i32| {
        p.records
            .iter()
            .filter(|r| r.fiscal_year == FiscalYear(y))
            .count()
    };
    // Every measure has a record per year, except 危機対応のための連携強化 (line 21), whose
    // 令和元年度 cells are empty.
    assert_eq!(per_year(2019), 92);
    assert_eq!(per_year(2020), 93);
    assert_eq!(per_year(2021), 93);
    assert_eq!(per_year(2022), 93);
    assert!(
        !p.records
            .iter()
            .any(|r| r.measure.as_str() == "危機対応のための連携強化"
                && r.fiscal_year == FiscalYear(2019))
    );
    // No record has a division of its own: the table gives one joint entry per measure.
    assert!(p.records.iter().all(|r| r.division.is_none()));
    // No 経費 in this document.
    assert!(p.records.iter().all(|r| r.costs.is_empty()));
    assert!(p.indicators.is_empty() && p.ratings.is_empty() && p.outlooks.is_empty());
    // Statuses only come from 実施 / 未実施 achievements.
    for r in &p.records {
        if let Some(s) = &r.status {
            assert_eq!(
                r.achievement.as_ref().map(|a| a.original.trim()),
                Some(s.label.as_str())
            );
        }
    }
}

#[test]
fn relistings_keep_their_differences() {
    let i = import();
    let p = plan(&i);
    // 健康管理, 令和4年度: line 54 「特定御健康診査(5,996)」, line 91 「特定御健康者健康診査(5,596)」.
    let r = record(p, "健康管理", 2022);
    assert!(
        r.result_text
            .as_deref()
            .is_some_and(|t| t.contains("(5,996)"))
    );
    assert!(
        r.extra
            .iter()
            .any(|e| e.kind == shinchoku_core::ExtraKind::Relisted
                && e.label == "実施状況"
                && e.location.as_ref().is_some_and(|l| l.line == 91)
                && e.text.contains("(5,596)"))
    );
    let lines = lines_of(&i, "relisting-differs");
    assert!(lines.contains(&91));
    assert!(
        lines.contains(&132),
        "働き方サポート事業 line 132 repeats 学校出前講座's 令和元年度 text"
    );
}

#[test]
fn diagnostics_name_the_real_anomalies() {
    let i = import();
    let one = |code: &str, line: u32| {
        assert_eq!(lines_of(&i, code), vec![line], "{code}");
    };
    one("merged-group-label", 19);
    one("several-group-labels", 89);
    one("label-in-measure-cell", 32);
    one("missing-page", 47);
    one("garbled-name", 131);
    one("rename-to-department", 131);
    one("percent-sign-missing", 131);
    one("department-name-missing", 142);
    one("division-in-department-column", 104);
    one("repeated-name", 72);
    one("stray-header-text", 46);
    assert_eq!(lines_of(&i, "department-conflict"), vec![82, 91]);
    assert_eq!(lines_of(&i, "group-number-mismatch"), vec![127, 135, 141]);
    assert_eq!(lines_of(&i, "relisting-unmarked"), vec![131, 132]);
    assert_eq!(lines_of(&i, "achievement-items"), vec![111, 111, 111, 111]);
    assert_eq!(
        lines_of(&i, "no-policy"),
        vec![19, 20, 21, 22, 82, 83, 84, 85, 104]
    );
    // Texts copied from other measures: line 132 (働き方サポート事業) repeats 学校出前講座's
    // 令和元年度 texts (line 127) and shares a 令和4年度 text with ヘルプカードの配布 (line 128);
    // 障害者の人権に関する啓発活動 (line 129) carries DV・ハラメント等相談's texts (line 135);
    // the nameless 3-2 row (line 32) has the texts of 講演会・各種健康教室 (line 55).
    assert_eq!(
        lines_of(&i, "text-of-other-measure"),
        vec![55, 132, 132, 132, 135, 135]
    );
    assert!(
        diags_with(&i, "text-of-other-measure")
            .iter()
            .any(|d| d.message.contains("「学校出前講座」 (line 127)"))
    );
    // 8 repeated headers and 3 separator rows of dashes, as one summary.
    let artefacts = diags_with(&i, "page-artefacts");
    assert_eq!(artefacts.len(), 1);
    assert!(
        artefacts[0]
            .message
            .contains("4, 14, 34, 45, 57, 71, 88, 105, 107, 124, 134")
    );

    // Shifted rows: those read by hand as shifted are reported, clean rows are not.
    let realigned = lines_of(&i, "realigned-row");
    for line in [
        8, 16, 19, 20, 22, 31, 32, 48, 50, 54, 69, 77, 94, 97, 98, 100, 104, 131, 132, 141,
    ] {
        assert!(realigned.contains(&line), "line {line} is shifted");
    }
    for line in [
        11, 35, 36, 37, 38, 40, 41, 42, 43, 59, 60, 89, 90, 93, 108, 109, 110, 111, 112, 113, 120,
        121, 125, 126, 127,
    ] {
        assert!(!realigned.contains(&line), "line {line} is clean");
    }
    assert_eq!(realigned.len(), 66);
    assert!(
        diags_with(&i, "realigned-row")
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    // Nothing could not be read.
    assert!(i.diagnostics.iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn reimport_is_identical() {
    assert_eq!(import(), import());
}

fn mutate(text: &str, ops: &[(u8, usize, u8)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for &(kind, pos, byte) in ops {
        if lines.is_empty() {
            break;
        }
        let n = pos % lines.len();
        let line = &mut lines[n];
        let chars: Vec<char> = line.chars().collect();
        let at = if chars.is_empty() {
            0
        } else {
            pos % (chars.len() + 1)
        };
        let cut: String = chars.iter().take(at).collect();
        let rest: String = chars.iter().skip(at).collect();
        match kind % 5 {
            0 => *line = cut,                                        // truncate
            1 => *line = format!("{cut}\t{rest}"),                   // insert a tab
            2 => *line = line.replacen('\t', "", 1 + pos % 3),       // delete tabs
            3 => *line = format!("{cut}{}{rest}", char::from(byte)), // random byte
            _ => {
                lines.remove(n);
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mutated_seed_never_panics(ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..40)) {
        let text = mutate(SEED, &ops);
        let src = SourceText { file_name: FILE, text: &text, sha256: "" };
        if kiyose::detect(&text) {
            let _ = kiyose::read(&src);
        } else {
            prop_assert!(kiyose::read(&src).is_err());
        }
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec("[-\\tP.0-9課部センター○％%実施未継続取組ます。 a-z]{0,60}", 0..20)) {
        let text = format!("計画における項目\t実施内容\t計画書ページ\t担当部署\t担当課\t再掲\t令和元年度実施状況\n{}", rows.join("\n"));
        let src = SourceText { file_name: FILE, text: &text, sha256: "" };
        prop_assert!(kiyose::detect(&text));
        prop_assert!(kiyose::read(&src).is_ok());
    }
}

/// Line 8 has a second achievement 「30%」 that no column can hold: it is kept verbatim on the
/// measure's latest record, not only in the diagnostic.
#[test]
fn surplus_cells_are_kept_verbatim() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/003_a91a11d8f2677ccb.txt"
    ))
    .unwrap_or_default();
    let import =
        shinchoku_ingest::read_document("003_a91a11d8f2677ccb.txt", text.as_bytes()).expect("read");
    let plan = &import.plans[0];
    let kept: Vec<&shinchoku_core::ExtraField> = plan
        .records
        .iter()
        .flat_map(|r| &r.extra)
        .filter(|e| {
            e.kind == shinchoku_core::ExtraKind::Unplaced
                && e.location.as_ref().is_some_and(|l| l.line == 8)
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].text, "30%");
    assert_eq!(kept[0].label, "位置不明のセル");
    assert_eq!(
        kept[0].location.as_ref().and_then(|l| l.field.as_deref()),
        Some("field 17")
    );
    // Every surplus cell a diagnostic mentions is kept somewhere.
    let mentioned = import
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("surplus cells not placed"))
        .count();
    let rows_with_kept: std::collections::BTreeSet<String> = plan
        .records
        .iter()
        .flat_map(|r| &r.extra)
        .filter(|e| e.kind == shinchoku_core::ExtraKind::Unplaced)
        .filter_map(|e| e.location.as_ref().map(|l| format!("line {}", l.line)))
        .chain(
            plan.narratives
                .iter()
                .filter(|n| n.title.starts_with("位置不明のセル"))
                .map(|n| format!("line {}", n.location.line)),
        )
        .collect();
    assert!(mentioned >= rows_with_kept.len());
    assert!(!rows_with_kept.is_empty());
}
