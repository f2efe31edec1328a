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
        // Intervals on a line overlap pairwise exactly when the greatest low
        // end is at most the least high end, so one pass decides.
        let intervals: Vec<_> =
            cluster.iter().filter_map(|&i| g.claim(i).quantity.as_ref().map(|q| q.interval)).collect();
        let widen = |v: f64, sign: f64| v + sign * v.abs() * params.tolerance;
        let greatest_low =
            intervals.iter().filter_map(|x| x.low).map(|v| widen(v, -1.0)).fold(f64::NEG_INFINITY, f64::max);
        let least_high = intervals.iter().filter_map(|x| x.high).map(|v| widen(v, 1.0)).fold(f64::INFINITY, f64::min);
        let agree = greatest_low <= least_high;
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
