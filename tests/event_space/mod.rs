//! The space the workflow event filters are checked over, shared by
//! `tests/workflow/event_filter.rs`, `hosts/tests/sql/event_sqlite.rs` and
//! `hosts/tests/sql/event_postgres.rs`: the role sets, and every task of the space
//! (kind × state × assigned user × creator × created by the system × submitter ×
//! every set of [`Relations`]).
//!
//! Role sets: every subset of the workflow roles below (the four the workflow
//! names, and three that must not matter), checked once per distinct effective set.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: each test crate uses part of the space"
)]

use std::collections::BTreeSet;

use itam_rbac::workflow::{Relations, TaskEvent};
use itam_rbac::{Role, Roles, Subject, Task, TaskKind, TaskState};

/// The user every filter is for.
pub const ME: i64 = 1;
/// Someone else.
pub const OTHER: i64 = 2;
/// Someone else again.
pub const THIRD: i64 = 3;

/// The roles whose every subset is checked.
pub const WORKFLOW_ROLES: [Role; 7] = [
    Role::Agent,
    Role::Responsible,
    Role::OperationSpecialist,
    Role::ProcessManager,
    Role::ContractManager,
    Role::Admin,
    Role::EndpointUser,
];

/// Every subset of [`WORKFLOW_ROLES`], one per distinct effective role set.
pub fn role_sets() -> Vec<Roles> {
    let mut seen = BTreeSet::new();
    let mut sets = Vec::new();
    for mask in 0_u32..1 << WORKFLOW_ROLES.len() {
        let roles: Roles = WORKFLOW_ROLES
            .iter()
            .enumerate()
            .filter(|(i, _)| mask >> i & 1 != 0)
            .map(|(_, &r)| r)
            .collect();
        if seen.insert(roles.effective().bits()) {
            sets.push(roles);
        }
    }
    sets
}

/// The assigned users of the space.
pub const ASSIGNEES: [Option<i64>; 3] = [None, Some(ME), Some(OTHER)];
/// The creators of the space.
pub const CREATORS: [Option<i64>; 4] = [None, Some(ME), Some(OTHER), Some(THIRD)];
/// The submitters of the space.
pub const SUBMITTERS: [Option<i64>; 4] = [None, Some(ME), Some(OTHER), Some(THIRD)];

/// Every task of the space: kind × state × assignee × creator × system ×
/// submitter (the relations apart).
pub fn tasks() -> Vec<Task<i64>> {
    let mut tasks = Vec::new();
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            for assignee in ASSIGNEES {
                for creator in CREATORS {
                    for system in [false, true] {
                        for submitter in SUBMITTERS {
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
                            if let Some(id) = submitter {
                                task = task.submitted_by(id);
                            }
                            tasks.push(task);
                        }
                    }
                }
            }
        }
    }
    tasks
}

/// Every set of the six relation flags.
pub fn relation_sets() -> impl Iterator<Item = Relations> {
    (0_u8..64).map(Relations::from_bits_truncate)
}

/// The subject of a role set.
pub fn subject(roles: Roles) -> Subject<i64> {
    Subject::new(ME, roles)
}

/// Every event.
pub const EVENTS: &[TaskEvent] = TaskEvent::ALL;

/// One stored task row: its columns as SQL values (`None` is `NULL`), and the
/// task and relations the decision is asked about (`None`: a corrupt row no
/// filter may return).
#[derive(Debug, Clone)]
pub struct Row {
    /// The id.
    pub id: i64,
    /// The kind column.
    pub kind: Option<String>,
    /// The state column.
    pub state: Option<String>,
    /// The assigned user.
    pub assigned_to: Option<i64>,
    /// The creator.
    pub created_by: Option<i64>,
    /// Created by the system.
    pub created_by_system: bool,
    /// The submitter.
    pub submitted_by: Option<i64>,
    /// The assignment group.
    pub assignment_group: Option<i64>,
    /// The files-attached column, as SQL text (`1`, `0`, `NULL`, `'x'`).
    pub files: &'static str,
    /// The task and the user's relations to it, or `None` for a corrupt row.
    pub decided: Option<(Task<i64>, Relations)>,
}

/// The link rows: (table, key, user).
pub type LinkRow = (&'static str, i64, Option<i64>);

/// The group the user (and someone else) belongs to.
pub const MY_GROUP: i64 = 10;
/// Groups the user does not belong to: someone else's, and an empty one.
pub const OTHER_GROUPS: [i64; 2] = [20, 30];

/// The group membership rows: (group, user).
pub const MEMBERS: [(i64, Option<i64>); 4] = [
    (MY_GROUP, Some(ME)),
    (MY_GROUP, Some(OTHER)),
    (20, Some(OTHER)),
    (20, None),
];

/// The stored tasks: every task of the space (creators and submitters: unknown,
/// the user, someone else) × every set of the five deciding relation flags (with
/// `ALL_APPROVED` by the id's parity), written in the three ways a relation can be
/// absent (`NULL`, someone else, nothing); plus corrupt rows (kind or state in
/// the wrong case, unknown or `NULL`) that must never pass. Returns the rows and
/// the link rows (`task_assets`, `task_approvers`, `task_committee`).
pub fn rows() -> (Vec<Row>, Vec<LinkRow>) {
    let mut rows = Vec::new();
    let mut links = Vec::new();
    let mut id = 0_i64;
    for task in tasks() {
        if task.creator == Some(THIRD) || task.submitter == Some(THIRD) {
            continue;
        }
        for flags in 0_u8..32 {
            id += 1;
            let mut relations = Relations::from_bits_truncate(flags);
            if id % 2 == 0 {
                relations |= Relations::ALL_APPROVED;
            }
            let variant = usize::try_from(id % 3).unwrap();
            let has = |flag| relations.contains(flag);
            let group = if has(Relations::IN_ASSIGNMENT_GROUP) {
                Some(MY_GROUP)
            } else {
                [None, Some(OTHER_GROUPS[0]), Some(OTHER_GROUPS[1])][variant]
            };
            for (table, flag) in [
                ("task_assets", Relations::ASSET_RESPONSIBLE),
                ("task_approvers", Relations::ADDED_APPROVER),
                ("task_committee", Relations::COMMITTEE_MEMBER),
            ] {
                if has(flag) {
                    links.push((table, id, Some(ME)));
                    if id % 2 == 1 {
                        links.push((table, id, Some(THIRD)));
                    }
                } else if variant == 1 {
                    links.push((table, id, Some(OTHER)));
                } else if variant == 2 {
                    links.push((table, id, None));
                }
            }
            let files = if has(Relations::FILES_ATTACHED) {
                ["1", "NULL", "'x'"][variant]
            } else {
                "0"
            };
            rows.push(Row {
                id,
                kind: Some(task.kind.name().to_owned()),
                state: Some(task.state.name().to_owned()),
                assigned_to: task.assignee,
                created_by: task.creator,
                created_by_system: task.created_by_system,
                submitted_by: task.submitter,
                assignment_group: group,
                files,
                decided: Some((task.clone(), relations)),
            });
            // Corrupt copies of a row every relation allows: never returned.
            if flags == 15 && task.assignee == Some(OTHER) && task.creator == Some(OTHER) {
                let corrupt = [
                    (
                        Some(task.kind.name().to_uppercase()),
                        Some(task.state.name().to_owned()),
                    ),
                    (None, Some(task.state.name().to_owned())),
                    (
                        Some(task.kind.name().to_owned()),
                        Some(task.state.name().to_uppercase()),
                    ),
                    (Some(task.kind.name().to_owned()), None),
                    (Some("bogus".to_owned()), Some(task.state.name().to_owned())),
                ];
                for (kind, state) in corrupt {
                    id += 1;
                    for table in ["task_assets", "task_approvers", "task_committee"] {
                        links.push((table, id, Some(ME)));
                    }
                    rows.push(Row {
                        id,
                        kind,
                        state,
                        assigned_to: task.assignee,
                        created_by: task.creator,
                        created_by_system: task.created_by_system,
                        submitted_by: task.submitter,
                        assignment_group: Some(MY_GROUP),
                        files: "0",
                        decided: None,
                    });
                }
            }
        }
    }
    (rows, links)
}

/// The ids `validate` allows for `roles` and `event`, sorted.
pub fn expected(rows: &[Row], roles: Roles, event: TaskEvent) -> Vec<i64> {
    let user = subject(roles);
    rows.iter()
        .filter(|row| {
            row.decided.as_ref().is_some_and(|(task, relations)| {
                itam_rbac::workflow::validate(&user, task, *relations, event).is_ok()
            })
        })
        .map(|row| row.id)
        .collect()
}

/// The host tables of the test databases.
pub fn host_tables() -> itam_rbac::filter::HostTables<'static> {
    use itam_rbac::filter::{Files, HostTables, Link};
    HostTables::new("tasks", "id")
        .groups(
            "assignment_group",
            Link::new("group_members", "group_id", "user_id"),
        )
        .asset_responsibles(Link::new("task_assets", "task_id", "responsible_id"))
        .approvers(Link::new("task_approvers", "task_id", "user_id"))
        .committee(Link::new("task_committee", "task_id", "user_id"))
        .files(Files::Column("files_attached"))
}

/// The tables' DDL (portable: SQLite and PostgreSQL), `boolean` the type of flags.
pub const SCHEMA: &str = "\
CREATE TABLE tasks (id BIGINT PRIMARY KEY, kind TEXT, state TEXT, assigned_to BIGINT, \
created_by BIGINT, created_by_system BOOLEAN NOT NULL, submitted_by BIGINT, \
assignment_group BIGINT, files_attached BOOLEAN);
CREATE TABLE group_members (group_id BIGINT, user_id BIGINT);
CREATE TABLE task_assets (task_id BIGINT, responsible_id BIGINT);
CREATE TABLE task_approvers (task_id BIGINT, user_id BIGINT);
CREATE TABLE task_committee (task_id BIGINT, user_id BIGINT);
";

/// SQL text of an optional value.
pub fn sql_value<T: std::fmt::Display>(value: Option<T>, quote: bool) -> String {
    match value {
        None => "NULL".to_owned(),
        Some(v) if quote => format!("'{v}'"),
        Some(v) => v.to_string(),
    }
}

/// `INSERT` statements for every row, `per` rows a statement; `files` maps the
/// files column's SQL text to the dialect's.
pub fn inserts(rows: &[Row], links: &[LinkRow], files: impl Fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in rows.chunks(500) {
        let values: Vec<String> = chunk
            .iter()
            .map(|r| {
                format!(
                    "({}, {}, {}, {}, {}, {}, {}, {}, {})",
                    r.id,
                    sql_value(r.kind.as_deref(), true),
                    sql_value(r.state.as_deref(), true),
                    sql_value(r.assigned_to, false),
                    sql_value(r.created_by, false),
                    if r.created_by_system { "TRUE" } else { "FALSE" },
                    sql_value(r.submitted_by, false),
                    sql_value(r.assignment_group, false),
                    files(r.files),
                )
            })
            .collect();
        out.push(format!("INSERT INTO tasks VALUES {};", values.join(", ")));
    }
    for table in ["task_assets", "task_approvers", "task_committee"] {
        let mine: Vec<&LinkRow> = links.iter().filter(|l| l.0 == table).collect();
        for chunk in mine.chunks(1000) {
            let values: Vec<String> = chunk
                .iter()
                .map(|(_, task, user)| format!("({task}, {})", sql_value(*user, false)))
                .collect();
            out.push(format!("INSERT INTO {table} VALUES {};", values.join(", ")));
        }
    }
    let members: Vec<String> = MEMBERS
        .iter()
        .map(|(g, u)| format!("({g}, {})", sql_value(*u, false)))
        .collect();
    out.push(format!(
        "INSERT INTO group_members VALUES {};",
        members.join(", ")
    ));
    out
}
