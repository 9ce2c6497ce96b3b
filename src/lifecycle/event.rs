//! What a task does to its assets: [`AssetEvent`] and the completion [`Outcome`].

use core::fmt;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// How a task ended its work, where a kind can end in more than one way
    /// (SOURCES.md §A2, "on complete").
    ///
    /// Kinds with one result complete with [`Outcome::Done`]; maintenance with
    /// `done` (repaired) or `unfixable`; decommissioning with `decommissioned` or
    /// `lost_or_stolen`; asset transfer with `sold`, `donated` or
    /// `returned_to_supplier`.
    pub enum Outcome ("outcome") {
        /// The kind's one ordinary result (maintenance: repaired).
        Done = "done",
        /// Maintenance: the asset cannot be repaired.
        Unfixable = "unfixable",
        /// Decommissioning: the asset is decommissioned.
        Decommissioned = "decommissioned",
        /// Decommissioning: the asset is lost or stolen.
        LostOrStolen = "lost_or_stolen",
        /// Asset transfer: sold.
        Sold = "sold",
        /// Asset transfer: donated.
        Donated = "donated",
        /// Asset transfer: returned to its supplier.
        ReturnedToSupplier = "returned_to_supplier",
    }
}

/// A task event, as it reaches one asset of the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetEvent {
    /// The asset is added to the task (the task is saved with it).
    Add,
    /// Work on the task starts (again, after a postponement: assets already
    /// started stay where they are).
    Start,
    /// The task completes, with this outcome.
    Complete(Outcome),
    /// The task is canceled.
    Cancel,
}

impl AssetEvent {
    /// Every event: add, start, cancel, then complete with each [`Outcome`].
    pub const ALL: &'static [Self] = &[
        AssetEvent::Add,
        AssetEvent::Start,
        AssetEvent::Cancel,
        AssetEvent::Complete(Outcome::Done),
        AssetEvent::Complete(Outcome::Unfixable),
        AssetEvent::Complete(Outcome::Decommissioned),
        AssetEvent::Complete(Outcome::LostOrStolen),
        AssetEvent::Complete(Outcome::Sold),
        AssetEvent::Complete(Outcome::Donated),
        AssetEvent::Complete(Outcome::ReturnedToSupplier),
    ];

    /// The event's name without its outcome: `add`, `start`, `complete`, `cancel`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            AssetEvent::Add => "add",
            AssetEvent::Start => "start",
            AssetEvent::Complete(_) => "complete",
            AssetEvent::Cancel => "cancel",
        }
    }

    /// The event's name with its outcome, as the decision-space dump and the audit
    /// record write it: `add`, `start`, `cancel`, or `complete(<outcome>)`.
    ///
    /// ```
    /// use itam_rbac::lifecycle::{AssetEvent, Outcome};
    ///
    /// assert_eq!(AssetEvent::Complete(Outcome::LostOrStolen).qualified(), "complete(lost_or_stolen)");
    /// assert_eq!(AssetEvent::Add.qualified(), "add");
    /// ```
    #[must_use]
    pub const fn qualified(self) -> &'static str {
        match self {
            AssetEvent::Add => "add",
            AssetEvent::Start => "start",
            AssetEvent::Cancel => "cancel",
            AssetEvent::Complete(Outcome::Done) => "complete(done)",
            AssetEvent::Complete(Outcome::Unfixable) => "complete(unfixable)",
            AssetEvent::Complete(Outcome::Decommissioned) => "complete(decommissioned)",
            AssetEvent::Complete(Outcome::LostOrStolen) => "complete(lost_or_stolen)",
            AssetEvent::Complete(Outcome::Sold) => "complete(sold)",
            AssetEvent::Complete(Outcome::Donated) => "complete(donated)",
            AssetEvent::Complete(Outcome::ReturnedToSupplier) => "complete(returned_to_supplier)",
        }
    }

    /// The outcome, for a completion.
    #[must_use]
    pub const fn outcome(self) -> Option<Outcome> {
        match self {
            AssetEvent::Complete(outcome) => Some(outcome),
            // Only a completion has an outcome.
            AssetEvent::Add | AssetEvent::Start | AssetEvent::Cancel => None,
        }
    }
}

/// `add`, `start`, `cancel`, or `complete (outcome)`.
impl fmt::Display for AssetEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.outcome() {
            Some(outcome) => write!(f, "{} ({outcome})", self.name()),
            None => f.write_str(self.name()),
        }
    }
}
