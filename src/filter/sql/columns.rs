//! The host's column names ([`Columns`], checked identifiers) and the SQL
//! dialects ([`Dialect`]).

use super::super::error::{check_column, Field, IdentifierError, Problem};
use super::Core;

/// The host's column names, for [`Sql`](super::Sql) and the `sea-query` conditions.
///
/// Each name is checked before it is written ([`Sql::columns`](super::Sql::columns), the `sea-query`
/// `condition`): one to three parts joined by `.` (`kind`, `t.kind`,
/// `app.t.kind`), each an ASCII identifier that is not an SQL keyword (see
/// [`IdentifierError`]); anything else (quotes, spaces, `OR`, comments, `;`) is
/// refused with an [`IdentifierError`] naming the field. With `sea-query` each
/// part is quoted by the query builder.
///
/// The kind column holds a [`TaskKind`](crate::TaskKind) system name for tasks and
/// a [`RecordKind`](crate::records::RecordKind) system name for records: a record
/// filter constrains it (`kind = 'contract' AND ..`), so that on one table holding
/// several record kinds a filter returns its own kind only. On a table of one
/// record kind without such a column, say so with [`without_kind`](Self::without_kind)
/// (a task filter needs its kind column: [`Problem::Missing`]).
///
/// ```
/// use itam_rbac::filter::Columns;
///
/// let columns = Columns::DEFAULT.assigned_to("t.assignee_id");
/// assert_eq!(columns.assigned_to, "t.assignee_id");
/// assert_eq!(columns.state, "state");
/// assert_eq!(columns.kind, Some("kind"));
/// assert!(columns.check().is_ok());
/// assert!(columns.state("state; DROP TABLE t").check().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Columns<'a> {
    /// The kind: a [`TaskKind`](crate::TaskKind) system name (tasks), a
    /// [`RecordKind`](crate::records::RecordKind) system name (records); `None`
    /// on a table of one record kind. Default `kind`.
    pub kind: Option<&'a str>,
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
    /// `has_document`, `submitted_by`.
    pub const DEFAULT: Columns<'static> = Columns {
        kind: Some("kind"),
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
    /// The same columns, the kind in `name`.
    #[must_use]
    pub const fn kind(self, name: &'a str) -> Self {
        Columns {
            kind: Some(name),
            ..self
        }
    }

    /// The same columns without a kind column: a table holding one record kind
    /// only (a task filter refuses it).
    #[must_use]
    pub const fn without_kind(self) -> Self {
        Columns { kind: None, ..self }
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

    /// Checks every name (see [`IdentifierError`]), in field order.
    ///
    /// # Errors
    ///
    /// The first name that is not a column name, with its field and what was wrong.
    pub fn check(&self) -> Result<(), IdentifierError> {
        if let Some(kind) = self.kind {
            check_column(Field::Kind, kind)?;
        }
        check_column(Field::State, self.state)?;
        check_column(Field::AssignedTo, self.assigned_to)?;
        check_column(Field::CreatedBy, self.created_by)?;
        check_column(Field::CreatedBySystem, self.created_by_system)?;
        check_column(Field::HasDocument, self.has_document)?;
        check_column(Field::SubmittedBy, self.submitted_by)
    }

    /// [`check`](Self::check), and for a task filter a kind column.
    pub(crate) fn check_for(&self, core: Core) -> Result<(), IdentifierError> {
        self.check()?;
        match (core, self.kind) {
            (Core::Task(_), None) => Err(IdentifierError::new(Field::Kind, Problem::Missing)),
            (Core::Task(_) | Core::Record(_), _) => Ok(()),
        }
    }
}

/// The SQL dialect a condition is written for: it decides the user's placeholder
/// and how comparisons are collated.
///
/// The filter compares system names and ids byte for byte: a row of kind
/// `Inventory` or assigned to `U1` is not `inventory` or `u1`. A column with a
/// case-insensitive collation would widen `=` (and narrow `<>`), so:
///
/// - SQLite: the condition with `COLLATE BINARY` on every compared column, which
///   a column declared `COLLATE NOCASE` cannot widen, after an index copy joined
///   by `AND`: the same groups without collation and without the `<>` clauses,
///   which holds every row the condition allows whatever the collation, and which
///   SQLite answers from the indexes on the columns (it uses none for an `OR` of
///   collated comparisons);
/// - PostgreSQL: no `COLLATE` (it is an error on an integer or enum column). Every
///   PostgreSQL collation is deterministic (byte-wise equal) unless created with
///   `deterministic = false`; keep the kind, state and person columns on such a
///   collation, not on `citext` or a nondeterministic one;
/// - MySQL: no `COLLATE` (a collation must match the column's character set, and
///   integer columns have none). MySQL's default collation (`utf8mb4_0900_ai_ci`)
///   is case- and accent-insensitive: declare text kind, state and id columns with
///   a binary or case-sensitive collation (`utf8mb4_bin`, `utf8mb4_0900_as_cs`), or
///   use integer ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// SQLite: `?1` (one numbered parameter, however often it appears); the
    /// condition and its `COLLATE BINARY` copy.
    Sqlite,
    /// PostgreSQL: `$1`.
    Postgres,
    /// MySQL and others with positional `?` only: one value a use, which
    /// [`Sql::params`](super::Sql::params) yields as often as the condition names the user.
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

    /// The dialect's name: `SQLite`, `PostgreSQL` or `MySQL`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "SQLite",
            Dialect::Postgres => "PostgreSQL",
            Dialect::MySql => "MySQL",
        }
    }

    /// The placeholders the dialect takes, in words.
    pub(crate) const fn placeholder_forms(self) -> &'static str {
        match self {
            Dialect::Sqlite => "?, ?N, :name or @name (N from 1 to 32766)",
            Dialect::Postgres => "$N (N from 1 to 32766)",
            Dialect::MySql => "?",
        }
    }

    /// What follows a compared column in the collated copy of the condition:
    /// ` COLLATE BINARY` for SQLite, none for the others.
    pub(crate) const fn collate(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => Some(" COLLATE BINARY"),
            Dialect::Postgres | Dialect::MySql => None,
        }
    }
}
