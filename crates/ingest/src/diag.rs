//! Diagnostics: what a reader had to decide, guess or could not read, with the location.

use serde::{Deserialize, Serialize};
use shinchoku_core::Location;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A decision the reader made on clear evidence (worth knowing, nothing to check).
    Info,
    /// A guess, a realignment, or an inconsistency of the source: a person should look.
    Warning,
    /// Something could not be read; the text is kept in the message.
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One diagnostic of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable machine-readable kind, e.g. `shifted-cells`, `unparsed-amount`.
    pub code: String,
    pub location: Location,
    /// What was ambiguous and what was decided, in plain words.
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: impl Into<String>,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            location,
            message: message.into(),
        }
    }

    pub fn info(code: impl Into<String>, location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, location, message)
    }

    pub fn warning(
        code: impl Into<String>,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, location, message)
    }

    pub fn error(code: impl Into<String>, location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, location, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {} [{}]",
            self.location,
            self.severity.label(),
            self.message,
            self.code
        )
    }
}
