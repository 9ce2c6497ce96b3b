//! The list view at scale (issue 22): 1,000,000 tasks with a realistic spread
//! (most tasks completed or canceled, maintenance the commonest kind, 2,000
//! assignees, one task in twenty unassigned), the indexes of `filter::indexes`,
//! before `ANALYZE` and after it. For four users (a plain agent, an operation specialist, a
//! responsible, a process manager), the tasks they may update, three ways:
//!
//! - `union`: the statement of `Sql::select` in its default form (`Form::Union`,
//!   one `SELECT` a group, joined by `UNION ALL`);
//! - `where`: the same filter in one `WHERE` (`Form::Where`, groups joined by
//!   `OR`);
//! - `every_row_can`: loading every row and calling `can` on each.
//!
//! The three lists are checked equal before timing. SQLite (bundled, in memory)
//! through criterion; PostgreSQL, when `ITAM_PG_SOCKET_DIR` names a server
//! (`.ci/postgres start`), through `psql` with `\timing` (the best of five runs of
//! each prepared statement, its rows written to `/dev/null`; loading every row is
//! `psql`'s time to fetch the four columns of every row plus this process's time
//! to call `can` on 1,000,000 parsed tasks). The table is built once a run; the
//! measurement times are short. At the end the bench prints the ratios of this
//! run's medians.
//!
//! `cargo bench -p itam-rbac-hosts --bench list_scale`
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

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use itam_rbac::filter::{self, Columns, Dialect, Form};
use itam_rbac::{can, Action, Role, Roles, Subject, Task, TaskKind, TaskState};
use rusqlite::{params, Connection};
use support::{every_row, median, percent, psql, pushed_down, Rng};

/// How many tasks the table holds.
const TASKS: usize = 1_000_000;

/// How many users tasks are assigned to (ids 1 to 2,000).
const USERS: u64 = 2_000;

/// The user of every list.
const USER: i64 = 7;

/// The action of every list.
const ACTION: Action = Action::Update;

/// The spread of kinds: maintenance the commonest, disposal and stock changes rare.
fn kinds() -> Vec<(TaskKind, u64)> {
    TaskKind::ALL
        .iter()
        .map(|&kind| {
            let weight = match kind {
                TaskKind::Maintenance => 30,
                TaskKind::Allocation | TaskKind::Relocation => 12,
                TaskKind::Inventory | TaskKind::Registration => 8,
                TaskKind::ReturnToStock | TaskKind::AssetTransfer => 6,
                TaskKind::Upgrading | TaskKind::Decommissioning => 5,
                TaskKind::ChangeOfStock | TaskKind::Disposal => 3,
                TaskKind::ChangeOfResponsible => 2,
            };
            (kind, weight)
        })
        .collect()
}

/// The spread of states: most tasks done.
fn states() -> Vec<(TaskState, u64)> {
    TaskState::ALL
        .iter()
        .map(|&state| {
            let weight = match state {
                TaskState::Completed => 60,
                TaskState::Canceled => 10,
                TaskState::InProgress => 10,
                TaskState::Registered => 8,
                TaskState::Postponed => 5,
                TaskState::PendingApproval => 4,
                TaskState::Approved => 3,
            };
            (state, weight)
        })
        .collect()
}

/// The rows: `(id, kind, state, assigned_to)`.
fn rows() -> Vec<(i64, TaskKind, TaskState, Option<i64>)> {
    let (kinds, states) = (kinds(), states());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (1..=TASKS)
        .map(|id| {
            let kind = rng.weighted(&kinds);
            let state = rng.weighted(&states);
            let who = rng.below(USERS * 20 / 19);
            let assigned_to = (who < USERS).then(|| i64::try_from(who + 1).unwrap());
            (i64::try_from(id).unwrap(), kind, state, assigned_to)
        })
        .collect()
}

/// The SQLite table and its indexes (no statistics yet).
fn sqlite_database(rows: &[(i64, TaskKind, TaskState, Option<i64>)]) -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE TABLE tasks (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL,
             assigned_to INTEGER, title TEXT NOT NULL);",
    )
    .unwrap();
    let tx = db.unchecked_transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO tasks VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        for &(id, kind, state, assigned_to) in rows {
            let title = format!("Task {id}: {kind} of three assets");
            insert
                .execute(params![id, kind.name(), state.name(), assigned_to, title])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    let ddl = filter::indexes(&Columns::DEFAULT, "tasks", Dialect::Sqlite).unwrap();
    db.execute_batch(&ddl.to_string()).unwrap();
    db
}

/// The four users.
fn users() -> [(&'static str, Roles); 4] {
    [
        ("agent", Role::Agent.into()),
        ("specialist", Role::OperationSpecialist.into()),
        ("responsible", Role::Responsible.into()),
        ("process_manager", Role::ProcessManager.into()),
    ]
}

/// The statement of `user`'s list in `form` for `dialect`, ordered by id, and
/// its parameters.
fn statement(user: &Subject<i64>, form: Form, dialect: Dialect) -> (String, Vec<i64>) {
    let sql = filter::tasks(user, ACTION).sql(dialect);
    let select = sql.select(&["id"], "tasks").unwrap().form(form);
    (
        format!("{select} ORDER BY id"),
        select.params().copied().collect(),
    )
}

fn sqlite(c: &mut Criterion, rows: &[(i64, TaskKind, TaskState, Option<i64>)]) {
    let start = Instant::now();
    let db = sqlite_database(rows);
    println!(
        "sqlite: {TASKS} tasks built and indexed in {:.1?}",
        start.elapsed()
    );
    for stage in ["before", "after"] {
        if stage == "after" {
            db.execute_batch("ANALYZE").unwrap();
        }
        let mut group = c.benchmark_group(format!("sqlite_1m_tasks_{stage}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for (name, roles) in users() {
            let user = Subject::new(USER, roles);
            let every = every_row(&db, &user, ACTION);
            println!(
                "sqlite: {} of {TASKS} tasks updatable by the {name} ({:.1}%)",
                every.len(),
                percent(every.len(), TASKS)
            );
            for (label, form) in [("union", Form::Union), ("where", Form::Where)] {
                let (sql, params) = statement(&user, form, Dialect::Sqlite);
                let params: Vec<&i64> = params.iter().collect();
                assert_eq!(pushed_down(&db, &sql, &params), every, "{name} {label}");
                let plan = plan(&db, &sql, &params);
                println!(
                    "sqlite, {stage} ANALYZE: {name} {label} plan: {}",
                    plan.join(" | ")
                );
                group.bench_function(BenchmarkId::new(label, name), |b| {
                    b.iter(|| black_box(pushed_down(&db, &sql, &params)));
                });
            }
            // Loading every row does not depend on the statistics: once.
            if stage == "after" {
                group.bench_function(BenchmarkId::new("every_row_can", name), |b| {
                    b.iter(|| black_box(every_row(&db, &user, ACTION)));
                });
            }
        }
        group.finish();
    }
}

/// The query plan of `sql`, one step an entry.
fn plan(db: &Connection, sql: &str, params: &[&i64]) -> Vec<String> {
    let mut explain = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    explain
        .query_map(rusqlite::params_from_iter(params), |row| row.get(3))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The best of the `Time: x ms` lines `psql` printed after each `-- label` mark.
fn best_times(output: &str) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    let mut label = String::new();
    for line in output.lines() {
        if let Some(mark) = line.strip_prefix("mark ") {
            label = mark.to_string();
        } else if let Some(time) = line.strip_prefix("Time: ") {
            let ms: f64 = time.split_whitespace().next().unwrap().parse().unwrap();
            match out.iter_mut().find(|(l, _)| *l == label) {
                Some((_, best)) => *best = best.min(ms),
                None => out.push((label.clone(), ms)),
            }
        }
    }
    out
}

/// PostgreSQL through `psql`: the table (autovacuum off, so that no statistics
/// come before `ANALYZE`) and its indexes, the best of five runs of each
/// statement, then `ANALYZE` and the same again. Returns `(union before, where
/// before, union after, where after, every row + can)` in milliseconds, a user
/// an entry.
fn postgres(dir: &str, rows: &[(i64, TaskKind, TaskState, Option<i64>)]) -> Vec<[f64; 5]> {
    let start = Instant::now();
    let mut script = String::from(
        "DROP TABLE IF EXISTS tasks;\n\
         CREATE TABLE tasks (id bigint PRIMARY KEY, kind text NOT NULL, state text NOT NULL, \
         assigned_to bigint, title text NOT NULL) WITH (autovacuum_enabled = false);\n\
         COPY tasks FROM STDIN;\n",
    );
    for &(id, kind, state, assigned_to) in rows {
        let who = assigned_to.map_or_else(|| "\\N".to_string(), |a| a.to_string());
        let _ = writeln!(
            script,
            "{id}\t{kind}\t{state}\t{who}\tTask {id}: {kind} of three assets"
        );
    }
    script.push_str("\\.\n");
    let ddl = filter::indexes(&Columns::DEFAULT, "tasks", Dialect::Postgres).unwrap();
    let _ = writeln!(script, "{ddl}");
    psql(dir, &script);
    println!(
        "postgres: {TASKS} tasks built and indexed in {:.1?}",
        start.elapsed()
    );
    let before = best_times(&postgres_runs(dir, "before"));
    psql(dir, "ANALYZE tasks;");
    let after = best_times(&postgres_runs(dir, "after"));
    let time = |times: &[(String, f64)], label: &str| {
        times
            .iter()
            .find(|(l, _)| l == label)
            .map_or(f64::NAN, |t| t.1)
    };

    // Calling `can` on every row, parsed: timed here, added to psql's fetch.
    let text: Vec<(i64, String, String, Option<i64>)> = rows
        .iter()
        .map(|&(id, kind, state, who)| (id, kind.name().to_string(), state.name().to_string(), who))
        .collect();
    users()
        .iter()
        .map(|&(name, roles)| {
            let user = Subject::new(USER, roles);
            let start = Instant::now();
            let mut allowed = 0_usize;
            for (_, kind, state, who) in &text {
                let (Ok(kind), Ok(state)) = (kind.parse::<TaskKind>(), state.parse::<TaskState>())
                else {
                    continue;
                };
                let mut task = Task::new(kind, state);
                if let Some(id) = who {
                    task = task.assigned_to(*id);
                }
                allowed += usize::from(can(&user, ACTION, black_box(&task)));
            }
            let decide = start.elapsed().as_secs_f64() * 1e3;
            black_box(allowed);
            [
                time(&before, &format!("{name}_union")),
                time(&before, &format!("{name}_where")),
                time(&after, &format!("{name}_union")),
                time(&after, &format!("{name}_where")),
                time(&after, "every_row") + decide,
            ]
        })
        .collect()
}

/// Each user's two statements, five runs each, and five fetches of every row,
/// through `psql` with `\timing`; the plans printed, marked with `stage`.
fn postgres_runs(dir: &str, stage: &str) -> String {
    // `\echo` and `\timing` write to standard output; the rows go to /dev/null
    // (`\o`), the plans to standard output.
    let mut script = String::from("\\timing on\n\\o /dev/null\n");
    for (name, roles) in users() {
        let user = Subject::new(USER, roles);
        for (label, form) in [("union", Form::Union), ("where", Form::Where)] {
            let (sql, params) = statement(&user, form, Dialect::Postgres);
            let args = if params.is_empty() {
                String::new()
            } else {
                let params: Vec<String> = params.iter().map(ToString::to_string).collect();
                format!("({})", params.join(", "))
            };
            let _ = writeln!(script, "PREPARE {name}_{label} AS {sql};");
            let _ = writeln!(script, "\\echo mark {name}_{label}");
            for _ in 0..5 {
                let _ = writeln!(script, "EXECUTE {name}_{label}{args};");
            }
            let _ = writeln!(
                script,
                "\\echo mark plan\n\\timing off\n\\o\n\
                 EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) EXECUTE {name}_{label}{args};\n\
                 \\o /dev/null\n\\timing on"
            );
        }
    }
    script.push_str("\\echo mark every_row\n");
    for _ in 0..5 {
        script.push_str("SELECT id, kind, state, assigned_to FROM tasks ORDER BY id;\n");
    }
    let output = psql(dir, &script);
    for line in output.lines().filter(|l| !l.starts_with("Time: ")) {
        println!("postgres, {stage} ANALYZE: {line}");
    }
    output
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let rows = rows();
    sqlite(&mut c, &rows);
    c.final_summary();
    let pg = std::env::var("ITAM_PG_SOCKET_DIR")
        .ok()
        .filter(|d| !d.is_empty())
        .map(|dir| postgres(&dir, &rows));
    println!("\nratios of this run (every row loaded and can, over the pushed-down statement):");
    for (i, (name, _)) in users().iter().enumerate() {
        let get =
            |stage: &str, label: &str| median(&format!("sqlite_1m_tasks_{stage}/{label}/{name}"));
        if let Some(every) = get("after", "every_row_can") {
            for stage in ["before", "after"] {
                if let (Some(union), Some(one)) = (get(stage, "union"), get(stage, "where")) {
                    println!(
                        "  SQLite, {name}, {stage} ANALYZE: union {:.2} ms ({:.1}×), where {:.2} ms ({:.1}×), \
                         every row {:.1} ms",
                        union / 1e6,
                        every / union,
                        one / 1e6,
                        every / one,
                        every / 1e6
                    );
                }
            }
        }
        if let Some(&[union0, one0, union, one, every]) = pg.as_ref().and_then(|pg| pg.get(i)) {
            for (stage, union, one) in [("before", union0, one0), ("after", union, one)] {
                println!(
                    "  PostgreSQL, {name}, {stage} ANALYZE: union {union:.2} ms ({:.1}×), where {one:.2} ms \
                     ({:.1}×), every row {every:.1} ms",
                    every / union,
                    every / one
                );
            }
        }
    }
}
