//! The `sea-query` feature: a filter as a `sea_query::Condition`.
//!
//! The condition is built from the same groups as [`Sql`](super::Sql): kinds and
//! states as `IN` lists of system names, the person clauses of
//! [`PersonClause`], the user id a bound value (`sea_query::Value`). The query
//! builder quotes the column names for the backend (SQLite, PostgreSQL, MySQL).
//! A filter that allows nothing is `1 = 0`, never an empty condition (which
//! `sea-query` would leave out of the `WHERE`, allowing everything).
//!
//! sea-query 1.0 needs Rust 1.88: the feature has that minimum supported Rust
//! version; the rest of the crate keeps 1.81.

extern crate alloc;

use alloc::vec::Vec;

use sea_query::{Alias, Condition, Expr, ExprTrait, Value};

use super::person::{PersonClause, PersonClauses};
use super::record::RecordFilter;
use super::sql::{Columns, Core};
use super::task::TaskFilter;
use crate::{TaskKind, TaskState};

/// A column of the host's table.
fn col(name: &str) -> Expr {
    Expr::col(Alias::new(name))
}

/// `column = 'a'` or `column IN ('a', 'b')`.
fn in_list(column: &str, names: impl Iterator<Item = &'static str>) -> Expr {
    let mut values: Vec<Expr> = names.map(Expr::val).collect();
    match (values.pop(), values.is_empty()) {
        (Some(one), true) => col(column).eq(one),
        (Some(last), false) => {
            values.push(last);
            col(column).is_in(values)
        }
        // An empty list: nothing passes.
        (None, _) => nothing(),
    }
}

/// `1 = 0`.
fn nothing() -> Expr {
    Expr::val(1).eq(0)
}

/// The conjunction `person` over `columns`, `user` the bound id.
fn person(
    mut all: Condition,
    person: PersonClauses,
    columns: &Columns<'_>,
    user: &Value,
) -> Condition {
    for clause in person.iter() {
        all = all.add(match clause {
            // NULL = :user is not true.
            PersonClause::AssigneeIs => {
                Condition::all().add(col(columns.assigned_to).eq(user.clone()))
            }
            // Nobody assigned passes, explicitly.
            PersonClause::AssigneeIsNot => Condition::any()
                .add(col(columns.assigned_to).is_null())
                .add(col(columns.assigned_to).ne(user.clone())),
            // A NULL creator passes only where the system created the item.
            PersonClause::CreatorIsNot => Condition::any()
                .add(col(columns.created_by).ne(user.clone()))
                .add(
                    Condition::all()
                        .add(col(columns.created_by).is_null())
                        .add(col(columns.created_by_system)),
                ),
            // NULL is not true.
            PersonClause::HasDocument => Condition::all().add(col(columns.has_document)),
            // NULL <> :user is not true: an unknown submitter does not pass.
            PersonClause::SubmitterIsNot => {
                Condition::all().add(col(columns.submitted_by).ne(user.clone()))
            }
            // Nobody submitted passes, explicitly.
            PersonClause::SubmitterNotUser => Condition::any()
                .add(col(columns.submitted_by).is_null())
                .add(col(columns.submitted_by).ne(user.clone())),
        });
    }
    all
}

/// The condition of `core` over `columns`, `user` the bound id.
fn condition(core: Core, columns: &Columns<'_>, user: &Value) -> Condition {
    let mut any = Condition::any();
    match core {
        Core::Task(core) => {
            for group in core.groups() {
                let all = Condition::all()
                    .add(in_list(
                        columns.kind,
                        group.kinds.iter().map(TaskKind::name),
                    ))
                    .add(in_list(
                        columns.state,
                        group.states.iter().map(TaskState::name),
                    ));
                any = any.add(person(all, group.person, columns, user));
            }
        }
        Core::Record(core) => {
            for group in core.groups() {
                let all = Condition::all().add(in_list(columns.state, group.states.names()));
                any = any.add(person(all, group.person, columns, user));
            }
        }
    }
    if any.is_empty() {
        Condition::all().add(nothing())
    } else {
        any
    }
}

impl<U: Clone + Into<Value>> TaskFilter<'_, U> {
    /// The filter as a `sea_query::Condition` over the host's `columns`, the user
    /// id a bound value (feature `sea-query`; Rust 1.88).
    ///
    /// ```
    /// use itam_rbac::filter::{self, Columns};
    /// use itam_rbac::{Action, Role, Subject};
    /// use sea_query::{Alias, Query, SqliteQueryBuilder};
    ///
    /// let manager = Subject::new(7_i64, Role::ProcessManager);
    /// let condition = filter::tasks(&manager, Action::Update).condition(&Columns::DEFAULT);
    /// let (sql, values) = Query::select()
    ///     .column(Alias::new("id"))
    ///     .from(Alias::new("tasks"))
    ///     .cond_where(condition)
    ///     .build(SqliteQueryBuilder);
    /// assert!(sql.contains(r#""assigned_to" = ?"#));
    /// assert!(values.iter().any(|v| *v == 7_i64.into()));
    /// ```
    #[must_use]
    pub fn condition(&self, columns: &Columns<'_>) -> Condition {
        condition(self.core(), columns, &self.user().clone().into())
    }
}

impl<U: Clone + Into<Value>> RecordFilter<'_, U> {
    /// The filter as a `sea_query::Condition` over the host's `columns`, the user
    /// id a bound value (feature `sea-query`; Rust 1.88).
    #[must_use]
    pub fn condition(&self, columns: &Columns<'_>) -> Condition {
        condition(self.core(), columns, &self.user().clone().into())
    }
}
