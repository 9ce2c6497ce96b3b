//! Prints the reference policy: the roles, the inclusion graph, the task permission
//! matrix, then a few decisions with their reasons.
//!
//! ```text
//! cargo run --example reference_policy
//! ```

use itam_rbac::{explain, matrix, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

fn main() {
    print_roles();
    print_matrix();
    print_decisions();
}

fn print_roles() {
    println!("# Roles and what they include\n");
    println!("| role | includes (directly) | effective (transitively) |");
    println!("|---|---|---|");
    for role in Role::ALL {
        println!(
            "| {role} | {} | {} |",
            or_dash(role.includes()),
            role.effective()
        );
    }
    println!();
}

fn or_dash(roles: Roles) -> String {
    if roles.is_empty() {
        "—".to_owned()
    } else {
        roles.to_string()
    }
}

fn print_matrix() {
    println!("# Task permission matrix\n");
    println!("| task kind | read | create | update | delete |");
    println!("|---|---|---|---|---|");
    for &kind in TaskKind::ALL {
        let cells: Vec<String> = Action::ALL
            .iter()
            .map(|&action| matrix::cell(kind, action).to_string())
            .collect();
        println!("| {kind} | {} |", cells.join(" | "));
    }
    println!();
}

fn print_decisions() {
    println!("# Some decisions, explained\n");
    let specialist = Subject::new("s.orlova", Role::OperationSpecialist);
    let manager = Subject::new("m.kuznetsov", Role::ProcessManager);
    let lawyer = Subject::new("l.smirnova", Role::ContractManager);
    let platform = Subject::new("root", Role::PlatformAdmin);
    let repair = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to("s.orlova");
    let audit = Task::new(TaskKind::Inventory, TaskState::InProgress).assigned_to("s.orlova");

    let requests = [
        (&specialist, Action::Update, &repair),
        (
            &specialist,
            Action::Update,
            &repair.clone().assigned_to("a.volkov"),
        ),
        (&manager, Action::Update, &repair),
        (&manager, Action::Delete, &repair),
        (&lawyer, Action::Update, &audit),
        (
            &specialist,
            Action::Update,
            &audit.clone().in_state(TaskState::Completed),
        ),
        (&platform, Action::Read, &audit),
    ];
    for (user, action, task) in requests {
        let decision = explain(user, action, task);
        println!(
            "- {} ({}): [{}] {decision}",
            user.id(),
            user.granted(),
            decision.code()
        );
    }
}
