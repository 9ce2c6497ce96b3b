//! The whole statements of `Sql::select` in a real SQLite (rusqlite, bundled), in
//! both forms (`Form::Union`, `Form::Where`): for every role set and operation of
//! `crate::filter_space::queries` (every task action, every record action and event of
//! every record kind, the records of every kind in one shared table), the
//! statement returns exactly the ids the decisions allow, each once. On plain
//! tables, with the indexes of `filter::indexes`, and with those indexes and
//! `ANALYZE` statistics; on copies whose text columns are `COLLATE NOCASE` and
//! whose person ids are text (`u1` the user, `U1` someone else). Hostile names
//! for `select` and `indexes` are typed errors (proptest).

use crate::filter_space::{queries, record_rows, task_rows, On, Query, RecordRow, TaskRow, ME};
use crate::sqlite::{fill, text_id};
use itam_rbac::filter::{self, Columns, Dialect, Field, Form, Problem};
use itam_rbac::records::RecordKind;
use itam_rbac::{Action, Role, Subject};
use proptest::prelude::*;
use rusqlite::{params, Connection};

/// How the database is prepared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Setup {
    /// No index but the primary keys.
    Plain,
    /// The indexes of `filter::indexes`.
    Indexed,
    /// The indexes and `ANALYZE`.
    Analyzed,
}

/// `tasks` and `records` (every record kind in one table), and `tasks_nocase`,
/// `records_nocase` (text columns `COLLATE NOCASE`, text person ids).
fn database(tasks: &[TaskRow], records: &[RecordRow], setup: Setup) -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE TABLE tasks (id INTEGER PRIMARY KEY, kind TEXT, state TEXT, assigned_to INTEGER);
         CREATE TABLE records (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, state TEXT,
             assigned_to INTEGER, created_by INTEGER, created_by_system BOOLEAN,
             has_document BOOLEAN, submitted_by INTEGER);
         CREATE TABLE tasks_nocase (id INTEGER PRIMARY KEY, kind TEXT COLLATE NOCASE,
             state TEXT COLLATE NOCASE, assigned_to TEXT COLLATE NOCASE);
         CREATE TABLE records_nocase (id INTEGER PRIMARY KEY, kind TEXT NOT NULL COLLATE NOCASE,
             state TEXT COLLATE NOCASE, assigned_to TEXT COLLATE NOCASE,
             created_by TEXT COLLATE NOCASE, created_by_system BOOLEAN, has_document BOOLEAN,
             submitted_by TEXT COLLATE NOCASE);",
    )
    .unwrap();
    fill(&db, tasks, records);
    if setup != Setup::Plain {
        for table in ["tasks", "records", "tasks_nocase", "records_nocase"] {
            let ddl = filter::indexes(&Columns::DEFAULT, table, Dialect::Sqlite).unwrap();
            db.execute_batch(&ddl.to_string()).unwrap();
        }
    }
    if setup == Setup::Analyzed {
        db.execute_batch("ANALYZE;").unwrap();
    }
    db
}

/// The statement of `query`'s filter for `user` over `table` in `form`, ordered
/// by id, and the values `Select::params` says to bind.
fn statement<U: Eq + Clone>(query: &Query, user: U, table: &str, form: Form) -> (String, Vec<U>) {
    let subject = Subject::new(user, query.roles);
    let columns = ["id"];
    let (sql, params) = match query.on {
        On::Tasks(action) => {
            let filter = filter::tasks(&subject, action);
            let sql = filter.sql(Dialect::Sqlite);
            let select = sql.select(&columns, table).unwrap().form(form);
            (select.to_string(), select.params().cloned().collect())
        }
        On::Records(kind, operation) => {
            let filter = filter::records(&subject, operation, kind);
            let sql = filter.sql(Dialect::Sqlite);
            let select = sql.select(&columns, table).unwrap().form(form);
            (select.to_string(), select.params().cloned().collect())
        }
    };
    (format!("{sql} ORDER BY id"), params)
}

/// The ids `sql` selects with `params` bound.
fn ids<P: rusqlite::ToSql>(db: &Connection, sql: &str, params: &[P]) -> Vec<i64> {
    let mut statement = db
        .prepare_cached(sql)
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
    statement
        .query_map(rusqlite::params_from_iter(params), |row| row.get(0))
        .unwrap_or_else(|e| panic!("{e}: {sql}"))
        .map(Result::unwrap)
        .collect()
}

/// Every query, both forms, on `db`'s tables (`_nocase` ones if `nocase`): the
/// ids the decisions allow, each once. Returns how many distinct statements ran.
fn check_all(db: &Connection, queries: &[Query], nocase: bool) -> usize {
    let mut seen = std::collections::BTreeMap::<(String, String), Vec<i64>>::new();
    for query in queries {
        let table = if nocase {
            format!("{}_nocase", query.table)
        } else {
            query.table.to_string()
        };
        for form in [Form::Union, Form::Where] {
            let (sql, params) = if nocase {
                let (sql, params) = statement(query, text_id(ME), &table, form);
                (sql, format!("{params:?}"))
            } else {
                let (sql, params) = statement(query, ME, &table, form);
                (sql, format!("{params:?}"))
            };
            let got = seen.entry((sql.clone(), params)).or_insert_with(|| {
                if nocase {
                    ids(db, &sql, &statement(query, text_id(ME), &table, form).1)
                } else {
                    ids(db, &sql, &statement(query, ME, &table, form).1)
                }
            });
            assert!(
                got.windows(2).all(|w| w[0] < w[1]),
                "{}: a row returned twice by\n  {sql}",
                query.label
            );
            assert_eq!(
                *got, query.expected,
                "{} ({form:?}): other rows than the decisions allow from\n  {sql}",
                query.label
            );
        }
    }
    seen.len()
}

fn run(setup: Setup) {
    let tasks = task_rows();
    let records = record_rows(100_000);
    let db = database(&tasks, &records, setup);
    let queries = queries(Dialect::Sqlite, &tasks, &records);
    assert!(queries.len() > 5_000, "{} queries", queries.len());
    let plain = check_all(&db, &queries, false);
    let nocase = check_all(&db, &queries, true);
    assert!(plain > 40 && nocase > 40, "{plain} and {nocase} statements");
    eprintln!(
        "{setup:?}: {} queries × 2 forms, {plain} + {nocase} distinct statements, {} task rows, \
         {} record rows",
        queries.len(),
        tasks.len(),
        records.len()
    );
}

#[test]
fn both_forms_return_exactly_the_allowed_rows_once_without_indexes() {
    run(Setup::Plain);
}

#[test]
fn both_forms_return_exactly_the_allowed_rows_once_with_the_indexes() {
    run(Setup::Indexed);
}

#[test]
fn both_forms_return_exactly_the_allowed_rows_once_after_analyze() {
    run(Setup::Analyzed);
}

/// The query plan of `sql` with `params`.
fn plan(db: &Connection, sql: &str, params: &[i64]) -> Vec<String> {
    let mut statement = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    statement
        .query_map(rusqlite::params_from_iter(params), |row| row.get(3))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// On 20,000 uniformly spread tasks after `ANALYZE`, every `SELECT` of the union
/// form of an operation specialist's and an agent's lists is answered from an
/// index, never by a scan of the table.
#[test]
fn after_analyze_every_select_of_the_union_form_uses_an_index() {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch(
        "CREATE TABLE tasks (id INTEGER PRIMARY KEY, kind TEXT, state TEXT, assigned_to INTEGER);",
    )
    .unwrap();
    let kinds = itam_rbac::TaskKind::NAMES;
    let states = itam_rbac::TaskState::NAMES;
    let tx = db.unchecked_transaction().unwrap();
    for n in 0..20_000_usize {
        tx.execute(
            "INSERT INTO tasks (kind, state, assigned_to) VALUES (?1, ?2, ?3)",
            params![
                kinds[n % kinds.len()],
                states[(n / kinds.len()) % states.len()],
                i64::try_from(n % 200).unwrap()
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    let ddl = filter::indexes(&Columns::DEFAULT, "tasks", Dialect::Sqlite).unwrap();
    db.execute_batch(&format!("{ddl}\nANALYZE;")).unwrap();
    for role in [Role::OperationSpecialist, Role::Agent, Role::Responsible] {
        let user = Subject::new(ME, role);
        for action in [Action::Read, Action::Update] {
            let sql = filter::tasks(&user, action).sql(Dialect::Sqlite);
            let select = sql.select(&["id"], "tasks").unwrap();
            let params: Vec<i64> = select.params().copied().collect();
            let steps = plan(&db, &select.to_string(), &params);
            assert!(
                steps
                    .iter()
                    .all(|s| !s.starts_with("SCAN") || s.contains("INDEX")),
                "{role} {action}: {steps:#?}"
            );
        }
    }
}

/// The selected columns and the table may be qualified, and the statement still
/// runs: `t.id` of `main.tasks`.
#[test]
fn qualified_names_run() {
    let db = database(&task_rows(), &[], Setup::Indexed);
    let user = Subject::new(ME, Role::OperationSpecialist);
    let sql = filter::tasks(&user, Action::Update).sql(Dialect::Sqlite);
    let select = sql
        .select(&["main.tasks.id", "kind"], "main.tasks")
        .unwrap();
    let params: Vec<i64> = select.params().copied().collect();
    assert!(!ids(&db, &select.to_string(), &params).is_empty());
    let ddl = filter::indexes(
        &Columns::DEFAULT.kind("tasks.kind"),
        "main.tasks",
        Dialect::Sqlite,
    )
    .unwrap();
    db.execute_batch(&ddl.to_string()).unwrap();
    assert_eq!(
        filter::indexes(&Columns::DEFAULT, "a.b.tasks", Dialect::Sqlite)
            .unwrap_err()
            .problem(),
        Problem::TooManyParts
    );
}

/// Index names are checked whole: too long, or a keyword.
#[test]
fn index_names_are_checked() {
    let long = "t".repeat(50);
    let err = filter::indexes(&Columns::DEFAULT, &long, Dialect::Postgres).unwrap_err();
    assert_eq!(err.field(), Field::Index);
    // `tasks…_kind_state` fits (61 bytes), `tasks…_assigned_to_kind_state` not.
    let len = 50 + "_assigned_to_kind_state".len();
    assert_eq!(err.problem(), Problem::TooLong { len });
    assert_eq!(
        err.to_string(),
        format!("index name refused: a part is {len} bytes long, longer than 63")
    );
    let keyword = Columns::DEFAULT.without_kind().state("date");
    let err = filter::indexes(&keyword, "current", Dialect::Postgres).unwrap_err();
    assert_eq!(
        (err.field(), err.problem()),
        (
            Field::Index,
            Problem::Reserved {
                word: "CURRENT_DATE"
            }
        )
    );
    assert_eq!(
        filter::indexes(&Columns::DEFAULT, "tasks", Dialect::MySql)
            .unwrap()
            .to_string(),
        "CREATE INDEX tasks_kind_state ON tasks (kind, state);\n\
         CREATE INDEX tasks_assigned_to_kind_state ON tasks (assigned_to, kind, state);"
    );
}

/// What a `Select` tells about itself: its form, its condition, its `Debug`.
#[test]
fn a_select_tells_its_form_and_condition() {
    let user = Subject::new(ME, Role::OperationSpecialist);
    let sql = filter::tasks(&user, Action::Update).sql(Dialect::Postgres);
    let select = sql.select(&["id", "title"], "app.tasks").unwrap();
    assert_eq!(select.written_as(), Form::Union);
    assert_eq!(select.form(Form::Where).written_as(), Form::Where);
    assert_eq!(select.condition().to_string(), sql.to_string());
    let debug = format!("{:?}", select.form(Form::Where));
    assert!(
        debug.starts_with("Select { sql: Sql { user: 1, ")
            && debug.ends_with(r#"columns: ["id", "title"], table: "app.tasks", form: Where }"#),
        "{debug}"
    );
    let copy = select;
    assert_eq!(copy.to_string(), select.clone().to_string());
    let ddl = filter::indexes(&Columns::DEFAULT, "tasks", Dialect::Postgres).unwrap();
    assert_eq!(ddl.statements().count(), 2);
    assert_eq!(ddl.to_string().lines().count(), 2);
}

/// The union form names the user more often than the `WHERE` form for MySQL's
/// positional `?`, and `params` follows: every `?` has its value.
#[test]
fn positional_params_match_the_placeholders() {
    for role in Role::ALL {
        let user = Subject::new(ME, *role);
        for &action in Action::ALL {
            let sql = filter::tasks(&user, action).sql(Dialect::MySql);
            for form in [Form::Union, Form::Where] {
                let select = sql.select(&["id"], "tasks").unwrap().form(form);
                let text = select.to_string();
                assert_eq!(text.matches('?').count(), select.params().len(), "{text}");
            }
        }
        for &kind in RecordKind::ALL {
            for operation in crate::filter_space::operations() {
                let sql = filter::records(&user, operation, kind).sql(Dialect::MySql);
                for form in [Form::Union, Form::Where] {
                    let select = sql.select(&["id"], "records").unwrap().form(form);
                    let text = select.to_string();
                    assert_eq!(text.matches('?').count(), select.params().len(), "{text}");
                }
            }
        }
    }
}

proptest! {
    /// A selected column or table is accepted exactly when it is a name by the
    /// rules of `Columns::check`, and refused with its own field; whatever is
    /// accepted holds no quote, space, `;` or comment.
    #[test]
    fn hostile_names_are_typed_errors(name in "\\PC{0,12}|[a-zA-Z_][a-zA-Z0-9_.]{0,10}|[a-z ;'\"()-]{1,12}") {
        let user = Subject::new(ME, Role::OperationSpecialist);
        let sql = filter::tasks(&user, Action::Update).sql(Dialect::Sqlite);
        let as_column = Columns::DEFAULT.state(&name).check();
        let columns = [name.as_str()];
        match (sql.select(&columns, "tasks"), as_column) {
            (Ok(select), Ok(())) => {
                let text = select.to_string();
                prop_assert!(!name.contains([' ', ';', '\'', '"', '-', '(']), "{text}");
            }
            (Err(e), Err(_)) => prop_assert_eq!(e.field(), Field::Select),
            (got, want) => prop_assert!(false, "{:?} vs {:?}", got.map(|s| s.to_string()), want),
        }
        match (sql.select(&["id"], &name), Columns::DEFAULT.state(&name).check()) {
            (Ok(_), Ok(())) => {}
            (Err(e), Err(_)) => prop_assert_eq!(e.field(), Field::Table),
            (got, want) => prop_assert!(false, "{:?} vs {:?}", got.map(|s| s.to_string()), want),
        }
        for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::MySql] {
            match filter::indexes(&Columns::DEFAULT, &name, dialect) {
                Ok(ddl) => {
                    let text = ddl.to_string();
                    prop_assert!(Columns::DEFAULT.state(&name).check().is_ok());
                    prop_assert!(
                        text.chars().all(|c| c.is_ascii_alphanumeric() || "_ .,();\n".contains(c)),
                        "{}", text
                    );
                    prop_assert_eq!(text.matches(';').count(), 2);
                }
                Err(e) => prop_assert!(matches!(e.field(), Field::Table | Field::Index), "{:?}", e),
            }
            match filter::indexes(&Columns::DEFAULT.assigned_to(&name), "tasks", dialect) {
                Ok(_) => prop_assert!(Columns::DEFAULT.state(&name).check().is_ok()),
                Err(e) => prop_assert!(matches!(e.field(), Field::AssignedTo | Field::Index), "{:?}", e),
            }
        }
    }
}
