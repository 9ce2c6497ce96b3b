//! The decision path allocates nothing: checked with a counting global allocator.
//! Nor does building the audit record of a decision (with `serde`).
//! Nor do the list-view filters: deriving, matching, and writing them in words and
//! SQL; the workflow event filters too, their SQL over the host's tables included.
//!
//! The counter is global to the process, so this test runs without the libtest
//! harness (`harness = false` in Cargo.toml): only the main thread runs while it
//! counts. It prints the plain `N passed, N failed` line a test runner would.

use std::fmt::Write;

#[cfg(feature = "serde")]
use itam_rbac::audit::DecisionRecord;
use itam_rbac::filter::{self, Dialect};
use itam_rbac::lifecycle::{self, AssetEvent, AssetFlags, AssetState};
use itam_rbac::records::{
    can_record, check_record, check_record_event, transition_record, ContractState, Record,
    RecordEvent, RecordKind,
};
use itam_rbac::review::permitted_actions;
use itam_rbac::review::Operation;
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{can, check, explain, Action, Role, Roles, Subject, Task, TaskKind, TaskState};
use stats_alloc::Region;

use crate::{Sink, GLOBAL};

pub fn main() {
    deciding_validating_explaining_and_parsing_allocate_nothing();
    list_view_filters_allocate_nothing();
    role_engineering_allocates_nothing();
    event_filters_allocate_nothing();
    println!("no_alloc: 4 passed, 0 failed");
}

fn list_view_filters_allocate_nothing() {
    let role_sets: [Roles; 4] = [
        Roles::empty(),
        Roles::OPERATION_SPECIALIST,
        Roles::PROCESS_MANAGER | Roles::CONTRACT_MANAGER,
        Roles::all(),
    ];
    let region = Region::new(GLOBAL);
    let mut sink = Sink(0);
    let mut allowed = 0_u32;
    // Deriving, matching, the data form, words and SQL.
    let tasks = [
        Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(1_u64),
        Task::new(TaskKind::Inventory, TaskState::Completed),
    ];
    let mut marks = [false; 2];
    for granted in role_sets {
        let user = Subject::new(1_u64, granted);
        for &action in Action::ALL {
            let list = filter::tasks(&user, action);
            allowed += u32::from(list.matches(&tasks[0]));
            allowed +=
                u32::try_from(list.matches_each(&tasks, &mut marks).unwrap_or(0)).unwrap_or(0);
            allowed += u32::try_from(list.allowed(&tasks).count()).unwrap_or(0);
            allowed += u32::try_from(list.sql(Dialect::MySql).params().count()).unwrap_or(0);
            let _ = write!(
                sink,
                "{list} {} {:#}",
                list.sql(Dialect::Sqlite),
                list.sql(Dialect::Postgres)
            );
            let _ = list.groups().map(|g| write!(sink, "{g}")).count();
        }
        for &kind in RecordKind::ALL {
            for on in [
                Operation::from(Action::Update),
                Operation::from(RecordEvent::Approve),
            ] {
                let list = filter::records(&user, on, kind);
                let contract = Record::new(ContractState::Approval).created_by(2_u64);
                allowed += u32::from(list.matches(&contract));
                let _ = write!(sink, "{list} {}", list.sql(Dialect::MySql));
                let _ = list.groups().map(|g| write!(sink, "{g}")).count();
            }
        }
    }
    let change = region.change();
    assert_eq!(
        change.allocations, 0,
        "allocations in the filters: {change:?}"
    );
    assert_eq!(
        change.reallocations, 0,
        "reallocations in the filters: {change:?}"
    );
    assert!(
        allowed > 0 && sink.0 > 0,
        "the loop must have matched and written something"
    );
}

fn deciding_validating_explaining_and_parsing_allocate_nothing() {
    // Everything the loop reads is built before counting starts.
    let role_sets: [Roles; 6] = [
        Roles::empty(),
        Roles::AGENT,
        Roles::OPERATION_SPECIALIST,
        Roles::PROCESS_MANAGER | Roles::CONTRACT_MANAGER,
        Roles::RESPONSIBLE | Roles::CONTRACT_MANAGER,
        Roles::all(),
    ];
    let names = ["itam_agent", "ITAM_AGENT", "", "x".repeat(200).leak()];

    let region = Region::new(GLOBAL);
    let mut sink = Sink(0);
    let mut allowed = 0_u32;
    for granted in role_sets {
        for role in Role::ALL {
            let user = Subject::new(1_u64, granted | role.bit());
            for &kind in TaskKind::ALL {
                for &state in TaskState::ALL {
                    let task = Task::new(kind, state).assigned_to(u64::from(state as u8 % 2));
                    let buttons = permitted_actions(&user, &task, Relations::ASSET_RESPONSIBLE);
                    let _ = write!(sink, "{buttons}");
                    for &event in TaskEvent::ALL {
                        let _ =
                            workflow::validate(&user, &task, Relations::IN_ASSIGNMENT_GROUP, event)
                                .map_err(|err| write!(sink, "{err}"));
                        let checked = workflow::check_event(
                            &user,
                            &task,
                            Relations::ASSET_RESPONSIBLE,
                            event,
                        );
                        let _ = checked.map(|allowed| write!(sink, "{allowed}"));
                        #[cfg(feature = "serde")]
                        {
                            let record =
                                checked.map_or_else(DecisionRecord::from, DecisionRecord::from);
                            sink.0 += usize::from(record.code()) + record.message().len();
                        }
                    }
                    for &action in Action::ALL {
                        allowed += u32::from(can(&user, action, &task));
                        let _ =
                            check(&user, action, &task).map_err(|denied| write!(sink, "{denied}"));
                        let decision = explain(&user, action, &task);
                        let _ = write!(sink, "{decision} {}", decision.code());
                        #[cfg(feature = "serde")]
                        {
                            let record = DecisionRecord::from(decision);
                            sink.0 += usize::from(record.code()) + record.action().len();
                        }
                    }
                }
            }
        }
    }
    for &state in AssetState::ALL {
        for &kind in TaskKind::ALL {
            let _ = lifecycle::accepts(kind, state, AssetFlags::empty())
                .map_err(|err| write!(sink, "{err}"));
            for &event in AssetEvent::ALL {
                let _ =
                    lifecycle::transition(state, kind, event).map_err(|err| write!(sink, "{err}"));
            }
        }
    }
    allowed += contracts(&role_sets, &mut sink);
    for name in names {
        let _ = name.parse::<Role>().map_err(|err| write!(sink, "{err}"));
        let _ = name.parse::<TaskKind>();
    }
    let change = region.change();

    assert_eq!(
        change.allocations, 0,
        "allocations on the decision path: {change:?}"
    );
    assert_eq!(
        change.reallocations, 0,
        "reallocations on the decision path: {change:?}"
    );
    assert!(
        allowed > 0 && sink.0 > 0,
        "the loop must have decided and formatted something"
    );
}

/// The contract decisions of [`deciding_validating_explaining_and_parsing_allocate_nothing`],
/// counted by its region: how many were allowed.
fn contracts(role_sets: &[Roles], sink: &mut Sink) -> u32 {
    let mut allowed = 0;
    for &granted in role_sets {
        let user = Subject::new(1_u64, granted);
        for &state in ContractState::ALL {
            let contract = Record::new(state).created_by(2_u64).with_document();
            for &action in Action::ALL {
                allowed += u32::from(can_record(&user, action, &contract));
                let _ = check_record(&user, action, &contract).map_err(|err| write!(sink, "{err}"));
            }
            for &event in RecordEvent::ALL {
                let _ =
                    transition_record(&user, &contract, event).map_err(|err| write!(sink, "{err}"));
                let checked = check_record_event(&user, &contract, event);
                #[cfg(feature = "serde")]
                {
                    let record = checked.map_or_else(DecisionRecord::from, DecisionRecord::from);
                    sink.0 += usize::from(record.code()) + record.kind().len();
                }
                let _ = checked;
            }
        }
    }
    allowed
}

/// Role engineering (issue 23): the overlaps, what each role alone is named for,
/// and a job function's least-privilege sets, counted and written.
fn role_engineering_allocates_nothing() {
    use itam_rbac::review::engineering::{self, JobFunction};
    let region = Region::new(GLOBAL);
    let mut sink = Sink(0);
    for overlap in engineering::overlaps() {
        write!(sink, "{overlap}").ok();
    }
    for role in Role::ALL {
        for permission in engineering::sole(*role).iter() {
            write!(sink, "{permission}").ok();
        }
        sink.0 += engineering::added(*role).len() + engineering::removed(*role).len();
    }
    sink.0 += engineering::redundant().count();
    for assignment in JobFunction::FinanceAndLegal.least_privilege() {
        sink.0 += assignment.extra().len();
        for conflict in assignment.conflicts() {
            write!(sink, "{conflict}").ok();
        }
    }
    let change = region.change();
    assert_eq!(
        change.allocations, 0,
        "allocations in role engineering: {change:?}"
    );
    assert_eq!(
        change.reallocations, 0,
        "reallocations in role engineering: {change:?}"
    );
    assert!(sink.0 > 0, "the loop must have written something");
}

fn event_filters_allocate_nothing() {
    let tables = filter::HostTables::new("tasks", "id")
        .groups(
            "assignment_group",
            filter::Link::new("group_members", "group_id", "user_id"),
        )
        .asset_responsibles(filter::Link::new(
            "task_assets",
            "task_id",
            "responsible_id",
        ))
        .approvers(filter::Link::new("task_approvers", "task_id", "user_id"))
        .committee(filter::Link::new("task_committee", "task_id", "user_id"))
        .files(filter::Files::Column("files_attached"));
    let task = Task::new(TaskKind::Maintenance, TaskState::PendingApproval)
        .assigned_to(2_u64)
        .created_by(3)
        .submitted_by(2);
    let region = Region::new(GLOBAL);
    let mut sink = Sink(0);
    let mut allowed = 0_u32;
    for granted in [
        Roles::empty(),
        Roles::RESPONSIBLE,
        Roles::OPERATION_SPECIALIST,
        Roles::PROCESS_MANAGER,
    ] {
        let user = Subject::new(1_u64, granted);
        for &event in TaskEvent::ALL {
            let list = filter::task_events(&user, event);
            allowed += u32::from(list.matches(&task, Relations::ASSET_RESPONSIBLE));
            let _ = write!(sink, "{list}");
            let _ = list.groups().map(|g| write!(sink, "{g}")).count();
            if let Ok(sql) = list.sql(Dialect::Postgres, &tables) {
                let _ = write!(sink, "{sql} {:#}", sql.union());
                allowed += u32::try_from(sql.params().count()).unwrap_or(0);
            }
            let _ = tables
                .indexes(Dialect::Sqlite)
                .map(|i| write!(sink, "{i}"))
                .count();
        }
    }
    let change = region.change();
    assert_eq!(
        change.allocations, 0,
        "allocations in the event filters: {change:?}"
    );
    assert_eq!(
        change.reallocations, 0,
        "reallocations in the event filters: {change:?}"
    );
    assert!(
        allowed > 0 && sink.0 > 0,
        "the loop must have matched and written something"
    );
}
