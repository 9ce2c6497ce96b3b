//! Functional budgets for asset purchases (SOURCES.md §C4).
//!
//! The product documents only that `itam_budget_controller` approves a functional
//! budget; everything else here is our decision:
//!
//! | | who |
//! |---|---|
//! | read | `itam_finance_agent`, `itam_finance_manager`, `itam_budget_controller`, `itam_process_manager` (ours: a budget is a financial document) |
//! | create, update | `itam_process_manager` or `itam_finance_manager` |
//! | send for approval (draft → pending approval), revise (rejected → draft) | `itam_process_manager` or `itam_finance_manager` |
//! | approve (→ approved, terminal) / reject (→ rejected) | `itam_budget_controller`, four eyes |
//!
//! One budget controller decides ([`Approval::One`]). Frozen (ours; no update,
//! [`RecordState::is_frozen`]): every state but draft. A rejected budget is revised
//! back to draft before it is edited again.
//!
//! ```
//! use itam_rbac::records::{BudgetState, Record, RecordError, RecordEvent};
//! use itam_rbac::records::{can_record, transition_record};
//! use itam_rbac::{Action, Role, Subject};
//!
//! let finance = Subject::new(1_u32, Role::FinanceManager);
//! let budget = Record::new(BudgetState::PendingApproval).created_by(1).submitted_by(1);
//! assert!(can_record(&finance, Action::Update, &budget.clone().in_state(BudgetState::Draft)));
//! assert!(!can_record(&finance, Action::Update, &budget));
//! assert!(!can_record(&Subject::new(3_u32, Role::Agent), Action::Read, &budget));
//!
//! let controller = Subject::new(2_u32, Role::BudgetController);
//! assert_eq!(transition_record(&controller, &budget, RecordEvent::Reject), Ok(BudgetState::Rejected));
//! ```

use super::{ActionRules, Approval, Edge, RecordEvent, RecordKind, RecordState};
use crate::vocabulary::vocabulary;
use crate::{Grant, Roles};
use BudgetState as S;
use RecordEvent as E;

vocabulary! {
    /// The state of a functional budget (all ours).
    pub enum BudgetState ("functional budget state") {
        /// Being prepared.
        Draft = "draft",
        /// Waiting for the budget controller.
        PendingApproval = "pending_approval",
        /// Approved (terminal).
        Approved = "approved",
        /// Rejected; may be revised.
        Rejected = "rejected",
    }
}

/// Who prepares budgets (ours).
const PREPARER: Roles = Roles::PROCESS_MANAGER.union(Roles::FINANCE_MANAGER);

impl RecordState for BudgetState {
    const KIND: RecordKind = RecordKind::FunctionalBudget;
    const STATES: &'static [Self] = Self::ALL;
    // The budget controller decides alone.
    const APPROVAL: Approval = Approval::One;
    const INITIAL: &'static [Self] = &[S::Draft];
    // An approved budget is final (ours).
    const TERMINAL: &'static [Self] = &[S::Approved];
    // Only a draft is edited (ours): a rejected budget is revised back to draft.
    const FROZEN: &'static [Self] = &[S::PendingApproval, S::Approved, S::Rejected];

    #[rustfmt::skip]
    const EDGES: &'static [Edge<Self>] = &[
        (S::Draft,           E::SendForApproval, S::PendingApproval),
        (S::PendingApproval, E::Approve,         S::Approved),
        (S::PendingApproval, E::Reject,          S::Rejected),
        (S::Rejected,        E::Revise,          S::Draft),
    ];

    #[rustfmt::skip]
    const EVENTS: &'static [(RecordEvent, Grant)] = &[
        // Its preparers send it and revise it.
        (E::SendForApproval, Grant::holding(PREPARER)),
        (E::Revise,          Grant::holding(PREPARER)),
        // The budget controller decides; four eyes.
        (E::Approve,         Grant::four_eyes(Roles::BUDGET_CONTROLLER)),
        (E::Reject,          Grant::four_eyes(Roles::BUDGET_CONTROLLER)),
    ];
}

super::record_kind!(BudgetState, "functional budgets", {
    ActionRules {
        // The finance roles, the budget controller and its preparers (ours).
        read: Grant::holding(
            Roles::FINANCE_AGENT
                .union(Roles::BUDGET_CONTROLLER)
                .union(PREPARER),
        ),
        // The process manager or the finance manager prepares it (ours).
        create: Some(Grant::holding(PREPARER)),
        update: Some(Grant::holding(PREPARER)),
    }
});
