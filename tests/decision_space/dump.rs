//! The whole decision space, pinned: `tests/decision_space.txt` is what
//! `report::decision_space` renders now, byte for byte, and its digest is
//! `report::decision_space_digest` (`tests/decision_space/fingerprint.rs` pins it
//! with the policy revision). A change of any decision shows here first.
//!
//! After a deliberate change of policy: `UPDATE_DECISION_SPACE=1 cargo test --test
//! decision_space dump`, review the diff of the dump, then follow
//! `tests/decision_space/fingerprint.rs` (new fingerprint, revision and CHANGELOG
//! entry, together).
//!
//! The two renders (the text and the digest) take some fifteen seconds each in a
//! debug build; they are separate tests so that they run side by side.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use itam_rbac::records::transition_record;
use itam_rbac::records::{ContractState, Record, RecordEvent};
use itam_rbac::report;
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{can, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/decision_space.txt");

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn the_dump_is_the_checked_in_file() {
    let mut rendered = String::new();
    report::decision_space(&mut rendered).unwrap();
    if std::env::var_os("UPDATE_DECISION_SPACE").is_some_and(|v| v == "1") {
        std::fs::write(PATH, &rendered).unwrap();
    }
    let file = std::fs::read_to_string(PATH).unwrap_or_default();
    if rendered == file {
        return;
    }
    let mut differences = String::new();
    let (mut old, mut new) = (file.lines(), rendered.lines());
    let mut shown = 0;
    for number in 1.. {
        let (o, n) = (old.next(), new.next());
        if o.is_none() && n.is_none() {
            break;
        }
        if o != n {
            writeln!(
                differences,
                "line {number}:\n  file:     {}\n  rendered: {}",
                o.unwrap_or("<end>"),
                n.unwrap_or("<end>")
            )
            .unwrap();
            shown += 1;
            if shown == 10 {
                break;
            }
        }
    }
    panic!(
        "tests/decision_space.txt differs from report::decision_space() ({} lines in \
         the file, {} rendered); the first differences:\n{differences}\
         If the change of policy is deliberate, run `UPDATE_DECISION_SPACE=1 cargo test \
         --test decision_space`, review the diff, and update the fingerprint, the \
         revision and CHANGELOG.md together (tests/decision_space/fingerprint.rs)",
        file.lines().count(),
        rendered.lines().count()
    );
}

#[test]
fn the_digest_is_fnv1a_of_the_file() {
    let file = std::fs::read(PATH).unwrap();
    assert_eq!(
        fnv1a(&file),
        itam_rbac::report::decision_space_digest(),
        "FNV-1a of tests/decision_space.txt is the digest of the decision space \
         (pinned by revision in tests/decision_space/fingerprint.rs; \
         POLICY_FINGERPRINT is the walk over the tables)"
    );
}

// The format, read back: the lines of a few domains, parsed as the docs of
// `report::decision_space` say, give exactly the decisions.

const ME: u8 = 1;
const OTHER: u8 = 2;
const ASSIGNEE: &[&str] = &["self", "other", "none"];
const SUBMITTER: &[&str] = &["self", "other", "unknown"];
const CREATOR: &[&str] = &[
    "self",
    "other",
    "unknown",
    "system",
    "self+system",
    "other+system",
];
const BOOL: &[&str] = &["0", "1"];

/// The 232 role sets, in the dump's order.
fn role_sets() -> Vec<Roles> {
    let mut sets = vec![Roles::empty()];
    sets.extend(Role::ALL.iter().map(|role| role.bit()));
    for (i, a) in Role::ALL.iter().enumerate() {
        for b in &Role::ALL[i + 1..] {
            sets.push(a.bit() | b.bit());
        }
    }
    sets
}

/// The outcome of each role set, from the body of a line with a subject.
fn answers(body: &str) -> Vec<Option<String>> {
    let n = Role::ALL.len();
    let role = |name: &str| Role::ALL.iter().position(|r| r.name() == name).unwrap();
    let mut out: Vec<Option<String>> = vec![None; role_sets().len()];
    for group in body.split(" |") {
        let mut tokens = group.split(' ').filter(|t| !t.is_empty());
        let outcome = tokens.next().unwrap();
        let mut empty = false;
        let mut singles = vec![false; n];
        let mut exceptions = HashMap::new();
        for token in tokens {
            match token {
                "{}" => empty = true,
                "all" => singles.fill(true),
                _ if token.starts_with('~') => singles[role(&token[1..])] = false,
                _ if token.starts_with('+') || token.starts_with('-') => {
                    let (a, b) = token[1..].split_once('&').unwrap();
                    exceptions.insert((role(a), role(b)), token.starts_with('+'));
                }
                _ => singles[role(token)] = true,
            }
        }
        let mut members = vec![empty];
        members.extend(singles.iter().copied());
        for i in 0..n {
            for j in i + 1..n {
                let either = singles[i] || singles[j];
                members.push(*exceptions.get(&(i, j)).unwrap_or(&either));
            }
        }
        for (slot, member) in out.iter_mut().zip(members) {
            if member {
                assert!(slot.is_none(), "a role set in two groups: {body}");
                *slot = Some(outcome.to_owned());
            }
        }
    }
    out
}

/// The answers of every context the lines of `domain` on `target` cover, keyed by
/// `[verb, state, dimension values...]`, each context once; `dims` are the
/// dimensions' names and values.
fn read_domain(
    file: &str,
    (domain, target, verbs): (&str, &str, Option<&[&str]>),
    dims: &[(&str, &[&str])],
) -> HashMap<Vec<String>, Vec<Option<String>>> {
    let mut contexts = HashMap::new();
    for line in file.lines().filter(|line| !line.starts_with('#')) {
        let (head, body) = line.split_once(':').unwrap();
        let parts: Vec<&str> = head.split(' ').collect();
        if parts[0] != domain || parts[1] != target {
            continue;
        }
        if verbs.is_some_and(|verbs| !verbs.contains(&parts[2])) {
            continue;
        }
        let mut boxes = vec![vec![parts[2].to_owned(), parts[3].to_owned()]];
        for (part, (name, all)) in parts[4..].iter().zip(dims) {
            let (n, values) = part.split_once('=').unwrap();
            assert_eq!(n, *name, "{line}");
            let values: Vec<&str> = if values == "*" {
                all.to_vec()
            } else {
                values.split(',').collect()
            };
            boxes = boxes
                .into_iter()
                .flat_map(|context| {
                    values.iter().map(move |value| {
                        let mut context = context.clone();
                        context.push((*value).to_owned());
                        context
                    })
                })
                .collect();
        }
        let answers = answers(body);
        for context in boxes {
            let before = contexts.insert(context, answers.clone());
            assert!(before.is_none(), "a context on two lines: {line}");
        }
    }
    contexts
}

/// The ids a person dimension's values set: assignee, creator, marked system.
fn person(assignee: &str, creator: &str) -> (Option<u8>, Option<u8>, bool) {
    let id = |who: &str| match who {
        "self" => Some(ME),
        "other" => Some(OTHER),
        _ => None,
    };
    let (who, system) = creator.split_once('+').unwrap_or((creator, ""));
    let system = system == "system" || who == "system";
    (id(assignee), id(who), system)
}

fn task(kind: TaskKind, state: TaskState, assignee: &str, creator: &str) -> Task<u8> {
    let (assignee, creator, system) = person(assignee, creator);
    let mut task = Task::new(kind, state);
    task.assignee = assignee;
    task.creator = creator;
    task.created_by_system = system;
    task
}

/// Every context of `domain` asked again of the decision itself: what the lines
/// say, or a denial for every role set where no line covers it.
fn check(
    contexts: &HashMap<Vec<String>, Vec<Option<String>>>,
    asked: &[Vec<String>],
    ask: impl Fn(&[String], &Subject<u8>) -> Option<String>,
) {
    let subjects: Vec<Subject<u8>> = role_sets()
        .into_iter()
        .map(|roles| Subject::new(ME, roles))
        .collect();
    let denied = vec![None; subjects.len()];
    for context in asked {
        let expected: Vec<Option<String>> = subjects
            .iter()
            .map(|subject| ask(context, subject))
            .collect();
        let read = contexts.get(context).unwrap_or(&denied);
        assert_eq!(read, &expected, "the dump's answers at {context:?}");
    }
    let asked: HashSet<&Vec<String>> = asked.iter().collect();
    assert!(contexts.keys().all(|context| asked.contains(context)));
}

/// All combinations of `parts`, each a list of values.
fn product(parts: &[Vec<String>]) -> Vec<Vec<String>> {
    parts.iter().fold(vec![vec![]], |done, values| {
        done.iter()
            .flat_map(|context| {
                values.iter().map(move |value| {
                    let mut context = context.clone();
                    context.push(value.clone());
                    context
                })
            })
            .collect()
    })
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|&v| name(v).to_owned()).collect()
}

fn strings(all: &[&str]) -> Vec<String> {
    all.iter().map(|&v| v.to_owned()).collect()
}

#[test]
fn the_task_lines_read_back_to_can() {
    let file = std::fs::read_to_string(PATH).unwrap();
    for &kind in TaskKind::ALL {
        let dims = [("assignee", ASSIGNEE), ("creator", CREATOR)];
        let contexts = read_domain(&file, ("task", kind.name(), None), &dims);
        let asked = product(&[
            names(Action::ALL, Action::name),
            names(TaskState::ALL, TaskState::name),
            strings(ASSIGNEE),
            strings(CREATOR),
        ]);
        check(&contexts, &asked, |c, subject| {
            let action: Action = c[0].parse().unwrap();
            let task = task(kind, c[1].parse().unwrap(), &c[2], &c[3]);
            can(subject, action, &task).then(|| "allow".to_owned())
        });
    }
}

#[test]
fn the_workflow_lines_read_back_to_validate() {
    // One kind (it has a committee and requires approval), the two events of the
    // approvers: the lines with the most dimensions and groups.
    let file = std::fs::read_to_string(PATH).unwrap();
    let kind = TaskKind::Decommissioning;
    let flags: Vec<(&str, Relations)> = Relations::all().iter_names().collect();
    let lower: Vec<String> = flags.iter().map(|(n, _)| n.to_lowercase()).collect();
    let mut dims = vec![
        ("assignee", ASSIGNEE),
        ("creator", &CREATOR[..4]),
        ("submitter", SUBMITTER),
    ];
    dims.extend(lower.iter().map(|name| (name.as_str(), BOOL)));
    let approvals: &[&str] = &["approve", "reject"];
    let contexts = read_domain(&file, ("workflow", kind.name(), Some(approvals)), &dims);
    let mut parts = vec![
        names(&[TaskEvent::Approve, TaskEvent::Reject], TaskEvent::name),
        names(TaskState::ALL, TaskState::name),
        strings(ASSIGNEE),
        strings(&CREATOR[..4]),
        strings(SUBMITTER),
    ];
    parts.extend(flags.iter().map(|_| strings(BOOL)));
    check(&contexts, &product(&parts), |c, subject| {
        let event: TaskEvent = c[0].parse().unwrap();
        let mut task = task(kind, c[1].parse().unwrap(), &c[2], &c[3]);
        task.submitter = person(&c[4], "unknown").0;
        let relations = flags
            .iter()
            .zip(&c[5..])
            .filter(|(_, v)| *v == "1")
            .fold(Relations::empty(), |set, ((_, flag), _)| set | *flag);
        workflow::validate(subject, &task, relations, event)
            .ok()
            .map(|next| next.name().to_owned())
    });
}

#[test]
fn the_contract_event_lines_read_back_to_transition_record() {
    let file = std::fs::read_to_string(PATH).unwrap();
    let dims = [
        ("assignee", ASSIGNEE),
        ("creator", CREATOR),
        ("submitter", SUBMITTER),
        ("document", BOOL),
        ("all_approved", BOOL),
    ];
    let contexts = read_domain(&file, ("record_event", "contract", None), &dims);
    let asked = product(&[
        names(RecordEvent::ALL, RecordEvent::name),
        names(ContractState::ALL, ContractState::name),
        strings(ASSIGNEE),
        strings(CREATOR),
        strings(SUBMITTER),
        strings(BOOL),
        strings(BOOL),
    ]);
    check(&contexts, &asked, |c, subject| {
        let event: RecordEvent = c[0].parse().unwrap();
        let (assignee, creator, system) = person(&c[2], &c[3]);
        let mut record = Record::new(c[1].parse::<ContractState>().unwrap());
        record.assignee = assignee;
        record.creator = creator;
        record.created_by_system = system;
        record.submitter = person(&c[4], "unknown").0;
        record.has_document = c[5] == "1";
        record.all_approved = c[6] == "1";
        transition_record(subject, &record, event)
            .ok()
            .map(|next| next.name().to_owned())
    });
}
