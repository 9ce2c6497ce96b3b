//! The rendered policy: DOT that Graphviz accepts, Mermaid with the same edges, a
//! matrix with a row a kind, and POLICY.md identical to what the report renders now.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::io::Write;
use std::process::{Command, Stdio};

use itam_rbac::records::RecordKind;
use itam_rbac::report::{self, Format};
use itam_rbac::{Role, TaskKind};

/// Runs Graphviz `dot` on `source`; `None` when `dot` is not installed (the test
/// then says it is skipped), unless `REQUIRE_RENDERERS` is set, as in CI.
fn render_with_dot(source: &str) -> Option<std::process::Output> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(
            std::env::var_os("REQUIRE_RENDERERS").is_none(),
            "REQUIRE_RENDERERS is set but Graphviz `dot` is not installed"
        );
        eprintln!("SKIPPED: Graphviz `dot` is not installed; the DOT output was not rendered");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    Some(child.wait_with_output().unwrap())
}

#[test]
fn graphviz_renders_every_dot_output() {
    let mut sources = vec![
        report::role_graph(Format::Dot).to_string(),
        report::task_workflow(Format::Dot).to_string(),
        report::asset_lifecycle(Format::Dot).to_string(),
        report::full(Format::Dot).to_string(),
    ];
    for &kind in RecordKind::ALL {
        sources.push(report::record(kind, Format::Dot).to_string());
    }
    for source in sources {
        let Some(output) = render_with_dot(&source) else {
            return;
        };
        assert!(
            output.status.success(),
            "dot rejected:\n{source}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
    }
}

#[test]
fn the_full_dot_is_one_digraph_with_a_cluster_a_diagram_and_unique_node_ids() {
    let dot = report::full(Format::Dot).to_string();
    assert!(dot.starts_with("digraph policy {\n"));
    assert_eq!(dot.matches("digraph ").count(), 1);
    let mut clusters = vec![
        "roles".to_owned(),
        "task".to_owned(),
        "lifecycle".to_owned(),
    ];
    clusters.extend(RecordKind::ALL.iter().map(ToString::to_string));
    for cluster in &clusters {
        assert_eq!(
            dot.matches(&format!("subgraph cluster_{cluster} {{"))
                .count(),
            1,
            "{cluster}"
        );
    }
    assert_eq!(dot.matches("subgraph ").count(), clusters.len());
    // Every node is declared once, with a quoted id, in one cluster only.
    let mut ids = std::collections::BTreeSet::new();
    for line in dot.lines().map(str::trim) {
        let declared = line.strip_prefix('"').filter(|_| !line.contains(" -> "));
        if let Some(rest) = declared {
            let id = rest.split('"').next().unwrap();
            assert!(ids.insert(id.to_owned()), "{id} declared twice");
        }
    }
    // Every edge joins declared nodes.
    for line in dot.lines().map(str::trim).filter(|l| l.contains(" -> ")) {
        for end in line
            .split(" [")
            .next()
            .unwrap()
            .trim_end_matches(';')
            .split(" -> ")
        {
            assert!(ids.contains(end.trim_matches('"')), "{line}");
        }
    }
}

/// The `(from, to)` pairs of the inclusion table itself.
fn table_edges() -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .flat_map(|r| {
            r.includes()
                .roles()
                .map(move |i| (r.name().to_owned(), i.name().to_owned()))
        })
        .collect()
}

#[test]
fn mermaid_and_dot_draw_exactly_the_inclusion_table() {
    let mermaid = report::role_graph(Format::Mermaid).to_string();
    let mut lines = mermaid.lines();
    assert_eq!(lines.next(), Some("flowchart BT"));
    let mermaid_edges: Vec<(String, String)> = lines
        .map(|l| {
            let (from, to) = l.trim().split_once(" --> ").expect("an edge line");
            (from.to_owned(), to.to_owned())
        })
        .collect();
    assert_eq!(mermaid_edges, table_edges());

    let dot = report::role_graph(Format::Dot).to_string();
    let dot_edges: Vec<(String, String)> = dot
        .lines()
        .filter_map(|l| l.trim().strip_suffix(';')?.split_once(" -> "))
        .map(|(a, b)| {
            (
                a.trim_matches('"').to_owned(),
                b.trim_matches('"').to_owned(),
            )
        })
        .collect();
    assert_eq!(dot_edges, table_edges());
}

#[test]
fn the_markdown_matrix_has_a_row_a_kind_and_a_column_an_action() {
    let matrix = report::task_matrix().to_string();
    let rows: Vec<&str> = matrix.lines().collect();
    assert_eq!(rows.len(), 2 + TaskKind::ALL.len());
    assert_eq!(rows[0], "| task kind | read | create | update | delete |");
    for (row, kind) in rows[2..].iter().zip(TaskKind::ALL) {
        assert!(
            row.starts_with(&format!("| {kind} | itam_agent |")),
            "{row}"
        );
        assert_eq!(row.matches(" | ").count(), 4, "{row}");
        assert!(row.ends_with("| nobody (never granted) |"), "{row}");
    }
    assert!(matrix.contains("itam_agent unless also holding itam_contract_manager"));
    assert!(matrix.contains("while the task is open (neither completed nor canceled)"));
}

#[test]
fn policy_md_is_what_the_report_renders_now() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/POLICY.md");
    let rendered = report::document().to_string();
    if std::env::var_os("UPDATE_POLICY").is_some() {
        std::fs::write(path, &rendered).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "POLICY.md differs from report::document(); run `UPDATE_POLICY=1 cargo test --test decision_space report` and commit it"
    );
}

#[test]
fn formats_parse_from_their_names() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>().unwrap(), *format);
    }
    assert_eq!("svg".parse::<Format>().unwrap_err().what(), "report format");
}
