//! The whole decision space as canonical text: [`decision_space`] and its digest,
//! [`decision_space_digest`].
//!
//! Every decision function of the crate is asked every question it can be asked
//! (the role dimension reduced to the empty set, each role and each pair of roles),
//! and the answers are written one line a context, compressed by rules a parser can
//! undo. The dump is written only through the public decision functions, so it is a
//! black-box view: two versions of the crate that print the same dump decide the
//! same.

mod boxes;
mod domains;
mod questions;

use core::fmt::{self, Write};

use crate::fingerprint::{fnv1a, FNV_OFFSET};
use crate::lifecycle::AssetFlags;
use crate::workflow::{Relations, TaskFields};
use crate::Role;
use questions::{ASSIGNEE, CREATOR, SUBMITTER, WORKFLOW_CREATOR};

/// How many roles there are.
const ROLES: usize = Role::ALL.len();

/// How many role sets the dump asks about: the empty set, each role, each pair.
const SETS: usize = 1 + ROLES + ROLES * (ROLES - 1) / 2;

/// The most dimensions a line has: the two person dimensions and one a flag of an
/// 8-bit flag set ([`Relations`] and [`AssetFlags`] are `u8`).
const MAX_DIMS: usize = 3 + 8;

/// The most contexts one (domain, target, verb, state) has: the most of the
/// workflow's (a person and every combination of the relations), the records' (a
/// person, the document, all approved) and the asset flags'.
const CONTEXTS: usize = max(
    max(
        (ASSIGNEE.values.len() * WORKFLOW_CREATOR.values.len() * SUBMITTER.values.len())
            << Relations::all().bits().count_ones(),
        ASSIGNEE.values.len() * CREATOR.values.len() * SUBMITTER.values.len() * 2 * 2,
    ),
    1 << AssetFlags::all().bits().count_ones(),
);

/// The larger of `a` and `b`.
const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The most distinct answers (each over the 232 role sets) one (domain, target,
/// verb, state) keeps to grow its boxes: 8 at most today. Past it, that key's
/// lines are written one a context (exact still, only longer).
const ROWS: usize = 32;

/// The most distinct outcomes one (domain, target, verb, state) keeps; past it,
/// too, its lines are written one a context.
const OUTCOMES: usize = 255;

/// The acting user's id, and another user's.
const ME: u8 = 1;
const OTHER: u8 = 2;

// The `task_edit` outcome is a bit a subset of the task fields, in a `u64`.
const _: () = assert!(TaskFields::all().bits().count_ones() <= 6,);

/// Writes the whole decision space of the crate to `out`: every decision function
/// asked every question, in a canonical, line-oriented text.
///
/// Nothing is allocated: the render uses fixed arrays (about 20 KiB of stack) and
/// writes straight into `out`. It fails only when `out` does, and `out` may stop it
/// early by failing. It asks about 110 million questions, most of them of
/// [`workflow::validate`](crate::workflow::validate): some fifteen seconds in a
/// debug build, far less in a release build.
///
/// The dump is written only through the public decision functions, so two versions
/// of the crate that write the same dump decide the same. Its FNV-1a digest is
/// [`decision_space_digest`].
///
#[doc = include_str!("../../../docs/decision-space-format.md")]
///
/// # Errors
///
/// The error of `out`, if it fails.
pub fn decision_space(out: &mut impl Write) -> fmt::Result {
    domains::render(out)
}

/// FNV-1a (64 bits) of the exact bytes [`decision_space`] writes: it changes when
/// any decision changes (or the format does). `tests/fingerprint.rs` pins it by
/// policy revision; builds before issue 20 carried it as
/// [`POLICY_FINGERPRINT`](crate::POLICY_FINGERPRINT), which is now hashed from the
/// tables while the crate compiles.
///
/// ```no_run
/// // A debug build renders for some fifteen seconds.
/// let digest = itam_rbac::report::decision_space_digest();
/// assert_ne!(digest, 0);
/// ```
#[must_use]
pub fn decision_space_digest() -> u64 {
    let mut hasher = Fnv1a(FNV_OFFSET);
    // The hasher never fails, and the render fails only when its writer does.
    let _infallible = domains::render(&mut hasher);
    hasher.0
}

/// A `fmt::Write` that hashes what is written (FNV-1a, 64 bits) and keeps nothing.
struct Fnv1a(u64);

impl Write for Fnv1a {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = fnv1a(self.0, s.as_bytes());
        Ok(())
    }
}
