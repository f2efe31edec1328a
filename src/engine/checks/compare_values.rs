//! compare-values: the claims of one cluster (same measure, unit, category,
//! scope, time and event) count the same thing. They agree when every pair
//! of readings overlaps ("498", "nearly 500" and a rounded "500"); else
//! they conflict, and the message lists who says what.

use std::collections::BTreeMap;

use super::{Outcome, Params, scope_text, sources, value_with_source};
use crate::engine::Status;
use crate::graph::ClaimGraph;

pub fn run(g: &ClaimGraph, params: &Params) -> Vec<Outcome> {
    let mut out = Vec::new();
    for cluster in &g.clusters {
        let mut docs: Vec<usize> = cluster.iter().map(|&i| g.claims[i].doc).collect();
        docs.sort();
        docs.dedup();
        let reading = |i: usize| g.claim(i).quantity.as_ref().map(|q| q.interval);
        let compatible = |a: usize, b: usize| match (reading(a), reading(b)) {
            (Some(x), Some(y)) => x.compatible(&y, params.tolerance),
            _ => true,
        };
        let agree = cluster.iter().enumerate().all(|(k, &a)| cluster[k + 1..].iter().all(|&b| compatible(a, b)));
        let first = cluster[0];
        let mut vars = BTreeMap::new();
        vars.insert("measure", g.claim(first).context.measure.clone().unwrap_or_default());
        vars.insert("scope", scope_text(g, first));
        vars.insert("sources", sources(g, cluster));
        vars.insert("count", docs.len().to_string());
        vars.insert("values", cluster.iter().map(|&i| value_with_source(g, i)).collect::<Vec<_>>().join(", "));
        let rounded: Vec<String> = cluster
            .iter()
            .filter_map(|&i| {
                let q = g.claim(i).quantity.as_ref()?;
                q.rounded.then(|| format!("; {} is read as a rounding", q.reading()))
            })
            .collect();
        vars.insert("rounding", rounded.join(""));
        let status = if agree { Status::Agreement } else { Status::Discrepancy };
        out.push(Outcome { status, claims: cluster.clone(), vars, diff: None });
    }
    out
}
