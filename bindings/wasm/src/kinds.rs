//! From a record kind named at run time to the crate's record type of that kind:
//! each record kind has its own state type, so a question about a record is asked
//! through one generic [`PerKind`] visitor, run for the kind's state type.

use core::str::FromStr;

use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, Record, RecordKind, RecordState,
};
use itam_rbac::ParseError;

use crate::contract;
use crate::input::{self, RecordParts, Result};

/// A question about one record, asked of the record's own type.
pub trait PerKind {
    /// The answer.
    type Out;

    /// Asks the question of `record`.
    fn run<S: RecordState>(self, record: &Record<S, String>) -> Self::Out;
}

/// The record `parts` describe, its state parsed by its kind's vocabulary, handed
/// to `question`.
pub fn ask<Q: PerKind>(parts: RecordParts, question: Q) -> Result<Q::Out> {
    match parts.kind {
        // One arm a kind: each builds the record of its own state type.
        RecordKind::Contract => ask_as::<ContractState, Q>(parts, question),
        RecordKind::PurchaseRequest => ask_as::<PurchaseState, Q>(parts, question),
        RecordKind::Demand => ask_as::<DemandState, Q>(parts, question),
        RecordKind::FunctionalBudget => ask_as::<BudgetState, Q>(parts, question),
        RecordKind::ActualCostItem => ask_as::<CostItemState, Q>(parts, question),
        RecordKind::Nomenclature => ask_as::<NomenclatureState, Q>(parts, question),
        RecordKind::Asset => ask_as::<AssetStatus, Q>(parts, question),
    }
}

/// [`ask`] for the records whose states are `S`.
fn ask_as<S, Q>(parts: RecordParts, question: Q) -> Result<Q::Out>
where
    S: RecordState + FromStr<Err = ParseError>,
    Q: PerKind,
{
    let (place, seen) = parts.state;
    let state: S = input::checked(contract::name(
        place,
        seen,
        "a state of the record's kind (a string)",
    ))?;
    let mut record = Record::new(state);
    let people = parts.people;
    if let Some(id) = people.assignee {
        record = record.assigned_to(id);
    }
    if let Some(id) = people.creator {
        record = record.created_by(id);
    }
    if people.created_by_system {
        record = record.created_by_system();
    }
    if let Some(id) = people.submitter {
        record = record.submitted_by(id);
    }
    if parts.has_document {
        record = record.with_document();
    }
    if parts.all_approved {
        record = record.all_approved();
    }
    Ok(question.run(&record))
}

/// The state names of every record kind, in [`RecordKind::ALL`] order.
pub fn state_names(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Contract => ContractState::NAMES,
        RecordKind::PurchaseRequest => PurchaseState::NAMES,
        RecordKind::Demand => DemandState::NAMES,
        RecordKind::FunctionalBudget => BudgetState::NAMES,
        RecordKind::ActualCostItem => CostItemState::NAMES,
        RecordKind::Nomenclature => NomenclatureState::NAMES,
        RecordKind::Asset => AssetStatus::NAMES,
    }
}
