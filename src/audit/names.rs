//! The names a domain admits: what reading a record back checks, and what the
//! JSON Schema lists.

use super::Domain;
use crate::lifecycle::{AssetEvent, AssetState, ManualMove};
use crate::records::{with_record_kind, RecordEvent, RecordKind, RecordState};
use crate::workflow::TaskEvent;
use crate::{Action, TaskKind, TaskState};

/// The verbs of `asset_create` and `asset_accepts`.
const CREATE: &[&str] = &["create"];
const ACCEPTS: &[&str] = &["accepts"];
/// The kind of the manual moves.
const ASSET: &[&str] = &["asset"];

/// Which names a list of the schema takes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Names {
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
    pub(super) fn find(self, text: &str) -> Option<&'static str> {
        let mut found = None;
        self.each(&mut |name| {
            if found.is_none() && name == text {
                found = Some(name);
            }
        });
        found
    }

    /// Calls `visit` with each name of the list, in order.
    pub(super) fn each(self, visit: &mut dyn FnMut(&'static str)) {
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
    with_record_kind!(kind, |S| each::<S>(visit));
}

/// What a domain admits: its actions, its kinds, and the states of a kind (`None`:
/// the domain has no state).
pub(super) struct Admits {
    pub(super) actions: Names,
    pub(super) kinds: Names,
    pub(super) states: StatesOf,
}

/// The states of a kind, by its name (`None`: no state).
pub(super) type StatesOf = fn(&str) -> Option<Names>;

impl Domain {
    /// The names this domain's records take.
    pub(super) fn admits(self) -> Admits {
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
