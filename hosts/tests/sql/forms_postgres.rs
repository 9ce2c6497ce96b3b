//! The whole statements of `Sql::select` in a real PostgreSQL server, in both
//! forms (`Form::Union`, `Form::Where`): the tables and queries of
//! `tests/filter_postgres.rs` (every role set and operation of
//! `crate::filter_space::queries`, the records of every kind in one table), each
//! statement prepared (`PREPARE q AS ..` with `$1`) and executed with the values
//! `Select::params` yields. Each returns exactly the ids the decisions allow, each
//! once: on the tables without indexes, with the indexes of `filter::indexes`, and
//! with those indexes after `ANALYZE`.
//!
//! The server is the one `.ci/run` starts with `.ci/postgres`, named by
//! `ITAM_PG_SOCKET_DIR`; without it the test writes `SKIPPED, NOT PASSED` to the
//! process's standard error, unless `CI` is set: then it fails.
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

use crate::filter_space::{queries, record_rows, task_rows, On, Query, RecordRow, TaskRow, ME};
use itam_rbac::filter::{self, Columns, Dialect, Form};
use itam_rbac::Subject;

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
                "\n*** SKIPPED, NOT PASSED: hosts/tests/sql/forms_postgres.rs did not check the SELECT forms \
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

/// The statement of `query`'s filter over its table in `form`, and the values
/// `Select::params` says to bind.
fn statement(query: &Query, form: Form) -> (String, Vec<i64>) {
    let subject = Subject::new(ME, query.roles);
    let columns = ["id"];
    match query.on {
        On::Tasks(action) => {
            let filter = filter::tasks(&subject, action);
            let sql = filter.sql(Dialect::Postgres);
            let select = sql.select(&columns, query.table).unwrap().form(form);
            (select.to_string(), select.params().copied().collect())
        }
        On::Records(kind, operation) => {
            let filter = filter::records(&subject, operation, kind);
            let sql = filter.sql(Dialect::Postgres);
            let select = sql.select(&columns, query.table).unwrap().form(form);
            (select.to_string(), select.params().copied().collect())
        }
    }
}

#[test]
fn both_forms_return_exactly_the_allowed_rows_once_with_and_without_indexes_and_analyze() {
    let Some(dir) = server() else {
        return;
    };
    let tasks = task_rows();
    let records = record_rows(100_000);
    let queries = queries(Dialect::Postgres, &tasks, &records);
    let mut statements: BTreeMap<(String, Vec<i64>), Vec<&Query>> = BTreeMap::new();
    for query in &queries {
        for form in [Form::Union, Form::Where] {
            statements
                .entry(statement(query, form))
                .or_default()
                .push(query);
        }
    }
    let mut script = tables(&tasks, &records);
    for setup in ["plain", "indexed", "analyzed"] {
        match setup {
            "indexed" => {
                for table in ["tasks", "records"] {
                    let ddl = filter::indexes(&Columns::DEFAULT, table, Dialect::Postgres).unwrap();
                    let _ = writeln!(script, "{ddl}");
                }
            }
            "analyzed" => script.push_str("ANALYZE tasks;\nANALYZE records;\n"),
            _ => {}
        }
        for (i, (sql, params)) in statements.keys().enumerate() {
            // No declared types: PostgreSQL infers them from the statement, so a
            // statement with fewer parameters than values fails.
            let _ = writeln!(
                script,
                "PREPARE {setup}{i} AS SELECT '{setup}{i}:' || \
                 coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM ({sql}) AS s;\n\
                 EXECUTE {setup}{i}{};\nDEALLOCATE {setup}{i};",
                arguments(params)
            );
        }
    }
    let got = results(&psql(&dir, &script));
    for setup in ["plain", "indexed", "analyzed"] {
        for (i, ((sql, _), group)) in statements.iter().enumerate() {
            let ids = got
                .get(&format!("{setup}{i}"))
                .unwrap_or_else(|| panic!("no result for {setup}{i}: {sql}"));
            for query in group {
                assert_eq!(
                    ids, &query.expected,
                    "{} ({setup}): other rows than the decisions allow, or a row twice, from\n  {sql}",
                    query.label
                );
            }
        }
    }
    assert!(statements.len() > 40, "{} statements", statements.len());
    eprintln!(
        "PostgreSQL: {} queries × 2 forms, {} distinct statements, 3 setups",
        queries.len(),
        statements.len()
    );
}
