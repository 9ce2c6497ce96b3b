//! Every role's effective set, against SOURCES.md §R2 worked out by hand.
#![allow(clippy::unwrap_used, reason = "tests")]

use crate::oracle;

use itam_rbac::{Role, Roles};

/// The transitive closure of SOURCES.md §R2, written out by hand (not computed).
const EXPECTED: &[(&str, &[&str])] = &[
    ("itam_agent", &["itam_agent"]),
    ("itam_admin", &["itam_admin", "itam_agent"]),
    (
        "itam_nomenclature_manager",
        &["itam_nomenclature_manager", "itam_agent"],
    ),
    ("itam_responsible", &["itam_responsible", "itam_agent"]),
    (
        "itam_operation_specialist",
        &["itam_operation_specialist", "itam_agent"],
    ),
    (
        "itam_process_manager",
        &["itam_process_manager", "itam_agent"],
    ),
    (
        "itam_contract_manager",
        &["itam_contract_manager", "itam_agent"],
    ),
    (
        "itam_contract_approver",
        &["itam_contract_approver", "itam_agent"],
    ),
    (
        "itam_purchase_agent",
        &[
            "itam_purchase_agent",
            "itam_agent",
            "itam_demand_agent",
            "fiscal_period_agent",
            "cost_center_agent",
        ],
    ),
    (
        "itam_purchase_manager",
        &[
            "itam_purchase_manager",
            "itam_purchase_agent",
            "itam_agent",
            "itam_demand_agent",
            "fiscal_period_agent",
            "cost_center_agent",
        ],
    ),
    (
        "itam_purchase_approver",
        &[
            "itam_purchase_approver",
            "itam_purchase_agent",
            "itam_agent",
            "itam_demand_agent",
            "fiscal_period_agent",
            "cost_center_agent",
        ],
    ),
    (
        "itam_budget_controller",
        &["itam_budget_controller", "itam_agent"],
    ),
    ("itam_finance_agent", &["itam_finance_agent", "itam_agent"]),
    (
        "itam_finance_manager",
        &["itam_finance_manager", "itam_agent"],
    ),
    (
        "itam_demand_agent",
        &[
            "itam_demand_agent",
            "itam_agent",
            "fiscal_period_agent",
            "cost_center_agent",
        ],
    ),
    (
        "itam_demand_manager",
        &[
            "itam_demand_manager",
            "itam_demand_agent",
            "itam_nomenclature_manager",
            "itam_agent",
            "fiscal_period_agent",
            "cost_center_agent",
        ],
    ),
    (
        "itam_demand_approver",
        &[
            "itam_demand_approver",
            "itam_demand_agent",
            "itam_agent",
            "fiscal_period_agent",
            "cost_center_agent",
        ],
    ),
    ("itam_endpoint_user", &["itam_endpoint_user", "itam_agent"]),
    ("fiscal_period_agent", &["fiscal_period_agent"]),
    ("cost_center_agent", &["cost_center_agent"]),
    ("admin", &["admin"]),
];

fn set(names: &[&str]) -> Roles {
    names.iter().map(|n| n.parse::<Role>().unwrap()).collect()
}

#[test]
fn every_role_reaches_exactly_what_the_spec_says() {
    assert_eq!(EXPECTED.len(), Role::ALL.len());
    for (name, reached) in EXPECTED {
        let role: Role = name.parse().unwrap();
        assert_eq!(role.effective(), set(reached), "effective roles of {name}");
        assert_eq!(
            Roles::from(role).effective(),
            set(reached),
            "effective roles of {{{name}}}"
        );
    }
}

#[test]
fn the_hand_written_closure_agrees_with_the_oracle_search() {
    for (name, reached) in EXPECTED {
        let searched: Vec<&str> = oracle::roles::closure([*name]).into_iter().collect();
        assert_eq!(set(&searched), set(reached), "closure of {name}");
    }
}

#[test]
fn the_direct_inclusions_are_the_spec_table() {
    for (name, includes) in oracle::roles::INCLUDES {
        let role: Role = name.parse().unwrap();
        assert_eq!(
            role.includes(),
            set(includes),
            "direct inclusions of {name}"
        );
    }
}

#[test]
fn a_set_closes_to_the_union_of_its_members_closures() {
    for a in Role::ALL {
        for b in Role::ALL {
            let pair = Roles::from([*a, *b]);
            assert_eq!(pair.effective(), a.effective() | b.effective());
        }
    }
    assert_eq!(Roles::empty().effective(), Roles::empty());
    assert_eq!(Roles::all().effective(), Roles::all());
}

#[test]
fn every_itam_role_reaches_itam_agent_and_no_platform_role_does() {
    for role in Role::ALL {
        assert_eq!(
            role.effective().contains(Roles::AGENT),
            role.name().starts_with("itam_"),
            "{role}"
        );
        assert_eq!(role.is_itam(), role.name().starts_with("itam_"), "{role}");
    }
}

#[test]
fn bits_that_name_no_role_are_dropped() {
    let stray = Roles::from_bits_retain(1 << 31) | Roles::RESPONSIBLE;
    assert_eq!(stray.effective(), Roles::RESPONSIBLE | Roles::AGENT);
    assert!(stray.roles().eq([Role::Responsible]));
}
