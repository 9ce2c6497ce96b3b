//! ITAM purchase requests (lifecycle.md §3, research §6.2).
//!
//! | | who |
//! |---|---|
//! | read | `itam_purchase_agent`; `itam_finance_manager` (ours: a purchase request is a financial document) |
//! | create | `itam_purchase_manager` |
//! | update | `itam_purchase_manager` as the assigned user |
//! | send for approval, start work, start purchase, complete, cancel | `itam_purchase_manager` as the assigned user (ours) |
//! | approve / reject | `itam_purchase_approver`, four eyes |
//!
//! The states are the platform's, in its order (ours: registered → pending approval →
//! approved → in progress → purchase in progress → completed); a rejection returns
//! the request to registered (ours); cancel leaves any state that is not terminal.
//! The product also lets the platform `admin` create and update purchase requests;
//! the crate grants `admin` no ITAM right (spec.md §1).
//!
//! Frozen (ours; no update, [`RecordState::is_frozen`]): pending approval, so the
//! approver decides on what was sent, and the terminal completed and canceled. An
//! approved request is still edited while it is prepared and purchased.
//! One purchase approver decides ([`Approval::One`]).
//!
//! ```
//! use itam_rbac::records::{PurchaseState, Record, RecordError, RecordEvent};
//! use itam_rbac::{can_record, transition_record, Action, Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::PurchaseManager);
//! let request = Record::new(PurchaseState::Registered).created_by(1).assigned_to(1);
//! assert!(can_record(&manager, Action::Update, &request));
//! assert!(can_record(&Subject::new(3_u32, Role::PurchaseAgent), Action::Read, &request));
//! assert!(!can_record(&Subject::new(3_u32, Role::Agent), Action::Read, &request));
//!
//! let pending = request.in_state(PurchaseState::PendingApproval);
//! let approver = Subject::new(2_u32, Role::PurchaseApprover);
//! assert_eq!(transition_record(&approver, &pending, RecordEvent::Approve), Ok(PurchaseState::Approved));
//! assert!(!can_record(&manager, Action::Update, &pending));
//! assert!(matches!(
//!     transition_record(&manager, &pending, RecordEvent::Approve),
//!     Err(RecordError::MissingRole { .. })
//! ));
//! ```

use super::{sealed, Approval, RecordEvent, RecordKind, RecordState, Rule};
use crate::vocabulary::vocabulary;
use crate::{Action, Roles};

vocabulary! {
    /// The state of an ITAM purchase request.
    pub enum PurchaseState ("purchase request state") {
        /// Saved, not yet sent for approval.
        Registered = "registered",
        /// Waiting for the purchase approver.
        PendingApproval = "pending_approval",
        /// Approved, work not started.
        Approved = "approved",
        /// Being prepared by its assigned purchase manager.
        InProgress = "in_progress",
        /// The purchase itself is under way.
        PurchaseInProgress = "purchase_in_progress",
        /// Done (terminal).
        Completed = "completed",
        /// Canceled (terminal).
        Canceled = "canceled",
    }
}

const MANAGER: Roles = Roles::PURCHASE_MANAGER;
const APPROVER: Roles = Roles::PURCHASE_APPROVER;

impl sealed::Sealed for PurchaseState {}

impl RecordState for PurchaseState {
    const KIND: RecordKind = RecordKind::PurchaseRequest;
    const STATES: &'static [Self] = Self::ALL;
    // The purchase approver decides alone.
    const APPROVAL: Approval = Approval::One;

    fn state_name(self) -> &'static str {
        self.name()
    }

    fn is_terminal(self) -> bool {
        match self {
            // Finished either way.
            PurchaseState::Completed | PurchaseState::Canceled => true,
            // Still open.
            PurchaseState::Registered
            | PurchaseState::PendingApproval
            | PurchaseState::Approved
            | PurchaseState::InProgress
            | PurchaseState::PurchaseInProgress => false,
        }
    }

    fn is_frozen(self) -> bool {
        match self {
            // Under review (ours): the approver decides on what was sent.
            PurchaseState::PendingApproval => true,
            // Finished either way (ours).
            PurchaseState::Completed | PurchaseState::Canceled => true,
            // Being prepared, or bought after approval (ours).
            PurchaseState::Registered
            | PurchaseState::Approved
            | PurchaseState::InProgress
            | PurchaseState::PurchaseInProgress => false,
        }
    }

    fn action_rule(self, action: Action) -> Option<Rule> {
        match action {
            // The purchase agent reads; the finance manager reads financial documents.
            Action::Read => Some(Rule::holding(
                Roles::PURCHASE_AGENT.union(Roles::FINANCE_MANAGER),
            )),
            // The purchase manager registers requests.
            Action::Create => Some(Rule::holding(MANAGER)),
            // ... and edits them only as the assigned user.
            Action::Update => Some(Rule::as_assigned_user(MANAGER)),
            // Never granted.
            Action::Delete => None,
        }
    }

    fn event_rule(event: RecordEvent) -> Option<Rule> {
        match event {
            // The assigned purchase manager moves the request along.
            RecordEvent::SendForApproval
            | RecordEvent::StartWork
            | RecordEvent::StartPurchase
            | RecordEvent::Complete
            | RecordEvent::Cancel => Some(Rule::as_assigned_user(MANAGER)),
            // The purchase approver decides; four eyes.
            RecordEvent::Approve | RecordEvent::Reject => Some(Rule::four_eyes(APPROVER)),
            // Not purchase request events.
            RecordEvent::MakeValid
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
        use PurchaseState as S;
        use RecordEvent as E;
        match (self, event) {
            // The legal edges.
            (S::Registered,      E::SendForApproval) => Some(S::PendingApproval),
            (S::PendingApproval, E::Approve)         => Some(S::Approved),
            (S::PendingApproval, E::Reject)          => Some(S::Registered),
            (S::Approved,        E::StartWork)       => Some(S::InProgress),
            (S::InProgress,      E::StartPurchase)   => Some(S::PurchaseInProgress),
            (S::PurchaseInProgress, E::Complete)     => Some(S::Completed),
            (S::Registered | S::PendingApproval | S::Approved | S::InProgress | S::PurchaseInProgress,
                E::Cancel) => Some(S::Canceled),
            // A purchase request event in a state that does not take it.
            (S::PendingApproval | S::Approved | S::InProgress | S::PurchaseInProgress | S::Completed
                | S::Canceled, E::SendForApproval)
            | (S::Registered | S::Approved | S::InProgress | S::PurchaseInProgress | S::Completed
                | S::Canceled, E::Approve | E::Reject)
            | (S::Registered | S::PendingApproval | S::InProgress | S::PurchaseInProgress | S::Completed
                | S::Canceled, E::StartWork)
            | (S::Registered | S::PendingApproval | S::Approved | S::PurchaseInProgress | S::Completed
                | S::Canceled, E::StartPurchase)
            | (S::Registered | S::PendingApproval | S::Approved | S::InProgress | S::Completed
                | S::Canceled, E::Complete)
            | (S::Completed | S::Canceled, E::Cancel)
            // Events of other records.
            | (_, E::MakeValid | E::Expire | E::Terminate | E::Revise | E::Allocate | E::Activate
                | E::Deactivate | E::MarkPurchaseUnavailable | E::Accept) => None,
        }
    }
}
