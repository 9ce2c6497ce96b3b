//! A filter as SQL condition text: the host's column names, the user id a bound
//! parameter, system names as quoted string literals.

use core::{fmt, iter};

use super::person::{PersonClause, PersonClauses};
use super::record::RecordCore;
use super::task::TaskCore;
use crate::{TaskKind, TaskState};

/// The filter an [`Sql`] writes, without its user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Core {
    /// A task filter.
    Task(TaskCore),
    /// A record filter.
    Record(RecordCore),
}

/// The host's column names, for [`Sql`] and the `sea-query` conditions. Each name
/// is written as given, so it may be qualified (`t.kind`) or quoted (`"kind"`);
/// with `sea-query` each is one identifier, quoted by the query builder.
///
/// ```
/// use itam_rbac::filter::Columns;
///
/// let columns = Columns::DEFAULT.assigned_to("t.assignee_id");
/// assert_eq!(columns.assigned_to, "t.assignee_id");
/// assert_eq!(columns.state, "state");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Columns<'a> {
    /// The task kind, holding a [`TaskKind`](crate::TaskKind) system name (tasks
    /// only). Default `kind`.
    pub kind: &'a str,
    /// The state, holding a state's system name. Default `state`.
    pub state: &'a str,
    /// The assigned user's id, `NULL` when nobody is assigned. Default
    /// `assigned_to`.
    pub assigned_to: &'a str,
    /// The creator's id, `NULL` when unknown (records). Default `created_by`.
    pub created_by: &'a str,
    /// A boolean: the system created the record, so it has no creator (records).
    /// Default `created_by_system`.
    pub created_by_system: &'a str,
    /// A boolean: the record has a (contract) document. Default `has_document`.
    pub has_document: &'a str,
    /// Who sent the record for approval, `NULL` when unknown. Default
    /// `submitted_by`.
    pub submitted_by: &'a str,
}

impl Columns<'static> {
    /// `kind`, `state`, `assigned_to`, `created_by`, `created_by_system`,
    /// `has_document`.
    pub const DEFAULT: Columns<'static> = Columns {
        kind: "kind",
        state: "state",
        assigned_to: "assigned_to",
        created_by: "created_by",
        created_by_system: "created_by_system",
        has_document: "has_document",
        submitted_by: "submitted_by",
    };
}

impl Default for Columns<'static> {
    fn default() -> Self {
        Columns::DEFAULT
    }
}

impl<'a> Columns<'a> {
    /// The same columns, the task kind in `name`.
    #[must_use]
    pub const fn kind(self, name: &'a str) -> Self {
        Columns { kind: name, ..self }
    }

    /// The same columns, the state in `name`.
    #[must_use]
    pub const fn state(self, name: &'a str) -> Self {
        Columns {
            state: name,
            ..self
        }
    }

    /// The same columns, the assigned user in `name`.
    #[must_use]
    pub const fn assigned_to(self, name: &'a str) -> Self {
        Columns {
            assigned_to: name,
            ..self
        }
    }

    /// The same columns, the creator in `name`.
    #[must_use]
    pub const fn created_by(self, name: &'a str) -> Self {
        Columns {
            created_by: name,
            ..self
        }
    }

    /// The same columns, the created-by-the-system flag in `name`.
    #[must_use]
    pub const fn created_by_system(self, name: &'a str) -> Self {
        Columns {
            created_by_system: name,
            ..self
        }
    }

    /// The same columns, the has-a-document flag in `name`.
    #[must_use]
    pub const fn has_document(self, name: &'a str) -> Self {
        Columns {
            has_document: name,
            ..self
        }
    }

    /// The same columns, the submitter in `name`.
    #[must_use]
    pub const fn submitted_by(self, name: &'a str) -> Self {
        Columns {
            submitted_by: name,
            ..self
        }
    }
}

/// The SQL dialect a condition is written for: it decides the user's placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// SQLite: `?1` (one numbered parameter, however often it appears).
    Sqlite,
    /// PostgreSQL: `$1`.
    Postgres,
    /// MySQL and others with positional `?` only: bind the user id once for each
    /// of [`Sql::user_parameters`].
    MySql,
}

impl Dialect {
    /// The placeholder of the user id: `?1`, `$1` or `?`.
    #[must_use]
    pub const fn placeholder(self) -> &'static str {
        match self {
            Dialect::Sqlite => "?1",
            Dialect::Postgres => "$1",
            Dialect::MySql => "?",
        }
    }
}

/// A filter as an SQL condition: `Display` writes it (through `core::fmt`, no
/// allocation), on one line, or one group a line with `{:#}`. Built by
/// [`TaskFilter::sql`](super::TaskFilter::sql) and
/// [`RecordFilter::sql`](super::RecordFilter::sql).
///
/// The condition is one parenthesised expression, safe to combine with `AND`.
/// Groups are joined by `OR`; in a group, kinds and states are `IN` lists (or `=`
/// for one) of quoted system names, and the person clauses are those of
/// [`PersonClause`], the user id being the dialect's placeholder. A filter that
/// allows nothing is `1 = 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sql<'c> {
    core: Core,
    columns: Columns<'c>,
    placeholder: &'c str,
}

impl Sql<'static> {
    pub(crate) const fn new(core: Core, dialect: Dialect) -> Self {
        Sql {
            core,
            columns: Columns::DEFAULT,
            placeholder: dialect.placeholder(),
        }
    }
}

impl<'c> Sql<'c> {
    /// The same condition over the host's `columns`.
    #[must_use]
    pub const fn columns(self, columns: Columns<'c>) -> Self {
        Sql { columns, ..self }
    }

    /// The same condition with `placeholder` for the user id (e.g. `?3` or `$2`
    /// where the query has other parameters first).
    #[must_use]
    pub const fn placeholder(self, placeholder: &'c str) -> Self {
        Sql {
            placeholder,
            ..self
        }
    }

    /// How many times the condition names the user: the number of values to bind
    /// with [`Dialect::MySql`]'s positional `?` (with `?1` and `$1`, one).
    #[must_use]
    pub fn user_parameters(&self) -> usize {
        let count = |person: PersonClauses| person.iter().filter(|&c| names_user(c)).count();
        match self.core {
            Core::Task(core) => core.groups().map(|g| count(g.person)).sum(),
            Core::Record(core) => core.groups().map(|g| count(g.person)).sum(),
        }
    }

    /// Writes one group: its `IN` lists and person clauses.
    fn group<'n>(
        &self,
        f: &mut fmt::Formatter<'_>,
        kinds: Option<(usize, impl Iterator<Item = &'n str>)>,
        states: (usize, impl Iterator<Item = &'n str>),
        person: PersonClauses,
    ) -> fmt::Result {
        f.write_str("(")?;
        if let Some((len, names)) = kinds {
            in_list(f, self.columns.kind, len, names)?;
            f.write_str(" AND ")?;
        }
        in_list(f, self.columns.state, states.0, states.1)?;
        for clause in person.iter() {
            f.write_str(" AND ")?;
            self.clause(f, clause)?;
        }
        f.write_str(")")
    }

    /// Writes one person clause, failing closed on `NULL`.
    fn clause(&self, f: &mut fmt::Formatter<'_>, clause: PersonClause) -> fmt::Result {
        let Columns {
            assigned_to,
            created_by,
            created_by_system,
            has_document,
            submitted_by,
            ..
        } = self.columns;
        let user = self.placeholder;
        match clause {
            // NULL = :user is not true: an unassigned item does not pass.
            PersonClause::AssigneeIs => write!(f, "{assigned_to} = {user}"),
            // Nobody assigned passes, explicitly.
            PersonClause::AssigneeIsNot => {
                write!(f, "({assigned_to} IS NULL OR {assigned_to} <> {user})")
            }
            // A NULL creator passes only where the system created the item.
            PersonClause::CreatorIsNot => write!(
                f,
                "({created_by} <> {user} OR ({created_by} IS NULL AND {created_by_system}))"
            ),
            // NULL is not true.
            PersonClause::HasDocument => f.write_str(has_document),
            // NULL <> :user is not true: an unknown submitter does not pass.
            PersonClause::SubmitterIsNot => write!(f, "{submitted_by} <> {user}"),
            // Nobody submitted passes, explicitly.
            PersonClause::SubmitterNotUser => {
                write!(f, "({submitted_by} IS NULL OR {submitted_by} <> {user})")
            }
        }
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

/// Writes `column = 'a'` or `column IN ('a', 'b')`.
fn in_list<'n>(
    f: &mut fmt::Formatter<'_>,
    column: &str,
    len: usize,
    names: impl Iterator<Item = &'n str>,
) -> fmt::Result {
    f.write_str(column)?;
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

impl fmt::Display for Sql<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = match self.core {
            Core::Task(core) => core.groups().count(),
            Core::Record(core) => core.groups().count(),
        };
        if count == 0 {
            return f.write_str("1 = 0");
        }
        let pretty = f.alternate();
        let (open, join, close) = match (count, pretty) {
            (1, _) => ("", "", ""),
            (_, false) => ("(", " OR ", ")"),
            (_, true) => ("(\n    ", "\n    OR ", "\n)"),
        };
        f.write_str(open)?;
        let separator =
            |f: &mut fmt::Formatter<'_>, i: usize| if i > 0 { f.write_str(join) } else { Ok(()) };
        match self.core {
            Core::Task(core) => {
                for (i, g) in core.groups().enumerate() {
                    separator(f, i)?;
                    let kinds = (g.kinds.len(), g.kinds.iter().map(TaskKind::name));
                    let states = (g.states.len(), g.states.iter().map(TaskState::name));
                    self.group(f, Some(kinds), states, g.person)?;
                }
            }
            Core::Record(core) => {
                for (i, g) in core.groups().enumerate() {
                    separator(f, i)?;
                    let states = (g.states.len(), g.states.names());
                    self.group(f, None::<(usize, iter::Empty<&str>)>, states, g.person)?;
                }
            }
        }
        f.write_str(close)
    }
}
