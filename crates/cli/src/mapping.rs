//! `shinchoku mapping suggest`: a draft mapping profile for a spreadsheet.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The largest profile read (a profile is a few kilobytes).
pub const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, clap::Subcommand)]
pub enum MappingCommand {
    /// Draft a mapping profile for a spreadsheet (CSV/TSV, XLSX, ODS) and print it as TOML.
    ///
    /// The draft names the sheet, the header row(s) and, for every column, the field it was
    /// mapped to with a confidence and the reason (TOML comments); lines marked 要確認 need a
    /// look. Save it, check it, then `shinchoku import --mapping profile.toml FILE`. Fields:
    /// docs/mapping.md.
    Suggest {
        /// The sheet of a workbook (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = shinchoku_ingest::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// The spreadsheet.
        file: PathBuf,
    },
}

pub fn run(cmd: MappingCommand) -> Result<ExitCode> {
    match cmd {
        MappingCommand::Suggest {
            sheet,
            max_bytes,
            file,
        } => {
            let bytes = shinchoku_ingest::read_file_bounded(&file, max_bytes)?;
            let name = file_name(&file);
            let options = shinchoku_ingest::mapping::suggest::SuggestOptions {
                sheet,
                max_bytes: Some(max_bytes),
            };
            let text = shinchoku_ingest::mapping::suggest(&name, &bytes, &options)
                .with_context(|| name.clone())?;
            crate::stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads and checks a profile file.
pub fn load_profile(path: &Path) -> Result<shinchoku_ingest::mapping::Profile> {
    let bytes = shinchoku_ingest::read_file_bounded(path, MAX_PROFILE_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: the profile is not UTF-8", path.display()))?;
    shinchoku_ingest::mapping::Profile::from_toml(&text)
        .with_context(|| format!("{}", path.display()))
}
