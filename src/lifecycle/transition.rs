//! The asset transition function: one pure function of (state, task kind, event).

use core::fmt;

use crate::accessors::accessors;
use crate::lifecycle::table::{row, Effect, Row};
use crate::lifecycle::{AssetEvent, AssetState, Outcome, Resume};
use crate::vocabulary::vocabulary;
use crate::{DenyReason, TaskKind};

/// Where an event leaves an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[must_use]
pub enum Next {
    /// The asset is now in this state.
    State(AssetState),
    /// The asset record is removed: a registration task was canceled (ours: the
    /// documentation states no asset effect; the records the task created go with
    /// it).
    Removed,
}

impl Next {
    /// The new state, unless the record is removed.
    #[must_use]
    pub const fn state(self) -> Option<AssetState> {
        match self {
            Next::State(state) => Some(state),
            Next::Removed => None,
        }
    }
}

impl fmt::Display for Next {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Next::State(state) => fmt::Display::fmt(state, f),
            Next::Removed => f.write_str("removed"),
        }
    }
}

vocabulary! {
    /// Why [`transition`] refused an event.
    #[non_exhaustive]
    pub enum TransitionFault ("transition fault") {
        /// Add: the kind does not accept an asset in this state.
        NotAccepted = "not_accepted",
        /// Add: registration creates its assets and takes no existing one.
        CreatesAssets = "creates_assets",
        /// Start, complete or cancel: no task of this kind holds an asset in this
        /// state.
        NotInTask = "not_in_task",
        /// Complete: the asset is in the task but work has not started.
        NotStarted = "not_started",
        /// Complete: the kind does not end with this outcome.
        Outcome = "outcome",
    }
}

impl TransitionFault {
    /// The reason of the code table this fault gives.
    #[must_use]
    pub const fn reason(self) -> DenyReason {
        match self {
            TransitionFault::NotAccepted => DenyReason::WrongState,
            TransitionFault::CreatesAssets => DenyReason::CreatesAssets,
            TransitionFault::NotInTask => DenyReason::NotInTask,
            TransitionFault::NotStarted => DenyReason::NotStarted,
            TransitionFault::Outcome => DenyReason::WrongOutcome,
        }
    }

    /// The fault in words, for messages: its reason's sentence
    /// ([`DenyReason::describe`]) where it has no words of its own.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            TransitionFault::NotAccepted => "the kind does not accept an asset in this state",
            TransitionFault::CreatesAssets
            | TransitionFault::NotInTask
            | TransitionFault::NotStarted
            | TransitionFault::Outcome => self.reason().describe(),
        }
    }
}

/// An event that cannot happen to an asset in its state on a task of this kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("cannot {event} an asset in {state} on the {kind} task: {}", fault.describe())]
pub struct TransitionError {
    state: AssetState,
    kind: TaskKind,
    event: AssetEvent,
    fault: TransitionFault,
}

impl TransitionError {
    accessors! {
        /// The asset's state.
        state -> AssetState;
        /// The task kind.
        kind -> TaskKind;
        /// The event.
        event -> AssetEvent;
        /// What was wrong.
        fault -> TransitionFault;
        reason from fault;
        code;
    }
}

/// A task kind other than registration was asked to create an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("the {kind} task does not create assets: only registration does")]
pub struct CreateError {
    kind: TaskKind,
}

impl CreateError {
    accessors! {
        /// The task kind.
        kind -> TaskKind;
        code;
    }

    /// The reason of the code table.
    #[must_use]
    pub const fn reason(&self) -> DenyReason {
        DenyReason::CreatesNoAssets
    }
}

/// The state of an asset a task of `kind` creates: `storage/pending_acceptance`
/// for registration.
///
/// # Errors
///
/// [`CreateError`] for every kind but registration.
pub const fn create(kind: TaskKind) -> Result<AssetState, CreateError> {
    match row(kind).on_add {
        // The registration row.
        Effect::Create(state) => Ok(state),
        // Every other kind takes existing assets.
        Effect::Keep | Effect::Suspend(_) | Effect::Restore | Effect::To(_) | Effect::Remove => {
            Err(CreateError { kind })
        }
    }
}

/// The next state of an asset in `state` when a task of `kind` sees `event`
/// (SOURCES.md §A2; the table is [`row`](crate::lifecycle::row)).
///
/// The function checks the asset's state only. Whether the kind takes this
/// particular asset (terminal, *not found*, already in a task, permanent location)
/// is [`accepts`](crate::lifecycle::accepts). Completion restores the exact
/// position the asset had before it was added: the suspended state carries it.
///
/// # Errors
///
/// A [`TransitionError`] naming the state, the kind, the event and the
/// [`TransitionFault`]: the kind does not accept the state (add), registration
/// was given an existing asset (add), no task of the kind holds an asset in that
/// state (start, complete, cancel), work has not started (complete), or the
/// outcome is not one of the kind's (complete).
pub fn transition(
    state: AssetState,
    kind: TaskKind,
    event: AssetEvent,
) -> Result<Next, TransitionError> {
    let row = row(kind);
    let next = match event {
        // Only an accepted state enters the task.
        AssetEvent::Add => add(&row, state),
        // A held asset starts; one already started (after a postponement) stays.
        AssetEvent::Start => start(&row, state),
        // Only a started asset completes, with one of the kind's outcomes.
        AssetEvent::Complete(outcome) => complete(&row, state, outcome),
        // Any asset the task holds, started or not, goes back.
        AssetEvent::Cancel => cancel(&row, state),
    };
    next.map_err(|fault| TransitionError {
        state,
        kind,
        event,
        fault,
    })
}

/// The add event: the accepted states only.
fn add(row: &Row, state: AssetState) -> Result<Next, TransitionFault> {
    if matches!(row.on_add, Effect::Create(_)) {
        return Err(TransitionFault::CreatesAssets);
    }
    if !row.accepts.contains(&state) {
        return Err(TransitionFault::NotAccepted);
    }
    apply(row.on_add, state, state).ok_or(TransitionFault::NotAccepted)
}

/// The start event: a held asset starts, a started one stays.
fn start(row: &Row, state: AssetState) -> Result<Next, TransitionFault> {
    match (held_origin(row, state), started_origin(row, state)) {
        (Some(origin), _) => apply(row.on_start, state, origin).ok_or(TransitionFault::NotInTask),
        (None, Some(_)) => Ok(Next::State(state)),
        (None, None) => Err(TransitionFault::NotInTask),
    }
}

/// The complete event: a started asset, with one of the kind's outcomes.
fn complete(row: &Row, state: AssetState, outcome: Outcome) -> Result<Next, TransitionFault> {
    let origin = match (started_origin(row, state), held_origin(row, state)) {
        (Some(origin), _) => origin,
        (None, Some(_)) => return Err(TransitionFault::NotStarted),
        (None, None) => return Err(TransitionFault::NotInTask),
    };
    let effect = row
        .on_complete
        .iter()
        .find(|(o, _)| *o == outcome)
        .map(|(_, effect)| *effect)
        .ok_or(TransitionFault::Outcome)?;
    apply(effect, state, origin).ok_or(TransitionFault::NotInTask)
}

/// The cancel event: any asset the task holds.
fn cancel(row: &Row, state: AssetState) -> Result<Next, TransitionFault> {
    let origin = held_origin(row, state)
        .or_else(|| started_origin(row, state))
        .ok_or(TransitionFault::NotInTask)?;
    apply(row.on_cancel, state, origin).ok_or(TransitionFault::NotInTask)
}

/// The state `effect` leaves an asset in, that is in `current` and was at `origin`
/// before the task; `None` for a suspension of a position no task suspends.
fn apply(effect: Effect, current: AssetState, origin: AssetState) -> Option<Next> {
    match effect {
        // Stays.
        Effect::Keep => Some(Next::State(current)),
        // Registration's new asset.
        Effect::Create(state) | Effect::To(state) => Some(Next::State(state)),
        // Suspended, carrying where it was.
        Effect::Suspend(suspension) => Resume::of(origin)
            .and_then(|from| suspension.apply(from))
            .map(Next::State),
        // Back to where it was.
        Effect::Restore => Some(Next::State(origin)),
        // Gone with the registration.
        Effect::Remove => Some(Next::Removed),
    }
}

/// If a task of this row holds an asset in `state` before work starts: where the
/// asset was before the task (for registration, its created state).
fn held_origin(row: &Row, state: AssetState) -> Option<AssetState> {
    if let Effect::Create(created) = row.on_add {
        return (created == state).then_some(created);
    }
    row.accepts
        .iter()
        .copied()
        .find(|&origin| held(row, origin) == Some(state))
}

/// If a task of this row holds an asset in `state` after work started: where the
/// asset was before the task.
fn started_origin(row: &Row, state: AssetState) -> Option<AssetState> {
    if let Effect::Create(created) = row.on_add {
        let started = apply(row.on_start, created, created).and_then(Next::state);
        return (started == Some(state)).then_some(created);
    }
    row.accepts.iter().copied().find(|&origin| {
        held(row, origin)
            .and_then(|held| apply(row.on_start, held, origin))
            .and_then(Next::state)
            == Some(state)
    })
}

/// The state an asset accepted at `origin` is in once added.
fn held(row: &Row, origin: AssetState) -> Option<AssetState> {
    apply(row.on_add, origin, origin).and_then(Next::state)
}
