//! What the caller knows better than the document, and reading files with limits.
//!
//! [`ReadOptions`] overrides what a reader would otherwise infer (the municipality, the
//! fiscal year) and bounds the input; [`read_file_bounded`] reads a file without trusting it:
//! only regular files, never more than the limit.

use crate::readers::ReadError;
use shinchoku_core::FiscalYear;
use std::io::Read;
use std::path::Path;

/// The default input limit: 64 MiB, far above any report (the largest sample is 160 KB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The fiscal years a document may name: anything outside is a misreading or hostile input.
pub const SANE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Options of [`crate::read_document_with_options`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The municipality the document belongs to (`shinchoku import --municipality`); replaces
    /// what the reader reads or infers from the text (a `municipality-given` diagnostic says
    /// when they differ).
    pub municipality: Option<String>,
    /// The fiscal year the document reports on (`--fiscal-year`): the latest year with
    /// results. When the reader took another one from the document, every year of the plan is
    /// moved by the difference (a `fiscal-year-given` warning says so).
    pub fiscal_year: Option<FiscalYear>,
    /// Documents longer than this are refused ([`ReadError::TooLarge`]).
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            municipality: None,
            fiscal_year: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// What a path is, in words, for an error message.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Reads a whole file of at most `max_bytes` bytes.
///
/// Refuses, before opening it, anything that is not a regular file (a FIFO would block, a
/// device such as `/dev/zero` never ends); refuses a file whose size is over the limit; and
/// reads through [`Read::take`]`(max_bytes + 1)`, so a file that grows while it is read cannot
/// exceed the limit either. Symbolic links are followed (the target is checked).
pub fn read_file_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let file = crate::diag::printable(&path.display().to_string()).into_owned();
    let io = |e: std::io::Error| ReadError::Io {
        file: file.clone(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegularFile {
            file: file.clone(),
            kind: kind_of(&meta.file_type()).to_owned(),
        });
    }
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge {
            file: file.clone(),
            size: Some(meta.len()),
            limit: max_bytes,
        });
    }
    let handle = std::fs::File::open(path).map_err(io)?;
    // The file may have been swapped between the check and the open.
    let opened = handle.metadata().map_err(io)?;
    if !opened.file_type().is_file() {
        return Err(ReadError::NotRegularFile {
            file: file.clone(),
            kind: kind_of(&opened.file_type()).to_owned(),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(max_bytes)).unwrap_or(0));
    handle
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max_bytes {
        return Err(ReadError::TooLarge {
            file,
            size: None,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_directories_are_refused() {
        let dir = std::env::temp_dir();
        assert!(matches!(
            read_file_bounded(&dir, 10),
            Err(ReadError::NotRegularFile { .. })
        ));
        #[cfg(unix)]
        match read_file_bounded(Path::new("/dev/zero"), 10) {
            Err(ReadError::NotRegularFile { kind, .. }) => assert_eq!(kind, "a character device"),
            other => panic!("{other:?}"),
        }
    }
}
