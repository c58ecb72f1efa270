//! `shinchoku history`: the events of the store as text, JSON or CSV.

use crate::{json_line, stdout};
use anyhow::Result;
use clap::ValueEnum;
use shinchoku_core::{EntityId, PlanId};
use shinchoku_report::history::{render_csv, render_text};
use shinchoku_store::{HistoryFilter, Store};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HistoryFormat {
    Text,
    Json,
    Csv,
}

pub async fn print(
    store: &Store,
    record: Option<i64>,
    plan: Option<i64>,
    format: HistoryFormat,
) -> Result<()> {
    let events = store
        .history(HistoryFilter {
            plan: plan.map(PlanId),
            entity: record.map(EntityId),
            after_revision: None,
        })
        .await?;
    match format {
        HistoryFormat::Text => stdout(render_text(&events).as_bytes()),
        HistoryFormat::Json => {
            stdout(json_line(&serde_json::json!({ "events": events }))?.as_bytes())
        }
        HistoryFormat::Csv => stdout(&render_csv(&events)?),
    }
}
