//! What the list-view benches share (each bench is its own binary and includes
//! this module with `#[path = "support/mod.rs"] mod support;`, using some of it):
//! a fixed-seed generator, the two ways to load a user's list from an SQLite
//! `tasks` table, criterion's medians of this run, and the `psql` runner.
#![allow(dead_code, reason = "each bench uses some of the items")]

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use itam_rbac::{can, Action, Subject, Task, TaskKind, TaskState};
use rusqlite::Connection;

/// A small fixed-seed generator (xorshift), as in `hosts/examples/list_view.rs`.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    /// One of `items`, uniformly.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[usize::try_from(self.below(items.len() as u64)).unwrap()]
    }

    /// One of `items` by its weight.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut at = self.below(total);
        for &(item, weight) in items {
            if at < weight {
                return item;
            }
            at -= weight;
        }
        items[0].0
    }
}

/// The list, the filter pushed into the query: the ids `sql` selects with
/// `params` (those of `Sql::params`) bound.
pub fn pushed_down(db: &Connection, sql: &str, params: &[&i64]) -> Vec<i64> {
    let mut statement = db.prepare_cached(sql).unwrap();
    statement
        .query_map(rusqlite::params_from_iter(params), |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The list, loading every row of `tasks` and calling `can` for `action` on each.
pub fn every_row(db: &Connection, user: &Subject<i64>, action: Action) -> Vec<i64> {
    let mut statement = db
        .prepare_cached("SELECT id, kind, state, assigned_to FROM tasks ORDER BY id")
        .unwrap();
    let mut rows = statement.query([]).unwrap();
    let mut ids = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        let kind = row
            .get_ref(1)
            .unwrap()
            .as_str()
            .unwrap()
            .parse::<TaskKind>();
        let state = row
            .get_ref(2)
            .unwrap()
            .as_str()
            .unwrap()
            .parse::<TaskState>();
        let (Ok(kind), Ok(state)) = (kind, state) else {
            continue;
        };
        let mut task = Task::new(kind, state);
        if let Some(id) = row.get::<_, Option<i64>>(3).unwrap() {
            task = task.assigned_to(id);
        }
        if can(user, action, &task) {
            ids.push(row.get(0).unwrap());
        }
    }
    ids
}

/// `part` of `whole` in percent.
#[expect(clippy::cast_precision_loss, reason = "a percentage to print")]
pub fn percent(part: usize, whole: usize) -> f64 {
    part as f64 * 100.0 / whole as f64
}

/// The median criterion measured for `id` in this run, in nanoseconds.
pub fn median(id: &str) -> Option<f64> {
    // The workspace's target directory, where criterion writes (benches run in
    // `hosts/`).
    let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")),
        PathBuf::from,
    );
    let path = dir
        .join("criterion")
        .join(id)
        .join("new")
        .join("estimates.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// Runs `script` through `psql` on the server in `dir`; its output. The script
/// is written from another thread, so that a long output cannot block it.
pub fn psql(dir: &str, script: &str) -> String {
    let mut child = Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
        .args(["-h", dir, "-U", "postgres", "-d", "postgres", "-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run psql (Debian package postgresql-client): {e}"));
    let mut stdin = child.stdin.take().unwrap();
    let script = script.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(script.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "psql failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
