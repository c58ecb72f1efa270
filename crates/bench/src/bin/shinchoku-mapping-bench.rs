//! The mapping benchmark of BENCHMARKS.md (issue 11): a wide 事務事業評価 workbook
//! (`--rows` × 200 columns: 20 fixed columns and 12 yearly blocks of 15, made by the same
//! generator as the tests, `crates/ingest/tests/support/mapping_docs.rs`), timed per step,
//! median of `--runs` runs:
//!
//! * **calamine**: a plain read of the sheet (`worksheet_range`, every cell visited): the
//!   anchor;
//! * **suggest**: `shinchoku mapping suggest` (table read + draft);
//! * **read**: the file through the hand-written profile (table read + plan);
//! * **import**: reading it and `import_document` into a fresh in-memory store (one commit).
//!
//! Rows/s of each and the ratio to the calamine read are printed.
//!
//! ```sh
//! cargo run --release -p shinchoku-bench --bin shinchoku-mapping-bench -- --rows 400 --runs 7
//! ```

#[path = "../../../ingest/tests/support/mapping_docs.rs"]
mod docs;

use anyhow::Result;
use calamine::{Reader, Xlsx};
use clap::Parser;
use shinchoku_bench::{median, ms};
use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_ingest::ReadOptions;
use shinchoku_ingest::mapping::{Profile, read_mapped, suggest, suggest::SuggestOptions};
use shinchoku_store::Store;
use std::io::Cursor;
use std::time::{Duration, Instant};

#[derive(Debug, Parser)]
#[command(about = "Benchmarks reading a wide workbook through a mapping profile")]
struct Args {
    /// Data rows of the workbook.
    #[arg(long, default_value_t = 400)]
    rows: usize,
    /// Runs of each step (the median is reported).
    #[arg(long, default_value_t = 7)]
    runs: usize,
}

fn time<T>(f: impl FnOnce() -> Result<T>) -> Result<(Duration, T)> {
    let start = Instant::now();
    let out = f()?;
    Ok((start.elapsed(), out))
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let spec = docs::Wide {
        rows: args.rows,
        years: (2013..=2024).collect(),
        filler: 4,
    };
    let bytes = docs::wide_workbook(&spec);
    let columns = docs::FIXED.len() + spec.filler + docs::BLOCK.len() * spec.years.len();
    println!(
        "workbook: {} rows × {columns} columns, {} bytes",
        args.rows,
        bytes.len()
    );
    let profile = Profile::from_toml(docs::WIDE_PROFILE)?;
    let options = ReadOptions::default();
    let actor = Actor::command_line("bench");
    let (mut plain, mut drafted, mut read, mut imported) = (vec![], vec![], vec![], vec![]);
    let mut cells = 0usize;
    let mut records = 0usize;
    for _ in 0..args.runs.max(1) {
        let (t, n) = time(|| {
            let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.as_slice()))?;
            let range = book.worksheet_range("事業一覧")?;
            Ok(range.used_cells().count())
        })?;
        plain.push(t);
        cells = n;
        let (t, _) = time(|| Ok(suggest("hyoka.xlsx", &bytes, &SuggestOptions::default())?))?;
        drafted.push(t);
        let (t, import) = time(|| Ok(read_mapped("hyoka.xlsx", &bytes, &profile, &options)?))?;
        read.push(t);
        records = import.plans.iter().map(|p| p.records.len()).sum();
        let store = Store::in_memory().await?;
        let start = Instant::now();
        let doc = ImportedDocument::read_mapped("hyoka.xlsx", &bytes, &profile, &options)?;
        import_document(&store, &doc, &actor).await?;
        imported.push(start.elapsed());
    }
    let rows = args.rows as f64;
    let base = median(plain.clone());
    println!(
        "{cells} cells with values, {records} records per import; median of {} runs",
        args.runs
    );
    println!("| step | median ms | rows/s | × calamine read |");
    println!("|---|---:|---:|---:|");
    let both = median(drafted.clone()) + median(imported.clone());
    for (name, m) in [
        ("calamine read", base),
        ("mapping suggest", median(drafted)),
        ("read through profile", median(read)),
        ("read + import (in-memory store)", median(imported)),
        ("suggest + read + import", both),
    ] {
        println!(
            "| {name} | {} | {:.0} | {:.2} |",
            ms(m),
            rows / m.as_secs_f64().max(1e-9),
            m.as_secs_f64() / base.as_secs_f64().max(1e-9)
        );
    }
    Ok(())
}
