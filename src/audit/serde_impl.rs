//! serde: a record written, and read back with every check.

use core::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{decides_as_this_build, DecisionRecord, Domain, Verdict};
use crate::Roles;

/// The members, in order.
const FIELDS: &[&str] = &[
    "allowed", "code", "reason", "message", "domain", "action", "kind", "state", "roles", "policy",
];

/// A member of the record.
#[derive(Clone, Copy)]
enum Field {
    Allowed,
    Code,
    Reason,
    Message,
    Domain,
    Action,
    Kind,
    State,
    Roles,
    Policy,
}

impl Field {
    /// The member named `name`, of [`FIELDS`].
    fn named(name: &str) -> Option<Self> {
        const ALL: [Field; 10] = [
            Field::Allowed,
            Field::Code,
            Field::Reason,
            Field::Message,
            Field::Domain,
            Field::Action,
            Field::Kind,
            Field::State,
            Field::Roles,
            Field::Policy,
        ];
        let at = FIELDS.iter().position(|field| *field == name)?;
        ALL.get(at).copied()
    }
}
const POLICY_FIELDS: &[&str] = &["revision", "fingerprint"];

/// `0x` and 16 lower-case hex digits, in a buffer.
struct Hex([u8; 18]);

impl Hex {
    fn new(value: u64) -> Self {
        let mut buf = *b"0x0000000000000000";
        for (i, slot) in buf.iter_mut().skip(2).enumerate() {
            let shift = 60 - 4 * i;
            let digit = usize::try_from((value >> shift) & 0xf).unwrap_or(0);
            *slot = b"0123456789abcdef".get(digit).copied().unwrap_or(b'0');
        }
        Hex(buf)
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The value of `0x` and exactly 16 lower-case hex digits.
    fn parse(text: &str) -> Option<u64> {
        let digits = text.strip_prefix("0x")?;
        let lower = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
        if digits.len() != 16 || !digits.chars().all(lower) {
            return None;
        }
        u64::from_str_radix(digits, 16).ok()
    }
}

/// An integer member, read as JSON means it: a number whose value is a whole
/// number in range, however written (`2`, `2.0`, `2e0`), as the JSON Schema's
/// `integer` reads it; anything else is an error.
struct Integer<T> {
    member: &'static str,
    into: core::marker::PhantomData<T>,
}

impl<T> Integer<T> {
    const fn new(member: &'static str) -> Self {
        Integer {
            member,
            into: core::marker::PhantomData,
        }
    }
}

impl<'de, T: TryFrom<u64>> de::DeserializeSeed<'de> for Integer<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<T: TryFrom<u64>> Visitor<'_> for Integer<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole number for {}", self.member)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::custom(format_args!("{} {v} is out of range", self.member)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        let v = u64::try_from(v)
            .map_err(|_| E::custom(format_args!("{} {v} is out of range", self.member)))?;
        self.visit_u64(v)
    }

    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "the value is checked whole and in 0..2^53 before the cast"
    )]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // 2^53: every whole number below it is exact in an f64.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        let whole = v as u64;
        #[expect(
            clippy::cast_precision_loss,
            clippy::float_cmp,
            reason = "below 2^53 the round trip is exact: equal only for a whole number"
        )]
        let exact = (0.0..EXACT).contains(&v) && whole as f64 == v;
        if !exact {
            return Err(E::custom(format_args!(
                "{} {v} is not a whole number in range",
                self.member
            )));
        }
        self.visit_u64(whole)
    }
}

struct Policy {
    revision: u32,
    fingerprint: u64,
}

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut policy = serializer.serialize_struct("Policy", 2)?;
        policy.serialize_field("revision", &self.revision)?;
        policy.serialize_field("fingerprint", Hex::new(self.fingerprint).as_str())?;
        policy.end()
    }
}

impl Serialize for DecisionRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut record = serializer.serialize_struct("DecisionRecord", FIELDS.len())?;
        record.serialize_field("allowed", &self.is_allowed())?;
        record.serialize_field("code", &self.code())?;
        record.serialize_field("reason", self.reason())?;
        record.serialize_field("message", self.message())?;
        record.serialize_field("domain", &self.domain)?;
        record.serialize_field("action", self.action)?;
        record.serialize_field("kind", self.kind)?;
        record.serialize_field("state", &self.state)?;
        record.serialize_field("roles", &self.roles)?;
        record.serialize_field(
            "policy",
            &Policy {
                revision: self.revision,
                fingerprint: self.fingerprint,
            },
        )?;
        record.end()
    }
}

/// A string member's text, looked up by `find` while it is read (no
/// allocation): the static name, or `None`.
struct Lookup<F>(F, &'static str);

impl<'de, F: FnOnce(&str) -> Option<T>, T> de::DeserializeSeed<'de> for Lookup<F> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<F: FnOnce(&str) -> Option<T>, T> Visitor<'_> for Lookup<F> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((self.0)(v))
    }
}

/// Reads a string member with `find`; an unknown text is an error.
fn lookup<'de, A: MapAccess<'de>, T>(
    map: &mut A,
    member: &'static str,
    find: impl FnOnce(&str) -> Option<T>,
) -> Result<T, A::Error> {
    map.next_value_seed(Lookup(find, member))?
        .ok_or_else(|| de::Error::custom(format_args!("unknown {member}")))
}

/// A name of any vocabulary a record's action, kind or state may take: the
/// domain's lists are checked once the domain is known.
fn any_name(text: &str) -> Option<&'static str> {
    Domain::ALL.iter().find_map(|domain| {
        let admits = domain.admits();
        admits
            .actions
            .find(text)
            .or_else(|| admits.kinds.find(text))
            .or_else(|| {
                let mut found = None;
                admits.kinds.each(&mut |kind| {
                    if found.is_none() {
                        found = (admits.states)(kind).and_then(|states| states.find(text));
                    }
                });
                found
            })
    })
}

/// Sets `slot` once; a member given twice is an error.
fn once<T, E: de::Error>(slot: &mut Option<T>, value: T, member: &'static str) -> Result<(), E> {
    if slot.replace(value).is_some() {
        return Err(E::duplicate_field(member));
    }
    Ok(())
}

/// Whether `record` is one this build's policy wrote, or the error that says why
/// not.
fn written<E: de::Error>(record: &DecisionRecord) -> Result<(), E> {
    let (revision, fingerprint) = (record.revision, record.fingerprint);
    if !decides_as_this_build(revision, fingerprint) {
        return Err(E::custom(format_args!(
            "policy revision {revision} with fingerprint {fingerprint:#018x} wrote no \
             decision record this build reads: the policy is not this build's \
             revision with one of its fingerprints"
        )));
    }
    if !record.is_written_by_this_build() {
        return Err(E::custom(format_args!(
            "no decision of policy revision {revision} gives this record: {} ({}) of \
             {} {} on {} in {} with roles [{}]",
            if record.is_allowed() {
                "an allow"
            } else {
                "a denial"
            },
            record.reason(),
            record.domain,
            record.action,
            record.kind,
            record.state.unwrap_or("no state"),
            record.roles,
        )));
    }
    Ok(())
}

/// The members read so far, each at most once.
#[derive(Default)]
struct Members {
    allowed: Option<bool>,
    code: Option<u8>,
    reason: Option<Verdict>,
    message: Option<&'static str>,
    domain: Option<Domain>,
    action: Option<&'static str>,
    kind: Option<&'static str>,
    #[expect(
        clippy::option_option,
        reason = "the member not read yet, or read: a state or `null`"
    )]
    state: Option<Option<&'static str>>,
    roles: Option<Roles>,
    policy: Option<Policy>,
}

impl Members {
    /// Reads the value of the member `key` from `map`.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: Field, map: &mut A) -> Result<(), A::Error> {
        match key {
            Field::Allowed => once(&mut self.allowed, map.next_value::<bool>()?, "allowed"),
            Field::Code => {
                let value = map.next_value_seed(Integer::<u8>::new("code"))?;
                once(&mut self.code, value, "code")
            }
            Field::Reason => {
                let value = lookup(map, "reason", Verdict::named)?;
                once(&mut self.reason, value, "reason")
            }
            Field::Message => {
                let value = lookup(map, "message", Verdict::sentence)?;
                once(&mut self.message, value, "message")
            }
            Field::Domain => once(&mut self.domain, map.next_value::<Domain>()?, "domain"),
            Field::Action => {
                let value = lookup(map, "action", any_name)?;
                once(&mut self.action, value, "action")
            }
            Field::Kind => once(&mut self.kind, lookup(map, "kind", any_name)?, "kind"),
            Field::State => {
                let value = map.next_value::<Option<StateName>>()?.map(|name| name.0);
                once(&mut self.state, value, "state")
            }
            Field::Roles => once(&mut self.roles, map.next_value::<Roles>()?, "roles"),
            Field::Policy => {
                let value = map.next_value_seed(PolicySeed)?;
                once(&mut self.policy, value, "policy")
            }
        }
    }

    /// The record the members give, every member given and checked against the
    /// code table and the domain's names (not yet against the policy).
    fn record<E: de::Error>(self) -> Result<DecisionRecord, E> {
        let missing = |member| E::missing_field(member);
        let allowed = self.allowed.ok_or_else(|| missing("allowed"))?;
        let code = self.code.ok_or_else(|| missing("code"))?;
        let verdict = self.reason.ok_or_else(|| missing("reason"))?;
        let message = self.message.ok_or_else(|| missing("message"))?;
        let domain = self.domain.ok_or_else(|| missing("domain"))?;
        let action = self.action.ok_or_else(|| missing("action"))?;
        let kind = self.kind.ok_or_else(|| missing("kind"))?;
        let state = self.state.ok_or_else(|| missing("state"))?;
        let roles = self.roles.ok_or_else(|| missing("roles"))?;
        let policy = self.policy.ok_or_else(|| missing("policy"))?;
        if verdict.is_allowed() != allowed
            || verdict.code() != code
            || verdict.describe() != message
        {
            return Err(E::custom(format_args!(
                "allowed, code, reason and message are not one row of the code table (reason {})",
                verdict.name()
            )));
        }
        if !domain_admits(domain, action, kind, state) {
            return Err(E::custom(format_args!(
                "the action, kind or state is not one of the {domain} domain's"
            )));
        }
        Ok(DecisionRecord {
            revision: policy.revision,
            fingerprint: policy.fingerprint,
            ..DecisionRecord::new(verdict, domain, (action, kind, state), roles)
        })
    }
}

/// Whether `domain` has `action`, `kind`, and `state` among the kind's states
/// (none where the domain has no state).
fn domain_admits(
    domain: Domain,
    action: &str,
    kind: &'static str,
    state: Option<&'static str>,
) -> bool {
    let admits = domain.admits();
    let kind_ok = admits.kinds.find(kind).is_some();
    let states = (admits.states)(kind);
    let state_ok = match (states, state) {
        (Some(states), Some(state)) => states.find(state).is_some(),
        (None, None) => true,
        (Some(_), None) | (None, Some(_)) => false,
    };
    admits.actions.find(action).is_some() && kind_ok && state_ok
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = DecisionRecord;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an itam-rbac decision record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DecisionRecord, A::Error> {
        let mut members = Members::default();
        while let Some(key) = map.next_key_seed(Lookup(Field::named, "a decision record member"))? {
            let Some(key) = key else {
                return Err(de::Error::custom("unknown decision record member"));
            };
            members.read(key, &mut map)?;
        }
        let record = members.record()?;
        written(&record)?;
        Ok(record)
    }
}

/// The `state` member's name (serde's `Option` reads its `null`).
struct StateName(&'static str);

impl<'de> Deserialize<'de> for StateName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let found =
            de::DeserializeSeed::deserialize(Lookup(any_name, "a state name"), deserializer)?;
        found
            .map(StateName)
            .ok_or_else(|| de::Error::custom("unknown state"))
    }
}

/// The `policy` member.
struct PolicySeed;

impl<'de> de::DeserializeSeed<'de> for PolicySeed {
    type Value = Policy;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_struct("Policy", POLICY_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for PolicySeed {
    type Value = Policy;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the policy's revision and fingerprint")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Policy, A::Error> {
        let mut revision = None;
        let mut fingerprint = None;
        let member = |k: &str| POLICY_FIELDS.iter().position(|f| *f == k);
        while let Some(key) = map.next_key_seed(Lookup(member, "a policy member"))? {
            // The position in POLICY_FIELDS: 0 revision, 1 fingerprint.
            if key == Some(0) {
                once(
                    &mut revision,
                    map.next_value_seed(Integer::<u32>::new("revision"))?,
                    "revision",
                )?;
            } else if key == Some(1) {
                let value = lookup(&mut map, "fingerprint", Hex::parse)?;
                once(&mut fingerprint, value, "fingerprint")?;
            } else {
                return Err(de::Error::custom("unknown policy member"));
            }
        }
        let revision = revision.ok_or_else(|| de::Error::missing_field("revision"))?;
        if revision == 0 {
            return Err(de::Error::custom("policy revisions start at 1"));
        }
        Ok(Policy {
            revision,
            fingerprint: fingerprint.ok_or_else(|| de::Error::missing_field("fingerprint"))?,
        })
    }
}

impl<'de> Deserialize<'de> for DecisionRecord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("DecisionRecord", FIELDS, RecordVisitor)
    }
}
