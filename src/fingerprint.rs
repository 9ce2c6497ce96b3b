//! Which policy decided: [`POLICY_REVISION`] and [`POLICY_FINGERPRINT`], for the
//! host's audit log.
//!
//! The fingerprint is the FNV-1a (64 bits) digest of the whole decision space
//! ([`report::decision_space`](crate::report::decision_space): every task action,
//! workflow event, record action and event, asset transition and manual or system
//! move, for every role set and person relation, as role sets allowed). So it
//! changes exactly when some decision changes, whichever table the change was made
//! in, and it is the same on every build and platform.
//!
//! It is computed while the crate compiles, by a `const fn`, from the checked-in
//! dump of the whole decision space, `tests/decision_space.txt`: the decisions of
//! every table, rendered. Rendering the space itself takes the decision functions,
//! which are not `const`, so the compiler hashes the file instead, and the tests
//! hold the file to the code: `tests/decision_space.rs` renders the space at run
//! time and compares it with the file byte for byte, and `tests/fingerprint.rs`
//! walks the whole decision space at run time, hashes it and compares with this
//! constant. A golden test there pins every revision with its fingerprint, and
//! CHANGELOG.md must name the current pair: a change of any decision fails until
//! the dump, [`POLICY_REVISION`] and the CHANGELOG's line for the revision are
//! updated together (the fingerprint follows the dump by itself).
//!
//! ```
//! use itam_rbac::{POLICY_FINGERPRINT, POLICY_REVISION};
//!
//! // What a host writes beside each decision it logs.
//! let stamp = format!("policy {POLICY_REVISION} {POLICY_FINGERPRINT:#018x}");
//! assert_eq!(stamp, "policy 2 0xe5026b9a3dd1a4e4");
//! ```

/// The revision of the policy: bumped whenever a change of who may do what lands,
/// with a **policy** entry in CHANGELOG.md. Revision 1 is the policy before
/// 2026-11-23's readings; revision 2 adds them (CHANGELOG, "policy revision 2").
pub const POLICY_REVISION: u32 = 2;

/// The policy's fingerprint: FNV-1a 64 of the whole decision space as
/// [`report::decision_space`](crate::report::decision_space) renders it, so it
/// changes exactly when some decision changes; `0xf2e3532e3d7e7e8a` for revision 1.
/// Computed while the crate compiles from the checked-in rendering,
/// `tests/decision_space.txt`; `tests/fingerprint.rs` walks the whole space at run
/// time and compares, and pins it with [`POLICY_REVISION`] and the CHANGELOG entry.
pub const POLICY_FINGERPRINT: u64 = crate::report::space::fnv1a(
    crate::report::space::FNV_OFFSET,
    include_bytes!("../tests/decision_space.txt"),
);
