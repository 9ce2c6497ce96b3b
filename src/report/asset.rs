//! The asset life cycle, drawn by walking [`lifecycle::transition`] over every
//! state, task kind and event, plus [`lifecycle::create`] and the [`ManualMove`]s;
//! its table is [`lifecycle::row`], rendered cell by cell.

use core::fmt::{self, Display, Formatter};

use super::diagram::{Labels, Machine, Node};
use crate::lifecycle::{self, Effect, Next, Suspension};
use crate::lifecycle::{AssetEvent, AssetState, ManualMove};
use crate::TaskKind;

/// The asset machine, for the diagram renderer.
pub(super) struct AssetMachine;

impl Machine for AssetMachine {
    type State = AssetState;

    fn prefix(&self) -> &'static str {
        // Not `asset`: that is the asset record's.
        "lifecycle"
    }

    fn title(&self) -> &'static str {
        "asset life cycle"
    }

    fn states(&self) -> &'static [AssetState] {
        AssetState::ALL
    }

    fn name(&self, state: AssetState) -> &'static str {
        state.qualified()
    }

    fn is_terminal(&self, state: AssetState) -> bool {
        state.is_terminal()
    }

    fn labels(
        &self,
        from: Node<AssetState>,
        to: Node<AssetState>,
        label: &mut Labels<'_>,
    ) -> fmt::Result {
        match (from, to) {
            // Registration creates its assets, on add.
            (Node::Start, Node::State(created)) => created_by(created, label),
            // Task events that move the asset (staying put is not drawn), and the
            // manual moves.
            (Node::State(a), Node::State(b)) if a != b => {
                task_events(a, Next::State(b), label)?;
                manual_moves(a, b, label)
            }
            // A canceled registration removes its records.
            (Node::State(a), Node::End) => task_events(a, Next::Removed, label),
            // Self-loops, and edges no walk makes.
            (Node::State(_), Node::State(_) | Node::Start)
            | (Node::Start | Node::End, Node::Start | Node::End)
            | (Node::End, Node::State(_)) => Ok(()),
        }
    }
}

/// `kind add` for each kind that creates assets in `created`.
fn created_by(created: AssetState, label: &mut Labels<'_>) -> fmt::Result {
    for &kind in TaskKind::ALL {
        if lifecycle::create(kind) == Ok(created) {
            label(&format_args!("{kind} {}", AssetEvent::Add))?;
        }
    }
    Ok(())
}

/// `kind event` for each task event that takes an asset in `from` to `to`.
fn task_events(from: AssetState, to: Next, label: &mut Labels<'_>) -> fmt::Result {
    for &kind in TaskKind::ALL {
        for &event in AssetEvent::ALL {
            if lifecycle::transition(from, kind, event) == Ok(to) {
                label(&format_args!("{kind} {event}"))?;
            }
        }
    }
    Ok(())
}

/// `manual move` for each manual move from `from` to `to`.
fn manual_moves(from: AssetState, to: AssetState, label: &mut Labels<'_>) -> fmt::Result {
    for &action in ManualMove::ALL {
        if action.from() == from && action.to() == to {
            label(&format_args!("manual {action}"))?;
        }
    }
    Ok(())
}

/// The table of SOURCES.md §A2 as Markdown, from [`lifecycle::row`], then the
/// manual moves.
pub(super) fn markdown(f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(
        f,
        "| task kind | accepts assets in | takes *not found* | needs a permanent location \
         | on add | on start | on complete | on cancel |"
    )?;
    writeln!(f, "|---|---|---|---|---|---|---|---|")?;
    for &kind in TaskKind::ALL {
        let row = lifecycle::row(kind);
        write!(f, "| {kind} | ")?;
        accepted(row.accepts, f)?;
        write!(
            f,
            " | {} | {} | {} | {} | ",
            YesNo(row.takes_not_found),
            YesNo(row.needs_permanent_location),
            Cell(row.on_add),
            Cell(row.on_start)
        )?;
        for (i, (outcome, effect)) in row.on_complete.iter().enumerate() {
            let sep = if i == 0 { "" } else { "; " };
            write!(f, "{sep}{outcome}: {}", Cell(*effect))?;
        }
        writeln!(f, " | {} |", Cell(row.on_cancel))?;
    }
    writeln!(f, "\n| manual move | from | to | who |")?;
    writeln!(f, "|---|---|---|---|")?;
    for &action in ManualMove::ALL {
        write!(f, "| {action} | {} | {} | ", action.from(), action.to())?;
        match action.role() {
            Some(role) => writeln!(f, "{role} |")?,
            None => writeln!(f, "the system |")?,
        }
    }
    Ok(())
}

/// The accepted states, or what registration does instead.
fn accepted(states: &[AssetState], f: &mut Formatter<'_>) -> fmt::Result {
    if states.is_empty() {
        return f.write_str("none (creates its assets)");
    }
    for (i, state) in states.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(f, "{sep}{state}")?;
    }
    Ok(())
}

/// `yes` or `no`.
struct YesNo(bool);

impl Display for YesNo {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { "yes" } else { "no" })
    }
}

/// One cell of the table, in the words of SOURCES.md §A2.
struct Cell(Effect);

impl Display for Cell {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            Effect::Keep => f.write_str("unchanged"),
            Effect::Create(state) => write!(f, "creates it in {state}"),
            Effect::Suspend(suspension) => {
                write!(f, "{} (remembers where it was)", Held(suspension))
            }
            Effect::Restore => f.write_str("restored"),
            Effect::To(state) => write!(f, "{state}"),
            Effect::Remove => f.write_str("records removed"),
        }
    }
}

/// The state a suspension puts an asset in.
struct Held(Suspension);

impl Display for Held {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Suspension::Reserved => "storage/reserved",
            Suspension::PendingMaintenance => "pending_maintenance of the same stage",
            Suspension::PendingUpgrade => "pending_upgrade of the same stage",
            Suspension::Transfer => "transfer/unavailable",
            Suspension::Upgrade => "upgrade/unavailable",
            Suspension::InMaintenance => "in_maintenance/unavailable",
        })
    }
}
