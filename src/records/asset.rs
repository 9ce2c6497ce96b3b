//! Asset records: who may edit which field of the asset form (SOURCES.md §C7).
//!
//! An asset's stage, state, stock, responsible person and user change **only through
//! tasks** (the task workflow and the asset life cycle decide them); its name is
//! generated from its nomenclature. Nobody edits those fields on the form, and
//! nobody creates an asset record by hand: assets come from completing a
//! registration task or from CMDB discovery.
//!
//! [`AssetStatus`] is the little the form decision needs to know about an asset:
//! whether CMDB discovery created it, whether it still waits for verification and
//! whether it is still active. The host derives it from the asset's (stage, state)
//! and origin.
//!
//! | status | `itam_operation_specialist` edits | `itam_admin` edits |
//! |---|---|---|
//! | `pending_verification` | nothing (it waits for `itam_admin`) | its fields, the parent, the corresponding CI, the nomenclature; and accepts it |
//! | discovered | its seven fields | its fields, the parent, the corresponding CI |
//! | active (registered by a task) | its seven fields | nothing |
//! | inactive | nothing (ours) | nothing (ours) |
//!
//! The operation specialist's seven fields are the role model's (1.2.5): use as
//! replacement, in use as replacement, not found, unfixable, serial number,
//! product/part number and operational state. `itam_admin` edits only the asset
//! records that CMDB discovery created (SOURCES.md §C7): never an asset a registration
//! task created, not even its parent. What `itam_admin` may edit on a discovered
//! asset is not itemised by the product; the table above is ours. The product lets
//! `itam_admin` delete an invalid discovered asset; the crate grants no delete.
//!
//! No asset status is frozen ([`RecordState::is_frozen`]): the table above already
//! depends on the status, and an asset record has no approval of its own.
//!
//! ```
//! use itam_rbac::records::{editable_asset_fields, AssetField, AssetStatus, Record, RecordEvent};
//! use itam_rbac::records::transition_record;
//! use itam_rbac::{Role, Subject};
//!
//! let specialist = Subject::new(1_u32, Role::OperationSpecialist);
//! let asset = Record::<_, u32>::new(AssetStatus::Active);
//! let fields = editable_asset_fields(&specialist, &asset);
//! assert!(fields.has(AssetField::SerialNumber));
//! assert!(!fields.has(AssetField::Stage));
//!
//! let admin = Subject::new(2_u32, Role::Admin);
//! assert!(editable_asset_fields(&admin, &asset).is_empty());
//! let discovered = Record::<_, u32>::new(AssetStatus::PendingVerification);
//! assert!(editable_asset_fields(&specialist, &discovered).is_empty());
//! let next = transition_record(&admin, &discovered, RecordEvent::Accept);
//! assert_eq!(next, Ok(AssetStatus::Discovered));
//! ```

use core::fmt;

use super::{ActionRules, Approval, Edge, Record, RecordEvent, RecordKind, RecordState};
use crate::lifecycle::ACCEPTS_DISCOVERED;
use crate::vocabulary::vocabulary;
use crate::{Action, Clause, Grant, Role, Roles, Subject};
use AssetStatus as S;
use RecordEvent as E;

vocabulary! {
    /// What the form decision needs to know about an asset.
    pub enum AssetStatus ("asset status") {
        /// Created by CMDB discovery, waiting for `itam_admin` (storage /
        /// `pending_verification`).
        PendingVerification = "pending_verification",
        /// Created by CMDB discovery and accepted; active.
        Discovered = "discovered",
        /// Created by a registration task; active.
        Active = "active",
        /// In a terminal (stage, state): inactive, no task accepts it.
        Inactive = "inactive",
    }
}

vocabulary! {
    /// A field of the asset form, as far as the role model distinguishes them.
    #[repr(u8)]
    pub enum AssetField ("asset field") {
        /// Marks the asset as a replacement device.
        UseAsReplacement / USE_AS_REPLACEMENT = "use_as_replacement",
        /// The asset is in use as a replacement.
        InUseAsReplacement / IN_USE_AS_REPLACEMENT = "in_use_as_replacement",
        /// The asset was not found.
        NotFound / NOT_FOUND = "not_found",
        /// The asset cannot be repaired.
        Unfixable / UNFIXABLE = "unfixable",
        /// The serial number.
        SerialNumber / SERIAL_NUMBER = "serial_number",
        /// The product/part number.
        ProductNumber / PRODUCT_NUMBER = "product_number",
        /// In order or broken.
        OperationalState / OPERATIONAL_STATE = "operational_state",
        /// The parent asset (asset hierarchy).
        Parent / PARENT = "parent",
        /// The configuration item the asset corresponds to.
        CorrespondingCi / CORRESPONDING_CI = "corresponding_ci",
        /// The nomenclature (catalogue model).
        Nomenclature / NOMENCLATURE = "nomenclature",
        /// The name, generated from the nomenclature: never edited.
        Name / NAME = "name",
        /// The life-cycle stage: only through tasks.
        Stage / STAGE = "stage",
        /// The life-cycle state: only through tasks.
        State / STATE = "state",
        /// The stock: only through tasks.
        Stock / STOCK = "stock",
        /// The responsible person: only through tasks.
        Responsible / RESPONSIBLE = "responsible",
        /// The user the asset is issued to: only through tasks.
        User / USER = "user",
    }

    /// A set of [`AssetField`]s, one bit a field.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct AssetFields: u32;
}

impl AssetFields {
    /// The seven fields the operation specialist edits (role model 1.2.5).
    pub const SPECIALIST: AssetFields = AssetFields::USE_AS_REPLACEMENT
        .union(AssetFields::IN_USE_AS_REPLACEMENT)
        .union(AssetFields::NOT_FOUND)
        .union(AssetFields::UNFIXABLE)
        .union(AssetFields::SERIAL_NUMBER)
        .union(AssetFields::PRODUCT_NUMBER)
        .union(AssetFields::OPERATIONAL_STATE);

    /// The fields nobody edits on the form: generated, or changed only through tasks.
    pub const NEVER: AssetFields = AssetFields::NAME
        .union(AssetFields::STAGE)
        .union(AssetFields::STATE)
        .union(AssetFields::STOCK)
        .union(AssetFields::RESPONSIBLE)
        .union(AssetFields::USER);

    /// Whether `field` is in the set.
    #[must_use]
    pub const fn has(self, field: AssetField) -> bool {
        self.contains(field.bit())
    }

    /// The fields in the set, in [`AssetField::ALL`] order.
    #[must_use]
    pub fn fields(self) -> AssetFieldIter {
        AssetFieldIter { rest: self.bits() }
    }
}

impl fmt::Display for AssetFields {
    /// The field names, separated by `", "`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, field) in self.fields().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(field.name())?;
        }
        Ok(())
    }
}

/// An iterator over the fields of an [`AssetFields`] set, from [`AssetFields::fields`].
#[derive(Debug, Clone)]
pub struct AssetFieldIter {
    rest: u32,
}

impl Iterator for AssetFieldIter {
    type Item = AssetField;

    fn next(&mut self) -> Option<AssetField> {
        while self.rest != 0 {
            let index = self.rest.trailing_zeros() as usize;
            self.rest &= self.rest - 1;
            if let Some(field) = AssetField::ALL.get(index) {
                return Some(*field);
            }
        }
        None
    }
}

/// One row of the asset form table [`ASSET_FORM`]: any of `who`'s roles (held
/// directly or through inclusion) edits `fields` of an asset in any of `statuses`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FormRow {
    /// Who edits. Always [`Clause::Always`]: the form asks nothing of the person's
    /// relation to the asset (the build checks it).
    pub(crate) who: Grant,
    /// The asset statuses the row applies in.
    pub(crate) statuses: &'static [AssetStatus],
    /// The fields it lets them edit.
    pub(crate) fields: AssetFields,
}

/// The asset form (SOURCES.md §C7, the module's table): a user edits the fields
/// of every row whose roles they hold and whose statuses name the asset's. Deny by
/// default: a role or status no row names edits nothing. Read by
/// [`form_fields`], hence by [`editable_asset_fields`], the record table's update
/// rule ([`AssetStatus::table_rule`]) and the report.
#[rustfmt::skip]
pub(crate) const ASSET_FORM: &[FormRow] = &[
    // Role model 1.2.5: the specialist's seven fields, of every active asset
    // whatever made it; not of one that waits for itam_admin, nor of an inactive
    // one (ours).
    FormRow { who: Grant::holding(Roles::OPERATION_SPECIALIST), statuses: &[S::Discovered, S::Active],              fields: AssetFields::SPECIALIST },
    // itam_admin edits only the assets CMDB discovery created (SOURCES.md §C7),
    // before and after accepting them, never one a registration task created nor
    // an inactive one; which fields is ours.
    FormRow { who: Grant::holding(Roles::ADMIN),                statuses: &[S::PendingVerification, S::Discovered], fields: DISCOVERED },
    // Before acceptance the admin also fixes the nomenclature (ours).
    FormRow { who: Grant::holding(Roles::ADMIN),                statuses: &[S::PendingVerification],                fields: AssetFields::NOMENCLATURE },
];

/// What `itam_admin` edits on a discovered asset (ours): the specialist's fields,
/// the parent and the corresponding CI.
const DISCOVERED: AssetFields = AssetFields::SPECIALIST
    .union(AssetFields::PARENT)
    .union(AssetFields::CORRESPONDING_CI);

/// The asset form fields `subject` may edit on `asset`: empty when it may edit none.
/// Stage, state, stock, responsible, user and name are never among them.
#[must_use]
pub fn editable_asset_fields<U>(
    subject: &Subject<U>,
    asset: &Record<AssetStatus, U>,
) -> AssetFields {
    let roles = subject.effective();
    if !roles.contains(Roles::AGENT) {
        return AssetFields::empty();
    }
    form_fields(roles, asset.state)
}

/// The fields of [`ASSET_FORM`]'s rows that a user with the `effective` roles
/// uses on an asset in `status`: the one reader of the table.
const fn form_fields(effective: Roles, status: AssetStatus) -> AssetFields {
    let mut fields = AssetFields::empty();
    let mut rows = ASSET_FORM;
    while let [row, rest @ ..] = rows {
        if effective.intersects(row.who.roles) && names(row.statuses, status) {
            fields = fields.union(row.fields);
        }
        rows = rest;
    }
    fields
}

/// Whether `statuses` holds `status` (`<[T]>::contains` is not `const`).
const fn names(statuses: &[AssetStatus], status: AssetStatus) -> bool {
    let mut rest = statuses;
    while let [first, tail @ ..] = rest {
        if *first as u8 == status as u8 {
            return true;
        }
        rest = tail;
    }
    false
}

/// The roles that edit some field of an asset in `status`, from [`form_fields`].
const fn form_editors(status: AssetStatus) -> Roles {
    let mut editors = Roles::empty();
    let mut roles = Role::ALL;
    while let [role, rest @ ..] = roles {
        if !form_fields(role.bit(), status).is_empty() {
            editors = editors.union(role.bit());
        }
        roles = rest;
    }
    editors
}

// The build fails here if a row of the form table lets anybody edit a field that
// is reserved for tasks or generated, or asks anything of the person: the form
// decision and the record's update rule read roles only.
const _: () = {
    let mut rows = ASSET_FORM;
    while let [row, rest @ ..] = rows {
        assert!(
            !row.fields.intersects(AssetFields::NEVER),
            "a task-only field is editable"
        );
        assert!(
            matches!(row.who.clause, Clause::Always),
            "an asset form row has a clause"
        );
        rows = rest;
    }
};

impl RecordState for AssetStatus {
    const KIND: RecordKind = RecordKind::Asset;
    const STATES: &'static [Self] = Self::ALL;
    // No approval events: nothing reads it.
    const APPROVAL: Approval = Approval::One;
    // CMDB discovery creates pending_verification, a registration task active; the
    // life cycle's tasks make an asset inactive (outside this machine).
    const INITIAL: &'static [Self] = &[S::PendingVerification, S::Active, S::Inactive];
    // Nothing leaves an inactive asset.
    const TERMINAL: &'static [Self] = &[S::Inactive];
    // Never frozen here: the field table already depends on the status.
    const FROZEN: &'static [Self] = &[];

    // The one edge: storage/pending_verification to storage/available.
    const EDGES: &'static [Edge<Self>] = &[(S::PendingVerification, E::Accept, S::Discovered)];

    // itam_admin accepts discovered assets.
    const EVENTS: &'static [(RecordEvent, Grant)] =
        &[(E::Accept, Grant::holding(ACCEPTS_DISCOVERED.bit()))];
}

impl AssetStatus {
    /// The table's rule for `action` in this state ([`RecordState::action_rule`]),
    /// as a `const fn`: the policy fingerprint hashes it while the crate compiles.
    pub(crate) const fn table_rule(self, action: Action) -> Option<Grant> {
        // Whoever edits some field of the form in this state (`ASSET_FORM`).
        let editors = form_editors(self);
        // Delete: never granted (the product lets itam_admin delete invalid
        // discovered assets).
        ActionRules {
            // itam_agent sees all assets.
            read: ActionRules::AGENT_READS,
            // Assets come from registration tasks and CMDB discovery only.
            create: None,
            // Some fields, see `editable_asset_fields`; nobody where no row names
            // the state (an inactive asset, ours).
            update: if editors.is_empty() {
                None
            } else {
                Some(Grant::holding(editors))
            },
        }
        .rule(action)
    }
}

// The asset writes its own `table_rule`: its editors depend on its status.
super::record_kind!(AssetStatus, "asset records");

#[cfg(test)]
mod tests {
    extern crate std;

    use super::{AssetField, AssetFields};
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;
    use std::vec::Vec;

    /// [`AssetFields::fields`] walks a set bit by bit: for every single field and for
    /// all of them it ends and lists each field once. Checked on a watchdog thread
    /// (the library's unit tests run before every other test binary), so a walk
    /// that never ends fails here instead of stalling the suite.
    #[test]
    fn walks_over_field_sets_end() {
        let bound = AssetField::ALL.len() + 1;
        let (done, finished) = mpsc::channel();
        thread::spawn(move || {
            let mut results = Vec::new();
            for field in AssetField::ALL.iter().copied() {
                let listed: Vec<AssetField> = field.bit().fields().take(bound).collect();
                results.push((listed, Vec::from([field])));
            }
            let listed: Vec<AssetField> = AssetFields::all().fields().take(bound).collect();
            results.push((listed, AssetField::ALL.to_vec()));
            // The receiver is gone only if the test already failed.
            done.send(results).ok();
        });
        let results = finished.recv_timeout(Duration::from_secs(10));
        assert!(results.is_ok(), "a walk over a field set did not end");
        for (listed, fields) in results.unwrap_or_default() {
            assert_eq!(listed, fields);
        }
    }
}
