//! A list view: the tasks a user may update, out of 100,007 in an SQLite database.
//!
//! Three ways to the same list: the filter pushed into the query as the statement
//! `Sql::select` writes, in its default form (`Form::Union`: one `SELECT` a group,
//! joined by `UNION ALL`) and in one `WHERE` (`Form::Where`, the groups joined by
//! `OR`), the user id a bound parameter, on the indexes `filter::indexes` gives;
//! and loading every row and calling `can` on each. The example prints the
//! statement and SQLite's query plans and times before and after `ANALYZE` (with
//! statistics SQLite may answer the `OR` of the `WHERE` form with a scan of the
//! table, issue 22), checks that the union form's plan uses an index in every step
//! and that the lists are the same, and exits non-zero if not.
//!
//! Then the approval inbox and the work queue (issue 22), over the 100,000 tasks of
//! a workflow database whose other tables hold the relations
//! (`support/workflow_db.rs`): a stock keeper's approvals, and the list view's user
//! (id 7, a specialist in assignment group 7 there, holding the roles given)'s
//! approvals and work queue; each the query `filter::task_events(..).sql(..)`
//! writes, its plan after `ANALYZE`, checked to be exactly the list of loading
//! every row with its relations and calling `workflow::validate`.
//!
//! ```sh
//! cargo run --release -p itam-rbac-hosts --example list_view   # an operation specialist
//! cargo run --release -p itam-rbac-hosts --example list_view -- itam_process_manager
//! ```

#[path = "support/workflow_db.rs"]
mod workflow_db;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use itam_rbac::filter::{self, Columns, Dialect, Form};
use itam_rbac::workflow::TaskEvent;
use itam_rbac::{can, Action, Role, Roles, Subject, Task, TaskKind, TaskState};
use rusqlite::{params, Connection};
use workflow_db::{ids, inboxes, Inbox, Rng, KEEPER};

/// How many tasks the table holds.
const TASKS: usize = 100_007;

/// How many users tasks are assigned to (ids 1 to 200); one task in eleven is
/// unassigned.
const USERS: u64 = 200;

/// The user of the list view.
const USER: i64 = workflow_db::SPECIALIST;

/// How many tasks the workflow database of the approval inbox holds.
const WORKFLOW_TASKS: usize = 100_000;

/// One of `items`, drawn by `rng`.
fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> Option<T> {
    let len = u64::try_from(items.len()).ok()?;
    let i = usize::try_from(rng.below(len)).ok()?;
    items.get(i).copied()
}

/// The table of tasks, with an index on (kind, state) and one on the assignee.
fn database() -> rusqlite::Result<Connection> {
    let db = Connection::open_in_memory()?;
    db.execute_batch(
        "CREATE TABLE tasks (
             id INTEGER PRIMARY KEY,
             kind TEXT NOT NULL,
             state TEXT NOT NULL,
             assigned_to INTEGER,
             title TEXT NOT NULL
         );",
    )?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tx = db.unchecked_transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO tasks (kind, state, assigned_to, title) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for n in 0..TASKS {
            let kind = pick(&mut rng, TaskKind::ALL).unwrap_or(TaskKind::Inventory);
            let state = pick(&mut rng, TaskState::ALL).unwrap_or(TaskState::Registered);
            let who = rng.below(USERS + USERS / 10);
            let assigned_to = (who < USERS).then(|| i64::try_from(who + 1).unwrap_or(0));
            let title = format!("Task {n}: {kind} of three assets");
            insert.execute(params![kind.name(), state.name(), assigned_to, title])?;
        }
    }
    tx.commit()?;
    // The indexes the filter's statements are answered from.
    let ddl = filter::indexes(&Columns::DEFAULT, "tasks", Dialect::Sqlite)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    println!("{ddl}\n");
    db.execute_batch(&ddl.to_string())?;
    Ok(db)
}

/// The list, loading every row and asking `can` about each.
fn every_row(db: &Connection, user: &Subject<i64>) -> rusqlite::Result<Vec<i64>> {
    let mut statement =
        db.prepare_cached("SELECT id, kind, state, assigned_to FROM tasks ORDER BY id")?;
    let mut rows = statement.query([])?;
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        let kind = row.get_ref(1)?.as_str()?.parse::<TaskKind>();
        let state = row.get_ref(2)?.as_str()?.parse::<TaskState>();
        // A row whose kind or state the crate does not know is never listed.
        let (Ok(kind), Ok(state)) = (kind, state) else {
            continue;
        };
        let mut task = Task::new(kind, state);
        if let Some(id) = row.get::<_, Option<i64>>(3)? {
            task = task.assigned_to(id);
        }
        if can(user, Action::Update, &task) {
            ids.push(row.get(0)?);
        }
    }
    Ok(ids)
}

/// The fastest of `runs` runs of `f`, and its last result.
fn fastest<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Option<T>) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    (best, last)
}

fn main() -> ExitCode {
    let roles = match std::env::args().nth(1) {
        Some(names) => match Roles::from_names(names.split(',')) {
            Ok(roles) => roles,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        None => Roles::from(Role::OperationSpecialist),
    };
    let listed = match run(roles) {
        Ok(same) => same,
        Err(e) => {
            eprintln!("SQLite: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!();
    let user = Subject::new(USER, roles);
    let lists = [
        Inbox {
            title: "A stock keeper's approvals",
            user: Subject::new(KEEPER, Role::Responsible),
            event: TaskEvent::Approve,
        },
        Inbox {
            title: "The list view user's approvals",
            user: user.clone(),
            event: TaskEvent::Approve,
        },
        Inbox {
            title: "The list view user's work queue",
            user,
            event: TaskEvent::StartWork,
        },
    ];
    match inboxes(WORKFLOW_TASKS, &lists) {
        Ok(same) if same && listed => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The query plan of `sql`, one step a line.
fn plan(db: &Connection, sql: &str, params: &[&i64]) -> rusqlite::Result<Vec<String>> {
    let mut explain = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let steps = explain.query_map(rusqlite::params_from_iter(params), |row| row.get(3))?;
    steps.collect()
}

/// Whether every step of `plan` that reads the table reads it through an index.
fn indexed(plan: &[String]) -> bool {
    plan.iter().all(|step| {
        !(step.starts_with("SCAN") || step.starts_with("SEARCH")) || step.contains("INDEX")
    })
}

/// One form of the statement: its plan, its list and its best time.
struct Measured {
    plan: Vec<String>,
    ids: Vec<i64>,
    time: Duration,
}

/// Plans and runs `sql` with `params` ten times.
fn measure(db: &Connection, sql: &str, params: &[&i64]) -> rusqlite::Result<Measured> {
    let plan = plan(db, sql, params)?;
    let (time, listed) = fastest(10, || ids(db, sql, params));
    Ok(Measured {
        plan,
        ids: listed.transpose()?.unwrap_or_default(),
        time,
    })
}

/// Builds the table, prints the statement, the plans, the lists' sizes and times
/// before and after `ANALYZE`; whether the union form's plan uses the indexes and
/// the lists agree.
fn run(roles: Roles) -> rusqlite::Result<bool> {
    let db = database()?;
    let user = Subject::new(USER, roles);
    let updatable = filter::tasks(&user, Action::Update);
    let condition = updatable.sql(Dialect::Sqlite);
    let refused = |e: filter::IdentifierError| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
    let union = condition.select(&["id"], "tasks").map_err(refused)?;
    let one_where = union.form(Form::Where);
    let union_sql = format!("{union} ORDER BY id");
    let where_sql = format!("{one_where} ORDER BY id");
    println!("{TASKS} tasks; user {USER} holding {roles:?}");
    println!("{updatable}\n");
    println!("{union:#}\nORDER BY id\n");

    let (every_time, every) = fastest(10, || every_row(&db, &user));
    let every = every.transpose()?.unwrap_or_default();
    let union_params: Vec<&i64> = union.params().collect();
    let where_params: Vec<&i64> = one_where.params().collect();
    let mut ok = true;
    for analyzed in [false, true] {
        if analyzed {
            db.execute_batch("ANALYZE;")?;
        }
        let by_union = measure(&db, &union_sql, &union_params)?;
        let by_where = measure(&db, &where_sql, &where_params)?;
        println!(
            "{}:",
            if analyzed {
                "after ANALYZE"
            } else {
                "before ANALYZE"
            }
        );
        for (name, form) in [("UNION ALL", &by_union), ("one WHERE", &by_where)] {
            println!(
                "  {name}: {:>6} tasks in {:>8.2?} ({:.1}× faster than every row); plan:",
                form.ids.len(),
                form.time,
                every_time.as_secs_f64() / form.time.as_secs_f64()
            );
            for step in &form.plan {
                println!("      {step}");
            }
            if form.ids != every {
                eprintln!("the {name} list differs from every row's!");
                ok = false;
            }
        }
        if !indexed(&by_union.plan) {
            eprintln!("the UNION ALL plan reads the table without an index");
            ok = false;
        }
    }
    println!(
        "every row loaded, then can: {:>6} tasks in {:>8.2?}",
        every.len(),
        every_time
    );
    if ok {
        println!("the lists are the same");
    }
    Ok(ok)
}
