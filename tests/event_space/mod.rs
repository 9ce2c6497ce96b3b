//! The space the workflow event filters are checked over, shared by
//! `tests/event_filter.rs`, `tests/event_filter_sqlite.rs` and
//! `tests/event_filter_postgres.rs`: the role sets, and every task of the space
//! (kind × state × assigned user × creator × created by the system × submitter ×
//! every set of [`Relations`]).
//!
//! Role sets: every subset of the workflow roles below (the four the workflow
//! names, and three that must not matter), checked once per distinct effective set.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests: each test crate uses part of the space"
)]

use std::collections::BTreeSet;

use itam_rbac::workflow::{Relations, TaskEvent};
use itam_rbac::{Role, Roles, Subject, Task, TaskKind, TaskState};

/// The user every filter is for.
pub const ME: i64 = 1;
/// Someone else.
pub const OTHER: i64 = 2;
/// Someone else again.
pub const THIRD: i64 = 3;

/// The roles whose every subset is checked.
pub const WORKFLOW_ROLES: [Role; 7] = [
    Role::Agent,
    Role::Responsible,
    Role::OperationSpecialist,
    Role::ProcessManager,
    Role::ContractManager,
    Role::Admin,
    Role::EndpointUser,
];

/// Every subset of [`WORKFLOW_ROLES`], one per distinct effective role set.
pub fn role_sets() -> Vec<Roles> {
    let mut seen = BTreeSet::new();
    let mut sets = Vec::new();
    for mask in 0_u32..1 << WORKFLOW_ROLES.len() {
        let roles: Roles = WORKFLOW_ROLES
            .iter()
            .enumerate()
            .filter(|(i, _)| mask >> i & 1 != 0)
            .map(|(_, &r)| r)
            .collect();
        if seen.insert(roles.effective().bits()) {
            sets.push(roles);
        }
    }
    sets
}

/// The assigned users of the space.
pub const ASSIGNEES: [Option<i64>; 3] = [None, Some(ME), Some(OTHER)];
/// The creators of the space.
pub const CREATORS: [Option<i64>; 4] = [None, Some(ME), Some(OTHER), Some(THIRD)];
/// The submitters of the space.
pub const SUBMITTERS: [Option<i64>; 4] = [None, Some(ME), Some(OTHER), Some(THIRD)];

/// Every task of the space: kind × state × assignee × creator × system ×
/// submitter (the relations apart).
pub fn tasks() -> Vec<Task<i64>> {
    let mut tasks = Vec::new();
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            for assignee in ASSIGNEES {
                for creator in CREATORS {
                    for system in [false, true] {
                        for submitter in SUBMITTERS {
                            let mut task = Task::new(kind, state);
                            if let Some(id) = assignee {
                                task = task.assigned_to(id);
                            }
                            if let Some(id) = creator {
                                task = task.created_by(id);
                            }
                            if system {
                                task = task.created_by_system();
                            }
                            if let Some(id) = submitter {
                                task = task.submitted_by(id);
                            }
                            tasks.push(task);
                        }
                    }
                }
            }
        }
    }
    tasks
}

/// Every set of the six relation flags.
pub fn relation_sets() -> impl Iterator<Item = Relations> {
    (0_u8..64).map(Relations::from_bits_truncate)
}

/// The subject of a role set.
pub fn subject(roles: Roles) -> Subject<i64> {
    Subject::new(ME, roles)
}

/// Every event.
pub const EVENTS: &[TaskEvent] = TaskEvent::ALL;
