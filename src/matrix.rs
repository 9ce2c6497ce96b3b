//! The task permission matrix of SOURCES.md §T1: one row a task kind, one cell an action.
//!
//! A cell is a list of [`Grant`]s, any one of which allows. A grant names the roles
//! (any one of them suffices, held directly or through inclusion) and a
//! [`Clause`]: always, only as the task's assigned user, or only when the user
//! does not also hold a given role. A cell may also hold only while the task is
//! open (inventory's update: [`Cell::is_open_only`]).
//!
//! ```
//! use itam_rbac::{matrix, Action, TaskKind};
//!
//! let cell = matrix::cell(TaskKind::Maintenance, Action::Update);
//! assert_eq!(
//!     cell.to_string(),
//!     "itam_process_manager, or itam_operation_specialist as the assigned user"
//! );
//! assert!(matrix::cell(TaskKind::Maintenance, Action::Delete).is_never());
//! ```

use core::fmt;

use crate::accessors::accessors;
use crate::{Action, Clause, Grant, Roles, TaskKind};

/// One cell of the matrix: who may take `action` on tasks of `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell {
    /// The row.
    pub kind: TaskKind,
    /// The column.
    pub action: Action,
    grants: &'static [Grant],
    open_only: bool,
}

impl Cell {
    accessors! {
        /// The grants of the cell, in the order they are tried; any one allows.
        grants -> &'static [Grant];
    }

    /// Whether the whole cell applies only while the task is open: once the task is
    /// completed or canceled nobody may (inventory updates).
    #[must_use]
    pub const fn is_open_only(&self) -> bool {
        self.open_only
    }

    /// Whether the cell grants nothing to anyone (every delete cell).
    #[must_use]
    pub const fn is_never(&self) -> bool {
        self.grants.is_empty()
    }
}

impl fmt::Display for Cell {
    /// The grants joined by `, or `, then `, while the task is open` for a cell
    /// that applies only then; a cell that grants nothing prints
    /// `nobody (never granted)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.grants.is_empty() {
            return f.write_str("nobody (never granted)");
        }
        for (i, grant) in self.grants.iter().enumerate() {
            if i > 0 {
                f.write_str(", or ")?;
            }
            write!(f, "{grant}")?;
        }
        if self.open_only {
            f.write_str(", while the task is open (neither completed nor canceled)")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// The cells of SOURCES.md §T1 (role names shortened as in the spec).

const AGENT: Roles = Roles::AGENT;
const RESPONSIBLE: Roles = Roles::RESPONSIBLE;
const SPECIALIST: Roles = Roles::OPERATION_SPECIALIST;
const MANAGER: Roles = Roles::PROCESS_MANAGER;
const CONTRACT_MANAGER: Roles = Roles::CONTRACT_MANAGER;

/// One cell's rule: its grants, any one of which allows, and whether the whole
/// cell applies only while the task is open (neither completed nor canceled).
struct Rule {
    grants: &'static [Grant],
    open_only: bool,
}

impl Rule {
    /// The grants, in every state of the task.
    const fn any(grants: &'static [Grant]) -> Rule {
        Rule {
            grants,
            open_only: false,
        }
    }
}

/// Read: `itam_agent`.
const READ: Rule = Rule::any(&[Grant::holding(AGENT)]);

/// Create: `operation_specialist`, `process_manager`, `responsible`.
const CREATE: Rule = Rule::any(&[Grant::holding(SPECIALIST.union(MANAGER).union(RESPONSIBLE))]);

/// Update (Registration and most kinds): `process_manager`; `operation_specialist` who
/// is the task's assigned user.
const UPDATE: Rule = Rule::any(&[Grant::holding(MANAGER), Grant::as_assigned_user(SPECIALIST)]);

/// Update (Inventory), the decided reading (SOURCES.md §T3): while the task is open,
/// any `itam_agent` except a holder of `contract_manager`, or `process_manager` or
/// `operation_specialist`; once it is completed or canceled, nobody. The completion
/// clause binds the whole cell.
const UPDATE_INVENTORY: Rule = Rule {
    grants: &[
        Grant::without(AGENT, CONTRACT_MANAGER),
        Grant::holding(MANAGER.union(SPECIALIST)),
    ],
    open_only: true,
};

/// Update (Change of responsible): `responsible`; `process_manager` who is the task's
/// assigned user.
const UPDATE_CHANGE_OF_RESPONSIBLE: Rule = Rule::any(&[
    Grant::holding(RESPONSIBLE),
    Grant::as_assigned_user(MANAGER),
]);

/// Delete: never granted, to any role.
const NEVER: Rule = Rule::any(&[]);

/// One row of the matrix.
struct Row {
    read: Rule,
    create: Rule,
    update: Rule,
}

/// The matrix itself: one row a task kind, as in SOURCES.md §T1. Delete is `NEVER` in
/// every row (see [`cell`]).
#[rustfmt::skip]
const fn row(kind: TaskKind) -> Row {
    use TaskKind as K;
    match kind {
        //                                  read,  create, update
        K::Registration        => Row { read: READ, create: CREATE, update: UPDATE },
        K::Allocation          => Row { read: READ, create: CREATE, update: UPDATE },
        K::Inventory           => Row { read: READ, create: CREATE, update: UPDATE_INVENTORY },
        K::ChangeOfResponsible => Row { read: READ, create: CREATE, update: UPDATE_CHANGE_OF_RESPONSIBLE },
        K::Relocation          => Row { read: READ, create: CREATE, update: UPDATE },
        K::ChangeOfStock       => Row { read: READ, create: CREATE, update: UPDATE },
        K::ReturnToStock       => Row { read: READ, create: CREATE, update: UPDATE },
        K::Maintenance         => Row { read: READ, create: CREATE, update: UPDATE },
        K::Upgrading           => Row { read: READ, create: CREATE, update: UPDATE },
        K::Decommissioning     => Row { read: READ, create: CREATE, update: UPDATE },
        K::Disposal            => Row { read: READ, create: CREATE, update: UPDATE },
        K::AssetTransfer       => Row { read: READ, create: CREATE, update: UPDATE },
    }
}

/// The cell of the matrix for `action` on tasks of `kind`.
#[must_use]
#[inline]
pub const fn cell(kind: TaskKind, action: Action) -> Cell {
    let row = row(kind);
    let rule = match action {
        Action::Read => row.read,
        Action::Create => row.create,
        Action::Update => row.update,
        Action::Delete => NEVER,
    };
    Cell {
        kind,
        action,
        grants: rule.grants,
        open_only: rule.open_only,
    }
}

/// The most grants a cell of the matrix holds (the review sizes its answer by it).
///
/// Computed while the crate compiles, over every cell, and so the place that
/// checks every grant: it names a role, and only roles that reach `itam_agent`, so a
/// user without `itam_agent` is denied by the table itself and `can` needs no
/// separate check for it; and its clause is none of the workflow's.
#[allow(
    dead_code,
    reason = "read by review's `const _` check, which Rust 1.81's lint does not count as a use"
)]
pub(crate) const MAX_GRANTS: usize = {
    let mut most = 0;
    let mut kinds = TaskKind::ALL;
    while let [kind, other_kinds @ ..] = kinds {
        let mut actions = Action::ALL;
        while let [action, other_actions @ ..] = actions {
            let grants = cell(*kind, *action).grants;
            if grants.len() > most {
                most = grants.len();
            }
            let mut rest = grants;
            while let [grant, others @ ..] = rest {
                check_grant(grant);
                rest = others;
            }
            actions = other_actions;
        }
        kinds = other_kinds;
    }
    most
};

/// Fails the build unless `grant` names a role, only roles that reach
/// `itam_agent`, and none of the workflow's clauses.
#[allow(
    dead_code,
    reason = "called by `MAX_GRANTS`, which Rust 1.81's lint counts as unused"
)]
const fn check_grant(grant: &Grant) {
    assert!(
        !grant.roles.is_empty(),
        "a grant must name at least one role"
    );
    assert!(
        !matches!(
            grant.clause,
            Clause::FourEyes | Clause::AsAssignedUserOrGroup
        ),
        "four eyes and the assignment group are the workflow's clauses"
    );
    let mut roles = crate::Role::ALL;
    while let [role, others @ ..] = roles {
        assert!(
            !grant.roles.contains(role.bit()) || role.effective().contains(AGENT),
            "every role a grant names must reach itam_agent"
        );
        roles = others;
    }
}

// ---------------------------------------------------------------------------
// The same table as bit masks, for `can`: computed from `cell` while the crate
// compiles, so there is still one policy; a decision becomes a few AND, OR and
// compare instructions with no branch to mispredict.

/// One cell as masks of role bits, for a task that is open or closed: the roles
/// that the cell grants to a user who is the assigned user and to one who is not,
/// and the one "unless" grant apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Masks {
    /// The roles granted, at `assigned` (0: not the assigned user, 1: the assigned
    /// user).
    pub(crate) by_assigned: [u32; 2],
    /// Roles granted unless the user also holds one of `excluded`.
    pub(crate) unless: u32,
    /// The roles that exclude `unless`.
    pub(crate) excluded: u32,
}

impl Masks {
    /// A cell that grants nothing.
    const NONE: Masks = Masks {
        by_assigned: [0; 2],
        unless: 0,
        excluded: 0,
    };

    /// The masks of `cell` for a task that is `open` (not completed nor canceled)
    /// or closed.
    #[expect(
        clippy::indexing_slicing,
        reason = "const evaluation only: a bad index fails the build"
    )]
    const fn of(cell: Cell, open: bool) -> Masks {
        let mut masks = Masks::NONE;
        if cell.open_only && !open {
            return masks;
        }
        let mut i = 0;
        while i < cell.grants.len() {
            let grant = cell.grants[i];
            let roles = grant.roles.bits();
            let mut assigned = 0;
            while assigned < 2 {
                let applies = match grant.clause {
                    Clause::Always => true,
                    // The matrix has no assignment-group clause (checked at compile
                    // time above): here it grants only to the assigned user.
                    Clause::AsAssignedUser | Clause::AsAssignedUserOrGroup => assigned == 1,
                    // Kept apart below: it depends on the roles, not the context.
                    Clause::Unless(_) => false,
                    // Four eyes needs the task's people: no matrix cell names it
                    // (checked at compile time above), and here it grants nothing.
                    Clause::FourEyes => false,
                };
                if applies {
                    masks.by_assigned[assigned] |= roles;
                }
                assigned += 1;
            }
            if let Clause::Unless(excluded) = grant.clause {
                // One exclusion a cell: two could not share one mask.
                assert!(masks.excluded == 0, "a cell may have one `Unless` grant");
                masks.unless = roles;
                masks.excluded = excluded.bits();
            }
            i += 1;
        }
        masks
    }

    /// The index into [`MASKS`] of a request: the cell, then open or closed.
    #[inline]
    const fn index(kind: TaskKind, action: Action, open: bool) -> usize {
        2 * (kind as usize * Action::ALL.len() + action as usize) + open as usize
    }
}

/// How many cells the matrix has.
const CELLS: usize = TaskKind::ALL.len() * Action::ALL.len();

/// The masks of every cell, open and closed, at [`Masks::index`].
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
static MASKS: [Masks; CELLS * 2] = {
    let mut table = [Masks::NONE; CELLS * 2];
    let mut k = 0;
    while k < TaskKind::ALL.len() {
        let mut a = 0;
        while a < Action::ALL.len() {
            let (kind, action) = (TaskKind::ALL[k], Action::ALL[a]);
            table[Masks::index(kind, action, false)] = Masks::of(cell(kind, action), false);
            table[Masks::index(kind, action, true)] = Masks::of(cell(kind, action), true);
            a += 1;
        }
        k += 1;
    }
    table
};

/// Every cell of the matrix, at the cell part of [`Masks::index`]: what
/// [`cell`] returns, read at run time from a table rather than through its
/// matches (the decision path of [`explain`](crate::explain)).
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
static CELL_TABLE: [Cell; CELLS] = {
    let mut table = [cell(TaskKind::Registration, Action::Delete); CELLS];
    let mut k = 0;
    while k < TaskKind::ALL.len() {
        let mut a = 0;
        while a < Action::ALL.len() {
            let (kind, action) = (TaskKind::ALL[k], Action::ALL[a]);
            table[Masks::index(kind, action, false) / 2] = cell(kind, action);
            a += 1;
        }
        k += 1;
    }
    table
};

/// [`cell`], from the table: the same cell (a test compares every one).
#[inline]
pub(crate) fn cell_at(kind: TaskKind, action: Action) -> Cell {
    CELL_TABLE
        .get(Masks::index(kind, action, false) / 2)
        .copied()
        .unwrap_or(Cell {
            kind,
            action,
            grants: NEVER.grants,
            open_only: NEVER.open_only,
        })
}

/// The masks of the cell for `action` on tasks of `kind`, open or closed.
#[inline]
pub(crate) fn masks(kind: TaskKind, action: Action, open: bool) -> Masks {
    MASKS
        .get(Masks::index(kind, action, open))
        .copied()
        .unwrap_or(Masks::NONE)
}
