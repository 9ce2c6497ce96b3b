//! The records oracle: SOURCES.md §C (with SOURCES.md §R2's closure) restated as
//! plain strings, with its own logic, written apart from the crate's tables.
#![allow(
    clippy::panic,
    reason = "test oracle: a name outside the spec is a bug in the test"
)]

use super::roles;

/// The granted roles closed under inclusion (SOURCES.md §R2), as the slice `Actor`
/// takes.
pub fn closure(granted: &[&'static str]) -> Vec<&'static str> {
    roles::closure(granted.iter().copied())
        .into_iter()
        .collect()
}

/// Who, among the holders of the roles, a clause admits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Who {
    Anyone,
    Assigned,
    FourEyes,
}

/// One record of SOURCES.md §C (with the crate's documented "ours" decisions).
pub struct Spec {
    pub kind: &'static str,
    pub states: &'static [&'static str],
    pub read: &'static [&'static str],
    pub create: &'static [&'static str],
    /// (roles, who) for update, in every state that is not frozen (assets: see
    /// `asset_update`).
    pub update: (&'static [&'static str], Who),
    /// The states in which nobody updates the record: an edit after approval would
    /// undo four eyes (SOURCES.md §S1). The contract's follow SOURCES.md §C1 ("the
    /// document is frozen from approval on"); the others are the crate's decisions.
    pub frozen: &'static [&'static str],
    /// SOURCES.md §C1: "every `itam_contract_approver` approves". When
    /// true an approve moves the record on only once every approver has approved;
    /// otherwise one approver decides.
    pub every_approver: bool,
    /// (from, event, to).
    pub edges: &'static [(&'static str, &'static str, &'static str)],
    /// event -> (roles, who).
    pub events: &'static [(&'static str, &'static [&'static str], Who)],
}

const CM: &str = "itam_contract_manager";
const PM: &str = "itam_purchase_manager";
const DM: &str = "itam_demand_manager";
const FM: &str = "itam_finance_manager";

pub const CONTRACT: Spec = Spec {
    kind: "contract",
    states: &[
        "draft",
        "approval",
        "signing",
        "valid",
        "expired",
        "terminated",
    ],
    read: &["itam_agent"],
    create: &[CM],
    update: (&[CM], Who::Anyone),
    // "The document is frozen from approval on."
    frozen: &["approval", "signing", "valid", "expired", "terminated"],
    // "Every itam_contract_approver approves."
    every_approver: true,
    edges: &[
        ("draft", "send_for_approval", "approval"),
        ("approval", "approve", "signing"),
        ("approval", "reject", "draft"),
        ("signing", "make_valid", "valid"),
        ("valid", "expire", "expired"),
        ("valid", "terminate", "terminated"),
    ],
    events: &[
        ("send_for_approval", &[CM], Who::Anyone),
        ("make_valid", &[CM], Who::Anyone),
        ("expire", &[CM], Who::Anyone),
        ("terminate", &[CM], Who::Anyone),
        ("approve", &["itam_contract_approver"], Who::FourEyes),
        ("reject", &["itam_contract_approver"], Who::FourEyes),
    ],
};

const OPEN_PURCHASE: [&str; 5] = [
    "registered",
    "pending_approval",
    "approved",
    "in_progress",
    "purchase_in_progress",
];

pub const PURCHASE: Spec = Spec {
    kind: "purchase_request",
    states: &[
        "registered",
        "pending_approval",
        "approved",
        "in_progress",
        "purchase_in_progress",
        "completed",
        "canceled",
    ],
    read: &["itam_purchase_agent", FM],
    create: &[PM],
    update: (&[PM], Who::Assigned),
    frozen: &["pending_approval", "completed", "canceled"],
    // "itam_purchase_approver approves or rejects": one approver.
    every_approver: false,
    edges: &[
        ("registered", "send_for_approval", "pending_approval"),
        ("pending_approval", "approve", "approved"),
        ("pending_approval", "reject", "registered"),
        ("approved", "start_work", "in_progress"),
        ("in_progress", "start_purchase", "purchase_in_progress"),
        ("purchase_in_progress", "complete", "completed"),
        (OPEN_PURCHASE[0], "cancel", "canceled"),
        (OPEN_PURCHASE[1], "cancel", "canceled"),
        (OPEN_PURCHASE[2], "cancel", "canceled"),
        (OPEN_PURCHASE[3], "cancel", "canceled"),
        (OPEN_PURCHASE[4], "cancel", "canceled"),
    ],
    events: &[
        ("send_for_approval", &[PM], Who::Assigned),
        ("start_work", &[PM], Who::Assigned),
        ("start_purchase", &[PM], Who::Assigned),
        ("complete", &[PM], Who::Assigned),
        ("cancel", &[PM], Who::Assigned),
        ("approve", &["itam_purchase_approver"], Who::FourEyes),
        ("reject", &["itam_purchase_approver"], Who::FourEyes),
    ],
};

pub const DEMAND: Spec = Spec {
    kind: "demand",
    states: &[
        "registered",
        "in_progress",
        "pending_approval",
        "approved",
        "completed",
        "canceled",
    ],
    read: &["itam_agent"],
    create: &[DM],
    update: (&[DM], Who::Anyone),
    frozen: &["pending_approval", "approved", "completed", "canceled"],
    // "itam_demand_approver approves (mandatory)": the demand approver.
    every_approver: false,
    edges: &[
        ("registered", "start_work", "in_progress"),
        ("in_progress", "send_for_approval", "pending_approval"),
        ("pending_approval", "approve", "approved"),
        ("pending_approval", "reject", "in_progress"),
        // The demand approver is the *mandatory* approver of every demand (SOURCES.md §C3):
        // a demand completes only once approved.
        ("approved", "complete", "completed"),
        ("registered", "cancel", "canceled"),
        ("in_progress", "cancel", "canceled"),
        ("pending_approval", "cancel", "canceled"),
        ("approved", "cancel", "canceled"),
    ],
    events: &[
        ("start_work", &[DM], Who::Anyone),
        ("cancel", &[DM], Who::Anyone),
        ("send_for_approval", &[DM], Who::Assigned),
        ("complete", &[DM], Who::Assigned),
        ("approve", &["itam_demand_approver"], Who::FourEyes),
        ("reject", &["itam_demand_approver"], Who::FourEyes),
    ],
};

pub const BUDGET: Spec = Spec {
    kind: "functional_budget",
    states: &["draft", "pending_approval", "approved", "rejected"],
    read: &[
        "itam_finance_agent",
        FM,
        "itam_budget_controller",
        "itam_process_manager",
    ],
    create: &["itam_process_manager", FM],
    update: (&["itam_process_manager", FM], Who::Anyone),
    // Every state but draft: a rejected budget is revised back to draft first.
    frozen: &["pending_approval", "approved", "rejected"],
    every_approver: false,
    edges: &[
        ("draft", "send_for_approval", "pending_approval"),
        ("pending_approval", "approve", "approved"),
        ("pending_approval", "reject", "rejected"),
        ("rejected", "revise", "draft"),
    ],
    events: &[
        (
            "send_for_approval",
            &["itam_process_manager", FM],
            Who::Anyone,
        ),
        ("revise", &["itam_process_manager", FM], Who::Anyone),
        ("approve", &["itam_budget_controller"], Who::FourEyes),
        ("reject", &["itam_budget_controller"], Who::FourEyes),
    ],
};

pub const COST: Spec = Spec {
    kind: "actual_cost_item",
    states: &["registered", "approved", "allocated"],
    read: &["itam_finance_agent", FM],
    create: &[FM],
    update: (&[FM], Who::Anyone),
    frozen: &["approved", "allocated"],
    every_approver: false,
    edges: &[
        ("registered", "approve", "approved"),
        ("approved", "allocate", "allocated"),
    ],
    events: &[
        ("approve", &[FM], Who::FourEyes),
        ("allocate", &[FM], Who::Anyone),
    ],
};

pub const NOMENCLATURE: Spec = Spec {
    kind: "nomenclature",
    states: &["active", "inactive", "purchase_unavailable"],
    read: &["itam_agent"],
    create: &["itam_nomenclature_manager"],
    update: (&["itam_nomenclature_manager"], Who::Anyone),
    // Nothing approves a nomenclature.
    frozen: &[],
    every_approver: false,
    edges: &[
        ("inactive", "activate", "active"),
        ("purchase_unavailable", "activate", "active"),
        ("active", "deactivate", "inactive"),
        ("purchase_unavailable", "deactivate", "inactive"),
        (
            "active",
            "mark_purchase_unavailable",
            "purchase_unavailable",
        ),
    ],
    events: &[
        ("activate", &["itam_nomenclature_manager"], Who::Anyone),
        ("deactivate", &["itam_nomenclature_manager"], Who::Anyone),
        (
            "mark_purchase_unavailable",
            &["itam_nomenclature_manager"],
            Who::Anyone,
        ),
    ],
};

pub const ASSET: Spec = Spec {
    kind: "asset",
    states: &["pending_verification", "discovered", "active", "inactive"],
    read: &["itam_agent"],
    create: &[],
    update: (&[], Who::Anyone), // see asset_update
    // The asset's field rules depend on its status instead.
    frozen: &[],
    every_approver: false,
    edges: &[("pending_verification", "accept", "discovered")],
    events: &[("accept", &["itam_admin"], Who::Anyone)],
};

/// Asset form edits by status (SOURCES.md §C7 and the crate's asset table).
/// SOURCES.md §C7: `itam_admin` "edits asset records that CMDB discovery created", and
/// no other asset record: not one a registration task created ("active").
pub fn asset_update(status: &str) -> &'static [&'static str] {
    match status {
        "pending_verification" => &["itam_admin"],
        "discovered" => &["itam_operation_specialist", "itam_admin"],
        "active" => &["itam_operation_specialist"],
        "inactive" => &[],
        other => panic!("unknown asset status {other}"),
    }
}

/// Who: the subject's closed roles and its relation to the record.
pub struct Actor<'a> {
    pub roles: &'a [&'static str],
    pub is_creator: bool,
    pub is_assignee: bool,
    /// The actor sent the record for approval.
    pub is_submitter: bool,
}

/// What the host knows about the record besides its state.
#[derive(Clone, Copy, Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "four independent yes/no facts of the host"
)]
pub struct Facts {
    /// Whether anybody knows who created the record.
    pub creator_known: bool,
    /// Whether anybody knows who sent the record for approval.
    pub submitter_known: bool,
    /// Whether nobody is assigned to the record.
    pub nobody_assigned: bool,
    /// Whether the system created it (SOURCES.md §C5: actual cost items "created
    /// automatically when a purchase registration completes").
    pub system_created: bool,
    /// Contracts: whether a contract document is set.
    pub has_document: bool,
    /// With this approve, every approver has approved.
    pub all_approved: bool,
}

fn holds_any(actor: &Actor<'_>, roles: &[&str]) -> bool {
    roles.iter().any(|r| actor.roles.contains(r))
}

/// May the actor take `action` on a `spec` record in `state`?
pub fn may_act(spec: &Spec, state: &str, action: &str, actor: &Actor<'_>) -> bool {
    if !actor.roles.contains(&"itam_agent") {
        return false;
    }
    let (roles, who): (&[&str], Who) = match action {
        "read" => (spec.read, Who::Anyone),
        "create" => (spec.create, Who::Anyone),
        "update" if spec.kind == "asset" => (asset_update(state), Who::Anyone),
        // Frozen: nobody edits it, whatever their roles.
        "update" if spec.frozen.contains(&state) => return false,
        "update" => spec.update,
        "delete" => return false,
        other => panic!("unknown action {other}"),
    };
    holds_any(actor, roles) && (who != Who::Assigned || actor.is_assignee)
}

/// The outcome of an event: the next state, or what was wrong.
pub fn fire(
    spec: &Spec,
    state: &'static str,
    event: &str,
    actor: &Actor<'_>,
    facts: Facts,
) -> Result<&'static str, &'static str> {
    let Some((_, roles, who)) = spec.events.iter().find(|(e, _, _)| *e == event) else {
        return Err("not_applicable");
    };
    let Some((_, _, to)) = spec
        .edges
        .iter()
        .find(|(f, e, _)| *f == state && *e == event)
    else {
        return Err("wrong_state");
    };
    if !actor.roles.contains(&"itam_agent") {
        return Err("no_access");
    }
    if !holds_any(actor, roles) {
        return Err("role");
    }
    match who {
        Who::Anyone => {}
        Who::Assigned if actor.is_assignee => {}
        Who::Assigned if facts.nobody_assigned => return Err("nobody_assigned"),
        Who::Assigned => return Err("assigned"),
        // SOURCES.md §T1 (decided 2026-11-23): the person who submits an item for
        // approval never approves or rejects it, as for its creator and assigned user.
        Who::FourEyes if actor.is_creator || actor.is_assignee || actor.is_submitter => {
            return Err("four_eyes")
        }
        // SOURCES.md §S1: "whoever created ... a record may not approve it". With the
        // creator unknown that cannot be checked: refuse, unless nobody created it
        // (the system did).
        Who::FourEyes if !facts.creator_known && !facts.system_created => {
            return Err("unknown_creator")
        }
        // ... failing closed where the host does not say who submitted: on a kind
        // that is sent for approval at all.
        Who::FourEyes
            if !facts.submitter_known
                && spec
                    .events
                    .iter()
                    .any(|(e, _, _)| *e == "send_for_approval") =>
        {
            return Err("unknown_submitter")
        }
        Who::FourEyes => {}
    }
    if spec.kind == "contract" && event == "send_for_approval" && !facts.has_document {
        return Err("document");
    }
    // Every approver must approve: until the last, the record keeps waiting.
    if event == "approve" && spec.every_approver && !facts.all_approved {
        return Ok(state);
    }
    Ok(to)
}
