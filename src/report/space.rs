//! The whole decision space as canonical text: [`decision_space`] and its digest,
//! [`decision_space_digest`].
//!
//! Every decision function of the crate is asked every question it can be asked
//! (the role dimension reduced to the empty set, each role and each pair of roles),
//! and the answers are written one line a context, compressed by rules a parser can
//! undo. The dump is written only through the public decision functions, so it is a
//! black-box view: two versions of the crate that print the same dump decide the
//! same.

use core::fmt::{self, Write};

use crate::lifecycle::{
    self, AssetEvent, AssetFlags, AssetState, ManualMove, Next, TransitionFault,
};
use crate::records::{
    self, can_record, transition_record, AssetFields, AssetStatus, BudgetState, ContractState,
    CostItemState, DemandState, NomenclatureState, PurchaseState, Record, RecordEvent, RecordKind,
    RecordState,
};
use crate::workflow::{self, Relations, TaskEvent, TaskFields};
use crate::{can, sod, Action, Role, Roles, Subject, Task, TaskKind, TaskState};

/// How many roles there are.
const ROLES: usize = Role::ALL.len();

/// How many role sets the dump asks about: the empty set, each role, each pair.
const SETS: usize = 1 + ROLES + ROLES * (ROLES - 1) / 2;

/// The most dimensions a line has: the two person dimensions and one a flag of an
/// 8-bit flag set ([`Relations`] and [`AssetFlags`] are `u8`).
const MAX_DIMS: usize = 3 + 8;

/// The most contexts one (domain, target, verb, state) has: the most of the
/// workflow's (a person and every combination of the relations), the records' (a
/// person, the document, all approved) and the asset flags'.
const CONTEXTS: usize = max(
    max(
        (ASSIGNEE.values.len() * WORKFLOW_CREATOR.values.len() * SUBMITTER.values.len())
            << Relations::all().bits().count_ones(),
        ASSIGNEE.values.len() * CREATOR.values.len() * SUBMITTER.values.len() * 2 * 2,
    ),
    1 << AssetFlags::all().bits().count_ones(),
);

/// The larger of `a` and `b`.
const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The most distinct answers (each over the 232 role sets) one (domain, target,
/// verb, state) keeps to grow its boxes: 8 at most today. Past it, that key's
/// lines are written one a context (exact still, only longer).
const ROWS: usize = 32;

/// The most distinct outcomes one (domain, target, verb, state) keeps; past it,
/// too, its lines are written one a context.
const OUTCOMES: usize = 255;

/// The acting user's id, and another user's.
const ME: u8 = 1;
const OTHER: u8 = 2;

// The `task_edit` outcome is a bit a subset of the task fields, in a `u64`.
const _: () = assert!(
    TaskFields::all().bits().count_ones() <= 6,
    "the task_edit outcome keeps one bit a subset of TaskFields in a u64"
);

/// Writes the whole decision space of the crate to `out`: every decision function
/// asked every question, in a canonical, line-oriented text.
///
/// Nothing is allocated: the render uses fixed arrays (about 20 KiB of stack) and
/// writes straight into `out`. It fails only when `out` does, and `out` may stop it
/// early by failing. It asks about 110 million questions, most of them of
/// [`workflow::validate`](crate::workflow::validate): some fifteen seconds in a
/// debug build, far less in a release build.
///
/// The dump is written only through the public decision functions, so two versions
/// of the crate that write the same dump decide the same. Its FNV-1a digest is
/// [`decision_space_digest`].
///
/// # The questions
///
/// **Role sets.** Where a decision has a subject, its granted roles are, in this
/// order: the empty set, each role of [`Role::ALL`], then each pair of distinct
/// roles `(a, b)`, `a` before `b` in [`Role::ALL`], in the order of `a`, then `b`:
/// 232 sets. The subject's id is the "self" of the person dimensions.
///
/// **Domains.** Each line belongs to one domain, one decision function, and
/// names a target, a verb and a state (`-` where the function has none):
///
/// | domain | function | target | verb | state | dimensions | outcome |
/// |---|---|---|---|---|---|---|
/// | `task` | [`can`] | task kind | action | task state | `assignee`, `creator` | `allow` |
/// | `task_edit` | [`can_edit`](crate::workflow::can_edit) | task kind | `can_edit` | task state | `assignee`, `creator` | the field subsets allowed (below) |
/// | `task_fields` | [`editable_fields`](crate::workflow::editable_fields) | task kind | `editable_fields` | task state | — | a field set |
/// | `workflow` | [`validate`](crate::workflow::validate) | task kind | task event | task state | `assignee`, `creator` (four values), `submitter` (approve and reject), then one a [`Relations`] flag | the next task state |
/// | `record` | [`can_record`] | record kind | action | record state | `assignee`, `creator`, `submitter`, `document`, `all_approved` | `allow` |
/// | `record_event` | [`transition_record`] | record kind | record event | record state | `assignee`, `creator`, `submitter`, `document`, `all_approved` | the next record state |
/// | `asset_fields` | [`editable_asset_fields`](crate::records::editable_asset_fields) | `asset` | `edit` | asset status | `assignee`, `creator`, `submitter`, `document`, `all_approved` | a field set (an empty one is a denial) |
/// | `asset_create` | [`lifecycle::create`] | task kind | `create` | `-` | — | the asset state, or `deny` |
/// | `asset_accepts` | [`lifecycle::accepts`] | task kind | `accepts` | asset state | one an [`AssetFlags`] flag | `ok`, or `deny(<refusal>)` |
/// | `asset_transition` | [`lifecycle::transition`] | task kind | asset event | asset state | — | the asset state, `removed`, or `deny(<fault>)` |
/// | `asset_move` | [`lifecycle::move_asset`] | `asset` | manual move | asset state | one an [`AssetFlags`] flag | the asset state |
/// | `asset_system_move` | [`lifecycle::system_move`] | `asset` | manual move | asset state | one an [`AssetFlags`] flag | the asset state, or `deny(<fault>)` |
/// | `sod` | [`sod::check`] | `-` | `check` | `-` | — | the conflict, `<preparer>+<approver>` |
/// | `fact` | [`approval_policy`](crate::workflow::approval_policy) | task kind | `approval_policy` | `-` | — | the policy |
/// | `fact` | [`performer`](crate::workflow::performer) | task kind | `performer` | `-` | — | the role |
/// | `fact` | [`is_document_frozen`](crate::records::is_document_frozen) | `contract` | `document_frozen` | contract state | — | `true` or `false` |
/// | `fact` | [`admits_registration`](crate::records::admits_registration) | `nomenclature` | `admits_registration` | nomenclature state | — | `true` or `false` |
/// | `fact` | [`admits_demand_items`](crate::records::admits_demand_items) | `nomenclature` | `admits_demand_items` | nomenclature state | — | `true` or `false` |
///
/// The domains with a subject are `task`, `task_edit`, `workflow`, `record`,
/// `record_event`, `asset_fields`, `asset_move` and `sod` (where the role set is
/// the question itself: its outcome is the conflict [`sod::check`] finds, and a set
/// not listed has none). The others have no subject and one outcome a context,
/// denials included.
///
/// Not in the dump: why a subject is denied (the reasons and audit codes of
/// [`check`](crate::check), [`explain`](crate::explain),
/// [`check_record`](crate::records::check_record) and the errors of `validate` and
/// `transition_record`: a denial is a denial here), and what is computed from the
/// decisions above ([`permitted_actions`](crate::review::permitted_actions),
/// [`sod::conflicts`], the review listings).
///
/// **Dimensions**, each enumerated over all its values, in this order:
///
/// - `assignee`: `self` (the subject is the assigned user), `other` (another user
///   is), `none` (nobody is);
/// - `creator`: `self`, `other` (a user created it), `unknown` (no creator, not
///   marked created by the system), `system` (no creator, marked created by the
///   system), `self+system`, `other+system` (a creator, and the mark). The
///   workflow asks the first four only: 232 validations a context make it the
///   costly domain;
/// - `submitter`: `self`, `other`, `unknown` (nobody said who sent it for
///   approval); the records ask it always, the workflow on approve and reject;
/// - `document`, `all_approved`: the record's `has_document` and `all_approved`,
///   `0` or `1`;
/// - a flag of [`Relations`] or [`AssetFlags`], named after the flag in lower case
///   (`in_assignment_group`, ..., `not_found`, ...), in declaration order: `0` or
///   `1`.
///
/// # The format
///
/// ASCII, one line a box of contexts, each line ended by `\n`:
///
/// ```text
/// dump    = header *line
/// header  = "# itam-rbac decision space, format 1" LF
/// line    = domain SP target SP verb SP state *(SP dim "=" values) ":" body LF
/// values  = "*" / value *("," value)
/// body    = group *(" |" group)               ; a domain with a subject
///         / SP outcome                        ; a domain without
/// group   = SP outcome [SP "{}"] singles *(SP ("+" / "-") role "&" role)
/// singles = SP "all" *(SP "~" role) / *(SP role)
/// domain, target, verb, state, dim, value, outcome, role
///         = 1*(%x21-7E except ":" "=" "," "|" "~" "&")  ; outcome may hold ","
/// ```
///
/// - **Names** are the system names ([`Role::name`], [`Action::name`], ...). An
///   asset state is [`qualified`](AssetState::qualified) (`storage/available`,
///   `transfer/unavailable[in_operation/in_use]`); an asset event is `add`, `start`,
///   `cancel` or `complete(<outcome>)`; a field set is its fields in declaration
///   order joined by `,` (`none` when empty).
/// - **Boxes.** The answer of a context is the outcome of each role set (without
///   a subject, its one outcome). A line stands for every combination of the
///   values it lists (`*`: every value of the dimension), all of which give the
///   line's answer. For each
///   (domain, target, verb, state) the contexts are taken in order, the first
///   dimension the most significant and each dimension's values in the order
///   above; from the first context no line covers yet, a box is grown one
///   dimension after the other, in order, by each further value (in order) for
///   which every context it would add is not covered yet and gives the same
///   answer. A dimension none of the answers depends on is therefore `*` on every
///   line. Lines come in the order of their first context, after the lines of the
///   previous (domain, target, verb, state): domains in the table's order, then
///   target, verb and state each in its vocabulary's order (`ALL`; a record
///   kind's `STATES`).
/// - **Omitted**: a line of a domain with a subject where every role set is
///   denied. A context no line covers is denied to every role set.
/// - **Groups** (with a subject): one for each outcome some role set gets, in the
///   order of the outcome in its vocabulary (states in declaration order, field
///   sets by their bits, `sod` conflicts in [`sod::all`] order). A group lists
///   `{}` if the empty set gets the outcome; then the single roles that get it, in
///   [`Role::ALL`] order, or, when more than half of them do, `all` and, marked
///   `~`, the roles that do not; then the pairs that break the rule "a pair gets
///   what either of its roles alone gets", in pair order: `+a&b` when the pair gets
///   the outcome and neither `a` nor `b` alone does, `-a&b` when the pair does not
///   but `a` or `b` alone does. A role set not in any group is denied.
/// - `task_edit`'s outcome is the set of field subsets `F` for which `can_edit`
///   allows: when these are exactly the subsets of one set `U`, `U` as a field
///   set; otherwise `subsets(` the allowed `F`, each its fields joined by `+` (or
///   `none`), joined by `,` `)`.
///
/// So a line reads:
///
/// ```text
/// task maintenance update in_progress assignee=other,none creator=*: allow itam_process_manager
/// ```
///
/// A (domain, target, verb, state) keeps up to 32 distinct answers to grow its
/// boxes; past that (no such key today) its lines are written one a context,
/// which is exact still, only longer.
///
/// ```
/// use core::fmt::{self, Write};
///
/// /// Keeps the first lines of the dump, then stops the render.
/// struct Head(String);
///
/// impl Write for Head {
///     fn write_str(&mut self, s: &str) -> fmt::Result {
///         self.0.push_str(s);
///         if self.0.len() > 60_000 { Err(fmt::Error) } else { Ok(()) }
///     }
/// }
///
/// let mut head = Head(String::new());
/// let _stopped = itam_rbac::report::decision_space(&mut head);
/// let mut lines = head.0.lines();
/// assert_eq!(lines.next(), Some("# itam-rbac decision space, format 1"));
/// // Only the assigned specialist and the process manager update a maintenance
/// // task in progress; its creator does not matter.
/// assert!(lines.any(|line| line
///     == "task maintenance update in_progress assignee=self creator=*: \
///         allow itam_operation_specialist itam_process_manager"));
/// assert_eq!(
///     lines.next(),
///     Some("task maintenance update in_progress assignee=other,none creator=*: \
///           allow itam_process_manager")
/// );
/// ```
///
/// # Errors
///
/// The error of `out`, if it fails.
pub fn decision_space(out: &mut impl Write) -> fmt::Result {
    render(out)
}

/// FNV-1a (64 bits) of the exact bytes [`decision_space`] writes: it changes when
/// any decision changes (or the format does).
/// `tests/decision_space/fingerprint.rs` pins it by policy revision; builds before issue 20 carried it as
/// [`POLICY_FINGERPRINT`](crate::POLICY_FINGERPRINT), which is now hashed from the
/// tables while the crate compiles.
///
/// ```no_run
/// // A debug build renders for some fifteen seconds.
/// let digest = itam_rbac::report::decision_space_digest();
/// assert_ne!(digest, 0);
/// ```
#[must_use]
pub fn decision_space_digest() -> u64 {
    let mut hasher = Fnv1a(FNV_OFFSET);
    // The hasher never fails, and the render fails only when its writer does.
    let _infallible = render(&mut hasher);
    hasher.0
}

/// The FNV-1a 64 offset basis.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// The FNV-1a 64 prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A `fmt::Write` that hashes what is written (FNV-1a, 64 bits) and keeps nothing.
struct Fnv1a(u64);

impl Write for Fnv1a {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = fnv1a(self.0, s.as_bytes());
        Ok(())
    }
}

/// `hash` continued over `bytes`: a `const fn`, so that the fingerprint of the
/// tables is computed while the crate compiles
/// ([`POLICY_FINGERPRINT`](crate::POLICY_FINGERPRINT)).
pub(crate) const fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    let mut hash = hash;
    let mut rest = bytes;
    while let [byte, tail @ ..] = rest {
        hash = (hash ^ *byte as u64).wrapping_mul(FNV_PRIME);
        rest = tail;
    }
    hash
}

/// One dimension of a context: its name and its values' names.
#[derive(Clone, Copy)]
struct Dim {
    /// Printed in lower case.
    name: &'static str,
    values: &'static [&'static str],
}

/// A flag's two values.
const BOOL: &[&str] = &["0", "1"];

/// Who is the assigned user.
const ASSIGNEE: Dim = Dim {
    name: "assignee",
    values: &["self", "other", "none"],
};

/// Who created the task or record, and whether it is marked created by the
/// system: [`person`] reads the values.
const CREATOR: Dim = Dim {
    name: "creator",
    values: &[
        "self",
        "other",
        "unknown",
        "system",
        "self+system",
        "other+system",
    ],
};

/// The workflow's creators: [`CREATOR`]'s first four. The workflow has 64 times
/// the contexts of a task, each asked of 232 role sets, so it leaves out a set
/// creator together with the system's mark (`task` and the records ask those).
const WORKFLOW_CREATOR: Dim = Dim {
    name: "creator",
    values: &["self", "other", "unknown", "system"],
};

/// Who sent the task or record for approval.
const SUBMITTER: Dim = Dim {
    name: "submitter",
    values: &["self", "other", "unknown"],
};

/// The dimensions of a task: the person.
const TASK_DIMS: [Dim; 2] = [ASSIGNEE, CREATOR];

/// The dimensions of a record: the person, the submitter, the document and all
/// approved.
const RECORD_DIMS: [Dim; 5] = [
    ASSIGNEE,
    CREATOR,
    SUBMITTER,
    Dim {
        name: "document",
        values: BOOL,
    },
    Dim {
        name: "all_approved",
        values: BOOL,
    },
];

/// Who a line's decision is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    /// A subject: the 232 role sets are asked.
    Subject,
    /// Nobody: asked once.
    Nobody,
}

/// The four fixed parts of a line.
#[derive(Clone, Copy)]
struct Head<'a> {
    domain: &'a str,
    target: &'a str,
    verb: &'a str,
    /// `complete(<outcome>)`: the part in brackets.
    verb_arg: Option<&'a str>,
    state: &'a str,
}

impl<'a> Head<'a> {
    const fn new(domain: &'a str, target: &'a str, verb: &'a str, state: &'a str) -> Self {
        Head {
            domain,
            target,
            verb,
            verb_arg: None,
            state,
        }
    }
}

/// Writes an outcome key of the line's domain.
type Outcome<'a> = &'a dyn Fn(&mut dyn Write, u64) -> fmt::Result;

/// Fills the answers of one context (the dimensions' value indices) for each asked
/// role set: `Some(outcome key)` when allowed, `None` when denied.
type Eval<'a> = &'a mut dyn FnMut(&[usize], &mut [Option<u64>]);

/// The values of each dimension a line covers, one bit a value.
type Masks = [u32; MAX_DIMS];

/// The render's working memory, reused from key to key.
struct Scratch {
    /// The answers of the context being asked, one a role set.
    keys: [Option<u64>; SETS],
    /// The outcome keys met so far: code `c` (from 1) is `outcomes[c - 1]`.
    outcomes: [u64; OUTCOMES],
    outcome_count: usize,
    /// The distinct answers met so far (one outcome code a role set, 0 denied).
    rows: [[u8; SETS]; ROWS],
    row_count: usize,
    /// For each context, its answer's position in `rows`.
    ids: [u8; CONTEXTS],
    /// For each context, whether a line already covers it.
    covered: [bool; CONTEXTS],
}

impl Scratch {
    const fn new() -> Self {
        Scratch {
            keys: [None; SETS],
            outcomes: [0; OUTCOMES],
            outcome_count: 0,
            rows: [[0; SETS]; ROWS],
            row_count: 0,
            ids: [0; CONTEXTS],
            covered: [false; CONTEXTS],
        }
    }

    /// The position in `rows` of the answers in `keys[..width]`, added if new;
    /// `None` when a table is full.
    fn intern(&mut self, width: usize) -> Option<u8> {
        let mut row = [0_u8; SETS];
        let mut last: Option<(u64, u8)> = None;
        let keys = self.keys.get(..width)?;
        for (slot, key) in row.iter_mut().zip(keys) {
            let Some(key) = *key else { continue };
            *slot = match last {
                Some((k, code)) if k == key => code,
                _ => {
                    let code = code(&mut self.outcomes, &mut self.outcome_count, key)?;
                    last = Some((key, code));
                    code
                }
            };
        }
        let known = self.rows.get(..self.row_count)?;
        let at = if let Some(at) = known.iter().position(|r| *r == row) {
            at
        } else {
            *self.rows.get_mut(self.row_count)? = row;
            self.row_count += 1;
            self.row_count - 1
        };
        u8::try_from(at).ok()
    }

    /// Whether the answer `id` denies every role set.
    fn denies_all(&self, id: u8) -> bool {
        self.rows
            .get(usize::from(id))
            .is_some_and(|row| row.iter().all(|&code| code == 0))
    }

    /// Whether every context of the box `masks` is not yet covered and gave the
    /// answer `id`.
    fn uniform(&self, dims: &[Dim], masks: &Masks, id: u8) -> bool {
        let mut digits = [0_usize; MAX_DIMS];
        let digits = digits.get_mut(..dims.len()).unwrap_or(&mut []);
        first_in(masks, digits);
        loop {
            let context = index(digits, dims);
            let same = self.ids.get(context) == Some(&id);
            if !same || self.covered.get(context) != Some(&false) {
                return false;
            }
            if !next_in(masks, digits) {
                return true;
            }
        }
    }

    /// Marks every context of the box `masks` covered.
    fn cover(&mut self, dims: &[Dim], masks: &Masks) {
        let mut digits = [0_usize; MAX_DIMS];
        let digits = digits.get_mut(..dims.len()).unwrap_or(&mut []);
        first_in(masks, digits);
        loop {
            if let Some(covered) = self.covered.get_mut(index(digits, dims)) {
                *covered = true;
            }
            if !next_in(masks, digits) {
                return;
            }
        }
    }

    /// The one line of a decision without a subject or dimensions: its outcome
    /// `key`.
    fn fact(
        &mut self,
        out: &mut dyn Write,
        head: &Head<'_>,
        key: u64,
        outcome: Outcome<'_>,
    ) -> fmt::Result {
        let mut eval = |_: &[usize], keys: &mut [Option<u64>]| {
            if let Some(slot) = keys.first_mut() {
                *slot = Some(key);
            }
        };
        self.lines(out, head, &[], Who::Nobody, &mut eval, outcome)
    }

    /// Asks every context of one (domain, target, verb, state) and writes its lines.
    fn lines(
        &mut self,
        out: &mut dyn Write,
        head: &Head<'_>,
        dims: &[Dim],
        who: Who,
        eval: Eval<'_>,
        outcome: Outcome<'_>,
    ) -> fmt::Result {
        let width = match who {
            Who::Subject => SETS,
            Who::Nobody => 1,
        };
        let count: usize = dims.iter().map(|dim| dim.values.len()).product();
        let mut digits = [0_usize; MAX_DIMS];
        let digits = digits.get_mut(..dims.len()).ok_or(fmt::Error)?;

        // Ask every context, keeping which distinct answer each gave; without
        // room for them all, no boxes: a line a context.
        self.outcome_count = 0;
        self.row_count = 0;
        let mut boxes = count <= CONTEXTS;
        for context in 0..count {
            if !boxes {
                break;
            }
            eval(digits, self.keys.get_mut(..width).ok_or(fmt::Error)?);
            match (self.intern(width), self.ids.get_mut(context)) {
                (Some(id), Some(slot)) => *slot = id,
                _ => boxes = false,
            }
            advance(digits, dims);
        }
        if let Some(covered) = self.covered.get_mut(..count) {
            covered.fill(false);
        }

        // A line a box, from each context no line covers yet, in order.
        digits.fill(0);
        for context in 0..count {
            if context > 0 {
                advance(digits, dims);
            }
            let masks = if boxes {
                let id = self.ids.get(context).copied().unwrap_or(0);
                if self.covered.get(context) != Some(&false) {
                    continue;
                }
                let masks = self.grow(dims, digits, id);
                if who == Who::Subject && self.denies_all(id) {
                    continue;
                }
                masks
            } else {
                single(digits)
            };
            let keys = self.keys.get_mut(..width).ok_or(fmt::Error)?;
            eval(digits, keys);
            let keys = self.keys.get(..width).ok_or(fmt::Error)?;
            write_line(out, head, dims, &masks, who, keys, outcome)?;
        }
        Ok(())
    }

    /// The box of contexts from `digits` (not covered yet, with the answer `id`),
    /// grown one dimension after the other, in order, by each further value (in
    /// order) whose contexts are not covered yet and give the answer `id` too;
    /// then marked covered.
    fn grow(&mut self, dims: &[Dim], digits: &[usize], id: u8) -> Masks {
        let mut masks = single(digits);
        for (at, dim) in dims.iter().enumerate() {
            for value in 0..dim.values.len() {
                let mut grown = masks;
                let Some(mask) = grown.get_mut(at) else {
                    continue;
                };
                if *mask & bit(value) != 0 {
                    continue;
                }
                *mask = bit(value);
                if self.uniform(dims, &grown, id) {
                    if let Some(mask) = masks.get_mut(at) {
                        *mask |= bit(value);
                    }
                }
            }
        }
        self.cover(dims, &masks);
        masks
    }
}

/// The box of the one context `digits`.
fn single(digits: &[usize]) -> Masks {
    let mut masks: Masks = [0; MAX_DIMS];
    for (mask, &digit) in masks.iter_mut().zip(digits) {
        *mask = bit(digit);
    }
    masks
}

/// One line: the box `masks` and the answers `keys` its contexts all give (a
/// line without a subject: `keys` holds one). A line with a subject where every
/// role set is denied is left out.
fn write_line(
    out: &mut dyn Write,
    head: &Head<'_>,
    dims: &[Dim],
    masks: &Masks,
    who: Who,
    keys: &[Option<u64>],
    outcome: Outcome<'_>,
) -> fmt::Result {
    match who {
        Who::Subject if keys.iter().all(Option::is_none) => Ok(()),
        Who::Subject => {
            write_head(out, head, dims, masks)?;
            write_groups(out, keys, outcome)?;
            out.write_char('\n')
        }
        Who::Nobody => {
            write_head(out, head, dims, masks)?;
            out.write_char(' ')?;
            match keys.first().copied().flatten() {
                Some(key) => outcome(out, key)?,
                None => out.write_str("deny")?,
            }
            out.write_char('\n')
        }
    }
}

/// The code of outcome `key` in `outcomes` (the first `count` are known), added
/// if new; `None` when the table is full.
fn code(outcomes: &mut [u64; OUTCOMES], count: &mut usize, key: u64) -> Option<u8> {
    let known = outcomes.get(..*count)?;
    let at = if let Some(at) = known.iter().position(|&k| k == key) {
        at
    } else {
        *outcomes.get_mut(*count)? = key;
        *count += 1;
        *count - 1
    };
    u8::try_from(at + 1).ok()
}

/// The bit of value `value` in a mask.
fn bit(value: usize) -> u32 {
    u32::try_from(value)
        .ok()
        .and_then(|shift| 1_u32.checked_shl(shift))
        .unwrap_or(0)
}

/// Steps `digits` to the next context: a number in mixed radix, the last dimension
/// the least significant.
fn advance(digits: &mut [usize], dims: &[Dim]) {
    for (digit, dim) in digits.iter_mut().zip(dims).rev() {
        *digit += 1;
        if *digit < dim.values.len() {
            return;
        }
        *digit = 0;
    }
}

/// The position of the context `digits` in the order of [`advance`].
fn index(digits: &[usize], dims: &[Dim]) -> usize {
    digits
        .iter()
        .zip(dims)
        .fold(0, |at, (&digit, dim)| at * dim.values.len() + digit)
}

/// Sets `digits` to the first context of the box `masks`.
fn first_in(masks: &Masks, digits: &mut [usize]) {
    for (digit, &mask) in digits.iter_mut().zip(masks) {
        *digit = mask.trailing_zeros() as usize;
    }
}

/// Steps `digits` to the next context of the box `masks`; `false` past the last.
fn next_in(masks: &Masks, digits: &mut [usize]) -> bool {
    for (digit, &mask) in digits.iter_mut().zip(masks).rev() {
        let above = mask & !(bit(*digit + 1).wrapping_sub(1));
        if above != 0 {
            *digit = above.trailing_zeros() as usize;
            return true;
        }
        *digit = mask.trailing_zeros() as usize;
    }
    false
}

/// `name` in lower case.
fn write_lower(out: &mut dyn Write, name: &str) -> fmt::Result {
    name.chars()
        .try_for_each(|c| out.write_char(c.to_ascii_lowercase()))
}

/// The line up to and including its `:`.
fn write_head(out: &mut dyn Write, head: &Head<'_>, dims: &[Dim], masks: &Masks) -> fmt::Result {
    write!(out, "{} {} {}", head.domain, head.target, head.verb)?;
    if let Some(arg) = head.verb_arg {
        write!(out, "({arg})")?;
    }
    write!(out, " {}", head.state)?;
    for (dim, &mask) in dims.iter().zip(masks) {
        out.write_char(' ')?;
        write_lower(out, dim.name)?;
        out.write_char('=')?;
        if mask.count_ones() as usize == dim.values.len() && dim.values.len() > 1 {
            out.write_char('*')?;
            continue;
        }
        let values = dim.values.iter().enumerate();
        for (i, (_, value)) in values.filter(|&(at, _)| mask & bit(at) != 0).enumerate() {
            if i > 0 {
                out.write_char(',')?;
            }
            out.write_str(value)?;
        }
    }
    out.write_char(':')
}

/// The groups of a line with a subject: each outcome some role set gets, in
/// ascending key order, with its members.
fn write_groups(out: &mut dyn Write, keys: &[Option<u64>], outcome: Outcome<'_>) -> fmt::Result {
    let mut last: Option<u64> = None;
    loop {
        let next = keys
            .iter()
            .flatten()
            .copied()
            .filter(|&key| last.map_or(true, |last| key > last))
            .min();
        let Some(key) = next else {
            return Ok(());
        };
        if last.is_some() {
            out.write_str(" |")?;
        }
        out.write_char(' ')?;
        outcome(out, key)?;
        write_members(out, keys, key)?;
        last = Some(key);
    }
}

/// The members of the group of outcome `key`: `{}`, the single roles (or `all`
/// and the roles left out, when that is shorter), then the pairs that are
/// exceptions.
fn write_members(out: &mut dyn Write, keys: &[Option<u64>], key: u64) -> fmt::Result {
    let gets = |at: usize| keys.get(at) == Some(&Some(key));
    if gets(0) {
        out.write_str(" {}")?;
    }
    let singles = (0..ROLES).filter(|&at| gets(1 + at)).count();
    let complement = singles * 2 > ROLES;
    if complement {
        out.write_str(" all")?;
    }
    for (at, role) in Role::ALL.iter().enumerate() {
        match (complement, gets(1 + at)) {
            (false, true) => write!(out, " {}", role.name())?,
            (true, false) => write!(out, " ~{}", role.name())?,
            (false, false) | (true, true) => {}
        }
    }
    let mut pair = 1 + ROLES;
    for (i, a) in Role::ALL.iter().enumerate() {
        for (j, b) in Role::ALL.iter().enumerate().skip(i + 1) {
            let expected = gets(1 + i) || gets(1 + j);
            let actual = gets(pair);
            if actual != expected {
                let sign = if actual { '+' } else { '-' };
                write!(out, " {sign}{}&{}", a.name(), b.name())?;
            }
            pair += 1;
        }
    }
    Ok(())
}

/// The subjects asked: one a role set, in the dump's order, all with the id `ME`.
fn subjects() -> [Subject<u8>; SETS] {
    let mut sets = [Roles::empty(); SETS];
    let mut slots = sets.iter_mut().skip(1);
    for role in Role::ALL {
        if let Some(slot) = slots.next() {
            *slot = role.bit();
        }
    }
    for (i, a) in Role::ALL.iter().enumerate() {
        for b in Role::ALL.iter().skip(i + 1) {
            if let Some(slot) = slots.next() {
                *slot = a.bit() | b.bit();
            }
        }
    }
    sets.map(|roles| Subject::new(ME, roles))
}

/// Asks `decide` for each subject.
fn fill(
    keys: &mut [Option<u64>],
    subjects: &[Subject<u8>],
    decide: impl Fn(&Subject<u8>) -> Option<u64>,
) {
    for (key, subject) in keys.iter_mut().zip(subjects) {
        *key = decide(subject);
    }
}

/// The position of `value` in `all`, as an outcome key.
fn key_of<T: PartialEq>(all: &[T], value: &T) -> u64 {
    all.iter()
        .position(|v| v == value)
        .and_then(|at| u64::try_from(at).ok())
        .unwrap_or(u64::MAX)
}

/// The value at outcome key `key` of `all`.
fn at<T: Copy>(all: &[T], key: u64) -> Option<T> {
    usize::try_from(key)
        .ok()
        .and_then(|at| all.get(at).copied())
}

/// The person of a context: who is assigned, who created it, whether the system
/// did (the values of [`ASSIGNEE`] and [`CREATOR`]). `None` is nobody.
fn person(digits: &[usize]) -> (Option<u8>, Option<u8>, bool) {
    let assignee = match digits.first() {
        Some(0) => Some(ME),
        Some(1) => Some(OTHER),
        _ => None,
    };
    let (creator, system) = match digits.get(1) {
        Some(0) => (Some(ME), false),
        Some(1) => (Some(OTHER), false),
        Some(3) => (None, true),
        Some(4) => (Some(ME), true),
        Some(5) => (Some(OTHER), true),
        _ => (None, false),
    };
    (assignee, creator, system)
}

/// The task of a context.
fn task_of(kind: TaskKind, state: TaskState, digits: &[usize]) -> Task<u8> {
    let (assignee, creator, system) = person(digits);
    let mut task = Task::new(kind, state);
    if let Some(id) = assignee {
        task = task.assigned_to(id);
    }
    if let Some(id) = creator {
        task = task.created_by(id);
    }
    if system {
        task = task.created_by_system();
    }
    task
}

/// The record of a context.
fn record_of<S: RecordState>(state: S, digits: &[usize]) -> Record<S, u8> {
    let (assignee, creator, system) = person(digits);
    let mut record = Record::new(state);
    if let Some(id) = assignee {
        record = record.assigned_to(id);
    }
    if let Some(id) = creator {
        record = record.created_by(id);
    }
    if system {
        record = record.created_by_system();
    }
    if let Some(id) = submitter(digits.get(2)) {
        record = record.submitted_by(id);
    }
    if digits.get(3) == Some(&1) {
        record = record.with_document();
    }
    if digits.get(4) == Some(&1) {
        record = record.all_approved();
    }
    record
}

/// The submitter of a context (the values of [`SUBMITTER`]). `None` is nobody.
fn submitter(digit: Option<&usize>) -> Option<u8> {
    match digit {
        Some(0) => Some(ME),
        Some(1) => Some(OTHER),
        _ => None,
    }
}

/// The single flags of a flag set, in declaration order, and one dimension each
/// after `prefix`.
struct Flags<F> {
    singles: [F; 8],
    dims: [Dim; MAX_DIMS],
    count: usize,
}

impl<F: bitflags::Flags + Copy> Flags<F> {
    fn new(prefix: &[Dim]) -> Self {
        let mut singles = [F::empty(); 8];
        let mut dims = [ASSIGNEE; MAX_DIMS];
        let mut count = prefix.len();
        for (slot, dim) in dims.iter_mut().zip(prefix) {
            *slot = *dim;
        }
        for ((slot, dim), (name, flag)) in singles
            .iter_mut()
            .zip(dims.iter_mut().skip(prefix.len()))
            .zip(F::all().iter_names())
        {
            *slot = flag;
            *dim = Dim { name, values: BOOL };
            count += 1;
        }
        Flags {
            singles,
            dims,
            count,
        }
    }

    fn dims(&self) -> &[Dim] {
        self.dims.get(..self.count).unwrap_or(&[])
    }

    /// The flags set by the flag dimensions' `digits`.
    fn value(&self, digits: &[usize]) -> F {
        self.singles
            .iter()
            .zip(digits)
            .filter(|(_, &digit)| digit == 1)
            .fold(F::empty(), |set, (&flag, _)| set.union(flag))
    }
}

/// Writes a field set's names joined by `separator`, or `none`.
fn write_flag_names<F: bitflags::Flags>(
    out: &mut dyn Write,
    set: &F,
    separator: char,
) -> fmt::Result {
    let mut any = false;
    for (name, _) in set.iter_names() {
        if any {
            out.write_char(separator)?;
        }
        write_lower(out, name)?;
        any = true;
    }
    if !any {
        out.write_str("none")?;
    }
    Ok(())
}

/// The whole dump.
fn render(out: &mut dyn Write) -> fmt::Result {
    let subjects = subjects();
    let mut s = Scratch::new();
    out.write_str("# itam-rbac decision space, format 1\n")?;
    tasks(out, &mut s, &subjects)?;
    task_workflow(out, &mut s, &subjects)?;
    for &kind in RecordKind::ALL {
        match kind {
            RecordKind::Contract => records::<ContractState>(out, &mut s, &subjects)?,
            RecordKind::PurchaseRequest => records::<PurchaseState>(out, &mut s, &subjects)?,
            RecordKind::Demand => records::<DemandState>(out, &mut s, &subjects)?,
            RecordKind::FunctionalBudget => records::<BudgetState>(out, &mut s, &subjects)?,
            RecordKind::ActualCostItem => records::<CostItemState>(out, &mut s, &subjects)?,
            RecordKind::Nomenclature => records::<NomenclatureState>(out, &mut s, &subjects)?,
            RecordKind::Asset => records::<AssetStatus>(out, &mut s, &subjects)?,
        }
    }
    asset_fields(out, &mut s, &subjects)?;
    asset_create(out, &mut s)?;
    asset_accepts(out, &mut s)?;
    asset_transition(out, &mut s)?;
    asset_move(out, &mut s, &subjects)?;
    asset_system_move(out, &mut s)?;
    separation_of_duties(out, &mut s, &subjects)?;
    facts(out, &mut s)
}

/// `task`, `task_edit` and `task_fields`.
fn tasks(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    for &kind in TaskKind::ALL {
        for &action in Action::ALL {
            for &state in TaskState::ALL {
                let head = Head::new("task", kind.name(), action.name(), state.name());
                let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                    let task = task_of(kind, state, digits);
                    fill(keys, subjects, |subject| {
                        can(subject, action, &task).then_some(0)
                    });
                };
                s.lines(out, &head, &TASK_DIMS, Who::Subject, &mut eval, &allow)?;
            }
        }
    }
    // Every subset of the task fields, in the order of their bits.
    let all = TaskFields::all().bits();
    let subsets = (0..=all).filter(move |bits| bits & !all == 0);
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let head = Head::new("task_edit", kind.name(), "can_edit", state.name());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let task = task_of(kind, state, digits);
                fill(keys, subjects, |subject| {
                    let mask = subsets
                        .clone()
                        .enumerate()
                        .filter(|&(_, bits)| {
                            let fields = TaskFields::from_bits_retain(bits);
                            workflow::can_edit(subject, &task, fields)
                        })
                        .fold(0_u64, |mask, (at, _)| mask | 1 << at);
                    (mask != 0).then_some(mask)
                });
            };
            let outcome = |out: &mut dyn Write, mask: u64| {
                let allowed = || {
                    subsets
                        .clone()
                        .enumerate()
                        .filter(move |&(at, _)| (mask >> at) & 1 == 1)
                        .map(|(_, bits)| TaskFields::from_bits_retain(bits))
                };
                let union = allowed().fold(TaskFields::empty(), TaskFields::union);
                let down_closed = subsets
                    .clone()
                    .map(TaskFields::from_bits_retain)
                    .filter(|fields| union.contains(*fields))
                    .all(|fields| allowed().any(|allowed| allowed == fields));
                if down_closed {
                    return write_flag_names(out, &union, ',');
                }
                out.write_str("subsets(")?;
                for (i, fields) in allowed().enumerate() {
                    if i > 0 {
                        out.write_char(',')?;
                    }
                    write_flag_names(out, &fields, '+')?;
                }
                out.write_char(')')
            };
            s.lines(out, &head, &TASK_DIMS, Who::Subject, &mut eval, &outcome)?;
        }
    }
    for &kind in TaskKind::ALL {
        for &state in TaskState::ALL {
            let head = Head::new("task_fields", kind.name(), "editable_fields", state.name());
            let mut eval = |_: &[usize], keys: &mut [Option<u64>]| {
                let fields = workflow::editable_fields(kind, state);
                if let Some(key) = keys.first_mut() {
                    *key = Some(u64::from(fields.bits()));
                }
            };
            let outcome = |out: &mut dyn Write, bits: u64| {
                let bits = u8::try_from(bits).unwrap_or(0);
                write_flag_names(out, &TaskFields::from_bits_retain(bits), ',')
            };
            s.lines(out, &head, &[], Who::Nobody, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// The outcome of a yes-or-no decision.
fn allow(out: &mut dyn Write, _: u64) -> fmt::Result {
    out.write_str("allow")
}

/// `workflow`.
fn task_workflow(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    // Approve and reject also ask who submitted the task (four eyes); the other
    // events, whose contexts cost 232 validations each, do not.
    let plain = Flags::<Relations>::new(&[ASSIGNEE, WORKFLOW_CREATOR]);
    let submitted = Flags::<Relations>::new(&[ASSIGNEE, WORKFLOW_CREATOR, SUBMITTER]);
    let outcome = |out: &mut dyn Write, key: u64| {
        out.write_str(at(TaskState::ALL, key).map_or("?", TaskState::name))
    };
    for &kind in TaskKind::ALL {
        for &event in TaskEvent::ALL {
            let approval = matches!(event, TaskEvent::Approve | TaskEvent::Reject);
            let (flags, people) = if approval {
                (&submitted, 3)
            } else {
                (&plain, 2)
            };
            for &state in TaskState::ALL {
                let head = Head::new("workflow", kind.name(), event.name(), state.name());
                let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                    let mut task = task_of(kind, state, digits);
                    if approval {
                        if let Some(id) = submitter(digits.get(2)) {
                            task = task.submitted_by(id);
                        }
                    }
                    let relations = flags.value(digits.get(people..).unwrap_or(&[]));
                    fill(keys, subjects, |subject| {
                        workflow::validate(subject, &task, relations, event)
                            .ok()
                            .map(|next| key_of(TaskState::ALL, &next))
                    });
                };
                s.lines(out, &head, flags.dims(), Who::Subject, &mut eval, &outcome)?;
            }
        }
    }
    Ok(())
}

/// `record` and `record_event` for the record kind whose states are `S`.
fn records<S: RecordState>(
    out: &mut dyn Write,
    s: &mut Scratch,
    subjects: &[Subject<u8>],
) -> fmt::Result {
    let kind = S::KIND.name();
    for &action in Action::ALL {
        for &state in S::STATES {
            let head = Head::new("record", kind, action.name(), state.state_name());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let record = record_of(state, digits);
                fill(keys, subjects, |subject| {
                    can_record(subject, action, &record).then_some(0)
                });
            };
            s.lines(out, &head, &RECORD_DIMS, Who::Subject, &mut eval, &allow)?;
        }
    }
    let outcome = |out: &mut dyn Write, key: u64| {
        out.write_str(at(S::STATES, key).map_or("?", S::state_name))
    };
    for &event in RecordEvent::ALL {
        for &state in S::STATES {
            let head = Head::new("record_event", kind, event.name(), state.state_name());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let record = record_of(state, digits);
                fill(keys, subjects, |subject| {
                    transition_record(subject, &record, event)
                        .ok()
                        .map(|next| key_of(S::STATES, &next))
                });
            };
            s.lines(out, &head, &RECORD_DIMS, Who::Subject, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// `asset_fields`.
fn asset_fields(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    let outcome = |out: &mut dyn Write, bits: u64| {
        let fields = AssetFields::from_bits_retain(u32::try_from(bits).unwrap_or(0));
        for (i, field) in fields.fields().enumerate() {
            if i > 0 {
                out.write_char(',')?;
            }
            out.write_str(field.name())?;
        }
        Ok(())
    };
    for &status in AssetStatus::ALL {
        let head = Head::new(
            "asset_fields",
            RecordKind::Asset.name(),
            "edit",
            status.name(),
        );
        let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
            let record = record_of(status, digits);
            fill(keys, subjects, |subject| {
                let fields = records::editable_asset_fields(subject, &record);
                (!fields.is_empty()).then_some(u64::from(fields.bits()))
            });
        };
        s.lines(out, &head, &RECORD_DIMS, Who::Subject, &mut eval, &outcome)?;
    }
    Ok(())
}

/// Outcome keys of the life cycle: an asset state is its position in
/// [`AssetState::ALL`]; these are past it.
const REMOVED: u64 = 1 << 32;
const DENY: u64 = 1 << 33;

/// Writes an asset state's outcome key.
fn write_asset_state(out: &mut dyn Write, key: u64) -> fmt::Result {
    out.write_str(at(AssetState::ALL, key).map_or("?", AssetState::qualified))
}

/// Writes `deny(<name>)`, the name at `key - DENY` of `names`.
fn write_deny(out: &mut dyn Write, names: &[&str], key: u64) -> fmt::Result {
    let name = at(names, key.wrapping_sub(DENY)).unwrap_or("?");
    write!(out, "deny({name})")
}

/// `asset_create`.
fn asset_create(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let outcome = |out: &mut dyn Write, key: u64| {
        if key == DENY {
            out.write_str("deny")
        } else {
            write_asset_state(out, key)
        }
    };
    for &kind in TaskKind::ALL {
        let head = Head::new("asset_create", kind.name(), "create", "-");
        let key = match lifecycle::create(kind) {
            Ok(state) => key_of(AssetState::ALL, &state),
            Err(_) => DENY,
        };
        s.fact(out, &head, key, &outcome)?;
    }
    Ok(())
}

/// `asset_accepts`.
fn asset_accepts(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let flags = Flags::<AssetFlags>::new(&[]);
    let outcome = |out: &mut dyn Write, key: u64| {
        if key == 0 {
            out.write_str("ok")
        } else {
            write_deny(out, lifecycle::Refusal::NAMES, key)
        }
    };
    for &kind in TaskKind::ALL {
        for &state in AssetState::ALL {
            let head = Head::new("asset_accepts", kind.name(), "accepts", state.qualified());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                if let Some(key) = keys.first_mut() {
                    *key = Some(match lifecycle::accepts(kind, state, flags.value(digits)) {
                        Ok(()) => 0,
                        Err(err) => DENY + key_of(lifecycle::Refusal::ALL, &err.refusal()),
                    });
                }
            };
            s.lines(out, &head, flags.dims(), Who::Nobody, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// `asset_transition`.
fn asset_transition(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let outcome = |out: &mut dyn Write, key: u64| {
        if key == REMOVED {
            out.write_str("removed")
        } else if key >= DENY {
            write_deny(out, TransitionFault::NAMES, key)
        } else {
            write_asset_state(out, key)
        }
    };
    for &kind in TaskKind::ALL {
        for &event in AssetEvent::ALL {
            for &state in AssetState::ALL {
                let mut head = Head::new(
                    "asset_transition",
                    kind.name(),
                    event.name(),
                    state.qualified(),
                );
                head.verb_arg = event.outcome().map(lifecycle::Outcome::name);
                let key = match lifecycle::transition(state, kind, event) {
                    Ok(Next::State(next)) => key_of(AssetState::ALL, &next),
                    Ok(Next::Removed) => REMOVED,
                    Err(err) => DENY + key_of(TransitionFault::ALL, &err.fault()),
                };
                s.fact(out, &head, key, &outcome)?;
            }
        }
    }
    Ok(())
}

/// `asset_move`.
fn asset_move(out: &mut dyn Write, s: &mut Scratch, subjects: &[Subject<u8>]) -> fmt::Result {
    let flags = Flags::<AssetFlags>::new(&[]);
    for &action in ManualMove::ALL {
        for &state in AssetState::ALL {
            let target = RecordKind::Asset.name();
            let head = Head::new("asset_move", target, action.name(), state.qualified());
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                let set = flags.value(digits);
                fill(keys, subjects, |subject| {
                    lifecycle::move_asset(subject, state, set, action)
                        .ok()
                        .map(|next| key_of(AssetState::ALL, &next))
                });
            };
            let dims = flags.dims();
            s.lines(
                out,
                &head,
                dims,
                Who::Subject,
                &mut eval,
                &write_asset_state,
            )?;
        }
    }
    Ok(())
}

/// `asset_system_move`: the system's own moves, with no subject.
fn asset_system_move(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let flags = Flags::<AssetFlags>::new(&[]);
    let outcome = |out: &mut dyn Write, key: u64| {
        if key >= DENY {
            write_deny(out, lifecycle::MoveFault::NAMES, key)
        } else {
            write_asset_state(out, key)
        }
    };
    for &action in ManualMove::ALL {
        for &state in AssetState::ALL {
            let target = RecordKind::Asset.name();
            let head = Head::new(
                "asset_system_move",
                target,
                action.name(),
                state.qualified(),
            );
            let mut eval = |digits: &[usize], keys: &mut [Option<u64>]| {
                if let Some(key) = keys.first_mut() {
                    *key = Some(
                        match lifecycle::system_move(state, flags.value(digits), action) {
                            Ok(next) => key_of(AssetState::ALL, &next),
                            Err(err) => DENY + key_of(lifecycle::MoveFault::ALL, &err.fault()),
                        },
                    );
                }
            };
            s.lines(out, &head, flags.dims(), Who::Nobody, &mut eval, &outcome)?;
        }
    }
    Ok(())
}

/// `sod`: the role set itself is the question.
fn separation_of_duties(
    out: &mut dyn Write,
    s: &mut Scratch,
    subjects: &[Subject<u8>],
) -> fmt::Result {
    let head = Head::new("sod", "-", "check", "-");
    let mut eval = |_: &[usize], keys: &mut [Option<u64>]| {
        fill(keys, subjects, |subject| {
            sod::check(subject.granted()).err().map(|conflict| {
                sod::all()
                    .position(|c| c == conflict)
                    .and_then(|at| u64::try_from(at).ok())
                    .unwrap_or(u64::MAX)
            })
        });
    };
    let outcome = |out: &mut dyn Write, key: u64| match usize::try_from(key)
        .ok()
        .and_then(|at| sod::all().nth(at))
    {
        Some(conflict) => write!(
            out,
            "{}+{}",
            conflict.preparer().name(),
            conflict.approver().name()
        ),
        None => out.write_str("?"),
    };
    s.lines(out, &head, &[], Who::Subject, &mut eval, &outcome)
}

/// `fact`: the per-kind and per-state decisions without a subject.
fn facts(out: &mut dyn Write, s: &mut Scratch) -> fmt::Result {
    let policy = |out: &mut dyn Write, key: u64| {
        let policy = at(workflow::ApprovalPolicy::ALL, key);
        out.write_str(policy.map_or("?", workflow::ApprovalPolicy::name))
    };
    let role =
        |out: &mut dyn Write, key: u64| out.write_str(at(Role::ALL, key).map_or("?", Role::name));
    let boolean =
        |out: &mut dyn Write, key: u64| out.write_str(if key == 1 { "true" } else { "false" });
    for &kind in TaskKind::ALL {
        let head = Head::new("fact", kind.name(), "approval_policy", "-");
        let key = key_of(
            workflow::ApprovalPolicy::ALL,
            &workflow::approval_policy(kind),
        );
        s.fact(out, &head, key, &policy)?;
        let head = Head::new("fact", kind.name(), "performer", "-");
        let key = key_of(Role::ALL, &workflow::performer(kind));
        s.fact(out, &head, key, &role)?;
    }
    let contract = RecordKind::Contract.name();
    for &state in ContractState::ALL {
        let head = Head::new("fact", contract, "document_frozen", state.name());
        let key = u64::from(records::is_document_frozen(state));
        s.fact(out, &head, key, &boolean)?;
    }
    let nomenclature = RecordKind::Nomenclature.name();
    for &state in NomenclatureState::ALL {
        let head = Head::new("fact", nomenclature, "admits_registration", state.name());
        let key = u64::from(records::admits_registration(state));
        s.fact(out, &head, key, &boolean)?;
    }
    for &state in NomenclatureState::ALL {
        let head = Head::new("fact", nomenclature, "admits_demand_items", state.name());
        let key = u64::from(records::admits_demand_items(state));
        s.fact(out, &head, key, &boolean)?;
    }
    Ok(())
}
