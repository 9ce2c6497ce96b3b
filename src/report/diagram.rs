//! One renderer for every state machine: a [`Machine`] says which states there are
//! and which transitions lead from one node to another (by walking the crate's own
//! transition functions), and [`mermaid`] and [`dot`] draw it. Nothing allocates:
//! edges are found by asking every pair of nodes, and labels are written as they
//! are found.

use core::fmt::{self, Display, Formatter, Write};

/// A node of a drawn machine: the start pseudo-state, a state, or the end
/// pseudo-state (terminal states point at it; so does a removal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Node<S> {
    /// Where records come from.
    Start,
    /// A state of the machine.
    State(S),
    /// Where records go when they end or are removed.
    End,
}

/// Receives the label items of one edge, one call an item.
pub(super) type Labels<'a> = dyn FnMut(&dyn Display) -> fmt::Result + 'a;

/// A state machine to draw.
pub(super) trait Machine {
    /// The machine's state type.
    type State: Copy + PartialEq + 'static;

    /// The prefix of every node id, and the cluster's name in DOT.
    fn prefix(&self) -> &'static str;

    /// A short title (the DOT cluster label).
    fn title(&self) -> &'static str;

    /// Every state, in table order.
    fn states(&self) -> &'static [Self::State];

    /// The name a person reads on the state's node.
    fn name(&self, state: Self::State) -> &'static str;

    /// Whether the state is terminal (drawn with an unlabelled edge to the end).
    fn is_terminal(&self, state: Self::State) -> bool;

    /// Calls `label` once for each transition from `from` to `to`, with its label.
    fn labels(
        &self,
        from: Node<Self::State>,
        to: Node<Self::State>,
        label: &mut Labels<'_>,
    ) -> fmt::Result;
}

/// The drawing syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Mermaid,
    Dot,
}

/// A node id: the machine's prefix, `_`, then the state name with every run of
/// other characters than ASCII letters and digits written as one `_` (and none
/// trailing): `storage/available` in `lifecycle` is `lifecycle_storage_available`.
struct Id(&'static str, &'static str);

impl Display for Id {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        let mut gap = true;
        for c in self.1.chars() {
            if c.is_ascii_alphanumeric() {
                if gap {
                    f.write_char('_')?;
                    gap = false;
                }
                f.write_char(c)?;
            } else {
                gap = true;
            }
        }
        Ok(())
    }
}

/// Writes through to a formatter, escaping what a DOT quoted string cannot hold.
struct DotEscape<'a, 'b>(&'a mut Formatter<'b>);

impl Write for DotEscape<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            match c {
                '"' | '\\' => {
                    self.0.write_char('\\')?;
                    self.0.write_char(c)?;
                }
                '\n' => self.0.write_str("\\n")?,
                other => self.0.write_char(other)?,
            }
        }
        Ok(())
    }
}

/// How one node is written in an edge.
fn endpoint<M: Machine>(
    m: &M,
    node: Node<M::State>,
    syntax: Syntax,
    f: &mut Formatter<'_>,
) -> fmt::Result {
    match (node, syntax) {
        (Node::Start | Node::End, Syntax::Mermaid) => f.write_str("[*]"),
        (Node::Start, Syntax::Dot) => write!(f, "\"{}__start\"", m.prefix()),
        (Node::End, Syntax::Dot) => write!(f, "\"{}__end\"", m.prefix()),
        (Node::State(s), Syntax::Mermaid) => write!(f, "{}", Id(m.prefix(), m.name(s))),
        (Node::State(s), Syntax::Dot) => write!(f, "\"{}\"", Id(m.prefix(), m.name(s))),
    }
}

/// Writes the edge from `from` to `to` if the machine has one, with every label
/// item; the edge line starts only once the first item is known.
fn edge<M: Machine>(
    m: &M,
    (from, to): (Node<M::State>, Node<M::State>),
    syntax: Syntax,
    f: &mut Formatter<'_>,
) -> fmt::Result {
    let mut items = 0_usize;
    m.labels(from, to, &mut |label: &dyn Display| {
        match (items, syntax) {
            (0, Syntax::Mermaid) => {
                f.write_str("    ")?;
                endpoint(m, from, syntax, f)?;
                f.write_str(" --> ")?;
                endpoint(m, to, syntax, f)?;
                f.write_str(": ")?;
            }
            (0, Syntax::Dot) => {
                f.write_str("    ")?;
                endpoint(m, from, syntax, f)?;
                f.write_str(" -> ")?;
                endpoint(m, to, syntax, f)?;
                f.write_str(" [label=\"")?;
            }
            (_, Syntax::Mermaid) => f.write_str(", ")?,
            (_, Syntax::Dot) => f.write_str("\\n")?,
        }
        items += 1;
        write!(DotEscape(f), "{label}")
    })?;
    match (items, syntax) {
        (0, _) => Ok(()),
        (_, Syntax::Mermaid) => f.write_str("\n"),
        (_, Syntax::Dot) => f.write_str("\"];\n"),
    }
}

/// Whether any labelled edge leaves `from` or reaches `to` (`None` for any node).
fn any_edge<M: Machine>(m: &M, from: Option<Node<M::State>>, to: Option<Node<M::State>>) -> bool {
    let states = m.states().iter().map(|&s| Node::State(s));
    let froms = core::iter::once(Node::Start).chain(states.clone());
    let tos = states.chain(core::iter::once(Node::End));
    let mut found = false;
    for a in froms.filter(|a| from.map_or(true, |from| from == *a)) {
        for b in tos.clone().filter(|b| to.map_or(true, |to| to == *b)) {
            // Counting only: nothing is written.
            let _ = m.labels(a, b, &mut |_: &dyn Display| {
                found = true;
                Ok(())
            });
        }
    }
    found
}

/// Every edge of the machine, then an unlabelled edge from each terminal state to
/// the end.
fn edges<M: Machine>(m: &M, syntax: Syntax, f: &mut Formatter<'_>) -> fmt::Result {
    let states = m.states().iter().map(|&s| Node::State(s));
    for from in core::iter::once(Node::Start).chain(states.clone()) {
        for to in states.clone().chain(core::iter::once(Node::End)) {
            edge(m, (from, to), syntax, f)?;
        }
    }
    for &state in m.states().iter().filter(|&&s| m.is_terminal(s)) {
        f.write_str("    ")?;
        endpoint(m, Node::State(state), syntax, f)?;
        f.write_str(match syntax {
            Syntax::Mermaid => " --> ",
            Syntax::Dot => " -> ",
        })?;
        endpoint(m, Node::End, syntax, f)?;
        f.write_str(match syntax {
            Syntax::Mermaid => "\n",
            Syntax::Dot => ";\n",
        })?;
    }
    Ok(())
}

/// The machine as a Mermaid `stateDiagram-v2`: one `state "name" as id` line a
/// state, then one line an edge, its label items joined by `", "`.
pub(super) fn mermaid<M: Machine>(m: &M, f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(f, "stateDiagram-v2")?;
    for &state in m.states() {
        let name = m.name(state);
        writeln!(f, "    state \"{name}\" as {}", Id(m.prefix(), name))?;
    }
    edges(m, Syntax::Mermaid, f)
}

/// The machine as DOT statements (no `digraph` around them): the nodes, the start
/// and end points where edges use them, then the edges.
pub(super) fn dot_body<M: Machine>(m: &M, f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(f, "    node [shape=box, style=rounded];")?;
    for &state in m.states() {
        let name = m.name(state);
        write!(f, "    \"{}\" [label=\"", Id(m.prefix(), name))?;
        DotEscape(f).write_str(name)?;
        f.write_str("\"];\n")?;
    }
    if any_edge(m, Some(Node::Start), None) {
        writeln!(
            f,
            "    \"{}__start\" [shape=point, width=0.15];",
            m.prefix()
        )?;
    }
    let ends = any_edge(m, None, Some(Node::End));
    if ends || m.states().iter().any(|&s| m.is_terminal(s)) {
        writeln!(
            f,
            "    \"{}__end\" [shape=doublecircle, label=\"\", width=0.12];",
            m.prefix()
        )?;
    }
    edges(m, Syntax::Dot, f)
}

/// The machine as one standalone `digraph`.
pub(super) fn dot<M: Machine>(m: &M, f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(f, "digraph {} {{\n    rankdir=LR;", m.prefix())?;
    dot_body(m, f)?;
    writeln!(f, "}}")
}

/// The machine as a DOT cluster, for the one `digraph` of the whole report.
pub(super) fn dot_cluster<M: Machine>(m: &M, f: &mut Formatter<'_>) -> fmt::Result {
    writeln!(f, "  subgraph cluster_{} {{", m.prefix())?;
    write!(f, "    label=\"")?;
    DotEscape(f).write_str(m.title())?;
    writeln!(f, "\";")?;
    dot_body(m, f)?;
    writeln!(f, "  }}")
}
