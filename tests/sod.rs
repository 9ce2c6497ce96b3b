//! Static separation of duties: every pair of spec.md §4 reported, through inclusion
//! too; nothing reported for roles that do not conflict.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

mod oracle;

use itam_rbac::records::RecordKind;
use itam_rbac::sod::conflicts;
use itam_rbac::sod::{self, Duty, CONFLICTS};
use itam_rbac::{Role, Roles};

/// spec.md §4, as written.
const PAIRS: &[(&str, &str, &str)] = &[
    (
        "itam_purchase_manager",
        "itam_purchase_approver",
        "purchase_request",
    ),
    (
        "itam_contract_manager",
        "itam_contract_approver",
        "contract",
    ),
    ("itam_demand_manager", "itam_demand_approver", "demand"),
];

/// The pairs the oracle expects for a granted set.
fn expected(granted: &[&'static str]) -> Vec<(&'static str, &'static str)> {
    let closed = oracle::roles::closure(granted.iter().copied());
    PAIRS
        .iter()
        .filter(|(a, b, _)| closed.contains(a) && closed.contains(b))
        .map(|(a, b, _)| (*a, *b))
        .collect()
}

fn reported(roles: Roles) -> Vec<(&'static str, &'static str)> {
    conflicts(roles)
        .map(|c| (c.preparer().name(), c.approver().name()))
        .collect()
}

#[test]
fn the_table_is_spec_section_4() {
    let table: Vec<_> = CONFLICTS
        .iter()
        .map(|c| (c.preparer().name(), c.approver().name(), c.record().name()))
        .collect();
    assert_eq!(table, PAIRS);
    assert_eq!(CONFLICTS[2].duty(), Duty::Coordinates);
}

#[test]
fn every_set_of_up_to_three_roles() {
    let names: Vec<&'static str> = Role::ALL.iter().map(|r| r.name()).collect();
    let mut checked = 0;
    for i in 0..names.len() {
        for j in i..names.len() {
            for k in j..names.len() {
                let granted = [names[i], names[j], names[k]];
                let roles: Roles = granted.iter().map(|n| n.parse::<Role>().unwrap()).collect();
                assert_eq!(reported(roles), expected(&granted), "{granted:?}");
                assert_eq!(sod::is_conflict_free(roles), expected(&granted).is_empty());
                checked += 1;
            }
        }
    }
    assert!(checked > 1500);
}

#[test]
fn all_three_pairs_at_once_and_the_reason() {
    let all = Roles::all();
    let found: Vec<_> = conflicts(all).collect();
    assert_eq!(found.len(), 3);
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "itam_purchase_manager prepares and itam_purchase_approver approves a purchase_request",
            "itam_contract_manager prepares and itam_contract_approver approves a contract",
            "itam_demand_manager coordinates and itam_demand_approver approves a demand",
        ]
    );
    assert_eq!(sod::check(all), Err(found[0]));
    assert_eq!(found[1].record(), RecordKind::Contract);
    assert!(found[1].is_held_by(Roles::CONTRACT_MANAGER | Roles::CONTRACT_APPROVER));
}

#[test]
fn no_conflict_for_roles_that_do_not_conflict() {
    for roles in [
        Roles::empty(),
        Roles::PURCHASE_MANAGER | Roles::CONTRACT_APPROVER | Roles::DEMAND_APPROVER,
        Roles::PURCHASE_APPROVER | Roles::DEMAND_MANAGER | Roles::CONTRACT_MANAGER,
        Roles::PURCHASE_AGENT | Roles::PURCHASE_APPROVER,
        Roles::FINANCE_MANAGER | Roles::BUDGET_CONTROLLER | Roles::PROCESS_MANAGER,
        Roles::NOMENCLATURE_MANAGER | Roles::DEMAND_APPROVER,
    ] {
        assert_eq!(conflicts(roles).count(), 0, "{roles}");
        assert!(sod::check(roles).is_ok());
    }
}

// Added to kill a mutant that `cargo mutants` found uncaught (issue #7).
/// spec.md §4: a conflict is held only by whoever holds both of its roles (directly
/// or through inclusion): the purchase manager alone does not hold the purchase
/// conflict, and the demand manager with the demand approver does.
#[test]
fn a_conflict_is_held_only_with_both_roles() {
    for conflict in itam_rbac::sod::CONFLICTS {
        assert!(!conflict.is_held_by(Roles::empty()), "{conflict}");
        assert!(
            !conflict.is_held_by(conflict.preparer().bit()),
            "{conflict}"
        );
        assert!(
            !conflict.is_held_by(conflict.approver().bit()),
            "{conflict}"
        );
        assert!(conflict.is_held_by(conflict.roles()), "{conflict}");
    }
}
