//! The decision record (issue 13): every decision of the whole decision space, as
//! the decision-space dump walks it (232 role sets, every person relation, every
//! flag), becomes a record that validates against the checked-in JSON Schema
//! (with the `boon` validator) and reads back equal; a tampered record is refused
//! by both the schema and the reader.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::too_many_lines,
    reason = "tests"
)]

use std::collections::{BTreeSet, HashMap};

use itam_rbac::audit::{self, DecisionRecord, Domain};
use itam_rbac::lifecycle::{self, AssetEvent, AssetFlags, AssetState, ManualMove};
use itam_rbac::records::{
    check_record, check_record_event, transition_record, AssetStatus, BudgetState, ContractState,
    CostItemState, DemandState, NomenclatureState, PurchaseState, Record, RecordEvent, RecordState,
};
use itam_rbac::workflow::{self, Relations, TaskEvent, TaskFields};
use itam_rbac::{
    can, check, explain, Action, AllowReason, DenyReason, Role, Roles, Subject, Task, TaskKind,
    TaskState, POLICY_FINGERPRINT, POLICY_REVISION,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const SCHEMA_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../schema/decision-record.schema.json"
);

/// The 232 role sets of the dump: none, each role, each pair.
fn subjects() -> Vec<Subject<u8>> {
    let mut sets = vec![Roles::empty()];
    for (i, &a) in Role::ALL.iter().enumerate() {
        sets.push(Roles::from(a));
        for &b in &Role::ALL[i + 1..] {
            sets.push(Roles::from(a) | Roles::from(b));
        }
    }
    sets.sort_by_key(|roles| roles.bits().count_ones());
    assert_eq!(sets.len(), 232);
    sets.into_iter()
        .map(|roles| Subject::new(1, roles))
        .collect()
}

/// The people around a task from the subject's point of view (it is 1): assignee
/// self, other or none; creator self, other, unknown or the system; submitter self,
/// other or unknown.
fn tasks(kind: TaskKind, state: TaskState) -> Vec<Task<u8>> {
    let mut all = Vec::new();
    for assignee in [None, Some(1), Some(2)] {
        for creator in [None, Some(1), Some(2), Some(0)] {
            for submitter in [None, Some(1), Some(2)] {
                let mut task = Task::new(kind, state);
                if let Some(id) = assignee {
                    task = task.assigned_to(id);
                }
                match creator {
                    Some(0) => task = task.created_by_system(),
                    Some(id) => task = task.created_by(id),
                    None => {}
                }
                if let Some(id) = submitter {
                    task = task.submitted_by(id);
                }
                all.push(task);
            }
        }
    }
    all
}

/// The same people around a record, with its three flags.
fn records<S: RecordState>(state: S) -> Vec<Record<S, u8>> {
    let mut all = Vec::new();
    for assignee in [None, Some(1), Some(2)] {
        for creator in [None, Some(1), Some(2), Some(0)] {
            for submitter in [None, Some(1), Some(2)] {
                for flags in 0..4 {
                    let mut record = Record::new(state);
                    if let Some(id) = assignee {
                        record = record.assigned_to(id);
                    }
                    match creator {
                        Some(0) => record = record.created_by_system(),
                        Some(id) => record = record.created_by(id),
                        None => {}
                    }
                    if let Some(id) = submitter {
                        record = record.submitted_by(id);
                    }
                    if flags & 1 != 0 {
                        record = record.with_document();
                    }
                    if flags & 2 != 0 {
                        record = record.all_approved();
                    }
                    all.push(record);
                }
            }
        }
    }
    all
}

/// None, each flag alone, all of them: as the dump asks a flag dimension.
fn one_flag_at_a_time<F: bitflags::Flags + Copy>() -> Vec<F> {
    let mut all = vec![F::empty()];
    all.extend(F::FLAGS.iter().map(|flag| *flag.value()));
    all.push(F::all());
    all
}

/// Every distinct record the walk met, with how many decisions gave it.
#[derive(Default)]
struct Seen {
    records: HashMap<DecisionRecord, u64>,
    decisions: u64,
}

impl Seen {
    fn add(&mut self, record: DecisionRecord) {
        *self.records.entry(record).or_default() += 1;
        self.decisions += 1;
    }
}

fn walk_tasks(seen: &mut Seen, subjects: &[Subject<u8>]) {
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let tasks = tasks(kind, state);
            for subject in subjects {
                for task in &tasks {
                    for &action in Action::ALL {
                        let decision = explain(subject, action, task);
                        let record = DecisionRecord::from(decision);
                        assert_eq!(record.is_allowed(), can(subject, action, task));
                        assert_eq!(record.code(), decision.code());
                        assert_eq!(record.state(), Some(state.name()));
                        seen.add(record);
                    }
                    for bits in 1..=TaskFields::all().bits() {
                        let fields = TaskFields::from_bits_truncate(bits);
                        let result = workflow::check_edit(subject, task, fields);
                        let record = match result {
                            Ok(allowed) => DecisionRecord::from(allowed),
                            Err(denied) => DecisionRecord::from(denied),
                        };
                        assert_eq!(
                            record.is_allowed(),
                            workflow::can_edit(subject, task, fields)
                        );
                        seen.add(record);
                    }
                }
            }
        }
    }
}

fn walk_workflow(seen: &mut Seen, subjects: &[Subject<u8>]) {
    let relations = one_flag_at_a_time::<Relations>();
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let tasks = tasks(kind, state);
            for subject in subjects {
                for task in &tasks {
                    for &event in TaskEvent::ALL {
                        for &rel in &relations {
                            let result = workflow::check_event(subject, task, rel, event);
                            assert_eq!(
                                result.map(|allowed| allowed.next()),
                                workflow::validate(subject, task, rel, event)
                            );
                            let record = match result {
                                Ok(allowed) => DecisionRecord::from(allowed),
                                Err(err) => DecisionRecord::from(err),
                            };
                            seen.add(record);
                        }
                    }
                }
            }
        }
    }
}

fn walk_record_kind<S: RecordState>(seen: &mut Seen, subjects: &[Subject<u8>]) {
    for &state in S::STATES {
        let records = records(state);
        for subject in subjects {
            for record in &records {
                for &action in Action::ALL {
                    let result = check_record(subject, action, record);
                    let audit = DecisionRecord::record(subject, action, record);
                    assert_eq!(audit.is_allowed(), result.is_ok());
                    if let Err(denied) = result {
                        assert_eq!(audit, DecisionRecord::from(denied));
                    }
                    assert_eq!(audit.kind(), S::KIND.name());
                    seen.add(audit);
                }
                for &event in RecordEvent::ALL {
                    let result = check_record_event(subject, record, event);
                    assert_eq!(
                        result.map(|allowed| allowed.next()),
                        transition_record(subject, record, event)
                    );
                    let audit = match result {
                        Ok(allowed) => DecisionRecord::from(allowed),
                        Err(err) => DecisionRecord::from(err),
                    };
                    seen.add(audit);
                }
            }
        }
    }
}

fn walk_records(seen: &mut Seen, subjects: &[Subject<u8>]) {
    walk_record_kind::<ContractState>(seen, subjects);
    walk_record_kind::<PurchaseState>(seen, subjects);
    walk_record_kind::<DemandState>(seen, subjects);
    walk_record_kind::<BudgetState>(seen, subjects);
    walk_record_kind::<CostItemState>(seen, subjects);
    walk_record_kind::<NomenclatureState>(seen, subjects);
    walk_record_kind::<AssetStatus>(seen, subjects);
}

fn walk_assets(seen: &mut Seen, subjects: &[Subject<u8>]) {
    let flags = one_flag_at_a_time::<AssetFlags>();
    for &kind in TaskKind::ALL {
        let record = DecisionRecord::asset_create(kind);
        assert_eq!(record.is_allowed(), lifecycle::create(kind).is_ok());
        seen.add(record);
        for &state in AssetState::ALL {
            for &flag in &flags {
                let record = DecisionRecord::asset_accepts(kind, state, flag);
                assert_eq!(
                    record.is_allowed(),
                    lifecycle::accepts(kind, state, flag).is_ok()
                );
                seen.add(record);
            }
            for &event in AssetEvent::ALL {
                let record = DecisionRecord::asset_transition(state, kind, event);
                let result = lifecycle::transition(state, kind, event);
                assert_eq!(record.is_allowed(), result.is_ok());
                if let Err(err) = result {
                    assert_eq!(record, DecisionRecord::from(err));
                }
                seen.add(record);
            }
        }
    }
    for &action in ManualMove::ALL {
        for &state in AssetState::ALL {
            for &flag in &flags {
                let record = DecisionRecord::asset_system_move(state, flag, action);
                let result = lifecycle::system_move(state, flag, action);
                assert_eq!(record.is_allowed(), result.is_ok());
                if let Err(err) = result {
                    assert_eq!(
                        record,
                        DecisionRecord::from(err),
                        "From knows the system's move"
                    );
                }
                seen.add(record);
                for subject in subjects {
                    let result = lifecycle::move_asset(subject, state, flag, action);
                    let record = DecisionRecord::asset_move(subject, state, flag, action);
                    assert_eq!(record.is_allowed(), result.is_ok());
                    if let Err(err) = result {
                        assert_eq!(record, DecisionRecord::from(err));
                    }
                    if record.is_allowed() {
                        // The role of the move, which the user holds.
                        assert!(!record.roles().is_empty(), "{record:?}");
                        assert!(subject.effective().contains(record.roles()), "{record:?}");
                    }
                    seen.add(record);
                }
            }
        }
    }
}

/// The whole walk, once for the process: it is the costly part.
fn walk() -> &'static Seen {
    static SEEN: std::sync::OnceLock<Seen> = std::sync::OnceLock::new();
    SEEN.get_or_init(|| {
        let subjects = subjects();
        let mut seen = Seen::default();
        walk_tasks(&mut seen, &subjects);
        walk_workflow(&mut seen, &subjects);
        walk_records(&mut seen, &subjects);
        walk_assets(&mut seen, &subjects);
        seen
    })
}

fn schema_text() -> String {
    let mut text = String::new();
    audit::write_json_schema(&mut text).unwrap();
    text
}

/// The checked-in schema, compiled.
fn validator() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(SCHEMA_PATH).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("decision-record.schema.json", schema)
        .unwrap();
    let index = compiler
        .compile("decision-record.schema.json", &mut schemas)
        .unwrap();
    (schemas, index)
}

#[test]
fn the_checked_in_schema_is_the_one_the_crate_writes() {
    let text = schema_text();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(SCHEMA_PATH, &text).unwrap();
    }
    let file = std::fs::read_to_string(SCHEMA_PATH).unwrap();
    assert!(
        file == text,
        "schema/decision-record.schema.json is stale: run UPDATE_SCHEMA=1 cargo test -p itam-rbac-hosts --test audit"
    );
    // It is JSON, and a schema of draft 2020-12 (the validator compiles it).
    let _ = validator();
}

#[test]
fn every_decision_of_the_space_validates_and_reads_back_equal() {
    let seen = walk();
    let (schemas, index) = validator();
    let mut codes = BTreeSet::new();
    let mut domains = BTreeSet::new();
    for record in seen.records.keys() {
        let value = serde_json::to_value(record).unwrap();
        if let Err(err) = schemas.validate(&value, index) {
            panic!("{value} does not validate: {err}");
        }
        let text = serde_json::to_string(record).unwrap();
        let back: DecisionRecord = serde_json::from_str(&text).unwrap();
        assert_eq!(&back, record, "{text}");
        assert_eq!(record.revision(), POLICY_REVISION);
        assert_eq!(record.fingerprint(), POLICY_FINGERPRINT);
        codes.insert(record.code());
        domains.insert(record.domain());
    }
    // Every domain gave records, and every code but the two retired ones (4 and 15)
    // is given by some decision.
    assert_eq!(domains.len(), Domain::ALL.len());
    let expected: BTreeSet<u8> = AllowReason::ALL
        .iter()
        .map(|r| r.code())
        .chain(DenyReason::ALL.iter().map(|r| r.code()))
        .filter(|code| ![4, 15].contains(code))
        .collect();
    assert_eq!(codes, expected);
    eprintln!(
        "{} decisions, {} distinct records, {} codes",
        seen.decisions,
        seen.records.len(),
        codes.len()
    );
    assert!(seen.decisions > 50_000_000, "{}", seen.decisions);
    // README.md says how many.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let said = format!(
        "({} decisions, {} distinct records)",
        thousands(seen.decisions),
        thousands(seen.records.len() as u64)
    );
    assert!(readme.contains(&said), "README.md should say {said}");
}

/// `n` with a comma every three digits.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A change made to a record's JSON.
type Tamper = Box<dyn Fn(&mut Value)>;

/// One allowed task update's record.
fn sample_record() -> DecisionRecord {
    let subject = Subject::new(7_u32, Role::OperationSpecialist);
    let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(7);
    DecisionRecord::from(check(&subject, Action::Update, &task).unwrap())
}

/// Its JSON, to tamper with.
fn sample() -> Value {
    serde_json::to_value(sample_record()).unwrap()
}

#[test]
fn the_shape_is_the_documented_one() {
    assert_eq!(
        sample(),
        json!({
            "allowed": true,
            "code": 2,
            "reason": "assigned_user",
            "message": "the user holds the role and is the assigned user",
            "domain": "task",
            "action": "update",
            "kind": "maintenance",
            "state": "in_progress",
            "roles": ["itam_operation_specialist"],
            "policy": {"revision": POLICY_REVISION, "fingerprint": format!("{POLICY_FINGERPRINT:#018x}")}
        })
    );
    // The accessors say the same.
    let record = sample_record();
    assert!(record.is_allowed());
    assert_eq!(
        record.verdict(),
        audit::Verdict::Allow(AllowReason::AssignedUser)
    );
    assert_eq!((record.code(), record.reason()), (2, "assigned_user"));
    assert_eq!(record.message(), AllowReason::AssignedUser.describe());
    assert_eq!(record.domain(), Domain::Task);
    assert_eq!(
        (record.action(), record.kind(), record.state()),
        ("update", "maintenance", Some("in_progress"))
    );
    assert_eq!(record.roles(), Roles::OPERATION_SPECIALIST);
    assert_eq!(
        (record.revision(), record.fingerprint()),
        (POLICY_REVISION, POLICY_FINGERPRINT)
    );
    // The members in the documented order.
    let text = serde_json::to_string(&sample_record()).unwrap();
    let order = [
        "allowed", "code", "reason", "message", "domain", "action", "kind", "state", "roles",
        "policy",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|member| text.find(&format!("\"{member}\"")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
}

/// Reads `value` back, or says why not.
fn read(value: &Value) -> Result<DecisionRecord, String> {
    serde_json::from_value::<DecisionRecord>(value.clone()).map_err(|err| err.to_string())
}

#[test]
fn revision_2_in_the_earlier_fingerprint_format_still_reads() {
    // Builds before the fingerprint was hashed from the tables logged the digest of
    // the dump; their decisions are this build's.
    let mut old = sample();
    old["policy"] = json!({"revision": 2, "fingerprint": "0xe5026b9a3dd1a4e4"});
    let record = read(&old).unwrap();
    assert_eq!(record.revision(), 2);
    assert_eq!(record.fingerprint(), 0xe502_6b9a_3dd1_a4e4);
    assert_eq!(record.code(), 2);
    assert!(audit::EARLIER_FINGERPRINTS.contains(&(2, 0xe502_6b9a_3dd1_a4e4)));
    // The schema says the same.
    let (schemas, index) = validator();
    assert!(schemas.validate(&old, index).is_ok());
}

/// The reader reads only what a policy revision of a build that writes records can
/// produce (issue 20): each of these was read back before.
#[test]
fn the_reader_refuses_records_no_policy_revision_produces() {
    let (schemas, index) = validator();
    let policy = |value: &mut Value, revision: u32, fingerprint: &str| {
        value["policy"] = json!({"revision": revision, "fingerprint": fingerprint});
    };
    let allow = |value: &mut Value, reason: AllowReason| {
        value["allowed"] = json!(true);
        value["code"] = json!(reason.code());
        value["reason"] = json!(reason.name());
        value["message"] = json!(reason.describe());
    };
    let cases: Vec<(&str, Tamper, bool)> = vec![
        (
            "an allowed delete of a task",
            Box::new(|v| v["action"] = json!("delete")),
            false,
        ),
        (
            "an allowed delete of a record",
            Box::new(move |v| {
                v["domain"] = json!("record");
                v["action"] = json!("delete");
                v["kind"] = json!("demand");
                v["state"] = json!("registered");
                v["roles"] = json!(["itam_demand_manager"]);
                allow(v, AllowReason::HoldsRole);
            }),
            false,
        ),
        (
            "code 7 on a task",
            Box::new(move |v| allow(v, AllowReason::StateAllows)),
            false,
        ),
        (
            "the retired code 4",
            Box::new(move |v| allow(v, AllowReason::BeforeCompleted)),
            false,
        ),
        (
            "an allow whose roles name no rule",
            Box::new(|v| v["roles"] = json!(["itam_contract_approver"])),
            false,
        ),
        (
            "an allow naming no roles",
            Box::new(|v| v["roles"] = json!([])),
            false,
        ),
        (
            "a denial no question gives (four eyes on a task update)",
            Box::new(|v| {
                v["allowed"] = json!(false);
                v["code"] = json!(21);
                v["reason"] = json!("four_eyes");
                v["message"] = json!(DenyReason::FourEyes.describe());
            }),
            false,
        ),
        (
            "revision 999",
            Box::new(move |v| policy(v, 999, &format!("{POLICY_FINGERPRINT:#018x}"))),
            true,
        ),
        (
            "revision 2 with another fingerprint",
            Box::new(move |v| policy(v, 2, "0x0123456789abcdef")),
            true,
        ),
        (
            "revision 2 with revision 1's fingerprint",
            Box::new(move |v| policy(v, 2, "0xf2e3532e3d7e7e8a")),
            true,
        ),
        (
            "revision 1 (no build wrote decision records of it)",
            Box::new(move |v| policy(v, 1, "0xf2e3532e3d7e7e8a")),
            true,
        ),
    ];
    for (what, tamper, schema_too) in &cases {
        let mut value = sample();
        tamper(&mut value);
        let said = read(&value).err();
        assert!(said.is_some(), "the reader takes {what}: {value}");
        let said = said.unwrap();
        let expected = if *schema_too {
            "wrote no decision record"
        } else {
            "no decision of policy revision 2 gives this record"
        };
        assert!(said.contains(expected), "{what}: {said}");
        if *schema_too {
            assert!(
                schemas.validate(&value, index).is_err(),
                "the schema takes {what}: {value}"
            );
        }
    }
}

/// A whole number is the same number however JSON writes it: the schema's
/// `integer` takes `2.0`, and so does the reader; neither takes `2.5` (issue 20:
/// the reader refused `2.0`).
#[test]
fn the_schema_and_the_reader_agree_on_integers() {
    let (schemas, index) = validator();
    let text = serde_json::to_string(&sample_record()).unwrap();
    let cases = [
        ("\"code\":2,", "\"code\":2.0,", true),
        ("\"code\":2,", "\"code\":2e0,", true),
        ("\"code\":2,", "\"code\":0.2e1,", true),
        ("\"code\":2,", "\"code\":2.5,", false),
        ("\"code\":2,", "\"code\":-2,", false),
        ("\"code\":2,", "\"code\":258,", false),
        ("\"code\":2,", "\"code\":\"2\",", false),
        ("\"revision\":2,", "\"revision\":2.0,", true),
        ("\"revision\":2,", "\"revision\":4294967298,", false),
        ("\"revision\":2,", "\"revision\":1e400,", false),
    ];
    // What the reader says of a number of the wrong type.
    let said =
        serde_json::from_str::<DecisionRecord>(&text.replacen("\"code\":2,", "\"code\":true,", 1))
            .unwrap_err()
            .to_string();
    assert!(said.contains("expected a whole number for code"), "{said}");
    for (from, to, reads) in cases {
        assert!(text.contains(from), "{text}");
        let edited = text.replacen(from, to, 1);
        let by_reader = serde_json::from_str::<DecisionRecord>(&edited);
        assert_eq!(by_reader.is_ok(), reads, "{edited}: {by_reader:?}");
        if let Ok(value) = serde_json::from_str::<Value>(&edited) {
            assert_eq!(
                schemas.validate(&value, index).is_ok(),
                reads,
                "the schema and the reader disagree on {to}"
            );
        }
        if let Ok(record) = by_reader {
            assert_eq!(record, sample_record());
        }
    }
}

/// The constructors decide, so they cannot build what no decision gives (issue 20:
/// `DecisionRecord::record(state, Action::Delete, &Ok(..))` built an allowed
/// delete).
#[test]
fn the_constructors_decide_what_they_record() {
    for subject in subjects() {
        let demand = Record::new(DemandState::Registered).created_by(2);
        let record = DecisionRecord::record(&subject, Action::Delete, &demand);
        assert!(!record.is_allowed());
        assert_eq!(record.code(), DenyReason::DeleteNeverGranted.code());
        let read = DecisionRecord::record(&subject, Action::Read, &demand);
        assert_eq!(
            read.is_allowed(),
            check_record(&subject, Action::Read, &demand).is_ok()
        );
        // A system's move refused reads as the system's, never as a person's.
        let refused = lifecycle::system_move(
            AssetState::InUse,
            AssetFlags::empty(),
            ManualMove::MoveOutOfOperation,
        )
        .unwrap_err();
        let record = DecisionRecord::from(refused);
        assert_eq!(record.domain(), Domain::AssetSystemMove);
        assert_eq!(record.code(), DenyReason::PersonMove.code());
        assert_eq!(
            record,
            DecisionRecord::asset_system_move(
                AssetState::InUse,
                AssetFlags::empty(),
                ManualMove::MoveOutOfOperation
            )
        );
    }
}

#[test]
fn a_tampered_record_is_refused_by_the_schema_and_the_reader() {
    let (schemas, index) = validator();
    let tampers: Vec<(&str, Tamper)> = vec![
        ("code of another reason", Box::new(|v| v["code"] = json!(3))),
        ("code of no reason", Box::new(|v| v["code"] = json!(99))),
        ("allowed flipped", Box::new(|v| v["allowed"] = json!(false))),
        (
            "reason of a denial",
            Box::new(|v| v["reason"] = json!("four_eyes")),
        ),
        (
            "unknown reason",
            Box::new(|v| v["reason"] = json!("because")),
        ),
        (
            "message edited",
            Box::new(|v| v["message"] = json!("the user may")),
        ),
        (
            "message of another reason",
            Box::new(|v| v["message"] = json!(DenyReason::FourEyes.describe())),
        ),
        ("unknown domain", Box::new(|v| v["domain"] = json!("tasks"))),
        (
            "domain of another shape",
            Box::new(|v| v["domain"] = json!("workflow")),
        ),
        ("unknown action", Box::new(|v| v["action"] = json!("erase"))),
        (
            "kind of records",
            Box::new(|v| v["kind"] = json!("contract")),
        ),
        (
            "state of assets",
            Box::new(|v| v["state"] = json!("storage/available")),
        ),
        ("no state", Box::new(|v| v["state"] = Value::Null)),
        (
            "unknown role",
            Box::new(|v| v["roles"] = json!(["itam_superuser"])),
        ),
        (
            "role twice",
            Box::new(|v| v["roles"] = json!(["itam_agent", "itam_agent"])),
        ),
        (
            "roles not a list",
            Box::new(|v| v["roles"] = json!("itam_agent")),
        ),
        (
            "fingerprint upper case",
            Box::new(|v| v["policy"]["fingerprint"] = json!("0xE5026B9A3DD1A4E4")),
        ),
        (
            "fingerprint short",
            Box::new(|v| v["policy"]["fingerprint"] = json!("0xe5026b9a")),
        ),
        (
            "fingerprint a number",
            Box::new(|v| v["policy"]["fingerprint"] = json!(1)),
        ),
        (
            "revision 0",
            Box::new(|v| v["policy"]["revision"] = json!(0)),
        ),
        (
            "revision negative",
            Box::new(|v| v["policy"]["revision"] = json!(-1)),
        ),
        (
            "policy member added",
            Box::new(|v| v["policy"]["by"] = json!("me")),
        ),
        (
            "policy member missing",
            Box::new(|v| {
                v["policy"].as_object_mut().unwrap().remove("revision");
            }),
        ),
        ("member added", Box::new(|v| v["user"] = json!(7))),
        (
            "member missing",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("roles");
            }),
        ),
        ("not an object", Box::new(|v| *v = json!([1, 2]))),
    ];
    let good = sample();
    assert!(schemas.validate(&good, index).is_ok());
    assert!(serde_json::from_value::<DecisionRecord>(good.clone()).is_ok());
    for (what, tamper) in &tampers {
        let mut value = good.clone();
        tamper(&mut value);
        assert!(
            schemas.validate(&value, index).is_err(),
            "the schema takes a record with {what}: {value}"
        );
        assert!(
            serde_json::from_value::<DecisionRecord>(value.clone()).is_err(),
            "the reader takes a record with {what}: {value}"
        );
    }
    // A member given twice (JSON text only: a Value cannot hold it).
    let text = serde_json::to_string(&good).unwrap();
    let twice = text.replacen("\"code\":2,", "\"code\":2,\"code\":2,", 1);
    assert!(serde_json::from_str::<DecisionRecord>(&twice).is_err());
}

#[test]
fn the_record_of_a_record_event_names_its_kind_and_states() {
    let approver = Subject::new(5_u32, [Role::Agent, Role::DemandApprover]);
    let demand = Record::new(DemandState::PendingApproval)
        .created_by(1)
        .submitted_by(1);
    let record =
        DecisionRecord::from(check_record_event(&approver, &demand, RecordEvent::Approve).unwrap());
    let value = serde_json::to_value(record).unwrap();
    assert_eq!(value["domain"], "record_event");
    assert_eq!(value["kind"], "demand");
    assert_eq!(value["state"], "pending_approval");
    assert_eq!(value["reason"], "approver");
    assert_eq!(value["code"], 6);
    // The same record kind's state names only: a demand has no "active" state.
    let mut wrong = value.clone();
    wrong["state"] = json!("active");
    assert!(serde_json::from_value::<DecisionRecord>(wrong).is_err());
}

/// README.md's audit line is what `host_guard` writes for user 11 (an operation
/// specialist) editing the priority of maintenance task 1, assigned to user 10.
#[test]
fn the_readme_shows_a_real_audit_line() {
    let user = Subject::new(11_u64, Role::OperationSpecialist);
    let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(10);
    let result = workflow::check_edit(&user, &task, TaskFields::PRIORITY);
    let record = result.map_or_else(DecisionRecord::from, DecisionRecord::from);
    let line = format!(
        r#"{{"user":11,"task":1,"decision":{}}}"#,
        serde_json::to_string(&record).unwrap()
    );
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let (begin, end) = (
        "<!-- audit-line:begin -->\n```json\n",
        "\n```\n<!-- audit-line:end -->",
    );
    let start = readme.find(begin).unwrap() + begin.len();
    let stop = readme.find(end).unwrap();
    assert_eq!(readme[start..stop], line);
}

/// Every decision and error type serializes as its record.
#[test]
fn every_decision_and_error_type_serializes_as_its_record() {
    fn same<T: serde::Serialize + Copy>(value: T)
    where
        DecisionRecord: From<T>,
    {
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string(&DecisionRecord::from(value)).unwrap()
        );
    }
    let specialist = Subject::new(7_u32, Role::OperationSpecialist);
    let task = Task::new(TaskKind::Maintenance, TaskState::Registered).assigned_to(7);
    same(check(&specialist, Action::Update, &task).unwrap());
    same(check(&specialist, Action::Delete, &task).unwrap_err());
    same(explain(&specialist, Action::Read, &task));
    same(
        workflow::check_event(&specialist, &task, Relations::empty(), TaskEvent::StartWork)
            .unwrap(),
    );
    same(
        workflow::check_event(&specialist, &task, Relations::empty(), TaskEvent::Approve)
            .unwrap_err(),
    );
    let demand = Record::new(DemandState::Registered).created_by(1);
    same(check_record(&specialist, Action::Update, &demand).unwrap_err());
    let manager = Subject::new(7_u32, Role::DemandManager);
    same(check_record_event(&manager, &demand, RecordEvent::StartWork).unwrap());
    same(check_record_event(&specialist, &demand, RecordEvent::StartWork).unwrap_err());
    same(lifecycle::create(TaskKind::Allocation).unwrap_err());
    same(
        lifecycle::accepts(
            TaskKind::Registration,
            AssetState::InUse,
            AssetFlags::empty(),
        )
        .unwrap_err(),
    );
    same(
        lifecycle::transition(AssetState::InUse, TaskKind::Registration, AssetEvent::Add)
            .unwrap_err(),
    );
    same(
        lifecycle::move_asset(
            &Subject::new(7_u32, Role::Agent),
            AssetState::InUse,
            AssetFlags::empty(),
            ManualMove::MoveOutOfOperation,
        )
        .unwrap_err(),
    );
}

/// The reader says what was wrong.
#[test]
fn the_reader_says_what_was_wrong() {
    let error = |change: &dyn Fn(&mut Value)| {
        let mut value = sample();
        change(&mut value);
        serde_json::from_value::<DecisionRecord>(value)
            .unwrap_err()
            .to_string()
    };
    let said = error(&|v| v["code"] = json!(3));
    assert!(said.contains("not one row of the code table"), "{said}");
    let said = error(&|v| v["state"] = json!(7));
    assert!(said.contains("expected a state name"), "{said}");
    let said = error(&|v| v["kind"] = json!("contract"));
    assert!(said.contains("not one of the task domain's"), "{said}");
    let said = error(&|v| v["reason"] = json!("because"));
    assert!(said.contains("unknown reason"), "{said}");
    let said = error(&|v| v["policy"] = json!("revision 2"));
    assert!(
        said.contains("expected the policy's revision and fingerprint"),
        "{said}"
    );
    let said = error(&|v| *v = json!(7));
    assert!(
        said.contains("expected an itam-rbac decision record"),
        "{said}"
    );
    let said = error(&|v| v["policy"]["fingerprint"] = json!("0x1"));
    assert!(said.contains("unknown fingerprint"), "{said}");
}

// ---------------------------------------------------------------------------
// Hostile records, generated at random (issue 20): every one is refused, or reads
// back as a record the crate builds.

/// Every record the walk met, in a fixed order, as JSON.
fn built() -> &'static Vec<Value> {
    static BUILT: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let mut all: Vec<String> = walk()
            .records
            .keys()
            .map(|record| serde_json::to_string(record).unwrap())
            .collect();
        all.sort();
        all.iter()
            .map(|text| serde_json::from_str(text).unwrap())
            .collect()
    })
}

/// Every name a member may take, of any domain, and a few that are none.
fn names() -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let mut add = |names: &[&str]| all.extend(names.iter().map(|name| (*name).to_owned()));
    add(Action::NAMES);
    add(TaskEvent::NAMES);
    add(RecordEvent::NAMES);
    add(ManualMove::NAMES);
    add(TaskKind::NAMES);
    add(TaskState::NAMES);
    add(itam_rbac::records::RecordKind::NAMES);
    add(Domain::NAMES);
    add(&[
        "create", "accepts", "asset", "", "Update", "delete ", "task",
    ]);
    all.extend(AssetEvent::ALL.iter().map(|e| e.qualified().to_owned()));
    all.extend(AssetState::ALL.iter().map(|s| s.qualified().to_owned()));
    for state in ContractState::STATES {
        all.push(state.state_name().to_owned());
    }
    for state in AssetStatus::STATES {
        all.push(state.state_name().to_owned());
    }
    for state in DemandState::STATES {
        all.push(state.state_name().to_owned());
    }
    all
}

/// One change to a record's JSON.
#[derive(Debug, Clone)]
enum Change {
    /// A string member set to a name.
    Name(&'static str, usize),
    /// `allowed`, `code`, `reason` and `message` set to one row of the code table.
    Row(usize),
    /// One of those four set alone, to another row's.
    Part(usize, usize),
    /// The roles set to these role indices (and an unknown name at 99).
    Roles(Vec<usize>),
    /// The state set to null.
    NoState,
    /// The policy set to one of a few pairs.
    Policy(usize),
    /// A number member set to a number.
    Number(&'static str, f64),
}

fn change() -> impl Strategy<Value = Change> {
    let members = prop::sample::select(vec!["domain", "action", "kind", "state"]);
    prop_oneof![
        4 => (members, 0..200_usize).prop_map(|(m, i)| Change::Name(m, i)),
        2 => (0..40_usize).prop_map(Change::Row),
        1 => (0..4_usize, 0..40_usize).prop_map(|(m, i)| Change::Part(m, i)),
        2 => prop::collection::vec(prop_oneof![0..21_usize, Just(99)], 0..4).prop_map(Change::Roles),
        1 => Just(Change::NoState),
        1 => (0..6_usize).prop_map(Change::Policy),
        1 => (prop::sample::select(vec!["code", "revision"]), prop_oneof![(0..50_i32).prop_map(f64::from), any::<f64>()])
            .prop_map(|(m, v)| Change::Number(m, v)),
    ]
}

fn apply(value: &mut Value, change: &Change, names: &[String]) {
    let rows: Vec<(bool, u8, &str, &str)> = AllowReason::ALL
        .iter()
        .map(|r| (true, r.code(), r.name(), r.describe()))
        .chain(
            DenyReason::ALL
                .iter()
                .map(|r| (false, r.code(), r.name(), r.describe())),
        )
        .collect();
    match change {
        Change::Name(member, i) => value[*member] = json!(names[i % names.len()]),
        Change::Row(i) => {
            let (allowed, code, reason, message) = rows[i % rows.len()];
            value["allowed"] = json!(allowed);
            value["code"] = json!(code);
            value["reason"] = json!(reason);
            value["message"] = json!(message);
        }
        Change::Part(member, i) => {
            let (allowed, code, reason, message) = rows[i % rows.len()];
            match member {
                0 => value["allowed"] = json!(allowed),
                1 => value["code"] = json!(code),
                2 => value["reason"] = json!(reason),
                _ => value["message"] = json!(message),
            }
        }
        Change::Roles(indices) => {
            let roles: Vec<&str> = indices
                .iter()
                .map(|&i| Role::NAMES.get(i).copied().unwrap_or("itam_root"))
                .collect();
            value["roles"] = json!(roles);
        }
        Change::NoState => value["state"] = Value::Null,
        Change::Policy(i) => {
            let pairs = [
                (POLICY_REVISION, format!("{POLICY_FINGERPRINT:#018x}")),
                (2, "0xe5026b9a3dd1a4e4".to_owned()),
                (1, "0xf2e3532e3d7e7e8a".to_owned()),
                (999, format!("{POLICY_FINGERPRINT:#018x}")),
                (2, "0x0000000000000000".to_owned()),
                (3, "0xe5026b9a3dd1a4e4".to_owned()),
            ];
            let (revision, fingerprint) = &pairs[i % pairs.len()];
            value["policy"] = json!({"revision": revision, "fingerprint": fingerprint});
        }
        Change::Number(member, number) => {
            let number = serde_json::Number::from_f64(*number).map_or(Value::Null, Value::Number);
            if *member == "code" {
                value["code"] = number;
            } else {
                value["policy"]["revision"] = number;
            }
        }
    }
}

proptest! {
    // 4,000 cases; PROPTEST_CASES sets fewer for mutation testing.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(4000),
        ..ProptestConfig::default()
    })]

    /// A record the crate built, changed at random: refused with an error, or read
    /// back as a record the crate builds (its policy this build's), which the schema
    /// takes and which writes back as the same JSON.
    #[test]
    fn hostile_records_are_refused_or_are_records_the_crate_builds(
        base in 0..100_000_usize,
        changes in prop::collection::vec(change(), 0..4),
    ) {
        let built = built();
        let names = names();
        let mut value = built[base % built.len()].clone();
        for change in &changes {
            apply(&mut value, change, &names);
        }
        if let Ok(record) = serde_json::from_value::<DecisionRecord>(value.clone()) {
            prop_assert!(audit::decides_as_this_build(record.revision(), record.fingerprint()));
            // The same record under this build's own stamp is one the walk built.
            let mut current = value.clone();
            current["policy"] = json!({
                "revision": POLICY_REVISION,
                "fingerprint": format!("{POLICY_FINGERPRINT:#018x}"),
            });
            let current: DecisionRecord = serde_json::from_value(current).unwrap();
            prop_assert!(walk().records.contains_key(&current), "{value}");
            let (schemas, index) = validator();
            prop_assert!(schemas.validate(&value, index).is_ok(), "{value}");
            let again = serde_json::to_value(record).unwrap();
            let same = |v: &Value| serde_json::from_value::<DecisionRecord>(v.clone()).unwrap();
            prop_assert_eq!(same(&again), same(&value));
        }
    }
}
