//! list-count: a stated count against the list that follows it: "six other
//! cities – Baltimore; Denver; Los Angeles; New York; Portland, Oregon; and
//! Washington, D.C." names six. The finding joins the count and the list
//! claim.

use rustc_hash::FxHashMap as HashMap;

use super::{Outcome, Outcomes, Vars};
use crate::claim::ClaimKind;
use crate::engine::Status;
use crate::graph::ClaimGraph;

pub fn run(g: &ClaimGraph, out: &mut Outcomes) {
    // Each list claim by its document and span, to join it to its count.
    let lists: HashMap<(usize, (usize, usize)), usize> =
        g.of_kind(ClaimKind::List).map(|i| ((g.claims[i].doc, g.claim(i).span), i)).collect();
    for i in g.of_kind(ClaimKind::Quantity) {
        let Some(q) = g.claim(i).quantity() else { continue };
        let (Some(items), Some(value)) = (&q.list, q.value) else { continue };
        let doc = &g.analysis.corpus.documents[g.claims[i].doc];
        let names: Vec<String> = items.iter().map(|&(s, e)| doc.raw_text(s, e).to_string()).collect();
        let mut vars = Vars::new();
        vars.insert("count", crate::claim::format_number(value));
        vars.insert("listed", names.len().to_string());
        vars.insert("items", names.join("; "));
        vars.insert("noun", g.claim(i).referent.measure.get().cloned().unwrap_or_else(|| "items".into()));
        vars.insert("source", doc.source_name().to_string());
        let status = if (names.len() as f64 - value).abs() < 0.5 { Status::Agreement } else { Status::Discrepancy };
        let span = (items.first().map_or(0, |f| f.0), items.last().map_or(0, |l| l.1));
        let claims = std::iter::once(i).chain(lists.get(&(g.claims[i].doc, span)).copied()).collect();
        out.push(Outcome { status, claims, vars, diff: None });
    }
}
