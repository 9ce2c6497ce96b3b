//! The policy's revision and fingerprint, pinned together.
//!
//! `POLICY_FINGERPRINT` is computed while the crate compiles from the tables the
//! decisions read (src/fingerprint.rs); the decision-space dump, which also sees the
//! code between the tables, has its own digest, pinned here with the revision. The
//! golden table below pins every revision with its fingerprints, and CHANGELOG.md
//! must name the current pair. A change of any decision therefore fails until all
//! of these move together:
//!
//! 1. `UPDATE_DECISION_SPACE=1 cargo test --test decision_space`, and review the
//!    diff of `tests/decision_space.txt` (`cargo run --release --example policy_diff
//!    -- <old dump>` groups it by rule);
//! 2. bump `POLICY_REVISION` (src/fingerprint.rs; `POLICY_FINGERPRINT` follows the
//!    tables by itself), append the new pair to [`REVISIONS`], and the new dump's
//!    digest to [`DUMP_DIGESTS`];
//! 3. add a **policy** entry to CHANGELOG.md naming "policy revision N,
//!    fingerprint 0x…".
#![allow(clippy::panic, reason = "tests")]

#[cfg(feature = "serde")]
use itam_rbac::audit::{decides_as_this_build, EARLIER_FINGERPRINTS};
use itam_rbac::{report, POLICY_FINGERPRINT, POLICY_REVISION};

/// Every revision of the policy with its fingerprint, oldest first: the
/// fingerprints of the earlier format (the dump's digest) first, then those hashed
/// from the tables. Never edit a row: append one.
const REVISIONS: &[(u32, u64)] = &[
    // The policy before the readings of 2026-11-23 (commit 04901be): dump digest.
    (1, 0xf2e3_532e_3d7e_7e8a),
    // Policy revision 2: inventory updates close with the task; submitter four
    // eyes; the narrower readers and the assigned purchase manager: dump digest.
    (2, 0xe502_6b9a_3dd1_a4e4),
    // Policy revision 2, the same decisions, fingerprint hashed from the tables
    // (issue 20).
    (2, 0xddca_c878_42df_a73a),
];

/// The digest of the rendered decision space, by revision.
const DUMP_DIGESTS: &[(u32, u64)] = &[(1, 0xf2e3_532e_3d7e_7e8a), (2, 0xe502_6b9a_3dd1_a4e4)];

#[test]
fn the_decision_space_digest_is_pinned_with_the_revision() {
    let walked = report::decision_space_digest();
    assert_eq!(
        DUMP_DIGESTS.last().copied(),
        Some((POLICY_REVISION, walked)),
        "the decision space now hashes to {walked:#018x}, not the pinned digest of \
         revision {POLICY_REVISION}: some decision changed. If deliberate, follow the \
         steps in tests/decision_space/fingerprint.rs"
    );
}

#[test]
#[cfg(feature = "serde")]
fn the_fingerprint_is_the_walk_over_the_tables() {
    // The same walk, at run time: `const fn`s run in a test too.
    assert_eq!(itam_rbac::audit::tables_digest(), POLICY_FINGERPRINT);
    // And it is not the dump's digest (another format), nor any earlier value.
    assert!(EARLIER_FINGERPRINTS
        .iter()
        .all(|&(_, earlier)| earlier != POLICY_FINGERPRINT));
}

#[test]
#[cfg(feature = "serde")]
fn the_current_revision_is_the_last_pinned_one() {
    assert_eq!(
        REVISIONS.last().copied(),
        Some((POLICY_REVISION, POLICY_FINGERPRINT)),
        "POLICY_REVISION and POLICY_FINGERPRINT must be the last row of REVISIONS"
    );
    // The crate's own list of earlier pairs is the golden table before the last row.
    assert_eq!(
        Some(EARLIER_FINGERPRINTS),
        REVISIONS.get(..REVISIONS.len() - 1)
    );
}

#[test]
fn revisions_never_go_back_and_every_fingerprint_is_new() {
    for (index, pair) in REVISIONS.windows(2).enumerate() {
        if let [(older, _), (newer, new_print)] = pair {
            assert!(
                *newer == *older || *newer == older + 1,
                "row {}: revisions count up by one (a row may repeat a revision in a new format)",
                index + 1
            );
            assert!(
                REVISIONS
                    .iter()
                    .take(index + 1)
                    .all(|(_, seen)| seen != new_print),
                "revision {newer} reuses an older fingerprint"
            );
        }
    }
    assert_eq!(REVISIONS.first().map(|&(revision, _)| revision), Some(1));
}

#[test]
#[cfg(feature = "serde")]
fn the_reader_reads_this_revision_only() {
    for &(revision, fingerprint) in REVISIONS {
        assert_eq!(
            decides_as_this_build(revision, fingerprint),
            revision == POLICY_REVISION,
            "({revision}, {fingerprint:#018x})"
        );
    }
    assert!(!decides_as_this_build(POLICY_REVISION, 0));
    assert!(!decides_as_this_build(
        POLICY_REVISION + 1,
        POLICY_FINGERPRINT
    ));
    assert!(!decides_as_this_build(0, POLICY_FINGERPRINT));
}

#[test]
fn the_changelog_names_the_current_revision_and_fingerprint() {
    let changelog = include_str!("../../CHANGELOG.md");
    let line = format!("policy revision {POLICY_REVISION}, fingerprint {POLICY_FINGERPRINT:#018x}");
    assert!(
        changelog.contains(&line),
        "CHANGELOG.md must say \"{line}\" in the entry of the policy change"
    );
}
