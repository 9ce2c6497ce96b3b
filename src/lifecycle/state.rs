//! The asset's position: [`AssetStage`], [`AssetState`] and the [`Resume`] point a
//! suspended state carries.

use crate::vocabulary::vocabulary;

vocabulary! {
    /// The stage of an asset's life cycle (SOURCES.md §A1).
    pub enum AssetStage ("asset stage") {
        /// In a stock.
        Storage = "storage",
        /// With a user, at work.
        InOperation = "in_operation",
        /// Moving between stocks, or back to stock (suspended by a task).
        Transfer = "transfer",
        /// Being upgraded (suspended by a task).
        Upgrade = "upgrade",
        /// Being repaired (suspended by a task).
        InMaintenance = "in_maintenance",
        /// Taken out of service.
        Decommissioning = "decommissioning",
        /// Disposed of or handed over (every state terminal).
        DisposalTransfer = "disposal_transfer",
    }
}

vocabulary! {
    /// Where a suspended asset goes back to: the working positions a task may
    /// suspend (SOURCES.md §A3 lists no other position that a suspending task
    /// accepts).
    ///
    /// Names are qualified with the stage, as in `storage/available`.
    pub enum Resume ("resume position") {
        /// `storage/available`.
        Available = "storage/available",
        /// `in_operation/in_use`.
        InUse = "in_operation/in_use",
    }
}

impl Resume {
    /// The asset state of this position.
    #[must_use]
    pub const fn state(self) -> AssetState {
        match self {
            // In a stock, free to be taken.
            Resume::Available => AssetState::Available,
            // With its user.
            Resume::InUse => AssetState::InUse,
        }
    }

    /// The stage of this position (and of the pending states that carry it).
    #[must_use]
    pub const fn stage(self) -> AssetStage {
        match self {
            // storage/available
            Resume::Available => AssetStage::Storage,
            // in_operation/in_use
            Resume::InUse => AssetStage::InOperation,
        }
    }

    /// The position `state` is, if it is one a task may suspend.
    #[must_use]
    pub const fn of(state: AssetState) -> Option<Resume> {
        match state {
            AssetState::Available => Some(Resume::Available),
            AssetState::InUse => Some(Resume::InUse),
            // Every other state is not a position a suspending task accepts.
            AssetState::PendingVerification
            | AssetState::PendingAcceptance
            | AssetState::Reserved
            | AssetState::PendingMaintenance { .. }
            | AssetState::PendingUpgrade { .. }
            | AssetState::PendingDecommissioning
            | AssetState::OutOfStock
            | AssetState::MovingOutOfOperation
            | AssetState::Transfer { .. }
            | AssetState::Upgrade { .. }
            | AssetState::InMaintenance { .. }
            | AssetState::Decommissioned
            | AssetState::LostOrStolen
            | AssetState::Disposed
            | AssetState::Sold
            | AssetState::Donated
            | AssetState::ReturnedToSupplier => None,
        }
    }
}

/// One legal (stage, state) pair of SOURCES.md §A1; suspended states carry the
/// position to restore.
///
/// A task that suspends an asset (reserved, pending maintenance or upgrade, transfer,
/// upgrade, in maintenance) must give it back exactly where it was, so those states
/// keep that position:
///
/// - `PendingMaintenance` and `PendingUpgrade` carry a [`Resume`] whose stage is
///   also their own ("pending maintenance of the same stage"): `storage/available`
///   gives `storage/pending_maintenance`, `in_operation/in_use` gives
///   `in_operation/pending_maintenance`.
/// - `Transfer`, `Upgrade` and `InMaintenance` (all `unavailable`) carry the
///   [`Resume`] they were entered from.
/// - `Reserved` carries nothing: only allocation reserves, and allocation accepts
///   only `storage/available`, so the pair itself fixes what it restores
///   ([`AssetState::resume`] says so). A field that could hold one value only would
///   make an illegal pair (a reserved asset that restores to `in_use`) representable.
///
/// # Names
///
/// [`name`](Self::name) is the bare `snake_case` state (`unavailable`,
/// `pending_maintenance`), which repeats across stages. `Display`, `FromStr` and
/// serde use the qualified form [`qualified`](Self::qualified), `stage/state`, and
/// add the carried position in brackets where the pair does not fix it:
/// `storage/pending_maintenance`, `transfer/unavailable[in_operation/in_use]`. That
/// form round-trips for every value of [`AssetState::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetState {
    /// `storage/pending_verification`: created by CMDB discovery, waits for
    /// `itam_admin`.
    PendingVerification,
    /// `storage/pending_acceptance`: created by a registration task.
    PendingAcceptance,
    /// `storage/available`.
    Available,
    /// `storage/reserved`: in an allocation task (restores `storage/available`).
    Reserved,
    /// `storage/pending_maintenance` or `in_operation/pending_maintenance`: in a
    /// maintenance task that has not started; the stage is that of `resume`.
    PendingMaintenance {
        /// Where the asset was before the task.
        resume: Resume,
    },
    /// `storage/pending_upgrade` or `in_operation/pending_upgrade`: in an upgrading
    /// task that has not started; the stage is that of `resume`.
    PendingUpgrade {
        /// Where the asset was before the task.
        resume: Resume,
    },
    /// `storage/pending_decommissioning`.
    PendingDecommissioning,
    /// `storage/out_of_stock`: a consignment with nothing left (terminal).
    OutOfStock,
    /// `in_operation/in_use`.
    InUse,
    /// `in_operation/moving_out_of_operation`.
    MovingOutOfOperation,
    /// `transfer/unavailable`: in a change of stock that started, or in a return
    /// to stock.
    Transfer {
        /// Where the asset was before the task.
        resume: Resume,
    },
    /// `upgrade/unavailable`: in an upgrading task that started.
    Upgrade {
        /// Where the asset was before the task.
        resume: Resume,
    },
    /// `in_maintenance/unavailable`: in a maintenance task that started.
    InMaintenance {
        /// Where the asset was before the task.
        resume: Resume,
    },
    /// `decommissioning/decommissioned` (not terminal: disposal and asset transfer
    /// take it).
    Decommissioned,
    /// `decommissioning/lost_or_stolen` (terminal).
    LostOrStolen,
    /// `disposal_transfer/disposed` (terminal).
    Disposed,
    /// `disposal_transfer/sold` (terminal).
    Sold,
    /// `disposal_transfer/donated` (terminal).
    Donated,
    /// `disposal_transfer/returned_to_supplier` (terminal).
    ReturnedToSupplier,
}

use AssetState as S;
use Resume as R;

impl AssetState {
    /// Every legal value: each pair of SOURCES.md §A1 once, and the three
    /// `unavailable` pairs once for each position they can carry (24 values, 21
    /// distinct pairs), in the order of the table.
    pub const ALL: &'static [Self] = &[
        S::PendingVerification,
        S::PendingAcceptance,
        S::Available,
        S::Reserved,
        S::PendingMaintenance {
            resume: R::Available,
        },
        S::PendingUpgrade {
            resume: R::Available,
        },
        S::PendingDecommissioning,
        S::OutOfStock,
        S::InUse,
        S::PendingMaintenance { resume: R::InUse },
        S::PendingUpgrade { resume: R::InUse },
        S::MovingOutOfOperation,
        S::Transfer {
            resume: R::Available,
        },
        S::Transfer { resume: R::InUse },
        S::Upgrade {
            resume: R::Available,
        },
        S::Upgrade { resume: R::InUse },
        S::InMaintenance {
            resume: R::Available,
        },
        S::InMaintenance { resume: R::InUse },
        S::Decommissioned,
        S::LostOrStolen,
        S::Disposed,
        S::Sold,
        S::Donated,
        S::ReturnedToSupplier,
    ];

    /// The stage of the pair.
    #[must_use]
    pub const fn stage(self) -> AssetStage {
        match self {
            // The storage row of the table.
            S::PendingVerification
            | S::PendingAcceptance
            | S::Available
            | S::Reserved
            | S::PendingDecommissioning
            | S::OutOfStock => AssetStage::Storage,
            // Pending work keeps the stage the asset was in.
            S::PendingMaintenance { resume } | S::PendingUpgrade { resume } => resume.stage(),
            // The in operation row.
            S::InUse | S::MovingOutOfOperation => AssetStage::InOperation,
            // The three suspending stages, one state each.
            S::Transfer { .. } => AssetStage::Transfer,
            S::Upgrade { .. } => AssetStage::Upgrade,
            S::InMaintenance { .. } => AssetStage::InMaintenance,
            // Out of service.
            S::Decommissioned | S::LostOrStolen => AssetStage::Decommissioning,
            // Gone.
            S::Disposed | S::Sold | S::Donated | S::ReturnedToSupplier => {
                AssetStage::DisposalTransfer
            }
        }
    }

    /// Whether the asset is inactive for good: no task accepts it and nothing
    /// moves it again (the product's `itam_asset_terminal_stage_and_status`
    /// default: `storage/out_of_stock`, `decommissioning/lost_or_stolen` and the four
    /// `disposal_transfer` states).
    #[must_use]
    pub const fn is_terminal(self) -> bool {
        match self {
            // The terminal pairs.
            S::OutOfStock
            | S::LostOrStolen
            | S::Disposed
            | S::Sold
            | S::Donated
            | S::ReturnedToSupplier => true,
            // Decommissioned is not terminal: disposal and asset transfer take it.
            S::Decommissioned => false,
            // Every other state can still move.
            S::PendingVerification
            | S::PendingAcceptance
            | S::Available
            | S::Reserved
            | S::PendingMaintenance { .. }
            | S::PendingUpgrade { .. }
            | S::PendingDecommissioning
            | S::InUse
            | S::MovingOutOfOperation
            | S::Transfer { .. }
            | S::Upgrade { .. }
            | S::InMaintenance { .. } => false,
        }
    }

    /// Where a task that suspended the asset gives it back: `Some` exactly for the
    /// suspended states (reserved, pending maintenance or upgrade, and the three
    /// `unavailable` states).
    #[must_use]
    pub const fn resume(self) -> Option<Resume> {
        match self {
            // Only allocation reserves, and it takes only storage/available.
            S::Reserved => Some(R::Available),
            // The carried position.
            S::PendingMaintenance { resume }
            | S::PendingUpgrade { resume }
            | S::Transfer { resume }
            | S::Upgrade { resume }
            | S::InMaintenance { resume } => Some(resume),
            // Not suspended.
            S::PendingVerification
            | S::PendingAcceptance
            | S::Available
            | S::PendingDecommissioning
            | S::OutOfStock
            | S::InUse
            | S::MovingOutOfOperation
            | S::Decommissioned
            | S::LostOrStolen
            | S::Disposed
            | S::Sold
            | S::Donated
            | S::ReturnedToSupplier => None,
        }
    }

    /// Whether a task holds the asset away from its position (see
    /// [`resume`](Self::resume)).
    #[must_use]
    pub const fn is_suspended(self) -> bool {
        self.resume().is_some()
    }
}
