//! The oracles: the policy written again from its text (SOURCES.md),
//! with string names and their own logic, apart from the crate's tables. One
//! module a concern; each test file declares `mod oracle;` and uses its part.
#![allow(dead_code, reason = "each test crate uses part of the oracle")]

/// SOURCES.md §R2: the inclusion table and its closure.
pub mod roles;

/// SOURCES.md §T1: the task matrix.
pub mod matrix;

/// SOURCES.md §T5: the task workflow.
pub mod workflow;

/// SOURCES.md §A: the asset life cycle.
pub mod lifecycle;

/// SOURCES.md §C: the records.
pub mod records;

/// SOURCES.md §T, §C, §A5 and §R2 together: which roles the text names for each
/// operation, and what a role set is granted (role engineering).
pub mod engineering;
