//! The task table of SOURCES.md §A2, as data: what each task kind accepts and what
//! each of its events does to an asset.

use crate::lifecycle::{AssetState, Outcome, Resume};
use crate::vocabulary::vocabulary;
use crate::TaskKind;

vocabulary! {
    /// A state a task puts an asset in while it holds it, remembering where the
    /// asset was.
    pub enum Suspension ("suspension") {
        /// `storage/reserved` (allocation, on add).
        Reserved = "reserved",
        /// `pending_maintenance` of the asset's stage (maintenance, on add).
        PendingMaintenance = "pending_maintenance",
        /// `pending_upgrade` of the asset's stage (upgrading, on add).
        PendingUpgrade = "pending_upgrade",
        /// `transfer/unavailable` (change of stock on start, return to stock on add).
        Transfer = "transfer",
        /// `upgrade/unavailable` (upgrading, on start).
        Upgrade = "upgrade",
        /// `in_maintenance/unavailable` (maintenance, on start).
        InMaintenance = "in_maintenance",
    }
}

impl Suspension {
    /// The suspended state of an asset that was at `from`; `None` where the pair
    /// would be illegal (only `storage/available` can be reserved).
    #[must_use]
    pub const fn apply(self, from: Resume) -> Option<AssetState> {
        let resume = from;
        match self {
            Suspension::Reserved => match from {
                // Allocation reserves stock.
                Resume::Available => Some(AssetState::Reserved),
                // An asset in use is never reserved.
                Resume::InUse => None,
            },
            Suspension::PendingMaintenance => Some(AssetState::PendingMaintenance { resume }),
            Suspension::PendingUpgrade => Some(AssetState::PendingUpgrade { resume }),
            Suspension::Transfer => Some(AssetState::Transfer { resume }),
            Suspension::Upgrade => Some(AssetState::Upgrade { resume }),
            Suspension::InMaintenance => Some(AssetState::InMaintenance { resume }),
        }
    }
}

/// What one task event does to an asset: one cell of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// "—" or "unchanged": the asset stays where it is (a field such as the
    /// responsible person, the location or the stock may change).
    Keep,
    /// Registration only: the task creates its assets, in this state.
    Create(AssetState),
    /// The asset is suspended, carrying where it was before the task.
    Suspend(Suspension),
    /// "restored": back to the state it had before it was added to the task.
    Restore,
    /// The asset moves to this state.
    To(AssetState),
    /// The asset records are removed (registration canceled; ours).
    Remove,
}

/// One row of the table: one task kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Row {
    /// The states of the assets the kind accepts (empty for registration, which
    /// creates its assets).
    pub accepts: &'static [AssetState],
    /// Whether the kind accepts an asset flagged *not found* (inventory and
    /// decommissioning; ours).
    pub takes_not_found: bool,
    /// Whether the asset must have a *permanent location* (relocation).
    pub needs_permanent_location: bool,
    /// On add (the task is saved with the asset).
    pub on_add: Effect,
    /// On start work.
    pub on_start: Effect,
    /// On complete, per outcome the kind allows.
    pub on_complete: &'static [(Outcome, Effect)],
    /// On cancel.
    pub on_cancel: Effect,
}

/// The row of SOURCES.md §A2 for `kind`.
///
/// ```
/// use itam_rbac::lifecycle::{self, Effect, Suspension};
/// use itam_rbac::lifecycle::AssetState;
/// use itam_rbac::TaskKind;
///
/// let row = lifecycle::row(TaskKind::Maintenance);
/// assert_eq!(row.accepts, &[AssetState::Available, AssetState::InUse]);
/// assert_eq!(row.on_start, Effect::Suspend(Suspension::InMaintenance));
/// ```
#[must_use]
#[rustfmt::skip]
#[allow(clippy::enum_glob_use, reason = "the table names asset states bare, as SOURCES.md §A1 does")]
pub const fn row(kind: TaskKind) -> Row {
    use AssetState::*;
    use Effect::{Create, Keep, Remove, Restore, Suspend, To};
    use Outcome as O;
    use Resume as R;
    use Suspension as Sus;
    const fn r(
        accepts: &'static [AssetState],
        (takes_not_found, needs_permanent_location): (bool, bool),
        on_add: Effect,
        on_start: Effect,
        on_complete: &'static [(Outcome, Effect)],
        on_cancel: Effect,
    ) -> Row {
        Row { accepts, takes_not_found, needs_permanent_location, on_add, on_start, on_complete, on_cancel }
    }
    // (not found ok, needs permanent location): ours for inventory and decommissioning.
    const NONE: (bool, bool) = (false, false);
    const NOT_FOUND_OK: (bool, bool) = (true, false);
    const PERMANENT: (bool, bool) = (false, true);
    match kind {
        //                        accepts assets in                                                                      flags         on add                             on start                        on complete                                                                                  on cancel
        TaskKind::Registration        => r(&[],                                                                          NONE,         Create(PendingAcceptance),         Keep,                           &[(O::Done, To(Available))],                                                                 Remove),
        TaskKind::Allocation          => r(&[Available],                                                                 NONE,         Suspend(Sus::Reserved),            Keep,                           &[(O::Done, To(InUse))],                                                                     Restore),
        TaskKind::Inventory           => r(&[Available, PendingDecommissioning, InUse, PendingMaintenance { resume: R::InUse },
                                             PendingUpgrade { resume: R::InUse }, MovingOutOfOperation],                 NOT_FOUND_OK, Keep,                              Keep,                           &[(O::Done, Keep)],                                                                          Restore),
        TaskKind::ChangeOfResponsible => r(&[Available, PendingDecommissioning, InUse],                                  NONE,         Keep,                              Keep,                           &[(O::Done, Keep)],                                                                          Restore),
        TaskKind::Relocation          => r(&[InUse],                                                                     PERMANENT,    Keep,                              Keep,                           &[(O::Done, Keep)],                                                                          Restore),
        TaskKind::ChangeOfStock       => r(&[Available, InUse],                                                          NONE,         Keep,                              Suspend(Sus::Transfer),         &[(O::Done, Restore)],                                                                       Restore),
        TaskKind::ReturnToStock       => r(&[InUse],                                                                     NONE,         Suspend(Sus::Transfer),            Keep,                           &[(O::Done, To(Available))],                                                                 Restore),
        TaskKind::Maintenance         => r(&[Available, InUse],                                                          NONE,         Suspend(Sus::PendingMaintenance),  Suspend(Sus::InMaintenance),    &[(O::Done, Restore), (O::Unfixable, To(PendingDecommissioning))],                           Restore),
        TaskKind::Upgrading           => r(&[Available, InUse],                                                          NONE,         Suspend(Sus::PendingUpgrade),      Suspend(Sus::Upgrade),          &[(O::Done, Restore)],                                                                       Restore),
        TaskKind::Decommissioning     => r(&[PendingDecommissioning, MovingOutOfOperation],                              NOT_FOUND_OK, Keep,                              Keep,                           &[(O::Decommissioned, To(Decommissioned)), (O::LostOrStolen, To(LostOrStolen))],             Restore),
        TaskKind::Disposal            => r(&[Decommissioned],                                                            NONE,         Keep,                              Keep,                           &[(O::Done, To(Disposed))],                                                                  Restore),
        TaskKind::AssetTransfer       => r(&[Decommissioned],                                                            NONE,         Keep,                              Keep,                           &[(O::Sold, To(Sold)), (O::Donated, To(Donated)), (O::ReturnedToSupplier, To(ReturnedToSupplier))], Restore),
    }
}
