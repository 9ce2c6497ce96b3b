//! serde: a role set as the list of its roles' system names.

use super::{Role, Roles};
use core::fmt;
use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;

impl serde::Serialize for Roles {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.roles().len()))?;
        for role in self.roles() {
            seq.serialize_element(&role)?;
        }
        seq.end()
    }
}

impl<'de> serde::Deserialize<'de> for Roles {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RolesVisitor;

        impl<'de> Visitor<'de> for RolesVisitor {
            type Value = Roles;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of role system names")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Roles, A::Error> {
                let mut roles = Roles::empty();
                // The first unknown or repeated name fails the whole list: never
                // a partial grant.
                while let Some(role) = seq.next_element::<Role>()? {
                    roles = roles
                        .with_new(role, role.name())
                        .map_err(serde::de::Error::custom)?;
                }
                Ok(roles)
            }
        }

        deserializer.deserialize_seq(RolesVisitor)
    }
}
