//! Every public type is `Send + Sync`, and the value types promised `Copy` are.

use itam_rbac::{
    Action, AllowReason, Allowed, Cell, Condition, Decision, Denied, DenyReason, Grant, ParseError,
    Role, RoleIter, Roles, Subject, Task, TaskKind, TaskState,
};

fn send_sync<T: Send + Sync>() {}
fn copy<T: Copy>() {}

#[test]
fn public_types_are_send_and_sync() {
    send_sync::<Action>();
    send_sync::<AllowReason>();
    send_sync::<Allowed>();
    send_sync::<Cell>();
    send_sync::<Condition>();
    send_sync::<Decision>();
    send_sync::<Denied>();
    send_sync::<DenyReason>();
    send_sync::<Grant>();
    send_sync::<ParseError>();
    send_sync::<Role>();
    send_sync::<RoleIter>();
    send_sync::<Roles>();
    send_sync::<Subject<u64>>();
    send_sync::<Subject<String>>();
    send_sync::<Task<u64>>();
    send_sync::<TaskKind>();
    send_sync::<TaskState>();
}

#[test]
fn vocabulary_and_decision_values_are_copy() {
    copy::<Action>();
    copy::<AllowReason>();
    copy::<Allowed>();
    copy::<Cell>();
    copy::<Condition>();
    copy::<Decision>();
    copy::<Denied>();
    copy::<DenyReason>();
    copy::<Grant>();
    copy::<ParseError>();
    copy::<Role>();
    copy::<Roles>();
    copy::<TaskKind>();
    copy::<TaskState>();
}
