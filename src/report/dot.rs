//! The claim graph as Graphviz DOT: documents, claims, places, events and
//! speakers as nodes, with their links. Labels are escaped, so any article
//! text stays a valid DOT string.

use petgraph::visit::EdgeRef;

use crate::graph::{ClaimGraph, Node};

/// A DOT string literal's body: quotes, backslashes and line breaks escaped.
fn escape(text: &str) -> String {
    let clipped: String = text.chars().take(60).collect();
    let clipped = if text.chars().count() > 60 { format!("{clipped}…") } else { clipped };
    clipped.replace('\\', "\\\\").replace('"', "\\\"").replace(['\n', '\r'], " ")
}

pub fn render(g: &ClaimGraph) -> String {
    let mut out = String::from("digraph crosscheck {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
    for n in g.graph.node_indices() {
        let (label, shape) = match &g.graph[n] {
            Node::Document(d) => (g.analysis.corpus.documents[*d as usize].source_name().to_string(), "folder"),
            Node::Claim(c) => {
                let at = g.claims[*c as usize];
                let doc = &g.analysis.corpus.documents[at.doc];
                let (s, e) = doc.raw_span(at.claim.span.0, at.claim.span.1);
                (format!("{}: {}", at.claim.kind.name(), &doc.raw[s..e]), "box")
            }
            Node::Place(p) => (g.lexicon.gazetteer.place(*p).name.clone(), "ellipse"),
            Node::Event(e) => (g.names[*e as usize].to_string(), "hexagon"),
            Node::Speaker(s) => (g.names[*s as usize].to_string(), "egg"),
        };
        out.push_str(&format!("  n{} [label=\"{}\", shape={shape}];\n", n.index(), escape(&label)));
    }
    for e in g.graph.edge_references() {
        let label = e.weight().name().replace('_', " ");
        out.push_str(&format!("  n{} -> n{} [label=\"{label}\"];\n", e.source().index(), e.target().index()));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_string() {
        assert_eq!(escape("say \"hi\" \\ now\nthen"), "say \\\"hi\\\" \\\\ now then");
    }
}
