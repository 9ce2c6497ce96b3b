//! The workflow event filters in a real SQLite: tables holding every task of
//! `event_space` (every kind × state × person relation × set of relations, the
//! relations in the host's own tables: group membership, asset responsibles,
//! approvers, committee, a files column; `NULL`s, someone else's rows, corrupt
//! kinds, states and flags). For every role set and event, both SQL forms (the
//! condition and the `UNION ALL` query) return exactly the ids
//! `workflow::validate` allows, the union without a duplicate.

use std::collections::BTreeMap;

use crate::event_space::{expected, host_tables, inserts, role_sets, rows, subject, SCHEMA};
use itam_rbac::filter::{self, Dialect};
use itam_rbac::workflow::TaskEvent;

fn run(conn: &rusqlite::Connection, query: &str, params: &[&i64]) -> Vec<i64> {
    let mut statement = conn.prepare(query).unwrap();
    let ids = statement
        .query_map(rusqlite::params_from_iter(params.iter()), |row| row.get(0))
        .unwrap()
        .collect::<Result<Vec<i64>, _>>()
        .unwrap();
    ids
}

#[test]
fn both_forms_return_exactly_what_validate_allows() {
    let (rows, links) = rows();
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(SCHEMA).unwrap();
    conn.execute_batch("BEGIN").unwrap();
    for statement in inserts(&rows, &links, ToOwned::to_owned) {
        conn.execute_batch(&statement).unwrap();
    }
    conn.execute_batch("COMMIT").unwrap();
    let tables = host_tables();
    for index in tables.indexes(Dialect::Sqlite) {
        conn.execute_batch(&index.to_string()).unwrap();
    }
    conn.execute_batch("ANALYZE").unwrap();

    // The same SQL for several role sets is run once.
    let mut results: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut checks = 0;
    for roles in role_sets() {
        let user = subject(roles);
        for &event in TaskEvent::ALL {
            let want = expected(&rows, roles, event);
            let filter = filter::task_events(&user, event);
            let sql = filter.sql(Dialect::Sqlite, &tables).unwrap();
            let params: Vec<&i64> = sql.params().collect();
            let condition = format!("SELECT tasks.id FROM tasks WHERE {sql} ORDER BY tasks.id");
            let union = sql.union().to_string();
            for (form, query) in [("condition", condition), ("union", union)] {
                let got = results
                    .entry(query.clone())
                    .or_insert_with(|| run(&conn, &query, &params))
                    .clone();
                let mut sorted = got.clone();
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(
                    sorted.len(),
                    got.len(),
                    "{form} {roles:?} {event}: duplicates"
                );
                assert_eq!(sorted, want, "{form} {roles:?} {event}: {query}");
                checks += 1;
            }
        }
    }
    println!(
        "{} rows, {checks} checks, {} distinct queries",
        rows.len(),
        results.len()
    );
}
