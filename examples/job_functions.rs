//! The job functions of SOURCES.md §J, each mapped to roles and given to one person:
//! what each may do on tasks and records, and the separation-of-duties conflicts of
//! each mapping; then a mapping that breaks separation of duties, flagged.
//!
//! Run with `cargo run --example job_functions`.

use itam_rbac::records::{can_record, transition_record, RecordEvent, RecordKind, RecordState};
use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, Record,
};
use itam_rbac::{can, sod, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// A person: a name, the job function and the roles the host maps it to.
struct Person {
    name: &'static str,
    function: &'static str,
    roles: &'static [Role],
}

/// SOURCES.md §J, one person a job function.
const PEOPLE: &[Person] = &[
    Person {
        name: "Irina Volkova",
        function: "IT asset manager",
        roles: &[Role::ProcessManager, Role::ContractManager],
    },
    Person {
        name: "Pavel Orlov",
        function: "procurement specialist",
        roles: &[Role::PurchaseManager],
    },
    Person {
        // SOURCES.md §J allows itam_process_manager instead.
        name: "Sofia Lebedeva",
        function: "software asset manager",
        roles: &[Role::OperationSpecialist],
    },
    Person {
        name: "Artem Sokolov",
        function: "IT support / operations",
        roles: &[Role::OperationSpecialist, Role::EndpointUser],
    },
    Person {
        name: "Nina Kozlova",
        function: "security analyst, read-only",
        roles: &[Role::Agent],
    },
    Person {
        name: "Oleg Morozov",
        function: "finance and legal",
        roles: &[
            Role::FinanceManager,
            Role::ContractApprover,
            Role::BudgetController,
        ],
    },
    Person {
        name: "Maria Petrova",
        function: "stock keeper",
        roles: &[Role::Responsible],
    },
];

/// A mapping that one person should not hold: prepares and approves purchases.
const CONFLICTING: Person = Person {
    name: "Dmitry Pavlov",
    function: "procurement lead, mapped badly",
    roles: &[Role::PurchaseManager, Role::PurchaseApprover],
};

type User = Subject<&'static str>;

fn main() {
    for person in PEOPLE {
        show(person);
    }
    println!("== A mapping that breaks separation of duties ==\n");
    show(&CONFLICTING);
}

fn show(person: &Person) {
    let granted: Roles = person.roles.iter().copied().collect();
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
    println!();
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
