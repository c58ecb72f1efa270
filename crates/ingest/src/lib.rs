//! Reading reports into the shinchoku model.
//!
//! * [`normalise`]: the text normalisers (digits, units, yen, eras, HTML fragments). Parsing
//!   goes through NFKC; original text is always kept beside parsed values.
//! * [`readers`]: one reader per report layout, and [`read_document`] which detects the
//!   layout and dispatches.
//!
//! This crate never touches the store: it returns plans and diagnostics.

pub mod checks;
pub mod diag;
pub mod mapping;
pub mod normalise;
pub mod options;
pub mod readers;
pub mod workbook;

pub use diag::{Diagnostic, Severity, printable};
pub use options::{DEFAULT_MAX_BYTES, ReadOptions, read_file_bounded};
pub use readers::{
    Import, Layout, ReadError, SourceText, detect_layout, read_document, read_document_with_layout,
    read_document_with_options,
};
