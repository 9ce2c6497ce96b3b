//! What this build writes: the reader's check that a record is one of this
//! policy's decisions.

use super::{DecisionRecord, Domain};
use crate::lifecycle::{AssetEvent, AssetState, ManualMove};
use crate::people::Persons;
use crate::records::{with_record_kind, Record, RecordEvent, RecordKind, RecordState};
use crate::workflow::{Relations, TaskEvent, TaskFields};
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

/// Whether `visit` says yes for some people around an item, from the acting
/// user's view: assignee (none, the user, another), creator (none, the user,
/// another, the system) and submitter (none, the user, another).
fn any_people(visit: &mut dyn FnMut(Persons<u8>) -> bool) -> bool {
    let ids = [None, Some(ME), Some(OTHER)];
    let creators = [
        (None, false),
        (Some(ME), false),
        (Some(OTHER), false),
        (None, true),
    ];
    ids.iter().any(|&assignee| {
        creators.iter().any(|&(creator, by_system)| {
            ids.iter()
                .any(|&submitter| visit((assignee, creator, by_system, submitter)))
        })
    })
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
            Domain::AssetCreate => task_kind.is_some_and(|kind| target == Self::asset_create(kind)),
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
    any_task(kind, state, &mut |subject, task| {
        *target == DecisionRecord::from(crate::explain(subject, action, task))
            || (matches!(action, Action::Update)
                && (1..=TaskFields::all().bits()).any(|bits| {
                    let fields = TaskFields::from_bits_truncate(bits);
                    *target == either(crate::workflow::check_edit(subject, task, fields))
                }))
    })
}

/// Whether `visit` says yes for some subject (of a role set the decision space
/// asks about) and some task of `kind` in `state` (with some people around it).
fn any_task(
    kind: TaskKind,
    state: TaskState,
    visit: &mut dyn FnMut(&Subject<u8>, &crate::Task<u8>) -> bool,
) -> bool {
    any_role_set(&mut |roles| {
        let subject = Subject::new(ME, roles);
        any_people(&mut |people| {
            let task = crate::Task::new(kind, state).with_persons(people);
            visit(&subject, &task)
        })
    })
}

/// Whether a task event ([`check_event`](crate::workflow::check_event)) writes
/// `target`.
fn writes_workflow(target: &DecisionRecord, kind: TaskKind, state: TaskState) -> bool {
    let Some(event) = named(TaskEvent::ALL, target.action, TaskEvent::name) else {
        return false;
    };
    any_task(kind, state, &mut |subject, task| {
        any_flags(&mut |relations: Relations| {
            let result = crate::workflow::check_event(subject, task, relations, event);
            *target == either(result)
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
    with_record_kind!(kind, |S| writes_record_of::<S>(target))
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
                    let mut record = Record::new(state).with_persons(people);
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
