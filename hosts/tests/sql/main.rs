//! The list-view filters where a host runs them: in a real SQLite (`sqlite`), in a
//! real PostgreSQL server (`postgres`), and rendered by sea-query (`render`). One
//! test binary, a module each; the filter space is the root package's
//! `tests/filter_space`, shared with its `tests/filter.rs`. The PostgreSQL modules
//! share their server, `psql` and tables through `pg`; the SQLite ones the rows
//! of `sqlite::fill`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

#[path = "../../../tests/event_space/mod.rs"]
mod event_space;
#[path = "../../../tests/filter_space/mod.rs"]
mod filter_space;

mod event_postgres;
mod event_sqlite;
mod forms_postgres;
mod forms_sqlite;
mod pg;
mod postgres;
mod render;
mod sqlite;
