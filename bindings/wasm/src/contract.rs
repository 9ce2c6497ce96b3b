//! The package's input contract, written once: what every export accepts from
//! JavaScript, and the `TypeError` text for everything else. Plain Rust over what
//! the reader ([`crate::input`]) saw in each place of an argument ([`Seen`]), so
//! that `cargo test` checks it natively and cargo-mutants can mutate it.
//!
//! - An argument or field of the wrong type is an error naming it and what was
//!   expected, never a default (a number read as "nobody" would let four eyes pass).
//! - Objects are plain objects (their prototype `Object.prototype` or `null`); only
//!   their own properties are read, so `Object.prototype.assignee = 'k'` counts for
//!   nothing; an own key the export does not know is refused with the nearest known
//!   key (`assignedTo` → `assignee`), never dropped.
//! - A user id is a non-empty, well-formed string (no lone surrogate) of at most
//!   [`MAX_TEXT`] UTF-16 units, or a safe integer, which is the id whose text is its
//!   decimal form: `7` and `"7"` are one person, `"07"` another.
//! - `null` and `undefined` (and an absent key) are "nobody" / "no" where a field is
//!   optional; `""` is not an id.

use core::fmt;
use core::str::FromStr;

use itam_rbac::ParseError;

/// The longest string read, in UTF-16 units: ids, names and column names alike. A
/// longer one is refused before it is copied into the module's memory.
pub const MAX_TEXT: u32 = 1024;

/// The most elements of a list of names read (roles, relations, fields): more
/// than every name twice.
pub const MAX_LIST: u32 = 64;

/// The most tasks or records a matcher takes in one call.
pub const MAX_BATCH: u32 = 1 << 24;

/// What the reader saw in one place of a JavaScript argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    /// `undefined`, or a key the object does not own.
    Absent,
    /// `null`.
    Null,
    /// A string of at most [`MAX_TEXT`] units, well-formed.
    Text(String),
    /// A string of more than [`MAX_TEXT`] units (not copied).
    LongText,
    /// A string with a lone surrogate.
    IllFormed,
    /// A hole of an array: an index the array does not own (never read through
    /// the prototype, where `Array.prototype[i]` may have been set).
    Hole,
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// Anything else, by its `typeof` (`"array"` for an array).
    Other(String),
}

impl fmt::Display for Seen {
    /// How an error names what it got.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Seen::Absent => f.write_str("undefined"),
            Seen::Null => f.write_str("null"),
            Seen::Text(text) if text.is_empty() => f.write_str("the empty string"),
            Seen::Text(text) => {
                let shown: String = text.chars().take(40).collect();
                let cut = if shown.len() < text.len() { "..." } else { "" };
                write!(f, "the string {shown:?}{cut}")
            }
            Seen::LongText => write!(f, "a string longer than {MAX_TEXT} characters"),
            Seen::IllFormed => f.write_str("a string with a lone surrogate"),
            Seen::Hole => f.write_str("a hole (the array has no element there)"),
            Seen::Number(n) => {
                f.write_str("the number ")?;
                write_number(f, *n)
            }
            Seen::Bool(b) => write!(f, "{b}"),
            Seen::Other(kind) => write!(f, "{} {kind}", article(kind)),
        }
    }
}

/// `n` as JavaScript would show it, near enough for an error: integers exactly,
/// fractions to nine places, very large and very small numbers with an exponent.
/// (Written with integers only: Rust's float formatting would add 9 KiB to the
/// gzipped `.wasm`.)
fn write_number(f: &mut fmt::Formatter<'_>, n: f64) -> fmt::Result {
    if n.is_nan() {
        return f.write_str("NaN");
    }
    if n < 0.0 {
        f.write_str("-")?;
    }
    let a = n.abs();
    if a.is_infinite() {
        return f.write_str("Infinity");
    }
    if a == 0.0 {
        // Zero has no exponent: the loops below would never end.
        return f.write_str("0");
    }
    if (1e-6..1e21).contains(&a) {
        return write_plain(f, a);
    }
    // a × 10^-exponent in [1, 10): at most 308 steps down or 324 up for a finite,
    // non-zero a (bounded, so that no change of a step can hang the caller).
    let mut mantissa = a;
    let mut exponent = 0_i32;
    for _ in 0..STEPS {
        if mantissa < 10.0 {
            break;
        }
        mantissa /= 10.0;
        exponent += 1;
    }
    for _ in 0..STEPS {
        if mantissa >= 1.0 {
            break;
        }
        mantissa *= 10.0;
        exponent -= 1;
    }
    write_plain(f, mantissa)?;
    write!(f, "e{exponent:+}")
}

/// More steps of ten than any finite, non-zero `f64` is from [1, 10).
const STEPS: u32 = 340;

/// A non-negative `a` below 10^21: its integer part and up to nine decimals.
fn write_plain(f: &mut fmt::Formatter<'_>, a: f64) -> fmt::Result {
    const SCALE: f64 = 1e9;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a is non-negative and below 10^21, its fraction times 10^9 below 10^9"
    )]
    let (mut whole, mut fraction) = (a.trunc() as u128, ((a - a.trunc()) * SCALE).round() as u64);
    if fraction >= 1_000_000_000 {
        whole += 1;
        fraction = 0;
    }
    write!(f, "{whole}")?;
    if fraction != 0 {
        let digits = format!("{fraction:09}");
        write!(f, ".{}", digits.trim_end_matches('0'))?;
    }
    Ok(())
}

/// "a" or "an" before `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Where in the arguments: an argument (`task`), or one key of it (`task.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The argument's name.
    pub arg: &'static str,
    /// The element of the argument (a list), if the place is in one.
    pub index: Option<u32>,
    /// The key of the argument (or of its element), if the place is one.
    pub key: Option<&'static str>,
}

impl Place {
    /// The argument `arg` itself.
    #[must_use]
    pub const fn arg(arg: &'static str) -> Self {
        Place {
            arg,
            index: None,
            key: None,
        }
    }

    /// Element `index` of the list argument `arg`.
    #[must_use]
    pub const fn item(arg: &'static str, index: u32) -> Self {
        Place {
            arg,
            index: Some(index),
            key: None,
        }
    }

    /// The key `key` of this place.
    #[must_use]
    pub const fn with_key(self, key: &'static str) -> Self {
        Place {
            key: Some(key),
            ..self
        }
    }

    /// The key `key` of the argument `arg`.
    #[must_use]
    pub const fn key(arg: &'static str, key: &'static str) -> Self {
        Place {
            arg,
            index: None,
            key: Some(key),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.arg)?;
        if let Some(index) = self.index {
            write!(f, "[{index}]")?;
        }
        if let Some(key) = self.key {
            write!(f, ".{key}")?;
        }
        Ok(())
    }
}

/// What was wrong with an argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A value of the wrong type (or an empty, too long or ill-formed string, or a
    /// number that is not a safe integer, where an id belongs).
    Expected {
        /// What the place takes.
        expected: &'static str,
        /// What it got.
        got: Seen,
    },
    /// A string that is not one of the vocabulary's names.
    Name(ParseError),
    /// An own key the export does not read.
    UnknownKey {
        /// The key (at most 40 characters of it).
        key: String,
        /// The nearest known key.
        suggestion: Option<&'static str>,
    },
    /// Reading the argument threw (a getter or a proxy): the thrown text.
    Threw(String),
    /// A list longer than the limit.
    TooLong(u32),
    /// A name given twice in a list.
    Duplicate(String),
    /// A value the crate refused, in the crate's words (a column name).
    Refused(String),
    /// A column not as long as the first (`allowedIndicesColumns`).
    Length {
        /// Its length.
        len: u32,
        /// The first column's length.
        expected: u32,
        /// The first column, by its place.
        first: Place,
    },
}

/// An argument the contract refuses: where, and what was wrong. JavaScript throws it
/// as a `TypeError` with this text.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractError {
    /// Where.
    pub place: Place,
    /// What was wrong.
    pub problem: Problem,
}

impl fmt::Display for ContractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.place;
        match &self.problem {
            Problem::Expected { expected, got } => {
                write!(f, "{place} must be {expected}, got {got}")
            }
            Problem::Name(error) => write!(f, "{place}: {error}"),
            Problem::UnknownKey {
                key,
                suggestion: Some(near),
            } => write!(
                f,
                "{place} has an unknown key {key:?} (did you mean {near:?}?)"
            ),
            Problem::UnknownKey {
                key,
                suggestion: None,
            } => write!(f, "{place} has an unknown key {key:?}"),
            Problem::Threw(text) => write!(f, "reading {place} threw: {text}"),
            Problem::TooLong(limit) => write!(f, "{place} has more than {limit} elements"),
            Problem::Duplicate(name) => write!(f, "{place} names {name:?} twice"),
            Problem::Refused(text) => write!(f, "{place}: {text}"),
            Problem::Length {
                len,
                expected,
                first,
            } => write!(
                f,
                "{place} has {len} elements where {first} has {expected}: the columns must be equally long"
            ),
        }
    }
}

/// A contract's answer.
pub type Checked<T> = Result<T, ContractError>;

/// The error for `got` at `place`, which takes `expected`.
fn expected<T>(place: Place, expected: &'static str, got: Seen) -> Checked<T> {
    Err(ContractError {
        place,
        problem: Problem::Expected { expected, got },
    })
}

/// What an id place takes, in errors.
pub const ID: &str = "a user id (a non-empty string or a safe integer)";
/// What an optional id place takes, in errors.
pub const OPTIONAL_ID: &str = "a user id (a non-empty string or a safe integer), null or undefined";
/// What a flag takes, in errors.
pub const FLAG: &str = "a boolean, null or undefined";

/// The largest safe integer, `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// The id a number stands for: its decimal text, if it is a safe integer (`-0` is
/// `"0"`).
#[must_use]
pub fn id_from_number(n: f64) -> Option<String> {
    // `n.trunc() == n` is false for NaN and for every fraction; the bound excludes
    // the infinities.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a safe integer is exactly an i64"
    )]
    #[expect(clippy::float_cmp, reason = "an integer is exactly its own truncation")]
    if n.trunc() == n && n.abs() <= MAX_SAFE {
        Some((n as i64).to_string())
    } else {
        None
    }
}

/// A user id that must be there (a subject's).
///
/// # Errors
///
/// Anything but a non-empty well-formed string or a safe integer.
pub fn id(place: Place, seen: Seen) -> Checked<String> {
    match seen {
        Seen::Text(text) if !text.is_empty() => Ok(text),
        Seen::Number(n) => match id_from_number(n) {
            Some(text) => Ok(text),
            None => expected(place, ID, Seen::Number(n)),
        },
        other => expected(place, ID, other),
    }
}

/// An optional user id: `null`, `undefined` or absent are nobody.
///
/// # Errors
///
/// As [`id`], but `null` and `undefined` are `None`.
pub fn optional_id(place: Place, seen: Seen) -> Checked<Option<String>> {
    match seen {
        Seen::Absent | Seen::Null => Ok(None),
        Seen::Text(text) if !text.is_empty() => Ok(Some(text)),
        Seen::Number(n) => match id_from_number(n) {
            Some(text) => Ok(Some(text)),
            None => expected(place, OPTIONAL_ID, Seen::Number(n)),
        },
        other => expected(place, OPTIONAL_ID, other),
    }
}

/// An optional flag: `null`, `undefined` or absent are `false`.
///
/// # Errors
///
/// Anything but a boolean, `null` or `undefined`.
pub fn flag(place: Place, seen: Seen) -> Checked<bool> {
    match seen {
        Seen::Bool(set) => Ok(set),
        Seen::Absent | Seen::Null => Ok(false),
        other => expected(place, FLAG, other),
    }
}

/// A system name of a vocabulary (`expected` says which, in errors).
///
/// # Errors
///
/// Anything but a string, or a string not one of the names (the crate's text, with
/// its suggestion).
pub fn name<T: FromStr<Err = ParseError>>(
    place: Place,
    seen: Seen,
    expected_text: &'static str,
) -> Checked<T> {
    match seen {
        Seen::Text(text) => text.parse().map_err(|error| ContractError {
            place,
            problem: Problem::Name(error),
        }),
        other => expected(place, expected_text, other),
    }
}

/// An optional string that is not an id (a column name): absent or `null` is none.
///
/// # Errors
///
/// Anything but a non-empty string, `null` or `undefined`.
pub fn optional_text(
    place: Place,
    seen: Seen,
    expected_text: &'static str,
) -> Checked<Option<String>> {
    match seen {
        Seen::Absent | Seen::Null => Ok(None),
        Seen::Text(text) if !text.is_empty() => Ok(Some(text)),
        other => expected(place, expected_text, other),
    }
}

/// What the reader found wrong with an object or a list as a whole.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Not an object (a primitive, `null`, `undefined`, a function).
    NotObject(Seen),
    /// An array where a plain object belongs.
    Array,
    /// An object whose prototype is neither `Object.prototype` nor `null` (a class
    /// instance, a `Map`, a `Date`): its inherited getters would not be read.
    NotPlain,
    /// Not an array where a list belongs.
    NotArray(Seen),
    /// An own key not among the known ones.
    UnknownKey(String),
    /// Reading threw.
    Threw(String),
    /// A list longer than the limit.
    TooLong(u32),
}

/// The error for an object (or list) the reader could not take as a whole;
/// `what` says what the place takes.
#[must_use]
pub fn shape(
    place: Place,
    what: &'static str,
    known: &[&'static str],
    shape: Shape,
) -> ContractError {
    let problem = match shape {
        Shape::NotObject(got) | Shape::NotArray(got) => Problem::Expected {
            expected: what,
            got,
        },
        Shape::Array => Problem::Expected {
            expected: what,
            got: Seen::Other("array".into()),
        },
        Shape::NotPlain => Problem::Expected {
            expected: what,
            got: Seen::Other("object with a prototype (not a plain object)".into()),
        },
        Shape::UnknownKey(key) => Problem::UnknownKey {
            suggestion: nearest_key(&key, known),
            key: key.chars().take(40).collect(),
        },
        Shape::Threw(text) => Problem::Threw(text.chars().take(200).collect()),
        Shape::TooLong(limit) => Problem::TooLong(limit),
    };
    ContractError { place, problem }
}

/// Other spellings of the keys: the `Columns` interface's, and snake case.
const ALIASES: [(&str, &str); 12] = [
    ("assignedto", "assignee"),
    ("assigned", "assignee"),
    ("assigneduser", "assignee"),
    ("createdby", "creator"),
    ("author", "creator"),
    ("submittedby", "submitter"),
    ("system", "createdBySystem"),
    ("bysystem", "createdBySystem"),
    ("document", "hasDocument"),
    ("approved", "allApproved"),
    ("assignee", "assignedTo"),
    ("creator", "createdBy"),
];

/// The known key nearest to `key`: the same up to case and `_`/`-`, an alias, or a
/// typo within the crate's edit distance.
#[must_use]
pub fn nearest_key(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let folded = fold(key);
    if let Some(&same) = known.iter().find(|k| fold(k) == folded) {
        return Some(same);
    }
    let alias = ALIASES
        .iter()
        .filter(|(other, _)| *other == folded)
        .find_map(|(_, target)| known.iter().find(|k| *k == target));
    if let Some(&target) = alias {
        return Some(target);
    }
    ParseError::new("key", key, known).suggestion()
}

/// `key` in lower case without `_` and `-`.
fn fold(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The error for the list at `place` naming `name` twice.
#[must_use]
pub fn duplicate(place: Place, name: &str) -> ContractError {
    ContractError {
        place,
        problem: Problem::Duplicate(name.chars().take(40).collect()),
    }
}

/// The keys of a task.
pub const TASK_KEYS: [&str; 6] = [
    "kind",
    "state",
    "assignee",
    "creator",
    "createdBySystem",
    "submitter",
];

/// The keys of a record: a task's and the two facts of records.
pub const RECORD_KEYS: [&str; 8] = [
    "kind",
    "state",
    "assignee",
    "creator",
    "createdBySystem",
    "submitter",
    "hasDocument",
    "allApproved",
];

/// The keys of the columns of a batch of tasks (`allowedIndicesColumns`).
pub const COLUMN_KEYS: [&str; 3] = ["kinds", "states", "assignees"];

/// What the `kinds` column takes, in errors.
pub const KINDS: &str =
    "an array of task kinds (strings) or a Uint8Array of their indices in names().taskKinds";
/// What the `states` column takes, in errors.
pub const STATES: &str =
    "an array of task states (strings) or a Uint8Array of their indices in names().taskStates";
/// What the `assignees` column takes, in errors.
pub const ASSIGNEES: &str =
    "an array of user ids (non-empty strings or safe integers), null or undefined";

/// What an element of a `Uint8Array` of kinds takes, in errors.
pub const KIND_INDEX: &str = "the index of a task kind in names().taskKinds (below 12)";
/// What an element of a `Uint8Array` of states takes, in errors.
pub const STATE_INDEX: &str = "the index of a task state in names().taskStates (below 7)";

/// What the reader saw in one column of a batch of tasks.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// An array of this length.
    List(u32),
    /// A `Uint8Array` of this length: indices into a vocabulary.
    Indices(u32),
    /// Anything else.
    Other(Seen),
}

/// The length of one column at `place`, which takes `expected` (`indices`: a
/// `Uint8Array` is taken too).
fn column_len(place: Place, column: Column, indices: bool, expected: &'static str) -> Checked<u32> {
    let len = match column {
        Column::List(len) => len,
        Column::Indices(len) if indices => len,
        Column::Indices(_) => {
            return self::expected(place, expected, Seen::Other("Uint8Array".into()))
        }
        Column::Other(got) => return self::expected(place, expected, got),
    };
    if len > MAX_BATCH {
        return Err(ContractError {
            place,
            problem: Problem::TooLong(MAX_BATCH),
        });
    }
    Ok(len)
}

/// How many tasks the columns `kinds`, `states` and `assignees` hold: each of the
/// type it takes, at most [`MAX_BATCH`] long, and all as long as `kinds`.
///
/// # Errors
///
/// The first column of another type, too long, or not as long as `kinds`.
pub fn column_lengths(kinds: Column, states: Column, assignees: Column) -> Checked<u32> {
    let first = Place::key("columns", "kinds");
    let n = column_len(first, kinds, true, KINDS)?;
    let others = [
        (Place::key("columns", "states"), states, true, STATES),
        (
            Place::key("columns", "assignees"),
            assignees,
            false,
            ASSIGNEES,
        ),
    ];
    for (place, column, indices, expected) in others {
        let len = column_len(place, column, indices, expected)?;
        if len != n {
            return Err(ContractError {
                place,
                problem: Problem::Length {
                    len,
                    expected: n,
                    first,
                },
            });
        }
    }
    Ok(n)
}

/// The value of `all` whose index is the element `seen` of a `Uint8Array` column
/// (`expected` says what it takes, in errors).
///
/// # Errors
///
/// Anything but an integer below the length of `all`.
pub fn indexed<T: Copy>(place: Place, seen: Seen, all: &[T], expected: &'static str) -> Checked<T> {
    if let Seen::Number(n) = seen {
        if n.fract() == 0.0 && (0.0..256.0).contains(&n) {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "an integer in 0..256 is exactly a u8"
            )]
            if let Some(&value) = all.get(usize::from(n as u8)) {
                return Ok(value);
            }
        }
    }
    self::expected(place, expected, seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use itam_rbac::{Action, TaskKind};

    const AT: Place = Place::key("task", "assignee");

    fn text(s: &str) -> Seen {
        Seen::Text(s.into())
    }

    fn message<T: fmt::Debug>(result: Checked<T>) -> String {
        match result {
            Err(error) => error.to_string(),
            Ok(value) => format!("no error: {value:?}"),
        }
    }

    #[test]
    fn a_number_id_is_its_decimal_text() {
        assert_eq!(id_from_number(7.0).as_deref(), Some("7"));
        assert_eq!(id_from_number(-7.0).as_deref(), Some("-7"));
        assert_eq!(id_from_number(-0.0).as_deref(), Some("0"));
        assert_eq!(
            id_from_number(MAX_SAFE).as_deref(),
            Some("9007199254740991")
        );
        assert_eq!(
            id_from_number(-MAX_SAFE).as_deref(),
            Some("-9007199254740991")
        );
        assert_eq!(id_from_number(MAX_SAFE + 1.0), None);
        assert_eq!(id_from_number(-MAX_SAFE - 1.0), None);
        assert_eq!(id_from_number(1.5), None);
        assert_eq!(id_from_number(-0.5), None);
        assert_eq!(id_from_number(f64::NAN), None);
        assert_eq!(id_from_number(f64::INFINITY), None);
        assert_eq!(id_from_number(f64::NEG_INFINITY), None);
        assert_eq!(id(AT, Seen::Number(42.0)), Ok("42".into()));
        assert_eq!(optional_id(AT, Seen::Number(42.0)), Ok(Some("42".into())));
    }

    #[test]
    fn ids_are_non_empty_strings_or_safe_integers() {
        assert_eq!(id(AT, text("k")), Ok("k".into()));
        assert_eq!(optional_id(AT, text("k")), Ok(Some("k".into())));
        assert_eq!(optional_id(AT, Seen::Null), Ok(None));
        assert_eq!(optional_id(AT, Seen::Absent), Ok(None));
        for bad in [
            text(""),
            Seen::LongText,
            Seen::IllFormed,
            Seen::Number(1.5),
            Seen::Bool(true),
            Seen::Other("object".into()),
        ] {
            assert!(optional_id(AT, bad.clone()).is_err(), "{bad:?}");
            assert!(id(AT, bad.clone()).is_err(), "{bad:?}");
        }
        assert!(id(AT, Seen::Null).is_err());
        assert!(id(AT, Seen::Absent).is_err());
        assert_eq!(
            message(optional_id(AT, text(""))),
            "task.assignee must be a user id (a non-empty string or a safe integer), null or undefined, got the empty string"
        );
        assert_eq!(
            message(id(Place::arg("id"), Seen::Number(0.5))),
            "id must be a user id (a non-empty string or a safe integer), got the number 0.5"
        );
        assert_eq!(
            message(optional_id(AT, Seen::Number(f64::NAN))),
            "task.assignee must be a user id (a non-empty string or a safe integer), null or undefined, got the number NaN"
        );
        assert_eq!(
            message(optional_id(AT, Seen::IllFormed)),
            "task.assignee must be a user id (a non-empty string or a safe integer), null or undefined, got a string with a lone surrogate"
        );
        assert_eq!(
            message(optional_id(AT, Seen::LongText)),
            "task.assignee must be a user id (a non-empty string or a safe integer), null or undefined, got a string longer than 1024 characters"
        );
    }

    #[test]
    fn flags_are_booleans_or_nothing() {
        let at = Place::key("record", "hasDocument");
        assert_eq!(flag(at, Seen::Bool(true)), Ok(true));
        assert_eq!(flag(at, Seen::Bool(false)), Ok(false));
        assert_eq!(flag(at, Seen::Null), Ok(false));
        assert_eq!(flag(at, Seen::Absent), Ok(false));
        assert_eq!(
            message(flag(at, Seen::Number(1.0))),
            "record.hasDocument must be a boolean, null or undefined, got the number 1"
        );
        assert_eq!(
            message(flag(at, text("yes"))),
            "record.hasDocument must be a boolean, null or undefined, got the string \"yes\""
        );
    }

    #[test]
    fn names_are_strings_of_the_vocabulary() {
        let at = Place::arg("action");
        assert_eq!(
            name::<Action>(at, text("update"), "an action name"),
            Ok(Action::Update)
        );
        assert_eq!(
            message(name::<Action>(at, text("Update"), "an action name")),
            "action: unknown action name \"Update\" (did you mean \"update\"?)"
        );
        assert_eq!(
            message(name::<Action>(
                at,
                Seen::Number(1.0),
                "an action name (a string)"
            )),
            "action must be an action name (a string), got the number 1"
        );
        assert_eq!(
            message(name::<TaskKind>(
                Place::key("task", "kind"),
                Seen::Absent,
                "a task kind"
            )),
            "task.kind must be a task kind, got undefined"
        );
    }

    #[test]
    fn optional_text_refuses_empty_and_other_types() {
        let at = Place::key("columns", "state");
        assert_eq!(
            optional_text(at, text("t.state"), "x"),
            Ok(Some("t.state".into()))
        );
        assert_eq!(optional_text(at, Seen::Null, "x"), Ok(None));
        assert_eq!(optional_text(at, Seen::Absent, "x"), Ok(None));
        assert!(optional_text(at, text(""), "x").is_err());
        assert!(optional_text(at, Seen::Number(3.0), "x").is_err());
    }

    #[test]
    fn unknown_keys_name_the_nearest_known_key() {
        let known = &TASK_KEYS;
        assert_eq!(nearest_key("assignedTo", known), Some("assignee"));
        assert_eq!(nearest_key("assigned_to", known), Some("assignee"));
        assert_eq!(nearest_key("Assignee", known), Some("assignee"));
        assert_eq!(
            nearest_key("created_by_system", known),
            Some("createdBySystem")
        );
        assert_eq!(nearest_key("createdBy", known), Some("creator"));
        assert_eq!(nearest_key("submitted_by", known), Some("submitter"));
        assert_eq!(nearest_key("asignee", known), Some("assignee"));
        assert_eq!(nearest_key("priority", known), None);
        assert_eq!(
            nearest_key("has_document", &RECORD_KEYS),
            Some("hasDocument")
        );
        assert_eq!(nearest_key("document", &RECORD_KEYS), Some("hasDocument"));
        assert_eq!(nearest_key("document", known), None);
        let error = shape(
            Place::arg("task"),
            "a task",
            known,
            Shape::UnknownKey("assignedTo".into()),
        );
        assert_eq!(
            error.to_string(),
            "task has an unknown key \"assignedTo\" (did you mean \"assignee\"?)"
        );
        let error = shape(
            Place::arg("task"),
            "a task",
            known,
            Shape::UnknownKey("x".repeat(100)),
        );
        assert_eq!(
            error.to_string(),
            format!("task has an unknown key {:?}", "x".repeat(40))
        );
    }

    #[test]
    fn shapes_say_what_was_given() {
        let at = Place::arg("task");
        let known = &TASK_KEYS;
        let say = |s| shape(at, "a task (a plain object)", known, s).to_string();
        assert_eq!(
            say(Shape::NotObject(Seen::Null)),
            "task must be a task (a plain object), got null"
        );
        assert_eq!(
            say(Shape::NotObject(Seen::Number(1.0))),
            "task must be a task (a plain object), got the number 1"
        );
        assert_eq!(
            say(Shape::Array),
            "task must be a task (a plain object), got an array"
        );
        assert_eq!(
            say(Shape::NotPlain),
            "task must be a task (a plain object), got an object with a prototype (not a plain object)"
        );
        assert_eq!(say(Shape::Threw("boom".into())), "reading task threw: boom");
        assert_eq!(
            say(Shape::Threw("b".repeat(500))).len(),
            "reading task threw: ".len() + 200
        );
        assert_eq!(
            say(Shape::TooLong(MAX_LIST)),
            "task has more than 64 elements"
        );
        assert_eq!(
            say(Shape::NotArray(Seen::Other("function".into()))),
            "task must be a task (a plain object), got a function"
        );
        assert_eq!(
            duplicate(Place::arg("roles"), "admin").to_string(),
            "roles names \"admin\" twice"
        );
    }

    #[test]
    fn the_limits_hold_what_a_host_passes() {
        // An id of a few hundred characters (a DN, an e-mail), every role twice, a
        // list view of a million rows.
        const {
            assert!(MAX_TEXT >= 256 && MAX_TEXT <= 4096);
            assert!(MAX_LIST >= 2 * 21);
            assert!(MAX_BATCH >= 1_000_000);
        };
        assert_eq!([MAX_TEXT, MAX_LIST, MAX_BATCH], [1024, 64, 16_777_216]);
    }

    #[test]
    fn places_name_the_argument_element_and_key() {
        assert_eq!(Place::arg("task").to_string(), "task");
        assert_eq!(Place::key("task", "kind").to_string(), "task.kind");
        assert_eq!(Place::item("tasks", 7).to_string(), "tasks[7]");
        assert_eq!(
            Place::item("tasks", 7).with_key("kind").to_string(),
            "tasks[7].kind"
        );
    }

    #[test]
    fn numbers_are_shown_as_javascript_shows_them() {
        let show = |n: f64| Seen::Number(n).to_string();
        assert_eq!(show(7.0), "the number 7");
        assert_eq!(show(-7.0), "the number -7");
        assert_eq!(show(0.0), "the number 0");
        assert_eq!(show(7.5), "the number 7.5");
        assert_eq!(show(-0.5), "the number -0.5");
        assert_eq!(show(0.1), "the number 0.1");
        assert_eq!(show(1.999_999_999_9), "the number 2");
        assert_eq!(show(9_007_199_254_740_992.0), "the number 9007199254740992");
        assert_eq!(show(1e20), "the number 100000000000000000000");
        assert_eq!(show(1e21), "the number 1e+21");
        assert_eq!(show(1.5e300), "the number 1.5e+300");
        assert_eq!(show(2.5e-7), "the number 2.5e-7");
        assert_eq!(show(1e-7), "the number 1e-7");
        assert_eq!(show(1e22), "the number 1e+22");
        assert_eq!(show(f64::MAX), "the number 1.797693135e+308");
        assert_eq!(show(5e-324), "the number 4.940656458e-324");
        assert_eq!(show(1e-6), "the number 0.000001");
        assert_eq!(show(f64::NAN), "the number NaN");
        assert_eq!(show(f64::INFINITY), "the number Infinity");
        assert_eq!(show(f64::NEG_INFINITY), "the number -Infinity");
    }

    #[test]
    fn what_was_seen_is_named() {
        assert_eq!(text("abc").to_string(), "the string \"abc\"");
        assert_eq!(
            text(&"a".repeat(41)).to_string(),
            format!("the string {:?}...", "a".repeat(40))
        );
        assert_eq!(
            text(&"a".repeat(40)).to_string(),
            format!("the string {:?}", "a".repeat(40))
        );
        assert_eq!(Seen::Bool(false).to_string(), "false");
        assert_eq!(Seen::Absent.to_string(), "undefined");
        assert_eq!(Seen::Other("symbol".into()).to_string(), "a symbol");
        assert_eq!(Seen::Other("undefined".into()).to_string(), "an undefined");
    }

    #[test]
    fn columns_are_arrays_or_indices_of_one_length() {
        use Column::{Indices, List, Other};
        let lengths = |k, s, a| column_lengths(k, s, a);
        assert_eq!(lengths(List(3), List(3), List(3)), Ok(3));
        assert_eq!(lengths(Indices(3), Indices(3), List(3)), Ok(3));
        assert_eq!(lengths(List(0), Indices(0), List(0)), Ok(0));
        assert_eq!(
            lengths(List(MAX_BATCH), List(MAX_BATCH), List(MAX_BATCH)),
            Ok(MAX_BATCH)
        );
        assert_eq!(
            message(lengths(List(MAX_BATCH + 1), List(3), List(3))),
            "columns.kinds has more than 16777216 elements"
        );
        assert_eq!(
            message(lengths(List(3), List(MAX_BATCH + 1), List(3))),
            "columns.states has more than 16777216 elements"
        );
        assert_eq!(
            message(lengths(List(3), List(3), List(MAX_BATCH + 1))),
            "columns.assignees has more than 16777216 elements"
        );
        assert_eq!(
            message(lengths(List(3), List(2), List(3))),
            "columns.states has 2 elements where columns.kinds has 3: the columns must be equally long"
        );
        assert_eq!(
            message(lengths(Indices(3), Indices(3), List(4))),
            "columns.assignees has 4 elements where columns.kinds has 3: the columns must be equally long"
        );
        assert_eq!(
            message(lengths(Other(Seen::Absent), List(3), List(3))),
            format!("columns.kinds must be {KINDS}, got undefined")
        );
        assert_eq!(
            message(lengths(List(3), Other(text("x")), List(3))),
            format!("columns.states must be {STATES}, got the string \"x\"")
        );
        assert_eq!(
            message(lengths(List(3), List(3), Indices(3))),
            format!("columns.assignees must be {ASSIGNEES}, got a Uint8Array")
        );
        assert_eq!(
            message(lengths(List(3), List(3), Other(Seen::Null))),
            format!("columns.assignees must be {ASSIGNEES}, got null")
        );
        // The first error is the first column's.
        assert_eq!(
            message(lengths(Other(Seen::Null), Other(Seen::Absent), Indices(1))),
            format!("columns.kinds must be {KINDS}, got null")
        );
    }

    #[test]
    fn index_columns_take_integers_below_the_vocabulary() {
        let at = Place::item("columns.kinds", 4);
        let all = TaskKind::ALL;
        assert_eq!(
            indexed(at, Seen::Number(0.0), all, KIND_INDEX),
            Ok(TaskKind::Registration)
        );
        assert_eq!(
            indexed(at, Seen::Number(11.0), all, KIND_INDEX),
            Ok(TaskKind::AssetTransfer)
        );
        assert_eq!(
            message(indexed(at, Seen::Number(12.0), all, KIND_INDEX)),
            format!("columns.kinds[4] must be {KIND_INDEX}, got the number 12")
        );
        let refused = [255.0, 256.0, -1.0, 0.5, 1.5, f64::NAN, f64::INFINITY, -0.5];
        for n in refused {
            assert!(
                indexed(at, Seen::Number(n), all, KIND_INDEX).is_err(),
                "{n}"
            );
        }
        let wide: Vec<u16> = (0..300).collect();
        assert_eq!(indexed(at, Seen::Number(255.0), &wide, KIND_INDEX), Ok(255));
        assert!(indexed(at, Seen::Number(256.0), &wide, KIND_INDEX).is_err());
        assert_eq!(
            message(indexed(at, text("3"), all, KIND_INDEX)),
            format!("columns.kinds[4] must be {KIND_INDEX}, got the string \"3\"")
        );
        assert_eq!(
            message(indexed(at, Seen::Hole, all, KIND_INDEX)),
            format!("columns.kinds[4] must be {KIND_INDEX}, got a hole (the array has no element there)")
        );
    }

    #[test]
    fn a_hole_is_no_value() {
        let at = Place::item("columns.assignees", 1);
        assert_eq!(
            message(optional_id(at, Seen::Hole)),
            "columns.assignees[1] must be a user id (a non-empty string or a safe integer), null or undefined, got a hole (the array has no element there)"
        );
        assert!(id(at, Seen::Hole).is_err());
        assert!(flag(at, Seen::Hole).is_err());
        assert!(name::<TaskKind>(at, Seen::Hole, "a task kind").is_err());
        assert!(optional_text(at, Seen::Hole, "a column").is_err());
    }
}
