//! The oracles: the policy written again from its text (spec.md, lifecycle.md),
//! with string names and their own logic, apart from the crate's tables. One
//! module a concern; each test file declares `mod oracle;` and uses its part.
#![allow(dead_code, reason = "each test crate uses part of the oracle")]

/// spec.md §1: the inclusion table and its closure.
pub mod roles;

/// spec.md §2: the task matrix.
pub mod matrix;

/// lifecycle.md §2: the task workflow.
pub mod workflow;

/// lifecycle.md §1: the asset life cycle.
pub mod lifecycle;

/// lifecycle.md §3: the records.
pub mod records;
