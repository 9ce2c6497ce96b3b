//! One outcome shape: every decision the crate makes, allowed or denied, seen
//! through one trait, [`Outcome`], with one set of accessor names (the verdict of
//! the code table, the [`Domain`], the names of the action or event, kind and
//! state, and the roles of the rule). The audit record is built from it by one
//! implementation.

use crate::lifecycle::{
    AcceptError, CreateError, ManualMove, MoveError, MoveFault, TransitionError,
};
use crate::records::{
    RecordDenied, RecordError, RecordEventAllowed, RecordFault, RecordKind, RecordState,
};
use crate::vocabulary::vocabulary;
use crate::workflow::{EventAllowed, WorkflowError, Wrong};
use crate::{AllowReason, Allowed, Decision, Denied, DenyReason, Roles};

vocabulary! {
    /// Which decision an [`Outcome`] reports and a
    /// [`DecisionRecord`](crate::audit::DecisionRecord) records: the function that
    /// decided, named as in the decision-space dump
    /// ([`report::decision_space`](crate::report::decision_space)).
    pub enum Domain ("decision domain") {
        /// [`check`](crate::check), [`explain`](crate::explain) and
        /// [`check_edit`](crate::workflow::check_edit): an action on a task.
        Task = "task",
        /// [`workflow::check_event`](crate::workflow::check_event) and
        /// [`validate`](crate::workflow::validate): a task event.
        Workflow = "workflow",
        /// [`records::check_record`](crate::records::check_record): an action on a
        /// record.
        Record = "record",
        /// [`records::check_record_event`](crate::records::check_record_event) and
        /// [`transition_record`](crate::records::transition_record): a record event.
        RecordEvent = "record_event",
        /// [`lifecycle::create`](crate::lifecycle::create): a task creates an asset
        /// (action `create`, no state).
        AssetCreate = "asset_create",
        /// [`lifecycle::accepts`](crate::lifecycle::accepts): a task takes an asset
        /// (action `accepts`).
        AssetAccepts = "asset_accepts",
        /// [`lifecycle::transition`](crate::lifecycle::transition): a task event
        /// reaches an asset (action
        /// [`AssetEvent::qualified`](crate::lifecycle::AssetEvent::qualified)).
        AssetTransition = "asset_transition",
        /// [`lifecycle::move_asset`](crate::lifecycle::move_asset): a person's move
        /// of an asset (kind `asset`).
        AssetMove = "asset_move",
        /// [`lifecycle::system_move`](crate::lifecycle::system_move): the system's
        /// own move of an asset (kind `asset`).
        AssetSystemMove = "asset_system_move",
    }
}

/// A reason of the code table, allowed or denied: what an [`Outcome`] and a
/// [`DecisionRecord`](crate::audit::DecisionRecord) say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Allowed, for this reason.
    Allow(AllowReason),
    /// Denied, for this reason.
    Deny(DenyReason),
}

impl Verdict {
    /// Whether it is an allow.
    #[must_use]
    pub const fn is_allowed(self) -> bool {
        matches!(self, Verdict::Allow(_))
    }

    /// The audit code.
    #[must_use]
    pub const fn code(self) -> u8 {
        match self {
            Verdict::Allow(reason) => reason.code(),
            Verdict::Deny(reason) => reason.code(),
        }
    }

    /// The reason's `snake_case` name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Verdict::Allow(reason) => reason.name(),
            Verdict::Deny(reason) => reason.name(),
        }
    }

    /// The reason in words.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Verdict::Allow(reason) => reason.describe(),
            Verdict::Deny(reason) => reason.describe(),
        }
    }

    /// The reason with this name: an allow reason's or a deny reason's (no name is
    /// both).
    #[cfg(feature = "serde")]
    pub(crate) fn named(name: &str) -> Option<Self> {
        let allow = AllowReason::ALL.iter().copied().find(|r| r.name() == name);
        let deny = DenyReason::ALL.iter().copied().find(|r| r.name() == name);
        allow.map(Verdict::Allow).or(deny.map(Verdict::Deny))
    }

    /// Every reason's sentence, as the table writes it, if `text` is one.
    #[cfg(feature = "serde")]
    pub(crate) fn sentence(text: &str) -> Option<&'static str> {
        let allow = AllowReason::ALL.iter().map(|r| r.describe());
        let deny = DenyReason::ALL.iter().map(|r| r.describe());
        allow.chain(deny).find(|sentence| *sentence == text)
    }
}

mod sealed {
    /// Only the crate's own decision and error types are outcomes.
    pub trait Sealed {}
}

/// A decision of the crate, allowed or denied, in one shape: what every allow and
/// every error or denial reports, whichever function decided (a task action and the
/// edit guard, a workflow event, a record action or event, an asset create,
/// accepts, transition, a person's or the system's move).
///
/// Implemented by [`Allowed`], [`Denied`], [`Decision`],
/// [`EventAllowed`](crate::workflow::EventAllowed),
/// [`WorkflowError`](crate::workflow::WorkflowError),
/// [`RecordDenied`](crate::records::RecordDenied),
/// [`RecordEventAllowed`](crate::records::RecordEventAllowed),
/// [`RecordError`](crate::records::RecordError),
/// [`CreateError`](crate::lifecycle::CreateError),
/// [`AcceptError`](crate::lifecycle::AcceptError),
/// [`TransitionError`](crate::lifecycle::TransitionError) and
/// [`MoveError`](crate::lifecycle::MoveError); sealed, so no other type is one.
/// Each type's own accessors (`reason()`, `wrong()`, `fault()`, `missed()`,
/// `rule()`, ...) stay; this is the view they share. With the `serde` feature, the
/// audit record of any outcome is `DecisionRecord::from(outcome)`.
///
/// ```
/// use itam_rbac::workflow::{check_event, Relations, TaskEvent};
/// use itam_rbac::{explain, Action, Domain, Outcome, Role, Subject, Task, TaskKind, TaskState};
///
/// /// One log line, whatever decided.
/// fn line(outcome: &impl Outcome) -> (bool, u8, Domain, &'static str, &'static str) {
///     let verdict = outcome.verdict();
///     (verdict.is_allowed(), verdict.code(), outcome.domain(), outcome.action_name(), outcome.kind_name())
/// }
///
/// let specialist = Subject::new(7_u32, Role::OperationSpecialist);
/// let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(8);
/// let update = explain(&specialist, Action::Update, &task);
/// assert_eq!(line(&update), (false, 13, Domain::Task, "update", "maintenance"));
/// assert_eq!(update.state_name(), Some("in_progress"));
/// assert_eq!(update.rule_roles(), Role::OperationSpecialist.into());
///
/// let registered = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(8);
/// let start = check_event(&specialist, &registered, Relations::IN_ASSIGNMENT_GROUP, TaskEvent::StartWork);
/// let start = start.map_or_else(|err| line(&err), |allowed| line(&allowed));
/// assert_eq!(start, (true, 5, Domain::Workflow, "start_work", "maintenance"));
/// ```
pub trait Outcome: sealed::Sealed {
    /// Allowed or denied, and the reason of the code table.
    fn verdict(&self) -> Verdict;

    /// Which decision.
    fn domain(&self) -> Domain;

    /// The action's or event's name.
    fn action_name(&self) -> &'static str;

    /// The item kind's name: a task kind, a record kind, or `asset`.
    fn kind_name(&self) -> &'static str;

    /// The item's state's name before the decision (`None` for
    /// [`Domain::AssetCreate`]).
    fn state_name(&self) -> Option<&'static str>;

    /// The roles of the rule that decided: for an allow, the grant that allowed;
    /// for a denial, the grant the user came nearest to or the role the user
    /// lacked, and none where no rule was near.
    fn rule_roles(&self) -> Roles;

    /// Whether the decision allowed.
    fn is_allowed(&self) -> bool {
        self.verdict().is_allowed()
    }
}

/// Implements [`Outcome`]: the verdict, domain, names and roles of `$ty`'s value,
/// named `$it` in each expression.
macro_rules! outcome {
    ($ty:ty $(where $generic:ident: $bound:path)?, |$it:ident| {
        verdict: $verdict:expr,
        domain: $domain:expr,
        names: ($action:expr, $kind:expr, $state:expr $(,)?),
        roles: $roles:expr $(,)?
    }) => {
        impl$(<$generic: $bound>)? sealed::Sealed for $ty {}

        #[allow(unused_variables, reason = "a constant domain or roles reads nothing of the value")]
        impl$(<$generic: $bound>)? Outcome for $ty {
            fn verdict(&self) -> Verdict {
                let $it = self;
                $verdict
            }

            fn domain(&self) -> Domain {
                let $it = self;
                $domain
            }

            fn action_name(&self) -> &'static str {
                let $it = self;
                $action
            }

            fn kind_name(&self) -> &'static str {
                let $it = self;
                $kind
            }

            fn state_name(&self) -> Option<&'static str> {
                let $it = self;
                $state
            }

            fn rule_roles(&self) -> Roles {
                let $it = self;
                $roles
            }
        }
    };
}

outcome!(Allowed, |it| {
    verdict: Verdict::Allow(it.reason()),
    domain: Domain::Task,
    names: (it.cell().action.name(), it.cell().kind.name(), Some(it.state().name())),
    roles: it.clause().1.roles,
});

outcome!(Denied, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: Domain::Task,
    names: (it.action().name(), it.kind().name(), Some(it.state().name())),
    roles: it.missed().map_or(Roles::empty(), |grant| grant.roles),
});

/// The allow or the denial a [`Decision`] holds, to which it delegates.
fn held(decision: &Decision) -> &dyn Outcome {
    match decision {
        Decision::Allow(allowed) => allowed,
        Decision::Deny(denied) => denied,
    }
}

outcome!(Decision, |it| {
    verdict: held(it).verdict(),
    domain: held(it).domain(),
    names: (held(it).action_name(), held(it).kind_name(), held(it).state_name()),
    roles: held(it).rule_roles(),
});

outcome!(EventAllowed, |it| {
    verdict: Verdict::Allow(it.reason()),
    domain: Domain::Workflow,
    names: (it.event().name(), it.kind().name(), Some(it.state().name())),
    roles: it.roles(),
});

outcome!(WorkflowError, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: Domain::Workflow,
    names: (it.event().name(), it.kind().name(), Some(it.state().name())),
    roles: match it.wrong() {
        Wrong::Role(roles) => roles,
        Wrong::State | Wrong::FilesAttached | Wrong::ApprovalPolicy(_) | Wrong::Person(_) => {
            Roles::empty()
        }
    },
});

outcome!(RecordDenied, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: Domain::Record,
    names: (it.action().name(), it.kind().name(), Some(it.state())),
    roles: it.rule().map_or(Roles::empty(), |rule| rule.roles),
});

outcome!(RecordEventAllowed<S> where S: RecordState, |it| {
    verdict: Verdict::Allow(it.reason()),
    domain: Domain::RecordEvent,
    names: (it.event().name(), S::KIND.name(), Some(it.state().state_name())),
    roles: it.roles(),
});

outcome!(RecordError, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: Domain::RecordEvent,
    names: (it.event().name(), it.kind().name(), Some(it.state())),
    roles: match it.fault() {
        RecordFault::MissingRole(roles) => roles,
        RecordFault::NotApplicable
        | RecordFault::WrongState
        | RecordFault::NoItamAccess
        | RecordFault::NotAssignedUser
        | RecordFault::NobodyAssigned
        | RecordFault::OwnRecord(_)
        | RecordFault::UnknownCreator
        | RecordFault::UnknownSubmitter
        | RecordFault::MissingDocument => Roles::empty(),
    },
});

outcome!(CreateError, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: Domain::AssetCreate,
    names: ("create", it.kind().name(), None),
    roles: Roles::empty(),
});

outcome!(AcceptError, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: Domain::AssetAccepts,
    names: ("accepts", it.kind().name(), Some(it.state().qualified())),
    roles: Roles::empty(),
});

outcome!(TransitionError, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: Domain::AssetTransition,
    names: (it.event().qualified(), it.kind().name(), Some(it.state().qualified())),
    roles: Roles::empty(),
});

// A move refused: a person's (`lifecycle::move_asset`, domain `asset_move`) or the
// system's own (`lifecycle::system_move`, domain `asset_system_move`, no roles).
outcome!(MoveError, |it| {
    verdict: Verdict::Deny(it.reason()),
    domain: if it.is_system_move() {
        Domain::AssetSystemMove
    } else {
        Domain::AssetMove
    },
    names: (it.action().name(), RecordKind::Asset.name(), Some(it.state().qualified())),
    roles: if it.is_system_move() {
        Roles::empty()
    } else {
        match it.fault() {
            MoveFault::Role => move_roles(it.action()),
            MoveFault::State
            | MoveFault::SystemMove
            | MoveFault::PersonMove
            | MoveFault::InOpenTask
            | MoveFault::NotConsignment => Roles::empty(),
        }
    },
});

/// The role a manual move needs, as a set (none for the system's own move).
pub(crate) fn move_roles(action: ManualMove) -> Roles {
    action.role().map_or(Roles::empty(), Roles::from)
}

#[cfg(test)]
mod tests {
    use super::Outcome;
    use crate::{explain, Action, Decision, Role, Subject, Task, TaskKind, TaskState};

    /// Every accessor of `outcome`.
    fn view(outcome: &dyn Outcome) -> impl PartialEq + core::fmt::Debug {
        let names = [outcome.action_name(), outcome.kind_name()];
        let (verdict, domain) = (outcome.verdict(), outcome.domain());
        let rule = (outcome.rule_roles(), outcome.is_allowed());
        (verdict, domain, names, outcome.state_name(), rule)
    }

    #[test]
    fn a_decision_is_the_outcome_it_holds() {
        let specialist = Subject::new(7_u32, Role::OperationSpecialist);
        let task = |user| Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(user);
        let allowed = explain(&specialist, Action::Update, &task(7));
        let denied = explain(&specialist, Action::Update, &task(8));
        assert!(matches!(allowed, Decision::Allow(_)) && allowed.is_allowed());
        assert!(matches!(denied, Decision::Deny(_)) && !Outcome::is_allowed(&denied));
        for decision in [allowed, denied] {
            let inner = match decision {
                Decision::Allow(a) => view(&a),
                Decision::Deny(d) => view(&d),
            };
            assert_eq!(view(&decision), inner);
        }
    }
}
