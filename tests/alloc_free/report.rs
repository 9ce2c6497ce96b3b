//! Rendering the report allocates nothing: every renderer, and the decision space,
//! writes straight into the formatter. Checked with a counting global allocator, in
//! a binary without the test harness so that no other thread allocates while it
//! counts.

use std::fmt::Write;

use itam_rbac::records::RecordKind;
use itam_rbac::report::{self, Format};
use stats_alloc::Region;

use crate::{Sink, GLOBAL};

pub fn main() {
    let mut sink = Sink(0);
    let region = Region::new(GLOBAL);
    let mut written = Ok(());
    for &format in Format::ALL {
        written = written
            .and_then(|()| write!(sink, "{}", report::full(format)))
            .and_then(|()| write!(sink, "{}", report::asset_lifecycle(format)))
            .and_then(|()| write!(sink, "{}", report::task_workflow(format)));
        for &kind in RecordKind::ALL {
            written = written.and_then(|()| write!(sink, "{}", report::record(kind, format)));
        }
    }
    written = written.and_then(|()| write!(sink, "{}", report::document()));
    let change = region.change();
    assert!(written.is_ok(), "a renderer failed");
    assert_eq!(change.allocations, 0, "rendering allocated: {change:?}");
    assert_eq!(change.reallocations, 0, "rendering reallocated: {change:?}");
    assert!(sink.0 > 100_000, "the report must have been written");
    println!("report_no_alloc: {} bytes rendered, no allocation", sink.0);
    decision_space_allocates_nothing();
}

/// The whole decision space, rendered into a counting sink (a debug build takes
/// some fifteen seconds): fixed arrays only.
fn decision_space_allocates_nothing() {
    let mut sink = Sink(0);
    let region = Region::new(GLOBAL);
    let written = report::decision_space(&mut sink);
    let change = region.change();
    assert!(written.is_ok(), "the decision space render failed");
    assert_eq!(
        change.allocations, 0,
        "the decision space allocated: {change:?}"
    );
    assert_eq!(
        change.reallocations, 0,
        "the decision space reallocated: {change:?}"
    );
    assert!(
        sink.0 > 100_000,
        "the decision space must have been written"
    );
    println!(
        "report_no_alloc: decision space, {} bytes, no allocation",
        sink.0
    );
}
