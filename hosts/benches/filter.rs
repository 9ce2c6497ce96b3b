//! Criterion benches of the list-view filters, and the ratios of one run.
//!
//! 1. In memory, 1,000,000 tasks: `TaskFilter::matches_columns` (tasks held as
//!    columns), `TaskFilter::matches_each` (a slice of `Task`s) and `can` called per
//!    task, for the same operation specialist; user ids are `NonZeroU64` (database
//!    ids are never 0, so `Option<id>` is 8 bytes and compares without a branch),
//!    and `matches_columns_i64` has `i64` ids (`Option<i64>` is 16 bytes and its
//!    comparison branches on `None`). All agree before timing. Also: deriving a
//!    filter.
//! 2. SQLite (bundled), 100,007 tasks with an index on (kind, state) and one on the
//!    assignee: the filter pushed into the query against loading every row and
//!    calling `can`, for four users (an operation specialist, a responsible, a plain
//!    agent, a process manager); the two id lists are equal before timing.
//!
//! At the end the bench prints the ratios of the medians it just measured (read
//! from criterion's estimates of this run).
//!
//! `cargo bench -p itam-rbac-hosts --bench filter`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a bench: criterion's macros generate undocumented items, and a failed setup should stop it"
)]

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;
use std::num::NonZeroU64;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use itam_rbac::filter::{self, Dialect, TaskColumns};
use itam_rbac::records::{RecordEvent, RecordKind};
use itam_rbac::{can, Action, Role, Roles, Subject, Task, TaskKind, TaskState};
use rusqlite::{params, Connection};
use support::{every_row, median, percent, pushed_down, Rng};

/// How many tasks the in-memory benches filter.
const IN_MEMORY: usize = 1_000_000;

/// How many tasks the SQLite table holds.
const IN_SQLITE: usize = 100_007;

/// How many users tasks are assigned to (ids 1 to 200); one task in eleven is
/// unassigned.
const USERS: u64 = 200;

/// The user of every list.
const USER: i64 = 7;

/// `n` tasks: kinds and states uniform, assigned to one of 200 users or nobody.
fn generate(n: usize) -> Vec<Task<i64>> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|_| {
            let task = Task::new(rng.pick(TaskKind::ALL), rng.pick(TaskState::ALL));
            let who = rng.below(USERS + USERS / 10);
            if who < USERS {
                task.assigned_to(i64::try_from(who).unwrap() + 1)
            } else {
                task
            }
        })
        .collect()
}

/// A user id that is never 0, as database ids are: `Option<Id>` is 8 bytes, and
/// comparing it with the user's id is one comparison, no branch.
type Id = NonZeroU64;

/// `id` as an [`Id`].
fn id(id: i64) -> Id {
    Id::new(u64::try_from(id).unwrap()).unwrap()
}

fn in_memory(c: &mut Criterion) {
    let tasks: Vec<Task<Id>> = generate(IN_MEMORY)
        .into_iter()
        .map(|t| {
            let task = Task::new(t.kind, t.state);
            match t.assignee {
                Some(who) => task.assigned_to(id(who)),
                None => task,
            }
        })
        .collect();
    let kinds: Vec<TaskKind> = tasks.iter().map(|t| t.kind).collect();
    let states: Vec<TaskState> = tasks.iter().map(|t| t.state).collect();
    let assignees: Vec<Option<Id>> = tasks.iter().map(|t| t.assignee).collect();
    let assignees_i64: Vec<Option<i64>> = assignees
        .iter()
        .map(|a| a.map(|v| i64::try_from(v.get()).unwrap()))
        .collect();
    let user = Subject::new(id(USER), Role::OperationSpecialist);
    let user_i64 = Subject::new(USER, Role::OperationSpecialist);
    let updatable = filter::tasks(&user, Action::Update);
    let updatable_i64 = filter::tasks(&user_i64, Action::Update);
    let columns = TaskColumns {
        kinds: &kinds,
        states: &states,
        assignees: &assignees,
    };
    let columns_i64 = TaskColumns {
        kinds: &kinds,
        states: &states,
        assignees: &assignees_i64,
    };

    // They all agree before anything is timed.
    let mut by_can = vec![false; IN_MEMORY];
    for (task, out) in tasks.iter().zip(&mut by_can) {
        *out = can(&user, Action::Update, task);
    }
    let mut by_slice = vec![false; IN_MEMORY];
    let allowed = updatable.matches_each(&tasks, &mut by_slice).unwrap();
    let mut by_columns = vec![false; IN_MEMORY];
    assert_eq!(
        updatable.matches_columns(columns, &mut by_columns),
        Ok(allowed)
    );
    let mut by_columns_i64 = vec![false; IN_MEMORY];
    assert_eq!(
        updatable_i64.matches_columns(columns_i64, &mut by_columns_i64),
        Ok(allowed)
    );
    assert_eq!(updatable.allowed(&tasks).count(), allowed);
    assert_eq!(
        updatable.allowed_in_columns(columns).unwrap().count(),
        allowed
    );
    assert!(by_slice == by_can && by_columns == by_can && by_columns_i64 == by_can);
    println!(
        "in memory: {allowed} of {IN_MEMORY} tasks updatable by the specialist ({:.1}%)",
        percent(allowed, IN_MEMORY)
    );

    let mut group = c.benchmark_group("filter_1m_tasks");
    group.throughput(Throughput::Elements(IN_MEMORY as u64));
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(8));
    let mut out = vec![false; IN_MEMORY];
    group.bench_function("can_per_task", |b| {
        b.iter(|| {
            for (task, slot) in tasks.iter().zip(out.iter_mut()) {
                *slot = can(black_box(&user), Action::Update, task);
            }
        });
    });
    group.bench_function("matches_each", |b| {
        b.iter(|| black_box(&updatable).matches_each(&tasks, &mut out));
    });
    group.bench_function("matches_columns", |b| {
        b.iter(|| black_box(&updatable).matches_columns(columns, &mut out));
    });
    group.bench_function("matches_columns_i64", |b| {
        b.iter(|| black_box(&updatable_i64).matches_columns(columns_i64, &mut out));
    });
    // The allowed indices, without an output buffer: counted, as a host would
    // consume them.
    group.bench_function("allowed_in_columns", |b| {
        b.iter(|| {
            black_box(&updatable)
                .allowed_in_columns(columns)
                .map(Iterator::count)
        });
    });
    group.finish();

    let mut group = c.benchmark_group("filter_derive");
    group.bench_function("tasks", |b| {
        b.iter(|| filter::tasks(black_box(&user), Action::Update));
    });
    group.bench_function("records", |b| {
        b.iter(|| {
            filter::records(
                black_box(&user),
                RecordEvent::Approve,
                RecordKind::PurchaseRequest,
            )
        });
    });
    group.finish();
}

/// The SQLite table of `hosts/examples/list_view.rs`.
fn database() -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE TABLE tasks (
             id INTEGER PRIMARY KEY,
             kind TEXT NOT NULL,
             state TEXT NOT NULL,
             assigned_to INTEGER,
             title TEXT NOT NULL
         );",
    )
    .unwrap();
    let tx = db.unchecked_transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO tasks (kind, state, assigned_to, title) VALUES (?1, ?2, ?3, ?4)")
            .unwrap();
        for (n, task) in generate(IN_SQLITE).iter().enumerate() {
            let title = format!("Task {n}: {} of three assets", task.kind);
            insert
                .execute(params![
                    task.kind.name(),
                    task.state.name(),
                    task.assignee,
                    title
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    db.execute_batch(
        "CREATE INDEX tasks_kind_state ON tasks (kind, state);
         CREATE INDEX tasks_assignee ON tasks (assigned_to);",
    )
    .unwrap();
    db
}

/// The four users of the SQLite benches.
fn users() -> [(&'static str, Roles); 4] {
    [
        ("specialist", Role::OperationSpecialist.into()),
        ("responsible", Role::Responsible.into()),
        ("agent", Role::Agent.into()),
        ("process_manager", Role::ProcessManager.into()),
    ]
}

fn sqlite(c: &mut Criterion) {
    let db = database();
    let mut group = c.benchmark_group("sqlite_100k_tasks");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(4));
    for (name, roles) in users() {
        let user = Subject::new(USER, roles);
        let condition = filter::tasks(&user, Action::Update).sql(Dialect::Sqlite);
        let sql = format!("SELECT id FROM tasks WHERE {condition} ORDER BY id");
        let params: Vec<&i64> = condition.params().collect();
        let pushed = pushed_down(&db, &sql, &params);
        let every = every_row(&db, &user, Action::Update);
        assert_eq!(pushed, every, "{name}: the two lists differ");
        println!(
            "sqlite: {} of {IN_SQLITE} tasks updatable by the {name} ({:.1}%)",
            pushed.len(),
            percent(pushed.len(), IN_SQLITE)
        );
        group.bench_with_input(BenchmarkId::new("pushed_down", name), &sql, |b, sql| {
            b.iter(|| pushed_down(&db, sql, &params));
        });
        group.bench_with_input(BenchmarkId::new("every_row_can", name), &user, |b, user| {
            b.iter(|| every_row(&db, user, Action::Update));
        });
    }
    group.finish();
}

/// Prints the ratios of the medians of this run.
fn ratios() {
    println!("\nratios of this run's medians:");
    if let Some(can) = median("filter_1m_tasks/can_per_task") {
        println!(
            "  1,000,000 tasks in memory: can per task {:.3} ms ({:.2} ns a task)",
            can / 1e6,
            can / 1e6
        );
        for name in [
            "matches_each",
            "matches_columns",
            "matches_columns_i64",
            "allowed_in_columns",
        ] {
            if let Some(t) = median(&format!("filter_1m_tasks/{name}")) {
                println!(
                    "  1,000,000 tasks in memory: {name} {:.3} ms ({:.2} ns a task), {:.1}× faster than can",
                    t / 1e6,
                    t / 1e6,
                    can / t
                );
            }
        }
    }
    for (name, _) in users() {
        if let (Some(pushed), Some(every)) = (
            median(&format!("sqlite_100k_tasks/pushed_down/{name}")),
            median(&format!("sqlite_100k_tasks/every_row_can/{name}")),
        ) {
            println!(
                "  SQLite, {name}: pushed down {:.2} ms, every row and can {:.2} ms: {:.1}×",
                pushed / 1e6,
                every / 1e6,
                every / pushed
            );
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    in_memory(&mut c);
    sqlite(&mut c);
    c.final_summary();
    ratios();
}
