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
