//! The list-view filters in a real SQLite (rusqlite, bundled): a table holding every
//! task kind × state × assignee (me, someone else, `NULL`) plus rows with unknown,
//! misspelt and `NULL` kinds and states, and one table holding every record kind ×
//! state × assignee × creator × created-by-the-system × document (with `NULL` flags
//! and corrupt states), queried with the condition each filter renders, bound as
//! the README shows (`params_from_iter(sql.params())`), for every role set and
//! operation of `filter_space::queries`: the database returns exactly the rows the
//! decisions allow. The same on copies of the tables whose text columns are
//! `COLLATE NOCASE` and whose ids are text (`u1` and `U1` two people), and on a
//! view of each record kind without a kind column.

use crate::filter_space::{check, distinct, queries, record_rows, render, task_rows, On};
use crate::filter_space::{RecordRow, TaskRow, ME, OTHER};
use itam_rbac::filter::{self, Columns, Dialect};
use itam_rbac::records::RecordKind;
use itam_rbac::{Action, Role, Subject};
use rusqlite::types::Value;
use rusqlite::{params, Connection};

/// The text id of a person on the case-insensitive tables: the user `u1`, someone
/// else `U1` (equal to `u1` under `NOCASE`), a third person `u3`.
pub(super) fn text_id(id: i64) -> String {
    match id {
        ME => "u1".to_string(),
        OTHER => "U1".to_string(),
        other => format!("u{other}"),
    }
}

/// An in-memory database with the task and record tables filled: `tasks` and
/// `records` (every record kind in one table, its `kind` column), the same rows in
/// `tasks_nocase` and `records_nocase` (every text column `COLLATE NOCASE`, the
/// ids as text by [`text_id`]), and a view `records_<kind>` of each kind's records
/// without the kind column.
fn database(tasks: &[TaskRow], records: &[RecordRow]) -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE TABLE tasks (id INTEGER PRIMARY KEY, kind TEXT, state TEXT, assigned_to INTEGER);
         CREATE INDEX tasks_kind_state ON tasks (kind, state);
         CREATE INDEX tasks_assignee ON tasks (assigned_to);
         CREATE TABLE records (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, state TEXT,
             assigned_to INTEGER, created_by INTEGER, created_by_system BOOLEAN,
             has_document BOOLEAN, submitted_by INTEGER);
         CREATE TABLE tasks_nocase (id INTEGER PRIMARY KEY, kind TEXT COLLATE NOCASE,
             state TEXT COLLATE NOCASE, assigned_to TEXT COLLATE NOCASE);
         CREATE INDEX tasks_nocase_kind_state ON tasks_nocase (kind, state);
         CREATE TABLE records_nocase (id INTEGER PRIMARY KEY, kind TEXT NOT NULL COLLATE NOCASE,
             state TEXT COLLATE NOCASE, assigned_to TEXT COLLATE NOCASE,
             created_by TEXT COLLATE NOCASE, created_by_system BOOLEAN, has_document BOOLEAN,
             submitted_by TEXT COLLATE NOCASE);",
    )
    .unwrap();
    for &kind in RecordKind::ALL {
        db.execute_batch(&format!(
            "CREATE VIEW records_{kind} AS SELECT id, state, assigned_to, created_by, \
             created_by_system, has_document, submitted_by FROM records WHERE kind = '{kind}';"
        ))
        .unwrap();
    }
    fill(&db, tasks, records);
    db
}

/// Fills `tasks` and `records` with the rows, and `tasks_nocase` and
/// `records_nocase` with the same rows, the person ids as text by [`text_id`].
pub(super) fn fill(db: &Connection, tasks: &[TaskRow], records: &[RecordRow]) {
    let tx = db.unchecked_transaction().unwrap();
    for table in ["tasks", "tasks_nocase"] {
        let text = table.ends_with("nocase");
        let mut insert = tx
            .prepare(&format!(
                "INSERT INTO {table} (id, kind, state, assigned_to) VALUES (?1, ?2, ?3, ?4)"
            ))
            .unwrap();
        for row in tasks {
            let assigned_to: Option<Value> = row.assigned_to.map(|id| person(id, text));
            insert
                .execute(params![row.id, row.kind, row.state, assigned_to])
                .unwrap();
        }
    }
    for table in ["records", "records_nocase"] {
        let text = table.ends_with("nocase");
        let mut insert = tx
            .prepare(&format!(
                "INSERT INTO {table} (id, kind, state, assigned_to, created_by, \
                 created_by_system, has_document, submitted_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ))
            .unwrap();
        for row in records {
            let id = |id: Option<i64>| id.map(|id| person(id, text));
            insert
                .execute(params![
                    row.id,
                    row.kind.name(),
                    row.state,
                    id(row.assigned_to),
                    id(row.created_by),
                    row.created_by_system,
                    row.has_document,
                    id(row.submitted_by)
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// A person's id as stored: an integer, or its [`text_id`].
fn person(id: i64, text: bool) -> Value {
    if text {
        Value::Text(text_id(id))
    } else {
        Value::Integer(id)
    }
}

/// The ids `sql` selects with `params` bound, as the README binds them.
fn ids<P: rusqlite::ToSql>(db: &Connection, sql: &str, params: &[P]) -> Vec<i64> {
    let mut statement = db.prepare(sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    statement
        .query_map(rusqlite::params_from_iter(params), |row| row.get(0))
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
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
    for (table, condition, group) in &statements {
        // Bound as the README shows: `sql.params()`, whatever the roles.
        let (rendered, params) = render(group[0], ME, Dialect::Sqlite, Columns::DEFAULT);
        assert_eq!(&rendered, condition);
        let sql = format!("SELECT id FROM {table} WHERE {condition} ORDER BY id");
        check(&ids(&db, &sql, &params), group, condition);
    }
    assert!(queries.len() > 5_000, "{} queries", queries.len());
    let without_user = queries.iter().filter(|q| q.params == 0).count();
    assert!(
        without_user > 1_000,
        "{without_user} conditions without the user"
    );
    eprintln!(
        "{} role set × operation queries ({without_user} not naming the user), {} distinct \
         statements, {} task rows, {} record rows",
        queries.len(),
        statements.len(),
        tasks.len(),
        records.len()
    );
}

/// On tables whose kind, state and person columns are `COLLATE NOCASE` and whose
/// ids are text (`u1` the user, `U1` someone else), the user `u1` gets exactly the
/// rows the decisions allow: not those of `U1`, nor those of kind `Inventory` or
/// state `Completed` (the filter compares `COLLATE BINARY`).
#[test]
fn on_case_insensitive_columns_u1_does_not_get_the_rows_of_capital_u1() {
    let tasks = task_rows();
    let records = record_rows(100_000);
    let db = database(&tasks, &records);
    let queries = queries(Dialect::Sqlite, &tasks, &records);
    let mut statements = 0;
    for (table, condition, group) in &distinct(&queries) {
        let (rendered, params) = render(group[0], text_id(ME), Dialect::Sqlite, Columns::DEFAULT);
        assert_eq!(&rendered, condition);
        let sql = format!("SELECT id FROM {table}_nocase WHERE {condition} ORDER BY id");
        check(&ids(&db, &sql, &params), group, condition);
        statements += 1;
    }
    assert!(statements > 30, "{statements} statements");
}

/// On a table (here a view) holding one record kind and no kind column, the
/// filter without a kind column returns exactly the rows the decisions allow.
#[test]
fn on_a_table_of_one_record_kind_without_a_kind_column() {
    let tasks = task_rows();
    let records = record_rows(100_000);
    let db = database(&tasks, &records);
    let queries = queries(Dialect::Sqlite, &[], &records);
    let columns = Columns::DEFAULT.without_kind();
    let mut statements = 0;
    for (_, _, group) in &distinct(&queries) {
        let On::Records(kind, _) = group[0].on else {
            continue;
        };
        let (condition, params) = render(group[0], ME, Dialect::Sqlite, columns);
        assert!(!condition.contains("kind"), "{condition}");
        let sql = format!("SELECT id FROM records_{kind} WHERE {condition} ORDER BY id");
        check(&ids(&db, &sql, &params), group, &condition);
        statements += 1;
    }
    assert!(statements > 30, "{statements} statements");
}

/// Issue 20: the README's binding failed with `InvalidParameterCount(1, 0)` for a
/// plain agent, a responsible and an admin, whose conditions do not name the user;
/// `params()` binds the same way for every role.
#[test]
fn the_readme_binding_runs_for_every_role() {
    let db = database(&task_rows(), &[]);
    for role in Role::ALL {
        let user = Subject::new(ME, *role);
        for &action in Action::ALL {
            let sql = filter::tasks(&user, action).sql(Dialect::Sqlite);
            let query = format!("SELECT id FROM tasks WHERE {sql} ORDER BY id");
            let mut statement = db.prepare(&query).unwrap();
            let rows = statement.query(rusqlite::params_from_iter(sql.params()));
            assert!(rows.is_ok(), "{role} {action}: {query}");
        }
    }
}

/// Issue 20: a record filter on one table holding several record kinds returns its
/// own kind only: a plain agent's "contracts I may read" is no functional budget.
#[test]
fn a_record_filter_on_a_shared_table_returns_its_own_kind_only() {
    let records = record_rows(100_000);
    let db = database(&[], &records);
    let agent = Subject::new(ME, Role::Agent);
    let contracts = filter::records(&agent, Action::Read, RecordKind::Contract);
    let sql = contracts.sql(Dialect::Sqlite);
    let query = format!("SELECT DISTINCT kind FROM records WHERE {sql}");
    let mut statement = db.prepare(&query).unwrap();
    let kinds: Vec<String> = statement
        .query_map(rusqlite::params_from_iter(sql.params()), |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds, ["contract"], "{query}");
}

/// Without `ANALYZE` statistics (with them, on tables this small or this uniform,
/// SQLite's planner may prefer a scan), the specialist's condition is a
/// multi-index OR on the two indexes: `COLLATE BINARY` is the indexes' collation.
#[test]
fn the_specialists_query_plan_uses_the_kind_and_state_index() {
    let db = database(&task_rows(), &[]);
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let condition = filter::tasks(&specialist, Action::Update).sql(Dialect::Sqlite);
    let sql = format!("EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE {condition}");
    let mut statement = db.prepare(&sql).unwrap();
    let plan: Vec<String> = statement
        .query_map(rusqlite::params_from_iter(condition.params()), |row| {
            row.get::<_, String>(3)
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter()
            .any(|step| step.contains("USING INDEX tasks_kind_state")),
        "{plan:#?}"
    );
}

mod sea {
    use std::collections::BTreeMap;

    use super::{database, text_id};
    use crate::filter_space::{check, queries, record_rows, task_rows, On, Query, ME};
    use itam_rbac::filter::{self, Columns, Dialect};
    use itam_rbac::Subject;
    use rusqlite::types::Value as Sqlite;
    use sea_query::{Alias, Order, SqliteQueryBuilder, Value};

    /// A bound sea-query value as SQLite takes it.
    fn bind(value: &Value) -> Sqlite {
        match value {
            Value::String(Some(s)) => Sqlite::Text(s.clone()),
            Value::BigInt(Some(i)) => Sqlite::Integer(*i),
            Value::Int(Some(i)) => Sqlite::Integer(i64::from(*i)),
            other => panic!("a value the test does not bind: {other:?}"),
        }
    }

    /// The statement sea-query's SQLite backend builds for `query`'s filter over
    /// `table`, `user` holding the query's roles, and the values to bind.
    fn statement<U>(query: &Query, user: U, table: &str) -> (String, Vec<Sqlite>)
    where
        U: Eq + Clone + Into<Value>,
    {
        let subject = Subject::new(user, query.roles);
        let condition = match query.on {
            On::Tasks(action) => {
                filter::tasks(&subject, action).condition(&Columns::DEFAULT, Dialect::Sqlite)
            }
            On::Records(kind, operation) => filter::records(&subject, operation, kind)
                .condition(&Columns::DEFAULT, Dialect::Sqlite),
        }
        .unwrap();
        let (sql, values) = sea_query::Query::select()
            .column(Alias::new("id"))
            .from(Alias::new(table))
            .cond_where(condition)
            .order_by(Alias::new("id"), Order::Asc)
            .build(SqliteQueryBuilder);
        (sql, values.iter().map(bind).collect())
    }

    /// The `sea-query` condition of every role set × operation, built into a
    /// statement by sea-query's SQLite backend (every value bound), returns exactly
    /// the rows the decisions allow: on the tables with integer ids (the records of
    /// every kind in one table), and on the `NOCASE` tables with text ids.
    #[test]
    fn sea_query_conditions_return_exactly_the_rows_the_decisions_allow() {
        let tasks = task_rows();
        let records = record_rows(100_000);
        let db = database(&tasks, &records);
        let queries = queries(Dialect::Sqlite, &tasks, &records);
        for nocase in [false, true] {
            let mut statements: BTreeMap<(String, String), Vec<&Query>> = BTreeMap::new();
            for query in &queries {
                let table = if nocase {
                    format!("{}_nocase", query.table)
                } else {
                    query.table.to_string()
                };
                let (sql, values) = if nocase {
                    statement(query, text_id(ME), &table)
                } else {
                    statement(query, ME, &table)
                };
                statements
                    .entry((sql, format!("{values:?}")))
                    .or_default()
                    .push(query);
            }
            for ((sql, _), group) in &statements {
                let table = if nocase {
                    format!("{}_nocase", group[0].table)
                } else {
                    group[0].table.to_string()
                };
                let (_, params) = if nocase {
                    statement(group[0], text_id(ME), &table)
                } else {
                    statement(group[0], ME, &table)
                };
                let mut prepared = db.prepare(sql).unwrap();
                let got: Vec<i64> = prepared
                    .query_map(rusqlite::params_from_iter(params), |row| row.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                check(&got, group, sql);
            }
            assert!(statements.len() > 5, "{} statements", statements.len());
        }
    }
}
