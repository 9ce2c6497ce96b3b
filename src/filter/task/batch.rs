//! The task filter over many tasks: the batch forms, branch-free over columns.

use super::super::error::LengthError;
use super::{bit_of, TaskFilter, KINDS};
use crate::{TaskKind, TaskState};

impl<U: Eq + Copy> TaskFilter<'_, U> {
    /// [`matches`](Self::matches) for each task of `columns` (a host holding its
    /// tasks as columns), written to `out` in order; returns how many are allowed.
    ///
    /// The loop is a load of the kind, the state and the assignee, one comparison
    /// and a load and shift of one byte of a table: under a nanosecond a task.
    /// Comparing an `Option<U>` with the user takes no branch when `Option<U>` has
    /// a niche (ids such as `NonZeroU64`, which database ids are: 8 bytes, `None`
    /// is 0). The id is `Copy` (database ids are): the loop compares the assignee
    /// with a copy of `Some(user)`, one compare of two words, where comparing with
    /// a reference to the user kept a test for `None` in the loop (1.3 ms against
    /// 0.9 ms for 1,000,000 tasks).
    ///
    /// # Errors
    ///
    /// A column or `out` is not as long as `kinds`: nothing is written.
    pub fn matches_columns(
        &self,
        columns: TaskColumns<'_, U>,
        out: &mut [bool],
    ) -> Result<usize, LengthError> {
        let len = columns.checked_len()?;
        LengthError::check("out", out.len(), len)?;
        let TaskColumns {
            kinds,
            states,
            assignees,
        } = columns;
        let user = Some(*self.user);
        let tasks = kinds
            .iter()
            .zip(states)
            .zip(assignees)
            .map(|((&kind, &state), assignee)| (kind, state, assignee));
        mark_copy(user, &self.core.rows, tasks, out);
        Ok(count(out))
    }

    /// The indices of the tasks of `columns` the filter allows, in order:
    /// [`matches_columns`](Self::matches_columns) without an output buffer and
    /// without allocating.
    ///
    /// # Errors
    ///
    /// The columns differ in length.
    pub fn allowed_in_columns<'t>(
        &'t self,
        columns: TaskColumns<'t, U>,
    ) -> Result<impl Iterator<Item = usize> + 't, LengthError> {
        columns.checked_len()?;
        let table = byte_table(&self.core.rows);
        let user = Some(*self.user);
        let TaskColumns {
            kinds,
            states,
            assignees,
        } = columns;
        Ok(kinds
            .iter()
            .zip(states)
            .zip(assignees)
            .enumerate()
            .filter(move |&(_, ((&kind, &state), assignee))| {
                lookup(&table, kind, state, *assignee == user)
            })
            .map(|(i, _)| i))
    }
}

/// Whether `table` ([`byte_table`]) allows `kind` in `state`, the user being the
/// assigned user (`mine`) or not.
#[inline]
pub(super) fn lookup(table: &[u8; 256], kind: TaskKind, state: TaskState, mine: bool) -> bool {
    let entry = table
        .get(usize::from(index_of(kind, state)))
        .copied()
        .unwrap_or(0);
    (entry >> u8::from(mine)) & 1 != 0
}

/// [`mark`] for an id that is `Copy`: the assignee compared with a copy of
/// `Some(user)`.
#[inline(never)]
pub(super) fn mark_copy<'t, U: Eq + Copy + 't>(
    user: Option<U>,
    rows: &[u16; KINDS],
    tasks: impl Iterator<Item = (TaskKind, TaskState, &'t Option<U>)>,
    out: &mut [bool],
) {
    let table = byte_table(rows);
    for ((kind, state, assignee), slot) in tasks.zip(out.iter_mut()) {
        let mine = u8::from(*assignee == user);
        let entry = table
            .get(usize::from(index_of(kind, state)))
            .copied()
            .unwrap_or(0);
        *slot = (entry >> mine) & 1 != 0;
    }
}

/// The loop of the batch forms: `user` and `rows` are arguments, so the compiler
/// knows they do not change while `out` is written, and compares the assignee
/// without a branch where `Option<U>` has a niche.
///
/// The rows are first spread into a table of one byte a kind and state (at
/// `kind << 3 | state`, which fits a byte: checked where `KINDS` is), holding the
/// state's bit for the assigned user (bit 1) and for anybody else (bit 0): the loop
/// then loads one byte and shifts it by whether the task is the user's, with no
/// bounds check (a byte index into 256 bytes), which measured some 25% faster than
/// shifting the kind's row by the state.
#[inline(never)]
pub(super) fn mark<'t, U: Eq + 't>(
    user: &U,
    rows: &[u16; KINDS],
    tasks: impl Iterator<Item = (TaskKind, TaskState, Option<&'t U>)>,
    out: &mut [bool],
) {
    let table = byte_table(rows);
    for ((kind, state, assignee), slot) in tasks.zip(out.iter_mut()) {
        let mine = u8::from(assignee == Some(user));
        let entry = table
            .get(usize::from(index_of(kind, state)))
            .copied()
            .unwrap_or(0);
        *slot = (entry >> mine) & 1 != 0;
    }
}

/// The rows spread into one byte a kind and state, at [`index_of`]: bit 1 for the
/// assigned user, bit 0 for anybody else.
pub(super) fn byte_table(rows: &[u16; KINDS]) -> [u8; 256] {
    let mut table = [0_u8; 256];
    for &kind in TaskKind::ALL {
        let row = rows.get(kind as usize).copied().unwrap_or(0);
        for &state in TaskState::ALL {
            let bit = |not_mine| u8::from((row >> bit_of(state, not_mine)) & 1 != 0);
            if let Some(slot) = table.get_mut(usize::from(index_of(kind, state))) {
                *slot = bit(1) | bit(0) << 1;
            }
        }
    }
    table
}

/// The byte of [`mark`]'s table for `kind` in `state`.
#[inline]
pub(super) const fn index_of(kind: TaskKind, state: TaskState) -> u8 {
    (kind as u8) << 3 | state as u8
}

/// How many of `marks` are true (a separate pass: it vectorizes, and keeps the
/// matching loop short).
pub(super) fn count(marks: &[bool]) -> usize {
    marks
        .chunks(usize::from(u8::MAX))
        .map(|chunk| {
            let n = chunk
                .iter()
                .fold(0_u8, |n, &mark| n.wrapping_add(u8::from(mark)));
            usize::from(n)
        })
        .sum()
}

/// Tasks held as columns, one value a task in each, for
/// [`TaskFilter::matches_columns`].
#[derive(Debug)]
pub struct TaskColumns<'a, U> {
    /// The kinds.
    pub kinds: &'a [TaskKind],
    /// The states.
    pub states: &'a [TaskState],
    /// The assigned users.
    pub assignees: &'a [Option<U>],
}

impl<U> TaskColumns<'_, U> {
    /// How many tasks the columns hold.
    ///
    /// # Errors
    ///
    /// `states` or `assignees` is not as long as `kinds`.
    pub fn checked_len(&self) -> Result<usize, LengthError> {
        let len = self.kinds.len();
        LengthError::check("states", self.states.len(), len)?;
        LengthError::check("assignees", self.assignees.len(), len)?;
        Ok(len)
    }
}

clone_with_user!(copy TaskColumns);
