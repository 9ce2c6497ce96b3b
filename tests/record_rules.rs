//! Record rules beyond the sweep: four eyes on every approval, delete, error
//! messages, asset form fields, terminal states.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    OwnRelation, PurchaseState,
};
use itam_rbac::{
    can_record, check_record, transition_record, Action, DenyReason, Record, RecordError,
    RecordEvent, RecordKind, RecordState, Role, Roles, Subject,
};

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
    let by_other = Record::new(state).created_by(OTHER).assigned_to(OTHER);
    assert!(
        transition_record(&everything(ME), &by_other, event).is_ok(),
        "{kind} {event}"
    );

    let created = Record::new(state).created_by(ME).assigned_to(OTHER);
    assert_eq!(
        transition_record(&everything(ME), &created, event),
        Err(RecordError::OwnRecord {
            kind,
            event,
            relation: OwnRelation::Creator
        })
    );
    let assigned = Record::new(state).created_by(OTHER).assigned_to(ME);
    assert_eq!(
        transition_record(&everything(ME), &assigned, event),
        Err(RecordError::OwnRecord {
            kind,
            event,
            relation: OwnRelation::Assignee
        })
    );
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
            for req in itam_rbac::roles_that_can(event, kind).requirements() {
                let four = req.clause == itam_rbac::review::Clause::NotCreatorNorAssignee;
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
    assert_eq!(
        editable_asset_fields(&admin, &Record::<_, u32>::new(AssetStatus::Active)),
        AssetFields::PARENT
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
