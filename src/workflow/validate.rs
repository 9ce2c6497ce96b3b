//! The task workflow validator: [`validate`].

use core::fmt;

use crate::people::FourEyes;
use crate::records::Approval;
use crate::vocabulary::vocabulary;
use crate::workflow::{approval_policy, ApprovalPolicy, Relations, TaskEvent};
use crate::{Role, Roles, Subject, Task, TaskKind, TaskState};

vocabulary! {
    /// Which person rule an actor failed.
    pub enum Person ("person rule") {
        /// Only the task's assigned user may (or `itam_process_manager`, where the
        /// event allows it).
        AssignedUser = "assigned_user",
        /// Only the assigned user or a member of the assignment group may.
        AssignedUserOrGroup = "assigned_user_or_group",
        /// Four eyes: the assigned user and the creator never approve or reject
        /// their own task.
        FourEyes = "four_eyes",
        /// Four eyes cannot be checked: the task's creator is unknown (neither a
        /// person nor the system), so no approval is accepted.
        UnknownCreator = "unknown_creator",
        /// Only a responsible person of the task's assets, an added approver or (on
        /// decommissioning) a committee member approves or rejects.
        Approver = "approver",
    }
}

impl Person {
    /// The rule in words, for messages.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Person::AssignedUser => "the user is not the assigned user",
            Person::AssignedUserOrGroup => {
                "the user is neither the assigned user nor in the assignment group"
            }
            Person::FourEyes => "the assigned user and the creator never approve their own task",
            Person::UnknownCreator => {
                "the task's creator is unknown, so four eyes cannot be checked"
            }
            Person::Approver => "the user is not an approver of the task",
        }
    }
}

/// What was wrong with a workflow event, in the order [`validate`] checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl fmt::Display for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Wrong::State => f.write_str("the task's state does not allow it"),
            Wrong::FilesAttached => f.write_str("a file of new assets is attached"),
            Wrong::ApprovalPolicy(policy) => write!(f, "the kind's approval policy is {policy}"),
            Wrong::Role(roles) => write!(f, "the user holds none of {roles}"),
            Wrong::Person(person) => f.write_str(person.describe()),
        }
    }
}

/// A workflow event that is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("cannot {event} the {kind} task in {state}: {wrong}")]
pub struct WorkflowError {
    /// The task kind.
    pub kind: TaskKind,
    /// The task's state.
    pub state: TaskState,
    /// The event.
    pub event: TaskEvent,
    /// What was wrong.
    pub wrong: Wrong,
}

/// The role that performs a task of `kind`: `itam_operation_specialist`, except
/// on change of responsible, where spec.md's matrix makes `itam_process_manager`
/// the assigned user.
#[must_use]
pub const fn performer(kind: TaskKind) -> Role {
    match kind {
        // spec.md §2: update as the assigned user is the process manager's.
        TaskKind::ChangeOfResponsible => Role::ProcessManager,
        // Only specialists are assigned.
        TaskKind::Registration
        | TaskKind::Allocation
        | TaskKind::Inventory
        | TaskKind::Relocation
        | TaskKind::ChangeOfStock
        | TaskKind::ReturnToStock
        | TaskKind::Maintenance
        | TaskKind::Upgrading
        | TaskKind::Decommissioning
        | TaskKind::Disposal
        | TaskKind::AssetTransfer => Role::OperationSpecialist,
    }
}

/// The state a task moves to when `subject` makes `event` happen (lifecycle.md §2).
///
/// `relations` says how the user relates to the task beyond what [`Task`] holds
/// (assignment group, responsible person, added approver, committee member) and
/// two facts of the task (a file of new assets attached; every approver has now
/// approved). Checks run in this order, and the first failure is reported:
///
/// 1. the state ([`Wrong::State`]), and for a registration being canceled, no
///    file of new assets attached ([`Wrong::FilesAttached`]);
/// 2. the kind's [`approval_policy`] ([`Wrong::ApprovalPolicy`]);
/// 3. the roles ([`Wrong::Role`]);
/// 4. the person ([`Wrong::Person`]): assigned user, assignment group, four eyes,
///    approver.
///
/// `approve` gives `approved` when [`Relations::ALL_APPROVED`] is set and leaves
/// the task `pending_approval` otherwise. `reject` sends it back to `in_progress`
/// (ours). Every event needs ITAM access; an approver who is a responsible person
/// of the task's assets (and neither an added approver nor a committee member)
/// must hold `itam_responsible` (ours: only its holders can be made responsible).
///
/// # Errors
///
/// A [`WorkflowError`] naming the kind, the state, the event and what was
/// [`Wrong`].
pub fn validate<U: PartialEq>(
    subject: &Subject<U>,
    task: &Task<U>,
    relations: Relations,
    event: TaskEvent,
) -> Result<TaskState, WorkflowError> {
    let actor = Actor::new(subject, task, relations);
    let outcome = match event {
        TaskEvent::StartWork => start_work(&actor),
        TaskEvent::Postpone => postpone(&actor),
        TaskEvent::SendForApproval => send_for_approval(&actor),
        // Every approver of the task approves (lifecycle.md §2), as for a
        // contract: the one definition of when an approval is complete.
        TaskEvent::Approve => approve(&actor).map(|()| {
            if Approval::Every.is_complete(relations.contains(Relations::ALL_APPROVED)) {
                TaskState::Approved
            } else {
                TaskState::PendingApproval
            }
        }),
        TaskEvent::Reject => approve(&actor).map(|()| TaskState::InProgress),
        TaskEvent::Complete => complete(&actor),
        TaskEvent::Cancel => cancel(&actor),
    };
    outcome.map_err(|wrong| WorkflowError {
        kind: task.kind,
        state: task.state,
        event,
        wrong,
    })
}

/// What the rules need to know about the user and the task.
struct Actor {
    kind: TaskKind,
    state: TaskState,
    roles: Roles,
    assigned: bool,
    four_eyes: Result<(), FourEyes>,
    relations: Relations,
}

impl Actor {
    fn new<U: PartialEq>(subject: &Subject<U>, task: &Task<U>, relations: Relations) -> Self {
        let people = task.people();
        Actor {
            kind: task.kind,
            state: task.state,
            roles: subject.effective(),
            assigned: people.is_assignee(subject.id()),
            four_eyes: people.four_eyes(subject.id()),
            relations,
        }
    }

    /// The state is one of `from`.
    fn state_in(&self, from: &[TaskState]) -> Result<(), Wrong> {
        if from.contains(&self.state) {
            Ok(())
        } else {
            Err(Wrong::State)
        }
    }

    /// The kind has an approval step.
    fn has_approval(&self) -> Result<(), Wrong> {
        match approval_policy(self.kind) {
            ApprovalPolicy::None => Err(Wrong::ApprovalPolicy(ApprovalPolicy::None)),
            // Approval may or must be asked.
            ApprovalPolicy::Optional | ApprovalPolicy::Required => Ok(()),
        }
    }

    /// `itam_process_manager`, or the performer role as the assigned user.
    fn manager_or_assigned_performer(&self) -> Result<(), Wrong> {
        self.manager_or_assigned(performer(self.kind))
    }

    /// `itam_process_manager`, or `role` as the assigned user.
    fn manager_or_assigned(&self, role: Role) -> Result<(), Wrong> {
        if self.roles.has(Role::ProcessManager) {
            return Ok(());
        }
        if !self.roles.has(role) {
            return Err(Wrong::Role(Roles::PROCESS_MANAGER | role.bit()));
        }
        self.assigned_user()
    }

    /// The performer role, as the assigned user only.
    fn assigned_performer(&self) -> Result<(), Wrong> {
        let performer = performer(self.kind);
        if !self.roles.has(performer) {
            return Err(Wrong::Role(performer.bit()));
        }
        self.assigned_user()
    }

    fn assigned_user(&self) -> Result<(), Wrong> {
        if self.assigned {
            Ok(())
        } else {
            Err(Wrong::Person(Person::AssignedUser))
        }
    }
}

fn start_work(actor: &Actor) -> Result<TaskState, Wrong> {
    actor.state_in(&[TaskState::Registered, TaskState::Postponed])?;
    let performer = performer(actor.kind);
    if !actor.roles.has(performer) {
        return Err(Wrong::Role(performer.bit()));
    }
    if !actor.assigned && !actor.relations.contains(Relations::IN_ASSIGNMENT_GROUP) {
        return Err(Wrong::Person(Person::AssignedUserOrGroup));
    }
    Ok(TaskState::InProgress)
}

fn postpone(actor: &Actor) -> Result<TaskState, Wrong> {
    actor.state_in(&[TaskState::Registered, TaskState::InProgress])?;
    actor.manager_or_assigned_performer()?;
    Ok(TaskState::Postponed)
}

fn send_for_approval(actor: &Actor) -> Result<TaskState, Wrong> {
    actor.state_in(&[TaskState::InProgress])?;
    actor.has_approval()?;
    actor.manager_or_assigned_performer()?;
    Ok(TaskState::PendingApproval)
}

/// Approve and reject: the same people.
fn approve(actor: &Actor) -> Result<(), Wrong> {
    actor.state_in(&[TaskState::PendingApproval])?;
    actor.has_approval()?;
    if !actor.roles.has(Role::Agent) {
        return Err(Wrong::Role(Roles::AGENT));
    }
    let r = actor.relations;
    let committee =
        matches!(actor.kind, TaskKind::Decommissioning) && r.contains(Relations::COMMITTEE_MEMBER);
    let named = r.contains(Relations::ADDED_APPROVER) || committee;
    let responsible = r.contains(Relations::ASSET_RESPONSIBLE);
    if !named && responsible && !actor.roles.has(Role::Responsible) {
        return Err(Wrong::Role(Roles::RESPONSIBLE));
    }
    match actor.four_eyes {
        Ok(()) => {}
        Err(FourEyes::Own(_)) => return Err(Wrong::Person(Person::FourEyes)),
        Err(FourEyes::UnknownCreator) => return Err(Wrong::Person(Person::UnknownCreator)),
    }
    if !named && !responsible {
        return Err(Wrong::Person(Person::Approver));
    }
    Ok(())
}

fn complete(actor: &Actor) -> Result<TaskState, Wrong> {
    actor.state_in(&[TaskState::InProgress, TaskState::Approved])?;
    let policy = approval_policy(actor.kind);
    if actor.state == TaskState::InProgress && policy == ApprovalPolicy::Required {
        return Err(Wrong::ApprovalPolicy(policy));
    }
    match actor.kind {
        // Documented: only the assigned user completes an inventory.
        TaskKind::Inventory => actor.assigned_performer()?,
        // The assigned user, or the process manager.
        TaskKind::Registration
        | TaskKind::Allocation
        | TaskKind::ChangeOfResponsible
        | TaskKind::Relocation
        | TaskKind::ChangeOfStock
        | TaskKind::ReturnToStock
        | TaskKind::Maintenance
        | TaskKind::Upgrading
        | TaskKind::Decommissioning
        | TaskKind::Disposal
        | TaskKind::AssetTransfer => actor.manager_or_assigned_performer()?,
    }
    Ok(TaskState::Completed)
}

fn cancel(actor: &Actor) -> Result<TaskState, Wrong> {
    // Any state that is not terminal.
    if actor.state.is_terminal() {
        return Err(Wrong::State);
    }
    let files = actor.relations.contains(Relations::FILES_ATTACHED);
    if actor.kind == TaskKind::Registration && files {
        return Err(Wrong::FilesAttached);
    }
    // lifecycle.md §2 names the role here for every kind: the specialist as the
    // assigned user (on change of responsible the manager cancels anyway).
    actor.manager_or_assigned(Role::OperationSpecialist)?;
    Ok(TaskState::Canceled)
}
