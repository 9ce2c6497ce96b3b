//! A filter as SQL condition text: the host's column names (checked identifiers),
//! the user id a bound parameter ([`Params`]), system names as quoted string
//! literals.

use core::{fmt, iter};

use super::error::{check_placeholder, is_positional, IdentifierError};
use super::person::{PersonClause, PersonClauses};
use super::record::{RecordCore, RecordGroup};
use super::select::Disjunction;
use super::task::{TaskCore, TaskGroup};
use crate::{TaskKind, TaskState};

mod columns;

pub use self::columns::{Columns, Dialect};

/// The filter an [`Sql`] writes, without its user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Core {
    /// A task filter.
    Task(TaskCore),
    /// A record filter.
    Record(RecordCore),
}

impl Core {
    /// The groups, in order.
    pub(crate) fn groups(self) -> impl Iterator<Item = Group> {
        let (tasks, records) = match self {
            Core::Task(core) => (Some(core.groups()), None),
            Core::Record(core) => (None, Some(core.groups())),
        };
        let tasks = tasks.into_iter().flatten().map(Group::Task);
        tasks.chain(records.into_iter().flatten().map(Group::Record))
    }
}

/// One group of a [`Core`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Group {
    /// A task filter's.
    Task(TaskGroup),
    /// A record filter's.
    Record(RecordGroup),
}

impl Group {
    /// The group's person clauses.
    pub(crate) const fn person(self) -> PersonClauses {
        match self {
            Group::Task(group) => group.person,
            Group::Record(group) => group.person,
        }
    }
}

/// A filter as an SQL condition and the values to bind with it: `Display` writes
/// the condition (through `core::fmt`, no allocation), on one line, or one group a
/// line with `{:#}`; [`params`](Self::params) yields what to bind, in order. Built
/// by [`TaskFilter::sql`](super::TaskFilter::sql) and
/// [`RecordFilter::sql`](super::RecordFilter::sql).
///
/// Bind [`params`](Self::params), whatever the user's roles: a condition names the
/// user only where a person decides (an admin's or a plain agent's may not name it
/// at all), and `params` yields the user id as often as the statement needs it
/// (with `?1`, `$1` or a named placeholder once if the condition names it, else
/// not at all; with MySQL's `?` once a use).
///
/// ```
/// use itam_rbac::filter::{self, Dialect};
/// use itam_rbac::{Action, Role, Subject};
///
/// for role in [Role::Admin, Role::OperationSpecialist] {
///     let user = Subject::new(7_i64, role);
///     let sql = filter::tasks(&user, Action::Update).sql(Dialect::Sqlite);
///     let query = format!("SELECT id FROM tasks WHERE {sql}");
///     let params: Vec<&i64> = sql.params().collect();
///     // rusqlite: statement.query(rusqlite::params_from_iter(sql.params()))
///     assert_eq!(params.len(), usize::from(query.contains("?1")));
/// }
/// ```
///
/// The condition is one parenthesised expression, safe to combine with `AND`.
/// Groups are joined by `OR`; in a group, kinds and states are `IN` lists (or `=`
/// for one) of quoted system names, and the person clauses are those of
/// [`PersonClause`], the user id being the placeholder. A record filter names its
/// kind in each group when [`Columns::kind`] is set (the default). A filter that
/// allows nothing is `1 = 0`. Column names and the placeholder are checked
/// identifiers ([`columns`](Self::columns), [`placeholder`](Self::placeholder)).
pub struct Sql<'a, U> {
    user: &'a U,
    core: Core,
    columns: Columns<'a>,
    dialect: Dialect,
    placeholder: &'a str,
}

clone_with_user!(copy Sql);

impl<U: fmt::Debug> fmt::Debug for Sql<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sql")
            .field("user", self.user)
            .field("core", &self.core)
            .field("columns", &self.columns)
            .field("dialect", &self.dialect)
            .field("placeholder", &self.placeholder)
            .finish()
    }
}

impl<'a, U> Sql<'a, U> {
    pub(crate) const fn new(user: &'a U, core: Core, dialect: Dialect) -> Self {
        Sql {
            user,
            core,
            columns: Columns::DEFAULT,
            dialect,
            placeholder: dialect.placeholder(),
        }
    }

    /// The same condition over the host's `columns`.
    ///
    /// # Errors
    ///
    /// A name that is not a column name ([`Columns::check`]), or no kind column for
    /// a task filter ([`Problem::Missing`](crate::filter::Problem::Missing)).
    pub fn columns(self, columns: Columns<'a>) -> Result<Self, IdentifierError> {
        columns.check_for(self.core)?;
        Ok(Sql { columns, ..self })
    }

    /// The same condition with `placeholder` for the user id (e.g. `?3` or `$2`
    /// where the query has other parameters first: bind those, then
    /// [`params`](Self::params)).
    ///
    /// # Errors
    ///
    /// `placeholder` is not one of the dialect's forms ([`Problem::Placeholder`](crate::filter::Problem::Placeholder)):
    /// SQLite `?`, `?N`, `:name`, `@name`; PostgreSQL `$N`; MySQL `?`.
    pub fn placeholder(self, placeholder: &'a str) -> Result<Self, IdentifierError> {
        check_placeholder(self.dialect, placeholder)?;
        Ok(Sql {
            placeholder,
            ..self
        })
    }

    /// The dialect the condition is written for.
    #[must_use]
    pub const fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The values to bind, in order: the user id as often as the statement needs
    /// it, which is zero times when the condition does not name the user (see
    /// [`Sql`]). Allocation-free; with rusqlite,
    /// `rusqlite::params_from_iter(sql.params())`.
    #[must_use]
    pub fn params(&self) -> Params<'a, U> {
        self.params_for(self.uses())
    }

    /// The values to bind for a statement that writes the user's placeholder
    /// `uses` times: `uses` values with a positional `?`, else one if any.
    pub(crate) fn params_for(&self, uses: usize) -> Params<'a, U> {
        let left = if is_positional(self.placeholder) {
            uses
        } else {
            uses.min(1)
        };
        Params {
            user: self.user,
            left,
        }
    }

    /// The number of groups.
    fn count(&self) -> usize {
        self.core.groups().count()
    }

    /// The person clauses of group `i` (none past the last group).
    fn person_of(&self, i: usize) -> PersonClauses {
        self.core
            .groups()
            .nth(i)
            .map_or(PersonClauses::ANYONE, Group::person)
    }

    /// Writes group `i` alone (nothing past the last group).
    fn nth_group(
        &self,
        f: &mut fmt::Formatter<'_>,
        i: usize,
        collate: &str,
        index_copy: bool,
    ) -> fmt::Result {
        match self.core.groups().nth(i) {
            Some(group) => self.group(f, collate, group, index_copy),
            None => Ok(()),
        }
    }

    /// How many times the condition names the user (in both copies for SQLite).
    fn uses(&self) -> usize {
        let copy = self.dialect.collate().is_some();
        let count = |person: PersonClauses| {
            person
                .iter()
                .filter(|&c| names_user(c))
                .map(|c| 1 + usize::from(copy && in_index_copy(c)))
                .sum::<usize>()
        };
        self.core.groups().map(|g| count(g.person())).sum()
    }

    /// Writes a compared column: its name and `collate`.
    fn compared(f: &mut fmt::Formatter<'_>, column: &str, collate: &str) -> fmt::Result {
        f.write_str(column)?;
        f.write_str(collate)
    }

    /// Writes the groups joined by `OR`, every comparison followed by `collate`;
    /// only the clauses [`in_index_copy`] if `index_copy`.
    fn disjunction(
        &self,
        f: &mut fmt::Formatter<'_>,
        count: usize,
        collate: &str,
        index_copy: bool,
    ) -> fmt::Result {
        let (open, join, close) = match (count, f.alternate()) {
            (1, _) => ("", "", ""),
            (_, false) => ("(", " OR ", ")"),
            (_, true) => ("(\n    ", "\n    OR ", "\n)"),
        };
        f.write_str(open)?;
        let separator =
            |f: &mut fmt::Formatter<'_>, i: usize| if i > 0 { f.write_str(join) } else { Ok(()) };
        for (i, group) in self.core.groups().enumerate() {
            separator(f, i)?;
            self.group(f, collate, group, index_copy)?;
        }
        f.write_str(close)
    }

    /// Writes one group: its `IN` lists and person clauses.
    fn group(
        &self,
        f: &mut fmt::Formatter<'_>,
        collate: &str,
        group: Group,
        index_copy: bool,
    ) -> fmt::Result {
        match group {
            Group::Task(g) => {
                let kinds = (g.kinds.len(), g.kinds.iter().map(TaskKind::name));
                let states = (g.states.len(), g.states.iter().map(TaskState::name));
                self.lists(f, collate, kinds, states, g.person, index_copy)
            }
            Group::Record(g) => {
                let kind = (1, iter::once(g.states.kind().name()));
                let states = (g.states.len(), g.states.names());
                self.lists(f, collate, kind, states, g.person, index_copy)
            }
        }
    }

    /// Writes one group from its kinds and states: its `IN` lists and person
    /// clauses.
    fn lists<'n>(
        &self,
        f: &mut fmt::Formatter<'_>,
        collate: &str,
        kinds: (usize, impl Iterator<Item = &'n str>),
        states: (usize, impl Iterator<Item = &'n str>),
        person: PersonClauses,
        index_copy: bool,
    ) -> fmt::Result {
        f.write_str("(")?;
        if let Some(column) = self.columns.kind {
            Self::compared(f, column, collate)?;
            in_list(f, kinds.0, kinds.1)?;
            f.write_str(" AND ")?;
        }
        Self::compared(f, self.columns.state, collate)?;
        in_list(f, states.0, states.1)?;
        for clause in person.iter().filter(|&c| !index_copy || in_index_copy(c)) {
            f.write_str(" AND ")?;
            self.clause(f, collate, clause)?;
        }
        f.write_str(")")
    }

    /// Writes one person clause, failing closed on `NULL`.
    fn clause(&self, f: &mut fmt::Formatter<'_>, c: &str, clause: PersonClause) -> fmt::Result {
        write_person(f, clause, &self.columns, None, c, self.placeholder)
    }
}

/// Writes one person clause over `columns` (each after `table.` where there is a
/// table), `c` after each compared column, `user` the user id's placeholder:
/// failing closed on `NULL`.
pub(super) fn write_person(
    f: &mut fmt::Formatter<'_>,
    clause: PersonClause,
    columns: &Columns<'_>,
    table: Option<&str>,
    c: &str,
    user: &str,
) -> fmt::Result {
    let col = |name| Qualified(table, name);
    let assigned_to = col(columns.assigned_to);
    let created_by = col(columns.created_by);
    let submitted_by = col(columns.submitted_by);
    match clause {
        // NULL = :user is not true: an unassigned item does not pass.
        PersonClause::AssigneeIs => write!(f, "{assigned_to}{c} = {user}"),
        // Nobody assigned passes, explicitly.
        PersonClause::AssigneeIsNot => {
            write!(f, "({assigned_to} IS NULL OR {assigned_to}{c} <> {user})")
        }
        // A NULL creator passes only where the system created the item.
        PersonClause::CreatorIsNot => write!(
            f,
            "({created_by}{c} <> {user} OR ({created_by} IS NULL AND {}))",
            col(columns.created_by_system)
        ),
        // NULL is not true.
        PersonClause::HasDocument => write!(f, "{}", col(columns.has_document)),
        // NULL <> :user is not true: an unknown submitter does not pass.
        PersonClause::SubmitterIsNot => write!(f, "{submitted_by}{c} <> {user}"),
        // Nobody submitted passes, explicitly.
        PersonClause::SubmitterNotUser => {
            write!(f, "({submitted_by} IS NULL OR {submitted_by}{c} <> {user})")
        }
    }
}

/// A column, after `table.` where there is a table.
struct Qualified<'a>(Option<&'a str>, &'a str);

impl fmt::Display for Qualified<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(table) = self.0 {
            write!(f, "{table}.")?;
        }
        f.write_str(self.1)
    }
}

/// The values to bind with an [`Sql`] condition, in order ([`Sql::params`]): the
/// user id, as many times as the statement needs it (maybe none).
pub struct Params<'a, U> {
    user: &'a U,
    left: usize,
}

clone_with_user!(Params);

impl<U: fmt::Debug> fmt::Debug for Params<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(iter::repeat(self.user).take(self.left))
            .finish()
    }
}

impl<'a, U> Iterator for Params<'a, U> {
    type Item = &'a U;

    fn next(&mut self) -> Option<&'a U> {
        self.left = self.left.checked_sub(1)?;
        Some(self.user)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<U> ExactSizeIterator for Params<'_, U> {}

impl<U> iter::FusedIterator for Params<'_, U> {}

/// Whether `clause` is in the index copy of an SQLite condition: the clauses a
/// case-insensitive column can only widen (`=`, and the flag), never those it
/// would narrow (`<>`), so that the index copy holds every row the collated
/// condition allows.
pub(crate) const fn in_index_copy(clause: PersonClause) -> bool {
    match clause {
        PersonClause::AssigneeIs | PersonClause::HasDocument => true,
        PersonClause::AssigneeIsNot
        | PersonClause::CreatorIsNot
        | PersonClause::SubmitterIsNot
        | PersonClause::SubmitterNotUser => false,
    }
}

/// Whether `clause`'s SQL names the user.
const fn names_user(clause: PersonClause) -> bool {
    match clause {
        PersonClause::AssigneeIs
        | PersonClause::AssigneeIsNot
        | PersonClause::CreatorIsNot
        | PersonClause::SubmitterIsNot
        | PersonClause::SubmitterNotUser => true,
        PersonClause::HasDocument => false,
    }
}

/// Writes ` = 'a'` or ` IN ('a', 'b')`, after the column.
pub(super) fn in_list<'n>(
    f: &mut fmt::Formatter<'_>,
    len: usize,
    names: impl Iterator<Item = &'n str>,
) -> fmt::Result {
    f.write_str(if len == 1 { " = " } else { " IN (" })?;
    for (i, name) in names.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        literal(f, name)?;
    }
    if len == 1 {
        Ok(())
    } else {
        f.write_str(")")
    }
}

/// Writes `text` as an SQL string literal, doubling any `'`.
fn literal(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("'")?;
    for (i, part) in text.split('\'').enumerate() {
        if i > 0 {
            f.write_str("''")?;
        }
        f.write_str(part)?;
    }
    f.write_str("'")
}

impl<U> fmt::Display for Sql<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.count();
        if count == 0 {
            return f.write_str("1 = 0");
        }
        match self.dialect.collate() {
            None => self.disjunction(f, count, "", false),
            // The index copy, which SQLite answers from its indexes (it uses none
            // for an `OR` of collated terms) and which holds every row the
            // condition allows, and the collated condition, exact whatever the
            // columns' collation.
            Some(collate) => {
                f.write_str("(")?;
                self.disjunction(f, count, "", true)?;
                f.write_str(" AND ")?;
                self.disjunction(f, count, collate, false)?;
                f.write_str(")")
            }
        }
    }
}

/// One group a `SELECT` (see [`Disjunction`]): the lead of an SQLite group is its
/// index copy and its collated condition, the exact condition the collated one;
/// other dialects write the group as it is.
impl<U> Disjunction for Sql<'_, U> {
    fn groups(&self) -> usize {
        self.count()
    }

    fn write_group(&self, f: &mut fmt::Formatter<'_>, i: usize, lead: bool) -> fmt::Result {
        match (self.dialect.collate(), lead) {
            (None, _) => self.nth_group(f, i, "", false),
            (Some(collate), false) => self.nth_group(f, i, collate, false),
            (Some(collate), true) => {
                f.write_str("(")?;
                self.nth_group(f, i, "", true)?;
                f.write_str(" AND ")?;
                self.nth_group(f, i, collate, false)?;
                f.write_str(")")
            }
        }
    }

    fn group_uses(&self, i: usize, lead: bool) -> usize {
        let copy = lead && self.dialect.collate().is_some();
        self.person_of(i)
            .iter()
            .filter(|&c| names_user(c))
            .map(|c| 1 + usize::from(copy && in_index_copy(c)))
            .sum()
    }
}
