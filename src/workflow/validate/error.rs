//! What a refused workflow event says: [`WorkflowError`], what was [`Wrong`], and
//! which [`Person`] rule failed.

use core::fmt;

use crate::accessors::accessors;
use crate::reason::sentence;
use crate::vocabulary::vocabulary;
use crate::workflow::{ApprovalPolicy, TaskEvent};
use crate::{DenyReason, Roles, TaskKind, TaskState};

vocabulary! {
    /// Which person rule an actor failed.
    #[non_exhaustive]
    pub enum Person ("person rule") {
        /// Only the task's assigned user may (or `itam_process_manager`, where the
        /// event allows it).
        AssignedUser = "assigned_user",
        /// Only the task's assigned user may, and nobody is assigned to it.
        NobodyAssigned = "nobody_assigned",
        /// Only the assigned user or a member of the assignment group may.
        AssignedUserOrGroup = "assigned_user_or_group",
        /// Four eyes: the assigned user and the creator never approve or reject
        /// their own task.
        FourEyes = "four_eyes",
        /// Four eyes cannot be checked: the task's creator is unknown (neither a
        /// person nor the system), so no approval is accepted.
        UnknownCreator = "unknown_creator",
        /// Four eyes cannot be checked: nobody knows who sent the task for
        /// approval, so no approval is accepted.
        UnknownSubmitter = "unknown_submitter",
        /// Only a responsible person of the task's assets, an added approver or (on
        /// decommissioning) a committee member approves or rejects.
        Approver = "approver",
    }
}

impl Person {
    /// The rule in words, for messages: its reason's sentence
    /// ([`DenyReason::describe`]), said of the task where the reason's speaks of
    /// any item (the task's creator); four eyes has words of its own.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Person::AssignedUser | Person::AssignedUserOrGroup | Person::Approver => {
                Wrong::Person(self).reason().describe()
            }
            Person::NobodyAssigned => sentence!(nobody_assigned, "task"),
            Person::FourEyes => {
                "the assigned user, the creator and the submitter never approve their own task"
            }
            Person::UnknownCreator => sentence!(unknown_creator, "task"),
            Person::UnknownSubmitter => sentence!(unknown_submitter, "task"),
        }
    }
}

/// What was wrong with a workflow event, in the order
/// [`validate`](super::validate) checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Wrong {
    /// The event is not allowed from the task's state.
    State,
    /// Registration: a file of new assets is attached, so it cannot be canceled.
    FilesAttached,
    /// The kind's approval policy forbids the event: approval is `none` (no
    /// approval events), or `required` (no completion before approval).
    ApprovalPolicy(ApprovalPolicy),
    /// The user holds none of these roles (any one would do).
    Role(Roles),
    /// The user is not a person the event allows.
    Person(Person),
}

impl Wrong {
    /// What kind of fault: `state`, `files_attached`, `approval_policy`, `role` or
    /// `person`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Wrong::State => "state",
            Wrong::FilesAttached => "files_attached",
            Wrong::ApprovalPolicy(_) => "approval_policy",
            Wrong::Role(_) => "role",
            Wrong::Person(_) => "person",
        }
    }
}

impl Wrong {
    /// The reason of the code table this fault gives.
    #[must_use]
    pub const fn reason(self) -> DenyReason {
        match self {
            Wrong::State => DenyReason::WrongState,
            Wrong::FilesAttached => DenyReason::FilesAttached,
            Wrong::ApprovalPolicy(_) => DenyReason::ApprovalPolicy,
            Wrong::Role(_) => DenyReason::MissingRole,
            Wrong::Person(Person::AssignedUser) => DenyReason::NotAssignedUser,
            Wrong::Person(Person::NobodyAssigned) => DenyReason::NobodyAssigned,
            Wrong::Person(Person::AssignedUserOrGroup) => DenyReason::NotAssignedUserOrGroup,
            Wrong::Person(Person::FourEyes) => DenyReason::FourEyes,
            Wrong::Person(Person::UnknownCreator) => DenyReason::UnknownCreator,
            Wrong::Person(Person::UnknownSubmitter) => DenyReason::UnknownSubmitter,
            Wrong::Person(Person::Approver) => DenyReason::NotAnApprover,
        }
    }
}

impl fmt::Display for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Wrong::State => f.write_str(sentence!(wrong_state, "task")),
            Wrong::FilesAttached => f.write_str(self.reason().describe()),
            Wrong::ApprovalPolicy(policy) => write!(f, "the kind's approval policy is {policy}"),
            Wrong::Role(roles) => write!(f, "the user holds none of {roles}"),
            Wrong::Person(person) => f.write_str(person.describe()),
        }
    }
}

/// A workflow event that is not allowed: the task's kind and state, the event,
/// and what was [`Wrong`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("cannot {event} the {kind} task in {state}: {wrong}")]
pub struct WorkflowError {
    pub(super) kind: TaskKind,
    pub(super) state: TaskState,
    pub(super) event: TaskEvent,
    pub(super) wrong: Wrong,
}

impl WorkflowError {
    accessors! {
        /// The task kind.
        kind -> TaskKind;
        /// The task's state.
        state -> TaskState;
        /// The event.
        event -> TaskEvent;
        /// What was wrong.
        wrong -> Wrong;
        reason from wrong;
        code;
    }
}
