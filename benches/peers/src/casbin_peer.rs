//! The policy in casbin-rs: an RBAC model with a role hierarchy (`g`), task kinds
//! grouped by their update rule (`g2`), and a matcher that reads a `cond` column of
//! the policy row for the three conditional clauses. Model and policy are strings;
//! nothing is read from disk.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use casbin::{CoreApi, DefaultModel, Enforcer, StringAdapter};

use crate::requests::Request;
use crate::spec;

/// The model. `r.obj` is the task kind; `p.obj` a kind or a kind group (`g2`).
/// Conditions: `always`; `assigned` (the requester is the task's assigned user);
/// `open` (the task is neither completed nor canceled); `open_not_contract_manager`
/// (open, and the requester does not hold itam_contract_manager). Cheap tests come
/// first.
const MODEL: &str = r#"
[request_definition]
r = sub, obj, act, state, assignee

[policy_definition]
p = role, obj, act, cond

[role_definition]
g = _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.act == p.act && g2(r.obj, p.obj) && g(r.sub, p.role) && (p.cond == "always" || (p.cond == "assigned" && r.sub == r.assignee) || (p.cond == "open" && r.state != "completed" && r.state != "canceled") || (p.cond == "open_not_contract_manager" && r.state != "completed" && r.state != "canceled" && !g(r.sub, "itam_contract_manager")))
"#;

/// SOURCES.md §T1 as policy rows. No row has act `delete`: delete is never allowed.
const POLICY: &str = "
p, itam_agent, task, read, always
p, itam_operation_specialist, task, create, always
p, itam_process_manager, task, create, always
p, itam_responsible, task, create, always
p, itam_process_manager, standard_task, update, always
p, itam_operation_specialist, standard_task, update, assigned
p, itam_agent, inventory, update, open_not_contract_manager
p, itam_process_manager, inventory, update, open
p, itam_operation_specialist, inventory, update, open
p, itam_responsible, change_of_responsible, update, always
p, itam_process_manager, change_of_responsible, update, assigned
";

/// One request as casbin gets it.
struct CasbinRequest {
    sub: String,
    obj: &'static str,
    act: &'static str,
    state: &'static str,
    /// Empty when the task has no assigned user (no user id is empty).
    assignee: String,
}

/// The casbin peer: one enforcer holding the policy and every user's roles.
pub struct CasbinPeer {
    enforcer: Enforcer,
    requests: Vec<CasbinRequest>,
}

/// Polls a future that never waits on I/O (casbin's constructors over strings are
/// `async` only by signature) to completion, without an async runtime.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
}

/// The policy text: the rows above, the role hierarchy, the kind groups and one
/// `g` row per user and granted role.
fn policy_text(requests: &[Request]) -> String {
    let mut text = String::from(POLICY);
    for (role, included) in spec::INCLUDES {
        for inner in *included {
            text.push_str(&format!("g, {role}, {inner}\n"));
        }
    }
    for kind in itam_rbac::TaskKind::ALL {
        text.push_str(&format!("g2, {}, task\n", kind.name()));
    }
    for kind in spec::STANDARD_KINDS {
        text.push_str(&format!("g2, {kind}, standard_task\n"));
    }
    for r in requests {
        for role in &r.granted {
            text.push_str(&format!("g, {}, {}\n", r.user_id(), role.name()));
        }
    }
    text
}

impl CasbinPeer {
    /// Builds the enforcer and translates the set.
    pub fn new(requests: &[Request]) -> Result<Self, casbin::Error> {
        let model = block_on(DefaultModel::from_str(MODEL))?;
        let adapter = StringAdapter::new(policy_text(requests));
        let enforcer = block_on(Enforcer::new(model, adapter))?;
        let requests = requests
            .iter()
            .map(|r| CasbinRequest {
                sub: r.user_id(),
                obj: r.kind.name(),
                act: r.action.name(),
                state: r.state.name(),
                assignee: r.assignee_id().unwrap_or_default(),
            })
            .collect();
        Ok(CasbinPeer { enforcer, requests })
    }

    /// The decision for request `i` (an enforcement error counts as a denial).
    #[inline]
    pub fn decide(&self, i: usize) -> bool {
        let r = &self.requests[i];
        let args = (r.sub.as_str(), r.obj, r.act, r.state, r.assignee.as_str());
        matches!(self.enforcer.enforce(args), Ok(true))
    }

    /// The error, if any, that enforcing request `i` returns (for the agreement pass).
    pub fn error(&self, i: usize) -> Option<String> {
        let r = &self.requests[i];
        let args = (r.sub.as_str(), r.obj, r.act, r.state, r.assignee.as_str());
        self.enforcer.enforce(args).err().map(|e| e.to_string())
    }
}
