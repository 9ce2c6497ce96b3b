//! The crate's error types.
//!
//! Every error names what was wrong: [`ParseError`] the vocabulary and the rejected
//! text, [`Denied`](crate::Denied) the cell of the matrix and the clause the user
//! missed. None of them allocates, so they work without `std` or `alloc`.
//!
//! ```
//! use itam_rbac::Role;
//!
//! let err = "ITAM_AGENT".parse::<Role>().unwrap_err();
//! assert_eq!(err.what(), "role");
//! assert_eq!(err.input(), "ITAM_AGENT");
//! assert_eq!(err.suggestion(), Some("itam_agent"));
//! assert_eq!(
//!     err.to_string(),
//!     r#"unknown role name "ITAM_AGENT" (did you mean "itam_agent"?)"#
//! );
//! ```

use core::fmt;

/// How many bytes of a rejected name a [`ParseError`] keeps; longer input is cut at
/// a character boundary and marked as truncated.
pub const REJECTED_CAPACITY: usize = 64;

/// A name that is not in a vocabulary (a role, an action, a task kind, ...).
///
/// Parsing is exact: no trimming, no case folding. The error keeps the rejected text
/// (up to [`REJECTED_CAPACITY`] bytes) and, when the input differs from a system name
/// only in case or surrounding white space, that name as a suggestion. It never
/// allocates.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParseError {
    what: &'static str,
    buf: [u8; REJECTED_CAPACITY],
    len: u8,
    truncated: bool,
    suggestion: Option<&'static str>,
}

impl ParseError {
    /// Records that `input` is not one of `names`, the system names of the
    /// vocabulary `what`.
    pub(crate) fn new(what: &'static str, input: &str, names: &[&'static str]) -> Self {
        let mut cut = input.len().min(REJECTED_CAPACITY);
        while !input.is_char_boundary(cut) {
            cut -= 1;
        }
        let kept = input.as_bytes().get(..cut).unwrap_or_default();
        let mut buf = [0_u8; REJECTED_CAPACITY];
        if let Some(dst) = buf.get_mut(..kept.len()) {
            dst.copy_from_slice(kept);
        }
        let trimmed = input.trim();
        Self {
            what,
            buf,
            len: u8::try_from(kept.len()).unwrap_or(0),
            truncated: cut < input.len(),
            suggestion: names
                .iter()
                .copied()
                .find(|n| n.eq_ignore_ascii_case(trimmed)),
        }
    }

    /// The vocabulary the name was looked up in: `"role"`, `"action"`, `"task kind"`, ...
    #[must_use]
    pub const fn what(&self) -> &'static str {
        self.what
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

    /// The system name the input matches once case and surrounding white space are
    /// ignored, if any. The input is still rejected: hosts must send exact names.
    #[must_use]
    pub const fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} name {:?}", self.what, self.input())?;
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
            .field("suggestion", &self.suggestion)
            .finish_non_exhaustive()
    }
}

impl core::error::Error for ParseError {}
