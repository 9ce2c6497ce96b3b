//! The record of every decision and error type: one `From` impl, through
//! [`Outcome`], and its serialization as that record.

use super::DecisionRecord;
use crate::lifecycle::{AcceptError, CreateError, MoveError, TransitionError};
use crate::records::{RecordDenied, RecordError, RecordEventAllowed, RecordState};
use crate::workflow::{EventAllowed, WorkflowError};
use crate::{Allowed, Decision, Denied, Outcome};

/// The record of any [`Outcome`]: allowed or denied, its domain, names and the
/// roles of its rule, stamped with this build's policy.
impl<T: Outcome> From<T> for DecisionRecord {
    fn from(outcome: T) -> Self {
        DecisionRecord::new(
            outcome.verdict(),
            outcome.domain(),
            (
                outcome.action_name(),
                outcome.kind_name(),
                outcome.state_name(),
            ),
            outcome.rule_roles(),
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
