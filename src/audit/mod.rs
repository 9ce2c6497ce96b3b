//! The decision record: one stable JSON shape for every decision the crate makes,
//! for the host's audit log (with the `serde` feature).
//!
//! A [`DecisionRecord`] is built from any decision or error of the crate, allowed
//! or denied, with `From`: one impl for every [`Outcome`](crate::Outcome) (the
//! errors, and the allows that carry their context), which reads the outcome's
//! verdict, domain, names and rule roles; or with a constructor that takes the
//! request and its result (the functions whose allow is a bare state). Every decision and error type also serializes as its
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
//! | `code` | the reason's audit code: [`AllowReason::code`] (below 10) or [`DenyReason::code`](crate::DenyReason::code) (10 and up) |
//! | `reason` | the reason's `snake_case` name |
//! | `message` | the reason in words ([`AllowReason::describe`], [`DenyReason::describe`](crate::DenyReason::describe)) |
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

mod from;
mod names;
mod read;
mod schema;
mod serde_impl;

use crate::accessors::accessors;
pub use crate::fingerprint::{decides_as_this_build, tables_digest, EARLIER_FINGERPRINTS};
use crate::lifecycle::{AssetEvent, AssetFlags, AssetState, ManualMove};
use crate::outcome::move_roles;
pub use crate::outcome::{Domain, Verdict};
use crate::records::{check_record, Record, RecordKind, RecordState};
use crate::{Action, AllowReason, Roles, Subject, TaskKind, POLICY_FINGERPRINT, POLICY_REVISION};
pub use schema::write_json_schema;

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

    /// The record of a decision without a subject: the denial's record of
    /// `result`, or an allow because the state allows.
    fn state_allows<T, E: Copy>(
        result: &Result<T, E>,
        domain: Domain,
        names: (&'static str, &'static str, Option<&'static str>),
    ) -> Self
    where
        Self: From<E>,
    {
        Self::either(
            result,
            Self::new(
                Verdict::Allow(AllowReason::StateAllows),
                domain,
                names,
                Roles::empty(),
            ),
        )
    }

    /// Whether the decision allowed.
    #[must_use]
    pub const fn is_allowed(&self) -> bool {
        self.verdict.is_allowed()
    }

    accessors! {
        /// The reason, allowed or denied.
        verdict -> Verdict;
        /// Which decision.
        domain -> Domain;
        /// The action or event's name.
        action -> &'static str;
        /// The item kind's name.
        kind -> &'static str;
        /// The item's state's name, before the decision (`None` for
        /// [`Domain::AssetCreate`]).
        state -> Option<&'static str>;
        /// The roles of the rule that decided (see the [module](self)).
        roles -> Roles;
        /// The policy revision that decided ([`POLICY_REVISION`] for a record built
        /// by this build).
        revision -> u32;
        /// The policy fingerprint that decided ([`POLICY_FINGERPRINT`] for a record
        /// built by this build).
        fingerprint -> u64;
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
        Self::state_allows(
            &crate::lifecycle::create(kind),
            Domain::AssetCreate,
            ("create", kind.name(), None),
        )
    }

    /// Decides [`lifecycle::accepts`](crate::lifecycle::accepts) for a task of
    /// `kind` and an asset in `state` with `flags`, and records it.
    #[must_use]
    pub fn asset_accepts(kind: TaskKind, state: AssetState, flags: AssetFlags) -> Self {
        Self::state_allows(
            &crate::lifecycle::accepts(kind, state, flags),
            Domain::AssetAccepts,
            ("accepts", kind.name(), Some(state.qualified())),
        )
    }

    /// Decides [`lifecycle::transition`](crate::lifecycle::transition) of an asset
    /// in `state`, in a task of `kind`, on `event`, and records it.
    #[must_use]
    pub fn asset_transition(state: AssetState, kind: TaskKind, event: AssetEvent) -> Self {
        Self::state_allows(
            &crate::lifecycle::transition(state, kind, event),
            Domain::AssetTransition,
            (event.qualified(), kind.name(), Some(state.qualified())),
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
        Self::state_allows(
            &crate::lifecycle::system_move(state, flags, action),
            Domain::AssetSystemMove,
            (
                action.name(),
                RecordKind::Asset.name(),
                Some(state.qualified()),
            ),
        )
    }
}
