//! The job functions of SOURCES.md §J, each mapped to roles and given to one person:
//! what each may do on tasks and records, the separation-of-duties conflicts of
//! each mapping, and beside the product's mapping the least-privilege role sets for
//! the function's duties (`review::engineering`); then a mapping that breaks
//! separation of duties, flagged.
//!
//! Run with `cargo run --example job_functions`.

use itam_rbac::records::{can_record, transition_record, RecordEvent, RecordKind, RecordState};
use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, Record,
};
use itam_rbac::review::engineering::{self, JobFunction};
use itam_rbac::{can, sod, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// A person: a name, the job function and the roles the host maps it to.
struct Person {
    name: &'static str,
    function: &'static str,
    roles: Roles,
    /// The job function of SOURCES.md §J, if the person has one.
    job: Option<JobFunction>,
}

/// One person a job function of SOURCES.md §J, mapped as the product maps it
/// (`JobFunction::mappings`; for the software asset manager, SOURCES.md §J allows
/// `itam_process_manager` or `itam_operation_specialist`, and Sofia has the second).
fn people() -> Vec<Person> {
    let names = [
        ("Irina Volkova", JobFunction::ItAssetManager, 0),
        ("Pavel Orlov", JobFunction::ProcurementSpecialist, 0),
        ("Sofia Lebedeva", JobFunction::SoftwareAssetManager, 1),
        ("Artem Sokolov", JobFunction::ItSupport, 0),
        ("Nina Kozlova", JobFunction::SecurityAnalyst, 0),
        ("Oleg Morozov", JobFunction::FinanceAndLegal, 0),
        ("Maria Petrova", JobFunction::StockKeeper, 0),
    ];
    names
        .into_iter()
        .map(|(name, job, mapping)| Person {
            name,
            function: job.describe(),
            roles: job.mappings().get(mapping).copied().unwrap_or_default(),
            job: Some(job),
        })
        .collect()
}

/// A mapping that one person should not hold: prepares and approves purchases.
const CONFLICTING: Person = Person {
    name: "Dmitry Pavlov",
    function: "procurement lead, mapped badly",
    roles: Roles::PURCHASE_MANAGER.union(Roles::PURCHASE_APPROVER),
    job: None,
};

type User = Subject<&'static str>;

fn main() {
    for person in &people() {
        show(person);
    }
    println!("== A mapping that breaks separation of duties ==\n");
    show(&CONFLICTING);
}

fn show(person: &Person) {
    let granted = person.roles;
    let user = Subject::new(person.name, granted);
    println!("{} ({})", person.name, person.function);
    println!("  granted:   {granted}");
    println!("  effective: {}", user.effective());
    tasks(&user);
    for &kind in RecordKind::ALL {
        record(&user, kind);
    }
    let conflicts: Vec<_> = sod::conflicts(granted).collect();
    if conflicts.is_empty() {
        println!("  separation of duties: no conflict");
    }
    for conflict in conflicts {
        println!("  separation of duties: CONFLICT, {conflict}");
    }
    if let Some(job) = person.job {
        least_privilege(job, granted);
    }
    println!();
}

/// The product's mapping beside the least-privilege role sets for the function's
/// duties: how many permissions each grants beyond them, and their conflicts.
fn least_privilege(job: JobFunction, mapped: Roles) {
    let duties = job.duties();
    println!("  duties ({}): {} permissions", job.name(), duties.len());
    for &mapping in job.mappings() {
        let granted = engineering::granted(mapping);
        let missing = duties.difference(granted);
        let mark = if mapping == mapped {
            ""
        } else {
            " (the alternative)"
        };
        if missing.is_empty() {
            println!(
                "  the product's mapping{mark}: {mapping} (extra permissions: {})",
                granted.difference(duties).len()
            );
        } else {
            let lacks: Vec<String> = missing.iter().map(|p| p.to_string()).collect();
            println!(
                "  the product's mapping{mark}: {mapping} lacks {}",
                lacks.join(", ")
            );
        }
    }
    let least: Vec<_> = job.least_privilege().collect();
    for set in &least {
        let conflicts: Vec<String> = set.conflicts().map(|c| c.to_string()).collect();
        println!(
            "  least privilege: {} (extra permissions: {}){}",
            set.roles(),
            set.extra().len(),
            if conflicts.is_empty() {
                String::new()
            } else {
                format!("; CONFLICT, {}", conflicts.join("; "))
            }
        );
    }
    if mapped != Roles::empty() && least.iter().all(|set| set.roles() != mapped) {
        let unused: Vec<Role> = mapped
            .roles()
            .filter(|&r| least.iter().all(|set| !set.roles().has(r)))
            .collect();
        if !unused.is_empty() {
            let names: Vec<&str> = unused.iter().map(|r| r.name()).collect();
            println!("  not needed for the duties: {}", names.join(", "));
        }
    }
}

/// Per action, the task kinds the user may act on, for a task in progress that is
/// theirs and for one assigned to somebody else.
fn tasks(user: &User) {
    for action in [Action::Read, Action::Create, Action::Update] {
        let theirs = kinds(|kind| {
            let task = Task::new(kind, TaskState::InProgress).assigned_to(*user.id());
            can(user, action, &task)
        });
        let others = kinds(|kind| {
            let task = Task::new(kind, TaskState::InProgress).assigned_to("someone else");
            can(user, action, &task)
        });
        if theirs == others {
            println!("  tasks, {action}: {theirs}");
        } else {
            println!("  tasks, {action}: {theirs} (assigned to them); {others} (otherwise)");
        }
    }
}

/// The kinds for which `allowed` holds, in words.
fn kinds(allowed: impl Fn(TaskKind) -> bool) -> String {
    let names: Vec<_> = TaskKind::ALL
        .iter()
        .filter(|&&kind| allowed(kind))
        .map(|kind| kind.name())
        .collect();
    match names.len() {
        0 => "none".to_owned(),
        n if n == TaskKind::ALL.len() => "every kind".to_owned(),
        _ => names.join(", "),
    }
}

/// What the user may do on records of `kind`, if anything.
fn record(user: &User, kind: RecordKind) {
    let (actions, events) = match kind {
        RecordKind::Contract => rights::<ContractState>(user),
        RecordKind::PurchaseRequest => rights::<PurchaseState>(user),
        RecordKind::Demand => rights::<DemandState>(user),
        RecordKind::FunctionalBudget => rights::<BudgetState>(user),
        RecordKind::ActualCostItem => rights::<CostItemState>(user),
        RecordKind::Nomenclature => rights::<NomenclatureState>(user),
        RecordKind::Asset => rights::<AssetStatus>(user),
    };
    if actions.is_empty() && events.is_empty() {
        return;
    }
    print!("  {kind}: {}", actions.join(", "));
    if !events.is_empty() {
        print!("; events: {}", events.join(", "));
    }
    println!();
}

/// The actions the user may take on a record of `S` in some state (as its assigned
/// user), and the events the user may fire in some state, on a record that is
/// theirs or, for approvals, somebody else's.
fn rights<S: RecordState>(user: &User) -> (Vec<&'static str>, Vec<&'static str>) {
    let me = *user.id();
    let theirs = |state: S| Record::new(state).assigned_to(me).with_document();
    let others = |state: S| {
        Record::new(state)
            .created_by("someone else")
            .assigned_to("someone else")
    };
    let actions = [Action::Read, Action::Create, Action::Update]
        .into_iter()
        .filter(|&action| {
            S::STATES
                .iter()
                .any(|&s| can_record(user, action, &theirs(s)))
        })
        .map(Action::name)
        .collect();
    let events = RecordEvent::ALL
        .iter()
        .filter(|&&event| {
            S::STATES.iter().any(|&s| {
                let record = if event.is_approval() {
                    others(s)
                } else {
                    theirs(s)
                };
                transition_record(user, &record, event).is_ok()
            })
        })
        .map(|event| event.name())
        .collect();
    (actions, events)
}
