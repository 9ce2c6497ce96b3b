//! Every public type is `Send + Sync`, and the value types promised `Copy` are.

use itam_rbac::lifecycle::{
    AcceptError, AssetEvent, AssetFlags, AssetStage, AssetState, CreateError, Effect, ManualMove,
    MoveError, MoveFault, Next, Outcome, Refusal, Resume, Row, Suspension, TransitionError,
    TransitionFault,
};
use itam_rbac::matrix::Cell;
use itam_rbac::records::{
    Approval, AssetField, AssetFieldIter, AssetFields, AssetStatus, BudgetState, ContractState,
    CostItemState, DemandState, NomenclatureState, OwnRelation, PurchaseState, Record,
    RecordDenied, RecordError, RecordEvent, RecordKind,
};
use itam_rbac::report::{Document, Format, Report, RoleGraph, TaskMatrix};
use itam_rbac::review::{
    Entitlement, Operation, Permitted, Requirement, RoleGrants, RolesThatCan, Target,
};
use itam_rbac::sod::{Conflict, Duty};
use itam_rbac::workflow::{ApprovalPolicy, Relations, TaskEvent, TaskFields, WorkflowError, Wrong};
use itam_rbac::{
    Action, AllowReason, Allowed, Clause, Decision, Denied, DenyReason, Grant, ParseError, Role,
    RoleIter, Roles, Subject, Task, TaskKind, TaskState,
};

/// Asserts `Send + Sync` (and, for the second list, `Copy`) for each type listed.
macro_rules! assert_traits {
    ($bound:path: $($t:ty),+ $(,)?) => {{
        fn check<T: $bound>() {}
        $( check::<$t>(); )+
    }};
}

trait SendSync: Send + Sync {}
impl<T: Send + Sync> SendSync for T {}

#[test]
fn public_types_are_send_and_sync() {
    assert_traits!(SendSync:
        Action, AllowReason, Allowed, Cell, Clause, Decision, Denied, DenyReason, Grant, ParseError, Role,
        RoleIter, Roles, Subject<u64>, Subject<String>, Task<u64>, Task<String>, TaskKind, TaskState,
        AcceptError, AssetEvent, AssetFlags, AssetStage, AssetState, CreateError, Effect, ManualMove, MoveError,
        MoveFault, Next, Outcome, Refusal, Resume, Row, Suspension, TransitionError, TransitionFault,
        AssetField, AssetFieldIter, AssetFields, AssetStatus, BudgetState, ContractState, CostItemState, DemandState,
        NomenclatureState, OwnRelation, PurchaseState, Record<ContractState, u64>, Record<PurchaseState, String>,
        RecordDenied, RecordError, RecordEvent, RecordKind,
        Document, Format, Report, RoleGraph, TaskMatrix,
        Clause, Entitlement, Operation, Permitted, Requirement, RoleGrants, RolesThatCan, Target,
        Conflict, Duty,
        ApprovalPolicy, Relations, TaskEvent, TaskFields, WorkflowError, Wrong,
    );
}

#[test]
fn vocabulary_decision_and_error_values_are_copy() {
    assert_traits!(Copy:
        Action, AllowReason, Allowed, Cell, Clause, Decision, Denied, DenyReason, Grant, ParseError, Role, Roles,
        TaskKind, TaskState,
        AcceptError, AssetEvent, AssetFlags, AssetStage, AssetState, CreateError, Effect, ManualMove, MoveError,
        MoveFault, Next, Outcome, Refusal, Resume, Suspension, TransitionError, TransitionFault,
        Approval, AssetField, AssetFields, AssetStatus, BudgetState, ContractState, CostItemState, DemandState,
        NomenclatureState, OwnRelation, PurchaseState, RecordDenied, RecordError, RecordEvent, RecordKind,
        Format, Operation, Permitted, Requirement, RolesThatCan, Target, Conflict, Duty,
        ApprovalPolicy, Relations, TaskEvent, TaskFields, WorkflowError, Wrong,
    );
}
