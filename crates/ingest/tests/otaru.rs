//! The otaru reader on the real seed (小樽市「小樽市自殺対策計画」に基づく取組状況（令和元年度）).
//!
//! Every expected value below was read off `samples/002_eba47c23c940212d.txt` by hand.

use proptest::prelude::*;
use shinchoku_core::{FiscalYear, GroupKind, Plan, PlanKind, ProgressRecord};
use shinchoku_ingest::readers::{Import, SourceText, otaru};
use shinchoku_ingest::{Layout, ReadError, Severity, detect_layout, read_document};

const FILE: &str = "002_eba47c23c940212d.txt";
const SEED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/002_eba47c23c940212d.txt"
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
        "/../../samples/003_a91a11d8f2677ccb.txt"
    )),
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/004_052cf2803b6d324c.txt"
    )),
];

fn read_text(text: &str) -> Result<Import, ReadError> {
    otaru::read(&SourceText {
        file_name: FILE,
        text,
        sha256: "0",
    })
}

fn import() -> Import {
    match read_text(SEED) {
        Ok(import) => import,
        Err(e) => panic!("the seed must read: {e}"),
    }
}

fn plan(import: &Import) -> &Plan {
    assert_eq!(import.plans.len(), 1);
    &import.plans[0]
}

/// The one record of a measure (by name as written).
fn record<'p>(plan: &'p Plan, name: &str) -> &'p ProgressRecord {
    let measure = plan
        .measures
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("measure {name} missing"));
    let records: Vec<_> = plan
        .records
        .iter()
        .filter(|r| r.measure == measure.key)
        .collect();
    assert_eq!(records.len(), 1, "{name}");
    records[0]
}

fn outputs(record: &ProgressRecord) -> Vec<(&str, f64, &str, &str)> {
    record
        .outputs
        .iter()
        .map(|o| {
            (
                o.label.as_str(),
                o.value,
                o.unit.as_deref().unwrap_or(""),
                o.original.as_str(),
            )
        })
        .collect()
}

#[test]
fn detects_only_its_own_seed() {
    assert!(otaru::detect(SEED));
    for other in OTHER_SEEDS {
        assert!(!otaru::detect(other));
    }
    assert!(!otaru::detect(""));
    assert_eq!(detect_layout(SEED), Some(Layout::Otaru));
}

#[test]
fn plan_identity() {
    let import = import();
    let plan = plan(&import);
    assert_eq!(plan.municipality.name, "小樽市");
    assert_eq!(plan.title, "小樽市自殺対策計画");
    assert_eq!(plan.kind, PlanKind::SuicidePrevention);
    assert_eq!(plan.fiscal_years, vec![FiscalYear(2019)]);
    assert_eq!(plan.period, None);
    assert_eq!(plan.sources.len(), 1);
    assert_eq!(
        plan.sources[0].title,
        "「小樽市自殺対策計画」に基づく取組状況（令和元年度）"
    );
    assert_eq!(plan.sources[0].layout, "otaru");
    assert_eq!(plan.sources[0].file, FILE);
    // The report has no status, direction, indicators, ratings or costs.
    assert!(plan.status_scale.levels.is_empty());
    assert!(plan.direction_vocabulary.terms.is_empty());
    assert!(plan.indicators.is_empty());
    assert!(plan.ratings.is_empty());
    assert!(plan.outlooks.is_empty());
}

#[test]
fn groups_with_the_citys_numbering() {
    let import = import();
    let plan = plan(&import);
    let groups: Vec<_> = plan
        .groups
        .iter()
        .map(|g| {
            (
                g.key.as_str(),
                g.kind,
                g.label.as_str(),
                g.number.as_deref().unwrap_or(""),
                g.title.as_str(),
                g.location.line,
            )
        })
        .collect();
    use GroupKind::{BasicPolicy as B, PriorityPolicy as P};
    assert_eq!(
        groups,
        vec![
            (
                "基本施策①",
                B,
                "基本施策",
                "①",
                "地域におけるネットワークの強化",
                7
            ),
            (
                "基本施策②",
                B,
                "基本施策",
                "②",
                "自殺対策を支える人材の育成",
                13
            ),
            ("基本施策③", B, "基本施策", "③", "啓発と周知", 18),
            (
                "基本施策④",
                B,
                "基本施策",
                "④",
                "生きることの促進要因への支援",
                24
            ),
            (
                "基本施策⑤",
                B,
                "基本施策",
                "⑤",
                "児童生徒の SOS の出し方に関する教育",
                32
            ),
            ("重点施策①", P, "重点施策", "①", "高齢者対策", 40),
            ("重点施策②", P, "重点施策", "②", "生活困窮者対策", 46),
            ("重点施策③", P, "重点施策", "③", "勤務・経営対策", 51),
        ]
    );
    assert!(plan.groups.iter().all(|g| g.parent.is_none()));
}

#[test]
fn counts_per_group() {
    let import = import();
    let plan = plan(&import);
    let per_group: Vec<usize> = plan
        .groups
        .iter()
        .map(|g| plan.listings.iter().filter(|l| l.group == g.key).count())
        .collect();
    assert_eq!(per_group, vec![3, 1, 3, 4, 3, 3, 2, 2]);
    assert_eq!(plan.listings.len(), 21);
    assert_eq!(plan.measures.len(), 20);
    assert_eq!(plan.assignments.len(), 20);
    assert_eq!(plan.records.len(), 20);
    let relisted: Vec<_> = plan
        .listings
        .iter()
        .filter(|l| l.relisted)
        .map(|l| (l.measure.as_str(), l.group.as_str(), l.location.line))
        .collect();
    assert_eq!(
        relisted,
        vec![("心の健康づくりについての健康教育の実施", "重点施策③", 53)]
    );
    // Rows in document order: the listing lines.
    let lines: Vec<u32> = plan.listings.iter().map(|l| l.location.line).collect();
    assert_eq!(
        lines,
        vec![
            9, 10, 11, 15, 20, 21, 22, 26, 27, 29, 30, 34, 35, 36, 42, 43, 44, 48, 49, 53, 54
        ]
    );
}

#[test]
fn records_for_the_fiscal_year() {
    let import = import();
    let plan = plan(&import);
    assert!(
        plan.records
            .iter()
            .all(|r| r.fiscal_year == FiscalYear(2019))
    );
    assert!(plan.records.iter().all(|r| r.division.is_some()));
    assert!(plan.records.iter().all(|r| r.result_text.is_some()));
    assert!(plan.records.iter().all(|r| r.plan_text.is_none()
        && r.evaluation_text.is_none()
        && r.effect_text.is_none()
        && r.status.is_none()
        && r.achievement.is_none()
        && r.direction.is_none()
        && r.costs.is_empty()
        && r.extra.is_empty()));
    let total_yen: i64 = plan
        .records
        .iter()
        .flat_map(|r| &r.costs)
        .filter_map(|c| c.amount_yen)
        .sum();
    assert_eq!(total_yen, 0);
}

#[test]
fn departments_and_divisions() {
    let import = import();
    let plan = plan(&import);
    let divisions: Vec<_> = plan
        .divisions
        .iter()
        .map(|d| {
            (
                d.key.as_str(),
                d.name.as_str(),
                d.department.as_ref().map(|k| k.as_str()),
                d.external,
            )
        })
        .collect();
    assert_eq!(
        divisions,
        vec![
            ("保健所健康増進課", "健康増進課", Some("保健所"), false),
            (
                "福祉部子育て支援室こども育成課",
                "子育て支援室 こども育成課",
                Some("福祉部"),
                false
            ),
            (
                "医療保険部介護保険課",
                "介護保険課",
                Some("医療保険部"),
                false
            ),
            (
                "教育部学校教育支援室",
                "学校教育支援室",
                Some("教育部"),
                false
            ),
            ("生活サポートセンター", "生活サポートセンター", None, false),
            (
                "生活環境部生活安全課",
                "生活安全課",
                Some("生活環境部"),
                false
            ),
        ]
    );
    let departments: Vec<_> = plan.departments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        departments,
        vec!["保健所", "福祉部", "医療保険部", "教育部", "生活環境部"]
    );
    // One fiscal year only: nothing is renamed.
    assert!(plan.divisions.iter().all(|d| d.renames.is_empty()));
    assert!(plan.departments.iter().all(|d| d.renames.is_empty()));
    let measures_of = |key: &str| {
        plan.assignments
            .iter()
            .filter(|a| a.division.as_str() == key)
            .count()
    };
    assert_eq!(measures_of("保健所健康増進課"), 10);
    assert_eq!(measures_of("福祉部子育て支援室こども育成課"), 1);
    assert_eq!(measures_of("医療保険部介護保険課"), 4);
    assert_eq!(measures_of("教育部学校教育支援室"), 2);
    assert_eq!(measures_of("生活サポートセンター"), 2);
    assert_eq!(measures_of("生活環境部生活安全課"), 1);
}

#[test]
fn measure_with_subname() {
    let import = import();
    let plan = plan(&import);
    let m = plan
        .measures
        .iter()
        .find(|m| m.location.line == 26)
        .unwrap_or_else(|| panic!("no measure at line 26"));
    assert_eq!(m.name, "精神保健福祉相談事業 （こころの健康相談）");
    assert_eq!(m.key.as_str(), "精神保健福祉相談事業(こころの健康相談)");
    assert_eq!(m.number, None);
    assert_eq!(m.description, None);
    assert_eq!(m.audience, None);
    assert_eq!(m.plan_page, None);
    let r = record(plan, "精神保健福祉相談事業 （こころの健康相談）");
    assert_eq!(
        r.division.as_ref().map(|d| d.as_str()),
        Some("保健所健康増進課")
    );
    assert_eq!(r.location.line, 26);
    assert_eq!(
        r.result_text.as_deref(),
        Some(
            "心の健康に関する本人や家族等からの相談に対応しました。相談件数693件。 \
             （電話相談481件、来所相談111件、訪問101件）。"
        )
    );
    assert_eq!(
        outputs(r),
        vec![
            ("相談件数", 693.0, "件", "相談件数693件"),
            ("電話相談", 481.0, "件", "電話相談481件"),
            ("来所相談", 111.0, "件", "来所相談111件"),
            ("訪問", 101.0, "件", "訪問101件"),
        ]
    );
    // The breakdown adds up to the total: 481 + 111 + 101 = 693.
    let parts: f64 = r.outputs[1..].iter().map(|o| o.value).sum();
    assert_eq!(parts, r.outputs[0].value);

    for (line, name) in [
        (48, "生活困窮者自立支援事業 (自立相談支援事業)"),
        (49, "生活困窮者自立支援事業 (就労準備支援事業)"),
    ] {
        let m = plan
            .measures
            .iter()
            .find(|m| m.location.line == line)
            .unwrap_or_else(|| panic!("no measure at line {line}"));
        assert_eq!(m.name, name);
        let r = record(plan, name);
        assert_eq!(
            r.division.as_ref().map(|d| d.as_str()),
            Some("生活サポートセンター")
        );
        assert!(r.outputs.is_empty());
    }
}

#[test]
fn relisted_measure_is_one_measure() {
    let import = import();
    let plan = plan(&import);
    let name = "心の健康づくりについての健康教育の実施";
    let m: Vec<_> = plan.measures.iter().filter(|m| m.name == name).collect();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].location.line, 22);
    let listings: Vec<_> = plan
        .listings
        .iter()
        .filter(|l| l.measure == m[0].key)
        .map(|l| (l.group.as_str(), l.relisted, l.location.line))
        .collect();
    assert_eq!(
        listings,
        vec![("基本施策③", false, 22), ("重点施策③", true, 53)]
    );
    let r = record(plan, name);
    assert_eq!(r.location.line, 22);
    assert_eq!(
        r.result_text.as_deref(),
        Some("メンタルヘルス等についての健康教育を6回実施しました。204人参加。")
    );
    assert_eq!(
        outputs(r),
        vec![
            ("実施", 6.0, "回", "6回実施"),
            ("参加", 204.0, "人", "204人参加")
        ]
    );
}

#[test]
fn outputs_from_the_narratives() {
    let import = import();
    let plan = plan(&import);
    assert_eq!(
        outputs(record(plan, "相談援助技術専門研修会の実施")),
        vec![
            ("参加", 61.0, "施設", "61施設"),
            ("参加", 108.0, "人", "108人が参加")
        ]
    );
    assert_eq!(
        outputs(record(plan, "ゲートキーパー養成講座の開催")),
        vec![("延べ参加", 51.0, "人", "延べ51人が参加")]
    );
    assert_eq!(
        outputs(record(plan, "相談機関一覧の作成・配布")),
        vec![("配布", 1555.0, "枚", "1,555枚配布")]
    );
    assert_eq!(
        outputs(record(plan, "精神障がい者デイケア事業")),
        vec![
            ("開催", 6.0, "回", "6回開催"),
            ("延べ参加", 20.0, "人", "延20人が参加")
        ]
    );
    assert_eq!(
        outputs(record(plan, "認知症カフェの開催を支援")),
        vec![("補助", 7.0, "団体", "7団体に補助")]
    );
    assert_eq!(
        outputs(record(plan, "小・中学校、高等学校での健康教育")),
        vec![
            ("小学校", 10.0, "回", "小学校10回"),
            ("中学校", 1.0, "回", "中学校1回"),
            ("高等学校", 3.0, "回", "高等学校3回")
        ]
    );
    assert_eq!(
        outputs(record(plan, "介護予防サポーター養成事業")),
        vec![
            ("開設", 10.0, "回", "10回開設"),
            ("参加", 165.0, "人", "165人が参加")
        ]
    );
    assert_eq!(
        outputs(record(plan, "地域住民グループ支援事業")),
        vec![
            ("助成", 24.0, "グループ", "24グループに助成"),
            ("延べ利用", 12567.0, "人", "延べ12,567人が利用")
        ]
    );
    // Dates and 「市内4圏域」 are not outputs.
    for name in [
        "小樽市自殺対策協議会の開催",
        "小樽市自殺対策推進会議の開催",
        "広報誌等を活用した啓発活動",
        "いじめ防止キャンペーン",
        "地域包括支援センター運営事業",
    ] {
        assert!(record(plan, name).outputs.is_empty(), "{name}");
    }
    let per_record: Vec<usize> = plan.records.iter().map(|r| r.outputs.len()).collect();
    assert_eq!(
        per_record,
        vec![0, 0, 2, 1, 1, 0, 2, 4, 2, 0, 1, 0, 0, 3, 2, 2, 0, 0, 0, 0]
    );
    assert_eq!(per_record.iter().sum::<usize>(), 20);
}

#[test]
fn a_division_with_two_levels() {
    let import = import();
    let plan = plan(&import);
    let r = record(plan, "子育て支援センターの開催");
    assert_eq!(
        r.division.as_ref().map(|d| d.as_str()),
        Some("福祉部子育て支援室こども育成課")
    );
    assert!(r.outputs.is_empty());
    assert!(r.result_text.as_deref().is_some_and(
        |t| t.starts_with("子育て中の親子に対し") && t.ends_with("育児相談等を行いました。")
    ));
    let r = record(plan, "各種相談業務");
    assert_eq!(
        r.division.as_ref().map(|d| d.as_str()),
        Some("生活環境部生活安全課")
    );
    assert_eq!(r.location.line, 54);
}

#[test]
fn diagnostics_name_the_real_decisions() {
    let import = import();
    let got: Vec<_> = import
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.code.as_str(), d.location.line))
        .collect();
    use Severity::Info;
    assert_eq!(
        got,
        vec![
            (Info, "section-number", 3),
            (Info, "converter-artefact", 16),
            (Info, "measure-subname", 26),
            (Info, "nested-division", 29),
            (Info, "division-without-department", 48),
            (Info, "measure-subname", 48),
            (Info, "measure-subname", 49),
            (Info, "relisting", 53),
        ]
    );
    assert!(import.diagnostics.iter().all(|d| d.location.file == FILE));
    let relisting = &import.diagnostics[7];
    assert!(relisting.message.contains("line 22"));
    assert!(relisting.message.contains("apart from white space"));
}

#[test]
fn reimport_is_identical() {
    assert_eq!(read_text(SEED), read_text(SEED));
    // Through the dispatcher, with the real bytes.
    let via_dispatch = read_document(FILE, SEED.as_bytes());
    let Ok(via_dispatch) = via_dispatch else {
        panic!("dispatch failed")
    };
    assert_eq!(plan(&via_dispatch).measures, plan(&import()).measures);
    assert_eq!(plan(&via_dispatch).sources[0].sha256.len(), 64);
}

/// The seed with line `n` (1-based) replaced.
fn with_line(n: usize, f: impl Fn(&str) -> String) -> String {
    SEED.split('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == n { f(l) } else { l.to_owned() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn codes(import: &Import, severity: Severity) -> Vec<(&str, u32)> {
    import
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| (d.code.as_str(), d.location.line))
        .collect()
}

#[test]
fn a_wrong_weekday_or_year_is_reported() {
    let text = with_line(34, |l| l.replacen("1日(金)", "1日(土)", 1));
    let import = read_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        codes(&import, Severity::Warning),
        vec![("weekday-mismatch", 34)]
    );
    let text = with_line(9, |l| l.replacen("令和元年10月25日", "令和2年10月25日", 1));
    let import = read_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        codes(&import, Severity::Warning),
        vec![("date-outside-fiscal-year", 9)]
    );
}

#[test]
fn a_relisting_with_other_text_keeps_both_texts() {
    let text = with_line(53, |l| l.replacen("204人参加", "205人参加", 1));
    let import = read_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        codes(&import, Severity::Warning),
        vec![("relisting-text-differs", 53)]
    );
    let plan = plan(&import);
    assert_eq!(plan.measures.len(), 20);
    let r = record(plan, "心の健康づくりについての健康教育の実施");
    assert_eq!(r.extra.len(), 1);
    assert!(r.extra[0].text.ends_with("205人参加。"));
    assert_eq!(r.outputs.len(), 2);
}

#[test]
fn same_name_other_division_is_a_shared_measure() {
    let text = with_line(53, |l| {
        l.replacen("保健所健康増進課", "生活環境部生活安全課", 1)
    });
    let import = read_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        codes(&import, Severity::Warning),
        vec![("measure-shared", 53)]
    );
    let plan = plan(&import);
    assert_eq!(plan.measures.len(), 20);
    assert_eq!(plan.records.len(), 21);
    assert_eq!(plan.assignments.len(), 21);
}

#[test]
fn wrapped_and_stray_lines() {
    // A narrative wrapped onto a line without a tab continues the row above it.
    let text = with_line(11, |l| format!("{l}\n講師の資料は後日配布。"));
    let import = read_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        codes(&import, Severity::Warning),
        vec![("continuation-line", 12)]
    );
    let r = record(plan(&import), "相談援助技術専門研修会の実施");
    assert!(
        r.result_text
            .as_deref()
            .is_some_and(|t| t.ends_with("108人が参加。\n講師の資料は後日配布。"))
    );
    // After a blank line it cannot be placed: an error that keeps the text.
    let text = with_line(12, |_| "\n迷子の行".to_owned());
    let import = read_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(codes(&import, Severity::Error), vec![("unread-line", 13)]);
    assert!(
        import
            .diagnostics
            .iter()
            .any(|d| d.message.contains("迷子の行"))
    );
    // A row without division.
    let text = with_line(10, |l| l.replacen(" （保健所健康増進課）", "", 1));
    let import = read_text(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(codes(&import, Severity::Warning), vec![("no-division", 10)]);
    assert_eq!(plan(&import).assignments.len(), 19);
}

#[test]
fn a_document_without_title_cannot_be_read() {
    let text = with_line(3, |_| String::new());
    assert!(matches!(read_text(&text), Err(ReadError::Malformed { .. })));
    let text = with_line(3, |l| l.replacen("（令和元年度）", "", 1));
    assert!(matches!(read_text(&text), Err(ReadError::Malformed { .. })));
}

/// Checks that every cross reference of a plan resolves.
fn consistent(plan: &Plan) -> bool {
    plan.listings
        .iter()
        .all(|l| plan.measure(&l.measure).is_some() && plan.group(&l.group).is_some())
        && plan
            .assignments
            .iter()
            .all(|a| plan.measure(&a.measure).is_some() && plan.division(&a.division).is_some())
        && plan.records.iter().all(|r| {
            plan.measure(&r.measure).is_some()
                && r.division
                    .as_ref()
                    .is_none_or(|d| plan.division(d).is_some())
        })
        && plan.divisions.iter().all(|d| {
            d.department
                .as_ref()
                .is_none_or(|k| plan.department(k).is_some())
        })
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize, usize),
    DeleteTab(usize),
    InsertTab(usize, usize),
    DeleteLine(usize),
    DuplicateLine(usize),
    Bytes(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..60usize, 0..200usize).prop_map(|(l, c)| Mutation::Truncate(l, c)),
        (0..60usize).prop_map(Mutation::DeleteTab),
        (0..60usize, 0..200usize).prop_map(|(l, c)| Mutation::InsertTab(l, c)),
        (0..60usize).prop_map(Mutation::DeleteLine),
        (0..60usize).prop_map(Mutation::DuplicateLine),
        (0..6000usize, proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Mutation::Bytes(at, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut bytes_edits = Vec::new();
    for m in mutations {
        let len = lines.len().max(1);
        match m {
            Mutation::Truncate(l, c) => {
                if let Some(line) = lines.get_mut(l % len) {
                    *line = line.chars().take(*c).collect();
                }
            }
            Mutation::DeleteTab(l) => {
                if let Some(line) = lines.get_mut(l % len) {
                    *line = line.replacen('\t', "", 1);
                }
            }
            Mutation::InsertTab(l, c) => {
                if let Some(line) = lines.get_mut(l % len) {
                    let at = line
                        .char_indices()
                        .map(|(i, _)| i)
                        .nth(*c)
                        .unwrap_or(line.len());
                    line.insert(at, '\t');
                }
            }
            Mutation::DeleteLine(l) => {
                if !lines.is_empty() {
                    lines.remove(l % len);
                }
            }
            Mutation::DuplicateLine(l) => {
                if let Some(line) = lines.get(l % len).cloned() {
                    lines.insert(l % len, line);
                }
            }
            Mutation::Bytes(at, b) => bytes_edits.push((*at, b.clone())),
        }
    }
    let mut bytes = lines.join("\n").into_bytes();
    for (at, b) in bytes_edits {
        let at = at % (bytes.len() + 1);
        bytes.splice(at..at, b);
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mutated_seed_never_panics(mutations in proptest::collection::vec(mutation(), 1..8)) {
        let bytes = mutate(SEED, &mutations);
        // Through the dispatcher (decoding, detection) …
        let _ = read_document(FILE, &bytes);
        // … and straight into the reader, whatever the detector says.
        let text = String::from_utf8_lossy(&bytes);
        let _ = otaru::detect(&text);
        if let Ok(import) = read_text(&text) {
            for plan in &import.plans {
                prop_assert!(consistent(plan));
                // A single-year report: every record has the title's year.
                prop_assert_eq!(plan.fiscal_years.len(), 1);
            }
            // Deterministic.
            prop_assert_eq!(Ok(import), read_text(&text));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let _ = otaru::detect(&s);
        let _ = read_text(&s);
    }

    #[test]
    fn rowlike_text_never_panics(
        lines in proptest::collection::vec(
            "[「」（）()①②基本重点施策計画に基づく取組状況令和元年度0-9課部室 \t\\-延べ人件回、。]{0,40}",
            0..30,
        )
    ) {
        let text = lines.join("\n");
        let _ = otaru::detect(&text);
        if let Ok(import) = read_text(&text) {
            for plan in &import.plans {
                prop_assert!(consistent(plan));
            }
        }
    }
}
