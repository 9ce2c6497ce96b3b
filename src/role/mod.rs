//! Roles and the role inclusion graph (SOURCES.md §R).
//!
//! A [`Role`] is one system role; [`Roles`] is a set of them (a `bitflags` set, one
//! bit a role). A role *includes* other roles: whoever holds it has every permission
//! of the roles it includes, transitively. The direct inclusions are one `const`
//! table, [`Role::includes`]; the transitive closure is computed from it by a
//! `const fn` while the crate compiles, and `const` assertions fail the build if the
//! graph has a cycle or an `itam_*` role does not reach `itam_agent`.
//!
//! ```
//! use itam_rbac::{Role, Roles};
//!
//! // itam_purchase_manager includes itam_purchase_agent, which includes
//! // itam_demand_agent, which includes the two platform roles below.
//! let effective = Roles::from(Role::PurchaseManager).effective();
//! assert!(effective.contains(Roles::AGENT | Roles::PURCHASE_AGENT | Roles::DEMAND_AGENT));
//! assert!(effective.contains(Roles::FISCAL_PERIOD_AGENT | Roles::COST_CENTER_AGENT));
//! assert!(!effective.contains(Roles::PURCHASE_APPROVER));
//!
//! let role: Role = "itam_operation_specialist".parse()?;
//! assert_eq!(role, Role::OperationSpecialist);
//! assert_eq!(role.to_string(), "itam_operation_specialist");
//! # Ok::<(), itam_rbac::ParseError>(())
//! ```

use core::fmt;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// One system role of the SimpleOne ITAM role model.
    ///
    /// The variant order is the bit order of [`Roles`] and is part of the stable API
    /// only through the system names; store names, not bits.
    #[repr(u8)]
    pub enum Role ("role") {
        /// `itam_agent`: mandatory for every ITAM user; read access to all ITAM tables.
        Agent / AGENT = "itam_agent",
        /// `itam_admin`: edits asset records that CMDB discovery created.
        Admin / ADMIN = "itam_admin",
        /// `itam_nomenclature_manager`: creates and edits nomenclature records.
        NomenclatureManager / NOMENCLATURE_MANAGER = "itam_nomenclature_manager",
        /// `itam_responsible`: the responsible person for the assets of a stock; approves
        /// tasks on those assets.
        Responsible / RESPONSIBLE = "itam_responsible",
        /// `itam_operation_specialist`: edits assets by life-cycle stage; creates and
        /// performs every ITAM task type.
        OperationSpecialist / OPERATION_SPECIALIST = "itam_operation_specialist",
        /// `itam_process_manager` (ITAM manager): creates, edits, completes and cancels
        /// any ITAM task, but does not perform tasks.
        ProcessManager / PROCESS_MANAGER = "itam_process_manager",
        /// `itam_contract_manager`: creates and edits asset contracts.
        ContractManager / CONTRACT_MANAGER = "itam_contract_manager",
        /// `itam_contract_approver`: approves asset contracts.
        ContractApprover / CONTRACT_APPROVER = "itam_contract_approver",
        /// `itam_purchase_agent`: reads purchase requests and their related records.
        PurchaseAgent / PURCHASE_AGENT = "itam_purchase_agent",
        /// `itam_purchase_manager`: registers, creates, edits and cancels purchases.
        PurchaseManager / PURCHASE_MANAGER = "itam_purchase_manager",
        /// `itam_purchase_approver`: approves or rejects purchase requests.
        PurchaseApprover / PURCHASE_APPROVER = "itam_purchase_approver",
        /// `itam_budget_controller`: approves the functional budget.
        BudgetController / BUDGET_CONTROLLER = "itam_budget_controller",
        /// `itam_finance_agent`: views actual cost items and budget records.
        FinanceAgent / FINANCE_AGENT = "itam_finance_agent",
        /// `itam_finance_manager`: reads all financial documents; approves costs.
        FinanceManager / FINANCE_MANAGER = "itam_finance_manager",
        /// `itam_demand_agent`: reads demands and demand items.
        DemandAgent / DEMAND_AGENT = "itam_demand_agent",
        /// `itam_demand_manager`: coordinates the approval of demands.
        DemandManager / DEMAND_MANAGER = "itam_demand_manager",
        /// `itam_demand_approver`: mandatory approver of every demand.
        DemandApprover / DEMAND_APPROVER = "itam_demand_approver",
        /// `itam_endpoint_user`: operates endpoints for inventory.
        EndpointUser / ENDPOINT_USER = "itam_endpoint_user",
        /// `fiscal_period_agent`: platform role, reached through `itam_demand_agent`.
        FiscalPeriodAgent / FISCAL_PERIOD_AGENT = "fiscal_period_agent",
        /// `cost_center_agent`: platform role, reached through `itam_demand_agent`.
        CostCenterAgent / COST_CENTER_AGENT = "cost_center_agent",
        /// `admin`: the platform administrator. Gains no ITAM right by itself and
        /// cannot delete either.
        PlatformAdmin / PLATFORM_ADMIN = "admin",
    }

    /// A set of [`Role`]s, one bit a role.
    ///
    /// The constants mirror the [`Role`] variants. A set granted to a user is not
    /// closed under inclusion; [`Roles::effective`] closes it.
    ///
    /// As text (`Display` and `FromStr`), the system names in [`Role::ALL`] order
    /// joined by `", "` (`itam_agent, itam_responsible`; the empty set is the empty
    /// string). Serialized (with the `serde` feature) as a list of system names. From
    /// names ([`Roles::from_names`], `FromStr`, serde) a list is taken in any order,
    /// and is rejected whole, never turned into a partial grant, if one name is not
    /// exactly a role's system name or if a role is named twice: a duplicate is bad
    /// input (`duplicate role name "itam_agent"`), not merged, since a host that
    /// writes a role twice has a bug the set would hide.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    pub struct Roles: u32;
}

/// How many roles there are.
const COUNT: usize = Role::ALL.len();

impl Role {
    /// The roles this role includes **directly**: the inclusion table of SOURCES.md §R2,
    /// one row a role.
    #[must_use]
    #[rustfmt::skip]
    pub const fn includes(self) -> Roles {
        use Roles as R;
        match self {
            Role::Agent               => R::empty(),
            Role::Admin               => R::AGENT,
            Role::NomenclatureManager => R::AGENT,
            Role::Responsible         => R::AGENT,
            Role::OperationSpecialist => R::AGENT,
            Role::ProcessManager      => R::AGENT,
            Role::ContractManager     => R::AGENT,
            Role::ContractApprover    => R::AGENT,
            Role::PurchaseAgent       => R::AGENT.union(R::DEMAND_AGENT),
            Role::PurchaseManager     => R::AGENT.union(R::PURCHASE_AGENT),
            Role::PurchaseApprover    => R::AGENT.union(R::PURCHASE_AGENT),
            Role::BudgetController    => R::AGENT,
            Role::FinanceAgent        => R::AGENT,
            Role::FinanceManager      => R::AGENT,
            Role::DemandAgent         => R::AGENT.union(R::FISCAL_PERIOD_AGENT).union(R::COST_CENTER_AGENT),
            Role::DemandManager       => R::AGENT.union(R::DEMAND_AGENT).union(R::NOMENCLATURE_MANAGER),
            Role::DemandApprover      => R::AGENT.union(R::DEMAND_AGENT),
            Role::EndpointUser        => R::AGENT,
            Role::FiscalPeriodAgent   => R::empty(),
            Role::CostCenterAgent     => R::empty(),
            Role::PlatformAdmin       => R::empty(),
        }
    }

    /// The role itself and every role it reaches through inclusion, computed at
    /// compile time.
    #[must_use]
    pub const fn effective(self) -> Roles {
        self.bit().union(reached_from(self as usize))
    }

    /// Whether the system name starts with `itam_` (such a role must include
    /// `itam_agent`).
    #[must_use]
    pub const fn is_itam(self) -> bool {
        matches!(self.name().as_bytes(), [b'i', b't', b'a', b'm', b'_', ..])
    }

    /// The role whose bit is `index`, if any.
    #[expect(
        clippy::indexing_slicing,
        reason = "the index is checked against the length first"
    )]
    const fn from_index(index: u32) -> Option<Role> {
        let index = index as usize;
        if index < COUNT {
            Some(Role::ALL[index])
        } else {
            None
        }
    }
}

/// For each role (by bit index), the roles it reaches through one or more
/// inclusions, **not** counting itself unless it is on a cycle.
const CLOSURE: [Roles; COUNT] = strict_closure();

/// `CLOSURE[index]`, or the empty set for an index past the end.
#[expect(
    clippy::indexing_slicing,
    reason = "the index is checked against the length first"
)]
const fn reached_from(index: usize) -> Roles {
    if index < COUNT {
        CLOSURE[index]
    } else {
        Roles::empty()
    }
}

/// Computes [`CLOSURE`] from [`Role::includes`]: starts from the direct inclusions
/// and adds the inclusions of every reached role until nothing changes (at most
/// `COUNT` rounds on a graph of `COUNT` nodes).
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
const fn strict_closure() -> [Roles; COUNT] {
    let mut reach = [Roles::empty(); COUNT];
    let mut i = 0;
    while i < COUNT {
        reach[i] = Role::ALL[i].includes();
        i += 1;
    }
    let mut round = 0;
    while round < COUNT {
        let mut i = 0;
        while i < COUNT {
            let mut grown = reach[i];
            let mut j = 0;
            while j < COUNT {
                if reach[i].contains(Role::ALL[j].bit()) {
                    grown = grown.union(reach[j]);
                }
                j += 1;
            }
            reach[i] = grown;
            i += 1;
        }
        round += 1;
    }
    reach
}

// The build fails here if the roles are not numbered in declaration order, if the
// inclusion graph has a cycle, or if an `itam_*` role does not reach `itam_agent`.
#[expect(
    clippy::indexing_slicing,
    reason = "const evaluation only: a bad index fails the build"
)]
const _: () = {
    let mut i = 0;
    while i < COUNT {
        let role = Role::ALL[i];
        assert!(
            role as usize == i,
            "Role variants must be numbered in declaration order"
        );
        assert!(
            !CLOSURE[i].contains(role.bit()),
            "the role inclusion graph has a cycle"
        );
        assert!(
            !role.is_itam()
                || role as usize == Role::Agent as usize
                || CLOSURE[i].contains(Roles::AGENT),
            "every itam_* role must include itam_agent"
        );
        i += 1;
    }
};

impl Roles {
    /// The set closed under inclusion: every role held and every role they reach.
    /// Bits that name no role are dropped.
    ///
    /// ```
    /// use itam_rbac::{Role, Roles};
    /// let granted = Roles::from(Role::DemandManager);
    /// assert!(granted.effective().contains(Roles::NOMENCLATURE_MANAGER | Roles::AGENT));
    /// ```
    #[must_use]
    pub const fn effective(self) -> Roles {
        let mut rest = self.bits() & Roles::all().bits();
        let mut closed = Roles::from_bits_retain(rest);
        while rest != 0 {
            if let Some(role) = Role::from_index(rest.trailing_zeros()) {
                closed = closed.union(role.effective());
            }
            rest &= rest - 1;
        }
        closed
    }

    /// The set of the roles named, as a host stores them.
    ///
    /// ```
    /// use itam_rbac::Roles;
    ///
    /// let roles = Roles::from_names(["itam_agent", "itam_responsible"])?;
    /// assert_eq!(roles, Roles::AGENT | Roles::RESPONSIBLE);
    ///
    /// // One bad name fails the whole list: never a partial grant.
    /// let err = Roles::from_names(["itam_agent", "itam_root"]).unwrap_err();
    /// assert_eq!(err.input(), "itam_root");
    ///
    /// // So does a name given twice.
    /// let err = Roles::from_names(["itam_agent", "itam_responsible", "itam_agent"]).unwrap_err();
    /// assert!(err.is_duplicate());
    /// assert_eq!(err.to_string(), r#"duplicate role name "itam_agent""#);
    /// # Ok::<(), itam_rbac::ParseError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The [`ParseError`](crate::ParseError) of the first name, in list order, that is
    /// not exactly a role's system name (unknown, empty, differently cased, padded
    /// with white space) or that names a role already named
    /// ([`is_duplicate`](crate::ParseError::is_duplicate)).
    pub fn from_names<I>(names: I) -> Result<Roles, crate::ParseError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        names.into_iter().try_fold(Roles::empty(), |set, name| {
            let name = name.as_ref();
            set.with_new(name.parse()?, name)
        })
    }

    /// The set with `role` added, or the duplicate error if it holds `role` already
    /// (`name` is the text that named it).
    fn with_new(self, role: Role, name: &str) -> Result<Roles, crate::ParseError> {
        if self.has(role) {
            Err(crate::ParseError::duplicate("role", name))
        } else {
            Ok(self.union(role.bit()))
        }
    }

    /// Whether `role` is in the set.
    #[must_use]
    pub const fn has(self, role: Role) -> bool {
        self.contains(role.bit())
    }

    /// The roles in the set, in [`Role::ALL`] order.
    ///
    /// ```
    /// use itam_rbac::{Role, Roles};
    /// let roles = Roles::RESPONSIBLE | Roles::AGENT;
    /// assert!(roles.roles().eq([Role::Agent, Role::Responsible]));
    /// ```
    #[must_use]
    pub fn roles(self) -> RoleIter {
        RoleIter {
            rest: self.bits() & Roles::all().bits(),
        }
    }
}

impl From<Role> for Roles {
    fn from(role: Role) -> Self {
        role.bit()
    }
}

impl FromIterator<Role> for Roles {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        iter.into_iter()
            .fold(Roles::empty(), |set, role| set | role.bit())
    }
}

impl Extend<Role> for Roles {
    fn extend<I: IntoIterator<Item = Role>>(&mut self, iter: I) {
        for role in iter {
            self.insert(role.bit());
        }
    }
}

impl<const N: usize> From<[Role; N]> for Roles {
    fn from(roles: [Role; N]) -> Self {
        roles.into_iter().collect()
    }
}

impl fmt::Display for Roles {
    /// The system names in [`Role::ALL`] order, separated by `", "`; the empty set
    /// prints as nothing. `FromStr` reads it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Joined(*self, ", ").fmt(f)
    }
}

impl core::str::FromStr for Roles {
    type Err = crate::ParseError;

    /// Parses the `Display` form: system names separated by exactly `", "`, in any
    /// order, each role at most once; the empty string is the empty set.
    ///
    /// ```
    /// use itam_rbac::Roles;
    ///
    /// let roles: Roles = "itam_responsible, itam_agent".parse()?;
    /// assert_eq!(roles, Roles::AGENT | Roles::RESPONSIBLE);
    /// assert_eq!(roles.to_string().parse::<Roles>()?, roles);
    /// assert_eq!("".parse::<Roles>()?, Roles::empty());
    ///
    /// // Exact: another separator, an empty item or a duplicate is an error.
    /// assert_eq!("itam_agent,itam_admin".parse::<Roles>().unwrap_err().input(), "itam_agent,itam_admin");
    /// assert_eq!("itam_agent, ".parse::<Roles>().unwrap_err().input(), "");
    /// assert!("itam_agent, itam_agent".parse::<Roles>().unwrap_err().is_duplicate());
    /// # Ok::<(), itam_rbac::ParseError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The [`ParseError`](crate::ParseError) of the first item that is not exactly a
    /// role's system name, or that names a role already named, as
    /// [`Roles::from_names`] says.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            Ok(Roles::empty())
        } else {
            Roles::from_names(s.split(", "))
        }
    }
}

impl Roles {
    /// The roles as "any one of them" reads: the system names joined by `" or "`
    /// (`itam_process_manager or itam_operation_specialist`), as every grant and
    /// denial prints them.
    ///
    /// ```
    /// use itam_rbac::Roles;
    /// let roles = Roles::PROCESS_MANAGER | Roles::OPERATION_SPECIALIST;
    /// assert_eq!(
    ///     roles.any_of().to_string(),
    ///     "itam_operation_specialist or itam_process_manager"
    /// );
    /// ```
    #[must_use]
    pub fn any_of(self) -> impl fmt::Display {
        Joined(self, " or ")
    }
}

/// The one printer of role lists: the system names in [`Role::ALL`] order, joined
/// by a separator.
struct Joined(Roles, &'static str);

impl fmt::Display for Joined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, role) in self.0.roles().enumerate() {
            if i > 0 {
                f.write_str(self.1)?;
            }
            f.write_str(role.name())?;
        }
        Ok(())
    }
}

/// An iterator over the [`Role`]s of a [`Roles`] set, from [`Roles::roles`].
#[derive(Debug, Clone)]
pub struct RoleIter {
    rest: u32,
}

impl Iterator for RoleIter {
    type Item = Role;

    fn next(&mut self) -> Option<Role> {
        while self.rest != 0 {
            let index = self.rest.trailing_zeros();
            self.rest &= self.rest - 1;
            if let Some(role) = Role::from_index(index) {
                return Some(role);
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.rest.count_ones() as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for RoleIter {}
impl core::iter::FusedIterator for RoleIter {}

#[cfg(feature = "serde")]
mod serde_impl;

#[cfg(test)]
mod tests {
    extern crate std;

    use super::{Role, Roles, COUNT};
    use std::sync::mpsc;
    use std::time::Duration;
    use std::vec::Vec;
    use std::{thread, vec};

    /// [`Roles::effective`] and [`Roles::roles`] walk a set bit by bit: for every
    /// set of one role, and for the set of all roles, both end, the closure holds
    /// the role and is what [`Role::effective`] says, and the iterator lists the
    /// roles once each. Checked on a watchdog thread, so that a walk that never
    /// ends fails this test (the library's unit tests run before every other test
    /// binary) instead of stalling the suite.
    #[test]
    fn walks_over_role_sets_end() {
        let (done, finished) = mpsc::channel();
        thread::spawn(move || {
            let mut results = Vec::new();
            for role in Role::ALL.iter().copied() {
                let set = Roles::from(role);
                let listed: Vec<Role> = set.roles().take(COUNT + 1).collect();
                results.push((set.effective(), role.effective(), listed, vec![role]));
            }
            let listed: Vec<Role> = Roles::all().roles().take(COUNT + 1).collect();
            results.push((
                Roles::all().effective(),
                Roles::all(),
                listed,
                Role::ALL.to_vec(),
            ));
            // The receiver is gone only if the test already failed.
            done.send(results).ok();
        });
        let results = finished.recv_timeout(Duration::from_secs(10));
        assert!(results.is_ok(), "a walk over a role set did not end");
        for (closed, expected, listed, roles) in results.unwrap_or_default() {
            assert_eq!(closed, expected);
            assert_eq!(listed, roles);
        }
    }
}
