//! The living-store benchmarks of BENCHMARKS.md (issue 8), on the synthetic corpus in a SQLite
//! file, through the commands layer as `shinchoku import` and `shinchoku record set` use it:
//!
//! * **Yearly re-import.** The corpus (`generate(N, seed)`) is written to report files and
//!   imported into a fresh database; then the same files again (nothing may be written); then
//!   "next year's values" (`generate_next_year`: the same reports with a fraction of the yen
//!   amounts and counted outputs changed, plan keys unchanged); then those files again. Per
//!   step: wall time, throughput, what changed, rows added to `event` and `change`, bytes the
//!   process passed to `write` (WAL and checkpoint; `/proc/self/io` `wchar`), database growth
//!   (`page_count` × `page_size` after a checkpoint) and the WAL before that checkpoint.
//!   Anchored with `cat` of the same files, timed in the same run.
//! * **`record set` latency to served value.** `--record-sets` sequential
//!   `set_record_fields` of one field (`result_text`) of records picked at random, each timed
//!   from the call until `Store::changes_since` reports the plan and `Store::load` shows the
//!   new value (what a server's follower does), with p50 / p99; and the end-to-end figure a
//!   follower polling every `--poll-ms` adds to it (the change lands at a uniformly random
//!   point of the poll interval).
//!
//! ```sh
//! cargo run --release -p shinchoku-bench --bin shinchoku-living-bench -- --municipalities 1000
//! ```

use anyhow::{Context, Result, bail};
use clap::Parser;
use shinchoku_bench::{
    SplitMix64, bytes_written_by_process, generate, generate_next_year, median, ms, percentile,
    time_cat,
};
use shinchoku_commands::{
    Actor, ImportOutcome, ImportedDocument, RecordField, import_document, set_record_fields,
};
use shinchoku_core::{EntityId, Identities, PlanId, RecordKey};
use shinchoku_store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Parser)]
#[command(about = "Benchmarks the living store: yearly re-import and record set latency")]
struct Args {
    /// Municipalities in the synthetic corpus (one report each).
    #[arg(long, default_value_t = 1000)]
    municipalities: usize,
    /// Seed of the corpus generator.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
    /// Seed of next year's changes.
    #[arg(long, default_value_t = 2025)]
    change_seed: u64,
    /// Fraction of the amounts and counts that change from one year to the next.
    #[arg(long, default_value_t = 0.1)]
    changed: f64,
    /// Repetitions of the re-import cycle, each on a fresh database (medians are reported).
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Repetitions of each `cat` (the median is reported).
    #[arg(long, default_value_t = 5)]
    cat_runs: usize,
    /// Sequential `record set` calls timed.
    #[arg(long, default_value_t = 200)]
    record_sets: usize,
    /// The poll interval of a server's follower, for the end-to-end figure.
    #[arg(long, default_value_t = 250)]
    poll_ms: u64,
    /// Skip the re-import and time `record set` on this database (a copy is not made: the
    /// records are changed in it).
    #[arg(long)]
    db: Option<PathBuf>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run(args))
}

/// What the database holds, read on a connection of its own.
#[derive(Debug, Clone, Copy, Default)]
struct DbStats {
    /// `page_count` × `page_size`.
    pages_bytes: u64,
    events: i64,
    changes: i64,
}

fn wal_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

fn db_stats(db: &Path) -> Result<DbStats> {
    let conn = rusqlite::Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", db.display()))?;
    let page_count: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let events: i64 = conn.query_row("SELECT count(*) FROM event", [], |r| r.get(0))?;
    let changes: i64 = conn.query_row("SELECT count(*) FROM change", [], |r| r.get(0))?;
    Ok(DbStats {
        pages_bytes: u64::try_from(page_count.saturating_mul(page_size)).unwrap_or(0),
        events,
        changes,
    })
}

/// What importing a set of files did.
#[derive(Debug, Clone, Copy, Default)]
struct Imported {
    created: usize,
    updated: usize,
    unchanged: usize,
    changed_entities: usize,
}

async fn import_files(store: &Store, files: &[PathBuf], actor: &Actor) -> Result<Imported> {
    let mut out = Imported::default();
    for path in files {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = ImportedDocument::read(&name, &bytes).with_context(|| name.clone())?;
        let report = import_document(store, &doc, actor)
            .await
            .with_context(|| name.clone())?;
        for plan in report.plans {
            match plan.outcome {
                ImportOutcome::Created => out.created += 1,
                ImportOutcome::Updated => out.updated += 1,
                ImportOutcome::Unchanged => out.unchanged += 1,
            }
            out.changed_entities += plan.changed_entities;
        }
    }
    Ok(out)
}

/// Reading and parsing the files alone (no store), for comparison.
fn read_files(files: &[PathBuf]) -> Result<usize> {
    let mut plans = 0;
    for path in files {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        plans += ImportedDocument::read(&name, &bytes)
            .with_context(|| name.clone())?
            .plans
            .len();
    }
    Ok(plans)
}

/// Where the time of an import goes, measured without writing: read + parse, load the stored
/// plan of each key, merge, diff (what `import_document` does before it applies).
#[derive(Debug, Clone, Copy, Default)]
struct Breakdown {
    read: Duration,
    load: Duration,
    merge: Duration,
    diff: Duration,
}

async fn breakdown(store: &Store, files: &[PathBuf]) -> Result<Breakdown> {
    let mut out = Breakdown::default();
    for path in files {
        let start = Instant::now();
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = ImportedDocument::read(&name, &bytes).with_context(|| name.clone())?;
        out.read += start.elapsed();
        for plan in doc.plans {
            let start = Instant::now();
            let stored = store.load_by_key(&plan.key()).await?;
            out.load += start.elapsed();
            let start = Instant::now();
            let target = match &stored {
                Some(s) => shinchoku_core::merge::merge(s.plan.clone(), plan),
                None => plan,
            };
            out.merge += start.elapsed();
            let start = Instant::now();
            shinchoku_core::changes::diff(stored.as_ref(), &target, &Identities::default())?;
            out.diff += start.elapsed();
        }
    }
    Ok(out)
}

/// One timed step of the re-import cycle.
#[derive(Debug, Clone, Copy, Default)]
struct Step {
    time: Duration,
    checkpoint: Duration,
    imported: Imported,
    /// Bytes passed to `write` during the import and its checkpoint.
    written: Option<u64>,
    before: DbStats,
    /// Just before the checkpoint.
    wal_peak: u64,
    after: DbStats,
}

async fn step(store: &Store, db: &Path, files: &[PathBuf], actor: &Actor) -> Result<Step> {
    let before = db_stats(db)?;
    let w0 = bytes_written_by_process();
    let start = Instant::now();
    let imported = import_files(store, files, actor).await?;
    let time = start.elapsed();
    let wal_peak = std::fs::metadata(wal_path(db)).map_or(0, |m| m.len());
    let start = Instant::now();
    store.checkpoint().await?;
    let checkpoint = start.elapsed();
    let written = bytes_written_by_process()
        .zip(w0)
        .map(|(b, a)| b.saturating_sub(a));
    let after = db_stats(db)?;
    Ok(Step {
        time,
        checkpoint,
        imported,
        written,
        before,
        wal_peak,
        after,
    })
}

fn write_corpus(dir: &Path, corpus: &[shinchoku_bench::SyntheticReport]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut files = Vec::with_capacity(corpus.len());
    for report in corpus {
        let path = dir.join(&report.file_name);
        std::fs::write(&path, &report.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        files.push(path);
    }
    Ok(files)
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

fn mb_s(bytes: u64, d: Duration) -> String {
    format!("{:.1}", bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9))
}

fn median_cat(files: &[PathBuf], runs: usize) -> Result<Duration> {
    let mut samples = Vec::new();
    for _ in 0..runs.max(1) {
        samples.push(time_cat(files)?);
    }
    Ok(median(samples))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}

async fn run(args: Args) -> Result<()> {
    let actor = Actor::command_line("shinchoku-living-bench");
    if let Some(db) = &args.db {
        let store = Store::open_existing(db)
            .await
            .with_context(|| format!("cannot open database {}", db.display()))?;
        return record_set_latency(&args, &store, db, &actor).await;
    }
    let n = args.municipalities;
    let work = tempfile::tempdir()?;
    let first = generate(n, args.seed);
    let next = generate_next_year(n, args.seed, args.change_seed, args.changed);
    let changed_files = first
        .iter()
        .zip(&next)
        .filter(|(a, b)| a.text != b.text)
        .count();
    let changed_lines: usize = first
        .iter()
        .zip(&next)
        .map(|(a, b)| {
            a.text
                .lines()
                .zip(b.text.lines())
                .filter(|(x, y)| x != y)
                .count()
        })
        .sum();
    let lines: usize = first.iter().map(|r| r.text.lines().count()).sum();
    let first_files = write_corpus(&work.path().join("year1"), &first)?;
    let next_files = write_corpus(&work.path().join("year2"), &next)?;
    let first_bytes: u64 = first.iter().map(|r| r.text.len() as u64).sum();
    let next_bytes: u64 = next.iter().map(|r| r.text.len() as u64).sum();
    drop((first, next));

    println!(
        "## Yearly re-import: {n} municipalities, {} MB a year, {} run(s), load {} at the start\n",
        mb(first_bytes),
        args.runs.max(1),
        load_average()
    );
    println!(
        "Next year: {:.0} % of the amounts and counts changed (seed {}): {changed_files} of \
         {n} files, {changed_lines} of {lines} lines differ.\n",
        args.changed * 100.0,
        args.change_seed
    );

    let cat_first = median_cat(&first_files, args.cat_runs)?;
    let cat_next = median_cat(&next_files, args.cat_runs)?;
    let start = Instant::now();
    let plans_read = read_files(&first_files)?;
    let read_only = start.elapsed();

    let mut runs: Vec<[Step; 4]> = Vec::new();
    let mut parts = Vec::new();
    let mut last_db = None;
    for i in 0..args.runs.max(1) {
        let db = work.path().join(format!("run{i}.db"));
        let store = Store::open(&db).await?;
        store.checkpoint().await?;
        let a = step(&store, &db, &first_files, &actor).await?;
        let b = step(&store, &db, &first_files, &actor).await?;
        parts.push(breakdown(&store, &next_files).await?);
        let c = step(&store, &db, &next_files, &actor).await?;
        let d = step(&store, &db, &next_files, &actor).await?;
        eprintln!(
            "run {i}: first {:.2} s, same {:.2} s, next year {:.2} s, same {:.2} s",
            a.time.as_secs_f64(),
            b.time.as_secs_f64(),
            c.time.as_secs_f64(),
            d.time.as_secs_f64()
        );
        runs.push([a, b, c, d]);
        last_db = Some((store, db));
    }
    let Some(last) = runs.last().copied() else {
        bail!("no run");
    };
    let med = |k: usize, f: fn(&Step) -> Duration| median(runs.iter().map(|r| f(&r[k])).collect());

    println!(
        "| step | time (s) | MB/s | × cat | plans created / updated / unchanged | entities changed | `event` rows added | `change` rows added | written (MB) | DB growth (MB) | WAL before checkpoint (MB) | checkpoint (ms) |"
    );
    println!("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| `cat` of the year-1 files | {:.3} | {} | 1 | | | | | | | | |",
        cat_first.as_secs_f64(),
        mb_s(first_bytes, cat_first)
    );
    println!(
        "| `cat` of the year-2 files | {:.3} | {} | | | | | | | | | |",
        cat_next.as_secs_f64(),
        mb_s(next_bytes, cat_next)
    );
    println!(
        "| read + parse only, no store ({plans_read} plans) | {:.2} | {} | {:.0} | | | | | | | | |",
        read_only.as_secs_f64(),
        mb_s(first_bytes, read_only),
        read_only.as_secs_f64() / cat_first.as_secs_f64().max(1e-9)
    );
    let labels = [
        "first import, fresh database",
        "the same files again",
        "next year's files",
        "next year's files again",
    ];
    for (k, label) in labels.iter().enumerate() {
        let s = &last[k];
        let time = med(k, |s| s.time);
        let bytes = if k < 2 { first_bytes } else { next_bytes };
        let cat = if k < 2 { cat_first } else { cat_next };
        println!(
            "| {label} | {:.2} | {} | {:.0} | {} / {} / {} | {} | {} | {} | {} | {:+.1} | {} | {} |",
            time.as_secs_f64(),
            mb_s(bytes, time),
            time.as_secs_f64() / cat.as_secs_f64().max(1e-9),
            s.imported.created,
            s.imported.updated,
            s.imported.unchanged,
            s.imported.changed_entities,
            s.after.events - s.before.events,
            s.after.changes - s.before.changes,
            s.written.map_or_else(|| "?".into(), mb),
            (s.after.pages_bytes as f64 - s.before.pages_bytes as f64) / 1e6,
            mb(s.wal_peak),
            ms(med(k, |s| s.checkpoint)),
        );
    }
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
    let [first_step, same_step, next_step, same_next] = last;
    println!();
    println!(
        "Re-import / first import: time {:.2}, bytes written {:.2}, `event` rows {:.3}. \
         Same files again: {} and {} ms, `change` log grew by {} and {} rows, {} and {} bytes written.",
        ratio(
            med(2, |s| s.time).as_secs_f64(),
            med(0, |s| s.time).as_secs_f64()
        ),
        ratio(
            next_step.written.unwrap_or(0) as f64,
            first_step.written.unwrap_or(0) as f64
        ),
        ratio(
            (next_step.after.events - next_step.before.events) as f64,
            (first_step.after.events - first_step.before.events) as f64
        ),
        ms(med(1, |s| s.time)),
        ms(med(3, |s| s.time)),
        same_step.after.changes - same_step.before.changes,
        same_next.after.changes - same_next.before.changes,
        same_step
            .written
            .map_or_else(|| "?".into(), |b| b.to_string()),
        same_next
            .written
            .map_or_else(|| "?".into(), |b| b.to_string()),
    );
    let part = |f: fn(&Breakdown) -> Duration| median(parts.iter().map(f).collect());
    let (read, load, merge, diff) = (
        part(|b| b.read),
        part(|b| b.load),
        part(|b| b.merge),
        part(|b| b.diff),
    );
    let next_time = med(2, |s| s.time);
    println!(
        "Next year's import, where the time goes (measured apart, without writing, on the \
         database after the first year): read + parse {:.2} s, `load_by_key` of each plan \
         {:.2} s, merge {:.2} s, diff {:.2} s; the rest (apply, transactions, retries) {:.2} s \
         of {:.2} s.\n",
        read.as_secs_f64(),
        load.as_secs_f64(),
        merge.as_secs_f64(),
        diff.as_secs_f64(),
        next_time
            .saturating_sub(read + load + merge + diff)
            .as_secs_f64(),
        next_time.as_secs_f64()
    );
    println!(
        "Database after both years: {} MB, {} events, {} changes.\n",
        mb(last[3].after.pages_bytes),
        last[3].after.events,
        last[3].after.changes
    );
    let Some((store, db)) = last_db else {
        bail!("no run");
    };
    record_set_latency(&args, &store, &db, &actor).await
}

async fn record_set_latency(args: &Args, store: &Store, db: &Path, actor: &Actor) -> Result<()> {
    let (mut seq, stored) = store.snapshot().await?;
    let mut records: Vec<(PlanId, EntityId, RecordKey)> = Vec::new();
    for s in &stored {
        for r in &s.plan.records {
            let key = RecordKey::of(r);
            if let Some(meta) = s.ids.record(&key) {
                records.push((s.id, meta.id, key));
            }
        }
    }
    let plans = stored.len();
    drop(stored);
    if records.is_empty() {
        bail!("the database holds no records");
    }
    let db_bytes = std::fs::metadata(db).map_or(0, |m| m.len());
    let cat_db = median_cat(&[db.to_owned()], args.cat_runs)?;
    let mut rng = SplitMix64::new(args.seed ^ 0x5EED);
    let (mut set, mut seen, mut loaded, mut total) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut polls = 0usize;
    let load_at_start = load_average();
    for i in 0..args.record_sets.max(1) {
        let pick = usize::try_from(rng.next_u64() % records.len() as u64).unwrap_or(0);
        let Some((plan, record, key)) = records.get(pick) else {
            continue;
        };
        let value = format!("記録更新ベンチ {i}: 相談件数 {}件", rng.next_u64() % 1000);
        let start = Instant::now();
        set_record_fields(
            store,
            *record,
            &[(RecordField::ResultText, value.clone())],
            None,
            actor,
        )
        .await
        .with_context(|| format!("record set {record}"))?;
        let t_set = start.elapsed();
        loop {
            polls += 1;
            let changes = store.changes_since(seq).await?;
            seq = changes.seq;
            if changes.plans.contains(plan) {
                break;
            }
            if start.elapsed() > Duration::from_secs(10) {
                bail!("the change of plan {plan} never showed in the change log");
            }
        }
        let t_seen = start.elapsed();
        let stored = store
            .load(*plan)
            .await?
            .with_context(|| format!("plan {plan} is gone"))?;
        let shown = stored
            .plan
            .records
            .iter()
            .find(|r| RecordKey::of(r) == *key)
            .and_then(|r| r.result_text.as_deref());
        let t_total = start.elapsed();
        if shown != Some(value.as_str()) {
            bail!("plan {plan} does not show the new value of record {record}: {shown:?}");
        }
        set.push(t_set);
        seen.push(t_seen - t_set);
        loaded.push(t_total - t_seen);
        total.push(t_total);
    }
    // A follower polling every `poll_ms` sees a change at a uniformly random point of its
    // interval: each measured time plus 100 evenly spaced waits in [0, poll).
    let poll = Duration::from_millis(args.poll_ms);
    let end_to_end: Vec<Duration> = total
        .iter()
        .flat_map(|t| (0..100u32).map(move |k| *t + poll * (2 * k + 1) / 200))
        .collect();
    let n = total.len();
    println!(
        "## `record set` latency to served value: {n} sequential sets of `result_text`, {} records of {plans} plans, load {load_at_start} at the start\n",
        records.len()
    );
    println!("| step | p50 (ms) | p99 (ms) | max (ms) | mean (ms) |");
    println!("|---|---:|---:|---:|---:|");
    let row = |label: &str, samples: &[Duration]| {
        let mean =
            samples.iter().sum::<Duration>() / u32::try_from(samples.len().max(1)).unwrap_or(1);
        println!(
            "| {label} | {} | {} | {} | {} |",
            ms(percentile(samples.to_vec(), 50.0)),
            ms(percentile(samples.to_vec(), 99.0)),
            ms(percentile(samples.to_vec(), 100.0)),
            ms(mean)
        );
    };
    row("`set_record_fields` (read, check, apply)", &set);
    row("`changes_since` reports the plan", &seen);
    row("`load` of the plan shows the value", &loaded);
    row("**apply + reload**", &total);
    row(
        &format!("end to end with a {} ms poll (expected)", args.poll_ms),
        &end_to_end,
    );
    println!(
        "\n`changes_since` calls: {polls} for {n} sets. Anchor: `cat` of the database file ({} MB) {} ms, {} MB/s.",
        mb(db_bytes),
        ms(cat_db),
        mb_s(db_bytes, cat_db)
    );
    Ok(())
}
