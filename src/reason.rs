//! The one code table: every reason the crate gives for a decision, allowed
//! ([`AllowReason`]) or denied ([`DenyReason`]), each with a stable small integer
//! and a stable `snake_case` name, written once below.
//!
//! Every decision and every error of the crate names one of these reasons
//! (`reason()`) and its code (`code()`): the task matrix ([`Denied`](crate::Denied)),
//! the workflow ([`WorkflowError`](crate::workflow::WorkflowError)), the records
//! ([`RecordDenied`](crate::records::RecordDenied),
//! [`RecordError`](crate::records::RecordError)) and the asset life cycle
//! ([`AcceptError`](crate::lifecycle::AcceptError),
//! [`TransitionError`](crate::lifecycle::TransitionError),
//! [`MoveError`](crate::lifecycle::MoveError),
//! [`CreateError`](crate::lifecycle::CreateError)). A code is never reused or
//! renumbered; new codes are appended.
//!
//! Each reason's sentence (`describe()`) is written once too: a fault of those
//! vocabularies that says the same takes it from the table, or says it of its own
//! item from the same words (the task's creator, the record's).
//!
//! ```
//! use itam_rbac::lifecycle::MoveFault;
//! use itam_rbac::{AllowReason, DenyReason};
//!
//! assert_eq!(DenyReason::FourEyes.code(), 21);
//! assert_eq!(DenyReason::from_code(21), Some(DenyReason::FourEyes));
//! assert_eq!(DenyReason::FourEyes.name(), "four_eyes");
//! assert_eq!(AllowReason::from_code(2), Some(AllowReason::AssignedUser));
//! assert_eq!(MoveFault::InOpenTask.describe(), DenyReason::InOpenTask.describe());
//! ```

use crate::vocabulary::vocabulary;

/// The sentences of the code table that a fault also says of its own item (the
/// task's creator, who sent the record for approval, nobody is assigned to the
/// task): `sentence!(name)` is the table's, `sentence!(name, "task")` the same
/// sentence said of a task. Each expands to one literal (`concat!`), so a
/// `const fn` returns it; the words are written once, here.
macro_rules! sentence {
    (wrong_state $(, $item:literal)?) => {
        concat!("the ", $($item, "'s ",)? "state does not allow it")
    };
    (nobody_assigned $(, $item:literal)?) => {
        concat!("nobody is assigned", $(" to the ", $item)?)
    };
    (unknown_creator $(, $item:literal)?) => {
        concat!("the ", $($item, "'s ",)? "creator", sentence!(unchecked))
    };
    (unknown_submitter) => {
        concat!("the submitter", sentence!(unchecked))
    };
    (unknown_submitter, $item:literal) => {
        concat!("who sent the ", $item, " for approval", sentence!(unchecked))
    };
    (unchecked) => {
        " is unknown, so four eyes cannot be checked"
    };
}
pub(crate) use sentence;

/// Declares a reason vocabulary from one list of rows: the variant, its system
/// name, its code and its sentence (a literal, or a `sentence!` shared with a
/// fault). `name()`, `Display`, `FromStr`, serde, `code()`, `from_code()` and
/// `describe()` all come from that one list.
macro_rules! reasons {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $sys:literal, $code:literal, $sentence:expr; )+
        }
    ) => {
        vocabulary! {
            $(#[$meta])*
            $vis enum $name ($what) {
                $( $(#[$vmeta])* $variant = $sys, )+
            }
        }

        impl $name {
            /// The stable audit code. Codes are never reused or renumbered.
            #[must_use]
            #[inline]
            pub const fn code(self) -> u8 {
                match self {
                    $( Self::$variant => $code, )+
                }
            }

            /// The reason with this audit code, if any.
            #[must_use]
            pub fn from_code(code: u8) -> Option<Self> {
                Self::ALL.iter().copied().find(|reason| reason.code() == code)
            }

            /// The reason in words, as decisions and errors print it.
            #[must_use]
            pub const fn describe(self) -> &'static str {
                match self {
                    $( Self::$variant => $sentence, )+
                }
            }
        }
    };
}

reasons! {
    /// Why a request was allowed: the kind of clause that matched.
    #[non_exhaustive]
    pub enum AllowReason ("allow reason") {
        /// The user holds a role the grant names outright (code 1).
        HoldsRole = "holds_role", 1,
            "the user holds a role the grant names";
        /// The user holds the role and is the item's assigned user (code 2).
        AssignedUser = "assigned_user", 2,
            "the user holds the role and is the assigned user";
        /// The user holds the role and not the role that excludes it (code 3).
        NotExcluded = "not_excluded", 3,
            "the user holds the role and not the role that excludes it";
        /// Retired by policy revision 2 (no decision gives it any more; kept so old
        /// logs still decode): the user held the role and the task was not yet
        /// completed (code 4).
        BeforeCompleted = "before_completed", 4,
            "the user holds the role and the task is not yet completed";
        /// The user holds the role and is in the task's assignment group, not its
        /// assigned user: a workflow event (code 5).
        InAssignmentGroup = "in_assignment_group", 5,
            "the user holds the role and is in the assignment group";
        /// The user is an approver, and not one of the item's own people (four
        /// eyes): a task's approve or reject (a responsible person of its assets, an
        /// added approver or a committee member), or a record's, by the role its
        /// table names (code 6).
        Approver = "approver", 6,
            "the user is an approver and not one of the item's own people";
        /// No person is asked: the state takes the event, by the life cycle's table
        /// (an asset's transition, acceptance into a task, creation, or the system's
        /// own move) (code 7).
        StateAllows = "state_allows", 7,
            "the state takes the event";
    }
}

reasons! {
    /// Why a request was denied.
    #[non_exhaustive]
    pub enum DenyReason ("deny reason") {
        /// Delete is never granted, to any role (code 10).
        DeleteNeverGranted = "delete_never_granted", 10,
            "delete is never granted, to any role";
        /// The user holds no ITAM access: no `itam_agent`, directly or through
        /// inclusion (code 11).
        NoItamAccess = "no_itam_access", 11,
            "the user has no ITAM access (no itam_agent)";
        /// The user holds none of the roles the rule names (code 12).
        MissingRole = "missing_role", 12,
            "the user holds none of the roles named";
        /// The user holds the role only the item's assigned user may use, and is
        /// not the assigned user (code 13).
        NotAssignedUser = "not_assigned_user", 13,
            "the user is not the assigned user";
        /// The user also holds a role that excludes the grant: the inventory rule's
        /// `itam_contract_manager` (code 14).
        HoldsExcludedRole = "holds_excluded_role", 14,
            "the user holds the excluded role";
        /// Retired by policy revision 2 (no decision gives it any more; kept so old
        /// logs still decode): the grant applied only before the task was completed,
        /// and it was (code 15). Its successor is [`DenyReason::TaskClosed`].
        TaskCompleted = "task_completed", 15,
            "the task is completed";
        /// The record is frozen in its state (from approval on, or terminal), so it
        /// is no longer edited: records only (code 16).
        RecordFrozen = "record_frozen", 16,
            "the record is frozen in this state";
        /// The item's state does not take the event, or the kind does not take an
        /// asset in this state (code 17).
        WrongState = "wrong_state", 17,
            sentence!(wrong_state);
        /// Registration: a file of new assets is attached, so it cannot be canceled
        /// (code 18).
        FilesAttached = "files_attached", 18,
            "a file of new assets is attached";
        /// The task kind's approval policy forbids the event (code 19).
        ApprovalPolicy = "approval_policy", 19,
            "the kind's approval policy forbids it";
        /// Only the assigned user or a member of the assignment group may (code 20).
        NotAssignedUserOrGroup = "not_assigned_user_or_group", 20,
            "the user is neither the assigned user nor in the assignment group";
        /// Four eyes: the user created the item or is assigned to it, and never
        /// approves or rejects it (code 21).
        FourEyes = "four_eyes", 21,
            "four eyes: the user created the item or is assigned to it";
        /// Four eyes cannot be checked: the item's creator is unknown (code 22).
        UnknownCreator = "unknown_creator", 22,
            sentence!(unknown_creator);
        /// The user is not an approver of the task (code 23).
        NotAnApprover = "not_an_approver", 23,
            "the user is not an approver of the task";
        /// The record event does not exist for the record's kind (code 24).
        NotApplicable = "not_applicable", 24,
            "the event does not apply to this kind";
        /// A contract goes for approval only with a contract document (code 25).
        MissingDocument = "missing_document", 25,
            "the contract document is missing";
        /// Registration creates its assets and takes no existing one (code 26).
        CreatesAssets = "creates_assets", 26,
            "registration creates its assets and takes no existing one";
        /// The asset is in a terminal state and inactive (code 27).
        AssetInactive = "asset_inactive", 27,
            "the asset is in a terminal state and inactive";
        /// The asset is in an open task: only the task moves it (code 28).
        InOpenTask = "in_open_task", 28,
            "the asset is in an open task";
        /// The asset waits for `itam_admin` to accept it (code 29).
        Unverified = "unverified", 29,
            "the asset waits for itam_admin to accept it";
        /// The asset is flagged *not found* (code 30).
        NotFound = "not_found", 30,
            "the asset is flagged not found";
        /// Relocation: the asset has no permanent location (code 31).
        NoPermanentLocation = "no_permanent_location", 31,
            "the asset has no permanent location";
        /// No task of the kind holds an asset in this state (code 32).
        NotInTask = "not_in_task", 32,
            "no task of this kind holds an asset in this state";
        /// Work on the task has not started (code 33).
        NotStarted = "not_started", 33,
            "work on the task has not started";
        /// The kind does not end with this outcome (code 34).
        WrongOutcome = "wrong_outcome", 34,
            "the kind does not end with this outcome";
        /// Only a consignment runs out of stock (code 35).
        NotConsignment = "not_consignment", 35,
            "the asset is not a consignment";
        /// Only registration creates assets (code 36).
        CreatesNoAssets = "creates_no_assets", 36,
            "only registration creates assets";
        /// The rule applies only while the task is open, and it is completed or
        /// canceled: a finished inventory is an audit record (code 37).
        TaskClosed = "task_closed", 37,
            "the task is closed (completed or canceled)";
        /// Only the item's assigned user may, and nobody is assigned to it
        /// (code 38).
        NobodyAssigned = "nobody_assigned", 38,
            sentence!(nobody_assigned);
        /// Four eyes cannot be checked: the item went through a submission and
        /// nobody knows who submitted it (code 39).
        UnknownSubmitter = "unknown_submitter", 39,
            sentence!(unknown_submitter);
        /// A person asked for a move only the system makes (code 40).
        SystemMove = "system_move", 40,
            "only the system makes this move";
        /// The system was asked for a move a person makes (code 41).
        PersonMove = "person_move", 41,
            "a person makes this move, not the system";
        /// The fields asked for are read-only in the task's state: while a task
        /// waits for or has its approval, only its priority and assignment group
        /// are edited (code 42).
        FieldsReadOnly = "fields_read_only", 42,
            "the fields are read-only in this state";
    }
}
