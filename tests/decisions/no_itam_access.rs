//! SOURCES.md §R3: without `itam_agent` (directly or through inclusion) a user has
//! no ITAM access at all. Every public function that takes a `Subject` is asked,
//! over every role set without `itam_agent` and every input it takes, and denies.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]

use itam_rbac::lifecycle::{self, AssetFlags, AssetState, ManualMove};
use itam_rbac::records::{
    can_record, check_record, editable_asset_fields, transition_record, AssetStatus, BudgetState,
    ContractState, CostItemState, DemandState, NomenclatureState, PurchaseState, Record,
    RecordEvent, RecordState,
};
use itam_rbac::review::permitted_actions;
use itam_rbac::workflow::{self, Relations, TaskEvent, TaskFields};
use itam_rbac::{check, explain, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// Every role set whose closure lacks `itam_agent`: the subsets of the roles that
/// do not reach it.
fn without_agent() -> Vec<Subject<u8>> {
    let outside: Vec<Role> = Role::ALL
        .iter()
        .copied()
        .filter(|role| !role.effective().contains(Roles::AGENT))
        .collect();
    assert_eq!(
        outside.len(),
        3,
        "fiscal_period_agent, cost_center_agent, admin"
    );
    (0..1_u32 << outside.len())
        .map(|bits| {
            let roles: Roles = outside
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, role)| *role)
                .collect();
            Subject::new(1_u8, roles)
        })
        .collect()
}

/// Every person around an item, from the subject's point of view (it is 1).
fn tasks(kind: TaskKind, state: TaskState) -> Vec<Task<u8>> {
    let mut all = Vec::new();
    for assignee in [None, Some(1), Some(2)] {
        for creator in [None, Some(1), Some(2)] {
            for submitter in [None, Some(1), Some(2)] {
                for system in [false, true] {
                    let mut task = Task::new(kind, state);
                    if let Some(id) = assignee {
                        task = task.assigned_to(id);
                    }
                    if let Some(id) = creator {
                        task = task.created_by(id);
                    }
                    if let Some(id) = submitter {
                        task = task.submitted_by(id);
                    }
                    if system {
                        task = task.created_by_system();
                    }
                    all.push(task);
                }
            }
        }
    }
    all
}

fn records<S: RecordState>(state: S) -> Vec<Record<S, u8>> {
    let mut all = Vec::new();
    for assignee in [None, Some(1), Some(2)] {
        for creator in [None, Some(1), Some(2)] {
            for submitter in [None, Some(1), Some(2)] {
                for flags in 0..8 {
                    let mut record = Record::new(state);
                    if let Some(id) = assignee {
                        record = record.assigned_to(id);
                    }
                    if let Some(id) = creator {
                        record = record.created_by(id);
                    }
                    if let Some(id) = submitter {
                        record = record.submitted_by(id);
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
                    all.push(record);
                }
            }
        }
    }
    all
}

#[test]
fn tasks_and_the_workflow_deny_a_user_without_itam_agent() {
    let relations: Vec<Relations> = (0..=Relations::all().bits())
        .map(Relations::from_bits_truncate)
        .collect();
    for subject in without_agent() {
        for &kind in TaskKind::ALL {
            for &state in TaskState::ALL {
                for task in tasks(kind, state) {
                    for &action in Action::ALL {
                        assert!(!itam_rbac::can(&subject, action, &task));
                        assert!(check(&subject, action, &task).is_err());
                        assert!(!explain(&subject, action, &task).is_allowed());
                    }
                    for fields in 1..=TaskFields::all().bits() {
                        let fields = TaskFields::from_bits_truncate(fields);
                        assert!(workflow::check_edit(&subject, &task, fields).is_err());
                        assert!(!workflow::can_edit(&subject, &task, fields));
                    }
                    for &relation in &relations {
                        assert!(permitted_actions(&subject, &task, relation).is_empty());
                        for &event in TaskEvent::ALL {
                            assert!(
                                workflow::validate(&subject, &task, relation, event).is_err(),
                                "{kind} {state} {event} {relation:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}

fn record_kind<S: RecordState>(subjects: &[Subject<u8>]) {
    for subject in subjects {
        for &state in S::STATES {
            for record in records(state) {
                for &action in Action::ALL {
                    assert!(!can_record(subject, action, &record));
                    assert!(check_record(subject, action, &record).is_err());
                }
                for &event in RecordEvent::ALL {
                    assert!(transition_record(subject, &record, event).is_err());
                }
            }
        }
    }
}

#[test]
fn records_deny_a_user_without_itam_agent() {
    let subjects = without_agent();
    record_kind::<ContractState>(&subjects);
    record_kind::<PurchaseState>(&subjects);
    record_kind::<DemandState>(&subjects);
    record_kind::<BudgetState>(&subjects);
    record_kind::<CostItemState>(&subjects);
    record_kind::<NomenclatureState>(&subjects);
    record_kind::<AssetStatus>(&subjects);
    for subject in &subjects {
        for &status in AssetStatus::ALL {
            for record in records(status) {
                assert!(editable_asset_fields(subject, &record).is_empty());
            }
        }
    }
}

/// The finding of issue 11: `move_asset(ConsignmentExhausted)` succeeded for a
/// subject with no roles at all. Every manual move now denies such a subject, and
/// the system's move has its own entry point that takes no subject.
#[test]
fn manual_moves_deny_a_user_without_itam_agent() {
    for subject in without_agent() {
        for &action in ManualMove::ALL {
            for &state in AssetState::ALL {
                for bits in 0..=AssetFlags::all().bits() {
                    let flags = AssetFlags::from_bits_truncate(bits);
                    assert!(
                        lifecycle::move_asset(&subject, state, flags, action).is_err(),
                        "{action} {state} {flags:?}"
                    );
                }
            }
        }
    }
    let consignment = AssetFlags::CONSIGNMENT;
    assert_eq!(
        lifecycle::system_move(
            AssetState::Available,
            consignment,
            ManualMove::ConsignmentExhausted
        ),
        Ok(AssetState::OutOfStock)
    );
}

/// The list-view filters take a subject too: without `itam_agent` they let no item
/// through.
#[test]
fn filters_let_nothing_through_for_a_user_without_itam_agent() {
    use itam_rbac::filter;
    use itam_rbac::records::RecordKind;
    use itam_rbac::review::Operation;
    for subject in without_agent() {
        for &action in Action::ALL {
            assert!(filter::tasks(&subject, action).is_empty());
        }
        for &kind in RecordKind::ALL {
            let operations = Action::ALL
                .iter()
                .map(|&a| Operation::from(a))
                .chain(RecordEvent::ALL.iter().map(|&e| Operation::from(e)));
            for operation in operations {
                assert!(filter::records(&subject, operation, kind).is_empty());
            }
        }
    }
}
