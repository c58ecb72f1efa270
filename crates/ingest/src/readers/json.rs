//! shinchoku's own JSON export (`shinchoku export --format json`), read back losslessly.

use super::{Import, ReadError, SourceText};
use serde::{Deserialize, Serialize};
use shinchoku_core::Plan;

/// The value of the `format` member that marks an export.
pub const FORMAT: &str = "shinchoku-export";
/// The export format version this build writes and reads.
pub const VERSION: u32 = 1;

/// The top-level object of a JSON export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub plans: Vec<Plan>,
}

impl Export {
    pub fn new(plans: Vec<Plan>) -> Self {
        Export {
            format: FORMAT.to_owned(),
            version: VERSION,
            plans,
        }
    }
}

pub fn detect(text: &str) -> bool {
    let head: String = text.chars().take(200).collect();
    head.trim_start().starts_with('{') && head.contains(FORMAT)
}

pub fn read(src: &SourceText) -> Result<Import, ReadError> {
    let export: Export = serde_json::from_str(src.text).map_err(|e| ReadError::Malformed {
        location: src
            .loc(e.line())
            .with_field(format!("column {}", e.column())),
        message: format!("invalid shinchoku JSON export: {e}"),
    })?;
    if export.format != FORMAT || export.version != VERSION {
        return Err(ReadError::Malformed {
            location: src.loc(1),
            message: format!(
                "unsupported export format {} version {} (this build reads {FORMAT} version {VERSION})",
                export.format, export.version
            ),
        });
    }
    Ok(Import {
        plans: export.plans,
        diagnostics: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::PlanKind;

    #[test]
    fn round_trip() {
        let export = Export::new(vec![Plan::new("市", "計画", PlanKind::SuicidePrevention)]);
        let text = serde_json::to_string_pretty(&export).unwrap_or_default();
        assert!(detect(&text));
        let src = SourceText {
            file_name: "x.json",
            text: &text,
            sha256: "",
        };
        assert_eq!(read(&src).map(|i| i.plans), Ok(export.plans));
    }

    #[test]
    fn broken_json_is_an_error_with_location() {
        let text = format!("{{\"format\": \"{FORMAT}\", \"version\": 1, \"plans\": [}}");
        let src = SourceText {
            file_name: "x.json",
            text: &text,
            sha256: "",
        };
        assert!(detect(&text));
        assert!(matches!(read(&src), Err(ReadError::Malformed { .. })));
    }
}
