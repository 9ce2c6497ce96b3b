//! The asset life cycle oracle: SOURCES.md §A written again in strings, with
//! names only (the acceptance flags are the crate's `AssetFlags`, as the host sets
//! them).
#![allow(
    clippy::panic,
    reason = "test oracle: a name outside the spec is a bug in the test"
)]

use itam_rbac::lifecycle::AssetFlags;

/// "accepts assets in", one line a kind.
pub fn accepted(kind: &str) -> &'static [&'static str] {
    match kind {
        "registration" => &[],
        "allocation" => &["storage/available"],
        "inventory" => &[
            "storage/available",
            "storage/pending_decommissioning",
            "in_operation/in_use",
            "in_operation/pending_maintenance",
            "in_operation/pending_upgrade",
            "in_operation/moving_out_of_operation",
        ],
        "change_of_responsible" => &[
            "storage/available",
            "storage/pending_decommissioning",
            "in_operation/in_use",
        ],
        "relocation" | "return_to_stock" => &["in_operation/in_use"],
        "change_of_stock" | "maintenance" | "upgrading" => {
            &["storage/available", "in_operation/in_use"]
        }
        "decommissioning" => &[
            "storage/pending_decommissioning",
            "in_operation/moving_out_of_operation",
        ],
        "disposal" | "asset_transfer" => &["decommissioning/decommissioned"],
        other => panic!("unknown kind {other}"),
    }
}

pub fn stage_of(state: &str) -> &str {
    state.split('/').next().unwrap_or_default()
}

/// "on add": where an asset accepted at `a` is once in the task.
pub fn on_add(kind: &str, a: &str) -> String {
    match kind {
        "allocation" => "storage/reserved".to_owned(),
        "return_to_stock" => format!("transfer/unavailable[{a}]"),
        "maintenance" => format!("{}/pending_maintenance", stage_of(a)),
        "upgrading" => format!("{}/pending_upgrade", stage_of(a)),
        _ => a.to_owned(),
    }
}

/// "on start": where it is once work started.
pub fn on_start(kind: &str, a: &str, held: &str) -> String {
    match kind {
        "change_of_stock" => format!("transfer/unavailable[{a}]"),
        "maintenance" => format!("in_maintenance/unavailable[{a}]"),
        "upgrading" => format!("upgrade/unavailable[{a}]"),
        _ => held.to_owned(),
    }
}

/// "on complete", per outcome; `None` for an outcome the kind does not have.
pub fn on_complete(kind: &str, a: &str, outcome: &str) -> Option<String> {
    let to = |s: &str| Some(s.to_owned());
    match (kind, outcome) {
        ("allocation", "done") => to("in_operation/in_use"),
        ("inventory" | "change_of_responsible" | "relocation", "done") => to(a),
        ("change_of_stock" | "upgrading" | "maintenance", "done") => to(a),
        ("return_to_stock", "done") => to("storage/available"),
        ("maintenance", "unfixable") => to("storage/pending_decommissioning"),
        ("decommissioning", "decommissioned") => to("decommissioning/decommissioned"),
        ("decommissioning", "lost_or_stolen") => to("decommissioning/lost_or_stolen"),
        ("disposal", "done") => to("disposal_transfer/disposed"),
        ("asset_transfer", "sold" | "donated" | "returned_to_supplier") => {
            Some(format!("disposal_transfer/{outcome}"))
        }
        _ => None,
    }
}

/// The documented next state (or "removed"), `None` where the event is illegal.
pub fn transition(state: &str, kind: &str, event: &str, outcome: Option<&str>) -> Option<String> {
    if kind == "registration" {
        // Creates its assets in storage/pending_acceptance; complete makes them
        // available; cancel removes the records (ours).
        return match (state, event, outcome) {
            ("storage/pending_acceptance", "start", None) => Some(state.to_owned()),
            ("storage/pending_acceptance", "complete", Some("done")) => {
                Some("storage/available".to_owned())
            }
            ("storage/pending_acceptance", "cancel", None) => Some("removed".to_owned()),
            _ => None,
        };
    }
    let lanes: Vec<(&str, String, String)> = accepted(kind)
        .iter()
        .map(|a| {
            let held = on_add(kind, a);
            let started = on_start(kind, a, &held);
            (*a, held, started)
        })
        .collect();
    match event {
        "add" => lanes.iter().find(|l| l.0 == state).map(|l| l.1.clone()),
        "start" => lanes
            .iter()
            .find(|l| l.1 == state)
            .map(|l| l.2.clone())
            .or_else(|| lanes.iter().find(|l| l.2 == state).map(|l| l.2.clone())),
        "complete" => lanes
            .iter()
            .find(|l| l.2 == state)
            .and_then(|l| on_complete(kind, l.0, outcome.unwrap_or_default())),
        "cancel" => lanes
            .iter()
            .find(|l| l.1 == state || l.2 == state)
            .map(|l| l.0.to_owned()),
        other => panic!("unknown event {other}"),
    }
}

pub const TERMINAL: &[&str] = &[
    "storage/out_of_stock",
    "decommissioning/lost_or_stolen",
    "disposal_transfer/disposed",
    "disposal_transfer/sold",
    "disposal_transfer/donated",
    "disposal_transfer/returned_to_supplier",
];

/// The states a task puts an asset in while it holds it (the "on add" and "on
/// start" columns of SOURCES.md §A2): reserved, pending maintenance or upgrade,
/// and the three `unavailable` stages.
pub fn held_by_a_task(state: &str) -> bool {
    state == "storage/reserved"
        || state.contains("/pending_maintenance")
        || state.contains("/pending_upgrade")
        || state.contains("/unavailable")
}

/// SOURCES.md §A2, §A4 and §A6, in order: registration creates,
/// terminal is inactive, one open task, pending verification waits for `itam_admin`,
/// not found only for inventory and decommissioning, the state, relocation's
/// permanent location.
pub fn accepts(kind: &str, state: &str, flags: AssetFlags) -> Option<&'static str> {
    let not_found_ok = matches!(kind, "inventory" | "decommissioning");
    if kind == "registration" {
        Some("creates_assets")
    } else if TERMINAL.contains(&state) {
        Some("inactive")
    } else if flags.contains(AssetFlags::IN_OPEN_TASK) || held_by_a_task(state) {
        // "One asset is in at most one open task": the flag, or a state that only
        // a task puts an asset in.
        Some("in_open_task")
    } else if state == "storage/pending_verification" {
        Some("unverified")
    } else if flags.contains(AssetFlags::NOT_FOUND) && !not_found_ok {
        Some("not_found")
    } else if !accepted(kind).contains(&state) {
        Some("state")
    } else if kind == "relocation" && !flags.contains(AssetFlags::PERMANENT_LOCATION) {
        Some("no_permanent_location")
    } else {
        None
    }
}

/// The moves outside tasks: (name, from, to, role needed or "system").
pub const MOVES: &[(&str, &str, &str, &str)] = &[
    (
        "accept_verification",
        "storage/pending_verification",
        "storage/available",
        "itam_admin",
    ),
    (
        "consignment_exhausted",
        "storage/available",
        "storage/out_of_stock",
        "system",
    ),
    (
        "move_out_of_operation",
        "in_operation/in_use",
        "in_operation/moving_out_of_operation",
        "itam_operation_specialist",
    ),
    (
        "mark_for_decommissioning",
        "storage/available",
        "storage/pending_decommissioning",
        "itam_operation_specialist",
    ),
];
