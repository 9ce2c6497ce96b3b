//! Static separation of duties (spec.md §4): which role combinations conflict.
//!
//! A person who prepares a record must not be the person who approves it. The
//! static check looks at a role assignment alone and reports every pair of roles
//! in it that lets one person do both, from the [`CONFLICTS`] table; a host can
//! refuse the assignment or flag it. The roles are closed under inclusion first,
//! so a role that *includes* a conflicting role is caught too.
//!
//! The dynamic half of four eyes (whoever created a record or task, or is assigned
//! to it, never approves it) needs the record and is enforced by
//! [`transition_record`](crate::records::transition_record) on every approval.
//!
//! ```
//! use itam_rbac::{sod, Role, Roles};
//!
//! let assignment = Roles::PURCHASE_MANAGER | Roles::PURCHASE_APPROVER | Roles::FINANCE_AGENT;
//! let found: Vec<_> = sod::conflicts(assignment).collect();
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].preparer(), Role::PurchaseManager);
//! assert_eq!(
//!     found[0].to_string(),
//!     "itam_purchase_manager prepares and itam_purchase_approver approves a purchase_request"
//! );
//! assert!(sod::check(Roles::CONTRACT_MANAGER | Roles::PURCHASE_APPROVER).is_ok());
//! ```

use crate::records::RecordKind;
use crate::vocabulary::vocabulary;
use crate::{Role, Roles};

vocabulary! {
    /// What the first role of a conflicting pair does with the record.
    pub enum Duty ("duty") {
        /// Prepares the record (creates it, edits it, sends it for approval).
        Prepares = "prepares",
        /// Coordinates the record's approval (and may be its assigned user).
        Coordinates = "coordinates",
    }
}

/// Two roles that one person should not hold together: `preparer` prepares (or
/// coordinates) a record that `approver` approves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{preparer} {duty} and {approver} approves a {record}")]
pub struct Conflict {
    preparer: Role,
    duty: Duty,
    approver: Role,
    record: RecordKind,
}

impl Conflict {
    /// The role that prepares or coordinates the record.
    #[must_use]
    pub const fn preparer(&self) -> Role {
        self.preparer
    }

    /// What the preparer does.
    #[must_use]
    pub const fn duty(&self) -> Duty {
        self.duty
    }

    /// The role that approves the record.
    #[must_use]
    pub const fn approver(&self) -> Role {
        self.approver
    }

    /// The record kind both act on.
    #[must_use]
    pub const fn record(&self) -> RecordKind {
        self.record
    }

    /// Both roles, as a set.
    #[must_use]
    pub const fn roles(&self) -> Roles {
        self.preparer.bit().union(self.approver.bit())
    }

    /// Whether a user holding `roles` (granted; closed under inclusion here) holds
    /// both sides of the conflict.
    #[must_use]
    pub const fn is_held_by(&self, roles: Roles) -> bool {
        roles.effective().contains(self.roles())
    }
}

/// The conflicting pairs of spec.md §4, one row a pair.
pub const CONFLICTS: &[Conflict] = &[
    Conflict {
        preparer: Role::PurchaseManager,
        duty: Duty::Prepares,
        approver: Role::PurchaseApprover,
        record: RecordKind::PurchaseRequest,
    },
    Conflict {
        preparer: Role::ContractManager,
        duty: Duty::Prepares,
        approver: Role::ContractApprover,
        record: RecordKind::Contract,
    },
    Conflict {
        preparer: Role::DemandManager,
        duty: Duty::Coordinates,
        approver: Role::DemandApprover,
        record: RecordKind::Demand,
    },
];

/// Every conflict of [`CONFLICTS`] that a user granted `roles` would hold, in table
/// order. The roles are closed under inclusion first. Allocates nothing.
pub fn conflicts(roles: Roles) -> impl Iterator<Item = Conflict> + Clone {
    let effective = roles.effective();
    CONFLICTS
        .iter()
        .copied()
        .filter(move |conflict| effective.contains(conflict.roles()))
}

/// Whether `roles` hold no conflicting pair.
#[must_use]
pub fn is_conflict_free(roles: Roles) -> bool {
    conflicts(roles).next().is_none()
}

/// Checks a role assignment.
///
/// # Errors
///
/// The first [`Conflict`] the assignment holds (call [`conflicts`] for all of them).
pub fn check(roles: Roles) -> Result<(), Conflict> {
    match conflicts(roles).next() {
        Some(conflict) => Err(conflict),
        None => Ok(()),
    }
}
