//! The benchmark behind BENCHMARKS.md: import + check of the five reference reports, and of a
//! synthetic corpus of one report per municipality (default 1,000), on the embedded SQLite
//! store (the async `Store`, written through `shinchoku_commands::import_document`). Prints
//! medians as a Markdown table.
//!
//! `cargo run --release -p shinchoku-bench --bin shinchoku-bench -- --municipalities 1000`

use anyhow::{Context, Result};
use clap::Parser;
use shinchoku_bench::{TEMPLATES, generate, median, ms};
use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_ingest::read_document;
use shinchoku_report::Findings;
use shinchoku_store::Store;
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

async fn import(store: &Store, name: &str, bytes: &[u8], actor: &Actor) -> Result<()> {
    let doc = ImportedDocument::read(name, bytes).with_context(|| name.to_owned())?;
    import_document(store, &doc, actor)
        .await
        .with_context(|| name.to_owned())?;
    Ok(())
}

/// Every plan of the store, audited: the number of findings and of plans.
async fn check(store: &Store) -> Result<(usize, usize)> {
    let (_, stored) = store.snapshot().await?;
    let plans: Vec<_> = stored.into_iter().map(|s| s.plan).collect();
    Ok((Findings::of(&plans).findings.len(), plans.len()))
}

async fn import_and_check(docs: &[(&str, &[u8])], store: &Store, actor: &Actor) -> Result<usize> {
    for (name, bytes) in docs {
        import(store, name, bytes, actor).await?;
    }
    Ok(check(store).await?.0)
}

fn main() -> Result<()> {
    let args = Args::parse();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run(args))
}

async fn run(args: Args) -> Result<()> {
    let actor = Actor::command_line("shinchoku-bench");
    let runs = args.runs.max(1);
    println!("## Seeds ({runs} runs each, median)\n");
    println!("| document | bytes | read (ms) | read + import into a fresh store (ms) |");
    println!("|---|---:|---:|---:|");
    for (name, _, text) in TEMPLATES {
        let bytes = text.as_bytes();
        let mut read = Vec::new();
        let mut imports = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            read_document(name, bytes)?;
            read.push(start.elapsed());
            let store = Store::in_memory().await?;
            let start = Instant::now();
            import(&store, name, bytes, &actor).await?;
            imports.push(start.elapsed());
        }
        println!(
            "| {name} | {} | {} | {} |",
            bytes.len(),
            ms(median(read)),
            ms(median(imports))
        );
    }
    let docs: Vec<(&str, &[u8])> = TEMPLATES
        .iter()
        .map(|(name, _, text)| (*name, text.as_bytes()))
        .collect();
    let mut all = Vec::new();
    let mut reimport = Vec::new();
    let mut checks = Vec::new();
    for _ in 0..runs {
        let store = Store::in_memory().await?;
        let start = Instant::now();
        import_and_check(&docs, &store, &actor).await?;
        all.push(start.elapsed());
        let start = Instant::now();
        import_and_check(&docs, &store, &actor).await?;
        reimport.push(start.elapsed());
        let start = Instant::now();
        check(&store).await?;
        checks.push(start.elapsed());
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
        ms(median(checks))
    );

    if args.seeds_only {
        return Ok(());
    }
    let n = args.municipalities;
    let start = Instant::now();
    let corpus = generate(n, args.seed);
    let gen_time = start.elapsed();
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
    let mut snapshots = Vec::new();
    let mut findings = 0;
    let mut plans_count = 0;
    for _ in 0..args.corpus_runs.max(1) {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path().join("bench.db")).await?;
        let start = Instant::now();
        for report in &corpus {
            import(&store, &report.file_name, report.text.as_bytes(), &actor).await?;
        }
        imports.push(start.elapsed());
        let start = Instant::now();
        let (f, p) = check(&store).await?;
        checks.push(start.elapsed());
        plans_count = p;
        findings = f;
        let start = Instant::now();
        store.snapshot().await?;
        snapshots.push(start.elapsed());
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
        "import (read + merge + diff + apply, one transaction per report)",
        median(imports),
    );
    row("load all plans (snapshot) + check", median(checks));
    row("of which load all plans (snapshot)", median(snapshots));
    println!("\n{plans_count} plans, {findings} findings");
    Ok(())
}
