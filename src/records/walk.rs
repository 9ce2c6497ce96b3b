//! Kind-level walks over the record tables, for the review functions: a record's
//! action rule may depend on its state (assets; an update of a frozen record), so
//! the review walks every state.
//!
//! ```
//! use itam_rbac::records::RecordKind;
//! use itam_rbac::review::roles_that_can;
//! use itam_rbac::Action;
//!
//! let edit = roles_that_can(Action::Update, RecordKind::Asset);
//! assert!(edit.requirements().all(|r| !r.in_every_state));
//! ```

use super::decide::is_frozen_for;
use super::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, RecordEvent, RecordKind, RecordState,
};
use crate::{Action, Grant};

/// Who may take `action` on records of `kind` in any of their states: each
/// distinct rule the decision applies in some state (the state's
/// [`RecordState::action_rule`], none for an update of a frozen record), once, as
/// `(rule, in_every_state)` pairs through `visit`.
pub(crate) fn visit_action_rules(
    kind: RecordKind,
    action: Action,
    visit: &mut dyn FnMut(Grant, bool),
) {
    match kind {
        // One arm a kind: each delegates to the same generic walk.
        RecordKind::Contract => walk_states::<ContractState>(action, visit),
        RecordKind::PurchaseRequest => walk_states::<PurchaseState>(action, visit),
        RecordKind::Demand => walk_states::<DemandState>(action, visit),
        RecordKind::FunctionalBudget => walk_states::<BudgetState>(action, visit),
        RecordKind::ActualCostItem => walk_states::<CostItemState>(action, visit),
        RecordKind::Nomenclature => walk_states::<NomenclatureState>(action, visit),
        RecordKind::Asset => walk_states::<AssetStatus>(action, visit),
    }
}

/// Who may fire `event` on records of `kind`; `None` if the event does not apply.
#[must_use]
pub(crate) fn event_rule(kind: RecordKind, event: RecordEvent) -> Option<Grant> {
    match kind {
        // One arm a kind: each asks its own table.
        RecordKind::Contract => ContractState::event_rule(event),
        RecordKind::PurchaseRequest => PurchaseState::event_rule(event),
        RecordKind::Demand => DemandState::event_rule(event),
        RecordKind::FunctionalBudget => BudgetState::event_rule(event),
        RecordKind::ActualCostItem => CostItemState::event_rule(event),
        RecordKind::Nomenclature => NomenclatureState::event_rule(event),
        RecordKind::Asset => AssetStatus::event_rule(event),
    }
}

/// Reports each distinct rule of `action` over the states of `S`, at the first
/// state that has it, with whether it holds in every state. Duplicates are found by
/// looking back over the earlier states, so there is no fixed number of slots to
/// overflow.
fn walk_states<S: RecordState>(action: Action, visit: &mut dyn FnMut(Grant, bool)) {
    for (i, &state) in S::STATES.iter().enumerate() {
        let Some(rule) = rule_in(state, action) else {
            continue;
        };
        let seen = S::STATES
            .iter()
            .take(i)
            .any(|&earlier| rule_in(earlier, action) == Some(rule));
        if seen {
            continue;
        }
        let everywhere = S::STATES
            .iter()
            .all(|&other| rule_in(other, action) == Some(rule));
        visit(rule, everywhere);
    }
}

/// The rule [`check_record`](super::check_record) applies to `action` in `state`:
/// the table's, or none for an update of a frozen record.
fn rule_in<S: RecordState>(state: S, action: Action) -> Option<Grant> {
    if is_frozen_for(state, action) {
        None
    } else {
        state.action_rule(action)
    }
}
