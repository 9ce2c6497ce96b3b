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

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::filter_space::{queries, record_rows, task_rows, On, Query, ME};
use crate::pg::{arguments, psql, results, server, tables};
use itam_rbac::filter::{self, Columns, Dialect, Form};
use itam_rbac::Subject;

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
    let Some(dir) = server(file!(), "the SELECT forms") else {
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
