//! Criterion benches of the workflow event filters in SQLite, and the ratios of
//! one run.
//!
//! 1,000,000 tasks with realistic relations (`hosts/examples/support/workflow_db.rs`:
//! group memberships, one to three assets a task with their responsible persons,
//! added approvers, decommissioning committees), the indexes
//! `HostTables::indexes` gives. For four users the `UNION ALL` query
//! `filter::task_events(..).sql(..).union()` writes, against loading every row
//! with the user's relations and calling `workflow::validate` (the same ids,
//! checked before timing):
//!
//! - a stock keeper's approval inbox (`approve`, 100 pending tasks hold one of
//!   their assets);
//! - an operation specialist's work queue (`start_work`: assigned, or in the
//!   assignment group);
//! - a process manager's cancellable tasks (`cancel`: every open task);
//! - an approver holding only `itam_agent` (`approve`: added approver or
//!   committee member).
//!
//! Before `ANALYZE` and after it (the pushed-down query; loading every row does
//! not depend on statistics). At the end the bench prints the ratios of the
//! medians of this run, and the plans.
//!
//! With `ITAM_PG_SOCKET_DIR` (a server of `.ci/postgres`), the same tables in
//! PostgreSQL first: each query under `EXPLAIN ANALYZE`, before and after
//! `ANALYZE` (`ITAM_BENCH_PLANS=1` prints the plans; `ITAM_BENCH_PG_ONLY=1` stops
//! there).
//!
//! `cargo bench -p itam-rbac-hosts --bench event_filter`
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
#[path = "../examples/support/workflow_db.rs"]
mod workflow_db;

use std::fmt::Write as _;
use std::time::Duration;

use criterion::Criterion;
use itam_rbac::filter::{self, Dialect};
use itam_rbac::workflow::{validate, TaskEvent};
use itam_rbac::{Role, Roles, Subject};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use support::{median, psql};
use workflow_db::{build, host_tables, ids, load_all, APPROVER, KEEPER, MANAGER, SPECIALIST};

/// How many tasks.
const TASKS: usize = 1_000_000;

/// The four users: name, id, roles, event.
fn users() -> [(&'static str, i64, Roles, TaskEvent); 4] {
    [
        (
            "keeper_inbox",
            KEEPER,
            Role::Responsible.into(),
            TaskEvent::Approve,
        ),
        (
            "specialist_queue",
            SPECIALIST,
            Role::OperationSpecialist.into(),
            TaskEvent::StartWork,
        ),
        (
            "manager_cancel",
            MANAGER,
            Role::ProcessManager.into(),
            TaskEvent::Cancel,
        ),
        (
            "agent_approver",
            APPROVER,
            Role::Agent.into(),
            TaskEvent::Approve,
        ),
    ]
}

/// The query and its parameters for a user.
fn query(id: i64, roles: Roles, event: TaskEvent) -> (String, usize) {
    let user = Subject::new(id, roles);
    let tables = host_tables();
    let filter = filter::task_events(&user, event);
    let sql = filter.sql(Dialect::Sqlite, &tables).unwrap();
    let query = sql.union().to_string();
    let params = sql.params().len();
    (query, params)
}

/// The list, every row loaded and `validate` asked.
fn every_row(db: &Connection, id: i64, roles: Roles, event: TaskEvent) -> Vec<i64> {
    let user = Subject::new(id, roles);
    load_all(db, id)
        .unwrap()
        .into_iter()
        .filter(|(_, task, relations)| validate(&user, task, *relations, event).is_ok())
        .map(|(id, _, _)| id)
        .collect()
}

fn pushed(db: &Connection, sql: &str, id: i64, params: usize) -> Vec<i64> {
    let params: Vec<&i64> = std::iter::repeat_n(&id, params).collect();
    ids(db, sql, &params).unwrap()
}

fn plan(db: &Connection, sql: &str, id: i64, params: usize) -> Vec<String> {
    let params: Vec<&i64> = std::iter::repeat_n(&id, params).collect();
    let mut statement = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = statement
        .query_map(rusqlite::params_from_iter(params), |row| {
            row.get::<_, String>(3)
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn bench(c: &mut Criterion, db: &Connection, stage: &str, baseline: bool) {
    let mut group = c.benchmark_group(format!("sqlite_1m_tasks_{stage}"));
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for (name, id, roles, event) in users() {
        let (sql, params) = query(id, roles, event);
        let mut list = pushed(db, &sql, id, params);
        list.sort_unstable();
        if baseline {
            assert_eq!(list, every_row(db, id, roles, event), "{name}");
        }
        println!("{stage} {name}: {} tasks; plan:", list.len());
        for step in plan(db, &sql, id, params) {
            println!("    {step}");
        }
        group.bench_function(format!("pushed_down/{name}"), |b| {
            b.iter(|| pushed(db, &sql, id, params));
        });
        if baseline {
            group.bench_function(format!("every_row_validate/{name}"), |b| {
                b.iter(|| every_row(db, id, roles, event));
            });
        }
    }
    group.finish();
}

/// The SQLite tables as PostgreSQL `COPY` text: `\N` for `NULL`, `t`/`f` for
/// booleans.
fn copy_script(db: &Connection) -> String {
    let mut script = String::from(
        "DROP SCHEMA IF EXISTS itam_bench CASCADE; CREATE SCHEMA itam_bench; \
         SET search_path = itam_bench;\n\
         CREATE TABLE tasks (id bigint PRIMARY KEY, kind text NOT NULL, state text NOT NULL, \
         assigned_to bigint, created_by bigint, created_by_system boolean NOT NULL, \
         submitted_by bigint, assignment_group bigint, files_attached boolean NOT NULL, \
         title text NOT NULL);\n\
         CREATE TABLE group_members (group_id bigint NOT NULL, user_id bigint NOT NULL);\n\
         CREATE TABLE task_assets (task_id bigint NOT NULL, asset_id bigint NOT NULL, \
         responsible_id bigint);\n\
         CREATE TABLE task_approvers (task_id bigint NOT NULL, user_id bigint NOT NULL, \
         approved boolean NOT NULL);\n\
         CREATE TABLE task_committee (task_id bigint NOT NULL, user_id bigint NOT NULL);\n",
    );
    for table in [
        "tasks",
        "group_members",
        "task_assets",
        "task_approvers",
        "task_committee",
    ] {
        let mut statement = db.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let columns = statement.column_count();
        let _ = writeln!(script, "COPY {table} FROM STDIN;");
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                if i > 0 {
                    script.push('\t');
                }
                match row.get_ref(i).unwrap() {
                    ValueRef::Null => script.push_str("\\N"),
                    ValueRef::Integer(n) => {
                        let boolean = table == "tasks" && (i == 5 || i == 8)
                            || table == "task_approvers" && i == 2;
                        if boolean {
                            script.push(if n == 0 { 'f' } else { 't' });
                        } else {
                            let _ = write!(script, "{n}");
                        }
                    }
                    ValueRef::Text(t) => script.push_str(std::str::from_utf8(t).unwrap()),
                    ValueRef::Real(_) | ValueRef::Blob(_) => panic!("no such column"),
                }
            }
            script.push('\n');
        }
        script.push_str("\\.\n");
    }
    for index in host_tables().indexes(Dialect::Postgres) {
        let _ = writeln!(script, "{index};");
    }
    script
}

/// PostgreSQL (the server of `ITAM_PG_SOCKET_DIR`): the same tables, each user's
/// query as a prepared statement under `EXPLAIN ANALYZE` (the median of fifteen
/// execution times, and the fastest), before `ANALYZE` and after `VACUUM ANALYZE`, against a sequential read of the
/// whole task table (`EXPLAIN ANALYZE SELECT * FROM tasks`: a lower bound of
/// loading every row, which also moves them to the host and calls `validate`).
fn postgres(db: &Connection, dir: &str) {
    println!("\nPostgreSQL, 1,000,000 tasks (EXPLAIN ANALYZE, median and fastest of fifteen executions):");
    psql(dir, &copy_script(db));
    let mut plans: Vec<(String, String)> = Vec::new();
    for stage in ["before ANALYZE", "after VACUUM ANALYZE"] {
        let mut script = String::from("SET search_path = itam_bench;\n");
        if stage == "after VACUUM ANALYZE" {
            // What autovacuum does: statistics, and the visibility map that lets
            // the link tables' indexes answer without the heap.
            script.push_str("VACUUM ANALYZE;\n");
        }
        for (i, (name, id, roles, event)) in users().into_iter().enumerate() {
            let user = Subject::new(id, roles);
            let tables = host_tables();
            let filter = filter::task_events(&user, event);
            let sql = filter.sql(Dialect::Postgres, &tables).unwrap();
            let args = if sql.params().len() == 0 {
                String::new()
            } else {
                format!("({id})")
            };
            let _ = writeln!(script, "PREPARE q{i} AS {};", sql.union());
            for _ in 0..15 {
                let _ = writeln!(script, "\\echo {name}\nEXPLAIN ANALYZE EXECUTE q{i}{args};");
            }
            let _ = writeln!(script, "DEALLOCATE q{i};");
        }
        for _ in 0..3 {
            script.push_str("\\echo every_row\nEXPLAIN ANALYZE SELECT * FROM tasks;\n");
        }
        let out = psql(dir, &script);
        let mut times: Vec<(String, Vec<f64>)> = Vec::new();
        let mut current = String::new();
        for line in out.lines() {
            if let Some(ms) = line
                .trim()
                .strip_prefix("Execution Time: ")
                .and_then(|t| t.strip_suffix(" ms"))
            {
                let ms: f64 = ms.parse().unwrap();
                match times.iter_mut().find(|(n, _)| *n == current) {
                    Some((_, t)) => t.push(ms),
                    None => times.push((current.clone(), vec![ms])),
                }
            } else if users().iter().any(|u| u.0 == line) || line == "every_row" {
                line.clone_into(&mut current);
            }
            // The plan of each query's last execution.
            if users().iter().any(|u| u.0 == line) || line == "every_row" {
                let header = format!("{line} ({stage})");
                plans.retain(|(h, _)| *h != header);
                plans.push((header, String::new()));
            } else if let Some((_, plan)) = plans.last_mut() {
                plan.push_str(line);
                plan.push('\n');
            }
        }
        let median = |name: &str| {
            let mut t = times
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            t.sort_by(f64::total_cmp);
            (
                t.get(t.len() / 2).copied().unwrap_or(f64::NAN),
                t.first().copied().unwrap_or(f64::NAN),
            )
        };
        let (every, _) = median("every_row");
        for (name, ..) in users() {
            let (ms, fastest) = median(name);
            println!(
                "  {stage}, {name}: {ms:.2} ms (fastest {fastest:.2}); reading every row {every:.1} ms: {:.0}×",
                every / ms
            );
        }
    }
    if std::env::var_os("ITAM_BENCH_PLANS").is_some() {
        for (header, plan) in plans {
            println!("{header}\n{plan}");
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let db = build(TASKS, false).unwrap();
    if let Ok(dir) = std::env::var("ITAM_PG_SOCKET_DIR") {
        postgres(&db, &dir);
    }
    if std::env::var_os("ITAM_BENCH_PG_ONLY").is_some() {
        return;
    }
    bench(&mut c, &db, "before_analyze", false);
    db.execute_batch("ANALYZE").unwrap();
    bench(&mut c, &db, "after_analyze", true);
    c.final_summary();
    println!("\nratios of this run's medians (1,000,000 tasks, SQLite):");
    for (name, ..) in users() {
        let before = median(&format!(
            "sqlite_1m_tasks_before_analyze/pushed_down_{name}"
        ));
        let after = median(&format!("sqlite_1m_tasks_after_analyze/pushed_down_{name}"));
        let every = median(&format!(
            "sqlite_1m_tasks_after_analyze/every_row_validate_{name}"
        ));
        if let (Some(before), Some(after), Some(every)) = (before, after, every) {
            println!(
                "  {name}: pushed down {:.2} ms before ANALYZE, {:.2} ms after; every row and validate {:.1} ms: {:.0}× / {:.0}×",
                before / 1e6,
                after / 1e6,
                every / 1e6,
                every / before,
                every / after
            );
        }
    }
}
