//! Role engineering (`review::engineering`) against the oracle written from the
//! policy text: every role and every operation, every pair of roles, what each role
//! alone is named for or adds; and every role set the crate calls least-privilege
//! checked by brute force over all 2^21 role sets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use crate::oracle;

use std::collections::BTreeSet;

use itam_rbac::review::engineering::{self, JobFunction, Permission, PermissionSet, PERMISSIONS};
use itam_rbac::review::Operation;
use itam_rbac::workflow::TaskEvent as E;
use itam_rbac::{sod, Action, Clause, Role, Roles, TaskKind};
use oracle::engineering::{self as spec, Key};
use proptest::prelude::*;

/// The oracle's name of a permission.
fn key(p: Permission) -> Key {
    match p {
        Permission::Task(kind, action) => ("task", kind.name(), action.name()),
        Permission::TaskEvent(kind, event) => ("task_event", kind.name(), event.name()),
        Permission::Record(kind, op) => ("record", kind.name(), op.name()),
        Permission::Move(m) => ("move", "asset", m.name()),
    }
}

fn label(clause: Clause) -> &'static str {
    match clause {
        Clause::Always => "always",
        Clause::AsAssignedUser => "assigned",
        Clause::AsAssignedUserOrGroup => "assigned_or_group",
        Clause::Unless(_) => "unless",
        Clause::FourEyes => "four_eyes",
    }
}

fn names(roles: Roles) -> Vec<&'static str> {
    roles.roles().map(Role::name).collect()
}

/// What the oracle grants a user granted `roles`.
fn oracle_granted(roles: Roles) -> PermissionSet {
    let closure = spec::closure(&names(roles));
    Permission::all()
        .filter(|&p| spec::granted(key(p), &closure))
        .collect()
}

#[test]
fn permissions_are_every_operation_once_and_the_oracle_knows_each() {
    let all: Vec<Permission> = Permission::all().collect();
    assert_eq!(all.len(), PERMISSIONS);
    for (i, p) in all.iter().enumerate() {
        assert_eq!(p.index(), i);
        assert_eq!(Permission::from_index(i), Some(*p));
    }
    for i in PERMISSIONS..PERMISSIONS + 1000 {
        assert_eq!(Permission::from_index(i), None);
    }
    assert_eq!(Permission::from_index(usize::MAX), None);
    let keys: BTreeSet<Key> = all.iter().map(|&p| key(p)).collect();
    assert_eq!(keys.len(), PERMISSIONS, "two permissions share a name");
    for k in spec::keys() {
        assert!(keys.contains(&k), "the crate has no permission {k:?}");
    }
}

#[test]
fn every_role_and_every_operation_against_the_oracle() {
    for p in Permission::all() {
        let expected: Roles = spec::named(key(p))
            .iter()
            .map(|(r, ..)| r.parse::<Role>().unwrap())
            .collect();
        assert_eq!(p.named(), expected, "{p}");
        for &role in Role::ALL {
            let oracle = spec::names(key(p), role.name());
            assert_eq!(
                engineering::direct(role).contains(p),
                oracle.is_some(),
                "{role} for {p}"
            );
            let crate_clause = p
                .clause_of(role)
                .map(|(clause, every)| (role.name(), label(clause), every));
            assert_eq!(crate_clause, oracle, "{role} for {p}");
        }
    }
}

#[test]
fn every_pair_of_roles_and_every_operation_against_the_oracle() {
    let mut expected = Vec::new();
    for (i, &a) in Role::ALL.iter().enumerate() {
        for &b in &Role::ALL[i + 1..] {
            for p in Permission::all() {
                if let (Some(x), Some(y)) =
                    (spec::names(key(p), a.name()), spec::names(key(p), b.name()))
                {
                    expected.push((x, y, key(p)));
                }
            }
        }
    }
    let found: Vec<_> = engineering::overlaps()
        .map(|o| {
            (
                (
                    o.first.role.name(),
                    label(o.first.clause),
                    o.first.in_every_state,
                ),
                (
                    o.second.role.name(),
                    label(o.second.clause),
                    o.second.in_every_state,
                ),
                key(o.permission),
            )
        })
        .collect();
    assert_eq!(found, expected);
    // The overlap the issue names: both create tasks of every kind.
    for &kind in TaskKind::ALL {
        assert!(
            engineering::overlaps().any(|o| o.first.role == Role::OperationSpecialist
                && o.second.role == Role::ProcessManager
                && o.permission == Permission::Task(kind, Action::Create))
        );
    }
}

#[test]
fn sole_added_removed_and_redundant_against_the_oracle() {
    let mut redundant = Vec::new();
    for &role in Role::ALL {
        let sole: PermissionSet = Permission::all()
            .filter(|&p| {
                let named = spec::named(key(p));
                !named.is_empty() && named.iter().all(|(r, ..)| *r == role.name())
            })
            .collect();
        assert_eq!(engineering::sole(role), sole, "{role}");
        let own = oracle_granted(role.bit());
        let included = oracle_granted(role.includes());
        assert_eq!(engineering::added(role), own.difference(included), "{role}");
        assert_eq!(
            engineering::removed(role),
            included.difference(own),
            "{role}"
        );
        if own.difference(included).is_empty() {
            redundant.push(role);
        }
    }
    assert_eq!(engineering::redundant().collect::<Vec<_>>(), redundant);
    // SOURCES.md §T3: adding itam_contract_manager is the one place a role takes a
    // permission away.
    let takes_away: Vec<Role> = Role::ALL
        .iter()
        .copied()
        .filter(|&r| !engineering::removed(r).is_empty())
        .collect();
    assert_eq!(takes_away, [Role::ContractManager]);
    assert!(redundant.contains(&Role::EndpointUser));
    assert!(!redundant.contains(&Role::PurchaseAgent));
}

/// Every role set of up to two roles, and a spread of larger ones.
fn sample_role_sets() -> Vec<Roles> {
    let mut sets = vec![Roles::empty(), Roles::all()];
    for &a in Role::ALL {
        for &b in Role::ALL {
            sets.push(a.bit() | b.bit());
        }
    }
    let mut x: u32 = 0x9E37_79B9;
    for _ in 0..400 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        sets.push(Roles::from_bits_truncate(x));
    }
    sets
}

#[test]
fn what_role_sets_are_granted_against_the_oracle() {
    for roles in sample_role_sets() {
        assert_eq!(
            engineering::granted(roles),
            oracle_granted(roles),
            "{roles}"
        );
    }
}

/// The score of a covering set, as the crate documents it: extra permissions,
/// roles held once closed, roles granted.
type Score = (usize, u32, u32);

/// A depth-first walk over every subset of the roles, carrying the union of
/// their grants; at each leaf, the best-scoring sets of each job function.
struct Walk<'a> {
    plain: &'a [PermissionSet],
    unless: &'a [PermissionSet],
    closure: &'a [u32],
    excluder: &'a [bool],
    duties: &'a [PermissionSet],
    best: &'a mut [(Option<Score>, Vec<u32>)],
    visited: u64,
}
impl Walk<'_> {
    fn go(
        &mut self,
        i: usize,
        mask: u32,
        plain: PermissionSet,
        unless: PermissionSet,
        closed: u32,
        excluded: bool,
    ) {
        if i == self.plain.len() {
            self.visited += 1;
            let granted = if excluded { plain } else { plain.union(unless) };
            for (d, duties) in self.duties.iter().enumerate() {
                if !duties.is_subset(&granted) {
                    continue;
                }
                let score = (
                    granted.difference(*duties).len(),
                    closed.count_ones(),
                    mask.count_ones(),
                );
                let (b, sets) = &mut self.best[d];
                match *b {
                    Some(old) if old < score => {}
                    Some(old) if old == score => sets.push(mask),
                    _ => {
                        *b = Some(score);
                        *sets = vec![mask];
                    }
                }
            }
            return;
        }
        self.go(i + 1, mask, plain, unless, closed, excluded);
        self.go(
            i + 1,
            mask | 1 << i,
            plain.union(self.plain[i]),
            unless.union(self.unless[i]),
            closed | self.closure[i],
            excluded || self.excluder[i],
        );
    }
}

#[test]
fn every_least_privilege_set_is_minimal_over_all_role_sets() {
    // Each role's grants from the oracle: plain, and by the "unless" grant.
    let n = Role::ALL.len();
    let mut plain = vec![PermissionSet::EMPTY; n];
    let mut unless = vec![PermissionSet::EMPTY; n];
    let mut closure = vec![0_u32; n];
    let mut excluder = vec![false; n];
    for (i, &role) in Role::ALL.iter().enumerate() {
        let closed = spec::closure(&[role.name()]);
        closure[i] = closed
            .iter()
            .map(|r| r.parse::<Role>().unwrap().bit().bits())
            .fold(0, |a, b| a | b);
        excluder[i] = closed.contains("itam_contract_manager");
        for p in Permission::all() {
            for (named, clause, _) in spec::named(key(p)) {
                if closed.contains(named) {
                    if clause == "unless" {
                        unless[i].insert(p);
                    } else {
                        plain[i].insert(p);
                    }
                }
            }
        }
    }
    let duties: Vec<PermissionSet> = JobFunction::ALL.iter().map(|f| f.duties()).collect();
    let mut best: Vec<(Option<Score>, Vec<u32>)> = vec![(None, Vec::new()); duties.len()];

    // Depth-first over every subset of the 21 roles, carrying the union.
    let mut walk = Walk {
        plain: &plain,
        unless: &unless,
        closure: &closure,
        excluder: &excluder,
        duties: &duties,
        best: &mut best,
        visited: 0,
    };
    walk.go(0, 0, PermissionSet::EMPTY, PermissionSet::EMPTY, 0, false);
    assert_eq!(walk.visited, 1 << 21);

    for (f, &function) in JobFunction::ALL.iter().enumerate() {
        let crate_sets: BTreeSet<u32> = function
            .least_privilege()
            .map(|a| a.roles().bits())
            .collect();
        let brute: BTreeSet<u32> = best[f].1.iter().copied().collect();
        assert!(
            !brute.is_empty(),
            "{function}: no role set grants every duty"
        );
        assert_eq!(crate_sets, brute, "{function}");
        for a in function.least_privilege() {
            let score = best[f].0.unwrap();
            assert_eq!(a.extra().len(), score.0, "{function}");
            assert_eq!(a.granted(), oracle_granted(a.roles()), "{function}");
            assert!(a.granted().difference(a.extra()) == function.duties());
        }
    }
}

#[test]
fn finance_and_legal_prepares_and_approves_functional_budgets() {
    use itam_rbac::records::{RecordEvent, RecordKind};
    let duties = JobFunction::FinanceAndLegal.duties();
    let budget = |op: Operation| Permission::Record(RecordKind::FunctionalBudget, op);
    for op in [
        Operation::Action(Action::Create),
        Operation::Action(Action::Update),
        Operation::Event(RecordEvent::SendForApproval),
        Operation::Event(RecordEvent::Approve),
    ] {
        assert!(duties.contains(budget(op)), "{op}");
    }
    let sets: Vec<_> = JobFunction::FinanceAndLegal.least_privilege().collect();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].roles(), JobFunction::FinanceAndLegal.mappings()[0]);
    let conflicts: Vec<_> = sets[0].conflicts().collect();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].preparer(), Role::FinanceManager);
    assert_eq!(conflicts[0].approver(), Role::BudgetController);
    assert_eq!(conflicts[0].record(), RecordKind::FunctionalBudget);
    assert!(sets[0].conflicts().eq(sod::conflicts(sets[0].roles())));
}

#[test]
fn job_functions_read_as_the_policy_text_says() {
    // Every duty is an operation some role is granted.
    let everything = engineering::granted(Roles::all());
    for &function in JobFunction::ALL {
        assert!(function.duties().is_subset(&everything), "{function}");
        assert!(!function.mappings().is_empty());
        assert!(function.least_privilege().next().is_some(), "{function}");
    }
    // The security analyst reads only.
    assert!(JobFunction::SecurityAnalyst
        .duties()
        .iter()
        .all(|p| matches!(
            p,
            Permission::Task(_, Action::Read)
                | Permission::Record(_, Operation::Action(Action::Read))
        )));
    let analyst: Vec<_> = JobFunction::SecurityAnalyst.least_privilege().collect();
    assert_eq!(analyst.len(), 1);
    assert_eq!(analyst[0].roles(), Roles::AGENT);
    // SOURCES.md §J's "itam_process_manager or itam_operation_specialist": only the
    // specialist completes an inventory and edits the asset form.
    let sam = JobFunction::SoftwareAssetManager;
    assert!(!sam
        .duties()
        .is_subset(&engineering::granted(Roles::PROCESS_MANAGER)));
    assert!(sam
        .duties()
        .is_subset(&engineering::granted(Roles::OPERATION_SPECIALIST)));
    // IT support: itam_endpoint_user adds nothing, so the least set drops it.
    let support: Vec<_> = JobFunction::ItSupport.least_privilege().collect();
    assert_eq!(support.len(), 1);
    assert_eq!(support[0].roles(), Roles::OPERATION_SPECIALIST);
    // No function's least set conflicts, but finance and legal's.
    for &function in JobFunction::ALL {
        let conflicting = function
            .least_privilege()
            .any(|a| a.conflicts().next().is_some());
        assert_eq!(
            conflicting,
            function == JobFunction::FinanceAndLegal,
            "{function}"
        );
    }
    // Names parse back.
    for &function in JobFunction::ALL {
        assert_eq!(function.name().parse::<JobFunction>().unwrap(), function);
        assert!(!function.describe().is_empty());
    }
    // How many duties each function has, and the ones its words decide.
    let counts: Vec<usize> = JobFunction::ALL.iter().map(|f| f.duties().len()).collect();
    assert_eq!(counts, [92, 11, 28, 28, 16, 16, 34]);
    let manager = JobFunction::ItAssetManager.duties();
    let keeper = JobFunction::StockKeeper.duties();
    let event = |kind, event| Permission::TaskEvent(kind, event);
    assert!(manager.contains(event(TaskKind::Maintenance, E::Complete)));
    assert!(!manager.contains(event(TaskKind::Inventory, E::Complete)));
    assert!(!manager.contains(event(TaskKind::Maintenance, E::StartWork)));
    assert!(manager.contains(event(TaskKind::Maintenance, E::SendForApproval)));
    assert!(!manager.contains(event(TaskKind::Registration, E::SendForApproval)));
    assert!(keeper.contains(event(TaskKind::Maintenance, E::Approve)));
    assert!(keeper.contains(event(TaskKind::Decommissioning, E::Reject)));
    assert!(!keeper.contains(event(TaskKind::Registration, E::Approve)));
    assert!(!keeper.contains(event(TaskKind::Inventory, E::Reject)));
    // No duties: the empty set, once.
    let none: Vec<_> = engineering::least_privilege(PermissionSet::EMPTY).collect();
    assert_eq!(none.len(), 1);
    assert_eq!(none[0].roles(), Roles::empty());
    assert!(none[0].granted().is_empty());
    // SOURCES.md §J's words.
    assert_eq!(
        JobFunction::FinanceAndLegal.describe(),
        "Finance and legal: contracts, cost forecasts"
    );
    assert_eq!(
        JobFunction::ItSupport.describe(),
        "IT support and operations: deploy, keep the inventory right, retire"
    );
}

#[test]
fn set_operations_hold() {
    let a: PermissionSet = Permission::all().step_by(2).collect();
    let b: PermissionSet = Permission::all().step_by(3).collect();
    assert_eq!(a.len(), PERMISSIONS.div_ceil(2));
    assert_eq!(
        a.union(b).len() + a.intersection(b).len(),
        a.len() + b.len()
    );
    assert_eq!(a.difference(b).len(), a.len() - a.intersection(b).len());
    assert!(a.intersection(b).is_subset(&a));
    assert!(!a.is_subset(&b));
    assert!(PermissionSet::EMPTY.is_empty());
    assert!(!a.is_empty());
    assert!(a.iter().eq(Permission::all().step_by(2)));
    assert_eq!(PermissionSet::default(), PermissionSet::EMPTY);
}

#[test]
fn printing() {
    assert_eq!(
        Permission::Task(TaskKind::Maintenance, Action::Update).to_string(),
        "update maintenance task"
    );
    assert_eq!(
        Permission::TaskEvent(
            TaskKind::Inventory,
            itam_rbac::workflow::TaskEvent::StartWork
        )
        .to_string(),
        "start_work inventory task"
    );
    assert_eq!(
        Permission::Record(
            itam_rbac::records::RecordKind::Contract,
            Operation::Event(itam_rbac::records::RecordEvent::Approve)
        )
        .to_string(),
        "approve contract"
    );
    assert_eq!(
        Permission::Move(itam_rbac::lifecycle::ManualMove::AcceptVerification).to_string(),
        "accept_verification asset (manual move)"
    );
    let overlap = engineering::overlaps()
        .find(|o| o.permission == Permission::Task(TaskKind::Maintenance, Action::Update))
        .unwrap();
    assert_eq!(
        overlap.to_string(),
        "update maintenance task: itam_operation_specialist as the assigned user; itam_process_manager"
    );
    let inventory = engineering::overlaps()
        .find(|o| o.permission == Permission::Task(TaskKind::Inventory, Action::Update))
        .unwrap();
    assert_eq!(
        inventory.to_string(),
        "update inventory task: itam_agent unless also holding itam_contract_manager, in some \
         states; itam_operation_specialist, in some states"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Hostile role bits and permission indexes: no panic, unknown bits ignored.
    #[test]
    fn hostile_input_never_panics(bits in any::<u32>(), index in any::<usize>()) {
        let roles = Roles::from_bits_retain(bits);
        prop_assert_eq!(engineering::granted(roles), engineering::granted(roles & Roles::all()));
        if let Some(p) = Permission::from_index(index) {
            prop_assert_eq!(p.index(), index);
        } else {
            prop_assert!(index >= PERMISSIONS);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Any duties: every set found grants them, and no set of the sample does
    /// better.
    #[test]
    fn least_privilege_of_any_duties(picks in proptest::collection::vec(0..PERMISSIONS, 0..6)) {
        let duties: PermissionSet = picks.iter().filter_map(|&i| Permission::from_index(i)).collect();
        let found: Vec<_> = engineering::least_privilege(duties).collect();
        let covered = duties.is_subset(&engineering::granted(Roles::all()));
        prop_assert_eq!(found.is_empty(), !covered);
        // In the order of the roles' bits, each once.
        prop_assert!(found.windows(2).all(|w| w[0].roles().bits() < w[1].roles().bits()));
        for a in &found {
            prop_assert!(duties.is_subset(&a.granted()));
            for roles in sample_role_sets() {
                let granted = engineering::granted(roles);
                if duties.is_subset(&granted) {
                    prop_assert!(granted.difference(duties).len() >= a.extra().len());
                }
            }
        }
    }
}
