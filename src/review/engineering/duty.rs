//! The least-privilege role sets that grant a set of duties.

use super::permission::Table;
use super::PermissionSet;
use crate::accessors::accessors;
use crate::sod::{self, Conflict};
use crate::{Role, Roles};

/// One role set that grants every duty, with what it grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Assignment {
    roles: Roles,
    granted: PermissionSet,
    duties: PermissionSet,
}

impl Assignment {
    accessors! {
        /// The roles.
        roles -> Roles;
        /// Everything the roles grant.
        granted -> PermissionSet;
    }

    /// What the roles grant beyond the duties.
    #[must_use]
    pub fn extra(&self) -> PermissionSet {
        self.granted.difference(self.duties)
    }

    /// The separation-of-duties conflicts the roles hold ([`sod::conflicts`]).
    pub fn conflicts(&self) -> impl Iterator<Item = Conflict> + Clone {
        sod::conflicts(self.roles)
    }
}

/// The least-privilege role sets for `duties`: the role sets that grant every duty
/// and, among those, grant the fewest permissions beyond them; of those, hold the
/// fewest roles once closed under inclusion; and of those, are granted the fewest
/// roles (so no role of a set is redundant). Every such set, once, in the order
/// of the sets' bits: a binary count over the roles that matter. Roles that grant
/// no duty, directly or through inclusion, and take nothing away are in none; nor
/// is a role whose unconditional grants alone exceed, beyond the duties, what a
/// covering set of one or two roles grants beyond them. Empty when no role set
/// grants every duty.
#[must_use]
pub fn least_privilege(duties: PermissionSet) -> LeastPrivilege {
    let table = Table::new();
    let mut candidates = Roles::empty();
    for &role in Role::ALL {
        let takes_away = table
            .excluded
            .iter()
            .any(|&excluded| role.effective().intersects(excluded));
        let grants_a_duty = !table.granted(role.bit()).intersection(duties).is_empty();
        if takes_away || grants_a_duty {
            candidates |= role.bit();
        }
    }
    // A bound: the fewest extra permissions of a covering set of one or two
    // roles. A role whose own unconditional grants already exceed it beyond the
    // duties is in no least-privilege set (a set is granted at least those).
    let mut bound: Option<usize> = None;
    for a in candidates.roles() {
        for b in candidates.roles() {
            let granted = table.granted(a.bit() | b.bit());
            if duties.is_subset(&granted) {
                let extra = granted.difference(duties).len();
                bound = Some(bound.map_or(extra, |old| old.min(extra)));
            }
        }
    }
    if let Some(bound) = bound {
        for role in candidates.roles() {
            if table.plain(role).difference(duties).len() > bound {
                candidates.remove(role.bit());
            }
        }
    }
    let mut search = LeastPrivilege {
        table,
        duties,
        candidates,
        best: None,
        mask: 0,
    };
    search.best = search.clone().best_score();
    search
}

/// How a covering role set ranks, lowest first: the permissions it grants beyond
/// the duties, then the roles it holds (closed under inclusion), then the roles
/// granted.
type Score = (usize, u32, u32);

/// The iterator of [`least_privilege`].
#[derive(Debug, Clone)]
pub struct LeastPrivilege {
    table: Table,
    duties: PermissionSet,
    candidates: Roles,
    /// The score of the best sets; `None` while searching.
    best: Option<Score>,
    mask: u64,
}

impl LeastPrivilege {
    /// The roles whose bits of `mask` are set, counting over the candidates.
    fn roles_of(&self, mask: u64) -> Roles {
        self.candidates
            .roles()
            .enumerate()
            .filter(|&(i, _)| mask >> i & 1 == 1)
            .map(|(_, role)| role)
            .collect()
    }

    /// The next role set that grants every duty, with its score.
    fn step(&mut self) -> Option<(Score, Assignment)> {
        let end = 1_u64 << self.candidates.bits().count_ones();
        while self.mask < end {
            let roles = self.roles_of(self.mask);
            self.mask += 1;
            let granted = self.table.granted(roles);
            if !self.duties.is_subset(&granted) {
                continue;
            }
            let score = (
                granted.difference(self.duties).len(),
                roles.effective().bits().count_ones(),
                roles.bits().count_ones(),
            );
            return Some((
                score,
                Assignment {
                    roles,
                    granted,
                    duties: self.duties,
                },
            ));
        }
        None
    }
}

impl LeastPrivilege {
    /// The lowest score of a covering set, over the whole search.
    fn best_score(mut self) -> Option<Score> {
        let mut best: Option<Score> = None;
        while let Some((score, _)) = self.step() {
            best = Some(match best {
                Some(b) if b <= score => b,
                Some(_) | None => score,
            });
        }
        best
    }
}

impl Iterator for LeastPrivilege {
    type Item = Assignment;

    fn next(&mut self) -> Option<Assignment> {
        let best = self.best?;
        while let Some((score, assignment)) = self.step() {
            if score == best {
                return Some(assignment);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for LeastPrivilege {}
