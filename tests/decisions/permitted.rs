//! `permitted_actions` agrees with `can` and `workflow::validate` on every input of
//! the exhaustive task sweep.

use itam_rbac::review::{permitted_actions, Permitted};
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{can, Action, Roles, Subject, Task, TaskKind, TaskState};

use crate::common_roles::{role_sets, ROLE_SETS};

/// The task's assignee and creator relative to the user (id 1): the user, someone
/// else (2), or nobody.
const PEOPLE: [Option<u8>; 3] = [Some(1), Some(2), None];

fn tasks(kind: TaskKind, state: TaskState) -> impl Iterator<Item = Task<u8>> {
    PEOPLE.into_iter().flat_map(move |assignee| {
        PEOPLE.into_iter().map(move |creator| {
            let task = Task::new(kind, state);
            let task = match assignee {
                Some(id) => task.assigned_to(id),
                None => task,
            };
            match creator {
                Some(id) => task.created_by(id),
                None => task,
            }
        })
    })
}

#[test]
fn permitted_actions_is_can_and_validate_in_one_call() {
    let mut checked = 0_usize;
    let mut allowed = 0_usize;
    for roles in role_sets() {
        let user = Subject::new(1_u8, roles);
        for &kind in TaskKind::ALL {
            for &state in TaskState::ALL {
                for task in tasks(kind, state) {
                    for relations in
                        (0..=Relations::all().bits()).map(Relations::from_bits_truncate)
                    {
                        let permitted = permitted_actions(&user, &task, relations);
                        for &action in Action::ALL {
                            assert_eq!(permitted.allows(action), can(&user, action, &task));
                        }
                        for &event in TaskEvent::ALL {
                            let valid = workflow::validate(&user, &task, relations, event).is_ok();
                            assert_eq!(
                                permitted.allows_event(event),
                                valid,
                                "{event} on {task:?} by {roles}"
                            );
                        }
                        assert_eq!(
                            permitted.actions().count() + permitted.events().count() == 0,
                            permitted.is_empty()
                        );
                        allowed += permitted.actions().count() + permitted.events().count();
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, ROLE_SETS as usize * 12 * 7 * 9 * 64);
    assert!(allowed > 0);
}

#[test]
fn nobody_without_roles_gets_a_button() {
    let nobody = Subject::new(1_u8, Roles::PLATFORM_ADMIN);
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            for task in tasks(kind, state) {
                assert_eq!(
                    permitted_actions(&nobody, &task, Relations::all()),
                    Permitted::NOTHING
                );
            }
        }
    }
}

#[test]
fn a_terminal_task_offers_no_event_and_delete_is_never_offered() {
    let manager = Subject::new(1_u8, Roles::all());
    for &kind in TaskKind::ALL {
        for state in [TaskState::Completed, TaskState::Canceled] {
            for task in tasks(kind, state) {
                let permitted = permitted_actions(&manager, &task, Relations::all());
                assert_eq!(permitted.events().count(), 0, "{kind} in {state}");
                assert!(!permitted.allows(Action::Delete));
                assert!(permitted.allows(Action::Read));
            }
        }
    }
}
