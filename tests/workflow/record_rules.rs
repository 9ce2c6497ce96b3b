//! Record rules beyond the sweep: four eyes on every approval (failing closed on an
//! unknown creator), approval by every contract approver, frozen records, delete,
//! error messages, asset form fields, terminal states.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use crate::oracle;

use std::str::FromStr;

use itam_rbac::records::{
    admits_demand_items, admits_registration, editable_asset_fields, is_document_frozen, Approval,
    AssetField, AssetStatus, BudgetState, ContractState, CostItemState, DemandState,
    NomenclatureState, OwnRelation, PurchaseState,
};
use itam_rbac::records::{
    can_record, check_record, transition_record, Record, RecordError, RecordEvent, RecordFault,
    RecordKind, RecordState,
};
use itam_rbac::{Action, DenyReason, Role, Roles, Subject};

const ME: u32 = 1;
const OTHER: u32 = 2;

/// Holds every role there is.
fn everything(id: u32) -> Subject<u32> {
    Subject::new(id, Roles::all())
}

/// Four eyes on one approval: the creator and the assignee are refused whatever
/// their roles, anyone else holding the approver role is not.
fn four_eyes<S: RecordState>(state: S, event: RecordEvent) {
    let kind = S::KIND;
    let by_other = Record::new(state)
        .submitted_by(3)
        .created_by(OTHER)
        .assigned_to(OTHER);
    assert!(
        transition_record(&everything(ME), &by_other, event).is_ok(),
        "{kind} {event}"
    );

    let created = Record::new(state)
        .submitted_by(3)
        .created_by(ME)
        .assigned_to(OTHER);
    assert_eq!(
        faults(transition_record(&everything(ME), &created, event)),
        Err((kind, event, RecordFault::OwnRecord(OwnRelation::Creator)))
    );
    let assigned = Record::new(state)
        .submitted_by(3)
        .created_by(OTHER)
        .assigned_to(ME);
    assert_eq!(
        faults(transition_record(&everything(ME), &assigned, event)),
        Err((kind, event, RecordFault::OwnRecord(OwnRelation::Assignee)))
    );
    // A known creator and nobody assigned: there is no assigned user to exclude.
    let unassigned = Record::new(state).submitted_by(3).created_by(OTHER);
    assert!(
        transition_record(&everything(ME), &unassigned, event).is_ok(),
        "{kind} {event}"
    );
}

/// Four eyes fails closed: with the creator unknown the approval is refused, unless
/// the system created the record; being the assignee is still refused first.
/// A refused event as (kind, event, fault), for comparing.
fn faults<S: RecordState>(
    result: Result<S, RecordError>,
) -> Result<S, (itam_rbac::records::RecordKind, RecordEvent, RecordFault)> {
    result.map_err(|e| (e.kind(), e.event(), e.fault()))
}

fn unknown_creator<S: RecordState>(state: S, event: RecordEvent) {
    let kind = S::KIND;
    let unknown = Err((kind, event, RecordFault::UnknownCreator));
    let me = everything(ME);
    assert_eq!(
        faults(transition_record(
            &me,
            &Record::new(state).submitted_by(3),
            event
        )),
        unknown
    );
    let other_assigned = Record::new(state).submitted_by(3).assigned_to(OTHER);
    assert_eq!(
        faults(transition_record(&me, &other_assigned, event)),
        unknown
    );
    let me_assigned = Record::new(state).submitted_by(3).assigned_to(ME);
    assert_eq!(
        faults(transition_record(&me, &me_assigned, event)),
        Err((kind, event, RecordFault::OwnRecord(OwnRelation::Assignee)))
    );

    let system = Record::new(state).submitted_by(3).created_by_system();
    assert!(
        transition_record(&me, &system, event).is_ok(),
        "{kind} {event}"
    );
    let system_assigned = system.clone().assigned_to(OTHER);
    assert!(transition_record(&me, &system_assigned, event).is_ok());
    assert_eq!(
        faults(transition_record(
            &me,
            &system.clone().assigned_to(ME),
            event
        )),
        Err((kind, event, RecordFault::OwnRecord(OwnRelation::Assignee)))
    );
    // Saying the system created it does not clear a known creator.
    assert_eq!(
        faults(transition_record(&me, &system.created_by(ME), event)),
        Err((kind, event, RecordFault::OwnRecord(OwnRelation::Creator)))
    );
}

#[test]
fn an_unknown_creator_fails_every_approval_closed() {
    for event in [RecordEvent::Approve, RecordEvent::Reject] {
        unknown_creator(ContractState::Approval, event);
        unknown_creator(PurchaseState::PendingApproval, event);
        unknown_creator(DemandState::PendingApproval, event);
        unknown_creator(BudgetState::PendingApproval, event);
    }
    unknown_creator(CostItemState::Registered, RecordEvent::Approve);
    // Only approvals check the creator: other events go on without one.
    let manager = Subject::new(ME, Role::ContractManager);
    let draft = Record::new(ContractState::Draft).with_document();
    assert_eq!(
        transition_record(&manager, &draft, RecordEvent::SendForApproval),
        Ok(ContractState::Approval)
    );
}

#[test]
fn a_contract_is_approved_by_every_approver() {
    assert_eq!(ContractState::APPROVAL, Approval::Every);
    for approval in [
        PurchaseState::APPROVAL,
        DemandState::APPROVAL,
        BudgetState::APPROVAL,
        CostItemState::APPROVAL,
    ] {
        assert_eq!(approval, Approval::One);
    }
    let contract = Record::new(ContractState::Approval)
        .created_by(OTHER)
        .submitted_by(OTHER);
    let approver = Subject::new(ME, Role::ContractApprover);
    // Not the last approver: it stays in approval.
    assert_eq!(
        transition_record(&approver, &contract, RecordEvent::Approve),
        Ok(ContractState::Approval)
    );
    let last = contract.clone().all_approved();
    assert_eq!(
        transition_record(&approver, &last, RecordEvent::Approve),
        Ok(ContractState::Signing)
    );
    // Any one approver's reject rejects, whether or not the others approved.
    for record in [&contract, &last] {
        assert_eq!(
            transition_record(&approver, record, RecordEvent::Reject),
            Ok(ContractState::Draft)
        );
    }
    // all_approved never excuses four eyes.
    let own = last.created_by(ME);
    assert!(matches!(
        transition_record(&approver, &own, RecordEvent::Approve).map_err(|e| e.fault()),
        Err(RecordFault::OwnRecord(_))
    ));
    // One approver decides elsewhere, with or without the flag.
    let purchase = Record::new(PurchaseState::PendingApproval)
        .created_by(OTHER)
        .submitted_by(OTHER);
    let buyer = Subject::new(ME, Role::PurchaseApprover);
    for record in [purchase.clone(), purchase.all_approved()] {
        assert_eq!(
            transition_record(&buyer, &record, RecordEvent::Approve),
            Ok(PurchaseState::Approved)
        );
    }
}

/// Update in every state of `spec` by someone holding every role, as the creator
/// and assigned user: denied as frozen exactly in the spec's frozen states; create
/// and read are never frozen.
fn frozen_as_the_spec_says<S>(spec: &oracle::records::Spec)
where
    S: RecordState + FromStr,
    <S as FromStr>::Err: std::fmt::Debug,
{
    let all = everything(ME);
    for &name in spec.states {
        let state: S = name.parse().unwrap();
        let record = Record::new(state).created_by(ME).assigned_to(ME);
        let frozen = spec.frozen.contains(&name);
        assert_eq!(state.is_frozen(), frozen, "{} {name}", spec.kind);
        let update = check_record(&all, Action::Update, &record);
        if frozen {
            let denied = update.unwrap_err();
            assert_eq!(
                denied.reason(),
                DenyReason::RecordFrozen,
                "{} {name}",
                spec.kind
            );
            assert_eq!(denied.code(), 16);
            assert_eq!(denied.rule(), None);
        } else if S::KIND != RecordKind::Asset {
            assert!(update.is_ok(), "{} {name}", spec.kind);
        }
        assert!(can_record(&all, Action::Read, &record));
        if S::KIND != RecordKind::Asset {
            assert!(
                can_record(&all, Action::Create, &record),
                "{} {name}",
                spec.kind
            );
        }
    }
}

#[test]
fn records_are_frozen_from_approval_on() {
    frozen_as_the_spec_says::<ContractState>(&oracle::records::CONTRACT);
    frozen_as_the_spec_says::<PurchaseState>(&oracle::records::PURCHASE);
    frozen_as_the_spec_says::<DemandState>(&oracle::records::DEMAND);
    frozen_as_the_spec_says::<BudgetState>(&oracle::records::BUDGET);
    frozen_as_the_spec_says::<CostItemState>(&oracle::records::COST);
    frozen_as_the_spec_says::<NomenclatureState>(&oracle::records::NOMENCLATURE);
    frozen_as_the_spec_says::<AssetStatus>(&oracle::records::ASSET);

    let manager = Subject::new(ME, Role::ContractManager);
    let signing = Record::new(ContractState::Signing).created_by(ME);
    assert_eq!(
        check_record(&manager, Action::Update, &signing)
            .unwrap_err()
            .to_string(),
        "update on a contract in state signing denied: the record is frozen in this state; \
         nobody may"
    );
    // A role the table does not name is reported as such, frozen or not.
    let agent = Subject::new(ME, Role::Agent);
    assert_eq!(
        check_record(&agent, Action::Update, &signing)
            .unwrap_err()
            .reason(),
        DenyReason::MissingRole
    );
    // The review listing knows: the contract is updated in some states only.
    let who = itam_rbac::review::roles_that_can(Action::Update, RecordKind::Contract);
    assert_eq!(who.roles(), Roles::CONTRACT_MANAGER);
    assert!(who.requirements().all(|r| !r.in_every_state));
}

#[test]
fn four_eyes_on_every_approval() {
    for event in [RecordEvent::Approve, RecordEvent::Reject] {
        four_eyes(ContractState::Approval, event);
        four_eyes(PurchaseState::PendingApproval, event);
        four_eyes(DemandState::PendingApproval, event);
        four_eyes(BudgetState::PendingApproval, event);
    }
    four_eyes(CostItemState::Registered, RecordEvent::Approve);
}

#[test]
fn every_approval_is_four_eyes_in_the_tables() {
    // Every applicable approve/reject of every kind, found through the review
    // listing, carries the four-eyes clause; no other event does.
    for &kind in RecordKind::ALL {
        for &event in RecordEvent::ALL {
            for req in itam_rbac::review::roles_that_can(event, kind).requirements() {
                let four = req.clause == itam_rbac::Clause::FourEyes;
                assert_eq!(four, event.is_approval(), "{kind} {event}");
            }
        }
    }
}

#[test]
fn delete_is_denied_for_every_record_and_role() {
    let all = everything(ME);
    let denied = check_record(
        &all,
        Action::Delete,
        &Record::new(ContractState::Draft).created_by(ME),
    )
    .unwrap_err();
    assert_eq!(denied.reason(), DenyReason::DeleteNeverGranted);
    assert_eq!(denied.code(), 10);
    for &role in Role::ALL {
        let one = Subject::new(ME, role);
        assert!(!can_record(
            &one,
            Action::Delete,
            &Record::<_, u32>::new(AssetStatus::Discovered)
        ));
        assert!(!can_record(
            &one,
            Action::Delete,
            &Record::<_, u32>::new(CostItemState::Registered)
        ));
    }
}

#[test]
fn errors_read_well() {
    let approver = Subject::new(ME, Role::ContractApprover);
    let own = Record::new(ContractState::Approval).created_by(ME);
    assert_eq!(
        transition_record(&approver, &own, RecordEvent::Approve)
            .unwrap_err()
            .to_string(),
        "approve on a contract: four eyes, the user created the record"
    );
    assert_eq!(
        transition_record(&approver, &own, RecordEvent::Allocate)
            .unwrap_err()
            .to_string(),
        "allocate does not apply to a contract"
    );
    let agent = Subject::new(ME, Role::Agent);
    assert_eq!(
        transition_record(&agent, &own, RecordEvent::Approve)
            .unwrap_err()
            .to_string(),
        "approve on a contract: the user holds none of itam_contract_approver"
    );
    let unknown = Record::new(ContractState::Approval);
    assert_eq!(
        transition_record(&approver, &unknown, RecordEvent::Approve)
            .unwrap_err()
            .to_string(),
        "approve on a contract: the record's creator is unknown, so four eyes cannot be checked"
    );
    let purchase = Record::new(PurchaseState::Registered).assigned_to(OTHER);
    let manager = Subject::new(ME, Role::PurchaseManager);
    assert_eq!(
        check_record(&manager, Action::Update, &purchase).unwrap_err().to_string(),
        "update on a purchase_request in state registered denied: the user is not the assigned user; \
         it needs itam_purchase_manager as the assigned user"
    );
    assert_eq!(
        check_record(
            &Subject::new(ME, Role::PlatformAdmin),
            Action::Read,
            &purchase
        )
        .unwrap_err()
        .reason(),
        DenyReason::NoItamAccess
    );
}

#[test]
fn asset_fields_agree_with_the_update_rule() {
    use itam_rbac::records::{editable_asset_fields, AssetFields};
    for &status in AssetStatus::ALL {
        let asset = Record::<_, u32>::new(status);
        for &role in Role::ALL {
            let user = Subject::new(ME, role);
            let fields = editable_asset_fields(&user, &asset);
            assert_eq!(
                !fields.is_empty(),
                can_record(&user, Action::Update, &asset),
                "{role} {status}"
            );
            assert!(!fields.intersects(AssetFields::NEVER));
        }
    }
    let spec = Subject::new(ME, Role::OperationSpecialist);
    let names: Vec<_> = editable_asset_fields(&spec, &Record::new(AssetStatus::Active))
        .fields()
        .map(itam_rbac::records::AssetField::name)
        .collect();
    assert_eq!(
        names,
        [
            "use_as_replacement",
            "in_use_as_replacement",
            "not_found",
            "unfixable",
            "serial_number",
            "product_number",
            "operational_state"
        ]
    );
    let admin = Subject::new(ME, Role::Admin);
    let pending = editable_asset_fields(
        &admin,
        &Record::<_, u32>::new(AssetStatus::PendingVerification),
    );
    assert!(pending.contains(
        AssetFields::SPECIALIST | AssetFields::NOMENCLATURE | AssetFields::CORRESPONDING_CI
    ));
    // SOURCES.md §C7: itam_admin edits the asset records CMDB discovery created, and
    // no other: not even the parent of an asset a registration task created.
    let registered = Record::<_, u32>::new(AssetStatus::Active);
    assert!(editable_asset_fields(&admin, &registered).is_empty());
    assert!(!can_record(&admin, Action::Update, &registered));
    assert!(
        editable_asset_fields(&admin, &Record::<_, u32>::new(AssetStatus::Discovered))
            .has(itam_rbac::records::AssetField::Parent)
    );
    assert!(editable_asset_fields(
        &Subject::new(ME, Roles::all()),
        &Record::<_, u32>::new(AssetStatus::Inactive)
    )
    .is_empty());
}

#[test]
fn terminal_states_have_no_exits() {
    fn check<S: RecordState>() {
        for &state in S::STATES {
            let exits = RecordEvent::ALL
                .iter()
                .filter(|&&e| state.next(e).is_some())
                .count();
            if state.is_terminal() {
                assert_eq!(exits, 0, "{} {state}", S::KIND);
            } else if S::KIND != RecordKind::Asset {
                // Assets in operation move through tasks, not record events.
                assert!(exits > 0, "{} {state}", S::KIND);
            }
        }
    }
    check::<ContractState>();
    check::<PurchaseState>();
    check::<DemandState>();
    check::<BudgetState>();
    check::<CostItemState>();
    check::<NomenclatureState>();
    check::<AssetStatus>();
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §C7, assets (the role model's 1.2.5): the operation specialist edits
/// seven fields of an active asset, by name and in the form's order; `itam_admin`
/// edits only assets CMDB discovery created (SOURCES.md §C7), so nothing of an active
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

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §C1, contracts: the contract document is frozen from approval on,
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

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §C1: contracts are created and edited by `itam_contract_manager`,
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

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §C6, nomenclature: an inactive nomenclature admits no new
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

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// A record rule reads as a person reads it: the roles that may, joined by "or".
/// SOURCES.md §C4: a functional budget is created by `itam_process_manager` or
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

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// The host's view of a record: moving it to another state keeps who created it and
/// who is assigned, so four eyes still holds there (SOURCES.md §S1: the approver is
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

/// Issue 11: whoever sent a record for approval never approves or rejects it,
/// whatever roles they hold; and on a kind that is sent for approval, an approval
/// with no known submitter fails closed. An actual cost item is approved without a
/// submission: it has no submitter to exclude.
#[test]
fn the_submitter_never_approves_and_an_unknown_one_fails_closed() {
    fn case<S: RecordState>(state: S, submitted: bool) {
        let kind = S::KIND;
        for event in [RecordEvent::Approve, RecordEvent::Reject] {
            if S::event_rule(event).is_none() {
                continue;
            }
            let record = Record::new(state).created_by(OTHER).assigned_to(OTHER);
            let mine = record.clone().submitted_by(ME);
            assert_eq!(
                faults(transition_record(&everything(ME), &mine, event)),
                Err((kind, event, RecordFault::OwnRecord(OwnRelation::Submitter)))
            );
            let theirs = record.clone().submitted_by(OTHER);
            assert!(transition_record(&everything(ME), &theirs, event).is_ok());
            let unknown = transition_record(&everything(ME), &record, event);
            if submitted {
                assert_eq!(
                    faults(unknown),
                    Err((kind, event, RecordFault::UnknownSubmitter))
                );
            } else {
                assert!(unknown.is_ok(), "{kind} {event}");
            }
        }
    }
    case(ContractState::Approval, true);
    case(PurchaseState::PendingApproval, true);
    case(DemandState::PendingApproval, true);
    case(BudgetState::PendingApproval, true);
    case(CostItemState::Registered, false);
    let err = transition_record(
        &Subject::new(ME, [Role::FinanceManager, Role::BudgetController]),
        &Record::new(BudgetState::PendingApproval)
            .created_by(OTHER)
            .submitted_by(ME),
        RecordEvent::Approve,
    )
    .unwrap_err();
    assert_eq!(err.code(), 21);
    assert_eq!(
        err.to_string(),
        "approve on a functional_budget: four eyes, the user submitted the record"
    );
}

/// A refused record event names the record's kind, state and event, and its code.
#[test]
fn a_record_error_names_its_state() {
    let agent = Subject::new(ME, Role::Agent);
    let contract = Record::new(ContractState::Approval).created_by(OTHER);
    let err = transition_record(&agent, &contract, RecordEvent::Approve).unwrap_err();
    assert_eq!(
        (err.kind(), err.state(), err.event()),
        (RecordKind::Contract, "approval", RecordEvent::Approve)
    );
    assert_eq!(
        err.fault(),
        RecordFault::MissingRole(Roles::CONTRACT_APPROVER)
    );
    assert_eq!(err.code(), 12);
    let wrong = transition_record(
        &agent,
        &contract.in_state(ContractState::Valid),
        RecordEvent::Approve,
    )
    .unwrap_err();
    assert_eq!((wrong.state(), wrong.code()), ("valid", 17));
}
