//! The record of each decision and error type: its `From` impls, and its
//! serialization as that record.

use super::{move_roles, DecisionRecord, Domain, Verdict};
use crate::lifecycle::{AcceptError, CreateError, MoveError, MoveFault, TransitionError};
use crate::records::{
    RecordDenied, RecordError, RecordEventAllowed, RecordFault, RecordKind, RecordState,
};
use crate::workflow::{EventAllowed, WorkflowError, Wrong};
use crate::{Allowed, Decision, Denied, Roles};

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
