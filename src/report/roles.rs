//! The role inclusion graph and the task permission matrix.

use core::fmt::{self, Display, Formatter};

use super::{Format, RoleGraph, TaskMatrix};
use crate::{matrix, Action, Role, Roles, TaskKind};

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
