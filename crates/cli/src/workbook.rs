//! `shinchoku workbook export|upload`: the Excel round-trip of the yearly collection cycle.

use crate::{DbArg, open_existing, parse_fiscal_year, stdout};
use anyhow::{Context, Result};
use clap::Subcommand;
use shinchoku_commands::{Actor, UploadError, WorkbookUpload, apply_workbook};
use shinchoku_core::{FiscalYear, Provenance};
use shinchoku_ingest::ReadError;
use shinchoku_ingest::workbook::{WorkbookError, WorkbookLimits};
use shinchoku_report::workbook::{WorkbookScope, collection_workbook};
use shinchoku_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum WorkbookCommand {
    /// Write the collection workbook of a plan: one sheet per plan, one row per record of the
    /// fiscal year (the plan's open cycle, or --year), pre-filled, identifier columns locked,
    /// dropdowns for 取組状況 and 今後の方向性, 0–100 for 達成度, and a hidden version stamp.
    Export {
        #[command(flatten)]
        db: DbArg,
        /// The plan: its id, or its key (municipality/title); repeat for several plans.
        /// Every plan when omitted.
        #[arg(long)]
        plan: Vec<String>,
        /// Only this division's records (its name); every division when omitted (the
        /// secretariat's workbook).
        #[arg(long)]
        division: Option<String>,
        /// The fiscal year (2025, 令和7年度); the plan's open cycle when omitted.
        #[arg(long, value_parser = parse_fiscal_year)]
        year: Option<FiscalYear>,
        /// The file to write (.xlsx).
        #[arg(short = 'o', long = "out")]
        out: PathBuf,
    },
    /// Apply a filled-in workbook: every cell is checked against the plan; on any error
    /// nothing is written and every error is printed as シート名!セル: 説明 (exit status 1).
    /// Otherwise the changed records are written in one transaction as --as, and move to
    /// 入力中 (or 提出済 with --submit). Uploading the same file again changes nothing.
    /// Files over 20 MiB are refused before they are read.
    Upload {
        #[command(flatten)]
        db: DbArg,
        /// The workbook (.xlsx).
        file: PathBuf,
        /// Who uploads (recorded in the history).
        #[arg(long = "as")]
        actor: String,
        /// Also submit (提出) every record of the workbook.
        #[arg(long)]
        submit: bool,
    },
}

async fn find_plans(store: &Store, wanted: &[String]) -> Result<Vec<shinchoku_core::StoredPlan>> {
    if wanted.is_empty() {
        return Ok(store.snapshot().await?.1);
    }
    let mut out = Vec::new();
    for w in wanted {
        out.push(crate::cycle::find_plan(store, w).await?);
    }
    Ok(out)
}

pub async fn run(cmd: WorkbookCommand) -> Result<ExitCode> {
    match cmd {
        WorkbookCommand::Export {
            db,
            plan,
            division,
            year,
            out,
        } => {
            let store = open_existing(&db.db).await?;
            let plans = find_plans(&store, &plan).await?;
            let bytes = collection_workbook(
                &plans,
                WorkbookScope {
                    division: division.as_deref(),
                    fiscal_year: year,
                },
            )?;
            std::fs::write(&out, bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            stdout(format!("{}: 書き出しました\n", out.display()).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        WorkbookCommand::Upload {
            db,
            file,
            actor,
            submit,
        } => {
            let store = open_existing(&db.db).await?;
            let name = file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            // Read at most what an upload may be (the same limit the web upload has).
            let limit = WorkbookLimits::default().max_bytes;
            let bytes = match shinchoku_ingest::read_file_bounded(&file, limit) {
                Ok(bytes) => bytes,
                Err(ReadError::TooLarge { size, limit, .. }) => {
                    let e = WorkbookError::TooLarge {
                        size: size.unwrap_or(limit.saturating_add(1)),
                        limit,
                    };
                    eprintln!("{name}: {e}");
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.into()),
            };
            let actor = Actor {
                name: actor,
                provenance: Provenance::CommandLine,
            };
            let upload = WorkbookUpload {
                file_name: &name,
                bytes: &bytes,
                submit,
            };
            match apply_workbook(&store, upload, &actor, |_, _| true).await {
                Ok(outcome) => {
                    stdout(
                        format!(
                            "{name}: 記録 {} 件中 {} 件を更新（項目 {} 件、提出 {} 件）\n",
                            outcome.records,
                            outcome.changed.len(),
                            outcome.fields,
                            outcome.submitted
                        )
                        .as_bytes(),
                    )?;
                    store.checkpoint().await?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(UploadError::Cells(errors)) => {
                    for e in &errors {
                        eprintln!("{e}");
                    }
                    eprintln!(
                        "{name}: {} 件の誤りがあるため、何も取り込みませんでした",
                        errors.len()
                    );
                    Ok(ExitCode::from(1))
                }
                Err(e @ (UploadError::File(_) | UploadError::Conflict)) => {
                    eprintln!("{name}: {e}");
                    Ok(ExitCode::from(1))
                }
                Err(UploadError::Command(e)) => Err(e.into()),
            }
        }
    }
}
