//! Arbitrary text and arbitrary JSON into every parser and serde entry point: no
//! panic, every failure a typed error, never a partial grant.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, reason = "tests")]

use std::fmt::Debug;
use std::str::FromStr;

use itam_rbac::{Action, AllowReason, DenyReason, ParseError, Role, Roles, TaskKind, TaskState};
use proptest::prelude::*;

/// Parses `input` as a `T`; an error must quote a prefix of the input and name the
/// vocabulary, a success must be exactly a system name.
fn parse_is_exact<T>(input: &str, names: &[&str], what: &str) -> Result<(), TestCaseError>
where
    T: FromStr<Err = ParseError> + ToString,
{
    match input.parse::<T>() {
        Ok(value) => prop_assert_eq!(value.to_string(), input),
        Err(err) => {
            prop_assert!(!names.contains(&input));
            prop_assert_eq!(err.what(), what);
            prop_assert!(input.starts_with(err.input()));
            prop_assert_eq!(err.is_truncated(), err.input().len() < input.len());
            let _ = err.to_string();
        }
    }
    Ok(())
}

/// Text near the vocabulary: names with noise, plus anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z_ ]{0,30}",
        proptest::sample::select(Role::NAMES).prop_flat_map(|name| {
            (Just(name), "[ \\t\\nA-Z_]{0,2}", "[ \\t\\nA-Z_]{0,2}")
                .prop_map(|(n, pre, post)| format!("{pre}{n}{post}"))
        }),
    ]
}

/// Any JSON value, nested a few levels, with strings drawn from [`text`].
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(text(), inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn serde_is_exact<T>(value: &serde_json::Value) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + Debug,
{
    if let Ok(parsed) = serde_json::from_value::<T>(value.clone()) {
        // Whatever was accepted serializes back to the same names.
        let again = serde_json::to_value(&parsed).unwrap();
        prop_assert!(serde_json::from_value::<T>(again).is_ok());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn every_parser_is_exact_and_never_panics(input in text()) {
        parse_is_exact::<Role>(&input, Role::NAMES, "role")?;
        parse_is_exact::<Action>(&input, Action::NAMES, "action")?;
        parse_is_exact::<TaskKind>(&input, TaskKind::NAMES, "task kind")?;
        parse_is_exact::<TaskState>(&input, TaskState::NAMES, "task state")?;
        parse_is_exact::<AllowReason>(&input, AllowReason::NAMES, "allow reason")?;
        parse_is_exact::<DenyReason>(&input, DenyReason::NAMES, "deny reason")?;
    }

    #[test]
    fn a_role_list_with_one_bad_name_is_an_error_not_a_partial_grant(
        good in proptest::collection::vec(proptest::sample::select(Role::NAMES), 0..6),
        bad in text().prop_filter("not a role", |t| !Role::NAMES.contains(&t.as_str())),
        at in 0_usize..7,
    ) {
        let mut names: Vec<String> = good.iter().map(|n| (*n).to_owned()).collect();
        names.insert(at.min(names.len()), bad.clone());
        let err = Roles::from_names(&names).unwrap_err();
        prop_assert!(bad.starts_with(err.input()));
        let json = serde_json::to_string(&names).unwrap();
        prop_assert!(serde_json::from_str::<Roles>(&json).is_err());
        // Without the bad name the same list is accepted whole.
        names.retain(|n| *n != bad);
        let roles = Roles::from_names(&names).unwrap();
        prop_assert_eq!(roles.roles().len(), good.iter().collect::<std::collections::BTreeSet<_>>().len());
    }

    #[test]
    fn every_serde_entry_point_survives_any_json(value in json()) {
        serde_is_exact::<Role>(&value)?;
        serde_is_exact::<Roles>(&value)?;
        serde_is_exact::<Action>(&value)?;
        serde_is_exact::<TaskKind>(&value)?;
        serde_is_exact::<TaskState>(&value)?;
        serde_is_exact::<AllowReason>(&value)?;
        serde_is_exact::<DenyReason>(&value)?;
    }

    #[test]
    fn arbitrary_json_text_never_panics(raw in any::<String>()) {
        let _ = serde_json::from_str::<Roles>(&raw);
        let _ = serde_json::from_str::<Role>(&raw);
        let _ = serde_json::from_str::<TaskState>(&raw);
    }
}
