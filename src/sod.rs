//! Static separation of duties (SOURCES.md §S2): which role combinations conflict,
//! derived from the record tables.
//!
//! A person who prepares a record must not be the person who approves it. Every
//! pair (a role the tables let create, edit or send a kind of record for approval;
//! a role they let approve that kind) is a [`Conflict`]: [`all`] lists them, read
//! from the same tables the decisions use, so a new grant makes its conflict
//! without a second list to keep. The static check looks at a role assignment alone
//! and reports every conflict it holds ([`conflicts`]); a host can refuse the
//! assignment or flag it. The roles are closed under inclusion first, so a role
//! that *includes* a conflicting role is caught too.
//!
//! A role that both prepares and approves one kind of record (`itam_finance_manager`
//! creates and approves actual cost items) is no pair: no role assignment separates
//! it, and only four eyes on each record keeps a preparer from approving
//! ([`self_approving`]).
//!
//! The dynamic half of four eyes (whoever created a record or task, is assigned
//! to it or sent it for approval never approves it) needs the record and is
//! enforced by [`transition_record`](crate::records::transition_record) and
//! [`validate`](crate::workflow::validate) on every approval.
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

use crate::accessors::accessors;
use crate::records::{self, RecordEvent, RecordKind};
use crate::vocabulary::vocabulary;
use crate::{Action, DenyReason, Role, Roles};

vocabulary! {
    /// What the first role of a conflicting pair does with the record.
    pub enum Duty ("duty") {
        /// Prepares the record: creates it (and may edit it or send it for
        /// approval).
        Prepares = "prepares",
        /// Coordinates the record: edits it or sends it for approval, without
        /// creating it.
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
    accessors! {
        /// The role that prepares or coordinates the record.
        preparer -> Role;
        /// What the preparer does.
        duty -> Duty;
        /// The role that approves the record.
        approver -> Role;
        /// The record kind both act on.
        record -> RecordKind;
        code;
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

    /// The reason of the code table: [`DenyReason::FourEyes`], the static side of
    /// four eyes.
    #[must_use]
    pub const fn reason(&self) -> DenyReason {
        DenyReason::FourEyes
    }
}

/// The roles the tables name for `kind`: those that create it, those that edit it
/// (in any state) or send it for approval, and those that approve it.
fn duties(kind: RecordKind) -> (Roles, Roles, Roles) {
    let mut creators = Roles::empty();
    records::visit_action_rules(kind, Action::Create, &mut |grant, _| {
        creators |= grant.roles;
    });
    let mut editors = Roles::empty();
    records::visit_action_rules(kind, Action::Update, &mut |grant, _| {
        editors |= grant.roles;
    });
    if let Some(grant) = records::event_rule(kind, RecordEvent::SendForApproval) {
        editors |= grant.roles;
    }
    let approvers =
        records::event_rule(kind, RecordEvent::Approve).map_or(Roles::empty(), |g| g.roles);
    (creators, editors, approvers)
}

/// Every conflicting pair the tables make, by record kind, then preparer, then
/// approver, in declaration order. Allocates nothing.
pub fn all() -> impl Iterator<Item = Conflict> + Clone {
    RecordKind::ALL.iter().flat_map(|&record| {
        let (creators, editors, approvers) = duties(record);
        (creators | editors).roles().flat_map(move |preparer| {
            let duty = if creators.has(preparer) {
                Duty::Prepares
            } else {
                Duty::Coordinates
            };
            approvers
                .roles()
                .filter(move |&approver| approver != preparer)
                .map(move |approver| Conflict {
                    preparer,
                    duty,
                    approver,
                    record,
                })
        })
    })
}

/// The roles that both prepare and approve a kind of record, with the kind: no
/// role assignment separates those duties; four eyes on each record does.
pub fn self_approving() -> impl Iterator<Item = (Role, RecordKind)> + Clone {
    RecordKind::ALL.iter().flat_map(|&record| {
        let (creators, editors, approvers) = duties(record);
        ((creators | editors) & approvers)
            .roles()
            .map(move |role| (role, record))
    })
}

/// Every conflict of [`all`] that a user granted `roles` would hold, in that
/// order. The roles are closed under inclusion first. Allocates nothing.
pub fn conflicts(roles: Roles) -> impl Iterator<Item = Conflict> + Clone {
    let effective = roles.effective();
    all().filter(move |conflict| effective.contains(conflict.roles()))
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
