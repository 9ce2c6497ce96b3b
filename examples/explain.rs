//! A small command line: the decision for one request, and why.
//!
//! ```text
//! cargo run --example explain -- ROLES ACTION KIND STATE [assigned]
//! cargo run --example explain -- itam_operation_specialist update maintenance in_progress assigned
//! cargo run --example explain -- itam_agent,itam_contract_manager update inventory in_progress
//! ```
//!
//! ROLES is a comma-separated list of system role names. Exit status: 0 allowed,
//! 1 denied, 2 a name that is not in the policy.

use std::process::ExitCode;

use itam_rbac::{explain, Action, ParseError, Roles, Subject, Task, TaskKind, TaskState};

const USAGE: &str = "usage: explain ROLES ACTION KIND STATE [assigned]
  ROLES   comma-separated system role names, e.g. itam_agent,itam_responsible
  ACTION  read | create | update | delete
  KIND    registration | allocation | inventory | change_of_responsible | relocation |
          change_of_stock | return_to_stock | maintenance | upgrading | decommissioning |
          disposal | asset_transfer
  STATE   registered | in_progress | postponed | pending_approval | approved | completed | canceled
  assigned  the user is the task's assigned user";

/// The request, parsed from the command line.
struct Request {
    roles: Roles,
    action: Action,
    kind: TaskKind,
    state: TaskState,
    assigned: bool,
}

fn parse(args: &[String]) -> Result<Request, String> {
    let [roles, action, kind, state, rest @ ..] = args else {
        return Err("expected ROLES ACTION KIND STATE".to_owned());
    };
    let assigned = match rest {
        [] => false,
        [flag] if flag == "assigned" => true,
        _ => return Err(format!("unexpected arguments {rest:?}")),
    };
    let named = |err: ParseError| err.to_string();
    Ok(Request {
        roles: Roles::from_names(roles.split(',').filter(|n| !n.is_empty())).map_err(named)?,
        action: action.parse().map_err(named)?,
        kind: kind.parse().map_err(named)?,
        state: state.parse().map_err(named)?,
        assigned,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let request = match parse(&args) {
        Ok(request) => request,
        Err(problem) => {
            eprintln!("error: {problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let user = Subject::new("you", request.roles);
    let other = if request.assigned {
        "you"
    } else {
        "someone else"
    };
    let task = Task::new(request.kind, request.state).assigned_to(other);
    let decision = explain(&user, request.action, &task);
    println!("roles:     {}", user.granted());
    println!("effective: {}", user.effective());
    println!("decision:  {decision}");
    println!("code:      {}", decision.code());
    if decision.is_allowed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
