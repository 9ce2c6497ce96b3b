//! Invariants of the decision functions over arbitrary role sets (proptest).

use itam_rbac::{can, check, explain, Action, Role, Roles, Subject, Task, TaskKind, TaskState};
use proptest::prelude::*;
use proptest::sample::select;

/// Any 32-bit pattern, including bits that name no role.
fn roles() -> impl Strategy<Value = Roles> {
    any::<u32>().prop_map(Roles::from_bits_retain)
}

fn task() -> impl Strategy<Value = Task<u8>> {
    (
        select(TaskKind::ALL),
        select(TaskState::ALL),
        proptest::option::of(0_u8..3),
    )
        .prop_map(|(kind, state, assignee)| match assignee {
            Some(id) => Task::new(kind, state).assigned_to(id),
            None => Task::new(kind, state),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn no_itam_role_allows_nothing(platform in select(vec![
        Roles::empty(),
        Roles::PLATFORM_ADMIN,
        Roles::FISCAL_PERIOD_AGENT | Roles::COST_CENTER_AGENT | Roles::PLATFORM_ADMIN,
    ]), action in select(Action::ALL), task in task()) {
        let user = Subject::new(0_u8, platform);
        prop_assert!(!can(&user, action, &task));
    }

    #[test]
    fn delete_is_never_allowed(granted in roles(), task in task(), id in 0_u8..3) {
        let user = Subject::new(id, granted);
        prop_assert!(!can(&user, Action::Delete, &task));
        prop_assert_eq!(explain(&user, Action::Delete, &task).code(), 10);
    }

    #[test]
    fn the_three_answers_agree(granted in roles(), action in select(Action::ALL), task in task(), id in 0_u8..3) {
        let user = Subject::new(id, granted);
        let allowed = can(&user, action, &task);
        prop_assert_eq!(check(&user, action, &task).is_ok(), allowed);
        prop_assert_eq!(explain(&user, action, &task).is_allowed(), allowed);
    }

    #[test]
    fn adding_a_role_never_removes_a_permission_except_the_inventory_rule(
        granted in roles(),
        added in select(Role::ALL),
        action in select(Action::ALL),
        task in task(),
        id in 0_u8..3,
    ) {
        let before = can(&Subject::new(id, granted), action, &task);
        let after = can(&Subject::new(id, granted | added.bit()), action, &task);
        if before && !after {
            // The one non-monotone rule of SOURCES.md §T3.
            prop_assert_eq!(added, Role::ContractManager);
            prop_assert_eq!(task.kind, TaskKind::Inventory);
            prop_assert_eq!(action, Action::Update);
        }
    }

    #[test]
    fn the_effective_set_is_closed_and_contains_the_grant(granted in roles()) {
        let user = Subject::new((), granted);
        let known = granted & Roles::all();
        prop_assert!(user.effective().contains(known));
        prop_assert_eq!(user.granted(), known);
        prop_assert_eq!(user.effective().effective(), user.effective());
    }
}

#[test]
fn contract_manager_does_take_the_inventory_update_away() {
    let task = Task::new(TaskKind::Inventory, TaskState::InProgress).assigned_to(2_u8);
    assert!(can(&Subject::new(1_u8, Role::Agent), Action::Update, &task));
    assert!(!can(
        &Subject::new(1_u8, [Role::Agent, Role::ContractManager]),
        Action::Update,
        &task
    ));
    // ... unless the second clause applies: a specialist before completion.
    assert!(can(
        &Subject::new(1_u8, [Role::OperationSpecialist, Role::ContractManager]),
        Action::Update,
        &task
    ));
    let completed = task.in_state(TaskState::Completed);
    assert!(!can(
        &Subject::new(1_u8, [Role::OperationSpecialist, Role::ContractManager]),
        Action::Update,
        &completed
    ));
}
