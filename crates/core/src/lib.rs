//! shinchoku's domain model: plans, groups, measures, divisions, fiscal years, progress
//! records, indicators, rating schemes and the audit rules over them.
//!
//! This crate is pure: no I/O, no async, no SQL. Everything else in the workspace depends on
//! it; it depends on nothing of the workspace.

#[cfg(any(test, feature = "proptest"))]
pub mod arbitrary;
pub mod audit;
pub mod changes;
pub mod cycle;
pub mod fiscal;
pub mod glance;
pub mod identity;
pub mod merge;
pub mod model;
pub mod package;
pub mod rating;
pub mod totals;
pub mod validate;

pub use fiscal::{DocDate, Era, FiscalYear};
pub use identity::{
    EntityId, EntityKind, EntityMeta, EntityRef, Identities, PlanId, Provenance, RecordKey,
    Retirement, Revision, StoredPlan,
};
pub use model::*;
pub use rating::{Grade, GradeOutcome, RatingScheme};
