//! Aggregation and rendering: plan summaries, audit findings, and the CSV / XLSX / JSON
//! exports. Pure functions of plans; the callers (CLI, web) load plans from the store.

pub mod cells;
pub mod check;
pub mod export;
pub mod history;
pub mod summary;
pub mod tables;
pub mod workbook;
pub mod xlsx;

pub use check::{Findings, render_findings_text};
pub use export::{ExportError, RecordRow, export_csv, export_json, export_xlsx, record_rows};
pub use summary::{PlanSummary, Summary, format_yen, render_summary_text};
pub use tables::{ReportTable, report_tables, tables_csv};
pub use xlsx::{report_xlsx, tables_xlsx};
