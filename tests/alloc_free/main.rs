//! Nothing allocates: the decision path, the audit record, the list-view filters
//! and role engineering (`decisions`), and the report and the decision space
//! rendered (`report`). Checked with a counting global allocator, global to the
//! process, so this binary runs without the libtest harness (`harness = false` in
//! Cargo.toml): only the main thread runs while it counts. It prints the plain
//! `N passed, N failed` line a test runner would.

use std::alloc::System;
use std::fmt::Write;

use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};

mod decisions;
mod report;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// A `fmt::Write` that only counts bytes, so formatting a message allocates nothing.
struct Sink(usize);

impl Write for Sink {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

fn main() {
    decisions::main();
    report::main();
}
