//! The role inclusion graph and the task permission matrix.

use core::fmt::{self, Display, Formatter};

use super::{table_head, Format, RoleGraph, RolesOr, TaskMatrix};
use crate::{matrix, Action, Role, TaskKind};

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
                RolesOr(role.includes(), "—"),
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
    pub(super) fn dot_body(f: &mut Formatter<'_>) -> fmt::Result {
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
        table_head(f, &["task kind"], Action::ALL.iter())?;
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
