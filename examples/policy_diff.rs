//! A policy change reviewed by its effect: the decisions that differ between a
//! decision-space dump (by default the checked-in `tests/decision_space.txt`) and
//! what this build of the crate decides, grouped by rule.
//!
//! Each line of the dump stands for a box of contexts (person relations, flags)
//! and, for every one of the 232 role sets the dump asks about, an outcome (the
//! format is in the docs of `report::decision_space`). Both dumps are expanded to
//! single decisions, one a (domain, target, verb, state, context, role set), and
//! compared; the differences are grouped by (domain, target, verb, state, old
//! outcome → new outcome), with the count of decisions and the single roles whose
//! answer changed.
//!
//! ```sh
//! cargo run --example policy_diff                       # checked-in dump → this build
//! git show 04901be:tests/decision_space.txt > /tmp/rev1.txt
//! cargo run --example policy_diff -- /tmp/rev1.txt      # policy revision 1 → this build
//! ```
//!
//! Exits 0 and prints "no change" when the two agree, 1 when they differ, 2 when a
//! dump cannot be read or parsed, 3 when the output could not be written. A closed
//! pipe (`| head`) ends the output quietly, with the status of the comparison.
//! `--help` prints the usage.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use itam_rbac::{report, Role};

#[path = "support/output.rs"]
mod output;

/// The domains whose lines give an outcome for each role set.
const WITH_SUBJECT: &[&str] = &[
    "task",
    "task_edit",
    "workflow",
    "record",
    "record_event",
    "asset_fields",
    "asset_move",
    "sod",
];

/// A decision: the rule it belongs to (domain, target, verb, state), the context
/// (each dimension's value), and the role set's index (0 without a subject).
type Point = (String, Vec<(String, String)>, usize);

/// The values of a dimension, for a `*`.
fn values_of(domain: &str, dim: &str) -> Vec<&'static str> {
    match dim {
        "assignee" => vec!["self", "other", "none"],
        "creator" if domain == "workflow" => vec!["self", "other", "unknown", "system"],
        "creator" => vec![
            "self",
            "other",
            "unknown",
            "system",
            "self+system",
            "other+system",
        ],
        "submitter" => vec!["self", "other", "unknown"],
        // `document`, `all_approved` and every flag.
        _ => vec!["0", "1"],
    }
}

/// The 232 role sets of the dump, in its order: the empty set, each role, each pair.
fn role_sets() -> Vec<Vec<&'static str>> {
    let names: Vec<&'static str> = Role::ALL.iter().map(|role| role.name()).collect();
    let mut sets = vec![Vec::new()];
    sets.extend(names.iter().map(|&name| vec![name]));
    for (i, &a) in names.iter().enumerate() {
        for &b in names.iter().skip(i + 1) {
            sets.push(vec![a, b]);
        }
    }
    sets
}

/// Whether the role set `set` gets the outcome of `group` (the tokens after the
/// outcome: `{}`, singles or `all ~role…`, and `+a&b` / `-a&b`).
fn in_group(group: &[&str], set: &[&str]) -> bool {
    let all = group.first() == Some(&"all");
    let single = |role: &str| {
        if all {
            !group
                .iter()
                .any(|token| token.strip_prefix('~') == Some(role))
        } else {
            group.contains(&role)
        }
    };
    match set {
        [] => group.contains(&"{}"),
        [role] => single(role),
        [a, b] => {
            let pair = format!("{a}&{b}");
            if group
                .iter()
                .any(|t| t.strip_prefix('+') == Some(pair.as_str()))
            {
                true
            } else if group
                .iter()
                .any(|t| t.strip_prefix('-') == Some(pair.as_str()))
            {
                false
            } else {
                single(a) || single(b)
            }
        }
        _ => false,
    }
}

/// The dimensions of each rule, as a dump names them.
type Dims = HashMap<String, Vec<String>>;

/// Every decision a dump states, with its outcome (a decision it does not state is
/// a denial, `deny`), and the dimensions of each rule. A dimension that `like`
/// names for a rule and this dump does not (one added by a later format) is
/// expanded over all its values: the older answer held for each of them.
fn expand(dump: &str, like: &Dims) -> Result<(HashMap<Point, String>, Dims), String> {
    let sets = role_sets();
    let mut out = HashMap::new();
    let mut dims_of = Dims::new();
    for (number, line) in dump.lines().enumerate().skip(1) {
        let bad = |what: &str| format!("line {}: {what}: {line}", number + 1);
        let (head, body) = line.split_once(':').ok_or_else(|| bad("no ':'"))?;
        let mut tokens = head.split(' ');
        let rule: Vec<&str> = tokens.by_ref().take(4).collect();
        if rule.len() != 4 {
            return Err(bad("fewer than four names"));
        }
        let domain = rule.first().copied().unwrap_or_default();
        let rule = rule.join(" ");
        let mut dims: Vec<(&str, &str)> = Vec::new();
        for dim in tokens {
            dims.push(
                dim.split_once('=')
                    .ok_or_else(|| bad("a dimension without '='"))?,
            );
        }
        for name in like.get(&rule).into_iter().flatten() {
            if !dims.iter().any(|(named, _)| named == name) {
                dims.push((name.as_str(), "*"));
            }
        }
        dims.sort_unstable();
        dims_of.insert(
            rule.clone(),
            dims.iter().map(|(name, _)| (*name).to_owned()).collect(),
        );
        let mut contexts: Vec<Vec<(String, String)>> = vec![Vec::new()];
        for (name, values) in dims {
            let values: Vec<String> = if values == "*" {
                values_of(domain, name)
                    .into_iter()
                    .map(String::from)
                    .collect()
            } else {
                values.split(',').map(String::from).collect()
            };
            contexts = contexts
                .into_iter()
                .flat_map(|context| {
                    values.iter().map(move |value| {
                        let mut next = context.clone();
                        next.push((name.to_owned(), value.clone()));
                        next
                    })
                })
                .collect();
        }
        if WITH_SUBJECT.contains(&domain) {
            let groups: Vec<Vec<&str>> = body
                .split(" |")
                .map(|group| group.split_whitespace().collect())
                .collect();
            for (index, set) in sets.iter().enumerate() {
                let outcome = groups.iter().find_map(|group| match group.split_first() {
                    Some((outcome, rest)) if in_group(rest, set) => Some(*outcome),
                    _ => None,
                });
                if let Some(outcome) = outcome {
                    for context in &contexts {
                        out.insert((rule.clone(), context.clone(), index), outcome.to_owned());
                    }
                }
            }
        } else {
            for context in &contexts {
                out.insert((rule.clone(), context.clone(), 0), body.trim().to_owned());
            }
        }
    }
    Ok((out, dims_of))
}

/// The changes, grouped by rule and by old → new outcome: the count of decisions
/// and the single roles among them, in the dump's order of rules.
fn diff(old: &str, new: &str) -> Result<Vec<String>, String> {
    let (new, dims) = expand(new, &Dims::new())?;
    let (old, old_dims) = expand(old, &dims)?;
    let sets = role_sets();
    let mut lines = Vec::new();
    // A domain with a subject leaves out a rule that denies everybody, so a rule
    // one dump lacks is compared as all denied. A domain without one writes every
    // rule it has: a rule only one dump has is a new or retired question, named by
    // its (domain, target, verb) with the count of its states.
    let asks_subject =
        |rule: &str| WITH_SUBJECT.contains(&rule.split(' ').next().unwrap_or_default());
    let mut only: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for (rules, others, what) in [
        (&dims, &old_dims, "new in this build"),
        (&old_dims, &dims, "gone from this build"),
    ] {
        for rule in rules
            .keys()
            .filter(|rule| !others.contains_key(*rule) && !asks_subject(rule))
        {
            let question: Vec<&str> = rule.split(' ').take(3).collect();
            *only.entry((question.join(" "), what)).or_default() += 1;
        }
    }
    for ((question, what), states) in only {
        lines.push(format!("{question}: {what} ({states} states)"));
    }
    let mut groups: BTreeMap<(String, String, String), (usize, Vec<&'static str>)> =
        BTreeMap::new();
    let keys: std::collections::BTreeSet<&Point> = old
        .keys()
        .chain(new.keys())
        .filter(|key| {
            asks_subject(&key.0) || (dims.contains_key(&key.0) && old_dims.contains_key(&key.0))
        })
        .collect();
    for key in keys {
        let before = old.get(key).map_or("deny", String::as_str);
        let after = new.get(key).map_or("deny", String::as_str);
        if before == after {
            continue;
        }
        let entry = groups
            .entry((key.0.clone(), before.to_owned(), after.to_owned()))
            .or_default();
        entry.0 += 1;
        if let Some([role]) = sets.get(key.2).map(Vec::as_slice) {
            if !entry.1.contains(role) {
                entry.1.push(role);
            }
        }
    }
    lines.extend(
        groups
            .into_iter()
            .map(|((rule, before, after), (count, roles))| {
                let roles = if roles.is_empty() {
                    String::from("role pairs only")
                } else {
                    roles.join(", ")
                };
                format!("{rule}: {before} → {after}, {count} decisions ({roles})")
            }),
    );
    Ok(lines)
}

/// Exit status: the two dumps agree (or the usage was asked for).
const SAME: u8 = 0;
/// Exit status: they differ.
const CHANGED: u8 = 1;
/// Exit status: bad input, a dump that cannot be read or parsed.
const BAD_INPUT: u8 = 2;

/// The usage.
fn usage() -> String {
    format!(
        "usage: policy_diff [DUMP]
       policy_diff --help
  DUMP  a decision-space dump (default: the checked-in tests/decision_space.txt),
        compared with what this build decides (a file named --help: write ./--help)
exit status: {SAME} no change, {CHANGED} changed, {BAD_INPUT} bad input, {} the output could not be \
written",
        output::WRITE_ERROR
    )
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    /// `-h` or `--help`: the usage.
    Help,
    /// Compare the dump at this path with this build.
    Diff(PathBuf),
}

/// Reads the arguments (without the program name). A path need not be UTF-8.
fn parse(args: &[OsString]) -> Result<Command, String> {
    if args
        .iter()
        .any(|arg| matches!(arg.to_str(), Some("-h" | "--help")))
    {
        return Ok(Command::Help);
    }
    match args {
        [] => Ok(Command::Diff(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/decision_space.txt"
        )))),
        [path] => Ok(Command::Diff(PathBuf::from(path))),
        [_, extra, ..] => Err(format!("unexpected argument {extra:?}")),
    }
}

/// Runs the command line: the exit status, with the changes on `out` and any
/// error on `err`, and whether they could be written.
fn run(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> (u8, io::Result<()>) {
    let path = match parse(args) {
        Ok(Command::Diff(path)) => path,
        Ok(Command::Help) => return (SAME, writeln!(out, "{}", usage())),
        Err(problem) => {
            return (
                BAD_INPUT,
                writeln!(err, "policy_diff: {problem}\n{}", usage()),
            )
        }
    };
    let shown = path.display();
    let old = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            return (
                BAD_INPUT,
                writeln!(err, "policy_diff: cannot read {shown}: {error}"),
            )
        }
    };
    let mut new = String::new();
    if report::decision_space(&mut new).is_err() {
        return (
            BAD_INPUT,
            writeln!(err, "policy_diff: the decision space did not render"),
        );
    }
    match diff(&old, &new) {
        Err(error) => (BAD_INPUT, writeln!(err, "policy_diff: {error}")),
        Ok(changes) => write_changes(&shown.to_string(), &changes, out),
    }
}

/// Prints the changes between the dump `shown` and this build: the exit status
/// (no change or changed), and whether the lines could be written.
fn write_changes(shown: &str, changes: &[String], out: &mut impl Write) -> (u8, io::Result<()>) {
    if changes.is_empty() {
        let written = writeln!(out, "no change: {shown} is what this build decides");
        return (SAME, written.and_then(|()| out.flush()));
    }
    let written = (|| {
        writeln!(
            out,
            "{} rules changed between {shown} and this build:",
            changes.len()
        )?;
        for change in changes {
            writeln!(out, "  {change}")?;
        }
        out.flush()
    })();
    (CHANGED, written)
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let (status, written) = run(&args, &mut io::stdout().lock(), &mut io::stderr().lock());
    ExitCode::from(output::exit_status(status, &written, &mut io::stderr()))
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::io;

    use super::output::{self, Failing};
    use super::{diff, expand, parse, run, usage, write_changes, Command};

    const HEADER: &str = "# itam-rbac decision space, format 1\n";

    #[test]
    fn equal_dumps_have_no_change() {
        let dump = format!(
            "{HEADER}task registration read registered assignee=* creator=*: allow all ~admin\n"
        );
        assert_eq!(diff(&dump, &dump), Ok(Vec::new()));
    }

    #[test]
    fn a_grant_moving_from_one_role_to_another_is_counted_per_context_and_role_set() {
        let rule = "task inventory update canceled assignee=self creator=*";
        let old = format!("{HEADER}{rule}: allow itam_agent\n");
        let new = format!("{HEADER}{rule}: allow itam_process_manager\n");
        // Six creator values; itam_agent alone and its pairs but the one with
        // itam_process_manager (which is allowed before and after): 20 role sets.
        assert_eq!(
            diff(&old, &new),
            Ok(vec![
                "task inventory update canceled: allow → deny, 120 decisions (itam_agent)"
                    .to_owned(),
                "task inventory update canceled: deny → allow, 120 decisions (itam_process_manager)"
                    .to_owned(),
            ])
        );
    }

    #[test]
    fn a_question_one_dump_lacks_is_named_not_counted() {
        let old = format!("{HEADER}fact inventory approval_policy -: none\n");
        assert_eq!(
            diff(&old, HEADER),
            Ok(vec![
                "fact inventory approval_policy: gone from this build (1 states)".to_owned()
            ])
        );
    }

    #[test]
    fn a_rule_left_out_is_all_denied_and_a_new_dimension_is_expanded() {
        // A dump leaves out a rule nobody may (all denied); and a later format could
        // add a dimension: an older line counts for each of its values.
        let rule = "task inventory update canceled assignee=self creator=*";
        let old = format!("{HEADER}{rule}: allow itam_agent\n");
        assert_eq!(
            diff(&old, HEADER),
            Ok(vec![
                "task inventory update canceled: allow → deny, 126 decisions (itam_agent)"
                    .to_owned()
            ])
        );
        let new = format!("{HEADER}{rule} submitter=*: allow itam_agent\n");
        assert_eq!(diff(&old, &new), Ok(Vec::new()));
    }

    #[test]
    fn pair_exceptions_and_the_empty_set_are_read() {
        let dump = format!(
            "{HEADER}sod - check -: itam_a+itam_b {{}} -itam_agent&itam_admin +itam_admin&itam_responsible\n"
        );
        let points = expand(&dump, &super::Dims::new())
            .map(|(points, _)| points)
            .unwrap_or_default();
        // The empty set, and one pair added; itam_agent&itam_admin is not a member.
        assert_eq!(points.len(), 2);
    }

    #[test]
    fn a_line_without_a_colon_is_an_error() {
        assert!(expand(&format!("{HEADER}task x\n"), &super::Dims::new()).is_err());
    }

    /// The exit status of a run on `out`, as `main` ends it, and what it said on
    /// standard error.
    fn ends(line: &[OsString], out: &mut impl io::Write) -> (u8, String) {
        let mut err = Vec::new();
        let (status, written) = run(line, out, &mut err);
        let status = output::exit_status(status, &written, &mut err);
        (status, String::from_utf8_lossy(&err).into_owned())
    }

    /// Before: `policy_diff | head` panicked on the closed pipe (`println!`).
    #[test]
    fn a_closed_pipe_ends_quietly_with_the_comparison_status() {
        let changes = ["task inventory update canceled: allow → deny, 1 decisions".to_owned()];
        for (changes, status) in [(&changes[..], 1), (&[], 0)] {
            let mut out = Vec::new();
            let (got, written) = write_changes("dump.txt", changes, &mut out);
            assert!(written.is_ok());
            assert_eq!(got, status);
            let mut said = Vec::new();
            let (got, written) =
                write_changes("dump.txt", changes, &mut Failing(io::ErrorKind::BrokenPipe));
            assert_eq!(output::exit_status(got, &written, &mut said), status);
            assert!(said.is_empty());
            let (got, written) =
                write_changes("dump.txt", changes, &mut Failing(io::ErrorKind::Other));
            assert_eq!(
                output::exit_status(got, &written, &mut said),
                output::WRITE_ERROR
            );
            assert!(String::from_utf8_lossy(&said).starts_with("error: cannot write the output"));
        }
    }

    #[test]
    fn help_and_bad_input() {
        let args = |line: &[&str]| line.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(parse(&args(&["--help"])), Ok(Command::Help));
        assert_eq!(parse(&args(&["-h"])), Ok(Command::Help));
        assert_eq!(parse(&args(&["dump.txt", "--help"])), Ok(Command::Help));
        let mut out = Vec::new();
        let (status, _) = ends(&args(&["--help"]), &mut out);
        assert_eq!(status, 0);
        assert_eq!(String::from_utf8_lossy(&out).trim_end(), usage());
        let (status, err) = ends(&args(&["a", "b"]), &mut Vec::new());
        assert_eq!(status, 2);
        assert!(
            err.starts_with("policy_diff: unexpected argument \"b\""),
            "{err}"
        );
        let (status, err) = ends(&args(&["/nonexistent/dump.txt"]), &mut Vec::new());
        assert_eq!(status, 2);
        assert!(
            err.starts_with("policy_diff: cannot read /nonexistent/dump.txt"),
            "{err}"
        );
    }

    /// A path need not be UTF-8: it is read, not refused (and here, not found).
    #[cfg(unix)]
    #[test]
    fn a_non_utf8_path_is_a_path() {
        use std::os::unix::ffi::OsStringExt;
        let line = [OsString::from_vec(b"/nonexistent/d\xffump".to_vec())];
        assert!(matches!(parse(&line), Ok(Command::Diff(_))));
        let (status, err) = ends(&line, &mut Vec::new());
        assert_eq!(status, 2);
        assert!(
            err.starts_with("policy_diff: cannot read /nonexistent/d"),
            "{err}"
        );
    }
}
