//! The asset life cycle against an oracle written from SOURCES.md §A, with names
//! only: every (asset state × task kind × event × outcome), every (kind × state ×
//! flags) for acceptance, every manual move.

#![allow(clippy::panic, clippy::unwrap_used, reason = "tests")]

use crate::common_roles::{role_set, ROLE_SETS};
use crate::oracle;

use std::collections::BTreeSet;

use itam_rbac::lifecycle::AssetState;
use itam_rbac::lifecycle::{
    self, AssetEvent, AssetFlags, ManualMove, MoveFault, Next, Refusal, Resume,
};
use itam_rbac::{Role, Subject, TaskKind};

// ---- the sweeps ---------------------------------------------------------------

#[test]
fn every_state_kind_event_and_outcome_matches_the_oracle() {
    let mut legal = 0;
    let mut cases = 0;
    for &state in AssetState::ALL {
        for &kind in TaskKind::ALL {
            for &event in AssetEvent::ALL {
                cases += 1;
                let outcome = event.outcome().map(itam_rbac::lifecycle::Outcome::name);
                let want = oracle::lifecycle::transition(
                    &state.to_string(),
                    kind.name(),
                    event.name(),
                    outcome,
                );
                let got = lifecycle::transition(state, kind, event);
                match (&want, got) {
                    (Some(want), Ok(next)) => {
                        assert_eq!(&next.to_string(), want, "{state} {kind} {event}");
                        legal += 1;
                    }
                    (None, Err(err)) => {
                        assert_eq!((err.state(), err.kind(), err.event()), (state, kind, event));
                    }
                    (want, got) => panic!("{state} {kind} {event}: want {want:?}, got {got:?}"),
                }
            }
        }
    }
    assert_eq!(cases, 24 * 12 * 10);
    assert!(legal > 100, "only {legal} legal cases");
}

#[test]
fn only_registration_creates_assets() {
    for &kind in TaskKind::ALL {
        match lifecycle::create(kind) {
            Ok(state) => {
                assert_eq!(kind, TaskKind::Registration);
                assert_eq!(state.to_string(), "storage/pending_acceptance");
            }
            Err(err) => {
                assert_ne!(kind, TaskKind::Registration);
                assert_eq!(err.kind(), kind);
            }
        }
    }
}

#[test]
fn every_kind_state_and_flags_accepts_as_documented() {
    let mut cases = 0;
    for &kind in TaskKind::ALL {
        for &state in AssetState::ALL {
            for bits in 0..=AssetFlags::all().bits() {
                cases += 1;
                let flags = AssetFlags::from_bits_truncate(bits);
                let want = oracle::lifecycle::accepts(kind.name(), &state.to_string(), flags);
                let got = lifecycle::accepts(kind, state, flags)
                    .err()
                    .map(|e| e.refusal().name());
                assert_eq!(got, want, "{kind} {state} {flags:?}");
            }
        }
    }
    assert_eq!(cases, 12 * 24 * 16);
}

#[test]
fn every_manual_move_matches_the_oracle() {
    let mut cases = 0;
    for &(name, from, to, role) in oracle::lifecycle::MOVES {
        let action: ManualMove = name.parse().unwrap_or_else(|e| panic!("{e}"));
        let system = role == "system";
        for &state in AssetState::ALL {
            for fbits in 0..=AssetFlags::all().bits() {
                let flags = AssetFlags::from_bits_truncate(fbits);
                // Issue 11: the system's move takes no person's subject.
                let want = if state.to_string() != from {
                    Err("state")
                } else if !system {
                    Err("person_move")
                } else if flags.contains(AssetFlags::IN_OPEN_TASK) {
                    Err("in_open_task")
                } else if !flags.contains(AssetFlags::CONSIGNMENT) {
                    Err("not_consignment")
                } else {
                    Ok(to.to_owned())
                };
                let got = lifecycle::system_move(state, flags, action)
                    .map(|s| s.to_string())
                    .map_err(|e| e.fault().name());
                assert_eq!(got, want, "system {name} {state} {flags:?}");
                for bits in 0..ROLE_SETS {
                    let granted = role_set(bits);
                    let user = Subject::new(1_u8, granted);
                    let holds = granted.roles().any(|r| r.name() == role);
                    cases += 1;
                    let want = if state.to_string() != from {
                        Err("state")
                    } else if system {
                        // No person makes the system's move, whatever the roles.
                        Err("system_move")
                    } else if !holds {
                        Err("role")
                    } else if flags.contains(AssetFlags::IN_OPEN_TASK) {
                        Err("in_open_task")
                    } else {
                        Ok(to.to_owned())
                    };
                    let got = lifecycle::move_asset(&user, state, flags, action)
                        .map(|s| s.to_string())
                        .map_err(|e| e.fault().name());
                    assert_eq!(got, want, "{name} {state} {granted} {flags:?}");
                }
            }
        }
    }
    assert_eq!(cases, 4 * 24 * ROLE_SETS * 16);
}

// ---- names --------------------------------------------------------------------

#[test]
fn the_table_of_pairs_is_complete() {
    let pairs: std::collections::BTreeSet<(String, &str)> = AssetState::ALL
        .iter()
        .map(|s| (s.stage().to_string(), s.name()))
        .collect();
    let documented = [
        ("storage", "pending_verification pending_acceptance available reserved pending_maintenance pending_upgrade pending_decommissioning out_of_stock"),
        ("in_operation", "in_use pending_maintenance pending_upgrade moving_out_of_operation"),
        ("transfer", "unavailable"),
        ("upgrade", "unavailable"),
        ("in_maintenance", "unavailable"),
        ("decommissioning", "decommissioned lost_or_stolen"),
        ("disposal_transfer", "disposed sold donated returned_to_supplier"),
    ];
    let want: std::collections::BTreeSet<(String, &str)> = documented
        .iter()
        .flat_map(|(stage, states)| states.split(' ').map(|s| ((*stage).to_owned(), s)))
        .collect();
    assert_eq!(pairs, want);
    assert_eq!(want.len(), 21);
}

#[test]
fn terminal_states_are_the_documented_ones() {
    for &state in AssetState::ALL {
        assert_eq!(
            state.is_terminal(),
            oracle::lifecycle::TERMINAL.contains(&state.to_string().as_str()),
            "{state}"
        );
    }
}

#[test]
fn qualified_names_round_trip_and_bare_names_are_refused() {
    for &state in AssetState::ALL {
        assert_eq!(state.to_string().parse::<AssetState>(), Ok(state));
    }
    let err = "unavailable".parse::<AssetState>().err();
    assert_eq!(err.map(|e| e.what()), Some("asset state"));
    assert!("Storage/Available".parse::<AssetState>().is_err());
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_qualified_names() {
    use itam_rbac::lifecycle::Resume;
    let state = AssetState::InMaintenance {
        resume: Resume::InUse,
    };
    let json = serde_json::to_string(&state).unwrap_or_default();
    assert_eq!(json, r#""in_maintenance/unavailable[in_operation/in_use]""#);
    assert_eq!(serde_json::from_str::<AssetState>(&json).ok(), Some(state));
    assert!(serde_json::from_str::<AssetState>(r#""unavailable""#).is_err());
}

#[test]
fn error_messages_name_state_kind_and_event() {
    let err = lifecycle::transition(
        AssetState::PendingMaintenance {
            resume: itam_rbac::lifecycle::Resume::Available,
        },
        TaskKind::Maintenance,
        AssetEvent::Complete(itam_rbac::lifecycle::Outcome::Done),
    )
    .err()
    .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("cannot complete (done) an asset in storage/pending_maintenance on the maintenance task: work on the task has not started")
    );
    let removed = lifecycle::transition(
        AssetState::PendingAcceptance,
        TaskKind::Registration,
        AssetEvent::Cancel,
    );
    assert_eq!(removed, Ok(Next::Removed));
}

#[test]
fn public_types_are_copy_send_and_sync() {
    fn check<T: Copy + Send + Sync + Eq + core::hash::Hash + core::fmt::Debug>() {}
    check::<AssetState>();
    check::<itam_rbac::lifecycle::AssetStage>();
    check::<itam_rbac::lifecycle::Resume>();
    check::<AssetEvent>();
    check::<itam_rbac::lifecycle::Outcome>();
    check::<AssetFlags>();
    check::<Next>();
    check::<ManualMove>();
    check::<itam_rbac::lifecycle::TransitionError>();
    check::<itam_rbac::lifecycle::AcceptError>();
    check::<itam_rbac::lifecycle::MoveError>();
    check::<itam_rbac::lifecycle::CreateError>();
    check::<itam_rbac::workflow::TaskEvent>();
    check::<itam_rbac::workflow::Relations>();
    check::<itam_rbac::workflow::ApprovalPolicy>();
    check::<itam_rbac::workflow::TaskFields>();
    check::<itam_rbac::workflow::WorkflowError>();
    check::<itam_rbac::workflow::Wrong>();
    assert!(core::mem::size_of::<AssetState>() <= 2);
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// Every refusal of an asset, and every fault of a manual move, is said in its own
/// words (a typed reason and a sentence for a person): no two reasons read the
/// same, none is empty, and the error's message ends with it.
#[test]
fn each_refusal_and_move_fault_has_its_own_sentence() {
    let refusals: BTreeSet<&str> = Refusal::ALL.iter().map(|r| r.describe()).collect();
    assert_eq!(refusals.len(), Refusal::ALL.len());
    assert!(!refusals.contains(""));
    let faults: BTreeSet<&str> = MoveFault::ALL.iter().map(|f| f.describe()).collect();
    assert_eq!(faults.len(), MoveFault::ALL.len());
    assert!(!faults.contains(""));

    // SOURCES.md §A2: disposal takes decommissioned assets only.
    let err =
        lifecycle::accepts(TaskKind::Disposal, AssetState::InUse, AssetFlags::empty()).unwrap_err();
    assert_eq!(err.refusal(), Refusal::State);
    assert!(
        err.to_string().ends_with(Refusal::State.describe()),
        "{err}"
    );

    // SOURCES.md §A5: only itam_admin accepts storage/pending_verification.
    let specialist = Subject::new(1_u32, Role::OperationSpecialist);
    let err = lifecycle::move_asset(
        &specialist,
        AssetState::PendingVerification,
        AssetFlags::empty(),
        ManualMove::AcceptVerification,
    )
    .unwrap_err();
    assert_eq!(err.fault(), MoveFault::Role);
    assert!(
        err.to_string().ends_with(MoveFault::Role.describe()),
        "{err}"
    );
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §A3: a suspended asset carries the position it had before the task
/// (allocation reserves `storage/available` only), so cancel and completion restore
/// it; only `storage/available` and `in_operation/in_use` are such positions; the
/// terminal states are `out_of_stock`, `lost_or_stolen` and the four
/// `disposal_transfer` states (`decommissioned` is not terminal).
#[test]
fn suspended_states_carry_their_position() {
    use AssetState as S;
    for resume in [Resume::Available, Resume::InUse] {
        for state in [
            S::PendingMaintenance { resume },
            S::PendingUpgrade { resume },
            S::Transfer { resume },
            S::Upgrade { resume },
            S::InMaintenance { resume },
        ] {
            assert_eq!(state.resume(), Some(resume), "{state}");
            assert!(state.is_suspended(), "{state}");
        }
    }
    assert_eq!(S::Reserved.resume(), Some(Resume::Available));
    assert!(S::Reserved.is_suspended());
    for state in [
        S::Available,
        S::InUse,
        S::Decommissioned,
        S::PendingVerification,
    ] {
        assert_eq!(state.resume(), None, "{state}");
        assert!(!state.is_suspended(), "{state}");
    }

    assert_eq!(Resume::of(S::Available), Some(Resume::Available));
    assert_eq!(Resume::of(S::InUse), Some(Resume::InUse));
    assert_eq!(Resume::of(S::Reserved), None);

    let terminal: Vec<AssetState> = AssetState::ALL
        .iter()
        .copied()
        .filter(|state| state.is_terminal())
        .collect();
    assert_eq!(
        terminal,
        [
            S::OutOfStock,
            S::LostOrStolen,
            S::Disposed,
            S::Sold,
            S::Donated,
            S::ReturnedToSupplier
        ]
    );
}

/// The code table (README "Audit codes"): every life-cycle error carries the code
/// of its fault's reason, the number pinned here as the table writes it.
#[test]
fn life_cycle_errors_carry_their_codes() {
    use itam_rbac::DenyReason;
    let refusals = [
        (Refusal::CreatesAssets, 26),
        (Refusal::Inactive, 27),
        (Refusal::InOpenTask, 28),
        (Refusal::Unverified, 29),
        (Refusal::NotFound, 30),
        (Refusal::State, 17),
        (Refusal::NoPermanentLocation, 31),
    ];
    assert_eq!(refusals.len(), Refusal::ALL.len());
    for (refusal, code) in refusals {
        assert_eq!(refusal.reason().code(), code, "{refusal}");
    }
    let err = lifecycle::accepts(TaskKind::Relocation, AssetState::InUse, AssetFlags::empty())
        .unwrap_err();
    assert_eq!(
        (err.refusal(), err.code()),
        (Refusal::NoPermanentLocation, 31)
    );
    assert_eq!(err.reason(), DenyReason::NoPermanentLocation);

    let err =
        lifecycle::transition(AssetState::InUse, TaskKind::Disposal, AssetEvent::Add).unwrap_err();
    assert_eq!(err.code(), 17);
    let err = lifecycle::transition(
        AssetState::Available,
        TaskKind::Registration,
        AssetEvent::Add,
    )
    .unwrap_err();
    assert_eq!(err.code(), 26);
    let err = lifecycle::create(TaskKind::Maintenance).unwrap_err();
    assert_eq!((err.kind(), err.code()), (TaskKind::Maintenance, 36));

    let err = lifecycle::system_move(
        AssetState::Available,
        AssetFlags::empty(),
        ManualMove::ConsignmentExhausted,
    )
    .unwrap_err();
    assert_eq!((err.fault(), err.code()), (MoveFault::NotConsignment, 35));
    let specialist = Subject::new(1_u8, Role::OperationSpecialist);
    let err = lifecycle::move_asset(
        &specialist,
        AssetState::InUse,
        AssetFlags::IN_OPEN_TASK,
        ManualMove::MoveOutOfOperation,
    )
    .unwrap_err();
    assert_eq!((err.fault(), err.code()), (MoveFault::InOpenTask, 28));
    let err = lifecycle::move_asset(
        &specialist,
        AssetState::Available,
        AssetFlags::CONSIGNMENT,
        ManualMove::ConsignmentExhausted,
    )
    .unwrap_err();
    assert_eq!((err.fault(), err.code()), (MoveFault::SystemMove, 40));
    let err = lifecycle::system_move(
        AssetState::InUse,
        AssetFlags::empty(),
        ManualMove::MoveOutOfOperation,
    )
    .unwrap_err();
    assert_eq!((err.fault(), err.code()), (MoveFault::PersonMove, 41));
}
