//! A filter as a whole `SELECT` statement in a form the planner serves from its
//! indexes ([`Select`], [`Form`]), and the indexes it needs as DDL ([`indexes`]).
//!
//! A filter is an `OR` of groups. With statistics (`ANALYZE`) SQLite's planner may
//! stop using the indexes for an `OR` of several `IN` lists and scan the table
//! (issue 22: 8.7 ms became 38–53 ms on 100,007 rows). One `SELECT` a group,
//! joined by `UNION ALL`, gives the planner one small conjunction at a time, which
//! it answers from an index whatever its statistics. The groups are made disjoint
//! by `AND (earlier group) IS NOT TRUE`, so that no row is returned twice and a
//! `NULL` column decides as in the `OR` form.

use core::fmt;

use super::error::{check_column, Field, IdentifierError, Problem, MAX_IDENTIFIER};
use super::sql::{Columns, Dialect, Params, Sql};

/// A filter made of groups, each writable as an SQL condition on its own: what
/// [`write_union`] needs. The union form of any filter of the crate (tasks,
/// records, workflow events) goes through it.
pub(crate) trait Disjunction {
    /// How many groups.
    fn groups(&self) -> usize;

    /// Writes group `i` as one parenthesised condition: `lead` the form that
    /// leads the group's own `SELECT` (which may add an index copy), else the exact
    /// condition written after `IS NOT TRUE`. Both must be true of exactly the
    /// same rows.
    fn write_group(&self, f: &mut fmt::Formatter<'_>, i: usize, lead: bool) -> fmt::Result;

    /// How many times [`write_group`](Self::write_group) writes the user's
    /// placeholder.
    fn group_uses(&self, i: usize, lead: bool) -> usize;
}

/// Writes `SELECT columns FROM table WHERE group` a group, joined by `UNION ALL`,
/// each group after the first followed by `AND (earlier group) IS NOT TRUE` for
/// every earlier group; `WHERE 1 = 0` when there are no groups. One line, or one
/// `SELECT` a line with `{:#}`.
pub(crate) fn write_union<D: Disjunction + ?Sized>(
    f: &mut fmt::Formatter<'_>,
    filter: &D,
    columns: &[&str],
    table: &str,
) -> fmt::Result {
    let count = filter.groups();
    if count == 0 {
        write_head(f, columns, table)?;
        return f.write_str("1 = 0");
    }
    let join = if f.alternate() {
        "\nUNION ALL\n"
    } else {
        " UNION ALL "
    };
    for i in 0..count {
        if i > 0 {
            f.write_str(join)?;
        }
        write_head(f, columns, table)?;
        filter.write_group(f, i, true)?;
        for earlier in 0..i {
            f.write_str(" AND ")?;
            filter.write_group(f, earlier, false)?;
            f.write_str(" IS NOT TRUE")?;
        }
    }
    Ok(())
}

/// How many times [`write_union`] writes the user's placeholder.
pub(crate) fn union_uses<D: Disjunction + ?Sized>(filter: &D) -> usize {
    let exact: usize = (0..filter.groups())
        .map(|i| filter.group_uses(i, false))
        .scan(0, |before, uses| {
            let earlier = *before;
            *before += uses;
            Some(earlier)
        })
        .sum();
    let lead: usize = (0..filter.groups())
        .map(|i| filter.group_uses(i, true))
        .sum();
    lead + exact
}

/// Writes `SELECT a, b FROM table WHERE `.
fn write_head(f: &mut fmt::Formatter<'_>, columns: &[&str], table: &str) -> fmt::Result {
    f.write_str("SELECT ")?;
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(column)?;
    }
    f.write_str(" FROM ")?;
    f.write_str(table)?;
    f.write_str(" WHERE ")
}

/// How a [`Select`] is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Form {
    /// One `SELECT` a group, joined by `UNION ALL`, each group after the first
    /// excluding the rows of the earlier ones (`AND (..) IS NOT TRUE`): every
    /// planner answers each from an index, whatever its statistics. The default.
    #[default]
    Union,
    /// One `SELECT` with the filter's condition (the groups joined by `OR`) in its
    /// `WHERE`: shorter, and what [`Sql`] writes; SQLite may scan the table for it
    /// once it has statistics.
    Where,
}

/// A filter as a whole `SELECT` statement: the host's selected columns of its
/// table, the rows the filter allows, each once. Built by
/// [`Sql::select`]; `Display` writes the statement (one line, or one `SELECT` a
/// line with `{:#}`), [`params`](Self::params) what to bind with it, in order,
/// for every role set alike, as [`Sql::params`].
///
/// The default [`Form::Union`] is one `SELECT` a group joined by `UNION ALL`,
/// which the planner answers from the indexes of [`indexes`] whatever its
/// statistics; [`Form::Where`] the condition in one `WHERE`. Both return the same
/// rows. Append `ORDER BY` or `LIMIT` to either: they apply to the whole
/// statement (name the selected columns unqualified there).
///
/// ```
/// use itam_rbac::filter::{self, Dialect, Form};
/// use itam_rbac::{Action, Role, Subject};
///
/// let specialist = Subject::new(7_i64, Role::OperationSpecialist);
/// let sql = filter::tasks(&specialist, Action::Update).sql(Dialect::Postgres);
/// let select = sql.select(&["id", "title"], "tasks")?;
/// let text = select.to_string();
/// // The inventory tasks he may update whatever the assignee, then the other
/// // kinds' tasks assigned to him, less those of the first SELECT.
/// assert!(text.starts_with("SELECT id, title FROM tasks WHERE (kind = 'inventory' AND state IN ("));
/// assert_eq!(text.matches("UNION ALL").count(), 1);
/// assert!(text.ends_with(
///     " AND assigned_to = $1) AND (kind = 'inventory' AND state IN ('registered', \
///      'in_progress', 'postponed', 'pending_approval', 'approved')) IS NOT TRUE"
/// ));
/// assert_eq!(select.params().collect::<Vec<_>>(), [&7]);
///
/// // One WHERE: the condition of `Sql`.
/// let one = select.form(Form::Where).to_string();
/// assert_eq!(one, format!("SELECT id, title FROM tasks WHERE {sql}"));
///
/// // Names are checked identifiers.
/// assert!(sql.select(&["id; DROP TABLE tasks"], "tasks").is_err());
/// assert!(sql.select(&["id"], "tasks t").is_err());
/// assert!(sql.select(&[], "tasks").is_err());
/// # Ok::<(), itam_rbac::filter::IdentifierError>(())
/// ```
pub struct Select<'a, U> {
    sql: Sql<'a, U>,
    columns: &'a [&'a str],
    table: &'a str,
    form: Form,
}

clone_with_user!(copy Select);

impl<U: fmt::Debug> fmt::Debug for Select<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Select")
            .field("sql", &self.sql)
            .field("columns", &self.columns)
            .field("table", &self.table)
            .field("form", &self.form)
            .finish()
    }
}

impl<'a, U> Sql<'a, U> {
    /// The filter as a whole statement, `SELECT columns FROM table` and the rows it
    /// allows, in the default [`Form::Union`] ([`Select`]).
    ///
    /// # Errors
    ///
    /// No column ([`Field::Select`], [`Problem::Empty`]), or a selected column or
    /// the table that is not a name (see [`IdentifierError`]; [`Field::Select`],
    /// [`Field::Table`]).
    pub fn select(
        self,
        columns: &'a [&'a str],
        table: &'a str,
    ) -> Result<Select<'a, U>, IdentifierError> {
        if columns.is_empty() {
            return Err(IdentifierError::new(Field::Select, Problem::Empty));
        }
        for column in columns {
            check_column(Field::Select, column)?;
        }
        check_column(Field::Table, table)?;
        Ok(Select {
            sql: self,
            columns,
            table,
            form: Form::Union,
        })
    }
}

impl<'a, U> Select<'a, U> {
    /// The same statement in `form`.
    #[must_use]
    pub const fn form(self, form: Form) -> Self {
        Select { form, ..self }
    }

    /// The form it is written in.
    #[must_use]
    pub const fn written_as(&self) -> Form {
        self.form
    }

    /// The condition it is built from.
    #[must_use]
    pub const fn condition(&self) -> Sql<'a, U> {
        self.sql
    }

    /// The values to bind, in order: the user id as often as the statement needs
    /// it (maybe never), as [`Sql::params`]. Allocation-free; with rusqlite,
    /// `rusqlite::params_from_iter(select.params())`.
    #[must_use]
    pub fn params(&self) -> Params<'a, U> {
        match self.form {
            Form::Union => self.sql.params_for(union_uses(&self.sql)),
            Form::Where => self.sql.params(),
        }
    }
}

impl<U> fmt::Display for Select<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.form {
            Form::Union => write_union(f, &self.sql, self.columns, self.table),
            Form::Where => {
                write_head(f, self.columns, self.table)?;
                fmt::Display::fmt(&self.sql, f)
            }
        }
    }
}

/// The indexes the [`Select`] forms of filters over `columns` of `table` are
/// answered from, as DDL for `dialect` ([`Indexes`]): one on the kind and state
/// (the groups without a person clause), one on the assigned user, kind and state
/// (the groups of the assigned user). A table without a kind column
/// ([`Columns::without_kind`]) gets them without it.
///
/// The index names are the table's name and the columns' names joined by `_`
/// (`tasks_kind_state`, `tasks_assigned_to_kind_state`); the columns are named by
/// their last part (`t.kind` is `kind`).
///
/// ```
/// use itam_rbac::filter::{self, Columns, Dialect, Field};
///
/// let ddl = filter::indexes(&Columns::DEFAULT, "tasks", Dialect::Sqlite)?;
/// assert_eq!(
///     ddl.to_string(),
///     "CREATE INDEX IF NOT EXISTS tasks_kind_state ON tasks (kind, state);\n\
///      CREATE INDEX IF NOT EXISTS tasks_assigned_to_kind_state ON tasks (assigned_to, kind, state);"
/// );
/// // rusqlite: db.execute_batch(&ddl.to_string())?
/// let pg = filter::indexes(&Columns::DEFAULT.without_kind(), "app.contracts", Dialect::Postgres)?;
/// assert_eq!(
///     pg.statements().map(|s| s.to_string()).collect::<Vec<_>>(),
///     [
///         "CREATE INDEX IF NOT EXISTS contracts_state ON app.contracts (state)",
///         "CREATE INDEX IF NOT EXISTS contracts_assigned_to_state ON app.contracts (assigned_to, state)",
///     ]
/// );
/// let err = filter::indexes(&Columns::DEFAULT, "tasks; DROP TABLE x", Dialect::Sqlite);
/// assert_eq!(err.unwrap_err().field(), Field::Table);
/// # Ok::<(), itam_rbac::filter::IdentifierError>(())
/// ```
///
/// # Errors
///
/// A column that is not a name ([`Columns::check`]), a table that is not one
/// ([`Field::Table`]; SQLite takes at most `schema.table`,
/// [`Problem::TooManyParts`]), or an index name that would be longer than
/// [`MAX_IDENTIFIER`] or an SQL keyword ([`Field::Index`]).
pub fn indexes<'a>(
    columns: &Columns<'a>,
    table: &'a str,
    dialect: Dialect,
) -> Result<Indexes<'a>, IdentifierError> {
    columns.check()?;
    check_column(Field::Table, table)?;
    let parts = table.split('.').count();
    match dialect {
        Dialect::Sqlite if parts > 2 => {
            return Err(IdentifierError::new(Field::Table, Problem::TooManyParts));
        }
        Dialect::Sqlite | Dialect::Postgres | Dialect::MySql => {}
    }
    let indexes = Indexes {
        table,
        kind: columns.kind.map(last),
        state: last(columns.state),
        assigned_to: last(columns.assigned_to),
        dialect,
    };
    for index in indexes.statements() {
        index.check_name()?;
    }
    Ok(indexes)
}

/// The last part of a checked name.
fn last(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

/// The `CREATE INDEX` statements of [`indexes`]: `Display` writes them each ended
/// by `;`, one a line (for a batch: rusqlite's `execute_batch`, `psql`);
/// [`statements`](Self::statements) one at a time, without the `;`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Indexes<'a> {
    table: &'a str,
    kind: Option<&'a str>,
    state: &'a str,
    assigned_to: &'a str,
    dialect: Dialect,
}

impl<'a> Indexes<'a> {
    /// Each statement: the kind and state index, then the assigned user, kind and
    /// state index.
    pub fn statements(&self) -> impl Iterator<Item = Index<'a>> {
        let this = *self;
        [None, Some(this.assigned_to)]
            .into_iter()
            .map(move |lead| Index { of: this, lead })
    }
}

impl fmt::Display for Indexes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, index) in self.statements().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{index};")?;
        }
        Ok(())
    }
}

/// One `CREATE INDEX` statement of [`Indexes`] (`Display`, without a `;`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Index<'a> {
    of: Indexes<'a>,
    lead: Option<&'a str>,
}

impl<'a> Index<'a> {
    /// The indexed columns, in order.
    fn columns(&self) -> impl Iterator<Item = &'a str> {
        self.lead
            .into_iter()
            .chain(self.of.kind)
            .chain(core::iter::once(self.of.state))
    }

    /// The table's name without its schema.
    fn table_name(&self) -> &'a str {
        last(self.of.table)
    }

    /// Writes the index name: the table's and the columns' names joined by `_`.
    fn write_name(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str(self.table_name())?;
        for column in self.columns() {
            f.write_str("_")?;
            f.write_str(column)?;
        }
        Ok(())
    }

    /// Checks that the index name is an identifier of at most [`MAX_IDENTIFIER`]
    /// bytes and no keyword.
    fn check_name(&self) -> Result<(), IdentifierError> {
        let mut name = Name::default();
        // Writing to a `Name` never fails: it counts what does not fit.
        let _ = self.write_name(&mut name);
        match name.text() {
            Some(text) => check_column(Field::Index, text),
            None => Err(IdentifierError::new(
                Field::Index,
                Problem::TooLong { len: name.len },
            )),
        }
    }
}

impl fmt::Display for Index<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.of.dialect {
            Dialect::Sqlite | Dialect::Postgres => "CREATE INDEX IF NOT EXISTS ",
            // MySQL has no `IF NOT EXISTS` for an index.
            Dialect::MySql => "CREATE INDEX ",
        })?;
        let table = match (self.of.dialect, self.of.table.split_once('.')) {
            // SQLite names the index's schema, not the table's.
            (Dialect::Sqlite, Some((schema, table))) => {
                f.write_str(schema)?;
                f.write_str(".")?;
                table
            }
            (Dialect::Sqlite | Dialect::Postgres | Dialect::MySql, _) => self.of.table,
        };
        self.write_name(f)?;
        f.write_str(" ON ")?;
        f.write_str(table)?;
        f.write_str(" (")?;
        for (i, column) in self.columns().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(column)?;
        }
        f.write_str(")")
    }
}

/// An index name being written, on the stack: at most [`MAX_IDENTIFIER`] bytes,
/// and the length it would have had.
struct Name {
    buf: [u8; MAX_IDENTIFIER],
    len: usize,
}

impl Default for Name {
    fn default() -> Self {
        Name {
            buf: [0; MAX_IDENTIFIER],
            len: 0,
        }
    }
}

impl Name {
    /// What was written, if it fits.
    fn text(&self) -> Option<&str> {
        core::str::from_utf8(self.buf.get(..self.len)?).ok()
    }
}

impl fmt::Write for Name {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if let Some(to) = self.buf.get_mut(self.len..end) {
            to.copy_from_slice(s.as_bytes());
        }
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    extern crate std;

    use std::string::{String, ToString};
    use std::vec::Vec;
    use std::{format, vec};

    use super::{union_uses, write_union, Disjunction};
    use core::fmt;

    /// Groups over columns `a` and `b` that overlap and meet `NULL`s: the union
    /// must still return each row once, exactly when one group holds.
    struct Overlapping {
        /// Each group: its lead and its exact condition, and its uses.
        groups: Vec<(&'static str, &'static str, usize, usize)>,
    }

    impl Disjunction for Overlapping {
        fn groups(&self) -> usize {
            self.groups.len()
        }

        fn write_group(&self, f: &mut fmt::Formatter<'_>, i: usize, lead: bool) -> fmt::Result {
            match self.groups.get(i) {
                Some(&(l, _, _, _)) if lead => f.write_str(l),
                Some(&(_, e, _, _)) => f.write_str(e),
                None => Ok(()),
            }
        }

        fn group_uses(&self, i: usize, lead: bool) -> usize {
            self.groups
                .get(i)
                .map_or(0, |&(_, _, l, e)| if lead { l } else { e })
        }
    }

    struct Union<'a>(&'a Overlapping, &'a [&'a str]);

    impl fmt::Display for Union<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_union(f, self.0, self.1, "t")
        }
    }

    /// The rows of this SQL are checked against a real SQLite, with `NULL`s, by the
    /// hosts package (`hosts/tests/sql/forms_sqlite.rs`: every role set, each row
    /// once); here, the text: each later group excludes every earlier one.
    #[test]
    fn overlapping_groups_exclude_every_earlier_group() {
        let filter = Overlapping {
            groups: vec![
                ("(a = 1)", "(a = 1)", 0, 0),
                ("(b = ?1)", "(b = ?1)", 1, 1),
                ("(a = 1 OR b IS NULL)", "(a = 1 OR b IS NULL)", 0, 0),
                ("(a IS NULL AND b = 1)", "(a IS NULL AND b = 1)", 0, 0),
            ],
        };
        let sql = Union(&filter, &["id"]).to_string();
        let selects: Vec<&str> = sql.split(" UNION ALL ").collect();
        assert_eq!(selects.len(), 4, "{sql}");
        for (i, select) in selects.iter().enumerate() {
            assert!(select.starts_with("SELECT id FROM t WHERE "), "{select}");
            assert_eq!(select.matches(" IS NOT TRUE").count(), i, "{select}");
            for (earlier, _, _, _) in filter.groups.iter().take(i) {
                assert!(
                    select.contains(&format!("AND ({earlier}) IS NOT TRUE"))
                        || select.contains(&format!("{earlier} IS NOT TRUE")),
                    "{select}"
                );
            }
        }
        assert_eq!(union_uses(&filter), 1 + 2);
    }

    #[test]
    fn uses_count_every_lead_and_every_earlier_exact_group() {
        let filter = Overlapping {
            groups: vec![("x", "x", 1, 10), ("y", "y", 2, 100), ("z", "z", 4, 1000)],
        };
        // Leads 1 + 2 + 4; group 1 repeats group 0 (10), group 2 groups 0 and 1.
        assert_eq!(union_uses(&filter), 7 + 10 + 10 + 100);
        let text = Union(&filter, &["id", "b"]).to_string();
        assert_eq!(
            text,
            "SELECT id, b FROM t WHERE x UNION ALL SELECT id, b FROM t WHERE y AND x IS NOT TRUE \
             UNION ALL SELECT id, b FROM t WHERE z AND x IS NOT TRUE AND y IS NOT TRUE"
        );
        let alternate = format!("{:#}", Union(&filter, &["id"]));
        assert_eq!(alternate.lines().count(), 5);
        let none = Overlapping { groups: vec![] };
        assert_eq!(union_uses(&none), 0);
        assert_eq!(
            Union(&none, &["id"]).to_string(),
            String::from("SELECT id FROM t WHERE 1 = 0")
        );
    }
}
