//! The record filter: which records of one kind a user may take an action on or
//! fire an event on, derived from [`can_record`] and [`transition_record`].

use core::fmt;

use super::error::LengthError;
use super::person::{
    cover, satisfied, Conjunctions, PersonClauses, Relation, Who, ORDER, PASSING, RELATIONS,
};
use super::sets::write_list;
use super::sql::{Core, Dialect, Sql};
use super::write_states;
use crate::records::{
    can_record, transition_record, with_record_kind, Record, RecordKind, RecordState,
};
use crate::review::Operation;
use crate::Subject;

/// At most this many states a record kind: one entry of a [`RecordFilter`] each. A
/// state beyond is never allowed (and the filter says it is not exact).
const MAX_STATES: usize = 16;

/// The records of one kind a user may take an action on or fire an event on:
/// exactly those [`can_record`] or [`transition_record`] allows, as a small
/// predicate over the record's state and person columns. Built by
/// [`records`](super::records).
///
/// The same views as a [`TaskFilter`](super::TaskFilter):
/// [`matches`](Self::matches) and [`matches_each`](Self::matches_each) in memory,
/// [`groups`](Self::groups) as data, [`sql`](Self::sql) as an SQL condition (which
/// names the kind in the kind column, unless the table holds one kind:
/// [`Columns::without_kind`](super::Columns::without_kind)), `condition` with the
/// `sea-query` feature, and `Display` in words.
///
/// Person clauses are needed where the decision looks at persons: the assigned user
/// (purchase requests, demands), four eyes on approvals (the approver is neither
/// the assigned user nor the creator, and the creator is known: see
/// [`PersonClause::CreatorIsNot`](super::PersonClause::CreatorIsNot)), and the
/// contract document for sending a contract for approval.
pub struct RecordFilter<'u, U> {
    user: &'u U,
    core: RecordCore,
}

/// The filter without its user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RecordCore {
    /// The record kind.
    pub(crate) kind: RecordKind,
    /// The action or event.
    pub(crate) operation: Operation,
    /// `states[i]`: the conjunctions of person clauses under which a record in the
    /// kind's `i`th state is allowed (any one of them).
    states: [Conjunctions; MAX_STATES],
    /// Whether the conjunctions say exactly what the decision says.
    pub(crate) exact: bool,
}

clone_with_user!(copy RecordFilter);

/// Evaluates the decision over every state and person relation of `kind`.
pub(crate) fn derive<U>(
    subject: &Subject<U>,
    operation: Operation,
    kind: RecordKind,
) -> RecordCore {
    with_record_kind!(kind, |S| derive_states::<S, U>(subject, operation))
}

/// The name of the `index`th state of `kind`.
pub(crate) fn state_name(kind: RecordKind, index: usize) -> Option<&'static str> {
    with_record_kind!(kind, |S| S::STATES
        .get(index)
        .map(|&state| state.state_name()))
}

/// [`derive`] for the records whose states are `S`.
fn derive_states<S: RecordState, U>(subject: &Subject<U>, operation: Operation) -> RecordCore {
    let me = Subject::new(Who::Me, subject.granted());
    let mut states = [0; MAX_STATES];
    let mut exact = true;
    for (i, &state) in S::STATES.iter().enumerate() {
        let mut allowed: u128 = 0;
        for (p, &relation) in RELATIONS.iter().enumerate() {
            let record = record(state, relation);
            let yes = match operation {
                Operation::Action(action) => can_record(&me, action, &record),
                Operation::Event(event) => transition_record(&me, &record, event).is_ok(),
            };
            allowed |= u128::from(yes) << p;
        }
        let (conjunctions, covered) = cover(allowed);
        exact &= covered;
        match states.get_mut(i) {
            Some(slot) => *slot = conjunctions,
            // No room for the state: it is never allowed.
            None => exact &= conjunctions == 0,
        }
    }
    RecordCore {
        kind: S::KIND,
        operation,
        states,
        exact,
    }
}

/// The record of the relation space in `state` at `relation`.
fn record<S: RecordState>(state: S, relation: Relation) -> Record<S, Who> {
    let persons = (
        relation.assignee,
        relation.creator,
        relation.system,
        relation.submitter,
    );
    let record = Record::new(state).with_persons(persons);
    if relation.document {
        record.with_document()
    } else {
        record
    }
}

impl RecordCore {
    /// The groups, in order.
    pub(crate) const fn groups(self) -> RecordGroups {
        RecordGroups {
            core: self,
            next: 0,
        }
    }
}

impl<'u, U> RecordFilter<'u, U> {
    pub(crate) const fn new(user: &'u U, core: RecordCore) -> Self {
        RecordFilter { user, core }
    }

    /// The user the filter is for.
    #[must_use]
    pub const fn user(&self) -> &'u U {
        self.user
    }

    /// The record kind the filter is for.
    #[must_use]
    pub const fn kind(&self) -> RecordKind {
        self.core.kind
    }

    /// The action or event the filter is for.
    #[must_use]
    pub const fn operation(&self) -> Operation {
        self.core.operation
    }

    /// Whether the filter is exactly the decision's answer. It is for the crate's
    /// policy, for every role set (the tests check every one). Should a policy ever
    /// decide on person facts the clauses cannot say, the filter leaves out the
    /// records it cannot decide (it fails closed: it never allows a record the
    /// decision refuses) and this returns `false`.
    #[must_use]
    pub const fn is_exact(&self) -> bool {
        self.core.exact
    }

    /// Whether the filter allows no record at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.core.states.iter().all(|&c| c == 0)
    }

    /// The predicate as data: the groups, any one of which allows a record. One
    /// group a conjunction of person clauses (anyone first), with every state in
    /// which it allows. No group when the filter allows nothing.
    #[must_use]
    pub fn groups(&self) -> RecordGroups {
        self.core.groups()
    }

    /// The filter as an SQL condition for `dialect`, over the default [`Columns`]
    /// (`state`, `assigned_to`, `created_by`, `created_by_system`,
    /// `has_document`, `submitted_by`, and `kind`, which holds the record kind's
    /// system name); `.columns(..)` names the host's own
    /// ([`Columns::without_kind`](super::Columns::without_kind) on a table of one
    /// kind). The user id is a parameter (`?1`, `$1` or `?`): bind
    /// [`Sql::params`], which yields it as often as the condition needs it (maybe
    /// never).
    ///
    /// [`Columns`]: super::Columns
    #[must_use]
    pub fn sql(&self, dialect: Dialect) -> Sql<'u, U> {
        Sql::new(self.user, self.core(), dialect)
    }

    /// The filter without its user.
    pub(crate) const fn core(&self) -> Core {
        Core::Record(self.core)
    }
}

impl<U: Eq> RecordFilter<'_, U> {
    /// Whether the filter allows `record`: the same answer as the decision
    /// ([`can_record`] for an action, [`transition_record`] being `Ok` for an
    /// event) for the user and operation the filter is for. A record of another
    /// kind is not allowed. The state's conjunctions, selected without a branch,
    /// and those the record's person facts pass, a table look-up (the comparisons
    /// of the `Option<U>` persons with the user are branch-free where `Option<U>`
    /// has a niche).
    #[must_use]
    pub fn matches<S: RecordState>(&self, record: &Record<S, U>) -> bool {
        let kind = S::KIND == self.core.kind;
        // The state's conjunctions, selected without a branch.
        let allowed =
            S::STATES
                .iter()
                .zip(self.core.states)
                .fold(0, |acc, (&state, conjunctions)| {
                    acc | conjunctions & Conjunctions::from(state == record.state).wrapping_neg()
                });
        let creator_known_not_user = (record.creator.is_some() | record.created_by_system)
            & !record.is_created_by(self.user);
        let submitter_known_not_user =
            record.submitter.is_some() & (record.submitter.as_ref() != Some(self.user));
        let held = satisfied(
            record.is_assigned_to(self.user),
            creator_known_not_user,
            record.has_document,
            submitter_known_not_user,
            record.submitter.as_ref() == Some(self.user),
        );
        let passing = PASSING.get(usize::from(held)).copied().unwrap_or(0);
        #[expect(
            clippy::needless_bitwise_bool,
            reason = "`&` keeps the answer free of branches"
        )]
        let allowed = kind & (allowed & passing != 0);
        allowed
    }

    /// [`matches`](Self::matches) for each of `records`, written to `out` in order;
    /// returns how many are allowed.
    ///
    /// # Errors
    ///
    /// `out` is not as long as `records`: nothing is written.
    pub fn matches_each<S: RecordState>(
        &self,
        records: &[Record<S, U>],
        out: &mut [bool],
    ) -> Result<usize, LengthError> {
        LengthError::check("out", out.len(), records.len())?;
        let mut allowed = 0;
        for (record, slot) in records.iter().zip(out.iter_mut()) {
            let yes = self.matches(record);
            *slot = yes;
            allowed += usize::from(yes);
        }
        Ok(allowed)
    }

    /// The indices of the `records` the filter allows, in order:
    /// [`matches`](Self::matches) on each, without an output buffer and without
    /// allocating.
    pub fn allowed<'r, S: RecordState>(
        &'r self,
        records: &'r [Record<S, U>],
    ) -> impl Iterator<Item = usize> + 'r {
        records
            .iter()
            .enumerate()
            .filter(move |(_, record)| self.matches(record))
            .map(|(i, _)| i)
    }
}

/// One group of a [`RecordFilter`]: records in one of `states`, for which every
/// clause of `person` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordGroup {
    /// The states, never empty.
    pub states: RecordStates,
    /// The conditions on persons.
    pub person: PersonClauses,
}

impl fmt::Display for RecordGroup {
    /// E.g. `in state approval, not assigned to the user and created by someone other
    /// than the user, or by the system`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("in ")?;
        let states = &self.states;
        write_states(f, states, states.len(), states.is_all(), self.person)
    }
}

serialize_group! { RecordGroup { states, person } }

/// The groups of a [`RecordFilter`], in order ([`RecordFilter::groups`]).
#[derive(Debug, Clone)]
pub struct RecordGroups {
    core: RecordCore,
    next: usize,
}

impl Iterator for RecordGroups {
    type Item = RecordGroup;

    fn next(&mut self) -> Option<RecordGroup> {
        while let Some(&conjunction) = ORDER.get(self.next) {
            self.next += 1;
            let bit: Conjunctions = 1 << conjunction;
            let states = self
                .core
                .states
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c & bit != 0)
                .fold(0_u16, |set, (i, _)| set | 1 << i);
            if states != 0 {
                return Some(RecordGroup {
                    states: RecordStates {
                        kind: self.core.kind,
                        bits: states,
                    },
                    person: PersonClauses::from_bits(conjunction),
                });
            }
        }
        None
    }
}

/// A set of the states of one record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordStates {
    kind: RecordKind,
    bits: u16,
}

impl RecordStates {
    /// The record kind whose states these are.
    #[must_use]
    pub const fn kind(self) -> RecordKind {
        self.kind
    }

    /// How many states the set holds.
    #[must_use]
    pub const fn len(self) -> usize {
        self.bits.count_ones() as usize
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// Whether the set holds every state of its kind.
    #[must_use]
    pub fn is_all(self) -> bool {
        self.len() == self.names_of_kind().count()
    }

    /// Whether `state` (of the set's kind) is in the set.
    #[must_use]
    pub fn contains<S: RecordState>(self, state: S) -> bool {
        S::KIND == self.kind
            && S::STATES
                .iter()
                .position(|&s| s == state)
                .is_some_and(|i| i < MAX_STATES && self.bits & 1 << i != 0)
    }

    /// The system names of the states, in the kind's state order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        let kind = self.kind;
        (0..MAX_STATES)
            .filter(move |&i| self.bits & 1 << i != 0)
            .filter_map(move |i| state_name(kind, i))
    }

    /// Every state name of the kind.
    fn names_of_kind(self) -> impl Iterator<Item = &'static str> {
        let kind = self.kind;
        (0..MAX_STATES).map_while(move |i| state_name(kind, i))
    }
}

impl fmt::Display for RecordStates {
    /// The system names, e.g. `draft or approval`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_list(f, self.names(), self.len(), [", ", " or ", ""])
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for RecordStates {
    /// A list of system names.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

filter_views! {
    /// The filter in words, e.g. `approve on contracts: in state approval, not
    /// assigned to the user and created by someone other than the user, or by the
    /// system`.
    RecordFilter(RecordCore) { kind, operation }: operation on
        |core: &RecordCore| core.kind.plural(), else "none"
}
