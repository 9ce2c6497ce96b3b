//! The person clauses of a filter: conditions on an item's person columns relative
//! to the user (assigned user, creator) and on its flags (a document), and the
//! finite space of person relations the decisions are evaluated over.

use super::sets::bit_set;
use crate::vocabulary::vocabulary;

vocabulary! {
    /// One condition on the person columns of an item, relative to the user the
    /// filter is for. A [`PersonClauses`] is a conjunction of them.
    ///
    /// Each clause is written so that an unknown value (SQL `NULL`, `None`) never
    /// passes where it could let an item through that the decisions would refuse:
    /// [`CreatorIsNot`](Self::CreatorIsNot) needs the creator to be known.
    pub enum PersonClause ("person clause") {
        /// The item's assigned user is the user: SQL `assigned_to = :user` (false for
        /// an unassigned item).
        AssigneeIs = "assignee_is_user" ("assigned to the user"),
        /// The item's assigned user is not the user, or nobody is assigned: SQL
        /// `(assigned_to IS NULL OR assigned_to <> :user)`.
        AssigneeIsNot = "assignee_is_not_user" ("not assigned to the user"),
        /// The item's creator is known and is not the user: someone else created it,
        /// or the system did (no creator, `created_by_system` set). Four eyes fails
        /// closed: an item whose creator is unknown does not pass. SQL
        /// `(created_by <> :user OR (created_by IS NULL AND created_by_system))`.
        CreatorIsNot = "creator_is_not_user"
            ("created by someone other than the user, or by the system"),
        /// The item has a document (contracts: sending for approval needs one): SQL
        /// `has_document`.
        HasDocument = "has_document" ("with a document"),
        /// Whoever sent the item for approval is known and is not the user (four
        /// eyes, failing closed on an unknown submitter): SQL
        /// `submitted_by <> :user` (false for `NULL`).
        SubmitterIsNot = "submitter_is_not_user"
            ("sent for approval by someone other than the user"),
        /// Nobody, or someone other than the user, sent the item for approval (four
        /// eyes on a kind approved without a submission): SQL
        /// `(submitted_by IS NULL OR submitted_by <> :user)`.
        SubmitterNotUser = "submitter_not_user" ("not sent for approval by the user"),
    }
    /// The clause in words, as [`PersonClauses`] prints it.
    fn describe;
}

/// How many person clauses there are.
pub(crate) const CLAUSES: usize = PersonClause::ALL.len();

/// How many conjunctions of clauses there are: one bit each in a [`Conjunctions`].
pub(crate) const CONJUNCTIONS: usize = 1 << CLAUSES;

/// A set of conjunctions of person clauses, one bit each, the bit's index being the
/// conjunction's clause bits ([`PersonClauses::bits`]).
pub(crate) type Conjunctions = u64;

// A conjunction a bit of `Conjunctions`, and a clause a bit of `PersonClauses`: the
// build fails here, rather than two conjunctions sharing a bit, if the clauses
// outgrow them.
const _: () = assert!(
    CONJUNCTIONS <= Conjunctions::BITS as usize && CLAUSES <= 8,
    "person clauses outgrow the bit sets that hold them"
);

bit_set! {
    /// A conjunction of [`PersonClause`]s: an item passes when every clause holds.
    /// The empty conjunction is [`PersonClauses::ANYONE`]: no condition on persons.
    /// In words, `anyone`, or the clauses in words ([`PersonClause::describe`])
    /// joined by ` and `.
    pub struct PersonClauses(u8) of PersonClause;
    /// No condition on persons: any item of the group's kinds and states passes.
    conjunction ANYONE, "anyone";
}

impl PersonClauses {
    /// Whether there is no condition on persons.
    #[must_use]
    pub const fn is_anyone(self) -> bool {
        self.is_empty()
    }

    /// The clause bits: bit `i` is `PersonClause::ALL[i]`.
    #[must_use]
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The conjunction with these clause bits.
    pub(crate) const fn from_bits(bits: u8) -> Self {
        PersonClauses(bits)
    }
}

/// The clause bits an item satisfies, from its facts relative to the user.
#[expect(
    clippy::fn_params_excessive_bools,
    reason = "one plain fact a clause, read by a table: a struct would only rename them"
)]
pub(crate) const fn satisfied(
    assignee_is_user: bool,
    creator_known_not_user: bool,
    has_document: bool,
    submitter_known_not_user: bool,
    submitter_is_user: bool,
) -> u8 {
    let mut bits = 0;
    if assignee_is_user {
        bits |= PersonClauses::bit(PersonClause::AssigneeIs);
    } else {
        bits |= PersonClauses::bit(PersonClause::AssigneeIsNot);
    }
    if creator_known_not_user {
        bits |= PersonClauses::bit(PersonClause::CreatorIsNot);
    }
    if has_document {
        bits |= PersonClauses::bit(PersonClause::HasDocument);
    }
    if submitter_known_not_user {
        bits |= PersonClauses::bit(PersonClause::SubmitterIsNot);
    }
    if !submitter_is_user {
        bits |= PersonClauses::bit(PersonClause::SubmitterNotUser);
    }
    bits
}

/// `PASSING[satisfied]`: the conjunctions an item satisfying those clause bits
/// passes (every conjunction whose clauses it all satisfies).
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
pub(crate) const PASSING: [Conjunctions; CONJUNCTIONS] = {
    let mut table = [0; CONJUNCTIONS];
    let mut held = 0;
    while held < CONJUNCTIONS {
        let mut conjunction = 0;
        while conjunction < CONJUNCTIONS {
            if conjunction & !held == 0 {
                table[held] |= 1 << conjunction;
            }
            conjunction += 1;
        }
        held += 1;
    }
    table
};

/// The conjunctions in the order a filter tries and lists them: fewer clauses
/// first (anyone first of all), then by clause bits.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
pub(crate) const ORDER: [u8; CONJUNCTIONS] = {
    let mut order = [0; CONJUNCTIONS];
    let mut at = 0;
    let mut size = 0;
    while size <= CLAUSES {
        let mut conjunction: u8 = 0;
        while (conjunction as usize) < CONJUNCTIONS {
            if conjunction.count_ones() as usize == size {
                order[at] = conjunction;
                at += 1;
            }
            conjunction += 1;
        }
        size += 1;
    }
    order
};

/// The person relations of an item to the user that the filters are derived over,
/// for a private id type: the user is `Me`; `A` and `B` are two other people, so
/// that "created by the assigned user" and "created by someone else again" are both
/// in the space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// The user the filter is for.
    Me,
    /// Someone else.
    A,
    /// Someone else again.
    B,
}

/// The assigned users of the space: the user, nobody, someone else.
pub(crate) const ASSIGNEES: [Option<Who>; 3] = [Some(Who::Me), None, Some(Who::A)];

/// The creators of the space: unknown, the user, and someone else (the clauses and
/// the decisions speak of the user and anybody else; the exhaustive tests also
/// ask a third person, and a creator who is also the assigned user).
pub(crate) const CREATORS: [Option<Who>; 3] = [None, Some(Who::Me), Some(Who::B)];

/// The submitters of the space: unknown, the user, someone else.
pub(crate) const SUBMITTERS: [Option<Who>; 3] = [None, Some(Who::Me), Some(Who::A)];

/// One point of the record relation space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Relation {
    /// The assigned user.
    pub(crate) assignee: Option<Who>,
    /// The creator.
    pub(crate) creator: Option<Who>,
    /// Created by the system.
    pub(crate) system: bool,
    /// Has a (contract) document.
    pub(crate) document: bool,
    /// Who sent it for approval.
    pub(crate) submitter: Option<Who>,
}

/// How many points the record relation space has. "Every approver has approved"
/// is not a dimension: it decides where an approve leads, never whether it is
/// allowed (the exhaustive tests ask it too).
pub(crate) const POINTS: usize = ASSIGNEES.len() * CREATORS.len() * 2 * 2 * SUBMITTERS.len();

const _: () = assert!(POINTS <= 128, "the relation space is a u128 of points");

/// Every point of the record relation space, in index order.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
pub(crate) const RELATIONS: [Relation; POINTS] = {
    let none = Relation {
        assignee: None,
        creator: None,
        system: false,
        document: false,
        submitter: None,
    };
    let mut relations = [none; POINTS];
    let assignees = ASSIGNEES.len();
    let creators = CREATORS.len();
    let mut p = 0;
    while p < POINTS {
        let rest = p / (assignees * creators);
        relations[p] = Relation {
            assignee: ASSIGNEES[p % assignees],
            creator: CREATORS[p / assignees % creators],
            system: rest & 1 != 0,
            document: rest & 2 != 0,
            submitter: SUBMITTERS[rest / 4 % SUBMITTERS.len()],
        };
        p += 1;
    }
    relations
};

impl Relation {
    /// The clause bits an item in this relation satisfies.
    const fn satisfied(self) -> u8 {
        let creator_known_not_user = match self.creator {
            Some(Who::Me) => false,
            Some(Who::A | Who::B) => true,
            None => self.system,
        };
        satisfied(
            matches!(self.assignee, Some(Who::Me)),
            creator_known_not_user,
            self.document,
            matches!(self.submitter, Some(Who::A | Who::B)),
            matches!(self.submitter, Some(Who::Me)),
        )
    }
}

/// `EXTENT[c]`: the points of the record relation space where conjunction `c` holds.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
const EXTENT: [u128; CONJUNCTIONS] = {
    let mut extent = [0; CONJUNCTIONS];
    let mut p = 0;
    while p < POINTS {
        let held = RELATIONS[p].satisfied() as usize;
        let mut conjunction = 0;
        while conjunction < CONJUNCTIONS {
            if conjunction & !held == 0 {
                extent[conjunction] |= 1 << p;
            }
            conjunction += 1;
        }
        p += 1;
    }
    extent
};

/// The conjunctions whose union is exactly `allowed` (a set of points of the
/// record relation space), and whether they cover all of it. Only conjunctions
/// that hold nowhere outside `allowed` are used, so the union never exceeds it: a
/// set no conjunctions can cover is narrowed (fails closed), and the second value
/// says so. Greedy: the conjunction covering the most points not yet covered
/// first, ties in [`ORDER`].
pub(crate) fn cover(allowed: u128) -> (Conjunctions, bool) {
    let mut chosen: Conjunctions = 0;
    let mut covered: u128 = 0;
    loop {
        let uncovered = allowed & !covered;
        if uncovered == 0 {
            return (chosen, true);
        }
        let mut best: Option<(u8, u32)> = None;
        for &conjunction in &ORDER {
            let extent = EXTENT.get(usize::from(conjunction)).copied().unwrap_or(0);
            let gain = (extent & uncovered).count_ones();
            let inside = extent & !allowed == 0;
            if inside && gain > best.map_or(0, |(_, g)| g) {
                best = Some((conjunction, gain));
            }
        }
        let Some((conjunction, _)) = best else {
            return (chosen, false);
        };
        chosen |= 1 << conjunction;
        covered |= EXTENT.get(usize::from(conjunction)).copied().unwrap_or(0);
    }
}
