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
use super::{with_record_kind, RecordEvent, RecordKind, RecordState};
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
    with_record_kind!(kind, |S| walk_states::<S>(action, visit));
}

/// Who may fire `event` on records of `kind`; `None` if the event does not apply.
#[must_use]
pub(crate) fn event_rule(kind: RecordKind, event: RecordEvent) -> Option<Grant> {
    with_record_kind!(kind, |S| S::event_rule(event))
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
