//! The decision space and the report written from it: the dump checked in as
//! `tests/decision_space.txt` (`dump`), its fingerprint (`fingerprint`), the
//! report and POLICY.md (`report`), and the machines in every format
//! (`machines`). One test binary, a module each: `cargo test --test
//! decision_space` runs them all, `cargo test --test decision_space dump` the
//! dump alone.

mod dump;
mod fingerprint;
mod machines;
mod report;
