//! The 熊谷市 reader on the real seed (samples/001_fcd6886f924c1359.txt).
//!
//! Every expected value below was verified by reading the seed document line by line (line
//! numbers are the seed's); none was copied from the reader's output.

use proptest::prelude::*;
use shinchoku_core::{
    AchievementValue, FiscalYear, GroupKind, Measure, Plan, ProgressRecord, StatusMeaning,
};
use shinchoku_ingest::readers::{Layout, SourceText, detect_layout, kumagaya, read_document};
use shinchoku_ingest::{Diagnostic, Import, Severity};

const FILE: &str = "001_fcd6886f924c1359.txt";
const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/001_fcd6886f924c1359.txt"
));
const OTHER_SEEDS: [&str; 4] = [
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/000_93a6ad023fb5add3.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/002_eba47c23c940212d.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/003_a91a11d8f2677ccb.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/004_052cf2803b6d324c.txt"
    )),
];

fn read_text(text: &str) -> Result<Import, shinchoku_ingest::ReadError> {
    kumagaya::read(&SourceText {
        file_name: FILE,
        text,
        sha256: "0",
    })
}

fn import() -> Import {
    read_text(SEED).unwrap_or_else(|e| panic!("the seed must read: {e}"))
}

fn plan(import: &Import) -> &Plan {
    assert_eq!(import.plans.len(), 1);
    import.plans.first().unwrap_or_else(|| panic!("one plan"))
}

fn measure<'p>(plan: &'p Plan, name: &str) -> &'p Measure {
    plan.measures
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("measure 「{name}」 not found"))
}

fn records<'p>(plan: &'p Plan, name: &str, year: i32) -> Vec<&'p ProgressRecord> {
    let key = &measure(plan, name).key;
    plan.records
        .iter()
        .filter(|r| &r.measure == key && r.fiscal_year == FiscalYear(year))
        .collect()
}

fn record<'p>(plan: &'p Plan, name: &str, year: i32) -> &'p ProgressRecord {
    let found = records(plan, name, year);
    assert_eq!(found.len(), 1, "one record of 「{name}」 in {year}");
    found
        .first()
        .copied()
        .unwrap_or_else(|| panic!("no record"))
}

fn percent(r: &ProgressRecord) -> Option<i32> {
    match r.achievement.as_ref().map(|a| &a.value) {
        Some(AchievementValue::Percent(p)) => Some(*p),
        _ => None,
    }
}

fn text(t: &Option<String>) -> &str {
    t.as_deref().unwrap_or("")
}

// ---------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------

#[test]
fn detector_claims_only_the_kumagaya_seed() {
    assert!(kumagaya::detect(SEED));
    for other in OTHER_SEEDS {
        assert!(!kumagaya::detect(other));
    }
    assert_eq!(detect_layout(SEED), Some(Layout::Kumagaya));
    // The instructions alone, or the rows alone, are not enough.
    let instructions_only: String = SEED.lines().take(18).collect::<Vec<_>>().join("\n");
    assert!(!kumagaya::detect(&instructions_only));
    let rows_only: String = SEED
        .lines()
        .skip(19)
        .take(60)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!kumagaya::detect(&rows_only));
    // A tab-separated table is another layout.
    assert!(!kumagaya::detect(&SEED.replacen(
        "18 市民部",
        "18\t市民部",
        1
    )));
}

#[test]
fn read_document_dispatches_and_names_the_source() {
    let import = read_document(FILE, SEED.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let plan = plan(&import);
    assert_eq!(plan.municipality.name, "熊谷市");
    assert_eq!(plan.title, "熊谷市自殺対策計画");
    assert_eq!(plan.kind, shinchoku_core::PlanKind::SuicidePrevention);
    let source = plan.sources.first().unwrap_or_else(|| panic!("source"));
    assert_eq!(source.file, FILE);
    assert_eq!(source.layout, "kumagaya");
    assert_eq!(source.sha256.len(), 64);
    assert_eq!(
        plan.fiscal_years,
        vec![FiscalYear(2020), FiscalYear(2021), FiscalYear(2022)]
    );
}

// ---------------------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------------------

#[test]
fn groups_and_listings() {
    let import = import();
    let plan = plan(&import);
    let groups: Vec<(&str, GroupKind, &str, &str, u32)> = plan
        .groups
        .iter()
        .map(|g| {
            (
                g.key.as_str(),
                g.kind,
                g.number.as_deref().unwrap_or(""),
                g.title.as_str(),
                g.location.line,
            )
        })
        .collect();
    assert_eq!(
        groups,
        vec![
            (
                "基本施策1",
                GroupKind::BasicPolicy,
                "１",
                "地域におけるネットワークの強化",
                20
            ),
            (
                "基本施策2",
                GroupKind::BasicPolicy,
                "２",
                "自殺対策を支える人材の育成",
                259
            ),
            (
                "基本施策3",
                GroupKind::BasicPolicy,
                "３",
                "住民への啓発と周知",
                501
            ),
            (
                "基本施策4",
                GroupKind::BasicPolicy,
                "４",
                "生きることの促進要因への支援",
                881
            ),
            (
                "基本施策5",
                GroupKind::BasicPolicy,
                "５",
                "児童生徒のSOSの出し方に関する教育",
                2460
            ),
        ]
    );
    assert!(
        plan.groups
            .iter()
            .all(|g| g.label == "基本施策" && g.parent.is_none())
    );
    // 8 measures under 基本施策１ (lines 23–257), 8 under ２ (262–499), 16 under ３ (503–879),
    // 53 under ４ (884–2458), 5 under ５ (2463–2584).
    let per_group: Vec<usize> = plan
        .groups
        .iter()
        .map(|g| plan.listings.iter().filter(|l| l.group == g.key).count())
        .collect();
    assert_eq!(per_group, vec![8, 8, 16, 53, 5]);
    assert_eq!(plan.measures.len(), 90);
    assert_eq!(plan.listings.len(), 90);
    // The 再掲 column is never filled in this sheet.
    assert!(plan.listings.iter().all(|l| !l.relisted));
    // First and last measure of each group.
    let group_of = |name: &str| {
        let key = &measure(plan, name).key;
        plan.listings
            .iter()
            .find(|l| &l.measure == key)
            .map(|l| l.group.as_str().to_owned())
    };
    assert_eq!(
        group_of("熊谷市いじめ問題対策連絡協議会").as_deref(),
        Some("基本施策1")
    );
    assert_eq!(
        group_of("市職員を対象としたゲートキーパー養成講座").as_deref(),
        Some("基本施策2")
    );
    assert_eq!(
        group_of("教育相談指導員を対象としたゲートキーパー養成講座").as_deref(),
        Some("基本施策2")
    );
    assert_eq!(
        group_of("啓発リーフレット等の作成・配布").as_deref(),
        Some("基本施策3")
    );
    assert_eq!(group_of("こころの体温計").as_deref(), Some("基本施策3"));
    assert_eq!(group_of("生活相談").as_deref(), Some("基本施策4"));
    assert_eq!(
        group_of("市営住宅使用料の納付相談").as_deref(),
        Some("基本施策4")
    );
    assert_eq!(
        group_of("児童生徒へのリーフレット配布").as_deref(),
        Some("基本施策5")
    );
    assert_eq!(group_of("教育１１０番").as_deref(), Some("基本施策5"));
}

#[test]
fn departments_divisions_and_assignments() {
    let import = import();
    let plan = plan(&import);
    let depts: Vec<&str> = plan.departments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        depts,
        vec![
            "市民部",
            "福祉部",
            "教育委員会",
            "総合政策部",
            "総務部",
            "上下水道部",
            "建設部"
        ]
    );
    assert_eq!(plan.divisions.len(), 23);
    let in_dept = |d: &str| {
        let mut v: Vec<&str> = plan
            .divisions
            .iter()
            .filter(|x| x.department.as_ref().map(|k| k.as_str()) == Some(d))
            .map(|x| x.name.as_str())
            .collect();
        v.sort();
        v
    };
    let mut shimin = vec![
        "熊谷保健センター",
        "男女共同参画室",
        "母子健康センター",
        "安心安全課",
        "市民活動推進課",
        "市民課",
        "保険年金課",
        "健康づくり課",
    ];
    shimin.sort();
    assert_eq!(in_dept("市民部"), shimin);
    let mut fukushi = vec![
        "こども課",
        "長寿いきがい課",
        "生活福祉課",
        "保育課",
        "障害福祉課",
    ];
    fukushi.sort();
    assert_eq!(in_dept("福祉部"), fukushi);
    let mut kyoiku = vec![
        "学校教育課",
        "教育研究所",
        "熊谷図書館",
        "社会教育課",
        "教育総務課",
    ];
    kyoiku.sort();
    assert_eq!(in_dept("教育委員会"), kyoiku);
    assert_eq!(in_dept("総合政策部"), vec!["人権政策課"]);
    assert_eq!(in_dept("総務部"), vec!["納税課"]);
    assert_eq!(in_dept("上下水道部"), vec!["経営課"]);
    assert_eq!(in_dept("建設部"), vec!["営繕課"]);
    // 大里広域市町村圏組合 (line 1549) is a partner body.
    let external: Vec<&str> = plan
        .divisions
        .iter()
        .filter(|d| d.external)
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(external, vec!["大里広域市町村圏組合"]);
    assert!(
        plan.divisions
            .iter()
            .all(|d| d.external || d.department.is_some())
    );
    // No division or department is renamed in this sheet.
    assert!(plan.divisions.iter().all(|d| d.renames.is_empty()));
    assert!(plan.departments.iter().all(|d| d.renames.is_empty()));
    // 83 measures with one division, 7 with two (lines 111, 333, 643, 1269, 1493, 1548, 1638).
    assert_eq!(plan.assignments.len(), 97);
    let two: Vec<(&str, Vec<&str>)> = plan
        .measures
        .iter()
        .filter_map(|m| {
            let divs: Vec<&str> = plan
                .assignments
                .iter()
                .filter(|a| a.measure == m.key)
                .map(|a| a.division.as_str())
                .collect();
            (divs.len() > 1).then_some((m.name.as_str(), divs))
        })
        .collect();
    assert_eq!(
        two,
        vec![
            (
                "子育て世代包括支援センターを中心とした子育て支援ネットワーク",
                vec!["母子健康センター", "こども課"]
            ),
            (
                "子育て世代包括支援センター等職員に対する研修",
                vec!["母子健康センター", "こども課"]
            ),
            (
                "子育て世代包括支援センター等への啓発リーフレットの設置",
                vec!["母子健康センター", "こども課"]
            ),
            (
                "子育て世代包括支援センター",
                vec!["母子健康センター", "こども課"]
            ),
            ("地域福祉計画", vec!["生活福祉課", "熊谷保健センター"]),
            (
                "地域包括支援センター",
                vec!["長寿いきがい課", "大里広域市町村圏組合"]
            ),
            ("障がい者計画", vec!["障害福祉課", "熊谷保健センター"]),
        ]
    );
    // Every measure has at least one division.
    assert!(
        plan.measures
            .iter()
            .all(|m| plan.assignments.iter().any(|a| a.measure == m.key))
    );
    // 熊谷保健センター runs 20 measures: 18 page lines name it alone, 2 share it (1498, 1643).
    let hoken = plan
        .assignments
        .iter()
        .filter(|a| a.division.as_str() == "熊谷保健センター")
        .count();
    assert_eq!(hoken, 20);
}

#[test]
fn records_statuses_and_achievements_per_year() {
    let import = import();
    let plan = plan(&import);
    let year = |y: i32| -> Vec<&ProgressRecord> {
        plan.records
            .iter()
            .filter(|r| r.fiscal_year == FiscalYear(y))
            .collect()
    };
    // 令和2年度: 86 measures have the columns (not Ｒ３追加 and the three 建設部 ones); the one
    // whose texts are marked per division gives two records.
    assert_eq!(year(2020).len(), 87);
    // 令和3年度: 90 measures, one split.
    assert_eq!(year(2021).len(), 91);
    // 令和4年度以降: 90 plans, two split.
    assert_eq!(year(2022).len(), 92);
    assert_eq!(plan.records.len(), 270);
    // Joint records (division None): the six multi-division measures that are not split.
    let joint = |y: i32| year(y).iter().filter(|r| r.division.is_none()).count();
    assert_eq!((joint(2020), joint(2021), joint(2022)), (6, 6, 5));

    // 取組状況 (per measure: 88 ア 実施済, 2 エ 未実施 at lines 478 and 1176).
    let status = |label: &str| {
        year(2021)
            .iter()
            .filter(|r| r.status.as_ref().map(|s| s.label.as_str()) == Some(label))
            .count()
    };
    assert_eq!(status("実施済"), 89);
    assert_eq!(status("未実施"), 2);
    assert_eq!(status("一部実施") + status("準備中") + status("その他"), 0);
    assert!(year(2021).iter().all(|r| {
        r.status
            .as_ref()
            .is_some_and(|s| s.original == "ア　実施済" || s.original == "エ　未実施")
    }));
    assert!(year(2020).iter().all(|r| r.status.is_none()));

    // 達成度 令和2年度: 75 measures 100 % + 99.5 % (rounded) + the split one = 77; 0 % at
    // lines 547 and 700; 50 % at 933; blank for seven measures.
    let count =
        |y: i32, f: &dyn Fn(&ProgressRecord) -> bool| year(y).into_iter().filter(|r| f(r)).count();
    assert_eq!(count(2020, &|r| percent(r) == Some(100)), 77);
    assert_eq!(count(2020, &|r| percent(r) == Some(0)), 2);
    assert_eq!(count(2020, &|r| percent(r) == Some(50)), 1);
    let blank = |r: &ProgressRecord| {
        r.achievement
            .as_ref()
            .is_some_and(|a| a.value == AchievementValue::Blank)
    };
    assert_eq!(count(2020, &blank), 7);
    // 令和3年度: 85 measures 100 % (+1 split), 96.9 % → 97, 50 % (line 944), 0 % twice, 「-」
    // (line 1198).
    assert_eq!(count(2021, &|r| percent(r) == Some(100)), 86);
    assert_eq!(count(2021, &|r| percent(r) == Some(97)), 1);
    assert_eq!(count(2021, &|r| percent(r) == Some(50)), 1);
    assert_eq!(count(2021, &|r| percent(r) == Some(0)), 2);
    assert_eq!(count(2021, &blank), 1);
    assert!(
        year(2022)
            .iter()
            .all(|r| r.achievement.is_none() && r.status.is_none())
    );
    assert!(
        year(2022)
            .iter()
            .all(|r| r.plan_text.is_some() && r.result_text.is_none())
    );

    // No 経費, no 方向性 and no indicators in this sheet.
    assert!(plan.records.iter().all(|r| r.costs.is_empty()));
    assert!(plan.records.iter().all(|r| r.direction.is_none()));
    assert!(plan.indicators.is_empty());
    assert!(plan.direction_vocabulary.terms.is_empty());

    // The plan's status scale is the sheet's ア–オ.
    let scale: Vec<(String, &str, StatusMeaning)> = plan
        .status_scale
        .levels
        .iter()
        .map(|l| {
            (
                l.code.clone().unwrap_or_default(),
                l.label.as_str(),
                l.meaning,
            )
        })
        .collect();
    assert_eq!(
        scale,
        vec![
            ("ア".to_owned(), "実施済", StatusMeaning::Done),
            ("イ".to_owned(), "一部実施", StatusMeaning::Partial),
            ("ウ".to_owned(), "準備中", StatusMeaning::Preparing),
            ("エ".to_owned(), "未実施", StatusMeaning::NotDone),
            ("オ".to_owned(), "その他", StatusMeaning::Other),
        ]
    );
    let narrative = plan
        .narratives
        .first()
        .unwrap_or_else(|| panic!("instructions"));
    assert!(narrative.text.contains("整数で入力して"));
    assert_eq!(narrative.location.line, 1);
}

#[test]
fn outputs_per_year() {
    let import = import();
    let plan = plan(&import);
    let outputs = |y: i32| -> usize {
        plan.records
            .iter()
            .filter(|r| r.fiscal_year == FiscalYear(y))
            .map(|r| r.outputs.len())
            .sum()
    };
    // Lines that are nothing but counted outputs, in the result columns (see the reader's
    // rule): 29 in 令和2年度, 35 in 令和3年度, none in plans.
    assert_eq!(outputs(2020), 29);
    assert_eq!(outputs(2021), 35);
    assert_eq!(outputs(2022), 0);
    let o = |name: &str, y: i32| -> Vec<(String, f64, String)> {
        records(plan, name, y)
            .iter()
            .flat_map(|r| r.outputs.iter())
            .map(|o| (o.label.clone(), o.value, o.unit.clone().unwrap_or_default()))
            .collect()
    };
    assert_eq!(
        o("産後うつ病地域連携システム", 2020),
        vec![("EPDS質問票実施人数".to_owned(), 1478.0, "名".to_owned())]
    );
    assert_eq!(
        o("産後うつ病地域連携システム", 2021),
        vec![("EPDS質問票実施人数".to_owned(), 1399.0, "人".to_owned())]
    );
    assert_eq!(
        o("地域ケア会議", 2020),
        vec![
            ("中央型地域ケア会議".to_owned(), 2.0, "回".to_owned()),
            (
                "地域包括支援センターが実施する地域ケア会議".to_owned(),
                23.0,
                "回".to_owned()
            ),
        ]
    );
    assert_eq!(
        o("こころの健康相談", 2021),
        vec![
            ("実施回数".to_owned(), 26.0, "回".to_owned()),
            ("利用者数".to_owned(), 41.0, "人".to_owned()),
        ]
    );
    assert_eq!(
        o("ＤＶ相談", 2020),
        vec![
            ("電話相談・面接相談".to_owned(), 110.0, "件".to_owned()),
            ("電話相談・面接相談".to_owned(), 217.0, "回".to_owned()),
            ("弁護士相談".to_owned(), 10.0, "件".to_owned()),
            ("弁護士相談".to_owned(), 10.0, "回".to_owned()),
            ("臨床心理士相談".to_owned(), 3.0, "件".to_owned()),
            ("臨床心理士相談".to_owned(), 3.0, "回".to_owned()),
            ("保健師相談".to_owned(), 0.0, "件".to_owned()),
        ]
    );
    assert_eq!(
        o("こころの体温計", 2020),
        vec![("年間アクセス件数".to_owned(), 27788.0, "件".to_owned())]
    );
    assert_eq!(
        o("こんにちは赤ちゃん事業", 2021),
        vec![
            ("訪問家庭数".to_owned(), 1046.0, "件".to_owned()),
            ("訪問率".to_owned(), 96.9, "%".to_owned()),
        ]
    );
    assert_eq!(
        o("メンタルヘルス相談", 2021),
        vec![
            ("スマホへの相談件数".to_owned(), 6.0, "件".to_owned()),
            (
                "電子申請での相談申込み件数".to_owned(),
                2.0,
                "件".to_owned()
            ),
        ]
    );
    // Sentences with numbers are not outputs (line 312: 「委員３２０人にパンフレットを…」).
    assert!(o("民生委員・児童委員に対する研修", 2020).is_empty());
}

// ---------------------------------------------------------------------------------------
// Measures field by field
// ---------------------------------------------------------------------------------------

#[test]
fn first_measure() {
    let import = import();
    let plan = plan(&import);
    let m = measure(plan, "熊谷市自殺予防対策連絡協議会");
    assert_eq!(m.key.as_str(), "熊谷市自殺予防対策連絡協議会");
    assert_eq!(m.plan_page.as_deref(), Some("18"));
    assert_eq!(
        m.description.as_deref(),
        Some(
            "熊谷市自殺予防対策連絡協議会において、自殺に関\nする情報の収集や自殺予防対策に関する関係機関・\n団体・関係課との連携を強化します。"
        )
    );
    assert_eq!(m.location.line, 23);
    assert!(m.audience.is_none());
    let r20 = record(plan, "熊谷市自殺予防対策連絡協議会", 2020);
    assert_eq!(
        r20.division.as_ref().map(|d| d.as_str()),
        Some("熊谷保健センター")
    );
    assert!(text(&r20.result_text).starts_with("新型コロナウイルス感染症による拡大防止のため書面"));
    assert!(text(&r20.result_text).ends_with("会議にかかる報告：令和３年３月３１日"));
    assert_eq!(
        r20.achievement.as_ref().map(|a| a.original.as_str()),
        Some("100 %")
    );
    let r21 = record(plan, "熊谷市自殺予防対策連絡協議会", 2021);
    assert!(text(&r21.plan_text).starts_with("会議を開催し、関係課（１３課）"));
    assert!(text(&r21.result_text).starts_with("会議を開催し、関係課（１１課）"));
    assert!(
        text(&r21.evaluation_text).starts_with("会議を開催し、自殺への取組等について情報交換を")
    );
    assert_eq!(
        r21.status.as_ref().map(|s| s.code.as_deref()),
        Some(Some("ア"))
    );
    assert_eq!(percent(r21), Some(100));
    let r22 = record(plan, "熊谷市自殺予防対策連絡協議会", 2022);
    assert!(text(&r22.plan_text).ends_with("日時：未定\n場所：未定"));
    assert_eq!(r22.location.line, 57);
}

#[test]
fn cells_on_one_line() {
    let import = import();
    let plan = plan(&import);
    // Line 71: 「100 % 年1回以上、… 令和3年10月に…」, evaluation on 72–73, line 75 repeats the plan.
    let r21 = record(plan, "ＤＶ対策庁内連絡会議", 2021);
    assert_eq!(
        text(&r21.plan_text),
        "年1回以上、ＤＶ対策庁内連絡会議を開催する。"
    );
    assert_eq!(
        text(&r21.result_text),
        "令和3年10月にＤＶ対策庁内連絡会議を開催した。"
    );
    assert_eq!(
        text(&r21.evaluation_text),
        "対面での会議を行うことができたため、関係課とのネッ\nトワーク構築が図れた。"
    );
    assert_eq!(
        text(&record(plan, "ＤＶ対策庁内連絡会議", 2022).plan_text),
        "年1回以上、ＤＶ対策庁内連絡会議を開催する。"
    );
    // Line 837: name, description, page, 部 and 課 on one line.
    let m = measure(plan, "市報を活用した啓発");
    assert_eq!(
        m.description.as_deref(),
        Some("市報を活用し自殺予防週間（９月）の周知に努めます。")
    );
    assert_eq!(m.plan_page.as_deref(), Some("23"));
    // Line 581: page, 部, 課, 令和2年度 result, 達成度, 令和3年度 plan and result on one line.
    let r20 = record(plan, "ＤＶ相談室への啓発リーフレットの設置", 2020);
    assert_eq!(
        text(&r20.result_text),
        "男女共同参画推進センターの情報ラックに配置した。"
    );
    let r21 = record(plan, "ＤＶ相談室への啓発リーフレットの設置", 2021);
    assert_eq!(
        text(&r21.plan_text),
        "男女共同参画推進センターの情報ラックに配置する。"
    );
    assert_eq!(
        text(&r21.result_text),
        "男女共同参画推進センターの情報ラックに配置した。"
    );
    assert!(text(&r21.evaluation_text).starts_with("情報ラックに配置することはもちろん"));
    // Line 704: result and evaluation before the status on the status line; line 700: 0 %
    // with an empty 令和2年度 result.
    let r20 = record(plan, "図書館への啓発リーフレットの設置", 2020);
    assert!(r20.result_text.is_none());
    assert_eq!(percent(r20), Some(0));
    let r21 = record(plan, "図書館への啓発リーフレットの設置", 2021);
    assert_eq!(
        text(&r21.result_text),
        "自殺対策関連のリーフレットを設置しました。"
    );
    assert_eq!(text(&r21.evaluation_text), "来年度も実施できるよう努める。");
    // Line 1007: 令和3年度 result and evaluation on the status line.
    let r21 = record(plan, "消費生活センター", 2021);
    assert_eq!(text(&r21.result_text), "消費生活相談受付件数　７９９件");
    assert_eq!(
        text(&r21.evaluation_text),
        "必要に応じて適切な支援先につないだ。"
    );
    // Line 565: no 令和2年度 達成度; the 令和3年度 plan on the page line.
    let r20 = record(plan, "防犯・交通安全街頭啓発キャンペーン", 2020);
    assert_eq!(
        text(&r20.result_text),
        "感染症対策のため、チラシ配布を行わなかった。"
    );
    assert_eq!(
        r20.achievement.as_ref().map(|a| a.original.as_str()),
        Some("")
    );
    assert_eq!(
        text(&record(plan, "防犯・交通安全街頭啓発キャンペーン", 2021).plan_text),
        "新型コロナウイルスの状況をみながら検討"
    );
}

#[test]
fn merged_cells_are_split_where_the_first_line_ends_short() {
    let import = import();
    let plan = plan(&import);
    // Lines 91–94: result 「EPDS質問票実施人数　１，３９９人」 and the evaluation in one paragraph.
    let r = record(plan, "産後うつ病地域連携システム", 2021);
    assert_eq!(text(&r.result_text), "EPDS質問票実施人数　１，３９９人");
    assert!(text(&r.evaluation_text).starts_with("質問票の結果が陽性となった場合"));
    // Lines 314–317: 令和3年度 plan and result in one paragraph (no 令和2年度 達成度).
    let r = record(plan, "民生委員・児童委員に対する研修", 2021);
    assert_eq!(text(&r.plan_text), "内容・方法を変えずに、地区毎に継続実施");
    assert!(text(&r.result_text).ends_with("委員３０９人にパンフレットを４種類配布した。"));
    assert!(
        text(&r.evaluation_text)
            .starts_with("コロナウイルス感染症の影響により事業は中止と\nなったが")
    );
    // Lines 420–423.
    let r = record(plan, "保育士、放課後ケアワーカーへの啓発", 2021);
    assert_eq!(text(&r.result_text), "リーフレットの配布");
    assert!(text(&r.evaluation_text).starts_with("公立保育所の保育士及び放課後ケアワーカーに自殺"));
    // Lines 619–621.
    let r = record(plan, "男女共同参画に関するセミナー", 2021);
    assert_eq!(
        text(&r.result_text),
        "女と男のセミナーにおいて、チラシを配布した。"
    );
    // Lines 1434–1436.
    let r = record(plan, "乳幼児健診未受診者訪問指導", 2021);
    assert_eq!(text(&r.result_text), "訪問者数（延べ）２０人");
    assert!(text(&r.evaluation_text).starts_with("新型コロナウイルス感染症の影響で"));
    // Lines 468–478: three cells for four columns and nothing to split: evaluation empty.
    let r = record(plan, "学校教職員を対象としたゲートキーパー養成講座", 2021);
    assert!(text(&r.result_text).starts_with("新型コロナウィルス感染症拡大防止の観点から"));
    assert!(r.evaluation_text.is_none());
    assert_eq!(r.status.as_ref().map(|s| s.label.as_str()), Some("未実施"));
    assert_eq!(percent(r), Some(0));
}

#[test]
fn per_division_records() {
    let import = import();
    let plan = plan(&import);
    let name = "子育て世代包括支援センターを中心とした子育て支援ネットワーク";
    for y in [2020, 2021, 2022] {
        let divs: Vec<&str> = records(plan, name, y)
            .iter()
            .filter_map(|r| r.division.as_ref().map(|d| d.as_str()))
            .collect();
        assert_eq!(divs, vec!["母子健康センター", "こども課"], "{y}");
    }
    let by = |y: i32, d: &str| {
        records(plan, name, y)
            .into_iter()
            .find(|r| r.division.as_ref().map(|k| k.as_str()) == Some(d))
            .unwrap_or_else(|| panic!("{d} {y}"))
    };
    // Line 118: 「メンタル相談延べ人数　１６人（母子健）」 — an abbreviated marker.
    assert_eq!(
        text(&by(2020, "母子健康センター").result_text),
        "メンタル相談延べ人数　１６人（母子健）"
    );
    assert!(text(&by(2020, "こども課").result_text).ends_with("支援につないだ。（こども課）"));
    // Lines 134–137: the marker wraps: 「（母子\n健康センター）」.
    let r = by(2021, "母子健康センター");
    assert!(text(&r.result_text).ends_with("メンタル相談延べ人数　５５人（母子\n健康センター）"));
    assert_eq!(r.outputs.len(), 1);
    assert_eq!(r.outputs.first().map(|o| o.value), Some(55.0));
    assert_eq!(percent(r), Some(100));
    assert_eq!(percent(by(2021, "こども課")), Some(100));
    assert!(text(&by(2022, "母子健康センター").plan_text).ends_with("（母子健\n康センター）"));
    // 子育て世代包括支援センター等職員に対する研修: only the 令和4年度以降 plan is marked for both.
    let name = "子育て世代包括支援センター等職員に対する研修";
    assert!(
        records(plan, name, 2020)
            .iter()
            .all(|r| r.division.is_none())
    );
    let r21 = record(plan, name, 2021);
    assert!(r21.division.is_none());
    assert!(text(&r21.evaluation_text).contains("（こども課）"));
    assert_eq!(records(plan, name, 2022).len(), 2);
}

#[test]
fn special_rows() {
    let import = import();
    let plan = plan(&import);
    // Line 2369: 「Ｒ３追加」 in the page column: no page, no 令和2年度.
    let m = measure(plan, "メンタルヘルス相談");
    assert!(m.plan_page.is_none());
    assert!(records(plan, "メンタルヘルス相談", 2020).is_empty());
    let r = record(plan, "メンタルヘルス相談", 2021);
    assert!(text(&r.plan_text).starts_with("新型コロナウイルス感染症等も含む心の健康に問題を"));
    assert!(text(&r.result_text).starts_with("R3.8月～スマホでの相談開始"));
    assert_eq!(
        text(&record(plan, "メンタルヘルス相談", 2022).plan_text),
        "実施を継続する。"
    );
    // Lines 2395, 2417, 2441: 「建設部 営繕課」 without page.
    for name in [
        "市営住宅への入居相談",
        "市営住宅入居者の安否等確認連絡",
        "市営住宅使用料の納付相談",
    ] {
        assert!(measure(plan, name).plan_page.is_none());
        assert!(records(plan, name, 2020).is_empty());
        assert_eq!(
            record(plan, name, 2021)
                .division
                .as_ref()
                .map(|d| d.as_str()),
            Some("営繕課")
        );
    }
    let r = record(plan, "市営住宅入居者の安否等確認連絡", 2021);
    assert!(
        text(&r.result_text)
            .starts_with("市営住宅入居者のうち、高齢者世帯に対して、熊谷市\n営繕課から夏に１回")
    );
    assert_eq!(text(&r.evaluation_text), "予定どおり実施できた。");
    // Line 1198: 「ア　実施済 -」.
    let r = record(plan, "各種健康教室", 2021);
    assert_eq!(
        r.achievement
            .as_ref()
            .map(|a| (&a.value, a.original.as_str())),
        Some((&AchievementValue::Blank, "-"))
    );
    // Lines 1339, 1351: decimals rounded, originals kept.
    let r = record(plan, "こんにちは赤ちゃん事業", 2020);
    assert_eq!(
        r.achievement.as_ref().map(|a| a.original.as_str()),
        Some("99.5 %")
    );
    assert_eq!(percent(r), Some(100));
    let r = record(plan, "こんにちは赤ちゃん事業", 2021);
    assert_eq!(
        r.achievement.as_ref().map(|a| a.original.as_str()),
        Some("96.9 %")
    );
    // Lines 1160–1164: description cut off by the converter, kept as read.
    let m = measure(plan, "健康サポート薬局");
    assert!(
        m.description
            .as_deref()
            .is_some_and(|d| d.ends_with("必要な助言や適切な支援へつなぐ等の対応を"))
    );
    // Wrapped names are joined (lines 103–104, 1664–1665).
    assert_eq!(
        measure(
            plan,
            "特別児童扶養手当、特別障害者手当、障害児福祉手当の支給"
        )
        .plan_page
        .as_deref(),
        Some("27")
    );
    // The last measure's 令和４年度以降 plan (lines 2582–2584).
    assert!(
        text(&record(plan, "教育１１０番", 2022).plan_text).ends_with("の出し方を指導します。")
    );
    // 50 % with ア 実施済 (line 944).
    let r = record(plan, "性の尊重についての理解促進", 2021);
    assert_eq!(
        (r.status.as_ref().map(|s| s.label.as_str()), percent(r)),
        (Some("実施済"), Some(50))
    );
}

// ---------------------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------------------

#[test]
fn diagnostics_name_the_real_anomalies() {
    let import = import();
    let got: Vec<(Severity, &str, u32)> = import
        .diagnostics
        .iter()
        .map(|d: &Diagnostic| (d.severity, d.code.as_str(), d.location.line))
        .collect();
    use Severity::{Info, Warning};
    let expected: Vec<(Severity, &str, u32)> = vec![
        // Lines 2–5: 「ア　実施済,ウ 準備中,…」 — イ　一部実施 lost by the converter.
        (Warning, "status-scale-incomplete", 2),
        (Info, "page-header", 586),
        (Info, "page-header", 1312),
        (Info, "page-header", 1985),
        (Info, "title-supplied", 1),
        (Warning, "inferred-cell-boundary", 91),
        (Info, "abbreviated-division", 118),
        (Info, "per-division-split", 118),
        (Info, "per-division-split", 126),
        (Info, "per-division-split", 152),
        (Warning, "inferred-cell-boundary", 314),
        (Info, "joint-record", 349),
        (Info, "per-division-split", 370),
        (Warning, "inferred-cell-boundary", 420),
        (Warning, "missing-cell", 475),
        (Warning, "inferred-cell-boundary", 619),
        (Info, "joint-record", 655),
        (Info, "empty-cell", 700),
        (Warning, "truncated-text", 1161),
        (Warning, "non-integer-achievement", 1339),
        (Warning, "non-integer-achievement", 1351),
        (Warning, "inferred-cell-boundary", 1434),
        (Info, "external-division", 1549),
        (Info, "added-measure", 2369),
        (Warning, "missing-page", 2395),
        (Warning, "missing-page", 2417),
        (Warning, "missing-page", 2441),
    ];
    assert_eq!(got, expected);
    assert!(import.diagnostics.iter().all(|d| d.location.file == FILE));
    assert!(
        import
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
    let warnings = import
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    assert_eq!(warnings, 13);
    // Messages say what was decided.
    let boundary = import
        .diagnostics
        .iter()
        .find(|d| d.code == "inferred-cell-boundary")
        .unwrap_or_else(|| panic!("boundary"));
    assert!(
        boundary
            .message
            .contains("EPDS質問票実施人数　１，３９９人")
    );
    assert!(boundary.message.contains("令和３年度実施状況"));
}

#[test]
fn reimport_is_identical() {
    let a = import();
    let b = import();
    assert_eq!(a, b);
    let keys: Vec<&str> = plan(&a).measures.iter().map(|m| m.key.as_str()).collect();
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 90);
}

#[test]
fn not_a_sheet_is_an_error_not_a_panic() {
    assert!(read_text("").is_err());
    assert!(read_text("基本施策１　テスト\n\n名前\n説明").is_err());
}

// ---------------------------------------------------------------------------------------
// Mutated input never panics
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Mutation {
    TruncateLine(usize, usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    InsertText(usize, String),
    DeleteSpaces(usize),
    InsertTab(usize, usize),
    ReplaceByte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(l, n)| Mutation::TruncateLine(l, n)),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (
            any::<usize>(),
            prop_oneof![
                Just(" ".to_owned()),
                Just("100 %".to_owned()),
                Just("ア　実施済 ".to_owned()),
                Just("（こども課）".to_owned()),
                Just("18 市民部 ".to_owned()),
                Just("基本施策９　".to_owned()),
                Just(" 取組状況".to_owned()),
                "\\PC{0,12}",
            ]
        )
            .prop_map(|(l, s)| Mutation::InsertText(l, s)),
        any::<usize>().prop_map(Mutation::DeleteSpaces),
        (any::<usize>(), 0usize..40).prop_map(|(l, c)| Mutation::InsertTab(l, c)),
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::ReplaceByte(p, b)),
    ]
}

fn apply(lines: &mut Vec<String>, bytes_mode: &mut Option<Vec<u8>>, m: &Mutation) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match m {
        Mutation::TruncateLine(l, keep) => {
            let line = &mut lines[l % n];
            *line = line.chars().take(*keep).collect();
        }
        Mutation::DeleteLine(l) => {
            lines.remove(l % n);
        }
        Mutation::DuplicateLine(l) => {
            let copy = lines[l % n].clone();
            lines.insert(l % n, copy);
        }
        Mutation::InsertText(l, s) => {
            let line = &mut lines[l % n];
            let at = line.chars().count() / 2;
            let mut chars: Vec<char> = line.chars().collect();
            for (i, c) in s.chars().enumerate() {
                chars.insert(at + i, c);
            }
            *line = chars.into_iter().collect();
        }
        Mutation::DeleteSpaces(l) => {
            let line = &mut lines[l % n];
            *line = line.replace(' ', "");
        }
        Mutation::InsertTab(l, c) => {
            let line = &mut lines[l % n];
            let mut chars: Vec<char> = line.chars().collect();
            let at = (*c).min(chars.len());
            chars.insert(at, '\t');
            *line = chars.into_iter().collect();
        }
        Mutation::ReplaceByte(p, b) => {
            let mut bytes = bytes_mode
                .take()
                .unwrap_or_else(|| lines.join("\n").into_bytes());
            if !bytes.is_empty() {
                let len = bytes.len();
                bytes[p % len] = *b;
            }
            *bytes_mode = Some(bytes);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A window of the real seed, mutated: reading returns plans or an error, never panics,
    /// and whatever it reads has consistent keys.
    #[test]
    fn mutated_seed_never_panics(
        start in 0usize..2400,
        len in 1usize..400,
        mutations in proptest::collection::vec(mutation(), 0..12),
    ) {
        let all: Vec<&str> = SEED.lines().collect();
        // Keep the instructions so that the window is still a sheet.
        let mut lines: Vec<String> = all.iter().take(19).map(|s| (*s).to_owned()).collect();
        lines.extend(all.iter().skip(start).take(len).map(|s| (*s).to_owned()));
        let mut bytes = None;
        for m in &mutations {
            apply(&mut lines, &mut bytes, m);
        }
        let text = match bytes {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => lines.join("\n"),
        };
        let _ = kumagaya::detect(&text);
        if let Ok(import) = read_text(&text) {
            for plan in &import.plans {
                for r in &plan.records {
                    prop_assert!(plan.measure(&r.measure).is_some());
                }
                for a in &plan.assignments {
                    prop_assert!(plan.division(&a.division).is_some());
                }
            }
        }
    }

    /// Arbitrary text never panics either.
    #[test]
    fn arbitrary_text_never_panics(s in "(\\PC|\n| ){0,300}") {
        let _ = kumagaya::detect(&s);
        let _ = read_text(&s);
    }
}

#[test]
fn whole_seed_with_every_line_truncated_never_panics() {
    for keep in [0usize, 1, 3, 8] {
        let text: String = SEED
            .lines()
            .map(|l| l.chars().take(keep).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n");
        let _ = read_text(&text);
    }
    let no_spaces = SEED.replace(' ', "");
    let _ = read_text(&no_spaces);
    let tabs = SEED.replace(' ', "\t");
    assert!(!kumagaya::detect(&tabs));
    let _ = read_text(&tabs);
}

/// The sheet twice in one file: every group and measure of the second copy gets a key of its
/// own (「基本施策1-2」, 「…（2）」) with a warning, and no key is used twice.
#[test]
fn a_sheet_read_twice_keys_every_duplicate_apart() {
    let once = import();
    let once = plan(&once);
    // 基本施策１–５ (lines 20, 259, 501, 881, 2460) and 90 measures of distinct names.
    assert_eq!((once.groups.len(), once.measures.len()), (5, 90));
    let twice_import = read_text(&format!("{SEED}\n{SEED}")).expect("reads");
    let twice = plan(&twice_import);
    assert_eq!((twice.groups.len(), twice.measures.len()), (10, 180));
    let count = |code: &str| {
        twice_import
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .count()
    };
    assert_eq!(count("duplicate-group"), 5);
    assert_eq!(count("duplicate-measure"), 90);
    assert_eq!(twice.groups[5].key.as_str(), "基本施策1-2");
    // Line 23, the first measure, again.
    assert_eq!(
        twice.measures[90].key.as_str(),
        "熊谷市自殺予防対策連絡協議会（2）"
    );
    let keys: std::collections::BTreeSet<&str> =
        twice.measures.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys.len(), 180);
}
