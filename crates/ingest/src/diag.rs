//! Diagnostics: what a reader had to decide, guess or could not read, with the location.

use serde::{Deserialize, Serialize};
use shinchoku_core::Location;
use std::borrow::Cow;
use std::fmt;

/// How many characters of document text a diagnostic quotes before cutting it with 「…」.
pub const QUOTE_LIMIT: usize = 200;

/// Text meant for a terminal or a log, without control characters: terminal escapes (ESC),
/// NUL, bell, carriage returns and the like are dropped, tabs and newlines become spaces.
/// Borrowed when there is nothing to remove.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\n' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Document text cut at `limit` characters, with 「…」 and the number of characters left out
/// when it is longer (a 50 MB line is never quoted whole).
pub fn clip(s: &str, limit: usize) -> Cow<'_, str> {
    match s.char_indices().nth(limit) {
        None => Cow::Borrowed(s),
        Some((end, _)) => {
            let left_out = s[end..].chars().count();
            Cow::Owned(format!("{}…（ほか{left_out}字）", &s[..end]))
        }
    }
}

/// A message with every quotation 「…」 longer than [`QUOTE_LIMIT`] characters cut (see
/// [`clip`]), and the whole message cut at eight times that.
pub fn clip_quotes(message: &str) -> Cow<'_, str> {
    let long_quote = || {
        let mut depth_start: Option<()> = None;
        let mut count = 0usize;
        for c in message.chars() {
            match c {
                '「' => {
                    depth_start = Some(());
                    count = 0;
                }
                '」' => depth_start = None,
                _ if depth_start.is_some() => {
                    count += 1;
                    if count > QUOTE_LIMIT {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    };
    if message.len() <= QUOTE_LIMIT || (!long_quote() && message.chars().count() <= QUOTE_LIMIT * 8)
    {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(QUOTE_LIMIT * 8);
    let mut in_quote = 0usize; // characters of the current quotation so far (0: none open)
    let mut open = false;
    let mut cut = 0usize;
    for c in message.chars() {
        match c {
            '「' => {
                open = true;
                in_quote = 0;
                out.push(c);
            }
            '」' => {
                if cut > 0 {
                    out.push_str(&format!("…（ほか{cut}字）"));
                    cut = 0;
                }
                open = false;
                out.push(c);
            }
            _ if open => {
                in_quote += 1;
                if in_quote > QUOTE_LIMIT {
                    cut += 1;
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    if cut > 0 {
        out.push_str(&format!("…（ほか{cut}字）"));
    }
    match clip(&out, QUOTE_LIMIT * 8) {
        Cow::Borrowed(_) => Cow::Owned(out),
        Cow::Owned(o) => Cow::Owned(o),
    }
}

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
        let message: String = message.into();
        let message = match clip_quotes(&message) {
            Cow::Borrowed(_) => message,
            Cow::Owned(cut) => cut,
        };
        Diagnostic {
            severity,
            code: code.into(),
            location,
            message,
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
        let location = self.location.to_string();
        write!(
            f,
            "{}: {}: {} [{}]",
            printable(&location),
            self.severity.label(),
            printable(&self.message),
            printable(&self.code)
        )
    }
}
