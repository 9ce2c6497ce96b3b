//! Prints the reference policy, then a few decisions with their reasons.
//!
//! ```text
//! cargo run --example reference_policy                  # the whole report and some decisions
//! cargo run --example reference_policy -- markdown      # the tables only
//! cargo run --example reference_policy -- mermaid       # the diagrams, as Mermaid
//! cargo run --example reference_policy -- dot | dot -Tsvg > policy.svg
//! cargo run --example reference_policy -- --help
//! ```
//!
//! Exit status: 0 printed, 2 bad input (an unknown format, an extra argument, an
//! argument that is not UTF-8), 3 the output could not be written. A closed pipe
//! (`| head`) ends the output quietly, with status 0.

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use itam_rbac::report::{self, Format};
use itam_rbac::{explain, Action, Role, Subject, Task, TaskKind, TaskState};

#[path = "support/output.rs"]
mod output;

/// Exit status: printed (or the usage was asked for).
const PRINTED: u8 = 0;
/// Exit status: bad input, nothing printed.
const BAD_INPUT: u8 = 2;

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    /// `-h` or `--help`: the usage.
    Help,
    /// The policy document, then some decisions explained.
    Document,
    /// The whole report in one format.
    Report(Format),
}

/// Reads the arguments (without the program name): the problem when they are bad.
fn parse(args: &[OsString]) -> Result<Command, String> {
    if args
        .iter()
        .any(|arg| matches!(arg.to_str(), Some("-h" | "--help")))
    {
        return Ok(Command::Help);
    }
    match args {
        [] => Ok(Command::Document),
        [name] => {
            let name = name
                .to_str()
                .ok_or_else(|| format!("the argument is not valid UTF-8: {name:?}"))?;
            name.parse()
                .map(Command::Report)
                .map_err(|err| err.to_string())
        }
        [_, extra, ..] => Err(format!("unexpected argument {extra:?}")),
    }
}

/// The usage.
fn usage() -> String {
    format!(
        "usage: reference_policy [{formats}]
       reference_policy --help
  (none)    the policy document (Markdown with Mermaid diagrams), then some decisions
  markdown  the tables
  mermaid   the diagrams, as Mermaid
  dot       the diagrams, as one Graphviz digraph (| dot -Tsvg > policy.svg)
exit status: {PRINTED} printed, {BAD_INPUT} bad input, {} the output could not be written",
        output::WRITE_ERROR,
        formats = Format::NAMES.join(" | "),
    )
}

/// Runs the command line: the exit status, with the output on `out` and any error
/// on `err`, and whether they could be written.
fn run(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> (u8, io::Result<()>) {
    let written = match parse(args) {
        Ok(Command::Help) => writeln!(out, "{}", usage()),
        Ok(Command::Document) => {
            write!(out, "{}", report::document()).and_then(|()| print_decisions(out))
        }
        Ok(Command::Report(format)) => write!(out, "{}", report::full(format)),
        Err(problem) => return (BAD_INPUT, writeln!(err, "error: {problem}\n{}", usage())),
    };
    (PRINTED, written.and_then(|()| out.flush()))
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let (status, written) = run(&args, &mut io::stdout().lock(), &mut io::stderr().lock());
    ExitCode::from(output::exit_status(status, &written, &mut io::stderr()))
}

/// Some decisions, each with its reason.
fn print_decisions(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\n## Some decisions, explained\n")?;
    let specialist = Subject::new("s.orlova", Role::OperationSpecialist);
    let manager = Subject::new("m.kuznetsov", Role::ProcessManager);
    let lawyer = Subject::new("l.smirnova", Role::ContractManager);
    let platform = Subject::new("root", Role::PlatformAdmin);
    let repair = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to("s.orlova");
    let audit = Task::new(TaskKind::Inventory, TaskState::InProgress).assigned_to("s.orlova");

    let requests = [
        (&specialist, Action::Update, &repair),
        (
            &specialist,
            Action::Update,
            &repair.clone().assigned_to("a.volkov"),
        ),
        (&manager, Action::Update, &repair),
        (&manager, Action::Delete, &repair),
        (&lawyer, Action::Update, &audit),
        (
            &specialist,
            Action::Update,
            &audit.clone().in_state(TaskState::Completed),
        ),
        (&platform, Action::Read, &audit),
    ];
    for (user, action, task) in requests {
        let decision = explain(user, action, task);
        writeln!(
            out,
            "- {} ({}): [{}] {decision}",
            user.id(),
            user.granted(),
            decision.code()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::io;

    use super::output::{self, Failing};
    use super::{parse, run, usage, Command};
    use itam_rbac::report::Format;

    fn args(line: &[&str]) -> Vec<OsString> {
        line.iter().map(OsString::from).collect()
    }

    /// The exit status of a run on `out`, as `main` ends it, and what it said on
    /// standard error.
    fn ends(line: &[&str], out: &mut impl io::Write) -> (u8, String) {
        let mut err = Vec::new();
        let (status, written) = run(&args(line), out, &mut err);
        let status = output::exit_status(status, &written, &mut err);
        (status, String::from_utf8_lossy(&err).into_owned())
    }

    /// Before: `cargo run --example reference_policy | head` panicked (`println!`
    /// on a closed pipe, exit 101). Now every output stops quietly, status 0.
    #[test]
    fn a_closed_pipe_ends_quietly() {
        for line in [&[][..], &["markdown"], &["mermaid"], &["dot"], &["--help"]] {
            let (status, err) = ends(line, &mut Failing(io::ErrorKind::BrokenPipe));
            assert_eq!((status, err.as_str()), (0, ""), "{line:?}");
        }
    }

    #[test]
    fn another_write_error_is_a_write_error() {
        let (status, err) = ends(&[], &mut Failing(io::ErrorKind::Other));
        assert_eq!(status, output::WRITE_ERROR);
        assert!(err.starts_with("error: cannot write the output"), "{err}");
    }

    #[test]
    fn the_report_is_printed_whole() {
        let mut out = Vec::new();
        let (status, err) = ends(&[], &mut out);
        assert_eq!((status, err.as_str()), (0, ""));
        let out = String::from_utf8_lossy(&out);
        assert!(out.starts_with("# "), "{out}");
        assert!(out.contains("\n## Some decisions, explained\n\n- s.orlova"));
        assert!(out.lines().filter(|l| l.starts_with("- ")).count() >= 7);
    }

    /// Before: `--help` was an unknown report format.
    #[test]
    fn help_and_bad_input() {
        assert_eq!(parse(&args(&["--help"])), Ok(Command::Help));
        assert_eq!(parse(&args(&["dot", "-h"])), Ok(Command::Help));
        assert_eq!(parse(&args(&["dot"])), Ok(Command::Report(Format::Dot)));
        let mut out = Vec::new();
        let (status, err) = ends(&["--help"], &mut out);
        assert_eq!((status, err.as_str()), (0, ""));
        assert_eq!(String::from_utf8_lossy(&out).trim_end(), usage());
        for line in [&["svg"][..], &["dot", "mermaid"]] {
            let mut out = Vec::new();
            let (status, err) = ends(line, &mut out);
            assert_eq!((status, out.len()), (2, 0), "{line:?}");
            assert!(
                err.starts_with("error: ") && err.contains("usage:"),
                "{err}"
            );
        }
        let (_, err) = ends(&["mermiad"], &mut Vec::new());
        assert!(err.contains("(did you mean \"mermaid\"?)"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_non_utf8_argument_is_bad_input() {
        use std::os::unix::ffi::OsStringExt;
        let line = [OsString::from_vec(b"d\xffot".to_vec())];
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let (status, written) = run(&line, &mut out, &mut err);
        assert!(written.is_ok());
        assert_eq!((status, out.len()), (2, 0));
        let err = String::from_utf8_lossy(&err);
        assert!(
            err.starts_with("error: the argument is not valid UTF-8"),
            "{err}"
        );
    }
}
