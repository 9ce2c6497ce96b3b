//! One laptop from registration to disposal: allocation, maintenance, return to
//! stock, decommissioning. Every step prints who acts, the decision and its reason.
//!
//! Run with `cargo run --example asset_journey`. A closed pipe (`| head`) ends the
//! output quietly (status 0); another write error exits 3, a step the policy
//! decides otherwise than the journey expects exits 1.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use itam_rbac::lifecycle::AssetState;
use itam_rbac::lifecycle::{self, AssetEvent, AssetFlags, ManualMove, Outcome};
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{Role, Subject, Task, TaskKind, TaskState};

#[path = "support/output.rs"]
mod output;

type User = Subject<&'static str>;
type Res<T = ()> = Result<T, Box<dyn Error>>;

/// The laptop, the task that holds it, and where the journey is written.
struct Journey<'a, W> {
    laptop: AssetState,
    task: Task<&'static str>,
    out: &'a mut W,
}

impl<W: Write> Journey<'_, W> {
    /// A new task of `kind` created by the ITAM manager and assigned to the
    /// specialist; the laptop is added to it.
    fn open(&mut self, kind: TaskKind) -> Res {
        writeln!(self.out, "\n== {kind} ==")?;
        lifecycle::accepts(kind, self.laptop, AssetFlags::empty())?;
        let next = lifecycle::transition(self.laptop, kind, AssetEvent::Add)?;
        writeln!(self.out, "  laptop added: {} -> {next}", self.laptop)?;
        self.laptop = next.state().ok_or("the laptop was removed")?;
        self.task = Task::new(kind, TaskState::Registered)
            .created_by("m.petrova")
            .assigned_to("a.sokolov");
        Ok(())
    }

    /// `who` makes `event` happen; it must be allowed. `why` says which rule let it.
    fn act(&mut self, who: &User, event: TaskEvent, rel: Relations, why: &str) -> Res {
        let next = workflow::validate(who, &self.task, rel, event)?;
        writeln!(
            self.out,
            "  {} {event}: allowed ({why}); task {} -> {next}",
            who.id(),
            self.task.state
        )?;
        let asset_event = match event {
            TaskEvent::StartWork => Some(AssetEvent::Start),
            TaskEvent::Complete => Some(AssetEvent::Complete(outcome(self.task.kind))),
            TaskEvent::Cancel => Some(AssetEvent::Cancel),
            // Approval steps leave the assets where they are.
            TaskEvent::Postpone
            | TaskEvent::SendForApproval
            | TaskEvent::Approve
            | TaskEvent::Reject => None,
        };
        if let Some(asset_event) = asset_event {
            let moved = lifecycle::transition(self.laptop, self.task.kind, asset_event)?;
            writeln!(
                self.out,
                "    laptop on {asset_event}: {} -> {moved}",
                self.laptop
            )?;
            self.laptop = moved.state().ok_or("the laptop was removed")?;
        }
        self.task.state = next;
        if event == TaskEvent::SendForApproval {
            // The host records who sent the task for approval: four eyes keeps
            // that person from approving it.
            self.task.submitter = Some(*who.id());
        }
        Ok(())
    }

    /// Out of task: `refused` may not mark the laptop for decommissioning, `who`
    /// does.
    fn mark_for_decommissioning(&mut self, refused: &User, who: &User) -> Res {
        writeln!(self.out, "\n== manual move ==")?;
        let mark = ManualMove::MarkForDecommissioning;
        if let Err(err) = lifecycle::move_asset(refused, self.laptop, AssetFlags::empty(), mark) {
            writeln!(self.out, "  {} {mark}: refused: {err}", refused.id())?;
        }
        let moved = lifecycle::move_asset(who, self.laptop, AssetFlags::empty(), mark)?;
        writeln!(
            self.out,
            "  {} {mark}: allowed (itam_operation_specialist); laptop {} -> {moved}",
            who.id(),
            self.laptop
        )?;
        self.laptop = moved;
        Ok(())
    }

    /// `who` tries `event`; it must be refused, and the reason is printed.
    fn refused(&mut self, who: &User, event: TaskEvent, rel: Relations) -> Res {
        match workflow::validate(who, &self.task, rel, event) {
            Ok(next) => Err(format!("{} {event} should be refused, got {next}", who.id()).into()),
            Err(err) => {
                writeln!(
                    self.out,
                    "  {} {event}: refused ({}): {err}",
                    who.id(),
                    err.wrong().name()
                )?;
                Ok(())
            }
        }
    }
}

/// The outcome this journey completes each kind with.
fn outcome(kind: TaskKind) -> Outcome {
    match kind {
        TaskKind::Decommissioning => Outcome::Decommissioned,
        _ => Outcome::Done,
    }
}

fn main() -> ExitCode {
    let mut out = io::stdout().lock();
    let journey = journey(&mut out).and_then(|()| Ok(out.flush()?));
    ExitCode::from(status(journey, &mut io::stderr()))
}

/// The exit status of the journey: 0 when it went as expected or its reader closed
/// the pipe, a write error's, or 1 (after a line on `err`) when a step was
/// decided otherwise than the journey expects.
fn status(journey: Res, err: &mut impl Write) -> u8 {
    match journey {
        Ok(()) => 0,
        Err(error) => match error.downcast::<io::Error>() {
            // The output failed: a closed pipe ends quietly, another is a write error.
            Ok(failed) => output::exit_status(0, &Err(*failed), err),
            Err(error) => {
                writeln!(err, "error: {error}").ok();
                1
            }
        },
    }
}

/// The journey, written to `out`.
fn journey(out: &mut impl Write) -> Res {
    // The people (SOURCES.md §J job functions).
    let manager: User = Subject::new("m.petrova", Role::ProcessManager); // IT asset manager
    let specialist: User = Subject::new("a.sokolov", Role::OperationSpecialist); // IT support
    let keeper: User = Subject::new("i.orlov", Role::Responsible); // stock keeper, responsible for the laptop
    let committee: User = Subject::new("e.kuznetsova", Role::Agent); // decommissioning committee
    let none = Relations::empty();
    let as_responsible = Relations::ASSET_RESPONSIBLE | Relations::ALL_APPROVED;
    let assigned = "the assigned user, itam_operation_specialist";

    // Registration creates the laptop.
    let mut j = Journey {
        laptop: lifecycle::create(TaskKind::Registration)?,
        task: Task::new(TaskKind::Registration, TaskState::Registered)
            .created_by("m.petrova")
            .assigned_to("a.sokolov"),
        out,
    };
    writeln!(j.out, "== registration ==\n  laptop created: {}", j.laptop)?;
    j.act(&specialist, TaskEvent::StartWork, none, assigned)?;
    j.refused(&specialist, TaskEvent::SendForApproval, none)?;
    j.act(&specialist, TaskEvent::Complete, none, assigned)?;

    // Allocation to a user, approved by the stock keeper.
    j.open(TaskKind::Allocation)?;
    j.act(&specialist, TaskEvent::StartWork, none, assigned)?;
    j.act(&specialist, TaskEvent::SendForApproval, none, assigned)?;
    j.refused(&specialist, TaskEvent::Approve, none)?;
    j.refused(&manager, TaskEvent::Approve, Relations::ADDED_APPROVER)?;
    j.act(
        &keeper,
        TaskEvent::Approve,
        as_responsible,
        "responsible person of the laptop, itam_responsible; the last approver",
    )?;
    j.act(&specialist, TaskEvent::Complete, none, assigned)?;

    // Maintenance, no approval asked (optional).
    j.open(TaskKind::Maintenance)?;
    j.act(&specialist, TaskEvent::StartWork, none, assigned)?;
    j.refused(&keeper, TaskEvent::Complete, none)?;
    j.act(&specialist, TaskEvent::Complete, none, assigned)?;

    // Back to stock.
    j.open(TaskKind::ReturnToStock)?;
    j.act(&specialist, TaskEvent::StartWork, none, assigned)?;
    j.act(
        &manager,
        TaskEvent::Complete,
        none,
        "itam_process_manager completes any task",
    )?;

    // Out of task: the specialist marks it for decommissioning.
    j.mark_for_decommissioning(&keeper, &specialist)?;

    // Decommissioning: approval required, the committee and the keeper approve.
    j.open(TaskKind::Decommissioning)?;
    j.act(&specialist, TaskEvent::StartWork, none, assigned)?;
    j.refused(&specialist, TaskEvent::Complete, none)?;
    j.act(&specialist, TaskEvent::SendForApproval, none, assigned)?;
    j.act(
        &committee,
        TaskEvent::Approve,
        Relations::COMMITTEE_MEMBER,
        "decommissioning committee member; others still to approve",
    )?;
    j.act(
        &keeper,
        TaskEvent::Approve,
        as_responsible,
        "responsible person of the laptop; the last approver",
    )?;
    j.act(&specialist, TaskEvent::Complete, none, assigned)?;

    // Disposal, completed without approval (optional).
    j.open(TaskKind::Disposal)?;
    j.act(&specialist, TaskEvent::StartWork, none, assigned)?;
    j.act(&specialist, TaskEvent::Complete, none, assigned)?;

    writeln!(j.out, "\n== after disposal ==")?;
    if let Err(err) = lifecycle::accepts(TaskKind::Inventory, j.laptop, AssetFlags::empty()) {
        writeln!(j.out, "  refused: {err}")?;
    }
    writeln!(
        j.out,
        "  the laptop ends in {} (terminal: {})",
        j.laptop,
        j.laptop.is_terminal()
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::output::{self, Failing};
    use super::{journey, status};

    #[test]
    fn the_journey_ends_in_disposal() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        assert_eq!(status(journey(&mut out), &mut err), 0);
        let out = String::from_utf8_lossy(&out);
        assert!(out.starts_with("== registration =="), "{out}");
        assert!(out.contains("(terminal: true)"), "{out}");
        assert!(err.is_empty());
    }

    /// Before: `cargo run --example asset_journey | head` panicked (`println!` on a
    /// closed pipe, exit 101).
    #[test]
    fn a_closed_pipe_ends_quietly_and_a_write_error_is_one() {
        let mut err = Vec::new();
        let closed = journey(&mut Failing(io::ErrorKind::BrokenPipe));
        assert_eq!(status(closed, &mut err), 0);
        assert!(err.is_empty());
        let failed = journey(&mut Failing(io::ErrorKind::Other));
        assert_eq!(status(failed, &mut err), output::WRITE_ERROR);
        assert!(String::from_utf8_lossy(&err).starts_with("error: cannot write the output"));
        // A step decided otherwise than expected is not a write error.
        let mut err = Vec::new();
        assert_eq!(status(Err("approve should be refused".into()), &mut err), 1);
        assert_eq!(
            String::from_utf8_lossy(&err),
            "error: approve should be refused\n"
        );
    }
}
