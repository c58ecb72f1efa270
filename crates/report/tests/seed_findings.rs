//! `shinchoku check` on the five reference reports: every finding is an inconsistency a
//! careful reader of the document agrees with, and every one of them is found. Line numbers
//! and values were checked by reading the seeds in `samples/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use shinchoku_ingest::read_document;
use shinchoku_report::check::Findings;

fn findings(name: &str) -> Findings {
    let path = format!("{}/../../samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("seed");
    let import = read_document(name, text.as_bytes()).expect("read");
    Findings::of(&import.plans)
}

/// (kind, line, expected, reported) of every finding, in order.
fn rows(f: &Findings, file: &str) -> Vec<(String, u32, String, String)> {
    f.findings
        .iter()
        .map(|f| {
            let location = f.location.as_ref().expect("every finding has a location");
            assert_eq!(location.file, file);
            (
                f.kind.to_string(),
                location.line,
                f.expected.clone().unwrap_or_default(),
                f.reported.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn row(kind: &str, line: u32, expected: &str, reported: &str) -> (String, u32, String, String) {
    (
        kind.to_owned(),
        line,
        expected.to_owned(),
        reported.to_owned(),
    )
}

fn of_kind(f: &Findings, kind: &str) -> Vec<u32> {
    f.findings
        .iter()
        .filter(|f| f.kind.as_str() == kind)
        .filter_map(|f| f.location.as_ref().map(|l| l.line))
        .collect()
}

#[test]
fn kawaguchi_list_has_no_findings() {
    // An inventory of programs: no status, no achievement, no grades, no dates.
    assert_eq!(findings("000_93a6ad023fb5add3.txt").findings, vec![]);
}

#[test]
fn kumagaya_findings() {
    let file = "001_fcd6886f924c1359.txt";
    let f = findings(file);
    assert_eq!(
        rows(&f, file),
        vec![
            // Line 314, No.20 民生委員・児童委員に対する研修, 令和3年度: 「ア 実施済」 and 100 %,
            // but the result says 「コロナウイルス感染症の影響により事業は中止となった。」 (lines
            // 315–316) and the evaluation 「事業は中止となったが、資料等の配付による周知を
            // 行った。」: the measure is a training (研修を実施します), which was cancelled;
            // handing out pamphlets instead does not make it done.
            row(
                "status-text-mismatch",
                314,
                "",
                "取組状況「ア　実施済」・達成度100%"
            ),
            // Line 615, No.22 男女共同参画に関するセミナー, 令和2年度: 「コロナ禍のため、
            // セミナー自体を実施できなかった。 100 %」.
            row("status-text-mismatch", 615, "", "達成度100%"),
            // Line 934 (the 令和3年度 block; 「ア　実施済 50 %」 on line 944), No.24
            // 性の尊重についての理解促進: 「ア 実施済
            // 50 %」 while the scale has イ 一部実施, and the evaluation says only the web page
            // and booklet were done (「…掲載する以外の啓発活動はできなかった」).
            row("status-achievement-mismatch", 934, "", "ア　実施済 / 50%"),
        ]
    );
    // Not findings: line 1430 (No.26, 令和3年度, 実施済 100 %) says 「令和２年度は未実施
    // だったが、令和３年度は実施した。」 — the not-done part is about the year before; line
    // 280 (実施済 100 %) left out only the role play (「ロールプレイは実施せず、講話のみ」).
    assert!(!of_kind(&f, "status-text-mismatch").contains(&1430));
    assert!(!of_kind(&f, "status-text-mismatch").contains(&280));
    assert_eq!(
        f.findings[1].message,
        "達成度100%と記載されていますが、記述には「コロナ禍のため、セミナー自体を実施できなかった。」とあります"
    );
}

#[test]
fn otaru_has_no_findings() {
    assert_eq!(findings("002_eba47c23c940212d.txt").findings, vec![]);
}

#[test]
fn kiyose_findings() {
    let file = "003_a91a11d8f2677ccb.txt";
    let f = findings(file);
    let unparsed = |v: &str| row("unparsed-value", 111, "", v);
    // In document order (records are audited row by row).
    assert_eq!(
        rows(&f, file),
        vec![
            // Line 13, 自殺対策連絡協議会・研修会の実施, 令和4年度: 100 %, but the result begins
            // 「関係機関との情報共有等をはかることができなかった。」 (the sentence of 令和3年度,
            // when the meeting was postponed, at 0 %). The following sentence says cases were
            // shared: the record contradicts itself either way, which a reader has to query.
            row("status-text-mismatch", 13, "", "達成度100%"),
            // Line 111, 乳幼児健康診査: one 達成度 per health check (①…⑤) in one cell,
            // 令和元年度 to 令和4年度.
            unparsed("①92.5% ②97.1% ③101.2% ④92.6% ⑤87.3%"),
            unparsed("①86.8% ②77.7% ③84.2% ④97.6% ⑤97.2%"),
            unparsed("①96.6% ②95.4% ③90.6% ④97.9% ⑤94.8%"),
            unparsed("①99.1% ②86.4% ③89.2% ④98.2% ⑤96.6%"),
            // Line 127, 学校出前講座, 令和元年度: 100 %, but 「出前講座の企画はあったが中止に
            // なった。」 — the cancelled thing is the measure itself; the guidebook and the
            // karuta are other work.
            row("status-text-mismatch", 127, "", "達成度100%"),
        ]
    );
    // Judgement calls that are not findings (read in the document):
    // * line 8, 自治会、円卓会議等のネットワークの構築・強化, 令和2年度 「実施」: the round-table
    //   meetings could not be held, but their representatives met (「各代表者による情報交換会を
    //   実施した」) and leaflets went to the 自治会 — the network work was carried out in
    //   another form, and 実施 / 未実施 has nothing in between;
    // * line 29, 自殺予防週間、自殺対策強化月間における普及啓発, 令和元年度 「実施」: the
    //   September week's displays and leaflets were done, only the March month's activities
    //   were cancelled — a partial cancellation under a yes/no status;
    // * line 22 (3月分 cancelled, 8月 held), line 89 (「全てを実施することはできなかった」
    //   beside 「計画通り実施した」) and line 135 (「休止することなく」) likewise.
    let text = of_kind(&f, "status-text-mismatch");
    for line in [8, 9, 22, 29, 89, 135, 144] {
        assert!(!text.contains(&line), "line {line}");
    }
}

#[test]
fn kawaguchi_evaluation_report_findings() {
    let file = "004_052cf2803b6d324c.txt";
    let f = findings(file);
    let kinds: Vec<(String, usize)> = [
        "grade-mismatch",
        "grade-not-computable",
        "conflicting-statements",
        "date-mismatch",
    ]
    .iter()
    .map(|k| (k.to_string(), of_kind(&f, k).len()))
    .collect();
    assert_eq!(
        kinds,
        vec![
            ("grade-mismatch".to_owned(), 10),
            ("grade-not-computable".to_owned(), 8),
            ("conflicting-statements".to_owned(), 2),
            ("date-mismatch".to_owned(), 2),
        ]
    );
    assert_eq!(f.findings.len(), 22);
    let dates: Vec<_> = f
        .findings
        .iter()
        .filter(|f| f.kind.as_str() == "date-mismatch")
        .collect();
    // Both on the main plan (the report's title names it), once for the document.
    assert!(
        dates
            .iter()
            .all(|f| f.plan == "川口市/川口市地域共生社会推進計画")
    );
    // Line 7 「令和 7 年 3 月」 is on or before the end of 報告対象期間 (line 22,
    // 「令和6年度（令和6年4月1日～令和7年3月31日）」), yet the report states the actuals of the
    // whole 令和6年度.
    assert_eq!(dates[0].location.as_ref().map(|l| l.line), Some(22));
    assert_eq!(
        dates[0].message,
        "表紙の日付（令和7年3月）が報告対象期間の終わり（令和7年3月31日）以前ですが、報告書は令和6年度の実績を記載しています"
    );
    assert_eq!(dates[0].expected.as_deref(), Some("令和7年3月31日より後"));
    assert_eq!(dates[0].reported.as_deref(), Some("令和7年3月"));
    // Line 921 「発行日 令和 7 年 11 月」 against the cover's 令和 7 年 3 月.
    assert_eq!(dates[1].location.as_ref().map(|l| l.line), Some(921));
    assert_eq!(
        dates[1].message,
        "表紙の日付（令和7年3月）と発行日（令和7年11月）が一致しません（表紙: 004_052cf2803b6d324c.txt:7）"
    );
    assert_eq!(dates[1].expected.as_deref(), Some("令和7年3月"));
    assert_eq!(dates[1].reported.as_deref(), Some("令和7年11月"));
}

#[test]
fn only_the_kawaguchi_evaluation_report_states_its_own_dates() {
    // 000–003 have no cover date, 報告対象期間 or 発行日 (their dates are in the text of
    // records: 「令和3年2月に…開催し」), so nothing is recorded and no date rule applies.
    for name in [
        "000_93a6ad023fb5add3.txt",
        "001_fcd6886f924c1359.txt",
        "002_eba47c23c940212d.txt",
        "003_a91a11d8f2677ccb.txt",
    ] {
        let path = format!("{}/../../samples/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("seed");
        let import = read_document(name, text.as_bytes()).expect("read");
        for plan in &import.plans {
            for s in &plan.sources {
                assert!(
                    s.cover_date.is_none()
                        && s.reporting_period.is_none()
                        && s.issue_date.is_none(),
                    "{name}"
                );
            }
        }
    }
}
