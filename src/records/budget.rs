//! Functional budgets for asset purchases (lifecycle.md §3, research §6.4).
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
//! use itam_rbac::{can_record, transition_record, Action, Role, Subject};
//!
//! let finance = Subject::new(1_u32, Role::FinanceManager);
//! let budget = Record::new(BudgetState::PendingApproval).created_by(1);
//! assert!(can_record(&finance, Action::Update, &budget.clone().in_state(BudgetState::Draft)));
//! assert!(!can_record(&finance, Action::Update, &budget));
//! assert!(!can_record(&Subject::new(3_u32, Role::Agent), Action::Read, &budget));
//!
//! let controller = Subject::new(2_u32, Role::BudgetController);
//! assert_eq!(transition_record(&controller, &budget, RecordEvent::Reject), Ok(BudgetState::Rejected));
//! ```

use super::{sealed, Approval, RecordEvent, RecordKind, RecordState, Rule};
use crate::vocabulary::vocabulary;
use crate::{Action, Roles};

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

impl sealed::Sealed for BudgetState {}

impl RecordState for BudgetState {
    const KIND: RecordKind = RecordKind::FunctionalBudget;
    const STATES: &'static [Self] = Self::ALL;
    // The budget controller decides alone.
    const APPROVAL: Approval = Approval::One;

    fn state_name(self) -> &'static str {
        self.name()
    }

    fn is_terminal(self) -> bool {
        match self {
            // An approved budget is final.
            BudgetState::Approved => true,
            // A rejected one goes back to draft.
            BudgetState::Draft | BudgetState::PendingApproval | BudgetState::Rejected => false,
        }
    }

    fn is_frozen(self) -> bool {
        match self {
            // Being prepared (ours: the only state where a budget is edited).
            BudgetState::Draft => false,
            // Under review, approved, or rejected until revised back to draft (ours).
            BudgetState::PendingApproval | BudgetState::Approved | BudgetState::Rejected => true,
        }
    }

    fn action_rule(self, action: Action) -> Option<Rule> {
        match action {
            // Finance roles, the approver and the preparers read budgets.
            Action::Read => Some(Rule::holding(
                Roles::FINANCE_AGENT
                    .union(Roles::BUDGET_CONTROLLER)
                    .union(PREPARER),
            )),
            // The preparers create and edit them.
            Action::Create | Action::Update => Some(Rule::holding(PREPARER)),
            // Never granted.
            Action::Delete => None,
        }
    }

    fn event_rule(event: RecordEvent) -> Option<Rule> {
        match event {
            // The preparers send and revise.
            RecordEvent::SendForApproval | RecordEvent::Revise => Some(Rule::holding(PREPARER)),
            // The budget controller decides; four eyes.
            RecordEvent::Approve | RecordEvent::Reject => {
                Some(Rule::four_eyes(Roles::BUDGET_CONTROLLER))
            }
            // Not budget events.
            RecordEvent::StartWork
            | RecordEvent::StartPurchase
            | RecordEvent::Complete
            | RecordEvent::Cancel
            | RecordEvent::MakeValid
            | RecordEvent::Expire
            | RecordEvent::Terminate
            | RecordEvent::Allocate
            | RecordEvent::Activate
            | RecordEvent::Deactivate
            | RecordEvent::MarkPurchaseUnavailable
            | RecordEvent::Accept => None,
        }
    }

    #[rustfmt::skip]
    fn next(self, event: RecordEvent) -> Option<Self> {
        use BudgetState as S;
        use RecordEvent as E;
        match (self, event) {
            // The legal edges.
            (S::Draft,           E::SendForApproval) => Some(S::PendingApproval),
            (S::PendingApproval, E::Approve)         => Some(S::Approved),
            (S::PendingApproval, E::Reject)          => Some(S::Rejected),
            (S::Rejected,        E::Revise)          => Some(S::Draft),
            // A budget event in a state that does not take it.
            (S::PendingApproval | S::Approved | S::Rejected, E::SendForApproval)
            | (S::Draft | S::Approved | S::Rejected, E::Approve | E::Reject)
            | (S::Draft | S::PendingApproval | S::Approved, E::Revise)
            // Events of other records.
            | (_, E::StartWork | E::StartPurchase | E::Complete | E::Cancel | E::MakeValid | E::Expire
                | E::Terminate | E::Allocate | E::Activate | E::Deactivate | E::MarkPurchaseUnavailable
                | E::Accept) => None,
        }
    }
}
