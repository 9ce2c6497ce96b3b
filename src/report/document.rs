//! The whole report: [`Report`] in one format, and [`Document`] (`POLICY.md`).

use core::fmt::{self, Display, Formatter};

use super::asset::AssetMachine;
use super::diagram;
use super::record::Render;
use super::task::TaskMachine;
use super::{
    asset_lifecycle, record, role_engineering, role_graph, sod_conflicts, task_matrix,
    task_workflow, Document, Format, Report, RoleGraph,
};
use crate::records::RecordKind;

/// Whether the Markdown sections embed their diagrams and explain them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prose {
    /// The tables only (`full(Format::Markdown)`).
    TablesOnly,
    /// Diagrams as Mermaid blocks and a sentence or two a section (`document()`).
    Explained,
}

/// A Mermaid block, when the sections are explained.
fn diagram(prose: Prose, f: &mut Formatter<'_>, what: &dyn Display) -> fmt::Result {
    match prose {
        Prose::TablesOnly => Ok(()),
        Prose::Explained => writeln!(f, "```mermaid\n{what}```\n"),
    }
}

/// A paragraph, when the sections are explained.
fn say(prose: Prose, f: &mut Formatter<'_>, text: &str) -> fmt::Result {
    match prose {
        Prose::TablesOnly => Ok(()),
        Prose::Explained => writeln!(f, "{text}\n"),
    }
}

/// Every section, in order.
fn sections(prose: Prose, f: &mut Formatter<'_>) -> fmt::Result {
    roles_and_matrix(prose, f)?;
    writeln!(f, "\n## Task workflow\n")?;
    say(prose, f, TASK_TEXT)?;
    diagram(prose, f, &task_workflow(Format::Mermaid))?;
    writeln!(f, "{}", task_workflow(Format::Markdown))?;
    writeln!(f, "## Asset life cycle\n")?;
    say(prose, f, ASSET_TEXT)?;
    diagram(prose, f, &asset_lifecycle(Format::Mermaid))?;
    writeln!(f, "{}", asset_lifecycle(Format::Markdown))?;
    writeln!(f, "## Records\n")?;
    say(prose, f, RECORD_TEXT)?;
    for &kind in RecordKind::ALL {
        writeln!(f, "### {kind}\n")?;
        diagram(prose, f, &record(kind, Format::Mermaid))?;
        writeln!(f, "{}", record(kind, Format::Markdown))?;
    }
    writeln!(f, "## Separation of duties\n")?;
    say(prose, f, SOD_TEXT)?;
    write!(f, "{}", sod_conflicts())?;
    writeln!(f, "\n## Role engineering\n")?;
    say(prose, f, ENGINEERING_TEXT)?;
    write!(f, "{}", role_engineering())
}

fn roles_and_matrix(prose: Prose, f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(f, "## Roles\n")?;
    say(
        prose,
        f,
        "An arrow points from a role to a role it includes.",
    )?;
    diagram(prose, f, &role_graph(Format::Mermaid))?;
    writeln!(f, "{}", role_graph(Format::Markdown))?;
    writeln!(f, "## Task permission matrix\n")?;
    say(prose, f, MATRIX_TEXT)?;
    write!(f, "{}", task_matrix())
}

const MATRIX_TEXT: &str = "Each cell lists its grants, any one of which allows; a grant names \
    roles (any one suffices, held directly or through inclusion) and its clause.";

const TASK_TEXT: &str = "Walked from `workflow::validate` for every state, event and kind. An \
    edge holds for every kind unless its label says for which approval policies or kinds. \
    Who may fire each event (assigned user, assignment group, approvers, four eyes) is in \
    the `workflow` module's documentation; every event needs `itam_agent`.";

const ASSET_TEXT: &str = "Walked from `lifecycle::transition` for every state, task kind and \
    event, from `lifecycle::create`, and from the manual moves. An edge is labelled `kind \
    event` for each task event and `manual move` for each manual move; events that leave \
    the asset where it is are in the table only. Suspended states carry where the asset \
    was, so `restored` is exact.";

const RECORD_TEXT: &str = "For each record: its states (from its `next` function), who may take \
    each action in each state, and who may fire each event. Every action and event also \
    needs `itam_agent`; delete is granted to nobody.";

const SOD_TEXT: &str = "One person should not hold both roles of a row (roles are closed under \
    inclusion before the check). Per record, four eyes also applies: whoever created a record \
    or is assigned to it never approves it.";

const ENGINEERING_TEXT: &str = "Read from the same tables (`review::engineering`). A role is \
    *named for* a permission when a grant of the tables names it itself, not a role it \
    includes; a role set is granted a permission when a grant names one of its roles or a \
    role they include, whatever the clause or the state. A task is approved by \
    `itam_responsible` as the responsible person of its assets; an added approver or a \
    committee member is named on the task, not granted by a role. A job function's \
    least-privilege role sets grant every duty, then the fewest permissions more, then hold \
    the fewest roles once closed under inclusion, then are granted the fewest roles; \
    `tests/decisions/role_engineering.rs` checks them against every one of the 2^21 role \
    sets.";

impl Display for Report {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.format {
            Format::Markdown => sections(Prose::TablesOnly, f),
            Format::Mermaid => {
                write!(f, "{}", role_graph(Format::Mermaid))?;
                write!(f, "\n{}", task_workflow(Format::Mermaid))?;
                write!(f, "\n{}", asset_lifecycle(Format::Mermaid))?;
                for &kind in RecordKind::ALL {
                    write!(f, "\n{}", record(kind, Format::Mermaid))?;
                }
                Ok(())
            }
            Format::Dot => {
                writeln!(f, "digraph policy {{\n    compound=true;\n    rankdir=LR;")?;
                writeln!(
                    f,
                    "  subgraph cluster_roles {{\n    label=\"role inclusion\";"
                )?;
                RoleGraph::dot_body(f)?;
                writeln!(f, "  }}")?;
                diagram::dot_cluster(&TaskMachine, f)?;
                diagram::dot_cluster(&AssetMachine, f)?;
                for &kind in RecordKind::ALL {
                    super::record::render(kind, Render::DotCluster, f)?;
                }
                writeln!(f, "}}")
            }
        }
    }
}

impl Display for Document {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "# The itam-rbac reference policy\n")?;
        writeln!(
            f,
            "Generated from the crate's tables by `report::document()`; do not edit by hand \
             (`UPDATE_POLICY=1 cargo test --test decision_space report` rewrites it).\n"
        )?;
        sections(Prose::Explained, f)
    }
}
