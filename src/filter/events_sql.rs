//! A workflow event filter as SQL over the host's tables: [`HostTables`] describes
//! them (checked identifiers, never SQL text), [`EventSql`] writes the condition
//! and its `UNION ALL` form, the user a bound parameter, and
//! [`HostTables::indexes`] the indexes the queries are served from.

use core::fmt;

use super::error::{check_column, Problem};
use super::events::{self, EventCore, EventFilter, EventGroup, RelationClause, RelationClauses};
use super::person::{PersonClause, PersonClauses};
use super::sql::{Columns, Dialect};
use super::task::StateSet;
use crate::{TaskKind, TaskState};

/// A table that links a key (a task, or a group) to a user: its name and its two
/// columns. Used for the group membership (`key` the group), the responsible
/// persons of a task's assets, the added approvers and the committee (`key` the
/// task).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Link<'a> {
    /// The table (`table` or `schema.table`).
    pub table: &'a str,
    /// The key column: the group (membership) or the task id (the others).
    pub key: &'a str,
    /// The user column.
    pub user: &'a str,
}

impl<'a> Link<'a> {
    /// The link table `table` with its `key` and `user` columns.
    #[must_use]
    pub const fn new(table: &'a str, key: &'a str, user: &'a str) -> Self {
        Link { table, key, user }
    }
}

/// Where the host keeps "a file of new assets is attached" (registration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Files<'a> {
    /// A boolean column of the task table: attached unless it is exactly false
    /// (`NULL` or a corrupt value count as attached: fail closed).
    Column(&'a str),
    /// A table of attached files, one row a file: its name and its task column.
    Table {
        /// The table.
        table: &'a str,
        /// The task id column.
        task: &'a str,
    },
}

/// The structured description of the host's tables that an [`EventFilter`] is
/// written over ([`EventFilter::sql`]): the task table, its id and person columns,
/// and where each relation lives. Every name is a checked identifier
/// ([`check`](Self::check)); the crate writes every `SELECT`, `EXISTS` and `IN`
/// itself, so no SQL text from the host reaches the query.
///
/// A relation the host does not describe stays `None`: a filter that needs it
/// refuses to be written ([`TablesError::Undescribed`]), never written wider.
///
/// ```
/// use itam_rbac::filter::{self, Dialect, HostTables, Link, TablesError, RelationClause};
/// use itam_rbac::workflow::TaskEvent;
/// use itam_rbac::{Role, Subject};
///
/// let tables = HostTables::new("tasks", "id")
///     .asset_responsibles(Link::new("task_assets", "task_id", "responsible_id"))
///     .approvers(Link::new("task_approvers", "task_id", "user_id"));
/// let keeper = Subject::new(9_i64, Role::Responsible);
/// let inbox = filter::task_events(&keeper, TaskEvent::Approve);
/// // Decommissioning's committee is not described: refused, not widened.
/// let err = inbox.sql(Dialect::Postgres, &tables).unwrap_err();
/// assert_eq!(err, TablesError::Undescribed { clause: RelationClause::CommitteeMember });
///
/// let tables = tables.committee(Link::new("task_committee", "task_id", "user_id"));
/// let sql = inbox.sql(Dialect::Postgres, &tables)?;
/// assert!(sql.to_string().contains(
///     "tasks.id = ANY (ARRAY(SELECT task_assets.task_id FROM task_assets \
///      WHERE task_assets.responsible_id = $1))"
/// ));
/// assert_eq!(sql.params().collect::<Vec<_>>(), [&9]);
/// let query = sql.union().to_string();
/// assert!(query.starts_with("SELECT tasks.id FROM tasks WHERE "));
/// assert_eq!(query.matches("UNION ALL").count(), inbox.groups().count() - 1);
/// # Ok::<(), TablesError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HostTables<'a> {
    /// The task table (`tasks` or `schema.tasks`).
    pub tasks: &'a str,
    /// Its id column.
    pub id: &'a str,
    /// Its kind, state and person columns (`has_document` is not used), each one
    /// plain column name: the SQL qualifies them with the task table.
    pub columns: Columns<'a>,
    /// The task's assignment group column and the group membership table (`key`
    /// the group, `user` the member).
    pub groups: Option<(&'a str, Link<'a>)>,
    /// The responsible persons of the task's assets (`key` the task, `user` the
    /// responsible person): one row per asset of the task (a view over the task's
    /// assets and the asset table will do).
    pub asset_responsibles: Option<Link<'a>>,
    /// The added approvers of the task's current approval (`key` the task).
    pub approvers: Option<Link<'a>>,
    /// The decommissioning committee (`key` the task).
    pub committee: Option<Link<'a>>,
    /// Where "a file of new assets is attached" is kept.
    pub files: Option<Files<'a>>,
}

impl<'a> HostTables<'a> {
    /// The task table `tasks` with its `id` column and the default
    /// [`Columns`]; no relation described yet.
    #[must_use]
    pub const fn new(tasks: &'a str, id: &'a str) -> Self {
        HostTables {
            tasks,
            id,
            columns: Columns::DEFAULT,
            groups: None,
            asset_responsibles: None,
            approvers: None,
            committee: None,
            files: None,
        }
    }

    /// The same tables, the task table's kind, state and person columns `columns`.
    #[must_use]
    pub const fn columns(self, columns: Columns<'a>) -> Self {
        HostTables { columns, ..self }
    }

    /// The same tables, the task's assignment group in `column` and the group
    /// membership in `members` (`key` the group, `user` the member).
    #[must_use]
    pub const fn groups(self, column: &'a str, members: Link<'a>) -> Self {
        HostTables {
            groups: Some((column, members)),
            ..self
        }
    }

    /// The same tables, the responsible persons of the task's assets in `link`.
    #[must_use]
    pub const fn asset_responsibles(self, link: Link<'a>) -> Self {
        HostTables {
            asset_responsibles: Some(link),
            ..self
        }
    }

    /// The same tables, the added approvers in `link`.
    #[must_use]
    pub const fn approvers(self, link: Link<'a>) -> Self {
        HostTables {
            approvers: Some(link),
            ..self
        }
    }

    /// The same tables, the committee in `link`.
    #[must_use]
    pub const fn committee(self, link: Link<'a>) -> Self {
        HostTables {
            committee: Some(link),
            ..self
        }
    }

    /// The same tables, "a file of new assets is attached" in `files`.
    #[must_use]
    pub const fn files(self, files: Files<'a>) -> Self {
        HostTables {
            files: Some(files),
            ..self
        }
    }

    /// Checks every name: tables one or two parts (`schema.table`), columns one
    /// plain identifier (see [`IdentifierError`](super::IdentifierError) for the
    /// grammar), in field order.
    ///
    /// # Errors
    ///
    /// The first name refused, with its [`TableField`] and the [`Problem`].
    pub fn check(&self) -> Result<(), TablesError> {
        table(TableField::Tasks, self.tasks)?;
        column(TableField::Id, self.id)?;
        let c = &self.columns;
        match c.kind {
            Some(kind) => column(TableField::Kind, kind)?,
            None => {
                return Err(TablesError::Name {
                    field: TableField::Kind,
                    problem: Problem::Missing,
                })
            }
        }
        column(TableField::State, c.state)?;
        column(TableField::AssignedTo, c.assigned_to)?;
        column(TableField::CreatedBy, c.created_by)?;
        column(TableField::CreatedBySystem, c.created_by_system)?;
        column(TableField::SubmittedBy, c.submitted_by)?;
        if let Some((group, members)) = self.groups {
            column(TableField::AssignmentGroup, group)?;
            link(members, TableField::Members)?;
        }
        if let Some(l) = self.asset_responsibles {
            link(l, TableField::AssetResponsibles)?;
        }
        if let Some(l) = self.approvers {
            link(l, TableField::Approvers)?;
        }
        if let Some(l) = self.committee {
            link(l, TableField::Committee)?;
        }
        match self.files {
            None => {}
            Some(Files::Column(name)) => column(TableField::FilesColumn, name)?,
            Some(Files::Table { table: t, task }) => {
                table(TableField::FilesTable, t)?;
                column(TableField::FilesTask, task)?;
            }
        }
        Ok(())
    }

    /// The link a relation clause needs, or why it cannot be written.
    fn link_of(&self, clause: RelationClause) -> Result<Link<'a>, TablesError> {
        let undescribed = TablesError::Undescribed { clause };
        match clause {
            RelationClause::InAssignmentGroup | RelationClause::NotInAssignmentGroup => {
                self.groups.map(|(_, members)| members)
            }
            RelationClause::AssetResponsible | RelationClause::NotAssetResponsible => {
                self.asset_responsibles
            }
            RelationClause::AddedApprover | RelationClause::NotAddedApprover => self.approvers,
            RelationClause::CommitteeMember | RelationClause::NotCommitteeMember => self.committee,
            RelationClause::FilesAttached | RelationClause::NoFilesAttached => match self.files {
                Some(Files::Table { table, task }) => Some(Link {
                    table,
                    key: task,
                    user: "",
                }),
                Some(Files::Column(_)) | None => None,
            },
        }
        .ok_or(undescribed)
    }

    /// Whether the tables describe what `clause` needs.
    fn describes(&self, clause: RelationClause) -> bool {
        match clause {
            RelationClause::FilesAttached | RelationClause::NoFilesAttached => self.files.is_some(),
            RelationClause::InAssignmentGroup
            | RelationClause::NotInAssignmentGroup
            | RelationClause::AssetResponsible
            | RelationClause::NotAssetResponsible
            | RelationClause::AddedApprover
            | RelationClause::NotAddedApprover
            | RelationClause::CommitteeMember
            | RelationClause::NotCommitteeMember => self.link_of(clause).is_ok(),
        }
    }

    /// The indexes the event queries are served from, for the described tables,
    /// as `CREATE INDEX` statements for `dialect` (`IF NOT EXISTS` but on MySQL,
    /// which has no such form): the task table on `(assigned_to, state, kind)`,
    /// `(assignment_group, state, kind)` and `(state, kind)`; each link table on
    /// `(user, key)`, which serves both the `IN` list of a user's tasks and the
    /// `NOT EXISTS` probe of one task; a files table on its task column. For
    /// PostgreSQL, where an asset, approver or committee table is described,
    /// also a partial index of the task ids in the states where those relations
    /// grant (`(id) WHERE state = 'pending_approval'`): the few tasks a user is
    /// related to are probed in it, so that a related task in another state
    /// costs no read of its row (SQLite looks them up by rowid; MySQL has no
    /// partial index). Check the names first ([`check`](Self::check)): the
    /// statements write them as given.
    ///
    /// ```
    /// use itam_rbac::filter::{Dialect, HostTables, Link};
    ///
    /// let tables = HostTables::new("tasks", "id")
    ///     .approvers(Link::new("task_approvers", "task_id", "user_id"));
    /// let ddl: Vec<String> = tables.indexes(Dialect::Sqlite).map(|i| i.to_string()).collect();
    /// assert_eq!(ddl[0], "CREATE INDEX IF NOT EXISTS itam_tasks_1 ON tasks (assigned_to, state, kind)");
    /// assert_eq!(
    ///     ddl.last().unwrap(),
    ///     "CREATE INDEX IF NOT EXISTS itam_task_approvers_1 ON task_approvers (user_id, task_id)"
    /// );
    /// let pg: Vec<String> = tables.indexes(Dialect::Postgres).map(|i| i.to_string()).collect();
    /// assert_eq!(
    ///     pg[2],
    ///     "CREATE INDEX IF NOT EXISTS itam_tasks_3 ON tasks (id) WHERE state = 'pending_approval'"
    /// );
    /// ```
    pub fn indexes(&self, dialect: Dialect) -> impl Iterator<Item = HostIndex<'a>> + '_ {
        let tasks = self.tasks;
        let c = self.columns;
        let group = self.groups.map(|(column, _)| column);
        let on_tasks = [
            Some((c.assigned_to, Some(c.state), c.kind)),
            group.map(|g| (g, Some(c.state), c.kind)),
            c.kind.map(|kind| (c.state, Some(kind), None)),
        ];
        // PostgreSQL: the ids of the tasks in the states where a relation names
        // the task's id, so that the related tasks are probed in an index of
        // those tasks only (a probe of the whole table's primary key reads each
        // related task's row, pending or not).
        let by_id = self.asset_responsibles.is_some()
            || self.approvers.is_some()
            || self.committee.is_some();
        let pending = match dialect {
            Dialect::Postgres if by_id => Some(events::by_id_states()).filter(|s| !s.is_empty()),
            Dialect::Postgres | Dialect::Sqlite | Dialect::MySql => None,
        };
        let task_indexes = on_tasks
            .into_iter()
            .flatten()
            .map(|(first, second, third)| (first, second, third, None))
            .chain(pending.map(|states| (self.id, None, None, Some((c.state, states)))))
            .enumerate()
            .map(move |(i, (first, second, third, partial))| HostIndex {
                dialect,
                table: tasks,
                number: i + 1,
                first,
                second,
                third,
                partial,
            });
        let links = [
            self.groups.map(|(_, members)| members),
            self.asset_responsibles,
            self.approvers,
            self.committee,
        ];
        let link_indexes = links.into_iter().flatten().map(move |l| HostIndex {
            dialect,
            table: l.table,
            number: 1,
            first: l.user,
            second: Some(l.key),
            third: None,
            partial: None,
        });
        let files = match self.files {
            Some(Files::Table { table, task }) => Some(HostIndex {
                dialect,
                table,
                number: 1,
                first: task,
                second: None,
                third: None,
                partial: None,
            }),
            Some(Files::Column(_)) | None => None,
        };
        task_indexes.chain(link_indexes).chain(files)
    }
}

/// One `CREATE INDEX` statement ([`HostTables::indexes`]): `Display` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HostIndex<'a> {
    dialect: Dialect,
    table: &'a str,
    number: usize,
    first: &'a str,
    second: Option<&'a str>,
    third: Option<&'a str>,
    /// A partial index: the state column and the states it holds.
    partial: Option<(&'a str, StateSet)>,
}

impl fmt::Display for HostIndex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE INDEX ")?;
        match self.dialect {
            Dialect::Sqlite | Dialect::Postgres => f.write_str("IF NOT EXISTS ")?,
            Dialect::MySql => {}
        }
        // The index is named after the table's last part (the schema is the
        // table's own).
        let name = self.table.rsplit('.').next().unwrap_or(self.table);
        write!(
            f,
            "itam_{name}_{} ON {} ({}",
            self.number, self.table, self.first
        )?;
        for column in [self.second, self.third].into_iter().flatten() {
            write!(f, ", {column}")?;
        }
        f.write_str(")")?;
        if let Some((column, states)) = self.partial {
            write!(f, " WHERE {column}")?;
            in_list(f, states.len(), states.iter().map(TaskState::name))?;
        }
        Ok(())
    }
}

/// Which name of a [`HostTables`] a [`TablesError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableField {
    /// [`HostTables::tasks`].
    Tasks,
    /// [`HostTables::id`].
    Id,
    /// The kind column (a task filter needs one).
    Kind,
    /// The state column.
    State,
    /// The assigned user column.
    AssignedTo,
    /// The creator column.
    CreatedBy,
    /// The created-by-the-system column.
    CreatedBySystem,
    /// The submitter column.
    SubmittedBy,
    /// The assignment group column.
    AssignmentGroup,
    /// A name of the group membership [`Link`].
    Members,
    /// A name of the asset responsibles [`Link`].
    AssetResponsibles,
    /// A name of the approvers [`Link`].
    Approvers,
    /// A name of the committee [`Link`].
    Committee,
    /// [`Files::Column`].
    FilesColumn,
    /// The table of [`Files::Table`].
    FilesTable,
    /// The task column of [`Files::Table`].
    FilesTask,
}

impl TableField {
    /// The field's name, e.g. `tasks`, `assigned_to`, `approvers`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            TableField::Tasks => "tasks",
            TableField::Id => "id",
            TableField::Kind => "kind",
            TableField::State => "state",
            TableField::AssignedTo => "assigned_to",
            TableField::CreatedBy => "created_by",
            TableField::CreatedBySystem => "created_by_system",
            TableField::SubmittedBy => "submitted_by",
            TableField::AssignmentGroup => "assignment_group",
            TableField::Members => "members",
            TableField::AssetResponsibles => "asset_responsibles",
            TableField::Approvers => "approvers",
            TableField::Committee => "committee",
            TableField::FilesColumn => "files_column",
            TableField::FilesTable => "files_table",
            TableField::FilesTask => "files_task",
        }
    }
}

impl fmt::Display for TableField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an [`EventFilter`] cannot be written over a [`HostTables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum TablesError {
    /// A name is not an identifier the crate writes (see
    /// [`IdentifierError`](super::IdentifierError) for the grammar; a column is one
    /// part, a table at most two).
    #[error("{field} refused: {problem}")]
    Name {
        /// Which name.
        field: TableField,
        /// What was wrong with it.
        problem: Problem,
    },
    /// The filter needs a relation the host did not describe: it is refused,
    /// never written wider.
    #[error("the filter needs {clause}, and the host tables do not describe where it lives")]
    Undescribed {
        /// The first clause the tables cannot say.
        clause: RelationClause,
    },
}

/// Checks a table name: one or two parts.
fn table(field: TableField, name: &str) -> Result<(), TablesError> {
    let error = |problem| TablesError::Name { field, problem };
    check_column(super::error::Field::State, name).map_err(|e| error(e.problem()))?;
    if name.split('.').count() > 2 {
        return Err(error(Problem::TooManyParts));
    }
    Ok(())
}

/// Checks a column name: one part.
fn column(field: TableField, name: &str) -> Result<(), TablesError> {
    let error = |problem| TablesError::Name { field, problem };
    check_column(super::error::Field::State, name).map_err(|e| error(e.problem()))?;
    if name.contains('.') {
        return Err(error(Problem::TooManyParts));
    }
    Ok(())
}

/// Checks a link's names.
fn link(l: Link<'_>, field: TableField) -> Result<(), TablesError> {
    table(field, l.table)?;
    column(field, l.key)?;
    column(field, l.user)
}

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

impl<U> Clone for EventSql<'_, U> {
    fn clone(&self) -> Self {
        EventSql {
            user: self.user,
            core: self.core,
            tables: self.tables,
            dialect: self.dialect,
        }
    }
}

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
        let by_id = group.relations.iter().any(|clause| match clause {
            RelationClause::AssetResponsible
            | RelationClause::AddedApprover
            | RelationClause::CommitteeMember => true,
            RelationClause::InAssignmentGroup
            | RelationClause::NotInAssignmentGroup
            | RelationClause::NotAssetResponsible
            | RelationClause::NotAddedApprover
            | RelationClause::NotCommitteeMember
            | RelationClause::FilesAttached
            | RelationClause::NoFilesAttached => false,
        });
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
    #[expect(
        clippy::many_single_char_names,
        reason = "the SQL's names, short so that each format string reads as the SQL"
    )]
    fn person(&self, f: &mut fmt::Formatter<'_>, clause: PersonClause) -> fmt::Result {
        let t = self.tables.tasks;
        let Columns {
            assigned_to: a,
            created_by: cr,
            created_by_system: sys,
            has_document,
            submitted_by: s,
            ..
        } = self.tables.columns;
        let c = self.collate();
        let u = self.dialect.placeholder();
        match clause {
            PersonClause::AssigneeIs => write!(f, "{t}.{a}{c} = {u}"),
            PersonClause::AssigneeIsNot => {
                write!(f, "({t}.{a} IS NULL OR {t}.{a}{c} <> {u})")
            }
            PersonClause::CreatorIsNot => write!(
                f,
                "({t}.{cr}{c} <> {u} OR ({t}.{cr} IS NULL AND {t}.{sys}))"
            ),
            PersonClause::HasDocument => write!(f, "{t}.{has_document}"),
            PersonClause::SubmitterIsNot => write!(f, "{t}.{s}{c} <> {u}"),
            PersonClause::SubmitterNotUser => {
                write!(f, "({t}.{s} IS NULL OR {t}.{s}{c} <> {u})")
            }
        }
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

/// Writes ` = 'a'` or ` IN ('a', 'b')`, after the column (system names hold no
/// quote).
fn in_list<'n>(
    f: &mut fmt::Formatter<'_>,
    len: usize,
    names: impl Iterator<Item = &'n str>,
) -> fmt::Result {
    f.write_str(if len == 1 { " = " } else { " IN (" })?;
    for (i, name) in names.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "'{name}'")?;
    }
    if len == 1 {
        Ok(())
    } else {
        f.write_str(")")
    }
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
