//! Criterion benches of the decision path: `can` and `explain` on a fixed mixed set,
//! `Subject::new` (the role closure), the transition validators, `permitted_actions`,
//! and a sweep of the whole task decision space.
//!
//! `cargo bench -p itam-rbac-hosts --bench decision`
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use itam_rbac::lifecycle::{self, AssetEvent, AssetState};
use itam_rbac::records::transition_record;
use itam_rbac::records::{ContractState, Record, RecordEvent};
use itam_rbac::review::permitted_actions;
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{can, explain, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// A fixed, mixed set of requests: every role alone and two combinations, every
/// kind and state, the actions in rotation, assigned one time in three; shuffled
/// with a fixed seed, so that the order teaches the branch predictor nothing.
fn mixed_requests() -> Vec<(Subject<u64>, Action, Task<u64>)> {
    let mut subjects: Vec<Subject<u64>> = Role::ALL.iter().map(|&r| Subject::new(1, r)).collect();
    subjects.push(Subject::new(
        1,
        Roles::CONTRACT_MANAGER | Roles::OPERATION_SPECIALIST,
    ));
    subjects.push(Subject::new(1, Roles::empty()));
    let mut out = Vec::new();
    let mut n = 0_usize;
    for subject in &subjects {
        for &kind in TaskKind::ALL {
            for &state in TaskState::ALL {
                n += 1;
                let action = Action::ALL
                    .get(n % Action::ALL.len())
                    .copied()
                    .unwrap_or(Action::Read);
                let assignee = if n.is_multiple_of(3) { 1 } else { 2 };
                out.push((
                    subject.clone(),
                    action,
                    Task::new(kind, state).assigned_to(assignee),
                ));
            }
        }
    }
    out
}

/// The task-relevant roles of the exhaustive test sweep.
const TASK_ROLES: [Role; 7] = [
    Role::Agent,
    Role::Responsible,
    Role::OperationSpecialist,
    Role::ProcessManager,
    Role::ContractManager,
    Role::PurchaseAgent,
    Role::PlatformAdmin,
];

fn bench_mixed(c: &mut Criterion) {
    let requests = mixed_requests();
    let mut group = c.benchmark_group("mixed");
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("can", |b| {
        b.iter(|| {
            let mut allowed = 0_u32;
            for (subject, action, task) in &requests {
                allowed += u32::from(can(black_box(subject), black_box(*action), black_box(task)));
            }
            allowed
        });
    });
    group.bench_function("explain", |b| {
        b.iter(|| {
            let mut codes = 0_u32;
            for (subject, action, task) in &requests {
                codes += u32::from(
                    explain(black_box(subject), black_box(*action), black_box(task)).code(),
                );
            }
            codes
        });
    });
    group.finish();
}

fn bench_subject(c: &mut Criterion) {
    let grants: Vec<Roles> = Role::ALL
        .iter()
        .map(|r| r.bit())
        .chain([Roles::all(), Roles::empty()])
        .collect();
    let mut group = c.benchmark_group("subject");
    group.throughput(Throughput::Elements(grants.len() as u64));
    group.bench_function("new", |b| {
        b.iter(|| {
            let mut bits = 0_u32;
            for granted in &grants {
                bits ^= Subject::new(1_u64, black_box(*granted)).effective().bits();
            }
            bits
        });
    });
    group.finish();
}

fn bench_sweep(c: &mut Criterion) {
    let subjects: Vec<Subject<u64>> = (0_u32..1 << TASK_ROLES.len())
        .map(|mask| {
            let roles: Roles = TASK_ROLES
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, r)| *r)
                .collect();
            Subject::new(1, roles)
        })
        .collect();
    let tasks: Vec<Task<u64>> = TaskKind::ALL
        .iter()
        .flat_map(|&kind| {
            TaskState::ALL
                .iter()
                .map(move |&state| Task::new(kind, state))
        })
        .flat_map(|task| [task.clone().assigned_to(1), task.assigned_to(2)])
        .collect();
    let decisions = subjects.len() * tasks.len() * Action::ALL.len();
    let mut group = c.benchmark_group("sweep");
    group.throughput(Throughput::Elements(decisions as u64));
    group.bench_function("whole_task_space", |b| {
        b.iter(|| {
            let mut allowed = 0_u32;
            for subject in &subjects {
                for task in &tasks {
                    for &action in Action::ALL {
                        allowed += u32::from(can(black_box(subject), action, black_box(task)));
                    }
                }
            }
            allowed
        });
    });
    group.finish();
}

fn bench_validators(c: &mut Criterion) {
    let users: Vec<Subject<u64>> = [
        Role::OperationSpecialist,
        Role::ProcessManager,
        Role::Responsible,
        Role::Agent,
    ]
    .into_iter()
    .map(|r| Subject::new(1, r))
    .collect();
    let tasks: Vec<Task<u64>> = TaskKind::ALL
        .iter()
        .flat_map(|&kind| {
            TaskState::ALL
                .iter()
                .map(move |&state| Task::new(kind, state).assigned_to(1).created_by(2))
        })
        .collect();
    let mut group = c.benchmark_group("validators");

    let workflow_calls = users.len() * tasks.len() * TaskEvent::ALL.len();
    group.throughput(Throughput::Elements(workflow_calls as u64));
    group.bench_function("workflow::validate", |b| {
        b.iter(|| {
            let mut ok = 0_u32;
            for user in &users {
                for task in &tasks {
                    for &event in TaskEvent::ALL {
                        let relations = black_box(Relations::ASSET_RESPONSIBLE);
                        ok += u32::from(
                            workflow::validate(black_box(user), black_box(task), relations, event)
                                .is_ok(),
                        );
                    }
                }
            }
            ok
        });
    });

    let asset_calls = AssetState::ALL.len() * TaskKind::ALL.len() * AssetEvent::ALL.len();
    group.throughput(Throughput::Elements(asset_calls as u64));
    group.bench_function("lifecycle::transition", |b| {
        b.iter(|| {
            let mut ok = 0_u32;
            for &state in AssetState::ALL {
                for &kind in TaskKind::ALL {
                    for &event in AssetEvent::ALL {
                        ok += u32::from(
                            lifecycle::transition(black_box(state), black_box(kind), event).is_ok(),
                        );
                    }
                }
            }
            ok
        });
    });

    let contracts: Vec<Record<ContractState, u64>> = ContractState::ALL
        .iter()
        .map(|&s| Record::new(s).created_by(2).with_document())
        .collect();
    let approver = Subject::new(1, Role::ContractApprover);
    group.throughput(Throughput::Elements(
        (contracts.len() * RecordEvent::ALL.len()) as u64,
    ));
    group.bench_function("transition_record/contract", |b| {
        b.iter(|| {
            let mut ok = 0_u32;
            for contract in &contracts {
                for &event in RecordEvent::ALL {
                    ok += u32::from(
                        transition_record(black_box(&approver), black_box(contract), event).is_ok(),
                    );
                }
            }
            ok
        });
    });

    group.throughput(Throughput::Elements((users.len() * tasks.len()) as u64));
    group.bench_function("permitted_actions", |b| {
        b.iter(|| {
            let mut n = 0_usize;
            for user in &users {
                for task in &tasks {
                    n += permitted_actions(
                        black_box(user),
                        black_box(task),
                        Relations::IN_ASSIGNMENT_GROUP,
                    )
                    .events()
                    .count();
                }
            }
            n
        });
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_mixed,
    bench_subject,
    bench_validators,
    bench_sweep
);
criterion_main!(benches);
