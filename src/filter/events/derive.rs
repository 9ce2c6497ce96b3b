//! The derivation of an event filter: `validate` asked about every kind, state,
//! person point and relation set, each cell covered with disjoint terms.

use super::super::person::Who;
use super::super::sets::StateSet;
use super::clauses::RelationClause;
use super::space::{
    candidate, order, person_point, relation_term, PersonPoint, Term, CANDIDATES, PERSONS,
    PERSON_EXTENT, PERSON_TERMS, RELATION_EXTENT, RELATION_SETS,
};
use super::EventGroups;
use crate::workflow::{validate, Relations, TaskEvent};
use crate::{Role, Subject, Task, TaskKind, TaskState};

// ---- The filter ----

/// How many task kinds and states.
pub(super) const KINDS: usize = TaskKind::ALL.len();
pub(super) const STATES: usize = TaskState::ALL.len();

/// At most this many distinct terms in one filter (one bit each in a cell).
pub(super) const MAX_TERMS: usize = 32;

/// The filter without its user: the distinct terms, and for each kind and state
/// the terms whose union is exactly what `validate` allows there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct EventCore {
    /// The event.
    pub(crate) event: TaskEvent,
    /// The distinct terms, in the order found.
    pub(super) terms: [Term; MAX_TERMS],
    /// How many of `terms` are used.
    pub(super) count: usize,
    /// `cells[kind][state]`: bit `t` when `terms[t]` is part of the cell's cover.
    pub(super) cells: [[u32; STATES]; KINDS],
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
/// looks up by id, to which [`HostTables::indexes`](crate::filter::HostTables::indexes)
/// gives PostgreSQL a partial index of the task ids.
pub(crate) fn by_id_states() -> StateSet {
    let id: Relations = RelationClause::ALL
        .iter()
        .filter(|clause| clause.names_task_id())
        .map(|clause| clause.flag())
        .collect();
    // Every set of the other relations and facts (a set that holds one of those
    // already adds nothing: the same states, eight times the work).
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
                    && id
                        .iter()
                        .any(|r| validate(&me, &task, base.union(r), event).is_ok())
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
pub(super) fn task_at(kind: TaskKind, state: TaskState, point: PersonPoint) -> Task<Who> {
    Task::new(kind, state).with_persons(point)
}

impl EventCore {
    /// Covers `allowed` (a relation-set mask per person point) with disjoint
    /// candidate terms inside it: the cell's term bits, and whether the cover is
    /// complete (else the rest is left out: narrowed, failing closed).
    pub(super) fn cover(
        &mut self,
        order: &[u16; CANDIDATES],
        allowed: &[u64; PERSONS],
    ) -> (u32, bool) {
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
    pub(super) fn intern(&mut self, term: Term) -> Option<usize> {
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
    pub(super) fn cell(&self, kind: TaskKind, state: TaskState) -> u32 {
        self.cells
            .get(kind as usize)
            .and_then(|row| row.get(state as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The state bits of `kind` whose cover holds term `t`.
    pub(super) fn states(&self, kind: TaskKind, t: usize) -> u8 {
        TaskState::ALL
            .iter()
            .filter(|&&state| self.cell(kind, state) >> t & 1 != 0)
            .fold(0, |bits, &state| bits | 1 << state as u8)
    }

    /// Whether a task of `kind` in `state` with these satisfied clause bits passes.
    pub(super) fn allows(
        &self,
        kind: TaskKind,
        state: TaskState,
        person: u8,
        relations: u16,
    ) -> bool {
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
