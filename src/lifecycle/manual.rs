//! The moves of stage and state made outside tasks (SOURCES.md §A5):
//! [`ManualMove`] and [`move_asset`].

use crate::lifecycle::{AssetFlags, AssetState};
use crate::vocabulary::vocabulary;
use crate::{DenyReason, Role, Subject};

/// Who accepts an asset that CMDB discovery created (`storage/pending_verification`):
/// `itam_admin` (SOURCES.md §A5). The one definition, read by
/// [`ManualMove::AcceptVerification`] and by the asset record's `accept` event
/// ([`AssetStatus`](crate::records::AssetStatus)).
pub(crate) const ACCEPTS_DISCOVERED: Role = Role::Admin;

vocabulary! {
    /// A change of stage and state made outside any task. These are the only ones.
    pub enum ManualMove ("manual move") {
        /// `itam_admin` accepts an asset CMDB discovery created:
        /// `storage/pending_verification` to `storage/available`.
        AcceptVerification = "accept_verification",
        /// The system moves a consignment whose current quantity reached 0:
        /// `storage/available` to `storage/out_of_stock` (ours: from available only).
        ConsignmentExhausted = "consignment_exhausted",
        /// An operation specialist takes an asset out of operation:
        /// `in_operation/in_use` to `in_operation/moving_out_of_operation` (ours).
        MoveOutOfOperation = "move_out_of_operation",
        /// An operation specialist marks a stock asset for decommissioning:
        /// `storage/available` to `storage/pending_decommissioning` (ours).
        MarkForDecommissioning = "mark_for_decommissioning",
    }
}

/// One row of [`MOVES`]: a manual move, the state it starts from, the state it
/// ends in, and who makes it.
#[derive(Debug, Clone, Copy)]
struct Move {
    /// The move.
    action: ManualMove,
    /// The state it starts from.
    from: AssetState,
    /// The state it ends in.
    to: AssetState,
    /// The role the acting user needs; `None`: the system's own move, of a
    /// consignment ([`system_move`]).
    by: Option<Role>,
}

/// The manual moves of SOURCES.md §A5, one row each: the one place their facts are
/// written, read by [`ManualMove::rule`]. A move without a row is refused (the
/// build checks that every move has exactly one).
#[rustfmt::skip]
#[allow(clippy::enum_glob_use, reason = "the table names asset states bare, as SOURCES.md §A1 does")]
const MOVES: &[Move] = {
    use AssetState::*;
    use ManualMove as M;
    &[
        // Documented: itam_admin validates discovered assets (the one definition,
        // shared with the asset record's `accept`).
        Move { action: M::AcceptVerification,     from: PendingVerification, to: Available,              by: Some(ACCEPTS_DISCOVERED) },
        // Documented: the system does it (ours: from available only).
        Move { action: M::ConsignmentExhausted,   from: Available,           to: OutOfStock,             by: None },
        // Ours: the specialist edits assets according to their stage.
        Move { action: M::MoveOutOfOperation,     from: InUse,               to: MovingOutOfOperation,   by: Some(Role::OperationSpecialist) },
        Move { action: M::MarkForDecommissioning, from: Available,           to: PendingDecommissioning, by: Some(Role::OperationSpecialist) },
    ]
};

// The build fails here unless every manual move has exactly one row.
const _: () = {
    let mut moves = ManualMove::ALL;
    while let [action, rest @ ..] = moves {
        let mut rows = 0;
        let mut table = MOVES;
        while let [row, tail @ ..] = table {
            if row.action as u8 == *action as u8 {
                rows += 1;
            }
            table = tail;
        }
        assert!(rows == 1, "a manual move has no row, or several");
        moves = rest;
    }
};

impl ManualMove {
    /// The move's row of [`MOVES`], if it has one: the one reader of the table.
    const fn rule(self) -> Option<Move> {
        let mut rows = MOVES;
        while let [row, rest @ ..] = rows {
            if row.action as u8 == self as u8 {
                return Some(*row);
            }
            rows = rest;
        }
        None
    }

    /// The move's row, for the accessors. Every move has one (the build checks
    /// it); were one missing, the accessors would describe a move from and to
    /// `storage/out_of_stock` by the system, which [`move_asset`] and
    /// [`system_move`] never make: they read [`rule`](Self::rule) and refuse a
    /// move without a row.
    const fn row(self) -> Move {
        match self.rule() {
            Some(row) => row,
            None => Move {
                action: self,
                from: AssetState::OutOfStock,
                to: AssetState::OutOfStock,
                by: None,
            },
        }
    }

    /// The state the move starts from.
    #[must_use]
    pub const fn from(self) -> AssetState {
        self.row().from
    }

    /// The state the move ends in.
    #[must_use]
    pub const fn to(self) -> AssetState {
        self.row().to
    }

    /// The role the acting user needs; `None` for the system's own move (the host
    /// calls it when its quantity count reaches 0, whoever caused it).
    #[must_use]
    pub const fn role(self) -> Option<Role> {
        self.row().by
    }
}

vocabulary! {
    /// Why [`move_asset`] refused, in the order the checks run.
    #[non_exhaustive]
    pub enum MoveFault ("move fault") {
        /// The asset is not in the state the move starts from.
        State = "state",
        /// A person asked for the system's own move ([`system_move`] makes it).
        SystemMove = "system_move",
        /// The system was asked for a person's move ([`move_asset`] makes it).
        PersonMove = "person_move",
        /// The user lacks the move's role.
        Role = "role",
        /// The asset is in an open task: only the task moves it.
        InOpenTask = "in_open_task",
        /// Only a consignment runs out of stock.
        NotConsignment = "not_consignment",
    }
}

impl MoveFault {
    /// The reason of the code table this fault gives.
    #[must_use]
    pub const fn reason(self) -> DenyReason {
        match self {
            MoveFault::State => DenyReason::WrongState,
            MoveFault::SystemMove => DenyReason::SystemMove,
            MoveFault::PersonMove => DenyReason::PersonMove,
            MoveFault::Role => DenyReason::MissingRole,
            MoveFault::InOpenTask => DenyReason::InOpenTask,
            MoveFault::NotConsignment => DenyReason::NotConsignment,
        }
    }

    /// The fault in words, for messages: its reason's sentence
    /// ([`DenyReason::describe`]) where it has no words of its own.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            MoveFault::State => "the asset is not in the state the move starts from",
            MoveFault::Role => "the user lacks the role the move needs",
            MoveFault::SystemMove
            | MoveFault::PersonMove
            | MoveFault::InOpenTask
            | MoveFault::NotConsignment => self.reason().describe(),
        }
    }
}

/// A manual move that is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("cannot {action} an asset in {state}: {}", fault.describe())]
pub struct MoveError {
    action: ManualMove,
    state: AssetState,
    fault: MoveFault,
    by_system: bool,
}

impl MoveError {
    /// Whether the system's own move was refused ([`system_move`]), not a
    /// person's ([`move_asset`]).
    #[must_use]
    pub const fn is_system_move(&self) -> bool {
        self.by_system
    }

    /// The move.
    #[must_use]
    pub const fn action(&self) -> ManualMove {
        self.action
    }

    /// The asset's state.
    #[must_use]
    pub const fn state(&self) -> AssetState {
        self.state
    }

    /// What was wrong.
    #[must_use]
    pub const fn fault(&self) -> MoveFault {
        self.fault
    }

    /// The reason of the code table.
    #[must_use]
    pub const fn reason(&self) -> DenyReason {
        self.fault.reason()
    }

    /// The stable audit code of the reason.
    #[must_use]
    pub const fn code(&self) -> u8 {
        self.reason().code()
    }
}

/// The state after `subject` makes the manual move `action` on an asset in `state`
/// with `flags`. A person makes the moves that name a role; the system's own move
/// ([`ManualMove::ConsignmentExhausted`]) is [`system_move`]'s, never a person's.
///
/// Checks run in the order of [`MoveFault`]: the state, the move being a
/// person's, the role ([`ManualMove::role`], held directly or through inclusion;
/// every such role includes `itam_agent`), and the asset not being in an open task
/// (ours).
///
/// # Errors
///
/// A [`MoveError`] naming the move, the state and the first [`MoveFault`].
pub fn move_asset<U>(
    subject: &Subject<U>,
    state: AssetState,
    flags: AssetFlags,
    action: ManualMove,
) -> Result<AssetState, MoveError> {
    let fail = |fault| MoveError {
        action,
        state,
        fault,
        by_system: false,
    };
    // A move without a row starts from no state.
    let Some(row) = action.rule().filter(|row| row.from == state) else {
        return Err(fail(MoveFault::State));
    };
    let Some(role) = row.by else {
        return Err(fail(MoveFault::SystemMove));
    };
    if !subject.has(role) || !subject.has(Role::Agent) {
        return Err(fail(MoveFault::Role));
    }
    if flags.contains(AssetFlags::IN_OPEN_TASK) {
        return Err(fail(MoveFault::InOpenTask));
    }
    Ok(row.to)
}

/// The state after the system makes its own move `action` on an asset in `state`
/// with `flags`: a consignment whose current quantity reached 0 runs out of stock.
/// The host calls it when its quantity count reaches 0, whoever caused it; no
/// person's subject is asked, and no person may make the move
/// ([`move_asset`] refuses it).
///
/// Checks run in the order of [`MoveFault`]: the state, the move being the
/// system's, the asset not being in an open task, and the consignment flag.
///
/// # Errors
///
/// A [`MoveError`] naming the move, the state and the first [`MoveFault`].
pub fn system_move(
    state: AssetState,
    flags: AssetFlags,
    action: ManualMove,
) -> Result<AssetState, MoveError> {
    let fail = |fault| MoveError {
        action,
        state,
        fault,
        by_system: true,
    };
    // A move without a row starts from no state.
    let Some(row) = action.rule().filter(|row| row.from == state) else {
        return Err(fail(MoveFault::State));
    };
    if row.by.is_some() {
        return Err(fail(MoveFault::PersonMove));
    }
    if flags.contains(AssetFlags::IN_OPEN_TASK) {
        return Err(fail(MoveFault::InOpenTask));
    }
    // The system's one move is a consignment's.
    if !flags.contains(AssetFlags::CONSIGNMENT) {
        return Err(fail(MoveFault::NotConsignment));
    }
    Ok(row.to)
}
