//! The approval inbox and the work queue: the tasks on which a user may fire a
//! workflow event now, out of 100,000 in an SQLite database whose other tables
//! hold the relations (group membership, the responsible persons of the tasks'
//! assets, added approvers, the decommissioning committee).
//!
//! For a stock keeper's approvals and a specialist's queue the example prints the
//! query `filter::task_events(..).sql(..).union()` writes over the host's tables
//! (one `SELECT` a group, `UNION ALL`, the user a bound parameter), SQLite's plan
//! for it after `ANALYZE`, and checks that the list is exactly the one a host gets
//! by loading every row with its relations and calling `workflow::validate`; it
//! exits non-zero if not.
//!
//! ```sh
//! cargo run --release -p itam-rbac-hosts --example approval_inbox
//! ```

#[path = "support/workflow_db.rs"]
mod workflow_db;

use std::process::ExitCode;
use std::time::Instant;

use itam_rbac::filter::{self, Dialect};
use itam_rbac::workflow::{validate, TaskEvent};
use itam_rbac::{Role, Subject};
use rusqlite::Connection;
use workflow_db::{build, host_tables, ids, load_all, KEEPER, SPECIALIST};

/// How many tasks the table holds.
const TASKS: usize = 100_000;

/// Prints one list: the SQL, the plan, the count and both timings; whether the
/// two lists agree.
fn list(
    db: &Connection,
    title: &str,
    user: &Subject<i64>,
    event: TaskEvent,
) -> Result<bool, Box<dyn std::error::Error>> {
    let tables = host_tables();
    let filter = filter::task_events(user, event);
    let sql = filter.sql(Dialect::Sqlite, &tables)?;
    let query = sql.union().to_string();
    let params: Vec<&i64> = sql.params().collect();
    println!("## {title}: {event} for user {}\n", user.id());
    println!("{filter}\n");
    println!("{:#}\n", sql.union());
    let mut plan = db.prepare(&format!("EXPLAIN QUERY PLAN {query}"))?;
    let steps = plan.query_map(rusqlite::params_from_iter(&params), |row| {
        row.get::<_, String>(3)
    })?;
    println!("plan:");
    for step in steps {
        println!("  {}", step?);
    }
    let start = Instant::now();
    let mut pushed = ids(db, &query, &params)?;
    let pushed_time = start.elapsed();
    let start = Instant::now();
    let every: Vec<i64> = load_all(db, *user.id())?
        .into_iter()
        .filter(|(_, task, relations)| validate(user, task, *relations, event).is_ok())
        .map(|(id, _, _)| id)
        .collect();
    let every_time = start.elapsed();
    pushed.sort_unstable();
    let same = pushed == every;
    println!(
        "\n{} tasks: pushed down {pushed_time:.2?}, every row and validate {every_time:.2?}; {}\n",
        pushed.len(),
        if same {
            "the same list"
        } else {
            "DIFFERENT LISTS"
        }
    );
    Ok(same)
}

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let db = build(TASKS, true)?;
    println!("# Approval inbox and work queue over {TASKS} tasks (SQLite, after ANALYZE)\n");
    println!("indexes:");
    for index in host_tables().indexes(Dialect::Sqlite) {
        println!("  {index};");
    }
    println!();
    let keeper = Subject::new(KEEPER, Role::Responsible);
    let specialist = Subject::new(SPECIALIST, Role::OperationSpecialist);
    let inbox = list(
        &db,
        "A stock keeper's approvals",
        &keeper,
        TaskEvent::Approve,
    )?;
    let queue = list(
        &db,
        "A specialist's work queue",
        &specialist,
        TaskEvent::StartWork,
    )?;
    Ok(inbox && queue)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
