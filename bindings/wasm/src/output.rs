//! What JavaScript gets back as plain objects: serialized with serde into JSON
//! text, which JavaScript's own `JSON.parse` turns into objects.

use itam_rbac::audit::DecisionRecord;
use itam_rbac::{Decision, DenyReason};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::Result;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> core::result::Result<JsValue, JsValue>;
}

/// `value` as a JavaScript object.
pub fn object<T: Serialize>(value: &T) -> Result<JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|error| JsValue::from(JsError::new(&error.to_string())))?;
    json_parse(&text)
        .map_err(|_| JsValue::from(JsError::new("JSON.parse refused the crate's own JSON")))
}

/// The answer to a question that may be denied, with the state it leads to: a
/// workflow event or a record event (`next`), or a record action (no `next`).
#[derive(Debug, Serialize)]
pub struct Outcome {
    /// Whether it is allowed.
    pub allowed: bool,
    /// The state the item moves to, when an allowed event moves it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<&'static str>,
    /// A denial's audit code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u8>,
    /// A denial's reason, as its system name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// A denial's sentence for a person: the crate's error text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl Outcome {
    /// Allowed, moving to `next` if the question was an event.
    pub const fn allowed(next: Option<&'static str>) -> Self {
        Outcome {
            allowed: true,
            next,
            code: None,
            reason: None,
            message: None,
        }
    }

    /// Denied for `reason`, in the words of `error`.
    pub fn denied(reason: DenyReason, error: &dyn core::fmt::Display) -> Self {
        Outcome {
            allowed: false,
            next: None,
            code: Some(reason.code()),
            reason: Some(reason.name()),
            message: Some(error.to_string()),
        }
    }
}

/// The decision record of a task decision: the crate's own audit record
/// (`itam_rbac::audit::DecisionRecord`), whose JSON shape is
/// `schema/decision-record.schema.json`.
pub fn task_record(decision: Decision) -> Result<JsValue> {
    object(&DecisionRecord::from(decision))
}
