//! The host's tables, described once: the task table and its columns, the link
//! tables of the relations, the files; every name a checked identifier; and the
//! indexes the event queries are served from.

use core::fmt;

use super::super::error::{check_column, Problem};
use super::super::events::{self, RelationClause};
use super::super::sets::StateSet;
use super::super::sql::in_list;
use super::super::sql::{Columns, Dialect};
use crate::TaskState;

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

/// The structured description of the host's tables that an [`EventFilter`](crate::filter::EventFilter) is
/// written over ([`EventFilter::sql`](crate::filter::EventFilter::sql)): the task table, its id and person columns,
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
    /// plain identifier (see [`IdentifierError`](crate::filter::IdentifierError) for the
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
    pub(super) fn link_of(&self, clause: RelationClause) -> Result<Link<'a>, TablesError> {
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
    pub(super) fn describes(&self, clause: RelationClause) -> bool {
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
        let task_indexes = self.task_indexes(dialect);
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

    /// The indexes of the task table ([`indexes`](Self::indexes)), numbered.
    fn task_indexes(&self, dialect: Dialect) -> impl Iterator<Item = HostIndex<'a>> {
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
        let by_id = RelationClause::ALL
            .iter()
            .any(|&clause| clause.names_task_id() && self.describes(clause));
        let pending = match dialect {
            Dialect::Postgres if by_id => Some(events::by_id_states()).filter(|s| !s.is_empty()),
            Dialect::Postgres | Dialect::Sqlite | Dialect::MySql => None,
        };
        on_tasks
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
            })
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

/// Why an [`EventFilter`](crate::filter::EventFilter) cannot be written over a [`HostTables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum TablesError {
    /// A name is not an identifier the crate writes (see
    /// [`IdentifierError`](crate::filter::IdentifierError) for the grammar; a column is one
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
pub(super) fn table(field: TableField, name: &str) -> Result<(), TablesError> {
    let error = |problem| TablesError::Name { field, problem };
    check_column(super::super::error::Field::State, name).map_err(|e| error(e.problem()))?;
    if name.split('.').count() > 2 {
        return Err(error(Problem::TooManyParts));
    }
    Ok(())
}

/// Checks a column name: one part.
pub(super) fn column(field: TableField, name: &str) -> Result<(), TablesError> {
    let error = |problem| TablesError::Name { field, problem };
    check_column(super::super::error::Field::State, name).map_err(|e| error(e.problem()))?;
    if name.contains('.') {
        return Err(error(Problem::TooManyParts));
    }
    Ok(())
}

/// Checks a link's names.
pub(super) fn link(l: Link<'_>, field: TableField) -> Result<(), TablesError> {
    table(field, l.table)?;
    column(field, l.key)?;
    column(field, l.user)
}
