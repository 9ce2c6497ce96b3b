//! The list-view filters against the decisions, exhaustively and in memory: for
//! every role set of `filter_space` (every set of at most two roles, and every
//! subset of the relevant roles), every action (tasks) or action and event
//! (records), every kind, every state and every person relation (assignee: me,
//! someone else, nobody; creator: me, the assignee, a third person, unknown;
//! created by the system or not; document or not; every approver having approved
//! or not), `matches`, the batch forms and the data form (`groups`, read by an
//! interpreter written here) each give exactly the decision's answer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod filter_space;

use filter_space::{operations, record_roles, role_sets, ME, OTHER, TASK_ROLES, THIRD};
use itam_rbac::filter::{
    self, Columns, Dialect, Field, PersonClause, PersonClauses, Problem, RecordGroup, TaskColumns,
    TaskGroup,
};
use itam_rbac::records::{
    can_record, transition_record, Record, RecordEvent, RecordKind, RecordState,
};
use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState,
};
use itam_rbac::review::Operation;
use itam_rbac::{can, Action, Role, Roles, Subject, Task, TaskKind, TaskState};
use proptest::strategy::Strategy as _;

const PEOPLE: [Option<i64>; 3] = [Some(ME), Some(OTHER), None];
const CREATORS: [Option<i64>; 4] = [None, Some(ME), Some(OTHER), Some(THIRD)];

/// Every task of the space: kind × state × assignee × creator × created by the
/// system.
fn all_tasks() -> Vec<Task<i64>> {
    let mut tasks = Vec::new();
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            for assignee in PEOPLE {
                for creator in CREATORS {
                    for system in [false, true] {
                        let mut task = Task::new(kind, state);
                        if let Some(id) = assignee {
                            task = task.assigned_to(id);
                        }
                        if let Some(id) = creator {
                            task = task.created_by(id);
                        }
                        if system {
                            task = task.created_by_system();
                        }
                        tasks.push(task);
                    }
                }
            }
        }
    }
    tasks
}

/// The person facts of an item that the clauses read.
#[derive(Clone, Copy)]
struct Facts {
    assignee: Option<i64>,
    creator: Option<i64>,
    system: bool,
    document: bool,
    submitter: Option<i64>,
}

/// Whether one person clause holds for an item, read from the clause's
/// documentation: the assignee is or is not the user; the creator is known (or the
/// system created the item) and is not the user; the item has a document; the
/// submitter is known and is not the user.
fn clause_holds(clause: PersonClause, f: Facts) -> bool {
    match clause {
        PersonClause::AssigneeIs => f.assignee == Some(ME),
        PersonClause::AssigneeIsNot => f.assignee != Some(ME),
        PersonClause::CreatorIsNot => match f.creator {
            Some(id) => id != ME,
            None => f.system,
        },
        PersonClause::HasDocument => f.document,
        PersonClause::SubmitterIsNot => f.submitter.is_some_and(|id| id != ME),
        PersonClause::SubmitterNotUser => f.submitter != Some(ME),
    }
}

/// Whether every clause of `person` holds.
fn person_holds(person: PersonClauses, facts: Facts) -> bool {
    person.iter().all(|c| clause_holds(c, facts))
}

/// The task filter's data form, interpreted: some group has the task's kind and
/// state, and its person clauses hold.
fn interpret_task(groups: &[TaskGroup], task: &Task<i64>) -> bool {
    groups.iter().any(|g| {
        g.kinds.contains(task.kind)
            && g.states.contains(task.state)
            && person_holds(
                g.person,
                Facts {
                    assignee: task.assignee,
                    creator: task.creator,
                    system: task.created_by_system,
                    document: false,
                    submitter: task.submitter,
                },
            )
    })
}

#[test]
fn task_filters_are_can_for_every_role_set_action_and_task() {
    let tasks = all_tasks();
    let kinds: Vec<TaskKind> = tasks.iter().map(|t| t.kind).collect();
    let states: Vec<TaskState> = tasks.iter().map(|t| t.state).collect();
    let assignees: Vec<Option<i64>> = tasks.iter().map(|t| t.assignee).collect();
    let sets = role_sets(&TASK_ROLES);
    let mut cases = 0;
    for &roles in &sets {
        let subject = Subject::new(ME, roles);
        for &action in Action::ALL {
            let filter = filter::tasks(&subject, action);
            assert!(filter.is_exact(), "{roles:?} {action}: {filter}");
            let expected: Vec<bool> = tasks.iter().map(|t| can(&subject, action, t)).collect();
            let groups: Vec<TaskGroup> = filter.groups().collect();
            for (task, &want) in tasks.iter().zip(&expected) {
                assert_eq!(
                    filter.matches(task),
                    want,
                    "{roles:?} {action} {task:?}: {filter}"
                );
                assert_eq!(
                    interpret_task(&groups, task),
                    want,
                    "data form: {roles:?} {action} {task:?}"
                );
                let assigned = task.assignee == Some(ME);
                assert_eq!(filter.allows(task.kind, task.state, assigned), want);
                cases += 1;
            }
            let mut out = vec![false; tasks.len()];
            let n = filter.matches_each(&tasks, &mut out).unwrap();
            assert_eq!(out, expected, "matches_each: {roles:?} {action}");
            assert_eq!(n, expected.iter().filter(|&&y| y).count());
            let mut out = vec![false; tasks.len()];
            let columns = TaskColumns {
                kinds: &kinds,
                states: &states,
                assignees: &assignees,
            };
            assert_eq!(filter.matches_columns(columns, &mut out).unwrap(), n);
            assert_eq!(out, expected, "matches_columns: {roles:?} {action}");
            assert_eq!(filter.is_empty(), n == 0);
            let indices: Vec<usize> = (0..tasks.len()).filter(|&i| expected[i]).collect();
            assert!(filter.allowed(&tasks).eq(indices.iter().copied()));
            assert!(filter
                .allowed_in_columns(columns)
                .unwrap()
                .eq(indices.iter().copied()));
        }
    }
    assert_eq!(cases, sets.len() * Action::ALL.len() * 12 * 7 * 3 * 4 * 2);
    assert!(sets.len() > 400, "{} role sets", sets.len());
}

/// The decision on `record` for `operation`.
fn decide<S: RecordState>(
    subject: &Subject<i64>,
    operation: Operation,
    record: &Record<S, i64>,
) -> bool {
    match operation {
        Operation::Action(action) => can_record(subject, action, record),
        Operation::Event(event) => transition_record(subject, record, event).is_ok(),
    }
}

/// Every record of the space in each state of `S`.
fn all_records<S: RecordState>() -> Vec<Record<S, i64>> {
    let mut records = Vec::new();
    for &state in S::STATES {
        for assignee in PEOPLE {
            for creator in CREATORS {
                for (flags, submitter) in (0..8_u8).flat_map(|f| PEOPLE.map(|s| (f, s))) {
                    let mut record = Record::new(state);
                    if let Some(id) = assignee {
                        record = record.assigned_to(id);
                    }
                    if let Some(id) = submitter {
                        record = record.submitted_by(id);
                    }
                    if let Some(id) = creator {
                        record = record.created_by(id);
                    }
                    if flags & 1 != 0 {
                        record = record.created_by_system();
                    }
                    if flags & 2 != 0 {
                        record = record.with_document();
                    }
                    if flags & 4 != 0 {
                        record = record.all_approved();
                    }
                    records.push(record);
                }
            }
        }
    }
    records
}

/// The record filter's data form, interpreted.
fn interpret_record<S: RecordState>(groups: &[RecordGroup], record: &Record<S, i64>) -> bool {
    groups.iter().any(|g| {
        g.states.contains(record.state)
            && person_holds(
                g.person,
                Facts {
                    assignee: record.assignee,
                    creator: record.creator,
                    system: record.created_by_system,
                    document: record.has_document,
                    submitter: record.submitter,
                },
            )
    })
}

/// Sweeps one record kind; returns the number of cases.
fn sweep<S: RecordState>() -> usize {
    let records = all_records::<S>();
    let mut cases = 0;
    for roles in role_sets(record_roles(S::KIND)) {
        let subject = Subject::new(ME, roles);
        for operation in operations() {
            let filter = filter::records(&subject, operation, S::KIND);
            assert!(filter.is_exact(), "{roles:?} {operation}: {filter}");
            assert_eq!(filter.kind(), S::KIND);
            assert_eq!(filter.operation(), operation);
            let expected: Vec<bool> = records
                .iter()
                .map(|r| decide(&subject, operation, r))
                .collect();
            let groups: Vec<RecordGroup> = filter.groups().collect();
            for (record, &want) in records.iter().zip(&expected) {
                assert_eq!(
                    filter.matches(record),
                    want,
                    "{roles:?} {operation} {record:?}: {filter}"
                );
                assert_eq!(
                    interpret_record(&groups, record),
                    want,
                    "data form: {roles:?} {operation} {record:?}"
                );
                cases += 1;
            }
            let mut out = vec![false; records.len()];
            let n = filter.matches_each(&records, &mut out).unwrap();
            assert_eq!(out, expected);
            assert_eq!(n, expected.iter().filter(|&&y| y).count());
            assert_eq!(filter.is_empty(), n == 0);
            assert!(filter
                .allowed(&records)
                .eq((0..records.len()).filter(|&i| expected[i])));
        }
    }
    cases
}

#[test]
fn record_filters_are_the_decisions_for_every_role_set_operation_and_record() {
    let cases = sweep::<ContractState>()
        + sweep::<PurchaseState>()
        + sweep::<DemandState>()
        + sweep::<BudgetState>()
        + sweep::<CostItemState>()
        + sweep::<NomenclatureState>()
        + sweep::<AssetStatus>();
    assert!(cases > 1_000_000, "{cases} cases");
}

#[test]
fn a_record_filter_allows_no_record_of_another_kind() {
    let everyone = Subject::new(ME, Roles::all());
    let read_contracts = filter::records(&everyone, Action::Read, RecordKind::Contract);
    assert!(read_contracts.matches(&Record::<_, i64>::new(ContractState::Draft)));
    assert!(!read_contracts.matches(&Record::<_, i64>::new(PurchaseState::Registered)));
}

#[test]
fn a_specialist_updates_inventory_and_the_tasks_assigned_to_them() {
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let filter = filter::tasks(&specialist, Action::Update);
    let groups: Vec<_> = filter.groups().collect();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        groups[0].kinds.iter().collect::<Vec<_>>(),
        [TaskKind::Inventory]
    );
    assert!(groups[0].person.is_anyone());
    assert_eq!(groups[1].kinds.len(), 10);
    assert!(!groups[1].kinds.contains(TaskKind::Inventory));
    assert!(!groups[1].kinds.contains(TaskKind::ChangeOfResponsible));
    assert!(groups[1].states.is_all());
    assert_eq!(
        groups[1].person,
        PersonClauses::only(PersonClause::AssigneeIs)
    );
    assert_eq!(*filter.user(), ME);
    assert_eq!(filter.action(), Action::Update);
    assert_eq!(
        filter.to_string(),
        "update on tasks: inventory in states registered, in_progress, postponed, \
         pending_approval or approved; or registration, allocation, relocation, \
         change_of_stock, return_to_stock, maintenance, upgrading, decommissioning, disposal \
         or asset_transfer in any state, assigned to the user"
    );
}

#[test]
fn a_filter_that_allows_nothing_is_false_and_one_that_allows_everything_lists_kinds_and_states() {
    let nobody = Subject::new(ME, Roles::empty());
    let none = filter::tasks(&nobody, Action::Read);
    assert!(none.is_empty());
    assert_eq!(none.groups().count(), 0);
    assert_eq!(none.sql(Dialect::Sqlite).to_string(), "1 = 0");
    assert_eq!(none.to_string(), "read on tasks: no task");
    let agent = Subject::new(ME, Role::Agent);
    let all = filter::tasks(&agent, Action::Read);
    let sql = all.sql(Dialect::Postgres).to_string();
    assert_eq!(all.sql(Dialect::Postgres).params().len(), 0);
    assert!(
        sql.starts_with("(kind IN ('registration', 'allocation', "),
        "{sql}"
    );
    assert!(sql.ends_with(", 'completed', 'canceled'))"), "{sql}");
    assert!(
        !sql.contains("<>") && !sql.contains("NOT"),
        "allow-lists only: {sql}"
    );
    let never = filter::records(&agent, Action::Delete, RecordKind::Contract);
    assert_eq!(never.sql(Dialect::Postgres).to_string(), "1 = 0");
    assert_eq!(never.to_string(), "delete on contracts: none");
}

#[test]
fn sql_names_the_hosts_columns_and_the_dialects_placeholder() {
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let filter = filter::tasks(&specialist, Action::Update);
    let columns = Columns::DEFAULT
        .kind("t.task_kind")
        .state("t.task_state")
        .assigned_to("t.assignee");
    let sql = filter
        .sql(Dialect::Postgres)
        .columns(columns)
        .unwrap()
        .to_string();
    assert!(
        sql.contains("(t.task_kind = 'inventory' AND t.task_state IN ("),
        "{sql}"
    );
    assert!(sql.ends_with("AND t.assignee = $1))"), "{sql}");
    let mysql = filter.sql(Dialect::MySql);
    assert!(mysql.to_string().ends_with("AND assigned_to = ?))"));
    assert_eq!(mysql.params().collect::<Vec<_>>(), [&ME]);
    let third = filter.sql(Dialect::Sqlite).placeholder("?3").unwrap();
    assert!(third
        .to_string()
        .ends_with("AND assigned_to COLLATE BINARY = ?3)))"));
    assert_eq!(third.params().len(), 1);
    let positional = filter.sql(Dialect::Sqlite).placeholder("?").unwrap();
    // `?` is one value a use: once in the index copy, once in the collated one.
    assert_eq!(positional.to_string().matches('?').count(), 2);
    assert_eq!(positional.params().len(), 2);
    // One group a line with `{:#}`; for SQLite the index copy, then the collated
    // condition.
    let pretty = format!("{:#}", filter.sql(Dialect::Sqlite));
    assert_eq!(pretty.lines().count(), 7, "{pretty}");
    assert!(
        pretty.starts_with("((\n    (kind = 'inventory' AND "),
        "{pretty}"
    );
    assert!(
        pretty.contains("\n    OR (kind IN ('registration', "),
        "{pretty}"
    );
    assert!(
        pretty.contains(" AND assigned_to = ?1)\n) AND (\n    (kind COLLATE BINARY = "),
        "{pretty}"
    );
    assert!(
        pretty.ends_with(" AND assigned_to COLLATE BINARY = ?1)\n))"),
        "{pretty}"
    );
    let pretty = format!("{:#}", filter.sql(Dialect::Postgres));
    assert_eq!(pretty.lines().count(), 4, "{pretty}");
}

/// SQLite: the collated condition after an index copy holding only the clauses a
/// case-insensitive column can only widen (`=`, flags), never `<>`.
#[test]
fn sqlite_writes_an_index_copy_and_a_collated_condition() {
    let approver = Subject::new(ME, Role::PurchaseApprover);
    let filter = filter::records(&approver, RecordEvent::Approve, RecordKind::PurchaseRequest);
    let sql = filter.sql(Dialect::Sqlite);
    assert_eq!(
        sql.to_string(),
        "((kind = 'purchase_request' AND state = 'pending_approval') AND \
         (kind COLLATE BINARY = 'purchase_request' AND state COLLATE BINARY = 'pending_approval' \
         AND (assigned_to IS NULL OR assigned_to COLLATE BINARY <> ?1) \
         AND (created_by COLLATE BINARY <> ?1 OR (created_by IS NULL AND created_by_system)) \
         AND submitted_by COLLATE BINARY <> ?1))"
    );
    assert_eq!(sql.params().len(), 1);
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let tasks = filter::tasks(&specialist, Action::Update).sql(Dialect::Sqlite);
    let text = tasks.to_string();
    let (index, collated) = text.split_once(") AND (").unwrap();
    assert!(index.contains("assigned_to = ?1") && !index.contains("COLLATE"));
    assert_eq!(collated.matches("COLLATE BINARY").count(), 5, "{collated}");
}

#[test]
fn four_eyes_in_sql_fails_closed_on_null() {
    let approver = Subject::new(ME, Role::PurchaseApprover);
    let filter = filter::records(&approver, RecordEvent::Approve, RecordKind::PurchaseRequest);
    let columns = Columns::DEFAULT
        .created_by("author")
        .created_by_system("by_system")
        .without_kind();
    let sql = filter.sql(Dialect::MySql).columns(columns).unwrap();
    assert_eq!(
        sql.to_string(),
        "(state = 'pending_approval' AND (assigned_to IS NULL OR assigned_to <> ?) \
         AND (author <> ? OR (author IS NULL AND by_system)) AND submitted_by <> ?)"
    );
    assert_eq!(sql.params().collect::<Vec<_>>(), [&ME, &ME, &ME]);
    assert_eq!(
        filter.to_string(),
        "approve on purchase requests: in state pending_approval, not assigned to the user \
         and created by someone other than the user, or by the system and sent for approval \
         by someone other than the user"
    );
    let manager = Subject::new(ME, Role::ContractManager);
    let contract = filter::records(&manager, RecordEvent::SendForApproval, RecordKind::Contract);
    assert_eq!(
        contract.sql(Dialect::Postgres).to_string(),
        "(kind = 'contract' AND state = 'draft' AND has_document)"
    );
    assert_eq!(contract.sql(Dialect::Postgres).params().len(), 0);
    assert_eq!(contract.sql(Dialect::MySql).params().len(), 0);
}

/// Issue 20: every condition rendered for MySQL's positional `?` has exactly as
/// many placeholders as `params()` yields values, for every role set and
/// operation; for SQLite and PostgreSQL the one numbered placeholder appears if
/// and only if `params()` yields the user.
#[test]
fn params_match_the_placeholders_for_every_role_set_operation_and_dialect() {
    use filter_space::{queries, record_rows, task_rows};
    let tasks = task_rows();
    let records = record_rows(1);
    let mut none = 0;
    for (dialect, placeholder) in [
        (Dialect::MySql, "?"),
        (Dialect::Sqlite, "?1"),
        (Dialect::Postgres, "$1"),
    ] {
        for query in queries(dialect, &tasks, &records) {
            let uses = query.condition.matches(placeholder).count();
            let expected = if dialect == Dialect::MySql {
                uses
            } else {
                uses.min(1)
            };
            assert_eq!(
                query.params, expected,
                "{}: {}",
                query.label, query.condition
            );
            none += usize::from(uses == 0);
        }
    }
    assert!(none > 1_000, "{none} conditions without the user");
}

/// Issue 20: a record filter names its kind where the table has a kind column (the
/// default), so on one table of several kinds a plain agent's contracts are
/// contracts; without one it does not.
#[test]
fn a_record_filter_names_its_kind_unless_the_table_has_no_kind_column() {
    let agent = Subject::new(ME, Role::Agent);
    let contracts = filter::records(&agent, Action::Read, RecordKind::Contract);
    let sql = contracts.sql(Dialect::Postgres);
    assert!(
        sql.to_string().starts_with("(kind = 'contract' AND "),
        "{sql}"
    );
    let sql = sql.columns(Columns::DEFAULT.kind("r.record_kind")).unwrap();
    assert!(
        sql.to_string()
            .starts_with("(r.record_kind = 'contract' AND "),
        "{sql}"
    );
    let sql = sql.columns(Columns::DEFAULT.without_kind()).unwrap();
    assert!(!sql.to_string().contains("kind"), "{sql}");
    // A task filter needs its kind column.
    let tasks = filter::tasks(&agent, Action::Read).sql(Dialect::Postgres);
    let err = tasks.columns(Columns::DEFAULT.without_kind()).unwrap_err();
    assert_eq!(
        (err.field(), err.problem()),
        (Field::Kind, Problem::Missing)
    );
}

/// Issue 20: slices of different lengths are an error that says which, and nothing
/// is written.
#[test]
fn batch_forms_refuse_slices_of_different_lengths() {
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let filter = filter::tasks(&specialist, Action::Update);
    let tasks = vec![Task::new(TaskKind::Inventory, TaskState::Registered); 3];
    for len in [0, 2, 4] {
        let mut out = vec![false; len];
        let err = filter.matches_each(&tasks, &mut out).unwrap_err();
        assert_eq!((err.slice(), err.len(), err.expected()), ("out", len, 3));
        assert_eq!(err.is_empty(), len == 0);
        assert!(out.iter().all(|&y| !y), "nothing written");
    }
    let mut out = [false; 3];
    assert_eq!(filter.matches_each(&tasks, &mut out), Ok(3));
    let kinds = [TaskKind::Inventory; 3];
    let states = [TaskState::Registered; 3];
    let assignees = [None, Some(ME), Some(OTHER)];
    let short_states = TaskColumns {
        kinds: &kinds,
        states: &states[..2],
        assignees: &assignees,
    };
    let err = filter.matches_columns(short_states, &mut out).unwrap_err();
    assert_eq!((err.slice(), err.len(), err.expected()), ("states", 2, 3));
    assert_eq!(
        err.to_string(),
        "states has 2 entries for 3 items: one entry an item is needed"
    );
    assert!(filter.allowed_in_columns(short_states).is_err());
    let short_assignees = TaskColumns {
        kinds: &kinds,
        states: &states,
        assignees: &assignees[..1],
    };
    let err = filter
        .matches_columns(short_assignees, &mut out)
        .unwrap_err();
    assert_eq!(
        (err.slice(), err.len(), err.expected()),
        ("assignees", 1, 3)
    );
    let full = TaskColumns {
        kinds: &kinds,
        states: &states,
        assignees: &assignees,
    };
    let mut long = [true; 4];
    let err = filter.matches_columns(full, &mut long).unwrap_err();
    assert_eq!((err.slice(), err.len(), err.expected()), ("out", 4, 3));
    assert_eq!(long, [true; 4], "nothing written");
    assert_eq!(full.checked_len(), Ok(3));
    assert_eq!(filter.matches_columns(full, &mut out), Ok(3));
    let approver = Subject::new(ME, Role::ContractApprover);
    let records = filter::records(&approver, RecordEvent::Approve, RecordKind::Contract);
    let contracts = vec![
        Record::new(ContractState::Approval)
            .created_by(OTHER)
            .submitted_by(OTHER);
        2
    ];
    let mut out = [false; 1];
    let err = records.matches_each(&contracts, &mut out).unwrap_err();
    assert_eq!((err.slice(), err.len(), err.expected()), ("out", 1, 2));
    let mut out = [false; 2];
    assert_eq!(records.matches_each(&contracts, &mut out), Ok(2));
    assert_eq!(records.allowed(&contracts).collect::<Vec<_>>(), [0, 1]);
}

/// Issue 20: column names and placeholders are checked; the allowed forms pass.
#[test]
fn plain_identifiers_pass_and_hostile_ones_are_typed_errors() {
    let agent = Subject::new(ME, Role::Agent);
    let sql = filter::tasks(&agent, Action::Read).sql(Dialect::Sqlite);
    for good in [
        "kind",
        "t.kind",
        "app.t.kind",
        "_k",
        "K_2",
        "kind_kind",
        &"k".repeat(63),
    ] {
        assert!(sql.columns(Columns::DEFAULT.kind(good)).is_ok(), "{good}");
    }
    let cases: &[(&str, Problem)] = &[
        ("", Problem::Empty),
        (
            "kind IS NOT NULL OR kind",
            Problem::Character { found: ' ', at: 4 },
        ),
        ("kind\"", Problem::Character { found: '"', at: 4 }),
        ("k'", Problem::Character { found: '\'', at: 1 }),
        ("`kind`", Problem::Character { found: '`', at: 0 }),
        ("kind;", Problem::Character { found: ';', at: 4 }),
        ("kind--", Problem::Character { found: '-', at: 4 }),
        ("kind/*", Problem::Character { found: '/', at: 4 }),
        ("kïnd", Problem::Character { found: 'ï', at: 1 }),
        ("1kind", Problem::LeadingDigit { at: 0 }),
        ("t.1", Problem::LeadingDigit { at: 2 }),
        (".kind", Problem::EmptyPart { at: 0 }),
        ("t..kind", Problem::EmptyPart { at: 2 }),
        ("kind.", Problem::EmptyPart { at: 5 }),
        ("a.b.c.d", Problem::TooManyParts),
        ("OR", Problem::Reserved { word: "OR" }),
        ("true", Problem::Reserved { word: "TRUE" }),
        ("t.Null", Problem::Reserved { word: "NULL" }),
        (
            "current_user",
            Problem::Reserved {
                word: "CURRENT_USER",
            },
        ),
    ];
    for (name, problem) in cases {
        for (columns, field) in [
            (Columns::DEFAULT.kind(name), Field::Kind),
            (Columns::DEFAULT.state(name), Field::State),
            (Columns::DEFAULT.assigned_to(name), Field::AssignedTo),
            (Columns::DEFAULT.created_by(name), Field::CreatedBy),
            (
                Columns::DEFAULT.created_by_system(name),
                Field::CreatedBySystem,
            ),
            (Columns::DEFAULT.has_document(name), Field::HasDocument),
            (Columns::DEFAULT.submitted_by(name), Field::SubmittedBy),
        ] {
            let err = sql.columns(columns).unwrap_err();
            assert_eq!((err.field(), err.problem()), (field, *problem), "{name:?}");
            assert_eq!(columns.check(), Err(err));
            assert!(err
                .to_string()
                .starts_with(&format!("column {} refused: ", field.name())));
        }
    }
    let long = "k".repeat(64);
    let err = sql.columns(Columns::DEFAULT.kind(&long)).unwrap_err();
    assert_eq!(err.problem(), Problem::TooLong { len: 64 });
    assert_eq!(
        err.to_string(),
        "column kind refused: a part is 64 bytes long, longer than 63"
    );
    for (dialect, good, bad) in [
        (
            Dialect::Sqlite,
            &["?", "?1", "?32766", ":user", "@user"][..],
            &[
                "$1",
                "?0",
                "?01",
                "?32767",
                "?+1",
                ":",
                ":1u",
                "?1 OR 1=1",
                "? ",
                ":user;",
            ][..],
        ),
        (
            Dialect::Postgres,
            &["$1", "$2", "$32766"],
            &[
                "?", "?1", "$0", "$", "$+1", "$1a", "$32767", ":user", "$1--",
            ],
        ),
        (Dialect::MySql, &["?"], &["?1", "$1", ":user", "??"]),
    ] {
        let sql = filter::tasks(&agent, Action::Read).sql(dialect);
        for p in good {
            assert!(sql.placeholder(p).is_ok(), "{dialect:?} {p}");
        }
        for p in bad {
            let err = sql.placeholder(p).unwrap_err();
            assert_eq!(err.field(), Field::Placeholder, "{p}");
            assert_eq!(err.problem(), Problem::Placeholder { dialect }, "{p}");
            assert!(err
                .to_string()
                .starts_with("placeholder refused: it is not a placeholder of "));
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4_000))]

    /// Issue 20: a name with anything but identifier characters and dots, or a
    /// keyword, is a typed error naming its field, never SQL; a name that passes
    /// is made of plain identifier parts only and appears in the SQL as given.
    #[test]
    fn hostile_column_names_are_typed_errors(
        name in proptest::prop_oneof![
            "[a-z_]{1,8}( OR | AND |;|--|/\\*|'|\"|`| |\\(|\\)|=|<|>|\\|\\|)[a-z_ 0-9'\"]{0,8}",
            "[ -~]{0,20}",
            "\\PC{0,12}",
            "([A-Za-z_][A-Za-z0-9_]{0,5}\\.){0,4}[A-Za-z_][A-Za-z0-9_]{0,5}",
            proptest::sample::select(filter::RESERVED).prop_map(|w: &str| w.to_lowercase()),
        ],
        field in 0_usize..7,
    ) {
        use proptest::prelude::*;
        let agent = Subject::new(ME, Role::Agent);
        let sql = filter::records(&agent, Action::Read, RecordKind::Contract).sql(Dialect::Sqlite);
        let d = Columns::DEFAULT;
        let (columns, want) = [
            (d.kind(&name), Field::Kind),
            (d.state(&name), Field::State),
            (d.assigned_to(&name), Field::AssignedTo),
            (d.created_by(&name), Field::CreatedBy),
            (d.created_by_system(&name), Field::CreatedBySystem),
            (d.has_document(&name), Field::HasDocument),
            (d.submitted_by(&name), Field::SubmittedBy),
        ][field];
        let parts: Vec<&str> = name.split('.').collect();
        let plain = parts.len() <= 3 && parts.iter().all(|p| {
            p.len() <= 63
                && p.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !filter::RESERVED.iter().any(|w| w.eq_ignore_ascii_case(p))
        });
        match sql.columns(columns) {
            Ok(sql) => {
                prop_assert!(plain, "{name:?} passed");
                let _ = sql.to_string();
            }
            Err(err) => {
                prop_assert!(!plain, "{name:?} refused: {err}");
                prop_assert_eq!(err.field(), want);
            }
        }
    }

    /// Issue 20: a placeholder is one of the dialect's forms or a typed error.
    #[test]
    fn hostile_placeholders_are_typed_errors(
        p in proptest::prop_oneof!["[?$:@][ -~]{0,8}", "\\PC{0,6}", "[?$][1-9][0-9]{0,5}"],
    ) {
        use proptest::prelude::*;
        let agent = Subject::new(ME, Role::OperationSpecialist);
        for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::MySql] {
            let sql = filter::tasks(&agent, Action::Update).sql(dialect);
            let number = |s: &str| !s.starts_with('0')
                && s.bytes().all(|b| b.is_ascii_digit())
                && s.parse::<u32>().is_ok_and(|n| (1..=32_766).contains(&n));
            let ident = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && s.len() <= 63;
            let valid = match dialect {
                Dialect::Sqlite => p == "?"
                    || p.strip_prefix('?').is_some_and(number)
                    || p.strip_prefix(':').is_some_and(ident)
                    || p.strip_prefix('@').is_some_and(ident),
                Dialect::Postgres => p.strip_prefix('$').is_some_and(number),
                _ => p == "?",
            };
            match sql.placeholder(&p) {
                Ok(sql) => {
                    prop_assert!(valid, "{p:?} passed for {dialect:?}");
                    prop_assert!(sql.to_string().contains(p.as_str()));
                }
                Err(err) => {
                    prop_assert!(!valid, "{p:?} refused for {dialect:?}");
                    prop_assert_eq!(err.field(), Field::Placeholder);
                }
            }
        }
    }
}

#[test]
fn filters_derive_from_roles_not_from_the_user_id() {
    // The same roles give the same predicate whatever the id type.
    let by_number = Subject::new(7_u64, Role::ProcessManager);
    let by_name = Subject::new("k.ivanova", Role::ProcessManager);
    let a = filter::tasks(&by_number, Action::Update);
    let b = filter::tasks(&by_name, Action::Update);
    assert_eq!(a.to_string(), b.to_string());
    assert!(a.groups().eq(b.groups()));
    assert!(b.matches(
        &Task::new(TaskKind::ChangeOfResponsible, TaskState::Registered).assigned_to("k.ivanova")
    ));
    assert!(!b.matches(
        &Task::new(TaskKind::ChangeOfResponsible, TaskState::Registered).assigned_to("a.petrov")
    ));
}

#[cfg(feature = "serde")]
#[test]
fn the_data_form_serializes_with_system_names() {
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let json = serde_json::to_value(filter::tasks(&specialist, Action::Update)).unwrap();
    assert_eq!(json["action"], "update");
    assert_eq!(json["exact"], true);
    assert_eq!(json["groups"][0]["kinds"], serde_json::json!(["inventory"]));
    assert_eq!(json["groups"][0]["person"], serde_json::json!([]));
    assert_eq!(
        json["groups"][1]["person"],
        serde_json::json!(["assignee_is_user"])
    );
    assert_eq!(json["groups"][1]["states"].as_array().unwrap().len(), 7);
    let approver = Subject::new(ME, Role::DemandApprover);
    let json = serde_json::to_value(filter::records(
        &approver,
        RecordEvent::Approve,
        RecordKind::Demand,
    ))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "kind": "demand",
            "operation": "approve",
            "groups": [{
                "states": ["pending_approval"],
                "person": ["assignee_is_not_user", "creator_is_not_user", "submitter_is_not_user"],
            }],
            "exact": true,
        })
    );
}

#[test]
fn person_clauses_have_system_names_and_words() {
    assert_eq!(PersonClause::ALL.len(), 6);
    for &clause in PersonClause::ALL {
        assert_eq!(clause.name().parse::<PersonClause>().unwrap(), clause);
        assert!(!clause.describe().is_empty());
    }
    let four_eyes =
        PersonClauses::only(PersonClause::AssigneeIsNot).and(PersonClause::CreatorIsNot);
    assert_eq!(
        four_eyes.to_string(),
        "not assigned to the user and created by someone other than the user, or by the system"
    );
    assert_eq!(PersonClauses::ANYONE.to_string(), "anyone");
    assert_eq!(four_eyes.iter().count(), 2);
}

/// README.md's "List views" shows the SQL of an operation specialist's update: it is
/// what the code writes, so the two cannot drift apart.
#[test]
fn readme_shows_the_sql_the_code_writes_for_a_specialist() {
    let readme = include_str!("../README.md");
    let marker = "<!-- The SQL of filter::tasks(&specialist, Action::Update);";
    let after = &readme[readme.find(marker).expect("the README marker")..];
    let block = &after[after.find("```sql\n").expect("the sql block") + "```sql\n".len()..];
    let block = &block[..block.find("\n```").expect("the end of the sql block")];
    let specialist = Subject::new(7_i64, Role::OperationSpecialist);
    let sql = format!(
        "{:#}",
        filter::tasks(&specialist, Action::Update).sql(Dialect::Postgres)
    );
    assert_eq!(block, sql, "README.md's SQL is not what the code writes");
}

/// What an error says, word for word, and the small accessors a host reads.
#[test]
fn errors_say_what_was_wrong() {
    let agent = Subject::new(ME, Role::Agent);
    let sql = filter::tasks(&agent, Action::Read).sql(Dialect::Postgres);
    assert_eq!(sql.dialect(), Dialect::Postgres);
    let said = |columns: Columns<'_>| sql.columns(columns).unwrap_err().to_string();
    let d = Columns::DEFAULT;
    assert_eq!(said(d.state("")), "column state refused: it is empty");
    assert_eq!(
        said(d.without_kind()),
        "column kind refused: a task filter needs a kind column"
    );
    assert_eq!(
        said(d.assigned_to("t.9")),
        "column assigned_to refused: a part starts with a digit at byte 2"
    );
    assert_eq!(
        said(d.created_by("t..c")),
        "column created_by refused: an empty part at byte 2"
    );
    assert_eq!(
        said(d.created_by_system("a.b.c.d")),
        "column created_by_system refused: it has more than three parts"
    );
    assert_eq!(
        said(d.has_document("TRUE")),
        "column has_document refused: TRUE is an SQL keyword"
    );
    assert_eq!(
        said(d.submitted_by("s'")),
        "column submitted_by refused: '\\'' at byte 1 is not an identifier character"
    );
    let err = |dialect, p| {
        filter::tasks(&agent, Action::Read)
            .sql(dialect)
            .placeholder(p)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(Dialect::Postgres, "?"),
        "placeholder refused: it is not a placeholder of PostgreSQL: $N (N from 1 to 32766)"
    );
    assert_eq!(
        err(Dialect::Sqlite, "$1"),
        "placeholder refused: it is not a placeholder of SQLite: ?, ?N, :name or @name \
         (N from 1 to 32766)"
    );
    assert_eq!(
        err(Dialect::MySql, "?1"),
        "placeholder refused: it is not a placeholder of MySQL: ?"
    );
    let fields = [
        (Field::Kind, "kind"),
        (Field::State, "state"),
        (Field::AssignedTo, "assigned_to"),
        (Field::CreatedBy, "created_by"),
        (Field::CreatedBySystem, "created_by_system"),
        (Field::HasDocument, "has_document"),
        (Field::SubmittedBy, "submitted_by"),
        (Field::Placeholder, "placeholder"),
    ];
    for (field, name) in fields {
        assert_eq!((field.name(), field.to_string().as_str()), (name, name));
    }
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let updatable = filter::tasks(&specialist, Action::Update);
    let sql = updatable.sql(Dialect::MySql);
    assert_eq!(format!("{:?}", sql.params()), "[1]");
    let mut params = sql.params();
    assert_eq!(params.size_hint(), (1, Some(1)));
    assert_eq!(params.next(), Some(&ME));
    assert_eq!(
        (params.next(), params.next(), params.len()),
        (None, None, 0)
    );
    let debug = format!("{sql:?}");
    assert!(debug.starts_with("Sql { user: 1, "), "{debug}");
    assert!(
        debug.contains("dialect: MySql, placeholder: \"?\""),
        "{debug}"
    );
}
