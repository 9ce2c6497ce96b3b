//! ITAM actual cost items (SOURCES.md §C5).
//!
//! | | who |
//! |---|---|
//! | read | `itam_finance_agent`, `itam_finance_manager` |
//! | create, update | `itam_finance_manager` |
//! | approve (registered → approved) | `itam_finance_manager`, four eyes |
//! | allocate (approved → allocated, terminal; ours) | `itam_finance_manager` |
//!
//! The system creates a cost item when a purchase registration completes; the host
//! marks such an item [`Record::created_by_system`](super::Record::created_by_system),
//! and any finance manager may approve it (nobody prepared it). An item a finance
//! manager made by hand needs another finance manager; an item whose creator is
//! unknown and that the system did not create is not approved at all
//! ([`RecordFault::UnknownCreator`](super::RecordFault::UnknownCreator): four eyes
//! fails closed). One finance manager decides ([`Approval::One`]). The product lets
//! the platform `admin` delete an item that is not allocated; the crate grants no
//! delete.
//!
//! Frozen (ours; no update, [`RecordState::is_frozen`]): approved and allocated, so
//! an approved cost is not changed afterwards.
//!
//! ```
//! use itam_rbac::records::{CostItemState, Record, RecordError, RecordFault, RecordEvent};
//! use itam_rbac::records::transition_record;
//! use itam_rbac::{Role, Subject};
//!
//! let finance = Subject::new(1_u32, Role::FinanceManager);
//! let automatic = Record::new(CostItemState::Registered).created_by_system();
//! assert_eq!(transition_record(&finance, &automatic, RecordEvent::Approve), Ok(CostItemState::Approved));
//! let unknown = Record::new(CostItemState::Registered);
//! assert!(matches!(
//!     transition_record(&finance, &unknown, RecordEvent::Approve).map_err(|e| e.fault()),
//!     Err(RecordFault::UnknownCreator)
//! ));
//! let own = unknown.created_by(1);
//! assert!(matches!(
//!     transition_record(&finance, &own, RecordEvent::Approve).map_err(|e| e.fault()),
//!     Err(RecordFault::OwnRecord(_))
//! ));
//! ```

use super::{ActionRules, Approval, Edge, RecordEvent, RecordKind, RecordState};
use crate::vocabulary::vocabulary;
use crate::{Grant, Roles};
use CostItemState as S;
use RecordEvent as E;

vocabulary! {
    /// The state of an actual cost item (ours, but for the documented "allocated").
    pub enum CostItemState ("actual cost item state") {
        /// Created, waiting for the finance manager's approval.
        Registered = "registered",
        /// Approved, not yet allocated.
        Approved = "approved",
        /// Allocated (terminal).
        Allocated = "allocated",
    }
}

const FINANCE: Roles = Roles::FINANCE_MANAGER;

impl RecordState for CostItemState {
    const KIND: RecordKind = RecordKind::ActualCostItem;
    const STATES: &'static [Self] = Self::ALL;
    // The finance manager decides alone.
    const APPROVAL: Approval = Approval::One;
    const INITIAL: &'static [Self] = &[S::Registered];
    // Allocated is final (ours).
    const TERMINAL: &'static [Self] = &[S::Allocated];
    // Approved and allocated items are no longer edited (ours).
    const FROZEN: &'static [Self] = &[S::Approved, S::Allocated];

    #[rustfmt::skip]
    const EDGES: &'static [Edge<Self>] = &[
        (S::Registered, E::Approve,  S::Approved),
        (S::Approved,   E::Allocate, S::Allocated),
    ];

    #[rustfmt::skip]
    const EVENTS: &'static [(RecordEvent, Grant)] = &[
        // The finance manager approves asset-related costs; four eyes.
        (E::Approve,  Grant::four_eyes(FINANCE)),
        // And allocates them.
        (E::Allocate, Grant::holding(FINANCE)),
    ];
}

super::record_kind!(CostItemState, "actual cost items", {
    // Delete: never granted (the product lets admin delete unallocated items).
    ActionRules {
        // The finance roles read actual cost items: not every itam_agent (decided).
        read: Grant::holding(Roles::FINANCE_AGENT.union(FINANCE)),
        // The finance manager creates and edits them.
        create: Some(Grant::holding(FINANCE)),
        update: Some(Grant::holding(FINANCE)),
    }
});
