//! The space the event filters are derived over: the person points, the
//! relation sets, and the candidate terms in the order the cover tries them.

use super::super::person::{self, PersonClause, PersonClauses, Who};
use super::clauses::{satisfied_relations, RelationClauses, FLAGS};
use crate::workflow::Relations;

/// One term of a filter: a conjunction of person clauses and relation clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Term {
    /// The person clauses.
    pub(crate) person: PersonClauses,
    /// The relation clauses.
    pub(crate) relations: RelationClauses,
}

// ---- The relation space the filters are derived over ----

/// The assigned users of the space: the user, nobody, someone else.
pub(super) const ASSIGNEES: [Option<Who>; 3] = person::ASSIGNEES;
/// The creators: unknown, the user, someone else.
pub(super) const CREATORS: [Option<Who>; 3] = person::CREATORS;
/// The submitters: unknown, the user, someone else.
pub(super) const SUBMITTERS: [Option<Who>; 3] = person::SUBMITTERS;

/// How many person points: assignee × creator × created by the system × submitter.
pub(super) const PERSONS: usize = ASSIGNEES.len() * CREATORS.len() * 2 * SUBMITTERS.len();

/// How many relation points: every set of the six [`Relations`] flags.
pub(super) const RELATION_SETS: usize = 64;

const _: () = assert!(
    PERSONS <= 64 && Relations::all().bits() as usize == RELATION_SETS - 1,
    "the relation space outgrows its u64 masks"
);

/// One person point: assignee, creator, created by the system, submitter.
pub(super) type PersonPoint = (Option<Who>, Option<Who>, bool, Option<Who>);

/// The person point of index `p`.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: every index is reduced modulo the array's length"
)]
pub(super) const fn person_point(p: usize) -> PersonPoint {
    let a = ASSIGNEES.len();
    let c = CREATORS.len();
    (
        ASSIGNEES[p % a],
        CREATORS[p / a % c],
        (p / (a * c)) % 2 == 1,
        SUBMITTERS[p / (a * c * 2) % SUBMITTERS.len()],
    )
}

/// The person clause bits a point satisfies.
pub(super) const fn person_satisfied(point: PersonPoint) -> u8 {
    let (assignee, creator, system, submitter) = point;
    let creator_known_not_user = match creator {
        Some(Who::Me) => false,
        Some(Who::A | Who::B) => true,
        None => system,
    };
    person::satisfied(
        matches!(assignee, Some(Who::Me)),
        creator_known_not_user,
        false,
        matches!(submitter, Some(Who::A | Who::B)),
        matches!(submitter, Some(Who::Me)),
    )
}

/// The person conjunctions a term may have: the assignee (any, the user, not the
/// user) × the creator (any, known and not the user) × the submitter (any, known
/// and not the user).
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
pub(super) const PERSON_TERMS: [PersonClauses; 12] = {
    let assignee = [
        PersonClauses::ANYONE,
        PersonClauses::only(PersonClause::AssigneeIs),
        PersonClauses::only(PersonClause::AssigneeIsNot),
    ];
    let mut terms = [PersonClauses::ANYONE; 12];
    let mut i = 0;
    while i < 12 {
        let mut term = assignee[i % 3];
        if (i / 3) % 2 == 1 {
            term = term.and(PersonClause::CreatorIsNot);
        }
        if i / 6 == 1 {
            term = term.and(PersonClause::SubmitterIsNot);
        }
        terms[i] = term;
        i += 1;
    }
    terms
};

/// `PERSON_EXTENT[i]`: the person points where `PERSON_TERMS[i]` holds.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
pub(super) const PERSON_EXTENT: [u64; 12] = {
    let mut extent = [0; 12];
    let mut i = 0;
    while i < 12 {
        let needed = PERSON_TERMS[i].bits();
        let mut p = 0;
        while p < PERSONS {
            if needed & !person_satisfied(person_point(p)) == 0 {
                extent[i] |= 1 << p;
            }
            p += 1;
        }
        i += 1;
    }
    extent
};

/// How many relation conjunctions a term may have: for each flag, no clause, the
/// positive or the negative one.
pub(super) const RELATION_TERMS: usize = 243;

const _: () = assert!(RELATION_TERMS == 3 * 3 * 3 * 3 * 3 && FLAGS.len() == 5);

/// The relation conjunction of index `r` (base 3: digit `j` 0 no clause, 1 the
/// positive clause of flag `j`, 2 the negative).
pub(super) const fn relation_term(r: usize) -> RelationClauses {
    let mut bits = 0;
    let mut rest = r;
    let mut j = 0;
    while j < FLAGS.len() {
        let digit = rest % 3;
        if digit == 1 {
            bits |= 1 << (2 * j);
        } else if digit == 2 {
            bits |= 1 << (2 * j + 1);
        }
        rest /= 3;
        j += 1;
    }
    RelationClauses(bits)
}

/// `RELATION_EXTENT[r]`: the relation sets where relation conjunction `r` holds.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
pub(super) const RELATION_EXTENT: [u64; RELATION_TERMS] = {
    let mut extent = [0; RELATION_TERMS];
    let mut r = 0;
    while r < RELATION_TERMS {
        let needed = relation_term(r).0;
        let mut s = 0;
        while s < RELATION_SETS {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "s < 64: a set of the six flags"
            )]
            let relations = Relations::from_bits_truncate(s as u8);
            if needed & !satisfied_relations(relations) == 0 {
                extent[r] |= 1 << s;
            }
            s += 1;
        }
        r += 1;
    }
    extent
};

/// How many candidate terms: person conjunctions × relation conjunctions.
pub(super) const CANDIDATES: usize = PERSON_TERMS.len() * RELATION_TERMS;

/// Candidate `c`: its person index and relation index.
pub(super) const fn candidate(c: usize) -> (usize, usize) {
    (c / RELATION_TERMS, c % RELATION_TERMS)
}

/// The key the cover tries candidates by: the largest extent first, then fewer
/// clauses, then index.
pub(super) fn key(c: u16) -> (u32, u32, u16) {
    let (p, r) = candidate(usize::from(c));
    let persons = PERSON_EXTENT.get(p).copied().unwrap_or(0).count_ones();
    let sets = RELATION_EXTENT.get(r).copied().unwrap_or(0).count_ones();
    let person_clauses = PERSON_TERMS.get(p).map_or(0, |t| t.bits().count_ones());
    #[expect(clippy::cast_possible_truncation, reason = "at most 10 clauses")]
    let clauses = person_clauses + relation_term(r).len() as u32;
    (u32::MAX - persons * sets, clauses, c)
}

/// Every candidate, in the order the cover tries them ([`key`]); sorted on the
/// stack, without allocating.
pub(super) fn order() -> [u16; CANDIDATES] {
    let mut order = [0_u16; CANDIDATES];
    for (c, slot) in (0_u16..).zip(order.iter_mut()) {
        *slot = c;
    }
    order.sort_unstable_by_key(|&c| key(c));
    order
}

#[cfg(test)]
mod tests {
    use super::{candidate, order, relation_term, CANDIDATES, PERSON_EXTENT, PERSON_TERMS};
    use super::{person_point, ASSIGNEES, CREATORS, PERSONS, SUBMITTERS};
    use super::{RELATION_EXTENT, RELATION_TERMS};

    /// The person points are every assignee × creator × created by the system ×
    /// submitter, each once (the derivation asks `validate` only about these).
    #[test]
    fn person_points_are_every_combination_once() {
        let mut seen = [false; PERSONS];
        for p in 0..PERSONS {
            let (assignee, creator, system, submitter) = person_point(p);
            let a = ASSIGNEES.iter().position(|&w| w == assignee);
            let c = CREATORS.iter().position(|&w| w == creator);
            let s = SUBMITTERS.iter().position(|&w| w == submitter);
            let found = a.zip(c).zip(s);
            assert!(found.is_some(), "point {p} outside the space");
            let Some(((a, c), s)) = found else { continue };
            let index = a + 3 * c + 9 * usize::from(system) + 18 * s;
            let slot = seen.get_mut(index);
            assert_eq!(slot.as_deref(), Some(&false), "point {p} twice");
            if let Some(slot) = slot {
                *slot = true;
            }
        }
        assert!(seen.iter().all(|&s| s));
    }

    /// A candidate's extent (person points × relation sets) and clause count,
    /// computed from the tables rather than from `key`.
    fn size(c: u16) -> (u32, u32) {
        let (p, r) = candidate(usize::from(c));
        assert!(p < PERSON_TERMS.len() && r < RELATION_TERMS);
        let persons = PERSON_EXTENT.get(p).map_or(0, |e| e.count_ones());
        let sets = RELATION_EXTENT.get(r).map_or(0, |e| e.count_ones());
        let person_clauses = PERSON_TERMS.get(p).map_or(0, |t| t.bits().count_ones());
        let clauses = person_clauses + u32::try_from(relation_term(r).len()).unwrap_or(u32::MAX);
        (persons * sets, clauses)
    }

    /// The cover tries every candidate once: the widest first, then those with
    /// fewer clauses, then by index (today's policies derive the same filters in
    /// index order, so only this test sees the order).
    #[test]
    fn order_is_widest_first_then_fewest_clauses_then_index() {
        let order = order();
        let mut seen = [false; CANDIDATES];
        for &c in &order {
            if let Some(slot) = seen.get_mut(usize::from(c)) {
                assert!(!*slot, "{c} twice");
                *slot = true;
            }
        }
        assert!(seen.iter().all(|&s| s), "not every candidate");
        for pair in order.windows(2) {
            if let [a, b] = *pair {
                let ((wide_a, clauses_a), (wide_b, clauses_b)) = (size(a), size(b));
                assert!(
                    (core::cmp::Reverse(wide_a), clauses_a, a)
                        < (core::cmp::Reverse(wide_b), clauses_b, b),
                    "{a} ({wide_a}, {clauses_a}) before {b} ({wide_b}, {clauses_b})"
                );
            }
        }
        // The first is any person and any relation: every point.
        assert_eq!(order.first().copied().map(size), Some((54 * 64, 0)));
    }
}
