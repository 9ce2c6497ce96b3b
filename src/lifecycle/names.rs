//! The names of asset states: bare, qualified, and the `Display`, `FromStr` and
//! serde forms.

use core::fmt;
use core::str::FromStr;

use crate::lifecycle::{AssetState, Resume};
use crate::ParseError;

use AssetState as S;
use Resume as R;

impl AssetState {
    /// The qualified names of [`Self::ALL`], in the same order: computed from
    /// [`qualified`](Self::qualified) while the crate compiles, so the names are
    /// written once.
    pub const NAMES: &'static [&'static str] = &QUALIFIED;

    /// The bare `snake_case` state name, as SOURCES.md §A1 writes it after the stage
    /// (`available`, `unavailable`, `pending_maintenance`). It repeats across
    /// stages; [`qualified`](Self::qualified) does not.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            S::PendingVerification => "pending_verification",
            S::PendingAcceptance => "pending_acceptance",
            S::Available => "available",
            S::Reserved => "reserved",
            S::PendingMaintenance { .. } => "pending_maintenance",
            S::PendingUpgrade { .. } => "pending_upgrade",
            S::PendingDecommissioning => "pending_decommissioning",
            S::OutOfStock => "out_of_stock",
            S::InUse => "in_use",
            S::MovingOutOfOperation => "moving_out_of_operation",
            // The three suspending stages share their one state name.
            S::Transfer { .. } | S::Upgrade { .. } | S::InMaintenance { .. } => "unavailable",
            S::Decommissioned => "decommissioned",
            S::LostOrStolen => "lost_or_stolen",
            S::Disposed => "disposed",
            S::Sold => "sold",
            S::Donated => "donated",
            S::ReturnedToSupplier => "returned_to_supplier",
        }
    }

    /// The unambiguous name: `stage/state`, plus `[position]` for the
    /// `unavailable` states, whose pair does not fix where they go back to. This is
    /// the `Display`, `FromStr` and serde form.
    #[must_use]
    pub const fn qualified(self) -> &'static str {
        match self {
            S::PendingVerification => "storage/pending_verification",
            S::PendingAcceptance => "storage/pending_acceptance",
            S::Available => "storage/available",
            S::Reserved => "storage/reserved",
            S::PendingMaintenance {
                resume: R::Available,
            } => "storage/pending_maintenance",
            S::PendingMaintenance { resume: R::InUse } => "in_operation/pending_maintenance",
            S::PendingUpgrade {
                resume: R::Available,
            } => "storage/pending_upgrade",
            S::PendingUpgrade { resume: R::InUse } => "in_operation/pending_upgrade",
            S::PendingDecommissioning => "storage/pending_decommissioning",
            S::OutOfStock => "storage/out_of_stock",
            S::InUse => "in_operation/in_use",
            S::MovingOutOfOperation => "in_operation/moving_out_of_operation",
            S::Transfer {
                resume: R::Available,
            } => "transfer/unavailable[storage/available]",
            S::Transfer { resume: R::InUse } => "transfer/unavailable[in_operation/in_use]",
            S::Upgrade {
                resume: R::Available,
            } => "upgrade/unavailable[storage/available]",
            S::Upgrade { resume: R::InUse } => "upgrade/unavailable[in_operation/in_use]",
            S::InMaintenance {
                resume: R::Available,
            } => "in_maintenance/unavailable[storage/available]",
            S::InMaintenance { resume: R::InUse } => {
                "in_maintenance/unavailable[in_operation/in_use]"
            }
            S::Decommissioned => "decommissioning/decommissioned",
            S::LostOrStolen => "decommissioning/lost_or_stolen",
            S::Disposed => "disposal_transfer/disposed",
            S::Sold => "disposal_transfer/sold",
            S::Donated => "disposal_transfer/donated",
            S::ReturnedToSupplier => "disposal_transfer/returned_to_supplier",
        }
    }
}

/// [`AssetState::qualified`] of every state, in [`AssetState::ALL`] order.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
const QUALIFIED: [&str; AssetState::ALL.len()] = {
    let mut names = [""; AssetState::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = AssetState::ALL[i].qualified();
        i += 1;
    }
    names
};

impl fmt::Display for AssetState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.qualified())
    }
}

impl FromStr for AssetState {
    type Err = ParseError;

    /// Parses the exact qualified name (see [`AssetState::qualified`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|state| state.qualified() == s)
            .ok_or_else(|| ParseError::new("asset state", s, Self::NAMES))
    }
}

impl TryFrom<&str> for AssetState {
    type Error = ParseError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AssetState {
    fn serialize<Z: serde::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        serializer.serialize_str(self.qualified())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for AssetState {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QualifiedVisitor;

        impl serde::de::Visitor<'_> for QualifiedVisitor {
            type Value = AssetState;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a qualified asset state name such as storage/available")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AssetState, E> {
                v.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(QualifiedVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_all_and_round_trip() {
        assert_eq!(AssetState::ALL.len(), AssetState::NAMES.len());
        for (state, name) in AssetState::ALL.iter().zip(AssetState::NAMES) {
            assert_eq!(state.qualified(), *name);
            assert_eq!(name.parse::<AssetState>(), Ok(*state));
            assert!(name.starts_with(state.stage().name()));
        }
    }
}
