//! ITAM demands (lifecycle.md §3, research §6.3).
//!
//! | | who |
//! |---|---|
//! | read | `itam_agent` |
//! | create, update | `itam_demand_manager` |
//! | start work (registered → in progress) | `itam_demand_manager`; the host makes them the assigned user |
//! | send for approval (in progress → pending approval), complete (approved → completed) | `itam_demand_manager` as the assigned user (ours) |
//! | approve (→ approved) / reject (→ in progress, ours) | `itam_demand_approver`, four eyes |
//! | cancel (any state that is not terminal) | `itam_demand_manager` (ours) |
//!
//! The demand approver is the mandatory approver of every demand (spec.md §1,
//! lifecycle.md §3): a demand completes only once approved, never straight from in
//! progress. One demand approver decides ([`Approval::One`]).
//!
//! Frozen (ours; no update, [`RecordState::is_frozen`]): from pending approval on
//! (pending approval, approved) and in the terminal completed and canceled, so the
//! approver's decision covers the demand as it stays. A rejected demand is back in
//! progress and edited again.
//!
//! ```
//! use itam_rbac::records::{DemandState, Record, RecordError, RecordEvent};
//! use itam_rbac::{transition_record, Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::DemandManager);
//! let demand = Record::new(DemandState::Registered).created_by(1);
//! assert_eq!(transition_record(&manager, &demand, RecordEvent::StartWork), Ok(DemandState::InProgress));
//!
//! let pending = demand.assigned_to(1).in_state(DemandState::PendingApproval);
//! let approver = Subject::new(2_u32, Role::DemandApprover);
//! assert_eq!(transition_record(&approver, &pending, RecordEvent::Approve), Ok(DemandState::Approved));
//!
//! // No completion without approval.
//! let working = pending.in_state(DemandState::InProgress);
//! assert!(matches!(
//!     transition_record(&manager, &working, RecordEvent::Complete),
//!     Err(RecordError::WrongState { .. })
//! ));
//! ```

use super::{sealed, Approval, RecordEvent, RecordKind, RecordState, Rule};
use crate::vocabulary::vocabulary;
use crate::{Action, Roles};

vocabulary! {
    /// The state of an ITAM demand.
    pub enum DemandState ("demand state") {
        /// Saved, work not started.
        Registered = "registered",
        /// Its assigned demand manager works on it.
        InProgress = "in_progress",
        /// Waiting for the demand approver.
        PendingApproval = "pending_approval",
        /// Approved.
        Approved = "approved",
        /// Done (terminal).
        Completed = "completed",
        /// Canceled (terminal).
        Canceled = "canceled",
    }
}

const MANAGER: Roles = Roles::DEMAND_MANAGER;
const APPROVER: Roles = Roles::DEMAND_APPROVER;

impl sealed::Sealed for DemandState {}

impl RecordState for DemandState {
    const KIND: RecordKind = RecordKind::Demand;
    const STATES: &'static [Self] = Self::ALL;
    // The demand approver decides alone.
    const APPROVAL: Approval = Approval::One;

    fn state_name(self) -> &'static str {
        self.name()
    }

    fn is_terminal(self) -> bool {
        match self {
            // Finished either way.
            DemandState::Completed | DemandState::Canceled => true,
            // Still open.
            DemandState::Registered
            | DemandState::InProgress
            | DemandState::PendingApproval
            | DemandState::Approved => false,
        }
    }

    fn is_frozen(self) -> bool {
        match self {
            // Under review or approved (ours): the approval covers what stays.
            DemandState::PendingApproval | DemandState::Approved => true,
            // Finished either way (ours).
            DemandState::Completed | DemandState::Canceled => true,
            // Being prepared by its demand manager.
            DemandState::Registered | DemandState::InProgress => false,
        }
    }

    fn action_rule(self, action: Action) -> Option<Rule> {
        match action {
            // itam_agent reads demands (lifecycle.md §3).
            Action::Read => Some(Rule::holding(Roles::AGENT)),
            // The demand manager creates and edits demands.
            Action::Create | Action::Update => Some(Rule::holding(MANAGER)),
            // Never granted.
            Action::Delete => None,
        }
    }

    fn event_rule(event: RecordEvent) -> Option<Rule> {
        match event {
            // Any demand manager takes a demand into work or cancels it.
            RecordEvent::StartWork | RecordEvent::Cancel => Some(Rule::holding(MANAGER)),
            // Its assigned demand manager coordinates it afterwards.
            RecordEvent::SendForApproval | RecordEvent::Complete => {
                Some(Rule::as_assigned_user(MANAGER))
            }
            // The demand approver decides; four eyes.
            RecordEvent::Approve | RecordEvent::Reject => Some(Rule::four_eyes(APPROVER)),
            // Not demand events.
            RecordEvent::StartPurchase
            | RecordEvent::MakeValid
            | RecordEvent::Expire
            | RecordEvent::Terminate
            | RecordEvent::Revise
            | RecordEvent::Allocate
            | RecordEvent::Activate
            | RecordEvent::Deactivate
            | RecordEvent::MarkPurchaseUnavailable
            | RecordEvent::Accept => None,
        }
    }

    #[rustfmt::skip]
    fn next(self, event: RecordEvent) -> Option<Self> {
        use DemandState as S;
        use RecordEvent as E;
        match (self, event) {
            // The legal edges.
            (S::Registered,      E::StartWork)       => Some(S::InProgress),
            (S::InProgress,      E::SendForApproval) => Some(S::PendingApproval),
            (S::PendingApproval, E::Approve)         => Some(S::Approved),
            (S::PendingApproval, E::Reject)          => Some(S::InProgress),
            (S::Approved,        E::Complete)        => Some(S::Completed),
            (S::Registered | S::InProgress | S::PendingApproval | S::Approved, E::Cancel) => Some(S::Canceled),
            // A demand event in a state that does not take it.
            (S::InProgress | S::PendingApproval | S::Approved | S::Completed | S::Canceled, E::StartWork)
            | (S::Registered | S::PendingApproval | S::Approved | S::Completed | S::Canceled, E::SendForApproval)
            | (S::Registered | S::InProgress | S::Approved | S::Completed | S::Canceled, E::Approve | E::Reject)
            // Approval is mandatory: no completion from in progress.
            | (S::Registered | S::InProgress | S::PendingApproval | S::Completed | S::Canceled, E::Complete)
            | (S::Completed | S::Canceled, E::Cancel)
            // Events of other records.
            | (_, E::StartPurchase | E::MakeValid | E::Expire | E::Terminate | E::Revise | E::Allocate
                | E::Activate | E::Deactivate | E::MarkPurchaseUnavailable | E::Accept) => None,
        }
    }
}
