//! What JavaScript hands in, read under the input contract ([`crate::contract`]).
//!
//! The reader is a few lines of JavaScript (below) that only look: the type of a
//! value, whether an object is plain, its own keys, a string's length. Every
//! read that can run the caller's code (a getter, a proxy) happens inside the
//! reader's `try`, so nothing thrown ever unwinds through the module: a throwing
//! getter is an error like any other, and no borrow or allocation is left behind.
//! A string is copied into the module only once it is known to be at most
//! [`MAX_TEXT`] units long. The decisions (which types a place takes, which keys
//! exist, what an id is, the error's text) are the contract's, in Rust.

use core::str::FromStr;

use itam_rbac::filter::Columns;
use itam_rbac::records::RecordKind;
use itam_rbac::workflow::{Relations, TaskFields};
use itam_rbac::{ParseError, Task, TaskKind, TaskState};
use wasm_bindgen::prelude::*;

use crate::contract::{self, Checked, ContractError, Place, Seen, Shape, MAX_LIST, MAX_TEXT};

/// What an exported function returns: its value, or the error JavaScript throws.
pub type Result<T> = core::result::Result<T, JsValue>;

#[wasm_bindgen(inline_js = r#"
const SLOTS = [];
let extra;
let thrown;
const OBJECT = Object.prototype;
const hasOwn = Object.prototype.hasOwnProperty;
// What a hole of an array reads as: an index the array does not own is never read
// through its prototype (`Array.prototype[i]` may have been set).
const HOLE = Object.freeze(Object.create(null));
// Whether an object on the prototype chain of the array `a` has an own key that
// may be an index (a name starting with a digit). Only then can reading `a[i]`
// return what `a` does not own, other than `undefined` for a hole: each element is
// then checked with `hasOwn`, otherwise only an `undefined` one is.
function inherits(a) {
  for (let p = Object.getPrototypeOf(a); p !== null; p = Object.getPrototypeOf(p)) {
    const names = Object.getOwnPropertyNames(p);
    for (let j = 0; j < names.length; j++) {
      const c = names[j].charCodeAt(0);
      if (c >= 48 && c <= 57) return true;
    }
  }
  return false;
}
/** Element `i` of the array `a`, or HOLE where `a` does not own one. */
function own(a, i) { return hasOwn.call(a, i) ? a[i] : HOLE; }
function code(v, limit) {
  switch (typeof v) {
    case 'undefined': return 0;
    case 'string': return v.length > limit ? 3 : 2;
    case 'number': return 4;
    case 'boolean': return v ? 5 : 6;
    case 'object': return v === null ? 1 : v === HOLE ? 8 : 7;
    default: return 7;
  }
}
function text(e) {
  try {
    if (e instanceof Error) return String(e.message);
    return typeof e === 'symbol' ? 'a symbol' : String(e);
  } catch (_) {
    return 'a value that cannot be shown';
  }
}
export function read_object(o, names, maps, limit) {
  extra = undefined;
  thrown = undefined;
  if (typeof o !== 'object' || o === null || o === HOLE) { SLOTS[0] = o; return -1; }
  let at;
  try {
    if (Array.isArray(o)) return -2;
    const p = Object.getPrototypeOf(o);
    if (p !== null && p !== OBJECT && Object.getPrototypeOf(p) !== null) return -3;
    const keys = Object.getOwnPropertyNames(o);
    // The values are kept here until every getter has run: a getter that calls
    // the package again (which reads into SLOTS) cannot change what this call read.
    const values = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
    let codes = 0;
    let named = 0;
    for (let j = 0; j < keys.length; j++) {
      at = keys[j];
      const i = names.indexOf(at);
      if (i < 0) { extra = at; return -4; }
      const v = o[at];
      values[i] = v;
      const c = code(v, limit);
      codes |= c << (3 * i);
      // maps has two elements: a later index is not read through Array.prototype.
      const map = i < maps.length ? maps[i] : undefined;
      if (c === 2 && map !== undefined) {
        const n = map.get(v);
        if (n !== undefined) named += (n + 1) * 32 ** i;
      }
    }
    for (let i = 0; i < names.length; i++) SLOTS[i] = values[i];
    return codes + named * 16777216;
  } catch (e) {
    thrown = (at === undefined ? '' : `${at}: `) + text(e);
    return -5;
  }
}
export function name_at(v, map) {
  if (typeof v !== 'string') return -1;
  const n = map.get(v);
  return n === undefined ? -1 : n;
}
export function maps_array(...maps) { return Object.freeze(maps); }
export function read_array(a, max) {
  SLOTS.length = 0;
  thrown = undefined;
  try {
    const n = Array.isArray(a) ? a.length : undefined;
    if (!Number.isInteger(n) || n < 0) { SLOTS[0] = a; return -1; }
    if (n > max) return -6;
    const values = [];
    for (let i = 0; i < n; i++) values.push(own(a, i));
    for (let i = 0; i < n; i++) SLOTS[i] = values[i];
    return n;
  } catch (e) {
    thrown = text(e);
    return -5;
  }
}
export function read_value(v, limit) { SLOTS[0] = v; return code(v, limit); }
export function short_string(v, limit) { return typeof v === 'string' && v.length <= limit ? v : undefined; }
export function slot_code(i, limit) { return code(SLOTS[i], limit); }
export function slot_string(i) { const v = SLOTS[i]; return typeof v === 'string' ? v : undefined; }
export function slot_number(i) { const v = SLOTS[i]; return typeof v === 'number' ? v : NaN; }
export function slot_type(i) { const v = SLOTS[i]; return Array.isArray(v) ? 'array' : typeof v; }
export function slot_well_formed(i) {
  const v = SLOTS[i];
  if (typeof v !== 'string') return false;
  if (typeof v.isWellFormed === 'function') return v.isWellFormed();
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v);
}
export function extra_key() { return typeof extra === 'string' ? extra.slice(0, 64) : ''; }
export function thrown_text() { return typeof thrown === 'string' ? thrown : ''; }
export function read_list(a, max) {
  thrown = undefined;
  try {
    const n = Array.isArray(a) ? a.length : undefined;
    if (!Number.isInteger(n) || n < 0) { SLOTS[0] = a; return -1; }
    if (n > max) return -6;
    return n;
  } catch (e) {
    thrown = text(e);
    return -5;
  }
}
const UNREAD = {};
export function list_item(a, i) {
  try {
    return own(a, i);
  } catch (e) {
    return UNREAD;
  }
}
export function is_unread(v) { return v === UNREAD; }
const wellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (s) => s.isWellFormed()
  : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
function taskCode(t, k0, k1, k2, kinds, states, user, limit) {
  if (typeof t !== 'object' || t === null) return 255;
  const p = Object.getPrototypeOf(t);
  if (p !== OBJECT && p !== null) return 255;
  const own = Object.getOwnPropertyNames(t);
  let has = 0;
  for (let j = 0; j < own.length; j++) {
    const k = own[j];
    if (k === k0) has |= 1;
    else if (k === k1) has |= 2;
    else if (k === k2) has |= 4;
    else return 255;
  }
  if (has !== 3 && has !== 7) return 255;
  const kind = t[k0];
  const state = t[k1];
  const assignee = has === 7 ? t[k2] : undefined;
  if (typeof kind !== 'string' || typeof state !== 'string') return 255;
  const ki = kinds[kind];
  const si = states[state];
  if (ki === undefined || si === undefined) return 255;
  if (assignee === user) return ki | (si << 4) | 128;
  if (assignee === undefined || assignee === null
    || (typeof assignee === 'string' && assignee.length !== 0 && assignee.length <= limit && wellFormed(assignee))) {
    return ki | (si << 4);
  }
  return 255;
}
export function task_codes(list, n, keys, kinds, states, user, limit) {
  const out = new Uint8Array(n);
  const k0 = keys[0], k1 = keys[1], k2 = keys[2];
  let i = 0;
  let check;
  try {
    check = inherits(list);
  } catch (_) {
    out.fill(255);
    return out;
  }
  while (i < n) {
    try {
      // A hole reads as undefined (not a task: asked again, and refused), unless
      // a prototype has index keys: then every element must be the list's own.
      for (; i < n; i++) {
        out[i] = check && !hasOwn.call(list, i) ? 255 : taskCode(list[i], k0, k1, k2, kinds, states, user, limit);
      }
    } catch (_) {
      out[i] = 255;
      i++;
    }
  }
  return out;
}
// The byte of each task held as columns (src/batch.rs): kinds and states are
// arrays of names or Uint8Arrays of indices, assignees an array; 255 for every
// task not taken at a glance (asked again under the whole contract). Undefined if
// reading threw (`thrown` says what).
export function column_codes(kinds, kindsTyped, states, statesTyped, assignees, n, kindIndex, stateIndex, user, limit) {
  thrown = undefined;
  try {
    if (!kindsTyped && !statesTyped) return names_columns(kinds, states, assignees, n, kindIndex, stateIndex, user, limit);
    const out = new Uint8Array(n);
    names_column(out, kinds, kindsTyped, n, kindIndex, 12, 0);
    names_column(out, states, statesTyped, n, stateIndex, 7, 4);
    const check = inherits(assignees);
    for (let i = 0; i < n; i++) {
      const a = assignees[i];
      if (a === user) {
        if (check && !hasOwn.call(assignees, i)) out[i] = 255;
        else out[i] |= 128;
      } else if (a === null) {
        if (check && !hasOwn.call(assignees, i)) out[i] = 255;
      } else if (typeof a === 'string') {
        if (a.length === 0 || a.length > limit || !wellFormed(a) || (check && !hasOwn.call(assignees, i))) out[i] = 255;
      } else if (a !== undefined || !hasOwn.call(assignees, i)) {
        out[i] = 255;
      }
    }
    return out;
  } catch (e) {
    thrown = text(e);
    return undefined;
  }
}
// Three arrays (the usual columns, from JSON): one pass, a task at a time.
function names_columns(kinds, states, assignees, n, kindIndex, stateIndex, user, limit) {
  const out = new Uint8Array(n);
  const check = inherits(kinds) || inherits(states) || inherits(assignees);
  for (let i = 0; i < n; i++) {
    const v = kinds[i];
    const w = states[i];
    const a = assignees[i];
    const k = typeof v === 'string' ? kindIndex[v] : undefined;
    const s = typeof w === 'string' ? stateIndex[w] : undefined;
    let c = 255;
    if (k !== undefined && s !== undefined) {
      c = k | (s << 4);
      if (a === user) c |= 128;
      else if (a === null) { /* nobody */ }
      else if (typeof a === 'string') { if (a.length === 0 || a.length > limit || !wellFormed(a)) c = 255; }
      else if (a !== undefined || !hasOwn.call(assignees, i)) c = 255;
      if (check && !(hasOwn.call(kinds, i) && hasOwn.call(states, i) && hasOwn.call(assignees, i))) c = 255;
    }
    out[i] = c;
  }
  return out;
}
function names_column(out, column, typed, n, index, count, shift) {
  if (typed) {
    for (let i = 0; i < n; i++) {
      const k = column[i];
      out[i] = typeof k === 'number' && k < count ? out[i] | (k << shift) : 255;
    }
    return;
  }
  const check = inherits(column);
  for (let i = 0; i < n; i++) {
    const v = column[i];
    const k = typeof v === 'string' ? index[v] : undefined;
    out[i] = k === undefined || (check && !hasOwn.call(column, i)) ? 255 : out[i] | (k << shift);
  }
}
// What a column of a batch is: 0 an array, 1 a Uint8Array, -1 anything else (its
// value in SLOTS[0]); its length in `column_length`.
let columnLength = 0;
export function column_type(v) {
  columnLength = 0;
  thrown = undefined;
  try {
    // A proxy's length may be anything: only a length an array can have is taken.
    const type = Array.isArray(v) ? 0 : v instanceof Uint8Array ? 1 : -1;
    const n = type < 0 ? 0 : v.length;
    if (type >= 0 && Number.isInteger(n) && n >= 0 && n <= 4294967295) { columnLength = n; return type; }
  } catch (e) {
    thrown = text(e);
    return -2;
  }
  SLOTS[0] = v;
  return -1;
}
export function column_length() { return columnLength; }
export function slot_value(i) { return SLOTS[i]; }
export function index_map(joined) { return new Map(joined.split(',').map((name, i) => [name, i])); }
export function index_object(joined) {
  const o = Object.create(null);
  joined.split(',').forEach((name, i) => { o[name] = i; });
  return Object.freeze(o);
}
export function clear() { SLOTS.length = 0; extra = undefined; thrown = undefined; }
export function names_array(joined) { return Object.freeze(joined.split(',')); }
export function type_error(message) { return new TypeError(message); }
"#)]
extern "C" {
    fn read_object(o: &JsValue, names: &JsValue, maps: &JsValue, limit: u32) -> f64;
    fn name_at(v: &JsValue, map: &JsValue) -> i32;
    fn maps_array(a: &JsValue, b: &JsValue) -> JsValue;
    fn read_array(a: &JsValue, max: u32) -> i32;
    fn read_value(v: &JsValue, limit: u32) -> u32;
    fn short_string(v: &JsValue, limit: u32) -> Option<String>;
    fn slot_code(i: u32, limit: u32) -> u32;
    fn slot_string(i: u32) -> Option<String>;
    fn slot_number(i: u32) -> f64;
    fn slot_type(i: u32) -> String;
    fn slot_well_formed(i: u32) -> bool;
    fn extra_key() -> String;
    fn thrown_text() -> String;
    fn clear();
    fn read_list(a: &JsValue, max: u32) -> i32;
    fn list_item(a: &JsValue, i: u32) -> JsValue;
    fn is_unread(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = task_codes)]
    fn task_codes_js(
        list: &JsValue,
        n: u32,
        keys: &JsValue,
        kinds: &JsValue,
        states: &JsValue,
        user: &str,
        limit: u32,
    ) -> Vec<u8>;
    fn index_map(joined: &str) -> JsValue;
    fn index_object(joined: &str) -> JsValue;
    #[wasm_bindgen(js_name = column_codes)]
    fn column_codes_js(
        kinds: &JsValue,
        kinds_typed: bool,
        states: &JsValue,
        states_typed: bool,
        assignees: &JsValue,
        n: u32,
        kind_index: &JsValue,
        state_index: &JsValue,
        user: &str,
        limit: u32,
    ) -> Option<Vec<u8>>;
    fn column_type(v: &JsValue) -> i32;
    fn column_length() -> u32;
    fn slot_value(i: u32) -> JsValue;
    fn names_array(joined: &str) -> JsValue;
    fn type_error(message: &str) -> JsValue;
}

/// The `TypeError` JavaScript throws for `error`.
pub fn refuse(error: &ContractError) -> JsValue {
    clear();
    type_error(&error.to_string())
}

/// A contract's answer, as an export's.
pub fn checked<T>(answer: Checked<T>) -> Result<T> {
    answer.map_err(|error| refuse(&error))
}

/// What the reader saw in slot `i`, whose type code is `code`.
fn seen(code: u32, i: u32) -> Seen {
    match code {
        0 => Seen::Absent,
        1 => Seen::Null,
        2 => match slot_string(i) {
            // Lone surrogates reach Rust as U+FFFD: only then is JavaScript asked.
            Some(text) if text.contains('\u{FFFD}') && !slot_well_formed(i) => Seen::IllFormed,
            Some(text) => Seen::Text(text),
            None => Seen::Other(slot_type(i)),
        },
        3 => Seen::LongText,
        4 => Seen::Number(slot_number(i)),
        5 => Seen::Bool(true),
        6 => Seen::Bool(false),
        8 => Seen::Hole,
        _ => Seen::Other(slot_type(i)),
    }
}

/// A single argument, seen.
fn seen_value(value: &JsValue) -> Seen {
    let code = read_value(value, MAX_TEXT);
    seen(code, 0)
}

/// A single argument that is a system name (`what` says which, in errors).
pub fn name<T: FromStr<Err = ParseError>>(
    value: &JsValue,
    arg: &'static str,
    what: &'static str,
) -> Result<T> {
    let seen = match short_string(value, MAX_TEXT) {
        Some(text) => Seen::Text(text),
        None => seen_value(value),
    };
    checked(contract::name(Place::arg(arg), seen, what))
}

/// A user id argument (a subject's).
pub fn id(value: &JsValue, arg: &'static str) -> Result<String> {
    checked(contract::id(Place::arg(arg), seen_value(value)))
}

/// The known keys of an object, as a frozen JavaScript array (made once), and
/// for its first two keys the maps of their vocabularies' names to their indices,
/// where those keys hold names (a task's kind and state, a record's kind): the
/// reader then hands over the index, not the string.
pub struct Keys {
    names: &'static [&'static str],
    array: JsValue,
    maps: JsValue,
}

impl Keys {
    /// `names` as the reader's list; `first` and `second` the names of the
    /// vocabularies of the first two keys, if they hold names.
    pub fn new(
        names: &'static [&'static str],
        first: Option<&'static [&'static str]>,
        second: Option<&'static [&'static str]>,
    ) -> Self {
        let map = |names: Option<&[&str]>| {
            names.map_or(JsValue::UNDEFINED, |names| index_map(&names.join(",")))
        };
        Keys {
            names,
            array: names_array(&names.join(",")),
            maps: maps_array(&map(first), &map(second)),
        }
    }
}

/// A vocabulary's names as the reader's map to their indices, and its values.
pub struct Vocabulary<T: 'static> {
    map: JsValue,
    all: &'static [T],
}

impl<T> Vocabulary<T> {
    /// The vocabulary whose names are `names`, and values `all`, in one order.
    pub fn new(names: &'static [&'static str], all: &'static [T]) -> Self {
        Vocabulary {
            map: index_map(&names.join(",")),
            all,
        }
    }
}

/// A single argument that is a name of `vocabulary`: its index from the reader's
/// map when the argument is exactly one of the names, else [`name`] (for the
/// error's text).
pub fn name_in<T: Copy + FromStr<Err = ParseError>>(
    value: &JsValue,
    vocabulary: &Vocabulary<T>,
    arg: &'static str,
    what: &'static str,
) -> Result<T> {
    let index = name_at(value, &vocabulary.map);
    match usize::try_from(index)
        .ok()
        .and_then(|i| vocabulary.all.get(i))
    {
        Some(&found) => Ok(found),
        None => name(value, arg, what),
    }
}

/// An object's places, as the reader saw them: one type code per known key.
struct Fields {
    /// Three bits a key: its type code.
    codes: u32,
    /// Five bits for each of the first two keys: its name's index plus one, or 0.
    named: u32,
    place: Place,
}

impl Fields {
    /// Reads `value` (the argument `arg`, which is `what`) with the keys `keys`.
    fn read(value: &JsValue, place: Place, what: &'static str, keys: &Keys) -> Result<Self> {
        let packed = read_object(value, &keys.array, &keys.maps, MAX_TEXT);
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the reader's answer is an integer below 2^34, or one of the negative codes"
        )]
        let packed = packed as i64;
        let shape = match packed {
            -1 => Shape::NotObject(seen(slot_code(0, MAX_TEXT), 0)),
            -2 => Shape::Array,
            -3 => Shape::NotPlain,
            -4 => Shape::UnknownKey(extra_key()),
            packed if packed < 0 => Shape::Threw(thrown_text()),
            packed => {
                let packed = packed.unsigned_abs();
                return Ok(Fields {
                    codes: u32::try_from(packed & 0xFF_FFFF).unwrap_or(0),
                    named: u32::try_from(packed >> 24).unwrap_or(0),
                    place,
                });
            }
        };
        Err(refuse(&contract::shape(place, what, keys.names, shape)))
    }

    /// What was seen at key number `i` (`key` names it).
    fn at(&self, i: u32, key: &'static str) -> (Place, Seen) {
        let code = (self.codes >> (3 * i)) & 7;
        (self.place.with_key(key), seen(code, i))
    }

    /// The name at key number `i` (0 or 1; `key` names it) of the vocabulary
    /// whose values are `all`: from its index when the reader found it, else
    /// through the contract (`what` says what the key takes).
    fn name<T: Copy + FromStr<Err = ParseError>>(
        &self,
        i: u32,
        key: &'static str,
        all: &[T],
        what: &'static str,
    ) -> Checked<T> {
        let index = (self.named >> (5 * i)) & 31;
        let found = index
            .checked_sub(1)
            .and_then(|n| all.get(usize::try_from(n).ok()?));
        if let Some(&value) = found {
            return Ok(value);
        }
        let (at, seen) = self.at(i, key);
        contract::name(at, seen, what)
    }
}

thread_local! {
    static TASK: Keys = Keys::new(
        &contract::TASK_KEYS,
        Some(TaskKind::NAMES),
        Some(TaskState::NAMES),
    );
    static RECORD: Keys = Keys::new(&contract::RECORD_KEYS, Some(RecordKind::NAMES), None);
    static COLUMNS: Keys = Keys::new(&COLUMN_KEYS, None, None);
}

/// A task: kind and state by name, persons by id, the system flag.
pub fn task(value: &JsValue) -> Result<Task<String>> {
    task_at(value, Place::arg("task"))
}

/// A task at `place` (an argument, or an element of a list).
pub fn task_at(value: &JsValue, place: Place) -> Result<Task<String>> {
    let fields = TASK.with(|keys| Fields::read(value, place, "a task (a plain object)", keys))?;
    let read = || -> Checked<Task<String>> {
        let kind = fields.name(0, "kind", TaskKind::ALL, "a task kind (a string)")?;
        let state = fields.name(1, "state", TaskState::ALL, "a task state (a string)")?;
        let (at, seen) = fields.at(2, "assignee");
        let assignee = contract::optional_id(at, seen)?;
        let (at, seen) = fields.at(3, "creator");
        let creator = contract::optional_id(at, seen)?;
        let (at, seen) = fields.at(4, "createdBySystem");
        let created_by_system = contract::flag(at, seen)?;
        let (at, seen) = fields.at(5, "submitter");
        let submitter = contract::optional_id(at, seen)?;
        let mut task = Task::new(kind, state);
        task.assignee = assignee;
        task.creator = creator;
        task.created_by_system = created_by_system;
        task.submitter = submitter;
        Ok(task)
    };
    checked(read())
}

/// The persons and flags common to a task and a record.
#[derive(Debug)]
pub struct People {
    /// The assigned user.
    pub assignee: Option<String>,
    /// The creator.
    pub creator: Option<String>,
    /// Whether the system created the item.
    pub created_by_system: bool,
    /// Who sent the item for approval.
    pub submitter: Option<String>,
}

/// A record's parts other than its state: the kind (by name), the persons and the
/// two facts; the state's text is read by the kind's own parser.
#[derive(Debug)]
pub struct RecordParts {
    /// The record kind.
    pub kind: RecordKind,
    /// Where the state was, and what was there (its vocabulary depends on the kind).
    pub state: (Place, Seen),
    /// The persons.
    pub people: People,
    /// Whether a (contract) document is set.
    pub has_document: bool,
    /// Whether, with this approve, every approver has approved.
    pub all_approved: bool,
}

/// Reads a record.
pub fn record(value: &JsValue) -> Result<RecordParts> {
    record_at(value, Place::arg("record"))
}

/// A record at `place` (an argument, or an element of a list).
pub fn record_at(value: &JsValue, place: Place) -> Result<RecordParts> {
    let fields =
        RECORD.with(|keys| Fields::read(value, place, "a record (a plain object)", keys))?;
    let read = || -> Checked<RecordParts> {
        let kind = fields.name(0, "kind", RecordKind::ALL, "a record kind (a string)")?;
        let state = fields.at(1, "state");
        let (at, seen) = fields.at(2, "assignee");
        let assignee = contract::optional_id(at, seen)?;
        let (at, seen) = fields.at(3, "creator");
        let creator = contract::optional_id(at, seen)?;
        let (at, seen) = fields.at(4, "createdBySystem");
        let created_by_system = contract::flag(at, seen)?;
        let (at, seen) = fields.at(5, "submitter");
        let submitter = contract::optional_id(at, seen)?;
        let (at, seen) = fields.at(6, "hasDocument");
        let has_document = contract::flag(at, seen)?;
        let (at, seen) = fields.at(7, "allApproved");
        let all_approved = contract::flag(at, seen)?;
        Ok(RecordParts {
            kind,
            state,
            people: People {
                assignee,
                creator,
                created_by_system,
                submitter,
            },
            has_document,
            all_approved,
        })
    };
    checked(read())
}

/// The names of a list argument (`roles`, `relations`, `fields`); `optional` lists
/// may be `null` or `undefined` (none).
pub fn names(value: &JsValue, arg: &'static str, optional: bool) -> Result<Vec<String>> {
    const WHAT: &str = "an array of names (strings)";
    if optional && (value.is_undefined() || value.is_null()) {
        return Ok(Vec::new());
    }
    let n = read_array(value, MAX_LIST);
    let shape = match n {
        -1 => Shape::NotArray(seen(slot_code(0, MAX_TEXT), 0)),
        -6 => Shape::TooLong(MAX_LIST),
        n if n < 0 => Shape::Threw(thrown_text()),
        n => {
            let n = n.unsigned_abs();
            let mut names = Vec::with_capacity(n as usize);
            for i in 0..n {
                match seen(slot_code(i, MAX_TEXT), i) {
                    Seen::Text(text) => names.push(text),
                    other => {
                        return Err(refuse(&ContractError {
                            place: Place::arg(arg),
                            problem: contract::Problem::Expected {
                                expected: WHAT,
                                got: element(i, &other),
                            },
                        }))
                    }
                }
            }
            clear();
            return Ok(names);
        }
    };
    Err(refuse(&contract::shape(Place::arg(arg), WHAT, &[], shape)))
}

/// What an error says of element `i` of a list.
fn element(i: u32, seen: &Seen) -> Seen {
    Seen::Other(format!("array whose element {i} is {seen}"))
}

/// The workflow relations by name: each a [`Relations`] flag's name in lower case
/// (`in_assignment_group`, ...), each at most once; none when absent.
pub fn relations(value: &JsValue) -> Result<Relations> {
    flags(
        value,
        "relations",
        true,
        "an array of relation names (in_assignment_group, asset_responsible, added_approver, committee_member, files_attached, all_approved)",
    )
}

/// The task fields by name (`priority`, `assignment_group`, `other`), each at most
/// once.
pub fn task_fields(value: &JsValue) -> Result<TaskFields> {
    flags(
        value,
        "fields",
        false,
        "an array of task field names (priority, assignment_group, other)",
    )
}

/// A set of bitflags by their names in lower case (`expected` lists them, in
/// errors).
fn flags<F: bitflags::Flags + Copy>(
    value: &JsValue,
    arg: &'static str,
    optional: bool,
    expected: &'static str,
) -> Result<F> {
    let mut set = F::empty();
    for name in names(value, arg, optional)? {
        let flag = F::all()
            .iter_names()
            .find(|(flag, _)| is_lower_case_of(&name, flag))
            .map(|(_, flag)| flag);
        match flag {
            Some(flag) if set.contains(flag) => {
                return Err(refuse(&contract::duplicate(Place::arg(arg), &name)));
            }
            Some(flag) => set.insert(flag),
            None => {
                let shown: String = name.chars().take(40).collect();
                return Err(refuse(&ContractError {
                    place: Place::arg(arg),
                    problem: contract::Problem::Expected {
                        expected,
                        got: Seen::Text(shown),
                    },
                }));
            }
        }
    }
    Ok(set)
}

/// The names of the flags of `F`, in lower case, in declaration order.
pub fn flag_names<F: bitflags::Flags>() -> impl Iterator<Item = String> {
    F::all()
        .iter_names()
        .map(|(name, _)| name.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .into_iter()
}

/// Whether `text` is `upper` in lower case, exactly.
fn is_lower_case_of(text: &str, upper: &str) -> bool {
    text.len() == upper.len()
        && text
            .bytes()
            .zip(upper.bytes())
            .all(|(t, u)| t == u.to_ascii_lowercase())
}

/// The keys of the `Columns` object: the crate's `Columns`, and the placeholder.
pub const COLUMN_KEYS: [&str; 8] = [
    "kind",
    "state",
    "assignedTo",
    "createdBy",
    "createdBySystem",
    "hasDocument",
    "submittedBy",
    "placeholder",
];

/// Column names as owned strings, the defaults where JavaScript gave none, and
/// the placeholder if one was given.
#[derive(Debug)]
pub struct OwnedColumns {
    /// The kind column; `None` when `kind` was `null` (a table of one kind).
    kind: Option<String>,
    /// The other columns, in [`COLUMN_KEYS`] order.
    names: [String; 6],
    /// The placeholder, if given.
    placeholder: Option<String>,
}

impl OwnedColumns {
    /// Reads the host's column names; none given (`undefined` or `null`) is every
    /// default. `kind: null` is a table of one record kind (no kind column).
    pub fn read(value: &JsValue) -> Result<Self> {
        const WHAT: &str = "a column name (a non-empty string), null or undefined";
        let d = Columns::DEFAULT;
        let mut columns = OwnedColumns {
            kind: d.kind.map(str::to_owned),
            names: [
                d.state,
                d.assigned_to,
                d.created_by,
                d.created_by_system,
                d.has_document,
                d.submitted_by,
            ]
            .map(str::to_owned),
            placeholder: None,
        };
        if value.is_undefined() || value.is_null() {
            return Ok(columns);
        }
        let fields = COLUMNS.with(|keys| {
            Fields::read(
                value,
                Place::arg("columns"),
                "column names (a plain object)",
                keys,
            )
        })?;
        let (at, seen) = fields.at(0, "kind");
        if seen == Seen::Null {
            columns.kind = None;
        } else if let Some(name) = checked(contract::optional_text(at, seen, WHAT))? {
            columns.kind = Some(name);
        }
        for ((slot, key), i) in columns.names.iter_mut().zip(&COLUMN_KEYS[1..7]).zip(1..) {
            let (at, seen) = fields.at(i, key);
            if let Some(name) = checked(contract::optional_text(at, seen, WHAT))? {
                *slot = name;
            }
        }
        let (at, seen) = fields.at(7, "placeholder");
        columns.placeholder = checked(contract::optional_text(
            at,
            seen,
            "a placeholder (a non-empty string), null or undefined",
        ))?;
        Ok(columns)
    }

    /// The names as the crate's [`Columns`].
    pub fn columns(&self) -> Columns<'_> {
        let [state, assigned_to, created_by, created_by_system, has_document, submitted_by] =
            &self.names;
        let columns = Columns::DEFAULT
            .state(state)
            .assigned_to(assigned_to)
            .created_by(created_by)
            .created_by_system(created_by_system)
            .has_document(has_document)
            .submitted_by(submitted_by);
        match &self.kind {
            Some(kind) => columns.kind(kind),
            None => columns.without_kind(),
        }
    }

    /// The placeholder given, if any.
    pub fn placeholder(&self) -> Option<&str> {
        self.placeholder.as_deref()
    }
}

/// The `TypeError` for a column name or placeholder the crate refused: at the
/// key of `columns` it came from, with the crate's text.
pub fn identifier_error(error: &itam_rbac::filter::IdentifierError) -> JsValue {
    use itam_rbac::filter::Field;
    let key = match error.field() {
        Field::Kind => Some("kind"),
        Field::State => Some("state"),
        Field::AssignedTo => Some("assignedTo"),
        Field::CreatedBy => Some("createdBy"),
        Field::CreatedBySystem => Some("createdBySystem"),
        Field::HasDocument => Some("hasDocument"),
        Field::SubmittedBy => Some("submittedBy"),
        Field::Placeholder => Some("placeholder"),
        // A field a later crate adds: the error is still about `columns`.
        _ => None,
    };
    refuse(&ContractError {
        place: Place {
            arg: "columns",
            index: None,
            key,
        },
        problem: contract::Problem::Refused(error.to_string()),
    })
}

/// The length of the list argument `arg` (`what` says what it holds, in errors).
/// [`item`] then hands out its elements, and [`task_codes`] reads its tasks in one
/// pass.
pub fn list(value: &JsValue, arg: &'static str, what: &'static str) -> Result<u32> {
    let n = read_list(value, contract::MAX_BATCH);
    let shape = match n {
        -1 => Shape::NotArray(seen(slot_code(0, MAX_TEXT), 0)),
        -6 => Shape::TooLong(contract::MAX_BATCH),
        n if n < 0 => Shape::Threw(thrown_text()),
        n => return Ok(n.unsigned_abs()),
    };
    Err(refuse(&contract::shape(Place::arg(arg), what, &[], shape)))
}

/// Element `i` of the list `list` (read by [`list`]), read again, or the error for
/// reading it throwing (`place` names it).
pub fn item(list: &JsValue, i: u32, place: Place) -> Result<JsValue> {
    let value = list_item(list, i);
    if is_unread(&value) {
        return Err(refuse(&contract::shape(
            place,
            "",
            &[],
            Shape::Threw("the element's getter".into()),
        )));
    }
    Ok(value)
}

/// The reader's lists for [`task_codes`]: the three keys a plain task has, and the
/// kinds and states by name.
struct TaskCodes {
    keys: JsValue,
    kinds: JsValue,
    states: JsValue,
}

thread_local! {
    static TASK_CODES: TaskCodes = TaskCodes {
        keys: names_array(&contract::TASK_KEYS[..3].join(",")),
        kinds: index_object(&TaskKind::NAMES.join(",")),
        states: index_object(&TaskState::NAMES.join(",")),
    };
}

/// One byte for each of the `n` tasks of `list`, for the user `user`:
/// for a task that is plainly well-formed (a plain object with a known kind and
/// state and no other key than `assignee`, which is absent, `null` or a string
/// id), the index of its kind in [`TaskKind::NAMES`](itam_rbac::TaskKind::NAMES),
/// of its state (shifted by 4) and whether the user is its assignee (128);
/// [`crate::batch::ASK`] for every other, which the caller reads through [`task_at`], under the
/// whole contract. So the quick look only ever passes tasks the contract takes.
pub fn task_codes(list: &JsValue, n: u32, user: &str) -> Vec<u8> {
    TASK_CODES.with(|c| task_codes_js(list, n, &c.keys, &c.kinds, &c.states, user, MAX_TEXT))
}

/// A batch of tasks held as columns (`allowedIndicesColumns`), read under the
/// contract: three columns of one length.
#[derive(Debug)]
pub struct TaskColumns {
    kinds: JsValue,
    states: JsValue,
    assignees: JsValue,
    /// Whether `kinds` is a `Uint8Array` of indices (else an array of names).
    kinds_typed: bool,
    /// Whether `states` is a `Uint8Array` of indices.
    states_typed: bool,
    /// How many tasks.
    len: u32,
}

thread_local! {
    static TASK_COLUMNS: Keys = Keys::new(&contract::COLUMN_KEYS, None, None);
}

/// What the `columns` argument takes, in errors.
const COLUMNS_WHAT: &str = "task columns (a plain object of kinds, states and assignees)";

impl TaskColumns {
    /// Reads the argument `columns`: a plain object whose own keys are `kinds`,
    /// `states` and `assignees`, each a column of the type it takes, all of one
    /// length.
    pub fn read(value: &JsValue) -> Result<Self> {
        TASK_COLUMNS.with(|keys| Fields::read(value, Place::arg("columns"), COLUMNS_WHAT, keys))?;
        let [kinds, states, assignees] = [0, 1, 2].map(slot_value);
        clear();
        let look = |column: &JsValue, key: &'static str| -> Result<contract::Column> {
            let column = match column_type(column) {
                0 => contract::Column::List(column_length()),
                1 => contract::Column::Indices(column_length()),
                -1 => contract::Column::Other(seen(slot_code(0, MAX_TEXT), 0)),
                _ => {
                    let threw = Shape::Threw(thrown_text());
                    return Err(refuse(&contract::shape(
                        Place::key("columns", key),
                        "",
                        &[],
                        threw,
                    )));
                }
            };
            clear();
            Ok(column)
        };
        let shapes = [
            look(&kinds, "kinds")?,
            look(&states, "states")?,
            look(&assignees, "assignees")?,
        ];
        let kinds_typed = matches!(shapes[0], contract::Column::Indices(_));
        let states_typed = matches!(shapes[1], contract::Column::Indices(_));
        let [k, s, a] = shapes;
        let len = checked(contract::column_lengths(k, s, a))?;
        Ok(TaskColumns {
            kinds,
            states,
            assignees,
            kinds_typed,
            states_typed,
            len,
        })
    }

    /// One byte a task ([`crate::batch`]) for the user `user`: the kind, the
    /// state and whether the user is the assignee, or [`crate::batch::ASK`] for a
    /// task the quick look does not take (read again by [`TaskColumns::task`]).
    pub fn codes(&self, user: &str) -> Result<Vec<u8>> {
        let codes = TASK_CODES.with(|c| {
            column_codes_js(
                &self.kinds,
                self.kinds_typed,
                &self.states,
                self.states_typed,
                &self.assignees,
                self.len,
                &c.kinds,
                &c.states,
                user,
                MAX_TEXT,
            )
        });
        codes.ok_or_else(|| {
            refuse(&contract::shape(
                Place::arg("columns"),
                "",
                &[],
                Shape::Threw(thrown_text()),
            ))
        })
    }

    /// Task `i`, read under the whole contract: its kind, state and assignee.
    pub fn task(&self, i: u32) -> Result<(TaskKind, TaskState, Option<String>)> {
        let place = Place::item("columns.kinds", i);
        let value = item(&self.kinds, i, place)?;
        let seen = seen_value(&value);
        let kind = checked(if self.kinds_typed {
            contract::indexed(place, seen, TaskKind::ALL, contract::KIND_INDEX)
        } else {
            contract::name(place, seen, "a task kind (a string)")
        })?;
        let place = Place::item("columns.states", i);
        let value = item(&self.states, i, place)?;
        let seen = seen_value(&value);
        let state = checked(if self.states_typed {
            contract::indexed(place, seen, TaskState::ALL, contract::STATE_INDEX)
        } else {
            contract::name(place, seen, "a task state (a string)")
        })?;
        let place = Place::item("columns.assignees", i);
        let value = item(&self.assignees, i, place)?;
        let assignee = checked(contract::optional_id(place, seen_value(&value)))?;
        clear();
        Ok((kind, state, assignee))
    }
}

/// Forgets what the reader holds (the last list, the last object's values).
pub fn forget() {
    clear();
}
