//! The role engineering section: overlaps, what each role alone is named for or
//! adds, and the least-privilege role sets of the job functions
//! ([`review::engineering`](crate::review::engineering)).

use core::fmt::{self, Display, Formatter};

use super::RolesOr;
use crate::lifecycle::ManualMove;
use crate::records::RecordEvent;
use crate::records::RecordKind;
use crate::review::engineering::{self, JobFunction, Named, Overlap, Permission, PermissionSet};
use crate::review::Operation;
use crate::workflow::TaskEvent;
use crate::{Action, Role, Roles, TaskKind};

/// The role engineering tables as Markdown: the permissions two roles are both
/// named for (with the clause of each), what each role alone is named for, adds to
/// the roles it includes or takes away from them, the roles that add nothing, and
/// for each job function of SOURCES.md §J its duties, the product's mapping and the
/// least-privilege role sets with their separation-of-duties conflicts.
///
/// ```
/// use itam_rbac::report;
///
/// let text = report::role_engineering().to_string();
/// assert!(text.contains("| itam_operation_specialist | itam_process_manager |"));
/// assert!(text.contains("#### finance_and_legal"));
/// ```
#[must_use]
pub const fn role_engineering() -> RoleEngineering {
    RoleEngineering
}

/// See [`role_engineering`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleEngineering;

/// A permission set in few words: task operations with their kinds, record
/// operations by kind, manual moves; `—` when empty.
struct Compact(PermissionSet);

impl Display for Compact {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let set = self.0;
        if set.is_empty() {
            return f.write_str("—");
        }
        let mut sep = Sep::default();
        for &action in Action::ALL {
            kinds(f, &mut sep, action.name(), |kind| {
                set.contains(Permission::Task(kind, action))
            })?;
        }
        for &event in TaskEvent::ALL {
            kinds(f, &mut sep, event.name(), |kind| {
                set.contains(Permission::TaskEvent(kind, event))
            })?;
        }
        for &kind in RecordKind::ALL {
            let ops = Action::ALL
                .iter()
                .map(|&a| Operation::Action(a))
                .chain(RecordEvent::ALL.iter().map(|&e| Operation::Event(e)))
                .filter(|&op| set.contains(Permission::Record(kind, op)));
            for (i, op) in ops.enumerate() {
                if i == 0 {
                    sep.next(f)?;
                    write!(f, "{kind}: {op}")?;
                } else {
                    write!(f, ", {op}")?;
                }
            }
        }
        let moves = ManualMove::ALL
            .iter()
            .filter(|&&m| set.contains(Permission::Move(m)));
        for (i, m) in moves.enumerate() {
            if i == 0 {
                sep.next(f)?;
                write!(f, "manual move: {m}")?;
            } else {
                write!(f, ", {m}")?;
            }
        }
        Ok(())
    }
}

/// `; ` between items.
#[derive(Default)]
struct Sep(bool);

impl Sep {
    fn next(&mut self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.0 {
            f.write_str("; ")?;
        }
        self.0 = true;
        Ok(())
    }
}

/// `name tasks: kinds` for the task kinds `has` holds for (`every kind` for all).
fn kinds(
    f: &mut Formatter<'_>,
    sep: &mut Sep,
    name: &str,
    has: impl Fn(TaskKind) -> bool,
) -> fmt::Result {
    let count = TaskKind::ALL.iter().filter(|&&k| has(k)).count();
    if count == 0 {
        return Ok(());
    }
    sep.next(f)?;
    write!(f, "{name} tasks: ")?;
    if count == TaskKind::ALL.len() {
        return f.write_str("every kind");
    }
    for (i, kind) in TaskKind::ALL.iter().filter(|&&k| has(k)).enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{kind}")?;
    }
    Ok(())
}

/// A role's clause for a table cell: `always`, or the clause, and `, in some
/// states`.
struct ClauseCell(Named);

impl Display for ClauseCell {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.clause)?;
        if !self.0.in_every_state {
            f.write_str(", in some states")?;
        }
        Ok(())
    }
}

/// Whether two overlaps are of the same pair with the same clauses.
fn same_row(a: &Overlap, b: &Overlap) -> bool {
    a.first == b.first && a.second == b.second
}

fn overlaps(f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(
        f,
        "| role | role | both named for | clause of the first | clause of the second |"
    )?;
    writeln!(f, "|---|---|---|---|---|")?;
    let all = engineering::overlaps();
    for (i, overlap) in all.clone().enumerate() {
        // One row a pair and pair of clauses, at its first overlap.
        if all
            .clone()
            .take(i)
            .any(|earlier| same_row(&earlier, &overlap))
        {
            continue;
        }
        let set: PermissionSet = all
            .clone()
            .filter(|other| same_row(other, &overlap))
            .map(|other| other.permission)
            .collect();
        writeln!(
            f,
            "| {} | {} | {} | {} | {} |",
            overlap.first.role,
            overlap.second.role,
            Compact(set),
            ClauseCell(overlap.first),
            ClauseCell(overlap.second)
        )?;
    }
    Ok(())
}

fn roles(f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(
        f,
        "| role | named for (count) | only it is named for | adds to what it includes | takes away |"
    )?;
    writeln!(f, "|---|---|---|---|---|")?;
    for &role in Role::ALL {
        writeln!(
            f,
            "| {role} | {} | {} | {} | {} |",
            engineering::direct(role).len(),
            Compact(engineering::sole(role)),
            Compact(engineering::added(role)),
            Compact(engineering::removed(role)),
        )?;
    }
    f.write_str(
        "\nRoles with no permission of their own (they add nothing to what they include): ",
    )?;
    for (i, role) in engineering::redundant().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{role}")?;
    }
    f.write_str(".\n")
}

/// The conflicts a role set holds, or `none`.
fn conflicts(f: &mut Formatter<'_>, roles: Roles) -> fmt::Result {
    let mut any = false;
    for (i, conflict) in crate::sod::conflicts(roles).enumerate() {
        f.write_str(if i > 0 { "; " } else { "" })?;
        write!(f, "{conflict}")?;
        any = true;
    }
    if !any {
        f.write_str("none")?;
    }
    Ok(())
}

fn job_function(f: &mut Formatter<'_>, function: JobFunction) -> fmt::Result {
    let duties = function.duties();
    writeln!(f, "#### {function}\n")?;
    writeln!(f, "{}.\n", function.describe())?;
    writeln!(f, "- duties ({}): {}", duties.len(), Compact(duties))?;
    for &mapping in function.mappings() {
        let granted = engineering::granted(mapping);
        write!(
            f,
            "- the product's mapping, {}: ",
            RolesOr(mapping, "no role")
        )?;
        let missing = duties.difference(granted);
        if missing.is_empty() {
            write!(
                f,
                "grants every duty; extra permissions: {}",
                granted.difference(duties).len()
            )?;
        } else {
            write!(f, "lacks {}", Compact(missing))?;
        }
        f.write_str("; conflicts: ")?;
        conflicts(f, mapping)?;
        f.write_str("\n")?;
    }
    let mut any = false;
    for assignment in function.least_privilege() {
        any = true;
        write!(
            f,
            "- least privilege, {}: extra permissions: {} ({}); conflicts: ",
            RolesOr(assignment.roles(), "no role"),
            assignment.extra().len(),
            Compact(assignment.extra())
        )?;
        conflicts(f, assignment.roles())?;
        f.write_str("\n")?;
    }
    if !any {
        f.write_str("- least privilege: no role set grants every duty\n")?;
    }
    f.write_str("\n")
}

impl Display for RoleEngineering {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "### Where roles overlap\n")?;
        overlaps(f)?;
        writeln!(f, "\n### What each role alone is named for\n")?;
        roles(f)?;
        writeln!(f, "\n### Job functions and least privilege\n")?;
        for &function in JobFunction::ALL {
            job_function(f, function)?;
        }
        Ok(())
    }
}
