//! The task workflow oracle: SOURCES.md §T5 (and the decisions the crate
//! documents) written again with names only.
#![allow(
    clippy::panic,
    clippy::struct_excessive_bools,
    clippy::too_many_lines,
    reason = "test oracle: it spells the rules of SOURCES.md §T5 out as plain flags and one long match"
)]

/// What the oracle knows about the actor, from names and plain facts.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    /// Role names held; every `itam_*` role includes `itam_agent` (SOURCES.md §R2).
    pub agent: bool,
    pub responsible: bool,
    pub specialist: bool,
    pub manager: bool,
    pub assigned: bool,
    pub creator: bool,
    /// The task's creator is known: a person or the system (four eyes can be checked).
    pub creator_known: bool,
    /// The actor sent the task for approval.
    pub submitter: bool,
    /// Who sent the task for approval is known.
    pub submitter_known: bool,
    pub group: bool,
    pub asset_responsible: bool,
    pub added_approver: bool,
    pub committee: bool,
    pub files: bool,
    pub all_approved: bool,
}

/// SOURCES.md §T5, with the crate's documented decisions: the check order is
/// state, approval policy, role, person.
pub fn validate(
    kind: &str,
    state: &str,
    event: &str,
    a: Actor,
) -> Result<&'static str, &'static str> {
    let policy = match kind {
        "registration" | "inventory" => "none",
        "decommissioning" => "required",
        _ => "optional",
    };
    // Change of responsible is performed by the process manager (SOURCES.md §T5).
    let performer = if kind == "change_of_responsible" {
        a.manager
    } else {
        a.specialist
    };
    let manager_or_assigned = || {
        if a.manager {
            Ok(())
        } else if !performer {
            Err("role")
        } else if !a.assigned {
            Err("person")
        } else {
            Ok(())
        }
    };
    let terminal = state == "completed" || state == "canceled";
    match event {
        "start_work" => {
            if state != "registered" && state != "postponed" {
                return Err("state");
            }
            if !performer {
                return Err("role");
            }
            if !a.assigned && !a.group {
                return Err("person");
            }
            Ok("in_progress")
        }
        "postpone" => {
            if state != "registered" && state != "in_progress" {
                return Err("state");
            }
            manager_or_assigned().map(|()| "postponed")
        }
        "send_for_approval" => {
            if state != "in_progress" {
                return Err("state");
            }
            if policy == "none" {
                return Err("approval_policy");
            }
            manager_or_assigned().map(|()| "pending_approval")
        }
        "approve" | "reject" => {
            if state != "pending_approval" {
                return Err("state");
            }
            if policy == "none" {
                return Err("approval_policy");
            }
            if !a.agent {
                return Err("role");
            }
            let named = a.added_approver || (kind == "decommissioning" && a.committee);
            if !named && a.asset_responsible && !a.responsible {
                return Err("role");
            }
            // Four eyes: never the assigned user, the creator nor whoever sent it
            // for approval (SOURCES.md §T1, decided 2026-11-23); and a task whose
            // creator or submitter nobody knows cannot be checked, so it is refused.
            if a.assigned || a.creator || a.submitter || !a.creator_known || !a.submitter_known {
                return Err("person");
            }
            if !named && !a.asset_responsible {
                return Err("person");
            }
            Ok(match (event, a.all_approved) {
                ("reject", _) => "in_progress",
                (_, true) => "approved",
                (_, false) => "pending_approval",
            })
        }
        "complete" => {
            if state != "in_progress" && state != "approved" {
                return Err("state");
            }
            if state == "in_progress" && policy == "required" {
                return Err("approval_policy");
            }
            if kind == "inventory" {
                // The assigned user only.
                if !a.specialist {
                    return Err("role");
                }
                if !a.assigned {
                    return Err("person");
                }
                return Ok("completed");
            }
            manager_or_assigned().map(|()| "completed")
        }
        "cancel" => {
            if terminal {
                return Err("state");
            }
            if kind == "registration" && a.files {
                return Err("files_attached");
            }
            // "itam_process_manager; itam_operation_specialist as assigned user",
            // for every kind.
            if a.manager {
                Ok("canceled")
            } else if !a.specialist {
                Err("role")
            } else if !a.assigned {
                Err("person")
            } else {
                Ok("canceled")
            }
        }
        other => panic!("unknown event {other}"),
    }
}
