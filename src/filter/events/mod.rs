//! The workflow event filter: on which tasks a user may fire a [`TaskEvent`] now,
//! derived from [`workflow::validate`](crate::workflow::validate).

use core::fmt;

use super::person::{self, PersonClauses};
use super::sets::{KindSet, StateSet};
use super::{kind_group, write_states};
use crate::workflow::{Relations, TaskEvent};
use crate::{Task, TaskKind};

mod clauses;
mod derive;
mod space;

use self::clauses::satisfied_relations;
pub use self::clauses::{RelationClause, RelationClauses};
pub(crate) use self::derive::{by_id_states, derive, EventCore};

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

clone_with_user!(EventFilter);

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
    /// The conditions on the person columns: [`PersonClause::AssigneeIs`](crate::filter::PersonClause::AssigneeIs),
    /// [`PersonClause::AssigneeIsNot`](crate::filter::PersonClause::AssigneeIsNot), [`PersonClause::CreatorIsNot`](crate::filter::PersonClause::CreatorIsNot),
    /// [`PersonClause::SubmitterIsNot`](crate::filter::PersonClause::SubmitterIsNot).
    pub person: PersonClauses,
    /// The conditions on the user's relations to the task and its facts.
    pub relations: RelationClauses,
}

impl fmt::Display for EventGroup {
    /// E.g. `maintenance or upgrading in states registered or postponed, the user
    /// in the assignment group`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in ", self.kinds)?;
        write_states(f, &self.states, self.states.len(), false, self.person)?;
        if !self.relations.is_any() {
            write!(f, ", {}", self.relations)?;
        }
        Ok(())
    }
}

serialize_group! { EventGroup { kinds, states, person, relations } }

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
            while self.kind < TaskKind::ALL.len() {
                self.kind += 1;
                let (core, t) = (self.core, self.term);
                if let Some((kinds, states)) = kind_group(self.kind - 1, |k| core.states(k, t)) {
                    return Some(EventGroup {
                        kinds,
                        states,
                        person: term.person,
                        relations: term.relations,
                    });
                }
            }
            self.term += 1;
            self.kind = 0;
        }
        None
    }
}

filter_views! {
    /// The filter in words, e.g. `approve on tasks: allocation, ... in state
    /// pending_approval, not assigned to the user and ..., the user an added
    /// approver; or ...`, or `start_work on tasks: no task`.
    EventFilter(EventCore) { event }: event on |_| "tasks", else "no task"
}
