//! The task filter: which tasks a user may take an action on, derived from [`can`].

use core::fmt;

use super::error::LengthError;
use super::person::{PersonClause, PersonClauses, Who, ASSIGNEES, CREATORS};
use super::sql::{Core, Dialect, Sql};
use super::{kind_group, write_states};
use crate::{can, Action, Subject, Task, TaskKind, TaskState};

mod batch;

pub use self::batch::TaskColumns;
use self::batch::{byte_table, count, lookup, mark};
use super::sets::{KindSet, StateSet};

/// How many task kinds there are: one row of a [`TaskFilter`] each.
const KINDS: usize = TaskKind::ALL.len();

// A row holds two bytes of state bits, a state set is a `u8` and a kind set a
// `u16`: the build fails here if the vocabularies outgrow them.
const _: () = assert!(
    TaskState::ALL.len() <= 8 && KINDS <= 16,
    "task states outgrow a row or a byte, or task kinds a u16"
);

/// The bit of a row that says whether `state` is allowed, the user being the
/// assigned user (`not_mine` 0: the low byte) or not (`not_mine` 1: the high byte).
/// (Two bytes measured faster in the batch loop than the two bits of a state side by
/// side.)
const fn bit_of(state: TaskState, not_mine: u32) -> u32 {
    state as u32 + not_mine * 8
}

/// The tasks a user may take one action on: exactly those [`can`] allows, as a
/// small predicate over the task's kind, state and assigned user. Built by
/// [`tasks`](super::tasks).
///
/// - [`matches`](Self::matches) applies it to one task in memory (a table look-up
///   and a shift, no branch), [`matches_each`](Self::matches_each) and
///   [`matches_columns`](Self::matches_columns) to many.
/// - [`groups`](Self::groups) is the predicate as data: a disjunction of
///   [`TaskGroup`]s, each a set of kinds, a set of states and a conjunction of
///   person clauses, to map to any query language.
/// - [`sql`](Self::sql) writes it as an SQL condition, the user id a bound
///   parameter; with the `sea-query` feature, `condition` builds a
///   `sea_query::Condition`.
/// - `Display` says it in words.
///
/// Kinds and states are always allow-lists, so a stored row with an unknown or
/// corrupt kind or state never passes, even where the user may act on every task.
pub struct TaskFilter<'u, U> {
    user: &'u U,
    action: Action,
    core: TaskCore,
}

/// The filter without its user: the rows and whether they are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TaskCore {
    /// The action.
    pub(crate) action: Action,
    /// `rows[kind]`: the low byte the states allowed when the user is the assigned
    /// user, the high byte when not (nobody or someone else is); see [`bit_of`].
    rows: [u16; KINDS],
    /// Whether the rows say exactly what `can` says (see [`TaskFilter::is_exact`]).
    pub(crate) exact: bool,
}

clone_with_user!(copy TaskFilter);

/// Evaluates [`can`] over every kind, state and person relation, for a user holding
/// `subject`'s roles (a private id type stands for the user and two other people,
/// so the answers hold for any id type: `can` only compares ids).
pub(crate) fn derive<U>(subject: &Subject<U>, action: Action) -> TaskCore {
    let me = Subject::new(Who::Me, subject.granted());
    let mut rows = [0_u16; KINDS];
    let mut exact = true;
    for &kind in TaskKind::ALL {
        let mut row = 0_u16;
        for &state in TaskState::ALL {
            // All and any of the answers, for the user assigned and not.
            let mut mine = (true, false);
            let mut not_mine = (true, false);
            for assignee in ASSIGNEES {
                for creator in CREATORS {
                    for system in [false, true] {
                        let task =
                            Task::new(kind, state).with_persons((assignee, creator, system, None));
                        let allowed = can(&me, action, &task);
                        let answers = if assignee == Some(Who::Me) {
                            &mut mine
                        } else {
                            &mut not_mine
                        };
                        answers.0 &= allowed;
                        answers.1 |= allowed;
                    }
                }
            }
            // A person relation the two bytes cannot tell apart (an answer that
            // depends on the creator, or on whether someone else or nobody is
            // assigned) is left out: fail closed, and say the filter is not exact.
            exact &= mine.0 == mine.1 && not_mine.0 == not_mine.1;
            row |= u16::from(mine.0) << bit_of(state, 0);
            row |= u16::from(not_mine.0) << bit_of(state, 1);
        }
        if let Some(slot) = rows.get_mut(kind as usize) {
            *slot = row;
        }
    }
    TaskCore {
        action,
        rows,
        exact,
    }
}

impl TaskCore {
    /// The row of `kind`.
    fn row(&self, kind: TaskKind) -> u16 {
        self.rows.get(kind as usize).copied().unwrap_or(0)
    }

    /// Whether the filter allows `kind` in `state`, the user being the assigned user
    /// or not.
    fn allows(&self, kind: TaskKind, state: TaskState, assigned: bool) -> bool {
        (self.row(kind) >> bit_of(state, u32::from(!assigned))) & 1 != 0
    }

    /// The state bits of `kind` allowed under `person` only (the three person
    /// classes a task row can say: anyone, assigned, not assigned).
    fn states(&self, kind: TaskKind, class: Class) -> u8 {
        let row = self.row(kind);
        let (mut mine, mut not_mine) = (0_u8, 0_u8);
        for &state in TaskState::ALL {
            let bit = StateSet::bit(state);
            mine |= if (row >> bit_of(state, 0)) & 1 != 0 {
                bit
            } else {
                0
            };
            not_mine |= if (row >> bit_of(state, 1)) & 1 != 0 {
                bit
            } else {
                0
            };
        }
        match class {
            Class::Anyone => mine & not_mine,
            Class::Assigned => mine & !not_mine,
            Class::NotAssigned => not_mine & !mine,
        }
    }

    /// The groups, in order.
    pub(crate) fn groups(self) -> TaskGroups {
        TaskGroups {
            core: self,
            class: 0,
            kind: 0,
        }
    }
}

/// The person classes a task row tells apart, in the order groups are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Whoever is assigned.
    Anyone,
    /// Only as the assigned user.
    Assigned,
    /// Only when not the assigned user.
    NotAssigned,
}

impl Class {
    /// Every class, in order.
    const ALL: [Class; 3] = [Class::Anyone, Class::Assigned, Class::NotAssigned];

    /// The person clauses of the class.
    const fn person(self) -> PersonClauses {
        match self {
            Class::Anyone => PersonClauses::ANYONE,
            Class::Assigned => PersonClauses::only(PersonClause::AssigneeIs),
            Class::NotAssigned => PersonClauses::only(PersonClause::AssigneeIsNot),
        }
    }
}

impl<'u, U> TaskFilter<'u, U> {
    pub(crate) const fn new(user: &'u U, core: TaskCore) -> Self {
        TaskFilter {
            user,
            action: core.action,
            core,
        }
    }

    /// The user the filter is for.
    #[must_use]
    pub const fn user(&self) -> &'u U {
        self.user
    }

    /// The action the filter is for.
    #[must_use]
    pub const fn action(&self) -> Action {
        self.action
    }

    /// Whether the filter is exactly [`can`]'s answer. It is for the crate's
    /// policy, for every role set (the tests check every one): `can` on tasks
    /// depends only on the kind, the state and whether the user is the assigned
    /// user. Should a policy ever make it depend on something the filter cannot
    /// say (the creator, or whether nobody rather than someone else is assigned),
    /// the filter leaves out the tasks it cannot decide (it fails closed: it never
    /// allows a task `can` denies) and this returns `false`.
    #[must_use]
    pub const fn is_exact(&self) -> bool {
        self.core.exact
    }

    /// Whether the filter allows no task at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.core.rows.iter().all(|&row| row == 0)
    }

    /// Whether the filter allows a task of `kind` in `state`, the user being its
    /// assigned user (`assigned`) or not.
    #[must_use]
    pub fn allows(&self, kind: TaskKind, state: TaskState, assigned: bool) -> bool {
        self.core.allows(kind, state, assigned)
    }

    /// The predicate as data: the groups, any one of which allows a task. Listed
    /// by person clause (anyone, then as the assigned user, then as not the
    /// assigned user), then by first kind; in one group every kind has the same
    /// states. No group when the filter allows nothing.
    #[must_use]
    pub fn groups(&self) -> TaskGroups {
        self.core.groups()
    }

    /// The filter as an SQL condition for `dialect`, over the default [`Columns`]
    /// (`kind`, `state`, `assigned_to`); `.columns(..)` names the host's own. The
    /// user id is a parameter (`?1`, `$1` or `?`): bind [`Sql::params`], which
    /// yields it as often as the condition needs it (maybe never).
    ///
    /// [`Columns`]: super::Columns
    #[must_use]
    pub fn sql(&self, dialect: Dialect) -> Sql<'u, U> {
        Sql::new(self.user, self.core(), dialect)
    }

    /// The filter without its user.
    pub(crate) const fn core(&self) -> Core {
        Core::Task(self.core)
    }
}

impl<U: Eq> TaskFilter<'_, U> {
    /// Whether the filter allows `task`: the same answer as [`can`] for the user
    /// and action the filter is for. The task's row, shifted by its state and by
    /// whether the user is its assigned user: no branch in the decision (comparing
    /// the `Option<U>` assignee with the user takes none either where `Option<U>`
    /// has a niche, as for `NonZeroU64` ids; for `Option<i64>` the compiler may
    /// branch on `None`).
    #[must_use]
    pub fn matches(&self, task: &Task<U>) -> bool {
        self.matches_parts(task.kind, task.state, task.assignee.as_ref())
    }

    /// [`matches`](Self::matches) on a task given by its parts.
    #[must_use]
    pub fn matches_parts(&self, kind: TaskKind, state: TaskState, assignee: Option<&U>) -> bool {
        let not_mine = u32::from(assignee != Some(self.user));
        (self.core.row(kind) >> bit_of(state, not_mine)) & 1 != 0
    }

    /// [`matches`](Self::matches) for each of `tasks`, written to `out` in order;
    /// returns how many are allowed.
    ///
    /// # Errors
    ///
    /// `out` is not as long as `tasks`: nothing is written.
    pub fn matches_each(&self, tasks: &[Task<U>], out: &mut [bool]) -> Result<usize, LengthError> {
        LengthError::check("out", out.len(), tasks.len())?;
        let parts = tasks
            .iter()
            .map(|task| (task.kind, task.state, task.assignee.as_ref()));
        mark(self.user, &self.core.rows, parts, out);
        Ok(count(out))
    }

    /// The indices of the `tasks` the filter allows, in order: [`matches`](Self::matches)
    /// on each, without an output buffer and without allocating.
    ///
    /// ```
    /// use itam_rbac::filter;
    /// use itam_rbac::{Action, Role, Subject, Task, TaskKind, TaskState};
    ///
    /// let specialist = Subject::new(7_i64, Role::OperationSpecialist);
    /// let tasks = [
    ///     Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(8),
    ///     Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(7),
    ///     Task::new(TaskKind::Inventory, TaskState::Registered),
    /// ];
    /// let updatable = filter::tasks(&specialist, Action::Update);
    /// assert_eq!(updatable.allowed(&tasks).collect::<Vec<_>>(), [1, 2]);
    /// ```
    pub fn allowed<'t>(&'t self, tasks: &'t [Task<U>]) -> impl Iterator<Item = usize> + 't {
        let table = byte_table(&self.core.rows);
        let user = self.user;
        tasks
            .iter()
            .enumerate()
            .filter(move |(_, task)| {
                lookup(
                    &table,
                    task.kind,
                    task.state,
                    task.assignee.as_ref() == Some(user),
                )
            })
            .map(|(i, _)| i)
    }
}

/// One group of a [`TaskFilter`]: tasks of one of `kinds`, in one of `states`,
/// for which every clause of `person` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaskGroup {
    /// The kinds, never empty.
    pub kinds: KindSet,
    /// The states, never empty; every state when all are allowed (so that a stored
    /// row with an unknown state still does not pass).
    pub states: StateSet,
    /// The conditions on persons: [`PersonClauses::ANYONE`],
    /// [`PersonClause::AssigneeIs`] or [`PersonClause::AssigneeIsNot`].
    pub person: PersonClauses,
}

impl fmt::Display for TaskGroup {
    /// E.g. `maintenance or upgrading in any state, assigned to the user`, or
    /// `inventory in states registered or in_progress`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in ", self.kinds)?;
        let states = &self.states;
        write_states(f, states, states.len(), states.is_all(), self.person)
    }
}

serialize_group! { TaskGroup { kinds, states, person } }

/// The groups of a [`TaskFilter`], in order ([`TaskFilter::groups`]).
#[derive(Debug, Clone)]
pub struct TaskGroups {
    core: TaskCore,
    class: usize,
    kind: usize,
}

impl Iterator for TaskGroups {
    type Item = TaskGroup;

    fn next(&mut self) -> Option<TaskGroup> {
        while let Some(&class) = Class::ALL.get(self.class) {
            while self.kind < KINDS {
                self.kind += 1;
                let core = self.core;
                if let Some((kinds, states)) = kind_group(self.kind - 1, |k| core.states(k, class))
                {
                    return Some(TaskGroup {
                        kinds,
                        states,
                        person: class.person(),
                    });
                }
            }
            self.class += 1;
            self.kind = 0;
        }
        None
    }
}

filter_views! {
    /// The filter in words, e.g. `update on tasks: inventory in registered or
    /// in_progress; or maintenance in any state, assigned to the user`, or
    /// `update on tasks: no task`.
    TaskFilter(TaskCore) { action }: action on |_| "tasks", else "no task"
}
