#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

mod vocabulary;

pub mod action;
pub mod decision;
pub mod error;
pub mod matrix;
pub mod report;
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

pub mod lifecycle;

pub use crate::lifecycle::{
    AcceptError, AssetEvent, AssetFlags, AssetStage, AssetState, CreateError, ManualMove,
    MoveError, Next, Outcome, Resume, TransitionError,
};

pub mod workflow;

pub use crate::workflow::{ApprovalPolicy, Relations, TaskEvent, TaskFields, WorkflowError};
