//! The policy of spec.md §1–2 written again, straight from the text, with string
//! names and none of the crate's tables: the oracle the tests compare against.
#![allow(
    dead_code,
    clippy::panic,
    reason = "test oracle: each test crate uses part of it, and a name outside the spec is a bug in the test"
)]

use std::collections::BTreeSet;

/// spec.md §1, the "includes (directly)" column.
pub const INCLUDES: &[(&str, &[&str])] = &[
    ("itam_agent", &[]),
    ("itam_admin", &["itam_agent"]),
    ("itam_nomenclature_manager", &["itam_agent"]),
    ("itam_responsible", &["itam_agent"]),
    ("itam_operation_specialist", &["itam_agent"]),
    ("itam_process_manager", &["itam_agent"]),
    ("itam_contract_manager", &["itam_agent"]),
    ("itam_contract_approver", &["itam_agent"]),
    ("itam_purchase_agent", &["itam_agent", "itam_demand_agent"]),
    (
        "itam_purchase_manager",
        &["itam_agent", "itam_purchase_agent"],
    ),
    (
        "itam_purchase_approver",
        &["itam_agent", "itam_purchase_agent"],
    ),
    ("itam_budget_controller", &["itam_agent"]),
    ("itam_finance_agent", &["itam_agent"]),
    ("itam_finance_manager", &["itam_agent"]),
    (
        "itam_demand_agent",
        &["itam_agent", "fiscal_period_agent", "cost_center_agent"],
    ),
    (
        "itam_demand_manager",
        &[
            "itam_agent",
            "itam_demand_agent",
            "itam_nomenclature_manager",
        ],
    ),
    ("itam_demand_approver", &["itam_agent", "itam_demand_agent"]),
    ("itam_endpoint_user", &["itam_agent"]),
    ("fiscal_period_agent", &[]),
    ("cost_center_agent", &[]),
    ("admin", &[]),
];

/// Every role the granted ones reach, themselves included (a plain graph search).
pub fn closure<'a>(granted: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'static str> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&str> = granted.into_iter().collect();
    while let Some(name) = todo.pop() {
        let (name, includes) = INCLUDES
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("not a role of spec.md: {name}"));
        if seen.insert(*name) {
            todo.extend(includes.iter().copied());
        }
    }
    seen
}

/// spec.md §2: may a user holding `roles` (already closed) take `action` on a task
/// of `kind` in `state`, being the assigned user or not?
pub fn may(roles: &BTreeSet<&str>, action: &str, kind: &str, state: &str, assigned: bool) -> bool {
    let has = |role: &str| roles.contains(role);
    let specialist = has("itam_operation_specialist");
    let manager = has("itam_process_manager");
    match action {
        // "Delete is never granted: no role may delete ... the platform admin included."
        "delete" => false,
        // Read: itam_agent.
        "read" => has("itam_agent"),
        // Create: operation_specialist, process_manager, responsible.
        "create" => specialist || manager || has("itam_responsible"),
        "update" => match kind {
            // "allowed if (the user holds itam_agent and does not hold
            // itam_contract_manager) or (the user holds itam_process_manager or
            // itam_operation_specialist and the task is not yet Completed)"
            "inventory" => {
                (has("itam_agent") && !has("itam_contract_manager"))
                    || ((manager || specialist) && state != "completed")
            }
            // process_manager who is the task's assigned user; responsible.
            "change_of_responsible" => (manager && assigned) || has("itam_responsible"),
            // operation_specialist who is the task's assigned user; process_manager.
            _ => (specialist && assigned) || manager,
        },
        other => panic!("not an action of spec.md: {other}"),
    }
}

/// Every subset of `items`.
pub fn subsets<'a>(items: &[&'a str]) -> Vec<Vec<&'a str>> {
    (0..1_u32 << items.len())
        .map(|mask| {
            items
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, name)| *name)
                .collect()
        })
        .collect()
}
