//! A small command line: the decision for one request, and why. The request is an
//! action or an event, on a task or on one of the other records (a contract, a
//! purchase request, a demand, a functional budget, an actual cost item, a
//! nomenclature, an asset's form).
//!
//! ```text
//! cargo run --example explain -- ROLES ACTION KIND STATE [FLAG...]
//! cargo run --example explain -- itam_operation_specialist update maintenance in_progress assigned
//! cargo run --example explain -- itam_agent,itam_contract_manager update inventory in_progress
//! cargo run --example explain -- "itam_agent, itam_contract_manager" update inventory in_progress
//! cargo run --example explain -- itam_responsible approve allocation pending_approval asset_responsible all_approved
//! cargo run --example explain -- itam_contract_approver approve contract approval all_approved
//! cargo run --example explain -- itam_admin update asset pending_verification
//! cargo run --example explain -- none read inventory registered
//! cargo run --example explain -- --help
//! ```
//!
//! ROLES is `none` (no roles), or system role names separated by commas, with or
//! without spaces after them: the `roles:` line the command prints can be pasted
//! back as ROLES. ACTION is an action (`read`, `create`, `update`, `delete`) or an
//! event: a task event on a task, a record event on a record. KIND is a task kind or
//! a record kind, STATE one of that kind's states. The FLAGs say who the user is to
//! the item (without them someone else created it, is assigned to it and sent it for
//! approval) and the host's facts (a contract document, the last approval, ...).
//!
//! A name is exact; a name near one in the policy gets a suggestion, a name in the
//! wrong place (an action where the kind goes) says where it goes, and a role list
//! that the shell split at its spaces, or whose names are not separated by commas,
//! says how to write it.
//!
//! Exit status: 0 allowed, 1 denied, 2 bad input (a name not in the policy, an empty
//! role list, a wrong number of arguments, an argument that is not UTF-8), 3 the
//! output could not be written. A closed pipe ends the output quietly, with the
//! decision's status.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;
use std::str::FromStr;

use itam_rbac::records::{
    self, AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState, Record, RecordEvent, RecordKind, RecordState,
};
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{explain, Action, ParseError, Role, Roles, Subject, Task, TaskKind, TaskState};

#[path = "support/output.rs"]
mod output;

/// The word for "no roles" in ROLES, and in the `roles:` line for the empty set.
const NONE: &str = "none";

/// The user asking.
const YOU: &str = "you";

/// Whoever else the item's people are.
const SOMEONE_ELSE: &str = "someone else";

/// The arguments, in order.
const ORDER: &str = "ROLES ACTION KIND STATE [FLAG...]";

/// Exit status: the request is allowed (or the usage was asked for).
const ALLOWED: u8 = 0;
/// Exit status: the request is denied.
const DENIED: u8 = 1;
/// Exit status: bad input, nothing decided.
const BAD_INPUT: u8 = 2;

/// The widest line of the usage.
const WIDTH: usize = 88;

/// A fact the command line can state about the user and the item, or the host's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flag {
    Assigned,
    Unassigned,
    Creator,
    UnknownCreator,
    System,
    Submitter,
    UnknownSubmitter,
    AllApproved,
    Document,
    AssignmentGroup,
    AssetResponsible,
    AddedApprover,
    CommitteeMember,
    FilesAttached,
}

/// What a flag can be said of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applies {
    /// Tasks and records.
    Both,
    /// Tasks only (the workflow's relations).
    Tasks,
    /// Records only.
    Records,
}

/// Every flag: its name, what it can be said of, and what it says. The parser, the
/// usage and the hints read this one table.
const FLAGS: &[(Flag, &str, Applies, &str)] = &[
    (
        Flag::Assigned,
        "assigned",
        Applies::Both,
        "you are the assigned user (else someone else is)",
    ),
    (
        Flag::Unassigned,
        "unassigned",
        Applies::Both,
        "nobody is assigned",
    ),
    (
        Flag::Creator,
        "creator",
        Applies::Both,
        "you created it (else someone else did)",
    ),
    (
        Flag::UnknownCreator,
        "unknown_creator",
        Applies::Both,
        "who created it is not known",
    ),
    (
        Flag::System,
        "system",
        Applies::Both,
        "the system created it (alone: with unknown_creator)",
    ),
    (
        Flag::Submitter,
        "submitter",
        Applies::Both,
        "you sent it for approval (else someone else did)",
    ),
    (
        Flag::UnknownSubmitter,
        "unknown_submitter",
        Applies::Both,
        "who sent it for approval is not known",
    ),
    (
        Flag::AllApproved,
        "all_approved",
        Applies::Both,
        "with this approve, every approver has approved",
    ),
    (
        Flag::Document,
        "document",
        Applies::Records,
        "a contract document is set",
    ),
    (
        Flag::AssignmentGroup,
        "assignment_group",
        Applies::Tasks,
        "you are in the task's assignment group",
    ),
    (
        Flag::AssetResponsible,
        "asset_responsible",
        Applies::Tasks,
        "you are responsible for one of its assets",
    ),
    (
        Flag::AddedApprover,
        "added_approver",
        Applies::Tasks,
        "you were added as an approver",
    ),
    (
        Flag::CommitteeMember,
        "committee_member",
        Applies::Tasks,
        "you are on its decommissioning committee",
    ),
    (
        Flag::FilesAttached,
        "files_attached",
        Applies::Tasks,
        "a file of new assets is attached",
    ),
];

/// Flags that say opposite things.
const CONFLICTS: &[(Flag, Flag)] = &[
    (Flag::Assigned, Flag::Unassigned),
    (Flag::Creator, Flag::UnknownCreator),
    (Flag::Submitter, Flag::UnknownSubmitter),
];

/// The workflow relation each task flag stands for.
const RELATIONS: &[(Flag, Relations)] = &[
    (Flag::AllApproved, Relations::ALL_APPROVED),
    (Flag::AssignmentGroup, Relations::IN_ASSIGNMENT_GROUP),
    (Flag::AssetResponsible, Relations::ASSET_RESPONSIBLE),
    (Flag::AddedApprover, Relations::ADDED_APPROVER),
    (Flag::CommitteeMember, Relations::COMMITTEE_MEMBER),
    (Flag::FilesAttached, Relations::FILES_ATTACHED),
];

impl Flag {
    /// The flag's row of [`FLAGS`].
    fn row(self) -> Option<&'static (Flag, &'static str, Applies, &'static str)> {
        FLAGS.iter().find(|row| row.0 == self)
    }

    /// The flag's name.
    fn name(self) -> &'static str {
        self.row().map_or("", |row| row.1)
    }
}

/// Every flag name, in [`FLAGS`] order.
fn flag_names() -> Vec<&'static str> {
    FLAGS.iter().map(|row| row.1).collect()
}

/// A set of flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Flags(u32);

impl Flags {
    /// Whether `flag` is in the set.
    fn has(self, flag: Flag) -> bool {
        self.0 & (1 << flag as u32) != 0
    }

    /// The set with `flag` added.
    fn with(self, flag: Flag) -> Self {
        Flags(self.0 | 1 << flag as u32)
    }

    /// The workflow relations the set states (tasks).
    fn relations(self) -> Relations {
        RELATIONS
            .iter()
            .filter(|(flag, _)| self.has(*flag))
            .fold(Relations::empty(), |all, (_, relation)| all | *relation)
    }
}

/// What is asked about the item: an action, or one of its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb<E> {
    /// `read`, `create`, `update` or `delete`.
    Action(Action),
    /// An event of a task ([`TaskEvent`]) or of a record ([`RecordEvent`]).
    Event(E),
}

/// The item the request is about, in its state, and what is asked about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A task.
    Task {
        kind: TaskKind,
        state: TaskState,
        verb: Verb<TaskEvent>,
    },
    /// A record: the name of its state, one of the kind's.
    Record {
        kind: RecordKind,
        state: &'static str,
        verb: Verb<RecordEvent>,
    },
}

/// The request, parsed from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Request {
    roles: Roles,
    target: Target,
    flags: Flags,
}

/// Why the command line is bad input (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
enum BadInput {
    /// The wrong number of arguments: the usage follows the message.
    Shape(String),
    /// A name that is not in the policy or not in its place, an empty role list,
    /// flags that do not go together: the message, with any hint.
    Name(String),
    /// The argument at this position (from 1) is not UTF-8: its lossy form.
    NotUtf8(usize, String),
}

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadInput::Shape(problem) | BadInput::Name(problem) => f.write_str(problem),
            BadInput::NotUtf8(position, lossy) => write!(
                f,
                "argument {position} is not valid UTF-8: {lossy:?} (every name is ASCII)"
            ),
        }
    }
}

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    /// `-h` or `--help`: the usage.
    Help,
    /// A decision.
    Explain(Request),
}

/// The place of an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Roles,
    Action,
    Kind,
    State,
    Flag,
}

impl Slot {
    /// Where the argument goes, for a hint.
    const fn place(self) -> &'static str {
        match self {
            Slot::Roles => "ROLES, the first argument",
            Slot::Action => "ACTION, the second argument",
            Slot::Kind => "KIND, the third argument",
            Slot::State => "STATE, the fourth argument",
            Slot::Flag => "the FLAGs, after STATE",
        }
    }
}

/// Something done with the state type of a record kind (see [`for_kind`]).
trait WithState {
    /// What it gives.
    type Out;

    /// Does it with `S`, the state type of the kind.
    fn with<S: RecordState + FromStr<Err = ParseError>>(self) -> Self::Out;
}

/// Does `job` with the state type of `kind`: the one place that maps a record kind
/// to its state type.
fn for_kind<W: WithState>(kind: RecordKind, job: W) -> W::Out {
    match kind {
        RecordKind::Contract => job.with::<ContractState>(),
        RecordKind::PurchaseRequest => job.with::<PurchaseState>(),
        RecordKind::Demand => job.with::<DemandState>(),
        RecordKind::FunctionalBudget => job.with::<BudgetState>(),
        RecordKind::ActualCostItem => job.with::<CostItemState>(),
        RecordKind::Nomenclature => job.with::<NomenclatureState>(),
        RecordKind::Asset => job.with::<AssetStatus>(),
    }
}

/// The state names of a record kind.
struct StateNames;

impl WithState for StateNames {
    type Out = Vec<&'static str>;

    fn with<S: RecordState + FromStr<Err = ParseError>>(self) -> Self::Out {
        S::STATES.iter().map(|state| state.state_name()).collect()
    }
}

/// The events a record kind takes.
struct EventNames;

impl WithState for EventNames {
    type Out = Vec<&'static str>;

    fn with<S: RecordState + FromStr<Err = ParseError>>(self) -> Self::Out {
        S::EVENTS.iter().map(|(event, _)| event.name()).collect()
    }
}

/// Reads a state of a record kind: its name.
struct ParseState<'a>(&'a str);

impl WithState for ParseState<'_> {
    type Out = Result<&'static str, ParseError>;

    fn with<S: RecordState + FromStr<Err = ParseError>>(self) -> Self::Out {
        self.0.parse::<S>().map(RecordState::state_name)
    }
}

/// `name` with its indefinite article, by its first letter: "a contract", "an
/// asset".
fn a(name: impl fmt::Display) -> String {
    let name = name.to_string();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// Reads ROLES: `none`, or role names separated by a comma and any spaces after it
/// (`a,b` and `a, b` alike), each role once. An empty list is an error: a user with
/// no roles is written `none`, so that a lost argument is not read as one.
fn parse_roles(arg: &str) -> Result<Roles, String> {
    if arg == NONE {
        return Ok(Roles::empty());
    }
    if arg.trim().is_empty() {
        return Err(format!(
            "empty role list {arg:?}: write {NONE} for a user with no roles"
        ));
    }
    // The `Display` form of `Roles`, which its `FromStr` reads: ", " between names.
    let items: Vec<&str> = arg
        .split(',')
        .enumerate()
        .map(|(i, item)| {
            if i == 0 {
                item
            } else {
                item.trim_start_matches(' ')
            }
        })
        .collect();
    if items.contains(&"") {
        return Err(format!(
            "empty name in the role list {arg:?}: a comma at an end, or two in a row"
        ));
    }
    let normalized = items.join(", ");
    normalized
        .parse()
        .map_err(|err: ParseError| err.to_string())
}

/// What `arg` is, if it is a name of the command line, and the place it goes.
fn what_is(arg: &str) -> Option<(String, Slot)> {
    let what = if arg == NONE {
        (
            "the role list of a user without roles".to_owned(),
            Slot::Roles,
        )
    } else if parse_roles(arg).is_ok() {
        ("a role list".to_owned(), Slot::Roles)
    } else if arg.parse::<TaskKind>().is_ok() {
        ("a task kind".to_owned(), Slot::Kind)
    } else if arg.parse::<RecordKind>().is_ok() {
        ("a record kind".to_owned(), Slot::Kind)
    } else if arg.parse::<Action>().is_ok() {
        ("an action".to_owned(), Slot::Action)
    } else if arg.parse::<TaskEvent>().is_ok() || arg.parse::<RecordEvent>().is_ok() {
        let of = match (
            arg.parse::<TaskEvent>().is_ok(),
            arg.parse::<RecordEvent>().is_ok(),
        ) {
            (true, true) => "tasks and records",
            (true, false) => "tasks",
            (false, true | false) => "records",
        };
        (format!("an event of {of}"), Slot::Action)
    } else if let Some(of) = states_named(arg) {
        (format!("a state (of {of})"), Slot::State)
    } else if FLAGS.iter().any(|row| row.1 == arg) {
        ("a flag".to_owned(), Slot::Flag)
    } else {
        return None;
    };
    Some(what)
}

/// The kinds that have a state named `arg` ("a task, a contract"), if any.
fn states_named(arg: &str) -> Option<String> {
    let mut kinds: Vec<String> = Vec::new();
    if arg.parse::<TaskState>().is_ok() {
        kinds.push("a task".to_owned());
    }
    for &kind in RecordKind::ALL {
        if for_kind(kind, StateNames).contains(&arg) {
            kinds.push(a(kind));
        }
    }
    (!kinds.is_empty()).then(|| kinds.join(", "))
}

/// The hint for `arg`, found in `slot`, when it is a name that goes elsewhere.
fn misplaced(arg: &str, slot: Slot) -> Option<String> {
    let (what, right) = what_is(arg)?;
    (right != slot).then(|| {
        format!(
            "{arg:?} is {what}, which goes in {}: the order is {ORDER}",
            right.place()
        )
    })
}

/// A role list that names its roles apart from each other with something other
/// than a comma (`"itam_agent itam_admin"`, `itam_agent;itam_admin`): the hint
/// that writes it with commas.
fn separator_hint(arg: &str) -> Option<String> {
    let names: Vec<&str> = arg
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|name| !name.is_empty())
        .collect();
    let all_roles = names.len() > 1 && names.iter().all(|name| name.parse::<Role>().is_ok());
    all_roles.then(|| {
        format!(
            "role names are separated by commas: write {}",
            names.join(",")
        )
    })
}

/// The hint for a role list that the shell split into several arguments: at its
/// spaces after commas (`itam_agent, itam_admin` unquoted), or at spaces between
/// the names (`itam_agent itam_admin`). `None` when the first arguments are not a
/// split list.
fn split_list_hint(args: &[&str]) -> Option<String> {
    // `itam_agent, itam_admin` unquoted: the pieces meet at a comma.
    let mut end = 0;
    while let (Some(this), Some(next)) = (args.get(end), args.get(end + 1)) {
        let goes_elsewhere =
            what_is(next.trim_matches(',')).is_some_and(|(_, slot)| !matches!(slot, Slot::Roles));
        if (this.ends_with(',') || next.starts_with(',')) && !goes_elsewhere {
            end += 1;
        } else {
            break;
        }
    }
    if let Some(pieces) = args.get(..=end).filter(|_| end > 0) {
        let whole = pieces.concat();
        let names: Vec<&str> = whole.split(',').collect();
        return Some(format!(
            "the role list was split at its spaces into {} arguments: write it \
             without spaces ({}) or quote it (\"{}\")",
            pieces.len(),
            names.join(","),
            names.join(", ")
        ));
    }
    // `itam_agent itam_admin`: role lists in a row, the first ones without a comma.
    let lists: Vec<&str> = args
        .iter()
        .take_while(|arg| **arg != NONE && parse_roles(arg).is_ok())
        .copied()
        .collect();
    (lists.len() > 1).then(|| {
        format!(
            "the role list is one argument, its names separated by commas: write {}",
            lists.join(",")
        )
    })
}

/// A bad name: the problem, and the hint if there is one.
fn bad_name(problem: impl fmt::Display, hint: Option<String>) -> BadInput {
    BadInput::Name(match hint {
        Some(hint) => format!("{problem}\nhint: {hint}"),
        None => problem.to_string(),
    })
}

/// Reads the arguments (without the program name).
fn parse(args: &[OsString]) -> Result<Command, BadInput> {
    if args
        .iter()
        .any(|arg| matches!(arg.to_str(), Some("-h" | "--help")))
    {
        return Ok(Command::Help);
    }
    let mut text = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        let Some(arg) = arg.to_str() else {
            return Err(BadInput::NotUtf8(i + 1, arg.to_string_lossy().into_owned()));
        };
        text.push(arg);
    }
    if let Some(hint) = split_list_hint(&text) {
        return Err(bad_name("ROLES is one argument", Some(hint)));
    }
    let [roles, verb, kind, state, flags @ ..] = text.as_slice() else {
        return Err(BadInput::Shape(format!(
            "expected {ORDER}, got {} argument{}",
            text.len(),
            if text.len() == 1 { "" } else { "s" }
        )));
    };
    let roles = parse_roles(roles).map_err(|problem| {
        bad_name(
            problem,
            separator_hint(roles).or_else(|| misplaced(roles, Slot::Roles)),
        )
    })?;
    let target = parse_target(verb, kind, state)?;
    let flags = parse_flags(flags, matches!(target, Target::Task { .. }))?;
    Ok(Command::Explain(Request {
        roles,
        target,
        flags,
    }))
}

/// Reads KIND, then ACTION and STATE for that kind.
fn parse_target(verb: &str, kind: &str, state: &str) -> Result<Target, BadInput> {
    let kinds: Vec<&'static str> = TaskKind::NAMES
        .iter()
        .chain(RecordKind::NAMES)
        .copied()
        .collect();
    if let Ok(kind) = kind.parse::<TaskKind>() {
        let verb = match (verb.parse::<Action>(), verb.parse::<TaskEvent>()) {
            (Ok(action), _) => Verb::Action(action),
            (Err(_), Ok(event)) => Verb::Event(event),
            (Err(_), Err(_)) => return Err(bad_verb(verb, "a task", TaskEvent::NAMES)),
        };
        let state = state
            .parse::<TaskState>()
            .map_err(|err| bad_state(state, &err, &a(format!("{kind} task")), TaskState::NAMES))?;
        return Ok(Target::Task { kind, state, verb });
    }
    let Ok(kind) = kind.parse::<RecordKind>() else {
        let err = ParseError::new("kind", kind, &kinds);
        return Err(bad_name(err, misplaced(kind, Slot::Kind)));
    };
    let verb = match (verb.parse::<Action>(), verb.parse::<RecordEvent>()) {
        (Ok(action), _) => Verb::Action(action),
        (Err(_), Ok(event)) => Verb::Event(event),
        (Err(_), Err(_)) => return Err(bad_verb(verb, &a(kind), &for_kind(kind, EventNames))),
    };
    let state = for_kind(kind, ParseState(state))
        .map_err(|err| bad_state(state, &err, &a(kind), &for_kind(kind, StateNames)))?;
    Ok(Target::Record { kind, state, verb })
}

/// ACTION is neither an action nor an event of `item`, which takes `events`.
fn bad_verb(verb: &str, item: &str, events: &[&'static str]) -> BadInput {
    let names: Vec<&'static str> = Action::NAMES.iter().chain(events).copied().collect();
    let err = ParseError::new("action or event", verb, &names);
    let hint = misplaced(verb, Slot::Action).unwrap_or_else(|| {
        format!(
            "{item} takes the actions {} and the events {}",
            Action::NAMES.join(" | "),
            events.join(" | ")
        )
    });
    bad_name(err, Some(hint))
}

/// STATE is not one of `states`, the states of `item`.
fn bad_state(state: &str, err: &ParseError, item: &str, states: &[&str]) -> BadInput {
    let hint = misplaced(state, Slot::State)
        .unwrap_or_else(|| format!("the states of {item}: {}", states.join(" | ")));
    bad_name(err, Some(hint))
}

/// Reads the FLAGs of a task (`task`) or a record.
fn parse_flags(args: &[&str], task: bool) -> Result<Flags, BadInput> {
    let mut flags = Flags::default();
    for arg in args {
        let Some(&(flag, name, applies, _)) = FLAGS.iter().find(|row| row.1 == *arg) else {
            let err = ParseError::new("flag", arg, &flag_names());
            return Err(bad_name(err, misplaced(arg, Slot::Flag)));
        };
        if flags.has(flag) {
            return Err(bad_name(format!("the flag {name} is given twice"), None));
        }
        let only = match (applies, task) {
            (Applies::Tasks, false) => Some("tasks"),
            (Applies::Records, true) => Some("records"),
            (Applies::Both, _) | (Applies::Tasks, true) | (Applies::Records, false) => None,
        };
        if let Some(only) = only {
            return Err(bad_name(
                format!("the flag {name} is said of {only} only"),
                None,
            ));
        }
        flags = flags.with(flag);
    }
    for &(one, other) in CONFLICTS {
        if flags.has(one) && flags.has(other) {
            return Err(bad_name(
                format!(
                    "the flags {} and {} contradict each other",
                    one.name(),
                    other.name()
                ),
                None,
            ));
        }
    }
    Ok(flags)
}

/// The item's people as the flags say: the assigned user, the creator (and whether
/// the system created it) and the submitter, each `you`, someone else, or nobody
/// known.
macro_rules! with_people {
    ($item:expr, $flags:expr) => {{
        let flags: Flags = $flags;
        let who = |you: Flag| if flags.has(you) { YOU } else { SOMEONE_ELSE };
        let item = $item;
        let item = if flags.has(Flag::Unassigned) {
            item
        } else {
            item.assigned_to(who(Flag::Assigned))
        };
        let item = if flags.has(Flag::UnknownCreator) {
            item
        } else {
            item.created_by(who(Flag::Creator))
        };
        let item = if flags.has(Flag::System) {
            item.created_by_system()
        } else {
            item
        };
        if flags.has(Flag::UnknownSubmitter) {
            item
        } else {
            item.submitted_by(who(Flag::Submitter))
        }
    }};
}

/// A decision, as the command prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Report {
    allowed: bool,
    /// The decision and why.
    decision: String,
    /// The audit code.
    code: u8,
    /// The state an allowed event moves the item to.
    next: Option<&'static str>,
    /// The asset form fields the user may edit (an update of an asset).
    fields: Option<String>,
}

impl Report {
    /// A decision with no next state and no fields.
    fn new(allowed: bool, decision: String, code: u8) -> Self {
        Report {
            allowed,
            decision,
            code,
            next: None,
            fields: None,
        }
    }
}

/// Decides a request on a record of the kind whose state type is `S`.
struct DecideRecord<'a> {
    user: &'a Subject<&'static str>,
    state: &'static str,
    verb: Verb<RecordEvent>,
    flags: Flags,
}

impl WithState for DecideRecord<'_> {
    type Out = Result<Report, ParseError>;

    fn with<S: RecordState + FromStr<Err = ParseError>>(self) -> Self::Out {
        let state: S = self.state.parse()?;
        let kind = S::KIND;
        let record = with_people!(Record::new(state), self.flags);
        let record = if self.flags.has(Flag::Document) {
            record.with_document()
        } else {
            record
        };
        let record = if self.flags.has(Flag::AllApproved) {
            record.all_approved()
        } else {
            record
        };
        Ok(match self.verb {
            Verb::Action(action) => match records::check_record(self.user, action, &record) {
                Ok(reason) => Report::new(
                    true,
                    format!(
                        "{action} on {} in state {state} allowed: {}",
                        a(kind),
                        reason.describe()
                    ),
                    reason.code(),
                ),
                Err(denied) => Report::new(false, denied.to_string(), denied.code()),
            },
            Verb::Event(event) => match records::check_record_event(self.user, &record, event) {
                Ok(allowed) => Report {
                    next: Some(allowed.next().state_name()),
                    ..Report::new(
                        true,
                        format!(
                            "{event} on {} in state {state} allowed: {}",
                            a(kind),
                            allowed.reason().describe()
                        ),
                        allowed.code(),
                    )
                },
                Err(refused) => Report::new(false, refused.to_string(), refused.code()),
            },
        })
    }
}

/// The decision for `request`.
fn decide(request: &Request) -> Result<Report, ParseError> {
    let user = Subject::new(YOU, request.roles);
    match request.target {
        Target::Task { kind, state, verb } => {
            let task = with_people!(Task::new(kind, state), request.flags);
            Ok(match verb {
                Verb::Action(action) => {
                    let decision = explain(&user, action, &task);
                    Report::new(decision.is_allowed(), decision.to_string(), decision.code())
                }
                Verb::Event(event) => {
                    match workflow::check_event(&user, &task, request.flags.relations(), event) {
                        Ok(allowed) => Report {
                            next: Some(allowed.next().name()),
                            ..Report::new(
                                true,
                                format!(
                                    "{event} on the {kind} task in {state} allowed: {}",
                                    allowed.reason().describe()
                                ),
                                allowed.code(),
                            )
                        },
                        Err(refused) => Report::new(false, refused.to_string(), refused.code()),
                    }
                }
            })
        }
        Target::Record { kind, state, verb } => {
            let report = for_kind(
                kind,
                DecideRecord {
                    user: &user,
                    state,
                    verb,
                    flags: request.flags,
                },
            )?;
            if kind != RecordKind::Asset || verb != Verb::Action(Action::Update) {
                return Ok(report);
            }
            // The asset form: which fields the user may edit.
            let asset = with_people!(Record::new(state.parse::<AssetStatus>()?), request.flags);
            let fields = records::editable_asset_fields(&user, &asset);
            Ok(Report {
                fields: Some(if fields.is_empty() {
                    NONE.to_owned()
                } else {
                    fields.to_string()
                }),
                ..report
            })
        }
    }
}

/// Prints `roles` as ROLES accepts them: `none`, or the `Display` form.
fn roles_arg(roles: Roles) -> String {
    if roles.is_empty() {
        NONE.to_owned()
    } else {
        roles.to_string()
    }
}

/// The usage, with every name the policy knows.
fn usage() -> String {
    const INDENT: &str = "          ";
    let head = format!(
        "usage: explain {ORDER}
       explain --help
  ROLES   {NONE}, or role names separated by commas, e.g. itam_agent,itam_responsible
          or \"itam_agent, itam_responsible\" (as the roles: line prints them):
{roles}
{actions}
{task_events}
{record_events}
{task_kinds}
{record_kinds}
{task_states}",
        roles = wrap(INDENT, INDENT, Role::NAMES),
        actions = wrap("  ACTION  an action:", INDENT, Action::NAMES),
        task_events = wrap(&format!("{INDENT}a task event:"), INDENT, TaskEvent::NAMES),
        record_events = wrap(
            &format!("{INDENT}a record event (each kind takes some):"),
            INDENT,
            RecordEvent::NAMES
        ),
        task_kinds = wrap("  KIND    a task:", INDENT, TaskKind::NAMES),
        record_kinds = wrap(&format!("{INDENT}a record:"), INDENT, RecordKind::NAMES),
        task_states = wrap("  STATE   of a task:", INDENT, TaskState::NAMES),
    );
    let record_states = RecordKind::ALL.iter().map(|&kind| {
        let states = for_kind(kind, StateNames);
        wrap(&format!("{INDENT}of {}:", a(kind)), INDENT, &states)
    });
    let flags = FLAGS
        .iter()
        .enumerate()
        .map(|(i, (_, name, applies, what))| {
            let only = match applies {
                Applies::Both => "",
                Applies::Tasks => " (tasks)",
                Applies::Records => " (records)",
            };
            let label = if i == 0 { "  FLAG    " } else { INDENT };
            format!("{label}{name:<18}{what}{only}")
        });
    let status = format!(
        "exit status: {ALLOWED} allowed, {DENIED} denied, {BAD_INPUT} bad input, {} the output \
         could not be written",
        output::WRITE_ERROR
    );
    let lines: Vec<String> = [head]
        .into_iter()
        .chain(record_states)
        .chain(flags)
        .chain([status])
        .collect();
    lines.join("\n")
}

/// `first`, then `names` separated by `" |"`, in lines of at most [`WIDTH`]
/// columns, each after the first starting with `indent`.
fn wrap(first: &str, indent: &str, names: &[&str]) -> String {
    let mut text = String::new();
    let mut line = first.to_owned();
    for (i, name) in names.iter().enumerate() {
        let separator = if i + 1 < names.len() { " |" } else { "" };
        let fresh = line.trim().is_empty();
        if !fresh && line.len() + 1 + name.len() + separator.len() > WIDTH {
            text.push_str(&line);
            text.push('\n');
            line.clear();
            line.push_str(indent);
        } else if !fresh {
            line.push(' ');
        }
        line.push_str(name);
        line.push_str(separator);
    }
    text.push_str(&line);
    text
}

/// Runs the command line: the exit status, with the report on `out` and any error
/// on `err`, and whether they could be written.
fn run(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> (u8, io::Result<()>) {
    let request = match parse(args) {
        Ok(Command::Explain(request)) => request,
        Ok(Command::Help) => return (ALLOWED, writeln!(out, "{}", usage())),
        Err(BadInput::Shape(problem)) => {
            return (BAD_INPUT, writeln!(err, "error: {problem}\n{}", usage()))
        }
        Err(problem) => {
            return (
                BAD_INPUT,
                writeln!(err, "error: {problem}\n(explain --help lists every name)"),
            )
        }
    };
    let report = match decide(&request) {
        Ok(report) => report,
        Err(problem) => return (BAD_INPUT, writeln!(err, "error: {problem}")),
    };
    let status = if report.allowed { ALLOWED } else { DENIED };
    (status, print(&request, &report, out))
}

/// Prints the report of a decision.
fn print(request: &Request, report: &Report, out: &mut impl Write) -> io::Result<()> {
    let user = Subject::new(YOU, request.roles);
    writeln!(out, "roles:     {}", roles_arg(user.granted()))?;
    writeln!(out, "effective: {}", roles_arg(user.effective()))?;
    writeln!(out, "decision:  {}", report.decision)?;
    if let Some(next) = report.next {
        writeln!(out, "next:      {next}")?;
    }
    if let Some(fields) = &report.fields {
        writeln!(out, "fields:    {fields}")?;
    }
    writeln!(out, "code:      {}", report.code)?;
    out.flush()
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let (status, written) = run(&args, &mut io::stdout().lock(), &mut io::stderr().lock());
    ExitCode::from(output::exit_status(status, &written, &mut io::stderr()))
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::io;

    use super::output::{self, Failing};
    use super::{
        for_kind, parse, parse_roles, run, usage, BadInput, Command, Flag, Flags, Request,
        StateNames, Target, Verb, FLAGS,
    };
    use itam_rbac::records::{RecordEvent, RecordKind, RecordState};
    use itam_rbac::workflow::TaskEvent;
    use itam_rbac::{Action, Role, Roles, TaskKind, TaskState};
    use proptest::prelude::*;

    fn args(line: &[&str]) -> Vec<OsString> {
        line.iter().map(OsString::from).collect()
    }

    /// The exit status, standard output and standard error of a run.
    fn run_with(line: &[&str]) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let (status, written) = run(&args(line), &mut out, &mut err);
        (
            if written.is_ok() { status } else { 99 },
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    /// The value after `label` on the report line that starts with it.
    fn line<'a>(out: &'a str, label: &str) -> Option<&'a str> {
        out.lines()
            .find_map(|l| l.strip_prefix(label))
            .map(str::trim_start)
    }

    /// The hint line of an error.
    fn hint(err: &str) -> &str {
        line(err, "hint:").unwrap_or_default()
    }

    #[test]
    fn the_ci_invocation_is_allowed() {
        let (status, out, err) = run_with(&[
            "itam_operation_specialist",
            "update",
            "maintenance",
            "in_progress",
            "assigned",
        ]);
        assert_eq!((status, err.as_str()), (0, ""), "{out}");
        assert_eq!(line(&out, "roles:"), Some("itam_operation_specialist"));
        assert_eq!(line(&out, "code:"), Some("2"));
    }

    #[test]
    fn a_typo_in_any_argument_gets_the_nearest_name() {
        let task = [
            "itam_operation_specialist",
            "update",
            "maintenance",
            "in_progress",
            "assigned",
        ];
        let record = [
            "itam_contract_manager",
            "update",
            "contract",
            "draft",
            "creator",
        ];
        for (base, at, wrong, right) in [
            (
                task,
                0,
                "itam_opertion_specialist",
                "itam_operation_specialist",
            ),
            (
                task,
                0,
                "itam_agent, itam_contract_manger",
                "itam_contract_manager",
            ),
            (task, 1, "updte", "update"),
            (task, 2, "maintainance", "maintenance"),
            (task, 3, "in_progres", "in_progress"),
            (task, 4, "asigned", "assigned"),
            (record, 1, "aprove", "approve"),
            (record, 2, "contarct", "contract"),
            (record, 3, "sigining", "signing"),
            (record, 4, "craetor", "creator"),
        ] {
            let mut line = base;
            if let Some(arg) = line.get_mut(at) {
                *arg = wrong;
            }
            let wrong = wrong.rsplit(", ").next().unwrap_or_default();
            let (status, out, err) = run_with(&line);
            assert_eq!((status, out.as_str()), (2, ""), "{line:?}");
            assert!(
                err.starts_with("error: unknown ")
                    && err.contains(&format!("{wrong:?} (did you mean {right:?}?)")),
                "{err}"
            );
        }
    }

    #[test]
    fn an_empty_role_list_is_bad_input() {
        for empty in ["", " ", "  "] {
            let (status, out, err) = run_with(&[empty, "read", "inventory", "registered"]);
            assert_eq!((status, out.as_str()), (2, ""), "{empty:?}");
            assert!(
                err.contains("empty role list") && err.contains("none"),
                "{err}"
            );
        }
        // An empty item inside a list is an error too, not skipped.
        for list in [
            "itam_agent,",
            ",itam_agent",
            "itam_agent,,itam_admin",
            "itam_agent, ",
        ] {
            let err = parse_roles(list).err().unwrap_or_default();
            assert!(
                err.starts_with("empty name in the role list"),
                "{list:?}: {err}"
            );
        }
    }

    #[test]
    fn none_means_no_roles() {
        assert_eq!(parse_roles("none"), Ok(Roles::empty()));
        let (status, out, err) = run_with(&["none", "read", "inventory", "registered"]);
        // A decision, denied (no ITAM access), and printed as ROLES accepts it.
        assert_eq!((status, err.as_str()), (1, ""));
        assert_eq!(line(&out, "roles:"), Some("none"));
        assert_eq!(line(&out, "effective:"), Some("none"));
        // `none` is a word of its own, not a role name in a list.
        assert!(parse_roles("none,itam_agent").is_err());
        assert!(parse_roles("NONE").is_err());
    }

    #[test]
    fn the_printed_roles_paste_back_as_roles() {
        let expected = Roles::AGENT | Roles::CONTRACT_MANAGER;
        for roles in [
            "itam_agent,itam_contract_manager",
            "itam_agent, itam_contract_manager",
            "itam_contract_manager,  itam_agent",
        ] {
            assert_eq!(parse_roles(roles), Ok(expected), "{roles:?}");
        }
        let (_, out, _) = run_with(&[
            "itam_agent,itam_contract_manager",
            "update",
            "inventory",
            "in_progress",
        ]);
        let printed = line(&out, "roles:").unwrap_or_default();
        assert_eq!(printed, "itam_agent, itam_contract_manager");
        let (status, again, err) = run_with(&[printed, "update", "inventory", "in_progress"]);
        assert_eq!((status, err.as_str()), (1, ""));
        assert_eq!(again, out);
        // The effective roles paste back too, for every role.
        for role in Role::ALL {
            let (_, out, _) = run_with(&[role.name(), "read", "inventory", "registered"]);
            let effective = line(&out, "effective:").unwrap_or_default();
            assert_eq!(parse_roles(effective), Ok(role.effective()), "{role}");
        }
    }

    #[test]
    fn a_role_named_twice_is_bad_input() {
        let (status, _, err) =
            run_with(&["itam_agent,itam_agent", "read", "inventory", "registered"]);
        assert_eq!(status, 2);
        assert!(err.contains(r#"duplicate role name "itam_agent""#), "{err}");
    }

    #[test]
    fn the_usage_lists_every_name() {
        let usage = usage();
        let words: Vec<&str> = usage
            .split(|c: char| c.is_whitespace() || c == '|' || c == ',')
            .collect();
        let record_states: Vec<&str> = RecordKind::ALL
            .iter()
            .flat_map(|&kind| for_kind(kind, StateNames))
            .collect();
        for name in Role::NAMES
            .iter()
            .chain(Action::NAMES)
            .chain(TaskKind::NAMES)
            .chain(TaskState::NAMES)
            .chain(TaskEvent::NAMES)
            .chain(RecordKind::NAMES)
            .chain(RecordEvent::NAMES)
            .chain(&record_states)
            .chain(FLAGS.iter().map(|row| &row.1))
            .chain(&["none"])
        {
            assert!(words.contains(name), "{name} is not in the usage:\n{usage}");
        }
        assert!(usage.lines().all(|l| l.len() <= 88), "{usage}");
        assert_eq!(parse(&args(&["--help"])), Ok(Command::Help));
        let (status, out, _) = run_with(&["--help"]);
        assert_eq!((status, out.trim_end()), (0, usage.as_str()));
        // A wrong number of arguments shows it on standard error.
        let (status, out, err) = run_with(&["itam_agent", "read"]);
        assert_eq!((status, out.as_str()), (2, ""));
        assert!(
            err.starts_with("error: expected ROLES") && err.contains(&usage),
            "{err}"
        );
    }

    #[test]
    fn help_is_recognised_wherever_it_is() {
        for line in [
            &["-h"][..],
            &["--help"],
            &["itam_agent", "--help"],
            &["itam_agent", "read", "contract", "draft", "-h"],
        ] {
            let (status, out, err) = run_with(line);
            assert_eq!((status, err.as_str()), (0, ""), "{line:?}");
            assert!(out.starts_with("usage: explain ROLES"), "{out}");
        }
    }

    #[test]
    fn a_full_request_parses() {
        assert_eq!(
            parse(&args(&[
                "itam_agent, itam_responsible",
                "read",
                "relocation",
                "approved"
            ])),
            Ok(Command::Explain(Request {
                roles: Roles::AGENT | Roles::RESPONSIBLE,
                target: Target::Task {
                    kind: TaskKind::Relocation,
                    state: TaskState::Approved,
                    verb: Verb::Action(Action::Read),
                },
                flags: Flags::default(),
            }))
        );
        assert_eq!(
            parse(&args(&[
                "itam_contract_approver",
                "approve",
                "contract",
                "approval",
                "all_approved",
                "submitter",
            ])),
            Ok(Command::Explain(Request {
                roles: Roles::CONTRACT_APPROVER,
                target: Target::Record {
                    kind: RecordKind::Contract,
                    state: "approval",
                    verb: Verb::Event(RecordEvent::Approve),
                },
                flags: Flags::default()
                    .with(Flag::AllApproved)
                    .with(Flag::Submitter),
            }))
        );
        let six = args(&[
            "itam_agent",
            "read",
            "relocation",
            "approved",
            "assigned",
            "x",
        ]);
        assert!(matches!(parse(&six), Err(BadInput::Name(_))));
        assert!(matches!(
            parse(&args(&["itam_agent", "read", "relocation", "aproved"])),
            Err(BadInput::Name(_))
        ));
    }

    /// Each record kind maps to its own state type, whose states all parse.
    #[test]
    fn every_record_kind_and_state_is_reached() {
        struct Kind;
        impl super::WithState for Kind {
            type Out = RecordKind;
            fn with<S: RecordState>(self) -> RecordKind {
                S::KIND
            }
        }
        assert!(
            TaskKind::NAMES
                .iter()
                .all(|name| !RecordKind::NAMES.contains(name)),
            "a task kind and a record kind share a name"
        );
        for &kind in RecordKind::ALL {
            let names = for_kind(kind, StateNames);
            assert!(!names.is_empty(), "{kind}");
            for state in names {
                for action in Action::NAMES {
                    let (status, out, err) = run_with(&["itam_agent", action, kind.name(), state]);
                    assert!(status <= 1 && err.is_empty(), "{kind} {state}: {err}");
                    assert!(line(&out, "decision:").is_some(), "{out}");
                }
            }
        }
        for &kind in RecordKind::ALL {
            assert_eq!(for_kind(kind, Kind), kind);
        }
    }

    /// Before: `explain` knew tasks only, so every record kind was an unknown task
    /// kind. Now the record decisions answer, with their reasons and codes.
    #[test]
    fn record_kinds_are_decided_with_their_events() {
        // A contract manager edits a draft contract; the draft is not frozen.
        let (status, out, _) = run_with(&["itam_contract_manager", "update", "contract", "draft"]);
        assert_eq!(status, 0, "{out}");
        assert!(line(&out, "decision:").is_some_and(|d| d.contains("allowed")));
        // From approval on a contract is frozen (record_frozen, code 16).
        let (status, out, _) =
            run_with(&["itam_contract_manager", "update", "contract", "approval"]);
        assert_eq!((status, line(&out, "code:")), (1, Some("16")), "{out}");
        // The last contract approver moves it to signing; before the last, it waits.
        let last = [
            "itam_contract_approver",
            "approve",
            "contract",
            "approval",
            "all_approved",
        ];
        let (status, out, _) = run_with(&last);
        assert_eq!((status, line(&out, "next:")), (0, Some("signing")), "{out}");
        let (status, out, _) = run_with(&last[..4]);
        assert_eq!(
            (status, line(&out, "next:")),
            (0, Some("approval")),
            "{out}"
        );
        // Four eyes: the contract's creator never approves it.
        let (status, out, _) = run_with(&[
            "itam_contract_manager,itam_contract_approver",
            "approve",
            "contract",
            "approval",
            "creator",
        ]);
        assert_eq!((status, line(&out, "code:")), (1, Some("21")), "{out}");
        // Without a document a contract is not sent for approval.
        let send = [
            "itam_contract_manager",
            "send_for_approval",
            "contract",
            "draft",
        ];
        let (status, out, _) = run_with(&send);
        assert_eq!(status, 1, "{out}");
        assert!(out.contains("document"), "{out}");
        let (status, _, _) = run_with(&[&send[..], &["document"]].concat());
        assert_eq!(status, 0);
        // An event that a kind does not take is a decision (denied), not bad input.
        let (status, out, err) = run_with(&["itam_agent", "expire", "demand", "approved"]);
        assert_eq!((status, err.as_str()), (1, ""), "{out}");
        assert!(out.contains("does not apply"), "{out}");
        // The asset form: the fields the user may edit.
        let (status, out, _) = run_with(&["itam_admin", "update", "asset", "pending_verification"]);
        assert!(status <= 1, "{out}");
        let fields = line(&out, "fields:").unwrap_or_default();
        assert!(fields.contains("nomenclature"), "{out}");
        let (_, out, _) = run_with(&["itam_agent", "update", "asset", "active"]);
        assert_eq!(line(&out, "fields:"), Some("none"), "{out}");
        // Task events too.
        let (status, out, _) = run_with(&[
            "itam_operation_specialist",
            "start_work",
            "maintenance",
            "registered",
            "assigned",
        ]);
        assert_eq!(
            (status, line(&out, "next:")),
            (0, Some("in_progress")),
            "{out}"
        );
    }

    #[test]
    fn flags_are_checked() {
        for (line, problem) in [
            (
                &[
                    "itam_agent",
                    "read",
                    "contract",
                    "draft",
                    "assigned",
                    "assigned",
                ][..],
                "the flag assigned is given twice",
            ),
            (
                &[
                    "itam_agent",
                    "read",
                    "contract",
                    "draft",
                    "assigned",
                    "unassigned",
                ],
                "the flags assigned and unassigned contradict each other",
            ),
            (
                &[
                    "itam_agent",
                    "read",
                    "contract",
                    "draft",
                    "committee_member",
                ],
                "the flag committee_member is said of tasks only",
            ),
            (
                &[
                    "itam_agent",
                    "read",
                    "maintenance",
                    "registered",
                    "document",
                ],
                "the flag document is said of records only",
            ),
        ] {
            let (status, out, err) = run_with(line);
            assert_eq!((status, out.as_str()), (2, ""), "{line:?}");
            assert!(err.starts_with(&format!("error: {problem}\n")), "{err}");
        }
    }

    /// Before: `std::env::args` panicked on such an argument (exit 101).
    #[cfg(unix)]
    #[test]
    fn a_non_utf8_argument_is_bad_input() {
        use std::os::unix::ffi::OsStringExt;
        let mut line = args(&["itam_agent", "read", "inventory", "registered"]);
        if let Some(arg) = line.get_mut(1) {
            *arg = OsString::from_vec(b"re\xffad".to_vec());
        }
        assert_eq!(
            parse(&line),
            Err(BadInput::NotUtf8(2, "re\u{fffd}ad".to_owned()))
        );
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let (status, written) = run(&line, &mut out, &mut err);
        assert!(written.is_ok());
        assert_eq!((status, out.len()), (2, 0));
        let err = String::from_utf8_lossy(&err);
        assert!(
            err.starts_with("error: argument 2 is not valid UTF-8: \"re\u{fffd}ad\""),
            "{err}"
        );
    }

    /// Before: `itam_agent, itam_admin` unquoted was read as five arguments, an
    /// "empty name" and a shifted request, with nothing said about the space.
    #[test]
    fn a_role_list_split_by_the_shell_gets_a_hint() {
        for (line, written) in [
            (
                &["itam_agent,", "itam_admin", "read", "inventory", "registered"][..],
                "write it without spaces (itam_agent,itam_admin) or quote it (\"itam_agent, itam_admin\")",
            ),
            (
                &["itam_agent", ",itam_admin", "read", "inventory", "registered"],
                "write it without spaces (itam_agent,itam_admin)",
            ),
            (
                &["itam_agent", ",", "itam_admin", "read", "inventory", "registered"],
                "write it without spaces (itam_agent,itam_admin) or quote it (\"itam_agent, itam_admin\")",
            ),
            (
                &["itam_agent,", "itam_admin,", "itam_responsible", "read", "inventory"],
                "(itam_agent,itam_admin,itam_responsible)",
            ),
            (
                &["itam_agent", "itam_admin", "read", "inventory", "registered"],
                "its names separated by commas: write itam_agent,itam_admin",
            ),
            (
                &["itam_agent", "itam_admin"],
                "its names separated by commas: write itam_agent,itam_admin",
            ),
        ] {
            let (status, out, err) = run_with(line);
            assert_eq!((status, out.as_str()), (2, ""), "{line:?}");
            assert!(hint(&err).contains(written), "{line:?}: {err}");
        }
        // A trailing comma before the action is an empty name, not a split list.
        let (status, _, err) = run_with(&["itam_agent,", "read", "inventory", "registered"]);
        assert_eq!(status, 2);
        assert!(err.contains("empty name in the role list"), "{err}");
    }

    /// Before: a role list with spaces or other separators between its names was
    /// an unknown role name, with no word about the separator.
    #[test]
    fn a_role_list_without_commas_gets_a_hint() {
        for list in [
            "itam_agent itam_admin",
            "itam_agent;itam_admin",
            "itam_agent | itam_admin",
            "itam_agent\titam_admin",
        ] {
            let (status, out, err) = run_with(&[list, "read", "inventory", "registered"]);
            assert_eq!((status, out.as_str()), (2, ""), "{list:?}");
            assert_eq!(
                hint(&err),
                "role names are separated by commas: write itam_agent,itam_admin",
                "{list:?}: {err}"
            );
        }
    }

    /// Before: arguments in the wrong order were unknown names, nothing said where
    /// they go.
    #[test]
    fn swapped_arguments_get_a_hint() {
        for (line, said) in [
            (
                ["update", "itam_agent", "maintenance", "in_progress"],
                "\"update\" is an action, which goes in ACTION, the second argument",
            ),
            (
                ["itam_agent", "maintenance", "update", "in_progress"],
                "\"update\" is an action, which goes in ACTION, the second argument",
            ),
            (
                ["itam_agent", "read", "in_progress", "maintenance"],
                "\"in_progress\" is a state (of a task, a purchase_request, a demand), \
                 which goes in STATE",
            ),
            (
                ["itam_agent", "read", "contract", "contract"],
                "\"contract\" is a record kind, which goes in KIND, the third argument",
            ),
            (
                ["itam_agent", "read", "contract", "itam_admin"],
                "\"itam_admin\" is a role list, which goes in ROLES, the first argument",
            ),
        ] {
            let (status, out, err) = run_with(&line);
            assert_eq!((status, out.as_str()), (2, ""), "{line:?}");
            assert!(hint(&err).starts_with(said), "{line:?}: {err}");
            assert!(hint(&err).ends_with("ROLES ACTION KIND STATE [FLAG...]"));
        }
        // A flag given as a state, a state given as a flag.
        let (_, _, err) = run_with(&["itam_agent", "read", "contract", "assigned"]);
        assert!(hint(&err).starts_with("\"assigned\" is a flag"), "{err}");
        let (_, _, err) = run_with(&["itam_agent", "read", "contract", "draft", "valid"]);
        assert!(
            hint(&err).starts_with("\"valid\" is a state (of a contract)"),
            "{err}"
        );
        // A state of another kind: the kind's own states.
        let (_, _, err) = run_with(&["itam_agent", "read", "contract", "in_progress"]);
        assert_eq!(
            hint(&err),
            "the states of a contract: draft | approval | signing | valid | expired | terminated"
        );
        // An event of tasks on a record: what the record takes.
        let (_, _, err) = run_with(&["itam_agent", "postpone", "contract", "draft"]);
        assert!(
            hint(&err).starts_with("a contract takes the actions read | create | update | delete and the events send_for_approval"),
            "{err}"
        );
    }

    /// Before: a write error exited 2, "bad input"; a closed pipe panicked.
    #[test]
    fn write_errors_are_not_bad_input() {
        let line = args(&["itam_agent", "read", "inventory", "registered"]);
        let mut err = Vec::new();
        let (status, written) = run(&line, &mut Failing(io::ErrorKind::Other), &mut err);
        let written_err = written.as_ref().err().map(io::Error::kind);
        assert_eq!((status, written_err), (0, Some(io::ErrorKind::Other)));
        let mut said = Vec::new();
        assert_eq!(
            output::exit_status(status, &written, &mut said),
            output::WRITE_ERROR
        );
        assert!(String::from_utf8_lossy(&said).starts_with("error: cannot write the output"));
        // A closed pipe: quiet, with the decision's status (denied here).
        let denied = args(&["none", "read", "inventory", "registered"]);
        let (status, written) = run(&denied, &mut Failing(io::ErrorKind::BrokenPipe), &mut err);
        let mut said = Vec::new();
        assert_eq!(output::exit_status(status, &written, &mut said), 1);
        assert!(said.is_empty() && err.is_empty());
        // Bad input whose message cannot be written is still bad input.
        let (status, written) = run(
            &args(&["x"]),
            &mut Vec::new(),
            &mut Failing(io::ErrorKind::BrokenPipe),
        );
        assert_eq!(output::exit_status(status, &written, &mut said), 2);
    }

    /// One argument: a known name, a piece of a role list, a separator, random
    /// text or random bytes.
    fn argument() -> impl Strategy<Value = OsString> {
        let mut names: Vec<String> = Role::NAMES
            .iter()
            .chain(Action::NAMES)
            .chain(TaskKind::NAMES)
            .chain(TaskState::NAMES)
            .chain(TaskEvent::NAMES)
            .chain(RecordKind::NAMES)
            .chain(RecordEvent::NAMES)
            .chain(FLAGS.iter().map(|row| &row.1))
            .map(|name| (*name).to_owned())
            .collect();
        names.extend(
            RecordKind::ALL
                .iter()
                .flat_map(|&kind| for_kind(kind, StateNames))
                .map(str::to_owned),
        );
        names.extend(
            [
                "none",
                ",",
                "itam_agent,",
                ",itam_admin",
                "",
                " ",
                "-",
                "--",
                "--help",
            ]
            .map(str::to_owned),
        );
        prop_oneof![
            4 => proptest::sample::select(names).prop_map(OsString::from),
            1 => "\\PC{0,40}".prop_map(OsString::from),
            1 => "[a-z_, ;|]{0,60}".prop_map(OsString::from),
            1 => "[a-z_, ]{100,3000}".prop_map(OsString::from),
            1 => proptest::collection::vec(any::<u8>(), 0..24).prop_map(bytes),
        ]
    }

    #[cfg(unix)]
    fn bytes(bytes: Vec<u8>) -> OsString {
        use std::os::unix::ffi::OsStringExt;
        OsString::from_vec(bytes)
    }

    #[cfg(not(unix))]
    fn bytes(bytes: Vec<u8>) -> OsString {
        OsString::from(String::from_utf8_lossy(&bytes).into_owned())
    }

    proptest! {
        /// Hostile argument lists: never a panic; always the usage, a decision
        /// (status 0 or 1, the report on standard output) or bad input (status 2,
        /// one error on standard error, nothing on standard output).
        #[test]
        fn any_argument_list_is_a_decision_or_a_typed_error(
            line in proptest::collection::vec(argument(), 0..8)
        ) {
            let parsed = parse(&line);
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let (status, written) = run(&line, &mut out, &mut err);
            prop_assert!(written.is_ok());
            let (out, err) = (String::from_utf8_lossy(&out), String::from_utf8_lossy(&err));
            match parsed {
                Ok(Command::Help) => {
                    prop_assert_eq!(status, 0);
                    prop_assert!(out.starts_with("usage:") && err.is_empty());
                }
                Ok(Command::Explain(_)) => {
                    prop_assert!(status <= 1, "{} {}", status, err);
                    prop_assert!(err.is_empty());
                    prop_assert!(line_of(&out, "decision:") && line_of(&out, "code:"));
                }
                Err(problem) => {
                    prop_assert_eq!(status, 2);
                    prop_assert!(out.is_empty());
                    prop_assert!(err.starts_with(&format!("error: {problem}")), "{}", err);
                }
            }
        }
    }

    fn line_of(out: &str, label: &str) -> bool {
        line(out, label).is_some()
    }
}
