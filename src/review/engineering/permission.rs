//! A permission, a set of them, and every role's grants as sets, read once from
//! the tables.

use core::fmt;

use super::super::Operation;
use crate::lifecycle::ManualMove;
use crate::records::{self, RecordEvent, RecordKind};
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
pub(super) fn probe(kind: TaskKind, event: TaskEvent) -> Option<Roles> {
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
pub(super) struct Table {
    /// What the tables name each role for.
    direct: [PermissionSet; ROLES],
    /// What each role's closure is granted by grants without an "unless" clause.
    plain: [PermissionSet; ROLES],
    /// What each role's closure is granted by the grants of each "unless" slot.
    unless: [[PermissionSet; ROLES]; UNLESS_SLOTS],
    /// The roles each "unless" slot excludes.
    pub(super) excluded: [Roles; UNLESS_SLOTS],
}

impl Table {
    pub(super) fn new() -> Table {
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
    pub(super) fn granted(&self, roles: Roles) -> PermissionSet {
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
    pub(super) fn plain(&self, role: Role) -> PermissionSet {
        self.plain
            .get(role as usize)
            .copied()
            .unwrap_or(PermissionSet::EMPTY)
    }

    pub(super) fn direct(&self, role: Role) -> PermissionSet {
        self.direct
            .get(role as usize)
            .copied()
            .unwrap_or(PermissionSet::EMPTY)
    }
}

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
