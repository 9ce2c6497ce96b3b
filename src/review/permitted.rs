//! `permitted_actions`: every action and workflow event a user may take on a task
//! now, in one call, as a set a UI can turn into buttons.

use core::fmt;

use crate::workflow::{self, Relations, TaskEvent};
use crate::{can, Action, Subject, Task};

/// What a user may do to one task now: the [`Action`]s the matrix allows and the
/// [`TaskEvent`]s the workflow allows. `Copy`, two bytes, no allocation.
///
/// ```
/// use itam_rbac::workflow::{Relations, TaskEvent};
/// use itam_rbac::review::permitted_actions;
/// use itam_rbac::{Action, Role, Subject, Task, TaskKind, TaskState};
///
/// let specialist = Subject::new(7_u32, Role::OperationSpecialist);
/// let task = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(7);
/// let buttons = permitted_actions(&specialist, &task, Relations::empty());
///
/// assert!(buttons.allows(Action::Update));
/// assert!(!buttons.allows(Action::Delete));
/// assert!(buttons.allows_event(TaskEvent::StartWork));
/// assert!(!buttons.allows_event(TaskEvent::Approve));
/// assert_eq!(buttons.to_string(), "read, create, update; start_work, postpone, cancel");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Permitted {
    actions: u8,
    events: u8,
}

impl Permitted {
    /// Nothing permitted.
    pub const NOTHING: Permitted = Permitted {
        actions: 0,
        events: 0,
    };

    /// Whether `action` is permitted.
    #[must_use]
    pub const fn allows(self, action: Action) -> bool {
        self.actions & bit(action as u8) != 0
    }

    /// Whether `event` is permitted.
    #[must_use]
    pub const fn allows_event(self, event: TaskEvent) -> bool {
        self.events & bit(event as u8) != 0
    }

    /// Whether nothing at all is permitted.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.actions == 0 && self.events == 0
    }

    /// The permitted actions, in [`Action::ALL`] order.
    pub fn actions(self) -> impl Iterator<Item = Action> {
        Action::ALL.iter().copied().filter(move |&a| self.allows(a))
    }

    /// The permitted events, in [`TaskEvent::ALL`] order.
    pub fn events(self) -> impl Iterator<Item = TaskEvent> {
        TaskEvent::ALL
            .iter()
            .copied()
            .filter(move |&e| self.allows_event(e))
    }
}

/// The bit of a vocabulary value's position.
const fn bit(index: u8) -> u8 {
    1 << index
}

// One bit a value in a `u8`: the build fails here, rather than a bit aliasing
// another (a wrong button), if either vocabulary outgrows it.
const _: () = assert!(
    Action::ALL.len() <= 8 && TaskEvent::ALL.len() <= 8,
    "Permitted keeps a u8 of bits"
);

impl fmt::Display for Permitted {
    /// The actions, then `; ` and the events, each list joined by `, `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, action) in self.actions().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(action.name())?;
        }
        f.write_str(";")?;
        for (i, event) in self.events().enumerate() {
            f.write_str(if i > 0 { ", " } else { " " })?;
            f.write_str(event.name())?;
        }
        Ok(())
    }
}

/// Every action ([`can`]) and every workflow event ([`workflow::validate`]) that
/// `subject` may take on `task` now. `relations` are the facts the workflow needs
/// beyond the task (assignment group, responsible person, approvers, files
/// attached), as for [`workflow::validate`].
///
/// The answer is exactly what asking [`can`] for each action and
/// [`workflow::validate`] for each event would give, in one call, without
/// allocating.
#[must_use]
pub fn permitted_actions<U: Eq>(
    subject: &Subject<U>,
    task: &Task<U>,
    relations: Relations,
) -> Permitted {
    let mut permitted = Permitted::NOTHING;
    for &action in Action::ALL {
        if can(subject, action, task) {
            permitted.actions |= bit(action as u8);
        }
    }
    for &event in TaskEvent::ALL {
        if workflow::validate(subject, task, relations, event).is_ok() {
            permitted.events |= bit(event as u8);
        }
    }
    permitted
}
