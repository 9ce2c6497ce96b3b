//! The other ITAM records (SOURCES.md §C): contracts, purchase requests, demands,
//! functional budgets, actual cost items, nomenclature and assets.
//!
//! Each record has its own state enum (a [`RecordState`]) and one file holding its
//! permission table and its state machine, written to read like SOURCES.md §C.
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
//! record whose creator is unknown is refused ([`RecordFault::UnknownCreator`]),
//! unless the host says the system created it ([`Record::created_by_system`]).
//!
//! Approvals by several people: a record kind whose [`RecordState::APPROVAL`] is
//! [`Approval::Every`] (contracts) is approved once every holder of the approver
//! role has approved. Each approve is checked on its own and leaves the record
//! awaiting approval, until the host says this one is the last
//! ([`Record::all_approved`]). One reject by any approver rejects.
//!
//! The approvals race: "every approver has approved" is the host's fact, so two
//! last approvals at the same moment are the host's to serialize. Each approval
//! request must, in one transaction that takes the record's write lock before it
//! reads (`BEGIN IMMEDIATE` on SQLite, `SELECT … FOR UPDATE` of the record's row
//! on PostgreSQL): store this approval, count the approvals, read the state, call
//! [`transition_record`] with [`Record::all_approved`] from that count, and write
//! the new state as a compare-and-set (`UPDATE … SET state = :to WHERE id = :id
//! AND state = :from`, moving on only if one row changed). Read, decide and write
//! in separate steps, and both requests may see one approval missing (the record
//! waits forever) or both see all approved (it moves twice).
//! `hosts/examples/approvals_race.rs` races two last approvers on 200 contracts and
//! checks each moved exactly once.
//!
//! Frozen records: from approval on, and in its terminal states, a record is no
//! longer edited ([`RecordState::is_frozen`]); an update is denied with
//! [`DenyReason::RecordFrozen`](crate::DenyReason::RecordFrozen), so an approved
//! record cannot be changed behind its approver's back. Each record's module lists
//! its frozen states.
//!
//! Where the policy text is silent or ambiguous, the crate decides; every such
//! reading, and every place where the product grants more (delete, the platform
//! `admin`), is written once in
//! [DECISIONS.md](crate#our-decisions-and-where-the-product-differs) (the last
//! section of the crate docs), not here.
//!
//! ```
//! use itam_rbac::records::{ContractState, Record, RecordFault, RecordEvent};
//! use itam_rbac::records::{can_record, transition_record};
//! use itam_rbac::{Action, Role, Subject};
//!
//! let manager = Subject::new(1_u32, Role::ContractManager);
//! let approver = Subject::new(2_u32, Role::ContractApprover);
//! let draft = Record::new(ContractState::Draft).created_by(1);
//! assert!(can_record(&manager, Action::Update, &draft));
//! assert!(!can_record(&manager, Action::Delete, &draft));
//!
//! // Frozen from approval on.
//! let contract = draft.submitted_by(1).in_state(ContractState::Approval);
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
//!     transition_record(&both, &contract, RecordEvent::Approve).map_err(|e| e.fault()),
//!     Err(RecordFault::OwnRecord(_))
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
mod register;
mod walk;

use self::register::{check_machine, record_kind};

pub(crate) use self::asset::ASSET_FORM;
pub(crate) use self::decide::{is_frozen_for, needs_document};
pub(crate) use self::walk::{event_rule, visit_action_rules};

pub use self::asset::{
    editable_asset_fields, AssetField, AssetFieldIter, AssetFields, AssetStatus,
};
pub use self::budget::BudgetState;
pub use self::contract::{is_document_frozen, ContractState};
pub use self::cost::CostItemState;
pub use self::decide::{
    can_record, check_record, check_record_event, transition_record, RecordDenied, RecordError,
    RecordEventAllowed, RecordFault,
};
pub use self::demand::DemandState;
pub use self::nomenclature::{admits_demand_items, admits_registration, NomenclatureState};
pub use self::purchase::PurchaseState;
pub use crate::people::OwnRelation;

use core::fmt;

use crate::vocabulary::vocabulary;
use crate::{Action, Grant, Roles};

vocabulary! {
    /// The ITAM records other than tasks (SOURCES.md §C).
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
    /// [`RecordFault::NotApplicable`].
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
    /// Whether the event is an approver's decision (approve or reject). Four eyes
    /// itself is the grant's clause ([`Clause::FourEyes`](crate::Clause::FourEyes)),
    /// which every record table gives these two events.
    #[must_use]
    pub const fn is_approval(self) -> bool {
        matches!(self, RecordEvent::Approve | RecordEvent::Reject)
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
        /// (contract: "every `itam_contract_approver` approves", SOURCES.md §C1).
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

/// The one dispatch from a [`RecordKind`] to its state type, the only place that
/// lists the kinds with their types: `with_record_kind!(kind, |S| expr)` evaluates
/// `expr` with `S` naming the [`RecordState`] type of `kind`. Every per-kind walk
/// (the review, the filter, the audit reader, the reports, the fingerprint) goes
/// through it; it is a `match` with one arm a kind, so it is resolved at compile
/// time (no `dyn`), may be used in a `const fn`, and a new kind fails the build
/// here until its type is named.
macro_rules! with_record_kind {
    ($kind:expr, |$state:ident| $body:expr) => {
        $crate::records::with_record_kind!(@arms $kind, $state, $body,
            // The registry: each kind and its state type.
            Contract => ContractState,
            PurchaseRequest => PurchaseState,
            Demand => DemandState,
            FunctionalBudget => BudgetState,
            ActualCostItem => CostItemState,
            Nomenclature => NomenclatureState,
            Asset => AssetStatus,
        )
    };
    (@arms $kind:expr, $state:ident, $body:expr, $($variant:ident => $type:ident,)*) => {
        match $kind {
            $($crate::records::RecordKind::$variant => {
                type $state = $crate::records::$type;
                $body
            })*
        }
    };
}

pub(crate) use with_record_kind;

impl RecordKind {
    /// The plural noun of the kind ([`Sealed::PLURAL`](sealed::Sealed::PLURAL)), for
    /// the words of a filter.
    pub(crate) const fn plural(self) -> &'static str {
        with_record_kind!(self, |S| <S as sealed::Sealed>::PLURAL)
    }
}

/// Who may read, create and update a record of one kind in one state: each kind's
/// `table_rule` (its [`RecordState::action_rule`], as a `const fn`) is one of these.
/// Delete is never granted, to any role, on any kind: [`rule`](Self::rule) says so,
/// once for every kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActionRules {
    /// Who reads the record.
    pub(crate) read: Grant,
    /// Who creates it; `None`: nobody (assets come from tasks and discovery).
    pub(crate) create: Option<Grant>,
    /// Who edits it; `None`: nobody.
    pub(crate) update: Option<Grant>,
}

impl ActionRules {
    /// `itam_agent` reads all ITAM tables (SOURCES.md §C), unless a kind says
    /// otherwise (its own read rule).
    pub(crate) const AGENT_READS: Grant = Grant::holding(Roles::AGENT);

    /// The rule for `action`.
    pub(crate) const fn rule(self, action: Action) -> Option<Grant> {
        match action {
            Action::Read => Some(self.read),
            Action::Create => self.create,
            Action::Update => self.update,
            // Never granted, to any role, on any kind (DECISIONS.md).
            Action::Delete => None,
        }
    }
}

mod sealed {
    use crate::{Action, Grant};

    /// Keeps [`RecordState`](super::RecordState) implemented by this crate only,
    /// and holds what [`record_kind!`](super::record_kind) writes for every kind.
    pub trait Sealed: Sized {
        /// The plural noun of the kind, for the words of a filter ("contracts").
        const PLURAL: &'static str;

        /// The `snake_case` name of the state.
        fn name_of(self) -> &'static str;

        /// The kind's `table_rule` for `action` in this state.
        fn rule_of(self, action: Action) -> Option<Grant>;
    }
}

/// One edge of a record's state machine: `(from, event, to)`.
pub type Edge<S> = (S, RecordEvent, S);

/// The state enum of one record kind, with that record's permission table and state
/// machine. Implemented by [`ContractState`], [`PurchaseState`], [`DemandState`],
/// [`BudgetState`], [`CostItemState`], [`NomenclatureState`] and [`AssetStatus`];
/// sealed.
///
/// Each kind writes its machine as `const` tables ([`EDGES`](Self::EDGES),
/// [`EVENTS`](Self::EVENTS), [`TERMINAL`](Self::TERMINAL),
/// [`FROZEN`](Self::FROZEN)), read by one interpreter (the provided methods), and
/// checked while the crate compiles: no two edges leave a state on the same event,
/// every state is reachable from an initial one, no edge leaves a terminal state,
/// every event with an edge has a grant and every granted event has an edge (and
/// every event that needs the document has one). A
/// missing row can only deny. Approve and reject are four eyes in every table.
pub trait RecordState: sealed::Sealed + Copy + Eq + fmt::Debug + fmt::Display + 'static {
    /// The record kind whose states these are.
    const KIND: RecordKind;

    /// Every state, in declaration order.
    const STATES: &'static [Self];

    /// Who decides an approval of this kind: one approver, or every holder of the
    /// approver role. Kinds without approval events (nomenclature, asset) say
    /// [`Approval::One`], which nothing reads.
    const APPROVAL: Approval;

    /// The states a record of this kind is created in.
    const INITIAL: &'static [Self];

    /// The states no event leaves.
    const TERMINAL: &'static [Self];

    /// The states in which a record is frozen: no longer edited, so
    /// [`check_record`] denies [`Action::Update`] with
    /// [`DenyReason::RecordFrozen`](crate::DenyReason::RecordFrozen). Creating,
    /// reading and the record's events are not affected.
    const FROZEN: &'static [Self];

    /// The state machine: every legal `(from, event, to)`.
    const EDGES: &'static [Edge<Self>];

    /// Who may fire each event of the kind; an event not listed does not apply to
    /// the kind.
    const EVENTS: &'static [(RecordEvent, Grant)];

    /// The events that need the record's document
    /// ([`Record::with_document`]): without it, [`transition_record`] refuses them
    /// with [`RecordFault::MissingDocument`]. None, unless the kind says so (a
    /// contract goes for approval with its contract document).
    const NEEDS_DOCUMENT: &'static [RecordEvent] = &[];

    /// The `snake_case` name of the state.
    fn state_name(self) -> &'static str {
        sealed::Sealed::name_of(self)
    }

    /// Who may take `action` on a record in this state; `None` when nobody may
    /// (delete, always).
    fn action_rule(self, action: Action) -> Option<Grant> {
        sealed::Sealed::rule_of(self, action)
    }

    /// Whether no event leaves this state ([`TERMINAL`](Self::TERMINAL)).
    fn is_terminal(self) -> bool {
        Self::TERMINAL.contains(&self)
    }

    /// Whether a record in this state is frozen ([`FROZEN`](Self::FROZEN)).
    fn is_frozen(self) -> bool {
        Self::FROZEN.contains(&self)
    }

    /// Who may fire `event` on this kind of record; `None` when the event does not
    /// apply to the kind.
    #[must_use]
    fn event_rule(event: RecordEvent) -> Option<Grant> {
        Self::EVENTS
            .iter()
            .find(|(listed, _)| *listed == event)
            .map(|&(_, grant)| grant)
    }

    /// The state the record moves to on `event` from this state; `None` when the
    /// state does not allow the event (or the event does not apply to the kind).
    fn next(self, event: RecordEvent) -> Option<Self> {
        Self::EDGES
            .iter()
            .find(|&&(from, on, _)| from == self && on == event)
            .map(|&(_, _, to)| to)
    }
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
    /// ([`RecordFault::UnknownCreator`]) unless
    /// [`created_by_system`](Self::created_by_system) is set.
    pub creator: Option<U>,
    /// Whether the system, not a person, created the record: an actual cost item
    /// created automatically when a purchase registration completes (SOURCES.md §C5).
    /// Only then may a record without a `creator` be approved: nobody
    /// prepared it, so there is nobody four eyes must exclude. The host sets it
    /// only for records it knows the system made; a missing creator is otherwise
    /// an unknown one.
    pub created_by_system: bool,
    /// The record's assigned user, if any (four eyes: never its approver). An
    /// unassigned record has no assigned user to exclude.
    pub assignee: Option<U>,
    /// Who sent the record for approval, if known (four eyes: never its approver).
    /// On a kind with a `send_for_approval` event, an approval with no known
    /// submitter is refused ([`RecordFault::UnknownSubmitter`]); a kind approved
    /// without a submission (actual cost items) has none to exclude.
    pub submitter: Option<U>,
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
            submitter: None,
            has_document: false,
            all_approved: false,
        }
    }

    /// The record's kind.
    #[must_use]
    pub const fn kind(&self) -> RecordKind {
        S::KIND
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
}

crate::people::people_of!(Record<S, U>, S, "record");

#[cfg(test)]
mod tests {
    use super::{RecordKind, RecordState};

    /// The dispatch names each kind's own type: `S::KIND` is the kind dispatched on.
    #[test]
    fn each_kind_dispatches_to_its_own_state_type() {
        for &kind in RecordKind::ALL {
            assert_eq!(with_record_kind!(kind, |S| <S as RecordState>::KIND), kind);
        }
    }
}
