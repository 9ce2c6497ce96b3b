//! List views: the policy as a filter over many items at once.
//!
//! "Which of these 100,000 tasks may this user update?" is the question of every
//! list view, dashboard, count and search. [`tasks`] answers it for an action on
//! tasks, [`records`] for an action or event on a record kind, as a small predicate
//! over the item's columns: its kind, its state, and where the decision looks at
//! persons, whether the user is its assigned user or its creator. The same filter
//!
//! - decides one item in memory, without a branch ([`TaskFilter::matches`]), or a
//!   batch ([`TaskFilter::matches_each`], [`TaskFilter::matches_columns`]);
//! - is plain data ([`TaskFilter::groups`]: a disjunction of [`TaskGroup`]s, each a
//!   set of kinds, a set of states and a conjunction of [`PersonClause`]s), to map
//!   to any query language, and `serde::Serialize` with the `serde` feature;
//! - is an SQL condition and the values to bind with it ([`TaskFilter::sql`]: an
//!   [`Sql`] over the host's [`Columns`], checked identifiers, and [`Sql::params`],
//!   the user id as often as the condition needs it, maybe never), or with the
//!   `sea-query` feature a `sea_query::Condition` (`TaskFilter::condition`), for
//!   the host's database to evaluate: the crate still runs no query. Comparisons
//!   are byte-wise, whatever a column's collation allows (see [`Dialect`]);
//! - is a sentence for a person (`Display`).
//!
//! # Exact, and derived
//!
//! A filter is exactly the decision: it allows an item if and only if [`can`]
//! (or [`can_record`], or [`transition_record`] for an event) allows it. It is not
//! written by hand: [`tasks`] asks `can` about every kind, every state and every
//! person relation (the user is the assigned user, someone else is, nobody is; the
//! creator is the user, someone else, the system, unknown) and groups the answers.
//! The policy is a small finite table, so the answers are few (12 kinds × 7 states
//! × 24 relations for tasks) and the derivation takes microseconds; a host may keep
//! a filter per role set and action.
//!
//! Kinds and states are always allow-lists of system names, never `<>` or `NOT
//! IN`, and every person clause fails closed on `NULL` (see [`PersonClause`]): a
//! stored row with an unknown or corrupt kind or state, or an unknown person
//! where a person decides, never passes.
//!
//! [`can`]: crate::can
//! [`can_record`]: crate::records::can_record
//! [`transition_record`]: crate::records::transition_record
//!
//! ```
//! use itam_rbac::filter::{self, Dialect};
//! use itam_rbac::{can, Action, Role, Subject, Task, TaskKind, TaskState};
//!
//! let specialist = Subject::new(7_u64, Role::OperationSpecialist);
//! let updatable = filter::tasks(&specialist, Action::Update);
//!
//! // In memory: the same answer as `can`, task by task.
//! let mine = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(7);
//! let theirs = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(8);
//! assert!(updatable.matches(&mine) && !updatable.matches(&theirs));
//! assert_eq!(updatable.matches(&theirs), can(&specialist, Action::Update, &theirs));
//!
//! // In words.
//! assert!(updatable.to_string().ends_with(
//!     "maintenance, upgrading, decommissioning, disposal or asset_transfer \
//!      in any state, assigned to the user"
//! ));
//!
//! // In SQL, the user a bound parameter: bind `params()`, for every role alike.
//! let sql = updatable.sql(Dialect::Postgres);
//! assert!(sql.to_string().starts_with("((kind = 'inventory' AND state IN ('registered', "));
//! assert!(sql.to_string().ends_with(" AND assigned_to = $1))"));
//! assert_eq!(sql.params().collect::<Vec<_>>(), [&7]);
//! let admin = Subject::new(7_u64, Role::Admin);
//! assert_eq!(filter::tasks(&admin, Action::Update).sql(Dialect::Postgres).params().len(), 0);
//!
//! // Batches: a typed error for slices of different lengths, and the indices.
//! let tasks = [mine, theirs];
//! assert!(updatable.matches_each(&tasks, &mut [false; 1]).is_err());
//! assert_eq!(updatable.allowed(&tasks).collect::<Vec<_>>(), [0]);
//! ```
//!
//! Records: four eyes on an approval is three person clauses (not the assigned
//! user, not the creator, not whoever sent it for approval; an unknown creator or
//! submitter does not pass).
//!
//! ```
//! use itam_rbac::filter::{self, Dialect, PersonClause};
//! use itam_rbac::records::{ContractState, Record};
//! use itam_rbac::records::{RecordEvent, RecordKind};
//! use itam_rbac::{Role, Subject};
//!
//! let approver = Subject::new(2_u32, Role::ContractApprover);
//! let approvable = filter::records(&approver, RecordEvent::Approve, RecordKind::Contract);
//!
//! let group = approvable.groups().next().unwrap();
//! assert_eq!(group.states.names().collect::<Vec<_>>(), ["approval"]);
//! assert!(group.person.contains(PersonClause::AssigneeIsNot));
//! assert!(group.person.contains(PersonClause::CreatorIsNot));
//! assert!(group.person.contains(PersonClause::SubmitterIsNot));
//! assert_eq!(
//!     approvable.sql(Dialect::Postgres).to_string(),
//!     "(kind = 'contract' AND state = 'approval' AND (assigned_to IS NULL OR assigned_to <> $1) \
//!      AND (created_by <> $1 OR (created_by IS NULL AND created_by_system)) \
//!      AND submitted_by <> $1)"
//! );
//!
//! let someone_elses = Record::new(ContractState::Approval).created_by(1).submitted_by(1);
//! assert!(approvable.matches(&someone_elses));
//! assert!(!approvable.matches(&someone_elses.clone().submitted_by(2)));
//! // Unknown creator or submitter: four eyes cannot be checked, so it does not pass.
//! assert!(!approvable.matches(&Record::new(ContractState::Approval).submitted_by(1)));
//! assert!(!approvable.matches(&Record::new(ContractState::Approval).created_by(1)));
//! ```

/// `Clone`, and `Copy` with `copy`, for a type of this module that holds the user
/// id by reference beside plain data: whatever `U` is (a derive would ask
/// `U: Clone`). Without `copy` (iterators, and what the crate does not promise to
/// keep `Copy`), a field-by-field copy.
macro_rules! clone_with_user {
    (copy $ty:ident) => {
        impl<U> Clone for $ty<'_, U> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<U> Copy for $ty<'_, U> {}
    };
    ($ty:ident) => {
        impl<U> Clone for $ty<'_, U> {
            fn clone(&self) -> Self {
                Self { ..*self }
            }
        }
    };
}

/// What the three filters say alike, from their cores: `Display` (for a person:
/// `$op on $what: ` and the groups, `$none` where there are none; `$what` a
/// function of the core), `Debug` (the user, the core's `$field`s, the groups and
/// whether the filter is exact) and serde (the same without the user).
macro_rules! filter_views {
    (
        $(#[$doc:meta])*
        $filter:ident($core:ty) { $($field:ident),+ }: $op:ident on $what:expr, else $none:literal
    ) => {
        impl ::core::fmt::Display for $core {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{} on {}: ", self.$op, ($what)(self))?;
                $crate::filter::write_groups(f, self.groups(), $none, self.exact)
            }
        }

        impl<U> ::core::fmt::Display for $filter<'_, U> {
            $(#[$doc])*
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                self.core.fmt(f)
            }
        }

        impl<U: ::core::fmt::Debug> ::core::fmt::Debug for $filter<'_, U> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!($filter))
                    .field("user", self.user)
                    $(.field(stringify!($field), &self.core.$field))+
                    .field("groups", &$crate::filter::Listed(|| self.core.groups()))
                    .field("exact", &self.core.exact)
                    .finish()
            }
        }

        #[cfg(feature = "serde")]
        impl<U> ::serde::Serialize for $filter<'_, U> {
            /// The core's head, `"groups"` and `"exact"`: the predicate, with system
            /// names, without the user id.
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct;
                let fields = [$(stringify!($field)),+].len() + 2;
                let mut out = serializer.serialize_struct(stringify!($filter), fields)?;
                $(out.serialize_field(stringify!($field), &self.core.$field)?;)+
                out.serialize_field("groups", &$crate::filter::Listed(|| self.core.groups()))?;
                out.serialize_field("exact", &self.core.exact)?;
                out.end()
            }
        }
    };
}

/// serde for a group of a filter: a struct of its `$field`s, with system names
/// (the crate has no serde derive).
macro_rules! serialize_group {
    ($group:ident { $($field:ident),+ }) => {
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $group {
            #[doc = concat!($("`", stringify!($field), "`, ",)+ "with system names.")]
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct;
                let fields = [$(stringify!($field)),+].len();
                let mut out = serializer.serialize_struct(stringify!($group), fields)?;
                $(out.serialize_field(stringify!($field), &self.$field)?;)+
                out.end()
            }
        }
    };
}

mod error;
mod events;
mod events_sql;
mod person;
mod record;
#[cfg(feature = "sea-query")]
mod sea;
mod select;
mod sets;
mod sql;
mod task;

pub use self::error::{Field, IdentifierError, LengthError, Problem, MAX_IDENTIFIER, RESERVED};
pub use self::events::{EventFilter, EventGroup, EventGroups, RelationClause, RelationClauses};
pub use self::events_sql::{
    EventSql, Files, HostIndex, HostTables, Link, TableField, TablesError, Union,
};
pub use self::person::{PersonClause, PersonClauses};
pub use self::record::{RecordFilter, RecordGroup, RecordGroups, RecordStates};
pub use self::select::{indexes, Form, Index, Indexes, Select};
pub use self::sets::{KindSet, StateSet};
pub use self::sql::{Columns, Dialect, Params, Sql};
pub use self::task::{TaskColumns, TaskFilter, TaskGroup, TaskGroups};

use crate::records::RecordKind;
use crate::workflow::TaskEvent;
use crate::{Action, Subject, TaskKind};

/// The tasks `subject` may take `action` on: exactly those [`can`](crate::can)
/// allows, as a [`TaskFilter`]. Derived by asking `can` about every kind, state and
/// person relation (about 2,000 questions, a few microseconds); never panics, never
/// allocates.
#[must_use]
pub fn tasks<U: Eq>(subject: &Subject<U>, action: Action) -> TaskFilter<'_, U> {
    TaskFilter::new(subject.id(), task::derive(subject, action))
}

/// The records of `kind` on which `subject` may take an action
/// ([`can_record`](crate::records::can_record)) or fire an event now
/// ([`transition_record`](crate::records::transition_record) is `Ok`): `operation` is an
/// [`Action`] or a [`RecordEvent`](crate::records::RecordEvent). Derived by asking the
/// decision about every state and person relation; never panics, never allocates.
#[must_use]
pub fn records<U: Eq>(
    subject: &Subject<U>,
    operation: impl Into<crate::review::Operation>,
    kind: RecordKind,
) -> RecordFilter<'_, U> {
    RecordFilter::new(
        subject.id(),
        record::derive(subject, operation.into(), kind),
    )
}

/// The tasks on which `subject` may fire `event` now: exactly those
/// [`workflow::validate`](crate::workflow::validate) allows, as an [`EventFilter`]
/// over the task's kind, state and person columns and the user's
/// [`Relations`](crate::workflow::Relations) to it (assignment group, responsible
/// person of its assets, added approver, committee member, files attached).
/// Derived by asking `validate` about every kind, state, person relation and set
/// of relations (about 290,000 questions, a few milliseconds): the policy is
/// written once, in the workflow's tables. Never panics, never allocates.
///
/// ```
/// use itam_rbac::filter::{self, RelationClause};
/// use itam_rbac::workflow::{self, Relations, TaskEvent};
/// use itam_rbac::{Role, Subject, Task, TaskKind, TaskState};
///
/// // A stock keeper's approval inbox.
/// let keeper = Subject::new(9_i64, Role::Responsible);
/// let inbox = filter::task_events(&keeper, TaskEvent::Approve);
/// let task = Task::new(TaskKind::Maintenance, TaskState::PendingApproval)
///     .assigned_to(7).created_by(3).submitted_by(7);
/// assert!(inbox.matches(&task, Relations::ASSET_RESPONSIBLE));
/// assert!(!inbox.matches(&task, Relations::empty()));
/// assert_eq!(
///     inbox.matches(&task, Relations::ASSET_RESPONSIBLE),
///     workflow::validate(&keeper, &task, Relations::ASSET_RESPONSIBLE, TaskEvent::Approve).is_ok()
/// );
/// // Every group asks for one way of being an approver.
/// assert!(inbox.groups().all(|g| g.relations.contains(RelationClause::AssetResponsible)
///     || g.relations.contains(RelationClause::AddedApprover)
///     || g.relations.contains(RelationClause::CommitteeMember)));
/// ```
#[must_use]
pub fn task_events<U: Eq>(subject: &Subject<U>, event: TaskEvent) -> EventFilter<'_, U> {
    EventFilter::new(subject.id(), &events::derive(subject, event))
}

/// The kinds of the group of a filter's term that starts at `TaskKind::ALL[at]`
/// (the kinds whose state bits, `states_of`, are that kind's), with those state
/// bits: `None` where that kind has no state, or an earlier kind has the same
/// states (the group started there).
fn kind_group(at: usize, states_of: impl Fn(TaskKind) -> u8) -> Option<(KindSet, StateSet)> {
    let states = states_of(*TaskKind::ALL.get(at)?);
    let earlier = TaskKind::ALL
        .iter()
        .take(at)
        .any(|&k| states_of(k) == states);
    if states == 0 || earlier {
        return None;
    }
    let kinds = TaskKind::ALL
        .iter()
        .filter(|&&k| states_of(k) == states)
        .fold(KindSet::EMPTY, |set, &k| set.with(k));
    Some((kinds, StateSet(states)))
}

/// A group's states in words: `any state` where `all`, else `state a` or
/// `states a, b or c`; then `, ` and the person clauses unless anyone.
fn write_states(
    f: &mut core::fmt::Formatter<'_>,
    states: &dyn core::fmt::Display,
    len: usize,
    all: bool,
    person: PersonClauses,
) -> core::fmt::Result {
    match len {
        _ if all => f.write_str("any state")?,
        1 => write!(f, "state {states}")?,
        _ => write!(f, "states {states}")?,
    }
    if !person.is_anyone() {
        write!(f, ", {person}")?;
    }
    Ok(())
}

/// A filter's groups, listed anew from the function each time: `Debug` as a
/// list, serde as a sequence.
struct Listed<F>(F);

impl<F: Fn() -> I, I: Iterator<Item: core::fmt::Debug>> core::fmt::Debug for Listed<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries((self.0)()).finish()
    }
}

#[cfg(feature = "serde")]
impl<F: Fn() -> I, I: Iterator<Item: serde::Serialize>> serde::Serialize for Listed<F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// A filter in words after its head: the groups joined by `; or ` (`none` when
/// there are none), and a mark when the filter is narrower than the policy.
fn write_groups<G: core::fmt::Display>(
    f: &mut core::fmt::Formatter<'_>,
    groups: impl Iterator<Item = G>,
    none: &str,
    exact: bool,
) -> core::fmt::Result {
    let mut any = false;
    for (i, group) in groups.enumerate() {
        if i > 0 {
            f.write_str("; or ")?;
        }
        write!(f, "{group}")?;
        any = true;
    }
    if !any {
        f.write_str(none)?;
    }
    if !exact {
        f.write_str(" (narrowed: the policy depends on what the filter cannot say)")?;
    }
    Ok(())
}
