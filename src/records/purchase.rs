//! ITAM purchase requests (SOURCES.md §C2).
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
//! the crate grants `admin` no ITAM right (SOURCES.md §R4).
//!
//! Frozen (ours; no update, [`RecordState::is_frozen`]): pending approval, so the
//! approver decides on what was sent, and the terminal completed and canceled. An
//! approved request is still edited while it is prepared and purchased.
//! One purchase approver decides ([`Approval::One`]).
//!
//! ```
//! use itam_rbac::records::{PurchaseState, Record, RecordError, RecordFault, RecordEvent};
//! use itam_rbac::records::{can_record, transition_record};
//! use itam_rbac::{Action, Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::PurchaseManager);
//! let request = Record::new(PurchaseState::Registered).created_by(1).assigned_to(1);
//! assert!(can_record(&manager, Action::Update, &request));
//! assert!(can_record(&Subject::new(3_u32, Role::PurchaseAgent), Action::Read, &request));
//! assert!(!can_record(&Subject::new(3_u32, Role::Agent), Action::Read, &request));
//!
//! let pending = request.submitted_by(1).in_state(PurchaseState::PendingApproval);
//! let approver = Subject::new(2_u32, Role::PurchaseApprover);
//! assert_eq!(transition_record(&approver, &pending, RecordEvent::Approve), Ok(PurchaseState::Approved));
//! assert!(!can_record(&manager, Action::Update, &pending));
//! assert!(matches!(
//!     transition_record(&manager, &pending, RecordEvent::Approve).map_err(|e| e.fault()),
//!     Err(RecordFault::MissingRole(_))
//! ));
//! ```

use super::{ActionRules, Approval, Edge, RecordEvent, RecordKind, RecordState};
use crate::vocabulary::vocabulary;
use crate::{Grant, Roles};
use PurchaseState as S;
use RecordEvent as E;

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

impl RecordState for PurchaseState {
    const KIND: RecordKind = RecordKind::PurchaseRequest;
    const STATES: &'static [Self] = Self::ALL;
    // One purchase approver decides.
    const APPROVAL: Approval = Approval::One;
    const INITIAL: &'static [Self] = &[S::Registered];
    // Finished either way.
    const TERMINAL: &'static [Self] = &[S::Completed, S::Canceled];
    // Under review (ours), and finished either way (ours).
    const FROZEN: &'static [Self] = &[S::PendingApproval, S::Completed, S::Canceled];

    #[rustfmt::skip]
    const EDGES: &'static [Edge<Self>] = &[
        (S::Registered,         E::SendForApproval, S::PendingApproval),
        (S::PendingApproval,    E::Approve,         S::Approved),
        (S::PendingApproval,    E::Reject,          S::Registered),
        (S::Approved,           E::StartWork,       S::InProgress),
        (S::InProgress,         E::StartPurchase,   S::PurchaseInProgress),
        (S::PurchaseInProgress, E::Complete,        S::Completed),
        // Cancel from any state that is not terminal.
        (S::Registered,         E::Cancel,          S::Canceled),
        (S::PendingApproval,    E::Cancel,          S::Canceled),
        (S::Approved,           E::Cancel,          S::Canceled),
        (S::InProgress,         E::Cancel,          S::Canceled),
        (S::PurchaseInProgress, E::Cancel,          S::Canceled),
    ];

    #[rustfmt::skip]
    const EVENTS: &'static [(RecordEvent, Grant)] = &[
        // Every purchase manager event is the assigned purchase manager's (decided).
        (E::SendForApproval, Grant::as_assigned_user(MANAGER)),
        (E::StartWork,       Grant::as_assigned_user(MANAGER)),
        (E::StartPurchase,   Grant::as_assigned_user(MANAGER)),
        (E::Complete,        Grant::as_assigned_user(MANAGER)),
        (E::Cancel,          Grant::as_assigned_user(MANAGER)),
        // The purchase approver decides; four eyes.
        (E::Approve,         Grant::four_eyes(APPROVER)),
        (E::Reject,          Grant::four_eyes(APPROVER)),
    ];
}

super::record_kind!(PurchaseState, "purchase requests", {
    ActionRules {
        // The purchase roles (and the finance manager, who reads all financial
        // documents) read purchase requests: not every itam_agent (decided).
        read: Grant::holding(Roles::PURCHASE_AGENT.union(Roles::FINANCE_MANAGER)),
        // The purchase manager registers purchase requests.
        create: Some(Grant::holding(MANAGER)),
        // And edits them as the assigned user.
        update: Some(Grant::as_assigned_user(MANAGER)),
    }
});
