//! Arbitrary text and arbitrary JSON into every parser and serde entry point: no
//! panic, every failure a typed error, never a partial grant.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, reason = "tests")]

use std::fmt::Debug;
use std::str::FromStr;

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
use itam_rbac::{Action, AllowReason, DenyReason, ParseError, Role, Roles, TaskKind, TaskState};

/// Runs `$check::<T>(input, T::NAMES, what)` for every vocabulary type of the crate.
macro_rules! every_vocabulary {
    ($check:ident, $input:expr) => {{
        $check::<Role>($input, Role::NAMES, "role")?;
        $check::<Action>($input, Action::NAMES, "action")?;
        $check::<TaskKind>($input, TaskKind::NAMES, "task kind")?;
        $check::<TaskState>($input, TaskState::NAMES, "task state")?;
        $check::<AllowReason>($input, AllowReason::NAMES, "allow reason")?;
        $check::<DenyReason>($input, DenyReason::NAMES, "deny reason")?;
        $check::<TaskEvent>($input, TaskEvent::NAMES, "task event")?;
        $check::<ApprovalPolicy>($input, ApprovalPolicy::NAMES, "approval policy")?;
        $check::<Person>($input, Person::NAMES, "person rule")?;
        $check::<AssetStage>($input, AssetStage::NAMES, "asset stage")?;
        $check::<AssetState>($input, AssetState::NAMES, "asset state")?;
        $check::<Resume>($input, Resume::NAMES, "resume position")?;
        $check::<Outcome>($input, Outcome::NAMES, "outcome")?;
        $check::<ManualMove>($input, ManualMove::NAMES, "manual move")?;
        $check::<Refusal>($input, Refusal::NAMES, "refusal")?;
        $check::<MoveFault>($input, MoveFault::NAMES, "move fault")?;
        $check::<Suspension>($input, Suspension::NAMES, "suspension")?;
        $check::<TransitionFault>($input, TransitionFault::NAMES, "transition fault")?;
        $check::<RecordKind>($input, RecordKind::NAMES, "record kind")?;
        $check::<RecordEvent>($input, RecordEvent::NAMES, "record event")?;
        $check::<ContractState>($input, ContractState::NAMES, "contract state")?;
        $check::<PurchaseState>($input, PurchaseState::NAMES, "purchase request state")?;
        $check::<DemandState>($input, DemandState::NAMES, "demand state")?;
        $check::<BudgetState>($input, BudgetState::NAMES, "functional budget state")?;
        $check::<CostItemState>($input, CostItemState::NAMES, "actual cost item state")?;
        $check::<NomenclatureState>($input, NomenclatureState::NAMES, "nomenclature state")?;
        $check::<AssetStatus>($input, AssetStatus::NAMES, "asset status")?;
        $check::<Approval>($input, Approval::NAMES, "approval")?;
        $check::<AssetField>($input, AssetField::NAMES, "asset field")?;
        $check::<Duty>($input, Duty::NAMES, "duty")?;
        $check::<Format>($input, Format::NAMES, "report format")?;
    }};
}
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
            // A suggestion is always one of the vocabulary's own names.
            if let Some(name) = err.suggestion() {
                prop_assert!(names.contains(&name), "{:?} suggested {:?}", input, name);
            }
            prop_assert!(!err.is_duplicate());
            let _ = err.to_string();
        }
    }
    Ok(())
}

/// Every system name of every vocabulary.
fn all_names() -> Vec<&'static str> {
    [
        Role::NAMES,
        Action::NAMES,
        TaskKind::NAMES,
        TaskState::NAMES,
        AllowReason::NAMES,
        DenyReason::NAMES,
        TaskEvent::NAMES,
        ApprovalPolicy::NAMES,
        Person::NAMES,
        AssetStage::NAMES,
        AssetState::NAMES,
        Resume::NAMES,
        Outcome::NAMES,
        ManualMove::NAMES,
        Refusal::NAMES,
        MoveFault::NAMES,
        Suspension::NAMES,
        TransitionFault::NAMES,
        RecordKind::NAMES,
        RecordEvent::NAMES,
        ContractState::NAMES,
        PurchaseState::NAMES,
        DemandState::NAMES,
        BudgetState::NAMES,
        CostItemState::NAMES,
        NomenclatureState::NAMES,
        AssetStatus::NAMES,
        AssetField::NAMES,
        Duty::NAMES,
        Format::NAMES,
    ]
    .concat()
}

/// Text near the vocabulary: names with noise, plus anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z_ ]{0,30}",
        proptest::sample::select(all_names()).prop_flat_map(|name| {
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

/// Deserializes `value` as a `T`; whatever is accepted must be a system name and
/// serialize back to itself.
fn serde_is_exact<T>(
    value: &serde_json::Value,
    names: &[&str],
    _what: &str,
) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + Debug,
{
    if let Ok(parsed) = serde_json::from_value::<T>(value.clone()) {
        let again = serde_json::to_value(&parsed).unwrap();
        prop_assert_eq!(&again, value);
        prop_assert!(again.as_str().is_some_and(|name| names.contains(&name)));
    }
    Ok(())
}

/// The same for [`Roles`], which is a list of names.
fn roles_serde_is_exact(value: &serde_json::Value) -> Result<(), TestCaseError> {
    if let Ok(parsed) = serde_json::from_value::<Roles>(value.clone()) {
        // Accepted only as a list of role names, every one of them kept.
        let names: Vec<&str> = value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        prop_assert_eq!(Roles::from_names(&names).unwrap(), parsed);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn every_parser_is_exact_and_never_panics(input in text()) {
        every_vocabulary!(parse_is_exact, &input);
    }

    #[test]
    fn a_role_list_with_one_bad_name_is_an_error_not_a_partial_grant(
        good in proptest::sample::subsequence(Role::NAMES, 0..6).prop_shuffle(),
        bad in text().prop_filter("not a role", |t| !Role::NAMES.contains(&t.as_str())),
        at in 0_usize..7,
    ) {
        let mut names: Vec<String> = good.iter().map(|n| (*n).to_owned()).collect();
        names.insert(at.min(names.len()), bad.clone());
        let err = Roles::from_names(&names).unwrap_err();
        prop_assert!(bad.starts_with(err.input()));
        prop_assert!(!err.is_duplicate());
        let json = serde_json::to_string(&names).unwrap();
        prop_assert!(serde_json::from_str::<Roles>(&json).is_err());
        // Without the bad name the same list is accepted whole.
        names.retain(|n| *n != bad);
        let roles = Roles::from_names(&names).unwrap();
        prop_assert_eq!(roles.roles().len(), good.len());
    }

    /// Issue 11: a list that names a role twice was merged silently; it is bad
    /// input, rejected whole by every entry point, with the repeated name.
    #[test]
    fn a_role_list_with_a_duplicate_is_an_error_not_a_merge(
        good in proptest::sample::subsequence(Role::NAMES, 1..8).prop_shuffle(),
        again in any::<proptest::sample::Index>(),
        at in any::<proptest::sample::Index>(),
    ) {
        let repeated = *again.get(&good);
        let mut names = good.clone();
        names.insert(at.index(names.len() + 1), repeated);
        let err = Roles::from_names(&names).unwrap_err();
        prop_assert!(err.is_duplicate());
        prop_assert_eq!(err.input(), repeated);
        prop_assert_eq!(err.suggestion(), None);
        prop_assert_eq!(err.to_string(), format!("duplicate role name {repeated:?}"));
        prop_assert_eq!(names.join(", ").parse::<Roles>(), Err(err));
        let json = serde_json::to_string(&names).unwrap();
        let serde_err = serde_json::from_str::<Roles>(&json).unwrap_err();
        prop_assert!(serde_err.to_string().starts_with(&err.to_string()), "{}", serde_err);
    }

    /// `Roles`'s `FromStr` on any text: accepted only as distinct system names
    /// joined by `", "` (or the empty string), each kept; rejected naming an item.
    #[test]
    fn the_roles_parser_is_exact(input in prop_oneof![
        text(),
        proptest::collection::vec(text(), 0..4).prop_map(|items| items.join(", ")),
        proptest::collection::vec(proptest::sample::select(Role::NAMES), 0..4)
            .prop_map(|items| items.join(", ")),
    ]) {
        let items: Vec<&str> = if input.is_empty() { Vec::new() } else { input.split(", ").collect() };
        match input.parse::<Roles>() {
            Ok(roles) => {
                let mut sorted = items.clone();
                sorted.sort_unstable();
                sorted.dedup();
                prop_assert_eq!(sorted.len(), items.len(), "duplicates accepted in {:?}", input);
                prop_assert_eq!(roles.roles().len(), items.len());
                for item in items {
                    prop_assert!(roles.has(item.parse::<Role>().unwrap()));
                }
            }
            Err(err) => {
                prop_assert!(items.iter().any(|item| item.starts_with(err.input())));
                prop_assert_eq!(err.what(), "role");
            }
        }
    }

    #[test]
    fn every_serde_entry_point_survives_any_json(value in json()) {
        every_vocabulary!(serde_is_exact, &value);
        roles_serde_is_exact(&value)?;
    }

    #[test]
    fn arbitrary_json_text_never_panics(raw in any::<String>()) {
        let _ = serde_json::from_str::<Roles>(&raw);
        let _ = serde_json::from_str::<Role>(&raw);
        let _ = serde_json::from_str::<TaskState>(&raw);
    }
}
