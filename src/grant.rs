//! One rule shape for every table: a [`Grant`] is any of some roles, on a
//! [`Clause`].
//!
//! The task matrix, every record's actions and events, the review functions and
//! the report all speak of "these roles, on this condition" with this one type, so
//! a grant reads, prints and decides the same wherever it appears.
//!
//! ```
//! use itam_rbac::{Clause, Grant, Roles};
//!
//! let grant = Grant::as_assigned_user(Roles::OPERATION_SPECIALIST);
//! assert_eq!(grant.clause, Clause::AsAssignedUser);
//! assert_eq!(grant.to_string(), "itam_operation_specialist as the assigned user");
//!
//! let approve = Grant::four_eyes(Roles::CONTRACT_APPROVER);
//! assert_eq!(
//!     approve.to_string(),
//!     "itam_contract_approver, not the creator nor the assigned user"
//! );
//! ```

use core::fmt;

use crate::people::{FourEyes, People};
use crate::{AllowReason, DenyReason, Roles};

/// When a [`Grant`] applies, beyond holding one of its roles: the part that
/// depends on the person or the item, not on the roles alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clause {
    /// Holding one of the roles is enough.
    Always,
    /// Only as the item's assigned user.
    AsAssignedUser,
    /// Only as the item's assigned user or a member of its assignment group (the
    /// task workflow's start of work).
    AsAssignedUserOrGroup,
    /// Only when the user holds none of these roles as well (the "except" clause).
    Unless(Roles),
    /// Four eyes: never the item's creator nor its assigned user, and only when
    /// its creator is known (a person, or the system).
    FourEyes,
}

impl Clause {
    /// Whether the clause depends on the person or the item (anything but
    /// [`Clause::Always`]).
    #[must_use]
    pub const fn is_conditional(self) -> bool {
        !matches!(self, Clause::Always)
    }
}

impl fmt::Display for Clause {
    /// The clause alone, e.g. `as the assigned user`; `always` for
    /// [`Clause::Always`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Always => f.write_str("always"),
            Clause::AsAssignedUser => f.write_str("as the assigned user"),
            Clause::AsAssignedUserOrGroup => {
                f.write_str("as the assigned user or a member of the assignment group")
            }
            Clause::Unless(roles) => write!(f, "unless also holding {}", roles.any_of()),
            Clause::FourEyes => f.write_str("not the creator nor the assigned user"),
        }
    }
}

/// Any of `roles` (held directly or through inclusion), on `clause`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grant {
    /// The roles that can use the grant; any one of them suffices.
    pub roles: Roles,
    /// When the grant applies, beyond holding one of the roles.
    pub clause: Clause,
}

impl Grant {
    /// Any of `roles`, always.
    #[must_use]
    pub const fn holding(roles: Roles) -> Self {
        Grant {
            roles,
            clause: Clause::Always,
        }
    }

    /// Any of `roles`, as the item's assigned user.
    #[must_use]
    pub const fn as_assigned_user(roles: Roles) -> Self {
        Grant {
            roles,
            clause: Clause::AsAssignedUser,
        }
    }

    /// Any of `roles`, as the item's assigned user or a member of its assignment
    /// group.
    #[must_use]
    pub const fn as_assigned_user_or_group(roles: Roles) -> Self {
        Grant {
            roles,
            clause: Clause::AsAssignedUserOrGroup,
        }
    }

    /// Any of `roles`, unless the user also holds one of `excluded`.
    #[must_use]
    pub const fn without(roles: Roles, excluded: Roles) -> Self {
        Grant {
            roles,
            clause: Clause::Unless(excluded),
        }
    }

    /// Any of `roles`, but never the item's creator nor its assigned user.
    #[must_use]
    pub const fn four_eyes(roles: Roles) -> Self {
        Grant {
            roles,
            clause: Clause::FourEyes,
        }
    }

    /// Whether a user with the `effective` roles may use this grant in the
    /// situation `facts` describes: why it allows, or why it does not. The one
    /// reading of a grant that the task matrix, the workflow and the records share.
    #[expect(
        clippy::inline_always,
        reason = "the inner loop of every decision: measured slower when left to the inliner"
    )]
    #[inline(always)]
    pub(crate) fn test(&self, effective: Roles, facts: Facts) -> Result<AllowReason, Shortfall> {
        if !effective.intersects(self.roles) {
            return Err(Shortfall::Role);
        }
        match self.clause {
            Clause::Always => Ok(AllowReason::of(self.clause)),
            Clause::AsAssignedUser if facts.assigned() => Ok(AllowReason::of(self.clause)),
            Clause::AsAssignedUser if facts.nobody_assigned() => Err(Shortfall::NobodyAssigned),
            Clause::AsAssignedUser => Err(Shortfall::NotAssignedUser),
            Clause::AsAssignedUserOrGroup if facts.assigned() => Ok(AllowReason::of(self.clause)),
            // A member of the group who is not the assigned user is allowed as such.
            Clause::AsAssignedUserOrGroup if facts.in_group => Ok(AllowReason::InAssignmentGroup),
            Clause::AsAssignedUserOrGroup => Err(Shortfall::NotAssignedUserOrGroup),
            Clause::Unless(excluded) if effective.intersects(excluded) => Err(Shortfall::Excluded),
            Clause::Unless(_) => Ok(AllowReason::of(self.clause)),
            Clause::FourEyes => match facts.four_eyes() {
                Ok(()) => Ok(AllowReason::of(self.clause)),
                Err(four_eyes) => Err(Shortfall::FourEyes(four_eyes)),
            },
        }
    }
}

/// The first of `grants` that allows: its position, the grant and why. Otherwise
/// the nearest miss: the last grant whose role the user holds, and why it did not
/// apply (the tables list the broad grants first, so the last names the narrower
/// roles); `None` when the user holds none of their roles.
#[expect(
    clippy::inline_always,
    reason = "the inner loop of every decision: measured slower when left to the inliner"
)]
#[inline(always)]
pub(crate) fn first_allowing<'g>(
    grants: impl IntoIterator<Item = &'g Grant>,
    effective: Roles,
    facts: Facts,
) -> Result<(usize, Grant, AllowReason), Option<(Grant, Shortfall)>> {
    let mut nearest = None;
    for (at, grant) in grants.into_iter().enumerate() {
        match grant.test(effective, facts) {
            Ok(reason) => return Ok((at, *grant, reason)),
            Err(Shortfall::Role) => {}
            Err(
                why @ (Shortfall::NobodyAssigned
                | Shortfall::NotAssignedUser
                | Shortfall::NotAssignedUserOrGroup
                | Shortfall::Excluded
                | Shortfall::FourEyes(_)),
            ) => nearest = Some((*grant, why)),
        }
    }
    Err(nearest)
}

impl fmt::Display for Grant {
    /// The grant as a person reads it, e.g. `itam_operation_specialist as the
    /// assigned user`, `itam_contract_approver, not the creator nor the assigned
    /// user`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let roles = self.roles.any_of();
        match self.clause {
            Clause::Always => write!(f, "{roles}"),
            Clause::FourEyes => write!(f, "{roles}, {}", self.clause),
            Clause::AsAssignedUser | Clause::AsAssignedUserOrGroup | Clause::Unless(_) => {
                write!(f, "{roles} {}", self.clause)
            }
        }
    }
}

/// The roles of `grants`, together: any one of them would be a start.
pub(crate) fn roles_of<'g>(grants: impl IntoIterator<Item = &'g Grant>) -> Roles {
    grants
        .into_iter()
        .fold(Roles::empty(), |all, grant| all.union(grant.roles))
}

/// What a clause asks of a request: the user's relation to the item (assigned
/// user, assignment group) and what four eyes says of them. Built once per
/// decision, from the item's people, by [`Facts::new`] (or, for the task matrix,
/// which names no four eyes, [`Facts::without_four_eyes`]); small and `Copy`, so
/// the grants of a cell are tried on values, not on the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    assigned: bool,
    nobody_assigned: bool,
    in_group: bool,
    four_eyes: Result<(), FourEyes>,
}

impl Facts {
    /// The facts of `user` on an item with `people`; `in_group` when the user is a
    /// member of the item's assignment group, `submitted` when the item's approval
    /// follows a submission (four eyes then needs the submitter).
    #[inline]
    pub(crate) fn new<U: Eq>(
        people: &People<'_, U>,
        user: &U,
        in_group: bool,
        submitted: bool,
    ) -> Self {
        Facts {
            four_eyes: people.four_eyes(user, submitted),
            ..Facts::without_four_eyes(people, user, in_group)
        }
    }

    /// The same, for a table that names no four-eyes grant (the task matrix,
    /// checked while the crate compiles): four eyes is not asked, and should a
    /// grant name it, it fails closed (an unknown creator).
    #[inline]
    pub(crate) fn without_four_eyes<U: Eq>(
        people: &People<'_, U>,
        user: &U,
        in_group: bool,
    ) -> Self {
        Facts {
            assigned: people.is_assignee(user),
            nobody_assigned: people.assignee.is_none(),
            in_group,
            four_eyes: Err(FourEyes::UnknownCreator),
        }
    }

    /// The user is the item's assigned user.
    #[inline]
    pub(crate) const fn assigned(self) -> bool {
        self.assigned
    }

    /// Nobody is assigned to the item.
    #[inline]
    pub(crate) const fn nobody_assigned(self) -> bool {
        self.nobody_assigned
    }

    /// What four eyes says of the user and the item.
    #[inline]
    pub(crate) const fn four_eyes(self) -> Result<(), FourEyes> {
        self.four_eyes
    }
}

/// Why a grant did not apply, in the terms every table shares; each decision names
/// it in its own vocabulary, and [`Shortfall::reason`] gives the code table's
/// reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shortfall {
    /// The user holds none of the grant's roles.
    Role,
    /// Only the assigned user, and nobody is assigned.
    NobodyAssigned,
    /// Only the assigned user, and the user is not.
    NotAssignedUser,
    /// Only the assigned user or a member of the assignment group, and the user is
    /// neither.
    NotAssignedUserOrGroup,
    /// The user also holds an excluded role.
    Excluded,
    /// Four eyes refused the user.
    FourEyes(FourEyes),
}

impl Shortfall {
    /// The reason of the code table this shortfall gives.
    #[inline]
    pub(crate) const fn reason(self) -> DenyReason {
        match self {
            Shortfall::Role => DenyReason::MissingRole,
            Shortfall::NobodyAssigned => DenyReason::NobodyAssigned,
            Shortfall::NotAssignedUser => DenyReason::NotAssignedUser,
            Shortfall::NotAssignedUserOrGroup => DenyReason::NotAssignedUserOrGroup,
            Shortfall::Excluded => DenyReason::HoldsExcludedRole,
            Shortfall::FourEyes(FourEyes::Own(_)) => DenyReason::FourEyes,
            Shortfall::FourEyes(FourEyes::UnknownCreator) => DenyReason::UnknownCreator,
            Shortfall::FourEyes(FourEyes::UnknownSubmitter) => DenyReason::UnknownSubmitter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Shortfall;
    use crate::people::{FourEyes, OwnRelation};
    use crate::records::RecordFault;
    use crate::workflow::Wrong;
    use crate::{DenyReason, Grant, Roles};

    /// Every shortfall, once.
    const ALL: [Shortfall; 10] = [
        Shortfall::Role,
        Shortfall::NobodyAssigned,
        Shortfall::NotAssignedUser,
        Shortfall::NotAssignedUserOrGroup,
        Shortfall::Excluded,
        Shortfall::FourEyes(FourEyes::Own(OwnRelation::Creator)),
        Shortfall::FourEyes(FourEyes::Own(OwnRelation::Assignee)),
        Shortfall::FourEyes(FourEyes::Own(OwnRelation::Submitter)),
        Shortfall::FourEyes(FourEyes::UnknownCreator),
        Shortfall::FourEyes(FourEyes::UnknownSubmitter),
    ];

    /// The workflow's and the records' faults name a shortfall with the code
    /// table's reason of it, except where their tables cannot miss that way (an
    /// excluded role anywhere, the assignment group on records): then the role's.
    #[test]
    fn every_vocabulary_gives_the_shortfalls_reason() {
        let grant = Grant::four_eyes(Roles::CONTRACT_APPROVER);
        for why in ALL {
            let record = RecordFault::short_of(grant, why).reason();
            let workflow = Wrong::short_of(Roles::AGENT, why).reason();
            match why {
                Shortfall::Excluded => {
                    assert_eq!(record, DenyReason::MissingRole);
                    assert_eq!(workflow, DenyReason::MissingRole);
                }
                Shortfall::NotAssignedUserOrGroup => {
                    assert_eq!(record, DenyReason::MissingRole);
                    assert_eq!(workflow, why.reason());
                }
                Shortfall::Role
                | Shortfall::NobodyAssigned
                | Shortfall::NotAssignedUser
                | Shortfall::FourEyes(_) => {
                    assert_eq!(record, why.reason(), "{why:?}");
                    assert_eq!(workflow, why.reason(), "{why:?}");
                }
            }
        }
        assert_eq!(
            RecordFault::short_of(grant, Shortfall::Role),
            RecordFault::MissingRole(Roles::CONTRACT_APPROVER)
        );
    }
}
