//! The policy's revision and fingerprint, pinned together.
//!
//! `POLICY_FINGERPRINT` is recomputed here by walking the whole decision space at
//! run time (`report::decision_space_digest`); the golden table below pins every
//! revision with its fingerprint, and CHANGELOG.md must name the current pair. A
//! change of any decision therefore fails until all of these move together:
//!
//! 1. `UPDATE_DECISION_SPACE=1 cargo test --test decision_space`, and review the
//!    diff of `tests/decision_space.txt` (`cargo run --release --example policy_diff
//!    -- <old dump>` groups it by rule);
//! 2. bump `POLICY_REVISION` (src/fingerprint.rs; `POLICY_FINGERPRINT` follows the
//!    new dump by itself, computed while the crate compiles), and append the pair
//!    to [`REVISIONS`];
//! 3. add a **policy** entry to CHANGELOG.md naming "policy revision N,
//!    fingerprint 0x…".
#![allow(clippy::panic, reason = "tests")]

use itam_rbac::{report, POLICY_FINGERPRINT, POLICY_REVISION};

/// Every revision of the policy with its fingerprint, oldest first. Never edit a
/// row: append one.
const REVISIONS: &[(u32, u64)] = &[
    // The policy before the readings of 2026-11-23 (commit 04901be).
    (1, 0xf2e3_532e_3d7e_7e8a),
    // Policy revision 2: inventory updates close with the task; submitter four
    // eyes; the narrower readers and the assigned purchase manager.
    (2, 0xe502_6b9a_3dd1_a4e4),
];

#[test]
fn the_fingerprint_is_the_digest_of_the_whole_decision_space() {
    let walked = report::decision_space_digest();
    assert_eq!(
        walked, POLICY_FINGERPRINT,
        "the decision space now hashes to {walked:#018x}, not POLICY_FINGERPRINT \
         {POLICY_FINGERPRINT:#018x}: some decision changed. If deliberate, follow the \
         steps in tests/fingerprint.rs"
    );
}

#[test]
fn the_current_revision_is_the_last_pinned_one() {
    assert_eq!(
        REVISIONS.last().copied(),
        Some((POLICY_REVISION, POLICY_FINGERPRINT)),
        "POLICY_REVISION and POLICY_FINGERPRINT must be the last row of REVISIONS"
    );
}

#[test]
fn revisions_count_up_by_one_and_every_fingerprint_is_new() {
    for (index, pair) in REVISIONS.windows(2).enumerate() {
        if let [(older, old_print), (newer, new_print)] = pair {
            assert_eq!(
                *newer,
                older + 1,
                "row {}: revisions count up by one",
                index + 1
            );
            assert!(
                REVISIONS
                    .iter()
                    .take(index + 1)
                    .all(|(_, seen)| seen != new_print),
                "revision {newer} reuses an older fingerprint ({old_print:#018x} before it)"
            );
        }
    }
    assert_eq!(REVISIONS.first().map(|&(revision, _)| revision), Some(1));
}

#[test]
fn the_changelog_names_the_current_revision_and_fingerprint() {
    let changelog = include_str!("../CHANGELOG.md");
    let line = format!("policy revision {POLICY_REVISION}, fingerprint {POLICY_FINGERPRINT:#018x}");
    assert!(
        changelog.contains(&line),
        "CHANGELOG.md must say \"{line}\" in the entry of the policy change"
    );
}
