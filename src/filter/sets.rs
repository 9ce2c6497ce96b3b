//! Sets of task kinds and of task states, as the filters' groups hold them.

use core::fmt;

use crate::{TaskKind, TaskState};

/// The state bit of `state`.
pub(super) const fn state_bit(state: TaskState) -> u8 {
    1 << state as u8
}

/// A set of [`TaskKind`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KindSet(pub(super) u16);

impl KindSet {
    /// No kind.
    pub const EMPTY: KindSet = KindSet(0);

    /// The same set with `kind`.
    #[must_use]
    pub const fn with(self, kind: TaskKind) -> Self {
        KindSet(self.0 | 1 << kind as u16)
    }

    /// Whether `kind` is in the set.
    #[must_use]
    pub const fn contains(self, kind: TaskKind) -> bool {
        self.0 & 1 << kind as u16 != 0
    }

    /// How many kinds the set holds.
    #[must_use]
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds, in [`TaskKind::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = TaskKind> {
        TaskKind::ALL
            .iter()
            .copied()
            .filter(move |&kind| self.contains(kind))
    }
}

impl fmt::Display for KindSet {
    /// The system names, e.g. `registration, allocation or inventory`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_or_list(f, self.iter().map(TaskKind::name), self.len())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for KindSet {
    /// A list of system names.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A set of [`TaskState`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StateSet(pub(super) u8);

impl StateSet {
    /// No state.
    pub const EMPTY: StateSet = StateSet(0);

    /// The same set with `state`.
    #[must_use]
    pub const fn with(self, state: TaskState) -> Self {
        StateSet(self.0 | state_bit(state))
    }

    /// Whether `state` is in the set.
    #[must_use]
    pub const fn contains(self, state: TaskState) -> bool {
        self.0 & state_bit(state) != 0
    }

    /// How many states the set holds.
    #[must_use]
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the set holds every task state.
    #[must_use]
    pub fn is_all(self) -> bool {
        self.len() == TaskState::ALL.len()
    }

    /// The states, in [`TaskState::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = TaskState> {
        TaskState::ALL
            .iter()
            .copied()
            .filter(move |&state| self.contains(state))
    }
}

impl fmt::Display for StateSet {
    /// The system names, e.g. `registered, in_progress or postponed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_or_list(f, self.iter().map(TaskState::name), self.len())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for StateSet {
    /// A list of system names.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Writes `names` (`len` of them) as `a, b or c`.
pub(crate) fn write_or_list<'n>(
    f: &mut fmt::Formatter<'_>,
    names: impl Iterator<Item = &'n str>,
    len: usize,
) -> fmt::Result {
    for (i, name) in names.enumerate() {
        if i > 0 {
            f.write_str(if i + 1 == len { " or " } else { ", " })?;
        }
        f.write_str(name)?;
    }
    Ok(())
}
