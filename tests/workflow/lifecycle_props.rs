//! Invariants of the two machines, as properties.

use itam_rbac::lifecycle::AssetState;
use itam_rbac::lifecycle::{self, AssetEvent, AssetFlags, ManualMove, Next, Outcome};
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{Role, Roles, Subject, Task, TaskKind, TaskState};
use proptest::prelude::*;
use proptest::sample::select;

fn any_state() -> impl Strategy<Value = AssetState> {
    select(AssetState::ALL)
}

fn any_kind() -> impl Strategy<Value = TaskKind> {
    select(TaskKind::ALL)
}

fn terminal_state() -> impl Strategy<Value = AssetState> {
    let terminal: Vec<AssetState> = AssetState::ALL
        .iter()
        .copied()
        .filter(|s| s.is_terminal())
        .collect();
    select(terminal)
}

/// The outcome a kind completes with in these properties (its first).
fn first_outcome(kind: TaskKind) -> Outcome {
    lifecycle::row(kind)
        .on_complete
        .first()
        .map_or(Outcome::Done, |(o, _)| *o)
}

proptest! {
    #[test]
    fn terminal_asset_states_have_no_exits(
        state in terminal_state(),
        kind in any_kind(),
        event in select(AssetEvent::ALL),
        action in select(ManualMove::ALL),
        flags in any::<u8>(),
        roles in any::<u32>(),
    ) {
        let flags = AssetFlags::from_bits_truncate(flags);
        let user = Subject::new(1_u8, Roles::from_bits_truncate(roles));
        prop_assert!(lifecycle::transition(state, kind, event).is_err());
        prop_assert!(lifecycle::accepts(kind, state, flags).is_err());
        prop_assert!(lifecycle::move_asset(&user, state, flags, action).is_err());
    }

    /// Add, any number of starts (work resumed after postponements), cancel: the
    /// asset is back exactly where it was, for every kind and accepted state.
    #[test]
    fn cancel_restores_the_original_state(state in any_state(), kind in any_kind(), starts in 0_usize..4) {
        let Ok(Next::State(mut held)) = lifecycle::transition(state, kind, AssetEvent::Add) else {
            // Not accepted: nothing to restore.
            return Ok(());
        };
        for _ in 0..starts {
            let next = lifecycle::transition(held, kind, AssetEvent::Start);
            prop_assert!(matches!(next, Ok(Next::State(_))), "{next:?}");
            if let Ok(Next::State(s)) = next { held = s; }
        }
        prop_assert_eq!(lifecycle::transition(held, kind, AssetEvent::Cancel), Ok(Next::State(state)));
    }

    /// Every asset a kind accepts also passes the transition's add.
    #[test]
    fn accepted_assets_can_be_added(state in any_state(), kind in any_kind(), flags in any::<u8>()) {
        let flags = AssetFlags::from_bits_truncate(flags);
        if lifecycle::accepts(kind, state, flags).is_ok() {
            prop_assert!(lifecycle::transition(state, kind, AssetEvent::Add).is_ok());
        }
    }

    /// Random legal and illegal workflow events from `registered`: a terminal task
    /// never moves again, every reached state can still end (completed or
    /// canceled), and an asset carried along by the legal events always has a legal
    /// transition.
    #[test]
    fn task_sequences_end_only_in_completed_or_canceled(
        kind in any_kind(),
        asset in any_state(),
        steps in prop::collection::vec((select(TaskEvent::ALL), any::<u8>(), any::<u8>(), 0_u8..3, 0_u8..2), 0..40),
    ) {
        let mut task: Task<u8> = Task::new(kind, TaskState::Registered).created_by(9);
        let mut asset = match kind {
            TaskKind::Registration => lifecycle::create(kind).ok(),
            _ => lifecycle::transition(asset, kind, AssetEvent::Add).ok().and_then(Next::state),
        };
        for (event, roles, relations, assignee, creator) in steps {
            let roles = roles_from(roles);
            let user = Subject::new(1_u8, roles);
            let relations = Relations::from_bits_truncate(relations);
            task.assignee = [Some(1), Some(2), None].get(usize::from(assignee)).copied().flatten();
            task.creator = Some(if creator == 0 { 1 } else { 9 });
            let before = task.state;
            let Ok(next) = workflow::validate(&user, &task, relations, event) else { continue };
            prop_assert!(!before.is_terminal(), "{event} left terminal {before}");
            asset = follow(asset, kind, event, before, next)?;
            task.state = next;
        }
        // A process manager can always end what is left (registration: with no
        // file attached).
        if !task.state.is_terminal() {
            let manager = Subject::new(5_u8, Role::ProcessManager);
            let end = workflow::validate(&manager, &task, Relations::empty(), TaskEvent::Cancel);
            prop_assert_eq!(end, Ok(TaskState::Canceled));
        }
        for &event in TaskEvent::ALL {
            if task.state.is_terminal() {
                let everyone = Subject::new(1_u8, Roles::all());
                prop_assert!(workflow::validate(&everyone, &task, Relations::all(), event).is_err());
            }
        }
    }
}

/// A set of the task-relevant roles from 6 bits.
fn roles_from(bits: u8) -> Roles {
    [
        Role::Agent,
        Role::Responsible,
        Role::OperationSpecialist,
        Role::ProcessManager,
        Role::ContractManager,
        Role::Admin,
    ]
    .iter()
    .enumerate()
    .filter(|(i, _)| bits & (1 << i) != 0)
    .map(|(_, r)| *r)
    .collect()
}

/// Mirrors a legal task event on the asset, if the task holds one.
fn follow(
    asset: Option<AssetState>,
    kind: TaskKind,
    event: TaskEvent,
    before: TaskState,
    after: TaskState,
) -> Result<Option<AssetState>, TestCaseError> {
    let Some(state) = asset else { return Ok(None) };
    let asset_event = match event {
        TaskEvent::StartWork => AssetEvent::Start,
        TaskEvent::Complete => AssetEvent::Complete(first_outcome(kind)),
        TaskEvent::Cancel => AssetEvent::Cancel,
        TaskEvent::Postpone
        | TaskEvent::SendForApproval
        | TaskEvent::Approve
        | TaskEvent::Reject => {
            return Ok(Some(state));
        }
    };
    let next = lifecycle::transition(state, kind, asset_event);
    prop_assert!(next.is_ok(), "{kind} {before}->{after}: {next:?}");
    Ok(next
        .ok()
        .and_then(Next::state)
        .filter(|_| !after.is_terminal()))
}
