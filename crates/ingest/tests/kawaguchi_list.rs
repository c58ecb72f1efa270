//! The kawaguchi_list reader on the real seed (samples/000_93a6ad023fb5add3.txt): 川口市
//! 自殺対策推進計画掲載事業, the list of all 136 programs with 令和4年度 results.
//!
//! Every expected number below was counted by reading the document (line numbers refer to it).

use proptest::prelude::*;
use shinchoku_core::totals::cost_total_by_year;
use shinchoku_core::{
    CostItem, CostSharing, DivisionKey, FiscalYear, MeasureKey, Plan, PlanKind, ProgressRecord,
};
use shinchoku_ingest::readers::{self, kawaguchi_list};
use shinchoku_ingest::{Diagnostic, Import, Layout, Severity, SourceText, read_document};

const FILE: &str = "000_93a6ad023fb5add3.txt";
const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/000_93a6ad023fb5add3.txt"
));
const OTHER_SEEDS: [&str; 4] = [
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
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/004_052cf2803b6d324c.txt"
    )),
];

fn import() -> Import {
    match read_document(FILE, SEED.as_bytes()) {
        Ok(i) => i,
        Err(e) => panic!("seed not read: {e}"),
    }
}

fn plan(import: &Import) -> &Plan {
    assert_eq!(import.plans.len(), 1);
    &import.plans[0]
}

fn records<'p>(plan: &'p Plan, no: &str) -> Vec<&'p ProgressRecord> {
    plan.records
        .iter()
        .filter(|r| r.measure.as_str() == no)
        .collect()
}

fn record_at(plan: &Plan, line: u32) -> &ProgressRecord {
    match plan.records.iter().find(|r| r.location.line == line) {
        Some(r) => r,
        None => panic!("no record read from line {line}"),
    }
}

fn outputs(r: &ProgressRecord) -> Vec<(String, f64, String)> {
    r.outputs
        .iter()
        .map(|o| (o.label.clone(), o.value, o.unit.clone().unwrap_or_default()))
        .collect()
}

fn costs(r: &ProgressRecord) -> Vec<(Option<String>, Option<i64>)> {
    r.costs
        .iter()
        .map(|c| (c.label.clone(), c.amount_yen))
        .collect()
}

fn all_costs(plan: &Plan) -> Vec<&CostItem> {
    plan.records.iter().flat_map(|r| &r.costs).collect()
}

fn diags<'i>(import: &'i Import, code: &str) -> Vec<&'i Diagnostic> {
    import
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

fn lines(ds: &[&Diagnostic]) -> Vec<u32> {
    ds.iter().map(|d| d.location.line).collect()
}

fn s(v: &str) -> String {
    v.to_owned()
}

#[test]
fn detector_claims_only_its_seed() {
    assert!(kawaguchi_list::detect(SEED));
    for (i, other) in OTHER_SEEDS.iter().enumerate() {
        assert!(
            !kawaguchi_list::detect(other),
            "kawaguchi_list claims seed 00{}",
            i + 1
        );
    }
    assert_eq!(readers::detect_layout(SEED), Some(Layout::KawaguchiList));
    assert!(!kawaguchi_list::detect(""));
    // The title alone or the header alone is not enough.
    assert!(!kawaguchi_list::detect("川口市自殺対策推進計画掲載事業\n"));
    assert!(!kawaguchi_list::detect(
        "No.\t事業名\t実施課\t事業概要\t対象者\n"
    ));
}

#[test]
fn plan_identity_and_sources() {
    let imp = import();
    let p = plan(&imp);
    assert_eq!(p.municipality.name, "川口市");
    assert_eq!(p.title, "川口市自殺対策推進計画");
    assert_eq!(p.kind, PlanKind::SuicidePrevention);
    assert_eq!(p.fiscal_years, vec![FiscalYear(2022)]);
    assert_eq!(p.sources.len(), 1);
    assert_eq!(p.sources[0].title, "川口市自殺対策推進計画掲載事業");
    assert_eq!(p.sources[0].layout, "kawaguchi_list");
    assert_eq!(p.sources[0].file, FILE);
    // Line 5 「報告事項3-1の参考資料」 is kept as a narrative.
    assert_eq!(p.narratives.len(), 1);
    assert_eq!(p.narratives[0].text, "報告事項3-1の参考資料");
    assert_eq!(p.narratives[0].location.line, 5);
    // The list has no hierarchy, no indicators, no ratings.
    assert!(p.groups.is_empty());
    assert!(p.listings.is_empty());
    assert!(p.indicators.is_empty());
    assert!(p.ratings.is_empty());
    assert!(p.outlooks.is_empty());
}

#[test]
fn counts() {
    let imp = import();
    let p = plan(&imp);
    // No. 1–136, one measure each; 13 continuation rows (lines 70, 71, 112, 128, 157, 167, 189,
    // 197, 198, 246, 263, 264, 272): 149 rows, one record each, all of 令和4年度.
    assert_eq!(p.measures.len(), 136);
    let keys: Vec<String> = p.measures.iter().map(|m| m.key.to_string()).collect();
    let expected: Vec<String> = (1..=136).map(|n| n.to_string()).collect();
    assert_eq!(keys, expected);
    assert_eq!(p.records.len(), 149);
    assert!(p.records.iter().all(|r| r.fiscal_year == FiscalYear(2022)));
    // 40 different 実施課 cells; four of them name two divisions (生活福祉1・2課,
    // 各小中学校指導課, 各小中学校地域保健センター, 各相談機関 医師会), which adds 生活福祉2課,
    // 各相談機関 and 医師会: 39 divisions, 9 of them partner organisations.
    assert_eq!(p.divisions.len(), 39);
    let mut external: Vec<&str> = p
        .divisions
        .iter()
        .filter(|d| d.external)
        .map(|d| d.name.as_str())
        .collect();
    external.sort();
    let mut want = vec![
        "民生委員・児童委員",
        "社会福祉協議会",
        "医師会",
        "歯科医師会",
        "薬剤師会",
        "助産師会",
        "川口法人会",
        "埼玉産業保健総合支援センター",
        "川口地域産業保健センター",
    ];
    want.sort();
    assert_eq!(external, want);
    // 149 rows + one extra division on each of the four joint cells.
    assert_eq!(p.assignments.len(), 153);
    let per_division = |name: &str| {
        p.assignments
            .iter()
            .filter(|a| a.division.as_str() == name)
            .count()
    };
    assert_eq!(per_division("長寿支援課"), 21);
    assert_eq!(per_division("指導課"), 21);
    assert_eq!(per_division("疾病対策課"), 15);
    assert_eq!(per_division("地域保健センター"), 8);
    assert_eq!(per_division("各小中学校"), 5);
    assert_eq!(per_division("社会福祉協議会"), 4);
    // Programs with several rows.
    let multi: Vec<(String, usize)> = p
        .measures
        .iter()
        .map(|m| (m.key.to_string(), records(p, m.key.as_str()).len()))
        .filter(|(_, n)| *n > 1)
        .collect();
    assert_eq!(
        multi,
        vec![
            (s("38"), 3),
            (s("58"), 2),
            (s("65"), 2),
            (s("81"), 2),
            (s("86"), 2),
            (s("99"), 2),
            (s("102"), 3),
            (s("125"), 2),
            (s("133"), 3),
            (s("136"), 2),
        ]
    );
    // 実績(その他) is 「—」 on 13 rows, 効果 on 4 (lines 20, 112, 262, 264).
    assert_eq!(
        p.records.iter().filter(|r| r.result_text.is_some()).count(),
        136
    );
    assert_eq!(
        p.records.iter().filter(|r| r.effect_text.is_some()).count(),
        145
    );
    // No status, achievement, plan or evaluation text in this layout.
    assert!(p.records.iter().all(|r| r.status.is_none()
        && r.achievement.is_none()
        && r.plan_text.is_none()
        && r.evaluation_text.is_none()));
    // Continuation rows with their own 事業概要 (9) or 対象者 (11, plus line 264 whose 対象者
    // cell is empty) keep them as extra fields.
    let extra = |label: &str| {
        p.records
            .iter()
            .flat_map(|r| &r.extra)
            .filter(|e| e.label == label)
            .count()
    };
    assert_eq!(extra("事業概要"), 9);
    assert_eq!(extra("対象者"), 12);
    // No division is renamed in this list.
    assert!(p.divisions.iter().all(|d| d.renames.is_empty()));
}

#[test]
fn directions_for_2023() {
    let imp = import();
    let p = plan(&imp);
    let with = |label: &str| -> Vec<String> {
        p.records
            .iter()
            .filter(|r| r.direction.as_ref().is_some_and(|d| d.label == label))
            .map(|r| r.measure.to_string())
            .collect()
    };
    assert_eq!(with("継続").len(), 139);
    assert_eq!(with("拡充"), vec!["64", "103", "113", "114", "121", "129"]);
    assert_eq!(with("縮小"), vec!["94"]);
    let none: Vec<u32> = p
        .records
        .iter()
        .filter(|r| r.direction.is_none())
        .map(|r| r.location.line)
        .collect();
    assert_eq!(none, vec![112, 262, 264]);
}

#[test]
fn measures_field_by_field() {
    let imp = import();
    let p = plan(&imp);
    let m = |no: &str| match p.measure(&MeasureKey::new(no)) {
        Some(m) => m,
        None => panic!("no measure {no}"),
    };

    // Line 8.
    let m1 = m("1");
    assert_eq!(m1.number.as_deref(), Some("1"));
    assert_eq!(m1.name, "階層別研修");
    assert_eq!(
        m1.description.as_deref(),
        Some(
            "新規採用職員研修の一環として、自殺対策に関する講義を導入し、職員がゲートキーパーとなる体制の整備を図ります。"
        )
    );
    assert_eq!(m1.audience.as_deref(), Some("新規採用職員等"));
    assert_eq!(m1.plan_page, None);
    assert_eq!(m1.location.line, 8);
    let r1 = record_at(p, 8);
    assert_eq!(r1.division, Some(DivisionKey::new("職員課")));
    assert_eq!(
        r1.result_text.as_deref(),
        Some("修了者数 93名 実施回数 対面研修1回")
    );
    assert_eq!(
        r1.effect_text.as_deref(),
        Some("自殺に対する知識や理解を深めるとともに意識の向上を図ることができました。")
    );
    assert_eq!(r1.costs.len(), 1);
    assert_eq!(r1.costs[0].amount_yen, Some(0));
    assert_eq!(r1.costs[0].note.as_deref(), Some("内部講師のため"));
    assert_eq!(r1.costs[0].original, "0円 (内部講師のため)");
    assert_eq!(
        outputs(r1),
        vec![
            (s("修了者数"), 93.0, s("名")),
            (s("実施回数 対面研修"), 1.0, s("回"))
        ]
    );
    assert_eq!(
        r1.direction.as_ref().map(|d| d.original.as_str()),
        Some("継続")
    );

    // Line 14: two labelled cost items.
    let r7 = record_at(p, 14);
    assert_eq!(r7.measure.as_str(), "7");
    assert_eq!(
        costs(r7),
        vec![
            (Some(s("各種専門相談(報償金)")), Some(11_027_500)),
            (Some(s("消費生活相談(報酬等)")), Some(9_705_336)),
        ]
    );
    assert_eq!(
        outputs(r7),
        vec![
            (s("各種専門相談"), 2377.0, s("件")),
            (s("消費生活相談"), 2767.0, s("件")),
            (s("市民相談"), 4726.0, s("件")),
            (s("年間"), 509.0, s("回")),
        ]
    );

    // No.38 (lines 69–71): one measure, three divisions, three records.
    let m38 = m("38");
    assert_eq!(m38.name, "精神保健福祉相談");
    assert_eq!(m38.audience.as_deref(), Some("市民"));
    let r38: Vec<Option<&str>> = records(p, "38")
        .iter()
        .map(|r| r.division.as_ref().map(DivisionKey::as_str))
        .collect();
    assert_eq!(
        r38,
        vec![
            Some("障害福祉課"),
            Some("疾病対策課"),
            Some("地域保健センター")
        ]
    );
    let r70 = record_at(p, 70);
    assert_eq!(
        outputs(r70),
        vec![
            (s("面接"), 321.0, s("件")),
            (s("訪問"), 1107.0, s("件")),
            (s("電話"), 5255.0, s("件")),
            (s("メール"), 24.0, s("件")),
        ]
    );
    let r71 = record_at(p, 71);
    assert_eq!(r71.costs.len(), 0);
    let extra71: Vec<(&str, &str)> = r71
        .extra
        .iter()
        .map(|e| (e.label.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        extra71,
        vec![
            (
                "事業概要",
                "様々なこころの悩みやうつ病・依存症を含む病気について、保健師等による相談・助言を行い、必要に応じて関係機関と連携を図りながら、精神障害者の社会復帰に向けた地域生活を支援します。"
            ),
            ("対象者", "住民、関係機関"),
        ]
    );

    // No.75 (line 146): three numbered cost items, one of them 0円.
    let r75 = record_at(p, 146);
    assert_eq!(
        costs(r75),
        vec![
            (Some(s("こころの健康講座")), Some(444_999)),
            (Some(s("こころサポーター養成講座")), Some(0)),
            (Some(s("家族教室")), Some(90_000)),
        ]
    );

    // No.125 (lines 245–246): 指導課 and 学校保健課, three cost items.
    let r125: Vec<_> = records(p, "125").iter().map(|r| costs(r)).collect();
    assert_eq!(
        r125,
        vec![
            vec![(Some(s("学用品費等補助")), Some(239_024_044))],
            vec![
                (Some(s("給食費補助")), Some(268_364_827)),
                (Some(s("医療費補助")), Some(4_415)),
            ],
        ]
    );
    // Its result cells are HTML fragments, read as plain lines.
    let r246 = record_at(p, 246);
    assert_eq!(
        r246.result_text.as_deref(),
        Some("〈給食費〉 補助人数 6,231名\n〈医療費〉 補助人数 2名")
    );
    assert_eq!(
        outputs(r246),
        vec![
            (s("〈給食費〉 補助人数"), 6231.0, s("名")),
            (s("〈医療費〉 補助人数"), 2.0, s("名")),
        ]
    );

    // No.121 (line 237): <p> fragments in every text cell.
    let m121 = m("121");
    assert_eq!(
        m121.audience.as_deref(),
        Some(
            "(1)川口市立小・中学校に在籍する不登校あるいは不登校傾向のある児童生徒\n(2)市内在住の不登校あるいは不登校傾向のある小・中学生"
        )
    );
    let r121 = record_at(p, 237);
    assert_eq!(
        outputs(r121),
        vec![
            (s("通室者"), 14.0, s("名")),
            (s("復帰者数"), 6.0, s("名")),
            (s("復帰率"), 42.86, s("%")),
        ]
    );
    assert_eq!(
        r121.direction.as_ref().map(|d| d.label.as_str()),
        Some("拡充")
    );

    // No.57 (line 106): an unclosed <ul> list.
    let r57 = record_at(p, 106);
    assert_eq!(
        r57.result_text.as_deref(),
        Some(
            "・新規相談者数 978人\n・巡回支援件数 102回\n・小学校1年生訪問 52校(52校中)\n・親子教室 213回"
        )
    );

    // No.24: 「<配布方法>」 is text, not a tag.
    assert!(
        m("24")
            .description
            .as_deref()
            .is_some_and(|d| d.contains("<配布方法> 民生委員による"))
    );
    // No HTML tag survives anywhere.
    for r in &p.records {
        for t in [&r.result_text, &r.effect_text].into_iter().flatten() {
            assert!(!t.contains("<p>") && !t.contains("<ul"), "HTML left: {t}");
        }
    }
}

#[test]
fn joint_division_cells() {
    let imp = import();
    let p = plan(&imp);
    let assigned = |no: &str| -> Vec<String> {
        p.assignments
            .iter()
            .filter(|a| a.measure.as_str() == no)
            .map(|a| a.division.to_string())
            .collect()
    };
    // Line 25 「生活福祉1・2課」: both divisions, one joint record.
    assert_eq!(assigned("14"), vec!["生活福祉1課", "生活福祉2課"]);
    assert_eq!(record_at(p, 25).division, None);
    // Lines 166–167: 地域保健センター, then 「各小中学校指導課」; the record goes to 指導課.
    assert_eq!(
        assigned("86"),
        vec!["地域保健センター", "各小中学校", "指導課"]
    );
    assert_eq!(record_at(p, 167).division, Some(DivisionKey::new("指導課")));
    // Line 169 「各小中学校地域保健センター」: the program's only row, a joint record.
    assert_eq!(assigned("88"), vec!["各小中学校", "地域保健センター"]);
    assert_eq!(record_at(p, 169).division, None);
    // Lines 262–264: 「各相談機関 医師会」, 歯科医師会, 薬剤師会.
    assert_eq!(
        assigned("133"),
        vec!["各相談機関", "医師会", "歯科医師会", "薬剤師会"]
    );
    assert_eq!(record_at(p, 262).division, Some(DivisionKey::new("医師会")));
}

#[test]
fn costs_and_total() {
    let imp = import();
    let p = plan(&imp);
    let items = all_costs(p);
    // 103 amounts in 円 plus 「5万円くらい」 (line 263), plus the 該当なし note (line 197).
    assert_eq!(items.len(), 105);
    assert_eq!(items.iter().filter(|c| c.amount_yen.is_some()).count(), 104);
    assert_eq!(items.iter().filter(|c| c.amount_yen == Some(0)).count(), 24);
    // 49 rows state no cost (「—」 41, 「-」 5, 「なし」 2, 該当なし 1; the last keeps a note).
    assert_eq!(p.records.iter().filter(|r| r.costs.is_empty()).count(), 48);
    let none197 = record_at(p, 197);
    assert_eq!(none197.costs[0].amount_yen, None);
    assert_eq!(
        none197.costs[0].note.as_deref(),
        Some("図書館内所蔵の本を選書したため該当なし。")
    );
    // Lines 138–140: one 40,000円 for No.71–73.
    let shared = CostSharing::SharedTotal {
        measures: vec![
            MeasureKey::new("71"),
            MeasureKey::new("72"),
            MeasureKey::new("73"),
        ],
    };
    let shared_at: Vec<u32> = p
        .records
        .iter()
        .filter(|r| r.costs.iter().any(|c| c.sharing == shared))
        .map(|r| r.location.line)
        .collect();
    assert_eq!(shared_at, vec![138, 139, 140]);
    // Line 149: No.78 repeats No.75's 444,999円.
    let r78 = record_at(p, 149);
    assert_eq!(
        r78.costs[0].sharing,
        CostSharing::DuplicateOf {
            measure: MeasureKey::new("75")
        }
    );
    assert_eq!(r78.costs[0].amount_yen, Some(444_999));
    // The cells as written, beside the items read from them.
    let cell = |line: u32| record_at(p, line).cost_original.as_deref();
    assert_eq!(cell(139), Some("40,000円 (No.71、72、73の総額)"));
    assert_eq!(cell(149), Some("444,999円 (No.75と重複)"));
    assert_eq!(
        cell(14),
        Some("①各種専門相談(報償金) 11,027,500円 ②消費生活相談(報酬等) 9,705,336円")
    );
    assert_eq!(
        cell(146),
        Some("①こころの健康講座：444,999円 ②こころサポーター養成講座：0円 ③家族教室：90,000円")
    );
    assert_eq!(cell(43), Some("なし"));
    assert_eq!(cell(71), Some("—"));
    assert_eq!(cell(98), Some("-"));
    assert_eq!(cell(263), Some("県と市以外は本会で負担5万円くらい"));
    // No row of the list leaves its 経費 cell empty.
    assert!(p.records.iter().all(|r| r.cost_original.is_some()));
    // Line 255: a grant with the number of groups in the same cell.
    let r130 = record_at(p, 255);
    assert_eq!(
        costs(r130),
        vec![(Some(s("ふくしのまちづくり助成金 交付金額")), Some(552_648))]
    );
    assert_eq!(outputs(r130), vec![(s("交付団体"), 16.0, s("団体"))]);
    // Line 263: an approximate amount borne by the association.
    let r263 = record_at(p, 263);
    assert_eq!(r263.costs[0].amount_yen, Some(50_000));
    assert_eq!(
        r263.costs[0].note.as_deref(),
        Some("県と市以外は本会で負担5万円くらい")
    );
    // Line 196: 「(公民館等) 6,170,556円」.
    assert_eq!(
        costs(record_at(p, 196)),
        vec![(Some(s("公民館等")), Some(6_170_556))]
    );
    // Sum of all amounts (2,235,744,649) minus the repeated 40,000円 twice and the duplicate
    // 444,999円, plus the 5万円 of line 263: 2,235,269,650円. 81,880円 (lines 167 and 230) is
    // counted twice because the document does not mark it (see the warning).
    let totals = cost_total_by_year(p);
    assert_eq!(totals.get(&FiscalYear(2022)), Some(&2_235_269_650));
    assert_eq!(totals.len(), 1);
}

#[test]
fn outputs_of_the_list() {
    let imp = import();
    let p = plan(&imp);
    let total: usize = p.records.iter().map(|r| r.outputs.len()).sum();
    assert_eq!(total, 317);
    assert_eq!(
        p.records.iter().filter(|r| !r.outputs.is_empty()).count(),
        126
    );
    // Line 17 (No.17): 「延べ相談件数(件):1,189件」.
    assert_eq!(
        outputs(record_at(p, 32)),
        vec![
            (s("延べ相談件数(件)"), 1189.0, s("件")),
            (s("延べ訪問件数(件)"), 227.0, s("件")),
            (s("延べ対応件数(合計件数)"), 1416.0, s("件")),
        ]
    );
    // Line 31.
    assert_eq!(
        outputs(record_at(p, 31)),
        vec![
            (s("参加者数"), 2783.0, s("名")),
            (s("実施回数"), 89.0, s("回"))
        ]
    );
    // Lines 78, 79, 80, 129: labels first, values after.
    assert_eq!(
        outputs(record_at(p, 78)),
        vec![(s("参加者数"), 0.0, s("名")), (s("実施回数"), 1.0, s("回"))]
    );
    assert_eq!(
        outputs(record_at(p, 79)),
        vec![
            (s("相談件数"), 70.0, s("件")),
            (s("研修参加者"), 50.0, s("名"))
        ]
    );
    assert_eq!(
        outputs(record_at(p, 80)),
        vec![(s("利用者数"), 18907.0, s("名"))]
    );
    assert_eq!(
        outputs(record_at(p, 129)),
        vec![
            (s("参加者数 延べ"), 31.0, s("名")),
            (s("実施回数"), 2.0, s("回"))
        ]
    );
    // Line 148: 「延べ44, 822アクセス (うち属性未入力・市民以外16, 124)」.
    let r77 = record_at(p, 148);
    assert_eq!(outputs(r77), vec![(s("延べ"), 44822.0, s("アクセス"))]);
    assert_eq!(
        r77.result_text.as_deref(),
        Some("延べ44, 822アクセス (うち属性未入力・市民以外16, 124)")
    );
    // Line 138: value first 「2回実施。94名受講。」.
    assert_eq!(
        outputs(record_at(p, 138)),
        vec![(s("実施"), 2.0, s("回")), (s("受講"), 94.0, s("名"))]
    );
    // Line 189: 「(自損行為件数×3人)」 is a factor, not an output.
    assert_eq!(
        outputs(record_at(p, 189)),
        vec![
            (s("出場件数"), 350.0, s("件")),
            (s("対応救急隊員数"), 1050.0, s("人")),
        ]
    );
    // Line 214: eight places and their total.
    let r110 = outputs(record_at(p, 214));
    assert_eq!(r110.len(), 9);
    assert_eq!(r110.last(), Some(&(s("計"), 56.0, s("件"))));
    assert_eq!(
        r110.iter().take(8).map(|o| o.1).sum::<f64>(),
        56.0,
        "the places add up to the total"
    );
    // Line 221: 「①学校巡回教育相談…207回」.
    assert_eq!(
        outputs(record_at(p, 221)).first(),
        Some(&(s("学校巡回教育相談"), 207.0, s("回")))
    );
}

#[test]
fn diagnostics_name_the_real_anomalies() {
    let imp = import();
    let by = |sev: Severity| imp.diagnostics.iter().filter(|d| d.severity == sev).count();
    assert_eq!(imp.diagnostics.len(), 29);
    assert_eq!(by(Severity::Error), 0);
    assert_eq!(by(Severity::Warning), 16);
    assert_eq!(by(Severity::Info), 13);

    assert_eq!(
        lines(&diags(&imp, "joint-divisions")),
        vec![25, 167, 169, 262]
    );
    assert_eq!(
        lines(&diags(&imp, "transposed-outputs")),
        vec![78, 79, 80, 129]
    );
    assert_eq!(lines(&diags(&imp, "empty-report")), vec![112, 262, 264]);
    assert_eq!(lines(&diags(&imp, "split-number")), vec![148]);
    assert_eq!(lines(&diags(&imp, "result-equals-effect")), vec![216, 244]);
    let dup = diags(&imp, "undeclared-duplicate-cost");
    assert_eq!(lines(&dup), vec![230]);
    assert!(dup[0].message.contains("No.86") && dup[0].message.contains("81880円"));
    assert_eq!(lines(&diags(&imp, "approximate-cost")), vec![263]);
    assert_eq!(lines(&diags(&imp, "cost-not-applicable")), vec![197]);
    assert_eq!(lines(&diags(&imp, "output-in-cost-cell")), vec![255]);
    assert_eq!(lines(&diags(&imp, "same-name")), vec![146, 156]);
    assert_eq!(
        lines(&diags(&imp, "external-division")),
        vec![253, 254, 262, 263, 264, 265, 266, 271, 272]
    );
    for d in &imp.diagnostics {
        assert_eq!(d.location.file, FILE);
    }
    // Warnings about a field name it.
    assert_eq!(
        diags(&imp, "transposed-outputs")[0]
            .location
            .field
            .as_deref(),
        Some("実績(その他)")
    );
}

#[test]
fn reimport_is_identical() {
    let a = import();
    let b = import();
    assert_eq!(a, b);
}

#[test]
fn structural_problems_are_diagnostics() {
    let header = "No.\t事業名\t実施課\t事業概要\t対象者\t令和4年度実績(経費)\t令和4年度実績(その他)\t効果\t令和5年度の方向性";
    let text = format!(
        "川口市自殺対策推進計画掲載事業\n{header}\n\t\t課A\t概要\t市民\t—\t—\t—\t継続\n1\t事業\t課B\t概要\t市民\t1,000円\t相談件数 5件\t効果\t見直し\n1\t別事業\t課B\t概要\t市民\t—\t—\t—\t継続\t余り\n2\t短い\t課C\n"
    );
    let src = SourceText {
        file_name: "t.txt",
        text: &text,
        sha256: "",
    };
    assert!(kawaguchi_list::detect(&text));
    let imp = match kawaguchi_list::read(&src) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    let codes: Vec<&str> = imp.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"orphan-continuation"));
    assert!(codes.contains(&"unknown-direction"));
    assert!(codes.contains(&"duplicate-number"));
    assert!(codes.contains(&"extra-cells"));
    assert!(codes.contains(&"cell-count"));
    let p = plan(&imp);
    assert_eq!(p.measures.len(), 3);
    assert_eq!(p.measures[1].key.as_str(), "1@L5");
    // Without a header there is nothing to read.
    let src = SourceText {
        file_name: "t.txt",
        text: "川口市自殺対策推進計画掲載事業\n1\t事業\n",
        sha256: "",
    };
    assert!(kawaguchi_list::read(&src).is_err());
}

/// One edit of the seed text.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize, usize),
    DeleteTab(usize, usize),
    InsertTab(usize, usize),
    Insert(usize, usize, String),
    DropLine(usize),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(l, c)| Edit::Truncate(l, c)),
        (any::<usize>(), any::<usize>()).prop_map(|(l, c)| Edit::DeleteTab(l, c)),
        (any::<usize>(), any::<usize>()).prop_map(|(l, c)| Edit::InsertTab(l, c)),
        (
            any::<usize>(),
            any::<usize>(),
            "\\PC{0,12}|[0-9,円名件回・()<>p/—\\-]{0,12}"
        )
            .prop_map(|(l, c, s)| Edit::Insert(l, c, s)),
        any::<usize>().prop_map(Edit::DropLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn char_pos(line: &str, c: usize) -> usize {
    let n = line.chars().count();
    if n == 0 {
        return 0;
    }
    line.char_indices()
        .nth(c % (n + 1))
        .map_or(line.len(), |(i, _)| i)
}

fn apply(lines: &mut Vec<String>, e: &Edit) {
    if lines.is_empty() {
        return;
    }
    let n = lines.len();
    match e {
        Edit::Truncate(l, c) => {
            let line = &mut lines[l % n];
            let at = char_pos(line, *c);
            line.truncate(at);
        }
        Edit::DeleteTab(l, c) => {
            let line = &mut lines[l % n];
            let tabs: Vec<usize> = line.match_indices('\t').map(|(i, _)| i).collect();
            if !tabs.is_empty() {
                line.remove(tabs[c % tabs.len()]);
            }
        }
        Edit::InsertTab(l, c) => {
            let line = &mut lines[l % n];
            let at = char_pos(line, *c);
            line.insert(at, '\t');
        }
        Edit::Insert(l, c, s) => {
            let line = &mut lines[l % n];
            let at = char_pos(line, *c);
            line.insert_str(at, s);
        }
        Edit::DropLine(l) => {
            lines.remove(l % n);
        }
        Edit::SwapLines(a, b) => lines.swap(a % n, b % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn mutated_seed_never_panics(edits in proptest::collection::vec(edit(), 1..12)) {
        let mut lines: Vec<String> = SEED.lines().map(str::to_owned).collect();
        for e in &edits {
            apply(&mut lines, e);
        }
        let text = lines.join("\n");
        let src = SourceText { file_name: FILE, text: &text, sha256: "" };
        let _ = kawaguchi_list::detect(&text);
        if let Ok(imp) = kawaguchi_list::read(&src) {
            for p in &imp.plans {
                for r in &p.records {
                    prop_assert!(p.measure(&r.measure).is_some());
                }
                for a in &p.assignments {
                    prop_assert!(p.division(&a.division).is_some());
                }
            }
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), at in any::<usize>()) {
        let mut data = SEED.as_bytes().to_vec();
        let at = at % data.len();
        data.splice(at..at, bytes);
        let _ = read_document(FILE, &data);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(川口市自殺対策推進計画掲載事業\n)?(No\\.\t事業名\t実施課\t事業概要\n)?[\\PC\t\n]{0,300}") {
        let src = SourceText { file_name: FILE, text: &text, sha256: "" };
        let _ = kawaguchi_list::detect(&text);
        let _ = kawaguchi_list::read(&src);
    }
}
