//! The task workflow, drawn by walking [`workflow::validate`] over every state,
//! event and kind, for the people who may act (the assigned user, and an
//! approver who is not); the per-kind facts come from [`approval_policy`] and
//! [`performer`].

use core::fmt::{self, Display, Formatter};

use super::diagram::{Labels, Machine, Node};
use crate::workflow::{self, approval_policy, performer, ApprovalPolicy, Relations, TaskEvent};
use crate::{Roles, Subject, Task, TaskKind, TaskState};

/// The task machine, for the diagram renderer.
pub(super) struct TaskMachine;

impl Machine for TaskMachine {
    type State = TaskState;

    fn prefix(&self) -> &'static str {
        "task"
    }

    fn title(&self) -> &'static str {
        "task workflow"
    }

    fn states(&self) -> &'static [TaskState] {
        TaskState::ALL
    }

    fn name(&self, state: TaskState) -> &'static str {
        state.name()
    }

    fn is_terminal(&self, state: TaskState) -> bool {
        state.is_terminal()
    }

    fn labels(
        &self,
        from: Node<TaskState>,
        to: Node<TaskState>,
        label: &mut Labels<'_>,
    ) -> fmt::Result {
        let (Node::State(from), Node::State(to)) = (from, to) else {
            // The workflow has no start or end edges of its own.
            return Ok(());
        };
        for &event in TaskEvent::ALL {
            let kinds = Kinds::moving(from, event, to);
            if !kinds.is_empty() {
                label(&Labelled(event, kinds))?;
            }
        }
        Ok(())
    }
}

/// The user ids of the walk: the task's assigned user, and another person.
const ASSIGNEE: u8 = 1;
const OTHER: u8 = 2;

/// Whether some permitted person moves a task of `kind` from `from` to `to` by
/// `event`: the assigned user, in the assignment group, or another person who is
/// an added approver and on the committee (once as the last approver, once not),
/// each holding every role. No fact that only forbids (a file attached) is set,
/// and the task's creator is known (the system), as approvals need.
fn moves(kind: TaskKind, from: TaskState, event: TaskEvent, to: TaskState) -> bool {
    let task = Task::new(kind, from)
        .assigned_to(ASSIGNEE)
        .created_by_system();
    let approver = Relations::ADDED_APPROVER | Relations::COMMITTEE_MEMBER;
    let people = [
        (ASSIGNEE, Relations::IN_ASSIGNMENT_GROUP),
        (OTHER, approver),
        (OTHER, approver | Relations::ALL_APPROVED),
    ];
    people.into_iter().any(|(id, relations)| {
        let subject = Subject::new(id, Roles::all());
        workflow::validate(&subject, &task, relations, event) == Ok(to)
    })
}

/// A set of task kinds, one bit a kind in [`TaskKind::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Kinds(u32);

impl Kinds {
    /// The kinds whose tasks `event` moves from `from` to `to`.
    pub(super) fn moving(from: TaskState, event: TaskEvent, to: TaskState) -> Self {
        Self::matching(|kind| moves(kind, from, event, to))
    }

    /// The kinds for which `test` holds.
    fn matching(mut test: impl FnMut(TaskKind) -> bool) -> Self {
        let mut bits = 0;
        for (i, &kind) in TaskKind::ALL.iter().enumerate() {
            if test(kind) {
                bits |= 1 << i;
            }
        }
        Kinds(bits)
    }

    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn all() -> Self {
        Self::matching(|_| true)
    }

    /// The kinds of these approval policies.
    fn with_policies(policies: &[ApprovalPolicy]) -> Self {
        Self::matching(|kind| policies.contains(&approval_policy(kind)))
    }

    /// Whether every kind of `policy` is in the set.
    fn covers(self, policy: ApprovalPolicy) -> bool {
        let of = Self::with_policies(&[policy]).0;
        self.0 & of == of
    }
}

/// The set, in words: nothing for every kind, the approval policies when the set
/// is exactly their kinds, else the kinds.
impl Display for Kinds {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if *self == Self::all() {
            return Ok(());
        }
        let union = Self::matching(|k| self.covers(approval_policy(k)));
        if union == *self {
            f.write_str("approval ")?;
            let policies = ApprovalPolicy::ALL.iter().filter(|&&p| self.covers(p));
            for (i, policy) in policies.enumerate() {
                let sep = if i == 0 { "" } else { " or " };
                write!(f, "{sep}{policy}")?;
            }
            return Ok(());
        }
        let kinds = TaskKind::ALL.iter().enumerate();
        for (n, (_, kind)) in kinds.filter(|(i, _)| self.0 & (1 << i) != 0).enumerate() {
            let sep = if n == 0 { "" } else { ", " };
            write!(f, "{sep}{kind}")?;
        }
        Ok(())
    }
}

/// An edge label: the event, and the kinds in brackets unless it is every kind.
struct Labelled(TaskEvent, Kinds);

impl Display for Labelled {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.1 == Kinds::all() {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{} ({})", self.0, self.1)
        }
    }
}

/// The workflow as Markdown: the transitions the walk finds, then the approval
/// policy and performer of each kind.
pub(super) fn markdown(f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(f, "| event | from | to | for |")?;
    writeln!(f, "|---|---|---|---|")?;
    for &event in TaskEvent::ALL {
        for &from in TaskState::ALL {
            for &to in TaskState::ALL {
                let kinds = Kinds::moving(from, event, to);
                if kinds.is_empty() {
                    continue;
                }
                write!(f, "| {event} | {from} | {to} | ")?;
                if kinds == Kinds::all() {
                    writeln!(f, "every kind |")?;
                } else {
                    writeln!(f, "{kinds} |")?;
                }
            }
        }
    }
    writeln!(f, "\n| task kind | approval | performer |")?;
    writeln!(f, "|---|---|---|")?;
    for &kind in TaskKind::ALL {
        writeln!(
            f,
            "| {kind} | {} | {} |",
            approval_policy(kind),
            performer(kind)
        )?;
    }
    Ok(())
}
