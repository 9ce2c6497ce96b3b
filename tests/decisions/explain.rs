//! `explain` and `check`: the clause that decided, the reason, its stable code and
//! the message a person reads.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]

use crate::oracle;

use itam_rbac::{
    check, explain, Action, AllowReason, Clause, Decision, DenyReason, Role, Roles, Subject, Task,
    TaskKind, TaskState,
};

const TASK_ROLES: &[&str] = &[
    "itam_agent",
    "itam_responsible",
    "itam_operation_specialist",
    "itam_process_manager",
    "itam_contract_manager",
    "itam_endpoint_user",
    "admin",
];

/// The code table, pinned: a code is never reused or renumbered, and a name never
/// changes its code. New reasons are appended at the end of this list.
#[test]
fn the_audit_codes_are_stable() {
    let allow: Vec<(u8, &str)> = AllowReason::ALL
        .iter()
        .map(|r| (r.code(), r.name()))
        .collect();
    let deny: Vec<(u8, &str)> = DenyReason::ALL
        .iter()
        .map(|r| (r.code(), r.name()))
        .collect();
    assert_eq!(
        allow,
        [
            (1, "holds_role"),
            (2, "assigned_user"),
            (3, "not_excluded"),
            (4, "before_completed"),
            (5, "in_assignment_group"),
            (6, "approver"),
            (7, "state_allows"),
        ]
    );
    assert_eq!(
        deny,
        [
            (10, "delete_never_granted"),
            (11, "no_itam_access"),
            (12, "missing_role"),
            (13, "not_assigned_user"),
            (14, "holds_excluded_role"),
            (15, "task_completed"),
            (16, "record_frozen"),
            (17, "wrong_state"),
            (18, "files_attached"),
            (19, "approval_policy"),
            (20, "not_assigned_user_or_group"),
            (21, "four_eyes"),
            (22, "unknown_creator"),
            (23, "not_an_approver"),
            (24, "not_applicable"),
            (25, "missing_document"),
            (26, "creates_assets"),
            (27, "asset_inactive"),
            (28, "in_open_task"),
            (29, "unverified"),
            (30, "not_found"),
            (31, "no_permanent_location"),
            (32, "not_in_task"),
            (33, "not_started"),
            (34, "wrong_outcome"),
            (35, "not_consignment"),
            (36, "creates_no_assets"),
            (37, "task_closed"),
            (38, "nobody_assigned"),
            (39, "unknown_submitter"),
            (40, "system_move"),
            (41, "person_move"),
            (42, "fields_read_only"),
        ]
    );
    for reason in AllowReason::ALL {
        assert_eq!(AllowReason::from_code(reason.code()), Some(*reason));
    }
    for reason in DenyReason::ALL {
        assert_eq!(DenyReason::from_code(reason.code()), Some(*reason));
    }
    assert_eq!(AllowReason::from_code(0), None);
    assert_eq!(DenyReason::from_code(4), None);
    assert_eq!(DenyReason::from_code(43), None);
}

/// What each deny reason says, checked by removing the obstacle it names: the
/// decision must flip to allow. Exhaustive over the task roles.
#[test]
fn every_denial_names_the_obstacle_that_decided() {
    for names in oracle::roles::subsets(TASK_ROLES) {
        let granted: Roles = names.iter().map(|n| n.parse::<Role>().unwrap()).collect();
        let user = Subject::new(1_u8, granted);
        for &kind in TaskKind::ALL {
            for &state in TaskState::ALL {
                for &action in Action::ALL {
                    let task = Task::new(kind, state).assigned_to(2);
                    let decision = explain(&user, action, &task);
                    // Every decision names the matrix's own cell of the request.
                    assert_eq!(decision.cell(), itam_rbac::matrix::cell(kind, action));
                    let Decision::Deny(denied) = decision else {
                        continue;
                    };
                    assert_eq!(check(&user, action, &task), Err(denied));
                    assert_eq!((denied.kind(), denied.action()), (kind, action));
                    assert_obstacle(&user, action, &task, denied.reason(), denied.missed());
                }
            }
        }
    }
}

fn assert_obstacle(
    user: &Subject<u8>,
    action: Action,
    task: &Task<u8>,
    reason: DenyReason,
    missed: Option<itam_rbac::Grant>,
) {
    let cell = itam_rbac::matrix::cell(task.kind, action);
    let flips = |user: &Subject<u8>, task: &Task<u8>| explain(user, action, task).is_allowed();
    match reason {
        DenyReason::DeleteNeverGranted => assert_eq!(action, Action::Delete),
        DenyReason::NoItamAccess => assert!(!user.has(Role::Agent)),
        DenyReason::MissingRole => {
            assert!(missed.is_none());
            assert!(cell
                .grants()
                .iter()
                .all(|g| !user.effective().intersects(g.roles)));
        }
        DenyReason::NotAssignedUser => {
            assert_eq!(missed.unwrap().clause, Clause::AsAssignedUser);
            assert!(flips(user, &task.clone().assigned_to(1)));
        }
        DenyReason::HoldsExcludedRole => {
            assert!(matches!(missed.unwrap().clause, Clause::Unless(_)));
            let without = Subject::new(1, user.effective() - Roles::CONTRACT_MANAGER);
            assert!(flips(&without, task));
        }
        DenyReason::TaskClosed => {
            // Policy revision 2: the whole inventory update cell closes with the task.
            assert!(cell.is_open_only());
            assert!(task.state == TaskState::Completed || task.state == TaskState::Canceled);
            assert!(user.effective().intersects(missed.unwrap().roles));
            // Open again, the task no longer closes the cell: allowed, or denied
            // for another obstacle (the excluded role).
            let open = explain(user, action, &task.clone().in_state(TaskState::InProgress));
            assert_ne!(open.code(), DenyReason::TaskClosed.code());
        }
        other => panic!("the task decision never gives {other}"),
    }
}

#[test]
fn an_allowed_decision_names_its_clause() {
    let specialist = Subject::new(7_u8, Role::OperationSpecialist);
    let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(7);
    let allowed = explain(&specialist, Action::Update, &task)
        .into_result()
        .unwrap();
    assert_eq!(allowed.reason(), AllowReason::AssignedUser);
    assert_eq!(allowed.clause().0, 1);
    assert_eq!(
        allowed.to_string(),
        "update on maintenance allowed: itam_operation_specialist as the assigned user (clause 2 of 2)"
    );

    let manager = Subject::new(8_u8, Role::ProcessManager);
    let decision = explain(&manager, Action::Update, &task);
    assert_eq!(decision.code(), 1);
    assert_eq!(
        decision.to_string(),
        "update on maintenance allowed: itam_process_manager (clause 1 of 2)"
    );

    let agent = Subject::new(9_u8, Role::EndpointUser);
    let inventory = Task::new(TaskKind::Inventory, TaskState::InProgress);
    assert_eq!(
        explain(&agent, Action::Update, &inventory).code(),
        AllowReason::NotExcluded.code()
    );
    let both = Subject::new(9_u8, [Role::ContractManager, Role::ProcessManager]);
    let open_inventory = inventory.clone().in_state(TaskState::Postponed);
    assert_eq!(
        explain(&both, Action::Update, &open_inventory).code(),
        AllowReason::HoldsRole.code()
    );
    // Policy revision 2: once completed or canceled, nobody (code 37).
    for closed in [TaskState::Completed, TaskState::Canceled] {
        let finished = inventory.clone().in_state(closed);
        assert_eq!(explain(&agent, Action::Update, &finished).code(), 37);
        assert_eq!(explain(&both, Action::Update, &finished).code(), 37);
    }
}

#[test]
fn denials_read_as_sentences() {
    let cases: &[(Roles, Action, TaskKind, TaskState, &str)] = &[
        (
            Roles::OPERATION_SPECIALIST,
            Action::Update,
            TaskKind::Maintenance,
            TaskState::InProgress,
            "update on maintenance denied: itam_operation_specialist as the assigned user does not apply, \
             the user is not the assigned user; update on maintenance needs itam_process_manager, \
             or itam_operation_specialist as the assigned user",
        ),
        (
            Roles::AGENT,
            Action::Create,
            TaskKind::Allocation,
            TaskState::Registered,
            "create on allocation denied: the user holds none of the roles named; create on allocation needs \
             itam_responsible or itam_operation_specialist or itam_process_manager",
        ),
        (
            Roles::PLATFORM_ADMIN,
            Action::Read,
            TaskKind::Disposal,
            TaskState::Completed,
            "read on disposal denied: the user has no ITAM access (no itam_agent); read on disposal needs itam_agent",
        ),
        (
            Roles::PLATFORM_ADMIN | Roles::PROCESS_MANAGER,
            Action::Delete,
            TaskKind::Registration,
            TaskState::Registered,
            "delete on registration denied: delete is never granted, to any role",
        ),
        (
            Roles::CONTRACT_MANAGER,
            Action::Update,
            TaskKind::Inventory,
            TaskState::InProgress,
            "update on inventory denied: itam_agent unless also holding itam_contract_manager does not apply, \
             the user holds the excluded role; update on inventory needs itam_agent unless also holding \
             itam_contract_manager, or itam_operation_specialist or itam_process_manager, while the task is \
             open (neither completed nor canceled)",
        ),
        (
            Roles::CONTRACT_MANAGER | Roles::PROCESS_MANAGER,
            Action::Update,
            TaskKind::Inventory,
            TaskState::Completed,
            "update on inventory denied: itam_operation_specialist or itam_process_manager does not apply, \
             the task is closed (completed or canceled); update on inventory needs itam_agent unless also \
             holding itam_contract_manager, or itam_operation_specialist or itam_process_manager, while the \
             task is open (neither completed nor canceled)",
        ),
        (
            Roles::OPERATION_SPECIALIST,
            Action::Update,
            TaskKind::ChangeOfResponsible,
            TaskState::InProgress,
            "update on change_of_responsible denied: the user holds none of the roles named; \
             update on change_of_responsible needs itam_responsible, or itam_process_manager as the assigned user",
        ),
    ];
    for (roles, action, kind, state, message) in cases {
        let user = Subject::new(1_u8, *roles);
        let task = Task::new(*kind, *state).assigned_to(2);
        let denied = check(&user, *action, &task).unwrap_err();
        assert_eq!(denied.to_string(), *message);
        assert_eq!(explain(&user, *action, &task).to_string(), *message);
    }
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// README "Audit codes": a denial from `check` carries the stable code of its
/// reason, one case each.
#[test]
fn a_denial_carries_the_audit_code_of_its_reason() {
    let specialist = Subject::new(7_u32, Role::OperationSpecialist);
    let in_progress = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(8);
    let code = |subject: &Subject<u32>, action, task: &Task<u32>| {
        check(subject, action, task).unwrap_err().code()
    };

    // Delete is never granted (10).
    assert_eq!(code(&specialist, Action::Delete, &in_progress), 10);
    // No itam_agent: the platform admin has no ITAM access (11).
    let admin = Subject::new(7_u32, Role::PlatformAdmin);
    assert_eq!(code(&admin, Action::Read, &in_progress), 11);
    // An itam_agent who holds none of the create roles (12).
    let agent = Subject::new(7_u32, Role::Agent);
    assert_eq!(code(&agent, Action::Create, &in_progress), 12);
    // The specialist updates only as the assigned user (13).
    assert_eq!(code(&specialist, Action::Update, &in_progress), 13);
    // Inventory update: a contract manager is excluded from the agent clause (14).
    let contract_manager = Subject::new(7_u32, Role::ContractManager);
    let inventory = Task::new(TaskKind::Inventory, TaskState::InProgress);
    assert_eq!(code(&contract_manager, Action::Update, &inventory), 14);
    // Policy revision 2: a closed inventory takes no update from anyone (37), the
    // specialist included.
    let both = Subject::new(7_u32, [Role::OperationSpecialist, Role::ContractManager]);
    let completed = inventory.clone().in_state(TaskState::Completed);
    assert_eq!(code(&both, Action::Update, &completed), 37);
    let canceled = inventory.in_state(TaskState::Canceled);
    assert_eq!(code(&specialist, Action::Update, &canceled), 37);
    // Only the assigned user may, and nobody is assigned (38).
    let unassigned = Task::new(TaskKind::Maintenance, TaskState::InProgress);
    assert_eq!(code(&specialist, Action::Update, &unassigned), 38);
}

/// README.md's code table is the one of the source, row for row: written by
/// `UPDATE_README=1 cargo test --test decisions explain`, checked otherwise.
#[test]
fn the_readme_lists_every_code() {
    use std::fmt::Write as _;
    let mut table = String::from("| code | name | meaning |\n|---:|---|---|\n");
    for reason in AllowReason::ALL {
        writeln!(
            table,
            "| {} | `{}` | allowed: {} |",
            reason.code(),
            reason.name(),
            code_spans(reason.describe())
        )
        .unwrap();
    }
    for reason in DenyReason::ALL {
        writeln!(
            table,
            "| {} | `{}` | denied: {} |",
            reason.code(),
            reason.name(),
            code_spans(reason.describe())
        )
        .unwrap();
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (begin, end) = ("<!-- codes:begin -->\n", "<!-- codes:end -->");
    let start = readme.find(begin).unwrap() + begin.len();
    let stop = readme.find(end).unwrap();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[stop..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        readme[start..stop],
        table,
        "README.md's code table is stale: UPDATE_README=1"
    );
}

/// A sentence with its role names as code spans, as Markdown writes them.
fn code_spans(sentence: &str) -> String {
    let words: Vec<String> = sentence
        .split(' ')
        .map(|word| {
            let name = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_');
            if name.starts_with("itam_") {
                word.replace(name, &format!("`{name}`"))
            } else {
                word.to_string()
            }
        })
        .collect();
    words.join(" ")
}
