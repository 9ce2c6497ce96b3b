//! The crate's error types.
//!
//! Every error names what was wrong: [`ParseError`] the vocabulary and the rejected
//! text, [`Denied`](crate::Denied) the cell of the matrix and the clause the user
//! missed. None of them allocates, so they work without `std` or `alloc`.
//!
//! ```
//! use itam_rbac::{Role, TaskState};
//!
//! let err = "ITAM_AGENT".parse::<Role>().unwrap_err();
//! assert_eq!(err.what(), "role");
//! assert_eq!(err.input(), "ITAM_AGENT");
//! assert_eq!(err.suggestion(), Some("itam_agent"));
//! assert_eq!(
//!     err.to_string(),
//!     r#"unknown role name "ITAM_AGENT" (did you mean "itam_agent"?)"#
//! );
//!
//! // A typo gets the nearest name too; the input is still rejected.
//! let err = "in_progres".parse::<TaskState>().unwrap_err();
//! assert_eq!(err.suggestion(), Some("in_progress"));
//! ```

use core::fmt;

use crate::accessors::accessors;

/// How many bytes of a rejected name a [`ParseError`] keeps; longer input is cut at
/// a character boundary and marked as truncated.
pub const REJECTED_CAPACITY: usize = 64;

/// A name that is not in a vocabulary (a role, an action, a task kind, ...), or a
/// name given twice in a list of roles.
///
/// Parsing is exact: no trimming, no case folding, no correction. The error keeps the
/// rejected text (up to [`REJECTED_CAPACITY`] bytes) and, when a system name is near
/// it, that name as a [suggestion](Self::suggestion). It never allocates.
///
/// A role list ([`Roles::from_names`](crate::Roles::from_names), `Roles`'s
/// `FromStr` and serde) that names a role twice fails with an error whose
/// [`is_duplicate`](Self::is_duplicate) is true: `duplicate role name "itam_agent"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParseError {
    what: &'static str,
    buf: [u8; REJECTED_CAPACITY],
    len: u8,
    truncated: bool,
    duplicate: bool,
    suggestion: Option<&'static str>,
}

impl ParseError {
    /// Records that `input` is not one of `names`, the system names of the
    /// vocabulary `what`, and looks for the nearest of them to suggest (see
    /// [`suggestion`](Self::suggestion)).
    ///
    /// The crate's parsers build their errors with it; a host can too, for a
    /// vocabulary of its own, and get the same message and suggestion.
    ///
    /// ```
    /// use itam_rbac::ParseError;
    ///
    /// let err = ParseError::new("flag", "asigned", &["assigned"]);
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"unknown flag name "asigned" (did you mean "assigned"?)"#
    /// );
    /// ```
    #[must_use]
    pub fn new(what: &'static str, input: &str, names: &[&'static str]) -> Self {
        let mut error = Self::keeping(what, input);
        error.suggestion = nearest(error.input(), names);
        error
    }

    /// Records that the name `input` of the vocabulary `what` came twice in a list.
    pub(crate) fn duplicate(what: &'static str, input: &str) -> Self {
        Self {
            duplicate: true,
            ..Self::keeping(what, input)
        }
    }

    /// The error for `input` with no suggestion: keeps the first
    /// [`REJECTED_CAPACITY`] bytes of it, cut at a character boundary.
    fn keeping(what: &'static str, input: &str) -> Self {
        let mut cut = input.len().min(REJECTED_CAPACITY);
        while !input.is_char_boundary(cut) {
            cut -= 1;
        }
        let kept = input.as_bytes().get(..cut).unwrap_or_default();
        let mut buf = [0_u8; REJECTED_CAPACITY];
        if let Some(dst) = buf.get_mut(..kept.len()) {
            dst.copy_from_slice(kept);
        }
        Self {
            what,
            buf,
            len: u8::try_from(kept.len()).unwrap_or(0),
            truncated: cut < input.len(),
            duplicate: false,
            suggestion: None,
        }
    }

    accessors! {
        /// The vocabulary the name was looked up in: `"role"`, `"action"`, `"task kind"`, ...
        what -> &'static str;
        /// The system name nearest to the input, if one is near enough. The input is
        /// still rejected: hosts must send exact names.
        ///
        /// The rule: the [kept input](Self::input), with surrounding white space trimmed,
        /// is compared with every system name of the vocabulary, ASCII letters lowered in
        /// both, by the optimal-string-alignment distance in characters (the Damerau-Levenshtein
        /// distance where no part is edited twice): the fewest insertions, deletions and
        /// substitutions of one character and swaps of two adjacent ones that turn one
        /// into the other. A name is near when that distance is at most a quarter of the
        /// name's length, and at least 1: 1 edit for names of up to 7 characters, 2 for 8
        /// to 11, 6 for `itam_operation_specialist`. The suggestion is the near name at
        /// the smallest distance; of names at the same distance, the first in the
        /// vocabulary's declaration order (its `NAMES`). No name near, no suggestion.
        /// A name that differs only in case or surrounding white space is at distance 0.
        suggestion -> Option<&'static str>;
    }

    /// The rejected text, cut to [`REJECTED_CAPACITY`] bytes if it was longer.
    #[must_use]
    pub fn input(&self) -> &str {
        let kept = self.buf.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(kept).unwrap_or_default()
    }

    /// Whether [`input`](Self::input) is only the start of what was rejected.
    #[must_use]
    pub const fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// Whether the name is a known one that a list gave twice (`duplicate role
    /// name "itam_agent"`), rather than an unknown name.
    #[must_use]
    pub const fn is_duplicate(&self) -> bool {
        self.duplicate
    }
}

/// The most edits a typo of a name of `length` characters may have for the name to
/// be suggested: a quarter of its length, at least one.
const fn max_edits(length: usize) -> usize {
    let quarter = length / 4;
    if quarter > 1 {
        quarter
    } else {
        1
    }
}

/// One row of the distance table: one cell more than the longest kept input.
const ROW: usize = REJECTED_CAPACITY + 1;

/// The name of `names` nearest to `input`, by the rule of [`ParseError::suggestion`].
fn nearest(input: &str, names: &[&'static str]) -> Option<&'static str> {
    // The kept input is at most REJECTED_CAPACITY bytes, so at most that many chars.
    let mut folded = ['\0'; REJECTED_CAPACITY];
    let mut len = 0;
    for (slot, c) in folded.iter_mut().zip(input.trim().chars()) {
        *slot = c.to_ascii_lowercase();
        len += 1;
    }
    let folded = folded.get(..len).unwrap_or_default();
    let mut best: Option<(&'static str, usize)> = None;
    for &name in names {
        let length = name.chars().count();
        let limit = max_edits(length);
        // Each edit changes the length by at most one.
        if length.abs_diff(folded.len()) > limit {
            continue;
        }
        let distance = distance(folded, name);
        let nearer = match best {
            Some((_, smallest)) => distance < smallest,
            None => true,
        };
        if distance <= limit && nearer {
            best = Some((name, distance));
        }
    }
    best.map(|(name, _)| name)
}

/// The optimal-string-alignment distance, in characters, between `input` (at most
/// [`REJECTED_CAPACITY`] characters, ASCII letters lowered; any more are not
/// compared) and `name`, its ASCII letters lowered here: the
/// table of the Damerau-Levenshtein recurrence without repeated edits, a row a
/// character of the name, kept three rows at a time on the stack.
fn distance(input: &[char], name: &str) -> usize {
    let input = input
        .get(..input.len().min(REJECTED_CAPACITY))
        .unwrap_or_default();
    // Rows i - 2, i - 1 and i of the table: cell j compares the first i characters
    // of the name with the first j of the input.
    let mut before = [0_usize; ROW];
    let mut last = [0_usize; ROW];
    let mut row = [0_usize; ROW];
    for (j, cell) in last.iter_mut().enumerate() {
        *cell = j;
    }
    let cell = |table: &[usize; ROW], at: usize| table.get(at).copied().unwrap_or(usize::MAX);
    let mut previous_of_name = None;
    for (i, b) in name.chars().map(|c| c.to_ascii_lowercase()).enumerate() {
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        let mut previous_of_input = None;
        for (j, &a) in input.iter().enumerate() {
            let substitute = cell(&last, j).saturating_add(usize::from(a != b));
            let delete = cell(&last, j + 1).saturating_add(1);
            let insert = cell(&row, j).saturating_add(1);
            let mut best = substitute.min(delete).min(insert);
            // The last two characters of each are the same two, swapped.
            if previous_of_input == Some(b) && previous_of_name == Some(a) {
                if let Some(swapped) = j.checked_sub(1).map(|k| cell(&before, k)) {
                    best = best.min(swapped.saturating_add(1));
                }
            }
            if let Some(slot) = row.get_mut(j + 1) {
                *slot = best;
            }
            previous_of_input = Some(a);
        }
        before = last;
        last = row;
        previous_of_name = Some(b);
    }
    last.get(input.len()).copied().unwrap_or(usize::MAX)
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = if self.duplicate {
            "duplicate"
        } else {
            "unknown"
        };
        write!(f, "{problem} {} name {:?}", self.what, self.input())?;
        if self.truncated {
            f.write_str(" (truncated)")?;
        }
        if let Some(name) = self.suggestion {
            write!(f, " (did you mean {name:?}?)")?;
        }
        Ok(())
    }
}

/// Shows the kept input as text rather than the raw buffer and its length.
impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseError")
            .field("what", &self.what)
            .field("input", &self.input())
            .field("truncated", &self.truncated)
            .field("duplicate", &self.duplicate)
            .field("suggestion", &self.suggestion)
            .finish_non_exhaustive()
    }
}

impl core::error::Error for ParseError {}
