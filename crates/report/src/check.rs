//! `shinchoku check`: audit findings of every plan.

use serde::{Deserialize, Serialize};
use shinchoku_core::Plan;
use shinchoku_core::audit::{Finding, audit};
use std::fmt::Write as _;

/// The JSON shape of `shinchoku check --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    pub findings: Vec<Finding>,
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
