//! Every system name round-trips; anything else is an error that names it.
#![allow(clippy::unwrap_used, reason = "tests")]

use std::str::FromStr;

use itam_rbac::{Action, AllowReason, DenyReason, ParseError, Role, Roles, TaskKind, TaskState};

fn round_trips<T>(all: &[T], names: &[&str])
where
    T: FromStr<Err = ParseError> + std::fmt::Display + PartialEq + std::fmt::Debug + Copy,
{
    assert_eq!(all.len(), names.len());
    for (value, name) in all.iter().zip(names) {
        assert_eq!(value.to_string(), *name);
        assert_eq!(name.parse::<T>().unwrap(), *value);
    }
}

#[test]
fn every_vocabulary_round_trips_through_its_names() {
    round_trips(Role::ALL, Role::NAMES);
    round_trips(Action::ALL, Action::NAMES);
    round_trips(TaskKind::ALL, TaskKind::NAMES);
    round_trips(TaskState::ALL, TaskState::NAMES);
    round_trips(AllowReason::ALL, AllowReason::NAMES);
    round_trips(DenyReason::ALL, DenyReason::NAMES);
}

#[test]
fn the_names_are_the_ones_the_spec_writes() {
    assert_eq!(
        Role::OperationSpecialist.name(),
        "itam_operation_specialist"
    );
    assert_eq!(Role::Admin.name(), "itam_admin");
    assert_eq!(Role::PlatformAdmin.name(), "admin");
    assert_eq!(
        TaskKind::ChangeOfResponsible.name(),
        "change_of_responsible"
    );
    assert_eq!(TaskState::PendingApproval.name(), "pending_approval");
    assert_eq!(TaskState::InProgress.name(), "in_progress");
    assert_eq!(Role::ALL.len(), 21);
    assert_eq!(TaskKind::ALL.len(), 12);
    assert_eq!(TaskState::ALL.len(), 7);
}

#[test]
fn a_name_that_is_not_exact_is_rejected_and_named() {
    let cases: &[(&str, Option<&str>)] = &[
        ("itam_god", None),
        ("", None),
        ("ITAM_AGENT", Some("itam_agent")),
        ("Itam_Responsible", Some("itam_responsible")),
        (" itam_agent", Some("itam_agent")),
        ("itam_agent ", Some("itam_agent")),
        ("itam_agent\n", Some("itam_agent")),
        ("\titam_process_manager", Some("itam_process_manager")),
        ("itam agent", None),
        ("itam_agent,itam_admin", None),
        ("itam_аgent", None), // a Cyrillic "а"
    ];
    for (input, suggestion) in cases {
        let err = input.parse::<Role>().unwrap_err();
        assert_eq!(err.what(), "role");
        assert_eq!(err.input(), *input);
        assert!(!err.is_truncated());
        assert_eq!(err.suggestion(), *suggestion, "{input:?}");
        let message = err.to_string();
        assert!(message.starts_with("unknown role name "), "{message}");
        assert!(
            message.contains(&format!("{input:?}")),
            "{message} should quote {input:?}"
        );
    }
}

#[test]
fn each_vocabulary_names_itself_in_its_errors() {
    assert_eq!(
        "Update".parse::<Action>().unwrap_err().to_string(),
        r#"unknown action name "Update" (did you mean "update"?)"#
    );
    assert_eq!(
        "change of responsible"
            .parse::<TaskKind>()
            .unwrap_err()
            .what(),
        "task kind"
    );
    assert_eq!(
        "done".parse::<TaskState>().unwrap_err().to_string(),
        r#"unknown task state name "done""#
    );
    assert_eq!(Role::try_from("x").unwrap_err().what(), "role");
}

#[test]
fn a_long_rejected_name_is_kept_in_part_and_marked() {
    let long = "ж".repeat(100); // 200 bytes, 2 a character
    let err = long.parse::<Role>().unwrap_err();
    assert!(err.is_truncated());
    assert_eq!(err.input(), "ж".repeat(32));
    assert!(err.to_string().contains("(truncated)"));
    let exact = "x".repeat(itam_rbac::REJECTED_CAPACITY);
    let err = exact.parse::<Role>().unwrap_err();
    assert!(!err.is_truncated());
    assert_eq!(err.input(), exact);
}

#[test]
fn roles_print_as_their_names() {
    assert_eq!(Roles::empty().to_string(), "");
    assert_eq!(
        (Roles::RESPONSIBLE | Roles::AGENT).to_string(),
        "itam_agent, itam_responsible"
    );
    let collected: Roles = ["itam_admin", "admin"]
        .iter()
        .map(|n| n.parse::<Role>().unwrap())
        .collect();
    assert_eq!(collected, Roles::ADMIN | Roles::PLATFORM_ADMIN);
    let mut extended = Roles::empty();
    extended.extend([Role::Agent, Role::Agent]);
    assert_eq!(extended, Roles::AGENT);
    assert_eq!(Roles::all().roles().len(), 21);
}
