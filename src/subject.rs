//! The acting user.
//!
//! ```
//! use itam_rbac::{Role, Roles, Subject};
//!
//! let user = Subject::new("k.ivanova", Role::ProcessManager);
//! assert_eq!(*user.id(), "k.ivanova");
//! assert_eq!(user.granted(), Roles::PROCESS_MANAGER);
//! assert_eq!(user.effective(), Roles::PROCESS_MANAGER | Roles::AGENT);
//! ```

use crate::accessors::accessors;
use crate::role::{Role, Roles};

/// The acting user: the host's own id plus the roles granted to it.
///
/// The effective role set (the granted roles closed under inclusion) is computed
/// once, here, so that every decision afterwards is a few bit tests.
///
/// # Identities
///
/// The decisions compare the user's id with the persons around a task or record
/// (its assigned user, creator and submitter) with `Eq`: one person, one id, and
/// an id equal to itself. The host passes canonical ids, one spelling per person
/// (not `"K.Ivanova"` here and `"k.ivanova"` there): two spellings of one person
/// are two persons to the crate, and four eyes could not see that an approver
/// created the item.
///
/// "Nobody" is a person not set (the builder not called, `None`), never a value of
/// the id type: the crate cannot know which value of a host's id type means
/// "unknown" (`""`, `0`, `"-"`), so every value it is given is a person. A host
/// whose store writes an unknown person as `""` leaves the builder uncalled for it
/// (four eyes then fails closed on an unknown creator or submitter); the
/// JavaScript package does this at its input contract, refusing `''`:
///
/// ```
/// use itam_rbac::workflow::{self, Relations, TaskEvent};
/// use itam_rbac::{Role, Subject, Task, TaskKind, TaskState};
///
/// // A relocation sent for approval; the store writes its unknown submitter as "".
/// let (creator, submitter) = ("p.petrov", "");
/// let mut task = Task::new(TaskKind::Relocation, TaskState::PendingApproval)
///     .assigned_to("p.petrov")
///     .created_by(creator);
/// if !submitter.is_empty() {
///     task = task.submitted_by(submitter);
/// }
/// let keeper = Subject::new("k.ivanova", Role::Responsible);
/// let relations = Relations::ASSET_RESPONSIBLE | Relations::ALL_APPROVED;
/// // Nobody knows who sent it for approval, so four eyes cannot exclude them.
/// assert!(workflow::validate(&keeper, &task, relations, TaskEvent::Approve).is_err());
/// // Known, and not the approver: approved.
/// let task = task.submitted_by("p.petrov");
/// assert!(workflow::validate(&keeper, &task, relations, TaskEvent::Approve).is_ok());
/// ```
///
/// An id type that is only `PartialEq`, such as `f64` (where NaN is not equal to
/// itself), does not compile:
///
/// ```compile_fail
/// use itam_rbac::{can, Action, Role, Subject, Task, TaskKind, TaskState};
///
/// let user = Subject::new(f64::NAN, Role::OperationSpecialist);
/// let task = Task::new(TaskKind::Maintenance, TaskState::InProgress).assigned_to(f64::NAN);
/// let _ = can(&user, Action::Update, &task);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject<U> {
    id: U,
    granted: Roles,
    effective: Roles,
}

impl<U> Subject<U> {
    /// A user `id` holding the `granted` roles (a [`Role`], a [`Roles`] set or an
    /// array of roles).
    #[must_use]
    pub fn new(id: U, granted: impl Into<Roles>) -> Self {
        let granted = granted.into() & Roles::all();
        Subject {
            id,
            granted,
            effective: granted.effective(),
        }
    }

    /// The host's id of the user.
    #[must_use]
    pub const fn id(&self) -> &U {
        &self.id
    }

    accessors! {
        /// The roles granted to the user, as given.
        granted -> Roles;
        /// The granted roles and every role they include, transitively.
        effective -> Roles;
    }

    /// Whether the user holds `role`, directly or through inclusion.
    #[must_use]
    pub const fn has(&self, role: Role) -> bool {
        self.effective.has(role)
    }
}
