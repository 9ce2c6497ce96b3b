//! The task-relevant roles, one list for every sweep over role sets
//! (`tests/decisions/permitted.rs`, `tests/workflow/asset_lifecycle.rs` and
//! `tests/workflow/task_workflow.rs` each kept a list of their own before): the five
//! roles the task matrix names, `itam_admin` (which reaches the agent's rights only
//! through inclusion) and the platform's `admin` (which must not matter). The
//! sweeps use every subset.
#![allow(dead_code, reason = "each test binary uses part of the fixture")]

use itam_rbac::{Role, Roles};

/// The task-relevant roles.
pub const TASK_ROLES: [Role; 7] = [
    Role::Agent,
    Role::Responsible,
    Role::OperationSpecialist,
    Role::ProcessManager,
    Role::ContractManager,
    Role::Admin,
    Role::PlatformAdmin,
];

/// How many subsets of `TASK_ROLES` there are.
pub const ROLE_SETS: u32 = 1 << TASK_ROLES.len();

/// The subset of `TASK_ROLES` whose indexes are the set bits of `bits`.
pub fn role_set(bits: u32) -> Roles {
    TASK_ROLES
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, r)| *r)
        .collect()
}

/// Every subset of `TASK_ROLES`, the empty set first.
pub fn role_sets() -> impl Iterator<Item = Roles> {
    (0..ROLE_SETS).map(role_set)
}
