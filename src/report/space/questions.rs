//! The questions: the dimensions of a context, the role sets asked, and the
//! task or record a context puts to a decision.

use super::{MAX_DIMS, ME, OTHER, SETS};
use crate::records::{Record, RecordState};
use crate::{Role, Roles, Subject, Task, TaskKind, TaskState};

/// One dimension of a context: its name and its values' names.
#[derive(Clone, Copy)]
pub(super) struct Dim {
    /// Printed in lower case.
    pub(super) name: &'static str,
    pub(super) values: &'static [&'static str],
}

/// A flag's two values.
const BOOL: &[&str] = &["0", "1"];

/// Who is the assigned user.
pub(super) const ASSIGNEE: Dim = Dim {
    name: "assignee",
    values: &["self", "other", "none"],
};

/// Who created the task or record, and whether it is marked created by the
/// system: [`person`] reads the values.
pub(super) const CREATOR: Dim = Dim {
    name: "creator",
    values: &[
        "self",
        "other",
        "unknown",
        "system",
        "self+system",
        "other+system",
    ],
};

/// The workflow's creators: [`CREATOR`]'s first four. The workflow has 64 times
/// the contexts of a task, each asked of 232 role sets, so it leaves out a set
/// creator together with the system's mark (`task` and the records ask those).
pub(super) const WORKFLOW_CREATOR: Dim = Dim {
    name: "creator",
    values: &["self", "other", "unknown", "system"],
};

/// Who sent the task or record for approval.
pub(super) const SUBMITTER: Dim = Dim {
    name: "submitter",
    values: &["self", "other", "unknown"],
};

/// The dimensions of a task: the person.
pub(super) const TASK_DIMS: [Dim; 2] = [ASSIGNEE, CREATOR];

/// The dimensions of a record: the person, the submitter, the document and all
/// approved.
pub(super) const RECORD_DIMS: [Dim; 5] = [
    ASSIGNEE,
    CREATOR,
    SUBMITTER,
    Dim {
        name: "document",
        values: BOOL,
    },
    Dim {
        name: "all_approved",
        values: BOOL,
    },
];

/// The subjects asked: one a role set, in the dump's order, all with the id `ME`.
pub(super) fn subjects() -> [Subject<u8>; SETS] {
    let mut sets = [Roles::empty(); SETS];
    let mut slots = sets.iter_mut().skip(1);
    for role in Role::ALL {
        if let Some(slot) = slots.next() {
            *slot = role.bit();
        }
    }
    for (i, a) in Role::ALL.iter().enumerate() {
        for b in Role::ALL.iter().skip(i + 1) {
            if let Some(slot) = slots.next() {
                *slot = a.bit() | b.bit();
            }
        }
    }
    sets.map(|roles| Subject::new(ME, roles))
}

/// Asks `decide` for each subject.
pub(super) fn fill(
    keys: &mut [Option<u64>],
    subjects: &[Subject<u8>],
    decide: impl Fn(&Subject<u8>) -> Option<u64>,
) {
    for (key, subject) in keys.iter_mut().zip(subjects) {
        *key = decide(subject);
    }
}

/// The position of `value` in `all`, as an outcome key.
pub(super) fn key_of<T: PartialEq>(all: &[T], value: &T) -> u64 {
    all.iter()
        .position(|v| v == value)
        .and_then(|at| u64::try_from(at).ok())
        .unwrap_or(u64::MAX)
}

/// The value at outcome key `key` of `all`.
pub(super) fn at<T: Copy>(all: &[T], key: u64) -> Option<T> {
    usize::try_from(key)
        .ok()
        .and_then(|at| all.get(at).copied())
}

/// The person of a context: who is assigned, who created it, whether the system
/// did (the values of [`ASSIGNEE`] and [`CREATOR`]). `None` is nobody.
fn person(digits: &[usize]) -> (Option<u8>, Option<u8>, bool) {
    let assignee = match digits.first() {
        Some(0) => Some(ME),
        Some(1) => Some(OTHER),
        _ => None,
    };
    let (creator, system) = match digits.get(1) {
        Some(0) => (Some(ME), false),
        Some(1) => (Some(OTHER), false),
        Some(3) => (None, true),
        Some(4) => (Some(ME), true),
        Some(5) => (Some(OTHER), true),
        _ => (None, false),
    };
    (assignee, creator, system)
}

/// Puts the person of the context `digits` ([`person`]) on a task or a record,
/// through their builders.
macro_rules! with_person {
    ($item:expr, $digits:expr) => {{
        let (assignee, creator, system) = person($digits);
        let mut item = $item;
        if let Some(id) = assignee {
            item = item.assigned_to(id);
        }
        if let Some(id) = creator {
            item = item.created_by(id);
        }
        if system {
            item = item.created_by_system();
        }
        item
    }};
}

/// The task of a context.
pub(super) fn task_of(kind: TaskKind, state: TaskState, digits: &[usize]) -> Task<u8> {
    with_person!(Task::new(kind, state), digits)
}

/// The record of a context.
pub(super) fn record_of<S: RecordState>(state: S, digits: &[usize]) -> Record<S, u8> {
    let mut record = with_person!(Record::new(state), digits);
    if let Some(id) = submitter(digits.get(2)) {
        record = record.submitted_by(id);
    }
    if digits.get(3) == Some(&1) {
        record = record.with_document();
    }
    if digits.get(4) == Some(&1) {
        record = record.all_approved();
    }
    record
}

/// The submitter of a context (the values of [`SUBMITTER`]). `None` is nobody.
pub(super) fn submitter(digit: Option<&usize>) -> Option<u8> {
    match digit {
        Some(0) => Some(ME),
        Some(1) => Some(OTHER),
        _ => None,
    }
}

/// The single flags of a flag set, in declaration order, and one dimension each
/// after `prefix`.
pub(super) struct Flags<F> {
    singles: [F; 8],
    dims: [Dim; MAX_DIMS],
    count: usize,
}

impl<F: bitflags::Flags + Copy> Flags<F> {
    pub(super) fn new(prefix: &[Dim]) -> Self {
        let mut singles = [F::empty(); 8];
        let mut dims = [ASSIGNEE; MAX_DIMS];
        let mut count = prefix.len();
        for (slot, dim) in dims.iter_mut().zip(prefix) {
            *slot = *dim;
        }
        for ((slot, dim), (name, flag)) in singles
            .iter_mut()
            .zip(dims.iter_mut().skip(prefix.len()))
            .zip(F::all().iter_names())
        {
            *slot = flag;
            *dim = Dim { name, values: BOOL };
            count += 1;
        }
        Flags {
            singles,
            dims,
            count,
        }
    }

    pub(super) fn dims(&self) -> &[Dim] {
        self.dims.get(..self.count).unwrap_or(&[])
    }

    /// The flags set by the flag dimensions' `digits`.
    pub(super) fn value(&self, digits: &[usize]) -> F {
        self.singles
            .iter()
            .zip(digits)
            .filter(|(_, &digit)| digit == 1)
            .fold(F::empty(), |set, (&flag, _)| set.union(flag))
    }
}
