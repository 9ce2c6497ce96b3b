//! Nomenclature: catalogue model records (SOURCES.md §C6).
//!
//! | | who |
//! |---|---|
//! | read | `itam_agent` |
//! | create, update | `itam_nomenclature_manager` (and `itam_demand_manager`, through inclusion) |
//! | activate, deactivate, mark purchase unavailable | `itam_nomenclature_manager` (ours) |
//!
//! No state is terminal, no nomenclature is approved, and none is frozen (ours:
//! nothing approves it, so an edit undoes no approval; [`RecordState::is_frozen`]).
//! [`Approval::One`] is its [`RecordState::APPROVAL`] only because every kind
//! names one. An inactive nomenclature
//! admits no new registration ([`admits_registration`]); a new demand item takes an
//! active one only ([`admits_demand_items`]). The product's nomenclature pages name
//! `itam_agent` as the role to create one; the crate follows the role model
//! (`itam_nomenclature_manager`).
//!
//! ```
//! use itam_rbac::records::{admits_registration, NomenclatureState, Record, RecordEvent};
//! use itam_rbac::records::{can_record, transition_record};
//! use itam_rbac::{Action, Role, Subject};
//!
//! let planner = Subject::new(1_u32, Role::DemandManager);
//! let model = Record::new(NomenclatureState::Active);
//! assert!(can_record(&planner, Action::Create, &model));
//! let next = transition_record(&planner, &model, RecordEvent::Deactivate);
//! assert_eq!(next, Ok(NomenclatureState::Inactive));
//! assert!(!admits_registration(NomenclatureState::Inactive));
//! ```

use super::{ActionRules, Approval, Edge, RecordEvent, RecordKind, RecordState};
use crate::vocabulary::vocabulary;
use crate::{Grant, Roles};
use NomenclatureState as S;
use RecordEvent as E;

vocabulary! {
    /// The state of a nomenclature record.
    pub enum NomenclatureState ("nomenclature state") {
        /// In use.
        Active = "active",
        /// Retired: no new asset of it may be registered.
        Inactive = "inactive",
        /// Not purchasable any more; existing stock still registers.
        PurchaseUnavailable = "purchase_unavailable",
    }
}

/// Whether a registration task may register new assets of a nomenclature in `state`.
#[must_use]
pub const fn admits_registration(state: NomenclatureState) -> bool {
    match state {
        // Documented: an inactive nomenclature admits no new registration.
        NomenclatureState::Inactive => false,
        // Active, and (ours) purchase unavailable: assets already bought still register.
        NomenclatureState::Active | NomenclatureState::PurchaseUnavailable => true,
    }
}

/// Whether a new demand item may use a nomenclature in `state`.
#[must_use]
pub const fn admits_demand_items(state: NomenclatureState) -> bool {
    match state {
        // Documented: demand items use active nomenclature.
        NomenclatureState::Active => true,
        // Retired or not purchasable.
        NomenclatureState::Inactive | NomenclatureState::PurchaseUnavailable => false,
    }
}

const MANAGER: Roles = Roles::NOMENCLATURE_MANAGER;

impl RecordState for NomenclatureState {
    const KIND: RecordKind = RecordKind::Nomenclature;
    const STATES: &'static [Self] = Self::ALL;
    // No approval events: nothing reads it.
    const APPROVAL: Approval = Approval::One;
    const INITIAL: &'static [Self] = &[S::Active];
    // Every state has a way out.
    const TERMINAL: &'static [Self] = &[];
    // A catalogue record is always editable by its manager.
    const FROZEN: &'static [Self] = &[];

    #[rustfmt::skip]
    const EDGES: &'static [Edge<Self>] = &[
        (S::Inactive,            E::Activate,                S::Active),
        (S::PurchaseUnavailable, E::Activate,                S::Active),
        (S::Active,              E::Deactivate,              S::Inactive),
        (S::PurchaseUnavailable, E::Deactivate,              S::Inactive),
        (S::Active,              E::MarkPurchaseUnavailable, S::PurchaseUnavailable),
    ];

    #[rustfmt::skip]
    const EVENTS: &'static [(RecordEvent, Grant)] = &[
        // The nomenclature manager changes a nomenclature's state.
        (E::Activate,                Grant::holding(MANAGER)),
        (E::Deactivate,              Grant::holding(MANAGER)),
        (E::MarkPurchaseUnavailable, Grant::holding(MANAGER)),
    ];
}

super::record_kind!(NomenclatureState, "nomenclature records", {
    ActionRules {
        // itam_agent reads all ITAM tables.
        read: ActionRules::AGENT_READS,
        // The nomenclature manager creates and edits nomenclature.
        create: Some(Grant::holding(MANAGER)),
        update: Some(Grant::holding(MANAGER)),
    }
});
