//! The records of SOURCES.md §C: each one's permission tables from
//! [`RecordState::action_rule`] and [`RecordState::event_rule`], and its state
//! machine from [`RecordState::next`].

use core::fmt::{self, Display, Formatter};
use core::marker::PhantomData;

use super::diagram::{self, Labels, Machine, Node};
use crate::records::{
    editable_asset_fields, with_record_kind, AssetStatus, Record, RecordEvent, RecordKind,
    RecordState, ASSET_FORM,
};
use crate::{Action, Grant, Role, Subject};

/// The state machine of the record whose states are `S`.
pub(super) struct RecordMachine<S>(PhantomData<S>);

impl<S: RecordState> Machine for RecordMachine<S> {
    type State = S;

    fn prefix(&self) -> &'static str {
        S::KIND.name()
    }

    fn title(&self) -> &'static str {
        S::KIND.name()
    }

    fn states(&self) -> &'static [S] {
        S::STATES
    }

    fn name(&self, state: S) -> &'static str {
        state.state_name()
    }

    fn is_terminal(&self, state: S) -> bool {
        state.is_terminal()
    }

    fn labels(&self, from: Node<S>, to: Node<S>, label: &mut Labels<'_>) -> fmt::Result {
        let (Node::State(from), Node::State(to)) = (from, to) else {
            // Records have no start or end edges of their own.
            return Ok(());
        };
        for &event in applicable::<S>() {
            if from.next(event) == Some(to) {
                label(&event)?;
            }
        }
        Ok(())
    }
}

/// The events that apply to `S`'s kind (those with a rule), as an iterator.
fn applicable<S: RecordState>() -> impl Iterator<Item = &'static RecordEvent> {
    RecordEvent::ALL
        .iter()
        .filter(|&&event| S::event_rule(event).is_some())
}

/// What one syntax does with a record's states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Render {
    /// The permission tables.
    Markdown,
    /// A Mermaid state diagram.
    Mermaid,
    /// A standalone DOT `digraph`.
    Dot,
    /// A DOT cluster.
    DotCluster,
}

/// Renders the record `kind` as `render` asks.
pub(super) fn render(kind: RecordKind, render: Render, f: &mut Formatter<'_>) -> fmt::Result {
    with_record_kind!(kind, |S| one::<S>(render, f))?;
    // The asset's tables end with its form's fields.
    if kind == RecordKind::Asset && render == Render::Markdown {
        asset_fields(f)?;
    }
    Ok(())
}

fn one<S: RecordState>(render: Render, f: &mut Formatter<'_>) -> fmt::Result {
    let machine = RecordMachine::<S>(PhantomData);
    match render {
        Render::Markdown => markdown::<S>(f),
        Render::Mermaid => diagram::mermaid(&machine, f),
        Render::Dot => diagram::dot(&machine, f),
        Render::DotCluster => diagram::dot_cluster(&machine, f),
    }
}

/// A rule, or `nobody` where there is none.
struct RuleOrNobody(Option<Grant>);

impl Display for RuleOrNobody {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(rule) => write!(f, "{rule}"),
            None => f.write_str("nobody"),
        }
    }
}

/// The two tables of one record: who may take each action in each state, and
/// who may fire each event, with the transitions it makes.
fn markdown<S: RecordState>(f: &mut Formatter<'_>) -> fmt::Result {
    super::table_head(f, &["state", "terminal"], Action::ALL.iter())?;
    for &state in S::STATES {
        let terminal = if state.is_terminal() { "yes" } else { "no" };
        write!(f, "| {} | {terminal} |", state.state_name())?;
        for &action in Action::ALL {
            // The rule `check_record` applies: an update of a frozen record has none.
            if crate::records::is_frozen_for(state, action) {
                f.write_str(" nobody (frozen) |")?;
            } else {
                write!(f, " {} |", RuleOrNobody(state.action_rule(action)))?;
            }
        }
        f.write_str("\n")?;
    }
    writeln!(f, "\n| event | transitions | who may |")?;
    writeln!(f, "|---|---|---|")?;
    for &event in applicable::<S>() {
        write!(f, "| {event} | ")?;
        let moves = S::STATES
            .iter()
            .filter_map(|&from| from.next(event).map(|to| (from, to)));
        for (i, (from, to)) in moves.enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{} → {}", from.state_name(), to.state_name())?;
        }
        write!(f, " | {}", RuleOrNobody(S::event_rule(event)))?;
        if S::NEEDS_DOCUMENT.contains(&event) {
            f.write_str("; needs a contract document")?;
        }
        f.write_str(" |\n")?;
    }
    Ok(())
}

/// The asset form: the fields each editing role may change, by status, from
/// [`editable_asset_fields`]; a column for each role the form table names, in the
/// order of its rows.
fn asset_fields(f: &mut Formatter<'_>) -> fmt::Result {
    f.write_str("\n| status |")?;
    for role in form_editors() {
        write!(f, " {role} edits |")?;
    }
    f.write_str("\n|---|")?;
    for _ in form_editors() {
        f.write_str("---|")?;
    }
    f.write_str("\n")?;
    for &status in AssetStatus::ALL {
        write!(f, "| {status} |")?;
        for role in form_editors() {
            let fields = editable_asset_fields(&Subject::new((), role), &Record::new(status));
            if fields.is_empty() {
                f.write_str(" nothing |")?;
            } else {
                write!(f, " {fields} |")?;
            }
        }
        f.write_str("\n")?;
    }
    Ok(())
}

/// The roles the asset form table names, each once, in the order of its rows.
fn form_editors() -> impl Iterator<Item = Role> {
    ASSET_FORM.iter().enumerate().flat_map(|(at, row)| {
        row.who.roles.roles().filter(move |&role| {
            !ASSET_FORM
                .iter()
                .take(at)
                .any(|earlier| earlier.who.roles.has(role))
        })
    })
}
