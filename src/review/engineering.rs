//! Role engineering: where the roles' responsibilities overlap, what each role alone
//! grants, and the least-privilege role sets of each job function (SOURCES.md §J).
//!
//! Everything here is read from the same tables the decisions use: the task matrix
//! ([`matrix::cell`]), the task workflow ([`workflow::grants`], and
//! [`workflow::check_event`] for which events exist on a kind and who approves), the
//! record tables, and the manual moves ([`ManualMove::role`]). A [`Permission`] is one
//! operation on one kind of thing; a [`PermissionSet`] is a bit set of them, `Copy`
//! and allocation-free, as is every iterator of this module.
//!
//! - [`direct`]: what the tables name a role for (not through inclusion);
//!   [`granted`]: everything a role set grants.
//! - [`overlaps`]: every pair of roles and every permission both are named for,
//!   with the clause of each.
//! - [`sole`]: what only one role is named for (nobody else can cover it);
//!   [`added`]: what a role grants beyond the roles it includes; [`removed`]: what
//!   it takes away from them; [`redundant`]: the roles that add nothing.
//! - [`JobFunction`]: the job functions of SOURCES.md §J, their duties as
//!   permissions, the product's mapping, and [`least_privilege`] role sets.
//!
//! Counting rules (DECISIONS.md, *Role engineering*): a permission is granted to a
//! role set when some grant of it names a role of the set (held through inclusion
//! counts), whatever its clause or state; the "unless holding" clause is applied
//! against the set. A task is approved by `itam_responsible` (as the responsible
//! person of its assets); an added approver or a committee member is named on the
//! task, not granted by a role, so it counts for no role.
//!
//! ```
//! use itam_rbac::review::engineering::{self, JobFunction, Permission};
//! use itam_rbac::{Action, Role, Roles, TaskKind};
//!
//! // Both create tasks of every kind, each named directly by the matrix.
//! let create = Permission::Task(TaskKind::Maintenance, Action::Create);
//! assert!(engineering::direct(Role::ProcessManager).contains(create));
//! assert!(engineering::direct(Role::OperationSpecialist).contains(create));
//!
//! // itam_endpoint_user adds nothing to itam_agent.
//! assert!(engineering::added(Role::EndpointUser).is_empty());
//! assert!(engineering::redundant().any(|r| r == Role::EndpointUser));
//!
//! // Finance and legal: the least-privilege set is the product's mapping, and it
//! // prepares and approves functional budgets.
//! let best: Vec<_> = JobFunction::FinanceAndLegal.least_privilege().collect();
//! assert_eq!(best.len(), 1);
//! assert_eq!(
//!     best[0].roles(),
//!     Roles::FINANCE_MANAGER | Roles::CONTRACT_APPROVER | Roles::BUDGET_CONTROLLER
//! );
//! assert!(best[0].conflicts().any(|c| c.preparer() == Role::FinanceManager));
//! ```

use core::fmt;

use super::Operation;
use crate::lifecycle::ManualMove;
use crate::records::{self, RecordEvent, RecordKind};
use crate::sod::{self, Conflict};
use crate::vocabulary::vocabulary;
use crate::workflow::{self, Relations, TaskEvent};
use crate::{matrix, Action, Clause, Grant, Role, Roles, Subject, Task, TaskKind, TaskState};

/// One operation on one kind of thing: what a role may be granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    /// An action on tasks of a kind (the task matrix).
    Task(TaskKind, Action),
    /// A workflow event on tasks of a kind.
    TaskEvent(TaskKind, TaskEvent),
    /// An action or an event on records of a kind.
    Record(RecordKind, Operation),
    /// A manual move of an asset's stage and state.
    Move(ManualMove),
}

const KINDS: usize = TaskKind::ALL.len();
const ACTIONS: usize = Action::ALL.len();
const EVENTS: usize = TaskEvent::ALL.len();
const RECORDS: usize = RecordKind::ALL.len();
const RECORD_OPS: usize = ACTIONS + RecordEvent::ALL.len();
const MOVES: usize = ManualMove::ALL.len();

const TASK_BASE: usize = 0;
const EVENT_BASE: usize = TASK_BASE + KINDS * ACTIONS;
const RECORD_BASE: usize = EVENT_BASE + KINDS * EVENTS;
const MOVE_BASE: usize = RECORD_BASE + RECORDS * RECORD_OPS;

/// How many permissions there are: every index below is one.
pub const PERMISSIONS: usize = MOVE_BASE + MOVES;

/// The words of a [`PermissionSet`].
const WORDS: usize = PERMISSIONS.div_ceil(64);

/// How many roles there are.
const ROLES: usize = Role::ALL.len();

impl Permission {
    /// The permission's place in [`Permission::all`]: task actions, task events,
    /// record operations, manual moves.
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Permission::Task(kind, action) => TASK_BASE + kind as usize * ACTIONS + action as usize,
            Permission::TaskEvent(kind, event) => {
                EVENT_BASE + kind as usize * EVENTS + event as usize
            }
            Permission::Record(kind, Operation::Action(action)) => {
                RECORD_BASE + kind as usize * RECORD_OPS + action as usize
            }
            Permission::Record(kind, Operation::Event(event)) => {
                RECORD_BASE + kind as usize * RECORD_OPS + ACTIONS + event as usize
            }
            Permission::Move(action) => MOVE_BASE + action as usize,
        }
    }

    /// The permission with `index`, if any.
    #[must_use]
    pub fn from_index(index: usize) -> Option<Permission> {
        if let Some(i) = index.checked_sub(MOVE_BASE) {
            return ManualMove::ALL.get(i).copied().map(Permission::Move);
        }
        if let Some(i) = index.checked_sub(RECORD_BASE) {
            let kind = *RecordKind::ALL.get(i / RECORD_OPS)?;
            let op = i % RECORD_OPS;
            let operation = match op.checked_sub(ACTIONS) {
                None => Operation::Action(*Action::ALL.get(op)?),
                Some(e) => Operation::Event(*RecordEvent::ALL.get(e)?),
            };
            return Some(Permission::Record(kind, operation));
        }
        if let Some(i) = index.checked_sub(EVENT_BASE) {
            let kind = *TaskKind::ALL.get(i / EVENTS)?;
            return Some(Permission::TaskEvent(
                kind,
                *TaskEvent::ALL.get(i % EVENTS)?,
            ));
        }
        let kind = *TaskKind::ALL.get(index / ACTIONS)?;
        Some(Permission::Task(kind, *Action::ALL.get(index % ACTIONS)?))
    }

    /// Every permission, in index order, whether or not a role is granted it.
    pub fn all() -> impl Iterator<Item = Permission> + Clone {
        (0..PERMISSIONS).filter_map(Permission::from_index)
    }

    /// The roles the tables name for the permission (any one suffices; a role that
    /// includes one of them is granted it through inclusion), clauses aside.
    #[must_use]
    pub fn named(self) -> Roles {
        let mut roles = Roles::empty();
        visit_grants(self, &mut |grant, _| roles |= grant.roles);
        roles
    }

    /// The clause under which the tables name `role` itself for the permission
    /// (the first such grant, and whether it holds in every state of the item),
    /// or `None` if they do not name it (or its own "unless" clause excludes it).
    #[must_use]
    pub fn clause_of(self, role: Role) -> Option<(Clause, bool)> {
        let mut found = None;
        visit_grants(self, &mut |grant, every| {
            if found.is_none() && names(grant, role) {
                found = Some((grant.clause, every));
            }
        });
        found
    }
}

impl fmt::Display for Permission {
    /// E.g. `update maintenance task`, `start_work maintenance task`, `approve
    /// contract`, `accept_verification asset (manual move)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Permission::Task(kind, action) => write!(f, "{action} {kind} task"),
            Permission::TaskEvent(kind, event) => write!(f, "{event} {kind} task"),
            Permission::Record(kind, operation) => write!(f, "{operation} {kind}"),
            Permission::Move(action) => write!(f, "{action} asset (manual move)"),
        }
    }
}

/// Whether `grant` names `role` itself, its "unless" clause not excluding it.
fn names(grant: Grant, role: Role) -> bool {
    grant.roles.has(role) && !excluded(grant, role.effective())
}

/// Whether `grant`'s "unless" clause excludes a holder of `effective`.
fn excluded(grant: Grant, effective: Roles) -> bool {
    match grant.clause {
        Clause::Unless(roles) => effective.intersects(roles),
        Clause::Always
        | Clause::AsAssignedUser
        | Clause::AsAssignedUserOrGroup
        | Clause::FourEyes => false,
    }
}

/// Every grant of `permission`, with whether it holds in every state of the item,
/// through `visit`.
fn visit_grants(permission: Permission, visit: &mut dyn FnMut(Grant, bool)) {
    match permission {
        Permission::Task(kind, action) => {
            let cell = matrix::cell(kind, action);
            for grant in cell.grants() {
                visit(*grant, !cell.is_open_only());
            }
        }
        Permission::TaskEvent(kind, event) => task_event_grants(kind, event, visit),
        Permission::Record(kind, Operation::Action(action)) => {
            records::visit_action_rules(kind, action, visit);
        }
        Permission::Record(kind, Operation::Event(event)) => {
            if let Some(grant) = records::event_rule(kind, event) {
                visit(grant, true);
            }
        }
        Permission::Move(action) => {
            if let Some(role) = action.role() {
                visit(Grant::holding(role.bit()), true);
            }
        }
    }
}

/// The grants of a workflow event on a kind: none where the event can never happen
/// on the kind (the approval policy forbids it); the workflow's grants otherwise,
/// and for approve and reject, the role the workflow asks of an approver who is
/// the responsible person of the task's assets, four eyes.
fn task_event_grants(kind: TaskKind, event: TaskEvent, visit: &mut dyn FnMut(Grant, bool)) {
    let Some(approver) = probe(kind, event) else {
        return;
    };
    match workflow::grants(kind, event) {
        Some(grants) => {
            for grant in grants {
                visit(*grant, true);
            }
        }
        None => visit(Grant::four_eyes(approver), true),
    }
}

/// Whether `event` can happen on a task of `kind` at all, asked of the workflow
/// itself for a user holding every role, as the assigned user and as somebody
/// else, in every state: the roles of the grant that allowed
/// (for approve and reject, the approver's role), or `None`.
fn probe(kind: TaskKind, event: TaskEvent) -> Option<Roles> {
    const ME: u8 = 1;
    const OTHER: u8 = 2;
    let user = Subject::new(ME, Roles::all());
    // The responsible person of the task's assets (the user is tried as the
    // assigned user too). No added approver, no committee: those are named on the
    // task, not granted by a role.
    let relations = Relations::ASSET_RESPONSIBLE;
    TaskState::ALL
        .iter()
        .flat_map(|&from| [(from, ME), (from, OTHER)])
        .find_map(|(from, assignee)| {
            let task = Task::new(kind, from)
                .created_by(OTHER)
                .submitted_by(OTHER)
                .assigned_to(assignee);
            workflow::check_event(&user, &task, relations, event)
                .ok()
                .map(|allowed| allowed.roles())
        })
}

/// A set of [`Permission`]s: one bit a permission, `Copy`, no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PermissionSet {
    words: [u64; WORDS],
}

impl PermissionSet {
    /// The empty set.
    pub const EMPTY: PermissionSet = PermissionSet { words: [0; WORDS] };

    /// The word and the bit of `permission`.
    const fn place(permission: Permission) -> (usize, u64) {
        let i = permission.index();
        (i / 64, 1 << (i % 64))
    }

    /// Whether `permission` is in the set.
    #[must_use]
    pub fn contains(&self, permission: Permission) -> bool {
        let (word, bit) = Self::place(permission);
        self.words.get(word).is_some_and(|w| w & bit != 0)
    }

    /// Adds `permission`.
    pub fn insert(&mut self, permission: Permission) {
        let (word, bit) = Self::place(permission);
        if let Some(w) = self.words.get_mut(word) {
            *w |= bit;
        }
    }

    /// How many permissions the set holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// The permissions of both sets.
    #[must_use]
    pub fn union(self, other: PermissionSet) -> PermissionSet {
        self.zip(other, |a, b| a | b)
    }

    /// The permissions of this set that `other` lacks.
    #[must_use]
    pub fn difference(self, other: PermissionSet) -> PermissionSet {
        self.zip(other, |a, b| a & !b)
    }

    /// The permissions in both sets.
    #[must_use]
    pub fn intersection(self, other: PermissionSet) -> PermissionSet {
        self.zip(other, |a, b| a & b)
    }

    /// Whether every permission of this set is in `other`.
    #[must_use]
    pub fn is_subset(&self, other: &PermissionSet) -> bool {
        self.difference(*other).is_empty()
    }

    /// The permissions, in index order.
    pub fn iter(&self) -> impl Iterator<Item = Permission> + Clone + '_ {
        Permission::all().filter(|&p| self.contains(p))
    }

    fn zip(self, other: PermissionSet, op: impl Fn(u64, u64) -> u64) -> PermissionSet {
        let mut words = self.words;
        for (w, o) in words.iter_mut().zip(other.words) {
            *w = op(*w, o);
        }
        PermissionSet { words }
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        let mut set = PermissionSet::EMPTY;
        for p in iter {
            set.insert(p);
        }
        set
    }
}

/// How many distinct "unless holding" clauses the table keeps apart. A grant with
/// one more such clause than this counts for nobody (it only denies).
const UNLESS_SLOTS: usize = 2;

/// Every role's grants as bit sets, read once from the tables.
#[derive(Debug, Clone)]
struct Table {
    /// What the tables name each role for.
    direct: [PermissionSet; ROLES],
    /// What each role's closure is granted by grants without an "unless" clause.
    plain: [PermissionSet; ROLES],
    /// What each role's closure is granted by the grants of each "unless" slot.
    unless: [[PermissionSet; ROLES]; UNLESS_SLOTS],
    /// The roles each "unless" slot excludes.
    excluded: [Roles; UNLESS_SLOTS],
}

impl Table {
    fn new() -> Table {
        let mut table = Table {
            direct: [PermissionSet::EMPTY; ROLES],
            plain: [PermissionSet::EMPTY; ROLES],
            unless: [[PermissionSet::EMPTY; ROLES]; UNLESS_SLOTS],
            excluded: [Roles::empty(); UNLESS_SLOTS],
        };
        for permission in Permission::all() {
            visit_grants(permission, &mut |grant, _| table.add(permission, grant));
        }
        table
    }

    fn add(&mut self, permission: Permission, grant: Grant) {
        for (i, role) in Role::ALL.iter().enumerate() {
            if names(grant, *role) {
                if let Some(set) = self.direct.get_mut(i) {
                    set.insert(permission);
                }
            }
            if !grant.roles.intersects(role.effective()) {
                continue;
            }
            let set = match grant.clause {
                Clause::Unless(roles) => self
                    .slot(roles)
                    .and_then(|s| self.unless.get_mut(s).and_then(|sets| sets.get_mut(i))),
                Clause::Always
                | Clause::AsAssignedUser
                | Clause::AsAssignedUserOrGroup
                | Clause::FourEyes => self.plain.get_mut(i),
            };
            if let Some(set) = set {
                set.insert(permission);
            }
        }
    }

    /// The slot of an "unless" clause excluding `roles`: its own, or a free one.
    fn slot(&mut self, roles: Roles) -> Option<usize> {
        let at = self
            .excluded
            .iter()
            .position(|&r| r == roles || r.is_empty())?;
        if let Some(r) = self.excluded.get_mut(at) {
            *r = roles;
        }
        Some(at)
    }

    /// What a user granted `roles` is granted.
    fn granted(&self, roles: Roles) -> PermissionSet {
        let roles = roles & Roles::all();
        let effective = roles.effective();
        let mut set = PermissionSet::EMPTY;
        for role in roles.roles() {
            if let Some(plain) = self.plain.get(role as usize) {
                set = set.union(*plain);
            }
        }
        for (sets, excluded) in self.unless.iter().zip(self.excluded) {
            if excluded.is_empty() || effective.intersects(excluded) {
                continue;
            }
            for role in roles.roles() {
                if let Some(unless) = sets.get(role as usize) {
                    set = set.union(*unless);
                }
            }
        }
        set
    }

    /// What `role` is granted by grants without an "unless" clause: granted to
    /// every set that holds it.
    fn plain(&self, role: Role) -> PermissionSet {
        self.plain
            .get(role as usize)
            .copied()
            .unwrap_or(PermissionSet::EMPTY)
    }

    fn direct(&self, role: Role) -> PermissionSet {
        self.direct
            .get(role as usize)
            .copied()
            .unwrap_or(PermissionSet::EMPTY)
    }
}

/// What the tables name `role` itself for: not what it holds through inclusion.
#[must_use]
pub fn direct(role: Role) -> PermissionSet {
    Table::new().direct(role)
}

/// Everything a user granted `roles` is granted (the roles closed under
/// inclusion; an "unless holding" clause applied against them), whatever the
/// clause or the state.
#[must_use]
pub fn granted(roles: Roles) -> PermissionSet {
    Table::new().granted(roles)
}

/// What only `role` is named for: no other role is (a role that includes it is
/// granted it only through it). Nobody else can cover these.
#[must_use]
pub fn sole(role: Role) -> PermissionSet {
    let table = Table::new();
    let mut others = PermissionSet::EMPTY;
    for &other in Role::ALL {
        if other != role {
            others = others.union(table.direct(other));
        }
    }
    table.direct(role).difference(others)
}

/// What `role` grants beyond what the roles it includes grant.
#[must_use]
pub fn added(role: Role) -> PermissionSet {
    let table = Table::new();
    table
        .granted(role.bit())
        .difference(table.granted(role.includes()))
}

/// What the roles `role` includes grant and `role` does not: holding it takes them
/// away (only an "unless holding" clause can).
#[must_use]
pub fn removed(role: Role) -> PermissionSet {
    let table = Table::new();
    table
        .granted(role.includes())
        .difference(table.granted(role.bit()))
}

/// The roles with no permission of their own: each grants nothing beyond what the
/// roles it includes grant ([`added`] is empty), in [`Role::ALL`] order.
pub fn redundant() -> impl Iterator<Item = Role> + Clone {
    Role::ALL
        .iter()
        .copied()
        .filter(|&role| added(role).is_empty())
}

/// A role named for a permission, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Named {
    /// The role.
    pub role: Role,
    /// The clause of the first grant that names it.
    pub clause: Clause,
    /// Whether that grant holds in every state of the item.
    pub in_every_state: bool,
}

impl fmt::Display for Named {
    /// E.g. `itam_operation_specialist as the assigned user`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.role)?;
        if self.clause.is_conditional() {
            write!(f, " {}", self.clause)?;
        }
        if !self.in_every_state {
            f.write_str(", in some states")?;
        }
        Ok(())
    }
}

/// Two roles both named directly for one permission ([`overlaps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Overlap {
    /// What both are granted.
    pub permission: Permission,
    /// The first role, in [`Role::ALL`] order, and its clause.
    pub first: Named,
    /// The second role and its clause.
    pub second: Named,
}

impl fmt::Display for Overlap {
    /// E.g. `create maintenance task: itam_operation_specialist; itam_process_manager`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}; {}", self.permission, self.first, self.second)
    }
}

/// Every pair of roles (in [`Role::ALL`] order) and every permission the tables
/// name both for directly, pair by pair, each pair's permissions in index order.
#[must_use]
pub fn overlaps() -> Overlaps {
    Overlaps {
        table: Table::new(),
        first: 0,
        second: 1,
        permission: 0,
    }
}

/// The iterator of [`overlaps`].
#[derive(Debug, Clone)]
pub struct Overlaps {
    table: Table,
    first: usize,
    second: usize,
    permission: usize,
}

impl Iterator for Overlaps {
    type Item = Overlap;

    fn next(&mut self) -> Option<Overlap> {
        loop {
            let first = *Role::ALL.get(self.first)?;
            let Some(&second) = Role::ALL.get(self.second) else {
                self.first += 1;
                self.second = self.first + 1;
                continue;
            };
            let Some(permission) = Permission::from_index(self.permission) else {
                self.second += 1;
                self.permission = 0;
                continue;
            };
            self.permission += 1;
            let both = self
                .table
                .direct(first)
                .intersection(self.table.direct(second));
            if !both.contains(permission) {
                continue;
            }
            let named = |role: Role| {
                permission
                    .clause_of(role)
                    .map(|(clause, in_every_state)| Named {
                        role,
                        clause,
                        in_every_state,
                    })
            };
            if let (Some(first), Some(second)) = (named(first), named(second)) {
                return Some(Overlap {
                    permission,
                    first,
                    second,
                });
            }
        }
    }
}

impl core::iter::FusedIterator for Overlaps {}

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
    #[rustfmt::skip]
    #[expect(clippy::unnested_or_patterns, reason = "one line a duty, as the function's words list them")]
    pub fn is_duty(self, permission: Permission) -> bool {
        use Action::{Create, Read, Update};
        use Operation::{Action as A, Event as E};
        use Permission as P;
        use RecordEvent as R;
        use RecordKind as K;
        use TaskEvent as T;
        use TaskKind as Kind;
        match self {
            // The life cycle: create, edit, put off, send, complete and cancel
            // tasks of every kind (managing, not performing: an inventory is
            // completed by its assigned user only); audits and reports:
            // read tasks and the ITAM records; prepare contracts.
            JobFunction::ItAssetManager => matches!(permission,
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
                && exists(permission),
            // Purchase orders from registration to completion; vendors: read
            // contracts; the catalogue and the demands behind the purchases.
            JobFunction::ProcurementSpecialist => matches!(permission,
                P::Record(K::PurchaseRequest, A(Read | Create | Update))
                | P::Record(K::PurchaseRequest, E(R::SendForApproval | R::StartWork | R::StartPurchase | R::Complete | R::Cancel))
                | P::Record(K::Contract | K::Nomenclature | K::Demand, A(Read))),
            // Installations (registration, allocation, upgrading) and compliance
            // audits (inventory): create, edit and complete those tasks; licence
            // data on the asset form; read tasks, assets, contracts, catalogue.
            JobFunction::SoftwareAssetManager => matches!(permission,
                P::Task(_, Read)
                | P::Task(Kind::Registration | Kind::Allocation | Kind::Upgrading | Kind::Inventory, Create | Update)
                | P::TaskEvent(Kind::Registration | Kind::Allocation | Kind::Upgrading | Kind::Inventory, T::Complete)
                | P::Record(K::Asset | K::Contract | K::Nomenclature, A(Read))
                | P::Record(K::Asset, A(Update))),
            // Deploy (allocation), keep the inventory right (inventory, the asset
            // form), retire (decommissioning, disposal, the moves out of use):
            // perform those tasks.
            JobFunction::ItSupport => matches!(permission,
                P::Task(_, Read)
                | P::Task(Kind::Allocation | Kind::Inventory | Kind::Decommissioning | Kind::Disposal, Update)
                | P::TaskEvent(Kind::Allocation | Kind::Inventory | Kind::Decommissioning | Kind::Disposal, T::StartWork | T::Complete)
                | P::Record(K::Asset, A(Read | Update))
                | P::Move(ManualMove::MoveOutOfOperation | ManualMove::MarkForDecommissioning)),
            // Reads only: tasks, assets, contracts, demands, catalogue.
            JobFunction::SecurityAnalyst => matches!(permission,
                P::Task(_, Read)
                | P::Record(K::Asset | K::Contract | K::Demand | K::Nomenclature, A(Read))),
            // Contracts: read and decide; costs: the actual cost items; cost
            // forecasts: prepare and approve functional budgets (as the product
            // maps it); read purchase requests (the financial documents).
            JobFunction::FinanceAndLegal => matches!(permission,
                P::Record(K::Contract, A(Read) | E(R::Approve | R::Reject))
                | P::Record(K::ActualCostItem, A(Read | Create | Update) | E(R::Approve | R::Allocate))
                | P::Record(K::FunctionalBudget, A(Read | Create | Update))
                | P::Record(K::FunctionalBudget, E(R::SendForApproval | R::Revise | R::Approve | R::Reject))
                | P::Record(K::PurchaseRequest, A(Read))),
            // The responsible person of a stock's assets: approve and reject the
            // tasks on them, edit a change of responsible; read tasks and assets.
            JobFunction::StockKeeper => matches!(permission,
                P::Task(_, Read)
                | P::Task(Kind::ChangeOfResponsible, Update)
                | P::TaskEvent(_, T::Approve | T::Reject)
                | P::Record(K::Asset, A(Read)))
                && exists(permission),
        }
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

/// One role set that grants every duty, with what it grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Assignment {
    roles: Roles,
    granted: PermissionSet,
    duties: PermissionSet,
}

impl Assignment {
    /// The roles.
    #[must_use]
    pub const fn roles(&self) -> Roles {
        self.roles
    }

    /// Everything the roles grant.
    #[must_use]
    pub const fn granted(&self) -> PermissionSet {
        self.granted
    }

    /// What the roles grant beyond the duties.
    #[must_use]
    pub fn extra(&self) -> PermissionSet {
        self.granted.difference(self.duties)
    }

    /// The separation-of-duties conflicts the roles hold ([`sod::conflicts`]).
    pub fn conflicts(&self) -> impl Iterator<Item = Conflict> + Clone {
        sod::conflicts(self.roles)
    }
}

/// The least-privilege role sets for `duties`: the role sets that grant every duty
/// and, among those, grant the fewest permissions beyond them; of those, hold the
/// fewest roles once closed under inclusion; and of those, are granted the fewest
/// roles (so no role of a set is redundant). Every such set, once, in the order
/// of the sets' bits: a binary count over the roles that matter. Roles that grant
/// no duty, directly or through inclusion, and take nothing away are in none; nor
/// is a role whose unconditional grants alone exceed, beyond the duties, what a
/// covering set of one or two roles grants beyond them. Empty when no role set
/// grants every duty.
#[must_use]
pub fn least_privilege(duties: PermissionSet) -> LeastPrivilege {
    let table = Table::new();
    let mut candidates = Roles::empty();
    for &role in Role::ALL {
        let takes_away = table
            .excluded
            .iter()
            .any(|&excluded| role.effective().intersects(excluded));
        let grants_a_duty = !table.granted(role.bit()).intersection(duties).is_empty();
        if takes_away || grants_a_duty {
            candidates |= role.bit();
        }
    }
    // A bound: the fewest extra permissions of a covering set of one or two
    // roles. A role whose own unconditional grants already exceed it beyond the
    // duties is in no least-privilege set (a set is granted at least those).
    let mut bound: Option<usize> = None;
    for a in candidates.roles() {
        for b in candidates.roles() {
            let granted = table.granted(a.bit() | b.bit());
            if duties.is_subset(&granted) {
                let extra = granted.difference(duties).len();
                bound = Some(bound.map_or(extra, |old| old.min(extra)));
            }
        }
    }
    if let Some(bound) = bound {
        for role in candidates.roles() {
            if table.plain(role).difference(duties).len() > bound {
                candidates.remove(role.bit());
            }
        }
    }
    let mut search = LeastPrivilege {
        table,
        duties,
        candidates,
        best: None,
        mask: 0,
    };
    search.best = search.clone().best_score();
    search
}

/// How a covering role set ranks, lowest first: the permissions it grants beyond
/// the duties, then the roles it holds (closed under inclusion), then the roles
/// granted.
type Score = (usize, u32, u32);

/// The iterator of [`least_privilege`].
#[derive(Debug, Clone)]
pub struct LeastPrivilege {
    table: Table,
    duties: PermissionSet,
    candidates: Roles,
    /// The score of the best sets; `None` while searching.
    best: Option<Score>,
    mask: u64,
}

impl LeastPrivilege {
    /// The roles whose bits of `mask` are set, counting over the candidates.
    fn roles_of(&self, mask: u64) -> Roles {
        self.candidates
            .roles()
            .enumerate()
            .filter(|&(i, _)| mask >> i & 1 == 1)
            .map(|(_, role)| role)
            .collect()
    }

    /// The next role set that grants every duty, with its score.
    fn step(&mut self) -> Option<(Score, Assignment)> {
        let end = 1_u64 << self.candidates.bits().count_ones();
        while self.mask < end {
            let roles = self.roles_of(self.mask);
            self.mask += 1;
            let granted = self.table.granted(roles);
            if !self.duties.is_subset(&granted) {
                continue;
            }
            let score = (
                granted.difference(self.duties).len(),
                roles.effective().bits().count_ones(),
                roles.bits().count_ones(),
            );
            return Some((
                score,
                Assignment {
                    roles,
                    granted,
                    duties: self.duties,
                },
            ));
        }
        None
    }
}

impl LeastPrivilege {
    /// The lowest score of a covering set, over the whole search.
    fn best_score(mut self) -> Option<Score> {
        let mut best: Option<Score> = None;
        while let Some((score, _)) = self.step() {
            best = Some(match best {
                Some(b) if b <= score => b,
                Some(_) | None => score,
            });
        }
        best
    }
}

impl Iterator for LeastPrivilege {
    type Item = Assignment;

    fn next(&mut self) -> Option<Assignment> {
        let best = self.best?;
        while let Some((score, assignment)) = self.step() {
            if score == best {
                return Some(assignment);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for LeastPrivilege {}

#[cfg(test)]
mod tests {
    use super::{names, Grant, Role, Roles};

    /// A role named by a grant whose "unless" clause excludes a role it includes
    /// is not named for it (no table does this today).
    #[test]
    fn an_unless_clause_excludes_the_role_it_names() {
        let grant = Grant::without(Roles::CONTRACT_MANAGER, Roles::AGENT);
        assert!(!names(grant, Role::ContractManager));
        assert!(names(
            Grant::without(Roles::AGENT, Roles::CONTRACT_MANAGER),
            Role::Agent
        ));
    }
}
