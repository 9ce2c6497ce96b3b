//! The task workflow validator: [`validate`].

use core::fmt;

use crate::accessors::accessors;
use crate::grant::{self, Facts, Shortfall};
use crate::people::FourEyes;
use crate::records::Approval;
use crate::workflow::{approval_policy, ApprovalPolicy, Relations, TaskEvent};
use crate::{AllowReason, Grant, Role, Roles, Subject, Task, TaskKind, TaskState};

mod error;

pub use error::{Person, WorkflowError, Wrong};

/// The role that performs a task of `kind`: `itam_operation_specialist`, except
/// on change of responsible, where the matrix (SOURCES.md §T1) makes `itam_process_manager`
/// the assigned user.
#[must_use]
pub const fn performer(kind: TaskKind) -> Role {
    who(kind).performer
}

/// The task workflow's state machine (SOURCES.md §T5): every legal
/// `(from, event, to)`. An approve that is not yet every approver's leaves the task
/// `pending_approval` ([`validate`]).
#[rustfmt::skip]
pub const EDGES: &[(TaskState, TaskEvent, TaskState)] = {
    use TaskEvent as E;
    use TaskState as S;
    &[
        (S::Registered,      E::StartWork,       S::InProgress),
        (S::Postponed,       E::StartWork,       S::InProgress),
        (S::Registered,      E::Postpone,        S::Postponed),
        (S::InProgress,      E::Postpone,        S::Postponed),
        (S::InProgress,      E::SendForApproval, S::PendingApproval),
        (S::PendingApproval, E::Approve,         S::Approved),
        // Ours: a rejected task goes back to work.
        (S::PendingApproval, E::Reject,          S::InProgress),
        (S::InProgress,      E::Complete,        S::Completed),
        (S::Approved,        E::Complete,        S::Completed),
        // Cancel from any state that is not terminal.
        (S::Registered,      E::Cancel,          S::Canceled),
        (S::InProgress,      E::Cancel,          S::Canceled),
        (S::Postponed,       E::Cancel,          S::Canceled),
        (S::PendingApproval, E::Cancel,          S::Canceled),
        (S::Approved,        E::Cancel,          S::Canceled),
    ]
};

/// Who performs the tasks of one group of kinds, and who may make each event
/// happen on them, beyond the state and the approval policy. Approve and reject are the approvers' (see
/// [`validate`]), not a grant of roles.
#[derive(Debug)]
struct Who {
    /// The role that performs the tasks ([`performer`]).
    performer: Role,
    start_work: &'static [Grant],
    postpone: &'static [Grant],
    send_for_approval: &'static [Grant],
    complete: &'static [Grant],
    cancel: &'static [Grant],
}

const MANAGER: Roles = Roles::PROCESS_MANAGER;
const SPECIALIST: Roles = Roles::OPERATION_SPECIALIST;

/// `itam_process_manager`, or `performer` as the assigned user.
const fn manager_or_assigned(performer: Roles) -> [Grant; 2] {
    [Grant::holding(MANAGER), Grant::as_assigned_user(performer)]
}

/// The kinds an operation specialist performs.
const BY_SPECIALIST: &[Grant; 2] = &manager_or_assigned(SPECIALIST);
/// Change of responsible, which the process manager performs.
const BY_MANAGER: &[Grant; 2] = &manager_or_assigned(MANAGER);

#[rustfmt::skip]
const SPECIALIST_TASKS: Who = Who {
    // Only specialists are assigned.
    performer:         Role::OperationSpecialist,
    start_work:        &[Grant::as_assigned_user_or_group(SPECIALIST)],
    postpone:          BY_SPECIALIST,
    send_for_approval: BY_SPECIALIST,
    complete:          BY_SPECIALIST,
    cancel:            BY_SPECIALIST,
};

#[rustfmt::skip]
const INVENTORY: Who = Who {
    // Documented: only the assigned user completes an inventory.
    complete:          &[Grant::as_assigned_user(SPECIALIST)],
    ..SPECIALIST_TASKS
};

#[rustfmt::skip]
const CHANGE_OF_RESPONSIBLE: Who = Who {
    // SOURCES.md §T1: update as the assigned user is the process manager's.
    performer:         Role::ProcessManager,
    start_work:        &[Grant::as_assigned_user_or_group(MANAGER)],
    postpone:          BY_MANAGER,
    send_for_approval: BY_MANAGER,
    complete:          BY_MANAGER,
    // SOURCES.md §T5 names the role here for every kind: the specialist as the
    // assigned user (on change of responsible the manager cancels anyway).
    cancel:            BY_SPECIALIST,
};

/// The performer and the event grants of the tasks of `kind`.
const fn who(kind: TaskKind) -> &'static Who {
    match kind {
        TaskKind::Inventory => &INVENTORY,
        TaskKind::ChangeOfResponsible => &CHANGE_OF_RESPONSIBLE,
        TaskKind::Registration
        | TaskKind::Allocation
        | TaskKind::Relocation
        | TaskKind::ChangeOfStock
        | TaskKind::ReturnToStock
        | TaskKind::Maintenance
        | TaskKind::Upgrading
        | TaskKind::Decommissioning
        | TaskKind::Disposal
        | TaskKind::AssetTransfer => &SPECIALIST_TASKS,
    }
}

/// An approver of a task: who the host says the user is to the task, on which
/// kinds, and the grant that then approves and rejects.
#[derive(Debug)]
struct Approver {
    relation: Relations,
    only: Option<TaskKind>,
    grant: Grant,
}

impl Approver {
    /// Whether the row names a user with `relations` to a task of `kind`.
    const fn names(&self, kind: TaskKind, relations: Relations) -> bool {
        let kind_fits = match self.only {
            Some(only) => only as u8 == kind as u8,
            None => true,
        };
        kind_fits && relations.contains(self.relation)
    }
}

/// Who approves and rejects a task (SOURCES.md §T5), always on four eyes: the
/// rows are tried in order, the first that allows names the roles.
#[rustfmt::skip]
const APPROVERS: &[Approver] = &[
    // An added approver, named on the task: any ITAM user.
    Approver { relation: Relations::ADDED_APPROVER,    only: None,
               grant: Grant::four_eyes(Roles::AGENT) },
    // A member of the decommissioning committee: any ITAM user.
    Approver { relation: Relations::COMMITTEE_MEMBER,  only: Some(TaskKind::Decommissioning),
               grant: Grant::four_eyes(Roles::AGENT) },
    // A responsible person of the task's assets, holding `itam_responsible`.
    Approver { relation: Relations::ASSET_RESPONSIBLE, only: None,
               grant: Grant::four_eyes(Roles::RESPONSIBLE) },
];

/// Who may make `event` happen on a task of `kind`; `None` for approve and reject,
/// which are the approvers' (see [`validate`]).
#[must_use]
pub const fn grants(kind: TaskKind, event: TaskEvent) -> Option<&'static [Grant]> {
    let who = who(kind);
    match event {
        TaskEvent::StartWork => Some(who.start_work),
        TaskEvent::Postpone => Some(who.postpone),
        TaskEvent::SendForApproval => Some(who.send_for_approval),
        TaskEvent::Complete => Some(who.complete),
        TaskEvent::Cancel => Some(who.cancel),
        // The approvers, four eyes: not a grant of roles.
        TaskEvent::Approve | TaskEvent::Reject => None,
    }
}

// Every workflow grant names the kind's performer where it is as the assigned user.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
const _: () = {
    let mut k = 0;
    while k < TaskKind::ALL.len() {
        let kind = TaskKind::ALL[k];
        let mut e = 0;
        while e < TaskEvent::ALL.len() {
            if let Some(grants) = grants(kind, TaskEvent::ALL[e]) {
                let mut g = 0;
                while g < grants.len() {
                    assert!(!grants[g].roles.is_empty(), "a grant names a role");
                    g += 1;
                }
            }
            e += 1;
        }
        k += 1;
    }
};

/// The state a task moves to when `subject` makes `event` happen (SOURCES.md §T5).
///
/// `relations` says how the user relates to the task beyond what [`Task`] holds
/// (assignment group, responsible person, added approver, committee member) and
/// two facts of the task (a file of new assets attached; every approver has now
/// approved). Checks run in this order, and the first failure is reported:
///
/// 1. the state ([`EDGES`]: [`Wrong::State`]), and for a registration being
///    canceled, no file of new assets attached ([`Wrong::FilesAttached`]);
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
pub fn validate<U: Eq>(
    subject: &Subject<U>,
    task: &Task<U>,
    relations: Relations,
    event: TaskEvent,
) -> Result<TaskState, WorkflowError> {
    check_event(subject, task, relations, event).map(|allowed| allowed.next)
}

/// [`validate`], with why the event was allowed: the [`EventAllowed`] grant (its
/// [`AllowReason`] and audit code, for the host's log), or the same
/// [`WorkflowError`].
///
/// ```
/// use itam_rbac::workflow::{check_event, Relations, TaskEvent};
/// use itam_rbac::{AllowReason, Role, Subject, Task, TaskKind, TaskState};
///
/// let specialist = Subject::new(7_u32, Role::OperationSpecialist);
/// let task = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(8);
/// let allowed = check_event(&specialist, &task, Relations::IN_ASSIGNMENT_GROUP, TaskEvent::StartWork)?;
/// assert_eq!(allowed.next(), TaskState::InProgress);
/// assert_eq!(allowed.reason(), AllowReason::InAssignmentGroup);
/// assert_eq!(allowed.reason().code(), 5);
/// # Ok::<(), itam_rbac::workflow::WorkflowError>(())
/// ```
///
/// # Errors
///
/// As [`validate`].
pub fn check_event<U: Eq>(
    subject: &Subject<U>,
    task: &Task<U>,
    relations: Relations,
    event: TaskEvent,
) -> Result<EventAllowed, WorkflowError> {
    let actor = Actor::new(subject, task, relations);
    match actor.check(event) {
        Ok((next, (reason, roles))) => Ok(EventAllowed {
            kind: task.kind,
            state: task.state,
            event,
            next,
            reason,
            roles,
        }),
        Err(wrong) => Err(WorkflowError {
            kind: task.kind,
            state: task.state,
            event,
            wrong,
        }),
    }
}

/// An allowed workflow event ([`check_event`]): the task's kind and state, the
/// event, the state it moves to, why, and the roles of the rule that allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventAllowed {
    kind: TaskKind,
    state: TaskState,
    event: TaskEvent,
    next: TaskState,
    reason: AllowReason,
    roles: Roles,
}

impl EventAllowed {
    accessors! {
        /// The task kind.
        kind -> TaskKind;
        /// The task's state before the event.
        state -> TaskState;
        /// The event.
        event -> TaskEvent;
        /// The state the task moves to (as [`validate`] returns it).
        next -> TaskState;
        /// Why it was allowed: [`AllowReason::HoldsRole`],
        /// [`AllowReason::AssignedUser`], [`AllowReason::InAssignmentGroup`] or
        /// [`AllowReason::Approver`].
        reason -> AllowReason;
        /// The roles of the rule that allowed: the grant's, or for an approver
        /// `itam_responsible` (a responsible person of the assets) or `itam_agent` (an
        /// added approver or a committee member).
        roles -> Roles;
        code;
    }
}

impl fmt::Display for EventAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} the {} task in {}: allowed, {}",
            self.event,
            self.kind,
            self.state,
            self.reason.describe()
        )
    }
}

impl Wrong {
    /// The fault of an event whose grants (of `roles`, all together) fell short
    /// for `why`.
    pub(crate) const fn short_of(roles: Roles, why: Shortfall) -> Self {
        match why {
            Shortfall::NobodyAssigned => Wrong::Person(Person::NobodyAssigned),
            Shortfall::NotAssignedUser => Wrong::Person(Person::AssignedUser),
            Shortfall::NotAssignedUserOrGroup => Wrong::Person(Person::AssignedUserOrGroup),
            Shortfall::FourEyes(FourEyes::Own(_)) => Wrong::Person(Person::FourEyes),
            Shortfall::FourEyes(FourEyes::UnknownCreator) => Wrong::Person(Person::UnknownCreator),
            Shortfall::FourEyes(FourEyes::UnknownSubmitter) => {
                Wrong::Person(Person::UnknownSubmitter)
            }
            // No workflow grant excludes a role; should one, the event is refused
            // as the roles'.
            Shortfall::Role | Shortfall::Excluded => Wrong::Role(roles),
        }
    }
}

/// What the rules need to know about the user and the task.
struct Actor {
    kind: TaskKind,
    state: TaskState,
    roles: Roles,
    facts: Facts,
    relations: Relations,
}

impl Actor {
    fn new<U: Eq>(subject: &Subject<U>, task: &Task<U>, relations: Relations) -> Self {
        let in_group = relations.contains(Relations::IN_ASSIGNMENT_GROUP);
        Actor {
            kind: task.kind,
            state: task.state,
            roles: subject.effective(),
            // Every task approval follows a submission.
            facts: Facts::new(&task.people(), subject.id(), in_group, true),
            relations,
        }
    }

    /// The checks of [`validate`], in order: the next state and why it is allowed.
    #[inline]
    fn check(&self, event: TaskEvent) -> Result<(TaskState, (AllowReason, Roles)), Wrong> {
        let next = EDGES
            .iter()
            .find(|&&(from, on, _)| from == self.state && on == event)
            .map(|&(_, _, to)| to)
            .ok_or(Wrong::State)?;
        let files = self.relations.contains(Relations::FILES_ATTACHED);
        if event == TaskEvent::Cancel && self.kind == TaskKind::Registration && files {
            return Err(Wrong::FilesAttached);
        }
        self.policy_allows(event)?;
        let why = match grants(self.kind, event) {
            Some(grants) => self.one_of(grants)?,
            None => self.approver()?,
        };
        if event == TaskEvent::Approve {
            // Every approver of the task approves (SOURCES.md §T5), as for a
            // contract: the one definition of when an approval is complete.
            let all = self.relations.contains(Relations::ALL_APPROVED);
            if !Approval::Every.is_complete(all) {
                return Ok((TaskState::PendingApproval, why));
            }
        }
        Ok((next, why))
    }

    /// The kind's approval policy: no approval events without approval, no
    /// completion before approval where it is required.
    #[inline]
    fn policy_allows(&self, event: TaskEvent) -> Result<(), Wrong> {
        let policy = approval_policy(self.kind);
        let refused = match event {
            TaskEvent::SendForApproval | TaskEvent::Approve | TaskEvent::Reject => {
                policy == ApprovalPolicy::None
            }
            TaskEvent::Complete => {
                self.state == TaskState::InProgress && policy == ApprovalPolicy::Required
            }
            TaskEvent::StartWork | TaskEvent::Postpone | TaskEvent::Cancel => false,
        };
        if refused {
            Err(Wrong::ApprovalPolicy(policy))
        } else {
            Ok(())
        }
    }

    /// Any one of `grants` allows. Otherwise: the roles of them all when the user
    /// holds none, or the person rule of the last grant whose role the user holds.
    #[inline]
    fn one_of(&self, grants: &[Grant]) -> Result<(AllowReason, Roles), Wrong> {
        match grant::first_allowing(grants, self.roles, self.facts) {
            Ok((_, grant, reason)) => Ok((reason, grant.roles)),
            Err(nearest) => {
                let roles = grant::roles_of(grants);
                Err(Wrong::short_of(
                    roles,
                    nearest.map_or(Shortfall::Role, |(_, why)| why),
                ))
            }
        }
    }

    /// Approve and reject: the rows of [`APPROVERS`] whose relation the host
    /// reports, each on four eyes; the first that allows. With none, the user is
    /// no approver (four eyes is asked first, as of anybody approving).
    #[inline]
    fn approver(&self) -> Result<(AllowReason, Roles), Wrong> {
        if !self.roles.has(Role::Agent) {
            return Err(Wrong::Role(Roles::AGENT));
        }
        let rows = || {
            APPROVERS
                .iter()
                .filter(|row| row.names(self.kind, self.relations))
        };
        match grant::first_allowing(rows().map(|row| &row.grant), self.roles, self.facts) {
            Ok((_, grant, reason)) => Ok((reason, grant.roles)),
            Err(Some((_, why))) => Err(Wrong::short_of(Roles::AGENT, why)),
            Err(None) => {
                let roles = grant::roles_of(rows().map(|row| &row.grant));
                if !roles.is_empty() {
                    return Err(Wrong::Role(roles));
                }
                if let Err(four_eyes) = self.facts.four_eyes() {
                    return Err(Wrong::short_of(roles, Shortfall::FourEyes(four_eyes)));
                }
                Err(Wrong::Person(Person::Approver))
            }
        }
    }
}
