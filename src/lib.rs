#![doc = include_str!("../README.md")]
#![doc = ""]
#![doc = include_str!("../DECISIONS.md")]
#![no_std]
#![forbid(unsafe_code)]

// The core, at the root only: the vocabulary, the subject, the task, the rule
// shape, the code table, the task decision and the one outcome shape of every
// decision (`Outcome`).
mod accessors;
mod action;
mod decision;
mod error;
mod fingerprint;
mod grant;
mod outcome;
mod people;
mod reason;
mod role;
mod subject;
mod task;
mod vocabulary;

// Each domain, through its module only.
#[cfg(feature = "serde")]
pub mod audit;
pub mod filter;
pub mod lifecycle;
pub mod matrix;
pub mod records;
pub mod report;
pub mod review;
pub mod sod;
pub mod workflow;

pub use crate::action::Action;
pub use crate::decision::{can, check, explain, Allowed, Decision, Denied};
pub use crate::error::{ParseError, REJECTED_CAPACITY};
pub use crate::fingerprint::{POLICY_FINGERPRINT, POLICY_REVISION};
pub use crate::grant::{Clause, Grant};
pub use crate::outcome::{Domain, Outcome, Verdict};
pub use crate::reason::{AllowReason, DenyReason};
pub use crate::role::{Role, RoleIter, Roles};
pub use crate::subject::Subject;
pub use crate::task::{Task, TaskKind, TaskState};
