//! Criterion benches of the workflow event filters in SQLite, and the ratios of
//! one run.
//!
//! 1,000,000 tasks with realistic relations (`examples/support/workflow_db.rs`:
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
//! `cargo bench --bench event_filter`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a bench: criterion's macros generate undocumented items, and a failed setup should stop it"
)]

#[path = "../examples/support/workflow_db.rs"]
mod workflow_db;

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;
use itam_rbac::filter::{self, Dialect};
use itam_rbac::workflow::{validate, TaskEvent};
use itam_rbac::{Role, Roles, Subject};
use rusqlite::Connection;
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
    let params: Vec<&i64> = std::iter::repeat(&id).take(params).collect();
    ids(db, sql, &params).unwrap()
}

fn plan(db: &Connection, sql: &str, id: i64, params: usize) -> Vec<String> {
    let params: Vec<&i64> = std::iter::repeat(&id).take(params).collect();
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

/// The median of a bench of this run, in nanoseconds.
fn median(id: &str) -> Option<f64> {
    let dir =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let path = dir
        .join("criterion")
        .join(id)
        .join("new")
        .join("estimates.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let db = build(TASKS, false).unwrap();
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
