//! Report readers: one module per layout, and the dispatcher.
//!
//! # The reader contract
//!
//! Each layout module exposes
//!
//! * `pub fn detect(text: &str) -> bool` — true only for its own layout. It must be specific:
//!   every seed document is claimed by exactly one reader (tested in
//!   `tests/all_seeds_detect.rs`).
//! * `pub fn read(src: &SourceText) -> Result<Import, ReadError>` — reads the whole document.
//!
//! and obeys these rules:
//!
//! * Every source line ends up in the model or in a [`Diagnostic`] (file:line, what was
//!   ambiguous, what was decided). Nothing is silently dropped.
//! * Nothing derived from input may panic: no `unwrap`, `expect`, or unchecked indexing.
//! * Keys are deterministic functions of the source, so re-importing the same document yields
//!   identical plans.
//! * `ReadError` is for a document that cannot be read at all (wrong layout, no table found);
//!   problems with single rows or cells are diagnostics.
//! * The plan's `sources` names the document ([`SourceText::document`]) and its
//!   `fiscal_years` is filled ([`shinchoku_core::Plan::refresh_fiscal_years`]).

pub mod json;
pub mod kawaguchi_eval;
pub mod kawaguchi_list;
pub mod kiyose;
pub mod kumagaya;
pub mod otaru;

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};
use shinchoku_core::{Location, Plan, SourceDocument};
use std::fmt;

/// A decoded document handed to a reader.
#[derive(Debug, Clone, Copy)]
pub struct SourceText<'a> {
    /// File name without directories (used in every [`Location`]).
    pub file_name: &'a str,
    pub text: &'a str,
    /// Hex SHA-256 of the original bytes.
    pub sha256: &'a str,
}

impl<'a> SourceText<'a> {
    /// The location of a 1-based line of this document.
    pub fn loc(&self, line: usize) -> Location {
        Location::new(self.file_name, u32::try_from(line).unwrap_or(u32::MAX))
    }

    /// The location of a field on a 1-based line.
    pub fn loc_field(&self, line: usize, field: impl Into<String>) -> Location {
        self.loc(line).with_field(field)
    }

    /// The [`SourceDocument`] entry for a plan read from this text.
    pub fn document(&self, title: impl Into<String>, layout: Layout) -> SourceDocument {
        SourceDocument::new(self.file_name, title, layout.name(), self.sha256)
    }

    /// Lines with their 1-based numbers.
    pub fn numbered_lines(&self) -> impl Iterator<Item = (usize, &'a str)> {
        self.text.lines().enumerate().map(|(i, l)| (i + 1, l))
    }
}

/// The result of reading one document: one or more plans, and what the reader had to say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub plans: Vec<Plan>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The known layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// 川口市 自殺対策推進計画掲載事業 (seed 000): tab-separated program list.
    KawaguchiList,
    /// 熊谷市 自殺対策計画 progress sheet (seed 001): wrapped cells, no tabs.
    Kumagaya,
    /// 小樽市 自殺対策計画 取組状況 (seed 002): measure (division) TAB narrative.
    Otaru,
    /// 清瀬市 自殺対策計画 multi-year table (seed 003): ~21 shifted columns.
    Kiyose,
    /// 川口市 地域共生社会推進計画 評価報告書 (seed 004): prose and indicator tables.
    KawaguchiEval,
    /// shinchoku's own JSON export.
    Json,
}

impl Layout {
    pub const ALL: [Layout; 6] = [
        Layout::Json,
        Layout::KawaguchiList,
        Layout::Kumagaya,
        Layout::Otaru,
        Layout::Kiyose,
        Layout::KawaguchiEval,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layout::KawaguchiList => "kawaguchi_list",
            Layout::Kumagaya => "kumagaya",
            Layout::Otaru => "otaru",
            Layout::Kiyose => "kiyose",
            Layout::KawaguchiEval => "kawaguchi_eval",
            Layout::Json => "json",
        }
    }

    fn detect(self, text: &str) -> bool {
        match self {
            Layout::KawaguchiList => kawaguchi_list::detect(text),
            Layout::Kumagaya => kumagaya::detect(text),
            Layout::Otaru => otaru::detect(text),
            Layout::Kiyose => kiyose::detect(text),
            Layout::KawaguchiEval => kawaguchi_eval::detect(text),
            Layout::Json => json::detect(text),
        }
    }

    fn read(self, src: &SourceText) -> Result<Import, ReadError> {
        match self {
            Layout::KawaguchiList => kawaguchi_list::read(src),
            Layout::Kumagaya => kumagaya::read(src),
            Layout::Otaru => otaru::read(src),
            Layout::Kiyose => kiyose::read(src),
            Layout::KawaguchiEval => kawaguchi_eval::read(src),
            Layout::Json => json::read(src),
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A document that cannot be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("{file}: not a known report layout (expected one of: {known})")]
    UnknownLayout { file: String, known: String },
    #[error("{file}: the text is neither UTF-8 nor Shift_JIS")]
    Encoding { file: String },
    #[error("{location}: {message}")]
    Malformed { location: Location, message: String },
}

/// The layout of a text, when exactly one reader claims it (the first that does otherwise).
pub fn detect_layout(text: &str) -> Option<Layout> {
    Layout::ALL.into_iter().find(|l| l.detect(text))
}

/// Decodes bytes (UTF-8 with or without BOM; Shift_JIS/CP932 as saved by Excel), detects the
/// layout and reads the document.
pub fn read_document(file_name: &str, bytes: &[u8]) -> Result<Import, ReadError> {
    read_document_with_layout(file_name, bytes).map(|(_, import)| import)
}

/// [`read_document`], also returning the layout that read the document.
pub fn read_document_with_layout(
    file_name: &str,
    bytes: &[u8],
) -> Result<(Layout, Import), ReadError> {
    let text = crate::normalise::decode_text(bytes).ok_or_else(|| ReadError::Encoding {
        file: file_name.to_owned(),
    })?;
    let sha256 = crate::normalise::sha256_hex(bytes);
    let layout = detect_layout(&text).ok_or_else(|| ReadError::UnknownLayout {
        file: file_name.to_owned(),
        known: Layout::ALL.map(Layout::name).join(", "),
    })?;
    let import = layout.read(&SourceText {
        file_name,
        text: &text,
        sha256: &sha256,
    })?;
    Ok((layout, import))
}
