//! [itam-rbac](../../README.md) for JavaScript, through WebAssembly: the same
//! policy, the same tables and the same answers in a browser or in Node as in the
//! Rust crate, so a front end shows the buttons the server will accept.
//!
//! Everything is exported with `wasm-bindgen`; the `wasm-bindgen` command-line tool
//! writes the JavaScript glue and the TypeScript declarations (the types below, in
//! [`TYPES`], make them precise). System names are strings in and out, exactly the
//! crate's serde form (`"itam_operation_specialist"`, `"in_progress"`); a name the
//! crate does not know is an `Error` thrown with the crate's own text, with its
//! suggestion of the nearest name.
//!
//! | JavaScript | the crate |
//! |---|---|
//! | `new Subject(id, roles)` | [`Roles::from_names`], [`Subject::new`] |
//! | `can(subject, action, task)` | [`itam_rbac::can`] |
//! | `explain(subject, action, task)` | [`itam_rbac::explain`], as a decision record |
//! | `permittedActions(subject, task, relations?)` | [`review::permitted_actions`] |
//! | `validateEvent(subject, task, event, relations?)` | [`workflow::validate`] |
//! | `canRecord` / `checkRecord(subject, action, record)` | [`records::check_record`] |
//! | `transitionRecord(subject, record, event)` | [`records::transition_record`] |
//! | `taskFilter(subject, action)`, `taskFilterSql(.., dialect, columns?)` | [`filter::tasks`] |
//! | `recordFilter(subject, operation, kind)`, `recordFilterSql(..)` | [`filter::records`] |
//! | `names()` | every vocabulary's system names |
//!
//! Nothing here decides: each function reads its arguments, asks the crate, and
//! writes the answer back.

pub mod batch;
pub mod contract;
mod input;
mod kinds;
mod output;

use core::str::FromStr;

use itam_rbac::filter::{self, Dialect};
use itam_rbac::records::{self, Record, RecordEvent, RecordKind, RecordState};
use itam_rbac::review::{self, Operation};
use itam_rbac::workflow::{self, Relations, TaskEvent, TaskFields};
use itam_rbac::{
    Action, AllowReason, DenyReason, ParseError, Role, Roles, Subject, TaskKind, TaskState,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::{OwnedColumns, Result};
use crate::kinds::PerKind;
use crate::output::Outcome;

/// The TypeScript types of the names and plain objects the functions take and
/// return, written into the package's `.d.ts` (a test of the package checks every
/// name union against `names`).
#[wasm_bindgen(typescript_custom_section)]
pub const TYPES: &str = r#"
/** A role's system name. */
export type Role =
  | "itam_agent" | "itam_admin" | "itam_nomenclature_manager" | "itam_responsible"
  | "itam_operation_specialist" | "itam_process_manager" | "itam_contract_manager"
  | "itam_contract_approver" | "itam_purchase_agent" | "itam_purchase_manager"
  | "itam_purchase_approver" | "itam_budget_controller" | "itam_finance_agent"
  | "itam_finance_manager" | "itam_demand_agent" | "itam_demand_manager"
  | "itam_demand_approver" | "itam_endpoint_user" | "fiscal_period_agent"
  | "cost_center_agent" | "admin";
/** An action on a task or record; `delete` is never granted. */
export type Action = "read" | "create" | "update" | "delete";
/** A task kind. */
export type TaskKind =
  | "registration" | "allocation" | "inventory" | "change_of_responsible" | "relocation"
  | "change_of_stock" | "return_to_stock" | "maintenance" | "upgrading"
  | "decommissioning" | "disposal" | "asset_transfer";
/** A task state. */
export type TaskState =
  | "registered" | "in_progress" | "postponed" | "pending_approval" | "approved"
  | "completed" | "canceled";
/** A task workflow event. */
export type TaskEvent =
  | "start_work" | "postpone" | "send_for_approval" | "approve" | "reject" | "complete"
  | "cancel";
/** How the user relates to a task beyond its persons, and two facts of the task. */
export type Relation =
  | "in_assignment_group" | "asset_responsible" | "added_approver" | "committee_member"
  | "files_attached" | "all_approved";
/** A record kind (the ITAM records other than tasks). */
export type RecordKind =
  | "contract" | "purchase_request" | "demand" | "functional_budget" | "actual_cost_item"
  | "nomenclature" | "asset";
/** A record event. */
export type RecordEvent =
  | "send_for_approval" | "approve" | "reject" | "start_work" | "start_purchase"
  | "complete" | "cancel" | "make_valid" | "expire" | "terminate" | "revise" | "allocate"
  | "activate" | "deactivate" | "mark_purchase_unavailable" | "accept";
/** A contract's state. */
export type ContractState =
  | "draft" | "approval" | "signing" | "valid" | "expired" | "terminated";
/** A purchase request's state. */
export type PurchaseState =
  | "registered" | "pending_approval" | "approved" | "in_progress"
  | "purchase_in_progress" | "completed" | "canceled";
/** A demand's state. */
export type DemandState =
  | "registered" | "in_progress" | "pending_approval" | "approved" | "completed"
  | "canceled";
/** A functional budget's state. */
export type BudgetState = "draft" | "pending_approval" | "approved" | "rejected";
/** An actual cost item's state. */
export type CostItemState = "registered" | "approved" | "allocated";
/** A nomenclature's state. */
export type NomenclatureState = "active" | "inactive" | "purchase_unavailable";
/** What the form decision needs to know about an asset. */
export type AssetStatus = "pending_verification" | "discovered" | "active" | "inactive";
/** Any record kind's state. */
export type RecordState =
  | ContractState | PurchaseState | DemandState | BudgetState | CostItemState
  | NomenclatureState | AssetStatus;
/** Why a request was allowed. */
export type AllowReason =
  | "holds_role" | "assigned_user" | "not_excluded" | "before_completed"
  | "in_assignment_group" | "approver" | "state_allows";
/** Why a request was denied. */
export type DenyReason =
  | "delete_never_granted" | "no_itam_access" | "missing_role" | "not_assigned_user"
  | "holds_excluded_role" | "task_completed" | "record_frozen" | "wrong_state"
  | "files_attached" | "approval_policy" | "not_assigned_user_or_group" | "four_eyes"
  | "unknown_creator" | "not_an_approver" | "not_applicable" | "missing_document"
  | "creates_assets" | "asset_inactive" | "in_open_task" | "unverified" | "not_found"
  | "no_permanent_location" | "not_in_task" | "not_started" | "wrong_outcome"
  | "not_consignment" | "creates_no_assets" | "task_closed" | "nobody_assigned"
  | "unknown_submitter" | "system_move" | "person_move" | "fields_read_only";
/** One condition of a list-view filter on the person columns, relative to the user. */
export type PersonClause =
  | "assignee_is_user" | "assignee_is_not_user" | "creator_is_not_user" | "has_document"
  | "submitter_is_not_user" | "submitter_not_user";
/** The SQL dialect of a filter's condition: its user placeholder is `?1`, `$1` or `?`. */
export type Dialect = "sqlite" | "postgres" | "mysql";

/**
 * A user id: the host's own, compared exactly (one spelling per person). A
 * non-empty string without lone surrogates, at most 1024 UTF-16 units, or a safe
 * integer, which is the id whose text is its decimal form: `7` and `"7"` are one
 * person, `"07"` is another.
 */
export type UserId = string | number;
/** A field of a task, for the edit guard: `other` is every field but the two. */
export type TaskField = "priority" | "assignment_group" | "other";

/** A task as the host sees it: what the decisions need to know. */
export interface Task {
  kind: TaskKind;
  state: TaskState;
  /** The assigned user; none when absent or null. */
  assignee?: UserId | null;
  /** Who created the task; unknown when absent or null (an approval then fails closed). */
  creator?: UserId | null;
  /** The system, not a person, created the task. */
  createdBySystem?: boolean | null;
  /** Who sent the task for approval; unknown when absent or null. */
  submitter?: UserId | null;
}

/** The persons and facts of a record, whatever its kind. */
export interface RecordFacts {
  assignee?: UserId | null;
  creator?: UserId | null;
  createdBySystem?: boolean | null;
  submitter?: UserId | null;
  /** Contracts: a contract document is set. */
  hasDocument?: boolean | null;
  /** With the approve being checked, every approver has approved (contracts). */
  allApproved?: boolean | null;
}

/** A record as the host sees it: its kind, a state of that kind, its persons and facts. */
export type RecordInput = RecordFacts & (
  | { kind: "contract"; state: ContractState }
  | { kind: "purchase_request"; state: PurchaseState }
  | { kind: "demand"; state: DemandState }
  | { kind: "functional_budget"; state: BudgetState }
  | { kind: "actual_cost_item"; state: CostItemState }
  | { kind: "nomenclature"; state: NomenclatureState }
  | { kind: "asset"; state: AssetStatus }
);

/** The policy that decided: its revision and fingerprint (`0x` and 16 hex digits). */
export interface PolicyStamp {
  revision: number;
  fingerprint: string;
}

/** A task decision as the audit log writes it: `explain`'s answer. */
export interface DecisionRecord {
  allowed: boolean;
  /** The stable audit code. */
  code: number;
  reason: AllowReason | DenyReason;
  /** The reason in words, for a person (a tooltip): the code table's sentence. */
  message: string;
  domain: "task";
  action: Action;
  kind: TaskKind;
  state: TaskState | null;
  /** The roles of the grant that decided: the one that allowed, or the nearest one missed. */
  roles: Role[];
  /** The policy that decided: `POLICY_REVISION` and `POLICY_FINGERPRINT`. */
  policy: PolicyStamp;
}

/** A denial: its audit code, reason and sentence. */
export interface Denial {
  allowed: false;
  code: number;
  reason: DenyReason;
  message: string;
}

/** A workflow or record event: allowed, with the state it moves the item to, or denied. */
export type Outcome<S extends string> = { allowed: true; next: S } | Denial;

/** A record action: allowed, or denied. */
export type Check = { allowed: true } | Denial;

/** What a user may do to a task now: a UI's buttons. */
export interface Permitted {
  actions: Action[];
  events: TaskEvent[];
}

/** One group of a task filter: any of the kinds, in any of the states, with every person clause. */
export interface TaskGroup {
  kinds: TaskKind[];
  states: TaskState[];
  person: PersonClause[];
}

/** The tasks a user may take an action on, as data: any one group allows a task. */
export interface TaskFilter {
  action: Action;
  groups: TaskGroup[];
  /** Whether the filter is exactly the decision (it is, for this policy). */
  exact: boolean;
}

/** One group of a record filter. */
export interface RecordGroup {
  states: RecordState[];
  person: PersonClause[];
}

/** The records of a kind a user may take an action or event on, as data. */
export interface RecordFilter {
  kind: RecordKind;
  operation: Action | RecordEvent;
  groups: RecordGroup[];
  exact: boolean;
}

/**
 * The host's column names for a filter's SQL; each absent (or null) one is the
 * default. A name is 1 to 3 identifiers joined by `.` (`t.assignee_id`); anything
 * else is a TypeError. `kind: null` is a table of one record kind (no kind column;
 * task filters refuse it). `placeholder` replaces the dialect's user parameter
 * (`?1`, `$1`, `?`), e.g. `$3` after the host's own two.
 */
export interface Columns {
  kind?: string | null;
  state?: string | null;
  assignedTo?: string | null;
  createdBy?: string | null;
  createdBySystem?: string | null;
  hasDocument?: string | null;
  submittedBy?: string | null;
  placeholder?: string | null;
}

/**
 * A filter's SQL condition and what to bind: the user id (as text) once for each
 * placeholder in `sql`, in order: none when no rule names the user, one for
 * `?1` / `$1`, one a use for MySQL's `?`. Bind exactly `params`, for every user.
 */
export interface FilterSql {
  sql: string;
  params: string[];
}

/**
 * A list of tasks held as columns, one element a task, all of one length: the
 * fast form of a batch (`TaskMatcher.allowedIndicesColumns`). `kinds` and
 * `states` are names, or a `Uint8Array` of their indices in `names().taskKinds`
 * and `names().taskStates`.
 */
export interface TaskColumns {
  kinds: readonly TaskKind[] | Uint8Array;
  states: readonly TaskState[] | Uint8Array;
  assignees: readonly (UserId | null | undefined)[];
}

/** Every vocabulary's system names, in the crate's order. */
export interface Names {
  roles: Role[];
  actions: Action[];
  taskKinds: TaskKind[];
  taskStates: TaskState[];
  taskEvents: TaskEvent[];
  taskFields: TaskField[];
  relations: Relation[];
  recordKinds: RecordKind[];
  recordEvents: RecordEvent[];
  recordStates: { [K in RecordKind]: RecordState[] };
  allowReasons: AllowReason[];
  denyReasons: DenyReason[];
  personClauses: PersonClause[];
  dialects: Dialect[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// An optional list of relations (its declared type; read under the contract).
    #[wasm_bindgen(typescript_type = "readonly Relation[]")]
    #[derive(Debug)]
    pub type RelationList;

    /// Optional column names (their declared type; read under the contract).
    #[wasm_bindgen(typescript_type = "Columns")]
    #[derive(Debug)]
    pub type ColumnsInput;
}

/// An optional argument as it was given (`undefined` when absent or `null`).
fn optional<T: Into<JsValue>>(value: Option<T>) -> JsValue {
    value.map_or(JsValue::UNDEFINED, Into::into)
}

/// The acting user: an id and the granted roles, closed under inclusion once, here.
#[wasm_bindgen(js_name = Subject)]
#[derive(Debug)]
pub struct JsSubject {
    inner: Subject<String>,
}

#[wasm_bindgen(js_class = Subject)]
impl JsSubject {
    /// A user `id` (a non-empty string, or a safe integer: `7` is the user `"7"`)
    /// granted `roles` (system names). An unknown name, or a name given twice,
    /// throws with the crate's text: never a partial grant.
    ///
    /// # Errors
    ///
    /// A `TypeError`: an id that is not one, or `roles` not an array of role names.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "UserId")] id: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "readonly Role[]")] roles: &JsValue,
    ) -> Result<JsSubject> {
        let id = input::id(id, "id")?;
        let names = input::names(roles, "roles", false)?;
        let granted = Roles::from_names(&names).map_err(|error| {
            input::refuse(&contract::ContractError {
                place: contract::Place::arg("roles"),
                problem: contract::Problem::Name(error),
            })
        })?;
        Ok(JsSubject {
            inner: Subject::new(id, granted),
        })
    }

    /// The user's id (a number id as its decimal text).
    #[wasm_bindgen(getter)]
    #[must_use]
    pub fn id(&self) -> String {
        self.inner.id().clone()
    }

    /// The roles granted, in the crate's order.
    #[wasm_bindgen(getter, unchecked_return_type = "Role[]")]
    #[must_use]
    pub fn granted(&self) -> Vec<String> {
        role_names(self.inner.granted())
    }

    /// The roles granted and every role they include, in the crate's order.
    #[wasm_bindgen(getter, unchecked_return_type = "Role[]")]
    #[must_use]
    pub fn effective(&self) -> Vec<String> {
        role_names(self.inner.effective())
    }

    /// Whether the user holds `role`, directly or through inclusion.
    ///
    /// # Errors
    ///
    /// A `TypeError` for anything but a role's system name.
    pub fn has(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Role")] role: &JsValue,
    ) -> Result<bool> {
        let role =
            ROLES.with(|roles| input::name_in(role, roles, "role", "a role name (a string)"))?;
        Ok(self.inner.has(role))
    }
}

/// The system names of `roles`.
fn role_names(roles: Roles) -> Vec<String> {
    roles.roles().map(|role| role.name().to_owned()).collect()
}

thread_local! {
    static ACTIONS: input::Vocabulary<Action> = input::Vocabulary::new(Action::NAMES, Action::ALL);
    static ROLES: input::Vocabulary<Role> = input::Vocabulary::new(Role::NAMES, Role::ALL);
}

/// An action argument.
fn action(value: &JsValue) -> Result<Action> {
    ACTIONS.with(|actions| input::name_in(value, actions, "action", "an action name (a string)"))
}

/// May `subject` take `action` on `task`? The crate's `can`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen]
pub fn can(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action")] action: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Task")] task: &JsValue,
) -> Result<bool> {
    let action = self::action(action)?;
    Ok(itam_rbac::can(&subject.inner, action, &input::task(task)?))
}

/// The decision of `can` as the crate's decision record
/// (`itam_rbac::audit::DecisionRecord`): allowed or not, the audit code, the
/// reason and its sentence, the domain, action, kind and state, the roles of the
/// grant that decided, and the policy revision and fingerprint.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(unchecked_return_type = "DecisionRecord")]
pub fn explain(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action")] action: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Task")] task: &JsValue,
) -> Result<JsValue> {
    let action = self::action(action)?;
    let task = input::task(task)?;
    output::task_record(itam_rbac::explain(&subject.inner, action, &task))
}

/// Every action and workflow event `subject` may take on `task` now: the crate's
/// `review::permitted_actions`. `relations` are the workflow's facts beyond the
/// task (assignment group, asset responsible, approvers, files attached).
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = permittedActions, unchecked_return_type = "Permitted")]
pub fn permitted_actions(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Task")] task: &JsValue,
    relations: Option<RelationList>,
) -> Result<JsValue> {
    let task = input::task(task)?;
    let relations = input::relations(&optional(relations))?;
    let permitted = review::permitted_actions(&subject.inner, &task, relations);
    output::object(&PermittedOut {
        actions: permitted.actions().map(Action::name).collect(),
        events: permitted.events().map(TaskEvent::name).collect(),
    })
}

/// `permittedActions`' answer.
#[derive(Debug, Serialize)]
struct PermittedOut {
    actions: Vec<&'static str>,
    events: Vec<&'static str>,
}

/// May `subject` make `event` happen to `task`, and to which state does it move?
/// The crate's `workflow::validate`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses (a denial is an answer,
/// not an error).
#[wasm_bindgen(js_name = validateEvent, unchecked_return_type = "Outcome<TaskState>")]
pub fn validate_event(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Task")] task: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "TaskEvent")] event: &JsValue,
    relations: Option<RelationList>,
) -> Result<JsValue> {
    let task = input::task(task)?;
    let event: TaskEvent = input::name(event, "event", "a task event name (a string)")?;
    let relations = input::relations(&optional(relations))?;
    output::object(
        &match workflow::validate(&subject.inner, &task, relations, event) {
            Ok(next) => Outcome::allowed(Some(next.name())),
            Err(error) => Outcome::denied(error.reason(), &error),
        },
    )
}

/// Guards an edit of `fields` of `task` by `subject`: the crate's
/// `workflow::check_edit`, the one call before a host saves an edited task. The
/// update must be allowed, and the task's state must leave every one of `fields`
/// editable (while a task waits for or has its approval, only `priority` and
/// `assignment_group`: code 42, `fields_read_only`, otherwise).
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses (a denial is an answer).
#[wasm_bindgen(js_name = checkEdit, unchecked_return_type = "Check")]
pub fn check_edit(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Task")] task: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "readonly TaskField[]")] fields: &JsValue,
) -> Result<JsValue> {
    let task = input::task(task)?;
    let fields = input::task_fields(fields)?;
    output::object(&match workflow::check_edit(&subject.inner, &task, fields) {
        Ok(_) => Outcome::allowed(None),
        Err(denied) => Outcome::denied(denied.reason(), &denied),
    })
}

/// The fields the workflow leaves editable on a task of `kind` in `state`, for a
/// form (the crate's `workflow::editable_fields`): every one but while the task
/// waits for or has its approval. Whether the user may update the task at all is
/// `can(subject, 'update', task)`; `checkEdit` asks both.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = editableFields, unchecked_return_type = "TaskField[]")]
pub fn editable_fields(
    #[wasm_bindgen(unchecked_param_type = "TaskKind")] kind: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "TaskState")] state: &JsValue,
) -> Result<Vec<String>> {
    let kind = input::name(kind, "kind", "a task kind (a string)")?;
    let state = input::name(state, "state", "a task state (a string)")?;
    let fields = workflow::editable_fields(kind, state);
    Ok(fields
        .iter_names()
        .map(|(name, _)| name.to_ascii_lowercase())
        .collect())
}

/// Asks `records::check_record` for one action.
#[derive(Debug)]
struct CheckRecord<'a> {
    subject: &'a Subject<String>,
    action: Action,
}

impl PerKind for CheckRecord<'_> {
    type Out = Outcome;

    fn run<S: RecordState>(self, record: &Record<S, String>) -> Outcome {
        match records::check_record(self.subject, self.action, record) {
            Ok(_) => Outcome::allowed(None),
            Err(denied) => Outcome::denied(denied.reason(), &denied),
        }
    }
}

/// May `subject` take `action` on `record`? The crate's `records::can_record`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses (a state of another
/// kind included).
#[wasm_bindgen(js_name = canRecord)]
pub fn can_record(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action")] action: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RecordInput")] record: &JsValue,
) -> Result<bool> {
    let action = self::action(action)?;
    let question = CheckRecord {
        subject: &subject.inner,
        action,
    };
    Ok(kinds::ask(input::record(record)?, question)?.allowed)
}

/// `canRecord` with the denial's code, reason and sentence: the crate's
/// `records::check_record`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = checkRecord, unchecked_return_type = "Check")]
pub fn check_record(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action")] action: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RecordInput")] record: &JsValue,
) -> Result<JsValue> {
    let action = self::action(action)?;
    let question = CheckRecord {
        subject: &subject.inner,
        action,
    };
    output::object(&kinds::ask(input::record(record)?, question)?)
}

/// Asks `records::transition_record` for one event.
#[derive(Debug)]
struct TransitionRecord<'a> {
    subject: &'a Subject<String>,
    event: RecordEvent,
}

impl PerKind for TransitionRecord<'_> {
    type Out = Outcome;

    fn run<S: RecordState>(self, record: &Record<S, String>) -> Outcome {
        match records::transition_record(self.subject, record, self.event) {
            Ok(next) => Outcome::allowed(Some(next.state_name())),
            Err(error) => Outcome::denied(error.reason(), &error),
        }
    }
}

/// May `subject` fire `event` on `record`, and to which state does it move?
/// The crate's `records::transition_record`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = transitionRecord, unchecked_return_type = "Outcome<RecordState>")]
pub fn transition_record(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "RecordInput")] record: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RecordEvent")] event: &JsValue,
) -> Result<JsValue> {
    let parts = input::record(record)?;
    let event = input::name(event, "event", "a record event name (a string)")?;
    let question = TransitionRecord {
        subject: &subject.inner,
        event,
    };
    output::object(&kinds::ask(parts, question)?)
}

/// The tasks `subject` may take `action` on, as data: the crate's `filter::tasks`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = taskFilter, unchecked_return_type = "TaskFilter")]
pub fn task_filter(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action")] action: &JsValue,
) -> Result<JsValue> {
    output::object(&filter::tasks(&subject.inner, self::action(action)?))
}

/// The tasks `subject` may take `action` on, as an SQL condition for `dialect`
/// over the host's `columns`, with what to bind: `{ sql, params }`, the user id
/// once for each placeholder the condition holds, in order (none, one, or for
/// MySQL's `?` one a use). Bind exactly `params`, for every user.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = taskFilterSql, unchecked_return_type = "FilterSql")]
pub fn task_filter_sql(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action")] action: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dialect")] dialect: &JsValue,
    columns: Option<ColumnsInput>,
) -> Result<JsValue> {
    let filter = filter::tasks(&subject.inner, self::action(action)?);
    let dialect = parse_dialect(dialect)?;
    let columns = OwnedColumns::read(&optional(columns))?;
    sql_out(filter.sql(dialect), &columns)
}

/// A filter's SQL over `columns`, with what to bind: `{ sql, params }`.
fn sql_out(sql: filter::Sql<'_, String>, columns: &OwnedColumns) -> Result<JsValue> {
    let sql = sql
        .columns(columns.columns())
        .map_err(|error| input::identifier_error(&error))?;
    let sql = match columns.placeholder() {
        Some(placeholder) => sql
            .placeholder(placeholder)
            .map_err(|error| input::identifier_error(&error))?,
        None => sql,
    };
    output::object(&SqlOut {
        sql: sql.to_string(),
        params: sql.params().map(String::as_str).collect(),
    })
}

/// `taskFilterSql`'s and `recordFilterSql`'s answer.
#[derive(Debug, Serialize)]
struct SqlOut<'a> {
    sql: String,
    params: Vec<&'a str>,
}

/// An operation argument: an action or a record event.
fn operation(value: &JsValue) -> Result<Operation> {
    input::name::<OperationName>(
        value,
        "operation",
        "an action or record event name (a string)",
    )
    .map(|name| name.0)
}

/// The records of `kind` on which `subject` may take `operation` (an action or a
/// record event), as data: the crate's `filter::records`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = recordFilter, unchecked_return_type = "RecordFilter")]
pub fn record_filter(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action | RecordEvent")] operation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &JsValue,
) -> Result<JsValue> {
    let operation = self::operation(operation)?;
    let kind: RecordKind = input::name(kind, "kind", "a record kind (a string)")?;
    output::object(&filter::records(&subject.inner, operation, kind))
}

/// `recordFilter` as an SQL condition for `dialect` over the host's `columns`.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = recordFilterSql, unchecked_return_type = "FilterSql")]
pub fn record_filter_sql(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action | RecordEvent")] operation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dialect")] dialect: &JsValue,
    columns: Option<ColumnsInput>,
) -> Result<JsValue> {
    let operation = self::operation(operation)?;
    let kind: RecordKind = input::name(kind, "kind", "a record kind (a string)")?;
    let filter = filter::records(&subject.inner, operation, kind);
    let dialect = parse_dialect(dialect)?;
    let columns = OwnedColumns::read(&optional(columns))?;
    sql_out(filter.sql(dialect), &columns)
}

/// The tasks `subject` may take `action` on, as a matcher: `matches(task)` and
/// `allowedIndices(tasks)` answer exactly as `can` would, for a list view that
/// holds its rows in memory.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = taskMatcher)]
pub fn task_matcher(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action")] action: &JsValue,
) -> Result<TaskMatcher> {
    Ok(TaskMatcher {
        subject: subject.inner.clone(),
        action: self::action(action)?,
    })
}

/// A task filter as a matcher (`taskMatcher`): the user and action are fixed.
#[wasm_bindgen]
#[derive(Debug)]
pub struct TaskMatcher {
    subject: Subject<String>,
    action: Action,
}

#[wasm_bindgen]
impl TaskMatcher {
    /// Whether the filter allows `task`: `can(subject, action, task)`.
    ///
    /// # Errors
    ///
    /// A `TypeError`: a task the input contract refuses.
    pub fn matches(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Task")] task: &JsValue,
    ) -> Result<bool> {
        let task = input::task(task)?;
        Ok(filter::tasks(&self.subject, self.action).matches(&task))
    }

    /// The indices of the tasks of `tasks` the filter allows, in order. Every task
    /// is read under the input contract: one it refuses throws (naming its index),
    /// never a partial answer.
    ///
    /// # Errors
    ///
    /// A `TypeError`: `tasks` not an array, or a task the input contract refuses.
    #[wasm_bindgen(js_name = allowedIndices)]
    pub fn allowed_indices(
        &self,
        #[wasm_bindgen(unchecked_param_type = "readonly Task[]")] tasks: &JsValue,
    ) -> Result<Vec<u32>> {
        let n = input::list(tasks, "tasks", "an array of tasks")?;
        let codes = input::task_codes(tasks, n, self.subject.id());
        let filter = filter::tasks(&self.subject, self.action);
        let table = batch::Table::new(|kind, state, mine| filter.allows(kind, state, mine));
        let allowed = batch::allowed(&codes, &table, |i| {
            let place = contract::Place::item("tasks", i);
            Ok(filter.matches(&input::task_at(&input::item(tasks, i, place)?, place)?))
        });
        input::forget();
        allowed
    }

    /// The indices of the tasks the filter allows, the tasks held as columns:
    /// `kinds` (task kind names, or a `Uint8Array` of their indices in
    /// `names().taskKinds`), `states` (the same for states) and `assignees` (user
    /// ids, `null` or `undefined`), one element a task, all of one length. The
    /// columns are checked once a call under the input contract; an element it
    /// refuses throws (naming its column and index), never a partial answer. The
    /// fast path for long lists: no object a task.
    ///
    /// # Errors
    ///
    /// A `TypeError`: `columns` not a plain object of the three columns, a column
    /// of another type or length, or an element the input contract refuses.
    #[wasm_bindgen(js_name = allowedIndicesColumns)]
    pub fn allowed_indices_columns(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TaskColumns")] columns: &JsValue,
    ) -> Result<Vec<u32>> {
        let columns = input::TaskColumns::read(columns)?;
        let user = self.subject.id();
        let codes = columns.codes(user)?;
        let filter = filter::tasks(&self.subject, self.action);
        let table = batch::Table::new(|kind, state, mine| filter.allows(kind, state, mine));
        let allowed = batch::allowed(&codes, &table, |i| {
            let (kind, state, assignee) = columns.task(i)?;
            Ok(filter.matches_parts(kind, state, assignee.as_ref()))
        });
        input::forget();
        allowed
    }
}

/// The records of `kind` on which `subject` may take `operation`, as a matcher:
/// `matches(record)` and `allowedIndices(records)` answer exactly as
/// `canRecord` / `transitionRecord` would.
///
/// # Errors
///
/// A `TypeError`: an argument the input contract refuses.
#[wasm_bindgen(js_name = recordMatcher)]
pub fn record_matcher(
    subject: &JsSubject,
    #[wasm_bindgen(unchecked_param_type = "Action | RecordEvent")] operation: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &JsValue,
) -> Result<RecordMatcher> {
    Ok(RecordMatcher {
        subject: subject.inner.clone(),
        operation: self::operation(operation)?,
        kind: input::name(kind, "kind", "a record kind (a string)")?,
    })
}

/// A record filter as a matcher (`recordMatcher`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct RecordMatcher {
    subject: Subject<String>,
    operation: Operation,
    kind: RecordKind,
}

/// Asks a record filter whether it allows one record.
#[derive(Debug)]
struct MatchRecord<'a> {
    filter: &'a filter::RecordFilter<'a, String>,
}

impl PerKind for MatchRecord<'_> {
    type Out = bool;

    fn run<S: RecordState>(self, record: &Record<S, String>) -> bool {
        self.filter.matches(record)
    }
}

#[wasm_bindgen]
impl RecordMatcher {
    /// Whether the filter allows `record` (a record of another kind is not).
    ///
    /// # Errors
    ///
    /// A `TypeError`: a record the input contract refuses.
    pub fn matches(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecordInput")] record: &JsValue,
    ) -> Result<bool> {
        let filter = filter::records(&self.subject, self.operation, self.kind);
        kinds::ask(input::record(record)?, MatchRecord { filter: &filter })
    }

    /// The indices of the records of `records` the filter allows, in order.
    ///
    /// # Errors
    ///
    /// A `TypeError`: `records` not an array, or a record the input contract
    /// refuses (naming its index).
    #[wasm_bindgen(js_name = allowedIndices)]
    pub fn allowed_indices(
        &self,
        #[wasm_bindgen(unchecked_param_type = "readonly RecordInput[]")] records: &JsValue,
    ) -> Result<Vec<u32>> {
        let n = input::list(records, "records", "an array of records")?;
        let filter = filter::records(&self.subject, self.operation, self.kind);
        let mut allowed = Vec::new();
        for i in 0..n {
            let place = contract::Place::item("records", i);
            let parts = input::record_at(&input::item(records, i, place)?, place)?;
            if kinds::ask(parts, MatchRecord { filter: &filter })? {
                allowed.push(i);
            }
        }
        input::forget();
        Ok(allowed)
    }
}

/// The dialects by name.
const DIALECTS: [(&str, Dialect); 3] = [
    ("sqlite", Dialect::Sqlite),
    ("postgres", Dialect::Postgres),
    ("mysql", Dialect::MySql),
];

/// A dialect by name.
#[derive(Debug)]
struct DialectName(Dialect);

impl FromStr for DialectName {
    type Err = ParseError;

    fn from_str(text: &str) -> core::result::Result<Self, ParseError> {
        DIALECTS
            .iter()
            .find(|(name, _)| *name == text)
            .map(|&(_, dialect)| DialectName(dialect))
            .ok_or_else(|| ParseError::new("dialect", text, &DIALECTS.map(|(name, _)| name)))
    }
}

/// A dialect argument.
fn parse_dialect(value: &JsValue) -> Result<Dialect> {
    input::name::<DialectName>(value, "dialect", "a dialect name (a string)").map(|name| name.0)
}

/// An action or a record event by name (the two vocabularies share no name).
#[derive(Debug)]
struct OperationName(Operation);

impl FromStr for OperationName {
    type Err = ParseError;

    fn from_str(text: &str) -> core::result::Result<Self, ParseError> {
        if let Ok(action) = Action::from_str(text) {
            return Ok(OperationName(Operation::Action(action)));
        }
        if let Ok(event) = RecordEvent::from_str(text) {
            return Ok(OperationName(Operation::Event(event)));
        }
        let known: Vec<&'static str> = Action::NAMES
            .iter()
            .chain(RecordEvent::NAMES)
            .copied()
            .collect();
        Err(ParseError::new("action or record event", text, &known))
    }
}

/// Every vocabulary's system names, in the crate's order: for a UI's menus, and
/// for checking the declarations' name types.
///
/// # Errors
///
/// None in practice: only if the names could not be written.
#[wasm_bindgen(unchecked_return_type = "Names")]
pub fn names() -> Result<JsValue> {
    let record_states: Vec<(&str, &[&str])> = RecordKind::ALL
        .iter()
        .map(|&kind| (kind.name(), kinds::state_names(kind)))
        .collect();
    output::object(&NamesOut {
        roles: Role::NAMES,
        actions: Action::NAMES,
        task_kinds: TaskKind::NAMES,
        task_states: TaskState::NAMES,
        task_events: TaskEvent::NAMES,
        task_fields: input::flag_names::<TaskFields>().collect(),
        relations: input::flag_names::<Relations>().collect(),
        record_kinds: RecordKind::NAMES,
        record_events: RecordEvent::NAMES,
        record_states: RecordStatesOut(record_states),
        allow_reasons: AllowReason::NAMES,
        deny_reasons: DenyReason::NAMES,
        person_clauses: filter::PersonClause::NAMES,
        dialects: DIALECTS.map(|(name, _)| name),
    })
}

/// `names`' answer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct NamesOut {
    roles: &'static [&'static str],
    actions: &'static [&'static str],
    task_kinds: &'static [&'static str],
    task_states: &'static [&'static str],
    task_events: &'static [&'static str],
    task_fields: Vec<String>,
    relations: Vec<String>,
    record_kinds: &'static [&'static str],
    record_events: &'static [&'static str],
    record_states: RecordStatesOut,
    allow_reasons: &'static [&'static str],
    deny_reasons: &'static [&'static str],
    person_clauses: &'static [&'static str],
    dialects: [&'static str; 3],
}

/// Each record kind's state names, as an object keyed by kind.
#[derive(Debug)]
struct RecordStatesOut(Vec<(&'static str, &'static [&'static str])>);

impl Serialize for RecordStatesOut {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> core::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}
