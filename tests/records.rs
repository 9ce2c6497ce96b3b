//! Every record × state × event × role set of the record's relevant roles × person,
//! against the oracle written from lifecycle.md §3; and four eyes on every approval.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod oracle;

use std::str::FromStr;

use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState,
};
use itam_rbac::{
    can_record, check_record, transition_record, Action, Record, RecordError, RecordEvent,
    RecordState, Role, Roles, Subject,
};
use oracle::{Actor, Spec};

const ME: u32 = 1;
const OTHER: u32 = 2;

/// Every subset of `roles`.
fn subsets(roles: &[&'static str]) -> Vec<Vec<&'static str>> {
    (0..1_u32 << roles.len())
        .map(|mask| {
            roles
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, r)| *r)
                .collect()
        })
        .collect()
}

fn error_category(err: &RecordError) -> &'static str {
    match err {
        RecordError::NotApplicable { .. } => "not_applicable",
        RecordError::WrongState { .. } => "wrong_state",
        RecordError::NoItamAccess { .. } => "no_access",
        RecordError::MissingRole { .. } => "role",
        RecordError::NotAssignedUser { .. } => "assigned",
        RecordError::OwnRecord { .. } => "four_eyes",
        RecordError::MissingDocument { .. } => "document",
        other => panic!("unexpected error {other:?}"),
    }
}

/// Sweeps one record kind; returns the number of cases checked.
fn sweep<S>(spec: &Spec, relevant: &[&'static str]) -> usize
where
    S: RecordState + FromStr,
    <S as FromStr>::Err: std::fmt::Debug,
{
    assert_eq!(S::KIND.name(), spec.kind);
    assert_eq!(S::STATES.len(), spec.states.len(), "{}: states", spec.kind);
    let mut cases = 0;
    for granted in subsets(relevant) {
        let roles: Roles = granted.iter().map(|r| r.parse::<Role>().unwrap()).collect();
        let subject = Subject::new(ME, roles);
        let closed = oracle::closure(&granted);
        for &state_name in spec.states {
            let state: S = state_name.parse().unwrap();
            for (creator, assignee) in [
                (None, None),
                (Some(OTHER), Some(OTHER)),
                (Some(ME), Some(OTHER)),
                (Some(OTHER), Some(ME)),
                (Some(ME), Some(ME)),
            ] {
                for has_document in [false, true] {
                    let mut record = Record::new(state);
                    if let Some(id) = creator {
                        record = record.created_by(id);
                    }
                    if let Some(id) = assignee {
                        record = record.assigned_to(id);
                    }
                    if has_document {
                        record = record.with_document();
                    }
                    let actor = Actor {
                        roles: &closed,
                        is_creator: creator == Some(ME),
                        is_assignee: assignee == Some(ME),
                    };
                    for &action in Action::ALL {
                        let want = oracle::may_act(spec, state_name, action.name(), &actor);
                        let got = can_record(&subject, action, &record);
                        assert_eq!(
                            got, want,
                            "{} {state_name} {action} by {granted:?} ({creator:?}, {assignee:?})",
                            spec.kind
                        );
                        assert_eq!(check_record(&subject, action, &record).is_ok(), want);
                        cases += 1;
                    }
                    for &event in RecordEvent::ALL {
                        let want =
                            oracle::fire(spec, state_name, event.name(), &actor, has_document);
                        let got = transition_record(&subject, &record, event);
                        let got = got
                            .map(RecordState::state_name)
                            .map_err(|e| error_category(&e));
                        assert_eq!(got, want, "{} {state_name} {event} by {granted:?} ({creator:?}, {assignee:?}, doc {has_document})", spec.kind);
                        cases += 1;
                    }
                }
            }
        }
    }
    cases
}

#[test]
fn contract_sweep() {
    let n = sweep::<ContractState>(
        &oracle::CONTRACT,
        &[
            "itam_agent",
            "itam_contract_manager",
            "itam_contract_approver",
            "itam_process_manager",
            "admin",
        ],
    );
    assert!(n > 10_000);
}

#[test]
fn purchase_request_sweep() {
    sweep::<PurchaseState>(
        &oracle::PURCHASE,
        &[
            "itam_agent",
            "itam_purchase_agent",
            "itam_purchase_manager",
            "itam_purchase_approver",
            "itam_finance_manager",
            "itam_demand_agent",
        ],
    );
}

#[test]
fn demand_sweep() {
    sweep::<DemandState>(
        &oracle::DEMAND,
        &[
            "itam_agent",
            "itam_demand_agent",
            "itam_demand_manager",
            "itam_demand_approver",
            "itam_nomenclature_manager",
            "itam_purchase_manager",
        ],
    );
}

#[test]
fn functional_budget_sweep() {
    sweep::<BudgetState>(
        &oracle::BUDGET,
        &[
            "itam_agent",
            "itam_finance_agent",
            "itam_finance_manager",
            "itam_budget_controller",
            "itam_process_manager",
            "itam_contract_manager",
        ],
    );
}

#[test]
fn actual_cost_item_sweep() {
    sweep::<CostItemState>(
        &oracle::COST,
        &[
            "itam_agent",
            "itam_finance_agent",
            "itam_finance_manager",
            "itam_budget_controller",
            "itam_purchase_manager",
        ],
    );
}

#[test]
fn nomenclature_sweep() {
    sweep::<NomenclatureState>(
        &oracle::NOMENCLATURE,
        &[
            "itam_agent",
            "itam_nomenclature_manager",
            "itam_demand_manager",
            "itam_operation_specialist",
            "admin",
        ],
    );
}

#[test]
fn asset_sweep() {
    sweep::<AssetStatus>(
        &oracle::ASSET,
        &[
            "itam_agent",
            "itam_admin",
            "itam_operation_specialist",
            "itam_responsible",
            "itam_process_manager",
            "admin",
        ],
    );
}
