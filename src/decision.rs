//! The decisions: [`can`], [`check`] and [`explain`].
//!
//! All three give the same answer for the same arguments. `can` is the fast path
//! (a `bool`); `check` returns the [`Allowed`] grant or the typed [`Denied`] error;
//! `explain` returns a [`Decision`] that names the cell of the matrix and the clause
//! that decided, with a stable numeric [`code`](Decision::code) a host can write to
//! its audit log.
//!
//! ```
//! use itam_rbac::{check, explain, DenyReason, Action, Role, Subject, Task, TaskKind, TaskState};
//!
//! let specialist = Subject::new(7_u32, Role::OperationSpecialist);
//! let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(8);
//!
//! let denied = check(&specialist, Action::Update, &task).unwrap_err();
//! assert_eq!(denied.reason(), DenyReason::NotAssignedUser);
//! assert_eq!(
//!     denied.to_string(),
//!     "update on maintenance denied: itam_operation_specialist as the assigned user \
//!      does not apply, the user is not the assigned user; \
//!      update on maintenance needs itam_process_manager, \
//!      or itam_operation_specialist as the assigned user"
//! );
//!
//! let mine = task.assigned_to(7);
//! let decision = explain(&specialist, Action::Update, &mine);
//! assert!(decision.is_allowed());
//! assert_eq!(decision.code(), 2);
//! ```

use core::fmt;

use crate::accessors::accessors;
use crate::grant::{self, Facts};
use crate::matrix::{self, Cell};
use crate::{
    Action, AllowReason, Clause, DenyReason, Grant, Roles, Subject, Task, TaskKind, TaskState,
};

impl AllowReason {
    /// The reason a grant with `clause` gives when it allows. Four eyes is the
    /// clause of the records' approve and reject (no task matrix cell names it,
    /// checked at compile time in `matrix`): an approver who is not one of the
    /// item's own people.
    #[inline]
    pub(crate) const fn of(clause: Clause) -> Self {
        match clause {
            Clause::Always => AllowReason::HoldsRole,
            Clause::FourEyes => AllowReason::Approver,
            Clause::AsAssignedUser | Clause::AsAssignedUserOrGroup => AllowReason::AssignedUser,
            Clause::Unless(_) => AllowReason::NotExcluded,
        }
    }
}

/// An allowed request: the cell, the task's state and the clause that allowed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Allowed {
    cell: Cell,
    state: TaskState,
    clause: usize,
    grant: Grant,
}

impl Allowed {
    accessors! {
        /// The task's state when it was decided (for the audit record).
        state -> TaskState;
        /// The cell of the matrix that decided.
        cell -> Cell;
    }

    /// The grant (clause) that allowed, and its position in the cell (from 0).
    #[must_use]
    pub const fn clause(&self) -> (usize, Grant) {
        (self.clause, self.grant)
    }

    /// Why it was allowed.
    #[must_use]
    #[inline]
    pub const fn reason(&self) -> AllowReason {
        AllowReason::of(self.grant.clause)
    }
}

impl fmt::Display for Allowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} on {} allowed: {} (clause {} of {})",
            self.cell.action,
            self.cell.kind,
            self.grant,
            self.clause + 1,
            self.cell.grants().len()
        )
    }
}

/// A denied request: the cell, why, and the nearest grant the user missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{} on {} denied: {}{}", cell.action, cell.kind, Why(*reason, *missed), Needs(*cell, *reason))]
pub struct Denied {
    cell: Cell,
    state: TaskState,
    reason: DenyReason,
    missed: Option<Grant>,
}

impl Denied {
    /// A denial of `cell` on a task in `state` for `reason`, with no grant missed.
    pub(crate) const fn new(cell: Cell, state: TaskState, reason: DenyReason) -> Self {
        Denied {
            cell,
            state,
            reason,
            missed: None,
        }
    }

    accessors! {
        /// The task's state when it was decided (for the audit record).
        state -> TaskState;
        /// The cell of the matrix that decided.
        cell -> Cell;
        /// Why it was denied.
        reason -> DenyReason;
        /// The grant the user came nearest to: one whose role the user holds but whose
        /// condition failed; of two such grants, the later in the cell, which names
        /// the narrower roles (on inventory, the before-completed grant of the process
        /// manager and the specialist rather than the one of every `itam_agent`).
        /// `None` when the user holds none of the cell's roles.
        missed -> Option<Grant>;
        code;
    }

    /// The task kind of the request.
    #[must_use]
    pub const fn kind(&self) -> TaskKind {
        self.cell.kind
    }

    /// The action of the request.
    #[must_use]
    pub const fn action(&self) -> Action {
        self.cell.action
    }
}

/// The end of a denial's message: what the cell needs, unless it grants nothing
/// (then the reason said it all).
struct Needs(Cell, DenyReason);

impl fmt::Display for Needs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Needs(cell, reason) = *self;
        if cell.is_never() || reason == DenyReason::FieldsReadOnly {
            Ok(())
        } else {
            write!(f, "; {} on {} needs {cell}", cell.action, cell.kind)
        }
    }
}

/// The middle of a denial's message: why, in words.
struct Why(DenyReason, Option<Grant>);

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Why(reason, missed) = *self;
        if let Some(grant) = missed {
            write!(f, "{grant} does not apply, ")?;
        }
        f.write_str(reason.describe())
    }
}

/// The answer of [`explain`]: allowed or denied, with the cell and clause that
/// decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[must_use]
pub enum Decision {
    /// The request is allowed.
    Allow(Allowed),
    /// The request is denied.
    Deny(Denied),
}

impl Decision {
    /// Whether the request is allowed.
    #[must_use]
    pub const fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow(_))
    }

    /// The stable audit code: an [`AllowReason::code`] (below 10) or a
    /// [`DenyReason::code`] (10 and up).
    #[must_use]
    #[inline]
    pub const fn code(&self) -> u8 {
        match self {
            Decision::Allow(allowed) => allowed.reason().code(),
            Decision::Deny(denied) => denied.reason.code(),
        }
    }

    /// The cell of the matrix that decided.
    #[must_use]
    pub const fn cell(&self) -> Cell {
        match self {
            Decision::Allow(allowed) => allowed.cell,
            Decision::Deny(denied) => denied.cell,
        }
    }

    /// The task's state when it was decided.
    #[must_use]
    pub const fn state(&self) -> TaskState {
        match self {
            Decision::Allow(allowed) => allowed.state,
            Decision::Deny(denied) => denied.state,
        }
    }

    /// `Ok` with the allowing clause, or the [`Denied`] error.
    ///
    /// # Errors
    ///
    /// [`Denied`] when the decision is a denial.
    pub const fn into_result(self) -> Result<Allowed, Denied> {
        match self {
            Decision::Allow(allowed) => Ok(allowed),
            Decision::Deny(denied) => Err(denied),
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Allow(allowed) => allowed.fmt(f),
            Decision::Deny(denied) => denied.fmt(f),
        }
    }
}

/// May `subject` take `action` on `task`? Deny by default; never panics, never
/// allocates.
///
/// ```
/// use itam_rbac::{can, Action, Role, Subject, Task, TaskKind, TaskState};
///
/// let user = Subject::new(42_u64, Role::OperationSpecialist);
/// let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(42);
/// assert!(can(&user, Action::Update, &task));
/// assert!(!can(&user, Action::Delete, &task));
/// ```
#[must_use]
#[expect(
    clippy::needless_bitwise_bool,
    reason = "`&` and `|` keep the decision free of branches"
)]
pub fn can<U: Eq>(subject: &Subject<U>, action: Action, task: &Task<U>) -> bool {
    // The cell's grants as role masks, for an open or a closed task, one for the
    // assigned user and one for anybody else (see `matrix`), combined with `&` and
    // `|` rather than `&&` and `||`: no branch, so no misprediction on mixed
    // traffic.
    let open = !task.state.is_terminal();
    let m = matrix::masks(task.kind, action, open);
    let roles = subject.effective().bits();
    let assigned = task.is_assigned_to(subject.id());
    let granted = m
        .by_assigned
        .get(usize::from(assigned))
        .copied()
        .unwrap_or(0);
    (roles & granted != 0) | ((roles & m.unless != 0) & (roles & m.excluded == 0))
}

/// [`can`] as a `Result`: the grant that allowed (with its [`AllowReason`] and
/// audit code, for the host's log), or the reason of a denial.
///
/// ```
/// use itam_rbac::{check, Action, AllowReason, Role, Subject, Task, TaskKind, TaskState};
///
/// let user = Subject::new(42_u64, Role::OperationSpecialist);
/// let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(42);
/// let allowed = check(&user, Action::Update, &task)?;
/// assert_eq!(allowed.reason(), AllowReason::AssignedUser);
/// assert_eq!(allowed.reason().code(), 2);
/// # Ok::<(), itam_rbac::Denied>(())
/// ```
///
/// # Errors
///
/// [`Denied`] when `subject` may not take `action` on `task`: delete (always), no
/// ITAM access, none of the cell's roles, not the assigned user, holding the excluded
/// role, or the task already closed where the cell closes with it.
pub fn check<U: Eq>(
    subject: &Subject<U>,
    action: Action,
    task: &Task<U>,
) -> Result<Allowed, Denied> {
    explain(subject, action, task).into_result()
}

/// The same answer as [`can`], with the cell and clause that decided.
pub fn explain<U: Eq>(subject: &Subject<U>, action: Action, task: &Task<U>) -> Decision {
    // The matrix has no assignment-group clause and no four eyes (both checked
    // in `matrix`).
    let facts = Facts::without_four_eyes(&task.people(), subject.id(), false);
    decide(
        subject.effective(),
        matrix::cell_at(task.kind, action),
        facts,
        task.state,
    )
}

/// Tries the grants of `cell` in order; the first that applies allows. Otherwise the
/// denial names the last grant whose role the user holds (the nearest miss: the
/// cells list the broad grants first).
#[inline]
fn decide(effective: Roles, cell: Cell, facts: Facts, state: TaskState) -> Decision {
    let closed = state.is_terminal();
    let deny = |reason, missed| {
        Decision::Deny(Denied {
            cell,
            state,
            reason,
            missed,
        })
    };
    match cell.action {
        Action::Delete => return deny(DenyReason::DeleteNeverGranted, None),
        Action::Read | Action::Create | Action::Update => {}
    }
    if !effective.contains(Roles::AGENT) {
        return deny(DenyReason::NoItamAccess, None);
    }
    if cell.is_open_only() && closed {
        // Nobody may once the task is closed: the denial names the last grant whose
        // role the user holds, as the nearest miss.
        let held = cell
            .grants()
            .iter()
            .rev()
            .find(|grant| effective.intersects(grant.roles));
        return match held {
            Some(grant) => deny(DenyReason::TaskClosed, Some(*grant)),
            None => deny(DenyReason::MissingRole, None),
        };
    }
    match grant::first_allowing(cell.grants(), effective, facts) {
        Ok((clause, grant, _)) => Decision::Allow(Allowed {
            cell,
            state,
            clause,
            grant,
        }),
        Err(Some((grant, why))) => deny(why.reason(), Some(grant)),
        Err(None) => deny(DenyReason::MissingRole, None),
    }
}
