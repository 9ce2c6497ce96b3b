//! Which policy decided: [`POLICY_REVISION`] and [`POLICY_FINGERPRINT`], for the
//! host's audit log.
//!
//! The fingerprint is computed while the crate compiles, by a `const fn`, from the
//! tables the decisions read, not from a file: the role inclusion graph, the task
//! matrix, the workflow's machine, grants, approval policies, performers and
//! editable fields, the asset life cycle's table, manual moves and creation, and
//! every record kind's machine, events, frozen, initial and terminal states,
//! approval mode, action rules and document rule. Each is walked over its whole
//! domain and hashed by name (FNV-1a, 64 bits), so the same tables give the same
//! fingerprint on every build and platform, and a build whose tables differ (one
//! matrix cell, one edge) carries another fingerprint, with nobody editing a file.
//!
//! What the walk cannot see is the code between the tables (how `explain` tries
//! grants, how a transition applies an effect). That is held by the checked-in dump
//! of the whole decision space, `tests/decision_space.txt`:
//! `tests/decision_space/dump.rs` renders the space and compares it with the file
//! byte for byte, and
//! `tests/decision_space/fingerprint.rs` pins the dump's digest
//! ([`report::decision_space_digest`](crate::report::decision_space_digest)) with the
//! revision. Until 2026-12 the fingerprint *was* that digest (hashed from the file);
//! those pairs are [`EARLIER_FINGERPRINTS`], still read back by the audit reader.
//!
//! ```
//! use itam_rbac::{POLICY_FINGERPRINT, POLICY_REVISION};
//!
//! // What a host writes beside each decision it logs.
//! let stamp = format!("policy {POLICY_REVISION} {POLICY_FINGERPRINT:#018x}");
//! assert_eq!(stamp, "policy 2 0xddcac87842dfa73a");
//! ```

use crate::lifecycle::{self, AssetEvent, AssetState, Effect, ManualMove, Suspension};
use crate::records::{
    self, with_record_kind, NomenclatureState, RecordEvent, RecordKind, RecordState,
};
use crate::workflow::{self, TaskEvent};
use crate::{matrix, Action, Clause, Grant, Role, Roles, TaskKind, TaskState};

/// The revision of the policy: bumped whenever a change of who may do what lands,
/// with a **policy** entry in CHANGELOG.md. Revision 1 is the policy before
/// 2026-11-23's readings; revision 2 adds them (CHANGELOG, "policy revision 2").
pub const POLICY_REVISION: u32 = 2;

/// The policy's fingerprint: FNV-1a 64 of every table the decisions read, walked
/// while the crate compiles (see `src/fingerprint.rs`). It changes when a table
/// changes; `tests/decision_space/fingerprint.rs` pins it with [`POLICY_REVISION`]
/// and the CHANGELOG entry.
pub const POLICY_FINGERPRINT: u64 = tables_digest();

/// The fingerprints of the earlier format, oldest first: the FNV-1a digest of the
/// rendered decision space
/// ([`report::decision_space_digest`](crate::report::decision_space_digest)), which
/// is what builds before 2026-12 carried. Never edit a row: append one. Revision 2's
/// decisions are this build's (the dump still hashes to it), so the audit reader
/// reads its records as this build's; no build wrote a decision record of
/// revision 1 (the record came with revision 2), so none reads.
#[cfg_attr(
    not(feature = "serde"),
    expect(dead_code, reason = "listed by the audit module (serde)")
)]
pub const EARLIER_FINGERPRINTS: &[(u32, u64)] = &[
    // The policy before the readings of 2026-11-23 (commit 04901be).
    (1, 0xf2e3_532e_3d7e_7e8a),
    // Policy revision 2, hashed from its dump.
    (2, 0xe502_6b9a_3dd1_a4e4),
];

/// The earlier-format fingerprints whose decisions are those of a build whose
/// tables hash to the second value: revision 2's dump digest and the tables of
/// revision 2. A build whose tables differ (a patched crate) does not read the
/// earlier format's records as its own.
const SAME_DECISIONS: &[(u64, u64)] = &[(0xe502_6b9a_3dd1_a4e4, 0xddca_c878_42df_a73a)];

/// Whether a record stamped `(revision, fingerprint)` was decided by this build's
/// policy: this build's pair, or this revision in the earlier format when this
/// build's tables are the ones that format's decisions were made with (the dump
/// still hashes to it). Records of any other pair are of another policy, which
/// this build cannot judge.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use itam_rbac::audit::decides_as_this_build;
/// use itam_rbac::{POLICY_FINGERPRINT, POLICY_REVISION};
///
/// assert!(decides_as_this_build(POLICY_REVISION, POLICY_FINGERPRINT));
/// assert!(decides_as_this_build(2, 0xe502_6b9a_3dd1_a4e4));
/// assert!(!decides_as_this_build(1, 0xf2e3_532e_3d7e_7e8a));
/// assert!(!decides_as_this_build(999, POLICY_FINGERPRINT));
/// # }
/// ```
#[must_use]
#[cfg_attr(
    not(feature = "serde"),
    expect(dead_code, reason = "read by the audit reader (serde)")
)]
pub const fn decides_as_this_build(revision: u32, fingerprint: u64) -> bool {
    if revision != POLICY_REVISION {
        return false;
    }
    let mut found = fingerprint == POLICY_FINGERPRINT;
    let mut at = 0;
    while let Some(&(earlier, tables)) = slot(SAME_DECISIONS, at) {
        found |= earlier == fingerprint && tables == POLICY_FINGERPRINT;
        at += 1;
    }
    found
}

/// The `at`th element of `items`, if any (`<[T]>::get` is not `const` on Rust 1.81).
const fn slot<T>(items: &[T], at: usize) -> Option<&T> {
    let mut rest = items;
    let mut left = at;
    while let [first, tail @ ..] = rest {
        if left == 0 {
            return Some(first);
        }
        left -= 1;
        rest = tail;
    }
    None
}

// ---------------------------------------------------------------------------
// FNV-1a, 64 bits: the tables' fingerprint and the dump's digest
// ([`report::decision_space_digest`](crate::report::decision_space_digest)).

/// The FNV-1a 64 offset basis.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// The FNV-1a 64 prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// `hash` continued over `bytes`: a `const fn`, so that the fingerprint of the
/// tables is computed while the crate compiles
/// ([`POLICY_FINGERPRINT`](crate::POLICY_FINGERPRINT)).
pub(crate) const fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    let mut hash = hash;
    let mut rest = bytes;
    while let [byte, tail @ ..] = rest {
        hash = (hash ^ *byte as u64).wrapping_mul(FNV_PRIME);
        rest = tail;
    }
    hash
}

// ---------------------------------------------------------------------------
// The walk.

/// Hashes a name, ended by a separator no name contains.
const fn name(hash: u64, text: &str) -> u64 {
    fnv1a(fnv1a(hash, text.as_bytes()), b"\n")
}

/// Hashes a number, little-endian.
const fn number(hash: u64, value: u64) -> u64 {
    fnv1a(hash, &value.to_le_bytes())
}

/// Hashes a flag.
const fn flag(hash: u64, value: bool) -> u64 {
    number(hash, value as u64)
}

/// Hashes a role set by its roles' names, in [`Role::ALL`] order.
const fn roles(hash: u64, set: Roles) -> u64 {
    let mut hash = number(hash, set.bits().count_ones() as u64);
    let mut at_r = 0;
    while let Some(&role) = slot(Role::ALL, at_r) {
        if set.contains(role.bit()) {
            hash = name(hash, role.name());
        }
        at_r += 1;
    }
    hash
}

/// Hashes a grant: its roles and its clause.
const fn grant(hash: u64, grant: Grant) -> u64 {
    let hash = roles(hash, grant.roles);
    match grant.clause {
        Clause::Always => name(hash, "always"),
        Clause::AsAssignedUser => name(hash, "as_assigned_user"),
        Clause::AsAssignedUserOrGroup => name(hash, "as_assigned_user_or_group"),
        Clause::Unless(excluded) => roles(name(hash, "unless"), excluded),
        Clause::FourEyes => name(hash, "four_eyes"),
    }
}

/// Hashes a list of grants, or its absence.
const fn grants(hash: u64, list: Option<&[Grant]>) -> u64 {
    let Some(list) = list else {
        return name(hash, "none");
    };
    let mut hash = number(hash, list.len() as u64);
    let mut at_g = 0;
    while let Some(&one) = slot(list, at_g) {
        hash = grant(hash, one);
        at_g += 1;
    }
    hash
}

/// Hashes an optional grant.
const fn rule(hash: u64, rule: Option<Grant>) -> u64 {
    match rule {
        Some(one) => grant(name(hash, "some"), one),
        None => name(hash, "none"),
    }
}

/// The digest of every table the decisions read: [`POLICY_FINGERPRINT`], the same
/// walk at run time (for a test that checks the constant).
///
/// ```
/// # #[cfg(feature = "serde")]
/// assert_eq!(itam_rbac::audit::tables_digest(), itam_rbac::POLICY_FINGERPRINT);
/// ```
#[must_use]
pub const fn tables_digest() -> u64 {
    let hash = name(FNV_OFFSET, "itam-rbac policy tables 1");
    let hash = role_graph(hash);
    let hash = task_matrix(hash);
    let hash = task_workflow(hash);
    let hash = asset_life_cycle(hash);
    record_tables(hash)
}

/// Each role, by name, with the roles it reaches and whether it is an ITAM role.
const fn role_graph(hash: u64) -> u64 {
    let mut hash = name(hash, "roles");
    let mut at_r = 0;
    while let Some(&role) = slot(Role::ALL, at_r) {
        hash = roles(name(hash, role.name()), role.effective());
        hash = flag(hash, role.is_itam());
        at_r += 1;
    }
    hash
}

/// Every cell of the task matrix.
const fn task_matrix(hash: u64) -> u64 {
    let mut hash = name(hash, "task matrix");
    let mut at_k = 0;
    while let Some(&kind) = slot(TaskKind::ALL, at_k) {
        let mut at_a = 0;
        while let Some(&action) = slot(Action::ALL, at_a) {
            let cell = matrix::cell(kind, action);
            hash = name(name(hash, kind.name()), action.name());
            hash = grants(hash, Some(cell.grants()));
            hash = flag(hash, cell.is_open_only());
            at_a += 1;
        }
        at_k += 1;
    }
    let mut at_s = 0;
    while let Some(&state) = slot(TaskState::ALL, at_s) {
        hash = flag(name(hash, state.name()), state.is_terminal());
        at_s += 1;
    }
    hash
}

/// The task workflow: its machine, and by kind its grants, approval policy,
/// performer and editable fields.
const fn task_workflow(hash: u64) -> u64 {
    let mut hash = name(hash, "task workflow");
    let mut at_e = 0;
    while let Some(&(from, event, to)) = slot(workflow::EDGES, at_e) {
        hash = name(name(name(hash, from.name()), event.name()), to.name());
        at_e += 1;
    }
    let mut at_k = 0;
    while let Some(&kind) = slot(TaskKind::ALL, at_k) {
        hash = name(hash, kind.name());
        let mut at_v = 0;
        while let Some(&event) = slot(TaskEvent::ALL, at_v) {
            hash = grants(name(hash, event.name()), workflow::grants(kind, event));
            at_v += 1;
        }
        hash = name(hash, workflow::approval_policy(kind).name());
        hash = name(hash, workflow::performer(kind).name());
        let mut at_s = 0;
        while let Some(&state) = slot(TaskState::ALL, at_s) {
            let fields = workflow::editable_fields(kind, state);
            hash = number(name(hash, state.name()), fields.bits() as u64);
            at_s += 1;
        }
        at_k += 1;
    }
    hash
}

/// Hashes an asset state by its qualified name.
const fn asset_state(hash: u64, state: AssetState) -> u64 {
    name(hash, state.qualified())
}

/// Hashes an effect of the life cycle's table.
const fn effect(hash: u64, effect: Effect) -> u64 {
    match effect {
        Effect::Keep => name(hash, "keep"),
        Effect::Create(state) => asset_state(name(hash, "create"), state),
        Effect::Suspend(suspension) => {
            let hash = name(name(hash, "suspend"), suspension.name());
            // What the suspension makes of each state it resumes to.
            let mut at_r = 0;
            let mut hash = hash;
            while let Some(&from) = slot(AssetState::ALL, at_r) {
                if let Some(resume) = lifecycle::Resume::of(from) {
                    hash = match Suspension::apply(suspension, resume) {
                        Some(to) => asset_state(asset_state(hash, from), to),
                        None => name(asset_state(hash, from), "none"),
                    };
                }
                at_r += 1;
            }
            hash
        }
        Effect::Restore => name(hash, "restore"),
        Effect::To(state) => asset_state(name(hash, "to"), state),
        Effect::Remove => name(hash, "remove"),
    }
}

/// The asset life cycle: the states, the events, by kind the table's row and
/// creation, and the manual moves.
const fn asset_life_cycle(hash: u64) -> u64 {
    let mut hash = name(hash, "asset life cycle");
    let mut at_s = 0;
    while let Some(&state) = slot(AssetState::ALL, at_s) {
        hash = asset_state(hash, state);
        hash = flag(hash, state.is_terminal());
        hash = flag(hash, state.is_suspended());
        hash = match state.resume() {
            Some(resume) => asset_state(name(hash, "resumes"), resume.state()),
            None => name(hash, "none"),
        };
        at_s += 1;
    }
    let mut at_e = 0;
    while let Some(&event) = slot(AssetEvent::ALL, at_e) {
        hash = name(hash, event.qualified());
        at_e += 1;
    }
    let mut at_k = 0;
    while let Some(&kind) = slot(TaskKind::ALL, at_k) {
        let row = lifecycle::row(kind);
        hash = name(hash, kind.name());
        let mut at_a = 0;
        while let Some(&state) = slot(row.accepts, at_a) {
            hash = asset_state(hash, state);
            at_a += 1;
        }
        hash = flag(hash, row.takes_not_found);
        hash = flag(hash, row.needs_permanent_location);
        hash = effect(hash, row.on_add);
        hash = effect(hash, row.on_start);
        let mut at_c = 0;
        while let Some(&(outcome, then)) = slot(row.on_complete, at_c) {
            hash = effect(name(hash, outcome.name()), then);
            at_c += 1;
        }
        hash = effect(hash, row.on_cancel);
        hash = match lifecycle::create(kind) {
            Ok(state) => asset_state(name(hash, "creates"), state),
            Err(_) => name(hash, "creates nothing"),
        };
        at_k += 1;
    }
    let mut at_m = 0;
    while let Some(&action) = slot(ManualMove::ALL, at_m) {
        hash = name(hash, action.name());
        hash = asset_state(asset_state(hash, action.from()), action.to());
        hash = match action.role() {
            Some(role) => name(hash, role.name()),
            None => name(hash, "system"),
        };
        at_m += 1;
    }
    hash
}

/// One record kind's tables (`const fn` cannot be generic over a trait's methods
/// on Rust 1.81, so a macro expands the walk a kind).
macro_rules! record_kind {
    ($hash:expr, $state:ty) => {{
        let mut hash = name($hash, <$state as RecordState>::KIND.name());
        hash = name(hash, <$state as RecordState>::APPROVAL.name());
        let states = <$state as RecordState>::STATES;
        let mut at_s = 0;
        while let Some(&state) = slot(states, at_s) {
            hash = name(hash, state.name());
            let mut at_a = 0;
            while let Some(&action) = slot(Action::ALL, at_a) {
                hash = rule(name(hash, action.name()), state.table_rule(action));
                at_a += 1;
            }
            at_s += 1;
        }
        let lists: [&[$state]; 3] = [
            <$state as RecordState>::INITIAL,
            <$state as RecordState>::TERMINAL,
            <$state as RecordState>::FROZEN,
        ];
        let mut at_l = 0;
        while let Some(list) = slot(&lists, at_l) {
            hash = number(hash, list.len() as u64);
            let mut at_s = 0;
            while let Some(&state) = slot(list, at_s) {
                hash = name(hash, state.name());
                at_s += 1;
            }
            at_l += 1;
        }
        let edges = <$state as RecordState>::EDGES;
        let mut at_e = 0;
        while let Some(&(from, event, to)) = slot(edges, at_e) {
            hash = name(name(name(hash, from.name()), event.name()), to.name());
            at_e += 1;
        }
        let events = <$state as RecordState>::EVENTS;
        let mut at_e = 0;
        while let Some(&(event, one)) = slot(events, at_e) {
            hash = grant(name(hash, event.name()), one);
            at_e += 1;
        }
        hash
    }};
}

/// Every record kind's tables.
const fn record_tables(hash: u64) -> u64 {
    let mut hash = name(hash, "records");
    let mut at_k = 0;
    while let Some(&kind) = slot(RecordKind::ALL, at_k) {
        hash = with_record_kind!(kind, |S| record_kind!(hash, S));
        at_k += 1;
    }
    let mut at_k = 0;
    while let Some(&kind) = slot(RecordKind::ALL, at_k) {
        let mut at_e = 0;
        while let Some(&event) = slot(RecordEvent::ALL, at_e) {
            let needs = records::needs_document(kind, event);
            hash = flag(name(name(hash, kind.name()), event.name()), needs);
            at_e += 1;
        }
        at_k += 1;
    }
    let mut at_s = 0;
    while let Some(&state) = slot(NomenclatureState::ALL, at_s) {
        hash = name(hash, state.name());
        hash = flag(hash, records::admits_registration(state));
        hash = flag(hash, records::admits_demand_items(state));
        at_s += 1;
    }
    hash
}
