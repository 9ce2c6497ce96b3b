#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

mod vocabulary;

pub mod action;
pub mod decision;
pub mod error;
pub mod matrix;
pub mod role;
pub mod subject;
pub mod task;

pub use crate::action::Action;
pub use crate::decision::{
    can, check, explain, AllowReason, Allowed, Decision, Denied, DenyReason,
};
pub use crate::error::ParseError;
pub use crate::matrix::{Cell, Condition, Grant};
pub use crate::role::{Role, RoleIter, Roles};
pub use crate::subject::Subject;
pub use crate::task::{Task, TaskKind, TaskState};

pub mod records;
pub mod review;
pub mod sod;

pub use crate::records::{
    can_record, check_record, transition_record, Record, RecordDenied, RecordError, RecordEvent,
    RecordKind, RecordState,
};
pub use crate::review::{grants_of, roles_that_can};
pub use crate::sod::{conflicts, Conflict};
