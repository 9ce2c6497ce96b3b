//! What JavaScript hands in: names, persons, flags and lists, read from plain
//! objects and checked before the crate sees them. A value of the wrong type is an
//! error, never a default: a number where a user id belongs would otherwise compare
//! unequal to every user, and four eyes would pass.

use core::str::FromStr;

use itam_rbac::filter::Columns;
use itam_rbac::workflow::Relations;
use itam_rbac::{ParseError, Task};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What an exported function returns: its value, or the `Error` JavaScript throws.
pub type Result<T> = core::result::Result<T, JsError>;

#[wasm_bindgen]
extern "C" {
    /// A task as JavaScript hands it in (the `Task` interface of the declarations).
    #[wasm_bindgen(typescript_type = "Task")]
    #[derive(Debug)]
    pub type TaskInput;
    #[wasm_bindgen(method, getter)]
    fn kind(this: &TaskInput) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn state(this: &TaskInput) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn assignee(this: &TaskInput) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn creator(this: &TaskInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = createdBySystem)]
    fn created_by_system(this: &TaskInput) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn submitter(this: &TaskInput) -> JsValue;

    /// A record as JavaScript hands it in (the `RecordInput` type of the
    /// declarations).
    #[wasm_bindgen(typescript_type = "RecordInput")]
    #[derive(Debug)]
    pub type RecordInput;
    #[wasm_bindgen(method, getter, js_name = kind)]
    fn record_kind(this: &RecordInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = state)]
    fn record_state(this: &RecordInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = assignee)]
    fn record_assignee(this: &RecordInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = creator)]
    fn record_creator(this: &RecordInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = createdBySystem)]
    fn record_created_by_system(this: &RecordInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = submitter)]
    fn record_submitter(this: &RecordInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = hasDocument)]
    fn record_has_document(this: &RecordInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = allApproved)]
    fn record_all_approved(this: &RecordInput) -> JsValue;

    /// The host's column names for a filter's SQL (the `Columns` interface).
    #[wasm_bindgen(typescript_type = "Columns")]
    #[derive(Debug)]
    pub type ColumnsInput;
    #[wasm_bindgen(method, getter, js_name = kind)]
    fn column_kind(this: &ColumnsInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = state)]
    fn column_state(this: &ColumnsInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = assignedTo)]
    fn column_assigned_to(this: &ColumnsInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = createdBy)]
    fn column_created_by(this: &ColumnsInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = createdBySystem)]
    fn column_created_by_system(this: &ColumnsInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = hasDocument)]
    fn column_has_document(this: &ColumnsInput) -> JsValue;
    #[wasm_bindgen(method, getter, js_name = submittedBy)]
    fn column_submitted_by(this: &ColumnsInput) -> JsValue;

    /// The workflow relations as JavaScript hands them in.
    #[wasm_bindgen(typescript_type = "readonly Relation[]")]
    #[derive(Debug)]
    pub type RelationList;

    /// A JavaScript array, read element by element.
    #[derive(Debug)]
    type JsArray;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;
    #[wasm_bindgen(method, getter)]
    fn length(this: &JsArray) -> u32;
    #[wasm_bindgen(method, structural, indexing_getter)]
    fn at(this: &JsArray, index: u32) -> JsValue;
}

/// The error JavaScript throws for a name the crate does not know: the crate's own
/// text (with its suggestion of the nearest name).
pub fn parse_error(error: &ParseError) -> JsError {
    JsError::new(&error.to_string())
}

/// A system name: exactly one of the vocabulary's names.
pub fn name<T: FromStr<Err = ParseError>>(text: &str) -> Result<T> {
    text.parse().map_err(|error| parse_error(&error))
}

/// A system name held in a field of an object: a string, then [`name`].
fn named<T: FromStr<Err = ParseError>>(value: &JsValue, field: &str) -> Result<T> {
    match value.as_string() {
        Some(text) => name(&text),
        None => Err(JsError::new(&format!("{field} must be a string"))),
    }
}

/// An optional user id: a string, or `null` or `undefined` for nobody (unknown).
fn person(value: &JsValue, field: &str) -> Result<Option<String>> {
    optional_text(value, field, "a user id (a string)")
}

/// An optional string (`expected` says what it is, in errors): `null` or
/// `undefined` for none. (A string is asked first: one call into JavaScript for
/// the common case.)
fn optional_text(value: &JsValue, field: &str, expected: &str) -> Result<Option<String>> {
    match value.as_string() {
        Some(text) => Ok(Some(text)),
        None if value.is_undefined() || value.is_null() => Ok(None),
        None => Err(JsError::new(&format!(
            "{field} must be {expected}, null or undefined"
        ))),
    }
}

/// An optional flag: a boolean, or `undefined` or `null` for false.
fn flag(value: &JsValue, field: &str) -> Result<bool> {
    match value.as_bool() {
        Some(set) => Ok(set),
        None if value.is_undefined() || value.is_null() => Ok(false),
        None => Err(JsError::new(&format!(
            "{field} must be a boolean, null or undefined"
        ))),
    }
}

/// The strings of an array (`what` names it in errors).
pub fn strings(value: &JsValue, what: &str) -> Result<Vec<String>> {
    if !is_array(value) {
        return Err(JsError::new(&format!("{what} must be an array of strings")));
    }
    let array: &JsArray = value.unchecked_ref();
    (0..array.length())
        .map(|i| {
            array
                .at(i)
                .as_string()
                .ok_or_else(|| JsError::new(&format!("{what} must be an array of strings")))
        })
        .collect()
}

/// A task as the task matrix reads it: its kind, state and assigned user. The
/// matrix names no clause on the creator or the submitter (the crate checks that
/// while it compiles), so `can` and `explain` read only these three fields: a
/// third fewer calls into JavaScript than [`task`]. (The package's test vectors
/// vary the creator and the submitter of tasks too, so a policy that came to read
/// them would show up as a difference.)
pub fn task_for_matrix(input: &TaskInput) -> Result<Task<String>> {
    let kind = named(&input.kind(), "task.kind")?;
    let state = named(&input.state(), "task.state")?;
    let mut task = Task::new(kind, state);
    if let Some(id) = person(&input.assignee(), "task.assignee")? {
        task = task.assigned_to(id);
    }
    Ok(task)
}

/// The persons and flags common to a task and a record.
#[derive(Debug)]
pub struct People {
    /// The assigned user.
    pub assignee: Option<String>,
    /// The creator.
    pub creator: Option<String>,
    /// Whether the system created the item.
    pub created_by_system: bool,
    /// Who sent the item for approval.
    pub submitter: Option<String>,
}

/// A task: its kind and state by name, its persons by id.
pub fn task(input: &TaskInput) -> Result<Task<String>> {
    let kind = named(&input.kind(), "task.kind")?;
    let state = named(&input.state(), "task.state")?;
    let people = People {
        assignee: person(&input.assignee(), "task.assignee")?,
        creator: person(&input.creator(), "task.creator")?,
        created_by_system: flag(&input.created_by_system(), "task.createdBySystem")?,
        submitter: person(&input.submitter(), "task.submitter")?,
    };
    let mut task = Task::new(kind, state);
    if let Some(id) = people.assignee {
        task = task.assigned_to(id);
    }
    if let Some(id) = people.creator {
        task = task.created_by(id);
    }
    if people.created_by_system {
        task = task.created_by_system();
    }
    if let Some(id) = people.submitter {
        task = task.submitted_by(id);
    }
    Ok(task)
}

/// A record's parts other than its state: the kind (by name), the persons and the
/// two facts; the state's text is read by the kind's own parser.
#[derive(Debug)]
pub struct RecordParts {
    /// The record kind.
    pub kind: itam_rbac::records::RecordKind,
    /// The state's system name, not yet parsed (its vocabulary depends on the kind).
    pub state: String,
    /// The persons.
    pub people: People,
    /// Whether a (contract) document is set.
    pub has_document: bool,
    /// Whether, with this approve, every approver has approved.
    pub all_approved: bool,
}

/// Reads a record.
pub fn record(input: &RecordInput) -> Result<RecordParts> {
    Ok(RecordParts {
        kind: named(&input.record_kind(), "record.kind")?,
        state: input
            .record_state()
            .as_string()
            .ok_or_else(|| JsError::new("record.state must be a string"))?,
        people: People {
            assignee: person(&input.record_assignee(), "record.assignee")?,
            creator: person(&input.record_creator(), "record.creator")?,
            created_by_system: flag(&input.record_created_by_system(), "record.createdBySystem")?,
            submitter: person(&input.record_submitter(), "record.submitter")?,
        },
        has_document: flag(&input.record_has_document(), "record.hasDocument")?,
        all_approved: flag(&input.record_all_approved(), "record.allApproved")?,
    })
}

/// The workflow relations by name: each a [`Relations`] flag's name in lower case
/// (`in_assignment_group`, ...), each at most once; none when absent.
pub fn relations(list: Option<&RelationList>) -> Result<Relations> {
    let mut set = Relations::empty();
    let Some(list) = list else {
        return Ok(set);
    };
    for name in strings(list, "relations")? {
        let flag = Relations::all()
            .iter_names()
            .find(|(flag, _)| is_lower_case_of(&name, flag))
            .map(|(_, flag)| flag);
        match flag {
            Some(flag) if set.contains(flag) => {
                return Err(JsError::new(&format!("duplicate relation name \"{name}\"")));
            }
            Some(flag) => set |= flag,
            None => {
                let known: Vec<String> = relation_names().collect();
                return Err(JsError::new(&format!(
                    "unknown relation name \"{name}\" (the relations are {})",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(set)
}

/// The names of the [`Relations`] flags, in lower case, in declaration order.
pub fn relation_names() -> impl Iterator<Item = String> {
    Relations::all()
        .iter_names()
        .map(|(name, _)| name.to_ascii_lowercase())
}

/// Whether `text` is `upper` in lower case, exactly.
fn is_lower_case_of(text: &str, upper: &str) -> bool {
    text.len() == upper.len()
        && text
            .bytes()
            .zip(upper.bytes())
            .all(|(t, u)| t == u.to_ascii_lowercase())
}

/// Column names as owned strings, the defaults where JavaScript gave none.
#[derive(Debug)]
pub struct OwnedColumns {
    names: [String; 7],
}

impl OwnedColumns {
    /// Reads the host's column names; none given is every default.
    pub fn read(input: Option<&ColumnsInput>) -> Result<Self> {
        let d = Columns::DEFAULT;
        let defaults = [
            d.kind,
            d.state,
            d.assigned_to,
            d.created_by,
            d.created_by_system,
            d.has_document,
            d.submitted_by,
        ];
        let mut names = defaults.map(str::to_owned);
        let Some(columns) = input else {
            return Ok(OwnedColumns { names });
        };
        let given = [
            (columns.column_kind(), "columns.kind"),
            (columns.column_state(), "columns.state"),
            (columns.column_assigned_to(), "columns.assignedTo"),
            (columns.column_created_by(), "columns.createdBy"),
            (
                columns.column_created_by_system(),
                "columns.createdBySystem",
            ),
            (columns.column_has_document(), "columns.hasDocument"),
            (columns.column_submitted_by(), "columns.submittedBy"),
        ];
        for (slot, (value, field)) in names.iter_mut().zip(given) {
            if let Some(name) = optional_text(&value, field, "a column name (a string)")? {
                *slot = name;
            }
        }
        Ok(OwnedColumns { names })
    }

    /// The names as the crate's [`Columns`].
    pub fn columns(&self) -> Columns<'_> {
        let [kind, state, assigned_to, created_by, created_by_system, has_document, submitted_by] =
            &self.names;
        Columns::DEFAULT
            .kind(kind)
            .state(state)
            .assigned_to(assigned_to)
            .created_by(created_by)
            .created_by_system(created_by_system)
            .has_document(has_document)
            .submitted_by(submitted_by)
    }
}
