//! The benchmark behind BENCHMARKS.md: import + check of the five reference reports, and of a
//! synthetic corpus of one report per municipality (default 1,000), on the embedded SQLite
//! store. Prints medians as a Markdown table.
//!
//! `cargo run --release -p shinchoku-bench --bin shinchoku-bench -- --municipalities 1000`

use anyhow::{Context, Result};
use clap::Parser;
use shinchoku_bench::{TEMPLATES, generate, median, ms};
use shinchoku_ingest::read_document;
use shinchoku_report::Findings;
use shinchoku_store::{ImportedDocument, PlanStore, SqliteStore};
use std::time::{Duration, Instant};

#[derive(Debug, Parser)]
#[command(about = "Benchmarks import and check on the seeds and on a synthetic corpus")]
struct Args {
    /// Municipalities in the synthetic corpus (one report each).
    #[arg(long, default_value_t = 1000)]
    municipalities: usize,
    /// Repetitions of each seed measurement (the median is reported).
    #[arg(long, default_value_t = 21)]
    runs: usize,
    /// Repetitions of the corpus measurement.
    #[arg(long, default_value_t = 3)]
    corpus_runs: usize,
    /// Seed of the corpus generator.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// Skip the synthetic corpus.
    #[arg(long)]
    seeds_only: bool,
}

fn time<T>(f: impl FnOnce() -> Result<T>) -> Result<(Duration, T)> {
    let start = Instant::now();
    let value = f()?;
    Ok((start.elapsed(), value))
}

fn import_and_check(docs: &[(&str, &[u8])], store: &mut SqliteStore) -> Result<usize> {
    for (name, bytes) in docs {
        let doc = ImportedDocument::read(name, bytes).with_context(|| name.to_string())?;
        store.import(doc)?;
    }
    let plans = store.load_all()?;
    Ok(Findings::of(&plans).findings.len())
}

fn main() -> Result<()> {
    let args = Args::parse();
    let runs = args.runs.max(1);
    println!("## Seeds ({runs} runs each, median)\n");
    println!("| document | bytes | read (ms) | read + import into a fresh store (ms) |");
    println!("|---|---:|---:|---:|");
    for (name, _, text) in TEMPLATES {
        let bytes = text.as_bytes();
        let mut read = Vec::new();
        let mut import = Vec::new();
        for _ in 0..runs {
            read.push(time(|| Ok(read_document(name, bytes)?))?.0);
            let mut store = SqliteStore::open_in_memory()?;
            import.push(
                time(|| {
                    let doc = ImportedDocument::read(name, bytes)?;
                    Ok(store.import(doc)?)
                })?
                .0,
            );
        }
        println!(
            "| {name} | {} | {} | {} |",
            bytes.len(),
            ms(median(read)),
            ms(median(import))
        );
    }
    let docs: Vec<(&str, &[u8])> = TEMPLATES
        .iter()
        .map(|(name, _, text)| (*name, text.as_bytes()))
        .collect();
    let mut all = Vec::new();
    let mut reimport = Vec::new();
    let mut check = Vec::new();
    for _ in 0..runs {
        let mut store = SqliteStore::open_in_memory()?;
        all.push(time(|| import_and_check(&docs, &mut store))?.0);
        reimport.push(time(|| import_and_check(&docs, &mut store))?.0);
        check.push(
            time(|| {
                let plans = store.load_all()?;
                Ok(Findings::of(&plans).findings.len())
            })?
            .0,
        );
    }
    println!(
        "| all five: import + check, fresh store | | | {} |",
        ms(median(all))
    );
    println!(
        "| all five: re-import (unchanged) + check | | | {} |",
        ms(median(reimport))
    );
    println!(
        "| all five: load + check only | | | {} |",
        ms(median(check))
    );

    if args.seeds_only {
        return Ok(());
    }
    let n = args.municipalities;
    let (gen_time, corpus) = time(|| Ok(generate(n, args.seed)))?;
    let total_bytes: usize = corpus.iter().map(|r| r.text.len()).sum();
    println!(
        "\n## Synthetic corpus: {n} municipalities, {:.1} MB ({} runs, median)\n",
        total_bytes as f64 / 1e6,
        args.corpus_runs
    );
    println!("generated in {} ms\n", ms(gen_time));
    println!("| step | median (s) | per report (ms) | MB/s |");
    println!("|---|---:|---:|---:|");
    let mut imports = Vec::new();
    let mut checks = Vec::new();
    let mut findings = 0;
    let mut plans_count = 0;
    for _ in 0..args.corpus_runs.max(1) {
        let dir = tempfile::tempdir()?;
        let mut store = SqliteStore::open(dir.path().join("bench.db"))?;
        imports.push(
            time(|| {
                for report in &corpus {
                    let doc = ImportedDocument::read(&report.file_name, report.text.as_bytes())?;
                    store.import(doc)?;
                }
                Ok(())
            })?
            .0,
        );
        let (d, (p, f)) = time(|| {
            let plans = store.load_all()?;
            let f = Findings::of(&plans).findings.len();
            Ok((plans.len(), f))
        })?;
        checks.push(d);
        plans_count = p;
        findings = f;
    }
    let row = |label: &str, d: Duration| {
        println!(
            "| {label} | {:.2} | {:.2} | {:.1} |",
            d.as_secs_f64(),
            d.as_secs_f64() * 1000.0 / n.max(1) as f64,
            total_bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
        );
    };
    row(
        "import (read + merge + save, one transaction per report)",
        median(imports),
    );
    row("load all plans + check", median(checks));
    println!("\n{plans_count} plans, {findings} findings");
    Ok(())
}
