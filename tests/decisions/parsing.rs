//! Every system name round-trips; anything else is an error that names it.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

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
use proptest::prelude::*;

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
        // One character off: the nearest name is suggested (issue 11).
        ("itam agent", Some("itam_agent")),
        ("itam_аgent", Some("itam_agent")), // a Cyrillic "а"
        ("itam_agent,itam_admin", None),
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

/// The parse error of `input` as a `T`, or `None` if it parses.
fn error_of<T: FromStr<Err = ParseError>>(input: &str) -> Option<ParseError> {
    input.parse::<T>().err()
}

/// One vocabulary: its system names and its parser.
type Vocabulary = (&'static [&'static str], fn(&str) -> Option<ParseError>);

/// Every vocabulary type the crate exposes.
const VOCABULARIES: &[Vocabulary] = &[
    (Role::NAMES, error_of::<Role>),
    (Action::NAMES, error_of::<Action>),
    (TaskKind::NAMES, error_of::<TaskKind>),
    (TaskState::NAMES, error_of::<TaskState>),
    (AllowReason::NAMES, error_of::<AllowReason>),
    (DenyReason::NAMES, error_of::<DenyReason>),
    (TaskEvent::NAMES, error_of::<TaskEvent>),
    (ApprovalPolicy::NAMES, error_of::<ApprovalPolicy>),
    (Person::NAMES, error_of::<Person>),
    (AssetStage::NAMES, error_of::<AssetStage>),
    (AssetState::NAMES, error_of::<AssetState>),
    (Resume::NAMES, error_of::<Resume>),
    (Outcome::NAMES, error_of::<Outcome>),
    (ManualMove::NAMES, error_of::<ManualMove>),
    (Refusal::NAMES, error_of::<Refusal>),
    (MoveFault::NAMES, error_of::<MoveFault>),
    (Suspension::NAMES, error_of::<Suspension>),
    (TransitionFault::NAMES, error_of::<TransitionFault>),
    (RecordKind::NAMES, error_of::<RecordKind>),
    (RecordEvent::NAMES, error_of::<RecordEvent>),
    (ContractState::NAMES, error_of::<ContractState>),
    (PurchaseState::NAMES, error_of::<PurchaseState>),
    (DemandState::NAMES, error_of::<DemandState>),
    (BudgetState::NAMES, error_of::<BudgetState>),
    (CostItemState::NAMES, error_of::<CostItemState>),
    (NomenclatureState::NAMES, error_of::<NomenclatureState>),
    (AssetStatus::NAMES, error_of::<AssetStatus>),
    (Approval::NAMES, error_of::<Approval>),
    (AssetField::NAMES, error_of::<AssetField>),
    (Duty::NAMES, error_of::<Duty>),
    (Format::NAMES, error_of::<Format>),
];

/// The optimal-string-alignment distance, written out as the textbook full table
/// (an oracle for the crate's three-row version).
fn osa(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The distance of [`ParseError::suggestion`]: the input trimmed, against the
/// name, ASCII letters lowered in both.
fn distance(input: &str, name: &str) -> usize {
    let lowered = |s: &str| -> Vec<char> { s.chars().map(|c| c.to_ascii_lowercase()).collect() };
    osa(&lowered(input.trim()), &lowered(name))
}

/// The rule of [`ParseError::suggestion`], written from its documentation: of the
/// names within a quarter of their length (at least 1) of the input, the nearest,
/// and of those the first declared.
fn expected_suggestion(input: &str, names: &[&'static str]) -> Option<&'static str> {
    let mut best: Option<(&'static str, usize)> = None;
    let length = input.trim().chars().count();
    for name in names {
        let limit = (name.chars().count() / 4).max(1);
        if name.chars().count().abs_diff(length) > limit {
            continue; // more than `limit` insertions or deletions apart
        }
        let d = distance(input, name);
        if d <= limit && best.map_or(true, |(_, b)| d < b) {
            best = Some((name, d));
        }
    }
    best.map(|(name, _)| name)
}

/// Issue 11: a typo got no suggestion, only a slip of case or white space did.
#[test]
fn a_typo_gets_the_nearest_name() {
    let cases = [
        (
            error_of::<Role>("itam_opertion_specialist"),
            "itam_operation_specialist",
        ),
        (error_of::<TaskKind>("maintainance"), "maintenance"),
        (error_of::<TaskState>("in_progres"), "in_progress"),
        (error_of::<Action>("raed"), "read"),
        (error_of::<Role>("ITAM_AGNET"), "itam_agent"),
        (
            error_of::<Role>(" itam_purchse_manager "),
            "itam_purchase_manager",
        ),
        (
            error_of::<AssetState>("storage/availble"),
            "storage/available",
        ),
        (error_of::<Outcome>("unfixible"), "unfixable"),
    ];
    for (err, name) in cases {
        let err = err.unwrap();
        assert_eq!(err.suggestion(), Some(name), "{err}");
        assert!(
            err.to_string()
                .ends_with(&format!(" (did you mean \"{name}\"?)")),
            "{err}"
        );
    }
    assert_eq!(
        error_of::<Role>("itam_opertion_specialist")
            .unwrap()
            .to_string(),
        r#"unknown role name "itam_opertion_specialist" (did you mean "itam_operation_specialist"?)"#
    );
}

#[test]
fn nothing_near_suggests_nothing() {
    // Two edits from "read": beyond the 1 edit a 4-letter name allows.
    assert_eq!(error_of::<Action>("rxax").unwrap().suggestion(), None);
    // Three edits from "itam_agent" (10 letters: 2 allowed).
    assert_eq!(error_of::<Role>("itam_agxxx").unwrap().suggestion(), None);
    assert_eq!(error_of::<Role>("").unwrap().suggestion(), None);
    assert_eq!(error_of::<Role>("root").unwrap().suggestion(), None);
    assert_eq!(error_of::<TaskState>("done").unwrap().suggestion(), None);
    // Near, but past the 64 bytes an error keeps: nothing is compared beyond them.
    let long = format!(
        "{}{}",
        " ".repeat(itam_rbac::REJECTED_CAPACITY),
        "itam_agent"
    );
    assert_eq!(error_of::<Role>(&long).unwrap().suggestion(), None);
}

/// `ParseError::new` for a host's own vocabulary: lengths and edits are counted in
/// characters, not bytes, and case is ignored in the names too.
#[test]
fn a_host_vocabulary_gets_suggestions_in_characters() {
    let names = &["Zürich", "Genève", "assigned"];
    for (input, expected) in [
        ("Zürih", Some("Zürich")),
        ("zurich", Some("Zürich")),
        ("GENÈVE", Some("Genève")), // 'È' is not ASCII, so not lowered: 1 edit
        ("GENÈVA", None),           // 2 edits, 1 allowed for 6 characters
        ("Geneve", Some("Genève")),
        ("asigned", Some("assigned")),
        ("zzz", None),
    ] {
        let err = ParseError::new("word", input, names);
        assert_eq!(err.suggestion(), expected, "{input:?}");
        assert_eq!(expected_suggestion(input, names), expected, "{input:?}");
        assert_eq!(err.what(), "word");
        assert_eq!(err.input(), input);
        assert!(!err.is_duplicate());
    }
}

/// Two names at the same distance: the first declared is suggested.
#[test]
fn ties_go_to_the_first_declared_name() {
    // One edit from "allocation" and one from "relocation"; allocation comes first.
    assert_eq!(distance("rllocation", "allocation"), 1);
    assert_eq!(distance("rllocation", "relocation"), 1);
    assert_eq!(
        error_of::<TaskKind>("rllocation").unwrap().suggestion(),
        Some("allocation")
    );
    // One edit from "stage" and from "state"; stage comes first.
    assert_eq!(
        error_of::<AssetField>("stafe").unwrap().suggestion(),
        Some("stage")
    );
    // One edit from "active" and from "inactive"; active comes first.
    assert_eq!(
        error_of::<NomenclatureState>("nactive")
            .unwrap()
            .suggestion(),
        Some("active")
    );
    // Nearer wins over declared first: "inactiv" is one edit from "inactive" and
    // two from "active".
    assert_eq!(
        error_of::<AssetStatus>("inactiv").unwrap().suggestion(),
        Some("inactive")
    );
}

/// One edit of `name`: `kind` 0 deletes, 1 inserts, 2 substitutes and 3 swaps two
/// adjacent characters, at `at` (modulo the length), with `c` where one is needed.
fn one_edit(name: &str, kind: u8, at: usize, c: char) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let at = at % chars.len();
    match kind {
        0 => {
            chars.remove(at);
        }
        1 => chars.insert(at, c),
        2 => chars[at] = c,
        _ => {
            let at = at.min(chars.len() - 2);
            chars.swap(at, at + 1);
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// A one-edit typo of any system name of any vocabulary is rejected and
    /// suggests a name at distance at most 1: that name, or one at the same or a
    /// smaller distance (then the first declared of the nearest). A typo that is
    /// itself a system name parses.
    #[test]
    fn a_one_edit_typo_suggests_the_name(
        vocabulary in 0..VOCABULARIES.len(),
        pick in any::<proptest::sample::Index>(),
        kind in 0_u8..4,
        at in any::<usize>(),
        c in proptest::char::ranges(vec!['a'..='z', 'A'..='Z', '_'..='_', '/'..='/', '0'..='9', ' '..=' ', 'é'..='é'].into()),
    ) {
        let (names, parse) = VOCABULARIES[vocabulary];
        let name = names[pick.index(names.len())];
        let typo = one_edit(name, kind, at, c);
        match parse(&typo) {
            None => prop_assert!(names.contains(&typo.as_str()), "{typo:?} parsed"),
            Some(err) => {
                let suggested = err.suggestion();
                prop_assert!(suggested.is_some(), "{typo:?}: no suggestion for {name:?}");
                let suggested = suggested.unwrap();
                prop_assert!(distance(&typo, suggested) <= distance(&typo, name));
                prop_assert!(distance(&typo, name) <= 1);
                let nearest = names.iter().map(|n| distance(&typo, n)).min().unwrap();
                let first = names.iter().find(|n| distance(&typo, n) == nearest).unwrap();
                prop_assert_eq!(suggested, *first, "{:?} from {:?}", typo, name);
            }
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Garbage far from every name gets no suggestion: text without letters,
    /// underscores or slashes is at least as far from a name as the name is long.
    #[test]
    fn garbage_gets_no_suggestion(
        garbage in proptest::collection::vec(
            proptest::char::ranges(vec!['0'..='9', ' '..='.', 'α'..='ω', '一'..='龥'].into()),
            0..40,
        ).prop_map(|chars| chars.into_iter().collect::<String>()),
    ) {
        for (_, parse) in VOCABULARIES {
            if let Some(err) = parse(&garbage) {
                prop_assert_eq!(err.suggestion(), None, "{:?}", garbage);
            }
        }
    }

    /// Any text: the suggestion is the documented rule, by the textbook distance.
    #[test]
    fn the_suggestion_follows_the_documented_rule(
        input in prop_oneof![any::<String>(), "[a-z_ ]{0,30}", "[a-zA-Z_/]{1,12}"],
    ) {
        for (names, parse) in VOCABULARIES {
            if let Some(err) = parse(&input) {
                let kept = err.input();
                prop_assert_eq!(err.suggestion(), expected_suggestion(kept, names));
            }
        }
    }
}

/// Every deletion and every swap of two adjacent characters of every system name:
/// rejected (unless it is another name) with a suggestion at distance 1.
#[test]
fn every_deletion_and_swap_of_every_name_is_suggested_back() {
    for (names, parse) in VOCABULARIES {
        for name in *names {
            for at in 0..name.len() {
                for kind in [0, 3] {
                    let typo = one_edit(name, kind, at, ' ');
                    if typo == *name {
                        continue; // a swap of two equal characters
                    }
                    match parse(&typo) {
                        None => assert!(names.contains(&typo.as_str())),
                        Some(err) => {
                            let suggested = err
                                .suggestion()
                                .unwrap_or_else(|| panic!("{typo:?}: no suggestion for {name:?}"));
                            assert!(distance(&typo, suggested) <= 1, "{typo:?}");
                            assert_eq!(
                                Some(suggested),
                                expected_suggestion(&typo, names),
                                "{typo:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Issue 11: `Roles` printed as `a, b` but had no `FromStr`. Every single role and
/// every pair, exhaustively: the `Display` form parses back to the same set.
#[test]
fn every_small_role_set_round_trips_through_its_display_form() {
    assert_eq!("".parse::<Roles>().unwrap(), Roles::empty());
    assert_eq!(
        Roles::all().to_string().parse::<Roles>().unwrap(),
        Roles::all()
    );
    for a in Role::ALL {
        for b in Role::ALL {
            let roles = Roles::from([*a, *b]);
            assert_eq!(roles.to_string().parse::<Roles>(), Ok(roles), "{roles}");
        }
    }
}

#[test]
fn roles_print_in_declaration_order_and_parse_in_any_order() {
    let roles = Roles::PLATFORM_ADMIN | Roles::RESPONSIBLE | Roles::AGENT;
    assert_eq!(roles.to_string(), "itam_agent, itam_responsible, admin");
    for text in [
        "admin, itam_responsible, itam_agent",
        "itam_responsible, admin, itam_agent",
        "itam_agent, itam_responsible, admin",
    ] {
        assert_eq!(text.parse::<Roles>(), Ok(roles), "{text}");
    }
}

#[test]
fn a_bad_item_in_a_role_list_is_named() {
    let err = "itam_agent, itam_opertion_specialist, root"
        .parse::<Roles>()
        .unwrap_err();
    assert_eq!(err.input(), "itam_opertion_specialist");
    assert_eq!(err.suggestion(), Some("itam_operation_specialist"));
    assert!(!err.is_duplicate());
    // The separator is exactly ", ": anything else is part of a name.
    for (text, bad) in [
        ("itam_agent,itam_admin", "itam_agent,itam_admin"),
        ("itam_agent,  itam_admin", " itam_admin"),
        ("itam_agent, ", ""),
        (", itam_agent", ""),
        (" ", " "),
        ("none", "none"),
    ] {
        let err = text.parse::<Roles>().unwrap_err();
        assert_eq!(err.input(), bad, "{text:?}");
        assert_eq!(err.what(), "role");
    }
    assert_eq!(
        "itam_agent,  itam_admin"
            .parse::<Roles>()
            .unwrap_err()
            .suggestion(),
        Some("itam_admin")
    );
}

/// Issue 11: a role named twice was merged; it is an error, in every entry point.
#[test]
fn a_role_named_twice_is_an_error_that_says_so() {
    let err = "itam_agent, itam_admin, itam_agent"
        .parse::<Roles>()
        .unwrap_err();
    assert!(err.is_duplicate());
    assert_eq!(err.what(), "role");
    assert_eq!(err.input(), "itam_agent");
    assert_eq!(err.suggestion(), None);
    assert_eq!(err.to_string(), r#"duplicate role name "itam_agent""#);
    assert_eq!(
        Roles::from_names(["itam_admin", "itam_admin"])
            .unwrap_err()
            .to_string(),
        r#"duplicate role name "itam_admin""#
    );
    // The first bad item decides, whichever the kind.
    let err = Roles::from_names(["itam_admin", "itam_admin", "root"]).unwrap_err();
    assert!(err.is_duplicate());
    let err = Roles::from_names(["itam_admin", "root", "itam_admin"]).unwrap_err();
    assert!(!err.is_duplicate());
    assert_eq!(err.input(), "root");
    // A differently cased name is not the same name: it is unknown, not a duplicate.
    let err = Roles::from_names(["itam_admin", "ITAM_ADMIN"]).unwrap_err();
    assert!(!err.is_duplicate());
    assert_eq!(err.suggestion(), Some("itam_admin"));
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

    /// Every role set prints as its names in `Role::ALL` order joined by ", ", which
    /// parses back to it; the names in any order parse to it too.
    #[test]
    fn every_role_set_round_trips_through_its_display_form(
        (roles, shuffled) in role_set_and_shuffled_names(),
    ) {
        prop_assert_eq!(roles.to_string().parse::<Roles>(), Ok(roles));
        let in_order: Vec<&str> = Role::ALL
            .iter()
            .filter(|role| roles.has(**role))
            .map(|role| role.name())
            .collect();
        prop_assert_eq!(roles.to_string(), in_order.join(", "));
        prop_assert_eq!(shuffled.join(", ").parse::<Roles>(), Ok(roles));
        prop_assert_eq!(Roles::from_names(&shuffled), Ok(roles));
    }
}
