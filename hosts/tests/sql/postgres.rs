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

use std::fmt::Write as _;

use crate::filter_space::{
    check, distinct, queries, record_rows, render, task_rows, RecordRow, TaskRow, ME,
};
use crate::pg::{arguments, psql, results};
use itam_rbac::filter::{Columns, Dialect};

/// The socket directory of the test server, or `None` when the test is skipped.
fn server() -> Option<String> {
    crate::pg::server(file!(), "the filters")
}

/// The script that creates and fills the two (temporary) tables, and an index on
/// the tasks' kind and state.
fn tables(tasks: &[TaskRow], records: &[RecordRow]) -> String {
    let mut script = crate::pg::tables(tasks, records);
    script.push_str("CREATE INDEX ON tasks (kind, state);\n");
    script
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

    use super::{server, tables};
    use crate::filter_space::{check, queries, record_rows, task_rows, On, ME};
    use crate::pg::{psql, results};
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
