//! Nomenclature: catalogue model records (lifecycle.md §3, research §6.6).
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
//! use itam_rbac::{can_record, transition_record, Action, Role, Subject};
//!
//! let planner = Subject::new(1_u32, Role::DemandManager);
//! let model = Record::new(NomenclatureState::Active);
//! assert!(can_record(&planner, Action::Create, &model));
//! let next = transition_record(&planner, &model, RecordEvent::Deactivate);
//! assert_eq!(next, Ok(NomenclatureState::Inactive));
//! assert!(!admits_registration(NomenclatureState::Inactive));
//! ```

use super::{sealed, Approval, RecordEvent, RecordKind, RecordState, Rule};
use crate::vocabulary::vocabulary;
use crate::{Action, Roles};

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

impl sealed::Sealed for NomenclatureState {}

impl RecordState for NomenclatureState {
    const KIND: RecordKind = RecordKind::Nomenclature;
    const STATES: &'static [Self] = Self::ALL;
    // No approval events: nothing reads it.
    const APPROVAL: Approval = Approval::One;

    fn state_name(self) -> &'static str {
        self.name()
    }

    fn is_terminal(self) -> bool {
        match self {
            // Every state can be left again.
            NomenclatureState::Active
            | NomenclatureState::Inactive
            | NomenclatureState::PurchaseUnavailable => false,
        }
    }

    fn is_frozen(self) -> bool {
        match self {
            // Never frozen (ours): nothing approves a nomenclature.
            NomenclatureState::Active
            | NomenclatureState::Inactive
            | NomenclatureState::PurchaseUnavailable => false,
        }
    }

    fn action_rule(self, action: Action) -> Option<Rule> {
        match action {
            // itam_agent reads all ITAM tables.
            Action::Read => Some(Rule::holding(Roles::AGENT)),
            // The nomenclature manager creates and edits.
            Action::Create | Action::Update => Some(Rule::holding(MANAGER)),
            // Never granted.
            Action::Delete => None,
        }
    }

    fn event_rule(event: RecordEvent) -> Option<Rule> {
        match event {
            // The nomenclature manager changes the state.
            RecordEvent::Activate
            | RecordEvent::Deactivate
            | RecordEvent::MarkPurchaseUnavailable => Some(Rule::holding(MANAGER)),
            // Not nomenclature events.
            RecordEvent::SendForApproval
            | RecordEvent::Approve
            | RecordEvent::Reject
            | RecordEvent::StartWork
            | RecordEvent::StartPurchase
            | RecordEvent::Complete
            | RecordEvent::Cancel
            | RecordEvent::MakeValid
            | RecordEvent::Expire
            | RecordEvent::Terminate
            | RecordEvent::Revise
            | RecordEvent::Allocate
            | RecordEvent::Accept => None,
        }
    }

    #[rustfmt::skip]
    fn next(self, event: RecordEvent) -> Option<Self> {
        use NomenclatureState as S;
        use RecordEvent as E;
        match (self, event) {
            // The legal edges.
            (S::Inactive | S::PurchaseUnavailable, E::Activate)   => Some(S::Active),
            (S::Active | S::PurchaseUnavailable,   E::Deactivate) => Some(S::Inactive),
            (S::Active, E::MarkPurchaseUnavailable)               => Some(S::PurchaseUnavailable),
            // A nomenclature event in a state that does not take it.
            (S::Active, E::Activate)
            | (S::Inactive, E::Deactivate)
            | (S::Inactive | S::PurchaseUnavailable, E::MarkPurchaseUnavailable)
            // Events of other records.
            | (_, E::SendForApproval | E::Approve | E::Reject | E::StartWork | E::StartPurchase
                | E::Complete | E::Cancel | E::MakeValid | E::Expire | E::Terminate | E::Revise
                | E::Allocate | E::Accept) => None,
        }
    }
}
