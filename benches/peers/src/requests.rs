//! The request set: a fixed-seed generator (splitmix64), so every run and every
//! machine sees the same 10,000 requests.

use itam_rbac::{Action, Role, TaskKind, TaskState};

/// How many requests the set holds.
pub const COUNT: usize = 10_000;
/// The generator's seed.
pub const SEED: u64 = 0x1743_2024_0005_0001;

/// One request, in the crate's vocabulary; each peer translates it up front.
#[derive(Debug, Clone)]
pub struct Request {
    /// The requesting user's number: user `u{user}`. Request `i` is made by user `i`.
    pub user: usize,
    /// The roles granted to the user (not closed under inclusion), no duplicates.
    pub granted: Vec<Role>,
    /// What the user wants to do.
    pub action: Action,
    /// The task's kind.
    pub kind: TaskKind,
    /// The task's state.
    pub state: TaskState,
    /// The task's assigned user's number, if any: the requester or someone else.
    pub assignee: Option<usize>,
}

impl Request {
    /// The user's id as the peers spell it.
    pub fn user_id(&self) -> String {
        user_id(self.user)
    }

    /// The assigned user's id as the peers spell it.
    pub fn assignee_id(&self) -> Option<String> {
        self.assignee.map(user_id)
    }
}

/// The id of user number `n`.
pub fn user_id(n: usize) -> String {
    format!("u{n}")
}

/// splitmix64 (Steele, Lea, Flood 2014): small, fast, and good enough to draw cases.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    fn percent(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The roles the task matrix names, drawn more often than the others.
const RELEVANT: &[Role] = &[
    Role::Agent,
    Role::Responsible,
    Role::OperationSpecialist,
    Role::ProcessManager,
    Role::ContractManager,
];

/// The whole set, always the same for the same [`SEED`].
pub fn generate() -> Vec<Request> {
    let mut rng = SplitMix64(SEED);
    (0..COUNT)
        .map(|user| {
            // Roles: none 8% of the time, else one to three, 80% of them from the
            // roles the matrix names, 20% from all 21 roles.
            let mut granted = Vec::new();
            if !rng.percent(8) {
                for _ in 0..=rng.below(3) {
                    let role = if rng.percent(80) {
                        rng.pick(RELEVANT)
                    } else {
                        rng.pick(Role::ALL)
                    };
                    if !granted.contains(&role) {
                        granted.push(role);
                    }
                }
            }
            // Actions: update (the conditional cells) most, delete 15%.
            let action = match rng.below(100) {
                0..=19 => Action::Read,
                20..=39 => Action::Create,
                40..=84 => Action::Update,
                _ => Action::Delete,
            };
            // Kinds: the two rows with their own update rule a quarter each, the
            // rest uniform over all twelve.
            let kind = match rng.below(4) {
                0 => TaskKind::Inventory,
                1 => TaskKind::ChangeOfResponsible,
                _ => rng.pick(TaskKind::ALL),
            };
            // States: completed 30%, else uniform over all seven.
            let state = if rng.percent(30) {
                TaskState::Completed
            } else {
                rng.pick(TaskState::ALL)
            };
            // Assignee: the requester 45%, another user 45%, nobody 10%.
            let assignee = match rng.below(100) {
                0..=44 => Some(user),
                45..=89 => Some((user + 1 + rng.below(COUNT - 1)) % COUNT),
                _ => None,
            };
            Request {
                user,
                granted,
                action,
                kind,
                state,
                assignee,
            }
        })
        .collect()
}
