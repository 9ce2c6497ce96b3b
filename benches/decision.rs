//! Criterion benches of the decision path.
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented functions"
)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use itam_rbac::{can, explain, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// A fixed, mixed set of requests: every role alone and a few combinations, every
/// kind, state and action, assigned and not.
fn requests() -> Vec<(Subject<u64>, Action, Task<u64>)> {
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
                let assignee = if n % 3 == 0 { 1 } else { 2 };
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

fn bench_decisions(c: &mut Criterion) {
    let requests = requests();
    let mut group = c.benchmark_group("decision");
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("can/mixed", |b| {
        b.iter(|| {
            let mut allowed = 0_u32;
            for (subject, action, task) in &requests {
                allowed += u32::from(can(black_box(subject), black_box(*action), black_box(task)));
            }
            allowed
        });
    });
    group.bench_function("explain/mixed", |b| {
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

criterion_group!(benches, bench_decisions);
criterion_main!(benches);
