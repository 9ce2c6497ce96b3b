//! The workflow event filter: on which tasks a user may fire a [`TaskEvent`] now,
//! derived from [`workflow::validate`](crate::workflow::validate).

use core::fmt;

use super::person::{self, PersonClause, PersonClauses, Who};
use super::task::{KindSet, StateSet};
use crate::vocabulary::vocabulary;
use crate::workflow::{validate, Relations, TaskEvent};
use crate::{Role, Subject, Task, TaskKind, TaskState};

vocabulary! {
    /// One condition on how the user relates to a task beyond its person columns
    /// (a [`Relations`] flag), or on a fact of the task. A [`RelationClauses`] is a
    /// conjunction of them. In SQL each is rendered over the host's tables
    /// ([`HostTables`](super::HostTables)); in memory it reads the [`Relations`] the
    /// host computed.
    ///
    /// [`Relations::ALL_APPROVED`] has no clause: it decides where an approve
    /// leads (`approved` or still `pending_approval`), never whether it is
    /// allowed.
    pub enum RelationClause ("relation clause") {
        /// The user is a member of the task's assignment group.
        InAssignmentGroup = "in_assignment_group",
        /// The user is not a member of the task's assignment group (or the task
        /// has none).
        NotInAssignmentGroup = "not_in_assignment_group",
        /// The user is the responsible person of one of the task's assets.
        AssetResponsible = "asset_responsible",
        /// The user is the responsible person of none of the task's assets.
        NotAssetResponsible = "not_asset_responsible",
        /// The user is an added approver of the task's current approval.
        AddedApprover = "added_approver",
        /// The user is not an added approver of the task's current approval.
        NotAddedApprover = "not_added_approver",
        /// The user is on the task's decommissioning committee.
        CommitteeMember = "committee_member",
        /// The user is not on the task's decommissioning committee.
        NotCommitteeMember = "not_committee_member",
        /// Task fact: a file of new assets is attached.
        FilesAttached = "files_attached",
        /// Task fact: no file of new assets is attached.
        NoFilesAttached = "no_files_attached",
    }
}

impl RelationClause {
    /// The clause in words, as [`RelationClauses`] prints it.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            RelationClause::InAssignmentGroup => "the user in the assignment group",
            RelationClause::NotInAssignmentGroup => "the user not in the assignment group",
            RelationClause::AssetResponsible => "the user responsible for one of its assets",
            RelationClause::NotAssetResponsible => "the user responsible for none of its assets",
            RelationClause::AddedApprover => "the user an added approver",
            RelationClause::NotAddedApprover => "the user not an added approver",
            RelationClause::CommitteeMember => "the user on its committee",
            RelationClause::NotCommitteeMember => "the user not on its committee",
            RelationClause::FilesAttached => "with a file of new assets attached",
            RelationClause::NoFilesAttached => "without a file of new assets attached",
        }
    }

    /// The [`Relations`] flag the clause reads.
    #[must_use]
    pub const fn flag(self) -> Relations {
        match self {
            RelationClause::InAssignmentGroup | RelationClause::NotInAssignmentGroup => {
                Relations::IN_ASSIGNMENT_GROUP
            }
            RelationClause::AssetResponsible | RelationClause::NotAssetResponsible => {
                Relations::ASSET_RESPONSIBLE
            }
            RelationClause::AddedApprover | RelationClause::NotAddedApprover => {
                Relations::ADDED_APPROVER
            }
            RelationClause::CommitteeMember | RelationClause::NotCommitteeMember => {
                Relations::COMMITTEE_MEMBER
            }
            RelationClause::FilesAttached | RelationClause::NoFilesAttached => {
                Relations::FILES_ATTACHED
            }
        }
    }

    /// Whether the clause holds when the flag is set (`true`) or when it is not.
    #[must_use]
    pub const fn is_positive(self) -> bool {
        match self {
            RelationClause::InAssignmentGroup
            | RelationClause::AssetResponsible
            | RelationClause::AddedApprover
            | RelationClause::CommitteeMember
            | RelationClause::FilesAttached => true,
            RelationClause::NotInAssignmentGroup
            | RelationClause::NotAssetResponsible
            | RelationClause::NotAddedApprover
            | RelationClause::NotCommitteeMember
            | RelationClause::NoFilesAttached => false,
        }
    }

    /// The clause's bit in a [`RelationClauses`].
    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// The [`Relations`] flags a clause reads, in clause order (flag `j` has the
/// clauses `2j`, positive, and `2j + 1`, negative).
const FLAGS: [Relations; 5] = [
    Relations::IN_ASSIGNMENT_GROUP,
    Relations::ASSET_RESPONSIBLE,
    Relations::ADDED_APPROVER,
    Relations::COMMITTEE_MEMBER,
    Relations::FILES_ATTACHED,
];

// Two clauses a flag, in that order: the build fails here if the vocabulary and
// the flags drift apart.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
const _: () = {
    assert!(RelationClause::ALL.len() == 2 * FLAGS.len());
    let mut j = 0;
    while j < FLAGS.len() {
        let positive = RelationClause::ALL[2 * j];
        let negative = RelationClause::ALL[2 * j + 1];
        assert!(positive.is_positive() && !negative.is_positive());
        assert!(positive.flag().bits() == FLAGS[j].bits());
        assert!(negative.flag().bits() == FLAGS[j].bits());
        j += 1;
    }
};

/// A conjunction of [`RelationClause`]s; the empty one is
/// [`RelationClauses::ANY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RelationClauses(u16);

impl RelationClauses {
    /// No condition on relations.
    pub const ANY: RelationClauses = RelationClauses(0);

    /// The conjunction of the one `clause`.
    #[must_use]
    pub const fn only(clause: RelationClause) -> Self {
        RelationClauses(clause.bit())
    }

    /// The same conjunction with `clause` as well.
    #[must_use]
    pub const fn and(self, clause: RelationClause) -> Self {
        RelationClauses(self.0 | clause.bit())
    }

    /// Whether `clause` is one of the conditions.
    #[must_use]
    pub const fn contains(self, clause: RelationClause) -> bool {
        self.0 & clause.bit() != 0
    }

    /// Whether there is no condition on relations.
    #[must_use]
    pub const fn is_any(self) -> bool {
        self.0 == 0
    }

    /// How many clauses.
    #[must_use]
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether there is no clause (as [`is_any`](Self::is_any)).
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The clauses, in [`RelationClause::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = RelationClause> {
        RelationClause::ALL
            .iter()
            .copied()
            .filter(move |&clause| self.contains(clause))
    }

    /// Whether `relations` satisfies every clause.
    #[must_use]
    pub const fn holds(self, relations: Relations) -> bool {
        self.0 & !satisfied_relations(relations) == 0
    }
}

impl From<RelationClause> for RelationClauses {
    fn from(clause: RelationClause) -> Self {
        RelationClauses::only(clause)
    }
}

impl fmt::Display for RelationClauses {
    /// `any relation`, or the clauses in words joined by ` and `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_any() {
            return f.write_str("any relation");
        }
        for (i, clause) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            f.write_str(clause.describe())?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for RelationClauses {
    /// A list of clause names; empty for any.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The clause bits `relations` satisfies: for each flag, its positive clause when
/// set, its negative clause when not.
#[expect(clippy::indexing_slicing, reason = "j < FLAGS.len(): the loop's bound")]
const fn satisfied_relations(relations: Relations) -> u16 {
    let mut bits = 0;
    let mut j = 0;
    while j < FLAGS.len() {
        let set = relations.bits() & FLAGS[j].bits() != 0;
        bits |= 1 << (2 * j + if set { 0 } else { 1 });
        j += 1;
    }
    bits
}

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
const ASSIGNEES: [Option<Who>; 3] = person::ASSIGNEES;
/// The creators: unknown, the user, someone else.
const CREATORS: [Option<Who>; 3] = person::CREATORS;
/// The submitters: unknown, the user, someone else.
const SUBMITTERS: [Option<Who>; 3] = person::SUBMITTERS;

/// How many person points: assignee × creator × created by the system × submitter.
const PERSONS: usize = ASSIGNEES.len() * CREATORS.len() * 2 * SUBMITTERS.len();

/// How many relation points: every set of the six [`Relations`] flags.
const RELATION_SETS: usize = 64;

const _: () = assert!(
    PERSONS <= 64 && Relations::all().bits() as usize == RELATION_SETS - 1,
    "the relation space outgrows its u64 masks"
);

/// One person point: assignee, creator, created by the system, submitter.
type PersonPoint = (Option<Who>, Option<Who>, bool, Option<Who>);

/// The person point of index `p`.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: every index is reduced modulo the array's length"
)]
const fn person_point(p: usize) -> PersonPoint {
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
const fn person_satisfied(point: PersonPoint) -> u8 {
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
const PERSON_TERMS: [PersonClauses; 12] = {
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
const PERSON_EXTENT: [u64; 12] = {
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
const RELATION_TERMS: usize = 243;

const _: () = assert!(RELATION_TERMS == 3 * 3 * 3 * 3 * 3 && FLAGS.len() == 5);

/// The relation conjunction of index `r` (base 3: digit `j` 0 no clause, 1 the
/// positive clause of flag `j`, 2 the negative).
const fn relation_term(r: usize) -> RelationClauses {
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
const RELATION_EXTENT: [u64; RELATION_TERMS] = {
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
const CANDIDATES: usize = PERSON_TERMS.len() * RELATION_TERMS;

/// Candidate `c`: its person index and relation index.
const fn candidate(c: usize) -> (usize, usize) {
    (c / RELATION_TERMS, c % RELATION_TERMS)
}

/// The key the cover tries candidates by: the largest extent first, then fewer
/// clauses, then index.
fn key(c: u16) -> (u32, u32, u16) {
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
fn order() -> [u16; CANDIDATES] {
    let mut order = [0_u16; CANDIDATES];
    for (c, slot) in (0_u16..).zip(order.iter_mut()) {
        *slot = c;
    }
    order.sort_unstable_by_key(|&c| key(c));
    order
}

// ---- The filter ----

/// How many task kinds and states.
const KINDS: usize = TaskKind::ALL.len();
const STATES: usize = TaskState::ALL.len();

/// At most this many distinct terms in one filter (one bit each in a cell).
const MAX_TERMS: usize = 32;

/// The filter without its user: the distinct terms, and for each kind and state
/// the terms whose union is exactly what `validate` allows there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct EventCore {
    /// The event.
    pub(crate) event: TaskEvent,
    /// The distinct terms, in the order found.
    terms: [Term; MAX_TERMS],
    /// How many of `terms` are used.
    count: usize,
    /// `cells[kind][state]`: bit `t` when `terms[t]` is part of the cell's cover.
    cells: [[u32; STATES]; KINDS],
    /// Whether the filter says exactly what `validate` says.
    pub(crate) exact: bool,
}

/// Derives the filter: asks [`validate`] about every kind, state, person point
/// and relation set, then covers each cell's allowed points with disjoint terms
/// (the largest first), so that the groups of a filter never overlap.
pub(crate) fn derive<U>(subject: &Subject<U>, event: TaskEvent) -> EventCore {
    let me = Subject::new(Who::Me, subject.granted());
    let order = order();
    let mut core = EventCore {
        event,
        terms: [Term::default(); MAX_TERMS],
        count: 0,
        cells: [[0; STATES]; KINDS],
        exact: true,
    };
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let mut allowed = [0_u64; PERSONS];
            for (p, row) in allowed.iter_mut().enumerate() {
                let task = task_at(kind, state, person_point(p));
                for s in 0..RELATION_SETS {
                    #[expect(
                        clippy::cast_possible_truncation,
                        reason = "s < 64: a set of the six flags"
                    )]
                    let relations = Relations::from_bits_truncate(s as u8);
                    if validate(&me, &task, relations, event).is_ok() {
                        *row |= 1 << s;
                    }
                }
            }
            let (cell, exact) = core.cover(&order, &allowed);
            core.exact &= exact;
            if let Some(slot) = core
                .cells
                .get_mut(kind as usize)
                .and_then(|row| row.get_mut(state as usize))
            {
                *slot = cell;
            }
        }
    }
    core
}

/// The states in which a relation that names the task's id (the user responsible
/// for one of its assets, an added approver, on its committee) lets a role fire
/// an event it may not fire without it, for some kind, with every person someone
/// else, whatever the task's other facts: the states of the groups a database
/// looks up by id, to which [`HostTables::indexes`](super::HostTables::indexes)
/// gives PostgreSQL a partial index of the task ids.
pub(crate) fn by_id_states() -> StateSet {
    let by_id = [
        Relations::ASSET_RESPONSIBLE,
        Relations::ADDED_APPROVER,
        Relations::COMMITTEE_MEMBER,
    ];
    let id: Relations = by_id.into_iter().collect();
    // Every set of the other relations and facts.
    let bases = (0..=Relations::all().bits())
        .map(Relations::from_bits_truncate)
        .filter(move |base| !base.intersects(id));
    let mut states = StateSet::EMPTY;
    for &state in TaskState::ALL {
        let opens = |role: Role, event: TaskEvent, kind: TaskKind| {
            let me = Subject::new(Who::Me, role);
            let task = task_at(
                kind,
                state,
                (Some(Who::A), Some(Who::A), false, Some(Who::A)),
            );
            bases.clone().any(|base| {
                validate(&me, &task, base, event).is_err()
                    && by_id
                        .iter()
                        .any(|&r| validate(&me, &task, base | r, event).is_ok())
            })
        };
        let found = Role::ALL.iter().any(|&role| {
            TaskEvent::ALL
                .iter()
                .any(|&event| TaskKind::ALL.iter().any(|&kind| opens(role, event, kind)))
        });
        if found {
            states = states.with(state);
        }
    }
    states
}

/// The task of a person point.
fn task_at(kind: TaskKind, state: TaskState, point: PersonPoint) -> Task<Who> {
    let (assignee, creator, system, submitter) = point;
    let mut task = Task::new(kind, state);
    task.assignee = assignee;
    task.creator = creator;
    task.created_by_system = system;
    task.submitter = submitter;
    task
}

impl EventCore {
    /// Covers `allowed` (a relation-set mask per person point) with disjoint
    /// candidate terms inside it: the cell's term bits, and whether the cover is
    /// complete (else the rest is left out: narrowed, failing closed).
    fn cover(&mut self, order: &[u16; CANDIDATES], allowed: &[u64; PERSONS]) -> (u32, bool) {
        let mut left = *allowed;
        let mut cell = 0_u32;
        while left.iter().any(|&row| row != 0) {
            let found = order.iter().find_map(|&c| {
                let (p, r) = candidate(usize::from(c));
                let persons = PERSON_EXTENT.get(p).copied().unwrap_or(0);
                let sets = RELATION_EXTENT.get(r).copied().unwrap_or(0);
                let inside = left
                    .iter()
                    .enumerate()
                    .all(|(point, &row)| persons >> point & 1 == 0 || sets & !row == 0);
                let term = Term {
                    person: PERSON_TERMS.get(p).copied().unwrap_or_default(),
                    relations: relation_term(r),
                };
                (inside && persons != 0 && sets != 0).then_some((term, persons, sets))
            });
            let Some((term, persons, sets)) = found else {
                return (cell, false);
            };
            let Some(bit) = self.intern(term) else {
                return (cell, false);
            };
            cell |= 1 << bit;
            for (point, row) in left.iter_mut().enumerate() {
                if persons >> point & 1 != 0 {
                    *row &= !sets;
                }
            }
        }
        (cell, true)
    }

    /// The index of `term` among the distinct terms, added if new; `None` when
    /// there is no room left.
    fn intern(&mut self, term: Term) -> Option<usize> {
        let used = self.terms.get(..self.count)?;
        if let Some(i) = used.iter().position(|&t| t == term) {
            return Some(i);
        }
        let slot = self.terms.get_mut(self.count)?;
        *slot = term;
        self.count += 1;
        Some(self.count - 1)
    }

    /// The cell of `kind` and `state`.
    fn cell(&self, kind: TaskKind, state: TaskState) -> u32 {
        self.cells
            .get(kind as usize)
            .and_then(|row| row.get(state as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The state bits of `kind` whose cover holds term `t`.
    fn states(&self, kind: TaskKind, t: usize) -> u8 {
        TaskState::ALL
            .iter()
            .filter(|&&state| self.cell(kind, state) >> t & 1 != 0)
            .fold(0, |bits, &state| bits | 1 << state as u8)
    }

    /// Whether a task of `kind` in `state` with these satisfied clause bits passes.
    fn allows(&self, kind: TaskKind, state: TaskState, person: u8, relations: u16) -> bool {
        let cell = self.cell(kind, state);
        self.terms
            .iter()
            .take(self.count)
            .enumerate()
            .any(|(t, term)| {
                cell >> t & 1 != 0
                    && term.person.bits() & !person == 0
                    && term.relations.0 & !relations == 0
            })
    }

    /// The groups, in order.
    pub(crate) fn groups(&self) -> EventGroups<'_> {
        EventGroups {
            core: self,
            term: 0,
            kind: 0,
        }
    }
}

/// The tasks on which a user may fire one workflow event now: exactly those
/// [`workflow::validate`](crate::workflow::validate) allows, as a predicate over
/// the task's kind, state and person columns and the user's relations to it.
/// Built by [`task_events`](super::task_events).
///
/// - [`matches`](Self::matches) decides one task in memory, given the
///   [`Relations`] the host computed; [`allowed`](Self::allowed) many.
/// - [`groups`](Self::groups) is the predicate as data: a disjunction of
///   [`EventGroup`]s, each kinds, states, person clauses and relation clauses.
///   The groups never overlap: a task passes at most one.
/// - [`sql`](Self::sql) writes it over the host's tables ([`HostTables`]), the
///   relations as subqueries, the user a bound parameter.
/// - `Display` says it in words; `serde::Serialize` with the `serde` feature.
///
/// [`HostTables`]: super::HostTables
pub struct EventFilter<'u, U> {
    user: &'u U,
    core: EventCore,
}

impl<U> Clone for EventFilter<'_, U> {
    fn clone(&self) -> Self {
        EventFilter {
            user: self.user,
            core: self.core,
        }
    }
}

impl<U: fmt::Debug> fmt::Debug for EventFilter<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventFilter")
            .field("user", self.user)
            .field("event", &self.core.event)
            .field("groups", &DebugGroups(&self.core))
            .field("exact", &self.core.exact)
            .finish()
    }
}

/// The groups as a Debug list.
struct DebugGroups<'c>(&'c EventCore);

impl fmt::Debug for DebugGroups<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.groups()).finish()
    }
}

impl<'u, U> EventFilter<'u, U> {
    pub(crate) const fn new(user: &'u U, core: &EventCore) -> Self {
        EventFilter { user, core: *core }
    }

    /// The user the filter is for.
    #[must_use]
    pub const fn user(&self) -> &'u U {
        self.user
    }

    /// The event the filter is for.
    #[must_use]
    pub const fn event(&self) -> TaskEvent {
        self.core.event
    }

    /// Whether the filter is exactly `validate`'s answer (the tests check every
    /// role set: it is). Were a policy ever to depend on what the clauses cannot
    /// say, the filter would leave those tasks out (fail closed) and this would
    /// be `false`.
    #[must_use]
    pub const fn is_exact(&self) -> bool {
        self.core.exact
    }

    /// Whether the filter allows no task at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.core.count == 0
    }

    /// The predicate as data: the groups, any one of which allows a task, and no
    /// two of which allow the same task. Listed by term (the widest first), then
    /// by first kind; in one group every kind has the same states.
    #[must_use]
    pub fn groups(&self) -> EventGroups<'_> {
        self.core.groups()
    }

    pub(crate) const fn core(&self) -> &EventCore {
        &self.core
    }
}

impl<U: Eq> EventFilter<'_, U> {
    /// Whether the filter allows `task`, the user relating to it as `relations`
    /// says: the same answer as `workflow::validate(..).is_ok()` for the user and
    /// event the filter is for.
    #[must_use]
    pub fn matches(&self, task: &Task<U>, relations: Relations) -> bool {
        let user = self.user;
        let creator_known_not_user = match &task.creator {
            Some(creator) => creator != user,
            None => task.created_by_system,
        };
        let person = person::satisfied(
            task.assignee.as_ref() == Some(user),
            creator_known_not_user,
            false,
            task.submitter.as_ref().is_some_and(|s| s != user),
            task.submitter.as_ref() == Some(user),
        );
        self.core.allows(
            task.kind,
            task.state,
            person,
            satisfied_relations(relations),
        )
    }

    /// The indices of `tasks` the filter allows, in order, each with its
    /// relations: [`matches`](Self::matches) on each, without allocating.
    pub fn allowed<'t>(
        &'t self,
        tasks: impl IntoIterator<Item = (&'t Task<U>, Relations)> + 't,
    ) -> impl Iterator<Item = usize> + 't {
        tasks
            .into_iter()
            .enumerate()
            .filter(move |(_, (task, relations))| self.matches(task, *relations))
            .map(|(i, _)| i)
    }
}

/// One group of an [`EventFilter`]: tasks of one of `kinds`, in one of `states`,
/// for which every clause of `person` and of `relations` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventGroup {
    /// The kinds, never empty.
    pub kinds: KindSet,
    /// The states, never empty.
    pub states: StateSet,
    /// The conditions on the person columns: [`PersonClause::AssigneeIs`],
    /// [`PersonClause::AssigneeIsNot`], [`PersonClause::CreatorIsNot`],
    /// [`PersonClause::SubmitterIsNot`].
    pub person: PersonClauses,
    /// The conditions on the user's relations to the task and its facts.
    pub relations: RelationClauses,
}

impl fmt::Display for EventGroup {
    /// E.g. `maintenance or upgrading in states registered or postponed, the user
    /// in the assignment group`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in ", self.kinds)?;
        if self.states.len() == 1 {
            write!(f, "state {}", self.states)?;
        } else {
            write!(f, "states {}", self.states)?;
        }
        if !self.person.is_anyone() {
            write!(f, ", {}", self.person)?;
        }
        if !self.relations.is_any() {
            write!(f, ", {}", self.relations)?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for EventGroup {
    /// `{"kinds": [..], "states": [..], "person": [..], "relations": [..]}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("EventGroup", 4)?;
        out.serialize_field("kinds", &self.kinds)?;
        out.serialize_field("states", &self.states)?;
        out.serialize_field("person", &self.person)?;
        out.serialize_field("relations", &self.relations)?;
        out.end()
    }
}

/// The groups of an [`EventFilter`], in order ([`EventFilter::groups`]).
#[derive(Debug, Clone)]
pub struct EventGroups<'c> {
    core: &'c EventCore,
    term: usize,
    kind: usize,
}

impl Iterator for EventGroups<'_> {
    type Item = EventGroup;

    fn next(&mut self) -> Option<EventGroup> {
        while let Some(&term) = self.core.terms.get(..self.core.count)?.get(self.term) {
            while let Some(&kind) = TaskKind::ALL.get(self.kind) {
                self.kind += 1;
                let states = self.core.states(kind, self.term);
                if states == 0 {
                    continue;
                }
                let earlier = TaskKind::ALL
                    .iter()
                    .take(self.kind - 1)
                    .any(|&k| self.core.states(k, self.term) == states);
                if earlier {
                    continue;
                }
                let kinds = TaskKind::ALL
                    .iter()
                    .filter(|&&k| self.core.states(k, self.term) == states)
                    .fold(KindSet::EMPTY, |set, &k| set.with(k));
                let states = TaskState::ALL
                    .iter()
                    .filter(|&&s| states >> s as u8 & 1 != 0)
                    .fold(StateSet::EMPTY, |set, &s| set.with(s));
                return Some(EventGroup {
                    kinds,
                    states,
                    person: term.person,
                    relations: term.relations,
                });
            }
            self.term += 1;
            self.kind = 0;
        }
        None
    }
}

impl fmt::Display for EventCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on tasks: ", self.event)?;
        super::write_groups(f, self.groups(), "no task", self.exact)
    }
}

impl<U> fmt::Display for EventFilter<'_, U> {
    /// The filter in words, e.g. `approve on tasks: allocation, ... in state
    /// pending_approval, not assigned to the user and ..., the user an added
    /// approver; or ...`, or `start_work on tasks: no task`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt(f)
    }
}

#[cfg(feature = "serde")]
impl<U> serde::Serialize for EventFilter<'_, U> {
    /// `{"event": .., "groups": [..], "exact": ..}`: the predicate, without the
    /// user id.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("EventFilter", 3)?;
        out.serialize_field("event", &self.core.event)?;
        out.serialize_field("groups", &SerializeGroups(&self.core))?;
        out.serialize_field("exact", &self.core.exact)?;
        out.end()
    }
}

/// The groups as a serde sequence.
#[cfg(feature = "serde")]
struct SerializeGroups<'c>(&'c EventCore);

#[cfg(feature = "serde")]
impl serde::Serialize for SerializeGroups<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.groups())
    }
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
