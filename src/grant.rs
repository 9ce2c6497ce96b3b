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

use crate::people::FourEyes;
use crate::Roles;

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
    /// situation `facts` describes.
    #[inline]
    pub(crate) fn test(&self, effective: Roles, facts: Facts) -> Result<(), Miss> {
        if !effective.intersects(self.roles) {
            return Err(Miss::Role);
        }
        let holds = match self.clause {
            Clause::Always => Ok(()),
            Clause::AsAssignedUser => {
                if facts.assigned {
                    Ok(())
                } else {
                    Err(None)
                }
            }
            Clause::AsAssignedUserOrGroup => {
                if facts.assigned || facts.in_group {
                    Ok(())
                } else {
                    Err(None)
                }
            }
            Clause::Unless(excluded) => {
                if effective.intersects(excluded) {
                    Err(None)
                } else {
                    Ok(())
                }
            }
            Clause::FourEyes => facts.four_eyes.map_err(Some),
        };
        holds.map_err(|four_eyes| Miss::Clause(self.clause, four_eyes))
    }
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

/// What a clause asks of a request: the person's relation to the item and the
/// item's state, computed once by the decision that tests the grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The user is the item's assigned user.
    pub(crate) assigned: bool,
    /// Nobody is assigned to the item.
    pub(crate) nobody_assigned: bool,
    /// The user is a member of the item's assignment group.
    pub(crate) in_group: bool,
    /// What four eyes says of the user and the item.
    pub(crate) four_eyes: Result<(), FourEyes>,
}

/// Why a single grant did not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Miss {
    /// The user holds none of the grant's roles.
    Role,
    /// The user holds a role, and the clause failed (with four eyes' reason when
    /// the clause is four eyes).
    Clause(Clause, Option<FourEyes>),
}
