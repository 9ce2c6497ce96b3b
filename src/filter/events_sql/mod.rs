//! A workflow event filter as SQL over the host's tables: [`HostTables`] describes
//! them (checked identifiers, never SQL text), [`EventSql`] writes the condition
//! and its `UNION ALL` form, the user a bound parameter, and
//! [`HostTables::indexes`] the indexes the queries are served from.

use core::fmt;

mod tables;

pub use self::tables::{Files, HostIndex, HostTables, Link, TableField, TablesError};

use super::events::{EventCore, EventFilter, EventGroup, RelationClause, RelationClauses};
use super::person::{PersonClause, PersonClauses};
use super::sql::{in_list, write_person, Dialect};
use crate::{TaskKind, TaskState};

impl<'u, U> EventFilter<'u, U> {
    /// The filter as SQL for `dialect` over the host's `tables`: an [`EventSql`]
    /// whose `Display` is the condition (one parenthesised expression over the
    /// task table, its columns qualified with the table's name) and whose
    /// [`union`](EventSql::union) is the whole query, one `SELECT` a group joined
    /// by `UNION ALL` (the groups never overlap). The user id is the dialect's
    /// placeholder; bind [`EventSql::params`].
    ///
    /// # Errors
    ///
    /// A name refused ([`TablesError::Name`]), or a relation the filter needs and
    /// the tables do not describe ([`TablesError::Undescribed`]).
    pub fn sql(
        &self,
        dialect: Dialect,
        tables: &HostTables<'u>,
    ) -> Result<EventSql<'u, U>, TablesError> {
        tables.check()?;
        for group in self.groups() {
            if let Some(clause) = group.relations.iter().find(|&c| !tables.describes(c)) {
                return Err(TablesError::Undescribed { clause });
            }
        }
        Ok(EventSql {
            user: self.user(),
            core: *self.core(),
            tables: *tables,
            dialect,
        })
    }
}

/// A workflow event filter as SQL ([`EventFilter::sql`]): `Display` writes the
/// condition (`1 = 0` when it allows nothing), [`union`](Self::union) the query,
/// [`params`](Self::params) the values to bind. Nothing allocates.
pub struct EventSql<'a, U> {
    user: &'a U,
    core: EventCore,
    tables: HostTables<'a>,
    dialect: Dialect,
}

clone_with_user!(EventSql);

impl<U: fmt::Debug> fmt::Debug for EventSql<'_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventSql")
            .field("user", self.user)
            .field("event", &self.core.event)
            .field("tables", &self.tables)
            .field("dialect", &self.dialect)
            .finish_non_exhaustive()
    }
}

impl<'a, U> EventSql<'a, U> {
    /// The dialect.
    #[must_use]
    pub const fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The values to bind, in order, for the condition and for the
    /// [`union`](Self::union) alike: the user id once if the SQL names it
    /// (`?1`, `$1`), as often as it names it with MySQL's `?`, none if it does
    /// not name it.
    pub fn params(&self) -> impl ExactSizeIterator<Item = &'a U> + Clone {
        let uses: usize = self.core.groups().map(uses).sum();
        let n = match self.dialect {
            Dialect::Sqlite | Dialect::Postgres => uses.min(1),
            Dialect::MySql => uses,
        };
        let value = self.user;
        (0..n).map(move |_| value)
    }

    /// The whole query, the ids of the tasks the filter allows: one `SELECT
    /// tasks.id FROM tasks WHERE (group)` a group, joined by `UNION ALL`, which
    /// each database plans from its indexes group by group (an `OR` of groups can
    /// defeat them). `{:#}` puts each `SELECT` on a line of its own.
    #[must_use]
    pub fn union(&self) -> Union<'_, 'a, U> {
        Union { sql: self }
    }

    /// Writes one group: kinds, states, person clauses, relation clauses.
    fn group(&self, f: &mut fmt::Formatter<'_>, group: EventGroup) -> fmt::Result {
        let t = self.tables.tasks;
        let c = self.collate();
        let kind = self.tables.columns.kind.unwrap_or("");
        // SQLite: where a relation that holds names the task's id (assets,
        // approvers, committee), the kind and state are written `+column`, which
        // SQLite does not look up in an index, so that it looks the few related
        // tasks up by id whatever its statistics (without them it probed the
        // `(state, kind)` index once a kind and related task, ten times the work).
        let by_id = group.relations.iter().any(RelationClause::names_task_id);
        let plus = match self.dialect {
            Dialect::Sqlite if by_id => "+",
            Dialect::Sqlite | Dialect::Postgres | Dialect::MySql => "",
        };
        f.write_str("(")?;
        write!(f, "{plus}{t}.{kind}{c}")?;
        in_list(f, group.kinds.len(), group.kinds.iter().map(TaskKind::name))?;
        write!(f, " AND {plus}{t}.{}{c}", self.tables.columns.state)?;
        in_list(
            f,
            group.states.len(),
            group.states.iter().map(TaskState::name),
        )?;
        for clause in group.person.iter() {
            f.write_str(" AND ")?;
            self.person(f, clause)?;
        }
        for clause in group.relations.iter() {
            f.write_str(" AND ")?;
            self.relation(f, clause)?;
        }
        f.write_str(")")
    }

    /// ` COLLATE BINARY` on SQLite: byte-wise comparisons whatever the column's
    /// collation.
    const fn collate(&self) -> &'static str {
        match self.dialect {
            Dialect::Sqlite => " COLLATE BINARY",
            Dialect::Postgres | Dialect::MySql => "",
        }
    }

    /// Writes one person clause over the task table, failing closed on `NULL`.
    fn person(&self, f: &mut fmt::Formatter<'_>, clause: PersonClause) -> fmt::Result {
        let (tables, user) = (self.tables, self.dialect.placeholder());
        write_person(
            f,
            clause,
            &tables.columns,
            Some(tables.tasks),
            self.collate(),
            user,
        )
    }

    /// The files flag as a column of the task table: attached unless the column
    /// is false (a `NULL` counts as attached).
    fn files_column(
        &self,
        f: &mut fmt::Formatter<'_>,
        clause: RelationClause,
        col: &str,
    ) -> fmt::Result {
        let t = self.tables.tasks;
        let zero = match self.dialect {
            Dialect::Postgres => "FALSE",
            Dialect::Sqlite | Dialect::MySql => "0",
        };
        if clause.is_positive() {
            write!(f, "({t}.{col} IS NULL OR {t}.{col} <> {zero})")
        } else {
            write!(f, "{t}.{col} = {zero}")
        }
    }

    /// The task table's column a relation clause's link table is keyed by: the
    /// assignment group's column for group membership, the task's id otherwise.
    fn outer_column(&self, clause: RelationClause) -> &'a str {
        match clause {
            RelationClause::InAssignmentGroup | RelationClause::NotInAssignmentGroup => {
                self.tables.groups.map_or("", |(column, _)| column)
            }
            RelationClause::AssetResponsible
            | RelationClause::NotAssetResponsible
            | RelationClause::AddedApprover
            | RelationClause::NotAddedApprover
            | RelationClause::CommitteeMember
            | RelationClause::NotCommitteeMember
            | RelationClause::FilesAttached
            | RelationClause::NoFilesAttached => self.tables.id,
        }
    }

    /// Writes one relation clause: `IN` a subquery for a relation that holds
    /// (PostgreSQL: `= ANY (ARRAY(..))`), `NOT EXISTS` a correlated one for a
    /// relation that does not (a `NULL` key is no relation).
    #[expect(
        clippy::many_single_char_names,
        reason = "the SQL's names, short so that each format string reads as the SQL"
    )]
    fn relation(&self, f: &mut fmt::Formatter<'_>, clause: RelationClause) -> fmt::Result {
        let t = self.tables.tasks;
        let c = self.collate();
        let u = self.dialect.placeholder();
        if let (
            RelationClause::FilesAttached | RelationClause::NoFilesAttached,
            Some(Files::Column(col)),
        ) = (clause, self.tables.files)
        {
            return self.files_column(f, clause, col);
        }
        // Checked by `sql`: every clause of the filter is described.
        let Ok(Link {
            table: l,
            key,
            user,
        }) = self.tables.link_of(clause)
        else {
            return Err(fmt::Error);
        };
        let outer = self.outer_column(clause);
        let files = matches!(
            clause,
            RelationClause::FilesAttached | RelationClause::NoFilesAttached
        );
        match (clause.is_positive(), files) {
            // PostgreSQL: an array the subquery fills once, then the task table's
            // index on the outer column, whatever the statistics (with `IN` the
            // planner may scan every task of the kinds and states instead).
            (true, false) if matches!(self.dialect, Dialect::Postgres) => write!(
                f,
                "{t}.{outer} = ANY (ARRAY(SELECT {l}.{key} FROM {l} WHERE {l}.{user} = {u}))"
            ),
            (true, false) => write!(
                f,
                "{t}.{outer} IN (SELECT {l}.{key} FROM {l} WHERE {l}.{user}{c} = {u})"
            ),
            (false, false) => write!(
                f,
                "NOT EXISTS (SELECT 1 FROM {l} WHERE {l}.{key} = {t}.{outer} AND {l}.{user}{c} = {u})"
            ),
            (true, true) => write!(f, "{t}.{outer} IN (SELECT {l}.{key} FROM {l})"),
            (false, true) => write!(
                f,
                "NOT EXISTS (SELECT 1 FROM {l} WHERE {l}.{key} = {t}.{outer})"
            ),
        }
    }
}

/// How many times a group's SQL names the user.
fn uses(group: EventGroup) -> usize {
    let person = |p: PersonClauses| {
        p.iter()
            .filter(|&c| !matches!(c, PersonClause::HasDocument))
            .count()
    };
    let relations = |r: RelationClauses| {
        r.iter()
            .filter(|&c| {
                !matches!(
                    c,
                    RelationClause::FilesAttached | RelationClause::NoFilesAttached
                )
            })
            .count()
    };
    person(group.person) + relations(group.relations)
}

impl<U> fmt::Display for EventSql<'_, U> {
    /// The condition: the groups joined by `OR` (one group a line with `{:#}`),
    /// `1 = 0` for none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.core.groups().count();
        if count == 0 {
            return f.write_str("1 = 0");
        }
        let (open, join, close) = match (count, f.alternate()) {
            (1, _) => ("", "", ""),
            (_, false) => ("(", " OR ", ")"),
            (_, true) => ("(\n    ", "\n    OR ", "\n)"),
        };
        f.write_str(open)?;
        for (i, group) in self.core.groups().enumerate() {
            if i > 0 {
                f.write_str(join)?;
            }
            self.group(f, group)?;
        }
        f.write_str(close)
    }
}

/// The `UNION ALL` query of an [`EventSql`] ([`EventSql::union`]).
pub struct Union<'s, 'a, U> {
    sql: &'s EventSql<'a, U>,
}

impl<U> fmt::Debug for Union<'_, '_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Union")
            .field("event", &self.sql.core.event)
            .finish_non_exhaustive()
    }
}

impl<U> fmt::Display for Union<'_, '_, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.sql.tables.tasks;
        let id = self.sql.tables.id;
        let join = if f.alternate() {
            "\nUNION ALL\n"
        } else {
            " UNION ALL "
        };
        let mut any = false;
        for (i, group) in self.sql.core.groups().enumerate() {
            if i > 0 {
                f.write_str(join)?;
            }
            write!(f, "SELECT {t}.{id} FROM {t} WHERE ")?;
            self.sql.group(f, group)?;
            any = true;
        }
        if !any {
            write!(f, "SELECT {t}.{id} FROM {t} WHERE 1 = 0")?;
        }
        Ok(())
    }
}
