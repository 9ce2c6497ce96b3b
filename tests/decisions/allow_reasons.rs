//! Why an event was allowed (issue 13): the allow reason of every allowed workflow
//! and record event, against an oracle written from the workflow table
//! (SOURCES.md §T5, the `workflow` module's "Who may") and the records' rules.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use itam_rbac::records::{
    check_record_event, AssetStatus, BudgetState, ContractState, CostItemState, DemandState,
    NomenclatureState, PurchaseState, Record, RecordEvent, RecordState,
};
use itam_rbac::workflow::{check_event, Relations, TaskEvent};
use itam_rbac::{AllowReason, Role, Roles, Subject, Task, TaskKind, TaskState};

/// The 232 role sets of the decision-space dump: none, each role, each pair.
fn subjects() -> Vec<Subject<u8>> {
    let mut all = vec![Subject::new(1, Roles::empty())];
    for (i, &a) in Role::ALL.iter().enumerate() {
        all.push(Subject::new(1, a));
        for &b in Role::ALL.iter().skip(i + 1) {
            all.push(Subject::new(1, [a, b]));
        }
    }
    assert_eq!(all.len(), 232);
    all
}

/// The workflow's allow reason, from the "Who may" table: approve and reject are
/// the approvers'; `start_work` is the performer's as the assigned user or a member
/// of the assignment group; every other event `itam_process_manager`'s (first), or
/// the performer's as the assigned user (inventory's completion: the assigned user
/// only).
fn workflow_reason(kind: TaskKind, event: TaskEvent, manager: bool, assigned: bool) -> AllowReason {
    match event {
        TaskEvent::Approve | TaskEvent::Reject => AllowReason::Approver,
        TaskEvent::StartWork if assigned => AllowReason::AssignedUser,
        TaskEvent::StartWork => AllowReason::InAssignmentGroup,
        TaskEvent::Complete if kind == TaskKind::Inventory => AllowReason::AssignedUser,
        _ if manager => AllowReason::HoldsRole,
        _ => AllowReason::AssignedUser,
    }
}

#[test]
fn every_allowed_workflow_event_says_why() {
    let mut relations = vec![Relations::empty()];
    relations.extend(Relations::all().iter());
    let mut allowed = [0_u32; 8];
    for subject in subjects() {
        let manager = subject.effective().has(Role::ProcessManager);
        for &kind in TaskKind::ALL {
            for &state in TaskState::ALL {
                for assignee in [None, Some(1), Some(2)] {
                    let mut task = Task::new(kind, state).created_by(3).submitted_by(3);
                    if let Some(id) = assignee {
                        task = task.assigned_to(id);
                    }
                    for &rel in &relations {
                        for &event in TaskEvent::ALL {
                            let Ok(ok) = check_event(&subject, &task, rel, event) else {
                                continue;
                            };
                            let assigned = assignee == Some(1);
                            let want = workflow_reason(kind, event, manager, assigned);
                            assert_eq!(
                                ok.reason(),
                                want,
                                "{kind} {state} {event} {rel:?} {subject:?}"
                            );
                            assert_eq!(ok.code(), want.code());
                            assert_eq!((ok.kind(), ok.state(), ok.event()), (kind, state, event));
                            // The roles of the rule that allowed: held by the user.
                            assert!(subject.effective().intersects(ok.roles()), "{ok:?}");
                            if want == AllowReason::Approver {
                                let named = rel.contains(Relations::ADDED_APPROVER)
                                    || (kind == TaskKind::Decommissioning
                                        && rel.contains(Relations::COMMITTEE_MEMBER));
                                let roles = if named {
                                    Roles::AGENT
                                } else {
                                    Roles::RESPONSIBLE
                                };
                                assert_eq!(ok.roles(), roles);
                            }
                            allowed[usize::from(want.code())] += 1;
                        }
                    }
                }
            }
        }
    }
    // Each reason is given somewhere.
    for code in [1, 2, 5, 6] {
        assert!(
            allowed[code] > 0,
            "no workflow event allowed with code {code}"
        );
    }
}

/// The records: an approve or a reject is an approver's (four eyes); any other
/// event is the role's, or the assigned user's, who then is the user.
fn record_reasons<S: RecordState>(subjects: &[Subject<u8>], seen: &mut [u32; 8]) {
    for &state in S::STATES {
        for assignee in [None, Some(1), Some(2)] {
            for document in [false, true] {
                let mut record = Record::new(state)
                    .created_by(3)
                    .submitted_by(3)
                    .all_approved();
                if let Some(id) = assignee {
                    record = record.assigned_to(id);
                }
                if document {
                    record = record.with_document();
                }
                for subject in subjects {
                    for &event in RecordEvent::ALL {
                        let Ok(ok) = check_record_event(subject, &record, event) else {
                            continue;
                        };
                        match event {
                            RecordEvent::Approve | RecordEvent::Reject => {
                                assert_eq!(ok.reason(), AllowReason::Approver);
                            }
                            _ => {
                                assert!(
                                    matches!(
                                        ok.reason(),
                                        AllowReason::HoldsRole | AllowReason::AssignedUser
                                    ),
                                    "{ok:?}"
                                );
                                if ok.reason() == AllowReason::AssignedUser {
                                    assert_eq!(assignee, Some(1), "{ok:?}");
                                }
                            }
                        }
                        assert_eq!((ok.kind(), ok.state(), ok.event()), (S::KIND, state, event));
                        assert!(subject.effective().intersects(ok.roles()), "{ok:?}");
                        seen[usize::from(ok.code())] += 1;
                    }
                }
            }
        }
    }
}

#[test]
fn every_allowed_record_event_says_why() {
    let subjects = subjects();
    let mut seen = [0_u32; 8];
    record_reasons::<ContractState>(&subjects, &mut seen);
    record_reasons::<PurchaseState>(&subjects, &mut seen);
    record_reasons::<DemandState>(&subjects, &mut seen);
    record_reasons::<BudgetState>(&subjects, &mut seen);
    record_reasons::<CostItemState>(&subjects, &mut seen);
    record_reasons::<NomenclatureState>(&subjects, &mut seen);
    record_reasons::<AssetStatus>(&subjects, &mut seen);
    for code in [1, 2, 6] {
        assert!(seen[code] > 0, "no record event allowed with code {code}");
    }
}

#[test]
fn an_allowed_event_prints_why() {
    let specialist = Subject::new(7_u32, Role::OperationSpecialist);
    let task = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(8);
    let ok = check_event(
        &specialist,
        &task,
        Relations::IN_ASSIGNMENT_GROUP,
        TaskEvent::StartWork,
    )
    .unwrap();
    assert_eq!(
        ok.to_string(),
        "start_work the maintenance task in registered: allowed, \
         the user holds the role and is in the assignment group"
    );
    assert_eq!(ok.next(), TaskState::InProgress);
}
