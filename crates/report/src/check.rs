//! `shinchoku check`: audit findings of every plan.

use serde::{Deserialize, Serialize, Serializer};
use shinchoku_core::Plan;
use shinchoku_core::audit::{Finding, FindingKind, Subject, audit};
use std::fmt::Write as _;

/// The JSON shape of `shinchoku check --format json`. Every finding has every field:
/// `expected`, `reported`, `location` and `location.field` are `null` when they do not apply
/// (never left out), and `subject` says what the finding is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    #[serde(serialize_with = "findings_json")]
    pub findings: Vec<Finding>,
}

/// One finding as `check --format json` writes it: all fields, `null` when absent.
#[derive(Serialize)]
struct FindingJson<'a> {
    kind: FindingKind,
    plan: &'a str,
    subject: &'a Subject,
    item: &'a str,
    expected: Option<&'a str>,
    reported: Option<&'a str>,
    location: Option<LocationJson<'a>>,
    message: &'a str,
}

#[derive(Serialize)]
struct LocationJson<'a> {
    file: &'a str,
    line: u32,
    field: Option<&'a str>,
}

fn findings_json<S: Serializer>(findings: &[Finding], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(findings.iter().map(|f| FindingJson {
        kind: f.kind,
        plan: &f.plan,
        subject: &f.subject,
        item: &f.item,
        expected: f.expected.as_deref(),
        reported: f.reported.as_deref(),
        location: f.location.as_ref().map(|l| LocationJson {
            file: &l.file,
            line: l.line,
            field: l.field.as_deref(),
        }),
        message: &f.message,
    }))
}

impl Findings {
    pub fn of(plans: &[Plan]) -> Self {
        Findings {
            findings: plans.iter().flat_map(audit).collect(),
        }
    }
}

/// The human-readable form: one block per finding, grouped by plan.
pub fn render_findings_text(findings: &Findings) -> String {
    let mut out = String::new();
    let mut current_plan: Option<&str> = None;
    for f in &findings.findings {
        if current_plan != Some(f.plan.as_str()) {
            let _ = writeln!(out, "■ {}", f.plan);
            current_plan = Some(f.plan.as_str());
        }
        let _ = writeln!(out, "  [{}] {}", f.kind, f.item);
        let _ = writeln!(out, "    {}", f.message);
        let (expected_label, reported_label) = f.kind.value_labels_ja();
        match (&f.expected, &f.reported) {
            (Some(e), Some(r)) => {
                let _ = writeln!(out, "    {expected_label}: {e} / {reported_label}: {r}");
            }
            (Some(e), None) => {
                let _ = writeln!(out, "    {expected_label}: {e}");
            }
            (None, Some(r)) => {
                let _ = writeln!(out, "    {reported_label}: {r}");
            }
            (None, None) => {}
        }
        if let Some(location) = &f.location {
            let _ = writeln!(out, "    場所: {location}");
        }
    }
    let _ = writeln!(out, "指摘 {} 件", findings.findings.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::Location;

    #[test]
    fn json_findings_have_every_field() {
        let findings = Findings {
            findings: vec![Finding {
                kind: FindingKind::MissingField,
                plan: "市/計画".into(),
                subject: Subject::Measure {
                    key: shinchoku_core::MeasureKey::new("No.1"),
                },
                item: "事業: 相談".into(),
                expected: None,
                reported: None,
                location: Some(Location::new("a.txt", 3)),
                message: "担当課の記載がありません".into(),
            }],
        };
        let json = serde_json::to_value(&findings).unwrap_or_default();
        let f = &json["findings"][0];
        for field in [
            "expected", "reported", "subject", "location", "item", "message",
        ] {
            assert!(f.get(field).is_some(), "{field}");
        }
        assert!(f["expected"].is_null());
        assert!(f["location"]["field"].is_null());
        assert_eq!(f["subject"]["type"], "measure");
        assert_eq!(f["subject"]["key"], "No.1");
        // And it reads back.
        let back: Findings = serde_json::from_value(json).unwrap_or(Findings { findings: vec![] });
        assert_eq!(back, findings);
    }
}
