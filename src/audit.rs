//! The decision record: one stable JSON shape for every decision the crate makes,
//! for the host's audit log (with the `serde` feature).
//!
//! A [`DecisionRecord`] is built from any decision or error of the crate, allowed
//! or denied, with `From` (the errors, and the allows that carry their context) or
//! with a constructor that takes the request and its result (the functions whose
//! allow is a bare state). Every decision and error type also serializes as its
//! record. Building one allocates nothing; serializing it is the host's step,
//! outside the decision path:
//!
//! ```
//! use itam_rbac::audit::DecisionRecord;
//! use itam_rbac::{explain, Action, Role, Subject, Task, TaskKind, TaskState};
//!
//! let specialist = Subject::new(7_u32, Role::OperationSpecialist);
//! let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(8);
//! let record = DecisionRecord::from(explain(&specialist, Action::Update, &task));
//! assert_eq!(
//!     serde_json::to_string(&record)?,
//!     r#"{"allowed":false,"code":13,"reason":"not_assigned_user","#.to_owned()
//!         + r#""message":"the user is not the assigned user","domain":"task","#
//!         + r#""action":"update","kind":"maintenance","state":"in_progress","#
//!         + r#""roles":["itam_operation_specialist"],"#
//!         + r#""policy":{"revision":2,"fingerprint":"0xddcac87842dfa73a"}}"#
//! );
//! // Read back years later: the same value, or an error.
//! let back: DecisionRecord = serde_json::from_str(&serde_json::to_string(&record)?)?;
//! assert_eq!(back, record);
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # The shape
//!
//! Every record is a JSON object with exactly these members, in this order
//! (`schema/decision-record.schema.json` is its JSON Schema, written by
//! [`write_json_schema`]):
//!
//! | member | value |
//! |---|---|
//! | `allowed` | `true` or `false` |
//! | `code` | the reason's audit code: [`AllowReason::code`] (below 10) or [`DenyReason::code`] (10 and up) |
//! | `reason` | the reason's `snake_case` name |
//! | `message` | the reason in words ([`AllowReason::describe`], [`DenyReason::describe`]) |
//! | `domain` | which decision: a [`Domain`] |
//! | `action` | the action or event, by the domain (below) |
//! | `kind` | the item's kind: a task kind, a record kind, or `asset` |
//! | `state` | the item's state before the decision; `null` for `asset_create` |
//! | `roles` | the roles of the rule that decided, as a list of role names (below) |
//! | `policy` | `{"revision": `[`POLICY_REVISION`]`, "fingerprint": "0x` and the 16 lower-case hex digits of [`POLICY_FINGERPRINT`]`"}` |
//!
//! `roles` names the rule, not the user: for an allow, the roles of the grant that
//! allowed (any one of them does); for a denial, the roles of the grant the user
//! came nearest to, or that the user lacked (a missing role of a workflow or
//! record event, of a manual move), and none where no rule was near (no ITAM
//! access, delete, a wrong state). The subject's own roles and ids are not in the
//! record: the host logs who asked beside it.
//!
//! Reading a record back ([`Deserialize`](serde::Deserialize)) accepts exactly this
//! shape, and only a record some decision of the stamped policy gives: an unknown
//! or missing member, an unknown name, a `code`, `reason`, `message` and `allowed`
//! that do not agree with the code table, or an action, kind or state that is not
//! one of the domain's, is an error; so is a `policy` that is not this build's
//! ([`POLICY_REVISION`] with [`POLICY_FINGERPRINT`], or with the same revision's
//! fingerprint of the earlier format, [`EARLIER_FINGERPRINTS`]: see
//! [`decides_as_this_build`]), and a record no question of the decision space gives
//! (an allowed delete, code 7 on a task, a retired code, roles that name no rule):
//! the reader asks this build's decisions the questions of the decision-space dump
//! (its role sets, people and flags) for the record's domain, kind, action and
//! state, until one gives the record. A record of another policy revision is
//! refused, not guessed at: only the crate version that wrote it can say whether
//! its decisions were that revision's (no build wrote records of revision 1). An
//! integer member is a number however JSON writes it (`2` or `2.0`), as the
//! schema's `integer` reads it.

use core::fmt;

pub use crate::fingerprint::{decides_as_this_build, tables_digest, EARLIER_FINGERPRINTS};
use crate::lifecycle::{
    AcceptError, AssetEvent, AssetFlags, AssetState, CreateError, ManualMove, MoveError, MoveFault,
    TransitionError,
};
use crate::records::check_record;
use crate::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, Record, RecordDenied, RecordError, RecordEvent, RecordEventAllowed, RecordFault,
    RecordKind, RecordState,
};
use crate::vocabulary::vocabulary;
use crate::workflow::{EventAllowed, Relations, TaskEvent, TaskFields, WorkflowError, Wrong};
use crate::{
    Action, AllowReason, Allowed, Decision, Denied, DenyReason, Roles, Subject, TaskKind,
    TaskState, POLICY_FINGERPRINT, POLICY_REVISION,
};

vocabulary! {
    /// Which decision a [`DecisionRecord`] records: the function that decided, named
    /// as in the decision-space dump ([`report::decision_space`](crate::report::decision_space)).
    pub enum Domain ("decision domain") {
        /// [`check`](crate::check), [`explain`](crate::explain) and
        /// [`check_edit`](crate::workflow::check_edit): an action on a task.
        Task = "task",
        /// [`workflow::check_event`](crate::workflow::check_event) and
        /// [`validate`](crate::workflow::validate): a task event.
        Workflow = "workflow",
        /// [`records::check_record`](crate::records::check_record): an action on a
        /// record.
        Record = "record",
        /// [`records::check_record_event`](crate::records::check_record_event) and
        /// [`transition_record`](crate::records::transition_record): a record event.
        RecordEvent = "record_event",
        /// [`lifecycle::create`](crate::lifecycle::create): a task creates an asset
        /// (action `create`, no state).
        AssetCreate = "asset_create",
        /// [`lifecycle::accepts`](crate::lifecycle::accepts): a task takes an asset
        /// (action `accepts`).
        AssetAccepts = "asset_accepts",
        /// [`lifecycle::transition`](crate::lifecycle::transition): a task event
        /// reaches an asset (action [`AssetEvent::qualified`]).
        AssetTransition = "asset_transition",
        /// [`lifecycle::move_asset`](crate::lifecycle::move_asset): a person's move
        /// of an asset (kind `asset`).
        AssetMove = "asset_move",
        /// [`lifecycle::system_move`](crate::lifecycle::system_move): the system's
        /// own move of an asset (kind `asset`).
        AssetSystemMove = "asset_system_move",
    }
}

/// A reason of the code table, allowed or denied: what a [`DecisionRecord`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Allowed, for this reason.
    Allow(AllowReason),
    /// Denied, for this reason.
    Deny(DenyReason),
}

impl Verdict {
    /// Whether it is an allow.
    #[must_use]
    pub const fn is_allowed(self) -> bool {
        matches!(self, Verdict::Allow(_))
    }

    /// The audit code.
    #[must_use]
    pub const fn code(self) -> u8 {
        match self {
            Verdict::Allow(reason) => reason.code(),
            Verdict::Deny(reason) => reason.code(),
        }
    }

    /// The reason's `snake_case` name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Verdict::Allow(reason) => reason.name(),
            Verdict::Deny(reason) => reason.name(),
        }
    }

    /// The reason in words.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Verdict::Allow(reason) => reason.describe(),
            Verdict::Deny(reason) => reason.describe(),
        }
    }

    /// The reason with this name: an allow reason's or a deny reason's (no name is
    /// both).
    fn named(name: &str) -> Option<Self> {
        let allow = AllowReason::ALL.iter().copied().find(|r| r.name() == name);
        let deny = DenyReason::ALL.iter().copied().find(|r| r.name() == name);
        allow.map(Verdict::Allow).or(deny.map(Verdict::Deny))
    }

    /// Every reason's sentence, as the table writes it, if `text` is one.
    fn sentence(text: &str) -> Option<&'static str> {
        let allow = AllowReason::ALL.iter().map(|r| r.describe());
        let deny = DenyReason::ALL.iter().map(|r| r.describe());
        allow.chain(deny).find(|sentence| *sentence == text)
    }
}

/// One decision, as an auditor reads it: allowed or denied, the reason of the code
/// table, the domain, action or event, item kind and state, the roles of the rule
/// that decided, and the policy revision and fingerprint of this build. See the
/// [module](self) for its JSON shape.
///
/// Built from a decision with `From` or a constructor; `Copy`, and built without
/// allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DecisionRecord {
    verdict: Verdict,
    domain: Domain,
    action: &'static str,
    kind: &'static str,
    state: Option<&'static str>,
    roles: Roles,
    revision: u32,
    fingerprint: u64,
}

impl DecisionRecord {
    /// A record of this build's policy.
    const fn new(
        verdict: Verdict,
        domain: Domain,
        (action, kind, state): (&'static str, &'static str, Option<&'static str>),
        roles: Roles,
    ) -> Self {
        DecisionRecord {
            verdict,
            domain,
            action,
            kind,
            state,
            roles,
            revision: POLICY_REVISION,
            fingerprint: POLICY_FINGERPRINT,
        }
    }

    /// The denial's record of `result`, or `allowed` for an allow.
    fn either<T, E: Copy>(result: &Result<T, E>, allowed: Self) -> Self
    where
        Self: From<E>,
    {
        result
            .as_ref()
            .map_or_else(|err| Self::from(*err), |_| allowed)
    }

    /// Whether the decision allowed.
    #[must_use]
    pub const fn is_allowed(&self) -> bool {
        self.verdict.is_allowed()
    }

    /// The reason, allowed or denied.
    #[must_use]
    pub const fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The audit code of the reason.
    #[must_use]
    pub const fn code(&self) -> u8 {
        self.verdict.code()
    }

    /// The reason's name.
    #[must_use]
    pub const fn reason(&self) -> &'static str {
        self.verdict.name()
    }

    /// The reason in words.
    #[must_use]
    pub const fn message(&self) -> &'static str {
        self.verdict.describe()
    }

    /// Which decision.
    #[must_use]
    pub const fn domain(&self) -> Domain {
        self.domain
    }

    /// The action or event's name.
    #[must_use]
    pub const fn action(&self) -> &'static str {
        self.action
    }

    /// The item kind's name.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        self.kind
    }

    /// The item's state's name, before the decision (`None` for
    /// [`Domain::AssetCreate`]).
    #[must_use]
    pub const fn state(&self) -> Option<&'static str> {
        self.state
    }

    /// The roles of the rule that decided (see the [module](self)).
    #[must_use]
    pub const fn roles(&self) -> Roles {
        self.roles
    }

    /// The policy revision that decided ([`POLICY_REVISION`] for a record built
    /// by this build).
    #[must_use]
    pub const fn revision(&self) -> u32 {
        self.revision
    }

    /// The policy fingerprint that decided ([`POLICY_FINGERPRINT`] for a record
    /// built by this build).
    #[must_use]
    pub const fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Decides `action` on `record` for `subject`
    /// ([`check_record`]) and records the decision:
    /// the allow's rule is the one the record's state applies, so no record of an
    /// action the table does not grant can be built.
    ///
    /// ```
    /// use itam_rbac::audit::DecisionRecord;
    /// use itam_rbac::records::{DemandState, Record};
    /// use itam_rbac::{Action, Role, Subject};
    ///
    /// let agent = Subject::new(5_u32, Role::Agent);
    /// let demand = Record::new(DemandState::Registered).created_by(5);
    /// let record = DecisionRecord::record(&agent, Action::Read, &demand);
    /// assert!(record.is_allowed());
    /// assert_eq!((record.kind(), record.state()), ("demand", Some("registered")));
    /// // Delete is never granted: there is no allowed delete to record.
    /// assert!(!DecisionRecord::record(&agent, Action::Delete, &demand).is_allowed());
    /// ```
    #[must_use]
    pub fn record<S: RecordState, U: Eq>(
        subject: &Subject<U>,
        action: Action,
        record: &Record<S, U>,
    ) -> Self {
        match check_record(subject, action, record) {
            Ok(reason) => Self::new(
                Verdict::Allow(reason),
                Domain::Record,
                (
                    action.name(),
                    S::KIND.name(),
                    Some(record.state.state_name()),
                ),
                record
                    .state
                    .action_rule(action)
                    .map_or(Roles::empty(), |rule| rule.roles),
            ),
            Err(denied) => Self::from(denied),
        }
    }

    /// Decides [`lifecycle::create`](crate::lifecycle::create) for a task of
    /// `kind` and records it.
    #[must_use]
    pub fn asset_create(kind: TaskKind) -> Self {
        Self::either(
            &crate::lifecycle::create(kind),
            Self::new(
                Verdict::Allow(AllowReason::StateAllows),
                Domain::AssetCreate,
                ("create", kind.name(), None),
                Roles::empty(),
            ),
        )
    }

    /// Decides [`lifecycle::accepts`](crate::lifecycle::accepts) for a task of
    /// `kind` and an asset in `state` with `flags`, and records it.
    #[must_use]
    pub fn asset_accepts(kind: TaskKind, state: AssetState, flags: AssetFlags) -> Self {
        Self::either(
            &crate::lifecycle::accepts(kind, state, flags),
            Self::new(
                Verdict::Allow(AllowReason::StateAllows),
                Domain::AssetAccepts,
                ("accepts", kind.name(), Some(state.qualified())),
                Roles::empty(),
            ),
        )
    }

    /// Decides [`lifecycle::transition`](crate::lifecycle::transition) of an asset
    /// in `state`, in a task of `kind`, on `event`, and records it.
    #[must_use]
    pub fn asset_transition(state: AssetState, kind: TaskKind, event: AssetEvent) -> Self {
        Self::either(
            &crate::lifecycle::transition(state, kind, event),
            Self::new(
                Verdict::Allow(AllowReason::StateAllows),
                Domain::AssetTransition,
                (event.qualified(), kind.name(), Some(state.qualified())),
                Roles::empty(),
            ),
        )
    }

    /// Decides a person's [`lifecycle::move_asset`](crate::lifecycle::move_asset)
    /// of an asset in `state` with `flags`, and records it.
    #[must_use]
    pub fn asset_move<U>(
        subject: &Subject<U>,
        state: AssetState,
        flags: AssetFlags,
        action: ManualMove,
    ) -> Self {
        Self::either(
            &crate::lifecycle::move_asset(subject, state, flags, action),
            Self::new(
                Verdict::Allow(AllowReason::HoldsRole),
                Domain::AssetMove,
                (
                    action.name(),
                    RecordKind::Asset.name(),
                    Some(state.qualified()),
                ),
                move_roles(action),
            ),
        )
    }

    /// Decides the system's own
    /// [`lifecycle::system_move`](crate::lifecycle::system_move) of an asset in
    /// `state` with `flags`, and records it.
    #[must_use]
    pub fn asset_system_move(state: AssetState, flags: AssetFlags, action: ManualMove) -> Self {
        Self::either(
            &crate::lifecycle::system_move(state, flags, action),
            Self::new(
                Verdict::Allow(AllowReason::StateAllows),
                Domain::AssetSystemMove,
                (
                    action.name(),
                    RecordKind::Asset.name(),
                    Some(state.qualified()),
                ),
                Roles::empty(),
            ),
        )
    }
}

/// The role a manual move needs, as a set (none for the system's own move).
fn move_roles(action: ManualMove) -> Roles {
    action.role().map_or(Roles::empty(), Roles::from)
}

impl From<Allowed> for DecisionRecord {
    fn from(allowed: Allowed) -> Self {
        let cell = allowed.cell();
        DecisionRecord::new(
            Verdict::Allow(allowed.reason()),
            Domain::Task,
            (
                cell.action.name(),
                cell.kind.name(),
                Some(allowed.state().name()),
            ),
            allowed.clause().1.roles,
        )
    }
}

impl From<Denied> for DecisionRecord {
    fn from(denied: Denied) -> Self {
        DecisionRecord::new(
            Verdict::Deny(denied.reason()),
            Domain::Task,
            (
                denied.action().name(),
                denied.kind().name(),
                Some(denied.state().name()),
            ),
            denied.missed().map_or(Roles::empty(), |grant| grant.roles),
        )
    }
}

impl From<Decision> for DecisionRecord {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::Allow(allowed) => allowed.into(),
            Decision::Deny(denied) => denied.into(),
        }
    }
}

impl From<EventAllowed> for DecisionRecord {
    fn from(allowed: EventAllowed) -> Self {
        DecisionRecord::new(
            Verdict::Allow(allowed.reason()),
            Domain::Workflow,
            (
                allowed.event().name(),
                allowed.kind().name(),
                Some(allowed.state().name()),
            ),
            allowed.roles(),
        )
    }
}

impl From<WorkflowError> for DecisionRecord {
    fn from(err: WorkflowError) -> Self {
        let roles = match err.wrong() {
            Wrong::Role(roles) => roles,
            Wrong::State | Wrong::FilesAttached | Wrong::ApprovalPolicy(_) | Wrong::Person(_) => {
                Roles::empty()
            }
        };
        DecisionRecord::new(
            Verdict::Deny(err.reason()),
            Domain::Workflow,
            (
                err.event().name(),
                err.kind().name(),
                Some(err.state().name()),
            ),
            roles,
        )
    }
}

impl From<RecordDenied> for DecisionRecord {
    fn from(denied: RecordDenied) -> Self {
        DecisionRecord::new(
            Verdict::Deny(denied.reason()),
            Domain::Record,
            (
                denied.action().name(),
                denied.kind().name(),
                Some(denied.state()),
            ),
            denied.rule().map_or(Roles::empty(), |rule| rule.roles),
        )
    }
}

impl<S: RecordState> From<RecordEventAllowed<S>> for DecisionRecord {
    fn from(allowed: RecordEventAllowed<S>) -> Self {
        DecisionRecord::new(
            Verdict::Allow(allowed.reason()),
            Domain::RecordEvent,
            (
                allowed.event().name(),
                S::KIND.name(),
                Some(allowed.state().state_name()),
            ),
            allowed.roles(),
        )
    }
}

impl From<RecordError> for DecisionRecord {
    fn from(err: RecordError) -> Self {
        let roles = match err.fault() {
            RecordFault::MissingRole(roles) => roles,
            RecordFault::NotApplicable
            | RecordFault::WrongState
            | RecordFault::NoItamAccess
            | RecordFault::NotAssignedUser
            | RecordFault::NobodyAssigned
            | RecordFault::OwnRecord(_)
            | RecordFault::UnknownCreator
            | RecordFault::UnknownSubmitter
            | RecordFault::MissingDocument => Roles::empty(),
        };
        DecisionRecord::new(
            Verdict::Deny(err.reason()),
            Domain::RecordEvent,
            (err.event().name(), err.kind().name(), Some(err.state())),
            roles,
        )
    }
}

impl From<CreateError> for DecisionRecord {
    fn from(err: CreateError) -> Self {
        DecisionRecord::new(
            Verdict::Deny(err.reason()),
            Domain::AssetCreate,
            ("create", err.kind().name(), None),
            Roles::empty(),
        )
    }
}

impl From<AcceptError> for DecisionRecord {
    fn from(err: AcceptError) -> Self {
        DecisionRecord::new(
            Verdict::Deny(err.reason()),
            Domain::AssetAccepts,
            ("accepts", err.kind().name(), Some(err.state().qualified())),
            Roles::empty(),
        )
    }
}

impl From<TransitionError> for DecisionRecord {
    fn from(err: TransitionError) -> Self {
        DecisionRecord::new(
            Verdict::Deny(err.reason()),
            Domain::AssetTransition,
            (
                err.event().qualified(),
                err.kind().name(),
                Some(err.state().qualified()),
            ),
            Roles::empty(),
        )
    }
}

/// A move refused: a person's ([`lifecycle::move_asset`](crate::lifecycle::move_asset),
/// domain `asset_move`) or the system's own
/// ([`lifecycle::system_move`](crate::lifecycle::system_move), domain
/// `asset_system_move`, no roles).
impl From<MoveError> for DecisionRecord {
    fn from(err: MoveError) -> Self {
        if err.is_system_move() {
            return DecisionRecord::new(
                Verdict::Deny(err.reason()),
                Domain::AssetSystemMove,
                (
                    err.action().name(),
                    RecordKind::Asset.name(),
                    Some(err.state().qualified()),
                ),
                Roles::empty(),
            );
        }
        let roles = match err.fault() {
            MoveFault::Role => move_roles(err.action()),
            MoveFault::State
            | MoveFault::SystemMove
            | MoveFault::PersonMove
            | MoveFault::InOpenTask
            | MoveFault::NotConsignment => Roles::empty(),
        };
        DecisionRecord::new(
            Verdict::Deny(err.reason()),
            Domain::AssetMove,
            (
                err.action().name(),
                RecordKind::Asset.name(),
                Some(err.state().qualified()),
            ),
            roles,
        )
    }
}

/// Serializes each decision and error type as its [`DecisionRecord`]: a host may
/// hand the crate's own values to serde.
macro_rules! serialize_as_record {
    ($($(#[$meta:meta])* $ty:ty $(, $generic:ident: $bound:path)?;)+) => {
        $(
            $(#[$meta])*
            impl$(<$generic: $bound>)? serde::Serialize for $ty {
                fn serialize<Z: serde::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
                    serde::Serialize::serialize(&DecisionRecord::from(*self), serializer)
                }
            }
        )+
    };
}

serialize_as_record! {
    /// As its [`DecisionRecord`].
    Allowed;
    /// As its [`DecisionRecord`].
    Denied;
    /// As its [`DecisionRecord`].
    Decision;
    /// As its [`DecisionRecord`].
    EventAllowed;
    /// As its [`DecisionRecord`].
    WorkflowError;
    /// As its [`DecisionRecord`].
    RecordDenied;
    /// As its [`DecisionRecord`].
    RecordEventAllowed<S>, S: RecordState;
    /// As its [`DecisionRecord`].
    RecordError;
    /// As its [`DecisionRecord`].
    CreateError;
    /// As its [`DecisionRecord`].
    AcceptError;
    /// As its [`DecisionRecord`].
    TransitionError;
    /// As its [`DecisionRecord`] (a person's move: domain `asset_move`).
    MoveError;
}

// ---------------------------------------------------------------------------
// What this build writes: the reader's check that a record is one of this
// policy's decisions.

#[cfg(feature = "serde")]
mod written {
    use super::{
        AssetEvent, AssetState, AssetStatus, BudgetState, ContractState, CostItemState,
        DecisionRecord, DemandState, Domain, ManualMove, NomenclatureState, PurchaseState, Record,
        RecordEvent, RecordKind, RecordState, Relations, TaskEvent, TaskFields,
    };
    use crate::{Action, Roles, Subject, TaskKind, TaskState, POLICY_FINGERPRINT};

    /// The acting user's id in the questions, and another person's.
    const ME: u8 = 1;
    const OTHER: u8 = 2;

    /// Whether `visit` says yes for some role set the decision space asks about (as
    /// the dump does: none, each role, each pair of roles).
    fn any_role_set(visit: &mut dyn FnMut(Roles) -> bool) -> bool {
        if visit(Roles::empty()) {
            return true;
        }
        let mut rest = crate::Role::ALL;
        while let [first, tail @ ..] = rest {
            let one = Roles::from(*first);
            if visit(one)
                || tail
                    .iter()
                    .any(|&second| visit(one.union(Roles::from(second))))
            {
                return true;
            }
            rest = tail;
        }
        false
    }

    /// The people a question puts around an item, from the acting user's view:
    /// assignee (none, the user, another), creator (none, the user, another, the
    /// system) and submitter (none, the user, another).
    #[derive(Clone, Copy)]
    struct People {
        assignee: Option<u8>,
        creator: Option<u8>,
        by_system: bool,
        submitter: Option<u8>,
    }

    /// Whether `visit` says yes for some people around an item.
    fn any_people(visit: &mut dyn FnMut(People) -> bool) -> bool {
        let ids = [None, Some(ME), Some(OTHER)];
        let creators = [
            (None, false),
            (Some(ME), false),
            (Some(OTHER), false),
            (None, true),
        ];
        ids.iter().any(|&assignee| {
            creators.iter().any(|&(creator, by_system)| {
                ids.iter().any(|&submitter| {
                    visit(People {
                        assignee,
                        creator,
                        by_system,
                        submitter,
                    })
                })
            })
        })
    }

    /// Puts `people` around an item through its builders.
    macro_rules! with_people {
        ($item:expr, $people:expr) => {{
            let people = $people;
            let mut item = $item;
            if let Some(id) = people.assignee {
                item = item.assigned_to(id);
            }
            if let Some(id) = people.creator {
                item = item.created_by(id);
            }
            if people.by_system {
                item = item.created_by_system();
            }
            if let Some(id) = people.submitter {
                item = item.submitted_by(id);
            }
            item
        }};
    }

    /// The flag sets a question asks about: none, each flag alone, all of them (as the
    /// dump asks a flag dimension).
    fn any_flags<F: bitflags::Flags + Copy>(visit: &mut dyn FnMut(F) -> bool) -> bool {
        visit(F::empty()) || F::FLAGS.iter().any(|flag| visit(*flag.value())) || visit(F::all())
    }

    /// The value of `all` named `name`.
    fn named<T: Copy>(all: &[T], name: &str, of: fn(T) -> &'static str) -> Option<T> {
        all.iter().copied().find(|&value| of(value) == name)
    }

    impl DecisionRecord {
        /// Whether this build's decisions write `self`, its fingerprint's format aside:
        /// some question of the decision space (the dump's role sets, people and
        /// flags) gives exactly this record (so its revision is this build's). Up to
        /// some 70,000 decisions (a workflow event), stopping at the first match.
        pub(super) fn is_written_by_this_build(&self) -> bool {
            let target = DecisionRecord {
                fingerprint: POLICY_FINGERPRINT,
                ..*self
            };
            let task_state = self
                .state
                .and_then(|name| named(TaskState::ALL, name, TaskState::name));
            let asset_state = self
                .state
                .and_then(|name| named(AssetState::ALL, name, AssetState::qualified));
            let task_kind = named(TaskKind::ALL, self.kind, TaskKind::name);
            match self.domain {
                Domain::Task => match (task_kind, task_state) {
                    (Some(kind), Some(state)) => writes_task(&target, kind, state),
                    _ => false,
                },
                Domain::Workflow => match (task_kind, task_state) {
                    (Some(kind), Some(state)) => writes_workflow(&target, kind, state),
                    _ => false,
                },
                Domain::Record | Domain::RecordEvent => writes_record(&target),
                Domain::AssetCreate => {
                    task_kind.is_some_and(|kind| target == Self::asset_create(kind))
                }
                Domain::AssetAccepts => match (task_kind, asset_state) {
                    (Some(kind), Some(state)) => {
                        any_flags(&mut |flags| target == Self::asset_accepts(kind, state, flags))
                    }
                    _ => false,
                },
                Domain::AssetTransition => {
                    let event = named(AssetEvent::ALL, self.action, AssetEvent::qualified);
                    match (task_kind, asset_state, event) {
                        (Some(kind), Some(state), Some(event)) => {
                            target == Self::asset_transition(state, kind, event)
                        }
                        _ => false,
                    }
                }
                Domain::AssetMove | Domain::AssetSystemMove => {
                    let action = named(ManualMove::ALL, self.action, ManualMove::name);
                    let (Some(state), Some(action)) = (asset_state, action) else {
                        return false;
                    };
                    let system = matches!(self.domain, Domain::AssetSystemMove);
                    any_flags(&mut |flags| {
                        if system {
                            target == Self::asset_system_move(state, flags, action)
                        } else {
                            any_role_set(&mut |roles| {
                                let subject = Subject::new(ME, roles);
                                target == Self::asset_move(&subject, state, flags, action)
                            })
                        }
                    })
                }
            }
        }
    }

    /// Whether an action on a task ([`explain`](crate::explain),
    /// [`check_edit`](crate::workflow::check_edit)) writes `target`.
    fn writes_task(target: &DecisionRecord, kind: TaskKind, state: TaskState) -> bool {
        let Some(action) = named(Action::ALL, target.action, Action::name) else {
            return false;
        };
        any_role_set(&mut |roles| {
            let subject = Subject::new(ME, roles);
            any_people(&mut |people| {
                let task = with_people!(crate::Task::new(kind, state), people);
                *target == DecisionRecord::from(crate::explain(&subject, action, &task))
                    || (matches!(action, Action::Update)
                        && (1..=TaskFields::all().bits()).any(|bits| {
                            let fields = TaskFields::from_bits_truncate(bits);
                            *target == either(crate::workflow::check_edit(&subject, &task, fields))
                        }))
            })
        })
    }

    /// Whether a task event ([`check_event`](crate::workflow::check_event)) writes
    /// `target`.
    fn writes_workflow(target: &DecisionRecord, kind: TaskKind, state: TaskState) -> bool {
        let Some(event) = named(TaskEvent::ALL, target.action, TaskEvent::name) else {
            return false;
        };
        any_role_set(&mut |roles| {
            let subject = Subject::new(ME, roles);
            any_people(&mut |people| {
                let task = with_people!(crate::Task::new(kind, state), people);
                any_flags(&mut |relations: Relations| {
                    let result = crate::workflow::check_event(&subject, &task, relations, event);
                    *target == either(result)
                })
            })
        })
    }

    /// The record of a result, allowed or denied.
    fn either<T, E>(result: Result<T, E>) -> DecisionRecord
    where
        DecisionRecord: From<T> + From<E>,
    {
        result.map_or_else(DecisionRecord::from, DecisionRecord::from)
    }

    /// Whether a record's action or event writes `target` (domain `record` or
    /// `record_event`).
    fn writes_record(target: &DecisionRecord) -> bool {
        let Some(kind) = named(RecordKind::ALL, target.kind, RecordKind::name) else {
            return false;
        };
        match kind {
            // One arm a kind: each asks its own state type.
            RecordKind::Contract => writes_record_of::<ContractState>(target),
            RecordKind::PurchaseRequest => writes_record_of::<PurchaseState>(target),
            RecordKind::Demand => writes_record_of::<DemandState>(target),
            RecordKind::FunctionalBudget => writes_record_of::<BudgetState>(target),
            RecordKind::ActualCostItem => writes_record_of::<CostItemState>(target),
            RecordKind::Nomenclature => writes_record_of::<NomenclatureState>(target),
            RecordKind::Asset => writes_record_of::<AssetStatus>(target),
        }
    }

    /// [`writes_record`] for records in states of `S`.
    fn writes_record_of<S: RecordState>(target: &DecisionRecord) -> bool {
        let state = target
            .state
            .and_then(|name| S::STATES.iter().copied().find(|s| s.state_name() == name));
        let Some(state) = state else {
            return false;
        };
        let action = named(Action::ALL, target.action, Action::name);
        let event = named(RecordEvent::ALL, target.action, RecordEvent::name);
        let (action, event) = match target.domain {
            Domain::Record => (action, None),
            Domain::RecordEvent => (None, event),
            Domain::Task
            | Domain::Workflow
            | Domain::AssetCreate
            | Domain::AssetAccepts
            | Domain::AssetTransition
            | Domain::AssetMove
            | Domain::AssetSystemMove => (None, None),
        };
        if action.is_none() && event.is_none() {
            return false;
        }
        any_role_set(&mut |roles| {
            let subject = Subject::new(ME, roles);
            any_people(&mut |people| {
                let both = [false, true];
                both.iter()
                    .flat_map(|&document| both.map(|approved| (document, approved)))
                    .any(|(document, approved)| {
                        let mut record = with_people!(Record::new(state), people);
                        if document {
                            record = record.with_document();
                        }
                        if approved {
                            record = record.all_approved();
                        }
                        let by_action =
                            action.map(|action| DecisionRecord::record(&subject, action, &record));
                        let by_event = event.map(|event| {
                            either(crate::records::check_record_event(&subject, &record, event))
                        });
                        by_action == Some(*target) || by_event == Some(*target)
                    })
            })
        })
    }
}

// ---------------------------------------------------------------------------
// The names a domain admits: what reading a record back checks, and what the
// JSON Schema lists.

/// The verbs of `asset_create` and `asset_accepts`.
const CREATE: &[&str] = &["create"];
const ACCEPTS: &[&str] = &["accepts"];
/// The kind of the manual moves.
const ASSET: &[&str] = &["asset"];

/// Which names a list of the schema takes.
#[derive(Debug, Clone, Copy)]
enum Names {
    /// A fixed list.
    Fixed(&'static [&'static str]),
    /// The qualified asset events.
    AssetEvents,
    /// The qualified asset states.
    AssetStates,
    /// The states of a record kind.
    RecordStates(RecordKind),
}

impl Names {
    /// The name equal to `text`, if the list has it.
    fn find(self, text: &str) -> Option<&'static str> {
        let mut found = None;
        self.each(&mut |name| {
            if found.is_none() && name == text {
                found = Some(name);
            }
        });
        found
    }

    /// Calls `visit` with each name of the list, in order.
    fn each(self, visit: &mut dyn FnMut(&'static str)) {
        match self {
            Names::Fixed(names) => names.iter().for_each(|name| visit(name)),
            Names::AssetEvents => AssetEvent::ALL.iter().for_each(|e| visit(e.qualified())),
            Names::AssetStates => AssetState::ALL.iter().for_each(|s| visit(s.qualified())),
            Names::RecordStates(kind) => record_states(kind, visit),
        }
    }
}

/// Calls `visit` with each state name of records of `kind`.
fn record_states(kind: RecordKind, visit: &mut dyn FnMut(&'static str)) {
    fn each<S: RecordState>(visit: &mut dyn FnMut(&'static str)) {
        for state in S::STATES {
            visit(state.state_name());
        }
    }
    match kind {
        // One arm a kind: each lists its own states.
        RecordKind::Contract => each::<ContractState>(visit),
        RecordKind::PurchaseRequest => each::<PurchaseState>(visit),
        RecordKind::Demand => each::<DemandState>(visit),
        RecordKind::FunctionalBudget => each::<BudgetState>(visit),
        RecordKind::ActualCostItem => each::<CostItemState>(visit),
        RecordKind::Nomenclature => each::<NomenclatureState>(visit),
        RecordKind::Asset => each::<AssetStatus>(visit),
    }
}

/// What a domain admits: its actions, its kinds, and the states of a kind (`None`:
/// the domain has no state).
struct Admits {
    actions: Names,
    kinds: Names,
    states: StatesOf,
}

/// The states of a kind, by its name (`None`: no state).
type StatesOf = fn(&str) -> Option<Names>;

impl Domain {
    /// The names this domain's records take.
    fn admits(self) -> Admits {
        let task_states = |_: &str| Some(Names::Fixed(TaskState::NAMES));
        let asset_states = |_: &str| Some(Names::AssetStates);
        let record_states = |kind: &str| kind.parse().ok().map(Names::RecordStates);
        let (actions, kinds, states): (Names, Names, StatesOf) = match self {
            Domain::Task => (
                Names::Fixed(Action::NAMES),
                Names::Fixed(TaskKind::NAMES),
                task_states,
            ),
            Domain::Workflow => (
                Names::Fixed(TaskEvent::NAMES),
                Names::Fixed(TaskKind::NAMES),
                task_states,
            ),
            Domain::Record => (
                Names::Fixed(Action::NAMES),
                Names::Fixed(RecordKind::NAMES),
                record_states,
            ),
            Domain::RecordEvent => (
                Names::Fixed(RecordEvent::NAMES),
                Names::Fixed(RecordKind::NAMES),
                record_states,
            ),
            Domain::AssetCreate => (Names::Fixed(CREATE), Names::Fixed(TaskKind::NAMES), |_| {
                None
            }),
            Domain::AssetAccepts => (
                Names::Fixed(ACCEPTS),
                Names::Fixed(TaskKind::NAMES),
                asset_states,
            ),
            Domain::AssetTransition => (
                Names::AssetEvents,
                Names::Fixed(TaskKind::NAMES),
                asset_states,
            ),
            Domain::AssetMove | Domain::AssetSystemMove => (
                Names::Fixed(ManualMove::NAMES),
                Names::Fixed(ASSET),
                asset_states,
            ),
        };
        Admits {
            actions,
            kinds,
            states,
        }
    }
}

// ---------------------------------------------------------------------------
// The JSON Schema.

/// Writes the JSON Schema (draft 2020-12) of the decision record, from the code
/// table and the vocabularies: `schema/decision-record.schema.json` is its output,
/// and a test keeps the file up to date.
///
/// The schema ties `allowed`, `code`, `reason` and `message` to one row of the code
/// table, and `action`, `kind` and `state` to the names of the record's `domain`
/// (for records, the states of the record's kind).
///
/// # Errors
///
/// Only the errors of `out`.
pub fn write_json_schema(out: &mut dyn fmt::Write) -> fmt::Result {
    out.write_str(concat!(
        "{\n",
        "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n",
        "  \"$id\": \"https://github.com/itam-rbac/itam-rbac/schema/decision-record.schema.json\",\n",
        "  \"title\": \"itam-rbac decision record\",\n",
        "  \"description\": \"One authorization decision of itam-rbac, as the audit module serializes it.\",\n",
        "  \"type\": \"object\",\n",
        "  \"additionalProperties\": false,\n",
        "  \"required\": [\"allowed\", \"code\", \"reason\", \"message\", \"domain\", \"action\", \"kind\", \"state\", \"roles\", \"policy\"],\n",
        "  \"properties\": {\n",
        "    \"allowed\": { \"type\": \"boolean\" },\n",
        "    \"code\": { \"type\": \"integer\", \"minimum\": 0, \"maximum\": 255 },\n",
        "    \"reason\": { \"type\": \"string\" },\n",
        "    \"message\": { \"type\": \"string\" },\n",
    ))?;
    out.write_str("    \"domain\": { \"enum\": ")?;
    write_list(out, Names::Fixed(Domain::NAMES))?;
    out.write_str(" },\n    \"action\": { \"type\": \"string\" },\n")?;
    out.write_str("    \"kind\": { \"type\": \"string\" },\n")?;
    out.write_str("    \"state\": { \"type\": [\"string\", \"null\"] },\n")?;
    out.write_str(
        "    \"roles\": { \"type\": \"array\", \"uniqueItems\": true, \"items\": { \"enum\": ",
    )?;
    write_list(out, Names::Fixed(crate::Role::NAMES))?;
    out.write_str(concat!(
        " } },\n",
        "    \"policy\": {\n",
        "      \"type\": \"object\",\n",
        "      \"additionalProperties\": false,\n",
        "      \"required\": [\"revision\", \"fingerprint\"],\n",
        "      \"properties\": {\n",
    ))?;
    // The policies whose records this build reads: its own revision, in either
    // fingerprint format (see `decides_as_this_build`).
    write!(
        out,
        "        \"revision\": {{ \"type\": \"integer\", \"const\": {POLICY_REVISION} }},\n        \"fingerprint\": {{ \"enum\": [\"{}\"",
        Fingerprint(POLICY_FINGERPRINT)
    )?;
    for &(revision, fingerprint) in EARLIER_FINGERPRINTS {
        if decides_as_this_build(revision, fingerprint) {
            write!(out, ", \"{}\"", Fingerprint(fingerprint))?;
        }
    }
    out.write_str(concat!(
        "] }\n",
        "      }\n",
        "    }\n",
        "  },\n",
        "  \"allOf\": [\n",
        "    { \"oneOf\": [\n",
    ))?;
    let mut first = true;
    let mut row = |out: &mut dyn fmt::Write, verdict: Verdict| -> fmt::Result {
        if !core::mem::take(&mut first) {
            out.write_str(",\n")?;
        }
        write!(
            out,
            "      {{ \"properties\": {{ \"allowed\": {{ \"const\": {} }}, \"code\": {{ \"const\": {} }}, \"reason\": {{ \"const\": \"{}\" }}, \"message\": {{ \"const\": \"{}\" }} }} }}",
            verdict.is_allowed(),
            verdict.code(),
            verdict.name(),
            verdict.describe()
        )
    };
    for &reason in AllowReason::ALL {
        row(out, Verdict::Allow(reason))?;
    }
    for &reason in DenyReason::ALL {
        row(out, Verdict::Deny(reason))?;
    }
    out.write_str("\n    ] },\n    { \"oneOf\": [\n")?;
    let mut first = true;
    for &domain in Domain::ALL {
        let admits = domain.admits();
        // The records' states depend on their kind: a branch a kind.
        if matches!(domain, Domain::Record | Domain::RecordEvent) {
            let mut result = Ok(());
            admits.kinds.each(&mut |kind| {
                if result.is_ok() {
                    result = write_domain(out, &mut first, domain, &admits, Some(kind));
                }
            });
            result?;
        } else {
            write_domain(out, &mut first, domain, &admits, None)?;
        }
    }
    out.write_str("\n    ] }\n  ]\n}\n")
}

/// Writes the schema's branch of `domain`: its actions, its kinds (or the one
/// `kind`), and their states.
fn write_domain(
    out: &mut dyn fmt::Write,
    first: &mut bool,
    domain: Domain,
    admits: &Admits,
    kind: Option<&'static str>,
) -> fmt::Result {
    if !core::mem::take(first) {
        out.write_str(",\n")?;
    }
    write!(out, "      {{ \"properties\": {{ \"domain\": {{ \"const\": \"{domain}\" }}, \"action\": {{ \"enum\": ")?;
    write_list(out, admits.actions)?;
    out.write_str(" }, \"kind\": { \"enum\": ")?;
    if let Some(kind) = kind {
        out.write_char('[')?;
        write_name(out, kind)?;
        out.write_char(']')?;
    } else {
        write_list(out, admits.kinds)?;
    }
    out.write_str(" }, \"state\": ")?;
    match (admits.states)(kind.unwrap_or_default()) {
        Some(states) => {
            out.write_str("{ \"enum\": ")?;
            write_list(out, states)?;
            out.write_str(" }")?;
        }
        None => out.write_str("{ \"const\": null }")?,
    }
    out.write_str(" } }")
}

/// A fingerprint as the record writes it: `0x` and 16 lower-case hex digits.
struct Fingerprint(u64);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#018x}", self.0)
    }
}

/// Writes `names` as a JSON array of strings.
fn write_list(out: &mut dyn fmt::Write, names: Names) -> fmt::Result {
    let mut result = out.write_char('[');
    let mut first = true;
    names.each(&mut |name| {
        if result.is_ok() && !core::mem::take(&mut first) {
            result = out.write_str(", ");
        }
        if result.is_ok() {
            result = write_name(out, name);
        }
    });
    result?;
    out.write_char(']')
}

/// Writes a name (no character of a name needs escaping) as a JSON string.
fn write_name(out: &mut dyn fmt::Write, name: &str) -> fmt::Result {
    write!(out, "\"{name}\"")
}

// ---------------------------------------------------------------------------
// serde.

mod serde_impl {
    use core::fmt;

    use serde::de::{self, MapAccess, Visitor};
    use serde::ser::SerializeStruct;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{decides_as_this_build, DecisionRecord, Domain, Verdict};
    use crate::Roles;

    /// The members, in order.
    const FIELDS: &[&str] = &[
        "allowed", "code", "reason", "message", "domain", "action", "kind", "state", "roles",
        "policy",
    ];

    /// A member of the record.
    #[derive(Clone, Copy)]
    enum Field {
        Allowed,
        Code,
        Reason,
        Message,
        Domain,
        Action,
        Kind,
        State,
        Roles,
        Policy,
    }

    impl Field {
        /// The member named `name`, of [`FIELDS`].
        fn named(name: &str) -> Option<Self> {
            const ALL: [Field; 10] = [
                Field::Allowed,
                Field::Code,
                Field::Reason,
                Field::Message,
                Field::Domain,
                Field::Action,
                Field::Kind,
                Field::State,
                Field::Roles,
                Field::Policy,
            ];
            let at = FIELDS.iter().position(|field| *field == name)?;
            ALL.get(at).copied()
        }
    }
    const POLICY_FIELDS: &[&str] = &["revision", "fingerprint"];

    /// `0x` and 16 lower-case hex digits, in a buffer.
    struct Hex([u8; 18]);

    impl Hex {
        fn new(value: u64) -> Self {
            let mut buf = *b"0x0000000000000000";
            for (i, slot) in buf.iter_mut().skip(2).enumerate() {
                let shift = 60 - 4 * i;
                let digit = usize::try_from((value >> shift) & 0xf).unwrap_or(0);
                *slot = b"0123456789abcdef".get(digit).copied().unwrap_or(b'0');
            }
            Hex(buf)
        }

        fn as_str(&self) -> &str {
            core::str::from_utf8(&self.0).unwrap_or_default()
        }

        /// The value of `0x` and exactly 16 lower-case hex digits.
        fn parse(text: &str) -> Option<u64> {
            let digits = text.strip_prefix("0x")?;
            let lower = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
            if digits.len() != 16 || !digits.chars().all(lower) {
                return None;
            }
            u64::from_str_radix(digits, 16).ok()
        }
    }

    /// An integer member, read as JSON means it: a number whose value is a whole
    /// number in range, however written (`2`, `2.0`, `2e0`), as the JSON Schema's
    /// `integer` reads it; anything else is an error.
    struct Integer<T> {
        member: &'static str,
        into: core::marker::PhantomData<T>,
    }

    impl<T> Integer<T> {
        const fn new(member: &'static str) -> Self {
            Integer {
                member,
                into: core::marker::PhantomData,
            }
        }
    }

    impl<'de, T: TryFrom<u64>> de::DeserializeSeed<'de> for Integer<T> {
        type Value = T;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<T: TryFrom<u64>> Visitor<'_> for Integer<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a whole number for {}", self.member)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            T::try_from(v)
                .map_err(|_| E::custom(format_args!("{} {v} is out of range", self.member)))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            let v = u64::try_from(v)
                .map_err(|_| E::custom(format_args!("{} {v} is out of range", self.member)))?;
            self.visit_u64(v)
        }

        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "the value is checked whole and in 0..2^53 before the cast"
        )]
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            // 2^53: every whole number below it is exact in an f64.
            const EXACT: f64 = 9_007_199_254_740_992.0;
            let whole = v as u64;
            #[expect(
                clippy::cast_precision_loss,
                clippy::float_cmp,
                reason = "below 2^53 the round trip is exact: equal only for a whole number"
            )]
            let exact = (0.0..EXACT).contains(&v) && whole as f64 == v;
            if !exact {
                return Err(E::custom(format_args!(
                    "{} {v} is not a whole number in range",
                    self.member
                )));
            }
            self.visit_u64(whole)
        }
    }

    struct Policy {
        revision: u32,
        fingerprint: u64,
    }

    impl Serialize for Policy {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut policy = serializer.serialize_struct("Policy", 2)?;
            policy.serialize_field("revision", &self.revision)?;
            policy.serialize_field("fingerprint", Hex::new(self.fingerprint).as_str())?;
            policy.end()
        }
    }

    impl Serialize for DecisionRecord {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut record = serializer.serialize_struct("DecisionRecord", FIELDS.len())?;
            record.serialize_field("allowed", &self.is_allowed())?;
            record.serialize_field("code", &self.code())?;
            record.serialize_field("reason", self.reason())?;
            record.serialize_field("message", self.message())?;
            record.serialize_field("domain", &self.domain)?;
            record.serialize_field("action", self.action)?;
            record.serialize_field("kind", self.kind)?;
            record.serialize_field("state", &self.state)?;
            record.serialize_field("roles", &self.roles)?;
            record.serialize_field(
                "policy",
                &Policy {
                    revision: self.revision,
                    fingerprint: self.fingerprint,
                },
            )?;
            record.end()
        }
    }

    /// A string member's text, looked up by `find` while it is read (no
    /// allocation): the static name, or `None`.
    struct Lookup<F>(F, &'static str);

    impl<'de, F: FnOnce(&str) -> Option<T>, T> de::DeserializeSeed<'de> for Lookup<F> {
        type Value = Option<T>;

        fn deserialize<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_str(self)
        }
    }

    impl<F: FnOnce(&str) -> Option<T>, T> Visitor<'_> for Lookup<F> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.1)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok((self.0)(v))
        }
    }

    /// Reads a string member with `find`; an unknown text is an error.
    fn lookup<'de, A: MapAccess<'de>, T>(
        map: &mut A,
        member: &'static str,
        find: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, A::Error> {
        map.next_value_seed(Lookup(find, member))?
            .ok_or_else(|| de::Error::custom(format_args!("unknown {member}")))
    }

    /// A name of any vocabulary a record's action, kind or state may take: the
    /// domain's lists are checked once the domain is known.
    fn any_name(text: &str) -> Option<&'static str> {
        Domain::ALL.iter().find_map(|domain| {
            let admits = domain.admits();
            admits
                .actions
                .find(text)
                .or_else(|| admits.kinds.find(text))
                .or_else(|| {
                    let mut found = None;
                    admits.kinds.each(&mut |kind| {
                        if found.is_none() {
                            found = (admits.states)(kind).and_then(|states| states.find(text));
                        }
                    });
                    found
                })
        })
    }

    /// Sets `slot` once; a member given twice is an error.
    fn once<T, E: de::Error>(
        slot: &mut Option<T>,
        value: T,
        member: &'static str,
    ) -> Result<(), E> {
        if slot.replace(value).is_some() {
            return Err(E::duplicate_field(member));
        }
        Ok(())
    }

    /// Whether `record` is one this build's policy wrote, or the error that says why
    /// not.
    fn written<E: de::Error>(record: &DecisionRecord) -> Result<(), E> {
        let (revision, fingerprint) = (record.revision, record.fingerprint);
        if !decides_as_this_build(revision, fingerprint) {
            return Err(E::custom(format_args!(
                "policy revision {revision} with fingerprint {fingerprint:#018x} wrote no \
                 decision record this build reads: the policy is not this build's \
                 revision with one of its fingerprints"
            )));
        }
        if !record.is_written_by_this_build() {
            return Err(E::custom(format_args!(
                "no decision of policy revision {revision} gives this record: {} ({}) of \
                 {} {} on {} in {} with roles [{}]",
                if record.is_allowed() {
                    "an allow"
                } else {
                    "a denial"
                },
                record.reason(),
                record.domain,
                record.action,
                record.kind,
                record.state.unwrap_or("no state"),
                record.roles,
            )));
        }
        Ok(())
    }

    struct RecordVisitor;

    impl<'de> Visitor<'de> for RecordVisitor {
        type Value = DecisionRecord;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an itam-rbac decision record")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DecisionRecord, A::Error> {
            let mut allowed = None;
            let mut code = None;
            let mut reason = None;
            let mut message = None;
            let mut domain = None;
            let mut action = None;
            let mut kind = None;
            let mut state: Option<Option<&'static str>> = None;
            let mut roles = None;
            let mut policy = None;
            while let Some(key) =
                map.next_key_seed(Lookup(Field::named, "a decision record member"))?
            {
                let Some(key) = key else {
                    return Err(de::Error::custom("unknown decision record member"));
                };
                match key {
                    Field::Allowed => once(&mut allowed, map.next_value::<bool>()?, "allowed")?,
                    Field::Code => {
                        let value = map.next_value_seed(Integer::<u8>::new("code"))?;
                        once(&mut code, value, "code")?;
                    }
                    Field::Reason => {
                        let value = lookup(&mut map, "reason", Verdict::named)?;
                        once(&mut reason, value, "reason")?;
                    }
                    Field::Message => {
                        let value = lookup(&mut map, "message", Verdict::sentence)?;
                        once(&mut message, value, "message")?;
                    }
                    Field::Domain => once(&mut domain, map.next_value::<Domain>()?, "domain")?,
                    Field::Action => {
                        let value = lookup(&mut map, "action", any_name)?;
                        once(&mut action, value, "action")?;
                    }
                    Field::Kind => once(&mut kind, lookup(&mut map, "kind", any_name)?, "kind")?,
                    Field::State => {
                        let value = map.next_value::<Option<StateName>>()?.map(|name| name.0);
                        once(&mut state, value, "state")?;
                    }
                    Field::Roles => once(&mut roles, map.next_value::<Roles>()?, "roles")?,
                    Field::Policy => {
                        let value = map.next_value_seed(PolicySeed)?;
                        once(&mut policy, value, "policy")?;
                    }
                }
            }
            let missing = |member| de::Error::missing_field(member);
            let allowed = allowed.ok_or_else(|| missing("allowed"))?;
            let code = code.ok_or_else(|| missing("code"))?;
            let verdict = reason.ok_or_else(|| missing("reason"))?;
            let message = message.ok_or_else(|| missing("message"))?;
            let domain = domain.ok_or_else(|| missing("domain"))?;
            let action = action.ok_or_else(|| missing("action"))?;
            let kind = kind.ok_or_else(|| missing("kind"))?;
            let state = state.ok_or_else(|| missing("state"))?;
            let roles = roles.ok_or_else(|| missing("roles"))?;
            let policy = policy.ok_or_else(|| missing("policy"))?;
            if verdict.is_allowed() != allowed
                || verdict.code() != code
                || verdict.describe() != message
            {
                return Err(de::Error::custom(format_args!(
                    "allowed, code, reason and message are not one row of the code table (reason {})",
                    verdict.name()
                )));
            }
            let admits = domain.admits();
            let kind_ok = admits.kinds.find(kind).is_some();
            let states = (admits.states)(kind);
            let state_ok = match (states, state) {
                (Some(states), Some(state)) => states.find(state).is_some(),
                (None, None) => true,
                (Some(_), None) | (None, Some(_)) => false,
            };
            if admits.actions.find(action).is_none() || !kind_ok || !state_ok {
                return Err(de::Error::custom(format_args!(
                    "the action, kind or state is not one of the {domain} domain's"
                )));
            }
            let record = DecisionRecord {
                verdict,
                domain,
                action,
                kind,
                state,
                roles,
                revision: policy.revision,
                fingerprint: policy.fingerprint,
            };
            written(&record)?;
            Ok(record)
        }
    }

    /// The `state` member's name (serde's `Option` reads its `null`).
    struct StateName(&'static str);

    impl<'de> Deserialize<'de> for StateName {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let found =
                de::DeserializeSeed::deserialize(Lookup(any_name, "a state name"), deserializer)?;
            found
                .map(StateName)
                .ok_or_else(|| de::Error::custom("unknown state"))
        }
    }

    /// The `policy` member.
    struct PolicySeed;

    impl<'de> de::DeserializeSeed<'de> for PolicySeed {
        type Value = Policy;

        fn deserialize<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_struct("Policy", POLICY_FIELDS, self)
        }
    }

    impl<'de> Visitor<'de> for PolicySeed {
        type Value = Policy;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("the policy's revision and fingerprint")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Policy, A::Error> {
            let mut revision = None;
            let mut fingerprint = None;
            let member = |k: &str| POLICY_FIELDS.iter().position(|f| *f == k);
            while let Some(key) = map.next_key_seed(Lookup(member, "a policy member"))? {
                // The position in POLICY_FIELDS: 0 revision, 1 fingerprint.
                if key == Some(0) {
                    once(
                        &mut revision,
                        map.next_value_seed(Integer::<u32>::new("revision"))?,
                        "revision",
                    )?;
                } else if key == Some(1) {
                    let value = lookup(&mut map, "fingerprint", Hex::parse)?;
                    once(&mut fingerprint, value, "fingerprint")?;
                } else {
                    return Err(de::Error::custom("unknown policy member"));
                }
            }
            let revision = revision.ok_or_else(|| de::Error::missing_field("revision"))?;
            if revision == 0 {
                return Err(de::Error::custom("policy revisions start at 1"));
            }
            Ok(Policy {
                revision,
                fingerprint: fingerprint.ok_or_else(|| de::Error::missing_field("fingerprint"))?,
            })
        }
    }

    impl<'de> Deserialize<'de> for DecisionRecord {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_struct("DecisionRecord", FIELDS, RecordVisitor)
        }
    }
}
