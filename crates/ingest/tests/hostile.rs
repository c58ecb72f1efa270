//! Hostile input (issue 11 item 5): files that are not regular, over the limit or growing,
//! control characters in names, amounts that overflow, unreadable layouts.

use proptest::prelude::*;
use shinchoku_core::FiscalYear;
use shinchoku_ingest::{
    DEFAULT_MAX_BYTES, Import, ReadError, ReadOptions, Severity, printable,
    read_document_with_options, read_file_bounded,
};
use std::io::Write;
use std::path::PathBuf;

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/editions/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str, text: &str) -> Import {
    match read_document_with_options(name, text.as_bytes(), &ReadOptions::default()) {
        Ok((_, import)) => import,
        Err(e) => panic!("{e}"),
    }
}

/// A fresh temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shinchoku-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn write(path: &PathBuf, bytes: &[u8]) {
    let mut f = std::fs::File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    f.write_all(bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn the_default_limit_is_64_mib() {
    assert_eq!(DEFAULT_MAX_BYTES, 64 * 1024 * 1024);
    assert_eq!(ReadOptions::default().max_bytes, DEFAULT_MAX_BYTES);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// A file is read whole when it is at most the limit, and refused (with its size and the
    /// limit in the message) when it is one byte or more over it.
    #[test]
    fn files_over_the_limit_are_refused(len in 0usize..3000, limit in 0u64..3000) {
        let dir = temp_dir("limit");
        let path = dir.join("report.txt");
        let bytes = vec![b'a'; len];
        write(&path, &bytes);
        let result = read_file_bounded(&path, limit);
        if len as u64 <= limit {
            prop_assert_eq!(result, Ok(bytes));
        } else {
            match result {
                Err(ReadError::TooLarge { size, limit: l, .. }) => {
                    prop_assert_eq!(size, Some(len as u64));
                    prop_assert_eq!(l, limit);
                }
                other => prop_assert!(false, "{other:?}"),
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The same limit holds for bytes handed over directly.
    #[test]
    fn documents_over_the_limit_are_refused(len in 0usize..500, limit in 0u64..500) {
        let bytes = vec![b' '; len];
        let options = ReadOptions { max_bytes: limit, ..ReadOptions::default() };
        let result = read_document_with_options("x.txt", &bytes, &options);
        if len as u64 > limit {
            prop_assert!(matches!(result, Err(ReadError::TooLarge { .. })), "{result:?}");
        } else {
            let refused = matches!(result, Err(ReadError::TooLarge { .. }));
            prop_assert!(!refused, "{:?}", result);
        }
    }
}

#[test]
fn too_large_message_names_file_size_and_limit() {
    let dir = temp_dir("message");
    let path = dir.join("big.txt");
    write(&path, &[b'x'; 11]);
    let message = match read_file_bounded(&path, 10) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("read"),
    };
    assert!(
        message.ends_with("big.txt: 11 bytes, over the limit of 10 bytes; not read"),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_directories_are_refused_before_opening() {
    match read_file_bounded(std::path::Path::new("/dev/zero"), 1024) {
        Err(ReadError::NotRegularFile { kind, file }) => {
            assert_eq!(kind, "a character device");
            assert_eq!(file, "/dev/zero");
        }
        other => panic!("{other:?}"),
    }
    let dir = temp_dir("fifo");
    match read_file_bounded(&dir, 1024) {
        Err(ReadError::NotRegularFile { kind, .. }) => assert_eq!(kind, "a directory"),
        other => panic!("{other:?}"),
    }
    let fifo = dir.join("pipe");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(status) if status.success() => {
            // Opening a FIFO without a writer would block: the check comes first.
            match read_file_bounded(&fifo, 1024) {
                Err(ReadError::NotRegularFile { kind, .. }) => {
                    assert_eq!(kind, "a FIFO (named pipe)");
                }
                other => panic!("{other:?}"),
            }
        }
        _ => println!("note: mkfifo is not available; the FIFO case was not tested"),
    }
    match read_file_bounded(&dir.join("missing.txt"), 1024) {
        Err(ReadError::Io { file, .. }) => assert!(file.ends_with("missing.txt")),
        other => panic!("{other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_in_names_are_removed_with_a_located_warning() {
    let text = data("kawaguchi_list_base.txt").replacen(
        "見守り訪問事業",
        "見守り\u{0}訪問\u{1b}[31m事業",
        1,
    );
    let imp = read("nul.txt", &text);
    let plan = &imp.plans[0];
    assert_eq!(plan.measures[0].name, "見守り訪問事業");
    let d: Vec<_> = imp
        .diagnostics
        .iter()
        .filter(|d| d.code == "control-characters")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[0].location.line, 5);
    // Nothing printed from a diagnostic carries a control character.
    for d in &imp.diagnostics {
        assert!(!d.to_string().chars().any(char::is_control), "{d}");
    }
    assert_eq!(printable("a\u{1b}[2Jb"), "ab");
}

#[test]
fn an_amount_that_overflows_is_a_located_error() {
    let text =
        data("kawaguchi_list_base.txt").replacen("1,200,000円", "99,999,999,999,999,999,999円", 1);
    let imp = read("overflow.txt", &text);
    let d: Vec<_> = imp
        .diagnostics
        .iter()
        .filter(|d| d.code == "unparsed-cost")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(d[0].location.line, 5);
    assert!(d[0].message.contains("too large"), "{}", d[0].message);
    let record = &imp.plans[0].records[0];
    assert_eq!(record.costs[0].amount_yen, None);
    assert_eq!(
        record.cost_original.as_deref(),
        Some("99,999,999,999,999,999,999円")
    );
}

#[test]
fn a_huge_line_is_not_quoted_whole() {
    let huge = "あ".repeat(200_000);
    let text = data("kawaguchi_list_base.txt").replacen(
        "\n3\tゲートキーパー",
        &format!("\n{huge}\n3\tゲートキーパー"),
        1,
    );
    let imp = read("huge.txt", &text);
    let longest = imp
        .diagnostics
        .iter()
        .map(|d| d.message.chars().count())
        .max()
        .unwrap_or(0);
    assert!(longest < 1000, "{longest}");
}

#[test]
fn an_unknown_layout_says_what_was_looked_for() {
    // The 熊谷市 sheet without its status cells.
    let text: String = data("kumagaya_r3.txt")
        .lines()
        .filter(|l| !l.contains("ア　実施済"))
        .collect::<Vec<_>>()
        .join("\n");
    let e = match read_document_with_options("sheet.txt", text.as_bytes(), &ReadOptions::default())
    {
        Err(e) => e,
        Ok(_) => panic!("read"),
    };
    assert!(matches!(e, ReadError::UnknownLayout { .. }));
    assert_eq!(
        e.to_string(),
        "sheet.txt: not a known report layout: the closest is the 熊谷市 progress sheet \
         (進捗管理シート) `kumagaya`, which looks for 4 signs; found 3: the heading 「取組状況」; the heading 「達成度（％）」; the instruction 「整数で入力」; not \
         found: a status cell with its 達成度 (「ア　実施済 100 %」) (known layouts: json, \
         kawaguchi_list, kumagaya, otaru, kiyose, kawaguchi_eval)"
    );
    let e = match read_document_with_options("x.txt", "hello".as_bytes(), &ReadOptions::default()) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("read"),
    };
    assert!(
        e.starts_with("x.txt: not a known report layout: none of the layouts' signs were found"),
        "{e}"
    );
}

#[test]
fn a_given_fiscal_year_moves_the_records() {
    let text = data("kumagaya_r3.txt");
    let options = ReadOptions {
        fiscal_year: Some(FiscalYear(2023)),
        ..ReadOptions::default()
    };
    let (_, imp) = read_document_with_options("k.txt", text.as_bytes(), &options)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        imp.plans[0].fiscal_years,
        vec![FiscalYear(2022), FiscalYear(2023), FiscalYear(2024)]
    );
    let d: Vec<_> = imp
        .diagnostics
        .iter()
        .filter(|d| d.code == "fiscal-year-given")
        .collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
}

#[test]
fn a_file_name_with_control_characters_is_cleaned_and_reported() {
    let text = data("kawaguchi_list_base.txt");
    let (_, imp) = read_document_with_options(
        "list\u{1b}[2J\u{0}.txt",
        text.as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imp.plans[0].sources[0].file, "list.txt");
    assert!(
        imp.diagnostics
            .iter()
            .all(|d| d.location.file == "list.txt")
    );
    assert_eq!(
        imp.diagnostics
            .iter()
            .filter(|d| d.code == "control-characters")
            .count(),
        1
    );
}
