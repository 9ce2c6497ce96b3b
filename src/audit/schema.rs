//! The JSON Schema of the decision record.

use core::fmt;

use super::names::{Admits, Names};
use super::{decides_as_this_build, Domain, Verdict, EARLIER_FINGERPRINTS};
use crate::{AllowReason, DenyReason, POLICY_FINGERPRINT, POLICY_REVISION};

/// Writes the JSON Schema (draft 2020-12) of the decision record, from the code
/// table and the vocabularies: `schema/decision-record.schema.json` is its output,
/// and a test keeps the file up to date.
///
/// The schema ties `allowed`, `code`, `reason` and `message` to one row of the code
/// table, and `action`, `kind` and `state` to the names of the record's `domain`
/// (for records, the states of the record's kind).
///
/// # Errors
///
/// Only the errors of `out`.
pub fn write_json_schema(out: &mut dyn fmt::Write) -> fmt::Result {
    write_members(out)?;
    out.write_str("  \"allOf\": [\n    { \"oneOf\": [\n")?;
    write_code_table(out)?;
    out.write_str("\n    ] },\n    { \"oneOf\": [\n")?;
    write_domains(out)?;
    out.write_str("\n    ] }\n  ]\n}\n")
}

/// Writes the schema's head and its `properties`: each member's type.
fn write_members(out: &mut dyn fmt::Write) -> fmt::Result {
    out.write_str(concat!(
        "{\n",
        "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n",
        "  \"$id\": \"https://github.com/itam-rbac/itam-rbac/schema/decision-record.schema.json\",\n",
        "  \"title\": \"itam-rbac decision record\",\n",
        "  \"description\": \"One authorization decision of itam-rbac, as the audit module serializes it.\",\n",
        "  \"type\": \"object\",\n",
        "  \"additionalProperties\": false,\n",
        "  \"required\": [\"allowed\", \"code\", \"reason\", \"message\", \"domain\", \"action\", \"kind\", \"state\", \"roles\", \"policy\"],\n",
        "  \"properties\": {\n",
        "    \"allowed\": { \"type\": \"boolean\" },\n",
        "    \"code\": { \"type\": \"integer\", \"minimum\": 0, \"maximum\": 255 },\n",
        "    \"reason\": { \"type\": \"string\" },\n",
        "    \"message\": { \"type\": \"string\" },\n",
    ))?;
    out.write_str("    \"domain\": { \"enum\": ")?;
    write_list(out, Names::Fixed(Domain::NAMES))?;
    out.write_str(" },\n    \"action\": { \"type\": \"string\" },\n")?;
    out.write_str("    \"kind\": { \"type\": \"string\" },\n")?;
    out.write_str("    \"state\": { \"type\": [\"string\", \"null\"] },\n")?;
    out.write_str(
        "    \"roles\": { \"type\": \"array\", \"uniqueItems\": true, \"items\": { \"enum\": ",
    )?;
    write_list(out, Names::Fixed(crate::Role::NAMES))?;
    out.write_str(concat!(
        " } },\n",
        "    \"policy\": {\n",
        "      \"type\": \"object\",\n",
        "      \"additionalProperties\": false,\n",
        "      \"required\": [\"revision\", \"fingerprint\"],\n",
        "      \"properties\": {\n",
    ))?;
    // The policies whose records this build reads: its own revision, in either
    // fingerprint format (see `decides_as_this_build`).
    write!(
        out,
        "        \"revision\": {{ \"type\": \"integer\", \"const\": {POLICY_REVISION} }},\n        \"fingerprint\": {{ \"enum\": [\"{}\"",
        Fingerprint(POLICY_FINGERPRINT)
    )?;
    for &(revision, fingerprint) in EARLIER_FINGERPRINTS {
        if decides_as_this_build(revision, fingerprint) {
            write!(out, ", \"{}\"", Fingerprint(fingerprint))?;
        }
    }
    out.write_str("] }\n      }\n    }\n  },\n")
}

/// Writes a branch a row of the code table: `allowed`, `code`, `reason` and
/// `message` of one reason.
fn write_code_table(out: &mut dyn fmt::Write) -> fmt::Result {
    let mut first = true;
    let mut row = |out: &mut dyn fmt::Write, verdict: Verdict| -> fmt::Result {
        if !core::mem::take(&mut first) {
            out.write_str(",\n")?;
        }
        write!(
            out,
            "      {{ \"properties\": {{ \"allowed\": {{ \"const\": {} }}, \"code\": {{ \"const\": {} }}, \"reason\": {{ \"const\": \"{}\" }}, \"message\": {{ \"const\": \"{}\" }} }} }}",
            verdict.is_allowed(),
            verdict.code(),
            verdict.name(),
            verdict.describe()
        )
    };
    for &reason in AllowReason::ALL {
        row(out, Verdict::Allow(reason))?;
    }
    for &reason in DenyReason::ALL {
        row(out, Verdict::Deny(reason))?;
    }
    Ok(())
}

/// Writes a branch a domain (a record domain: a branch a kind): its actions,
/// kinds and states.
fn write_domains(out: &mut dyn fmt::Write) -> fmt::Result {
    let mut first = true;
    for &domain in Domain::ALL {
        let admits = domain.admits();
        // The records' states depend on their kind: a branch a kind.
        if matches!(domain, Domain::Record | Domain::RecordEvent) {
            let mut result = Ok(());
            admits.kinds.each(&mut |kind| {
                if result.is_ok() {
                    result = write_domain(out, &mut first, domain, &admits, Some(kind));
                }
            });
            result?;
        } else {
            write_domain(out, &mut first, domain, &admits, None)?;
        }
    }
    Ok(())
}

/// Writes the schema's branch of `domain`: its actions, its kinds (or the one
/// `kind`), and their states.
fn write_domain(
    out: &mut dyn fmt::Write,
    first: &mut bool,
    domain: Domain,
    admits: &Admits,
    kind: Option<&'static str>,
) -> fmt::Result {
    if !core::mem::take(first) {
        out.write_str(",\n")?;
    }
    write!(out, "      {{ \"properties\": {{ \"domain\": {{ \"const\": \"{domain}\" }}, \"action\": {{ \"enum\": ")?;
    write_list(out, admits.actions)?;
    out.write_str(" }, \"kind\": { \"enum\": ")?;
    if let Some(kind) = kind {
        out.write_char('[')?;
        write_name(out, kind)?;
        out.write_char(']')?;
    } else {
        write_list(out, admits.kinds)?;
    }
    out.write_str(" }, \"state\": ")?;
    match (admits.states)(kind.unwrap_or_default()) {
        Some(states) => {
            out.write_str("{ \"enum\": ")?;
            write_list(out, states)?;
            out.write_str(" }")?;
        }
        None => out.write_str("{ \"const\": null }")?,
    }
    out.write_str(" } }")
}

/// A fingerprint as the record writes it: `0x` and 16 lower-case hex digits.
struct Fingerprint(u64);

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#018x}", self.0)
    }
}

/// Writes `names` as a JSON array of strings.
fn write_list(out: &mut dyn fmt::Write, names: Names) -> fmt::Result {
    let mut result = out.write_char('[');
    let mut first = true;
    names.each(&mut |name| {
        if result.is_ok() && !core::mem::take(&mut first) {
            result = out.write_str(", ");
        }
        if result.is_ok() {
            result = write_name(out, name);
        }
    });
    result?;
    out.write_char(']')
}

/// Writes a name (no character of a name needs escaping) as a JSON string.
fn write_name(out: &mut dyn fmt::Write, name: &str) -> fmt::Result {
    write!(out, "\"{name}\"")
}
