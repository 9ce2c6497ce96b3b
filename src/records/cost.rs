//! ITAM actual cost items (lifecycle.md §3, research §6.5).
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
//! ([`RecordError::UnknownCreator`](super::RecordError::UnknownCreator): four eyes
//! fails closed). One finance manager decides ([`Approval::One`]). The product lets
//! the platform `admin` delete an item that is not allocated; the crate grants no
//! delete.
//!
//! Frozen (ours; no update, [`RecordState::is_frozen`]): approved and allocated, so
//! an approved cost is not changed afterwards.
//!
//! ```
//! use itam_rbac::records::{CostItemState, Record, RecordError, RecordEvent};
//! use itam_rbac::{transition_record, Role, Subject};
//!
//! let finance = Subject::new(1_u32, Role::FinanceManager);
//! let automatic = Record::new(CostItemState::Registered).created_by_system();
//! assert_eq!(transition_record(&finance, &automatic, RecordEvent::Approve), Ok(CostItemState::Approved));
//! let unknown = Record::new(CostItemState::Registered);
//! assert!(matches!(
//!     transition_record(&finance, &unknown, RecordEvent::Approve),
//!     Err(RecordError::UnknownCreator { .. })
//! ));
//! let own = unknown.created_by(1);
//! assert!(matches!(
//!     transition_record(&finance, &own, RecordEvent::Approve),
//!     Err(RecordError::OwnRecord { .. })
//! ));
//! ```

use super::{sealed, Approval, RecordEvent, RecordKind, RecordState, Rule};
use crate::vocabulary::vocabulary;
use crate::{Action, Roles};

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

impl sealed::Sealed for CostItemState {}

impl RecordState for CostItemState {
    const KIND: RecordKind = RecordKind::ActualCostItem;
    const STATES: &'static [Self] = Self::ALL;
    // One finance manager approves.
    const APPROVAL: Approval = Approval::One;

    fn state_name(self) -> &'static str {
        self.name()
    }

    fn is_terminal(self) -> bool {
        match self {
            // Allocated costs are final.
            CostItemState::Allocated => true,
            // Still moving.
            CostItemState::Registered | CostItemState::Approved => false,
        }
    }

    fn is_frozen(self) -> bool {
        match self {
            // Not yet approved: corrected by hand if need be.
            CostItemState::Registered => false,
            // Approved or allocated (ours): the approved cost stays as approved.
            CostItemState::Approved | CostItemState::Allocated => true,
        }
    }

    fn action_rule(self, action: Action) -> Option<Rule> {
        match action {
            // The finance agent and the finance manager read cost items.
            Action::Read => Some(Rule::holding(Roles::FINANCE_AGENT.union(FINANCE))),
            // The finance manager creates and edits them.
            Action::Create | Action::Update => Some(Rule::holding(FINANCE)),
            // Never granted (the product lets admin delete unallocated items).
            Action::Delete => None,
        }
    }

    fn event_rule(event: RecordEvent) -> Option<Rule> {
        match event {
            // The finance manager approves costs; four eyes.
            RecordEvent::Approve => Some(Rule::four_eyes(FINANCE)),
            // ... and allocates them.
            RecordEvent::Allocate => Some(Rule::holding(FINANCE)),
            // Not cost item events (there is no reject: an item is corrected instead).
            RecordEvent::SendForApproval
            | RecordEvent::Reject
            | RecordEvent::StartWork
            | RecordEvent::StartPurchase
            | RecordEvent::Complete
            | RecordEvent::Cancel
            | RecordEvent::MakeValid
            | RecordEvent::Expire
            | RecordEvent::Terminate
            | RecordEvent::Revise
            | RecordEvent::Activate
            | RecordEvent::Deactivate
            | RecordEvent::MarkPurchaseUnavailable
            | RecordEvent::Accept => None,
        }
    }

    #[rustfmt::skip]
    fn next(self, event: RecordEvent) -> Option<Self> {
        use CostItemState as S;
        use RecordEvent as E;
        match (self, event) {
            // The legal edges.
            (S::Registered, E::Approve)  => Some(S::Approved),
            (S::Approved,   E::Allocate) => Some(S::Allocated),
            // A cost item event in a state that does not take it.
            (S::Approved | S::Allocated, E::Approve)
            | (S::Registered | S::Allocated, E::Allocate)
            // Events of other records.
            | (_, E::SendForApproval | E::Reject | E::StartWork | E::StartPurchase | E::Complete
                | E::Cancel | E::MakeValid | E::Expire | E::Terminate | E::Revise | E::Activate
                | E::Deactivate | E::MarkPurchaseUnavailable | E::Accept) => None,
        }
    }
}
