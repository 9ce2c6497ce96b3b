//! How a web handler in a host application guards an edit: a plain function taking
//! a request struct, no web framework.
//!
//! The host loads what it stores (the session's role names, the task row), turns it
//! into the crate's values once, asks `workflow::check_edit` whether this user may
//! edit these fields of this task now (the matrix and the fields the task's state
//! leaves editable), and writes a JSON audit line for every decision, allowed or
//! denied: who asked, which task, and the crate's decision record (the reason's
//! stable code and name, the action, kind and state, the roles of the rule that
//! decided, and the policy revision and fingerprint), so an auditor can read it
//! years later. A session or row the policy does not know is refused before any
//! decision, and logged as such.
//!
//! ```text
//! cargo run --example host_guard
//! ```

use std::collections::HashMap;

use itam_rbac::audit::DecisionRecord;
use itam_rbac::workflow::{check_edit, TaskFields};
use itam_rbac::{Roles, Subject, Task, TaskKind, TaskState};
use serde_json::json;

/// What the host's session layer knows about the caller.
struct Session {
    user_id: u64,
    role_names: Vec<&'static str>,
}

/// An HTTP-like request to change a task: its priority, and perhaps its
/// description.
struct UpdateTaskRequest {
    session: Session,
    task_id: u64,
    new_priority: u8,
    new_description: Option<&'static str>,
}

/// How the host stores a task.
struct TaskRow {
    kind: &'static str,
    state: &'static str,
    assignee: Option<u64>,
    priority: u8,
    description: &'static str,
}

/// An HTTP-like response.
#[derive(Debug, PartialEq)]
struct Response {
    status: u16,
    body: String,
}

/// The handler: 404 for no such task, 403 with the reason for a denial, 500 for a
/// row or session the policy does not know (a bug or tampering: fail closed).
fn update_task(
    store: &mut HashMap<u64, TaskRow>,
    audit: &mut Vec<String>,
    req: &UpdateTaskRequest,
) -> Response {
    let Some(row) = store.get_mut(&req.task_id) else {
        return Response {
            status: 404,
            body: format!("no task {}", req.task_id),
        };
    };
    let (roles, kind, state) = match (
        Roles::from_names(&req.session.role_names),
        row.kind.parse::<TaskKind>(),
        row.state.parse::<TaskState>(),
    ) {
        (Ok(roles), Ok(kind), Ok(state)) => (roles, kind, state),
        (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) => {
            let line = json!({
                "user": req.session.user_id,
                "task": req.task_id,
                "refused": err.to_string(),
            });
            audit.push(line.to_string());
            return Response {
                status: 500,
                body: format!("refusing to decide: {err}"),
            };
        }
    };
    let user = Subject::new(req.session.user_id, roles);
    let task = match row.assignee {
        Some(id) => Task::new(kind, state).assigned_to(id),
        None => Task::new(kind, state),
    };
    // The fields this request edits: the guard checks every one of them.
    let fields = if req.new_description.is_some() {
        TaskFields::PRIORITY | TaskFields::OTHER
    } else {
        TaskFields::PRIORITY
    };
    let result = check_edit(&user, &task, fields);
    // The audit line: who, which task, and the decision record. Serializing it is
    // the host's step, after the decision.
    let record = result.map_or_else(DecisionRecord::from, DecisionRecord::from);
    let line = match serde_json::to_string(&record) {
        Ok(decision) => format!(
            r#"{{"user":{},"task":{},"decision":{decision}}}"#,
            req.session.user_id, req.task_id
        ),
        Err(err) => json!({ "audit_error": err.to_string() }).to_string(),
    };
    audit.push(line);
    match result {
        Ok(_) => {
            row.priority = req.new_priority;
            if let Some(description) = req.new_description {
                row.description = description;
            }
            Response {
                status: 200,
                body: format!("task {} priority set to {}", req.task_id, row.priority),
            }
        }
        Err(denied) => Response {
            status: 403,
            body: denied.to_string(),
        },
    }
}

fn main() {
    let mut store = HashMap::from([
        (
            1,
            TaskRow {
                kind: "maintenance",
                state: "in_progress",
                assignee: Some(10),
                priority: 3,
                description: "replace the fan",
            },
        ),
        (
            2,
            TaskRow {
                kind: "inventory",
                state: "completed",
                assignee: Some(10),
                priority: 3,
                description: "yearly count",
            },
        ),
        (
            3,
            TaskRow {
                kind: "maintenance",
                state: "on_hold",
                assignee: None,
                priority: 3,
                description: "",
            },
        ),
        (
            4,
            TaskRow {
                kind: "relocation",
                state: "pending_approval",
                assignee: Some(10),
                priority: 3,
                description: "move to room 4",
            },
        ),
    ]);
    let mut audit = Vec::new();
    let requests = [
        (10, vec!["itam_operation_specialist"], 1, None),
        (11, vec!["itam_operation_specialist"], 1, None),
        (
            12,
            vec!["itam_process_manager"],
            1,
            Some("replace the fan and the PSU"),
        ),
        (
            10,
            vec!["itam_operation_specialist", "itam_contract_manager"],
            2,
            None,
        ),
        (13, vec!["itam_agent", "itam_superuser"], 1, None),
        (12, vec!["itam_process_manager"], 3, None),
        (12, vec!["itam_process_manager"], 9, None),
        // Waiting for its approvers: the priority may change, the description not.
        (12, vec!["itam_process_manager"], 4, None),
        (12, vec!["itam_process_manager"], 4, Some("move to room 5")),
    ];
    for (user_id, role_names, task_id, new_description) in requests {
        let req = UpdateTaskRequest {
            session: Session {
                user_id,
                role_names,
            },
            task_id,
            new_priority: 1,
            new_description,
        };
        let response = update_task(&mut store, &mut audit, &req);
        println!(
            "user {user_id} updates task {task_id}: {} {}",
            response.status, response.body
        );
    }
    println!("\naudit log (a JSON line a decision):");
    for line in &audit {
        println!("{line}");
    }
}
