//! shinchoku's own JSON export (`shinchoku export --format json`), read back losslessly.
//!
//! Version 2 states the stable ids of plans and entities (`"id"` on each object, and the
//! plan's `"revision"`); [`read_with_ids`] hands them back so that restoring an export into
//! a database that never allocated those ids keeps them. Version 1 (no ids) is still read.

use super::{Import, ReadError, SourceText};
use serde::{Deserialize, Serialize};
use shinchoku_core::Plan;
use shinchoku_core::changes::StatedIds;

/// The value of the `format` member that marks an export.
pub const FORMAT: &str = "shinchoku-export";
/// The export format version this build writes (it reads 1 and 2).
pub const VERSION: u32 = 2;

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
    read_with_ids(src).map(|(import, _)| import)
}

/// Reads an export with the ids it states, one [`StatedIds`] per plan.
pub fn read_with_ids(src: &SourceText) -> Result<(Import, Vec<StatedIds>), ReadError> {
    let value: serde_json::Value =
        serde_json::from_str(src.text).map_err(|e| ReadError::Malformed {
            location: src
                .loc(e.line())
                .with_field(format!("column {}", e.column())),
            message: format!("invalid shinchoku JSON export: {e}"),
        })?;
    let format = value.get("format").and_then(|f| f.as_str()).unwrap_or("");
    let version = value.get("version").and_then(serde_json::Value::as_u64);
    if format != FORMAT || !matches!(version, Some(1 | 2)) {
        return Err(ReadError::Malformed {
            location: src.loc(1),
            message: format!(
                "unsupported export format {format} version {} (this build reads {FORMAT} versions 1 and {VERSION})",
                version.map_or_else(|| "?".to_owned(), |v| v.to_string())
            ),
        });
    }
    let serde_json::Value::Object(mut top) = value else {
        return Err(ReadError::Malformed {
            location: src.loc(1),
            message: "a shinchoku JSON export must be an object".into(),
        });
    };
    let plans = match top.remove("plans") {
        Some(serde_json::Value::Array(plans)) => plans,
        _ => {
            return Err(ReadError::Malformed {
                location: src.loc(1).with_field("plans"),
                message: "the export has no list of plans".into(),
            });
        }
    };
    let mut out = Vec::with_capacity(plans.len());
    let mut ids = Vec::with_capacity(plans.len());
    for (i, mut value) in plans.into_iter().enumerate() {
        let stated = StatedIds::take(&mut value);
        let plan: Plan = serde_json::from_value(value).map_err(|e| ReadError::Malformed {
            location: src.loc(1).with_field(format!("plans[{i}]")),
            message: format!("invalid plan in shinchoku JSON export: {e}"),
        })?;
        out.push(plan);
        ids.push(stated);
    }
    Ok((
        Import {
            plans: out,
            diagnostics: Vec::new(),
        },
        ids,
    ))
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
