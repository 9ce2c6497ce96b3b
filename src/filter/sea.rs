//! The `sea-query` feature: a filter as a `sea_query::Condition`.
//!
//! The condition is built from the same groups as [`Sql`](super::Sql): kinds and
//! states as `IN` lists of system names, the person clauses of
//! [`PersonClause`], the user id a bound value (`sea_query::Value`: the query
//! builder hands out the values to bind with its SQL). The column names are
//! checked as for [`Sql`](super::Sql), then quoted part by part by the query
//! builder for the backend (SQLite, PostgreSQL, MySQL).
//! A filter that allows nothing is `1 = 0`, never an empty condition (which
//! `sea-query` would leave out of the `WHERE`, allowing everything).
//!
//! sea-query 1.0 needs Rust 1.88: the feature has that minimum supported Rust
//! version; the rest of the crate keeps 1.81.

extern crate alloc;

use alloc::vec::Vec;

use sea_query::{Alias, Condition, Expr, ExprTrait, Value};

use super::error::IdentifierError;
use super::person::{PersonClause, PersonClauses};
use super::record::RecordFilter;
use super::sql::{in_index_copy, Columns, Core, Dialect, Group};
use super::task::TaskFilter;
use crate::{TaskKind, TaskState};

/// A column of the host's table (a checked name: one to three parts), each part
/// an identifier the query builder quotes.
fn col(name: &str) -> Expr {
    let mut parts = name.split('.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(schema), Some(table), Some(column)) => {
            Expr::col((Alias::new(schema), Alias::new(table), Alias::new(column)))
        }
        (Some(table), Some(column), None) => Expr::col((Alias::new(table), Alias::new(column))),
        (_, None, _) | (None, Some(_), _) => Expr::col(Alias::new(name)),
    }
}

/// A compared column, `COLLATE BINARY` if `binary` (SQLite only: `?` is where
/// sea-query's SQLite backend writes the column).
fn compared(name: &str, binary: bool) -> Expr {
    if binary {
        Expr::cust_with_expr("? COLLATE BINARY", col(name))
    } else {
        col(name)
    }
}

/// `column = 'a'` or `column IN ('a', 'b')`.
fn in_list(column: Expr, names: impl Iterator<Item = &'static str>) -> Expr {
    let mut values: Vec<Expr> = names.map(Expr::val).collect();
    match (values.pop(), values.is_empty()) {
        (Some(one), true) => column.eq(one),
        (Some(last), false) => {
            values.push(last);
            column.is_in(values)
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
    copy: Copy,
    user: &Value,
) -> Condition {
    let cmp = |name| compared(name, copy == Copy::Binary);
    for clause in person
        .iter()
        .filter(|&c| copy != Copy::Index || in_index_copy(c))
    {
        all = all.add(match clause {
            // NULL = :user is not true.
            PersonClause::AssigneeIs => {
                Condition::all().add(cmp(columns.assigned_to).eq(user.clone()))
            }
            // Nobody assigned passes, explicitly.
            PersonClause::AssigneeIsNot => Condition::any()
                .add(col(columns.assigned_to).is_null())
                .add(cmp(columns.assigned_to).ne(user.clone())),
            // A NULL creator passes only where the system created the item.
            PersonClause::CreatorIsNot => Condition::any()
                .add(cmp(columns.created_by).ne(user.clone()))
                .add(
                    Condition::all()
                        .add(col(columns.created_by).is_null())
                        .add(col(columns.created_by_system)),
                ),
            // NULL is not true.
            PersonClause::HasDocument => Condition::all().add(col(columns.has_document)),
            // NULL <> :user is not true: an unknown submitter does not pass.
            PersonClause::SubmitterIsNot => {
                Condition::all().add(cmp(columns.submitted_by).ne(user.clone()))
            }
            // Nobody submitted passes, explicitly.
            PersonClause::SubmitterNotUser => Condition::any()
                .add(col(columns.submitted_by).is_null())
                .add(cmp(columns.submitted_by).ne(user.clone())),
        });
    }
    all
}

/// The condition of `core` over `columns` (checked) for `dialect`, `user` the
/// bound id: for SQLite, the index copy and the `COLLATE BINARY` condition (see
/// [`Dialect`]).
fn condition(
    core: Core,
    columns: &Columns<'_>,
    dialect: Dialect,
    user: &Value,
) -> Result<Condition, IdentifierError> {
    columns.check_for(core)?;
    Ok(match dialect {
        Dialect::Postgres | Dialect::MySql => disjunction(core, columns, Copy::Only, user),
        Dialect::Sqlite => match (
            disjunction(core, columns, Copy::Index, user),
            disjunction(core, columns, Copy::Binary, user),
        ) {
            (Some(index), Some(binary)) => Some(Condition::all().add(index).add(binary)),
            (None, _) | (_, None) => None,
        },
    }
    .unwrap_or_else(|| Condition::all().add(nothing())))
}

/// Which copy of a condition is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copy {
    /// The one condition (PostgreSQL, MySQL).
    Only,
    /// SQLite's index copy: no collation, only the clauses of [`in_index_copy`].
    Index,
    /// SQLite's collated condition: every comparison `COLLATE BINARY`.
    Binary,
}

/// The groups of `core` joined by `OR`, as `copy` says; `None` when there is no
/// group.
fn disjunction(core: Core, columns: &Columns<'_>, copy: Copy, user: &Value) -> Option<Condition> {
    let cmp = |name| compared(name, copy == Copy::Binary);
    let mut any = Condition::any();
    for group in core.groups() {
        let mut all = Condition::all();
        match group {
            Group::Task(g) => {
                if let Some(kind) = columns.kind {
                    all = all.add(in_list(cmp(kind), g.kinds.iter().map(TaskKind::name)));
                }
                all = all.add(in_list(
                    cmp(columns.state),
                    g.states.iter().map(TaskState::name),
                ));
            }
            Group::Record(g) => {
                if let Some(kind) = columns.kind {
                    all = all.add(cmp(kind).eq(g.states.kind().name()));
                }
                all = all.add(in_list(cmp(columns.state), g.states.names()));
            }
        }
        any = any.add(person(all, group.person(), columns, copy, user));
    }
    (!any.is_empty()).then_some(any)
}

/// `condition` on the filter `$filter`, documented by `$doc`.
macro_rules! condition_method {
    ($(#[$doc:meta])* $filter:ident) => {
        impl<U: Clone + Into<Value>> $filter<'_, U> {
            $(#[$doc])*
            pub fn condition(
                &self,
                columns: &Columns<'_>,
                dialect: Dialect,
            ) -> Result<Condition, IdentifierError> {
                condition(self.core(), columns, dialect, &self.user().clone().into())
            }
        }
    };
}

condition_method! {
    /// The filter as a `sea_query::Condition` over the host's `columns`, for the
    /// backend of `dialect` (SQLite: comparisons `COLLATE BINARY`, see
    /// [`Dialect`]), the user id a bound value (feature `sea-query`; Rust 1.88).
    /// Each column is checked as for [`Sql::columns`](super::Sql::columns), then
    /// quoted part by part by the query builder (`t.kind` is `"t"."kind"`).
    ///
    /// # Errors
    ///
    /// A name that is not a column name, or no kind column
    /// ([`IdentifierError`]).
    ///
    /// ```
    /// use itam_rbac::filter::{self, Columns, Dialect};
    /// use itam_rbac::{Action, Role, Subject};
    /// use sea_query::{Alias, Query, SqliteQueryBuilder};
    ///
    /// let manager = Subject::new(7_i64, Role::ProcessManager);
    /// let condition = filter::tasks(&manager, Action::Update)
    ///     .condition(&Columns::DEFAULT, Dialect::Sqlite)?;
    /// let (sql, values) = Query::select()
    ///     .column(Alias::new("id"))
    ///     .from(Alias::new("tasks"))
    ///     .cond_where(condition)
    ///     .build(SqliteQueryBuilder);
    /// assert!(sql.contains(r#"("assigned_to" COLLATE BINARY) = ?"#));
    /// assert!(values.iter().any(|v| *v == 7_i64.into()));
    ///
    /// let hostile = Columns::DEFAULT.assigned_to("assigned_to OR 1");
    /// assert!(filter::tasks(&manager, Action::Update).condition(&hostile, Dialect::Sqlite).is_err());
    /// # Ok::<(), itam_rbac::filter::IdentifierError>(())
    /// ```
    TaskFilter
}

condition_method! {
    /// The filter as a `sea_query::Condition` over the host's `columns`, for the
    /// backend of `dialect`, the user id a bound value (feature `sea-query`; Rust
    /// 1.88): as [`TaskFilter::condition`], with the record kind in the kind
    /// column unless [`Columns::without_kind`].
    ///
    /// # Errors
    ///
    /// A name that is not a column name ([`IdentifierError`]).
    RecordFilter
}
