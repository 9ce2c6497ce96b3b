//! The domains: each decision function asked every question, in the dump's
//! order.

use core::fmt::{self, Write};

use super::boxes::{write_lower, Head, Scratch, Who};
use super::questions::{
    at, fill, key_of, record_of, subjects, submitter, task_of, Flags, ASSIGNEE, RECORD_DIMS,
    SUBMITTER, TASK_DIMS, WORKFLOW_CREATOR,
};
use crate::lifecycle::{
    self, AssetEvent, AssetFlags, AssetState, ManualMove, Next, TransitionFault,
};
use crate::records::{
    self, can_record, transition_record, with_record_kind, AssetFields, AssetStatus, ContractState,
    NomenclatureState, RecordEvent, RecordKind, RecordState,
};
use crate::workflow::{self, Relations, TaskEvent, TaskFields};
use crate::{can, sod, Action, Role, Subject, TaskKind, TaskState};

/// The whole dump.
pub(super) fn render(out: &mut dyn Write) -> fmt::Result {
    let subjects = subjects();
    let mut s = Scratch::new();
    out.write_str("# itam-rbac decision space, format 1\n")?;
    tasks(out, &mut s, &subjects)?;
    task_workflow(out, &mut s, &subjects)?;
    for &kind in RecordKind::ALL {
        with_record_kind!(kind, |S| records::<S>(out, &mut s, &subjects))?;
    }
    asset_fields(out, &mut s, &subjects)?;
    asset_create(out, &mut s)?;
    asset_accepts(out, &mut s)?;
    asset_transition(out, &mut s)?;
    asset_move(out, &mut s, &subjects)?;
    asset_system_move(out, &mut s)?;
    separation_of_duties(out, &mut s, &subjects)?;
    facts(out, &mut s)
}

/// `task`, `task_edit` and `task_fields`.
fn tasks(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    task_actions(out, s, subjects)?;
    task_edit(out, s, subjects)?;
    task_fields(out, s)
}

/// `task`: an action on a task.
fn task_actions(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    for &kind in TaskKind::ALL {
        for &action in Action::ALL {
            for &state in TaskState::ALL {
                let head = Head::new("task", kind.name(), action.name(), state.name());
                let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                    let task = task_of(kind, state, digits);
                    fill(keys, subjects, |subject| {
                        can(subject, action, &task).then_some(0)
                    });
                };
                s.lines(out, &head, &TASK_DIMS, Who::Subject, &mut eval, &allow)?;
            }
        }
    }
    Ok(())
}

/// `task_edit`: which subsets of the task fields a subject may edit.
fn task_edit(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    // Every subset of the task fields, in the order of their bits.
    let all = TaskFields::all().bits();
    let subsets = (0..=all).filter(move |bits| bits & !all == 0);
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let head = Head::new("task_edit", kind.name(), "can_edit", state.name());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let task = task_of(kind, state, digits);
                fill(keys, subjects, |subject| {
                    let mask = subsets
                        .clone()
                        .enumerate()
                        .filter(|&(_, bits)| {
                            let fields = TaskFields::from_bits_retain(bits);
                            workflow::can_edit(subject, &task, fields)
                        })
                        .fold(0_u64, |mask, (at, _)| mask | 1 << at);
                    (mask != 0).then_some(mask)
                });
            };
            let outcome = |out: &mut dyn Write, mask: u64| {
                let allowed = || {
                    subsets
                        .clone()
                        .enumerate()
                        .filter(move |&(at, _)| (mask >> at) & 1 == 1)
                        .map(|(_, bits)| TaskFields::from_bits_retain(bits))
                };
                let union = allowed().fold(TaskFields::empty(), TaskFields::union);
                let down_closed = subsets
                    .clone()
                    .map(TaskFields::from_bits_retain)
                    .filter(|fields| union.contains(*fields))
                    .all(|fields| allowed().any(|allowed| allowed == fields));
                if down_closed {
                    return write_flag_names(out, &union, ',');
                }
                out.write_str("subsets(")?;
                for (i, fields) in allowed().enumerate() {
                    if i > 0 {
                        out.write_char(',')?;
                    }
                    write_flag_names(out, &fields, '+')?;
                }
                out.write_char(')')
            };
            s.lines(out, &head, &TASK_DIMS, Who::Subject, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// `task_fields`: the fields of a task kind in a state.
fn task_fields(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let head = Head::new("task_fields", kind.name(), "editable_fields", state.name());
            let mut eval = |_: &[usize], keys: &mut [Option<u64>]| {
                let fields = workflow::editable_fields(kind, state);
                if let Some(key) = keys.first_mut() {
                    *key = Some(u64::from(fields.bits()));
                }
            };
            let outcome = |out: &mut dyn Write, bits: u64| {
                let bits = u8::try_from(bits).unwrap_or(0);
                write_flag_names(out, &TaskFields::from_bits_retain(bits), ',')
            };
            s.lines(out, &head, &[], Who::Nobody, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// The outcome of a yes-or-no decision.
fn allow(out: &mut dyn Write, _: u64) -> fmt::Result {
    out.write_str("allow")
}

/// `workflow`.
fn task_workflow(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    // Approve and reject also ask who submitted the task (four eyes); the other
    // events, whose contexts cost 232 validations each, do not.
    let plain = Flags::<Relations>::new(&[ASSIGNEE, WORKFLOW_CREATOR]);
    let submitted = Flags::<Relations>::new(&[ASSIGNEE, WORKFLOW_CREATOR, SUBMITTER]);
    let outcome = |out: &mut dyn Write, key: u64| {
        out.write_str(at(TaskState::ALL, key).map_or("?", TaskState::name))
    };
    for &kind in TaskKind::ALL {
        for &event in TaskEvent::ALL {
            let approval = matches!(event, TaskEvent::Approve | TaskEvent::Reject);
            let (flags, people) = if approval {
                (&submitted, 3)
            } else {
                (&plain, 2)
            };
            for &state in TaskState::ALL {
                let head = Head::new("workflow", kind.name(), event.name(), state.name());
                let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                    let mut task = task_of(kind, state, digits);
                    if approval {
                        if let Some(id) = submitter(digits.get(2)) {
                            task = task.submitted_by(id);
                        }
                    }
                    let relations = flags.value(digits.get(people..).unwrap_or(&[]));
                    fill(keys, subjects, |subject| {
                        workflow::validate(subject, &task, relations, event)
                            .ok()
                            .map(|next| key_of(TaskState::ALL, &next))
                    });
                };
                s.lines(out, &head, flags.dims(), Who::Subject, &mut eval, &outcome)?;
            }
        }
    }
    Ok(())
}

/// `record` and `record_event` for the record kind whose states are `S`.
fn records<S: RecordState>(
    out: &mut dyn Write,
    s: &mut Scratch,
    subjects: &[Subject<u8>],
) -> fmt::Result {
    let kind = S::KIND.name();
    for &action in Action::ALL {
        for &state in S::STATES {
            let head = Head::new("record", kind, action.name(), state.state_name());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let record = record_of(state, digits);
                fill(keys, subjects, |subject| {
                    can_record(subject, action, &record).then_some(0)
                });
            };
            s.lines(out, &head, &RECORD_DIMS, Who::Subject, &mut eval, &allow)?;
        }
    }
    let outcome = |out: &mut dyn Write, key: u64| {
        out.write_str(at(S::STATES, key).map_or("?", S::state_name))
    };
    for &event in RecordEvent::ALL {
        for &state in S::STATES {
            let head = Head::new("record_event", kind, event.name(), state.state_name());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let record = record_of(state, digits);
                fill(keys, subjects, |subject| {
                    transition_record(subject, &record, event)
                        .ok()
                        .map(|next| key_of(S::STATES, &next))
                });
            };
            s.lines(out, &head, &RECORD_DIMS, Who::Subject, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// `asset_fields`.
fn asset_fields(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    let outcome = |out: &mut dyn Write, bits: u64| {
        let fields = AssetFields::from_bits_retain(u32::try_from(bits).unwrap_or(0));
        for (i, field) in fields.fields().enumerate() {
            if i > 0 {
                out.write_char(',')?;
            }
            out.write_str(field.name())?;
        }
        Ok(())
    };
    for &status in AssetStatus::ALL {
        let head = Head::new(
            "asset_fields",
            RecordKind::Asset.name(),
            "edit",
            status.name(),
        );
        let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
            let record = record_of(status, digits);
            fill(keys, subjects, |subject| {
                let fields = records::editable_asset_fields(subject, &record);
                (!fields.is_empty()).then_some(u64::from(fields.bits()))
            });
        };
        s.lines(out, &head, &RECORD_DIMS, Who::Subject, &mut eval, &outcome)?;
    }
    Ok(())
}

/// Outcome keys of the life cycle: an asset state is its position in
/// [`AssetState::ALL`]; these are past it.
const REMOVED: u64 = 1 << 32;
const DENY: u64 = 1 << 33;

/// Writes an asset state's outcome key.
fn write_asset_state(out: &mut dyn Write, key: u64) -> fmt::Result {
    out.write_str(at(AssetState::ALL, key).map_or("?", AssetState::qualified))
}

/// Writes `deny(<name>)`, the name at `key - DENY` of `names`.
fn write_deny(out: &mut dyn Write, names: &[&str], key: u64) -> fmt::Result {
    let name = at(names, key.wrapping_sub(DENY)).unwrap_or("?");
    write!(out, "deny({name})")
}

/// `asset_create`.
fn asset_create(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let outcome = |out: &mut dyn Write, key: u64| {
        if key == DENY {
            out.write_str("deny")
        } else {
            write_asset_state(out, key)
        }
    };
    for &kind in TaskKind::ALL {
        let head = Head::new("asset_create", kind.name(), "create", "-");
        let key = match lifecycle::create(kind) {
            Ok(state) => key_of(AssetState::ALL, &state),
            Err(_) => DENY,
        };
        s.fact(out, &head, key, &outcome)?;
    }
    Ok(())
}

/// `asset_accepts`.
fn asset_accepts(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let flags = Flags::<AssetFlags>::new(&[]);
    let outcome = |out: &mut dyn Write, key: u64| {
        if key == 0 {
            out.write_str("ok")
        } else {
            write_deny(out, lifecycle::Refusal::NAMES, key)
        }
    };
    for &kind in TaskKind::ALL {
        for &state in AssetState::ALL {
            let head = Head::new("asset_accepts", kind.name(), "accepts", state.qualified());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                if let Some(key) = keys.first_mut() {
                    *key = Some(match lifecycle::accepts(kind, state, flags.value(digits)) {
                        Ok(()) => 0,
                        Err(err) => DENY + key_of(lifecycle::Refusal::ALL, &err.refusal()),
                    });
                }
            };
            s.lines(out, &head, flags.dims(), Who::Nobody, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// `asset_transition`.
fn asset_transition(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let outcome = |out: &mut dyn Write, key: u64| {
        if key == REMOVED {
            out.write_str("removed")
        } else if key >= DENY {
            write_deny(out, TransitionFault::NAMES, key)
        } else {
            write_asset_state(out, key)
        }
    };
    for &kind in TaskKind::ALL {
        for &event in AssetEvent::ALL {
            for &state in AssetState::ALL {
                let mut head = Head::new(
                    "asset_transition",
                    kind.name(),
                    event.name(),
                    state.qualified(),
                );
                head.verb_arg = event.outcome().map(lifecycle::Outcome::name);
                let key = match lifecycle::transition(state, kind, event) {
                    Ok(Next::State(next)) => key_of(AssetState::ALL, &next),
                    Ok(Next::Removed) => REMOVED,
                    Err(err) => DENY + key_of(TransitionFault::ALL, &err.fault()),
                };
                s.fact(out, &head, key, &outcome)?;
            }
        }
    }
    Ok(())
}

/// `asset_move`.
fn asset_move(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    let flags = Flags::<AssetFlags>::new(&[]);
    for &action in ManualMove::ALL {
        for &state in AssetState::ALL {
            let target = RecordKind::Asset.name();
            let head = Head::new("asset_move", target, action.name(), state.qualified());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let set = flags.value(digits);
                fill(keys, subjects, |subject| {
                    lifecycle::move_asset(subject, state, set, action)
                        .ok()
                        .map(|next| key_of(AssetState::ALL, &next))
                });
            };
            let dims = flags.dims();
            s.lines(
                out,
                &head,
                dims,
                Who::Subject,
                &mut eval,
                &write_asset_state,
            )?;
        }
    }
    Ok(())
}

/// `asset_system_move`: the system's own moves, with no subject.
fn asset_system_move(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let flags = Flags::<AssetFlags>::new(&[]);
    let outcome = |out: &mut dyn Write, key: u64| {
        if key >= DENY {
            write_deny(out, lifecycle::MoveFault::NAMES, key)
        } else {
            write_asset_state(out, key)
        }
    };
    for &action in ManualMove::ALL {
        for &state in AssetState::ALL {
            let target = RecordKind::Asset.name();
            let head = Head::new(
                "asset_system_move",
                target,
                action.name(),
                state.qualified(),
            );
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                if let Some(key) = keys.first_mut() {
                    *key = Some(
                        match lifecycle::system_move(state, flags.value(digits), action) {
                            Ok(next) => key_of(AssetState::ALL, &next),
                            Err(err) => DENY + key_of(lifecycle::MoveFault::ALL, &err.fault()),
                        },
                    );
                }
            };
            s.lines(out, &head, flags.dims(), Who::Nobody, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// `sod`: the role set itself is the question.
fn separation_of_duties(
    out: &mut dyn Write,
    s: &mut Scratch,
    subjects: &[Subject<u8>],
) -> fmt::Result {
    let head = Head::new("sod", "-", "check", "-");
    let mut eval = |_: &[usize], keys: &mut [Option<u64>]| {
        fill(keys, subjects, |subject| {
            sod::check(subject.granted()).err().map(|conflict| {
                sod::all()
                    .position(|c| c == conflict)
                    .and_then(|at| u64::try_from(at).ok())
                    .unwrap_or(u64::MAX)
            })
        });
    };
    let outcome = |out: &mut dyn Write, key: u64| match usize::try_from(key)
        .ok()
        .and_then(|at| sod::all().nth(at))
    {
        Some(conflict) => write!(
            out,
            "{}+{}",
            conflict.preparer().name(),
            conflict.approver().name()
        ),
        None => out.write_str("?"),
    };
    s.lines(out, &head, &[], Who::Subject, &mut eval, &outcome)
}

/// `fact`: the per-kind and per-state decisions without a subject.
fn facts(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let policy = |out: &mut dyn Write, key: u64| {
        let policy = at(workflow::ApprovalPolicy::ALL, key);
        out.write_str(policy.map_or("?", workflow::ApprovalPolicy::name))
    };
    let role =
        |out: &mut dyn Write, key: u64| out.write_str(at(Role::ALL, key).map_or("?", Role::name));
    let boolean =
        |out: &mut dyn Write, key: u64| out.write_str(if key == 1 { "true" } else { "false" });
    for &kind in TaskKind::ALL {
        let head = Head::new("fact", kind.name(), "approval_policy", "-");
        let key = key_of(
            workflow::ApprovalPolicy::ALL,
            &workflow::approval_policy(kind),
        );
        s.fact(out, &head, key, &policy)?;
        let head = Head::new("fact", kind.name(), "performer", "-");
        let key = key_of(Role::ALL, &workflow::performer(kind));
        s.fact(out, &head, key, &role)?;
    }
    let contract = RecordKind::Contract.name();
    for &state in ContractState::ALL {
        let head = Head::new("fact", contract, "document_frozen", state.name());
        let key = u64::from(records::is_document_frozen(state));
        s.fact(out, &head, key, &boolean)?;
    }
    let nomenclature = RecordKind::Nomenclature.name();
    for &state in NomenclatureState::ALL {
        let head = Head::new("fact", nomenclature, "admits_registration", state.name());
        let key = u64::from(records::admits_registration(state));
        s.fact(out, &head, key, &boolean)?;
    }
    for &state in NomenclatureState::ALL {
        let head = Head::new("fact", nomenclature, "admits_demand_items", state.name());
        let key = u64::from(records::admits_demand_items(state));
        s.fact(out, &head, key, &boolean)?;
    }
    Ok(())
}

/// Writes a field set's names joined by `separator`, or `none`.
fn write_flag_names<F: bitflags::Flags>(
    out: &mut dyn Write,
    set: &F,
    separator: char,
) -> fmt::Result {
    let mut any = false;
    for (name, _) in set.iter_names() {
        if any {
            out.write_char(separator)?;
        }
        write_lower(out, name)?;
        any = true;
    }
    if !any {
        out.write_str("none")?;
    }
    Ok(())
}
