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

mod event_space;

use event_space::{relation_sets, role_sets, subject, tasks, EVENTS};
use itam_rbac::filter::{self, PersonClause, RelationClause};
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
    let me = event_space::ME;
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
