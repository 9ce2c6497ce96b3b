//! The asset life cycle of SOURCES.md §A: where an asset is ([`AssetState`]),
//! what each task kind accepts ([`accepts`]), what task events do to it
//! ([`transition`]) and the few moves made outside tasks ([`move_asset`]).
//!
//! ```
//! use itam_rbac::lifecycle::{self, AssetEvent, AssetFlags, Next, Outcome, Resume};
//! use itam_rbac::lifecycle::AssetState;
//! use itam_rbac::TaskKind;
//!
//! // A laptop in use goes to maintenance.
//! let laptop = AssetState::InUse;
//! lifecycle::accepts(TaskKind::Maintenance, laptop, AssetFlags::empty())?;
//! let Next::State(pending) = lifecycle::transition(laptop, TaskKind::Maintenance, AssetEvent::Add)? else {
//!     unreachable!()
//! };
//! assert_eq!(pending.to_string(), "in_operation/pending_maintenance");
//!
//! let started = lifecycle::transition(pending, TaskKind::Maintenance, AssetEvent::Start)?;
//! assert_eq!(started, Next::State(AssetState::InMaintenance { resume: Resume::InUse }));
//!
//! // Repaired: back exactly where it was.
//! let done = AssetEvent::Complete(Outcome::Done);
//! let back = lifecycle::transition(started.state().unwrap(), TaskKind::Maintenance, done)?;
//! assert_eq!(back, Next::State(AssetState::InUse));
//!
//! // A disposal task does not take it.
//! let err = lifecycle::transition(AssetState::InUse, TaskKind::Disposal, AssetEvent::Add).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "cannot add an asset in in_operation/in_use on the disposal task: \
//!      the kind does not accept an asset in this state"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The model
//!
//! - Stage and state change only through tasks, plus the four [`ManualMove`]s.
//! - The task table is [`row`]: one row a task kind, one cell an event, written in
//!   the source as the table of SOURCES.md §A2.
//! - A task that suspends an asset puts it in a state that carries where it was
//!   ([`AssetState::resume`]), so cancel and completion restore it exactly.
//! - [`transition`] checks the state; [`accepts`] also checks the asset's
//!   [`AssetFlags`] (*not found*, already in a task, permanent location).
//!
//! # Our decisions
//!
//! Where the policy text is silent or ambiguous, the crate decides; every such
//! reading, and every place where the product grants more, is written once in
//! [DECISIONS.md](crate#our-decisions-and-where-the-product-differs) (the last
//! section of the crate docs), not here.

mod accept;
mod event;
mod manual;
mod names;
mod state;
mod table;
mod transition;

pub use self::accept::{accepts, AcceptError, AssetFlags, Refusal};
pub use self::event::{AssetEvent, Outcome};
pub(crate) use self::manual::ACCEPTS_DISCOVERED;
pub use self::manual::{move_asset, system_move, ManualMove, MoveError, MoveFault};
pub use self::state::{AssetStage, AssetState, Resume};
pub use self::table::{row, Effect, Row, Suspension};
pub use self::transition::{
    create, transition, CreateError, Next, TransitionError, TransitionFault,
};
