//! The record decisions: [`can_record`], [`check_record`] and [`transition_record`].
//!
//! ```
//! use itam_rbac::records::{DemandState, Record, RecordError, RecordEvent};
//! use itam_rbac::records::{check_record, transition_record};
//! use itam_rbac::{Action, DenyReason, Role, Subject};
//!
//! let agent = Subject::new(5_u32, Role::Agent);
//! let demand = Record::new(DemandState::Approved).created_by(1).assigned_to(1);
//! assert_eq!(check_record(&agent, Action::Update, &demand).unwrap_err().reason(), DenyReason::MissingRole);
//! assert_eq!(
//!     transition_record(&agent, &demand, RecordEvent::Approve).unwrap_err().to_string(),
//!     "approve on a demand in state approved: the state does not allow it"
//! );
//! ```

use core::fmt;

use super::{with_record_kind, Record, RecordEvent, RecordKind, RecordState};
use crate::accessors::accessors;
use crate::grant::{Facts, Shortfall};
use crate::people::{FourEyes, OwnRelation};
use crate::reason::sentence;
use crate::{Action, AllowReason, DenyReason, Grant, Roles, Subject};

/// A denied [`check_record`]: the record kind, the action, why, and the rule the
/// user missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{action} on a {kind} in state {state} denied: {}{}", reason.describe(), Needs(*reason, *rule))]
pub struct RecordDenied {
    kind: RecordKind,
    state: &'static str,
    action: Action,
    reason: DenyReason,
    rule: Option<Grant>,
}

impl RecordDenied {
    accessors! {
        /// The record kind of the request.
        kind -> RecordKind;
        /// The name of the record's state.
        state -> &'static str;
        /// The action of the request.
        action -> Action;
        /// Why it was denied: [`DenyReason::DeleteNeverGranted`],
        /// [`DenyReason::NoItamAccess`], [`DenyReason::MissingRole`],
        /// [`DenyReason::RecordFrozen`] or [`DenyReason::NotAssignedUser`].
        reason -> DenyReason;
        /// The rule that would have allowed, if any grants the action at all (none
        /// for an update of a frozen record: nobody may in its state).
        rule -> Option<Grant>;
        code;
    }
}

/// Prints what a rule needs, or that nobody may.
struct Needs(DenyReason, Option<Grant>);

impl fmt::Display for Needs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Needs(_, Some(rule)) => write!(f, "; it needs {rule}"),
            // Delete says it all.
            Needs(DenyReason::DeleteNeverGranted, None) => Ok(()),
            Needs(_, None) => f.write_str("; nobody may"),
        }
    }
}

/// What was wrong with a record event, in the order [`transition_record`] checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RecordFault {
    /// The event does not exist for this kind of record.
    NotApplicable,
    /// The record's state does not take the event.
    WrongState,
    /// The user holds no ITAM access (no `itam_agent`).
    NoItamAccess,
    /// The user holds none of these roles (any one of them would do).
    MissingRole(Roles),
    /// Only the record's assigned user may, and the user is not.
    NotAssignedUser,
    /// Only the record's assigned user may, and nobody is assigned to it.
    NobodyAssigned,
    /// Four eyes: the user created the record or is assigned to it, and may not
    /// approve or reject it, whatever roles they hold.
    OwnRecord(OwnRelation),
    /// Four eyes fails closed: the record's creator is unknown and the host did not
    /// say the system created it, so an approval cannot exclude its creator.
    UnknownCreator,
    /// Four eyes fails closed: the record went through a submission and the host
    /// did not say who submitted it, so an approval cannot exclude its submitter.
    UnknownSubmitter,
    /// A contract goes for approval only with a contract document.
    MissingDocument,
}

impl RecordFault {
    /// The fault of a record event whose `rule` fell short for `why`.
    pub(crate) const fn short_of(rule: Grant, why: Shortfall) -> Self {
        match why {
            Shortfall::NobodyAssigned => RecordFault::NobodyAssigned,
            Shortfall::NotAssignedUser => RecordFault::NotAssignedUser,
            Shortfall::FourEyes(FourEyes::Own(relation)) => RecordFault::OwnRecord(relation),
            Shortfall::FourEyes(FourEyes::UnknownCreator) => RecordFault::UnknownCreator,
            Shortfall::FourEyes(FourEyes::UnknownSubmitter) => RecordFault::UnknownSubmitter,
            // No event table names the task matrix's clauses (nor the assignment
            // group); should one, the event is refused as the role's.
            Shortfall::Role | Shortfall::Excluded | Shortfall::NotAssignedUserOrGroup => {
                RecordFault::MissingRole(rule.roles)
            }
        }
    }

    /// The reason of the code table this fault gives.
    #[must_use]
    pub const fn reason(self) -> DenyReason {
        match self {
            RecordFault::NotApplicable => DenyReason::NotApplicable,
            RecordFault::WrongState => DenyReason::WrongState,
            RecordFault::NoItamAccess => DenyReason::NoItamAccess,
            RecordFault::MissingRole(_) => DenyReason::MissingRole,
            RecordFault::NotAssignedUser => DenyReason::NotAssignedUser,
            RecordFault::NobodyAssigned => DenyReason::NobodyAssigned,
            RecordFault::OwnRecord(_) => DenyReason::FourEyes,
            RecordFault::UnknownCreator => DenyReason::UnknownCreator,
            RecordFault::UnknownSubmitter => DenyReason::UnknownSubmitter,
            RecordFault::MissingDocument => DenyReason::MissingDocument,
        }
    }
}

/// Why [`transition_record`] refused an event: the record kind, its state, the
/// event, and the [`RecordFault`] (the event, the state, the role or the person
/// was wrong, or a precondition is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{}", Message(self))]
pub struct RecordError {
    kind: RecordKind,
    state: &'static str,
    event: RecordEvent,
    fault: RecordFault,
}

impl RecordError {
    accessors! {
        /// The record kind.
        kind -> RecordKind;
        /// The name of the record's state.
        state -> &'static str;
        /// The event.
        event -> RecordEvent;
        /// What was wrong.
        fault -> RecordFault;
        reason from fault;
        code;
    }
}

/// A record error's sentence.
struct Message<'a>(&'a RecordError);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let RecordError {
            kind,
            state,
            event,
            fault,
        } = *self.0;
        // The reason's sentence (`said`), where the fault has no words of its own.
        let said = fault.reason().describe();
        match fault {
            RecordFault::NotApplicable => write!(f, "{event} does not apply to a {kind}"),
            RecordFault::WrongState => write!(f, "{event} on a {kind} in state {state}: {said}"),
            RecordFault::NoItamAccess | RecordFault::MissingDocument => {
                write!(f, "{event} on a {kind}: {said}")
            }
            RecordFault::MissingRole(needs) => {
                write!(f, "{event} on a {kind}: the user holds none of {needs}")
            }
            RecordFault::NotAssignedUser => {
                write!(f, "{event} on a {kind}: only the assigned user may")
            }
            RecordFault::NobodyAssigned => {
                write!(
                    f,
                    "{event} on a {kind}: only the assigned user may, and {said}"
                )
            }
            RecordFault::OwnRecord(relation) => write!(
                f,
                "{event} on a {kind}: four eyes, the user {relation} the record"
            ),
            RecordFault::UnknownCreator => {
                let said = sentence!(unknown_creator, "record");
                write!(f, "{event} on a {kind}: {said}")
            }
            RecordFault::UnknownSubmitter => {
                let said = sentence!(unknown_submitter, "record");
                write!(f, "{event} on a {kind}: {said}")
            }
        }
    }
}

/// May `subject` take `action` on `record`? Deny by default; never panics, never
/// allocates. Delete is never granted.
#[must_use]
pub fn can_record<S: RecordState, U: Eq>(
    subject: &Subject<U>,
    action: Action,
    record: &Record<S, U>,
) -> bool {
    check_record(subject, action, record).is_ok()
}

/// [`can_record`] as a `Result`: why it was allowed (the [`AllowReason`], with its
/// audit code, for the host's log), or the reason of a denial.
///
/// # Errors
///
/// [`RecordDenied`] when `subject` may not take `action` on `record`: delete
/// (always), no ITAM access, none of the roles the record's table names for the
/// action, an update of a record in a frozen state ([`RecordState::is_frozen`]:
/// [`DenyReason::RecordFrozen`]), or not the assigned user where only that user
/// may.
pub fn check_record<S: RecordState, U: Eq>(
    subject: &Subject<U>,
    action: Action,
    record: &Record<S, U>,
) -> Result<AllowReason, RecordDenied> {
    let rule = record.state.action_rule(action);
    let deny = |reason| RecordDenied {
        kind: S::KIND,
        state: record.state.state_name(),
        action,
        reason,
        rule,
    };
    let Some(rule) = rule else {
        return Err(deny(match action {
            // Delete has its own reason.
            Action::Delete => DenyReason::DeleteNeverGranted,
            // Otherwise nobody holds a role the (empty) cell names.
            Action::Read | Action::Create | Action::Update => DenyReason::MissingRole,
        }));
    };
    let roles = subject.effective();
    if !roles.contains(Roles::AGENT) {
        return Err(deny(DenyReason::NoItamAccess));
    }
    if !roles.intersects(rule.roles) {
        return Err(deny(DenyReason::MissingRole));
    }
    if is_frozen_for(record.state, action) {
        // Nobody may in this state: no rule to name.
        let frozen = deny(DenyReason::RecordFrozen);
        return Err(RecordDenied {
            rule: None,
            ..frozen
        });
    }
    // Held, so only the clause can fail: not the assigned user; or four eyes,
    // which no action table names (should one, it is enforced, failing closed).
    rule.test(roles, facts(subject, record))
        .map_err(|why| deny(why.reason()))
}

/// What the clauses of a record's grants ask, for `subject`: records have no
/// assignment group, and a kind approved after a submission must say who
/// submitted.
fn facts<S: RecordState, U: Eq>(subject: &Subject<U>, record: &Record<S, U>) -> Facts {
    let submitted = S::event_rule(RecordEvent::SendForApproval).is_some();
    Facts::new(&record.people(), subject.id(), false, submitted)
}

/// Whether `action` is refused because a record in `state` is frozen: updates of a
/// frozen record.
pub(crate) fn is_frozen_for<S: RecordState>(state: S, action: Action) -> bool {
    match action {
        // A frozen record is no longer edited.
        Action::Update => state.is_frozen(),
        // Reading is always possible, creating makes a new record, and delete is
        // never granted anyway.
        Action::Read | Action::Create | Action::Delete => false,
    }
}

/// May `subject` fire `event` on `record`, and to which state does it move? Checks,
/// in order: the event applies to the kind, the state takes it, ITAM access, the
/// role, the person (assigned user; four eyes on approvals, failing closed on an
/// unknown creator), then preconditions (a contract document). Never panics, never
/// allocates.
///
/// An approval event checks one approver's decision. A reject rejects. An approve
/// of a kind whose [`RecordState::APPROVAL`] is
/// [`Approval::Every`](super::Approval::Every) (contracts) returns the current
/// state (the record stays awaiting approval) unless [`Record::all_approved`] says
/// this approve is the last; then, as for a kind with
/// [`Approval::One`](super::Approval::One), it returns the next state. On a
/// demand's `start_work` the host makes the subject the assigned user.
///
/// # Errors
///
/// [`RecordError`] naming what was wrong: [`NotApplicable`](RecordFault::NotApplicable),
/// [`WrongState`](RecordFault::WrongState), [`NoItamAccess`](RecordFault::NoItamAccess),
/// [`MissingRole`](RecordFault::MissingRole),
/// [`NotAssignedUser`](RecordFault::NotAssignedUser),
/// [`OwnRecord`](RecordFault::OwnRecord) (four eyes),
/// [`UnknownCreator`](RecordFault::UnknownCreator) (four eyes cannot be checked)
/// or [`MissingDocument`](RecordFault::MissingDocument).
#[inline]
pub fn transition_record<S: RecordState, U: Eq>(
    subject: &Subject<U>,
    record: &Record<S, U>,
    event: RecordEvent,
) -> Result<S, RecordError> {
    check_record_event(subject, record, event).map(|allowed| allowed.next)
}

/// [`transition_record`], with why the event was allowed: the
/// [`RecordEventAllowed`] grant (its [`AllowReason`] and audit code, for the
/// host's log), or the same [`RecordError`].
///
/// ```
/// use itam_rbac::records::{check_record_event, DemandState, Record, RecordEvent};
/// use itam_rbac::{AllowReason, Role, Subject};
///
/// let approver = Subject::new(5_u32, [Role::Agent, Role::DemandApprover]);
/// let demand = Record::new(DemandState::PendingApproval).created_by(1).submitted_by(1);
/// let allowed = check_record_event(&approver, &demand, RecordEvent::Approve)?;
/// assert_eq!(allowed.next(), DemandState::Approved);
/// assert_eq!(allowed.reason(), AllowReason::Approver);
/// # Ok::<(), itam_rbac::records::RecordError>(())
/// ```
///
/// # Errors
///
/// As [`transition_record`].
#[inline]
pub fn check_record_event<S: RecordState, U: Eq>(
    subject: &Subject<U>,
    record: &Record<S, U>,
    event: RecordEvent,
) -> Result<RecordEventAllowed<S>, RecordError> {
    let fail = |fault| RecordError {
        kind: S::KIND,
        state: record.state.state_name(),
        event,
        fault,
    };
    let Some(rule) = S::event_rule(event) else {
        return Err(fail(RecordFault::NotApplicable));
    };
    let Some(next) = record.state.next(event) else {
        return Err(fail(RecordFault::WrongState));
    };
    let reason = check_actor(subject, record, rule).map_err(fail)?;
    if S::NEEDS_DOCUMENT.contains(&event) && !record.has_document {
        return Err(fail(RecordFault::MissingDocument));
    }
    let next = if waits_for_approvers(record, event) {
        record.state
    } else {
        next
    };
    Ok(RecordEventAllowed {
        state: record.state,
        event,
        next,
        reason,
        roles: rule.roles,
    })
}

/// An allowed record event ([`check_record_event`]): the record's state, the
/// event, the state it moves to, why, and the roles of the rule that allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordEventAllowed<S> {
    state: S,
    event: RecordEvent,
    next: S,
    reason: AllowReason,
    roles: Roles,
}

impl<S: RecordState> RecordEventAllowed<S> {
    /// The record kind.
    #[must_use]
    pub const fn kind(&self) -> RecordKind {
        S::KIND
    }
    accessors! {
        /// The record's state before the event.
        state -> S;
        /// The event.
        event -> RecordEvent;
        /// The state the record moves to (as [`transition_record`] returns it).
        next -> S;
        /// Why it was allowed: [`AllowReason::HoldsRole`],
        /// [`AllowReason::AssignedUser`] or, for an approve or a reject,
        /// [`AllowReason::Approver`].
        reason -> AllowReason;
        /// The roles of the rule that allowed (any one of them does).
        roles -> Roles;
        code;
    }
}

/// Whether an allowed `event` leaves `record` where it is: an approve that is not
/// yet every approver's (kinds with [`Approval::Every`](super::Approval::Every)). A
/// reject by any approver rejects; every other event moves at once.
fn waits_for_approvers<S: RecordState, U>(record: &Record<S, U>, event: RecordEvent) -> bool {
    event == RecordEvent::Approve && !S::APPROVAL.is_complete(record.all_approved)
}

/// The role and person checks of an event.
fn check_actor<S: RecordState, U: Eq>(
    subject: &Subject<U>,
    record: &Record<S, U>,
    rule: Grant,
) -> Result<AllowReason, RecordFault> {
    let roles = subject.effective();
    if !roles.contains(Roles::AGENT) {
        return Err(RecordFault::NoItamAccess);
    }
    rule.test(roles, facts(subject, record))
        .map_err(|why| RecordFault::short_of(rule, why))
}

/// Whether `event` on a `kind` needs the record's document (the kind's
/// [`NEEDS_DOCUMENT`](RecordState::NEEDS_DOCUMENT)), for the policy fingerprint,
/// which walks the kinds as values while the crate compiles; code that has the
/// state type reads `S::NEEDS_DOCUMENT` itself.
pub(crate) const fn needs_document(kind: RecordKind, event: RecordEvent) -> bool {
    let mut rest = with_record_kind!(kind, |S| <S as RecordState>::NEEDS_DOCUMENT);
    while let [listed, tail @ ..] = rest {
        if *listed as u8 == event as u8 {
            return true;
        }
        rest = tail;
    }
    false
}
