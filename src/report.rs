//! The policy rendered for people, from the same static tables the decisions use
//! (there is no second copy of the policy to drift).
//!
//! Every renderer is a value that implements [`Display`], so it
//! writes into any formatter without allocating: `println!("{}", ...)`,
//! `to_string()`, or a `core::fmt::Write` of the host's.
//!
//! ```
//! use itam_rbac::report::{self, Format};
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
//! ```

use core::fmt::{self, Display, Formatter};

use crate::vocabulary::vocabulary;
use crate::{matrix, Action, Role, Roles, TaskKind};

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

/// See [`full`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    format: Format,
}

/// See [`document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document;

/// Roles joined by `", "`, or an em dash for none.
struct OrDash(Roles);

impl Display for OrDash {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("—")
        } else {
            self.0.fmt(f)
        }
    }
}

impl RoleGraph {
    fn markdown(f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| role | includes (directly) | effective (transitively) |"
        )?;
        writeln!(f, "|---|---|---|")?;
        for role in Role::ALL {
            writeln!(
                f,
                "| {role} | {} | {} |",
                OrDash(role.includes()),
                role.effective()
            )?;
        }
        Ok(())
    }

    /// The edges, with each line written as `pre from mid to post`.
    fn edges(f: &mut Formatter<'_>, pre: &str, mid: &str, post: &str) -> fmt::Result {
        for role in Role::ALL {
            for included in role.includes().roles() {
                writeln!(f, "{pre}{role}{mid}{included}{post}")?;
            }
        }
        Ok(())
    }

    fn mermaid(f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "flowchart BT")?;
        Self::edges(f, "    ", " --> ", "")
    }

    /// The graph as DOT statements (no `digraph` around them).
    fn dot_body(f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "    node [shape=box];")?;
        for role in Role::ALL {
            writeln!(f, "    \"{role}\";")?;
        }
        Self::edges(f, "    \"", "\" -> \"", "\";")
    }
}

impl Display for RoleGraph {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.format {
            Format::Markdown => Self::markdown(f),
            Format::Mermaid => Self::mermaid(f),
            Format::Dot => {
                writeln!(f, "digraph roles {{\n    rankdir=BT;")?;
                Self::dot_body(f)?;
                writeln!(f, "}}")
            }
        }
    }
}

impl Display for TaskMatrix {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("| task kind |")?;
        for action in Action::ALL {
            write!(f, " {action} |")?;
        }
        f.write_str("\n|---|")?;
        for _ in Action::ALL {
            f.write_str("---|")?;
        }
        f.write_str("\n")?;
        for &kind in TaskKind::ALL {
            write!(f, "| {kind} |")?;
            for &action in Action::ALL {
                write!(f, " {} |", matrix::cell(kind, action))?;
            }
            f.write_str("\n")?;
        }
        Ok(())
    }
}

impl Display for Report {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.format {
            Format::Markdown => {
                writeln!(f, "## Roles\n\n{}", role_graph(Format::Markdown))?;
                writeln!(f, "## Task permission matrix\n\n{}", task_matrix())
            }
            Format::Mermaid => write!(f, "{}", role_graph(Format::Mermaid)),
            Format::Dot => {
                writeln!(f, "digraph policy {{\n    compound=true;")?;
                writeln!(
                    f,
                    "  subgraph cluster_roles {{\n    label=\"role inclusion\";\n    rankdir=BT;"
                )?;
                RoleGraph::dot_body(f)?;
                writeln!(f, "  }}\n}}")
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
             (`UPDATE_POLICY=1 cargo test --test report` rewrites it).\n"
        )?;
        writeln!(
            f,
            "## Roles\n\nAn arrow points from a role to a role it includes.\n"
        )?;
        writeln!(f, "```mermaid\n{}```\n", role_graph(Format::Mermaid))?;
        writeln!(f, "{}", role_graph(Format::Markdown))?;
        writeln!(f, "## Task permission matrix\n")?;
        writeln!(
            f,
            "Each cell lists its grants, any one of which allows; a grant names roles (any \
             one suffices, held directly or through inclusion) and its clause.\n"
        )?;
        write!(f, "{}", task_matrix())
    }
}
