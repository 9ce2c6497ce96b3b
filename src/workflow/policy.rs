//! Per-kind and per-state facts of the task workflow: the approval policy and the
//! fields that stay editable.

use crate::vocabulary::vocabulary;
use crate::{explain, Action, Allowed, Denied, DenyReason, Subject, Task, TaskKind, TaskState};

vocabulary! {
    /// Whether a task kind goes through approval (SOURCES.md §T6).
    pub enum ApprovalPolicy ("approval policy") {
        /// No approval step: `send_for_approval` is refused.
        None = "none",
        /// Approval may be asked; the task may also complete straight from
        /// `in_progress`.
        Optional = "optional",
        /// The task completes only once approved.
        Required = "required",
    }
}

/// The approval policy of `kind`: the static table of SOURCES.md §T6.
///
/// ```
/// use itam_rbac::workflow::{approval_policy, ApprovalPolicy};
/// use itam_rbac::TaskKind;
///
/// assert_eq!(approval_policy(TaskKind::Inventory), ApprovalPolicy::None);
/// assert_eq!(approval_policy(TaskKind::Decommissioning), ApprovalPolicy::Required);
/// ```
#[must_use]
#[rustfmt::skip]
pub const fn approval_policy(kind: TaskKind) -> ApprovalPolicy {
    use ApprovalPolicy::{None, Optional, Required};
    match kind {
        TaskKind::Registration        => None,     // no approval step is documented
        TaskKind::Allocation          => Optional, // ours
        TaskKind::Inventory           => None,     // no approval step is documented
        TaskKind::ChangeOfResponsible => Optional, // ours
        TaskKind::Relocation          => Optional, // ours
        TaskKind::ChangeOfStock       => Optional, // ours
        TaskKind::ReturnToStock       => Optional, // ours
        TaskKind::Maintenance         => Optional, // ours
        TaskKind::Upgrading           => Optional, // ours
        TaskKind::Decommissioning     => Required, // ours: it has a committee
        TaskKind::Disposal            => Optional, // documented
        TaskKind::AssetTransfer       => Optional, // documented
    }
}

bitflags::bitflags! {
    /// Fields of a task record, as far as the workflow tells them apart.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    pub struct TaskFields: u8 {
        /// The priority.
        const PRIORITY = 1 << 0;
        /// The assignment group.
        const ASSIGNMENT_GROUP = 1 << 1;
        /// Every other field: description, assigned user, assets, spare parts, ...
        const OTHER = 1 << 2;
    }
}

/// The fields of a task of `kind` in `state` that the workflow leaves editable;
/// whether a user may update the task at all is the matrix's
/// ([`can`](crate::can) with [`Action::Update`]).
///
/// While `pending_approval` and once `approved`, only the priority and the
/// assignment group are (SOURCES.md §T7). Every other state leaves every field to
/// the matrix, terminal states included (ours: SOURCES.md §T7 freezes fields only
/// around approval; the matrix itself closes an inventory once it is completed or
/// canceled). The answer is the same for every
/// kind today; `kind` is in the signature so that a rule of one kind is not a
/// breaking change.
///
/// ```
/// use itam_rbac::workflow::{editable_fields, TaskFields};
/// use itam_rbac::{TaskKind, TaskState};
///
/// let fields = editable_fields(TaskKind::Maintenance, TaskState::PendingApproval);
/// assert_eq!(fields, TaskFields::PRIORITY | TaskFields::ASSIGNMENT_GROUP);
/// ```
#[must_use]
pub const fn editable_fields(_kind: TaskKind, state: TaskState) -> TaskFields {
    // The rule is the same for every kind (SOURCES.md §T7); the kind stays in the
    // signature so that a kind-specific rule would not change the API.
    match state {
        // Read-only but for priority and assignment group.
        TaskState::PendingApproval | TaskState::Approved => {
            TaskFields::PRIORITY.union(TaskFields::ASSIGNMENT_GROUP)
        }
        // The matrix decides.
        TaskState::Registered
        | TaskState::InProgress
        | TaskState::Postponed
        | TaskState::Completed
        | TaskState::Canceled => TaskFields::all(),
    }
}

/// Guards an edit of `fields` of `task` by `subject`: the one call a host makes
/// before it saves an edited task. The matrix must allow the update
/// ([`check`](crate::check)), and the task's state must leave every one of
/// `fields` editable ([`editable_fields`]: while a task waits for or has its
/// approval, only priority and assignment group). Returns the matrix's allow.
///
/// ```
/// use itam_rbac::workflow::{check_edit, TaskFields};
/// use itam_rbac::{DenyReason, Role, Subject, Task, TaskKind, TaskState};
///
/// let manager = Subject::new(1_u32, Role::ProcessManager);
/// let task = Task::new(TaskKind::Relocation, TaskState::PendingApproval);
/// assert!(check_edit(&manager, &task, TaskFields::PRIORITY).is_ok());
/// let denied = check_edit(&manager, &task, TaskFields::OTHER).unwrap_err();
/// assert_eq!(denied.reason(), DenyReason::FieldsReadOnly);
/// assert_eq!(denied.code(), 42);
/// assert_eq!(
///     denied.to_string(),
///     "update on relocation denied: the fields are read-only in this state"
/// );
/// ```
///
/// # Errors
///
/// [`Denied`]: the matrix's denial of the update, or
/// [`DenyReason::FieldsReadOnly`] when the state leaves a field read-only.
pub fn check_edit<U: Eq>(
    subject: &Subject<U>,
    task: &Task<U>,
    fields: TaskFields,
) -> Result<Allowed, Denied> {
    let allowed = explain(subject, Action::Update, task).into_result()?;
    if editable_fields(task.kind, task.state).contains(fields) {
        Ok(allowed)
    } else {
        Err(Denied::new(
            allowed.cell(),
            task.state,
            DenyReason::FieldsReadOnly,
        ))
    }
}

/// Whether `subject` may edit every one of `fields` of `task`: [`check_edit`] as
/// a `bool`.
///
/// ```
/// use itam_rbac::workflow::{can_edit, TaskFields};
/// use itam_rbac::{Role, Subject, Task, TaskKind, TaskState};
///
/// let manager = Subject::new(1_u32, Role::ProcessManager);
/// let task = Task::new(TaskKind::Relocation, TaskState::PendingApproval);
/// assert!(can_edit(&manager, &task, TaskFields::PRIORITY));
/// assert!(!can_edit(&manager, &task, TaskFields::OTHER));
/// ```
#[must_use]
pub fn can_edit<U: Eq>(subject: &Subject<U>, task: &Task<U>, fields: TaskFields) -> bool {
    check_edit(subject, task, fields).is_ok()
}
