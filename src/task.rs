//! Tasks: the twelve ITAM task kinds, the task states and the host's view of one task.
//!
//! ```
//! use itam_rbac::{Task, TaskKind, TaskState};
//!
//! let task = Task::new(TaskKind::ChangeOfResponsible, TaskState::Registered).assigned_to(7_u32);
//! assert_eq!(task.kind.name(), "change_of_responsible");
//! assert_eq!(task.assignee, Some(7));
//! assert!(!task.state.is_terminal());
//! ```

use crate::vocabulary::vocabulary;

vocabulary! {
    /// The twelve ITAM task types (SOURCES.md §T1).
    pub enum TaskKind ("task kind") {
        /// Registers new assets (it creates them).
        Registration = "registration",
        /// Hands stock assets to a user.
        Allocation = "allocation",
        /// Checks that assets are where the records say.
        Inventory = "inventory",
        /// Changes the responsible person of assets.
        ChangeOfResponsible = "change_of_responsible",
        /// Moves assets in operation to another location.
        Relocation = "relocation",
        /// Moves assets to another stock.
        ChangeOfStock = "change_of_stock",
        /// Takes assets back from their user into stock.
        ReturnToStock = "return_to_stock",
        /// Repairs one asset.
        Maintenance = "maintenance",
        /// Upgrades one asset.
        Upgrading = "upgrading",
        /// Takes assets out of service.
        Decommissioning = "decommissioning",
        /// Disposes of decommissioned assets.
        Disposal = "disposal",
        /// Sells, donates or returns decommissioned assets.
        AssetTransfer = "asset_transfer",
    }
}

vocabulary! {
    /// The state of a task (SOURCES.md §T4).
    ///
    /// The product stores a canceled task as `completed` with closure code
    /// *Canceled*; the crate keeps the two apart, so [`TaskState::Completed`] means
    /// finished with its work done.
    pub enum TaskState ("task state") {
        /// Saved, work not started.
        Registered = "registered",
        /// Being performed.
        InProgress = "in_progress",
        /// Put off.
        Postponed = "postponed",
        /// Waiting for its approvers.
        PendingApproval = "pending_approval",
        /// Every approver has approved.
        Approved = "approved",
        /// Done (terminal).
        Completed = "completed",
        /// Canceled (terminal).
        Canceled = "canceled",
    }
}

impl TaskState {
    /// Whether no event leaves this state: completed and canceled.
    #[must_use]
    pub const fn is_terminal(self) -> bool {
        match self {
            TaskState::Completed | TaskState::Canceled => true,
            TaskState::Registered
            | TaskState::InProgress
            | TaskState::Postponed
            | TaskState::PendingApproval
            | TaskState::Approved => false,
        }
    }
}

/// The host's view of one task: what the decisions need to know about it.
///
/// `U` is the host's own user id type (a number, a UUID, a string). The host loads
/// the task from its store and builds this value; the crate keeps nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Task<U> {
    /// The task type.
    pub kind: TaskKind,
    /// The task's current state.
    pub state: TaskState,
    /// The task's assigned user, if any.
    pub assignee: Option<U>,
    /// Who created the task, if known (four eyes: the creator never approves it).
    /// With no creator and not [`created_by_system`](Self::created_by_system), the
    /// task cannot be approved: four eyes cannot be checked, so it fails closed.
    pub creator: Option<U>,
    /// Whether the system, not a person, created the task (no creator to exclude
    /// from its approval).
    pub created_by_system: bool,
    /// Who sent the task for approval, if known (four eyes: the submitter never
    /// approves or rejects it). Every task approval follows a submission, so with
    /// no submitter the task cannot be approved: it fails closed.
    pub submitter: Option<U>,
}

impl<U> Task<U> {
    /// A task of `kind` in `state`, with no assigned user and no known creator.
    #[must_use]
    pub const fn new(kind: TaskKind, state: TaskState) -> Self {
        Task {
            kind,
            state,
            assignee: None,
            creator: None,
            created_by_system: false,
            submitter: None,
        }
    }
}

crate::people::people_of!(Task<U>, TaskState, "task");
