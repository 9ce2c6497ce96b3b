//! The persons around an item (a task or a record), and four eyes, once.
//!
//! [`Task`](crate::Task) and [`Record`](crate::records::Record) hold the same
//! person fields (creator, whether the system created it, assigned user), built
//! by the same builder methods; the decisions read them through one view, so
//! "is this the assigned user" and four eyes are decided by one function each.

use core::fmt;

/// Which of an item's people four eyes refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnRelation {
    /// The subject created the item.
    Creator,
    /// The subject is the item's assigned user.
    Assignee,
    /// The subject sent the item for approval.
    Submitter,
}

impl fmt::Display for OwnRelation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OwnRelation::Creator => "created",
            OwnRelation::Assignee => "is assigned to",
            OwnRelation::Submitter => "submitted",
        })
    }
}

/// Why four eyes refuses a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FourEyes {
    /// The person created the item or is assigned to it.
    Own(OwnRelation),
    /// Nobody knows who created the item, so the creator cannot be excluded.
    UnknownCreator,
    /// The item went through a submission, and nobody knows who submitted it, so
    /// the submitter cannot be excluded.
    UnknownSubmitter,
}

/// A borrowed view of the persons around an item.
#[derive(Debug)]
pub(crate) struct People<'a, U> {
    pub(crate) creator: Option<&'a U>,
    pub(crate) created_by_system: bool,
    pub(crate) assignee: Option<&'a U>,
    pub(crate) submitter: Option<&'a U>,
}

impl<U: Eq> People<'_, U> {
    /// Whether `id` is the item's assigned user.
    pub(crate) fn is_assignee(&self, id: &U) -> bool {
        self.assignee == Some(id)
    }

    /// Whether `id` created the item.
    pub(crate) fn is_creator(&self, id: &U) -> bool {
        self.creator == Some(id)
    }

    /// Whether the item's creator is known: a person, or the system.
    pub(crate) fn creator_known(&self) -> bool {
        self.creator.is_some() || self.created_by_system
    }

    /// Four eyes, the one definition: `id` may approve or reject the item only if
    /// it neither created the item, nor is its assigned user, nor sent it for
    /// approval; and the item's creator is known, and where the item went through
    /// a submission (`submitted`), its submitter too (fail closed). The person's
    /// own relation is reported first.
    pub(crate) fn four_eyes(&self, id: &U, submitted: bool) -> Result<(), FourEyes> {
        if self.is_creator(id) {
            Err(FourEyes::Own(OwnRelation::Creator))
        } else if self.is_assignee(id) {
            Err(FourEyes::Own(OwnRelation::Assignee))
        } else if self.submitter == Some(id) {
            Err(FourEyes::Own(OwnRelation::Submitter))
        } else if !self.creator_known() {
            Err(FourEyes::UnknownCreator)
        } else if submitted && self.submitter.is_none() {
            Err(FourEyes::UnknownSubmitter)
        } else {
            Ok(())
        }
    }
}

/// The persons around an item, owned, as the crate's walks over the decision
/// space build them: the assigned user, the creator, whether the system created
/// it, and who sent it for approval.
pub(crate) type Persons<U> = (Option<U>, Option<U>, bool, Option<U>);

/// The person builders and questions shared by [`Task`](crate::Task) and
/// [`Record`](crate::records::Record): one definition for both. `$item` is the
/// type, `$state` its state type, and the generics those of the `impl`.
macro_rules! people_of {
    ($item:ident<$($generic:ident),+>, $state:ty, $what:literal) => {
        impl<$($generic),+> $item<$($generic),+> {
            #[doc = concat!("The same ", $what, ", assigned to the user `id`.")]
            #[must_use]
            pub fn assigned_to(self, id: U) -> Self {
                $item {
                    assignee: Some(id),
                    ..self
                }
            }

            #[doc = concat!("The same ", $what, ", created by the user `id`.")]
            #[must_use]
            pub fn created_by(self, id: U) -> Self {
                $item {
                    creator: Some(id),
                    ..self
                }
            }

            #[doc = concat!(
                "The same ", $what, ", marked as created by the system rather than a ",
                "person, so that four eyes has no unknown creator to fail on. A creator ",
                "already set is kept and still never approves it."
            )]
            #[must_use]
            pub fn created_by_system(self) -> Self {
                $item {
                    created_by_system: true,
                    ..self
                }
            }

            #[doc = concat!(
                "The same ", $what, ", sent for approval by the user `id`: four eyes ",
                "keeps that user from approving or rejecting it."
            )]
            #[must_use]
            pub fn submitted_by(self, id: U) -> Self {
                $item {
                    submitter: Some(id),
                    ..self
                }
            }

            #[doc = concat!("The same ", $what, " in another state.")]
            #[must_use]
            pub fn in_state(self, state: $state) -> Self {
                $item { state, ..self }
            }

            /// The same item with `persons` around it, in place of any set before.
            pub(crate) fn with_persons(self, persons: $crate::people::Persons<U>) -> Self {
                let (assignee, creator, created_by_system, submitter) = persons;
                $item {
                    assignee,
                    creator,
                    created_by_system,
                    submitter,
                    ..self
                }
            }

            /// The persons around the item, for the decisions.
            pub(crate) fn people(&self) -> $crate::people::People<'_, U> {
                $crate::people::People {
                    creator: self.creator.as_ref(),
                    created_by_system: self.created_by_system,
                    assignee: self.assignee.as_ref(),
                    submitter: self.submitter.as_ref(),
                }
            }
        }

        impl<$($generic),+> $item<$($generic),+>
        where
            U: Eq,
        {
            #[doc = concat!("Whether `id` is the ", $what, "'s assigned user.")]
            #[must_use]
            pub fn is_assigned_to(&self, id: &U) -> bool {
                self.people().is_assignee(id)
            }

            #[doc = concat!("Whether `id` created the ", $what, ".")]
            #[must_use]
            pub fn is_created_by(&self, id: &U) -> bool {
                self.people().is_creator(id)
            }

            #[doc = concat!("Whether the ", $what, "'s creator is known: a person, or the system.")]
            #[must_use]
            pub fn has_known_creator(&self) -> bool {
                self.people().creator_known()
            }
        }
    };
}

pub(crate) use people_of;
