//! The other ITAM records (lifecycle.md §3): contracts, purchase requests, demands,
//! functional budgets, actual cost items, nomenclature and assets.
//!
//! Each record has its own state enum (a [`RecordState`]) and one file holding its
//! permission table and its state machine, written to read like lifecycle.md §3.
//! [`Record<S, U>`] is the host's view of one record: its state, its creator and its
//! assigned user. The same three functions ask about every record:
//!
//! - [`can_record`] / [`check_record`]: may the subject read, create or update it?
//!   Delete is never granted, to any role.
//! - [`transition_record`]: may the subject fire this [`RecordEvent`], and to which
//!   state does the record move? The typed [`RecordError`] says whether the event,
//!   the state, the role or the person (four eyes) was wrong.
//!
//! Four eyes: whoever created a record or is its assigned user never approves or
//! rejects it, whatever roles they hold. Four eyes fails closed: an approval of a
//! record whose creator is unknown is refused ([`RecordError::UnknownCreator`]),
//! unless the host says the system created it ([`Record::created_by_system`]).
//!
//! Approvals by several people: a record kind whose [`RecordState::APPROVAL`] is
//! [`Approval::Every`] (contracts) is approved once every holder of the approver
//! role has approved. Each approve is checked on its own and leaves the record
//! awaiting approval, until the host says this one is the last
//! ([`Record::all_approved`]). One reject by any approver rejects.
//!
//! Frozen records: from approval on, and in its terminal states, a record is no
//! longer edited ([`RecordState::is_frozen`]); an update is denied with
//! [`DenyReason::RecordFrozen`](crate::DenyReason::RecordFrozen), so an approved
//! record cannot be changed behind its approver's back. Each record's module lists
//! its frozen states.
//!
//! # Where the product differs
//!
//! - **Delete** is denied for every record and every role (spec.md's rule). The
//!   product lets `itam_admin` delete an invalid asset that CMDB discovery created,
//!   and the platform `admin` delete an actual cost item that is not allocated; the
//!   crate grants neither.
//! - The product lets the platform `admin` create and update purchase requests; the
//!   crate grants `admin` no ITAM right (spec.md §1).
//! - Read access follows spec.md §1 (`itam_agent` reads all ITAM tables) except for
//!   the financial documents (ours): purchase requests are read by
//!   `itam_purchase_agent` and `itam_finance_manager`, functional budgets by the finance
//!   roles, `itam_budget_controller` and `itam_process_manager`, actual cost items by
//!   `itam_finance_agent` and `itam_finance_manager`.
//! - Every decision marked *ours* in a record's module is the crate's, where the
//!   product's documentation is silent (lifecycle.md §3).
//!
//! ```
//! use itam_rbac::records::{ContractState, Record, RecordError, RecordEvent};
//! use itam_rbac::{can_record, transition_record, Action, Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::ContractManager);
//! let approver = Subject::new(2_u32, Role::ContractApprover);
//! let draft = Record::new(ContractState::Draft).created_by(1);
//! assert!(can_record(&manager, Action::Update, &draft));
//! assert!(!can_record(&manager, Action::Delete, &draft));
//!
//! // Frozen from approval on.
//! let contract = draft.in_state(ContractState::Approval);
//! assert!(!can_record(&manager, Action::Update, &contract));
//! // Every contract approver approves: until the last one, the contract waits.
//! assert_eq!(
//!     transition_record(&approver, &contract, RecordEvent::Approve),
//!     Ok(ContractState::Approval)
//! );
//! assert_eq!(
//!     transition_record(&approver, &contract.clone().all_approved(), RecordEvent::Approve),
//!     Ok(ContractState::Signing)
//! );
//! // The contract's creator may not approve it, even holding the approver role.
//! let both = Subject::new(1_u32, [Role::ContractManager, Role::ContractApprover]);
//! assert!(matches!(
//!     transition_record(&both, &contract, RecordEvent::Approve),
//!     Err(RecordError::OwnRecord { .. })
//! ));
//! ```

mod asset;
mod budget;
mod contract;
mod cost;
mod decide;
mod demand;
mod nomenclature;
mod purchase;
mod walk;

pub(crate) use self::decide::needs_document;
pub(crate) use self::walk::{event_rule, visit_action_rules};

pub use self::asset::{
    editable_asset_fields, AssetField, AssetFieldIter, AssetFields, AssetStatus,
};
pub use self::budget::BudgetState;
pub use self::contract::{is_document_frozen, ContractState};
pub use self::cost::CostItemState;
pub use self::decide::{
    can_record, check_record, transition_record, OwnRelation, RecordDenied, RecordError,
};
pub use self::demand::DemandState;
pub use self::nomenclature::{admits_demand_items, admits_registration, NomenclatureState};
pub use self::purchase::PurchaseState;

use core::fmt;

use crate::vocabulary::vocabulary;
use crate::{Action, Roles};

vocabulary! {
    /// The ITAM records other than tasks (lifecycle.md §3).
    pub enum RecordKind ("record kind") {
        /// An asset contract (`itam_contract`).
        Contract = "contract",
        /// An ITAM purchase request (`itam_purchase_request`).
        PurchaseRequest = "purchase_request",
        /// An ITAM demand (`itam_demand`).
        Demand = "demand",
        /// A functional budget for asset purchases.
        FunctionalBudget = "functional_budget",
        /// An ITAM actual cost item (`itam_actual_cost_item`).
        ActualCostItem = "actual_cost_item",
        /// A nomenclature (catalogue model) record (`itam_nomenclature`).
        Nomenclature = "nomenclature",
        /// An asset record: its form fields (its stage and state change only through
        /// tasks).
        Asset = "asset",
    }
}

vocabulary! {
    /// The state changes of the records, one vocabulary for all of them. Each record
    /// accepts only some of them; the others fail with
    /// [`RecordError::NotApplicable`].
    pub enum RecordEvent ("record event") {
        /// Ask the approvers (contract, purchase request, demand, functional budget).
        SendForApproval = "send_for_approval",
        /// One approver approves (four eyes: never the creator or the assigned user).
        Approve = "approve",
        /// One approver rejects (four eyes, as for approve).
        Reject = "reject",
        /// Start work (purchase request, demand).
        StartWork = "start_work",
        /// Start purchasing (purchase request).
        StartPurchase = "start_purchase",
        /// Finish the record's work (purchase request, demand).
        Complete = "complete",
        /// Cancel the record (purchase request, demand).
        Cancel = "cancel",
        /// Make a signed contract valid.
        MakeValid = "make_valid",
        /// Record that a valid contract expired.
        Expire = "expire",
        /// End a valid contract early.
        Terminate = "terminate",
        /// Take a rejected functional budget back to draft.
        Revise = "revise",
        /// Allocate an approved actual cost item.
        Allocate = "allocate",
        /// Make a nomenclature active again.
        Activate = "activate",
        /// Make a nomenclature inactive: it admits no new registration.
        Deactivate = "deactivate",
        /// Mark a nomenclature as not purchasable.
        MarkPurchaseUnavailable = "mark_purchase_unavailable",
        /// Accept an asset that CMDB discovery created (`itam_admin`).
        Accept = "accept",
    }
}

impl RecordEvent {
    /// Whether the event is an approver's decision (approve or reject), to which
    /// four eyes applies.
    #[must_use]
    pub const fn is_approval(self) -> bool {
        match self {
            // The approver's two decisions.
            RecordEvent::Approve | RecordEvent::Reject => true,
            // Everything else is done by the record's own people.
            RecordEvent::SendForApproval
            | RecordEvent::StartWork
            | RecordEvent::StartPurchase
            | RecordEvent::Complete
            | RecordEvent::Cancel
            | RecordEvent::MakeValid
            | RecordEvent::Expire
            | RecordEvent::Terminate
            | RecordEvent::Revise
            | RecordEvent::Allocate
            | RecordEvent::Activate
            | RecordEvent::Deactivate
            | RecordEvent::MarkPurchaseUnavailable
            | RecordEvent::Accept => false,
        }
    }
}

vocabulary! {
    /// Who decides an approval of a record kind ([`RecordState::APPROVAL`]).
    pub enum Approval ("approval") {
        /// One approver decides: the first approve approves (purchase request,
        /// demand, functional budget, actual cost item).
        One = "one",
        /// Every holder of the approver role must approve: an approve leaves the
        /// record awaiting approval until the last one ([`Record::all_approved`])
        /// (contract: "every `itam_contract_approver` approves", lifecycle.md §3).
        Every = "every",
    }
}

impl Approval {
    /// Whether an approve completes the approval, given whether, with it, every
    /// approver has approved (the host's [`Record::all_approved`]).
    #[must_use]
    pub const fn is_complete(self, all_approved: bool) -> bool {
        match self {
            // One approver decides.
            Approval::One => true,
            // Every approver decides: only the last approve completes it.
            Approval::Every => all_approved,
        }
    }
}

vocabulary! {
    /// Which person, among the holders of a [`Rule`]'s roles, the rule admits.
    pub enum Person ("person clause") {
        /// Anyone holding one of the roles.
        Anyone = "anyone",
        /// Only the record's assigned user.
        AssignedUser = "assigned_user",
        /// Anyone but the record's creator and its assigned user (four eyes).
        NotCreatorNorAssignee = "not_creator_nor_assignee",
    }
}

/// One entry of a record's permission table: any of `roles` (held directly or
/// through inclusion), if the subject is the `person` the rule admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    /// The roles that can use the rule; any one of them suffices.
    pub roles: Roles,
    /// Which of their holders may.
    pub person: Person,
}

impl Rule {
    /// Any of `roles`.
    #[must_use]
    pub const fn holding(roles: Roles) -> Self {
        Rule {
            roles,
            person: Person::Anyone,
        }
    }

    /// Any of `roles`, as the record's assigned user.
    #[must_use]
    pub const fn as_assigned_user(roles: Roles) -> Self {
        Rule {
            roles,
            person: Person::AssignedUser,
        }
    }

    /// Any of `roles`, but never the record's creator or assigned user.
    #[must_use]
    pub const fn four_eyes(roles: Roles) -> Self {
        Rule {
            roles,
            person: Person::NotCreatorNorAssignee,
        }
    }
}

impl fmt::Display for Rule {
    /// The rule as a person reads it, e.g. `itam_contract_approver, not the
    /// creator nor the assigned user`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, role) in self.roles.roles().enumerate() {
            if i > 0 {
                f.write_str(" or ")?;
            }
            f.write_str(role.name())?;
        }
        match self.person {
            Person::Anyone => Ok(()),
            Person::AssignedUser => f.write_str(" as the assigned user"),
            Person::NotCreatorNorAssignee => f.write_str(", not the creator nor the assigned user"),
        }
    }
}

mod sealed {
    /// Keeps [`RecordState`](super::RecordState) implemented by this crate only.
    pub trait Sealed {}
}

/// The state enum of one record kind, with that record's permission table and state
/// machine. Implemented by [`ContractState`], [`PurchaseState`], [`DemandState`],
/// [`BudgetState`], [`CostItemState`], [`NomenclatureState`] and [`AssetStatus`];
/// sealed.
pub trait RecordState: sealed::Sealed + Copy + Eq + fmt::Debug + fmt::Display + 'static {
    /// The record kind whose states these are.
    const KIND: RecordKind;

    /// Every state, in declaration order.
    const STATES: &'static [Self];

    /// The `snake_case` name of the state.
    fn state_name(self) -> &'static str;

    /// Who decides an approval of this kind: one approver, or every holder of the
    /// approver role. Kinds without approval events (nomenclature, asset) say
    /// [`Approval::One`], which nothing reads.
    const APPROVAL: Approval;

    /// Whether no event leaves this state.
    fn is_terminal(self) -> bool;

    /// Whether a record in this state is frozen: no longer edited, so
    /// [`check_record`] denies [`Action::Update`] with
    /// [`DenyReason::RecordFrozen`](crate::DenyReason::RecordFrozen). Each record's
    /// module lists its frozen states. Creating, reading and the record's events are
    /// not affected.
    fn is_frozen(self) -> bool;

    /// Who may take `action` on a record in this state; `None` when nobody may
    /// (delete, always).
    fn action_rule(self, action: Action) -> Option<Rule>;

    /// Who may fire `event` on this kind of record; `None` when the event does not
    /// apply to the kind.
    fn event_rule(event: RecordEvent) -> Option<Rule>;

    /// The state the record moves to on `event` from this state; `None` when the
    /// state does not allow the event (or the event does not apply to the kind).
    fn next(self, event: RecordEvent) -> Option<Self>;
}

/// The host's view of one record: what the decisions need to know about it.
///
/// `S` is the record's state type (which also fixes its kind), `U` the host's own
/// user id type. The host loads the record and builds this value; the crate keeps
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Record<S, U> {
    /// The record's current state.
    pub state: S,
    /// Who created the record, if known (four eyes: never its approver). An
    /// approval of a record with no known creator is refused
    /// ([`RecordError::UnknownCreator`]) unless
    /// [`created_by_system`](Self::created_by_system) is set.
    pub creator: Option<U>,
    /// Whether the system, not a person, created the record: an actual cost item
    /// created automatically when a purchase registration completes (lifecycle.md
    /// §3). Only then may a record without a `creator` be approved: nobody
    /// prepared it, so there is nobody four eyes must exclude. The host sets it
    /// only for records it knows the system made; a missing creator is otherwise
    /// an unknown one.
    pub created_by_system: bool,
    /// The record's assigned user, if any (four eyes: never its approver). An
    /// unassigned record has no assigned user to exclude.
    pub assignee: Option<U>,
    /// Contracts only: whether a contract document is set (sending for approval
    /// needs one). Ignored by the other kinds.
    pub has_document: bool,
    /// Whether, with the approve being checked, every approver has approved. Read
    /// only by kinds whose [`RecordState::APPROVAL`] is [`Approval::Every`]
    /// (contracts): without it an approve leaves the record awaiting approval; with
    /// it the record moves on. The host knows who has approved; the crate keeps
    /// nothing. (The task workflow's `Relations::ALL_APPROVED` is the same fact.)
    pub all_approved: bool,
}

impl<S: RecordState, U> Record<S, U> {
    /// A record in `state`, with no known creator (not created by the system), no
    /// assigned user, no document and not every approver having approved.
    #[must_use]
    pub const fn new(state: S) -> Self {
        Record {
            state,
            creator: None,
            created_by_system: false,
            assignee: None,
            has_document: false,
            all_approved: false,
        }
    }

    /// The record's kind.
    #[must_use]
    pub const fn kind(&self) -> RecordKind {
        S::KIND
    }

    /// The same record, created by the user `id`.
    #[must_use]
    pub fn created_by(self, id: U) -> Self {
        Record {
            creator: Some(id),
            ..self
        }
    }

    /// The same record, created by the system rather than a person (an actual cost
    /// item of a completed purchase registration): its approval needs no known
    /// creator. A `creator`, if also set, is still excluded from approving.
    #[must_use]
    pub fn created_by_system(self) -> Self {
        Record {
            created_by_system: true,
            ..self
        }
    }

    /// The same record, assigned to the user `id`.
    #[must_use]
    pub fn assigned_to(self, id: U) -> Self {
        Record {
            assignee: Some(id),
            ..self
        }
    }

    /// The same record with a (contract) document set.
    #[must_use]
    pub fn with_document(self) -> Self {
        Record {
            has_document: true,
            ..self
        }
    }

    /// The same record, where with the approve being checked every approver has
    /// approved (kinds with [`Approval::Every`]: contracts).
    #[must_use]
    pub fn all_approved(self) -> Self {
        Record {
            all_approved: true,
            ..self
        }
    }

    /// The same record in another state.
    #[must_use]
    pub fn in_state(self, state: S) -> Self {
        Record { state, ..self }
    }
}

impl<S, U: PartialEq> Record<S, U> {
    /// Whether `id` is the record's assigned user.
    #[must_use]
    pub fn is_assigned_to(&self, id: &U) -> bool {
        self.assignee.as_ref() == Some(id)
    }

    /// Whether `id` created the record.
    #[must_use]
    pub fn is_created_by(&self, id: &U) -> bool {
        self.creator.as_ref() == Some(id)
    }
}
