//! Review functions, as NIST RBAC names them: who may do what.
//!
//! - [`roles_that_can`]: the minimal roles that grant an operation on a task kind or
//!   a record kind, each with the per-person clause it carries (assigned user, four
//!   eyes, unless holding a role, before completed) marked, not applied.
//! - [`grants_of`]: everything one role grants, directly or through the roles it
//!   includes, as a listing.
//! - [`permitted_actions`]: every action and workflow event one user may take on
//!   one task now, as a set a UI can turn into buttons.
//! - [`engineering`]: role engineering over every role at once: the permissions
//!   two roles are both named for, what each role alone is named for or adds to
//!   the roles it includes, and the least-privilege role sets of each job function.
//!
//! `roles_that_can` and `grants_of` read the same tables the decisions use
//! ([`matrix::cell`] for tasks, each record's [`RecordState`](crate::records::RecordState)
//! table, frozen states included), so they cannot drift; `permitted_actions` asks
//! the decisions themselves. Task workflow events (start work, approve, ...) depend
//! on the person as much as on the role, so `roles_that_can` and `grants_of` do not
//! list them; `permitted_actions` does, for one user and one task.
//!
//! ```
//! use itam_rbac::records::{RecordEvent, RecordKind};
//! use itam_rbac::review::{grants_of, roles_that_can};
//! use itam_rbac::{Action, Clause, Role, Roles, TaskKind};
//!
//! let who = roles_that_can(Action::Update, TaskKind::Maintenance);
//! assert_eq!(who.roles(), Roles::PROCESS_MANAGER | Roles::OPERATION_SPECIALIST);
//! assert!(who.is_conditional());
//!
//! // itam_demand_manager edits nomenclature only through itam_nomenclature_manager,
//! // so the minimal role is the latter.
//! assert_eq!(roles_that_can(Action::Create, RecordKind::Nomenclature).roles(), Roles::NOMENCLATURE_MANAGER);
//!
//! let approve = roles_that_can(RecordEvent::Approve, RecordKind::Contract);
//! let first = approve.requirements().next().unwrap();
//! assert_eq!(first.roles, Roles::CONTRACT_APPROVER);
//! assert_eq!(first.clause, Clause::FourEyes);
//!
//! let inherited = grants_of(Role::DemandManager)
//!     .find(|g| g.target == RecordKind::Nomenclature.into() && g.operation == Action::Create.into())
//!     .unwrap();
//! assert_eq!(inherited.via, Role::NomenclatureManager);
//! assert!(!inherited.is_direct());
//! ```

pub mod engineering;
mod listing;
mod permitted;

pub use self::listing::{grants_of, Entitlement, RoleGrants};
pub use self::permitted::{permitted_actions, Permitted};

use core::fmt;

use crate::accessors::accessors;
use crate::matrix;
use crate::records::{self, RecordEvent, RecordKind};
use crate::{Action, Clause, Grant, Roles, TaskKind};

/// What an operation acts on: a task kind or a record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// Tasks of a kind.
    Task(TaskKind),
    /// Records of a kind.
    Record(RecordKind),
}

impl From<TaskKind> for Target {
    fn from(kind: TaskKind) -> Self {
        Target::Task(kind)
    }
}

impl From<RecordKind> for Target {
    fn from(kind: RecordKind) -> Self {
        Target::Record(kind)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Task(kind) => write!(f, "{kind} task"),
            Target::Record(kind) => write!(f, "{kind}"),
        }
    }
}

/// What is done: an [`Action`] or a record's state change (the review's question,
/// and what a [`RecordFilter`](crate::filter::RecordFilter) is for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    /// Read, create, update or delete.
    Action(Action),
    /// A record event.
    Event(RecordEvent),
}

impl From<Action> for Operation {
    fn from(action: Action) -> Self {
        Operation::Action(action)
    }
}

impl From<RecordEvent> for Operation {
    fn from(event: RecordEvent) -> Self {
        Operation::Event(event)
    }
}

impl Operation {
    /// The system name of the action or event (action and event names never
    /// coincide).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Operation::Action(action) => action.name(),
            Operation::Event(event) => event.name(),
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Operation {
    /// The system name.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// One way to be granted an operation: any of `roles`, on `clause`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Requirement {
    /// The roles, any one of which suffices (minimal in [`roles_that_can`]; as the
    /// table names them in [`grants_of`]).
    pub roles: Roles,
    /// The clause beyond holding the role.
    pub clause: Clause,
    /// Whether the grant holds whatever the record's state (false where the table
    /// depends on the state: asset records, and the task matrix's "before completed").
    pub in_every_state: bool,
}

/// How many distinct requirements one operation can have: requirements are merged
/// by (clause, state dependence), so a record operation has at most one a
/// (clause, `in_every_state`) pair of the clauses its tables use (always, as the
/// assigned user, four eyes), and a task operation at most one a grant of its
/// cell. Both bounds are checked at compile time below.
const SLOTS: usize = 6;

// The build fails here if a record rule could give more requirements than there are
// slots: one a (record clause, in every state or not) pair at most.
const _: () = assert!(
    3 * 2 <= SLOTS,
    "a record operation can exceed the review slots"
);

// The build fails here if a cell of the task matrix has more grants than there are
// slots.
const _: () = assert!(
    matrix::MAX_GRANTS <= SLOTS,
    "a task matrix cell can exceed the review slots"
);

/// The answer of [`roles_that_can`]: up to six requirements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RolesThatCan {
    target: Target,
    operation: Operation,
    items: [Option<Requirement>; SLOTS],
}

impl RolesThatCan {
    accessors! {
        /// The target asked about.
        target -> Target;
        /// The operation asked about.
        operation -> Operation;
    }

    /// Every requirement, any one of which grants the operation.
    pub fn requirements(&self) -> impl Iterator<Item = Requirement> + '_ {
        self.items.iter().flatten().copied()
    }

    /// The minimal roles that can be granted the operation, clauses ignored.
    #[must_use]
    pub fn roles(&self) -> Roles {
        minimal(
            self.requirements()
                .fold(Roles::empty(), |all, r| all | r.roles),
        )
    }

    /// Whether nobody is ever granted the operation.
    #[must_use]
    pub fn is_never(&self) -> bool {
        self.requirements().next().is_none()
    }

    /// Whether some requirement carries a clause or depends on the state.
    #[must_use]
    pub fn is_conditional(&self) -> bool {
        self.requirements()
            .any(|r| r.clause.is_conditional() || !r.in_every_state)
    }
}

mod sealed {
    /// Keeps [`AppliesTo`](super::AppliesTo) implemented by this crate only.
    pub trait Sealed<T> {}
}

/// An operation that exists on a target: an [`Action`] on a task kind or a record
/// kind, a [`RecordEvent`] (or any [`Operation`]) on a record kind. A record event asked of a task kind
/// does not compile:
///
/// ```compile_fail
/// use itam_rbac::records::RecordEvent;
/// use itam_rbac::review::roles_that_can;
/// use itam_rbac::TaskKind;
///
/// let _ = roles_that_can(RecordEvent::Cancel, TaskKind::Maintenance);
/// ```
pub trait AppliesTo<T>: sealed::Sealed<T> + Into<Operation> {}

impl sealed::Sealed<TaskKind> for Action {}
impl AppliesTo<TaskKind> for Action {}
impl sealed::Sealed<RecordKind> for Action {}
impl AppliesTo<RecordKind> for Action {}
impl sealed::Sealed<RecordKind> for RecordEvent {}
impl AppliesTo<RecordKind> for RecordEvent {}
impl sealed::Sealed<RecordKind> for Operation {}
impl AppliesTo<RecordKind> for Operation {}

/// The minimal roles that grant `operation` on `target`, each requirement with its
/// clause marked (not applied). Never allocates. Task workflow events are the
/// workflow's ([`workflow::grants`](crate::workflow::grants)).
#[must_use]
pub fn roles_that_can<O, T>(operation: O, target: T) -> RolesThatCan
where
    O: AppliesTo<T>,
    T: Into<Target>,
{
    let (operation, target) = (operation.into(), target.into());
    let mut items = table_requirements(operation, target);
    for item in items.iter_mut().flatten() {
        item.roles = minimal(item.roles);
    }
    RolesThatCan {
        target,
        operation,
        items,
    }
}

/// `roles` without every role that includes another of them.
#[must_use]
pub fn minimal(roles: Roles) -> Roles {
    roles
        .roles()
        .filter(|role| !role.effective().difference(role.bit()).intersects(roles))
        .collect()
}

/// The requirements as the tables write them, merged by clause.
pub(crate) fn table_requirements(
    operation: Operation,
    target: Target,
) -> [Option<Requirement>; SLOTS] {
    let mut items = [None; SLOTS];
    let mut add = |grant: Grant, in_every_state: bool| {
        merge(
            &mut items,
            Requirement {
                roles: grant.roles,
                clause: grant.clause,
                in_every_state,
            },
        );
    };
    match (target, operation) {
        // The task matrix.
        (Target::Task(kind), Operation::Action(action)) => {
            let cell = matrix::cell(kind, action);
            for grant in cell.grants() {
                add(*grant, !cell.is_open_only());
            }
        }
        // Task events belong to the task workflow: not listed here.
        (Target::Task(_), Operation::Event(_)) => {}
        // A record's action table, over its states.
        (Target::Record(kind), Operation::Action(action)) => {
            records::visit_action_rules(kind, action, &mut |grant: Grant, every| {
                add(grant, every);
            });
        }
        // A record's event rule.
        (Target::Record(kind), Operation::Event(event)) => {
            if let Some(grant) = records::event_rule(kind, event) {
                add(grant, true);
            }
        }
    }
    items
}

/// Adds `new` to `items`, joining the roles of a requirement with the same clause
/// and state dependence. A free slot always exists for a new (clause, state
/// dependence) pair: the compile-time checks beside [`SLOTS`] bound how many an
/// operation can have.
fn merge(items: &mut [Option<Requirement>; SLOTS], new: Requirement) {
    let same = |r: &Requirement| r.clause == new.clause && r.in_every_state == new.in_every_state;
    if let Some(old) = items.iter_mut().flatten().find(|r| same(r)) {
        old.roles |= new.roles;
    } else if let Some(slot) = items.iter_mut().find(|slot| slot.is_none()) {
        *slot = Some(new);
    }
}
