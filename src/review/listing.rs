//! [`grants_of`]: what one role grants, directly and through inclusion.
//!
//! ```
//! use itam_rbac::review::grants_of;
//! use itam_rbac::Role;
//!
//! let direct: Vec<String> = grants_of(Role::FinanceAgent)
//!     .filter(|g| g.is_direct())
//!     .map(|g| g.to_string())
//!     .collect();
//! assert_eq!(direct, ["read functional_budget", "read actual_cost_item"]);
//!
//! // Through itam_agent it reads every task and the open ITAM tables, and may update
//! // inventory tasks.
//! let inherited = grants_of(Role::FinanceAgent).filter(|g| !g.is_direct()).count();
//! assert_eq!(inherited, 17);
//! ```

use core::fmt;

use super::{table_requirements, Operation, Requirement, Target};
use crate::records::RecordEvent;
use crate::records::RecordKind;
use crate::{Action, Clause, Role, TaskKind};

/// One line of [`grants_of`]: the role may take `operation` on `target`, on
/// `clause`, through the role `via`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entitlement {
    /// The role listed.
    pub role: Role,
    /// The task or record kind.
    pub target: Target,
    /// What it may do.
    pub operation: Operation,
    /// The clause beyond holding the role.
    pub clause: Clause,
    /// Whether it holds whatever the record's state.
    pub in_every_state: bool,
    /// The role the table names: `role` itself, or a role it includes.
    pub via: Role,
}

impl Entitlement {
    /// Whether the table names the role itself (not a role it includes).
    #[must_use]
    pub fn is_direct(&self) -> bool {
        self.via == self.role
    }
}

impl fmt::Display for Entitlement {
    /// E.g. `create nomenclature (through itam_nomenclature_manager)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.operation, self.target)?;
        if self.clause.is_conditional() {
            write!(f, ", {}", self.clause)?;
        }
        if !self.in_every_state {
            f.write_str(", in some states")?;
        }
        if !self.is_direct() {
            write!(f, " (through {})", self.via)?;
        }
        Ok(())
    }
}

/// Everything `role` grants on its own, directly or through the roles it includes:
/// every task kind then every record kind, every action then every record event.
/// A grant the role itself excludes (the inventory update rule for
/// `itam_contract_manager`) is left out. Never allocates.
#[must_use]
pub fn grants_of(role: Role) -> RoleGrants {
    RoleGrants {
        role,
        target: 0,
        operation: 0,
        item: 0,
    }
}

/// The iterator of [`grants_of`].
#[derive(Debug, Clone)]
pub struct RoleGrants {
    role: Role,
    target: usize,
    operation: usize,
    item: usize,
}

/// The target with index `i`: task kinds, then record kinds.
fn target_at(i: usize) -> Option<Target> {
    let tasks = TaskKind::ALL.len();
    match i.checked_sub(tasks) {
        None => TaskKind::ALL.get(i).copied().map(Target::Task),
        Some(j) => RecordKind::ALL.get(j).copied().map(Target::Record),
    }
}

/// The operation with index `i`: actions, then record events.
fn operation_at(i: usize) -> Option<Operation> {
    let actions = Action::ALL.len();
    match i.checked_sub(actions) {
        None => Action::ALL.get(i).copied().map(Operation::Action),
        Some(j) => RecordEvent::ALL.get(j).copied().map(Operation::Event),
    }
}

impl RoleGrants {
    /// The entitlement `requirement` gives the role, if any.
    fn entitlement(
        &self,
        target: Target,
        operation: Operation,
        requirement: Requirement,
    ) -> Option<Entitlement> {
        let effective = self.role.effective();
        if let Clause::Unless(excluded) = requirement.clause {
            if effective.intersects(excluded) {
                return None;
            }
        }
        let via = if requirement.roles.has(self.role) {
            self.role
        } else {
            (requirement.roles & effective).roles().next()?
        };
        Some(Entitlement {
            role: self.role,
            target,
            operation,
            clause: requirement.clause,
            in_every_state: requirement.in_every_state,
            via,
        })
    }
}

impl Iterator for RoleGrants {
    type Item = Entitlement;

    fn next(&mut self) -> Option<Entitlement> {
        loop {
            let target = target_at(self.target)?;
            let Some(operation) = operation_at(self.operation) else {
                self.target += 1;
                self.operation = 0;
                continue;
            };
            let items = table_requirements(operation, target);
            let Some(slot) = items.get(self.item) else {
                self.operation += 1;
                self.item = 0;
                continue;
            };
            self.item += 1;
            if let Some(found) = slot.and_then(|r| self.entitlement(target, operation, r)) {
                return Some(found);
            }
        }
    }
}

impl core::iter::FusedIterator for RoleGrants {}
