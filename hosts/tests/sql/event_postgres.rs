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

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::event_space::{expected, host_tables, inserts, role_sets, rows, subject, SCHEMA};
use crate::pg::{psql, server};
use itam_rbac::filter::{self, Dialect};
use itam_rbac::workflow::TaskEvent;

/// What one check expects of a statement: its name and the ids.
type Expectation = (String, Vec<i64>);

#[test]
fn postgres_returns_exactly_what_validate_allows() {
    let Some(dir) = server(file!(), "the event filters") else {
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
