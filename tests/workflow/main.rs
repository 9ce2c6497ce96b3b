//! The life cycles: the asset life cycle, the task workflow, and the records
//! (contracts, purchases, demands, budgets, costs, nomenclature, asset forms) with
//! their rules, each against the oracles of `tests/oracle`. One test binary, a
//! module a concern; the shared role list is `tests/common/roles.rs`.

#[path = "../common/roles.rs"]
mod common_roles;
#[path = "../event_space/mod.rs"]
mod event_space;
#[path = "../oracle/mod.rs"]
mod oracle;

mod asset_lifecycle;
mod event_filter;
mod lifecycle_props;
mod record_rules;
mod records;
mod task_workflow;
