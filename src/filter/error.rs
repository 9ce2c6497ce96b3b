//! What a host can get wrong when it hands a filter its names and buffers: a column
//! name or placeholder that is not a plain identifier ([`IdentifierError`]), and
//! batch slices of different lengths ([`LengthError`]).

use core::fmt;

use super::sql::Dialect;
use crate::accessors::accessors;

/// The longest part of a column name, in bytes: PostgreSQL cuts identifiers at 63
/// bytes without an error, so a longer name could silently name another column.
pub const MAX_IDENTIFIER: usize = 63;

/// Words a column part may not be (compared without case): SQL keywords that are
/// values (`TRUE`, `NULL`, `CURRENT_USER`, ..) or operators (`OR`, `NOT`, `IS`,
/// ..) rather than columns in SQLite, PostgreSQL or MySQL. A flag column named
/// `TRUE` would make `has_document` always hold; one named `NOT` would turn a
/// clause around.
pub const RESERVED: &[&str] = &[
    "ALL",
    "AND",
    "ANY",
    "AS",
    "BETWEEN",
    "BINARY",
    "CASE",
    "CAST",
    "COLLATE",
    "CURRENT_CATALOG",
    "CURRENT_DATE",
    "CURRENT_ROLE",
    "CURRENT_SCHEMA",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "DEFAULT",
    "DISTINCT",
    "ELSE",
    "END",
    "ESCAPE",
    "EXISTS",
    "FALSE",
    "FROM",
    "GLOB",
    "IN",
    "IS",
    "ISNULL",
    "LIKE",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "MATCH",
    "NOT",
    "NOTNULL",
    "NULL",
    "OR",
    "REGEXP",
    "RLIKE",
    "SELECT",
    "SESSION_USER",
    "SIMILAR",
    "SOME",
    "SYSTEM_USER",
    "THEN",
    "TRUE",
    "UNION",
    "UNKNOWN",
    "USER",
    "WHEN",
    "WHERE",
    "XOR",
];

/// Which name an [`IdentifierError`] is about: a field of
/// [`Columns`](super::Columns), the placeholder of the user id, or a name of a
/// whole statement ([`Sql::select`](super::Sql::select), [`indexes`](super::indexes)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// [`Columns::kind`](super::Columns::kind).
    Kind,
    /// [`Columns::state`](super::Columns::state).
    State,
    /// [`Columns::assigned_to`](super::Columns::assigned_to).
    AssignedTo,
    /// [`Columns::created_by`](super::Columns::created_by).
    CreatedBy,
    /// [`Columns::created_by_system`](super::Columns::created_by_system).
    CreatedBySystem,
    /// [`Columns::has_document`](super::Columns::has_document).
    HasDocument,
    /// [`Columns::submitted_by`](super::Columns::submitted_by).
    SubmittedBy,
    /// The placeholder of the user id ([`Sql::placeholder`](super::Sql::placeholder)).
    Placeholder,
    /// A selected column of [`Sql::select`](super::Sql::select).
    Select,
    /// The table of [`Sql::select`](super::Sql::select) or
    /// [`indexes`](super::indexes).
    Table,
    /// The name of an index of [`indexes`](super::indexes): the table's and the
    /// columns' names joined by `_`.
    Index,
}

impl Field {
    /// The field's name: `kind`, `state`, `assigned_to`, `created_by`,
    /// `created_by_system`, `has_document`, `submitted_by`, `placeholder`,
    /// `select` (a selected column), `table` or `index`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::State => "state",
            Field::AssignedTo => "assigned_to",
            Field::CreatedBy => "created_by",
            Field::CreatedBySystem => "created_by_system",
            Field::HasDocument => "has_document",
            Field::SubmittedBy => "submitted_by",
            Field::Placeholder => "placeholder",
            Field::Select => "select",
            Field::Table => "table",
            Field::Index => "index",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What was wrong with a name ([`IdentifierError::problem`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Problem {
    /// The name is empty.
    Empty,
    /// No kind column ([`Columns::without_kind`](super::Columns::without_kind)) for
    /// a task filter, which needs one.
    Missing,
    /// A character no identifier may hold (a space, a quote, `;`, `-`, `(`, a
    /// non-ASCII letter, ..), at byte `at`.
    Character {
        /// The character.
        found: char,
        /// Its byte offset in the name.
        at: usize,
    },
    /// A part starts with a digit, at byte `at`.
    LeadingDigit {
        /// The byte offset of the digit.
        at: usize,
    },
    /// An empty part: a name that starts or ends with `.`, or holds `..`, at byte
    /// `at`.
    EmptyPart {
        /// The byte offset of the empty part.
        at: usize,
    },
    /// More than three parts (`schema.table.column` at most).
    TooManyParts,
    /// A part longer than [`MAX_IDENTIFIER`] bytes.
    TooLong {
        /// The length of the part, in bytes.
        len: usize,
    },
    /// A part is an SQL keyword of [`RESERVED`] (a value or an operator, not a
    /// column).
    Reserved {
        /// The keyword, as [`RESERVED`] spells it.
        word: &'static str,
    },
    /// Not a placeholder of the dialect: SQLite takes `?`, `?N`, `:name` or
    /// `@name`; PostgreSQL `$N`; MySQL `?` (N from 1 to 32766, no leading zero; a
    /// name an ASCII identifier of at most [`MAX_IDENTIFIER`] bytes).
    Placeholder {
        /// The dialect.
        dialect: Dialect,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Problem::Empty => f.write_str("it is empty"),
            Problem::Missing => f.write_str("a task filter needs a kind column"),
            Problem::Character { found, at } => {
                write!(f, "{found:?} at byte {at} is not an identifier character")
            }
            Problem::LeadingDigit { at } => write!(f, "a part starts with a digit at byte {at}"),
            Problem::EmptyPart { at } => write!(f, "an empty part at byte {at}"),
            Problem::TooManyParts => f.write_str("it has more than three parts"),
            Problem::TooLong { len } => write!(
                f,
                "a part is {len} bytes long, longer than {MAX_IDENTIFIER}"
            ),
            Problem::Reserved { word } => write!(f, "{word} is an SQL keyword"),
            Problem::Placeholder { dialect } => write!(
                f,
                "it is not a placeholder of {}: {}",
                dialect.name(),
                dialect.placeholder_forms()
            ),
        }
    }
}

/// A column name or placeholder a filter refuses to write into SQL: it names the
/// [field](Self::field) and [what was wrong](Self::problem). It never allocates.
///
/// A column is one to three parts joined by `.` (`column`, `table.column`,
/// `schema.table.column`), each an ASCII identifier: a letter or `_`, then
/// letters, digits and `_`, at most [`MAX_IDENTIFIER`] bytes, and not an SQL
/// keyword of [`RESERVED`]. No quotes, spaces, operators, comments or `;`: a name
/// that needs quoting is refused (alias it in a view or a subquery). The
/// placeholder is one of the dialect's forms (see [`Problem::Placeholder`]).
///
/// ```
/// use itam_rbac::filter::{self, Columns, Dialect, Field, Problem};
/// use itam_rbac::{Action, Role, Subject};
///
/// let agent = Subject::new(7_i64, Role::Agent);
/// let sql = filter::tasks(&agent, Action::Read).sql(Dialect::Sqlite);
/// let err = sql.columns(Columns::DEFAULT.kind("kind IS NOT NULL OR kind")).unwrap_err();
/// assert_eq!(err.field(), Field::Kind);
/// assert_eq!(err.problem(), Problem::Character { found: ' ', at: 4 });
/// assert_eq!(
///     err.to_string(),
///     "column kind refused: ' ' at byte 4 is not an identifier character"
/// );
/// assert!(sql.columns(Columns::DEFAULT.kind("t.task_kind")).is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdentifierError {
    field: Field,
    problem: Problem,
}

impl IdentifierError {
    /// The error about `field`.
    pub(crate) const fn new(field: Field, problem: Problem) -> Self {
        IdentifierError { field, problem }
    }
    accessors! {
        /// The name that was refused.
        field -> Field;
        /// What was wrong with it.
        problem -> Problem;
    }
}

impl fmt::Display for IdentifierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Field::Placeholder => write!(f, "placeholder refused: {}", self.problem),
            Field::Select => write!(f, "selected column refused: {}", self.problem),
            Field::Table => write!(f, "table refused: {}", self.problem),
            Field::Index => write!(f, "index name refused: {}", self.problem),
            Field::Kind
            | Field::State
            | Field::AssignedTo
            | Field::CreatedBy
            | Field::CreatedBySystem
            | Field::HasDocument
            | Field::SubmittedBy => write!(f, "column {} refused: {}", self.field, self.problem),
        }
    }
}

impl core::error::Error for IdentifierError {}

/// Checks that `name` is a column name (see [`IdentifierError`]).
pub(crate) fn check_column(field: Field, name: &str) -> Result<(), IdentifierError> {
    let error = |problem| IdentifierError { field, problem };
    if name.is_empty() {
        return Err(error(Problem::Empty));
    }
    let mut start = 0;
    for (index, part) in name.split('.').enumerate() {
        if index >= 3 {
            return Err(error(Problem::TooManyParts));
        }
        check_part(part, start).map_err(error)?;
        check_keyword(part).map_err(error)?;
        start += part.len() + 1;
    }
    Ok(())
}

/// Checks that one part of a name, which starts at byte `start` of the name, is an
/// identifier.
fn check_part(part: &str, start: usize) -> Result<(), Problem> {
    let mut chars = part.char_indices();
    match chars.next() {
        None => return Err(Problem::EmptyPart { at: start }),
        Some((_, c)) if c.is_ascii_digit() => return Err(Problem::LeadingDigit { at: start }),
        Some(_) => {}
    }
    if let Some((at, found)) = part
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
    {
        return Err(Problem::Character {
            found,
            at: start + at,
        });
    }
    if part.len() > MAX_IDENTIFIER {
        return Err(Problem::TooLong { len: part.len() });
    }
    Ok(())
}

/// Checks that a column part is not a keyword of [`RESERVED`].
fn check_keyword(part: &str) -> Result<(), Problem> {
    match RESERVED.iter().find(|word| word.eq_ignore_ascii_case(part)) {
        Some(&word) => Err(Problem::Reserved { word }),
        None => Ok(()),
    }
}

/// Whether `placeholder` is positional (`?`: one value a use) rather than
/// numbered or named (one value however often it is used). Only meaningful for a
/// checked placeholder.
pub(crate) fn is_positional(placeholder: &str) -> bool {
    placeholder == "?"
}

/// Checks that `placeholder` is one of `dialect`'s forms.
pub(crate) fn check_placeholder(
    dialect: Dialect,
    placeholder: &str,
) -> Result<(), IdentifierError> {
    let ok = match (dialect, placeholder.as_bytes().first()) {
        (Dialect::Sqlite | Dialect::MySql, Some(b'?')) if placeholder.len() == 1 => true,
        (Dialect::Sqlite, Some(b'?')) | (Dialect::Postgres, Some(b'$')) => {
            placeholder.get(1..).is_some_and(is_number)
        }
        (Dialect::Sqlite, Some(b':' | b'@')) => placeholder
            .get(1..)
            .is_some_and(|name| check_part(name, 1).is_ok()),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(IdentifierError {
            field: Field::Placeholder,
            problem: Problem::Placeholder { dialect },
        })
    }
}

/// Whether `digits` is a parameter number: 1 to 32766, no leading zero.
fn is_number(digits: &str) -> bool {
    !digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits
            .parse::<u16>()
            .is_ok_and(|n| (1..=32_766).contains(&n))
}

/// Slices of a batch call ([`TaskFilter::matches_each`](super::TaskFilter::matches_each),
/// [`TaskFilter::matches_columns`](super::TaskFilter::matches_columns),
/// [`RecordFilter::matches_each`](super::RecordFilter::matches_each),
/// [`TaskFilter::allowed_in_columns`](super::TaskFilter::allowed_in_columns)) of
/// different lengths: nothing was decided and nothing written.
///
/// ```
/// use itam_rbac::filter;
/// use itam_rbac::{Action, Role, Subject, Task, TaskKind, TaskState};
///
/// let agent = Subject::new(7_i64, Role::Agent);
/// let tasks = [Task::new(TaskKind::Inventory, TaskState::Registered)];
/// let mut out = [false; 2];
/// let err = filter::tasks(&agent, Action::Read).matches_each(&tasks, &mut out).unwrap_err();
/// assert_eq!((err.slice(), err.len(), err.expected()), ("out", 2, 1));
/// assert_eq!(err.to_string(), "out has 2 entries for 1 item: one entry an item is needed");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LengthError {
    slice: &'static str,
    len: usize,
    expected: usize,
}

impl LengthError {
    /// `Ok` when `len` is `expected`, else the error about `slice`.
    pub(crate) const fn check(
        slice: &'static str,
        len: usize,
        expected: usize,
    ) -> Result<(), LengthError> {
        if len == expected {
            Ok(())
        } else {
            Err(LengthError {
                slice,
                len,
                expected,
            })
        }
    }

    accessors! {
        /// The slice whose length differs: `out`, `states` or `assignees`.
        slice -> &'static str;
        /// Its length.
        len -> usize;
        /// How many items there are (the length of the tasks, records or kinds).
        expected -> usize;
    }

    /// Whether it was empty.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl fmt::Display for LengthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let items = if self.expected == 1 { "item" } else { "items" };
        write!(
            f,
            "{} has {} entries for {} {items}: one entry an item is needed",
            self.slice, self.len, self.expected
        )
    }
}

impl core::error::Error for LengthError {}
