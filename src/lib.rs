#![doc = include_str!("../README.md")]
#![doc = ""]
#![doc = include_str!("decisions.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]

mod vocabulary;

pub mod action;
pub mod decision;
pub mod error;
pub mod filter;
pub mod lifecycle;
pub mod matrix;
pub mod records;
pub mod report;
pub mod review;
pub mod role;
pub mod sod;
pub mod subject;
pub mod task;
pub mod workflow;

pub use crate::action::Action;
pub use crate::decision::{
    can, check, explain, AllowReason, Allowed, Decision, Denied, DenyReason,
};
pub use crate::error::ParseError;
pub use crate::lifecycle::{
    AcceptError, AssetEvent, AssetFlags, AssetStage, AssetState, CreateError, ManualMove,
    MoveError, Next, Outcome, Resume, TransitionError,
};
pub use crate::matrix::{Cell, Condition, Grant};
pub use crate::records::{
    can_record, check_record, transition_record, Record, RecordDenied, RecordError, RecordEvent,
    RecordKind, RecordState,
};
pub use crate::review::{grants_of, permitted_actions, roles_that_can, Permitted};
pub use crate::role::{Role, RoleIter, Roles};
pub use crate::sod::{conflicts, Conflict};
pub use crate::subject::Subject;
pub use crate::task::{Task, TaskKind, TaskState};
pub use crate::workflow::{ApprovalPolicy, Relations, TaskEvent, TaskFields, WorkflowError};
