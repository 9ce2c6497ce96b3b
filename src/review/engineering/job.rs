//! The job functions of SOURCES.md §J and their duties.

use super::super::Operation;
use super::permission::probe;
use super::{least_privilege, LeastPrivilege, Permission, PermissionSet};
use crate::lifecycle::ManualMove;
use crate::records::{RecordEvent, RecordKind};
use crate::vocabulary::vocabulary;
use crate::workflow::TaskEvent;
use crate::{Action, Roles, TaskKind};
use Action::{Create, Read, Update};
use Operation::{Action as A, Event as E};
use Permission as P;
use RecordEvent as R;
use RecordKind as K;
use TaskEvent as T;
use TaskKind as Kind;

vocabulary! {
    /// The job functions of SOURCES.md §J.
    pub enum JobFunction ("job function") {
        /// IT asset manager: policies, life cycle, audits, reports.
        ItAssetManager = "it_asset_manager",
        /// Procurement specialist: vendors, purchase orders.
        ProcurementSpecialist = "procurement_specialist",
        /// Software asset manager: installations, licence compliance, audits.
        SoftwareAssetManager = "software_asset_manager",
        /// IT support and operations: deploy, keep the inventory right, retire.
        ItSupport = "it_support",
        /// Security analyst: unknown assets, compliance (reads only).
        SecurityAnalyst = "security_analyst",
        /// Finance and legal: contracts, cost forecasts.
        FinanceAndLegal = "finance_and_legal",
        /// Stock keeper: the responsible person of a stock's assets.
        StockKeeper = "stock_keeper",
    }
}

impl JobFunction {
    /// The product's mapping of SOURCES.md §J: the role sets it names, any one of
    /// which is the mapping (only the software asset manager has two).
    #[must_use]
    pub const fn mappings(self) -> &'static [Roles] {
        const IT_ASSET_MANAGER: Roles = Roles::PROCESS_MANAGER.union(Roles::CONTRACT_MANAGER);
        const IT_SUPPORT: Roles = Roles::OPERATION_SPECIALIST.union(Roles::ENDPOINT_USER);
        const FINANCE_AND_LEGAL: Roles = Roles::FINANCE_MANAGER
            .union(Roles::CONTRACT_APPROVER)
            .union(Roles::BUDGET_CONTROLLER);
        match self {
            JobFunction::ItAssetManager => &[IT_ASSET_MANAGER],
            JobFunction::ProcurementSpecialist => &[Roles::PURCHASE_MANAGER],
            // SOURCES.md §J: "itam_process_manager or itam_operation_specialist".
            JobFunction::SoftwareAssetManager => {
                &[Roles::PROCESS_MANAGER, Roles::OPERATION_SPECIALIST]
            }
            JobFunction::ItSupport => &[IT_SUPPORT],
            JobFunction::SecurityAnalyst => &[Roles::AGENT],
            JobFunction::FinanceAndLegal => &[FINANCE_AND_LEGAL],
            JobFunction::StockKeeper => &[Roles::RESPONSIBLE],
        }
    }

    /// The function in the words of SOURCES.md §J.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            JobFunction::ItAssetManager => {
                "IT asset manager: policies, life cycle, audits, reports"
            }
            JobFunction::ProcurementSpecialist => {
                "Procurement specialist: vendors, purchase orders"
            }
            JobFunction::SoftwareAssetManager => {
                "Software asset manager: installations, licence compliance, audits"
            }
            JobFunction::ItSupport => {
                "IT support and operations: deploy, keep the inventory right, retire"
            }
            JobFunction::SecurityAnalyst => {
                "Security analyst: unknown assets, compliance (reads only)"
            }
            JobFunction::FinanceAndLegal => "Finance and legal: contracts, cost forecasts",
            JobFunction::StockKeeper => "Stock keeper: the responsible person of a stock's assets",
        }
    }

    /// Whether `permission` is a duty of the function: SOURCES.md §J's words,
    /// read through what the roles of its mapping are for (SOURCES.md §R1).
    #[must_use]
    pub fn is_duty(self, permission: Permission) -> bool {
        let duty = match self {
            JobFunction::ItAssetManager => it_asset_manager,
            JobFunction::ProcurementSpecialist => procurement_specialist,
            JobFunction::SoftwareAssetManager => software_asset_manager,
            JobFunction::ItSupport => it_support,
            JobFunction::SecurityAnalyst => security_analyst,
            JobFunction::FinanceAndLegal => finance_and_legal,
            JobFunction::StockKeeper => stock_keeper,
        };
        duty(permission)
    }

    /// The duties: every permission [`is_duty`](Self::is_duty) holds for.
    #[must_use]
    pub fn duties(self) -> PermissionSet {
        Permission::all().filter(|&p| self.is_duty(p)).collect()
    }

    /// The least-privilege role sets for the duties ([`least_privilege`]).
    #[must_use]
    pub fn least_privilege(self) -> LeastPrivilege {
        least_privilege(self.duties())
    }
}

/// Whether a workflow event can happen on its kind at all, as the workflow says
/// (sending a registration for approval cannot: no duty); every other permission
/// exists.
fn exists(permission: Permission) -> bool {
    match permission {
        Permission::TaskEvent(kind, event) => probe(kind, event).is_some(),
        Permission::Task(..) | Permission::Record(..) | Permission::Move(_) => true,
    }
}

// The duties of each function, one line a duty, as the function's words list them.

/// The life cycle: create, edit, put off, send, complete and cancel tasks of
/// every kind (managing, not performing: an inventory is completed by its
/// assigned user only); audits and reports: read tasks and the ITAM records;
/// prepare contracts.
#[rustfmt::skip]
#[expect(clippy::unnested_or_patterns, reason = "one line a duty, as the function's words list them")]
fn it_asset_manager(permission: Permission) -> bool {
    matches!(permission,
        P::Task(_, Read | Create | Update)
        | P::TaskEvent(_, T::Postpone | T::SendForApproval | T::Cancel)
        | P::TaskEvent(
            Kind::Registration | Kind::Allocation | Kind::ChangeOfResponsible | Kind::Relocation
            | Kind::ChangeOfStock | Kind::ReturnToStock | Kind::Maintenance | Kind::Upgrading
            | Kind::Decommissioning | Kind::Disposal | Kind::AssetTransfer,
            T::Complete)
        | P::Record(K::Contract | K::Demand | K::Nomenclature | K::Asset | K::FunctionalBudget, A(Read))
        | P::Record(K::Contract, A(Create | Update))
        | P::Record(K::Contract, E(R::SendForApproval | R::MakeValid | R::Expire | R::Terminate)))
        && exists(permission)
}

/// Purchase orders from registration to completion; vendors: read contracts;
/// the catalogue and the demands behind the purchases.
#[rustfmt::skip]
#[expect(clippy::unnested_or_patterns, reason = "one line a duty, as the function's words list them")]
fn procurement_specialist(permission: Permission) -> bool {
    matches!(permission,
        P::Record(K::PurchaseRequest, A(Read | Create | Update))
        | P::Record(K::PurchaseRequest, E(R::SendForApproval | R::StartWork | R::StartPurchase | R::Complete | R::Cancel))
        | P::Record(K::Contract | K::Nomenclature | K::Demand, A(Read)))
}

/// Installations (registration, allocation, upgrading) and compliance audits
/// (inventory): create, edit and complete those tasks; licence data on the
/// asset form; read tasks, assets, contracts, catalogue.
#[rustfmt::skip]
fn software_asset_manager(permission: Permission) -> bool {
    matches!(permission,
        P::Task(_, Read)
        | P::Task(Kind::Registration | Kind::Allocation | Kind::Upgrading | Kind::Inventory, Create | Update)
        | P::TaskEvent(Kind::Registration | Kind::Allocation | Kind::Upgrading | Kind::Inventory, T::Complete)
        | P::Record(K::Asset | K::Contract | K::Nomenclature, A(Read))
        | P::Record(K::Asset, A(Update)))
}

/// Deploy (allocation), keep the inventory right (inventory, the asset form),
/// retire (decommissioning, disposal, the moves out of use): perform those
/// tasks.
#[rustfmt::skip]
fn it_support(permission: Permission) -> bool {
    matches!(permission,
        P::Task(_, Read)
        | P::Task(Kind::Allocation | Kind::Inventory | Kind::Decommissioning | Kind::Disposal, Update)
        | P::TaskEvent(Kind::Allocation | Kind::Inventory | Kind::Decommissioning | Kind::Disposal, T::StartWork | T::Complete)
        | P::Record(K::Asset, A(Read | Update))
        | P::Move(ManualMove::MoveOutOfOperation | ManualMove::MarkForDecommissioning))
}

/// Reads only: tasks, assets, contracts, demands, catalogue.
#[rustfmt::skip]
fn security_analyst(permission: Permission) -> bool {
    matches!(permission,
        P::Task(_, Read)
        | P::Record(K::Asset | K::Contract | K::Demand | K::Nomenclature, A(Read)))
}

/// Contracts: read and decide; costs: the actual cost items; cost forecasts:
/// prepare and approve functional budgets (as the product maps it); read
/// purchase requests (the financial documents).
#[rustfmt::skip]
#[expect(clippy::unnested_or_patterns, reason = "one line a duty, as the function's words list them")]
fn finance_and_legal(permission: Permission) -> bool {
    matches!(permission,
        P::Record(K::Contract, A(Read) | E(R::Approve | R::Reject))
        | P::Record(K::ActualCostItem, A(Read | Create | Update) | E(R::Approve | R::Allocate))
        | P::Record(K::FunctionalBudget, A(Read | Create | Update))
        | P::Record(K::FunctionalBudget, E(R::SendForApproval | R::Revise | R::Approve | R::Reject))
        | P::Record(K::PurchaseRequest, A(Read)))
}

/// The responsible person of a stock's assets: approve and reject the tasks on
/// them, edit a change of responsible; read tasks and assets.
#[rustfmt::skip]
fn stock_keeper(permission: Permission) -> bool {
    matches!(permission,
        P::Task(_, Read)
        | P::Task(Kind::ChangeOfResponsible, Update)
        | P::TaskEvent(_, T::Approve | T::Reject)
        | P::Record(K::Asset, A(Read)))
        && exists(permission)
}
