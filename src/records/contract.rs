//! Asset contracts (lifecycle.md §3, research §6.1).
//!
//! | | who |
//! |---|---|
//! | read | `itam_agent` |
//! | create, update | `itam_contract_manager` |
//! | send for approval (draft → approval; needs a contract document) | `itam_contract_manager` |
//! | approve (approval → signing) / reject (approval → draft, ours) | `itam_contract_approver`, four eyes |
//! | make valid (signing → valid) | `itam_contract_manager` |
//! | expire, terminate (valid → expired, terminated; ours) | `itam_contract_manager` |
//!
//! Every holder of `itam_contract_approver` is asked to approve every contract: the
//! validator checks one approver's decision, and the host moves the contract to
//! signing once all of them have approved. The contract document is frozen from
//! approval on ([`is_document_frozen`]). The states draft, expired and terminated
//! are our decision: the product documents only approval, signing and valid.
//!
//! ```
//! use itam_rbac::records::{is_document_frozen, ContractState, Record, RecordError, RecordEvent};
//! use itam_rbac::{transition_record, Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::ContractManager);
//! let draft = Record::new(ContractState::Draft).created_by(1);
//! assert!(matches!(
//!     transition_record(&manager, &draft, RecordEvent::SendForApproval),
//!     Err(RecordError::MissingDocument { .. })
//! ));
//! let next = transition_record(&manager, &draft.with_document(), RecordEvent::SendForApproval);
//! assert_eq!(next, Ok(ContractState::Approval));
//! assert!(is_document_frozen(ContractState::Approval));
//! ```

use super::{sealed, RecordEvent, RecordKind, RecordState, Rule};
use crate::vocabulary::vocabulary;
use crate::{Action, Roles};

vocabulary! {
    /// The state of an asset contract.
    pub enum ContractState ("contract state") {
        /// Being prepared (ours: the product's initial state is not documented).
        Draft = "draft",
        /// Waiting for every contract approver.
        Approval = "approval",
        /// Approved, being signed.
        Signing = "signing",
        /// Signed and in force.
        Valid = "valid",
        /// Ran out (ours; terminal).
        Expired = "expired",
        /// Ended early (ours; terminal).
        Terminated = "terminated",
    }
}

/// Whether the contract document can no longer be replaced: from approval on.
#[must_use]
pub const fn is_document_frozen(state: ContractState) -> bool {
    match state {
        // Still being prepared: the document may change.
        ContractState::Draft => false,
        // Approval, signing and everything after: frozen.
        ContractState::Approval
        | ContractState::Signing
        | ContractState::Valid
        | ContractState::Expired
        | ContractState::Terminated => true,
    }
}

const MANAGER: Roles = Roles::CONTRACT_MANAGER;
const APPROVER: Roles = Roles::CONTRACT_APPROVER;

impl sealed::Sealed for ContractState {}

impl RecordState for ContractState {
    const KIND: RecordKind = RecordKind::Contract;
    const STATES: &'static [Self] = Self::ALL;

    fn state_name(self) -> &'static str {
        self.name()
    }

    fn is_terminal(self) -> bool {
        match self {
            // Ended contracts take no event.
            ContractState::Expired | ContractState::Terminated => true,
            // Every other state has a way out.
            ContractState::Draft
            | ContractState::Approval
            | ContractState::Signing
            | ContractState::Valid => false,
        }
    }

    fn action_rule(self, action: Action) -> Option<Rule> {
        match action {
            // itam_agent reads all ITAM tables.
            Action::Read => Some(Rule::holding(Roles::AGENT)),
            // The contract manager creates and edits contracts.
            Action::Create | Action::Update => Some(Rule::holding(MANAGER)),
            // Never granted.
            Action::Delete => None,
        }
    }

    fn event_rule(event: RecordEvent) -> Option<Rule> {
        match event {
            // The contract manager starts every state change.
            RecordEvent::SendForApproval
            | RecordEvent::MakeValid
            | RecordEvent::Expire
            | RecordEvent::Terminate => Some(Rule::holding(MANAGER)),
            // Every contract approver decides; four eyes.
            RecordEvent::Approve | RecordEvent::Reject => Some(Rule::four_eyes(APPROVER)),
            // Not contract events.
            RecordEvent::StartWork
            | RecordEvent::StartPurchase
            | RecordEvent::Complete
            | RecordEvent::Cancel
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
        use ContractState as S;
        use RecordEvent as E;
        match (self, event) {
            // The legal edges.
            (S::Draft,    E::SendForApproval) => Some(S::Approval),
            (S::Approval, E::Approve)         => Some(S::Signing),
            (S::Approval, E::Reject)          => Some(S::Draft),
            (S::Signing,  E::MakeValid)       => Some(S::Valid),
            (S::Valid,    E::Expire)          => Some(S::Expired),
            (S::Valid,    E::Terminate)       => Some(S::Terminated),
            // A contract event in a state that does not take it.
            (S::Approval | S::Signing | S::Valid | S::Expired | S::Terminated, E::SendForApproval)
            | (S::Draft | S::Signing | S::Valid | S::Expired | S::Terminated, E::Approve | E::Reject)
            | (S::Draft | S::Approval | S::Valid | S::Expired | S::Terminated, E::MakeValid)
            | (S::Draft | S::Approval | S::Signing | S::Expired | S::Terminated, E::Expire | E::Terminate)
            // Events of other records.
            | (_, E::StartWork | E::StartPurchase | E::Complete | E::Cancel | E::Revise
                | E::Allocate | E::Activate | E::Deactivate | E::MarkPurchaseUnavailable | E::Accept) => None,
        }
    }
}
