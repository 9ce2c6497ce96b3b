//! SOURCES.md §R2 written again, straight from the text, with string names and none of
//! the crate's tables: the inclusion table and its closure.
#![allow(
    clippy::panic,
    reason = "test oracle: a name outside the spec is a bug in the test"
)]

use std::collections::BTreeSet;

/// SOURCES.md §R2, the "includes (directly)" column.
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
            .unwrap_or_else(|| panic!("not a role of SOURCES.md §R1: {name}"));
        if seen.insert(*name) {
            todo.extend(includes.iter().copied());
        }
    }
    seen
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
