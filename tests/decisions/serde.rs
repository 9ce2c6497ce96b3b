//! serde: system names in, system names out; unknown names are errors, never dropped.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, reason = "tests")]

use itam_rbac::{Action, DenyReason, Role, Roles, TaskKind, TaskState};
use proptest::prelude::*;

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
    // Any order, each role once.
    let back: Roles = serde_json::from_str(r#"["itam_responsible","itam_agent"]"#).unwrap();
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

/// Issue 11: a list that names a role twice was merged silently; it is an error
/// that names the role, as `Roles::from_names` and `Roles`'s `FromStr` say.
#[test]
fn a_role_named_twice_fails_the_whole_list() {
    let err = serde_json::from_str::<Roles>(r#"["itam_responsible","itam_agent","itam_agent"]"#)
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"duplicate role name "itam_agent""#),
        "{err}"
    );
}

/// Any role set, with its names in a random order.
fn role_set_and_shuffled_names() -> impl Strategy<Value = (Roles, Vec<&'static str>)> {
    (0_u32..(1 << 21)).prop_flat_map(|bits| {
        let roles = Roles::from_bits_truncate(bits);
        let names: Vec<&'static str> = roles.roles().map(Role::name).collect();
        (Just(roles), Just(names).prop_shuffle())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Every role set serializes to the list of its names in `Role::ALL` order and
    /// reads back to itself, from the list in any order too.
    #[test]
    fn every_role_set_round_trips_through_json(
        (roles, shuffled) in role_set_and_shuffled_names(),
    ) {
        let json = serde_json::to_string(&roles).unwrap();
        let in_order: Vec<&str> = roles.roles().map(Role::name).collect();
        prop_assert_eq!(&json, &serde_json::to_string(&in_order).unwrap());
        prop_assert_eq!(serde_json::from_str::<Roles>(&json).unwrap(), roles);
        let json = serde_json::to_string(&shuffled).unwrap();
        prop_assert_eq!(serde_json::from_str::<Roles>(&json).unwrap(), roles);
    }
}

/// Issue 11: serde errors carry the nearest-name suggestion for a typo too.
#[test]
fn a_typo_in_json_gets_the_nearest_name() {
    let err = serde_json::from_str::<TaskKind>(r#""maintainance""#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(r#"unknown task kind name "maintainance" (did you mean "maintenance"?)"#),
        "{err}"
    );
    let err =
        serde_json::from_str::<Roles>(r#"["itam_agent","itam_opertion_specialist"]"#).unwrap_err();
    assert!(
        err.to_string()
            .contains(r#"(did you mean "itam_operation_specialist"?)"#),
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

/// The `expecting` text of `T`, as `serde_json` words an error for a value of the
/// wrong type (a number where a name belongs).
fn expecting<T: serde::de::DeserializeOwned + std::fmt::Debug>() -> String {
    let message = serde_json::from_str::<T>("1").unwrap_err().to_string();
    let (_, expected) = message.split_once("expected ").unwrap();
    let (expected, _) = expected.rsplit_once(" at line").unwrap();
    expected.to_owned()
}

/// Issue 11: the errors said "expected a action". Every vocabulary type the crate
/// exposes, with the article its name takes, written out by hand.
#[test]
fn serde_errors_use_the_right_article_for_every_vocabulary() {
    use itam_rbac::lifecycle::{
        AssetStage, AssetState, ManualMove, MoveFault, Outcome, Refusal, Resume, Suspension,
        TransitionFault,
    };
    use itam_rbac::records::{
        Approval, AssetField, AssetStatus, BudgetState, ContractState, CostItemState, DemandState,
        NomenclatureState, PurchaseState, RecordEvent, RecordKind,
    };
    use itam_rbac::report::Format;
    use itam_rbac::sod::Duty;
    use itam_rbac::workflow::{ApprovalPolicy, Person, TaskEvent};
    use itam_rbac::AllowReason;

    let cases = [
        (expecting::<Role>(), "a role system name"),
        (expecting::<Roles>(), "a list of role system names"),
        (expecting::<Action>(), "an action system name"),
        (expecting::<TaskKind>(), "a task kind system name"),
        (expecting::<TaskState>(), "a task state system name"),
        (expecting::<AllowReason>(), "an allow reason system name"),
        (expecting::<DenyReason>(), "a deny reason system name"),
        (expecting::<TaskEvent>(), "a task event system name"),
        (
            expecting::<ApprovalPolicy>(),
            "an approval policy system name",
        ),
        (expecting::<Person>(), "a person rule system name"),
        (expecting::<AssetStage>(), "an asset stage system name"),
        (
            expecting::<AssetState>(),
            "a qualified asset state name such as storage/available",
        ),
        (expecting::<Resume>(), "a resume position system name"),
        (expecting::<Outcome>(), "an outcome system name"),
        (expecting::<ManualMove>(), "a manual move system name"),
        (expecting::<Refusal>(), "a refusal system name"),
        (expecting::<MoveFault>(), "a move fault system name"),
        (expecting::<Suspension>(), "a suspension system name"),
        (
            expecting::<TransitionFault>(),
            "a transition fault system name",
        ),
        (expecting::<RecordKind>(), "a record kind system name"),
        (expecting::<RecordEvent>(), "a record event system name"),
        (expecting::<Approval>(), "an approval system name"),
        (expecting::<ContractState>(), "a contract state system name"),
        (
            expecting::<PurchaseState>(),
            "a purchase request state system name",
        ),
        (expecting::<DemandState>(), "a demand state system name"),
        (
            expecting::<BudgetState>(),
            "a functional budget state system name",
        ),
        (
            expecting::<CostItemState>(),
            "an actual cost item state system name",
        ),
        (
            expecting::<NomenclatureState>(),
            "a nomenclature state system name",
        ),
        (expecting::<AssetStatus>(), "an asset status system name"),
        (expecting::<AssetField>(), "an asset field system name"),
        (expecting::<Duty>(), "a duty system name"),
        (expecting::<Format>(), "a report format system name"),
    ];
    let wrong: Vec<_> = cases
        .iter()
        .filter(|(said, expected)| said != expected)
        .collect();
    assert!(wrong.is_empty(), "said, expected: {wrong:#?}");
}
