//! The state machines of the report: every Mermaid diagram has its header and only
//! state and edge lines, and draws exactly the edges this test derives again by
//! calling the transition functions itself; the Markdown tables have a row a
//! state or kind and the same number of columns on every line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::collections::{BTreeMap, BTreeSet};

use itam_rbac::lifecycle::{self, Next};
use itam_rbac::lifecycle::{AssetEvent, AssetState, ManualMove};
use itam_rbac::records::{
    AssetStatus, BudgetState, ContractState, CostItemState, DemandState, NomenclatureState,
    PurchaseState,
};
use itam_rbac::records::{RecordEvent, RecordKind, RecordState};
use itam_rbac::report::{self, Format};
use itam_rbac::workflow::{self, Relations, TaskEvent};
use itam_rbac::{sod, Roles, Subject, Task, TaskKind, TaskState};

/// One drawn edge: from, to (`[*]` for start and end) and its label items.
type Edge = (String, String, Option<String>);

/// Parses a `stateDiagram-v2`: the header, then only `state "name" as id` lines
/// and `a --> b` or `a --> b: item, item` lines. Returns the edges with the state
/// names put back, one entry a label item; panics on any other line, on an id
/// declared twice, and on two lines for the same pair of nodes.
fn parse_state_diagram(source: &str) -> BTreeSet<Edge> {
    let mut lines = source.lines();
    assert_eq!(lines.next(), Some("stateDiagram-v2"), "{source}");
    let mut names = BTreeMap::new();
    let mut pairs = BTreeSet::new();
    let mut edges = BTreeSet::new();
    for line in lines {
        let line = line.strip_prefix("    ").expect("an indented line");
        if let Some(decl) = line.strip_prefix("state \"") {
            let (name, id) = decl.split_once("\" as ").expect("state \"name\" as id");
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{id}"
            );
            assert!(
                names.insert(id.to_owned(), name.to_owned()).is_none(),
                "{id} twice"
            );
            continue;
        }
        let (from, rest) = line.split_once(" --> ").unwrap_or_else(|| panic!("{line}"));
        let (to, label) = match rest.split_once(": ") {
            Some((to, label)) => (to, Some(label)),
            None => (rest, None),
        };
        let node = |id: &str| {
            if id == "[*]" {
                id.to_owned()
            } else {
                names
                    .get(id)
                    .unwrap_or_else(|| panic!("undeclared {id}"))
                    .clone()
            }
        };
        let (from, to) = (node(from), node(to));
        assert!(
            pairs.insert((from.clone(), to.clone(), label.is_some())),
            "{line}"
        );
        match label {
            None => edges.insert((from, to, None)),
            Some(label) => label.split(", ").fold(false, |_, item| {
                edges.insert((from.clone(), to.clone(), Some(item.to_owned())))
            }),
        };
    }
    edges
}

fn edge(from: &str, to: &str, item: Option<String>) -> Edge {
    (from.to_owned(), to.to_owned(), item)
}

/// The asset edges, again: every (state, kind, event) through `transition`, every
/// kind through `create`, every manual move, every terminal state.
fn asset_edges() -> BTreeSet<Edge> {
    let mut edges = BTreeSet::new();
    for &state in AssetState::ALL {
        for &kind in TaskKind::ALL {
            for &event in AssetEvent::ALL {
                let item = Some(format!("{kind} {event}"));
                match lifecycle::transition(state, kind, event) {
                    Ok(Next::State(to)) if to != state => {
                        edges.insert(edge(state.qualified(), to.qualified(), item))
                    }
                    Ok(Next::Removed) => edges.insert(edge(state.qualified(), "[*]", item)),
                    Ok(Next::State(_)) | Err(_) => false,
                };
            }
        }
        if state.is_terminal() {
            edges.insert(edge(state.qualified(), "[*]", None));
        }
    }
    for &kind in TaskKind::ALL {
        if let Ok(created) = lifecycle::create(kind) {
            edges.insert(edge(
                "[*]",
                created.qualified(),
                Some(format!("{kind} add")),
            ));
        }
    }
    for &action in ManualMove::ALL {
        let item = Some(format!("manual {action}"));
        edges.insert(edge(
            action.from().qualified(),
            action.to().qualified(),
            item,
        ));
    }
    edges
}

#[test]
fn the_asset_diagram_draws_every_move_of_the_transition_function() {
    let drawn = parse_state_diagram(&report::asset_lifecycle(Format::Mermaid).to_string());
    assert_eq!(drawn, asset_edges());
    assert!(drawn.contains(&edge(
        "storage/available",
        "storage/reserved",
        Some("allocation add".to_owned())
    )));
}

/// The task transitions, again: every kind, state and event, for the assigned
/// user, the creator and a third person, each with every role, under every
/// combination of relations but a file attached (which only forbids).
fn task_edges() -> BTreeMap<(String, String, String), BTreeSet<TaskKind>> {
    let mut edges: BTreeMap<_, BTreeSet<_>> = BTreeMap::new();
    let relations = (0..=Relations::all().bits())
        .map(Relations::from_bits_truncate)
        .filter(|r| !r.contains(Relations::FILES_ATTACHED));
    for &kind in TaskKind::ALL {
        for &from in TaskState::ALL {
            let task = Task::new(kind, from).assigned_to(1_u8).created_by(2);
            for &event in TaskEvent::ALL {
                for id in [1, 2, 3] {
                    let subject = Subject::new(id, Roles::all());
                    for r in relations.clone() {
                        if let Ok(to) = workflow::validate(&subject, &task, r, event) {
                            let key = (from.to_string(), to.to_string(), event.to_string());
                            edges.entry(key).or_default().insert(kind);
                        }
                    }
                }
            }
        }
    }
    edges
}

#[test]
fn the_task_diagram_draws_every_transition_of_the_validator() {
    let drawn = parse_state_diagram(&report::task_workflow(Format::Mermaid).to_string());
    let derived = task_edges();
    let mut expected: BTreeSet<Edge> = TaskState::ALL
        .iter()
        .filter(|s| s.is_terminal())
        .map(|s| edge(s.name(), "[*]", None))
        .collect();
    for ((from, to, event), kinds) in &derived {
        // Every kind: the event alone; otherwise the event and which kinds.
        let every = kinds.len() == TaskKind::ALL.len();
        let found: Vec<_> = drawn
            .iter()
            .filter(|(f, t, _)| f == from && t == to)
            .filter_map(|(_, _, label)| label.clone())
            .filter(|label| label.split(' ').next() == Some(event.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "{from} -> {to} by {event}: {found:?}");
        assert_eq!(!found[0].contains('('), every, "{}", found[0]);
        expected.insert(edge(from, to, Some(found[0].clone())));
    }
    assert_eq!(drawn, expected);
    let send = &derived[&(
        "in_progress".to_owned(),
        "pending_approval".to_owned(),
        "send_for_approval".to_owned(),
    )];
    assert!(!send.contains(&TaskKind::Inventory) && send.contains(&TaskKind::Maintenance));
}

/// A record's edges, again: every state and every event that has a rule.
fn record_edges<S: RecordState>() -> BTreeSet<Edge> {
    let mut edges = BTreeSet::new();
    for &from in S::STATES {
        for &event in RecordEvent::ALL {
            if let (Some(_), Some(to)) = (S::event_rule(event), from.next(event)) {
                let item = Some(event.to_string());
                edges.insert(edge(from.state_name(), to.state_name(), item));
            }
        }
        if from.is_terminal() {
            edges.insert(edge(from.state_name(), "[*]", None));
        }
    }
    edges
}

fn expected_record_edges(kind: RecordKind) -> BTreeSet<Edge> {
    match kind {
        RecordKind::Contract => record_edges::<ContractState>(),
        RecordKind::PurchaseRequest => record_edges::<PurchaseState>(),
        RecordKind::Demand => record_edges::<DemandState>(),
        RecordKind::FunctionalBudget => record_edges::<BudgetState>(),
        RecordKind::ActualCostItem => record_edges::<CostItemState>(),
        RecordKind::Nomenclature => record_edges::<NomenclatureState>(),
        RecordKind::Asset => record_edges::<AssetStatus>(),
    }
}

#[test]
fn each_record_diagram_draws_its_next_function() {
    for &kind in RecordKind::ALL {
        let drawn = parse_state_diagram(&report::record(kind, Format::Mermaid).to_string());
        assert_eq!(drawn, expected_record_edges(kind), "{kind}");
        assert!(drawn.iter().any(|(_, _, label)| label.is_some()), "{kind}");
    }
}

#[test]
fn the_full_mermaid_report_is_every_diagram_once() {
    let full = report::full(Format::Mermaid).to_string();
    let diagrams: Vec<&str> = full.split("\n\n").collect();
    assert_eq!(diagrams.len(), 3 + RecordKind::ALL.len());
    assert!(diagrams[0].starts_with("flowchart BT\n"));
    for diagram in &diagrams[1..] {
        parse_state_diagram(diagram);
    }
    assert_eq!(
        diagrams[2].trim_end(),
        report::asset_lifecycle(Format::Mermaid)
            .to_string()
            .trim_end()
    );
}

/// The Markdown tables of `source`: runs of lines starting with `|`. Each must
/// have a header, a `|---|` rule and the same number of cells on every line.
fn tables(source: &str) -> Vec<Vec<&str>> {
    let mut tables = vec![];
    let mut current: Vec<&str> = vec![];
    for line in source.lines().chain([""]) {
        if line.starts_with('|') {
            current.push(line);
        } else if !current.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
    }
    for table in &tables {
        let columns = table[0].matches('|').count();
        assert!(table[1].starts_with("|---|"), "{table:?}");
        for line in table {
            assert_eq!(line.matches('|').count(), columns, "{line}");
            assert!(line.ends_with(" |") || line.ends_with("---|"), "{line}");
        }
    }
    tables
}

/// The body rows of a table (after the header and the rule).
fn rows<'a>(table: &[&'a str]) -> Vec<&'a str> {
    table[2..].to_vec()
}

#[test]
fn the_asset_and_task_tables_have_a_row_a_kind() {
    let asset = report::asset_lifecycle(Format::Markdown).to_string();
    let t = tables(&asset);
    assert_eq!(t.len(), 2);
    assert_eq!(rows(&t[0]).len(), TaskKind::ALL.len());
    for (row, kind) in rows(&t[0]).iter().zip(TaskKind::ALL) {
        assert!(row.starts_with(&format!("| {kind} | ")), "{row}");
    }
    assert_eq!(rows(&t[1]).len(), ManualMove::ALL.len());

    let task = report::task_workflow(Format::Markdown).to_string();
    let t = tables(&task);
    assert_eq!(t.len(), 2);
    assert_eq!(rows(&t[0]).len(), task_edges().len());
    assert_eq!(rows(&t[1]).len(), TaskKind::ALL.len());
    assert!(task.contains("| decommissioning | required | itam_operation_specialist |"));
}

#[test]
fn each_record_table_has_a_row_a_state_and_a_row_an_event() {
    for &kind in RecordKind::ALL {
        let md = report::record(kind, Format::Markdown).to_string();
        let t = tables(&md);
        let edges = expected_record_edges(kind);
        let states: BTreeSet<_> = rows(&t[0])
            .iter()
            .map(|row| row.split(" | ").next().unwrap().trim_start_matches("| "))
            .collect();
        let drawn: BTreeSet<_> = edges
            .iter()
            .flat_map(|(from, to, _)| [from.as_str(), to.as_str()])
            .filter(|n| *n != "[*]")
            .collect();
        assert!(drawn.is_subset(&states), "{kind}: {drawn:?} {states:?}");
        let events: BTreeSet<_> = edges.iter().filter_map(|e| e.2.clone()).collect();
        assert_eq!(rows(&t[1]).len(), events.len(), "{kind}");
        for row in rows(&t[0]) {
            assert!(
                row.ends_with("| nobody |"),
                "delete is never granted: {row}"
            );
        }
    }
    let contract = report::record(RecordKind::Contract, Format::Markdown).to_string();
    assert!(contract.contains("| send_for_approval | draft → approval | itam_contract_manager; needs a contract document |"));
    assert!(contract.contains("itam_contract_approver, not the creator nor the assigned user"));
    let purchase = report::record(RecordKind::PurchaseRequest, Format::Markdown).to_string();
    assert!(purchase.contains("itam_purchase_manager as the assigned user"));
    let asset = report::record(RecordKind::Asset, Format::Markdown).to_string();
    assert_eq!(
        tables(&asset).len(),
        3,
        "the asset form adds its field table"
    );
}

#[test]
fn the_sod_table_has_a_row_a_conflict() {
    let md = report::sod_conflicts().to_string();
    let t = tables(&md);
    assert_eq!(rows(&t[0]).len(), sod::all().count());
    for (row, c) in rows(&t[0]).iter().zip(sod::all()) {
        let expected = format!(
            "| {} | {} | {} | {} |",
            c.preparer(),
            c.duty(),
            c.approver(),
            c.record()
        );
        assert_eq!(*row, expected);
    }
}

#[test]
fn the_full_markdown_and_the_document_have_every_section_with_sound_tables() {
    for md in [
        report::full(Format::Markdown).to_string(),
        report::document().to_string(),
    ] {
        let t = tables(&md);
        // ... and role engineering's two tables (overlaps, each role alone).
        assert_eq!(t.len(), 2 + 2 + 2 + 2 * RecordKind::ALL.len() + 1 + 1 + 2);
        for section in [
            "## Roles",
            "## Task permission matrix",
            "## Task workflow",
            "## Asset life cycle",
            "## Records",
            "## Separation of duties",
            "## Role engineering",
        ] {
            let lines = md.lines().filter(|line| *line == section).count();
            assert_eq!(lines, 1, "{section}");
        }
        for kind in RecordKind::ALL {
            assert!(md.contains(&format!("\n### {kind}\n")), "{kind}");
        }
    }
    let document = report::document().to_string();
    assert_eq!(
        document.matches("```mermaid\n").count(),
        3 + RecordKind::ALL.len()
    );
}
