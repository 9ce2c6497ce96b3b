//! The check an application writes by hand: role names as `String`s, the inclusion
//! table as a `HashMap<String, HashSet<String>>`, each user's roles closed under it
//! once when the user is loaded (as a session would), and the matrix as a `match`
//! over the action and kind names with `HashSet::contains` for every role test.

use std::collections::{HashMap, HashSet};

use crate::requests::Request;
use crate::spec;

/// A user as the app keeps it after login.
struct AppUser {
    id: String,
    /// Granted roles and every role they include, transitively.
    roles: HashSet<String>,
}

/// A task row as the app loads it.
struct AppTask {
    kind: String,
    state: String,
    assignee: Option<String>,
}

/// The hand-written peer, with every request translated up front.
pub struct HandWritten {
    requests: Vec<(AppUser, &'static str, AppTask)>,
}

/// role -> roles it includes directly (SOURCES.md §R2).
fn inclusion_map() -> HashMap<String, HashSet<String>> {
    spec::INCLUDES
        .iter()
        .map(|(role, included)| {
            let included = included.iter().map(|r| (*r).to_owned()).collect();
            ((*role).to_owned(), included)
        })
        .collect()
}

/// The granted roles closed under `includes` (a plain work-list walk).
fn close(includes: &HashMap<String, HashSet<String>>, granted: &[&str]) -> HashSet<String> {
    let mut held: HashSet<String> = HashSet::new();
    let mut todo: Vec<String> = granted.iter().map(|r| (*r).to_owned()).collect();
    while let Some(role) = todo.pop() {
        if let Some(included) = includes.get(&role) {
            todo.extend(included.iter().filter(|r| !held.contains(*r)).cloned());
        }
        held.insert(role);
    }
    held
}

impl HandWritten {
    /// Translates the set.
    pub fn new(requests: &[Request]) -> Self {
        let includes = inclusion_map();
        let requests = requests
            .iter()
            .map(|r| {
                let granted: Vec<&str> = r.granted.iter().map(|g| g.name()).collect();
                let user = AppUser {
                    id: r.user_id(),
                    roles: close(&includes, &granted),
                };
                let task = AppTask {
                    kind: r.kind.name().to_owned(),
                    state: r.state.name().to_owned(),
                    assignee: r.assignee_id(),
                };
                (user, r.action.name(), task)
            })
            .collect();
        HandWritten { requests }
    }

    /// The decision for request `i`.
    #[inline]
    pub fn decide(&self, i: usize) -> bool {
        let (user, action, task) = &self.requests[i];
        can(user, action, task)
    }
}

/// SOURCES.md §T1, by hand.
#[inline]
fn can(user: &AppUser, action: &str, task: &AppTask) -> bool {
    let has = |role: &str| user.roles.contains(role);
    let assigned = || task.assignee.as_deref() == Some(user.id.as_str());
    match action {
        "read" => has("itam_agent"),
        "create" => {
            has("itam_operation_specialist")
                || has("itam_process_manager")
                || has("itam_responsible")
        }
        "update" => match task.kind.as_str() {
            spec::INVENTORY => {
                let open = task.state != spec::COMPLETED && task.state != spec::CANCELED;
                open && ((has("itam_agent") && !has("itam_contract_manager"))
                    || has("itam_process_manager")
                    || has("itam_operation_specialist"))
            }
            spec::CHANGE_OF_RESPONSIBLE => {
                has("itam_responsible") || (has("itam_process_manager") && assigned())
            }
            _ => has("itam_process_manager") || (has("itam_operation_specialist") && assigned()),
        },
        // delete, and anything else: never.
        _ => false,
    }
}
