//! Tests that `cargo mutants` found missing (issue #7): each asserts a behaviour
//! of spec.md or lifecycle.md that no other test pinned, so that a mutant of the
//! decision and transition modules that changes it is caught.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::BTreeSet;

use itam_rbac::lifecycle::AssetState;
use itam_rbac::lifecycle::{self, AssetFlags, ManualMove, MoveFault, Refusal, Resume};
use itam_rbac::records::check_record;
use itam_rbac::records::{
    admits_demand_items, admits_registration, editable_asset_fields, is_document_frozen,
    AssetField, AssetStatus, ContractState, NomenclatureState, Record, RecordState,
};
use itam_rbac::workflow::{self, Person, Relations, TaskEvent, Wrong};
use itam_rbac::DenyReason;
use itam_rbac::{check, matrix, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// README "Audit codes": a denial from `check` carries the stable code of its
/// reason, 10 to 15, one case each.
#[test]
fn a_denial_carries_the_audit_code_of_its_reason() {
    let specialist = Subject::new(7_u32, Role::OperationSpecialist);
    let in_progress = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(8);
    let code = |subject: &Subject<u32>, action, task: &Task<u32>| {
        check(subject, action, task).unwrap_err().code()
    };

    // Delete is never granted (10).
    assert_eq!(code(&specialist, Action::Delete, &in_progress), 10);
    // No itam_agent: the platform admin has no ITAM access (11).
    let admin = Subject::new(7_u32, Role::PlatformAdmin);
    assert_eq!(code(&admin, Action::Read, &in_progress), 11);
    // An itam_agent who holds none of the create roles (12).
    let agent = Subject::new(7_u32, Role::Agent);
    assert_eq!(code(&agent, Action::Create, &in_progress), 12);
    // The specialist updates only as the assigned user (13).
    assert_eq!(code(&specialist, Action::Update, &in_progress), 13);
    // Inventory update: a contract manager is excluded from the agent clause (14).
    let contract_manager = Subject::new(7_u32, Role::ContractManager);
    let inventory = Task::new(TaskKind::Inventory, TaskState::InProgress);
    assert_eq!(code(&contract_manager, Action::Update, &inventory), 14);
    // A specialist who is also contract manager misses both inventory grants once
    // the task is completed; the nearer miss is the specialist's own grant (15).
    let both = Subject::new(7_u32, [Role::OperationSpecialist, Role::ContractManager]);
    let completed = inventory.in_state(TaskState::Completed);
    assert_eq!(code(&both, Action::Update, &completed), 15);
}

/// spec.md §2: delete is never granted, so every delete cell is empty; every read,
/// create and update cell names someone.
#[test]
fn only_the_delete_cells_are_never() {
    for kind in TaskKind::ALL {
        for action in Action::ALL {
            let cell = matrix::cell(*kind, *action);
            assert_eq!(
                cell.is_never(),
                *action == Action::Delete,
                "{action} on {kind}"
            );
        }
    }
    // And `never` means what it says: not even every role together gets delete.
    let everyone = Subject::new(1_u32, Roles::all());
    let mine = Task::new(TaskKind::Registration, TaskState::Registered).assigned_to(1);
    assert!(check(&everyone, Action::Delete, &mine).is_err());
}

/// README, "Names": with the `serde` feature a role set is a list of system names.
/// A bare name is not a list: it is rejected, and the error says what was expected.
#[cfg(feature = "serde")]
#[test]
fn a_role_set_deserializes_only_from_a_list() {
    let err = serde_json::from_str::<Roles>("\"itam_agent\"").unwrap_err();
    assert!(
        err.to_string()
            .contains("expected a list of role system names"),
        "{err}"
    );
    assert_eq!(
        serde_json::from_str::<Roles>("[\"itam_agent\"]").unwrap(),
        Roles::AGENT
    );
}

/// Every refusal of an asset, and every fault of a manual move, is said in its own
/// words (a typed reason and a sentence for a person): no two reasons read the
/// same, none is empty, and the error's message ends with it.
#[test]
fn each_refusal_and_move_fault_has_its_own_sentence() {
    let refusals: BTreeSet<&str> = Refusal::ALL.iter().map(|r| r.describe()).collect();
    assert_eq!(refusals.len(), Refusal::ALL.len());
    assert!(!refusals.contains(""));
    let faults: BTreeSet<&str> = MoveFault::ALL.iter().map(|f| f.describe()).collect();
    assert_eq!(faults.len(), MoveFault::ALL.len());
    assert!(!faults.contains(""));

    // lifecycle.md §1: disposal takes decommissioned assets only.
    let err =
        lifecycle::accepts(TaskKind::Disposal, AssetState::InUse, AssetFlags::empty()).unwrap_err();
    assert_eq!(err.refusal(), Refusal::State);
    assert!(
        err.to_string().ends_with(Refusal::State.describe()),
        "{err}"
    );

    // lifecycle.md §1: only itam_admin accepts storage/pending_verification.
    let specialist = Subject::new(1_u32, Role::OperationSpecialist);
    let err = lifecycle::move_asset(
        &specialist,
        AssetState::PendingVerification,
        AssetFlags::empty(),
        ManualMove::AcceptVerification,
    )
    .unwrap_err();
    assert_eq!(err.fault(), MoveFault::Role);
    assert!(
        err.to_string().ends_with(MoveFault::Role.describe()),
        "{err}"
    );
}

/// lifecycle.md §3, assets (the role model's 1.2.5): the operation specialist edits
/// seven fields of an active asset, by name and in the form's order; `itam_admin`
/// edits only assets CMDB discovery created (spec.md §1), so nothing of an active
/// one; an inactive asset is the one terminal status.
#[test]
fn asset_form_fields_by_name() {
    const SEVEN: [&str; 7] = [
        "use_as_replacement",
        "in_use_as_replacement",
        "not_found",
        "unfixable",
        "serial_number",
        "product_number",
        "operational_state",
    ];
    let active = Record::<_, u32>::new(AssetStatus::Active);
    let specialist = Subject::new(1_u32, Role::OperationSpecialist);
    let fields = editable_asset_fields(&specialist, &active);
    for field in AssetField::ALL {
        assert_eq!(fields.has(*field), SEVEN.contains(&field.name()), "{field}");
    }
    assert_eq!(fields.to_string(), SEVEN.join(", "));

    let admin = Subject::new(2_u32, Role::Admin);
    let fields = editable_asset_fields(&admin, &active);
    assert!(fields.is_empty(), "{fields}");
    let discovered = Record::<_, u32>::new(AssetStatus::Discovered);
    let fields = editable_asset_fields(&admin, &discovered);
    assert!(fields.has(AssetField::Parent));

    let terminal: Vec<AssetStatus> = AssetStatus::ALL
        .iter()
        .copied()
        .filter(|status| status.is_terminal())
        .collect();
    assert_eq!(terminal, [AssetStatus::Inactive]);
}

/// lifecycle.md §3, contracts: the contract document is frozen from approval on,
/// so only a draft's document may change.
#[test]
fn the_contract_document_is_frozen_from_approval_on() {
    for state in ContractState::ALL {
        assert_eq!(
            is_document_frozen(*state),
            *state != ContractState::Draft,
            "{state}"
        );
    }
}

/// lifecycle.md §3: contracts are created and edited by `itam_contract_manager`,
/// and delete is denied for every record. A record denial names the rule the user
/// missed (none for delete) and carries the audit code of its reason.
#[test]
fn a_record_denial_names_the_rule_it_needs() {
    let approver = Subject::new(1_u32, Role::ContractApprover);
    let contract = Record::<_, u32>::new(ContractState::Draft);

    let denied = check_record(&approver, Action::Update, &contract).unwrap_err();
    assert_eq!(denied.reason(), DenyReason::MissingRole);
    assert_eq!(denied.code(), 12);
    assert_eq!(
        denied.rule(),
        Some(itam_rbac::Grant::holding(Roles::CONTRACT_MANAGER))
    );
    assert_eq!(denied.state(), "draft");

    let manager = Subject::new(1_u32, Role::ContractManager);
    let denied = check_record(&manager, Action::Delete, &contract).unwrap_err();
    assert_eq!(denied.reason(), DenyReason::DeleteNeverGranted);
    assert_eq!(denied.code(), 10);
    assert_eq!(denied.rule(), None);
}

/// lifecycle.md §3, nomenclature: an inactive nomenclature admits no new
/// registration (purchase unavailable still does: assets already bought register,
/// ours); a new demand item takes an active nomenclature only.
#[test]
fn what_a_nomenclature_admits() {
    use NomenclatureState as N;
    assert!(admits_registration(N::Active));
    assert!(admits_registration(N::PurchaseUnavailable));
    assert!(!admits_registration(N::Inactive));
    assert!(admits_demand_items(N::Active));
    assert!(!admits_demand_items(N::PurchaseUnavailable));
    assert!(!admits_demand_items(N::Inactive));
}

/// lifecycle.md §2: each person rule of the task workflow is said in its own words,
/// and a refusal's message ends with it; e.g. four eyes: the assigned user never
/// approves the task.
#[test]
fn each_workflow_person_rule_has_its_own_sentence() {
    let sentences: BTreeSet<&str> = Person::ALL.iter().map(|p| p.describe()).collect();
    assert_eq!(sentences.len(), Person::ALL.len());
    assert!(!sentences.contains(""));

    let boss = Subject::new(7_u32, [Role::OperationSpecialist, Role::Responsible]);
    let task = Task::new(TaskKind::Maintenance, TaskState::PendingApproval).assigned_to(7);
    let err = workflow::validate(
        &boss,
        &task,
        Relations::ASSET_RESPONSIBLE,
        TaskEvent::Approve,
    )
    .unwrap_err();
    assert_eq!(err.wrong(), Wrong::Person(Person::FourEyes));
    assert!(
        err.to_string().ends_with(Person::FourEyes.describe()),
        "{err}"
    );
}

/// lifecycle.md §2, postpone: the assigned user (with the kind's performer role) or
/// `itam_process_manager`. A user who holds neither is told which roles would do:
/// both on maintenance (performed by the operation specialist), and the process
/// manager alone on change of responsible, whose performer it is.
#[test]
fn a_refused_postpone_names_the_roles_that_may() {
    let agent = Subject::new(7_u32, Role::Agent);
    let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(7);
    let err =
        workflow::validate(&agent, &task, Relations::empty(), TaskEvent::Postpone).unwrap_err();
    assert_eq!(
        err.wrong(),
        Wrong::Role(Roles::PROCESS_MANAGER | Roles::OPERATION_SPECIALIST)
    );

    let specialist = Subject::new(7_u32, Role::OperationSpecialist);
    let task = Task::new(TaskKind::ChangeOfResponsible, TaskState::InProgress).assigned_to(7);
    let err = workflow::validate(&specialist, &task, Relations::empty(), TaskEvent::Postpone)
        .unwrap_err();
    assert_eq!(err.wrong(), Wrong::Role(Roles::PROCESS_MANAGER));
}

/// lifecycle.md §1: a suspended asset carries the position it had before the task
/// (allocation reserves `storage/available` only), so cancel and completion restore
/// it; only `storage/available` and `in_operation/in_use` are such positions; the
/// terminal states are `out_of_stock`, `lost_or_stolen` and the four
/// `disposal_transfer` states (`decommissioned` is not terminal).
#[test]
fn suspended_states_carry_their_position() {
    use AssetState as S;
    for resume in [Resume::Available, Resume::InUse] {
        for state in [
            S::PendingMaintenance { resume },
            S::PendingUpgrade { resume },
            S::Transfer { resume },
            S::Upgrade { resume },
            S::InMaintenance { resume },
        ] {
            assert_eq!(state.resume(), Some(resume), "{state}");
            assert!(state.is_suspended(), "{state}");
        }
    }
    assert_eq!(S::Reserved.resume(), Some(Resume::Available));
    assert!(S::Reserved.is_suspended());
    for state in [
        S::Available,
        S::InUse,
        S::Decommissioned,
        S::PendingVerification,
    ] {
        assert_eq!(state.resume(), None, "{state}");
        assert!(!state.is_suspended(), "{state}");
    }

    assert_eq!(Resume::of(S::Available), Some(Resume::Available));
    assert_eq!(Resume::of(S::InUse), Some(Resume::InUse));
    assert_eq!(Resume::of(S::Reserved), None);

    let terminal: Vec<AssetState> = AssetState::ALL
        .iter()
        .copied()
        .filter(|state| state.is_terminal())
        .collect();
    assert_eq!(
        terminal,
        [
            S::OutOfStock,
            S::LostOrStolen,
            S::Disposed,
            S::Sold,
            S::Donated,
            S::ReturnedToSupplier
        ]
    );
}

/// A record rule reads as a person reads it: the roles that may, joined by "or".
/// lifecycle.md §3: a functional budget is created by `itam_process_manager` or
/// `itam_finance_manager`.
#[test]
fn a_record_rule_names_its_roles() {
    let rule = itam_rbac::Grant::holding(Roles::FINANCE_MANAGER | Roles::PROCESS_MANAGER);
    assert_eq!(
        rule.to_string(),
        "itam_process_manager or itam_finance_manager"
    );
    assert_eq!(
        itam_rbac::Grant::as_assigned_user(Roles::PURCHASE_MANAGER).to_string(),
        "itam_purchase_manager as the assigned user"
    );
}

/// The host's view of a record: moving it to another state keeps who created it and
/// who is assigned, so four eyes still holds there (lifecycle.md §3: the approver is
/// never the record's creator).
#[test]
fn a_record_moved_to_another_state_keeps_its_people() {
    let draft = Record::<_, u32>::new(ContractState::Draft).created_by(1);
    let in_approval = draft.in_state(ContractState::Approval);
    assert_eq!(in_approval.state, ContractState::Approval);
    assert!(in_approval.is_created_by(&1));
    let both = Subject::new(1_u32, [Role::ContractManager, Role::ContractApprover]);
    assert!(itam_rbac::records::transition_record(
        &both,
        &in_approval,
        itam_rbac::records::RecordEvent::Approve
    )
    .is_err());
}

/// spec.md §4: a conflict is held only by whoever holds both of its roles (directly
/// or through inclusion): the purchase manager alone does not hold the purchase
/// conflict, and the demand manager with the demand approver does.
#[test]
fn a_conflict_is_held_only_with_both_roles() {
    for conflict in itam_rbac::sod::CONFLICTS {
        assert!(!conflict.is_held_by(Roles::empty()), "{conflict}");
        assert!(
            !conflict.is_held_by(conflict.preparer().bit()),
            "{conflict}"
        );
        assert!(
            !conflict.is_held_by(conflict.approver().bit()),
            "{conflict}"
        );
        assert!(conflict.is_held_by(conflict.roles()), "{conflict}");
    }
}
