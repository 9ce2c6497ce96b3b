//! A task workflow database in SQLite with realistic relations, for
//! `hosts/examples/approval_inbox.rs`, `hosts/examples/list_view.rs` and
//! `hosts/benches/event_filter.rs` (included with
//! `#[path = "support/workflow_db.rs"] mod workflow_db;`), and the examples' printing
//! and checking of one list ([`inboxes`]).
//!
//! Users: operation specialists 1 to 300 (in 50 assignment groups of six), stock
//! keepers 301 to 400 (the responsible persons of assets), approvers and committee
//! members 401 to 450, process managers 451 to 455. Tasks: every kind; most
//! completed or canceled, a few percent pending approval; one to three assets
//! each; added approvers on a fifth of the approvals; a committee of three on
//! every decommissioning. The stock keeper [`KEEPER`] is responsible for assets of
//! exactly [`KEEPER_PENDING`] pending tasks (and of one task in 500 otherwise,
//! mostly closed: the same one in twenty pending as the whole table): an approval
//! inbox of 100.
#![allow(dead_code, reason = "the examples and the bench each use part of it")]

use std::time::Instant;

use itam_rbac::filter::{self, Dialect, Files, HostTables, Link};
use itam_rbac::workflow::{validate, Relations, TaskEvent};
use itam_rbac::{Subject, Task, TaskKind, TaskState};
use rusqlite::{params, Connection};

/// The stock keeper whose approval inbox is listed.
pub const KEEPER: i64 = 301;
/// How many pending tasks hold an asset [`KEEPER`] is responsible for.
pub const KEEPER_PENDING: usize = 100;
/// An operation specialist.
pub const SPECIALIST: i64 = 7;
/// A process manager.
pub const MANAGER: i64 = 451;
/// An approver (added approver and committee member), holding only `itam_agent`.
pub const APPROVER: i64 = 401;

/// How many assignment groups; specialist `s` is in group `s % GROUPS`.
const GROUPS: u64 = 50;

/// A small fixed-seed generator (xorshift), so every run builds the same tables.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    /// A number from `low` to `high`, as an id.
    fn id(&mut self, low: u64, high: u64) -> i64 {
        i64::try_from(low + self.below(high - low + 1)).unwrap_or(0)
    }
}

/// The host's tables, as the crate is told about them.
#[must_use]
pub fn host_tables() -> HostTables<'static> {
    HostTables::new("tasks", "id")
        .groups(
            "assignment_group",
            Link::new("group_members", "group_id", "user_id"),
        )
        .asset_responsibles(Link::new("task_assets", "task_id", "responsible_id"))
        .approvers(Link::new("task_approvers", "task_id", "user_id"))
        .committee(Link::new("task_committee", "task_id", "user_id"))
        .files(Files::Column("files_attached"))
}

/// The state of a new task: mostly closed, a few percent pending approval.
fn state(rng: &mut Rng) -> TaskState {
    match rng.below(100) {
        0..=59 => TaskState::Completed,
        60..=69 => TaskState::Canceled,
        70..=79 => TaskState::InProgress,
        80..=87 => TaskState::Registered,
        88..=90 => TaskState::Postponed,
        91..=95 => TaskState::PendingApproval,
        _ => TaskState::Approved,
    }
}

/// Creates the tables, fills them with `tasks` tasks, creates the indexes
/// [`HostTables::indexes`] gives, and runs `ANALYZE` if `analyze`.
///
/// # Errors
///
/// SQLite's.
#[expect(
    clippy::too_many_lines,
    reason = "one task and its related rows, generated in one place"
)]
pub fn build(tasks: usize, analyze: bool) -> rusqlite::Result<Connection> {
    let db = Connection::open_in_memory()?;
    db.execute_batch(
        "CREATE TABLE tasks (
             id INTEGER PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL,
             assigned_to INTEGER, created_by INTEGER, created_by_system BOOLEAN NOT NULL,
             submitted_by INTEGER, assignment_group INTEGER, files_attached BOOLEAN NOT NULL,
             title TEXT NOT NULL);
         CREATE TABLE group_members (group_id INTEGER NOT NULL, user_id INTEGER NOT NULL);
         CREATE TABLE task_assets (task_id INTEGER NOT NULL, asset_id INTEGER NOT NULL,
             responsible_id INTEGER);
         CREATE TABLE task_approvers (task_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
             approved BOOLEAN NOT NULL DEFAULT FALSE);
         CREATE TABLE task_committee (task_id INTEGER NOT NULL, user_id INTEGER NOT NULL);",
    )?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tx = db.unchecked_transaction()?;
    {
        let mut member = tx.prepare("INSERT INTO group_members VALUES (?1, ?2)")?;
        for s in 1..=300_i64 {
            member.execute(params![s % 50, s])?;
        }
        let mut task =
            tx.prepare("INSERT INTO tasks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?;
        let mut asset = tx.prepare("INSERT INTO task_assets VALUES (?1, ?2, ?3)")?;
        let mut approver =
            tx.prepare("INSERT INTO task_approvers (task_id, user_id) VALUES (?1, ?2)")?;
        let mut committee = tx.prepare("INSERT INTO task_committee VALUES (?1, ?2)")?;
        // The keeper's pending tasks: spread evenly over the table.
        let keeper_every = (tasks / KEEPER_PENDING.max(1)).max(1);
        let mut keeper_pending = 0;
        for n in 0..tasks {
            let id = i64::try_from(n + 1).unwrap_or(0);
            let kind = TaskKind::ALL
                .get(usize::try_from(rng.below(12)).unwrap_or(0))
                .copied()
                .unwrap_or(TaskKind::Maintenance);
            let mut state = state(&mut rng);
            let keepers = n % keeper_every == 0 && keeper_pending < KEEPER_PENDING;
            if keepers {
                state = TaskState::PendingApproval;
                keeper_pending += 1;
            }
            // Kinds without approval never wait for it.
            let kind = if matches!(state, TaskState::PendingApproval | TaskState::Approved)
                && matches!(kind, TaskKind::Registration | TaskKind::Inventory)
            {
                TaskKind::Maintenance
            } else {
                kind
            };
            let assignee = (rng.below(20) != 0).then(|| rng.id(1, 300));
            let group = assignee.map_or_else(|| rng.id(0, GROUPS - 1), |a| a % 50);
            let system = rng.below(10) == 0;
            let creator = (!system).then(|| rng.id(451, 455));
            let sent = matches!(
                state,
                TaskState::PendingApproval | TaskState::Approved | TaskState::Completed
            );
            let submitter = if sent { assignee } else { None };
            let files = kind == TaskKind::Registration && rng.below(3) == 0;
            let title = format!("Task {id}: {kind}");
            task.execute(params![
                id,
                kind.name(),
                state.name(),
                assignee,
                creator,
                system,
                submitter,
                group,
                files,
                title
            ])?;
            for a in 0..=rng.below(3) {
                let responsible = if keepers && a == 0 {
                    KEEPER
                } else if rng.below(500) == 0 && !matches!(state, TaskState::PendingApproval) {
                    // The keeper's other tasks, in the proportion of the inbox (a
                    // task in twenty is pending): about 2,000 in 1,000,000.
                    KEEPER
                } else {
                    rng.id(302, 400)
                };
                asset.execute(params![id, rng.id(1, 5_000_000), responsible])?;
            }
            if matches!(state, TaskState::PendingApproval | TaskState::Approved)
                && rng.below(5) == 0
            {
                approver.execute(params![id, rng.id(401, 450)])?;
            }
            if kind == TaskKind::Decommissioning {
                for _ in 0..3 {
                    committee.execute(params![id, rng.id(401, 450)])?;
                }
            }
        }
    }
    tx.commit()?;
    for index in host_tables().indexes(Dialect::Sqlite) {
        db.execute_batch(&index.to_string())?;
    }
    if analyze {
        db.execute_batch("ANALYZE")?;
    }
    Ok(db)
}

/// The ids of the rows of `sql`, bound with `params`.
///
/// # Errors
///
/// SQLite's.
pub fn ids(db: &Connection, sql: &str, params: &[&i64]) -> rusqlite::Result<Vec<i64>> {
    let mut statement = db.prepare_cached(sql)?;
    let rows = statement.query_map(rusqlite::params_from_iter(params), |row| row.get(0))?;
    rows.collect()
}

/// Every task with `user`'s relations to it, as a host without the filter loads
/// them: every row, and the user's memberships, assets, approvals and committee
/// seats (four queries by user), then the relations row by row.
///
/// # Errors
///
/// SQLite's.
pub fn load_all(db: &Connection, user: i64) -> rusqlite::Result<Vec<(i64, Task<i64>, Relations)>> {
    use std::collections::HashSet;
    let set = |sql: &str| -> rusqlite::Result<HashSet<i64>> {
        let mut statement = db.prepare_cached(sql)?;
        let rows = statement.query_map([user], |row| row.get(0))?;
        rows.collect()
    };
    let groups = set("SELECT group_id FROM group_members WHERE user_id = ?1")?;
    let assets = set("SELECT task_id FROM task_assets WHERE responsible_id = ?1")?;
    let approvals = set("SELECT task_id FROM task_approvers WHERE user_id = ?1")?;
    let seats = set("SELECT task_id FROM task_committee WHERE user_id = ?1")?;
    let mut statement = db.prepare_cached(
        "SELECT id, kind, state, assigned_to, created_by, created_by_system, submitted_by, \
         assignment_group, files_attached FROM tasks",
    )?;
    let mut rows = statement.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let kind = row.get_ref(1)?.as_str()?.parse::<TaskKind>();
        let state = row.get_ref(2)?.as_str()?.parse::<TaskState>();
        let (Ok(kind), Ok(state)) = (kind, state) else {
            continue;
        };
        let id: i64 = row.get(0)?;
        let mut task = Task::new(kind, state);
        if let Some(who) = row.get::<_, Option<i64>>(3)? {
            task = task.assigned_to(who);
        }
        if let Some(who) = row.get::<_, Option<i64>>(4)? {
            task = task.created_by(who);
        }
        if row.get::<_, bool>(5)? {
            task = task.created_by_system();
        }
        if let Some(who) = row.get::<_, Option<i64>>(6)? {
            task = task.submitted_by(who);
        }
        let mut relations = Relations::empty();
        let group: Option<i64> = row.get(7)?;
        relations.set(
            Relations::IN_ASSIGNMENT_GROUP,
            group.is_some_and(|g| groups.contains(&g)),
        );
        relations.set(Relations::ASSET_RESPONSIBLE, assets.contains(&id));
        relations.set(Relations::ADDED_APPROVER, approvals.contains(&id));
        relations.set(Relations::COMMITTEE_MEMBER, seats.contains(&id));
        relations.set(Relations::FILES_ATTACHED, row.get::<_, bool>(8)?);
        out.push((id, task, relations));
    }
    Ok(out)
}

/// One list of [`inboxes`]: its title, its user and the event.
pub struct Inbox<'t> {
    /// What the list is, e.g. "A stock keeper's approvals".
    pub title: &'t str,
    /// Whose list it is.
    pub user: Subject<i64>,
    /// The event the listed tasks allow now.
    pub event: TaskEvent,
}

/// Prints one list: the filter, the SQL, the plan, the count and both timings;
/// whether the pushed-down ids are exactly those of loading every row and calling
/// `workflow::validate`.
fn inbox(db: &Connection, list: &Inbox<'_>) -> Result<bool, Box<dyn std::error::Error>> {
    let Inbox { title, user, event } = list;
    let tables = host_tables();
    let filter = filter::task_events(user, *event);
    let sql = filter.sql(Dialect::Sqlite, &tables)?;
    let query = sql.union().to_string();
    let params: Vec<&i64> = sql.params().collect();
    println!(
        "## {title}: {event} for user {} holding {:?}\n",
        user.id(),
        user.granted()
    );
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
        .filter(|(_, task, relations)| validate(user, task, *relations, *event).is_ok())
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
    if !same {
        eprintln!("{title}: the pushed-down list differs from every row's!");
    }
    Ok(same)
}

/// Builds the workflow database of `tasks` tasks (after `ANALYZE`), prints its
/// indexes and each of `lists` ([`inbox`]); whether every list is exactly the one
/// of loading every row and calling `workflow::validate`.
///
/// # Errors
///
/// SQLite's, or the filter's SQL refused for the host's tables.
pub fn inboxes(tasks: usize, lists: &[Inbox<'_>]) -> Result<bool, Box<dyn std::error::Error>> {
    let db = build(tasks, true)?;
    println!("# Approval inbox and work queue over {tasks} tasks (SQLite, after ANALYZE)\n");
    println!("indexes:");
    for index in host_tables().indexes(Dialect::Sqlite) {
        println!("  {index};");
    }
    println!();
    let mut ok = true;
    for list in lists {
        ok &= inbox(&db, list)?;
    }
    Ok(ok)
}
