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
pub mod prepare;

use crate::diag::{Diagnostic, printable};
use crate::options::ReadOptions;
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

impl Layout {
    /// What the layout's detection looks for, and whether `text` has it.
    fn signs(self, text: &str) -> Vec<(&'static str, bool)> {
        match self {
            Layout::KawaguchiList => kawaguchi_list::signs(text),
            Layout::Kumagaya => kumagaya::signs(text),
            Layout::Otaru => otaru::signs(text),
            Layout::Kiyose => kiyose::signs(text),
            Layout::KawaguchiEval => kawaguchi_eval::signs(text),
            Layout::Json => {
                let head: String = text.chars().take(200).collect();
                vec![
                    ("a JSON object", head.trim_start().starts_with('{')),
                    (
                        "the shinchoku export format name",
                        head.contains(json::FORMAT),
                    ),
                ]
            }
        }
    }

    /// What the layout is, in a few words.
    fn describe(self) -> &'static str {
        match self {
            Layout::KawaguchiList => "the 川口市 program list (自殺対策推進計画掲載事業)",
            Layout::Kumagaya => "the 熊谷市 progress sheet (進捗管理シート)",
            Layout::Otaru => "the 小樽市 取組状況 report",
            Layout::Kiyose => "the 清瀬市 multi-year table",
            Layout::KawaguchiEval => "the 川口市 地域共生社会推進計画 評価報告書",
            Layout::Json => "shinchoku's JSON export",
        }
    }
}

/// Why no layout claims a text: the closest layout (the one whose signs the text has most
/// of), what it looks for and what was found, in one sentence.
pub fn explain_unknown(text: &str) -> String {
    type Signs = Vec<(&'static str, bool)>;
    let mut best: Option<(usize, Layout, Signs)> = None;
    for layout in Layout::ALL {
        let signs = layout.signs(text);
        let found = signs.iter().filter(|(_, f)| *f).count();
        if best.as_ref().is_none_or(|(b, _, _)| found > *b) {
            best = Some((found, layout, signs));
        }
    }
    let Some((found, layout, signs)) = best else {
        return String::new();
    };
    let list = |want: bool| {
        signs
            .iter()
            .filter(|(_, f)| *f == want)
            .map(|(s, _)| *s)
            .collect::<Vec<_>>()
            .join("; ")
    };
    if found == 0 {
        return "none of the layouts' signs were found (a known title line, header row or \
                headings)"
            .to_owned();
    }
    format!(
        "the closest is {} `{}`, which looks for {} signs; found {}: {}; not found: {}",
        layout.describe(),
        layout.name(),
        signs.len(),
        found,
        list(true),
        list(false)
    )
}

/// A document that cannot be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// No reader claims the text; `why` names the closest layout, what it looks for and what
    /// the text has of it ([`explain_unknown`]).
    #[error("{file}: not a known report layout: {why} (known layouts: {known})")]
    UnknownLayout {
        file: String,
        known: String,
        why: String,
    },
    #[error("{file}: the text is neither UTF-8 nor Shift_JIS")]
    Encoding { file: String },
    #[error("{location}: {message}")]
    Malformed { location: Location, message: String },
    /// The input is over the limit ([`crate::ReadOptions::max_bytes`]); `size` is `None` when
    /// the file grew past the limit while it was read.
    #[error("{file}: {}", match size {
        Some(s) => format!("{s} bytes, over the limit of {limit} bytes; not read"),
        None => format!("grew past the limit of {limit} bytes while it was read; not read"),
    })]
    TooLarge {
        file: String,
        size: Option<u64>,
        limit: u64,
    },
    /// Not a regular file (a FIFO, a device such as /dev/zero, a directory): never opened.
    #[error("{file}: {kind}, not a regular file; not read")]
    NotRegularFile { file: String, kind: String },
    #[error("{file}: cannot be read: {message}")]
    Io { file: String, message: String },
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
    read_document_with_options(file_name, bytes, &ReadOptions::default())
}

/// Reads a document as [`read_document_with_layout`] does, with what the caller knows better
/// ([`ReadOptions`]: the municipality, the fiscal year, the size limit).
///
/// Before detection, page-number lines and running headers are taken out of the text
/// ([`prepare`]); after reading, names are checked for control characters and fiscal years
/// for a sane range, and the options' municipality and fiscal year are applied (each with a
/// diagnostic when they change what the reader found).
pub fn read_document_with_options(
    file_name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Layout, Import), ReadError> {
    // Every location and message names the file: never with control characters in it.
    let given_name = file_name;
    let clean_name = printable(given_name);
    let file_name: &str = &clean_name;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > options.max_bytes {
        return Err(ReadError::TooLarge {
            file: printable(file_name).into_owned(),
            size: Some(len),
            limit: options.max_bytes,
        });
    }
    let text = crate::normalise::decode_text(bytes).ok_or_else(|| ReadError::Encoding {
        file: printable(file_name).into_owned(),
    })?;
    let sha256 = crate::normalise::sha256_hex(bytes);
    let is_json = json::detect(&text);
    let mut diagnostics = Vec::new();
    let text = match prepare::realign_indicator_tables(file_name, &text) {
        Some((realigned, mut found)) if !is_json => {
            diagnostics.append(&mut found);
            realigned
        }
        _ => text,
    };
    let prepared = if is_json {
        None
    } else {
        prepare::strip_page_lines(file_name, &text)
    };
    let text = match &prepared {
        Some(p) => {
            diagnostics.extend(p.diagnostics.iter().cloned());
            p.text.as_str()
        }
        None => text.as_str(),
    };
    let layout = detect_layout(text).ok_or_else(|| ReadError::UnknownLayout {
        file: printable(file_name).into_owned(),
        known: Layout::ALL.map(Layout::name).join(", "),
        why: explain_unknown(text),
    })?;
    let read = layout.read(&SourceText {
        file_name,
        text,
        sha256: &sha256,
    });
    // Lines were counted in the text without the page lines: back to the document's lines.
    let map = prepared.as_ref().map(|p| p.line_numbers.as_slice());
    let mut import = match (read, map) {
        (Ok(mut import), Some(map)) => {
            prepare::restore_lines(&mut import, file_name, map);
            import
        }
        (Ok(import), None) => import,
        // A refusal quotes document text: cut and printable, like a diagnostic.
        (Err(ReadError::Malformed { location, message }), map) => {
            return Err(ReadError::Malformed {
                location: match map {
                    Some(map) => prepare::restore_location(location, file_name, map),
                    None => location,
                },
                message: printable(&crate::diag::clip_quotes(&message)).into_owned(),
            });
        }
        (Err(e), _) => return Err(e),
    };
    if file_name != given_name {
        diagnostics.push(Diagnostic::warning(
            "control-characters",
            Location::new(file_name, 0),
            format!(
                "the file name holds control characters (NUL, escapes); the document is named 「{file_name}」"
            ),
        ));
    }
    diagnostics.append(&mut import.diagnostics);
    import.diagnostics = diagnostics;
    if layout != Layout::Json {
        crate::checks::check_import(&mut import, file_name, options);
    }
    Ok((layout, import))
}
