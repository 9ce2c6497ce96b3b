//! The list-view filters in a real PostgreSQL server: the same tables and queries
//! as `hosts/tests/sql/sqlite.rs` (every role set and operation of
//! `filter_space::queries`), each condition rendered for PostgreSQL and run as a
//! prepared statement, `PREPARE q AS SELECT .. WHERE <condition with $1>`
//! then `EXECUTE q(1)` with the values `Sql::params` yields (none where the
//! condition does not name the user), so the user id is a bound value. The
//! database returns exactly the rows the decisions allow; the records of every
//! kind are in one table, which each filter constrains by its `kind` column.
//!
//! The server is the one `.ci/run` starts with `.ci/postgres` (a temporary
//! directory, a Unix socket, no TCP), named by `ITAM_PG_SOCKET_DIR`; the test
//! drives it through the `psql` client. Without that variable the test writes
//! `SKIPPED, NOT PASSED` to the process's standard error (not captured by the
//! harness), unless `CI` is set: then it fails.
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

use crate::filter_space::{
    check, distinct, queries, record_rows, render, task_rows, RecordRow, TaskRow, ME,
};
use itam_rbac::filter::{Columns, Dialect};

/// The socket directory of the test server, or `None` when the test is skipped.
fn server() -> Option<String> {
    match std::env::var("ITAM_PG_SOCKET_DIR") {
        Ok(dir) if !dir.is_empty() => Some(dir),
        _ if std::env::var_os("CI").is_some() => panic!(
            "CI is set but ITAM_PG_SOCKET_DIR is not: no PostgreSQL server to test the \
             filters against (.ci/run starts one with .ci/postgres)"
        ),
        _ => {
            // Straight to the process's standard error: the test harness captures
            // `eprintln!` of a passing test, which made a skipped run look like a
            // pass.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED, NOT PASSED: hosts/tests/sql/postgres.rs did not check the filters \
                 against PostgreSQL: ITAM_PG_SOCKET_DIR is not set (.ci/run starts a server \
                 with .ci/postgres; by hand: export ITAM_PG_SOCKET_DIR=$(bash .ci/postgres \
                 start)) ***\n"
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

/// The script that creates and fills the two (temporary) tables.
fn tables(tasks: &[TaskRow], records: &[RecordRow]) -> String {
    let mut script = String::from(
        "CREATE TEMP TABLE tasks (id bigint PRIMARY KEY, kind text, state text, assigned_to bigint);\n\
         CREATE INDEX ON tasks (kind, state);\n\
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
fn results(output: &str) -> BTreeMap<String, Vec<i64>> {
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
fn arguments(values: &[i64]) -> String {
    if values.is_empty() {
        String::new()
    } else {
        let values: Vec<String> = values.iter().map(ToString::to_string).collect();
        format!("({})", values.join(", "))
    }
}

#[test]
fn postgres_returns_exactly_the_rows_the_decisions_allow() {
    let Some(dir) = server() else {
        return;
    };
    let tasks = task_rows();
    let records = record_rows(100_000);
    let queries = queries(Dialect::Postgres, &tasks, &records);
    let statements = distinct(&queries);
    let mut script = tables(&tasks, &records);
    for (i, (table, condition, group)) in statements.iter().enumerate() {
        // Bound as the README shows: the parameters `sql.params()` yields, no
        // declared types (PostgreSQL infers them from the condition), so that a
        // statement with fewer parameters than values fails.
        let (rendered, params) = render(group[0], ME, Dialect::Postgres, Columns::DEFAULT);
        assert_eq!(&rendered, condition);
        let _ = writeln!(
            script,
            "PREPARE q{i} AS SELECT 'q{i}:' || coalesce(string_agg(id::text, ',' ORDER BY id), '') \
             FROM {table} WHERE {condition};\nEXECUTE q{i}{};",
            arguments(&params)
        );
    }
    let got = results(&psql(&dir, &script));
    for (i, (_, condition, queries)) in statements.iter().enumerate() {
        let ids = got
            .get(&format!("q{i}"))
            .unwrap_or_else(|| panic!("no result for q{i}: {condition}"));
        check(ids, queries, condition);
    }
    assert!(queries.len() > 5_000, "{} queries", queries.len());
    let without_user = queries.iter().filter(|q| q.params == 0).count();
    assert!(
        without_user > 1_000,
        "{without_user} conditions without the user"
    );
    eprintln!(
        "PostgreSQL: {} role set × operation queries, {} distinct statements",
        queries.len(),
        statements.len()
    );
}

mod sea {
    use std::collections::BTreeMap;
    use std::fmt::Write as _;

    use super::{psql, results, server, tables};
    use crate::filter_space::{check, queries, record_rows, task_rows, On, ME};
    use itam_rbac::filter::{self, Columns, Dialect};
    use itam_rbac::Subject;
    use sea_query::{Alias, Order, PostgresQueryBuilder, Query, Value};

    /// A bound value's PostgreSQL type and literal.
    type Typed = (&'static str, String);

    /// A bound value's PostgreSQL type and literal, for `PREPARE` and `EXECUTE`.
    fn typed(value: &Value) -> Typed {
        match value {
            Value::String(Some(s)) => ("text", format!("'{}'", s.replace('\'', "''"))),
            Value::BigInt(Some(i)) => ("bigint", i.to_string()),
            Value::Int(Some(i)) => ("integer", i.to_string()),
            other => panic!("a value the test does not bind: {other:?}"),
        }
    }

    /// The `sea-query` condition of every role set × operation, built by
    /// sea-query's PostgreSQL backend with every value bound (`$1`, `$2`, ..),
    /// prepared with those parameters and executed with the values.
    #[test]
    fn sea_query_conditions_return_exactly_the_rows_the_decisions_allow() {
        let Some(dir) = server() else {
            return;
        };
        let tasks = task_rows();
        let records = record_rows(100_000);
        let queries = queries(Dialect::Postgres, &tasks, &records);
        let mut statements: BTreeMap<(String, Vec<Typed>), Vec<&_>> = BTreeMap::new();
        for query in &queries {
            let subject = Subject::new(ME, query.roles);
            let columns = Columns::DEFAULT;
            let condition = match query.on {
                On::Tasks(action) => {
                    filter::tasks(&subject, action).condition(&columns, Dialect::Postgres)
                }
                On::Records(kind, operation) => filter::records(&subject, operation, kind)
                    .condition(&columns, Dialect::Postgres),
            }
            .unwrap();
            let table = query.table;
            let (sql, values) = Query::select()
                .column(Alias::new("id"))
                .from(Alias::new(table))
                .cond_where(condition)
                .order_by(Alias::new("id"), Order::Asc)
                .build(PostgresQueryBuilder);
            let values = values.iter().map(typed).collect();
            statements.entry((sql, values)).or_default().push(query);
        }
        let mut script = tables(&tasks, &records);
        for (i, (sql, values)) in statements.keys().enumerate() {
            let types: Vec<&str> = values.iter().map(|(t, _)| *t).collect();
            let literals: Vec<&str> = values.iter().map(|(_, v)| v.as_str()).collect();
            let _ = writeln!(
                script,
                "PREPARE s{i}({}) AS SELECT 's{i}:' || coalesce(string_agg(id::text, ',' ORDER BY id), '') \
                 FROM ({sql}) AS q;\nEXECUTE s{i}({});",
                types.join(", "),
                literals.join(", ")
            );
        }
        let got = results(&psql(&dir, &script));
        for (i, ((sql, _), queries)) in statements.iter().enumerate() {
            let ids = got
                .get(&format!("s{i}"))
                .unwrap_or_else(|| panic!("no result for s{i}: {sql}"));
            check(ids, queries, sql);
        }
    }
}
