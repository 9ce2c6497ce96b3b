//! Sets of a vocabulary's values, one bit a value: the kinds and states the
//! filters' groups hold, and (declared beside their clauses) the conjunctions of
//! person and relation clauses. One macro, [`bit_set!`], writes the shape once.

use core::fmt;

use crate::{TaskKind, TaskState};

/// Declares a set of the vocabulary enum `$item`, one bit a value in
/// `$item::ALL` order (the enum's discriminant), held in `$bits`: the struct
/// (`Debug`, `Clone`, `Copy`, `PartialEq`, `Eq`, `Hash`, `Default`, and what the
/// header adds), the empty constant `$empty`, `$add` (the same set with one
/// value more), `contains`, `len`, `is_empty`, `iter`, the crate's `bit`, `Display`
/// (the values' `$name`s joined by [`write_list`]: `$sep` between them, `$last`
/// before the last, `$none` for the empty set) and serde as a list of values.
/// With `fn $only`, also the set of one value and `From<$item>`.
///
/// A conjunction of clauses (`conjunction $empty, "$none"` after the header) is
/// such a set, ordered, with `and` and `only`, in words its clauses'
/// `describe()` joined by ` and `.
macro_rules! bit_set {
    (
        $(#[$meta:meta])*
        pub struct $set:ident($field:vis $bits:ty) of $item:ident;
        $(#[$empty_meta:meta])*
        conjunction $empty:ident, $none:literal;
    ) => {
        $crate::filter::sets::bit_set! {
            $(#[$meta])*
            #[derive(PartialOrd, Ord)]
            pub struct $set($field $bits) of $item;
            $(#[$empty_meta])*
            const $empty;
            /// The same conjunction with `item` as well.
            fn and;
            /// The conjunction of the one `item`.
            fn only;
            display($item::describe, " and ", " and ", $none);
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $set:ident($field:vis $bits:ty) of $item:ident;
        $(#[$empty_meta:meta])*
        const $empty:ident;
        $(#[$add_meta:meta])*
        fn $add:ident;
        $( $(#[$only_meta:meta])* fn $only:ident; )?
        display($name:path, $sep:literal, $last:literal, $none:literal);
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $set($field $bits);

        impl $set {
            $(#[$empty_meta])*
            pub const $empty: $set = $set(0);

            $(
                $(#[$only_meta])*
                #[must_use]
                pub const fn $only(item: $item) -> Self {
                    $set(Self::bit(item))
                }
            )?

            $(#[$add_meta])*
            #[must_use]
            pub const fn $add(self, item: $item) -> Self {
                $set(self.0 | Self::bit(item))
            }

            /// Whether `item` is in the set.
            #[must_use]
            pub const fn contains(self, item: $item) -> bool {
                self.0 & Self::bit(item) != 0
            }

            /// How many values the set holds.
            #[must_use]
            pub const fn len(self) -> usize {
                self.0.count_ones() as usize
            }

            /// Whether the set is empty.
            #[must_use]
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }

            #[doc = concat!("The values, in [`", stringify!($item), "::ALL`] order.")]
            pub fn iter(self) -> impl Iterator<Item = $item> {
                $item::ALL
                    .iter()
                    .copied()
                    .filter(move |&item| self.contains(item))
            }

            /// The bit of `item` in the set.
            pub(crate) const fn bit(item: $item) -> $bits {
                1 << item as $bits
            }
        }

        $(
            impl From<$item> for $set {
                fn from(item: $item) -> Self {
                    $set::$only(item)
                }
            }
        )?

        impl ::core::fmt::Display for $set {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::filter::sets::write_list(
                    f,
                    self.iter().map($name),
                    self.len(),
                    [$sep, $last, $none],
                )
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $set {
            /// A list of the values' system names.
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter())
            }
        }
    };
}

pub(super) use bit_set;

bit_set! {
    /// A set of [`TaskKind`]s. In words, the system names, e.g. `registration,
    /// allocation or inventory`.
    pub struct KindSet(pub(super) u16) of TaskKind;
    /// No kind.
    const EMPTY;
    /// The same set with `item`.
    fn with;
    display(TaskKind::name, ", ", " or ", "");
}

bit_set! {
    /// A set of [`TaskState`]s. In words, the system names, e.g. `registered,
    /// in_progress or postponed`.
    pub struct StateSet(pub(super) u8) of TaskState;
    /// No state.
    const EMPTY;
    /// The same set with `item`.
    fn with;
    display(TaskState::name, ", ", " or ", "");
}

impl StateSet {
    /// Whether the set holds every task state.
    #[must_use]
    pub fn is_all(self) -> bool {
        self.len() == TaskState::ALL.len()
    }
}

/// Writes `names` (`len` of them) joined by `sep`, `last` before the last one,
/// or `none` where there are none: `[sep, last, none]`.
pub(crate) fn write_list<'n>(
    f: &mut fmt::Formatter<'_>,
    names: impl Iterator<Item = &'n str>,
    len: usize,
    [sep, last, none]: [&str; 3],
) -> fmt::Result {
    if len == 0 {
        return f.write_str(none);
    }
    for (i, name) in names.enumerate() {
        if i > 0 {
            f.write_str(if i + 1 == len { last } else { sep })?;
        }
        f.write_str(name)?;
    }
    Ok(())
}
