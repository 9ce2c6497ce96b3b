//! The space the list-view filters are checked over, shared by `tests/filter.rs`
//! and `hosts/tests/sql` (SQLite, PostgreSQL, sea-query): the role sets, and the
//! stored rows (every kind × state × person relation, plus unknown, corrupt and
//! `NULL` values) with the decision's answer for each.
//!
//! Role sets: every set of at most two of the 21 roles, plus every subset of the
//! roles relevant to the items: for tasks the 9 roles below (the five the task
//! matrix names and four that must not matter), for each record kind the roles of
//! its permission table and a few that must not matter (as `tests/workflow/records.rs`).
//! Sets with the same effective roles are checked once.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: each test crate uses part of the space"
)]

use std::collections::BTreeSet;

use itam_rbac::filter::{self, Columns, Dialect};
use itam_rbac::records::{
    can_record, transition_record, Record, RecordEvent, RecordKind, RecordState,
};
use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState,
};
use itam_rbac::review::Operation;
use itam_rbac::{can, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// The user every filter is for.
pub const ME: i64 = 1;
/// Someone else.
pub const OTHER: i64 = 2;
/// Someone else again.
pub const THIRD: i64 = 3;

/// The task roles whose every subset is checked.
pub const TASK_ROLES: [Role; 9] = [
    Role::Agent,
    Role::Responsible,
    Role::OperationSpecialist,
    Role::ProcessManager,
    Role::ContractManager,
    Role::Admin,
    Role::EndpointUser,
    Role::DemandManager,
    Role::PlatformAdmin,
];

/// The roles of `kind` whose every subset is checked (as `tests/workflow/records.rs`).
pub fn record_roles(kind: RecordKind) -> &'static [Role] {
    match kind {
        RecordKind::Contract => &[
            Role::Agent,
            Role::ContractManager,
            Role::ContractApprover,
            Role::ProcessManager,
            Role::PlatformAdmin,
        ],
        RecordKind::PurchaseRequest => &[
            Role::Agent,
            Role::PurchaseAgent,
            Role::PurchaseManager,
            Role::PurchaseApprover,
            Role::FinanceManager,
            Role::DemandAgent,
        ],
        RecordKind::Demand => &[
            Role::Agent,
            Role::DemandAgent,
            Role::DemandManager,
            Role::DemandApprover,
            Role::NomenclatureManager,
            Role::PurchaseManager,
        ],
        RecordKind::FunctionalBudget => &[
            Role::Agent,
            Role::FinanceAgent,
            Role::FinanceManager,
            Role::BudgetController,
            Role::ProcessManager,
            Role::ContractManager,
        ],
        RecordKind::ActualCostItem => &[
            Role::Agent,
            Role::FinanceAgent,
            Role::FinanceManager,
            Role::BudgetController,
            Role::PurchaseManager,
        ],
        RecordKind::Nomenclature => &[
            Role::Agent,
            Role::NomenclatureManager,
            Role::DemandManager,
            Role::OperationSpecialist,
            Role::PlatformAdmin,
        ],
        RecordKind::Asset => &[
            Role::Agent,
            Role::Admin,
            Role::OperationSpecialist,
            Role::Responsible,
            Role::ProcessManager,
            Role::PlatformAdmin,
        ],
    }
}

/// Every set of at most two roles, and every subset of `relevant`, once per
/// effective role set.
pub fn role_sets(relevant: &[Role]) -> Vec<Roles> {
    let mut sets: Vec<Roles> = vec![Roles::empty()];
    for (i, &a) in Role::ALL.iter().enumerate() {
        sets.push(a.into());
        for &b in &Role::ALL[i + 1..] {
            sets.push(Roles::from(a) | Roles::from(b));
        }
    }
    for mask in 0..1_u32 << relevant.len() {
        let roles: Roles = relevant
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, &r)| r)
            .collect();
        sets.push(roles);
    }
    let mut seen = BTreeSet::new();
    sets.retain(|roles| seen.insert(roles.effective().bits()));
    sets
}

/// Every record operation: each action and each event.
pub fn operations() -> Vec<Operation> {
    Action::ALL
        .iter()
        .map(|&a| Operation::from(a))
        .chain(RecordEvent::ALL.iter().map(|&e| Operation::from(e)))
        .collect()
}

/// One stored task row: text columns as a host stores them, which may hold names
/// the crate does not know.
#[derive(Debug, Clone)]
pub struct TaskRow {
    pub id: i64,
    pub kind: Option<String>,
    pub state: Option<String>,
    pub assigned_to: Option<i64>,
}

/// Every task kind × state × assignee (me, someone else, nobody), plus rows with an
/// unknown, misspelt or `NULL` kind or state.
pub fn task_rows() -> Vec<TaskRow> {
    let mut kinds: Vec<Option<String>> = TaskKind::NAMES
        .iter()
        .map(|n| Some((*n).to_string()))
        .collect();
    kinds.extend(["corrupt_kind", "Inventory", "inventory ", ""].map(|s| Some(s.to_string())));
    kinds.push(None);
    let mut states: Vec<Option<String>> = TaskState::NAMES
        .iter()
        .map(|n| Some((*n).to_string()))
        .collect();
    states.extend(["corrupt", "Completed", "in progress"].map(|s| Some(s.to_string())));
    states.push(None);
    let mut rows = Vec::new();
    for kind in &kinds {
        for state in &states {
            for assigned_to in [Some(ME), Some(OTHER), None] {
                rows.push(TaskRow {
                    id: i64::try_from(rows.len()).unwrap() + 1,
                    kind: kind.clone(),
                    state: state.clone(),
                    assigned_to,
                });
            }
        }
    }
    rows
}

impl TaskRow {
    /// The task as the host would build it, or `None` if the row's kind or state is
    /// not a system name (the host cannot ask `can` about it: never allowed).
    pub fn task(&self) -> Option<Task<i64>> {
        let kind: TaskKind = self.kind.as_deref()?.parse().ok()?;
        let state: TaskState = self.state.as_deref()?.parse().ok()?;
        let task = Task::new(kind, state);
        Some(match self.assigned_to {
            Some(id) => task.assigned_to(id),
            None => task,
        })
    }

    /// Whether `can` allows the row.
    pub fn allowed(&self, subject: &Subject<i64>, action: Action) -> bool {
        self.task().is_some_and(|task| can(subject, action, &task))
    }
}

/// One stored record row.
#[derive(Debug, Clone)]
pub struct RecordRow {
    pub id: i64,
    pub kind: RecordKind,
    pub state: Option<String>,
    pub assigned_to: Option<i64>,
    pub created_by: Option<i64>,
    pub created_by_system: Option<bool>,
    pub has_document: Option<bool>,
    pub submitted_by: Option<i64>,
}

/// The state names of `kind`.
pub fn state_names(kind: RecordKind) -> Vec<&'static str> {
    fn of<S: RecordState>() -> Vec<&'static str> {
        S::STATES.iter().map(|s| s.state_name()).collect()
    }
    match kind {
        RecordKind::Contract => of::<ContractState>(),
        RecordKind::PurchaseRequest => of::<PurchaseState>(),
        RecordKind::Demand => of::<DemandState>(),
        RecordKind::FunctionalBudget => of::<BudgetState>(),
        RecordKind::ActualCostItem => of::<CostItemState>(),
        RecordKind::Nomenclature => of::<NomenclatureState>(),
        RecordKind::Asset => of::<AssetStatus>(),
    }
}

/// Every record kind × state × assignee (me, someone else, nobody) × creator (me,
/// the assignee someone else, a third person, unknown) × created by the system
/// (yes, no, `NULL`) × document (yes, no, `NULL`) × submitter (me, someone else,
/// unknown), plus rows with a corrupt or
/// `NULL` state; ids continue from `first_id`.
pub fn record_rows(first_id: i64) -> Vec<RecordRow> {
    let mut rows = Vec::new();
    for &kind in RecordKind::ALL {
        let mut states: Vec<Option<String>> = state_names(kind)
            .iter()
            .map(|n| Some((*n).to_string()))
            .collect();
        states.extend([Some("corrupt".to_string()), None]);
        for state in &states {
            for assigned_to in [Some(ME), Some(OTHER), None] {
                for created_by in [Some(ME), Some(OTHER), Some(THIRD), None] {
                    for created_by_system in [Some(false), Some(true), None] {
                        for has_document in [Some(false), Some(true), None] {
                            for submitted_by in [Some(ME), Some(OTHER), None] {
                                rows.push(RecordRow {
                                    id: first_id + i64::try_from(rows.len()).unwrap(),
                                    kind,
                                    state: state.clone(),
                                    assigned_to,
                                    created_by,
                                    created_by_system,
                                    has_document,
                                    submitted_by,
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    rows
}

impl RecordRow {
    /// Whether the decision allows the row: a `NULL` flag is taken as false (the
    /// host does not know it), and a row whose state is not a system name is never
    /// allowed.
    pub fn allowed(&self, subject: &Subject<i64>, operation: Operation) -> bool {
        fn decide<S: RecordState>(
            row: &RecordRow,
            subject: &Subject<i64>,
            operation: Operation,
        ) -> bool {
            let Some(name) = row.state.as_deref() else {
                return false;
            };
            let Some(&state) = S::STATES.iter().find(|s| s.state_name() == name) else {
                return false;
            };
            let mut record = Record::new(state);
            if let Some(id) = row.assigned_to {
                record = record.assigned_to(id);
            }
            if let Some(id) = row.created_by {
                record = record.created_by(id);
            }
            if row.created_by_system == Some(true) {
                record = record.created_by_system();
            }
            if row.has_document == Some(true) {
                record = record.with_document();
            }
            if let Some(id) = row.submitted_by {
                record = record.submitted_by(id);
            }
            match operation {
                Operation::Action(action) => can_record(subject, action, &record),
                Operation::Event(event) => transition_record(subject, &record, event).is_ok(),
            }
        }
        match self.kind {
            RecordKind::Contract => decide::<ContractState>(self, subject, operation),
            RecordKind::PurchaseRequest => decide::<PurchaseState>(self, subject, operation),
            RecordKind::Demand => decide::<DemandState>(self, subject, operation),
            RecordKind::FunctionalBudget => decide::<BudgetState>(self, subject, operation),
            RecordKind::ActualCostItem => decide::<CostItemState>(self, subject, operation),
            RecordKind::Nomenclature => decide::<NomenclatureState>(self, subject, operation),
            RecordKind::Asset => decide::<AssetStatus>(self, subject, operation),
        }
    }
}

/// One query of the database tests: a condition as a filter renders it, and the ids
/// the decisions allow.
#[derive(Debug, Clone)]
pub struct Query {
    /// What it is for: roles and operation.
    pub label: String,
    /// The roles of the user.
    pub roles: Roles,
    /// The operation, and the record kind for records.
    pub on: On,
    /// `tasks` or `records` (one table holding every record kind, in its `kind`
    /// column).
    pub table: &'static str,
    /// The filter's condition, over the default columns.
    pub condition: String,
    /// How many values `Sql::params` yields.
    pub params: usize,
    /// The ids the decisions allow, ascending.
    pub expected: Vec<i64>,
}

/// What a [`Query`] asks about.
#[derive(Debug, Clone, Copy)]
pub enum On {
    /// An action on tasks.
    Tasks(Action),
    /// An operation on records of a kind.
    Records(RecordKind, Operation),
}

/// The queries of the database tests for `dialect`: every task role set × action
/// over `tasks`, and for each record kind every subset of its relevant roles and
/// every single role × action and event over `records` of that kind. The SQL
/// condition of each comes from the filter; the expected ids from `can` and the
/// record decisions, row by row.
pub fn queries(dialect: Dialect, tasks: &[TaskRow], records: &[RecordRow]) -> Vec<Query> {
    let mut out = Vec::new();
    for roles in role_sets(&TASK_ROLES) {
        let subject = Subject::new(ME, roles);
        for &action in Action::ALL {
            let filter = filter::tasks(&subject, action);
            let sql = filter.sql(dialect);
            out.push(Query {
                label: format!("{roles:?} {action} on tasks"),
                roles,
                on: On::Tasks(action),
                table: "tasks",
                condition: sql.to_string(),
                params: sql.params().len(),
                expected: tasks
                    .iter()
                    .filter(|row| row.allowed(&subject, action))
                    .map(|row| row.id)
                    .collect(),
            });
        }
    }
    for &kind in RecordKind::ALL {
        let relevant = record_roles(kind);
        let mut sets: Vec<Roles> = Role::ALL.iter().map(|&r| Roles::from(r)).collect();
        sets.extend((0..1_u32 << relevant.len()).map(|mask| {
            relevant
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, &r)| r)
                .collect::<Roles>()
        }));
        let mut seen = BTreeSet::new();
        sets.retain(|roles| seen.insert(roles.effective().bits()));
        let rows: Vec<&RecordRow> = records.iter().filter(|r| r.kind == kind).collect();
        for roles in sets {
            let subject = Subject::new(ME, roles);
            for operation in operations() {
                let filter = filter::records(&subject, operation, kind);
                let sql = filter.sql(dialect);
                out.push(Query {
                    label: format!("{roles:?} {operation} on {kind}"),
                    roles,
                    on: On::Records(kind, operation),
                    table: "records",
                    condition: sql.to_string(),
                    params: sql.params().len(),
                    expected: rows
                        .iter()
                        .filter(|row| row.allowed(&subject, operation))
                        .map(|row| row.id)
                        .collect(),
                });
            }
        }
    }
    out
}

/// The queries grouped by their SQL, so that each distinct statement runs once:
/// `(table, condition, queries)`.
pub fn distinct(queries: &[Query]) -> Vec<(&'static str, String, Vec<&Query>)> {
    let mut groups: std::collections::BTreeMap<(&'static str, String), Vec<&Query>> =
        std::collections::BTreeMap::new();
    for query in queries {
        groups
            .entry((query.table, query.condition.clone()))
            .or_default()
            .push(query);
    }
    groups
        .into_iter()
        .map(|((table, condition), queries)| (table, condition, queries))
        .collect()
}

/// The condition of `query`'s filter for `user` (holding the query's roles) over
/// `columns` in `dialect`, and the values `Sql::params` says to bind, in order:
/// what a host following the README does.
pub fn render<U: Eq + Clone>(
    query: &Query,
    user: U,
    dialect: Dialect,
    columns: Columns<'_>,
) -> (String, Vec<U>) {
    let subject = Subject::new(user, query.roles);
    match query.on {
        On::Tasks(action) => {
            let filter = filter::tasks(&subject, action);
            let sql = filter.sql(dialect).columns(columns).unwrap();
            (sql.to_string(), sql.params().cloned().collect())
        }
        On::Records(kind, operation) => {
            let filter = filter::records(&subject, operation, kind);
            let sql = filter.sql(dialect).columns(columns).unwrap();
            (sql.to_string(), sql.params().cloned().collect())
        }
    }
}

/// Checks the ids a statement returned against every query that rendered it.
pub fn check(got: &[i64], queries: &[&Query], condition: &str) {
    for query in queries {
        assert_eq!(
            got, query.expected,
            "{}: the database returned other rows than the decisions allow for\n  {condition}",
            query.label
        );
    }
}
