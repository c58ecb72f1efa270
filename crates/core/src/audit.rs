//! Audit rules: what a careful reader of a report checks. Filled in below.
