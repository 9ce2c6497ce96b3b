//! The task workflow of SOURCES.md §T5–§T7: which [`TaskEvent`] may move a task from
//! its state, and who may make it happen ([`validate`]); the approval policy of
//! each kind ([`approval_policy`]); the fields left editable while a task waits
//! for or has its approval ([`editable_fields`]).
//!
//! ```
//! use itam_rbac::workflow::{self, Person, Relations, TaskEvent, Wrong};
//! use itam_rbac::{Role, Subject, Task, TaskKind, TaskState};
//!
//! let specialist = Subject::new(7_u32, Role::OperationSpecialist);
//! let task = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(7).created_by(3);
//!
//! let next = workflow::validate(&specialist, &task, Relations::empty(), TaskEvent::StartWork)?;
//! assert_eq!(next, TaskState::InProgress);
//!
//! // Four eyes: the assigned user never approves the task, whatever the roles.
//! let pending = task.submitted_by(7).in_state(TaskState::PendingApproval);
//! let boss = Subject::new(7_u32, [Role::OperationSpecialist, Role::Responsible]);
//! let err = workflow::validate(&boss, &pending, Relations::ASSET_RESPONSIBLE, TaskEvent::Approve)
//!     .unwrap_err();
//! assert_eq!(err.wrong(), Wrong::Person(Person::FourEyes));
//! assert_eq!(
//!     err.to_string(),
//!     "cannot approve the maintenance task in pending_approval: \
//!      the assigned user, the creator and the submitter never approve their own task"
//! );
//!
//! // The stock keeper responsible for the asset approves.
//! let keeper = Subject::new(9_u32, Role::Responsible);
//! let rel = Relations::ASSET_RESPONSIBLE | Relations::ALL_APPROVED;
//! assert_eq!(workflow::validate(&keeper, &pending, rel, TaskEvent::Approve)?, TaskState::Approved);
//! # Ok::<(), workflow::WorkflowError>(())
//! ```
//!
//! # Who may
//!
//! | event | from | to | who |
//! |---|---|---|---|
//! | `start_work` | `registered`, `postponed` | `in_progress` | the [`performer`] role, as the assigned user or a member of the assignment group |
//! | `postpone` | `registered`, `in_progress` | `postponed` | `itam_process_manager`, or the performer as the assigned user |
//! | `send_for_approval` | `in_progress` | `pending_approval` | the same; not for kinds whose policy is `none` |
//! | `approve` | `pending_approval` | `approved` once every approver has, else `pending_approval` | a responsible person of the assets (holding `itam_responsible`), an added approver, or on decommissioning a committee member; never the assigned user or the creator |
//! | `reject` | `pending_approval` | `in_progress` (ours) | the same as approve |
//! | `complete` | `in_progress` (policy `none` or `optional`), `approved` | `completed` | `itam_process_manager`, or the performer as the assigned user; inventory: the assigned user only |
//! | `cancel` | any non-terminal state | `canceled` | `itam_process_manager`, or `itam_operation_specialist` as the assigned user, on every kind; registration only while no file of new assets is attached |
//!
//! # Our decisions
//!
//! Where the policy text is silent or ambiguous, the crate decides; every such
//! reading, and every place where the product grants more, is written once in
//! [DECISIONS.md](crate#our-decisions-and-where-the-product-differs) (the last
//! section of the crate docs), not here.

mod policy;
mod validate;

pub use self::policy::{
    approval_policy, can_edit, check_edit, editable_fields, ApprovalPolicy, TaskFields,
};
pub use self::validate::{
    check_event, grants, performer, validate, EventAllowed, Person, WorkflowError, Wrong, EDGES,
};

use crate::vocabulary::vocabulary;

vocabulary! {
    /// An event of the task workflow (SOURCES.md §T5).
    pub enum TaskEvent ("task event") {
        /// Start work (registered or postponed to in progress).
        StartWork = "start_work",
        /// Put the task off.
        Postpone = "postpone",
        /// Ask the approvers.
        SendForApproval = "send_for_approval",
        /// One approver approves.
        Approve = "approve",
        /// One approver rejects.
        Reject = "reject",
        /// Finish the task.
        Complete = "complete",
        /// Cancel the task.
        Cancel = "cancel",
    }
}

bitflags::bitflags! {
    /// How the acting user relates to the task, beyond its assigned user and
    /// creator (which [`Task`](crate::Task) holds), and two facts of the task. The
    /// host computes them from its records.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    pub struct Relations: u8 {
        /// The user is a member of the task's assignment group.
        const IN_ASSIGNMENT_GROUP = 1 << 0;
        /// The user is the responsible person of one of the task's assets.
        const ASSET_RESPONSIBLE = 1 << 1;
        /// The user was added as an approver of the current approval session.
        const ADDED_APPROVER = 1 << 2;
        /// The user is on the task's decommissioning committee.
        const COMMITTEE_MEMBER = 1 << 3;
        /// Task fact: a file of new assets is attached (registration).
        const FILES_ATTACHED = 1 << 4;
        /// Task fact: with this approval, every approver has approved.
        const ALL_APPROVED = 1 << 5;
    }
}
