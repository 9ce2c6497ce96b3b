//! The relation clauses of the event filters: how the user relates to a task
//! beyond its person columns, and the task's facts.

use super::super::sets::bit_set;
use crate::vocabulary::vocabulary;
use crate::workflow::Relations;

vocabulary! {
    /// One condition on how the user relates to a task beyond its person columns
    /// (a [`Relations`] flag), or on a fact of the task. A [`RelationClauses`] is a
    /// conjunction of them. In SQL each is rendered over the host's tables
    /// ([`HostTables`](crate::filter::HostTables)); in memory it reads the [`Relations`] the
    /// host computed.
    ///
    /// [`Relations::ALL_APPROVED`] has no clause: it decides where an approve
    /// leads (`approved` or still `pending_approval`), never whether it is
    /// allowed.
    pub enum RelationClause ("relation clause") {
        /// The user is a member of the task's assignment group.
        InAssignmentGroup = "in_assignment_group" ("the user in the assignment group"),
        /// The user is not a member of the task's assignment group (or the task
        /// has none).
        NotInAssignmentGroup = "not_in_assignment_group" ("the user not in the assignment group"),
        /// The user is the responsible person of one of the task's assets.
        AssetResponsible = "asset_responsible" ("the user responsible for one of its assets"),
        /// The user is the responsible person of none of the task's assets.
        NotAssetResponsible = "not_asset_responsible"
            ("the user responsible for none of its assets"),
        /// The user is an added approver of the task's current approval.
        AddedApprover = "added_approver" ("the user an added approver"),
        /// The user is not an added approver of the task's current approval.
        NotAddedApprover = "not_added_approver" ("the user not an added approver"),
        /// The user is on the task's decommissioning committee.
        CommitteeMember = "committee_member" ("the user on its committee"),
        /// The user is not on the task's decommissioning committee.
        NotCommitteeMember = "not_committee_member" ("the user not on its committee"),
        /// Task fact: a file of new assets is attached.
        FilesAttached = "files_attached" ("with a file of new assets attached"),
        /// Task fact: no file of new assets is attached.
        NoFilesAttached = "no_files_attached" ("without a file of new assets attached"),
    }
    /// The clause in words, as [`RelationClauses`] prints it.
    fn describe;
}

impl RelationClause {
    /// The [`Relations`] flag the clause reads.
    #[must_use]
    pub const fn flag(self) -> Relations {
        match self {
            RelationClause::InAssignmentGroup | RelationClause::NotInAssignmentGroup => {
                Relations::IN_ASSIGNMENT_GROUP
            }
            RelationClause::AssetResponsible | RelationClause::NotAssetResponsible => {
                Relations::ASSET_RESPONSIBLE
            }
            RelationClause::AddedApprover | RelationClause::NotAddedApprover => {
                Relations::ADDED_APPROVER
            }
            RelationClause::CommitteeMember | RelationClause::NotCommitteeMember => {
                Relations::COMMITTEE_MEMBER
            }
            RelationClause::FilesAttached | RelationClause::NoFilesAttached => {
                Relations::FILES_ATTACHED
            }
        }
    }

    /// Whether the clause holds when the flag is set (`true`) or when it is not.
    #[must_use]
    pub const fn is_positive(self) -> bool {
        match self {
            RelationClause::InAssignmentGroup
            | RelationClause::AssetResponsible
            | RelationClause::AddedApprover
            | RelationClause::CommitteeMember
            | RelationClause::FilesAttached => true,
            RelationClause::NotInAssignmentGroup
            | RelationClause::NotAssetResponsible
            | RelationClause::NotAddedApprover
            | RelationClause::NotCommitteeMember
            | RelationClause::NoFilesAttached => false,
        }
    }

    /// Whether the clause, where it holds, names the task's id: the user is
    /// related to a few tasks by a link table keyed by task (responsible for one
    /// of its assets, an added approver, on its committee). The SQL looks such
    /// tasks up by id, and PostgreSQL gets a partial index of their ids.
    pub(crate) const fn names_task_id(self) -> bool {
        match self {
            RelationClause::AssetResponsible
            | RelationClause::AddedApprover
            | RelationClause::CommitteeMember => true,
            RelationClause::InAssignmentGroup
            | RelationClause::NotInAssignmentGroup
            | RelationClause::NotAssetResponsible
            | RelationClause::NotAddedApprover
            | RelationClause::NotCommitteeMember
            | RelationClause::FilesAttached
            | RelationClause::NoFilesAttached => false,
        }
    }
}

/// The [`Relations`] flags a clause reads, in clause order (flag `j` has the
/// clauses `2j`, positive, and `2j + 1`, negative).
pub(super) const FLAGS: [Relations; 5] = [
    Relations::IN_ASSIGNMENT_GROUP,
    Relations::ASSET_RESPONSIBLE,
    Relations::ADDED_APPROVER,
    Relations::COMMITTEE_MEMBER,
    Relations::FILES_ATTACHED,
];

// Two clauses a flag, in that order: the build fails here if the vocabulary and
// the flags drift apart.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
const _: () = {
    assert!(RelationClause::ALL.len() == 2 * FLAGS.len());
    let mut j = 0;
    while j < FLAGS.len() {
        let positive = RelationClause::ALL[2 * j];
        let negative = RelationClause::ALL[2 * j + 1];
        assert!(positive.is_positive() && !negative.is_positive());
        assert!(positive.flag().bits() == FLAGS[j].bits());
        assert!(negative.flag().bits() == FLAGS[j].bits());
        j += 1;
    }
};

bit_set! {
    /// A conjunction of [`RelationClause`]s; the empty one is
    /// [`RelationClauses::ANY`]. In words, `any relation`, or the clauses in words
    /// ([`RelationClause::describe`]) joined by ` and `.
    pub struct RelationClauses(pub(super) u16) of RelationClause;
    /// No condition on relations.
    conjunction ANY, "any relation";
}

impl RelationClauses {
    /// Whether there is no condition on relations (as [`is_empty`](Self::is_empty)).
    #[must_use]
    pub const fn is_any(self) -> bool {
        self.is_empty()
    }

    /// Whether `relations` satisfies every clause.
    #[must_use]
    pub const fn holds(self, relations: Relations) -> bool {
        self.0 & !satisfied_relations(relations) == 0
    }
}

/// The clause bits `relations` satisfies: for each flag, its positive clause when
/// set, its negative clause when not.
#[expect(clippy::indexing_slicing, reason = "j < FLAGS.len(): the loop's bound")]
pub(super) const fn satisfied_relations(relations: Relations) -> u16 {
    let mut bits = 0;
    let mut j = 0;
    while j < FLAGS.len() {
        let set = relations.bits() & FLAGS[j].bits() != 0;
        bits |= 1 << (2 * j + if set { 0 } else { 1 });
        j += 1;
    }
    bits
}
