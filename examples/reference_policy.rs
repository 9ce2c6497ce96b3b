//! Prints the reference policy, then a few decisions with their reasons.
//!
//! ```text
//! cargo run --example reference_policy                  # the whole report and some decisions
//! cargo run --example reference_policy -- markdown      # the tables only
//! cargo run --example reference_policy -- mermaid       # the diagrams, as Mermaid
//! cargo run --example reference_policy -- dot | dot -Tsvg > policy.svg
//! ```

use std::process::ExitCode;

use itam_rbac::report::{self, Format};
use itam_rbac::{explain, Action, Role, Subject, Task, TaskKind, TaskState};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match (args.next(), args.next()) {
        (None, _) => {
            print!("{}", report::document());
            print_decisions();
            ExitCode::SUCCESS
        }
        (Some(name), None) => match name.parse::<Format>() {
            Ok(format) => {
                print!("{}", report::full(format));
                ExitCode::SUCCESS
            }
            Err(err) => usage(&err.to_string()),
        },
        (Some(_), Some(extra)) => usage(&format!("unexpected argument {extra:?}")),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: reference_policy [markdown | mermaid | dot]");
    ExitCode::from(2)
}

fn print_decisions() {
    println!("\n## Some decisions, explained\n");
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
