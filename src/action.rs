//! The actions a user may take on a record.
//!
//! ```
//! use itam_rbac::Action;
//!
//! assert_eq!(Action::ALL.len(), 4);
//! assert_eq!("update".parse::<Action>()?, Action::Update);
//! assert_eq!(Action::Delete.to_string(), "delete");
//! # Ok::<(), itam_rbac::ParseError>(())
//! ```

use crate::vocabulary::vocabulary;

vocabulary! {
    /// What a user wants to do with a record.
    ///
    /// [`Action::Delete`] is part of the vocabulary so that hosts can ask, but it is
    /// never granted: no role may delete an asset, a task or any other ITAM record,
    /// the platform `admin` included (SOURCES.md §T2).
    pub enum Action ("action") {
        /// See the record.
        Read = "read",
        /// Create a new record.
        Create = "create",
        /// Change a record's fields.
        Update = "update",
        /// Delete the record: never granted.
        Delete = "delete",
    }
}
