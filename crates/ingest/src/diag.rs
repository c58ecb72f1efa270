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
    Cow::Owned(strip_controls(s, |c| {
        matches!(c, '\t' | '\n').then_some(' ')
    }))
}

/// `s` without control characters and without the terminal escape sequences they start
/// (「ESC [ 31 m」 goes whole, not only its ESC); `keep` may replace a control character.
pub fn strip_controls(s: &str, keep: impl Fn(char) -> Option<char>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_control() {
            out.push(c);
            continue;
        }
        if let Some(k) = keep(c) {
            out.push(k);
            continue;
        }
        // ESC [ parameters final-byte (CSI), ESC ] … BEL/ESC \ (OSC), ESC + one character.
        if c == '\u{1b}' {
            match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    for d in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    chars.next();
                    while let Some(d) = chars.next() {
                        if d == '\u{7}' {
                            break;
                        }
                        if d == '\u{1b}' {
                            chars.next();
                            break;
                        }
                    }
                }
                Some(_) => {
                    chars.next();
                }
                None => {}
            }
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_drops_controls_and_escape_sequences() {
        assert_eq!(printable("普通の文"), Cow::Borrowed("普通の文"));
        assert_eq!(
            printable("a\u{0}b\u{1b}[31mc\u{1b}[0m\td\ne\u{7}"),
            "abc d e"
        );
        assert_eq!(printable("\u{1b}]0;title\u{7}x"), "x");
    }

    #[test]
    fn long_quotes_are_cut() {
        let long = "あ".repeat(50_000);
        let d = Diagnostic::error(
            "x",
            Location::new("f.txt", 3),
            format!("cell 「{long}」 not read"),
        );
        assert!(d.message.chars().count() < 300, "{}", d.message.len());
        assert!(
            d.message
                .starts_with(&format!("cell 「{}…（ほか49800字）」", "あ".repeat(200)))
        );
        assert!(d.message.ends_with("」 not read"));
        assert_eq!(clip("短い", 200), Cow::Borrowed("短い"));
    }
}
