//! Role engineering: where the roles' responsibilities overlap, what each role alone
//! grants, and the least-privilege role sets of each job function (SOURCES.md §J).
//!
//! Everything here is read from the same tables the decisions use: the task matrix
//! ([`matrix::cell`](crate::matrix::cell)), the task workflow
//! ([`workflow::grants`](crate::workflow::grants), and
//! [`workflow::check_event`](crate::workflow::check_event) for which events exist on
//! a kind and who approves), the record tables, and the manual moves
//! ([`ManualMove::role`](crate::lifecycle::ManualMove::role)). A [`Permission`] is one
//! operation on one kind of thing; a [`PermissionSet`] is a bit set of them, `Copy`
//! and allocation-free, as is every iterator of this module.
//!
//! - [`direct`]: what the tables name a role for (not through inclusion);
//!   [`granted`]: everything a role set grants.
//! - [`overlaps`]: every pair of roles and every permission both are named for,
//!   with the clause of each.
//! - [`sole`]: what only one role is named for (nobody else can cover it);
//!   [`added`]: what a role grants beyond the roles it includes; [`removed`]: what
//!   it takes away from them; [`redundant`]: the roles that add nothing.
//! - [`JobFunction`]: the job functions of SOURCES.md §J, their duties as
//!   permissions, the product's mapping, and [`least_privilege`] role sets.
//!
//! Counting rules (DECISIONS.md, *Role engineering*): a permission is granted to a
//! role set when some grant of it names a role of the set (held through inclusion
//! counts), whatever its clause or state; the "unless holding" clause is applied
//! against the set. A task is approved by `itam_responsible` (as the responsible
//! person of its assets); an added approver or a committee member is named on the
//! task, not granted by a role, so it counts for no role.
//!
//! ```
//! use itam_rbac::review::engineering::{self, JobFunction, Permission};
//! use itam_rbac::{Action, Role, Roles, TaskKind};
//!
//! // Both create tasks of every kind, each named directly by the matrix.
//! let create = Permission::Task(TaskKind::Maintenance, Action::Create);
//! assert!(engineering::direct(Role::ProcessManager).contains(create));
//! assert!(engineering::direct(Role::OperationSpecialist).contains(create));
//!
//! // itam_endpoint_user adds nothing to itam_agent.
//! assert!(engineering::added(Role::EndpointUser).is_empty());
//! assert!(engineering::redundant().any(|r| r == Role::EndpointUser));
//!
//! // Finance and legal: the least-privilege set is the product's mapping, and it
//! // prepares and approves functional budgets.
//! let best: Vec<_> = JobFunction::FinanceAndLegal.least_privilege().collect();
//! assert_eq!(best.len(), 1);
//! assert_eq!(
//!     best[0].roles(),
//!     Roles::FINANCE_MANAGER | Roles::CONTRACT_APPROVER | Roles::BUDGET_CONTROLLER
//! );
//! assert!(best[0].conflicts().any(|c| c.preparer() == Role::FinanceManager));
//! ```

mod duty;
mod job;
mod permission;

use core::fmt;

use crate::{Clause, Role, Roles};
pub use duty::{least_privilege, Assignment, LeastPrivilege};
pub use job::JobFunction;
use permission::Table;
pub use permission::{Permission, PermissionSet, PERMISSIONS};

/// What the tables name `role` itself for: not what it holds through inclusion.
#[must_use]
pub fn direct(role: Role) -> PermissionSet {
    Table::new().direct(role)
}

/// Everything a user granted `roles` is granted (the roles closed under
/// inclusion; an "unless holding" clause applied against them), whatever the
/// clause or the state.
#[must_use]
pub fn granted(roles: Roles) -> PermissionSet {
    Table::new().granted(roles)
}

/// What only `role` is named for: no other role is (a role that includes it is
/// granted it only through it). Nobody else can cover these.
#[must_use]
pub fn sole(role: Role) -> PermissionSet {
    let table = Table::new();
    let mut others = PermissionSet::EMPTY;
    for &other in Role::ALL {
        if other != role {
            others = others.union(table.direct(other));
        }
    }
    table.direct(role).difference(others)
}

/// What `role` grants beyond what the roles it includes grant.
#[must_use]
pub fn added(role: Role) -> PermissionSet {
    let table = Table::new();
    table
        .granted(role.bit())
        .difference(table.granted(role.includes()))
}

/// What the roles `role` includes grant and `role` does not: holding it takes them
/// away (only an "unless holding" clause can).
#[must_use]
pub fn removed(role: Role) -> PermissionSet {
    let table = Table::new();
    table
        .granted(role.includes())
        .difference(table.granted(role.bit()))
}

/// The roles with no permission of their own: each grants nothing beyond what the
/// roles it includes grant ([`added`] is empty), in [`Role::ALL`] order.
pub fn redundant() -> impl Iterator<Item = Role> + Clone {
    Role::ALL
        .iter()
        .copied()
        .filter(|&role| added(role).is_empty())
}

/// A role named for a permission, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Named {
    /// The role.
    pub role: Role,
    /// The clause of the first grant that names it.
    pub clause: Clause,
    /// Whether that grant holds in every state of the item.
    pub in_every_state: bool,
}

impl fmt::Display for Named {
    /// E.g. `itam_operation_specialist as the assigned user`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.role)?;
        if self.clause.is_conditional() {
            write!(f, " {}", self.clause)?;
        }
        if !self.in_every_state {
            f.write_str(", in some states")?;
        }
        Ok(())
    }
}

/// Two roles both named directly for one permission ([`overlaps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Overlap {
    /// What both are granted.
    pub permission: Permission,
    /// The first role, in [`Role::ALL`] order, and its clause.
    pub first: Named,
    /// The second role and its clause.
    pub second: Named,
}

impl fmt::Display for Overlap {
    /// E.g. `create maintenance task: itam_operation_specialist; itam_process_manager`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}; {}", self.permission, self.first, self.second)
    }
}

/// Every pair of roles (in [`Role::ALL`] order) and every permission the tables
/// name both for directly, pair by pair, each pair's permissions in index order.
#[must_use]
pub fn overlaps() -> Overlaps {
    Overlaps {
        table: Table::new(),
        first: 0,
        second: 1,
        permission: 0,
    }
}

/// The iterator of [`overlaps`].
#[derive(Debug, Clone)]
pub struct Overlaps {
    table: Table,
    first: usize,
    second: usize,
    permission: usize,
}

impl Iterator for Overlaps {
    type Item = Overlap;

    fn next(&mut self) -> Option<Overlap> {
        loop {
            let first = *Role::ALL.get(self.first)?;
            let Some(&second) = Role::ALL.get(self.second) else {
                self.first += 1;
                self.second = self.first + 1;
                continue;
            };
            let Some(permission) = Permission::from_index(self.permission) else {
                self.second += 1;
                self.permission = 0;
                continue;
            };
            self.permission += 1;
            let both = self
                .table
                .direct(first)
                .intersection(self.table.direct(second));
            if !both.contains(permission) {
                continue;
            }
            let named = |role: Role| {
                permission
                    .clause_of(role)
                    .map(|(clause, in_every_state)| Named {
                        role,
                        clause,
                        in_every_state,
                    })
            };
            if let (Some(first), Some(second)) = (named(first), named(second)) {
                return Some(Overlap {
                    permission,
                    first,
                    second,
                });
            }
        }
    }
}

impl core::iter::FusedIterator for Overlaps {}
