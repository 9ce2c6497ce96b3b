//! How an example ends when its output fails: one rule for every example that
//! prints (included with `#[path = "support/output.rs"] mod output;`).
//!
//! A closed pipe (`cargo run --example reference_policy | head`) is a reader that
//! has seen enough: the example stops writing, prints nothing more, and exits with
//! the status it had decided on (0 for a report). Any other write error (a full
//! disk, a terminal gone) is reported as a write error, on standard error, with its
//! own exit status [`WRITE_ERROR`], never as bad input.

use std::io::{self, Write};

/// Exit status: the output could not be written (a closed pipe aside).
pub const WRITE_ERROR: u8 = 3;

/// The exit status of an example that decided on `status` and then wrote its
/// output with the result `written`: `status` when the output was written or the
/// reader closed the pipe; [`WRITE_ERROR`] after a line on `err` for any other
/// write error.
pub fn exit_status(status: u8, written: &io::Result<()>, err: &mut impl Write) -> u8 {
    match written {
        Ok(()) => status,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => status,
        Err(error) => {
            // Standard error may have failed too: then there is nobody to tell.
            writeln!(err, "error: cannot write the output: {error}").ok();
            WRITE_ERROR
        }
    }
}

/// A writer that fails every write with one error kind: a closed pipe
/// (`BrokenPipe`), or any other write error, for the examples' tests.
#[cfg(test)]
#[derive(Debug)]
pub struct Failing(pub io::ErrorKind);

#[cfg(test)]
impl Write for Failing {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::from(self.0))
    }

    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::from(self.0))
    }
}
