//! Role engineering written again from the policy text, with names only: which
//! roles SOURCES.md names *themselves* for each operation (§T1 the task matrix, §T5
//! the workflow, §C the records, §A5 the manual moves), with the clause of each, and
//! what a role set is then granted (closed under inclusion, §R2; the one "unless
//! holding" clause of §T3 applied).
#![allow(
    clippy::panic,
    reason = "test oracle: a name outside the spec is a bug in the test"
)]

use std::collections::BTreeSet;

use super::{lifecycle, records, roles};

/// An operation: (what, target, operation): `task` (kind, action), `task_event`
/// (kind, event), `record` (kind, action or event), `move` (`asset`, move).
pub type Key = (&'static str, &'static str, &'static str);

/// A role named for an operation: (role, clause, holds in every state).
/// Clauses: `always`, `assigned`, `assigned_or_group`, `four_eyes`, `unless`.
pub type Named = (&'static str, &'static str, bool);

pub const KINDS: &[&str] = &[
    "registration",
    "allocation",
    "inventory",
    "change_of_responsible",
    "relocation",
    "change_of_stock",
    "return_to_stock",
    "maintenance",
    "upgrading",
    "decommissioning",
    "disposal",
    "asset_transfer",
];
pub const ACTIONS: &[&str] = &["read", "create", "update", "delete"];
pub const TASK_EVENTS: &[&str] = &[
    "start_work",
    "postpone",
    "send_for_approval",
    "approve",
    "reject",
    "complete",
    "cancel",
];

const OS: &str = "itam_operation_specialist";
const PM: &str = "itam_process_manager";
const RESP: &str = "itam_responsible";

/// SOURCES.md §T6: registration and inventory have no approval step.
fn has_approval(kind: &str) -> bool {
    kind != "registration" && kind != "inventory"
}

/// The roles SOURCES.md names for `key` itself.
pub fn named(key: Key) -> Vec<Named> {
    match key {
        ("task", kind, action) => task_action(kind, action),
        ("task_event", kind, event) => task_event(kind, event),
        ("record", kind, op) => record(kind, op),
        ("move", "asset", name) => {
            let (_, _, _, role) = lifecycle::MOVES
                .iter()
                .find(|(n, ..)| *n == name)
                .unwrap_or_else(|| panic!("not a move of SOURCES.md §A5: {name}"));
            // The system's own move is nobody's.
            if *role == "system" {
                vec![]
            } else {
                vec![(role, "always", true)]
            }
        }
        other => panic!("not an operation: {other:?}"),
    }
}

/// SOURCES.md §T1–§T3.
fn task_action(kind: &str, action: &str) -> Vec<Named> {
    match (action, kind) {
        ("read", _) => vec![("itam_agent", "always", true)],
        ("create", _) => vec![
            (OS, "always", true),
            (PM, "always", true),
            (RESP, "always", true),
        ],
        // §T3: while the task is open; itam_agent unless itam_contract_manager.
        ("update", "inventory") => vec![
            ("itam_agent", "unless", false),
            (PM, "always", false),
            (OS, "always", false),
        ],
        ("update", "change_of_responsible") => {
            vec![(RESP, "always", true), (PM, "assigned", true)]
        }
        ("update", _) => vec![(PM, "always", true), (OS, "assigned", true)],
        ("delete", _) => vec![],
        other => panic!("not a task action: {other:?}"),
    }
}

/// SOURCES.md §T5 with §T6: the performer is the specialist, the process
/// manager on change of responsible.
fn task_event(kind: &str, event: &str) -> Vec<Named> {
    let performer = if kind == "change_of_responsible" {
        PM
    } else {
        OS
    };
    // "itam_process_manager, or the performer as the assigned user".
    let manager_or_performer = || vec![(PM, "always", true), (performer, "assigned", true)];
    match event {
        "start_work" => vec![(performer, "assigned_or_group", true)],
        "postpone" => manager_or_performer(),
        "send_for_approval" if has_approval(kind) => manager_or_performer(),
        "send_for_approval" => vec![],
        // "Inventory: the assigned user only."
        "complete" if kind == "inventory" => vec![(OS, "assigned", true)],
        "complete" => manager_or_performer(),
        // "itam_process_manager; itam_operation_specialist as the assigned user".
        "cancel" => vec![(PM, "always", true), (OS, "assigned", true)],
        // The responsible person of the task's assets, holding itam_responsible.
        "approve" | "reject" if has_approval(kind) => vec![(RESP, "four_eyes", true)],
        "approve" | "reject" => vec![],
        other => panic!("not a task event: {other}"),
    }
}

fn clause(who: records::Who) -> &'static str {
    match who {
        records::Who::Anyone => "always",
        records::Who::Assigned => "assigned",
        records::Who::FourEyes => "four_eyes",
    }
}

/// The record of SOURCES.md §C named `kind`.
pub fn spec(kind: &str) -> &'static records::Spec {
    [
        &records::CONTRACT,
        &records::PURCHASE,
        &records::DEMAND,
        &records::BUDGET,
        &records::COST,
        &records::NOMENCLATURE,
        &records::ASSET,
    ]
    .into_iter()
    .find(|s| s.kind == kind)
    .unwrap_or_else(|| panic!("not a record of SOURCES.md §C: {kind}"))
}

/// SOURCES.md §C.
fn record(kind: &str, op: &str) -> Vec<Named> {
    let spec = spec(kind);
    let each = |roles: &[&'static str], clause: &'static str, every: bool| {
        roles
            .iter()
            .map(|r| (*r, clause, every))
            .collect::<Vec<_>>()
    };
    match op {
        "read" => each(spec.read, "always", true),
        "create" => each(spec.create, "always", true),
        "update" if kind == "asset" => {
            let mut names: Vec<&'static str> = Vec::new();
            for status in spec.states {
                for role in records::asset_update(status) {
                    if !names.contains(role) {
                        names.push(role);
                    }
                }
            }
            each(&names, "always", false)
        }
        "update" => each(spec.update.0, clause(spec.update.1), spec.frozen.is_empty()),
        "delete" => vec![],
        event => spec
            .events
            .iter()
            .find(|(e, _, _)| *e == event)
            .map(|(_, roles, who)| each(roles, clause(*who), true))
            .unwrap_or_default(),
    }
}

/// Whether SOURCES.md names `role` itself for `key`.
pub fn names(key: Key, role: &str) -> Option<Named> {
    named(key).into_iter().find(|(r, ..)| *r == role)
}

/// Whether a user granted `granted` is granted `key`: a named role is in the
/// closure, and an "unless" grant's holder does not hold `itam_contract_manager`.
pub fn granted(key: Key, closure: &BTreeSet<&str>) -> bool {
    named(key).iter().any(|(role, clause, _)| {
        closure.contains(role)
            && (*clause != "unless" || !closure.contains("itam_contract_manager"))
    })
}

/// Every operation's key.
pub fn keys() -> Vec<Key> {
    let mut keys = Vec::new();
    for kind in KINDS {
        for action in ACTIONS {
            keys.push(("task", *kind, *action));
        }
    }
    for kind in KINDS {
        for event in TASK_EVENTS {
            keys.push(("task_event", *kind, *event));
        }
    }
    for kind in [
        "contract",
        "purchase_request",
        "demand",
        "functional_budget",
        "actual_cost_item",
        "nomenclature",
        "asset",
    ] {
        for op in ACTIONS {
            keys.push(("record", kind, *op));
        }
        for (event, _, _) in spec(kind).events {
            keys.push(("record", kind, *event));
        }
    }
    for (name, ..) in lifecycle::MOVES {
        keys.push(("move", "asset", *name));
    }
    keys
}

/// The closure of granted role names.
pub fn closure(granted: &[&str]) -> BTreeSet<&'static str> {
    roles::closure(granted.iter().copied())
}
