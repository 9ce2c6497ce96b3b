//! serde: system names in, system names out; unknown names are errors, never dropped.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, reason = "tests")]

use itam_rbac::{Action, DenyReason, Role, Roles, TaskKind, TaskState};

#[test]
fn vocabularies_serialize_as_system_names() {
    for role in Role::ALL {
        let json = serde_json::to_string(role).unwrap();
        assert_eq!(json, format!("\"{}\"", role.name()));
        assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), *role);
    }
    for kind in TaskKind::ALL {
        assert_eq!(
            serde_json::from_value::<TaskKind>(serde_json::to_value(kind).unwrap()).unwrap(),
            *kind
        );
    }
    for state in TaskState::ALL {
        assert_eq!(
            serde_json::from_value::<TaskState>(serde_json::to_value(state).unwrap()).unwrap(),
            *state
        );
    }
    for action in Action::ALL {
        assert_eq!(
            serde_json::from_value::<Action>(serde_json::to_value(action).unwrap()).unwrap(),
            *action
        );
    }
    assert_eq!(
        serde_json::to_string(&DenyReason::NotAssignedUser).unwrap(),
        "\"not_assigned_user\""
    );
}

#[test]
fn roles_serialize_as_a_list_of_names() {
    let roles = Roles::AGENT | Roles::RESPONSIBLE;
    assert_eq!(
        serde_json::to_string(&roles).unwrap(),
        r#"["itam_agent","itam_responsible"]"#
    );
    assert_eq!(serde_json::to_string(&Roles::empty()).unwrap(), "[]");
    let back: Roles =
        serde_json::from_str(r#"["itam_responsible","itam_agent","itam_agent"]"#).unwrap();
    assert_eq!(back, roles);
    let all: Roles = serde_json::from_str(&serde_json::to_string(&Roles::all()).unwrap()).unwrap();
    assert_eq!(all, Roles::all());
}

#[test]
fn an_unknown_role_name_fails_the_whole_list() {
    let err =
        serde_json::from_str::<Roles>(r#"["itam_agent","itam_superuser","itam_process_manager"]"#)
            .unwrap_err();
    assert!(
        err.to_string()
            .contains(r#"unknown role name "itam_superuser""#),
        "{err}"
    );
    let err = serde_json::from_str::<Role>(r#""Itam_Agent""#).unwrap_err();
    assert!(
        err.to_string().contains(r#"did you mean "itam_agent"?"#),
        "{err}"
    );
}

#[test]
fn values_of_the_wrong_shape_are_errors() {
    for bad in [
        r#""itam_agent""#,
        "3",
        "null",
        r#"{"itam_agent":true}"#,
        "[3]",
        "[null]",
        r#"["itam_agent""#,
    ] {
        assert!(
            serde_json::from_str::<Roles>(bad).is_err(),
            "{bad} should not be a role list"
        );
    }
    for bad in ["3", "null", "[]", r#"["itam_agent"]"#, r#""""#] {
        assert!(
            serde_json::from_str::<Role>(bad).is_err(),
            "{bad} should not be a role"
        );
    }
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// README, "Names": with the `serde` feature a role set is a list of system names.
/// A bare name is not a list: it is rejected, and the error says what was expected.
#[cfg(feature = "serde")]
#[test]
fn a_role_set_deserializes_only_from_a_list() {
    let err = serde_json::from_str::<Roles>("\"itam_agent\"").unwrap_err();
    assert!(
        err.to_string()
            .contains("expected a list of role system names"),
        "{err}"
    );
    assert_eq!(
        serde_json::from_str::<Roles>("[\"itam_agent\"]").unwrap(),
        Roles::AGENT
    );
}
