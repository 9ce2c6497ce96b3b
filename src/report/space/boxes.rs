//! The boxes: a line a box of contexts that give the same answer, and how a
//! line is written.

use core::fmt::{self, Write};

use super::questions::Dim;
use super::{CONTEXTS, MAX_DIMS, OUTCOMES, ROLES, ROWS, SETS};
use crate::Role;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    /// A subject: the 232 role sets are asked.
    Subject,
    /// Nobody: asked once.
    Nobody,
}

/// The four fixed parts of a line.
#[derive(Clone, Copy)]
pub(super) struct Head<'a> {
    domain: &'a str,
    target: &'a str,
    verb: &'a str,
    /// `complete(<outcome>)`: the part in brackets.
    pub(super) verb_arg: Option<&'a str>,
    state: &'a str,
}

impl<'a> Head<'a> {
    pub(super) const fn new(
        domain: &'a str,
        target: &'a str,
        verb: &'a str,
        state: &'a str,
    ) -> Self {
        Head {
            domain,
            target,
            verb,
            verb_arg: None,
            state,
        }
    }
}

/// Writes an outcome key of the line's domain.
pub(super) type Outcome<'a> = &'a dyn Fn(&mut dyn Write, u64) -> fmt::Result;

/// Fills the answers of one context (the dimensions' value indices) for each asked
/// role set: `Some(outcome key)` when allowed, `None` when denied.
type Eval<'a> = &'a mut dyn FnMut(&[usize], &mut [Option<u64>]);

/// The values of each dimension a line covers, one bit a value.
type Masks = [u32; MAX_DIMS];

/// The render's working memory, reused from key to key.
pub(super) struct Scratch {
    /// The answers of the context being asked, one a role set.
    keys: [Option<u64>; SETS],
    /// The outcome keys met so far: code `c` (from 1) is `outcomes[c - 1]`.
    outcomes: [u64; OUTCOMES],
    outcome_count: usize,
    /// The distinct answers met so far (one outcome code a role set, 0 denied).
    rows: [[u8; SETS]; ROWS],
    row_count: usize,
    /// For each context, its answer's position in `rows`.
    ids: [u8; CONTEXTS],
    /// For each context, whether a line already covers it.
    covered: [bool; CONTEXTS],
}

impl Scratch {
    pub(super) const fn new() -> Self {
        Scratch {
            keys: [None; SETS],
            outcomes: [0; OUTCOMES],
            outcome_count: 0,
            rows: [[0; SETS]; ROWS],
            row_count: 0,
            ids: [0; CONTEXTS],
            covered: [false; CONTEXTS],
        }
    }

    /// The position in `rows` of the answers in `keys[..width]`, added if new;
    /// `None` when a table is full.
    fn intern(&mut self, width: usize) -> Option<u8> {
        let mut row = [0_u8; SETS];
        let mut last: Option<(u64, u8)> = None;
        let keys = self.keys.get(..width)?;
        for (slot, key) in row.iter_mut().zip(keys) {
            let Some(key) = *key else { continue };
            *slot = match last {
                Some((k, code)) if k == key => code,
                _ => {
                    let code = code(&mut self.outcomes, &mut self.outcome_count, key)?;
                    last = Some((key, code));
                    code
                }
            };
        }
        let known = self.rows.get(..self.row_count)?;
        let at = if let Some(at) = known.iter().position(|r| *r == row) {
            at
        } else {
            *self.rows.get_mut(self.row_count)? = row;
            self.row_count += 1;
            self.row_count - 1
        };
        u8::try_from(at).ok()
    }

    /// Whether the answer `id` denies every role set.
    fn denies_all(&self, id: u8) -> bool {
        self.rows
            .get(usize::from(id))
            .is_some_and(|row| row.iter().all(|&code| code == 0))
    }

    /// Whether every context of the box `masks` is not yet covered and gave the
    /// answer `id`.
    fn uniform(&self, dims: &[Dim], masks: &Masks, id: u8) -> bool {
        let mut digits = [0_usize; MAX_DIMS];
        let digits = digits.get_mut(..dims.len()).unwrap_or(&mut []);
        first_in(masks, digits);
        loop {
            let context = index(digits, dims);
            let same = self.ids.get(context) == Some(&id);
            if !same || self.covered.get(context) != Some(&false) {
                return false;
            }
            if !next_in(masks, digits) {
                return true;
            }
        }
    }

    /// Marks every context of the box `masks` covered.
    fn cover(&mut self, dims: &[Dim], masks: &Masks) {
        let mut digits = [0_usize; MAX_DIMS];
        let digits = digits.get_mut(..dims.len()).unwrap_or(&mut []);
        first_in(masks, digits);
        loop {
            if let Some(covered) = self.covered.get_mut(index(digits, dims)) {
                *covered = true;
            }
            if !next_in(masks, digits) {
                return;
            }
        }
    }

    /// The one line of a decision without a subject or dimensions: its outcome
    /// `key`.
    pub(super) fn fact(
        &mut self,
        out: &mut dyn Write,
        head: &Head<'_>,
        key: u64,
        outcome: Outcome<'_>,
    ) -> fmt::Result {
        let mut eval = |_: &[usize], keys: &mut [Option<u64>]| {
            if let Some(slot) = keys.first_mut() {
                *slot = Some(key);
            }
        };
        self.lines(out, head, &[], Who::Nobody, &mut eval, outcome)
    }

    /// Asks every context of one (domain, target, verb, state) and writes its lines.
    pub(super) fn lines(
        &mut self,
        out: &mut dyn Write,
        head: &Head<'_>,
        dims: &[Dim],
        who: Who,
        eval: Eval<'_>,
        outcome: Outcome<'_>,
    ) -> fmt::Result {
        let width = match who {
            Who::Subject => SETS,
            Who::Nobody => 1,
        };
        let count: usize = dims.iter().map(|dim| dim.values.len()).product();
        let boxes = self.ask(dims, width, count, eval)?;
        let mut digits = [0_usize; MAX_DIMS];
        let digits = digits.get_mut(..dims.len()).ok_or(fmt::Error)?;

        // A line a box, from each context no line covers yet, in order.
        for context in 0..count {
            if context > 0 {
                advance(digits, dims);
            }
            let masks = if boxes {
                let id = self.ids.get(context).copied().unwrap_or(0);
                if self.covered.get(context) != Some(&false) {
                    continue;
                }
                let masks = self.grow(dims, digits, id);
                if who == Who::Subject && self.denies_all(id) {
                    continue;
                }
                masks
            } else {
                single(digits)
            };
            let keys = self.keys.get_mut(..width).ok_or(fmt::Error)?;
            eval(digits, keys);
            let keys = self.keys.get(..width).ok_or(fmt::Error)?;
            write_line(out, head, dims, &masks, who, keys, outcome)?;
        }
        Ok(())
    }

    /// Asks every one of the `count` contexts of `dims`, keeping which distinct
    /// answer each gave, and marks none covered: whether there was room for them
    /// all (without it, no boxes: a line a context).
    fn ask(
        &mut self,
        dims: &[Dim],
        width: usize,
        count: usize,
        eval: Eval<'_>,
    ) -> Result<bool, fmt::Error> {
        let mut digits = [0_usize; MAX_DIMS];
        let digits = digits.get_mut(..dims.len()).ok_or(fmt::Error)?;
        self.outcome_count = 0;
        self.row_count = 0;
        let mut boxes = count <= CONTEXTS;
        for context in 0..count {
            if !boxes {
                break;
            }
            eval(digits, self.keys.get_mut(..width).ok_or(fmt::Error)?);
            match (self.intern(width), self.ids.get_mut(context)) {
                (Some(id), Some(slot)) => *slot = id,
                _ => boxes = false,
            }
            advance(digits, dims);
        }
        if let Some(covered) = self.covered.get_mut(..count) {
            covered.fill(false);
        }
        Ok(boxes)
    }

    /// The box of contexts from `digits` (not covered yet, with the answer `id`),
    /// grown one dimension after the other, in order, by each further value (in
    /// order) whose contexts are not covered yet and give the answer `id` too;
    /// then marked covered.
    fn grow(&mut self, dims: &[Dim], digits: &[usize], id: u8) -> Masks {
        let mut masks = single(digits);
        for (at, dim) in dims.iter().enumerate() {
            for value in 0..dim.values.len() {
                let mut grown = masks;
                let Some(mask) = grown.get_mut(at) else {
                    continue;
                };
                if *mask & bit(value) != 0 {
                    continue;
                }
                *mask = bit(value);
                if self.uniform(dims, &grown, id) {
                    if let Some(mask) = masks.get_mut(at) {
                        *mask |= bit(value);
                    }
                }
            }
        }
        self.cover(dims, &masks);
        masks
    }
}

/// The box of the one context `digits`.
fn single(digits: &[usize]) -> Masks {
    let mut masks: Masks = [0; MAX_DIMS];
    for (mask, &digit) in masks.iter_mut().zip(digits) {
        *mask = bit(digit);
    }
    masks
}

/// One line: the box `masks` and the answers `keys` its contexts all give (a
/// line without a subject: `keys` holds one). A line with a subject where every
/// role set is denied is left out.
fn write_line(
    out: &mut dyn Write,
    head: &Head<'_>,
    dims: &[Dim],
    masks: &Masks,
    who: Who,
    keys: &[Option<u64>],
    outcome: Outcome<'_>,
) -> fmt::Result {
    match who {
        Who::Subject if keys.iter().all(Option::is_none) => Ok(()),
        Who::Subject => {
            write_head(out, head, dims, masks)?;
            write_groups(out, keys, outcome)?;
            out.write_char('\n')
        }
        Who::Nobody => {
            write_head(out, head, dims, masks)?;
            out.write_char(' ')?;
            match keys.first().copied().flatten() {
                Some(key) => outcome(out, key)?,
                None => out.write_str("deny")?,
            }
            out.write_char('\n')
        }
    }
}

/// The code of outcome `key` in `outcomes` (the first `count` are known), added
/// if new; `None` when the table is full.
fn code(outcomes: &mut [u64; OUTCOMES], count: &mut usize, key: u64) -> Option<u8> {
    let known = outcomes.get(..*count)?;
    let at = if let Some(at) = known.iter().position(|&k| k == key) {
        at
    } else {
        *outcomes.get_mut(*count)? = key;
        *count += 1;
        *count - 1
    };
    u8::try_from(at + 1).ok()
}

/// The bit of value `value` in a mask.
fn bit(value: usize) -> u32 {
    u32::try_from(value)
        .ok()
        .and_then(|shift| 1_u32.checked_shl(shift))
        .unwrap_or(0)
}

/// Steps `digits` to the next context: a number in mixed radix, the last dimension
/// the least significant.
fn advance(digits: &mut [usize], dims: &[Dim]) {
    for (digit, dim) in digits.iter_mut().zip(dims).rev() {
        *digit += 1;
        if *digit < dim.values.len() {
            return;
        }
        *digit = 0;
    }
}

/// The position of the context `digits` in the order of [`advance`].
fn index(digits: &[usize], dims: &[Dim]) -> usize {
    digits
        .iter()
        .zip(dims)
        .fold(0, |at, (&digit, dim)| at * dim.values.len() + digit)
}

/// Sets `digits` to the first context of the box `masks`.
fn first_in(masks: &Masks, digits: &mut [usize]) {
    for (digit, &mask) in digits.iter_mut().zip(masks) {
        *digit = mask.trailing_zeros() as usize;
    }
}

/// Steps `digits` to the next context of the box `masks`; `false` past the last.
fn next_in(masks: &Masks, digits: &mut [usize]) -> bool {
    for (digit, &mask) in digits.iter_mut().zip(masks).rev() {
        let above = mask & !(bit(*digit + 1).wrapping_sub(1));
        if above != 0 {
            *digit = above.trailing_zeros() as usize;
            return true;
        }
        *digit = mask.trailing_zeros() as usize;
    }
    false
}

/// `name` in lower case.
pub(super) fn write_lower(out: &mut dyn Write, name: &str) -> fmt::Result {
    name.chars()
        .try_for_each(|c| out.write_char(c.to_ascii_lowercase()))
}

/// The line up to and including its `:`.
fn write_head(out: &mut dyn Write, head: &Head<'_>, dims: &[Dim], masks: &Masks) -> fmt::Result {
    write!(out, "{} {} {}", head.domain, head.target, head.verb)?;
    if let Some(arg) = head.verb_arg {
        write!(out, "({arg})")?;
    }
    write!(out, " {}", head.state)?;
    for (dim, &mask) in dims.iter().zip(masks) {
        out.write_char(' ')?;
        write_lower(out, dim.name)?;
        out.write_char('=')?;
        if mask.count_ones() as usize == dim.values.len() && dim.values.len() > 1 {
            out.write_char('*')?;
            continue;
        }
        let values = dim.values.iter().enumerate();
        for (i, (_, value)) in values.filter(|&(at, _)| mask & bit(at) != 0).enumerate() {
            if i > 0 {
                out.write_char(',')?;
            }
            out.write_str(value)?;
        }
    }
    out.write_char(':')
}

/// The groups of a line with a subject: each outcome some role set gets, in
/// ascending key order, with its members.
fn write_groups(out: &mut dyn Write, keys: &[Option<u64>], outcome: Outcome<'_>) -> fmt::Result {
    let mut last: Option<u64> = None;
    loop {
        let next = keys
            .iter()
            .flatten()
            .copied()
            .filter(|&key| last.map_or(true, |last| key > last))
            .min();
        let Some(key) = next else {
            return Ok(());
        };
        if last.is_some() {
            out.write_str(" |")?;
        }
        out.write_char(' ')?;
        outcome(out, key)?;
        write_members(out, keys, key)?;
        last = Some(key);
    }
}

/// The members of the group of outcome `key`: `{}`, the single roles (or `all`
/// and the roles left out, when that is shorter), then the pairs that are
/// exceptions.
fn write_members(out: &mut dyn Write, keys: &[Option<u64>], key: u64) -> fmt::Result {
    let gets = |at: usize| keys.get(at) == Some(&Some(key));
    if gets(0) {
        out.write_str(" {}")?;
    }
    let singles = (0..ROLES).filter(|&at| gets(1 + at)).count();
    let complement = singles * 2 > ROLES;
    if complement {
        out.write_str(" all")?;
    }
    for (at, role) in Role::ALL.iter().enumerate() {
        match (complement, gets(1 + at)) {
            (false, true) => write!(out, " {}", role.name())?,
            (true, false) => write!(out, " ~{}", role.name())?,
            (false, false) | (true, true) => {}
        }
    }
    let mut pair = 1 + ROLES;
    for (i, a) in Role::ALL.iter().enumerate() {
        for (j, b) in Role::ALL.iter().enumerate().skip(i + 1) {
            let expected = gets(1 + i) || gets(1 + j);
            let actual = gets(pair);
            if actual != expected {
                let sign = if actual { '+' } else { '-' };
                write!(out, " {sign}{}&{}", a.name(), b.name())?;
            }
            pair += 1;
        }
    }
    Ok(())
}
