//! Per-query CPU time of searches that were not asked before (no page cache), over the
//! synthetic corpus: the search index alone (`SearchIndex::search`) and the whole search page
//! (`GET /search?q=…` through the app's router, a distinct URI per request so that the page
//! cache never answers). Many 1- and 2-character queries plus a few longer ones; prints, per
//! query, the median CPU time of `--runs` repetitions and, at the end, the medians over the
//! queries of each length as a Markdown table.
//!
//! CPU time is the thread's own (`/proc/thread-self/schedstat`; wall time where that file is
//! missing): the benchmark runs on one thread, so other processes on a shared machine do not
//! count, as they would in wall time.
//!
//! ```sh
//! cargo run --release -p shinchoku-bench --bin shinchoku-synth -- --db /tmp/corpus.db
//! SHINCHOKU_PAGE_CACHE=0 cargo run --release -p shinchoku-bench --bin shinchoku-search-bench -- \
//!     --db /tmp/corpus.db
//! ```

use anyhow::{Context, Result, bail};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use clap::Parser;
use http_body_util::BodyExt;
use shinchoku_bench::{generate, median, ms};
use shinchoku_commands::{Actor, ImportedDocument, import_document};
use shinchoku_store::Store;
use shinchoku_web::{AppState, Catalog, SearchQuery};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The queries: 1-character, 2-character (the common case in Japanese), then longer ones and
/// two-term queries. Every one occurs in the synthetic corpus except the last few, which
/// measure a miss.
const QUERIES: &[&str] = &[
    "相",
    "談",
    "者",
    "援",
    "心",
    "市",
    "年",
    "課",
    "命",
    "研",
    "窓",
    "d", //
    "相談",
    "高齢",
    "支援",
    "自殺",
    "対策",
    "健康",
    "研修",
    "啓発",
    "地域",
    "推進",
    "実施",
    "事業",
    "計画",
    "家庭",
    "職員",
    "講座",
    "窓口",
    "周知",
    "連携",
    "こころ",
    "dv",
    "児童",
    "相談支援",
    "高齢者",
    "相談窓口",
    "ゲートキーパー",
    "相談 支援",
    "自殺 対策 研修",
    "該当なし語",
    "ωψ",
];

#[derive(Debug, Parser)]
#[command(about = "CPU time per uncached search over the synthetic corpus")]
struct Args {
    /// A database written by `shinchoku-synth --db` (otherwise the corpus is generated and
    /// imported into a temporary database first, which takes a while).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Municipalities of the generated corpus (without --db).
    #[arg(long, default_value_t = 1000)]
    municipalities: usize,
    /// Seed of the corpus generator (without --db).
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// Batches of each query (the median is reported; a batch runs the query for ~30 ms).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Hits the index is asked for (the search page asks for its own number).
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Only these queries (repeatable; default: the built-in list).
    #[arg(long = "query")]
    queries: Vec<String>,
    /// Print one line per query as well.
    #[arg(long)]
    verbose: bool,
}

/// CPU time this thread has used so far.
fn thread_cpu() -> Duration {
    static START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| START.elapsed(), Duration::from_nanos)
}

fn cpu<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = thread_cpu();
    let value = f();
    (thread_cpu().saturating_sub(start), value)
}

/// CPU time of one call of `f`: the median over `runs` batches, each of as many calls as take
/// about 30 ms (the CPU clock of some kernels only advances by scheduler ticks of 4 ms).
/// Returns the last call's value too.
fn measure<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<(T, Duration)> {
    let start = Instant::now();
    let mut value = f()?; // warm-up, and the size of a batch
    let once = start.elapsed().max(Duration::from_micros(1));
    let batch = (Duration::from_millis(30).as_nanos() / once.as_nanos()).clamp(1, 2000);
    let batch = u32::try_from(batch).unwrap_or(1);
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = thread_cpu();
        for _ in 0..batch {
            value = f()?;
        }
        samples.push(thread_cpu().saturating_sub(start) / batch);
    }
    Ok((value, median(samples)))
}

async fn with_ids(store: &Store) -> Result<Vec<(i64, shinchoku_core::Plan)>> {
    let (_, stored) = store.snapshot().await?;
    Ok(stored.into_iter().map(|s| (s.id.0, s.plan)).collect())
}

async fn load(args: &Args) -> Result<Vec<(i64, shinchoku_core::Plan)>> {
    if let Some(db) = &args.db {
        if !db.exists() {
            bail!("database {} does not exist", db.display());
        }
        let store = Store::open_existing(db)
            .await
            .with_context(|| format!("cannot open database {}", db.display()))?;
        return with_ids(&store).await;
    }
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path().join("corpus.db")).await?;
    let actor = Actor::command_line("shinchoku-search-bench");
    for report in generate(args.municipalities, args.seed) {
        let doc = ImportedDocument::read(&report.file_name, report.text.as_bytes())
            .with_context(|| report.file_name.clone())?;
        import_document(&store, &doc, &actor)
            .await
            .with_context(|| report.file_name.clone())?;
    }
    with_ids(&store).await
}

/// Percent-encodes a query for a URI.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Picks the rows of one group of the summary.
type RowFilter = fn(&Row<'_>) -> bool;

struct Row<'a> {
    query: &'a str,
    chars: usize,
    total: usize,
    index: Duration,
    page: Duration,
    bytes: usize,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let runs = args.runs.max(1);
    if std::env::var("SHINCHOKU_PAGE_CACHE").map_or(true, |v| v.trim() != "0") {
        eprintln!(
            "note: run with SHINCHOKU_PAGE_CACHE=0 so that no page is stored either (the page \
             cache is bounded: once full it stops storing, which would make later pages cheaper)"
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let wall = Instant::now();
    let plans = runtime.block_on(load(&args))?;
    eprintln!(
        "{} plans loaded in {:.1} s",
        plans.len(),
        wall.elapsed().as_secs_f64()
    );
    let (build, catalog) = cpu(|| Catalog::new(plans));
    eprintln!("catalog with search index built in {} ms of CPU", ms(build));
    // No page cache: every request is rendered (the cache ignores unknown parameters, so a
    // distinct URI would not keep it out).
    let state = AppState::with_cache_limit(catalog, 0);
    let app = shinchoku_web::router(state.clone());
    let mut rows = Vec::new();
    let mut request = 0u64;
    let queries: Vec<&str> = if args.queries.is_empty() {
        QUERIES.to_vec()
    } else {
        args.queries.iter().map(String::as_str).collect()
    };
    for query in queries {
        let catalog = state.catalog();
        let q = SearchQuery {
            text: query.to_owned(),
            limit: args.limit,
            ..SearchQuery::default()
        };
        let (total, index) = measure(runs, || {
            catalog
                .search()
                .search(&q)
                .map(|r| r.total)
                .map_err(|e| anyhow::anyhow!("{query}: {e}"))
        })?;
        let (bytes, page) = measure(runs, || {
            request += 1;
            // The page cache is off (above); the parameter only tells requests apart in logs.
            let uri = format!("/search?q={}&bench={request}", encode(query));
            runtime.block_on(async {
                let response = app
                    .clone()
                    .oneshot(Request::get(&uri).body(Body::empty())?)
                    .await?;
                let status = response.status();
                let body = response.into_body().collect().await?.to_bytes();
                if status != StatusCode::OK {
                    bail!("{uri}: {status}");
                }
                Ok(body.len())
            })
        })?;
        let row = Row {
            query,
            chars: query.chars().count(),
            total,
            index,
            page,
            bytes,
        };
        if args.verbose {
            eprintln!(
                "{:<16} {:>6} hits  index {:>8} ms  page {:>8} ms  {:>7} bytes",
                row.query,
                row.total,
                ms(row.index),
                ms(row.page),
                row.bytes
            );
        }
        rows.push(row);
    }
    println!(
        "{} queries × {runs} batches of ~30 ms, index limit {}; CPU time of this thread per query, median of the batches",
        rows.len(),
        args.limit
    );
    println!();
    println!("| query | hits | index (ms) | page (ms) | page bytes |");
    println!("|---|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.query,
            r.total,
            ms(r.index),
            ms(r.page),
            r.bytes
        );
    }
    println!();
    println!("| queries | n | median index (ms) | median page (ms) | median page bytes |");
    println!("|---|---:|---:|---:|---:|");
    let groups: [(&str, RowFilter); 4] = [
        ("1 character", |r| r.chars == 1),
        ("2 characters", |r| r.chars == 2),
        ("longer / several terms", |r| r.chars > 2),
        ("all", |_| true),
    ];
    for (name, pick) in groups {
        let chosen: Vec<&Row> = rows.iter().filter(|r| pick(r)).collect();
        let mut bytes: Vec<usize> = chosen.iter().map(|r| r.bytes).collect();
        bytes.sort_unstable();
        println!(
            "| {name} | {} | {} | {} | {} |",
            chosen.len(),
            ms(median(chosen.iter().map(|r| r.index).collect())),
            ms(median(chosen.iter().map(|r| r.page).collect())),
            bytes.get(bytes.len() / 2).copied().unwrap_or(0)
        );
    }
    Ok(())
}
