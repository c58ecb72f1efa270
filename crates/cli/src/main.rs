//! The `shinchoku` command line.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use shinchoku_core::Plan;
use shinchoku_ingest::{Diagnostic, Severity};
use shinchoku_report::{
    Findings, Summary, export_csv, export_json, export_xlsx, render_findings_text,
    render_summary_text,
};
use shinchoku_store::{ImportOutcome, ImportedDocument, PlanStore, SqliteStore};
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod samples;

/// shinchoku (進捗): import, store, audit and publish the yearly progress of municipal
/// policy plans (自殺対策計画, 地域福祉計画 …).
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args)]
struct DbArg {
    /// The SQLite database file (created when missing).
    #[arg(long, env = "SHINCHOKU_DB", default_value = "shinchoku.db")]
    db: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, PartialOrd, Ord)]
enum MinSeverity {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import report files into the database.
    ///
    /// Reads the five known report layouts and shinchoku's own JSON export. Each file is one
    /// transaction; importing the same file again changes nothing. Prints one line per file on
    /// stdout and the diagnostics (file:line) on stderr; exits with 1 when a file cannot be
    /// read (the other files are still imported).
    Import {
        #[command(flatten)]
        db: DbArg,
        /// Print only diagnostics at or above this severity.
        #[arg(long, value_enum, default_value = "info")]
        diagnostics: MinSeverity,
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print what each plan holds.
    ///
    /// Per plan: municipality, title, fiscal years and the counts of groups, measures,
    /// listings, assignments, records per year, statuses, directions, indicators, grades and
    /// cost totals per year (shared costs counted once).
    Summary {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Print the audit findings.
    ///
    /// Grades that contradict the plan's rating scheme, grades that cannot be recomputed
    /// (and why), values stated twice with different contents, missing fields, unparseable
    /// values — each with plan, item, expected vs reported, and source location.
    Check {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Export the whole database.
    ///
    /// CSV (UTF-8 with BOM, CRLF) or XLSX with one row per measure, division and fiscal year
    /// (columns in docs/export.md), or nested JSON that `shinchoku import` reads back.
    Export {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file; standard output when omitted.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Serve the web app for the plans of a database.
    ///
    /// Dashboards, measures, indicators, divisions, search, the published reports and the
    /// JSON API (OpenAPI at /api/openapi.json).
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
    },
    /// Import the bundled sample reports and serve them.
    ///
    /// Creates a fresh database with the five reference reports, prints the summary and the
    /// URL, and serves the web app until Ctrl-C.
    Demo {
        /// Where to create the demo database (replaced if it exists).
        #[arg(long, default_value = "shinchoku-demo.db")]
        db: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Only import and print the summary; do not serve.
        #[arg(long)]
        no_serve: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("shinchoku: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Import {
            db,
            diagnostics,
            files,
        } => {
            let mut store = open(&db.db)?;
            let failed = import_files(&mut store, &files, diagnostics)?;
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Summary { db, format } => {
            let plans = load(&db.db)?;
            let summary = Summary::of(&plans);
            match format {
                TextOrJson::Text => stdout(render_summary_text(&summary).as_bytes())?,
                TextOrJson::Json => stdout(json_line(&summary)?.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { db, format } => {
            let plans = load(&db.db)?;
            let findings = Findings::of(&plans);
            match format {
                TextOrJson::Text => stdout(render_findings_text(&findings).as_bytes())?,
                TextOrJson::Json => stdout(json_line(&findings)?.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { db, format, out } => {
            let plans = load(&db.db)?;
            let bytes = match format {
                ExportFormat::Json => export_json(&plans)?.into_bytes(),
                ExportFormat::Csv => export_csv(&plans)?,
                ExportFormat::Xlsx => export_xlsx(&plans)?,
            };
            match out {
                Some(path) => std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => stdout(&bytes)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { db, addr } => {
            if !db.db.exists() {
                bail!(
                    "database {} does not exist (run `shinchoku import` first, or pass --db)",
                    db.db.display()
                );
            }
            serve(&open(&db.db)?, addr)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { db, addr, no_serve } => {
            let mut store = fresh(&db)?;
            demo_import(&mut store)?;
            let plans = store.load_all()?;
            stdout(render_summary_text(&Summary::of(&plans)).as_bytes())?;
            stdout(format!("デモ用データベース: {}\n", db.display()).as_bytes())?;
            if !no_serve {
                serve(&store, addr)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Serves the plans of the store until SIGTERM or Ctrl-C.
fn serve(store: &SqliteStore, addr: SocketAddr) -> Result<()> {
    let plans = store
        .load_all_with_ids()?
        .into_iter()
        .map(|(id, plan)| shinchoku_core::StoredPlan {
            id: shinchoku_core::PlanId(id.0),
            revision: shinchoku_core::Revision(1),
            updated_at_ms: 0,
            plan,
            ids: shinchoku_core::Identities::default(),
        })
        .collect();
    let source = StoreSnapshot(std::sync::Mutex::new(plans));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        stdout(format!("http://{local}/ で公開しています（Ctrl-C で終了）\n").as_bytes())?;
        shinchoku_web::serve(listener, source, shinchoku_web::ServeOptions::default()).await?;
        Ok(())
    })
}

/// Temporary [`shinchoku_web::PlanSource`] over today's store: the plans loaded at start,
/// and no changes afterwards (the new store replaces it with one that follows changes).
struct StoreSnapshot(std::sync::Mutex<Vec<shinchoku_core::StoredPlan>>);

impl shinchoku_web::PlanSource for StoreSnapshot {
    async fn snapshot(
        &self,
    ) -> Result<(i64, Vec<shinchoku_core::StoredPlan>), shinchoku_web::SourceError> {
        let plans = self
            .0
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .map_err(|_| shinchoku_web::SourceError::new("store snapshot poisoned"))?;
        Ok((0, plans))
    }

    async fn changed_since(
        &self,
        seq: i64,
    ) -> Result<(i64, Vec<shinchoku_core::PlanId>), shinchoku_web::SourceError> {
        Ok((seq, Vec::new()))
    }

    async fn load(
        &self,
        _id: shinchoku_core::PlanId,
    ) -> Result<Option<shinchoku_core::StoredPlan>, shinchoku_web::SourceError> {
        Err(shinchoku_web::SourceError::new(
            "this store does not report changes",
        ))
    }
}

/// Writes to standard output; a closed pipe (`shinchoku summary | head`) is not an error.
fn stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn json_line<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

fn open(path: &Path) -> Result<SqliteStore> {
    SqliteStore::open(path).with_context(|| format!("cannot open database {}", path.display()))
}

/// Loads every plan of an existing database; a missing file is an error (not a new database).
fn load(path: &Path) -> Result<Vec<Plan>> {
    if !path.exists() {
        bail!(
            "database {} does not exist (run `shinchoku import` first, or pass --db)",
            path.display()
        );
    }
    Ok(open(path)?.load_all()?)
}

/// Creates an empty database at `path`, removing an old one and its WAL files.
fn fresh(path: &Path) -> Result<SqliteStore> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    open(path)
}

fn demo_import(store: &mut SqliteStore) -> Result<()> {
    for (name, bytes) in samples::SAMPLES {
        let doc = ImportedDocument::read(name, bytes).with_context(|| format!("sample {name}"))?;
        store.import(doc)?;
    }
    Ok(())
}

fn severity_passes(severity: Severity, min: MinSeverity) -> bool {
    let level = match severity {
        Severity::Info => MinSeverity::Info,
        Severity::Warning => MinSeverity::Warning,
        Severity::Error => MinSeverity::Error,
    };
    level >= min
}

/// Imports each file in its own transaction; returns how many could not be read.
fn import_files(store: &mut SqliteStore, files: &[PathBuf], min: MinSeverity) -> Result<usize> {
    let bar = if files.len() > 1 {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut failed = 0;
    for path in files {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        bar.set_message(name.clone());
        let line = match import_one(store, path, &name) {
            Ok((import_line, diagnostics)) => {
                bar.suspend(|| {
                    let mut err = std::io::stderr().lock();
                    for d in diagnostics
                        .iter()
                        .filter(|d| severity_passes(d.severity, min))
                    {
                        let _ = writeln!(err, "{d}");
                    }
                });
                import_line
            }
            Err(e) => {
                failed += 1;
                bar.suspend(|| eprintln!("shinchoku: error: {e:#}"));
                format!("{name}: 読み込めません")
            }
        };
        bar.suspend(|| stdout(format!("{line}\n").as_bytes()))?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(failed)
}

fn import_one(
    store: &mut SqliteStore,
    path: &Path,
    name: &str,
) -> Result<(String, Vec<Diagnostic>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let doc = ImportedDocument::read(name, &bytes)?;
    let diagnostics = doc.diagnostics.clone();
    let layout_measures: usize = doc.plans.iter().map(|p| p.measures.len()).sum();
    let plan_count = doc.plans.len();
    let layout = doc.layout.clone();
    let report = store.import(doc)?;
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let outcome_text = report
        .plans
        .iter()
        .map(|p| {
            let key = &p.key;
            let word = match p.outcome {
                ImportOutcome::Created => "新規",
                ImportOutcome::Updated => "更新",
                ImportOutcome::Unchanged => "変更なし",
            };
            format!("{key}（{word}）")
        })
        .collect::<Vec<_>>()
        .join("、");
    Ok((
        format!(
            "{name}: {layout} 計画{plan_count}件 事業{layout_measures}件 {outcome_text} 診断 エラー{} 警告{} 情報{}",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        ),
        diagnostics,
    ))
}
