//! The list-view filters where a host runs them: in a real SQLite (`sqlite`), in a
//! real PostgreSQL server (`postgres`), and rendered by sea-query (`render`). One
//! test binary, a module each; the filter space is the root package's
//! `tests/filter_space`, shared with its `tests/filter.rs`.

#[path = "../../../tests/event_space/mod.rs"]
mod event_space;
#[path = "../../../tests/filter_space/mod.rs"]
mod filter_space;

mod event_postgres;
mod event_sqlite;
mod forms_postgres;
mod forms_sqlite;
mod postgres;
mod render;
mod sqlite;
