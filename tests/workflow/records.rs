//! Every record × state × action and event × role set of the record's relevant
//! roles × person (creator: me, another, unknown, or the system; assignee: me,
//! another, none; submitter: me, another, unknown) × document × every approver
//! having approved, against the oracle
//! written from SOURCES.md §C.
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
    can_record, check_record, transition_record, Record, RecordError, RecordEvent, RecordFault,
    RecordState,
};
use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState,
};
use itam_rbac::{Action, Role, Roles, Subject};
use oracle::records::{Actor, Facts, Spec};

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
    match err.fault() {
        RecordFault::NotApplicable => "not_applicable",
        RecordFault::WrongState => "wrong_state",
        RecordFault::NoItamAccess => "no_access",
        RecordFault::MissingRole(_) => "role",
        RecordFault::NotAssignedUser => "assigned",
        RecordFault::OwnRecord(_) => "four_eyes",
        RecordFault::UnknownCreator => "unknown_creator",
        RecordFault::UnknownSubmitter => "unknown_submitter",
        RecordFault::NobodyAssigned => "nobody_assigned",
        RecordFault::MissingDocument => "document",
        other => panic!("unexpected error {other:?}"),
    }
}

/// One record the sweep builds: its people and the facts the host gives.
#[derive(Clone, Copy, Debug)]
struct Variant {
    creator: Option<u32>,
    assignee: Option<u32>,
    submitter: Option<u32>,
    system: bool,
    has_document: bool,
    all_approved: bool,
}

/// Every variant: creator (unknown, me, another) × assignee (none, me, another) ×
/// created by the system × document × every approver having approved.
fn variants() -> Vec<Variant> {
    let people = [None, Some(ME), Some(OTHER)];
    let mut out = Vec::new();
    for creator in people {
        for assignee in people {
            for submitter in people {
                for flags in 0..8_u8 {
                    out.push(Variant {
                        creator,
                        assignee,
                        submitter,
                        system: flags & 1 != 0,
                        has_document: flags & 2 != 0,
                        all_approved: flags & 4 != 0,
                    });
                }
            }
        }
    }
    out
}

impl Variant {
    fn record<S: RecordState>(self, state: S) -> Record<S, u32> {
        let mut record = Record::new(state);
        if let Some(id) = self.creator {
            record = record.created_by(id);
        }
        if let Some(id) = self.assignee {
            record = record.assigned_to(id);
        }
        if let Some(id) = self.submitter {
            record = record.submitted_by(id);
        }
        if self.system {
            record = record.created_by_system();
        }
        if self.has_document {
            record = record.with_document();
        }
        if self.all_approved {
            record = record.all_approved();
        }
        record
    }

    fn facts(self) -> Facts {
        Facts {
            creator_known: self.creator.is_some(),
            submitter_known: self.submitter.is_some(),
            nobody_assigned: self.assignee.is_none(),
            system_created: self.system,
            has_document: self.has_document,
            all_approved: self.all_approved,
        }
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
    let variants = variants();
    let mut cases = 0;
    for granted in subsets(relevant) {
        let roles: Roles = granted.iter().map(|r| r.parse::<Role>().unwrap()).collect();
        let subject = Subject::new(ME, roles);
        let closed = oracle::records::closure(&granted);
        for &state_name in spec.states {
            let state: S = state_name.parse().unwrap();
            for &v in &variants {
                let record = v.record(state);
                let actor = Actor {
                    roles: &closed,
                    is_creator: v.creator == Some(ME),
                    is_assignee: v.assignee == Some(ME),
                    is_submitter: v.submitter == Some(ME),
                };
                for &action in Action::ALL {
                    let want = oracle::records::may_act(spec, state_name, action.name(), &actor);
                    let got = can_record(&subject, action, &record);
                    assert_eq!(
                        got, want,
                        "{} {state_name} {action} by {granted:?} {v:?}",
                        spec.kind
                    );
                    assert_eq!(check_record(&subject, action, &record).is_ok(), want);
                    cases += 1;
                }
                for &event in RecordEvent::ALL {
                    let want =
                        oracle::records::fire(spec, state_name, event.name(), &actor, v.facts());
                    let got = transition_record(&subject, &record, event)
                        .map(RecordState::state_name)
                        .map_err(|e| error_category(&e));
                    assert_eq!(
                        got, want,
                        "{} {state_name} {event} by {granted:?} {v:?}",
                        spec.kind
                    );
                    cases += 1;
                }
            }
        }
    }
    cases
}

#[test]
fn contract_sweep() {
    let n = sweep::<ContractState>(
        &oracle::records::CONTRACT,
        &[
            "itam_agent",
            "itam_contract_manager",
            "itam_contract_approver",
            "itam_process_manager",
            "admin",
        ],
    );
    assert_eq!(n, 829_440);
}

#[test]
fn purchase_request_sweep() {
    let n = sweep::<PurchaseState>(
        &oracle::records::PURCHASE,
        &[
            "itam_agent",
            "itam_purchase_agent",
            "itam_purchase_manager",
            "itam_purchase_approver",
            "itam_finance_manager",
            "itam_demand_agent",
        ],
    );
    assert_eq!(n, 1_935_360);
}

#[test]
fn demand_sweep() {
    let n = sweep::<DemandState>(
        &oracle::records::DEMAND,
        &[
            "itam_agent",
            "itam_demand_agent",
            "itam_demand_manager",
            "itam_demand_approver",
            "itam_nomenclature_manager",
            "itam_purchase_manager",
        ],
    );
    assert_eq!(n, 1_658_880);
}

#[test]
fn functional_budget_sweep() {
    let n = sweep::<BudgetState>(
        &oracle::records::BUDGET,
        &[
            "itam_agent",
            "itam_finance_agent",
            "itam_finance_manager",
            "itam_budget_controller",
            "itam_process_manager",
            "itam_contract_manager",
        ],
    );
    assert_eq!(n, 1_105_920);
}

#[test]
fn actual_cost_item_sweep() {
    let n = sweep::<CostItemState>(
        &oracle::records::COST,
        &[
            "itam_agent",
            "itam_finance_agent",
            "itam_finance_manager",
            "itam_budget_controller",
            "itam_purchase_manager",
        ],
    );
    assert_eq!(n, 414_720);
}

#[test]
fn nomenclature_sweep() {
    let n = sweep::<NomenclatureState>(
        &oracle::records::NOMENCLATURE,
        &[
            "itam_agent",
            "itam_nomenclature_manager",
            "itam_demand_manager",
            "itam_operation_specialist",
            "admin",
        ],
    );
    assert_eq!(n, 414_720);
}

#[test]
fn asset_sweep() {
    let n = sweep::<AssetStatus>(
        &oracle::records::ASSET,
        &[
            "itam_agent",
            "itam_admin",
            "itam_operation_specialist",
            "itam_responsible",
            "itam_process_manager",
            "admin",
        ],
    );
    assert_eq!(n, 1_105_920);
}
