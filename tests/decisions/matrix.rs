//! The whole task decision space, against the oracle written from SOURCES.md §T1.
#![allow(clippy::panic, clippy::unwrap_used, reason = "tests")]

use crate::oracle;

use itam_rbac::{
    can, check, explain, matrix, Action, Role, Roles, Subject, Task, TaskKind, TaskState,
};

/// The task-relevant roles of issue #2, plus `itam_admin` and `itam_purchase_agent`
/// (which reaches `itam_agent` only through inclusion, two levels deep) and
/// `itam_endpoint_user`.
const TASK_ROLES: &[&str] = &[
    "itam_agent",
    "itam_responsible",
    "itam_operation_specialist",
    "itam_process_manager",
    "itam_contract_manager",
    "itam_purchase_agent",
    "itam_endpoint_user",
    "itam_admin",
    "admin",
];

fn subject(names: &[&str]) -> Subject<u32> {
    let roles: Roles = names.iter().map(|n| n.parse::<Role>().unwrap()).collect();
    Subject::new(1, roles)
}

/// Compares every action × kind × state × assigned/not for one role set, and
/// returns how many cases it checked.
fn compare_all(names: &[&str]) -> usize {
    let user = subject(names);
    let closed = oracle::roles::closure(names.iter().copied());
    let mut cases = 0;
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            for assigned in [false, true] {
                let task = Task::new(kind, state).assigned_to(if assigned { 1 } else { 2 });
                for &action in Action::ALL {
                    let expected = oracle::matrix::may(
                        &closed,
                        action.name(),
                        kind.name(),
                        state.name(),
                        assigned,
                    );
                    let got = can(&user, action, &task);
                    assert_eq!(
                        got, expected,
                        "roles {names:?}, {action} on {kind} in {state}, assigned: {assigned}"
                    );
                    assert_eq!(check(&user, action, &task).is_ok(), expected);
                    assert_eq!(explain(&user, action, &task).is_allowed(), expected);
                    cases += 1;
                }
            }
        }
    }
    cases
}

#[test]
fn every_subset_of_the_task_roles_matches_the_spec() {
    let cases: usize = oracle::roles::subsets(TASK_ROLES)
        .iter()
        .map(|names| compare_all(names))
        .sum();
    assert_eq!(cases, (1 << TASK_ROLES.len()) * 12 * 7 * 2 * 4);
}

#[test]
fn every_role_alone_and_every_pair_of_roles_matches_the_spec() {
    let names = Role::NAMES;
    for (i, a) in names.iter().enumerate() {
        compare_all(&[a]);
        for b in names.iter().skip(i + 1) {
            compare_all(&[a, b]);
        }
    }
}

#[test]
fn the_host_id_type_does_not_change_the_answer() {
    let user = Subject::new(String::from("k.ivanova"), Role::OperationSpecialist);
    let mine = Task::new(TaskKind::Upgrading, TaskState::InProgress)
        .assigned_to(String::from("k.ivanova"));
    let theirs =
        Task::new(TaskKind::Upgrading, TaskState::InProgress).assigned_to(String::from("p.petrov"));
    let nobody: Task<String> = Task::new(TaskKind::Upgrading, TaskState::InProgress);
    assert!(can(&user, Action::Update, &mine));
    assert!(!can(&user, Action::Update, &theirs));
    assert!(!can(&user, Action::Update, &nobody));
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §T2: delete is never granted, so every delete cell is empty; every read,
/// create and update cell names someone.
#[test]
fn only_the_delete_cells_are_never() {
    for kind in TaskKind::ALL {
        for action in Action::ALL {
            let cell = matrix::cell(*kind, *action);
            assert_eq!(
                cell.is_never(),
                *action == Action::Delete,
                "{action} on {kind}"
            );
        }
    }
    // And `never` means what it says: not even every role together gets delete.
    let everyone = Subject::new(1_u32, Roles::all());
    let mine = Task::new(TaskKind::Registration, TaskState::Registered).assigned_to(1);
    assert!(check(&everyone, Action::Delete, &mine).is_err());
}
