//! Writes the synthetic corpus (`shinchoku_bench::generate`) for `shinchoku serve` and the web
//! benchmark (scripts/bench-web.sh): straight into a fresh SQLite database (`--db`, through
//! `shinchoku_commands::import_document`, as `shinchoku import` does), and/or as
//! report files into a directory (`--dir`) for `shinchoku import`.
//!
//! `cargo run --release -p shinchoku-bench --bin shinchoku-synth -- --db corpus.db`

use anyhow::{Context, Result, bail};
use clap::Parser;
use shinchoku_bench::generate;
use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_store::Store;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Parser)]
#[command(about = "Writes the synthetic corpus to a database and/or a directory")]
struct Args {
    /// Municipalities in the corpus (one report each).
    #[arg(long, default_value_t = 1000)]
    municipalities: usize,
    /// Seed of the corpus generator.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// Database to create (replaced if it exists) and import every report into.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Directory to write the report files into (created if missing).
    #[arg(long)]
    dir: Option<PathBuf>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run(args))
}

async fn run(args: Args) -> Result<()> {
    if args.db.is_none() && args.dir.is_none() {
        bail!("nothing to do: pass --db PATH and/or --dir PATH");
    }
    let start = Instant::now();
    let corpus = generate(args.municipalities, args.seed);
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for report in &corpus {
            let path = dir.join(&report.file_name);
            std::fs::write(&path, &report.text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        eprintln!("{} reports written to {}", corpus.len(), dir.display());
    }
    if let Some(db) = &args.db {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            let p = PathBuf::from(p);
            if p.exists() {
                std::fs::remove_file(&p)
                    .with_context(|| format!("cannot remove {}", p.display()))?;
            }
        }
        let store = Store::open(db)
            .await
            .with_context(|| format!("cannot open database {}", db.display()))?;
        let actor = Actor::command_line("shinchoku-synth");
        for report in &corpus {
            let doc = ImportedDocument::read(&report.file_name, report.text.as_bytes())
                .with_context(|| report.file_name.clone())?;
            import_document(&store, &doc, &actor)
                .await
                .with_context(|| report.file_name.clone())?;
        }
        // The WAL folded into the database file: the file is complete on its own.
        store.checkpoint().await?;
        eprintln!(
            "{} reports imported into {} in {:.1} s",
            corpus.len(),
            db.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
