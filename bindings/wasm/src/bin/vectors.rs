//! Writes the test vectors of the JavaScript package: decisions of the Rust crate,
//! asked through its own API (not through the bindings), for the package's tests to
//! replay through WebAssembly and compare.
//!
//! `cargo run --bin vectors -- OUT_DIR` writes, in `OUT_DIR`:
//!
//! - `vectors.jsonl`: one JSON object a line. The first line is the header: the
//!   format, the subjects (an id and granted roles: the empty set, each role and
//!   each pair of roles, 232) and how many lines of each type follow. Then one line
//!   a question with the crate's answer: `task` (every subject × action × kind ×
//!   state × assigned user, as `explain` answers, then a sample with creators and
//!   submitters too), and fixed-seed samples of
//!   `workflow` events, `record` actions, `record_event`s, `permitted` actions and
//!   events, list-view filters (`task_filter`, `record_filter`, with their SQL for
//!   SQLite and PostgreSQL), role lists (`subject`, bad names included) and task
//!   names that do not parse (`name_error`).
//! - `page.json`: what the example page (`www/`) must show: for each persona and
//!   task of `www/fixture.json`, each button enabled or not and its tooltip.
//!
//! The samples come from a splitmix64 generator with a fixed seed: every run and
//! every machine writes the same file.

use std::error::Error;
use std::fmt::Display;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use itam_rbac::audit::DecisionRecord;
use itam_rbac::filter::{self, Dialect};
use itam_rbac::records::{
    self, AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, Record, RecordEvent, RecordKind, RecordState,
};
use itam_rbac::review::{self, Operation};
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{explain, Action, Decision, Role, Roles, Subject, Task, TaskKind, TaskState};
use serde_json::{json, Map, Value};

/// The generator's seed.
const SEED: u64 = 0x1743_2024_0014_0001;

/// How many lines each sampled type gets.
const TASKS_WITH_PEOPLE: usize = 20_000;
const WORKFLOW: usize = 100_000;
const RECORD_ACTIONS: usize = 60_000;
const RECORD_EVENTS: usize = 60_000;
const PERMITTED: usize = 10_000;
const RECORD_FILTERS: usize = 5_000;

/// The id of the subject of index `i`, and another user's id.
fn subject_id(i: usize) -> String {
    format!("user-{i}")
}
const OTHER: &str = "someone-else";

/// splitmix64 (Steele, Lea, Flood 2014).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, `n > 0`.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// One of `items`, which is not empty.
    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        items.get(self.below(items.len())).copied()
    }

    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

/// How a person of an item relates to the subject.
#[derive(Debug, Clone, Copy)]
enum Who {
    Me,
    Other,
    Nobody,
}

const WHO: [Who; 3] = [Who::Me, Who::Other, Who::Nobody];

impl Who {
    fn id(self, me: &str) -> Option<String> {
        match self {
            Who::Me => Some(me.to_owned()),
            Who::Other => Some(OTHER.to_owned()),
            Who::Nobody => None,
        }
    }
}

/// The persons of a sampled item.
#[derive(Debug, Clone)]
struct People {
    assignee: Option<String>,
    creator: Option<String>,
    created_by_system: bool,
    submitter: Option<String>,
}

impl People {
    fn draw(rng: &mut SplitMix64, me: &str) -> Option<Self> {
        Some(People {
            assignee: rng.pick(&WHO)?.id(me),
            creator: rng.pick(&WHO)?.id(me),
            created_by_system: rng.coin(),
            submitter: rng.pick(&WHO)?.id(me),
        })
    }

    /// The persons as the package's input object fields.
    fn write(&self, object: &mut Map<String, Value>) {
        for (field, id) in [
            ("assignee", &self.assignee),
            ("creator", &self.creator),
            ("submitter", &self.submitter),
        ] {
            if let Some(id) = id {
                object.insert(field.into(), json!(id));
            }
        }
        if self.created_by_system {
            object.insert("createdBySystem".into(), json!(true));
        }
    }

    fn task(&self, kind: TaskKind, state: TaskState) -> Task<String> {
        let mut task = Task::new(kind, state);
        if let Some(id) = &self.assignee {
            task = task.assigned_to(id.clone());
        }
        if let Some(id) = &self.creator {
            task = task.created_by(id.clone());
        }
        if self.created_by_system {
            task = task.created_by_system();
        }
        if let Some(id) = &self.submitter {
            task = task.submitted_by(id.clone());
        }
        task
    }
}

/// A task as the package takes it.
fn task_json(kind: TaskKind, state: TaskState, people: &People) -> Value {
    let mut object = Map::new();
    object.insert("kind".into(), json!(kind.name()));
    object.insert("state".into(), json!(state.name()));
    people.write(&mut object);
    Value::Object(object)
}

/// The names of the relation flags of `set`, in lower case.
fn relation_names(set: Relations) -> Vec<String> {
    set.iter_names()
        .map(|(name, _)| name.to_ascii_lowercase())
        .collect()
}

/// The answer of a question that may be denied: as the package's `Outcome`.
fn outcome(object: &mut Map<String, Value>, result: Result<Option<&str>, (u8, &str, String)>) {
    match result {
        Ok(next) => {
            object.insert("allowed".into(), json!(true));
            if let Some(next) = next {
                object.insert("next".into(), json!(next));
            }
        }
        Err((code, reason, message)) => {
            object.insert("allowed".into(), json!(false));
            object.insert("code".into(), json!(code));
            object.insert("reason".into(), json!(reason));
            object.insert("message".into(), json!(message));
        }
    }
}

/// The lines of the file, counted by type.
struct Out {
    lines: Vec<String>,
    counts: Map<String, Value>,
}

impl Out {
    fn push(&mut self, kind: &str, mut object: Map<String, Value>) -> Result<(), Box<dyn Error>> {
        object.insert("t".into(), json!(kind));
        self.lines
            .push(serde_json::to_string(&Value::Object(object))?);
        let count = self.counts.get(kind).and_then(Value::as_u64).unwrap_or(0);
        self.counts.insert(kind.into(), json!(count + 1));
        Ok(())
    }
}

/// A record of one kind, with the persons and facts drawn.
struct RecordDraw {
    people: People,
    has_document: bool,
    all_approved: bool,
}

impl RecordDraw {
    fn record<S: RecordState>(&self, state: S) -> Record<S, String> {
        let p = &self.people;
        let mut record = Record::new(state);
        if let Some(id) = &p.assignee {
            record = record.assigned_to(id.clone());
        }
        if let Some(id) = &p.creator {
            record = record.created_by(id.clone());
        }
        if p.created_by_system {
            record = record.created_by_system();
        }
        if let Some(id) = &p.submitter {
            record = record.submitted_by(id.clone());
        }
        if self.has_document {
            record = record.with_document();
        }
        if self.all_approved {
            record = record.all_approved();
        }
        record
    }

    fn json<S: RecordState>(&self, state: S) -> Value {
        let mut object = Map::new();
        object.insert("kind".into(), json!(S::KIND.name()));
        object.insert("state".into(), json!(state.state_name()));
        self.people.write(&mut object);
        if self.has_document {
            object.insert("hasDocument".into(), json!(true));
        }
        if self.all_approved {
            object.insert("allApproved".into(), json!(true));
        }
        Value::Object(object)
    }
}

/// One sampled record question of kind `S`: an action (`Some(action)`) or an event.
fn record_line<S: RecordState>(
    rng: &mut SplitMix64,
    subject: &Subject<String>,
    index: usize,
    action: Option<Action>,
    out: &mut Out,
) -> Result<(), Box<dyn Error>> {
    let state = rng.pick(S::STATES).ok_or("a kind without states")?;
    let draw = RecordDraw {
        people: People::draw(rng, subject.id()).ok_or("no person")?,
        has_document: rng.coin(),
        all_approved: rng.coin(),
    };
    let record = draw.record(state);
    let mut object = Map::new();
    object.insert("s".into(), json!(index));
    object.insert("record".into(), draw.json(state));
    if let Some(action) = action {
        object.insert("action".into(), json!(action.name()));
        let result = records::check_record(subject, action, &record)
            .map(|_| None)
            .map_err(|denied| (denied.code(), denied.reason().name(), denied.to_string()));
        outcome(&mut object, result);
        out.push("record", object)
    } else {
        let event = rng.pick(RecordEvent::ALL).ok_or("no event")?;
        object.insert("event".into(), json!(event.name()));
        let result = records::transition_record(subject, &record, event)
            .map(|next| Some(next.state_name()))
            .map_err(|error| (error.code(), error.reason().name(), error.to_string()));
        outcome(&mut object, result);
        out.push("record_event", object)
    }
}

/// [`record_line`] for a record kind named at run time.
fn record_line_of(
    kind: RecordKind,
    rng: &mut SplitMix64,
    subject: &Subject<String>,
    index: usize,
    action: Option<Action>,
    out: &mut Out,
) -> Result<(), Box<dyn Error>> {
    match kind {
        RecordKind::Contract => record_line::<ContractState>(rng, subject, index, action, out),
        RecordKind::PurchaseRequest => {
            record_line::<PurchaseState>(rng, subject, index, action, out)
        }
        RecordKind::Demand => record_line::<DemandState>(rng, subject, index, action, out),
        RecordKind::FunctionalBudget => {
            record_line::<BudgetState>(rng, subject, index, action, out)
        }
        RecordKind::ActualCostItem => {
            record_line::<CostItemState>(rng, subject, index, action, out)
        }
        RecordKind::Nomenclature => {
            record_line::<NomenclatureState>(rng, subject, index, action, out)
        }
        RecordKind::Asset => record_line::<AssetStatus>(rng, subject, index, action, out),
    }
}

/// The decision record fields of a task decision, as `explain` in the package
/// answers: the crate's own record's.
fn decision_fields(object: &mut Map<String, Value>, decision: &Decision) {
    let record = DecisionRecord::from(*decision);
    object.insert("allowed".into(), json!(record.is_allowed()));
    object.insert("code".into(), json!(record.code()));
    object.insert("reason".into(), json!(record.reason()));
    object.insert("message".into(), json!(record.message()));
    object.insert(
        "roles".into(),
        json!(record.roles().roles().map(Role::name).collect::<Vec<_>>()),
    );
}

/// The role sets of the subjects: the empty set, each role, each pair.
fn role_sets() -> Vec<Vec<Role>> {
    let mut sets = vec![Vec::new()];
    sets.extend(Role::ALL.iter().map(|&role| vec![role]));
    for (i, &a) in Role::ALL.iter().enumerate() {
        for &b in Role::ALL.iter().skip(i + 1) {
            sets.push(vec![a, b]);
        }
    }
    sets
}

/// An error's text.
fn text(error: &impl Display) -> String {
    error.to_string()
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: vectors OUT_DIR")?);
    fs::create_dir_all(&dir)?;
    let sets = role_sets();
    let subjects: Vec<Subject<String>> = sets
        .iter()
        .enumerate()
        .map(|(i, set)| Subject::new(subject_id(i), set.iter().copied().collect::<Roles>()))
        .collect();
    let mut out = Out {
        lines: Vec::new(),
        counts: Map::new(),
    };
    let mut rng = SplitMix64(SEED);
    tasks(&subjects, &mut rng, &mut out)?;
    workflow_events(&subjects, &mut rng, &mut out)?;
    record_questions(&subjects, &mut rng, &mut out)?;
    filters(&subjects, &mut rng, &mut out)?;
    role_lists(&sets, &mut out)?;
    name_errors(&mut out)?;
    write_vectors(&dir.join("vectors.jsonl"), &subjects, &sets, &out)?;
    write_page(&dir)?;
    Ok(())
}

/// Tasks: every subject × action × kind × state × assigned user, then a sample with
/// the other persons.
fn tasks(
    subjects: &[Subject<String>],
    rng: &mut SplitMix64,
    out: &mut Out,
) -> Result<(), Box<dyn Error>> {
    // Tasks: every subject × action × kind × state × assigned user.
    for (index, subject) in subjects.iter().enumerate() {
        for &action in Action::ALL {
            for &kind in TaskKind::ALL {
                for &state in TaskState::ALL {
                    for who in WHO {
                        let people = People {
                            assignee: who.id(subject.id()),
                            creator: None,
                            created_by_system: false,
                            submitter: None,
                        };
                        let task = people.task(kind, state);
                        let mut object = Map::new();
                        object.insert("s".into(), json!(index));
                        object.insert("action".into(), json!(action.name()));
                        object.insert("task".into(), task_json(kind, state, &people));
                        decision_fields(&mut object, &explain(subject, action, &task));
                        out.push("task", object)?;
                    }
                }
            }
        }
    }

    // Tasks with a creator, a submitter or the system's mark too: sampled (the
    // matrix reads none of them; a policy that came to would differ here).
    for _ in 0..TASKS_WITH_PEOPLE {
        let index = rng.below(subjects.len());
        let subject = subjects.get(index).ok_or("no subject")?;
        let action = rng.pick(Action::ALL).ok_or("no action")?;
        let kind = rng.pick(TaskKind::ALL).ok_or("no kind")?;
        let state = rng.pick(TaskState::ALL).ok_or("no state")?;
        let people = People::draw(rng, subject.id()).ok_or("no person")?;
        let task = people.task(kind, state);
        let mut object = Map::new();
        object.insert("s".into(), json!(index));
        object.insert("action".into(), json!(action.name()));
        object.insert("task".into(), task_json(kind, state, &people));
        decision_fields(&mut object, &explain(subject, action, &task));
        out.push("task", object)?;
    }
    Ok(())
}

/// Workflow events and permitted actions, sampled.
fn workflow_events(
    subjects: &[Subject<String>],
    rng: &mut SplitMix64,
    out: &mut Out,
) -> Result<(), Box<dyn Error>> {
    // Workflow events and permitted actions: sampled.
    for n in 0..WORKFLOW + PERMITTED {
        let index = rng.below(subjects.len());
        let subject = subjects.get(index).ok_or("no subject")?;
        let kind = rng.pick(TaskKind::ALL).ok_or("no kind")?;
        let state = rng.pick(TaskState::ALL).ok_or("no state")?;
        let people = People::draw(rng, subject.id()).ok_or("no person")?;
        let relations = Relations::from_bits_truncate(
            u8::try_from(rng.below(usize::from(Relations::all().bits()) + 1)).unwrap_or(0),
        );
        let task = people.task(kind, state);
        let mut object = Map::new();
        object.insert("s".into(), json!(index));
        object.insert("task".into(), task_json(kind, state, &people));
        object.insert("relations".into(), json!(relation_names(relations)));
        if n < WORKFLOW {
            let event = rng.pick(TaskEvent::ALL).ok_or("no event")?;
            object.insert("event".into(), json!(event.name()));
            let result = workflow::validate(subject, &task, relations, event)
                .map(|next| Some(next.name()))
                .map_err(|error| (error.code(), error.reason().name(), error.to_string()));
            outcome(&mut object, result);
            out.push("workflow", object)?;
        } else {
            let permitted = review::permitted_actions(subject, &task, relations);
            object.insert(
                "actions".into(),
                json!(permitted.actions().map(Action::name).collect::<Vec<_>>()),
            );
            object.insert(
                "events".into(),
                json!(permitted.events().map(TaskEvent::name).collect::<Vec<_>>()),
            );
            out.push("permitted", object)?;
        }
    }
    Ok(())
}

/// Record actions and events, sampled.
fn record_questions(
    subjects: &[Subject<String>],
    rng: &mut SplitMix64,
    out: &mut Out,
) -> Result<(), Box<dyn Error>> {
    // Records: actions and events, sampled.
    for n in 0..RECORD_ACTIONS + RECORD_EVENTS {
        let index = rng.below(subjects.len());
        let subject = subjects.get(index).ok_or("no subject")?;
        let kind = rng.pick(RecordKind::ALL).ok_or("no kind")?;
        let action = if n < RECORD_ACTIONS {
            Some(rng.pick(Action::ALL).ok_or("no action")?)
        } else {
            None
        };
        record_line_of(kind, rng, subject, index, action, out)?;
    }
    Ok(())
}

/// List-view filters: every subject × action on tasks; a sample on records.
fn filters(
    subjects: &[Subject<String>],
    rng: &mut SplitMix64,
    out: &mut Out,
) -> Result<(), Box<dyn Error>> {
    // List-view filters: every subject × action on tasks; a sample on records.
    for (index, subject) in subjects.iter().enumerate() {
        for &action in Action::ALL {
            let filter = filter::tasks(subject, action);
            let mut object = Map::new();
            object.insert("s".into(), json!(index));
            object.insert("action".into(), json!(action.name()));
            object.insert("filter".into(), serde_json::to_value(filter)?);
            for (name, dialect) in DIALECTS {
                object.insert(name.into(), sql_with_params(&filter.sql(dialect)));
            }
            out.push("task_filter", object)?;
        }
    }
    let operations: Vec<Operation> = Action::ALL
        .iter()
        .map(|&a| Operation::Action(a))
        .chain(RecordEvent::ALL.iter().map(|&e| Operation::Event(e)))
        .collect();
    for _ in 0..RECORD_FILTERS {
        let index = rng.below(subjects.len());
        let subject = subjects.get(index).ok_or("no subject")?;
        let kind = rng.pick(RecordKind::ALL).ok_or("no kind")?;
        let operation = rng.pick(&operations).ok_or("no operation")?;
        let filter = filter::records(subject, operation, kind);
        let mut object = Map::new();
        object.insert("s".into(), json!(index));
        object.insert("operation".into(), json!(operation.name()));
        object.insert("kind".into(), json!(kind.name()));
        object.insert("filter".into(), serde_json::to_value(filter)?);
        for (name, dialect) in DIALECTS {
            object.insert(name.into(), sql_with_params(&filter.sql(dialect)));
        }
        out.push("record_filter", object)?;
    }
    Ok(())
}

/// The dialects the lines carry, by the package's names.
const DIALECTS: [(&str, Dialect); 3] = [
    ("sqlite", Dialect::Sqlite),
    ("postgres", Dialect::Postgres),
    ("mysql", Dialect::MySql),
];

/// A filter's SQL as the package answers it: `{ sql, params }`.
fn sql_with_params(sql: &filter::Sql<'_, String>) -> serde_json::Value {
    json!({ "sql": sql.to_string(), "params": sql.params().collect::<Vec<_>>() })
}

/// Role lists, good and bad.
fn role_lists(sets: &[Vec<Role>], out: &mut Out) -> Result<(), Box<dyn Error>> {
    // Role lists, good and bad: what `new Subject` accepts, and the crate's text
    // for what it refuses.
    let mut lists: Vec<Vec<String>> = sets
        .iter()
        .map(|set| set.iter().map(|role| role.name().to_owned()).collect())
        .collect();
    for bad in [
        vec!["itam_agent", "itam_agent"],
        vec!["ITAM_AGENT"],
        vec!["itam_opertion_specialist"],
        vec!["itam_agent", " itam_responsible"],
        vec![""],
        vec!["itam_agent, itam_responsible"],
        vec!["itam_responsible", "root"],
    ] {
        lists.push(bad.into_iter().map(str::to_owned).collect());
    }
    for names in lists {
        let mut object = Map::new();
        object.insert("roles".into(), json!(names));
        match Roles::from_names(&names) {
            Ok(granted) => {
                let subject = Subject::new(String::from("someone"), granted);
                let list = |roles: Roles| roles.roles().map(Role::name).collect::<Vec<_>>();
                object.insert("granted".into(), json!(list(subject.granted())));
                object.insert("effective".into(), json!(list(subject.effective())));
            }
            Err(error) => {
                object.insert("error".into(), json!(text(&error)));
            }
        }
        out.push("subject", object)?;
    }
    Ok(())
}

/// Task names that are not system names.
fn name_errors(out: &mut Out) -> Result<(), Box<dyn Error>> {
    // Task names that are not system names: the crate's text for each.
    for (kind, state) in [
        ("Inventory", "in_progress"),
        ("inventory", "In progress"),
        ("maintenence", "registered"),
        ("", "registered"),
        ("upgrading", "complete"),
    ] {
        let mut object = Map::new();
        object.insert("task".into(), json!({"kind": kind, "state": state}));
        let error = match (TaskKind::from_str(kind), TaskState::from_str(state)) {
            (Err(error), _) | (Ok(_), Err(error)) => text(&error),
            (Ok(_), Ok(_)) => return Err("a bad name parsed".into()),
        };
        object.insert("error".into(), json!(error));
        out.push("name_error", object)?;
    }
    Ok(())
}

/// Writes the header and the lines.
fn write_vectors(
    path: &Path,
    subjects: &[Subject<String>],
    sets: &[Vec<Role>],
    out: &Out,
) -> Result<(), Box<dyn Error>> {
    let header = json!({
        "format": "itam-rbac-wasm vectors 1",
        "subjects": subjects.iter().zip(sets).map(|(subject, set)| json!({
            "id": subject.id(),
            "roles": set.iter().map(|role| role.name()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "counts": out.counts,
    });
    let mut file = BufWriter::new(fs::File::create(path)?);
    writeln!(file, "{header}")?;
    for line in &out.lines {
        writeln!(file, "{line}")?;
    }
    file.flush()?;
    let decisions: u64 = ["task", "workflow", "record", "record_event", "permitted"]
        .iter()
        .filter_map(|kind| out.counts.get(*kind).and_then(Value::as_u64))
        .sum();
    println!(
        "{}: {} lines, {decisions} decisions ({})",
        path.display(),
        out.lines.len(),
        out.counts
            .iter()
            .map(|(kind, count)| format!("{kind} {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}

/// The example page's fixture.
fn fixture() -> Result<Value, Box<dyn Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/fixture.json");
    Ok(serde_json::from_str(&fs::read_to_string(path)?)?)
}

/// A string field of a fixture object.
fn field<'a>(object: &'a Value, name: &str) -> Result<&'a str, Box<dyn Error>> {
    object
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("the fixture's {name} is not a string").into())
}

/// Writes what the page must show for each persona of the fixture: each task's
/// buttons, enabled or not, and each button's tooltip (an action's `explain`
/// sentence; an event's denial, or the state it leads to). A task's relations are
/// its `facts` (`files_attached`, `all_approved`) and the persona's own.
fn write_page(dir: &Path) -> Result<(), Box<dyn Error>> {
    let fixture = fixture()?;
    let empty = Vec::new();
    let personas = fixture
        .get("personas")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let tasks = fixture
        .get("tasks")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut pages = Map::new();
    for persona in personas {
        let id = field(persona, "id")?;
        let names: Vec<&str> = persona
            .get("roles")
            .and_then(Value::as_array)
            .unwrap_or(&empty)
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let subject = Subject::new(id.to_owned(), Roles::from_names(names)?);
        let mut rows = Vec::new();
        for task in tasks {
            let kind: TaskKind = field(task, "kind")?.parse()?;
            let state: TaskState = field(task, "state")?.parse()?;
            let person = |name: &str| task.get(name).and_then(Value::as_str).map(str::to_owned);
            let people = People {
                assignee: person("assignee"),
                creator: person("creator"),
                created_by_system: task
                    .get("createdBySystem")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                submitter: person("submitter"),
            };
            let facts = task
                .get("facts")
                .and_then(Value::as_array)
                .unwrap_or(&empty);
            let relations = task
                .get("relations")
                .and_then(|r| r.get(id))
                .and_then(Value::as_array)
                .unwrap_or(&empty)
                .iter()
                .chain(facts)
                .filter_map(Value::as_str)
                .try_fold(Relations::empty(), |set, name| {
                    Relations::from_name(&name.to_ascii_uppercase())
                        .map(|flag| set | flag)
                        .ok_or_else(|| format!("unknown relation {name}"))
                })?;
            let task_value = people.task(kind, state);
            let mut buttons = Vec::new();
            for action in [Action::Update, Action::Delete] {
                let decision = explain(&subject, action, &task_value);
                buttons.push(json!({
                    "button": action.name(),
                    "enabled": decision.is_allowed(),
                    "title": DecisionRecord::from(decision).message(),
                }));
            }
            for &event in TaskEvent::ALL {
                let result = workflow::validate(&subject, &task_value, relations, event);
                buttons.push(json!({
                    "button": event.name(),
                    "enabled": result.is_ok(),
                    "title": match result {
                        Ok(next) => next.name().to_owned(),
                        Err(error) => error.to_string(),
                    },
                }));
            }
            rows.push(json!({"task": field(task, "id")?, "buttons": buttons}));
        }
        pages.insert(id.to_owned(), json!(rows));
    }
    let path = dir.join("page.json");
    fs::write(&path, serde_json::to_string_pretty(&Value::Object(pages))?)?;
    println!("{}: {} personas", path.display(), personas.len());
    Ok(())
}
