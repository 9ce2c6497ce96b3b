//! The workflow event filters, exhaustively in memory: for every role set of the
//! workflow roles × event × kind × state × assigned user × creator × submitter ×
//! every set of relations and facts, the filter matches exactly when
//! `workflow::validate` allows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use crate::event_space::{relation_sets, role_sets, subject, tasks, EVENTS};
use itam_rbac::filter::{
    self, Columns, Dialect, Files, HostTables, Link, PersonClause, RelationClause, TableField,
    TablesError,
};
use itam_rbac::workflow::{validate, Relations, TaskEvent};
use itam_rbac::{Role, Roles, Subject, Task, TaskKind, TaskState};

#[test]
fn matches_is_validate_everywhere() {
    let tasks = tasks();
    let mut checked = 0_u64;
    let mut allowed = 0_u64;
    for roles in role_sets() {
        let user = subject(roles);
        for &event in EVENTS {
            let filter = filter::task_events(&user, event);
            assert!(filter.is_exact(), "{roles:?} {event}: {filter}");
            for task in &tasks {
                for relations in relation_sets() {
                    let expected = validate(&user, task, relations, event).is_ok();
                    assert_eq!(
                        filter.matches(task, relations),
                        expected,
                        "{roles:?} {event} {task:?} {relations:?}: {filter}"
                    );
                    checked += 1;
                    allowed += u64::from(expected);
                }
            }
        }
    }
    assert!(allowed > 0);
    println!("{checked} cases, {allowed} allowed");
}

#[test]
fn groups_never_overlap_and_say_the_filter() {
    let tasks = tasks();
    for roles in role_sets() {
        let user = subject(roles);
        for &event in EVENTS {
            let filter = filter::task_events(&user, event);
            let groups: Vec<_> = filter.groups().collect();
            assert_eq!(groups.is_empty(), filter.is_empty());
            for task in &tasks {
                for relations in relation_sets() {
                    let passing = groups
                        .iter()
                        .filter(|g| {
                            g.kinds.contains(task.kind)
                                && g.states.contains(task.state)
                                && g.relations.holds(relations)
                                && g.person.iter().all(|c| person_holds(c, task))
                        })
                        .count();
                    assert!(passing <= 1, "{roles:?} {event}: overlapping groups");
                    assert_eq!(passing == 1, filter.matches(task, relations));
                }
            }
        }
    }
}

/// A person clause, read from its definition.
fn person_holds(clause: PersonClause, task: &Task<i64>) -> bool {
    let me = crate::event_space::ME;
    match clause {
        PersonClause::AssigneeIs => task.assignee == Some(me),
        PersonClause::AssigneeIsNot => task.assignee != Some(me),
        PersonClause::CreatorIsNot => task.creator.map_or(task.created_by_system, |c| c != me),
        PersonClause::SubmitterIsNot => task.submitter.is_some_and(|s| s != me),
        PersonClause::SubmitterNotUser => task.submitter != Some(me),
        PersonClause::HasDocument => false,
    }
}

#[test]
fn a_keepers_inbox_in_words() {
    let keeper = Subject::new(9_i64, Role::Responsible);
    let inbox = filter::task_events(&keeper, TaskEvent::Approve);
    println!("{inbox}");
    for g in inbox.groups() {
        println!("  {g}");
    }
    let text = inbox.to_string();
    assert!(text.starts_with("approve on tasks: "), "{text}");
    assert!(inbox
        .groups()
        .all(|g| g.states.iter().eq([TaskState::PendingApproval])));
    // Registration and inventory have no approval.
    assert!(inbox.groups().all(
        |g| !g.kinds.contains(TaskKind::Registration) && !g.kinds.contains(TaskKind::Inventory)
    ));
    // Four eyes in every group.
    for g in inbox.groups() {
        assert!(g.person.contains(PersonClause::AssigneeIsNot));
        assert!(g.person.contains(PersonClause::CreatorIsNot));
        assert!(g.person.contains(PersonClause::SubmitterIsNot));
    }
    // The committee only on decommissioning.
    for g in inbox.groups() {
        if g.relations.contains(RelationClause::CommitteeMember) {
            assert!(g.kinds.iter().eq([TaskKind::Decommissioning]));
        }
    }
}

#[test]
fn a_specialists_start_work_and_a_plain_agent() {
    let specialist = Subject::new(7_i64, Role::OperationSpecialist);
    let start = filter::task_events(&specialist, TaskEvent::StartWork);
    for g in start.groups() {
        println!("  {g}");
    }
    let task = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(8);
    assert!(start.matches(&task, Relations::IN_ASSIGNMENT_GROUP));
    assert!(!start.matches(&task, Relations::empty()));
    let agent = Subject::new(7_i64, Role::Agent);
    for &event in TaskEvent::ALL {
        let filter = filter::task_events(&agent, event);
        let approves = matches!(event, TaskEvent::Approve | TaskEvent::Reject);
        assert_eq!(filter.is_empty(), !approves, "{event}: {filter}");
    }
    let nobody = Subject::new(7_i64, Roles::empty());
    for &event in TaskEvent::ALL {
        let filter = filter::task_events(&nobody, event);
        assert!(filter.is_empty());
        assert_eq!(filter.to_string(), format!("{event} on tasks: no task"));
    }
}

#[cfg(feature = "serde")]
#[test]
fn serializes_as_data() {
    let keeper = Subject::new(9_i64, Role::Responsible);
    let inbox = filter::task_events(&keeper, TaskEvent::Reject);
    let json = serde_json::to_value(&inbox).unwrap();
    assert_eq!(json["event"], "reject");
    assert_eq!(json["exact"], true);
    let first = &json["groups"][0];
    assert_eq!(first["states"], serde_json::json!(["pending_approval"]));
    assert!(first["relations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "added_approver" || r == "asset_responsible" || r == "committee_member"));
    assert!(first["person"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("assignee_is_not_user")));
}

/// Whether `name` is one identifier part the crate writes.
fn is_part(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= filter::MAX_IDENTIFIER
        && !filter::RESERVED
            .iter()
            .any(|w| w.eq_ignore_ascii_case(name))
}

/// The host tables of the tests, one name replaced by `name`: which field.
fn with_name(field: usize, name: &str) -> (HostTables<'_>, TableField, bool) {
    let base = HostTables::new("tasks", "id")
        .groups(
            "assignment_group",
            Link::new("group_members", "group_id", "user_id"),
        )
        .asset_responsibles(Link::new("task_assets", "task_id", "responsible_id"))
        .approvers(Link::new("task_approvers", "task_id", "user_id"))
        .committee(Link::new("task_committee", "task_id", "user_id"))
        .files(Files::Column("files_attached"));
    let table_ok = name.split('.').count() <= 2 && name.split('.').all(is_part);
    match field % 8 {
        0 => (
            HostTables {
                tasks: name,
                ..base
            },
            TableField::Tasks,
            table_ok,
        ),
        1 => (
            HostTables { id: name, ..base },
            TableField::Id,
            is_part(name),
        ),
        2 => (
            base.columns(Columns::DEFAULT.state(name)),
            TableField::State,
            is_part(name),
        ),
        3 => (
            base.columns(Columns::DEFAULT.assigned_to(name)),
            TableField::AssignedTo,
            is_part(name),
        ),
        4 => (
            base.groups(name, Link::new("group_members", "group_id", "user_id")),
            TableField::AssignmentGroup,
            is_part(name),
        ),
        5 => (
            base.groups(
                "assignment_group",
                Link::new("group_members", "group_id", name),
            ),
            TableField::Members,
            is_part(name),
        ),
        6 => (
            base.approvers(Link::new(name, "task_id", "user_id")),
            TableField::Approvers,
            table_ok,
        ),
        _ => (
            base.files(Files::Column(name)),
            TableField::FilesColumn,
            is_part(name),
        ),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

    #[test]
    fn hostile_names_are_refused_with_their_field(
        name in "(\\PC{0,12}|[a-z_]{1,8}(\\.[a-z_]{1,8}){0,3}|(id|tasks|x)[ ;'\"-]{1,3}(OR|DROP|--)?.{0,6})",
        field in 0_usize..8,
    ) {
        let (tables, expected, ok) = with_name(field, &name);
        match tables.check() {
            Ok(()) => proptest::prop_assert!(ok, "accepted {name:?} as {expected}"),
            Err(TablesError::Name { field, .. }) => {
                proptest::prop_assert!(!ok, "refused {name:?} as {expected}");
                proptest::prop_assert_eq!(field, expected);
            }
            Err(e) => proptest::prop_assert!(false, "{e}"),
        }
        let manager = Subject::new(1_i64, Role::ProcessManager);
        let cancel = filter::task_events(&manager, TaskEvent::Cancel);
        proptest::prop_assert_eq!(cancel.sql(Dialect::Postgres, &tables).is_ok(), ok);
    }
}

#[test]
fn named_hostile_names() {
    for name in [
        "id; DROP TABLE tasks",
        "id OR 1=1",
        "id--",
        "\"id\"",
        "a.b.c",
        "select",
        "",
        "1id",
        "tâche",
    ] {
        for field in 0..8 {
            let (tables, expected, _) = with_name(field, name);
            let err = tables.check().unwrap_err();
            assert!(
                matches!(err, TablesError::Name { field, .. } if field == expected),
                "{name:?} {expected}: {err}"
            );
        }
    }
}

#[test]
fn undescribed_tables_refuse_never_widen() {
    let keeper = Subject::new(9_i64, Role::Responsible);
    let inbox = filter::task_events(&keeper, TaskEvent::Approve);
    let bare = HostTables::new("tasks", "id");
    assert_eq!(
        inbox.sql(Dialect::Sqlite, &bare).unwrap_err(),
        TablesError::Undescribed {
            clause: RelationClause::AssetResponsible
        }
    );
    let specialist = Subject::new(7_i64, Role::OperationSpecialist);
    let start = filter::task_events(&specialist, TaskEvent::StartWork);
    let err = start.sql(Dialect::Sqlite, &bare).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the filter needs in_assignment_group, and the host tables do not describe where it lives"
    );
    // A filter that needs no relation is written over the bare table.
    let complete = filter::task_events(&specialist, TaskEvent::Complete);
    let sql = complete.sql(Dialect::MySql, &bare).unwrap();
    assert_eq!(sql.params().len(), sql.to_string().matches('?').count());
    // Nothing allowed: `1 = 0`, no parameter.
    let nobody = Subject::new(7_i64, Roles::empty());
    let none = filter::task_events(&nobody, TaskEvent::Cancel);
    let sql = none.sql(Dialect::Postgres, &bare).unwrap();
    assert_eq!(sql.to_string(), "1 = 0");
    assert_eq!(
        sql.union().to_string(),
        "SELECT tasks.id FROM tasks WHERE 1 = 0"
    );
    assert_eq!(sql.params().len(), 0);
}

#[test]
fn relation_clauses_as_a_set_and_in_words() {
    use itam_rbac::filter::RelationClauses;
    let any = RelationClauses::ANY;
    assert!(any.is_any() && any.is_empty());
    assert_eq!(any.len(), 0);
    assert_eq!(any.iter().count(), 0);
    assert_eq!(any.to_string(), "any relation");
    assert!(any.holds(Relations::empty()));
    let two = RelationClauses::only(RelationClause::NotAssetResponsible)
        .and(RelationClause::AddedApprover);
    assert_eq!(
        two,
        RelationClauses::from(RelationClause::AddedApprover)
            .and(RelationClause::NotAssetResponsible)
    );
    assert!(!two.is_any() && !two.is_empty());
    assert_eq!(two.len(), 2);
    // A clause already there: the same conjunction.
    assert_eq!(two.and(RelationClause::AddedApprover), two);
    assert!(two.contains(RelationClause::AddedApprover));
    assert!(!two.contains(RelationClause::AssetResponsible));
    assert!(two.iter().eq([
        RelationClause::NotAssetResponsible,
        RelationClause::AddedApprover
    ]));
    assert_eq!(
        two.to_string(),
        "the user responsible for none of its assets and the user an added approver"
    );
    assert!(two.holds(Relations::ADDED_APPROVER | Relations::IN_ASSIGNMENT_GROUP));
    assert!(!two.holds(Relations::ADDED_APPROVER | Relations::ASSET_RESPONSIBLE));
    assert!(!two.holds(Relations::empty()));
    // Every clause in words, alone.
    let words = [
        (
            RelationClause::InAssignmentGroup,
            "the user in the assignment group",
        ),
        (
            RelationClause::NotInAssignmentGroup,
            "the user not in the assignment group",
        ),
        (
            RelationClause::AssetResponsible,
            "the user responsible for one of its assets",
        ),
        (
            RelationClause::NotAssetResponsible,
            "the user responsible for none of its assets",
        ),
        (RelationClause::AddedApprover, "the user an added approver"),
        (
            RelationClause::NotAddedApprover,
            "the user not an added approver",
        ),
        (RelationClause::CommitteeMember, "the user on its committee"),
        (
            RelationClause::NotCommitteeMember,
            "the user not on its committee",
        ),
        (
            RelationClause::FilesAttached,
            "with a file of new assets attached",
        ),
        (
            RelationClause::NoFilesAttached,
            "without a file of new assets attached",
        ),
    ];
    assert_eq!(words.len(), RelationClause::ALL.len());
    for (clause, text) in words {
        assert_eq!(clause.describe(), text);
        assert_eq!(RelationClauses::only(clause).to_string(), text);
        assert_eq!(RelationClauses::only(clause).len(), 1);
    }
}

/// The kinds that have an approval, as the filters list them.
const APPROVED_KINDS: &str = "allocation, change_of_responsible, relocation, change_of_stock, \
return_to_stock, maintenance, upgrading, decommissioning, disposal or asset_transfer";

#[test]
fn filters_and_groups_in_words() {
    let keeper = Subject::new(9_i64, Role::Responsible);
    let inbox = filter::task_events(&keeper, TaskEvent::Approve);
    let four_eyes = "not assigned to the user and created by someone other than the user, \
or by the system and sent for approval by someone other than the user";
    let groups: Vec<String> = inbox.groups().map(|g| g.to_string()).collect();
    assert_eq!(
        groups,
        [
            format!(
                "{APPROVED_KINDS} in state pending_approval, {four_eyes}, \
the user responsible for one of its assets"
            ),
            format!(
                "{APPROVED_KINDS} in state pending_approval, {four_eyes}, \
the user responsible for none of its assets and the user an added approver"
            ),
            format!(
                "decommissioning in state pending_approval, {four_eyes}, \
the user responsible for none of its assets and the user not an added approver \
and the user on its committee"
            ),
        ]
    );
    assert_eq!(
        inbox.to_string(),
        format!("approve on tasks: {}", groups.join("; or "))
    );
    // Several states; a person clause and no relation clause, and the reverse.
    let all_kinds = "registration, allocation, inventory, relocation, change_of_stock, \
return_to_stock, maintenance, upgrading, decommissioning, disposal or asset_transfer";
    let specialist = Subject::new(7_i64, Role::OperationSpecialist);
    let start = filter::task_events(&specialist, TaskEvent::StartWork);
    assert_eq!(
        start.to_string(),
        format!(
            "start_work on tasks: {all_kinds} in states registered or postponed, \
the user in the assignment group; or {all_kinds} in states registered or postponed, \
assigned to the user, the user not in the assignment group"
        )
    );
    // Neither person nor relation clauses.
    let manager = Subject::new(1_i64, Role::ProcessManager);
    let send = filter::task_events(&manager, TaskEvent::SendForApproval);
    assert_eq!(
        send.to_string(),
        format!("send_for_approval on tasks: {APPROVED_KINDS} in state in_progress")
    );
}

#[test]
fn debug_lists_the_groups() {
    let keeper = Subject::new(9_i64, Role::Responsible);
    let inbox = filter::task_events(&keeper, TaskEvent::Approve);
    let debug = format!("{inbox:?}");
    assert!(
        debug.starts_with("EventFilter { user: 9, event: Approve, groups: [EventGroup { "),
        "{debug}"
    );
    assert!(debug.ends_with("}], exact: true }"), "{debug}");
    assert_eq!(debug.matches("EventGroup {").count(), 3, "{debug}");
    for g in inbox.groups() {
        assert!(debug.contains(&format!("{g:?}")), "{debug}");
    }
}

#[test]
fn allowed_is_matches_on_each() {
    let specialist = Subject::new(7_i64, Role::OperationSpecialist);
    let start = filter::task_events(&specialist, TaskEvent::StartWork);
    let theirs = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(8_i64);
    let mine = Task::new(TaskKind::Maintenance, TaskState::Postponed).assigned_to(7_i64);
    let done = Task::new(TaskKind::Maintenance, TaskState::Completed).assigned_to(7_i64);
    let tasks = [
        (&theirs, Relations::empty()),
        (&theirs, Relations::IN_ASSIGNMENT_GROUP),
        (&done, Relations::IN_ASSIGNMENT_GROUP),
        (&mine, Relations::empty()),
        (&theirs, Relations::ASSET_RESPONSIBLE),
    ];
    let allowed: Vec<usize> = start.allowed(tasks).collect();
    assert_eq!(allowed, [1, 3]);
    let expected: Vec<usize> = (0..tasks.len())
        .filter(|&i| start.matches(tasks[i].0, tasks[i].1))
        .collect();
    assert_eq!(allowed, expected);
}

/// The host tables of the SQL text tests: every relation described, the files
/// in a table of their own.
fn all_tables() -> HostTables<'static> {
    HostTables::new("tasks", "id")
        .groups(
            "assignment_group",
            Link::new("group_members", "group_id", "user_id"),
        )
        .asset_responsibles(Link::new("task_assets", "task_id", "responsible_id"))
        .approvers(Link::new("task_approvers", "task_id", "user_id"))
        .committee(Link::new("task_committee", "task_id", "user_id"))
        .files(Files::Table {
            table: "s.task_files",
            task: "task_id",
        })
}

#[test]
fn sql_text_in_each_dialect() {
    let tables = all_tables();
    let specialist = Subject::new(7_i64, Role::OperationSpecialist);
    let start = filter::task_events(&specialist, TaskEvent::StartWork);
    let kinds = "'registration', 'allocation', 'inventory', 'relocation', 'change_of_stock', \
'return_to_stock', 'maintenance', 'upgrading', 'decommissioning', 'disposal', 'asset_transfer'";
    // SQLite: byte-wise comparisons, no `+` where no relation names the task id.
    let sqlite = start.sql(Dialect::Sqlite, &tables).unwrap();
    assert_eq!(sqlite.dialect(), Dialect::Sqlite);
    assert_eq!(
        sqlite.to_string(),
        format!(
            "((tasks.kind COLLATE BINARY IN ({kinds}) AND tasks.state COLLATE BINARY IN \
('registered', 'postponed') AND tasks.assignment_group IN (SELECT group_members.group_id \
FROM group_members WHERE group_members.user_id COLLATE BINARY = ?1)) OR \
(tasks.kind COLLATE BINARY IN ({kinds}) AND tasks.state COLLATE BINARY IN \
('registered', 'postponed') AND tasks.assigned_to COLLATE BINARY = ?1 AND NOT EXISTS \
(SELECT 1 FROM group_members WHERE group_members.group_id = tasks.assignment_group \
AND group_members.user_id COLLATE BINARY = ?1)))"
        )
    );
    assert_eq!(sqlite.params().len(), 1);
    // The union: one `SELECT` a group, the same groups as the condition's.
    let union = sqlite.union().to_string();
    let selects: Vec<&str> = union
        .split(" UNION ALL ")
        .map(|s| s.strip_prefix("SELECT tasks.id FROM tasks WHERE ").unwrap())
        .collect();
    assert_eq!(selects.len(), 2, "{union}");
    assert_eq!(format!("({})", selects.join(" OR ")), sqlite.to_string());
    let lines = format!("{:#}", sqlite.union());
    assert_eq!(lines, union.replace(" UNION ALL ", "\nUNION ALL\n"));
    // PostgreSQL: `= ANY (ARRAY(..))` for a relation that holds.
    let postgres = start.sql(Dialect::Postgres, &tables).unwrap();
    assert_eq!(postgres.dialect(), Dialect::Postgres);
    assert_eq!(
        postgres.to_string(),
        format!(
            "((tasks.kind IN ({kinds}) AND tasks.state IN ('registered', 'postponed') AND \
tasks.assignment_group = ANY (ARRAY(SELECT group_members.group_id FROM group_members \
WHERE group_members.user_id = $1))) OR (tasks.kind IN ({kinds}) AND tasks.state IN \
('registered', 'postponed') AND tasks.assigned_to = $1 AND NOT EXISTS (SELECT 1 FROM \
group_members WHERE group_members.group_id = tasks.assignment_group AND \
group_members.user_id = $1)))"
        )
    );
    assert_eq!(postgres.params().len(), 1);
    // MySQL: a `?` for each use of the user.
    let mysql = start.sql(Dialect::MySql, &tables).unwrap();
    assert_eq!(mysql.dialect(), Dialect::MySql);
    assert_eq!(
        mysql.to_string(),
        format!(
            "((tasks.kind IN ({kinds}) AND tasks.state IN ('registered', 'postponed') AND \
tasks.assignment_group IN (SELECT group_members.group_id FROM group_members WHERE \
group_members.user_id = ?)) OR (tasks.kind IN ({kinds}) AND tasks.state IN \
('registered', 'postponed') AND tasks.assigned_to = ? AND NOT EXISTS (SELECT 1 FROM \
group_members WHERE group_members.group_id = tasks.assignment_group AND \
group_members.user_id = ?)))"
        )
    );
    assert_eq!(mysql.params().len(), 3);
    assert!(mysql.params().all(|&u| u == 7));

    // SQLite: `+kind` and `+state` where a relation that holds names the task id.
    let keeper = Subject::new(9_i64, Role::Responsible);
    let inbox = filter::task_events(&keeper, TaskEvent::Approve);
    let sql = inbox.sql(Dialect::Sqlite, &tables).unwrap().to_string();
    assert_eq!(
        sql.matches("(+tasks.kind COLLATE BINARY ").count(),
        3,
        "{sql}"
    );
    assert_eq!(
        sql.matches(" AND +tasks.state COLLATE BINARY = ").count(),
        3,
        "{sql}"
    );
    // MySQL: four person clauses... each `?` is bound.
    let mysql = inbox.sql(Dialect::MySql, &tables).unwrap();
    assert_eq!(mysql.params().len(), mysql.to_string().matches('?').count());
    assert_eq!(mysql.params().len(), 15);

    // The files in a table of their own.
    let manager = Subject::new(1_i64, Role::ProcessManager);
    let cancel = filter::task_events(&manager, TaskEvent::Cancel);
    let sql = cancel.sql(Dialect::MySql, &tables).unwrap();
    assert!(sql.to_string().contains(
        "tasks.kind = 'registration' AND tasks.state IN ('registered', 'in_progress', \
'postponed', 'pending_approval', 'approved') AND NOT EXISTS (SELECT 1 FROM s.task_files \
WHERE s.task_files.task_id = tasks.id))"
    ));
    assert_eq!(sql.params().len(), 0);
    // The files as a column of the task table.
    let tables = tables.files(Files::Column("files_attached"));
    for (dialect, zero) in [(Dialect::Postgres, "FALSE"), (Dialect::Sqlite, "0")] {
        let sql = cancel.sql(dialect, &tables).unwrap().to_string();
        assert!(
            sql.contains(&format!(
                "'approved') AND tasks.files_attached = {zero}) OR ("
            )),
            "{sql}"
        );
    }
}

#[test]
fn sql_debug_forms() {
    let tables = all_tables();
    let keeper = Subject::new(9_i64, Role::Responsible);
    let inbox = filter::task_events(&keeper, TaskEvent::Approve);
    let sql = inbox.sql(Dialect::Sqlite, &tables).unwrap();
    let debug = format!("{sql:?}");
    assert_eq!(
        debug,
        format!("EventSql {{ user: 9, event: Approve, tables: {tables:?}, dialect: Sqlite, .. }}")
    );
    assert_eq!(format!("{:?}", sql.union()), "Union { event: Approve, .. }");
}

#[test]
fn indexes_for_every_described_table() {
    let tables = all_tables();
    let sqlite: Vec<String> = tables
        .indexes(Dialect::Sqlite)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        sqlite,
        [
            "CREATE INDEX IF NOT EXISTS itam_tasks_1 ON tasks (assigned_to, state, kind)",
            "CREATE INDEX IF NOT EXISTS itam_tasks_2 ON tasks (assignment_group, state, kind)",
            "CREATE INDEX IF NOT EXISTS itam_tasks_3 ON tasks (state, kind)",
            "CREATE INDEX IF NOT EXISTS itam_group_members_1 ON group_members (user_id, group_id)",
            "CREATE INDEX IF NOT EXISTS itam_task_assets_1 ON task_assets (responsible_id, task_id)",
            "CREATE INDEX IF NOT EXISTS itam_task_approvers_1 ON task_approvers (user_id, task_id)",
            "CREATE INDEX IF NOT EXISTS itam_task_committee_1 ON task_committee (user_id, task_id)",
            "CREATE INDEX IF NOT EXISTS itam_task_files_1 ON s.task_files (task_id)",
        ]
    );
    // PostgreSQL: the same, and the ids of the tasks pending approval (the
    // state in which the policy lets an asset's responsible person, an added
    // approver or a committee member approve), in an index of their own.
    let postgres: Vec<String> = tables
        .indexes(Dialect::Postgres)
        .map(|i| i.to_string())
        .collect();
    let mut want = sqlite.clone();
    want.insert(
        3,
        "CREATE INDEX IF NOT EXISTS itam_tasks_4 ON tasks (id) WHERE state = 'pending_approval'"
            .to_owned(),
    );
    assert_eq!(postgres, want);
    // Any one of those tables is enough.
    let partial =
        "CREATE INDEX IF NOT EXISTS itam_tasks_3 ON tasks (id) WHERE state = 'pending_approval'";
    for one in [
        HostTables::new("tasks", "id").asset_responsibles(Link::new("a", "task_id", "user_id")),
        HostTables::new("tasks", "id").approvers(Link::new("a", "task_id", "user_id")),
        HostTables::new("tasks", "id").committee(Link::new("a", "task_id", "user_id")),
    ] {
        let ddl: Vec<String> = one
            .indexes(Dialect::Postgres)
            .map(|i| i.to_string())
            .collect();
        assert_eq!(ddl.get(2).map(String::as_str), Some(partial), "{ddl:?}");
        assert_eq!(ddl.len(), 4, "{ddl:?}");
        assert!(one
            .indexes(Dialect::Sqlite)
            .chain(one.indexes(Dialect::MySql))
            .all(|i| !i.to_string().contains(" WHERE ")));
    }
    // Without a table of those relations, no such index.
    let groups_only = HostTables::new("tasks", "id").groups(
        "assignment_group",
        Link::new("group_members", "group_id", "user_id"),
    );
    assert!(groups_only
        .indexes(Dialect::Postgres)
        .all(|i| !i.to_string().contains(" WHERE ")));
    // MySQL has no `IF NOT EXISTS`; the bare tables have the task table's two.
    let mysql: Vec<String> = HostTables::new("tasks", "id")
        .indexes(Dialect::MySql)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        mysql,
        [
            "CREATE INDEX itam_tasks_1 ON tasks (assigned_to, state, kind)",
            "CREATE INDEX itam_tasks_2 ON tasks (state, kind)",
        ]
    );
}

#[test]
fn refused_names_say_their_field() {
    let tables = HostTables::new("tasks", "id").columns(Columns::DEFAULT.assigned_to("a b"));
    let err = tables.check().unwrap_err();
    assert_eq!(
        err.to_string(),
        "assigned_to refused: ' ' at byte 1 is not an identifier character"
    );
    for (field, name) in [
        (TableField::Tasks, "tasks"),
        (TableField::Members, "members"),
        (TableField::FilesTask, "files_task"),
    ] {
        assert_eq!(field.name(), name);
        assert_eq!(field.to_string(), name);
    }
}
