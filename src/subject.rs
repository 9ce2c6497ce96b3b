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
/// created the item. An id type that is only `PartialEq`, such as `f64` (where NaN
/// is not equal to itself), does not compile:
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

    /// The roles granted to the user, as given.
    #[must_use]
    pub const fn granted(&self) -> Roles {
        self.granted
    }

    /// The granted roles and every role they include, transitively.
    #[must_use]
    pub const fn effective(&self) -> Roles {
        self.effective
    }

    /// Whether the user holds `role`, directly or through inclusion.
    #[must_use]
    pub const fn has(&self, role: Role) -> bool {
        self.effective.has(role)
    }
}
