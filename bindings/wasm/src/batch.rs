//! The batch matchers' decisions (`allowedIndices`, `allowedIndicesColumns`): the
//! reader hands over one byte a task, and a table made once a call from the
//! crate's filter answers each byte. Plain Rust, so that `cargo test` checks it
//! natively and cargo-mutants can mutate it.
//!
//! A task's byte is the index of its kind in [`TaskKind::NAMES`] (bits 0 to 3),
//! of its state in [`TaskState::NAMES`] (bits 4 to 6), and whether the user is its
//! assigned user (bit 7). [`ASK`] (and every byte that names no kind or state) is
//! a task the reader did not take at a glance: the caller reads it again under
//! the whole input contract, which either refuses it or decides it.

use itam_rbac::{TaskKind, TaskState};

/// The byte of a task the reader leaves to the whole contract.
pub const ASK: u8 = 255;

/// The bit of a task's byte that says the user is its assigned user.
const MINE: u8 = 128;

/// The task a byte stands for, or `None` for [`ASK`] and every byte that names
/// no kind or state.
#[must_use]
pub fn decode(code: u8) -> Option<(TaskKind, TaskState, bool)> {
    let kind = TaskKind::ALL.get(usize::from(code & 0x0f))?;
    let state = TaskState::ALL.get(usize::from((code >> 4) & 0x07))?;
    Some((*kind, *state, code & MINE != 0))
}

/// What the table says of one byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// The filter allows the task.
    Allow,
    /// The filter does not allow the task.
    Deny,
    /// The byte names no task: read it again.
    Ask,
}

/// Every byte's answer, from a filter's `allows(kind, state, assigned)`.
#[derive(Debug)]
pub struct Table([Entry; 256]);

impl Table {
    /// The table of the filter whose answer for a task of `kind` in `state`, the
    /// user being its assignee or not, is `allows(kind, state, mine)`.
    pub fn new(allows: impl Fn(TaskKind, TaskState, bool) -> bool) -> Self {
        let mut entries = [Entry::Ask; 256];
        for (code, entry) in (0..=u8::MAX).zip(entries.iter_mut()) {
            *entry = match decode(code) {
                Some((kind, state, mine)) if allows(kind, state, mine) => Entry::Allow,
                Some(_) => Entry::Deny,
                None => Entry::Ask,
            };
        }
        Table(entries)
    }
}

/// The indices of the tasks whose bytes are `codes` that the table allows, in
/// order; a byte the table does not answer is `ask(index)`, whose error ends the
/// call (no partial answer).
///
/// # Errors
///
/// The first error of `ask`.
pub fn allowed<E>(
    codes: &[u8],
    table: &Table,
    mut ask: impl FnMut(u32) -> Result<bool, E>,
) -> Result<Vec<u32>, E> {
    let mut allowed = Vec::new();
    for (i, &code) in (0_u32..).zip(codes) {
        let entry = table
            .0
            .get(usize::from(code))
            .copied()
            .unwrap_or(Entry::Ask);
        let yes = match entry {
            Entry::Allow => true,
            Entry::Deny => false,
            Entry::Ask => ask(i)?,
        };
        if yes {
            allowed.push(i);
        }
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use itam_rbac::{filter, Action, Role, Subject, Task};
    use TaskKind::{AssetTransfer, ChangeOfResponsible, Registration};
    use TaskState::{Canceled, Postponed, Registered};

    /// The byte of a task of `kind` in `state`, the user being its assignee
    /// (`mine`) or not: what the reader computes in JavaScript.
    fn encode(kind: TaskKind, state: TaskState, mine: bool) -> u8 {
        let at = |i: Option<usize>| i.and_then(|i| u8::try_from(i).ok()).unwrap_or(ASK);
        let kind = at(TaskKind::ALL.iter().position(|&k| k == kind));
        let state = at(TaskState::ALL.iter().position(|&s| s == state));
        kind | (state << 4) | if mine { MINE } else { 0 }
    }

    #[test]
    fn bytes_are_kind_state_and_mine() {
        assert_eq!(encode(Registration, Registered, false), 0);
        assert_eq!(encode(ChangeOfResponsible, Postponed, false), 0x23);
        assert_eq!(encode(AssetTransfer, Canceled, true), 0xeb);
        for (k, &kind) in TaskKind::ALL.iter().enumerate() {
            for (s, &state) in TaskState::ALL.iter().enumerate() {
                for mine in [false, true] {
                    let code = encode(kind, state, mine);
                    assert_eq!(usize::from(code & 0x0f), k);
                    assert_eq!(usize::from((code >> 4) & 0x07), s);
                    assert_eq!(decode(code), Some((kind, state, mine)));
                }
            }
        }
        // Names in the reader's order: the vocabularies' names and values agree.
        for (&kind, name) in TaskKind::ALL.iter().zip(TaskKind::NAMES) {
            assert_eq!(kind.name(), *name);
        }
        for (&state, name) in TaskState::ALL.iter().zip(TaskState::NAMES) {
            assert_eq!(state.name(), *name);
        }
    }

    #[test]
    fn bytes_that_name_no_task_are_asked() {
        let kinds = u8::try_from(TaskKind::ALL.len()).unwrap_or(0);
        let states = u8::try_from(TaskState::ALL.len()).unwrap_or(0);
        assert_eq!((kinds, states), (12, 7));
        assert_eq!(decode(ASK), None);
        assert_eq!(decode(0x0c), None);
        assert_eq!(decode(0x8f), None);
        assert_eq!(decode(0x70), None);
        assert_eq!(decode(0xf0), None);
        assert_eq!(decode(0x6b), Some((AssetTransfer, Canceled, false)));
        let named = (0..=u8::MAX).filter(|&code| decode(code).is_some()).count();
        assert_eq!(named, 12 * 7 * 2);
    }

    #[test]
    fn the_table_answers_as_the_filter() {
        for role in Role::ALL {
            let subject = Subject::new("me".to_owned(), *role);
            for &action in Action::ALL {
                let filter = filter::tasks(&subject, action);
                let table = Table::new(|kind, state, mine| filter.allows(kind, state, mine));
                let mut codes = Vec::new();
                let mut tasks = Vec::new();
                for &kind in TaskKind::ALL {
                    for &state in TaskState::ALL {
                        for mine in [false, true] {
                            codes.push(encode(kind, state, mine));
                            let assignee = if mine { "me" } else { "other" };
                            tasks.push(Task::new(kind, state).assigned_to(assignee.to_owned()));
                        }
                    }
                }
                let want: Vec<u32> = (0_u32..)
                    .zip(&tasks)
                    .filter(|(_, task)| itam_rbac::can(&subject, action, task))
                    .map(|(i, _)| i)
                    .collect();
                let got = allowed(&codes, &table, |_| Err(()));
                assert_eq!(got, Ok(want), "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn asked_bytes_go_to_the_caller_and_its_error_ends_the_call() {
        let table = Table::new(|_, _, mine| mine);
        let mine = encode(Registration, Registered, true);
        let other = encode(Registration, Registered, false);
        let codes = [mine, ASK, other, 0x0c, mine, ASK];
        let mut asked = Vec::new();
        let got = allowed(&codes, &table, |i| {
            asked.push(i);
            Ok::<bool, ()>(i == 1)
        });
        assert_eq!(got, Ok(vec![0, 1, 4]));
        assert_eq!(asked, [1, 3, 5]);
        let mut asked = Vec::new();
        let got = allowed(&codes, &table, |i| {
            asked.push(i);
            if i == 3 {
                Err(i)
            } else {
                Ok(true)
            }
        });
        assert_eq!(got, Err(3));
        assert_eq!(asked, [1, 3]);
        assert_eq!(allowed(&[], &table, |_| Err(())), Ok(vec![]));
        let all_deny = Table::new(|_, _, _| false);
        assert_eq!(allowed(&[mine, other], &all_deny, |_| Err(())), Ok(vec![]));
        let all_allow = Table::new(|_, _, _| true);
        assert_eq!(
            allowed(&[mine, other], &all_allow, |_| Err(())),
            Ok(vec![0, 1])
        );
    }
}
