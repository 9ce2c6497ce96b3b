//! The sea-query conditions rendered (no database): names quoted part by part and
//! checked, and every condition of the filter space rendered for MySQL. Moved from
//! `tests/filter.rs` with the dev-dependency on sea-query's backends.

use crate::filter_space::{queries, record_rows, task_rows, On, ME};
use itam_rbac::filter::{self, Columns, Dialect, Field, Problem};
use itam_rbac::records::RecordKind;
use itam_rbac::{Action, Role, Subject};

/// The sea-query condition quotes a qualified name part by part, and checks names.
#[test]
fn sea_query_quotes_qualified_names_and_refuses_hostile_ones() {
    use sea_query::{PostgresQueryBuilder, Query};
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let updatable = filter::tasks(&specialist, Action::Update);
    let columns = Columns::DEFAULT
        .kind("t.kind")
        .state("app.t.state")
        .assigned_to("assignee");
    let condition = updatable.condition(&columns, Dialect::Postgres).unwrap();
    let (sql, _) = Query::select()
        .cond_where(condition)
        .build(PostgresQueryBuilder);
    assert!(sql.contains(r#""t"."kind" = $"#), "{sql}");
    assert!(sql.contains(r#""app"."t"."state" IN ("#), "{sql}");
    assert!(sql.contains(r#""assignee" = $"#), "{sql}");
    assert!(!sql.contains("COLLATE"), "{sql}");
    let hostile = Columns::DEFAULT.kind("kind\" OR \"1");
    let err = updatable
        .condition(&hostile, Dialect::Postgres)
        .unwrap_err();
    assert_eq!(err.field(), Field::Kind);
    let agent = Subject::new(ME, Role::Agent);
    let contracts = filter::records(&agent, Action::Read, RecordKind::Contract);
    let condition = contracts
        .condition(&Columns::DEFAULT.without_kind(), Dialect::Postgres)
        .unwrap();
    let (sql, _) = Query::select()
        .cond_where(condition)
        .build(PostgresQueryBuilder);
    assert!(!sql.contains("kind"), "{sql}");
    let err = updatable
        .condition(&Columns::DEFAULT.without_kind(), Dialect::Sqlite)
        .unwrap_err();
    assert_eq!(err.problem(), Problem::Missing);
    // Nothing allowed: `1 = 0`, in every dialect.
    let never = filter::records(&agent, Action::Delete, RecordKind::Contract);
    for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::MySql] {
        let condition = never.condition(&Columns::DEFAULT, dialect).unwrap();
        let (sql, _) = Query::select()
            .cond_where(condition)
            .build(PostgresQueryBuilder);
        assert!(sql.ends_with("WHERE $1 = $2"), "{sql}");
    }
}

/// Issue 20: the sea-query condition of every role set × operation renders for
/// MySQL (rendered only: no server here) with as many `?` as values, none of the
/// values an unbound user, no `COLLATE`, and the record kind named.
#[test]
fn sea_query_renders_every_condition_for_mysql() {
    use sea_query::{MysqlQueryBuilder, Query};
    let tasks = task_rows();
    let records = record_rows(1);
    let mut rendered = 0;
    for query in queries(Dialect::MySql, &tasks, &records) {
        let subject = Subject::new(ME, query.roles);
        let condition = match query.on {
            On::Tasks(action) => {
                filter::tasks(&subject, action).condition(&Columns::DEFAULT, Dialect::MySql)
            }
            On::Records(kind, operation) => filter::records(&subject, operation, kind)
                .condition(&Columns::DEFAULT, Dialect::MySql),
        }
        .unwrap();
        let (sql, values) = Query::select()
            .column(sea_query::Alias::new("id"))
            .from(sea_query::Alias::new(query.table))
            .cond_where(condition)
            .build(MysqlQueryBuilder);
        assert_eq!(sql.matches('?').count(), values.0.len(), "{sql}");
        assert!(!sql.contains("COLLATE"), "{sql}");
        let users = values
            .0
            .iter()
            .filter(|v| **v == sea_query::Value::from(ME))
            .count();
        assert_eq!(users, query.params, "{}: {sql}", query.label);
        if let On::Records(kind, _) = query.on {
            assert!(
                sql.contains("`kind` = ?") || sql.ends_with("WHERE ? = ?"),
                "{kind}: {sql}"
            );
        }
        rendered += 1;
    }
    assert!(rendered > 5_000, "{rendered}");
}
