//! SOURCES.md §T1 written again, straight from the text, with string names and none of
//! the crate's tables: the task matrix.
#![allow(
    clippy::panic,
    reason = "test oracle: a name outside the spec is a bug in the test"
)]

use std::collections::BTreeSet;

/// SOURCES.md §T1: may a user holding `roles` (already closed) take `action` on a task
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
            // The decided reading (SOURCES.md §T1, 2026-11-23): "allowed while the task
            // is open (neither completed nor canceled) if the user holds itam_agent
            // and does not hold itam_contract_manager, or holds
            // itam_process_manager or itam_operation_specialist; once the task is
            // completed or canceled, allowed to nobody."
            "inventory" => {
                let open = state != "completed" && state != "canceled";
                open && ((has("itam_agent") && !has("itam_contract_manager"))
                    || manager
                    || specialist)
            }
            // process_manager who is the task's assigned user; responsible.
            "change_of_responsible" => (manager && assigned) || has("itam_responsible"),
            // operation_specialist who is the task's assigned user; process_manager.
            _ => (specialist && assigned) || manager,
        },
        other => panic!("not an action of SOURCES.md §T1: {other}"),
    }
}
