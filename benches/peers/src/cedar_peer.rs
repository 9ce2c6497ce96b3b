//! The policy in Cedar 4 (schema-less): users are `User::"u…"` entities whose parents
//! are their granted `Role::"…"` entities, roles have the roles they include as
//! parents (Cedar closes the hierarchy when the entity store is built), tasks are
//! `Task::"t…"` entities with `kind`, `state` and (when assigned) `assignee`
//! attributes, and actions are `Action::"read"` and so on.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, Entity, EntityUid, PolicySet, RestrictedExpression,
};

use crate::requests::Request;
use crate::spec;

/// SOURCES.md §T1 (policy revision 2). The contract_manager exception is an `unless` on
/// the first Inventory permit only, so it cannot take away the other two; every
/// Inventory permit holds only while the task is open; delete has no permit, and a
/// `forbid` says so outright.
const POLICIES: &str = r#"
permit (principal in Role::"itam_agent", action == Action::"read", resource is Task);

permit (principal in Role::"itam_operation_specialist", action == Action::"create", resource is Task);
permit (principal in Role::"itam_process_manager", action == Action::"create", resource is Task);
permit (principal in Role::"itam_responsible", action == Action::"create", resource is Task);

permit (principal in Role::"itam_process_manager", action == Action::"update", resource is Task)
when { resource.kind != "inventory" && resource.kind != "change_of_responsible" };
permit (principal in Role::"itam_operation_specialist", action == Action::"update", resource is Task)
when { resource.kind != "inventory" && resource.kind != "change_of_responsible"
       && resource has assignee && resource.assignee == principal };

permit (principal in Role::"itam_agent", action == Action::"update", resource is Task)
when { resource.kind == "inventory" && resource.state != "completed" && resource.state != "canceled" }
unless { principal in Role::"itam_contract_manager" };
permit (principal in Role::"itam_process_manager", action == Action::"update", resource is Task)
when { resource.kind == "inventory" && resource.state != "completed" && resource.state != "canceled" };
permit (principal in Role::"itam_operation_specialist", action == Action::"update", resource is Task)
when { resource.kind == "inventory" && resource.state != "completed" && resource.state != "canceled" };

permit (principal in Role::"itam_responsible", action == Action::"update", resource is Task)
when { resource.kind == "change_of_responsible" };
permit (principal in Role::"itam_process_manager", action == Action::"update", resource is Task)
when { resource.kind == "change_of_responsible"
       && resource has assignee && resource.assignee == principal };

forbid (principal, action == Action::"delete", resource);
"#;

/// The Cedar peer: the policy set, one entity store for every user, role and task,
/// and the requests, all built before any decision.
pub struct CedarPeer {
    authorizer: Authorizer,
    policies: PolicySet,
    entities: Entities,
    requests: Vec<cedar_policy::Request>,
}

/// `Type::"id"`.
fn uid(ty: &str, id: &str) -> Result<EntityUid, String> {
    EntityUid::from_str(&format!("{ty}::\"{id}\"")).map_err(|e| e.to_string())
}

fn uids<'a>(
    ty: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<HashSet<EntityUid>, String> {
    ids.into_iter().map(|id| uid(ty, id)).collect()
}

impl CedarPeer {
    /// Builds the policy set, the entity store and the requests.
    pub fn new(requests: &[Request]) -> Result<Self, String> {
        let policies = PolicySet::from_str(POLICIES).map_err(|e| e.to_string())?;
        let mut entities = Vec::new();
        for (role, included) in spec::INCLUDES {
            let parents = uids("Role", included.iter().copied())?;
            entities.push(Entity::new_no_attrs(uid("Role", role)?, parents));
        }
        let mut cedar_requests = Vec::with_capacity(requests.len());
        for (i, r) in requests.iter().enumerate() {
            let user = uid("User", &r.user_id())?;
            let parents = uids("Role", r.granted.iter().map(|g| g.name()))?;
            entities.push(Entity::new_no_attrs(user.clone(), parents));

            let task = uid("Task", &format!("t{i}"))?;
            let mut attrs = HashMap::from([
                (
                    "kind".to_owned(),
                    RestrictedExpression::new_string(r.kind.name().to_owned()),
                ),
                (
                    "state".to_owned(),
                    RestrictedExpression::new_string(r.state.name().to_owned()),
                ),
            ]);
            if let Some(assignee) = r.assignee_id() {
                attrs.insert(
                    "assignee".to_owned(),
                    RestrictedExpression::new_entity_uid(uid("User", &assignee)?),
                );
            }
            entities
                .push(Entity::new(task.clone(), attrs, HashSet::new()).map_err(|e| e.to_string())?);

            let action = uid("Action", r.action.name())?;
            let request = cedar_policy::Request::new(user, action, task, Context::empty(), None)
                .map_err(|e| e.to_string())?;
            cedar_requests.push(request);
        }
        // Users assigned a task but making no request of their own would be missing
        // from the store; every user number below COUNT makes one, so none is.
        let entities = Entities::from_entities(entities, None).map_err(|e| e.to_string())?;
        Ok(CedarPeer {
            authorizer: Authorizer::new(),
            policies,
            entities,
            requests: cedar_requests,
        })
    }

    /// The decision for request `i`.
    #[inline]
    pub fn decide(&self, i: usize) -> bool {
        let response =
            self.authorizer
                .is_authorized(&self.requests[i], &self.policies, &self.entities);
        response.decision() == Decision::Allow
    }

    /// The evaluation errors Cedar reports for request `i` (for the agreement pass).
    pub fn errors(&self, i: usize) -> Vec<String> {
        let response =
            self.authorizer
                .is_authorized(&self.requests[i], &self.policies, &self.entities);
        response
            .diagnostics()
            .errors()
            .map(|e| e.to_string())
            .collect()
    }
}
