//! The list-view filters in a real SQLite (rusqlite, bundled): a table holding every
//! task kind × state × assignee (me, someone else, `NULL`) plus rows with unknown,
//! misspelt and `NULL` kinds and states, and a table of every record kind × state ×
//! assignee × creator × created-by-the-system × document (with `NULL` flags and
//! corrupt states), queried with the condition each filter renders, the user id a
//! bound parameter, for every role set and operation of `filter_space::queries`:
//! the database returns exactly the rows the decisions allow.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod filter_space;

use filter_space::{check, distinct, queries, record_rows, task_rows, RecordRow, TaskRow, ME};
use itam_rbac::filter::{self, Dialect};
use itam_rbac::{Action, Role, Subject};
use rusqlite::{params, Connection};

/// An in-memory database with both tables filled.
fn database(tasks: &[TaskRow], records: &[RecordRow]) -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE TABLE tasks (id INTEGER PRIMARY KEY, kind TEXT, state TEXT, assigned_to INTEGER);
         CREATE INDEX tasks_kind_state ON tasks (kind, state);
         CREATE INDEX tasks_assignee ON tasks (assigned_to);
         CREATE TABLE records (id INTEGER PRIMARY KEY, rkind TEXT NOT NULL, state TEXT,
             assigned_to INTEGER, created_by INTEGER, created_by_system BOOLEAN,
             has_document BOOLEAN, submitted_by INTEGER);",
    )
    .unwrap();
    let tx = db.unchecked_transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO tasks (id, kind, state, assigned_to) VALUES (?1, ?2, ?3, ?4)")
            .unwrap();
        for row in tasks {
            insert
                .execute(params![row.id, row.kind, row.state, row.assigned_to])
                .unwrap();
        }
        let mut insert = tx
            .prepare(
                "INSERT INTO records (id, rkind, state, assigned_to, created_by, \
                 created_by_system, has_document, submitted_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .unwrap();
        for row in records {
            insert
                .execute(params![
                    row.id,
                    row.kind.name(),
                    row.state,
                    row.assigned_to,
                    row.created_by,
                    row.created_by_system,
                    row.has_document,
                    row.submitted_by
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    db
}

/// The ids `sql` selects, `user` bound to `?1` if the condition names it.
fn ids(db: &Connection, sql: &str, user_parameters: usize) -> Vec<i64> {
    let mut statement = db.prepare(sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    let user = if user_parameters == 0 {
        vec![]
    } else {
        vec![ME]
    };
    statement
        .query_map(rusqlite::params_from_iter(user), |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn sqlite_returns_exactly_the_rows_the_decisions_allow() {
    let tasks = task_rows();
    let records = record_rows(100_000);
    let db = database(&tasks, &records);
    let queries = queries(Dialect::Sqlite, &tasks, &records);
    let statements = distinct(&queries);
    for (table, prefix, condition, params, queries) in &statements {
        let sql = format!("SELECT id FROM {table} WHERE {prefix}{condition} ORDER BY id");
        check(&ids(&db, &sql, *params), queries, condition);
    }
    assert!(queries.len() > 5_000, "{} queries", queries.len());
    eprintln!(
        "{} role set × operation queries, {} distinct statements, {} task rows, {} record rows",
        queries.len(),
        statements.len(),
        tasks.len(),
        records.len()
    );
}

/// Without `ANALYZE` statistics (with them, on tables this small or this uniform,
/// SQLite's planner may prefer a scan), the specialist's condition is a
/// multi-index OR on the two indexes.
#[test]
fn the_specialists_query_plan_uses_the_kind_and_state_index() {
    let db = database(&task_rows(), &[]);
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let condition = filter::tasks(&specialist, Action::Update).sql(Dialect::Sqlite);
    let sql = format!("EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE {condition}");
    let mut statement = db.prepare(&sql).unwrap();
    let plan: Vec<String> = statement
        .query_map([ME], |row| row.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter()
            .any(|step| step.contains("USING INDEX tasks_kind_state")),
        "{plan:#?}"
    );
}

#[cfg(feature = "sea-query")]
mod sea {
    use std::collections::BTreeMap;

    use super::database;
    use super::filter_space::{check, queries, record_rows, task_rows, On, ME};
    use itam_rbac::filter::{self, Columns, Dialect};
    use itam_rbac::Subject;
    use rusqlite::types::Value as Sqlite;
    use sea_query::{Alias, Condition, Expr, ExprTrait, Order, Query, SqliteQueryBuilder, Value};

    /// A bound sea-query value as SQLite takes it.
    fn bind(value: &Value) -> Sqlite {
        match value {
            Value::String(Some(s)) => Sqlite::Text(s.clone()),
            Value::BigInt(Some(i)) => Sqlite::Integer(*i),
            Value::Int(Some(i)) => Sqlite::Integer(i64::from(*i)),
            other => panic!("a value the test does not bind: {other:?}"),
        }
    }

    /// The `sea-query` condition of every role set × operation, built into a
    /// statement by sea-query's SQLite backend (every value bound), returns exactly
    /// the rows the decisions allow.
    #[test]
    fn sea_query_conditions_return_exactly_the_rows_the_decisions_allow() {
        let tasks = task_rows();
        let records = record_rows(100_000);
        let db = database(&tasks, &records);
        let queries = queries(Dialect::Sqlite, &tasks, &records);
        let mut statements: BTreeMap<(String, String), Vec<&_>> = BTreeMap::new();
        for query in &queries {
            let subject = Subject::new(ME, query.roles);
            let (table, condition) = match query.on {
                On::Tasks(action) => (
                    "tasks",
                    filter::tasks(&subject, action).condition(&Columns::DEFAULT),
                ),
                On::Records(kind, operation) => (
                    "records",
                    Condition::all()
                        .add(Expr::col(Alias::new("rkind")).eq(kind.name()))
                        .add(
                            filter::records(&subject, operation, kind).condition(&Columns::DEFAULT),
                        ),
                ),
            };
            let (sql, values) = Query::select()
                .column(Alias::new("id"))
                .from(Alias::new(table))
                .cond_where(condition)
                .order_by(Alias::new("id"), Order::Asc)
                .build(SqliteQueryBuilder);
            statements
                .entry((sql, format!("{values:?}")))
                .or_default()
                .push(query);
        }
        for ((sql, _), group) in &statements {
            let subject = Subject::new(ME, group[0].roles);
            let values = match group[0].on {
                On::Tasks(action) => {
                    let condition = filter::tasks(&subject, action).condition(&Columns::DEFAULT);
                    Query::select()
                        .cond_where(condition)
                        .build(SqliteQueryBuilder)
                        .1
                }
                On::Records(kind, operation) => {
                    let condition = Condition::all()
                        .add(Expr::col(Alias::new("rkind")).eq(kind.name()))
                        .add(
                            filter::records(&subject, operation, kind).condition(&Columns::DEFAULT),
                        );
                    Query::select()
                        .cond_where(condition)
                        .build(SqliteQueryBuilder)
                        .1
                }
            };
            let params: Vec<Sqlite> = values.iter().map(bind).collect();
            let mut statement = db.prepare(sql).unwrap();
            let got: Vec<i64> = statement
                .query_map(rusqlite::params_from_iter(params), |row| row.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            check(&got, group, sql);
        }
        assert!(statements.len() > 5, "{} statements", statements.len());
    }
}
