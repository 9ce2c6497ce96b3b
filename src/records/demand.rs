//! ITAM demands (SOURCES.md §C3).
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
//! The demand approver is the mandatory approver of every demand (SOURCES.md §C3):
//! a demand completes only once approved, never straight from in
//! progress. One demand approver decides ([`Approval::One`]).
//!
//! Frozen (ours; no update, [`RecordState::is_frozen`]): from pending approval on
//! (pending approval, approved) and in the terminal completed and canceled, so the
//! approver's decision covers the demand as it stays. A rejected demand is back in
//! progress and edited again.
//!
//! ```
//! use itam_rbac::records::{DemandState, Record, RecordError, RecordFault, RecordEvent};
//! use itam_rbac::records::transition_record;
//! use itam_rbac::{Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::DemandManager);
//! let demand = Record::new(DemandState::Registered).created_by(1);
//! assert_eq!(transition_record(&manager, &demand, RecordEvent::StartWork), Ok(DemandState::InProgress));
//!
//! let pending = demand.assigned_to(1).submitted_by(1).in_state(DemandState::PendingApproval);
//! let approver = Subject::new(2_u32, Role::DemandApprover);
//! assert_eq!(transition_record(&approver, &pending, RecordEvent::Approve), Ok(DemandState::Approved));
//!
//! // No completion without approval.
//! let working = pending.in_state(DemandState::InProgress);
//! assert!(matches!(
//!     transition_record(&manager, &working, RecordEvent::Complete).map_err(|e| e.fault()),
//!     Err(RecordFault::WrongState)
//! ));
//! ```

use super::{ActionRules, Approval, Edge, RecordEvent, RecordKind, RecordState};
use crate::vocabulary::vocabulary;
use crate::{Grant, Roles};
use DemandState as S;
use RecordEvent as E;

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

impl RecordState for DemandState {
    const KIND: RecordKind = RecordKind::Demand;
    const STATES: &'static [Self] = Self::ALL;
    // The demand approver decides alone.
    const APPROVAL: Approval = Approval::One;
    const INITIAL: &'static [Self] = &[S::Registered];
    // Finished either way.
    const TERMINAL: &'static [Self] = &[S::Completed, S::Canceled];
    // Under review or approved (ours): the approval covers what stays; and
    // finished either way (ours).
    const FROZEN: &'static [Self] = &[S::PendingApproval, S::Approved, S::Completed, S::Canceled];

    #[rustfmt::skip]
    const EDGES: &'static [Edge<Self>] = &[
        (S::Registered,      E::StartWork,       S::InProgress),
        (S::InProgress,      E::SendForApproval, S::PendingApproval),
        (S::PendingApproval, E::Approve,         S::Approved),
        (S::PendingApproval, E::Reject,          S::InProgress),
        // Approval is mandatory: no completion from in progress.
        (S::Approved,        E::Complete,        S::Completed),
        // Cancel from any state that is not terminal.
        (S::Registered,      E::Cancel,          S::Canceled),
        (S::InProgress,      E::Cancel,          S::Canceled),
        (S::PendingApproval, E::Cancel,          S::Canceled),
        (S::Approved,        E::Cancel,          S::Canceled),
    ];

    #[rustfmt::skip]
    const EVENTS: &'static [(RecordEvent, Grant)] = &[
        // Any demand manager takes a demand into work or cancels it.
        (E::StartWork,       Grant::holding(MANAGER)),
        (E::Cancel,          Grant::holding(MANAGER)),
        // Its assigned demand manager coordinates it afterwards.
        (E::SendForApproval, Grant::as_assigned_user(MANAGER)),
        (E::Complete,        Grant::as_assigned_user(MANAGER)),
        // The demand approver decides; four eyes.
        (E::Approve,         Grant::four_eyes(APPROVER)),
        (E::Reject,          Grant::four_eyes(APPROVER)),
    ];
}

super::record_kind!(DemandState, "demands", {
    ActionRules {
        // itam_agent reads demands (SOURCES.md §C3).
        read: ActionRules::AGENT_READS,
        // The demand manager creates and edits demands.
        create: Some(Grant::holding(MANAGER)),
        update: Some(Grant::holding(MANAGER)),
    }
});
