//! Which assets a task kind accepts: [`accepts`], with the asset's [`AssetFlags`].

use crate::accessors::accessors;
use crate::lifecycle::table::{row, Effect};
use crate::lifecycle::AssetState;
use crate::vocabulary::vocabulary;
use crate::{DenyReason, TaskKind};

bitflags::bitflags! {
    /// Facts about one asset, besides its state, that decide which tasks and
    /// moves take it. The host reads them from its asset record.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    pub struct AssetFlags: u8 {
        /// *Not found* is set (an inventory or an operation specialist set it).
        const NOT_FOUND = 1 << 0;
        /// The asset has a *permanent location* (relocation needs it).
        const PERMANENT_LOCATION = 1 << 1;
        /// The asset is already in an open task (an asset is in at most one).
        const IN_OPEN_TASK = 1 << 2;
        /// The asset is a consignment (it has a current quantity).
        const CONSIGNMENT = 1 << 3;
    }
}

vocabulary! {
    /// Why [`accepts`] refused an asset, in the order the checks run.
    #[non_exhaustive]
    pub enum Refusal ("refusal") {
        /// Registration creates its assets and takes no existing one.
        CreatesAssets = "creates_assets",
        /// The asset is in a terminal state: it is inactive and no task takes it.
        Inactive = "inactive",
        /// The asset is already in an open task.
        InOpenTask = "in_open_task",
        /// The asset was created by CMDB discovery and waits for `itam_admin`.
        Unverified = "unverified",
        /// *Not found* is set, and the kind is neither inventory nor
        /// decommissioning.
        NotFound = "not_found",
        /// The kind does not take an asset in this state.
        State = "state",
        /// Relocation: the asset has no permanent location.
        NoPermanentLocation = "no_permanent_location",
    }
}

impl Refusal {
    /// The reason of the code table this refusal gives.
    #[must_use]
    pub const fn reason(self) -> DenyReason {
        match self {
            Refusal::CreatesAssets => DenyReason::CreatesAssets,
            Refusal::Inactive => DenyReason::AssetInactive,
            Refusal::InOpenTask => DenyReason::InOpenTask,
            Refusal::Unverified => DenyReason::Unverified,
            Refusal::NotFound => DenyReason::NotFound,
            Refusal::State => DenyReason::WrongState,
            Refusal::NoPermanentLocation => DenyReason::NoPermanentLocation,
        }
    }

    /// The refusal in words, for messages: its reason's sentence
    /// ([`DenyReason::describe`]) where it has no words of its own.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Refusal::CreatesAssets
            | Refusal::Inactive
            | Refusal::Unverified
            | Refusal::NotFound
            | Refusal::NoPermanentLocation => self.reason().describe(),
            Refusal::InOpenTask => "the asset is already in an open task",
            Refusal::State => "the kind does not take an asset in this state",
        }
    }
}

/// A task kind does not take this asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("the {kind} task does not accept an asset in {state}: {}", refusal.describe())]
pub struct AcceptError {
    kind: TaskKind,
    state: AssetState,
    refusal: Refusal,
}

impl AcceptError {
    accessors! {
        /// The task kind.
        kind -> TaskKind;
        /// The asset's state.
        state -> AssetState;
        /// Why not.
        refusal -> Refusal;
        reason from refusal;
        code;
    }
}

/// Whether a task of `kind` may take an asset in `state` with `flags`
/// (SOURCES.md §A2, §A4 and §A6).
///
/// Checks run in the order of [`Refusal`]: registration takes no existing asset;
/// a terminal asset is inactive; an asset is in at most one open task (the
/// [`AssetFlags::IN_OPEN_TASK`] flag, or a suspended state, which only a task
/// creates: so inventory's "any `in_operation` state" leaves out the pending ones); a
/// `storage/pending_verification` asset waits for `itam_admin`; *not found*
/// assets go only to inventory and decommissioning (ours: the documentation's
/// exception is cut off); then the state; relocation needs a permanent location.
///
/// # Errors
///
/// An [`AcceptError`] naming the kind, the state and the first [`Refusal`] that
/// applies.
pub fn accepts(kind: TaskKind, state: AssetState, flags: AssetFlags) -> Result<(), AcceptError> {
    refusal(kind, state, flags).map_or(Ok(()), |refusal| {
        Err(AcceptError {
            kind,
            state,
            refusal,
        })
    })
}

/// The first refusal that applies, if any.
fn refusal(kind: TaskKind, state: AssetState, flags: AssetFlags) -> Option<Refusal> {
    let row = row(kind);
    if matches!(row.on_add, Effect::Create(_)) {
        return Some(Refusal::CreatesAssets);
    }
    if state.is_terminal() {
        return Some(Refusal::Inactive);
    }
    // A suspended state (reserved, pending or under maintenance or upgrade, in
    // transfer) exists only inside an open task, whatever the host's flag says.
    if flags.contains(AssetFlags::IN_OPEN_TASK) || state.is_suspended() {
        return Some(Refusal::InOpenTask);
    }
    if state == AssetState::PendingVerification {
        return Some(Refusal::Unverified);
    }
    if flags.contains(AssetFlags::NOT_FOUND) && !row.takes_not_found {
        return Some(Refusal::NotFound);
    }
    if !row.accepts.contains(&state) {
        return Some(Refusal::State);
    }
    if row.needs_permanent_location && !flags.contains(AssetFlags::PERMANENT_LOCATION) {
        return Some(Refusal::NoPermanentLocation);
    }
    None
}
