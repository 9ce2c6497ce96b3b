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
//! It is a constant: the space is rendered as text, which cannot be done while the
//! crate compiles, so the value is pinned here and `tests/fingerprint.rs` walks the
//! whole decision space at run time, hashes it and compares. Any change of a
//! decision fails that test until this constant, [`POLICY_REVISION`] and the
//! CHANGELOG's line for the revision are updated together (a golden test pins all
//! three, and the checked-in dump `tests/decision_space.txt` shows which decisions
//! changed).
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
/// A constant, since the space cannot be rendered while the crate compiles:
/// `tests/fingerprint.rs` walks the whole space at run time and compares, and pins
/// it with [`POLICY_REVISION`] and the CHANGELOG entry.
pub const POLICY_FINGERPRINT: u64 = 0xe502_6b9a_3dd1_a4e4;
