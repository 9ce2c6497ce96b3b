//! Kind-level walks over the record tables, for the review functions: a record's
//! action rule may depend on its state (assets), so the review walks every state.
//!
//! ```
//! use itam_rbac::{roles_that_can, Action, RecordKind};
//!
//! let edit = roles_that_can(Action::Update, RecordKind::Asset);
//! assert!(edit.requirements().all(|r| !r.in_every_state));
//! ```

use super::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, RecordEvent, RecordKind, RecordState, Rule,
};
use crate::Action;

/// Who may take `action` on records of `kind` in any of their states: the
/// [`RecordState::action_rule`] of the kind's first state where one exists and
/// every state's rule, as `(rule, in_every_state)` pairs through `visit`.
pub(crate) fn visit_action_rules(
    kind: RecordKind,
    action: Action,
    visit: &mut dyn FnMut(Rule, bool),
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
pub(crate) fn event_rule(kind: RecordKind, event: RecordEvent) -> Option<Rule> {
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

/// Reports each distinct rule of `action` over the states of `S`, with whether it
/// holds in every state.
fn walk_states<S: RecordState>(action: Action, visit: &mut dyn FnMut(Rule, bool)) {
    let mut seen: [Option<Rule>; 4] = [None; 4];
    for state in S::STATES {
        let Some(rule) = state.action_rule(action) else {
            continue;
        };
        if seen.contains(&Some(rule)) {
            continue;
        }
        if let Some(slot) = seen.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(rule);
        }
        let everywhere = S::STATES
            .iter()
            .all(|other| other.action_rule(action) == Some(rule));
        visit(rule, everywhere);
    }
}
