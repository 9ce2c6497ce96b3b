//! The task workflow against an oracle written from SOURCES.md §T5 (and the
//! decisions the crate documents), with names only: every (task state × kind ×
//! event × actor relation × set of task-relevant roles).

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::struct_excessive_bools,
    clippy::too_many_lines,
    reason = "tests: the roles held are plain flags, as the oracle takes them"
)]

use crate::common_roles::{role_sets, ROLE_SETS};
use crate::oracle;

use std::collections::BTreeSet;

use itam_rbac::workflow::{self, ApprovalPolicy, Person, Relations, TaskEvent, TaskFields, Wrong};
use itam_rbac::{Role, Roles, Subject, Task, TaskKind, TaskState};

const ME: u8 = 1;
const OTHER: u8 = 2;

#[test]
fn every_state_kind_event_relation_and_role_set_matches_the_oracle() {
    let subjects: Vec<(Subject<u8>, Held)> = role_sets()
        .map(|granted| (Subject::new(ME, granted), Held::of(granted)))
        .collect();
    let mut cases = 0_u64;
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            for assignee in [Some(ME), Some(OTHER), None] {
                for (creator, by_system) in [
                    (Some(ME), false),
                    (Some(OTHER), false),
                    (None, false),
                    (None, true),
                ] {
                    for submitter in [Some(ME), Some(OTHER), None] {
                        let mut task = Task::new(kind, state);
                        task.assignee = assignee;
                        task.creator = creator;
                        task.created_by_system = by_system;
                        task.submitter = submitter;
                        for rel_bits in 0..=Relations::all().bits() {
                            let relations = Relations::from_bits_truncate(rel_bits);
                            for (subject, granted) in &subjects {
                                for &event in TaskEvent::ALL {
                                    cases += 1;
                                    check_one(subject, *granted, &task, relations, event);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(cases, 12 * 7 * 3 * 4 * 3 * 64 * u64::from(ROLE_SETS) * 7);
}

/// The granted roles, by name (computed once per role set).
#[derive(Debug, Clone, Copy)]
struct Held {
    granted: Roles,
    agent: bool,
    responsible: bool,
    specialist: bool,
    manager: bool,
}

impl Held {
    fn of(granted: Roles) -> Self {
        let names: Vec<&str> = granted.roles().map(Role::name).collect();
        let holds = |name: &str| names.contains(&name);
        Held {
            granted,
            agent: names.iter().any(|n| n.starts_with("itam_")),
            responsible: holds("itam_responsible"),
            specialist: holds("itam_operation_specialist"),
            manager: holds("itam_process_manager"),
        }
    }
}

fn check_one(subject: &Subject<u8>, held: Held, task: &Task<u8>, r: Relations, event: TaskEvent) {
    let granted = held.granted;
    let actor = oracle::workflow::Actor {
        agent: held.agent,
        responsible: held.responsible,
        specialist: held.specialist,
        manager: held.manager,
        assigned: task.assignee == Some(ME),
        creator: task.creator == Some(ME),
        creator_known: task.creator.is_some() || task.created_by_system,
        submitter: task.submitter == Some(ME),
        submitter_known: task.submitter.is_some(),
        group: r.contains(Relations::IN_ASSIGNMENT_GROUP),
        asset_responsible: r.contains(Relations::ASSET_RESPONSIBLE),
        added_approver: r.contains(Relations::ADDED_APPROVER),
        committee: r.contains(Relations::COMMITTEE_MEMBER),
        files: r.contains(Relations::FILES_ATTACHED),
        all_approved: r.contains(Relations::ALL_APPROVED),
    };
    let want = oracle::workflow::validate(task.kind.name(), task.state.name(), event.name(), actor);
    let got = workflow::validate(subject, task, r, event);
    let got_names = got.map(TaskState::name).map_err(|e| e.wrong().name());
    assert!(
        got_names == want,
        "{} {} {event} {granted} {r:?} {actor:?}: want {want:?}, got {got:?}",
        task.kind,
        task.state
    );
    if let Err(err) = got {
        assert_eq!(
            (err.kind(), err.state(), err.event()),
            (task.kind, task.state, event)
        );
    }
}

#[test]
fn approval_policy_table() {
    use ApprovalPolicy::{None, Optional, Required};
    let want = [
        ("registration", None),
        ("allocation", Optional),
        ("inventory", None),
        ("change_of_responsible", Optional),
        ("relocation", Optional),
        ("change_of_stock", Optional),
        ("return_to_stock", Optional),
        ("maintenance", Optional),
        ("upgrading", Optional),
        ("decommissioning", Required),
        ("disposal", Optional),
        ("asset_transfer", Optional),
    ];
    for (name, policy) in want {
        let kind: TaskKind = name.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(workflow::approval_policy(kind), policy, "{name}");
    }
}

#[test]
fn four_eyes_holds_whatever_the_roles() {
    let all = Subject::new(ME, Roles::all());
    let rel = Relations::all();
    for &kind in TaskKind::ALL {
        if workflow::approval_policy(kind) == ApprovalPolicy::None {
            continue;
        }
        let pending = Task::new(kind, TaskState::PendingApproval);
        for task in [
            pending.clone().assigned_to(ME),
            pending.clone().created_by(ME),
            pending.submitted_by(ME),
        ] {
            for event in [TaskEvent::Approve, TaskEvent::Reject] {
                let wrong = workflow::validate(&all, &task, rel, event)
                    .err()
                    .map(|e| e.wrong());
                assert_eq!(
                    wrong,
                    Some(Wrong::Person(Person::FourEyes)),
                    "{kind} {event}"
                );
            }
        }
    }
}

#[test]
fn only_priority_and_assignment_group_while_pending_or_approved() {
    let narrow = TaskFields::PRIORITY | TaskFields::ASSIGNMENT_GROUP;
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let want = match state.name() {
                "pending_approval" | "approved" => narrow,
                _ => TaskFields::all(),
            };
            assert_eq!(
                workflow::editable_fields(kind, state),
                want,
                "{kind} {state}"
            );
        }
    }
    let manager = Subject::new(ME, Role::ProcessManager);
    let approved = Task::new(TaskKind::Upgrading, TaskState::Approved);
    assert!(workflow::can_edit(
        &manager,
        &approved,
        TaskFields::ASSIGNMENT_GROUP
    ));
    assert!(!workflow::can_edit(&manager, &approved, TaskFields::OTHER));
    let agent = Subject::new(ME, Role::Agent);
    assert!(!workflow::can_edit(&agent, &approved, TaskFields::PRIORITY));
}

#[test]
fn errors_say_what_was_wrong() {
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let inventory = Task::new(TaskKind::Inventory, TaskState::InProgress).assigned_to(ME);
    let err = workflow::validate(
        &specialist,
        &inventory,
        Relations::empty(),
        TaskEvent::SendForApproval,
    );
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err("cannot send_for_approval the inventory task in in_progress: the kind's approval policy is none".to_owned())
    );
    let decom = Task::new(TaskKind::Decommissioning, TaskState::InProgress).assigned_to(ME);
    let err = workflow::validate(&specialist, &decom, Relations::empty(), TaskEvent::Complete);
    assert_eq!(
        err.map_err(|e| e.wrong()),
        Err(Wrong::ApprovalPolicy(ApprovalPolicy::Required))
    );
    let manager = Subject::new(OTHER, Role::ProcessManager);
    let err = workflow::validate(
        &manager,
        &inventory,
        Relations::empty(),
        TaskEvent::Complete,
    );
    assert_eq!(
        err.map_err(|e| e.wrong()),
        Err(Wrong::Role(Roles::OPERATION_SPECIALIST))
    );
    let registration = Task::new(TaskKind::Registration, TaskState::InProgress);
    let err = workflow::validate(
        &manager,
        &registration,
        Relations::FILES_ATTACHED,
        TaskEvent::Cancel,
    );
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err(
            "cannot cancel the registration task in in_progress: a file of new assets is attached"
                .to_owned()
        )
    );
}

/// Four eyes fails closed on an unknown creator, and marking a task as created by
/// the system never lets a creator that is set approve it.
#[test]
fn an_unknown_creator_blocks_approval_and_the_system_mark_keeps_the_creator_out() {
    let keeper = Subject::new(ME, Role::Responsible);
    let pending = Task::new(TaskKind::Relocation, TaskState::PendingApproval)
        .assigned_to(OTHER)
        .submitted_by(OTHER);
    let rel = Relations::ASSET_RESPONSIBLE | Relations::ALL_APPROVED;
    for event in [TaskEvent::Approve, TaskEvent::Reject] {
        let unknown = workflow::validate(&keeper, &pending, rel, event).unwrap_err();
        assert_eq!(unknown.wrong(), Wrong::Person(Person::UnknownCreator));
        assert!(
            workflow::validate(&keeper, &pending.clone().created_by_system(), rel, event).is_ok()
        );
        let own = pending.clone().created_by(ME).created_by_system();
        let err = workflow::validate(&keeper, &own, rel, event).unwrap_err();
        assert_eq!(err.wrong(), Wrong::Person(Person::FourEyes));
    }
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §T5: each person rule of the task workflow is said in its own words,
/// and a refusal's message ends with it; e.g. four eyes: the assigned user never
/// approves the task.
#[test]
fn each_workflow_person_rule_has_its_own_sentence() {
    let sentences: BTreeSet<&str> = Person::ALL.iter().map(|p| p.describe()).collect();
    assert_eq!(sentences.len(), Person::ALL.len());
    assert!(!sentences.contains(""));

    let boss = Subject::new(7_u32, [Role::OperationSpecialist, Role::Responsible]);
    let task = Task::new(TaskKind::Maintenance, TaskState::PendingApproval).assigned_to(7);
    let err = workflow::validate(
        &boss,
        &task,
        Relations::ASSET_RESPONSIBLE,
        TaskEvent::Approve,
    )
    .unwrap_err();
    assert_eq!(err.wrong(), Wrong::Person(Person::FourEyes));
    assert!(
        err.to_string().ends_with(Person::FourEyes.describe()),
        "{err}"
    );
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// SOURCES.md §T5, postpone: the assigned user (with the kind's performer role) or
/// `itam_process_manager`. A user who holds neither is told which roles would do:
/// both on maintenance (performed by the operation specialist), and the process
/// manager alone on change of responsible, whose performer it is.
#[test]
fn a_refused_postpone_names_the_roles_that_may() {
    let agent = Subject::new(7_u32, Role::Agent);
    let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(7);
    let err =
        workflow::validate(&agent, &task, Relations::empty(), TaskEvent::Postpone).unwrap_err();
    assert_eq!(
        err.wrong(),
        Wrong::Role(Roles::PROCESS_MANAGER | Roles::OPERATION_SPECIALIST)
    );

    let specialist = Subject::new(7_u32, Role::OperationSpecialist);
    let task = Task::new(TaskKind::ChangeOfResponsible, TaskState::InProgress).assigned_to(7);
    let err = workflow::validate(&specialist, &task, Relations::empty(), TaskEvent::Postpone)
        .unwrap_err();
    assert_eq!(err.wrong(), Wrong::Role(Roles::PROCESS_MANAGER));
}

/// Issue 11: whoever sent a task for approval never approves or rejects it, and a
/// task whose submitter nobody knows is never approved (fail closed).
#[test]
fn the_submitter_never_approves_and_an_unknown_one_fails_closed() {
    let keeper = Subject::new(ME, Role::Responsible);
    let rel = Relations::ASSET_RESPONSIBLE | Relations::ALL_APPROVED;
    let pending = Task::new(TaskKind::Relocation, TaskState::PendingApproval)
        .assigned_to(OTHER)
        .created_by(OTHER);
    for event in [TaskEvent::Approve, TaskEvent::Reject] {
        let unknown = workflow::validate(&keeper, &pending, rel, event).unwrap_err();
        assert_eq!(unknown.wrong(), Wrong::Person(Person::UnknownSubmitter));
        assert_eq!(unknown.code(), 39);
        let mine = pending.clone().submitted_by(ME);
        let own = workflow::validate(&keeper, &mine, rel, event).unwrap_err();
        assert_eq!(own.wrong(), Wrong::Person(Person::FourEyes));
        assert_eq!(own.code(), 21);
        let theirs = pending.clone().submitted_by(OTHER);
        assert!(workflow::validate(&keeper, &theirs, rel, event).is_ok());
    }
}

/// Issue 11 (wording): only the assigned user may, and nobody is assigned: the
/// refusal says so, apart from "the user is not the assigned user".
#[test]
fn nobody_assigned_is_its_own_refusal() {
    let specialist = Subject::new(ME, Role::OperationSpecialist);
    let unassigned = Task::new(TaskKind::Maintenance, TaskState::InProgress);
    let err = workflow::validate(
        &specialist,
        &unassigned,
        Relations::empty(),
        TaskEvent::Postpone,
    )
    .unwrap_err();
    assert_eq!(err.wrong(), Wrong::Person(Person::NobodyAssigned));
    assert_eq!(err.code(), 38);
    assert!(
        err.to_string().ends_with("nobody is assigned to the task"),
        "{err}"
    );
    let someone_elses = unassigned.assigned_to(OTHER);
    let err = workflow::validate(
        &specialist,
        &someone_elses,
        Relations::empty(),
        TaskEvent::Postpone,
    )
    .unwrap_err();
    assert_eq!(err.wrong(), Wrong::Person(Person::AssignedUser));
    assert_eq!(err.code(), 13);
}
