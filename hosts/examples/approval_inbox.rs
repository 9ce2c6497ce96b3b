//! The approval inbox and the work queue: the tasks on which a user may fire a
//! workflow event now, out of 100,000 in an SQLite database whose other tables
//! hold the relations (group membership, the responsible persons of the tasks'
//! assets, added approvers, the decommissioning committee).
//!
//! For a stock keeper's approvals and a specialist's queue the example prints the
//! query `filter::task_events(..).sql(..).union()` writes over the host's tables
//! (one `SELECT` a group, `UNION ALL`, the user a bound parameter), SQLite's plan
//! for it after `ANALYZE`, and checks that the list is exactly the one a host gets
//! by loading every row with its relations and calling `workflow::validate`; it
//! exits non-zero if not.
//!
//! ```sh
//! cargo run --release -p itam-rbac-hosts --example approval_inbox
//! ```

#[path = "support/workflow_db.rs"]
mod workflow_db;

use std::process::ExitCode;

use itam_rbac::workflow::TaskEvent;
use itam_rbac::{Role, Subject};
use workflow_db::{inboxes, Inbox, KEEPER, SPECIALIST};

/// How many tasks the table holds.
const TASKS: usize = 100_000;

fn run() -> Result<bool, Box<dyn std::error::Error>> {
    inboxes(
        TASKS,
        &[
            Inbox {
                title: "A stock keeper's approvals",
                user: Subject::new(KEEPER, Role::Responsible),
                event: TaskEvent::Approve,
            },
            Inbox {
                title: "A specialist's work queue",
                user: Subject::new(SPECIALIST, Role::OperationSpecialist),
                event: TaskEvent::StartWork,
            },
        ],
    )
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
