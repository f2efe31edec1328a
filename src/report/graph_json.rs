//! The claim graph as JSON, so that a reader can ask why two claims were,
//! or were not, compared: every claim with its referent (each field with
//! where it came from and how sure), the referent group it belongs to or
//! why it is in none, the groups with their time slices, and every edge
//! between claims with its kind and the fields it rests on. Article text
//! reaches the output only as JSON strings.

use serde::Serialize;

use super::Index;
use crate::claim::ClaimKind;
use crate::graph::{ClaimGraph, Edge, PartBy, SAME_FIELDS, Unlinked};

#[derive(Serialize)]
struct GraphOut<'a> {
    tool: &'static str,
    version: &'static str,
    claims: Vec<ClaimNode<'a>>,
    groups: Vec<GroupOut>,
    edges: Vec<EdgeOut>,
}

#[derive(Serialize)]
struct ClaimNode<'a> {
    id: String,
    doc: &'a str,
    kind: &'static str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unlinked: Option<Unlinked>,
    #[serde(skip_serializing_if = "Option::is_none")]
    referent: Option<super::wire::ReferentOut<'a>>,
}

#[derive(Serialize)]
struct GroupOut {
    id: String,
    measure: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    holder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predicate: Option<String>,
    aspect: crate::claim::Aspect,
    /// Time slices in order: each the claims given for one time.
    slices: Vec<SliceOut>,
    /// Figures dated after their article: plans, also held against the
    /// figures of the day they were announced.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    plans: Vec<String>,
}

#[derive(Serialize)]
struct SliceOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    as_of: bool,
    claims: Vec<String>,
}

#[derive(Serialize)]
struct EdgeOut {
    kind: &'static str,
    from: String,
    to: String,
    /// The referent fields the link rests on.
    because: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_by: Option<PartBy>,
}

/// The fields an edge rests on.
fn because(edge: Edge) -> Vec<&'static str> {
    match edge {
        Edge::Same => SAME_FIELDS.iter().copied().chain(["time"]).collect(),
        Edge::LaterReport => SAME_FIELDS.iter().copied().chain(["later time"]).collect(),
        Edge::PartOf(by) => {
            let narrower = match by {
                PartBy::Category => "category",
                PartBy::Holder => "holder",
                PartBy::Place => "place",
                PartBy::Kind => "kind",
                PartBy::Stated => "stated",
            };
            SAME_FIELDS.iter().copied().filter(|f| *f != narrower).chain(["time"]).collect()
        }
        Edge::ChangeOf => vec!["measure", "category", "holder", "time"],
        Edge::ChangesTo => vec!["stated change"],
        _ => Vec::new(),
    }
}

pub fn render(g: &ClaimGraph, index: &Index) -> String {
    let id = |i: usize| index.claims[i].id();
    let claims = index
        .claims
        .iter()
        .enumerate()
        .map(|(i, v)| ClaimNode {
            id: v.id(),
            doc: index.doc_id(v),
            kind: v.claim.kind.name(),
            text: v.text(),
            value: v.claim.quantity().map(|q| q.reading()),
            group: g.group_of(i).map(|k| format!("r{}", k + 1)),
            unlinked: g.unlinked.get(&i).copied(),
            referent: (v.claim.kind == ClaimKind::Quantity)
                .then(|| super::json::referent_out(&v.claim.referent, g.lexicon)),
        })
        .collect();
    let groups = g
        .groups
        .iter()
        .enumerate()
        .map(|(k, gr)| GroupOut {
            id: format!("r{}", k + 1),
            measure: gr.measure.clone(),
            category: gr.category.clone(),
            holder: gr.holder.clone(),
            predicate: gr.predicate.clone(),
            aspect: gr.aspect,
            slices: gr
                .slices
                .iter()
                .map(|s| SliceOut {
                    time: s.time.map(|t| t.render()),
                    as_of: s.as_of,
                    claims: s.claims.iter().map(|&i| id(i)).collect(),
                })
                .collect(),
            plans: gr.plans.iter().map(|&i| id(i)).collect(),
        })
        .collect();
    let edges = g
        .claim_edges()
        .into_iter()
        .map(|(a, b, e)| EdgeOut {
            kind: e.name(),
            from: id(a),
            to: id(b),
            because: because(e),
            part_by: match e {
                Edge::PartOf(by) => Some(by),
                _ => None,
            },
        })
        .collect();
    let out = GraphOut { tool: "crosscheck", version: env!("CARGO_PKG_VERSION"), claims, groups, edges };
    let mut s = serde_json::to_string_pretty(&out).expect("graph types serialize");
    s.push('\n');
    s
}
