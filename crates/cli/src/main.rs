//! The `shinchoku` command line.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use shinchoku_commands::{Actor, CommandError, ImportOutcome, ImportedDocument};
use shinchoku_core::{Plan, StoredPlan};
use shinchoku_ingest::{Diagnostic, Severity};
use shinchoku_report::{
    Findings, Summary, export_csv, export_json, export_xlsx, render_findings_text,
    render_summary_text,
};
use shinchoku_store::Store;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cycle;
mod history;
mod mapping;
mod package;
mod record;
mod samples;
mod workbook;

/// The exit status of a change refused as a conflict (`record set --expect-revision`).
pub const EXIT_CONFLICT: u8 = 3;

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
    /// The database: a SQLite file (it must exist; `shinchoku import` creates it) or a
    /// PostgreSQL URL (`postgres://USER:PASSWORD@HOST/DB`, or `postgres:///DB?host=/SOCKET/DIR`
    /// for a Unix socket; the database must exist, its tables are created when missing).
    #[arg(long, env = "SHINCHOKU_DB", default_value = "shinchoku.db")]
    db: PathBuf,
}

#[derive(Debug, clap::Args)]
struct NewDbArg {
    /// The database: a SQLite file, created when missing, or a PostgreSQL URL
    /// (`postgres://USER:PASSWORD@HOST/DB`, or `postgres:///DB?host=/SOCKET/DIR`).
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
        db: NewDbArg,
        /// Who imports (recorded in the history).
        #[arg(long = "as", default_value = "import")]
        actor: String,
        /// The municipality the documents belong to, when the reader cannot tell it from
        /// the document or tells it wrong (a diagnostic says when it differs).
        #[arg(long)]
        municipality: Option<String>,
        /// The fiscal year the documents report on (the latest year with results), as a
        /// Western year (2024) or in 和暦 (令和6年度); the plan's years are moved when the
        /// reader read another one (with a warning).
        #[arg(long, value_parser = parse_fiscal_year)]
        fiscal_year: Option<shinchoku_core::FiscalYear>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = shinchoku_ingest::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// Print only diagnostics at or above this severity.
        #[arg(long, value_enum, default_value = "info")]
        diagnostics: MinSeverity,
        /// Read the files as spreadsheets (CSV/TSV, XLSX, ODS) through this mapping profile
        /// (TOML, see docs/mapping.md; `shinchoku mapping suggest FILE` drafts one). Columns
        /// the profile does not name are kept as extra fields and listed as warnings.
        #[arg(long, value_name = "PROFILE")]
        mapping: Option<PathBuf>,
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
        /// Mark the session cookie Secure (when a TLS proxy is in front).
        #[arg(long)]
        secure_cookies: bool,
    },
    /// Show or change progress records.
    #[command(subcommand)]
    Record(record::RecordCommand),
    /// The Excel round-trip of the yearly cycle: export a division's collection workbook,
    /// upload it filled in.
    #[command(subcommand)]
    Workbook(workbook::WorkbookCommand),
    /// Accounts of the web app: add, passwd, list, disable.
    #[command(subcommand)]
    User(cycle::UserCommand),
    /// The yearly collection cycle: open a year, lock it, publish it, see where it stands.
    #[command(subcommand)]
    Cycle(cycle::CycleCommand),
    /// SMTP settings of the reminders.
    #[command(subcommand)]
    Mail(cycle::MailCommand),
    /// A plan's groups mapped onto the national policy package of its kind (the comparison
    /// page): show, store the proposal, set groups' areas, reset to the proposal.
    #[command(subcommand)]
    Package(package::PackageCommand),
    /// Mapping profiles: how the columns of a city's own spreadsheet are read.
    #[command(subcommand)]
    Mapping(mapping::MappingCommand),
    /// Send the reminders due now: due soon (7 days before), overdue (weekly) and sent-back
    /// notices, each at most once. Run it from cron (e.g. hourly).
    Remind {
        #[command(flatten)]
        db: DbArg,
        /// Print what would be sent; send and record nothing.
        #[arg(long)]
        dry_run: bool,
        /// Act as if today were this date (2026-05-24).
        #[arg(long, value_parser = cycle::parse_date_arg)]
        today: Option<shinchoku_core::cycle::Date>,
    },
    /// Print the history of changes: who changed which field when, old and new value.
    ///
    /// Every import, `record set` and edit writes one event per changed field (and one per
    /// created or deleted entity). Without --record or --plan, the whole database.
    History {
        #[command(flatten)]
        db: DbArg,
        /// Only the events of this record (or any entity) id.
        #[arg(long, conflicts_with = "plan")]
        record: Option<i64>,
        /// Only the events of this plan id.
        #[arg(long)]
        plan: Option<i64>,
        #[arg(long, value_enum, default_value = "text")]
        format: history::HistoryFormat,
    },
    /// Bring the database's schema up to date (every command does it on opening; this says
    /// what it did).
    Migrate {
        #[command(flatten)]
        db: DbArg,
    },
    /// Copy a whole database into an empty one: a SQLite file into PostgreSQL, or back.
    ///
    /// Every plan with its ids and revisions, every entity, the change log and the history,
    /// the imports with their diagnostics, the accounts, API tokens, notices already sent and
    /// settings, and the id sequences (ids given out are never given out again), in one
    /// transaction on the target. Sessions and login failures are not copied: everyone signs
    /// in again on the new database. A target that holds anything is refused.
    Copy {
        /// The database to copy (it must exist): a SQLite file or a PostgreSQL URL.
        #[arg(long)]
        from: PathBuf,
        /// The database to copy into: a SQLite file (created when missing) or a PostgreSQL
        /// URL; it must be empty.
        #[arg(long)]
        to: PathBuf,
    },
    /// Import the bundled sample reports and serve them.
    ///
    /// Creates a fresh database with the five reference reports, prints the summary and the
    /// URL, and serves the web app until Ctrl-C.
    Demo {
        /// Where to create the demo database (a SQLite file, replaced if it exists; a
        /// PostgreSQL URL names a database used as it is).
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
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("shinchoku: error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            if let Some(CommandError::Conflict { .. }) = e.downcast_ref::<CommandError>() {
                eprintln!("shinchoku: {e:#}");
                return ExitCode::from(EXIT_CONFLICT);
            }
            eprintln!("shinchoku: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Import {
            db,
            actor,
            municipality,
            fiscal_year,
            max_bytes,
            diagnostics,
            mapping,
            files,
        } => {
            let profile = mapping.as_deref().map(mapping::load_profile).transpose()?;
            let store = open(&db.db).await?;
            let options = shinchoku_ingest::ReadOptions {
                municipality,
                fiscal_year,
                max_bytes,
            };
            let failed = import_files(
                &store,
                &files,
                diagnostics,
                &actor,
                &options,
                profile.as_ref(),
            )
            .await?;
            store.checkpoint().await?;
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Summary { db, format } => {
            let plans = plans(load(&db.db).await?);
            let summary = Summary::of(&plans);
            match format {
                TextOrJson::Text => stdout(render_summary_text(&summary).as_bytes())?,
                TextOrJson::Json => stdout(json_line(&summary)?.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { db, format } => {
            let plans = plans(load(&db.db).await?);
            let findings = Findings::of(&plans);
            match format {
                TextOrJson::Text => stdout(render_findings_text(&findings).as_bytes())?,
                TextOrJson::Json => stdout(json_line(&findings)?.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { db, format, out } => {
            let plans = load(&db.db).await?;
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
        Command::Serve {
            db,
            addr,
            secure_cookies,
        } => {
            let store = open_existing(&db.db).await?;
            serve(&store, addr, secure_cookies).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Record(cmd) => record::run(cmd).await,
        Command::Workbook(cmd) => workbook::run(cmd).await,
        Command::User(cmd) => cycle::user(cmd).await,
        Command::Cycle(cmd) => cycle::cycle(cmd).await,
        Command::Mail(cmd) => cycle::mail(cmd).await,
        Command::Package(cmd) => package::run(cmd).await,
        Command::Mapping(cmd) => mapping::run(cmd),
        Command::Remind { db, dry_run, today } => cycle::remind(db, today, dry_run).await,
        Command::History {
            db,
            record,
            plan,
            format,
        } => {
            let store = open_existing(&db.db).await?;
            history::print(&store, record, plan, format).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate { db } => {
            let store = open_existing(&db.db).await?;
            let report = store.migrate().await?;
            let version = store.schema_version().await?;
            stdout(
                format!(
                    "{}: schema version {version}{}\n",
                    shown(&db.db),
                    if report.from == report.to {
                        " (up to date)".to_owned()
                    } else {
                        format!(" (migrated from {})", report.from)
                    }
                )
                .as_bytes(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Copy { from, to } => {
            let source = open_existing(&from).await?;
            let target = open(&to).await?;
            let report = source
                .copy_to(&target)
                .await
                .with_context(|| format!("cannot copy into {}", shown(&to)))?;
            target.checkpoint().await?;
            stdout(
                format!(
                    "{} → {}: 計画{}件 エンティティ{}件 変更{}件 履歴{}件 取り込み{}件 診断{}件 \
                     アカウント{}件 APIトークン{}件 送信済み通知{}件 設定{}件 \
                     (セッションとログイン失敗の記録はコピーしない)\n",
                    shown(&from),
                    shown(&to),
                    report.plans,
                    report.entities,
                    report.changes,
                    report.events,
                    report.imports,
                    report.diagnostics,
                    report.accounts,
                    report.api_tokens,
                    report.notices,
                    report.settings
                )
                .as_bytes(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { db, addr, no_serve } => {
            let store = fresh(&db).await?;
            demo_import(&store).await?;
            let accounts = demo_cycle(&store).await?;
            let plans = plans(store.snapshot().await?.1);
            stdout(render_summary_text(&Summary::of(&plans)).as_bytes())?;
            stdout(format!("デモ用データベース: {}\n", shown(&db)).as_bytes())?;
            stdout(accounts.as_bytes())?;
            if !no_serve {
                serve(&store, addr, false).await?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Serves the web app until SIGTERM or Ctrl-C, following the database's changes, then
/// checkpoints the database.
async fn serve(store: &Store, addr: SocketAddr, secure_cookies: bool) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    stdout(format!("http://{local}/ で公開しています（Ctrl-C で終了）\n").as_bytes())?;
    shinchoku_web::serve(
        listener,
        StoreSource(store.clone()),
        shinchoku_web::ServeOptions {
            store: Some(store.clone()),
            secure_cookies,
            ..shinchoku_web::ServeOptions::default()
        },
    )
    .await?;
    store.checkpoint().await?;
    Ok(())
}

fn plans(stored: Vec<StoredPlan>) -> Vec<Plan> {
    stored.into_iter().map(|s| s.plan).collect()
}

/// The store as the web app's [`shinchoku_web::PlanSource`]: a snapshot at start, then the
/// change log.
struct StoreSource(Store);

fn source_error(e: shinchoku_store::StoreError) -> shinchoku_web::SourceError {
    shinchoku_web::SourceError::new(e.to_string())
}

impl shinchoku_web::PlanSource for StoreSource {
    async fn snapshot(&self) -> Result<(i64, Vec<StoredPlan>), shinchoku_web::SourceError> {
        self.0.snapshot().await.map_err(source_error)
    }

    async fn changed_since(
        &self,
        seq: i64,
    ) -> Result<(i64, Vec<shinchoku_core::PlanId>), shinchoku_web::SourceError> {
        let changed = self.0.changes_since(seq).await.map_err(source_error)?;
        Ok((changed.seq, changed.plans))
    }

    async fn load(
        &self,
        id: shinchoku_core::PlanId,
    ) -> Result<Option<StoredPlan>, shinchoku_web::SourceError> {
        self.0.load(id).await.map_err(source_error)
    }
}

/// A fiscal year as `2024` or `令和6年度` / `R6`.
fn parse_fiscal_year(s: &str) -> Result<shinchoku_core::FiscalYear, String> {
    let t = s.trim();
    let year = match t.parse::<i32>() {
        Ok(y) => Some(shinchoku_core::FiscalYear(y)),
        Err(_) => shinchoku_ingest::normalise::parse_fiscal_year(t),
    };
    match year {
        Some(y) if shinchoku_ingest::options::SANE_YEARS.contains(&y.0) => Ok(y),
        Some(y) => Err(format!("{} is not a plausible fiscal year", y.0)),
        None => Err(format!("`{s}` is not a fiscal year (2024, 令和6年度, R6)")),
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

/// A `--db` as messages show it (a PostgreSQL URL without its password).
fn shown(db: &Path) -> String {
    shinchoku_store::display_location(&db.to_string_lossy())
}

/// Opens a database, creating it when missing.
pub(crate) async fn open(path: &Path) -> Result<Store> {
    Store::open(path)
        .await
        .with_context(|| format!("cannot open database {}", shown(path)))
}

/// Opens an existing database; a missing file is an error (not a new database).
pub(crate) async fn open_existing(path: &Path) -> Result<Store> {
    Ok(Store::open_existing(path).await?)
}

/// Every plan of an existing database.
async fn load(path: &Path) -> Result<Vec<StoredPlan>> {
    Ok(open_existing(path).await?.snapshot().await?.1)
}

/// Creates an empty database at `path`, removing an old one and its WAL files (a PostgreSQL
/// database is opened as it is).
async fn fresh(path: &Path) -> Result<Store> {
    if path.to_str().is_some_and(shinchoku_store::is_database_url) {
        return open(path).await;
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    open(path).await
}

async fn demo_import(store: &Store) -> Result<()> {
    let actor = Actor::command_line("demo");
    for (name, bytes) in samples::SAMPLES {
        let doc = ImportedDocument::read(name, bytes).with_context(|| format!("sample {name}"))?;
        shinchoku_commands::import_document(store, &doc, &actor).await?;
    }
    Ok(())
}

/// Seeds one account per role for the first sample plan's municipality and opens the year
/// after its last one, so that the collection cycle can be tried at once. Returns what to
/// print: the logins and their (random) passwords.
async fn demo_cycle(store: &Store) -> Result<String> {
    use shinchoku_commands::accounts::{AccountSpec, add_account, set_password};
    use shinchoku_store::Role;
    let (_, stored) = store.snapshot().await?;
    let Some(plan) = stored
        .iter()
        .filter(|p| !p.plan.divisions.is_empty() && !p.plan.assignments.is_empty())
        .max_by_key(|p| p.plan.assignments.len())
    else {
        return Ok(String::new());
    };
    let municipality = plan.plan.municipality.name.clone();
    // The editor's division: the one with the most assigned measures.
    let mut per_division: std::collections::BTreeMap<&str, usize> = Default::default();
    for a in &plan.plan.assignments {
        *per_division.entry(a.division.as_str()).or_insert(0) += 1;
    }
    let division = per_division
        .iter()
        .max_by_key(|(_, n)| **n)
        .and_then(|(k, _)| plan.plan.division(&shinchoku_core::DivisionKey::new(*k)))
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let mut out = String::from("\nデモ用アカウント（パスワードは起動のたびに変わります）:\n");
    for (login, name, role, scope, divisions) in [
        (
            "jimukyoku",
            "事務局 担当者",
            Role::Admin,
            municipality.clone(),
            vec![],
        ),
        (
            "tantou",
            "担当課 担当者",
            Role::Editor,
            municipality.clone(),
            vec![division.clone()],
        ),
        (
            "iin",
            "推進協議会 委員",
            Role::Reviewer,
            municipality.clone(),
            vec![],
        ),
        (
            "kouiki",
            "広域 担当者",
            Role::Officer,
            "全国".to_owned(),
            vec![],
        ),
    ] {
        let password = cycle::generated_password()?;
        if store.account_by_login(login).await?.is_some() {
            // A PostgreSQL database is not recreated by `demo`: its demo account gets a new
            // password (and is printed with it) instead of failing as a duplicate.
            set_password(store, login, &password).await?;
        } else {
            add_account(
                store,
                AccountSpec {
                    login: login.into(),
                    display_name: name.into(),
                    email: Some(format!("{login}@example.jp")),
                    role,
                    scope: scope.clone(),
                    divisions: divisions.clone(),
                },
                &password,
            )
            .await?;
        }
        out.push_str(&format!(
            "  {:<10} {password}  {}（{scope}{}）\n",
            login,
            role.label_ja(),
            if divisions.is_empty() {
                String::new()
            } else {
                format!("・{}", divisions.join("、"))
            }
        ));
    }
    let next = plan
        .plan
        .fiscal_years
        .last()
        .map_or(shinchoku_core::FiscalYear(2025), |y| y.next());
    // Due on the next 31 May: in the future, so that nothing is overdue yet.
    let today = shinchoku_core::cycle::Date::of_unix_ms(shinchoku_commands::now_ms());
    let due_year = if today.month < 5 {
        today.year
    } else {
        today.year + 1
    };
    let due = shinchoku_core::cycle::Date::new(due_year, 5, 31)
        .ok_or_else(|| anyhow::anyhow!("no due date in {due_year}"))?;
    let opened = shinchoku_commands::cycle::open_year(
        store,
        plan.id,
        next,
        due,
        &Actor::command_line("demo"),
    )
    .await?;
    out.push_str(&format!(
        "  {}「{}」の{}を収集中（期限 {}、記録 {}件）。ログインは /login から。\n",
        municipality,
        plan.plan.title,
        next.display_ja(),
        due.display_ja(),
        opened.created
    ));
    Ok(out)
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
async fn import_files(
    store: &Store,
    files: &[PathBuf],
    min: MinSeverity,
    actor: &str,
    options: &shinchoku_ingest::ReadOptions,
    profile: Option<&shinchoku_ingest::mapping::Profile>,
) -> Result<usize> {
    let actor = Actor::command_line(actor);
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
        let line = match import_one(store, path, &name, &actor, options, profile).await {
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

async fn import_one(
    store: &Store,
    path: &Path,
    name: &str,
    actor: &Actor,
    options: &shinchoku_ingest::ReadOptions,
    profile: Option<&shinchoku_ingest::mapping::Profile>,
) -> Result<(String, Vec<Diagnostic>)> {
    let bytes = shinchoku_ingest::read_file_bounded(path, options.max_bytes)?;
    let doc = match profile {
        Some(profile) => ImportedDocument::read_mapped(name, &bytes, profile, options)
            .with_context(|| name.to_owned())?,
        None => ImportedDocument::read_with(name, &bytes, options)?,
    };
    let mut diagnostics = doc.diagnostics.clone();
    let layout_measures: usize = doc.plans.iter().map(|p| p.measures.len()).sum();
    let plan_count = doc.plans.len();
    let layout = doc.layout.clone();
    let report = shinchoku_commands::import_document(store, &doc, actor).await?;
    diagnostics.extend(report.merge_diagnostics.iter().cloned());
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
