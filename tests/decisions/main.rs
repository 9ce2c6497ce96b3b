//! Who may do what: the task matrix, the role inclusion and its closure, the
//! decisions explained and their reasons, the names parsed (and hostile input),
//! serde, the review functions, separation of duties and role engineering. One
//! test binary, a module a concern; the oracles are `tests/oracle`, the shared role
//! list `tests/common/roles.rs`.

#[path = "../common/roles.rs"]
mod common_roles;
#[path = "../oracle/mod.rs"]
mod oracle;

mod allow_reasons;
mod autotraits;
mod closure;
mod explain;
mod hostile_input;
mod matrix;
mod no_itam_access;
mod parsing;
mod permitted;
mod properties;
mod review;
mod role_engineering;
mod serde;
mod sod;
