//! What the PostgreSQL test modules share: the test server named by
//! `ITAM_PG_SOCKET_DIR`, the `psql` client that drives it, SQL literals, and the
//! `name:1,2,3` lines the prepared statements print.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::filter_space::{RecordRow, TaskRow};

/// The socket directory of the test server, or `None` when the test is skipped:
/// then `file` (the test module) did not check `what` against PostgreSQL, which
/// is written to the process's standard error, unless `CI` is set: then it fails.
pub fn server(file: &str, what: &str) -> Option<String> {
    match std::env::var("ITAM_PG_SOCKET_DIR") {
        Ok(dir) if !dir.is_empty() => Some(dir),
        _ if std::env::var_os("CI").is_some() => panic!(
            "CI is set but ITAM_PG_SOCKET_DIR is not: no PostgreSQL server to test {what} \
             against (.ci/run starts one with .ci/postgres)"
        ),
        _ => {
            // Straight to the process's standard error: the test harness captures
            // `eprintln!` of a passing test, which made a skipped run look like a
            // pass.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED, NOT PASSED: {file} did not check {what} against PostgreSQL: \
                 ITAM_PG_SOCKET_DIR is not set (.ci/run starts a server with .ci/postgres; by \
                 hand: export ITAM_PG_SOCKET_DIR=$(bash .ci/postgres start)) ***\n"
            );
            None
        }
    }
}

/// Runs `script` through `psql` on the server in `dir`; returns its output.
pub fn psql(dir: &str, script: &str) -> String {
    let mut child = Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
        .args(["-h", dir, "-U", "postgres", "-d", "postgres", "-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run psql (Debian package postgresql-client): {e}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "psql failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `text` as an SQL literal, or `NULL`.
fn text(value: Option<&str>) -> String {
    value.map_or_else(
        || "NULL".to_string(),
        |v| format!("'{}'", v.replace('\'', "''")),
    )
}

/// `value` as an SQL literal, or `NULL`.
fn literal<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "NULL".to_string(), |v| v.to_string())
}

/// The script that creates and fills the two (temporary) tables of
/// `filter_space`, the records of every kind in one, without indexes.
pub fn tables(tasks: &[TaskRow], records: &[RecordRow]) -> String {
    let mut script = String::from(
        "CREATE TEMP TABLE tasks (id bigint PRIMARY KEY, kind text, state text, assigned_to bigint);\n\
         CREATE TEMP TABLE records (id bigint PRIMARY KEY, kind text NOT NULL, state text, \
         assigned_to bigint, created_by bigint, created_by_system boolean, has_document boolean, \
         submitted_by bigint);\n",
    );
    script.push_str("INSERT INTO tasks VALUES\n");
    for (i, row) in tasks.iter().enumerate() {
        let sep = if i + 1 == tasks.len() { ";\n" } else { ",\n" };
        let _ = write!(
            script,
            "({}, {}, {}, {}){sep}",
            row.id,
            text(row.kind.as_deref()),
            text(row.state.as_deref()),
            literal(row.assigned_to)
        );
    }
    script.push_str("INSERT INTO records VALUES\n");
    for (i, row) in records.iter().enumerate() {
        let sep = if i + 1 == records.len() { ";\n" } else { ",\n" };
        let _ = write!(
            script,
            "({}, '{}', {}, {}, {}, {}, {}, {}){sep}",
            row.id,
            row.kind,
            text(row.state.as_deref()),
            literal(row.assigned_to),
            literal(row.created_by),
            literal(row.created_by_system),
            literal(row.has_document),
            literal(row.submitted_by)
        );
    }
    script
}

/// The ids each statement `q<i>` printed as `q<i>:1,2,3`.
pub fn results(output: &str) -> BTreeMap<String, Vec<i64>> {
    output
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, ids)| {
            let ids = ids
                .split(',')
                .filter(|id| !id.is_empty())
                .map(|id| id.parse().unwrap())
                .collect();
            (name.to_string(), ids)
        })
        .collect()
}

/// `values` as the argument list of `EXECUTE`: `(1, 1)`, or nothing.
pub fn arguments(values: &[i64]) -> String {
    if values.is_empty() {
        String::new()
    } else {
        let values: Vec<String> = values.iter().map(ToString::to_string).collect();
        format!("({})", values.join(", "))
    }
}
