//! The policy rendered for people, from the same static tables the decisions use
//! (there is no second copy of the policy to drift).
//!
//! Every renderer is a value that implements [`Display`], so it
//! writes into any formatter without allocating: `println!("{}", ...)`,
//! `to_string()`, or a `core::fmt::Write` of the host's.
//!
//! ```
//! use itam_rbac::report::{self, Format};
//! use itam_rbac::records::RecordKind;
//!
//! let mermaid = report::role_graph(Format::Mermaid).to_string();
//! assert!(mermaid.starts_with("flowchart BT\n"));
//! assert!(mermaid.contains("itam_purchase_manager --> itam_purchase_agent"));
//!
//! let dot = report::role_graph(Format::Dot).to_string();
//! assert!(dot.contains("\"itam_demand_manager\" -> \"itam_nomenclature_manager\";"));
//!
//! let matrix = report::task_matrix().to_string();
//! assert!(matrix.contains(
//!     "| maintenance | itam_agent | itam_responsible or itam_operation_specialist or \
//!      itam_process_manager | itam_process_manager, or itam_operation_specialist as the \
//!      assigned user | nobody (never granted) |"
//! ));
//!
//! // The state machines are walked from the transition functions themselves.
//! let assets = report::asset_lifecycle(Format::Mermaid).to_string();
//! assert!(assets.starts_with("stateDiagram-v2\n"));
//! assert!(assets.contains(
//!     "lifecycle_storage_available --> lifecycle_storage_reserved: allocation add"
//! ));
//! let tasks = report::task_workflow(Format::Mermaid).to_string();
//! assert!(tasks.contains(
//!     "task_in_progress --> task_pending_approval: send_for_approval \
//!      (approval optional or required)"
//! ));
//! let contract = report::record(RecordKind::Contract, Format::Markdown).to_string();
//! assert!(contract.contains(
//!     "| approve | approval → signing | itam_contract_approver, not the creator nor \
//!      the assigned user |"
//! ));
//!
//! // One digraph, one cluster a diagram: `dot -Tsvg` draws the whole policy.
//! let all = report::full(Format::Dot).to_string();
//! assert!(all.contains("subgraph cluster_lifecycle {"));
//! assert!(all.contains("subgraph cluster_purchase_request {"));
//! ```
//!
//! # What is drawn
//!
//! | renderer | Markdown | Mermaid, DOT |
//! |---|---|---|
//! | [`role_graph`] | the role table | the inclusion graph |
//! | [`task_matrix`] | the task permission matrix | — |
//! | [`task_workflow`] | transitions, approval policy and performer a kind | the task workflow |
//! | [`asset_lifecycle`] | SOURCES.md §A2 and the manual moves | the asset life cycle |
//! | [`record`] | who may act in each state and fire each event | the record's states |
//! | [`sod_conflicts`] | the conflicting role pairs | — |
//! | [`role_engineering`] | overlaps, what each role alone grants, least privilege per job function | — |
//! | [`full`] | every table | every diagram (DOT: one `digraph`, one cluster each) |
//! | [`document`] | `POLICY.md`: every table, diagrams as Mermaid blocks | — |
//!
//! [`decision_space`] is the report for machines: every decision of the crate,
//! asked every question, as canonical text one line a context (the crate's
//! `tests/decision_space.txt`), and [`decision_space_digest`] its FNV-1a digest
//! (pinned by revision in the tests; `POLICY_FINGERPRINT` is the walk over the
//! tables that the crate does while it compiles).

mod asset;
mod diagram;
mod document;
mod engineering;
mod record;
mod roles;
pub(crate) mod space;
mod task;

use core::fmt::{self, Display, Formatter};

pub use self::engineering::{role_engineering, RoleEngineering};
pub use self::space::{decision_space, decision_space_digest};

use self::diagram::Machine;
use self::record::Render;
use crate::records::RecordKind;
use crate::vocabulary::vocabulary;

vocabulary! {
    /// An output format of the report.
    pub enum Format ("report format") {
        /// Markdown tables (the role table, the matrix, the records).
        Markdown = "markdown",
        /// Mermaid diagrams (the role graph and the state machines).
        Mermaid = "mermaid",
        /// Graphviz DOT: one `digraph`, one cluster a diagram, so
        /// `dot -Tsvg` draws it in one picture.
        Dot = "dot",
    }
}

/// The role inclusion graph: an edge from each role to each role it includes
/// directly. Markdown renders the role table (direct and effective inclusions).
#[must_use]
pub const fn role_graph(format: Format) -> RoleGraph {
    RoleGraph { format }
}

/// The task permission matrix as a Markdown table, conditional clauses spelled out.
#[must_use]
pub const fn task_matrix() -> TaskMatrix {
    TaskMatrix
}

/// The asset life cycle (SOURCES.md §A): as a state diagram (Mermaid, DOT)
/// walked from [`lifecycle::transition`](crate::lifecycle::transition),
/// [`lifecycle::create`](crate::lifecycle::create) and the
/// [`ManualMove`](crate::lifecycle::ManualMove)s, or as the Markdown table of
/// [`lifecycle::row`](crate::lifecycle::row) and the manual moves.
///
/// The diagram draws every event that moves an asset (one edge a pair of states,
/// labelled `kind event` for each task event and `manual move` for each manual
/// move); events that leave the asset where it is are in the table only.
#[must_use]
pub const fn asset_lifecycle(format: Format) -> AssetLifecycle {
    AssetLifecycle { format }
}

/// The task workflow (SOURCES.md §T5): as a state diagram (Mermaid, DOT) walked
/// from [`workflow::validate`](crate::workflow::validate) for the people who may
/// act, each edge labelled with its event and, unless it holds for every kind, the
/// approval policies or kinds it holds for; or as Markdown, the same transitions
/// and each kind's approval policy and performer.
#[must_use]
pub const fn task_workflow(format: Format) -> TaskWorkflow {
    TaskWorkflow { format }
}

/// One record kind (SOURCES.md §C): its state machine (Mermaid, DOT) walked from
/// [`RecordState::next`](crate::records::RecordState::next), or as Markdown its permission
/// tables: who may take each action in each state, and who may fire each event
/// (roles, four eyes, assigned user, the contract document), with the transitions
/// it makes. The asset record adds the form fields each editing role may change.
#[must_use]
pub const fn record(kind: RecordKind, format: Format) -> RecordReport {
    RecordReport { kind, format }
}

/// The separation-of-duties table ([`sod::all`](crate::sod::all)) as
/// Markdown.
#[must_use]
pub const fn sod_conflicts() -> SodTable {
    SodTable
}

/// The whole report in one format; [`document`] is the Markdown document with the
/// diagrams embedded as Mermaid blocks (the crate's `POLICY.md`).
#[must_use]
pub const fn full(format: Format) -> Report {
    Report { format }
}

/// The policy document: Markdown tables with embedded Mermaid diagrams. The crate's
/// `POLICY.md` is this, and a test keeps it so.
#[must_use]
pub const fn document() -> Document {
    Document
}

/// See [`role_graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleGraph {
    format: Format,
}

/// See [`task_matrix`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskMatrix;

/// See [`asset_lifecycle`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssetLifecycle {
    format: Format,
}

/// See [`task_workflow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskWorkflow {
    format: Format,
}

/// See [`record`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordReport {
    kind: RecordKind,
    format: Format,
}

/// See [`sod_conflicts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SodTable;

/// See [`full`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    format: Format,
}

/// See [`document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document;

/// A machine in one format: its Markdown, its diagram, or a standalone DOT graph.
/// Writes the head of a Markdown table: a column a `lead` word, then one a
/// `heads` value, and the rule under them.
fn table_head<H: Display>(
    f: &mut Formatter<'_>,
    lead: &[&str],
    heads: impl Iterator<Item = H> + Clone,
) -> fmt::Result {
    f.write_str("|")?;
    for word in lead {
        write!(f, " {word} |")?;
    }
    for head in heads.clone() {
        write!(f, " {head} |")?;
    }
    f.write_str("\n|")?;
    for _ in 0..lead.len() + heads.count() {
        f.write_str("---|")?;
    }
    f.write_str("\n")
}

/// Roles, or `.1` for the empty set.
struct RolesOr(crate::Roles, &'static str);

impl Display for RolesOr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str(self.1)
        } else {
            self.0.fmt(f)
        }
    }
}

fn machine<M: Machine>(
    m: &M,
    format: Format,
    markdown: fn(&mut Formatter<'_>) -> fmt::Result,
    f: &mut Formatter<'_>,
) -> fmt::Result {
    match format {
        Format::Markdown => markdown(f),
        Format::Mermaid => diagram::mermaid(m, f),
        Format::Dot => diagram::dot(m, f),
    }
}

impl Display for AssetLifecycle {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        machine(&asset::AssetMachine, self.format, asset::markdown, f)
    }
}

impl Display for TaskWorkflow {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        machine(&task::TaskMachine, self.format, task::markdown, f)
    }
}

impl Display for RecordReport {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let render = match self.format {
            Format::Markdown => Render::Markdown,
            Format::Mermaid => Render::Mermaid,
            Format::Dot => Render::Dot,
        };
        record::render(self.kind, render, f)
    }
}

impl Display for SodTable {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "| prepares or coordinates | duty | approves | record |")?;
        writeln!(f, "|---|---|---|---|")?;
        for conflict in crate::sod::all() {
            writeln!(
                f,
                "| {} | {} | {} | {} |",
                conflict.preparer(),
                conflict.duty(),
                conflict.approver(),
                conflict.record()
            )?;
        }
        writeln!(
            f,
            "\nRoles that both prepare and approve one kind of record (no role \
             assignment separates them; four eyes on each record does):\n"
        )?;
        for (role, record) in crate::sod::self_approving() {
            writeln!(f, "- {role}: {record}")?;
        }
        Ok(())
    }
}
