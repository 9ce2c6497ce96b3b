//! SOURCES.md §R2 and §T1 transcribed as plain strings, for the peers.
//!
//! The peers do not read itam-rbac's own tables (`Role::includes`, `matrix`): they
//! are built from this independent transcription, so that the agreement pass checks
//! the crate's encoding of the spec as well as the peers'.

/// SOURCES.md §R2: every role and the roles it includes directly.
pub const INCLUDES: &[(&str, &[&str])] = &[
    ("itam_agent", &[]),
    ("itam_admin", &["itam_agent"]),
    ("itam_nomenclature_manager", &["itam_agent"]),
    ("itam_responsible", &["itam_agent"]),
    ("itam_operation_specialist", &["itam_agent"]),
    ("itam_process_manager", &["itam_agent"]),
    ("itam_contract_manager", &["itam_agent"]),
    ("itam_contract_approver", &["itam_agent"]),
    ("itam_purchase_agent", &["itam_agent", "itam_demand_agent"]),
    (
        "itam_purchase_manager",
        &["itam_agent", "itam_purchase_agent"],
    ),
    (
        "itam_purchase_approver",
        &["itam_agent", "itam_purchase_agent"],
    ),
    ("itam_budget_controller", &["itam_agent"]),
    ("itam_finance_agent", &["itam_agent"]),
    ("itam_finance_manager", &["itam_agent"]),
    (
        "itam_demand_agent",
        &["itam_agent", "fiscal_period_agent", "cost_center_agent"],
    ),
    (
        "itam_demand_manager",
        &[
            "itam_agent",
            "itam_demand_agent",
            "itam_nomenclature_manager",
        ],
    ),
    ("itam_demand_approver", &["itam_agent", "itam_demand_agent"]),
    ("itam_endpoint_user", &["itam_agent"]),
    ("fiscal_period_agent", &[]),
    ("cost_center_agent", &[]),
    ("admin", &[]),
];

/// SOURCES.md §T1: the twelve task kinds whose update follows the Registration rule
/// (all but Inventory and Change of responsible).
pub const STANDARD_KINDS: &[&str] = &[
    "registration",
    "allocation",
    "relocation",
    "change_of_stock",
    "return_to_stock",
    "maintenance",
    "upgrading",
    "decommissioning",
    "disposal",
    "asset_transfer",
];

/// The kind with the "except contract_manager" clause, open tasks only.
pub const INVENTORY: &str = "inventory";
/// The kind whose update goes to responsible, or process_manager as assignee.
pub const CHANGE_OF_RESPONSIBLE: &str = "change_of_responsible";
/// The terminal states that close an Inventory task to every update.
pub const COMPLETED: &str = "completed";
/// See [`COMPLETED`].
pub const CANCELED: &str = "canceled";
