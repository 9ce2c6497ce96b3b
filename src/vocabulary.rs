//! One macro that turns a list of `Variant = "system_name"` rows into a vocabulary
//! enum: `ALL`, `name()`, `Display`, `FromStr` and serde all come from that one list,
//! so the names can never drift apart (the `status_codes!` habit of the `http` crate).

/// Declares a vocabulary enum from one list of `Variant = "system_name"` rows.
///
/// `$what` names the vocabulary in parse errors ("role", "task kind", ...).
///
/// With rows `Variant / CONSTANT = "system_name"` and a `bitflags` struct header
/// after the enum's, it also declares the set of the vocabulary, one bit a value in
/// declaration order: its constants (each documented by its system name) and the
/// enum's `bit()`.
///
/// With rows `Variant = "system_name" ("words")` and `fn describe;` after the
/// enum, it also declares `describe()`, the value in words for a person.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $sys:literal ($words:literal), )+
        }
        $(#[$dmeta:meta])*
        fn describe;
    ) => {
        $crate::vocabulary::vocabulary! {
            $(#[$meta])*
            $vis enum $name ($what) {
                $( $(#[$vmeta])* $variant = $sys, )+
            }
        }

        impl $name {
            $(#[$dmeta])*
            #[must_use]
            pub const fn describe(self) -> &'static str {
                match self {
                    $( Self::$variant => $words, )+
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident / $flag:ident = $sys:literal, )+
        }
        $(#[$smeta:meta])*
        $svis:vis struct $set:ident: $bits:ty;
    ) => {
        $crate::vocabulary::vocabulary! {
            $(#[$meta])*
            $vis enum $name ($what) {
                $( $(#[$vmeta])* $variant = $sys, )+
            }
        }

        ::bitflags::bitflags! {
            $(#[$smeta])*
            $svis struct $set: $bits {
                $(
                    #[doc = concat!("`", $sys, "`")]
                    const $flag = 1 << $name::$variant as $bits;
                )+
            }
        }

        impl $name {
            #[doc = concat!("The set holding only this ", $what, ".")]
            #[must_use]
            pub const fn bit(self) -> $set {
                $set::from_bits_retain(1 << self as $bits)
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $sys:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[ $( Self::$variant, )+ ];

            /// Every system name, in declaration order (the same order as [`Self::ALL`]).
            pub const NAMES: &'static [&'static str] = &[ $( $sys, )+ ];

            /// The `snake_case` system name, as hosts store it and as the policy
            /// documents write it.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $( Self::$variant => $sys, )+
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::ParseError;

            /// Parses the exact system name: no trimming, no case folding.
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                match s {
                    $( $sys => Ok(Self::$variant), )+
                    _ => Err($crate::ParseError::new($what, s, Self::NAMES)),
                }
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::ParseError;

            fn try_from(s: &str) -> ::core::result::Result<Self, Self::Error> {
                s.parse()
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct NameVisitor;

                impl ::serde::de::Visitor<'_> for NameVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        write!(f, "{} {} system name", $crate::vocabulary::article($what), $what)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<$name, E> {
                        v.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(NameVisitor)
            }
        }
    };
}

pub(crate) use vocabulary;

/// The indefinite article before `what`, a vocabulary's name in lower case: "an"
/// before a vowel sound ("an action", "an asset stage", "an outcome"), "a" before
/// a consonant sound ("a role", "a task kind", "a duty").
///
/// Decided by the spelling: a word starting with a, e, i, o or u takes "an", except
/// where that letter sounds as a consonant ("a unique", "a user", "a usual", "a
/// utility", "a euro", "a one"); a silent h takes "an" ("an hour", "an honest").
#[cfg(any(feature = "serde", test))]
pub(crate) const fn article(what: &str) -> &'static str {
    match what.as_bytes() {
        [b'u', b'n', b'i', ..]
        | [b'u', b's', b'e' | b'u', ..]
        | [b'u', b't', ..]
        | [b'e', b'u', ..]
        | [b'o', b'n', b'e', ..] => "a",
        [b'a' | b'e' | b'i' | b'o' | b'u', ..]
        | [b'h', b'o', b'u', b'r', ..]
        | [b'h', b'o', b'n', b'e', b's', b't', ..] => "an",
        _ => "a",
    }
}

#[cfg(test)]
mod tests {
    use super::article;

    #[test]
    fn the_article_follows_the_sound() {
        for what in [
            "action",
            "allow reason",
            "approval",
            "asset stage",
            "outcome",
            "event",
            "item",
            "update",
            "hour",
        ] {
            assert_eq!(article(what), "an", "{what}");
        }
        for what in [
            "role",
            "deny reason",
            "task kind",
            "duty",
            "user",
            "unit",
            "utility",
            "usual",
            "euro",
            "one",
            "host",
            "",
        ] {
            assert_eq!(article(what), "a", "{what}");
        }
    }
}
