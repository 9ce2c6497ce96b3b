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

impl ManualMove {
    /// The state the move starts from.
    #[must_use]
    pub const fn from(self) -> AssetState {
        match self {
            ManualMove::AcceptVerification => AssetState::PendingVerification,
            ManualMove::ConsignmentExhausted => AssetState::Available,
            ManualMove::MoveOutOfOperation => AssetState::InUse,
            ManualMove::MarkForDecommissioning => AssetState::Available,
        }
    }

    /// The state the move ends in.
    #[must_use]
    pub const fn to(self) -> AssetState {
        match self {
            ManualMove::AcceptVerification => AssetState::Available,
            ManualMove::ConsignmentExhausted => AssetState::OutOfStock,
            ManualMove::MoveOutOfOperation => AssetState::MovingOutOfOperation,
            ManualMove::MarkForDecommissioning => AssetState::PendingDecommissioning,
        }
    }

    /// The role the acting user needs; `None` for the system's own move (the host
    /// calls it when its quantity count reaches 0, whoever caused it).
    #[must_use]
    pub const fn role(self) -> Option<Role> {
        match self {
            // Documented: itam_admin validates discovered assets (the one
            // definition, shared with the asset record's `accept`).
            ManualMove::AcceptVerification => Some(ACCEPTS_DISCOVERED),
            // Documented: the system does it.
            ManualMove::ConsignmentExhausted => None,
            // Ours: the specialist edits assets according to their stage.
            ManualMove::MoveOutOfOperation | ManualMove::MarkForDecommissioning => {
                Some(Role::OperationSpecialist)
            }
        }
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
    if state != action.from() {
        return Err(fail(MoveFault::State));
    }
    let Some(role) = action.role() else {
        return Err(fail(MoveFault::SystemMove));
    };
    if !subject.has(role) || !subject.has(Role::Agent) {
        return Err(fail(MoveFault::Role));
    }
    if flags.contains(AssetFlags::IN_OPEN_TASK) {
        return Err(fail(MoveFault::InOpenTask));
    }
    Ok(action.to())
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
    if state != action.from() {
        return Err(fail(MoveFault::State));
    }
    if action.role().is_some() {
        return Err(fail(MoveFault::PersonMove));
    }
    if flags.contains(AssetFlags::IN_OPEN_TASK) {
        return Err(fail(MoveFault::InOpenTask));
    }
    let needs_consignment = matches!(action, ManualMove::ConsignmentExhausted);
    if needs_consignment && !flags.contains(AssetFlags::CONSIGNMENT) {
        return Err(fail(MoveFault::NotConsignment));
    }
    Ok(action.to())
}
