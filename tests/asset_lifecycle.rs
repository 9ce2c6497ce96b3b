//! The asset life cycle against an oracle written from lifecycle.md §1, with names
//! only: every (asset state × task kind × event × outcome), every (kind × state ×
//! flags) for acceptance, every manual move.

#![allow(clippy::panic, reason = "tests")]

use itam_rbac::lifecycle::AssetState;
use itam_rbac::lifecycle::{self, AssetEvent, AssetFlags, ManualMove, Next};
use itam_rbac::{Role, Roles, Subject, TaskKind};

// ---- the oracle: lifecycle.md §1, in strings ----------------------------------

/// "accepts assets in", one line a kind.
fn accepted(kind: &str) -> &'static [&'static str] {
    match kind {
        "registration" => &[],
        "allocation" => &["storage/available"],
        "inventory" => &[
            "storage/available",
            "storage/pending_decommissioning",
            "in_operation/in_use",
            "in_operation/pending_maintenance",
            "in_operation/pending_upgrade",
            "in_operation/moving_out_of_operation",
        ],
        "change_of_responsible" => &[
            "storage/available",
            "storage/pending_decommissioning",
            "in_operation/in_use",
        ],
        "relocation" | "return_to_stock" => &["in_operation/in_use"],
        "change_of_stock" | "maintenance" | "upgrading" => {
            &["storage/available", "in_operation/in_use"]
        }
        "decommissioning" => &[
            "storage/pending_decommissioning",
            "in_operation/moving_out_of_operation",
        ],
        "disposal" | "asset_transfer" => &["decommissioning/decommissioned"],
        other => panic!("unknown kind {other}"),
    }
}

fn stage_of(state: &str) -> &str {
    state.split('/').next().unwrap_or_default()
}

/// "on add": where an asset accepted at `a` is once in the task.
fn on_add(kind: &str, a: &str) -> String {
    match kind {
        "allocation" => "storage/reserved".to_owned(),
        "return_to_stock" => format!("transfer/unavailable[{a}]"),
        "maintenance" => format!("{}/pending_maintenance", stage_of(a)),
        "upgrading" => format!("{}/pending_upgrade", stage_of(a)),
        _ => a.to_owned(),
    }
}

/// "on start": where it is once work started.
fn on_start(kind: &str, a: &str, held: &str) -> String {
    match kind {
        "change_of_stock" => format!("transfer/unavailable[{a}]"),
        "maintenance" => format!("in_maintenance/unavailable[{a}]"),
        "upgrading" => format!("upgrade/unavailable[{a}]"),
        _ => held.to_owned(),
    }
}

/// "on complete", per outcome; `None` for an outcome the kind does not have.
fn on_complete(kind: &str, a: &str, outcome: &str) -> Option<String> {
    let to = |s: &str| Some(s.to_owned());
    match (kind, outcome) {
        ("allocation", "done") => to("in_operation/in_use"),
        ("inventory" | "change_of_responsible" | "relocation", "done") => to(a),
        ("change_of_stock" | "upgrading" | "maintenance", "done") => to(a),
        ("return_to_stock", "done") => to("storage/available"),
        ("maintenance", "unfixable") => to("storage/pending_decommissioning"),
        ("decommissioning", "decommissioned") => to("decommissioning/decommissioned"),
        ("decommissioning", "lost_or_stolen") => to("decommissioning/lost_or_stolen"),
        ("disposal", "done") => to("disposal_transfer/disposed"),
        ("asset_transfer", "sold" | "donated" | "returned_to_supplier") => {
            Some(format!("disposal_transfer/{outcome}"))
        }
        _ => None,
    }
}

/// The documented next state (or "removed"), `None` where the event is illegal.
fn oracle(state: &str, kind: &str, event: &str, outcome: Option<&str>) -> Option<String> {
    if kind == "registration" {
        // Creates its assets in storage/pending_acceptance; complete makes them
        // available; cancel removes the records (ours).
        return match (state, event, outcome) {
            ("storage/pending_acceptance", "start", None) => Some(state.to_owned()),
            ("storage/pending_acceptance", "complete", Some("done")) => {
                Some("storage/available".to_owned())
            }
            ("storage/pending_acceptance", "cancel", None) => Some("removed".to_owned()),
            _ => None,
        };
    }
    let lanes: Vec<(&str, String, String)> = accepted(kind)
        .iter()
        .map(|a| {
            let held = on_add(kind, a);
            let started = on_start(kind, a, &held);
            (*a, held, started)
        })
        .collect();
    match event {
        "add" => lanes.iter().find(|l| l.0 == state).map(|l| l.1.clone()),
        "start" => lanes
            .iter()
            .find(|l| l.1 == state)
            .map(|l| l.2.clone())
            .or_else(|| lanes.iter().find(|l| l.2 == state).map(|l| l.2.clone())),
        "complete" => lanes
            .iter()
            .find(|l| l.2 == state)
            .and_then(|l| on_complete(kind, l.0, outcome.unwrap_or_default())),
        "cancel" => lanes
            .iter()
            .find(|l| l.1 == state || l.2 == state)
            .map(|l| l.0.to_owned()),
        other => panic!("unknown event {other}"),
    }
}

const TERMINAL: &[&str] = &[
    "storage/out_of_stock",
    "decommissioning/lost_or_stolen",
    "disposal_transfer/disposed",
    "disposal_transfer/sold",
    "disposal_transfer/donated",
    "disposal_transfer/returned_to_supplier",
];

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
                let want = oracle(&state.to_string(), kind.name(), event.name(), outcome);
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

/// The states a task puts an asset in while it holds it (the "on add" and "on
/// start" columns of lifecycle.md §1): reserved, pending maintenance or upgrade,
/// and the three `unavailable` stages.
fn held_by_a_task(state: &str) -> bool {
    state == "storage/reserved"
        || state.contains("/pending_maintenance")
        || state.contains("/pending_upgrade")
        || state.contains("/unavailable")
}

/// lifecycle.md §1 and the rules under its table, in order: registration creates,
/// terminal is inactive, one open task, pending verification waits for `itam_admin`,
/// not found only for inventory and decommissioning, the state, relocation's
/// permanent location.
fn accept_oracle(kind: &str, state: &str, flags: AssetFlags) -> Option<&'static str> {
    let not_found_ok = matches!(kind, "inventory" | "decommissioning");
    if kind == "registration" {
        Some("creates_assets")
    } else if TERMINAL.contains(&state) {
        Some("inactive")
    } else if flags.contains(AssetFlags::IN_OPEN_TASK) || held_by_a_task(state) {
        // "One asset is in at most one open task": the flag, or a state that only
        // a task puts an asset in.
        Some("in_open_task")
    } else if state == "storage/pending_verification" {
        Some("unverified")
    } else if flags.contains(AssetFlags::NOT_FOUND) && !not_found_ok {
        Some("not_found")
    } else if !accepted(kind).contains(&state) {
        Some("state")
    } else if kind == "relocation" && !flags.contains(AssetFlags::PERMANENT_LOCATION) {
        Some("no_permanent_location")
    } else {
        None
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
                let want = accept_oracle(kind.name(), &state.to_string(), flags);
                let got = lifecycle::accepts(kind, state, flags)
                    .err()
                    .map(|e| e.refusal().name());
                assert_eq!(got, want, "{kind} {state} {flags:?}");
            }
        }
    }
    assert_eq!(cases, 12 * 24 * 16);
}

/// The task-relevant roles; the sweeps use every subset.
const TASK_ROLES: [Role; 6] = [
    Role::Agent,
    Role::Responsible,
    Role::OperationSpecialist,
    Role::ProcessManager,
    Role::ContractManager,
    Role::Admin,
];

fn role_set(bits: u32) -> Roles {
    TASK_ROLES
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, r)| *r)
        .collect()
}

/// The moves outside tasks: (name, from, to, role needed or "system").
const MOVES: &[(&str, &str, &str, &str)] = &[
    (
        "accept_verification",
        "storage/pending_verification",
        "storage/available",
        "itam_admin",
    ),
    (
        "consignment_exhausted",
        "storage/available",
        "storage/out_of_stock",
        "system",
    ),
    (
        "move_out_of_operation",
        "in_operation/in_use",
        "in_operation/moving_out_of_operation",
        "itam_operation_specialist",
    ),
    (
        "mark_for_decommissioning",
        "storage/available",
        "storage/pending_decommissioning",
        "itam_operation_specialist",
    ),
];

#[test]
fn every_manual_move_matches_the_oracle() {
    let mut cases = 0;
    for &(name, from, to, role) in MOVES {
        let action: ManualMove = name.parse().unwrap_or_else(|e| panic!("{e}"));
        for &state in AssetState::ALL {
            for bits in 0..(1 << TASK_ROLES.len()) {
                let granted = role_set(bits);
                let user = Subject::new(1_u8, granted);
                let holds = role == "system" || granted.roles().any(|r| r.name() == role);
                for fbits in 0..=AssetFlags::all().bits() {
                    cases += 1;
                    let flags = AssetFlags::from_bits_truncate(fbits);
                    let want = if state.to_string() != from {
                        Err("state")
                    } else if !holds {
                        Err("role")
                    } else if flags.contains(AssetFlags::IN_OPEN_TASK) {
                        Err("in_open_task")
                    } else if role == "system" && !flags.contains(AssetFlags::CONSIGNMENT) {
                        Err("not_consignment")
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
    assert_eq!(cases, 4 * 24 * 64 * 16);
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
            TERMINAL.contains(&state.to_string().as_str()),
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
