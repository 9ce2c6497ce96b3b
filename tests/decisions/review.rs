//! Review functions: `roles_that_can` against SOURCES.md §T1 and SOURCES.md §C, and
//! `grants_of` against the decisions themselves.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use itam_rbac::records::{
    can_record, transition_record, Record, RecordEvent, RecordKind, RecordState,
};
use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState,
};
use itam_rbac::review::{grants_of, roles_that_can};
use itam_rbac::review::{minimal, Operation, Target};
use itam_rbac::Clause;
use itam_rbac::{can, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

fn set(names: &[&str]) -> Roles {
    names.iter().map(|n| n.parse::<Role>().unwrap()).collect()
}

#[test]
fn task_matrix_minimal_roles() {
    for &kind in TaskKind::ALL {
        assert_eq!(
            roles_that_can(Action::Read, kind).roles(),
            set(&["itam_agent"])
        );
        assert_eq!(
            roles_that_can(Action::Create, kind).roles(),
            set(&[
                "itam_operation_specialist",
                "itam_process_manager",
                "itam_responsible"
            ])
        );
        assert!(roles_that_can(Action::Delete, kind).is_never());
        let update = roles_that_can(Action::Update, kind);
        let want = match kind.name() {
            // any itam_agent (except contract_manager) covers process_manager and specialist
            "inventory" => set(&["itam_agent"]),
            "change_of_responsible" => set(&["itam_process_manager", "itam_responsible"]),
            _ => set(&["itam_process_manager", "itam_operation_specialist"]),
        };
        assert_eq!(update.roles(), want, "{kind}");
        assert!(update.is_conditional(), "{kind}");
    }
    let inventory: Vec<_> = roles_that_can(Action::Update, TaskKind::Inventory)
        .requirements()
        .collect();
    // Policy revision 2: the whole inventory update cell holds only while the task
    // is open, so neither requirement holds in every state.
    assert_eq!(inventory[0].clause, Clause::Unless(Roles::CONTRACT_MANAGER));
    assert!(!inventory[0].in_every_state);
    assert_eq!(inventory[1].clause, Clause::Always);
    assert!(!inventory[1].in_every_state);
}

#[test]
fn record_minimal_roles() {
    let cases: &[(RecordKind, Operation, &[&str], bool)] = &[
        (
            RecordKind::Contract,
            Action::Create.into(),
            &["itam_contract_manager"],
            false,
        ),
        (
            RecordKind::Contract,
            RecordEvent::Approve.into(),
            &["itam_contract_approver"],
            true,
        ),
        (
            RecordKind::PurchaseRequest,
            Action::Read.into(),
            &["itam_purchase_agent", "itam_finance_manager"],
            false,
        ),
        (
            RecordKind::PurchaseRequest,
            Action::Update.into(),
            &["itam_purchase_manager"],
            true,
        ),
        (
            RecordKind::Demand,
            RecordEvent::Approve.into(),
            &["itam_demand_approver"],
            true,
        ),
        (
            RecordKind::Demand,
            RecordEvent::StartWork.into(),
            &["itam_demand_manager"],
            false,
        ),
        (
            RecordKind::FunctionalBudget,
            Action::Create.into(),
            &["itam_process_manager", "itam_finance_manager"],
            false,
        ),
        (
            RecordKind::ActualCostItem,
            RecordEvent::Approve.into(),
            &["itam_finance_manager"],
            true,
        ),
        (
            RecordKind::Nomenclature,
            Action::Update.into(),
            &["itam_nomenclature_manager"],
            false,
        ),
        (
            RecordKind::Asset,
            Action::Update.into(),
            &["itam_operation_specialist", "itam_admin"],
            true,
        ),
        (
            RecordKind::Asset,
            RecordEvent::Accept.into(),
            &["itam_admin"],
            false,
        ),
    ];
    for &(kind, op, roles, conditional) in cases {
        let who = roles_that_can(op, kind);
        assert_eq!(who.roles(), set(roles), "{op} {kind}");
        assert_eq!(who.is_conditional(), conditional, "{op} {kind}");
        assert_eq!(who.target(), Target::Record(kind));
    }
    for &kind in RecordKind::ALL {
        assert!(roles_that_can(Action::Delete, kind).is_never());
    }
    assert!(roles_that_can(Action::Create, RecordKind::Asset).is_never());
    assert!(roles_that_can(RecordEvent::Allocate, RecordKind::Contract).is_never());
}

#[test]
fn minimal_drops_roles_that_include_another() {
    assert_eq!(
        minimal(Roles::DEMAND_MANAGER | Roles::NOMENCLATURE_MANAGER),
        Roles::NOMENCLATURE_MANAGER
    );
    assert_eq!(
        minimal(Roles::PURCHASE_MANAGER | Roles::PURCHASE_AGENT | Roles::AGENT),
        Roles::AGENT
    );
    assert_eq!(minimal(Roles::empty()), Roles::empty());
}

/// Whether a user holding only `role` may take `op` on `target` in some state, as
/// some person (assigned, not creator).
fn possible(role: Role, op: Operation, target: Target) -> bool {
    let me = Subject::new(1_u32, role);
    match (target, op) {
        (Target::Task(kind), Operation::Action(action)) => TaskState::ALL.iter().any(|&state| {
            can(&me, action, &Task::new(kind, state).assigned_to(1))
                || can(&me, action, &Task::new(kind, state))
        }),
        (Target::Task(_), Operation::Event(_)) => false,
        (Target::Record(kind), op) => match kind {
            RecordKind::Contract => possible_record::<ContractState>(&me, op),
            RecordKind::PurchaseRequest => possible_record::<PurchaseState>(&me, op),
            RecordKind::Demand => possible_record::<DemandState>(&me, op),
            RecordKind::FunctionalBudget => possible_record::<BudgetState>(&me, op),
            RecordKind::ActualCostItem => possible_record::<CostItemState>(&me, op),
            RecordKind::Nomenclature => possible_record::<NomenclatureState>(&me, op),
            RecordKind::Asset => possible_record::<AssetStatus>(&me, op),
        },
    }
}

fn possible_record<S: RecordState>(me: &Subject<u32>, op: Operation) -> bool {
    S::STATES.iter().any(|&state| {
        [
            Record::new(state).assigned_to(1).with_document(),
            Record::new(state)
                .created_by(2)
                .assigned_to(2)
                .submitted_by(2)
                .with_document(),
        ]
        .iter()
        .any(|record| match op {
            Operation::Action(action) => can_record(me, action, record),
            Operation::Event(event) => transition_record(me, record, event).is_ok(),
        })
    })
}

#[test]
fn grants_of_lists_exactly_what_the_role_may_do() {
    let mut targets: Vec<Target> = TaskKind::ALL.iter().map(|&k| k.into()).collect();
    targets.extend(RecordKind::ALL.iter().map(|&k| Target::from(k)));
    let mut ops: Vec<Operation> = Action::ALL.iter().map(|&a| a.into()).collect();
    ops.extend(RecordEvent::ALL.iter().map(|&e| Operation::from(e)));
    for &role in Role::ALL {
        let listed: Vec<_> = grants_of(role).collect();
        for &target in &targets {
            for &op in &ops {
                let in_list = listed
                    .iter()
                    .any(|g| g.target == target && g.operation == op);
                assert_eq!(in_list, possible(role, op, target), "{role}: {op} {target}");
            }
        }
        for g in &listed {
            assert!(role.effective().has(g.via));
            assert_eq!(g.is_direct(), g.via == role);
        }
    }
}

#[test]
fn grants_of_marks_inclusion() {
    let demand_manager: Vec<_> = grants_of(Role::DemandManager).collect();
    let nomenclature = demand_manager
        .iter()
        .find(|g| {
            g.target == Target::Record(RecordKind::Nomenclature)
                && g.operation == Operation::Action(Action::Update)
        })
        .unwrap();
    assert_eq!(
        nomenclature.to_string(),
        "update nomenclature (through itam_nomenclature_manager)"
    );
    let start = demand_manager
        .iter()
        .find(|g| g.operation == Operation::Event(RecordEvent::StartWork))
        .unwrap();
    assert!(start.is_direct());
    // The inventory rule excludes the contract manager: not listed.
    assert!(!grants_of(Role::ContractManager)
        .any(|g| g.target == Target::Task(TaskKind::Inventory)
            && g.operation == Operation::Action(Action::Update)));
    // The platform admin gains no ITAM right.
    assert_eq!(grants_of(Role::PlatformAdmin).count(), 0);
}
