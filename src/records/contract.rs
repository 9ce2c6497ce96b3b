//! Asset contracts (SOURCES.md §C1).
//!
//! | | who |
//! |---|---|
//! | read | `itam_agent` |
//! | create, update | `itam_contract_manager` |
//! | send for approval (draft → approval; needs a contract document) | `itam_contract_manager` |
//! | approve (approval → signing, once every approver has) / reject (approval → draft, ours) | `itam_contract_approver`, four eyes |
//! | make valid (signing → valid) | `itam_contract_manager` |
//! | expire, terminate (valid → expired, terminated; ours) | `itam_contract_manager` |
//!
//! Every holder of `itam_contract_approver` is asked to approve every contract
//! ([`Approval::Every`](super::Approval::Every)): each approve is checked on its
//! own and leaves the contract in approval, until the host says that with it every
//! approver has approved ([`Record::all_approved`](super::Record::all_approved));
//! one reject sends it back to draft.
//!
//! The document is frozen from approval on (SOURCES.md §C1,
//! [`is_document_frozen`]): from approval on, in every state but draft, the
//! contract is not updated ([`RecordState::is_frozen`]). The states draft, expired
//! and terminated are our decision: the product documents only approval, signing
//! and valid.
//!
//! ```
//! use itam_rbac::records::{is_document_frozen, ContractState, Record, RecordError, RecordFault, RecordEvent};
//! use itam_rbac::records::transition_record;
//! use itam_rbac::{Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::ContractManager);
//! let draft = Record::new(ContractState::Draft).created_by(1);
//! assert!(matches!(
//!     transition_record(&manager, &draft, RecordEvent::SendForApproval).map_err(|e| e.fault()),
//!     Err(RecordFault::MissingDocument)
//! ));
//! let next = transition_record(&manager, &draft.clone().with_document(), RecordEvent::SendForApproval);
//! assert_eq!(next, Ok(ContractState::Approval));
//! assert!(is_document_frozen(ContractState::Approval));
//!
//! // Two approvers: the first approve leaves it in approval, the last moves it on.
//! // The manager sent it: the host records who did.
//! let approval = draft.submitted_by(1).in_state(ContractState::Approval);
//! let first = Subject::new(2_u32, Role::ContractApprover);
//! assert_eq!(transition_record(&first, &approval, RecordEvent::Approve), Ok(ContractState::Approval));
//! let last = Subject::new(3_u32, Role::ContractApprover);
//! let all = approval.all_approved();
//! assert_eq!(transition_record(&last, &all, RecordEvent::Approve), Ok(ContractState::Signing));
//! ```

use super::{ActionRules, Approval, Edge, RecordEvent, RecordKind, RecordState};
use crate::vocabulary::vocabulary;
use crate::{Grant, Roles};
use ContractState as S;
use RecordEvent as E;

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

/// Whether the contract document can no longer be replaced: from approval on
/// (SOURCES.md §C1). The same states freeze the whole contract record
/// ([`RecordState::is_frozen`]): an update is denied in them.
#[must_use]
pub fn is_document_frozen(state: ContractState) -> bool {
    // The same states freeze the record: one table, `ContractState::FROZEN`.
    state.is_frozen()
}

const MANAGER: Roles = Roles::CONTRACT_MANAGER;
const APPROVER: Roles = Roles::CONTRACT_APPROVER;

impl RecordState for ContractState {
    const KIND: RecordKind = RecordKind::Contract;
    const STATES: &'static [Self] = Self::ALL;
    // "Every itam_contract_approver approves" (SOURCES.md §C1).
    const APPROVAL: Approval = Approval::Every;
    const INITIAL: &'static [Self] = &[S::Draft];
    // Ended contracts take no event.
    const TERMINAL: &'static [Self] = &[S::Expired, S::Terminated];
    // "The document is frozen from approval on": the record with it.
    const FROZEN: &'static [Self] = &[S::Approval, S::Signing, S::Valid, S::Expired, S::Terminated];

    #[rustfmt::skip]
    const EDGES: &'static [Edge<Self>] = &[
        (S::Draft,    E::SendForApproval, S::Approval),
        (S::Approval, E::Approve,         S::Signing),
        (S::Approval, E::Reject,          S::Draft),
        (S::Signing,  E::MakeValid,       S::Valid),
        (S::Valid,    E::Expire,          S::Expired),
        (S::Valid,    E::Terminate,       S::Terminated),
    ];

    // A contract goes for approval only with its contract document
    // (SOURCES.md §C1).
    const NEEDS_DOCUMENT: &'static [RecordEvent] = &[E::SendForApproval];

    #[rustfmt::skip]
    const EVENTS: &'static [(RecordEvent, Grant)] = &[
        // The contract manager starts every state change.
        (E::SendForApproval, Grant::holding(MANAGER)),
        (E::MakeValid,       Grant::holding(MANAGER)),
        (E::Expire,          Grant::holding(MANAGER)),
        (E::Terminate,       Grant::holding(MANAGER)),
        // Every contract approver decides; four eyes.
        (E::Approve,         Grant::four_eyes(APPROVER)),
        (E::Reject,          Grant::four_eyes(APPROVER)),
    ];
}

super::record_kind!(ContractState, "contracts", {
    ActionRules {
        // itam_agent reads all ITAM tables.
        read: ActionRules::AGENT_READS,
        // The contract manager creates and edits contracts.
        create: Some(Grant::holding(MANAGER)),
        update: Some(Grant::holding(MANAGER)),
    }
});
