//! A small command line: the decision for one request, and why.
//!
//! ```text
//! cargo run --example explain -- ROLES ACTION KIND STATE [assigned]
//! cargo run --example explain -- itam_operation_specialist update maintenance in_progress assigned
//! cargo run --example explain -- itam_agent,itam_contract_manager update inventory in_progress
//! cargo run --example explain -- "itam_agent, itam_contract_manager" update inventory in_progress
//! cargo run --example explain -- none read inventory registered
//! cargo run --example explain -- --help
//! ```
//!
//! ROLES is `none` (no roles), or system role names separated by commas, with or
//! without spaces after them: the `roles:` line the command prints can be pasted
//! back as ROLES. A name is exact; a name near one in the policy gets a suggestion.
//! Exit status: 0 allowed, 1 denied, 2 bad input (a name not in the policy, an empty
//! role list, a wrong number of arguments).

use std::io::{self, Write};
use std::process::ExitCode;

use itam_rbac::{explain, Action, ParseError, Role, Roles, Subject, Task, TaskKind, TaskState};

/// The word for "no roles" in ROLES, and in the `roles:` line for the empty set.
const NONE: &str = "none";

/// The one flag.
const ASSIGNED: &str = "assigned";

/// Exit status: the request is allowed (or the usage was asked for).
const ALLOWED: u8 = 0;
/// Exit status: the request is denied.
const DENIED: u8 = 1;
/// Exit status: bad input, nothing decided.
const BAD_INPUT: u8 = 2;

/// The request, parsed from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Request {
    roles: Roles,
    action: Action,
    kind: TaskKind,
    state: TaskState,
    assigned: bool,
}

/// Why the command line is bad input (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
enum BadInput {
    /// The wrong number of arguments: the usage follows the message.
    Shape(String),
    /// A name that is not in the policy, or an empty role list.
    Name(String),
}

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    /// `-h` or `--help`: the usage.
    Help,
    /// A decision.
    Explain(Request),
}

/// Reads the arguments (without the program name).
fn parse(args: &[String]) -> Result<Command, BadInput> {
    if let [flag] = args {
        if flag == "-h" || flag == "--help" {
            return Ok(Command::Help);
        }
    }
    let shape = || {
        BadInput::Shape(format!(
            "expected ROLES ACTION KIND STATE [{ASSIGNED}], got {} argument{}",
            args.len(),
            if args.len() == 1 { "" } else { "s" }
        ))
    };
    let [roles, action, kind, state, rest @ ..] = args else {
        return Err(shape());
    };
    let assigned = match rest {
        [] => false,
        [flag] if flag == ASSIGNED => true,
        [flag] => {
            let err = ParseError::new("flag", flag, &[ASSIGNED]);
            return Err(BadInput::Name(err.to_string()));
        }
        _ => return Err(shape()),
    };
    let named = |err: ParseError| BadInput::Name(err.to_string());
    Ok(Command::Explain(Request {
        roles: parse_roles(roles).map_err(BadInput::Name)?,
        action: action.parse().map_err(named)?,
        kind: kind.parse().map_err(named)?,
        state: state.parse().map_err(named)?,
        assigned,
    }))
}

/// Reads ROLES: `none`, or role names separated by a comma and any spaces after it
/// (`a,b` and `a, b` alike), each role once. An empty list is an error: a user with
/// no roles is written `none`, so that a lost argument is not read as one.
fn parse_roles(arg: &str) -> Result<Roles, String> {
    if arg == NONE {
        return Ok(Roles::empty());
    }
    if arg.trim().is_empty() {
        return Err(format!(
            "empty role list {arg:?}: write {NONE} for a user with no roles"
        ));
    }
    // The `Display` form of `Roles`, which its `FromStr` reads: ", " between names.
    let items: Vec<&str> = arg
        .split(',')
        .enumerate()
        .map(|(i, item)| {
            if i == 0 {
                item
            } else {
                item.trim_start_matches(' ')
            }
        })
        .collect();
    if items.contains(&"") {
        return Err(format!(
            "empty name in the role list {arg:?}: a comma at an end, or two in a row"
        ));
    }
    let normalized = items.join(", ");
    normalized
        .parse()
        .map_err(|err: ParseError| err.to_string())
}

/// Prints `roles` as ROLES accepts them: `none`, or the `Display` form.
fn roles_arg(roles: Roles) -> String {
    if roles.is_empty() {
        NONE.to_owned()
    } else {
        roles.to_string()
    }
}

/// The usage, with every name the policy knows.
fn usage() -> String {
    format!(
        "usage: explain ROLES ACTION KIND STATE [{ASSIGNED}]
       explain --help
  ROLES     {NONE}, or role names separated by commas, e.g. itam_agent,itam_responsible
            or \"itam_agent, itam_responsible\" (as the roles: line prints them):
{roles}
  ACTION    {actions}
  KIND      {kinds}
  STATE     {states}
  {ASSIGNED:<9} the user is the task's assigned user
exit status: 0 allowed, 1 denied, 2 bad input",
        roles = choices(Role::NAMES, "            "),
        actions = choices(Action::NAMES, "            ").trim_start(),
        kinds = choices(TaskKind::NAMES, "            ").trim_start(),
        states = choices(TaskState::NAMES, "            ").trim_start(),
    )
}

/// `names` separated by `" | "`, in lines of at most 88 columns, each starting with
/// `indent`.
fn choices(names: &[&str], indent: &str) -> String {
    let mut lines = vec![indent.to_owned()];
    for (i, name) in names.iter().enumerate() {
        let separator = if i + 1 < names.len() { " |" } else { "" };
        let line = lines.last_mut().filter(|l| l.len() + name.len() + 3 <= 88);
        match line {
            Some(line) => {
                if line.len() > indent.len() {
                    line.push(' ');
                }
                line.push_str(name);
                line.push_str(separator);
            }
            None => lines.push(format!("{indent}{name}{separator}")),
        }
    }
    lines.join("\n")
}

/// Runs the command line: the exit status, with the report on `out` and any error on
/// `err`.
fn run(args: &[String], out: &mut impl Write, err: &mut impl Write) -> io::Result<u8> {
    let request = match parse(args) {
        Ok(Command::Explain(request)) => request,
        Ok(Command::Help) => {
            writeln!(out, "{}", usage())?;
            return Ok(ALLOWED);
        }
        Err(BadInput::Shape(problem)) => {
            writeln!(err, "error: {problem}\n{}", usage())?;
            return Ok(BAD_INPUT);
        }
        Err(BadInput::Name(problem)) => {
            writeln!(err, "error: {problem}\n(explain --help lists every name)")?;
            return Ok(BAD_INPUT);
        }
    };
    let user = Subject::new("you", request.roles);
    let other = if request.assigned {
        "you"
    } else {
        "someone else"
    };
    let task = Task::new(request.kind, request.state).assigned_to(other);
    let decision = explain(&user, request.action, &task);
    writeln!(out, "roles:     {}", roles_arg(user.granted()))?;
    writeln!(out, "effective: {}", roles_arg(user.effective()))?;
    writeln!(out, "decision:  {decision}")?;
    writeln!(out, "code:      {}", decision.code())?;
    Ok(if decision.is_allowed() {
        ALLOWED
    } else {
        DENIED
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args, &mut io::stdout().lock(), &mut io::stderr().lock()) {
        Ok(status) => ExitCode::from(status),
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, parse_roles, run, usage, BadInput, Command, Request};
    use itam_rbac::{Action, Role, Roles, TaskKind, TaskState};

    fn args(line: &[&str]) -> Vec<String> {
        line.iter().map(|a| (*a).to_owned()).collect()
    }

    /// The exit status, standard output and standard error of a run.
    fn run_with(line: &[&str]) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args(line), &mut out, &mut err).unwrap_or(99);
        (
            status,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    /// The value after `label` on the report line that starts with it.
    fn line<'a>(out: &'a str, label: &str) -> Option<&'a str> {
        out.lines()
            .find_map(|l| l.strip_prefix(label))
            .map(str::trim_start)
    }

    #[test]
    fn the_ci_invocation_is_allowed() {
        let (status, out, err) = run_with(&[
            "itam_operation_specialist",
            "update",
            "maintenance",
            "in_progress",
            "assigned",
        ]);
        assert_eq!((status, err.as_str()), (0, ""), "{out}");
        assert_eq!(line(&out, "roles:"), Some("itam_operation_specialist"));
        assert_eq!(line(&out, "code:"), Some("2"));
    }

    #[test]
    fn a_typo_in_any_argument_gets_the_nearest_name() {
        for (line, wrong, right) in [
            (
                [
                    "itam_opertion_specialist",
                    "update",
                    "maintenance",
                    "in_progress",
                    "assigned",
                ],
                "itam_opertion_specialist",
                "itam_operation_specialist",
            ),
            (
                [
                    "itam_agent, itam_contract_manger",
                    "update",
                    "maintenance",
                    "in_progress",
                    "assigned",
                ],
                "itam_contract_manger",
                "itam_contract_manager",
            ),
            (
                [
                    "itam_operation_specialist",
                    "updte",
                    "maintenance",
                    "in_progress",
                    "assigned",
                ],
                "updte",
                "update",
            ),
            (
                [
                    "itam_operation_specialist",
                    "update",
                    "maintainance",
                    "in_progress",
                    "assigned",
                ],
                "maintainance",
                "maintenance",
            ),
            (
                [
                    "itam_operation_specialist",
                    "update",
                    "maintenance",
                    "in_progres",
                    "assigned",
                ],
                "in_progres",
                "in_progress",
            ),
            (
                [
                    "itam_operation_specialist",
                    "update",
                    "maintenance",
                    "in_progress",
                    "asigned",
                ],
                "asigned",
                "assigned",
            ),
        ] {
            let (status, out, err) = run_with(&line);
            assert_eq!((status, out.as_str()), (2, ""), "{line:?}");
            assert!(
                err.starts_with("error: unknown ")
                    && err.contains(&format!("{wrong:?} (did you mean {right:?}?)")),
                "{err}"
            );
        }
    }

    #[test]
    fn an_empty_role_list_is_bad_input() {
        for empty in ["", " ", "  "] {
            let (status, out, err) = run_with(&[empty, "read", "inventory", "registered"]);
            assert_eq!((status, out.as_str()), (2, ""), "{empty:?}");
            assert!(
                err.contains("empty role list") && err.contains("none"),
                "{err}"
            );
        }
        // An empty item inside a list is an error too, not skipped.
        for list in [
            "itam_agent,",
            ",itam_agent",
            "itam_agent,,itam_admin",
            "itam_agent, ",
        ] {
            let err = parse_roles(list).err().unwrap_or_default();
            assert!(
                err.starts_with("empty name in the role list"),
                "{list:?}: {err}"
            );
        }
    }

    #[test]
    fn none_means_no_roles() {
        assert_eq!(parse_roles("none"), Ok(Roles::empty()));
        let (status, out, err) = run_with(&["none", "read", "inventory", "registered"]);
        // A decision, denied (no ITAM access), and printed as ROLES accepts it.
        assert_eq!((status, err.as_str()), (1, ""));
        assert_eq!(line(&out, "roles:"), Some("none"));
        assert_eq!(line(&out, "effective:"), Some("none"));
        // `none` is a word of its own, not a role name in a list.
        assert!(parse_roles("none,itam_agent").is_err());
        assert!(parse_roles("NONE").is_err());
    }

    #[test]
    fn the_printed_roles_paste_back_as_roles() {
        let expected = Roles::AGENT | Roles::CONTRACT_MANAGER;
        for roles in [
            "itam_agent,itam_contract_manager",
            "itam_agent, itam_contract_manager",
            "itam_contract_manager,  itam_agent",
        ] {
            assert_eq!(parse_roles(roles), Ok(expected), "{roles:?}");
        }
        let (_, out, _) = run_with(&[
            "itam_agent,itam_contract_manager",
            "update",
            "inventory",
            "in_progress",
        ]);
        let printed = line(&out, "roles:").unwrap_or_default();
        assert_eq!(printed, "itam_agent, itam_contract_manager");
        let (status, again, err) = run_with(&[printed, "update", "inventory", "in_progress"]);
        assert_eq!((status, err.as_str()), (1, ""));
        assert_eq!(again, out);
        // The effective roles paste back too, for every role.
        for role in Role::ALL {
            let (_, out, _) = run_with(&[role.name(), "read", "inventory", "registered"]);
            let effective = line(&out, "effective:").unwrap_or_default();
            assert_eq!(parse_roles(effective), Ok(role.effective()), "{role}");
        }
    }

    #[test]
    fn a_role_named_twice_is_bad_input() {
        let (status, _, err) =
            run_with(&["itam_agent,itam_agent", "read", "inventory", "registered"]);
        assert_eq!(status, 2);
        assert!(err.contains(r#"duplicate role name "itam_agent""#), "{err}");
    }

    #[test]
    fn the_usage_lists_every_name() {
        let usage = usage();
        let words: Vec<&str> = usage
            .split(|c: char| c.is_whitespace() || c == '|' || c == ',')
            .collect();
        for name in Role::NAMES
            .iter()
            .chain(Action::NAMES)
            .chain(TaskKind::NAMES)
            .chain(TaskState::NAMES)
            .chain(&["none", "assigned"])
        {
            assert!(words.contains(name), "{name} is not in the usage:\n{usage}");
        }
        assert!(usage.lines().all(|l| l.len() <= 88), "{usage}");
        assert_eq!(parse(&args(&["--help"])), Ok(Command::Help));
        let (status, out, _) = run_with(&["--help"]);
        assert_eq!((status, out.trim_end()), (0, usage.as_str()));
        // A wrong number of arguments shows it on standard error.
        let (status, out, err) = run_with(&["itam_agent", "read"]);
        assert_eq!((status, out.as_str()), (2, ""));
        assert!(
            err.starts_with("error: expected ROLES") && err.contains(&usage),
            "{err}"
        );
    }

    #[test]
    fn a_full_request_parses() {
        assert_eq!(
            parse(&args(&[
                "itam_agent, itam_responsible",
                "read",
                "relocation",
                "approved"
            ])),
            Ok(Command::Explain(Request {
                roles: Roles::AGENT | Roles::RESPONSIBLE,
                action: Action::Read,
                kind: TaskKind::Relocation,
                state: TaskState::Approved,
                assigned: false,
            }))
        );
        let six = args(&[
            "itam_agent",
            "read",
            "relocation",
            "approved",
            "assigned",
            "x",
        ]);
        assert!(matches!(parse(&six), Err(BadInput::Shape(_))));
        assert!(matches!(
            parse(&args(&["itam_agent", "read", "relocation", "aproved"])),
            Err(BadInput::Name(_))
        ));
    }
}
