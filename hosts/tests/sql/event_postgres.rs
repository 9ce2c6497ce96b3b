//! The workflow event filters in a real PostgreSQL server: the tables of
//! `event_sqlite` (every task of `event_space`, the relations in
//! the host's own tables, `NULL`s and corrupt kinds and states; the files flag a
//! `boolean`, so its corrupt value is `NULL`), and for every role set and event
//! both SQL forms (the condition and the `UNION ALL` query) run as prepared
//! statements with the values `EventSql::params` yields: exactly the ids
//! `workflow::validate` allows, the union without a duplicate.
//!
//! The server is the one `.ci/run` starts with `.ci/postgres`, named by
//! `ITAM_PG_SOCKET_DIR`, driven through `psql`. Without that variable the test
//! writes `SKIPPED, NOT PASSED` to the process's standard error, unless `CI` is
//! set: then it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::event_space::{expected, host_tables, inserts, role_sets, rows, subject, SCHEMA};
use itam_rbac::filter::{self, Dialect};
use itam_rbac::workflow::TaskEvent;

/// The socket directory of the test server, or `None` when the test is skipped.
fn server() -> Option<String> {
    match std::env::var("ITAM_PG_SOCKET_DIR") {
        Ok(dir) if !dir.is_empty() => Some(dir),
        _ if std::env::var_os("CI").is_some() => panic!(
            "CI is set but ITAM_PG_SOCKET_DIR is not: no PostgreSQL server to test the \
             event filters against (.ci/run starts one with .ci/postgres)"
        ),
        _ => {
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED, NOT PASSED: hosts/tests/sql/event_postgres.rs did not check the \
                 event filters against PostgreSQL: ITAM_PG_SOCKET_DIR is not set (.ci/run starts \
                 a server with .ci/postgres; by hand: export ITAM_PG_SOCKET_DIR=$(bash \
                 .ci/postgres start)) ***\n"
            );
            None
        }
    }
}

/// Runs `script` through `psql` on the server in `dir`; returns its output.
fn psql(dir: &str, script: &str) -> String {
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

/// What one check expects of a statement: its name and the ids.
type Expectation = (String, Vec<i64>);

#[test]
fn postgres_returns_exactly_what_validate_allows() {
    let Some(dir) = server() else {
        return;
    };
    let (rows, links) = rows();
    let tables = host_tables();
    let mut script = SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE");
    for statement in inserts(&rows, &links, |files| {
        match files {
            "1" => "TRUE",
            "0" => "FALSE",
            _ => "NULL",
        }
        .to_owned()
    }) {
        script.push_str(&statement);
        script.push('\n');
    }
    for index in tables.indexes(Dialect::Postgres) {
        let _ = writeln!(script, "{index};");
    }
    script.push_str("ANALYZE;\n");

    // Distinct statements, each with the checks that expect its result.
    let mut statements: BTreeMap<String, (usize, Vec<Expectation>)> = BTreeMap::new();
    for roles in role_sets() {
        let user = subject(roles);
        for &event in TaskEvent::ALL {
            let want = expected(&rows, roles, event);
            let filter = filter::task_events(&user, event);
            let sql = filter.sql(Dialect::Postgres, &tables).unwrap();
            let params = sql.params().len();
            let condition = format!("SELECT tasks.id FROM tasks WHERE {sql}");
            let union = sql.union().to_string();
            for (form, query) in [("condition", condition), ("union", union)] {
                statements
                    .entry(query)
                    .or_insert_with(|| (params, Vec::new()))
                    .1
                    .push((format!("{form} {roles:?} {event}"), want.clone()));
            }
        }
    }
    for (i, (query, (params, _))) in statements.iter().enumerate() {
        let args = if *params == 0 { "" } else { "(1)" };
        let _ = writeln!(
            script,
            "PREPARE q{i} AS SELECT 'q{i}:' || count(*) || ':' || count(DISTINCT id) || ':' || \
             coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM ({query}) AS s(id);\n\
             EXECUTE q{i}{args};"
        );
    }
    let output = psql(&dir, &script);
    let mut got = BTreeMap::new();
    for line in output.lines() {
        let mut parts = line.splitn(4, ':');
        let (Some(name), Some(count), Some(distinct), Some(ids)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        assert_eq!(count, distinct, "{name}: duplicates");
        let ids: Vec<i64> = ids
            .split(',')
            .filter(|id| !id.is_empty())
            .map(|id| id.parse().unwrap())
            .collect();
        got.insert(name.to_owned(), ids);
    }
    let mut checks = 0;
    for (i, (query, (_, wanted))) in statements.iter().enumerate() {
        let ids = got
            .get(&format!("q{i}"))
            .unwrap_or_else(|| panic!("no result for q{i}: {query}"));
        for (what, want) in wanted {
            assert_eq!(ids, want, "{what}: {query}");
            checks += 1;
        }
    }
    eprintln!(
        "PostgreSQL: {} rows, {checks} checks, {} distinct statements",
        rows.len(),
        statements.len()
    );
}
